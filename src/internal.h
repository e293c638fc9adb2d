/*
 * internal.h - types shared by relgraph's stages and by its tests.
 * Not installed: the public interface is relgraph.h.
 */
#ifndef RG_INTERNAL_H
#define RG_INTERNAL_H

#include "relgraph.h"

#include <stdarg.h>
#include <stdint.h>

#if defined(__GNUC__)
#define RG_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define RG_NORETURN __attribute__((noreturn))
#else
#define RG_PRINTF(a, b)
#define RG_NORETURN
#endif


/* ---- util.c: memory, strings ------------------------------------------ */

/* Allocation never fails: out of memory ends the process with a message
 * and exit status 3 (rg_oom). */
void *rg_xmalloc(size_t n);
void *rg_xcalloc(size_t n, size_t size);
void *rg_xrealloc(void *p, size_t n);
char *rg_xstrdup(const char *s);
RG_NORETURN void rg_oom(void);

/* An arena: many small allocations, one free. Owned by whoever made it. */
typedef struct rg_arena rg_arena;
rg_arena *rg_arena_new(void);
void rg_arena_free(rg_arena *a);
void *rg_arena_alloc(rg_arena *a, size_t n);      /* zeroed, aligned for
                                                   * any object of N bytes */
char *rg_arena_strndup(rg_arena *a, const char *s, size_t n);
char *rg_arena_printf(rg_arena *a, const char *fmt, ...) RG_PRINTF(2, 3);

/* A growable string; the owner frees buf with free(). */
typedef struct rg_buf {
    char *buf;
    size_t len, cap;
} rg_buf;
void rg_buf_add(rg_buf *b, const char *s, size_t n);
void rg_buf_puts(rg_buf *b, const char *s);
void rg_buf_putc(rg_buf *b, char c);
void rg_buf_printf(rg_buf *b, const char *fmt, ...) RG_PRINTF(2, 3);

/* The candidate closest to WORD, or NULL when none is close enough to
 * suggest ("did you mean"). */
const char *rg_suggest(const char *word, const char *const *candidates,
                       size_t n);

/* Decode one UTF-8 sequence at S (N bytes left); returns its length, or 0
 * when it is malformed. */
size_t rg_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);

/* ---- diag.c ------------------------------------------------------------ */

void rg_error(rg_diags *d, rg_mark m, const char *fmt, ...) RG_PRINTF(3, 4);
void rg_warning(rg_diags *d, rg_mark m, const char *fmt, ...) RG_PRINTF(3, 4);
void rg_error_nomark(rg_diags *d, const char *fmt, ...) RG_PRINTF(2, 3);
void rg_warning_nomark(rg_diags *d, const char *fmt, ...) RG_PRINTF(2, 3);
void rg_diag_v(rg_diags *d, rg_severity sev, const rg_mark *m,
               const char *fmt, va_list ap);
/* Write TEXT into B for a message: control characters become \xNN, and it
 * is cut at MAX bytes with "...". */
void rg_quote_text(rg_buf *b, const char *text, size_t len, size_t max);

/* ---- load.c: the document tree ---------------------------------------- */

typedef enum rg_node_type { RG_SCALAR, RG_SEQ, RG_MAP } rg_node_type;

typedef struct rg_node rg_node;
struct rg_node {
    rg_node_type type;
    /* RG_SCALAR (plain sits here, not below, to keep a node at 56 bytes:
     * a big file has millions) */
    bool plain;        /* plain and untagged: core schema typing applies */
    rg_mark mark;      /* where the node starts (for an alias: the anchor) */
    /* RG_SCALAR */
    const char *text;  /* NUL-terminated; may contain no NUL (refused) */
    size_t len;
    /* RG_SEQ: items[0..n-1]. RG_MAP: n PAIRS, items[2i] key and
     * items[2i+1] value for i < n (so 2n pointers), after merge keys (<<)
     * are resolved; keys are scalars, unique. */
    rg_node **items;
    size_t n;          /* list: items; mapping: pairs */
};

struct rg_doc {
    rg_arena *arena; /* owns every node and string */
    rg_node *root;   /* NULL for an empty document */
};

/* Core-schema reading of a scalar. */
bool rg_node_is_null(const rg_node *n);
bool rg_node_bool(const rg_node *n, bool *out);        /* true/false only */
bool rg_node_int(const rg_node *n, long long *out);    /* decimal */
/* A word for a node's type in messages: "a string", "a list", ... */
const char *rg_node_what(const rg_node *n);
/* Value of KEY in map N, or NULL. */
const rg_node *rg_map_get(const rg_node *n, const char *key);

