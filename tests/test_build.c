/*
 * test_build.c - the graph builder (build.c) on its own: small models from
 * inline YAML are turned into cgraph graphs with rg_build_graph and
 * rg_build_legend, and the graphs themselves are inspected (node, edge and
 * cluster names, every style attribute, HTML-like labels). No layout is
 * run here; test_render.c covers that.
 */
#include "testutil.h"

#include <ctype.h>

#include "gvutil.h"

/* ---- helpers ---- */

/* A model and the graphs built from it. */
typedef struct fx {
    rg_model *m;
    rg_conf c;
    Agraph_t *g;  /* rg_build_graph */
    Agraph_t *lg; /* rg_build_legend, may be NULL */
} fx;

/* Load and validate YAML that must give no error (warnings, such as an
 * actor in no tie, are allowed). */
static rg_model *model_of(const char *yaml)
{
    return tu_valid_model(yaml, false);
}

/* Build the graph and the legend of YAML with OPT (NULL: as the file
 * says). */
static fx build_opt(const char *yaml, const rg_options *opt)
{
    fx f;
    memset(&f, 0, sizeof f);
    f.m = model_of(yaml);
    rg_conf_resolve(&f.c, f.m, opt);
    f.g = rg_build_graph(f.m, &f.c);
    assert_non_null(f.g);
    f.lg = rg_build_legend(f.m, &f.c);
    return f;
}

static fx build(const char *yaml)
{
    return build_opt(yaml, NULL);
}

static void fx_free(fx *f)
{
    if (f->g)
        agclose(f->g);
    if (f->lg)
        agclose(f->lg);
    rg_model_free(f->m);
}

static size_t count_edges(Agraph_t *g)
{
    return (size_t)agnedges(g);
}

/* The value of ATTR on OBJ, "" when not set, NULL when not declared. */
static const char *attr(void *obj, const char *name)
{
    return agget(obj, RG_S(name));
}

#define assert_attr(obj, name, expected)                                  \
    do {                                                                  \
        const char *v_ = attr(obj, name);                                 \
        if (!v_)                                                          \
            print_error("attribute '%s' is not declared\n", name);        \
        assert_non_null(v_);                                              \
        assert_string_equal(v_, expected);                                \
    } while (0)

/* An attribute that is not set on OBJ (undeclared, or empty). */
#define assert_no_attr(obj, name)                                         \
    do {                                                                  \
        const char *v_ = attr(obj, name);                                 \
        if (v_ && *v_)                                                    \
            print_error("attribute '%s' is '%s'\n", name, v_);            \
        assert_true(!v_ || !*v_);                                         \
    } while (0)

/* An HTML-like label with exactly this source. */
#define assert_html_label(obj, expected)                                  \
    do {                                                                  \
        const char *l_ = attr(obj, "label");                              \
        assert_non_null(l_);                                              \
        assert_true(aghtmlstr(RG_S(l_)));                                 \
        assert_string_equal(l_, expected);                                \
    } while (0)

/* Each of the N ROWS is "NAME LABEL": the node (or else the edge) NAME
 * has an HTML-like label with exactly the source LABEL. */
static void assert_html_labels(Agraph_t *g, const char *const *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *sp = strchr(rows[i], ' ');
        assert_non_null(sp);
        rg_buf got = RG_BUF_INIT;
        rg_buf_add(&got, rows[i], (size_t)(sp - rows[i]));
        const char *l = attr(gu_object(g, got.buf), "label");
        assert_non_null(l);
        rg_buf_printf(&got, " %s", l);
        assert_string_equal(got.buf, rows[i]);
        assert_true(aghtmlstr(RG_S(l)));
        rg_buf_free(&got);
    }
}

#define ASSERT_HTML_LABELS(g, rows)                                       \
    assert_html_labels(g, rows, sizeof rows / sizeof *rows)

/* NAME is PREFIX followed by digits, and optionally ".digits" when DOTTED. */
static bool internal_name(const char *name, const char *prefix, bool dotted)
{
    size_t pl = strlen(prefix);
    if (strncmp(name, prefix, pl) != 0)
        return false;
    const char *p = name + pl;
    if (!isdigit((unsigned char)*p))
        return false;
    while (isdigit((unsigned char)*p))
        p++;
    if (dotted && *p == '.') {
        p++;
        if (!isdigit((unsigned char)*p))
            return false;
        while (isdigit((unsigned char)*p))
            p++;
    }
    return *p == '\0';
}

static void assert_subgraph_names(Agraph_t *g)
{
    for (Agraph_t *sg = agfstsubg(g); sg; sg = agnxtsubg(sg)) {
        if (!internal_name(agnameof(sg), "cluster_g", false))
            print_error("subgraph name '%s'\n", agnameof(sg));
        assert_true(internal_name(agnameof(sg), "cluster_g", false));
        assert_subgraph_names(sg);
    }
}

/* Every name in G is one of relgraph's own. */
static void assert_internal_names(Agraph_t *g)
{
    assert_string_equal(agnameof(g), "relgraph");
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        const char *nm = agnameof(n);
        if (!internal_name(nm, "a", false) && !internal_name(nm, "j", false))
            print_error("node name '%s'\n", nm);
        assert_true(internal_name(nm, "a", false) || internal_name(nm, "j", false));
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
            if (!internal_name(agnameof(e), "t", true))
                print_error("edge name '%s'\n", agnameof(e));
            assert_true(internal_name(agnameof(e), "t", true));
        }
    }
    assert_subgraph_names(g);
}

/* ---- names ---- */

static void test_node_names_in_file_order(void **state)
{
    (void)state;
    fx f = build("actors:\n"
                 "  zulu: {name: Zulu}\n"
                 "  alpha: {name: Alpha}\n"
                 "  mike: {name: Mike}\n"
                 "ties:\n"
                 "  - {from: zulu, to: alpha, kind: talks}\n"
                 "  - between: [alpha, mike, zulu]\n"
                 "    kind: talks\n"
                 "  - {from: mike, to: zulu, kind: accuses}\n");
    /* Nodes: actors a<i> in file order, then junctions j<tie index>. */
    const char *const expect[] = {"a0", "a1", "a2", "j1"};
    size_t i = 0;
    for (Agnode_t *n = agfstnode(f.g); n; n = agnxtnode(f.g, n), i++) {
        assert_true(i < 4);
        assert_string_equal(agnameof(n), expect[i]);
    }
    assert_int_equal(i, 4);
    static const char *const labels[] = {
        "a0 Zulu",
        "a1 Alpha",
        "a2 Mike",
    };
    ASSERT_HTML_LABELS(f.g, labels);
    /* Edges t<i> and t<i>.<party>. */
    assert_int_equal(count_edges(f.g), 5);
    static const char *const edges[] = {
        "t0 tail=a0 head=a1",
        "t1.0 tail=j1 head=a1",
        "t1.1 tail=j1 head=a2",
        "t1.2 tail=j1 head=a0",
        "t2 tail=a2 head=a0",
    };
    GU_ROWS(f.g, edges);
    assert_internal_names(f.g);
    fx_free(&f);
}

static void test_no_user_text_in_names(void **state)
{
    (void)state;
    fx f = build("title: '\\G <script>\"t\"</script>'\n"
                 "groups:\n"
                 "  g1: {name: '\\G cluster_x \"}\" <i>'}\n"
                 "actors:\n"
                 "  x: {name: '\\N <b>&amp; \"q\" \\G', group: g1}\n"
                 "  y: {name: 'a0', role: '\\E \\T \\H'}\n"
                 "  a1: {name: '-> \"t0\" ;'}\n"
                 "ties:\n"
                 "  - {from: x, to: y, kind: talks, label: '\\E -> \"x\"'}\n"
                 "  - between: [x, y, a1]\n"
                 "    kind: hosts\n"
                 "    label: 'j0 \\N'\n");
    assert_internal_names(f.g);
    assert_int_equal(agnnodes(f.g), 4);
    static const char *const labels[] = {
        /* The actor with id "a1" is the third actor, a2; no node is named
         * after an id or a name. */
        "a2 -&gt; &quot;t0&quot; ;",
        "a1 a0<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#555555\">"
        "\\\\E \\\\T \\\\H</FONT>",
        "a0 \\\\N &lt;b&gt;&amp;amp; &quot;q&quot; \\\\G",
        "t0 \\\\E -&gt; &quot;x&quot;",
        "j1 j0 \\\\N",
    };
    ASSERT_HTML_LABELS(f.g, labels);
    Agraph_t *sg = agfstsubg(f.g);
    assert_non_null(sg);
    assert_string_equal(agnameof(sg), "cluster_g0");
    assert_html_label(sg, "<B>\\\\G cluster_x &quot;}&quot; &lt;i&gt;</B>");
    assert_html_label(f.g, "<B>\\\\G &lt;script&gt;&quot;t&quot;&lt;/script&gt;</B>");
    fx_free(&f);
}

