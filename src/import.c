/*
 * import.c - `relgraph import`: a sheet of actors (optional) and a sheet of
 * ties (sheet.c parses them) into a data file, written with libyaml's
 * emitter so that every value is quoted as it must be. relgraph(1),
 * IMPORT, is the contract (import_yaml.c writes the result):
 *   - the first row names the columns, matched to the format's keys
 *     without regard to case; Kumu's Label, Type, Description (and a
 *     connection's Direction) are understood; any other column is kept
 *     under an x- key;
 *   - without an actor sheet, the actors are the names the ties use, and
 *     without an id column ids are made from names ("Ryan Crocker" is
 *     ryan-crocker);
 *   - a kind that is not built in becomes a kind of the file's own, a
 *     source that is not a URL a source titled by it, a group a group
 *     named by it;
 *   - every cell is checked as --check would check its value, each
 *     problem an error at its row and column, all of them in one run; the
 *     result is validated again before it is handed back.
 */
#include "internal.h"
#include "import.h"
#include "sheet.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the columns --------------------------------------------------------------- */

enum { AF_ID, AF_NAME, AF_KIND, AF_ROLE, AF_GROUP, AF_ALIASES, AF_NOTE, AF_URL,
       AF_SOURCES, AF_N };
enum { TF_ID, TF_FROM, TF_TO, TF_KIND, TF_LABEL, TF_DIRECTED, TF_DATE, TF_START,
       TF_END, TF_STATUS, TF_WEIGHT, TF_NOTE, TF_SOURCES, TF_OVER, TF_N };
#define MAX_FIELDS 16

typedef struct column {
    const char *name; /* as the header may spell it, in any case */
    int field;
} column;

/* The format's keys, then the names other tools give them (Kumu's). */
static const column actor_columns[] = {
    {"id", AF_ID},         {"name", AF_NAME},   {"kind", AF_KIND},
    {"role", AF_ROLE},     {"group", AF_GROUP}, {"aliases", AF_ALIASES},
    {"note", AF_NOTE},     {"url", AF_URL},     {"source", AF_SOURCES},
    {"sources", AF_SOURCES}, {"label", AF_NAME}, {"type", AF_KIND},
    {"description", AF_NOTE},
};
static const column tie_columns[] = {
    {"id", TF_ID},         {"from", TF_FROM},     {"to", TF_TO},
    {"kind", TF_KIND},     {"label", TF_LABEL},   {"directed", TF_DIRECTED},
    {"date", TF_DATE},     {"start", TF_START},   {"end", TF_END},
    {"status", TF_STATUS}, {"weight", TF_WEIGHT}, {"note", TF_NOTE},
    {"source", TF_SOURCES}, {"sources", TF_SOURCES}, {"type", TF_KIND},
    {"description", TF_NOTE}, {"direction", TF_DIRECTED}, {"over", TF_OVER},
};
/* The key each field is written as. */
static const char *const actor_keys[AF_N] = {
    "id", "name", "kind", "role", "group", "aliases", "note", "url", "sources"};
static const char *const tie_keys[TF_N] = {
    "id", "from", "to", "kind", "label", "directed", "date", "start", "end",
    "status", "weight", "note", "sources", "over"};

/* Kumu's Direction column, and true/false, in any case. */
static const struct { const char *word; bool directed; } directions[] = {
    {"true", true}, {"false", false}, {"directed", true},
    {"undirected", false}, {"mutual", false},
};

static char *quote(imp *im, const rg_cell *c)
{
    rg_buf b = RG_BUF_INIT;
    rg_esc_terminal(&b, c->text, c->len, 60);
    char *s = rg_arena_strndup(im->a, b.buf, b.len);
    rg_buf_free(&b);
    return s;
}

/* ---- the cells --------------------------------------------------------------------- */

/* A cell's text without the spaces around it, in the arena. */
static const char *trimmed(imp *im, const rg_cell *c)
{
    const char *s = c->text, *e = c->text + c->len;
    while (s < e && (*s == ' ' || *s == '\t' || *s == '\n'))
        s++;
    while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
        e--;
    return rg_arena_strndup(im->a, s, (size_t)(e - s));
}

