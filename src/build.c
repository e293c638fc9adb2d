/*
 * build.c - the model as a cgraph graph: actors as nodes, ties as edges,
 * multi-party ties as junction nodes, groups as nested clusters, all in
 * file order so that the output is stable; and the title. How each looks
 * is style.c's; the engine's settings are engine.c's.
 *
 * No text from the file becomes a node name or a raw attribute: names are
 * relgraph's own (a0, t3, j2, cluster_g1), labels are escaped HTML-like
 * labels (escape.c), and colours, shapes and styles come from relgraph's
 * tables. Graphs returned here belong to the caller (agclose).
 */
#include "gv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- object ids in creation order ------------------------------------------ */

/* cgraph's default discipline numbers a named object by the address of its
 * name, and keeps subgraphs in that order: the order of the clusters, and
 * with it the layout and the bytes of the output, would follow the state
 * of the heap (it changed from run to run). This one numbers objects in
 * order of creation, and keeps the names itself. */
typedef struct seq_ids {
    Agraph_t *g;   /* names are its strings (agnameof returns refstrs) */
    char **names;  /* by ID - 1; NULL for anonymous objects */
    size_t n, cap;
    rg_index ix;   /* name -> ID */
} seq_ids;

static void *seq_open(Agraph_t *g, Agdisc_t *disc)
{
    (void)disc;
    seq_ids *s = rg_xcalloc(1, sizeof(seq_ids));
    s->g = g;
    return s;
}

static long seq_map(void *state, int objtype, char *str, IDTYPE *id,
                    int createflag)
{
    (void)objtype;
    seq_ids *s = state;
    if (str) {
        int found = rg_index_get(&s->ix, str);
        if (found > 0) {
            *id = (IDTYPE)found;
            return 1;
        }
    }
    if (!createflag || s->n >= INT32_MAX)
        return 0;
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 64;
        s->names = rg_xrealloc(s->names, s->cap * sizeof *s->names);
    }
    char *name = str ? agstrdup(s->g, str) : NULL;
    s->names[s->n++] = name;
    *id = (IDTYPE)s->n;
    if (name)
        rg_index_put(&s->ix, name, (int)s->n);
    return 1;
}

/* IDs are never taken back, so there is nothing to reserve or release. */
static long seq_alloc(void *state, int objtype, IDTYPE id)
{
    (void)state, (void)objtype, (void)id;
    return 0;
}

static void seq_free(void *state, int objtype, IDTYPE id)
{
    (void)state, (void)objtype, (void)id;
}

static char *seq_print(void *state, int objtype, IDTYPE id)
{
    (void)objtype;
    seq_ids *s = state;
    return id >= 1 && id <= s->n ? s->names[id - 1] : NULL;
}

static void seq_close(void *state)
{
    seq_ids *s = state;
    /* The names go with the graph's string dictionary. */
    free(s->names);
    rg_index_free(&s->ix);
    free(s);
}

static void seq_register(void *state, int objtype, void *obj)
{
    (void)state, (void)objtype, (void)obj;
}

static Agiddisc_t seq_iddisc = {seq_open, seq_map, seq_alloc, seq_free,
                                seq_print, seq_close, seq_register};
static Agdisc_t seq_disc = {&AgMemDisc, &seq_iddisc, &AgIoDisc};

Agraph_t *rg_graph_open(const char *name)
{
    Agraph_t *g = agopen(RG_S(name), Agdirected, &seq_disc);
    if (!g)
        rg_oom();
    return g;
}

/* ---- the graph --------------------------------------------------------------- */

typedef struct builder {
    const rg_model *m;
    const rg_conf *c;
    const rg_theme *th;
    const rg_text_sizes *ts; /* the conf's text sizes */
    Agraph_t *g;
    Agraph_t **clusters; /* per group, made on first use */
    Agnode_t **nodes;    /* per actor */
    uint64_t *pairs;     /* open addressing: (lo << 32 | hi) + 1, 0 = empty */
    int *pair_tail;      /* the tail of the first tie drawn for that pair */
    size_t pairs_cap;
    rg_svg_notes *notes; /* ids, classes, tooltips and links; may be NULL */
    rg_bundles bundles;  /* which ties are one line (bundle.c) */
    int *numbers;        /* notes mode: each line's number (notes.c), 0: none */
} builder;

