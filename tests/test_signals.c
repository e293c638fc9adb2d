/*
 * test_signals.c - relgraph and its layout child under signals, through
 * the binary. The child dies with relgraph when relgraph is killed
 * outright, and by its own deadline when relgraph is stopped and cannot
 * kill it. SIGTERM, SIGINT or SIGHUP to relgraph alone (what systemd or a
 * CI runner sends) kills the child at once and ends relgraph by that
 * signal, the old outputs as they were and nothing else left. A child
 * killed from outside is reported as such, at once, and not tried again.
 * In --watch the first signal lets the render finish and the second ends
 * it the same way. Every wait polls with a deadline (WAIT seconds), never
 * a fixed sleep; the graph takes dot well over a minute.
 */
#include "cliutil.h"

#define WAIT 8.0

/* 600 actors, two ties each to far-off actors: dot takes minutes over it
 * (it is still crossing edges after 20 s), which leaves every test time
 * to find the layout child and act while it runs. */
static const char *slow_file(void)
{
    rg_buf y = {0};
    rg_buf_puts(&y, "actors:\n");
    for (int i = 0; i < 600; i++)
        rg_buf_printf(&y, "  a%d: {name: Actor number %d}\n", i, i);
    rg_buf_puts(&y, "ties:\n");
    for (int i = 0; i < 600; i++)
        rg_buf_printf(&y,
                      "  - {from: a%d, to: a%d, kind: talks, label: tie %d}\n"
                      "  - {from: a%d, to: a%d, kind: accuses}\n",
                      i, (i * 7 + 3) % 600, i, i, (i * 13 + 5) % 600);
    const char *p = cu_path("slow.yaml");
    cu_write(p, y.buf);
    free(y.buf);
    return p;
}

/* The old outputs as they were, and no other file but the input and the
 * captured output. */
#define assert_old_outputs() cu_assert_old_outputs("a.svg b.png slow.yaml stderr stdout")

/* relgraph on the slow file, started, and its layout child. */
static pid_t start_slow(const char *timeout, pid_t *child)
{
    const char *in = slow_file();
    /* --no-bundle: a line for each of its 1200 ties (a few share a pair). */
    pid_t pid = CU_START("-q", "-K", "dot", "--no-bundle", "--timeout", timeout, in,
                         "-o", cu_path("a.svg"), "-o", cu_path("b.png"));
    *child = cu_wait_child(pid, WAIT);
    if (!*child) {
        kill(pid, SIGKILL);
        cu_wait_exit(pid, WAIT);
        fail_msg("no layout child appeared within %g s", WAIT);
    }
    return pid;
}

static void test_child_dies_with_relgraph(void **state)
{
    (void)state;
    pid_t child, pid = start_slow("60", &child);
    kill(pid, SIGKILL);
    assert_int_equal(cu_wait_exit(pid, WAIT), 128 + SIGKILL);
    if (!cu_wait_gone(child, WAIT)) {
        kill(child, SIGKILL);
        fail_msg("the layout child outlived relgraph by %g s", WAIT);
    }
}

static void test_child_keeps_its_own_deadline(void **state)
{
    (void)state;
    /* relgraph stopped (SIGSTOP) cannot kill its child at the timeout:
     * the child ends itself a moment after it. */
    pid_t child, pid = start_slow("2", &child);
    kill(pid, SIGSTOP);
    bool gone = cu_wait_gone(child, WAIT);
    kill(pid, SIGCONT);
    if (!gone) {
        kill(child, SIGKILL);
        kill(pid, SIGKILL);
        cu_wait_exit(pid, WAIT);
        fail_msg("the layout child ran on %g s past --timeout 2", WAIT);
    }
    /* Once it runs again, relgraph reports the timeout. */
    assert_int_equal(cu_wait_exit(pid, WAIT), 3);
    cu_assert_text(cu_path("stderr"),
                   "relgraph: error: the 'dot' layout of 600 nodes and 1200 edges took "
                   "longer than 2 s; try -K sfdp, which is much faster on large graphs, "
                   "or a longer --timeout\n");
}

