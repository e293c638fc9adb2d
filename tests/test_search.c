/*
 * test_search.c - layouts in parallel (runner.c) and the best-of search
 * (search.c): N layouts at once give the bytes of N layouts one after
 * another, what a layout child does after its layout comes back to its
 * job, a candidate's figures from its child are those of its drawing
 * finished here, a layout out of time fails alone, the search's choice and its
 * drawing are the same run after run and whatever the order of -o, and
 * it stops after the first batch that has a flawless drawing.
 *
 * Run from the repository root (the data files are read by relative path).
 */
#include "cliutil.h"

#include <pthread.h>
#include <stdio.h>

#include "gvutil.h"

/* Three graphs unlike each other: a chain, a group with a multi-party tie,
 * and a star of labelled ties. */
static const char *const graphs_yaml[] = {
    "actors:\n"
    "  a: {name: Alpha, kind: person}\n"
    "  b: {name: Beta, kind: country}\n"
    "  c: {name: Gamma, kind: media}\n"
    "ties:\n"
    "  - {from: a, to: b, kind: talks, label: first talks}\n"
    "  - {from: b, to: c, kind: accuses}\n",

    "groups:\n"
    "  g: {name: The side}\n"
    "actors:\n"
    "  a: {name: Alpha, kind: person, group: g}\n"
    "  b: {name: Beta, kind: person, group: g}\n"
    "  c: {name: Gamma, kind: country}\n"
    "  d: {name: Delta, kind: organization}\n"
    "ties:\n"
    "  - {between: [a, c, d], kind: talks, label: three-way talks}\n"
    "  - {from: b, to: c, kind: demands, label: a demand made twice over}\n",

    "actors:\n"
    "  hub: {name: The hub, kind: country}\n"
    "  s1: {name: Spoke one, kind: person}\n"
    "  s2: {name: Spoke two, kind: person}\n"
    "  s3: {name: Spoke three, kind: group}\n"
    "  s4: {name: Spoke four, kind: event}\n"
    "ties:\n"
    "  - {from: hub, to: s1, kind: supports, label: money and arms}\n"
    "  - {from: hub, to: s2, kind: hosts}\n"
    "  - {from: s3, to: hub, kind: opposes, label: opposed from the start}\n"
    "  - {from: hub, to: s4, kind: proposes}\n",
};
#define N_GRAPHS (sizeof graphs_yaml / sizeof graphs_yaml[0])

typedef struct loaded {
    tu_run r;
    rg_doc *doc;
    rg_model *m;
    rg_conf c;
} loaded;

static void load(loaded *l, const char *yaml, const char *layout)
{
    memset(l, 0, sizeof *l);
    tu_begin(&l->r);
    l->doc = rg_load(yaml, strlen(yaml), l->r.diags);
    assert_non_null(l->doc);
    l->m = rg_validate(l->doc, l->r.diags);
    assert_non_null(l->m);
    assert_string_equal(tu_text(&l->r), "");
    rg_options o = RG_OPTIONS_INIT;
    o.layout = layout;
    o.bundle = 0; /* every tie its own edge: the sizes the messages give */
    rg_conf_resolve(&l->c, l->m, &o);
}

/* The diagram of L with O, which must be made. */
static rg_diagram *diagram_of(loaded *l, const rg_options *o)
{
    rg_diagram *dg = rg_diagram_new(l->m, o, l->r.diags);
    if (!dg)
        fail_msg("no diagram: %s", tu_text(&l->r));
    return dg;
}

static void unload(loaded *l)
{
    rg_model_free(l->m);
    rg_doc_free(l->doc);
    tu_done(&l->r);
}

static GVC_t *context(void)
{
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    assert_non_null(gvc);
    return gvc;
}

/* N graphs laid out together, J at a time, and one by one: the same
 * bytes, graph for graph. */
static void same_as_sequential(size_t n, int j)
{
    loaded l[N_GRAPHS];
    /* First: gvContext declares node labels' default for graphs to come. */
    context();
    for (size_t i = 0; i < n; i++)
        load(&l[i], graphs_yaml[i], "dot");
    char *alone[N_GRAPHS];
    for (size_t i = 0; i < n; i++) {
        Agraph_t *g = rg_build_body(l[i].m, &l[i].c, NULL);
        assert_true(rg_layout(context(), g, &l[i].c, 30, l[i].r.diags));
        alone[i] = gu_dot_text(g);
        agclose(g);
        assert_string_equal(tu_text(&l[i].r), "");
    }
    rg_layout_job jobs[N_GRAPHS];
    for (size_t i = 0; i < n; i++)
        jobs[i] = (rg_layout_job){.g = rg_build_body(l[i].m, &l[i].c, NULL),
                                  .c = &l[i].c, .d = l[i].r.diags};
    assert_true(rg_layout_many(context(), jobs, n, j, 30));
    for (size_t i = 0; i < n; i++) {
        assert_true(jobs[i].ok);
        char *together = gu_dot_text(jobs[i].g);
        assert_non_null(strstr(together, "pos="));
        assert_string_equal(together, alone[i]);
        free(together);
        free(alone[i]);
        agclose(jobs[i].g);
        assert_string_equal(tu_text(&l[i].r), "");
        unload(&l[i]);
    }
}

