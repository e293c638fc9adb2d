/*
 * score.c - how readable a drawing is: a drawing's plain geometry
 * (geometry.c) -> the figures of tests/page_check.py, whose docstring
 * defines each one, tolerances included (overlapping texts, edges through
 * foreign texts, actors and groups, crossings, the labels' distance from
 * their curves, the smallest text once on the page, the share of the page
 * used). page_check.py reads Graphviz's json output from the outside;
 * this reads the same drawing from the inside, and the two are held to
 * the same figures (tests/test_score.c).
 *
 * Every search goes through a uniform grid of the objects' boxes, so that
 * a drawing of thousands of actors is measured in near-linear time (the
 * grid, rg_grid, is titles.c's too). The grids and marks a measure makes
 * are freed before it returns.
 */
#include "gv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* page_check.py's constants: overlaps and intrusions up to TOL deep are
 * not counted; crossings within an arrowhead's length of a node both
 * edges end at are where they meet there. */
#define TOL 1.0
#define ARROW_MARGIN 10.0
/* The grid's smallest cell, points. */
#define CELL 48.0

/* ---- the pure geometry ----------------------------------------------- */

/* The smaller and the larger of two finite numbers, inline: libm's fmin
 * and fmax are calls, and the measures make millions of them. */
static inline double lo(double a, double b)
{
    return a < b ? a : b;
}

static inline double hi(double a, double b)
{
    return a > b ? a : b;
}

static bool shrink(const rg_box *b, double d, rg_box *out)
{
    *out = (rg_box){b->x0 + d, b->y0 + d, b->x1 - d, b->y1 - d};
    return out->x0 < out->x1 && out->y0 < out->y1;
}

static rg_box grow(rg_box b, double d)
{
    return (rg_box){b.x0 - d, b.y0 - d, b.x1 + d, b.y1 + d};
}

static rg_box box_union(rg_box a, rg_box b)
{
    return (rg_box){lo(a.x0, b.x0), lo(a.y0, b.y0), hi(a.x1, b.x1),
                    hi(a.y1, b.y1)};
}

static bool boxes_meet(const rg_box *a, const rg_box *b)
{
    return a->x0 <= b->x1 && b->x0 <= a->x1 && a->y0 <= b->y1 && b->y0 <= a->y1;
}

static bool inside(double x, double y, const rg_box *b)
{
    return b->x0 <= x && x <= b->x1 && b->y0 <= y && y <= b->y1;
}

static rg_box seg_box(const rg_box *s)
{
    return (rg_box){lo(s->x0, s->x1), lo(s->y0, s->y1), hi(s->x0, s->x1),
                    hi(s->y0, s->y1)};
}

/* Liang-Barsky: some part of S lies strictly inside BOX. */
bool rg_seg_enters(const rg_box *s, const rg_box *box)
{
    double dx = s->x1 - s->x0, dy = s->y1 - s->y0;
    double p[4] = {-dx, dx, -dy, dy};
    double q[4] = {s->x0 - box->x0, box->x1 - s->x0, s->y0 - box->y0,
                   box->y1 - s->y0};
    double t0 = 0.0, t1 = 1.0;
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] <= 0)
                return false;
        } else {
            double t = q[i] / p[i];
            if (p[i] < 0) {
                if (t > t0)
                    t0 = t;
            } else if (t < t1) {
                t1 = t;
            }
            if (t0 >= t1)
                return false;
        }
    }
    return true;
}

static double cross(double ax, double ay, double bx, double by)
{
    return ax * by - ay * bx;
}

