/*
 * collect.c - the collections open while libyaml's events fill them: a
 * stack of frames, one per open list or mapping, whose children wait on a
 * shared temporary stack and are copied into the arena when their
 * collection ends. Here are the refusals that need the whole collection
 * or its keys: duplicate and non-scalar keys, merge keys (<<) resolved so
 * that later stages see plain mappings, and the entry counts of the
 * top-level keys (relgraph(5), LIMITS).
 */
#include "load.h"

#include <stdlib.h>
#include <string.h>

static void push_entry(loader *ld, const rg_node *node, uint32_t len, rg_mark m)
{
    if (ld->n_ent == ld->cap_ent) {
        ld->cap_ent = ld->cap_ent ? ld->cap_ent * 2 : 256;
        ld->ent = rg_xrealloc(ld->ent, ld->cap_ent * sizeof *ld->ent);
    }
    ld->ent[ld->n_ent++] = (entry){*node, (uint32_t)m.line, (uint32_t)m.column, len};
}

/* ---- keys of the open mapping F ---- */

static bool same_key(const entry *a, const char *text, size_t len)
{
    return a->len == len && memcmp(a->node.text, text, len) == 0;
}

static const entry *pair_key(const loader *ld, const frame *f, size_t i)
{
    return &ld->ent[f->base + 2 * i];
}

static void key_slot(loader *ld, frame *f, size_t i)
{
    const entry *k = pair_key(ld, f, i);
    size_t mask = f->cap - 1;
    size_t s = rg_hash(k->node.text, k->len) & mask;
    while (f->slots[s])
        s = (s + 1) & mask;
    f->slots[s] = i + 1;
}

