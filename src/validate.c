/*
 * validate.c - the document tree against the format of relgraph(5), into
 * a model of actors, ties, kinds, groups and sources: the top level, the
 * definitions actors and ties refer to (sources, groups, kinds), render,
 * and the warnings. validate_ties.c reads the actors and ties.
 *
 * Every problem is reported (up to RG_MAX_ERRORS) before giving up, so a
 * user fixes a file in one round. The model and everything in it belong to
 * the model's arena; rg_model_free releases it. Strings in the model are
 * copies (node.c's reader makes them): the tree may go first.
 */
#include "validate.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The keys each object takes. Keys starting with "x-" are extensions. */
static const char *const top_keys[] = {"relgraph", "title", "description",
    "sources", "groups", "kinds", "actors", "ties", "render"};
static const char *const source_keys[] = {"title", "publisher", "date", "url"};
static const char *const group_keys[] = {"name", "parent"};
static const char *const kinds_keys[] = {"ties", "actors"};
static const char *const tie_kind_keys[] = {"label", "directed", "color",
                                            "line", "arrow"};
static const char *const actor_kind_keys[] = {"label", "shape", "color", "fill"};
static const char *const render_keys[] = {"layout", "direction", "theme",
    "legend", "edge_labels", "bundle", "seed", "font", "aliases", "page",
    "orientation", "margin", "dpi", "min_font"};


/* "Did you mean" weighs the word against every candidate: with many ids
 * and many unknown ones that is errors x ids edit distances, minutes for a
 * hostile file. A budget of candidates per file keeps it to a second or
 * so (every suggestion for a file of up to 5,000 ids); past it, errors
 * come without a suggestion. */
#define SUGGEST_BUDGET 500000u

const char *rg_val_suggest(vstate *st, const char *word,
                           const char *const *candidates, size_t n)
{
    if (n > st->suggest_left)
        return NULL;
    st->suggest_left -= n;
    return rg_suggest(word, candidates, n);
}

bool rg_val_complete(vstate *st, const char *key)
{
    if (!st->doc || !st->doc->cut)
        return true;
    const rg_node *n = rg_map_get(st->top, key);
    return n && !rg_doc_open_at(st->doc, rg_node_mark(n));
}

/* "unknown actor 'irn'; did you mean 'iran'?" The candidates are the ids
 * of N objects of STRIDE bytes whose id pointer sits at OFFSET. */
void rg_val_unknown_id(vstate *st, const rg_node *n, const char *what,
                       const void *base, size_t count, size_t stride,
                       size_t offset)
{
    char key[16];
    snprintf(key, sizeof key, "%ss", what); /* actor: 'actors' */
    bool complete = rg_val_complete(st, key);
    const char **ids = rg_xmalloc((count + 1) * sizeof *ids);
    size_t c = 0;
    for (size_t i = 0; i < count; i++) {
        const char *id = *(const char *const *)((const char *)base + i * stride + offset);
        if (id)
            ids[c++] = id;
    }
    const char *s = rg_val_suggest(st, n->text, ids, c);
    if (s)
        rg_error(st->d, rg_node_mark(n), "unknown %s '%s'; did you mean '%s'?", what,
                 rg_rd_quote(RD, n), s);
    else if (complete) /* "define it under 'actors:'" */
        rg_error(st->d, rg_node_mark(n), "unknown %s '%s'; define it under '%ss:'", what,
                 rg_rd_quote(RD, n), what);
    free(ids);
}

void rg_val_warn_later(vstate *st, rg_mark m, const char *fmt, ...)
{
    rg_buf b = RG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    if (st->n_later == st->cap_later) {
        st->cap_later = st->cap_later ? 2 * st->cap_later : 16;
        st->later = rg_xrealloc(st->later, st->cap_later * sizeof *st->later);
    }
    st->later[st->n_later].mark = m;
    st->later[st->n_later++].text = rg_arena_strndup(st->arena, b.buf, b.len);
    rg_buf_free(&b);
}

