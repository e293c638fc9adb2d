/*
 * svg.c - evidence in the SVG. Graphviz writes each object's group as
 *
 *   <g id="rgo12" class="node">
 *   <title>a3</title>
 *   ...shapes and text...
 *   </g>
 *
 * where "rgo12" is the token build.c gave the object. The notes say what
 * each object is: an id a report's CSS can rely on, class names by kind,
 * status and group, a tooltip with the evidence (role, dates, status,
 * sources) and a link. This file makes them from the model, and after the
 * render gives each group its id and class names, replaces the title
 * (Graphviz puts the internal node name there) by the tooltip, wraps the
 * content in the object's link, and gives the root the document's <title>
 * and <desc>. Graphviz is given no URL, tooltip or class at all, so none of
 * its version-dependent escaping is involved: every value here is escaped
 * once, from relgraph's own validated data.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

rg_svg_notes *rg_svg_notes_new(void)
{
    rg_svg_notes *n = rg_xcalloc(1, sizeof *n);
    n->arena = rg_arena_new();
    return n;
}

void rg_svg_notes_free(rg_svg_notes *n)
{
    if (!n)
        return;
    rg_arena_free(n->arena);
    free(n->items);
    free(n);
}

const char *rg_svg_note(rg_svg_notes *n, const char *id, const char *classes,
                        const char *title, const char *url)
{
    if (n->n == n->cap) {
        n->cap = n->cap ? n->cap * 2 : 64;
        n->items = rg_xrealloc(n->items, n->cap * sizeof *n->items);
    }
    rg_svg_object *o = &n->items[n->n];
    o->id = rg_arena_strndup(n->arena, id, strlen(id));
    o->classes = rg_arena_strndup(n->arena, classes, strlen(classes));
    o->title = title ? rg_arena_strndup(n->arena, title, strlen(title)) : NULL;
    o->url = url ? rg_arena_strndup(n->arena, url, strlen(url)) : NULL;
    o->after = NULL;
    o->token = rg_arena_printf(n->arena, "rgo%zu", n->n);
    n->n++;
    return o->token;
}

/* ---- what each object is ------------------------------------------------- */

/* The first URL among SOURCES, or NULL. */
static const char *first_url(const rg_model *m, const int *sources, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (m->sources[sources[i]].url)
            return m->sources[sources[i]].url;
    return NULL;
}

static void tooltip_sources(rg_buf *t, const rg_model *m, const int *sources,
                            size_t n)
{
    if (n == 1) {
        rg_buf_puts(t, "\nSource: ");
        rg_text_source(t, &m->sources[sources[0]]);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        rg_buf_puts(t, i ? "\n- " : "\nSources:\n- ");
        rg_text_source(t, &m->sources[sources[i]]);
    }
}

void rg_svg_actor_id(rg_buf *b, const rg_actor *a)
{
    rg_buf_printf(b, "actor-%s", a->id);
}

void rg_svg_tie_id(rg_buf *b, const rg_model *m, const rg_tie *t, int party)
{
    /* "tie-<its id>" or "tie-<its position>"; a line of a multi-party tie
     * adds its party's id. */
    if (t->id)
        rg_buf_printf(b, "tie-%s", t->id);
    else
        rg_buf_printf(b, "tie-%zu", t->pos);
    if (party >= 0 && (size_t)party == t->n_parties) /* the line to `over` */
        rg_buf_printf(b, "-%s", m->actors[t->over].id);
    else if (party >= 0)
        rg_buf_printf(b, "-%s", m->actors[t->parties[party]].id);
}

