/*
 * test_filter.c - the command line's filters (filter.c) on small models:
 * for each filter the exact actors (by id, in order) and ties (by label, in
 * order) that are kept, the `filtered` description, the usage errors with
 * their exact messages, the order in which the filters apply, the counts
 * (`uses`) that the legend and the clusters follow, and that the filtered
 * model is a model of its own.
 */
#include "testutil.h"

/* ---- helpers ---- */

/* Load and validate YAML that must give no error (warnings are allowed:
 * an actor in no tie is one). */
static rg_model *load(const char *yaml)
{
    return tu_valid_model(yaml, false);
}

/* The result of one rg_filter_apply. */
typedef struct result {
    rg_model *m;            /* NULL on failure */
    rg_filter_status status;
    char *diags;            /* every diagnostic, "" for none */
} result;

static result apply(const rg_model *m, rg_filter f)
{
    tu_run r;
    tu_begin(&r);
    result res = {NULL, RG_FILTER_OK, NULL};
    res.status = (rg_filter_status)-1;
    res.m = rg_filter_apply(m, &f, r.diags, &res.status);
    res.diags = rg_xstrdup(tu_text(&r));
    tu_done(&r);
    return res;
}

static void result_free(result *res)
{
    rg_model_free(res->m);
    free(res->diags);
}

/* "a b c": the actors' ids, in order. */
static char *actor_ids(const rg_model *m)
{
    rg_buf b = {0};
    rg_buf_puts(&b, "");
    for (size_t i = 0; i < m->n_actors; i++)
        rg_buf_printf(&b, "%s%s", i ? " " : "", m->actors[i].id);
    return b.buf;
}

/* "ab bc": the ties' labels, in order. */
static char *tie_labels(const rg_model *m)
{
    rg_buf b = {0};
    rg_buf_puts(&b, "");
    for (size_t i = 0; i < m->n_ties; i++)
        rg_buf_printf(&b, "%s%s", i ? " " : "",
                      m->ties[i].label ? m->ties[i].label : "-");
    return b.buf;
}

/* Every party of every tie must be an actor of the filtered model, and
 * each actor's tie count must match the ties kept. */
static void assert_consistent(const rg_model *m)
{
    size_t *count = rg_xcalloc(m->n_actors + 1, sizeof *count);
    for (size_t i = 0; i < m->n_ties; i++)
        for (size_t p = 0; p < m->ties[i].n_parties; p++) {
            int a = m->ties[i].parties[p];
            assert_true(a >= 0 && (size_t)a < m->n_actors);
            count[a]++;
        }
    for (size_t i = 0; i < m->n_actors; i++)
        assert_int_equal(m->actors[i].ties, count[i]);
    free(count);
}

/* The tests below are tables of steps: one filter each, and what it must
 * give, as one string:
 *
 *   "OPTIONS -> actors 'IDS', ties 'LABELS', 'DESCRIPTION'"
 *   "OPTIONS -> STATUS:\nDIAGNOSTICS"
 *
 * OPTIONS are as on the command line, each value quoted: "--kinds 'talks'
 * --depth '2' " (none: the step starts with "->"). The first form is a
 * success with no diagnostic that keeps exactly those actors (by id, in
 * order) and ties (by label, in order), described so ("no description"
 * instead of a quoted one when no filter is active); the second a failure
 * with no model, STATUS "usage" or "empty", and exactly those
 * diagnostics. */

/* The filter of the options of STEP, whose values point into *COPY (the
 * caller frees it); *OPTIONS_LEN is the length of the options part. */
static rg_filter filter_of(const char *step, char **copy, size_t *options_len)
{
    static const char *const names[] = {"--kinds", "--exclude-kinds", "--as-of",
                                        "--from", "--to", "--focus", "--depth"};
    const char *values[7] = {NULL};
    char *p = *copy = rg_xstrdup(step);
    while (strncmp(p, "--", 2) == 0) {
        char *open = strstr(p, " '"), *close = open ? strchr(open + 2, '\'') : NULL;
        if (!close || close[1] != ' ')
            fail_msg("a step's options are not --NAME 'VALUE': %s", step);
        *open = *close = '\0';
        size_t i = 0;
        while (i < 7 && strcmp(p, names[i]) != 0)
            i++;
        if (i == 7)
            fail_msg("no filter option %s in the step %s", p, step);
        values[i] = open + 2;
        p = close + 2;
    }
    if (strncmp(p, "->", 2) != 0)
        fail_msg("a step without \"->\": %s", step);
    *options_len = (size_t)(p - *copy);
    rg_filter f = RG_FILTER_INIT;
    f.kinds = values[0];
    f.exclude_kinds = values[1];
    f.as_of = values[2];
    f.from = values[3];
    f.to = values[4];
    f.focus = values[5];
    if (values[6])
        f.depth = atoi(values[6]);
    return f;
}

/* What RES is, as the part of a step after "->". */
static char *outcome(const result *res)
{
    rg_buf b = RG_BUF_INIT;
    if (res->status == RG_FILTER_OK && res->m) {
        char *ids = actor_ids(res->m), *labels = tie_labels(res->m);
        rg_buf_printf(&b, "actors '%s', ties '%s', ", ids, labels);
        if (res->m->filtered)
            rg_buf_printf(&b, "'%s'", res->m->filtered);
        else
            rg_buf_puts(&b, "no description");
        free(ids);
        free(labels);
    } else {
        rg_buf_printf(&b, "%s", res->status == RG_FILTER_USAGE   ? "usage"
                                : res->status == RG_FILTER_EMPTY ? "empty"
                                : res->status == RG_FILTER_OK    ? "no model"
                                                                 : "bad status");
        if (res->m)
            rg_buf_puts(&b, " and a model");
    }
    if (*res->diags || res->status != RG_FILTER_OK)
        rg_buf_printf(&b, ":\n%s", res->diags);
    return rg_buf_detach(&b, NULL);
}

/* Apply each of the N STEPS to the model of YAML. Each is checked as one
 * string, so that a failure shows the step's options along with what
 * differs. */
