/*
 * titles.c - a laid-out drawing's group titles and tie labels moved off
 * the lines that run through them (gv.h, rg_titles_clear and
 * rg_labels_clear).
 *
 * dot puts a group's title in a band at the top of its box, at the left,
 * and routes the lines that enter the group from above through that band,
 * through the title's words as often as not. The band is the group's own
 * room, above its members: the title slides right along it to the
 * nearest place with the fewest lines through it (none, where there is
 * such a place), never onto a node, a label or an inner group, and stays
 * where it is when no place has fewer lines.
 *
 * A tie's label is placed by dot as a node of its own rank, and the
 * splines drawn afterwards may cross it. It moves, a few points on a
 * grid, to the nearest place no other line enters, covering nothing,
 * wholly in or out of each group as it was and no further from its own
 * line than it was (or 3 points): it still reads as that line's. A label
 * dot left more than 8 points from its own line (a line that bends away
 * from its label's rank) is brought back to within 3 points of it, by
 * the same rules. Where there is no such place it stays.
 *
 * The geometry is Graphviz's own, as nop2 leaves it (GD_label, ED_label,
 * ED_spl, ND_coord), so that what is avoided here is what score.c then
 * measures. Nothing is allocated that outlives the call.
 */
#include "gv.h"

#include <math.h>
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
    ss->s = rg_xgrow(ss->s, ss->n, &ss->cap, sizeof *ss->s, 32);
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

/* ---- tie labels ----------------------------------------------------------------- */

/* How far a tie's label may move off where dot put it, points, and how
 * near its own line it must stay: it still reads as that line's. */
#define NUDGE_X 48.0
#define NUDGE_Y 30.0
#define NUDGE_STEP 2.0
/* How far a label far from its line may move back to it, either way. */
#define BACK 64.0
#define NEAR_OWN 3.0
/* Further than this from its line, a label is looked for a place nearer. */
#define FAR_OWN 8.0

typedef struct seg {
    rg_box s;            /* (x0, y0) -> (x1, y1) */
    size_t line;         /* its edge's number, from 0 */
} seg;

typedef struct scene {
    seg *segs;
    size_t n_segs, cap_segs;
    size_t *first_seg;   /* line i's segments: first_seg[i] .. first_seg[i + 1] */
    rg_box *seg_b;       /* each segment's bounds */
    rg_grid grid;        /* of the segments' bounds */
    size_t *seen, query; /* the segments a query has found already */
    rg_box *boxes;       /* nodes, other labels, titles: never covered */
    size_t n_boxes, cap_boxes;
    rg_box *groups;      /* boxes a label is wholly in or wholly out of */
    size_t n_groups, cap_groups;
} scene;

static void seg_add(scene *sc, pointf p, pointf q, size_t line)
{
    sc->segs = rg_xgrow(sc->segs, sc->n_segs, &sc->cap_segs, sizeof *sc->segs, 256);
    sc->segs[sc->n_segs++] = (seg){{p.x, p.y, q.x, q.y}, line};
}

static void box_add(scene *sc, pointf c, pointf d)
{
    sc->boxes = rg_xgrow(sc->boxes, sc->n_boxes, &sc->cap_boxes, sizeof *sc->boxes, 64);
    sc->boxes[sc->n_boxes++] = (rg_box){c.x - d.x / 2, c.y - d.y / 2, c.x + d.x / 2,
                                        c.y + d.y / 2};
}

static void group_add(scene *sc, boxf b)
{
    sc->groups = rg_xgrow(sc->groups, sc->n_groups, &sc->cap_groups, sizeof *sc->groups, 16);
    sc->groups[sc->n_groups++] = (rg_box){b.LL.x, b.LL.y, b.UR.x, b.UR.y};
}

/* E's drawn curve, its runs to its arrowheads included, as segments. */
static void edge_segs(scene *sc, Agedge_t *e, size_t line)
{
    const splines *spl = ED_spl(e);
    for (int i = 0; spl && i < spl->size; i++) {
        const bezier *bz = &spl->list[i];
        for (int k = 0; k + 3 < bz->size; k += 3) {
            pointf last = bz->list[k];
            for (int s = 1; s <= STEPS; s++) {
                pointf p = cubic(&bz->list[k], (double)s / STEPS);
                seg_add(sc, last, p, line);
                last = p;
            }
        }
        if (bz->size > 0 && bz->sflag)
            seg_add(sc, bz->sp, bz->list[0], line);
        if (bz->size > 0 && bz->eflag)
            seg_add(sc, bz->list[bz->size - 1], bz->ep, line);
    }
}

