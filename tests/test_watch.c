/*
 * test_watch.c - `relgraph --watch FILE -o OUT` through the binary: it
 * renders once, renders again after a valid change (written in place, or
 * replaced by a rename as editors save), keeps the last good output and
 * prints the errors after an invalid change, picks up the next valid one,
 * follows a symbolic link to the file it names, and exits with status 0
 * on SIGTERM or SIGINT. Every wait polls with a deadline (WAIT seconds),
 * never a fixed sleep.
 */
#include "cliutil.h"

#include <signal.h>

#define WAIT 10.0

static const char valid1[] =
    "actors:\n"
    "  a: {name: Alpha}\n"
    "  b: {name: Beta}\n"
    "ties:\n"
    "  - {from: a, to: b, kind: talks}\n";

static const char valid2[] =
    "actors:\n"
    "  a: {name: Alphonse}\n"
    "  b: {name: Beta}\n"
    "ties:\n"
    "  - {from: a, to: b, kind: talks}\n";

static const char invalid[] =
    "actors:\n"
    "  a: {name: Albert}\n"
    "  b: {name: Beta}\n"
    "ties:\n"
    "  - {from: a, to: zz, kind: talks}\n";

static const char valid3[] =
    "actors:\n"
    "  a: {name: Alexandra}\n"
    "  b: {name: Beta}\n"
    "ties:\n"
    "  - {from: a, to: b, kind: accuses}\n";

#define START CU_START

/* Wait until FILE holds TEXT; when it does not within WAIT seconds, the
 * watcher PID is killed and the test fails, naming WHAT did not come and
 * with what the watcher said. */
static void wait_for(pid_t pid, const char *file, const char *text, const char *what)
{
    if (cu_wait_for_text(file, text, WAIT))
        return;
    char *err = cu_read(cu_path("stderr"), NULL);
    kill(pid, SIGKILL);
    cu_wait_exit(pid, WAIT);
    fail_msg("--watch: no %s within %g s; its stderr:\n%s", what, WAIT,
             err ? err : "(none)");
}

static void test_watch_renders_on_change(void **state)
{
    (void)state;
    const char *in = cu_path("in.yaml"), *out = cu_path("out.svg");
    cu_write(in, valid1);
    pid_t pid = START("--watch", in, "-o", out);

    /* The first render. */
    wait_for(pid, out, ">Alpha</text>", "first output");

    /* A valid change, saved the way editors do: a new file renamed over
     * the old one. */
    cu_replace(in, valid2);
    wait_for(pid, out, ">Alphonse</text>", "output after a valid change");
    wait_for(pid, cu_path("stderr"), "relgraph: wrote ", "'wrote' line");
    char *good = cu_text(cu_path("out.svg"));

    /* An invalid change, written in place: the errors are printed as
     * usual, and the output stays as it was. */
    cu_write(in, invalid);
    char *want = cu_format("%s:5:19: error: unknown actor 'zz'; define it under "
                           "'actors:'\n", in);
    wait_for(pid, cu_path("stderr"), want, "error line after an invalid change");
    free(want);
    wait_for(pid, cu_path("stderr"),
             "relgraph: nothing written; waiting for a change to ",
             "'nothing written' line");
    cu_assert_text(out, good);

    /* Valid again, in place: the output follows. */
    cu_write(in, valid3);
    wait_for(pid, out, ">Alexandra</text>",
             "output after the input became valid again");
    char *now = cu_text(cu_path("out.svg"));
    assert_non_null(strstr(now, "kind-accuses"));
    assert_null(strstr(now, "Alphonse"));
    free(now);

    /* SIGTERM: a clean exit, status 0, and no temporary file left. */
    assert_int_equal(kill(pid, SIGTERM), 0);
    int status = cu_wait_exit(pid, WAIT);
    assert_int_equal(status, 0);
    cu_assert_listing("in.yaml out.svg stderr stdout");
    cu_assert_text(cu_path("stdout"), "");
    free(good);
}

static void test_watch_starts_with_invalid_input_and_stops_on_sigint(void **state)
{
    (void)state;
    const char *in = cu_path("in.yaml"), *out = cu_path("out.svg");
    /* No input yet: the first render fails, and the watcher waits. */
    pid_t pid = START("-q", "--watch", in, "-o", out, "-o", cu_path("out.md"));
    wait_for(pid, cu_path("stderr"), "nothing written",
             "message about the missing input");
    /* The file appears (created, then written). */
    cu_write(in, valid1);
    wait_for(pid, out, ">Alpha</text>", "output once the input exists");
    wait_for(pid, cu_path("out.md"), "| Alpha |", "Markdown output");
    /* -q: no "wrote" line. */
    char *err = cu_text(cu_path("stderr"));
    assert_null(strstr(err, "relgraph: wrote"));
    free(err);
    assert_int_equal(kill(pid, SIGINT), 0);
    assert_int_equal(cu_wait_exit(pid, WAIT), 0);
}

static void test_watch_follows_a_symbolic_link(void **state)
{
    (void)state;
    /* The name watched is a link; the file it points to is elsewhere (here
     * a sibling with another name) and is written in place. */
    const char *target = cu_path("target.yaml"), *link = cu_path("link.yaml");
    const char *out = cu_path("out.svg");
    cu_write(target, valid1);
    assert_int_equal(symlink("target.yaml", link), 0);
    pid_t pid = START("--watch", link, "-o", out);
    wait_for(pid, out, ">Alpha</text>", "first output");
    cu_write(target, valid2);
    wait_for(pid, out, ">Alphonse</text>", "output after the link's target changed");
    assert_int_equal(kill(pid, SIGTERM), 0);
    assert_int_equal(cu_wait_exit(pid, WAIT), 0);
}

static void test_watch_usage_errors(void **state)
{
    (void)state;
    cu_write(cu_path("in.yaml"), valid1);
    cu_result r = CU_RUN(valid1, "--watch", "-", "-o", cu_path("x.svg"));
    cu_expect(&r, 2, "relgraph: error: --watch needs a file, not standard "
                     "input\nTry 'relgraph --help' for more information.\n");
    /* Standard output cannot be rewritten. */
    r = CU_RUN(NULL, "--watch", cu_path("in.yaml"));
    cu_expect_part(&r, 2, "--watch rewrites files: give -o PATH");
    r = CU_RUN(NULL, "--watch", cu_path("in.yaml"), "-o", "-", "-T", "svg");
    assert_int_equal(r.status, 2);
    cu_result_free(&r);
    /* A directory that does not exist cannot be watched. */
    r = CU_RUN(NULL, "--watch", "/nonexistent-relgraph-dir/in.yaml", "-o",
               cu_path("x.svg"));
    cu_expect_part(&r, 3, "relgraph: error: cannot watch "
                          "'/nonexistent-relgraph-dir/in.yaml': ");
    cu_assert_listing("in.yaml");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cu_scratch_test(test_watch_renders_on_change),
        cu_scratch_test(test_watch_starts_with_invalid_input_and_stops_on_sigint),
        cu_scratch_test(test_watch_follows_a_symbolic_link),
        cu_scratch_test(test_watch_usage_errors),
    };
    return cmocka_run_group_tests_name("watch", tests, NULL, NULL);
}
