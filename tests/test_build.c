/*
 * test_build.c - the graph builder (build.c) on its own: small models from
 * inline YAML are turned into cgraph graphs with rg_build_graph and
 * rg_build_legend, and the graphs themselves are inspected (node, edge and
 * cluster names, every style attribute, HTML-like labels). No layout is
 * run here; test_render.c covers that.
 */
#include "testutil.h"

#include <ctype.h>

#include "gv.h"

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

/* The node called NAME, which must exist. */
static Agnode_t *node(Agraph_t *g, const char *name)
{
    Agnode_t *n = agnode(g, RG_S(name), 0);
    if (!n)
        print_error("no node '%s'\n", name);
    assert_non_null(n);
    return n;
}

/* The edge called NAME, or NULL. */
static Agedge_t *find_edge(Agraph_t *g, const char *name)
{
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e))
            if (strcmp(agnameof(e), name) == 0)
                return e;
    return NULL;
}

static Agedge_t *edge(Agraph_t *g, const char *name)
{
    Agedge_t *e = find_edge(g, name);
    if (!e)
        print_error("no edge '%s'\n", name);
    assert_non_null(e);
    return e;
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
    assert_html_label(node(f.g, "a0"), "Zulu");
    assert_html_label(node(f.g, "a1"), "Alpha");
    assert_html_label(node(f.g, "a2"), "Mike");
    /* Edges t<i> and t<i>.<party>. */
    assert_int_equal(count_edges(f.g), 5);
    Agedge_t *e = edge(f.g, "t0");
    assert_string_equal(agnameof(agtail(e)), "a0");
    assert_string_equal(agnameof(aghead(e)), "a1");
    const char *const parties[] = {"a1", "a2", "a0"};
    for (size_t p = 0; p < 3; p++) {
        char name[16];
        snprintf(name, sizeof name, "t1.%zu", p);
        e = edge(f.g, name);
        assert_string_equal(agnameof(agtail(e)), "j1");
        assert_string_equal(agnameof(aghead(e)), parties[p]);
    }
    e = edge(f.g, "t2");
    assert_string_equal(agnameof(agtail(e)), "a2");
    assert_string_equal(agnameof(aghead(e)), "a0");
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
    /* The actor with id "a1" is the third actor, a2; no node is named
     * after an id or a name. */
    assert_html_label(node(f.g, "a2"), "-&gt; &quot;t0&quot; ;");
    assert_html_label(node(f.g, "a1"),
                      "a0<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#555555\">"
                      "\\\\E \\\\T \\\\H</FONT>");
    assert_html_label(node(f.g, "a0"),
                      "\\\\N &lt;b&gt;&amp;amp; &quot;q&quot; \\\\G");
    assert_html_label(edge(f.g, "t0"), "\\\\E -&gt; &quot;x&quot;");
    assert_html_label(node(f.g, "j1"), "j0 \\\\N");
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
    assert_html_label(node(f.g, "a0"),
                      "\xE2\x80\x8F\xE2\x81\xA7" "حسن روحانی" "\xE2\x81\xA9"
                      "<BR/><FONT POINT-SIZE=\"9\">Hassan Rouhani, Rowhani</FONT>"
                      "<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#555555\">President</FONT>");
    assert_html_label(node(f.g, "a1"),
                      "Kazemi<BR/><FONT POINT-SIZE=\"9\">Hassan Kazemi Qomi the Iranian<BR/>"
                      "ambassador</FONT>");
    assert_html_label(node(f.g, "a2"), "None");
    fx_free(&f);
    static const char *const elsewhere[] = {"tooltip", "none"};
    for (size_t i = 0; i < 2; i++) {
        rg_buf_clear(&y);
        rg_buf_printf(&y, "%srender: {aliases: %s}\n", actors, elsewhere[i]);
        f = build(y.buf);
        assert_html_label(node(f.g, "a1"), "Kazemi");
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
    assert_html_label(node(f.g, "a0"),
                      "Ryan Crocker<BR/><FONT POINT-SIZE=\"9\" "
                      "COLOR=\"#555555\">U.S. Ambassador to Iraq</FONT>");
    /* Without a name, the id is shown. */
    assert_html_label(node(f.g, "a1"),
                      "n<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#555555\">"
                      "no name</FONT>");
    assert_html_label(node(f.g, "a2"), "k");
    fx_free(&f);

    /* The role's colour follows the fill: lighter on a dark one. */
    rg_options o = RG_OPTIONS_INIT;
    o.theme = "dark";
    f = build_opt("actors:\n  c: {name: C, role: R}\n", &o);
    assert_html_label(node(f.g, "a0"),
                      "C<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#B8B8B8\">R</FONT>");
    fx_free(&f);
    f = build("kinds:\n  actors:\n    night: {fill: '#102030'}\n"
              "actors:\n  c: {name: C, role: R, kind: night}\n");
    assert_html_label(node(f.g, "a0"),
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
    /* & < > " ' escaped; a backslash doubled, so that \N stays literal. */
    assert_html_label(node(f.g, "a0"),
                      "A &amp; B &lt;c&gt; &quot;d&quot; &#39;e&#39; "
                      "\\\\N \\\\\\\\");
    /* A newline is a line break; a tab a space. */
    assert_html_label(node(f.g, "a1"), "one<BR/>two three");
    /* Entities in the text are text, not entities. */
    assert_html_label(node(f.g, "a2"), "&amp;lt; &amp;#60; &amp;amp;");
    /* UTF-8 passes through unchanged. */
    assert_html_label(node(f.g, "a3"), "Ünïcødé – “quotes”");
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
    /* Names break at spaces past 24 characters, roles past 30 (the
     * role's second line is exactly 30). */
    assert_html_label(node(f.g, "a0"),
                      "A very long name that<BR/>surely needs wrapping<BR/>"
                      "somewhere<BR/><FONT POINT-SIZE=\"9\" COLOR=\"#555555\">"
                      "a role with more than thirty<BR/>characters in it and "
                      "some more</FONT>");
    /* A word longer than the width is not cut. */
    assert_html_label(node(f.g, "a1"),
                      "Supercalifragilisticexpialidocious-and-longer<BR/>x");
    /* Width counts characters, not bytes: 10 + 1 + 10 = 21 fit, + 4 not. */
    assert_html_label(node(f.g, "a2"), "ÄÄÄÄÄÄÄÄÄÄ ÖÖÖÖÖÖÖÖÖÖ<BR/>ÜÜÜ");
    /* Runs of spaces collapse. */
    assert_html_label(node(f.g, "a3"), "spaced out");
    /* Edge labels break past 22 characters, titles past 80 (the first
     * line of the title is 79). */
    assert_html_label(edge(f.g, "t0"),
                      "an edge label that is<BR/>long enough to wrap<BR/>"
                      "twice over");
    assert_html_label(f.g, "<B>A title that is long but still below the eighty "
                           "characters of a title line, and<BR/>then more "
                           "words</B>");
    fx_free(&f);
}

/* ---- actor kinds ---- */

static void assert_actor_text(Agraph_t *g, const char *name, const char *shape,
                              const char *style, const char *color,
                              const char *fill, const char *text)
{
    Agnode_t *n = node(g, name);
    assert_attr(n, "fontcolor", text);
    assert_attr(n, "shape", shape);
    assert_attr(n, "style", style);
    assert_attr(n, "color", color);
    assert_attr(n, "fillcolor", fill);
    assert_attr(n, "penwidth", "1.4");
    assert_attr(n, "margin", "0.12,0.06");
}

/* An actor with dark text (on a light fill). */
static void assert_actor(Agraph_t *g, const char *name, const char *shape,
                         const char *style, const char *color, const char *fill)
{
    assert_actor_text(g, name, shape, style, color, fill, "#1A1A1A");
}

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
    /* Pen: the kind's colour; fill: that colour mixed 82% toward white. */
    assert_actor(f.g, "a0", "ellipse", "filled", "#0072B2", "#D1E6F1");
    assert_actor(f.g, "a1", "box", "filled", "#000000", "#D1D1D1");
    assert_actor(f.g, "a2", "box3d", "filled", "#009E73", "#D1EEE6");
    assert_actor(f.g, "a3", "hexagon", "filled", "#D55E00", "#F7E2D1");
    assert_actor(f.g, "a4", "note", "filled", "#CC79A7", "#F6E7EF");
    assert_actor(f.g, "a5", "octagon", "filled", "#E69F00", "#FBEED1");
    assert_actor(f.g, "a6", "box", "rounded,filled", "#666666", "#F2F2F2");
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
    /* Only the given field changes: person keeps its ellipse; the tint
     * follows the new colour. */
    assert_actor(f.g, "a0", "ellipse", "filled", "#E69F00", "#FBEED1");
    assert_actor(f.g, "a1", "tab", "filled", "#CC79A7", "#F6E7EF");
    /* A given fill is used as it is. */
    assert_actor(f.g, "a2", "octagon", "filled", "#E69F00", "#AABBCC");
    assert_actor(f.g, "a3", "cylinder", "filled", "#123456", "#FEDCBA");
    /* A new kind without shape or colour: a grey box. */
    assert_actor(f.g, "a4", "box", "filled", "#555555", "#E0E0E0");
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
    assert_actor(f.g, "a0", "ellipse", "filled", "#000000", "#FFFFFF");
    assert_actor(f.g, "a1", "octagon", "filled", "#000000", "#FFFFFF");
    assert_actor(f.g, "a2", "box", "rounded,filled", "#000000", "#FFFFFF");
    fx_free(&f);

    /* dark: black (country) becomes the text colour; fills mix 70% toward
     * the dark background. */
    o.theme = "dark";
    f = build_opt("actors:\n  c: {kind: country}\n  p: {kind: person}\n  x: {}\n", &o);
    assert_actor_text(f.g, "a0", "box", "filled", "#EDEDED", "#151515", "#EDEDED");
    assert_actor_text(f.g, "a1", "ellipse", "filled", "#0072B2", "#15374A",
                      "#EDEDED");
    assert_actor_text(f.g, "a2", "box", "rounded,filled", "#AAAAAA", "#333333",
                      "#EDEDED");
    fx_free(&f);

    /* Text stays legible on a user's fill: light on dark, dark on light,
     * whatever the theme. */
    f = build("kinds:\n  actors:\n"
              "    night: {fill: '#102030'}\n"
              "    day: {fill: '#FFFFE0'}\n"
              "actors:\n  n: {kind: night}\n  d: {kind: day}\n");
    assert_actor_text(f.g, "a0", "box", "filled", "#555555", "#102030", "#EDEDED");
    assert_actor_text(f.g, "a1", "box", "filled", "#555555", "#FFFFE0", "#1A1A1A");
    fx_free(&f);
    f = build_opt("kinds:\n  actors:\n"
                  "    night: {fill: '#102030'}\n"
                  "    day: {fill: '#FFFFE0'}\n"
                  "actors:\n  n: {kind: night}\n  d: {kind: day}\n", &o);
    assert_actor_text(f.g, "a0", "box", "filled", "#555555", "#102030", "#EDEDED");
    assert_actor_text(f.g, "a1", "box", "filled", "#555555", "#FFFFE0", "#1A1A1A");
    fx_free(&f);
}

/* ---- tie kinds ---- */

static void assert_tie(Agedge_t *e, const char *color, const char *style,
                       const char *pen, const char *arrowhead, const char *dir)
{
    assert_attr(e, "color", color);
    assert_attr(e, "style", style);
    assert_attr(e, "penwidth", pen);
    assert_attr(e, "arrowhead", arrowhead);
    assert_attr(e, "dir", dir);
}

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
    assert_tie(edge(f.g, "t0"), "#0072B2", "solid", "3.00", "none", "none");
    assert_tie(edge(f.g, "t1"), "#D55E00", "dashed", "1.40", "vee", "forward");
    assert_tie(edge(f.g, "t2"), "#000000", "solid", "1.40", "diamond", "forward");
    assert_tie(edge(f.g, "t3"), "#E69F00", "dashed", "1.40", "normal", "forward");
    assert_tie(edge(f.g, "t4"), "#009E73", "dotted", "1.80", "normal", "forward");
    assert_tie(edge(f.g, "t5"), "#56B4E9", "solid", "1.40", "normal", "forward");
    assert_tie(edge(f.g, "t6"), "#CC79A7", "solid", "3.00", "tee", "forward");
    assert_tie(edge(f.g, "t7"), "#009E73:invis:#009E73", "solid", "1.20", "none",
               "none");
    assert_tie(edge(f.g, "t8"), "#999999", "dotted", "1.80", "dot", "forward");
    assert_tie(edge(f.g, "t9"), "#0072B2", "solid", "1.40", "vee", "forward");
    for (int i = 0; i < 10; i++) {
        char name[8];
        snprintf(name, sizeof name, "t%d", i);
        assert_attr(edge(f.g, name), "arrowtail", "none");
        /* No label given, no status: no label at all. */
        assert_no_attr(edge(f.g, name), "label");
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
    assert_tie(edge(f.g, "t0"), "#D55E00", "solid", "3.00", "tee", "forward");
    assert_tie(edge(f.g, "t1"), "#555555", "dotted", "1.80", "none", "none");
    /* A new kind: directed, grey, solid, normal arrow. */
    assert_tie(edge(f.g, "t2"), "#555555", "solid", "1.40", "normal", "forward");
    /* Overrides keep the other fields: accuses stays dashed. */
    assert_tie(edge(f.g, "t3"), "#CC0000", "dashed", "1.40", "none", "forward");
    /* talks made directed gets an arrowhead to show it, and keeps its
     * bold line. */
    assert_tie(edge(f.g, "t4"), "#0072B2", "solid", "3.00", "normal", "forward");
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
    assert_tie(edge(f.g, "t0"), "#CC79A7", "solid", "3.00", "none", "none");
    /* A directed tie of an undirected kind: the plain arrowhead. */
    assert_tie(edge(f.g, "t1"), "#0072B2", "solid", "3.00", "normal", "forward");
    /* alleged: 60% opacity (alpha 99) and "(alleged)" on a line of its own. */
    assert_tie(edge(f.g, "t2"), "#D55E0099", "dashed", "1.40", "vee", "forward");
    assert_html_label(edge(f.g, "t2"), "arms militias<BR/>(alleged)");
    assert_tie(edge(f.g, "t3"), "#009E7399:invis:#009E7399", "solid", "1.20",
               "none", "none");
    assert_html_label(edge(f.g, "t3"), "(alleged)");
    /* weight w: the kind's pen width x w / 2. */
    assert_tie(edge(f.g, "t4"), "#56B4E966", "solid", "2.80", "normal", "forward");
    assert_html_label(edge(f.g, "t4"), "(denied)");
    /* ... but never thinner than 0.7. */
    assert_tie(edge(f.g, "t5"), "#00000066", "solid", "0.70", "diamond", "forward");
    assert_html_label(edge(f.g, "t5"), "(ended)");
    /* confirmed is drawn as if no status were given. */
    assert_tie(edge(f.g, "t6"), "#0072B2", "solid", "7.50", "none", "none");
    assert_html_label(edge(f.g, "t6"), "x");
    assert_tie(edge(f.g, "t7"), "#009E73", "dotted", "1.80", "normal", "forward");
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
    assert_no_attr(edge(f.g, "t0"), "label");
    /* The colour still shows the status. */
    assert_attr(edge(f.g, "t0"), "color", "#D55E0099");
    /* The junction is a small dot without text. */
    Agnode_t *j = node(f.g, "j1");
    assert_attr(j, "shape", "point");
    assert_attr(j, "width", "0.14");
    assert_attr(j, "style", "filled");
    assert_attr(j, "label", "");
    fx_free(&f);

    /* The same from the file's render section, and overridden back on. */
    const char *yaml2 = "actors:\n  a: {}\n  b: {}\n"
                        "ties:\n  - {from: a, to: b, kind: accuses, label: L1}\n"
                        "render: {edge_labels: false}\n";
    f = build(yaml2);
    assert_no_attr(edge(f.g, "t0"), "label");
    fx_free(&f);
    o.labels = RG_LABELS_INLINE;
    f = build_opt(yaml2, &o);
    assert_html_label(edge(f.g, "t0"), "L1");
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
    Agedge_t *e = edge(f.g, "t0");
    assert_string_equal(agnameof(agtail(e)), "a0");
    assert_string_equal(agnameof(aghead(e)), "a1");
    assert_attr(e, "dir", "forward");
    assert_attr(e, "arrowhead", "vee");
    assert_attr(e, "arrowtail", "none");
    /* iran -> us is drawn us -> iran with the arrow at the tail. */
    e = edge(f.g, "t1");
    assert_string_equal(agnameof(agtail(e)), "a0");
    assert_string_equal(agnameof(aghead(e)), "a1");
    assert_attr(e, "dir", "back");
    assert_attr(e, "arrowhead", "none");
    assert_attr(e, "arrowtail", "normal");
    assert_html_label(e, "second");
    e = edge(f.g, "t2");
    assert_string_equal(agnameof(agtail(e)), "a0");
    assert_attr(e, "dir", "forward");
    assert_attr(e, "arrowhead", "normal");
    /* Undirected, turned around: no arrow at either end. */
    e = edge(f.g, "t3");
    assert_string_equal(agnameof(agtail(e)), "a0");
    assert_string_equal(agnameof(aghead(e)), "a1");
    assert_attr(e, "dir", "none");
    assert_attr(e, "arrowhead", "none");
    assert_attr(e, "arrowtail", "none");
    /* Another pair is on its own. */
    e = edge(f.g, "t4");
    assert_string_equal(agnameof(agtail(e)), "a2");
    assert_string_equal(agnameof(aghead(e)), "a0");
    assert_attr(e, "dir", "forward");
    fx_free(&f);

    /* The first tie of the pair decides, even if it is undirected. */
    f = build("actors:\n  a: {}\n  b: {}\n"
              "ties:\n"
              "  - {from: b, to: a, kind: talks}\n"
              "  - {from: a, to: b, kind: accuses}\n");
    e = edge(f.g, "t1");
    assert_string_equal(agnameof(agtail(e)), "a1");
    assert_string_equal(agnameof(aghead(e)), "a0");
    assert_attr(e, "dir", "back");
    assert_attr(e, "arrowtail", "vee");
    assert_attr(e, "arrowhead", "none");
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
        char name[8], tail[8], head[8];
        snprintf(name, sizeof name, "t%d", 39 + i);
        snprintf(tail, sizeof tail, "a%d", i);
        snprintf(head, sizeof head, "a%d", i + 1);
        Agedge_t *e = edge(f.g, name);
        assert_string_equal(agnameof(agtail(e)), tail);
        assert_string_equal(agnameof(aghead(e)), head);
        assert_attr(e, "dir", "back");
        assert_attr(e, "arrowtail", "tee");
        assert_attr(e, "arrowhead", "none");
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
    /* The junction carries the label, in the kind's colours. */
    Agnode_t *j = node(f.g, "j1");
    assert_html_label(j, "four-hour talks");
    assert_attr(j, "shape", "box");
    assert_attr(j, "style", "rounded,filled");
    assert_attr(j, "color", "#0072B2");
    assert_attr(j, "fillcolor", "#D1E6F1");
    assert_attr(j, "fontsize", "10");
    assert_attr(j, "height", "0.3");
    assert_attr(j, "margin", "0.08,0.03");
    /* Undirected: every edge leaves the junction, no arrows. */
    const char *const und[] = {"a0", "a1", "a2"};
    for (size_t p = 0; p < 3; p++) {
        char name[16];
        snprintf(name, sizeof name, "t1.%zu", p);
        Agedge_t *e = edge(f.g, name);
        assert_ptr_equal(agtail(e), j);
        assert_string_equal(agnameof(aghead(e)), und[p]);
        assert_tie(e, "#0072B2", "solid", "6.00", "none", "none");
    }
    /* Directed: the first party -> junction without arrow, junction ->
     * each other party with the kind's arrow. Without a label the kind's
     * label is shown; a status adds its line. */
    j = node(f.g, "j2");
    assert_html_label(j, "demands of<BR/>(alleged)");
    assert_attr(j, "color", "#E69F00");
    Agedge_t *e = edge(f.g, "t2.0");
    assert_string_equal(agnameof(agtail(e)), "a2");
    assert_ptr_equal(aghead(e), j);
    assert_tie(e, "#E69F0099", "dashed", "1.40", "none", "none");
    e = edge(f.g, "t2.1");
    assert_ptr_equal(agtail(e), j);
    assert_string_equal(agnameof(aghead(e)), "a0");
    assert_tie(e, "#E69F0099", "dashed", "1.40", "normal", "forward");
    e = edge(f.g, "t2.2");
    assert_ptr_equal(agtail(e), j);
    assert_string_equal(agnameof(aghead(e)), "a1");
    assert_tie(e, "#E69F0099", "dashed", "1.40", "normal", "forward");
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
    assert_attr(iraq, "style", "rounded,filled");
    assert_attr(iraq, "color", "#B0B0B0");
    assert_attr(iraq, "fillcolor", "#F6F6F6");
    assert_attr(gz, "fillcolor", "#ECECEC");
    assert_attr(office, "fillcolor", "#F6F6F6");
    assert_attr(usa, "fillcolor", "#F6F6F6");
    assert_attr(iraq, "labeljust", "l");
    assert_attr(iraq, "fontsize", "13");
    assert_attr(iraq, "penwidth", "1");

    /* Membership: in the innermost cluster, and so in its ancestors. */
    Agnode_t *us = node(f.g, "a0"), *maliki = node(f.g, "a1"),
             *rubaie = node(f.g, "a2"), *free_ = node(f.g, "a3");
    assert_non_null(agsubnode(usa, us, 0));
    assert_null(agsubnode(iraq, us, 0));
    assert_non_null(agsubnode(office, maliki, 0));
    assert_non_null(agsubnode(gz, maliki, 0));
    assert_non_null(agsubnode(iraq, maliki, 0));
    assert_null(agsubnode(usa, maliki, 0));
    assert_non_null(agsubnode(gz, rubaie, 0));
    assert_null(agsubnode(office, rubaie, 0));
    assert_int_equal(agnnodes(office), 1);
    assert_int_equal(agnnodes(gz), 2);
    assert_int_equal(agnnodes(iraq), 2);
    assert_int_equal(agnnodes(usa), 1);
    assert_null(agsubnode(usa, free_, 0));
    assert_null(agsubnode(iraq, free_, 0));
    fx_free(&f);
}

/* The graph written as DOT (owned by the caller). */
static char *dot_text(Agraph_t *g)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    assert_non_null(fp);
    assert_int_equal(agwrite(g, fp), 0);
    fclose(fp);
    return text;
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
        char *text = dot_text(f.g), *legend = dot_text(f.lg);
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

static void test_graph_attributes(void **state)
{
    (void)state;
    const char *yaml = "title: Talks & more\n"
                       "actors:\n  a: {}\n  b: {}\n"
                       "ties:\n  - {from: a, to: b, kind: talks}\n"
                       "render: {direction: BT, seed: 42}\n";
    fx f = build(yaml);
    assert_string_equal(f.c.engine, "dot");
    assert_attr(f.g, "rankdir", "BT");
    assert_attr(f.g, "nodesep", "0.35");
    assert_attr(f.g, "ranksep", "0.55");
    assert_null(attr(f.g, "overlap"));
    assert_null(attr(f.g, "start"));
    assert_html_label(f.g, "<B>Talks &amp; more</B>");
    assert_attr(f.g, "labelloc", "t");
    assert_attr(f.g, "fontsize", "18");
    assert_attr(f.g, "pad", "0.3");
    assert_attr(f.g, "outputorder", "edgesfirst");
    assert_attr(f.g, "bgcolor", "#FFFFFF");
    assert_attr(f.g, "fontcolor", "#1A1A1A");
    assert_attr(f.g, "fontname", "DejaVu Sans,Noto Sans CJK SC");
    /* Node and edge defaults. */
    Agsym_t *s = agattr(f.g, AGNODE, RG_S("fontname"), NULL);
    assert_non_null(s);
    assert_string_equal(s->defval, "DejaVu Sans,Noto Sans CJK SC");
    s = agattr(f.g, AGNODE, RG_S("fontsize"), NULL);
    assert_string_equal(s->defval, "12");
    s = agattr(f.g, AGEDGE, RG_S("fontname"), NULL);
    assert_non_null(s);
    assert_string_equal(s->defval, "DejaVu Sans,Noto Sans CJK SC");
    s = agattr(f.g, AGEDGE, RG_S("fontsize"), NULL);
    assert_string_equal(s->defval, "10");
    s = agattr(f.g, AGEDGE, RG_S("arrowsize"), NULL);
    assert_string_equal(s->defval, "0.8");
    assert_attr(node(f.g, "a0"), "fontname", "DejaVu Sans,Noto Sans CJK SC");
    assert_attr(edge(f.g, "t0"), "fontname", "DejaVu Sans,Noto Sans CJK SC");
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
        assert_attr(node(f.g, "a0"), "fontname", fonts[i].face);
        assert_attr(edge(f.g, "t0"), "fontname", fonts[i].face);
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
        assert_attr(f.g, "overlap", "false");
        assert_attr(f.g, "sep", "+12");
        assert_attr(f.g, "splines", strcmp(force[i], "circo") == 0 ? "false" : "true");
        assert_attr(f.g, "start", "42");
        assert_null(attr(f.g, "rankdir"));
        assert_null(attr(f.g, "nodesep"));
        assert_html_label(f.g, "<B>Talks &amp; more</B>");
        assert_attr(f.g, "fontname", "DejaVu Sans,Noto Sans CJK SC");
        fx_free(&f);
    }

    /* The default seed is 1; the dark theme changes the defaults. */
    o = (rg_options)RG_OPTIONS_INIT;
    o.layout = "neato";
    o.theme = "dark";
    f = build_opt("actors:\n  a: {}\n", &o);
    assert_attr(f.g, "start", "1");
    assert_attr(f.g, "bgcolor", "#1E1E1E");
    assert_attr(f.g, "fontcolor", "#EDEDED");
    s = agattr(f.g, AGNODE, RG_S("fontcolor"), NULL);
    assert_string_equal(s->defval, "#EDEDED");
    fx_free(&f);
}

