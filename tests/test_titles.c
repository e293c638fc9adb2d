/*
 * test_titles.c - group titles and tie labels moved off the lines through
 * them (titles.c, rg_titles_clear and rg_labels_clear), on small drawings
 * placed by hand (nop2 keeps every position given) with known answers.
 * Titles:
 *   - a line through the title: it moves just past the line, its
 *     attribute with it, and the score's lines through texts go to 0;
 *   - a node in the way beyond the line: past the node;
 *   - a second line where the first free place would be: past both;
 *   - lines all along the band: to the nearest place with the fewest;
 *   - a band too short to hold it anywhere free, and a title no line
 *     crosses: it stays.
 * Tie labels:
 *   - a line across a label: it moves the least to one side, on the
 *     2-point grid, left first, its attribute with it;
 *   - actors close on both sides: it stays where it is;
 *   - a notes number (a table): left to notes.c;
 *   - a label 40 points off its line: brought back to 3 points from it,
 *     one 6 points off left as it is.
 * That relgraph's --stats and the JSON checker see the same moved titles
 * on every file is test_score's.
 */
#include "cliutil.h"

#include <math.h>

#include "gv.h"

/* Room titles.c keeps beside what it moves past, points. */
#define ROOM 2.0

static GVC_t *context(void)
{
    /* Never freed, as relgraph's own (diagram.c). */
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    return gvc;
}

/* A vertical line at X from node UP (X, 250) down to node DOWN (X, 40),
 * through a title's band at y = 140, appended to B as DOT. */
static void vertical_line(rg_buf *b, const char *up, const char *down, int x)
{
    rg_buf_printf(b, " %s [pos=\"%d,250\"]; %s [pos=\"%d,40\"];"
                     " %s -> %s [pos=\"e,%d,58 %d,232 %d,180 %d,110 %d,68\"];",
                  up, x, down, x, up, down, x, x, x, x, x);
}

/* A drawing of a group from (10, 10) to (RIGHT, 150) titled "A group
 * title" at lp (60, 140), with one member, "in", at (X, 40), joined to
 * "out" above it by a vertical line at X; EXTRA adds statements. Placed
 * by nop2. */
static Agraph_t *drawing_at(int right, int x, const char *extra)
{
    rg_buf dot = RG_BUF_INIT;
    rg_buf_printf(&dot,
                  "digraph g { graph [bb=\"0,0,%d,300\"];"
                  " node [shape=box, fixedsize=true, width=0.5, height=0.5, label=\"\"];"
                  " subgraph cluster_a { graph [label=\"A group title\", labeljust=l,"
                  " bb=\"10,10,%d,150\", lp=\"60,140\"]; in; }",
                  right + 10, right);
    vertical_line(&dot, "out", "in", x);
    rg_buf_printf(&dot, " %s }", extra);
    Agraph_t *g = agmemread(dot.buf);
    rg_buf_free(&dot);
    assert_non_null(g);
    assert_int_equal(gvLayout(context(), g, "nop2"), 0);
    return g;
}

/* The line at x = 50, through the title. */
static Agraph_t *drawing(int right, const char *extra)
{
    return drawing_at(right, 50, extra);
}

static void done(Agraph_t *g)
{
    gvFreeLayout(context(), g);
    agclose(g);
}

static Agraph_t *group(Agraph_t *g)
{
    Agraph_t *sg = agsubg(g, RG_S("cluster_a"), 0);
    assert_non_null(sg);
    return sg;
}

/* Where nop2 put node NAME, points across (it moves the whole drawing to
 * start at 0, 0). */
static double x_of(Agraph_t *g, const char *name)
{
    Agnode_t *n = agnode(g, RG_S(name), 0);
    assert_non_null(n);
    return ND_coord(n).x;
}

/* The title's left end, points. */
static double title_left(Agraph_t *g)
{
    const textlabel_t *l = GD_label(group(g));
    return l->pos.x - l->dimen.x / 2;
}

static double lp_x(Agraph_t *g)
{
    double x, y;
    assert_int_equal(sscanf(agget(group(g), RG_S("lp")), "%lf,%lf", &x, &y), 2);
    assert_true(fabs(y - 140) < 0.01);
    return x;
}

static size_t edge_text(Agraph_t *g)
{
    rg_score s;
    rg_score_graph(g, 0, 0, 1, &s);
    return s.edge_text;
}

static void test_past_the_line(void **state)
{
    (void)state;
    Agraph_t *g = drawing(400, "");
    double left = title_left(g), line = x_of(g, "in");
    assert_true(left < line && left + GD_label(group(g))->dimen.x > line);
    assert_int_equal(edge_text(g), 1);
    rg_titles_clear(g);
    assert_true(fabs(title_left(g) - (line + ROOM)) < 0.01);
    assert_true(fabs(lp_x(g) - (60 + line + ROOM - left)) < 0.01);
    assert_int_equal(edge_text(g), 0);
    done(g);
}