/* OBJ's SVG identity: Graphviz sees only the token. */
static void note(void *obj, const char *token)
{
    rg_set(obj, "id", token);
}

/* Ties between one pair of actors all point the same way in the graph
 * (later ones against the first are drawn with dir=back): dot ranks a
 * two-way pair as a flat edge, and stacks the labels of flat edges on
 * top of each other. */
static int pair_tail(builder *b, int from, int to)
{
    uint64_t lo = (uint64_t)(from < to ? from : to), hi = (uint64_t)(from < to ? to : from);
    uint64_t key = ((lo << 32) | hi) + 1;
    size_t i = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & (b->pairs_cap - 1);
    while (b->pairs[i] && b->pairs[i] != key)
        i = (i + 1) & (b->pairs_cap - 1);
    if (!b->pairs[i]) {
        b->pairs[i] = key;
        b->pair_tail[i] = from;
    }
    return b->pair_tail[i];
}

static Agraph_t *cluster_for(builder *b, int group)
{
    if (group < 0)
        return b->g;
    if (b->clusters[group])
        return b->clusters[group];
    const rg_group *gr = &b->m->groups[group];
    int d = 0;
    for (int p = gr->parent; p >= 0; p = b->m->groups[p].parent)
        d++;
    Agraph_t *parent = cluster_for(b, gr->parent);
    char name[32];
    snprintf(name, sizeof name, "cluster_g%d", group);
    Agraph_t *sg = agsubg(parent, name, 1);
    if (b->notes)
        note(sg, rg_svg_note_group(b->notes, gr));
    rg_style_box(sg, b->th, d, b->ts->group);
    rg_set(sg, "penwidth", "1");
    rg_buf lb = RG_BUF_INIT;
    const char *gname = gr->name ? gr->name : gr->id;
    if (*gname) { /* an empty element (<B></B>) is an error to Graphviz */
        rg_buf_puts(&lb, "<B>");
        rg_esc_label(&lb, gname);
        rg_buf_puts(&lb, "</B>");
    }
    rg_set_html(sg, "label", lb.buf);
    rg_buf_free(&lb);
    b->clusters[group] = sg;
    return sg;
}

/* Where an actor's name and role wrap when the conf does not say
 * (rg_conf.role_wrap): roles narrower on a page, where every text is
 * one size and the drawing's width costs text size (search.c tries
 * others); a name never wider than its role's lines. */
#define RG_NAME_WRAP 24
#define RG_ROLE_WRAP 30
#define RG_PAGE_ROLE_WRAP 24

int rg_build_role_wrap(const rg_conf *c)
{
    return c->role_wrap > 0 ? c->role_wrap
           : c->page_w > 0  ? RG_PAGE_ROLE_WRAP
                            : RG_ROLE_WRAP;
}

static size_t name_width(size_t role)
{
    return role < RG_NAME_WRAP ? role : RG_NAME_WRAP;
}

/* A's other names, as the line below its name shows them. */
static void aliases_line(rg_buf *b, const rg_actor *a)
{
    for (size_t i = 0; i < a->n_aliases; i++)
        rg_buf_printf(b, "%s%s", i ? ", " : "", a->aliases[i]);
}

/* Whether TEXT breaks into the same lines at both widths. */
static bool same_lines(const char *text, size_t a, size_t b)
{
    if (!text || a == b)
        return true;
    rg_buf x = RG_BUF_INIT, y = RG_BUF_INIT;
    rg_esc_label_wrapped(&x, text, a);
    rg_esc_label_wrapped(&y, text, b);
    bool same = x.len == y.len && (x.len == 0 || memcmp(x.buf, y.buf, x.len) == 0);
    rg_buf_free(&x);
    rg_buf_free(&y);
    return same;
}

bool rg_build_roles_wrap_alike(const rg_model *m, int wrap_a, int wrap_b)
{
    size_t ra = (size_t)wrap_a, rb = (size_t)wrap_b;
    for (size_t i = 0; i < m->n_actors; i++) {
        const rg_actor *a = &m->actors[i];
        if (!same_lines(rg_actor_name(a), name_width(ra), name_width(rb)) ||
            !same_lines(a->role, ra, rb))
            return false;
        /* The aliases' line only counts where it is drawn. */
        if (m->render.aliases != RG_ALIASES_BELOW || !a->n_aliases)
            continue;
        rg_buf all = RG_BUF_INIT;
        aliases_line(&all, a);
        bool same = same_lines(all.buf, ra, rb);
        rg_buf_free(&all);
        if (!same)
            return false;
    }
    return true;
}

