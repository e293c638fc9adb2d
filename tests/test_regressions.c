/*
 * test_regressions.c - inputs that once crashed, hung or were mishandled,
 * kept so that they never are again.
 *
 * 1. Every file in tests/fuzz/regressions/ ($RG_REGRESSIONS), found by
 *    `make fuzz` or written by hand, is loaded and validated, and laid out
 *    and rendered to SVG when its entry says so. The outcome must be
 *    exactly the one in the table below: the exit status relgraph would
 *    give (0 success, 1 invalid input, 3 layout or render failure) and the
 *    first diagnostic line ("" for none). A file without an entry, or an
 *    entry without its file, fails.
 * 2. Inputs too big to keep as files, which took minutes when some step
 *    of the validator was quadratic, are generated here and must give their
 *    exact outcome within a time limit (generous: a sanitizer build is
 *    slow too, and the quadratic code took minutes).
 */
#include "testutil.h"

#include <dirent.h>
#include <signal.h>
#include <unistd.h>

/* ---- running one input ----------------------------------------------------- */

typedef struct outcome {
    int status;  /* as relgraph's exit status: 0, 1 or 3 */
    char *first; /* first diagnostic line (owned), "" for none */
    size_t total; /* bytes of every diagnostic line together */
} outcome;

static outcome run_input(const char *data, size_t len, bool render)
{
    tu_run r;
    tu_begin(&r);
    rg_doc *doc = rg_load(data, len, r.diags);
    rg_model *m = doc ? rg_validate(doc, r.diags) : NULL;
    outcome o = {m ? 0 : 1, NULL, 0};
    if (m && render) {
        rg_options opt = RG_OPTIONS_INIT;
        opt.timeout = 60;
        rg_diagram *dg = rg_diagram_new(m, &opt, r.diags);
        char *svg = NULL;
        size_t n = 0;
        if (!dg || !rg_diagram_render(dg, "svg", &svg, &n, r.diags))
            o.status = 3;
        free(svg);
        rg_diagram_free(dg);
    }
    const char *text = tu_text(&r);
    o.total = strlen(text);
    size_t first = strcspn(text, "\n");
    o.first = rg_xmalloc(first + 1);
    memcpy(o.first, text, first);
    o.first[first] = '\0';
    rg_model_free(m);
    rg_doc_free(doc);
    tu_done(&r);
    return o;
}

static void assert_outcome(outcome o, int status, const char *first)
{
    assert_string_equal(o.first, first);
    assert_int_equal(o.status, status);
    free(o.first);
}

/* ---- 1. the files ------------------------------------------------------------ */

typedef struct regression {
    const char *file;
    bool render;       /* lay out and render SVG too */
    int status;
    const char *first; /* first diagnostic line */
} regression;

