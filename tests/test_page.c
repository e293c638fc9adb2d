/*
 * test_page.c - page sizes (relgraph(1), PAGE SIZES): reading every form
 * of a page, a margin, a dpi and a smallest font, each error message
 * whole, on the command line and in a file; rg_conf_resolve taking the
 * command line over the file over the defaults; orientation auto on a
 * wide and a tall drawing; and what the outputs are on a page: the PDF's
 * page by pdfinfo, the SVG's width, height and viewBox, the PNG's pixels
 * from its IHDR at two dpi, the drawing's scale on the page; and, without
 * a page, every output as it was.
 */
#include "cliutil.h"
#include "gv.h"

#define MM (72.0 / 25.4)
#define CM (72.0 / 2.54)
#define A4_W (210 * MM)
#define A4_H (297 * MM)
#define A5_W (148 * MM)
#define A5_H (210 * MM)

/* No libm: the tests link what relgraph links. */
static double dmin(double a, double b) { return a < b ? a : b; }
static double dmax(double a, double b) { return a > b ? a : b; }

static void assert_near(double got, double want, double tolerance)
{
    double d = got - want;
    if (!((d < 0 ? -d : d) <= tolerance))
        fail_msg("got %.6f, wanted %.6f (within %g)", got, want, tolerance);
}

/* ---- reading ---------------------------------------------------------------- */

static void assert_page(const char *s, double w, double h)
{
    double gw = -1, gh = -1;
    char *why = rg_page_parse(s, &gw, &gh);
    if (why)
        fail_msg("page '%s' refused: %s", s, why);
    assert_near(gw, w, 1e-9);
    assert_near(gh, h, 1e-9);
}

static void test_every_page_form(void **state)
{
    (void)state;
    assert_page("A4", A4_W, A4_H);
    assert_page("A5", A5_W, A5_H);
    assert_page("A3", 297 * MM, 420 * MM);
    assert_page("letter", 612, 792);
    assert_page("legal", 612, 1008);
    assert_page("tabloid", 792, 1224);
    /* Names in any case. */
    assert_page("a4", A4_W, A4_H);
    assert_page("Letter", 612, 792);
    assert_page("TABLOID", 792, 1224);
    /* WxH in every unit, sides as given (not turned). */
    assert_page("8.5inx11in", 612, 792);
    assert_page("16cmx10cm", 16 * CM, 10 * CM);
    assert_page("160mmx100mm", 16 * CM, 10 * CM);
    assert_page("612ptx792pt", 612, 792);
    assert_page("21cmx297mm", A4_W, A4_H);
    assert_page(".5inx2.in", 36, 144);
    assert_page("200inx1pt", 14400, 1);
    /* Every name is in page.c's table, and the table has no other. */
    assert_int_equal(rg_page_names.n, 6);
}

static void test_lengths_and_numbers(void **state)
{
    (void)state;
    double v = -1;
    assert_null(rg_margin_parse("1cm", &v));
    assert_near(v, CM, 1e-9);
    assert_null(rg_margin_parse("0.5in", &v));
    assert_near(v, 36, 1e-9);
    assert_null(rg_margin_parse("12pt", &v));
    assert_near(v, 12, 1e-9);
    assert_null(rg_margin_parse("5mm", &v));
    assert_near(v, 5 * MM, 1e-9);
    assert_null(rg_margin_parse("0", &v));
    assert_near(v, 0, 0);
    assert_null(rg_margin_parse("0mm", &v));
    assert_near(v, 0, 0);

    assert_true(rg_dpi_parse("150", &v));
    assert_near(v, 150, 0);
    assert_true(rg_dpi_parse("10", &v) && rg_dpi_parse("2400", &v));
    static const char *const bad_dpi[] = {"9", "2401", "150.5", "-150", "+150",
                                          "", "1e2", "150dpi", " 150"};
    for (size_t i = 0; i < sizeof bad_dpi / sizeof bad_dpi[0]; i++)
        if (rg_dpi_parse(bad_dpi[i], &v))
            fail_msg("dpi '%s' accepted", bad_dpi[i]);

    assert_true(rg_min_font_parse("6.5", &v));
    assert_near(v, 6.5, 1e-12);
    assert_true(rg_min_font_parse("1", &v) && rg_min_font_parse("72", &v));
    static const char *const bad_font[] = {"0.5", "73", "6pt", "", "-6", "6e0", "."};
    for (size_t i = 0; i < sizeof bad_font / sizeof bad_font[0]; i++)
        if (rg_min_font_parse(bad_font[i], &v))
            fail_msg("min font '%s' accepted", bad_font[i]);
}