static void actor_label(Agnode_t *n, const rg_actor *a, rg_rgb fill, int aliases,
                        const rg_text_sizes *ts, size_t rw)
{
    rg_buf lb = RG_BUF_INIT;
    rg_esc_label_wrapped(&lb, rg_actor_name(a), name_width(rw));
    /* render.aliases: below: a small line of the other names (the
     * transliteration of a name in another script, say). */
    if (aliases == RG_ALIASES_BELOW && a->n_aliases) {
        rg_buf all = RG_BUF_INIT, esc = RG_BUF_INIT;
        aliases_line(&all, a);
        rg_esc_label_wrapped(&esc, all.buf, rw);
        if (esc.len)
            rg_buf_printf(&lb, "<BR/><FONT POINT-SIZE=\"%g\">%s</FONT>", ts->small,
                          esc.buf);
        rg_buf_free(&all);
        rg_buf_free(&esc);
    }
    /* A role with nothing to show ("", spaces) gets no line: an empty
     * <FONT></FONT> is an error to Graphviz. */
    rg_buf role = RG_BUF_INIT;
    if (a->role)
        rg_esc_label_wrapped(&role, a->role, rw);
    if (role.len) {
        rg_buf_printf(&lb, "<BR/><FONT POINT-SIZE=\"%g\" COLOR=\"%s\">",
                      ts->small, rg_style_subtle(fill));
        rg_buf_add(&lb, role.buf, role.len);
        rg_buf_puts(&lb, "</FONT>");
    }
    rg_buf_free(&role);
    rg_set_html(n, "label", lb.buf);
    rg_buf_free(&lb);
}

/* Where a tie's label wraps when the conf does not say (rg_conf.wrap). */
#define RG_TIE_WRAP 22

/* The label of a tie, or of a junction (TEXT: its label or its kind's):
 * the text wrapped at WRAP characters, and the status when it is one a
 * reader must see. */
static void tie_label(void *obj, const char *text, rg_status status, int wrap)
{
    const char *said = rg_style_status_said(status);
    rg_buf lb = RG_BUF_INIT;
    if (text)
        rg_esc_label_wrapped(&lb, text, wrap > 0 ? (size_t)wrap : RG_TIE_WRAP);
    if (said)
        rg_buf_printf(&lb, "%s(%s)", text ? "<BR/>" : "", said);
    rg_set_html(obj, "label", lb.buf);
    rg_buf_free(&lb);
}

/* Notes mode: the line carries only its number in the key (notes.c),
 * small, so that it widens its rank by little. */
static void number_label(const builder *b, void *obj, int number)
{
    rg_setf(obj, "label", "%d", number);
    rg_setf(obj, "fontsize", "%g", b->ts->number);
}

/* A line's number: on a patch of the background, since it ends up on
 * the line itself (rg_notes_onto_lines), where other lines may pass. */
static void line_number(builder *b, Agedge_t *e, int number)
{
    char bg[8];
    rg_style_background(b->th, bg);
    rg_buf lb = RG_BUF_INIT;
    rg_buf_printf(&lb, "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" "
                       "CELLPADDING=\"1\" BGCOLOR=\"%s\"><TR><TD>%d</TD></TR></TABLE>",
                  bg, number);
    rg_set_html(e, "label", lb.buf);
    rg_setf(e, "fontsize", "%g", b->ts->number);
    rg_buf_free(&lb);
}

/* The line of tie I and the ties bundled with it: its label (inline) or
 * number (notes); in the SVG each tie keeps its id and tooltip. */
static void line_text(builder *b, Agedge_t *e, size_t i)
{
    if (b->c->labels == RG_LABELS_NOTES) {
        if (b->numbers[i])
            line_number(b, e, b->numbers[i]);
    } else if (b->c->labels == RG_LABELS_INLINE) {
        rg_buf text = RG_BUF_INIT;
        /* On one line when short; else one tie's text a line: a text cut
         * across two would read as two. */
        rg_status st = rg_bundle_text(&text, b->m, &b->bundles, i, "; ");
        size_t wrap = b->c->wrap > 0 ? (size_t)b->c->wrap : RG_TIE_WRAP;
        if (b->bundles.size[i] > 1 && text.len > wrap) {
            rg_buf_clear(&text);
            st = rg_bundle_text(&text, b->m, &b->bundles, i, ";\n");
        }
        if (text.len || rg_style_status_said(st))
            tie_label(e, text.len ? text.buf : NULL, st, b->c->wrap);
        rg_buf_free(&text);
    }
}