/* ---- sources --------------------------------------------------------------- */

static void read_sources(vstate *st, const rg_node *top)
{
    const rg_node *map = rg_map_get(top, "sources");
    size_t n = map && map->type == RG_MAP ? rg_node_n(map) : 0;
    /* Anonymous sources (bare URLs) are added as they are met: see
     * add_source. */
    rg_model *m = st->m;
    st->cap_sources = n + 16;
    m->sources = rg_arena_alloc(st->arena, st->cap_sources * sizeof *m->sources);
    if (map && !rg_rd_is_map(RD, map, "'sources'"))
        return;
    for (size_t i = 0; i < n; i++) {
        const rg_node *k = rg_item(map, 2 * i), *val = rg_item(map, 2 * i + 1);
        const char *id = rg_rd_id(RD, k, "source id");
        if (!rg_rd_is_map(RD, val, "a source"))
            continue;
        rg_rd_keys(RD, val, source_keys, LEN(source_keys), "source");
        rg_source *s = &m->sources[m->n_sources];
        s->id = id;
        s->mark = rg_node_mark(k);
        s->title = rg_rd_string(RD, val, "title");
        if (!rg_map_get(val, "title"))
            rg_error(st->d, rg_node_mark(k), "source '%s' needs a 'title'", rg_rd_quote(RD, k));
        s->publisher = rg_rd_string(RD, val, "publisher");
        s->has_date = rg_rd_date(RD, val, "date", &s->date);
        s->url = rg_rd_url(RD, val, "url");
        if (id)
            rg_index_put(&st->source_ix, id, (int)m->n_sources);
        m->n_sources++;
    }
}

/* Room for one more source. The array grows in the arena (the old one
 * stays there, unused: at most as much again), so that a file whose every
 * tie cites a URL of its own costs no more than it needs. */
static rg_source *add_source(vstate *st)
{
    rg_model *m = st->m;
    if (m->n_sources == st->cap_sources) {
        rg_source *grown = rg_arena_alloc(st->arena, 2 * st->cap_sources *
                                                         sizeof *grown);
        memcpy(grown, m->sources, m->n_sources * sizeof *grown);
        m->sources = grown;
        st->cap_sources *= 2;
    }
    return &m->sources[m->n_sources++];
}

/* True the first time source IDX is named in the reference list STAMP. */
static bool first_mention(vstate *st, int idx, size_t stamp)
{
    size_t i = (size_t)idx;
    if (i >= st->cap_source_seen) {
        size_t cap = st->cap_source_seen ? st->cap_source_seen : 64;
        while (cap <= i)
            cap *= 2;
        st->source_seen = rg_xrealloc(st->source_seen, cap * sizeof *st->source_seen);
        memset(st->source_seen + st->cap_source_seen, 0,
               (cap - st->cap_source_seen) * sizeof *st->source_seen);
        st->cap_source_seen = cap;
    }
    if (st->source_seen[i] == stamp)
        return false;
    st->source_seen[i] = stamp;
    return true;
}