#define GENERAL "expected one of: A4, A5, A3, letter, legal, tabloid, or WxH with " \
                "a unit on each side (in, cm, mm, pt), such as 16cmx10cm"

static void assert_page_error(const char *s, const char *want)
{
    double w, h;
    char *why = rg_page_parse(s, &w, &h);
    if (!why)
        fail_msg("page '%s' accepted", s);
    assert_string_equal(why, want);
    free(why);
}

static void assert_margin_error(const char *s, const char *want)
{
    double v;
    char *why = rg_margin_parse(s, &v);
    if (!why)
        fail_msg("margin '%s' accepted", s);
    assert_string_equal(why, want);
    free(why);
}

static void test_each_error_message(void **state)
{
    (void)state;
    assert_page_error("B5", "invalid page 'B5'; did you mean 'A5'?");
    assert_page_error("leter", "invalid page 'leter'; did you mean 'letter'?");
    assert_page_error("16cm", "invalid page '16cm'; " GENERAL);
    assert_page_error("", "invalid page ''; " GENERAL);
    assert_page_error("A4x", "invalid page 'A4x'; " GENERAL);
    assert_page_error("16cmx10", "invalid page '16cmx10': the height '10' needs a "
                                 "unit (in, cm, mm, pt)");
    assert_page_error("16x10cm", "invalid page '16x10cm': the width '16' needs a "
                                 "unit (in, cm, mm, pt)");
    assert_page_error("16pxx10cm", "invalid page '16pxx10cm': the width '16px' has "
                                   "an unknown unit 'px' (in, cm, mm, pt)");
    assert_page_error("16cmx10px", "invalid page '16cmx10px': the height '10px' has "
                                   "an unknown unit 'px' (in, cm, mm, pt)");
    assert_page_error("axb", "invalid page 'axb': the width 'a' is not a number "
                             "with a unit (in, cm, mm, pt)");
    assert_page_error("0cmx10cm", "invalid page '0cmx10cm': the width '0cm' must be "
                                  "more than 0");
    assert_page_error("10cmx201in", "invalid page '10cmx201in': the height '201in' "
                                    "is over 200in, the largest page a PDF can have");
    /* A control character is shown, never sent to the terminal raw. */
    assert_page_error("A4\x1b[2J", "invalid page 'A4\\x1B[2J'; " GENERAL);

    assert_margin_error("1", "invalid margin '1': a length needs a unit (in, cm, mm, "
                             "pt), such as 1cm");
    assert_margin_error("1px", "invalid margin '1px': unknown unit 'px' (in, cm, mm, "
                               "pt)");
    assert_margin_error("-1cm", "invalid margin '-1cm'; expected a length of 0 or "
                                "more with its unit (in, cm, mm, pt), such as 1cm");
    assert_margin_error("101in", "invalid margin '101in': over 100in, half the "
                                 "largest page a PDF can have");

    char *why = rg_page_room(A4_W, A4_H, 11 * CM);
    assert_string_equal(why, "a margin of 11cm on each side leaves no room on a "
                             "page of 21 x 29.7cm");
    free(why);
    /* A sheet named in inches is spoken of in inches, turned or not. */
    why = rg_page_room(792, 612, 4.25 * 72);
    assert_string_equal(why, "a margin of 4.25in on each side leaves no room on a "
                             "page of 11 x 8.5in");
    free(why);
    assert_null(rg_page_room(A4_W, A4_H, 10 * CM));
}

/* The same messages on the command line: usage errors, exit 2. */
static void assert_usage(const char *want, const char *const *args)
{
    cu_result r = cu_run(NULL, args);
    assert_int_equal(r.status, 2);
    assert_string_equal(r.out, "");
    assert_string_equal(r.err, want);
    cu_result_free(&r);
}

#define USAGE(want, ...) assert_usage(want, (const char *const[]){__VA_ARGS__, NULL})
#define TRY "\nTry 'relgraph --help' for more information.\n"
#define TALKS "data/iran-us-talks-2007.yaml"

