/*
 * validate.c - the document tree against the schema of SPEC section 1,
 * into a model of actors, ties, kinds, groups and sources.
 *
 * Every problem is reported (up to RG_MAX_ERRORS) before giving up, so a
 * user fixes a file in one round. The model and everything in it belong to
 * the model's arena; rg_model_free releases it. Strings in the model point
 * into the document's arena only during validation: they are copied.
 */
#include "internal.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- tables ------------------------------------------------------------ */

/* Okabe-Ito: distinguishable with every common colour-vision deficiency. */
const rg_named_color rg_palette[] = {
    {"black", 0x000000},  {"orange", 0xE69F00},     {"skyblue", 0x56B4E9},
    {"green", 0x009E73},  {"yellow", 0xF0E442},     {"blue", 0x0072B2},
    {"vermillion", 0xD55E00}, {"purple", 0xCC79A7}, {"gray", 0x999999},
};
const size_t rg_palette_len = sizeof rg_palette / sizeof rg_palette[0];

const char *const rg_shapes[] = {
    "box", "ellipse", "circle", "diamond", "hexagon", "octagon",
    "house", "note", "tab", "folder", "cylinder", "box3d",
};
const size_t rg_shapes_len = sizeof rg_shapes / sizeof rg_shapes[0];

const char *const rg_layouts[] = {"dot", "neato", "fdp", "sfdp",
                                  "circo", "twopi", "auto"};
const size_t rg_layouts_len = sizeof rg_layouts / sizeof rg_layouts[0];
const char *const rg_directions[] = {"TB", "LR", "BT", "RL"};
const size_t rg_directions_len = sizeof rg_directions / sizeof rg_directions[0];
const char *const rg_themes[] = {"light", "dark", "mono"};
const size_t rg_themes_len = sizeof rg_themes / sizeof rg_themes[0];

static const char *const line_names[] = {"solid", "dashed", "dotted", "bold"};
static const char *const arrow_names[] = {"normal", "vee", "tee",
                                          "dot", "diamond", "none"};
static const char *const status_names[] = {"alleged", "confirmed",
                                           "denied", "ended"};

/* Built-in tie kinds: each has its own colour and its own line or
 * arrowhead, so that kinds stay apart in grayscale too. */
#define TIE(i, l, dir, c, ln, ar) \
    {.id = i, .label = l, .directed = dir, .color = c, .line = ln, .arrow = ar}
#define ACTOR(i, l, sh, c) {.id = i, .label = l, .shape = sh, .color = c}

static const rg_tie_kind builtin_ties[] = {
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
};

static const rg_actor_kind builtin_actors[] = {
    ACTOR("person", "person", "ellipse", 0x0072B2),
    ACTOR("country", "country", "box", 0x000000),
    ACTOR("organization", "organization", "box3d", 0x009E73),
    ACTOR("group", "armed or non-state group", "hexagon", 0xD55E00),
    ACTOR("media", "media", "note", 0xCC79A7),
    ACTOR("event", "event", "octagon", 0xE69F00),
};

#define N_BUILTIN_TIES (sizeof builtin_ties / sizeof builtin_ties[0])
#define N_BUILTIN_ACTORS (sizeof builtin_actors / sizeof builtin_actors[0])

/* The keys each object takes. Keys starting with "x-" are extensions. */
static const char *const top_keys[] = {"relgraph", "title", "description",
    "sources", "groups", "kinds", "actors", "ties", "render"};
static const char *const source_keys[] = {"title", "publisher", "date", "url"};
static const char *const group_keys[] = {"name", "parent"};
static const char *const kinds_keys[] = {"ties", "actors"};
static const char *const tie_kind_keys[] = {"label", "directed", "color",
                                            "line", "arrow"};
static const char *const actor_kind_keys[] = {"label", "shape", "color", "fill"};
static const char *const actor_keys[] = {"id", "name", "kind", "role", "group",
    "aliases", "note", "url", "source", "sources"};
static const char *const tie_keys[] = {"id", "from", "to", "between", "kind",
    "label", "directed", "date", "start", "end", "status", "weight", "note",
    "source", "sources"};
static const char *const render_keys[] = {"layout", "direction", "theme",
    "legend", "edge_labels", "seed"};

#define LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---- the validator's state ------------------------------------------------ */

typedef struct vstate {
    rg_diags *d;
    rg_model *m;
    rg_arena *arena;
    rg_index actor_ix, group_ix, source_ix, url_ix, tie_kind_ix, actor_kind_ix;
    rg_index tie_ix; /* explicit tie ids -> position in the file */
    rg_mark *tie_id_marks; /* made on the first tie id */
    size_t n_tie_items;
    size_t cap_sources;
    bool list_form;
    /* For finding duplicates in one pass: the last tie (+1) that named
     * each actor, and the last reference list (a stamp) that named each
     * source. */
    size_t *party_seen;
    size_t *source_seen, cap_source_seen, source_stamp;
    size_t suggest_left; /* candidates "did you mean" may still weigh */
} vstate;

/* Text of a scalar for a message: control characters escaped, cut. */
static const char *q(vstate *st, const rg_node *n)
{
    if (!n || n->type != RG_SCALAR)
        return "";
    rg_buf b = {0};
    rg_quote_text(&b, n->text, n->len, 80);
    char *s = rg_arena_strndup(st->arena, b.buf ? b.buf : "", b.len);
    free(b.buf);
    return s;
}

static char *copy(vstate *st, const rg_node *n)
{
    return rg_arena_strndup(st->arena, n->text, n->len);
}

/* "'name' must be a string, found a list" */
static void wrong_type(vstate *st, const rg_node *val, const char *key,
                       const char *expected)
{
    if (val->type == RG_SCALAR && !rg_node_is_null(val))
        rg_error(st->d, val->mark, "'%s' must be %s, found '%s'", key,
                 expected, q(st, val));
    else
        rg_error(st->d, val->mark, "'%s' must be %s, found %s", key, expected,
                 rg_node_what(val));
}

