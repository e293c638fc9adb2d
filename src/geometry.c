/*
 * geometry.c - a laid-out cgraph graph -> its plain geometry (internal.h,
 * rg_geom): texts with their boxes, font size and owner; node boxes;
 * edges as sampled polylines with their two ends; group (cluster) boxes
 * with the nodes each holds. score.c measures it.
 *
 * Boxes and ends come from Graphviz's structures as nop2 leaves them
 * (ND_coord, ND_width/height, ED_spl, GD_bb). What is drawn, and where
 * each line of text sits, only Graphviz's emitter knows (an HTML-like
 * label's layout is private to it, a double line is drawn as offset
 * curves): so the graph is "rendered" once through a renderer of this
 * file's own that draws nothing and records what it is handed - the very
 * calls the json and xdot renderers turn into the ops that
 * tests/page_check.py reads. It sets no attribute on the graph, so
 * renders before and after it are the same.
 *
 * The rg_geom and all it holds belong to whoever made it (rg_geom_free).
 */
#include "gv.h"

#include <graphviz/gvplugin.h>
#include <graphviz/gvplugin_device.h>
#include <graphviz/gvplugin_render.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- building a geometry ------------------------------------------------ */

#define GROW(g, what)                                                         \
    do {                                                                      \
        if ((g)->n_##what == (g)->cap_##what) {                               \
            (g)->cap_##what = (g)->cap_##what ? 2 * (g)->cap_##what : 16;     \
            (g)->what = rg_xrealloc((g)->what,                                \
                                    (g)->cap_##what * sizeof *(g)->what);     \
        }                                                                     \
    } while (0)

rg_geom *rg_geom_new(void)
{
    return rg_xcalloc(1, sizeof(rg_geom));
}

void rg_geom_free(rg_geom *g)
{
    if (!g)
        return;
    free(g->texts);
    free(g->nodes);
    free(g->edges);
    free(g->groups);
    free(g->segs);
    free(g->members);
    free(g);
}

size_t rg_geom_node(rg_geom *g, rg_box box, bool drawn)
{
    GROW(g, nodes);
    g->nodes[g->n_nodes] = (rg_gnode){box, drawn};
    return g->n_nodes++;
}

size_t rg_geom_edge(rg_geom *g, size_t tail, size_t head)
{
    GROW(g, edges);
    g->edges[g->n_edges] = (rg_gedge){tail, head, g->n_segs, 0};
    return g->n_edges++;
}

/* Python's str.isspace(), which page_check.py's "only spaces" means. */
static bool is_space(uint32_t c)
{
    return (c >= 0x09 && c <= 0x0d) || (c >= 0x1c && c <= 0x20) || c == 0x85 ||
           c == 0xa0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200a) ||
           c == 0x2028 || c == 0x2029 || c == 0x202f || c == 0x205f || c == 0x3000;
}

static bool blank(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;
    while (*p) {
        uint32_t c = *p;
        int n = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
        c = n == 0 ? c : n == 1 ? c & 0x1f : n == 2 ? c & 0x0f : c & 0x07;
        p++;
        for (int i = 0; i < n && (*p & 0xc0) == 0x80; i++, p++)
            c = c << 6 | (*p & 0x3f);
        if (!is_space(c))
            return false;
    }
    return true;
}

size_t rg_geom_text(rg_geom *g, rg_owner owner, size_t of, double x, double y,
                    double w, double size, char align, const char *text)
{
    if (!text || blank(text) || !(w > 0))
        return (size_t)-1;
    double x0 = align == 'l' ? x : align == 'r' ? x - w : x - w / 2;
    GROW(g, texts);
    g->texts[g->n_texts] = (rg_gtext){{x0, y - 0.2 * size, x0 + w, y + 0.8 * size},
                                      size, owner, of};
    return g->n_texts++;
}

void rg_geom_polyline(rg_geom *g, const double (*p)[2], size_t n)
{
    if (!g->n_edges)
        return;
    rg_gedge *e = &g->edges[g->n_edges - 1];
    for (size_t i = 1; i < n; i++) {
        if (p[i][0] == p[i - 1][0] && p[i][1] == p[i - 1][1])
            continue;
        GROW(g, segs);
        g->segs[g->n_segs++] = (rg_box){p[i - 1][0], p[i - 1][1], p[i][0], p[i][1]};
        e->n_segs++;
    }
}

/* page_check.py's sampling: one segment per 3 points of control polygon,
 * from 4 to 96 a piece. */
