/*
 * legend.c - the legend: only the kinds the drawing uses, one row each (a
 * line's sample, then its kind's name; an actor kind's shape, small, then
 * its), a line on paler ties and on junction boxes when those
 * appear, as a small graph of its own: one column beside the drawing,
 * columns of a few rows side by side below it. Laid out with dot in a
 * layout child, within --timeout as the drawing is (layout.c), and
 * placed beside or below the drawing, then copied into the drawing's
 * graph, so that it never overlaps the graph whatever the engine; the key
 * of `edge_labels: notes` (notes.c) is joined the same way. Graphviz's
 * "nop2" engine (diagram.c) then draws them as one.
 */
#include "gv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the legend's graph ------------------------------------------------------ */

/* The legend's text is the conf's size (rg_text_of): small, but as large
 * as a tie label; a character of it is about RG_CHAR_EM wide. */

/* A row label: left-justified plain text of SIZE points in a node WIDTH
 * inches wide (the widest of its column), so that the column reads as a
 * list. */
static Agnode_t *legend_text(Agraph_t *g, const char *name, const char *text,
                             double width, double size)
{
    Agnode_t *n = agnode(g, RG_S(name), 1);
    rg_buf lb = RG_BUF_INIT;
    rg_esc_plain(&lb, text);
    rg_buf_puts(&lb, "\\l");
    rg_set(n, "shape", "plaintext");
    rg_set(n, "label", lb.buf);
    rg_setf(n, "fontsize", "%g", size);
    rg_setf(n, "width", "%.2f", width);
    rg_set(n, "height", "0.22");
    /* A little room between a sample's arrowhead and the text. */
    rg_set(n, "margin", "0.07,0.02");
    rg_buf_free(&lb);
    return n;
}

static size_t text_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* The width in inches of a column of texts of at most CHARS characters
 * of SIZE points. */
static double column_width(size_t chars, double size)
{
    return ((double)chars * RG_CHAR_EM * size + 8) / 72.0;
}

/* The rows are kept in order by a chain of invisible same-rank edges
 * between their texts. A row's sample (a line, a shape) stands left of
 * its text, as in a chart's key: the text then starts where its sample
 * ends, whatever the column's width, and no sample stands nearer the
 * text of the column beside it than its own. */
typedef struct column {
    Agraph_t *box, *col;
    char chain[16];     /* its chain edges' names: "lc1", "lc2"... */
    Agnode_t *prev, *first, *first_start; /* FIRST_START: its row's first node */
    size_t rows;
    double width;       /* of its texts, inches */
    double size;        /* of its texts, points */
} column;

static void add_row(column *c, Agnode_t *n, Agnode_t *start)
{
    agsubnode(c->col, n, 1);
    if (c->prev) {
        char name[40];
        snprintf(name, sizeof name, "%s%zu", c->chain, c->rows);
        Agedge_t *ce = agedge(c->box, n, c->prev, name, 1);
        rg_set(ce, "style", "invis");
    } else {
        c->first = n;
        c->first_start = start ? start : n;
    }
    c->prev = n;
    c->rows++;
}

/* A row of a kind: its text, named PREFIX and I ("lt3"), and before it
 * a node named PREFIX I SAMPLE ("lt3.start") with an edge from it
 * ("lt3.edge"), into *N and *E. */
static void kind_row(column *c, const char *prefix, size_t i, const char *label,
                     const char *sample, Agnode_t **n, Agedge_t **e)
{
    char name[40];
    snprintf(name, sizeof name, "%s%zu", prefix, i);
    Agnode_t *t = legend_text(c->box, name, label, c->width, c->size);
    snprintf(name, sizeof name, "%s%zu%s", prefix, i, sample);
    *n = agnode(c->box, name, 1);
    add_row(c, t, *n);
    snprintf(name, sizeof name, "%s%zu.edge", prefix, i);
    *e = agedge(c->box, *n, t, name, 1);
}

static void tie_row(column *c, const rg_theme *th, const rg_tie_kind *k,
                    size_t i)
{
    Agnode_t *start;
    Agedge_t *e;
    kind_row(c, "lt", i, k->label, ".start", &start, &e);
    rg_set(start, "shape", "point");
    rg_set(start, "style", "invis");
    rg_set(start, "width", "0.01");
    rg_style_tie(e, th, k, RG_STATUS_NONE, 0);
    rg_set(e, "arrowhead", rg_arrow_names.names[k->directed ? k->arrow : RG_ARROW_NONE]);
    rg_set(e, "dir", k->directed ? "forward" : "none");
    rg_set(e, "minlen", "2");
}