static void test_parallel_one(void **state)
{
    (void)state;
    same_as_sequential(1, 2);
}

static void test_parallel_two(void **state)
{
    (void)state;
    same_as_sequential(2, 2);
}

static void test_parallel_three(void **state)
{
    (void)state;
    same_as_sequential(3, 2); /* the third waits for a free child */
    same_as_sequential(3, 1);
}

static void test_parallel_jobs(void **state)
{
    (void)state;
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    int expect = cpus < 1 ? 1 : cpus > 3 ? 3 : (int)cpus;
    assert_int_equal(rg_layout_parallel(3), expect);
    assert_int_equal(rg_layout_parallel(1), 1);
    assert_int_equal(rg_layout_parallel(0), 1);
    assert_true(rg_layout_parallel(1000) <= RG_STOP_CHILDREN);
}

/* A graph dot takes minutes over: 200 actors, 800 labelled ties that
 * cross everywhere. */
static char *tangle(void)
{
    rg_buf y = RG_BUF_INIT;
    rg_buf_puts(&y, "actors:\n");
    for (int i = 0; i < 200; i++)
        rg_buf_printf(&y, "  - {id: n%d, name: Actor %d, kind: person}\n", i, i);
    rg_buf_puts(&y, "ties:\n");
    static const int steps[] = {1, 7, 31, 57};
    for (int i = 0; i < 200; i++)
        for (size_t k = 0; k < 4; k++)
            rg_buf_printf(&y, "  - {from: n%d, to: n%d, kind: supports, label: "
                              "tie %d}\n", i, (i * steps[k] + steps[k]) % 200, i);
    return y.buf;
}

/* A layout child's next step (rg_layout_after), in the test: what it was
 * given, the layout as the parent then gets it, and its own pid. */
static void after_layout(GVC_t *gvc, const char *layout, size_t len, void *ud,
                         rg_buf *out)
{
    (void)gvc;
    rg_buf_printf(out, "%s %d\n", (const char *)ud, (int)getpid());
    rg_buf_add(out, layout, len);
}

/* What a job's next step sends comes back to its job, with the layout
 * the parent gets (after it the layout, as the parent reads it), from
 * the child; a job without one gets nothing. */
static void test_parallel_after(void **state)
{
    (void)state;
    context();
    loaded l[2];
    static const rg_layout_after after = {after_layout, "first"};
    rg_layout_job jobs[2];
    for (size_t i = 0; i < 2; i++) {
        load(&l[i], graphs_yaml[i], "dot");
        jobs[i] = (rg_layout_job){.g = rg_build_body(l[i].m, &l[i].c, NULL),
                                  .c = &l[i].c, .d = l[i].r.diags,
                                  .after = i == 0 ? &after : NULL};
    }
    assert_true(rg_layout_many(context(), jobs, 2, 2, 30));
    size_t len = 0;
    char *layout = rg_layout_text(jobs[0].g, &len);
    assert_true(len > 0);
    char head[64];
    int pid = 0;
    assert_int_equal(sscanf(jobs[0].back.buf, "first %d\n", &pid), 1);
    assert_true(pid > 0 && pid != (int)getpid());
    int hn = snprintf(head, sizeof head, "first %d\n", pid);
    assert_int_equal(jobs[0].back.len, (size_t)hn + len);
    assert_memory_equal(jobs[0].back.buf + hn, layout, len);
    assert_int_equal(jobs[1].back.len, 0);
    free(layout);
    for (size_t i = 0; i < 2; i++) {
        assert_string_equal(tu_text(&l[i].r), "");
        rg_buf_free(&jobs[i].back);
        agclose(jobs[i].g);
        unload(&l[i]);
    }
}

/* An AFTER step that crashes, or ends its child as running out of
 * memory does: the layout, sent before it, stands. */
static void after_crash(GVC_t *gvc, const char *layout, size_t len, void *ud,
                        rg_buf *out)
{
    (void)gvc, (void)layout, (void)len;
    rg_buf_puts(out, "never sent");
    if (strcmp(ud, "crash") == 0)
        raise(SIGSEGV);
    _exit(4);
}