static bool is_map(vstate *st, const rg_node *n, const char *what)
{
    if (n->type == RG_MAP)
        return true;
    rg_error(st->d, n->mark, "%s must be a mapping, found %s", what,
             rg_node_what(n));
    return false;
}

/* Unknown keys, with a suggestion from the keys the object takes. */
static void check_keys(vstate *st, const rg_node *map, const char *const *keys,
                       size_t n, const char *what)
{
    for (size_t i = 0; i < map->n; i++) {
        const rg_node *k = map->items[2 * i];
        if (strncmp(k->text, "x-", 2) == 0)
            continue;
        bool known = false;
        for (size_t j = 0; j < n && !known; j++)
            known = strcmp(k->text, keys[j]) == 0;
        if (known)
            continue;
        const char *s = rg_suggest(k->text, keys, n);
        if (s)
            rg_error(st->d, k->mark, "unknown key '%s' in %s; did you mean '%s'?",
                     q(st, k), what, s);
        else
            rg_error(st->d, k->mark, "unknown key '%s' in %s", q(st, k), what);
    }
}

static const char *get_string(vstate *st, const rg_node *map, const char *key)
{
    const rg_node *val = rg_map_get(map, key);
    if (!val)
        return NULL;
    if (val->type != RG_SCALAR || rg_node_is_null(val)) {
        wrong_type(st, val, key, "a string");
        return NULL;
    }
    return copy(st, val);
}

static bool get_bool(vstate *st, const rg_node *map, const char *key, bool *out)
{
    const rg_node *val = rg_map_get(map, key);
    if (!val)
        return false;
    if (!rg_node_bool(val, out)) {
        wrong_type(st, val, key, "true or false");
        return false;
    }
    return true;
}

static bool valid_id(const char *s, size_t len)
{
    if (len == 0 || len > 128)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c == '_' ||
                  (i > 0 && (c == '.' || c == '-'));
        if (!ok)
            return false;
    }
    return true;
}

/* An id as a key or a value: a non-empty scalar of the id pattern. */
static const char *get_id(vstate *st, const rg_node *n, const char *what)
{
    if (n->type != RG_SCALAR || rg_node_is_null(n)) {
        rg_error(st->d, n->mark, "%s must be an id, found %s", what,
                 rg_node_what(n));
        return NULL;
    }
    if (!valid_id(n->text, n->len)) {
        rg_error(st->d, n->mark,
                 "invalid %s '%s': use letters, digits, '_', '.' and '-' "
                 "(not first), at most 128 characters",
                 what, q(st, n));
        return NULL;
    }
    return copy(st, n);
}

/* One of NAMES; returns its index or -1 (after an error). */
static int get_enum(vstate *st, const rg_node *map, const char *key,
                    const char *const *names, size_t n, const char *what)
{
    const rg_node *val = rg_map_get(map, key);
    if (!val)
        return -1;
    if (val->type != RG_SCALAR || rg_node_is_null(val)) {
        wrong_type(st, val, key, what);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        if (strcmp(val->text, names[i]) == 0)
            return (int)i;
    const char *s = rg_suggest(val->text, names, n);
    if (s) {
        rg_error(st->d, val->mark, "invalid %s '%s'; did you mean '%s'?", key,
                 q(st, val), s);
    } else {
        rg_buf b = {0};
        for (size_t i = 0; i < n; i++)
            rg_buf_printf(&b, "%s%s", i ? ", " : "", names[i]);
        rg_error(st->d, val->mark, "invalid %s '%s'; expected one of: %s", key,
                 q(st, val), b.buf);
        free(b.buf);
    }
    return -2;
}

/* "Did you mean" weighs the word against every candidate: with many ids
 * and many unknown ones that is errors x ids edit distances, minutes for a
 * hostile file. A budget of candidates per file keeps it to a second or
 * so (every suggestion for a file of up to 5,000 ids); past it, errors
 * come without a suggestion. */
#define SUGGEST_BUDGET 500000u

static const char *suggest(vstate *st, const char *word,
                           const char *const *candidates, size_t n)
{
    if (n > st->suggest_left)
        return NULL;
    st->suggest_left -= n;
    return rg_suggest(word, candidates, n);
}

/* "unknown actor 'irn'; did you mean 'iran'?" The candidates are the ids
 * of N objects of STRIDE bytes whose id pointer sits at OFFSET. */
static void unknown_id(vstate *st, const rg_node *n, const char *what,
                       const void *base, size_t count, size_t stride,
                       size_t offset)
{
    const char **ids = rg_xmalloc((count + 1) * sizeof *ids);
    size_t c = 0;
    for (size_t i = 0; i < count; i++) {
        const char *id = *(const char *const *)((const char *)base + i * stride + offset);
        if (id)
            ids[c++] = id;
    }
    const char *s = suggest(st, n->text, ids, c);
    if (s)
        rg_error(st->d, n->mark, "unknown %s '%s'; did you mean '%s'?", what,
                 q(st, n), s);
    else
        rg_error(st->d, n->mark, "unknown %s '%s'", what, q(st, n));
    free(ids);
}

#define UNKNOWN(st, n, what, type, arr, count) \
    unknown_id(st, n, what, arr, count, sizeof(type), offsetof(type, id))

/* ---- dates --------------------------------------------------------------- */

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

static bool get_date(vstate *st, const rg_node *map, const char *key, rg_date *out)
{
    const rg_node *val = rg_map_get(map, key);
    if (!val)
        return false;
    if (val->type != RG_SCALAR || rg_node_is_null(val)) {
        wrong_type(st, val, key, "a date (YYYY, YYYY-MM or YYYY-MM-DD)");
        return false;
    }
    const char *why = rg_date_parse(val->text, val->len, out);
    if (why) {
        rg_error(st->d, val->mark, "invalid date '%s': %s", q(st, val), why);
        return false;
    }
    return true;
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

/* ---- colours and URLs ---------------------------------------------------- */

static bool hexval(char c, int *out)
{
    if (c >= '0' && c <= '9')
        *out = c - '0';
    else if (c >= 'a' && c <= 'f')
        *out = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
        *out = c - 'A' + 10;
    else
        return false;
    return true;
}

static bool parse_color(const char *s, rg_rgb *out)
{
    size_t n = strlen(s);
    if (s[0] == '#' && (n == 4 || n == 7)) {
        rg_rgb v = 0;
        for (size_t i = 1; i < n; i++) {
            int h;
            if (!hexval(s[i], &h))
                return false;
            v = (v << 4) | (rg_rgb)h;
            if (n == 4)
                v = (v << 4) | (rg_rgb)h; /* #abc is #aabbcc */
        }
        *out = v;
        return true;
    }
    for (size_t i = 0; i < rg_palette_len; i++) {
        if (strcmp(s, rg_palette[i].name) == 0) {
            *out = rg_palette[i].rgb;
            return true;
        }
    }
    return false;
}

static bool get_color(vstate *st, const rg_node *map, const char *key, rg_rgb *out)
{
    const rg_node *val = rg_map_get(map, key);
    if (!val)
        return false;
    if (val->type == RG_SCALAR && rg_node_is_null(val)) {
        rg_error(st->d, val->mark,
                 "'%s' must be a colour, found null (quote '#RRGGBB' colours: "
                 "an unquoted # starts a comment)", key);
        return false;
    }
    if (val->type != RG_SCALAR) {
        wrong_type(st, val, key, "a colour");
        return false;
    }
    if (parse_color(val->text, out))
        return true;
    const char *names[LEN(rg_palette)];
    for (size_t i = 0; i < rg_palette_len; i++)
        names[i] = rg_palette[i].name;
    const char *s = val->text[0] == '#' ? NULL
                                        : rg_suggest(val->text, names, rg_palette_len);
    if (s)
        rg_error(st->d, val->mark, "invalid colour '%s'; did you mean '%s'?",
                 q(st, val), s);
    else
        rg_error(st->d, val->mark,
                 "invalid colour '%s': expected #RGB, #RRGGBB or one of: black, "
                 "orange, skyblue, green, yellow, blue, vermillion, purple, gray",
                 q(st, val));
    return false;
}

/* NULL when the URL is acceptable, else what is wrong with it. */
static const char *url_problem(const char *s)
{
    size_t skip;
    if (strncasecmp(s, "https://", 8) == 0)
        skip = 8;
    else if (strncasecmp(s, "http://", 7) == 0)
        skip = 7;
    else
        return "only http and https URLs are allowed";
    if (s[skip] == '\0' || s[skip] == '/' || s[skip] == '?' || s[skip] == '#')
        return "it has no host";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': case '\'': case '`': return "it contains a quote";
        case '<': return "it contains '<'";
        case '>': return "it contains '>'";
        case ' ': return "it contains a space";
        case '\\': return "it contains a backslash";
        default:
            if (*p < 0x20 || *p == 0x7F)
                return "it contains a control character";
        }
    }
    return NULL;
}