static void walk(const char *yaml, const char *const *steps, size_t n)
{
    rg_model *m = load(yaml);
    for (size_t i = 0; i < n; i++) {
        char *copy;
        size_t options_len;
        rg_filter f = filter_of(steps[i], &copy, &options_len);
        result res = apply(m, f);
        char *what = outcome(&res);
        rg_buf got = RG_BUF_INIT;
        rg_buf_add(&got, steps[i], options_len);
        rg_buf_printf(&got, "-> %s", what);
        assert_string_equal(got.buf, steps[i]);
        if (res.m)
            assert_consistent(res.m);
        rg_buf_free(&got);
        free(what);
        free(copy);
        result_free(&res);
    }
    rg_model_free(m);
}

#define WALK(yaml, steps) walk(yaml, steps, sizeof steps / sizeof *steps)

/* The `uses` count in M of what WHAT and ID name: a "group", a "tie" kind,
 * an "actor" kind or a "source"; it must exist. */
static size_t uses_of(const rg_model *m, const char *what, const char *id)
{
    if (strcmp(what, "group") == 0)
        return m->groups[tu_index(m, "group", id)].uses;
    if (strcmp(what, "tie") == 0)
        return m->tie_kinds[tu_index(m, "tie kind", id)].uses;
    if (strcmp(what, "actor") == 0)
        return m->actor_kinds[tu_index(m, "actor kind", id)].uses;
    return m->sources[tu_index(m, "source", id)].uses;
}

/* The counts in M are those of WANT, "group usa 2, tie talks 0, ...":
 * WHAT ID COUNT, as uses_of() reads them, comma-separated. */
static void assert_uses(const rg_model *m, const char *want)
{
    rg_buf got = RG_BUF_INIT;
    char what[16], id[64];
    size_t count;
    int len;
    for (const char *p = want;
         sscanf(p, "%15s %63s %zu%n", what, id, &count, &len) == 3; p += len) {
        rg_buf_printf(&got, "%s%s %s %zu", got.len ? ", " : "", what, id,
                      uses_of(m, what, id));
        if (p[len] == ',')
            len++;
    }
    assert_string_equal(got.buf, want);
    rg_buf_free(&got);
}

/* ---- test files ---- */

/* Kinds: e is in no tie. */
static const char kinds_yaml[] =
    "relgraph: 1\n"
    "kinds:\n"
    "  ties:\n"
    "    arrests: {label: arrests}\n"
    "actors: {a: {name: A}, b: {name: B}, c: {name: C}, d: {name: D},\n"
    "         e: {name: E}}\n"
    "ties:\n"
    "  - {from: a, to: b, kind: talks, label: ab}\n"
    "  - {from: b, to: c, kind: accuses, label: bc}\n"
    "  - {from: c, to: d, kind: supports, label: cd}\n"
    "  - {from: a, to: d, kind: accuses, label: ad}\n"
    "  - {from: d, to: c, kind: arrests, label: dc}\n";

/* Dates for --as-of: every tie has its own pair of actors. */
static const char as_of_yaml[] =
    "relgraph: 1\n"
    "actors: [{id: a}, {id: b}, {id: c}, {id: d}, {id: e}, {id: f}, {id: g},\n"
    "         {id: h}, {id: i}, {id: j}]\n"
    "ties:\n"
    "  - {from: a, to: b, kind: talks, date: 2007-05-28, label: point}\n"
    "  - {from: a, to: c, kind: talks, date: 2007-06, label: point-jun}\n"
    "  - {from: a, to: d, kind: talks, start: 2007-01, end: 2007-03, label: q1}\n"
    "  - {from: a, to: e, kind: talks, end: 2006, label: until-2006}\n"
    "  - {from: a, to: f, kind: talks, start: 2007-12, label: from-dec}\n"
    "  - {from: a, to: g, kind: talks, start: 2007-07, label: from-jul}\n"
    "  - {from: a, to: h, kind: talks, start: 2005, end: 2007, label: to-2007}\n"
    "  - {from: i, to: j, kind: accuses, label: undated}\n";

/* Dates for --from/--to. */
static const char window_yaml[] =
    "relgraph: 1\n"
    "actors: [{id: a}, {id: b}, {id: c}, {id: d}, {id: e}, {id: f}, {id: g},\n"
    "         {id: h}]\n"
    "ties:\n"
    "  - {from: a, to: b, kind: talks, start: 2014-07, end: 2016-01, label: span}\n"
    "  - {from: a, to: c, kind: talks, date: 2015-03-01, label: p2015}\n"
    "  - {from: a, to: d, kind: talks, date: 2014-12-31, label: p2014}\n"
    "  - {from: a, to: e, kind: talks, date: 2016, label: p2016}\n"
    "  - {from: a, to: f, kind: talks, start: 2016-02, label: open-end}\n"
    "  - {from: a, to: g, kind: talks, end: 2014-06, label: open-start}\n"
    "  - {from: a, to: h, kind: talks, label: undated}\n";

/* Focus: a chain a-b-c-d, a multi-party tie d,e,f, g tied to a and b, and
 * lone in no tie. */
static const char focus_yaml[] =
    "relgraph: 1\n"
    "actors:\n"
    "  a: {name: A}\n"
    "  b: {name: B}\n"
    "  c: {name: C}\n"
    "  d: {name: D}\n"
    "  e: {name: E}\n"
    "  f: {name: F}\n"
    "  g: {name: G}\n"
    "  lone:\n"
    "ties:\n"
    "  - {from: a, to: b, kind: talks, date: 2007-05, label: ab}\n"
    "  - {from: b, to: c, kind: accuses, label: bc}\n"
    "  - {from: c, to: d, kind: supports, label: cd}\n"
    "  - {between: [d, e, f], kind: talks, label: def}\n"
    "  - {from: g, to: a, kind: opposes, start: 2009, label: ga}\n"
    "  - {from: b, to: g, kind: allied, label: bg}\n";

