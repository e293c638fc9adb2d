/*
 * gv.h - what the Graphviz-facing stages share: engine.c, page.c,
 * style.c, build.c, legend.c, layout.c, gvmsg.c, diagram.c, render.c,
 * geometry.c, titles.c, textcache.c and score.c. The
 * differences between Graphviz versions are all here, in the first
 * section: nowhere else does the code ask which Graphviz it has.
 */
#ifndef RG_GV_H
#define RG_GV_H

#include "internal.h"

#include <stdio.h>
#include <sys/types.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>
#include <graphviz/graphviz_version.h>

/* ---- Graphviz versions ---------------------------------------------------- */

/* Graphviz 2.x takes char * where later versions take const char *. */
#define RG_S(s) ((char *)(s))

/* gvRenderData's length became size_t in Graphviz 3. */
#if defined(GRAPHVIZ_VERSION_MAJOR) && GRAPHVIZ_VERSION_MAJOR >= 3
typedef size_t rg_gvlen;
#else
typedef unsigned int rg_gvlen;
#endif

/* Weak, so that a Graphviz without them still links; each user checks
 * that the symbol is there. attach_attrs writes a layout into the graph's
 * attributes (2.43 exports it; later versions keep it to themselves).
 * HTTPServerEnVar and Gvfilepath are the globals of Graphviz's safe mode
 * for files (diagram.c). */
extern void attach_attrs(Agraph_t *g) __attribute__((weak));
extern char *HTTPServerEnVar __attribute__((weak));
extern char *Gvfilepath __attribute__((weak));
/* gvtextlayout_select picks a context's text layout engine again, once
 * textcache.c has added its own; a Graphviz without it measures with
 * pango alone. pango's plugin is found by its soname: .so.6 in Graphviz
 * 2.43, and the plugins' later number is tried too; one not found (or
 * named otherwise) leaves pango alone as well. */
extern int gvtextlayout_select(GVC_t *gvc) __attribute__((weak));
#define RG_GV_PANGO_PLUGINS {"libgvplugin_pango.so.6", "libgvplugin_pango.so.8"}

/* geometry.c records a drawing through a render plugin of its own: the
 * point counts of the plugin API's callbacks, and a Bezier's arrowhead
 * flags, which Graphviz 2.42 and 2.43 pass (later versions pass size_t
 * counts and no flags). */
typedef int rg_gvcount;
#define RG_GV_BEZIER_ARROWS , int arrow_at_start, int arrow_at_end
#define RG_GV_UNUSED_ARROWS ((void)arrow_at_start, (void)arrow_at_end)

/* The laid-out box of G in points, unrounded (the "bb" attribute that
 * gvLayout writes is rounded). */
static inline boxf rg_gv_bb(Agraph_t *g)
{
    return GD_bb(g);
}

/* A render's canvas, as the layout read it from the "size" (points here)
 * and "dpi" attributes: a render does not read them again, so render.c
 * sets them here, around each render of a page. */
static inline void rg_gv_canvas_get(Agraph_t *g, double *w, double *h, double *dpi)
{
    *w = GD_drawing(g)->size.x;
    *h = GD_drawing(g)->size.y;
    *dpi = GD_drawing(g)->dpi;
}

static inline void rg_gv_canvas_set(Agraph_t *g, double w, double h, double dpi)
{
    GD_drawing(g)->size.x = w;
    GD_drawing(g)->size.y = h;
    GD_drawing(g)->dpi = dpi;
}

/* ---- engine.c: the engine and its settings ---------------------------------- */

/* page.c: the sheet a drawing goes on (relgraph(1), PAGE SIZES). */
typedef struct rg_page {
    double sheet_w, sheet_h; /* points, as named or given (0 x 0: no page) */
    double margin;           /* points, on each side */
    int orientation;         /* in rg_orientation_names */
    bool landscape;          /* turned, for this drawing: its longer side across */
    double dpi;              /* the PNG's; 0: Graphviz's (96) */
    double max_scale;        /* scaled at most this: text no larger than
                              * RG_PAGE_TEXT_MAX on the page (page.c) */
} rg_page;

/* Render settings after the command line has overridden the file, and
 * the engine's settings decided from them and the graph's size. */
