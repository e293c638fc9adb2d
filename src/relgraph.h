/*
 * relgraph.h - the interface between relgraph's stages and main.c: what
 * main.c may call, and nothing else (no library is installed). The
 * pipeline, file by file (README, "Layout of the source", draws it):
 *
 *   io.c         read the input (its size limit); write outputs atomically
 *   target.c     what an output names: a file, a device, a descriptor
 *   load.c       libyaml events -> document tree: tags, scalars, aliases
 *   hints.c      a syntax error's hint: tabs, ': ' and ' #' in values...
 *   collect.c    the open collections: keys, merge keys, entry counts
 *   node.c       the tree: core-schema scalars, typed getters, field reader
 *   validate.c   tree -> model: the document, sources, groups, warnings
 *   validate_kinds.c   tree -> model: the kinds
 *   validate_ties.c    tree -> model: actors and ties
 *   validate_render.c  tree -> model: render (engine, labels, the page)
 *   model.c      the model's names (one table per set), built-in kinds, dates
 *   filter.c     model -> smaller model (kinds, dates, focus)
 *   engine.c     model + options -> the layout engine and its settings
 *   page.c       the page: sheets, margins, dpi, orientation, the canvas
 *   style.c      themes, colours, lines and arrowheads -> Graphviz attributes
 *   build.c      model -> cgraph graph (actors, ties, junctions, groups, title)
 *   bundle.c     ties of one kind between two actors drawn as one line
 *   notes.c      edge_labels: notes: the lines' numbers, the key's graph
 *   legend.c     the legend: its own graph, laid out, joined to the drawing
 *   layout.c     one layout child: its pipe protocol, its end told apart
 *   runner.c     layouts in children, many at once: the timeout, second tries
 *   gvmsg.c      Graphviz's messages, captured into diagnostics
 *   diagram.c    build -> layout -> title and legend: one laid-out diagram
 *   geometry.c   a laid-out graph -> plain geometry: texts, boxes, curves
 *   score.c      that geometry -> the readability figures (--stats)
 *   search.c     several drawings laid out in parallel, the best kept
 *   render.c     diagram -> SVG, PNG, PDF, DOT, JSON in memory
 *   svg.c        the evidence in the SVG: ids, classes, tooltips, links
 *   fonts.c      the pinned fonts: relgraph's fontconfig, coverage
 *   bidi.c       the direction of a text, and the marks that keep it
 *   html.c       the interactive page: SVG, controls, model as JSON, and
 *                src/viewer.js and src/viewer.css embedded
 *   text.c       ties and sources in words (tooltips, Markdown)
 *   markdown.c   model -> the Markdown summary
 *   network.c    model -> GraphML and GEXF, for network tools
 *   sheet.c      CSV and TSV -> rows of cells (libcsv), for import
 *   import.c     sheets of actors and ties -> what the data file will hold
 *   import_items.c    the named things import makes, and their keys
 *   import_yaml.c     that -> a data file (libyaml's emitter), checked again
 *   escape.c     every escaper (XML, JSON, Graphviz labels, Markdown,
 *                terminal)
 *   digest.c     SHA-256 and base64, for the page's Content-Security-Policy
 *   diag.c       the diagnostics collector
 *   util.c       memory, arenas, strings, hashing, UTF-8, "did you mean"
 *   schema.c     the embedded JSON Schema (src/schema.json), for --schema
 *   watch.c      --watch: inotify, one render per burst of changes
 *   stop.c       SIGINT, SIGTERM, SIGHUP: the children killed, nothing left
 *   usage.c      the text of --help, its names from model.c's tables
 *   main.c       options only; the one place that writes to stderr
 *
 * internal.h is what the stages share with each other and the tests; gv.h
 * what the Graphviz-facing ones share; load.h, validate.h, sheet.h and
 * import.h what the files of one stage share. The format is relgraph(5).
 *
 * Nothing here prints. Every diagnostic goes into an rg_diags, which hands
 * it to the caller's callback when flushed.
 *
 * Ownership: every object returned by an rg_*_new / rg_load / rg_validate
 * function belongs to the caller and is released by its rg_*_free.
 * Marks are 0-based inside and printed 1-based.
 */
#ifndef RELGRAPH_H
#define RELGRAPH_H

#include <stdbool.h>
#include <stddef.h>

#define RG_VERSION "1.0.0"

