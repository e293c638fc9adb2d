/*
 * textcache.c - the sizes of the texts Graphviz measures, kept for the
 * drawings that are only scored (gv.h, rg_textcache_*).
 *
 * Every layout measures every text through pango (a layout child with
 * dot, relgraph with nop2 as it finishes a drawing), and the search lays
 * one graph out a dozen ways: the same names, roles and numbers measured
 * a dozen times, a third of its work. So relgraph's own text layout
 * engine stands in front of pango's: it answers a text it has seen, in
 * the same font, size and style, with pango's answer then, and asks
 * pango for the rest. pango's answer for one text is always the same
 * (the fonts are relgraph's own, fonts.c), so a drawing measured from
 * the cache has every figure it would have had.
 *
 * What the cache cannot give is pango's layout object, which the cairo
 * renderers (PNG, PDF) draw the text with: so it answers only while
 * rg_textcache_sizes_only is on, for graphs no cairo renderer draws (the
 * search's candidates, a layout child's graph, a drawing without a PNG
 * or PDF output), and the search lays its winner out again with it off
 * when one is wanted. Without the pango
 * plugin, or a Graphviz that does not export gvtextlayout_select, there
 * is no cache and pango (or Graphviz's estimate) measures as before.
 *
 * A layout child (layout.c) gets a copy of the table with fork, and
 * sends back with its layout the texts it measured (rg_textcache_since,
 * rg_textcache_take): relgraph then finishes a drawing whose outputs no
 * cairo renderer draws (SVG, HTML, DOT, JSON) without measuring a text
 * the child measured, nop2's second measuring pass.
 *
 * The table belongs to this file, for the life of the process; at most
 * RG_TEXTCACHE_MAX texts.
 */
#include "gv.h"

#include <graphviz/gvplugin.h>
#include <graphviz/gvplugin_textlayout.h>

#include <dlfcn.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define RG_TEXTCACHE_MAX 65536u

typedef struct entry {
    char *key;           /* NULL: an empty slot */
    uint64_t hash;
    pointf size;
    double yoffset_layout, yoffset_centerline;
    boolean ok;
} entry;

static gvtextlayout_engine_t *pango_engine;
static bool sizes_only;
static entry *table;
static size_t cap, used, hits;
static rg_buf key_buf;
/* Every text measured, in the order measured (the table's keys): what a
 * layout child measured goes back to relgraph with its layout. */
static entry *journal;
static size_t n_journal, cap_journal;

/* A text's key: its font's name, size and style, and the text. */
static void make_key(rg_buf *b, const textspan_t *span)
{
    const textfont_t *f = span->font;
    rg_buf_clear(b);
    rg_buf_printf(b, "%s\x1f%a\x1f%u\x1f", f && f->name ? f->name : "", f ? f->size : -1.0,
                  f ? (unsigned)f->flags : 0u);
    rg_buf_puts(b, span->str ? span->str : "");
}

static uint64_t hash_of(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211u;
    return h;
}

static entry *slot(const char *key, uint64_t h)
{
    size_t i = (size_t)h & (cap - 1);
    while (table[i].key && (table[i].hash != h || strcmp(table[i].key, key) != 0))
        i = (i + 1) & (cap - 1);
    return &table[i];
}

static void grow(void)
{
    entry *old = table;
    size_t old_cap = cap;
    cap = cap ? 2 * cap : 1024;
    table = rg_xcalloc(cap, sizeof *table);
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].key)
            *slot(old[i].key, old[i].hash) = old[i];
    free(old);
}

/* KEY (H its hash) measured as E says, unless it is there already. */
static void insert(const char *key, uint64_t h, const entry *e)
{
    if (used >= RG_TEXTCACHE_MAX)
        return;
    if (2 * (used + 1) > cap)
        grow();
    entry *at = slot(key, h);
    if (at->key)
        return;
    *at = *e;
    at->key = rg_xstrdup(key);
    at->hash = h;
    used++;
    if (n_journal == cap_journal) {
        cap_journal = cap_journal ? 2 * cap_journal : 256;
        journal = rg_xrealloc(journal, cap_journal * sizeof *journal);
    }
    journal[n_journal++] = *at;
}

