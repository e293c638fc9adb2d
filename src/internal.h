/*
 * internal.h - what the stages share with each other and with the tests,
 * file by file in the order of the pipeline: util.c, diag.c, escape.c,
 * digest.c, node.c, model.c, text.c, svg.c, html.c, and the geometry
 * that geometry.c and score.c share. The Graphviz-facing stages add gv.h;
 * relgraph.h is what they offer main.c.
 */
#ifndef RG_INTERNAL_H
#define RG_INTERNAL_H

#include "relgraph.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#if defined(__GNUC__)
#define RG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define RG_NORETURN __attribute__((noreturn))
#else
#define RG_PRINTF(a, b)
#define RG_NORETURN
/* ---- html.c: the interactive page --------------------------------------- */

/* The page of M around SVG (the finished SVG of its diagram, drawn in the
 * theme THEME, an index into rg_theme_names): malloc'd, owned by the
 * caller. */
char *rg_html_page(const char *svg, size_t svg_len, const rg_model *m,
                   int theme, size_t *out_len);
/* The page's own script and stylesheet, as embedded (src/viewer.js,
 * src/viewer.css); static. */
const char *rg_html_script(size_t *len);
const char *rg_html_style(size_t *len);

#endif


/* ---- util.c: memory, strings ------------------------------------------ */

/* Allocation never fails: out of memory ends the process with a message
 * and exit status 3 (rg_oom). */
void *rg_xmalloc(size_t n);
void *rg_xcalloc(size_t n, size_t size);
void *rg_xrealloc(void *p, size_t n);
/* Array P of N items of SIZE bytes with room for one more: grown (to
 * FIRST items, then twice as many) when N is *CAP, the new room counted
 * in *CAP. */
void *rg_xgrow(void *p, size_t n, size_t *cap, size_t size, size_t first);
char *rg_xstrdup(const char *s);
char *rg_xstrndup(const char *s, size_t n); /* N bytes and a NUL */
/* A point "X,Y" at *S (Graphviz's pos, lp, bb), as sscanf's "%lf,%lf"
 * reads it, without its strlen of the whole rest: *S moved past it;
 * false, and nothing moved, if it is not one. */
bool rg_point_read(const char **s, double *x, double *y);
RG_NORETURN void rg_oom(void);

/* An arena: many small allocations, one free. Owned by whoever made it
 * and by each that rg_arena_keep returned it to: rg_arena_free by the
 * last of them frees it. */
typedef struct rg_arena rg_arena;
rg_arena *rg_arena_new(void);
rg_arena *rg_arena_keep(rg_arena *a);
void rg_arena_free(rg_arena *a);
void *rg_arena_alloc(rg_arena *a, size_t n);      /* zeroed, aligned for
                                                   * any object of N bytes */
char *rg_arena_strndup(rg_arena *a, const char *s, size_t n);
char *rg_arena_printf(rg_arena *a, const char *fmt, ...) RG_PRINTF(2, 3);

/* A growable string, NUL-terminated, whose buf is never NULL when made
 * with RG_BUF_INIT (a zeroed one works too, with a NULL buf until the
 * first write). The owner releases it with rg_buf_free, or takes the
 * string with rg_buf_detach. */
typedef struct rg_buf {
    char *buf;
    size_t len, cap; /* cap 0: buf is rg_buf_empty (or NULL), not owned */
} rg_buf;
extern char rg_buf_empty[1];
/* -1, 0 or 1 as A is below, equal to or above B: qsort's comparators
 * chain it, `(c = RG_CMP(x, y)) || (c = RG_CMP(...))`, key after key. */
#define RG_CMP(a, b) (((a) > (b)) - ((a) < (b)))

#define RG_BUF_INIT {rg_buf_empty, 0, 0}
void rg_buf_add(rg_buf *b, const char *s, size_t n);
void rg_buf_puts(rg_buf *b, const char *s);
void rg_buf_putc(rg_buf *b, char c);
void rg_buf_printf(rg_buf *b, const char *fmt, ...) RG_PRINTF(2, 3);
void rg_buf_vprintf(rg_buf *b, const char *fmt, va_list ap);
void rg_buf_clear(rg_buf *b);               /* empty it, keep its memory */
void rg_buf_free(rg_buf *b);                /* release it; empty again */
char *rg_buf_detach(rg_buf *b, size_t *len); /* malloc'd, the caller's */
/* Framed parts, "<length>\n<bytes>", as a layout child sends them: one
 * appended to B; the one at *P (before END) into *PART and *LEN, *P past
 * it, false when it is not all there. */
void rg_buf_part(rg_buf *b, const char *s, size_t n);
bool rg_part_next(char **p, char *end, char **part, size_t *len);

/* The seeded hash of N bytes at S, for tables keyed by text from a file. */
uint64_t rg_hash(const char *s, size_t n);

/* A string -> index map. Keys are borrowed, not copied: they must outlive
 * the index. */
