/*
 * io.c - reading the input with its size limit, and writing outputs
 * atomically: every output file goes to a temporary file in its target's
 * directory, is flushed to disk, and only when all of them are ready are
 * they renamed over their targets. A failed run leaves old outputs intact
 * and no temporary file behind: nothing is written before the commit, and
 * a commit that fails is undone. What is not a file to replace (standard
 * output, a character device, a FIFO: target.c tells) is written through
 * after that, and never replaced.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Wait until FD has something to read (or its end) before DEADLINE: 1,
 * or 0 when the deadline passed, -1 on an error. A regular file is
 * always ready. */
static int wait_readable(int fd, double deadline)
{
    for (;;) {
        double left = deadline - now();
        if (left <= 0)
            return 0;
        struct pollfd pfd = {fd, POLLIN, 0};
        int pr = poll(&pfd, 1, left > 1e6 ? 1000000000 : (int)(left * 1000) + 1);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr != 0)
            return pr > 0 ? 1 : -1;
    }
}

bool rg_read_input(const char *path, double timeout, char **data, size_t *len,
                   rg_diags *d)
{
    bool from_stdin = strcmp(path, "-") == 0;
    /* Opened without waiting: a FIFO that no program writes to yet would
     * block open() itself, where no deadline can reach. */
    int fd = from_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        rg_error_nomark(d, "cannot read '%s': %s", path, strerror(errno));
        return false;
    }
    struct stat st;
    if (!from_stdin && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        rg_error_nomark(d, "cannot read '%s': it is a directory", path);
        close(fd);
        return false;
    }
    /* A pipe, FIFO, terminal or socket may never end: the input has to
     * have come in full within the timeout (relgraph(1), --timeout). */
    if (timeout <= 0)
        timeout = RG_DEFAULT_TIMEOUT;
    double deadline = now() + timeout;
    /* One byte past the limit is enough to know the input is too big. */
    const size_t max = (size_t)RG_MAX_INPUT_BYTES + 1;
    size_t cap = 64 * 1024, n = 0;
    char *buf = rg_xmalloc(cap + 1);
    bool timed_out = false;
    int err = 0;
    for (;;) {
        if (n == cap) {
            if (cap >= max)
                break;
            cap = cap * 2 > max ? max : cap * 2;
            buf = rg_xrealloc(buf, cap + 1);
        }
        int w = wait_readable(fd, deadline);
        if (w == 0) {
            timed_out = true;
            break;
        }
        ssize_t r = w < 0 ? -1 : read(fd, buf + n, cap - n);
        if (r < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
            continue;
        if (r < 0) {
            err = errno;
            break;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (!from_stdin)
        close(fd);
    if (timed_out)
        rg_error_nomark(d, "cannot read %s%s%s: the input did not come to its "
                           "end within %g s (the --timeout)%s",
                        from_stdin ? "standard input" : "'",
                        from_stdin ? "" : path, from_stdin ? "" : "'", timeout,
                        n == 0 ? "; is any program writing to it?" : "");
    else if (err)
        rg_error_nomark(d, "cannot read '%s': %s", path, strerror(err));
    if (timed_out || err) {
        free(buf);
        return false;
    }
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return true;
}

typedef struct staged {
    char *target;  /* owned: as given, for messages */
    rg_target to;  /* owned: what it names (target.c) */
    char *data;    /* owned copy */
    size_t len;
    char *temp;    /* owned, files only: the temporary file's name (a
                    * mkstemp template until it exists) */
    char *old;     /* owned, files only: name for a hard link to the
                    * target's previous file while the renames run */
    bool made;     /* TEMP exists */
    bool kept;     /* OLD links the previous file */
    bool existed;  /* the target existed when the renames began */
    bool renamed;  /* TEMP is now the target */
} staged;

struct rg_outputs {
    staged *items;
    size_t n, cap;
};

rg_outputs *rg_outputs_new(void)
{
    return rg_xcalloc(1, sizeof(rg_outputs));
}

/* Past a file size limit (ulimit -f), write() fails with EFBIG and is
 * reported like any write error, instead of SIGXFSZ killing relgraph with
 * its temporary file left behind. The caller's handling is restored. */
static void xfsz_ignore(struct sigaction *saved)
{
    struct sigaction ign;
    memset(&ign, 0, sizeof ign);
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGXFSZ, &ign, saved);
}

static void xfsz_restore(const struct sigaction *saved)
{
    sigaction(SIGXFSZ, saved, NULL);
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR && !rg_stop_pending())
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return false;
        }
        data += w;
        len -= (size_t)w;
    }
    return true;
}

/* The mode a new file would get, or the existing target's. */
static mode_t target_mode(const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0)
        return st.st_mode & 07777;
    mode_t mask = umask(0);
    umask(mask);
    return 0666 & ~mask;
}

/* Staging only keeps the bytes: nothing touches the disk before the
 * commit, so that a run which fails, runs out of memory or is killed
 * while it renders the next output leaves nothing behind. Every name the
 * commit needs is made here: the commit allocates nothing until it is
 * done or undone. What PATH names is decided here too (target.c); a
 * target relgraph must not write to is refused now. */
bool rg_outputs_stage(rg_outputs *o, const char *path, const char *data,
                      size_t len, rg_diags *d)
{
    rg_target to;
    const char *why;
    if (!rg_target_resolve(path, &to, &why)) {
        rg_error_nomark(d, "cannot write '%s': %s", path, why);
        return false;
    }
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 4;
        o->items = rg_xrealloc(o->items, o->cap * sizeof *o->items);
    }
    staged *s = &o->items[o->n];
    memset(s, 0, sizeof *s);
    s->target = rg_xstrdup(path);
    s->to = to;
    s->data = rg_xmalloc(len + 1);
    memcpy(s->data, data, len);
    s->len = len;
    if (to.kind == RG_TARGET_FILE) {
        s->temp = rg_target_temp(to.path, strlen(".old"));
        s->old = rg_xmalloc(strlen(s->temp) + 5); /* filled in by make_temp */
    }
    o->n++;
    return true;
}