static const regression regressions[] = {
    /* Hand-written: an alias to a long list, named until the expansion
     * budget runs out, and one within the budget whose `between` names one
     * actor 5,000 times. */
    {"alias-huge-list.yaml", false, 1,
     "106:5: error: aliases expand to more than 1000000 nodes (the limit)"},
    {"alias-list-one-actor.yaml", false, 1,
     "2:8: error: 'between' needs at least two distinct actors"},
    /* Found by fuzz_load: ten aliases of a tie whose list names one actor
     * hundreds of times gave 36,000 warnings, 3 MB of them; the warnings
     * shown now stop at RG_MAX_WARNINGS. */
    /* Found by fuzz_html: an empty label among a bundle's made the search
     * for words already said find "" at the same place forever. */
    {"bundle-empty-label.yaml", true, 0, ""},
    {"alias-warnings-repeated.yaml", false, 0,
     "2:16: warning: actor 'a' is named twice in 'between'; it is one party"},
    /* Found by fuzz_pipeline: an empty name, label, role, group name or
     * title made an empty HTML-like label or element, which Graphviz
     * refuses (exit status 3 for a valid file), or a NULL label, which
     * crashed dot in the layout child. */
    {"pipeline-empty-name.yaml", true, 0,
     "7:3: warning: group 'g0' has no actors"},
    {"empty-texts.yaml", true, 0, ""},
    /* Found by fuzz_pipeline: Graphviz 2.43 refuses an HTML-like label
     * whose text starts with ']' at its start or right after a tag (here
     * an actor kind's label, in the legend): exit status 3 for a valid
     * file. And every other text relgraph draws, starting with ']'. */
    {"pipeline-bracket-first.yaml", true, 0,
     "warning: layout 'circo' cannot draw groups as boxes holding only their "
     "members, so the groups of 6 actors are drawn without boxes; layout "
     "'dot' or 'fdp' draws them"},
    {"bracket-first-texts.yaml", true, 0, ""},
    /* Found by fuzz_pipeline: a label of line breaks only has no width,
     * and Graphviz 2.43's placement of edge labels for neato (and the
     * other engines but dot) failed an assertion on it, here for a tie
     * from an actor to itself: the layout crashed (exit status 3). Such
     * texts now draw nothing, as empty ones. */
    {"pipeline-line-breaks-label.yaml", true, 0,
     "warning: layout 'neato' cannot draw groups as boxes holding only their "
     "members, so the groups of 3 actors are drawn without boxes; layout "
     "'dot' or 'fdp' draws them"},
    {"line-breaks-only-texts.yaml", true, 0,
     "warning: layout 'neato' cannot draw groups as boxes holding only their "
     "members, so the groups of 1 actor are drawn without boxes; layout "
     "'dot' or 'fdp' draws them"},
    /* Found by fuzz_pipeline: fdp's routing of curved lines around the
     * nodes fails an assertion ("multispline.c: findMap") on some graphs
     * with two ties between the same actors and groups, and the layout
     * crashed (exit status 3); fdp does not lay a graph out the same way
     * twice, so the fuzzer's file failed in about half the runs, the one
     * cut down from it in every run. Such a layout is now tried again with
     * straight lines, and the first try's messages are dropped. */
    {"pipeline-fdp-curved-parallel-ties.yaml", true, 0,
     "3:3: warning: group 'g0' has no actors"},
    {"fdp-curved-parallel-ties.yaml", true, 0, ""},
    /* Found by fuzz_pipeline under clang's UBSan (gcc's does not report
     * it): a layout job ended before its child had sent anything left an
     * empty buffer, whose end was computed from its null pointer. Whether
     * a job ends that early depends on timing, so this test cannot catch
     * it again; the file seeds the fuzzers (`make fuzz-ci`, built with
     * clang), which can. */
    {"pipeline-fdp-child-sent-nothing.yaml", true, 0,
     "3:3: warning: group 'g0' has no actors"},
    /* Merge keys 64 bases deep, merged lists, merges inside merges. */
    {"merge-chain-64.yaml", true, 0, ""},
    /* Group cycles are found in one pass over the parent chains now; a
     * chain into a cycle names the cycle once. */
    {"group-chain-into-cycle.yaml", false, 1,
     "5:15: error: group parent cycle: 'b' -> 'c' -> 'd' -> 'b'"},
    /* Groups nested through `parent` had no limit: 100,000 of them took
     * minutes to validate (each chain walked to its root), and built
     * clusters recursively, as deep as the chain. Now 64 levels, like the
     * nesting of the YAML itself. */
    {"group-nesting-64.yaml", true, 0, ""},
    {"group-nesting-65.yaml", false, 1,
     "67:17: error: group 'g65' is nested deeper than the limit of 64"},
};

#define N_REGRESSIONS (sizeof regressions / sizeof regressions[0])

static const char *regressions_dir(void)
{
    const char *dir = getenv("RG_REGRESSIONS");
    return dir && *dir ? dir : "tests/fuzz/regressions";
}

