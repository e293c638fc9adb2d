/*
 * load.c - YAML text -> document tree (rg_doc), with every refusal of
 * SPEC section 1 that can be decided without the schema: syntax, more than
 * one document, non-core tags, undefined or recursive aliases, the alias
 * expansion budget, nesting depth, entry counts, duplicate and non-scalar
 * keys, control characters. Merge keys (<<) are resolved here, so later
 * stages see plain mappings.
 *
 * It reads libyaml's event stream in one pass (never yaml_parser_load,
 * which would build libyaml's own tree with no limits first) and keeps a
 * stack of open collections; children wait on a shared temporary stack and
 * are copied into the arena when their collection ends.
 *
 * Ownership: the returned rg_doc and its arena belong to the caller
 * (rg_doc_free). Nodes are shared, not copied, when an alias names them,
 * so the tree is a DAG and nobody frees a node on its own. Everything else
 * (libyaml parser and events, the temporary stacks, the anchor table, the
 * scratch arena) is owned by rg_load and freed before it returns, also on
 * error. The library never prints: problems go to the rg_diags.
 */
#include "internal.h"

#include <yaml.h>

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A collection as the loader allocates it: the public part first, so an
 * rg_node pointer made here can be turned back into its lnode. Scalars
 * (size 1) are bare rg_nodes: a big file has millions, and memory is most
 * of the loading time. */
typedef struct lnode {
    rg_node n;
    uint64_t size; /* nodes it stands for with aliases expanded, saturated */
    size_t height; /* collections on its deepest path, itself included */
} lnode;

/* The text of a scalar tagged !!merge: told apart from a quoted "<<" (an
 * ordinary key) by its address, so that scalars need no flag of their own. */
static const char merge_text[] = "<<";

/* A child waiting for its collection to end, with where it was written
 * (for an alias, the alias, unlike node->mark which is the anchor's). */
typedef struct entry {
    rg_node *node;
    rg_mark mark;
} entry;

typedef enum map_state {
    WANT_KEY,
    WANT_VALUE, /* the key is the last entry */
    WANT_MERGE, /* the key was <<: the value is a merge source */
    WANT_DROP   /* the key was refused: ignore the value */
} map_state;

/* Keys of a mapping are checked by a linear scan while few, then by an
 * open-addressing table of pair indexes (+1; 0 is empty). */
#define KEYS_LINEAR 8

typedef struct frame {
    lnode *node;
    size_t base;            /* its first child in loader.ent */
    uint64_t size;
    size_t height;          /* 1 + the tallest child so far */
    map_state state;
    const rg_node *topkey;  /* for a value of a top-level key: the key */
    const char *anchor;     /* in the anchor table, or NULL */
    uint64_t anchor_gen;
    size_t *slots;          /* key table (owned), NULL while linear */
    size_t cap;
    entry *merges;          /* merge sources in order (owned) */
    size_t n_merges, cap_merges;
} frame;

typedef struct anchor {
    const char *name;  /* in the scratch arena */
    rg_node *node;     /* NULL while its collection is still open */
    uint64_t gen;      /* which definition: redefinition is allowed */
} anchor;

typedef struct loader {
    yaml_parser_t parser;
    rg_diags *d;
    rg_doc *doc;
    rg_arena *scratch;
    frame frames[RG_MAX_DEPTH];
    size_t depth;
    entry *ent;
    size_t n_ent, cap_ent;
    anchor *anchors;
    size_t n_anchors, cap_anchors;
    size_t *aslots; /* anchor index + 1; 0 is empty */
    size_t acap;
    uint64_t alias_total;
    uint64_t gen;
    uint64_t seed;
    size_t docs;
    bool failed, stop;
} loader;

#define CORE_PREFIX "tag:yaml.org,2002:"
#define QUOTE_MAX 64

/* ---- small helpers ---- */

static rg_mark mk(yaml_mark_t m)
{
    return (rg_mark){m.line, m.column};
}

static uint64_t sat_add(uint64_t a, uint64_t b)
{
    return a > UINT64_MAX - b ? UINT64_MAX : a + b;
}

static uint64_t size_of(const rg_node *n)
{
    return n->type == RG_SCALAR ? 1 : ((const lnode *)n)->size;
}

