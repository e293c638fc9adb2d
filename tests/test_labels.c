/*
 * test_labels.c - the ties' labels and lines (bundle.c, notes.c, and
 * their part in build.c, svg.c, legend.c and diagram.c): ties of one kind
 * between two actors drawn as one line whose label lists theirs, each
 * tie keeping its id and tooltip in the SVG; `edge_labels: notes`, its
 * numbers in reading order on the lines and its key below the drawing;
 * and the options that choose them. Exact graphs, labels and SVG text;
 * and the reading of Graphviz's points that the numbers and the joins
 * use (rg_point_read), case for case as sscanf's "%lf,%lf".
 *
 * Run from the repository root (the data files are read by relative path).
 */
#include "cliutil.h"

#include "gvutil.h"

/* ---- helpers ---- */

static rg_model *model_of(const char *yaml)
{
    return tu_valid_model(yaml, false);
}

/* The graph of YAML with OPT, and its conf. */
static Agraph_t *graph_of(rg_model *m, const rg_options *opt, rg_conf *c)
{
    rg_conf_resolve(c, m, opt);
    Agraph_t *g = rg_build_body(m, c, NULL);
    assert_non_null(g);
    return g;
}

static const char *label_of(Agraph_t *g, const char *edge)
{
    return gu_attr(gu_edge(g, edge), "label");
}

