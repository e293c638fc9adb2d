/*
 * filter.c - the part of a model that passes the command line's filters,
 * applied in one order: --kinds, --exclude-kinds, --as-of, --from/--to,
 * then --focus/--depth over the ties that are left. Actors left with no
 * tie are dropped unless they are focus actors; kinds and groups count
 * only what is left, so the legend and the clusters follow.
 *
 * Dates compare as the whole period they name: "2007" runs from
 * 2007-01-01 to 2007-12-31. A tie is in force from its start to its end; a
 * tie with one `date` is in force during the period that date names (the
 * talks of 2007-05-28 are in force as of 2007-05 or 2007-05-28, not as of
 * 2007-06). Undated ties pass every date filter.
 *
 * The filtered model has an arena of its own for its arrays and borrows
 * its strings from the original model.
 */
#include "internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool rg_filter_active(const rg_filter *f)
{
    return f && (f->kinds || f->exclude_kinds || f->as_of || f->from || f->to ||
                 f->focus);
}

/* Split a comma-separated list into the arena; empty items are dropped. */
static const char **split(rg_arena *a, const char *list, size_t *n)
{
    size_t cap = 1;
    for (const char *p = list; *p; p++)
        cap += *p == ',';
    const char **items = rg_arena_alloc(a, cap * sizeof *items);
    *n = 0;
    const char *p = list;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        /* "talks, accuses" is meant as two kinds: spaces around go. */
        const char *q = p;
        while (len && (*q == ' ' || *q == '\t'))
            q++, len--;
        while (len && (q[len - 1] == ' ' || q[len - 1] == '\t'))
            len--;
        if (len)
            items[(*n)++] = rg_arena_strndup(a, q, len);
        if (!end)
            break;
        p = end + 1;
    }
    return items;
}

/* TEXT for a message (the arena's): control characters escaped, cut. */
static const char *quote(rg_arena *a, const char *text)
{
    rg_buf q = RG_BUF_INIT;
    rg_esc_terminal(&q, text, strlen(text), 64);
    const char *s = rg_arena_strndup(a, q.buf, q.len);
    rg_buf_free(&q);
    return s;
}

/* "--focus: unknown actor 'Irna'; did you mean 'iran'?" */
static void unknown(rg_diags *d, rg_arena *a, const char *option,
                    const char *what, const char *word, const char *suggestion)
{
    if (suggestion)
        rg_error_nomark(d, "%s: unknown %s '%s'; did you mean '%s'?", option,
                        what, quote(a, word), suggestion);
    else
        rg_error_nomark(d, "%s: unknown %s '%s'", option, what, quote(a, word));
}

static int find_tie_kind(const rg_model *m, const char *id)
{
    for (size_t i = 0; i < m->n_tie_kinds; i++)
        if (strcmp(m->tie_kinds[i].id, id) == 0)
            return (int)i;
    return -1;
}

/* Mark the kinds named in LIST; false (after an error) for an unknown one. */
static bool read_kinds(const rg_model *m, rg_arena *a, const char *option,
                       const char *list, bool *marked, rg_diags *d)
{
    size_t n;
    const char **ids = split(a, list, &n);
    const char **all = rg_xmalloc((m->n_tie_kinds + 1) * sizeof *all);
    for (size_t i = 0; i < m->n_tie_kinds; i++)
        all[i] = m->tie_kinds[i].id;
    bool ok = n > 0;
    if (!ok)
        rg_error_nomark(d, "%s needs at least one tie kind", option);
    for (size_t i = 0; i < n; i++) {
        int k = find_tie_kind(m, ids[i]);
        if (k >= 0) {
            marked[k] = true;
            continue;
        }
        ok = false;
        unknown(d, a, option, "tie kind", ids[i],
                rg_suggest(ids[i], all, m->n_tie_kinds));
    }
    free(all);
    return ok;
}

static bool read_date(rg_arena *a, const char *option, const char *text,
                      rg_date *out, rg_diags *d)
{
    const char *why = rg_date_parse(text, strlen(text), out);
    if (why)
        rg_error_nomark(d, "%s: invalid date '%s': %s", option, quote(a, text),
                        why);
    return why == NULL;
}

/* The period a tie covers, as first and last days; false if undated. */
static bool tie_period(const rg_tie *t, long *lo, long *hi)
{
    if (t->has_date) {
        *lo = rg_date_first(t->date);
        *hi = rg_date_last(t->date);
        return true;
    }
    if (!t->has_start && !t->has_end)
        return false;
    *lo = t->has_start ? rg_date_first(t->start) : LONG_MIN;
    *hi = t->has_end ? rg_date_last(t->end) : LONG_MAX;
    return true;
}

