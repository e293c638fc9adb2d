/*
 * test_score.c - the readability score (geometry.c, score.c, --stats):
 *   - the pure geometry on small hand-built drawings with known answers:
 *     overlapping texts, an edge through a foreign label and through its
 *     own, through a group holding neither end and one holding one, through
 *     an actor, crossing edges and edges sharing an end, a label 30 pt from
 *     its curve, scale and page share for a known box and page;
 *   - rg_score_better's order, and rg_score_print's line;
 *   - a graph laid out by Graphviz read as geometry (texts, shapes, lines);
 *   - --stats: its line, and for every file in data/ and
 *     tests/data/stories/ the same figures as tests/page_check.py on the
 *     -o FILE.json of the same run (counts exact, lengths within 0.5 pt).
 */
#include "cliutil.h"

#include <math.h>

#include "gv.h"

#define CHECKER "tests/page_check.py"

static rg_box bx(double x0, double y0, double x1, double y1)
{
    return (rg_box){x0, y0, x1, y1};
}

/* A straight edge from (X0, Y0) to (X1, Y1). */
static size_t line(rg_geom *g, size_t tail, size_t head, double x0, double y0,
                   double x1, double y1)
{
    size_t e = rg_geom_edge(g, tail, head);
    double p[2][2] = {{x0, y0}, {x1, y1}};
    rg_geom_polyline(g, (const double (*)[2])p, 2);
    return e;
}

/* A new drawing with two actors side by side, A at (0, 0, 40, 20) and B
 * 160 pt to its right, in *A and *B. */
static rg_geom *two_actors(size_t *a, size_t *b)
{
    rg_geom *g = rg_geom_new();
    *a = rg_geom_node(g, bx(0, 0, 40, 20), true);
    *b = rg_geom_node(g, bx(200, 0, 240, 20), true);
    return g;
}

static rg_score score_of(rg_geom *g, double pw, double ph)
{
    rg_geom_done(g);
    rg_score s;
    rg_score_geom(g, pw, ph, 1, &s);
    return s;
}

/* ---- the pure geometry ---- */

static void test_segment_tests(void **state)
{
    (void)state;
    rg_box box = bx(0, 0, 10, 10);
    rg_box through = bx(-5, 5, 15, 5), touching = bx(-5, 10, 15, 10);
    rg_box outside = bx(-5, 12, 15, 12), corner = bx(-5, 5, 5, -5);
    assert_true(rg_seg_enters(&through, &box));
    assert_false(rg_seg_enters(&touching, &box)); /* on the border only */
    assert_false(rg_seg_enters(&outside, &box));
    assert_false(rg_seg_enters(&corner, &box));   /* through the corner point */
    rg_box inner = bx(2, 2, 3, 3);
    assert_true(rg_seg_enters(&inner, &box));

    double x, y;
    rg_box a = bx(0, 0, 10, 10), b = bx(0, 10, 10, 0), c = bx(0, 1, 10, 11);
    assert_true(rg_seg_meet(&a, &b, &x, &y));
    assert_true(fabs(x - 5) < 1e-12 && fabs(y - 5) < 1e-12);
    assert_false(rg_seg_meet(&a, &c, &x, &y)); /* parallel */
    rg_box d = bx(5, 5, 20, 20);               /* collinear, overlapping */
    assert_true(rg_seg_meet(&a, &d, &x, &y));
    assert_true(x == 5 && y == 5);

    rg_box far = bx(0, 40, 100, 40), lbl = bx(40, 0, 60, 10);
    assert_true(rg_seg_box_distance(&far, &lbl) == 30.0);
    /* Nearest the corner (60, 10), from the middle of the segment. */
    rg_box diag = bx(60, 30, 80, 10);
    assert_true(fabs(rg_seg_box_distance(&diag, &lbl) - 10 * sqrt(2)) < 1e-9);
    assert_true(rg_seg_box_distance(&through, &box) == 0.0);
}