static void add_pair_tie(builder *b, size_t i)
{
    const rg_tie *t = &b->m->ties[i];
    const rg_tie_kind *k = &b->m->tie_kinds[t->kind];
    char name[48];
    int from = t->parties[0], to = t->parties[1];
    bool back = pair_tail(b, from, to) != from;
    snprintf(name, sizeof name, "t%zu", i);
    Agedge_t *e = back ? agedge(b->g, b->nodes[to], b->nodes[from], name, 1)
                       : agedge(b->g, b->nodes[from], b->nodes[to], name, 1);
    rg_style_tie(e, b->th, k, t->status, t->weight);
    /* A tie of an undirected kind said to be directed gets the plain
     * arrowhead: the kind has none to show the direction with. */
    rg_arrow head = !k->directed && k->arrow == RG_ARROW_NONE ? RG_ARROW_NORMAL : k->arrow;
    const char *none = rg_arrow_names.names[RG_ARROW_NONE];
    const char *arrow = t->directed ? rg_arrow_names.names[head] : none;
    rg_set(e, "arrowhead", back ? none : arrow);
    rg_set(e, "arrowtail", back ? arrow : none);
    rg_set(e, "dir", !t->directed ? "none" : back ? "back" : "forward");
    line_text(b, e, i);
    if (b->notes) {
        const char *token = rg_svg_note_tie(b->notes, b->m, t, -1);
        note(e, token);
        for (int o = b->bundles.next[i]; o >= 0; o = b->bundles.next[o])
            rg_svg_note_bundled(b->notes, token, b->m, &b->m->ties[o]);
    }
}

/* What tie T (I) is about (relgraph(5), TIES: over): a line of its own
 * from the junction J to the subject, dotted, thinner, with an open
 * diamond, in the kind's colour. */
static void add_over_line(builder *b, const rg_tie *t, Agnode_t *j, size_t i)
{
    if (t->over < 0)
        return;
    char name[48];
    snprintf(name, sizeof name, "t%zu.over", i);
    Agedge_t *e = agedge(b->g, j, b->nodes[t->over], name, 1);
    rg_style_over(e, b->th, &b->m->tie_kinds[t->kind], t->status);
    if (b->notes)
        note(e, rg_svg_note_tie(b->notes, b->m, t, (int)t->n_parties));
}

/* A multi-party tie, or one about a subject: a junction that carries the
 * label, joined to every party (and to the subject). Directed: the first
 * party acts on the others. */
static void add_multi_tie(builder *b, size_t i)
{
    const rg_tie *t = &b->m->ties[i];
    const rg_tie_kind *k = &b->m->tie_kinds[t->kind];
    char name[48];
    snprintf(name, sizeof name, "j%zu", i);
    Agnode_t *j = agnode(b->g, name, 1);
    rg_style_junction(j, b->th, k);
    if (b->c->labels != RG_LABELS_NONE) {
        rg_set(j, "shape", "box");
        rg_set(j, "style", "rounded,filled");
        rg_setf(j, "fontsize", "%g", b->ts->tie);
        rg_set(j, "margin", "0.08,0.03");
        rg_set(j, "height", "0.3");
        if (b->c->labels == RG_LABELS_NOTES)
            number_label(b, j, b->numbers[i]);
        else
            tie_label(j, t->label ? t->label : k->label, t->status, b->c->wrap);
    } else {
        rg_set(j, "shape", "point");
        rg_set(j, "width", "0.14");
        rg_set(j, "style", "filled");
        rg_set(j, "label", "");
    }
    /* The junction carries the tie's id; its lines the id and the party. */
    if (b->notes)
        note(j, rg_svg_note_tie(b->notes, b->m, t, -1));
    for (size_t p = 0; p < t->n_parties; p++) {
        snprintf(name, sizeof name, "t%zu.%zu", i, p);
        Agnode_t *party = b->nodes[t->parties[p]];
        bool in = t->directed && p == 0;
        Agedge_t *e = in ? agedge(b->g, party, j, name, 1)
                         : agedge(b->g, j, party, name, 1);
        rg_style_tie(e, b->th, k, t->status, t->weight);
        bool arrow = t->directed && p > 0;
        rg_set(e, "arrowhead", rg_arrow_names.names[arrow ? k->arrow : RG_ARROW_NONE]);
        rg_set(e, "dir", arrow ? "forward" : "none");
        if (b->notes)
            note(e, rg_svg_note_tie(b->notes, b->m, t, (int)p));
    }
    add_over_line(b, t, j, i);
}