/* `source: X` or `sources: [X, Y]`: ids of `sources`, or bare URLs. */
void rg_val_refs(vstate *st, const rg_node *map, int **out, size_t *n_out)
{
    const rg_node *one = rg_map_get(map, "source");
    const rg_node *many = rg_map_get(map, "sources");
    if (one && many) {
        rg_error(st->d, rg_node_mark(many), "'source' and 'sources' cannot both be given");
        return;
    }
    const rg_node *items = NULL;
    size_t n = 0;
    if (one && one->type == RG_SEQ) {
        rg_error(st->d, rg_node_mark(one), "'source' is one source id or URL, found a list; "
                                   "for several, use 'sources:'");
        return;
    }
    if (one) {
        items = one;
        n = 1;
    } else if (many) {
        if (many->type != RG_SEQ) {
            rg_rd_wrong_type(RD, many, "sources", "a list of source ids");
            return;
        }
        items = many->items;
        n = rg_node_n(many);
    }
    if (n == 0)
        return;
    int *refs = rg_arena_alloc(st->arena, n * sizeof *refs);
    size_t k = 0;
    rg_model *m = st->m;
    size_t stamp = ++st->source_stamp;
    for (size_t i = 0; i < n; i++) {
        const rg_node *it = &items[i];
        if (it->type != RG_SCALAR || rg_node_is_null(it)) {
            rg_error(st->d, rg_node_mark(it), "a source must be a source id or a URL, found %s",
                     rg_node_what(it));
            continue;
        }
        int idx;
        if (strchr(it->text, ':')) {
            if (!rg_rd_url_ok(RD, it))
                continue;
            idx = rg_index_get(&st->url_ix, it->text);
            if (idx < 0) {
                rg_source *s = add_source(st);
                s->url = s->title = rg_rd_copy(RD, it);
                s->mark = rg_node_mark(it);
                idx = (int)m->n_sources - 1;
                rg_index_put(&st->url_ix, s->url, idx);
            }
        } else {
            idx = rg_index_get(&st->source_ix, it->text);
            if (idx < 0) {
                UNKNOWN(st, it, "source", rg_source, m->sources, m->n_sources);
                continue;
            }
        }
        /* The same source twice is harmless: keep it once. */
        if (first_mention(st, idx, stamp))
            refs[k++] = idx;
        m->sources[idx].uses++;
    }
    *out = refs;
    *n_out = k;
}

/* ---- groups ------------------------------------------------------------- */

static void read_groups(vstate *st, const rg_node *top)
{
    const rg_node *map = rg_map_get(top, "groups");
    if (!map || !rg_rd_is_map(RD, map, "'groups'"))
        return;
    rg_model *m = st->m;
    m->groups = rg_arena_alloc(st->arena, (rg_node_n(map) + 1) * sizeof *m->groups);
    const rg_node **parents = rg_xcalloc(rg_node_n(map) + 1, sizeof *parents);
    for (size_t i = 0; i < rg_node_n(map); i++) {
        const rg_node *k = rg_item(map, 2 * i), *val = rg_item(map, 2 * i + 1);
        const char *id = rg_rd_id(RD, k, "group id");
        rg_group *g = &m->groups[m->n_groups];
        g->id = id ? id : rg_rd_copy(RD, k);
        g->mark = rg_node_mark(k);
        g->parent = -1;
        if (val->type != RG_SCALAR || !rg_node_is_null(val)) {
            if (!rg_rd_is_map(RD, val, "a group"))
                continue;
            rg_rd_keys(RD, val, group_keys, LEN(group_keys), "group");
            g->name = rg_rd_string(RD, val, "name");
            parents[m->n_groups] = rg_map_get(val, "parent");
        }
        if (id)
            rg_index_put(&st->group_ix, id, (int)m->n_groups);
        m->n_groups++;
    }
    for (size_t i = 0; i < m->n_groups; i++) {
        const rg_node *p = parents[i];
        if (!p)
            continue;
        if (p->type != RG_SCALAR || rg_node_is_null(p)) {
            rg_rd_wrong_type(RD, p, "parent", "a group id");
            continue;
        }
        int idx = rg_index_get(&st->group_ix, p->text);
        if (idx < 0) {
            UNKNOWN(st, p, "group", rg_group, m->groups, m->n_groups);
            continue;
        }
        m->groups[i].parent = idx;
    }
    /* Each parent chain is walked once: LEVEL is 0 for a group not yet
     * reached, -1 on the walk in progress, -2 on or into a cycle, else its
     * depth (1 at the top). A walk that comes back to itself found a cycle,
     * named once, from the group that appears first. Groups deeper than
     * RG_MAX_DEPTH are refused like deep YAML: clusters nest as deep. */
    bool *reported = rg_xcalloc(m->n_groups + 1, 1);
    int *level = rg_xcalloc(m->n_groups + 1, sizeof *level);
    int *path = rg_xmalloc((m->n_groups + 1) * sizeof *path);
    for (size_t i = 0; i < m->n_groups; i++) {
        size_t n = 0;
        int g = (int)i;
        while (g >= 0 && level[g] == 0) {
            level[g] = -1;
            path[n++] = g;
            g = m->groups[g].parent;
        }
        if (g >= 0 && level[g] == -1) {
            int first = g;
            for (int c = m->groups[g].parent; c != g; c = m->groups[c].parent)
                if (c < first)
                    first = c;
            rg_buf b = RG_BUF_INIT;
            int c = first;
            do {
                rg_buf_printf(&b, "'%s' -> ", m->groups[c].id);
                reported[c] = true;
                c = m->groups[c].parent;
            } while (c != first);
            rg_buf_printf(&b, "'%s'", m->groups[first].id);
            rg_error(st->d, rg_node_mark(parents[first]), "group parent cycle: %s", b.buf);
            rg_buf_free(&b);
        }
        int depth = g < 0 ? 0 : level[g];
        while (n > 0) {
            int h = path[--n];
            level[h] = depth < 0 ? -2 : ++depth;
            if (depth == RG_MAX_DEPTH + 1)
                rg_error(st->d, rg_node_mark(parents[h]),
                         "group '%s' is nested deeper than the limit of %d",
                         m->groups[h].id, RG_MAX_DEPTH);
        }
    }
    free(level);
    free(path);
    /* Break cycles so later stages never loop. */
    for (size_t i = 0; i < m->n_groups; i++)
        if (reported[i])
            m->groups[i].parent = -1;
    free(reported);
    free(parents);
}

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

