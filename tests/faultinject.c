/*
 * faultinject.c - an LD_PRELOAD shim for tests/test_faults.c: makes file
 * operations fail, but only on files under one directory, so that
 * everything else the process touches (Graphviz's plugins and fonts, the
 * temporary file render.c captures stderr in, the layout child's pipe)
 * works as usual.
 *
 *   RG_FAIL_DIR=/tmp/x/   path prefix of the files to fail on (required)
 *   RG_FAIL=OP:ERRNO      OP: open write fsync close rename; ERRNO: a name
 *                         (ENOSPC EIO EROFS EACCES EDQUOT) or a number
 *   RG_FAIL=OP:SIGNAL     instead of failing, the process gets SIGNAL
 *                         (SIGTERM SIGINT SIGHUP) just before the call,
 *                         which then goes on as usual
 *   RG_FAIL_AFTER=N       let the first N matching calls succeed (default 0)
 *   RG_FAIL_TIMES=M       then fail M of them, and let the rest succeed
 *                         (default: fail all the rest)
 *
 *   RG_KILL_RENDER=FMT    be killed (SIGKILL, as by the kernel's OOM killer)
 *                         when Graphviz is asked to render FMT ("png:cairo")
 *
 * "open" covers open, openat, creat and the mkstemp family (glibc's mkstemp
 * opens its file internally, out of reach of an open() wrapper); "write"
 * and "fsync" (fdatasync too) fail on descriptors opened under the prefix;
 * "close" closes the descriptor, as Linux does, then reports the error;
 * "rename" fails when either path is under the prefix.
 *
 * Built by the Makefile as build/faultinject.so (-fPIC -shared -ldl).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <signal.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_FDS 4096

static bool watched[MAX_FDS]; /* descriptors opened under the prefix */
static const char *prefix;
static char op[16];
static int fail_errno;
static int fail_signal;        /* raised instead of failing, or 0 */
static long skip;              /* matching calls to let through first */
static long times = -1;        /* failures left; -1: no end */
static int ready;              /* 0 not read, 1 active, -1 inactive */

static void setup(void)
{
    if (ready)
        return;
    ready = -1;
    prefix = getenv("RG_FAIL_DIR");
    const char *spec = getenv("RG_FAIL");
    if (!prefix || !*prefix || !spec)
        return;
    const char *colon = strchr(spec, ':');
    size_t n = colon ? (size_t)(colon - spec) : strlen(spec);
    if (n == 0 || n >= sizeof op)
        return;
    memcpy(op, spec, n);
    op[n] = '\0';
    const char *e = colon ? colon + 1 : "EIO";
    static const struct { const char *name; int value; } names[] = {
        {"ENOSPC", ENOSPC}, {"EIO", EIO},       {"EROFS", EROFS},
        {"EACCES", EACCES}, {"EDQUOT", EDQUOT}, {"EFBIG", EFBIG},
    };
    static const struct { const char *name; int value; } signals[] = {
        {"SIGTERM", SIGTERM}, {"SIGINT", SIGINT}, {"SIGHUP", SIGHUP},
    };
    fail_errno = atoi(e);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(e, names[i].name) == 0)
            fail_errno = names[i].value;
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
        if (strcmp(e, signals[i].name) == 0)
            fail_signal = signals[i].value;
    if (fail_errno <= 0 && !fail_signal)
        return;
    const char *after = getenv("RG_FAIL_AFTER");
    skip = after ? atol(after) : 0;
    const char *count = getenv("RG_FAIL_TIMES");
    times = count ? atol(count) : -1;
    ready = 1;
}

static bool under(const char *path)
{
    setup();
    return ready == 1 && path && strncmp(path, prefix, strlen(prefix)) == 0;
}

static bool is_watched(int fd)
{
    setup();
    return ready == 1 && fd >= 0 && fd < MAX_FDS && watched[fd];
}

/* True when this call of OP should fail (after the first RG_FAIL_AFTER,
 * RG_FAIL_TIMES times). */
static bool should_fail(const char *name)
{
    if (ready != 1 || strcmp(op, name) != 0)
        return false;
    if (skip > 0) {
        skip--;
        return false;
    }
    if (times == 0)
        return false;
    if (times > 0)
        times--;
    if (fail_signal) {
        int saved = errno;
        raise(fail_signal);
        errno = saved;
        return false;
    }
    errno = fail_errno;
    return true;
}

