/*
 * load.h - the loader's state, shared by its two files: load.c (libyaml's
 * events: tags, scalars, aliases, anchors, syntax errors) and collect.c
 * (the collections open while their contents arrive: keys, merge keys,
 * counts, then the finished node).
 */
#ifndef RG_LOAD_H
#define RG_LOAD_H

#include "internal.h"

#include <yaml.h>

/* A collection's children are one array of nodes (not of pointers), with
 * an rg_items_head before it (rg_ld_head): their count, and what the alias
 * budget and the nesting limit need of a node that an alias may name
 * again. An empty collection has no array: size 1, height 1. */

/* M into N's packed mark: the input's limit keeps it in range. */
static inline void rg_ld_set_mark(rg_node *n, rg_mark m)
{
    n->line = (uint32_t)m.line;
    n->column = (unsigned)m.column;
}

/* The text of a scalar tagged !!merge: told apart from a quoted "<<" (an
 * ordinary key) by its address, so that scalars need no flag of their own. */
extern const char rg_ld_merge_text[];

/* A child waiting for its collection to end: the node itself, copied into
 * the collection's array when it ends, and where it was written (for an
 * alias, the alias, unlike the node's mark, which is the anchor's). */
typedef struct entry {
    rg_node node;
    uint32_t line, column;
    uint32_t len;   /* a scalar's bytes (a refused one may hold a NUL) */
} entry;

static inline rg_mark rg_ld_entry_mark(const entry *e)
{
    return (rg_mark){e->line, e->column};
}

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
    rg_node node;           /* items is set when it ends */
    size_t base;            /* its first child in loader.ent */
    uint32_t size;          /* as in rg_items_head */
    uint32_t height;        /* 1 + the tallest child so far */
    map_state state;
    size_t topkey;          /* for a value of a top-level key: the key's
                             * index in loader.ent, plus 1; 0 for none */
    const char *anchor;     /* in the anchor table, or NULL */
    uint64_t anchor_gen;
    size_t *slots;          /* key table (owned), NULL while linear */
    size_t cap;
    bool flow;              /* written [...] or {...} */
    entry *merges;          /* merge sources in order (owned) */
    size_t n_merges, cap_merges;
} frame;

typedef struct anchor {
    const char *name;  /* in the scratch arena */
    rg_node node;      /* a copy: the arrays it points at never change */
    uint32_t len;      /* as in entry */
    bool ready;        /* false while its collection is still open */
    uint64_t gen;      /* which definition: redefinition is allowed */
} anchor;

/* A recent text, so that equal texts can share one copy (load.c's
 * share_text). */
typedef struct text_slot {
    const char *text;  /* NULL: empty */
    uint32_t len;      /* | TEXT_CLEAN: no character that must be refused */
    uint32_t hash;
} text_slot;
#define TEXT_CLEAN 0x80000000u
#define TEXT_SLOTS 4096 /* 64 KiB */

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
    rg_index anchor_ix; /* name -> index in anchors */
    text_slot *texts;   /* TEXT_SLOTS, direct-mapped (owned) */
    uint32_t alias_total;
    uint64_t gen;
    size_t docs;
    bool failed, stop;
    size_t n_fail, n_duplicate; /* errors; duplicate keys among them */
    bool cut;          /* a syntax error ended the reading at CUT_AT */
    rg_mark cut_at;
} loader;

static inline uint32_t rg_ld_sat_add(uint32_t a, uint32_t b)
{
    return a > UINT32_MAX - b ? UINT32_MAX : a + b;
}

static inline rg_items_head *rg_ld_head(const rg_node *n)
{
    return (rg_items_head *)n->items - 1;
}

/* Nodes N stands for with aliases expanded, and collections on its
 * deepest path. */
static inline uint32_t rg_ld_size_of(const rg_node *n)
{
    return n->type == RG_SCALAR || !n->items ? 1 : rg_ld_head(n)->size;
}

static inline uint32_t rg_ld_height_of(const rg_node *n)
{
    return n->type == RG_SCALAR ? 0 : !n->items ? 1 : rg_ld_head(n)->height;
}

/* load.c */
void rg_ld_fail(loader *ld, rg_mark m, const char *fmt, ...) RG_PRINTF(3, 4);
/* Input text made safe and short for a message (scratch arena). */
const char *rg_ld_quoted(loader *ld, const char *s, size_t n);
const char *rg_ld_type_word(rg_node_type t);
anchor *rg_ld_find_anchor(loader *ld, const char *name);
/* Define NAME as NODE (NULL: an open collection). Returns the entry's
 * name and generation so that the collection can complete it. */
const char *rg_ld_define_anchor(loader *ld, const char *name,
                                const rg_node *node, uint32_t len,
                                uint64_t *gen);

/* collect.c */
/* A complete node NODE (a scalar of LEN bytes, else LEN 0), written at
 * M, joins the open collection (or becomes the root). */
void rg_ld_add_child(loader *ld, const rg_node *node, uint32_t len, rg_mark m);
/* Open a collection of type T at M, with its anchor (or NULL). */
void rg_ld_open(loader *ld, rg_node_type t, rg_mark m, const char *anchor_name);
/* The collection just opened is in flow style ([...], {...}). */
static inline void rg_ld_flow(loader *ld)
{
    ld->frames[ld->depth - 1].flow = true;
}
/* Close the innermost open collection: it joins its parent. */
void rg_ld_close(loader *ld);
void rg_ld_free_frame(frame *f);

#endif