/* render.aliases: below: a small line of the other names, under the
 * name and above the role; tooltip and none: not on the drawing. */
static void test_label_aliases(void **state)
{
    (void)state;
    const char *actors = "actors:\n"
                         "  r: {name: حسن روحانی, role: President, aliases: [Hassan Rouhani, Rowhani]}\n"
                         "  k: {name: Kazemi, aliases: [Hassan Kazemi Qomi the Iranian ambassador]}\n"
                         "  n: {name: None}\n";
    rg_buf y = RG_BUF_INIT;
    rg_buf_printf(&y, "%srender: {aliases: below}\n", actors);
    fx f = build(y.buf);
    static const char *const labels[] = {
        "a0 \xE2\x80\x8F\xE2\x81\xA7"
        "حسن روحانی\xE2\x81\xA9"
        "<BR/><FONT POINT-SIZE=\"9\">Hassan Rouhani, Rowhani</FONT>"
        "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#555555\">President</FONT>",
        "a1 Kazemi<BR/><FONT POINT-SIZE=\"9\">Hassan Kazemi Qomi the Iranian<BR/>"
        "ambassador</FONT>",
        "a2 None",
    };
    ASSERT_HTML_LABELS(f.g, labels);
    fx_free(&f);
    static const char *const elsewhere[] = {"tooltip", "none"};
    for (size_t i = 0; i < 2; i++) {
        rg_buf_clear(&y);
        rg_buf_printf(&y, "%srender: {aliases: %s}\n", actors, elsewhere[i]);
        f = build(y.buf);
        assert_html_label(gu_node(f.g, "a1"), "Kazemi");
        fx_free(&f);
    }
    rg_buf_free(&y);
}

/* ---- labels ---- */

static void test_label_name_and_role(void **state)
{
    (void)state;
    fx f = build("actors:\n"
                 "  c: {name: Ryan Crocker, role: U.S. Ambassador to Iraq}\n"
                 "  n: {role: no name}\n"
                 "  k: {}\n");
    static const char *const labels[] = {
        "a0 Ryan Crocker<BR/><FONT POINT-SIZE=\"9\" "
        "COLOR=\"#555555\">U.S. Ambassador to Iraq</FONT>",
        /* Without a name, the id is shown. */
        "a1 n<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#555555\">no name</FONT>",
        "a2 k",
    };
    ASSERT_HTML_LABELS(f.g, labels);
    fx_free(&f);

    /* The role's colour follows the fill: lighter on a dark one. */
    rg_options o = RG_OPTIONS_INIT;
    o.theme = "dark";
    f = build_opt("actors:\n  c: {name: C, role: R}\n", &o);
    assert_html_label(gu_node(f.g, "a0"),
                      "C<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#B8B8B8\">R</FONT>");
    fx_free(&f);
    f = build("kinds:\n  actors:\n    night: {fill: '#102030'}\n"
              "actors:\n  c: {name: C, role: R, kind: night}\n");
    assert_html_label(gu_node(f.g, "a0"),
                      "C<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#B8B8B8\">R</FONT>");
    fx_free(&f);
}

static void test_label_escaping(void **state)
{
    (void)state;
    fx f = build("actors:\n"
                 "  a: {name: \"A & B <c> \\\"d\\\" 'e' \\\\N \\\\\\\\\"}\n"
                 "  b: {name: \"one\\ntwo\\tthree\"}\n"
                 "  c: {name: '&lt; &#60; &amp;'}\n"
                 "  d: {name: 'Ünïcødé – “quotes”'}\n");
    static const char *const labels[] = {
        /* & < > " ' escaped; a backslash doubled, so that \N stays literal. */
        "a0 A &amp; B &lt;c&gt; &quot;d&quot; &#39;e&#39; \\\\N \\\\\\\\",
        /* A newline is a line break; a tab a space. */
        "a1 one<BR/>two three",
        /* Entities in the text are text, not entities. */
        "a2 &amp;lt; &amp;#60; &amp;amp;",
        /* UTF-8 passes through unchanged. */
        "a3 Ünïcødé – “quotes”",
    };
    ASSERT_HTML_LABELS(f.g, labels);
    fx_free(&f);
}

/* rg_conf.role_wrap: the search's other widths for an actor's role (and
 * its name, never wider than the role), and whether a width changes
 * anything on a file. */
static void test_role_widths(void **state)
{
    (void)state;
    const char *yaml = "actors:\n"
                       "  a: {name: Ambassador to the United Nations, "
                       "role: Permanent Representative of the Soviet Union}\n"
                       "  b: {name: Short, role: brief}\n";
    fx f = build(yaml);
    /* Without a page, 30; on one, 24 (its texts all one size); a width
     * given wins. */
    static const struct {
        double page_w;
        int role_wrap, width;
        const char *label;
    } cases[] = {
        /* "Ambassador to the United" is 24 characters: the name's width. */
        {0, 0, 30,
         "a0 Ambassador to the United<BR/>Nations<BR/><FONT POINT-SIZE=\"9\" "
         "COLOR=\"#555555\">Permanent Representative of<BR/>the Soviet Union</FONT>"},
        {500, 0, 24,
         "a0 Ambassador to the United<BR/>Nations<BR/><FONT POINT-SIZE=\"14\" "
         "COLOR=\"#555555\">Permanent Representative<BR/>of the Soviet Union</FONT>"},
        /* The name no wider than the role. */
        {500, 20, 20,
         "a0 Ambassador to the<BR/>United Nations<BR/><FONT POINT-SIZE=\"14\" "
         "COLOR=\"#555555\">Permanent<BR/>Representative of<BR/>the Soviet Union</FONT>"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        f.c.page_w = cases[i].page_w;
        f.c.role_wrap = cases[i].role_wrap;
        assert_int_equal(rg_build_role_wrap(&f.c), cases[i].width);
        agclose(f.g);
        f.g = rg_build_graph(f.m, &f.c);
        const char *const label[] = {cases[i].label};
        ASSERT_HTML_LABELS(f.g, label);
    }
    assert_true(rg_build_roles_wrap_alike(f.m, 24, 24));
    assert_false(rg_build_roles_wrap_alike(f.m, 24, 30));
    assert_false(rg_build_roles_wrap_alike(f.m, 20, 24));
    fx_free(&f);
    /* Texts that fit every width: nothing to try. */
    f = build("actors:\n  b: {name: Short, role: brief, aliases: [Other name]}\n");
    assert_true(rg_build_roles_wrap_alike(f.m, 20, 30));
    fx_free(&f);
    /* A line of aliases of 24 characters: only the narrowest width breaks it,
     * where it is drawn below the name ... */
    f = build("render: {aliases: below}\n"
              "actors:\n  b: {name: Short, aliases: [Hassan Kazemi Qomi, Qomi]}\n");
    assert_false(rg_build_roles_wrap_alike(f.m, 20, 30));
    assert_true(rg_build_roles_wrap_alike(f.m, 24, 30));
    fx_free(&f);
    /* ... and not where it is only in the tooltip (the default). */
    f = build("actors:\n  b: {name: Short, aliases: [Hassan Kazemi Qomi, Qomi]}\n");
    assert_true(rg_build_roles_wrap_alike(f.m, 20, 30));
    fx_free(&f);
}

static void test_label_wrapping(void **state)
{
    (void)state;
    fx f = build("title: A title that is long but still below the eighty "
                 "characters of a title line, and then more words\n"
                 "actors:\n"
                 "  a: {name: A very long name that surely needs wrapping "
                 "somewhere, role: a role with more than thirty characters "
                 "in it and some more}\n"
                 "  b: {name: Supercalifragilisticexpialidocious-and-longer "
                 "x}\n"
                 "  c: {name: 'ÄÄÄÄÄÄÄÄÄÄ ÖÖÖÖÖÖÖÖÖÖ ÜÜÜ'}\n"
                 "  d: {name: '  spaced   out  '}\n"
                 "ties:\n"
                 "  - {from: a, to: b, kind: talks, label: an edge label that "
                 "is long enough to wrap twice over}\n");
    static const char *const labels[] = {
        /* Names break at spaces past 24 characters, roles past 30 (the
         * role's second line is exactly 30). */
        "a0 A very long name that<BR/>surely needs wrapping<BR/>"
        "somewhere<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#555555\">"
        "a role with more than thirty<BR/>characters in it and some more</FONT>",
        /* A word longer than the width is not cut. */
        "a1 Supercalifragilisticexpialidocious-and-longer<BR/>x",
        /* Width counts characters, not bytes: 10 + 1 + 10 = 21 fit, + 4 not. */
        "a2 ÄÄÄÄÄÄÄÄÄÄ ÖÖÖÖÖÖÖÖÖÖ<BR/>ÜÜÜ",
        /* Runs of spaces collapse. */
        "a3 spaced out",
        /* Edge labels break past 22 characters, titles past 80 (the first
         * line of the title is 79). */
        "t0 an edge label that is<BR/>long enough to wrap<BR/>twice over",
    };
    ASSERT_HTML_LABELS(f.g, labels);
    assert_html_label(f.g, "<B>A title that is long but still below the eighty "
                           "characters of a title line, and<BR/>then more "
                           "words</B>");
    fx_free(&f);
}

/* ---- actor kinds ---- */

/* Each of the N ROWS is an actor's node and its attributes, as
 * gu_assert_rows reads them; every actor has the same pen width besides,
 * and the same margin but for an ellipse's, which is the curve's own. */
static void assert_actors(Agraph_t *g, const char *const *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char row[256];
        snprintf(row, sizeof row, "%s penwidth=1.4 margin=%s", rows[i],
                 strstr(rows[i], "shape=ellipse") ? "0.05,0.02" : "0.12,0.06");
        const char *one = row;
        gu_assert_rows(g, &one, 1);
    }
}

