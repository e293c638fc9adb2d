/*
 * test_faults.c - outputs under failure: a full disk, failing fsync, close
 * and rename, a read-only or unwritable target, a file size limit, and
 * running out of memory. Drives the binary ($RELGRAPH, default ./relgraph)
 * with the LD_PRELOAD shim tests/faultinject.c ($FAULTINJECT, default
 * build/faultinject.so) or resource limits, and asserts each time: exit
 * status 3, the exact message, every previous output byte-identical, and
 * no temporary file left (io.c's are named .NAME.XXXXXX). And being
 * killed while rendering leaves nothing behind either.
 */
#include "cliutil.h"

#include <signal.h>
#include <sys/resource.h>

static const char *shim(void)
{
    const char *s = getenv("FAULTINJECT");
    return s && *s ? s : "build/faultinject.so";
}

/* How the child is set up before it runs relgraph. */
typedef struct setup {
    const char *fail;        /* RG_FAIL (the shim's RG_FAIL_DIR: the scratch
                              * directory), or NULL */
    const char *fail_after;  /* RG_FAIL_AFTER */
    const char *fail_times;  /* RG_FAIL_TIMES */
    const char *kill_render; /* RG_KILL_RENDER; the shim is loaded when this
                              * or FAIL is set */
    rlim_t fsize;            /* RLIMIT_FSIZE in bytes, 0: none */
    rlim_t data;             /* RLIMIT_DATA in bytes (a multiple of 1024),
                              * 0: none; see ASAN_ALLOC_SHARE */
} setup;

#if defined(__SANITIZE_ADDRESS__)
/* AddressSanitizer reserves terabytes of address space for its shadow
 * memory as the program starts: under any RLIMIT_DATA it cannot start at
 * all. In that build the limit is its allocator's instead: any single
 * allocation larger than this share of setup.data fails (returns NULL,
 * after a warning of AddressSanitizer's own on stderr), which takes
 * relgraph down the same path as a real shortage. */
#define ASAN_ALLOC_SHARE 16
#endif

/* Run relgraph on IN (standard input: the input is not under the failing
 * directory) with ARGS, set up as S says. */
static cu_result run_with(const setup *s, const char *in, const char *const *args)
{
    char dir[300];
    snprintf(dir, sizeof dir, "%s/", cu_dir);
    char inp[] = "/tmp/rgfault-in-XXXXXX";
    int ifd = mkstemp(inp);
    assert_true(ifd >= 0);
    unlink(inp);
    size_t len = strlen(in);
    assert_int_equal(write(ifd, in, len), (ssize_t)len);
    lseek(ifd, 0, SEEK_SET);
    char outp[] = "/tmp/rgfault-out-XXXXXX", errp[] = "/tmp/rgfault-err-XXXXXX";
    int ofd = mkstemp(outp), efd = mkstemp(errp);
    assert_true(ofd >= 0 && efd >= 0);
    unlink(outp);
    unlink(errp);
    const char *argv[32] = {cu_binary(), "-"};
    size_t n = 2;
    for (; args[n - 2]; n++)
        argv[n] = args[n - 2];
    argv[n] = NULL;
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        if (s->fail || s->kill_render) {
            setenv("LD_PRELOAD", shim(), 1);
            if (s->fail) {
                setenv("RG_FAIL", s->fail, 1);
                setenv("RG_FAIL_DIR", dir, 1);
            }
            if (s->fail_after)
                setenv("RG_FAIL_AFTER", s->fail_after, 1);
            if (s->fail_times)
                setenv("RG_FAIL_TIMES", s->fail_times, 1);
            if (s->kill_render)
                setenv("RG_KILL_RENDER", s->kill_render, 1);
            /* AddressSanitizer wants to be the first library loaded. */
            const char *asan = getenv("ASAN_OPTIONS");
            char opts[1024];
            snprintf(opts, sizeof opts, "%s%sverify_asan_link_order=0",
                     asan ? asan : "", asan && *asan ? ":" : "");
            setenv("ASAN_OPTIONS", opts, 1);
        }
        if (s->fsize) {
            struct rlimit rl = {s->fsize, s->fsize};
            setrlimit(RLIMIT_FSIZE, &rl);
        }
        struct rlimit nocore = {0, 0};
        setrlimit(RLIMIT_CORE, &nocore);
        dup2(ifd, 0);
        dup2(ofd, 1);
        dup2(efd, 2);
#if defined(__SANITIZE_ADDRESS__)
        if (s->data) {
            const char *asan = getenv("ASAN_OPTIONS");
            char opts[1024];
            snprintf(opts, sizeof opts,
                     "%s%sallocator_may_return_null=1:max_allocation_size_mb=%lu",
                     asan ? asan : "", asan && *asan ? ":" : "",
                     (unsigned long)(s->data / ASAN_ALLOC_SHARE >> 20));
            setenv("ASAN_OPTIONS", opts, 1);
            execv(argv[0], (char *const *)argv);
            _exit(127);
        }
#endif
        if (s->data) {
            /* Through the shell: valgrind (make leakcheck) keeps its own
             * RLIMIT_DATA for the program it runs, never the kernel's, so
             * the limit is set by a process of its own. */
            char script[64];
            snprintf(script, sizeof script, "ulimit -d %lu && exec \"$0\" \"$@\"",
                     (unsigned long)(s->data / 1024));
            const char *sh[40] = {"/bin/sh", "-c", script};
            for (size_t i = 0; argv[i]; i++)
                sh[3 + i] = argv[i];
            execv(sh[0], (char *const *)sh);
            _exit(127);
        }
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    return cu_collect(pid, ofd, efd, ifd);
}

