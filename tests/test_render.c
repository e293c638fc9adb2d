/*
 * test_render.c - layout and rendering (render.c) through the public
 * pipeline: rg_load, rg_validate, rg_diagram_new, rg_diagram_render. The
 * outputs are checked as text: escaping in SVG (and that it parses as XML,
 * with xmllint), one layout rendered many times, the legend beside the
 * drawing for every engine, formats, Graphviz's messages routed into the
 * diagnostics, and the layout timeout.
 *
 * Run from the repository root (the data files are read by relative path).
 */
#include "testutil.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gv.h"

static const char *const engines[] = {"dot", "neato", "fdp", "sfdp",
                                      "circo", "twopi"};
#define N_ENGINES (sizeof engines / sizeof engines[0])

/* ---- helpers ---- */

/* One run of the pipeline: its diagnostics, model and diagram. */
typedef struct dia {
    tu_run r;
    rg_doc *doc;
    rg_model *m;
    rg_diagram *dg;
} dia;

/* No diagnostic but the warning that the engine draws the groups without
 * boxes (test_cli checks it): these tests run every engine on files with
 * groups. */
static void assert_no_diags(dia *d)
{
    const char *text = tu_text(&d->r);
    static const char unboxed[] = "warning: layout '";
    if (strncmp(text, unboxed, sizeof unboxed - 1) == 0 &&
        strstr(text, "' cannot draw groups as boxes holding only their members") &&
        strchr(text, '\n') == text + strlen(text) - 1)
        text += strlen(text);
    if (*text)
        print_error("unexpected diagnostics:\n%s", text);
    assert_string_equal(text, "");
}

/* Load and validate YAML (no diagnostic at all). */
static void dia_load(dia *d, const char *yaml, size_t len)
{
    memset(d, 0, sizeof *d);
    tu_begin(&d->r);
    d->doc = rg_load(yaml, len, d->r.diags);
    assert_non_null(d->doc);
    d->m = rg_validate(d->doc, d->r.diags);
    assert_no_diags(d);
    assert_non_null(d->m);
}

/* Load, validate and lay out YAML with OPT: nothing may be reported. */
static void dia_open(dia *d, const char *yaml, const rg_options *opt)
{
    dia_load(d, yaml, strlen(yaml));
    d->dg = rg_diagram_new(d->m, opt, d->r.diags);
    assert_no_diags(d);
    assert_non_null(d->dg);
}

static char *read_path(const char *path, size_t *len)
{
    tu_run r;
    tu_begin(&r);
    char *data = NULL;
    size_t n = 0;
    bool ok = rg_read_input(path, 0, &data, &n, r.diags);
    if (!ok)
        print_error("%s: %s", path, tu_text(&r));
    tu_done(&r);
    assert_true(ok);
    if (len)
        *len = n;
    return data;
}

static void dia_open_file(dia *d, const char *path, const rg_options *opt)
{
    size_t len;
    char *data = read_path(path, &len);
    dia_load(d, data, len);
    free(data);
    d->dg = rg_diagram_new(d->m, opt, d->r.diags);
    assert_no_diags(d);
    assert_non_null(d->dg);
}

static void dia_close(dia *d)
{
    rg_diagram_free(d->dg);
    rg_model_free(d->m);
    rg_doc_free(d->doc);
    tu_done(&d->r);
}

