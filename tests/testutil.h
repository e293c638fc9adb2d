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
 * model keeps the document's strings. */
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

/* The diagnostics for YAML, loaded and validated (owned by the caller). */
static inline char *tu_diagnose(const char *yaml)
{
    return tu_diagnose_as(yaml, false);
}

/* Assert that the string GOT, the test's to free, is EXPECTED, and free
 * it. A macro, so that a failure names the line of the check. */
#define tu_assert_owned(got, expected)                                    \
    do {                                                                  \
        char *tu_got_ = (got);                                            \
        assert_string_equal(tu_got_, expected);                           \
        free(tu_got_);                                                    \
    } while (0)

/* Assert that YAML gives exactly EXPECTED as its diagnostics. */
#define tu_assert_diags(yaml, expected) tu_assert_owned(tu_diagnose(yaml), expected)

/* The index in M of the object WHAT ID names: WHAT is "actor", "group",
 * "source", "tie kind" or "actor kind". The test fails when there is
 * none. */
static inline size_t tu_index(const rg_model *m, const char *what,
                              const char *id)
{
    size_t n = 0;
    for (size_t i = 0;; i++) {
        const char *the_id = NULL;
        if (strcmp(what, "actor") == 0 && (n = m->n_actors) > i)
            the_id = m->actors[i].id;
        else if (strcmp(what, "group") == 0 && (n = m->n_groups) > i)
            the_id = m->groups[i].id;
        else if (strcmp(what, "source") == 0 && (n = m->n_sources) > i)
            the_id = m->sources[i].id;
        else if (strcmp(what, "tie kind") == 0 && (n = m->n_tie_kinds) > i)
            the_id = m->tie_kinds[i].id;
        else if (strcmp(what, "actor kind") == 0 && (n = m->n_actor_kinds) > i)
            the_id = m->actor_kinds[i].id;
        else
            break;
        if (the_id && strcmp(the_id, id) == 0)
            return i;
    }
    fail_msg("no %s '%s'", what, id);
    return n;
}

/* ---- the fullest example of relgraph(5) ---- */

/* The sections of the format's fullest example (the U.S.-Iran talks)
 * that every test completing it keeps as they are: the head, the source,
 * the groups, the kinds, the first actors and ties. */
#define TU_SPEC_HEAD                                                      \
    "relgraph: 1\n"                                                       \
    "title: U.S.\xE2\x80\x93Iran talks on Iraq security\n"                \
    "description: >\n"                                                    \
    "  Baghdad, 28 May 2007: first formal talks since 1979.\n"
#define TU_SPEC_SOURCES                                                   \
    "sources:\n"                                                          \
    "  cbs:\n"                                                            \
    "    title: U.S., Iran Hold Meeting On Iraq Security\n"               \
    "    publisher: CBS News\n"                                           \
    "    date: 2007-05-28\n"                                              \
    "    url: https://www.cbsnews.com/\n"
#define TU_SPEC_GROUPS                                                    \
    "groups:\n"                                                           \
    "  usa:  {name: United States side}\n"                                \
    "  iraq: {name: Iraqi government}\n"                                  \
    "  gz:   {name: Green Zone, parent: iraq}\n"
#define TU_SPEC_KINDS                                                     \
    "kinds:\n"                                                            \
    "  ties:\n"                                                           \
    "    arrests: {label: arrests, directed: true, color: vermillion, line: bold}\n" \
    "  actors:\n"                                                         \
    "    militia: {label: armed group, shape: hexagon, color: orange}\n"
/* The first three actors, under "actors:". */
#define TU_SPEC_ACTORS                                                    \
    "actors:\n"                                                           \
    "  us:      {name: United States, kind: country, group: usa}\n"       \
    "  crocker: {name: Ryan Crocker, kind: person, role: U.S. Ambassador to Iraq, group: usa}\n" \
    "  kazemi:\n"                                                         \
    "    name: Hassan Kazemi Qomi\n"                                      \
    "    kind: person\n"                                                  \
    "    role: Iranian ambassador to Iraq\n"                              \
    "    aliases: [Kazemi]\n"                                             \
    "    note: Said Iran was ready to train and equip the Iraqi army.\n"  \
    "    url: https://en.wikipedia.org/wiki/Hassan_Kazemi_Qomi\n"
/* The first three ties, under "ties:" (actors iran and iranians7 are the
 * completing test's). */
#define TU_SPEC_TIES                                                      \
    "ties:\n"                                                             \
    "  - {from: us, to: iran, kind: accuses, label: arming and training militias, source: cbs}\n" \
    "  - {from: us, to: iranians7, kind: custody, start: 2007-01, label: Irbil raid}\n" \
    "  - between: [crocker, kazemi, rubaie]\n"                            \
    "    kind: talks\n"                                                   \
    "    date: 2007-05-28\n"                                              \
    "    label: four-hour talks\n"                                        \
    "    sources: [cbs]\n"
/* A render section with every setting written out: dot, left to right,
 * the light theme, legend and edge labels on, seed 1. */
#define TU_RENDER_ALL                                                \
    "render:\n"                                                           \
    "  layout: dot\n"                                                     \
    "  direction: LR\n"                                                   \
    "  theme: light\n"                                                    \
    "  legend: true\n"                                                    \
    "  edge_labels: true\n"                                               \
    "  seed: 1\n"

#endif
