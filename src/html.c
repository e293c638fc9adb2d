/*
 * html.c - the interactive page (-o x.html): one self-contained file made
 * of the finished SVG of the diagram (svg.c's ids and classes), the
 * controls' markup, the model the page's script needs as JSON inside
 * <script type="application/json">, and relgraph's own script and
 * stylesheet (src/viewer.js, src/viewer.css, embedded at build time as
 * src/schema.json is).
 *
 * Every text of the file reaches the page escaped by escape.c: as HTML
 * text (rg_esc_xml) or inside JSON strings with < > & written as \u003c
 * (rg_esc_json), never as markup. The page loads nothing: its
 * Content-Security-Policy forbids every source but the one script and the
 * one stylesheet, named by their SHA-256 (digest.c).
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

static const char viewer_js[] =
#include "../build/viewer-js.inc"
    ;
static const char viewer_css[] =
#include "../build/viewer-css.inc"
    ;

const char *rg_html_script(size_t *len)
{
    *len = sizeof viewer_js - 1;
    return viewer_js;
}

const char *rg_html_style(size_t *len)
{
    *len = sizeof viewer_css - 1;
    return viewer_css;
}

/* ---- the model as JSON --------------------------------------------------- */

/* "KEY":"TEXT" after SEP, or nothing when TEXT is NULL. */
static void jstr(rg_buf *b, const char *sep, const char *key, const char *text)
{
    if (!text)
        return;
    rg_buf_printf(b, "%s\"%s\":\"", sep, key);
    rg_esc_json(b, text);
    rg_buf_putc(b, '"');
}

static void jdate(rg_buf *b, const char *key, bool has, rg_date d)
{
    char buf[11];
    if (!has)
        return;
    rg_date_format(d, buf);
    jstr(b, ",", key, buf);
}

static void jints(rg_buf *b, const char *key, const int *v, size_t n)
{
    rg_buf_printf(b, ",\"%s\":[", key);
    for (size_t i = 0; i < n; i++)
        rg_buf_printf(b, "%s%d", i ? "," : "", v[i]);
    rg_buf_putc(b, ']');
}

/* The tie kinds the model uses, in the model's order (the legend's): their
 * indexes, -1 for the others. */
static int *kind_slots(const rg_model *m, size_t *n)
{
    int *slot = rg_xmalloc((m->n_tie_kinds + 1) * sizeof *slot);
    *n = 0;
    for (size_t i = 0; i < m->n_tie_kinds; i++)
        slot[i] = m->tie_kinds[i].uses ? (int)(*n)++ : -1;
    return slot;
}

/* The dates the ties name (date, start, end), each once, in order of the
 * day they start, then of the day they end ("2007-01" before "2007"). */
typedef struct named_date {
    rg_date d;
    char text[11];
} named_date;

static int date_order(const void *pa, const void *pb)
{
    const named_date *a = pa, *b = pb;
    int c = rg_date_cmp_start(a->d, b->d);
    return c ? c : rg_date_cmp_end(a->d, b->d);
}

static named_date *tie_dates(const rg_model *m, size_t *n)
{
    named_date *all = rg_xmalloc((3 * m->n_ties + 1) * sizeof *all);
    size_t k = 0;
    for (size_t i = 0; i < m->n_ties; i++) {
        const rg_tie *t = &m->ties[i];
        const struct {
            bool has;
            rg_date d;
        } named[] = {{t->has_date, t->date}, {t->has_start, t->start},
                     {t->has_end, t->end}};
        for (size_t j = 0; j < 3; j++)
            if (named[j].has) {
                all[k].d = named[j].d;
                rg_date_format(named[j].d, all[k].text);
                k++;
            }
    }
    qsort(all, k, sizeof *all, date_order);
    size_t out = 0;
    for (size_t i = 0; i < k; i++)
        if (out == 0 || strcmp(all[out - 1].text, all[i].text) != 0)
            all[out++] = all[i];
    *n = out;
    return all;
}

