/*
 * validate_ties.c - the actors and the ties of the document tree into the
 * model (relgraph(5), ACTORS and TIES): ids, kinds, groups, aliases,
 * parties, dates, statuses, weights and the sources they cite, and the
 * ties' SVG ids held unique. The state and the definitions they refer to
 * are validate.c's.
 */
#include "validate.h"

#include <stdlib.h>
#include <string.h>

static const char *const actor_keys[] = {"id", "name", "kind", "role", "group",
    "aliases", "note", "url", "source", "sources", "isolated"};
static const char *const tie_keys[] = {"id", "from", "to", "between", "over",
    "kind", "label", "directed", "date", "start", "end", "status", "weight",
    "note", "source", "sources"};

/* ---- actors --------------------------------------------------------------- */

/* True if K, a key under `actors`, is rather a key of an actor. */
static bool is_actor_key(const rg_node *k)
{
    for (size_t i = 1; i < LEN(actor_keys); i++) /* not "id": ids are ids */
        if (strcmp(k->text, actor_keys[i]) == 0)
            return true;
    return false;
}

static void read_actor(vstate *st, const rg_node *idnode, const rg_node *val,
                       rg_mark mark)
{
    rg_model *m = st->m;
    const char *id = idnode ? rg_rd_id(RD, idnode, "actor id") : NULL;
    rg_actor *a = &m->actors[m->n_actors];
    a->mark = mark;
    a->kind = -1;
    a->group = -1;
    if (id) {
        int prev = rg_index_put(&st->actor_ix, id, (int)m->n_actors);
        if (prev >= 0) {
            rg_mark pm = m->actors[prev].mark;
            rg_error(st->d, rg_node_mark(idnode),
                     "duplicate actor id '%s' (first defined at %zu:%zu)", id,
                     pm.line + 1, pm.column + 1);
            return;
        }
    }
    a->id = id;
    m->n_actors++;
    if (!val)
        return;
    rg_rd_keys(RD, val, actor_keys, LEN(actor_keys), "actor");
    if (!st->list_form && rg_map_get(val, "id")) {
        const rg_node *k = NULL;
        for (size_t i = 0; i < rg_node_n(val); i++)
            if (strcmp(rg_item(val, 2 * i)->text, "id") == 0)
                k = rg_item(val, 2 * i);
        rg_error(st->d, rg_node_mark(k),
                 "'id' is only for the list form of 'actors'; here the key is the id");
    }
    a->name = rg_rd_string(RD, val, "name");
    a->role = rg_rd_string(RD, val, "role");
    a->note = rg_rd_string(RD, val, "note");
    a->url = rg_rd_url(RD, val, "url");
    rg_rd_bool(RD, val, "isolated", &a->isolated);
    const rg_node *kind = rg_map_get(val, "kind");
    if (kind) {
        a->kind = rg_val_find_kind(st, kind, false);
        if (a->kind >= 0)
            m->actor_kinds[a->kind].uses++;
    }
    const rg_node *group = rg_map_get(val, "group");
    if (group) {
        if (group->type != RG_SCALAR || rg_node_is_null(group)) {
            rg_rd_wrong_type(RD, group, "group", "a group id");
        } else if ((a->group = rg_index_get(&st->group_ix, group->text)) < 0) {
            UNKNOWN(st, group, "group", rg_group, m->groups, m->n_groups);
        }
    }
    const rg_node *aliases = rg_map_get(val, "aliases");
    if (aliases) {
        if (aliases->type != RG_SEQ) {
            rg_rd_wrong_type(RD, aliases, "aliases", "a list of strings");
        } else {
            a->aliases = rg_arena_alloc(st->arena, (rg_node_n(aliases) + 1) * sizeof *a->aliases);
            for (size_t i = 0; i < rg_node_n(aliases); i++) {
                const rg_node *al = rg_item(aliases, i);
                if (al->type != RG_SCALAR || rg_node_is_null(al))
                    rg_error(st->d, rg_node_mark(al), "an alias must be a string, found %s",
                             rg_node_what(al));
                else
                    a->aliases[a->n_aliases++] = rg_rd_copy(RD, al);
            }
        }
    }
    rg_val_refs(st, val, &a->sources, &a->n_sources);
}

