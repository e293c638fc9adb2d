/*
 * build.c - the model as a cgraph graph: actors as nodes, ties as edges,
 * multi-party ties as junction nodes, groups as nested clusters, all in
 * file order so that the output is stable; and the legend, as a small
 * graph of its own.
 *
 * No text from the file becomes a node name or a raw attribute: names are
 * relgraph's own, labels are escaped HTML-like labels, and colours, shapes
 * and styles come from the tables here and in validate.c. Graphs returned
 * here belong to the caller (agclose).
 */
#include "gv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- themes ------------------------------------------------------------- */

typedef struct theme {
    const char *name;
    rg_rgb bg, fg;             /* background, text */
    rg_rgb cluster_pen, cluster_fill, cluster_fill2; /* level 1, nested */
    rg_rgb plain_pen, plain_fill; /* actors without a kind */
    double tint;               /* fills: kind colour mixed toward bg */
    bool mono;                 /* kinds told apart by line and arrow only */
} theme;

static const theme themes[] = {
    {"light", 0xFFFFFF, 0x1A1A1A, 0xB0B0B0, 0xF6F6F6, 0xECECEC,
     0x666666, 0xF2F2F2, 0.82, false},
    {"dark", 0x1E1E1E, 0xEDEDED, 0x5A5A5A, 0x262626, 0x303030,
     0xAAAAAA, 0x333333, 0.70, false},
    {"mono", 0xFFFFFF, 0x000000, 0x808080, 0xFFFFFF, 0xF4F4F4,
     0x000000, 0xFFFFFF, 1.0, true},
};

static const theme *find_theme(const char *name)
{
    for (size_t i = 0; i < sizeof themes / sizeof themes[0]; i++)
        if (strcmp(themes[i].name, name) == 0)
            return &themes[i];
    return &themes[0];
}

/* Line styles: Graphviz style and pen width; "double" is drawn as two
 * parallel strokes (a colour list with an invisible middle). */
static const struct {
    const char *style;
    double pen;
} lines[] = {
    [RG_LINE_SOLID] = {"solid", 1.4},
    [RG_LINE_DASHED] = {"dashed", 1.4},
    [RG_LINE_DOTTED] = {"dotted", 1.8},
    [RG_LINE_BOLD] = {"solid", 3.0},
    [RG_LINE_DOUBLE] = {"solid", 1.2},
};

static const char *const arrows[] = {
    [RG_ARROW_NORMAL] = "normal", [RG_ARROW_VEE] = "vee",
    [RG_ARROW_TEE] = "tee",       [RG_ARROW_DOT] = "dot",
    [RG_ARROW_DIAMOND] = "diamond", [RG_ARROW_NONE] = "none",
};

/* Tie labels fade when a claim is not established. */
static const struct {
    const char *suffix;
    const char *alpha; /* appended to #RRGGBB */
} statuses[] = {
    [RG_STATUS_NONE] = {NULL, ""},
    [RG_STATUS_ALLEGED] = {"alleged", "99"},
    [RG_STATUS_CONFIRMED] = {NULL, ""},
    [RG_STATUS_DENIED] = {"denied", "66"},
    [RG_STATUS_ENDED] = {"ended", "66"},
};

/* ---- small helpers ----------------------------------------------------- */

static void set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, RG_S(name), RG_S(value), RG_S(""));
}

static void setf(void *obj, const char *name, const char *fmt, ...)
    RG_PRINTF(3, 4);
static void setf(void *obj, const char *name, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    set(obj, name, buf);
}

void rg_set_html(void *obj, const char *attr, const char *html)
{
    /* Graphviz refuses an empty HTML-like label (<>), and a NULL value
     * (an rg_buf nothing was written to) crashes it: no text, no label. */
    if (!html || !*html) {
        agsafeset(obj, RG_S(attr), RG_S(""), RG_S(""));
        return;
    }
    /* agxset shares the string agstrdup_html made, so it stays HTML. */
    Agraph_t *root = agroot(obj);
    char *h = agstrdup_html(root, RG_S(html));
    agsafeset(obj, RG_S(attr), h, RG_S(""));
    agstrfree(root, h);
}

static void hex(char *buf, rg_rgb c)
{
    snprintf(buf, 8, "#%06X", (unsigned)(c & 0xFFFFFF));
}

static rg_rgb mix(rg_rgb a, rg_rgb b, double t)
{
    rg_rgb out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
        double x = (a >> shift) & 0xFF, y = (b >> shift) & 0xFF;
        unsigned v = (unsigned)(x + (y - x) * t + 0.5);
        out |= (rg_rgb)(v > 255 ? 255 : v) << shift;
    }
    return out;
}

