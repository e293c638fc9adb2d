/*
 * test_page_check.c - tests/page_check.py, the independent reader of a
 * laid-out drawing's geometry (relgraph's -o FILE.json) on a page:
 *   - its unit tests, tests/test_page_check.py, pass (hand-built layouts
 *     with known answers for every measure);
 *   - on relgraph's own output for a two-actor file it finds no defect,
 *     reads the smallest text, and its thresholds decide its exit status;
 *   - it reads relgraph's output for every file in data/ and every story
 *     in tests/data/stories/, at A4 (a printable area of 190 x 277 mm,
 *     either way round), and prints its one line of figures.
 */
#include "cliutil.h"

#define CHECKER "tests/page_check.py"

static void test_unit_tests_pass(void **state)
{
    (void)state;
    cu_result r = CU_EXEC(NULL, cu_python(), "tests/test_page_check.py");
    if (r.status != 0)
        fail_msg("tests/test_page_check.py: status %d\n%s%s", r.status, r.out, r.err);
    /* unittest reports on stderr: "Ran N tests in ...", then "OK". */
    const char *ran = strstr(r.err, "\nRan ");
    assert_non_null(ran);
    assert_true(atoi(ran + 5) >= 30);
    assert_non_null(strstr(r.err, "\nOK\n"));
    cu_result_free(&r);
}

static void test_a_plain_drawing(void **state)
{
    (void)state;
    const char *yaml = cu_path("two.yaml"), *json = cu_path("two.json");
    cu_write(yaml, "actors:\n"
                   "  a: {name: Norland, kind: country}\n"
                   "  b: {name: Inès Varga, kind: person, role: Mayor of Lakeport}\n"
                   "ties:\n"
                   "  - {from: a, to: b, kind: talks, label: harbour talks}\n");
    cu_result r = CU_RUN(NULL, "--no-legend", yaml, "-o", json);
    assert_int_equal(r.status, 0);
    cu_result_free(&r);

    /* On a page larger than the drawing: no defect, scale 1, and the
     * smallest text is the smallest font. */
    r = CU_EXEC(NULL, cu_python(), CHECKER, json, "100in", "100in", "--goal");
    if (r.status != 0)
        fail_msg("status %d:\n%s%s", r.status, r.out, r.err);
    assert_string_equal(r.err, "");
    static const char zeros[] =
        "overlaps=0 edge_text=0 edge_actors=0 edge_groups=0 crossings=0 label_gap=";
    if (strncmp(r.out, zeros, sizeof zeros - 1) != 0)
        fail_msg("not a clean drawing: %s", r.out);
    assert_string_equal(cu_figure(r.out, "scale"), "1.000");
    assert_string_equal(cu_figure(r.out, "orientation"), "portrait");
    char font[64];
    snprintf(font, sizeof font, "%s", cu_figure(r.out, "font_min"));
    assert_true(atof(font) >= 6 && atof(font) <= 14);
    assert_true(atof(cu_figure(r.out, "text_min")) == atof(font));
    assert_string_equal(cu_figure(r.out, "nodes"), "2");
    assert_string_equal(cu_figure(r.out, "edges"), "1");
    assert_true(strchr(r.out, '\n') == r.out + r.out_len - 1);
    cu_result_free(&r);

    /* On a stamp, the text is too small to read: exit status 1, and why. */
    r = CU_EXEC(NULL, cu_python(), CHECKER, json, "1cm", "1cm", "--goal");
    assert_int_equal(r.status, 1);
    assert_non_null(strstr(r.err, ": text_min="));
    assert_non_null(strstr(r.err, ", wanted at least 6\n"));
    cu_result_free(&r);

    /* Not a layout: exit status 2. */
    r = CU_EXEC(NULL, cu_python(), CHECKER, yaml, "1cm", "1cm");
    assert_int_equal(r.status, 2);
    assert_string_equal(r.out, "");
    assert_non_null(strstr(r.err, "not JSON"));
    cu_result_free(&r);
}

static void test_every_drawing_is_read(void **state)
{
    (void)state;
    size_t nd, ns;
    char **data = cu_glob("data", ".yaml", &nd);
    char **stories = cu_glob("tests/data/stories", ".yaml", &ns);
    assert_true(nd >= 3 && ns >= 6);
    static const char *const keys[] = {
        "overlaps", "edge_text", "edge_actors", "edge_groups", "crossings", "label_gap",
        "font_min", "scale", "text_min", "page_used", "orientation", "drawing", "page",
        "texts", "nodes", "edges"};
    for (size_t i = 0; i < nd + ns; i++) {
        const char *f = i < nd ? data[i] : stories[i - nd];
        const char *json = cu_path("x.json");
        cu_result r = CU_RUN(NULL, "-q", f, "-o", json);
        if (r.status != 0)
            fail_msg("%s: relgraph status %d: %s", f, r.status, r.err);
        cu_result_free(&r);
        r = CU_EXEC(NULL, cu_python(), CHECKER, json, "190mm", "277mm",
                    "--orientation", "auto");
        if (r.status != 0 || *r.err)
            fail_msg("%s: page_check status %d:\n%s%s", f, r.status, r.out, r.err);
        /* The keys, in order, each once. */
        const char *p = r.out;
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            char pat[64];
            snprintf(pat, sizeof pat, "%s%s=", k ? " " : "", keys[k]);
            if (strncmp(p, pat, strlen(pat)) != 0)
                fail_msg("%s: expected '%s' at: %s", f, pat, p);
            p += strlen(pat) + strcspn(p + strlen(pat), " \n");
        }
        assert_string_equal(p, "\n");
        assert_true(atoi(cu_figure(r.out, "nodes")) > 2 && atoi(cu_figure(r.out, "edges")) > 2);
        double scale = atof(cu_figure(r.out, "scale"));
        assert_true(scale > 0 && scale <= 1);
        cu_result_free(&r);
    }
    cu_glob_free(data);
    cu_glob_free(stories);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_unit_tests_pass),
        cmocka_unit_test_setup_teardown(test_a_plain_drawing, cu_setup, cu_teardown),
        cmocka_unit_test_setup_teardown(test_every_drawing_is_read, cu_setup, cu_teardown),
    };
    return cmocka_run_group_tests_name("page_check", tests, NULL, NULL);
}