/* An actor kind: its shape small, and its name beside it. */
static void actor_row(column *c, const rg_theme *th, const rg_actor_kind *k,
                      size_t i)
{
    Agnode_t *n;
    Agedge_t *e;
    kind_row(c, "la", i, k->label, ".shape", &n, &e);
    rg_style_actor(n, th, k);
    rg_set(n, "label", "");
    rg_set(n, "width", "0.34");
    rg_set(n, "height", "0.2");
    rg_set(n, "fixedsize", "true");
    rg_set(e, "style", "invis");
}

/* A row of the legend before it is drawn. */
typedef struct row {
    enum { ROW_TIE, ROW_NOTE, ROW_ACTOR, ROW_MORE } what;
    size_t index;       /* into tie_kinds, notes or actor_kinds */
    const char *text;
} row;

/* The legend's layout grows faster than its rows (10,000 tie kinds took
 * over a minute, and nobody reads such a legend): at most this many kinds
 * of each, the most used, and a row saying how many more (relgraph(5),
 * RENDER: legend). */
#define RG_LEGEND_MAX_KINDS 40

static const size_t *kind_uses;
static int by_uses(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    if (kind_uses[a] != kind_uses[b])
        return kind_uses[a] > kind_uses[b] ? -1 : 1;
    return a < b ? -1 : a > b;
}

static int by_index(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    return a < b ? -1 : a > b;
}

/* Of the N kinds whose uses are USES[i] (0: not drawn), the ones the
 * legend shows, in their order, into KEEP (room for N); how many; *MORE
 * those left out. */
static size_t kinds_shown(const size_t *uses, size_t n, size_t *keep, size_t *more)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (uses[i])
            keep[k++] = i;
    *more = 0;
    if (k > RG_LEGEND_MAX_KINDS) {
        kind_uses = uses;
        qsort(keep, k, sizeof *keep, by_uses);
        *more = k - RG_LEGEND_MAX_KINDS;
        k = RG_LEGEND_MAX_KINDS;
        qsort(keep, k, sizeof *keep, by_index);
    }
    return k;
}

static const char *const note_names[] = {"ls", "lm", "lo"};
static const char *const note_texts[] = {
    "alleged, denied or ended: paler",
    "box on a line: a tie of 3 or more",
    "dotted line to a diamond: what it is about",
};

/* Below a drawing, at most this many rows a column: the legend then
 * costs the page little height. */
#define ROWS_BELOW 5