typedef struct rg_index {
    const char **keys;
    int *values;
    size_t cap, n;
} rg_index;
void rg_index_free(rg_index *ix);
/* Returns the existing value if KEY is present (and stores nothing), else
 * stores VALUE and returns -1. */
int rg_index_put(rg_index *ix, const char *key, int value);
/* Room for N keys in all without growing (a table the same size as N
 * puts would grow it to, made at once). */
void rg_index_reserve(rg_index *ix, size_t n);
int rg_index_get(const rg_index *ix, const char *key); /* -1 if absent */

/* The candidate closest to WORD, or NULL when none is close enough to
 * suggest ("did you mean"). */
const char *rg_suggest(const char *word, const char *const *candidates,
                       size_t n);

/* Decode one UTF-8 sequence at S (N bytes left); returns its length, or 0
 * when it is malformed. */
size_t rg_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* The first character of S that no string may hold (a control character
 * but newline and tab, a noncharacter), or UINT32_MAX; bad UTF-8 counts
 * as U+FFFD. */
uint32_t rg_utf8_first_forbidden(const unsigned char *s, size_t n);
/* U+FDD0..U+FDEF, U+FFFE, U+FFFF and their like in every plane. */
bool rg_utf8_is_noncharacter(uint32_t cp);

/* ---- target.c: what an output path names ----------------------------------- */

typedef enum rg_target_kind {
    RG_TARGET_FILE,   /* a regular file, or none yet: replaced atomically */
    RG_TARGET_DEVICE, /* a character device or a FIFO: written through */
    RG_TARGET_FD      /* a descriptor of relgraph's: "-", /dev/stdout */
} rg_target_kind;

typedef struct rg_target {
    rg_target_kind kind;
    char *path; /* malloc'd: FILE: the file itself, symbolic links followed;
                 * DEVICE: the path to open; FD: NULL */
    int fd;     /* FD: the descriptor */
} rg_target;

/* What PATH names, into T (released with rg_target_free). False, with *WHY
 * set (static text), when relgraph must not write there: a directory, a
 * block device, a socket, a loop of symbolic links. */
bool rg_target_resolve(const char *path, rg_target *t, const char **why);
void rg_target_free(rg_target *t);
/* A mkstemp template for a temporary file beside PATH (a file's path, as
 * resolved): ".NAME.XXXXXX" in its directory, NAME cut so that the name
 * with SUFFIX more bytes still fits in the directory. Malloc'd. */
char *rg_target_temp(const char *path, size_t suffix);

/* ---- stop.c: what a stop signal has to undo ------------------------------ */

/* The layout children the signal must kill: at most RG_STOP_CHILDREN at
 * once, each in its slot (pid 0: none); runner.c's. rg_stop_child is
 * slot 0. */
#define RG_STOP_CHILDREN 16
void rg_stop_child_at(int slot, long pid);
void rg_stop_child(long pid);
/* While held, a stop signal only marks itself pending, for a stage that
 * has files to undo first (io.c's commit); release ends the process by
 * the pending signal, if one came. */
void rg_stop_hold(void);
bool rg_stop_pending(void);
void rg_stop_release(void);

/* ---- diag.c ------------------------------------------------------------ */

void rg_error(rg_diags *d, rg_mark m, const char *fmt, ...) RG_PRINTF(3, 4);
void rg_warning(rg_diags *d, rg_mark m, const char *fmt, ...) RG_PRINTF(3, 4);
void rg_error_nomark(rg_diags *d, const char *fmt, ...) RG_PRINTF(2, 3);
void rg_warning_nomark(rg_diags *d, const char *fmt, ...) RG_PRINTF(2, 3);
void rg_diag_v(rg_diags *d, rg_severity sev, const rg_mark *m,
               const char *fmt, va_list ap);

/* ---- hints.c: what to do about a syntax error ---------------------------- */

/* After libyaml's PROBLEM at AT (its context starting at CONTEXT) in the
 * LEN bytes of DATA: "; " and a hint of the fix, when the text around the
 * error shows a common mistake (tabs, an unquoted ': ' or ' #', a '#'
 * colour, a key indented wrong); else nothing. */
void rg_hint_syntax(rg_buf *b, const char *data, size_t len, const char *problem,
                    rg_mark at, rg_mark context);

/* ---- bidi.c: the direction of a text (relgraph(5), TEXT DIRECTION) ----- */

/* 'L' or 'R' for a strong (letter) character, else 0; fribidi's classes. */
int rg_bidi_strong(uint32_t cp);
/* The direction of N bytes at S when they hold a right-to-left
 * character: 'R' or 'L', that of most of their strong characters (a tie:
 * the first one's); 0 when they hold none (nothing to mark). */
int rg_bidi_base(const char *s, size_t n);
/* A word's direction: of most of its strong characters; 0 for none. */
int rg_bidi_class(const char *s, size_t n);
/* The marks that start and end a line of a text of direction BASE (as
 * rg_bidi_base gives it: 0 writes nothing). */
