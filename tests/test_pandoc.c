/*
 * test_pandoc.c - the pandoc filter share/relgraph/relgraph.lua, run by
 * Debian's pandoc on the sample report data/report.md and on reports
 * made here:
 *   - to HTML: every relgraph image and block is a <figure> of an SVG in
 *     the cache folder, with its caption (the attribute, the image's text
 *     or the file's title) and the alt text made from relgraph's summary;
 *   - to docx: PNGs, each picture's description that alt text, each
 *     caption a paragraph of pandoc's "Image Caption" style;
 *   - to LaTeX: PDFs;
 *   - the cache: a rebuild of an unchanged report runs relgraph for its
 *     version only, no layout; a changed block is drawn again, alone;
 *   - errors: each of relgraph's messages a pandoc warning with the
 *     report's file and line, the block left as it was, and
 *     --fail-if-warnings failing the build; an option relgraph does not
 *     know is its usage error, passed on; `page` when this relgraph has
 *     --page.
 * relgraph is run through a wrapper that logs each run, to count them.
 */
#include "cliutil.h"

#define FILTER "share/relgraph/relgraph.lua"

static char top[4096]; /* the tree's top, for absolute paths */

/* The wrapper: logs its arguments to runs.log, then runs relgraph.
 * Written once per test: an executable rewritten while it may be run is
 * "text file busy". */
static const char *wrapper(void)
{
    const char *w = cu_path("relgraph-logged");
    if (access(w, X_OK) == 0)
        return w;
    rg_buf b = RG_BUF_INIT;
    char real[4200];
    const char *bin = cu_binary();
    snprintf(real, sizeof real, "%s%s%s", bin[0] == '/' ? "" : top,
             bin[0] == '/' ? "" : "/", bin);
    rg_buf_printf(&b, "#!/bin/sh\necho \"$*\" >>'%s'\nexec '%s' \"$@\"\n",
                  cu_path("runs.log"), real);
    cu_write(w, b.buf);
    rg_buf_free(&b);
    assert_int_equal(chmod(w, 0755), 0);
    return w;
}

/* Lines of runs.log that render (not --version, --help), then empty it. */
static size_t renders(void)
{
    char *log = cu_read(cu_path("runs.log"), NULL);
    size_t n = 0;
    for (char *l = log ? strtok(log, "\n") : NULL; l; l = strtok(NULL, "\n"))
        n += strstr(l, "--version") == NULL && strstr(l, "--help") == NULL;
    free(log);
    unlink(cu_path("runs.log"));
    return n;
}

/* pandoc on INPUT to OUTPUT with the filter, the cache in the scratch
 * directory, and EXTRA (NULL or one more option). */
static cu_result pandoc(const char *input, const char *output, const char *extra)
{
    char filter[4200], cache[300], path[400];
    snprintf(filter, sizeof filter, "%s/%s", top, FILTER);
    snprintf(cache, sizeof cache, "relgraph-cache=%s", cu_path("cache"));
    snprintf(path, sizeof path, "relgraph-path=%s", wrapper());
    const char *argv[17] = {"env", "-u", "RELGRAPH", "-u", "RELGRAPH_CACHE", "pandoc",
                            "-L", filter, "-M", cache, "-M", path, input, "-o",
                            output, extra};
    return cu_exec(NULL, argv);
}

/* The text of the first element TAG="..." after P, up to its quote. */
static char *attr_after(const char *p, const char *attr)
{
    const char *a = strstr(p, attr);
    if (!a)
        return NULL;
    a += strlen(attr);
    return strndup(a, strcspn(a, "\""));
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0;
    for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
        n++;
    return n;
}

/* HTML: pandoc wraps long lines at spaces; the text with runs of white
 * space as one space (owned). */
static char *one_line(const char *s)
{
    rg_buf b = RG_BUF_INIT;
    for (const char *p = s; *p; p++) {
        bool sp = *p == ' ' || *p == '\n';
        if (sp && b.len && b.buf[b.len - 1] == ' ')
            continue;
        rg_buf_putc(&b, sp ? ' ' : *p);
    }
    return rg_buf_detach(&b, NULL);
}

