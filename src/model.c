/*
 * model.c - what the model is made of, apart from any file: the one table
 * of names for each set of choices (relgraph(5) and relgraph(1) list the
 * same, and tests/test_names.c holds them to it), the built-in kinds,
 * dates, and the model's release.
 *
 * Every other file, the usage text and the error messages read names from
 * these tables; none spells them out again.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LEN(a) (sizeof(a) / sizeof((a)[0]))
#define NAMES(var, what, ...)                                              \
    static const char *const var##_list[] = {__VA_ARGS__};               \
    const rg_names var = {what, var##_list, LEN(var##_list)}

/* ---- names -------------------------------------------------------------- */

/* In the order of enum rg_status, less RG_STATUS_NONE. */
NAMES(rg_status_names, "a status", "alleged", "confirmed", "denied", "ended");
/* In the order of enum rg_line; "double" is the built-in allied's only. */
NAMES(rg_line_names, "a line style", "solid", "dashed", "dotted", "bold");
/* In the order of enum rg_arrow. They are Graphviz's arrowhead names too. */
NAMES(rg_arrow_names, "an arrowhead", "normal", "vee", "tee", "dot",
      "diamond", "none");
/* Graphviz shape names: relgraph offers these. */
NAMES(rg_shape_names, "a shape", "box", "ellipse", "circle", "diamond",
      "hexagon", "octagon", "house", "note", "tab", "folder", "cylinder",
      "box3d");
NAMES(rg_layout_names, "a layout", "dot", "neato", "fdp", "sfdp", "circo",
      "twopi", "auto");
NAMES(rg_direction_names, "a direction", "TB", "LR", "BT", "RL");
/* In the order of style.c's themes. */
NAMES(rg_theme_names, "a theme", "light", "dark", "mono");
/* relgraph(5), FONTS: in the order of fonts.c's faces. */
NAMES(rg_font_names, "a font", "sans", "serif", "mono");
/* relgraph(5), RENDER: where an actor's aliases are shown. */
NAMES(rg_alias_names, "an aliases setting", "none", "tooltip", "below");
/* relgraph(5), RENDER: how the ties' labels are drawn; in the order of
 * RG_LABELS_INLINE, _NOTES, _NONE. */
NAMES(rg_label_names, "an edge_labels setting", "inline", "notes", "none");
/* Output formats and file extensions, in the order of enum rg_format. */
NAMES(rg_format_names, "a format", "svg", "png", "pdf", "dot", "gv", "json",
      "md", "html", "graphml", "gexf");

/* relgraph(1), PAGE SIZES: the named sheets (page.c has their sizes, index
 * for index), the orientations, and the units of a length. */
NAMES(rg_page_names, "a page", "A4", "A5", "A3", "letter", "legal", "tabloid");
NAMES(rg_orientation_names, "an orientation", "auto", "portrait", "landscape");
NAMES(rg_unit_names, "a unit", "in", "cm", "mm", "pt");

/* Okabe-Ito: distinguishable with every common colour-vision deficiency.
 * The names and their colours, index for index. */
NAMES(rg_color_names, "a colour", "black", "orange", "skyblue", "green",
      "yellow", "blue", "vermillion", "purple", "gray");
const rg_rgb rg_palette_rgb[] = {
    0x000000, 0xE69F00, 0x56B4E9, 0x009E73, 0xF0E442,
    0x0072B2, 0xD55E00, 0xCC79A7, 0x999999,
};
_Static_assert(LEN(rg_palette_rgb) == LEN(rg_color_names_list),
               "a colour for every palette name");

int rg_name_find(const rg_names *t, const char *name)
{
    for (size_t i = 0; i < t->n; i++)
        if (strcmp(t->names[i], name) == 0)
            return (int)i;
    return -1;
}

void rg_names_join(rg_buf *b, const rg_names *t, const char *sep)
{
    for (size_t i = 0; i < t->n; i++)
        rg_buf_printf(b, "%s%s", i ? sep : "", t->names[i]);
}

const char *rg_status_name(rg_status s)
{
    return s == RG_STATUS_NONE ? NULL : rg_status_names.names[s - 1];
}

/* ---- built-in kinds ----------------------------------------------------- */

/* Each tie kind has its own colour and its own line or arrowhead, so that
 * kinds stay apart in grayscale too (relgraph(5), KINDS). */
#define TIE(i, l, dir, c, ln, ar) \
    {.id = i, .label = l, .directed = dir, .color = c, .line = ln, .arrow = ar}
#define ACTOR(i, l, sh, c) {.id = i, .label = l, .shape = sh, .color = c}