static void test_command_line_errors(void **state)
{
    (void)state;
    USAGE("relgraph: error: invalid page '16cmx10': the height '10' needs a unit "
          "(in, cm, mm, pt)" TRY, "--page", "16cmx10", TALKS);
    USAGE("relgraph: error: invalid page 'B5'; did you mean 'A5'?" TRY,
          "--page", "B5", TALKS);
    USAGE("relgraph: error: unknown orientation 'sideways' (auto portrait "
          "landscape)" TRY, "--orientation", "sideways", TALKS);
    USAGE("relgraph: error: invalid margin '2': a length needs a unit (in, cm, mm, "
          "pt), such as 1cm" TRY, "--margin", "2", TALKS);
    USAGE("relgraph: error: invalid dpi '5' (an integer from 10 to 2400)" TRY,
          "--dpi", "5", TALKS);
    USAGE("relgraph: error: invalid min-font '0' (a number of points from 1 to 72)"
          TRY, "--min-font", "0", TALKS);
    USAGE("relgraph: error: option '--page' needs a value" TRY, TALKS, "--page");
    /* A margin too wide for the page: found once both are known. */
    USAGE("relgraph: error: a margin of 11cm on each side leaves no room on a page "
          "of 21 x 29.7cm\n", "--check", "--page", "A4", "--margin", "11cm", TALKS);
    USAGE("relgraph: error: a margin of 5in on each side leaves no room on a page "
          "of 8.5 x 11in\n", "--page", "letter", "--margin", "5in", TALKS);
    /* The command line's page with the file's margin. */
    const char *f = cu_path("margin.yaml");
    cu_write(f, "actors: {a: {}, b: {}}\nties: [{from: a, to: b, kind: talks}]\n"
                "render: {margin: 8cm}\n");
    USAGE("relgraph: error: a margin of 8cm on each side leaves no room on a page "
          "of 14.8 x 21cm\n", "--check", "--page", "A5", f);
    /* The command line's margin over the file's is what is drawn. */
    cu_result r = CU_RUN(NULL, "--check", "--page", "A5", "--margin", "1cm", f);
    assert_int_equal(r.status, 0);
    cu_result_free(&r);
}

static void test_file_errors(void **state)
{
    (void)state;
    tu_assert_diags("actors: {a: {}, b: {}}\n"
                    "ties: [{from: a, to: b, kind: talks}]\n"
                    "render:\n"
                    "  page: 16cmx10\n"
                    "  orientation: sideways\n"
                    "  margin: 2\n"
                    "  dpi: high\n"
                    "  min_font: 0\n",
                    "4:9: error: invalid page '16cmx10': the height '10' needs a "
                    "unit (in, cm, mm, pt)\n"
                    "5:16: error: invalid orientation 'sideways'; expected one of: "
                    "auto, portrait, landscape\n"
                    "6:11: error: invalid margin '2': a length needs a unit (in, cm, "
                    "mm, pt), such as 1cm\n"
                    "7:8: error: 'dpi' must be an integer from 10 to 2400, found "
                    "'high'\n"
                    "8:13: error: 'min_font' must be a number of points from 1 to "
                    "72, found '0'\n");
    tu_assert_diags("actors: {a: {}, b: {}}\n"
                    "ties: [{from: a, to: b, kind: talks}]\n"
                    "render: {page: [A4], margin: ~, dpi: \"300\", min_font: 7pt,"
                    " orientation: landscap}\n",
                    "3:16: error: 'page' must be a page, found a list\n"
                    "3:30: error: 'margin' must be a length, found null\n"
                    "3:38: error: 'dpi' must be an integer from 10 to 2400, found "
                    "'300'\n"
                    "3:55: error: 'min_font' must be a number of points from 1 to "
                    "72, found '7pt'\n"
                    "3:73: error: invalid orientation 'landscap'; did you mean "
                    "'landscape'?\n");
    /* No room: at the margin, or at the page when the margin is the
     * default. */
    tu_assert_diags("actors: {a: {}, b: {}}\n"
                    "ties: [{from: a, to: b, kind: talks}]\n"
                    "render: {page: A5, margin: 8cm}\n",
                    "3:28: error: a margin of 8cm on each side leaves no room on a "
                    "page of 14.8 x 21cm\n");
    tu_assert_diags("actors: {a: {}, b: {}}\n"
                    "ties: [{from: a, to: b, kind: talks}]\n"
                    "render: {page: 2cmx3cm}\n",
                    "3:16: error: a margin of 1cm on each side leaves no room on a "
                    "page of 2 x 3cm\n");
    /* Every good form, quietly. */
    tu_assert_diags("actors: {a: {}, b: {}}\n"
                    "ties: [{from: a, to: b, kind: talks}]\n"
                    "render: {page: 8.5inx11in, orientation: landscape, margin: 0,"
                    " dpi: 300, min_font: 5.5}\n", "");
}

/* ---- the command line over the file over the defaults ------------------------ */