/* data/report.md into NAME in the scratch directory (its path into OUT:
 * cu_path's results are overwritten after 16 calls), cleanly, each of its
 * four figures drawn. */
static void render_report(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s", cu_path(name));
    cu_result r = pandoc("data/report.md", out, NULL);
    if (r.status != 0 || r.err_len)
        fail_msg("pandoc (status %d):\n%s", r.status, r.err);
    cu_result_free(&r);
    assert_int_equal(renders(), 4);
}

static const char sketch_alt[] =
    "The Baghdad meeting, in short. United States and Iran hold talks \xE2\x80\x94 "
    "four hours (2007-05-28). Iraq hosts United States \xE2\x80\x94 Green Zone. "
    "Iraq hosts Iran \xE2\x80\x94 Green Zone.";

static void test_html_and_cache(void **state)
{
    (void)state;
    char html[300];
    render_report(html, sizeof html, "report.html");
    cu_result r;
    char *raw = cu_read(html, NULL), *out = one_line(raw);
    free(raw);
    assert_int_equal(count(out, "<figure>"), 4);
    /* Each figure's image is an SVG in the cache. */
    const char *p = out;
    for (int i = 0; i < 4; i++) {
        p = strstr(p, "<figure>");
        char *src = attr_after(p, "<img src=\"");
        assert_non_null(src);
        if (strncmp(src, cu_path("cache/"), strlen(cu_path("cache/"))) != 0 ||
            strcmp(src + strlen(src) - 4, ".svg") != 0)
            fail_msg("figure %d: %s is not an SVG of the cache", i + 1, src);
        char *svg = cu_text(src);
        assert_non_null(strstr(svg, "<svg"));
        free(svg);
        free(src);
        p++;
    }
    /* Captions: the image's text, the attribute, the file's title. */
    assert_non_null(strstr(out, "id=\"fig-iran\""));
    assert_non_null(strstr(out, "<figcaption>Accusations and demands around Iran, "
                                "May 2007</figcaption>"));
    assert_non_null(strstr(out, "<figcaption>The deal as of mid-2014, under the "
                                "interim agreement</figcaption>"));
    assert_non_null(strstr(out, "<figcaption>The Iran nuclear deal, "
                                "2013\xE2\x80\x93" "2018</figcaption>"));
    assert_non_null(strstr(out, "<figcaption>A sketch: who <em>hosts</em> "
                                "whom</figcaption>"));
    /* Alt text: the summary's title, what the filters kept, its
     * description, then the ties, in words. */
    rg_buf want = RG_BUF_INIT;
    rg_buf_printf(&want, "id=\"fig-sketch\" alt=\"%s\" />", sketch_alt);
    assert_non_null(strstr(out, want.buf));
    rg_buf_free(&want);
    assert_non_null(strstr(out, "alt=\"The Iran nuclear deal, 2013\xE2\x80\x93" "2018. "
                                "Shown: as of 2014-06-01. How the Joint"));
    assert_non_null(strstr(out, "alt=\"U.S.\xE2\x80\x93Iran talks on Iraq security "
                                "(Baghdad, 28 May 2007). Shown: only accuses, demands, "
                                "custody \xC2\xB7 focus: Iran (depth 1)."));
    free(out);

    /* Built again, unchanged: no layout, the same bytes. */
    raw = cu_read(html, NULL);
    r = pandoc("data/report.md", html, NULL);
    assert_int_equal(r.status, 0);
    cu_result_free(&r);
    assert_int_equal(renders(), 0);
    cu_assert_text(html, raw);
    free(raw);

    /* One block changed: that one drawn again. */
    char *md = cu_read("data/report.md", NULL);
    char *at = strstr(md, "label: four hours");
    assert_non_null(at);
    memcpy(at + strlen("label: "), "four HOURS", 10);
    char mine[300];
    snprintf(mine, sizeof mine, "%s", cu_path("report.md"));
    cu_write(mine, md);
    free(md);
    r = pandoc(mine, html, NULL);
    if (r.status != 0)
        fail_msg("pandoc: %s", r.err);
    cu_result_free(&r);
    assert_int_equal(renders(), 1);
}

