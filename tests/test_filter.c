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

/* Apply F to M: it must succeed and keep exactly ACTORS and TIES, with
 * FILTERED as its description (NULL: no filter active). */
static void expect(const rg_model *m, rg_filter f, const char *actors,
                   const char *ties, const char *filtered)
{
    result res = apply(m, f);
    assert_string_equal(res.diags, "");
    assert_int_equal(res.status, RG_FILTER_OK);
    assert_non_null(res.m);
    char *got_actors = actor_ids(res.m);
    char *got_ties = tie_labels(res.m);
    assert_string_equal(got_actors, actors);
    assert_string_equal(got_ties, ties);
    if (filtered) {
        assert_non_null(res.m->filtered);
        assert_string_equal(res.m->filtered, filtered);
    } else {
        assert_null(res.m->filtered);
    }
    assert_consistent(res.m);
    free(got_actors);
    free(got_ties);
    result_free(&res);
}

/* Apply F to M: it must fail with STATUS and exactly DIAGS. */
static void expect_fail(const rg_model *m, rg_filter f, rg_filter_status status,
                        const char *diags)
{
    result res = apply(m, f);
    assert_null(res.m);
    assert_int_equal(res.status, status);
    assert_string_equal(res.diags, diags);
    result_free(&res);
}

static size_t group_uses(const rg_model *m, const char *id)
{
    for (size_t i = 0; i < m->n_groups; i++)
        if (strcmp(m->groups[i].id, id) == 0)
            return m->groups[i].uses;
    fail_msg("no group '%s'", id);
    return 0;
}

static size_t tie_kind_uses(const rg_model *m, const char *id)
{
    for (size_t i = 0; i < m->n_tie_kinds; i++)
        if (strcmp(m->tie_kinds[i].id, id) == 0)
            return m->tie_kinds[i].uses;
    fail_msg("no tie kind '%s'", id);
    return 0;
}

static size_t actor_kind_uses(const rg_model *m, const char *id)
{
    for (size_t i = 0; i < m->n_actor_kinds; i++)
        if (strcmp(m->actor_kinds[i].id, id) == 0)
            return m->actor_kinds[i].uses;
    fail_msg("no actor kind '%s'", id);
    return 0;
}

static size_t source_uses(const rg_model *m, const char *id)
{
    for (size_t i = 0; i < m->n_sources; i++)
        if (m->sources[i].id && strcmp(m->sources[i].id, id) == 0)
            return m->sources[i].uses;
    fail_msg("no source '%s'", id);
    return 0;
}

/* ---- test files ---- */

/* Kinds: e is in no tie. */
static const char kinds_yaml[] =
    "relgraph: 1\n"
    "kinds:\n"
    "  ties:\n"
    "    arrests: {label: arrests}\n"
    "actors:\n"
    "  a: {name: A}\n"
    "  b: {name: B}\n"
    "  c: {name: C}\n"
    "  d: {name: D}\n"
    "  e: {name: E}\n"
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
    rg_model *m = load(kinds_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.kinds = "talks";
    expect(m, f, "a b", "ab", "only talks");
    f.kinds = "arrests"; /* a kind the file defines */
    expect(m, f, "c d", "dc", "only arrests");
    rg_model_free(m);
}