/* Text such as a name or a note: as written, but for the white space at
 * either end. */
static const char *text_of(imp *im, const rg_cell *c)
{
    const char *t = trimmed(im, c);
    return *t ? t : NULL;
}

/* The kind named by TEXT: a built-in one by its id or label in any case
 * ("Country", "holds talks with"), else one of the file's own. */
static const char *kind_of(imp *im, names *own, bool ties, const char *text)
{
    size_t n = ties ? rg_builtin_ties_len : rg_builtin_actors_len;
    for (size_t i = 0; i < n; i++) {
        const char *id = ties ? rg_builtin_ties[i].id : rg_builtin_actors[i].id;
        const char *label = ties ? rg_builtin_ties[i].label : rg_builtin_actors[i].label;
        if (strcasecmp(text, id) == 0 || strcasecmp(text, label) == 0)
            return id;
    }
    return rg_imp_name_of(im, own, text);
}

/* Items of a cell separated by '|' (Kumu's multiple values), trimmed,
 * empty ones dropped. */
static size_t split(imp *im, const char *text, const char **out, size_t max)
{
    size_t n = 0;
    for (const char *p = text; *p && n < max;) {
        size_t k = strcspn(p, "|");
        rg_cell c = {rg_arena_strndup(im->a, p, k), k};
        const char *t = text_of(im, &c);
        if (t)
            out[n++] = t;
        p += k + (p[k] == '|');
    }
    return n;
}

static void add_sources(imp *im, item *it, const rg_cell *c, rg_mark at)
{
    const char *parts[64];
    size_t n = split(im, c->text, parts, 64);
    kv *k = rg_imp_item_put(it, "sources");
    k->list = true;
    for (size_t i = 0; i < n; i++) {
        /* A colon makes a URL, as in a data file (relgraph(5), SOURCES). */
        if (strchr(parts[i], ':')) {
            rg_url_why buf;
            const char *why = rg_url_problem(parts[i], buf);
            if (why) {
                rg_cell q = {parts[i], strlen(parts[i])};
                rg_error(im->d, at, "invalid URL '%s': %s", quote(im, &q), why);
            }
            rg_imp_kv_add(im, k, parts[i]);
        } else {
            rg_imp_kv_add(im, k, rg_imp_name_of(im, &im->sources, parts[i]));
        }
    }
}

static bool check_date(imp *im, const char *key, const rg_cell *c, rg_mark at)
{
    rg_date d;
    const char *t = trimmed(im, c);
    const char *why = rg_date_parse(t, strlen(t), &d);
    if (why)
        rg_error(im->d, at, "invalid %s '%s': %s", key, quote(im, c), why);
    return !why;
}

/* ---- the sheets ---------------------------------------------------------------------- */

/* The field of each column of HEADER, or -1 (an x- column: XKEYS[i]) or
 * -2 (no name, nothing in it). False when the header is refused. */
static bool read_header(imp *im, const rg_row *header, const column *cols,
                        size_t n_cols, const char *const *keys, int *field,
                        const char **xkeys)
{
    int first[MAX_FIELDS];
    for (size_t i = 0; i < MAX_FIELDS; i++)
        first[i] = -1;
    bool ok = true;
    for (size_t c = 0; c < header->n; c++) {
        const char *name = trimmed(im, &header->cells[c]);
        field[c] = -2;
        xkeys[c] = NULL;
        if (!*name)
            continue;
        for (size_t k = 0; k < n_cols && field[c] == -2; k++)
            if (strcasecmp(name, cols[k].name) == 0)
                field[c] = cols[k].field;
        if (field[c] >= 0 && first[field[c]] >= 0) {
            rg_error(im->d, (rg_mark){0, c},
                     "column '%s' gives '%s' again (column %d gives it already)",
                     quote(im, &header->cells[c]), keys[field[c]], first[field[c]] + 1);
            ok = false;
        } else if (field[c] >= 0) {
            first[field[c]] = (int)c;
        } else {
            field[c] = -1;
            rg_buf b = RG_BUF_INIT;
            rg_buf_printf(&b, "x-%s", rg_imp_make_id(im, &(names){0}, name));
            xkeys[c] = rg_arena_strndup(im->a, b.buf, b.len);
            rg_buf_free(&b);
            for (size_t e = 0; e < c; e++)
                if (xkeys[e] && strcmp(xkeys[e], xkeys[c]) == 0) {
                    rg_error(im->d, (rg_mark){0, c}, "columns %zu and %zu would both "
                             "be kept as '%s'; rename one", e + 1, c + 1, xkeys[c]);
                    ok = false;
                }
        }
    }
    return ok;
}

