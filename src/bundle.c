/*
 * bundle.c - which ties are drawn as one line (relgraph(5), RENDER:
 * bundle): those of one kind between the same two actors in the same
 * direction (either way when undirected), neither multi-party nor about a
 * subject (`over`); and what that line says, their labels one after
 * another, a status or a date that differs among them kept beside each.
 * Every tie stays in the model: the SVG (svg.c) and the Markdown still
 * name each one.
 *
 * An rg_bundles owns its arrays (rg_bundles_free).
 */
#include "gv.h"

#include <stdlib.h>
#include <string.h>

/* What ties must share to be one line; POS keeps file order. */
typedef struct bkey {
    int kind, a, b;
    bool directed;
    size_t pos;
} bkey;

static int cmp_key(const void *x, const void *y)
{
    const bkey *p = x, *q = y;
    int c;
    (void)((c = RG_CMP(p->kind, q->kind)) || (c = RG_CMP(p->a, q->a)) ||
           (c = RG_CMP(p->b, q->b)) || (c = RG_CMP(p->directed, q->directed)) ||
           (c = RG_CMP(p->pos, q->pos)));
    return c;
}

static bool same_line(const bkey *p, const bkey *q)
{
    return p->kind == q->kind && p->a == q->a && p->b == q->b &&
           p->directed == q->directed;
}

static bool bundlable(const rg_tie *t)
{
    return !t->multi && t->over < 0 && t->n_parties == 2;
}

void rg_bundles_make(rg_bundles *bs, const rg_model *m, bool on)
{
    size_t n = m->n_ties;
    bs->head = rg_xcalloc(n + 1, sizeof *bs->head);
    bs->next = rg_xcalloc(n + 1, sizeof *bs->next);
    bs->size = rg_xcalloc(n + 1, sizeof *bs->size);
    for (size_t i = 0; i < n; i++) {
        bs->head[i] = (int)i;
        bs->next[i] = -1;
        bs->size[i] = 1;
    }
    if (!on)
        return;
    bkey *keys = rg_xcalloc(n + 1, sizeof *keys);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        const rg_tie *t = &m->ties[i];
        if (!bundlable(t))
            continue;
        int a = t->parties[0], b = t->parties[1];
        if (!t->directed && b < a) {
            int x = a;
            a = b;
            b = x;
        }
        keys[k++] = (bkey){t->kind, a, b, t->directed, i};
    }
    qsort(keys, k, sizeof *keys, cmp_key);
    /* Runs of one line, each in file order: the first is the head. */
    for (size_t i = 1; i < k; i++) {
        if (!same_line(&keys[i - 1], &keys[i]))
            continue;
        size_t prev = keys[i - 1].pos, cur = keys[i].pos;
        int head = bs->head[prev];
        bs->head[cur] = head;
        bs->next[prev] = (int)cur;
        bs->size[head]++;
        bs->size[cur] = 0;
    }
    free(keys);
}

void rg_bundles_free(rg_bundles *bs)
{
    free(bs->head);
    free(bs->next);
    free(bs->size);
    memset(bs, 0, sizeof *bs);
}

/* ---- what the line says ---------------------------------------------------- */

static void when(rg_buf *b, const rg_tie *t)
{
    rg_buf_clear(b);
    rg_text_when(b, t);
}

rg_status rg_bundle_text(rg_buf *b, const rg_model *m, const rg_bundles *bs,
                         size_t head, const char *sep)
{
    size_t sl = strlen(sep);
    const rg_tie *h = &m->ties[head];
    if (bs->size[head] <= 1) {
        if (h->label)
            rg_buf_puts(b, h->label);
        return h->status;
    }
    /* Do the statuses and dates differ? */
    bool statuses_differ = false, dates_differ = false;
    rg_buf w0 = RG_BUF_INIT, w = RG_BUF_INIT;
    when(&w0, h);
    for (int i = bs->next[head]; i >= 0; i = bs->next[i]) {
        const rg_tie *t = &m->ties[i];
        statuses_differ |= t->status != h->status;
        when(&w, t);
        dates_differ |= strcmp(w.buf, w0.buf) != 0;
    }
    size_t start = b->len;
    for (int i = (int)head; i >= 0; i = bs->next[i]) {
        const rg_tie *t = &m->ties[i];
        const char *said = statuses_differ ? rg_style_status_said(t->status) : NULL;
        when(&w, t);
        bool dated = dates_differ && w.len;
        if (!t->label && !said && !dated)
            continue;
        rg_buf part = RG_BUF_INIT;
        if (t->label)
            rg_buf_puts(&part, t->label);
        if (said || dated)
            rg_buf_printf(&part, "%s(%s%s%s)", t->label ? " " : "",
                          dated ? w.buf : "", dated && said ? ", " : "",
                          said ? said : "");
        /* An empty label adds nothing (and strstr would find "" forever). */
        if (part.len == 0) {
            rg_buf_free(&part);
            continue;
        }
        /* The same words twice say nothing more. */
        bool seen = false;
        const char *prior = b->buf + start;
        size_t pl = part.len;
        for (const char *p = prior; !seen && (p = strstr(p, part.buf)); p += pl)
            seen = (p == prior || (p >= prior + sl && strncmp(p - sl, sep, sl) == 0)) &&
                   (p[pl] == '\0' || strncmp(p + pl, sep, sl) == 0);
        if (!seen)
            rg_buf_printf(b, "%s%s", b->len > start ? sep : "", part.buf);
        rg_buf_free(&part);
    }
    rg_buf_free(&w0);
    rg_buf_free(&w);
    return statuses_differ ? RG_STATUS_NONE : h->status;
}
