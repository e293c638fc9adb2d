/*
 * util.c - allocation that never returns NULL, an arena for the document
 * tree and the model, growable strings, and "did you mean".
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

void rg_oom(void)
{
    /* The one message the library prints itself: there is no memory left
     * to hand it to a callback. */
    fputs("relgraph: error: out of memory\n", stderr);
    abort();
}

void *rg_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        rg_oom();
    return p;
}

void *rg_xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p)
        rg_oom();
    return p;
}

void *rg_xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p)
        rg_oom();
    return p;
}

char *rg_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(rg_xmalloc(n), s, n);
}

/* ---- arena ---- */

typedef struct rg_chunk {
    struct rg_chunk *next;
    size_t used, size;
    max_align_t data[]; /* aligned for any object */
} rg_chunk;

struct rg_arena {
    rg_chunk *head;
};

#define RG_CHUNK_SIZE (64u * 1024u)

rg_arena *rg_arena_new(void)
{
    return rg_xcalloc(1, sizeof(rg_arena));
}

void rg_arena_free(rg_arena *a)
{
    if (!a)
        return;
    for (rg_chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    free(a);
}

void *rg_arena_alloc(rg_arena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    rg_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > RG_CHUNK_SIZE ? n : RG_CHUNK_SIZE;
        c = rg_xmalloc(sizeof(rg_chunk) + size);
        c->used = 0;
        c->size = size;
        /* A big block goes behind the current chunk so that its free
         * space stays in use. */
        if (a->head && size > RG_CHUNK_SIZE) {
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    memset(p, 0, n);
    return p;
}

char *rg_arena_strndup(rg_arena *a, const char *s, size_t n)
{
    char *p = rg_arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *rg_arena_printf(rg_arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        rg_oom();
    char *p = rg_arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

/* ---- growable strings ---- */

void rg_buf_add(rg_buf *b, const char *s, size_t n)
{
    if (b->cap - b->len <= n) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap - b->len <= n)
            cap *= 2;
        b->buf = rg_xrealloc(b->buf, cap);
        b->cap = cap;
    }
    memcpy(b->buf + b->len, s, n);
    b->len += n;
    b->buf[b->len] = '\0';
}

void rg_buf_puts(rg_buf *b, const char *s)
{
    rg_buf_add(b, s, strlen(s));
}

void rg_buf_putc(rg_buf *b, char c)
{
    rg_buf_add(b, &c, 1);
}

void rg_buf_printf(rg_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        rg_oom();
    if ((size_t)n < sizeof small) {
        rg_buf_add(b, small, (size_t)n);
        return;
    }
    char *big = rg_xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    rg_buf_add(b, big, (size_t)n);
    free(big);
}

/* ---- did you mean ---- */

/* Optimal string alignment distance (transpositions count as one edit),
 * which catches the usual typos: "tiess", "acuses", "form". */
static size_t edit_distance(const char *a, const char *b, size_t cutoff)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64)
        return cutoff + 1;
    if ((la > lb ? la - lb : lb - la) > cutoff)
        return cutoff + 1;
    size_t d[65][65];
    for (size_t i = 0; i <= la; i++)
        d[i][0] = i;
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    for (size_t i = 1; i <= la; i++) {
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t v = d[i - 1][j] + 1;
            if (d[i][j - 1] + 1 < v)
                v = d[i][j - 1] + 1;
            if (d[i - 1][j - 1] + cost < v)
                v = d[i - 1][j - 1] + cost;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                d[i - 2][j - 2] + 1 < v)
                v = d[i - 2][j - 2] + 1;
            d[i][j] = v;
        }
    }
    return d[la][lb];
}

const char *rg_suggest(const char *word, const char *const *candidates,
                       size_t n)
{
    size_t len = strlen(word);
    /* A different case is the likeliest slip of all ("lr" for "LR"). */
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(word, candidates[i]) == 0)
            return candidates[i];
    /* One edit in three characters, at least one, at most three; and never
     * as many edits as the word has characters ("c" is not "a"). */
    size_t cutoff = len / 3 ? len / 3 : 1;
    if (cutoff > 3)
        cutoff = 3;
    if (cutoff >= len)
        cutoff = len ? len - 1 : 0;
    if (cutoff == 0)
        return NULL;
    const char *best = NULL;
    size_t best_d = cutoff + 1;
    for (size_t i = 0; i < n; i++) {
        size_t dist = edit_distance(word, candidates[i], cutoff);
        if (dist < best_d) {
            best_d = dist;
            best = candidates[i];
        }
    }
    return best;
}

size_t rg_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (n == 0)
        return 0;
    unsigned char c = s[0];
    size_t len;
    uint32_t v, min;
    if (c < 0x80) {
        *cp = c;
        return 1;
    } else if ((c & 0xE0) == 0xC0) {
        len = 2, v = c & 0x1F, min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3, v = c & 0x0F, min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4, v = c & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (n < len)
        return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
        return 0;
    *cp = v;
    return len;
}

/* ---- string -> index ---- */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

void rg_index_free(rg_index *ix)
{
    free(ix->keys);
    free(ix->values);
    memset(ix, 0, sizeof *ix);
}

static void index_grow(rg_index *ix)
{
    size_t cap = ix->cap ? ix->cap * 2 : 64;
    const char **keys = rg_xcalloc(cap, sizeof *keys);
    int *values = rg_xmalloc(cap * sizeof *values);
    for (size_t i = 0; i < ix->cap; i++) {
        if (!ix->keys[i])
            continue;
        size_t j = hash_str(ix->keys[i]) & (cap - 1);
        while (keys[j])
            j = (j + 1) & (cap - 1);
        keys[j] = ix->keys[i];
        values[j] = ix->values[i];
    }
    free(ix->keys);
    free(ix->values);
    ix->keys = keys;
    ix->values = values;
    ix->cap = cap;
}

int rg_index_put(rg_index *ix, const char *key, int value)
{
    if ((ix->n + 1) * 2 > ix->cap)
        index_grow(ix);
    size_t j = hash_str(key) & (ix->cap - 1);
    while (ix->keys[j]) {
        if (strcmp(ix->keys[j], key) == 0)
            return ix->values[j];
        j = (j + 1) & (ix->cap - 1);
    }
    ix->keys[j] = key;
    ix->values[j] = value;
    ix->n++;
    return -1;
}

int rg_index_get(const rg_index *ix, const char *key)
{
    if (!ix->cap)
        return -1;
    size_t j = hash_str(key) & (ix->cap - 1);
    while (ix->keys[j]) {
        if (strcmp(ix->keys[j], key) == 0)
            return ix->values[j];
        j = (j + 1) & (ix->cap - 1);
    }
    return -1;
}
