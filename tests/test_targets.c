/*
 * test_targets.c - outputs onto what is not a plain file, through the
 * binary: character devices (made with mknod in the scratch directory,
 * never the real /dev: as root, relgraph once replaced /dev/null with a
 * plain file), a block device, FIFOs, symbolic links (followed: the file
 * is replaced, the link stays), links to relgraph's own descriptors
 * (/dev/stdout and /dev/fd/N are such links), names of 245 to 255 bytes,
 * and the same output given twice under two spellings, existing or not.
 * Each case asserts the exit status, the exact message, what was written
 * and that nothing else was left in the directory.
 */
#include "cliutil.h"

#include <sys/sysmacros.h>

static const char small[] =
    "actors:\n"
    "  a: {name: Alpha, kind: country}\n"
    "  b: {name: Beta, kind: person}\n"
    "ties:\n"
    "  - {from: a, to: b, kind: accuses, label: spying}\n";

/* The small file written as the input, and the SVG relgraph gives it on
 * standard output (the test's to free). */
typedef struct expected {
    const char *in;
    char *svg;
    size_t len;
} expected;

static expected expected_svg(void)
{
    expected e = {cu_input(small), NULL, 0};
    cu_result r = CU_RUN(NULL, e.in, "-T", "svg");
    assert_int_equal(r.status, 0);
    assert_non_null(strstr(r.out, "<svg"));
    e.svg = r.out;
    e.len = r.out_len;
    free(r.err);
    return e;
}

static void assert_file(const char *path, const char *want, size_t len)
{
    size_t got_len;
    char *got = cu_read(path, &got_len);
    assert_non_null(got);
    assert_int_equal(got_len, len);
    assert_memory_equal(got, want, len);
    free(got);
}

/* The run R failed (exit 3) with "relgraph: error: cannot write 'P':
 * WHY\n"; R is freed. */
#define expect_cannot_write(r, p, why)                                    \
    cu_expectf(r, 3, "relgraph: error: cannot write '%s': %s\n", p, why)

/* The input, for a test that makes device nodes: it is skipped unless
 * it runs as root. */
static const char *input_for_devices(void)
{
    if (geteuid() != 0) {
        printf("SKIPPED: device nodes need root (mknod) in the scratch directory\n");
        skip();
    }
    return cu_input(small);
}

static void make_device(const char *name, mode_t type, int major_, int minor_)
{
    assert_int_equal(mknod(cu_path(name), type | 0666, makedev(major_, minor_)), 0);
}

static void assert_device(const char *name, mode_t type, int major_, int minor_)
{
    struct stat st;
    assert_int_equal(lstat(cu_path(name), &st), 0);
    assert_true((st.st_mode & S_IFMT) == type);
    assert_true(st.st_rdev == makedev(major_, minor_));
}

static void test_character_devices(void **state)
{
    (void)state;
    const char *in = input_for_devices();
    make_device("null", S_IFCHR, 1, 3);
    make_device("full", S_IFCHR, 1, 7);
    /* Written through: the device stays a device. */
    cu_result r = CU_RUN(NULL, in, "-T", "svg", "-o", cu_path("null"));
    cu_expect(&r, 0, "");
    assert_device("null", S_IFCHR, 1, 3);
    /* A full device: its error, exit 3. */
    r = CU_RUN(NULL, in, "-T", "svg", "-o", cu_path("full"));
    expect_cannot_write(&r, cu_path("full"), "No space left on device");
    assert_device("full", S_IFCHR, 1, 7);
    /* Through a symbolic link, as /dev/stdout or a user's link would. */
    assert_int_equal(symlink("null", cu_path("quiet.svg")), 0);
    r = CU_RUN(NULL, in, "-o", cu_path("quiet.svg"));
    cu_expect(&r, 0, "");
    assert_device("null", S_IFCHR, 1, 3);
    cu_assert_listing("full in.yaml null quiet.svg");
}

static void test_block_device_refused(void **state)
{
    (void)state;
    const char *in = input_for_devices();
    /* A loop device's numbers: nothing is ever opened. */
    make_device("disk", S_IFBLK, 7, 0);
    cu_write(cu_path("a.svg"), "old\n");
    cu_result r = CU_RUN(NULL, in, "-o", cu_path("a.svg"), "-T", "svg", "-o",
                         cu_path("disk"));
    expect_cannot_write(&r, cu_path("disk"), "it is a block device; relgraph writes "
                                             "files, character devices and FIFOs");
    assert_device("disk", S_IFBLK, 7, 0);
    assert_file(cu_path("a.svg"), "old\n", 4);
    cu_assert_listing("a.svg disk in.yaml");
}

/* A reader of FIFO in a process of its own, which copies what it reads
 * to the file COPY. */