static void test_kinds_several(void **state)
{
    (void)state;
    rg_model *m = load(kinds_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.kinds = "talks,accuses";
    expect(m, f, "a b c d", "ab bc ad", "only talks, accuses");
    /* Order in the list does not matter; empty items are skipped. */
    f.kinds = "supports,,talks,";
    expect(m, f, "a b c d", "ab cd", "only supports, talks");
    rg_model_free(m);
}

static void test_exclude_kinds(void **state)
{
    (void)state;
    rg_model *m = load(kinds_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.exclude_kinds = "accuses";
    expect(m, f, "a b c d", "ab cd dc", "without accuses");
    f.exclude_kinds = "accuses,talks";
    expect(m, f, "c d", "cd dc", "without accuses, talks");
    /* Excluding a kind no tie uses changes nothing but drops e, which is
     * in no tie. */
    f.exclude_kinds = "hosts";
    expect(m, f, "a b c d", "ab bc cd ad dc", "without hosts");
    rg_model_free(m);
}

static void test_kinds_and_exclude(void **state)
{
    (void)state;
    rg_model *m = load(kinds_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.kinds = "talks,accuses";
    f.exclude_kinds = "talks";
    expect(m, f, "a b c d", "bc ad", "only talks, accuses \xC2\xB7 without talks");
    f.kinds = "talks";
    f.exclude_kinds = "talks";
    expect_fail(m, f, RG_FILTER_EMPTY,
                "error: nothing is left to draw: no tie passes the filters "
                "(only talks \xC2\xB7 without talks)\n");
    rg_model_free(m);
}

static void test_kinds_unknown(void **state)
{
    (void)state;
    rg_model *m = load(kinds_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.kinds = "acuses";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --kinds: unknown tie kind 'acuses'; did you mean 'accuses'?\n");
    f.kinds = "talks,Arrests";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --kinds: unknown tie kind 'Arrests'; did you mean 'arrests'?\n");
    f.kinds = NULL;
    f.exclude_kinds = "zzzzzz";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --exclude-kinds: unknown tie kind 'zzzzzz'\n");
    /* Spaces around a kind are trimmed; what is left must be known. */
    f.exclude_kinds = "talks, acuses ";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --exclude-kinds: unknown tie kind 'acuses'; "
                "did you mean 'accuses'?\n");
    /* Every unknown kind is reported, in order. */
    f.kinds = "acuses,talks,hostz";
    f.exclude_kinds = "suports";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --kinds: unknown tie kind 'acuses'; did you mean 'accuses'?\n"
                "error: --kinds: unknown tie kind 'hostz'; did you mean 'hosts'?\n"
                "error: --exclude-kinds: unknown tie kind 'suports'; "
                "did you mean 'supports'?\n");
    /* No kind at all. */
    f.kinds = ",";
    f.exclude_kinds = NULL;
    expect_fail(m, f, RG_FILTER_USAGE, "error: --kinds needs at least one tie kind\n");
    f.kinds = NULL;
    f.exclude_kinds = "";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --exclude-kinds needs at least one tie kind\n");
    /* Control characters are quoted in the message. */
    f.exclude_kinds = "x\x1b[2J";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --exclude-kinds: unknown tie kind 'x\\x1B[2J'\n");
    rg_model_free(m);
}

/* ---- --as-of ---- */

static void test_as_of(void **state)
{
    (void)state;
    rg_model *m = load(as_of_yaml);
    rg_filter f = RG_FILTER_INIT;
    /* A point is in force during the period its date names; an interval
     * while it runs. */
    f.as_of = "2007-06-15";
    expect(m, f, "a c h i j", "point-jun to-2007 undated",
           "as of 2007-06-15");
    /* A point on the very day is kept; one a day later is not. */
    f.as_of = "2007-05-28";
    expect(m, f, "a b h i j", "point to-2007 undated", "as of 2007-05-28");
    f.as_of = "2007-05-27";
    expect(m, f, "a h i j", "to-2007 undated", "as of 2007-05-27");
    /* Open start: in force until its end. */
    f.as_of = "2004";
    expect(m, f, "a e i j", "until-2006 undated", "as of 2004");
    f.as_of = "2006-06";
    expect(m, f, "a e h i j", "until-2006 to-2007 undated", "as of 2006-06");
    /* Open end: in force from its start on. */
    f.as_of = "2030-01-01";
    expect(m, f, "a f g i j",
           "from-dec from-jul undated", "as of 2030-01-01");
    rg_model_free(m);
}

static void test_as_of_partial_dates(void **state)
{
    (void)state;
    rg_model *m = load(as_of_yaml);
    rg_filter f = RG_FILTER_INIT;
    /* As of 2007: anything in force at some time in 2007, so a tie that
     * starts 2007-12 is kept, and one that ended in 2006 is not. */
    f.as_of = "2007";
    expect(m, f, "a b c d f g h i j",
           "point point-jun q1 from-dec from-jul to-2007 undated", "as of 2007");
    /* As of 2007-06: a tie starting 2007-07 is not yet in force; a point
     * in June is, one in May is over; q1 ended in March. */
    f.as_of = "2007-06";
    expect(m, f, "a c h i j", "point-jun to-2007 undated", "as of 2007-06");
    /* As of 2007-01: a tie ending 2006 is over; q1 has started. */
    f.as_of = "2007-01";
    expect(m, f, "a d h i j", "q1 to-2007 undated", "as of 2007-01");
    /* A tie ending 2007 runs to the end of 2007. */
    f.as_of = "2007-12-31";
    expect(m, f, "a f g h i j",
           "from-dec from-jul to-2007 undated", "as of 2007-12-31");
    f.as_of = "2008-01-01";
    expect(m, f, "a f g i j",
           "from-dec from-jul undated", "as of 2008-01-01");
    /* End 2007-03 runs to the last day of March. */
    f.as_of = "2007-03-31";
    expect(m, f, "a d h i j", "q1 to-2007 undated", "as of 2007-03-31");
    f.as_of = "2007-04-01";
    expect(m, f, "a h i j", "to-2007 undated", "as of 2007-04-01");
    rg_model_free(m);
}

static void test_as_of_bad_date(void **state)
{
    (void)state;
    rg_model *m = load(as_of_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.as_of = "2007-13";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --as-of: invalid date '2007-13': no such month\n");
    f.as_of = "2007-02-29";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --as-of: invalid date '2007-02-29': no such day\n");
    f.as_of = "yesterday";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --as-of: invalid date 'yesterday': "
                "expected YYYY, YYYY-MM or YYYY-MM-DD\n");
    f.as_of = "0000";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --as-of: invalid date '0000': no such year\n");
    f.as_of = "";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --as-of: invalid date '': "
                "expected YYYY, YYYY-MM or YYYY-MM-DD\n");
    f.as_of = "2007-1-5";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --as-of: invalid date '2007-1-5': "
                "expected YYYY, YYYY-MM or YYYY-MM-DD\n");
    /* A leap day is a date. */
    f.as_of = "2008-02-29";
    expect(m, f, "a f g i j", "from-dec from-jul undated", "as of 2008-02-29");
    rg_model_free(m);
}