/* Where S and U meet (collinear ones: the start of their overlap). */
bool rg_seg_meet(const rg_box *s, const rg_box *u, double *x, double *y)
{
    double px = s->x0, py = s->y0, rx = s->x1 - s->x0, ry = s->y1 - s->y0;
    double qx = u->x0, qy = u->y0, sx = u->x1 - u->x0, sy = u->y1 - u->y0;
    double d = cross(rx, ry, sx, sy), wx = qx - px, wy = qy - py;
    if (fabs(d) < 1e-12) {
        if (fabs(cross(wx, wy, rx, ry)) > 1e-9)
            return false; /* parallel */
        double rr = rx * rx + ry * ry;
        if (rr < 1e-18)
            return false;
        double t0 = (wx * rx + wy * ry) / rr;
        double t1 = t0 + (sx * rx + sy * ry) / rr;
        double from = hi(0.0, lo(t0, t1)), to = lo(1.0, hi(t0, t1));
        if (from > to)
            return false;
        *x = px + from * rx, *y = py + from * ry;
        return true;
    }
    double t = cross(wx, wy, sx, sy) / d, v = cross(wx, wy, rx, ry) / d;
    if (t >= 0.0 && t <= 1.0 && v >= 0.0 && v <= 1.0) {
        *x = px + t * rx, *y = py + t * ry;
        return true;
    }
    return false;
}

static double point_box_distance(double x, double y, const rg_box *b)
{
    double dx = hi(hi(b->x0 - x, 0.0), x - b->x1);
    double dy = hi(hi(b->y0 - y, 0.0), y - b->y1);
    return hypot(dx, dy);
}

static double point_segment_distance(double x, double y, const rg_box *s)
{
    double dx = s->x1 - s->x0, dy = s->y1 - s->y0, ll = dx * dx + dy * dy;
    double t = ll == 0 ? 0.0
                       : hi(0.0, lo(1.0, ((x - s->x0) * dx + (y - s->y0) * dy) / ll));
    return hypot(x - (s->x0 + t * dx), y - (s->y0 + t * dy));
}

double rg_seg_box_distance(const rg_box *s, const rg_box *b)
{
    if (inside(s->x0, s->y0, b) || rg_seg_enters(s, b))
        return 0.0;
    double d = lo(point_box_distance(s->x0, s->y0, b),
                    point_box_distance(s->x1, s->y1, b));
    d = lo(d, point_segment_distance(b->x0, b->y0, s));
    d = lo(d, point_segment_distance(b->x0, b->y1, s));
    d = lo(d, point_segment_distance(b->x1, b->y0, s));
    return lo(d, point_segment_distance(b->x1, b->y1, s));
}

/* ---- a uniform grid of boxes ------------------------------------------ */

void rg_grid_cells(const rg_grid *gr, const rg_box *b, size_t r[4])
{
    double v[4] = {(b->x0 - gr->x0) / gr->cell, (b->y0 - gr->y0) / gr->cell,
                   (b->x1 - gr->x0) / gr->cell, (b->y1 - gr->y0) / gr->cell};
    size_t lim[4] = {gr->nx - 1, gr->ny - 1, gr->nx - 1, gr->ny - 1};
    /* floor() by truncation, which agrees with it from 0 up */
    for (int i = 0; i < 4; i++)
        r[i] = !(v[i] > 0) ? 0 : v[i] >= (double)lim[i] ? lim[i] : (size_t)v[i];
}