static void test_parallel_after_fails(void **state)
{
    (void)state;
    context();
    static const rg_layout_after crash = {after_crash, "crash"},
                                 nomem = {after_crash, "nomem"};
    const rg_layout_after *afters[] = {&crash, &nomem};
    loaded l;
    load(&l, graphs_yaml[1], "dot");
    Agraph_t *alone = rg_build_body(l.m, &l.c, NULL);
    assert_true(rg_layout(context(), alone, &l.c, 30, l.r.diags));
    char *expected = gu_dot_text(alone);
    agclose(alone);
    for (size_t i = 0; i < 2; i++) {
        rg_layout_job job = {.g = rg_build_body(l.m, &l.c, NULL), .c = &l.c,
                             .d = l.r.diags, .after = afters[i]};
        assert_true(rg_layout_many(context(), &job, 1, 1, 30));
        assert_true(job.ok);
        assert_int_equal(job.back.len, 0);
        tu_assert_owned(gu_dot_text(job.g), expected);
        assert_string_equal(tu_text(&l.r), "");
        rg_buf_free(&job.back);
        agclose(job.g);
    }
    free(expected);
    unload(&l);
}

/* In a layout child, a layout is made there, with no child of its own:
 * an AFTER step lays a second graph out and sends its layout back, which
 * is the layout a child of its own gives. */
static loaded *second_graph;
static int forks;

static void count_fork(void)
{
    forks++;
}

static void after_second(GVC_t *gvc, const char *layout, size_t len, void *ud,
                         rg_buf *out)
{
    (void)layout, (void)len, (void)ud;
    Agraph_t *g = rg_build_body(second_graph->m, &second_graph->c, NULL);
    pthread_atfork(count_fork, NULL, NULL);
    bool ok = rg_layout(gvc, g, &second_graph->c, 30, second_graph->r.diags);
    rg_buf_printf(out, "in child: %d, forks: %d\n", rg_layout_in_child(), forks);
    if (ok) {
        char *text = gu_dot_text(g);
        rg_buf_puts(out, text);
        free(text);
    }
}

static void test_parallel_in_child(void **state)
{
    (void)state;
    context();
    assert_false(rg_layout_in_child());
    loaded l, second;
    load(&l, graphs_yaml[0], "dot");
    load(&second, graphs_yaml[2], "dot");
    second_graph = &second;
    Agraph_t *alone = rg_build_body(second.m, &second.c, NULL);
    assert_true(rg_layout(context(), alone, &second.c, 30, second.r.diags));
    char *text = gu_dot_text(alone);
    agclose(alone);
    rg_buf expected = RG_BUF_INIT;
    rg_buf_printf(&expected, "in child: 1, forks: 0\n%s", text);
    free(text);
    static const rg_layout_after after = {after_second, NULL};
    rg_layout_job job = {.g = rg_build_body(l.m, &l.c, NULL), .c = &l.c,
                         .d = l.r.diags, .after = &after};
    assert_true(rg_layout_many(context(), &job, 1, 1, 30));
    assert_true(job.ok);
    assert_string_equal(job.back.buf, expected.buf);
    assert_string_equal(tu_text(&l.r), "");
    rg_buf_free(&expected);
    rg_buf_free(&job.back);
    agclose(job.g);
    unload(&second);
    unload(&l);
}

/* A layout out of time is killed and fails alone: the other, beside it,
 * is laid out, and each one's messages are its own. The timeout leaves
 * the small graph room under valgrind (make leakcheck), where starting
 * Graphviz's fonts alone takes a second or two; the tangle takes minutes
 * whatever the build. */
static void test_parallel_timeout(void **state)
{
    (void)state;
    char *big = tangle();
    loaded l[2];
    load(&l[0], big, "dot");
    free(big);
    load(&l[1], graphs_yaml[0], "dot");
    rg_layout_job jobs[2];
    for (size_t i = 0; i < 2; i++)
        jobs[i] = (rg_layout_job){.g = rg_build_body(l[i].m, &l[i].c, NULL),
                                  .c = &l[i].c, .d = l[i].r.diags};
    double t0 = cu_now();
    assert_false(rg_layout_many(context(), jobs, 2, 2, 6));
    double took = cu_now() - t0;
    print_message("test_search: the timeout of 6 s took %.2f s\n", took);
    assert_true(took < 10);
    assert_false(jobs[0].ok);
    assert_true(jobs[1].ok);
    assert_string_equal(tu_text(&l[0].r),
                        "error: the 'dot' layout of 200 nodes and 800 edges "
                        "took longer than 6 s; try -K sfdp, which is much "
                        "faster on large graphs, or a longer --timeout\n");
    assert_string_equal(tu_text(&l[1].r), "");
    for (size_t i = 0; i < 2; i++) {
        agclose(jobs[i].g);
        unload(&l[i]);
    }
}

/* The number of candidate lines in REPORT, after checking the early
 * stop: batches of J, and no batch but the last with a flawless drawing
 * (no defect, text_min >= 0: no page); the last has one unless every
 * candidate ran. */