#define RUN_WITH(s, in, ...) run_with(s, in, (const char *const[]){__VA_ARGS__, NULL})

static const char small[] = CU_SMALL;

/* The run R failed (exit 3) with "relgraph: error: cannot write
 * 'DIR/NAME': WHY\n"; R is freed. */
#define expect_cannot_write(r, name, why)                                 \
    cu_expectf(r, 3, "relgraph: error: cannot write '%s': %s\n", cu_path(name), why)

/* The old outputs as they were before the run, and nothing else. */
#define assert_old_outputs() cu_assert_old_outputs("a.svg b.png")

/* Run with S writing a.svg and b.png over old ones; expect exit 3 with
 * "cannot write 'NAME': WHY" and everything as it was. */
static void expect_failure(const setup *s, const char *name, const char *why)
{
    cu_old_outputs();
    cu_result r = RUN_WITH(s, small, "-o", cu_path("a.svg"), "-o", cu_path("b.png"));
    expect_cannot_write(&r, name, why);
    assert_old_outputs();
}

/* ---- the shim ---------------------------------------------------------------- */

static void test_shim_is_there(void **state)
{
    (void)state;
    if (access(shim(), R_OK) != 0)
        fail_msg("%s not found: build it (make %s) or set FAULTINJECT", shim(), shim());
    /* With no fault asked for, the shim changes nothing. */
    setup s = {.fail = "rename:EIO", .fail_after = "1000"};
    cu_old_outputs();
    cu_result r = RUN_WITH(&s, small, "-o", cu_path("a.svg"), "-o", cu_path("b.png"));
    cu_expect(&r, 0, "");
    char *a = cu_read(cu_path("a.svg"), NULL);
    assert_non_null(strstr(a, "<svg"));
    free(a);
    cu_assert_listing("a.svg b.png");
}

/* ---- failures ---------------------------------------------------------------- */

/* Tests made of failures alone, each run as expect_failure runs it: with
 * RG_FAIL and RG_FAIL_AFTER, the output NAME cannot be written for WHY. */
static const struct failures {
    const char *name;
    struct failure {
        const char *fail, *after, *name, *why;
    } runs[4];
} failures[] = {
    {"test_disk_full", {
        {"write:ENOSPC", NULL, "a.svg", "No space left on device"},
        /* The first output written in full, the second one not. */
        {"write:ENOSPC", "1", "b.png", "No space left on device"},
        /* A quota, likewise. */
        {"write:EDQUOT", "1", "b.png", "Disk quota exceeded"},
    }},
    {"test_fsync_and_close_fail", {
        {"fsync:EIO", NULL, "a.svg", "Input/output error"},
        {"fsync:EIO", "1", "b.png", "Input/output error"},
        /* Delayed write errors show at close (NFS, FUSE). */
        {"close:EIO", "1", "b.png", "Input/output error"},
        {"close:ENOSPC", NULL, "a.svg", "No space left on device"},
    }},
};

static void test_failures(void **state)
{
    const struct failures *t = *state;
    for (size_t i = 0; i < 4 && t->runs[i].fail; i++) {
        setup s = {.fail = t->runs[i].fail, .fail_after = t->runs[i].after};
        expect_failure(&s, t->runs[i].name, t->runs[i].why);
    }
}

static void test_rename_fails(void **state)
{
    (void)state;
    setup s = {.fail = "rename:EIO"};
    expect_failure(&s, "a.svg", "Input/output error");
    /* The first output already renamed over its target when the second
     * one fails: it is put back. */
    setup second = {.fail = "rename:EIO", .fail_after = "1", .fail_times = "1"};
    expect_failure(&second, "b.png", "Input/output error");
    /* And when it had no previous file, it goes. */
    cu_write(cu_path("b.png"), "old b\n");
    unlink(cu_path("a.svg"));
    cu_result r = RUN_WITH(&second, small, "-o", cu_path("a.svg"), "-o",
                           cu_path("b.png"));
    expect_cannot_write(&r, "b.png", "Input/output error");
    cu_assert_listing("b.png");
}

