/*
 * io.c - reading the input with its size limit, and writing outputs
 * atomically: every output goes to a temporary file in its target's
 * directory, is flushed to disk, and only when all of them are ready are
 * they renamed over their targets. A failed run leaves old outputs intact.
 */
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
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
    char *temp;    /* owned; NULL for standard output */
    char *data;    /* owned copy, for standard output only */
    size_t len;
} staged;

struct rg_outputs {
    staged *items;
    size_t n, cap;
};

rg_outputs *rg_outputs_new(void)
{
    return rg_xcalloc(1, sizeof(rg_outputs));
}

static bool write_all(int fd, const char *data, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, data, len);
        if (w < 0 && errno == EINTR)
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

bool rg_outputs_stage(rg_outputs *o, const char *path, const char *data,
                      size_t len, rg_diags *d)
{
    if (o->n == o->cap) {
        o->cap = o->cap ? o->cap * 2 : 4;
        o->items = rg_xrealloc(o->items, o->cap * sizeof *o->items);
    }
    staged *s = &o->items[o->n];
    memset(s, 0, sizeof *s);
    if (strcmp(path, "-") == 0) {
        s->target = rg_xstrdup(path);
        s->data = rg_xmalloc(len + 1);
        memcpy(s->data, data, len);
        s->len = len;
        o->n++;
        return true;
    }
    char *copy = rg_xstrdup(path);
    char *base = rg_xstrdup(basename(copy));
    free(copy);
    copy = rg_xstrdup(path);
    const char *dir = dirname(copy);
    size_t need = strlen(dir) + strlen(base) + 32;
    char *temp = rg_xmalloc(need);
    snprintf(temp, need, "%s/.%s.XXXXXX", dir, base);
    free(copy);
    free(base);
    int fd = mkstemp(temp);
    if (fd < 0) {
        rg_error_nomark(d, "cannot write '%s': %s", path, strerror(errno));
        free(temp);
        return false;
    }
    bool ok = write_all(fd, data, len) && fchmod(fd, target_mode(path)) == 0 &&
              fsync(fd) == 0;
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (!ok) {
        rg_error_nomark(d, "cannot write '%s': %s", path, strerror(saved));
        unlink(temp);
        free(temp);
        return false;
    }
    s->target = rg_xstrdup(path);
    s->temp = temp;
    o->n++;
    return true;
}

bool rg_outputs_commit(rg_outputs *o, rg_diags *d)
{
    bool ok = true;
    for (size_t i = 0; i < o->n; i++) {
        staged *s = &o->items[i];
        if (s->temp) {
            if (ok && rename(s->temp, s->target) == 0) {
                free(s->temp);
                s->temp = NULL;
                continue;
            }
            if (ok)
                rg_error_nomark(d, "cannot write '%s': %s", s->target,
                                strerror(errno));
            ok = false;
        } else if (ok && s->data) {
            if (!write_all(STDOUT_FILENO, s->data, s->len)) {
                rg_error_nomark(d, "cannot write to standard output: %s",
                                strerror(errno));
                ok = false;
            }
        }
    }
    return ok;
}

void rg_outputs_free(rg_outputs *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->n; i++) {
        if (o->items[i].temp)
            unlink(o->items[i].temp);
        free(o->items[i].temp);
        free(o->items[i].target);
        free(o->items[i].data);
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