static const char *get_url(vstate *st, const rg_node *map, const char *key)
{
    const rg_node *val = rg_map_get(map, key);
    if (!val)
        return NULL;
    if (val->type != RG_SCALAR || rg_node_is_null(val)) {
        wrong_type(st, val, key, "an http(s) URL");
        return NULL;
    }
    const char *why = url_problem(val->text);
    if (why) {
        rg_error(st->d, val->mark, "invalid URL '%s': %s", q(st, val), why);
        return NULL;
    }
    return copy(st, val);
}

/* ---- sources --------------------------------------------------------------- */

static void read_sources(vstate *st, const rg_node *top)
{
    const rg_node *map = rg_map_get(top, "sources");
    size_t n = map && map->type == RG_MAP ? map->n : 0;
    /* Anonymous sources (bare URLs) are added as they are met: see
     * add_source. */
    rg_model *m = st->m;
    st->cap_sources = n + 16;
    m->sources = rg_arena_alloc(st->arena, st->cap_sources * sizeof *m->sources);
    if (map && !is_map(st, map, "'sources'"))
        return;
    for (size_t i = 0; i < n; i++) {
        const rg_node *k = map->items[2 * i], *val = map->items[2 * i + 1];
        const char *id = get_id(st, k, "source id");
        if (!is_map(st, val, "a source"))
            continue;
        check_keys(st, val, source_keys, LEN(source_keys), "source");
        rg_source *s = &m->sources[m->n_sources];
        s->id = id;
        s->mark = k->mark;
        s->title = get_string(st, val, "title");
        if (!rg_map_get(val, "title"))
            rg_error(st->d, k->mark, "source '%s' needs a 'title'", q(st, k));
        s->publisher = get_string(st, val, "publisher");
        s->has_date = get_date(st, val, "date", &s->date);
        s->url = get_url(st, val, "url");
        if (id)
            rg_index_put(&st->source_ix, id, (int)m->n_sources);
        m->n_sources++;
    }
}

/* Room for one more source. The array grows in the arena (the old one
 * stays there, unused: at most as much again), so that a file whose every
 * tie cites a URL of its own costs no more than it needs. */
static rg_source *add_source(vstate *st)
{
    rg_model *m = st->m;
    if (m->n_sources == st->cap_sources) {
        rg_source *grown = rg_arena_alloc(st->arena, 2 * st->cap_sources *
                                                         sizeof *grown);
        memcpy(grown, m->sources, m->n_sources * sizeof *grown);
        m->sources = grown;
        st->cap_sources *= 2;
    }
    return &m->sources[m->n_sources++];
}