static size_t check_early_stop(const char *report, int j)
{
    bool flawless[64];
    size_t n = 0;
    for (const char *p = report; strncmp(p, "candidate ", 10) == 0; n++) {
        const char *nl = strchr(p, '\n');
        assert_non_null(nl);
        assert_true(n < 64);
        unsigned long o, et, ea, eg;
        double tmin = -1;
        const char *f = strstr(p, "overlaps=");
        const char *t = strstr(p, "text_min=");
        flawless[n] = f && f < nl && t && t < nl &&
                      sscanf(f, "overlaps=%lu edge_text=%lu edge_actors=%lu "
                                "edge_groups=%lu", &o, &et, &ea, &eg) == 4 &&
                      sscanf(t, "text_min=%lf", &tmin) == 1 &&
                      o + et + ea + eg == 0 && tmin >= 0;
        p = nl + 1;
    }
    size_t batches = (n + (size_t)j - 1) / (size_t)j;
    for (size_t b = 0; b + 1 < batches; b++)
        for (size_t i = b * (size_t)j; i < (b + 1) * (size_t)j; i++)
            assert_false(flawless[i]);
    return n;
}

static void test_search_early_stop(void **state)
{
    (void)state;
    loaded l;
    load(&l, graphs_yaml[2], "auto");
    rg_options o = RG_OPTIONS_INIT;
    rg_diagram *dg = diagram_of(&l, &o);
    assert_string_equal(tu_text(&l.r), "");
    const char *report = rg_diagram_candidates(dg);
    int j = rg_layout_parallel(2);
    size_t n = check_early_stop(report, j);
    assert_true(n >= 1);
    /* Every drawing of this graph is flawless: one batch was enough. */
    assert_int_equal(n, (size_t)j);
    assert_true(strncmp(report, "candidate base: ", 16) == 0);
    const char *chosen = strstr(report, "\nchosen: ");
    assert_non_null(chosen);
    assert_int_equal(chosen[strlen(chosen) - 1], '\n');
    rg_diagram_free(dg);

    /* An engine asked for: one layout, no search. */
    o.layout = "dot";
    dg = diagram_of(&l, &o);
    assert_string_equal(rg_diagram_candidates(dg), "");
    rg_diagram_free(dg);
    unload(&l);
}

/* The search draws what the one layout with the base's settings draws
 * when the base wins: the same DOT, byte for byte. */
static void test_search_base_is_one_layout(void **state)
{
    (void)state;
    loaded l;
    load(&l, graphs_yaml[1], "auto");
    rg_options o = RG_OPTIONS_INIT;
    rg_diagram *searched = diagram_of(&l, &o);
    const char *report = rg_diagram_candidates(searched);
    if (strstr(report, "\nchosen: base\n")) {
        o.layout = "dot";
        rg_diagram *one = diagram_of(&l, &o);
        char *a = NULL, *b = NULL;
        size_t an = 0, bn = 0;
        assert_true(rg_diagram_render(searched, "dot", &a, &an, l.r.diags));
        assert_true(rg_diagram_render(one, "dot", &b, &bn, l.r.diags));
        assert_int_equal(an, bn);
        assert_memory_equal(a, b, an);
        free(a);
        free(b);
        rg_diagram_free(one);
    }
    assert_string_equal(tu_text(&l.r), "");
    rg_diagram_free(searched);
    unload(&l);
}

/* The search's candidates are finished and scored in their layout
 * children, and only the winner here: its figures as reported (the
 * child's) are those of the drawing handed over, scored again here, and
 * the winner's line in the report says the same; no child is started
 * but one per candidate. On four stories, A4. */
static void test_search_scores_in_child(void **state)
{
    (void)state;
    static const char *const stories[] = {
        "tests/data/stories/camps-karabakh-2020.yaml",
        "tests/data/stories/hub-doha-2020.yaml",
        "tests/data/stories/nested-unsc-iraq-2002-2003.yaml",
        "data/iran-us-talks-2007.yaml",
    };
    for (size_t i = 0; i < sizeof stories / sizeof stories[0]; i++) {
        size_t n = 0;
        char *yaml = cu_read(stories[i], &n);
        loaded l;
        load(&l, yaml, "auto");
        rg_options o = RG_OPTIONS_INIT;
        o.page_w = 595.276;
        o.page_h = 841.89;
        static bool counting;
        if (!counting)
            counting = pthread_atfork(count_fork, NULL, NULL) == 0;
        forks = 0;
        rg_diagram *dg = diagram_of(&l, &o);
        rg_score again;
        rg_score_graph(dg->g, dg->page_w, dg->page_h, dg->page.max_scale, &again);
        rg_buf a = RG_BUF_INIT, b = RG_BUF_INIT;
        rg_score_print(&a, &dg->score);
        rg_score_print(&b, &again);
        assert_string_equal(a.buf, b.buf);
        const char *report = rg_diagram_candidates(dg);
        const char *chosen = strstr(report, "\nchosen: ");
        assert_non_null(chosen);
        rg_buf line = RG_BUF_INIT;
        rg_buf_printf(&line, "candidate %.*s: %s\n",
                      (int)strcspn(chosen + 9, "\n"), chosen + 9, a.buf);
        assert_non_null(strstr(report, line.buf));
        /* One child per candidate, and none for the winner's finishing:
         * its legend and key come back from its child. */
        int candidates = 0;
        for (const char *c = report; (c = strstr(c, "candidate ")); c++)
            candidates++;
        assert_int_equal(forks, candidates);
        rg_buf_free(&line);
        rg_buf_free(&a);
        rg_buf_free(&b);
        rg_diagram_free(dg);
        unload(&l);
        free(yaml);
    }
}