static void test_past_a_node(void **state)
{
    (void)state;
    /* A node about 22 pt wide at x = 75 in the band: no title on it. */
    Agraph_t *g = drawing(400, "b [width=0.3, height=0.3, pos=\"75,140\"];");
    rg_titles_clear(g);
    /* (Graphviz rounds its width to whole points.) */
    Agnode_t *b = agnode(g, RG_S("b"), 0);
    assert_true(fabs(title_left(g) - (x_of(g, "b") + ND_width(b) * 72 / 2 + ROOM)) < 0.01);
    assert_int_equal(edge_text(g), 0);
    done(g);
}

static void test_past_two_lines(void **state)
{
    (void)state;
    /* A second line at x = 110, within a title's width of the first. */
    rg_buf extra = RG_BUF_INIT;
    vertical_line(&extra, "up", "in2", 110);
    Agraph_t *g = drawing(400, extra.buf);
    rg_buf_free(&extra);
    assert_int_equal(edge_text(g), 1);
    rg_titles_clear(g);
    assert_true(fabs(title_left(g) - (x_of(g, "in2") + ROOM)) < 0.01);
    assert_int_equal(edge_text(g), 0);
    done(g);
}

static void test_fewest_lines(void **state)
{
    (void)state;
    /* Lines at x = 50, 60 and every 70 points from 110 to 390: two through
     * the title where it is, one at best anywhere along the band (the
     * title and its room are wider than 70 points): just past the
     * second. */
    rg_buf extra = RG_BUF_INIT;
    vertical_line(&extra, "u60", "d60", 60);
    for (int x = 110; x <= 390; x += 70) {
        char up[16], down[16];
        snprintf(up, sizeof up, "u%d", x);
        snprintf(down, sizeof down, "d%d", x);
        vertical_line(&extra, up, down, x);
    }
    Agraph_t *g = drawing(400, extra.buf);
    rg_buf_free(&extra);
    assert_true(GD_label(group(g))->dimen.x + 2 * ROOM > 70);
    assert_int_equal(edge_text(g), 2);
    rg_titles_clear(g);
    assert_true(fabs(title_left(g) - (x_of(g, "d60") + ROOM)) < 0.01);
    assert_int_equal(edge_text(g), 1);
    done(g);
}

static void test_stays(void **state)
{
    (void)state;
    /* The group as wide as the title and its margins: nowhere else. */
    Agraph_t *g = drawing(400, "");
    double left = title_left(g), w = GD_label(group(g))->dimen.x;
    done(g);
    g = drawing((int)ceil(left + w + (left - 10)), "");
    rg_titles_clear(g);
    assert_true(title_left(g) == left);
    assert_true(fabs(lp_x(g) - 60) < 0.01);
    assert_int_equal(edge_text(g), 1);
    done(g);
    /* No line through it: not moved, though a line is near. */
    g = drawing_at(400, 150, "");
    left = title_left(g);
    assert_true(left + GD_label(group(g))->dimen.x + ROOM < x_of(g, "in"));
    rg_titles_clear(g);
    assert_true(title_left(g) == left);
    assert_true(fabs(lp_x(g) - 60) < 0.01);
    done(g);
}

/* A tie from a (0, 0) to b (300, 0) along y = 0, labelled LABEL at
 * (X, Y), and a line from c (150, 100) down to d (150, -100); EXTRA adds
 * statements. */
static Agraph_t *tie_drawing_at(const char *label, int x, int y, const char *extra)
{
    rg_buf dot = RG_BUF_INIT;
    rg_buf_printf(&dot,
                  "digraph g { node [shape=box, fixedsize=true, width=0.2, height=0.2,"
                  " label=\"\"];"
                  " a [pos=\"0,0\"]; b [pos=\"300,0\"]; c [pos=\"150,100\"];"
                  " d [pos=\"150,-100\"];"
                  " a -> b [pos=\"e,292,0 8,0 100,0 200,0 285,0\", lp=\"%d,%d\","
                  " label=%s];"
                  " c -> d [pos=\"e,150,-92 150,92 150,33 150,-33 150,-85\"]; %s }",
                  x, y, label, extra);
    Agraph_t *g = agmemread(dot.buf);
    rg_buf_free(&dot);
    assert_non_null(g);
    assert_int_equal(gvLayout(context(), g, "nop2"), 0);
    return g;
}

/* The label at (150, 12), just above its line, the other line across
 * it. */
static Agraph_t *tie_drawing(const char *label, const char *extra)
{
    return tie_drawing_at(label, 150, 12, extra);
}

static Agedge_t *tie(Agraph_t *g)
{
    return agfstout(g, agnode(g, RG_S("a"), 0));
}