static bool is_input(const char *name)
{
    return name[0] != '.' && strncmp(name, "README", 6) != 0;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        fail_msg("cannot open %s", path);
    rg_buf b = {0};
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        rg_buf_add(&b, chunk, n);
    fclose(f);
    *len = b.len;
    return b.buf ? b.buf : rg_xstrdup("");
}

static void test_one_file(void **state)
{
    const regression *reg = *state;
    rg_buf path = {0};
    rg_buf_printf(&path, "%s/%s", regressions_dir(), reg->file);
    size_t len;
    char *data = read_file(path.buf, &len);
    assert_outcome(run_input(data, len, reg->render), reg->status, reg->first);
    free(data);
    free(path.buf);
}

/* The table and the directory hold the same files. */
static void test_every_file_has_an_entry(void **state)
{
    (void)state;
    DIR *dir = opendir(regressions_dir());
    if (!dir)
        fail_msg("cannot open %s", regressions_dir());
    bool seen[N_REGRESSIONS] = {false};
    size_t missing = 0;
    for (struct dirent *e; (e = readdir(dir)) != NULL;) {
        if (!is_input(e->d_name))
            continue;
        size_t i = 0;
        while (i < N_REGRESSIONS && strcmp(regressions[i].file, e->d_name) != 0)
            i++;
        if (i == N_REGRESSIONS) {
            print_error("%s/%s has no entry in test_regressions.c\n",
                        regressions_dir(), e->d_name);
            missing++;
        } else {
            seen[i] = true;
        }
    }
    closedir(dir);
    for (size_t i = 0; i < N_REGRESSIONS; i++) {
        if (!seen[i]) {
            print_error("%s/%s is missing\n", regressions_dir(), regressions[i].file);
            missing++;
        }
    }
    assert_int_equal(missing, 0);
}

/* ---- 2. generated inputs, with a time limit -------------------------------- */

#define TIME_LIMIT 60 /* seconds per input */

static const char *timed_case;

static void timed_out(int sig)
{
    (void)sig;
    static const char msg[] = "test_regressions: timed out: ";
    ssize_t ignored = write(2, msg, sizeof msg - 1);
    ignored = write(2, timed_case, strlen(timed_case));
    ignored = write(2, "\n", 1);
    (void)ignored;
    _exit(1);
}

static outcome run_timed(const char *name, const rg_buf *yaml)
{
    timed_case = name;
    signal(SIGALRM, timed_out);
    alarm(TIME_LIMIT);
    outcome o = run_input(yaml->buf, yaml->len, false);
    alarm(0);
    return o;
}

static void assert_timed(const char *name, const rg_buf *yaml, int status,
                         const char *first)
{
    assert_outcome(run_timed(name, yaml), status, first);
}

#define BIG 100000 /* RG_MAX_ENTRIES */

/* 100,000 groups in one chain: each group's chain was walked to the root. */
static void test_long_group_chain(void **state)
{
    (void)state;
    rg_buf y = {0};
    rg_buf_puts(&y, "groups:\n  g0:\n");
    for (int i = 1; i < BIG; i++)
        rg_buf_printf(&y, "  g%d: {parent: g%d}\n", i, i - 1);
    rg_buf_printf(&y, "actors:\n  a: {group: g%d}\n  b:\n"
                      "ties:\n  - {from: a, to: b, kind: talks}\n", BIG - 1);
    assert_timed("group chain", &y, 1,
                 "66:17: error: group 'g64' is nested deeper than the limit of 64");
    free(y.buf);
}

/* Appends to Y, under HEAD, BIG entries "  ID:REST" with the ids ID0 to
 * ID99999; then OPEN, the list of all those ids, and "]}". */
static void all_in_one_list(rg_buf *y, const char *head, const char *id, const char *rest,
                            const char *open)
{
    rg_buf_puts(y, head);
    for (int i = 0; i < BIG; i++)
        rg_buf_printf(y, "  %s%d:%s\n", id, i, rest);
    rg_buf_puts(y, open);
    for (int i = 0; i < BIG; i++)
        rg_buf_printf(y, "%s%s%d", i ? "," : "", id, i);
    rg_buf_puts(y, "]}\n");
}