/* Index of the pair whose key is the LEN bytes at TEXT, or SIZE_MAX. */
static size_t find_key(const loader *ld, const frame *f, const char *text,
                       size_t len)
{
    size_t pairs = (ld->n_ent - f->base) / 2;
    if (!f->slots) {
        for (size_t i = 0; i < pairs; i++)
            if (same_key(pair_key(ld, f, i), text, len))
                return i;
        return SIZE_MAX;
    }
    size_t mask = f->cap - 1;
    size_t s = rg_hash(text, len) & mask;
    for (;; s = (s + 1) & mask) {
        size_t v = f->slots[s];
        if (!v)
            return SIZE_MAX;
        if (same_key(pair_key(ld, f, v - 1), text, len))
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
static void check_count(loader *ld, const entry *key, size_t count,
                        rg_mark m)
{
    if (!key || count <= RG_MAX_ENTRIES)
        return;
    rg_ld_fail(ld, m, "'%s' has more than %u entries (the limit)",
         rg_ld_quoted(ld, key->node.text, key->len), RG_MAX_ENTRIES);
    ld->stop = true;
}

static size_t entries_of(const rg_node *n)
{
    return rg_node_n(n);
}

static void add_merge(loader *ld, frame *f, const rg_node *v, rg_mark m)
{
    bool ok = v->type == RG_MAP;
    if (v->type == RG_SEQ) {
        ok = true;
        for (size_t i = 0; i < rg_node_n(v); i++)
            if (v->items[i].type != RG_MAP)
                ok = false;
    }
    if (!ok) {
        rg_ld_fail(ld, m, "merge key '<<' needs a mapping or a list of mappings");
        return;
    }
    size_t add = v->type == RG_MAP ? 1 : rg_node_n(v);
    if (f->cap_merges - f->n_merges < add) {
        while (f->cap_merges - f->n_merges < add)
            f->cap_merges = f->cap_merges ? f->cap_merges * 2 : 4;
        f->merges = rg_xrealloc(f->merges, f->cap_merges * sizeof *f->merges);
    }
    entry e = {*v, (uint32_t)m.line, (uint32_t)m.column, 0};
    if (v->type == RG_MAP) {
        f->merges[f->n_merges++] = e;
    } else {
        for (size_t i = 0; i < rg_node_n(v); i++) {
            e.node = v->items[i];
            f->merges[f->n_merges++] = e;
        }
    }
}

/* CHILD is now in F: it counts in F's expanded size and height. */
static void took(frame *f, const rg_node *child)
{
    f->size = rg_ld_sat_add(f->size, rg_ld_size_of(child));
    if (rg_ld_height_of(child) + 1 > f->height)
        f->height = rg_ld_height_of(child) + 1;
}

/* The key of F's value, when F is the value of a top-level key. */
static const entry *topkey(const loader *ld, const frame *f)
{
    return f->topkey ? &ld->ent[f->topkey - 1] : NULL;
}

void rg_ld_add_child(loader *ld, const rg_node *node, uint32_t len, rg_mark m)
{
    if (ld->depth == 0) {
        rg_node *root = rg_arena_alloc(ld->doc->arena, sizeof *root);
        *root = *node;
        ld->doc->root = root;
        return;
    }
    frame *f = &ld->frames[ld->depth - 1];
    if (f->node.type == RG_SEQ) {
        took(f, node);
        push_entry(ld, node, len, m);
        check_count(ld, topkey(ld, f), ld->n_ent - f->base, rg_node_mark(&f->node));
        return;
    }
    switch (f->state) {
    case WANT_KEY:
        if (node->type != RG_SCALAR) {
            rg_ld_fail(ld, m, "a mapping key must be a string, found %s",
                 rg_ld_type_word(node->type));
            f->state = WANT_DROP;
        } else if (node->text == rg_ld_merge_text ||
                   (node->plain && rg_scalar_is(node, "<<"))) {
            f->state = WANT_MERGE;
        } else {
            size_t first = find_key(ld, f, node->text, len);
            if (first != SIZE_MAX) {
                rg_mark fm = rg_ld_entry_mark(&ld->ent[f->base + 2 * first]);
                rg_ld_fail(ld, m, "duplicate key '%s' (first at %zu:%zu)",
                     rg_ld_quoted(ld, node->text, len), fm.line + 1,
                     fm.column + 1);
                ld->n_duplicate++; /* the rest can still be checked */
                f->state = WANT_DROP;
            } else {
                push_entry(ld, node, len, m);
                add_key(ld, f, (ld->n_ent - f->base - 1) / 2);
                f->state = WANT_VALUE;
            }
        }
        return;
    case WANT_VALUE: {
        took(f, &ld->ent[ld->n_ent - 1].node);
        took(f, node);
        push_entry(ld, node, len, m);
        f->state = WANT_KEY;
        check_count(ld, topkey(ld, f), (ld->n_ent - f->base) / 2, rg_node_mark(&f->node));
        /* A top-level key whose value came whole, through an alias. */
        if (ld->depth == 1 && node->type != RG_SCALAR)
            check_count(ld, &ld->ent[ld->n_ent - 2], entries_of(node), m);
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

void rg_ld_open(loader *ld, rg_node_type t, rg_mark m, const char *anchor_name)
{
    size_t key = 0;
    if (ld->depth == 1) {
        const frame *root = &ld->frames[0];
        if (root->node.type == RG_MAP && root->state == WANT_VALUE)
            key = ld->n_ent;
    }
    frame *f = &ld->frames[ld->depth++];
    memset(f, 0, sizeof *f);
    f->node.type = t;
    rg_ld_set_mark(&f->node, m);
    f->base = ld->n_ent;
    f->size = 1;
    f->height = 1;
    f->state = WANT_KEY;
    f->topkey = key;
    if (anchor_name)
        f->anchor = rg_ld_define_anchor(ld, anchor_name, NULL, 0, &f->anchor_gen);
}

void rg_ld_free_frame(frame *f)
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
        const rg_node *src = &f->merges[s].node;
        for (size_t i = 0; i + 1 < 2 * rg_node_n(src); i += 2) {
            const rg_node *k = &src->items[i], *v = &src->items[i + 1];
            /* Keys in a finished tree hold no NUL: the loader refuses it. */
            size_t klen = rg_node_len(k);
            if (find_key(ld, f, k->text, klen) != SIZE_MAX)
                continue;
            push_entry(ld, k, (uint32_t)klen, rg_node_mark(k));
            push_entry(ld, v, v->type == RG_SCALAR ? (uint32_t)rg_node_len(v) : 0,
                       rg_node_mark(v));
            add_key(ld, f, (ld->n_ent - f->base) / 2 - 1);
            took(f, k);
            took(f, v);
        }
    }
}

void rg_ld_close(loader *ld)
{
    frame *f = &ld->frames[ld->depth - 1];
    rg_node *node = &f->node;
    if (node->type == RG_MAP) {
        apply_merges(ld, f);
        check_count(ld, topkey(ld, f), (ld->n_ent - f->base) / 2, rg_node_mark(node));
    }
    size_t n = ld->n_ent - f->base;
    if (n) {
        rg_items_head *h = rg_arena_alloc(ld->doc->arena,
                                          sizeof *h + n * sizeof(rg_node));
        h->n = (uint32_t)(node->type == RG_MAP ? n / 2 : n); /* pairs in a mapping */
        h->size = f->size;
        h->height = f->height;
        node->items = (rg_node *)(h + 1);
        for (size_t i = 0; i < n; i++)
            node->items[i] = ld->ent[f->base + i].node;
        if (node->type == RG_MAP)
            for (size_t i = 0; i < n; i += 2)
                h->first |= 1u << ((unsigned char)node->items[i].text[0] & 31);
    }
    ld->n_ent = f->base;
    if (f->anchor) {
        /* Unless an inner node took the name since (latest wins). */
        anchor *a = rg_ld_find_anchor(ld, f->anchor);
        if (a && a->gen == f->anchor_gen) {
            a->node = *node;
            a->ready = true;
        }
    }
    rg_node done = *node;
    rg_ld_free_frame(f);
    ld->depth--;
    if (!ld->stop)
        rg_ld_add_child(ld, &done, 0, rg_node_mark(&done));
}