/* ---- --from / --to ---- */

static void test_window(void **state)
{
    (void)state;
    rg_model *m = load(window_yaml);
    rg_filter f = RG_FILTER_INIT;
    /* 2014-07 .. 2016-01 overlaps 2015; the points of 2014 and 2016 and
     * the open intervals that end before or start after do not. */
    f.from = "2015";
    f.to = "2015";
    expect(m, f, "a b c h", "span p2015 undated", "from 2015 to 2015");
    f.from = "2014-12-31";
    f.to = "2014-12-31";
    expect(m, f, "a b d h", "span p2014 undated", "from 2014-12-31 to 2014-12-31");
    /* The interval ends in January 2016; a point `2016` spans that year. */
    f.from = "2016-02";
    f.to = "2016-03";
    expect(m, f, "a e f h", "p2016 open-end undated", "from 2016-02 to 2016-03");
    f.from = "2016-01-31";
    f.to = "2016-02-01";
    expect(m, f, "a b e f h", "span p2016 open-end undated",
           "from 2016-01-31 to 2016-02-01");
    /* Open intervals reach the window from either side. */
    f.from = "2000";
    f.to = "2014-06-30";
    expect(m, f, "a g h", "open-start undated", "from 2000 to 2014-06-30");
    f.from = "2000";
    f.to = "2014-07";
    expect(m, f, "a b g h", "span open-start undated", "from 2000 to 2014-07");
    /* A window that contains everything. */
    f.from = "1900";
    f.to = "2100";
    expect(m, f, "a b c d e f g h",
           "span p2015 p2014 p2016 open-end open-start undated",
           "from 1900 to 2100");
    rg_model_free(m);
}