static size_t height_of(const rg_node *n)
{
    return n->type == RG_SCALAR ? 0 : ((const lnode *)n)->height;
}

/* FNV-1a from a per-run seed, then a final mix so that every bit counts
 * in the low bits used as a slot: keys and anchor names come from the
 * file, and a table that someone can fill with collisions is quadratic.
 * The seed changes only speed, never output. */
static uint64_t hash_bytes(uint64_t seed, const char *s, size_t n)
{
    uint64_t h = 1469598103934665603u ^ seed;
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53u;
    h ^= h >> 33;
    return h;
}

static uint64_t hash_seed(const void *addr)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)(uintptr_t)addr * 0x9e3779b97f4a7c15u ^
           (uint64_t)ts.tv_nsec ^ ((uint64_t)ts.tv_sec << 30);
}

static void fail(loader *ld, rg_mark m, const char *fmt, ...) RG_PRINTF(3, 4);

static void fail(loader *ld, rg_mark m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rg_diag_v(ld->d, RG_ERROR, &m, fmt, ap);
    va_end(ap);
    ld->failed = true;
    if (rg_diags_full(ld->d))
        ld->stop = true;
}

/* Input text made safe and short for a message (scratch arena). */
static const char *quoted(loader *ld, const char *s, size_t n)
{
    rg_buf b = {0};
    rg_quote_text(&b, s, n, QUOTE_MAX);
    char *out = rg_arena_strndup(ld->scratch, b.buf ? b.buf : "", b.len);
    free(b.buf);
    return out;
}

/* A tag as the user wrote it, for messages: !!name for core tags. */
static const char *tag_text(loader *ld, const char *tag)
{
    size_t plen = strlen(CORE_PREFIX);
    if (strncmp(tag, CORE_PREFIX, plen) == 0) {
        const char *t = rg_arena_printf(ld->scratch, "!!%s", tag + plen);
        return quoted(ld, t, strlen(t));
    }
    return quoted(ld, tag, strlen(tag));
}

static const char *type_word(rg_node_type t)
{
    return t == RG_SEQ ? "a list" : t == RG_MAP ? "a mapping" : "a scalar";
}

static rg_node *new_scalar(loader *ld, rg_mark m)
{
    rg_node *n = rg_arena_alloc(ld->doc->arena, sizeof *n);
    n->type = RG_SCALAR;
    n->mark = m;
    n->text = "";
    return n;
}

static lnode *new_collection(loader *ld, rg_node_type t, rg_mark m)
{
    lnode *n = rg_arena_alloc(ld->doc->arena, sizeof *n);
    n->n.type = t;
    n->n.mark = m;
    n->n.text = "";
    n->size = 1;
    return n;
}

static void push_entry(loader *ld, rg_node *node, rg_mark m)
{
    if (ld->n_ent == ld->cap_ent) {
        ld->cap_ent = ld->cap_ent ? ld->cap_ent * 2 : 256;
        ld->ent = rg_xrealloc(ld->ent, ld->cap_ent * sizeof *ld->ent);
    }
    ld->ent[ld->n_ent++] = (entry){node, m};
}

/* ---- core schema ---- */

static bool text_is(const rg_node *n, const char *s)
{
    return n->len == strlen(s) && memcmp(n->text, s, n->len) == 0;
}

static bool is_digits(const char *s, const char *end, const char *set)
{
    if (s == end)
        return false;
    for (; s < end; s++)
        if (!strchr(set, *s) || *s == '\0')
            return false;
    return true;
}

static bool text_is_null(const rg_node *n)
{
    return n->len == 0 || text_is(n, "~") || text_is(n, "null") ||
           text_is(n, "Null") || text_is(n, "NULL");
}

static int text_bool(const rg_node *n)
{
    if (text_is(n, "true") || text_is(n, "True") || text_is(n, "TRUE"))
        return 1;
    if (text_is(n, "false") || text_is(n, "False") || text_is(n, "FALSE"))
        return 0;
    return -1;
}

static bool text_is_int(const rg_node *n)
{
    const char *s = n->text, *end = n->text + n->len;
    if (n->len > 2 && s[0] == '0' && s[1] == 'o')
        return is_digits(s + 2, end, "01234567");
    if (n->len > 2 && s[0] == '0' && s[1] == 'x')
        return is_digits(s + 2, end, "0123456789abcdefABCDEF");
    if (s < end && (*s == '-' || *s == '+'))
        s++;
    return is_digits(s, end, "0123456789");
}