static void test_docx(void **state)
{
    (void)state;
    char docx[300];
    render_report(docx, sizeof docx, "report.docx");
    cu_result r;
    /* The document's XML, and its pictures' first bytes. */
    r = CU_EXEC(NULL, cu_python(), "-c",
                "import sys, zipfile\n"
                "z = zipfile.ZipFile(sys.argv[1])\n"
                "media = sorted(n for n in z.namelist() if n.startswith('word/media/'))\n"
                "print(len(media), all(z.read(n)[:8] == b'\\x89PNG\\r\\n\\x1a\\n' for n in media))\n"
                "sys.stdout.write(z.read('word/document.xml').decode())\n",
                docx);
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "4 True\n", 7) == 0);
    assert_int_equal(count(r.out, "<wp:docPr "), 4);
    rg_buf want = RG_BUF_INIT;
    rg_buf_printf(&want, "<wp:docPr descr=\"%s\"", sketch_alt);
    assert_non_null(strstr(r.out, want.buf));
    rg_buf_free(&want);
    assert_non_null(strstr(r.out, "<wp:docPr descr=\"The Iran nuclear deal, "
                                  "2013\xE2\x80\x93" "2018. Shown: as of 2018-12-01."));
    assert_int_equal(count(r.out, "<w:pStyle w:val=\"ImageCaption\" />"), 4);
    assert_non_null(strstr(r.out, "<w:t xml:space=\"preserve\">The deal as of "
                                  "mid-2014, under the interim agreement</w:t>"));
    cu_result_free(&r);
}

static void test_latex(void **state)
{
    (void)state;
    char tex[300];
    render_report(tex, sizeof tex, "report.tex");
    char *out = cu_read(tex, NULL);
    assert_int_equal(count(out, "\\includegraphics"), 4);
    assert_int_equal(count(out, ".pdf}"), 4);
    free(out);
    size_t n;
    char **pdfs = cu_glob(cu_path("cache"), ".pdf", &n);
    assert_int_equal(n, 4);
    for (size_t i = 0; i < n; i++) {
        char *pdf = cu_read(pdfs[i], NULL);
        assert_true(strncmp(pdf, "%PDF-", 5) == 0);
        free(pdf);
    }
    cu_glob_free(pdfs);
}

static const char bad_report[] =
    "# A report\n"
    "\n"
    "Some text.\n"
    "\n"
    "```relgraph\n"
    "actors:\n"
    "  us: {nmae: United States}\n"
    "ties:\n"
    "  - {from: us, to: irn, kind: talks}\n"
    "```\n"
    "\n"
    "![A missing file](no-such-file.yaml){.relgraph}\n"
    "\n"
    "```{.relgraph bogus-option=1}\n"
    "actors: {a: {}}\n"
    "```\n";

static void test_errors_are_warnings(void **state)
{
    (void)state;
    char in[300], html[300];
    snprintf(in, sizeof in, "%s", cu_path("bad.md"));
    snprintf(html, sizeof html, "%s", cu_path("bad.html"));
    cu_write(in, bad_report);
    cu_result r = pandoc(in, html, NULL);
    cu_expectf(&r, 0,
               "[WARNING] relgraph: %s:7:8: error: unknown key 'nmae' in actor; "
               "did you mean 'name'?\n"
               "[WARNING] relgraph: %s:9:20: error: unknown actor 'irn'; define it under "
               "'actors:'\n"
               "[WARNING] relgraph: %s:12: cannot read 'no-such-file.yaml'\n"
               "[WARNING] relgraph: %s:14: error: unknown option '--bogus-option'\n"
               "[WARNING] Duplicate link reference '[relgraph: 4 problems above]' "
               "at line 2 column 1\n", in, in, in, in);
    /* The blocks stay as they were. */
    char *out = cu_read(html, NULL);
    assert_non_null(strstr(out, "<pre class=\"relgraph\"><code>actors:\n"
                                "  us: {nmae: United States}"));
    /* The missing file's image is pandoc's own figure, as written. */
    assert_int_equal(count(out, "<figure>"), 1);
    assert_non_null(strstr(out, "<img src=\"no-such-file.yaml\""));
    free(out);
    /* And the build fails with --fail-if-warnings. */
    r = pandoc(in, html, "--fail-if-warnings");
    if (r.status != 3)
        fail_msg("status %d: %s", r.status, r.err);
    assert_non_null(strstr(r.err, "error: unknown key 'nmae' in actor"));
    cu_result_free(&r);
    /* Nothing is cached for a block that failed. */
    size_t n;
    char **files = cu_glob(cu_path("cache"), "", &n);
    if (n)
        fail_msg("the cache holds %s", files[0]);
    cu_glob_free(files);
}