typedef struct rg_conf {
    const char *engine;    /* a real engine: never "auto" */
    const char *direction;
    const char *theme;
    bool legend;
    long long seed;
    int font;              /* index into rg_font_names */
    int layout;            /* engine's index in rg_layout_names */
    size_t nodes, edges;   /* of the graph: a junction is a node */
    bool clusters;         /* the engine draws groups as clusters */
    bool auto_chosen;      /* the engine is layout auto's choice */
    /* The force-directed engines' settings (NULL for dot) */
    const char *splines, *overlap, *quadtree;
    bool newrank;          /* dot: rank the whole graph at once */
    double timeout;        /* seconds for the layout (--timeout) */
    bool timeout_given;    /* else the default */
    /* page.c: the page, points (0 x 0: no page) */
    double page_w, page_h;   /* printable area, as oriented for this drawing */
    double min_font;         /* the smallest text once on the page, points */
    rg_page page;            /* the sheet, its margin, orientation and dpi */
    /* the ties' labels and the legend (notes.c, bundle.c, legend.c) */
    int labels;              /* RG_LABELS_INLINE, _NOTES, _NONE: rg_label_names */
    bool bundle;             /* ties of one kind between the same two actors: one edge */
    bool legend_below;       /* the legend below the drawing, else beside it */
    /* the search (search.c): dot's spacing and the labels' wrapping */
    double nodesep, ranksep; /* inches; 0: engine.c's defaults */
    int wrap;                /* characters per line of a tie's label; 0: the default */
    int role_wrap;           /* an actor's role likewise (rg_build_role_wrap) */
    double mclimit;          /* dot's crossing reduction, times its own; 0: once */
} rg_conf;

/* Resolve OPT over the file's render section; "auto" picks an engine. */
void rg_conf_resolve(rg_conf *c, const rg_model *m, const rg_options *opt);
/* C drawn by LAYOUT (rg_layout_names): the engine, whether it draws
 * clusters, and a force-directed engine's settings by C's size. */
void rg_conf_set_layout(rg_conf *c, int layout);
/* The engine "auto" picks for M. */
const char *rg_auto_engine(const rg_model *m);
/* Warn in D when C's engine is dot and M is larger than auto would give
 * dot: how long it may take, and what to use instead. */
void rg_conf_warn(const rg_conf *c, const rg_model *m, rg_diags *d);
/* The settings of a second try when a layout with C fails; false when
 * there is none. */
bool rg_conf_retry(const rg_conf *c, rg_conf *retry);
/* Write C's engine settings into G (the one place that does). */
void rg_engine_set(Agraph_t *g, const rg_conf *c);

/* ---- page.c: the page ---------------------------------------------------------- */

/* Points of room a drawing's box keeps on each side on a page: the box
 * ends at the middle of the outermost lines, whose outer half (1.5 points
 * at most: a bold edge) the page's edge would clip. */
#define RG_PAGE_BLEED 2.0
/* The scale at which a drawing whose box is W x H fits in AW x AH with
 * RG_PAGE_BLEED on each side, scaled down only and to at most MAX_SCALE
 * (when above 0). */
double rg_page_scale(double aw, double ah, double w, double h, double max_scale);

/* C's page, margin, orientation, dpi and smallest font: OPT over M's
 * render, then the defaults (rg_conf_resolve calls it); an orientation
 * of auto is portrait until rg_page_orient. */
void rg_page_resolve(rg_conf *c, const rg_model *m, const rg_options *opt);
/* For orientation auto, turn C's page (and page_w, page_h) for a drawing
 * of DRAW_W x DRAW_H points: to the orientation in which it is drawn the
 * largest, scaled down only (portrait on a tie: when it is drawn whole
 * either way). Other orientations stay. */
void rg_page_orient(rg_conf *c, double draw_w, double draw_h);
/* P's sheet as oriented, points. */
void rg_page_sheet(const rg_page *p, double *w, double *h);

/* A drawing on its page, as a canvas Graphviz draws: its size (points),
 * the drawing's scale (at most 1), and the pad on each side that centres
 * it, in the drawing's own points (before the scale). */
typedef struct rg_page_canvas {
    double w, h;
    double scale;
    double pad_x, pad_y;
} rg_page_canvas;
/* A drawing of DRAW_W x DRAW_H points on P, scaled to fit inside the
 * margins and centred: the canvas is the whole sheet with SHEET (a PDF's
 * page), else the printable area. */
void rg_page_fit(const rg_page *p, bool sheet, double draw_w, double draw_h,
                 rg_page_canvas *out);

/* ---- style.c: how things look ----------------------------------------------- */

