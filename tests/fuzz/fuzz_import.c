/*
 * fuzz_import.c - libFuzzer target: untrusted spreadsheets through
 * `relgraph import` (sheet.c, import.c, import_yaml.c).
 *
 * The first byte of an input says how to read the rest: bit 0, as TSV
 * rather than CSV; bit 1, as two sheets, actors then ties, split at the
 * first 0x1E byte (the ASCII record separator; without one, the ties
 * sheet is empty). Any crash, sanitizer report, leak or hang is a bug; so
 * is a result that does not pass the validator (rg_import checks it, and
 * says so in an error that this target turns into a crash), and a result
 * with an error reported, or none without one.
 *
 * Built and run by `make fuzz`; see tests/fuzz/README.md.
 */
#include "internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FUZZ_MAX_INPUT (64u * 1024u)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Reads every message; a result that fails its own validation aborts. */
static void check(const rg_diagnostic *d, void *userdata)
{
    size_t *sum = userdata;
    *sum += strlen(d->message) + strlen(d->file);
    /* The message itself, not a cell that quotes its words. */
    if (!d->has_mark && strcmp(d->message, "the imported data does not pass "
                                           "--check; please report this with "
                                           "the sheets") == 0) {
        fprintf(stderr, "fuzz_import: %s\n", d->message);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0 || size > FUZZ_MAX_INPUT)
        return 0;
    bool tsv = data[0] & 1, two = data[0] & 2;
    const char *rest = (const char *)data + 1;
    size_t n = size - 1;
    const char *cut = two ? memchr(rest, 0x1E, n) : NULL;
    size_t sum = 0;
    rg_diags *da = rg_diags_new("actors.csv", check, &sum);
    rg_diags *dt = rg_diags_new("ties.csv", check, &sum);
    rg_sheet_input a = {rest, cut ? (size_t)(cut - rest) : n, tsv, da};
    rg_sheet_input t = {cut ? cut + 1 : "", cut ? n - (size_t)(cut - rest) - 1 : 0,
                        tsv, dt};
    size_t len = 0;
    char *yaml = rg_import(two ? &a : NULL, two ? &t : &a, &len);
    size_t errors = rg_diags_errors(da) + rg_diags_errors(dt);
    if ((yaml != NULL) == (errors > 0)) {
        fprintf(stderr, "fuzz_import: %s with %zu errors\n",
                yaml ? "a result" : "no result", errors);
        abort();
    }
    if (yaml && strlen(yaml) != len)
        abort();
    rg_diags_flush(da);
    rg_diags_flush(dt);
    rg_diags_free(da);
    rg_diags_free(dt);
    free(yaml);
    return 0;
}
