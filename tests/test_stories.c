/*
 * test_stories.c - the test stories in tests/data/stories/: realistic
 * files, modelled on public-record situations with cited sources, of the
 * shapes a layout must handle on a page (tests/data/stories/README.md):
 *   - every story is valid with --check --strict (no message at all),
 *     passes the JSON Schema, and renders into SVG, PNG, PDF and JSON
 *     with exit status 0;
 *   - every story is within the size a page must hold (at most 25 actors
 *     and 50 ties) and has what real files have: roles, labels of 40
 *     characters or more, dates, weights, an alleged or denied tie, a kind
 *     of its own, sources cited on every actor and tie;
 *   - every story has the shape its name starts with, and every shape is
 *     there: hub- (one actor tied to most of the others, several ties of
 *     several kinds to one of them), camps- (two top-level groups, tied
 *     inside each and across), chain- (a sequence of events: ties on ten
 *     days or more within one month, multi-party ones among them),
 *     nested- (groups three deep, actors at every level), dense- (25
 *     actors, 50 ties, many kinds, long labels), network- (no groups);
 *     and each shape's check refuses a story of another shape.
 */
#include "cliutil.h"

#define STORIES "tests/data/stories"

/* The stories, sorted; at least six. */
static char **stories(size_t *n)
{
    char **files = cu_glob(STORIES, ".yaml", n);
    assert_true(*n >= 6);
    return files;
}

/* The model of FILE, which must load and validate with no message. */
static rg_model *story_model(const char *file)
{
    char *text = cu_read(file, NULL);
    if (!text)
        fail_msg("cannot read %s", file);
    rg_model *m = tu_valid_model(text, true);
    free(text);
    return m;
}