/* Groups, kinds and sources to count. */
static const char uses_yaml[] =
    "relgraph: 1\n"
    "sources:\n"
    "  s1: {title: One}\n"
    "  s2: {title: Two}\n"
    "  s3: {title: Three}\n"
    "groups:\n"
    "  west: {name: West}\n"
    "  usa: {name: United States side, parent: west}\n"
    "  iraq: {name: Iraqi government}\n"
    "actors:\n"
    "  us: {name: United States, kind: country, group: usa, source: s3}\n"
    "  crocker: {name: Ryan Crocker, kind: person, group: usa}\n"
    "  iran: {name: Iran, kind: country}\n"
    "  rubaie: {name: Mowaffak al-Rubaie, kind: person, group: iraq}\n"
    "ties:\n"
    "  - {from: us, to: iran, kind: accuses, label: arming, source: s1}\n"
    "  - {from: crocker, to: rubaie, kind: talks, label: talks, sources: [s2, s1]}\n"
    "  - {from: crocker, to: iran, kind: talks, label: more talks,\n"
    "     source: 'https://example.org/talks'}\n";

/* Nested groups: top > mid > leaf, and top has an actor of its own. */
static const char nested_yaml[] =
    "relgraph: 1\n"
    "groups:\n"
    "  top: {name: Top}\n"
    "  mid: {parent: top}\n"
    "  leaf: {parent: mid}\n"
    "  other: {}\n"
    "actors:\n"
    "  a: {group: leaf}\n"
    "  b: {group: leaf}\n"
    "  c: {group: top}\n"
    "  d: {group: other}\n"
    "ties:\n"
    "  - {from: a, to: b, kind: talks, label: ab}\n"
    "  - {from: c, to: d, kind: talks, label: cd}\n"
    "  - {from: a, to: d, kind: accuses, label: ad}\n";

/* A story with names and dates, for the descriptions. */
static const char story_yaml[] =
    "relgraph: 1\n"
    "actors:\n"
    "  us: {name: United States}\n"
    "  iran: {name: Iran}\n"
    "  iraq: {name: Iraq}\n"
    "  crocker: {name: Ryan Crocker}\n"
    "  kazemi: {name: Hassan Kazemi Qomi}\n"
    "ties:\n"
    "  - {from: us, to: iran, kind: accuses, start: 2007-02, label: arming}\n"
    "  - {between: [crocker, kazemi, iraq], kind: talks, date: 2007-06,\n"
    "     label: talks}\n"
    "  - {from: iran, to: iraq, kind: supports, start: 2003, label: support}\n"
    "  - {from: crocker, to: us, kind: represents, label: ambassador}\n";
/* ---- --kinds and --exclude-kinds ---- */

static void test_kinds_one(void **state)
{
    (void)state;
    static const char *const steps[] = {
        "--kinds 'talks' -> "
        "actors 'a b', ties 'ab', 'only talks'",
        /* A kind the file defines. */
        "--kinds 'arrests' -> "
        "actors 'c d', ties 'dc', 'only arrests'",
    };
    WALK(kinds_yaml, steps);
}

static void test_kinds_several(void **state)
{
    (void)state;
    static const char *const steps[] = {
        "--kinds 'talks,accuses' -> "
        "actors 'a b c d', ties 'ab bc ad', 'only talks, accuses'",
        /* Order in the list does not matter; empty items are skipped. */
        "--kinds 'supports,,talks,' -> "
        "actors 'a b c d', ties 'ab cd', 'only supports, talks'",
    };
    WALK(kinds_yaml, steps);
}

static void test_exclude_kinds(void **state)
{
    (void)state;
    static const char *const steps[] = {
        "--exclude-kinds 'accuses' -> "
        "actors 'a b c d', ties 'ab cd dc', 'without accuses'",
        "--exclude-kinds 'accuses,talks' -> "
        "actors 'c d', ties 'cd dc', 'without accuses, talks'",
        /* Excluding a kind no tie uses changes nothing but drops e, which
         * is in no tie. */
        "--exclude-kinds 'hosts' -> "
        "actors 'a b c d', ties 'ab bc cd ad dc', 'without hosts'",
    };
    WALK(kinds_yaml, steps);
}

static void test_kinds_and_exclude(void **state)
{
    (void)state;
    static const char *const steps[] = {
        "--kinds 'talks,accuses' --exclude-kinds 'talks' -> "
        "actors 'a b c d', ties 'bc ad', 'only talks, accuses \xC2\xB7 without talks'",
        "--kinds 'talks' --exclude-kinds 'talks' -> empty:\n"
        "error: nothing is left to draw: no tie passes the filters (only talks "
        "\xC2\xB7 without talks)\n",
    };
    WALK(kinds_yaml, steps);
}

static void test_kinds_unknown(void **state)
{
    (void)state;
    static const char *const steps[] = {
        "--kinds 'acuses' -> usage:\n"
        "error: --kinds: unknown tie kind 'acuses'; did you mean 'accuses'?\n",
        "--kinds 'talks,Arrests' -> usage:\n"
        "error: --kinds: unknown tie kind 'Arrests'; did you mean 'arrests'?\n",
        "--exclude-kinds 'zzzzzz' -> usage:\n"
        "error: --exclude-kinds: unknown tie kind 'zzzzzz'\n",
        /* Spaces around a kind are trimmed; what is left must be known. */
        "--exclude-kinds 'talks, acuses ' -> usage:\n"
        "error: --exclude-kinds: unknown tie kind 'acuses'; did you mean 'accuses'?\n",
        /* Every unknown kind is reported, in order. */
        "--kinds 'acuses,talks,hostz' --exclude-kinds 'suports' -> usage:\n"
        "error: --kinds: unknown tie kind 'acuses'; did you mean 'accuses'?\n"
        "error: --kinds: unknown tie kind 'hostz'; did you mean 'hosts'?\n"
        "error: --exclude-kinds: unknown tie kind 'suports'; did you mean "
        "'supports'?\n",
        /* No kind at all. */
        "--kinds ',' -> usage:\n"
        "error: --kinds needs at least one tie kind\n",
        "--exclude-kinds '' -> usage:\n"
        "error: --exclude-kinds needs at least one tie kind\n",
        /* Control characters are quoted in the message. */
        "--exclude-kinds 'x\x1b[2J' -> usage:\n"
        "error: --exclude-kinds: unknown tie kind 'x\\x1B[2J'\n",
    };
    WALK(kinds_yaml, steps);
}

/* ---- --as-of ---- */

