/*
 * test_svg.c - evidence in the SVG (svg.c, with build.c's notes): stable
 * ids, class names by kind and status, tooltips, links, the root's title
 * and description, and escaping of everything that comes from the file.
 */
#include "testutil.h"
#include "gv.h"

#include <unistd.h>

/* ---- rg_svg_finish on its own ---- */

static void test_finish_rewrites_groups(void **state)
{
    (void)state;
    rg_svg_notes *n = rg_svg_notes_new();
    n->title = "T & <co>";
    n->desc = "Folded text.\n";
    const char *a = rg_svg_note(n, "actor-us", "actor kind-country",
                                "United States\n\"the U.S.\"", NULL);
    const char *t = rg_svg_note(n, "tie-3", "tie kind-talks status-alleged",
                                "A holds talks with B",
                                "https://example.org/?a=1&b=2");
    assert_string_equal(a, "rgo0");
    assert_string_equal(t, "rgo1");
    const char *in =
        "<?xml version=\"1.0\"?>\n"
        "<svg width=\"10pt\" height=\"10pt\"\n"
        " viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        "<g id=\"graph0\" class=\"graph\">\n"
        "<title>relgraph</title>\n"
        "<g id=\"rgo0\" class=\"node\">\n"
        "<title>a0</title>\n"
        "<ellipse/>\n"
        "</g>\n"
        "<g id=\"rgo1\" class=\"edge\">\n"
        "<title>a0&#45;&gt;a1</title>\n"
        "<path/>\n"
        "</g>\n"
        "<g id=\"node9\" class=\"node\">\n"
        "<title>lt1</title>\n"
        "</g>\n"
        "</g>\n"
        "</svg>\n";
    size_t len;
    char *out = rg_svg_finish(in, strlen(in), n, &len);
    assert_int_equal(len, strlen(out));
    assert_string_equal(out,
        "<?xml version=\"1.0\"?>\n"
        "<svg width=\"10pt\" height=\"10pt\"\n"
        " viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\">\n"
        "<title>T &amp; &lt;co&gt;</title>\n"
        "<desc>Folded text.</desc>\n"
        "<g id=\"graph0\" class=\"graph\">\n"
        "<title>T &amp; &lt;co&gt;</title>\n"
        "<g id=\"actor-us\" class=\"node actor kind-country\">\n"
        "<title>United States\n&quot;the U.S.&quot;</title>\n"
        "<ellipse/>\n"
        "</g>\n"
        "<g id=\"tie-3\" class=\"edge tie kind-talks status-alleged\">\n"
        "<title>A holds talks with B</title>\n"
        "<a xlink:href=\"https://example.org/?a=1&amp;b=2\" target=\"_top\">\n"
        "<path/>\n"
        "</a>\n"
        "</g>\n"
        "<g id=\"node9\" class=\"node\">\n"
        "<title>lt1</title>\n"
        "</g>\n"
        "</g>\n"
        "</svg>\n");
    free(out);
    rg_svg_notes_free(n);
}

/* An object with no tooltip loses Graphviz's internal title. */
static void test_finish_without_title(void **state)
{
    (void)state;
    rg_svg_notes *n = rg_svg_notes_new();
    rg_svg_note(n, "legend", "legend", NULL, NULL);
    const char *in = "<g id=\"rgo0\" class=\"cluster\">\n<title>cluster_legend</title>\n"
                     "<path/>\n</g>\n";
    size_t len;
    char *out = rg_svg_finish(in, strlen(in), n, &len);
    assert_string_equal(out, "<g id=\"legend\" class=\"cluster legend\">\n<path/>\n</g>\n");
    free(out);
    /* A token that names no object is left alone. */
    in = "<g id=\"rgo7\" class=\"node\">\n<title>x</title>\n</g>\n";
    out = rg_svg_finish(in, strlen(in), n, &len);
    assert_string_equal(out, in);
    free(out);
    rg_svg_notes_free(n);
}

/* ---- through the whole pipeline ---- */

static char *render_svg(const char *yaml)
{
    tu_run r;
    tu_begin(&r);
    rg_doc *doc = NULL;
    rg_model *m = tu_model(&r, yaml, &doc);
    assert_non_null(m);
    rg_options o = RG_OPTIONS_INIT;
    rg_diagram *dg = rg_diagram_new(m, &o, r.diags);
    assert_non_null(dg);
    char *svg = NULL;
    size_t len = 0;
    assert_true(rg_diagram_render(dg, "svg", &svg, &len, r.diags));
    assert_string_equal(tu_text(&r), "");
    rg_diagram_free(dg);
    rg_model_free(m);
    rg_doc_free(doc);
    tu_done(&r);
    return svg;
}

