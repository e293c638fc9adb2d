/*
 * watch.c - --watch: render, then render again each time the input file
 * changes, until SIGINT or SIGTERM.
 *
 * Linux inotify. Two watches: the file's directory, for events on the
 * file's name (editors often save by writing a new file and renaming it
 * over the old one, which replaces the inode a watch on the file would
 * follow), and the file itself, through symbolic links, for writes in
 * place to a file whose name is elsewhere. A burst of events (an editor's
 * save: create, write, rename) causes one render, once the file has been
 * quiet for a moment.
 *
 * SIGINT and SIGTERM are blocked except while waiting (pselect) and while
 * rendering, so a signal is never lost between the check of the flag and
 * the wait. A render that is under way when the signal comes is finished
 * first; a second signal ends the process at once, as stop.c ends a run
 * (its layout child killed, no temporary output left).
 *
 * Like the rest of the library, this file never prints: the caller's
 * render callback reports, and failures come back as -1 and errno.
 */
#include "internal.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#include <limits.h>
#include <sys/inotify.h>
#include <sys/select.h>
#include <unistd.h>

/* How long the file must stay quiet after an event before rendering. */
#define RG_WATCH_SETTLE_MS 100

static volatile sig_atomic_t watch_stop;

static void on_stop(int sig)
{
    watch_stop = sig;
    rg_stop_install(); /* for the next one */
}

typedef struct watcher {
    int fd;            /* inotify */
    int dir_wd, file_wd;
    const char *path;  /* as given */
    const char *base;  /* its last component */
    sigset_t open_mask;  /* the caller's mask: while rendering */
    sigset_t block_mask; /* the caller's plus SIGINT and SIGTERM */
    sigset_t wait_mask;  /* the caller's less SIGINT and SIGTERM: waiting */
} watcher;

/* (Re)watch the file itself: after a rename over it, the name is a new
 * inode. A missing file is not an error: its directory's watch sees it
 * come back. */
static void watch_file(watcher *w)
{
    int wd = inotify_add_watch(w->fd, w->path,
                               IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF);
    if (wd != w->file_wd && w->file_wd >= 0)
        inotify_rm_watch(w->fd, w->file_wd);
    w->file_wd = wd;
}

/* Wait up to TIMEOUT_MS (-1: for ever) for events. 1 when there are
 * some, 0 on timeout, -1 on a stop signal, -2 on an error. */
static int wait_events(watcher *w, int timeout_ms)
{
    for (;;) {
        if (watch_stop)
            return -1;
        fd_set in;
        FD_ZERO(&in);
        FD_SET(w->fd, &in);
        struct timespec ts = {timeout_ms / 1000, (long)(timeout_ms % 1000) * 1000000L};
        int r = pselect(w->fd + 1, &in, NULL, NULL, timeout_ms < 0 ? NULL : &ts,
                        &w->wait_mask);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -2;
        return r > 0;
    }
}

/* Read the pending events: 1 if one of them is about the file, 0 if
 * none, -2 when the directory itself went away (errno set). */
static int read_events(watcher *w)
{
    union {
        struct inotify_event ev; /* for its alignment */
        char buf[16 * (sizeof(struct inotify_event) + NAME_MAX + 1)];
    } u;
    char *buf = u.buf;
    int relevant = 0;
    for (;;) {
        ssize_t n = read(w->fd, buf, sizeof u.buf);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return relevant;
        if (n <= 0) {
            if (n == 0)
                errno = EIO;
            return -2;
        }
        for (char *p = buf; p < buf + n;) {
            const struct inotify_event *ev = (const struct inotify_event *)p;
            p += sizeof *ev + ev->len;
            if (ev->mask & IN_Q_OVERFLOW) {
                relevant = 1; /* events were lost: render to be sure */
            } else if (ev->wd == w->dir_wd) {
                if (ev->mask & (IN_DELETE_SELF | IN_MOVE_SELF | IN_IGNORED)) {
                    errno = ENOENT;
                    return -2;
                }
                if (ev->len && strcmp(ev->name, w->base) == 0 &&
                    (ev->mask & (IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE)))
                    relevant = 1;
            } else if (ev->wd == w->file_wd &&
                       (ev->mask & (IN_CLOSE_WRITE | IN_DELETE_SELF | IN_MOVE_SELF))) {
                /* Written, or replaced where a symbolic link points. */
                relevant = 1;
            }
        }
    }
}