static int opened(int fd, const char *path)
{
    if (fd >= 0 && fd < MAX_FDS)
        watched[fd] = under(path);
    return fd;
}

/* The next definition of NAME (libc's, or a sanitizer's interceptor). */
#define REAL(name)                                                        \
    static __typeof__(name) *real_##name;                                 \
    if (!real_##name)                                                     \
        *(void **)&real_##name = dlsym(RTLD_NEXT, #name)

/* ---- opening ---- */

static mode_t mode_arg(int flags, va_list ap)
{
    return (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
}

/* The real NAME ARGS, which opens PATH: under the prefix it fails as
 * "open" when its turn has come, and the descriptor it gives is watched. */
#define OPEN_OR_FAIL(name, path, args)                                    \
    REAL(name);                                                           \
    if (under(path) && should_fail("open"))                               \
        return -1;                                                        \
    return opened(real_##name args, path)

/* NAME PARAMS, opening PATH. */
#define OPENER(name, params, path, args)                                  \
    int name params                                                       \
    {                                                                     \
        OPEN_OR_FAIL(name, path, args);                                   \
    }

/* The same for the variadic ones, whose MODE is there with O_CREAT or
 * O_TMPFILE. */
#define OPENER_WITH_MODE(name, params, path, args)                        \
    int name params                                                       \
    {                                                                     \
        va_list ap;                                                       \
        va_start(ap, flags);                                              \
        mode_t mode = mode_arg(flags, ap);                                \
        va_end(ap);                                                       \
        OPEN_OR_FAIL(name, path, args);                                   \
    }

OPENER_WITH_MODE(open, (const char *path, int flags, ...), path, (path, flags, mode))
OPENER_WITH_MODE(open64, (const char *path, int flags, ...), path, (path, flags, mode))
OPENER_WITH_MODE(openat, (int dirfd, const char *path, int flags, ...), path,
                 (dirfd, path, flags, mode))
OPENER_WITH_MODE(openat64, (int dirfd, const char *path, int flags, ...), path,
                 (dirfd, path, flags, mode))
OPENER(creat, (const char *path, mode_t mode), path, (path, mode))
OPENER(mkstemp, (char *tmpl), tmpl, (tmpl))
OPENER(mkstemp64, (char *tmpl), tmpl, (tmpl))
OPENER(mkostemp, (char *tmpl, int flags), tmpl, (tmpl, flags))
OPENER(mkostemp64, (char *tmpl, int flags), tmpl, (tmpl, flags))

/* ---- using and closing ---- */

/* RET NAME PARAMS: fails as OP when WHEN holds and its turn has come,
 * else is the real NAME ARGS. */
#define FAILING(ret, name, params, args, when, op)                        \
    ret name params                                                       \
    {                                                                     \
        REAL(name);                                                       \
        if ((when) && should_fail(op))                                    \
            return -1;                                                    \
        return real_##name args;                                          \
    }

FAILING(ssize_t, write, (int fd, const void *buf, size_t n), (fd, buf, n),
        is_watched(fd), "write")
FAILING(int, fsync, (int fd), (fd), is_watched(fd), "fsync")
FAILING(int, fdatasync, (int fd), (fd), is_watched(fd), "fsync")
FAILING(int, rename, (const char *from, const char *to), (from, to),
        under(from) || under(to), "rename")

int close(int fd)
{
    REAL(close);
    bool w = is_watched(fd);
    if (fd >= 0 && fd < MAX_FDS)
        watched[fd] = false;
    int rc = real_close(fd);
    if (rc == 0 && w && should_fail("close"))
        return -1;
    return rc;
}

/* ---- being killed ---- */

/* libgvc's, declared here without Graphviz's headers. */
int gvRenderData(void *gvc, void *g, const char *format, char **result,
                 void *length);

int gvRenderData(void *gvc, void *g, const char *format, char **result,
                 void *length)
{
    REAL(gvRenderData);
    const char *kill_at = getenv("RG_KILL_RENDER");
    if (kill_at && format && strcmp(format, kill_at) == 0)
        raise(SIGKILL);
    return real_gvRenderData(gvc, g, format, result, length);
}
