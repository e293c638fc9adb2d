/*
 * validate.h - the validator's state, shared by its files: validate.c
 * (the document, sources, groups, the warnings), validate_kinds.c (the
 * kinds), validate_ties.c (actors, ties) and validate_render.c (render).
 */
#ifndef RG_VALIDATE_H
#define RG_VALIDATE_H

#include "internal.h"

#include <stddef.h>

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

typedef struct vstate {
    rg_reader rd;          /* diagnostics and the model's arena */
    rg_diags *d;
    rg_model *m;
    rg_arena *arena;
    const rg_doc *doc;     /* cut short by a syntax error, or complete */
    const rg_node *top;
    rg_index actor_ix, group_ix, source_ix, url_ix, tie_kind_ix, actor_kind_ix;
    rg_index tie_ix; /* explicit tie ids -> position in the file */
    rg_mark *tie_id_marks; /* made on the first tie id */
    size_t n_tie_items;
    size_t cap_sources;
    bool list_form;
    /* For finding duplicates in one pass: the last tie (+1) that named
     * each actor, and the last reference list (a stamp) that named each
     * source. */
    size_t *party_seen;
    size_t *source_seen, cap_source_seen, source_stamp;
    size_t suggest_left; /* candidates "did you mean" may still weigh */
    /* Warnings found while reading, given only when the file has no
     * error (relgraph(5), ERRORS AND WARNINGS); texts in the arena. */
    struct rg_val_later { rg_mark mark; const char *text; } *later;
    size_t n_later, cap_later;
} vstate;

/* The reader of the state ST in scope. */
#define RD (&st->rd)

/* False when the ids under the top-level KEY ("actors") may be more than
 * the tree holds: a syntax error cut it, inside them or before them. An
 * id unknown there may be defined past the cut: an error only when it is
 * close to a known one ("did you mean"). */
bool rg_val_complete(vstate *st, const char *key);
/* "Did you mean" within the file's budget of candidates. */
const char *rg_val_suggest(vstate *st, const char *word,
                           const char *const *candidates, size_t n);
/* "unknown actor 'irn'; did you mean 'iran'?" The candidates are the ids
 * of COUNT objects of STRIDE bytes whose id pointer sits at OFFSET. */
void rg_val_unknown_id(vstate *st, const rg_node *n, const char *what,
                       const void *base, size_t count, size_t stride,
                       size_t offset);
#define UNKNOWN(st, n, what, type, arr, count) \
    rg_val_unknown_id(st, n, what, arr, count, sizeof(type), offsetof(type, id))
/* `source: X` or `sources: [X, Y]` of MAP: indexes into the sources. */
void rg_val_refs(vstate *st, const rg_node *map, int **out, size_t *n_out);
/* The top level's kinds (validate_kinds.c) and render
 * (validate_render.c), into ST's model. */
void rg_val_kinds(vstate *st, const rg_node *top);
void rg_val_render(vstate *st, const rg_node *top);
/* A warning at M, given with the others when the file has no error. */
void rg_val_warn_later(vstate *st, rg_mark m, const char *fmt, ...) RG_PRINTF(3, 4);
/* The kind VAL names (TIE: a tie kind, else an actor kind), or -1. */
int rg_val_find_kind(vstate *st, const rg_node *val, bool tie);
/* The file's actors and ties into st->m (validate_ties.c). */
void rg_val_actors(vstate *st, const rg_node *top);
void rg_val_ties(vstate *st, const rg_node *top);

#endif
