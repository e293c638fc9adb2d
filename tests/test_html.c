/*
 * test_html.c - the interactive page (-o x.html) as relgraph writes it:
 * SHA-256 and base64 against their standards' vectors; the CSP naming the
 * exact script and stylesheet the page carries; the controls' markup and
 * the model's JSON, byte for byte, for a small file; hostile text only as
 * escaped text and escaped JSON; the SVG inside the page the same as the
 * SVG output of the same run; and the page of every data file. What the
 * page does in a browser is tests/viewer.py's (test_viewer).
 */
#include "cliutil.h"

/* ---- digest.c -------------------------------------------------------- */

static void hex(char *out, const unsigned char *h, size_t n)
{
    for (size_t i = 0; i < n; i++)
        snprintf(out + 2 * i, 3, "%02x", h[i]);
}

static void test_sha256(void **state)
{
    (void)state;
    /* FIPS 180-4's examples, the empty message, and lengths around the
     * padding's block boundary (55, 56, 64 bytes). */
    static const struct {
        const char *in;
        size_t repeat;
        const char *hex;
    } t[] = {
        {"", 1, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
        {"abc", 1, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
        {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 1,
         "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
        {"a", 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
        {"a", 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
        {"a", 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
        {"a", 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        rg_buf in = RG_BUF_INIT;
        for (size_t k = 0; k < t[i].repeat; k++)
            rg_buf_puts(&in, t[i].in);
        unsigned char h[32];
        char got[65];
        rg_sha256(in.buf, in.len, h);
        hex(got, h, 32);
        if (strcmp(got, t[i].hex) != 0)
            fail_msg("sha256 of %zu bytes: %s, want %s", in.len, got, t[i].hex);
        rg_buf_free(&in);
    }
}

static void test_base64(void **state)
{
    (void)state;
    /* RFC 4648, section 10. */
    static const char *const t[][2] = {
        {"", ""},          {"f", "Zg=="},         {"fo", "Zm8="},
        {"foo", "Zm9v"},   {"foob", "Zm9vYg=="},  {"fooba", "Zm9vYmE="},
        {"foobar", "Zm9vYmFy"}, {"\xff\xfe\xfd", "//79"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        rg_buf b = RG_BUF_INIT;
        rg_base64(&b, (const unsigned char *)t[i][0], strlen(t[i][0]));
        assert_string_equal(b.buf, t[i][1]);
        rg_buf_free(&b);
    }
}

/* ---- pages ------------------------------------------------------------- */

typedef struct page {
    rg_model *m;
    rg_diagram *dg;
    char *html, *svg;
    size_t html_len, svg_len;
} page;

/* The page (and the SVG, rendered in the same run) of YAML. */
static page page_of(const char *yaml, const char *theme)
{
    page p = {0};
    p.m = tu_valid_model(yaml, false);
    tu_run r;
    tu_begin(&r);
    rg_options opt = RG_OPTIONS_INIT;
    opt.theme = theme;
    p.dg = rg_diagram_new(p.m, &opt, r.diags);
    assert_non_null(p.dg);
    assert_true(rg_diagram_render(p.dg, "html", &p.html, &p.html_len, r.diags));
    assert_true(rg_diagram_render(p.dg, "svg", &p.svg, &p.svg_len, r.diags));
    assert_string_equal(tu_text(&r), "");
    tu_done(&r);
    assert_int_equal(strlen(p.html), p.html_len);
    return p;
}

static void page_free(page *p)
{
    free(p->html);
    free(p->svg);
    rg_diagram_free(p->dg);
    rg_model_free(p->m);
}

static size_t occurrences(const char *s, const char *word)
{
    size_t n = 0;
    for (const char *p = strstr(s, word); p; p = strstr(p + 1, word))
        n++;
    return n;
}

static const char small[] =
    "title: \"Talks & <demands>\"\n"
    "description: |\n  Two lines,\n  \"quoted\".\n"
    "sources:\n"
    "  s: {title: Report, publisher: Wire, date: 2007-05, url: \"https://example.org/r?a=1&b=2\"}\n"
    "groups:\n  g: {name: Side}\n"
    "actors:\n"
    "  a: {name: Alpha, role: Envoy, kind: person, group: g, aliases: [Al, \"\xC3\x81lfa\"],\n"
    "      note: \"A note\", url: \"https://example.org/a\", source: s}\n"
    "  b: {name: Beta, kind: country}\n"
    "  c: {name: Gamma}\n"
    "ties:\n"
    "  - {from: a, to: b, kind: accuses, label: \"arms\", date: 2007-05-28, status: alleged,\n"
    "     weight: 4, note: \"said twice\", source: s}\n"
    "  - {id: t2, between: [a, b, c], kind: talks, start: 2007, end: 2008-06}\n"
    "  - {from: b, to: c, kind: accuses}\n";

static void test_model_json(void **state)
{
    (void)state;
    page p = page_of(small, NULL);
    char *json = cu_between(p.html, "<script type=\"application/json\" id=\"rg-model\">",
                            "</script>");
    assert_string_equal(json,
        "{\"format\":1,\"title\":\"Talks \\u0026 \\u003cdemands\\u003e\","
        "\"kinds\":[{\"id\":\"talks\",\"label\":\"holds talks with\"},"
        "{\"id\":\"accuses\",\"label\":\"accuses\"}],"
        "\"groups\":[{\"el\":\"group-g\",\"name\":\"Side\",\"parent\":-1}],"
        "\"sources\":[{\"title\":\"Report\",\"text\":\"Wire, 2007-05: Report\","
        "\"url\":\"https://example.org/r?a=1\\u0026b=2\"}],"
        "\"actors\":[\n"
        "{\"id\":\"a\",\"el\":\"actor-a\",\"name\":\"Alpha\",\"role\":\"Envoy\","
        "\"kind\":\"person\",\"group\":0,\"aliases\":[\"Al\",\"\xC3\x81lfa\"],"
        "\"note\":\"A note\",\"url\":\"https://example.org/a\",\"sources\":[0]},\n"
        "{\"id\":\"b\",\"el\":\"actor-b\",\"name\":\"Beta\",\"kind\":\"country\","
        "\"group\":-1,\"aliases\":[],\"sources\":[]},\n"
        "{\"id\":\"c\",\"el\":\"actor-c\",\"name\":\"Gamma\",\"group\":-1,"
        "\"aliases\":[],\"sources\":[]}],"
        "\"ties\":[\n"
        "{\"el\":\"tie-1\",\"lines\":[],\"kind\":1,\"parties\":[0,1],\"over\":-1,"
        "\"text\":\"Alpha accuses Beta\",\"label\":\"arms\",\"note\":\"said twice\","
        "\"when\":\"2007-05-28\",\"date\":\"2007-05-28\",\"status\":\"alleged\","
        "\"weight\":4,\"sources\":[0]},\n"
        "{\"el\":\"tie-t2\",\"lines\":[\"tie-t2-a\",\"tie-t2-b\",\"tie-t2-c\"],"
        "\"kind\":0,\"parties\":[0,1,2],\"over\":-1,"
        "\"text\":\"Alpha, Beta and Gamma hold talks\","
        "\"when\":\"2007 to 2008-06\",\"start\":\"2007\",\"end\":\"2008-06\","
        "\"weight\":0,\"sources\":[]},\n"
        "{\"el\":\"tie-3\",\"lines\":[],\"kind\":1,\"parties\":[1,2],\"over\":-1,"
        "\"text\":\"Beta accuses Gamma\",\"weight\":0,\"sources\":[]}],"
        "\"dates\":[\"2007\",\"2007-05-28\",\"2008-06\"]}");
    /* Every id the JSON names is an element of the SVG. */
    static const char *const ids[] = {
        "actor-a", "actor-b", "actor-c", "tie-1", "tie-t2", "tie-t2-a",
        "tie-t2-b", "tie-t2-c", "tie-3", "group-g",
    };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        char want[64];
        snprintf(want, sizeof want, "<g id=\"%s\" class=", ids[i]);
        if (occurrences(p.html, want) != 1)
            fail_msg("the page's SVG has no one %s", want);
    }
    free(json);
    page_free(&p);
}

static void test_controls(void **state)
{
    (void)state;
    page p = page_of(small, "dark");
    char *nav = cu_between(p.html, "<nav id=\"rg-controls\"", "</nav>");
    assert_string_equal(nav,
        " aria-label=\"View\" hidden>\n"
        "<fieldset id=\"rg-kinds\"><legend>Ties</legend>\n"
        "<label><input type=\"checkbox\" data-kind=\"talks\" checked> holds talks with</label>\n"
        "<label><input type=\"checkbox\" data-kind=\"accuses\" checked> accuses</label>\n"
        "</fieldset>\n"
        "<fieldset id=\"rg-time\"><legend>Time</legend>\n"
        "<input type=\"range\" id=\"rg-date\" min=\"0\" max=\"2\" step=\"1\" value=\"2\" "
        "aria-label=\"As of\">\n"
        "<output id=\"rg-date-shown\" for=\"rg-date\"></output>\n"
        "<label><input type=\"checkbox\" id=\"rg-all-dates\" checked> all dates</label>\n"
        "</fieldset>\n"
        "<div id=\"rg-find\">\n"
        "<input type=\"search\" id=\"rg-search\" placeholder=\"Find an actor\" "
        "aria-label=\"Find an actor by name, role or alias\" autocomplete=\"off\" "
        "spellcheck=\"false\">\n"
        "<output id=\"rg-found\" for=\"rg-search\"></output>\n</div>\n"
        "<div id=\"rg-buttons\">\n"
        "<button type=\"button\" id=\"rg-zoom-in\" title=\"Zoom in (+)\">+</button>\n"
        "<button type=\"button\" id=\"rg-zoom-out\" title=\"Zoom out (-)\">\xE2\x88\x92</button>\n"
        "<button type=\"button\" id=\"rg-fit\" title=\"Fit to the window (0)\">Fit</button>\n"
        "<button type=\"button\" id=\"rg-reset\" title=\"Show all (Escape)\">Show all</button>\n"
        "</div>\n");
    free(nav);
    /* The theme drawn, the title and description as escaped text. */
    assert_non_null(strstr(p.html, "<body class=\"rg-theme-dark\">\n"));
    assert_non_null(strstr(p.html, "<title>Talks &amp; &lt;demands&gt;</title>\n"));
    assert_non_null(strstr(p.html, "<h1 id=\"rg-title\">Talks &amp; &lt;demands&gt;</h1>\n"));
    assert_non_null(strstr(p.html, "<p class=\"rg-desc\">Two lines,\n&quot;quoted&quot;.</p>\n"));
    assert_non_null(strstr(p.html, "<p class=\"rg-hint\">3 actors, 3 ties.</p>\n"));
    page_free(&p);

    /* No dated tie, no time controls; one kind, one box. */
    p = page_of("actors: {a: {}, b: {}}\nties: [{from: a, to: b, kind: talks}]\n", NULL);
    assert_null(strstr(p.html, "rg-time"));
    assert_null(strstr(p.html, "type=\"range\""));
    assert_int_equal(occurrences(p.html, "type=\"checkbox\""), 1);
    assert_non_null(strstr(p.html, "<body class=\"rg-theme-light\">"));
    assert_non_null(strstr(p.html, "<title>Actors and ties</title>"));
    assert_null(strstr(p.html, "\"title\":"));
    page_free(&p);
}

/* The CSP names the script and the stylesheet the page carries, and
 * nothing else may load. */
static void test_csp(void **state)
{
    (void)state;
    page p = page_of(small, NULL);
    char *csp = cu_between(p.html, "<meta http-equiv=\"Content-Security-Policy\" content=\"",
                           "\">");
    char *script = cu_between(p.html, "</script>\n<script>", "</script>\n</body>");
    char *style = cu_between(p.html, "<style>", "</style>");
    size_t js_len, css_len;
    assert_string_equal(script, rg_html_script(&js_len));
    assert_string_equal(style, rg_html_style(&css_len));
    rg_buf want = RG_BUF_INIT;
    unsigned char h[32];
    rg_buf_puts(&want, "default-src 'none'; script-src 'sha256-");
    rg_sha256(script, strlen(script), h);
    rg_base64(&want, h, 32);
    rg_buf_puts(&want, "'; style-src 'sha256-");
    rg_sha256(style, strlen(style), h);
    rg_base64(&want, h, 32);
    rg_buf_puts(&want, "'; base-uri 'none'; form-action 'none'");
    assert_string_equal(csp, want.buf);
    /* The same bytes, hashed by Python's hashlib. */
    cu_write(cu_path("script.js"), script);
    cu_result r = CU_EXEC(NULL, cu_python(), "-c",
                          "import base64, hashlib, sys; print(base64.b64encode("
                          "hashlib.sha256(open(sys.argv[1], 'rb').read()).digest()).decode())",
                          cu_path("script.js"));
    assert_int_equal(r.status, 0);
    r.out[strcspn(r.out, "\n")] = '\0';
    assert_non_null(strstr(csp, r.out));
    cu_result_free(&r);
    /* The script and the stylesheet cannot end their elements early, and
     * the page carries no other. */
    assert_null(strstr(script, "</script"));
    assert_null(strstr(script, "<script"));
    assert_null(strstr(script, "<!--"));
    assert_null(strchr(style, '<'));
    assert_int_equal(occurrences(p.html, "<script"), 2);
    assert_int_equal(occurrences(p.html, "<style"), 1);
    assert_non_null(strstr(p.html, "<meta name=\"referrer\" content=\"no-referrer\">"));
    rg_buf_free(&want);
    free(csp);
    free(script);
    free(style);
    page_free(&p);
}

/* The page's drawing is the SVG output of the same diagram, from its root
 * element on. */
static void test_same_svg(void **state)
{
    (void)state;
    page p = page_of(small, NULL);
    const char *root = strstr(p.svg, "<svg");
    assert_non_null(root);
    char *inline_svg = cu_between(p.html, "<main id=\"rg-stage\" tabindex=\"0\" "
                                          "aria-label=\"Diagram\">\n", "</main>");
    assert_string_equal(inline_svg, root);
    free(inline_svg);
    page_free(&p);
}

static const char hostile[] =
    "title: \"</title><script>alert(1)</script>\"\n"
    "description: \"</p><img src=x onerror=alert(2)>\"\n"
    "sources:\n  s: {title: \"</script><script>alert(3)</script>\", publisher: \"<!--\"}\n"
    "kinds:\n  ties:\n    k: {label: \"</label><input autofocus onfocus=alert(4)>\"}\n"
    "actors:\n"
    "  a: {name: \"<script>alert('x')</script>\", role: \"\\\\\\\" \\u2028 \\\\u003c\",\n"
    "      aliases: [\"</script>\", \"]]>\"], note: \"&lt;b&gt;\", source: s}\n"
    "  b: {name: \"</SCRIPT >\"}\n"
    "ties:\n  - {from: a, to: b, kind: k, label: \"<!-- <script>\"}\n";

static void test_hostile_text(void **state)
{
    (void)state;
    page p = page_of(hostile, NULL);
    /* Two scripts, relgraph's; no element made from the file's text. */
    assert_int_equal(occurrences(p.html, "<script"), 2);
    assert_int_equal(occurrences(p.html, "</script"), 2);
    assert_null(strstr(p.html, "<img"));
    assert_null(strstr(p.html, "<input autofocus"));
    assert_null(strstr(p.html, "</SCRIPT"));
    static const char *const literal[] = {
        "<title>&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>",
        "<p class=\"rg-desc\">&lt;/p&gt;&lt;img src=x onerror=alert(2)&gt;</p>",
        "data-kind=\"k\" checked> &lt;/label&gt;&lt;input autofocus onfocus=alert(4)&gt;</label>",
        "\"name\":\"\\u003cscript\\u003ealert('x')\\u003c/script\\u003e\"",
        "\"role\":\"\\\\\\\" \xE2\x80\xA8 \\\\u003c\"",
        "\"aliases\":[\"\\u003c/script\\u003e\",\"]]\\u003e\"]",
        "\"note\":\"\\u0026lt;b\\u0026gt;\"",
        "\"name\":\"\\u003c/SCRIPT \\u003e\"",
        "\"title\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(3)\\u003c/script\\u003e\"",
        "\"label\":\"\\u003c!-- \\u003cscript\\u003e\"",
    };
    CU_ASSERT_ALL_IN("the page", p.html, literal);
    page_free(&p);
}

/* The page of FILE, beside its SVG, is a whole HTML document. */
static void assert_page_of_file(const char *file)
{
    cu_result r = CU_RUN(NULL, "-q", file, "-o", cu_path("x.html"), "-o",
                         cu_path("x.svg"));
    if (r.status != 0)
        fail_msg("%s: exit %d: %s", file, r.status, r.err);
    cu_result_free(&r);
    size_t len = 0;
    char *html = cu_read(cu_path("x.html"), &len);
    assert_true(strncmp(html, "<!DOCTYPE html>\n", 16) == 0);
    assert_true(len > 0 && strcmp(html + len - 8, "</html>\n") == 0);
    free(html);
}

/* From the command line: the format from the extension or -T, every data
 * file, and the same bytes run after run. */
static void test_command_line(void **state)
{
    (void)state;
    cu_each_file("data", ".yaml", 3, assert_page_of_file);
    cu_result a = CU_RUN(NULL, "data/iran-us-talks-2007.yaml", "-T", "html", "-o", "-");
    cu_result b = CU_RUN(NULL, "data/iran-us-talks-2007.yaml", "-o", cu_path("seed.html"));
    assert_int_equal(a.status, 0);
    assert_int_equal(b.status, 0);
    size_t len = 0;
    char *file = cu_read(cu_path("seed.html"), &len);
    assert_int_equal(len, a.out_len);
    assert_memory_equal(file, a.out, len);
    /* Under 200 KB for the seed story. */
    assert_true(len < 200 * 1000);
    free(file);
    cu_result_free(&a);
    cu_result_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sha256),
        cmocka_unit_test(test_base64),
        cmocka_unit_test(test_model_json),
        cmocka_unit_test(test_controls),
        cu_scratch_test(test_csp),
        cmocka_unit_test(test_same_svg),
        cmocka_unit_test(test_hostile_text),
        cu_scratch_test(test_command_line),
    };
    return cmocka_run_group_tests_name("html", tests, NULL, NULL);
}