/* The SVG must be well-formed XML: xmllint is installed by `make deps`. */
static void assert_xml(const char *svg)
{
    char path[] = "/tmp/rgsvg-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(svg, f);
    fclose(f);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "xmllint --noout --nonet %s", path);
    int rc = system(cmd);
    unlink(path);
    assert_int_equal(rc, 0);
}

static void assert_contains(const char *hay, const char *needle)
{
    if (!strstr(hay, needle))
        fail_msg("missing: %s", needle);
}

static const char evidence[] =
    "relgraph: 1\n"
    "title: Talks & <claims>\n"
    "description: >\n"
    "  Who met whom.\n"
    "sources:\n"
    "  cbs: {title: 'U.S., Iran Hold Meeting', publisher: CBS News, date: 2007-05-28,\n"
    "        url: 'https://www.cbsnews.com/x?a=1&b=2'}\n"
    "  notes: {title: Field notes}\n"
    "groups:\n"
    "  usa: {name: United States side}\n"
    "actors:\n"
    "  us: {name: United States, kind: country, group: usa, aliases: [Washington, U.S.]}\n"
    "  iran: {name: Iran, kind: country, url: 'https://en.wikipedia.org/wiki/Iran'}\n"
    "  crocker: {name: Ryan Crocker, kind: person, role: Ambassador, group: usa,\n"
    "            note: Said \"businesslike\".}\n"
    "ties:\n"
    "  - {from: us, to: iran, kind: accuses, label: arming militias, date: 2007-05-28,\n"
    "     status: alleged, weight: 4, sources: [notes, cbs]}\n"
    "  - id: baghdad-talks\n"
    "    between: [crocker, iran, us]\n"
    "    kind: talks\n"
    "    start: 2007-05\n"
    "    end: 2007-06\n"
    "    source: cbs\n";

static void test_ids_classes_tooltips_links(void **state)
{
    (void)state;
    char *svg = render_svg(evidence);
    assert_xml(svg);
    /* The root tells assistive tools what the picture is. */
    assert_contains(svg, "<title>Talks &amp; &lt;claims&gt;</title>\n"
                         "<desc>Who met whom.</desc>\n");
    /* Actors: id from the YAML id, classes by kind and group, tooltip
     * (with the group), link. */
    assert_contains(svg,
        "<g id=\"actor-us\" class=\"node actor kind-country group-usa\">\n"
        "<title>United States\n(country)\nIn: United States side\n"
        "Also known as: Washington, U.S.</title>\n");
    assert_contains(svg,
        "<g id=\"actor-iran\" class=\"node actor kind-country\">\n"
        "<title>Iran\n(country)</title>\n"
        "<a xlink:href=\"https://en.wikipedia.org/wiki/Iran\" target=\"_top\">\n");
    assert_contains(svg,
        "<g id=\"actor-crocker\" class=\"node actor kind-person group-usa\">\n"
        "<title>Ryan Crocker\nAmbassador\n(person)\nIn: United States side\n"
        "Said &quot;businesslike&quot;.</title>\n");
    /* Ties: by position, classes by kind and status; the link is the
     * first source that has a URL. */
    assert_contains(svg,
        "<g id=\"tie-1\" class=\"edge tie kind-accuses status-alleged\">\n"
        "<title>United States accuses Iran \xE2\x80\x94 arming militias\n"
        "2007-05-28, alleged\n"
        "weight 4 of 5\n"
        "Sources:\n"
        "- Field notes\n"
        "- CBS News, 2007-05-28: U.S., Iran Hold Meeting</title>\n"
        "<a xlink:href=\"https://www.cbsnews.com/x?a=1&amp;b=2\" target=\"_top\">\n");
    /* A multi-party tie: its junction has the tie's own id, each line the
     * tie's id and the party's. */
    const char *talks_tip =
        "<title>Ryan Crocker, Iran and United States hold talks\n"
        "2007-05 to 2007-06\n"
        "Source: CBS News, 2007-05-28: U.S., Iran Hold Meeting</title>\n";
    rg_buf b = {0};
    rg_buf_printf(&b, "<g id=\"tie-baghdad-talks\" class=\"node tie kind-talks\">\n%s",
                  talks_tip);
    assert_contains(svg, b.buf);
    b.len = 0;
    rg_buf_printf(&b, "<g id=\"tie-baghdad-talks-iran\" class=\"edge tie kind-talks\">\n%s",
                  talks_tip);
    assert_contains(svg, b.buf);
    free(b.buf);
    /* Groups and the legend can be styled or hidden by a report's CSS. */
    assert_contains(svg, "<g id=\"group-usa\" class=\"cluster group\">\n"
                         "<title>United States side</title>\n");
    assert_contains(svg, "<g id=\"legend\" class=\"cluster legend\">\n<title>Legend</title>\n");
    /* No internal names are left as titles. */
    assert_null(strstr(svg, "<title>a0</title>"));
    assert_null(strstr(svg, "<title>relgraph</title>"));
    free(svg);
}