static void test_overlapping_texts(void **state)
{
    (void)state;
    rg_geom *g = rg_geom_new();
    size_t a = rg_geom_node(g, bx(0, 0, 100, 40), true);
    size_t b = rg_geom_node(g, bx(200, 0, 300, 40), true);
    g->bb = bx(0, 0, 300, 40);
    /* Two texts of two nodes, 10 pt tall, overlapping 20 x 5 pt. */
    rg_geom_text(g, RG_OWN_NODE, a, 50, 20, 60, 10, 'l', "first");
    rg_geom_text(g, RG_OWN_NODE, b, 90, 25, 60, 10, 'l', "second");
    /* Two lines of one node overlapping: one object, not counted. */
    rg_geom_text(g, RG_OWN_NODE, a, 10, 100, 40, 10, 'c', "one");
    rg_geom_text(g, RG_OWN_NODE, a, 10, 105, 40, 10, 'c', "two");
    /* Overlapping by the tolerance (1 pt) only, across: not counted. */
    rg_geom_text(g, RG_OWN_NODE, b, 500, 0, 20, 10, 'r', "x");
    rg_geom_text(g, RG_OWN_NODE, a, 499, 0, 20, 10, 'l', "y");
    /* Blank texts and texts of no width are no texts. */
    assert_true(rg_geom_text(g, RG_OWN_NODE, a, 50, 20, 60, 10, 'l', " \xc2\xa0 ") ==
                (size_t)-1);
    assert_true(rg_geom_text(g, RG_OWN_NODE, a, 50, 20, 0, 10, 'l', "w") == (size_t)-1);
    assert_int_equal(g->n_texts, 6);
    rg_score s = score_of(g, 0, 0);
    assert_int_equal(s.overlaps, 1);
    assert_true(s.font_min == 10);
    rg_geom_free(g);
}

static void test_edge_through_texts(void **state)
{
    (void)state;
    size_t a, b;
    rg_geom *g = two_actors(&a, &b);
    size_t c = rg_geom_node(g, bx(0, 200, 40, 220), true);
    size_t d = rg_geom_node(g, bx(200, 200, 240, 220), true);
    g->bb = bx(0, 0, 240, 220);
    size_t e = line(g, a, b, 40, 10, 200, 10);
    size_t f = line(g, c, d, 40, 210, 200, 210);
    /* F's label across E's line (y 6 to 16): E goes through a foreign text. */
    rg_geom_text(g, RG_OWN_EDGE, f, 120, 8, 30, 10, 'c', "foreign");
    /* E's own label across its own line: not counted. */
    rg_geom_text(g, RG_OWN_EDGE, e, 60, 8, 20, 10, 'l', "own");
    /* A's text, beside it but on E's line: its own end's, not counted. */
    rg_geom_text(g, RG_OWN_NODE, a, 150, 8, 20, 10, 'l', "end");
    rg_score s = score_of(g, 0, 0);
    assert_int_equal(s.edge_text, 1);
    assert_int_equal(s.edge_actors, 0);
    assert_int_equal(s.crossings, 0);
    rg_geom_free(g);

    /* The group's title and a shapeless node's text: both counted, one
     * group with two lines once. */
    g = two_actors(&a, &b);
    c = rg_geom_node(g, bx(100, 0, 120, 20), false);
    line(g, a, b, 40, 10, 200, 10);
    size_t gp = rg_geom_group(g, bx(300, 300, 400, 400), true);
    rg_geom_text(g, RG_OWN_GROUP, gp, 60, 8, 20, 10, 'l', "line one");
    rg_geom_text(g, RG_OWN_GROUP, gp, 60, 5, 20, 10, 'l', "line two");
    rg_geom_text(g, RG_OWN_NODE, c, 110, 8, 10, 10, 'c', "n");
    rg_geom_text(g, RG_OWN_DRAWING, 0, 170, 8, 10, 10, 'c', "title");
    s = score_of(g, 0, 0);
    assert_int_equal(s.edge_text, 3);
    assert_int_equal(s.edge_actors, 0); /* a node that draws no shape */
    rg_geom_free(g);
}

static void test_edge_through_actor(void **state)
{
    (void)state;
    size_t a, b;
    rg_geom *g = two_actors(&a, &b);
    size_t c = rg_geom_node(g, bx(100, 0, 140, 20), true);
    rg_geom_node(g, bx(100, 10, 140, 30), true); /* touches the line within 1 pt */
    rg_geom_text(g, RG_OWN_NODE, c, 120, 8, 30, 10, 'c', "C"); /* in its box */
    line(g, a, b, 40, 10.5, 200, 10.5);
    rg_score s = score_of(g, 0, 0);
    assert_int_equal(s.edge_actors, 1);
    assert_int_equal(s.edge_text, 0); /* C's text is C */
    rg_geom_free(g);
}