static void test_resolve(void **state)
{
    (void)state;
    rg_model *m = tu_valid_model("actors: {a: {}, b: {}}\n"
                                 "ties: [{from: a, to: b, kind: talks}]\n", true);
    rg_conf c;
    rg_conf_resolve(&c, m, NULL);
    assert_true(c.page.sheet_w == 0 && c.page_w == 0 && c.page_h == 0);
    assert_near(c.page.dpi, 0, 0); /* a PNG stays at Graphviz's 96 */
    assert_near(c.min_font, 6, 0);
    assert_near(c.page.margin, CM, 1e-9);
    assert_int_equal(c.page.orientation, RG_ORIENT_AUTO);
    rg_options o = RG_OPTIONS_INIT;
    o.dpi = 300;
    rg_conf_resolve(&c, m, &o);
    assert_near(c.page.dpi, 300, 0);
    assert_true(c.page_w == 0);
    o = (rg_options)RG_OPTIONS_INIT;
    o.page_w = 612, o.page_h = 792;
    rg_conf_resolve(&c, m, &o);
    assert_near(c.page.dpi, 150, 0); /* the default with a page */
    assert_near(c.page_w, 612 - 2 * CM, 1e-9);
    assert_near(c.page_h, 792 - 2 * CM, 1e-9);
    rg_model_free(m);

    m = tu_valid_model("actors: {a: {}, b: {}}\n"
                       "ties: [{from: a, to: b, kind: talks}]\n"
                       "render: {page: A5, orientation: landscape, margin: 15mm,"
                       " dpi: 100, min_font: 7}\n", true);
    rg_conf_resolve(&c, m, NULL);
    assert_near(c.page.sheet_w, A5_W, 1e-9);
    assert_near(c.page.sheet_h, A5_H, 1e-9);
    assert_near(c.page.margin, 15 * MM, 1e-9);
    assert_near(c.page.dpi, 100, 0);
    assert_near(c.min_font, 7, 0);
    assert_int_equal(c.page.orientation, RG_ORIENT_LANDSCAPE);
    assert_near(c.page_w, A5_H - 30 * MM, 1e-9);
    assert_near(c.page_h, A5_W - 30 * MM, 1e-9);
    /* Each option over its key, alone. */
    o = (rg_options)RG_OPTIONS_INIT;
    o.orientation = "portrait";
    rg_conf_resolve(&c, m, &o);
    assert_near(c.page_w, A5_W - 30 * MM, 1e-9);
    assert_near(c.page.dpi, 100, 0);
    o.margin = 0, o.margin_set = true;
    rg_conf_resolve(&c, m, &o);
    assert_near(c.page_w, A5_W, 1e-9);
    o.page_w = 612, o.page_h = 792, o.dpi = 200, o.min_font = 9;
    rg_conf_resolve(&c, m, &o);
    assert_near(c.page_w, 612, 0);
    assert_near(c.page_h, 792, 0);
    assert_near(c.page.dpi, 200, 0);
    assert_near(c.min_font, 9, 0);
    rg_model_free(m);
}

/* ---- orientation and the fit ------------------------------------------------- */

static void test_orient_and_fit(void **state)
{
    (void)state;
    rg_conf c;
    memset(&c, 0, sizeof c);
    c.page = (rg_page){A4_W, A4_H, CM, RG_ORIENT_AUTO, false, 150, 0};
    double aw = A4_W - 2 * CM, ah = A4_H - 2 * CM;
    rg_page_orient(&c, 1000, 500); /* wide */
    assert_true(c.page.landscape);
    assert_near(c.page_w, ah, 1e-9);
    assert_near(c.page_h, aw, 1e-9);
    rg_page_orient(&c, 500, 1000); /* tall */
    assert_false(c.page.landscape);
    assert_near(c.page_w, aw, 1e-9);
    assert_near(c.page_h, ah, 1e-9);
    rg_page_orient(&c, 600, 600); /* a tie: portrait */
    assert_false(c.page.landscape);
    /* A wide drawing that is drawn whole either way: a tie too. */
    rg_page_orient(&c, 500, 100);
    assert_false(c.page.landscape);
    /* One that fits only turned, and one that does not fit at all. */
    rg_page_orient(&c, 700, 500);
    assert_true(c.page.landscape);
    rg_page_orient(&c, 3000, 2900);
    assert_true(c.page.landscape);
    /* Orientations given stay. */
    c.page.orientation = RG_ORIENT_PORTRAIT, c.page.landscape = false;
    c.page_w = aw, c.page_h = ah;
    rg_page_orient(&c, 1000, 500);
    assert_false(c.page.landscape);
    assert_near(c.page_w, aw, 0);
    c.page.orientation = RG_ORIENT_LANDSCAPE, c.page.landscape = true;
    rg_page_orient(&c, 500, 1000);
    assert_true(c.page.landscape);

    /* The fit: scaled down to the area with 2 points of room on each
     * side for the outermost lines, centred by the pad. */
    rg_page p = {A4_W, A4_H, CM, RG_ORIENT_LANDSCAPE, true, 150, 0};
    rg_page_canvas cv;
    rg_page_fit(&p, false, 1000, 500, &cv);
    assert_near(cv.w, ah, 1e-9);
    assert_near(cv.h, aw, 1e-9);
    assert_near(cv.scale, ah / 1004, 1e-12);
    assert_near(cv.pad_x, 2, 1e-9);
    assert_near(cv.pad_y, (aw / cv.scale - 500) / 2, 1e-9);
    assert_true(cv.pad_y > 2);
    /* A PDF's canvas is the sheet, at the same scale. */
    rg_page_fit(&p, true, 1000, 500, &cv);
    assert_near(cv.w, A4_H, 1e-9);
    assert_near(cv.h, A4_W, 1e-9);
    assert_near(cv.scale, ah / 1004, 1e-12);
    assert_near(cv.pad_x, (A4_H / cv.scale - 1000) / 2, 1e-9);
    /* Never scaled up. */
    rg_page_fit(&p, false, 100, 50, &cv);
    assert_near(cv.scale, 1, 0);
    assert_near(cv.pad_x, (ah - 100) / 2, 1e-9);
    assert_near(cv.pad_y, (aw - 50) / 2, 1e-9);
}

