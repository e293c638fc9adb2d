/*
 * util.c - allocation that never returns NULL, an arena for the document
 * tree and the model, growable strings, the seeded hash and the string
 * index, UTF-8 decoding, and "did you mean".
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <sys/mman.h>
#include <unistd.h>

void rg_oom(void)
{
    /* The one message the library prints itself: there is no memory left
     * to hand it to a callback. Then exit status 3, a resource failure
     * like a full disk, not a crash (abort) with a core dump; _exit, as
     * atexit handlers and stdio buffers may want memory themselves. No
     * temporary output is left: io.c writes none before its commit, which
     * allocates nothing. */
    fputs("relgraph: error: out of memory\n", stderr);
    _exit(3);
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

void *rg_xgrow(void *p, size_t n, size_t *cap, size_t size, size_t first)
{
    if (n < *cap)
        return p;
    *cap = *cap ? 2 * *cap : first;
    return rg_xrealloc(p, *cap * size);
}

char *rg_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(rg_xmalloc(n), s, n);
}

char *rg_xstrndup(const char *s, size_t n)
{
    char *p = memcpy(rg_xmalloc(n + 1), s, n);
    p[n] = '\0';
    return p;
}

/* ---- arena ---- */

/* Chunks grow from RG_CHUNK_MIN, doubling up to RG_CHUNK_MAX, so that a
 * small file costs little and a big one few mallocs and page faults. Big
 * chunks are backed by transparent huge pages where the system offers
 * them on request (madvise): loading a 14 MB file touches some 200 MB,
 * and with 4 KiB pages the page faults alone cost a third of the time
 * (bench/run.sh). Memory is zeroed once, when a chunk is made: the arena
 * never reuses memory, so every allocation is zeroed.
 *
 * Chunks of RG_CHUNK_MAPPED and more are mapped from the system directly,
 * not taken from malloc: fresh mappings are zero already, and their pages
 * cost memory only once touched. From malloc, such a chunk could come out
 * of the heap (glibc raises its threshold for mapping a block after one
 * such as the input's is freed), and calloc would then write zeros over
 * all of it, making the memory of a half-used chunk count in full. */
#define RG_CHUNK_MIN (64u * 1024u)
#define RG_CHUNK_MAX (8u * 1024u * 1024u)
#define RG_CHUNK_MAPPED (256u * 1024u)
#define RG_HUGE_PAGE (2u * 1024u * 1024u)

typedef struct rg_chunk {
    struct rg_chunk *next;
    size_t used, size;
    size_t mapped; /* bytes of its own mapping (munmap), or 0 (free) */
    max_align_t data[]; /* aligned for any object */
} rg_chunk;

struct rg_arena {
    rg_chunk *head;
    size_t next_size; /* of the next ordinary chunk */
    size_t owners;    /* rg_arena_keep's, and the maker's */
};

rg_arena *rg_arena_new(void)
{
    rg_arena *a = rg_xcalloc(1, sizeof(rg_arena));
    a->owners = 1;
    return a;
}

rg_arena *rg_arena_keep(rg_arena *a)
{
    a->owners++;
    return a;
}

void rg_arena_free(rg_arena *a)
{
    if (!a || --a->owners > 0)
        return;
    for (rg_chunk *c = a->head, *next; c; c = next) {
        next = c->next;
        if (c->mapped)
            munmap(c, c->mapped);
        else
            free(c);
    }
    free(a);
}