/* The candidates' names for YAML with O, one line each. */
static char *plan_of(const char *yaml, rg_options o)
{
    loaded l;
    load(&l, yaml, o.layout);
    rg_conf c;
    rg_conf_resolve(&c, l.m, &o);
    const char *names[32];
    size_t n = rg_search_plan(&c, l.m, &o, names, 32);
    assert_true(n <= 32);
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        rg_buf_printf(&b, "%s\n", names[i]);
    unload(&l);
    return rg_buf_detach(&b, NULL);
}

#define ASSERT_PLAN(yaml, o, expected) tu_assert_owned(plan_of(yaml, o), expected)

/* Which candidates apply: what changes nothing drawn is left out (dot
 * from left to right is the base; no labels, nothing to wrap), neato only
 * without groups and when the engine is left to auto, the command line's
 * direction kept. */
static void test_search_plan(void **state)
{
    (void)state;
    rg_options o = RG_OPTIONS_INIT;
    o.layout = "auto";
    ASSERT_PLAN(graphs_yaml[2], o,
                "base\ndot-LR-tight\ndot-LR-tight-below\ndot-TB-tight\ndot-TB\nwrap-32\n"
                "legend-below\nneato-prism\nneato-false\n");
    /* A group: no neato. */
    ASSERT_PLAN(graphs_yaml[1], o,
                "base\ndot-LR-tight\ndot-LR-tight-below\ndot-TB-tight\ndot-TB\nwrap-32\n"
                "legend-below\n");
    /* A page: the labels as notes too, first. */
    o.page_w = 595.276;
    o.page_h = 841.89;
    ASSERT_PLAN(graphs_yaml[1], o,
                "base\ndot-LR-tighter-notes-below\ndot-LR-tight-notes-below\n"
                "dot-TB-tight-notes\ndot-TB-tighter-notes\ndot-LR-tighter-notes\n"
                "dot-LR-tight\ndot-LR-tight-below\ndot-TB-tight\ndot-TB\nwrap-32\n"
                "legend-below\n");
    /* ... but not where the labels' mode was chosen. */
    o.labels = RG_LABELS_INLINE;
    ASSERT_PLAN(graphs_yaml[1], o,
                "base\ndot-LR-tight\ndot-LR-tight-below\ndot-TB-tight\ndot-TB\nwrap-32\n"
                "legend-below\n");
    o = (rg_options)RG_OPTIONS_INIT;
    o.layout = "auto";
    o.direction = "LR";
    o.legend = 0;
    o.labels = RG_LABELS_NONE;
    ASSERT_PLAN(graphs_yaml[2], o, "base\ndot-LR-tight\nneato-prism\nneato-false\n");
    o = (rg_options)RG_OPTIONS_INIT;
    o.layout = "dot";
    o.direction = "TB";
    ASSERT_PLAN(graphs_yaml[2], o,
                "base\ndot-TB-tight\nwrap-32\nlegend-below\n");
    /* sfdp asked for: its own variants only. */
    o.layout = "sfdp";
    o.direction = NULL;
    ASSERT_PLAN(graphs_yaml[2], o, "base\nwrap-32\nlegend-below\n");
}

/* The same choice and the same bytes, three runs over, and with the -o
 * order changed; --stats says what was compared and chosen. */
