/*
 * io.c - reading the input with its size limit, and writing outputs
 * atomically: every output goes to a temporary file in its target's
 * directory, is flushed to disk, and only when all of them are ready are
 * they renamed over their targets. A failed run leaves old outputs intact
 * and no temporary file behind: nothing is written before the commit, and
 * a commit that fails is undone.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool rg_read_input(const char *path, char **data, size_t *len, rg_diags *d)
{
    bool from_stdin = strcmp(path, "-") == 0;
    int fd = from_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
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
    /* One byte past the limit is enough to know the input is too big. */
    const size_t max = (size_t)RG_MAX_INPUT_BYTES + 1;
    size_t cap = 64 * 1024, n = 0;
    char *buf = rg_xmalloc(cap + 1);
    for (;;) {
        if (n == cap) {
            if (cap >= max)
                break;
            cap = cap * 2 > max ? max : cap * 2;
            buf = rg_xrealloc(buf, cap + 1);
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            rg_error_nomark(d, "cannot read '%s': %s", path, strerror(errno));
            free(buf);
            if (!from_stdin)
                close(fd);
            return false;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    if (!from_stdin)
        close(fd);
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return true;
}

typedef struct staged {
    char *target;  /* owned */
    char *data;    /* owned copy */
    size_t len;
    bool file;     /* else standard output */
    char *temp;    /* owned: the temporary file's name (a mkstemp
                    * template until it exists) */
    char *old;     /* owned: name for a hard link to the target's previous
                    * file while the renames run */
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
 * done or undone. */
bool rg_outputs_stage(rg_outputs *o, const char *path, const char *data,
                      size_t len, rg_diags *d)
{
    (void)d;
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 4;
        o->items = rg_xrealloc(o->items, o->cap * sizeof *o->items);
    }
    staged *s = &o->items[o->n];
    memset(s, 0, sizeof *s);
    s->target = rg_xstrdup(path);
    s->data = rg_xmalloc(len + 1);
    memcpy(s->data, data, len);
    s->len = len;
    s->file = strcmp(path, "-") != 0;
    if (s->file) {
        char *copy = rg_xstrdup(path);
        char *base = rg_xstrdup(basename(copy));
        free(copy);
        copy = rg_xstrdup(path);
        const char *dir = dirname(copy);
        size_t need = strlen(dir) + strlen(base) + 32;
        s->temp = rg_xmalloc(need);
        snprintf(s->temp, need, "%s/.%s.XXXXXX", dir, base);
        s->old = rg_xmalloc(need + 4); /* filled in by make_temp */
        free(copy);
        free(base);
    }
    o->n++;
    return true;
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
    bool ok = write_all(fd, s->data, s->len) &&
              fchmod(fd, target_mode(s->target)) == 0 && fsync(fd) == 0;
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    errno = saved;
    return ok;
}

/* Undo O's commit so far (best effort): renamed targets get their
 * previous file back, or go when there was none; then no temporary file
 * or old link remains. */
static void rollback(rg_outputs *o)
{
    for (size_t i = 0; i < o->n; i++) {
        staged *s = &o->items[i];
        if (s->renamed && s->kept && rename(s->old, s->target) == 0)
            s->kept = false;
        else if (s->renamed && !s->existed)
            unlink(s->target);
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

bool rg_outputs_commit(rg_outputs *o, rg_diags *d)
{
    struct sigaction xfsz;
    xfsz_ignore(&xfsz);
    rg_stop_hold();
    /* Every temporary file, in its target's directory. */
    for (size_t i = 0; i < o->n; i++) {
        staged *s = &o->items[i];
        bool made = !s->file || make_temp(s);
        stop_if_pending(o, &xfsz);
        if (!made) {
            int err = errno;
            xfsz_restore(&xfsz);
            rollback(o);
            rg_stop_release();
            rg_error_nomark(d, "cannot write '%s': %s", s->target, strerror(err));
            return false;
        }
    }
    /* Each renamed over its target; a hard link keeps the target's
     * previous file until all are in place, so that a rename that fails
     * is undone for the ones before it. (Where hard links are not
     * supported, those stay replaced.) */
    for (size_t i = 0; i < o->n; i++) {
        staged *s = &o->items[i];
        if (!s->file)
            continue;
        struct stat st;
        s->existed = lstat(s->target, &st) == 0;
        s->kept = s->existed && link(s->target, s->old) == 0;
        bool renamed = rename(s->temp, s->target) == 0;
        int err = errno;
        s->renamed = renamed;
        stop_if_pending(o, &xfsz);
        if (!renamed) {
            xfsz_restore(&xfsz);
            rollback(o);
            rg_stop_release();
            rg_error_nomark(d, "cannot write '%s': %s", s->target, strerror(err));
            return false;
        }
    }
    for (size_t i = 0; i < o->n; i++) {
        staged *s = &o->items[i];
        if (s->kept)
            unlink(s->old);
        s->made = s->kept = s->renamed = false;
    }
    /* Every file is in place: a signal now ends the run as it is. */
    rg_stop_release();
    /* Then standard output, which cannot be taken back. */
    bool ok = true;
    for (size_t i = 0; i < o->n && ok; i++) {
        staged *s = &o->items[i];
        if (!s->file && !write_all(STDOUT_FILENO, s->data, s->len)) {
            rg_error_nomark(d, "cannot write to standard output: %s",
                            strerror(errno));
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
    }
    free(o->items);
    free(o);
}

bool rg_same_file(const char *a, const char *b)
{
    if (strcmp(a, "-") == 0 || strcmp(b, "-") == 0)
        return false;
    struct stat sa, sb;
    if (stat(a, &sa) == 0 && stat(b, &sb) == 0)
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
    /* One does not exist yet: compare the paths as written. */
    return strcmp(a, b) == 0;
}