static void test_as_of(void **state)
{
    (void)state;
    static const char *const steps[] = {
        /* A point is in force during the period its date names; an
         * interval while it runs. */
        "--as-of '2007-06-15' -> "
        "actors 'a c h i j', ties 'point-jun to-2007 undated', 'as of 2007-06-15'",
        /* A point on the very day is kept; one a day later is not. */
        "--as-of '2007-05-28' -> "
        "actors 'a b h i j', ties 'point to-2007 undated', 'as of 2007-05-28'",
        "--as-of '2007-05-27' -> "
        "actors 'a h i j', ties 'to-2007 undated', 'as of 2007-05-27'",
        /* Open start: in force until its end. */
        "--as-of '2004' -> "
        "actors 'a e i j', ties 'until-2006 undated', 'as of 2004'",
        "--as-of '2006-06' -> "
        "actors 'a e h i j', ties 'until-2006 to-2007 undated', 'as of 2006-06'",
        /* Open end: in force from its start on. */
        "--as-of '2030-01-01' -> "
        "actors 'a f g i j', ties 'from-dec from-jul undated', 'as of 2030-01-01'",
    };
    WALK(as_of_yaml, steps);
}

static void test_as_of_partial_dates(void **state)
{
    (void)state;
    static const char *const steps[] = {
        /* As of 2007-06: a tie starting 2007-07 is not yet in force; a
         * point in June is, one in May is over; q1 ended in March. */
        "--as-of '2007-06' -> "
        "actors 'a c h i j', ties 'point-jun to-2007 undated', 'as of 2007-06'",
        /* As of 2007: anything in force at some time in 2007, so a tie
         * that starts 2007-12 is kept, and one that ended in 2006 is not. */
        "--as-of '2007' -> "
        "actors 'a b c d f g h i j', "
        "ties 'point point-jun q1 from-dec from-jul to-2007 undated', 'as of 2007'",
        /* As of 2007-01: a tie ending 2006 is over; q1 has started. */
        "--as-of '2007-01' -> "
        "actors 'a d h i j', ties 'q1 to-2007 undated', 'as of 2007-01'",
        /* A tie ending 2007 runs to the end of 2007. */
        "--as-of '2007-12-31' -> "
        "actors 'a f g h i j', ties 'from-dec from-jul to-2007 undated', "
        "'as of 2007-12-31'",
        "--as-of '2008-01-01' -> "
        "actors 'a f g i j', ties 'from-dec from-jul undated', 'as of 2008-01-01'",
        /* End 2007-03 runs to the last day of March. */
        "--as-of '2007-03-31' -> "
        "actors 'a d h i j', ties 'q1 to-2007 undated', 'as of 2007-03-31'",
        "--as-of '2007-04-01' -> "
        "actors 'a h i j', ties 'to-2007 undated', 'as of 2007-04-01'",
    };
    WALK(as_of_yaml, steps);
}

static void test_as_of_bad_date(void **state)
{
    (void)state;
    static const char *const steps[] = {
        "--as-of '2007-13' -> usage:\n"
        "error: --as-of: invalid date '2007-13': no such month\n",
        "--as-of '2007-02-29' -> usage:\n"
        "error: --as-of: invalid date '2007-02-29': no such day\n",
        "--as-of 'yesterday' -> usage:\n"
        "error: --as-of: invalid date 'yesterday': expected YYYY, "
        "YYYY-MM or YYYY-MM-DD\n",
        "--as-of '0000' -> usage:\n"
        "error: --as-of: invalid date '0000': no such year\n",
        "--as-of '' -> usage:\n"
        "error: --as-of: invalid date '': expected YYYY, YYYY-MM or YYYY-MM-DD\n",
        "--as-of '2007-1-5' -> usage:\n"
        "error: --as-of: invalid date '2007-1-5': expected YYYY, "
        "YYYY-MM or YYYY-MM-DD\n",
        /* A leap day is a date. */
        "--as-of '2008-02-29' -> "
        "actors 'a f g i j', ties 'from-dec from-jul undated', 'as of 2008-02-29'",
    };
    WALK(as_of_yaml, steps);
}

/* ---- --from / --to ---- */

static void test_window(void **state)
{
    (void)state;
    static const char *const steps[] = {
        /* 2014-07 .. 2016-01 overlaps 2015; the points of 2014 and 2016
         * and the open intervals that end before or start after do not. */
        "--from '2015' --to '2015' -> "
        "actors 'a b c h', ties 'span p2015 undated', 'from 2015 to 2015'",
        "--from '2014-12-31' --to '2014-12-31' -> "
        "actors 'a b d h', ties 'span p2014 undated', 'from 2014-12-31 to 2014-12-31'",
        /* The interval ends in January 2016; a point `2016` spans that
         * year. */
        "--from '2016-02' --to '2016-03' -> "
        "actors 'a e f h', ties 'p2016 open-end undated', 'from 2016-02 to 2016-03'",
        "--from '2016-01-31' --to '2016-02-01' -> "
        "actors 'a b e f h', ties 'span p2016 open-end undated', "
        "'from 2016-01-31 to 2016-02-01'",
        /* Open intervals reach the window from either side. */
        "--from '2000' --to '2014-06-30' -> "
        "actors 'a g h', ties 'open-start undated', 'from 2000 to 2014-06-30'",
        "--from '2000' --to '2014-07' -> "
        "actors 'a b g h', ties 'span open-start undated', 'from 2000 to 2014-07'",
        /* A window that contains everything. */
        "--from '1900' --to '2100' -> "
        "actors 'a b c d e f g h', "
        "ties 'span p2015 p2014 p2016 open-end open-start undated', "
        "'from 1900 to 2100'",
    };
    WALK(window_yaml, steps);
}

static void test_window_one_side(void **state)
{
    (void)state;
    static const char *const steps[] = {
        "--from '2016' -> "
        "actors 'a b e f h', ties 'span p2016 open-end undated', 'from 2016 on'",
        "--from '2016-02' -> "
        "actors 'a e f h', ties 'p2016 open-end undated', 'from 2016-02 on'",
        "--to '2014' -> "
        "actors 'a b d g h', ties 'span p2014 open-start undated', 'up to 2014'",
        "--to '2014-06' -> "
        "actors 'a g h', ties 'open-start undated', 'up to 2014-06'",
    };
    WALK(window_yaml, steps);
}