/* Render FORMAT: it must succeed without a diagnostic. */
static char *render(dia *d, const char *format, size_t *len)
{
    char *out = NULL;
    size_t n = 0;
    bool ok = rg_diagram_render(d->dg, format, &out, &n, d->r.diags);
    assert_no_diags(d);
    assert_true(ok);
    assert_non_null(out);
    assert_true(n > 0);
    /* The caller's copy is NUL-terminated, for the text formats. */
    assert_int_equal(out[n], '\0');
    if (len)
        *len = n;
    return out;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

#define assert_contains(hay, needle)                                      \
    do {                                                                  \
        if (!strstr(hay, needle))                                         \
            print_error("'%s' not found\n", needle);                      \
        assert_non_null(strstr(hay, needle));                             \
    } while (0)

#define assert_lacks(hay, needle)                                         \
    do {                                                                  \
        if (strstr(hay, needle))                                          \
            print_error("'%s' found\n", needle);                          \
        assert_null(strstr(hay, needle));                                 \
    } while (0)

/* Write LEN bytes to a new temporary file; its path is returned (owned). */
static char *temp_file(const char *data, size_t len, const char *suffix)
{
    char *path = rg_xmalloc(64);
    snprintf(path, 64, "/tmp/rgtest-XXXXXX%s", suffix);
    int fd = mkstemps(path, (int)strlen(suffix));
    assert_true(fd >= 0);
    assert_int_equal(write(fd, data, len), (ssize_t)len);
    close(fd);
    return path;
}

/* xmllint (libxml2-utils, installed by `make deps`) accepts TEXT. */
static void assert_xml(const char *text)
{
    assert_int_equal(system("xmllint --version >/dev/null 2>&1"), 0);
    char *path = temp_file(text, strlen(text), ".svg");
    char cmd[256];
    snprintf(cmd, sizeof cmd, "xmllint --noout --nonet '%s'", path);
    int rc = system(cmd);
    unlink(path);
    free(path);
    assert_int_equal(rc, 0);
}

/* File descriptor 2 goes to a temporary file until stderr_end, which
 * returns what was written there (owned). */
typedef struct redirect {
    int saved;
    char *path;
} redirect;

static void stderr_begin(redirect *rd)
{
    fflush(stderr);
    rd->path = temp_file("", 0, ".err");
    int fd = open(rd->path, O_WRONLY | O_TRUNC);
    assert_true(fd >= 0);
    rd->saved = dup(2);
    assert_true(rd->saved >= 0);
    assert_true(dup2(fd, 2) >= 0);
    close(fd);
}

static char *stderr_end(redirect *rd)
{
    fflush(stderr);
    dup2(rd->saved, 2);
    close(rd->saved);
    char *text = read_path(rd->path, NULL);
    unlink(rd->path);
    free(rd->path);
    return text;
}

/* The format's fullest example (the U.S.-Iran talks), with the ids it
 * leaves out defined (and the kinds it defines used, so that it gives no
 * warning). */
static const char spec_example[] =
    TU_SPEC_HEAD
    TU_SPEC_SOURCES
    TU_SPEC_GROUPS
    TU_SPEC_KINDS
    TU_SPEC_ACTORS
    "  iran: {name: Iran, kind: country}\n"
    "  iranians7: {name: five Iranian officials, kind: person}\n"
    "  rubaie: {name: Mowaffak al-Rubaie, kind: person, group: gz}\n"
    "  mahdi: {name: Mahdi Army, kind: militia}\n"
    TU_SPEC_TIES
    "  - {from: us, to: mahdi, kind: arrests, source: cbs}\n"
    TU_RENDER_ALL;

/* Names and labels that must reach the SVG as text, never as markup. No
 * URL anywhere. */
static const char hostile[] =
    "title: \"<script>alert(1)</script> ]]> &amp; \\\"q\\\" 'a' \\\\N \\\\G \\\\L\"\n"
    "groups:\n"
    "  g: {name: \"<![CDATA[ x ]]> <g onload='x'>\"}\n"
    "kinds:\n"
    "  ties:\n"
    "    evil: {label: \"<script>evil</script> & \\\\N\"}\n"
    "actors:\n"
    "  x: {name: \"<script>alert(1)</script>\", group: g, role: \"]]> &amp; \\\"q\\\" 'a'\"}\n"
    "  y: {name: \"\\\\N \\\\G \\\\L \\\\E \\\\T \\\\H\"}\n"
    "  z: {name: \"--> <!-- &#x3C; &lt;\"}\n"
    "ties:\n"
    "  - {from: x, to: y, kind: evil, label: \"<img src=x onerror=alert(2)>\"}\n"
    "  - {from: y, to: z, kind: talks, label: \"&amp; \\\"q\\\" 'a' \\\\N \\\\G \\\\L\"}\n";

/* ---- SVG ---- */

static void test_svg_escapes_hostile_text(void **state)
{
    (void)state;
    for (size_t e = 0; e < 2; e++) {
        rg_options o = RG_OPTIONS_INIT;
        o.layout = e ? "fdp" : "dot"; /* both draw the group boxes */
        dia d;
        dia_open(&d, hostile, &o);
        char *svg = render(&d, "svg", NULL);
        assert_xml(svg);
        /* The title, node, role, edge and cluster texts, escaped. */
        assert_contains(svg, ">&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; "
                             "&amp;amp; &quot;q&quot; &#39;a&#39; \\N \\G \\L</text>");
        assert_contains(svg, ">&lt;script&gt;alert(1)&lt;/script&gt;</text>");
        assert_contains(svg, ">]]&gt; &amp;amp; &quot;q&quot; &#39;a&#39;</text>");
        assert_contains(svg, ">\\N \\G \\L \\E \\T \\H</text>");
        assert_contains(svg, ">&#45;&#45;&gt; &lt;!&#45;&#45; &amp;#x3C; &amp;lt;</text>");
        assert_contains(svg, ">&amp;amp; &quot;q&quot; &#39;a&#39; \\N \\G \\L</text>");
        assert_contains(svg, ">&lt;![CDATA[ x ]]&gt; &lt;g onload=&#39;x&#39;&gt;</text>");
        /* A long edge label is wrapped, each line escaped. */
        assert_contains(svg, ">&lt;img src=x</text>");
        assert_contains(svg, ">onerror=alert(2)&gt;</text>");
        /* The legend's plain labels too. */
        assert_contains(svg, ">&lt;script&gt;evil&lt;/script&gt; &amp; \\N</text>");
        assert_lacks(svg, "<script");
        assert_lacks(svg, "<img");
        assert_lacks(svg, "<![CDATA[");
        assert_lacks(svg, "<g onload");
        assert_lacks(svg, "onload='");
        assert_lacks(svg, "<!-- &");
        /* \N would be the node's name, a0 ... */
        assert_lacks(svg, ">a0</text>");
        assert_lacks(svg, ">relgraph</text>");
        /* No URL in the file: no link at all. */
        assert_lacks(svg, "xlink:href");
        assert_lacks(svg, "<a ");
        free(svg);
        dia_close(&d);
    }
}

static void test_svg_of_data_files_is_xml(void **state)
{
    (void)state;
    static const char *const files[] = {"data/every-feature.yaml",
                                        "data/iran-us-talks-2007.yaml"};
    for (size_t i = 0; i < 2; i++) {
        dia d;
        dia_open_file(&d, files[i], NULL);
        char *svg = render(&d, "svg", NULL);
        assert_xml(svg);
        assert_contains(svg, "<g id=\"legend\" class=\"cluster legend\">\n<title>Legend</title>");
        assert_contains(svg, ">Legend</text>");
        free(svg);
        dia_close(&d);
    }
}

/* ---- one layout, several renders ---- */

static void test_one_layout_many_renders(void **state)
{
    (void)state;
    dia d;
    dia_open(&d, spec_example, NULL);
    size_t n1, n2;
    char *a = render(&d, "svg", &n1);
    char *b = render(&d, "svg", &n2);
    assert_int_equal(n1, n2);
    assert_memory_equal(a, b, n1);
    assert_true(strncmp(a, "<?xml", 5) == 0);
    assert_contains(a, ">Ryan Crocker</text>");
    assert_contains(a, ">four&#45;hour talks</text>");

    size_t n;
    char *dot = render(&d, "dot", &n);
    assert_true(strncmp(dot, "digraph relgraph {", 18) == 0);
    assert_contains(dot, "pos=\"");
    assert_contains(dot, "bb=\"");
    assert_contains(dot, "subgraph cluster_legend {");
    assert_contains(dot, "subgraph cluster_g0 {");
    /* gv is the same device. */
    char *gv = render(&d, "gv", &n);
    assert_string_equal(gv, dot);

    char *json = render(&d, "json", &n);
    assert_int_equal(json[0], '{');
    assert_contains(json, "\"objects\": [");
    assert_contains(json, "\"name\": \"cluster_legend\"");
    assert_contains(json, "\"name\": \"relgraph\"");

    char *png = render(&d, "png", &n);
    assert_true(n > 8);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    char *pdf = render(&d, "pdf", &n);
    assert_true(n > 5);
    assert_memory_equal(pdf, "%PDF-", 5);
    assert_contains(pdf + n - 6, "%%EOF");

    /* After the others, the SVG is still the same. */
    char *c = render(&d, "svg", &n);
    assert_int_equal(n, n1);
    assert_memory_equal(a, c, n1);

    /* A format relgraph writes itself, or none at all, is refused. */
    char *out = NULL;
    size_t len = 0;
    assert_false(rg_diagram_render(d.dg, "md", &out, &len, d.r.diags));
    assert_null(out);
    assert_string_equal(tu_text(&d.r), "error: unknown output format 'md'\n");
    assert_false(rg_diagram_render(d.dg, "jpg", &out, &len, d.r.diags));
    assert_string_equal(tu_text(&d.r), "error: unknown output format 'md'\n"
                                       "error: unknown output format 'jpg'\n");
    free(a);
    free(b);
    free(c);
    free(dot);
    free(gv);
    free(json);
    free(png);
    free(pdf);
    dia_close(&d);
}

static void test_deterministic_across_layouts(void **state)
{
    (void)state;
    /* Two layouts of the same model in one process give the same bytes
     * (cgraph would order clusters by the heap addresses of their names).
     * Not fdp: Graphviz 2.43's fdp itself varies from run to run in the
     * last digits of its coordinates (`fdp -Tdot` on one file). */
    for (size_t e = 0; e < N_ENGINES; e++) {
        if (strcmp(engines[e], "fdp") == 0)
            continue;
        rg_options o = RG_OPTIONS_INIT;
        o.layout = engines[e];
        dia d1, d2;
        dia_open_file(&d1, "data/every-feature.yaml", &o);
        dia_open_file(&d2, "data/every-feature.yaml", &o);
        size_t n1, n2;
        char *a = render(&d1, "svg", &n1);
        char *b = render(&d2, "svg", &n2);
        if (n1 != n2 || memcmp(a, b, n1) != 0)
            print_error("engine %s differs\n", engines[e]);
        assert_int_equal(n1, n2);
        assert_memory_equal(a, b, n1);
        free(a);
        free(b);
        dia_close(&d1);
        dia_close(&d2);
    }
}

/* ---- the legend beside the drawing ---- */

typedef struct rect {
    double x1, y1, x2, y2;
} rect;

static rect bb_of(void *obj)
{
    rect r;
    const char *s = agget(obj, RG_S("bb"));
    assert_non_null(s);
    assert_int_equal(sscanf(s, "%lf,%lf,%lf,%lf", &r.x1, &r.y1, &r.x2, &r.y2), 4);
    assert_true(r.x1 < r.x2 && r.y1 < r.y2);
    return r;
}

static rect node_rect(Agnode_t *n)
{
    double x, y, w, h;
    const char *pos = agget(n, RG_S("pos"));
    assert_non_null(pos);
    assert_int_equal(sscanf(pos, "%lf,%lf", &x, &y), 2);
    assert_int_equal(sscanf(agget(n, RG_S("width")), "%lf", &w), 1);
    assert_int_equal(sscanf(agget(n, RG_S("height")), "%lf", &h), 1);
    w *= 72;
    h *= 72;
    return (rect){x - w / 2, y - h / 2, x + w / 2, y + h / 2};
}

static bool overlap(rect a, rect b)
{
    return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
}

static bool inside(rect in, rect out)
{
    /* Coordinates are printed with two decimals. */
    const double eps = 0.05;
    return in.x1 >= out.x1 - eps && in.y1 >= out.y1 - eps &&
           in.x2 <= out.x2 + eps && in.y2 <= out.y2 + eps;
}

static bool is_legend_node(const char *name)
{
    return strncmp(name, "lt", 2) == 0 || strncmp(name, "la", 2) == 0 ||
           strcmp(name, "ls") == 0 || strcmp(name, "lm") == 0 ||
           strcmp(name, "lo") == 0;
}

/* No clusters of the drawing inside the legend. */
static void assert_clusters_apart(Agraph_t *g, rect legend)
{
    for (Agraph_t *sg = agfstsubg(g); sg; sg = agnxtsubg(sg)) {
        if (strncmp(agnameof(sg), "cluster_g", 9) != 0)
            continue;
        assert_false(overlap(bb_of(sg), legend));
        assert_clusters_apart(sg, legend);
    }
}

/* Read the laid-out DOT back: the legend's box overlaps no node and no
 * cluster of the drawing, holds every legend node, and lies inside the
 * whole drawing's box. Returns where the legend is. */
static rect assert_legend_apart(const char *dot, size_t *actors)
{
    Agraph_t *g = agmemread(dot);
    assert_non_null(g);
    Agraph_t *box = agsubg(g, RG_S("cluster_legend"), 0);
    assert_non_null(box);
    rect legend = bb_of(box);
    rect all = bb_of(g);
    assert_true(inside(legend, all));
    size_t n_actors = 0, n_legend = 0;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        const char *name = agnameof(n);
        rect r = node_rect(n);
        if (name[0] == 'a' || name[0] == 'j') {
            if (overlap(r, legend))
                print_error("node %s [%g,%g %g,%g] overlaps the legend "
                            "[%g,%g %g,%g]\n", name, r.x1, r.y1, r.x2, r.y2,
                            legend.x1, legend.y1, legend.x2, legend.y2);
            assert_false(overlap(r, legend));
            assert_true(inside(r, all));
            n_actors += name[0] == 'a';
        } else if (is_legend_node(name)) {
            /* The invisible sample ends are points at the edge. */
            double x, y;
            assert_int_equal(sscanf(agget(n, RG_S("pos")), "%lf,%lf", &x, &y), 2);
            assert_true(inside((rect){x, y, x, y}, legend));
            n_legend++;
        } else {
            print_error("unexpected node %s\n", name);
            fail();
        }
    }
    assert_true(n_legend > 0);
    assert_clusters_apart(g, legend);
    agclose(g);
    if (actors)
        *actors = n_actors;
    return legend;
}