const char *rg_svg_note_actor(rg_svg_notes *n, const rg_model *m,
                              const rg_actor *a)
{
    rg_buf id = RG_BUF_INIT, cls = RG_BUF_INIT, t = RG_BUF_INIT;
    rg_svg_actor_id(&id, a);
    rg_buf_puts(&cls, "actor");
    if (a->kind >= 0)
        rg_buf_printf(&cls, " kind-%s", m->actor_kinds[a->kind].id);
    /* Its groups, innermost first: the engines that draw no clusters
     * (sfdp, circo, twopi) keep them here. */
    for (int g = a->group; g >= 0; g = m->groups[g].parent)
        rg_buf_printf(&cls, " group-%s", m->groups[g].id);
    rg_buf_puts(&t, rg_actor_name(a));
    if (a->role)
        rg_buf_printf(&t, "\n%s", a->role);
    if (a->kind >= 0)
        rg_buf_printf(&t, "\n(%s)", m->actor_kinds[a->kind].label);
    for (int g = a->group; g >= 0; g = m->groups[g].parent)
        rg_buf_printf(&t, "%s%s", g == a->group ? "\nIn: " : ", ",
                      m->groups[g].name ? m->groups[g].name : m->groups[g].id);
    for (size_t i = 0; m->render.aliases != RG_ALIASES_NONE && i < a->n_aliases; i++)
        rg_buf_printf(&t, "%s%s", i ? ", " : "\nAlso known as: ", a->aliases[i]);
    if (a->note)
        rg_buf_printf(&t, "\n%s", a->note);
    tooltip_sources(&t, m, a->sources, a->n_sources);
    const char *url = a->url ? a->url : first_url(m, a->sources, a->n_sources);
    const char *token = rg_svg_note(n, id.buf, cls.buf, t.buf, url);
    rg_buf_free(&id);
    rg_buf_free(&cls);
    rg_buf_free(&t);
    return token;
}

const char *rg_svg_note_group(rg_svg_notes *n, const rg_group *g)
{
    rg_buf id = RG_BUF_INIT;
    rg_buf_printf(&id, "group-%s", g->id);
    const char *token = rg_svg_note(n, id.buf, "group", g->name ? g->name : g->id,
                                    NULL);
    rg_buf_free(&id);
    return token;
}

/* Tie T's (or its line's to PARTY) id, classes and tooltip. */
static void tie_texts(const rg_model *m, const rg_tie *t, int party, rg_buf *id,
                      rg_buf *cls, rg_buf *tip)
{
    rg_svg_tie_id(id, m, t, party);
    bool over = party >= 0 && (size_t)party == t->n_parties;
    rg_buf_printf(cls, "tie kind-%s%s", m->tie_kinds[t->kind].id, over ? " over" : "");
    const char *status = rg_status_name(t->status);
    if (status)
        rg_buf_printf(cls, " status-%s", status);
    if (!rg_text_tie(tip, m, t) && t->label)
        rg_buf_printf(tip, " \xE2\x80\x94 %s", t->label);
    rg_buf when = RG_BUF_INIT;
    bool dated = rg_text_when(&when, t);
    if (dated || status)
        rg_buf_printf(tip, "\n%s%s%s", when.buf, dated && status ? ", " : "",
                      status ? status : "");
    rg_buf_free(&when);
    if (t->weight)
        rg_buf_printf(tip, "\nweight %d of 5", t->weight);
    if (t->note)
        rg_buf_printf(tip, "\n%s", t->note);
    tooltip_sources(tip, m, t->sources, t->n_sources);
}

const char *rg_svg_note_tie(rg_svg_notes *n, const rg_model *m,
                            const rg_tie *t, int party)
{
    rg_buf id = RG_BUF_INIT, cls = RG_BUF_INIT, tip = RG_BUF_INIT;
    tie_texts(m, t, party, &id, &cls, &tip);
    const char *token = rg_svg_note(n, id.buf, cls.buf, tip.buf,
                                    first_url(m, t->sources, t->n_sources));
    rg_buf_free(&id);
    rg_buf_free(&cls);
    rg_buf_free(&tip);
    return token;
}