typedef struct rg_theme rg_theme;
const rg_theme *rg_theme_of(const rg_conf *c);

/* The sizes of a drawing's texts, points (style.c's two tables). */
typedef struct rg_text_sizes {
    double name;     /* an actor's name: the nodes' default */
    double small;    /* under a name: a role, other names */
    double tie;      /* a tie's label, a junction's: the edges' default */
    double number;   /* a line's number in the notes mode */
    double entry;    /* a row of the key of notes or of the legend */
    double heading;  /* the key's and the legend's headings */
    double group;    /* a group's name */
    double title, subtitle; /* the drawing's title, and what was filtered */
} rg_text_sizes;
/* On a screen, a hierarchy of sizes; on a page (C has one), every text
 * one size but the title: the page scales the whole drawing down, and
 * its smallest text is what has to stay legible there. */
const rg_text_sizes *rg_text_of(const rg_conf *c);
/* About how wide a character of DejaVu Sans is, on average, in ems: what
 * the legend and the key of notes measure their columns by before
 * Graphviz measures the text. */
#define RG_CHAR_EM 0.56

/* Set an attribute on a graph, node or edge (declared with "" as its
 * default); rg_setf formats it; rg_set_html sets an HTML-like label ("":
 * none). */
void rg_set(void *obj, const char *name, const char *value);
void rg_setf(void *obj, const char *name, const char *fmt, ...) RG_PRINTF(3, 4);
void rg_set_html(void *obj, const char *attr, const char *html);

/* The theme's defaults: C's font families (rg_font_names) and text
 * sizes, text and background colours. */
void rg_style_defaults(Agraph_t *g, const rg_theme *th, const rg_conf *c);
/* Shape, colours and text colour of an actor of kind K (NULL: none);
 * returns its fill. */
rg_rgb rg_style_actor(Agnode_t *n, const rg_theme *th, const rg_actor_kind *k);
/* Colour, line and pen of a tie (or its line of a junction). */
void rg_style_tie(void *obj, const rg_theme *th, const rg_tie_kind *k,
                  rg_status status, int weight);
void rg_style_junction(Agnode_t *j, const rg_theme *th, const rg_tie_kind *k);
/* The line from a tie's junction to what the tie is about (`over`). */
void rg_style_over(Agedge_t *e, const rg_theme *th, const rg_tie_kind *k,
                   rg_status status);
/* A box: a group at DEPTH (0 at the top), or the legend (-1), its name
 * SIZE points. */
void rg_style_box(Agraph_t *sg, const rg_theme *th, int depth, double size);
/* The colour of a second, quieter line of text on FILL. */
const char *rg_style_subtle(rg_rgb fill);
/* The theme's background colour, "#RRGGBB", into OUT. */
void rg_style_background(const rg_theme *th, char out[8]);
/* The status a tie's label must say ("alleged"), or NULL. */
const char *rg_style_status_said(rg_status s);

/* ---- bundle.c: ties drawn as one line -------------------------------------------- */

/* Per tie of the model, index for index. */
typedef struct rg_bundles {
    int *head;    /* the first tie of its bundle (itself when first or alone) */
    int *next;    /* the next tie of its bundle, in file order, or -1 */
    size_t *size; /* of the bundle a tie heads; 0 for the others */
} rg_bundles;

/* M's ties grouped (ON) or each alone; release with rg_bundles_free. */
void rg_bundles_make(rg_bundles *bs, const rg_model *m, bool on);
void rg_bundles_free(rg_bundles *bs);
/* The text of the line whose first tie is HEAD into B (plain, unescaped;
 * nothing when there is nothing to say): the ties' labels joined by SEP
 * ("; "), each with its date and status in brackets when those differ
 * among them, a text said twice once. Returns the status the whole line
 * says, if any: the shared one, else RG_STATUS_NONE. */
rg_status rg_bundle_text(rg_buf *b, const rg_model *m, const rg_bundles *bs,
                         size_t head, const char *sep);

/* ---- notes.c: the key of `edge_labels: notes` ---------------------------------- */

/* The number of each line's text in the key, per tie in *NUMBERS
 * (malloc'd, the caller's; 0: none, a tie bundled into another's line or
 * one with nothing to say), in reading order; returns how many. */
size_t rg_notes_number(const rg_model *m, const rg_bundles *bs, int **numbers);
/* At most this many lines get a number (a key of 10,000 took 12 s to lay
 * out, and is no figure's key); past it notes mode draws no labels, with
 * a warning (diagram.c). */