static void test_legend_apart_every_engine(void **state)
{
    (void)state;
    static const char *const files[] = {"data/every-feature.yaml",
                                        "data/iran-us-talks-2007.yaml"};
    for (size_t f = 0; f < 2; f++) {
        for (size_t e = 0; e < N_ENGINES; e++) {
            rg_options o = RG_OPTIONS_INIT;
            o.layout = engines[e];
            dia d;
            dia_open_file(&d, files[f], &o);
            char *dot = render(&d, "dot", NULL);
            size_t n;
            assert_legend_apart(dot, &n);
            assert_int_equal(n, d.m->n_actors);
            free(dot);
            dia_close(&d);
        }
    }
    for (size_t e = 0; e < N_ENGINES; e++) {
        rg_options o = RG_OPTIONS_INIT;
        o.layout = engines[e];
        dia d;
        dia_open(&d, spec_example, &o);
        char *dot = render(&d, "dot", NULL);
        size_t n;
        assert_legend_apart(dot, &n);
        assert_int_equal(n, 7);
        free(dot);
        dia_close(&d);
    }
}

/* A chain of N actors, laid out in DIRECTION. */
static char *chain(int n, const char *direction)
{
    rg_buf y = {0};
    rg_buf_printf(&y, "render: {layout: dot, direction: %s}\nactors:\n", direction);
    for (int i = 0; i < n; i++)
        rg_buf_printf(&y, "  - {id: n%d, name: Actor number %d of the chain, "
                          "kind: person}\n", i, i);
    rg_buf_puts(&y, "ties:\n");
    for (int i = 0; i + 1 < n; i++)
        rg_buf_printf(&y, "  - {from: n%d, to: n%d, kind: supports}\n", i, i + 1);
    return y.buf;
}