#define ASSERT_ACTORS(g, rows) assert_actors(g, rows, sizeof rows / sizeof *rows)

static void test_actor_kinds(void **state)
{
    (void)state;
    fx f = build("actors:\n"
                 "  p: {kind: person}\n"
                 "  c: {kind: country}\n"
                 "  o: {kind: organization}\n"
                 "  g: {kind: group}\n"
                 "  m: {kind: media}\n"
                 "  e: {kind: event}\n"
                 "  x: {name: plain}\n");
    /* Pen: the kind's colour; fill: that colour mixed 82% toward white;
     * dark text on it. */
    static const char *const actors[] = {
        "a0 shape=ellipse style=filled color=#0072B2 fillcolor=#D1E6F1 fontcolor=#1A1A1A",
        "a1 shape=box style=filled color=#000000 fillcolor=#D1D1D1 fontcolor=#1A1A1A",
        "a2 shape=box3d style=filled color=#009E73 fillcolor=#D1EEE6 fontcolor=#1A1A1A",
        "a3 shape=hexagon style=filled color=#D55E00 fillcolor=#F7E2D1 fontcolor=#1A1A1A",
        "a4 shape=note style=filled color=#CC79A7 fillcolor=#F6E7EF fontcolor=#1A1A1A",
        "a5 shape=octagon style=filled color=#E69F00 fillcolor=#FBEED1 fontcolor=#1A1A1A",
        "a6 shape=box style=rounded,filled color=#666666 fillcolor=#F2F2F2 "
        "fontcolor=#1A1A1A",
    };
    ASSERT_ACTORS(f.g, actors);
    fx_free(&f);
}

static void test_actor_kind_overrides(void **state)
{
    (void)state;
    fx f = build("kinds:\n"
                 "  actors:\n"
                 "    person: {color: orange}\n"
                 "    media: {shape: tab}\n"
                 "    event: {fill: '#ABC'}\n"
                 "    vessel: {label: ship, shape: cylinder, color: '#123456', "
                 "fill: '#FEDCBA'}\n"
                 "    thing: {label: thing}\n"
                 "actors:\n"
                 "  p: {kind: person}\n"
                 "  m: {kind: media}\n"
                 "  e: {kind: event}\n"
                 "  v: {kind: vessel}\n"
                 "  t: {kind: thing}\n");
    static const char *const overridden[] = {
        /* Only the given field changes: person keeps its ellipse; the tint
         * follows the new colour. */
        "a0 shape=ellipse style=filled color=#E69F00 fillcolor=#FBEED1 fontcolor=#1A1A1A",
        "a1 shape=tab style=filled color=#CC79A7 fillcolor=#F6E7EF fontcolor=#1A1A1A",
        /* A given fill is used as it is. */
        "a2 shape=octagon style=filled color=#E69F00 fillcolor=#AABBCC fontcolor=#1A1A1A",
        "a3 shape=cylinder style=filled color=#123456 fillcolor=#FEDCBA "
        "fontcolor=#1A1A1A",
        /* A new kind without shape or colour: a grey box. */
        "a4 shape=box style=filled color=#555555 fillcolor=#E0E0E0 fontcolor=#1A1A1A",
    };
    ASSERT_ACTORS(f.g, overridden);
    fx_free(&f);

    /* mono: the fill is plain white even when given; the pen the text
     * colour. */
    rg_options o = RG_OPTIONS_INIT;
    o.theme = "mono";
    f = build_opt("kinds:\n"
                  "  actors:\n"
                  "    event: {fill: '#ABC'}\n"
                  "actors:\n"
                  "  p: {kind: person}\n"
                  "  e: {kind: event}\n"
                  "  x: {}\n",
                  &o);
    static const char *const mono[] = {
        "a0 shape=ellipse style=filled color=#000000 fillcolor=#FFFFFF fontcolor=#1A1A1A",
        "a1 shape=octagon style=filled color=#000000 fillcolor=#FFFFFF fontcolor=#1A1A1A",
        "a2 shape=box style=rounded,filled color=#000000 fillcolor=#FFFFFF "
        "fontcolor=#1A1A1A",
    };
    ASSERT_ACTORS(f.g, mono);
    fx_free(&f);

    /* dark: black (country) becomes the text colour; fills mix 70% toward
     * the dark background. */
    o.theme = "dark";
    f = build_opt("actors:\n  c: {kind: country}\n  p: {kind: person}\n  x: {}\n", &o);
    static const char *const dark[] = {
        "a0 shape=box style=filled color=#EDEDED fillcolor=#151515 fontcolor=#EDEDED",
        "a1 shape=ellipse style=filled color=#0072B2 fillcolor=#15374A fontcolor=#EDEDED",
        "a2 shape=box style=rounded,filled color=#AAAAAA fillcolor=#333333 "
        "fontcolor=#EDEDED",
    };
    ASSERT_ACTORS(f.g, dark);
    fx_free(&f);

    /* Text stays legible on a user's fill: light on dark, dark on light,
     * whatever the theme. */
    static const char *const legible[] = {
        "a0 shape=box style=filled color=#555555 fillcolor=#102030 fontcolor=#EDEDED",
        "a1 shape=box style=filled color=#555555 fillcolor=#FFFFE0 fontcolor=#1A1A1A",
    };
    static const char night_and_day[] = "kinds:\n  actors:\n"
                                        "    night: {fill: '#102030'}\n"
                                        "    day: {fill: '#FFFFE0'}\n"
                                        "actors:\n  n: {kind: night}\n  d: {kind: day}\n";
    f = build(night_and_day);
    ASSERT_ACTORS(f.g, legible);
    fx_free(&f);
    f = build_opt(night_and_day, &o);
    ASSERT_ACTORS(f.g, legible);
    fx_free(&f);
}

/* ---- tie kinds ---- */