/* True the first time source IDX is named in the reference list STAMP. */
static bool first_mention(vstate *st, int idx, size_t stamp)
{
    size_t i = (size_t)idx;
    if (i >= st->cap_source_seen) {
        size_t cap = st->cap_source_seen ? st->cap_source_seen : 64;
        while (cap <= i)
            cap *= 2;
        st->source_seen = rg_xrealloc(st->source_seen, cap * sizeof *st->source_seen);
        memset(st->source_seen + st->cap_source_seen, 0,
               (cap - st->cap_source_seen) * sizeof *st->source_seen);
        st->cap_source_seen = cap;
    }
    if (st->source_seen[i] == stamp)
        return false;
    st->source_seen[i] = stamp;
    return true;
}

/* `source: X` or `sources: [X, Y]`: ids of `sources`, or bare URLs. */
static void read_refs(vstate *st, const rg_node *map, int **out, size_t *n_out)
{
    const rg_node *one = rg_map_get(map, "source");
    const rg_node *many = rg_map_get(map, "sources");
    if (one && many) {
        rg_error(st->d, many->mark, "'source' and 'sources' cannot both be given");
        return;
    }
    const rg_node *const *items = NULL;
    size_t n = 0;
    if (one) {
        items = &one;
        n = 1;
    } else if (many) {
        if (many->type != RG_SEQ) {
            wrong_type(st, many, "sources", "a list of source ids");
            return;
        }
        items = (const rg_node *const *)many->items;
        n = many->n;
    }
    if (n == 0)
        return;
    int *refs = rg_arena_alloc(st->arena, n * sizeof *refs);
    size_t k = 0;
    rg_model *m = st->m;
    size_t stamp = ++st->source_stamp;
    for (size_t i = 0; i < n; i++) {
        const rg_node *it = items[i];
        if (it->type != RG_SCALAR || rg_node_is_null(it)) {
            rg_error(st->d, it->mark, "a source must be a source id or a URL, found %s",
                     rg_node_what(it));
            continue;
        }
        int idx;
        if (strchr(it->text, ':')) {
            const char *why = url_problem(it->text);
            if (why) {
                rg_error(st->d, it->mark, "invalid URL '%s': %s", q(st, it), why);
                continue;
            }
            idx = rg_index_get(&st->url_ix, it->text);
            if (idx < 0) {
                rg_source *s = add_source(st);
                s->url = s->title = copy(st, it);
                s->mark = it->mark;
                idx = (int)m->n_sources - 1;
                rg_index_put(&st->url_ix, s->url, idx);
            }
        } else {
            idx = rg_index_get(&st->source_ix, it->text);
            if (idx < 0) {
                UNKNOWN(st, it, "source", rg_source, m->sources, m->n_sources);
                continue;
            }
        }
        /* The same source twice is harmless: keep it once. */
        if (first_mention(st, idx, stamp))
            refs[k++] = idx;
        m->sources[idx].uses++;
    }
    *out = refs;
    *n_out = k;
}

/* ---- groups ------------------------------------------------------------- */

static void read_groups(vstate *st, const rg_node *top)
{
    const rg_node *map = rg_map_get(top, "groups");
    if (!map || !is_map(st, map, "'groups'"))
        return;
    rg_model *m = st->m;
    m->groups = rg_arena_alloc(st->arena, (map->n + 1) * sizeof *m->groups);
    const rg_node **parents = rg_xcalloc(map->n + 1, sizeof *parents);
    for (size_t i = 0; i < map->n; i++) {
        const rg_node *k = map->items[2 * i], *val = map->items[2 * i + 1];
        const char *id = get_id(st, k, "group id");
        rg_group *g = &m->groups[m->n_groups];
        g->id = id ? id : copy(st, k);
        g->mark = k->mark;
        g->parent = -1;
        if (val->type != RG_SCALAR || !rg_node_is_null(val)) {
            if (!is_map(st, val, "a group"))
                continue;
            check_keys(st, val, group_keys, LEN(group_keys), "group");
            g->name = get_string(st, val, "name");
            parents[m->n_groups] = rg_map_get(val, "parent");
        }
        if (id)
            rg_index_put(&st->group_ix, id, (int)m->n_groups);
        m->n_groups++;
    }
    for (size_t i = 0; i < m->n_groups; i++) {
        const rg_node *p = parents[i];
        if (!p)
            continue;
        if (p->type != RG_SCALAR || rg_node_is_null(p)) {
            wrong_type(st, p, "parent", "a group id");
            continue;
        }
        int idx = rg_index_get(&st->group_ix, p->text);
        if (idx < 0) {
            UNKNOWN(st, p, "group", rg_group, m->groups, m->n_groups);
            continue;
        }
        m->groups[i].parent = idx;
    }
    /* Each parent chain is walked once: LEVEL is 0 for a group not yet
     * reached, -1 on the walk in progress, -2 on or into a cycle, else its
     * depth (1 at the top). A walk that comes back to itself found a cycle,
     * named once, from the group that appears first. Groups deeper than
     * RG_MAX_DEPTH are refused like deep YAML: clusters nest as deep. */
    bool *reported = rg_xcalloc(m->n_groups + 1, 1);
    int *level = rg_xcalloc(m->n_groups + 1, sizeof *level);
    int *path = rg_xmalloc((m->n_groups + 1) * sizeof *path);
    for (size_t i = 0; i < m->n_groups; i++) {
        size_t n = 0;
        int g = (int)i;
        while (g >= 0 && level[g] == 0) {
            level[g] = -1;
            path[n++] = g;
            g = m->groups[g].parent;
        }
        if (g >= 0 && level[g] == -1) {
            int first = g;
            for (int c = m->groups[g].parent; c != g; c = m->groups[c].parent)
                if (c < first)
                    first = c;
            rg_buf b = {0};
            int c = first;
            do {
                rg_buf_printf(&b, "'%s' -> ", m->groups[c].id);
                reported[c] = true;
                c = m->groups[c].parent;
            } while (c != first);
            rg_buf_printf(&b, "'%s'", m->groups[first].id);
            rg_error(st->d, parents[first]->mark, "group parent cycle: %s", b.buf);
            free(b.buf);
        }
        int depth = g < 0 ? 0 : level[g];
        while (n > 0) {
            int h = path[--n];
            level[h] = depth < 0 ? -2 : ++depth;
            if (depth == RG_MAX_DEPTH + 1)
                rg_error(st->d, parents[h]->mark,
                         "group '%s' is nested deeper than the limit of %d",
                         m->groups[h].id, RG_MAX_DEPTH);
        }
    }
    free(level);
    free(path);
    /* Break cycles so later stages never loop. */
    for (size_t i = 0; i < m->n_groups; i++)
        if (reported[i])
            m->groups[i].parent = -1;
    free(reported);
    free(parents);
}

