/*
 * legend.c - the legend: only the kinds the drawing uses, a line on paler
 * ties and on junction boxes when those appear, as a small graph of its
 * own; laid out with dot and placed beside the drawing (below it when the
 * drawing is much wider than tall), then copied into the drawing's graph,
 * so that it never overlaps the graph whatever the engine. Graphviz's
 * "nop2" engine (diagram.c) then draws the two as one.
 */
#include "gv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the legend's graph ------------------------------------------------------ */

/* A row label: left-justified plain text in a node as wide as the widest,
 * so that the column reads as a list. */
static Agnode_t *legend_text(Agraph_t *g, const char *name, const char *text)
{
    Agnode_t *n = agnode(g, RG_S(name), 1);
    rg_buf lb = RG_BUF_INIT;
    rg_esc_plain(&lb, text);
    rg_buf_puts(&lb, "\\l");
    rg_set(n, "shape", "plaintext");
    rg_set(n, "label", lb.buf);
    rg_set(n, "width", "1.9");
    rg_set(n, "height", "0.3");
    rg_buf_free(&lb);
    return n;
}

/* The rows are kept in order by a chain of invisible same-rank edges. */
typedef struct column {
    Agraph_t *box, *col;
    Agnode_t *prev;
    size_t rows;
} column;

static void add_row(column *c, Agnode_t *n)
{
    agsubnode(c->col, n, 1);
    if (c->prev) {
        char name[32];
        snprintf(name, sizeof name, "lc%zu", c->rows);
        Agedge_t *ce = agedge(c->box, n, c->prev, name, 1);
        rg_set(ce, "style", "invis");
    }
    c->prev = n;
    c->rows++;
}

static void tie_row(column *c, const rg_theme *th, const rg_tie_kind *k,
                    size_t i)
{
    char name[32];
    snprintf(name, sizeof name, "lt%zu", i);
    Agnode_t *t = legend_text(c->box, name, k->label);
    add_row(c, t);
    snprintf(name, sizeof name, "lt%zu.end", i);
    Agnode_t *end = agnode(c->box, name, 1);
    rg_set(end, "shape", "point");
    rg_set(end, "style", "invis");
    rg_set(end, "width", "0.01");
    snprintf(name, sizeof name, "lt%zu.edge", i);
    Agedge_t *e = agedge(c->box, t, end, name, 1);
    rg_style_tie(e, th, k, RG_STATUS_NONE, 0);
    rg_set(e, "arrowhead", k->directed ? rg_arrow_names.names[k->arrow] : "none");
    rg_set(e, "dir", k->directed ? "forward" : "none");
    rg_set(e, "minlen", "2");
}

static void actor_row(column *c, const rg_theme *th, const rg_actor_kind *k,
                      size_t i)
{
    char name[32];
    snprintf(name, sizeof name, "la%zu", i);
    Agnode_t *n = agnode(c->box, name, 1);
    rg_style_actor(n, th, k);
    rg_set(n, "fontsize", "10");
    rg_buf lb = RG_BUF_INIT;
    rg_esc_label(&lb, k->label);
    rg_set_html(n, "label", lb.buf);
    rg_buf_free(&lb);
    add_row(c, n);
}

Agraph_t *rg_build_legend_noted(const rg_model *m, const rg_conf *c,
                                rg_svg_notes *notes)
{
    const rg_theme *th = rg_theme_of(c);
    bool any_status = false, any_multi = false, any_over = false;
    size_t rows = 0;
    for (size_t i = 0; i < m->n_tie_kinds; i++)
        rows += m->tie_kinds[i].uses > 0;
    for (size_t i = 0; i < m->n_actor_kinds; i++)
        rows += m->actor_kinds[i].uses > 0;
    for (size_t i = 0; i < m->n_ties; i++) {
        any_status |= rg_style_status_said(m->ties[i].status) != NULL;
        any_multi |= m->ties[i].multi;
        any_over |= m->ties[i].over >= 0;
    }
    if (rows == 0)
        return NULL;

    Agraph_t *g = rg_graph_open("legend");
    rg_style_defaults(g, th, c->font);
    rg_set(g, "rankdir", rg_direction_names.names[RG_DIR_LR]);
    rg_set(g, "nodesep", "0.08");
    rg_set(g, "ranksep", "0.3");
    Agraph_t *box = agsubg(g, RG_S("cluster_legend"), 1);
    if (notes)
        rg_set(box, "id", rg_svg_note(notes, "legend", "legend", "Legend", NULL));
    rg_style_box(box, th, -1);
    rg_set_html(box, "label", "<B>Legend</B>");
    column col = {box, agsubg(box, RG_S("legend_column"), 1), NULL, 0};
    rg_set(col.col, "rank", "same");
    for (size_t i = 0; i < m->n_tie_kinds; i++)
        if (m->tie_kinds[i].uses)
            tie_row(&col, th, &m->tie_kinds[i], i);
    if (any_status)
        add_row(&col, legend_text(box, "ls", "alleged, denied or ended: paler"));
    if (any_multi)
        add_row(&col, legend_text(box, "lm", "box on a line: a tie of 3 or more"));
    if (any_over)
        add_row(&col, legend_text(box, "lo", "dotted line to a diamond: what it is about"));
    for (size_t i = 0; i < m->n_actor_kinds; i++)
        if (m->actor_kinds[i].uses)
            actor_row(&col, th, &m->actor_kinds[i], i);
    return g;
}

Agraph_t *rg_build_legend(const rg_model *m, const rg_conf *c)
{
    return rg_build_legend_noted(m, c, NULL);
}

/* ---- joining it to the drawing ------------------------------------------------ */

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
        int used = 0;
        if (sscanf(s, "%lf,%lf%n", &x, &y, &used) == 2 && used > 0) {
            rg_buf_printf(out, "%.2f,%.2f", x + dx, y + dy);
            s += used;
            /* bb has a second pair */
            if (*s == ',' && sscanf(s + 1, "%lf,%lf%n", &x, &y, &used) == 2) {
                rg_buf_printf(out, ",%.2f,%.2f", x + dx, y + dy);
                s += 1 + used;
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

bool rg_legend_join(GVC_t *gvc, Agraph_t *g, Agraph_t *lg, const rg_conf *c)
{
    char *data = NULL;
    rg_gvlen len = 0;
    /* Rendering to "dot" writes the layout into the attributes. */
    if (gvLayout(gvc, lg, rg_layout_names.names[RG_LAYOUT_DOT]) != 0)
        return false;
    if (gvRenderData(gvc, lg, "dot", &data, &len) != 0)
        return false;
    gvFreeRenderData(data);
    rg_rect gb, lb;
    if (!get_bb(g, &gb) || !get_bb(lg, &lb))
        return false;
    const double gap = 24;
    double gw = gb.x2 - gb.x1, gh = gb.y2 - gb.y1;
    double dx, dy;
    if (c->legend_below || (gw > 1.6 * gh && gw > (lb.x2 - lb.x1) * 2)) {
        /* A wide drawing: the legend goes below, at the left. */
        dx = gb.x1 - lb.x1;
        dy = gb.y1 - gap - lb.y2;
    } else {
        /* Beside it, at the top right. */
        dx = gb.x2 + gap - lb.x1;
        dy = gb.y2 - lb.y2;
    }
    gvFreeLayout(gvc, lg);
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
    /* The root's box now spans both; nop2 recomputes it. */
    rg_set(g, "bb", "");
    /* And it places the title above the whole, once: kept, its old place
     * would sit below the room nop2 makes for it. */
    rg_set(g, "lp", "");
    return true;
}