static void test_tie_kinds(void **state)
{
    (void)state;
    /* Every tie between its own pair, so that none is turned around. */
    fx f = build("actors:\n"
                 "  a0: {}\n  a1: {}\n  a2: {}\n  a3: {}\n  a4: {}\n"
                 "  a5: {}\n  a6: {}\n  a7: {}\n  a8: {}\n  a9: {}\n"
                 "  b0: {}\n"
                 "ties:\n"
                 "  - {from: a0, to: a1, kind: talks}\n"
                 "  - {from: a1, to: a2, kind: accuses}\n"
                 "  - {from: a2, to: a3, kind: custody}\n"
                 "  - {from: a3, to: a4, kind: demands}\n"
                 "  - {from: a4, to: a5, kind: proposes}\n"
                 "  - {from: a5, to: a6, kind: supports}\n"
                 "  - {from: a6, to: a7, kind: opposes}\n"
                 "  - {from: a7, to: a8, kind: allied}\n"
                 "  - {from: a8, to: a9, kind: represents}\n"
                 "  - {from: a9, to: b0, kind: hosts}\n");
    static const char *const ties[] = {
        "t0 color=#0072B2 style=solid penwidth=3.00 arrowhead=none dir=none",
        "t1 color=#D55E00 style=dashed penwidth=1.40 arrowhead=vee dir=forward",
        "t2 color=#000000 style=solid penwidth=1.40 arrowhead=diamond dir=forward",
        "t3 color=#E69F00 style=dashed penwidth=1.40 arrowhead=normal dir=forward",
        "t4 color=#009E73 style=dotted penwidth=1.80 arrowhead=normal dir=forward",
        "t5 color=#56B4E9 style=solid penwidth=1.40 arrowhead=normal dir=forward",
        "t6 color=#CC79A7 style=solid penwidth=3.00 arrowhead=tee dir=forward",
        "t7 color=#009E73:invis:#009E73 style=solid penwidth=1.20 arrowhead=none dir=none",
        "t8 color=#999999 style=dotted penwidth=1.80 arrowhead=dot dir=forward",
        "t9 color=#0072B2 style=solid penwidth=1.40 arrowhead=vee dir=forward",
    };
    GU_ROWS(f.g, ties);
    for (int i = 0; i < 10; i++) {
        char name[8];
        snprintf(name, sizeof name, "t%d", i);
        assert_attr(gu_edge(f.g, name), "arrowtail", "none");
        /* No label given, no status: no label at all. */
        assert_no_attr(gu_edge(f.g, name), "label");
    }
    fx_free(&f);
}

static void test_custom_tie_kinds(void **state)
{
    (void)state;
    fx f = build("kinds:\n"
                 "  ties:\n"
                 "    arrests: {label: arrests, directed: true, color: vermillion, "
                 "line: bold, arrow: tee}\n"
                 "    meets: {directed: false, line: dotted}\n"
                 "    plain: {}\n"
                 "    accuses: {color: '#C00', arrow: none}\n"
                 "    talks: {directed: true}\n"
                 "actors:\n  a: {}\n  b: {}\n  c: {}\n  d: {}\n  e: {}\n  f: {}\n"
                 "ties:\n"
                 "  - {from: a, to: b, kind: arrests}\n"
                 "  - {from: b, to: c, kind: meets}\n"
                 "  - {from: c, to: d, kind: plain}\n"
                 "  - {from: d, to: e, kind: accuses}\n"
                 "  - {from: e, to: f, kind: talks}\n");
    static const char *const ties[] = {
        "t0 color=#D55E00 style=solid penwidth=3.00 arrowhead=tee dir=forward",
        "t1 color=#555555 style=dotted penwidth=1.80 arrowhead=none dir=none",
        /* A new kind: directed, grey, solid, normal arrow. */
        "t2 color=#555555 style=solid penwidth=1.40 arrowhead=normal dir=forward",
        /* Overrides keep the other fields: accuses stays dashed. */
        "t3 color=#CC0000 style=dashed penwidth=1.40 arrowhead=none dir=forward",
        /* talks made directed gets an arrowhead to show it, and keeps its
         * bold line. */
        "t4 color=#0072B2 style=solid penwidth=3.00 arrowhead=normal dir=forward",
    };
    GU_ROWS(f.g, ties);
    fx_free(&f);
}

static void test_tie_overrides(void **state)
{
    (void)state;
    fx f = build("actors:\n  a: {}\n  b: {}\n  c: {}\n  d: {}\n  e: {}\n"
                 "  f: {}\n  g: {}\n  h: {}\n"
                 "ties:\n"
                 "  - {from: a, to: b, kind: opposes, directed: false}\n"
                 "  - {from: b, to: c, kind: talks, directed: true}\n"
                 "  - {from: c, to: d, kind: accuses, status: alleged, "
                 "label: arms militias}\n"
                 "  - {from: d, to: e, kind: allied, status: alleged}\n"
                 "  - {from: e, to: f, kind: supports, weight: 4, status: "
                 "denied}\n"
                 "  - {from: f, to: g, kind: custody, weight: 1, status: ended}\n"
                 "  - {from: g, to: h, kind: talks, weight: 5, status: "
                 "confirmed, label: x}\n"
                 "  - {from: h, to: a, kind: proposes, weight: 2}\n");
    static const char *const ties[] = {
        "t0 color=#CC79A7 style=solid penwidth=3.00 arrowhead=none dir=none",
        /* A directed tie of an undirected kind: the plain arrowhead. */
        "t1 color=#0072B2 style=solid penwidth=3.00 arrowhead=normal dir=forward",
        /* alleged: 60% opacity (alpha 99) and "(alleged)" on a line of its
         * own. */
        "t2 color=#D55E0099 style=dashed penwidth=1.40 arrowhead=vee dir=forward",
        "t3 color=#009E7399:invis:#009E7399 style=solid penwidth=1.20 arrowhead=none "
        "dir=none",
        /* weight w: the kind's pen width x w / 2 ... */
        "t4 color=#56B4E966 style=solid penwidth=2.80 arrowhead=normal dir=forward",
        /* ... but never thinner than 0.7. */
        "t5 color=#00000066 style=solid penwidth=0.70 arrowhead=diamond dir=forward",
        /* confirmed is drawn as if no status were given. */
        "t6 color=#0072B2 style=solid penwidth=7.50 arrowhead=none dir=none",
        "t7 color=#009E73 style=dotted penwidth=1.80 arrowhead=normal dir=forward",
    };
    GU_ROWS(f.g, ties);
    static const char *const labels[] = {
        "t2 arms militias<BR/>(alleged)",
        "t3 (alleged)",
        "t4 (denied)",
        "t5 (ended)",
        "t6 x",
    };
    ASSERT_HTML_LABELS(f.g, labels);
    fx_free(&f);
}

static void test_no_edge_labels(void **state)
{
    (void)state;
    const char *yaml = "actors:\n  a: {}\n  b: {}\n  c: {}\n"
                       "ties:\n"
                       "  - {from: a, to: b, kind: accuses, label: L1, status: alleged}\n"
                       "  - between: [a, b, c]\n"
                       "    kind: talks\n"
                       "    label: L2\n";
    rg_options o = RG_OPTIONS_INIT;
    o.labels = RG_LABELS_NONE;
    fx f = build_opt(yaml, &o);
    assert_int_equal(f.c.labels, RG_LABELS_NONE);
    assert_no_attr(gu_edge(f.g, "t0"), "label");
    /* The colour still shows the status. */
    assert_attr(gu_edge(f.g, "t0"), "color", "#D55E0099");
    /* The junction is a small dot without text. */
    gu_assert_attrs(gu_node(f.g, "j1"), "shape=point width=0.14 style=filled label=");
    fx_free(&f);

    /* The same from the file's render section, and overridden back on. */
    const char *yaml2 = "actors:\n  a: {}\n  b: {}\n"
                        "ties:\n  - {from: a, to: b, kind: accuses, label: L1}\n"
                        "render: {edge_labels: false}\n";
    f = build(yaml2);
    assert_no_attr(gu_edge(f.g, "t0"), "label");
    fx_free(&f);
    o.labels = RG_LABELS_INLINE;
    f = build_opt(yaml2, &o);
    assert_html_label(gu_edge(f.g, "t0"), "L1");
    fx_free(&f);
}