/* [-+]? ( \.[0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
 * and the infinities and NaNs of the core schema. */
static bool text_is_float(const rg_node *n)
{
    const char *s = n->text, *end = n->text + n->len;
    if (text_is(n, ".nan") || text_is(n, ".NaN") || text_is(n, ".NAN"))
        return true;
    if (s < end && (*s == '-' || *s == '+'))
        s++;
    size_t rest = (size_t)(end - s);
    if ((rest == 4 && (!memcmp(s, ".inf", 4) || !memcmp(s, ".Inf", 4) ||
                       !memcmp(s, ".INF", 4))))
        return true;
    size_t digits = 0;
    while (s < end && *s >= '0' && *s <= '9')
        s++, digits++;
    if (s < end && *s == '.') {
        s++;
        while (s < end && *s >= '0' && *s <= '9')
            s++, digits++;
    }
    if (digits == 0)
        return false;
    if (s < end && (*s == 'e' || *s == 'E')) {
        s++;
        if (s < end && (*s == '-' || *s == '+'))
            s++;
        return is_digits(s, end, "0123456789");
    }
    return s == end;
}

/* ---- anchors ---- */

static anchor *find_anchor(loader *ld, const char *name)
{
    if (!ld->acap)
        return NULL;
    size_t mask = ld->acap - 1;
    size_t i = hash_bytes(ld->seed, name, strlen(name)) & mask;
    for (;; i = (i + 1) & mask) {
        size_t s = ld->aslots[i];
        if (!s)
            return NULL;
        if (strcmp(ld->anchors[s - 1].name, name) == 0)
            return &ld->anchors[s - 1];
    }
}

static void anchor_slot(loader *ld, size_t idx)
{
    const char *name = ld->anchors[idx].name;
    size_t mask = ld->acap - 1;
    size_t i = hash_bytes(ld->seed, name, strlen(name)) & mask;
    while (ld->aslots[i])
        i = (i + 1) & mask;
    ld->aslots[i] = idx + 1;
}

/* Define NAME as NODE (NULL: an open collection). Returns the entry's
 * name and generation so that the collection can complete it. */
static const char *define_anchor(loader *ld, const char *name, rg_node *node,
                                 uint64_t *gen)
{
    anchor *a = find_anchor(ld, name);
    if (!a) {
        if (ld->n_anchors == ld->cap_anchors) {
            ld->cap_anchors = ld->cap_anchors ? ld->cap_anchors * 2 : 16;
            ld->anchors = rg_xrealloc(ld->anchors,
                                      ld->cap_anchors * sizeof *ld->anchors);
        }
        a = &ld->anchors[ld->n_anchors++];
        a->name = rg_arena_strndup(ld->scratch, name, strlen(name));
        if (ld->n_anchors * 2 > ld->acap) {
            free(ld->aslots);
            ld->acap = ld->acap ? ld->acap * 2 : 32;
            ld->aslots = rg_xcalloc(ld->acap, sizeof *ld->aslots);
            for (size_t i = 0; i < ld->n_anchors; i++)
                anchor_slot(ld, i);
        } else {
            anchor_slot(ld, ld->n_anchors - 1);
        }
    }
    a->node = node;
    a->gen = ++ld->gen;
    if (gen)
        *gen = a->gen;
    return a->name;
}

/* ---- keys of the open mapping F ---- */