static void test_unwritable_target(void **state)
{
    (void)state;
    /* A read-only file system, and a directory this user may not write
     * (root may write anywhere: the shim plays the part). */
    setup ro = {.fail = "open:EROFS"};
    expect_failure(&ro, "a.svg", "Read-only file system");
    setup acc = {.fail = "open:EACCES", .fail_after = "1"};
    expect_failure(&acc, "b.png", "Permission denied");
    /* A directory that is a file: no shim needed. */
    cu_old_outputs();
    cu_write(cu_path("file"), "x");
    setup none = {0};
    cu_result r = RUN_WITH(&none, small, "-o", cu_path("a.svg"), "-o",
                           cu_path("file/b.png"));
    expect_cannot_write(&r, "file/b.png", "Not a directory");
    unlink(cu_path("file"));
    assert_old_outputs();
}

static void test_file_size_limit(void **state)
{
    (void)state;
    /* ulimit -f: the default action of SIGXFSZ would kill relgraph with
     * its temporary file half written; it reports EFBIG instead. The SVG
     * is some 4 kB. */
    setup s = {.fsize = 1024};
    expect_failure(&s, "a.svg", "File too large");
    /* Standard output too, and what it got is all it gets. */
    cu_result r = RUN_WITH(&s, small, "-o", "-", "-T", "svg");
    cu_expect(&r, 3, "relgraph: error: cannot write to standard output: "
                     "File too large\n");
}

/* ---- out of memory ----------------------------------------------------------- */

/* ERR without the lines in which AddressSanitizer says that it refused an
 * allocation (the ASan build: see ASAN_ALLOC_SHARE). */
static const char *own_words(const char *err)
{
    for (;;) {
        const char *nl = strchr(err, '\n');
        const char *w = strstr(err, "==WARNING: AddressSanitizer failed to allocate ");
        if (strncmp(err, "==", 2) != 0 || !nl || !w || w > nl)
            return err;
        err = nl + 1;
    }
}

/* ERR is one line that starts with HEAD and ends with TAIL. */
static void assert_line(const char *err, const char *head, const char *tail)
{
    size_t len = strlen(err);
    if (strncmp(err, head, strlen(head)) != 0 || len < strlen(tail) ||
        strcmp(err + len - strlen(tail), tail) != 0 || strchr(err, '\n') != err + len - 1)
        fail_msg("unexpected stderr: %s", err);
}

/* The file Y (freed here) under a memory limit of MIB MiB, writing a.svg
 * and b.png over old ones: exit 3, one line on stderr from HEAD to TAIL,
 * and the old outputs as they were. */
static void expect_out_of_memory(rg_buf *y, unsigned mib, const char *head,
                                 const char *tail)
{
    setup s = {.data = (rlim_t)mib << 20};
    cu_old_outputs();
    cu_result r = RUN_WITH(&s, y->buf, "-o", cu_path("a.svg"), "-o", cu_path("b.png"));
    assert_line(own_words(r.err), head, tail);
    assert_int_equal(r.status, 3);
    cu_result_free(&r);
    assert_old_outputs();
    rg_buf_free(y);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    /* 15 MiB of list items (under the 16 MiB input limit) take far more
     * than 64 MiB as a tree; 64 MiB is plenty to start and to render. */
    setup s = {.data = 64u << 20};
    size_t n = 15u << 20;
    char *big = rg_xmalloc(n + 1);
    for (size_t i = 0; i < n; i += 4)
        memcpy(big + i, "- a\n", 4);
    big[n] = '\0';
    cu_result r = RUN_WITH(&s, big, "--check");
    assert_string_equal(own_words(r.err), "relgraph: error: out of memory\n");
    assert_int_equal(r.status, 3);
    cu_result_free(&r);
    free(big);
    /* The limit itself leaves room for a real run. */
    cu_old_outputs();
    r = RUN_WITH(&s, small, "-o", cu_path("a.svg"), "-o", cu_path("b.png"));
    cu_expect(&r, 0, "");
}

/* A PNG's bitmap, the largest allocation of a run by far (cairo makes it
 * at once), when the memory for it is not there: Graphviz 2.43's cairo
 * plugin drew on the context it had failed to make and crashed (SIGSEGV).
 * The grid is drawn some 5,800 x 3,800 pixels, 84 MiB, well over the
 * 64 MiB limit; the SVG comes first and would fit. */