/* Close FD, written to with the outcome OK: false with errno set by the
 * first failure, the close's included (NFS and FUSE report delayed write
 * errors there). */
static bool close_after(int fd, bool ok)
{
    int saved = errno;
    if (close(fd) != 0 && ok)
        return false;
    errno = saved;
    return ok;
}

/* Write S's temporary file, flushed to disk; false with errno set. */
static bool make_temp(staged *s)
{
    int fd = mkstemp(s->temp);
    if (fd < 0)
        return false;
    s->made = true;
    /* Unique while the temporary file exists, which it does when the
     * target's old file is linked there. */
    snprintf(s->old, strlen(s->temp) + 5, "%s.old", s->temp);
    return close_after(fd, write_all(fd, s->data, s->len) &&
                               fchmod(fd, target_mode(s->to.path)) == 0 &&
                               fsync(fd) == 0);
}

/* Write S to its device, FIFO or descriptor; false with errno set. */
static bool write_through(const staged *s)
{
    if (s->to.kind == RG_TARGET_FD)
        return write_all(s->to.fd, s->data, s->len);
    int fd = open(s->to.path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
    return fd >= 0 && close_after(fd, write_all(fd, s->data, s->len));
}

/* Undo O's commit so far (best effort): renamed targets get their
 * previous file back, or go when there was none; then no temporary file
 * or old link remains. */
static void rollback(rg_outputs *o)
{
    for (size_t i = 0; i < o->n; i++) {
        staged *s = &o->items[i];
        if (s->renamed && s->kept && rename(s->old, s->to.path) == 0)
            s->kept = false;
        else if (s->renamed && !s->existed)
            unlink(s->to.path);
        if (s->kept)
            unlink(s->old);
        if (s->made && !s->renamed)
            unlink(s->temp);
        s->made = s->kept = s->renamed = false;
    }
}

/* A stop signal came while the commit held it off (stop.c): undo, then
 * end by it. */
static void stop_if_pending(rg_outputs *o, const struct sigaction *xfsz)
{
    if (!rg_stop_pending())
        return;
    xfsz_restore(xfsz);
    rollback(o);
    rg_stop_release();
}

/* A commit that cannot go on: every file as it was, ERR said for S. */
static bool give_up(rg_outputs *o, const struct sigaction *xfsz, const staged *s, int err,
                    rg_diags *d)
{
    xfsz_restore(xfsz);
    rollback(o);
    rg_stop_release();
    rg_error_nomark(d, "cannot write '%s': %s", s->target, strerror(err));
    return false;
}

bool rg_outputs_commit(rg_outputs *o, rg_diags *d)
{
    struct sigaction xfsz;
    xfsz_ignore(&xfsz);
    rg_stop_hold();
    /* Every temporary file, in its target's directory. */
    for (size_t i = 0; i < o->n; i++) {
        staged *s = &o->items[i];
        bool made = s->to.kind != RG_TARGET_FILE || make_temp(s);
        stop_if_pending(o, &xfsz);
        if (!made)
            return give_up(o, &xfsz, s, errno, d);
    }
    /* Each renamed over its target; a hard link keeps the target's
     * previous file until all are in place, so that a rename that fails
     * is undone for the ones before it. (Where hard links are not
     * supported, those stay replaced.) */
    for (size_t i = 0; i < o->n; i++) {
        staged *s = &o->items[i];
        if (s->to.kind != RG_TARGET_FILE)
            continue;
        struct stat st;
        s->existed = lstat(s->to.path, &st) == 0;
        s->kept = s->existed && link(s->to.path, s->old) == 0;
        bool renamed = rename(s->temp, s->to.path) == 0;
        int err = errno;
        s->renamed = renamed;
        stop_if_pending(o, &xfsz);
        if (!renamed)
            return give_up(o, &xfsz, s, err, d);
    }
    for (size_t i = 0; i < o->n; i++) {
        staged *s = &o->items[i];
        if (s->kept)
            unlink(s->old);
        s->made = s->kept = s->renamed = false;
    }
    /* Every file is in place: a signal now ends the run as it is. */
    rg_stop_release();
    /* Then what is written through, which cannot be taken back: a
     * signal now ends relgraph at once (it is not held), and a write that
     * blocks (a FIFO no one reads yet) can be interrupted. */
    bool ok = true;
    for (size_t i = 0; i < o->n && ok; i++) {
        staged *s = &o->items[i];
        if (s->to.kind != RG_TARGET_FILE && !write_through(s)) {
            int err = errno;
            if (strcmp(s->target, "-") == 0)
                rg_error_nomark(d, "cannot write to standard output: %s",
                                strerror(err));
            else
                rg_error_nomark(d, "cannot write '%s': %s", s->target,
                                strerror(err));
            ok = false;
        }
    }
    xfsz_restore(&xfsz);
    return ok;
}

void rg_outputs_free(rg_outputs *o)
{
    if (!o)
        return;
    rollback(o);
    for (size_t i = 0; i < o->n; i++) {
        free(o->items[i].target);
        free(o->items[i].data);
        free(o->items[i].temp);
        free(o->items[i].old);
        rg_target_free(&o->items[i].to);
    }
    free(o->items);
    free(o);
}