Agraph_t *rg_build_legend_at(const rg_model *m, const rg_conf *c, bool below,
                             rg_svg_notes *notes)
{
    const rg_theme *th = rg_theme_of(c);
    bool note_on[3] = {false, false, false};
    for (size_t i = 0; i < m->n_ties; i++) {
        note_on[0] |= rg_style_status_said(m->ties[i].status) != NULL;
        note_on[1] |= m->ties[i].multi;
        note_on[2] |= m->ties[i].over >= 0;
    }
    size_t n = 0, ties = 0, tie_notes = 0, most = m->n_tie_kinds > m->n_actor_kinds
                                                      ? m->n_tie_kinds : m->n_actor_kinds;
    row *rows = rg_xcalloc(2 * RG_LEGEND_MAX_KINDS + 6, sizeof *rows);
    size_t *uses = rg_xcalloc(most + 1, sizeof *uses), *keep = rg_xcalloc(most + 1, sizeof *keep);
    size_t more_ties, more_actors;
    char more_text[2][80];
    for (size_t i = 0; i < m->n_tie_kinds; i++)
        uses[i] = m->tie_kinds[i].uses;
    size_t shown = kinds_shown(uses, m->n_tie_kinds, keep, &more_ties);
    for (size_t i = 0; i < shown; i++)
        rows[n++] = (row){ROW_TIE, keep[i], m->tie_kinds[keep[i]].label};
    if (more_ties) {
        snprintf(more_text[0], sizeof more_text[0], "and %zu more kinds of tie", more_ties);
        rows[n++] = (row){ROW_MORE, 0, more_text[0]};
    }
    ties = n;
    for (size_t i = 0; i < 3; i++)
        if (note_on[i] && ties > 0)
            rows[n++] = (row){ROW_NOTE, i, note_texts[i]};
    tie_notes = n;
    for (size_t i = 0; i < m->n_actor_kinds; i++)
        uses[i] = m->actor_kinds[i].uses;
    shown = kinds_shown(uses, m->n_actor_kinds, keep, &more_actors);
    for (size_t i = 0; i < shown; i++)
        rows[n++] = (row){ROW_ACTOR, keep[i], m->actor_kinds[keep[i]].label};
    if (more_actors) {
        snprintf(more_text[1], sizeof more_text[1], "and %zu more kinds of actor",
                 more_actors);
        rows[n++] = (row){ROW_MORE, 1, more_text[1]};
    }
    free(uses);
    free(keep);
    if (n == 0) {
        free(rows);
        return NULL;
    }
    /* Beside the drawing, one column; below, the ties' rows, the notes on
     * them and the actor kinds' rows each in columns of at most
     * ROWS_BELOW (more with hundreds of kinds), side by side, so that a
     * line's sample stands next to its text. Where each column starts in
     * ROWS: */
    size_t starts[64], ncols = 0;
    if (!below) {
        starts[ncols++] = 0;
    } else {
        size_t per = n / 16 + 1 > ROWS_BELOW ? n / 16 + 1 : ROWS_BELOW;
        size_t bounds[] = {0, ties, tie_notes, n};
        for (size_t part = 0; part < 3; part++) {
            size_t from = bounds[part], len = bounds[part + 1] - from;
            size_t k = (len + per - 1) / per;
            for (size_t j = 0; j < k; j++)
                starts[ncols++] = from + j * ((len + k - 1) / k);
        }
    }
    starts[ncols] = n;

    Agraph_t *g = rg_graph_open("legend");
    rg_style_defaults(g, th, c);
    const rg_text_sizes *ts = rg_text_of(c);
    rg_set(g, "rankdir", rg_direction_names.names[RG_DIR_LR]);
    rg_set(g, "nodesep", "0.04");
    rg_set(g, "ranksep", "0.2");
    Agraph_t *box = agsubg(g, RG_S("cluster_legend"), 1);
    if (notes)
        rg_set(box, "id", rg_svg_note(notes, "legend", "legend", "Legend", NULL));
    rg_style_box(box, th, -1, ts->heading);
    rg_set(box, "margin", "6");
    rg_set_html(box, "label", "<B>Legend</B>");
    Agnode_t *prev_text = NULL;
    for (size_t k = 0; k < ncols; k++) {
        size_t widest = 0;
        for (size_t r = starts[k]; r < starts[k + 1]; r++) {
            size_t w = text_chars(rows[r].text);
            widest = w > widest ? w : widest;
        }
        char name[40];
        if (k == 0)
            snprintf(name, sizeof name, "legend_column");
        else
            snprintf(name, sizeof name, "legend_column%zu", k + 1);
        column col = {.box = box, .col = agsubg(box, name, 1),
                      .width = column_width(widest, ts->entry), .size = ts->entry};
        snprintf(col.chain, sizeof col.chain, k ? "lc%zu." : "lc", k + 1);
        rg_set(col.col, "rank", "same");
        for (size_t r = starts[k]; r < starts[k + 1]; r++) {
            if (rows[r].what == ROW_TIE)
                tie_row(&col, th, &m->tie_kinds[rows[r].index], rows[r].index);
            else if (rows[r].what == ROW_ACTOR)
                actor_row(&col, th, &m->actor_kinds[rows[r].index], rows[r].index);
            else if (rows[r].what == ROW_MORE)
                add_row(&col, legend_text(box, rows[r].index ? "lmore_a" : "lmore_t",
                                          rows[r].text, col.width, col.size), NULL);
            else
                add_row(&col, legend_text(box, note_names[rows[r].index],
                                          rows[r].text, col.width, col.size), NULL);
        }
        /* Each column starts where the one before it ends: its first
         * row's sample right of the text before. */
        if (prev_text) {
            snprintf(name, sizeof name, "lcols%zu", k);
            rg_set(agedge(box, prev_text, col.first_start, name, 1), "style", "invis");
        }
        prev_text = col.first;
    }
    free(rows);
    return g;
}

Agraph_t *rg_build_legend_noted(const rg_model *m, const rg_conf *c,
                                rg_svg_notes *notes)
{
    return rg_build_legend_at(m, c, false, notes);
}

Agraph_t *rg_build_legend(const rg_model *m, const rg_conf *c)
{
    return rg_build_legend_noted(m, c, NULL);
}

/* ---- joining it to the drawing ------------------------------------------------ */

#ifndef MIN
#define MIN(a, b) ((a) < (b) ? (a) : (b))
#define MAX(a, b) ((a) > (b) ? (a) : (b))
#endif

typedef struct rg_rect {
    double x1, y1, x2, y2;
} rg_rect;