static void test_window_errors(void **state)
{
    (void)state;
    static const char *const steps[] = {
        "--from '2016' --to '2015' -> usage:\n"
        "error: --to 2015 is before --from 2016\n",
        "--from '2015-06-02' --to '2015-06-01' -> usage:\n"
        "error: --to 2015-06-01 is before --from 2015-06-02\n",
        /* Periods that share a day are in order: 2015 ends after 2015-06. */
        "--from '2015-06' --to '2015' -> "
        "actors 'a b h', ties 'span undated', 'from 2015-06 to 2015'",
        "--from '2015' --to '2015-01' -> "
        "actors 'a b h', ties 'span undated', 'from 2015 to 2015-01'",
        /* Bad dates: both reported, and no order check on top. */
        "--from '2015-02-30' --to 'soon' -> usage:\n"
        "error: --from: invalid date '2015-02-30': no such day\n"
        "error: --to: invalid date 'soon': expected YYYY, YYYY-MM or YYYY-MM-DD\n",
        "--to '2015-00' -> usage:\n"
        "error: --to: invalid date '2015-00': no such month\n",
    };
    WALK(window_yaml, steps);
}

static void test_as_of_and_window(void **state)
{
    (void)state;
    static const char *const steps[] = {
        /* Both apply: in force in May 2007 and overlapping 2007-05-20 to
         * 2007-06-30, which June's point also does. */
        "--as-of '2007-05' --from '2007-05-20' --to '2007-06-30' -> "
        "actors 'a b h i j', "
        "ties 'point to-2007 undated', "
        "'as of 2007-05 \xC2\xB7 from 2007-05-20 to 2007-06-30'",
    };
    WALK(as_of_yaml, steps);
}

/* ---- --focus / --depth ---- */

static void test_focus_depth(void **state)
{
    (void)state;
    static const char *const steps[] = {
        "--focus 'a' --depth '0' -> "
        "actors 'a', ties '', 'focus: A (depth 0)'",
        /* Depth 1 (the default), ignoring direction: g -> a counts. A tie
         * is kept when all its parties are within reach, so b-g stays
         * too. */
        "--focus 'a' --depth '-1' -> "
        "actors 'a b g', ties 'ab ga bg', 'focus: A (depth 1)'",
        "--focus 'a' --depth '1' -> "
        "actors 'a b g', ties 'ab ga bg', 'focus: A (depth 1)'",
        "--focus 'a' --depth '2' -> "
        "actors 'a b c g', ties 'ab bc ga bg', 'focus: A (depth 2)'",
        "--focus 'a' --depth '3' -> "
        "actors 'a b c d g', ties 'ab bc cd ga bg', 'focus: A (depth 3)'",
        /* d, e, f come in together through the multi-party tie. */
        "--focus 'a' --depth '4' -> "
        "actors 'a b c d e f g', ties 'ab bc cd def ga bg', 'focus: A (depth 4)'",
        "--focus 'a' --depth '100' -> "
        "actors 'a b c d e f g', ties 'ab bc cd def ga bg', 'focus: A (depth 100)'",
    };
    WALK(focus_yaml, steps);
}

static void test_focus_multi_party(void **state)
{
    (void)state;
    static const char *const steps[] = {
        /* From e, the `between` tie reaches d and f at once. */
        "--focus 'e' -> "
        "actors 'd e f', ties 'def', 'focus: E (depth 1)'",
        "--focus 'e' --depth '2' -> "
        "actors 'c d e f', ties 'cd def', 'focus: E (depth 2)'",
        /* From c, d is in reach but e and f are not: the tie d,e,f is
         * dropped, since not all its parties are in reach. */
        "--focus 'c' --depth '1' -> "
        "actors 'b c d', ties 'bc cd', 'focus: C (depth 1)'",
        "--focus 'c' --depth '2' -> "
        "actors 'a b c d e f g', ties 'ab bc cd def ga bg', 'focus: C (depth 2)'",
    };
    WALK(focus_yaml, steps);
}

static void test_focus_several(void **state)
{
    (void)state;
    static const char *const steps[] = {
        "--focus 'a,e' --depth '0' -> "
        "actors 'a e', ties '', 'focus: A, E (depth 0)'",
        "--focus 'a,e' --depth '1' -> "
        "actors 'a b d e f g', ties 'ab def ga bg', 'focus: A, E (depth 1)'",
        /* Two focus actors tied to each other: depth 0 keeps their tie. */
        "--focus 'b,a' --depth '0' -> "
        "actors 'a b', ties 'ab', 'focus: B, A (depth 0)'",
        /* The same id twice, and an empty item. */
        "--focus 'e,,e' --depth '1' -> "
        "actors 'd e f', ties 'def', 'focus: E, E (depth 1)'",
    };
    WALK(focus_yaml, steps);
}

static void test_focus_lone(void **state)
{
    (void)state;
    static const char *const steps[] = {
        /* An actor in no tie is kept alone; it has no name: its id shows. */
        "--focus 'lone' -> "
        "actors 'lone', ties '', 'focus: lone (depth 1)'",
        "--focus 'lone' --depth '5' -> "
        "actors 'lone', ties '', 'focus: lone (depth 5)'",
        "--focus 'lone,a' --depth '1' -> "
        "actors 'a b g lone', ties 'ab ga bg', 'focus: lone, A (depth 1)'",
    };
    WALK(focus_yaml, steps);
}

static void test_focus_unknown(void **state)
{
    (void)state;
    static const char *const steps[] = {
        "--focus 'croker' -> usage:\n"
        "error: --focus: unknown actor 'croker'; did you mean 'crocker'?\n",
        /* Actor ids are matched exactly, names are not ids. */
        "--focus 'Iran' -> usage:\n"
        "error: --focus: unknown actor 'Iran'; did you mean 'iran'?\n",
        "--focus 'iran,nobody-at-all' -> usage:\n"
        "error: --focus: unknown actor 'nobody-at-all'\n",
        "--focus ',' -> usage:\n"
        "error: --focus needs at least one actor id\n",
        /* A usage error in any filter stops them all. */
        "--focus 'iran' --kinds 'acuses' --as-of '2007-13' -> usage:\n"
        "error: --kinds: unknown tie kind 'acuses'; did you mean 'accuses'?\n"
        "error: --as-of: invalid date '2007-13': no such month\n",
    };
    WALK(story_yaml, steps);
}

/* ---- the order of the filters ---- */