static void test_edge_through_groups(void **state)
{
    (void)state;
    size_t a, b;
    rg_geom *g = two_actors(&a, &b);
    size_t c = rg_geom_node(g, bx(100, 100, 140, 120), true);
    line(g, a, b, 40, 10, 200, 10);
    /* Holding neither end, across the line: counted. */
    rg_geom_group(g, bx(90, -20, 150, 130), true);
    rg_geom_member(g, c);
    /* Holding one end (A): not counted. */
    rg_geom_group(g, bx(-10, -10, 150, 30), true);
    rg_geom_member(g, c);
    rg_geom_member(g, a);
    /* Not drawn as a box: not counted. */
    rg_geom_group(g, bx(90, -20, 150, 130), false);
    rg_score s = score_of(g, 0, 0);
    assert_int_equal(s.edge_groups, 1);
    rg_geom_free(g);
}

static void test_crossings(void **state)
{
    (void)state;
    size_t a, b;
    rg_geom *g = two_actors(&a, &b);
    size_t c = rg_geom_node(g, bx(100, 100, 140, 120), true);
    size_t d = rg_geom_node(g, bx(100, -120, 140, -100), true);
    line(g, a, b, 40, 10, 200, 10);
    line(g, c, d, 120, 100, 120, -100); /* across A -> B */
    rg_score s = score_of(g, 0, 0);
    assert_int_equal(s.crossings, 1);
    rg_geom_free(g);

    /* Two edges from A that meet at A: not a crossing. */
    g = two_actors(&a, &b);
    c = rg_geom_node(g, bx(200, 100, 240, 120), true);
    line(g, a, b, 40, 10, 200, 10);
    line(g, a, c, 40, 10, 200, 110);
    s = score_of(g, 0, 0);
    assert_int_equal(s.crossings, 0);
    /* One more edge from A: it leaves A across A -> B, within an
     * arrowhead of A (not a crossing), and crosses it again far from A. */
    size_t e = rg_geom_edge(g, a, c);
    double p[3][2] = {{40, 12}, {100, -40}, {150, 60}};
    rg_geom_polyline(g, (const double (*)[2])p, 3);
    (void)e;
    s = score_of(g, 0, 0);
    assert_int_equal(s.crossings, 1);
    rg_geom_free(g);
}

static void test_label_gap(void **state)
{
    (void)state;
    size_t a, b;
    rg_geom *g = two_actors(&a, &b);
    size_t e = line(g, a, b, 40, 10, 200, 10);
    /* 10 pt text on a baseline at 42: its box from 40, 30 pt above. */
    rg_geom_text(g, RG_OWN_EDGE, e, 120, 42, 40, 10, 'c', "far");
    /* Another edge's label near its line. */
    size_t f = line(g, a, b, 40, 500, 200, 500);
    rg_geom_text(g, RG_OWN_EDGE, f, 120, 505, 40, 10, 'c', "near");
    rg_score s = score_of(g, 0, 0);
    assert_true(s.label_gap == 30.0);
    rg_geom_free(g);
}

static void test_bezier_sampling(void **state)
{
    (void)state;
    rg_geom *g = rg_geom_new();
    rg_geom_edge(g, 0, 0);
    /* A straight cubic 30 pt long: 10 segments of 3 pt. */
    double p[4][2] = {{0, 0}, {10, 0}, {20, 0}, {30, 0}};
    rg_geom_bezier(g, (const double (*)[2])p, 4);
    assert_int_equal(g->edges[0].n_segs, 10);
    assert_true(g->segs[9].x1 == 30 && g->segs[9].y1 == 0);
    /* A short one: at least 4; not a Bezier (5 points): a polyline. */
    double q[4][2] = {{0, 0}, {1, 0}, {2, 0}, {3, 0}};
    rg_geom_bezier(g, (const double (*)[2])q, 4);
    assert_int_equal(g->edges[0].n_segs, 14);
    double r[5][2] = {{0, 0}, {1, 0}, {1, 0}, {2, 0}, {3, 0}};
    rg_geom_bezier(g, (const double (*)[2])r, 5);
    assert_int_equal(g->edges[0].n_segs, 17); /* the repeated point dropped */
    rg_geom_free(g);
}