static void test_conf_resolve(void **state)
{
    (void)state;
    rg_model *m = model_of("actors:\n  a: {}\n"
                           "render: {layout: neato, direction: TB, theme: mono, "
                           "legend: false, edge_labels: false, seed: 7}\n");
    rg_conf c;
    rg_conf_resolve(&c, m, NULL);
    assert_string_equal(c.engine, "neato");
    assert_string_equal(c.direction, "TB");
    assert_string_equal(c.theme, "mono");
    assert_false(c.legend);
    assert_int_equal(c.labels, RG_LABELS_NONE);
    assert_true(c.bundle);
    assert_int_equal(c.seed, 7);
    rg_options o = {.layout = "auto", .direction = "BT", .theme = "dark",
                    .legend = 1, .labels = RG_LABELS_NOTES, .bundle = 0};
    rg_conf_resolve(&c, m, &o);
    assert_string_equal(c.engine, "dot");
    assert_string_equal(c.direction, "BT");
    assert_string_equal(c.theme, "dark");
    assert_true(c.legend);
    assert_int_equal(c.labels, RG_LABELS_NOTES);
    assert_false(c.bundle);
    assert_int_equal(c.seed, 7);
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

    m = sized_model(120, 0, 0);
    assert_string_equal(rg_auto_engine(m), "dot");
    rg_model_free(m);
    m = sized_model(121, 0, 0);
    assert_int_equal(m->n_actors, 121);
    assert_string_equal(rg_auto_engine(m), "sfdp");
    rg_conf_resolve(&c, m, NULL);
    assert_string_equal(c.engine, "sfdp");
    /* -K overrides auto. */
    rg_options o = RG_OPTIONS_INIT;
    o.layout = "dot";
    rg_conf_resolve(&c, m, &o);
    assert_string_equal(c.engine, "dot");
    rg_model_free(m);

    /* Edges count too: 240 stays with dot, 241 does not. */
    m = sized_model(10, 240, 0);
    assert_string_equal(rg_auto_engine(m), "dot");
    rg_model_free(m);
    m = sized_model(10, 241, 0);
    assert_string_equal(rg_auto_engine(m), "sfdp");
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
    /* A junction is a node, with an edge per party: 110 actors and 10
     * three-party ties are 120 nodes; 11 are 121. */
    m = sized_model(110, 0, 10);
    assert_string_equal(rg_auto_engine(m), "dot");
    rg_model_free(m);
    m = sized_model(110, 0, 11);
    assert_string_equal(rg_auto_engine(m), "sfdp");
    rg_model_free(m);
    /* 80 three-party ties are 240 edges, 81 are 243. */
    m = sized_model(10, 0, 80);
    assert_string_equal(rg_auto_engine(m), "dot");
    rg_model_free(m);
    m = sized_model(10, 0, 81);
    assert_string_equal(rg_auto_engine(m), "sfdp");
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
        Agedge_t *e = edge(lg, name);
        assert_string_equal(agnameof(agtail(e)), names[i]);
        assert_string_equal(agnameof(aghead(e)), names[i - 1]);
        assert_attr(e, "style", "invis");
    }
    char name[16];
    snprintf(name, sizeof name, "lc%zu", n);
    assert_null(find_edge(lg, name));
    assert_null(find_edge(lg, "lc0"));
}