void rg_bidi_open(rg_buf *b, int base);
void rg_bidi_close(rg_buf *b, int base);
/* TEXT into B, as an isolate (FSI ... PDI) when it holds a right-to-left
 * character: so that the text around it keeps its order. */
void rg_bidi_isolate(rg_buf *b, const char *text);

/* ---- escape.c: every escaper (appended to B) ------------------------------ */

/* XML text and attribute values (SVG): & < > " ' as entities. */
void rg_esc_xml(rg_buf *b, const char *text);
/* The same, with newline, carriage return and tab as character references,
 * which an XML parser keeps in an attribute value (GEXF). */
void rg_esc_xml_attr(rg_buf *b, const char *text);
/* The content of a JSON string inside an HTML page's script block: JSON's
 * escapes, and < > & as \u003c \u003e \u0026. */
void rg_esc_json(rg_buf *b, const char *text);
/* Graphviz's HTML-like labels: XML, and Graphviz's own \N-style escapes;
 * each line with the marks of the text's direction (bidi.c). */
void rg_esc_label(rg_buf *b, const char *text);
/* The same, broken into lines of about WIDTH characters at spaces, in
 * logical order, a run of the other direction kept whole when it fits;
 * only spaces and line breaks: nothing. */
void rg_esc_label_wrapped(rg_buf *b, const char *text, size_t width);
/* Graphviz's plain labels (escString), each line marked the same way. */
void rg_esc_plain(rg_buf *b, const char *text);
/* Markdown inline content and table cells; _start for text that begins a
 * block, where "#", "-", "1." would start a heading or a list. */
void rg_esc_md(rg_buf *b, const char *text);
void rg_esc_md_start(rg_buf *b, const char *text);
/* A message on a terminal: control characters as \xNN (\n, \t), bad
 * UTF-8 as \xNN, bidirectional controls and line and paragraph
 * separators as \uXXXX, cut at MAX bytes with "...". */
void rg_esc_terminal(rg_buf *b, const char *text, size_t len, size_t max);

/* ---- digest.c: SHA-256 and base64 (the HTML page's CSP) ----------------- */

void rg_sha256(const void *data, size_t len, unsigned char out[32]);
/* LEN bytes at DATA in base64, with padding, appended to B. */
void rg_base64(rg_buf *b, const unsigned char *data, size_t len);

/* ---- node.c: the document tree (load.c builds it) --------------------- */

typedef enum rg_node_type { RG_SCALAR, RG_SEQ, RG_MAP } rg_node_type;

typedef struct rg_node rg_node;
/* 16 bytes: a big file has millions. The mark is packed (rg_node_mark
 * unpacks it): the input's limit (RG_MAX_INPUT_BYTES, 2^24) keeps its line
 * and column under 2^25. */
struct rg_node {
    union {
        /* RG_SCALAR: NUL-terminated and holding no NUL (the loader refuses
         * one), so its length is strlen's (rg_node_len). Shared: equal
         * scalars may point at one copy. */
        const char *text;
        /* RG_SEQ, RG_MAP: the children, in one array (rg_item), NULL when
         * there are none; their count before it (rg_node_n). RG_SEQ:
         * items[0..n-1]. RG_MAP: n PAIRS, items[2i] key and items[2i+1]
         * value for i < n (so 2n nodes), after merge keys (<<) are
         * resolved; keys are scalars, unique. An alias is a copy of the
         * node it names: the same children, the anchor's mark. */
        rg_node *items;
    };
    uint32_t line;         /* where the node starts, 0-based (for an alias:
                            * the anchor) */
    unsigned column : 25;  /* 0-based, in characters */
    unsigned type : 2;     /* rg_node_type */
    unsigned plain : 1;    /* RG_SCALAR: plain and untagged, so core schema
                            * typing applies */
};

/* What sits before a collection's array of children. */
typedef struct rg_items_head {
    uint32_t n;      /* list: items; mapping: pairs */
    uint32_t size;   /* the loader's: nodes it stands for with aliases
                      * expanded, saturated */
    uint32_t height; /* the loader's: collections on its deepest path */
    uint32_t first;  /* mapping: bit (c & 31) set for each key's first
                      * byte c, so that most keys a mapping lacks are
                      * known absent without reading its keys */
} rg_items_head;

static inline rg_mark rg_node_mark(const rg_node *n)
{
    return (rg_mark){n->line, n->column};
}

/* Children of a collection (for a mapping, pairs); 0 for a scalar. */
static inline size_t rg_node_n(const rg_node *n)
{
    return n->type == RG_SCALAR || !n->items
               ? 0 : ((const rg_items_head *)n->items - 1)->n;
}

/* Bytes of a scalar's text. */
static inline size_t rg_node_len(const rg_node *n)
{
    return strlen(n->text);
}

/* Child I of collection N (for a mapping, 2i is a key, 2i + 1 its value). */
static inline const rg_node *rg_item(const rg_node *n, size_t i)
{
    return &n->items[i];
}