/* ---- kinds ---------------------------------------------------------------- */

static void read_kinds(vstate *st, const rg_node *top)
{
    rg_model *m = st->m;
    const rg_node *kinds = rg_map_get(top, "kinds");
    const rg_node *ties = NULL, *actors = NULL;
    if (kinds && is_map(st, kinds, "'kinds'")) {
        check_keys(st, kinds, kinds_keys, LEN(kinds_keys), "kinds");
        ties = rg_map_get(kinds, "ties");
        actors = rg_map_get(kinds, "actors");
        if (ties && !is_map(st, ties, "'kinds.ties'"))
            ties = NULL;
        if (actors && !is_map(st, actors, "'kinds.actors'"))
            actors = NULL;
    }
    size_t nt = N_BUILTIN_TIES + (ties ? ties->n : 0);
    size_t na = N_BUILTIN_ACTORS + (actors ? actors->n : 0);
    m->tie_kinds = rg_arena_alloc(st->arena, nt * sizeof *m->tie_kinds);
    m->actor_kinds = rg_arena_alloc(st->arena, na * sizeof *m->actor_kinds);
    for (size_t i = 0; i < N_BUILTIN_TIES; i++) {
        m->tie_kinds[i] = builtin_ties[i];
        m->tie_kinds[i].builtin = true;
        rg_index_put(&st->tie_kind_ix, builtin_ties[i].id, (int)i);
    }
    m->n_tie_kinds = N_BUILTIN_TIES;
    for (size_t i = 0; i < N_BUILTIN_ACTORS; i++) {
        m->actor_kinds[i] = builtin_actors[i];
        m->actor_kinds[i].builtin = true;
        rg_index_put(&st->actor_kind_ix, builtin_actors[i].id, (int)i);
    }
    m->n_actor_kinds = N_BUILTIN_ACTORS;

    for (size_t i = 0; ties && i < ties->n; i++) {
        const rg_node *k = ties->items[2 * i], *val = ties->items[2 * i + 1];
        const char *id = get_id(st, k, "kind id");
        if (!id || !is_map(st, val, "a tie kind"))
            continue;
        check_keys(st, val, tie_kind_keys, LEN(tie_kind_keys), "tie kind");
        int idx = rg_index_get(&st->tie_kind_ix, id);
        rg_tie_kind *tk;
        if (idx >= 0) {
            tk = &m->tie_kinds[idx];
        } else {
            tk = &m->tie_kinds[m->n_tie_kinds];
            tk->id = id;
            tk->label = id;
            tk->directed = true;
            tk->color = 0x555555;
            tk->line = RG_LINE_SOLID;
            tk->arrow = RG_ARROW_NORMAL;
            rg_index_put(&st->tie_kind_ix, id, (int)m->n_tie_kinds++);
        }
        tk->defined = true;
        tk->mark = k->mark;
        const char *label = get_string(st, val, "label");
        if (label)
            tk->label = label;
        get_bool(st, val, "directed", &tk->directed);
        get_color(st, val, "color", &tk->color);
        int line = get_enum(st, val, "line", line_names, LEN(line_names), "a line style");
        if (line >= 0)
            tk->line = (rg_line)line;
        int arrow = get_enum(st, val, "arrow", arrow_names, LEN(arrow_names), "an arrowhead");
        if (arrow >= 0)
            tk->arrow = (rg_arrow)arrow;
    }
    for (size_t i = 0; actors && i < actors->n; i++) {
        const rg_node *k = actors->items[2 * i], *val = actors->items[2 * i + 1];
        const char *id = get_id(st, k, "kind id");
        if (!id || !is_map(st, val, "an actor kind"))
            continue;
        check_keys(st, val, actor_kind_keys, LEN(actor_kind_keys), "actor kind");
        int idx = rg_index_get(&st->actor_kind_ix, id);
        rg_actor_kind *ak;
        if (idx >= 0) {
            ak = &m->actor_kinds[idx];
        } else {
            ak = &m->actor_kinds[m->n_actor_kinds];
            ak->id = id;
            ak->label = id;
            ak->shape = "box";
            ak->color = 0x555555;
            rg_index_put(&st->actor_kind_ix, id, (int)m->n_actor_kinds++);
        }
        ak->defined = true;
        ak->mark = k->mark;
        const char *label = get_string(st, val, "label");
        if (label)
            ak->label = label;
        int shape = get_enum(st, val, "shape", rg_shapes, rg_shapes_len, "a shape");
        if (shape >= 0)
            ak->shape = rg_shapes[shape];
        get_color(st, val, "color", &ak->color);
        if (get_color(st, val, "fill", &ak->fill))
            ak->has_fill = true;
    }
}

/* Kinds named in "use one of": a file may define a million, and every
 * unknown kind would list them all. */
#define KINDS_LISTED 30