/* In the dark theme the palette's black would vanish: use the text colour. */
static rg_rgb ink(const theme *th, rg_rgb c)
{
    if (th->mono)
        return th->fg;
    if (c == 0x000000 && th->bg < 0x808080)
        return th->fg;
    return c;
}

void rg_html_escape(rg_buf *b, const char *text)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        /* Graphviz expands \N, \G, \E... even in HTML-like labels; a
         * doubled backslash is its literal backslash. */
        case '\\': rg_buf_puts(b, "\\\\"); break;
        case '\n': rg_buf_puts(b, "<BR/>"); break;
        case '\t': rg_buf_putc(b, ' '); break;
        /* Graphviz 2.43 refuses text that starts with ']' right after a
         * tag or at the start of the label ("syntax error in line 1"). */
        case ']': rg_buf_puts(b, "&#93;"); break;
        default: rg_xml_putc(b, *p);
        }
    }
}

void rg_plain_escape(rg_buf *b, const char *text)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '\\': rg_buf_puts(b, "\\\\"); break;
        case '&': rg_buf_puts(b, "&amp;"); break;
        case '\n': rg_buf_puts(b, "\\n"); break;
        case '\t': rg_buf_putc(b, ' '); break;
        default: rg_buf_putc(b, *p);
        }
    }
}

/* Escape TEXT, breaking it into lines of about WIDTH characters at spaces
 * so that long labels do not stretch the layout. */
static void html_wrapped(rg_buf *b, const char *text, size_t width)
{
    /* Nothing but spaces and line breaks: nothing to draw. Line breaks
     * alone make a label with no width, on which Graphviz 2.43's placement
     * of edge labels (neato, fdp, sfdp...: xlabels.c) fails an assertion. */
    if (text[strspn(text, " \n")] == '\0')
        return;
    size_t col = 0;
    const char *p = text;
    while (*p) {
        const char *w = p;
        while (*w && *w != ' ' && *w != '\n')
            w++;
        size_t wlen = (size_t)(w - p);
        /* Count characters, not bytes, for UTF-8 text. */
        size_t chars = 0;
        for (const char *c = p; c < w; c++)
            chars += ((unsigned char)*c & 0xC0) != 0x80;
        if (col > 0 && col + 1 + chars > width) {
            rg_buf_puts(b, "<BR/>");
            col = 0;
        } else if (col > 0) {
            rg_buf_putc(b, ' ');
            col++;
        }
        char *word = rg_xmalloc(wlen + 1);
        memcpy(word, p, wlen);
        word[wlen] = '\0';
        rg_html_escape(b, word);
        free(word);
        col += chars;
        p = w;
        if (*p == '\n') {
            rg_buf_puts(b, "<BR/>");
            col = 0;
            p++;
        } else {
            while (*p == ' ')
                p++;
        }
    }
}

/* ---- engine choice ------------------------------------------------------- */

/* layout: auto, by the size of the graph. dot draws the most legible
 * diagrams of small graphs, but its time grows with about the fourth power
 * of the size, and its drawings with the square: on bench/gen.py files
 * (1.5 ties per actor, groups, tie labels) it took 0.1 s at 100 actors,
 * 0.35 s at 150, 2.7 s at 300, 24 s at 500 and over 300 s at 1,000, where
 * sfdp took 0.07, 0.11, 0.22, 0.38 and 1.5 s; and past about 120 actors
 * dot's drawing is wider than 100 megapixels allow a PNG (render.c). So
 * dot up to the first row's size, sfdp beyond. Past the second row, tie
 * labels are left off unless the file or the command line asks for them:
 * placing 30,000 of them took sfdp 48 s of a 20,000-actor graph's 53, and
 * nobody reads them at that size (they stay in the SVG's tooltips and in
 * the Markdown). README, "Performance", has the measurements. */
static const struct auto_rule {
    size_t max_nodes, max_edges;
    const char *engine;
    bool labels;
} auto_rules[] = {
    {120, 240, "dot", true},
    {2000, 4000, "sfdp", true},
    {SIZE_MAX, SIZE_MAX, "sfdp", false},
};

/* What dot may cost beyond auto's limit, for the warning when a file or
 * -K asks for it anyway (the same measurements, rounded up). */
static const struct dot_cost {
    size_t max_nodes;
    const char *time;
} dot_costs[] = {
    {300, "a few seconds"},
    {500, "up to a minute"},
    {800, "several minutes"},
    {SIZE_MAX, "longer than the default timeout of 120 s"},
};

/* The nodes and edges of M's graph: a junction is a node, with an edge
 * per party. */
static void graph_size(const rg_model *m, size_t *nodes, size_t *edges)
{
    *nodes = m->n_actors;
    *edges = 0;
    for (size_t i = 0; i < m->n_ties; i++) {
        if (m->ties[i].multi) {
            ++*nodes;
            *edges += m->ties[i].n_parties;
        } else {
            ++*edges;
        }
    }
}

