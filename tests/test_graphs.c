/*
 * test_graphs.c - `make check-graphs` and `make graphs`, run on a copy of
 * the Makefile, data/ and graphs/ with the binary under test ($RELGRAPH,
 * default ./relgraph) as the copy's ./relgraph, which make is told not to
 * rebuild (-o relgraph: the copy has no src/):
 *   - check-graphs passes on graphs/ as it is;
 *   - after a data file is edited, it fails naming exactly the outputs
 *     the Makefile's GRAPHS list renders from that file, and `make graphs`
 *     brings graphs/ up to date again;
 *   - a missing output is named as stale, a file the list does not make
 *     as not generated.
 * Each test renders the whole list a few times: some seconds.
 */
#include "cliutil.h"

/* ---- the Makefile's GRAPHS list ---- */

typedef struct graph_output {
    char input[128];  /* a file in data/ */
    char output[128]; /* a file in graphs/ */
} graph_output;

static graph_output outputs[64];
static size_t n_outputs;

/* Reads the lines "INPUT | OPTIONS | OUTPUTS" of the copy's Makefile's
 * GRAPHS list into outputs[], in order. */
static void read_graphs_list(void)
{
    char *mk = cu_text(cu_path("Makefile"));
    char *list = cu_between(mk, "\ndefine GRAPHS\n", "\nendef");
    free(mk);
    n_outputs = 0;
    char *save_line;
    for (char *line = strtok_r(list, "\n", &save_line); line;
         line = strtok_r(NULL, "\n", &save_line)) {
        char *bar1 = strchr(line, '|'), *bar2 = bar1 ? strchr(bar1 + 1, '|') : NULL;
        if (!bar2)
            fail_msg("GRAPHS line without two '|': %s", line);
        *bar1 = '\0';
        char input[128];
        if (sscanf(line, " %127s", input) != 1)
            fail_msg("GRAPHS line without an input");
        char *save_out;
        for (char *out = strtok_r(bar2 + 1, " \t", &save_out); out;
             out = strtok_r(NULL, " \t", &save_out)) {
            assert_true(n_outputs < sizeof outputs / sizeof outputs[0]);
            graph_output *g = &outputs[n_outputs++];
            snprintf(g->input, sizeof g->input, "%s", input);
            snprintf(g->output, sizeof g->output, "%s", out);
        }
    }
    free(list);
    assert_true(n_outputs > 0);
}

/* ---- comparing what check-graphs prints ---- */