static void test_killed_child_not_retried(void **state)
{
    (void)state;
    static const struct {
        int sig;
        const char *err;
    } cases[] = {
        {SIGKILL, "relgraph: error: the 'dot' layout was stopped from outside "
                  "relgraph (signal 9, Killed); if the system ran out of memory, "
                  "try -K sfdp or a filter (--focus, --kinds)\n"},
        {SIGTERM, "relgraph: error: the 'dot' layout was stopped from outside "
                  "relgraph (signal 15, Terminated)\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cu_old_outputs();
        pid_t child, pid = start_slow("60", &child);
        kill(child, cases[i].sig);
        /* At once: a second try would run for the rest of the minute. */
        int st = cu_wait_exit(pid, WAIT);
        if (st < 0) {
            pid_t again = cu_child_of(pid);
            if (again)
                kill(again, SIGKILL);
            kill(pid, SIGKILL);
            cu_wait_exit(pid, WAIT);
            fail_msg("relgraph still running %g s after its child was killed "
                     "(a second child: %ld)", WAIT, (long)again);
        }
        assert_int_equal(st, 3);
        cu_assert_text(cu_path("stderr"), cases[i].err);
        assert_old_outputs();
    }
}

static void test_stop_signals(void **state)
{
    (void)state;
    static const int sigs[] = {SIGTERM, SIGINT, SIGHUP};
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++) {
        cu_old_outputs();
        pid_t child, pid = start_slow("60", &child);
        kill(pid, sigs[i]);
        int st = cu_wait_exit(pid, WAIT);
        if (st < 0) {
            kill(pid, SIGKILL);
            cu_wait_exit(pid, WAIT);
            fail_msg("relgraph ran on %g s after signal %d", WAIT, sigs[i]);
        }
        /* Ended by the signal itself: 130, 143 or 129 to a shell. */
        assert_int_equal(st, 128 + sigs[i]);
        if (!cu_wait_gone(child, WAIT)) {
            kill(child, SIGKILL);
            fail_msg("the layout child outlived relgraph's signal %d", sigs[i]);
        }
        cu_assert_text(cu_path("stderr"), "");
        assert_old_outputs();
    }
}

static void test_watch_second_signal(void **state)
{
    (void)state;
    const char *in = slow_file();
    pid_t pid = CU_START("-q", "-K", "dot", "--watch", in, "-o", cu_path("a.svg"));
    pid_t child = cu_wait_child(pid, WAIT);
    if (!child) {
        kill(pid, SIGKILL);
        cu_wait_exit(pid, WAIT);
        fail_msg("no layout child appeared within %g s", WAIT);
    }
    /* The first signal lets the render go on... */
    kill(pid, SIGTERM);
    assert_int_equal(cu_wait_exit(pid, 0.2), -1);
    assert_true(cu_alive(child));
    /* ... the second ends it, and the child with it. */
    kill(pid, SIGTERM);
    int st = cu_wait_exit(pid, WAIT);
    if (st < 0) {
        kill(pid, SIGKILL);
        cu_wait_exit(pid, WAIT);
        fail_msg("relgraph --watch ran on %g s after a second SIGTERM", WAIT);
    }
    assert_int_equal(st, 128 + SIGTERM);
    if (!cu_wait_gone(child, WAIT)) {
        kill(child, SIGKILL);
        fail_msg("the layout child outlived relgraph --watch");
    }
    cu_assert_listing("slow.yaml stderr stdout");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cu_scratch_test(test_child_dies_with_relgraph),
        cu_scratch_test(test_child_keeps_its_own_deadline),
        cu_scratch_test(test_killed_child_not_retried),
        cu_scratch_test(test_stop_signals),
        cu_scratch_test(test_watch_second_signal),
    };
    return cmocka_run_group_tests_name("signals", tests, NULL, NULL);
}