static void test_scale_and_page(void **state)
{
    (void)state;
    rg_geom *g = rg_geom_new();
    /* 996 x 496: with the 2 points of room on each side it keeps on a
     * page, 1000 x 500. */
    g->bb = bx(0, 0, 996, 496);
    size_t a = rg_geom_node(g, bx(0, 0, 40, 20), true);
    rg_geom_text(g, RG_OWN_NODE, a, 20, 8, 30, 12, 'c', "big");
    rg_geom_text(g, RG_OWN_NODE, a, 20, 100, 30, 10, 'c', "small");
    rg_score s = score_of(g, 500, 500);
    assert_true(s.scale == 0.5);
    assert_true(s.font_min == 10 && s.text_min == 5);
    /* 498 x 248 of 500 x 500 */
    assert_true(fabs(s.page_used - 498.0 * 248 / 250000) < 1e-12);
    assert_true(s.width == 996 && s.height == 496);
    /* A page larger than the drawing: scale 1. */
    s = score_of(g, 2000, 1000);
    assert_true(s.scale == 1 && fabs(s.page_used - 996.0 * 496 / 2e6) < 1e-12);
    /* No page: scale 1, no share. */
    s = score_of(g, 0, 0);
    assert_true(s.scale == 1 && s.page_used == 0 && s.text_min == 10);
    rg_geom_free(g);
}

/* ---- ordering and printing ---- */

static void test_better(void **state)
{
    (void)state;
    rg_score base = {0};
    base.text_min = 8, base.label_gap = 5;
    rg_score a = base, b = base;
    assert_false(rg_score_better(&a, &b, 6)); /* equal: neither */

    /* Readable text and no overlap first, however many other defects. */
    a.edge_text = 9, a.crossings = 50;
    b.overlaps = 1;
    assert_true(rg_score_better(&a, &b, 6));
    assert_false(rg_score_better(&b, &a, 6));
    b = base, b.text_min = 5;
    assert_true(rg_score_better(&a, &b, 6));
    /* Both short of the goal: no overlap first, then the larger text
     * by the quarter point it falls in, then the defects. */
    a.text_min = 5, a.overlaps = 1;
    assert_false(rg_score_better(&a, &b, 6));
    a.overlaps = 0, a.text_min = 5.25;
    assert_true(rg_score_better(&a, &b, 6)); /* 9 lines through texts more */
    assert_false(rg_score_better(&b, &a, 6));
    a.text_min = 5.2;
    assert_false(rg_score_better(&a, &b, 6));
    assert_true(rg_score_better(&b, &a, 6));
    /* An order: 3.75 over 3.30 and 3.45 whatever their defects; those
     * two in the same quarter point, by their defects. */
    rg_score x = base, y = base, z = base;
    x.text_min = 3.30, y.text_min = 3.45, z.text_min = 3.75;
    x.edge_text = 0, y.edge_text = 1, z.edge_text = 9;
    assert_true(rg_score_better(&z, &y, 6));
    assert_true(rg_score_better(&z, &x, 6));
    assert_false(rg_score_better(&x, &z, 6));
    assert_true(rg_score_better(&x, &y, 6)); /* the same quarter point */

    /* Fewer lines through things, then fewer crossings. */
    a = base, b = base;
    a.edge_actors = 1, b.edge_groups = 1, b.edge_text = 1;
    a.crossings = 10;
    assert_true(rg_score_better(&a, &b, 6));
    b = a, b.crossings = 9;
    assert_true(rg_score_better(&b, &a, 6));
    /* Then larger text, then labels nearer their lines. */
    a = base, b = base;
    a.text_min = 9;
    assert_true(rg_score_better(&a, &b, 6));
    a = base, a.label_gap = 4;
    assert_true(rg_score_better(&a, &b, 6));
    assert_false(rg_score_better(&b, &a, 6));
}

static void test_print(void **state)
{
    (void)state;
    rg_score s = {1, 2, 3, 4, 5, 12.345, 9, 0.5, 4.5, 0.25, 1890.84, 1264.66};
    rg_buf b = RG_BUF_INIT;
    rg_score_print(&b, &s);
    assert_string_equal(b.buf, "overlaps=1 edge_text=2 edge_actors=3 edge_groups=4 "
                               "crossings=5 label_gap=12.3 font_min=9 scale=0.500 "
                               "text_min=4.50 page_used=0.250 drawing=1890.8x1264.7");
    rg_buf_free(&b);
}

/* ---- a graph laid out by Graphviz ---- */

