/*
 * engine.c - which layout engine draws a model, and with what settings:
 * the command line over the file's `render`, `layout: auto` by the size of
 * the graph, the force-directed engines' overlap removal and line routing
 * by size, and the second try when the first fails. All of it is decided
 * here, once, into an rg_conf that the builder and the layout stage read;
 * rg_engine_set is the one place that writes it into a graph.
 */
#include "gv.h"

#include <math.h>
#include <string.h>

/* layout: auto, by the size of the graph. dot draws the most legible
 * diagrams of small graphs, but its time grows with about the fourth power
 * of the size, and its drawings with the square: on bench/gen.py files
 * (1.5 ties per actor, groups, tie labels) it took 0.1 s at 100 actors,
 * 0.35 s at 150, 2.7 s at 300, 24 s at 500 and over 300 s at 1,000, where
 * sfdp took 0.07, 0.11, 0.22, 0.38 and 1.5 s; and past about 120 actors
 * dot's drawing is wider than 100 megapixels allow a PNG (render.c). So
 * dot up to the first row's size, sfdp beyond. Past the second row, tie
 * labels are left off unless the file or the command line asks for them:
 * placing 30,000 of them took sfdp 48 s of a 20,000-actor graph's 53, and
 * nobody reads them at that size (they stay in the SVG's tooltips and in
 * the Markdown). README, "Performance", has the measurements. */
static const struct auto_rule {
    size_t max_nodes, max_edges;
    int layout;
    bool labels;
} auto_rules[] = {
    {120, 240, RG_LAYOUT_DOT, true},
    {2000, 4000, RG_LAYOUT_SFDP, true},
    {SIZE_MAX, SIZE_MAX, RG_LAYOUT_SFDP, false},
};

/* What dot may cost beyond auto's limit, for the warning when a file or
 * -K asks for it anyway (the same measurements, rounded up), and at most
 * how many seconds that is: the warning says when that is longer than
 * the timeout in use. */
static const struct dot_cost {
    size_t max_nodes;
    double seconds;
    const char *time; /* NULL: no telling, only that it is long */
} dot_costs[] = {
    {300, 10, "a few seconds"},
    {500, 60, "up to a minute"},
    {800, 600, "several minutes"},
    {SIZE_MAX, HUGE_VAL, NULL},
};

/* The force-directed engines, by the size of the graph. Lines routed
 * around the nodes (splines=true) cost a visibility graph of every node's
 * outline, which grows with the cube of the nodes: sfdp on bench/gen.py
 * graphs with curved lines and straight ones took 0.27 s / 0.12 s at 10
 * actors, 1.1 / 0.20 at 30, 5.3 / 0.28 at 50, 35 / 0.62 at 100 (neato as
 * long); past the first row the lines are straight (ties between the same
 * two actors still fan out). Removing node overlaps (Prism) took most of
 * a large layout: at 20,000 actors, 91 s with its default 1,000 passes,
 * 48 s with 10 (its drawing a tenth smaller), and with tie labels off, 18 s,
 * or 13 s with sfdp's faster quadtree; so the third row. At 100,000 actors
 * those 10 passes took 133 s, and the scaling that precedes them alone
 * (prism0) 73 s: the last row trades a few overlaps left in a drawing
 * nobody reads node by node for a layout within the default timeout. */
static const struct spring_rule {
    size_t max_nodes;
    const char *splines, *overlap, *quadtree;
} spring_rules[] = {
    {30, "true", "false", NULL},
    {2000, "false", "false", NULL},
    {30000, "false", "prism10", "fast"},
    {SIZE_MAX, "false", "prism0", "fast"},
};

/* The engines that draw groups as clusters, boxes that hold their members
 * and nothing else. Graphviz 2.43's dot and fdp do; neato draws the
 * outermost clusters but does not keep them apart (on the seed story with
 * -K neato, 5 boxes overlapping each other and 12 actors inside boxes of
 * groups they are not in), so it draws none: a wrong box says something
 * false, a missing one only says less (rg_conf_warn tells). sfdp, circo
 * and twopi ignore clusters, and there a cluster only costs: freeing a
 * layout visits every cluster for every node (9 s of a 20,000-actor
 * graph's 30 in 800 groups). */