void rg_geom_bezier(rg_geom *g, const double (*p)[2], size_t n)
{
    if (n < 4 || (n - 1) % 3) {
        rg_geom_polyline(g, p, n);
        return;
    }
    size_t max = 1 + (n - 1) / 3 * 96;
    double (*out)[2] = rg_xmalloc(max * sizeof *out);
    size_t k = 0;
    out[k][0] = p[0][0], out[k][1] = p[0][1], k++;
    for (size_t i = 0; i + 3 < n; i += 3) {
        const double *p0 = p[i], *p1 = p[i + 1], *p2 = p[i + 2], *p3 = p[i + 3];
        double len = hypot(p1[0] - p0[0], p1[1] - p0[1]) +
                     hypot(p2[0] - p1[0], p2[1] - p1[1]) +
                     hypot(p3[0] - p2[0], p3[1] - p2[1]);
        double c = ceil(len / 3.0);
        int steps = c < 4 ? 4 : c > 96 ? 96 : (int)c;
        for (int j = 1; j <= steps; j++) {
            double t = (double)j / steps, u = 1 - t;
            double a = u * u * u, b = 3 * t * u * u, cc = 3 * t * t * u, d = t * t * t;
            out[k][0] = a * p0[0] + b * p1[0] + cc * p2[0] + d * p3[0];
            out[k][1] = a * p0[1] + b * p1[1] + cc * p2[1] + d * p3[1];
            k++;
        }
    }
    rg_geom_polyline(g, (const double (*)[2])out, k);
    free(out);
}

size_t rg_geom_group(rg_geom *g, rg_box box, bool boxed)
{
    GROW(g, groups);
    g->groups[g->n_groups] = (rg_ggroup){box, boxed, g->n_members, 0};
    return g->n_groups++;
}

void rg_geom_member(rg_geom *g, size_t node)
{
    if (!g->n_groups)
        return;
    GROW(g, members);
    g->members[g->n_members++] = node;
    g->groups[g->n_groups - 1].n_members++;
}

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

void rg_geom_done(rg_geom *g)
{
    for (size_t i = 0; i < g->n_groups; i++)
        if (g->groups[i].n_members > 1)
            qsort(g->members + g->groups[i].member, g->groups[i].n_members,
                  sizeof *g->members, cmp_size);
}

/* ---- from a laid-out graph ------------------------------------------------ */

/* What the recording renderer needs while it runs: one render at a time
 * (relgraph draws in one thread). */
typedef struct reader {
    rg_geom *geo;
    size_t *node_of;        /* AGSEQ of a node -> its index */
    size_t n_node_of;
    struct cluster_ref {
        Agraph_t *sg;
        size_t group;
    } *clusters;            /* sorted by address, to find a group's index */
    size_t n_clusters;
    Agedge_t *edge;         /* the edge being drawn, NULL between edges */
    size_t edge_index;
    bool edge_drawn;        /* a visible stroke of it so far */
} reader;

static reader *current;

static size_t node_index(const reader *r, Agnode_t *n)
{
    size_t seq = (size_t)AGSEQ(n);
    return seq < r->n_node_of ? r->node_of[seq] : (size_t)-1;
}

static int cmp_ref(const void *a, const void *b)
{
    const char *x = (const char *)((const struct cluster_ref *)a)->sg;
    const char *y = (const char *)((const struct cluster_ref *)b)->sg;
    return x < y ? -1 : x > y;
}

static size_t group_index(const reader *r, Agraph_t *sg)
{
    size_t lo = 0, hi = r->n_clusters;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->clusters[mid].sg == sg)
            return r->clusters[mid].group;
        if ((char *)r->clusters[mid].sg < (char *)sg)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (size_t)-1;
}

static bool pen_visible(GVJ_t *job)
{
    return job->obj->pencolor.u.rgba[3] != 0;
}

static void rec_begin_edge(GVJ_t *job)
{
    reader *r = current;
    Agedge_t *e = job->obj->u.e;
    r->edge = e;
    r->edge_drawn = false;
    r->edge_index = rg_geom_edge(r->geo, node_index(r, agtail(e)),
                                 node_index(r, aghead(e)));
}

/* Each curve's run from its end to its arrowhead's tip, as drawn edges
 * have (the s, and e, points of pos). */