#define RG_NOTES_MAX 2000
/* How many lines C's notes mode would number in M. */
size_t rg_notes_count(const rg_model *m, const rg_conf *c);
/* The key's text of the line HEAD heads, into B (plain): "United States
 * accuses Iran: arming militias (alleged)". */
void rg_notes_text(rg_buf *b, const rg_model *m, const rg_bundles *bs,
                   size_t head);
/* G laid out (its attributes), notes mode: each line's number moved from
 * where dot put it, a rank's width away at times, onto the nearest point
 * of its own line, on a patch of the background (build.c). */
void rg_notes_onto_lines(Agraph_t *g);
/* G laid out by nop2 (its structures): each group's title that lines run
 * through moved right along its band to the nearest place with the
 * fewest, if that is fewer, never onto a node, a label or an inner group
 * (titles.c). */
void rg_titles_clear(Agraph_t *g);
/* G laid out by nop2: each plain tie label another line runs through
 * moved to the nearest place, a few points off, where none does and it
 * covers nothing, stays as it was with respect to every group and still
 * touches its own line; left where it is when there is none (titles.c). */
void rg_labels_clear(Agraph_t *g);

/* textcache.c: relgraph's text layout engine in front of pango's in GVC
 * (false, and nothing changed, without pango's plugin); while sizes_only
 * is on, a text measured before is answered from the cache, without
 * pango's layout object (no PNG or PDF may be drawn from such a graph);
 * clear forgets every text (the fonts changed). */
bool rg_textcache_install(GVC_t *gvc);
void rg_textcache_sizes_only(bool on);
void rg_textcache_clear(void);
/* How many texts the cache has answered, for the tests. */
size_t rg_textcache_hits(void);
/* The texts measured since MARK (rg_textcache_mark) appended to B, as
 * rg_textcache_take reads them into the cache (false: not that form;
 * what came before the fault is kept). */
size_t rg_textcache_mark(void);
void rg_textcache_since(rg_buf *b, size_t mark);
bool rg_textcache_take(const char *p, size_t len);
/* The key as a graph of its own to be laid out with dot, at most WIDTH
 * points wide (but a minimum); NULL when no line has a number. Owned by
 * the caller. */
Agraph_t *rg_build_notes(const rg_model *m, const rg_conf *c, double width,
                         rg_svg_notes *notes);

/* ---- build.c: the graph ------------------------------------------------------- */

/* A new graph whose objects are numbered in creation order (so clusters
 * keep their order whatever the heap's addresses). Owned by the caller. */
Agraph_t *rg_graph_open(const char *name);
/* The diagram of M without its title: actors, ties, junctions, groups,
 * with each object's SVG identity in NOTES (may be NULL). Owned by the
 * caller: agclose(). Node, edge and cluster names are relgraph's own
 * (a0, t3, j2, cluster_g1), never text from the file. */
Agraph_t *rg_build_body(const rg_model *m, const rg_conf *c,
                        rg_svg_notes *notes);
/* The width, in characters, at which C's actors' roles wrap. */
int rg_build_role_wrap(const rg_conf *c);
/* Whether M's actors' names and roles break into the same lines with
 * roles wrapped at WRAP_A characters as at WRAP_B. */
bool rg_build_roles_wrap_alike(const rg_model *m, int wrap_a, int wrap_b);
/* The title, and what the filters kept, as G's label. */
void rg_build_title(Agraph_t *g, const rg_model *m, const rg_conf *c);
/* Body and title. */
Agraph_t *rg_build_graph(const rg_model *m, const rg_conf *c);

/* runner.c: layouts already made (rg_layout_memo_lay). */
typedef struct rg_layout_memo rg_layout_memo;

/* ---- legend.c ----------------------------------------------------------------- */

/* The legend for the kinds M uses, as a graph of its own to be laid out
 * with dot; NULL when there is nothing to explain. Owned by the caller. */
Agraph_t *rg_build_legend(const rg_model *m, const rg_conf *c);
Agraph_t *rg_build_legend_noted(const rg_model *m, const rg_conf *c,
                                rg_svg_notes *notes);
/* The same, in columns of a few rows side by side when BELOW (it goes
 * below the drawing: tie kinds, notes, actor kinds), else in one. */