/* ---- the outputs --------------------------------------------------------------- */

static void run_ok(const char *const *args)
{
    cu_result r = cu_run(NULL, args);
    if (r.status != 0)
        fail_msg("relgraph failed (%d): %s", r.status, r.err);
    cu_result_free(&r);
}

#define RUN_OK(...) run_ok((const char *const[]){__VA_ARGS__, NULL})

/* The number in ATTR="..." of the SVG's root. */
static double svg_attr(const char *svg, const char *attr, int index)
{
    const char *root = strstr(svg, "<svg ");
    assert_non_null(root);
    rg_buf key = RG_BUF_INIT;
    rg_buf_printf(&key, " %s=\"", attr);
    const char *p = strstr(root, key.buf);
    assert_non_null(p);
    p += key.len;
    rg_buf_free(&key);
    for (int i = 0; i < index; i++)
        p = strchr(p, ' ') + 1;
    return strtod(p, NULL);
}

static char *svg_of(const char *path)
{
    char *svg = cu_text(path);
    return svg;
}

/* Width and height of the SVG at PATH, in points, with the unit checked. */
static void svg_size(const char *path, double *w, double *h)
{
    char *svg = svg_of(path);
    *w = svg_attr(svg, "width", 0);
    *h = svg_attr(svg, "height", 0);
    const char *root = strstr(svg, "<svg ");
    const char *gt = strchr(root, '>');
    char *tag = strndup(root, (size_t)(gt - root));
    assert_non_null(strstr(tag, "pt\" height=\""));
    free(tag);
    free(svg);
}

static void png_size(const char *path, unsigned *w, unsigned *h)
{
    size_t len;
    unsigned char *png = (unsigned char *)cu_read(path, &len);
    assert_non_null(png);
    assert_true(len > 24);
    assert_memory_equal(png, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(png + 12, "IHDR", 4);
    *w = (unsigned)png[16] << 24 | (unsigned)png[17] << 16 | (unsigned)png[18] << 8 | png[19];
    *h = (unsigned)png[20] << 24 | (unsigned)png[21] << 16 | (unsigned)png[22] << 8 | png[23];
    free(png);
}

/* pdfinfo's "Page size:" line of the PDF at PATH. */
static char *pdf_page(const char *path, double *w, double *h)
{
    cu_result r = CU_EXEC(NULL, "pdfinfo", path);
    if (r.status != 0)
        fail_msg("pdfinfo %s: %s", path, r.err);
    const char *p = strstr(r.out, "Page size:");
    assert_non_null(p);
    char *line = strndup(p, strcspn(p, "\n"));
    assert_int_equal(sscanf(line, "Page size: %lf x %lf pts", w, h), 2);
    cu_result_free(&r);
    return line;
}

static void test_pdf_is_the_sheet(void **state)
{
    (void)state;
    const char *a4 = cu_path("a4.pdf"), *letter = cu_path("letter.pdf"),
               *wide = cu_path("wide.pdf");
    RUN_OK(TALKS, "--page", "A4", "--orientation", "portrait", "-o", a4);
    RUN_OK(TALKS, "--page", "letter", "--orientation", "portrait", "-o", letter);
    /* From top to bottom, labels inline: a wide drawing. */
    RUN_OK(TALKS, "--page", "A4", "--direction", "TB", "--edge-labels", "inline", "-o",
           wide);
    double w, h;
    char *line = pdf_page(a4, &w, &h);
    assert_near(w, 595.276, 1);
    assert_near(h, 841.89, 1);
    assert_non_null(strstr(line, "(A4)"));
    free(line);
    line = pdf_page(letter, &w, &h);
    assert_near(w, 612, 0);
    assert_near(h, 792, 0);
    assert_non_null(strstr(line, "(letter)"));
    free(line);
    /* Auto turns the page to the wide drawing. */
    line = pdf_page(wide, &w, &h);
    assert_near(w, 841.89, 1);
    assert_near(h, 595.276, 1);
    free(line);

    /* Every word of the drawing is inside the margins. */
    cu_result r = CU_EXEC(NULL, "pdftotext", "-bbox", a4, "-");
    assert_int_equal(r.status, 0);
    size_t words = 0;
    for (const char *p = strstr(r.out, "<word "); p; p = strstr(p + 1, "<word ")) {
        double x0, y0, x1, y1;
        assert_int_equal(sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" "
                                   "yMax=\"%lf\"", &x0, &y0, &x1, &y1), 4);
        if (x0 < CM - 0.5 || y0 < CM - 0.5 || x1 > A4_W - CM + 0.5 ||
            y1 > A4_H - CM + 0.5)
            fail_msg("a word outside the margins: %.80s", p);
        words++;
    }
    assert_true(words > 50);
    cu_result_free(&r);
}

