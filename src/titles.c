/*
 * titles.c - a laid-out drawing's group titles moved off the lines that
 * run through them (gv.h, rg_titles_clear).
 *
 * dot puts a group's title in a band at the top of its box, at the left,
 * and routes the lines that enter the group from above through that band,
 * through the title's words as often as not. The band is the group's own
 * room, above its members: the title slides right along it to the
 * nearest place with the fewest lines through it (none, where there is
 * such a place), never onto a node, a label or an inner group, and stays
 * where it is when no place has fewer lines. The geometry is Graphviz's
 * own, as nop2 leaves it (GD_label, ED_spl, ND_coord), so that what is
 * avoided here is what score.c then measures. Nothing is allocated that
 * outlives the call.
 */
#include "gv.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Room kept between a title and what it moves beside, points: more than
 * the score's one point of tolerance and a sampled curve's error. */
#define ROOM 2.0
/* Points sampled on each cubic piece of a curve. */
#define STEPS 16

typedef struct span {
    double a, b;
    size_t line;         /* the line's number, from 1; 0: a box */
} span;

typedef struct spans {
    span *s;
    size_t n, cap;
} spans;

static void spans_add(spans *ss, double a, double b, size_t line)
{
    if (ss->n == ss->cap) {
        ss->cap = ss->cap ? 2 * ss->cap : 32;
        ss->s = rg_xrealloc(ss->s, ss->cap * sizeof *ss->s);
    }
    ss->s[ss->n++] = (span){a < b ? a : b, a < b ? b : a, line};
}

/* The x extent of segment P -> Q within Y0 < y < Y1, if any. */
static void segment_span(spans *ss, pointf p, pointf q, double y0, double y1,
                         size_t line)
{
    if ((p.y <= y0 && q.y <= y0) || (p.y >= y1 && q.y >= y1))
        return;
    double xa = p.x, xb = q.x;
    if (p.y != q.y) {
        double ta = (y0 - p.y) / (q.y - p.y), tb = (y1 - p.y) / (q.y - p.y);
        if (ta > tb) {
            double t = ta;
            ta = tb;
            tb = t;
        }
        ta = ta < 0 ? 0 : ta;
        tb = tb > 1 ? 1 : tb;
        xa = p.x + ta * (q.x - p.x);
        xb = p.x + tb * (q.x - p.x);
    }
    spans_add(ss, xa, xb, line);
}

static pointf cubic(const pointf *c, double t)
{
    double u = 1 - t;
    double a = u * u * u, b = 3 * u * u * t, d = 3 * u * t * t, e = t * t * t;
    return (pointf){a * c[0].x + b * c[1].x + d * c[2].x + e * c[3].x,
                    a * c[0].y + b * c[1].y + d * c[2].y + e * c[3].y};
}

/* Where E's curve, its runs to its arrowheads included, crosses the band;
 * it is line LINE. */
static void edge_spans(spans *ss, Agedge_t *e, double y0, double y1, size_t line)
{
    const splines *spl = ED_spl(e);
    for (int i = 0; spl && i < spl->size; i++) {
        const bezier *bz = &spl->list[i];
        for (int k = 0; k + 3 < bz->size; k += 3) {
            /* A piece lies within its control points' hull: one wholly
             * above or below the band cannot cross it. */
            double lo = bz->list[k].y, hi = lo;
            for (int c = 1; c <= 3; c++) {
                double y = bz->list[k + c].y;
                lo = y < lo ? y : lo;
                hi = y > hi ? y : hi;
            }
            if (hi <= y0 || lo >= y1)
                continue;
            pointf last = bz->list[k];
            for (int s = 1; s <= STEPS; s++) {
                pointf p = cubic(&bz->list[k], (double)s / STEPS);
                segment_span(ss, last, p, y0, y1, line);
                last = p;
            }
        }
        if (bz->size > 0 && bz->sflag)
            segment_span(ss, bz->sp, bz->list[0], y0, y1, line);
        if (bz->size > 0 && bz->eflag)
            segment_span(ss, bz->list[bz->size - 1], bz->ep, y0, y1, line);
    }
}

/* A box (centre C, size D) that reaches into the band. */
static void box_span(spans *ss, pointf c, pointf d, double y0, double y1)
{
    if (c.y + d.y / 2 > y0 && c.y - d.y / 2 < y1)
        spans_add(ss, c.x - d.x / 2, c.x + d.x / 2, 0);
}

static void label_span(spans *ss, const textlabel_t *l, double y0, double y1)
{
    if (l && l->set)
        box_span(ss, l->pos, l->dimen, y0, y1);
}