static void read_kinds(vstate *st, const rg_node *top)
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

/* ---- render and the top level --------------------------------------------- */

/* The value of KEY in MAP as the text of a non-null scalar, else NULL
 * (after an error when it is something else). */
static const rg_node *page_scalar(vstate *st, const rg_node *map, const char *key,
                                  const char *expected)
{
    const rg_node *v = rg_map_get(map, key);
    if (v && (v->type != RG_SCALAR || rg_node_is_null(v))) {
        rg_rd_wrong_type(RD, v, key, expected);
        return NULL;
    }
    return v;
}

/* render's page, orientation, margin, dpi and min_font (page.c reads
 * them, with the command line's messages); a margin that leaves no room
 * on the file's page is refused at the margin, or at the page when the
 * margin is the default. */
static void read_page(vstate *st, const rg_node *map)
{
    rg_render_conf *r = &st->m->render;
    int i = rg_rd_enum(RD, map, "orientation", &rg_orientation_names);
    if (i >= 0)
        r->orientation = i;
    const rg_node *page = page_scalar(st, map, "page", "a page");
    const rg_node *margin = page_scalar(st, map, "margin", "a length");
    char *why = NULL;
    bool page_ok = false, margin_ok = false;
    if (page && !(why = rg_page_parse(page->text, &r->page_w, &r->page_h)))
        page_ok = true;
    if (why)
        rg_error(st->d, rg_node_mark(page), "%s", why);
    free(why);
    why = NULL;
    if (margin && !(why = rg_margin_parse(margin->text, &r->margin)))
        margin_ok = r->margin_set = true;
    if (why)
        rg_error(st->d, rg_node_mark(margin), "%s", why);
    free(why);
    if (page_ok && (margin_ok || !margin)) {
        why = rg_page_room(r->page_w, r->page_h,
                           margin_ok ? r->margin : RG_DEFAULT_MARGIN);
        if (why)
            rg_error(st->d, margin_ok ? rg_node_mark(margin) : rg_node_mark(page), "%s", why);
        free(why);
    }
    const rg_node *dpi = page_scalar(st, map, "dpi", RG_DPI_WHAT);
    if (dpi && !(dpi->plain && rg_dpi_parse(dpi->text, &r->dpi)))
        rg_rd_wrong_type(RD, dpi, "dpi", RG_DPI_WHAT);
    const rg_node *font = page_scalar(st, map, "min_font", RG_MIN_FONT_WHAT);
    if (font && !(font->plain && rg_min_font_parse(font->text, &r->min_font)))
        rg_rd_wrong_type(RD, font, "min_font", RG_MIN_FONT_WHAT);
}