static void json_actor(rg_buf *b, const rg_model *m, const rg_actor *a)
{
    rg_buf id = RG_BUF_INIT;
    rg_svg_actor_id(&id, a);
    jstr(b, "{", "id", a->id);
    jstr(b, ",", "el", id.buf);
    jstr(b, ",", "name", rg_actor_name(a));
    jstr(b, ",", "role", a->role);
    jstr(b, ",", "kind", a->kind >= 0 ? m->actor_kinds[a->kind].label : NULL);
    rg_buf_printf(b, ",\"group\":%d", a->group);
    rg_buf_puts(b, ",\"aliases\":[");
    for (size_t i = 0; i < a->n_aliases; i++) {
        rg_buf_puts(b, i ? ",\"" : "\"");
        rg_esc_json(b, a->aliases[i]);
        rg_buf_putc(b, '"');
    }
    rg_buf_putc(b, ']');
    jstr(b, ",", "note", a->note);
    jstr(b, ",", "url", a->url);
    jints(b, "sources", a->sources, a->n_sources);
    rg_buf_putc(b, '}');
    rg_buf_free(&id);
}

static void json_tie(rg_buf *b, const rg_model *m, const rg_tie *t,
                     const int *slot)
{
    rg_buf id = RG_BUF_INIT, text = RG_BUF_INIT;
    rg_svg_tie_id(&id, m, t, -1);
    jstr(b, "{", "el", id.buf);
    /* A multi-party tie is a box and a line to each party. */
    rg_buf_puts(b, ",\"lines\":[");
    /* A tie about a subject (over) is drawn the same way, with one more
     * line, to the subject. */
    bool junction = t->multi || t->over >= 0;
    for (size_t p = 0; junction && p < t->n_parties + (t->over >= 0); p++) {
        rg_buf_clear(&id);
        rg_svg_tie_id(&id, m, t, (int)p);
        rg_buf_puts(b, p ? ",\"" : "\"");
        rg_esc_json(b, id.buf);
        rg_buf_putc(b, '"');
    }
    rg_buf_printf(b, "],\"kind\":%d", slot[t->kind]);
    jints(b, "parties", t->parties, t->n_parties);
    rg_buf_printf(b, ",\"over\":%d", t->over);
    rg_text_tie(&text, m, t);
    jstr(b, ",", "text", text.buf);
    jstr(b, ",", "label", t->label);
    jstr(b, ",", "note", t->note);
    rg_buf_clear(&text);
    if (rg_text_when(&text, t))
        jstr(b, ",", "when", text.buf);
    jdate(b, "date", t->has_date, t->date);
    jdate(b, "start", t->has_start, t->start);
    jdate(b, "end", t->has_end, t->end);
    jstr(b, ",", "status", rg_status_name(t->status));
    rg_buf_printf(b, ",\"weight\":%d", t->weight);
    jints(b, "sources", t->sources, t->n_sources);
    rg_buf_putc(b, '}');
    rg_buf_free(&id);
    rg_buf_free(&text);
}

