/*
 * import.h - what import.c makes of the sheets, and import_yaml.c writes:
 * the actors, ties, sources, groups and kinds of the data file to be.
 */
#ifndef RG_IMPORT_H
#define RG_IMPORT_H

#include "internal.h"

/* ---- what is made ---------------------------------------------------------------- */

/* One key of an actor or a tie, with its value or values (a list). */
typedef struct kv {
    const char *key;
    const char **vals;
    size_t n;
    bool list, literal; /* literal: written as is (an integer, true/false) */
} kv;

typedef struct item {
    const char *id;  /* an actor's */
    kv *kvs;
    size_t n, cap;
} item;

/* A named thing made from text: an actor, a source, a group, a kind. */
typedef struct named {
    const char *id, *text;
} named;

typedef struct names {
    named *v;
    size_t n, cap;
    rg_index by_text, by_id;
} names;

typedef struct imp {
    rg_arena *a;
    names actors, sources, groups, tie_kinds, actor_kinds;
    rg_index tie_ids;   /* a tie id -> the row (0-based) it is first in */
    item *actor_items;  /* per actor, index for index */
    item *ties;
    size_t n_ties, cap_ties;
    rg_diags *d;        /* the sheet being read */
    bool actor_sheet;   /* actors come from a sheet: ties may not add any */
} imp;

/* import_items.c. An id made from TEXT: ASCII letters and digits, lower
 * case, '-' for each run of anything else, at most 64 characters; "x" when
 * nothing is left; "-2", "-3"... when taken in N. In the arena. */
const char *rg_imp_make_id(imp *im, const names *n, const char *text);
/* Add a thing of N: its id (made from TEXT when NULL) and
 * its text; returns its index. */
int rg_imp_name_add(imp *im, names *n, const char *id, const char *text);
/* The id of the thing of N named TEXT, made when new. */
const char *rg_imp_name_of(imp *im, names *n, const char *text);
/* A new key of IT, with no value yet. */
kv *rg_imp_item_put(item *it, const char *key);
/* One more value of K, in the arena. */
void rg_imp_kv_add(imp *im, kv *k, const char *v);
/* KEY: V in IT (LITERAL: written as is). */
void rg_imp_item_set(imp *im, item *it, const char *key, const char *v, bool literal);
/* Frees all IM holds (not IM). */
void rg_imp_free(imp *im);

/* IM as a data file, written by libyaml's emitter: malloc'd, the
 * caller's. */
char *rg_import_yaml(const imp *im, size_t *len);
/* True if YAML loads and validates with no error (relgraph --check). */
bool rg_import_validates(const char *yaml, size_t len);

#endif