/* The SVG of YAML drawn with OPT; malloc'd. */
static char *svg_of(const char *yaml, const rg_options *opt)
{
    tu_run r;
    tu_begin(&r);
    rg_doc *doc = rg_load(yaml, strlen(yaml), r.diags);
    assert_non_null(doc);
    rg_model *m = rg_validate(doc, r.diags);
    assert_non_null(m);
    rg_diagram *dg = rg_diagram_new(m, opt, r.diags);
    if (!dg)
        fail_msg("no diagram: %s", tu_text(&r));
    char *svg = NULL;
    size_t len = 0;
    assert_true(rg_diagram_render(dg, "svg", &svg, &len, r.diags));
    rg_diagram_free(dg);
    rg_model_free(m);
    rg_doc_free(doc);
    tu_done(&r);
    return svg;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

#define assert_contains(hay, needle)                                      \
    do {                                                                  \
        if (!strstr(hay, needle))                                         \
            fail_msg("no '%s' in:\n%s", needle, hay);                     \
    } while (0)

/* Three ties of one kind from Iran to the United States (one alleged, one
 * dated), and one the other way. */
static const char *const three =
    "actors:\n"
    "  iran: {name: Iran, kind: country}\n"
    "  us: {name: United States, kind: country}\n"
    "ties:\n"
    "  - {from: iran, to: us, kind: accuses, label: spying}\n"
    "  - {from: iran, to: us, kind: accuses, label: arming rebels, id: arms, "
    "status: alleged}\n"
    "  - {from: iran, to: us, kind: accuses, label: sanctions, date: 2007-05}\n"
    "  - {from: us, to: iran, kind: accuses, label: militias}\n";

/* ---- bundles ---- */

static void test_bundle_one_edge(void **state)
{
    (void)state;
    rg_model *m = model_of(three);
    rg_conf c;
    Agraph_t *g = graph_of(m, NULL, &c);
    assert_true(c.bundle);
    /* One line for the three, its label theirs, one a line, the status
     * and the date that differ beside their tie's text. */
    assert_int_equal(agnedges(g), 2);
    assert_string_equal(label_of(g, "t0"),
                        "spying;<BR/>arming rebels<BR/>(alleged);<BR/>sanctions (2007-05)");
    assert_null(gu_find_edge(g, "t1"));
    assert_null(gu_find_edge(g, "t2"));
    /* The other direction is a line of its own. */
    assert_string_equal(label_of(g, "t3"), "militias");
    agclose(g);

    /* --no-bundle: three lines again. */
    rg_options o = RG_OPTIONS_INIT;
    o.bundle = 0;
    g = graph_of(m, &o, &c);
    assert_false(c.bundle);
    assert_int_equal(agnedges(g), 4);
    assert_string_equal(label_of(g, "t0"), "spying");
    assert_string_equal(label_of(g, "t1"), "arming rebels<BR/>(alleged)");
    assert_string_equal(label_of(g, "t2"), "sanctions");
    agclose(g);
    rg_model_free(m);

    /* The file's render: bundle: false does the same. */
    rg_buf y = RG_BUF_INIT;
    rg_buf_printf(&y, "%srender: {bundle: false}\n", three);
    m = model_of(y.buf);
    g = graph_of(m, NULL, &c);
    assert_int_equal(agnedges(g), 4);
    agclose(g);
    rg_model_free(m);
    rg_buf_free(&y);
}

static void test_bundle_svg_ids(void **state)
{
    (void)state;
    char *svg = svg_of(three, NULL);
    /* The line carries the first tie's id; each other tie an element of
     * its own after it, with its id, classes and tooltip. */
    assert_contains(svg, "<g id=\"tie-1\" class=\"edge tie kind-accuses bundle\">\n"
                         "<title>Iran accuses United States \xE2\x80\x94 spying</title>\n");
    assert_contains(svg, "</g>\n<g id=\"tie-arms\" class=\"tie kind-accuses "
                         "status-alleged bundled\" data-bundle=\"tie-1\">\n"
                         "<title>Iran accuses United States \xE2\x80\x94 arming "
                         "rebels\nalleged</title>\n</g>\n"
                         "<g id=\"tie-3\" class=\"tie kind-accuses bundled\" "
                         "data-bundle=\"tie-1\">\n<title>Iran accuses United States "
                         "\xE2\x80\x94 sanctions\n2007-05</title>\n</g>\n");
    assert_contains(svg, "<g id=\"tie-4\" class=\"edge tie kind-accuses\">");
    assert_int_equal(count(svg, "<g id=\"tie-"), 4);
    assert_int_equal(count(svg, "class=\"edge tie "), 2);
    free(svg);

    rg_options o = RG_OPTIONS_INIT;
    o.bundle = 0;
    svg = svg_of(three, &o);
    assert_int_equal(count(svg, "<g id=\"tie-"), 4);
    assert_int_equal(count(svg, "class=\"edge tie "), 4);
    assert_null(strstr(svg, "bundle"));
    assert_contains(svg, "<g id=\"tie-arms\" class=\"edge tie kind-accuses status-alleged\">");
    free(svg);
}

static void test_bundle_rules(void **state)
{
    (void)state;
    rg_model *m = model_of("actors: {a: {}, b: {}, c: {}}\n"
                           "ties:\n"
                           /* undirected, either way: one line */
                           "  - {from: a, to: b, kind: talks, label: x}\n"
                           "  - {from: b, to: a, kind: talks, label: y}\n"
                           /* directed, the other way: apart */
                           "  - {from: a, to: b, kind: accuses}\n"
                           "  - {from: b, to: a, kind: accuses}\n"
                           /* the same kind made undirected: apart from the
                            * directed one */
                           "  - {from: a, to: b, kind: accuses, directed: false}\n"
                           /* multi-party and `over`: never */
                           "  - {between: [a, b], kind: talks}\n"
                           "  - {between: [a, b], kind: talks, over: c}\n"
                           /* the same kind, another pair */
                           "  - {from: a, to: c, kind: talks}\n"
                           "  - {from: a, to: b, kind: talks}\n");
    rg_bundles bs;
    rg_bundles_make(&bs, m, true);
    static const int head[] = {0, 0, 2, 3, 4, 5, 6, 7, 0};
    static const int next[] = {1, 8, -1, -1, -1, -1, -1, -1, -1};
    static const size_t size[] = {3, 0, 1, 1, 1, 1, 1, 1, 0};
    for (size_t i = 0; i < 9; i++) {
        assert_int_equal(bs.head[i], head[i]);
        assert_int_equal(bs.next[i], next[i]);
        assert_int_equal(bs.size[i], size[i]);
    }
    rg_buf t = RG_BUF_INIT;
    /* A tie without a label adds nothing. */
    assert_int_equal(rg_bundle_text(&t, m, &bs, 0, "; "), RG_STATUS_NONE);
    assert_string_equal(t.buf, "x; y");
    rg_buf_free(&t);
    rg_bundles_free(&bs);
    /* Off, each tie is its own line. */
    rg_bundles_make(&bs, m, false);
    for (size_t i = 0; i < 9; i++) {
        assert_int_equal(bs.head[i], (int)i);
        assert_int_equal(bs.next[i], -1);
        assert_int_equal(bs.size[i], 1);
    }
    rg_bundles_free(&bs);
    rg_model_free(m);
}

static void test_bundle_text(void **state)
{
    (void)state;
    /* A status they share is said once, after all of them; the same text
     * on the same day once; dates that differ beside each. */
    rg_model *m = model_of("actors: {a: {}, b: {}}\n"
                           "ties:\n"
                           "  - {from: a, to: b, kind: supports, label: arms, status: alleged}\n"
                           "  - {from: a, to: b, kind: supports, label: funds, status: alleged}\n"
                           "  - {from: a, to: b, kind: supports, label: arms, status: alleged}\n"
                           "  - {from: a, to: b, kind: talks, label: talks, date: 2007-05-28}\n"
                           "  - {from: a, to: b, kind: talks, label: talks, date: 2007-07-24}\n"
                           "  - {from: a, to: b, kind: opposes, status: denied}\n"
                           "  - {from: a, to: b, kind: opposes}\n");
    rg_bundles bs;
    rg_bundles_make(&bs, m, true);
    rg_buf t = RG_BUF_INIT;
    assert_int_equal(rg_bundle_text(&t, m, &bs, 0, "; "), RG_STATUS_ALLEGED);
    assert_string_equal(t.buf, "arms; funds");
    rg_buf_clear(&t);
    assert_int_equal(rg_bundle_text(&t, m, &bs, 3, "; "), RG_STATUS_NONE);
    assert_string_equal(t.buf, "talks (2007-05-28); talks (2007-07-24)");
    rg_buf_clear(&t);
    /* No labels, statuses that differ: the status alone. */
    assert_int_equal(rg_bundle_text(&t, m, &bs, 5, "; "), RG_STATUS_NONE);
    assert_string_equal(t.buf, "(denied)");
    rg_buf_free(&t);

    /* Drawn: short, on one line; the shared status on a line of its own
     * at the end; long, one tie's text a line. */
    rg_conf c;
    Agraph_t *g = graph_of(m, NULL, &c);
    assert_string_equal(label_of(g, "t0"), "arms; funds<BR/>(alleged)");
    assert_string_equal(label_of(g, "t3"), "talks (2007-05-28);<BR/>talks (2007-07-24)");
    assert_string_equal(label_of(g, "t5"), "(denied)");
    agclose(g);
    rg_bundles_free(&bs);
    rg_model_free(m);
}

/* ---- notes ---- */

/* Ties whose dates put them out of file order. */
static const char *const dated =
    "actors:\n"
    "  iran: {name: Iran, kind: country}\n"
    "  us: {name: United States, kind: country}\n"
    "  iq: {name: Iraq, kind: country}\n"
    "  c: {name: Crocker, kind: person}\n"
    "ties:\n"
    "  - {from: us, to: iran, kind: accuses, label: arming militias, date: 2008}\n"
    "  - {from: iran, to: us, kind: demands, label: withdrawal, status: alleged, "
    "date: 2007-05}\n"
    "  - {from: us, to: iq, kind: supports}\n"
    "  - {between: [us, iran, iq], kind: talks, label: four-hour talks, "
    "date: 2007-05-28}\n"
    "  - {from: us, to: iran, kind: accuses, label: supplying EFPs, date: 2009}\n"
    "  - {from: c, to: us, kind: represents}\n"
    "  - {from: c, to: iq, kind: talks, label: greets}\n";

static void test_notes_numbers(void **state)
{
    (void)state;
    rg_model *m = model_of(dated);
    rg_options o = RG_OPTIONS_INIT;
    o.labels = RG_LABELS_NOTES;
    rg_conf c;
    Agraph_t *g = graph_of(m, &o, &c);
    assert_int_equal(c.labels, RG_LABELS_NOTES);
    /* By date, then the file's order, undated last; a line with nothing
     * to say has no number; the bundle one. */
    /* A line's number, on a patch of the background: it sits on the
     * line once laid out. */
#define NUMBER(n) "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" " \
                  "CELLPADDING=\"1\" BGCOLOR=\"#FFFFFF\"><TR><TD>" n "</TD></TR></TABLE>"
    assert_string_equal(label_of(g, "t1"), NUMBER("1"));
    assert_string_equal(agget(gu_find_edge(g, "t1"), RG_S("fontsize")), "9");
    Agnode_t *j = agnode(g, RG_S("j3"), 0);
    assert_non_null(j);
    assert_string_equal(agget(j, RG_S("label")), "2");
    assert_string_equal(agget(j, RG_S("shape")), "box");
    assert_string_equal(label_of(g, "t0"), NUMBER("3"));
    assert_null(gu_find_edge(g, "t4"));
    assert_string_equal(label_of(g, "t6"), NUMBER("4"));
    assert_string_equal(label_of(g, "t2"), "");
    assert_string_equal(label_of(g, "t5"), "");
    agclose(g);

    rg_bundles bs;
    rg_bundles_make(&bs, m, true);
    int *num;
    assert_int_equal(rg_notes_number(m, &bs, &num), 4);
    static const int want[] = {3, 1, 0, 2, 0, 0, 4};
    for (size_t i = 0; i < 7; i++)
        assert_int_equal(num[i], want[i]);
    free(num);
    rg_bundles_free(&bs);

    /* The key: its texts in the numbers' order. */
    Agraph_t *key = rg_build_notes(m, &c, 800, NULL);
    assert_non_null(key);
    static const char *const texts[] = {
        "Iran makes demands of United States: withdrawal (alleged)",
        "United States, Iran and Iraq hold talks: four-hour talks",
        "United States accuses Iran: arming militias (2008); supplying EFPs (2009)",
        "Crocker and Iraq hold talks: greets",
    };
    for (size_t k = 0; k < 4; k++) {
        char name[32], want_label[512];
        snprintf(name, sizeof name, "ln%zu", k + 1);
        Agnode_t *n = agnode(key, name, 0);
        assert_non_null(n);
        snprintf(want_label, sizeof want_label,
                 "<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"1\"><TR>"
                 "<TD ALIGN=\"RIGHT\" VALIGN=\"TOP\" WIDTH=\"16\"><B>%zu</B></TD>"
                 "<TD ALIGN=\"LEFT\" BALIGN=\"LEFT\" WIDTH=\"",
                 k + 1);
        const char *l = agget(n, RG_S("label"));
        assert_true(aghtmlstr(RG_S(l)));
        assert_memory_equal(l, want_label, strlen(want_label));
        rg_buf t = RG_BUF_INIT;
        rg_bundles_make(&bs, m, true);
        rg_notes_number(m, &bs, &num);
        for (size_t i = 0; i < 7; i++)
            if (num[i] == (int)k + 1)
                rg_notes_text(&t, m, &bs, i);
        assert_string_equal(t.buf, texts[k]);
        free(num);
        rg_bundles_free(&bs);
        rg_buf_free(&t);
    }
    assert_null(agnode(key, RG_S("ln5"), 0));
    agclose(key);
    rg_model_free(m);

    /* Nothing to number: no key. */
    m = model_of("actors: {a: {}, b: {}}\nties: [{from: a, to: b, kind: talks}]\n");
    c.labels = RG_LABELS_NOTES;
    assert_null(rg_build_notes(m, &c, 800, NULL));
    rg_model_free(m);
}

static void test_notes_columns(void **state)
{
    (void)state;
    rg_model *m = model_of(dated);
    rg_options o = RG_OPTIONS_INIT;
    o.labels = RG_LABELS_NOTES;
    rg_conf c;
    rg_conf_resolve(&c, m, &o);
    /* Short texts in a wide drawing: columns side by side, filled down
     * first, each with about as many lines as the others: the third text,
     * of two lines, alone in its column, so that the key is two lines
     * high, not three; in a narrow one, one column, its texts wrapped. */
    Agraph_t *key = rg_build_notes(m, &c, 1200, NULL);
    Agraph_t *box = agsubg(key, RG_S("cluster_notes"), 0);
    assert_non_null(box);
    assert_null(agsubg(box, RG_S("notes_column3"), 0));
    static const char *const in[][2] = {{"ln1", "ln2"}, {"ln3", NULL}, {"ln4", NULL}};
    for (size_t col = 0; col < 3; col++) {
        char name[32];
        snprintf(name, sizeof name, "notes_column%zu", col);
        Agraph_t *cg = agsubg(box, RG_S(name), 0);
        assert_non_null(cg);
        assert_int_equal(agnnodes(cg), in[col][1] ? 2 : 1);
        for (size_t i = 0; i < 2 && in[col][i]; i++)
            assert_non_null(agnode(cg, RG_S(in[col][i]), 0));
    }
    assert_non_null(strstr(agget(agnode(key, RG_S("ln3"), 0), RG_S("label")), "<BR/>"));
    assert_null(strstr(agget(agnode(key, RG_S("ln4"), 0), RG_S("label")), "<BR/>"));
    agclose(key);
    key = rg_build_notes(m, &c, 100, NULL);
    box = agsubg(key, RG_S("cluster_notes"), 0);
    assert_null(agsubg(box, RG_S("notes_column1"), 0));
    assert_int_equal(agnnodes(agsubg(box, RG_S("notes_column0"), 0)), 4);
    /* At the least width, 360 points: texts wrapped at 60 characters. */
    const char *l = agget(agnode(key, RG_S("ln3"), 0), RG_S("label"));
    assert_non_null(strstr(l, ">United States accuses Iran: arming militias"
                              "<BR/>(2008); supplying EFPs (2009)</TD>"));
    agclose(key);
    rg_model_free(m);
}

static void test_notes_svg(void **state)
{
    (void)state;
    rg_options o = RG_OPTIONS_INIT;
    o.labels = RG_LABELS_NOTES;
    char *svg = svg_of(dated, &o);
    /* The key and its entries have ids and classes; every tie keeps its
     * own, with its tooltip. */
    assert_contains(svg, "<g id=\"notes\" class=\"cluster notes\">\n<title>Ties</title>");
    assert_contains(svg, "<g id=\"note-1\" class=\"node note kind-demands note-tie-2\">\n"
                         "<title>Iran makes demands of United States: withdrawal "
                         "(alleged)</title>");
    assert_contains(svg, "<g id=\"note-2\" class=\"node note kind-talks note-tie-4\">");
    assert_contains(svg, "<g id=\"note-3\" class=\"node note kind-accuses note-tie-1\">");
    assert_contains(svg, "<g id=\"note-4\" class=\"node note kind-talks note-tie-7\">");
    assert_null(strstr(svg, "id=\"note-5\""));
    assert_contains(svg, ">Iran makes demands of United States: withdrawal (alleged)</text>");
    assert_contains(svg, "<g id=\"tie-5\" class=\"tie kind-accuses bundled\" "
                         "data-bundle=\"tie-1\">");
    assert_contains(svg, "<g id=\"tie-2\" class=\"edge tie kind-demands status-alleged\">\n"
                         "<title>Iran makes demands of United States \xE2\x80\x94 withdrawal\n"
                         "2007-05, alleged</title>");
    /* The lines carry numbers, not texts. */
    assert_null(strstr(svg, ">withdrawal</text>"));
    assert_contains(svg, ">1</text>");
    free(svg);
}

/* The diagram of the YAML in DATA (LEN bytes) with its labels as notes,
 * its document and model in *DOC and *M; messages in R. */
static rg_diagram *drawn_with_notes(const char *data, size_t len, tu_run *r,
                                    rg_doc **doc, rg_model **m)
{
    *doc = rg_load(data, len, r->diags);
    *m = rg_validate(*doc, r->diags);
    assert_non_null(*m);
    rg_options o = RG_OPTIONS_INIT;
    o.labels = RG_LABELS_NOTES;
    rg_diagram *dg = rg_diagram_new(*m, &o, r->diags);
    assert_non_null(dg);
    return dg;
}

/* The key of the seed story: below the drawing, never over it, no wider
 * than it. */
static void test_notes_placed_below(void **state)
{
    (void)state;
    tu_run r;
    tu_begin(&r);
    char *data = NULL;
    size_t len = 0;
    assert_true(rg_read_input("data/iran-us-talks-2007.yaml", 0, &data, &len, r.diags));
    rg_doc *doc;
    rg_model *m;
    rg_diagram *dg = drawn_with_notes(data, len, &r, &doc, &m);
    Agraph_t *key = agsubg(dg->g, RG_S("cluster_notes"), 0);
    assert_non_null(key);
    boxf kb = GD_bb(key);
    double left = 1e9, right = -1e9, bottom = 1e9;
    for (size_t i = 0; i < m->n_actors; i++) {
        char name[32];
        snprintf(name, sizeof name, "a%zu", i);
        Agnode_t *n = agnode(dg->g, name, 0);
        assert_non_null(n);
        double hw = ND_width(n) * 36, hh = ND_height(n) * 36;
        left = ND_coord(n).x - hw < left ? ND_coord(n).x - hw : left;
        right = ND_coord(n).x + hw > right ? ND_coord(n).x + hw : right;
        bottom = ND_coord(n).y - hh < bottom ? ND_coord(n).y - hh : bottom;
    }
    assert_true(kb.UR.y < bottom);
    assert_true(kb.LL.x >= left - 30);
    assert_true(kb.UR.x - kb.LL.x <= right - left + 30);
    /* 34 numbered lines, in two columns. */
    assert_non_null(agnode(dg->g, RG_S("ln34"), 0));
    assert_null(agnode(dg->g, RG_S("ln35"), 0));
    assert_non_null(agsubg(key, RG_S("notes_column1"), 0));
    rg_diagram_free(dg);
    rg_model_free(m);
    rg_doc_free(doc);
    free(data);
    tu_done(&r);
}

/* The key's columns start level, though the first text of the first
 * runs to two lines and the second's to one: dot centres a rank's first
 * nodes on one line, which would start the second column half a line
 * lower. */
static void test_notes_columns_start_level(void **state)
{
    (void)state;
    tu_run r;
    tu_begin(&r);
    rg_buf y = RG_BUF_INIT;
    rg_buf_puts(&y, "actors: {a: {}, b: {}, c: {}, d: {}, e: {}, f: {}}\nties:\n"
                    "  - {from: a, to: b, kind: talks, label: a very long text that "
                    "runs over the width of its column}\n");
    static const char *const ends[][3] = {
        {"b", "c", "one"}, {"c", "d", "two"}, {"d", "e", "three"}, {"e", "f", "four"},
        {"a", "c", "five"}, {"b", "d", "six"}, {"c", "e", "seven"}, {"d", "f", "eight"},
        {"a", "f", "nine"},
    };
    for (size_t i = 0; i < sizeof ends / sizeof ends[0]; i++)
        rg_buf_printf(&y, "  - {from: %s, to: %s, kind: talks, label: short %s}\n",
                      ends[i][0], ends[i][1], ends[i][2]);
    rg_doc *doc;
    rg_model *m;
    rg_diagram *dg = drawn_with_notes(y.buf, y.len, &r, &doc, &m);
    Agraph_t *col1 = agsubg(agsubg(dg->g, RG_S("cluster_notes"), 0),
                            RG_S("notes_column1"), 0);
    assert_non_null(col1);
    Agnode_t *first0 = agnode(dg->g, RG_S("ln1"), 0), *first1 = agfstnode(col1);
    assert_string_equal(agnameof(first1), "ln6");
    assert_true(ND_height(first0) > ND_height(first1) + 0.1);
    assert_float_equal(ND_coord(first0).y + ND_height(first0) * 36,
                       ND_coord(first1).y + ND_height(first1) * 36, 0.05);
    /* The rest of the column moved with its first: the next text just
     * below it (dot's 0.02 in apart, rounded to its whole points). */
    Agnode_t *second1 = agnode(dg->g, RG_S("ln7"), 0);
    double gap = (ND_coord(first1).y - ND_height(first1) * 36) -
                 (ND_coord(second1).y + ND_height(second1) * 36);
    assert_true(gap >= 0 && gap < 2);
    rg_diagram_free(dg);
    rg_model_free(m);
    rg_doc_free(doc);
    rg_buf_free(&y);
    tu_done(&r);
}

/* A line's number moves off the point where dot put it when another
 * line passes there: to the nearest point of its own line that no
 * other line crosses (a straight line, so its points are exact). */
static void test_notes_off_other_lines(void **state)
{
    (void)state;
    static const char dot[] =
        "digraph {\n"
        "  a [pos=\"0,0\", width=\"0.5\", height=\"0.5\"];\n"
        "  b [pos=\"300,0\", width=\"0.5\", height=\"0.5\"];\n"
        "  c [pos=\"150,100\", width=\"0.5\", height=\"0.5\"];\n"
        "  d [pos=\"150,-100\", width=\"0.5\", height=\"0.5\"];\n"
        /* x = 300 t; the middle four fifths: t = 2/16 ... 14/16. */
        "  a -> b [pos=\"0,0 100,0 200,0 300,0\", lp=\"150,0\",\n"
        "          label=<<TABLE><TR><TD>1</TD></TR></TABLE>>];\n"
        "  c -> d [pos=\"150,100 150,33 150,-33 150,-100\"];\n"
        "}\n";
    Agraph_t *g = agmemread(dot);
    assert_non_null(g);
    rg_notes_onto_lines(g);
    /* t = 8/16 is under the other line; 7/16 and 9/16 are as near, and
     * the first along the line wins. */
    assert_string_equal(gu_attr(agfstout(g, gu_node(g, "a")), "lp"), "131.25,0.00");
    agclose(g);
}

/* A number keeps clear of other lines by its own size: a page's
 * 14-point "12" is some 18 points wide, and where a 9-point one would
 * just clear the other line (7.5 points off), the line would run through
 * its digits. Points of a straight line 60 long, 3.75 apart. */
static void test_notes_clear_by_their_size(void **state)
{
    (void)state;
    static const struct {
        const char *size;
        const char *lp;
    } cases[] = {
        {"", "22.50,0.00"},
        {"fontsize=\"9\", ", "22.50,0.00"},
        {"fontsize=\"14\", ", "18.75,0.00"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char dot[1024];
        snprintf(dot, sizeof dot,
                 "digraph {\n"
                 "  a [pos=\"0,0\", width=\"0.1\", height=\"0.1\"];\n"
                 "  b [pos=\"60,0\", width=\"0.1\", height=\"0.1\"];\n"
                 "  c [pos=\"30,100\", width=\"0.1\", height=\"0.1\"];\n"
                 "  d [pos=\"30,-100\", width=\"0.1\", height=\"0.1\"];\n"
                 "  a -> b [pos=\"0,0 20,0 40,0 60,0\", lp=\"30,0\", %s\n"
                 "          label=<<TABLE><TR><TD>12</TD></TR></TABLE>>];\n"
                 "  c -> d [pos=\"30,100 30,33 30,-33 30,-100\"];\n"
                 "}\n", cases[i].size);
        Agraph_t *g = agmemread(dot);
        assert_non_null(g);
        rg_notes_onto_lines(g);
        const char *lp = gu_attr(agfstout(g, gu_node(g, "a")), "lp");
        if (strcmp(lp, cases[i].lp) != 0)
            fail_msg("%s: the number at %s, not %s", cases[i].size, lp, cases[i].lp);
        agclose(g);
    }
}

/* Past RG_NOTES_MAX numbered lines, notes mode draws no labels, and
 * says so. */
static void test_notes_limit(void **state)
{
    (void)state;
    rg_buf y = RG_BUF_INIT;
    rg_buf_puts(&y, "actors:\n");
    for (int i = 0; i < 100; i++)
        rg_buf_printf(&y, "  a%d: {}\n", i);
    rg_buf_puts(&y, "ties:\n");
    for (int i = 0; i <= RG_NOTES_MAX; i++)
        rg_buf_printf(&y, "  - {from: a%d, to: a%d, kind: supports, label: s%d}\n",
                      i % 100, (i / 100 + i % 100 + 1) % 100, i);
    rg_buf_puts(&y, "render: {edge_labels: notes, bundle: false}\n");
    rg_model *m = model_of(y.buf);
    rg_conf c;
    rg_conf_resolve(&c, m, NULL);
    assert_int_equal(rg_notes_count(m, &c), RG_NOTES_MAX + 1);
    tu_run r;
    tu_begin(&r);
    rg_diagram *dg = rg_diagram_new(m, NULL, r.diags);
    assert_non_null(dg);
    assert_string_equal(tu_text(&r),
                        "warning: edge_labels 'notes' numbers at most 2000 lines, and "
                        "this drawing has 2001: the ties' labels are left out (they "
                        "stay in the tooltips and the Markdown summary)\n");
    assert_null(agsubg(dg->g, RG_S("cluster_notes"), 0));
    rg_diagram_free(dg);
    tu_done(&r);
    rg_model_free(m);
    rg_buf_free(&y);
}

/* ---- the legend ---- */

/* Below the drawing the legend is in columns of at most 7 rows: the tie
 * kinds', the notes on them, the actor kinds'; beside it, one. */
/* Of 60 kinds of tie drawn, the legend lists the 40 most used, in the
 * file's order, and says how many more: its layout is outside --timeout. */
static void test_legend_bound(void **state)
{
    (void)state;
    rg_buf y = RG_BUF_INIT;
    rg_buf_puts(&y, "kinds:\n  ties:\n");
    for (int i = 0; i < 60; i++)
        rg_buf_printf(&y, "    k%d: {label: kind %d}\n", i, i);
    rg_buf_puts(&y, "actors:\n  a: {}\n  b: {}\nties:\n");
    for (int i = 0; i < 60; i++)
        rg_buf_printf(&y, "  - {from: a, to: b, kind: k%d}\n", i);
    /* The last ten twice more: they are among the most used. */
    for (int i = 50; i < 60; i++)
        rg_buf_printf(&y, "  - {from: b, to: a, kind: k%d}\n", i);
    rg_model *m = model_of(y.buf);
    rg_buf_free(&y);
    rg_conf c;
    rg_conf_resolve(&c, m, NULL);
    Agraph_t *lg = rg_build_legend_at(m, &c, false, NULL);
    size_t shown = 0;
    char name[16];
    for (int i = 0; i < 60; i++) {
        snprintf(name, sizeof name, "lt%d", i + (int)rg_builtin_ties_len);
        if (agnode(lg, name, 0))
            shown++;
        /* k0..k29 (file order among equals) and k50..k59. */
        if ((i < 30 || i >= 50) != (agnode(lg, name, 0) != NULL))
            fail_msg("kind k%d %s", i, i < 30 || i >= 50 ? "left out" : "shown");
    }
    assert_int_equal(shown, 40);
    Agnode_t *more = agnode(lg, RG_S("lmore_t"), 0);
    assert_non_null(more);
    assert_string_equal(agget(more, RG_S("label")), "and 20 more kinds of tie\\l");
    agclose(lg);
    rg_model_free(m);
}

/* The legend (and the notes' key) is laid out in a child, within
 * --timeout, as the drawing is: a legend graph dot takes long over is
 * stopped, with the layout's own message, and nothing is joined. */
static void test_legend_within_timeout(void **state)
{
    (void)state;
    rg_model *m = model_of("actors:\n  a: {}\n  b: {}\n"
                           "ties:\n  - {from: a, to: b, kind: talks}\n");
    rg_options o = RG_OPTIONS_INIT;
    o.timeout = 0.3;
    rg_conf c;
    rg_conf_resolve(&c, m, &o);
    /* 300 nodes with 1,200 crossing edges: seconds for dot. */
    Agraph_t *lg = rg_graph_open("legend");
    char name[32];
    for (int i = 0; i < 300; i++)
        for (int k = 1; k <= 4; k++) {
            char t[16], h[16];
            snprintf(t, sizeof t, "n%d", i);
            snprintf(h, sizeof h, "n%d", (i * 37 + k * 101) % 300);
            snprintf(name, sizeof name, "e%d.%d", i, k);
            agedge(lg, agnode(lg, t, 1), agnode(lg, h, 1), name, 1);
        }
    Agraph_t *g = rg_graph_open("drawing");
    rg_set(g, "bb", "0,0,100,100");
    tu_run r;
    tu_begin(&r);
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    double t0 = cu_now();
    assert_false(rg_legend_join(gvc, g, lg, false, &c, NULL, r.diags));
    assert_true(cu_now() - t0 < 3);
    assert_string_equal(tu_text(&r),
                        "error: the 'dot' layout of 300 nodes and 1200 edges took longer "
                        "than 0.3 s; try -K sfdp, which is much faster on large graphs, "
                        "or a longer --timeout\n");
    assert_null(agnode(g, RG_S("n0"), 0));
    tu_done(&r);
    agclose(lg);
    agclose(g);
    rg_model_free(m);
}

static void test_legend_columns(void **state)
{
    (void)state;
    rg_buf y = RG_BUF_INIT;
    rg_buf_puts(&y, "actors:\n  a: {kind: person}\n  b: {kind: country}\nties:\n");
    static const char *const kinds[] = {"talks", "accuses", "custody", "demands",
        "proposes", "supports", "opposes", "allied", "represents"};
    for (size_t i = 0; i < 9; i++)
        rg_buf_printf(&y, "  - {from: a, to: b, kind: %s%s}\n", kinds[i],
                      i == 0 ? ", status: alleged" : "");
    rg_model *m = model_of(y.buf);
    rg_buf_free(&y);
    rg_conf c;
    rg_conf_resolve(&c, m, NULL);
    Agraph_t *lg = rg_build_legend_at(m, &c, true, NULL);
    Agraph_t *box = agsubg(lg, RG_S("cluster_legend"), 0);
    static const struct {
        const char *col;
        size_t rows;
        const char *first;
    } cols[] = {
        {"legend_column", 5, "lt0"}, {"legend_column2", 4, "lt5"},
        {"legend_column3", 1, "ls"}, {"legend_column4", 2, "la0"},
    };
    for (size_t i = 0; i < 4; i++) {
        Agraph_t *col = agsubg(box, RG_S(cols[i].col), 0);
        assert_non_null(col);
        assert_int_equal(agnnodes(col), cols[i].rows);
        assert_string_equal(agnameof(agfstnode(col)), cols[i].first);
    }
    assert_null(agsubg(box, RG_S("legend_column5"), 0));
    /* Each column after the one before: from its first row's text to
     * the next's first sample (a note has none: its text). */
    Agedge_t *e = gu_find_edge(lg, "lcols1");
    assert_non_null(e);
    assert_string_equal(agnameof(agtail(e)), "lt0");
    assert_string_equal(agnameof(aghead(e)), "lt5.start");
    e = gu_find_edge(lg, "lcols2");
    assert_string_equal(agnameof(agtail(e)), "lt5");
    assert_string_equal(agnameof(aghead(e)), "ls");
    e = gu_find_edge(lg, "lcols3");
    assert_string_equal(agnameof(agtail(e)), "ls");
    assert_string_equal(agnameof(aghead(e)), "la0.shape");
    /* Texts as wide as their column's longest ("country"). */
    assert_string_equal(agget(agnode(lg, RG_S("la0"), 0), RG_S("width")), "0.66");
    agclose(lg);

    lg = rg_build_legend_at(m, &c, false, NULL);
    box = agsubg(lg, RG_S("cluster_legend"), 0);
    assert_int_equal(agnnodes(agsubg(box, RG_S("legend_column"), 0)), 12);
    assert_null(agsubg(box, RG_S("legend_column2"), 0));
    agclose(lg);

    /* Laid out and joined below a drawing: each row's sample ends where
     * its text's box begins (the arrowhead's tip, or the shape's right
     * side, within a point), on the text's line. */
    tu_run r;
    tu_begin(&r);
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    Agraph_t *g = rg_graph_open("drawing");
    rg_set(g, "bb", "0,0,100,100");
    lg = rg_build_legend_at(m, &c, true, NULL);
    assert_true(rg_legend_join(gvc, g, lg, true, &c, NULL, r.diags));
    assert_string_equal(tu_text(&r), "");
    size_t rows = 0;
    for (Agnode_t *t = agfstnode(g); t; t = agnxtnode(g, t)) {
        const char *name = agnameof(t);
        if (strncmp(name, "lt", 2) != 0 && strncmp(name, "la", 2) != 0)
            continue;
        if (strchr(name, '.'))
            continue;
        double tx, ty, w, sx, sy, sw = 0;
        assert_int_equal(sscanf(gu_attr(t, "pos"), "%lf,%lf", &tx, &ty), 2);
        assert_int_equal(sscanf(gu_attr(t, "width"), "%lf", &w), 1);
        double left = tx - w * 36;
        char sample[40];
        snprintf(sample, sizeof sample, "%s.edge", name);
        Agedge_t *se = gu_edge(g, sample);
        if (name[1] == 't') {
            /* "e,x,y" first when it has an arrowhead, else the last point. */
            const char *pos = gu_attr(se, "pos"), *last = strrchr(pos, ' ');
            if (strncmp(pos, "e,", 2) == 0)
                assert_int_equal(sscanf(pos, "e,%lf,%lf", &sx, &sy), 2);
            else
                assert_int_equal(sscanf(last + 1, "%lf,%lf", &sx, &sy), 2);
        } else {
            Agnode_t *shape = agtail(se);
            assert_string_equal(agnameof(aghead(se)), name);
            assert_int_equal(sscanf(gu_attr(shape, "pos"), "%lf,%lf", &sx, &sy), 2);
            assert_int_equal(sscanf(gu_attr(shape, "width"), "%lf", &sw), 1);
            sx += sw * 36;
            assert_true(sx < left);
        }
        if (name[1] == 't' && fabs(sx - left) > 1)
            fail_msg("%s: its sample ends at x %.2f, its text starts at %.2f", name, sx, left);
        if (fabs(sy - ty) > 0.5)
            fail_msg("%s: its sample at y %.2f, its text at %.2f", name, sy, ty);
        rows++;
    }
    assert_int_equal(rows, 11);
    tu_done(&r);
    agclose(lg);
    agclose(g);
    rg_model_free(m);
}

/* ---- the command line ---- */

static void test_cli(void **state)
{
    (void)state;
    cu_result r = CU_RUN(three, "--edge-labels", "notes", "-");
    assert_int_equal(r.status, 0);
    assert_contains(r.out, "<g id=\"note-1\" class=\"node note kind-accuses note-tie-1\">");
    assert_contains(r.out, "<title>Iran accuses United States: spying; arming rebels "
                           "(alleged); sanctions (2007-05)</title>");
    cu_result_free(&r);
    /* Each number on its own line: no label away from its line, as
     * dot would put it (the seed story's were up to 69 points away). */
    r = CU_RUN(NULL, "data/iran-us-talks-2007.yaml", "--edge-labels", "notes", "--stats",
               "-o", cu_path("n.svg"));
    assert_int_equal(r.status, 0);
    const char *line = strstr(r.err, "relgraph: stats: overlaps=");
    assert_non_null(line);
    assert_string_equal(cu_figure(line, "label_gap"), "0.0");
    cu_result_free(&r);
    r = CU_RUN(NULL, "data/iran-us-talks-2007.yaml", "--edge-labels", "inline", "--stats",
               "-o", cu_path("n.svg"));
    line = strstr(r.err, "relgraph: stats: overlaps=");
    assert_non_null(line);
    assert_true(strtod(cu_figure(line, "label_gap"), NULL) > 10);
    cu_result_free(&r);
    r = CU_RUN(three, "--edge-labels", "none", "-");
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, ">spying"));
    assert_null(strstr(r.out, "id=\"note-"));
    cu_result_free(&r);
    r = CU_RUN(three, "--no-edge-labels", "-");
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, ">spying"));
    cu_result_free(&r);
    r = CU_RUN(three, "--no-bundle", "-");
    assert_int_equal(r.status, 0);
    assert_int_equal(count(r.out, "class=\"edge tie "), 4);
    cu_result_free(&r);
    r = CU_RUN(three, "-");
    assert_int_equal(r.status, 0);
    assert_int_equal(count(r.out, "class=\"edge tie "), 2);
    cu_result_free(&r);
    r = CU_RUN(three, "--edge-labels", "below", "-");
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, "relgraph: error: unknown edge labels setting 'below' "
                               "(inline notes none)\n"
                               "Try 'relgraph --help' for more information.\n");
    cu_result_free(&r);
}