/* Look a kind up, with "did you mean" over the kinds of that family. */
static int find_kind(vstate *st, const rg_node *val, bool tie)
{
    const char *key = "kind";
    if (val->type != RG_SCALAR || rg_node_is_null(val)) {
        wrong_type(st, val, key, "a kind id");
        return -1;
    }
    const rg_index *ix = tie ? &st->tie_kind_ix : &st->actor_kind_ix;
    int idx = rg_index_get(ix, val->text);
    if (idx >= 0)
        return idx;
    size_t n = tie ? st->m->n_tie_kinds : st->m->n_actor_kinds;
    const char **ids = rg_xmalloc((n + 1) * sizeof *ids);
    for (size_t i = 0; i < n; i++)
        ids[i] = tie ? st->m->tie_kinds[i].id : st->m->actor_kinds[i].id;
    const char *s = suggest(st, val->text, ids, n);
    if (s) {
        rg_error(st->d, val->mark, "unknown %s kind '%s'; did you mean '%s'?",
                 tie ? "tie" : "actor", q(st, val), s);
    } else {
        rg_buf b = {0};
        for (size_t i = 0; i < n && i < KINDS_LISTED; i++)
            rg_buf_printf(&b, "%s%s", i ? ", " : "", ids[i]);
        if (n > KINDS_LISTED)
            rg_buf_printf(&b, " and %zu more", n - KINDS_LISTED);
        rg_error(st->d, val->mark,
                 "unknown %s kind '%s'; define it under 'kinds.%s' or use one of: %s",
                 tie ? "tie" : "actor", q(st, val), tie ? "ties" : "actors", b.buf);
        free(b.buf);
    }
    free(ids);
    return -1;
}

/* ---- actors --------------------------------------------------------------- */

static void read_actor(vstate *st, const rg_node *idnode, const rg_node *val,
                       rg_mark mark)
{
    rg_model *m = st->m;
    const char *id = idnode ? get_id(st, idnode, "actor id") : NULL;
    rg_actor *a = &m->actors[m->n_actors];
    a->mark = mark;
    a->kind = -1;
    a->group = -1;
    if (id) {
        int prev = rg_index_put(&st->actor_ix, id, (int)m->n_actors);
        if (prev >= 0) {
            rg_mark pm = m->actors[prev].mark;
            rg_error(st->d, idnode->mark,
                     "duplicate actor id '%s' (first defined at %zu:%zu)", id,
                     pm.line + 1, pm.column + 1);
            return;
        }
    }
    a->id = id;
    m->n_actors++;
    if (!val)
        return;
    check_keys(st, val, actor_keys, LEN(actor_keys), "actor");
    if (!st->list_form && rg_map_get(val, "id")) {
        const rg_node *k = NULL;
        for (size_t i = 0; i < val->n; i++)
            if (strcmp(val->items[2 * i]->text, "id") == 0)
                k = val->items[2 * i];
        rg_error(st->d, k->mark,
                 "'id' is only for the list form of 'actors'; here the key is the id");
    }
    a->name = get_string(st, val, "name");
    a->role = get_string(st, val, "role");
    a->note = get_string(st, val, "note");
    a->url = get_url(st, val, "url");
    const rg_node *kind = rg_map_get(val, "kind");
    if (kind) {
        a->kind = find_kind(st, kind, false);
        if (a->kind >= 0)
            m->actor_kinds[a->kind].uses++;
    }
    const rg_node *group = rg_map_get(val, "group");
    if (group) {
        if (group->type != RG_SCALAR || rg_node_is_null(group)) {
            wrong_type(st, group, "group", "a group id");
        } else if ((a->group = rg_index_get(&st->group_ix, group->text)) < 0) {
            UNKNOWN(st, group, "group", rg_group, m->groups, m->n_groups);
        }
    }
    const rg_node *aliases = rg_map_get(val, "aliases");
    if (aliases) {
        if (aliases->type != RG_SEQ) {
            wrong_type(st, aliases, "aliases", "a list of strings");
        } else {
            a->aliases = rg_arena_alloc(st->arena, (aliases->n + 1) * sizeof *a->aliases);
            for (size_t i = 0; i < aliases->n; i++) {
                const rg_node *al = aliases->items[i];
                if (al->type != RG_SCALAR || rg_node_is_null(al))
                    rg_error(st->d, al->mark, "an alias must be a string, found %s",
                             rg_node_what(al));
                else
                    a->aliases[a->n_aliases++] = copy(st, al);
            }
        }
    }
    read_refs(st, val, &a->sources, &a->n_sources);
}

static void read_actors(vstate *st, const rg_node *top)
{
    rg_model *m = st->m;
    const rg_node *actors = rg_map_get(top, "actors");
    if (!actors) {
        rg_error(st->d, top->mark, "the file has no 'actors'");
        return;
    }
    if (actors->type != RG_MAP && actors->type != RG_SEQ) {
        rg_error(st->d, actors->mark,
                 "'actors' must be a mapping of ids to actors, or a list of actors; "
                 "found %s", rg_node_what(actors));
        return;
    }
    if (actors->n > RG_MAX_ENTRIES) {
        rg_error(st->d, actors->mark, "more than %u actors (the limit)", RG_MAX_ENTRIES);
        return;
    }
    m->actors = rg_arena_alloc(st->arena, (actors->n + 1) * sizeof *m->actors);
    st->list_form = actors->type == RG_SEQ;
    for (size_t i = 0; i < actors->n && !rg_diags_full(st->d); i++) {
        if (actors->type == RG_MAP) {
            const rg_node *k = actors->items[2 * i], *val = actors->items[2 * i + 1];
            if (val->type == RG_SCALAR && rg_node_is_null(val))
                read_actor(st, k, NULL, k->mark);
            else if (val->type != RG_MAP)
                rg_error(st->d, val->mark, "actor '%s' must be a mapping, found %s",
                         q(st, k), rg_node_what(val));
            else
                read_actor(st, k, val, k->mark);
        } else {
            const rg_node *it = actors->items[i];
            if (!is_map(st, it, "an actor"))
                continue;
            const rg_node *idn = rg_map_get(it, "id");
            if (!idn)
                rg_error(st->d, it->mark, "an actor needs an 'id' in the list form");
            read_actor(st, idn, it, it->mark);
        }
    }
}

/* ---- ties ----------------------------------------------------------------- */