/* A summary with no space in its first 600 bytes is cut at a character's
 * start, never inside it: "x" and then three-byte characters put byte 601
 * inside one. */
static void test_alt_cut_in_utf8(void **state)
{
    (void)state;
    rg_buf y = RG_BUF_INIT;
    rg_buf_puts(&y, "```relgraph\ntitle: x");
    for (int i = 0; i < 300; i++)
        rg_buf_puts(&y, "\xE5\x92\x8C"); /* 和 */
    rg_buf_puts(&y, "\nactors: {a: {}, b: {}}\nties: [{from: a, to: b, kind: talks}]\n```\n");
    const char *in = cu_path("cut.md");
    cu_write(in, y.buf);
    rg_buf_free(&y);
    cu_result r = pandoc(in, cu_path("cut.html"), NULL);
    if (r.status != 0 || r.err_len)
        fail_msg("pandoc (status %d): %s", r.status, r.err);
    cu_result_free(&r);
    char *html = cu_read(cu_path("cut.html"), NULL);
    char *alt = attr_after(html, "alt=\"");
    assert_non_null(alt);
    /* x, 199 whole characters (597 bytes), then " …". */
    rg_buf want = RG_BUF_INIT;
    rg_buf_puts(&want, "x");
    for (int i = 0; i < 199; i++)
        rg_buf_puts(&want, "\xE5\x92\x8C");
    rg_buf_puts(&want, " \xE2\x80\xA6");
    assert_string_equal(alt, want.buf);
    rg_buf_free(&want);
    free(alt);
    free(html);
}

/* `page` is passed on like any option: when this relgraph has --page,
 * a block with it is drawn. */
static void test_page_option(void **state)
{
    (void)state;
    cu_result h = CU_RUN(NULL, "--help");
    bool has_page = strstr(h.out, "--page") != NULL;
    cu_result_free(&h);
    if (!has_page) {
        print_message("test_pandoc: this relgraph has no --page; its pass-through "
                      "is tested with an unknown option instead\n");
        skip();
    }
    const char *in = cu_path("page.md");
    cu_write(in, "```{.relgraph page=a4}\nactors: {a: {}, b: {}}\n"
                 "ties: [{from: a, to: b, kind: talks}]\n```\n");
    cu_result r = pandoc(in, cu_path("page.html"), NULL);
    if (r.status != 0 || r.err_len)
        fail_msg("pandoc with page=a4 (status %d): %s", r.status, r.err);
    cu_result_free(&r);
    char *log = cu_read(cu_path("runs.log"), NULL);
    assert_non_null(strstr(log, "--page a4"));
    free(log);
}

int main(void)
{
    if (!getcwd(top, sizeof top))
        return 1;
    const struct CMUnitTest tests[] = {
        cu_scratch_test(test_html_and_cache),
        cu_scratch_test(test_docx),
        cu_scratch_test(test_latex),
        cu_scratch_test(test_errors_are_warnings),
        cu_scratch_test(test_alt_cut_in_utf8),
        cu_scratch_test(test_page_option),
    };
    return cmocka_run_group_tests_name("pandoc", tests, NULL, NULL);
}
