/*
 * style.c - how things look: the themes, the colours derived from a
 * kind's, line styles, pale statuses, and the attribute setters every
 * Graphviz-facing file writes with. The drawing (build.c) and the legend
 * (legend.c) draw an actor kind or a tie kind the same way because both
 * style it here.
 *
 * Colours, shapes and styles come from relgraph's own tables and the
 * validated model, never from text in the file.
 */
#include "gv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- themes ------------------------------------------------------------- */

struct rg_theme {
    rg_rgb bg, fg;             /* background, text */
    rg_rgb cluster_pen, cluster_fill, cluster_fill2; /* level 1, nested */
    rg_rgb plain_pen, plain_fill; /* actors without a kind */
    double tint;               /* fills: kind colour mixed toward bg */
    bool mono;                 /* kinds told apart by line and arrow only */
};

/* In the order of rg_theme_names. */
static const rg_theme themes[] = {
    [RG_THEME_LIGHT] = {0xFFFFFF, 0x1A1A1A, 0xB0B0B0, 0xF6F6F6, 0xECECEC,
                        0x666666, 0xF2F2F2, 0.82, false},
    [RG_THEME_DARK] = {0x1E1E1E, 0xEDEDED, 0x5A5A5A, 0x262626, 0x303030,
                       0xAAAAAA, 0x333333, 0.70, false},
    [RG_THEME_MONO] = {0xFFFFFF, 0x000000, 0x808080, 0xFFFFFF, 0xF4F4F4,
                       0x000000, 0xFFFFFF, 1.0, true},
};

const rg_theme *rg_theme_of(const rg_conf *c)
{
    int i = rg_name_find(&rg_theme_names, c->theme);
    return &themes[i < 0 ? RG_THEME_LIGHT : i];
}

/* The screen's sizes: names above roles, labels a little smaller. On a
 * page every text is one size but the title's: the smallest text on A4
 * comes out 1.1 to 1.4 times as large as with the screen's, the spacing,
 * fixed in points, counting for less. Larger still gains little more and
 * leaves the lines and arrowheads thin beside the text. */
static const rg_text_sizes text_screen = {12, 9, 10, 9, 10, 11, 13, 18, 12};
#define RG_PAGE_TEXT 14
static const rg_text_sizes text_page = {
    RG_PAGE_TEXT, RG_PAGE_TEXT, RG_PAGE_TEXT, RG_PAGE_TEXT, RG_PAGE_TEXT,
    RG_PAGE_TEXT, RG_PAGE_TEXT, RG_PAGE_TEXT * 1.5, RG_PAGE_TEXT};

const rg_text_sizes *rg_text_of(const rg_conf *c)
{
    return c->page_w > 0 ? &text_page : &text_screen;
}

/* Line styles: Graphviz style and pen width; "double" is drawn as two
 * parallel strokes (a colour list with an invisible middle). */
static const struct {
    const char *style;
    double pen;
} lines[] = {
    [RG_LINE_SOLID] = {"solid", 1.4},
    [RG_LINE_DASHED] = {"dashed", 1.4},
    [RG_LINE_DOTTED] = {"dotted", 1.8},
    [RG_LINE_BOLD] = {"solid", 3.0},
    [RG_LINE_DOUBLE] = {"solid", 1.2},
};

/* Ties fade when a claim is not established, and their label says so. */
static const struct {
    bool said;         /* the label names the status */
    const char *alpha; /* appended to #RRGGBB */
} statuses[] = {
    [RG_STATUS_NONE] = {false, ""},
    [RG_STATUS_ALLEGED] = {true, "99"},
    [RG_STATUS_CONFIRMED] = {false, ""},
    [RG_STATUS_DENIED] = {true, "66"},
    [RG_STATUS_ENDED] = {true, "66"},
};

const char *rg_style_status_said(rg_status s)
{
    return statuses[s].said ? rg_status_name(s) : NULL;
}

/* ---- attributes ------------------------------------------------------------ */

void rg_set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, RG_S(name), RG_S(value), RG_S(""));
}

void rg_setf(void *obj, const char *name, const char *fmt, ...)
{
    char buf[128];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    rg_set(obj, name, buf);
}

void rg_set_html(void *obj, const char *attr, const char *html)
{
    /* Graphviz refuses an empty HTML-like label (<>), and a NULL value
     * crashes it: no text, no label. */
    if (!html || !*html) {
        rg_set(obj, attr, "");
        return;
    }
    /* agxset shares the string agstrdup_html made, so it stays HTML. */
    Agraph_t *root = agroot(obj);
    char *h = agstrdup_html(root, RG_S(html));
    agsafeset(obj, RG_S(attr), h, RG_S(""));
    agstrfree(root, h);
}