static void test_kinds_before_focus(void **state)
{
    (void)state;
    static const char *const steps[] = {
        /* Without talks, b is reached only through g (depth 2): at depth 1
         * it is dropped. */
        "--exclude-kinds 'talks' --focus 'a' -> "
        "actors 'a g', ties 'ga', 'without talks \xC2\xB7 focus: A (depth 1)'",
        "--exclude-kinds 'talks' --focus 'a' --depth '2' -> "
        "actors 'a b g', ties 'ga bg', 'without talks \xC2\xB7 focus: A (depth 2)'",
        "--exclude-kinds 'talks' --focus 'a' --depth '3' -> "
        "actors 'a b c g', ties 'bc ga bg', "
        "'without talks \xC2\xB7 focus: A (depth 3)'",
        /* --kinds too: only opposes and allied remain to walk. */
        "--kinds 'opposes,allied' --focus 'a' --depth '5' -> "
        "actors 'a b g', ties 'ga bg', 'only opposes, "
        "allied \xC2\xB7 focus: A (depth 5)'",
        /* The focus actor is kept even when the kinds leave it no tie. */
        "--kinds 'supports' --focus 'a' --depth '1' -> "
        "actors 'a', ties '', 'only supports \xC2\xB7 focus: A (depth 1)'",
    };
    WALK(focus_yaml, steps);
}

static void test_dates_before_focus(void **state)
{
    (void)state;
    static const char *const steps[] = {
        /* g -> a starts 2009: as of 2007-05 it is not there to walk, and g
         * is not reached at depth 1. */
        "--focus 'a' --as-of '2007-05' -> "
        "actors 'a b', ties 'ab', 'as of 2007-05 \xC2\xB7 focus: A (depth 1)'",
        "--focus 'a' --as-of '2007-05' --depth '2' -> "
        "actors 'a b c g', ties 'ab bc bg', "
        "'as of 2007-05 \xC2\xB7 focus: A (depth 2)'",
        /* a - b is 2007-05 only: a window in 2010 leaves g -> a. */
        "--focus 'a' --from '2010' --depth '1' -> "
        "actors 'a g', ties 'ga', 'from 2010 on \xC2\xB7 focus: A (depth 1)'",
    };
    WALK(focus_yaml, steps);
}

/* ---- actors kept ---- */

static void test_isolated_actors(void **state)
{
    (void)state;
    static const char *const steps[] = {
        /* No filter: everything, e in no tie included, and no description. */
        "-> "
        "actors 'a b c d e', ties 'ab bc cd ad dc', no description",
        /* Any tie filter, even one that keeps every tie, drops e. */
        "--as-of '2000' -> "
        "actors 'a b c d', ties 'ab bc cd ad dc', 'as of 2000'",
        /* Actors whose ties were all dropped go too. */
        "--kinds 'accuses' -> "
        "actors 'a b c d', ties 'bc ad', 'only accuses'",
        "--kinds 'supports' -> "
        "actors 'c d', ties 'cd', 'only supports'",
        /* A depth alone is no filter. */
        "--depth '3' -> "
        "actors 'a b c d e', ties 'ab bc cd ad dc', no description",
    };
    WALK(kinds_yaml, steps);
    assert_false(rg_filter_active(&(rg_filter)RG_FILTER_INIT));
    assert_false(rg_filter_active(NULL));
    assert_true(rg_filter_active(&(rg_filter){.as_of = "2000", .depth = -1}));
    assert_false(rg_filter_active(&(rg_filter){.depth = 3}));
}

static void test_empty(void **state)
{
    (void)state;
    static const char *const kinds_steps[] = {
        "--kinds 'hosts' -> empty:\n"
        "error: nothing is left to draw: no tie passes the filters (only hosts)\n",
    };
    WALK(kinds_yaml, kinds_steps);
    static const char *const window_steps[] = {
        "--exclude-kinds 'talks' -> empty:\n"
        "error: nothing is left to draw: no tie passes the filters (without talks)\n",
    };
    WALK(window_yaml, window_steps);
    static const char *const as_of_steps[] = {
        /* In force in mid-April 2007 is only 2005..2007, and that is over
         * by 2008; the undated tie is an accusation. */
        "--kinds 'talks' --as-of '2007-04-15' --from '2008' -> empty:\n"
        "error: nothing is left to draw: no tie passes the filters (only talks "
        "\xC2\xB7 as of 2007-04-15 \xC2\xB7 from 2008 on)\n",
        /* The undated tie passes every date filter. */
        "--as-of '2007-04-15' --from '2008' -> "
        "actors 'i j', ties 'undated', 'as of 2007-04-15 \xC2\xB7 from 2008 on'",
    };
    WALK(as_of_yaml, as_of_steps);
    /* A file with no ties at all. */
    static const char *const no_ties_steps[] = {
        "--as-of '2007' -> empty:\n"
        "error: nothing is left to draw: no tie passes the filters (as of 2007)\n",
        "-> "
        "actors 'a', ties '', no description",
        "--focus 'a' -> "
        "actors 'a', ties '', 'focus: A (depth 1)'",
    };
    WALK("relgraph: 1\nactors: {a: {name: A}}\n", no_ties_steps);
}

/* ---- what the filtered model counts ---- */

/* Apply F to M: it must keep a model, with exactly the actors ACTORS
 * (NULL: not checked) and the counts USES (as assert_uses reads them). The
 * caller frees the result. */
static result expect_uses(const rg_model *m, rg_filter f, const char *actors,
                          const char *uses)
{
    result res = apply(m, f);
    assert_non_null(res.m);
    if (actors) {
        char *ids = actor_ids(res.m);
        assert_string_equal(ids, actors);
        free(ids);
    }
    assert_uses(res.m, uses);
    return res;
}

