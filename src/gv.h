/*
 * gv.h - the Graphviz-facing part of relgraph: building the cgraph graph
 * (build.c) and laying it out and rendering it (render.c). Differences
 * between Graphviz versions stay in these files and this header.
 */
#ifndef RG_GV_H
#define RG_GV_H

#include "internal.h"

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

/* Graphviz 2.x takes char * where later versions take const char *. */
#define RG_S(s) ((char *)(s))

/* The font every label uses; `make deps` installs it. */
#define RG_FONT "DejaVu Sans"

/* Render settings after the command line has overridden the file. */
typedef struct rg_conf {
    const char *engine;    /* a real engine: never "auto" */
    const char *direction;
    const char *theme;
    bool legend, edge_labels;
    long long seed;
} rg_conf;

/* Resolve OPT over the file's render section; "auto" picks an engine. */
void rg_conf_resolve(rg_conf *c, const rg_model *m, const rg_options *opt);
/* The engine "auto" picks for M. */
const char *rg_auto_engine(const rg_model *m);
/* Warn in D when C's engine is dot and M is larger than auto would give
 * dot: how long it may take, and what to use instead. */
void rg_conf_warn(const rg_conf *c, const rg_model *m, rg_diags *d);

/* The diagram of M. Owned by the caller: agclose(). Node, edge and
 * cluster names are relgraph's own (a0, t3, j2, cluster_g1), never text
 * from the file. */
Agraph_t *rg_build_graph(const rg_model *m, const rg_conf *c);
/* The same, recording each actor's, tie's and group's SVG id, classes,
 * tooltip and link in NOTES (svg.c applies them to the SVG). */
Agraph_t *rg_build_graph_noted(const rg_model *m, const rg_conf *c,
                               rg_svg_notes *notes);
/* The legend for the kinds M uses, as a graph of its own to be laid out
 * with dot; NULL when there is nothing to explain. Owned by the caller. */
Agraph_t *rg_build_legend(const rg_model *m, const rg_conf *c);
Agraph_t *rg_build_legend_noted(const rg_model *m, const rg_conf *c,
                                rg_svg_notes *notes);

/* The cgraph discipline graphs are built and read back with: objects are
 * numbered in creation order, so clusters keep their order whatever the
 * heap's addresses (cgraph's default numbers them by address). */
Agdisc_t *rg_build_disc(void);

/* Escaping for the two label languages (results appended to B). */
void rg_html_escape(rg_buf *b, const char *text);  /* HTML-like labels */
void rg_plain_escape(rg_buf *b, const char *text); /* escString labels */

/* Set an HTML-like label. */
void rg_set_html(void *obj, const char *attr, const char *html);

#endif