static void groups_of(scene *sc, Agraph_t *sg)
{
    for (Agraph_t *c = agfstsubg(sg); c; c = agnxtsubg(c)) {
        if (is_cluster(c)) {
            group_add(sc, GD_bb(c));
            textlabel_t *l = GD_label(c);
            if (l && l->set)
                box_add(sc, l->pos, l->dimen);
        }
        groups_of(sc, c);
    }
}

static bool drawn(Agedge_t *e)
{
    const char *style = agget(e, RG_S("style"));
    return !style || !strstr(style, "invis");
}

static bool meet(const rg_box *a, const rg_box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

static bool within(const rg_box *a, const rg_box *b)
{
    return a->x0 >= b->x0 && a->x1 <= b->x1 && a->y0 >= b->y0 && a->y1 <= b->y1;
}

static rg_box moved(const rg_box *b, double dx, double dy, double grow)
{
    return (rg_box){b->x0 + dx - grow, b->y0 + dy - grow, b->x1 + dx + grow,
                    b->y1 + dy + grow};
}

static rg_box seg_bounds(const rg_box *s)
{
    return (rg_box){fmin(s->x0, s->x1), fmin(s->y0, s->y1), fmax(s->x0, s->x1),
                    fmax(s->y0, s->y1)};
}

static const rg_box *seg_box(const void *ctx, size_t i)
{
    const scene *sc = ctx;
    return &sc->seg_b[i];
}

/* SC's segments where they are, found through a grid of their bounds. */
static void grid_build(scene *sc)
{
    sc->seg_b = rg_xcalloc(sc->n_segs + 1, sizeof *sc->seg_b);
    for (size_t k = 0; k < sc->n_segs; k++)
        sc->seg_b[k] = seg_bounds(&sc->segs[k].s);
    rg_grid_build(&sc->grid, sc->n_segs, seg_box, sc);
    sc->seen = rg_xcalloc(sc->n_segs + 1, sizeof *sc->seen);
}

/* The segments whose bounds meet B, each once, into OUT (room for all
 * of SC's): their number. */
static size_t grid_query(scene *sc, const rg_box *b, size_t *out)
{
    size_t n = 0;
    sc->query++;
    RG_GRID_EACH(&sc->grid, b, sc->seen, sc->query, k, {
        const rg_box *sb = &sc->seg_b[k];
        if (sb->x0 <= b->x1 && b->x0 <= sb->x1 && sb->y0 <= b->y1 && b->y0 <= sb->y1)
            out[n++] = k;
    });
    return n;
}

/* Whether a line other than LINE, of the segments NEAR[0..N) of SC,
 * enters B. */
static bool crossed(const scene *sc, const size_t *near, size_t n, size_t line,
                    const rg_box *b)
{
    for (size_t i = 0; i < n; i++) {
        const seg *s = &sc->segs[near[i]];
        if (s->line != line && rg_seg_enters(&s->s, b))
            return true;
    }
    return false;
}

typedef struct offset {
    double dx, dy;
} offset;

static int by_distance(const void *pa, const void *pb)
{
    const offset *a = pa, *b = pb;
    double da = a->dx * a->dx + a->dy * a->dy, db = b->dx * b->dx + b->dy * b->dy;
    if (da != db)
        return da < db ? -1 : 1;
    /* Equals in a fixed order: up before down, left before right. */
    if (a->dy != b->dy)
        return a->dy > b->dy ? -1 : 1;
    return a->dx < b->dx ? -1 : a->dx > b->dx;
}

/* The label of edge LINE (SC's box BOX) moved to the nearest place
 * of OFFS (within NUDGE_X, NUDGE_Y; BACK with FAR) that no other line enters, that its own line
 * does not enter unless it did, that covers no node, label or title,
 * that is wholly in or out of each group as it was, inside BB, and
 * near its own line: no further than WAS (how far it is now), or
 * NEAR_OWN, with FAR false; NEAR_OWN with FAR true (a label far from its
 * line brought back to it). *DX, *DY the move; false if there is no such
 * place. */
static bool clear_place(scene *sc, size_t line, size_t box, const rg_box *bb,
                        const offset *offs, size_t n_offs, bool far, double was,
                        double *dx, double *dy, size_t *near)
{
    const rg_box lb = sc->boxes[box];
    double rx = far ? BACK : NUDGE_X, ry = far ? BACK : NUDGE_Y;
    rg_box reach = {lb.x0 - rx - 2, lb.y0 - ry - 2, lb.x1 + rx + 2, lb.y1 + ry + 2};
    size_t n_found = grid_query(sc, &reach, near), n_near = 0;
    for (size_t i = 0; i < n_found; i++)
        if (sc->segs[near[i]].line != line)
            near[n_near++] = near[i];
    /* The boxes it might cover, found once. */
    size_t *boxes = rg_xcalloc(sc->n_boxes + 1, sizeof *boxes), n_boxes = 0;
    for (size_t i = 0; i < sc->n_boxes; i++)
        if (i != box && meet(&reach, &sc->boxes[i]))
            boxes[n_boxes++] = i;
    size_t own0 = sc->first_seg[line], own1 = sc->first_seg[line + 1];
    bool own_through = false;
    for (size_t i = own0; i < own1 && !own_through; i++)
        own_through = rg_seg_enters(&sc->segs[i].s, &lb);
    /* Whether it is in each group, as the places must stay. */
    bool *in = rg_xcalloc(sc->n_groups + 1, sizeof *in);
    for (size_t i = 0; i < sc->n_groups; i++) {
        const rg_box *gr = &sc->groups[i];
        double cx = (lb.x0 + lb.x1) / 2, cy = (lb.y0 + lb.y1) / 2;
        in[i] = within(&lb, gr) || (meet(&lb, gr) && cx > gr->x0 && cx < gr->x1 &&
                                    cy > gr->y0 && cy < gr->y1);
    }
    double limit = far ? NEAR_OWN : fmax(was, NEAR_OWN);
    /* Its own line's segments that could be within the limit of a place
     * in reach, with their bounds. */
    rg_box near_own = moved(&reach, 0, 0, limit);
    size_t n_own = 0;
    rg_box all = {HUGE_VAL, HUGE_VAL, -HUGE_VAL, -HUGE_VAL};
    rg_box *own = rg_xcalloc(own1 - own0 + 1, sizeof *own);
    rg_box *own_b = rg_xcalloc(own1 - own0 + 1, sizeof *own_b);
    for (size_t i = own0; i < own1; i++) {
        rg_box sb = sc->seg_b[i];
        if (sb.x0 <= near_own.x1 && near_own.x0 <= sb.x1 && sb.y0 <= near_own.y1 &&
            near_own.y0 <= sb.y1) {
            own[n_own] = sc->segs[i].s;
            own_b[n_own++] = sb;
            all = (rg_box){fmin(all.x0, sb.x0), fmin(all.y0, sb.y0), fmax(all.x1, sb.x1),
                           fmax(all.y1, sb.y1)};
        }
    }
    bool found = false;
    /* A move of D brings it at most D nearer its line. */
    double least = was - limit;
    for (size_t k = 1; k < n_offs && !found; k++) {
        if (hypot(offs[k].dx, offs[k].dy) < least)
            continue;
        rg_box b = moved(&lb, offs[k].dx, offs[k].dy, 0);
        rg_box room = moved(&lb, offs[k].dx, offs[k].dy, ROOM);
        if (!within(&b, bb) ||
            (n_own && fmax(fmax(all.x0 - b.x1, b.x0 - all.x1),
                           fmax(all.y0 - b.y1, b.y0 - all.y1)) > limit))
            continue;
        /* Near its own line first, the cheapest test and the one most
         * places fail: a segment's bounds further off than the limit
         * cannot be nearer. */
        double gap = HUGE_VAL;
        bool ok = true;
        for (size_t i = 0; i < n_own && ok; i++) {
            const rg_box *sb = &own_b[i];
            double off = fmax(fmax(sb->x0 - b.x1, b.x0 - sb->x1),
                              fmax(sb->y0 - b.y1, b.y0 - sb->y1));
            /* Bounds apart: it cannot enter, and is at least OFF away. */
            if (off > 0 && (off > limit || gap <= limit))
                continue;
            if (off <= 0 && !own_through)
                ok = !rg_seg_enters(&own[i], &b);
            if (gap > limit)
                gap = fmin(gap, rg_seg_box_distance(&own[i], &b));
        }
        /* (A line with no segments: nothing to stay near.) */
        if (!ok || (gap > limit && own1 > own0) || crossed(sc, near, n_near, line, &room))
            continue;
        for (size_t i = 0; i < n_boxes && ok; i++)
            ok = !meet(&room, &sc->boxes[boxes[i]]);
        for (size_t i = 0; i < sc->n_groups && ok; i++)
            ok = in[i] ? within(&room, &sc->groups[i]) : !meet(&room, &sc->groups[i]);
        if (ok) {
            *dx = offs[k].dx;
            *dy = offs[k].dy;
            found = true;
        }
    }
    free(own);
    free(own_b);
    free(boxes);
    free(in);
    return found;
}

/* The moves on the grid within X either way across and Y up and down,
 * nearest first (*N of them; the first is none). */
static offset *offsets(double x, double y, size_t *n)
{
    size_t nx = (size_t)(2 * x / NUDGE_STEP) + 1, ny = (size_t)(2 * y / NUDGE_STEP) + 1;
    offset *offs = rg_xcalloc(nx * ny, sizeof *offs);
    for (size_t i = 0; i < nx; i++)
        for (size_t j = 0; j < ny; j++)
            offs[i * ny + j] = (offset){-x + (double)i * NUDGE_STEP, -y + (double)j * NUDGE_STEP};
    qsort(offs, nx * ny, sizeof *offs, by_distance);
    *n = nx * ny;
    return offs;
}

/* How far from its own line a label is, points (HUGE_VAL: no line). */
static double own_gap(const scene *sc, size_t line, const rg_box *b)
{
    double gap = HUGE_VAL;
    for (size_t k = sc->first_seg[line]; k < sc->first_seg[line + 1]; k++)
        gap = fmin(gap, rg_seg_box_distance(&sc->segs[k].s, b));
    return gap;
}

void rg_labels_clear(Agraph_t *g)
{
    scene sc = {0};
    size_t line = 0, n_edges = (size_t)agnedges(g);
    Agedge_t **edges = rg_xcalloc(n_edges + 1, sizeof *edges);
    size_t *label_box = rg_xcalloc(n_edges + 1, sizeof *label_box);
    sc.first_seg = rg_xcalloc(n_edges + 1, sizeof *sc.first_seg);
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        box_add(&sc, ND_coord(n), (pointf){ND_width(n) * 72, ND_height(n) * 72});
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e), line++) {
            edges[line] = e;
            label_box[line] = SIZE_MAX;
            sc.first_seg[line] = sc.n_segs;
            if (drawn(e))
                edge_segs(&sc, e, line);
            textlabel_t *l = ED_label(e);
            if (l && l->set) {
                label_box[line] = sc.n_boxes;
                box_add(&sc, l->pos, l->dimen);
            }
            if ((l = ED_xlabel(e)) && l->set)
                box_add(&sc, l->pos, l->dimen);
        }
    }
    if (GD_label(g) && GD_label(g)->set)
        box_add(&sc, GD_label(g)->pos, GD_label(g)->dimen);
    groups_of(&sc, g);
    sc.first_seg[line] = sc.n_segs;
    boxf gb = GD_bb(g);
    rg_box bb = {gb.LL.x, gb.LL.y, gb.UR.x, gb.UR.y};
    grid_build(&sc);
    size_t *near = rg_xcalloc(sc.n_segs + 1, sizeof *near);

    size_t n_offs, n_backs;
    offset *offs = offsets(NUDGE_X, NUDGE_Y, &n_offs);
    offset *backs = offsets(BACK, BACK, &n_backs);

    for (size_t i = 0; i < line; i++) {
        size_t box = label_box[i];
        Agedge_t *e = edges[i];
        /* Not the notes' numbers (tables): they have their own place on
         * their line (notes.c). */
        const char *text = agget(e, RG_S("label"));
        if (box == SIZE_MAX || (text && strncmp(text, "<TABLE", 6) == 0))
            continue;
        rg_box inner = moved(&sc.boxes[box], 0, 0, -1);
        size_t n_near = grid_query(&sc, &inner, near);
        bool through = false;
        for (size_t k = 0; k < n_near && !through; k++)
            through = sc.segs[near[k]].line != i && rg_seg_enters(&sc.segs[near[k]].s, &inner);
        /* A label far from its line is brought back to it where it can
         * be; one another line runs through, moved off it. */
        double gap = own_gap(&sc, i, &sc.boxes[box]);
        bool far = !through && gap > FAR_OWN;
        double dx, dy;
        if ((!through && !far) ||
            !clear_place(&sc, i, box, &bb, far ? backs : offs, far ? n_backs : n_offs,
                         far, gap, &dx, &dy, near))
            continue;
        textlabel_t *l = ED_label(e);
        l->pos.x += dx;
        l->pos.y += dy;
        sc.boxes[box] = moved(&sc.boxes[box], dx, dy, 0);
        /* The attribute too, as a title's (rg_titles_clear). */
        const char *lp = agget(e, RG_S("lp"));
        double x, y;
        if (lp && rg_point_read(&lp, &x, &y))
            rg_setf(e, "lp", "%.2f,%.2f", x + dx, y + dy);
    }
    free(offs);
    free(backs);
    free(edges);
    free(label_box);
    free(near);
    free(sc.segs);
    free(sc.first_seg);
    free(sc.seg_b);
    rg_grid_free(&sc.grid);
    free(sc.seen);
    free(sc.boxes);
    free(sc.groups);
}