static rg_chunk *new_chunk(size_t size)
{
    if (size > SIZE_MAX - sizeof(rg_chunk) - RG_HUGE_PAGE)
        rg_oom();
    size_t total = sizeof(rg_chunk) + size;
    rg_chunk *c;
    if (total >= RG_CHUNK_MAPPED) {
        size_t page = (size_t)sysconf(_SC_PAGESIZE);
        total = (total + page - 1) & ~(page - 1);
        void *p = mmap(NULL, total, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            rg_oom();
        c = p;
        c->mapped = total;
    } else {
        c = rg_xcalloc(1, total);
    }
    c->size = size;
#ifdef MADV_HUGEPAGE
    /* The whole huge pages inside the chunk; a hint, so errors do not
     * matter. */
    if (size >= 2 * RG_HUGE_PAGE) {
        uintptr_t from = ((uintptr_t)c->data + RG_HUGE_PAGE - 1) &
                         ~(uintptr_t)(RG_HUGE_PAGE - 1);
        uintptr_t to = ((uintptr_t)c->data + size) & ~(uintptr_t)(RG_HUGE_PAGE - 1);
        if (to > from)
            madvise((void *)from, to - from, MADV_HUGEPAGE);
    }
#endif
    return c;
}

/* N bytes at a multiple of ALIGN (a power of two, at most max_align_t's). */
static void *arena_take(rg_arena *a, size_t n, size_t align)
{
    rg_chunk *c = a->head;
    if (c) {
        size_t at = (c->used + align - 1) & ~(align - 1);
        if (at <= c->size && c->size - at >= n) {
            c->used = at + n;
            return (char *)c->data + at;
        }
    }
    size_t size = a->next_size ? a->next_size : RG_CHUNK_MIN;
    if (n > size / 2) {
        /* A big block gets a chunk of its own, behind the current one so
         * that the current one's free space stays in use. */
        c = new_chunk(n);
        c->used = n;
        if (a->head) {
            c->next = a->head->next;
            a->head->next = c;
        } else {
            a->head = c;
        }
        return c->data;
    }
    c = new_chunk(size);
    c->next = a->head;
    a->head = c;
    if (size < RG_CHUNK_MAX)
        a->next_size = size * 2;
    else
        a->next_size = size;
    c->used = n;
    return c->data;
}

/* Aligned as any object of N bytes needs: an object's size is a multiple
 * of its alignment, so the largest power of two dividing N (at most
 * max_align_t's) will do, and an array of 56-byte nodes wastes nothing. */
void *rg_arena_alloc(rg_arena *a, size_t n)
{
    size_t align = sizeof(max_align_t);
    if (n == 0)
        n = 1;
    while (n % align)
        align /= 2;
    return arena_take(a, n, align);
}

/* Strings need no alignment: packed, they take a third of the memory. */
char *rg_arena_strndup(rg_arena *a, const char *s, size_t n)
{
    char *p = arena_take(a, n + 1, 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *rg_arena_printf(rg_arena *a, const char *fmt, ...)
{
    rg_buf b = RG_BUF_INIT;
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(&b, fmt, ap);
    va_end(ap);
    char *p = rg_arena_strndup(a, b.buf, b.len);
    rg_buf_free(&b);
    return p;
}

/* ---- growable strings ---- */

/* What every empty buffer points at, so that buf is never NULL: it is
 * never written to, since a buffer with no capacity allocates first. */
char rg_buf_empty[1];

void rg_buf_add(rg_buf *b, const char *s, size_t n)
{
    if (b->cap - b->len <= n) {
        size_t cap = b->cap ? b->cap : 64;
        while (cap - b->len <= n)
            cap *= 2;
        if (b->cap) {
            b->buf = rg_xrealloc(b->buf, cap);
        } else {
            /* rg_buf_empty, or NULL in a zeroed struct: nothing to keep. */
            b->buf = rg_xmalloc(cap);
            b->len = 0;
        }
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

void rg_buf_vprintf(rg_buf *b, const char *fmt, va_list ap)
{
    char small[256];
    va_list cp;
    va_copy(cp, ap);
    int n = vsnprintf(small, sizeof small, fmt, cp);
    va_end(cp);
    if (n < 0)
        rg_oom();
    if ((size_t)n < sizeof small) {
        rg_buf_add(b, small, (size_t)n);
        return;
    }
    char *big = rg_xmalloc((size_t)n + 1);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    rg_buf_add(b, big, (size_t)n);
    free(big);
}

void rg_buf_printf(rg_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rg_buf_vprintf(b, fmt, ap);
    va_end(ap);
}

void rg_buf_clear(rg_buf *b)
{
    if (b->cap)
        b->buf[0] = '\0';
    b->len = 0;
}

void rg_buf_free(rg_buf *b)
{
    if (b->cap)
        free(b->buf);
    *b = (rg_buf)RG_BUF_INIT;
}

void rg_buf_part(rg_buf *b, const char *s, size_t n)
{
    rg_buf_printf(b, "%zu\n", n);
    rg_buf_add(b, s, n);
}

bool rg_part_next(char **p, char *end, char **part, size_t *len)
{
    char *nl = *p ? memchr(*p, '\n', (size_t)(end - *p)) : NULL;
    if (!nl)
        return false;
    size_t n = strtoul(*p, NULL, 10);
    if (n > (size_t)(end - (nl + 1)))
        return false;
    *part = nl + 1;
    *len = n;
    *p = nl + 1 + n;
    return true;
}

char *rg_buf_detach(rg_buf *b, size_t *len)
{
    char *s = b->cap ? b->buf : rg_xstrdup("");
    if (len)
        *len = b->len;
    *b = (rg_buf)RG_BUF_INIT;
    return s;
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
    /* Only cells within CUTOFF of the diagonal can lead to a distance
     * within CUTOFF: the others count as CUTOFF + 1 (no more than they
     * are). And once two rows running are past CUTOFF, so is the rest:
     * a suggestion is looked for among all ids, whatever their number. */
    const size_t over = cutoff + 1;
    size_t d[65][65];
    for (size_t j = 0; j <= lb; j++)
        d[0][j] = j;
    size_t prev_min = 0;
    for (size_t i = 1; i <= la; i++) {
        size_t lo = i > cutoff ? i - cutoff : 1;
        size_t hi = i + cutoff < lb ? i + cutoff : lb;
        d[i][lo - 1] = lo == 1 ? i : over;
        size_t row_min = d[i][lo - 1];
        for (size_t j = lo; j <= hi; j++) {
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
            if (v < row_min)
                row_min = v;
        }
        if (hi < lb)
            d[i][hi + 1] = over;
        if (row_min > cutoff && prev_min > cutoff)
            return over;
        prev_min = row_min;
    }
    return d[la][lb] < over ? d[la][lb] : over;
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
    /* The first candidate at the least distance wins: once one is found,
     * only a nearer one matters, and none is nearer than 1 (0 is the same
     * word, found above). */
    const char *best = NULL;
    size_t best_d = cutoff + 1;
    for (size_t i = 0; i < n && best_d > 1; i++) {
        size_t dist = edit_distance(word, candidates[i], best_d - 1);
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

bool rg_utf8_is_noncharacter(uint32_t cp)
{
    /* U+FDD0..U+FDEF, and the last two code points of every plane
     * (U+FFFE, U+FFFF, U+1FFFE, ... U+10FFFF). */
    return (cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE;
}

/* relgraph(5), YAML, "Control characters" and "Noncharacters": the
 * characters a string may not hold. XML 1.0 forbids the control
 * characters but tab, newline and CR, and U+FFFE and U+FFFF (surrogates
 * are no UTF-8 at all); the other noncharacters are for a program's
 * internal use, never for interchange. */
uint32_t rg_utf8_first_forbidden(const unsigned char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        if (s[i] >= 0x20 && s[i] < 0x7F) { /* the common case */
            i++;
            continue;
        }
        uint32_t cp;
        size_t w = rg_utf8_decode(s + i, n - i, &cp);
        if (w == 0)
            return 0xFFFD;
        if ((cp < 0x20 && cp != '\n' && cp != '\t') || cp == 0x7F ||
            (cp >= 0x80 && cp <= 0x9F) || rg_utf8_is_noncharacter(cp))
            return cp;
        i += w;
    }
    return UINT32_MAX;
}

/* ---- string -> index ---- */

/* Eight bytes at a time from a seed drawn once per process, then a final
 * mix so that every bit counts in the low bits used as a slot. The keys
 * are ids, keys and anchor names from the file: with a fixed hash, anyone
 * can compute 100,000 of them that share a slot, and every lookup then
 * walks all of them (minutes). The seed changes only speed, never output.
 * Every scalar of a file is hashed once (load.c's share_text): a byte at
 * a time, that cost more than the rest of the loader's own work on it. */
static uint64_t hash_word(uint64_t h, uint64_t w)
{
    h = (h ^ w) * 0x9e3779b97f4a7c15u;
    return h ^ (h >> 32);
}

uint64_t rg_hash(const char *s, size_t n)
{
    static uint64_t seed;
    if (!seed) {
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        seed = ((uint64_t)(uintptr_t)&seed * 0x9e3779b97f4a7c15u ^
                (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30)) | 1;
    }
    uint64_t h = hash_word(seed, n), w;
    if (n >= 8) {
        size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            memcpy(&w, s + i, 8);
            h = hash_word(h, w);
        }
        if (i < n) { /* the last 8 bytes, some of them again */
            memcpy(&w, s + n - 8, 8);
            h = hash_word(h, w);
        }
    } else if (n >= 4) { /* two words of 4, which may overlap */
        uint32_t lo, hi;
        memcpy(&lo, s, 4);
        memcpy(&hi, s + n - 4, 4);
        h = hash_word(h, lo | (uint64_t)hi << 32);
    } else if (n > 0) {
        unsigned char a = (unsigned char)s[0], b = (unsigned char)s[n / 2],
                      c = (unsigned char)s[n - 1];
        h = hash_word(h, a | (uint64_t)b << 8 | (uint64_t)c << 16);
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53u;
    h ^= h >> 33;
    return h;
}

static uint64_t hash_str(const char *s)
{
    return rg_hash(s, strlen(s));
}

void rg_index_free(rg_index *ix)
{
    free(ix->keys);
    free(ix->values);
    memset(ix, 0, sizeof *ix);
}

/* To CAP slots (a power of two, more than it has). */
static void index_resize(rg_index *ix, size_t cap)
{
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

static void index_grow(rg_index *ix)
{
    index_resize(ix, ix->cap ? ix->cap * 2 : 64);
}

void rg_index_reserve(rg_index *ix, size_t n)
{
    size_t cap = ix->cap ? ix->cap : 64;
    while (n * 2 > cap)
        cap *= 2;
    if (cap > ix->cap)
        index_resize(ix, cap);
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

bool rg_point_read(const char **s, double *x, double *y)
{
    char *end;
    double a = strtod(*s, &end);
    if (end == *s || *end != ',')
        return false;
    const char *p = end + 1;
    double b = strtod(p, &end);
    if (end == p)
        return false;
    *x = a;
    *y = b;
    *s = end;
    return true;
}
