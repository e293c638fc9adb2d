/*
 * cliutil.h - helpers for the tests that drive programs (the relgraph
 * binary, named by $RELGRAPH, default ./relgraph; python3; mandoc): run
 * with captured output, a scratch directory per test, files in and out,
 * one-line assertions on a run's outcome and on the files it leaves, and
 * waiting with a deadline instead of fixed sleeps.
 *
 * Paths such as data/ and src/schema.json are relative to the top of the
 * tree, where `make test` runs the tests.
 */
#ifndef RG_CLIUTIL_H
#define RG_CLIUTIL_H

#include "testutil.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* A small valid file: a title, two actors and a tie between them. */
#define CU_SMALL                                                          \
    "relgraph: 1\n"                                                       \
    "title: Small\n"                                                      \
    "actors:\n"                                                           \
    "  a: {name: Alpha, kind: country}\n"                                 \
    "  b: {name: Beta, kind: person, role: Envoy}\n"                      \
    "ties:\n"                                                             \
    "  - {from: a, to: b, kind: accuses, label: spying}\n"

static inline const char *cu_binary(void)
{
    const char *b = getenv("RELGRAPH");
    return b && *b ? b : "./relgraph";
}

typedef struct cu_result {
    int status;          /* exit status, or 128 + signal */
    char *out, *err;     /* owned, NUL-terminated */
    size_t out_len, err_len;
} cu_result;

static inline char *cu_slurp_fd(int fd, size_t *len)
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

/* The end of child PID, whose standard output and error went to the files
 * OFD and EFD (IFD its input): its status (128 + the signal that ended
 * it), and what it wrote; the three descriptors closed. */
static inline cu_result cu_collect(pid_t pid, int ofd, int efd, int ifd)
{
    int st;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    cu_result r;
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    lseek(ofd, 0, SEEK_SET);
    lseek(efd, 0, SEEK_SET);
    r.out = cu_slurp_fd(ofd, &r.out_len);
    r.err = cu_slurp_fd(efd, &r.err_len);
    close(ofd);
    close(efd);
    close(ifd);
    return r;
}

/* Run ARGV (argv[0] looked up in PATH when it has no '/'), feeding IN (or
 * nothing) to its standard input. */
static inline cu_result cu_exec(const char *in, const char *const *argv)
{
    char outp[] = "/tmp/rgcu-out-XXXXXX", errp[] = "/tmp/rgcu-err-XXXXXX",
         inp[] = "/tmp/rgcu-in-XXXXXX";
    int ofd = mkstemp(outp), efd = mkstemp(errp), ifd = mkstemp(inp);
    assert_true(ofd >= 0 && efd >= 0 && ifd >= 0);
    if (in)
        assert_int_equal(write(ifd, in, strlen(in)), (ssize_t)strlen(in));
    lseek(ifd, 0, SEEK_SET);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(ifd, 0);
        dup2(ofd, 1);
        dup2(efd, 2);
        execvp(argv[0], (char *const *)argv);
        _exit(127);
    }
    cu_result r = cu_collect(pid, ofd, efd, ifd);
    unlink(outp);
    unlink(errp);
    unlink(inp);
    return r;
}

/* Run relgraph with ARGS (NULL-terminated). */
static inline cu_result cu_run(const char *in, const char *const *args)
{
    const char *argv[128] = {cu_binary()};
    size_t n = 1;
    for (; args[n - 1]; n++) {
        assert_true(n < 127);
        argv[n] = args[n - 1];
    }
    argv[n] = NULL;
    return cu_exec(in, argv);
}

#define CU_RUN(in, ...) cu_run(in, (const char *const[]){__VA_ARGS__, NULL})
#define CU_EXEC(in, ...) cu_exec(in, (const char *const[]){__VA_ARGS__, NULL})

static inline void cu_result_free(cu_result *r)
{
    free(r->out);
    free(r->err);
}

/* Run ARGV, which must succeed (exit status 0); the test fails otherwise,
 * with the command and what it wrote on standard error. */