static void test_opposite_ties_share_orientation(void **state)
{
    (void)state;
    fx f = build("actors:\n  us: {}\n  iran: {}\n  iraq: {}\n"
                 "ties:\n"
                 "  - {from: us, to: iran, kind: accuses, label: first}\n"
                 "  - {from: iran, to: us, kind: demands, label: second}\n"
                 "  - {from: us, to: iran, kind: supports}\n"
                 "  - {from: iran, to: us, kind: talks}\n"
                 "  - {from: iraq, to: us, kind: hosts}\n");
    static const char *const ties[] = {
        "t0 tail=a0 head=a1 dir=forward arrowhead=vee arrowtail=none",
        /* iran -> us is drawn us -> iran with the arrow at the tail. */
        "t1 tail=a0 head=a1 dir=back arrowhead=none arrowtail=normal",
        "t2 tail=a0 dir=forward arrowhead=normal",
        /* Undirected, turned around: no arrow at either end. */
        "t3 tail=a0 head=a1 dir=none arrowhead=none arrowtail=none",
        /* Another pair is on its own. */
        "t4 tail=a2 head=a0 dir=forward",
    };
    GU_ROWS(f.g, ties);
    assert_html_label(gu_edge(f.g, "t1"), "second");
    fx_free(&f);

    /* The first tie of the pair decides, even if it is undirected. */
    f = build("actors:\n  a: {}\n  b: {}\n"
              "ties:\n"
              "  - {from: b, to: a, kind: talks}\n"
              "  - {from: a, to: b, kind: accuses}\n");
    gu_assert_attrs(gu_edge(f.g, "t1"),
                    "tail=a1 head=a0 dir=back arrowtail=vee arrowhead=none");
    fx_free(&f);
}

static void test_many_pairs(void **state)
{
    (void)state;
    /* More ties than the pair table's first size: every reversed tie is
     * still recognised. */
    rg_buf y = {0};
    rg_buf_puts(&y, "actors:\n");
    for (int i = 0; i < 40; i++)
        rg_buf_printf(&y, "  n%d: {}\n", i);
    rg_buf_puts(&y, "ties:\n");
    for (int i = 0; i < 39; i++)
        rg_buf_printf(&y, "  - {from: n%d, to: n%d, kind: supports}\n", i, i + 1);
    for (int i = 0; i < 39; i++)
        rg_buf_printf(&y, "  - {from: n%d, to: n%d, kind: opposes}\n", i + 1, i);
    fx f = build(y.buf);
    free(y.buf);
    for (int i = 0; i < 39; i++) {
        char row[80];
        snprintf(row, sizeof row,
                 "t%d tail=a%d head=a%d dir=back arrowtail=tee arrowhead=none",
                 39 + i, i, i + 1);
        const char *one = row;
        gu_assert_rows(f.g, &one, 1);
    }
    fx_free(&f);
}

/* ---- multi-party ties ---- */

static void test_multi_party(void **state)
{
    (void)state;
    fx f = build("actors:\n  crocker: {}\n  kazemi: {}\n  rubaie: {}\n"
                 "ties:\n"
                 "  - {from: crocker, to: kazemi, kind: talks}\n"
                 "  - between: [crocker, kazemi, rubaie]\n"
                 "    kind: talks\n"
                 "    label: four-hour talks\n"
                 "    weight: 4\n"
                 "  - between: [rubaie, crocker, kazemi]\n"
                 "    kind: demands\n"
                 "    status: alleged\n");
    static const char *const labels[] = {
        /* The junction carries the label, in the kind's colours. */
        "j1 four-hour talks",
        "j2 demands of<BR/>(alleged)",
    };
    ASSERT_HTML_LABELS(f.g, labels);
    static const char *const parts[] = {
        "j1 shape=box style=rounded,filled color=#0072B2 fillcolor=#D1E6F1 "
        "fontsize=10 height=0.3 margin=0.08,0.03",
        /* Undirected: every edge leaves the junction, no arrows. */
        "t1.0 tail=j1 head=a0 color=#0072B2 style=solid penwidth=6.00 "
        "arrowhead=none dir=none",
        "t1.1 tail=j1 head=a1 color=#0072B2 style=solid penwidth=6.00 "
        "arrowhead=none dir=none",
        "t1.2 tail=j1 head=a2 color=#0072B2 style=solid penwidth=6.00 "
        "arrowhead=none dir=none",
        /* Directed: the first party -> junction without arrow, junction ->
         * each other party with the kind's arrow. Without a label the
         * kind's label is shown (above); a status adds its line. */
        "j2 color=#E69F00",
        "t2.0 tail=a2 head=j2 color=#E69F0099 style=dashed penwidth=1.40 "
        "arrowhead=none dir=none",
        "t2.1 tail=j2 head=a0 color=#E69F0099 style=dashed penwidth=1.40 "
        "arrowhead=normal dir=forward",
        "t2.2 tail=j2 head=a1 color=#E69F0099 style=dashed penwidth=1.40 "
        "arrowhead=normal dir=forward",
    };
    GU_ROWS(f.g, parts);
    assert_int_equal(agnnodes(f.g), 5);
    assert_int_equal(count_edges(f.g), 7);
    fx_free(&f);
}

/* ---- groups ---- */

static Agraph_t *only_subgraph(Agraph_t *g, const char *name)
{
    Agraph_t *sg = agfstsubg(g);
    assert_non_null(sg);
    assert_string_equal(agnameof(sg), name);
    assert_null(agnxtsubg(sg));
    return sg;
}

/* The nodes of cluster SG are exactly NAMES, "a0 a1 ...", in order. */
static void assert_members(Agraph_t *sg, const char *names)
{
    rg_buf got = RG_BUF_INIT;
    for (Agnode_t *n = agfstnode(sg); n; n = agnxtnode(sg, n))
        rg_buf_printf(&got, "%s%s", got.len ? " " : "", agnameof(n));
    assert_string_equal(got.buf, names);
    rg_buf_free(&got);
}

static void test_groups(void **state)
{
    (void)state;
    fx f = build("groups:\n"
                 "  unused: {name: Nobody}\n"
                 "  iraq: {name: Iraqi government}\n"
                 "  gz: {name: Green Zone & <more>, parent: iraq}\n"
                 "  office: {parent: gz}\n"
                 "  usa: {name: United States side}\n"
                 "actors:\n"
                 "  us: {group: usa}\n"
                 "  maliki: {group: office}\n"
                 "  rubaie: {group: gz}\n"
                 "  free: {}\n");
    /* One cluster per used group, named by the group's index; the unused
     * group has none. */
    Agraph_t *usa = agsubg(f.g, RG_S("cluster_g4"), 0);
    Agraph_t *iraq = agsubg(f.g, RG_S("cluster_g1"), 0);
    assert_non_null(usa);
    assert_non_null(iraq);
    assert_null(agsubg(f.g, RG_S("cluster_g0"), 0));
    size_t top = 0;
    for (Agraph_t *sg = agfstsubg(f.g); sg; sg = agnxtsubg(sg))
        top++;
    assert_int_equal(top, 2);
    /* Nested: the child cluster is a subgraph of its parent's. */
    assert_null(agsubg(f.g, RG_S("cluster_g2"), 0));
    assert_null(agsubg(f.g, RG_S("cluster_g3"), 0));
    Agraph_t *gz = only_subgraph(iraq, "cluster_g2");
    Agraph_t *office = only_subgraph(gz, "cluster_g3");
    assert_null(agfstsubg(office));
    assert_null(agfstsubg(usa));

    /* Labels: the group's name in bold, escaped; the id without one. */
    assert_html_label(usa, "<B>United States side</B>");
    assert_html_label(iraq, "<B>Iraqi government</B>");
    assert_html_label(gz, "<B>Green Zone &amp; &lt;more&gt;</B>");
    assert_html_label(office, "<B>office</B>");
    /* Styles: nested clusters alternate their fill. */
    gu_assert_attrs(iraq, "style=rounded,filled color=#B0B0B0 fillcolor=#F6F6F6 "
                          "labeljust=l fontsize=13 penwidth=1");
    assert_attr(gz, "fillcolor", "#ECECEC");
    assert_attr(office, "fillcolor", "#F6F6F6");
    assert_attr(usa, "fillcolor", "#F6F6F6");

    /* Membership: in the innermost cluster, and so in its ancestors: us
     * (a0) in usa, maliki (a1) in office, rubaie (a2) in gz, free (a3)
     * in none. */
    assert_members(usa, "a0");
    assert_members(iraq, "a1 a2");
    assert_members(gz, "a1 a2");
    assert_members(office, "a1");
    fx_free(&f);
}