/* relgraph(5), LIMITS. */
#define RG_MAX_INPUT_BYTES   (16u * 1024u * 1024u)
#define RG_MAX_DEPTH         64
#define RG_MAX_ALIAS_NODES   1000000u  /* nodes reachable through aliases */
#define RG_MAX_ENTRIES       100000u   /* actors, ties, sources, groups */
#define RG_MAX_ERRORS        100       /* errors reported before stopping */
#define RG_MAX_WARNINGS      200       /* warnings shown; the rest counted */

typedef struct rg_mark {
    size_t line;   /* 0-based */
    size_t column; /* 0-based, in characters */
} rg_mark;

typedef enum rg_severity { RG_ERROR, RG_WARNING } rg_severity;

typedef struct rg_diagnostic {
    rg_severity severity;
    const char *file;    /* the name given to rg_diags_new */
    bool has_mark;       /* false for messages about the file as a whole */
    rg_mark mark;
    const char *message; /* no trailing newline, no raw control characters */
} rg_diagnostic;

typedef void (*rg_diag_fn)(const rg_diagnostic *d, void *userdata);

/* A collector of diagnostics. Messages are kept until rg_diags_flush,
 * which delivers them sorted by position. */
typedef struct rg_diags rg_diags;

rg_diags *rg_diags_new(const char *file, rg_diag_fn fn, void *userdata);
void rg_diags_free(rg_diags *d);
void rg_diags_flush(rg_diags *d);
size_t rg_diags_errors(const rg_diags *d);
size_t rg_diags_warnings(const rg_diags *d);
/* True once RG_MAX_ERRORS errors were recorded: stages stop early. */
bool rg_diags_full(const rg_diags *d);

/* The parsed YAML document (tree of nodes with marks). */
typedef struct rg_doc rg_doc;
/* The validated model: actors, ties, kinds, groups, sources, render. */
typedef struct rg_model rg_model;

/* Parse LEN bytes of YAML. Returns NULL (and errors in D) on failure. */
rg_doc *rg_load(const char *data, size_t len, rg_diags *d);
/* The same, but a document whose loading found errors that leave a tree
 * (a syntax error, which cuts it short; a duplicate key, which is dropped;
 * a refused tag) is kept, so that rg_validate reports the errors it can
 * see before the cut; rg_validate never makes a model of it. NULL for
 * the limits, a second document, an empty input over the size limit. */
rg_doc *rg_load_partial(const char *data, size_t len, rg_diags *d);
void rg_doc_free(rg_doc *doc);

/* Check DOC against the schema. Returns NULL when any error was found.
 * The model shares DOC's texts, kept alive for it: either may be freed
 * first. */
rg_model *rg_validate(const rg_doc *doc, rg_diags *d);
void rg_model_free(rg_model *m);

/* Filters (relgraph(1), OPTIONS), applied to the model before the graph is
 * built, in this order: kinds, exclude-kinds, as-of, from/to, focus. */
typedef struct rg_filter {
    const char *kinds;         /* comma-separated tie kinds to keep */
    const char *exclude_kinds; /* comma-separated tie kinds to drop */
    const char *as_of;         /* ties in force at this date */
    const char *from, *to;     /* ties overlapping this window */
    const char *focus;         /* comma-separated actor ids */
    int depth;                 /* ties from the focus; -1: 1 */
} rg_filter;

#define RG_FILTER_INIT { NULL, NULL, NULL, NULL, NULL, NULL, -1 }

typedef enum rg_filter_status {
    RG_FILTER_OK,
    RG_FILTER_USAGE, /* an unknown id or kind, a bad date: a usage error */
    RG_FILTER_EMPTY  /* nothing is left to draw */
} rg_filter_status;

bool rg_filter_active(const rg_filter *f);
/* The part of M that passes F, as a model of its own that borrows M's
 * strings (free it before M). NULL with *STATUS set on failure. */
rg_model *rg_filter_apply(const rg_model *m, const rg_filter *f, rg_diags *d,
                          rg_filter_status *status);

/* Command-line choices that override the file's `render` section.
 * NULL / -1 mean "as the file says". */
typedef struct rg_options {
    const char *layout;    /* dot neato fdp sfdp circo twopi auto */
    const char *direction; /* TB LR BT RL */
    const char *theme;     /* light dark mono */
    int legend;            /* -1, 0, 1 */
    int labels;            /* -1, or RG_LABELS_INLINE, _NOTES, _NONE */
    int bundle;            /* -1, 0, 1 */
    double timeout;        /* seconds for the layout; 0: the default */
    /* The page (relgraph(1), PAGE SIZES); 0, NULL, false: as the file says */
    double page_w, page_h;   /* the sheet as given, points */
    const char *orientation; /* auto portrait landscape */
    double margin;           /* points, when margin_set */
    bool margin_set;
    double dpi;              /* the PNG's dots per inch */
    double min_font;         /* points */
    /* The process draws this one diagram and no other: it may leave out
     * the fonts no text of it needs, which a later one could not get
     * back (fonts.c, rg_fonts_lean). */
    bool only_drawing;
    /* No output of the drawing is drawn by cairo (rg_format_cairo): a
     * text a layout measured may be answered from its size alone. */
    bool no_cairo;
} rg_options;