static void json_model(rg_buf *b, const rg_model *m, const int *slot,
                       const named_date *dates, size_t n_dates)
{
    rg_buf_puts(b, "{\"format\":1");
    jstr(b, ",", "title", m->title);
    jstr(b, ",", "filtered", m->filtered);
    rg_buf_puts(b, ",\"kinds\":[");
    for (size_t i = 0, n = 0; i < m->n_tie_kinds; i++) {
        if (slot[i] < 0)
            continue;
        jstr(b, n++ ? ",{" : "{", "id", m->tie_kinds[i].id);
        jstr(b, ",", "label", m->tie_kinds[i].label);
        rg_buf_putc(b, '}');
    }
    rg_buf_puts(b, "],\"groups\":[");
    for (size_t i = 0; i < m->n_groups; i++) {
        const rg_group *g = &m->groups[i];
        rg_buf id = RG_BUF_INIT;
        rg_buf_printf(&id, "group-%s", g->id);
        jstr(b, i ? ",{" : "{", "el", id.buf);
        jstr(b, ",", "name", g->name ? g->name : g->id);
        rg_buf_printf(b, ",\"parent\":%d}", g->parent);
        rg_buf_free(&id);
    }
    rg_buf_puts(b, "],\"sources\":[");
    rg_buf text = RG_BUF_INIT;
    for (size_t i = 0; i < m->n_sources; i++) {
        const rg_source *s = &m->sources[i];
        jstr(b, i ? ",{" : "{", "title", s->title);
        rg_buf_clear(&text);
        rg_text_source(&text, s);
        jstr(b, ",", "text", text.buf);
        jstr(b, ",", "url", s->url);
        rg_buf_putc(b, '}');
    }
    rg_buf_free(&text);
    rg_buf_puts(b, "],\"actors\":[");
    for (size_t i = 0; i < m->n_actors; i++) {
        rg_buf_puts(b, i ? ",\n" : "\n");
        json_actor(b, m, &m->actors[i]);
    }
    rg_buf_puts(b, "],\"ties\":[");
    for (size_t i = 0; i < m->n_ties; i++) {
        rg_buf_puts(b, i ? ",\n" : "\n");
        json_tie(b, m, &m->ties[i], slot);
    }
    rg_buf_puts(b, "],\"dates\":[");
    for (size_t i = 0; i < n_dates; i++)
        rg_buf_printf(b, "%s\"%s\"", i ? "," : "", dates[i].text);
    rg_buf_puts(b, "]}");
}

/* ---- the page ----------------------------------------------------------------- */

/* "'sha256-...'" of LEN bytes at S. */
static void csp_hash(rg_buf *b, const char *s, size_t len)
{
    unsigned char h[32];
    rg_sha256(s, len, h);
    rg_buf_puts(b, "'sha256-");
    rg_base64(b, h, sizeof h);
    rg_buf_putc(b, '\'');
}

/* The controls: hidden until the script shows them, so that a page whose
 * script cannot run is a plain picture, not a panel of dead buttons. */
static void controls(rg_buf *b, const rg_model *m, const int *slot,
                     size_t n_dates)
{
    rg_buf_puts(b, "<nav id=\"rg-controls\" aria-label=\"View\" hidden>\n"
                   "<fieldset id=\"rg-kinds\"><legend>Ties</legend>\n");
    for (size_t i = 0; i < m->n_tie_kinds; i++) {
        if (slot[i] < 0)
            continue;
        /* Kind ids are ids (relgraph(5), IDENTIFIERS): no quote in them;
         * escaped all the same. */
        rg_buf_puts(b, "<label><input type=\"checkbox\" data-kind=\"");
        rg_esc_xml(b, m->tie_kinds[i].id);
        rg_buf_puts(b, "\" checked> ");
        rg_esc_xml(b, m->tie_kinds[i].label);
        rg_buf_puts(b, "</label>\n");
    }
    rg_buf_puts(b, "</fieldset>\n");
    if (n_dates)
        rg_buf_printf(b, "<fieldset id=\"rg-time\"><legend>Time</legend>\n"
                         "<input type=\"range\" id=\"rg-date\" min=\"0\" max=\"%zu\" "
                         "step=\"1\" value=\"%zu\" aria-label=\"As of\">\n"
                         "<output id=\"rg-date-shown\" for=\"rg-date\"></output>\n"
                         "<label><input type=\"checkbox\" id=\"rg-all-dates\" checked> "
                         "all dates</label>\n</fieldset>\n",
                      n_dates - 1, n_dates - 1);
    rg_buf_puts(b, "<div id=\"rg-find\">\n"
                   "<input type=\"search\" id=\"rg-search\" placeholder=\"Find an actor\" "
                   "aria-label=\"Find an actor by name, role or alias\" "
                   "autocomplete=\"off\" spellcheck=\"false\">\n"
                   "<output id=\"rg-found\" for=\"rg-search\"></output>\n</div>\n"
                   "<div id=\"rg-buttons\">\n"
                   "<button type=\"button\" id=\"rg-zoom-in\" title=\"Zoom in (+)\">+</button>\n"
                   "<button type=\"button\" id=\"rg-zoom-out\" title=\"Zoom out (-)\">"
                   "\xE2\x88\x92</button>\n"
                   "<button type=\"button\" id=\"rg-fit\" title=\"Fit to the window (0)\">"
                   "Fit</button>\n"
                   "<button type=\"button\" id=\"rg-reset\" title=\"Show all (Escape)\">"
                   "Show all</button>\n</div>\n</nav>\n");
}