Agraph_t *rg_build_legend_at(const rg_model *m, const rg_conf *c, bool below,
                             rg_svg_notes *notes);
/* Whether the legend goes below G (laid out): C's legend_below, or a
 * drawing much wider than tall. */
bool rg_legend_below(const rg_conf *c, Agraph_t *g);
/* Lay LG (the legend, or the notes' key) out (MEMO's layout when it holds
 * one for a graph written as LG is; NULL: always laid out) and copy it into G, which
 * carries its layout in its attributes: BELOW G's box at the left, else
 * beside it at the top right. G's "bb" then spans both, for the next
 * part; the caller clears it (and "lp") before nop2 draws the whole. */
bool rg_legend_join(GVC_t *gvc, Agraph_t *g, Agraph_t *lg, bool below,
                    const rg_conf *c, rg_layout_memo *memo, rg_diags *d);

/* ---- layout.c: one layout child ------------------------------------------------ */

typedef enum { LAYOUT_OK, LAYOUT_FAILED, LAYOUT_RETRY } rg_layout_result;

/* A running layout child: what it sent so far, and where its messages go. */
typedef struct rg_child {
    pid_t pid;
    int fd;               /* the pipe's end being read */
    rg_buf in;            /* owned: what the child sent */
    FILE *err;            /* owned: the child's own fd 2, or NULL: gvmsg.c's */
    off_t mark;           /* without ERR: where its text starts in gvmsg.c's */
    const char *engine;
    double allowed;       /* its seconds, as the timeout's message says */
    int slot;             /* its place in stop.c's children */
} rg_child;

/* What a layout child does next, once it has its layout and before it
 * sends it: FN, given the layout as rg_layout_text writes it, appends to
 * OUT what the parent wants back with it (the search finishes and scores
 * its candidates there, search.c, in parallel and away from the
 * parent). FN runs in the child, on the child's copy of everything; what
 * it sets there is lost but for OUT, and a crash in it is the layout's. */
typedef struct rg_layout_after {
    void (*fn)(GVC_t *gvc, const char *layout, size_t len, void *ud, rg_buf *out);
    void *ud;
} rg_layout_after;

/* Fork a child laying G out with ENGINE within ALLOWED seconds, then
 * running AFTER (NULL: nothing); false (an error in D) when it cannot
 * start. */
bool rg_child_start(GVC_t *gvc, Agraph_t *g, const char *engine, double allowed,
                    bool own_stderr, int slot, const rg_layout_after *after,
                    rg_child *ch, rg_diags *d);
/* Read what is there to read; false at the end. */
bool rg_child_read(rg_child *ch);
/* Stop the child, its layout no longer wanted: killed and reaped, what
 * it sent or printed dropped, nothing reported. */
void rg_child_cancel(rg_child *ch);
/* Reap the child (killed when TIMED_OUT) and apply its layout to G; what
 * its AFTER sent into BACK (emptied first; NULL: not wanted). */
rg_layout_result rg_child_finish(rg_child *ch, Agraph_t *g, bool timed_out,
                                 bool retry_ok, rg_buf *back, rg_diags *d);
/* True in a layout child: its own layouts (rg_layout_many) are made in
 * it, a crash already costing only the child. */
bool rg_layout_in_child(void);
/* Lay G out with ENGINE here, the layout in G's attributes as a layout
 * child leaves them; false if Graphviz fails. */
bool rg_layout_here(GVC_t *gvc, Agraph_t *g, const char *engine);
/* G's layout as the child sends it (malloc'd, *LEN its length), and that
 * text written into a graph of the same shape: false if it does not fit. */
char *rg_layout_text(Agraph_t *g, size_t *len);
bool rg_layout_apply(Agraph_t *g, const char *text, size_t len);
/* "the 'dot' layout of N nodes and M edges took longer than T s; ..." */
void rg_layout_report_timeout(const char *engine, size_t nodes, size_t edges,
                              double timeout, rg_diags *d);

/* ---- runner.c: layouts, one or many at once --------------------------------- */

/* One layout of many: G laid out in place with C, its messages in D. */
typedef struct rg_layout_job {
    Agraph_t *g;          /* borrowed */
    const rg_conf *c;     /* borrowed */
    rg_diags *d;          /* borrowed: this layout's messages only */
    bool ok;              /* out: laid out, the layout in G's attributes */
    const rg_layout_after *after; /* borrowed; NULL: nothing after */
    rg_buf back;          /* out, the caller's to free: what AFTER sent */
} rg_layout_job;