void rg_svg_note_bundled(rg_svg_notes *n, const char *token, const rg_model *m,
                         const rg_tie *t)
{
    rg_svg_object *o = &n->items[strtoul(token + 3, NULL, 10)];
    rg_buf id = RG_BUF_INIT, cls = RG_BUF_INIT, tip = RG_BUF_INIT, el = RG_BUF_INIT;
    if (!strstr(o->classes, " bundle"))
        o->classes = rg_arena_printf(n->arena, "%s bundle", o->classes);
    tie_texts(m, t, -1, &id, &cls, &tip);
    if (o->after)
        rg_buf_puts(&el, o->after);
    rg_buf_puts(&el, "<g id=\"");
    rg_esc_xml(&el, id.buf);
    rg_buf_puts(&el, "\" class=\"");
    rg_esc_xml(&el, cls.buf);
    rg_buf_puts(&el, " bundled\" data-bundle=\"");
    rg_esc_xml(&el, o->id);
    rg_buf_puts(&el, "\">\n<title>");
    rg_esc_xml(&el, tip.buf);
    rg_buf_puts(&el, "</title>\n</g>\n");
    o->after = rg_arena_strndup(n->arena, el.buf, el.len);
    rg_buf_free(&id);
    rg_buf_free(&cls);
    rg_buf_free(&tip);
    rg_buf_free(&el);
}

/* ---- applying the notes to Graphviz's SVG ------------------------------------ */

/* The object whose token starts at P ("rgo12\""), or NULL. */
static const rg_svg_object *lookup(const rg_svg_notes *n, const char *p)
{
    if (strncmp(p, "rgo", 3) != 0)
        return NULL;
    char *end;
    unsigned long i = strtoul(p + 3, &end, 10);
    if (end == p + 3 || *end != '"' || i >= n->n)
        return NULL;
    return &n->items[i];
}

static const char *line_end(const char *p, const char *end)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    return nl ? nl + 1 : end;
}

/* V with at most three decimals, no trailing zeros. */
static void number(rg_buf *b, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.3f", v);
    char *e = buf + strlen(buf);
    while (e[-1] == '0')
        *--e = '\0';
    if (e[-1] == '.')
        e[-1] = '\0';
    rg_buf_puts(b, buf);
}

/* Copy the root's tag [P, GT) with the page's size: Graphviz 2.43 writes
 * width and height in whole points, and its scale with two decimals
 * (scale(0.42 0.42) for 0.4153: the drawing would spill off the page), so
 * the scale goes into the viewBox instead, the drawing's own points, and
 * the graph's transform is left scale(1 1). */
static void page_root(rg_buf *b, const char *p, const char *gt,
                      const rg_svg_notes *notes)
{
    static const char *const attrs[] = {"width=\"", "height=\"", "viewBox=\""};
    const char *start = p;
    while (p < gt) {
        /* An attribute starts after white space. */
        size_t k = p > start && (p[-1] == ' ' || p[-1] == '\n') ? 0 : 3;
        while (k < 3 && strncmp(p, attrs[k], strlen(attrs[k])) != 0)
            k++;
        const char *close = k < 3 ? memchr(p + strlen(attrs[k]), '"',
                                           (size_t)(gt - p - strlen(attrs[k])))
                                  : NULL;
        if (!close) {
            rg_buf_putc(b, *p++);
            continue;
        }
        rg_buf_puts(b, attrs[k]);
        if (k == 0 || k == 1) {
            number(b, k == 0 ? notes->page_w : notes->page_h);
            rg_buf_puts(b, "pt");
        } else {
            rg_buf_puts(b, "0 0 ");
            number(b, notes->view_w);
            rg_buf_putc(b, ' ');
            number(b, notes->view_h);
        }
        rg_buf_putc(b, '"');
        p = close + 1;
    }
}

/* The graph's group line [P, EOL) with scale(1 1) for its scale. */
static void page_graph(rg_buf *b, const char *p, const char *eol)
{
    const char *sc = strstr(p, " transform=\"scale(");
    const char *close = sc && sc < eol ? memchr(sc, ')', (size_t)(eol - sc)) : NULL;
    if (!close) {
        rg_buf_add(b, p, (size_t)(eol - p));
        return;
    }
    rg_buf_add(b, p, (size_t)(sc - p));
    rg_buf_puts(b, " transform=\"scale(1 1");
    rg_buf_add(b, close, (size_t)(eol - close));
}