static void test_search_determinism(void **state)
{
    (void)state;
    const char *story = "tests/data/stories/hub-doha-2020.yaml";
    char *first_svg = NULL, *first_dot = NULL, *first_stats = NULL;
    size_t svg_len = 0, dot_len = 0;
    for (int run = 0; run < 4; run++) {
        const char *svg = cu_path("a.svg"), *dot = cu_path("a.dot");
        char svg_path[256], dot_path[256];
        snprintf(svg_path, sizeof svg_path, "%s", svg);
        snprintf(dot_path, sizeof dot_path, "%s", dot);
        cu_result r = run < 3
                          ? CU_RUN(NULL, "-K", "auto", "--stats", "-o", svg_path,
                                   "-o", dot_path, story)
                          : CU_RUN(NULL, "-K", "auto", "--stats", "-o", dot_path,
                                   "-o", svg_path, story);
        assert_int_equal(r.status, 0);
        assert_non_null(strstr(r.err, "relgraph: stats: candidate base: overlaps="));
        assert_non_null(strstr(r.err, "\nrelgraph: stats: chosen: "));
        size_t sl = 0, dl = 0;
        char *s = cu_read(svg_path, &sl), *d = cu_read(dot_path, &dl);
        if (run == 0) {
            first_svg = s, svg_len = sl;
            first_dot = d, dot_len = dl;
            first_stats = r.err;
            r.err = NULL;
        } else {
            assert_int_equal(sl, svg_len);
            assert_memory_equal(s, first_svg, sl);
            assert_int_equal(dl, dot_len);
            assert_memory_equal(d, first_dot, dl);
            /* The scores too: nothing in them depends on timing. */
            assert_string_equal(r.err, first_stats);
            free(s);
            free(d);
        }
        cu_result_free(&r);
    }
    free(first_svg);
    free(first_dot);
    free(first_stats);
}

/* One line of --stats: "relgraph: stats: candidate NAME: FIGURES". */
typedef struct scored {
    char name[80];
    rg_score s;
} scored;

/* The candidates in ERR, into OUT (room for MAX); how many. */
static size_t parse_candidates(const char *err, scored *out, size_t max)
{
    size_t n = 0;
    const char *tag = "relgraph: stats: candidate ";
    for (const char *p = strstr(err, tag); p; p = strstr(p + 1, tag)) {
        assert_true(n < max);
        scored *x = &out[n++];
        memset(x, 0, sizeof *x);
        p += strlen(tag);
        const char *colon = strstr(p, ": ");
        assert_non_null(colon);
        assert_true((size_t)(colon - p) < sizeof x->name);
        memcpy(x->name, p, (size_t)(colon - p));
        assert_int_equal(sscanf(colon + 2, "overlaps=%zu edge_text=%zu edge_actors=%zu "
                                           "edge_groups=%zu crossings=%zu label_gap=%lf "
                                           "font_min=%lf scale=%lf text_min=%lf "
                                           "page_used=%lf drawing=%lfx%lf",
                                &x->s.overlaps, &x->s.edge_text, &x->s.edge_actors,
                                &x->s.edge_groups, &x->s.crossings, &x->s.label_gap,
                                &x->s.font_min, &x->s.scale, &x->s.text_min,
                                &x->s.page_used, &x->s.width, &x->s.height),
                         12);
    }
    return n;
}

/* Whether two lines give the same figures, as printed. */
static bool same_figures(const scored *a, const scored *b)
{
    rg_buf x = RG_BUF_INIT, y = RG_BUF_INIT;
    rg_score_print(&x, &a->s);
    rg_score_print(&y, &b->s);
    bool same = strcmp(x.buf, y.buf) == 0;
    rg_buf_free(&x);
    rg_buf_free(&y);
    return same;
}

/* The best of the N in X by rg_score_better, ties to the earlier, leaving
 * out SKIP and every drawing with its figures, and those whose name does
 * not start with PREFIX (NULL: any). */
static const scored *best_of(const scored *x, size_t n, const scored *skip,
                             const char *prefix)
{
    const scored *best = NULL;
    for (size_t i = 0; i < n; i++)
        if (!(skip && same_figures(&x[i], skip)) &&
            (!prefix || strncmp(x[i].name, prefix, strlen(prefix)) == 0) &&
            (!best || rg_score_better(&x[i].s, &best->s, 6.0)))
            best = &x[i];
    return best;
}

/* After the table, the best drawing, the second best (of other figures
 * than the best's) and the best of the other direction are drawn again
 * with the roles at 20 and 30 characters (the chain story's best goes
 * from left to right); then the best two of all those again with dot's
 * crossing reduction run four times as long; and the best of all is
 * kept. */
