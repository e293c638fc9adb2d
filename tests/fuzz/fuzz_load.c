/*
 * fuzz_load.c - libFuzzer target: untrusted bytes through the loader and
 * the validator (load.c, validate.c, diag.c, util.c).
 *
 * Every input is loaded, validated when it loads, its diagnostics flushed
 * (sorted and handed to a callback that reads and discards them), and
 * everything freed. Any crash, sanitizer report, leak or hang is a bug in
 * relgraph: the loader's limits (relgraph(5), LIMITS) must turn every input
 * into a model or into error messages, quickly. So are messages out of
 * proportion to the input (FUZZ_MAX_SAID): they are memory, and output
 * that a CI log would have to hold.
 *
 * Built and run by `make fuzz`; see tests/fuzz/README.md.
 */
#include "internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Inputs beyond this say nothing new and only slow the run down. */
#define FUZZ_MAX_INPUT (64u * 1024u)

/* The most the messages about SIZE bytes of input may take, as printed
 * ("FILE:LINE:COL: error: " and the message). At most RG_MAX_ERRORS
 * errors, each quoting a little of the input; warnings one per object
 * defined, and an object takes a few bytes: "{a, b, c}" is three actors,
 * each "in no tie". (Every unknown kind once listed every kind the
 * file defined: 900 MB of messages for a file of 16 MB.) */
#define FUZZ_MAX_SAID(size) (32 * (size) + 256u * 1024u)

typedef struct said {
    size_t sum;   /* of every byte and number read */
    size_t bytes; /* as printed */
} said;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads every byte of every message, so that a dangling or unterminated
 * one is caught by AddressSanitizer. */
static void discard(const rg_diagnostic *d, void *userdata)
{
    said *s = userdata;
    size_t n = strlen(d->message) + strlen(d->file);
    s->sum += n;
    s->bytes += n + 32; /* ":LINE:COL: warning: " and the newline */
    if (d->has_mark)
        s->sum += d->mark.line + d->mark.column;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    said total = {0, 0};
    rg_diags *d = rg_diags_new("fuzz.yaml", discard, &total);
    /* Not NUL-terminated, on purpose: rg_load takes a length. */
    rg_doc *doc = rg_load_partial((const char *)data, size, d);
    rg_model *m = doc ? rg_validate(doc, d) : NULL;
    /* A model comes with no error, and no model without one. */
    if ((m != NULL) == (rg_diags_errors(d) != 0))
        abort();
    rg_diags_flush(d);
    if (total.bytes > FUZZ_MAX_SAID(size))
        abort();
    rg_model_free(m);
    rg_doc_free(doc);
    rg_diags_free(d);
    return 0;
}