static void test_same_graph_every_build(void **state)
{
    (void)state;
    const char *yaml = "groups:\n"
                       "  g0: {}\n  g1: {}\n  g2: {parent: g1}\n  g3: {}\n"
                       "  g4: {parent: g3}\n  g5: {}\n"
                       "actors:\n"
                       "  e: {group: g5, kind: person}\n"
                       "  d: {group: g4}\n"
                       "  c: {group: g0}\n"
                       "  b: {group: g2}\n"
                       "  a: {group: g1, kind: country}\n"
                       "ties:\n"
                       "  - {from: a, to: b, kind: talks}\n"
                       "  - {between: [c, d, e], kind: hosts}\n";
    /* Clusters come in the order they were made (the first actor's group
     * first), not in the order of their names' addresses: the same graph,
     * byte for byte, however the heap looks. */
    char *first = NULL, *first_legend = NULL;
    void *junk[256];
    size_t n_junk = 0;
    for (int round = 0; round < 4; round++) {
        fx f = build(yaml);
        static const char *const order[] = {"cluster_g5", "cluster_g3",
                                            "cluster_g0", "cluster_g1"};
        size_t i = 0;
        for (Agraph_t *sg = agfstsubg(f.g); sg; sg = agnxtsubg(sg), i++) {
            assert_true(i < 4);
            assert_string_equal(agnameof(sg), order[i]);
        }
        assert_int_equal(i, 4);
        /* Names are plain strings, never taken for HTML. */
        for (Agnode_t *n = agfstnode(f.g); n; n = agnxtnode(f.g, n))
            assert_false(aghtmlstr(agnameof(n)));
        assert_false(aghtmlstr(agnameof(f.g)));
        char *text = gu_dot_text(f.g), *legend = gu_dot_text(f.lg);
        assert_true(strncmp(text, "digraph relgraph {", 18) == 0);
        assert_true(strncmp(legend, "digraph legend {", 16) == 0);
        if (!first) {
            first = text;
            first_legend = legend;
        } else {
            assert_string_equal(text, first);
            assert_string_equal(legend, first_legend);
            free(text);
            free(legend);
        }
        fx_free(&f);
        /* Disturb the heap between rounds: holes of many sizes. */
        for (int k = 0; k < 64; k++) {
            void *p = rg_xmalloc((size_t)(16 + (k * 37 + round * 11) % 200));
            if (k % (2 + round) == 0)
                free(p);
            else
                junk[n_junk++] = p;
        }
    }
    free(first);
    free(first_legend);
    for (size_t k = 0; k < n_junk; k++)
        free(junk[k]);
}

/* ---- graph attributes ---- */

/* G declares attribute NAME for its nodes or edges (KIND), with the
 * default value VALUE. */
static void assert_default(Agraph_t *g, int kind, const char *name,
                           const char *value)
{
    Agsym_t *s = agattr(g, kind, RG_S(name), NULL);
    if (!s)
        print_error("no default for '%s'\n", name);
    assert_non_null(s);
    assert_string_equal(s->defval, value);
}

static void test_graph_attributes(void **state)
{
    (void)state;
    const char *yaml = "title: Talks & more\n"
                       "actors:\n  a: {}\n  b: {}\n"
                       "ties:\n  - {from: a, to: b, kind: talks}\n"
                       "render: {direction: BT, seed: 42}\n";
    fx f = build(yaml);
    assert_string_equal(f.c.engine, "dot");
    gu_assert_attrs(f.g, "rankdir=BT nodesep=0.35 ranksep=0.55 mclimit=(undeclared) "
                         "overlap=(undeclared) start=(undeclared) labelloc=t "
                         "fontsize=18 pad=0.3 outputorder=edgesfirst "
                         "bgcolor=#FFFFFF fontcolor=#1A1A1A "
                         "fontname=DejaVu Sans,Noto Sans CJK SC");
    assert_html_label(f.g, "<B>Talks &amp; more</B>");
    /* The search's longer crossing reduction (search.c). */
    agclose(f.g);
    f.c.mclimit = 4;
    f.g = rg_build_graph(f.m, &f.c);
    gu_assert_attrs(f.g, "rankdir=BT mclimit=4");
    /* Node and edge defaults. */
    assert_default(f.g, AGNODE, "fontname", "DejaVu Sans,Noto Sans CJK SC");
    assert_default(f.g, AGNODE, "fontsize", "12");
    assert_default(f.g, AGEDGE, "fontname", "DejaVu Sans,Noto Sans CJK SC");
    assert_default(f.g, AGEDGE, "fontsize", "10");
    assert_default(f.g, AGEDGE, "arrowsize", "0.8");
    assert_attr(gu_node(f.g, "a0"), "fontname", "DejaVu Sans,Noto Sans CJK SC");
    assert_attr(gu_edge(f.g, "t0"), "fontname", "DejaVu Sans,Noto Sans CJK SC");
    fx_free(&f);

    /* render: font: the families of each, in the graph and the legend. */
    static const struct {
        const char *font, *face;
    } fonts[] = {
        {"sans", "DejaVu Sans,Noto Sans CJK SC"},
        {"serif", "DejaVu Serif,Noto Serif CJK SC,DejaVu Sans"},
        {"mono", "DejaVu Sans Mono,Noto Sans Mono CJK SC,DejaVu Sans"},
    };
    for (size_t i = 0; i < sizeof fonts / sizeof fonts[0]; i++) {
        char y[160];
        snprintf(y, sizeof y, "actors: {a: {}, b: {}}\n"
                 "ties: [{from: a, to: b, kind: talks}]\nrender: {font: %s}\n",
                 fonts[i].font);
        f = build(y);
        assert_attr(f.g, "fontname", fonts[i].face);
        assert_attr(gu_node(f.g, "a0"), "fontname", fonts[i].face);
        assert_attr(gu_edge(f.g, "t0"), "fontname", fonts[i].face);
        assert_attr(f.lg, "fontname", fonts[i].face);
        fx_free(&f);
    }

    /* The command line overrides the file. */
    rg_options o = RG_OPTIONS_INIT;
    o.direction = "RL";
    f = build_opt(yaml, &o);
    assert_attr(f.g, "rankdir", "RL");
    fx_free(&f);

    /* Without a title there is no graph label; the default direction is
     * LR. */
    f = build("actors:\n  a: {}\n");
    assert_attr(f.g, "rankdir", "LR");
    assert_no_attr(f.g, "label");
    fx_free(&f);

    static const char *const force[] = {"neato", "fdp", "sfdp", "circo", "twopi"};
    for (size_t i = 0; i < sizeof force / sizeof force[0]; i++) {
        o = (rg_options)RG_OPTIONS_INIT;
        o.layout = force[i];
        f = build_opt(yaml, &o);
        assert_string_equal(f.c.engine, force[i]);
        gu_assert_attrs(f.g, strcmp(force[i], "circo") == 0
                                 ? "overlap=false sep=+12 splines=false start=42 "
                                   "rankdir=(undeclared) nodesep=(undeclared) "
                                   "fontname=DejaVu Sans,Noto Sans CJK SC"
                                 : "overlap=false sep=+12 splines=true start=42 "
                                   "rankdir=(undeclared) nodesep=(undeclared) "
                                   "fontname=DejaVu Sans,Noto Sans CJK SC");
        assert_html_label(f.g, "<B>Talks &amp; more</B>");
        fx_free(&f);
    }

    /* The default seed is 1; the dark theme changes the defaults. */
    o = (rg_options)RG_OPTIONS_INIT;
    o.layout = "neato";
    o.theme = "dark";
    f = build_opt("actors:\n  a: {}\n", &o);
    gu_assert_attrs(f.g, "start=1 bgcolor=#1E1E1E fontcolor=#EDEDED");
    assert_default(f.g, AGNODE, "fontcolor", "#EDEDED");
    fx_free(&f);
}

/* C is resolved to these settings. */
static void assert_conf(const rg_conf *c, const char *engine,
                        const char *direction, const char *theme, bool legend,
                        int labels, bool bundle, int seed)
{
    assert_string_equal(c->engine, engine);
    assert_string_equal(c->direction, direction);
    assert_string_equal(c->theme, theme);
    assert_int_equal(c->legend, legend);
    assert_int_equal(c->labels, labels);
    assert_int_equal(c->bundle, bundle);
    assert_int_equal(c->seed, seed);
}