static int find_actor(vstate *st, const rg_node *n)
{
    if (n->type != RG_SCALAR || rg_node_is_null(n)) {
        rg_error(st->d, n->mark, "an actor id must be a string, found %s",
                 rg_node_what(n));
        return -1;
    }
    int idx = rg_index_get(&st->actor_ix, n->text);
    if (idx >= 0)
        return idx;
    UNKNOWN(st, n, "actor", rg_actor, st->m->actors, st->m->n_actors);
    return -1;
}

static void read_tie(vstate *st, const rg_node *t, size_t index)
{
    rg_model *m = st->m;
    check_keys(st, t, tie_keys, LEN(tie_keys), "tie");
    rg_tie tie = {0};
    tie.mark = t->mark;
    tie.pos = index + 1;
    tie.kind = -1;
    bool ok = true;

    const rg_node *idn = rg_map_get(t, "id");
    if (idn && (tie.id = get_id(st, idn, "tie id")) != NULL) {
        int prev = rg_index_put(&st->tie_ix, tie.id, (int)index);
        if (prev >= 0) {
            rg_mark pm = st->tie_id_marks[prev];
            rg_error(st->d, idn->mark, "duplicate tie id '%s' (first defined at %zu:%zu)",
                     tie.id, pm.line + 1, pm.column + 1);
            ok = false;
        }
        if (!st->tie_id_marks)
            st->tie_id_marks = rg_arena_alloc(st->arena, (st->n_tie_items + 1) *
                                                             sizeof *st->tie_id_marks);
        st->tie_id_marks[index] = idn->mark;
    }

    const rg_node *kind = rg_map_get(t, "kind");
    if (!kind) {
        rg_error(st->d, t->mark, "a tie needs a 'kind'");
        ok = false;
    } else if ((tie.kind = find_kind(st, kind, true)) < 0) {
        ok = false;
    }

    const rg_node *from = rg_map_get(t, "from"), *to = rg_map_get(t, "to");
    const rg_node *between = rg_map_get(t, "between");
    if (between && (from || to)) {
        rg_error(st->d, between->mark,
                 "'between' cannot be combined with 'from' or 'to'");
        ok = false;
    } else if (between) {
        tie.multi = true;
        if (between->type != RG_SEQ) {
            wrong_type(st, between, "between", "a list of actor ids");
            ok = false;
        } else {
            tie.parties = rg_arena_alloc(st->arena, (between->n + 1) * sizeof(int));
            bool all = true;
            for (size_t i = 0; i < between->n; i++) {
                int a = find_actor(st, between->items[i]);
                if (a < 0) {
                    all = false;
                    continue;
                }
                if (st->party_seen[a] == index + 1)
                    continue; /* named twice: one party */
                st->party_seen[a] = index + 1;
                tie.parties[tie.n_parties++] = a;
            }
            if (all && tie.n_parties < 2)
                rg_error(st->d, between->mark,
                         "'between' needs at least two distinct actors");
            ok = ok && all && tie.n_parties >= 2;
        }
    } else if (from || to) {
        if (!from || !to) {
            rg_error(st->d, t->mark, "a tie with '%s' needs '%s' too",
                     from ? "from" : "to", from ? "to" : "from");
            ok = false;
        }
        tie.parties = rg_arena_alloc(st->arena, 2 * sizeof(int));
        int a = from ? find_actor(st, from) : -1;
        int b = to ? find_actor(st, to) : -1;
        if (a < 0 || b < 0)
            ok = false;
        tie.parties[0] = a;
        tie.parties[1] = b;
        tie.n_parties = 2;
    } else {
        rg_error(st->d, t->mark, "a tie needs 'from' and 'to', or 'between'");
        ok = false;
    }

    tie.label = get_string(st, t, "label");
    tie.note = get_string(st, t, "note");
    if (tie.kind >= 0)
        tie.directed = m->tie_kinds[tie.kind].directed;
    get_bool(st, t, "directed", &tie.directed);
    tie.has_date = get_date(st, t, "date", &tie.date);
    tie.has_start = get_date(st, t, "start", &tie.start);
    tie.has_end = get_date(st, t, "end", &tie.end);
    const rg_node *date = rg_map_get(t, "date");
    if (date && (rg_map_get(t, "start") || rg_map_get(t, "end")))
        rg_error(st->d, date->mark, "'date' cannot be combined with 'start' or 'end'");
    /* Partial dates name spans: the end precedes the start only when it
     * is over before the start's first day (start 2007, end 2007-06). */
    if (tie.has_start && tie.has_end && rg_date_last(tie.end) < rg_date_first(tie.start)) {
        char a[11], b[11];
        rg_date_format(tie.end, a);
        rg_date_format(tie.start, b);
        rg_error(st->d, rg_map_get(t, "end")->mark,
                 "'end' (%s) is before 'start' (%s)", a, b);
    }
    int status = get_enum(st, t, "status", status_names, LEN(status_names), "a status");
    if (status >= 0)
        tie.status = (rg_status)(status + 1);
    const rg_node *w = rg_map_get(t, "weight");
    if (w) {
        long long wv;
        if (!rg_node_int(w, &wv) || wv < 1 || wv > 5)
            wrong_type(st, w, "weight", "an integer from 1 to 5");
        else
            tie.weight = (int)wv;
    }
    read_refs(st, t, &tie.sources, &tie.n_sources);
    if (!ok)
        return;
    for (size_t i = 0; i < tie.n_parties; i++)
        m->actors[tie.parties[i]].ties++;
    m->tie_kinds[tie.kind].uses++;
    m->ties[m->n_ties++] = tie;
}