static bool same_key(const rg_node *a, const rg_node *b)
{
    return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

static const rg_node *pair_key(const loader *ld, const frame *f, size_t i)
{
    return ld->ent[f->base + 2 * i].node;
}

static void key_slot(loader *ld, frame *f, size_t i)
{
    const rg_node *k = pair_key(ld, f, i);
    size_t mask = f->cap - 1;
    size_t s = hash_bytes(ld->seed, k->text, k->len) & mask;
    while (f->slots[s])
        s = (s + 1) & mask;
    f->slots[s] = i + 1;
}

/* Index of the pair whose key equals KEY, or SIZE_MAX. */
static size_t find_key(const loader *ld, const frame *f, const rg_node *key)
{
    size_t pairs = (ld->n_ent - f->base) / 2;
    if (!f->slots) {
        for (size_t i = 0; i < pairs; i++)
            if (same_key(pair_key(ld, f, i), key))
                return i;
        return SIZE_MAX;
    }
    size_t mask = f->cap - 1;
    size_t s = hash_bytes(ld->seed, key->text, key->len) & mask;
    for (;; s = (s + 1) & mask) {
        size_t v = f->slots[s];
        if (!v)
            return SIZE_MAX;
        if (same_key(pair_key(ld, f, v - 1), key))
            return v - 1;
    }
}

/* Pair I's key was just pushed: index it. */
static void add_key(loader *ld, frame *f, size_t i)
{
    size_t n = i + 1;
    if (!f->slots && n <= KEYS_LINEAR)
        return;
    if (!f->slots || n * 2 > f->cap) {
        free(f->slots);
        f->cap = f->cap ? f->cap * 2 : 4 * KEYS_LINEAR;
        f->slots = rg_xcalloc(f->cap, sizeof *f->slots);
        for (size_t j = 0; j < n; j++)
            key_slot(ld, f, j);
    } else {
        key_slot(ld, f, i);
    }
}

/* ---- tree building ---- */

/* The limit on the entries of a top-level key's value (actors, ties...). */
static void check_count(loader *ld, const rg_node *key, size_t count,
                        rg_mark m)
{
    if (!key || count <= RG_MAX_ENTRIES)
        return;
    fail(ld, m, "'%s' has more than %u entries (the limit)",
         quoted(ld, key->text, key->len), RG_MAX_ENTRIES);
    ld->stop = true;
}

static size_t entries_of(const rg_node *n)
{
    return n->type == RG_MAP || n->type == RG_SEQ ? n->n : 0;
}

static void add_merge(loader *ld, frame *f, rg_node *v, rg_mark m)
{
    bool ok = v->type == RG_MAP;
    if (v->type == RG_SEQ) {
        ok = true;
        for (size_t i = 0; i < v->n; i++)
            if (v->items[i]->type != RG_MAP)
                ok = false;
    }
    if (!ok) {
        fail(ld, m, "merge key '<<' needs a mapping or a list of mappings");
        return;
    }
    size_t add = v->type == RG_MAP ? 1 : v->n;
    if (f->cap_merges - f->n_merges < add) {
        while (f->cap_merges - f->n_merges < add)
            f->cap_merges = f->cap_merges ? f->cap_merges * 2 : 4;
        f->merges = rg_xrealloc(f->merges, f->cap_merges * sizeof *f->merges);
    }
    if (v->type == RG_MAP)
        f->merges[f->n_merges++] = (entry){v, m};
    else
        for (size_t i = 0; i < v->n; i++)
            f->merges[f->n_merges++] = (entry){v->items[i], m};
}

/* CHILD is now in F: it counts in F's expanded size and height. */
static void took(frame *f, const rg_node *child)
{
    f->size = sat_add(f->size, size_of(child));
    if (height_of(child) + 1 > f->height)
        f->height = height_of(child) + 1;
}

/* A complete node NODE, written at M, joins the open collection. */
static void add_child(loader *ld, rg_node *node, rg_mark m)
{
    if (ld->depth == 0) {
        ld->doc->root = node;
        return;
    }
    frame *f = &ld->frames[ld->depth - 1];
    if (f->node->n.type == RG_SEQ) {
        push_entry(ld, node, m);
        took(f, node);
        check_count(ld, f->topkey, ld->n_ent - f->base, f->node->n.mark);
        return;
    }
    switch (f->state) {
    case WANT_KEY:
        if (node->type != RG_SCALAR) {
            fail(ld, m, "a mapping key must be a string, found %s",
                 type_word(node->type));
            f->state = WANT_DROP;
        } else if (node->text == merge_text ||
                   (node->plain && text_is(node, "<<"))) {
            f->state = WANT_MERGE;
        } else {
            size_t first = find_key(ld, f, node);
            if (first != SIZE_MAX) {
                rg_mark fm = ld->ent[f->base + 2 * first].mark;
                fail(ld, m, "duplicate key '%s' (first at %zu:%zu)",
                     quoted(ld, node->text, node->len), fm.line + 1,
                     fm.column + 1);
                f->state = WANT_DROP;
            } else {
                push_entry(ld, node, m);
                add_key(ld, f, (ld->n_ent - f->base - 1) / 2);
                f->state = WANT_VALUE;
            }
        }
        return;
    case WANT_VALUE: {
        const rg_node *key = ld->ent[ld->n_ent - 1].node;
        push_entry(ld, node, m);
        took(f, key);
        took(f, node);
        f->state = WANT_KEY;
        check_count(ld, f->topkey, (ld->n_ent - f->base) / 2, f->node->n.mark);
        /* A top-level key whose value came whole, through an alias. */
        if (ld->depth == 1 && node->type != RG_SCALAR)
            check_count(ld, key, entries_of(node), m);
        return;
    }
    case WANT_MERGE:
        add_merge(ld, f, node, m);
        f->state = WANT_KEY;
        return;
    case WANT_DROP:
        f->state = WANT_KEY;
        return;
    }
}

/* Tags: the core schema's, and "!" (non-specific: a string or plain
 * collection). Anything else could mean "construct an object" to some
 * other tool reading the same file, so it is refused. */
typedef enum tag_kind {
    TAG_NONE, TAG_BANG, TAG_STR, TAG_INT, TAG_FLOAT, TAG_BOOL, TAG_NULL,
    TAG_SEQ, TAG_MAP, TAG_MERGE, TAG_OTHER
} tag_kind;

static tag_kind classify_tag(const char *tag)
{
    static const struct { const char *name; tag_kind kind; } core[] = {
        {"str", TAG_STR},   {"int", TAG_INT},   {"float", TAG_FLOAT},
        {"bool", TAG_BOOL}, {"null", TAG_NULL}, {"seq", TAG_SEQ},
        {"map", TAG_MAP},   {"merge", TAG_MERGE},
    };
    if (!tag)
        return TAG_NONE;
    if (strcmp(tag, "!") == 0)
        return TAG_BANG;
    size_t plen = strlen(CORE_PREFIX);
    if (strncmp(tag, CORE_PREFIX, plen) != 0)
        return TAG_OTHER;
    for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
        if (strcmp(tag + plen, core[i].name) == 0)
            return core[i].kind;
    return TAG_OTHER;
}

static void start_collection(loader *ld, rg_node_type t,
                             const yaml_event_t *ev)
{
    rg_mark m = mk(ev->start_mark);
    const char *tag, *anchor_name;
    if (t == RG_SEQ) {
        tag = (const char *)ev->data.sequence_start.tag;
        anchor_name = (const char *)ev->data.sequence_start.anchor;
    } else {
        tag = (const char *)ev->data.mapping_start.tag;
        anchor_name = (const char *)ev->data.mapping_start.anchor;
    }
    if (ld->depth == RG_MAX_DEPTH) {
        /* Stop at once: the rest may be a hundred thousand more. */
        fail(ld, m, "nesting deeper than the limit of %d", RG_MAX_DEPTH);
        ld->stop = true;
        return;
    }
    tag_kind k = classify_tag(tag);
    if (k == TAG_OTHER)
        fail(ld, m, "tag '%s' is not allowed", tag_text(ld, tag));
    else if (k != TAG_NONE && k != TAG_BANG &&
             k != (t == RG_SEQ ? TAG_SEQ : TAG_MAP))
        fail(ld, m, "tag '%s' cannot be used on %s", tag_text(ld, tag),
             type_word(t));

    const rg_node *topkey = NULL;
    if (ld->depth == 1) {
        const frame *root = &ld->frames[0];
        if (root->node->n.type == RG_MAP && root->state == WANT_VALUE)
            topkey = ld->ent[ld->n_ent - 1].node;
    }
    frame *f = &ld->frames[ld->depth++];
    memset(f, 0, sizeof *f);
    f->node = new_collection(ld, t, m);
    f->base = ld->n_ent;
    f->size = 1;
    f->height = 1;
    f->state = WANT_KEY;
    f->topkey = topkey;
    if (anchor_name)
        f->anchor = define_anchor(ld, anchor_name, NULL, &f->anchor_gen);
}

static void free_frame(frame *f)
{
    free(f->slots);
    free(f->merges);
    f->slots = NULL;
    f->merges = NULL;
}

/* Merged pairs come after the explicit ones; a key already there (explicit,
 * or from an earlier source) wins. */
static void apply_merges(loader *ld, frame *f)
{
    for (size_t s = 0; s < f->n_merges; s++) {
        const rg_node *src = f->merges[s].node;
        for (size_t i = 0; i + 1 < 2 * src->n; i += 2) {
            rg_node *k = src->items[i], *v = src->items[i + 1];
            if (find_key(ld, f, k) != SIZE_MAX)
                continue;
            push_entry(ld, k, k->mark);
            push_entry(ld, v, v->mark);
            add_key(ld, f, (ld->n_ent - f->base) / 2 - 1);
            took(f, k);
            took(f, v);
        }
    }
}

static void end_collection(loader *ld)
{
    frame *f = &ld->frames[ld->depth - 1];
    lnode *node = f->node;
    if (node->n.type == RG_MAP) {
        apply_merges(ld, f);
        check_count(ld, f->topkey, (ld->n_ent - f->base) / 2, node->n.mark);
    }
    size_t n = ld->n_ent - f->base;
    if (n) {
        node->n.items = rg_arena_alloc(ld->doc->arena, n * sizeof(rg_node *));
        for (size_t i = 0; i < n; i++)
            node->n.items[i] = ld->ent[f->base + i].node;
    }
    node->n.n = node->n.type == RG_MAP ? n / 2 : n; /* pairs in a mapping */
    node->size = f->size;
    node->height = f->height;
    ld->n_ent = f->base;
    if (f->anchor) {
        /* Unless an inner node took the name since (latest wins). */
        anchor *a = find_anchor(ld, f->anchor);
        if (a && a->gen == f->anchor_gen)
            a->node = &node->n;
    }
    free_frame(f);
    ld->depth--;
    if (!ld->stop)
        add_child(ld, &node->n, node->n.mark);
}

/* The first control character in S (as the SPEC counts them), or
 * UINT32_MAX when there is none; bad UTF-8 counts as U+FFFD. */
static uint32_t first_control(const unsigned char *s, size_t n)
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
            (cp >= 0x80 && cp <= 0x9F))
            return cp;
        i += w;
    }
    return UINT32_MAX;
}