/* Each row of S after the header, its cells by field (NULL: empty); FN
 * reads it and returns the item the row made (NULL: refused), to which
 * the columns kept as x- keys are added. */
typedef item *row_fn(imp *im, size_t row, const rg_cell **cells, const size_t *col);

static void read_rows(imp *im, const rg_sheet *s, const int *field,
                      const char **xkeys, row_fn *fn)
{
    const rg_row *header = &s->rows[0];
    /* An empty cell is reported in its field's column. */
    size_t home[MAX_FIELDS] = {0};
    for (size_t c = header->n; c-- > 0;)
        if (field[c] >= 0)
            home[field[c]] = c;
    for (size_t r = 1; r < s->n_rows && !rg_diags_full(im->d); r++) {
        const rg_row *row = &s->rows[r];
        const rg_cell *cells[MAX_FIELDS] = {0};
        size_t col[MAX_FIELDS];
        memcpy(col, home, sizeof col);
        bool any = false;
        for (size_t c = 0; c < row->n; c++) {
            if (!text_of(im, &row->cells[c]))
                continue;
            any = true;
            if (c >= header->n || field[c] == -2)
                rg_error(im->d, (rg_mark){r, c}, "a cell in a column with no name "
                         "in the header row");
            else if (field[c] >= 0) {
                cells[field[c]] = &row->cells[c];
                col[field[c]] = c;
            }
        }
        if (!any)
            continue; /* an empty row */
        item *it = fn(im, r, cells, col);
        for (size_t c = 0; it && c < row->n && c < header->n; c++)
            if (field[c] == -1 && text_of(im, &row->cells[c]))
                rg_imp_item_set(im, it, xkeys[c], text_of(im, &row->cells[c]), false);
    }
}

static item *new_tie(imp *im)
{
    if (im->n_ties == im->cap_ties) {
        im->cap_ties = im->cap_ties ? 2 * im->cap_ties : 64;
        im->ties = rg_xrealloc(im->ties, im->cap_ties * sizeof *im->ties);
    }
    item *it = &im->ties[im->n_ties++];
    memset(it, 0, sizeof *it);
    return it;
}

/* Actor I's item, made. */
static item *actor_item(imp *im, int i)
{
    im->actor_items = rg_xrealloc(im->actor_items, im->actors.cap * sizeof(item));
    memset(&im->actor_items[i], 0, sizeof(item));
    im->actor_items[i].id = im->actors.v[i].id;
    return &im->actor_items[i];
}

