/*
 * validate_kinds.c - kinds.ties and kinds.actors of relgraph(5), KINDS:
 * the built-in kinds a file changes and the kinds of its own, each field
 * checked; and the kind a tie or an actor names.
 */
#include "validate.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kinds_keys[] = {"ties", "actors"};
static const char *const tie_kind_keys[] = {"label", "directed", "color",
                                            "line", "arrow"};
static const char *const actor_kind_keys[] = {"label", "shape", "color", "fill"};

/* ---- kinds (relgraph(5), KINDS) -------------------------------------------- */

/* A definition under kinds.ties or kinds.actors, once its id is known:
 * the kind with that id (made with the family's defaults if it is new),
 * then its fields read from VAL. */
typedef struct family {
    const char *key;            /* under `kinds` */
    const char *what;           /* "tie kind" */
    const char *a_what;         /* "a tie kind" */
    const char *const *keys;
    size_t n_keys;
    int (*make)(vstate *st, const char *id);
    void (*read)(vstate *st, int idx, const rg_node *key, const rg_node *val);
} family;

static int make_tie_kind(vstate *st, const char *id)
{
    rg_tie_kind *tk = &st->m->tie_kinds[st->m->n_tie_kinds];
    tk->id = id;
    tk->label = id;
    tk->directed = true;
    tk->color = 0x555555;
    tk->line = RG_LINE_SOLID;
    tk->arrow = RG_ARROW_NORMAL;
    return (int)st->m->n_tie_kinds++;
}

/* What every definition says: that it is one, where, and a label. */
static void defined_at(vstate *st, const rg_node *key, const rg_node *val,
                       bool *defined, rg_mark *mark, const char **label)
{
    *defined = true;
    *mark = rg_node_mark(key);
    const char *l = rg_rd_string(RD, val, "label");
    if (l)
        *label = l;
}

static void read_tie_kind(vstate *st, int idx, const rg_node *key,
                          const rg_node *val)
{
    rg_tie_kind *tk = &st->m->tie_kinds[idx];
    defined_at(st, key, val, &tk->defined, &tk->mark, &tk->label);
    rg_rd_bool(RD, val, "directed", &tk->directed);
    rg_rd_color(RD, val, "color", &tk->color);
    int line = rg_rd_enum(RD, val, "line", &rg_line_names);
    if (line >= 0)
        tk->line = (rg_line)line;
    int arrow = rg_rd_enum(RD, val, "arrow", &rg_arrow_names);
    if (arrow >= 0)
        tk->arrow = (rg_arrow)arrow;
    /* An undirected kind made directed needs an arrowhead to show it
     * (relgraph(5), KINDS): "none" only when the file says so. */
    else if (tk->directed && tk->arrow == RG_ARROW_NONE)
        tk->arrow = RG_ARROW_NORMAL;
}

static int make_actor_kind(vstate *st, const char *id)
{
    rg_actor_kind *ak = &st->m->actor_kinds[st->m->n_actor_kinds];
    ak->id = id;
    ak->label = id;
    ak->shape = "box";
    ak->color = 0x555555;
    return (int)st->m->n_actor_kinds++;
}

static void read_actor_kind(vstate *st, int idx, const rg_node *key,
                            const rg_node *val)
{
    rg_actor_kind *ak = &st->m->actor_kinds[idx];
    defined_at(st, key, val, &ak->defined, &ak->mark, &ak->label);
    int shape = rg_rd_enum(RD, val, "shape", &rg_shape_names);
    if (shape >= 0)
        ak->shape = rg_shape_names.names[shape];
    rg_rd_color(RD, val, "color", &ak->color);
    if (rg_rd_color(RD, val, "fill", &ak->fill))
        ak->has_fill = true;
}

static const family tie_family = {"ties", "tie kind", "a tie kind",
    tie_kind_keys, LEN(tie_kind_keys), make_tie_kind, read_tie_kind};
static const family actor_family = {"actors", "actor kind", "an actor kind",
    actor_kind_keys, LEN(actor_kind_keys), make_actor_kind, read_actor_kind};

/* The definitions in MAP (kinds.ties or kinds.actors); IX indexes the
 * family's kinds, built-ins first. */
