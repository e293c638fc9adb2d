/*
 * test_bidi.c - the direction of texts (bidi.c, relgraph(5), TEXT
 * DIRECTION): the rule (most strong characters, a tie to the first), and
 * mixed-direction texts of tests/data/six-scripts.yaml as laid out: the
 * order of their runs in the PDF (poppler's pdftotext -bbox gives every
 * glyph's box) and the text of each line in the SVG's <text>.
 */
#include "cliutil.h"

#define STORY "tests/data/six-scripts.yaml"
#define LRM "\xE2\x80\x8E"
#define RLM "\xE2\x80\x8F"
#define RLI "\xE2\x81\xA7"
#define FSI "\xE2\x81\xA8"
#define PDI "\xE2\x81\xA9"

static int base_of(const char *s)
{
    return rg_bidi_base(s, strlen(s));
}

static void test_rule(void **state)
{
    (void)state;
    assert_int_equal(base_of("Iran"), 0);        /* nothing to mark */
    assert_int_equal(base_of("1979 (42)"), 0);
    assert_int_equal(base_of(""), 0);
    assert_int_equal(base_of("ایران"), 'R');
    assert_int_equal(base_of("שלום"), 'R');
    /* Most strong characters win, wherever they are. */
    assert_int_equal(base_of("برجام: the road to the nuclear deal"), 'L');
    assert_int_equal(base_of("UN: سازمان ملل متحد"), 'R');
    /* 15 to 14, and digits count for neither. */
    assert_int_equal(base_of("رئیس‌جمهور ایران (President of Iran)"), 'L');
    assert_int_equal(base_of("ایران 1234567890 ab"), 'R');
    /* A tie: the first strong character. */
    assert_int_equal(base_of("ab بب"), 'L');
    assert_int_equal(base_of("بب ab"), 'R');
    /* What is isolated does not count (UAX #9, P2), but a text with
     * right-to-left only there is still marked left-to-right: renderers
     * take a line's direction from its first strong character. */
    assert_int_equal(base_of(FSI "محمدجواد ظريف" PDI " supports " FSI "برجام" PDI
                             ": signs"), 'L');
    assert_int_equal(base_of(FSI "محمدجواد ظريف" PDI " و " FSI "برجام" PDI), 'R');
    assert_int_equal(base_of(FSI "محمدجواد" PDI), 0);
    assert_int_equal(base_of(FSI "Iran" PDI " and Iraq"), 0);
    assert_int_equal(rg_bidi_class("(FM)", 4), 'L');
    assert_int_equal(rg_bidi_class("12:30", 5), 0);
    assert_int_equal(rg_bidi_class("ایران", strlen("ایران")), 'R');
    assert_int_equal(rg_bidi_strong(0x05D0), 'R'); /* Hebrew alef */
    assert_int_equal(rg_bidi_strong(0x0627), 'R'); /* Arabic alef */
    assert_int_equal(rg_bidi_strong(0x0661), 0);   /* Arabic-Indic one */
    assert_int_equal(rg_bidi_strong(0x4E2D), 'L'); /* 中 */
    assert_int_equal(rg_bidi_strong(0x200C), 0);   /* ZWNJ */

    rg_buf b = RG_BUF_INIT;
    rg_bidi_isolate(&b, "Iran");
    rg_bidi_isolate(&b, " and ");
    rg_bidi_isolate(&b, "ایران");
    assert_string_equal(b.buf, "Iran and " FSI "ایران" PDI);
    rg_buf_free(&b);
}

/* ---- the PDF, as laid out ---- */

typedef struct glyph {
    char text[64];
    double x1, x2, y;
} glyph;

typedef struct glyphs {
    glyph *g;
    size_t n;
} glyphs;

/* Every word pdftotext -bbox finds (for right-to-left text: every glyph). */
static glyphs read_boxes(const char *pdf)
{
    cu_result r = CU_EXEC(NULL, "pdftotext", "-bbox", pdf, "-");
    assert_int_equal(r.status, 0);
    glyphs out = {NULL, 0};
    size_t cap = 0;
    for (const char *p = strstr(r.out, "<word "); p; p = strstr(p + 1, "<word ")) {
        glyph g;
        double y2, x1, x2;
        int used = 0;
        if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\">%n",
                   &x1, &g.y, &x2, &y2, &used) != 4 || !used)
            fail_msg("pdftotext -bbox: %.80s", p);
        g.x1 = x1;
        g.x2 = x2;
        const char *t = p + used, *e = strstr(t, "</word>");
        assert_non_null(e);
        size_t n = (size_t)(e - t) < sizeof g.text - 1 ? (size_t)(e - t) : sizeof g.text - 1;
        memcpy(g.text, t, n);
        g.text[n] = '\0';
        if (out.n == cap)
            out.g = rg_xrealloc(out.g, (cap = cap ? 2 * cap : 256) * sizeof *out.g);
        out.g[out.n++] = g;
    }
    cu_result_free(&r);
    return out;
}

