/*
 * test_cli.c - drives the relgraph binary (path in $RELGRAPH, default
 * ./relgraph): exit statuses, several outputs from one run, standard input
 * and output, old outputs intact after a failed run, usage errors.
 */
#include "testutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *binary(void)
{
    const char *b = getenv("RELGRAPH");
    return b && *b ? b : "./relgraph";
}

typedef struct result {
    int status;
    char *out, *err; /* owned */
    size_t out_len;
} result;

static char *slurp_fd(int fd, size_t *len)
{
    rg_buf b = {0};
    char chunk[65536];
    ssize_t r;
    while ((r = read(fd, chunk, sizeof chunk)) > 0)
        rg_buf_add(&b, chunk, (size_t)r);
    if (!b.buf)
        rg_buf_puts(&b, "");
    if (len)
        *len = b.len;
    return b.buf;
}

/* Run relgraph with ARGS (NULL-terminated), feeding IN to its stdin. */
static result run(const char *in, const char *const *args)
{
    char outp[] = "/tmp/rgcli-out-XXXXXX", errp[] = "/tmp/rgcli-err-XXXXXX",
         inp[] = "/tmp/rgcli-in-XXXXXX";
    int ofd = mkstemp(outp), efd = mkstemp(errp), ifd = mkstemp(inp);
    assert_true(ofd >= 0 && efd >= 0 && ifd >= 0);
    if (in)
        assert_int_equal(write(ifd, in, strlen(in)), (ssize_t)strlen(in));
    lseek(ifd, 0, SEEK_SET);
    const char *argv[64] = {binary()};
    size_t n = 1;
    for (; args[n - 1]; n++)
        argv[n] = args[n - 1];
    argv[n] = NULL;
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(ifd, 0);
        dup2(ofd, 1);
        dup2(efd, 2);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0);
    result r;
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    lseek(ofd, 0, SEEK_SET);
    lseek(efd, 0, SEEK_SET);
    r.out = slurp_fd(ofd, &r.out_len);
    r.err = slurp_fd(efd, NULL);
    close(ofd);
    close(efd);
    close(ifd);
    unlink(outp);
    unlink(errp);
    unlink(inp);
    return r;
}

static void result_free(result *r)
{
    free(r->out);
    free(r->err);
}

#define RUN(in, ...) run(in, (const char *const[]){__VA_ARGS__, NULL})

/* A scratch directory per test. */
static char dir[64];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/rgcli-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    DIR *d = opendir(dir);
    struct dirent *e;
    char p[512];
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.' && (!e->d_name[1] || e->d_name[1] == '.'))
            continue;
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        chmod(p, 0700);
        unlink(p);
    }
    if (d)
        closedir(d);
    chmod(dir, 0700);
    rmdir(dir);
    return 0;
}

static const char *path(const char *name)
{
    static char buf[16][256];
    static int i;
    i = (i + 1) % 16;
    snprintf(buf[i], sizeof buf[i], "%s/%s", dir, name);
    return buf[i];
}

static void write_file(const char *p, const char *text)
{
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static char *read_file(const char *p, size_t *len)
{
    int fd = open(p, O_RDONLY);
    if (fd < 0)
        return NULL;
    char *s = slurp_fd(fd, len);
    close(fd);
    return s;
}

/* Names in the scratch directory, sorted, space-separated. */
static char *listing(void)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    rg_buf b = {0};
    rg_buf_puts(&b, "");
    for (int i = 0; i < n; i++) {
        if (strcmp(list[i]->d_name, ".") && strcmp(list[i]->d_name, ".."))
            rg_buf_printf(&b, "%s%s", b.len ? " " : "", list[i]->d_name);
        free(list[i]);
    }
    free(list);
    return b.buf;
}