char *rg_svg_finish(const char *svg, size_t len, const rg_svg_notes *notes,
                    size_t *out_len)
{
    rg_buf b = RG_BUF_INIT;
    const char *p = svg, *end = svg + len;
    bool root_done = false;
    const rg_svg_object *open = NULL; /* the linked object being copied */
    const rg_svg_object *after = NULL; /* the object whose end is followed
                                        * by its bundled ties */
    while (p < end) {
        const char *eol = line_end(p, end);
        size_t n = (size_t)(eol - p);
        if (!root_done && strncmp(p, "<svg", 4) == 0) {
            /* The root's tag may span lines: copy up to its '>', then add
             * the document's title and description for assistive tools. */
            const char *gt = memchr(p, '>', (size_t)(end - p));
            if (!gt)
                break;
            if (notes->page_w > 0) {
                page_root(&b, p, gt, notes);
                rg_buf_putc(&b, '>');
            } else {
                rg_buf_add(&b, p, (size_t)(gt + 1 - p));
            }
            rg_buf_puts(&b, "\n<title>");
            rg_esc_xml(&b, notes->title ? notes->title : "");
            rg_buf_puts(&b, "</title>");
            if (notes->desc) {
                char *desc = rg_text_trimmed(notes->desc);
                rg_buf_puts(&b, "\n<desc>");
                rg_esc_xml(&b, desc);
                rg_buf_puts(&b, "</desc>");
                free(desc);
            }
            root_done = true;
            p = gt + 1;
            continue;
        }
        if (strncmp(p, "<g id=\"graph0\"", 14) == 0) {
            /* The graph's own title is its internal name: the document's. */
            if (notes->page_w > 0)
                page_graph(&b, p, eol);
            else
                rg_buf_add(&b, p, n);
            p = eol;
            const char *tl = line_end(p, end);
            if (strncmp(p, "<title>", 7) == 0) {
                rg_buf_puts(&b, "<title>");
                rg_esc_xml(&b, notes->title ? notes->title : "");
                rg_buf_puts(&b, "</title>\n");
                p = tl;
            }
            continue;
        }
        const rg_svg_object *o = strncmp(p, "<g id=\"", 7) == 0 ? lookup(notes, p + 7) : NULL;
        if (o) {
            /* Keep Graphviz's own class (node, edge, cluster) first. */
            const char *cls = strstr(p, "class=\"");
            const char *cls_end = cls && cls < eol ? strchr(cls + 7, '"') : NULL;
            rg_buf_puts(&b, "<g id=\"");
            rg_esc_xml(&b, o->id);
            rg_buf_puts(&b, "\" class=\"");
            if (cls_end && cls_end < eol) {
                rg_buf_add(&b, cls + 7, (size_t)(cls_end - cls - 7));
                rg_buf_putc(&b, ' ');
            }
            rg_esc_xml(&b, o->classes);
            rg_buf_puts(&b, "\">\n");
            p = eol;
            const char *tl = line_end(p, end);
            if (strncmp(p, "<title>", 7) == 0) {
                if (o->title) {
                    rg_buf_puts(&b, "<title>");
                    rg_esc_xml(&b, o->title);
                    rg_buf_puts(&b, "</title>\n");
                }
                p = tl;
            }
            if (o->after)
                after = o;
            if (o->url) {
                rg_buf_puts(&b, "<a xlink:href=\"");
                rg_esc_xml(&b, o->url);
                rg_buf_puts(&b, "\" target=\"_top\">\n");
                open = o;
            }
            continue;
        }
        if (open && strncmp(p, "</g>", 4) == 0) {
            rg_buf_puts(&b, "</a>\n");
            open = NULL;
        }
        rg_buf_add(&b, p, n);
        /* An edge's group holds no other: its first end is its own. */
        if (after && strncmp(p, "</g>", 4) == 0) {
            rg_buf_puts(&b, after->after);
            after = NULL;
        }
        p = eol;
    }
    return rg_buf_detach(&b, out_len);
}