static int watch_loop(watcher *w, rg_watch_fn render, void *ud)
{
    for (;;) {
        watch_file(w);
        /* Render with the signals open: SA_RESTART keeps the render's
         * system calls going, and the flag is read once it is done. */
        sigprocmask(SIG_SETMASK, &w->open_mask, NULL);
        render(ud);
        sigprocmask(SIG_SETMASK, &w->block_mask, NULL);

        /* Wait for an event about the file... */
        int r;
        do {
            r = wait_events(w, -1);
            if (r == 1)
                r = read_events(w);
        } while (r == 0);
        /* ... then until it has been quiet for a moment. */
        while (r == 1) {
            r = wait_events(w, RG_WATCH_SETTLE_MS);
            if (r == 1 && read_events(w) < 0)
                r = -2;
        }
        if (r == -1)
            return 0;
        if (r == -2)
            return -1;
    }
}

int rg_watch(const char *path, rg_watch_fn render, void *ud)
{
    const char *slash = strrchr(path, '/');
    const char *base = slash ? slash + 1 : path;
    if (!*base) {
        errno = EISDIR;
        return -1;
    }
    char *dir = slash ? rg_xstrdup(path) : rg_xstrdup(".");
    if (slash)
        dir[slash == path ? 1 : slash - path] = '\0';

    /* Block the signals first: one that comes during the set-up is kept
     * pending, and seen at the first wait. */
    watcher w = {.fd = -1, .dir_wd = -1, .file_wd = -1, .path = path, .base = base};
    sigset_t stop_set;
    sigemptyset(&stop_set);
    sigaddset(&stop_set, SIGINT);
    sigaddset(&stop_set, SIGTERM);
    sigprocmask(SIG_BLOCK, &stop_set, &w.open_mask);
    w.block_mask = w.wait_mask = w.open_mask;
    sigaddset(&w.block_mask, SIGINT);
    sigaddset(&w.block_mask, SIGTERM);
    sigdelset(&w.wait_mask, SIGINT);
    sigdelset(&w.wait_mask, SIGTERM);
    watch_stop = 0;
    struct sigaction sa, old_int, old_term;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sa.sa_flags = SA_RESTART | SA_RESETHAND;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old_int);
    sigaction(SIGTERM, &sa, &old_term);
    /* A signal ignored by whoever started us (a background job's SIGINT)
     * stays ignored. */
    if (old_int.sa_handler == SIG_IGN)
        sigaction(SIGINT, &old_int, NULL);
    if (old_term.sa_handler == SIG_IGN)
        sigaction(SIGTERM, &old_term, NULL);

    int status = -1, saved_errno;
    w.fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    if (w.fd >= FD_SETSIZE) {
        errno = EMFILE;
    } else if (w.fd >= 0) {
        w.dir_wd = inotify_add_watch(w.fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO |
                                     IN_CREATE | IN_DELETE_SELF | IN_MOVE_SELF |
                                     IN_ONLYDIR);
        if (w.dir_wd >= 0)
            status = watch_loop(&w, render, ud);
    }
    saved_errno = errno;
    if (w.fd >= 0)
        close(w.fd);
    sigaction(SIGINT, &old_int, NULL);
    sigaction(SIGTERM, &old_term, NULL);
    sigprocmask(SIG_SETMASK, &w.open_mask, NULL);
    free(dir);
    errno = saved_errno;
    return status;
}

#else /* no inotify */

int rg_watch(const char *path, rg_watch_fn render, void *ud)
{
    (void)path;
    (void)render;
    (void)ud;
    errno = ENOSYS;
    return -1;
}

#endif