void rg_grid_build(rg_grid *gr, size_t n, const rg_box *(*box)(const void *, size_t),
                   const void *ctx)
{
    memset(gr, 0, sizeof *gr);
    rg_box ext = {0, 0, 0, 0};
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        const rg_box *b = box(ctx, i);
        if (b) {
            ext = any ? box_union(ext, *b) : *b;
            any = true;
        }
    }
    double w = ext.x1 - ext.x0, h = ext.y1 - ext.y0;
    if (!(w >= 0 && w < 1e12) || !(h >= 0 && h < 1e12))
        w = h = 0; /* not a drawing: one cell holds all */
    /* Cells of CELL points, or larger so that they number about 4n. */
    double want = 4.0 * (double)n + 1024.0;
    gr->cell = hi(CELL, sqrt(w * h / want));
    gr->x0 = ext.x0, gr->y0 = ext.y0;
    gr->nx = (size_t)(floor(w / gr->cell) + 1);
    gr->ny = (size_t)(floor(h / gr->cell) + 1);
    while ((double)gr->nx * (double)gr->ny > 4.0 * want) {
        gr->cell *= 2;
        gr->nx = (size_t)(floor(w / gr->cell) + 1);
        gr->ny = (size_t)(floor(h / gr->cell) + 1);
    }
    size_t cells = gr->nx * gr->ny;
    gr->start = rg_xcalloc(cells + 1, sizeof *gr->start);
    /* Two passes over the same cells: count each cell's boxes, then, from
     * the running totals, place them. */
    size_t *fill = NULL;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1) {
            for (size_t c = 0; c < cells; c++)
                gr->start[c + 1] += gr->start[c];
            gr->items = rg_xmalloc((gr->start[cells] + 1) * sizeof *gr->items);
            fill = rg_xmalloc((cells + 1) * sizeof *fill);
            memcpy(fill, gr->start, (cells + 1) * sizeof *fill);
        }
        for (size_t i = 0; i < n; i++) {
            const rg_box *b = box(ctx, i);
            size_t r[4];
            if (!b)
                continue;
            rg_grid_cells(gr, b, r);
            for (size_t y = r[1]; y <= r[3]; y++)
                for (size_t x = r[0]; x <= r[2]; x++) {
                    if (pass == 0)
                        gr->start[y * gr->nx + x + 1]++;
                    else
                        gr->items[fill[y * gr->nx + x]++] = i;
                }
        }
    }
    free(fill);
}

void rg_grid_free(rg_grid *gr)
{
    free(gr->start);
    free(gr->items);
}

/* ---- the measures ------------------------------------------------------ */

typedef struct measure {
    const rg_geom *g;
    size_t *seg_edge;   /* the edge of each segment */
    rg_box *seg_boxes;  /* the box of each segment */
    rg_box *edge_box;   /* of its segments */
    bool *skip_text;    /* a drawn node's text within its box */
    size_t n_owners;
} measure;

/* One number per owner: nodes, then edges, groups, the drawing. */
static size_t owner_key(const rg_geom *g, const rg_gtext *t)
{
    switch (t->owner) {
    case RG_OWN_NODE: return t->of;
    case RG_OWN_EDGE: return g->n_nodes + t->of;
    case RG_OWN_GROUP: return g->n_nodes + g->n_edges + t->of;
    default: return g->n_nodes + g->n_edges + g->n_groups;
    }
}

static const rg_box *text_box(const void *ctx, size_t i)
{
    const measure *m = ctx;
    return m->skip_text && m->skip_text[i] ? NULL : &m->g->texts[i].box;
}

static const rg_box *node_box(const void *ctx, size_t i)
{
    const measure *m = ctx;
    return m->g->nodes[i].drawn ? &m->g->nodes[i].box : NULL;
}

static const rg_box *segment_box(const void *ctx, size_t i)
{
    const measure *m = ctx;
    return &m->seg_boxes[i];
}

static size_t count_overlaps(const measure *m)
{
    const rg_geom *g = m->g;
    measure all = *m;
    all.skip_text = NULL;
    rg_grid gr;
    rg_grid_build(&gr, g->n_texts, text_box, &all);
    size_t *mark = rg_xcalloc(g->n_texts + 1, sizeof *mark), n = 0;
    for (size_t i = 0; i < g->n_texts; i++) {
        const rg_gtext *t = &g->texts[i];
        size_t key = owner_key(g, t);
        RG_GRID_EACH(&gr, &t->box, mark, i + 1, j, {
            const rg_gtext *u = &g->texts[j];
            if (j <= i || owner_key(g, u) == key)
                continue;
            double w = lo(t->box.x1, u->box.x1) - hi(t->box.x0, u->box.x0);
            double h = lo(t->box.y1, u->box.y1) - hi(t->box.y0, u->box.y0);
            if (w > TOL && h > TOL)
                n++;
        });
    }
    free(mark);
    rg_grid_free(&gr);
    return n;
}