static void test_svg_and_png_are_the_area(void **state)
{
    (void)state;
    const char *svg = cu_path("a4.svg"), *png = cu_path("a4.png"),
               *png300 = cu_path("a4-300.png"), *html = cu_path("a4.html");
    RUN_OK(TALKS, "--page", "A4", "--orientation", "portrait", "-o", svg, "-o", png,
           "-o", html);
    RUN_OK(TALKS, "--page", "A4", "--orientation", "portrait", "--dpi", "300",
           "-o", png300);
    char *text = svg_of(svg);
    assert_non_null(strstr(text, "<svg width=\"538.583pt\" height=\"785.197pt\"\n"));
    /* Graphviz's own scale is left at 1: the viewBox scales. */
    assert_non_null(strstr(text, "<g id=\"graph0\" class=\"graph\" transform=\"scale(1 1) "));
    free(text);
    text = svg_of(html);
    assert_non_null(strstr(text, "<svg width=\"538.583pt\" height=\"785.197pt\"\n"));
    free(text);
    unsigned w, h;
    png_size(png, &w, &h);
    assert_int_equal(w, 1122); /* round(538.583 / 72 * 150) */
    assert_int_equal(h, 1636); /* round(785.197 / 72 * 150) */
    png_size(png300, &w, &h);
    assert_int_equal(w, 2244);
    assert_int_equal(h, 3272);
}

/* A chain of actors, drawn across (LR) or down (TB). */
static const char *chain(const char *name, const char *direction)
{
    const char *p = cu_path(name);
    rg_buf b = RG_BUF_INIT;
    rg_buf_printf(&b, "render: {direction: %s, legend: false}\n", direction);
    cu_chain(&b, 9, "Actor number %d", "supports");
    cu_write(p, b.buf);
    rg_buf_free(&b);
    return p;
}

static void test_orientation_auto(void **state)
{
    (void)state;
    const char *wide = chain("wide.yaml", "LR"), *tall = chain("tall.yaml", "TB");
    const char *ws = cu_path("wide.svg"), *ts = cu_path("tall.svg"),
               *fs = cu_path("forced.svg");
    RUN_OK(wide, "--page", "A4", "-o", ws);
    RUN_OK(tall, "--page", "A4", "-o", ts);
    RUN_OK(wide, "--page", "A4", "--orientation", "portrait", "-o", fs);
    double w, h;
    svg_size(ws, &w, &h);
    assert_near(w, 785.197, 0);
    assert_near(h, 538.583, 0);
    svg_size(ts, &w, &h);
    assert_near(w, 538.583, 0);
    assert_near(h, 785.197, 0);
    svg_size(fs, &w, &h);
    assert_near(w, 538.583, 0);
    assert_near(h, 785.197, 0);
}