static void test_conf_resolve(void **state)
{
    (void)state;
    rg_model *m = model_of("actors:\n  a: {}\n"
                           "render: {layout: neato, direction: TB, theme: mono, "
                           "legend: false, edge_labels: false, seed: 7}\n");
    rg_conf c;
    rg_conf_resolve(&c, m, NULL);
    assert_conf(&c, "neato", "TB", "mono", false, RG_LABELS_NONE, true, 7);
    rg_options o = {.layout = "auto", .direction = "BT", .theme = "dark",
                    .legend = 1, .labels = RG_LABELS_NOTES, .bundle = 0};
    rg_conf_resolve(&c, m, &o);
    assert_conf(&c, "dot", "BT", "dark", true, RG_LABELS_NOTES, false, 7);
    o = (rg_options)RG_OPTIONS_INIT;
    rg_conf_resolve(&c, m, &o);
    assert_string_equal(c.engine, "neato");
    assert_false(c.legend);
    rg_model_free(m);
}

/* ---- rg_auto_engine ---- */

/* A model with N actors, NT two-party ties and NM three-party ties;
 * the ties apart (bundle: false) unless BUNDLE. */
static rg_model *sized_model_b(int n, int nt, int nm, bool bundle)
{
    rg_buf y = {0};
    rg_buf_printf(&y, "render: {layout: auto, bundle: %s}\nactors:\n",
                  bundle ? "true" : "false");
    for (int i = 0; i < n; i++)
        rg_buf_printf(&y, "  - {id: n%d}\n", i);
    if (nt + nm > 0)
        rg_buf_puts(&y, "ties:\n");
    for (int i = 0; i < nt; i++)
        rg_buf_printf(&y, "  - {from: n%d, to: n%d, kind: talks}\n", i % n,
                      (i + 1) % n);
    for (int i = 0; i < nm; i++)
        rg_buf_printf(&y, "  - {between: [n%d, n%d, n%d], kind: talks}\n",
                      i % n, (i + 1) % n, (i + 2) % n);
    rg_model *m = model_of(y.buf);
    free(y.buf);
    return m;
}

static rg_model *sized_model(int n, int nt, int nm)
{
    return sized_model_b(n, nt, nm, false);
}

static void test_auto_engine(void **state)
{
    (void)state;
    rg_model *m = sized_model(3, 2, 0);
    assert_string_equal(rg_auto_engine(m), "dot");
    rg_conf c;
    rg_conf_resolve(&c, m, NULL);
    assert_string_equal(c.engine, "dot");
    rg_model_free(m);

    /* Up to 120 nodes and 240 edges: dot. Edges count too; a junction
     * is a node, with an edge per party: 110 actors and 10 three-party
     * ties are 120 nodes, 11 are 121; 80 three-party ties are 240 edges,
     * 81 are 243. */
    static const struct {
        int actors, ties, three_party;
        const char *engine;
    } sizes[] = {
        {120, 0, 0, "dot"}, {121, 0, 0, "sfdp"},
        {10, 240, 0, "dot"}, {10, 241, 0, "sfdp"},
        {110, 0, 10, "dot"}, {110, 0, 11, "sfdp"},
        {10, 0, 80, "dot"}, {10, 0, 81, "sfdp"},
    };
    for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
        m = sized_model(sizes[i].actors, sizes[i].ties, sizes[i].three_party);
        if (strcmp(rg_auto_engine(m), sizes[i].engine) != 0)
            print_error("%d actors, %d ties, %d of three parties\n",
                        sizes[i].actors, sizes[i].ties, sizes[i].three_party);
        assert_string_equal(rg_auto_engine(m), sizes[i].engine);
        rg_model_free(m);
    }

    m = sized_model(121, 0, 0);
    assert_int_equal(m->n_actors, 121);
    rg_conf_resolve(&c, m, NULL);
    assert_string_equal(c.engine, "sfdp");
    /* -K overrides auto. */
    rg_options o = RG_OPTIONS_INIT;
    o.layout = "dot";
    rg_conf_resolve(&c, m, &o);
    assert_string_equal(c.engine, "dot");
    rg_model_free(m);

    /* Bundled, those 241 ties are 10 lines (one a pair): dot, and the
     * command line's --no-bundle counts them all again. */
    m = sized_model_b(10, 241, 0, true);
    assert_string_equal(rg_auto_engine(m), "dot");
    rg_conf_resolve(&c, m, NULL);
    assert_string_equal(c.engine, "dot");
    assert_int_equal(c.edges, 10);
    o = (rg_options)RG_OPTIONS_INIT;
    o.bundle = 0;
    rg_conf_resolve(&c, m, &o);
    assert_string_equal(c.engine, "sfdp");
    assert_int_equal(c.edges, 241);
    rg_model_free(m);
}

/* The warning when dot is asked for on a graph auto would not give it. */
static char *dot_warning(int actors, const char *layout, double timeout)
{
    rg_model *m = sized_model(actors, 0, 0);
    rg_options o = RG_OPTIONS_INIT;
    o.layout = layout;
    o.timeout = timeout;
    rg_conf c;
    rg_conf_resolve(&c, m, &o);
    tu_run r;
    tu_begin(&r);
    rg_conf_warn(&c, m, r.diags);
    char *out = rg_xstrdup(tu_text(&r));
    tu_done(&r);
    rg_model_free(m);
    return out;
}

static void test_dot_warning(void **state)
{
    (void)state;
#define TAIL ", and draws it very large; layout 'auto' (or -K sfdp) lays it " \
             "out in seconds\n"
    static const struct {
        int actors;
        const char *layout;
        double timeout; /* 0: the default */
        const char *expect;
    } cases[] = {
        {120, "dot", 0, ""},
        {121, "auto", 0, ""},
        {121, "sfdp", 0, ""},
        {121, "dot", 0, "warning: layout 'dot' on a graph of 121 nodes and 0 edges "
                        "may take a few seconds" TAIL},
        {400, "dot", 0, "warning: layout 'dot' on a graph of 400 nodes and 0 edges "
                        "may take up to a minute" TAIL},
        {801, "dot", 0, "warning: layout 'dot' on a graph of 801 nodes and 0 edges "
                        "may take longer than the default timeout of 120 s" TAIL},
        /* The timeout in use, not the default. */
        {801, "dot", 5, "warning: layout 'dot' on a graph of 801 nodes and 0 edges "
                        "may take longer than the timeout of 5 s" TAIL},
        {801, "dot", 3600, "warning: layout 'dot' on a graph of 801 nodes and 0 "
                           "edges may take longer than the timeout of 3600 s" TAIL},
        {400, "dot", 5, "warning: layout 'dot' on a graph of 400 nodes and 0 edges "
                        "may take up to a minute, longer than the timeout of 5 s" TAIL},
        {121, "dot", 2.5, "warning: layout 'dot' on a graph of 121 nodes and 0 "
                          "edges may take a few seconds, longer than the timeout "
                          "of 2.5 s" TAIL},
        {700, "dot", 900, "warning: layout 'dot' on a graph of 700 nodes and 0 "
                          "edges may take several minutes" TAIL},
    };
#undef TAIL
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *w = dot_warning(cases[i].actors, cases[i].layout, cases[i].timeout);
        assert_string_equal(w, cases[i].expect);
        free(w);
    }
}

/* ---- the legend ---- */

/* The names of the nodes of the legend's label column, in order. */
static void assert_column(Agraph_t *lg, const char *const *names, size_t n)
{
    Agraph_t *box = agsubg(lg, RG_S("cluster_legend"), 0);
    assert_non_null(box);
    Agraph_t *col = agsubg(box, RG_S("legend_column"), 0);
    assert_non_null(col);
    assert_attr(col, "rank", "same");
    assert_int_equal(agnnodes(col), n);
    size_t i = 0;
    for (Agnode_t *v = agfstnode(col); v; v = agnxtnode(col, v), i++)
        assert_string_equal(agnameof(v), names[i]);
    /* Each row hangs below the one before through an invisible edge. */
    for (i = 1; i < n; i++) {
        char name[16];
        snprintf(name, sizeof name, "lc%zu", i);
        Agedge_t *e = gu_edge(lg, name);
        assert_string_equal(agnameof(agtail(e)), names[i]);
        assert_string_equal(agnameof(aghead(e)), names[i - 1]);
        assert_attr(e, "style", "invis");
    }
    char name[16];
    snprintf(name, sizeof name, "lc%zu", n);
    assert_null(gu_find_edge(lg, name));
    assert_null(gu_find_edge(lg, "lc0"));
}