static const bool draws_clusters[] = {
    [RG_LAYOUT_DOT] = true, [RG_LAYOUT_FDP] = true,
};

/* The nodes and edges of M's graph: a junction is a node, with an edge
 * per party; ties bundled into one line (BUNDLE, bundle.c) one edge. */
static void graph_size(const rg_model *m, bool bundle, size_t *nodes,
                       size_t *edges)
{
    rg_bundles bs;
    rg_bundles_make(&bs, m, bundle);
    *nodes = m->n_actors;
    *edges = 0;
    for (size_t i = 0; i < m->n_ties; i++) {
        if (m->ties[i].multi || m->ties[i].over >= 0) {
            ++*nodes;
            *edges += m->ties[i].n_parties + (m->ties[i].over >= 0);
        } else {
            *edges += bs.head[i] == (int)i;
        }
    }
    rg_bundles_free(&bs);
}

static const struct auto_rule *auto_rule(size_t nodes, size_t edges)
{
    size_t i = 0;
    while (nodes > auto_rules[i].max_nodes || edges > auto_rules[i].max_edges)
        i++;
    return &auto_rules[i];
}

const char *rg_auto_engine(const rg_model *m)
{
    size_t nodes, edges;
    graph_size(m, m->render.bundle, &nodes, &edges);
    return rg_layout_names.names[auto_rule(nodes, edges)->layout];
}

/* How many actors are in a group: the groups a drawing has to show. */
static size_t grouped_actors(const rg_model *m)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n_actors; i++)
        n += m->actors[i].group >= 0;
    return n;
}

void rg_conf_warn(const rg_conf *c, const rg_model *m, rg_diags *d)
{
    /* layout auto picks sfdp for graphs too large for dot, groups or
     * not, and says so in relgraph(5); a layout asked for by name is
     * told what it loses. */
    size_t grouped;
    if (!c->clusters && !c->auto_chosen && (grouped = grouped_actors(m)) > 0)
        rg_warning_nomark(d, "layout '%s' cannot draw groups as boxes holding only "
                             "their members, so the groups of %zu actor%s are drawn "
                             "without boxes; layout 'dot' or 'fdp' draws them",
                          c->engine, grouped, grouped == 1 ? "" : "s");
    if (c->layout != RG_LAYOUT_DOT || (c->nodes <= auto_rules[0].max_nodes &&
                                       c->edges <= auto_rules[0].max_edges))
        return;
    size_t i = 0;
    while (c->nodes > dot_costs[i].max_nodes)
        i++;
    const struct dot_cost *cost = &dot_costs[i];
    rg_buf t = RG_BUF_INIT;
    if (cost->time)
        rg_buf_puts(&t, cost->time);
    if (cost->seconds > c->timeout)
        rg_buf_printf(&t, "%slonger than the %stimeout of %g s", cost->time ? ", " : "",
                      c->timeout_given ? "" : "default ", c->timeout);
    rg_warning_nomark(d, "layout 'dot' on a graph of %zu nodes and %zu edges "
                         "may take %s, and draws it very large; layout 'auto' "
                         "(or -K sfdp) lays it out in seconds",
                      c->nodes, c->edges, t.buf);
    rg_buf_free(&t);
}

void rg_conf_set_layout(rg_conf *c, int layout)
{
    c->layout = layout;
    c->engine = rg_layout_names.names[c->layout];
    c->splines = c->overlap = c->quadtree = NULL;
    c->clusters = (size_t)c->layout < sizeof draws_clusters / sizeof draws_clusters[0] &&
                  draws_clusters[c->layout];
    if (c->layout != RG_LAYOUT_DOT) {
        size_t i = 0;
        while (c->nodes > spring_rules[i].max_nodes)
            i++;
        c->splines = spring_rules[i].splines;
        c->overlap = spring_rules[i].overlap;
        c->quadtree = c->layout == RG_LAYOUT_SFDP ? spring_rules[i].quadtree : NULL;
        /* circo removes no overlaps, so lines routed around the nodes
         * find some touching (a junction box beside an actor), and
         * Graphviz falls back to straight lines with a warning (on
         * data/every-feature.yaml once it had a dispute): straight from
         * the start. */
        if (c->layout == RG_LAYOUT_CIRCO)
            c->splines = "false";
    }
}