static void test_legend_placement(void **state)
{
    (void)state;
    /* A wide drawing: the legend goes below it, at its left edge. */
    char *yaml = chain(12, "LR");
    dia d;
    dia_open(&d, yaml, NULL);
    free(yaml);
    char *dot = render(&d, "dot", NULL);
    rect legend = assert_legend_apart(dot, NULL);
    Agraph_t *g = agmemread(dot);
    double lowest = 1e9, leftmost = 1e9;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        if (agnameof(n)[0] != 'a')
            continue;
        rect r = node_rect(n);
        lowest = r.y1 < lowest ? r.y1 : lowest;
        leftmost = r.x1 < leftmost ? r.x1 : leftmost;
    }
    agclose(g);
    if (!(legend.y2 < lowest && legend.x1 >= leftmost && legend.x1 < leftmost + 10))
        print_error("legend %g,%g %g,%g; lowest %g leftmost %g\n", legend.x1,
                    legend.y1, legend.x2, legend.y2, lowest, leftmost);
    assert_true(legend.y2 < lowest);
    /* (The legend's box has a margin of its own.) */
    assert_true(legend.x1 >= leftmost && legend.x1 < leftmost + 10);
    free(dot);
    dia_close(&d);

    /* A tall drawing: beside it, on the right. */
    yaml = chain(12, "TB");
    dia_open(&d, yaml, NULL);
    free(yaml);
    dot = render(&d, "dot", NULL);
    legend = assert_legend_apart(dot, NULL);
    g = agmemread(dot);
    double rightmost = -1e9, top = -1e9, bottom = 1e9;
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n)) {
        if (agnameof(n)[0] != 'a')
            continue;
        rect r = node_rect(n);
        rightmost = r.x2 > rightmost ? r.x2 : rightmost;
        top = r.y2 > top ? r.y2 : top;
        bottom = r.y1 < bottom ? r.y1 : bottom;
    }
    agclose(g);
    if (!(legend.x1 > rightmost && legend.y2 > top - 10 && legend.y1 > bottom))
        print_error("legend %g,%g %g,%g; rightmost %g top %g bottom %g\n",
                    legend.x1, legend.y1, legend.x2, legend.y2, rightmost, top,
                    bottom);
    assert_true(legend.x1 > rightmost);
    /* At the top. */
    assert_true(legend.y2 > top - 10);
    assert_true(legend.y1 > bottom);
    free(dot);
    dia_close(&d);
}