static bool get_bb(void *obj, rg_rect *b)
{
    char *s = agget(obj, RG_S("bb"));
    return s && sscanf(s, "%lf,%lf,%lf,%lf", &b->x1, &b->y1, &b->x2, &b->y2) == 4;
}

/* Shift every point of a pos/lp/bb value: "x,y", "e,x,y s,x,y x,y ...",
 * splines separated by ';'. */
static void shift_points(rg_buf *out, const char *s, double dx, double dy)
{
    rg_buf_clear(out);
    while (*s) {
        if (*s == ' ' || *s == ';') {
            rg_buf_putc(out, *s++);
            continue;
        }
        if ((s[0] == 'e' || s[0] == 's') && s[1] == ',') {
            rg_buf_add(out, s, 2);
            s += 2;
        }
        double x, y;
        if (rg_point_read(&s, &x, &y)) {
            rg_buf_printf(out, "%.2f,%.2f", x + dx, y + dy);
            /* bb has a second pair */
            const char *second = s + 1;
            if (*s == ',' && rg_point_read(&second, &x, &y)) {
                rg_buf_printf(out, ",%.2f,%.2f", x + dx, y + dy);
                s = second;
            }
        } else {
            rg_buf_putc(out, *s++);
        }
    }
}

/* Copy every attribute of SRC (a node, edge or graph of the legend) to
 * DST, shifting positions. */
static void copy_attrs(Agraph_t *from, int kind, void *src, void *dst,
                       double dx, double dy)
{
    rg_buf moved = RG_BUF_INIT;
    for (Agsym_t *sym = agnxtattr(from, kind, NULL); sym;
         sym = agnxtattr(from, kind, sym)) {
        char *val = agxget(src, sym);
        if (!val || (!*val && !*sym->defval))
            continue;
        if (strcmp(sym->name, "pos") == 0 || strcmp(sym->name, "lp") == 0 ||
            strcmp(sym->name, "bb") == 0) {
            shift_points(&moved, val, dx, dy);
            rg_set(dst, sym->name, moved.buf);
        } else if (aghtmlstr(val)) {
            rg_set_html(dst, sym->name, val);
        } else {
            rg_set(dst, sym->name, val);
        }
    }
    rg_buf_free(&moved);
}

static void copy_subgraphs(Agraph_t *lg, Agraph_t *from, Agraph_t *to,
                           double dx, double dy)
{
    for (Agraph_t *sg = agfstsubg(from); sg; sg = agnxtsubg(sg)) {
        Agraph_t *copy = agsubg(to, agnameof(sg), 1);
        copy_attrs(lg, AGRAPH, sg, copy, dx, dy);
        for (Agnode_t *n = agfstnode(sg); n; n = agnxtnode(sg, n))
            agsubnode(copy, agnode(agroot(to), agnameof(n), 0), 1);
        copy_subgraphs(lg, sg, copy, dx, dy);
    }
}

/* The top of N's box, points (y grows upwards). */
static bool node_top(Agnode_t *n, double *top)
{
    double x, y, h;
    const char *pos = agget(n, RG_S("pos")), *height = agget(n, RG_S("height"));
    if (!pos || !height || sscanf(pos, "%lf,%lf", &x, &y) != 2 ||
        sscanf(height, "%lf", &h) != 1)
        return false;
    *top = y + h * 72.0 / 2;
    return true;
}

/* The top of C's highest box if C is a column (a subgraph of rank=same,
 * beside the others) with a node placed. */
static bool column_top(Agraph_t *c, double *top)
{
    const char *rank = agget(c, RG_S("rank"));
    if (!rank || strcmp(rank, "same") != 0)
        return false;
    double t;
    *top = -HUGE_VAL;
    for (Agnode_t *n = agfstnode(c); n; n = agnxtnode(c, n))
        if (node_top(n, &t) && t > *top)
            *top = t;
    return *top > -HUGE_VAL;
}

/* The highest top of SG's columns, at any depth, in TOP. */
static void highest_column(Agraph_t *sg, double *top)
{
    double t;
    for (Agraph_t *c = agfstsubg(sg); c; c = agnxtsubg(c)) {
        highest_column(c, top);
        if (column_top(c, &t) && t > *top)
            *top = t;
    }
}

/* Whether N is a text of one of SG's columns, at any depth. */
static bool in_a_column(Agraph_t *sg, Agnode_t *n)
{
    double top;
    for (Agraph_t *c = agfstsubg(sg); c; c = agnxtsubg(c))
        if ((column_top(c, &top) && agsubnode(c, n, 0)) || in_a_column(c, n))
            return true;
    return false;
}