static void test_uses(void **state)
{
    (void)state;
    rg_model *m = load(uses_yaml);
    /* The original's counts, for reference. */
    assert_uses(m, "group usa 2, group west 1, group iraq 1, "
                   "tie accuses 1, tie talks 2, actor country 2, actor person 2, "
                   "source s1 2, source s2 1, source s3 1");

    rg_filter f = RG_FILTER_INIT;
    f.kinds = "accuses";
    /* Groups: usa has us; west has usa; iraq lost rubaie. Kinds: the
     * legend follows. Sources: s1 from the tie, s3 from the actor; s2 is
     * not cited. */
    result res = expect_uses(m, f, "us iran",
                             "group usa 1, group west 1, group iraq 0, "
                             "tie accuses 1, tie talks 0, "
                             "actor country 2, actor person 0, "
                             "source s1 1, source s2 0, source s3 1");
    const rg_model *o = res.m;
    /* The anonymous source of the dropped tie is not cited either. */
    int anon = -1;
    for (size_t i = 0; i < o->n_sources; i++)
        if (!o->sources[i].id)
            anon = (int)i;
    assert_true(anon >= 0);
    assert_string_equal(o->sources[anon].url, "https://example.org/talks");
    assert_int_equal(o->sources[anon].uses, 0);
    assert_int_equal(m->sources[anon].uses, 1);
    result_free(&res);

    f = (rg_filter)RG_FILTER_INIT;
    f.kinds = "talks";
    res = expect_uses(m, f, "crocker iran rubaie",
                      "group usa 1, group west 1, group iraq 1, "
                      "tie accuses 0, tie talks 2, "
                      "actor country 1, actor person 2, "
                      "source s1 1, source s2 1, source s3 0");
    assert_int_equal(res.m->sources[anon].uses, 1);
    result_free(&res);

    /* Focus on iran at depth 0: no tie, no group, only Iran's kind. */
    f = (rg_filter)RG_FILTER_INIT;
    f.focus = "iran";
    f.depth = 0;
    res = expect_uses(m, f, NULL,
                      "group usa 0, group west 0, group iraq 0, "
                      "tie accuses 0, tie talks 0, "
                      "actor country 1, actor person 0, source s1 0, source s3 0");
    assert_int_equal(res.m->n_ties, 0);
    assert_string_equal(res.m->filtered, "focus: Iran (depth 0)");
    result_free(&res);
    rg_model_free(m);
}

static void test_nested_group_uses(void **state)
{
    (void)state;
    rg_model *m = load(nested_yaml);
    assert_uses(m, "group leaf 2, group mid 1, group top 2, group other 1");
    rg_filter f = RG_FILTER_INIT;
    f.focus = "a";
    f.depth = 0;
    /* Only a: leaf, and through it mid and top, are used. */
    result res = expect_uses(m, f, NULL,
                             "group leaf 1, group mid 1, group top 1, "
                             "group other 0");
    result_free(&res);
    f.focus = NULL;
    f.kinds = "accuses";
    res = expect_uses(m, f, "a d", "group leaf 1, group other 1");
    assert_true(uses_of(res.m, "group", "mid") > 0);
    assert_true(uses_of(res.m, "group", "top") > 0);
    result_free(&res);
    f.kinds = "talks";
    f.exclude_kinds = NULL;
    f.focus = "c";
    f.depth = 1;
    /* top has c directly; leaf and mid are empty. */
    res = expect_uses(m, f, "c d",
                      "group leaf 0, group mid 0, group top 1, group other 1");
    result_free(&res);
    rg_model_free(m);
}

/* ---- descriptions ---- */

static void test_descriptions(void **state)
{
    (void)state;
    /* Every filter at once, in the order they apply. */
#define EVERY_FILTER                                                      \
    "--kinds 'talks,accuses,supports,represents' "                        \
    "--exclude-kinds 'represents' --as-of '2007-06' --from '2007' "       \
    "--to '2007-12-31' "
#define EVERY_DESCRIPTION                                                 \
    "only talks, accuses, supports, represents \xC2\xB7 "                 \
    "without represents \xC2\xB7 as of 2007-06 \xC2\xB7 "                 \
    "from 2007 to 2007-12-31 \xC2\xB7 "
    static const char *const steps[] = {
        "--kinds 'talks,accuses' --as-of '2007-03-01' --focus 'iran' --depth '2' -> "
        "actors 'us iran', ties 'arming', 'only talks, "
        "accuses \xC2\xB7 as of 2007-03-01 \xC2\xB7 focus: Iran (depth 2)'",
        /* Kazemi's talks reach Crocker and Iraq, the United States reach
         * Iran: Iran's support of Iraq is between two actors in reach. */
        EVERY_FILTER "--focus 'kazemi,us' --depth '1' -> "
        "actors 'us iran iraq crocker kazemi', ties 'arming talks support', '"
        EVERY_DESCRIPTION "focus: Hassan Kazemi Qomi, United States (depth 1)'",
        /* From Kazemi alone, Iran is two ties away (talks, then support),
         * and the United States three. */
        EVERY_FILTER "--focus 'kazemi' --depth '1' -> "
        "actors 'iraq crocker kazemi', ties 'talks', '"
        EVERY_DESCRIPTION "focus: Hassan Kazemi Qomi (depth 1)'",
        EVERY_FILTER "--focus 'kazemi' --depth '2' -> "
        "actors 'iran iraq crocker kazemi', ties 'talks support', '"
        EVERY_DESCRIPTION "focus: Hassan Kazemi Qomi (depth 2)'",
    };
#undef EVERY_FILTER
#undef EVERY_DESCRIPTION
    WALK(story_yaml, steps);
}

/* ---- the filtered model is a model of its own ---- */