typedef struct dates {
    bool as_of, window;
    rg_date at, from, to;
    bool has_from, has_to;
} dates;

static bool passes_dates(const rg_tie *t, const dates *dt)
{
    long lo, hi;
    if (!tie_period(t, &lo, &hi))
        return true;
    if (dt->as_of) {
        /* In force: started on or before the date, not ended before it. */
        if (lo > rg_date_last(dt->at) || hi < rg_date_first(dt->at))
            return false;
    }
    if (dt->window) {
        if (dt->has_to && lo > rg_date_last(dt->to))
            return false;
        if (dt->has_from && hi < rg_date_first(dt->from))
            return false;
    }
    return true;
}

/* The actors of tie T: its parties, then what it is about (`over`), which
 * every filter treats as one more party: --focus on the subject of a
 * dispute keeps the dispute. */
static size_t n_actors_of(const rg_tie *t)
{
    return t->n_parties + (t->over >= 0);
}

static int actor_of(const rg_tie *t, size_t i)
{
    return i < t->n_parties ? t->parties[i] : t->over;
}

/* Distances from the focus actors over the kept ties, ignoring direction;
 * -1 beyond DEPTH. */
static void focus_distances(const rg_model *m, const bool *keep_tie,
                            const int *focus, size_t n_focus, int depth,
                            int *dist)
{
    /* Actor -> ties adjacency, in compressed form. */
    size_t *start = rg_xcalloc(m->n_actors + 2, sizeof *start);
    for (size_t i = 0; i < m->n_ties; i++)
        if (keep_tie[i])
            for (size_t p = 0; p < n_actors_of(&m->ties[i]); p++)
                start[actor_of(&m->ties[i], p) + 2]++;
    for (size_t a = 0; a < m->n_actors; a++)
        start[a + 2] += start[a + 1];
    size_t *adj = rg_xmalloc((start[m->n_actors + 1] + 1) * sizeof *adj);
    for (size_t i = 0; i < m->n_ties; i++)
        if (keep_tie[i])
            for (size_t p = 0; p < n_actors_of(&m->ties[i]); p++)
                adj[start[actor_of(&m->ties[i], p) + 1]++] = i;
    /* Now start[a] .. start[a + 1] are actor a's ties. */
    int *queue = rg_xmalloc((m->n_actors + 1) * sizeof *queue);
    size_t head = 0, tail = 0;
    for (size_t a = 0; a < m->n_actors; a++)
        dist[a] = -1;
    for (size_t i = 0; i < n_focus; i++) {
        if (dist[focus[i]] < 0) {
            dist[focus[i]] = 0;
            queue[tail++] = focus[i];
        }
    }
    while (head < tail) {
        int a = queue[head++];
        if (dist[a] >= depth)
            continue;
        for (size_t j = start[a]; j < start[a + 1]; j++) {
            const rg_tie *t = &m->ties[adj[j]];
            for (size_t p = 0; p < n_actors_of(t); p++) {
                int b = actor_of(t, p);
                if (dist[b] < 0) {
                    dist[b] = dist[a] + 1;
                    queue[tail++] = b;
                }
            }
        }
    }
    free(queue);
    free(adj);
    free(start);
}

static bool read_focus(const rg_model *m, rg_arena *a, const char *list,
                       int **out, size_t *n_out, rg_diags *d)
{
    size_t n;
    const char **ids = split(a, list, &n);
    int *focus = rg_arena_alloc(a, (n + 1) * sizeof *focus);
    const char **all = rg_xmalloc((m->n_actors + 1) * sizeof *all);
    for (size_t i = 0; i < m->n_actors; i++)
        all[i] = m->actors[i].id;
    rg_index ix = {0};
    for (size_t i = 0; i < m->n_actors; i++)
        rg_index_put(&ix, m->actors[i].id, (int)i);
    bool ok = n > 0;
    if (!ok)
        rg_error_nomark(d, "--focus needs at least one actor id");
    for (size_t i = 0; i < n; i++) {
        int idx = rg_index_get(&ix, ids[i]);
        if (idx >= 0) {
            focus[i] = idx;
            continue;
        }
        ok = false;
        const char *s = rg_suggest(ids[i], all, m->n_actors);
        /* People type the name they see: "Iran" for the id "iran". */
        for (size_t k = 0; !s && k < m->n_actors; k++)
            if (m->actors[k].name && strcasecmp(m->actors[k].name, ids[i]) == 0)
                s = m->actors[k].id;
        unknown(d, a, "--focus", "actor", ids[i], s);
    }
    rg_index_free(&ix);
    free(all);
    *out = focus;
    *n_out = n;
    return ok;
}

