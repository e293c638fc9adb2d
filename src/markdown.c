/*
 * markdown.c - the (filtered) model as a Markdown summary: the diagram's
 * text alternative in a report. Title and description, what the filters
 * kept, a table of actors (with their other names, every group they are
 * in and their notes), every tie as a sentence (text.c) in the order of
 * its date, then the file's, with its note, and the numbered sources,
 * numbered in the order they are first cited. A kind with many ties is
 * listed by actor instead: one line per acting actor, not N sentences
 * that differ by a name.
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

/* A kind with at least this many ties between two actors is listed by
 * actor, when some actor acts in two of them. */
#define LISTED_BY_ACTOR 8

static bool listed_by_actor(const rg_model *m, size_t kind)
{
    size_t n = 0;
    bool repeat = false;
    int *first = rg_xcalloc(m->n_actors + 1, sizeof *first);
    for (size_t i = 0; i < m->n_ties; i++) {
        const rg_tie *t = &m->ties[i];
        if ((size_t)t->kind != kind || t->multi || t->over >= 0)
            continue;
        n++;
        repeat |= first[t->parties[0]]++ > 0;
    }
    free(first);
    return n >= LISTED_BY_ACTOR && repeat;
}

/* What follows a tie's sentence: its label (unless the sentence said
 * it), date, status and sources. */
static void tie_details(rg_buf *b, rg_buf *t, const numbering *nb,
                        const rg_tie *tie, bool label_said)
{
    if (tie->label && !label_said) {
        rg_buf_puts(b, " \xE2\x80\x94 "); /* an em dash, as relgraph(1) shows */
        rg_esc_md(b, tie->label);
    }
    const char *status = rg_status_name(tie->status);
    bool dated = rg_text_when(t, tie);
    if (dated || status) {
        rg_buf_puts(b, " (");
        md_text(b, t, false);
        rg_buf_printf(b, "%s%s)", dated && status ? ", " : "", status ? status : "");
    }
    refs(b, nb, tie->sources, tie->n_sources);
}

/* A note, on a line of its own in the list item (a hard line break). */
static void note_line(rg_buf *b, const char *note, const char *indent)
{
    if (!note || !note[strspn(note, " \n")])
        return;
    rg_buf_printf(b, "\\\n%s", indent);
    rg_esc_md_start(b, note);
}

static void actors_table(rg_buf *b, rg_buf *t, const rg_model *m,
                         const numbering *nb)
{
    rg_buf_printf(b, "## Actors (%zu)\n\n", m->n_actors);
    rg_buf_puts(b, "| Actor | Kind | Role | Groups | Note |\n|---|---|---|---|---|\n");
    for (size_t i = 0; i < m->n_actors; i++) {
        const rg_actor *a = &m->actors[i];
        rg_buf_puts(b, "| ");
        rg_bidi_isolate(t, rg_actor_name(a));
        /* Its other names, as the drawing's tooltip has them: "Hassan
         * Rouhani (حسن روحانی)". */
        for (size_t k = 0; m->render.aliases != RG_ALIASES_NONE && k < a->n_aliases; k++) {
            rg_buf_puts(t, k ? ", " : " (");
            rg_bidi_isolate(t, a->aliases[k]);
        }
        if (m->render.aliases != RG_ALIASES_NONE && a->n_aliases)
            rg_buf_putc(t, ')');
        md_text(b, t, false);
        refs(b, nb, a->sources, a->n_sources);
        rg_buf_puts(b, " | ");
        if (a->kind >= 0)
            rg_esc_md(b, m->actor_kinds[a->kind].label);
        rg_buf_puts(b, " | ");
        if (a->role)
            rg_esc_md(b, a->role);
        rg_buf_puts(b, " | ");
        /* Every group it is in, innermost first. */
        for (int g = a->group; g >= 0; g = m->groups[g].parent) {
            if (g != a->group)
                rg_buf_puts(b, ", ");
            rg_esc_md(b, m->groups[g].name ? m->groups[g].name : m->groups[g].id);
        }
        rg_buf_puts(b, " | ");
        if (a->note)
            rg_esc_md(b, a->note);
        rg_buf_puts(b, " |\n");
    }
}