/* ---- every engine, every example ---- */

static void test_every_engine_renders_examples(void **state)
{
    (void)state;
    static const char *const files[] = {"data/every-feature.yaml",
                                        "data/iran-us-talks-2007.yaml", NULL};
    for (size_t f = 0; f < 3; f++) {
        for (size_t e = 0; e < N_ENGINES + 1; e++) {
            rg_options o = RG_OPTIONS_INIT;
            o.layout = e < N_ENGINES ? engines[e] : "auto";
            dia d;
            if (files[f])
                dia_open_file(&d, files[f], &o);
            else
                dia_open(&d, spec_example, &o);
            static const char *const formats[] = {"svg", "png", "pdf", "dot",
                                                  "json"};
            for (size_t i = 0; i < 5; i++) {
                size_t n;
                char *out = render(&d, formats[i], &n);
                assert_true(n > 100);
                free(out);
            }
            dia_close(&d);
        }
    }
}

/* ---- options ---- */

static void test_no_legend(void **state)
{
    (void)state;
    rg_options o = RG_OPTIONS_INIT;
    o.legend = 0;
    dia d;
    dia_open(&d, spec_example, &o);
    char *dot = render(&d, "dot", NULL);
    assert_lacks(dot, "cluster_legend");
    assert_lacks(dot, "lt0");
    char *svg = render(&d, "svg", NULL);
    assert_lacks(svg, ">Legend</text>");
    assert_lacks(svg, ">holds talks with</text>");
    assert_contains(svg, ">Ryan Crocker</text>");
    free(dot);
    free(svg);
    dia_close(&d);

    /* From the file, and the command line turning it back on. */
    const char *yaml = "actors:\n  a: {kind: person}\n  b: {}\n"
                       "ties:\n  - {from: a, to: b, kind: talks}\n"
                       "render: {legend: false}\n";
    dia_open(&d, yaml, NULL);
    svg = render(&d, "svg", NULL);
    assert_lacks(svg, "cluster_legend");
    free(svg);
    dia_close(&d);
    o.legend = 1;
    dia_open(&d, yaml, &o);
    svg = render(&d, "svg", NULL);
    assert_int_equal(count(svg, "<g id=\"legend\" class=\"cluster legend\">"), 1);
    assert_contains(svg, ">holds talks with</text>");
    assert_contains(svg, ">person</text>");
    free(svg);
    dia_close(&d);

    /* Nothing to explain: no legend even when asked. */
    memset(&d, 0, sizeof d);
    tu_begin(&d.r);
    const char *alone = "actors:\n  a: {name: Alone}\n";
    d.doc = rg_load(alone, strlen(alone), d.r.diags);
    d.m = rg_validate(d.doc, d.r.diags);
    assert_non_null(d.m);
    assert_string_equal(tu_text(&d.r), "2:3: warning: actor 'a' is in no tie\n");
    d.dg = rg_diagram_new(d.m, &o, d.r.diags);
    assert_non_null(d.dg);
    assert_string_equal(tu_text(&d.r), "2:3: warning: actor 'a' is in no tie\n");
    char *out = NULL;
    size_t len = 0;
    assert_true(rg_diagram_render(d.dg, "dot", &out, &len, d.r.diags));
    dot = out;
    assert_lacks(dot, "cluster_legend");
    assert_contains(dot, "a0");
    free(dot);
    dia_close(&d);
}