static pid_t fifo_reader(const char *fifo, const char *copy)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        int in = open(fifo, O_RDONLY);
        int out = open(copy, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        char buf[65536];
        ssize_t n;
        while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof buf)) > 0)
            if (write(out, buf, (size_t)n) != n)
                _exit(1);
        _exit(in >= 0 && out >= 0 && close(out) == 0 ? 0 : 1);
    }
    return pid;
}

static void test_fifo(void **state)
{
    (void)state;
    expected e = expected_svg();
    assert_int_equal(mkfifo(cu_path("pipe"), 0644), 0);
    pid_t reader = fifo_reader(cu_path("pipe"), cu_path("copy"));
    cu_result r = CU_RUN(NULL, e.in, "-T", "svg", "-o", cu_path("pipe"), "-o",
                         cu_path("beside.svg"));
    cu_expect(&r, 0, "");
    int status = cu_wait_exit(reader, 10);
    if (status < 0) {
        /* Blocked on a FIFO that is no longer there. */
        kill(reader, SIGKILL);
        cu_wait_exit(reader, 10);
        fail_msg("the FIFO's reader got nothing in 10 s");
    }
    assert_int_equal(status, 0);
    assert_file(cu_path("copy"), e.svg, e.len);
    assert_file(cu_path("beside.svg"), e.svg, e.len);
    struct stat st;
    assert_int_equal(lstat(cu_path("pipe"), &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    cu_assert_listing("beside.svg copy in.yaml pipe");
    free(e.svg);
}

static void test_symbolic_links(void **state)
{
    (void)state;
    expected e = expected_svg();
    assert_int_equal(mkdir(cu_path("sub"), 0755), 0);
    /* A link to a file: the file is replaced, the link stays. */
    cu_write(cu_path("sub/real.svg"), "old\n");
    assert_int_equal(symlink("sub/real.svg", cu_path("link.svg")), 0);
    /* A chain of two, relative each to its own directory. */
    assert_int_equal(symlink("../sub/far.svg", cu_path("sub/hop.svg")), 0);
    assert_int_equal(symlink("sub/hop.svg", cu_path("chain.svg")), 0);
    /* A link to no file yet: the file it names is made. */
    assert_int_equal(symlink("sub/new.svg", cu_path("dangling.svg")), 0);
    cu_result r = CU_RUN(NULL, e.in, "-o", cu_path("link.svg"), "-o",
                         cu_path("chain.svg"), "-o", cu_path("dangling.svg"));
    cu_expect(&r, 0, "");
    static const char *const links[] = {"link.svg", "chain.svg", "dangling.svg",
                                        "sub/hop.svg"};
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        struct stat st;
        assert_int_equal(lstat(cu_path(links[i]), &st), 0);
        assert_true(S_ISLNK(st.st_mode));
    }
    assert_file(cu_path("sub/real.svg"), e.svg, e.len);
    assert_file(cu_path("sub/far.svg"), e.svg, e.len);
    assert_file(cu_path("sub/new.svg"), e.svg, e.len);
    cu_assert_listing("chain.svg dangling.svg in.yaml link.svg sub");
    /* A loop of links: refused, nothing written. */
    assert_int_equal(symlink("loop2.svg", cu_path("loop1.svg")), 0);
    assert_int_equal(symlink("loop1.svg", cu_path("loop2.svg")), 0);
    r = CU_RUN(NULL, e.in, "-o", cu_path("loop1.svg"));
    expect_cannot_write(&r, cu_path("loop1.svg"),
                        "Too many levels of symbolic links");
    free(e.svg);
}

/* Links into /proc/self/fd, as /dev/stdout (-> /proc/self/fd/1) and
 * /dev/fd (-> /proc/self/fd) are: what relgraph's descriptor holds is
 * written to as it is, even a regular file (the test's capture of
 * standard output is one), which is not replaced. */
static void test_own_descriptors(void **state)
{
    (void)state;
    expected e = expected_svg();
    assert_int_equal(symlink("/proc/self/fd/1", cu_path("stdout")), 0);
    assert_int_equal(symlink("/proc/self/fd", cu_path("fd")), 0);
    const char *const paths[] = {cu_path("stdout"), cu_path("fd/1"),
                                 "/proc/self/fd/1"};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++) {
        cu_result r = CU_RUN(NULL, e.in, "-T", "svg", "-o", paths[i]);
        assert_string_equal(r.err, "");
        assert_int_equal(r.status, 0);
        assert_int_equal(r.out_len, e.len);
        assert_memory_equal(r.out, e.svg, e.len);
        cu_result_free(&r);
    }
    struct stat st;
    assert_int_equal(lstat(cu_path("stdout"), &st), 0);
    assert_true(S_ISLNK(st.st_mode));
    cu_assert_listing("fd in.yaml stdout");
    /* A pipe on descriptor 5, as bash's >(cmd) gives /dev/fd/63. */
    int fds[2];
    assert_int_equal(pipe(fds), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], 5);
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 2);
        execl(cu_binary(), cu_binary(), e.in, "-T", "svg", "-o", "/proc/self/fd/5",
              (char *)NULL);
        _exit(127);
    }
    close(fds[1]);
    size_t got_len;
    char *got = cu_slurp_fd(fds[0], &got_len);
    close(fds[0]);
    assert_int_equal(cu_wait_exit(pid, 30), 0);
    assert_int_equal(got_len, e.len);
    assert_memory_equal(got, e.svg, e.len);
    free(got);
    free(e.svg);
}