static item *actor_row(imp *im, size_t r, const rg_cell **cells, const size_t *col)
{
    const char *id = cells[AF_ID] ? trimmed(im, cells[AF_ID]) : NULL;
    const char *name = cells[AF_NAME] ? text_of(im, cells[AF_NAME]) : NULL;
    if (!id && !name) {
        rg_error(im->d, (rg_mark){r, 0}, "an actor needs a name or an id");
        return NULL;
    }
    if (id && !rg_id_valid(id, strlen(id))) {
        rg_error(im->d, (rg_mark){r, col[AF_ID]}, "invalid actor id '%s': use letters, "
                 "digits, '_', '.' and '-' (not first), at most 128 characters",
                 quote(im, cells[AF_ID]));
        return NULL;
    }
    int seen = id ? rg_index_get(&im->actors.by_id, id)
                  : rg_index_get(&im->actors.by_text, name);
    if (seen >= 0) {
        rg_error(im->d, (rg_mark){r, id ? col[AF_ID] : col[AF_NAME]},
                 id ? "duplicate actor id '%s'" : "two actors named '%s': give them "
                 "ids in an 'id' column", quote(im, id ? cells[AF_ID] : cells[AF_NAME]));
        return NULL;
    }
    int i = rg_imp_name_add(im, &im->actors, id, name);
    item *a = actor_item(im, i);
    if (name)
        rg_imp_item_set(im, a, "name", name, false);
    for (int f = AF_KIND; f < AF_N; f++) {
        const rg_cell *c = cells[f];
        const char *t = c ? text_of(im, c) : NULL;
        rg_mark at = {r, col[f]};
        if (!t)
            continue;
        if (f == AF_KIND)
            rg_imp_item_set(im, a, "kind", kind_of(im, &im->actor_kinds, false, t), false);
        else if (f == AF_GROUP)
            rg_imp_item_set(im, a, "group", rg_imp_name_of(im, &im->groups, t), false);
        else if (f == AF_SOURCES)
            add_sources(im, a, c, at);
        else if (f == AF_ALIASES) {
            const char *parts[64];
            size_t n = split(im, t, parts, 64);
            kv *k = rg_imp_item_put(a, "aliases");
            k->list = true;
            for (size_t p = 0; p < n; p++)
                rg_imp_kv_add(im, k, parts[p]);
        } else if (f == AF_URL) {
            rg_url_why buf;
            const char *why = rg_url_problem(t, buf);
            if (why)
                rg_error(im->d, at, "invalid URL '%s': %s", quote(im, c), why);
            rg_imp_item_set(im, a, "url", t, false);
        } else {
            rg_imp_item_set(im, a, actor_keys[f], t, false);
        }
    }
    return a;
}

/* The actor a tie's from or to names: by id, then by name; made when
 * there is no actor sheet. NULL (reported) when unknown. */
static const char *party(imp *im, const rg_cell *c, rg_mark at, const char *key)
{
    if (!c) {
        rg_error(im->d, at, "a tie needs '%s'", key);
        return NULL;
    }
    const char *t = text_of(im, c);
    int i = rg_index_get(&im->actors.by_id, t);
    if (i < 0)
        i = rg_index_get(&im->actors.by_text, t);
    if (i >= 0)
        return im->actors.v[i].id;
    if (!im->actor_sheet) {
        i = rg_imp_name_add(im, &im->actors, NULL, t);
        item *a = actor_item(im, i);
        rg_imp_item_set(im, a, "name", t, false);
        return a->id;
    }
    const char **cand = rg_xmalloc((im->actors.n + 1) * sizeof *cand);
    for (size_t k = 0; k < im->actors.n; k++)
        cand[k] = im->actors.v[k].text ? im->actors.v[k].text : im->actors.v[k].id;
    const char *near = rg_suggest(t, cand, im->actors.n);
    if (near)
        rg_error(im->d, at, "unknown actor '%s'; did you mean '%s'?", quote(im, c), near);
    else
        rg_error(im->d, at, "unknown actor '%s': not in the actor sheet", quote(im, c));
    free(cand);
    return NULL;
}