struct rg_doc {
    rg_arena *arena;   /* owns every node */
    rg_arena *strings; /* the scalars' texts; a model made from the tree
                        * keeps it (rg_arena_keep), so as not to copy them */
    rg_node *root;     /* NULL for an empty document */
    /* From rg_load_partial: loading found errors (rg_validate then reports
     * what it can see, and makes no model); a syntax error cut the tree
     * short at CUT_AT, where the collections at OPEN (their marks, and
     * those of their keys) were still open. */
    bool failed, cut;
    rg_mark cut_at;
    size_t flow_line;  /* the innermost flow collection open there, its
                        * first line; SIZE_MAX for none */
    rg_mark *open;
    size_t n_open;
};
/* True if a collection (or its key) at M was still open where DOC was cut. */
bool rg_doc_open_at(const rg_doc *doc, rg_mark m);

/* The core schema's reading of a scalar's text, whatever its style. */
bool rg_scalar_is(const rg_node *n, const char *s);
bool rg_scalar_is_null(const rg_node *n);
int rg_scalar_bool(const rg_node *n);   /* 1, 0, or -1: not a boolean */
bool rg_scalar_is_int(const rg_node *n);
bool rg_scalar_is_float(const rg_node *n);

/* Typed getters: plain scalars only (a quoted "true" is a string). */
bool rg_node_is_null(const rg_node *n);
bool rg_node_bool(const rg_node *n, bool *out);        /* true/false only */
bool rg_node_int(const rg_node *n, long long *out);    /* decimal */
/* A word for a node's type in messages: "a string", "a list", ... */
const char *rg_node_what(const rg_node *n);
/* Value (or key) of KEY in map N, or NULL. */
const rg_node *rg_map_get(const rg_node *n, const char *key);
const rg_node *rg_map_key(const rg_node *n, const char *key);

/* The field reader: each reports a value of the wrong type or shape in D,
 * at the value's mark. What it returns is the tree's own text (in the
 * document's strings, which the model keeps), or made in ARENA. */
typedef struct rg_reader {
    rg_diags *d;
    rg_arena *arena;
} rg_reader;

typedef uint32_t rg_rgb; /* 0xRRGGBB */
typedef struct rg_date rg_date;

/* A scalar's text for a message: control characters escaped, cut. */
const char *rg_rd_quote(rg_reader *r, const rg_node *n);
const char *rg_rd_copy(rg_reader *r, const rg_node *n);
/* "'name' must be a string, found a list" */
void rg_rd_wrong_type(rg_reader *r, const rg_node *val, const char *key,
                      const char *expected);
/* "WHAT must be a mapping, found ..." unless N is one. */
bool rg_rd_is_map(rg_reader *r, const rg_node *n, const char *what);
/* Keys of MAP not among KEYS (nor x-), with "did you mean". */
void rg_rd_keys(rg_reader *r, const rg_node *map, const char *const *keys,
                size_t n, const char *what);
/* The value of KEY in MAP. NULL / false / -1: absent or refused. */
const char *rg_rd_string(rg_reader *r, const rg_node *map, const char *key);
bool rg_rd_bool(rg_reader *r, const rg_node *map, const char *key, bool *out);
bool rg_rd_date(rg_reader *r, const rg_node *map, const char *key, rg_date *out);
bool rg_rd_color(rg_reader *r, const rg_node *map, const char *key, rg_rgb *out);
const char *rg_rd_url(rg_reader *r, const rg_node *map, const char *key);
/* An index into NAMES; -1 when absent or of the wrong type, -2 when not
 * one of them. */
int rg_rd_enum(rg_reader *r, const rg_node *map, const char *key,
               const rg_names *names);
/* N itself as an id (relgraph(5), IDENTIFIERS), copied; WHAT names it. */
const char *rg_rd_id(rg_reader *r, const rg_node *n, const char *what);
/* N (a scalar) as a URL, reported when refused. */
bool rg_rd_url_ok(rg_reader *r, const rg_node *n);
/* NULL when S is an acceptable URL, else what is wrong with it: static
 * text, or BUF with the code point of the character at fault when it is
 * one outside ASCII ("it contains a non-ASCII space (U+00A0)"). */
typedef char rg_url_why[96];
const char *rg_url_problem(const char *s, rg_url_why buf);
/* True if the LEN bytes at S are an id (relgraph(5), IDENTIFIERS). */
bool rg_id_valid(const char *s, size_t len);

/* ---- model.c: the model's parts, names and dates ------------------------ */

/* The one table of names of each set of choices (relgraph.h declares the
 * ones main.c needs): in the order of their enums. */
extern const rg_names rg_status_names;    /* less RG_STATUS_NONE */
extern const rg_names rg_line_names;      /* less RG_LINE_DOUBLE */
extern const rg_names rg_arrow_names;
extern const rg_names rg_shape_names;
extern const rg_names rg_color_names;     /* the palette */
extern const rg_names rg_font_names;
extern const rg_names rg_alias_names;     /* render.aliases */
extern const rg_rgb rg_palette_rgb[];     /* their colours */