/* `between` of 100,000 distinct actors, named 9 times: each party was
 * compared with every party before it. */
static void test_between_many_parties(void **state)
{
    (void)state;
    rg_buf y = {0};
    all_in_one_list(&y, "actors:\n", "a", "", "ties:\n  - &t {kind: talks, between: [");
    for (int i = 0; i < 8; i++)
        rg_buf_puts(&y, "  - *t\n");
    assert_timed("between", &y, 0, "");
    free(y.buf);
}

/* `sources` of 100,000 distinct sources, named 9 times: the same. */
static void test_many_sources(void **state)
{
    (void)state;
    rg_buf y = {0};
    all_in_one_list(&y, "sources:\n", "s", " {title: t}", "actors:\n  a: &a {sources: [");
    for (int i = 0; i < 8; i++)
        rg_buf_printf(&y, "  b%d: *a\n", i);
    rg_buf_puts(&y, "ties:\n  - {from: a, to: b0, kind: talks}\n");
    for (int i = 1; i < 8; i += 2)
        rg_buf_printf(&y, "  - {from: b%d, to: b%d, kind: talks}\n", i, i + 1 < 8 ? i + 1 : 0);
    assert_timed("sources", &y, 0, "");
    free(y.buf);
}

/* 100,000 long actor ids, and 100 unknown ones three edits from all of
 * them, but only at their ends (so that no comparison stops early): "did
 * you mean" compared every unknown id with every actor id in full. */
static void test_many_suggestions(void **state)
{
    (void)state;
    rg_buf y = {0};
    rg_buf_puts(&y, "actors:\n");
    char pad[61];
    memset(pad, 'x', 58);
    pad[58] = '\0';
    for (int i = 0; i < BIG; i++)
        rg_buf_printf(&y, "  %s%06d:\n", pad, i);
    rg_buf_puts(&y, "ties:\n");
    for (int i = 0; i < 50; i++)
        rg_buf_printf(&y, "  - {kind: talks, from: %syyy%03d, to: %szzz%03d}\n",
                      pad, i, pad, i);
    assert_timed("suggestions", &y, 1,
                 "100003:25: error: unknown actor '"
                 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxyyy000"
                 "'; did you mean '"
                 "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx000000'?");
    free(y.buf);
}

/* Actor ids whose FNV-1a hashes agree in their low 18 bits, the slot of
 * an unseeded table of 2^18 entries or fewer: every lookup walked all of
 * them. They are found the way an attacker would: the hash's low bits
 * after a suffix depend only on the low bits before it, and the step is
 * a bijection, so each 3-character suffix has one starting state that
 * leads to slot 0; a prefix whose state is that one makes an id. */
#define LOW_BITS 18
#define LOW_MASK ((1u << LOW_BITS) - 1)
#define FNV_PRIME 1099511628211ull

static void colliding_ids(char (*ids)[32], size_t want)
{
    static const char al[] =
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    const size_t ns = 62 * 62 * 62;
    uint32_t inv = 0; /* FNV's prime has an inverse modulo 2^LOW_BITS */
    for (uint64_t x = 1; x <= LOW_MASK; x += 2)
        if (((x * FNV_PRIME) & LOW_MASK) == 1) {
            inv = (uint32_t)x;
            break;
        }
    uint32_t *head = rg_xmalloc((LOW_MASK + 1) * sizeof *head);
    uint32_t *next = rg_xmalloc(ns * sizeof *next);
    for (size_t i = 0; i <= LOW_MASK; i++)
        head[i] = UINT32_MAX;
    for (size_t k = 0; k < ns; k++) {
        const char s[3] = {al[k / (62 * 62)], al[k / 62 % 62], al[k % 62]};
        uint32_t h = 0;
        for (int j = 2; j >= 0; j--)
            h = (uint32_t)((h * (uint64_t)inv) & LOW_MASK) ^ (unsigned char)s[j];
        next[k] = head[h];
        head[h] = (uint32_t)k;
    }
    size_t got = 0;
    for (unsigned long i = 0; got < want; i++) {
        char pre[24];
        int n = snprintf(pre, sizeof pre, "p%lu", i);
        uint64_t h = 1469598103934665603ull;
        for (int j = 0; j < n; j++) {
            h ^= (unsigned char)pre[j];
            h *= FNV_PRIME;
        }
        for (uint32_t k = head[h & LOW_MASK]; k != UINT32_MAX && got < want;
             k = next[k])
            snprintf(ids[got++], sizeof ids[0], "%s%c%c%c", pre,
                     al[k / (62 * 62)], al[k / 62 % 62], al[k % 62]);
    }
    free(head);
    free(next);
}

