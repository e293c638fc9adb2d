/*
 * markdown.c - the (filtered) model as a Markdown summary: the diagram's
 * text alternative in a report. Title and description, what the filters
 * kept, a table of actors, every tie as a sentence, and the numbered
 * sources, numbered in the order they are first cited.
 *
 * Every piece of text from the file is escaped (escape.c) so that it
 * reads as written: Markdown punctuation gets a backslash, HTML is
 * neutralised, and newlines become spaces.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Plain text built by text.c, escaped; START: it begins a block. */
static void md_text(rg_buf *out, rg_buf *tmp, bool start)
{
    (start ? rg_esc_md_start : rg_esc_md)(out, tmp->buf);
    rg_buf_clear(tmp);
}

typedef struct numbering {
    int *number; /* per source: 1-based citation number, 0 if not cited */
    int *order;  /* sources in citation order */
    int n;
} numbering;

static void cite(numbering *nb, const int *sources, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!nb->number[sources[i]]) {
            nb->order[nb->n++] = sources[i];
            nb->number[sources[i]] = nb->n;
        }
}

/* " [1] [3]": in ascending order, whatever the order of citation. */
static void refs(rg_buf *b, const numbering *nb, const int *sources, size_t n)
{
    int last = 0;
    for (size_t k = 0; k < n; k++) {
        int next = 0;
        for (size_t i = 0; i < n; i++) {
            int x = nb->number[sources[i]];
            if (x > last && (!next || x < next))
                next = x;
        }
        if (!next)
            break;
        rg_buf_printf(b, " [%d]", next);
        last = next;
    }
}

char *rg_markdown(const rg_model *m, size_t *len)
{
    rg_buf b = RG_BUF_INIT, t = RG_BUF_INIT;
    numbering nb = {rg_xcalloc(m->n_sources + 1, sizeof(int)),
                    rg_xcalloc(m->n_sources + 1, sizeof(int)), 0};
    /* Ties are the heart of the summary: their sources come first. */
    for (size_t i = 0; i < m->n_ties; i++)
        cite(&nb, m->ties[i].sources, m->ties[i].n_sources);
    for (size_t i = 0; i < m->n_actors; i++)
        cite(&nb, m->actors[i].sources, m->actors[i].n_sources);

    rg_buf_puts(&b, "# ");
    const char *title = m->title ? m->title : "Actors and ties";
    size_t tn = strlen(title);
    if (tn && title[tn - 1] == '#') {
        /* Else it would read as the heading's closing "#"s and vanish. */
        char *head = rg_xmalloc(tn);
        memcpy(head, title, tn - 1);
        head[tn - 1] = '\0';
        rg_esc_md(&b, head);
        free(head);
        rg_buf_puts(&b, "\\#");
    } else {
        rg_esc_md(&b, title);
    }
    rg_buf_puts(&b, "\n\n");
    if (m->filtered) {
        rg_buf_puts(&b, "*Shown: ");
        rg_esc_md(&b, m->filtered);
        rg_buf_puts(&b, ".*\n\n");
    }
    if (m->description) {
        /* Folded text keeps its final newline; the paragraph ends here. */
        char *desc = rg_text_trimmed(m->description);
        rg_esc_md_start(&b, desc);
        if (*desc) /* a blank description gives no empty paragraph */
            rg_buf_puts(&b, "\n\n");
        free(desc);
    }

    rg_buf_printf(&b, "## Actors (%zu)\n\n", m->n_actors);
    rg_buf_puts(&b, "| Actor | Kind | Role | Group |\n|---|---|---|---|\n");
    for (size_t i = 0; i < m->n_actors; i++) {
        const rg_actor *a = &m->actors[i];
        rg_buf_puts(&b, "| ");
        rg_esc_md(&b, rg_actor_name(a));
        refs(&b, &nb, a->sources, a->n_sources);
        rg_buf_puts(&b, " | ");
        if (a->kind >= 0)
            rg_esc_md(&b, m->actor_kinds[a->kind].label);
        rg_buf_puts(&b, " | ");
        if (a->role)
            rg_esc_md(&b, a->role);
        rg_buf_puts(&b, " | ");
        if (a->group >= 0) {
            const rg_group *g = &m->groups[a->group];
            rg_esc_md(&b, g->name ? g->name : g->id);
        }
        rg_buf_puts(&b, " |\n");
    }

    rg_buf_printf(&b, "\n## Ties (%zu)\n\n", m->n_ties);
    if (m->n_ties == 0)
        rg_buf_puts(&b, "None.\n");
    for (size_t i = 0; i < m->n_ties; i++) {
        const rg_tie *tie = &m->ties[i];
        rg_buf_puts(&b, "- ");
        rg_text_tie(&t, m, tie);
        md_text(&b, &t, true);
        if (tie->label) {
            rg_buf_puts(&b, " \xE2\x80\x94 "); /* an em dash, as relgraph(1) shows */
            rg_esc_md(&b, tie->label);
        }
        const char *status = rg_status_name(tie->status);
        bool dated = rg_text_when(&t, tie);
        if (dated || status) {
            rg_buf_puts(&b, " (");
            md_text(&b, &t, false);
            rg_buf_printf(&b, "%s%s)", dated && status ? ", " : "",
                          status ? status : "");
        }
        refs(&b, &nb, tie->sources, tie->n_sources);
        rg_buf_puts(&b, "\n");
    }

    if (nb.n) {
        rg_buf_puts(&b, "\n## Sources\n\n");
        for (int i = 0; i < nb.n; i++) {
            const rg_source *s = &m->sources[nb.order[i]];
            rg_buf_printf(&b, "%d. ", i + 1);
            if (s->publisher || s->has_date) {
                rg_source head = *s;
                head.title = "";
                rg_text_source(&t, &head);
                md_text(&b, &t, true);
            }
            if (s->url) {
                rg_buf_puts(&b, "[");
                rg_esc_md(&b, s->title);
                /* Validated URLs hold no spaces or angle brackets. */
                rg_buf_printf(&b, "](<%s>)", s->url);
            } else if (s->publisher || s->has_date) {
                rg_esc_md(&b, s->title);
            } else {
                rg_esc_md_start(&b, s->title);
            }
            rg_buf_puts(&b, "\n");
        }
    }
    free(nb.number);
    free(nb.order);
    rg_buf_free(&t);
    return rg_buf_detach(&b, len);
}
