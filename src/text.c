/*
 * text.c - ties and sources in words, shared by the SVG tooltips and the
 * Markdown summary so that both say the same thing. Output is plain text;
 * each caller escapes it for its own format.
 */
#include "internal.h"

#include <string.h>

void rg_text_tie(rg_buf *b, const rg_model *m, const rg_tie *t)
{
    const rg_tie_kind *k = &m->tie_kinds[t->kind];
    rg_bidi_isolate(b, rg_actor_name(&m->actors[t->parties[0]]));
    rg_buf_printf(b, " %s ", k->label);
    for (size_t p = 1; p < t->n_parties; p++) {
        const char *sep = p == 1                  ? ""
                          : p + 1 < t->n_parties ? ", "
                                                 : " and ";
        rg_buf_puts(b, sep);
        rg_bidi_isolate(b, rg_actor_name(&m->actors[t->parties[p]]));
    }
}

bool rg_text_when(rg_buf *b, const rg_tie *t)
{
    char x[11], y[11];
    if (t->has_date) {
        rg_date_format(t->date, x);
        rg_buf_puts(b, x);
    } else if (t->has_start && t->has_end) {
        rg_date_format(t->start, x);
        rg_date_format(t->end, y);
        if (strcmp(x, y) == 0)
            rg_buf_puts(b, x); /* "2007 to 2007" says less than "2007" */
        else
            rg_buf_printf(b, "%s to %s", x, y);
    } else if (t->has_start) {
        rg_date_format(t->start, x);
        rg_buf_printf(b, "from %s", x);
    } else if (t->has_end) {
        rg_date_format(t->end, y);
        rg_buf_printf(b, "until %s", y);
    } else {
        return false;
    }
    return true;
}

void rg_text_source(rg_buf *b, const rg_source *s)
{
    if (s->publisher)
        rg_buf_puts(b, s->publisher);
    if (s->has_date) {
        char x[11];
        rg_date_format(s->date, x);
        rg_buf_printf(b, "%s%s", s->publisher ? ", " : "", x);
    }
    if (s->publisher || s->has_date)
        rg_buf_puts(b, ": ");
    rg_buf_puts(b, s->title);
}
