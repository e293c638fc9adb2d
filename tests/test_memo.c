/*
 * test_memo.c - layouts kept for graphs written the same (runner.c,
 * rg_layout_memo): the candidates the search finishes in relgraph itself
 * (its winner, and any its layout child could not finish) draw the same
 * legend, and it is laid out once. A layout taken from the memo needs no child, so it is
 * there even with no time left; a graph that differs in one label, or an
 * engine that differs, is laid out afresh.
 */
#include "testutil.h"

#include "gv.h"

#include <stdio.h>

static GVC_t *context(void);

/* A small legend-like graph: two nodes, one labelled edge. Made once the
 * context is (gvContext declares the nodes' default label, which every
 * graph opened after it writes out). */
static Agraph_t *small(const char *label)
{
    context();
    Agraph_t *g = rg_graph_open("legend");
    Agnode_t *a = agnode(g, RG_S("k0"), 1), *b = agnode(g, RG_S("k1"), 1);
    rg_set(a, "label", "holds talks with");
    rg_set(b, "label", "opposes");
    Agedge_t *e = agedge(g, a, b, RG_S("e0"), 1);
    rg_set(e, "label", label);
    return g;
}

static GVC_t *context(void)
{
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    return gvc;
}

static rg_conf dot_conf(double timeout)
{
    rg_model *m = tu_valid_model("actors:\n  a: {}\n  b: {}\nties:\n  - {from: a, to: b, kind: talks}\n", true);
    rg_options o = RG_OPTIONS_INIT;
    o.timeout = timeout;
    rg_conf c;
    rg_conf_resolve(&c, m, &o);
    rg_conf_set_layout(&c, RG_LAYOUT_DOT);
    rg_model_free(m);
    return c;
}

static char *pos_of(Agraph_t *g, const char *node)
{
    return rg_xstrdup(agget(agnode(g, RG_S(node), 0), RG_S("pos")));
}

/* Each test starts from a memo that holds G1's layout (by dot). */
typedef struct fixture {
    rg_layout_memo *memo;
    rg_conf c;
    tu_run r;
    Agraph_t *g1;
} fixture;

static int setup(void **state)
{
    fixture *f = rg_xcalloc(1, sizeof *f);
    f->memo = rg_layout_memo_new();
    f->c = dot_conf(60);
    tu_begin(&f->r);
    f->g1 = small("arming");
    *state = f;
    return rg_layout_memo_lay(context(), f->g1, &f->c, 60, f->r.diags, f->memo) ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    agclose(f->g1);
    tu_done(&f->r);
    rg_layout_memo_free(f->memo);
    free(f);
    return 0;
}

static void test_same_graph_laid_out_once(void **state)
{
    fixture *f = *state;
    char *p1 = pos_of(f->g1, "k1");
    assert_true(strchr(p1, ','));

    /* No time at all: a child could not lay it out; the memo can. */
    Agraph_t *g2 = small("arming");
    assert_true(rg_layout_memo_lay(context(), g2, &f->c, 1e-9, f->r.diags, f->memo));
    char *p2 = pos_of(g2, "k1");
    assert_string_equal(p1, p2);
    assert_string_equal(agget(f->g1, RG_S("bb")), agget(g2, RG_S("bb")));
    assert_string_equal(tu_text(&f->r), "");

    /* One label more: another graph, laid out afresh (and out of time). */
    Agraph_t *g3 = small("arming, funding");
    assert_false(rg_layout_memo_lay(context(), g3, &f->c, 1e-9, f->r.diags, f->memo));
    assert_non_null(strstr(tu_text(&f->r), "error: the 'dot' layout of 2 nodes and 1 "
                                            "edges took longer than"));
    free(p1);
    free(p2);
    agclose(g2);
    agclose(g3);
}

static void test_other_engine_not_shared(void **state)
{
    fixture *f = *state;
    rg_conf n = f->c;
    rg_conf_set_layout(&n, RG_LAYOUT_NEATO);
    Agraph_t *g2 = small("arming");
    assert_false(rg_layout_memo_lay(context(), g2, &n, 1e-9, f->r.diags, f->memo));
    assert_non_null(strstr(tu_text(&f->r), "error: the 'neato' layout of 2 nodes"));
    agclose(g2);
}

/* A memo written out and read into another (a layout child's, sent back
 * to relgraph): the same layouts, used without a child; a text cut short
 * adds what came before the cut and says it did not end well. */
static void test_written_and_read(void **state)
{
    fixture *f = *state;
    Agraph_t *g2 = small("funding");
    assert_true(rg_layout_memo_lay(context(), g2, &f->c, 60, f->r.diags, f->memo));
    rg_buf text = RG_BUF_INIT;
    rg_layout_memo_write(f->memo, &text);
    rg_layout_memo *copy = rg_layout_memo_new();
    assert_true(rg_layout_memo_read(copy, text.buf, text.len));
    const char *labels[] = {"arming", "funding"};
    Agraph_t *laid[] = {f->g1, g2};
    for (size_t i = 0; i < 2; i++) {
        Agraph_t *g = small(labels[i]);
        assert_true(rg_layout_memo_lay(context(), g, &f->c, 1e-9, f->r.diags, copy));
        char *a = pos_of(g, "k1"), *b = pos_of(laid[i], "k1");
        assert_string_equal(a, b);
        free(a);
        free(b);
        agclose(g);
    }
    rg_layout_memo_free(copy);

    /* Cut inside the second layout: the first is there, not the second. */
    copy = rg_layout_memo_new();
    assert_false(rg_layout_memo_read(copy, text.buf, text.len - 3));
    Agraph_t *g = small("arming");
    assert_true(rg_layout_memo_lay(context(), g, &f->c, 1e-9, f->r.diags, copy));
    agclose(g);
    assert_string_equal(tu_text(&f->r), "");
    g = small("funding");
    assert_false(rg_layout_memo_lay(context(), g, &f->c, 1e-9, f->r.diags, copy));
    agclose(g);
    rg_layout_memo_free(copy);
    rg_buf_free(&text);
    agclose(g2);
}

/* Without a memo: a plain layout, each time. */
static void test_no_memo(void **state)
{
    (void)state;
    rg_conf c = dot_conf(60);
    tu_run r;
    tu_begin(&r);
    Agraph_t *g = small("arming");
    assert_true(rg_layout_memo_lay(context(), g, &c, 60, r.diags, NULL));
    assert_non_null(agget(agnode(g, RG_S("k0"), 0), RG_S("pos")));
    Agraph_t *g2 = small("arming");
    assert_false(rg_layout_memo_lay(context(), g2, &c, 1e-9, r.diags, NULL));
    agclose(g);
    agclose(g2);
    tu_done(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_same_graph_laid_out_once, setup, teardown),
        cmocka_unit_test_setup_teardown(test_other_engine_not_shared, setup, teardown),
        cmocka_unit_test_setup_teardown(test_written_and_read, setup, teardown),
        cmocka_unit_test(test_no_memo),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