/* How many layout children run at once for N layouts: the online CPUs,
 * at most N and RG_STOP_CHILDREN, at least 1. */
int rg_layout_parallel(size_t n);
/* Lay out the N jobs, at most JOBS children at once, all within TIMEOUT
 * seconds; each with its conf's second try if its first fails. A job that
 * fails does not stop the others. With N > 1, each child's fd 2 is its
 * own (its text in its job's D). True when every job was laid out. In a
 * layout child (rg_layout_in_child), the jobs are laid out in it, one
 * after another, without second tries or AFTER steps, Graphviz's messages
 * left in the child's capture. */
bool rg_layout_many(GVC_t *gvc, rg_layout_job *jobs, size_t n, int jobs_max,
                    double timeout);
/* What the caller of rg_layout_many_until is told as each job ends: FN,
 * given the job's index once it is done for good (laid out or failed,
 * its AFTER's answer in its BACK), returns how many jobs, from the
 * first, are still wanted; the rest are not started, or stopped
 * (rg_child_cancel). */
typedef struct rg_layout_until {
    size_t (*fn)(size_t i, void *ud);
    void *ud;
    size_t kept;          /* out: how many jobs, from the first, were wanted */
} rg_layout_until;
/* rg_layout_many, with UNTIL told as each job ends (in the jobs' order
 * among those that end together) and the jobs it no longer wants
 * dropped, and those whose turn comes after the deadline too (without a
 * message: they were not tried): the jobs from UNTIL->kept on, whose OK
 * and BACK mean nothing. */
bool rg_layout_many_until(GVC_t *gvc, rg_layout_job *jobs, size_t n, int jobs_max,
                          double timeout, rg_layout_until *until);
/* Lay G out with C in a child process within TIMEOUT seconds, with C's
 * second try if the first fails, and write the layout into G's attributes.
 * False (errors in D) on failure. */
bool rg_layout(GVC_t *gvc, Agraph_t *g, const rg_conf *c, double timeout,
               rg_diags *d);

/* Layouts already made, each under the text of its graph before layout
 * and its engine: the search's candidates share their legends and keys,
 * laid out once. Owned by its maker; freed by rg_layout_memo_free. */
rg_layout_memo *rg_layout_memo_new(void);
void rg_layout_memo_free(rg_layout_memo *memo);
/* rg_layout, or the layout MEMO holds for a graph written as G is; a new
 * layout is kept in MEMO. MEMO NULL: rg_layout. */
bool rg_layout_memo_lay(GVC_t *gvc, Agraph_t *g, const rg_conf *c, double timeout,
                        rg_diags *d, rg_layout_memo *memo);
/* MEMO's layouts appended to OUT (framed parts, rg_buf_part), and such a
 * text's layouts added to MEMO: false if it does not end as it should
 * (what came before its end is added). So a layout child's memo comes
 * back to relgraph. */
void rg_layout_memo_write(const rg_layout_memo *memo, rg_buf *out);
bool rg_layout_memo_read(rg_layout_memo *memo, const char *text, size_t len);

/* ---- gvmsg.c: Graphviz's messages ---------------------------------------------- */

/* Capture Graphviz's messages (and fd 2) until rg_gvmsg_end, which
 * reports them in D and returns true if one was an error. */
void rg_gvmsg_begin(rg_diags *d);
bool rg_gvmsg_end(void);
/* Where the capture of fd 2 stands, and forgetting what came since. */
off_t rg_gvmsg_mark(void);
void rg_gvmsg_forget(off_t mark);
/* What was written to the captured fd 2 since MARK (by a layout child,
 * say): malloc'd, the caller's; "" when fd 2 is not captured. */
char *rg_gvmsg_since(off_t mark);
/* Where Graphviz's messages in this process stand, and what came since,
 * taken out of the capture (malloc'd, the caller's): one of several
 * drawings' own (search.c). */
size_t rg_gvmsg_text_mark(void);
char *rg_gvmsg_text_take(size_t mark);
/* In a layout child: capture into memory only; the text so far. */
void rg_gvmsg_child(void);
const char *rg_gvmsg_text(size_t *len);
/* Report the messages in TEXT (modified) in D; true if one is an error. */
bool rg_gvmsg_report(char *text, rg_diags *d);
bool rg_gvmsg_has_error(const char *text);

/* ---- geometry.c + score.c: how readable a drawing is ------------------------ */

