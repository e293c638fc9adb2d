/*
 * test_cli.c - drives the relgraph binary (path in $RELGRAPH, default
 * ./relgraph): exit statuses, several outputs from one run, standard input
 * and output, old outputs intact after a failed run, usage errors.
 */
#include "cliutil.h"

static const char small[] = CU_SMALL;

static const char lonely[] =
    "actors:\n"
    "  a: {name: Alpha}\n"
    "  b: {name: Beta}\n"
    "  c: {name: Gamma}\n"
    "ties:\n"
    "  - {from: a, to: b, kind: talks}\n";

static const char broken[] =
    "actors:\n"
    "  a: {name: Alpha}\n"
    "ties:\n"
    "  - {from: a, to: zz, kind: talks}\n";

static void test_help_and_version(void **state)
{
    (void)state;
    cu_result r = CU_RUN(NULL, "--help");
    assert_true(strncmp(r.out, "Usage: relgraph [OPTIONS] FILE.yaml", 35) == 0);
    cu_expect(&r, 0, "");
    r = CU_RUN(NULL, "-V");
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "relgraph " RG_VERSION " (Graphviz ", 20) == 0);
    assert_non_null(strstr(r.out, ")\n"));
    cu_result_free(&r);
}

static void test_usage_errors(void **state)
{
    (void)state;
    const char *in = cu_input(small);
    cu_result r = CU_RUN(NULL, "--bogus", in);
    cu_expect(&r, 2, "relgraph: error: unknown option '--bogus'\n"
                     "Try 'relgraph --help' for more information.\n");

    r = CU_RUN(NULL, (const char *)NULL);
    cu_expect_part(&r, 2, "no input file");
    r = CU_RUN(NULL, in, "-o", cu_path("out.xyz"));
    cu_expect_part(&r, 2, "cannot tell the format of");
    r = CU_RUN(NULL, in, "-K", "spring");
    cu_expect_part(&r, 2,
                   "unknown layout 'spring' (dot neato fdp sfdp circo twopi auto)");
    r = CU_RUN(NULL, in, "-o", "-");
    cu_expect_part(&r, 2, "-o - needs a format");

    /* The output may not be the input. */
    r = CU_RUN(NULL, in, "-o", in, "-T", "svg");
    assert_int_equal(r.status, 2);
    char *expected = cu_format("relgraph: error: output '%s' is the input file\n", in);
    assert_true(strncmp(r.err, expected, strlen(expected)) == 0);
    free(expected);
    cu_assert_text(in, small);
    cu_result_free(&r);
}

static void test_svg_to_stdout(void **state)
{
    (void)state;
    const char *in = cu_input(small);
    cu_result r = CU_RUN(NULL, in);
    assert_true(strncmp(r.out, "<?xml", 5) == 0);
    assert_non_null(strstr(r.out, "</svg>"));
    assert_non_null(strstr(r.out, ">Alpha</text>"));
    cu_expect(&r, 0, "");
}

static void test_stdin_to_stdout_with_format(void **state)
{
    (void)state;
    cu_result r = CU_RUN(small, "-", "-o", "-", "-T", "dot");
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "digraph relgraph {", 18) == 0);
    cu_result_free(&r);
    /* Errors name standard input. */
    r = CU_RUN(broken, "-");
    assert_int_equal(r.out_len, 0);
    cu_expect(&r, 1,
              "<stdin>:4:19: error: unknown actor 'zz'; define it under 'actors:'\n");
}