/* edge_labels: inline, notes or none; true and false, of files written
 * when it was a switch, are inline and none. */
static void read_labels(vstate *st, const rg_node *map, rg_render_conf *r)
{
    const rg_node *val = rg_map_get(map, "edge_labels");
    bool on;
    if (val && rg_node_bool(val, &on)) {
        r->labels = on ? RG_LABELS_INLINE : RG_LABELS_NONE;
        r->labels_set = true;
        return;
    }
    if (val && (val->type != RG_SCALAR || rg_node_is_null(val))) {
        rg_buf b = RG_BUF_INIT;
        for (size_t i = 0; i < rg_label_names.n; i++)
            rg_buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 < rg_label_names.n ? ", " : " or ",
                          rg_label_names.names[i]);
        rg_rd_wrong_type(RD, val, "edge_labels", b.buf);
        rg_buf_free(&b);
        return;
    }
    int i = rg_rd_enum(RD, map, "edge_labels", &rg_label_names);
    if (i >= 0) {
        r->labels = i;
        r->labels_set = true;
    }
}

static void read_render(vstate *st, const rg_node *top)
{
    rg_render_conf *r = &st->m->render;
    r->layout = rg_layout_names.names[RG_LAYOUT_AUTO];
    r->direction = rg_direction_names.names[RG_DIR_LR];
    r->theme = rg_theme_names.names[RG_THEME_LIGHT];
    r->legend = true;
    r->labels = RG_LABELS_INLINE;
    r->bundle = true;
    r->seed = 1;
    r->aliases = RG_ALIASES_TOOLTIP;
    const rg_node *map = rg_map_get(top, "render");
    if (!map || !rg_rd_is_map(RD, map, "'render'"))
        return;
    rg_rd_keys(RD, map, render_keys, LEN(render_keys), "render");
    int i;
    if ((i = rg_rd_enum(RD, map, "layout", &rg_layout_names)) >= 0)
        r->layout = rg_layout_names.names[i];
    if ((i = rg_rd_enum(RD, map, "direction", &rg_direction_names)) >= 0) {
        r->direction = rg_direction_names.names[i];
        r->direction_set = true;
    }
    if ((i = rg_rd_enum(RD, map, "theme", &rg_theme_names)) >= 0)
        r->theme = rg_theme_names.names[i];
    if ((i = rg_rd_enum(RD, map, "font", &rg_font_names)) >= 0)
        r->font = i;
    if ((i = rg_rd_enum(RD, map, "aliases", &rg_alias_names)) >= 0)
        r->aliases = i;
    rg_rd_bool(RD, map, "legend", &r->legend);
    read_labels(st, map, r);
    rg_rd_bool(RD, map, "bundle", &r->bundle);
    const rg_node *seed = rg_map_get(map, "seed");
    long long sv;
    if (seed) {
        if (!rg_node_int(seed, &sv) || sv < 0 || sv > 2147483647LL)
            rg_rd_wrong_type(RD, seed, "seed", "an integer from 0 to 2147483647");
        else
            r->seed = sv;
    }
    read_page(st, map);
}