/* Indexes into rg_layout_names, rg_direction_names, rg_theme_names and
 * rg_format_names. */
enum {
    RG_LAYOUT_DOT, RG_LAYOUT_NEATO, RG_LAYOUT_FDP, RG_LAYOUT_SFDP,
    RG_LAYOUT_CIRCO, RG_LAYOUT_TWOPI, RG_LAYOUT_AUTO
};
enum { RG_DIR_TB, RG_DIR_LR, RG_DIR_BT, RG_DIR_RL };
enum { RG_THEME_LIGHT, RG_THEME_DARK, RG_THEME_MONO };
enum { RG_FONT_SANS, RG_FONT_SERIF, RG_FONT_MONO, RG_FONT_COUNT };
enum { RG_ALIASES_NONE, RG_ALIASES_TOOLTIP, RG_ALIASES_BELOW };
enum { RG_ORIENT_AUTO, RG_ORIENT_PORTRAIT, RG_ORIENT_LANDSCAPE };
typedef enum rg_format {
    RG_FORMAT_SVG, RG_FORMAT_PNG, RG_FORMAT_PDF, RG_FORMAT_DOT, RG_FORMAT_GV,
    RG_FORMAT_JSON, RG_FORMAT_MD, RG_FORMAT_HTML, RG_FORMAT_GRAPHML,
    RG_FORMAT_GEXF
} rg_format;

/* Join T's names into B with SEP between them. */
void rg_names_join(rg_buf *b, const rg_names *t, const char *sep);

typedef struct rg_date {
    int year;
    unsigned char month, day; /* 0 when the date names a year or a month */
} rg_date;

/* Parse "YYYY", "YYYY-MM" or "YYYY-MM-DD" (N bytes, a real calendar
 * date); NULL on success, else what is wrong. */
const char *rg_date_parse(const char *s, size_t n, rg_date *out);
/* The first and last day a date names, as YYYYMMDD numbers. */
long rg_date_first(rg_date d);
long rg_date_last(rg_date d);
/* Compare the first and last day a date names. */
int rg_date_cmp_start(rg_date a, rg_date b);
int rg_date_cmp_end(rg_date a, rg_date b);
/* "2007", "2007-05", "2007-05-28" into BUF (at least 11 bytes). */
void rg_date_format(rg_date d, char *buf);

typedef enum rg_line {
    RG_LINE_SOLID, RG_LINE_DASHED, RG_LINE_DOTTED, RG_LINE_BOLD,
    RG_LINE_DOUBLE /* built-in only: allied */
} rg_line;

typedef enum rg_arrow {
    RG_ARROW_NORMAL, RG_ARROW_VEE, RG_ARROW_TEE, RG_ARROW_DOT,
    RG_ARROW_DIAMOND, RG_ARROW_NONE
} rg_arrow;

typedef enum rg_status {
    RG_STATUS_NONE, RG_STATUS_ALLEGED, RG_STATUS_CONFIRMED, RG_STATUS_DENIED,
    RG_STATUS_ENDED
} rg_status;
/* "alleged", ... or NULL for RG_STATUS_NONE. */
const char *rg_status_name(rg_status s);

typedef struct rg_tie_kind {
    const char *id, *label;
    bool directed;
    rg_rgb color;
    rg_line line;
    rg_arrow arrow;
    bool builtin, defined; /* defined: named in the file's kinds.ties */
    rg_mark mark;          /* where defined, if defined */
    size_t uses;
} rg_tie_kind;

typedef struct rg_actor_kind {
    const char *id, *label;
    const char *shape;     /* a Graphviz shape from relgraph's table */
    rg_rgb color, fill;
    bool has_fill;         /* else the fill is a tint of color */
    bool builtin, defined;
    rg_mark mark;
    size_t uses;
} rg_actor_kind;

typedef struct rg_source {
    const char *id;        /* NULL for an anonymous (bare URL) source */
    const char *title, *publisher, *url;
    rg_date date;
    bool has_date;
    rg_mark mark;
    size_t uses;
} rg_source;

typedef struct rg_group {
    const char *id, *name;
    int parent;            /* index, or -1 */
    rg_mark mark;
    size_t uses;           /* actors directly in it, and child groups */
} rg_group;

typedef struct rg_actor {
    const char *id, *name, *role, *note, *url;
    int kind;              /* index into actor_kinds, or -1: plain */
    int group;             /* index, or -1 */
    const char **aliases;
    size_t n_aliases;
    int *sources;          /* indices into sources */
    size_t n_sources;
    rg_mark mark;
    size_t ties;           /* ties it takes part in, or is the subject of */
    bool isolated;         /* `isolated: true`: in no tie, on purpose */
} rg_actor;

/* In the order that leaves no padding (120 bytes): a big file has
 * hundreds of thousands. */