/* The tie's label's centre as drawn, its attribute (in the coordinates
 * given, before nop2 moved the drawing to 0, 0) checked to say the same. */
static void tie_label_at(Agraph_t *g, double *x, double *y)
{
    const textlabel_t *l = ED_label(tie(g));
    *x = l->pos.x;
    *y = l->pos.y;
    double ax, ay;
    assert_int_equal(sscanf(agget(tie(g), RG_S("lp")), "%lf,%lf", &ax, &ay), 2);
    double ox = x_of(g, "c") - 150, oy = ND_coord(agnode(g, RG_S("a"), 0)).y;
    if (fabs(ax + ox - *x) > 0.01 || fabs(ay + oy - *y) > 0.01)
        fail_msg("lp %.2f,%.2f, drawn at %.2f,%.2f", ax, ay, *x, *y);
}

static void test_label_past_the_line(void **state)
{
    (void)state;
    Agraph_t *g = tie_drawing("\"deal\"", "");
    double x, y, line = x_of(g, "c");
    tie_label_at(g, &x, &y);
    double half = ED_label(tie(g))->dimen.x / 2;
    assert_true(fabs(x - line) < 0.01);
    assert_int_equal(edge_text(g), 1);
    rg_labels_clear(g);
    /* The least even move that takes its right end and room off the
     * line: x + half - k + ROOM <= line. */
    double k = 2 * ceil((half + ROOM) / 2);
    double nx, ny;
    tie_label_at(g, &nx, &ny);
    if (fabs(nx - (x - k)) > 0.01 || ny != y)
        fail_msg("the label at %.2f,%.2f, not %.2f,%.2f", nx, ny, x - k, y);
    assert_int_equal(edge_text(g), 0);
    done(g);
}

static void test_label_stays(void **state)
{
    (void)state;
    /* Actors 36 points square just left and right of the label, over
     * its line: moved either way it would cover one. */
    Agraph_t *g = tie_drawing("\"deal\"", "");
    double half = ED_label(tie(g))->dimen.x / 2;
    done(g);
    char extra[256];
    snprintf(extra, sizeof extra,
             "l [width=0.5, height=0.5, pos=\"%.2f,12\"];"
             " r [width=0.5, height=0.5, pos=\"%.2f,12\"];",
             150 - half - 19, 150 + half + 19);
    g = tie_drawing("\"deal\"", extra);
    double x, y, nx, ny;
    tie_label_at(g, &x, &y);
    rg_labels_clear(g);
    tie_label_at(g, &nx, &ny);
    assert_true(nx == x && ny == y);
    assert_int_equal(edge_text(g), 1);
    done(g);
    /* A notes number stays on its line as notes.c put it. */
    g = tie_drawing("<<TABLE><TR><TD>1</TD></TR></TABLE>>", "");
    tie_label_at(g, &x, &y);
    rg_labels_clear(g);
    tie_label_at(g, &nx, &ny);
    assert_true(nx == x && ny == y);
    done(g);
}

static void test_label_back_to_its_line(void **state)
{
    (void)state;
    /* 40 points above its line, at x = 60, clear of the other line: it
     * comes down, straight, until its lower edge is within 3 points of
     * its line (the least even move), and no nearer. */
    Agraph_t *g = tie_drawing_at("\"deal\"", 60, 40, "");
    double x, y, nx, ny, half_h = ED_label(tie(g))->dimen.y / 2;
    double line = ND_coord(agnode(g, RG_S("a"), 0)).y;
    tie_label_at(g, &x, &y);
    assert_true(y - half_h - line > 8);
    rg_labels_clear(g);
    tie_label_at(g, &nx, &ny);
    double k = 2 * ceil((y - half_h - line - 3) / 2);
    if (nx != x || fabs(ny - (y - k)) > 0.01)
        fail_msg("the label at %.2f,%.2f, not %.2f,%.2f", nx, ny, x, y - k);
    done(g);
    /* 6 points off (within 8): left where it is. */
    g = tie_drawing_at("\"deal\"", 60, 0, "");
    half_h = ED_label(tie(g))->dimen.y / 2;
    done(g);
    g = tie_drawing_at("\"deal\"", 60, (int)ceil(half_h + 6), "");
    tie_label_at(g, &x, &y);
    rg_labels_clear(g);
    tie_label_at(g, &nx, &ny);
    assert_true(nx == x && ny == y);
    done(g);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_past_the_line), cmocka_unit_test(test_past_a_node),
        cmocka_unit_test(test_past_two_lines), cmocka_unit_test(test_fewest_lines),
        cmocka_unit_test(test_stays), cmocka_unit_test(test_label_past_the_line),
        cmocka_unit_test(test_label_stays), cmocka_unit_test(test_label_back_to_its_line),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