static void test_no_edge_labels(void **state)
{
    (void)state;
    const char *yaml = "actors:\n  a: {name: Alpha}\n  b: {name: Beta}\n  c: {name: Gamma}\n"
                       "ties:\n"
                       "  - {from: a, to: b, kind: accuses, label: zebra crossing, "
                       "status: alleged}\n"
                       "  - between: [a, b, c]\n"
                       "    kind: talks\n"
                       "    label: okapi summit\n";
    dia d;
    dia_open(&d, yaml, NULL);
    char *svg = render(&d, "svg", NULL);
    assert_contains(svg, ">zebra crossing</text>");
    assert_contains(svg, ">(alleged)</text>");
    assert_contains(svg, ">okapi summit</text>");
    free(svg);
    dia_close(&d);

    rg_options o = RG_OPTIONS_INIT;
    o.labels = RG_LABELS_NONE;
    dia_open(&d, yaml, &o);
    svg = render(&d, "svg", NULL);
    /* Gone from the drawing; the tooltips still tell. */
    assert_lacks(svg, ">zebra");
    assert_lacks(svg, ">(alleged)");
    assert_lacks(svg, ">okapi");
    assert_contains(svg, "<title>");
    assert_contains(svg, ">Alpha</text>");
    /* The legend still names the kinds. */
    assert_contains(svg, ">accuses</text>");
    free(svg);
    dia_close(&d);
}

