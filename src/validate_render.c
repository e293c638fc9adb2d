/*
 * validate_render.c - the render section of relgraph(5), RENDER: the
 * engine, direction, theme, legend, labels' mode, bundling, seed, font,
 * aliases and the page, each a choice from model.c's tables or a value
 * page.c reads, with its error at the value's line and column.
 */
#include "validate.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const render_keys[] = {"layout", "direction", "theme",
    "legend", "edge_labels", "bundle", "seed", "font", "aliases", "page",
    "orientation", "margin", "dpi", "min_font"};

/* The value of KEY in MAP as the text of a non-null scalar, else NULL
 * (after an error when it is something else). */
static const rg_node *page_scalar(vstate *st, const rg_node *map, const char *key,
                                  const char *expected)
{
    const rg_node *v = rg_map_get(map, key);
    if (v && (v->type != RG_SCALAR || rg_node_is_null(v))) {
        rg_rd_wrong_type(RD, v, key, expected);
        return NULL;
    }
    return v;
}

/* render's page, orientation, margin, dpi and min_font (page.c reads
 * them, with the command line's messages); a margin that leaves no room
 * on the file's page is refused at the margin, or at the page when the
 * margin is the default. */
static void read_page(vstate *st, const rg_node *map)
{
    rg_render_conf *r = &st->m->render;
    int i = rg_rd_enum(RD, map, "orientation", &rg_orientation_names);
    if (i >= 0)
        r->orientation = i;
    const rg_node *page = page_scalar(st, map, "page", "a page");
    const rg_node *margin = page_scalar(st, map, "margin", "a length");
    char *why = NULL;
    bool page_ok = false, margin_ok = false;
    if (page && !(why = rg_page_parse(page->text, &r->page_w, &r->page_h)))
        page_ok = true;
    if (why)
        rg_error(st->d, rg_node_mark(page), "%s", why);
    free(why);
    why = NULL;
    if (margin && !(why = rg_margin_parse(margin->text, &r->margin)))
        margin_ok = r->margin_set = true;
    if (why)
        rg_error(st->d, rg_node_mark(margin), "%s", why);
    free(why);
    if (page_ok && (margin_ok || !margin)) {
        why = rg_page_room(r->page_w, r->page_h,
                           margin_ok ? r->margin : RG_DEFAULT_MARGIN);
        if (why)
            rg_error(st->d, margin_ok ? rg_node_mark(margin) : rg_node_mark(page), "%s", why);
        free(why);
    }
    const rg_node *dpi = page_scalar(st, map, "dpi", RG_DPI_WHAT);
    if (dpi && !(dpi->plain && rg_dpi_parse(dpi->text, &r->dpi)))
        rg_rd_wrong_type(RD, dpi, "dpi", RG_DPI_WHAT);
    const rg_node *font = page_scalar(st, map, "min_font", RG_MIN_FONT_WHAT);
    if (font && !(font->plain && rg_min_font_parse(font->text, &r->min_font)))
        rg_rd_wrong_type(RD, font, "min_font", RG_MIN_FONT_WHAT);
}

/* edge_labels: inline, notes or none; true and false, of files written
 * when it was a switch, are inline and none. */
static void read_labels(vstate *st, const rg_node *map, rg_render_conf *r)
{
    const rg_node *val = rg_map_get(map, "edge_labels");
    bool on;
    if (val && rg_node_bool(val, &on)) {
        r->labels = on ? RG_LABELS_INLINE : RG_LABELS_NONE;
        r->labels_set = true;
        return;
    }
    if (val && (val->type != RG_SCALAR || rg_node_is_null(val))) {
        rg_buf b = RG_BUF_INIT;
        for (size_t i = 0; i < rg_label_names.n; i++)
            rg_buf_printf(&b, "%s%s", i == 0 ? "" : i + 1 < rg_label_names.n ? ", " : " or ",
                          rg_label_names.names[i]);
        rg_rd_wrong_type(RD, val, "edge_labels", b.buf);
        rg_buf_free(&b);
        return;
    }
    int i = rg_rd_enum(RD, map, "edge_labels", &rg_label_names);
    if (i >= 0) {
        r->labels = i;
        r->labels_set = true;
    }
}

void rg_val_render(vstate *st, const rg_node *top)
{
    rg_render_conf *r = &st->m->render;
    r->layout = rg_layout_names.names[RG_LAYOUT_AUTO];
    r->direction = rg_direction_names.names[RG_DIR_LR];
    r->theme = rg_theme_names.names[RG_THEME_LIGHT];
    r->legend = true;
    r->labels = RG_LABELS_INLINE;
    r->bundle = true;
    r->seed = 1;
    r->aliases = RG_ALIASES_TOOLTIP;
    const rg_node *map = rg_map_get(top, "render");
    if (!map || !rg_rd_is_map(RD, map, "'render'"))
        return;
    rg_rd_keys(RD, map, render_keys, LEN(render_keys), "render");
    int i;
    if ((i = rg_rd_enum(RD, map, "layout", &rg_layout_names)) >= 0)
        r->layout = rg_layout_names.names[i];
    if ((i = rg_rd_enum(RD, map, "direction", &rg_direction_names)) >= 0) {
        r->direction = rg_direction_names.names[i];
        r->direction_set = true;
    }
    if ((i = rg_rd_enum(RD, map, "theme", &rg_theme_names)) >= 0)
        r->theme = rg_theme_names.names[i];
    if ((i = rg_rd_enum(RD, map, "font", &rg_font_names)) >= 0)
        r->font = i;
    if ((i = rg_rd_enum(RD, map, "aliases", &rg_alias_names)) >= 0)
        r->aliases = i;
    rg_rd_bool(RD, map, "legend", &r->legend);
    read_labels(st, map, r);
    rg_rd_bool(RD, map, "bundle", &r->bundle);
    const rg_node *seed = rg_map_get(map, "seed");
    long long sv;
    if (seed) {
        if (!rg_node_int(seed, &sv) || sv < 0 || sv > 2147483647LL)
            rg_rd_wrong_type(RD, seed, "seed", "an integer from 0 to 2147483647");
        else
            r->seed = sv;
    }
    read_page(st, map);
}