/* NAME of LEN bytes ending in ".svg", made of CH (one or more bytes). */
static char *long_name(size_t len, const char *ch)
{
    rg_buf b = {0};
    while (b.len + strlen(ch) + 4 <= len)
        rg_buf_puts(&b, ch);
    while (b.len + 4 < len)
        rg_buf_putc(&b, 'x');
    rg_buf_puts(&b, ".svg");
    assert_int_equal(b.len, len);
    return b.buf;
}

static void test_long_names(void **state)
{
    (void)state;
    expected e = expected_svg();
    static const struct {
        size_t len;
        const char *ch;
    } cases[] = {{245, "n"}, {250, "n"}, {255, "n"}, {255, "\xC3\xA9"},
                 {254, "\xE2\x80\x94"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *name = long_name(cases[i].len, cases[i].ch);
        /* Over an old file too: the old file's link is as long. */
        if (i % 2)
            cu_write(cu_path(name), "old\n");
        cu_result r = CU_RUN(NULL, e.in, "-o", cu_path(name));
        cu_expect(&r, 0, "");
        assert_file(cu_path(name), e.svg, e.len);
        char *want = cu_format("in.yaml %s", name);
        cu_assert_listing(want);
        free(want);
        unlink(cu_path(name));
        free(name);
    }
    /* One byte more is more than a name may have. */
    char *name = long_name(256, "n");
    cu_result r = CU_RUN(NULL, e.in, "-o", cu_path(name));
    expect_cannot_write(&r, cu_path(name), "File name too long");
    cu_assert_listing("in.yaml");
    free(name);
    free(e.svg);
}

static void test_same_output_two_ways(void **state)
{
    (void)state;
    const char *in = cu_input(small);
    assert_int_equal(mkdir(cu_path("sub"), 0755), 0);
    assert_int_equal(symlink("t.svg", cu_path("link.svg")), 0);
    assert_int_equal(symlink("/proc/self/fd/1", cu_path("stdout")), 0);
    /* t.svg does not exist yet: the same all the same. */
    const char *const pairs[][2] = {
        {cu_path("t.svg"), cu_path("./t.svg")},
        {cu_path("t.svg"), cu_path("sub/../t.svg")},
        {cu_path("link.svg"), cu_path("t.svg")},
        {"-", cu_path("stdout")},
    };
    for (int existing = 0; existing < 2; existing++) {
        if (existing) {
            cu_write(cu_path("t.svg"), "old\n");
            assert_int_equal(link(cu_path("t.svg"), cu_path("hard.svg")), 0);
        }
        for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
            cu_result r = CU_RUN(NULL, in, "-T", "svg", "-o", pairs[i][0], "-o",
                                 pairs[i][1]);
            assert_int_equal(r.out_len, 0);
            cu_expectf(&r, 2, "relgraph: error: output '%s' is given twice\n"
                              "Try 'relgraph --help' for more information.\n",
                       pairs[i][1]);
        }
    }
    /* Two names of one file (a hard link). */
    cu_result r = CU_RUN(NULL, in, "-o", cu_path("t.svg"), "-o", cu_path("hard.svg"));
    assert_int_equal(r.status, 2);
    cu_result_free(&r);
    assert_file(cu_path("t.svg"), "old\n", 4);
    cu_assert_listing("hard.svg in.yaml link.svg stdout sub t.svg");
    /* The input under another name. */
    r = CU_RUN(NULL, in, "-T", "svg", "-o", cu_path("sub/../in.yaml"));
    cu_expectf(&r, 2, "relgraph: error: output '%s' is the input file\n"
                      "Try 'relgraph --help' for more information.\n",
               cu_path("sub/../in.yaml"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cu_scratch_test(test_character_devices),
        cu_scratch_test(test_block_device_refused),
        cu_scratch_test(test_fifo),
        cu_scratch_test(test_symbolic_links),
        cu_scratch_test(test_own_descriptors),
        cu_scratch_test(test_long_names),
        cu_scratch_test(test_same_output_two_ways),
    };
    return cmocka_run_group_tests_name("targets", tests, NULL, NULL);
}