void rg_val_actors(vstate *st, const rg_node *top)
{
    rg_model *m = st->m;
    const rg_node *actors = rg_map_get(top, "actors");
    if (!actors) {
        rg_error(st->d, rg_node_mark(top), "the file has no 'actors'");
        return;
    }
    if (actors->type != RG_MAP && actors->type != RG_SEQ) {
        rg_error(st->d, rg_node_mark(actors),
                 "'actors' must be a mapping of ids to actors, or a list of actors; "
                 "found %s", rg_node_what(actors));
        return;
    }
    if (rg_node_n(actors) > RG_MAX_ENTRIES) {
        rg_error(st->d, rg_node_mark(actors), "more than %u actors (the limit)", RG_MAX_ENTRIES);
        return;
    }
    m->actors = rg_arena_alloc(st->arena, (rg_node_n(actors) + 1) * sizeof *m->actors);
    /* One id per entry at most: no rehashing of a growing table. */
    rg_index_reserve(&st->actor_ix, rg_node_n(actors));
    st->list_form = actors->type == RG_SEQ;
    for (size_t i = 0; i < rg_node_n(actors) && !rg_diags_full(st->d); i++) {
        if (actors->type == RG_MAP) {
            const rg_node *k = rg_item(actors, 2 * i), *val = rg_item(actors, 2 * i + 1);
            if (val->type == RG_SCALAR && rg_node_is_null(val))
                read_actor(st, k, NULL, rg_node_mark(k));
            else if (val->type != RG_MAP && is_actor_key(k))
                /* "iran:" then "name: Iran" at the same indentation */
                rg_error(st->d, rg_node_mark(k), "actor '%s' must be a mapping, found %s; "
                         "'%s' is a key of an actor: indent it under the actor "
                         "above it", rg_rd_quote(RD, k), rg_node_what(val), k->text);
            else if (val->type != RG_MAP)
                rg_error(st->d, rg_node_mark(val), "actor '%s' must be a mapping, found %s",
                         rg_rd_quote(RD, k), rg_node_what(val));
            else
                read_actor(st, k, val, rg_node_mark(k));
        } else {
            const rg_node *it = rg_item(actors, i);
            if (!rg_rd_is_map(RD, it, "an actor"))
                continue;
            const rg_node *idn = rg_map_get(it, "id");
            if (!idn)
                rg_error(st->d, rg_node_mark(it), "an actor needs an 'id' in the list form");
            read_actor(st, idn, it, rg_node_mark(it));
        }
    }
}

/* ---- ties ----------------------------------------------------------------- */