/* ---- formats ---- */

static void test_formats(void **state)
{
    (void)state;
    static const struct {
        const char *path, *format;
    } cases[] = {
        {"out.svg", "svg"},
        {"out.png", "png"},
        {"out.pdf", "pdf"},
        {"out.dot", "dot"},
        {"out.gv", "gv"},
        {"out.json", "json"},
        {"out.md", "md"},
        {"/a/b/c.d.svg", "svg"},
        {"dir.v2/file.png", "png"},
        {"./x.json", "json"},
        {".svg", "svg"},
        {"out.jpg", NULL},
        {"out.svgz", NULL},
        {"out.svg.bak", NULL},
        {"out.", NULL},
        {"out", NULL},
        {"", NULL},
        {"-", NULL},
        {"dir.v2/file", NULL},
        {"dir.svg/file", NULL},
        {"dir.v2/", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *got = rg_format_from_path(cases[i].path);
        if (cases[i].format) {
            if (!got)
                print_error("%s: no format\n", cases[i].path);
            assert_non_null(got);
            assert_string_equal(got, cases[i].format);
            assert_true(rg_format_known(got));
        } else {
            if (got)
                print_error("%s: format %s\n", cases[i].path, got);
            assert_null(got);
        }
    }
    static const char *const known[] = {"svg", "png", "pdf", "dot", "gv",
                                        "json", "md"};
    for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
        assert_true(rg_format_known(known[i]));
    static const char *const unknown[] = {"", "jpg", "svgz", "ps", "xdot",
                                          "png:cairo", ".svg", "svg "};
    for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++)
        assert_false(rg_format_known(unknown[i]));
}

/* ---- Graphviz's messages ---- */

static void test_nothing_on_stderr(void **state)
{
    (void)state;
    redirect rd;
    stderr_begin(&rd);
    for (size_t e = 0; e < N_ENGINES; e++) {
        rg_options o = RG_OPTIONS_INIT;
        o.layout = engines[e];
        dia d;
        dia_open_file(&d, "data/every-feature.yaml", &o);
        static const char *const formats[] = {"svg", "png", "pdf", "dot", "json"};
        for (size_t i = 0; i < 5; i++)
            free(render(&d, formats[i], NULL));
        dia_close(&d);
    }
    char *err = stderr_end(&rd);
    assert_string_equal(err, "");
    free(err);
}