static const char small[] =
    "relgraph: 1\n"
    "title: Small\n"
    "actors:\n"
    "  a: {name: Alpha, kind: country}\n"
    "  b: {name: Beta, kind: person, role: Envoy}\n"
    "ties:\n"
    "  - {from: a, to: b, kind: accuses, label: spying}\n";

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
    result r = RUN(NULL, "--help");
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "Usage: relgraph [OPTIONS] FILE.yaml", 35) == 0);
    assert_string_equal(r.err, "");
    result_free(&r);
    r = RUN(NULL, "-V");
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "relgraph " RG_VERSION " (Graphviz ", 20) == 0);
    assert_non_null(strstr(r.out, ")\n"));
    result_free(&r);
}

static void test_usage_errors(void **state)
{
    (void)state;
    write_file(path("in.yaml"), small);
    result r = RUN(NULL, "--bogus", path("in.yaml"));
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, "relgraph: error: unknown option '--bogus'\n"
                               "Try 'relgraph --help' for more information.\n");
    result_free(&r);

    r = RUN(NULL, (const char *)NULL);
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "no input file"));
    result_free(&r);

    r = RUN(NULL, path("in.yaml"), "-o", path("out.xyz"));
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "cannot tell the format of"));
    result_free(&r);

    r = RUN(NULL, path("in.yaml"), "-K", "spring");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err,
        "unknown layout 'spring' (dot neato fdp sfdp circo twopi auto)"));
    result_free(&r);

    r = RUN(NULL, path("in.yaml"), "-o", "-");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "-o - needs a format"));
    result_free(&r);

    /* The output may not be the input. */
    r = RUN(NULL, path("in.yaml"), "-o", path("in.yaml"), "-T", "svg");
    assert_int_equal(r.status, 2);
    char *expected = NULL;
    rg_buf b = {0};
    rg_buf_printf(&b, "relgraph: error: output '%s' is the input file\n",
                  path("in.yaml"));
    expected = b.buf;
    assert_true(strncmp(r.err, expected, strlen(expected)) == 0);
    free(expected);
    char *text = read_file(path("in.yaml"), NULL);
    assert_string_equal(text, small);
    free(text);
    result_free(&r);
}

static void test_svg_to_stdout(void **state)
{
    (void)state;
    write_file(path("in.yaml"), small);
    result r = RUN(NULL, path("in.yaml"));
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_true(strncmp(r.out, "<?xml", 5) == 0);
    assert_non_null(strstr(r.out, "</svg>"));
    assert_non_null(strstr(r.out, ">Alpha</text>"));
    result_free(&r);
}

static void test_stdin_to_stdout_with_format(void **state)
{
    (void)state;
    result r = RUN(small, "-", "-o", "-", "-T", "dot");
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "digraph relgraph {", 18) == 0);
    result_free(&r);
    /* Errors name standard input. */
    r = RUN(broken, "-");
    assert_int_equal(r.status, 1);
    assert_string_equal(r.err,
        "<stdin>:4:19: error: unknown actor 'zz'\n");
    assert_int_equal(r.out_len, 0);
    result_free(&r);
}

static void test_several_outputs_one_run(void **state)
{
    (void)state;
    write_file(path("in.yaml"), small);
    result r = RUN(NULL, path("in.yaml"), "-o", path("o.svg"), "-o", path("o.png"),
                   "-o", path("o.pdf"), "-o", path("o.dot"), "-o", path("o.gv"),
                   "-o", path("o.json"), "-o", path("o.data"), "-T", "svg");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    result_free(&r);
    size_t len;
    char *s = read_file(path("o.svg"), &len);
    assert_non_null(strstr(s, "<svg"));
    free(s);
    s = read_file(path("o.png"), &len);
    assert_true(len > 8 && memcmp(s, "\x89PNG\r\n\x1a\n", 8) == 0);
    free(s);
    s = read_file(path("o.pdf"), &len);
    assert_true(len > 5 && memcmp(s, "%PDF-", 5) == 0);
    free(s);
    s = read_file(path("o.dot"), &len);
    assert_true(strncmp(s, "digraph relgraph {", 18) == 0);
    char *gv = read_file(path("o.gv"), NULL);
    assert_string_equal(s, gv); /* one layout: both DOT files agree */
    free(gv);
    free(s);
    s = read_file(path("o.json"), &len);
    assert_true(s[0] == '{');
    assert_non_null(strstr(s, "\"name\": \"relgraph\""));
    free(s);
    s = read_file(path("o.data"), &len); /* -T for an unknown extension */
    assert_non_null(strstr(s, "<svg"));
    free(s);
    char *names = listing();
    assert_string_equal(names, "in.yaml o.data o.dot o.gv o.json o.pdf o.png o.svg");
    free(names);
}

