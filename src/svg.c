/*
 * svg.c - evidence in the SVG. Graphviz writes each object's group as
 *
 *   <g id="rgo12" class="node">
 *   <title>a3</title>
 *   ...shapes and text...
 *   </g>
 *
 * where "rgo12" is the token build.c gave the object. This pass gives the
 * group its stable id and class names, replaces the title (Graphviz puts
 * the internal node name there) by the tooltip, wraps the content in the
 * object's link, and gives the root the document's <title> and <desc>.
 * Graphviz is given no URL, tooltip or class at all, so none of its
 * version-dependent escaping is involved: every value here is escaped once,
 * by this file, from relgraph's own validated data.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

void rg_xml_putc(rg_buf *b, char c)
{
    switch (c) {
    case '&': rg_buf_puts(b, "&amp;"); break;
    case '<': rg_buf_puts(b, "&lt;"); break;
    case '>': rg_buf_puts(b, "&gt;"); break;
    case '"': rg_buf_puts(b, "&quot;"); break;
    case '\'': rg_buf_puts(b, "&#39;"); break;
    default: rg_buf_putc(b, c);
    }
}

void rg_xml_escape(rg_buf *b, const char *text)
{
    for (const char *p = text; *p; p++)
        rg_xml_putc(b, *p);
}

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
    o->token = rg_arena_printf(n->arena, "rgo%zu", n->n);
    n->n++;
    return o->token;
}

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

char *rg_svg_finish(const char *svg, size_t len, const rg_svg_notes *notes,
                    size_t *out_len)
{
    rg_buf b = {0};
    const char *p = svg, *end = svg + len;
    bool root_done = false;
    const rg_svg_object *open = NULL; /* the linked object being copied */
    while (p < end) {
        const char *eol = line_end(p, end);
        size_t n = (size_t)(eol - p);
        if (!root_done && strncmp(p, "<svg", 4) == 0) {
            /* The root's tag may span lines: copy up to its '>', then add
             * the document's title and description for assistive tools. */
            const char *gt = memchr(p, '>', (size_t)(end - p));
            if (!gt)
                break;
            rg_buf_add(&b, p, (size_t)(gt + 1 - p));
            rg_buf_puts(&b, "\n<title>");
            rg_xml_escape(&b, notes->title ? notes->title : "");
            rg_buf_puts(&b, "</title>");
            if (notes->desc) {
                /* A folded YAML scalar ends in a newline: not part of it. */
                size_t dn = strlen(notes->desc);
                while (dn && (notes->desc[dn - 1] == '\n' || notes->desc[dn - 1] == ' '))
                    dn--;
                char *desc = rg_arena_strndup(notes->arena, notes->desc, dn);
                rg_buf_puts(&b, "\n<desc>");
                rg_xml_escape(&b, desc);
                rg_buf_puts(&b, "</desc>");
            }
            root_done = true;
            p = gt + 1;
            continue;
        }
        if (strncmp(p, "<g id=\"graph0\"", 14) == 0) {
            /* The graph's own title is its internal name: the document's. */
            rg_buf_add(&b, p, n);
            p = eol;
            const char *tl = line_end(p, end);
            if (strncmp(p, "<title>", 7) == 0) {
                rg_buf_puts(&b, "<title>");
                rg_xml_escape(&b, notes->title ? notes->title : "");
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
            rg_xml_escape(&b, o->id);
            rg_buf_puts(&b, "\" class=\"");
            if (cls_end && cls_end < eol) {
                rg_buf_add(&b, cls + 7, (size_t)(cls_end - cls - 7));
                rg_buf_putc(&b, ' ');
            }
            rg_xml_escape(&b, o->classes);
            rg_buf_puts(&b, "\">\n");
            p = eol;
            const char *tl = line_end(p, end);
            if (strncmp(p, "<title>", 7) == 0) {
                if (o->title) {
                    rg_buf_puts(&b, "<title>");
                    rg_xml_escape(&b, o->title);
                    rg_buf_puts(&b, "</title>\n");
                }
                p = tl;
            }
            if (o->url) {
                rg_buf_puts(&b, "<a xlink:href=\"");
                rg_xml_escape(&b, o->url);
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
        p = eol;
    }
    if (!b.buf)
        rg_buf_puts(&b, "");
    *out_len = b.len;
    return b.buf;
}