static void shift_attr(rg_buf *moved, void *obj, const char *attr, double dy)
{
    const char *pos = agget(obj, RG_S(attr));
    if (pos && *pos) {
        shift_points(moved, pos, 0, dy);
        rg_set(obj, attr, moved->buf);
    }
}

/* Every column of SG moved up to start at TOP: dot centres a rank's first
 * nodes on one line, so that a key's column whose first text has one line
 * would start half a line below one whose first has two. Its texts, the
 * edges between them and each row's sample (LG's nodes in no column, and
 * their edges to the texts) move; nothing moves above the highest top, so
 * every box still holds them. */
static void raise_columns(Agraph_t *lg, Agraph_t *sg, double top)
{
    for (Agraph_t *c = agfstsubg(sg); c; c = agnxtsubg(c)) {
        raise_columns(lg, c, top);
        double col_top;
        if (!column_top(c, &col_top) || top - col_top < 0.01)
            continue;
        double dy = top - col_top;
        rg_buf moved = RG_BUF_INIT;
        for (Agnode_t *n = agfstnode(c); n; n = agnxtnode(c, n)) {
            shift_attr(&moved, n, "pos", dy);
            for (Agedge_t *e = agfstout(lg, n); e; e = agnxtout(lg, e))
                if (agsubnode(c, aghead(e), 0))
                    shift_attr(&moved, e, "pos", dy);
            for (Agedge_t *e = agfstin(lg, n); e; e = agnxtin(lg, e))
                if (!in_a_column(lg, agtail(e))) {
                    shift_attr(&moved, agtail(e), "pos", dy);
                    shift_attr(&moved, e, "pos", dy);
                }
        }
        rg_buf_free(&moved);
    }
}

bool rg_legend_below(const rg_conf *c, Agraph_t *g)
{
    rg_rect gb;
    if (c->legend_below)
        return true;
    return get_bb(g, &gb) && gb.x2 - gb.x1 > 1.6 * (gb.y2 - gb.y1);
}

bool rg_legend_join(GVC_t *gvc, Agraph_t *g, Agraph_t *lg, bool below,
                    const rg_conf *c, rg_layout_memo *memo, rg_diags *d)
{
    /* Laid out with dot in a child, as the drawing is (layout.c): within
     * --timeout, and an engine's crash costs the run only; the child's
     * layout comes back in LG's attributes. */
    rg_conf lc = *c;
    rg_conf_set_layout(&lc, RG_LAYOUT_DOT);
    lc.newrank = false;
    if (!rg_layout_memo_lay(gvc, lg, &lc, c->timeout, d, memo))
        return false;
    double top = -HUGE_VAL;
    highest_column(lg, &top);
    raise_columns(lg, lg, top);
    rg_rect gb, lb;
    if (!get_bb(g, &gb) || !get_bb(lg, &lb))
        return false;
    const double gap = 24;
    double dx, dy;
    if (below) {
        /* Below, at the left. */
        dx = gb.x1 - lb.x1;
        dy = gb.y1 - gap - lb.y2;
    } else {
        /* Beside it, at the top right. */
        dx = gb.x2 + gap - lb.x1;
        dy = gb.y2 - lb.y2;
    }
    for (Agnode_t *n = agfstnode(lg); n; n = agnxtnode(lg, n))
        copy_attrs(lg, AGNODE, n, agnode(g, agnameof(n), 1), dx, dy);
    copy_subgraphs(lg, lg, g, dx, dy);
    for (Agnode_t *n = agfstnode(lg); n; n = agnxtnode(lg, n)) {
        for (Agedge_t *e = agfstout(lg, n); e; e = agnxtout(lg, e)) {
            Agnode_t *t = agnode(g, agnameof(agtail(e)), 0);
            Agnode_t *h = agnode(g, agnameof(aghead(e)), 0);
            Agedge_t *copy = agedge(g, t, h, agnameof(e), 1);
            copy_attrs(lg, AGEDGE, e, copy, dx, dy);
        }
    }
    /* The root's box now spans both, for a next part; nop2 recomputes
     * it once the caller has cleared it. */
    rg_rect u = {MIN(gb.x1, lb.x1 + dx), MIN(gb.y1, lb.y1 + dy),
                 MAX(gb.x2, lb.x2 + dx), MAX(gb.y2, lb.y2 + dy)};
    rg_setf(g, "bb", "%.2f,%.2f,%.2f,%.2f", u.x1, u.y1, u.x2, u.y2);
    return true;
}