static void test_file_page_and_the_command_line(void **state)
{
    (void)state;
    const char *file = "tests/data/page.yaml"; /* A5, portrait, 15mm, 100 dpi */
    const char *svg = cu_path("f.svg"), *png = cu_path("f.png"),
               *svg2 = cu_path("c.svg"), *png2 = cu_path("c.png"),
               *svg3 = cu_path("m.svg");
    RUN_OK(file, "-o", svg, "-o", png);
    double w, h;
    svg_size(svg, &w, &h);
    assert_near(w, 334.488, 0); /* 148 - 30 mm */
    assert_near(h, 510.236, 0); /* 210 - 30 mm */
    unsigned pw, ph;
    png_size(png, &pw, &ph);
    assert_int_equal(pw, 465); /* round(334.488 / 72 * 100) */
    assert_int_equal(ph, 709);
    RUN_OK(file, "--page", "letter", "--orientation", "landscape", "--margin", "1cm",
           "--dpi", "150", "-o", svg2, "-o", png2);
    svg_size(svg2, &w, &h);
    assert_near(w, 735.307, 0); /* 11in - 2cm */
    assert_near(h, 555.307, 0);
    png_size(png2, &pw, &ph);
    assert_int_equal(pw, 1532);
    assert_int_equal(ph, 1157);
    /* One option alone: the file's other keys stay. */
    RUN_OK(file, "--margin", "0", "-o", svg3);
    svg_size(svg3, &w, &h);
    assert_near(w, 419.528, 0);
    assert_near(h, 595.276, 0);
}

/* The "bb" of the graph in Graphviz's JSON. */
static void json_bb(const char *path, double *w, double *h)
{
    char *json = cu_text(path);
    const char *p = strstr(json, "\"bb\": \"");
    assert_non_null(p);
    double x0, y0, x1, y1;
    assert_int_equal(sscanf(p, "\"bb\": \"%lf,%lf,%lf,%lf", &x0, &y0, &x1, &y1), 4);
    *w = x1 - x0;
    *h = y1 - y0;
    free(json);
}

/* The distinct font-size values of SVG, ascending, space-separated, in a
 * static buffer. */
static const char *font_sizes(const char *svg)
{
    static char out[256];
    double seen[32];
    size_t n = 0;
    for (const char *p = svg; (p = strstr(p, "font-size=\"")); p++) {
        double v = strtod(p + 11, NULL);
        size_t i = 0;
        while (i < n && seen[i] != v)
            i++;
        if (i == n && n < 32)
            seen[n++] = v;
    }
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && seen[j - 1] > seen[j]; j--) {
            double t = seen[j];
            seen[j] = seen[j - 1];
            seen[j - 1] = t;
        }
    out[0] = '\0';
    for (size_t i = 0; i < n; i++)
        snprintf(out + strlen(out), sizeof out - strlen(out), "%s%.2f", i ? " " : "", seen[i]);
    return out;
}

static void test_text_size_on_the_page(void **state)
{
    (void)state;
    const char *big = "data/iran-nuclear-deal-2013-2018.yaml";
    const char *svg = cu_path("big.svg"), *json = cu_path("big.json");
    RUN_OK(big, "--page", "A5", "-o", svg, "-o", json);
    double bw, bh;
    json_bb(json, &bw, &bh);
    double aw = A5_W - 2 * CM, ah = A5_H - 2 * CM;
    /* The orientation it fits best, and the scale there: the bb with 2
     * points on each side. */
    bw += 4, bh += 4;
    double portrait = dmin(aw / bw, ah / bh), landscape = dmin(ah / bw, aw / bh);
    double fit = dmax(portrait, landscape);
    bool turned = landscape > portrait;
    assert_true(fit < 0.5); /* a big file: scaled well down */
    char *text = svg_of(svg);
    double w = svg_attr(text, "width", 0), h = svg_attr(text, "height", 0);
    double vw = svg_attr(text, "viewBox", 2), vh = svg_attr(text, "viewBox", 3);
    assert_near(svg_attr(text, "viewBox", 0), 0, 0);
    assert_near(w, turned ? ah : aw, 0.001);
    assert_near(h, turned ? aw : ah, 0.001);
    /* One scale both ways, the fit's: JSON's bb is rounded to a tenth. */
    assert_near(w / vw, fit, fit * 1e-4);
    assert_near(h / vh, fit, fit * 1e-4);
    /* On a page every text is 14 points but the title's 21 (style.c),
     * so the smallest text on the page is 14 times the fit. */
    assert_non_null(strstr(text, "font-weight=\"bold\" font-size=\"21.00\""));
    assert_string_equal(font_sizes(text), "14.00 21.00");
    print_message("test_page: scale %.4f, text %.2f pt on A5\n", fit, 14 * fit);
    free(text);
    /* Without a page, the screen's sizes: names 12, roles 9, labels 10,
     * the groups' names 13, the legend's heading 11, the title 18. */
    RUN_OK(big, "-o", svg);
    text = svg_of(svg);
    assert_string_equal(font_sizes(text), "9.00 10.00 11.00 12.00 13.00 18.00");
    free(text);
}

/* A drawing that the page would hold whole is scaled to print its text
 * at 10 points, a report's body text (RG_PAGE_TEXT_MAX), or at
 * --min-font when that is larger: never at the 14 points it is laid out
 * with. */