static void test_window_one_side(void **state)
{
    (void)state;
    rg_model *m = load(window_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.from = "2016";
    expect(m, f, "a b e f h", "span p2016 open-end undated", "from 2016 on");
    f.from = "2016-02";
    expect(m, f, "a e f h", "p2016 open-end undated", "from 2016-02 on");
    f.from = NULL;
    f.to = "2014";
    expect(m, f, "a b d g h", "span p2014 open-start undated", "up to 2014");
    f.to = "2014-06";
    expect(m, f, "a g h", "open-start undated", "up to 2014-06");
    rg_model_free(m);
}

static void test_window_errors(void **state)
{
    (void)state;
    rg_model *m = load(window_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.from = "2016";
    f.to = "2015";
    expect_fail(m, f, RG_FILTER_USAGE, "error: --to 2015 is before --from 2016\n");
    f.from = "2015-06-02";
    f.to = "2015-06-01";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --to 2015-06-01 is before --from 2015-06-02\n");
    /* Periods that share a day are in order: 2015 ends after 2015-06. */
    f.from = "2015-06";
    f.to = "2015";
    expect(m, f, "a b h", "span undated", "from 2015-06 to 2015");
    f.from = "2015";
    f.to = "2015-01";
    expect(m, f, "a b h", "span undated", "from 2015 to 2015-01");
    /* Bad dates: both reported, and no order check on top. */
    f.from = "2015-02-30";
    f.to = "soon";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --from: invalid date '2015-02-30': no such day\n"
                "error: --to: invalid date 'soon': "
                "expected YYYY, YYYY-MM or YYYY-MM-DD\n");
    f.from = NULL;
    f.to = "2015-00";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --to: invalid date '2015-00': no such month\n");
    rg_model_free(m);
}

static void test_as_of_and_window(void **state)
{
    (void)state;
    rg_model *m = load(as_of_yaml);
    rg_filter f = RG_FILTER_INIT;
    /* Both apply: in force in May 2007 and overlapping 2007-05-20 to
     * 2007-06-30, which June's point also does. */
    f.as_of = "2007-05";
    f.from = "2007-05-20";
    f.to = "2007-06-30";
    expect(m, f, "a b h i j", "point to-2007 undated",
           "as of 2007-05 \xC2\xB7 from 2007-05-20 to 2007-06-30");
    rg_model_free(m);
}

/* ---- --focus / --depth ---- */

static void test_focus_depth(void **state)
{
    (void)state;
    rg_model *m = load(focus_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.focus = "a";
    f.depth = 0;
    expect(m, f, "a", "", "focus: A (depth 0)");
    /* Depth 1 (the default), ignoring direction: g -> a counts. A tie is
     * kept when all its parties are within reach, so b-g stays too. */
    f.depth = -1;
    expect(m, f, "a b g", "ab ga bg", "focus: A (depth 1)");
    f.depth = 1;
    expect(m, f, "a b g", "ab ga bg", "focus: A (depth 1)");
    f.depth = 2;
    expect(m, f, "a b c g", "ab bc ga bg", "focus: A (depth 2)");
    f.depth = 3;
    expect(m, f, "a b c d g", "ab bc cd ga bg", "focus: A (depth 3)");
    /* d, e, f come in together through the multi-party tie. */
    f.depth = 4;
    expect(m, f, "a b c d e f g", "ab bc cd def ga bg", "focus: A (depth 4)");
    f.depth = 100;
    expect(m, f, "a b c d e f g", "ab bc cd def ga bg", "focus: A (depth 100)");
    rg_model_free(m);
}

static void test_focus_multi_party(void **state)
{
    (void)state;
    rg_model *m = load(focus_yaml);
    rg_filter f = RG_FILTER_INIT;
    /* From e, the `between` tie reaches d and f at once. */
    f.focus = "e";
    expect(m, f, "d e f", "def", "focus: E (depth 1)");
    f.depth = 2;
    expect(m, f, "c d e f", "cd def", "focus: E (depth 2)");
    /* From c, d is in reach but e and f are not: the tie d,e,f is
     * dropped, since not all its parties are in reach. */
    f.focus = "c";
    f.depth = 1;
    expect(m, f, "b c d", "bc cd", "focus: C (depth 1)");
    f.depth = 2;
    expect(m, f, "a b c d e f g", "ab bc cd def ga bg", "focus: C (depth 2)");
    rg_model_free(m);
}

static void test_focus_several(void **state)
{
    (void)state;
    rg_model *m = load(focus_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.focus = "a,e";
    f.depth = 0;
    expect(m, f, "a e", "", "focus: A, E (depth 0)");
    f.depth = 1;
    expect(m, f, "a b d e f g", "ab def ga bg", "focus: A, E (depth 1)");
    /* Two focus actors tied to each other: depth 0 keeps their tie. */
    f.focus = "b,a";
    f.depth = 0;
    expect(m, f, "a b", "ab", "focus: B, A (depth 0)");
    /* The same id twice, and an empty item. */
    f.focus = "e,,e";
    f.depth = 1;
    expect(m, f, "d e f", "def", "focus: E, E (depth 1)");
    rg_model_free(m);
}

static void test_focus_lone(void **state)
{
    (void)state;
    rg_model *m = load(focus_yaml);
    rg_filter f = RG_FILTER_INIT;
    /* An actor in no tie is kept alone; it has no name: its id shows. */
    f.focus = "lone";
    expect(m, f, "lone", "", "focus: lone (depth 1)");
    f.depth = 5;
    expect(m, f, "lone", "", "focus: lone (depth 5)");
    f.focus = "lone,a";
    f.depth = 1;
    expect(m, f, "a b g lone", "ab ga bg", "focus: lone, A (depth 1)");
    rg_model_free(m);
}

static void test_focus_unknown(void **state)
{
    (void)state;
    rg_model *m = load(story_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.focus = "croker";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --focus: unknown actor 'croker'; did you mean 'crocker'?\n");
    /* Actor ids are matched exactly, names are not ids. */
    f.focus = "Iran";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --focus: unknown actor 'Iran'; did you mean 'iran'?\n");
    f.focus = "iran,nobody-at-all";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --focus: unknown actor 'nobody-at-all'\n");
    f.focus = ",";
    expect_fail(m, f, RG_FILTER_USAGE, "error: --focus needs at least one actor id\n");
    /* A usage error in any filter stops them all. */
    f.focus = "iran";
    f.kinds = "acuses";
    f.as_of = "2007-13";
    expect_fail(m, f, RG_FILTER_USAGE,
                "error: --kinds: unknown tie kind 'acuses'; did you mean 'accuses'?\n"
                "error: --as-of: invalid date '2007-13': no such month\n");
    rg_model_free(m);
}

/* ---- the order of the filters ---- */

static void test_kinds_before_focus(void **state)
{
    (void)state;
    rg_model *m = load(focus_yaml);
    rg_filter f = RG_FILTER_INIT;
    /* Without talks, b is reached only through g (depth 2): at depth 1 it
     * is dropped. */
    f.exclude_kinds = "talks";
    f.focus = "a";
    expect(m, f, "a g", "ga", "without talks \xC2\xB7 focus: A (depth 1)");
    f.depth = 2;
    expect(m, f, "a b g", "ga bg", "without talks \xC2\xB7 focus: A (depth 2)");
    f.depth = 3;
    expect(m, f, "a b c g", "bc ga bg", "without talks \xC2\xB7 focus: A (depth 3)");
    /* --kinds too: only opposes and allied remain to walk. */
    f.exclude_kinds = NULL;
    f.kinds = "opposes,allied";
    f.depth = 5;
    expect(m, f, "a b g", "ga bg", "only opposes, allied \xC2\xB7 focus: A (depth 5)");
    /* The focus actor is kept even when the kinds leave it no tie. */
    f.kinds = "supports";
    f.depth = 1;
    expect(m, f, "a", "", "only supports \xC2\xB7 focus: A (depth 1)");
    rg_model_free(m);
}

static void test_dates_before_focus(void **state)
{
    (void)state;
    rg_model *m = load(focus_yaml);
    rg_filter f = RG_FILTER_INIT;
    /* g -> a starts 2009: as of 2007-05 it is not there to walk, and g
     * is not reached at depth 1. */
    f.focus = "a";
    f.as_of = "2007-05";
    expect(m, f, "a b", "ab", "as of 2007-05 \xC2\xB7 focus: A (depth 1)");
    f.depth = 2;
    expect(m, f, "a b c g", "ab bc bg", "as of 2007-05 \xC2\xB7 focus: A (depth 2)");
    /* a - b is 2007-05 only: a window in 2010 leaves g -> a. */
    f.as_of = NULL;
    f.from = "2010";
    f.depth = 1;
    expect(m, f, "a g", "ga", "from 2010 on \xC2\xB7 focus: A (depth 1)");
    rg_model_free(m);
}

/* ---- actors kept ---- */

static void test_isolated_actors(void **state)
{
    (void)state;
    rg_model *m = load(kinds_yaml);
    rg_filter f = RG_FILTER_INIT;
    /* No filter: everything, e in no tie included, and no description. */
    assert_false(rg_filter_active(&f));
    assert_false(rg_filter_active(NULL));
    expect(m, f, "a b c d e", "ab bc cd ad dc", NULL);
    /* Any tie filter, even one that keeps every tie, drops e. */
    f.as_of = "2000";
    assert_true(rg_filter_active(&f));
    expect(m, f, "a b c d", "ab bc cd ad dc", "as of 2000");
    /* Actors whose ties were all dropped go too. */
    f.as_of = NULL;
    f.kinds = "accuses";
    expect(m, f, "a b c d", "bc ad", "only accuses");
    f.kinds = "supports";
    expect(m, f, "c d", "cd", "only supports");
    /* A depth alone is no filter. */
    f.kinds = NULL;
    f.depth = 3;
    assert_false(rg_filter_active(&f));
    expect(m, f, "a b c d e", "ab bc cd ad dc", NULL);
    rg_model_free(m);
}

static void test_empty(void **state)
{
    (void)state;
    rg_model *m = load(kinds_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.kinds = "hosts";
    expect_fail(m, f, RG_FILTER_EMPTY,
                "error: nothing is left to draw: no tie passes the filters "
                "(only hosts)\n");
    rg_model_free(m);

    m = load(window_yaml);
    f = (rg_filter)RG_FILTER_INIT;
    f.exclude_kinds = "talks";
    expect_fail(m, f, RG_FILTER_EMPTY,
                "error: nothing is left to draw: no tie passes the filters "
                "(without talks)\n");
    rg_model_free(m);

    /* In force in mid-April 2007 is only 2005..2007, and that is over
     * by 2008; the undated tie is an accusation. */
    m = load(as_of_yaml);
    f = (rg_filter)RG_FILTER_INIT;
    f.kinds = "talks";
    f.as_of = "2007-04-15";
    f.from = "2008";
    expect_fail(m, f, RG_FILTER_EMPTY,
                "error: nothing is left to draw: no tie passes the filters "
                "(only talks \xC2\xB7 as of 2007-04-15 \xC2\xB7 from 2008 on)\n");
    /* The undated tie passes every date filter. */
    f.kinds = NULL;
    expect(m, f, "i j", "undated", "as of 2007-04-15 \xC2\xB7 from 2008 on");
    rg_model_free(m);

    /* A file with no ties at all. */
    m = load("relgraph: 1\nactors: {a: {name: A}}\n");
    f = (rg_filter)RG_FILTER_INIT;
    f.as_of = "2007";
    expect_fail(m, f, RG_FILTER_EMPTY,
                "error: nothing is left to draw: no tie passes the filters "
                "(as of 2007)\n");
    f.as_of = NULL;
    expect(m, f, "a", "", NULL);
    f.focus = "a";
    expect(m, f, "a", "", "focus: A (depth 1)");
    rg_model_free(m);
}

/* ---- what the filtered model counts ---- */

static void test_uses(void **state)
{
    (void)state;
    rg_model *m = load(uses_yaml);
    /* The original's counts, for reference. */
    assert_int_equal(group_uses(m, "usa"), 2);
    assert_int_equal(group_uses(m, "west"), 1);
    assert_int_equal(group_uses(m, "iraq"), 1);
    assert_int_equal(tie_kind_uses(m, "accuses"), 1);
    assert_int_equal(tie_kind_uses(m, "talks"), 2);
    assert_int_equal(actor_kind_uses(m, "country"), 2);
    assert_int_equal(actor_kind_uses(m, "person"), 2);
    assert_int_equal(source_uses(m, "s1"), 2);
    assert_int_equal(source_uses(m, "s2"), 1);
    assert_int_equal(source_uses(m, "s3"), 1);

    rg_filter f = RG_FILTER_INIT;
    f.kinds = "accuses";
    result res = apply(m, f);
    assert_non_null(res.m);
    char *ids = actor_ids(res.m);
    assert_string_equal(ids, "us iran");
    free(ids);
    const rg_model *o = res.m;
    /* Groups: usa has us; west has usa; iraq lost rubaie. */
    assert_int_equal(group_uses(o, "usa"), 1);
    assert_int_equal(group_uses(o, "west"), 1);
    assert_int_equal(group_uses(o, "iraq"), 0);
    /* Kinds: the legend follows. */
    assert_int_equal(tie_kind_uses(o, "accuses"), 1);
    assert_int_equal(tie_kind_uses(o, "talks"), 0);
    assert_int_equal(actor_kind_uses(o, "country"), 2);
    assert_int_equal(actor_kind_uses(o, "person"), 0);
    /* Sources: s1 from the tie, s3 from the actor; s2 is not cited. */
    assert_int_equal(source_uses(o, "s1"), 1);
    assert_int_equal(source_uses(o, "s2"), 0);
    assert_int_equal(source_uses(o, "s3"), 1);
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
    res = apply(m, f);
    assert_non_null(res.m);
    ids = actor_ids(res.m);
    assert_string_equal(ids, "crocker iran rubaie");
    free(ids);
    o = res.m;
    assert_int_equal(group_uses(o, "usa"), 1);
    assert_int_equal(group_uses(o, "west"), 1);
    assert_int_equal(group_uses(o, "iraq"), 1);
    assert_int_equal(tie_kind_uses(o, "accuses"), 0);
    assert_int_equal(tie_kind_uses(o, "talks"), 2);
    assert_int_equal(actor_kind_uses(o, "country"), 1);
    assert_int_equal(actor_kind_uses(o, "person"), 2);
    assert_int_equal(source_uses(o, "s1"), 1);
    assert_int_equal(source_uses(o, "s2"), 1);
    assert_int_equal(source_uses(o, "s3"), 0);
    assert_int_equal(o->sources[anon].uses, 1);
    result_free(&res);

    /* Focus on iran at depth 0: no tie, no group, only Iran's kind. */
    f = (rg_filter)RG_FILTER_INIT;
    f.focus = "iran";
    f.depth = 0;
    res = apply(m, f);
    assert_non_null(res.m);
    o = res.m;
    assert_int_equal(o->n_ties, 0);
    assert_int_equal(group_uses(o, "usa"), 0);
    assert_int_equal(group_uses(o, "west"), 0);
    assert_int_equal(group_uses(o, "iraq"), 0);
    assert_int_equal(tie_kind_uses(o, "accuses"), 0);
    assert_int_equal(tie_kind_uses(o, "talks"), 0);
    assert_int_equal(actor_kind_uses(o, "country"), 1);
    assert_int_equal(actor_kind_uses(o, "person"), 0);
    assert_int_equal(source_uses(o, "s1"), 0);
    assert_int_equal(source_uses(o, "s3"), 0);
    assert_string_equal(o->filtered, "focus: Iran (depth 0)");
    result_free(&res);
    rg_model_free(m);
}

static void test_nested_group_uses(void **state)
{
    (void)state;
    /* top > mid > leaf, and top has an actor of its own. */
    rg_model *m = load("relgraph: 1\n"
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
                       "  - {from: a, to: d, kind: accuses, label: ad}\n");
    assert_int_equal(group_uses(m, "leaf"), 2);
    assert_int_equal(group_uses(m, "mid"), 1);
    assert_int_equal(group_uses(m, "top"), 2);
    assert_int_equal(group_uses(m, "other"), 1);
    rg_filter f = RG_FILTER_INIT;
    f.focus = "a";
    f.depth = 0;
    result res = apply(m, f);
    assert_non_null(res.m);
    /* Only a: leaf, and through it mid and top, are used. */
    assert_int_equal(group_uses(res.m, "leaf"), 1);
    assert_int_equal(group_uses(res.m, "mid"), 1);
    assert_int_equal(group_uses(res.m, "top"), 1);
    assert_int_equal(group_uses(res.m, "other"), 0);
    result_free(&res);
    f.focus = NULL;
    f.kinds = "accuses";
    res = apply(m, f);
    assert_non_null(res.m);
    char *ids = actor_ids(res.m);
    assert_string_equal(ids, "a d");
    free(ids);
    assert_int_equal(group_uses(res.m, "leaf"), 1);
    assert_true(group_uses(res.m, "mid") > 0);
    assert_true(group_uses(res.m, "top") > 0);
    assert_int_equal(group_uses(res.m, "other"), 1);
    result_free(&res);
    f.kinds = "talks";
    f.exclude_kinds = NULL;
    f.focus = "c";
    f.depth = 1;
    res = apply(m, f);
    assert_non_null(res.m);
    ids = actor_ids(res.m);
    assert_string_equal(ids, "c d");
    free(ids);
    /* top has c directly; leaf and mid are empty. */
    assert_int_equal(group_uses(res.m, "leaf"), 0);
    assert_int_equal(group_uses(res.m, "mid"), 0);
    assert_int_equal(group_uses(res.m, "top"), 1);
    assert_int_equal(group_uses(res.m, "other"), 1);
    result_free(&res);
    rg_model_free(m);
}

/* ---- descriptions ---- */

static void test_descriptions(void **state)
{
    (void)state;
    rg_model *m = load(story_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.kinds = "talks,accuses";
    f.as_of = "2007-03-01";
    f.focus = "iran";
    f.depth = 2;
    expect(m, f, "us iran", "arming",
           "only talks, accuses \xC2\xB7 as of 2007-03-01 \xC2\xB7 "
           "focus: Iran (depth 2)");
    /* Every filter at once, in the order they apply. */
    f = (rg_filter)RG_FILTER_INIT;
    f.kinds = "talks,accuses,supports,represents";
    f.exclude_kinds = "represents";
    f.as_of = "2007-06";
    f.from = "2007";
    f.to = "2007-12-31";
    f.focus = "kazemi,us";
    f.depth = 1;
    /* Kazemi's talks reach Crocker and Iraq, the United States reach
     * Iran: Iran's support of Iraq is between two actors in reach. */
    expect(m, f, "us iran iraq crocker kazemi", "arming talks support",
           "only talks, accuses, supports, represents \xC2\xB7 "
           "without represents \xC2\xB7 as of 2007-06 \xC2\xB7 "
           "from 2007 to 2007-12-31 \xC2\xB7 focus: Hassan Kazemi Qomi, "
           "United States (depth 1)");
    /* From Kazemi alone, Iran is two ties away (talks, then support), and
     * the United States three. */
    f.focus = "kazemi";
    expect(m, f, "iraq crocker kazemi", "talks",
           "only talks, accuses, supports, represents \xC2\xB7 "
           "without represents \xC2\xB7 as of 2007-06 \xC2\xB7 "
           "from 2007 to 2007-12-31 \xC2\xB7 focus: Hassan Kazemi Qomi "
           "(depth 1)");
    f.depth = 2;
    expect(m, f, "iran iraq crocker kazemi", "talks support",
           "only talks, accuses, supports, represents \xC2\xB7 "
           "without represents \xC2\xB7 as of 2007-06 \xC2\xB7 "
           "from 2007 to 2007-12-31 \xC2\xB7 focus: Hassan Kazemi Qomi "
           "(depth 2)");
    rg_model_free(m);
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
    assert_int_equal(group_uses(res.m, "usa"), group_uses(m, "usa"));
    assert_int_equal(group_uses(res.m, "west"), group_uses(m, "west"));
    assert_int_equal(source_uses(res.m, "s1"), source_uses(m, "s1"));
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