static void test_invalid_input_keeps_old_output(void **state)
{
    (void)state;
    write_file(path("in.yaml"), broken);
    write_file(path("old.svg"), "previous picture\n");
    result r = RUN(NULL, path("in.yaml"), "-o", path("old.svg"));
    assert_int_equal(r.status, 1);
    rg_buf b = {0};
    rg_buf_printf(&b, "%s:4:19: error: unknown actor 'zz'\n", path("in.yaml"));
    assert_string_equal(r.err, b.buf);
    free(b.buf);
    result_free(&r);
    char *s = read_file(path("old.svg"), NULL);
    assert_string_equal(s, "previous picture\n");
    free(s);
    char *names = listing();
    assert_string_equal(names, "in.yaml old.svg");
    free(names);
}

static void test_unwritable_output_keeps_others(void **state)
{
    (void)state;
    write_file(path("in.yaml"), small);
    write_file(path("a.svg"), "old a\n");
    write_file(path("file"), "x");
    /* The second output's directory is a regular file: staging fails, and
     * the first output must not have been replaced. */
    result r = RUN(NULL, path("in.yaml"), "-o", path("a.svg"), "-o",
                   path("file/b.svg"));
    assert_int_equal(r.status, 3);
    rg_buf b = {0};
    rg_buf_printf(&b, "relgraph: error: cannot write '%s': Not a directory\n",
                  path("file/b.svg"));
    assert_string_equal(r.err, b.buf);
    free(b.buf);
    result_free(&r);
    char *s = read_file(path("a.svg"), NULL);
    assert_string_equal(s, "old a\n");
    free(s);
    char *names = listing();
    assert_string_equal(names, "a.svg file in.yaml");
    free(names);
}

static void test_check_strict_quiet(void **state)
{
    (void)state;
    write_file(path("in.yaml"), lonely);
    result r = RUN(NULL, "--check", path("in.yaml"));
    assert_int_equal(r.status, 0);
    assert_int_equal(r.out_len, 0);
    rg_buf b = {0};
    rg_buf_printf(&b, "%s:4:3: warning: actor 'c' is in no tie\n", path("in.yaml"));
    assert_string_equal(r.err, b.buf);
    result_free(&r);

    r = RUN(NULL, "--check", "--strict", path("in.yaml"));
    assert_int_equal(r.status, 1);
    b.len = 0;
    rg_buf_printf(&b, "%s:4:3: error: actor 'c' is in no tie\n", path("in.yaml"));
    assert_string_equal(r.err, b.buf);
    free(b.buf);
    result_free(&r);

    r = RUN(NULL, "--check", "-q", path("in.yaml"));
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    result_free(&r);

    /* --check writes nothing even when -o is given. */
    r = RUN(NULL, "--check", "-q", path("in.yaml"), "-o", path("x.svg"));
    assert_int_equal(r.status, 0);
    result_free(&r);
    char *names = listing();
    assert_string_equal(names, "in.yaml");
    free(names);
}