static item *tie_row(imp *im, size_t r, const rg_cell **cells, const size_t *col)
{
    item *it = new_tie(im);
    const char *from = party(im, cells[TF_FROM], (rg_mark){r, col[TF_FROM]}, "from");
    const char *to = party(im, cells[TF_TO], (rg_mark){r, col[TF_TO]}, "to");
    if (from)
        rg_imp_item_set(im, it, "from", from, false);
    if (to)
        rg_imp_item_set(im, it, "to", to, false);
    /* What the tie is about (relgraph(5), TIES): an actor too. */
    const char *over = cells[TF_OVER] ? party(im, cells[TF_OVER],
                                              (rg_mark){r, col[TF_OVER]}, "over") : NULL;
    if (over)
        rg_imp_item_set(im, it, "over", over, false);
    if (!cells[TF_KIND])
        rg_error(im->d, (rg_mark){r, col[TF_KIND]}, "a tie needs a 'kind'");
    if (cells[TF_DATE] && (cells[TF_START] || cells[TF_END]))
        rg_error(im->d, (rg_mark){r, col[TF_DATE]},
                 "'date' cannot be combined with 'start' or 'end'");
    for (int f = TF_ID; f < TF_N; f++) {
        const rg_cell *c = cells[f];
        const char *t = c ? text_of(im, c) : NULL;
        rg_mark at = {r, col[f]};
        int first;
        if (!t || f == TF_FROM || f == TF_TO || f == TF_OVER)
            continue;
        if (f == TF_KIND) {
            rg_imp_item_set(im, it, "kind", kind_of(im, &im->tie_kinds, true, t), false);
        } else if (f == TF_SOURCES) {
            add_sources(im, it, c, at);
        } else if (f == TF_ID && !rg_id_valid(t, strlen(t))) {
            rg_error(im->d, at, "invalid tie id '%s': use letters, digits, '_', '.' "
                     "and '-' (not first), at most 128 characters", quote(im, c));
        } else if (f == TF_ID && (first = rg_index_put(&im->tie_ids, t, (int)r)) >= 0) {
            /* The data file would refuse it (relgraph(5), TIES: id). */
            rg_error(im->d, at, "duplicate tie id '%s' (first in row %d)", quote(im, c),
                     first + 1);
        } else if (f == TF_DATE || f == TF_START || f == TF_END) {
            /* Checked: plain, as a year or a date is written. */
            if (check_date(im, tie_keys[f], c, at))
                rg_imp_item_set(im, it, tie_keys[f], t, true);
        } else if (f == TF_STATUS) {
            int s = -1;
            for (size_t k = 0; k < rg_status_names.n; k++)
                if (strcasecmp(t, rg_status_names.names[k]) == 0)
                    s = (int)k;
            if (s < 0) {
                rg_buf all = RG_BUF_INIT;
                rg_names_join(&all, &rg_status_names, ", ");
                rg_error(im->d, at, "invalid status '%s'; expected one of: %s",
                         quote(im, c), all.buf);
                rg_buf_free(&all);
            } else {
                rg_imp_item_set(im, it, "status", rg_status_names.names[s], false);
            }
        } else if (f == TF_WEIGHT) {
            if (strlen(t) != 1 || t[0] < '1' || t[0] > '5')
                rg_error(im->d, at, "'weight' must be an integer from 1 to 5, found '%s'",
                         quote(im, c));
            else
                rg_imp_item_set(im, it, "weight", t, true);
        } else if (f == TF_DIRECTED) {
            int dir = -1;
            for (size_t k = 0; k < sizeof directions / sizeof directions[0]; k++)
                if (strcasecmp(t, directions[k].word) == 0)
                    dir = directions[k].directed;
            if (dir < 0)
                rg_error(im->d, at, "'%s' must be true or false (or directed, "
                         "undirected, mutual), found '%s'", tie_keys[f], quote(im, c));
            else
                rg_imp_item_set(im, it, "directed", dir ? "true" : "false", true);
        } else {
            rg_imp_item_set(im, it, tie_keys[f], t, false);
        }
    }
    if (cells[TF_START] && cells[TF_END]) {
        rg_date s, e;
        const char *st = trimmed(im, cells[TF_START]), *et = trimmed(im, cells[TF_END]);
        if (!rg_date_parse(st, strlen(st), &s) && !rg_date_parse(et, strlen(et), &e) &&
            rg_date_last(e) < rg_date_first(s))
            rg_error(im->d, (rg_mark){r, col[TF_END]}, "'end' (%s) is before 'start' (%s)",
                     et, st);
    }
    return it;
}