static void test_graphviz_warning_is_a_diagnostic(void **state)
{
    (void)state;
    /* A drawing wider than cairo's 32767-pixel bitmaps: the PNG renderer
     * scales it down and says so, on stderr of its own accord. (120
     * actors: still dot's, without relgraph's warning about its cost.) */
    char *yaml = chain(120, "LR");
    redirect rd;
    stderr_begin(&rd);
    dia d;
    dia_open(&d, yaml, NULL);
    free(yaml);
    char *out = NULL;
    size_t n = 0;
    bool ok = rg_diagram_render(d.dg, "png", &out, &n, d.r.diags);
    char *err = stderr_end(&rd);
    assert_true(ok);
    assert_memory_equal(out, "\x89PNG\r\n\x1a\n", 8);
    free(out);
    assert_string_equal(err, "");
    free(err);
    const char *expected = "warning: graphviz: graph is too large for "
                           "cairo-renderer bitmaps. Scaling by 0.";
    char *text = rg_xstrdup(tu_text(&d.r));
    assert_true(strncmp(text, expected, strlen(expected)) == 0);
    assert_string_equal(text + strlen(text) - 8, " to fit\n");
    assert_int_equal(count(text, "\n"), 1);
    /* A later render reports only what it says itself: nothing. */
    out = NULL;
    assert_true(rg_diagram_render(d.dg, "svg", &out, &n, d.r.diags));
    free(out);
    assert_string_equal(tu_text(&d.r), text);
    free(text);
    dia_close(&d);
}

/* ---- the timeout ---- */

static void test_timeout(void **state)
{
    (void)state;
    char *yaml = chain(2000, "TB");
    dia d;
    dia_load(&d, yaml, strlen(yaml));
    free(yaml);
    rg_options o = RG_OPTIONS_INIT;
    o.layout = "dot";
    o.timeout = 0.001;
    redirect rd;
    stderr_begin(&rd);
    d.dg = rg_diagram_new(d.m, &o, d.r.diags);
    char *err = stderr_end(&rd);
    assert_null(d.dg);
    assert_string_equal(err, "");
    free(err);
    /* Asked for dot on 2,000 actors: first the warning, naming the
     * timeout in use, then the error. */
    assert_string_equal(tu_text(&d.r),
                        "warning: layout 'dot' on a graph of 2000 nodes and "
                        "1999 edges may take longer than the timeout of "
                        "0.001 s, and draws it very large; layout 'auto' (or "
                        "-K sfdp) lays it out in seconds\n"
                        "error: the 'dot' layout of 2000 nodes and 1999 edges "
                        "took longer than 0.001 s; try -K sfdp, which is much "
                        "faster on large graphs, or a longer --timeout\n");
    dia_close(&d);

    /* sfdp is already the fast engine: the advice is another. */
    yaml = chain(2000, "TB");
    dia_load(&d, yaml, strlen(yaml));
    free(yaml);
    o.layout = "sfdp";
    stderr_begin(&rd);
    d.dg = rg_diagram_new(d.m, &o, d.r.diags);
    err = stderr_end(&rd);
    assert_null(d.dg);
    assert_string_equal(err, "");
    free(err);
    assert_string_equal(tu_text(&d.r),
                        "error: the 'sfdp' layout of 2000 nodes and 1999 edges "
                        "took longer than 0.001 s; try --no-edge-labels, a "
                        "filter (--focus, --kinds) or a longer --timeout\n");
    dia_close(&d);

    /* With time enough, the same graph lays out. */
    yaml = chain(50, "TB");
    o.layout = "dot";
    o.timeout = 60;
    dia_open(&d, yaml, &o);
    free(yaml);
    free(render(&d, "svg", NULL));
    dia_close(&d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_svg_escapes_hostile_text),
        cmocka_unit_test(test_svg_of_data_files_is_xml),
        cmocka_unit_test(test_one_layout_many_renders),
        cmocka_unit_test(test_deterministic_across_layouts),
        cmocka_unit_test(test_legend_apart_every_engine),
        cmocka_unit_test(test_legend_placement),
        cmocka_unit_test(test_every_engine_renders_examples),
        cmocka_unit_test(test_no_legend),
        cmocka_unit_test(test_no_edge_labels),
        cmocka_unit_test(test_formats),
        cmocka_unit_test(test_nothing_on_stderr),
        cmocka_unit_test(test_graphviz_warning_is_a_diagnostic),
        cmocka_unit_test(test_timeout),
    };
    return cmocka_run_group_tests_name("render", tests, NULL, NULL);
}