/* Whether SG is a group (named cluster*, as nop2 has laid it out). */
static bool is_cluster(Agraph_t *sg)
{
    const char *name = agnameof(sg);
    return name && strncmp(name, "cluster", 7) == 0 && aggetrec(sg, "Agraphinfo_t", 0);
}

/* The boxes of every cluster under SG but SKIP (and what is under it). */
static void cluster_spans(spans *ss, Agraph_t *sg, Agraph_t *skip, double y0, double y1)
{
    for (Agraph_t *c = agfstsubg(sg); c; c = agnxtsubg(c)) {
        if (c == skip)
            continue;
        if (!is_cluster(c)) {
            cluster_spans(ss, c, skip, y0, y1);
            continue;
        }
        boxf b = GD_bb(c);
        if (b.UR.y > y0 && b.LL.y < y1)
            spans_add(ss, b.LL.x, b.UR.x, 0);
        else
            cluster_spans(ss, c, skip, y0, y1);
    }
}

/* How many lines a title from AT, W wide, would have through it; SIZE_MAX
 * if a box is in its way. SEEN[line] is STAMP once the line is counted
 * (a line may cross the band more than once). */
static size_t lines_at(const spans *ss, double at, double w, size_t *seen, size_t stamp)
{
    size_t n = 0;
    for (size_t i = 0; i < ss->n; i++) {
        const span *s = &ss->s[i];
        if (s->a >= at + w + ROOM || s->b <= at - ROOM)
            continue;
        if (!s->line)
            return SIZE_MAX;
        if (seen[s->line] != stamp) {
            seen[s->line] = stamp;
            n++;
        }
    }
    return n;
}

/* The title of cluster SG (inside G, N_LINES lines) moved right along
 * its band to the place with the fewest lines through it, if that is
 * fewer than where it is: the nearest such place, and never onto a box. */
static void clear_title(Agraph_t *g, Agraph_t *sg, spans *ss, size_t n_lines)
{
    textlabel_t *l = GD_label(sg);
    if (!l || !l->set || l->dimen.x <= 0)
        return;
    boxf bb = GD_bb(sg);
    double w = l->dimen.x, left = l->pos.x - w / 2;
    /* The band: the title's own height, a point in from each side (a line
     * that only grazes a text is not through it). */
    double y0 = l->pos.y - l->dimen.y / 2 + 1, y1 = l->pos.y + l->dimen.y / 2 - 1;
    double most = bb.UR.x - (left - bb.LL.x) - w;
    if (y1 <= y0 || most <= left)
        return;
    ss->n = 0;
    size_t line = 0;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        box_span(ss, ND_coord(n), (pointf){ND_width(n) * 72, ND_height(n) * 72}, y0, y1);
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
            edge_spans(ss, e, y0, y1, ++line);
            label_span(ss, ED_label(e), y0, y1);
            label_span(ss, ED_xlabel(e), y0, y1);
        }
    }
    /* Groups beside it or inside it; those around it hold the band. */
    cluster_spans(ss, sg, NULL, y0, y1);
    for (Agraph_t *up = sg; up != g; up = agparent(up))
        cluster_spans(ss, agparent(up), up, y0, y1);
    size_t *seen = rg_xcalloc(n_lines + 1, sizeof *seen);
    size_t stamp = 1, best = lines_at(ss, left, w, seen, stamp);
    double at = left;
    /* The places worth trying: just past each thing in the band. */
    for (size_t i = 0; i < ss->n && best > 0; i++) {
        double x = ss->s[i].b + ROOM;
        if (x <= left || x > most)
            continue;
        size_t k = lines_at(ss, x, w, seen, ++stamp);
        if (k < best || (k == best && at != left && x < at)) {
            best = k;
            at = x;
        }
    }
    free(seen);
    if (at == left)
        return;
    l->pos.x += at - left;
    /* The attribute too, by as much (nop2 may have moved the whole drawing
     * from where its attributes have it): a drawing kept from the search
     * is placed by nop2 again, from them (search.c). */
    const char *lp = agget(sg, RG_S("lp"));
    double x, y;
    if (lp && rg_point_read(&lp, &x, &y))
        rg_setf(sg, "lp", "%.2f,%.2f", x + at - left, y);
}

static void clear_all(Agraph_t *g, Agraph_t *sg, spans *ss, size_t n_lines)
{
    for (Agraph_t *c = agfstsubg(sg); c; c = agnxtsubg(c)) {
        if (is_cluster(c))
            clear_title(g, c, ss, n_lines);
        clear_all(g, c, ss, n_lines);
    }
}

void rg_titles_clear(Agraph_t *g)
{
    spans ss = {0};
    clear_all(g, g, &ss, (size_t)agnedges(g));
    free(ss.s);
}