static void read_definitions(vstate *st, const family *f, const rg_node *map,
                             rg_index *ix)
{
    for (size_t i = 0; map && i < rg_node_n(map); i++) {
        const rg_node *k = rg_item(map, 2 * i), *val = rg_item(map, 2 * i + 1);
        const char *id = rg_rd_id(RD, k, "kind id");
        if (!id || !rg_rd_is_map(RD, val, f->a_what))
            continue;
        rg_rd_keys(RD, val, f->keys, f->n_keys, f->what);
        int idx = rg_index_get(ix, id);
        if (idx < 0) {
            idx = f->make(st, id);
            rg_index_put(ix, id, idx);
        }
        f->read(st, idx, k, val);
    }
}

void rg_val_kinds(vstate *st, const rg_node *top)
{
    rg_model *m = st->m;
    const rg_node *kinds = rg_map_get(top, "kinds");
    const rg_node *ties = NULL, *actors = NULL;
    if (kinds && rg_rd_is_map(RD, kinds, "'kinds'")) {
        rg_rd_keys(RD, kinds, kinds_keys, LEN(kinds_keys), "kinds");
        ties = rg_map_get(kinds, "ties");
        actors = rg_map_get(kinds, "actors");
        if (ties && !rg_rd_is_map(RD, ties, "'kinds.ties'"))
            ties = NULL;
        if (actors && !rg_rd_is_map(RD, actors, "'kinds.actors'"))
            actors = NULL;
    }
    size_t nt = rg_builtin_ties_len + (ties ? rg_node_n(ties) : 0);
    size_t na = rg_builtin_actors_len + (actors ? rg_node_n(actors) : 0);
    m->tie_kinds = rg_arena_alloc(st->arena, nt * sizeof *m->tie_kinds);
    m->actor_kinds = rg_arena_alloc(st->arena, na * sizeof *m->actor_kinds);
    for (size_t i = 0; i < rg_builtin_ties_len; i++) {
        m->tie_kinds[i] = rg_builtin_ties[i];
        m->tie_kinds[i].builtin = true;
        rg_index_put(&st->tie_kind_ix, rg_builtin_ties[i].id, (int)i);
    }
    m->n_tie_kinds = rg_builtin_ties_len;
    for (size_t i = 0; i < rg_builtin_actors_len; i++) {
        m->actor_kinds[i] = rg_builtin_actors[i];
        m->actor_kinds[i].builtin = true;
        rg_index_put(&st->actor_kind_ix, rg_builtin_actors[i].id, (int)i);
    }
    m->n_actor_kinds = rg_builtin_actors_len;
    read_definitions(st, &tie_family, ties, &st->tie_kind_ix);
    read_definitions(st, &actor_family, actors, &st->actor_kind_ix);
}

/* Kinds named in "use one of": a file may define a million, and every
 * unknown kind would list them all. */
#define KINDS_LISTED 30

/* Look a kind up, with "did you mean" over the kinds of that family. */
int rg_val_find_kind(vstate *st, const rg_node *val, bool tie)
{
    const char *key = "kind";
    if (val->type != RG_SCALAR || rg_node_is_null(val)) {
        rg_rd_wrong_type(RD, val, key, "a kind id");
        return -1;
    }
    const rg_index *ix = tie ? &st->tie_kind_ix : &st->actor_kind_ix;
    int idx = rg_index_get(ix, val->text);
    if (idx >= 0)
        return idx;
    size_t n = tie ? st->m->n_tie_kinds : st->m->n_actor_kinds;
    const char **ids = rg_xmalloc((n + 1) * sizeof *ids);
    for (size_t i = 0; i < n; i++)
        ids[i] = tie ? st->m->tie_kinds[i].id : st->m->actor_kinds[i].id;
    const char *s = rg_val_suggest(st, val->text, ids, n);
    if (s) {
        rg_error(st->d, rg_node_mark(val), "unknown %s kind '%s'; did you mean '%s'?",
                 tie ? "tie" : "actor", rg_rd_quote(RD, val), s);
    } else if (rg_val_complete(st, "kinds")) {
        rg_buf b = RG_BUF_INIT;
        for (size_t i = 0; i < n && i < KINDS_LISTED; i++)
            rg_buf_printf(&b, "%s%s", i ? ", " : "", ids[i]);
        if (n > KINDS_LISTED)
            rg_buf_printf(&b, " and %zu more", n - KINDS_LISTED);
        rg_error(st->d, rg_node_mark(val),
                 "unknown %s kind '%s'; define it under 'kinds.%s' or use one of: %s",
                 tie ? "tie" : "actor", rg_rd_quote(RD, val), tie ? "ties" : "actors", b.buf);
        rg_buf_free(&b);
    }
    free(ids);
    return -1;
}