static int compare_strings(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* TEXT's lines, sorted, each ending in a newline (owned): check-graphs
 * names files in the order of ls, which depends on the locale. */
static char *sorted_lines(const char *text)
{
    char *copy = rg_xstrdup(text), *lines[256], *save;
    size_t n = 0;
    for (char *l = strtok_r(copy, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        assert_true(n < sizeof lines / sizeof lines[0]);
        lines[n++] = l;
    }
    qsort(lines, n, sizeof lines[0], compare_strings);
    rg_buf b = {0};
    rg_buf_puts(&b, "");
    for (size_t i = 0; i < n; i++)
        rg_buf_printf(&b, "%s\n", lines[i]);
    free(copy);
    return b.buf;
}

static void assert_same_lines(const char *actual, const char *expected)
{
    char *a = sorted_lines(actual), *e = sorted_lines(expected);
    assert_string_equal(a, e);
    free(a);
    free(e);
}

/* ---- the copy ---- */

static int setup_copy(void **state)
{
    if (cu_setup(state) != 0)
        return -1;
    cu_result r = CU_EXEC(NULL, "cp", "-R", "Makefile", "data", "graphs", "share", cu_dir);
    int ok = r.status == 0;
    if (!ok)
        fprintf(stderr, "copying the tree: %s", r.err);
    cu_result_free(&r);
    r = CU_EXEC(NULL, "cp", cu_binary(), cu_path("relgraph"));
    if (r.status != 0) {
        fprintf(stderr, "copying %s: %s", cu_binary(), r.err);
        ok = 0;
    }
    cu_result_free(&r);
    if (!ok)
        cu_teardown(state);
    return ok ? 0 : -1;
}

/* `make TARGET` in the copy, without rebuilding ./relgraph. */
static cu_result make_in_copy(const char *target)
{
    return CU_MAKE(cu_dir, target);
}

/* `make graphs` in the copy: graphs/ as this binary renders the data. */
static void regenerate(void)
{
    cu_result r = make_in_copy("graphs");
    if (r.status != 0)
        fail_msg("make graphs (status %d):\n%s%s", r.status, r.out, r.err);
    assert_string_equal(r.out, "graphs/ regenerated\n");
    cu_result_free(&r);
}

static void assert_up_to_date(const char *when)
{
    cu_result r = make_in_copy("check-graphs");
    if (r.status != 0 || strcmp(r.out, "graphs/ is up to date\n") != 0)
        fail_msg("make check-graphs %s (status %d):\n%s%s", when, r.status, r.out,
                 r.err);
    cu_result_free(&r);
}

/* ---- the tests ---- */

static void test_graphs_are_up_to_date(void **state)
{
    (void)state;
    assert_up_to_date("on graphs/ as it is; run 'make graphs' if the change "
                      "that made them stale is meant");
}

/* The title line of data/INPUT in the copy is replaced: every view of the
 * file shows the title, so every output made from it changes. */
static void edit_title(const char *input)
{
    char rel[160];
    snprintf(rel, sizeof rel, "data/%s", input);
    char *text = cu_text(cu_path(rel));
    char *line = strncmp(text, "title:", 6) == 0 ? text : strstr(text, "\ntitle:");
    if (!line)
        fail_msg("%s has no top-level title", rel);
    if (line != text)
        line++;
    size_t eol = strcspn(line, "\n");
    rg_buf b = {0};
    rg_buf_add(&b, text, (size_t)(line - text));
    rg_buf_puts(&b, "title: Edited and not rendered again");
    rg_buf_puts(&b, line + eol);
    cu_write(cu_path(rel), b.buf);
    free(b.buf);
    free(text);
}

static void test_edited_data_file_is_named(void **state)
{
    (void)state;
    read_graphs_list();
    regenerate(); /* whatever state the tree's graphs/ is in */

    const char *input = outputs[0].input;
    edit_title(input);
    rg_buf expected = {0};
    rg_buf_puts(&expected, "");
    size_t others = 0;
    for (size_t i = 0; i < n_outputs; i++) {
        if (strcmp(outputs[i].input, input) == 0)
            rg_buf_printf(&expected, "stale: graphs/%s (run 'make graphs')\n",
                          outputs[i].output);
        else
            others++;
    }
    assert_true(others > 0); /* outputs that must not be named */
    /* The sample report draws the file too: its HTML, and its figure of
     * the file, whose cached drawing and summary are named by a hash of
     * the data (the old pair not made again, the new pair new). */
    char *report = cu_text(cu_path("data/report.md"));
    bool in_report = strstr(report, input) != NULL;
    free(report);
    if (in_report)
        rg_buf_puts(&expected, "stale: graphs/report.html (run 'make graphs')\n");
    cu_result r = make_in_copy("check-graphs");
    assert_int_not_equal(r.status, 0);
    rg_buf rest = RG_BUF_INIT;
    size_t new_figures = 0, old_figures = 0;
    char *out = rg_xstrdup(r.out);
    for (char *l = strtok(out, "\n"); l; l = strtok(NULL, "\n")) {
        if (strncmp(l, "stale: graphs/report-figures/", 29) == 0)
            new_figures++;
        else if (strncmp(l, "not generated: graphs/report-figures/", 37) == 0)
            old_figures++;
        else
            rg_buf_printf(&rest, "%s\n", l);
    }
    free(out);
    assert_int_equal(new_figures, in_report ? 2 : 0);
    assert_int_equal(old_figures, in_report ? 2 : 0);
    /* The outputs of that file, each once, and no other. */
    assert_same_lines(rest.buf, expected.buf);
    rg_buf_free(&rest);
    assert_null(strstr(r.err, "error:")); /* relgraph rendered them all */
    cu_result_free(&r);
    free(expected.buf);

    /* What the message says to do is enough. */
    regenerate();
    assert_up_to_date("after make graphs");
}

static void test_missing_and_extra_files_are_named(void **state)
{
    (void)state;
    read_graphs_list();
    regenerate();
    const char *gone = outputs[n_outputs - 1].output;
    for (size_t i = 0; i < n_outputs; i++)
        assert_string_not_equal(outputs[i].output, "old-view.svg");
    char rel[160];
    snprintf(rel, sizeof rel, "graphs/%s", gone);
    assert_int_equal(unlink(cu_path(rel)), 0);
    cu_write(cu_path("graphs/old-view.svg"), "<svg/>\n");

    cu_result r = make_in_copy("check-graphs");
    assert_int_not_equal(r.status, 0);
    rg_buf expected = {0};
    rg_buf_printf(&expected,
                  "stale: graphs/%s (run 'make graphs')\n"
                  "not generated: graphs/old-view.svg\n",
                  gone);
    assert_same_lines(r.out, expected.buf);
    free(expected.buf);
    cu_result_free(&r);
}

/* A data file relgraph refuses: its error, and no verdict on graphs/. */
static void test_invalid_data_stops_the_check(void **state)
{
    (void)state;
    read_graphs_list();
    char rel[160];
    snprintf(rel, sizeof rel, "data/%s", outputs[0].input);
    char *text = cu_text(cu_path(rel));
    rg_buf b = {0};
    rg_buf_puts(&b, text);
    rg_buf_puts(&b, "bad: [\n");
    cu_write(cu_path(rel), b.buf);
    free(b.buf);
    free(text);
    cu_result r = make_in_copy("check-graphs");
    assert_int_not_equal(r.status, 0);
    assert_string_equal(r.out,
                        "check-graphs: relgraph failed on the data; graphs/ not checked\n");
    char prefix[200];
    snprintf(prefix, sizeof prefix, "%s:", rel);
    assert_true(strncmp(r.err, prefix, strlen(prefix)) == 0);
    assert_non_null(strstr(r.err, ": error: "));
    cu_result_free(&r);
}

int main(void)
{
    cu_make_on_its_own();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_graphs_are_up_to_date, setup_copy,
                                        cu_teardown),
        cmocka_unit_test_setup_teardown(test_edited_data_file_is_named, setup_copy,
                                        cu_teardown),
        cmocka_unit_test_setup_teardown(test_invalid_data_stops_the_check, setup_copy,
                                        cu_teardown),
        cmocka_unit_test_setup_teardown(test_missing_and_extra_files_are_named,
                                        setup_copy, cu_teardown),
    };
    return cmocka_run_group_tests_name("graphs", tests, NULL, NULL);
}