void rg_conf_resolve(rg_conf *c, const rg_model *m, const rg_options *opt)
{
    const rg_render_conf *r = &m->render;
    memset(c, 0, sizeof *c);
    c->bundle = opt && opt->bundle >= 0 ? opt->bundle != 0 : r->bundle;
    /* The graph's size is counted once: it walks every tie. */
    graph_size(m, c->bundle, &c->nodes, &c->edges);
    const char *layout = opt && opt->layout ? opt->layout : r->layout;
    int asked = rg_name_find(&rg_layout_names, layout);
    const struct auto_rule *rule =
        asked == RG_LAYOUT_AUTO ? auto_rule(c->nodes, c->edges) : NULL;
    rg_conf_set_layout(c, rule ? rule->layout : asked < 0 ? RG_LAYOUT_DOT : asked);
    c->auto_chosen = rule != NULL;
    c->direction = opt && opt->direction ? opt->direction : r->direction;
    c->theme = opt && opt->theme ? opt->theme : r->theme;
    c->legend = opt && opt->legend >= 0 ? opt->legend != 0 : r->legend;
    if (opt && opt->labels >= 0)
        c->labels = opt->labels;
    else if (rule && !r->labels_set && !rule->labels)
        c->labels = RG_LABELS_NONE;
    else
        c->labels = r->labels;
    c->seed = r->seed;
    c->font = r->font;
    c->timeout_given = opt && opt->timeout > 0;
    c->timeout = c->timeout_given ? opt->timeout : RG_DEFAULT_TIMEOUT;
    rg_page_resolve(c, m, opt);
}

/* dot ranks the clusters one by one, then merges them; on some graphs of
 * about a hundred actors in groups or more, that fails ("trouble in
 * init_rank", edges lost). Ranking the whole graph at once (newrank) never
 * failed on those (bench/gen.py files of 100 to 300 actors: 13 of 21
 * failed without it), but draws small graphs less well: so it is the
 * second try, within what is left of the time. The other engines' routing
 * of lines around the nodes (splines=true) fails an assertion on some
 * graphs (fdp, ties between the same two actors and groups:
 * "multispline.c: findMap"), and crashes the layout: their second try has
 * straight lines. */
bool rg_conf_retry(const rg_conf *c, rg_conf *retry)
{
    *retry = *c;
    if (c->layout == RG_LAYOUT_DOT && !c->newrank) {
        retry->newrank = true;
        return true;
    }
    if (c->splines && strcmp(c->splines, "true") == 0) {
        retry->splines = "false";
        return true;
    }
    return false;
}

void rg_engine_set(Agraph_t *g, const rg_conf *c)
{
    if (c->layout == RG_LAYOUT_DOT) {
        rg_set(g, "rankdir", c->direction);
        /* The search's spacings (search.c); 0: these. */
        if (c->nodesep > 0)
            rg_setf(g, "nodesep", "%g", c->nodesep);
        else
            rg_set(g, "nodesep", "0.35");
        if (c->ranksep > 0)
            rg_setf(g, "ranksep", "%g", c->ranksep);
        else
            rg_set(g, "ranksep", "0.55");
        if (c->newrank)
            rg_set(g, "newrank", "true");
        if (c->mclimit > 0)
            rg_setf(g, "mclimit", "%g", c->mclimit);
        return;
    }
    rg_set(g, "overlap", c->overlap);
    rg_set(g, "sep", "+12");
    rg_set(g, "splines", c->splines);
    if (c->quadtree)
        rg_set(g, "quadtree", c->quadtree);
    rg_setf(g, "start", "%lld", c->seed);
}
