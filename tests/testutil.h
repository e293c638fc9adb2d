/*
 * testutil.h - helpers shared by the cmocka tests: a diagnostics sink that
 * records every message as "LINE:COL: error: MESSAGE" lines (1-based, as
 * printed), and loaders for YAML held in strings.
 */
#ifndef RG_TESTUTIL_H
#define RG_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"

typedef struct tu_sink {
    rg_buf text; /* every diagnostic, one per line */
} tu_sink;

static inline void tu_collect(const rg_diagnostic *d, void *ud)
{
    tu_sink *s = ud;
    const char *sev = d->severity == RG_ERROR ? "error" : "warning";
    if (d->has_mark)
        rg_buf_printf(&s->text, "%zu:%zu: %s: %s\n", d->mark.line + 1,
                      d->mark.column + 1, sev, d->message);
    else
        rg_buf_printf(&s->text, "%s: %s\n", sev, d->message);
}

/* Diagnostics of one run: create, use, then tu_text() and tu_done(). */
typedef struct tu_run {
    tu_sink sink;
    rg_diags *diags;
} tu_run;

static inline void tu_begin(tu_run *r)
{
    memset(r, 0, sizeof *r);
    r->diags = rg_diags_new("test.yaml", tu_collect, &r->sink);
}

/* All diagnostics so far, flushed; "" when there were none. */
static inline const char *tu_text(tu_run *r)
{
    rg_diags_flush(r->diags);
    return r->sink.text.buf ? r->sink.text.buf : "";
}

static inline void tu_done(tu_run *r)
{
    rg_diags_free(r->diags);
    free(r->sink.text.buf);
}

/* Load and validate YAML text; returns the model or NULL. *DOC receives
 * the document (free both). */
static inline rg_model *tu_model(tu_run *r, const char *yaml, rg_doc **doc)
{
    *doc = rg_load(yaml, strlen(yaml), r->diags);
    if (!*doc)
        return NULL;
    return rg_validate(*doc, r->diags);
}

/* The model of YAML, which must load and validate with no error (with
 * QUIET, with no diagnostic at all; else warnings, such as an actor in no
 * tie, are allowed); the test fails otherwise. The document is freed: the
 * model owns copies of its strings. */
static inline rg_model *tu_valid_model(const char *yaml, bool quiet)
{
    tu_run r;
    tu_begin(&r);
    rg_doc *doc = NULL;
    rg_model *m = tu_model(&r, yaml, &doc);
    const char *text = tu_text(&r);
    if (!m || strstr(text, "error:") || (quiet && *text))
        fail_msg("the test file does not validate %s:\n%s",
                 quiet ? "quietly" : "", text);
    rg_doc_free(doc);
    tu_done(&r);
    return m;
}

/* The diagnostics for YAML, loaded (with PARTIAL, as relgraph reads a
 * file: rg_load_partial) and validated, as one string (owned by the
 * caller). */
static inline char *tu_diagnose_as(const char *yaml, bool partial)
{
    tu_run r;
    tu_begin(&r);
    rg_doc *doc = NULL;
    rg_model *m = NULL;
    if (partial) {
        doc = rg_load_partial(yaml, strlen(yaml), r.diags);
        m = doc ? rg_validate(doc, r.diags) : NULL;
        if (m && rg_diags_errors(r.diags))
            fail_msg("a model despite errors");
    } else {
        m = tu_model(&r, yaml, &doc);
    }
    char *out = rg_xstrdup(tu_text(&r));
    rg_model_free(m);
    rg_doc_free(doc);
    tu_done(&r);
    return out;
}

/* Assert that YAML gives exactly EXPECTED as its diagnostics. */
static inline char *tu_diagnose(const char *yaml)
{
    return tu_diagnose_as(yaml, false);
}

#define tu_assert_diags(yaml, expected)                                   \
    do {                                                                  \
        char *tu_got_ = tu_diagnose(yaml);                                \
        assert_string_equal(tu_got_, expected);                           \
        free(tu_got_);                                                    \
    } while (0)

#endif