static void scalar(loader *ld, const yaml_event_t *ev)
{
    rg_mark m = mk(ev->start_mark);
    const char *tag = (const char *)ev->data.scalar.tag;
    rg_node *node = new_scalar(ld, m);
    node->len = ev->data.scalar.length;
    if (node->len)
        node->text = rg_arena_strndup(ld->doc->arena,
                                      (const char *)ev->data.scalar.value,
                                      node->len);
    bool fits = true;
    tag_kind k = classify_tag(tag);
    switch (k) {
    case TAG_NONE:
        node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        break;
    case TAG_BANG:
    case TAG_STR:
        break;
    /* An explicit type tag asks for core typing even when quoted. */
    case TAG_INT:
        fits = text_is_int(node);
        break;
    case TAG_FLOAT:
        fits = text_is_int(node) || text_is_float(node);
        break;
    case TAG_BOOL:
        fits = text_bool(node) >= 0;
        break;
    case TAG_NULL:
        fits = text_is_null(node);
        break;
    case TAG_MERGE:
        if (text_is(node, "<<"))
            node->text = merge_text;
        else
            fail(ld, m, "tag '%s' is not allowed", tag_text(ld, tag));
        break;
    case TAG_SEQ:
    case TAG_MAP:
        fail(ld, m, "tag '%s' cannot be used on %s", tag_text(ld, tag),
             type_word(RG_SCALAR));
        break;
    case TAG_OTHER:
        fail(ld, m, "tag '%s' is not allowed", tag_text(ld, tag));
        break;
    }
    if (k == TAG_INT || k == TAG_FLOAT || k == TAG_BOOL || k == TAG_NULL) {
        node->plain = true;
        if (!fits)
            fail(ld, m, "'%s' is not a valid %s",
                 quoted(ld, node->text, node->len), tag_text(ld, tag));
    }

    /* libyaml refuses raw control characters; escapes still make them. */
    uint32_t cp = first_control((const unsigned char *)node->text, node->len);
    if (cp == 0xFFFD)
        fail(ld, m, "invalid UTF-8 in string");
    else if (cp != UINT32_MAX)
        fail(ld, m, "control character U+%04X in string", (unsigned)cp);

    if (ev->data.scalar.anchor)
        define_anchor(ld, (const char *)ev->data.scalar.anchor, node, NULL);
    add_child(ld, node, m);
}