static void read_ties(vstate *st, const rg_node *top)
{
    const rg_node *ties = rg_map_get(top, "ties");
    if (!ties)
        return;
    if (ties->type != RG_SEQ) {
        wrong_type(st, ties, "ties", "a list of ties");
        return;
    }
    if (ties->n > RG_MAX_ENTRIES) {
        rg_error(st->d, ties->mark, "more than %u ties (the limit)", RG_MAX_ENTRIES);
        return;
    }
    st->m->ties = rg_arena_alloc(st->arena, (ties->n + 1) * sizeof *st->m->ties);
    st->n_tie_items = ties->n;
    st->party_seen = rg_xcalloc(st->m->n_actors + 1, sizeof *st->party_seen);
    for (size_t i = 0; i < ties->n && !rg_diags_full(st->d); i++)
        if (is_map(st, ties->items[i], "a tie"))
            read_tie(st, ties->items[i], i);
}

/* ---- render and the top level --------------------------------------------- */

static void read_render(vstate *st, const rg_node *top)
{
    rg_render_conf *r = &st->m->render;
    r->layout = "auto";
    r->direction = "LR";
    r->theme = "light";
    r->legend = true;
    r->edge_labels = true;
    r->seed = 1;
    const rg_node *map = rg_map_get(top, "render");
    if (!map || !is_map(st, map, "'render'"))
        return;
    check_keys(st, map, render_keys, LEN(render_keys), "render");
    int i;
    if ((i = get_enum(st, map, "layout", rg_layouts, rg_layouts_len, "a layout")) >= 0)
        r->layout = rg_layouts[i];
    if ((i = get_enum(st, map, "direction", rg_directions, rg_directions_len,
                      "a direction")) >= 0)
        r->direction = rg_directions[i];
    if ((i = get_enum(st, map, "theme", rg_themes, rg_themes_len, "a theme")) >= 0)
        r->theme = rg_themes[i];
    get_bool(st, map, "legend", &r->legend);
    r->edge_labels_set = get_bool(st, map, "edge_labels", &r->edge_labels);
    const rg_node *seed = rg_map_get(map, "seed");
    long long sv;
    if (seed) {
        if (!rg_node_int(seed, &sv) || sv < 0 || sv > 2147483647LL)
            wrong_type(st, seed, "seed", "an integer from 0 to 2147483647");
        else
            r->seed = sv;
    }
}

static void warn_unused(vstate *st)
{
    rg_model *m = st->m;
    for (size_t i = 0; i < m->n_actors; i++)
        if (m->actors[i].ties == 0 && m->actors[i].id)
            rg_warning(st->d, m->actors[i].mark, "actor '%s' is in no tie",
                       m->actors[i].id);
    for (size_t i = 0; i < m->n_actors; i++)
        for (int g = m->actors[i].group; g >= 0; g = m->groups[g].parent) {
            if (m->groups[g].uses++)
                break; /* its ancestors are counted already */
        }
    for (size_t i = 0; i < m->n_groups; i++)
        if (m->groups[i].uses == 0)
            rg_warning(st->d, m->groups[i].mark, "group '%s' has no actors",
                       m->groups[i].id);
    for (size_t i = 0; i < m->n_sources; i++)
        if (m->sources[i].uses == 0 && m->sources[i].id)
            rg_warning(st->d, m->sources[i].mark, "source '%s' is never cited",
                       m->sources[i].id);
    for (size_t i = 0; i < m->n_tie_kinds; i++)
        if (m->tie_kinds[i].defined && m->tie_kinds[i].uses == 0)
            rg_warning(st->d, m->tie_kinds[i].mark,
                       "tie kind '%s' is defined but no tie uses it",
                       m->tie_kinds[i].id);
    for (size_t i = 0; i < m->n_actor_kinds; i++)
        if (m->actor_kinds[i].defined && m->actor_kinds[i].uses == 0)
            rg_warning(st->d, m->actor_kinds[i].mark,
                       "actor kind '%s' is defined but no actor uses it",
                       m->actor_kinds[i].id);
}

rg_model *rg_validate(const rg_doc *doc, rg_diags *d)
{
    size_t errors_before = rg_diags_errors(d);
    const rg_node *top = doc ? doc->root : NULL;
    if (!top || (top->type == RG_SCALAR && rg_node_is_null(top))) {
        rg_error(d, (rg_mark){0, 0}, "the file is empty; it needs at least 'actors'");
        return NULL;
    }
    if (top->type != RG_MAP) {
        rg_error(d, top->mark,
                 "the file must be a mapping with 'actors' and 'ties', found %s",
                 rg_node_what(top));
        return NULL;
    }
    rg_model *m = rg_xcalloc(1, sizeof *m);
    m->arena = rg_arena_new();
    vstate st = {.d = d, .m = m, .arena = m->arena, .suggest_left = SUGGEST_BUDGET};

    check_keys(&st, top, top_keys, LEN(top_keys), "the top level");
    const rg_node *ver = rg_map_get(top, "relgraph");
    long long vv;
    if (ver && (!rg_node_int(ver, &vv) || vv != 1))
        rg_error(d, ver->mark,
                 "unsupported format version '%s'; this relgraph reads 'relgraph: 1'",
                 q(&st, ver));
    m->title = get_string(&st, top, "title");
    m->description = get_string(&st, top, "description");
    read_sources(&st, top);
    read_groups(&st, top);
    read_kinds(&st, top);
    read_actors(&st, top);
    read_ties(&st, top);
    read_render(&st, top);
    if (rg_diags_errors(d) == errors_before)
        warn_unused(&st);

    rg_index_free(&st.actor_ix);
    rg_index_free(&st.group_ix);
    rg_index_free(&st.source_ix);
    rg_index_free(&st.url_ix);
    rg_index_free(&st.tie_kind_ix);
    rg_index_free(&st.actor_kind_ix);
    rg_index_free(&st.tie_ix);
    free(st.party_seen);
    free(st.source_seen);
    if (rg_diags_errors(d) != errors_before) {
        rg_model_free(m);
        return NULL;
    }
    return m;
}

void rg_model_free(rg_model *m)
{
    if (!m)
        return;
    rg_arena_free(m->arena);
    free(m);
}