static void assert_legend_text(Agraph_t *lg, const char *name, const char *label)
{
    Agnode_t *n = gu_node(lg, name);
    char want[160];
    snprintf(want, sizeof want, "shape=plaintext label=%s height=0.22", label);
    gu_assert_attrs(n, want);
    assert_false(aghtmlstr(agget(n, RG_S("label"))));
}

static void test_legend_none(void **state)
{
    (void)state;
    /* Only actors without a kind and no tie: nothing to explain. */
    fx f = build("actors:\n  a: {name: A}\n  b: {name: B}\n");
    assert_null(f.lg);
    fx_free(&f);
    /* Kinds defined but not used do not count either. */
    f = build("kinds:\n"
              "  ties: {arrests: {label: arrests}}\n"
              "  actors: {militia: {label: armed group}}\n"
              "actors:\n  a: {}\n");
    assert_null(f.lg);
    fx_free(&f);
}

static void test_legend_rows(void **state)
{
    (void)state;
    fx f = build("kinds:\n"
                 "  ties:\n"
                 "    arrests: {label: 'arrests & \\N', color: vermillion, "
                 "line: bold, arrow: tee}\n"
                 "    unused: {label: never}\n"
                 "  actors:\n"
                 "    militia: {label: armed <group>, shape: hexagon, color: orange}\n"
                 "actors:\n"
                 "  a: {kind: country}\n"
                 "  b: {kind: person}\n"
                 "  c: {kind: militia}\n"
                 "  d: {}\n"
                 "ties:\n"
                 "  - {from: a, to: b, kind: accuses, status: confirmed}\n"
                 "  - {from: b, to: a, kind: talks}\n"
                 "  - {from: c, to: a, kind: arrests}\n"
                 "  - {from: c, to: d, kind: allied}\n");
    assert_non_null(f.lg);
    assert_string_equal(agnameof(f.lg), "legend");
    gu_assert_attrs(f.lg, "rankdir=LR fontname=DejaVu Sans,Noto Sans CJK SC");
    Agraph_t *box = agsubg(f.lg, RG_S("cluster_legend"), 0);
    assert_non_null(box);
    assert_html_label(box, "<B>Legend</B>");
    gu_assert_attrs(box, "style=rounded,filled color=#B0B0B0 fillcolor=#FFFFFF");

    /* Used tie kinds in table order, then used actor kinds; confirmed is
     * not a status worth a row, and there is no multi-party tie. */
    const char *const rows[] = {"lt0", "lt1", "lt7", "lt11", "la0", "la1", "la6"};
    assert_column(f.lg, rows, 7);
    assert_legend_text(f.lg, "lt0", "holds talks with\\l");
    assert_legend_text(f.lg, "lt1", "accuses\\l");
    assert_legend_text(f.lg, "lt7", "allied with\\l");
    /* A plain label: & is an entity, a backslash is doubled. */
    assert_legend_text(f.lg, "lt11", "arrests &amp; \\\\N\\l");
    static const char *const absent[] = {"lt2", "lt12", "ls", "lm", "la2", "la5"};
    for (size_t i = 0; i < sizeof absent / sizeof *absent; i++)
        assert_null(agnode(f.lg, RG_S(absent[i]), 0));

    /* One row per used actor kind: its name, and a small shape drawn
     * like the actors before it, without text. */
    assert_legend_text(f.lg, "la0", "person\\l");
    assert_legend_text(f.lg, "la1", "country\\l");
    assert_legend_text(f.lg, "la6", "armed <group>\\l");
    static const char *const parts[] = {
        /* Sample edges styled as the kind, from an invisible point left of
         * the text to the text. */
        "lt0.edge tail=lt0.start head=lt0 color=#0072B2 style=solid penwidth=3.00 "
        "arrowhead=none dir=none minlen=2",
        "lt1.edge color=#D55E00 style=dashed penwidth=1.40 arrowhead=vee dir=forward",
        "lt7.edge color=#009E73:invis:#009E73 style=solid penwidth=1.20 "
        "arrowhead=none dir=none",
        "lt11.edge color=#D55E00 style=solid penwidth=3.00 arrowhead=tee dir=forward",
        "lt11.start shape=point style=invis width=0.01",
        /* The actor kinds' rows. */
        "la0 fontsize=10",
        "la0.shape label= shape=ellipse color=#0072B2 fillcolor=#D1E6F1 width=0.34 "
        "height=0.2 fixedsize=true",
        "la0.edge tail=la0.shape head=la0 style=invis",
        "la1.shape shape=box style=filled",
        "la6.shape shape=hexagon color=#E69F00 fillcolor=#FBEED1",
        /* One column, as wide as its longest text ("holds talks with"). */
        "lt0 width=1.36",
        "la6 width=1.36",
    };
    GU_ROWS(f.lg, parts);

    /* 7 rows, 4 end points, 3 shapes; 6 chain edges, 4 samples and 3
     * links to the shapes. */
    assert_int_equal(agnnodes(f.lg), 14);
    assert_int_equal(agnedges(f.lg), 13);
    fx_free(&f);
}

static void test_legend_status_and_multi(void **state)
{
    (void)state;
    fx f = build("actors:\n  a: {}\n  b: {}\n  c: {}\n"
                 "ties:\n"
                 "  - {from: a, to: b, kind: supports, status: denied}\n"
                 "  - between: [a, b, c]\n"
                 "    kind: hosts\n");
    const char *const rows[] = {"lt5", "lt9", "ls", "lm"};
    assert_column(f.lg, rows, 4);
    assert_legend_text(f.lg, "ls", "alleged, denied or ended: paler\\l");
    assert_legend_text(f.lg, "lm", "box on a line: a tie of 3 or more\\l");
    /* The sample shows the kind without the tie's status. */
    gu_assert_attrs(gu_edge(f.lg, "lt5.edge"),
                    "color=#56B4E9 style=solid penwidth=1.40 arrowhead=normal dir=forward");
    fx_free(&f);

    /* A status alone adds its row; a multi-party tie alone adds its own. */
    f = build("actors:\n  a: {}\n  b: {}\n"
              "ties:\n  - {from: a, to: b, kind: custody, status: ended}\n");
    const char *const rows2[] = {"lt2", "ls"};
    assert_column(f.lg, rows2, 2);
    fx_free(&f);
    f = build("actors:\n  a: {}\n  b: {}\n"
              "ties:\n  - {between: [a, b], kind: talks, status: confirmed}\n");
    const char *const rows3[] = {"lt0", "lm"};
    assert_column(f.lg, rows3, 2);
    fx_free(&f);
    /* Actor kinds alone make a legend. */
    f = build("actors:\n  a: {kind: event}\n");
    const char *const rows4[] = {"la5"};
    assert_column(f.lg, rows4, 1);
    assert_attr(gu_node(f.lg, "la5.shape"), "shape", "octagon");
    fx_free(&f);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_node_names_in_file_order),
        cmocka_unit_test(test_no_user_text_in_names),
        cmocka_unit_test(test_label_name_and_role),
        cmocka_unit_test(test_label_aliases),
        cmocka_unit_test(test_label_escaping),
        cmocka_unit_test(test_label_wrapping),
        cmocka_unit_test(test_role_widths),
        cmocka_unit_test(test_actor_kinds),
        cmocka_unit_test(test_actor_kind_overrides),
        cmocka_unit_test(test_tie_kinds),
        cmocka_unit_test(test_custom_tie_kinds),
        cmocka_unit_test(test_tie_overrides),
        cmocka_unit_test(test_no_edge_labels),
        cmocka_unit_test(test_opposite_ties_share_orientation),
        cmocka_unit_test(test_many_pairs),
        cmocka_unit_test(test_multi_party),
        cmocka_unit_test(test_groups),
        cmocka_unit_test(test_same_graph_every_build),
        cmocka_unit_test(test_graph_attributes),
        cmocka_unit_test(test_conf_resolve),
        cmocka_unit_test(test_auto_engine),
        cmocka_unit_test(test_dot_warning),
        cmocka_unit_test(test_legend_none),
        cmocka_unit_test(test_legend_rows),
        cmocka_unit_test(test_legend_status_and_multi),
    };
    return cmocka_run_group_tests_name("build", tests, NULL, NULL);
}