static void alias(loader *ld, const yaml_event_t *ev)
{
    rg_mark m = mk(ev->start_mark);
    const char *name = (const char *)ev->data.alias.anchor;
    anchor *a = find_anchor(ld, name);
    if (!a || !a->node) {
        fail(ld, m, "alias '*%s' refers to %s", quoted(ld, name, strlen(name)),
             a ? "its own anchor" : "an undefined anchor");
        /* A null stands in, so that the mapping around stays paired. */
        add_child(ld, new_scalar(ld, m), m);
        return;
    }
    /* Nesting counts with aliases expanded, so that no later stage ever
     * walks a tree deeper than the limit. */
    if (ld->depth + height_of(a->node) > RG_MAX_DEPTH) {
        fail(ld, m, "nesting deeper than the limit of %d", RG_MAX_DEPTH);
        ld->stop = true;
        return;
    }
    ld->alias_total = sat_add(ld->alias_total, size_of(a->node));
    if (ld->alias_total > RG_MAX_ALIAS_NODES) {
        fail(ld, m, "aliases expand to more than %u nodes (the limit)",
             RG_MAX_ALIAS_NODES);
        ld->stop = true;
        return;
    }
    add_child(ld, a->node, m);
}

/* libyaml's own message. Reader errors (bad UTF-8, control characters)
 * carry a byte offset instead of a mark. */