/* ---- colours ------------------------------------------------------------------ */

static void hex(char *buf, rg_rgb c)
{
    snprintf(buf, 8, "#%06X", (unsigned)(c & 0xFFFFFF));
}

static rg_rgb mix(rg_rgb a, rg_rgb b, double t)
{
    rg_rgb out = 0;
    for (int shift = 16; shift >= 0; shift -= 8) {
        double x = (a >> shift) & 0xFF, y = (b >> shift) & 0xFF;
        unsigned v = (unsigned)(x + (y - x) * t + 0.5);
        out |= (rg_rgb)(v > 255 ? 255 : v) << shift;
    }
    return out;
}

/* In the dark theme the palette's black would vanish: use the text colour. */
static rg_rgb ink(const rg_theme *th, rg_rgb c)
{
    if (th->mono)
        return th->fg;
    if (c == 0x000000 && th->bg < 0x808080)
        return th->fg;
    return c;
}

/* A kind's fill: its colour tinted toward the background. */
static rg_rgb tint(const rg_theme *th, rg_rgb c)
{
    return th->mono ? th->plain_fill : mix(c, th->bg, th->tint);
}

/* Text must stay legible on any fill, a user's included: dark text on
 * light fills, light text on dark ones. */
static bool is_light(rg_rgb c)
{
    double r = (c >> 16) & 0xFF, g = (c >> 8) & 0xFF, bl = c & 0xFF;
    return 0.299 * r + 0.587 * g + 0.114 * bl > 140;
}

const char *rg_style_subtle(rg_rgb fill)
{
    return is_light(fill) ? "#555555" : "#B8B8B8";
}

/* ---- kinds a reader cannot tell apart ---------------------------------------- */

/* How a tie kind looks in a theme: its line, its arrowhead as drawn, and
 * its colour (none in mono, where all is black). */
typedef struct look {
    int line, arrow;
    rg_rgb color;
    size_t kind;
} look;

static int by_look(const void *pa, const void *pb)
{
    const look *a = pa, *b = pb;
    int c;
    (void)((c = RG_CMP(a->line, b->line)) || (c = RG_CMP(a->arrow, b->arrow)) ||
           (c = RG_CMP(a->color, b->color)) || (c = RG_CMP(a->kind, b->kind)));
    return c;
}

static const char *line_word(rg_line l)
{
    return l == RG_LINE_DOUBLE ? "double" : rg_line_names.names[l];
}

void rg_style_look_alike(const rg_model *m, const char *theme, rg_diags *d)
{
    int ti = rg_name_find(&rg_theme_names, theme);
    const rg_theme *th = &themes[ti < 0 ? RG_THEME_LIGHT : ti];
    look *ls = rg_xmalloc((m->n_tie_kinds + 1) * sizeof *ls);
    size_t n = 0;
    for (size_t i = 0; i < m->n_tie_kinds; i++) {
        const rg_tie_kind *k = &m->tie_kinds[i];
        if (!k->uses)
            continue;
        ls[n++] = (look){(int)k->line, k->directed ? (int)k->arrow : (int)RG_ARROW_NONE,
                         th->mono ? 0 : ink(th, k->color), i};
    }
    qsort(ls, n, sizeof *ls, by_look);
    const char *tname = rg_theme_names.names[ti < 0 ? RG_THEME_LIGHT : ti];
    for (size_t first = 0, i = 1; i < n; i++) {
        const look *a = &ls[first], *b = &ls[i];
        if (a->line != b->line || a->arrow != b->arrow || a->color != b->color) {
            first = i;
            continue;
        }
        const rg_tie_kind *ka = &m->tie_kinds[a->kind], *kb = &m->tie_kinds[b->kind];
        const rg_tie_kind *at = kb->defined ? kb : ka->defined ? ka : NULL;
        char what[96];
        snprintf(what, sizeof what, "%s lines, %s%s%s", line_word(kb->line),
                 b->arrow == RG_ARROW_NONE ? "no" : rg_arrow_names.names[b->arrow],
                 " arrowheads", th->mono ? "" : ", one colour");
        const char *fmt = "tie kinds '%s' and '%s' look the same in theme '%s' (%s): "
                          "give one of them another 'line' or 'arrow'";
        if (at)
            rg_warning(d, at->mark, fmt, ka->id, kb->id, tname, what);
        else
            rg_warning_nomark(d, fmt, ka->id, kb->id, tname, what);
    }
    free(ls);
}

/* ---- objects ------------------------------------------------------------------- */

void rg_style_background(const rg_theme *th, char out[8])
{
    hex(out, th->bg);
}