char *rg_html_page(const char *svg, size_t svg_len, const rg_model *m,
                   int theme, size_t *out_len)
{
    size_t js_len, css_len;
    const char *js = rg_html_script(&js_len), *css = rg_html_style(&css_len);
    size_t n_kinds, n_dates;
    int *slot = kind_slots(m, &n_kinds);
    named_date *dates = tie_dates(m, &n_dates);
    const char *title = m->title ? m->title : "Actors and ties";
    rg_buf b = RG_BUF_INIT;

    rg_buf_puts(&b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                    "script-src ");
    csp_hash(&b, js, js_len);
    rg_buf_puts(&b, "; style-src ");
    csp_hash(&b, css, css_len);
    rg_buf_puts(&b, "; base-uri 'none'; form-action 'none'\">\n"
                    "<meta name=\"referrer\" content=\"no-referrer\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<meta name=\"generator\" content=\"relgraph " RG_VERSION "\">\n<title>");
    rg_esc_xml(&b, title);
    rg_buf_puts(&b, "</title>\n<style>");
    rg_buf_add(&b, css, css_len);
    rg_buf_printf(&b, "</style>\n</head>\n<body class=\"rg-theme-%s\">\n"
                      "<header id=\"rg-header\">\n<h1 id=\"rg-title\">",
                  rg_theme_names.names[theme >= 0 ? theme : 0]);
    rg_esc_xml(&b, title);
    rg_buf_puts(&b, "</h1>\n");
    if (m->filtered) {
        rg_buf_puts(&b, "<p id=\"rg-filtered\">Shown: ");
        rg_esc_xml(&b, m->filtered);
        rg_buf_puts(&b, "</p>\n");
    }
    rg_buf_puts(&b, "</header>\n");
    controls(&b, m, slot, n_dates);
    rg_buf_puts(&b, "<p id=\"rg-status\" aria-live=\"polite\"></p>\n<div id=\"rg-main\">\n"
                    "<main id=\"rg-stage\" tabindex=\"0\" aria-label=\"Diagram\">\n");
    /* Inline SVG starts at its root element: the XML declaration, the
     * doctype and Graphviz's comments before it are not HTML. */
    const char *root = NULL;
    for (const char *p = svg; !root && (p = memchr(p, '<', svg_len - (size_t)(p - svg)));
         p++)
        if ((size_t)(svg + svg_len - p) >= 4 && memcmp(p, "<svg", 4) == 0)
            root = p;
    if (root)
        rg_buf_add(&b, root, svg_len - (size_t)(root - svg));
    rg_buf_puts(&b, "</main>\n<aside id=\"rg-details\" aria-label=\"Evidence\">\n"
                    "<h2>About this diagram</h2>\n");
    char *desc = m->description ? rg_text_trimmed(m->description) : NULL;
    if (desc && *desc) {
        rg_buf_puts(&b, "<p class=\"rg-desc\">");
        rg_esc_xml(&b, desc);
        rg_buf_puts(&b, "</p>\n");
    }
    free(desc);
    rg_buf_printf(&b, "<p class=\"rg-hint\">%zu actor%s, %zu tie%s.</p>\n"
                      "<p class=\"rg-hint\" hidden>Select an actor or a tie to see its "
                      "evidence.</p>\n</aside>\n</div>\n"
                      "<script type=\"application/json\" id=\"rg-model\">",
                  m->n_actors, m->n_actors == 1 ? "" : "s", m->n_ties,
                  m->n_ties == 1 ? "" : "s");
    json_model(&b, m, slot, dates, n_dates);
    rg_buf_puts(&b, "</script>\n<script>");
    rg_buf_add(&b, js, js_len);
    rg_buf_puts(&b, "</script>\n</body>\n</html>\n");
    free(slot);
    free(dates);
    return rg_buf_detach(&b, out_len);
}