static void assert_legend_text(Agraph_t *lg, const char *name, const char *label)
{
    Agnode_t *n = node(lg, name);
    assert_attr(n, "shape", "plaintext");
    assert_attr(n, "label", label);
    assert_false(aghtmlstr(agget(n, RG_S("label"))));
    assert_attr(n, "height", "0.22");
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
    assert_attr(f.lg, "rankdir", "LR");
    assert_attr(f.lg, "fontname", "DejaVu Sans,Noto Sans CJK SC");
    Agraph_t *box = agsubg(f.lg, RG_S("cluster_legend"), 0);
    assert_non_null(box);
    assert_html_label(box, "<B>Legend</B>");
    assert_attr(box, "style", "rounded,filled");
    assert_attr(box, "color", "#B0B0B0");
    assert_attr(box, "fillcolor", "#FFFFFF");

    /* Used tie kinds in table order, then used actor kinds; confirmed is
     * not a status worth a row, and there is no multi-party tie. */
    const char *const rows[] = {"lt0", "lt1", "lt7", "lt11", "la0", "la1", "la6"};
    assert_column(f.lg, rows, 7);
    assert_legend_text(f.lg, "lt0", "holds talks with\\l");
    assert_legend_text(f.lg, "lt1", "accuses\\l");
    assert_legend_text(f.lg, "lt7", "allied with\\l");
    /* A plain label: & is an entity, a backslash is doubled. */
    assert_legend_text(f.lg, "lt11", "arrests &amp; \\\\N\\l");
    assert_null(agnode(f.lg, RG_S("lt2"), 0));
    assert_null(agnode(f.lg, RG_S("lt12"), 0));
    assert_null(agnode(f.lg, RG_S("ls"), 0));
    assert_null(agnode(f.lg, RG_S("lm"), 0));
    assert_null(agnode(f.lg, RG_S("la2"), 0));
    assert_null(agnode(f.lg, RG_S("la5"), 0));

    /* Sample edges styled as the kind, to an invisible end point. */
    Agedge_t *e = edge(f.lg, "lt0.edge");
    assert_string_equal(agnameof(agtail(e)), "lt0");
    assert_string_equal(agnameof(aghead(e)), "lt0.end");
    assert_tie(e, "#0072B2", "solid", "3.00", "none", "none");
    assert_attr(e, "minlen", "2");
    assert_tie(edge(f.lg, "lt1.edge"), "#D55E00", "dashed", "1.40", "vee", "forward");
    assert_tie(edge(f.lg, "lt7.edge"), "#009E73:invis:#009E73", "solid", "1.20",
               "none", "none");
    assert_tie(edge(f.lg, "lt11.edge"), "#D55E00", "solid", "3.00", "tee", "forward");
    Agnode_t *end = node(f.lg, "lt11.end");
    assert_attr(end, "shape", "point");
    assert_attr(end, "style", "invis");
    assert_attr(end, "width", "0.01");

    /* One row per used actor kind: its name, and a small shape drawn
     * like the actors beside it, without text. */
    assert_legend_text(f.lg, "la0", "person\\l");
    assert_attr(node(f.lg, "la0"), "fontsize", "10");
    Agnode_t *n = node(f.lg, "la0.shape");
    assert_attr(n, "label", "");
    assert_attr(n, "shape", "ellipse");
    assert_attr(n, "color", "#0072B2");
    assert_attr(n, "fillcolor", "#D1E6F1");
    assert_attr(n, "width", "0.34");
    assert_attr(n, "height", "0.2");
    assert_attr(n, "fixedsize", "true");
    e = edge(f.lg, "la0.edge");
    assert_string_equal(agnameof(agtail(e)), "la0");
    assert_string_equal(agnameof(aghead(e)), "la0.shape");
    assert_attr(e, "style", "invis");
    assert_legend_text(f.lg, "la1", "country\\l");
    n = node(f.lg, "la1.shape");
    assert_attr(n, "shape", "box");
    assert_attr(n, "style", "filled");
    assert_legend_text(f.lg, "la6", "armed <group>\\l");
    n = node(f.lg, "la6.shape");
    assert_attr(n, "shape", "hexagon");
    assert_attr(n, "color", "#E69F00");
    assert_attr(n, "fillcolor", "#FBEED1");
    /* One column, as wide as its longest text ("holds talks with"). */
    assert_attr(node(f.lg, "lt0"), "width", "1.36");
    assert_attr(node(f.lg, "la6"), "width", "1.36");

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
    assert_tie(edge(f.lg, "lt5.edge"), "#56B4E9", "solid", "1.40", "normal",
               "forward");
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
    assert_attr(node(f.lg, "la5.shape"), "shape", "octagon");
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