static void rec_end_edge(GVJ_t *job)
{
    (void)job;
    reader *r = current;
    Agedge_t *e = r->edge;
    r->edge = NULL;
    if (!e || !r->edge_drawn || !ED_spl(e))
        return;
    const splines *spl = ED_spl(e);
    for (int i = 0; i < spl->size; i++) {
        const bezier *bz = &spl->list[i];
        if (bz->size < 1)
            continue;
        if (bz->sflag) {
            double run[2][2] = {{bz->sp.x, bz->sp.y}, {bz->list[0].x, bz->list[0].y}};
            rg_geom_polyline(r->geo, (const double (*)[2])run, 2);
        }
        if (bz->eflag) {
            pointf last = bz->list[bz->size - 1];
            double run[2][2] = {{last.x, last.y}, {bz->ep.x, bz->ep.y}};
            rg_geom_polyline(r->geo, (const double (*)[2])run, 2);
        }
    }
}

static void rec_textspan(GVJ_t *job, pointf p, textspan_t *span)
{
    reader *r = current;
    obj_state_t *o = job->obj;
    rg_owner owner;
    size_t of;
    switch (o->type) {
    case ROOTGRAPH_OBJTYPE:
        if (o->emit_state != EMIT_GLABEL)
            return;
        owner = RG_OWN_DRAWING, of = 0;
        break;
    case CLUSTER_OBJTYPE:
        if (o->emit_state != EMIT_CLABEL)
            return;
        owner = RG_OWN_GROUP, of = group_index(r, o->u.sg);
        break;
    case NODE_OBJTYPE:
        owner = RG_OWN_NODE, of = node_index(r, o->u.n);
        break;
    case EDGE_OBJTYPE:
        if (o->emit_state == EMIT_EDRAW || o->emit_state == EMIT_TDRAW ||
            o->emit_state == EMIT_HDRAW || !r->edge)
            return;
        owner = RG_OWN_EDGE, of = r->edge_index;
        break;
    default:
        return;
    }
    if (of == (size_t)-1)
        return;
    /* Graphviz's default size when a font has none. */
    double size = span->font && span->font->size >= 0 ? span->font->size : 14.0;
    /* Where the json and xdot renderers put the text's point. */
    double y = p.y + span->yoffset_centerline;
    rg_geom_text(r->geo, owner, of, p.x, y, span->size.x, size, span->just,
                 span->str);
}

/* A stroke of N points (P): a node that draws one has a shape; an edge's
 * own line (not its arrowheads) is its curve. */
static void stroke(GVJ_t *job, const pointf *p, size_t n, bool bezier)
{
    reader *r = current;
    obj_state_t *o = job->obj;
    if (!pen_visible(job))
        return;
    if (o->type == NODE_OBJTYPE) {
        size_t i = node_index(r, o->u.n);
        if (i != (size_t)-1)
            r->geo->nodes[i].drawn = true;
        return;
    }
    if (o->type != EDGE_OBJTYPE || o->emit_state != EMIT_EDRAW || !r->edge || n < 2)
        return;
    double (*pts)[2] = rg_xmalloc(n * sizeof *pts);
    for (size_t i = 0; i < n; i++)
        pts[i][0] = p[i].x, pts[i][1] = p[i].y;
    if (bezier)
        rg_geom_bezier(r->geo, (const double (*)[2])pts, n);
    else
        rg_geom_polyline(r->geo, (const double (*)[2])pts, n);
    free(pts);
    r->edge_drawn = true;
}

static void rec_ellipse(GVJ_t *job, pointf *A, int filled)
{
    (void)filled;
    double rx = A[1].x - A[0].x;
    pointf p[2] = {{A[0].x - rx, A[0].y}, {A[0].x + rx, A[0].y}};
    stroke(job, p, 2, false);
}

static void rec_polygon(GVJ_t *job, pointf *A, rg_gvcount n, int filled)
{
    (void)filled;
    stroke(job, A, n > 0 ? (size_t)n : 0, false);
}

static void rec_beziercurve(GVJ_t *job, pointf *A, rg_gvcount n RG_GV_BEZIER_ARROWS,
                            int filled)
{
    RG_GV_UNUSED_ARROWS;
    (void)filled;
    stroke(job, A, n > 0 ? (size_t)n : 0, true);
}

static void rec_polyline(GVJ_t *job, pointf *A, rg_gvcount n)
{
    stroke(job, A, n > 0 ? (size_t)n : 0, false);
}

static gvrender_engine_t record_engine = {
    .begin_edge = rec_begin_edge,
    .end_edge = rec_end_edge,
    .textspan = rec_textspan,
    .ellipse = rec_ellipse,
    .polygon = rec_polygon,
    .beziercurve = rec_beziercurve,
    .polyline = rec_polyline,
};