static void test_several_outputs_one_run(void **state)
{
    (void)state;
    const char *in = cu_input(small);
    cu_result r = CU_RUN(NULL, in, "-o", cu_path("o.svg"),
                         "-o", cu_path("o.png"), "-o", cu_path("o.pdf"),
                         "-o", cu_path("o.dot"), "-o", cu_path("o.gv"),
                         "-o", cu_path("o.json"), "-o", cu_path("o.data"),
                         "-T", "svg");
    cu_expect(&r, 0, "");
    size_t len;
    char *s = cu_read(cu_path("o.svg"), &len);
    assert_non_null(strstr(s, "<svg"));
    free(s);
    s = cu_read(cu_path("o.png"), &len);
    assert_true(len > 8 && memcmp(s, "\x89PNG\r\n\x1a\n", 8) == 0);
    free(s);
    s = cu_read(cu_path("o.pdf"), &len);
    assert_true(len > 5 && memcmp(s, "%PDF-", 5) == 0);
    free(s);
    s = cu_read(cu_path("o.dot"), &len);
    assert_true(strncmp(s, "digraph relgraph {", 18) == 0);
    char *gv = cu_read(cu_path("o.gv"), NULL);
    assert_string_equal(s, gv); /* one layout: both DOT files agree */
    free(gv);
    free(s);
    s = cu_read(cu_path("o.json"), &len);
    assert_true(s[0] == '{');
    assert_non_null(strstr(s, "\"name\": \"relgraph\""));
    free(s);
    s = cu_read(cu_path("o.data"), &len); /* -T for an unknown extension */
    assert_non_null(strstr(s, "<svg"));
    free(s);
    cu_assert_listing("in.yaml o.data o.dot o.gv o.json o.pdf o.png o.svg");
}

/* Runs that fail, each as a test of its own: the old output is as it
 * was, and no other file is left. */
static const struct kept_case {
    const char *name;
    const char *input;
    const char *old, *old_text; /* the old output and its text */
    const char *in_the_way;     /* a regular file made first, or NULL */
    const char *outputs[3];     /* each -o, in the scratch directory */
    int status;
    const char *err, *err_path; /* ERR's %s: ERR_PATH in the scratch directory */
    const char *listing;
} kept_cases[] = {
    {"test_invalid_input_keeps_old_output", broken, "old.svg", "previous picture\n",
     NULL, {"old.svg"}, 1,
     "%s:4:19: error: unknown actor 'zz'; define it under 'actors:'\n", "in.yaml",
     "in.yaml old.svg"},
    /* The second output's directory is a regular file: staging fails, and
     * the first output must not have been replaced. */
    {"test_unwritable_output_keeps_others", small, "a.svg", "old a\n", "file",
     {"a.svg", "file/b.svg"}, 3,
     "relgraph: error: cannot write '%s': Not a directory\n", "file/b.svg",
     "a.svg file in.yaml"},
};

static void test_failed_run_keeps_old_output(void **state)
{
    const struct kept_case *k = *state;
    cu_write(cu_path("in.yaml"), k->input);
    cu_write(cu_path(k->old), k->old_text);
    if (k->in_the_way)
        cu_write(cu_path(k->in_the_way), "x");
    const char *args[8] = {cu_path("in.yaml")};
    size_t n = 1;
    for (size_t i = 0; i < 3 && k->outputs[i]; i++) {
        args[n++] = "-o";
        args[n++] = cu_path(k->outputs[i]);
    }
    cu_result r = cu_run(NULL, args);
    cu_expectf(&r, k->status, k->err, cu_path(k->err_path));
    cu_assert_text(cu_path(k->old), k->old_text);
    cu_assert_listing(k->listing);
}

static void test_check_strict_quiet(void **state)
{
    (void)state;
    const char *in = cu_input(lonely);
    cu_result r = CU_RUN(NULL, "--check", in);
    assert_int_equal(r.out_len, 0);
    cu_expectf(&r, 0, "%s:4:3: warning: actor 'c' is in no tie\n", in);

    r = CU_RUN(NULL, "--check", "--strict", in);
    cu_expectf(&r, 1, "%s:4:3: error: actor 'c' is in no tie\n", in);

    r = CU_RUN(NULL, "--check", "-q", in);
    cu_expect(&r, 0, "");

    /* --check writes nothing even when -o is given. */
    r = CU_RUN(NULL, "--check", "-q", in, "-o", cu_path("x.svg"));
    assert_int_equal(r.status, 0);
    cu_result_free(&r);
    cu_assert_listing("in.yaml");
}