/* ---- the whole import -------------------------------------------------------------- */

/* SHEET's header, then its rows through FN; false when the sheet is
 * refused as a whole (unreadable, no header, a column it needs missing).
 * REQUIRED: pairs of fields, one of each pair needed (-1: no other). */
static bool read_sheet(imp *im, const rg_sheet_input *in, const column *cols,
                       size_t n_cols, const char *const *keys, row_fn *fn,
                       const int (*required)[2], size_t n_required)
{
    im->d = in->d;
    /* Rows before a quoting error are read and checked; the sheet is
     * refused all the same. */
    rg_sheet *s = rg_sheet_parse(in->data, in->len, in->tsv, in->d);
    bool parsed = rg_diags_errors(in->d) == 0, ok = true;
    if (s->n_rows == 0 && parsed) {
        rg_error_nomark(in->d, "the sheet is empty: its first row must name the "
                        "columns");
        ok = false;
    }
    int *field = NULL;
    const char **xkeys = NULL;
    if (s->n_rows == 0)
        ok = false;
    if (ok) {
        const rg_row *h = &s->rows[0];
        field = rg_xcalloc(h->n + 1, sizeof *field);
        xkeys = rg_xcalloc(h->n + 1, sizeof *xkeys);
        ok = read_header(im, h, cols, n_cols, keys, field, xkeys);
        for (size_t k = 0; k < n_required; k++) {
            bool has = false;
            for (size_t c = 0; c < h->n; c++)
                has |= field[c] == required[k][0] ||
                       (required[k][1] >= 0 && field[c] == required[k][1]);
            if (!has && required[k][1] >= 0)
                rg_error(in->d, (rg_mark){0, 0}, "no '%s' (or '%s') column in the "
                         "header row", keys[required[k][0]], keys[required[k][1]]);
            else if (!has)
                rg_error(in->d, (rg_mark){0, 0}, "no '%s' column in the header row",
                         keys[required[k][0]]);
            ok = ok && has;
        }
    }
    if (ok)
        read_rows(im, s, field, xkeys, fn);
    free(field);
    free(xkeys);
    rg_sheet_free(s);
    return ok && parsed;
}

char *rg_import(const rg_sheet_input *actors, const rg_sheet_input *ties, size_t *len)
{
    imp im = {0};
    im.a = rg_arena_new();
    /* A kind of the file's own never takes a built-in kind's id. */
    for (size_t i = 0; i < rg_builtin_ties_len; i++)
        rg_index_put(&im.tie_kinds.by_id, rg_builtin_ties[i].id, 0);
    for (size_t i = 0; i < rg_builtin_actors_len; i++)
        rg_index_put(&im.actor_kinds.by_id, rg_builtin_actors[i].id, 0);
    im.actor_sheet = actors != NULL;
    static const int actor_needs[][2] = {{AF_NAME, AF_ID}},
                     tie_needs[][2] = {{TF_FROM, -1}, {TF_TO, -1}};
    /* The ties are read after bad rows of actors too, for every error in
     * one run; not after an actor sheet refused whole, where each of them
     * would name an unknown actor. */
    bool whole = !actors || read_sheet(&im, actors, actor_columns,
                                       sizeof actor_columns / sizeof actor_columns[0],
                                       actor_keys, actor_row, actor_needs, 1);
    if (whole)
        read_sheet(&im, ties, tie_columns, sizeof tie_columns / sizeof tie_columns[0],
                   tie_keys, tie_row, tie_needs, 2);
    bool ok = whole && rg_diags_errors(ties->d) == 0 &&
              (!actors || rg_diags_errors(actors->d) == 0);
    char *yaml = NULL;
    if (ok) {
        yaml = rg_import_yaml(&im, len);
        if (!rg_import_validates(yaml, *len)) {
            rg_error_nomark(ties->d, "the imported data does not pass --check; "
                            "please report this with the sheets");
            free(yaml);
            yaml = NULL;
        }
    }
    rg_imp_free(&im);
    return yaml;
}