static void test_search_roles(void **state)
{
    (void)state;
    const char *story = "tests/data/stories/chain-cuban-missile-crisis-1962.yaml";
    cu_result r = CU_RUN(NULL, "-q", "--stats", "--page", "A4", "-o",
                         cu_path("a.svg"), story);
    assert_int_equal(r.status, 0);
    scored x[40];
    size_t n = parse_candidates(r.err, x, 40), table = 0;
    while (table < n && !strstr(x[table].name, "-roles-"))
        table++;
    size_t roles = table;
    while (roles < n && !strstr(x[roles].name, "-mc"))
        roles++;
    assert_int_equal(roles, table + 6);
    assert_int_equal(n, roles + 2);
    const scored *best = best_of(x, table, NULL, NULL);
    const scored *second = best_of(x, table, best, NULL);
    assert_true(strncmp(best->name, "dot-LR-", 7) == 0);
    const scored *other = best_of(x, table, NULL, "dot-TB-");
    assert_non_null(other);
    assert_ptr_not_equal(other, second);
    const scored *bases[] = {best, second, other};
    for (size_t i = 0; i < 6; i++) {
        char want[100];
        snprintf(want, sizeof want, "%s-roles-%d", bases[i / 2]->name, i % 2 ? 30 : 20);
        assert_string_equal(x[table + i].name, want);
    }
    const scored *best2 = best_of(x, roles, NULL, NULL);
    const scored *mc[] = {best2, best_of(x, roles, best2, NULL)};
    for (size_t i = 0; i < 2; i++) {
        char want[100];
        snprintf(want, sizeof want, "%s-mc4", mc[i]->name);
        assert_string_equal(x[roles + i].name, want);
    }
    char chosen[120];
    snprintf(chosen, sizeof chosen, "relgraph: stats: chosen: %s\n",
             best_of(x, n, NULL, NULL)->name);
    assert_non_null(strstr(r.err, chosen));
    cu_result_free(&r);

    /* Roles too short to break at any width: the table alone. */
    cu_write(cu_path("short.yaml"), "actors:\n  a: {name: A, role: one}\n"
                                    "  b: {name: B, role: two}\n"
                                    "ties:\n  - {from: a, to: b, kind: talks, label: x}\n"
                                    "  - {from: b, to: a, kind: accuses, label: y}\n");
    r = CU_RUN(NULL, "-q", "--stats", "--page", "A4", "-o", cu_path("a.svg"),
               cu_path("short.yaml"));
    assert_int_equal(r.status, 0);
    assert_null(strstr(r.err, "-roles-"));
    assert_non_null(strstr(r.err, "relgraph: stats: chosen: "));
    cu_result_free(&r);
}

/* 50 actors and 200 labelled ties that cross: still dot for auto, and
 * seconds per layout. */
static char *slow_small(void)
{
    rg_buf y = RG_BUF_INIT;
    rg_buf_puts(&y, "actors:\n");
    for (int i = 0; i < 50; i++)
        rg_buf_printf(&y, "  - {id: n%d, name: Actor number %d, kind: person}\n",
                      i, i);
    rg_buf_puts(&y, "ties:\n");
    static const int steps[] = {1, 3, 7, 11};
    for (int i = 0; i < 50; i++)
        for (size_t k = 0; k < 4; k++)
            rg_buf_printf(&y, "  - {from: n%d, to: n%d, kind: supports, label: a "
                              "tie number %d}\n", i, (i * steps[k] + steps[k]) % 50,
                          i);
    return y.buf;
}

/* rg_layout_many_until: told of each job once as it ends, it drops the
 * jobs it no longer wants, whether waiting or running: here job 0 ending
 * leaves only the first two wanted, and the slow third, laid out next or
 * already running, is never waited for. */
typedef struct told_log {
    int told[8];
} told_log;

static size_t until_two(size_t i, void *ud)
{
    told_log *t = ud;
    t->told[i]++;
    return i == 0 ? 2 : 4;
}

static void test_parallel_until(void **state)
{
    (void)state;
    context();
    char *slow = slow_small();
    const char *yamls[] = {graphs_yaml[0], graphs_yaml[1], slow, graphs_yaml[2]};
    loaded l[4];
    rg_layout_job jobs[4];
    for (size_t i = 0; i < 4; i++) {
        load(&l[i], yamls[i], "dot");
        jobs[i] = (rg_layout_job){.g = rg_build_body(l[i].m, &l[i].c, NULL),
                                  .c = &l[i].c, .d = l[i].r.diags};
    }
    told_log t = {{0}};
    rg_layout_until until = {until_two, &t, 99};
    double t0 = cu_now();
    assert_false(rg_layout_many_until(context(), jobs, 4, 2, 60, &until));
    assert_true(cu_now() - t0 < 10);
    assert_int_equal(until.kept, 2);
    assert_true(jobs[0].ok && jobs[1].ok);
    assert_false(jobs[2].ok);
    assert_int_equal(t.told[0], 1);
    assert_int_equal(t.told[1], 1);
    assert_int_equal(t.told[2] + t.told[3], 0);
    for (size_t i = 0; i < 4; i++) {
        /* Nothing said of the jobs dropped. */
        assert_string_equal(tu_text(&l[i].r), "");
        agclose(jobs[i].g);
        unload(&l[i]);
    }
    free(slow);
}