/* ---- validate.c: the model -------------------------------------------- */

typedef struct rg_date {
    int year, month, day; /* month/day 0 when the date names a year/month */
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

typedef uint32_t rg_rgb; /* 0xRRGGBB */

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
    size_t ties;           /* ties it takes part in */
} rg_actor;

typedef struct rg_tie {
    const char *id;        /* optional, for a stable SVG id; else NULL */
    size_t pos;            /* 1-based position in the file's ties */
    int kind;
    int *parties;          /* from, to; or every party of `between` */
    size_t n_parties;
    bool multi;            /* written with `between` */
    const char *label, *note;
    bool directed;
    bool has_date, has_start, has_end;
    rg_date date, start, end;
    rg_status status;
    int weight;            /* 1..5, 0 when not given */
    int *sources;
    size_t n_sources;
    rg_mark mark;
} rg_tie;

typedef struct rg_render_conf {
    const char *layout, *direction, *theme;
    bool legend, edge_labels;
    bool edge_labels_set; /* written in the file, not the default */
    long long seed;
} rg_render_conf;

struct rg_model {
    rg_arena *arena;       /* owns everything below, but for a filtered
                            * model's strings: those stay the original's */
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

/* ---- text.c: ties and sources in words (tooltips, Markdown) ---------- */

/* Plain text, unescaped: each caller escapes for its own output. */
const char *rg_actor_name(const rg_actor *a);
/* "United States accuses Iran", "Crocker holds talks with Kazemi and
 * al-Rubaie". */
void rg_text_tie(rg_buf *b, const rg_model *m, const rg_tie *t);
/* "2007-05-28", "2007-01 to 2007-06", "from 2007-01", "until 2008"; false
 * (nothing written) for an undated tie. */
bool rg_text_when(rg_buf *b, const rg_tie *t);
/* "alleged", ... or NULL. */
const char *rg_status_name(rg_status s);
/* "CBS News, 2007-05-28: U.S., Iran Hold Meeting On Iraq Security". */
void rg_text_source(rg_buf *b, const rg_source *s);

/* ---- svg.c: ids, classes, tooltips and links in the SVG ------------- */

typedef struct rg_svg_object {
    const char *token;   /* the id Graphviz is given: "rgo12" */
    const char *id;      /* the id in the SVG: "actor-us" */
    const char *classes; /* "actor kind-person" */
    const char *title;   /* tooltip, plain text; NULL for none */
    const char *url;     /* link (validated http(s)), or NULL */
} rg_svg_object;

typedef struct rg_svg_notes {
    rg_arena *arena;     /* owns the strings */
    rg_svg_object *items; /* owned */
    size_t n, cap;
    const char *title, *desc; /* the document's; borrowed */
} rg_svg_notes;

rg_svg_notes *rg_svg_notes_new(void);
void rg_svg_notes_free(rg_svg_notes *n);
/* Record an object; returns the token to give Graphviz as its id. */
const char *rg_svg_note(rg_svg_notes *n, const char *id, const char *classes,
                        const char *title, const char *url);
/* Graphviz's SVG with the notes applied: malloc'd, owned by the caller. */
char *rg_svg_finish(const char *svg, size_t len, const rg_svg_notes *notes,
                    size_t *out_len);
void rg_xml_escape(rg_buf *b, const char *text);
void rg_xml_putc(rg_buf *b, char c); /* one character, escaped */

/* Tables shared by validation, the builder and the schema. */
typedef struct rg_named_color { const char *name; rg_rgb rgb; } rg_named_color;
extern const rg_named_color rg_palette[];
extern const size_t rg_palette_len;
extern const char *const rg_shapes[];
extern const size_t rg_shapes_len;
extern const char *const rg_layouts[];
extern const size_t rg_layouts_len;
extern const char *const rg_directions[];
extern const size_t rg_directions_len;
extern const char *const rg_themes[];
extern const size_t rg_themes_len;



/* ---- util.c: string -> index map (ids) --------------------------------- */

/* Keys are borrowed, not copied: they must outlive the index. */
typedef struct rg_index {
    const char **keys;
    int *values;
    size_t cap, n;
} rg_index;
void rg_index_free(rg_index *ix);
/* Returns the existing value if KEY is present (and stores nothing), else
 * stores VALUE and returns -1. */
int rg_index_put(rg_index *ix, const char *key, int value);
int rg_index_get(const rg_index *ix, const char *key); /* -1 if absent */
#endif