static void test_no_aliasing(void **state)
{
    (void)state;
    rg_model *m = load(uses_yaml);
    /* A snapshot of what the filter might touch. */
    size_t n_actors = m->n_actors, n_ties = m->n_ties;
    rg_actor *actors = rg_xmalloc(n_actors * sizeof *actors);
    memcpy(actors, m->actors, n_actors * sizeof *actors);
    rg_tie *ties = rg_xmalloc(n_ties * sizeof *ties);
    memcpy(ties, m->ties, n_ties * sizeof *ties);
    int parties[16];
    size_t np = 0;
    for (size_t i = 0; i < n_ties; i++)
        for (size_t p = 0; p < m->ties[i].n_parties; p++)
            parties[np++] = m->ties[i].parties[p];
    rg_group *groups = rg_xmalloc(m->n_groups * sizeof *groups);
    memcpy(groups, m->groups, m->n_groups * sizeof *groups);
    rg_source *sources = rg_xmalloc(m->n_sources * sizeof *sources);
    memcpy(sources, m->sources, m->n_sources * sizeof *sources);
    rg_tie_kind *tk = rg_xmalloc(m->n_tie_kinds * sizeof *tk);
    memcpy(tk, m->tie_kinds, m->n_tie_kinds * sizeof *tk);
    rg_actor_kind *ak = rg_xmalloc(m->n_actor_kinds * sizeof *ak);
    memcpy(ak, m->actor_kinds, m->n_actor_kinds * sizeof *ak);

    rg_filter f = RG_FILTER_INIT;
    f.kinds = "talks";
    f.focus = "rubaie";
    result res = apply(m, f);
    assert_non_null(res.m);
    const rg_model *o = res.m;
    char *ids = actor_ids(o);
    assert_string_equal(ids, "crocker rubaie");
    free(ids);
    assert_ptr_not_equal(o, m);
    assert_ptr_not_equal(o->arena, m->arena);
    assert_ptr_not_equal(o->actors, m->actors);
    assert_ptr_not_equal(o->ties, m->ties);
    assert_ptr_not_equal(o->groups, m->groups);
    assert_ptr_not_equal(o->sources, m->sources);
    assert_ptr_not_equal(o->tie_kinds, m->tie_kinds);
    assert_ptr_not_equal(o->actor_kinds, m->actor_kinds);
    for (size_t i = 0; i < o->n_ties; i++)
        for (size_t j = 0; j < m->n_ties; j++)
            assert_ptr_not_equal(o->ties[i].parties, m->ties[j].parties);
    /* Strings are borrowed. */
    assert_ptr_equal(o->actors[0].name, m->actors[1].name);
    assert_ptr_equal(o->title, m->title);
    assert_ptr_equal(o->render.layout, m->render.layout);
    assert_int_equal(o->n_groups, m->n_groups);
    assert_int_equal(o->n_sources, m->n_sources);
    assert_int_equal(o->n_tie_kinds, m->n_tie_kinds);
    assert_int_equal(o->n_actor_kinds, m->n_actor_kinds);
    /* The kept tie's parties are renumbered for the filtered actors. */
    assert_int_equal(o->n_ties, 1);
    assert_int_equal(o->ties[0].parties[0], 0);
    assert_int_equal(o->ties[0].parties[1], 1);

    /* The original is as it was. */
    assert_null(m->filtered);
    assert_int_equal(m->n_actors, n_actors);
    assert_int_equal(m->n_ties, n_ties);
    assert_memory_equal(m->actors, actors, n_actors * sizeof *actors);
    assert_memory_equal(m->ties, ties, n_ties * sizeof *ties);
    np = 0;
    for (size_t i = 0; i < n_ties; i++)
        for (size_t p = 0; p < m->ties[i].n_parties; p++)
            assert_int_equal(m->ties[i].parties[p], parties[np++]);
    assert_memory_equal(m->groups, groups, m->n_groups * sizeof *groups);
    assert_memory_equal(m->sources, sources, m->n_sources * sizeof *sources);
    assert_memory_equal(m->tie_kinds, tk, m->n_tie_kinds * sizeof *tk);
    assert_memory_equal(m->actor_kinds, ak, m->n_actor_kinds * sizeof *ak);
    result_free(&res);

    /* Filtering the original again gives the same. */
    res = apply(m, f);
    assert_non_null(res.m);
    ids = actor_ids(res.m);
    assert_string_equal(ids, "crocker rubaie");
    free(ids);
    result_free(&res);
    /* And the no-filter copy is a copy too. */
    f = (rg_filter)RG_FILTER_INIT;
    res = apply(m, f);
    assert_non_null(res.m);
    assert_ptr_not_equal(res.m->actors, m->actors);
    assert_ptr_not_equal(res.m->ties, m->ties);
    assert_int_equal(uses_of(res.m, "group", "usa"), uses_of(m, "group", "usa"));
    assert_int_equal(uses_of(res.m, "group", "west"), uses_of(m, "group", "west"));
    assert_int_equal(uses_of(res.m, "source", "s1"), uses_of(m, "source", "s1"));
    result_free(&res);

    free(actors);
    free(ties);
    free(groups);
    free(sources);
    free(tk);
    free(ak);
    rg_model_free(m);
}

/* Filtering a filtered model works like filtering once with both. */
static void test_filter_twice(void **state)
{
    (void)state;
    rg_model *m = load(focus_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.exclude_kinds = "talks";
    result first = apply(m, f);
    assert_non_null(first.m);
    rg_filter g = RG_FILTER_INIT;
    g.focus = "a";
    result second = apply(first.m, g);
    assert_non_null(second.m);
    char *ids = actor_ids(second.m);
    char *labels = tie_labels(second.m);
    assert_string_equal(ids, "a g");
    assert_string_equal(labels, "ga");
    assert_string_equal(second.m->filtered, "focus: A (depth 1)");
    free(ids);
    free(labels);
    result_free(&second);
    result_free(&first);
    rg_model_free(m);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kinds_one),
        cmocka_unit_test(test_kinds_several),
        cmocka_unit_test(test_exclude_kinds),
        cmocka_unit_test(test_kinds_and_exclude),
        cmocka_unit_test(test_kinds_unknown),
        cmocka_unit_test(test_as_of),
        cmocka_unit_test(test_as_of_partial_dates),
        cmocka_unit_test(test_as_of_bad_date),
        cmocka_unit_test(test_window),
        cmocka_unit_test(test_window_one_side),
        cmocka_unit_test(test_window_errors),
        cmocka_unit_test(test_as_of_and_window),
        cmocka_unit_test(test_focus_depth),
        cmocka_unit_test(test_focus_multi_party),
        cmocka_unit_test(test_focus_several),
        cmocka_unit_test(test_focus_lone),
        cmocka_unit_test(test_focus_unknown),
        cmocka_unit_test(test_kinds_before_focus),
        cmocka_unit_test(test_dates_before_focus),
        cmocka_unit_test(test_isolated_actors),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_uses),
        cmocka_unit_test(test_nested_group_uses),
        cmocka_unit_test(test_descriptions),
        cmocka_unit_test(test_no_aliasing),
        cmocka_unit_test(test_filter_twice),
    };
    return cmocka_run_group_tests_name("filter", tests, NULL, NULL);
}