static void syntax_error(loader *ld, const char *data, size_t len)
{
    yaml_parser_t *p = &ld->parser;
    if (p->error == YAML_MEMORY_ERROR)
        rg_oom();
    rg_mark m = mk(p->problem_mark);
    if (p->error == YAML_READER_ERROR) {
        size_t end = p->problem_offset < len ? p->problem_offset : len;
        /* libyaml names the bad continuation byte: point at the start of
         * the character it breaks, where an editor shows the damage. */
        if (p->problem &&
            strcmp(p->problem, "invalid trailing UTF-8 octet") == 0) {
            size_t stop = end > 3 ? end - 3 : 0;
            while (end > stop &&
                   ((unsigned char)data[end - 1] & 0xC0) == 0x80)
                end--;
            if (end > 0 && (unsigned char)data[end - 1] >= 0xC0)
                end--;
        }
        m = (rg_mark){0, 0};
        for (size_t i = 0; i < end; i++) {
            unsigned char c = (unsigned char)data[i];
            bool crlf = c == '\r' && i + 1 < len && data[i + 1] == '\n';
            if (c == '\n' || (c == '\r' && !crlf)) {
                m.line++;
                m.column = 0;
            } else if ((c & 0xC0) != 0x80) {
                m.column++;
            }
        }
    }
    const char *problem = p->problem ? p->problem : "invalid YAML";
    if (p->context)
        fail(ld, m, "%s: %s", p->context, problem);
    else
        fail(ld, m, "%s", problem);
    ld->stop = true;
}

static void handle(loader *ld, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (ld->docs++ > 0) {
            fail(ld, mk(ev->start_mark),
                 "more than one document in the stream; relgraph reads one");
            ld->stop = true;
        }
        break;
    case YAML_SCALAR_EVENT:
        scalar(ld, ev);
        break;
    case YAML_ALIAS_EVENT:
        alias(ld, ev);
        break;
    case YAML_SEQUENCE_START_EVENT:
        start_collection(ld, RG_SEQ, ev);
        break;
    case YAML_MAPPING_START_EVENT:
        start_collection(ld, RG_MAP, ev);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        end_collection(ld);
        break;
    default: /* stream start/end, document end */
        break;
    }
}

