/*
 * text.c - ties and sources in words, shared by the SVG tooltips and the
 * Markdown summary so that both say the same thing. Output is plain text;
 * each caller escapes it for its own format. Names that hold
 * right-to-left letters are isolates (bidi.c), so that a sentence keeps
 * its order around them.
 *
 * Each built-in kind has its sentence (relgraph(5), KINDS): a directed tie
 * reads with its first party as the subject ("United States holds Seven
 * Iranians in custody"), an undirected one with all its parties as the
 * subject and the verb in the plural ("Crocker, Kazemi and al-Rubaie hold
 * talks"). A kind of the file's own reads with its label between the
 * first party and the others, as written.
 */
#include "internal.h"

#include <string.h>

/* How a built-in kind reads: the verb and what follows the objects for a
 * directed tie ("holds" ... "in custody"), and the plural sentence of an
 * undirected one, where %s is "each other" (two parties) or "one
 * another" (more). */
static const struct phrase {
    const char *kind, *verb, *after, *mutual;
} phrases[] = {
    {"talks", "holds talks with", "", "hold talks"},
    {"accuses", "accuses", "", "accuse %s"},
    {"custody", "holds", " in custody", "hold %s in custody"},
    {"demands", "makes demands of", "", "make demands of %s"},
    {"proposes", "makes a proposal to", "", "make proposals to %s"},
    {"supports", "supports", "", "support %s"},
    {"opposes", "opposes", "", "oppose %s"},
    {"allied", "is allied with", "", "are allied"},
    {"represents", "represents", "", "represent %s"},
    {"hosts", "hosts", "", "host %s"},
    {"disputes", "is in dispute with", "", "are in dispute"},
};

static const struct phrase *phrase_of(const rg_tie_kind *k)
{
    if (!k->builtin)
        return NULL;
    for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
        if (strcmp(phrases[i].kind, k->id) == 0)
            return &phrases[i];
    return NULL;
}

void rg_text_names(rg_buf *b, const rg_model *m, const int *actors, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        rg_buf_puts(b, i == 0 ? "" : i + 1 < n ? ", " : " and ");
        rg_bidi_isolate(b, rg_actor_name(&m->actors[actors[i]]));
    }
}

static void subject(rg_buf *b, const rg_model *m, const rg_tie *t)
{
    if (t->over < 0)
        return;
    rg_bidi_isolate(b, rg_actor_name(&m->actors[t->over]));
}

/* What a dispute is over, in its own words: "custody of Elián". */
static void disputed(rg_buf *b, const rg_model *m, const rg_tie *t)
{
    rg_bidi_isolate(b, t->label);
    if (t->over >= 0) {
        rg_buf_puts(b, " of ");
        subject(b, m, t);
    }
}

bool rg_text_tie(rg_buf *b, const rg_model *m, const rg_tie *t)
{
    const rg_tie_kind *k = &m->tie_kinds[t->kind];
    const struct phrase *ph = phrase_of(k);
    bool dispute = ph && strcmp(ph->kind, "disputes") == 0;
    if (!ph) {
        /* The file's own kind: its label as written. */
        rg_text_names(b, m, t->parties, 1);
        rg_buf_printf(b, " %s ", k->label);
        rg_text_names(b, m, t->parties + 1, t->n_parties - 1);
    } else if (t->directed) {
        rg_text_names(b, m, t->parties, 1);
        if (dispute && t->label) {
            /* "Iran disputes the fate of Seven Iranians with the U.S." */
            rg_buf_puts(b, " disputes ");
            disputed(b, m, t);
            rg_buf_puts(b, " with ");
            rg_text_names(b, m, t->parties + 1, t->n_parties - 1);
            return true;
        }
        rg_buf_printf(b, " %s ", ph->verb);
        rg_text_names(b, m, t->parties + 1, t->n_parties - 1);
        rg_buf_puts(b, ph->after);
    } else {
        rg_text_names(b, m, t->parties, t->n_parties);
        rg_buf_putc(b, ' ');
        if (dispute && t->label) {
            /* "Juan Miguel and Lázaro dispute custody of Elián" */
            rg_buf_puts(b, "dispute ");
            disputed(b, m, t);
            return true;
        }
        rg_buf_printf(b, ph->mutual, t->n_parties > 2 ? "one another" : "each other");
    }
    if (t->over >= 0) {
        rg_buf_puts(b, " over ");
        subject(b, m, t);
    }
    return false;
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

char *rg_text_trimmed(const char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == '\n' || s[n - 1] == ' '))
        n--;
    char *out = rg_xmalloc(n + 1);
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}