static void test_options_reach_the_graph(void **state)
{
    (void)state;
    const char *in = cu_input(small);
    cu_result r = CU_RUN(NULL, in, "-o", "-", "-T", "dot",
                         "--direction", "TB");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "rankdir=TB"));
    assert_non_null(strstr(r.out, "cluster_legend"));
    assert_non_null(strstr(r.out, "spying"));
    cu_result_free(&r);

    r = CU_RUN(NULL, in, "-T", "dot", "--no-legend",
               "--no-edge-labels");
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "cluster_legend"));
    assert_null(strstr(r.out, "spying"));
    cu_result_free(&r);

    for (size_t i = 0; i < 7; i++) {
        static const char *const engines[] = {"dot", "neato", "fdp", "sfdp",
                                              "circo", "twopi", "auto"};
        r = CU_RUN(NULL, in, "-K", engines[i], "-o",
                   cu_path("e.svg"));
        cu_expect(&r, 0, "");
        char *s = cu_read(cu_path("e.svg"), NULL);
        assert_non_null(strstr(s, ">Alpha</text>"));
        assert_non_null(strstr(s, ">Legend</text>"));
        free(s);
    }
}

static const char dated[] =
    "actors:\n"
    "  a: {name: Alpha}\n"
    "  b: {name: Beta}\n"
    "  c: {name: Gamma}\n"
    "ties:\n"
    "  - {from: a, to: b, kind: talks, date: 2007-05-28, label: summit}\n"
    "  - {from: b, to: c, kind: accuses, start: 2006, end: 2008}\n";

static void test_filters_and_markdown(void **state)
{
    (void)state;
    const char *in = cu_input(dated);
    /* One run, two views of the same filtered graph. */
    cu_result r = CU_RUN(NULL, in, "--as-of", "2007-05",
                         "--focus", "a", "-o", cu_path("f.md"),
                         "-o", cu_path("f.svg"));
    cu_expect(&r, 0, "");
    char *md = cu_read(cu_path("f.md"), NULL);
    assert_string_equal(md,
        "# Actors and ties\n"
        "\n"
        "*Shown: as of 2007-05 \xC2\xB7 focus: Alpha (depth 1).*\n"
        "\n"
        "## Actors (2)\n"
        "\n"
        "| Actor | Kind | Role | Groups | Note |\n"
        "|---|---|---|---|---|\n"
        "| Alpha |  |  |  |  |\n"
        "| Beta |  |  |  |  |\n"
        "\n"
        "## Ties (1)\n"
        "\n"
        "- Alpha and Beta hold talks \xE2\x80\x94 summit (2007-05-28)\n");
    free(md);
    char *svg = cu_read(cu_path("f.svg"), NULL);
    /* The picture says what was filtered. */
    assert_non_null(strstr(svg, ">as of 2007&#45;05 \xC2\xB7 focus: Alpha (depth 1)</text>"));
    assert_null(strstr(svg, ">Gamma<"));
    free(svg);

    /* Markdown to standard output. */
    r = CU_RUN(NULL, in, "-o", "-", "-T", "md", "--kinds", "accuses");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "- Beta accuses Gamma (2006 to 2008)\n"));
    cu_result_free(&r);

    /* A filter that leaves nothing: an input error, and no picture. */
    r = CU_RUN(NULL, in, "--as-of", "1999", "-o", cu_path("none.svg"));
    cu_expect(&r, 1, "relgraph: error: nothing is left to draw: no tie "
                     "passes the filters (as of 1999)\n");
    /* Unknown ids and bad values are usage errors. */
    r = CU_RUN(NULL, in, "--focus", "alpha");
    cu_expect(&r, 2, "relgraph: error: --focus: unknown actor 'alpha'; "
                     "did you mean 'a'?\n");
    r = CU_RUN(NULL, in, "--depth", "-1", "--focus", "a");
    cu_expect_part(&r, 2, "invalid depth '-1'");
    r = CU_RUN(NULL, in, "--from", "2007-13");
    cu_expect(&r, 2, "relgraph: error: --from: invalid date '2007-13': "
                     "no such month\n");
    cu_assert_listing("f.md f.svg in.yaml");
}

/* A process of its own that writes TEXT to FD, then holds it open for
 * HOLD seconds (or until killed) without writing more. */
static pid_t slow_writer(int fd, const char *text, unsigned hold)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (write(fd, text, strlen(text)) < 0)
            _exit(1);
        sleep(hold);
        _exit(0);
    }
    return pid;
}

/* The input has to come in full within --timeout: a FIFO that no program
 * writes to blocked for ever, and so did a pipe that stalls. */