typedef struct rg_tie {
    const char *id;        /* optional, for a stable SVG id; else NULL */
    size_t pos;            /* 1-based position in the file's ties */
    int *parties;          /* from, to; or every party of `between` */
    size_t n_parties;
    const char *label, *note;
    int *sources;
    size_t n_sources;
    rg_mark mark;
    int kind;
    int over;              /* the actor it is about (`over`), or -1 */
    rg_date date, start, end;
    unsigned char status;  /* an rg_status */
    unsigned char weight;  /* 1..5, 0 when not given */
    bool multi;            /* written with `between` */
    bool directed;
    bool has_date, has_start, has_end;
} rg_tie;

typedef struct rg_render_conf {
    const char *layout, *direction, *theme;
    bool legend;
    int labels;           /* RG_LABELS_INLINE, _NOTES, _NONE */
    bool labels_set;      /* written in the file, not the default */
    bool direction_set;   /* likewise */
    bool bundle;          /* ties of one kind between two actors: one edge */
    long long seed;
    int font;             /* index into rg_font_names */
    int aliases;          /* index into rg_alias_names */
    /* The page (page.c); 0: not in the file */
    double page_w, page_h; /* the sheet as given, points */
    double margin;        /* points, when margin_set */
    bool margin_set;
    int orientation;      /* index into rg_orientation_names */
    double dpi;
    double min_font;
} rg_render_conf;

/* The built-in kinds (relgraph(5), KINDS); a file's model starts with
 * copies of them. */
extern const rg_tie_kind rg_builtin_ties[];
extern const size_t rg_builtin_ties_len;
extern const rg_actor_kind rg_builtin_actors[];
extern const size_t rg_builtin_actors_len;

struct rg_model {
    rg_arena *arena;       /* owns everything below, but for the texts
                            * read from the file (STRINGS), and a filtered
                            * model's strings: those stay the original's */
    rg_arena *strings;     /* the document's texts (rg_doc), kept */
    const char *title, *description;
    const char *filtered;  /* what the filters kept ("as of 2007"), or NULL */
    rg_actor *actors;           size_t n_actors;
    rg_tie *ties;               size_t n_ties;
    rg_group *groups;           size_t n_groups;
    rg_source *sources;         size_t n_sources;
    rg_tie_kind *tie_kinds;     size_t n_tie_kinds;
    rg_actor_kind *actor_kinds; size_t n_actor_kinds;
    rg_render_conf render;
};

/* The first and last day tie T names (its date, else its start and end),
 * as YYYYMMDD numbers; false when it has no date at all. */
bool rg_tie_days(const rg_tie *t, long *first, long *last);
/* The N tie indexes at IDX (into TIES) in reading order: dated ties by
 * their first day, then their last, then the file's order; undated ones
 * after, in the file's order (the Markdown summary, the notes' numbers). */
void rg_tie_order(const rg_tie *ties, size_t *idx, size_t n);

/* An actor's shown name: its name, else its id. Plain text. */
const char *rg_actor_name(const rg_actor *a);

/* ---- fonts.c: the pinned fonts (relgraph(5), FONTS) ------------------- */

/* Make relgraph's own fontconfig configuration current (once per
 * process, before any text is measured); false, and the system's stays,
 * when a pinned font file is missing. */
bool rg_fonts_init(void);
/* A warning in D when rg_fonts_init could not pin the fonts. */
void rg_fonts_warn(rg_diags *d);
/* FONT's families as Graphviz's fontname: "DejaVu Sans,Noto Sans CJK SC". */
const char *rg_font_face(int font);
/* The distinct characters of TEXT that no family of FONT draws: the
 * first MAX in OUT, in order; returns how many there are. */
size_t rg_fonts_missing(int font, const char *text, uint32_t *out, size_t max);
/* Once every text to be drawn has been through rg_fonts_missing (the
 * validator's), and before Graphviz measures any: make current the
 * configuration without the fallback files when no text needs them, so
 * that fontconfig sorts six fonts for each size pango asks for rather
 * than every face of the CJK collections too (a fifth of a small
 * drawing's work); the drawing is the same. Only for a process that draws
 * once: pango keeps what it found, so that a text needing them later
 * would not get them. True when the lean one is current. */
bool rg_fonts_lean(void);
/* A warning at MARK when TEXT (of WHAT: "actor 'x'") has characters FONT
 * cannot draw, naming them. */
void rg_fonts_check(rg_diags *d, rg_mark mark, int font, const char *what,
                    const char *text);

/* ---- style.c, for the validator ------------------------------------------ */

/* A warning in D for each tie kind M uses that looks like another in
 * THEME (the same line and arrowhead, and colour but in mono). */
void rg_style_look_alike(const rg_model *m, const char *theme, rg_diags *d);

/* ---- text.c: ties and sources in words (tooltips, Markdown) ---------- */

/* Plain text, unescaped: each caller escapes for its own output. The
 * sentence of T (relgraph(5), KINDS): "United States accuses Iran",
 * "Crocker, Kazemi and al-Rubaie hold talks", "Iran and United States
 * dispute the fate of Seven Iranians"; true when it says T's label
 * itself (else a caller adds it). */