/* Named, so that a field added with 0 for "as the file says" needs no
 * change here. */
#define RG_OPTIONS_INIT { .legend = -1, .labels = -1, .bundle = -1 }
#define RG_DEFAULT_TIMEOUT 120.0
/* The page's defaults: a margin of 1cm, a PNG at 150 dpi, text at least
 * 6 points high once on the page. */
#define RG_DEFAULT_MARGIN (72.0 / 2.54)
#define RG_DEFAULT_DPI 150.0
#define RG_DEFAULT_MIN_FONT 6.0
/* ... and the largest (points; --min-font's when that is more): a
 * report's body text, so that a small drawing does not shout. */
#define RG_PAGE_TEXT_MAX 10.0
#define RG_DPI_MIN 10
#define RG_DPI_MAX 2400
#define RG_DPI_WHAT "an integer from 10 to 2400"
#define RG_MIN_FONT_MIN 1
#define RG_MIN_FONT_MAX 72
#define RG_MIN_FONT_WHAT "a number of points from 1 to 72"

/* A laid-out diagram, ready to render into any number of formats. */
typedef struct rg_diagram rg_diagram;

/* Build the graph for M and lay it out once. NULL on failure (errors in D,
 * Graphviz's own messages included). M must outlive the diagram: the HTML
 * page is made from it. */
rg_diagram *rg_diagram_new(const rg_model *m, const rg_options *opt, rg_diags *d);
void rg_diagram_free(rg_diagram *dg);
/* The drawing's readability figures (score.c; relgraph(1), --stats) as
 * one line of key=value, without a newline: malloc'd, the caller's. */
char *rg_diagram_stats(rg_diagram *dg);
/* The drawings the search compared (search.c), for --stats: a line
 * "candidate NAME: KEY=VALUE ..." each (its score, or "failed"), then
 * "chosen: NAME"; "" when the diagram had one layout. Owned by DG. */
const char *rg_diagram_candidates(const rg_diagram *dg);

/* Render into memory. FORMAT: svg png pdf dot gv json html. On success
 * *OUT is a malloc'd buffer owned by the caller. */
bool rg_diagram_render(rg_diagram *dg, const char *format, char **out,
                       size_t *len, rg_diags *d);

/* M as a Markdown summary, the diagram's text alternative: malloc'd, owned
 * by the caller. */
char *rg_markdown(const rg_model *m, size_t *len);

/* network.c: whether FORMAT is drawn (laid out by Graphviz) or written from
 * the model alone (md graphml gexf); and M in such a FORMAT: malloc'd,
 * owned by the caller, NULL for a drawn or unknown format. */
bool rg_format_drawn(const char *format);
char *rg_model_export(const rg_model *m, const char *format, size_t *len);

/* ---- sheet.c + import.c: `relgraph import` (relgraph(1), IMPORT) ---- */

/* A spreadsheet saved as CSV (TSV: tab-separated), LEN bytes at DATA; its
 * problems go to D, at 0-based (row, column): row 0 is the header. */
typedef struct rg_sheet_input {
    const char *data;
    size_t len;
    bool tsv;
    rg_diags *d;
} rg_sheet_input;

/* The actor sheet (ACTORS, may be NULL) and the tie sheet as a data file:
 * malloc'd YAML owned by the caller, which passes --check; NULL when any
 * error was found (every one of them reported). */
char *rg_import(const rg_sheet_input *actors, const rg_sheet_input *ties,
                size_t *len);

/* A set of names to choose from (layouts, themes...): model.c has one
 * table per set, which everything else reads, the usage text included. */
typedef struct rg_names {
    const char *what;          /* "a layout", for messages */
    const char *const *names;
    size_t n;
} rg_names;
extern const rg_names rg_layout_names, rg_direction_names, rg_theme_names,
    rg_format_names, rg_label_names, rg_page_names, rg_orientation_names,
    rg_unit_names;
/* rg_label_names, in order (relgraph(5), RENDER: edge_labels). */
enum { RG_LABELS_INLINE, RG_LABELS_NOTES, RG_LABELS_NONE };
/* NAME's index in T, or -1. */
int rg_name_find(const rg_names *t, const char *name);