/* Characters (UTF-8 code points) in S. */
static size_t chars(const char *s)
{
    size_t n = 0;
    for (; s && *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Depth of group G: 1 for a top-level group. */
static int group_depth(const rg_model *m, int g)
{
    int d = 0;
    for (; g >= 0; g = m->groups[g].parent)
        d++;
    return d;
}

/* The top-level group that actor A is in (through its parents), or -1. */
static int top_group(const rg_model *m, const rg_actor *a)
{
    int g = a->group;
    while (g >= 0 && m->groups[g].parent >= 0)
        g = m->groups[g].parent;
    return g;
}

static bool tie_has(const rg_tie *t, int actor)
{
    for (size_t i = 0; i < t->n_parties; i++)
        if (t->parties[i] == actor)
            return true;
    return false;
}

static void test_stories_are_valid_and_render(void **state)
{
    (void)state;
    size_t n;
    char **files = stories(&n);
    for (size_t i = 0; i < n; i++) {
        cu_result r = CU_RUN(NULL, "--check", "--strict", files[i]);
        if (r.status != 0 || *r.err)
            fail_msg("%s: --check --strict gave status %d:\n%s", files[i], r.status, r.err);
        cu_result_free(&r);

        const char *svg = cu_path("s.svg"), *png = cu_path("s.png"),
                   *pdf = cu_path("s.pdf"), *json = cu_path("s.json");
        r = CU_RUN(NULL, files[i], "-o", svg, "-o", png, "-o", pdf, "-o", json);
        if (r.status != 0 || *r.err)
            fail_msg("%s: rendering gave status %d:\n%s", files[i], r.status, r.err);
        cu_result_free(&r);
        static const char *const magic[][2] = {
            {"s.svg", "<?xml"}, {"s.png", "\x89PNG"}, {"s.pdf", "%PDF"}, {"s.json", "{"}};
        for (size_t k = 0; k < sizeof magic / sizeof magic[0]; k++) {
            size_t len;
            char *out = cu_read(cu_path(magic[k][0]), &len);
            assert_non_null(out);
            if (len < 1000 || strncmp(out, magic[k][1], strlen(magic[k][1])) != 0)
                fail_msg("%s: %s is not what it should be (%zu bytes)", files[i],
                         magic[k][0], len);
            free(out);
        }
    }

    /* The JSON Schema accepts every one. */
    const char **argv = rg_xcalloc(n + 4, sizeof *argv);
    argv[0] = cu_python();
    argv[1] = "tests/validate_schema.py";
    argv[2] = "src/schema.json";
    for (size_t i = 0; i < n; i++)
        argv[3 + i] = files[i];
    cu_result r = cu_exec(NULL, argv);
    free(argv);
    if (r.status != 0)
        fail_msg("the schema refuses a story (status %d):\n%s%s", r.status, r.out, r.err);
    cu_result_free(&r);
    cu_glob_free(files);
}

static void test_stories_are_realistic_and_page_sized(void **state)
{
    (void)state;
    size_t n;
    char **files = stories(&n);
    for (size_t i = 0; i < n; i++) {
        const char *f = files[i];
        rg_model *m = story_model(f);
        if (m->n_actors < 15 || m->n_actors > 25 || m->n_ties < 25 || m->n_ties > 50)
            fail_msg("%s: %zu actors and %zu ties; a story has 15 to 25 actors and 25 "
                     "to 50 ties", f, m->n_actors, m->n_ties);
        size_t roles = 0, long_labels = 0, dated = 0, weighted = 0, doubted = 0,
               cited = 0;
        for (size_t a = 0; a < m->n_actors; a++) {
            roles += m->actors[a].role != NULL;
            cited += m->actors[a].n_sources > 0;
        }
        for (size_t t = 0; t < m->n_ties; t++) {
            const rg_tie *tie = &m->ties[t];
            long_labels += chars(tie->label) >= 40;
            dated += tie->has_date || tie->has_start || tie->has_end;
            weighted += tie->weight != 0;
            doubted += tie->status == RG_STATUS_ALLEGED || tie->status == RG_STATUS_DENIED;
            cited += tie->n_sources > 0;
        }
        size_t own_kinds = 0;
        for (size_t k = 0; k < m->n_tie_kinds; k++)
            own_kinds += !m->tie_kinds[k].builtin;
        for (size_t k = 0; k < m->n_actor_kinds; k++)
            own_kinds += !m->actor_kinds[k].builtin;
        if (roles < 8 || long_labels < 1 || dated < 10 || weighted < 1 || doubted < 1 ||
            own_kinds < 2 ||
            cited != m->n_actors + m->n_ties || !m->title || !m->description ||
            m->n_sources < 2)
            fail_msg("%s: %zu roles, %zu labels of 40+ characters, %zu dated ties, %zu "
                     "weighted, %zu alleged or denied, %zu kinds of its own, %zu of %zu "
                     "actors and ties cited, %zu sources", f, roles, long_labels, dated,
                     weighted, doubted, own_kinds, cited, m->n_actors + m->n_ties,
                     m->n_sources);
        rg_model_free(m);
    }
    cu_glob_free(files);
}

/* hub-: one actor tied to more than half of the others, and one pair
 * joined by at least three ties of at least two kinds. */
static char *check_hub(const char *f, const rg_model *m)
{
    size_t best = 0, best_pair = 0, best_kinds = 0;
    for (size_t a = 0; a < m->n_actors; a++) {
        size_t others = 0;
        for (size_t b = 0; b < m->n_actors; b++) {
            if (b == a)
                continue;
            size_t ties = 0;
            bool kinds[256] = {false};
            size_t nk = 0;
            for (size_t t = 0; t < m->n_ties; t++)
                if (tie_has(&m->ties[t], (int)a) && tie_has(&m->ties[t], (int)b)) {
                    ties++;
                    int k = m->ties[t].kind;
                    if (k >= 0 && k < 256 && !kinds[k]) {
                        kinds[k] = true;
                        nk++;
                    }
                }
            others += ties > 0;
            if (ties > best_pair || (ties == best_pair && nk > best_kinds)) {
                best_pair = ties;
                best_kinds = nk;
            }
        }
        if (others > best)
            best = others;
    }
    if (best * 2 <= m->n_actors - 1 || best_pair < 3 || best_kinds < 2)
        return cu_format("%s: not a hub: the most tied actor reaches %zu of %zu others; "
                       "the busiest pair has %zu ties of %zu kinds", f, best,
                       m->n_actors - 1, best_pair, best_kinds);
    return NULL;
}

/* camps-: two top-level groups of at least four actors each, each with
 * two ties inside, and at least five ties across them. */
static char *check_camps(const char *f, const rg_model *m)
{
    size_t size[64] = {0}, inside[64] = {0};
    for (size_t a = 0; a < m->n_actors; a++) {
        int g = top_group(m, &m->actors[a]);
        if (g >= 0 && g < 64)
            size[g]++;
    }
    size_t across[64][64] = {{0}};
    for (size_t t = 0; t < m->n_ties; t++) {
        const rg_tie *tie = &m->ties[t];
        for (size_t i = 0; i < tie->n_parties; i++)
            for (size_t j = i + 1; j < tie->n_parties; j++) {
                int g = top_group(m, &m->actors[tie->parties[i]]);
                int h = top_group(m, &m->actors[tie->parties[j]]);
                if (g < 0 || h < 0 || g >= 64 || h >= 64)
                    continue;
                if (g == h)
                    inside[g]++;
                else
                    across[g][h]++, across[h][g]++;
            }
    }
    for (size_t g = 0; g < m->n_groups && g < 64; g++)
        for (size_t h = g + 1; h < m->n_groups && h < 64; h++)
            if (size[g] >= 4 && size[h] >= 4 && inside[g] >= 2 && inside[h] >= 2 &&
                across[g][h] >= 5)
                return NULL;
    return cu_format("%s: no two camps: top-level groups of 4+ actors, tied inside, 5+ "
                   "ties across", f);
}

/* Days since 0000-03-01 of the date Y-M-D (the proleptic Gregorian
 * calendar), to measure spans. */
static long day_number(int y, int m, int d)
{
    if (m < 3) {
        y--;
        m += 12;
    }
    return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d - 1;
}

static int compare_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* chain-: a sequence of events: single-day ties on at least ten different
 * days within one month (31 days), at least two of those ties
 * multi-party, and an interval among the ties. */
static char *check_chain(const char *f, const rg_model *m)
{
    long days[256];
    size_t nd = 0, multi = 0, intervals = 0;
    for (size_t t = 0; t < m->n_ties; t++) {
        const rg_tie *tie = &m->ties[t];
        intervals += tie->has_start || tie->has_end;
        if (!tie->has_date)
            continue;
        rg_buf b = RG_BUF_INIT;
        rg_text_when(&b, tie);
        int y, mo, d;
        if (b.len == 10 && sscanf(b.buf, "%4d-%2d-%2d", &y, &mo, &d) == 3 && nd < 256) {
            days[nd++] = day_number(y, mo, d);
            multi += tie->multi;
        }
        rg_buf_free(&b);
    }
    qsort(days, nd, sizeof *days, compare_long);
    size_t distinct = 0, best = 0;
    for (size_t i = 0; i < nd; i++)
        if (i == 0 || days[i] != days[i - 1])
            days[distinct++] = days[i];
    for (size_t i = 0, j = 0; j < distinct; j++) {
        while (days[j] - days[i] > 30)
            i++;
        if (j - i + 1 > best)
            best = j - i + 1;
    }
    if (best < 10 || multi < 2 || intervals < 1)
        return cu_format("%s: not a chain: at most %zu days with ties in a month, %zu "
                       "multi-party ties on a day, %zu intervals", f, best, multi,
                       intervals);
    return NULL;
}

/* nested-: a group three levels deep, and actors directly in groups at
 * the first, second and third levels. */
static char *check_nested(const char *f, const rg_model *m)
{
    bool level[4] = {false};
    int deepest = 0;
    for (size_t g = 0; g < m->n_groups; g++) {
        int d = group_depth(m, (int)g);
        if (d > deepest)
            deepest = d;
    }
    for (size_t a = 0; a < m->n_actors; a++) {
        int d = m->actors[a].group >= 0 ? group_depth(m, m->actors[a].group) : 0;
        if (d >= 1 && d <= 3)
            level[d] = true;
    }
    if (deepest < 3 || !level[1] || !level[2] || !level[3])
        return cu_format("%s: not nested: groups %d deep, actors at levels 1 %s, 2 %s, "
                       "3 %s", f, deepest, level[1] ? "yes" : "no",
                       level[2] ? "yes" : "no", level[3] ? "yes" : "no");
    return NULL;
}

/* dense-: 25 actors and 50 ties exactly, at least ten tie kinds used, five
 * labels of 40 characters or more, and a role on most actors. */
static char *check_dense(const char *f, const rg_model *m)
{
    size_t kinds = 0, long_labels = 0, roles = 0;
    for (size_t k = 0; k < m->n_tie_kinds; k++)
        kinds += m->tie_kinds[k].uses > 0;
    for (size_t t = 0; t < m->n_ties; t++)
        long_labels += chars(m->ties[t].label) >= 40;
    for (size_t a = 0; a < m->n_actors; a++)
        roles += m->actors[a].role != NULL;
    if (m->n_actors != 25 || m->n_ties != 50 || kinds < 10 || long_labels < 5 ||
        roles * 2 <= m->n_actors)
        return cu_format("%s: not dense: %zu actors, %zu ties, %zu kinds used, %zu long "
                       "labels, %zu roles", f, m->n_actors, m->n_ties, kinds, long_labels,
                       roles);
    return NULL;
}

/* network-: no groups at all. */
static char *check_network(const char *f, const rg_model *m)
{
    if (m->n_groups != 0)
        return cu_format("%s: a network has no groups; it has %zu", f, m->n_groups);
    return NULL;
}

static const struct {
    const char *prefix;
    char *(*check)(const char *, const rg_model *);
} shapes[] = {
    {"hub-", check_hub},       {"camps-", check_camps}, {"chain-", check_chain},
    {"nested-", check_nested}, {"dense-", check_dense}, {"network-", check_network},
};

static void test_stories_have_their_shapes(void **state)
{
    (void)state;
    size_t n;
    char **files = stories(&n);
    size_t found[sizeof shapes / sizeof shapes[0]] = {0};
    for (size_t i = 0; i < n; i++) {
        const char *name = files[i] + strlen(STORIES "/");
        size_t s = 0;
        while (s < sizeof shapes / sizeof shapes[0] &&
               strncmp(name, shapes[s].prefix, strlen(shapes[s].prefix)) != 0)
            s++;
        if (s == sizeof shapes / sizeof shapes[0])
            fail_msg("%s: a story's name starts with its shape (hub-, camps-, chain-, "
                     "nested-, dense-, network-)", files[i]);
        rg_model *m = story_model(files[i]);
        char *why = shapes[s].check(files[i], m);
        if (why)
            fail_msg("%s", why);
        found[s]++;
        rg_model_free(m);
    }
    for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++)
        if (!found[s])
            fail_msg("no %s story in " STORIES, shapes[s].prefix);
    cu_glob_free(files);
}

/* The checks can fail: each refuses a story of another shape. */
static void test_shape_checks_refuse_other_shapes(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        size_t shape; /* index into shapes */
    } wrong[] = {
        {STORIES "/camps-karabakh-2020.yaml", 0},            /* not a hub */
        {STORIES "/network-black-sea-grain-2022.yaml", 1},   /* no camps */
        {STORIES "/hub-doha-2020.yaml", 2},                  /* not a chain */
        {STORIES "/nested-unsc-iraq-2002-2003.yaml", 2},     /* nor this */
        {STORIES "/camps-karabakh-2020.yaml", 3},            /* not nested */
        {STORIES "/camps-karabakh-2020.yaml", 4},            /* not dense */
        {STORIES "/camps-karabakh-2020.yaml", 5},            /* has groups */
    };
    for (size_t i = 0; i < sizeof wrong / sizeof wrong[0]; i++) {
        rg_model *m = story_model(wrong[i].file);
        char *why = shapes[wrong[i].shape].check(wrong[i].file, m);
        if (!why)
            fail_msg("%s passes as %s", wrong[i].file, shapes[wrong[i].shape].prefix);
        free(why);
        rg_model_free(m);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_stories_are_valid_and_render, cu_setup,
                                        cu_teardown),
        cmocka_unit_test(test_stories_are_realistic_and_page_sized),
        cmocka_unit_test(test_stories_have_their_shapes),
        cmocka_unit_test(test_shape_checks_refuse_other_shapes),
    };
    return cmocka_run_group_tests_name("stories", tests, NULL, NULL);
}