void rg_style_defaults(Agraph_t *g, const rg_theme *th, const rg_conf *c)
{
    const char *face = rg_font_face(c->font);
    const rg_text_sizes *ts = rg_text_of(c);
    char name[16], tie[16];
    snprintf(name, sizeof name, "%g", ts->name);
    snprintf(tie, sizeof tie, "%g", ts->tie);
    char fg[8], bg[8];
    hex(fg, th->fg);
    hex(bg, th->bg);
    agattr(g, AGRAPH, RG_S("fontname"), RG_S(face));
    agattr(g, AGRAPH, RG_S("fontcolor"), RG_S(fg));
    agattr(g, AGRAPH, RG_S("bgcolor"), RG_S(bg));
    agattr(g, AGNODE, RG_S("fontname"), RG_S(face));
    agattr(g, AGNODE, RG_S("fontsize"), name);
    agattr(g, AGNODE, RG_S("fontcolor"), RG_S(fg));
    agattr(g, AGEDGE, RG_S("fontname"), RG_S(face));
    agattr(g, AGEDGE, RG_S("fontsize"), tie);
    agattr(g, AGEDGE, RG_S("fontcolor"), RG_S(fg));
    agattr(g, AGEDGE, RG_S("arrowsize"), RG_S("0.8"));
}

rg_rgb rg_style_actor(Agnode_t *n, const rg_theme *th, const rg_actor_kind *k)
{
    char pen[8], fill[8], text[8];
    rg_rgb f;
    if (!k) {
        hex(pen, th->plain_pen);
        f = th->plain_fill;
        rg_set(n, "shape", "box");
        rg_set(n, "style", "rounded,filled");
    } else {
        hex(pen, ink(th, k->color));
        f = th->mono ? th->plain_fill : k->has_fill ? k->fill : tint(th, k->color);
        rg_set(n, "shape", k->shape);
        rg_set(n, "style", "filled");
    }
    hex(fill, f);
    hex(text, is_light(f) ? 0x1A1A1A : 0xEDEDED);
    rg_set(n, "color", pen);
    rg_set(n, "fillcolor", fill);
    rg_set(n, "fontcolor", text);
    rg_set(n, "penwidth", "1.4");
    /* Graphviz draws an ellipse through the corners of the label's box,
     * the margin included: the curve already leaves room beside the
     * text, and a box's margin would make it a sixth wider. */
    bool ellipse = k && strcmp(k->shape, "ellipse") == 0;
    rg_set(n, "margin", ellipse ? "0.05,0.02" : "0.12,0.06");
    return f;
}

void rg_style_tie(void *obj, const rg_theme *th, const rg_tie_kind *k,
                  rg_status status, int weight)
{
    char col[8], buf[64];
    hex(col, ink(th, k->color));
    const char *alpha = statuses[status].alpha;
    if (k->line == RG_LINE_DOUBLE)
        snprintf(buf, sizeof buf, "%s%s:invis:%s%s", col, alpha, col, alpha);
    else
        snprintf(buf, sizeof buf, "%s%s", col, alpha);
    rg_set(obj, "color", buf);
    rg_set(obj, "style", lines[k->line].style);
    double pen = lines[k->line].pen;
    if (weight > 0)
        pen = pen * weight / 2.0 < 0.7 ? 0.7 : pen * weight / 2.0;
    rg_setf(obj, "penwidth", "%.2f", pen);
}

void rg_style_over(Agedge_t *e, const rg_theme *th, const rg_tie_kind *k,
                   rg_status status)
{
    char col[8], buf[16];
    hex(col, ink(th, k->color));
    snprintf(buf, sizeof buf, "%s%s", col, statuses[status].alpha);
    rg_set(e, "color", buf);
    rg_set(e, "style", "dotted");
    rg_set(e, "penwidth", "1.2");
    rg_set(e, "arrowhead", "odiamond");
    rg_set(e, "dir", "forward");
}

void rg_style_junction(Agnode_t *j, const rg_theme *th, const rg_tie_kind *k)
{
    char col[8], fill[8];
    hex(col, ink(th, k->color));
    hex(fill, tint(th, k->color));
    rg_set(j, "color", col);
    rg_set(j, "fillcolor", fill);
}

void rg_style_box(Agraph_t *sg, const rg_theme *th, int depth, double size)
{
    char pen[8], fill[8];
    hex(pen, th->cluster_pen);
    hex(fill, depth < 0 ? th->bg : depth % 2 ? th->cluster_fill2 : th->cluster_fill);
    rg_set(sg, "style", "rounded,filled");
    rg_set(sg, "color", pen);
    rg_set(sg, "fillcolor", fill);
    rg_set(sg, "labeljust", "l");
    rg_setf(sg, "fontsize", "%g", size);
}