static void test_colliding_ids(void **state)
{
    (void)state;
    char (*ids)[32] = rg_xmalloc(BIG * sizeof *ids);
    colliding_ids(ids, BIG);
    rg_buf y = {0};
    rg_buf_puts(&y, "actors:\n");
    for (int i = 0; i < BIG; i++)
        rg_buf_printf(&y, "  %s:\n", ids[i]);
    rg_buf_puts(&y, "ties:\n");
    for (int i = 0; i + 1 < BIG; i += 2)
        rg_buf_printf(&y, "  - {from: %s, to: %s, kind: talks}\n", ids[i], ids[i + 1]);
    rg_buf_printf(&y, "  - {from: %s, to: nobody, kind: talks}\n", ids[0]);
    assert_timed("colliding ids", &y, 1,
                 "150003:23: error: unknown actor 'nobody'; define it under 'actors:'");
    free(y.buf);
    free(ids);
}

/* 100,000 tie kinds (kinds.ties has no entry limit of its own: a 16 MiB
 * file holds a million) and 99 ties of unknown kinds: each error listed
 * every kind, 100 MB of messages here, 900 MB for the million. Now the
 * list stops at 30 kinds. */
static void test_many_kinds_listed(void **state)
{
    (void)state;
    rg_buf y = {0};
    rg_buf_puts(&y, "kinds:\n  ties:\n");
    for (int i = 0; i < BIG; i++)
        rg_buf_printf(&y, "    k%d: {}\n", i);
    rg_buf_puts(&y, "actors:\n  a:\n  b:\nties:\n");
    for (int i = 0; i < 99; i++)
        rg_buf_printf(&y, "  - {from: a, to: b, kind: no-such-kind-of-tie-%02d}\n", i);
    outcome o = run_timed("kinds listed", &y);
    size_t total = o.total;
    assert_outcome(o, 1,
                   "100007:28: error: unknown tie kind 'no-such-kind-of-tie-00'; "
                   "define it under 'kinds.ties' or use one of: talks, accuses, "
                   "custody, demands, proposes, supports, opposes, allied, "
                   "represents, hosts, disputes, k0, k1, k2, k3, k4, k5, k6, k7, k8, k9, "
                   "k10, k11, k12, k13, k14, k15, k16, k17, k18 "
                   "and 99981 more");
    assert_true(total < 100 * 1024);
    free(y.buf);
}

int main(void)
{
    struct CMUnitTest tests[N_REGRESSIONS + 7];
    size_t n = 0;
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_every_file_has_an_entry);
    for (size_t i = 0; i < N_REGRESSIONS; i++) {
        tests[n] = (struct CMUnitTest)cmocka_unit_test_prestate(
            test_one_file, (void *)&regressions[i]);
        tests[n++].name = regressions[i].file;
    }
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_long_group_chain);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_between_many_parties);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_many_sources);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_many_suggestions);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_colliding_ids);
    tests[n++] = (struct CMUnitTest)cmocka_unit_test(test_many_kinds_listed);
    return _cmocka_run_group_tests("regressions", tests, n, NULL, NULL);
}