static const struct auto_rule *auto_rule(const rg_model *m)
{
    size_t nodes, edges;
    graph_size(m, &nodes, &edges);
    size_t i = 0;
    while (nodes > auto_rules[i].max_nodes || edges > auto_rules[i].max_edges)
        i++;
    return &auto_rules[i];
}

const char *rg_auto_engine(const rg_model *m)
{
    return auto_rule(m)->engine;
}

void rg_conf_warn(const rg_conf *c, const rg_model *m, rg_diags *d)
{
    size_t nodes, edges;
    graph_size(m, &nodes, &edges);
    if (strcmp(c->engine, "dot") != 0 ||
        (nodes <= auto_rules[0].max_nodes && edges <= auto_rules[0].max_edges))
        return;
    size_t i = 0;
    while (nodes > dot_costs[i].max_nodes)
        i++;
    rg_warning_nomark(d, "layout 'dot' on a graph of %zu nodes and %zu edges "
                         "may take %s, and draws it very large; layout 'auto' "
                         "(or -K sfdp) lays it out in seconds",
                      nodes, edges, dot_costs[i].time);
}

void rg_conf_resolve(rg_conf *c, const rg_model *m, const rg_options *opt)
{
    const rg_render_conf *r = &m->render;
    const char *layout = opt && opt->layout ? opt->layout : r->layout;
    /* The graph's size is counted once: it walks every tie. */
    const struct auto_rule *rule = strcmp(layout, "auto") == 0 ? auto_rule(m) : NULL;
    c->engine = rule ? rule->engine : layout;
    c->direction = opt && opt->direction ? opt->direction : r->direction;
    c->theme = opt && opt->theme ? opt->theme : r->theme;
    c->legend = opt && opt->legend >= 0 ? opt->legend != 0 : r->legend;
    if (opt && opt->edge_labels >= 0)
        c->edge_labels = opt->edge_labels != 0;
    else if (rule && !r->edge_labels_set)
        c->edge_labels = rule->labels;
    else
        c->edge_labels = r->edge_labels;
    c->seed = r->seed;
}

/* ---- the graph ------------------------------------------------------------ */

/* cgraph's default discipline numbers a named object by the address of its
 * name, and keeps subgraphs in that order: the order of the clusters, and
 * with it the layout and the bytes of the output, would follow the state
 * of the heap (it changed from run to run). This one numbers objects in
 * order of creation, and keeps the names itself. render.c reads laid-out
 * graphs back with the same discipline. */
typedef struct seq_ids {
    Agraph_t *g;   /* names are its strings (agnameof returns refstrs) */
    char **names;  /* by ID - 1; NULL for anonymous objects */
    size_t n, cap;
    rg_index ix;   /* name -> ID */
} seq_ids;

static void *seq_open(Agraph_t *g, Agdisc_t *disc)
{
    seq_ids *s = rg_xcalloc(1, sizeof(seq_ids));
    s->g = g;
    return s;
}

