/*
 * diagram.c - one laid-out diagram, ready for any number of renders: the
 * engine and its settings decided (engine.c), the graph built (build.c),
 * laid out once in a child process (runner.c), then the title and the
 * legend (legend.c) added around the layout and the whole drawn as one
 * with Graphviz's "nop2" engine, which keeps every position it is given.
 * With a page, or `layout: auto` on a small graph, search.c draws several
 * and the best is kept instead.
 * The title goes on after the layout: nop2 then places it above the
 * drawing and the legend together, with no empty band. The drawing's
 * readability (score.c) is measured from the result, for --stats.
 *
 * Graphviz's messages all along are the caller's diagnostics (gvmsg.c).
 * The rg_diagram owns its graph, notes and rendered SVG, and borrows the
 * model it was made from (for the HTML page); the GVC_t is shared by all
 * diagrams (see shared_context).
 */
#include "gv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Graphviz reads the files that some attributes name (image, shapefile,
 * an HTML label's IMG). relgraph never sets them from a data file; this
 * shuts the door behind it. Graphviz's safe mode for web servers makes
 * safefile() refuse every file while GV_FILE_PATH is unset, but it is
 * keyed on the global HTTPServerEnVar, which only the command-line tools
 * set (from $SERVER_NAME, in dotneato_args_initialize): to a library
 * caller like relgraph the environment variable means nothing, so the
 * global itself is set (gv.h declares it weak, so that a Graphviz without
 * it still links); tests/test_hostile.c checks that no file is read. */
static void forbid_files(void)
{
    if (&HTTPServerEnVar)
        HTTPServerEnVar = RG_S("relgraph");
    if (&Gvfilepath)
        Gvfilepath = NULL;
}

/* One Graphviz context for the whole process, never freed: Graphviz 2.43's
 * pango plugin remembers the last font name it measured, a string that the
 * context owns, and would read it after gvFreeContext when the next
 * diagram is laid out. */
static GVC_t *shared_context(void)
{
    static GVC_t *gvc;
    if (!gvc) {
        if (!(gvc = gvContext()))
            rg_oom();
        rg_textcache_install(gvc);
    }
    forbid_files();
    return gvc;
}

bool rg_diagram_finish(GVC_t *gvc, Agraph_t *g, const rg_model *m, rg_conf *c,
                       rg_svg_notes *notes, rg_layout_memo *memo, rg_diags *d)
{
    rg_build_title(g, m, c);
    bool ok = true;
    if (c->labels == RG_LABELS_NOTES)
        rg_notes_onto_lines(g);
    /* Whether the legend goes below is the drawing's shape alone, before
     * the key makes it taller. */
    bool below = rg_legend_below(c, g), joined = false;
    double x1, y1, x2, y2;
    const char *bb = agget(g, RG_S("bb"));
    if (c->labels == RG_LABELS_NOTES && bb &&
        sscanf(bb, "%lf,%lf,%lf,%lf", &x1, &y1, &x2, &y2) == 4) {
        Agraph_t *key = rg_build_notes(m, c, x2 - x1, notes);
        if (key) {
            ok = rg_legend_join(gvc, g, key, true, c, memo, d);
            joined = true;
            agclose(key);
        }
    }
    if (ok && c->legend) {
        Agraph_t *lg = rg_build_legend_at(m, c, below, notes);
        if (lg) {
            /* Below the drawing (and the key), or beside them at the top:
             * as it was built for. */
            ok = rg_legend_join(gvc, g, lg, below, c, memo, d);
            joined = true;
            agclose(lg);
        }
    }
    if (ok && joined) {
        /* nop2 recomputes the box around everything, and places the title
         * above the whole, once: kept, its old place would sit below the
         * room nop2 makes for it. */
        rg_set(g, "bb", "");
        rg_set(g, "lp", "");
    }
    ok = ok && gvLayout(gvc, g, "nop2") == 0;
    if (ok) {
        rg_titles_clear(g);
        rg_labels_clear(g);
        /* The drawing is final (nop2 has put the title on): turn the page
         * to it. */
        boxf box = rg_gv_bb(g);
        rg_page_orient(c, box.UR.x - box.LL.x, box.UR.y - box.LL.y);
    }
    return ok;
}