static void warn_unused(vstate *st)
{
    rg_model *m = st->m;
    for (size_t i = 0; i < m->n_actors; i++)
        if (m->actors[i].ties == 0 && m->actors[i].id && !m->actors[i].isolated)
            rg_warning(st->d, m->actors[i].mark, "actor '%s' is in no tie",
                       m->actors[i].id);
    for (size_t i = 0; i < m->n_actors; i++)
        for (int g = m->actors[i].group; g >= 0; g = m->groups[g].parent) {
            if (m->groups[g].uses++)
                break; /* its ancestors are counted already */
        }
    for (size_t i = 0; i < m->n_groups; i++)
        if (m->groups[i].uses == 0)
            rg_warning(st->d, m->groups[i].mark, "group '%s' has no actors",
                       m->groups[i].id);
    for (size_t i = 0; i < m->n_sources; i++)
        if (m->sources[i].uses == 0 && m->sources[i].id)
            rg_warning(st->d, m->sources[i].mark, "source '%s' is never cited",
                       m->sources[i].id);
    for (size_t i = 0; i < m->n_tie_kinds; i++)
        if (m->tie_kinds[i].defined && m->tie_kinds[i].uses == 0)
            rg_warning(st->d, m->tie_kinds[i].mark,
                       "tie kind '%s' is defined but no tie uses it",
                       m->tie_kinds[i].id);
    for (size_t i = 0; i < m->n_actor_kinds; i++)
        if (m->actor_kinds[i].defined && m->actor_kinds[i].uses == 0)
            rg_warning(st->d, m->actor_kinds[i].mark,
                       "actor kind '%s' is defined but no actor uses it",
                       m->actor_kinds[i].id);
}

/* Text the drawing shows in a script the chosen font cannot draw: a
 * warning naming the object and the characters, never a silent box. */
static void warn_glyphs(vstate *st)
{
    rg_model *m = st->m;
    int font = m->render.font;
    rg_buf what = RG_BUF_INIT;
    rg_fonts_check(st->d, (rg_mark){0, 0}, font, "the title", m->title);
    for (size_t i = 0; i < m->n_actors; i++) {
        const rg_actor *a = &m->actors[i];
        rg_buf_clear(&what);
        rg_buf_printf(&what, "actor '%s'", a->id ? a->id : "");
        rg_fonts_check(st->d, a->mark, font, what.buf, rg_actor_name(a));
        rg_fonts_check(st->d, a->mark, font, what.buf, a->role);
        for (size_t k = 0; m->render.aliases == RG_ALIASES_BELOW && k < a->n_aliases; k++)
            rg_fonts_check(st->d, a->mark, font, what.buf, a->aliases[k]);
    }
    for (size_t i = 0; i < m->n_ties; i++) {
        rg_buf_clear(&what);
        rg_buf_printf(&what, "tie %zu", m->ties[i].pos);
        rg_fonts_check(st->d, m->ties[i].mark, font, what.buf, m->ties[i].label);
    }
    for (size_t i = 0; i < m->n_groups; i++) {
        rg_buf_clear(&what);
        rg_buf_printf(&what, "group '%s'", m->groups[i].id);
        rg_fonts_check(st->d, m->groups[i].mark, font, what.buf, m->groups[i].name);
    }
    /* The kinds' labels, in the legend: of both families alike. */
    for (size_t i = 0; i < m->n_tie_kinds + m->n_actor_kinds; i++) {
        bool tie = i < m->n_tie_kinds;
        const rg_tie_kind *tk = tie ? &m->tie_kinds[i] : NULL;
        const rg_actor_kind *ak = tie ? NULL : &m->actor_kinds[i - m->n_tie_kinds];
        if (!(tie ? tk->defined : ak->defined))
            continue;
        rg_buf_clear(&what);
        rg_buf_printf(&what, "%s kind '%s'", tie ? "tie" : "actor", tie ? tk->id : ak->id);
        rg_fonts_check(st->d, tie ? tk->mark : ak->mark, font, what.buf,
                       tie ? tk->label : ak->label);
    }
    rg_buf_free(&what);
}