static long seq_map(void *state, int objtype, char *str, IDTYPE *id,
                    int createflag)
{
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

static long seq_alloc(void *state, int objtype, IDTYPE id) { return 0; }
static void seq_free(void *state, int objtype, IDTYPE id) {}

static char *seq_print(void *state, int objtype, IDTYPE id)
{
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

static void seq_register(void *state, int objtype, void *obj) {}

static Agiddisc_t seq_iddisc = {seq_open, seq_map, seq_alloc, seq_free,
                                seq_print, seq_close, seq_register};
static Agdisc_t seq_disc = {&AgMemDisc, &seq_iddisc, &AgIoDisc};

Agdisc_t *rg_build_disc(void)
{
    return &seq_disc;
}

typedef struct builder {
    const rg_model *m;
    const rg_conf *c;
    const theme *th;
    Agraph_t *g;
    Agraph_t **clusters; /* per group, made on first use */
    Agnode_t **nodes;    /* per actor */
    uint64_t *pairs;     /* open addressing: (lo << 32 | hi) + 1, 0 = empty */
    int *pair_tail;      /* the tail of the first tie drawn for that pair */
    size_t pairs_cap;
    rg_svg_notes *notes; /* ids, classes, tooltips and links; may be NULL */
} builder;

/* ---- evidence: ids, classes, tooltips, links (applied by svg.c) ------- */

/* Give OBJ its SVG identity: Graphviz sees only a token. */
static void note(builder *b, void *obj, const char *id, const char *classes,
                 const char *title, const char *url)
{
    if (b->notes)
        set(obj, "id", rg_svg_note(b->notes, id, classes, title, url));
}

/* The first URL among SOURCES, or NULL. */
static const char *first_url(const rg_model *m, const int *sources, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (m->sources[sources[i]].url)
            return m->sources[sources[i]].url;
    return NULL;
}

static void tooltip_sources(rg_buf *t, const rg_model *m, const int *sources,
                            size_t n)
{
    if (n == 1) {
        rg_buf_puts(t, "\nSource: ");
        rg_text_source(t, &m->sources[sources[0]]);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        rg_buf_puts(t, i ? "\n- " : "\nSources:\n- ");
        rg_text_source(t, &m->sources[sources[i]]);
    }
}

static void note_actor(builder *b, Agnode_t *n, const rg_actor *a)
{
    const rg_model *m = b->m;
    rg_buf id = {0}, cls = {0}, t = {0};
    rg_buf_printf(&id, "actor-%s", a->id);
    rg_buf_puts(&cls, "actor");
    if (a->kind >= 0)
        rg_buf_printf(&cls, " kind-%s", m->actor_kinds[a->kind].id);
    /* Its groups, innermost first: the engines that draw no clusters
     * (sfdp, circo, twopi) keep them here. */
    for (int g = a->group; g >= 0; g = m->groups[g].parent)
        rg_buf_printf(&cls, " group-%s", m->groups[g].id);
    rg_buf_puts(&t, rg_actor_name(a));
    if (a->role)
        rg_buf_printf(&t, "\n%s", a->role);
    if (a->kind >= 0)
        rg_buf_printf(&t, "\n(%s)", m->actor_kinds[a->kind].label);
    for (int g = a->group; g >= 0; g = m->groups[g].parent)
        rg_buf_printf(&t, "%s%s", g == a->group ? "\nIn: " : ", ",
                      m->groups[g].name ? m->groups[g].name : m->groups[g].id);
    for (size_t i = 0; i < a->n_aliases; i++)
        rg_buf_printf(&t, "%s%s", i ? ", " : "\nAlso known as: ", a->aliases[i]);
    if (a->note)
        rg_buf_printf(&t, "\n%s", a->note);
    tooltip_sources(&t, m, a->sources, a->n_sources);
    const char *url = a->url ? a->url : first_url(m, a->sources, a->n_sources);
    note(b, n, id.buf, cls.buf, t.buf, url);
    free(id.buf);
    free(cls.buf);
    free(t.buf);
}

/* The id of tie I: "tie-<its id>" or "tie-<its position>". */
static void tie_id(rg_buf *id, const rg_tie *t)
{
    if (t->id)
        rg_buf_printf(id, "tie-%s", t->id);
    else
        rg_buf_printf(id, "tie-%zu", t->pos);
}

static void tie_tooltip(rg_buf *t, const rg_model *m, const rg_tie *tie)
{
    rg_text_tie(t, m, tie);
    if (tie->label)
        rg_buf_printf(t, " \xE2\x80\x94 %s", tie->label);
    rg_buf when = {0};
    bool dated = rg_text_when(&when, tie);
    const char *status = rg_status_name(tie->status);
    if (dated || status)
        rg_buf_printf(t, "\n%s%s%s", dated ? when.buf : "",
                      dated && status ? ", " : "", status ? status : "");
    free(when.buf);
    if (tie->weight)
        rg_buf_printf(t, "\nweight %d of 5", tie->weight);
    if (tie->note)
        rg_buf_printf(t, "\n%s", tie->note);
    tooltip_sources(t, m, tie->sources, tie->n_sources);
}

static void tie_classes(rg_buf *cls, const rg_model *m, const rg_tie *t)
{
    rg_buf_printf(cls, "tie kind-%s", m->tie_kinds[t->kind].id);
    if (rg_status_name(t->status))
        rg_buf_printf(cls, " status-%s", rg_status_name(t->status));
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

static void declare_defaults(Agraph_t *g, const theme *th)
{
    char fg[8], bg[8];
    hex(fg, th->fg);
    hex(bg, th->bg);
    agattr(g, AGRAPH, RG_S("fontname"), RG_S(RG_FONT));
    agattr(g, AGRAPH, RG_S("fontcolor"), RG_S(fg));
    agattr(g, AGRAPH, RG_S("bgcolor"), RG_S(bg));
    agattr(g, AGNODE, RG_S("fontname"), RG_S(RG_FONT));
    agattr(g, AGNODE, RG_S("fontsize"), RG_S("12"));
    agattr(g, AGNODE, RG_S("fontcolor"), RG_S(fg));
    agattr(g, AGEDGE, RG_S("fontname"), RG_S(RG_FONT));
    agattr(g, AGEDGE, RG_S("fontsize"), RG_S("10"));
    agattr(g, AGEDGE, RG_S("fontcolor"), RG_S(fg));
    agattr(g, AGEDGE, RG_S("arrowsize"), RG_S("0.8"));
}

/* The engines that draw clusters (Graphviz 2.43: dot and fdp every one,
 * neato the outermost). sfdp, circo and twopi ignore them, and there a
 * cluster only costs: freeing a layout visits every cluster for every
 * node (9 s of a 20,000-actor graph's 30 in 800 groups). */
static const char *const cluster_engines[] = {"dot", "fdp", "neato"};

static bool draws_clusters(const char *engine)
{
    for (size_t i = 0; i < sizeof cluster_engines / sizeof cluster_engines[0]; i++)
        if (strcmp(engine, cluster_engines[i]) == 0)
            return true;
    return false;
}

static Agraph_t *cluster_for(builder *b, int group, int depth)
{
    if (group < 0)
        return b->g;
    if (b->clusters[group])
        return b->clusters[group];
    const rg_group *gr = &b->m->groups[group];
    int d = 0;
    for (int p = gr->parent; p >= 0; p = b->m->groups[p].parent)
        d++;
    Agraph_t *parent = cluster_for(b, gr->parent, depth + 1);
    char name[32];
    snprintf(name, sizeof name, "cluster_g%d", group);
    Agraph_t *sg = agsubg(parent, name, 1);
    if (b->notes) {
        rg_buf id = {0};
        rg_buf_printf(&id, "group-%s", gr->id);
        note(b, sg, id.buf, "group", gr->name ? gr->name : gr->id, NULL);
        free(id.buf);
    }
    char pen[8], fill[8];
    hex(pen, b->th->cluster_pen);
    hex(fill, d % 2 ? b->th->cluster_fill2 : b->th->cluster_fill);
    set(sg, "style", "rounded,filled");
    set(sg, "color", pen);
    set(sg, "fillcolor", fill);
    set(sg, "penwidth", "1");
    set(sg, "labeljust", "l");
    set(sg, "fontsize", "13");
    rg_buf lb = {0};
    const char *gname = gr->name ? gr->name : gr->id;
    if (*gname) { /* an empty element (<B></B>) is an error to Graphviz */
        rg_buf_puts(&lb, "<B>");
        rg_html_escape(&lb, gname);
        rg_buf_puts(&lb, "</B>");
    }
    rg_set_html(sg, "label", lb.buf);
    free(lb.buf);
    b->clusters[group] = sg;
    return sg;
}

/* Text must stay legible on any fill, a user's included: dark text on
 * light fills, light text on dark ones. */
static bool is_light(rg_rgb c)
{
    double r = (c >> 16) & 0xFF, g = (c >> 8) & 0xFF, bl = c & 0xFF;
    return 0.299 * r + 0.587 * g + 0.114 * bl > 140;
}

/* Shape, colours and text colour of an actor; returns its fill. */
static rg_rgb actor_style(builder *b, Agnode_t *n, const rg_actor *a)
{
    const theme *th = b->th;
    char pen[8], fill[8], text[8];
    rg_rgb f;
    if (a->kind < 0) {
        hex(pen, th->plain_pen);
        f = th->plain_fill;
        set(n, "shape", "box");
        set(n, "style", "rounded,filled");
    } else {
        const rg_actor_kind *k = &b->m->actor_kinds[a->kind];
        hex(pen, ink(th, k->color));
        f = th->mono ? th->plain_fill
            : k->has_fill ? k->fill
                          : mix(k->color, th->bg, th->tint);
        set(n, "shape", k->shape);
        set(n, "style", "filled");
    }
    hex(fill, f);
    hex(text, is_light(f) ? 0x1A1A1A : 0xEDEDED);
    set(n, "color", pen);
    set(n, "fillcolor", fill);
    set(n, "fontcolor", text);
    set(n, "penwidth", "1.4");
    set(n, "margin", "0.12,0.06");
    return f;
}

static void actor_label(Agnode_t *n, const rg_actor *a, rg_rgb fill)
{
    rg_buf lb = {0};
    html_wrapped(&lb, a->name ? a->name : a->id, 24);
    /* A role with nothing to show ("", spaces) gets no line: an empty
     * <FONT></FONT> is an error to Graphviz. */
    rg_buf role = {0};
    if (a->role)
        html_wrapped(&role, a->role, 30);
    if (role.len) {
        rg_buf_printf(&lb, "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"%s\">",
                      is_light(fill) ? "#555555" : "#B8B8B8");
        rg_buf_add(&lb, role.buf, role.len);
        rg_buf_puts(&lb, "</FONT>");
    }
    free(role.buf);
    rg_set_html(n, "label", lb.buf);
    free(lb.buf);
}

/* Colour, line and arrow of a tie kind, with the tie's own changes. */
static void tie_style(builder *b, void *obj, const rg_tie_kind *k,
                      rg_status status, int weight)
{
    char col[8], buf[64];
    hex(col, ink(b->th, k->color));
    const char *alpha = statuses[status].alpha;
    if (k->line == RG_LINE_DOUBLE)
        snprintf(buf, sizeof buf, "%s%s:invis:%s%s", col, alpha, col, alpha);
    else
        snprintf(buf, sizeof buf, "%s%s", col, alpha);
    set(obj, "color", buf);
    set(obj, "style", lines[k->line].style);
    double pen = lines[k->line].pen;
    if (weight > 0)
        pen = pen * weight / 2.0 < 0.7 ? 0.7 : pen * weight / 2.0;
    setf(obj, "penwidth", "%.2f", pen);
}

static void edge_label(builder *b, Agedge_t *e, const rg_tie *t)
{
    const char *suffix = statuses[t->status].suffix;
    if (!b->c->edge_labels || (!t->label && !suffix))
        return;
    rg_buf lb = {0};
    if (t->label)
        html_wrapped(&lb, t->label, 22);
    if (suffix)
        rg_buf_printf(&lb, "%s(%s)", t->label ? "<BR/>" : "", suffix);
    rg_set_html(e, "label", lb.buf);
    free(lb.buf);
}

static void add_tie(builder *b, size_t i)
{
    const rg_tie *t = &b->m->ties[i];
    const rg_tie_kind *k = &b->m->tie_kinds[t->kind];
    char name[48];
    if (!t->multi) {
        int from = t->parties[0], to = t->parties[1];
        bool back = pair_tail(b, from, to) != from;
        snprintf(name, sizeof name, "t%zu", i);
        Agedge_t *e = back ? agedge(b->g, b->nodes[to], b->nodes[from], name, 1)
                           : agedge(b->g, b->nodes[from], b->nodes[to], name, 1);
        tie_style(b, e, k, t->status, t->weight);
        const char *arrow = t->directed ? arrows[k->arrow] : "none";
        set(e, "arrowhead", back ? "none" : arrow);
        set(e, "arrowtail", back ? arrow : "none");
        set(e, "dir", !t->directed ? "none" : back ? "back" : "forward");
        edge_label(b, e, t);
        if (b->notes) {
            rg_buf id = {0}, cls = {0}, tip = {0};
            tie_id(&id, t);
            tie_classes(&cls, b->m, t);
            tie_tooltip(&tip, b->m, t);
            note(b, e, id.buf, cls.buf, tip.buf, first_url(b->m, t->sources, t->n_sources));
            free(id.buf);
            free(cls.buf);
            free(tip.buf);
        }
        return;
    }
    /* A multi-party tie: a junction that carries the label, joined to
     * every party. Directed: the first party acts on the others. */
    snprintf(name, sizeof name, "j%zu", i);
    Agnode_t *j = agnode(b->g, name, 1);
    char col[8], fill[8];
    hex(col, ink(b->th, k->color));
    hex(fill, b->th->mono ? b->th->plain_fill : mix(k->color, b->th->bg, b->th->tint));
    set(j, "color", col);
    set(j, "fillcolor", fill);
    if (b->c->edge_labels) {
        set(j, "shape", "box");
        set(j, "style", "rounded,filled");
        set(j, "fontsize", "10");
        set(j, "margin", "0.08,0.03");
        set(j, "height", "0.3");
        rg_buf lb = {0};
        html_wrapped(&lb, t->label ? t->label : k->label, 22);
        if (statuses[t->status].suffix)
            rg_buf_printf(&lb, "<BR/>(%s)", statuses[t->status].suffix);
        rg_set_html(j, "label", lb.buf);
        free(lb.buf);
    } else {
        set(j, "shape", "point");
        set(j, "width", "0.14");
        set(j, "style", "filled");
        set(j, "label", "");
    }
    /* The junction carries the tie's id; its lines the id and the party. */
    rg_buf id = {0}, cls = {0}, tip = {0};
    if (b->notes) {
        tie_id(&id, t);
        tie_classes(&cls, b->m, t);
        tie_tooltip(&tip, b->m, t);
        note(b, j, id.buf, cls.buf, tip.buf, first_url(b->m, t->sources, t->n_sources));
    }
    for (size_t p = 0; p < t->n_parties; p++) {
        snprintf(name, sizeof name, "t%zu.%zu", i, p);
        Agnode_t *party = b->nodes[t->parties[p]];
        bool in = t->directed && p == 0;
        Agedge_t *e = in ? agedge(b->g, party, j, name, 1)
                         : agedge(b->g, j, party, name, 1);
        tie_style(b, e, k, t->status, t->weight);
        bool arrow = t->directed && p > 0;
        set(e, "arrowhead", arrow ? arrows[k->arrow] : "none");
        set(e, "dir", arrow ? "forward" : "none");
        if (b->notes) {
            size_t base = id.len;
            rg_buf_printf(&id, "-%s", b->m->actors[t->parties[p]].id);
            note(b, e, id.buf, cls.buf, tip.buf, first_url(b->m, t->sources, t->n_sources));
            id.len = base;
            id.buf[base] = '\0';
        }
    }
    free(id.buf);
    free(cls.buf);
    free(tip.buf);
}

/* The force-directed engines, by the size of the graph. Lines routed
 * around the nodes (splines=true) cost a visibility graph of every node's
 * outline, which grows with the cube of the nodes: sfdp on bench/gen.py
 * graphs with curved lines and straight ones took 0.27 s / 0.12 s at 10
 * actors, 1.1 / 0.20 at 30, 5.3 / 0.28 at 50, 35 / 0.62 at 100 (neato as
 * long); past the first row the lines are straight (ties between the same
 * two actors still fan out). Removing node overlaps (Prism) took most of
 * a large layout: at 20,000 actors, 91 s with its default 1,000 passes,
 * 48 s with 10 (its drawing a tenth smaller), and with tie labels off, 18 s,
 * or 13 s with sfdp's faster quadtree; so the third row. At 100,000 actors
 * those 10 passes took 133 s, and the scaling that precedes them alone
 * (prism0) 73 s: the last row trades a few overlaps left in a drawing
 * nobody reads node by node for a layout within the default timeout. */
static const struct spring_rule {
    size_t max_nodes;
    const char *splines, *overlap, *quadtree;
} spring_rules[] = {
    {30, "true", "false", NULL},
    {2000, "false", "false", NULL},
    {30000, "false", "prism10", "fast"},
    {SIZE_MAX, "false", "prism0", "fast"},
};

static void graph_attrs(builder *b)
{
    const rg_conf *c = b->c;
    Agraph_t *g = b->g;
    set(g, "pad", "0.3");
    set(g, "fontsize", "18");
    set(g, "labelloc", "t");
    set(g, "outputorder", "edgesfirst");
    if (strcmp(c->engine, "dot") == 0) {
        set(g, "rankdir", c->direction);
        set(g, "nodesep", "0.35");
        set(g, "ranksep", "0.55");
    } else {
        size_t nodes, edges, i = 0;
        graph_size(b->m, &nodes, &edges);
        while (nodes > spring_rules[i].max_nodes)
            i++;
        set(g, "overlap", spring_rules[i].overlap);
        set(g, "sep", "+12");
        set(g, "splines", spring_rules[i].splines);
        if (spring_rules[i].quadtree && strcmp(c->engine, "sfdp") == 0)
            set(g, "quadtree", spring_rules[i].quadtree);
        setf(g, "start", "%lld", c->seed);
    }
    if (b->m->title || b->m->filtered) {
        rg_buf lb = {0}, title = {0};
        if (b->m->title)
            html_wrapped(&title, b->m->title, 80);
        if (title.len) { /* no empty <B></B>: an error to Graphviz */
            rg_buf_puts(&lb, "<B>");
            rg_buf_add(&lb, title.buf, title.len);
            rg_buf_puts(&lb, "</B>");
        }
        free(title.buf);
        /* What the filters kept, so that a reader of the picture knows. */
        if (b->m->filtered) {
            rg_buf_printf(&lb, "%s<FONT POINT-SIZE=\"12\">", lb.len ? "<BR/>" : "");
            html_wrapped(&lb, b->m->filtered, 100);
            rg_buf_puts(&lb, "</FONT>");
        }
        rg_set_html(g, "label", lb.buf);
        free(lb.buf);
    }
}

Agraph_t *rg_build_graph(const rg_model *m, const rg_conf *c)
{
    return rg_build_graph_noted(m, c, NULL);
}

Agraph_t *rg_build_graph_noted(const rg_model *m, const rg_conf *c,
                               rg_svg_notes *notes)
{
    builder b = {.m = m, .c = c, .th = find_theme(c->theme), .notes = notes};
    b.g = agopen(RG_S("relgraph"), Agdirected, &seq_disc);
    if (!b.g)
        rg_oom();
    declare_defaults(b.g, b.th);
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
        if (a->group >= 0 && draws_clusters(c->engine))
            agsubnode(cluster_for(&b, a->group, 0), n, 1);
        actor_label(n, a, actor_style(&b, n, a));
        note_actor(&b, n, a);
        b.nodes[i] = n;
    }
    for (size_t i = 0; i < m->n_ties; i++)
        add_tie(&b, i);
    free(b.clusters);
    free(b.nodes);
    free(b.pairs);
    free(b.pair_tail);
    return b.g;
}

/* ---- the legend ------------------------------------------------------------ */

/* A row label: left-justified plain text in a node as wide as the widest,
 * so that the column reads as a list. */
static Agnode_t *legend_text(Agraph_t *g, const char *name, const char *text)
{
    Agnode_t *n = agnode(g, RG_S(name), 1);
    rg_buf lb = {0};
    rg_plain_escape(&lb, text);
    rg_buf_puts(&lb, "\\l");
    set(n, "shape", "plaintext");
    set(n, "label", lb.buf);
    set(n, "width", "1.9");
    set(n, "height", "0.3");
    free(lb.buf);
    return n;
}

Agraph_t *rg_build_legend(const rg_model *m, const rg_conf *c)
{
    return rg_build_legend_noted(m, c, NULL);
}

Agraph_t *rg_build_legend_noted(const rg_model *m, const rg_conf *c,
                                rg_svg_notes *notes)
{
    const theme *th = find_theme(c->theme);
    builder b = {.m = m, .c = c, .th = th, .notes = notes};
    bool any_status = false, any_multi = false;
    size_t rows = 0;
    for (size_t i = 0; i < m->n_tie_kinds; i++)
        rows += m->tie_kinds[i].uses > 0;
    for (size_t i = 0; i < m->n_actor_kinds; i++)
        rows += m->actor_kinds[i].uses > 0;
    for (size_t i = 0; i < m->n_ties; i++) {
        any_status |= statuses[m->ties[i].status].suffix != NULL;
        any_multi |= m->ties[i].multi;
    }
    if (rows == 0)
        return NULL;

    Agraph_t *g = agopen(RG_S("legend"), Agdirected, &seq_disc);
    if (!g)
        rg_oom();
    b.g = g;
    declare_defaults(g, th);
    set(g, "rankdir", "LR");
    set(g, "nodesep", "0.08");
    set(g, "ranksep", "0.3");
    Agraph_t *box = agsubg(g, RG_S("cluster_legend"), 1);
    note(&b, box, "legend", "legend", "Legend", NULL);
    char pen[8], fill[8];
    hex(pen, th->cluster_pen);
    hex(fill, th->bg);
    set(box, "style", "rounded,filled");
    set(box, "color", pen);
    set(box, "fillcolor", fill);
    set(box, "fontsize", "13");
    set(box, "labeljust", "l");
    rg_set_html(box, "label", "<B>Legend</B>");
    /* The label column keeps its order through a chain of invisible
     * same-rank edges. */
    Agraph_t *col = agsubg(box, RG_S("legend_column"), 1);
    set(col, "rank", "same");
    Agnode_t *prev = NULL;
    char name[32];
    size_t row = 0;

#define CHAIN(n)                                                          \
    do {                                                                  \
        if (prev) {                                                       \
            snprintf(name, sizeof name, "lc%zu", row);                    \
            Agedge_t *ce = agedge(box, n, prev, name, 1);                 \
            set(ce, "style", "invis");                                    \
        }                                                                 \
        prev = n;                                                         \
        row++;                                                            \
    } while (0)

    for (size_t i = 0; i < m->n_tie_kinds; i++) {
        const rg_tie_kind *k = &m->tie_kinds[i];
        if (!k->uses)
            continue;
        snprintf(name, sizeof name, "lt%zu", i);
        Agnode_t *t = legend_text(box, name, k->label);
        agsubnode(col, t, 1);
        CHAIN(t);
        snprintf(name, sizeof name, "lt%zu.end", i);
        Agnode_t *end = agnode(box, name, 1);
        set(end, "shape", "point");
        set(end, "style", "invis");
        set(end, "width", "0.01");
        snprintf(name, sizeof name, "lt%zu.edge", i);
        Agedge_t *e = agedge(box, t, end, name, 1);
        tie_style(&b, e, k, RG_STATUS_NONE, 0);
        set(e, "arrowhead", k->directed ? arrows[k->arrow] : "none");
        set(e, "dir", k->directed ? "forward" : "none");
        set(e, "minlen", "2");
    }
    if (any_status) {
        Agnode_t *t = legend_text(box, "ls", "alleged, denied or ended: paler");
        agsubnode(col, t, 1);
        CHAIN(t);
    }
    if (any_multi) {
        Agnode_t *t = legend_text(box, "lm", "box on a line: a tie of 3 or more");
        agsubnode(col, t, 1);
        CHAIN(t);
    }
    for (size_t i = 0; i < m->n_actor_kinds; i++) {
        const rg_actor_kind *k = &m->actor_kinds[i];
        if (!k->uses)
            continue;
        snprintf(name, sizeof name, "la%zu", i);
        Agnode_t *n = agnode(box, name, 1);
        agsubnode(col, n, 1);
        rg_actor a = {.kind = (int)i};
        actor_style(&b, n, &a);
        set(n, "fontsize", "10");
        rg_buf lb = {0};
        rg_html_escape(&lb, k->label);
        rg_set_html(n, "label", lb.buf);
        free(lb.buf);
        CHAIN(n);
    }
#undef CHAIN
    return g;
}