static void test_png_out_of_memory(void **state)
{
    (void)state;
    rg_buf y = {0};
    rg_buf_puts(&y, "render: {layout: neato}\nactors:\n");
    for (int i = 0; i < 18; i++)
        for (int j = 0; j < 18; j++)
            rg_buf_printf(&y, "  a%d_%d: {name: actor number %d %d with a long name}\n",
                          i, j, i, j);
    rg_buf_puts(&y, "ties:\n");
    for (int i = 0; i < 18; i++)
        for (int j = 0; j < 18; j++) {
            if (j + 1 < 18)
                rg_buf_printf(&y, "  - {from: a%d_%d, to: a%d_%d, kind: talks, "
                                  "label: a long label for this tie}\n", i, j, i, j + 1);
            if (i + 1 < 18)
                rg_buf_printf(&y, "  - {from: a%d_%d, to: a%d_%d, kind: talks, "
                                  "label: a long label for this tie}\n", i, j, i + 1, j);
        }
    expect_out_of_memory(&y, 64,
                         "relgraph: error: not enough memory for the PNG's bitmap of ",
                         " MiB); use SVG or PDF\n");
}

/* The layout child out of memory: neato's distances between every two of
 * 3,000 actors in a chain take some 36 MiB at once, which a 48 MiB limit
 * leaves no room for once the engine has its other tables, while loading
 * and building the graph take less than 10 MiB (and the tree is freed
 * before the layout: under 64 MiB, neato sometimes fits, and then runs
 * for minutes). Neato uses part of what
 * malloc gives unchecked and crashes on the null pointer: it is reported
 * as memory all the same, not as a crash to try another engine for. */
static void test_layout_out_of_memory(void **state)
{
    (void)state;
    rg_buf y = RG_BUF_INIT;
    rg_buf_puts(&y, "render: {layout: neato}\n");
    cu_chain(&y, 3000, "Actor %d", "talks");
    expect_out_of_memory(&y, 48,
                         "relgraph: error: out of memory while laying out: the 'neato' "
                         "layout of 3000 nodes and 2999 edges ran out after ",
                         " MiB; try -K sfdp, which needs much less, or a filter "
                         "(--focus, --kinds)\n");
}

/* ---- signals ----------------------------------------------------------------- */

/* A stop signal in the middle of the commit, as each step begins: the
 * steps so far are undone, then relgraph ends by the signal. */
static void test_signal_during_commit(void **state)
{
    (void)state;
    static const struct {
        const char *fail, *after;
        int sig;
    } cases[] = {
        {"open:SIGTERM", NULL, SIGTERM},  /* the first temporary file */
        {"write:SIGINT", "1", SIGINT},    /* the second one */
        {"fsync:SIGHUP", NULL, SIGHUP},
        {"rename:SIGTERM", NULL, SIGTERM},
        {"rename:SIGINT", "1", SIGINT},   /* a.svg already in place */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        setup s = {.fail = cases[i].fail, .fail_after = cases[i].after};
        cu_old_outputs();
        cu_result r = RUN_WITH(&s, small, "-o", cu_path("a.svg"), "-o",
                               cu_path("b.png"));
        cu_expect(&r, 128 + cases[i].sig, "");
        assert_old_outputs();
    }
    /* And with no old output, none is left. */
    setup s = {.fail = "rename:SIGTERM", .fail_after = "1"};
    cu_result r = RUN_WITH(&s, small, "-o", cu_path("c.svg"), "-o", cu_path("d.png"));
    assert_int_equal(r.status, 128 + SIGTERM);
    cu_result_free(&r);
    cu_assert_listing("a.svg b.png");
}

static void test_killed_while_rendering(void **state)
{
    (void)state;
    /* Killed (by the OOM killer, say) while rendering the PNG, after the
     * SVG: nothing was written yet, so nothing is left. */
    setup s = {.kill_render = "png:cairo"};
    cu_old_outputs();
    cu_result r = RUN_WITH(&s, small, "-o", cu_path("a.svg"), "-o", cu_path("b.png"));
    assert_int_equal(r.status, 128 + SIGKILL);
    cu_result_free(&r);
    assert_old_outputs();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cu_scratch_test(test_shim_is_there),
        cu_scratch_case(test_failures, &failures[0]),
        cu_scratch_case(test_failures, &failures[1]),
        cu_scratch_test(test_rename_fails),
        cu_scratch_test(test_unwritable_target),
        cu_scratch_test(test_file_size_limit),
        cu_scratch_test(test_out_of_memory),
        cu_scratch_test(test_png_out_of_memory),
        cu_scratch_test(test_layout_out_of_memory),
        cu_scratch_test(test_signal_during_commit),
        cu_scratch_test(test_killed_while_rendering),
    };
    return cmocka_run_group_tests_name("faults", tests, NULL, NULL);
}
