/*
 * diagram.c - one laid-out diagram, ready for any number of renders: the
 * engine and its settings decided (engine.c), the graph built (build.c),
 * laid out once in a child process (runner.c), then the title and the
 * legend (legend.c) added around the layout and the whole drawn as one
 * with Graphviz's "nop2" engine, which keeps every position it is given.
 * With a page, or `layout: auto` on a small graph, search.c draws several
 * and the best is kept instead.
 * The title goes on after the layout: nop2 then places it above the
 * drawing and the legend together, with no empty band.
 *
 * Graphviz's messages all along are the caller's diagnostics (gvmsg.c).
 * The rg_diagram owns its graph, notes and rendered SVG, and borrows the
 * model it was made from (for the HTML page); the GVC_t is shared by all
 * diagrams (see shared_context).
 */
#include "gv.h"

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
    if (!gvc && !(gvc = gvContext()))
        rg_oom();
    forbid_files();
    return gvc;
}

bool rg_diagram_finish(GVC_t *gvc, Agraph_t *g, const rg_model *m,
                       const rg_conf *c, rg_svg_notes *notes)
{
    rg_build_title(g, m);
    bool ok = true;
    if (c->legend) {
        Agraph_t *lg = rg_build_legend_noted(m, c, notes);
        if (lg) {
            ok = rg_legend_join(gvc, g, lg, c);
            agclose(lg);
        }
    }
    return ok && gvLayout(gvc, g, "nop2") == 0;
}

rg_diagram *rg_diagram_new(const rg_model *m, const rg_options *opt,
                           rg_diags *d)
{
    rg_conf c;
    rg_conf_resolve(&c, m, opt);
    rg_conf_warn(&c, m, d);
    /* Before Graphviz measures any text (relgraph(5), FONTS). */
    rg_fonts_warn(d);
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
                       &dg->candidates);
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
        ok = dg->g != NULL && rg_diagram_finish(dg->gvc, dg->g, m, &c, dg->notes);
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