static void test_graph_geometry(void **state)
{
    (void)state;
    /* Never freed, as relgraph's own (diagram.c): Graphviz 2.42's
     * gvFreeContext loses what gvconfig read. */
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    static const char dot[] =
        "digraph g { node [fontsize=11]; a [shape=box, label=\"Alpha\"];"
        " b [shape=plaintext, label=<<B>Beta</B><BR/>two>];"
        " c [style=invis]; a -> b [label=\"tie\", fontsize=8];"
        " a -> c [style=invis]; b -> c [color=\"black:black\"]; }";
    Agraph_t *g = agmemread(dot);
    assert_non_null(g);
    assert_int_equal(gvLayout(gvc, g, "dot"), 0);
    rg_geom *geo = rg_geom_of(g);
    assert_int_equal(geo->n_nodes, 3);
    /* The box draws a shape; the plaintext node and the invisible one not. */
    assert_true(geo->nodes[0].drawn);
    assert_false(geo->nodes[1].drawn);
    assert_false(geo->nodes[2].drawn);
    /* Alpha, Beta and two (the HTML-like label's two lines), tie. */
    assert_int_equal(geo->n_texts, 4);
    size_t n_edge_texts = 0;
    for (size_t i = 0; i < geo->n_texts; i++)
        if (geo->texts[i].owner == RG_OWN_EDGE) {
            n_edge_texts++;
            assert_true(geo->texts[i].size == 8);
        } else {
            assert_true(geo->texts[i].owner == RG_OWN_NODE &&
                        geo->texts[i].size == 11);
        }
    assert_int_equal(n_edge_texts, 1);
    /* The invisible edge draws nothing; the double line is two curves,
     * then the run to its arrowhead's tip: two breaks in its polyline. */
    assert_int_equal(geo->n_edges, 2);
    for (size_t e = 0; e < 2; e++) {
        const rg_gedge *ed = &geo->edges[e];
        assert_true(ed->n_segs >= 4);
        size_t breaks = 0;
        for (size_t k = ed->seg + 1; k < ed->seg + ed->n_segs; k++)
            breaks += geo->segs[k].x0 != geo->segs[k - 1].x1 ||
                      geo->segs[k].y0 != geo->segs[k - 1].y1;
        assert_int_equal(breaks, ed->tail == 1 ? 2 : 0);
    }
    rg_score s;
    rg_score_geom(geo, 0, 0, 1, &s);
    assert_true(s.font_min == 8);
    assert_true(s.width == GD_bb(g).UR.x - GD_bb(g).LL.x);
    rg_score t;
    rg_score_graph(g, 0, 0, 1, &t);
    assert_memory_equal(&s, &t, sizeof s);
    rg_geom_free(geo);
    gvFreeLayout(gvc, g);
    agclose(g);
}

/* ---- --stats, and the same figures as page_check.py ---- */

static void test_stats_line(void **state)
{
    (void)state;
    const char *yaml = cu_path("two.yaml"), *svg = cu_path("two.svg");
    cu_write(yaml, "actors:\n"
                   "  a: {name: Norland, kind: country}\n"
                   "  b: {name: Inès Varga, kind: person}\n"
                   "ties:\n"
                   "  - {from: a, to: b, kind: talks, label: harbour talks}\n");
    cu_result r = CU_RUN(NULL, "--stats", "--no-legend", yaml, "-o", svg);
    assert_int_equal(r.status, 0);
    /* The drawing's line comes last, after the candidates' (search.c). */
    static const char head[] =
        "relgraph: stats: overlaps=0 edge_text=0 edge_actors=0 edge_groups=0 "
        "crossings=0 label_gap=";
    const char *line = strstr(r.err, "relgraph: stats: overlaps=");
    if (!line || strncmp(line, head, sizeof head - 1) != 0 || strchr(line, '\n')[1])
        fail_msg("not the stats line last: %s", r.err);
    assert_string_equal(cu_figure(line, "scale"), "1.000");
    assert_string_equal(cu_figure(line, "page_used"), "0.000");
    assert_string_equal(cu_figure(line, "font_min"), "10"); /* the tie's label */
    assert_string_equal(cu_figure(line, "text_min"), "10.00");
    assert_string_equal(cu_figure(line, "drawing"), "250.2x36.0");
    cu_result_free(&r);

    /* Nothing drawn, nothing said. */
    r = CU_RUN(NULL, "--stats", "--check", yaml);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    cu_result_free(&r);
    r = CU_RUN(NULL, "--stats", yaml, "-o", cu_path("two.md"));
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    cu_result_free(&r);
    /* And the drawing is the same with it as without. */
    const char *svg2 = cu_path("two2.svg");
    r = CU_RUN(NULL, "--no-legend", yaml, "-o", svg2);
    assert_int_equal(r.status, 0);
    cu_result_free(&r);
    size_t l1, l2;
    char *a = cu_read(svg, &l1), *b = cu_read(svg2, &l2);
    assert_true(l1 == l2 && memcmp(a, b, l1) == 0);
    free(a);
    free(b);
}