static void test_small_drawing_text_capped(void **state)
{
    (void)state;
    const char *svg = cu_path("small.svg");
    static const struct {
        const char *min_font;
        double scale;
    } cases[] = {{"6", 10.0 / 14}, {"12", 12.0 / 14}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        RUN_OK(TALKS, "--page", "A4", "--focus", "iran", "--kinds",
               "accuses,demands,supports,custody", "--min-font", cases[i].min_font,
               "-o", svg);
        char *text = svg_of(svg);
        double scale = svg_attr(text, "width", 0) / svg_attr(text, "viewBox", 2);
        print_message("test_page: --min-font %s: scale %.4f\n", cases[i].min_font, scale);
        assert_near(scale, cases[i].scale, 1e-4);
        assert_near(svg_attr(text, "height", 0) / svg_attr(text, "viewBox", 3),
                    cases[i].scale, 1e-4);
        free(text);
    }
}

/* Without a page, every output is as it was, whatever the other page
 * options say; with one, every drawn output differs (the search draws it
 * for the page, DOT and JSON included). */
static void test_no_page_no_change(void **state)
{
    (void)state;
    static const char *const ext[] = {"svg", "png", "pdf", "html", "dot", "json"};
    enum { N = sizeof ext / sizeof ext[0] };
    const char *plain[N], *other[N], *paged[N];
    for (size_t i = 0; i < N; i++) {
        rg_buf b = RG_BUF_INIT;
        rg_buf_printf(&b, "plain.%s", ext[i]);
        plain[i] = rg_xstrdup(cu_path(b.buf));
        rg_buf_clear(&b);
        rg_buf_printf(&b, "other.%s", ext[i]);
        other[i] = rg_xstrdup(cu_path(b.buf));
        rg_buf_clear(&b);
        rg_buf_printf(&b, "paged.%s", ext[i]);
        paged[i] = rg_xstrdup(cu_path(b.buf));
        rg_buf_free(&b);
    }
    RUN_OK(TALKS, "-o", plain[0], "-o", plain[1], "-o", plain[2], "-o", plain[3],
           "-o", plain[4], "-o", plain[5]);
    RUN_OK(TALKS, "--orientation", "landscape", "--margin", "2cm", "--min-font", "9",
           "-o", other[0], "-o", other[1], "-o", other[2], "-o", other[3],
           "-o", other[4], "-o", other[5]);
    RUN_OK(TALKS, "--page", "A3", "-o", paged[0], "-o", paged[1], "-o", paged[2],
           "-o", paged[3], "-o", paged[4], "-o", paged[5]);
    for (size_t i = 0; i < N; i++) {
        size_t la, lb, lc;
        char *a = cu_read(plain[i], &la), *b = cu_read(other[i], &lb),
             *c = cu_read(paged[i], &lc);
        assert_non_null(a);
        if (la != lb || memcmp(a, b, la) != 0)
            fail_msg("the %s changed with page options but no page", ext[i]);
        if (la == lc && memcmp(a, c, la) == 0)
            fail_msg("the %s is the same with a page", ext[i]);
        free(a), free(b), free(c);
        free((char *)plain[i]), free((char *)other[i]), free((char *)paged[i]);
    }
    /* --dpi alone sets a PNG's resolution: twice Graphviz's 96. */
    const char *p96 = cu_path("96.png"), *p192 = cu_path("192.png");
    RUN_OK(TALKS, "-o", p96);
    RUN_OK(TALKS, "--dpi", "192", "-o", p192);
    unsigned w1, h1, w2, h2;
    png_size(p96, &w1, &h1);
    png_size(p192, &w2, &h2);
    assert_true(w2 >= 2 * w1 - 1 && w2 <= 2 * w1 + 1);
    assert_true(h2 >= 2 * h1 - 1 && h2 <= 2 * h1 + 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_page_form),
        cmocka_unit_test(test_lengths_and_numbers),
        cmocka_unit_test(test_each_error_message),
        cu_scratch_test(test_command_line_errors),
        cmocka_unit_test(test_file_errors),
        cmocka_unit_test(test_resolve),
        cmocka_unit_test(test_orient_and_fit),
        cu_scratch_test(test_pdf_is_the_sheet),
        cu_scratch_test(test_svg_and_png_are_the_area),
        cu_scratch_test(test_orientation_auto),
        cu_scratch_test(test_file_page_and_the_command_line),
        cu_scratch_test(test_text_size_on_the_page),
        cu_scratch_test(test_small_drawing_text_capped),
        cu_scratch_test(test_no_page_no_change),
    };
    return cmocka_run_group_tests_name("page", tests, NULL, NULL);
}