static void test_point_read(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        bool ok;
        double x, y;
        const char *rest;
    } cases[] = {
        {"1.5,2", true, 1.5, 2, ""},
        {" 3,4 5,6", true, 3, 4, " 5,6"},
        {"-7.25,1e2;8,9", true, -7.25, 100, ";8,9"},
        {"1, 2", true, 1, 2, ""},
        {"1 ,2", false, 0, 0, NULL},
        {"e,1,2", false, 0, 0, NULL},
        {"1,x", false, 0, 0, NULL},
        {"", false, 0, 0, NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *p = cases[i].in;
        double x = 0, y = 0, sx, sy;
        int used = 0;
        bool ok = rg_point_read(&p, &x, &y);
        bool s_ok = sscanf(cases[i].in, "%lf,%lf%n", &sx, &sy, &used) == 2;
        if (ok != cases[i].ok || ok != s_ok)
            fail_msg("'%s': %d, sscanf %d, want %d", cases[i].in, ok, s_ok, cases[i].ok);
        if (ok) {
            assert_true(x == cases[i].x && y == cases[i].y && sx == x && sy == y);
            assert_string_equal(p, cases[i].rest);
            assert_ptr_equal(p, cases[i].in + used);
        } else {
            assert_ptr_equal(p, cases[i].in);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_point_read),
        cmocka_unit_test(test_bundle_one_edge),
        cmocka_unit_test(test_bundle_svg_ids),
        cmocka_unit_test(test_bundle_rules),
        cmocka_unit_test(test_bundle_text),
        cmocka_unit_test(test_notes_numbers),
        cmocka_unit_test(test_notes_columns),
        cmocka_unit_test(test_notes_svg),
        cmocka_unit_test(test_notes_placed_below),
        cmocka_unit_test(test_notes_columns_start_level),
        cmocka_unit_test(test_notes_clear_by_their_size),
        cmocka_unit_test(test_notes_off_other_lines),
        cmocka_unit_test(test_notes_limit),
        cmocka_unit_test(test_legend_columns),
        cmocka_unit_test(test_legend_bound),
        cmocka_unit_test(test_legend_within_timeout),
        cmocka_unit_test(test_cli),
    };
    return cmocka_run_group_tests_name("labels", tests, NULL, NULL);
}