static inline void cu_exec_ok(const char *const *argv)
{
    cu_result r = cu_exec(NULL, argv);
    if (r.status != 0) {
        rg_buf cmd = RG_BUF_INIT;
        for (size_t i = 0; argv[i]; i++)
            rg_buf_printf(&cmd, "%s%s", i ? " " : "", argv[i]);
        fail_msg("%s: exit status %d:\n%s", cmd.buf, r.status, r.err);
    }
    cu_result_free(&r);
}

#define CU_EXEC_OK(...) cu_exec_ok((const char *const[]){__VA_ARGS__, NULL})

/* `make -s ARGS...` on a copy of the tree's Makefile in DIR, which has no
 * sources: the ./relgraph there is not to be made again (-o relgraph). */
#define CU_MAKE(dir, ...)                                                 \
    CU_EXEC(NULL, "make", "-s", "--no-print-directory", "-C", dir,       \
            "-o", "relgraph", __VA_ARGS__)

/* The make that runs the tests passes nothing (its jobserver, flags,
 * level) down to a make that a test runs. */
static inline void cu_make_on_its_own(void)
{
    static const char *const vars[] = {"MAKEFLAGS", "MFLAGS", "GNUMAKEFLAGS",
                                       "MAKELEVEL", "MAKEFILES"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
        unsetenv(vars[i]);
}

/* The run R ended with STATUS, having written just ERR to standard error;
 * R is freed. A macro, so that a failure names the line it is asserted
 * at. */
#define cu_expect(r, status_, err_)                                       \
    do {                                                                  \
        assert_string_equal((r)->err, err_);                              \
        assert_int_equal((r)->status, status_);                           \
        cu_result_free(r);                                                \
    } while (0)

/* The run R ended with STATUS, and its standard error holds PART; R is
 * freed. */
#define cu_expect_part(r, status_, part_)                                 \
    do {                                                                  \
        assert_non_null(strstr((r)->err, part_));                         \
        assert_int_equal((r)->status, status_);                           \
        cu_result_free(r);                                                \
    } while (0)

/* printf's FMT and its arguments, in a string of the caller's. */
static inline char *cu_format(const char *fmt, ...) RG_PRINTF(1, 2);
static inline char *cu_format(const char *fmt, ...)
{
    rg_buf b = RG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    return rg_buf_detach(&b, NULL);
}

/* cu_expect with the message made as printf makes it from the rest. */
#define cu_expectf(r, status_, ...)                                       \
    do {                                                                  \
        char *cu_want_ = cu_format(__VA_ARGS__);                          \
        cu_expect(r, status_, cu_want_);                                  \
        free(cu_want_);                                                   \
    } while (0)

/* The python3 that has Debian's python3-jsonschema and python3-yaml:
 * $PYTHON, else /usr/bin/python3 (not a python3 of its own earlier in
 * PATH, which lacks them), else python3 from PATH. */
static inline const char *cu_python(void)
{
    const char *p = getenv("PYTHON");
    if (p && *p)
        return p;
    return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

/* True if PROGRAM is found in PATH. */
static inline bool cu_have(const char *program)
{
    const char *path = getenv("PATH");
    if (!path)
        return false;
    char buf[4096];
    while (*path) {
        size_t n = strcspn(path, ":");
        snprintf(buf, sizeof buf, "%.*s/%s", (int)n, path, program);
        if (n && access(buf, X_OK) == 0)
            return true;
        path += n + (path[n] == ':');
    }
    return false;
}

/* ---- a scratch directory per test ---- */

static char cu_dir[64];

static inline int cu_setup(void **state)
{
    (void)state;
    snprintf(cu_dir, sizeof cu_dir, "/tmp/rgcu-XXXXXX");
    return mkdtemp(cu_dir) ? 0 : -1;
}

/* Remove P and, when it is a directory, everything under it, whatever
 * modes a test left on its directories; symbolic links are removed, not
 * followed. */
static inline void cu_remove_tree(const char *p)
{
    struct stat st;
    if (lstat(p, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        unlink(p);
        return;
    }
    chmod(p, 0700);
    DIR *d = opendir(p);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.' &&
            (!e->d_name[1] || (e->d_name[1] == '.' && !e->d_name[2])))
            continue;
        rg_buf sub = {0};
        rg_buf_printf(&sub, "%s/%s", p, e->d_name);
        cu_remove_tree(sub.buf);
        free(sub.buf);
    }
    if (d)
        closedir(d);
    rmdir(p);
}

static inline int cu_teardown(void **state)
{
    (void)state;
    cu_remove_tree(cu_dir);
    return 0;
}

/* TEST as an entry of a cmocka table, run in a scratch directory of its
 * own. */
#define cu_scratch_test(test) cmocka_unit_test_setup_teardown(test, cu_setup, cu_teardown)

/* The case C of a table of them, as such an entry: TEST run with C as its
 * state, under C's member name. */
#define cu_scratch_case(test, c) {(c)->name, test, cu_setup, cu_teardown, (void *)(c)}

/* NAME in the scratch directory (16 results live at once; a NAME may
 * be as long as a file name may). */
static inline const char *cu_path(const char *name)
{
    static char buf[16][1024];
    static int i;
    i = (i + 1) % 16;
    snprintf(buf[i], sizeof buf[i], "%s/%s", cu_dir, name);
    return buf[i];
}

/* Write TEXT to P in place (open, truncate, write, close). */
static inline void cu_write(const char *p, const char *text)
{
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* YAML written to in.yaml in the scratch directory: its path, which
 * stays valid through the test (it is none of cu_path's). */
static inline const char *cu_input(const char *yaml)
{
    static char p[1024];
    snprintf(p, sizeof p, "%s", cu_path("in.yaml"));
    cu_write(p, yaml);
    return p;
}

/* Write TEXT to P the way many editors save: a new file renamed over P. */
static inline void cu_replace(const char *p, const char *text)
{
    char tmp[300];
    snprintf(tmp, sizeof tmp, "%s.swp", p);
    cu_write(tmp, text);
    assert_int_equal(rename(tmp, p), 0);
}

/* The bytes of P, NUL-terminated, or NULL when it cannot be read. */
static inline char *cu_read(const char *p, size_t *len)
{
    int fd = open(p, O_RDONLY);
    if (fd < 0)
        return NULL;
    char *s = cu_slurp_fd(fd, len);
    close(fd);
    return s;
}

/* The text of the file P, NUL-terminated (the test's to free); the test
 * fails when it cannot be read. */
static inline char *cu_text(const char *p)
{
    char *s = cu_read(p, NULL);
    if (!s)
        fail_msg("cannot read %s: %s", p, strerror(errno));
    return s;
}

/* The text of S between the first BEFORE and the first AFTER past it
 * (the test's to free); the test fails when either is not there. */
static inline char *cu_between(const char *s, const char *before, const char *after)
{
    const char *a = strstr(s, before);
    if (!a)
        fail_msg("not found: %s", before);
    a += strlen(before);
    const char *b = strstr(a, after);
    if (!b)
        fail_msg("not found after %s: %s", before, after);
    return strndup(a, (size_t)(b - a));
}

/* Names in the scratch directory, sorted, space-separated (owned). */
static inline char *cu_listing(void)
{
    struct dirent **list;
    int n = scandir(cu_dir, &list, NULL, alphasort);
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

/* Appends to Y a chain: the actors a0 to a(N-1) under "actors:", each
 * named NAME (a printf format, given the actor's number), and under
 * "ties:" a tie of KIND from each to the next. */
static inline void cu_chain(rg_buf *y, int n, const char *name, const char *kind)
{
    rg_buf_puts(y, "actors:\n");
    for (int i = 0; i < n; i++) {
        rg_buf_printf(y, "  a%d: {name: ", i);
        rg_buf_printf(y, name, i);
        rg_buf_puts(y, "}\n");
    }
    rg_buf_puts(y, "ties:\n");
    for (int i = 0; i + 1 < n; i++)
        rg_buf_printf(y, "  - {from: a%d, to: a%d, kind: %s}\n", i, i + 1, kind);
}

/* ---- assertions on what a test owns ---- */

/* EXPR gives a string of the test's own (malloc'd), which must equal
 * WANT; it is freed. Macros, so that a failure names the line it is
 * asserted at. */
#define cu_assert_owned(expr, want)                                       \
    do {                                                                  \
        char *cu_got_ = (expr);                                           \
        assert_non_null(cu_got_);                                         \
        assert_string_equal(cu_got_, want);                               \
        free(cu_got_);                                                    \
    } while (0)

/* Each of the N texts WANT is in TEXT (WHERE says what TEXT is, for the
 * failure's message). */
static inline void cu_assert_all_in(const char *where, const char *text,
                                    const char *const *want, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strstr(text, want[i]))
            fail_msg("not in %s: %s", where, want[i]);
}

/* The same for an array WANT. */
#define CU_ASSERT_ALL_IN(where, text, want)                               \
    cu_assert_all_in(where, text, want, sizeof want / sizeof want[0])

/* The scratch directory holds just NAMES (sorted, space-separated). */
#define cu_assert_listing(names) cu_assert_owned(cu_listing(), names)

/* The file P holds TEXT. */
#define cu_assert_text(p, text) cu_assert_owned(cu_read(p, NULL), text)

/* Old outputs a.svg and b.png in the scratch directory, for a run that
 * must leave them as they are. */
static inline void cu_old_outputs(void)
{
    cu_write(cu_path("a.svg"), "old a\n");
    cu_write(cu_path("b.png"), "old b\n");
}

/* a.svg and b.png as cu_old_outputs left them, and no file in the
 * scratch directory but NAMES. */
#define cu_assert_old_outputs(names)                                      \
    do {                                                                  \
        cu_assert_text(cu_path("a.svg"), "old a\n");                      \
        cu_assert_text(cu_path("b.png"), "old b\n");                      \
        cu_assert_listing(names);                                         \
    } while (0)

/* Files matching DIR/[!.]*SUFFIX, sorted, as "DIR/NAME" (owned; free
 * each and the array). */
static inline char **cu_glob(const char *dir, const char *suffix, size_t *count)
{
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    char **out = rg_xcalloc((size_t)(n > 0 ? n : 0) + 1, sizeof *out);
    size_t k = 0, sl = strlen(suffix);
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        size_t nl = strlen(name);
        if (name[0] != '.' && nl > sl && strcmp(name + nl - sl, suffix) == 0) {
            rg_buf b = {0};
            rg_buf_printf(&b, "%s/%s", dir, name);
            out[k++] = b.buf;
        }
        free(list[i]);
    }
    free(list);
    *count = k;
    return out;
}

static inline void cu_glob_free(char **files)
{
    for (size_t i = 0; files && files[i]; i++)
        free(files[i]);
    free(files);
}

/* TEST on each file cu_glob finds, in order; there must be AT_LEAST. */
static inline void cu_each_file(const char *dir, const char *suffix, size_t at_least,
                                void (*test)(const char *file))
{
    size_t n;
    char **files = cu_glob(dir, suffix, &n);
    if (n < at_least)
        fail_msg("%zu %s files in %s, fewer than %zu", n, suffix, dir, at_least);
    for (size_t i = 0; i < n; i++)
        test(files[i]);
    cu_glob_free(files);
}

/* The value of KEY in a line of KEY=VALUE figures (page_check.py's,
 * relgraph --stats'), as a string: static, valid until the next call. */
static inline const char *cu_figure(const char *line, const char *key)
{
    static char value[64];
    char pat[64];
    snprintf(pat, sizeof pat, "%s=", key);
    const char *p = line;
    while ((p = strstr(p, pat)) && p != line && p[-1] != ' ')
        p++;
    if (!p)
        fail_msg("no %s in: %s", key, line);
    p += strlen(pat);
    size_t n = strcspn(p, " \n");
    snprintf(value, sizeof value, "%.*s", (int)n, p);
    return value;
}

/* ---- programs running on their own ---- */

/* Start relgraph with ARGS (NULL-terminated), its standard output and
 * error going to files "stdout" and "stderr" of the scratch directory. */
static inline pid_t cu_start(const char *const *args)
{
    const char *argv[32] = {cu_binary()};
    size_t n = 1;
    for (; args[n - 1]; n++)
        argv[n] = args[n - 1];
    argv[n] = NULL;
    int out = open(cu_path("stdout"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(cu_path("stderr"), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    assert_true(out >= 0 && err >= 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        /* As from a terminal: relgraph keeps ignoring a signal that it
         * was started with ignored (a background job's SIGINT), and the
         * test may run as one. */
        signal(SIGINT, SIG_DFL);
        signal(SIGTERM, SIG_DFL);
        signal(SIGHUP, SIG_DFL);
        int null = open("/dev/null", O_RDONLY);
        dup2(null, 0);
        dup2(out, 1);
        dup2(err, 2);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    close(out);
    close(err);
    return pid;
}

#define CU_START(...) cu_start((const char *const[]){__VA_ARGS__, NULL})

/* The state letter of process PID (R, S, Z...), or 0 when there is none. */
static inline char cu_proc_state(pid_t pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
    char *s = cu_read(path, NULL);
    /* "PID (COMM) STATE PPID ...": COMM may hold spaces and parentheses. */
    const char *rp = s ? strrchr(s, ')') : NULL;
    char state = rp && rp[1] == ' ' ? rp[2] : 0;
    free(s);
    return state;
}

/* True while PID runs: it exists and is no zombie. */
static inline bool cu_alive(pid_t pid)
{
    char st = cu_proc_state(pid);
    return st && st != 'Z' && st != 'X';
}

/* The live children of PID (from /proc), up to MAX, into PIDS; how many. */
static inline size_t cu_children_of(pid_t pid, pid_t *pids, size_t max)
{
    DIR *d = opendir("/proc");
    size_t n = 0;
    struct dirent *e;
    while (d && n < max && (e = readdir(d))) {
        char *end;
        long p = strtol(e->d_name, &end, 10);
        if (*end || p <= 0)
            continue;
        char path[64];
        snprintf(path, sizeof path, "/proc/%ld/stat", p);
        char *s = cu_read(path, NULL);
        const char *rp = s ? strrchr(s, ')') : NULL;
        char state;
        long ppid;
        if (rp && sscanf(rp + 1, " %c %ld", &state, &ppid) == 2 && ppid == (long)pid &&
            state != 'Z' && state != 'X')
            pids[n++] = (pid_t)p;
        free(s);
    }
    if (d)
        closedir(d);
    return n;
}

/* A live child of PID, or 0. */
static inline pid_t cu_child_of(pid_t pid)
{
    pid_t found = 0;
    return cu_children_of(pid, &found, 1) ? found : 0;
}

/* ---- waiting with a deadline ---- */

static inline double cu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static inline void cu_nap(void)
{
    struct timespec ts = {0, 20 * 1000 * 1000};
    nanosleep(&ts, NULL);
}

/* True once FILE's text contains NEEDLE, polling until SECONDS pass. */
static inline bool cu_wait_for_text(const char *file, const char *needle,
                                    double seconds)
{
    double end = cu_now() + seconds;
    do {
        char *s = cu_read(file, NULL);
        bool found = s && strstr(s, needle);
        free(s);
        if (found)
            return true;
        cu_nap();
    } while (cu_now() < end);
    return false;
}

/* Wait up to SECONDS for PID to end: its status as cu_result's, or -1. */
static inline int cu_wait_exit(pid_t pid, double seconds)
{
    double end = cu_now() + seconds;
    do {
        int st;
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid)
            return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
        if (r < 0 && errno != EINTR)
            return -1;
        cu_nap();
    } while (cu_now() < end);
    return -1;
}

/* The layout child of relgraph PID once it has one, waiting up to
 * SECONDS; 0 if none came. */
static inline pid_t cu_wait_child(pid_t pid, double seconds)
{
    double end = cu_now() + seconds;
    do {
        pid_t c = cu_child_of(pid);
        if (c)
            return c;
        cu_nap();
    } while (cu_now() < end);
    return 0;
}

/* True once PID no longer runs, waiting up to SECONDS. */
static inline bool cu_wait_gone(pid_t pid, double seconds)
{
    double end = cu_now() + seconds;
    do {
        if (!cu_alive(pid))
            return true;
        cu_nap();
    } while (cu_now() < end);
    return false;
}

#endif