/* As Graphviz's json renderer: graph coordinates, y upwards, RGBA bytes. */
static gvrender_features_t record_features = {
    GVRENDER_DOES_TRANSFORM | GVRENDER_DOES_MAPS | GVRENDER_DOES_TARGETS |
        GVRENDER_DOES_TOOLTIPS,
    0., NULL, 0, RGBA_BYTE,
};

static gvdevice_features_t record_device = {
    0, {0., 0.}, {0., 0.}, {72., 72.},
};

static gvplugin_installed_t record_render[] = {
    {0, "rgscore", 1, &record_engine, &record_features},
    {0, NULL, 0, NULL, NULL},
};

static gvplugin_installed_t record_devices[] = {
    {0, "rgscore:rgscore", 1, NULL, &record_device},
    {0, NULL, 0, NULL, NULL},
};

static gvplugin_api_t record_apis[] = {
    {API_render, record_render},
    {API_device, record_devices},
    {(api_t)0, NULL},
};

static gvplugin_library_t record_library = {RG_S("rgscore"), record_apis};

/* Every subgraph named cluster*, at any depth, as a group. */
static void add_groups(reader *r, Agraph_t *g, size_t *cap)
{
    for (Agraph_t *sg = agfstsubg(g); sg; sg = agnxtsubg(sg)) {
        const char *name = agnameof(sg);
        if (name && strncmp(name, "cluster", 7) == 0) {
            const char *bb = agget(sg, RG_S("bb"));
            bool boxed = bb && *bb;
            rg_box box = {0, 0, 0, 0};
            if (boxed && aggetrec(sg, "Agraphinfo_t", 0)) {
                boxf b = GD_bb(sg);
                box = (rg_box){b.LL.x, b.LL.y, b.UR.x, b.UR.y};
            } else if (boxed && sscanf(bb, "%lf,%lf,%lf,%lf", &box.x0, &box.y0,
                                       &box.x1, &box.y1) != 4) {
                boxed = false;
            }
            size_t gi = rg_geom_group(r->geo, box, boxed);
            for (Agnode_t *n = agfstnode(sg); n; n = agnxtnode(sg, n))
                rg_geom_member(r->geo, node_index(r, n));
            if (r->n_clusters == *cap) {
                *cap = *cap ? 2 * *cap : 16;
                r->clusters = rg_xrealloc(r->clusters, *cap * sizeof *r->clusters);
            }
            r->clusters[r->n_clusters++] = (struct cluster_ref){sg, gi};
        }
        add_groups(r, sg, cap);
    }
}

rg_geom *rg_geom_of(Agraph_t *g)
{
    reader r = {0};
    r.geo = rg_geom_new();
    boxf bb = rg_gv_bb(g);
    r.geo->bb = (rg_box){bb.LL.x, bb.LL.y, bb.UR.x, bb.UR.y};

    size_t max_seq = 0;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        if ((size_t)AGSEQ(n) > max_seq)
            max_seq = (size_t)AGSEQ(n);
    r.n_node_of = max_seq + 1;
    r.node_of = rg_xmalloc(r.n_node_of * sizeof *r.node_of);
    for (size_t i = 0; i < r.n_node_of; i++)
        r.node_of[i] = (size_t)-1;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        double x = ND_coord(n).x, y = ND_coord(n).y;
        double w = ND_width(n) * 72.0, h = ND_height(n) * 72.0;
        r.node_of[AGSEQ(n)] =
            rg_geom_node(r.geo, (rg_box){x - w / 2, y - h / 2, x + w / 2, y + h / 2},
                         false);
    }
    size_t cap = 0;
    add_groups(&r, g, &cap);
    rg_geom_done(r.geo);
    /* Sorted by address for the lookup only: no figure depends on it. */
    if (r.n_clusters)
        qsort(r.clusters, r.n_clusters, sizeof *r.clusters, cmp_ref);

    static GVC_t *registered;
    GVC_t *gvc = GD_gvc(g);
    if (gvc) {
        if (gvc != registered) {
            gvAddLibrary(gvc, &record_library);
            registered = gvc;
        }
        char *data = NULL;
        rg_gvlen len = 0;
        current = &r;
        if (gvRenderData(gvc, g, "rgscore", &data, &len) == 0)
            gvFreeRenderData(data);
        current = NULL;
    }
    free(r.node_of);
    free(r.clusters);
    return r.geo;
}