/* A kind list as the reader should see it: "accuses, talks". */
static void kind_list(rg_buf *b, rg_arena *a, const char *list)
{
    size_t n;
    const char **ids = split(a, list, &n);
    for (size_t i = 0; i < n; i++)
        rg_buf_printf(b, "%s%s", i ? ", " : "", ids[i]);
}

/* "as of 2007-03-01 · focus: Iran (depth 2)", for the title and summary. */
static const char *describe(rg_arena *a, const rg_model *m, const rg_filter *f,
                            const int *focus, size_t n_focus, int depth)
{
    rg_buf b = RG_BUF_INIT;
    const char *sep = "";
#define PART(...)                                                         \
    do {                                                                  \
        rg_buf_puts(&b, sep);                                             \
        rg_buf_printf(&b, __VA_ARGS__);                                   \
        sep = " \xC2\xB7 ";                                               \
    } while (0)
    if (f->kinds) {
        PART("only ");
        kind_list(&b, a, f->kinds);
    }
    if (f->exclude_kinds) {
        PART("without ");
        kind_list(&b, a, f->exclude_kinds);
    }
    if (f->as_of)
        PART("as of %s", f->as_of);
    if (f->from && f->to)
        PART("from %s to %s", f->from, f->to);
    else if (f->from)
        PART("from %s on", f->from);
    else if (f->to)
        PART("up to %s", f->to);
    if (f->focus) {
        PART("focus: ");
        for (size_t i = 0; i < n_focus; i++)
            rg_buf_printf(&b, "%s%s", i ? ", " : "", rg_actor_name(&m->actors[focus[i]]));
        rg_buf_printf(&b, " (depth %d)", depth);
    }
#undef PART
    const char *s = rg_arena_strndup(a, b.buf, b.len);
    rg_buf_free(&b);
    return s;
}

