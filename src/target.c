/*
 * target.c - what an output path names, before io.c writes to it: a
 * regular file (or none yet), which is replaced atomically by a temporary
 * file renamed over it, its symbolic links followed so that the link
 * stays and the file it names is replaced; a character device or a FIFO
 * (/dev/null, /dev/full, a named pipe, bash's >(cmd)), written through
 * and never replaced; or one of relgraph's own descriptors (- and
 * /dev/stdout, /dev/fd/N, /proc/self/fd/N), written to as it is, like a
 * shell redirection. Also the identity of an output, for "the same file
 * given twice", whether it exists yet or not, and temporary names that
 * fit wherever the target's name does.
 */
#include "internal.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Links followed before giving up, as the kernel does (ELOOP). */
#define RG_MAX_LINKS 40

/* The directory part and the last component of PATH, malloc'd. */
static void split(const char *path, char **dir, char **base)
{
    char *a = rg_xstrdup(path), *b = rg_xstrdup(path);
    *dir = rg_xstrdup(dirname(a));
    *base = rg_xstrdup(basename(b));
    free(a);
    free(b);
}

/* LINK (a symbolic link at PATH) read: its target, relative to PATH's
 * directory when relative. Malloc'd, or NULL with errno set. */
static char *follow(const char *path)
{
    char buf[PATH_MAX];
    ssize_t n = readlink(path, buf, sizeof buf - 1);
    if (n < 0)
        return NULL;
    buf[n] = '\0';
    if (buf[0] == '/')
        return rg_xstrdup(buf);
    char *dir, *base;
    split(path, &dir, &base);
    rg_buf b = RG_BUF_INIT;
    rg_buf_printf(&b, "%s/%s", dir, buf);
    free(dir);
    free(base);
    return rg_buf_detach(&b, NULL);
}

/* The descriptor N when PATH is /proc/<this process>/fd/N under any name
 * (/dev/stdout, /dev/fd/N, /proc/self/fd/N): a link of the kernel's that
 * names whatever the descriptor holds (a pipe, a terminal, the file a
 * shell opened for `>` or `>>`), which relgraph writes to as it is. */
static int own_descriptor(const char *path)
{
    char *dir, *base;
    split(path, &dir, &base);
    char real[PATH_MAX], mine[64];
    snprintf(mine, sizeof mine, "/proc/%ld/fd", (long)getpid());
    char *end;
    long n = strtol(base, &end, 10);
    int fd = -1;
    if (*base && !*end && n >= 0 && n <= INT_MAX && realpath(dir, real) &&
        strcmp(real, mine) == 0)
        fd = (int)n;
    free(dir);
    free(base);
    return fd;
}

bool rg_target_resolve(const char *path, rg_target *t, const char **why)
{
    memset(t, 0, sizeof *t);
    *why = NULL;
    if (strcmp(path, "-") == 0) {
        t->kind = RG_TARGET_FD;
        t->fd = STDOUT_FILENO;
        return true;
    }
    char *p = rg_xstrdup(path);
    for (int hops = 0;; hops++) {
        struct stat st;
        if (lstat(p, &st) != 0) {
            /* Not there yet (or its directory cannot be read): a file to
             * make, and the commit says what is wrong, if anything. */
            t->kind = RG_TARGET_FILE;
            break;
        }
        if (S_ISLNK(st.st_mode)) {
            int fd = own_descriptor(p);
            if (fd >= 0) {
                t->kind = RG_TARGET_FD;
                t->fd = fd;
                break;
            }
            char *next = hops < RG_MAX_LINKS ? follow(p) : NULL;
            if (!next) {
                *why = strerror(hops < RG_MAX_LINKS ? errno : ELOOP);
                free(p);
                return false;
            }
            free(p);
            p = next;
            continue;
        }
        if (S_ISREG(st.st_mode))
            t->kind = RG_TARGET_FILE;
        else if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))
            t->kind = RG_TARGET_DEVICE;
        else
            *why = S_ISDIR(st.st_mode)   ? strerror(EISDIR)
                   : S_ISBLK(st.st_mode) ? "it is a block device; relgraph writes "
                                           "files, character devices and FIFOs"
                                         : "it is a socket; relgraph writes files, "
                                           "character devices and FIFOs";
        break;
    }
    if (*why) {
        free(p);
        return false;
    }
    t->path = p;
    return true;
}

void rg_target_free(rg_target *t)
{
    free(t->path);
    t->path = NULL;
}

/* The longest name a file may have in DIR. */
static size_t name_max(const char *dir)
{
    long n = pathconf(dir, _PC_NAME_MAX);
    return n > 0 ? (size_t)n : 255;
}

char *rg_target_temp(const char *path, size_t suffix)
{
    char *dir, *base;
    split(path, &dir, &base);
    /* ".NAME.XXXXXX" and the SUFFIX after it, within the longest name:
     * NAME cut, at a character's start, as much as that takes. */
    size_t room = name_max(dir), fixed = 1 + 7 + suffix;
    size_t keep = strlen(base);
    if (keep + fixed > room) {
        keep = room > fixed ? room - fixed : 0;
        while (keep > 0 && ((unsigned char)base[keep] & 0xC0) == 0x80)
            keep--;
    }
    rg_buf b = RG_BUF_INIT;
    rg_buf_printf(&b, "%s/.%.*s.XXXXXX", dir, (int)keep, base);
    free(dir);
    free(base);
    return rg_buf_detach(&b, NULL);
}

/* What makes two outputs the same: the file (device and inode) when it
 * exists, else the name it will have, with its directory's links
 * resolved. */
typedef struct identity {
    bool exists;
    dev_t dev;
    ino_t ino;
    char *name; /* malloc'd, when it does not exist */
} identity;

static void identify(const char *path, identity *id)
{
    memset(id, 0, sizeof *id);
    const char *why;
    rg_target t;
    struct stat st;
    if (!rg_target_resolve(path, &t, &why)) {
        /* Refused when written: tell apart by name only. */
        id->name = rg_xstrdup(path);
        return;
    }
    if (t.kind == RG_TARGET_FD ? fstat(t.fd, &st) == 0 : stat(t.path, &st) == 0) {
        id->exists = true;
        id->dev = st.st_dev;
        id->ino = st.st_ino;
    } else if (t.path) {
        char *dir, *base, real[PATH_MAX];
        split(t.path, &dir, &base);
        rg_buf b = RG_BUF_INIT;
        rg_buf_printf(&b, "%s/%s", realpath(dir, real) ? real : dir, base);
        id->name = rg_buf_detach(&b, NULL);
        free(dir);
        free(base);
    } else {
        rg_buf b = RG_BUF_INIT;
        rg_buf_printf(&b, "fd %d", t.fd);
        id->name = rg_buf_detach(&b, NULL);
    }
    rg_target_free(&t);
}

bool rg_same_file(const char *a, const char *b)
{
    identity ia, ib;
    identify(a, &ia);
    identify(b, &ib);
    bool same = ia.exists && ib.exists
                    ? ia.dev == ib.dev && ia.ino == ib.ino
                    : !ia.exists && !ib.exists && strcmp(ia.name, ib.name) == 0;
    free(ia.name);
    free(ib.name);
    return same;
}