/* Edge E enters BOX (shrunk by the tolerance). */
static bool edge_enters(const measure *m, size_t e, const rg_box *box)
{
    rg_box inner;
    if (!shrink(box, TOL, &inner) || !boxes_meet(&m->edge_box[e], &inner))
        return false;
    const rg_gedge *ed = &m->g->edges[e];
    for (size_t k = ed->seg; k < ed->seg + ed->n_segs; k++) {
        if (boxes_meet(&m->seg_boxes[k], &inner) && rg_seg_enters(&m->g->segs[k], &inner))
            return true;
    }
    return false;
}

static bool member(const rg_geom *g, const rg_ggroup *gp, size_t node)
{
    size_t lo = 0, hi = gp->n_members;
    const size_t *a = g->members + gp->member;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (a[mid] == node)
            return true;
        if (a[mid] < node)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

static void count_edges_through(measure *m, rg_score *s)
{
    const rg_geom *g = m->g;
    /* The text of a drawn node, within its box: the node stands for it. */
    m->skip_text = rg_xcalloc(g->n_texts + 1, sizeof *m->skip_text);
    for (size_t i = 0; i < g->n_texts; i++) {
        const rg_gtext *t = &g->texts[i];
        if (t->owner != RG_OWN_NODE || !g->nodes[t->of].drawn)
            continue;
        rg_box area = grow(g->nodes[t->of].box, TOL);
        m->skip_text[i] = inside(t->box.x0, t->box.y0, &area) &&
                          inside(t->box.x1, t->box.y1, &area);
    }
    rg_grid tg, ng;
    rg_grid_build(&tg, g->n_texts, text_box, m);
    rg_grid_build(&ng, g->n_nodes, node_box, m);
    size_t *tmark = rg_xcalloc(g->n_texts + 1, sizeof *tmark);
    size_t *nmark = rg_xcalloc(g->n_nodes + 1, sizeof *nmark);
    size_t *omark = rg_xcalloc(m->n_owners + 1, sizeof *omark);
    for (size_t e = 0; e < g->n_edges; e++) {
        const rg_gedge *ed = &g->edges[e];
        if (!ed->n_segs)
            continue;
        size_t stamp = e + 1;
        /* Each segment's neighbours: a box the edge enters meets one of
         * its segments' boxes. */
        for (size_t k = ed->seg; k < ed->seg + ed->n_segs; k++) {
            const rg_box sb = m->seg_boxes[k];
            RG_GRID_EACH(&ng, &sb, nmark, stamp, n, {
                if (n != ed->tail && n != ed->head &&
                    edge_enters(m, e, &g->nodes[n].box))
                    s->edge_actors++;
            });
            RG_GRID_EACH(&tg, &sb, tmark, stamp, t, {
                const rg_gtext *tx = &g->texts[t];
                size_t key = owner_key(g, tx);
                if (omark[key] == stamp ||
                    (tx->owner == RG_OWN_EDGE && tx->of == e) ||
                    (tx->owner == RG_OWN_NODE &&
                     (tx->of == ed->tail || tx->of == ed->head)))
                    continue;
                if (edge_enters(m, e, &tx->box)) {
                    omark[key] = stamp;
                    s->edge_text++;
                }
            });
        }
        for (size_t i = 0; i < g->n_groups; i++) {
            const rg_ggroup *gp = &g->groups[i];
            if (gp->boxed && !member(g, gp, ed->tail) && !member(g, gp, ed->head) &&
                edge_enters(m, e, &gp->box))
                s->edge_groups++;
        }
    }
    free(tmark);
    free(nmark);
    free(omark);
    rg_grid_free(&tg);
    rg_grid_free(&ng);
}

static size_t count_crossings(const measure *m)
{
    const rg_geom *g = m->g;
    /* Where each node's ends are: its box, or its texts', an arrowhead
     * wider. */
    rg_box *area = rg_xcalloc(g->n_nodes + 1, sizeof *area);
    bool *has = rg_xcalloc(g->n_nodes + 1, sizeof *has);
    for (size_t i = 0; i < g->n_nodes; i++)
        if ((has[i] = g->nodes[i].drawn))
            area[i] = g->nodes[i].box;
    for (size_t i = 0; i < g->n_texts; i++) {
        const rg_gtext *t = &g->texts[i];
        if (t->owner != RG_OWN_NODE || g->nodes[t->of].drawn)
            continue;
        area[t->of] = has[t->of] ? box_union(area[t->of], t->box) : t->box;
        has[t->of] = true;
    }
    for (size_t i = 0; i < g->n_nodes; i++)
        area[i] = grow(area[i], ARROW_MARGIN);

    rg_grid gr;
    rg_grid_build(&gr, g->n_segs, segment_box, m);
    size_t *mark = rg_xcalloc(g->n_segs + 1, sizeof *mark);
    size_t *crossed = rg_xcalloc(g->n_edges + 1, sizeof *crossed), n = 0, stamp = 0;
    for (size_t e = 0; e < g->n_edges; e++) {
        const rg_gedge *ed = &g->edges[e];
        for (size_t k = ed->seg; k < ed->seg + ed->n_segs; k++) {
            const rg_box *s = &g->segs[k];
            const rg_box sb = m->seg_boxes[k];
            stamp++;
            RG_GRID_EACH(&gr, &sb, mark, stamp, j, {
                size_t f = m->seg_edge[j];
                if (f <= e || crossed[f] == e + 1)
                    continue;
                const rg_box *u = &g->segs[j];
                double x, y;
                if (!boxes_meet(&sb, &m->seg_boxes[j]) || !rg_seg_meet(s, u, &x, &y))
                    continue;
                const rg_gedge *fd = &g->edges[f];
                size_t ends[2] = {ed->tail, ed->head};
                bool near_end = false;
                for (int q = 0; q < 2; q++) {
                    size_t v = ends[q];
                    if ((q == 1 && v == ends[0]) || (v != fd->tail && v != fd->head))
                        continue;
                    near_end |= v < g->n_nodes && has[v] && inside(x, y, &area[v]);
                }
                if (near_end)
                    continue;
                crossed[f] = e + 1;
                n++;
            });
        }
    }
    free(mark);
    free(crossed);
    free(area);
    free(has);
    rg_grid_free(&gr);
    return n;
}

static double label_gap(const measure *m)
{
    const rg_geom *g = m->g;
    rg_box *label = rg_xcalloc(g->n_edges + 1, sizeof *label);
    bool *has = rg_xcalloc(g->n_edges + 1, sizeof *has);
    for (size_t i = 0; i < g->n_texts; i++) {
        const rg_gtext *t = &g->texts[i];
        if (t->owner != RG_OWN_EDGE)
            continue;
        label[t->of] = has[t->of] ? box_union(label[t->of], t->box) : t->box;
        has[t->of] = true;
    }
    double worst = 0.0;
    for (size_t e = 0; e < g->n_edges; e++) {
        const rg_gedge *ed = &g->edges[e];
        if (!has[e] || !ed->n_segs)
            continue;
        /* The nearest segment: none is nearer than 0, and none nearer
         * than its own box's distance from the label's. */
        const rg_box *lb = &label[e];
        double d = INFINITY;
        for (size_t k = ed->seg; k < ed->seg + ed->n_segs && d > 0; k++) {
            const rg_box *sg = &g->segs[k];
            double gx = hi(0.0, hi(lo(sg->x0, sg->x1) - lb->x1, lb->x0 - hi(sg->x0, sg->x1)));
            double gy = hi(0.0, hi(lo(sg->y0, sg->y1) - lb->y1, lb->y0 - hi(sg->y0, sg->y1)));
            if (gx * gx + gy * gy >= d * d)
                continue;
            d = lo(d, rg_seg_box_distance(sg, lb));
        }
        worst = hi(worst, d);
    }
    free(label);
    free(has);
    return worst;
}

void rg_score_geom(const rg_geom *g, double page_w, double page_h, double max_scale,
                   rg_score *s)
{
    memset(s, 0, sizeof *s);
    measure m = {g, NULL, NULL, NULL, NULL, g->n_nodes + g->n_edges + g->n_groups + 1};
    m.seg_edge = rg_xmalloc((g->n_segs + 1) * sizeof *m.seg_edge);
    m.seg_boxes = rg_xmalloc((g->n_segs + 1) * sizeof *m.seg_boxes);
    m.edge_box = rg_xcalloc(g->n_edges + 1, sizeof *m.edge_box);
    for (size_t e = 0; e < g->n_edges; e++) {
        const rg_gedge *ed = &g->edges[e];
        for (size_t k = ed->seg; k < ed->seg + ed->n_segs; k++) {
            m.seg_edge[k] = e;
            rg_box b = m.seg_boxes[k] = seg_box(&g->segs[k]);
            m.edge_box[e] = k == ed->seg ? b : box_union(m.edge_box[e], b);
        }
    }
    s->overlaps = count_overlaps(&m);
    count_edges_through(&m, s);
    s->crossings = count_crossings(&m);
    s->label_gap = label_gap(&m);
    for (size_t i = 0; i < g->n_texts; i++)
        if (i == 0 || g->texts[i].size < s->font_min)
            s->font_min = g->texts[i].size;
    s->width = g->bb.x1 - g->bb.x0;
    s->height = g->bb.y1 - g->bb.y0;
    s->scale = 1.0;
    if (page_w > 0 && page_h > 0) {
        s->scale = rg_page_scale(page_w, page_h, s->width, s->height, max_scale);
        s->page_used = s->width * s->scale * s->height * s->scale / (page_w * page_h);
    }
    s->text_min = s->font_min * s->scale;
    free(m.seg_edge);
    free(m.seg_boxes);
    free(m.edge_box);
    free(m.skip_text);
}

void rg_score_graph(Agraph_t *g, double page_w, double page_h, double max_scale,
                    rg_score *s)
{
    rg_geom *geo = rg_geom_of(g);
    rg_score_geom(geo, page_w, page_h, max_scale, s);
    rg_geom_free(geo);
}

/* Meets the goal: no overlap, and text large enough once on the page. */
static bool fits(const rg_score *s, double min_font)
{
    return s->text_min >= min_font && s->overlaps == 0;
}

/* Text sizes on the page in the same step of this count as the same. */
#define RG_SCORE_TEXT_STEP 0.25

bool rg_score_better(const rg_score *a, const rg_score *b, double min_font)
{
    if (fits(a, min_font) != fits(b, min_font))
        return fits(a, min_font);
    /* When neither fits, text a reader can make out comes first: a
     * quarter of a point larger outweighs a line through a label. Sizes
     * compare by the quarter point they fall in, so that the order stays
     * an order (a nearness rule would let 3.4 beat 3.53 beat 3.75 beat
     * 3.4). */
    if (!fits(a, min_font)) {
        if (a->overlaps != b->overlaps)
            return a->overlaps < b->overlaps;
        double qa = floor(a->text_min / RG_SCORE_TEXT_STEP);
        double qb = floor(b->text_min / RG_SCORE_TEXT_STEP);
        if (qa != qb)
            return qa > qb;
    }
    size_t da = a->edge_text + a->edge_actors + a->edge_groups;
    size_t db = b->edge_text + b->edge_actors + b->edge_groups;
    if (da != db)
        return da < db;
    if (a->crossings != b->crossings)
        return a->crossings < b->crossings;
    if (a->text_min != b->text_min)
        return a->text_min > b->text_min;
    return a->label_gap < b->label_gap;
}

void rg_score_print(rg_buf *b, const rg_score *s)
{
    rg_buf_printf(b, "overlaps=%zu edge_text=%zu edge_actors=%zu edge_groups=%zu "
                     "crossings=%zu label_gap=%.1f font_min=%g scale=%.3f "
                     "text_min=%.2f page_used=%.3f drawing=%.1fx%.1f",
                  s->overlaps, s->edge_text, s->edge_actors, s->edge_groups,
                  s->crossings, s->label_gap, s->font_min, s->scale, s->text_min,
                  s->page_used, s->width, s->height);
}
