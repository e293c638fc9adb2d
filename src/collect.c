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
    size_t s = rg_hash(k->text, k->len) & mask;
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
    size_t s = rg_hash(key->text, key->len) & mask;
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
    rg_ld_fail(ld, m, "'%s' has more than %u entries (the limit)",
         rg_ld_quoted(ld, key->text, key->len), RG_MAX_ENTRIES);
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
        rg_ld_fail(ld, m, "merge key '<<' needs a mapping or a list of mappings");
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
    f->size = rg_ld_sat_add(f->size, rg_ld_size_of(child));
    if (rg_ld_height_of(child) + 1 > f->height)
        f->height = rg_ld_height_of(child) + 1;
}

void rg_ld_add_child(loader *ld, rg_node *node, rg_mark m)
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
            rg_ld_fail(ld, m, "a mapping key must be a string, found %s",
                 rg_ld_type_word(node->type));
            f->state = WANT_DROP;
        } else if (node->text == rg_ld_merge_text ||
                   (node->plain && rg_scalar_is(node, "<<"))) {
            f->state = WANT_MERGE;
        } else {
            size_t first = find_key(ld, f, node);
            if (first != SIZE_MAX) {
                rg_mark fm = ld->ent[f->base + 2 * first].mark;
                rg_ld_fail(ld, m, "duplicate key '%s' (first at %zu:%zu)",
                     rg_ld_quoted(ld, node->text, node->len), fm.line + 1,
                     fm.column + 1);
                ld->n_duplicate++; /* the rest can still be checked */
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

void rg_ld_open(loader *ld, rg_node_type t, rg_mark m, const char *anchor_name)
{
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
        f->anchor = rg_ld_define_anchor(ld, anchor_name, NULL, &f->anchor_gen);
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

void rg_ld_close(loader *ld)
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
        anchor *a = rg_ld_find_anchor(ld, f->anchor);
        if (a && a->gen == f->anchor_gen)
            a->node = &node->n;
    }
    rg_ld_free_frame(f);
    ld->depth--;
    if (!ld->stop)
        rg_ld_add_child(ld, &node->n, node->n.mark);
}