static void test_input_deadline(void **state)
{
    (void)state;
    /* A relgraph that waits for ever ends this test too, as a failure. */
    alarm(60);
    const char *fifo = cu_path("in.fifo");
    assert_int_equal(mkfifo(fifo, 0644), 0);
    double start = cu_now();
    cu_result r = CU_RUN(NULL, "--check", "--timeout", "1", fifo);
    assert_true(cu_now() - start < 10);
    cu_expectf(&r, 1, "relgraph: error: cannot read '%s': the input did not come to "
                      "its end within 1 s (the --timeout); is any program writing to "
                      "it?\n", fifo);

    /* A writer that comes late, within the time, is waited for. */
    fflush(NULL);
    pid_t w = fork();
    assert_true(w >= 0);
    if (w == 0) {
        struct timespec ts = {0, 300 * 1000 * 1000};
        nanosleep(&ts, NULL);
        int fd = open(fifo, O_WRONLY);
        _exit(fd >= 0 && write(fd, small, strlen(small)) == (ssize_t)strlen(small) ? 0 : 1);
    }
    r = CU_RUN(NULL, "--check", "--timeout", "10", fifo);
    cu_expect(&r, 0, "");
    assert_int_equal(cu_wait_exit(w, 10), 0);

    /* Standard input that stalls half-way. */
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    w = slow_writer(fds[1], "actors:\n  a: {name: Alpha}\n", 30);
    close(fds[1]);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(fds[0], 0);
        int err = open(cu_path("stderr"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        dup2(err, 2);
        execl(cu_binary(), cu_binary(), "--check", "--timeout", "0.5", "-",
              (char *)NULL);
        _exit(127);
    }
    close(fds[0]);
    int st = cu_wait_exit(pid, 10);
    kill(w, SIGKILL);
    cu_wait_exit(w, 10);
    if (st < 0) {
        kill(pid, SIGKILL);
        cu_wait_exit(pid, 10);
        fail_msg("relgraph still read its stalled standard input after 10 s");
    }
    assert_int_equal(st, 1);
    cu_assert_text(cu_path("stderr"), "relgraph: error: cannot read standard input: "
                                      "the input did not come to its end within 0.5 s "
                                      "(the --timeout)\n");
    alarm(0);
}

/* An engine that cannot keep group boxes apart draws none, and says so
 * when it was asked for by name; dot and fdp draw them. */
static void test_groups_only_where_drawn_right(void **state)
{
    (void)state;
    const char *in = cu_input(
        "groups:\n  g: {name: Camp}\n"
        "actors:\n  a: {group: g}\n  b: {group: g}\n  c: {}\n"
        "ties:\n  - {from: a, to: c, kind: talks}\n"
        "  - {from: b, to: c, kind: talks}\n");
    static const struct {
        const char *engine;
        bool boxes;
    } cases[] = {{"dot", true}, {"fdp", true}, {"neato", false},
                 {"sfdp", false}, {"circo", false}, {"twopi", false},
                 {"auto", true}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cu_result r = CU_RUN(NULL, in, "-K", cases[i].engine,
                             "-T", "dot", "--no-legend", "-o", "-");
        assert_int_equal(r.status, 0);
        assert_int_equal(strstr(r.out, "subgraph cluster_") != NULL, cases[i].boxes);
        cu_expectf(&r, 0, cases[i].boxes ? "" :
                   "relgraph: warning: layout '%s' cannot draw groups as boxes holding "
                   "only their members, so the groups of 2 actors are drawn without "
                   "boxes; layout 'dot' or 'fdp' draws them\n", cases[i].engine);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cu_scratch_test(test_help_and_version),
        cu_scratch_test(test_usage_errors),
        cu_scratch_test(test_svg_to_stdout),
        cu_scratch_test(test_stdin_to_stdout_with_format),
        cu_scratch_test(test_several_outputs_one_run),
        cu_scratch_case(test_failed_run_keeps_old_output, &kept_cases[0]),
        cu_scratch_case(test_failed_run_keeps_old_output, &kept_cases[1]),
        cu_scratch_test(test_check_strict_quiet),
        cu_scratch_test(test_options_reach_the_graph),
        cu_scratch_test(test_filters_and_markdown),
        cu_scratch_test(test_input_deadline),
        cu_scratch_test(test_groups_only_where_drawn_right),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