rg_diagram *rg_diagram_new(const rg_model *m, const rg_options *opt,
                           rg_diags *d)
{
    rg_conf c;
    rg_conf_resolve(&c, m, opt);
    rg_conf_warn(&c, m, d);
    size_t numbered;
    if (c.labels == RG_LABELS_NOTES && (numbered = rg_notes_count(m, &c)) > RG_NOTES_MAX) {
        rg_warning_nomark(d, "edge_labels 'notes' numbers at most %d lines, and this "
                             "drawing has %zu: the ties' labels are left out (they "
                             "stay in the tooltips and the Markdown summary)",
                          RG_NOTES_MAX, numbered);
        c.labels = RG_LABELS_NONE;
    }
    /* Before Graphviz measures any text (relgraph(5), FONTS). The
     * filters' line is the one text the validator has not checked. */
    rg_fonts_warn(d);
    if (opt && opt->only_drawing) {
        if (m->filtered)
            rg_fonts_missing(m->render.font, m->filtered, NULL, 0);
        /* Texts measured with the other fonts would not be these. */
        if (rg_fonts_lean())
            rg_textcache_clear();
    }
    /* The validator looked at the file's theme; the command line's too. */
    if (strcmp(c.theme, m->render.theme) != 0)
        rg_style_look_alike(m, c.theme, d);
    rg_gvmsg_begin(d);
    rg_diagram *dg = rg_xcalloc(1, sizeof *dg);
    dg->gvc = shared_context();
    dg->model = m;
    dg->theme = rg_name_find(&rg_theme_names, c.theme);
    bool ok;
    if (rg_search_wanted(&c, m, opt)) {
        /* Several drawings, the best kept (search.c): laid out, finished. */
        ok = rg_search(dg->gvc, m, &c, opt, d, &dg->g, &dg->notes,
                       &dg->candidates, &c, &dg->score);
        dg->scored = ok;
        if (!dg->notes)
            dg->notes = rg_svg_notes_new();
    } else {
        dg->notes = rg_svg_notes_new();
        dg->notes->title = m->title;
        dg->notes->desc = m->description;
        Agraph_t *built = rg_build_body(m, &c, dg->notes);
        if (rg_layout(dg->gvc, built, &c, c.timeout, d))
            dg->g = built;
        else
            agclose(built);
        /* The texts the layout child measured are not measured again,
         * unless cairo draws them (textcache.c). */
        rg_textcache_sizes_only(opt && opt->no_cairo);
        ok = dg->g != NULL && rg_diagram_finish(dg->gvc, dg->g, m, &c, dg->notes, NULL, d);
        rg_textcache_sizes_only(false);
    }
    /* The page as turned for the drawing kept; scored on it when asked
     * (rg_diagram_stats): a pass of Graphviz's emitter that the outputs
     * do not need. */
    dg->page = c.page;
    dg->page_w = c.page_w;
    dg->page_h = c.page_h;
    if (ok && c.page_w > 0) {
        if (!dg->scored)
            rg_score_graph(dg->g, c.page_w, c.page_h, c.page.max_scale, &dg->score);
        dg->scored = true;
        rg_page_warn_unfit(&c, &dg->score, d);
    }
    bool graphviz_error = rg_gvmsg_end();
    if (!ok || graphviz_error) {
        if (dg->g && !graphviz_error && rg_diags_errors(d) == 0)
            rg_error_nomark(d, "layout with '%s' failed", c.engine);
        rg_diagram_free(dg);
        return NULL;
    }
    return dg;
}

char *rg_diagram_stats(rg_diagram *dg)
{
    if (!dg->scored) {
        rg_score_graph(dg->g, dg->page_w, dg->page_h, dg->page.max_scale, &dg->score);
        dg->scored = true;
    }
    rg_buf b = RG_BUF_INIT;
    rg_score_print(&b, &dg->score);
    return rg_buf_detach(&b, NULL);
}

const char *rg_diagram_candidates(const rg_diagram *dg)
{
    return dg->candidates ? dg->candidates : "";
}

void rg_diagram_free(rg_diagram *dg)
{
    if (!dg)
        return;
    if (dg->g) {
        gvFreeLayout(dg->gvc, dg->g);
        agclose(dg->g);
    }
    rg_svg_notes_free(dg->notes);
    free(dg->candidates);
    free(dg->svg);
    free(dg);
}