static void test_agrees_with_page_check(void **state)
{
    (void)state;
    size_t nd, ns;
    char **data = cu_glob("data", ".yaml", &nd);
    char **stories = cu_glob("tests/data/stories", ".yaml", &ns);
    assert_true(nd >= 3 && ns >= 6);
    static const char *const counts[] = {"overlaps", "edge_text", "edge_actors",
                                         "edge_groups", "crossings", "font_min"};
    for (size_t i = 0; i < nd + ns; i++) {
        const char *f = i < nd ? data[i] : stories[i - nd];
        const char *json = cu_path("x.json");
        cu_result r = CU_RUN(NULL, "-q", "--stats", f, "-o", json);
        if (r.status != 0)
            fail_msg("%s: relgraph status %d: %s", f, r.status, r.err);
        static const char prefix[] = "relgraph: stats:";
        const char *line = strstr(r.err, "relgraph: stats: overlaps=");
        if (!line)
            fail_msg("%s: no stats line: %s", f, r.err);
        char *ours = rg_xstrdup(line + sizeof prefix - 1);
        cu_result_free(&r);
        /* A page larger than any drawing: scale 1, as without a page. */
        r = CU_EXEC(NULL, cu_python(), CHECKER, json, "100000", "100000");
        if (r.status != 0)
            fail_msg("%s: page_check status %d:\n%s%s", f, r.status, r.out, r.err);
        char *theirs = rg_xmalloc(r.out_len + 2);
        snprintf(theirs, r.out_len + 2, " %s", r.out);
        cu_result_free(&r);
        for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
            char mine[64];
            snprintf(mine, sizeof mine, "%s", cu_figure(ours, counts[k]));
            if (strcmp(mine, cu_figure(theirs, counts[k])) != 0)
                fail_msg("%s: %s=%s, page_check.py says %s\n  relgraph:%s\n  page_check:%s",
                         f, counts[k], mine, cu_figure(theirs, counts[k]), ours, theirs);
        }
        double gap = atof(cu_figure(ours, "label_gap"));
        if (fabs(gap - atof(cu_figure(theirs, "label_gap"))) > 0.5)
            fail_msg("%s: label_gap %g, page_check.py says %s", f, gap,
                     cu_figure(theirs, "label_gap"));
        double w, h, w2, h2;
        assert_int_equal(sscanf(cu_figure(ours, "drawing"), "%lfx%lf", &w, &h), 2);
        assert_int_equal(sscanf(cu_figure(theirs, "drawing"), "%lfx%lf", &w2, &h2), 2);
        assert_true(fabs(w - w2) <= 0.5 && fabs(h - h2) <= 0.5);
        assert_string_equal(cu_figure(ours, "scale"), "1.000");
        assert_string_equal(cu_figure(theirs, "scale"), "1.000");
        free(ours);
        free(theirs);
    }
    cu_glob_free(data);
    cu_glob_free(stories);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_segment_tests),
        cmocka_unit_test(test_overlapping_texts),
        cmocka_unit_test(test_edge_through_texts),
        cmocka_unit_test(test_edge_through_actor),
        cmocka_unit_test(test_edge_through_groups),
        cmocka_unit_test(test_crossings),
        cmocka_unit_test(test_label_gap),
        cmocka_unit_test(test_bezier_sampling),
        cmocka_unit_test(test_scale_and_page),
        cmocka_unit_test(test_better),
        cmocka_unit_test(test_print),
        cmocka_unit_test(test_graph_geometry),
        cmocka_unit_test_setup_teardown(test_stats_line, cu_setup, cu_teardown),
        cmocka_unit_test_setup_teardown(test_agrees_with_page_check, cu_setup, cu_teardown),
    };
    return cmocka_run_group_tests_name("score", tests, NULL, NULL);
}