rg_doc *rg_load(const char *data, size_t len, rg_diags *d)
{
    if (len > RG_MAX_INPUT_BYTES) {
        rg_error(d, (rg_mark){0, 0},
                 "input is larger than the limit of %u MiB",
                 RG_MAX_INPUT_BYTES / (1024u * 1024u));
        return NULL;
    }
    loader *ld = rg_xcalloc(1, sizeof *ld);
    if (!yaml_parser_initialize(&ld->parser))
        rg_oom();
    yaml_parser_set_input_string(&ld->parser,
                                 (const unsigned char *)(data ? data : ""),
                                 data ? len : 0);
    /* The format is UTF-8 only: no guessing UTF-16 from a byte order mark. */
    yaml_parser_set_encoding(&ld->parser, YAML_UTF8_ENCODING);
    ld->d = d;
    ld->seed = hash_seed(ld);
    ld->doc = rg_xcalloc(1, sizeof *ld->doc);
    ld->doc->arena = rg_arena_new();
    ld->scratch = rg_arena_new();

    while (!ld->stop) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&ld->parser, &ev)) {
            syntax_error(ld, data, data ? len : 0);
            break;
        }
        bool end = ev.type == YAML_STREAM_END_EVENT;
        handle(ld, &ev);
        yaml_event_delete(&ev);
        if (end)
            break;
    }

    /* "---" alone, or a lone empty value: an empty document. */
    rg_node *root = ld->doc->root;
    if (root && root->type == RG_SCALAR && root->plain && root->len == 0)
        ld->doc->root = NULL;

    for (size_t i = 0; i < ld->depth; i++)
        free_frame(&ld->frames[i]);
    free(ld->ent);
    free(ld->anchors);
    free(ld->aslots);
    rg_arena_free(ld->scratch);
    yaml_parser_delete(&ld->parser);
    rg_doc *doc = ld->doc;
    bool failed = ld->failed;
    free(ld);
    if (failed) {
        rg_doc_free(doc);
        return NULL;
    }
    return doc;
}

void rg_doc_free(rg_doc *doc)
{
    if (!doc)
        return;
    rg_arena_free(doc->arena);
    free(doc);
}

/* ---- core-schema reading of scalars ---- */

static bool plain_scalar(const rg_node *n)
{
    return n && n->type == RG_SCALAR && n->plain;
}

bool rg_node_is_null(const rg_node *n)
{
    return plain_scalar(n) && text_is_null(n);
}

bool rg_node_bool(const rg_node *n, bool *out)
{
    if (!plain_scalar(n))
        return false;
    int b = text_bool(n);
    if (b < 0)
        return false;
    *out = b == 1;
    return true;
}

bool rg_node_int(const rg_node *n, long long *out)
{
    if (!plain_scalar(n) || !text_is_int(n))
        return false;
    const char *s = n->text;
    unsigned base = 10;
    bool neg = false;
    if (n->len > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
        base = s[1] == 'o' ? 8 : 16;
        s += 2;
    } else if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
    }
    unsigned long long v = 0;
    unsigned long long max = (unsigned long long)LLONG_MAX + (neg ? 1 : 0);
    for (; *s; s++) {
        unsigned digit = *s >= 'a' ? (unsigned)(*s - 'a' + 10)
                       : *s >= 'A' ? (unsigned)(*s - 'A' + 10)
                                   : (unsigned)(*s - '0');
        if (v > (max - digit) / base)
            return false;
        v = v * base + digit;
    }
    if (!neg)
        *out = (long long)v;
    else /* -(LLONG_MAX + 1) itself does not fit a long long */
        *out = v > (unsigned long long)LLONG_MAX ? LLONG_MIN : -(long long)v;
    return true;
}

const char *rg_node_what(const rg_node *n)
{
    if (!n)
        return "null";
    if (n->type == RG_SEQ)
        return "a list";
    if (n->type == RG_MAP)
        return "a mapping";
    if (!n->plain)
        return "a string";
    if (text_is_null(n))
        return "null";
    if (text_bool(n) >= 0)
        return "true or false";
    if (text_is_int(n) || text_is_float(n))
        return "a number";
    return "a string";
}

const rg_node *rg_map_get(const rg_node *n, const char *key)
{
    if (!n || n->type != RG_MAP)
        return NULL;
    size_t len = strlen(key);
    for (size_t i = 0; i + 1 < 2 * n->n; i += 2) {
        const rg_node *k = n->items[i];
        if (k->len == len && memcmp(k->text, key, len) == 0)
            return n->items[i + 1];
    }
    return NULL;
}