static void test_options_reach_the_graph(void **state)
{
    (void)state;
    write_file(path("in.yaml"), small);
    result r = RUN(NULL, path("in.yaml"), "-o", "-", "-T", "dot", "--direction", "TB");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "rankdir=TB"));
    assert_non_null(strstr(r.out, "cluster_legend"));
    assert_non_null(strstr(r.out, "spying"));
    result_free(&r);

    r = RUN(NULL, path("in.yaml"), "-T", "dot", "--no-legend", "--no-edge-labels");
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.out, "cluster_legend"));
    assert_null(strstr(r.out, "spying"));
    result_free(&r);

    for (size_t i = 0; i < 7; i++) {
        static const char *const engines[] = {"dot", "neato", "fdp", "sfdp",
                                              "circo", "twopi", "auto"};
        r = RUN(NULL, path("in.yaml"), "-K", engines[i], "-o", path("e.svg"));
        assert_int_equal(r.status, 0);
        assert_string_equal(r.err, "");
        result_free(&r);
        char *s = read_file(path("e.svg"), NULL);
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
    write_file(path("in.yaml"), dated);
    /* One run, two views of the same filtered graph. */
    result r = RUN(NULL, path("in.yaml"), "--as-of", "2007-05", "--focus", "a",
                   "-o", path("f.md"), "-o", path("f.svg"));
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    result_free(&r);
    char *md = read_file(path("f.md"), NULL);
    assert_string_equal(md,
        "# Actors and ties\n"
        "\n"
        "*Shown: as of 2007-05 \xC2\xB7 focus: Alpha (depth 1).*\n"
        "\n"
        "## Actors (2)\n"
        "\n"
        "| Actor | Kind | Role | Group |\n"
        "|---|---|---|---|\n"
        "| Alpha |  |  |  |\n"
        "| Beta |  |  |  |\n"
        "\n"
        "## Ties (1)\n"
        "\n"
        "- Alpha holds talks with Beta \xE2\x80\x94 summit (2007-05-28)\n");
    free(md);
    char *svg = read_file(path("f.svg"), NULL);
    /* The picture says what was filtered. */
    assert_non_null(strstr(svg, ">as of 2007&#45;05 \xC2\xB7 focus: Alpha (depth 1)</text>"));
    assert_null(strstr(svg, ">Gamma<"));
    free(svg);

    /* Markdown to standard output. */
    r = RUN(NULL, path("in.yaml"), "-o", "-", "-T", "md", "--kinds", "accuses");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "- Beta accuses Gamma (2006 to 2008)\n"));
    result_free(&r);

    /* A filter that leaves nothing: an input error, and no picture. */
    r = RUN(NULL, path("in.yaml"), "--as-of", "1999", "-o", path("none.svg"));
    assert_int_equal(r.status, 1);
    assert_string_equal(r.err, "relgraph: error: nothing is left to draw: no tie "
                               "passes the filters (as of 1999)\n");
    result_free(&r);
    /* Unknown ids and bad values are usage errors. */
    r = RUN(NULL, path("in.yaml"), "--focus", "alpha");
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, "relgraph: error: --focus: unknown actor 'alpha'; "
                               "did you mean 'a'?\n");
    result_free(&r);
    r = RUN(NULL, path("in.yaml"), "--depth", "-1", "--focus", "a");
    assert_int_equal(r.status, 2);
    assert_non_null(strstr(r.err, "invalid depth '-1'"));
    result_free(&r);
    r = RUN(NULL, path("in.yaml"), "--from", "2007-13");
    assert_int_equal(r.status, 2);
    assert_string_equal(r.err, "relgraph: error: --from: invalid date '2007-13': "
                               "no such month\n");
    result_free(&r);
    char *names = listing();
    assert_string_equal(names, "f.md f.svg in.yaml");
    free(names);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_help_and_version, setup, teardown),
        cmocka_unit_test_setup_teardown(test_usage_errors, setup, teardown),
        cmocka_unit_test_setup_teardown(test_svg_to_stdout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stdin_to_stdout_with_format, setup, teardown),
        cmocka_unit_test_setup_teardown(test_several_outputs_one_run, setup, teardown),
        cmocka_unit_test_setup_teardown(test_invalid_input_keeps_old_output, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unwritable_output_keeps_others, setup, teardown),
        cmocka_unit_test_setup_teardown(test_check_strict_quiet, setup, teardown),
        cmocka_unit_test_setup_teardown(test_options_reach_the_graph, setup, teardown),
        cmocka_unit_test_setup_teardown(test_filters_and_markdown, setup, teardown),
    };
    return cmocka_run_group_tests_name("cli", tests, NULL, NULL);
}
