/*
 * fuzz_load.c - libFuzzer target: untrusted bytes through the loader and
 * the validator (load.c, validate.c, diag.c, util.c).
 *
 * Every input is loaded, validated when it loads, its diagnostics flushed
 * (sorted and handed to a callback that reads and discards them), and
 * everything freed. Any crash, sanitizer report, leak or hang is a bug in
 * relgraph: the loader's limits (SPEC section 1) must turn every input
 * into a model or into error messages, quickly.
 *
 * Built and run by `make fuzz`; see tests/fuzz/README.md.
 */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Inputs beyond this say nothing new and only slow the run down. */
#define FUZZ_MAX_INPUT (64u * 1024u)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads every byte of every message, so that a dangling or unterminated
 * one is caught by AddressSanitizer. */
static void discard(const rg_diagnostic *d, void *userdata)
{
    size_t *total = userdata;
    *total += strlen(d->message) + strlen(d->file);
    if (d->has_mark)
        *total += d->mark.line + d->mark.column;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    size_t total = 0;
    rg_diags *d = rg_diags_new("fuzz.yaml", discard, &total);
    /* Not NUL-terminated, on purpose: rg_load takes a length. */
    rg_doc *doc = rg_load((const char *)data, size, d);
    rg_model *m = doc ? rg_validate(doc, d) : NULL;
    /* A model comes with no error, and no model without one. */
    if ((m != NULL) == (rg_diags_errors(d) != 0))
        abort();
    rg_diags_flush(d);
    rg_model_free(m);
    rg_doc_free(doc);
    rg_diags_free(d);
    return 0;
}