/* The figures of tests/page_check.py (its docstring defines each) for a
 * drawing on a printable area of page_w x page_h points. */
typedef struct rg_score {
    size_t overlaps, edge_text, edge_actors, edge_groups, crossings;
    double label_gap, font_min, scale, text_min, page_used, width, height;
} rg_score;

/* G laid out (positions in Graphviz's structures, e.g. after nop2), as
 * plain geometry: owned by the caller (rg_geom_free). What is drawn comes
 * from one pass of the emitter through the GVC that laid G out, which
 * sets nothing on G. */
rg_geom *rg_geom_of(Agraph_t *g);
/* The figures of GEO on a page_w x page_h page (0 x 0: no page). */
void rg_score_geom(const rg_geom *geo, double page_w, double page_h, double max_scale,
                   rg_score *s);
/* G laid out (positions in Graphviz's structures, e.g. after nop2) */
void rg_score_graph(Agraph_t *g, double page_w, double page_h, double max_scale,
                    rg_score *s);
/* true when A is better than B: text of at least MIN_FONT and no overlap
 * first; of two that both fall short, no overlap, then the larger text
 * (by a quarter of a point or more); then fewer lines through texts,
 * actors and groups, fewer crossings, larger text, labels nearer. */
bool rg_score_better(const rg_score *a, const rg_score *b, double min_font);
/* S as one line of key=value, the keys of tests/page_check.py */
void rg_score_print(rg_buf *b, const rg_score *s);
/* page.c: a warning in D when S, a drawing on C's page, has text under
 * C's min_font or overlapping texts: its figures, and the page it would
 * fit on (relgraph(1), PAGE SIZES). */
void rg_page_warn_unfit(const rg_conf *c, const rg_score *s, rg_diags *d);

/* ---- diagram.c ------------------------------------------------------------------ */

struct rg_diagram {
    GVC_t *gvc;           /* shared, not owned */
    Agraph_t *g;          /* owned: laid out, with its legend */
    rg_svg_notes *notes;  /* owned: what svg.c adds to the SVG */
    const rg_model *model; /* borrowed: the HTML page's data */
    int theme;            /* the theme drawn, in rg_theme_names */
    char *svg;            /* owned: the finished SVG, once rendered */
    size_t svg_len;
    double page_w, page_h; /* the page it is scored on (0 x 0: none) */
    bool scored;          /* score holds the figures, once asked for */
    rg_score score;
    rg_page page;         /* page.c: the sheet, as oriented for this drawing */
    char *candidates;     /* owned: the search's candidates, or NULL */
};

/* G, built and laid out with C, finished: its title and legend (notes in
 * NOTES) added, the whole placed by nop2. False when that fails. The
 * legend's and the key's layouts are MEMO's when it has them (NULL: none
 * kept). */
bool rg_diagram_finish(GVC_t *gvc, Agraph_t *g, const rg_model *m, rg_conf *c,
                       rg_svg_notes *notes, rg_layout_memo *memo, rg_diags *d);

/* ---- search.c: several drawings, the best kept ------------------------------ */

/* True when M is drawn by the search: a page is set, or the layout is
 * `auto` and M has at most RG_SEARCH_MAX_ACTORS actors. */
#define RG_SEARCH_MAX_ACTORS 50
bool rg_search_wanted(const rg_conf *c, const rg_model *m, const rg_options *opt);
/* Draw M with the candidates' variants of BASE, finished
 * (rg_diagram_finish), and keep the best by rg_score_better: *G and
 * *NOTES the winner's (the caller's), *CHOSEN its settings (the page as
 * turned for it) and *SCORE its figures, *REPORT each candidate's score and the choice
 * ("candidate NAME: ...\n" lines, "chosen: NAME\n"; malloc'd). Only the
 * chosen candidate's messages reach D, or every candidate's when none
 * could be drawn (then false, *G NULL). */
bool rg_search(GVC_t *gvc, const rg_model *m, const rg_conf *base,
               const rg_options *opt, rg_diags *d, Agraph_t **g,
               rg_svg_notes **notes, char **report, rg_conf *chosen,
               rg_score *score);
/* The names of the candidates that apply to M with BASE and OPT, in the
 * order they are tried, up to MAX of them into NAMES; how many there are. */
size_t rg_search_plan(const rg_conf *base, const rg_model *m,
                      const rg_options *opt, const char **names, size_t max);

#endif
