/*
 * validate.c - the document tree against the format of relgraph(5), into
 * a model of actors, ties, kinds, groups and sources: the top level, the
 * definitions actors and ties refer to (sources, groups), and the
 * warnings. validate_kinds.c reads the kinds, validate_ties.c the actors
 * and ties, validate_render.c the render section.
 *
 * Every problem is reported (up to RG_MAX_ERRORS) before giving up, so a
 * user fixes a file in one round. The model and everything in it belong to
 * the model's arena; rg_model_free releases it. The texts read from the
 * file are the tree's own, in the document's strings, which the model
 * keeps (rg_arena_keep): the tree may go first, and nothing is copied.
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

/* ---- the top level ---------------------------------------------------------- */

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

/* TEXT (or none) has no character FONT cannot draw: cheap for ASCII, so
 * that the name of the object is only written out for a warning. */
static bool all_drawn(int font, const char *text)
{
    return !text || rg_fonts_missing(font, text, NULL, 0) == 0;
}

/* One text of an object: checked, and only when a glyph is missing is the
 * object named (FMT into WHAT) for the warning. */
static void RG_PRINTF(6, 7)
glyphs_of(vstate *st, rg_buf *what, rg_mark mark, int font, const char *text,
          const char *fmt, ...)
{
    if (all_drawn(font, text))
        return;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_clear(what);
    rg_buf_vprintf(what, fmt, ap);
    va_end(ap);
    rg_fonts_check(st->d, mark, font, what->buf, text);
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
        bool aliases = m->render.aliases == RG_ALIASES_BELOW;
        bool drawn = all_drawn(font, rg_actor_name(a)) && all_drawn(font, a->role);
        for (size_t k = 0; drawn && aliases && k < a->n_aliases; k++)
            drawn = all_drawn(font, a->aliases[k]);
        if (drawn)
            continue;
        rg_buf_clear(&what);
        rg_buf_printf(&what, "actor '%s'", a->id ? a->id : "");
        rg_fonts_check(st->d, a->mark, font, what.buf, rg_actor_name(a));
        rg_fonts_check(st->d, a->mark, font, what.buf, a->role);
        for (size_t k = 0; aliases && k < a->n_aliases; k++)
            rg_fonts_check(st->d, a->mark, font, what.buf, a->aliases[k]);
    }
    for (size_t i = 0; i < m->n_ties; i++)
        glyphs_of(st, &what, m->ties[i].mark, font, m->ties[i].label, "tie %zu",
                  m->ties[i].pos);
    for (size_t i = 0; i < m->n_groups; i++)
        glyphs_of(st, &what, m->groups[i].mark, font, m->groups[i].name, "group '%s'",
                  m->groups[i].id);
    /* The kinds' labels, in the legend: of both families alike. */
    for (size_t i = 0; i < m->n_tie_kinds + m->n_actor_kinds; i++) {
        bool tie = i < m->n_tie_kinds;
        const rg_tie_kind *tk = tie ? &m->tie_kinds[i] : NULL;
        const rg_actor_kind *ak = tie ? NULL : &m->actor_kinds[i - m->n_tie_kinds];
        if (tie ? tk->defined : ak->defined)
            glyphs_of(st, &what, tie ? tk->mark : ak->mark, font,
                      tie ? tk->label : ak->label, "%s kind '%s'",
                      tie ? "tie" : "actor", tie ? tk->id : ak->id);
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
    m->strings = rg_arena_keep(doc->strings);
    vstate st = {.rd = {d, m->arena}, .d = d, .m = m, .arena = m->arena,
                 .doc = doc, .top = top, .suggest_left = SUGGEST_BUDGET};
    read_top(&st, top);
    read_sources(&st, top);
    read_groups(&st, top);
    rg_val_kinds(&st, top);
    rg_val_actors(&st, top);
    rg_val_ties(&st, top);
    rg_val_render(&st, top);
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
