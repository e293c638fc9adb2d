/*
 * import_items.c - what `relgraph import` builds from the cells (import.h):
 * named things with ids made from their names, and the actors' and ties'
 * keys and values. Strings live in the import's arena; the arrays and
 * indexes are malloc'd and freed by rg_imp_free.
 */
#include "import.h"

#include <stdlib.h>
#include <string.h>

/* An id made from TEXT: ASCII letters and digits, lower case, with one '-'
 * for each run of anything else, at most 64 characters; "x" when nothing
 * is left; "-2", "-3"... when taken in N. */
const char *rg_imp_make_id(imp *im, const names *n, const char *text)
{
    rg_buf b = RG_BUF_INIT;
    bool dash = false;
    for (const unsigned char *p = (const unsigned char *)text; *p && b.len < 64; p++) {
        bool ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
        unsigned char c = *p >= 'A' && *p <= 'Z' ? (unsigned char)(*p + 32) : *p;
        ok = ok || c != *p;
        if (ok) {
            if (dash && b.len)
                rg_buf_putc(&b, '-');
            rg_buf_putc(&b, (char)c);
            dash = false;
        } else {
            dash = true;
        }
    }
    if (!b.len)
        rg_buf_putc(&b, 'x');
    size_t base = b.len;
    for (unsigned k = 2; rg_index_get(&n->by_id, b.buf) >= 0; k++) {
        b.len = base;
        rg_buf_printf(&b, "-%u", k);
    }
    char *id = rg_arena_strndup(im->a, b.buf, b.len);
    rg_buf_free(&b);
    return id;
}

/* Add a thing of N: its id (made from TEXT when NULL) and its text. */
int rg_imp_name_add(imp *im, names *n, const char *id, const char *text)
{
    if (n->n == n->cap) {
        n->cap = n->cap ? 2 * n->cap : 16;
        n->v = rg_xrealloc(n->v, n->cap * sizeof *n->v);
    }
    if (!id)
        id = rg_imp_make_id(im, n, text);
    n->v[n->n] = (named){id, text};
    rg_index_put(&n->by_id, id, (int)n->n);
    if (text)
        rg_index_put(&n->by_text, text, (int)n->n);
    return (int)n->n++;
}

/* The thing of N named TEXT, made when new. */
const char *rg_imp_name_of(imp *im, names *n, const char *text)
{
    int i = rg_index_get(&n->by_text, text);
    if (i < 0)
        i = rg_imp_name_add(im, n, NULL, text); /* it may move n->v */
    return n->v[i].id;
}

static void names_free(names *n)
{
    free(n->v);
    rg_index_free(&n->by_text);
    rg_index_free(&n->by_id);
}

kv *rg_imp_item_put(item *it, const char *key)
{
    if (it->n == it->cap) {
        it->cap = it->cap ? 2 * it->cap : 8;
        it->kvs = rg_xrealloc(it->kvs, it->cap * sizeof *it->kvs);
    }
    kv *k = &it->kvs[it->n++];
    *k = (kv){key, NULL, 0, false, false};
    return k;
}

void rg_imp_kv_add(imp *im, kv *k, const char *v)
{
    const char **vals = rg_arena_alloc(im->a, (k->n + 1) * sizeof *vals);
    if (k->n)
        memcpy(vals, k->vals, k->n * sizeof *vals);
    vals[k->n++] = v;
    k->vals = vals;
}

void rg_imp_item_set(imp *im, item *it, const char *key, const char *v, bool literal)
{
    kv *k = rg_imp_item_put(it, key);
    k->literal = literal;
    rg_imp_kv_add(im, k, v);
}

void rg_imp_free(imp *im)
{
    for (size_t i = 0; i < im->actors.n; i++)
        free(im->actor_items[i].kvs);
    for (size_t i = 0; i < im->n_ties; i++)
        free(im->ties[i].kvs);
    free(im->actor_items);
    free(im->ties);
    names *const lists[] = {&im->actors, &im->sources, &im->groups, &im->tie_kinds,
                            &im->actor_kinds};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        names_free(lists[i]);
    rg_index_free(&im->tie_ids);
    rg_arena_free(im->a);
}