/* The ties of KIND, one line per acting actor, in the order of ORDER. */
static void kind_by_actor(rg_buf *b, rg_buf *t, const rg_model *m,
                          const numbering *nb, const size_t *order, size_t kind)
{
    const rg_tie_kind *k = &m->tie_kinds[kind];
    size_t n = 0;
    for (size_t i = 0; i < m->n_ties; i++)
        n += (size_t)m->ties[i].kind == kind && !m->ties[i].multi && m->ties[i].over < 0;
    rg_buf_puts(b, "\n### ");
    rg_esc_md(b, k->label);
    rg_buf_printf(b, " (%zu ties, by actor)\n\n", n);
    bool *done = rg_xcalloc(m->n_actors + 1, sizeof *done);
    for (size_t i = 0; i < m->n_ties; i++) {
        const rg_tie *first = &m->ties[order[i]];
        if ((size_t)first->kind != kind || first->multi || first->over >= 0 ||
            done[first->parties[0]])
            continue;
        int actor = first->parties[0];
        done[actor] = true;
        rg_buf_puts(b, "- ");
        rg_bidi_isolate(t, rg_actor_name(&m->actors[actor]));
        rg_buf_printf(t, " %s: ", k->label);
        md_text(b, t, true);
        rg_buf notes = RG_BUF_INIT;
        size_t items = 0;
        for (size_t j = i; j < m->n_ties; j++) {
            const rg_tie *tie = &m->ties[order[j]];
            if (tie->kind != first->kind || tie->multi || tie->over >= 0 ||
                tie->parties[0] != actor)
                continue;
            if (items++)
                rg_buf_puts(b, "; ");
            rg_bidi_isolate(t, rg_actor_name(&m->actors[tie->parties[1]]));
            md_text(b, t, false);
            tie_details(b, t, nb, tie, false);
            if (tie->note && tie->note[strspn(tie->note, " \n")]) {
                rg_buf_puts(&notes, "\n  - ");
                rg_bidi_isolate(t, rg_actor_name(&m->actors[tie->parties[1]]));
                rg_buf_puts(t, ": ");
                md_text(&notes, t, false);
                rg_esc_md(&notes, tie->note);
            }
        }
        rg_buf_add(b, notes.buf, notes.len);
        rg_buf_free(&notes);
        rg_buf_puts(b, "\n");
    }
    free(done);
}

char *rg_markdown(const rg_model *m, size_t *len)
{
    rg_buf b = RG_BUF_INIT, t = RG_BUF_INIT;
    numbering nb = {rg_xcalloc(m->n_sources + 1, sizeof(int)),
                    rg_xcalloc(m->n_sources + 1, sizeof(int)), 0};
    size_t *order = rg_xmalloc((m->n_ties + 1) * sizeof *order);
    for (size_t i = 0; i < m->n_ties; i++)
        order[i] = i;
    rg_tie_order(m->ties, order, m->n_ties);
    bool *listed = rg_xcalloc(m->n_tie_kinds + 1, sizeof *listed);
    for (size_t k = 0; k < m->n_tie_kinds; k++)
        listed[k] = m->tie_kinds[k].uses >= LISTED_BY_ACTOR && listed_by_actor(m, k);
    /* Ties are the heart of the summary: their sources come first, in
     * the order the summary names them. */
    for (size_t i = 0; i < m->n_ties; i++)
        cite(&nb, m->ties[order[i]].sources, m->ties[order[i]].n_sources);
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

    actors_table(&b, &t, m, &nb);

    rg_buf_printf(&b, "\n## Ties (%zu)\n\n", m->n_ties);
    if (m->n_ties == 0)
        rg_buf_puts(&b, "None.\n");
    for (size_t i = 0; i < m->n_ties; i++) {
        const rg_tie *tie = &m->ties[order[i]];
        if (listed[tie->kind] && !tie->multi && tie->over < 0)
            continue;
        rg_buf_puts(&b, "- ");
        bool said = rg_text_tie(&t, m, tie);
        md_text(&b, &t, true);
        tie_details(&b, &t, &nb, tie, said);
        note_line(&b, tie->note, "  ");
        rg_buf_puts(&b, "\n");
    }
    for (size_t k = 0; k < m->n_tie_kinds; k++)
        if (listed[k])
            kind_by_actor(&b, &t, m, &nb, order, k);

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
    free(order);
    free(listed);
    rg_buf_free(&t);
    return rg_buf_detach(&b, len);
}