/* Ids that look like generated ones but spell nobody else's: every id
 * in the SVG names one element. */
static void test_every_id_once(void **state)
{
    (void)state;
    char *svg = render_svg("actors:\n"
                           "  a: {name: A}\n"
                           "  b: {name: B}\n"
                           "  c: {name: C}\n"
                           "ties:\n"
                           "  - {from: a, to: b, kind: talks, id: \"1\"}\n"
                           "  - {from: a, to: c, kind: talks, id: \"3\"}\n"
                           "  - {between: [a, b, c], kind: talks, id: \"2\"}\n"
                           "  - {between: [a, b, c], kind: accuses}\n"
                           "  - {from: b, to: c, kind: talks, id: 2-x}\n");
    assert_xml(svg);
    size_t n = 0;
    const char *ids[64];
    for (const char *p = strstr(svg, " id=\""); p; p = strstr(p + 1, " id=\"")) {
        const char *v = p + 5;
        size_t len = strcspn(v, "\"");
        for (size_t i = 0; i < n; i++)
            if (strncmp(ids[i], v, len) == 0 && ids[i][len] == '"')
                fail_msg("id %.*s twice", (int)len, v);
        assert_true(n < 64);
        ids[n++] = v;
    }
    static const char *const want[] = {
        "tie-1", "tie-3", "tie-2", "tie-2-a", "tie-2-b", "tie-2-c",
        "tie-4", "tie-4-a", "tie-4-b", "tie-4-c", "tie-2-x"};
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
        rg_buf b = {0};
        rg_buf_printf(&b, " id=\"%s\"", want[i]);
        assert_contains(svg, b.buf);
        free(b.buf);
    }
    free(svg);
}

static void test_hostile_text_is_inert(void **state)
{
    (void)state;
    char *svg = render_svg(
        "title: \"<script>alert(1)</script> ]]> &amp;\"\n"
        "description: \"</desc><script>x</script>\"\n"
        "actors:\n"
        "  a: {name: \"<script>alert('x')</script>\", note: \"]]><!-- \\\\N &lt;\",\n"
        "      role: \"\\\\G \\\\L {record|<port>}\"}\n"
        "  b: {name: '\" onmouseover=\"alert(1)'}\n"
        "ties:\n"
        "  - {from: a, to: b, kind: talks, label: \"</text><a xlink:href='javascript:x'>\"}\n");
    assert_xml(svg);
    /* No element or attribute the input could have injected. */
    assert_null(strstr(svg, "<script"));
    assert_null(strstr(svg, "href=\"javascript"));
    assert_null(strstr(svg, "href='javascript"));
    assert_contains(svg, "&lt;a xlink:href=&#39;javascript:x&#39;&gt;");
    assert_null(strstr(svg, "onmouseover=\""));
    assert_null(strstr(svg, "<!-- \\N"));
    assert_contains(svg, "<title>&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp;amp;</title>");
    assert_contains(svg, "<desc>&lt;/desc&gt;&lt;script&gt;x&lt;/script&gt;</desc>");
    /* Graphviz's escapes are shown literally, not expanded. */
    assert_contains(svg, ">\\G \\L {record|&lt;port&gt;}</text>");
    assert_contains(svg, "\n]]&gt;&lt;!-- \\N &amp;lt;</title>");
    free(svg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_finish_rewrites_groups),
        cmocka_unit_test(test_finish_without_title),
        cmocka_unit_test(test_ids_classes_tooltips_links),
        cmocka_unit_test(test_every_id_once),
        cmocka_unit_test(test_hostile_text_is_inert),
    };
    return cmocka_run_group_tests_name("svg", tests, NULL, NULL);
}