bool rg_text_tie(rg_buf *b, const rg_model *m, const rg_tie *t);
/* The names of the N actors (indexes into M's actors): "A", "A and B",
 * "A, B and C". */
void rg_text_names(rg_buf *b, const rg_model *m, const int *actors, size_t n);
/* "2007-05-28", "2007-01 to 2007-06", "from 2007-01", "until 2008"; false
 * (nothing written) for an undated tie. */
bool rg_text_when(rg_buf *b, const rg_tie *t);
/* "CBS News, 2007-05-28: U.S., Iran Hold Meeting On Iraq Security". */
void rg_text_source(rg_buf *b, const rg_source *s);
/* S without the newlines and spaces that end it (a folded YAML scalar
 * ends in a newline that is not part of the text): malloc'd, the
 * caller's. */
char *rg_text_trimmed(const char *s);

/* ---- svg.c: the evidence in the SVG: ids, classes, tooltips, links ---- */

typedef struct rg_svg_object {
    const char *token;   /* the id Graphviz is given: "rgo12" */
    const char *id;      /* the id in the SVG: "actor-us" */
    const char *classes; /* "actor kind-person" */
    const char *title;   /* tooltip, plain text; NULL for none */
    const char *url;     /* link (validated http(s)), or NULL */
    const char *after;   /* SVG after its group: the ties bundled into this
                          * line, each an empty group of its own id, classes
                          * and tooltip (rg_svg_note_bundled); or NULL */
} rg_svg_object;

typedef struct rg_svg_notes {
    rg_arena *arena;     /* owns the strings */
    rg_svg_object *items; /* owned */
    size_t n, cap;
    const char *title, *desc; /* the document's; borrowed */
    /* The page the SVG is (page.c; 0 x 0: none): its width and height in
     * points, and the viewBox, the canvas in the drawing's own points */
    double page_w, page_h, view_w, view_h;
} rg_svg_notes;

rg_svg_notes *rg_svg_notes_new(void);
void rg_svg_notes_free(rg_svg_notes *n);
/* The id in the SVG of actor A ("actor-us"), and of tie T or, for PARTY
 * >= 0, of the line of multi-party tie T to that party ("tie-3",
 * "tie-3-us"), appended to B: the SVG and the HTML page name them alike,
 * and the validator holds the ties' unique. */
void rg_svg_actor_id(rg_buf *b, const rg_actor *a);
void rg_svg_tie_id(rg_buf *b, const rg_model *m, const rg_tie *t, int party);
/* Record an object; returns the token to give Graphviz as its id. */
const char *rg_svg_note(rg_svg_notes *n, const char *id, const char *classes,
                        const char *title, const char *url);
/* The same for a part of M: an actor, a group, a tie (PARTY < 0) or the
 * line of a multi-party tie to its party PARTY (an index into parties;
 * n_parties: the line to what the tie is about). */
const char *rg_svg_note_actor(rg_svg_notes *n, const rg_model *m,
                              const rg_actor *a);
const char *rg_svg_note_group(rg_svg_notes *n, const rg_group *g);
const char *rg_svg_note_tie(rg_svg_notes *n, const rg_model *m,
                            const rg_tie *t, int party);
/* Tie T drawn as part of the line whose token is TOKEN (bundle.c): after
 * that line's group, an empty <g> with T's id, classes (and "bundled"),
 * data-bundle naming the line's id, and T's tooltip; the line gets the
 * class "bundle". */
void rg_svg_note_bundled(rg_svg_notes *n, const char *token, const rg_model *m,
                         const rg_tie *t);
/* Graphviz's SVG with the notes applied: malloc'd, owned by the caller. */
char *rg_svg_finish(const char *svg, size_t len, const rg_svg_notes *notes,
                    size_t *out_len);

/* ---- geometry.c + score.c: a drawing's plain geometry ------------------- */

/* What a reader of a laid-out drawing sees, in points, y upwards, with
 * no Graphviz type in it, so that score.c can be tested on geometries
 * made by hand: texts (each with its box, font size and owner), node
 * boxes, edges as polylines with their two ends, and group boxes with the
 * nodes each holds. geometry.c makes one from a graph (gv.h); score.c
 * measures it. Everything in it belongs to the rg_geom (rg_geom_free). */
typedef struct rg_box {
    double x0, y0, x1, y1;
} rg_box;

typedef enum rg_owner {
    RG_OWN_NODE, RG_OWN_EDGE, RG_OWN_GROUP, RG_OWN_DRAWING
} rg_owner;

typedef struct rg_gtext {
    rg_box box;          /* the font size tall, a fifth of it below the baseline */
    double size;         /* font size, points */
    rg_owner owner;
    size_t of;           /* the index of its node, edge or group */
} rg_gtext;

typedef struct rg_gnode {
    rg_box box;
    bool drawn;          /* draws a shape: else only its texts count */
} rg_gnode;