/* The word TEXT (exactly), which must be there once. */
static const glyph *word(const glyphs *gs, const char *text)
{
    const glyph *found = NULL;
    for (size_t i = 0; i < gs->n; i++)
        if (strcmp(gs->g[i].text, text) == 0) {
            if (found)
                fail_msg("'%s' is there twice", text);
            found = &gs->g[i];
        }
    if (!found)
        fail_msg("no word '%s' in the PDF", text);
    return found;
}

static bool arabic_or_hebrew(const char *s)
{
    uint32_t cp;
    size_t k = rg_utf8_decode((const unsigned char *)s, strlen(s), &cp);
    return k && cp >= 0x0590 && cp <= 0x06FF;
}

/* The leftmost and rightmost x of the right-to-left glyphs on the line of
 * AT (the same baseline box). */
static void rtl_extent(const glyphs *gs, const glyph *at, double *x1, double *x2)
{
    *x1 = 1e9;
    *x2 = -1e9;
    for (size_t i = 0; i < gs->n; i++) {
        const glyph *g = &gs->g[i];
        if (g->y > at->y - 0.5 && g->y < at->y + 0.5 && arabic_or_hebrew(g->text)) {
            if (g->x1 < *x1)
                *x1 = g->x1;
            if (g->x2 > *x2)
                *x2 = g->x2;
        }
    }
    if (*x2 < *x1)
        fail_msg("no right-to-left glyph on the line of '%s'", at->text);
}

static void test_runs_in_order_in_the_pdf(void **state)
{
    (void)state;
    const char *pdf = cu_path("six.pdf");
    cu_result r = CU_RUN(NULL, STORY, "-o", pdf);
    assert_int_equal(r.status, 0);
    cu_result_free(&r);
    glyphs gs = read_boxes(pdf);
    double x1, x2;

    /* The title, mostly English: left to right, the Persian word first
     * (leftmost), then "the road to the nuclear deal" in that order. */
    const glyph *road = word(&gs, "road"), *to = word(&gs, "to");
    const glyph *deal = word(&gs, "deal");
    rtl_extent(&gs, road, &x1, &x2);
    assert_true(x2 < road->x1);
    assert_true(road->x2 < to->x1 && to->x2 < deal->x1);

    /* Rouhani's role: left to right, the Persian run kept whole on its own
     * line, "(President of Iran)" on the next, in that order. */
    const glyph *pres = word(&gs, "(President"), *of = word(&gs, "of");
    const glyph *iran = word(&gs, "Iran)");
    assert_true(pres->y > road->y);
    assert_true(pres->y - 0.5 < of->y && of->y < pres->y + 0.5);
    assert_true(pres->y - 0.5 < iran->y && iran->y < pres->y + 0.5);
    assert_true(pres->x2 < of->x1 && of->x2 < iran->x1);
    for (size_t i = 0; i < gs.n; i++) /* no Persian on that line */
        if (arabic_or_hebrew(gs.g[i].text))
            assert_false(gs.g[i].y > pres->y - 0.5 && gs.g[i].y < pres->y + 0.5);

    /* Al-Jubeir's role, mostly Arabic: right to left, "(FM)" at the left
     * end, after the Arabic as one reads it. pdftotext reads the mirrored
     * parenthesis of a right-to-left line apart. */
    const glyph *fm = NULL;
    for (size_t i = 0; i < gs.n; i++)
        if (strstr(gs.g[i].text, "FM"))
            fm = &gs.g[i];
    assert_non_null(fm);
    rtl_extent(&gs, fm, &x1, &x2);
    assert_true(fm->x2 < x1 + 1);
    free(gs.g);
}

/* ---- the SVG's text ---- */

static void test_lines_in_the_svg(void **state)
{
    (void)state;
    cu_result r = CU_RUN(NULL, STORY, "-T", "svg");
    assert_int_equal(r.status, 0);
    static const char *const lines[] = {
        /* The title: left to right. */
        ">" LRM "برجام: the road to the nuclear deal</text>",
        /* Rouhani's role in two lines, each left to right. */
        ">" LRM "رئیس‌جمهور ایران</text>",
        ">" LRM "(President of Iran)</text>",
        /* Right to left: a mark and an isolate, for pango and the viewer. */
        ">" RLM RLI "وزير الخارجية السعودي (FM)" PDI "</text>",
        ">" RLM RLI "حسن روحانی" PDI "</text>",
        ">" RLM RLI "בנימין נתניהו" PDI "</text>",
        /* Left to right alone: no mark. */
        ">Сергей Лавров</text>",
        ">安倍晋三</text>",
    };
    CU_ASSERT_ALL_IN("the SVG", r.out, lines);
    cu_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rule),
        cu_scratch_test(test_runs_in_order_in_the_pdf),
        cmocka_unit_test(test_lines_in_the_svg),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
