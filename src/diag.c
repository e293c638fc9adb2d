/*
 * diag.c - the diagnostics collector. Stages record errors and warnings
 * here; the caller's callback receives them, sorted by position, when it
 * flushes. Messages never carry raw control characters from the input.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct entry {
    rg_severity severity;
    bool has_mark;
    rg_mark mark;
    size_t seq;   /* keeps the order of messages at the same position */
    char *message;
} entry;

struct rg_diags {
    char *file;   /* owned copy */
    rg_diag_fn fn;
    void *userdata;
    entry *pending; /* owned, with their messages */
    size_t n, cap, seq;
    size_t errors, warnings;
    size_t hidden; /* warnings past RG_MAX_WARNINGS, not yet said */
    bool full;
};

rg_diags *rg_diags_new(const char *file, rg_diag_fn fn, void *userdata)
{
    rg_diags *d = rg_xcalloc(1, sizeof *d);
    /* A file's name is text from outside too: no raw control characters. */
    rg_buf name = RG_BUF_INIT;
    file = file ? file : "-";
    rg_esc_terminal(&name, file, strlen(file), strlen(file));
    d->file = rg_buf_detach(&name, NULL);
    d->fn = fn;
    d->userdata = userdata;
    return d;
}

void rg_diags_free(rg_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->pending[i].message);
    free(d->pending);
    free(d->file);
    free(d);
}

size_t rg_diags_errors(const rg_diags *d) { return d->errors; }
size_t rg_diags_warnings(const rg_diags *d) { return d->warnings; }
bool rg_diags_full(const rg_diags *d) { return d->full; }

static void push(rg_diags *d, rg_severity sev, const rg_mark *m, char *msg)
{
    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->pending = rg_xrealloc(d->pending, d->cap * sizeof *d->pending);
    }
    entry *e = &d->pending[d->n++];
    e->severity = sev;
    e->has_mark = m != NULL;
    e->mark = m ? *m : (rg_mark){0, 0};
    e->seq = d->seq++;
    e->message = msg;
}

void rg_diag_v(rg_diags *d, rg_severity sev, const rg_mark *m,
               const char *fmt, va_list ap)
{
    if (d->full)
        return;
    rg_buf raw = RG_BUF_INIT, b = RG_BUF_INIT;
    rg_buf_vprintf(&raw, fmt, ap);
    /* Callers quote input text with rg_esc_terminal; this is a last guard. */
    rg_esc_terminal(&b, raw.buf, raw.len, raw.len);
    rg_buf_free(&raw);
    char *msg = rg_buf_detach(&b, NULL);
    if (sev == RG_ERROR) {
        d->errors++;
        push(d, sev, m, msg);
        if (d->errors >= RG_MAX_ERRORS) {
            d->full = true;
            char *stop = rg_xstrdup("too many errors; stopping here");
            push(d, RG_ERROR, m, stop);
        }
    } else if (++d->warnings > RG_MAX_WARNINGS) {
        /* Counted (--strict fails on them) but not shown: an alias can
         * repeat one warning thousands of times. */
        d->hidden++;
        free(msg);
    } else {
        push(d, sev, m, msg);
    }
}

void rg_error(rg_diags *d, rg_mark m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rg_diag_v(d, RG_ERROR, &m, fmt, ap);
    va_end(ap);
}

void rg_warning(rg_diags *d, rg_mark m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rg_diag_v(d, RG_WARNING, &m, fmt, ap);
    va_end(ap);
}

void rg_error_nomark(rg_diags *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rg_diag_v(d, RG_ERROR, NULL, fmt, ap);
    va_end(ap);
}

void rg_warning_nomark(rg_diags *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rg_diag_v(d, RG_WARNING, NULL, fmt, ap);
    va_end(ap);
}

static int by_position(const void *pa, const void *pb)
{
    const entry *a = pa, *b = pb;
    int c; /* whole-file messages first */
    (void)((c = RG_CMP(a->has_mark, b->has_mark)) ||
           (c = RG_CMP(a->mark.line, b->mark.line)) ||
           (c = RG_CMP(a->mark.column, b->mark.column)) || (c = RG_CMP(a->seq, b->seq)));
    return c;
}

void rg_diags_flush(rg_diags *d)
{
    /* The "too many errors" line stays last whatever its position. */
    size_t n = d->n;
    bool stop_last = d->full && n > 0;
    size_t sorted = stop_last ? n - 1 : n;
    if (sorted > 1)
        qsort(d->pending, sorted, sizeof *d->pending, by_position);
    for (size_t i = 0; i < n; i++) {
        entry *e = &d->pending[i];
        if (d->fn) {
            rg_diagnostic out = {e->severity, d->file, e->has_mark, e->mark,
                                 e->message};
            d->fn(&out, d->userdata);
        }
        free(e->message);
    }
    d->n = 0;
    if (d->hidden && d->fn) {
        char msg[80];
        snprintf(msg, sizeof msg, "%zu more warning%s not shown", d->hidden,
                 d->hidden == 1 ? "" : "s");
        rg_diagnostic out = {RG_WARNING, d->file, false, {0, 0}, msg};
        d->fn(&out, d->userdata);
    }
    d->hidden = 0;
}
