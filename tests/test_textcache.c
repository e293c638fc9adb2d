/*
 * test_textcache.c - the sizes of measured texts kept for the drawings
 * that are only scored (textcache.c):
 *   - with sizes_only on, a graph laid out a second time is answered from
 *     the cache, and its layout is the same, byte for byte, as the first
 *     and as one in a context without the cache;
 *   - with it off nothing is answered from the cache, and the PNG drawn
 *     is the one a context without the cache draws (pango's own layouts);
 *   - cleared, a text is measured again;
 *   - a layout child's texts come back with its layout, and nop2 then
 *     measures none of them again, for the same SVG; a malformed list of
 *     texts is refused;
 *   - relgraph's search, which measures its candidates from the cache,
 *     draws every text of its winner (its PDF read by pdftotext).
 */
#include "cliutil.h"

#include "gv.h"

/* No cluster: Graphviz 2.43's dot loses memory on one in process (relgraph
 * runs dot in a child). */
static const char dot[] =
    "digraph g { node [shape=box, fontname=\"DejaVu Sans\"];"
    " a [label=<<B>Alpha</B><BR/><FONT POINT-SIZE=\"9\">the first</FONT>>];"
    " b [label=\"Beta\"]; c [label=\"Gamma, a longer name\"];"
    " label=\"A title\";"
    " a -> b [label=\"talks\"]; a -> c [label=<<I>accuses</I>>]; }";

/* G laid out by ENGINE in GVC, then written as FORMAT: malloc'd. */
static char *laid_out(GVC_t *gvc, const char *engine, const char *format, size_t *len)
{
    Agraph_t *g = agmemread(dot);
    assert_non_null(g);
    assert_int_equal(gvLayout(gvc, g, RG_S(engine)), 0);
    char *data = NULL;
    rg_gvlen n = 0;
    assert_int_equal(gvRenderData(gvc, g, RG_S(format), &data, &n), 0);
    char *copy = rg_xmalloc((size_t)n + 1);
    memcpy(copy, data, (size_t)n);
    copy[n] = '\0';
    gvFreeRenderData(data);
    gvFreeLayout(gvc, g);
    agclose(g);
    *len = (size_t)n;
    return copy;
}

/* Contexts are never freed, as relgraph's own (diagram.c). */
static GVC_t *cached, *plain;

static void test_sizes_only(void **state)
{
    (void)state;
    size_t la, lb, lc;
    rg_textcache_sizes_only(true);
    char *a = laid_out(cached, "dot", "dot", &la);
    size_t before = rg_textcache_hits();
    char *b = laid_out(cached, "dot", "dot", &lb);
    /* Every text of the second: the labels' spans, the title. */
    assert_true(rg_textcache_hits() >= before + 6);
    char *c = laid_out(plain, "dot", "dot", &lc);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    assert_int_equal(la, lc);
    assert_memory_equal(a, c, la);
    free(a);
    free(b);
    free(c);
    rg_textcache_sizes_only(false);
}

static void test_drawn_by_pango(void **state)
{
    (void)state;
    size_t la, lb;
    rg_textcache_sizes_only(false);
    size_t before = rg_textcache_hits();
    char *a = laid_out(cached, "dot", "png", &la);
    assert_int_equal(rg_textcache_hits(), before);
    char *b = laid_out(plain, "dot", "png", &lb);
    assert_true(la > 100);
    assert_int_equal(la, lb);
    assert_memory_equal(a, b, la);
    free(a);
    free(b);
}

static void test_cleared(void **state)
{
    (void)state;
    size_t la;
    rg_textcache_sizes_only(true);
    free(laid_out(cached, "dot", "dot", &la));
    rg_textcache_clear();
    size_t before = rg_textcache_hits();
    free(laid_out(cached, "dot", "dot", &la));
    assert_int_equal(rg_textcache_hits(), before);
    free(laid_out(cached, "dot", "dot", &la));
    assert_true(rg_textcache_hits() > before);
    rg_textcache_sizes_only(false);
}

/* A layout child sends back the texts it measured: the same graph placed
 * by nop2 afterwards is answered from the cache, text for text, and its
 * SVG is the one pango's own measures give. A malformed list is refused. */
static void test_from_the_child(void **state)
{
    (void)state;
    rg_textcache_clear();
    rg_conf c;
    memset(&c, 0, sizeof c);
    c.engine = "dot";
    c.layout = RG_LAYOUT_DOT;
    c.timeout = 30;
    rg_diags *d = rg_diags_new(NULL, NULL, NULL);
    Agraph_t *g = agmemread(dot);
    assert_non_null(g);
    assert_true(rg_layout(cached, g, &c, 30, d));
    assert_int_equal(rg_diags_errors(d), 0);
    rg_diags_free(d);
    size_t before = rg_textcache_hits();
    rg_textcache_sizes_only(true);
    assert_int_equal(gvLayout(cached, g, "nop2"), 0);
    rg_textcache_sizes_only(false);
    assert_true(rg_textcache_hits() >= before + 6);
    char *svg = NULL;
    rg_gvlen n = 0;
    assert_int_equal(gvRenderData(cached, g, "svg", &svg, &n), 0);
    gvFreeLayout(cached, g);
    assert_int_equal(gvLayout(plain, g, "nop2"), 0);
    char *want = NULL;
    rg_gvlen wn = 0;
    assert_int_equal(gvRenderData(plain, g, "svg", &want, &wn), 0);
    assert_int_equal(n, wn);
    assert_memory_equal(svg, want, n);
    gvFreeRenderData(svg);
    gvFreeRenderData(want);
    gvFreeLayout(plain, g);
    agclose(g);
    /* Not a list of texts: refused. */
    assert_false(rg_textcache_take("12 0x1p+0\nabc", 13));
    assert_false(rg_textcache_take("99 0x1p+0 0x1p+0 0x0p+0 0x0p+0 1\nshort", 39));
    assert_true(rg_textcache_take("", 0));
}

/* The seed story on A4: the search measured its candidates from the
 * cache, and its winner's PDF has its texts drawn by pango (pdftotext
 * reads them): the winner was measured again, by pango. */
static void test_search_draws_its_texts(void **state)
{
    (void)state;
    const char *story = "data/iran-us-talks-2007.yaml";
    cu_result r = CU_RUN(NULL, "-q", "--page", "A4", "-o", cu_path("s.pdf"), story);
    assert_int_equal(r.status, 0);
    cu_result_free(&r);
    cu_result s = CU_EXEC(NULL, "pdftotext", cu_path("s.pdf"), "-");
    assert_int_equal(s.status, 0);
    static const char *const want[] = {
        "U.S.\u2013Iran talks on Iraq security", "Hassan Kazemi Qomi", "Iranian Ambassador",
        "United States side", "Legend", "Ryan Crocker accuses Iran"};
    CU_ASSERT_ALL_IN("the search's PDF", s.out, want);
    cu_result_free(&s);
}

static int setup(void **state)
{
    if (!cached) {
        cached = gvContext();
        assert_true(rg_textcache_install(cached));
        plain = gvContext();
    }
    return cu_setup(state);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_sizes_only, setup, cu_teardown),
        cmocka_unit_test_setup_teardown(test_drawn_by_pango, setup, cu_teardown),
        cmocka_unit_test_setup_teardown(test_cleared, setup, cu_teardown),
        cmocka_unit_test_setup_teardown(test_from_the_child, setup, cu_teardown),
        cmocka_unit_test_setup_teardown(test_search_draws_its_texts, setup, cu_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