/* ---- page.c: reading a page (relgraph(1), PAGE SIZES) ---- */

/* The same on the command line and in a file. Each returns NULL, or what
 * is wrong with S (malloc'd, the caller's): "invalid page 'B5'; expected
 * one of: ...". A page is a name of rg_page_names in any case, or WxH,
 * each side a length with its unit ("16cmx10cm"), into *W x *H points as
 * given; a margin a length of 0 or more ("0" needs no unit). */
char *rg_page_parse(const char *s, double *w, double *h);
char *rg_margin_parse(const char *s, double *pt);
/* What a margin of MARGIN points leaves of a sheet of W x H: NULL when
 * there is room, else the message (malloc'd). */
char *rg_page_room(double w, double h, double margin);
/* A dpi (RG_DPI_WHAT) and a smallest font (RG_MIN_FONT_WHAT): decimal,
 * no sign. False when S is not one. */
bool rg_dpi_parse(const char *s, double *dpi);
bool rg_min_font_parse(const char *s, double *pt);
/* True when the page and margin of OPT over M's render leave room to
 * draw, else false with the error in D (the file's own page and margin
 * the validator checked: so this is the command line's doing). */
bool rg_page_fits(const rg_model *m, const rg_options *opt, rg_diags *d);

/* Output formats known to relgraph, by name or file extension. */
bool rg_format_known(const char *format);
/* Whether FORMAT is drawn by cairo (PNG, PDF), whose texts need pango's
 * own layouts. */
bool rg_format_cairo(const char *format);
const char *rg_format_from_path(const char *path); /* NULL if unknown */

/* usage.c: the text of --help, its lists of names from the tables.
 * Malloc'd, the caller's. */
char *rg_usage(void);

/* S for a message: control characters and bad UTF-8 as \xNN, never raw.
 * Malloc'd, the caller's. */
char *rg_printable(const char *s);

/* ---- io.c: input and atomic output ---- */

/* Read PATH ("-": standard input) into *DATA (malloc'd, NUL-terminated,
 * owned by the caller). Reads at most RG_MAX_INPUT_BYTES + 1 bytes, so that
 * rg_load can refuse an oversized input without reading all of it. The
 * whole input must come within TIMEOUT seconds (0: the default): a FIFO
 * no program writes to, or a pipe that stalls, fails after it. */
bool rg_read_input(const char *path, double timeout, char **data, size_t *len,
                   rg_diags *d);

/* Outputs are staged (kept in memory), then committed: written to
 * temporary files beside their targets and flushed, then all renamed over
 * them. A failure at any point leaves every existing file as it was and
 * no temporary file behind. A symbolic link is followed: the file it
 * names is replaced, the link stays. What cannot be replaced (standard
 * output "-", /dev/stdout, a character device, a FIFO) is written to
 * directly once the files are in place, and cannot be taken back. */
typedef struct rg_outputs rg_outputs;
rg_outputs *rg_outputs_new(void);
bool rg_outputs_stage(rg_outputs *o, const char *path, const char *data,
                      size_t len, rg_diags *d);
bool rg_outputs_commit(rg_outputs *o, rg_diags *d);
/* Removes temporary files not committed, and frees O. */
void rg_outputs_free(rg_outputs *o);
/* True if outputs A and B name the same file, whether it exists yet or
 * not: the same device and inode, or, not there yet, the same name once
 * symbolic links are followed. "-" is standard output. */
bool rg_same_file(const char *a, const char *b);

/* Graphviz's version string, for --version. */
const char *rg_graphviz_version(void);

/* ---- schema.c: the JSON Schema of the YAML format (--schema) ---- */

/* The bytes of src/schema.json, NUL-terminated; *LEN (if not NULL) is
 * their length. Static: never freed. */
const char *rg_schema_json(size_t *len);

/* ---- stop.c: being stopped by a signal ---- */

/* From now on SIGINT, SIGTERM and SIGHUP (unless ignored when relgraph
 * started) kill the layout child, leave no temporary output and old
 * outputs as they were, and end the process by that signal. */
void rg_stop_install(void);

/* ---- watch.c: --watch ---- */

typedef void (*rg_watch_fn)(void *userdata);

/* Call RENDER(USERDATA) once, then again after each change to the file
 * PATH (written in place, or replaced by a rename as editors do; a burst
 * of changes renders once), until SIGINT or SIGTERM. Returns 0 after such
 * a signal, or -1 with errno set when PATH cannot be watched (no inotify,
 * its directory missing or removed). Prints nothing. */
int rg_watch(const char *path, rg_watch_fn render, void *userdata);

#endif