static int find_actor(vstate *st, const rg_node *n)
{
    if (n->type != RG_SCALAR || rg_node_is_null(n)) {
        rg_error(st->d, rg_node_mark(n), "an actor id must be a string, found %s",
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
    rg_rd_keys(RD, t, tie_keys, LEN(tie_keys), "tie");
    rg_tie tie = {0};
    tie.over = -1;
    tie.mark = rg_node_mark(t);
    tie.pos = index + 1;
    tie.kind = -1;
    bool ok = true;

    const rg_node *idn = rg_map_get(t, "id");
    if (idn && (tie.id = rg_rd_id(RD, idn, "tie id")) != NULL) {
        int prev = rg_index_put(&st->tie_ix, tie.id, (int)index);
        if (prev >= 0) {
            rg_mark pm = st->tie_id_marks[prev];
            rg_error(st->d, rg_node_mark(idn), "duplicate tie id '%s' (first defined at %zu:%zu)",
                     tie.id, pm.line + 1, pm.column + 1);
            ok = false;
        }
        if (!st->tie_id_marks)
            st->tie_id_marks = rg_arena_alloc(st->arena, (st->n_tie_items + 1) *
                                                             sizeof *st->tie_id_marks);
        st->tie_id_marks[index] = rg_node_mark(idn);
    }

    const rg_node *kind = rg_map_get(t, "kind");
    if (!kind) {
        rg_error(st->d, rg_node_mark(t), "a tie needs a 'kind'");
        ok = false;
    } else if ((tie.kind = rg_val_find_kind(st, kind, true)) < 0) {
        ok = false;
    }

    const rg_node *from = rg_map_get(t, "from"), *to = rg_map_get(t, "to");
    const rg_node *between = rg_map_get(t, "between");
    if (between && (from || to)) {
        rg_error(st->d, rg_node_mark(between),
                 "'between' cannot be combined with 'from' or 'to'");
        ok = false;
    } else if (between) {
        tie.multi = true;
        if (between->type != RG_SEQ) {
            rg_rd_wrong_type(RD, between, "between", "a list of actor ids");
            ok = false;
        } else {
            tie.parties = rg_arena_alloc(st->arena, (rg_node_n(between) + 1) * sizeof(int));
            bool all = true;
            for (size_t i = 0; i < rg_node_n(between); i++) {
                int a = find_actor(st, rg_item(between, i));
                if (a < 0) {
                    all = false;
                    continue;
                }
                if (st->party_seen[a] == index + 1) {
                    /* Named twice: one party, and most likely a slip. */
                    rg_val_warn_later(st, rg_node_mark(rg_item(between, i)),
                                      "actor '%s' is named twice in 'between'; it is "
                                      "one party", st->m->actors[a].id);
                    continue;
                }
                st->party_seen[a] = index + 1;
                tie.parties[tie.n_parties++] = a;
            }
            if (all && tie.n_parties < 2)
                rg_error(st->d, rg_node_mark(between),
                         "'between' needs at least two distinct actors");
            ok = ok && all && tie.n_parties >= 2;
        }
    } else if (from || to) {
        if (!from || !to) {
            rg_error(st->d, rg_node_mark(t), "a tie with '%s' needs '%s' too",
                     from ? "from" : "to", from ? "to" : "from");
            ok = false;
        }
        tie.parties = rg_arena_alloc(st->arena, 2 * sizeof(int));
        int a = from ? find_actor(st, from) : -1;
        int b = to ? find_actor(st, to) : -1;
        if (a < 0 || b < 0)
            ok = false;
        else if (a == b) /* drawn as a loop, but most likely a slip */
            rg_val_warn_later(st, rg_node_mark(to), "a tie from '%s' to itself: 'from' and "
                              "'to' name the same actor", m->actors[a].id);
        tie.parties[0] = a;
        tie.parties[1] = b;
        tie.n_parties = 2;
    } else {
        rg_error(st->d, rg_node_mark(t), "a tie needs 'from' and 'to', or 'between'");
        ok = false;
    }

    const rg_node *over = rg_map_get(t, "over");
    if (over) {
        int s = find_actor(st, over);
        if (s < 0) {
            ok = false;
        } else {
            for (size_t i = 0; i < tie.n_parties; i++)
                if (tie.parties[i] == s) {
                    rg_error(st->d, rg_node_mark(over),
                             "'over' names '%s', a party of the tie; it names what "
                             "the parties' tie is about", m->actors[s].id);
                    ok = false;
                    break;
                }
            tie.over = s;
        }
    }
    tie.label = rg_rd_string(RD, t, "label");
    tie.note = rg_rd_string(RD, t, "note");
    if (tie.kind >= 0)
        tie.directed = m->tie_kinds[tie.kind].directed;
    rg_rd_bool(RD, t, "directed", &tie.directed);
    tie.has_date = rg_rd_date(RD, t, "date", &tie.date);
    tie.has_start = rg_rd_date(RD, t, "start", &tie.start);
    tie.has_end = rg_rd_date(RD, t, "end", &tie.end);
    const rg_node *date = rg_map_get(t, "date");
    if (date && (rg_map_get(t, "start") || rg_map_get(t, "end")))
        rg_error(st->d, rg_node_mark(date), "'date' cannot be combined with 'start' or 'end'");
    /* Partial dates name spans: the end precedes the start only when it
     * is over before the start's first day (start 2007, end 2007-06). */
    if (tie.has_start && tie.has_end && rg_date_last(tie.end) < rg_date_first(tie.start)) {
        char a[11], b[11];
        rg_date_format(tie.end, a);
        rg_date_format(tie.start, b);
        rg_error(st->d, rg_node_mark(rg_map_get(t, "end")),
                 "'end' (%s) is before 'start' (%s)", a, b);
    }
    int status = rg_rd_enum(RD, t, "status", &rg_status_names);
    if (status >= 0)
        tie.status = (rg_status)(status + 1);
    const rg_node *w = rg_map_get(t, "weight");
    if (w) {
        long long wv;
        if (!rg_node_int(w, &wv) || wv < 1 || wv > 5)
            rg_rd_wrong_type(RD, w, "weight", "an integer from 1 to 5");
        else
            tie.weight = (int)wv;
    }
    rg_val_refs(st, t, &tie.sources, &tie.n_sources);
    if (!ok)
        return;
    for (size_t i = 0; i < tie.n_parties; i++)
        m->actors[tie.parties[i]].ties++;
    if (tie.over >= 0)
        m->actors[tie.over].ties++;
    m->tie_kinds[tie.kind].uses++;
    m->ties[m->n_ties++] = tie;
}

/* ---- SVG ids (README, the table of ids) ---- */

/* What has an SVG id: a tie (PARTY -1) or its line to a party. */
typedef struct svg_owner {
    size_t tie; /* index into the model's ties */
    int party;
} svg_owner;

/* "tie 'x' (at 3:5)", "tie 3 (at 6:5)", "the line of tie 'x' (at 3:5)
 * to actor 'a'". */
static void describe_owner(rg_buf *b, const rg_model *m, const svg_owner *o)
{
    const rg_tie *t = &m->ties[o->tie];
    if (o->party >= 0)
        rg_buf_puts(b, "the line of ");
    if (t->id)
        rg_buf_printf(b, "tie '%s'", t->id);
    else
        rg_buf_printf(b, "tie %zu", t->pos);
    rg_buf_printf(b, " (at %zu:%zu)", t->mark.line + 1, t->mark.column + 1);
    if (o->party >= 0)
        rg_buf_printf(b, " to actor '%s'", m->actors[t->parties[o->party]].id);
}

/* NEW's SVG id ID is OLD's too: reported at the tie id that made it so
 * (NEW's when it has one, else OLD's: one of them has). */
static void report_svg_clash(vstate *st, const svg_owner *old, const svg_owner *new,
                             const char *id)
{
    const rg_model *m = st->m;
    const svg_owner *by = m->ties[new->tie].id ? new : old;
    const svg_owner *other = by == new ? old : new;
    const rg_tie *t = &m->ties[by->tie];
    rg_buf b = RG_BUF_INIT;
    rg_buf_printf(&b, "tie id '%s' makes the SVG id '%s'", t->id, id);
    if (by->party >= 0)
        rg_buf_printf(&b, " for its line to actor '%s'",
                      m->actors[t->parties[by->party]].id);
    rg_buf_puts(&b, ", which ");
    describe_owner(&b, m, other);
    rg_buf_puts(&b, other->party < 0 && !m->ties[other->tie].id
                        ? " has by its position; choose another id"
                        : " has too; choose another id");
    rg_error(st->d, st->tie_id_marks[t->pos - 1], "%s", b.buf);
    rg_buf_free(&b);
}

/* A tie's id may spell what another tie is given by its position
 * (`id: "2"` and the second tie), or a line of a multi-party tie
 * (`id: 3-a` and tie 3's line to actor a): each SVG id must name one
 * object, for a report's CSS to rely on. Without any tie id nothing can
 * clash: positions have no '-', so "tie-N-ACTOR" splits one way only. */
static void check_svg_ids(vstate *st)
{
    const rg_model *m = st->m;
    if (!st->tie_id_marks)
        return;
    size_t n = 0;
    for (size_t i = 0; i < m->n_ties; i++)
        n += 1 + (m->ties[i].multi ? m->ties[i].n_parties : 0);
    svg_owner *owners = rg_xmalloc(n * sizeof *owners);
    rg_arena *keys = rg_arena_new();
    rg_index ix = {0};
    rg_buf b = RG_BUF_INIT;
    size_t k = 0;
    for (size_t i = 0; i < m->n_ties && !rg_diags_full(st->d); i++) {
        const rg_tie *t = &m->ties[i];
        int last = t->multi ? (int)t->n_parties - 1 : -1;
        for (int party = -1; party <= last; party++, k++) {
            rg_buf_clear(&b);
            rg_svg_tie_id(&b, m, t, party);
            owners[k] = (svg_owner){i, party};
            int prev = rg_index_put(&ix, rg_arena_strndup(keys, b.buf, b.len), (int)k);
            if (prev >= 0)
                report_svg_clash(st, &owners[prev], &owners[k], b.buf);
        }
    }
    rg_buf_free(&b);
    rg_index_free(&ix);
    rg_arena_free(keys);
    free(owners);
}

void rg_val_ties(vstate *st, const rg_node *top)
{
    const rg_node *ties = rg_map_get(top, "ties");
    if (!ties)
        return;
    if (ties->type != RG_SEQ) {
        rg_rd_wrong_type(RD, ties, "ties", "a list of ties");
        return;
    }
    if (rg_node_n(ties) > RG_MAX_ENTRIES) {
        rg_error(st->d, rg_node_mark(ties), "more than %u ties (the limit)", RG_MAX_ENTRIES);
        return;
    }
    st->m->ties = rg_arena_alloc(st->arena, (rg_node_n(ties) + 1) * sizeof *st->m->ties);
    st->n_tie_items = rg_node_n(ties);
    st->party_seen = rg_xcalloc(st->m->n_actors + 1, sizeof *st->party_seen);
    for (size_t i = 0; i < rg_node_n(ties) && !rg_diags_full(st->d); i++)
        if (rg_rd_is_map(RD, rg_item(ties, i), "a tie"))
            read_tie(st, rg_item(ties, i), i);
    check_svg_ids(st);
}