/* A stop signal during the search kills every layout child running. */
static void test_search_stop_kills_all(void **state)
{
    (void)state;
    char *yaml = slow_small();
    cu_write(cu_path("slow.yaml"), yaml);
    free(yaml);
    int want = rg_layout_parallel(2);
    pid_t pid = CU_START("-q", "--timeout", "60", cu_path("slow.yaml"), "-o",
                         cu_path("a.svg"));
    pid_t kids[RG_STOP_CHILDREN];
    size_t n = 0;
    double end = cu_now() + 10;
    while ((n = cu_children_of(pid, kids, RG_STOP_CHILDREN)) < (size_t)want &&
           cu_now() < end)
        cu_nap();
    if (n < (size_t)want) {
        kill(pid, SIGKILL);
        cu_wait_exit(pid, 10);
        fail_msg("%zu layout children running, not %d", n, want);
    }
    kill(pid, SIGTERM);
    assert_int_equal(cu_wait_exit(pid, 10), 128 + SIGTERM);
    for (size_t i = 0; i < n; i++) {
        if (!cu_wait_gone(kids[i], 10)) {
            kill(kids[i], SIGKILL);
            fail_msg("layout child %zu of %zu outlived the signal", i + 1, n);
        }
    }
    assert_int_equal(access(cu_path("a.svg"), F_OK), -1);
}

/* When no candidate can be drawn, every one's messages reach the user,
 * each under its name; and the time is up after the first batch. */
static void test_search_all_failed(void **state)
{
    (void)state;
    char *yaml = slow_small();
    loaded l;
    load(&l, yaml, "auto");
    free(yaml);
    rg_options o = RG_OPTIONS_INIT;
    o.timeout = 0.5;
    o.bundle = 0;
    double t0 = cu_now();
    rg_diagram *dg = rg_diagram_new(l.m, &o, l.r.diags);
    assert_null(dg);
    assert_true(cu_now() - t0 < 5);
    /* The base is dot from left to right (the default); then the same,
     * tighter. */
    static const char *const names[] = {"base", "dot-LR-tight"};
    rg_buf want = RG_BUF_INIT;
    for (int i = 0; i < rg_layout_parallel(2); i++)
        rg_buf_printf(&want, "error: candidate %s: the 'dot' layout of 50 nodes "
                             "and 200 edges took longer than 0.5 s; try -K sfdp, "
                             "which is much faster on large graphs, or a longer "
                             "--timeout\n", names[i]);
    assert_string_equal(tu_text(&l.r), want.buf);
    rg_buf_free(&want);
    unload(&l);
}

/* stop.c itself, where nothing else would kill them: a process that
 * holds the ending off (rg_stop_hold) gets SIGTERM with two children in
 * slots 0 and 5; both must die by SIGKILL, the process living on. */
static void test_stop_kills_every_slot(void **state)
{
    (void)state;
    fflush(NULL);
    pid_t p = fork();
    assert_true(p >= 0);
    if (p == 0) {
        alarm(10); /* a failure ends, too */
        rg_stop_install();
        pid_t kids[2];
        static const int slots[2] = {0, 5};
        for (int i = 0; i < 2; i++) {
            kids[i] = fork();
            if (kids[i] == 0) {
                alarm(10);
                for (;;)
                    pause();
            }
            rg_stop_child_at(slots[i], kids[i]);
        }
        rg_stop_hold();
        raise(SIGTERM);
        int killed = 0;
        for (int i = 0; i < 2; i++) {
            int st;
            while (waitpid(kids[i], &st, 0) < 0 && errno == EINTR)
                ;
            killed += WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL;
        }
        _exit(rg_stop_pending() && killed == 2 ? 0 : 1);
    }
    int st = cu_wait_exit(p, 15);
    if (st < 0)
        kill(p, SIGKILL);
    assert_int_equal(st, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parallel_one),
        cmocka_unit_test(test_parallel_two),
        cmocka_unit_test(test_parallel_three),
        cmocka_unit_test(test_parallel_jobs),
        cmocka_unit_test(test_parallel_after),
        cmocka_unit_test(test_parallel_after_fails),
        cmocka_unit_test(test_parallel_in_child),
        cmocka_unit_test(test_parallel_timeout),
        cmocka_unit_test(test_search_early_stop),
        cmocka_unit_test(test_search_base_is_one_layout),
        cmocka_unit_test(test_search_scores_in_child),
        cmocka_unit_test(test_search_plan),
        cmocka_unit_test_setup_teardown(test_search_determinism, cu_setup,
                                        cu_teardown),
        cmocka_unit_test(test_parallel_until),
        cmocka_unit_test(test_search_all_failed),
        cmocka_unit_test_setup_teardown(test_search_roles, cu_setup, cu_teardown),
        cmocka_unit_test(test_stop_kills_every_slot),
        cmocka_unit_test_setup_teardown(test_search_stop_kills_all, cu_setup,
                                        cu_teardown),
    };
    return cmocka_run_group_tests_name("search", tests, NULL, NULL);
}