static void read_top(vstate *st, const rg_node *top)
{
    rg_rd_keys(RD, top, top_keys, LEN(top_keys), "the top level");
    const rg_node *ver = rg_map_get(top, "relgraph");
    long long vv;
    if (ver && (!rg_node_int(ver, &vv) || vv != 1))
        rg_error(st->d, rg_node_mark(ver),
                 "unsupported format version '%s'; this relgraph reads 'relgraph: 1'",
                 rg_rd_quote(RD, ver));
    st->m->title = rg_rd_string(RD, top, "title");
    st->m->description = rg_rd_string(RD, top, "description");
}

static rg_model *validate(const rg_doc *doc, rg_diags *d)
{
    size_t errors_before = rg_diags_errors(d);
    const rg_node *top = doc ? doc->root : NULL;
    if (!top || (top->type == RG_SCALAR && rg_node_is_null(top))) {
        rg_error(d, (rg_mark){0, 0}, "the file is empty; it needs at least 'actors'");
        return NULL;
    }
    if (top->type != RG_MAP) {
        rg_error(d, rg_node_mark(top),
                 "the file must be a mapping with 'actors' and 'ties', found %s",
                 rg_node_what(top));
        return NULL;
    }
    rg_model *m = rg_xcalloc(1, sizeof *m);
    m->arena = rg_arena_new();
    vstate st = {.rd = {d, m->arena}, .d = d, .m = m, .arena = m->arena,
                 .doc = doc, .top = top, .suggest_left = SUGGEST_BUDGET};
    read_top(&st, top);
    read_sources(&st, top);
    read_groups(&st, top);
    read_kinds(&st, top);
    rg_val_actors(&st, top);
    rg_val_ties(&st, top);
    read_render(&st, top);
    if (rg_diags_errors(d) == errors_before) {
        for (size_t i = 0; i < st.n_later; i++)
            rg_warning(d, st.later[i].mark, "%s", st.later[i].text);
        warn_unused(&st);
        warn_glyphs(&st);
        rg_style_look_alike(m, m->render.theme, d);
    }
    free(st.later);

    rg_index_free(&st.actor_ix);
    rg_index_free(&st.group_ix);
    rg_index_free(&st.source_ix);
    rg_index_free(&st.url_ix);
    rg_index_free(&st.tie_kind_ix);
    rg_index_free(&st.actor_kind_ix);
    rg_index_free(&st.tie_ix);
    free(st.party_seen);
    free(st.source_seen);
    if (rg_diags_errors(d) != errors_before) {
        rg_model_free(m);
        return NULL;
    }
    return m;
}

/* A document whose loading failed (rg_load_partial): its errors before
 * the cut, but those that the cut itself makes (a key missing from a
 * collection still open there, "the file has no 'actors'"), and never a
 * warning or a model. */
typedef struct partial {
    rg_diags *d;
    const rg_doc *doc;
} partial;

static bool before(rg_mark a, rg_mark b)
{
    return a.line < b.line || (a.line == b.line && a.column < b.column);
}

static void forward(const rg_diagnostic *g, void *ud)
{
    const partial *p = ud;
    if (g->severity != RG_ERROR || !g->has_mark)
        return;
    if (p->doc->cut && (!before(g->mark, p->doc->cut_at) ||
                        rg_doc_open_at(p->doc, g->mark) ||
                        g->mark.line > p->doc->flow_line))
        return;
    rg_error(p->d, g->mark, "%s", g->message);
}

rg_model *rg_validate(const rg_doc *doc, rg_diags *d)
{
    if (!doc || !doc->failed)
        return validate(doc, d);
    partial p = {d, doc};
    rg_diags *seen = rg_diags_new("", forward, &p);
    rg_model_free(validate(doc, seen));
    rg_diags_flush(seen);
    rg_diags_free(seen);
    return NULL;
}
