/*
 * markdown.c - the (filtered) model as a Markdown summary: the diagram's
 * text alternative in a report. Title and description, what the filters
 * kept, a table of actors, every tie as a sentence, and the numbered
 * sources, numbered in the order they are first cited.
 *
 * Every piece of text from the file is escaped so that it reads as
 * written: Markdown punctuation gets a backslash, HTML is neutralised,
 * and newlines become spaces.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Escape TEXT for Markdown inline content (and table cells). */
static void md_escape(rg_buf *b, const char *text)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        /* With [ and ] escaped no link can form, so ( ) ! stay. */
        case '\\': case '`': case '*': case '_': case '[': case ']':
        case '|': case '~':
            rg_buf_putc(b, '\\');
            rg_buf_putc(b, *p);
            break;
        case '<': rg_buf_puts(b, "&lt;"); break;
        case '>': rg_buf_puts(b, "&gt;"); break;
        case '&': rg_buf_puts(b, "&amp;"); break;
        case '\n': case '\t': rg_buf_putc(b, ' '); break;
        default: rg_buf_putc(b, *p);
        }
    }
}

/* Escape TEXT that begins a paragraph or a list item: a leading "#", "+",
 * "-" or "1." / "1)" would make it a heading, a list or a rule. */
static void md_escape_start(rg_buf *b, const char *text)
{
    size_t digits = strspn(text, "0123456789");
    if (text[0] == '#' || text[0] == '+' || text[0] == '-') {
        rg_buf_putc(b, '\\');
    } else if (digits && (text[digits] == '.' || text[digits] == ')')) {
        rg_buf_add(b, text, digits);
        rg_buf_putc(b, '\\');
        text += digits;
    }
    md_escape(b, text);
}

/* Plain text built by text.c, escaped; START: it begins a block. */
static void md_text(rg_buf *out, rg_buf *tmp, bool start)
{
    (start ? md_escape_start : md_escape)(out, tmp->buf ? tmp->buf : "");
    tmp->len = 0;
    if (tmp->buf)
        tmp->buf[0] = '\0';
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
    rg_buf b = {0}, t = {0};
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
        md_escape(&b, head);
        free(head);
        rg_buf_puts(&b, "\\#");
    } else {
        md_escape(&b, title);
    }
    rg_buf_puts(&b, "\n\n");
    if (m->filtered) {
        rg_buf_puts(&b, "*Shown: ");
        md_escape(&b, m->filtered);
        rg_buf_puts(&b, ".*\n\n");
    }
    if (m->description) {
        /* Folded text keeps its final newline; the paragraph ends here. */
        size_t n = strlen(m->description);
        while (n && (m->description[n - 1] == '\n' || m->description[n - 1] == ' '))
            n--;
        char *desc = rg_xmalloc(n + 1);
        memcpy(desc, m->description, n);
        desc[n] = '\0';
        md_escape_start(&b, desc);
        free(desc);
        if (n) /* a blank description gives no empty paragraph */
            rg_buf_puts(&b, "\n\n");
    }

    rg_buf_printf(&b, "## Actors (%zu)\n\n", m->n_actors);
    rg_buf_puts(&b, "| Actor | Kind | Role | Group |\n|---|---|---|---|\n");
    for (size_t i = 0; i < m->n_actors; i++) {
        const rg_actor *a = &m->actors[i];
        rg_buf_puts(&b, "| ");
        md_escape(&b, rg_actor_name(a));
        refs(&b, &nb, a->sources, a->n_sources);
        rg_buf_puts(&b, " | ");
        if (a->kind >= 0)
            md_escape(&b, m->actor_kinds[a->kind].label);
        rg_buf_puts(&b, " | ");
        if (a->role)
            md_escape(&b, a->role);
        rg_buf_puts(&b, " | ");
        if (a->group >= 0) {
            const rg_group *g = &m->groups[a->group];
            md_escape(&b, g->name ? g->name : g->id);
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
            rg_buf_puts(&b, " \xE2\x80\x94 "); /* an em dash, as in SPEC's example */
            md_escape(&b, tie->label);
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
                md_escape(&b, s->title);
                /* Validated URLs hold no spaces or angle brackets. */
                rg_buf_printf(&b, "](<%s>)", s->url);
            } else if (s->publisher || s->has_date) {
                md_escape(&b, s->title);
            } else {
                md_escape_start(&b, s->title);
            }
            rg_buf_puts(&b, "\n");
        }
    }
    free(nb.number);
    free(nb.order);
    free(t.buf);
    *len = b.len;
    return b.buf;
}