typedef struct rg_gedge {
    size_t tail, head;   /* node indices */
    size_t seg, n_segs;  /* its segments: rg_geom.segs[seg ...] */
} rg_gedge;

typedef struct rg_ggroup {
    rg_box box;
    bool boxed;          /* has a box (is drawn as one) */
    size_t member, n_members; /* rg_geom.members[member ...], ascending */
} rg_ggroup;

typedef struct rg_geom {
    rg_box bb;           /* the whole drawing */
    rg_gtext *texts;
    rg_gnode *nodes;
    rg_gedge *edges;
    rg_ggroup *groups;
    rg_box *segs;        /* a segment (x0, y0) -> (x1, y1), in an rg_box */
    size_t *members;
    size_t n_texts, n_nodes, n_edges, n_groups, n_segs, n_members;
    size_t cap_texts, cap_nodes, cap_edges, cap_groups, cap_segs, cap_members;
} rg_geom;

/* Building one by hand (the tests) or from a graph (geometry.c). Each
 * returns the new object's index. */
rg_geom *rg_geom_new(void);
void rg_geom_free(rg_geom *g);
size_t rg_geom_node(rg_geom *g, rg_box box, bool drawn);
size_t rg_geom_edge(rg_geom *g, size_t tail, size_t head);
/* A text of width W from (X, Y) on its baseline, aligned 'l', 'r' or
 * centred; "" or only spaces (TEXT) and W <= 0 add nothing (returns
 * (size_t)-1). */
size_t rg_geom_text(rg_geom *g, rg_owner owner, size_t of, double x,
                    double y, double w, double size, char align,
                    const char *text);
/* Append the polyline P[0..N) to the last edge added (repeated points
 * dropped); rg_geom_bezier samples a piecewise cubic Bezier of 3k + 1
 * points first (anything else is a polyline). */
void rg_geom_polyline(rg_geom *g, const double (*p)[2], size_t n);
void rg_geom_bezier(rg_geom *g, const double (*p)[2], size_t n);
/* A group and, after it, its members (any order; sorted by rg_geom_done). */
size_t rg_geom_group(rg_geom *g, rg_box box, bool boxed);
void rg_geom_member(rg_geom *g, size_t node);
void rg_geom_done(rg_geom *g);

/* The pure geometry score.c measures with, exposed for the tests. */
bool rg_seg_enters(const rg_box *s, const rg_box *box);
bool rg_seg_meet(const rg_box *s, const rg_box *u, double *x, double *y);
double rg_seg_box_distance(const rg_box *s, const rg_box *box);

/* A uniform grid of boxes (score.c), to find what is near a box without
 * looking at everything: each cell lists the items whose box meets it
 * (start[c] .. start[c+1] in items); a prefilter only, so its cell size
 * changes no answer. Its arrays belong to it (rg_grid_free). */
typedef struct rg_grid {
    double x0, y0, cell;
    size_t nx, ny;
    size_t *start, *items;
} rg_grid;

/* A grid of the N boxes BOX(ctx, i) that are not NULL. */
void rg_grid_build(rg_grid *gr, size_t n, const rg_box *(*box)(const void *, size_t),
                   const void *ctx);
void rg_grid_free(rg_grid *gr);
/* The cells B covers, clamped to the grid: x from r[0] to r[2], y from
 * r[1] to r[3]. */
void rg_grid_cells(const rg_grid *gr, const rg_box *b, size_t r[4]);

/* Runs the statements after ITEM for each item in a cell that box B
 * meets, each once (MARK, one entry per item, is set to STAMP for those
 * already seen; `continue` goes on to the next item). */
#define RG_GRID_EACH(gr, b, mark, stamp, item, ...)                           \
    do {                                                                      \
        size_t r_[4];                                                         \
        rg_grid_cells((gr), (b), r_);                                         \
        for (size_t y_ = r_[1]; y_ <= r_[3]; y_++)                            \
            for (size_t x_ = r_[0]; x_ <= r_[2]; x_++) {                      \
                size_t c_ = y_ * (gr)->nx + x_;                               \
                for (size_t k_ = (gr)->start[c_]; k_ < (gr)->start[c_ + 1];   \
                     k_++) {                                                  \
                    size_t item = (gr)->items[k_];                            \
                    if ((mark)[item] == (stamp))                              \
                        continue;                                             \
                    (mark)[item] = (stamp);                                   \
                    __VA_ARGS__                                               \
                }                                                             \
            }                                                                 \
    } while (0)

/* ---- html.c: the interactive page --------------------------------------- */

/* The page of M around SVG (the finished SVG of its diagram, drawn in the
 * theme THEME, an index into rg_theme_names): malloc'd, owned by the
 * caller. */
char *rg_html_page(const char *svg, size_t svg_len, const rg_model *m,
                   int theme, size_t *out_len);
/* The page's own script and stylesheet, as embedded (src/viewer.js,
 * src/viewer.css); static. */
const char *rg_html_script(size_t *len);
const char *rg_html_style(size_t *len);

#endif