static void graph_attrs(builder *b)
{
    Agraph_t *g = b->g;
    rg_set(g, "pad", "0.3");
    rg_setf(g, "fontsize", "%g", b->ts->title);
    rg_set(g, "labelloc", "t");
    rg_set(g, "outputorder", "edgesfirst");
    rg_engine_set(g, b->c);
}

void rg_build_title(Agraph_t *g, const rg_model *m, const rg_conf *c)
{
    if (!m->title && !m->filtered)
        return;
    rg_buf lb = RG_BUF_INIT, title = RG_BUF_INIT;
    if (m->title)
        rg_esc_label_wrapped(&title, m->title, 80);
    if (title.len) { /* no empty <B></B>: an error to Graphviz */
        rg_buf_puts(&lb, "<B>");
        rg_buf_add(&lb, title.buf, title.len);
        rg_buf_puts(&lb, "</B>");
    }
    rg_buf_free(&title);
    /* What the filters kept, so that a reader of the picture knows. */
    if (m->filtered) {
        rg_buf_printf(&lb, "%s<FONT POINT-SIZE=\"%g\">", lb.len ? "<BR/>" : "",
                      rg_text_of(c)->subtitle);
        rg_esc_label_wrapped(&lb, m->filtered, 100);
        rg_buf_puts(&lb, "</FONT>");
    }
    rg_set_html(g, "label", lb.buf);
    rg_buf_free(&lb);
}

Agraph_t *rg_build_body(const rg_model *m, const rg_conf *c,
                        rg_svg_notes *notes)
{
    builder b = {.m = m, .c = c, .th = rg_theme_of(c), .ts = rg_text_of(c),
                 .notes = notes};
    b.g = rg_graph_open("relgraph");
    rg_style_defaults(b.g, b.th, c);
    graph_attrs(&b);
    b.clusters = rg_xcalloc(m->n_groups + 1, sizeof *b.clusters);
    b.nodes = rg_xcalloc(m->n_actors + 1, sizeof *b.nodes);
    b.pairs_cap = 16;
    while (b.pairs_cap < m->n_ties * 2)
        b.pairs_cap *= 2;
    b.pairs = rg_xcalloc(b.pairs_cap, sizeof *b.pairs);
    b.pair_tail = rg_xcalloc(b.pairs_cap, sizeof *b.pair_tail);
    for (size_t i = 0; i < m->n_actors; i++) {
        const rg_actor *a = &m->actors[i];
        char name[32];
        snprintf(name, sizeof name, "a%zu", i);
        Agnode_t *n = agnode(b.g, name, 1);
        if (a->group >= 0 && c->clusters)
            agsubnode(cluster_for(&b, a->group), n, 1);
        const rg_actor_kind *k = a->kind >= 0 ? &m->actor_kinds[a->kind] : NULL;
        actor_label(n, a, rg_style_actor(n, b.th, k), m->render.aliases, b.ts,
                    (size_t)rg_build_role_wrap(c));
        if (notes)
            note(n, rg_svg_note_actor(notes, m, a));
        b.nodes[i] = n;
    }
    rg_bundles_make(&b.bundles, m, c->bundle);
    if (c->labels == RG_LABELS_NOTES)
        rg_notes_number(m, &b.bundles, &b.numbers);
    for (size_t i = 0; i < m->n_ties; i++) {
        if (m->ties[i].multi || m->ties[i].over >= 0)
            add_multi_tie(&b, i);
        else if (b.bundles.head[i] == (int)i)
            add_pair_tie(&b, i);
    }
    rg_bundles_free(&b.bundles);
    free(b.numbers);
    free(b.clusters);
    free(b.nodes);
    free(b.pairs);
    free(b.pair_tail);
    return b.g;
}

Agraph_t *rg_build_graph(const rg_model *m, const rg_conf *c)
{
    Agraph_t *g = rg_build_body(m, c, NULL);
    rg_build_title(g, m, c);
    return g;
}