static boolean cached_textlayout(textspan_t *span, char **fontpath)
{
    /* A font's path is asked for only under -v: pango's to answer. */
    if (fontpath)
        return pango_engine->textlayout(span, fontpath);
    make_key(&key_buf, span);
    uint64_t h = hash_of(key_buf.buf, key_buf.len);
    entry *e = cap ? slot(key_buf.buf, h) : NULL;
    if (e && e->key && sizes_only) {
        span->size = e->size;
        span->yoffset_layout = e->yoffset_layout;
        span->yoffset_centerline = e->yoffset_centerline;
        span->layout = NULL;
        span->free_layout = NULL;
        hits++;
        return e->ok;
    }
    boolean ok = pango_engine->textlayout(span, fontpath);
    if (!(e && e->key)) {
        entry m = {NULL, 0, span->size, span->yoffset_layout, span->yoffset_centerline, ok};
        insert(key_buf.buf, h, &m);
    }
    return ok;
}

static gvtextlayout_engine_t cached_engine = {cached_textlayout};

static gvplugin_installed_t cached_types[] = {
    /* Above pango's (quality 0): Graphviz picks the best. */
    {0, "textlayout", 100, &cached_engine, NULL},
    {0, NULL, 0, NULL, NULL},
};

static gvplugin_api_t cached_apis[] = {
    {API_textlayout, cached_types},
    {(api_t)0, NULL},
};

static gvplugin_library_t cached_library = {RG_S("rgtextcache"), cached_apis};

/* pango's own text layout engine, from its plugin as Graphviz loaded it
 * (the plugin's library table is public, its engine is the one named
 * "textlayout"); NULL if it is not loaded. */
static gvtextlayout_engine_t *find_pango(void)
{
    static const char *const names[] = RG_GV_PANGO_PLUGINS;
    void *h = NULL;
    for (size_t i = 0; !h && i < sizeof names / sizeof names[0]; i++)
        h = dlopen(names[i], RTLD_LAZY | RTLD_NOLOAD);
    if (!h)
        return NULL;
    const gvplugin_library_t *lib = dlsym(h, "gvplugin_pango_LTX_library");
    gvtextlayout_engine_t *found = NULL;
    for (const gvplugin_api_t *a = lib ? lib->apis : NULL; a && a->types && !found; a++)
        if (a->api == API_textlayout)
            for (const gvplugin_installed_t *t = a->types; t->type && !found; t++)
                if (strcmp(t->type, "textlayout") == 0)
                    found = t->engine;
    dlclose(h); /* Graphviz's own reference keeps it loaded */
    return found;
}

bool rg_textcache_install(GVC_t *gvc)
{
    if (pango_engine)
        return true;
    if (!gvtextlayout_select)
        return false;
    gvtextlayout_engine_t *p = find_pango();
    if (!p || !p->textlayout)
        return false;
    pango_engine = p;
    gvAddLibrary(gvc, &cached_library);
    gvtextlayout_select(gvc);
    return true;
}

void rg_textcache_sizes_only(bool on)
{
    sizes_only = on;
}

void rg_textcache_clear(void)
{
    for (size_t i = 0; i < cap; i++)
        free(table[i].key);
    free(table);
    free(journal);
    table = NULL;
    journal = NULL;
    cap = used = n_journal = cap_journal = 0;
}

size_t rg_textcache_mark(void)
{
    return n_journal;
}

/* One text a line: the key's length, then its figures exactly (%a), then
 * the key itself, which may hold any byte but NUL. */
void rg_textcache_since(rg_buf *b, size_t mark)
{
    for (size_t i = mark; i < n_journal; i++) {
        const entry *e = &journal[i];
        rg_buf_printf(b, "%zu %a %a %a %a %d\n", strlen(e->key), e->size.x, e->size.y,
                      e->yoffset_layout, e->yoffset_centerline, e->ok ? 1 : 0);
        rg_buf_puts(b, e->key);
    }
}

bool rg_textcache_take(const char *p, size_t len)
{
    const char *end = p + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl || nl - p > 200)
            return false;
        char line[256];
        memcpy(line, p, (size_t)(nl - p));
        line[nl - p] = '\0';
        size_t n;
        int ok;
        entry e = {0};
        if (sscanf(line, "%zu %la %la %la %la %d", &n, &e.size.x, &e.size.y,
                   &e.yoffset_layout, &e.yoffset_centerline, &ok) != 6 ||
            n > (size_t)(end - nl - 1) || memchr(nl + 1, '\0', n))
            return false;
        e.ok = ok != 0;
        char *key = rg_xmalloc(n + 1);
        memcpy(key, nl + 1, n);
        key[n] = '\0';
        insert(key, hash_of(key, n), &e);
        free(key);
        p = nl + 1 + n;
    }
    return true;
}

size_t rg_textcache_hits(void)
{
    return hits;
}