rg_model *rg_filter_apply(const rg_model *m, const rg_filter *f, rg_diags *d,
                          rg_filter_status *status)
{
    rg_model *out = rg_xcalloc(1, sizeof *out);
    out->arena = rg_arena_new();
    rg_arena *a = out->arena;
    *status = RG_FILTER_OK;

    bool *keep_kind = rg_arena_alloc(a, (m->n_tie_kinds + 1) * sizeof(bool));
    bool *drop_kind = rg_arena_alloc(a, (m->n_tie_kinds + 1) * sizeof(bool));
    bool ok = true;
    if (f->kinds)
        ok &= read_kinds(m, a, "--kinds", f->kinds, keep_kind, d);
    if (f->exclude_kinds)
        ok &= read_kinds(m, a, "--exclude-kinds", f->exclude_kinds, drop_kind, d);
    dates dt = {0};
    if (f->as_of) {
        dt.as_of = true;
        ok &= read_date(a, "--as-of", f->as_of, &dt.at, d);
    }
    if (f->from) {
        dt.window = dt.has_from = true;
        ok &= read_date(a, "--from", f->from, &dt.from, d);
    }
    if (f->to) {
        dt.window = dt.has_to = true;
        ok &= read_date(a, "--to", f->to, &dt.to, d);
    }
    if (ok && dt.has_from && dt.has_to &&
        rg_date_last(dt.to) < rg_date_first(dt.from)) {
        rg_error_nomark(d, "--to %s is before --from %s", f->to, f->from);
        ok = false;
    }
    int *focus = NULL;
    size_t n_focus = 0;
    int depth = f->depth >= 0 ? f->depth : 1;
    if (f->focus)
        ok &= read_focus(m, a, f->focus, &focus, &n_focus, d);
    if (!ok) {
        *status = RG_FILTER_USAGE;
        rg_model_free(out);
        return NULL;
    }

    bool *keep_tie = rg_arena_alloc(a, (m->n_ties + 1) * sizeof(bool));
    for (size_t i = 0; i < m->n_ties; i++) {
        const rg_tie *t = &m->ties[i];
        keep_tie[i] = (!f->kinds || keep_kind[t->kind]) && !drop_kind[t->kind] &&
                      passes_dates(t, &dt);
    }
    bool *keep_actor = rg_arena_alloc(a, (m->n_actors + 1) * sizeof(bool));
    bool *is_focus = rg_arena_alloc(a, (m->n_actors + 1) * sizeof(bool));
    if (f->focus) {
        int *dist = rg_xmalloc((m->n_actors + 1) * sizeof *dist);
        focus_distances(m, keep_tie, focus, n_focus, depth, dist);
        for (size_t i = 0; i < n_focus; i++)
            is_focus[focus[i]] = true;
        /* A tie stays when every party is within reach. */
        for (size_t i = 0; i < m->n_ties; i++)
            for (size_t p = 0; keep_tie[i] && p < n_actors_of(&m->ties[i]); p++)
                keep_tie[i] = dist[actor_of(&m->ties[i], p)] >= 0;
        free(dist);
    }
    for (size_t i = 0; i < m->n_ties; i++)
        for (size_t p = 0; keep_tie[i] && p < n_actors_of(&m->ties[i]); p++)
            keep_actor[actor_of(&m->ties[i], p)] = true;
    for (size_t i = 0; i < m->n_actors; i++)
        keep_actor[i] |= is_focus[i];
    /* Without a tie filter, actors in no tie stay as the author drew them. */
    if (!f->kinds && !f->exclude_kinds && !f->as_of && !f->from && !f->to &&
        !f->focus)
        for (size_t i = 0; i < m->n_actors; i++)
            keep_actor[i] = true;

    /* Copy what is kept, renumbering actors. */
    *out = *m;
    out->arena = a;
    out->strings = NULL; /* borrowed with the rest */
    int *new_index = rg_arena_alloc(a, (m->n_actors + 1) * sizeof(int));
    out->actors = rg_arena_alloc(a, (m->n_actors + 1) * sizeof *out->actors);
    out->n_actors = 0;
    for (size_t i = 0; i < m->n_actors; i++) {
        new_index[i] = -1;
        if (!keep_actor[i])
            continue;
        new_index[i] = (int)out->n_actors;
        out->actors[out->n_actors] = m->actors[i];
        out->actors[out->n_actors].ties = 0;
        out->n_actors++;
    }
    out->tie_kinds = rg_arena_alloc(a, (m->n_tie_kinds + 1) * sizeof *out->tie_kinds);
    memcpy(out->tie_kinds, m->tie_kinds, m->n_tie_kinds * sizeof *out->tie_kinds);
    out->actor_kinds = rg_arena_alloc(a, (m->n_actor_kinds + 1) * sizeof *out->actor_kinds);
    memcpy(out->actor_kinds, m->actor_kinds, m->n_actor_kinds * sizeof *out->actor_kinds);
    for (size_t i = 0; i < m->n_tie_kinds; i++)
        out->tie_kinds[i].uses = 0;
    for (size_t i = 0; i < m->n_actor_kinds; i++)
        out->actor_kinds[i].uses = 0;
    out->groups = rg_arena_alloc(a, (m->n_groups + 1) * sizeof *out->groups);
    if (m->n_groups) /* else m->groups may be NULL */
        memcpy(out->groups, m->groups, m->n_groups * sizeof *out->groups);
    for (size_t i = 0; i < m->n_groups; i++)
        out->groups[i].uses = 0;
    out->sources = rg_arena_alloc(a, (m->n_sources + 1) * sizeof *out->sources);
    if (m->n_sources) /* else m->sources may be NULL */
        memcpy(out->sources, m->sources, m->n_sources * sizeof *out->sources);
    for (size_t i = 0; i < m->n_sources; i++)
        out->sources[i].uses = 0;

    out->ties = rg_arena_alloc(a, (m->n_ties + 1) * sizeof *out->ties);
    out->n_ties = 0;
    for (size_t i = 0; i < m->n_ties; i++) {
        if (!keep_tie[i])
            continue;
        rg_tie *t = &out->ties[out->n_ties++];
        *t = m->ties[i];
        t->parties = rg_arena_alloc(a, t->n_parties * sizeof *t->parties);
        for (size_t p = 0; p < t->n_parties; p++) {
            t->parties[p] = new_index[m->ties[i].parties[p]];
            out->actors[t->parties[p]].ties++;
        }
        if (t->over >= 0) {
            t->over = new_index[m->ties[i].over];
            out->actors[t->over].ties++;
        }
        out->tie_kinds[t->kind].uses++;
        for (size_t s = 0; s < t->n_sources; s++)
            out->sources[t->sources[s]].uses++;
    }
    for (size_t i = 0; i < out->n_actors; i++) {
        const rg_actor *ac = &out->actors[i];
        if (ac->kind >= 0)
            out->actor_kinds[ac->kind].uses++;
        for (size_t s = 0; s < ac->n_sources; s++)
            out->sources[ac->sources[s]].uses++;
        for (int g = ac->group; g >= 0; g = out->groups[g].parent)
            if (out->groups[g].uses++)
                break;
    }
    out->filtered = rg_filter_active(f)
                        ? describe(a, m, f, focus, n_focus, depth)
                        : NULL;
    if (out->n_actors == 0) {
        rg_error_nomark(d, "nothing is left to draw: no tie passes the filters (%s)",
                        out->filtered ? out->filtered : "");
        *status = RG_FILTER_EMPTY;
        rg_model_free(out);
        return NULL;
    }
    return out;
}