const rg_tie_kind rg_builtin_ties[] = {
    TIE("talks", "holds talks with", false, 0x0072B2, RG_LINE_BOLD, RG_ARROW_NONE),
    TIE("accuses", "accuses", true, 0xD55E00, RG_LINE_DASHED, RG_ARROW_VEE),
    TIE("custody", "holds in custody", true, 0x000000, RG_LINE_SOLID, RG_ARROW_DIAMOND),
    TIE("demands", "demands of", true, 0xE69F00, RG_LINE_DASHED, RG_ARROW_NORMAL),
    TIE("proposes", "proposes to", true, 0x009E73, RG_LINE_DOTTED, RG_ARROW_NORMAL),
    TIE("supports", "supports", true, 0x56B4E9, RG_LINE_SOLID, RG_ARROW_NORMAL),
    TIE("opposes", "opposes", true, 0xCC79A7, RG_LINE_BOLD, RG_ARROW_TEE),
    TIE("allied", "allied with", false, 0x009E73, RG_LINE_DOUBLE, RG_ARROW_NONE),
    TIE("represents", "represents", true, 0x999999, RG_LINE_DOTTED, RG_ARROW_DOT),
    TIE("hosts", "hosts", true, 0x0072B2, RG_LINE_SOLID, RG_ARROW_VEE),
    TIE("disputes", "disputes", false, 0xCC79A7, RG_LINE_DASHED, RG_ARROW_NONE),
};
const size_t rg_builtin_ties_len = LEN(rg_builtin_ties);

const rg_actor_kind rg_builtin_actors[] = {
    ACTOR("person", "person", "ellipse", 0x0072B2),
    ACTOR("country", "country", "box", 0x000000),
    ACTOR("organization", "organization", "box3d", 0x009E73),
    ACTOR("group", "armed or non-state group", "hexagon", 0xD55E00),
    ACTOR("media", "media", "note", 0xCC79A7),
    ACTOR("event", "event", "octagon", 0xE69F00),
};
const size_t rg_builtin_actors_len = LEN(rg_builtin_actors);

/* ---- dates (relgraph(5), DATES) ------------------------------------------ */

static int days_in_month(int y, int m)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return days[m - 1];
}

static bool digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

const char *rg_date_parse(const char *s, size_t n, rg_date *out)
{
    rg_date d = {0, 0, 0};
    bool shape = (n == 4 || n == 7 || n == 10) && digits(s, 4) &&
                 (n < 7 || (s[4] == '-' && digits(s + 5, 2))) &&
                 (n < 10 || (s[7] == '-' && digits(s + 8, 2)));
    if (!shape)
        return "expected YYYY, YYYY-MM or YYYY-MM-DD";
    d.year = atoi(s);
    if (n >= 7)
        d.month = (s[5] - '0') * 10 + (s[6] - '0');
    if (n == 10)
        d.day = (s[8] - '0') * 10 + (s[9] - '0');
    if (d.year < 1)
        return "no such year";
    if (n >= 7 && (d.month < 1 || d.month > 12))
        return "no such month";
    if (n == 10 && (d.day < 1 || d.day > days_in_month(d.year, d.month)))
        return "no such day";
    *out = d;
    return NULL;
}

long rg_date_first(rg_date d)
{
    return (long)d.year * 10000 + (d.month ? d.month : 1) * 100 +
           (d.day ? d.day : 1);
}

long rg_date_last(rg_date d)
{
    int m = d.month ? d.month : 12;
    return (long)d.year * 10000 + m * 100 +
           (d.day ? d.day : days_in_month(d.year, m));
}

int rg_date_cmp_start(rg_date a, rg_date b)
{
    long x = rg_date_first(a), y = rg_date_first(b);
    return x < y ? -1 : x > y;
}

int rg_date_cmp_end(rg_date a, rg_date b)
{
    long x = rg_date_last(a), y = rg_date_last(b);
    return x < y ? -1 : x > y;
}

void rg_date_format(rg_date d, char *buf)
{
    if (d.day)
        snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)d.year % 10000u,
                 (unsigned)d.month % 100u, (unsigned)d.day % 100u);
    else if (d.month)
        snprintf(buf, 11, "%04u-%02u", (unsigned)d.year % 10000u,
                 (unsigned)d.month % 100u);
    else
        snprintf(buf, 11, "%04u", (unsigned)d.year % 10000u);
}

/* ---- the model ------------------------------------------------------------ */

const char *rg_actor_name(const rg_actor *a)
{
    return a->name ? a->name : a->id;
}

void rg_model_free(rg_model *m)
{
    if (!m)
        return;
    rg_arena_free(m->arena);
    rg_arena_free(m->strings);
    free(m);
}

bool rg_tie_days(const rg_tie *t, long *first, long *last)
{
    if (t->has_date) {
        *first = rg_date_first(t->date);
        *last = rg_date_last(t->date);
    } else if (t->has_start || t->has_end) {
        *first = rg_date_first(t->has_start ? t->start : t->end);
        *last = t->has_end ? rg_date_last(t->end) : *first;
    } else {
        return false;
    }
    return true;
}

static const rg_tie *sort_ties;

static int reading_order(const void *pa, const void *pb)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    long fa = 0, la = 0, fb = 0, lb = 0;
    bool da = rg_tie_days(&sort_ties[a], &fa, &la), db = rg_tie_days(&sort_ties[b], &fb, &lb);
    int c;
    /* Dated ties first, by first day, then last day; then file order. */
    (void)((c = RG_CMP(db, da)) || (da && ((c = RG_CMP(fa, fb)) || (c = RG_CMP(la, lb)))) ||
           (c = RG_CMP(a, b)));
    return c;
}

void rg_tie_order(const rg_tie *ties, size_t *idx, size_t n)
{
    sort_ties = ties;
    qsort(idx, n, sizeof *idx, reading_order);
}
