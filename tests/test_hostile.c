/*
 * test_hostile.c - input written to hurt: alias bombs, deep nesting, huge
 * scalars, bad UTF-8, control characters, foreign tags, several documents,
 * markup and Graphviz escapes in every text field, dangerous URLs, keys
 * that would set Graphviz attributes, a drawing too big for a PNG, and
 * Graphviz's own file reading. Each case asserts the exact outcome: exit
 * status and messages with their line and column (the limits are what
 * keep these fast; no test here measures time), or an SVG that is
 * well-formed XML, has the text literally and carries no script.
 *
 * Runs the binary ($RELGRAPH, default ./relgraph) and, for Graphviz's file
 * reading, the library.
 */
#include "cliutil.h"
#include "gv.h"

#include <strings.h>

#include <graphviz/graphviz_version.h>

/* gvRenderData's length became size_t in Graphviz 3 (as in render.c). */
#if defined(GRAPHVIZ_VERSION_MAJOR) && GRAPHVIZ_VERSION_MAJOR >= 3
typedef size_t gvlen;
#else
typedef unsigned int gvlen;
#endif

/* ---- helpers --------------------------------------------------------------- */

/* Run `relgraph ARGS...` on YAML (written to in.yaml in the scratch
 * directory, whose path replaces "@" in the expected text). */
static void expect(const char *yaml, const char *const *args, int status,
                   const char *expected_err)
{
    const char *in = cu_input(yaml);
    const char *argv[32];
    size_t n = 0;
    for (; args[n]; n++)
        argv[n] = strcmp(args[n], "@") == 0 ? in : args[n];
    argv[n] = NULL;
    cu_result r = cu_run(NULL, argv);
    rg_buf want = {0};
    rg_buf_puts(&want, "");
    for (const char *p = expected_err; *p; p++) {
        if (*p == '@')
            rg_buf_puts(&want, in);
        else
            rg_buf_putc(&want, *p);
    }
    cu_expect(&r, status, want.buf);
    free(want.buf);
}

#define CHECK(yaml, status, err) \
    expect(yaml, (const char *const[]){"--check", "@", NULL}, status, err)

/* A valid graph to put hostile parts beside. */
#define TWO_ACTORS                                                         \
    "actors:\n"                                                            \
    "  a: {name: Alpha}\n"                                                 \
    "  b: {name: Beta}\n"                                                  \
    "ties:\n"                                                              \
    "  - {from: a, to: b, kind: talks}\n"

/* ---- the loader's limits --------------------------------------------------- */

static void test_alias_bomb(void **state)
{
    (void)state;
    /* Billion laughs: 9^9 strings from 90 written ones. */
    rg_buf y = {0};
    rg_buf_puts(&y, "x-lol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (char c = 'b'; c <= 'i'; c++)
        rg_buf_printf(&y, "x-%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n",
                      c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1,
                      c - 1, c - 1);
    rg_buf_puts(&y, TWO_ACTORS);
    CHECK(y.buf, 1,
          "@:7:10: error: aliases expand to more than 1000000 nodes (the limit)\n");
    free(y.buf);

    /* The same with mappings, the last one merged in. */
    y = (rg_buf){0};
    rg_buf_puts(&y, "x-0: &m0 {k0: v, k1: v, k2: v, k3: v, k4: v, k5: v, k6: v, "
                    "k7: v, k8: v, k9: v}\n");
    for (int i = 1; i <= 7; i++) {
        rg_buf_printf(&y, "x-%d: &m%d {", i, i);
        for (int j = 0; j < 10; j++)
            rg_buf_printf(&y, "%sk%d: *m%d", j ? ", " : "", j, i - 1);
        rg_buf_puts(&y, "}\n");
    }
    rg_buf_puts(&y, "x-all: {<<: *m7}\n" TWO_ACTORS);
    CHECK(y.buf, 1,
          "@:6:42: error: aliases expand to more than 1000000 nodes (the limit)\n");
    free(y.buf);
}

static void test_self_reference(void **state)
{
    (void)state;
    CHECK("actors: &x\n  a: *x\n", 1,
          "@:2:6: error: alias '*x' refers to its own anchor\n");
    CHECK("actors:\n  a: &n {name: A, parent: *n}\n", 1,
          "@:2:27: error: alias '*n' refers to its own anchor\n");
    CHECK("actors:\n  a: {name: *nowhere}\n", 1,
          "@:2:13: error: alias '*nowhere' refers to an undefined anchor\n");
}

static void test_deep_nesting(void **state)
{
    (void)state;
    size_t n = 100000;
    char *y = rg_xmalloc(2 * n + 2);
    memset(y, '[', n);
    memset(y + n, ']', n);
    memcpy(y + 2 * n, "\n", 2);
    CHECK(y, 1, "@:1:65: error: nesting deeper than the limit of 64\n");
    free(y);

    rg_buf m = {0};
    for (size_t i = 0; i < n; i++)
        rg_buf_puts(&m, "{a: ");
    for (size_t i = 0; i < n; i++)
        rg_buf_putc(&m, '}');
    rg_buf_putc(&m, '\n');
    CHECK(m.buf, 1, "@:1:257: error: nesting deeper than the limit of 64\n");
    free(m.buf);

    /* Block style, two spaces a level. */
    rg_buf b = {0};
    rg_buf_puts(&b, "actors:\n");
    for (size_t i = 0; i < 100; i++)
        rg_buf_printf(&b, "%*sk:\n", (int)(2 * i + 2), "");
    CHECK(b.buf, 1, "@:65:129: error: nesting deeper than the limit of 64\n");
    free(b.buf);
}

static void test_many_anchors(void **state)
{
    (void)state;
    /* Tens of thousands of anchors, and an alias to each: loads. */
    rg_buf anchors = RG_BUF_INIT, aliases = RG_BUF_INIT, y = RG_BUF_INIT;
    for (int i = 0; i < 50000; i++) {
        rg_buf_printf(&anchors, "  - &a%d v%d\n", i, i);
        rg_buf_printf(&aliases, "%s*a%d", i ? ", " : "", i);
    }
    rg_buf_printf(&y, "x-anchors:\n%sx-aliases: [%s]\n" TWO_ACTORS, anchors.buf,
                  aliases.buf);
    CHECK(y.buf, 0, "");
    rg_buf_free(&anchors);
    rg_buf_free(&aliases);
    rg_buf_free(&y);

    /* One name defined again and again (the latest wins). */
    rg_buf r = {0};
    rg_buf_puts(&r, "x-again:\n");
    for (int i = 0; i < 50000; i++)
        rg_buf_printf(&r, "  - &same {name: N%d}\n", i);
    rg_buf_puts(&r, "actors:\n  a: *same\n  b: {name: Beta}\n"
                    "ties:\n  - {from: a, to: b, kind: talks}\n");
    expect(r.buf, (const char *const[]){"@", "-o", "-", "-T", "md", NULL}, 0, "");
    free(r.buf);
}

static void test_huge_scalar(void **state)
{
    (void)state;
    /* 50 MB in one scalar: refused at 16 MiB, without reading the rest. */
    static const char tail[] = "\"\n" TWO_ACTORS;
    size_t n = 50u * 1000u * 1000u;
    char *y = rg_xmalloc(8 + n + sizeof tail);
    memcpy(y, "title: \"", 8);
    memset(y + 8, 'x', n);
    memcpy(y + 8 + n, tail, sizeof tail);
    CHECK(y, 1, "@:1:1: error: input is larger than the limit of 16 MiB\n");
    free(y);
}

/* ---- text that is not text ------------------------------------------------ */

static void test_bad_utf8(void **state)
{
    (void)state;
    CHECK("actors:\n  a: {name: \"Al\xffpha\"}\n", 1,
          "@:2:16: error: invalid leading UTF-8 octet\n");
    CHECK("actors:\n  a: {name: \"\xc0\xaf\"}\n", 1, /* overlong '/' */
          "@:2:14: error: invalid length of a UTF-8 sequence\n");
    CHECK("actors:\n  a: {name: \"\xed\xa0\x80\"}\n", 1, /* a surrogate */
          "@:2:14: error: invalid Unicode character\n");
    CHECK("actors:\n  a: {name: \"abc\xe2\x82\"}\n", 1, /* cut short */
          "@:2:17: error: invalid trailing UTF-8 octet\n");
    /* UTF-16 (a byte order mark and all) is not read as such, but named. */
    CHECK("\xff\xfe" "a", 1, "@:1:1: error: the file is in UTF-16 (little-endian), "
                              "by its byte order mark; relgraph reads UTF-8 only: "
                              "convert it, e.g. with iconv -f UTF-16 -t UTF-8\n");
}

static void test_control_characters(void **state)
{
    (void)state;
    /* Escapes make what libyaml refuses raw. */
    CHECK("actors:\n  a: {name: \"A\\0B\"}\n", 1,
          "@:2:13: error: control character U+0000 in string\n");
    CHECK("actors:\n  a: {name: \"A\\x07B\"}\n", 1,
          "@:2:13: error: control character U+0007 in string\n");
    CHECK("actors:\n  a: {name: \"A\\u0085B\"}\n", 1,
          "@:2:13: error: control character U+0085 in string\n");
    CHECK("actors:\n  a: {name: \"A\\e[31mred\"}\n", 1,
          "@:2:13: error: control character U+001B in string\n");
    /* In a key too, and the message quotes it safely. */
    CHECK("actors:\n  \"a\\x1b[2J\": {name: A}\n", 1,
          "@:2:3: error: control character U+001B in string\n");
    /* Raw: libyaml's own refusal. */
    CHECK("actors:\n  a: {name: \"A\x07" "B\"}\n", 1,
          "@:2:15: error: control characters are not allowed\n");
}

/* U+FFFF passed the validator: in a name, label or title Graphviz then
 * failed with an XML message and no place, and in a note, alias or URL
 * the SVG was written, not well-formed. Now every string refuses it, and
 * the other noncharacters, with its place, before anything is drawn. */
static void test_noncharacters(void **state)
{
    (void)state;
    const char yaml[] =
        "title: \"T\\uFFFF\"\n"
        "description: \"\\uFFFE\"\n"
        "sources:\n"
        "  s: {title: \"\\uFDD0\", publisher: \"\\U0001FFFF\", url: \"https://e.example/\\uFFFF\"}\n"
        "groups:\n"
        "  g: {name: \"G\\uFFFF\"}\n"
        "kinds:\n"
        "  ties: {k: {label: \"\\uFFFF\"}}\n"
        "actors:\n"
        "  a: {name: \"A\\uFFFF\", role: \"\\uFFFF\", note: \"\\uFFFF\", aliases: [\"\\uFFFF\"],\n"
        "      group: g, url: \"https://e.example/\\uFFFE\"}\n"
        "  b: {name: B}\n"
        "ties:\n"
        "  - {from: a, to: b, kind: k, label: \"\\uFFFF\", note: \"\\uFFFF\", source: s}\n";
    static const char want[] =
        "@:1:8: error: noncharacter U+FFFF in string\n"
        "@:2:14: error: noncharacter U+FFFE in string\n"
        "@:4:14: error: noncharacter U+FDD0 in string\n"
        "@:4:35: error: noncharacter U+1FFFF in string\n"
        "@:4:54: error: noncharacter U+FFFF in string\n"
        "@:6:13: error: noncharacter U+FFFF in string\n"
        "@:8:21: error: noncharacter U+FFFF in string\n"
        "@:10:13: error: noncharacter U+FFFF in string\n"
        "@:10:30: error: noncharacter U+FFFF in string\n"
        "@:10:46: error: noncharacter U+FFFF in string\n"
        "@:10:66: error: noncharacter U+FFFF in string\n"
        "@:11:22: error: noncharacter U+FFFE in string\n"
        "@:14:38: error: noncharacter U+FFFF in string\n"
        "@:14:54: error: noncharacter U+FFFF in string\n";
    expect(yaml, (const char *const[]){"--check", "--strict", "@", NULL}, 1, want);
    /* Rendering stops there too: exit 1, nothing written. */
    expect(yaml, (const char *const[]){"@", "-o", cu_path("out.svg"), NULL}, 1, want);
    cu_assert_listing("in.yaml");
}

static void test_foreign_tags(void **state)
{
    (void)state;
    CHECK("actors:\n  a: !!python/object/apply:os.system [\"echo owned\"]\n", 1,
          "@:2:6: error: tag '!!python/object/apply:os.system' is not allowed\n");
    CHECK("actors:\n  a: !!python/object/apply:os.system {name: x}\n", 1,
          "@:2:6: error: tag '!!python/object/apply:os.system' is not allowed\n");
    CHECK("actors:\n  a: {name: !ruby/object:Gem::Installer x}\n", 1,
          "@:2:13: error: tag '!ruby/object:Gem::Installer' is not allowed\n");
    CHECK("actors:\n  a: {name: !<tag:yaml.org,2002:python/none> x}\n", 1,
          "@:2:13: error: tag '!!python/none' is not allowed\n");
    CHECK("%TAG !e! tag:evil.example,2000:\n---\nactors:\n  a: {name: !e!x y}\n", 1,
          "@:4:13: error: tag 'tag:evil.example,2000:x' is not allowed\n");
}

static void test_several_documents(void **state)
{
    (void)state;
    CHECK("actors:\n  a: {name: A}\n---\nactors:\n  b: {name: B}\n", 1,
          "@:3:1: error: more than one document in the stream; relgraph reads one\n");
    CHECK("---\nactors:\n  a: {name: A}\n...\n---\nactors: {}\n", 1,
          "@:5:1: error: more than one document in the stream; relgraph reads one\n");
}

/* ---- text that reaches the drawing ------------------------------------------ */

/* Every tag of SVG: no script element, no on* attribute, no link but
 * http(s) or a fragment. */
static void assert_svg_safe(const char *svg)
{
    for (const char *p = strchr(svg, '<'); p; p = strchr(p + 1, '<')) {
        if (strncmp(p, "<!--", 4) == 0) {
            p = strstr(p, "-->");
            assert_non_null(p);
            continue;
        }
        assert_true(strncmp(p, "<![CDATA[", 9) != 0);
        const char *q = p + 1 + (p[1] == '/' || p[1] == '?');
        size_t nl = strcspn(q, " \t\r\n/>");
        static const char *const banned[] = {"script", "foreignObject", "iframe",
                                             "object", "embed", "image", "use",
                                             "animate", "set", "handler"};
        for (size_t i = 0; i < sizeof banned / sizeof *banned; i++)
            if (nl == strlen(banned[i]) && strncasecmp(q, banned[i], nl) == 0)
                fail_msg("SVG has a <%s> element", banned[i]);
        /* Attributes up to the tag's end; values are quoted, and a quoted
         * value holds no '>' that matters here. */
        q += nl;
        while (*q && *q != '>') {
            q += strspn(q, " \t\r\n/?");
            size_t an = strcspn(q, "= \t\r\n>");
            if (an == 0)
                break;
            if (an > 2 && strncasecmp(q, "on", 2) == 0)
                fail_msg("SVG has an event attribute: %.*s", (int)an, q);
            bool href = (an == 4 && strncmp(q, "href", 4) == 0) ||
                        (an == 10 && strncmp(q, "xlink:href", 10) == 0);
            q += an;
            if (*q != '=')
                continue;
            char quote = q[1];
            assert_true(quote == '"' || quote == '\'');
            const char *v = q + 2, *end = strchr(v, quote);
            assert_non_null(end);
            if (href && strncmp(v, "https://", 8) != 0 &&
                strncmp(v, "http://", 7) != 0 && v[0] != '#')
                fail_msg("SVG links to %.*s", (int)(end - v), v);
            q = end + 1;
        }
    }
}

static const char marked_up[] =
    "title: \"<script>alert(1)</script> ]]> &amp; \\\"q\\\"\"\n"
    "description: \"<![CDATA[ x ]]> <!-- c --> &lt;\"\n"
    "sources:\n"
    "  s: {title: \"<img src=x onerror=alert(1)>\", publisher: \"P&G ]]>\",\n"
    "      url: \"https://example.com/a?b=1&c=2\"}\n"
    "groups:\n"
    "  g: {name: \"</text><script>g()</script>\"}\n"
    "actors:\n"
    "  a: {name: \"<script>alert('x')</script>\", role: \"\\\\N \\\\G \\\\L \\\\E \\\\T \\\\H\",\n"
    "      note: \"]]> &entity; &#60; <b onclick=x>\", group: g, url: \"https://example.com/x\",\n"
    "      aliases: [\"onload=alert(1)\", \"javascript:alert(1)\"]}\n"
    "  b: {name: \"{record|<port>} \\\"dq\\\" 'sq'\", kind: person}\n"
    "  c: {name: \"\\\\N\", role: \"&amp; &#x3C; &lt;b&gt;\"}\n"
    "ties:\n"
    "  - {from: a, to: b, kind: accuses, label: \"<script>t</script>\",\n"
    "     note: \"onclick=\\\"alert(1)\\\"\", source: s}\n"
    "  - {from: b, to: c, kind: talks, label: \"\\\\E \\\\l \\\\n \\\\r\"}\n";

static void test_markup_is_text(void **state)
{
    (void)state;
    const char *in = cu_input(marked_up);
    cu_result r = CU_RUN(NULL, in, "-o", cu_path("out.svg"),
                         "-o", cu_path("out.png"), "-o", cu_path("out.dot"),
                         "-o", cu_path("out.html"));
    cu_expect(&r, 0, "");

    /* Well-formed XML. */
    if (!cu_have("xmllint"))
        fail_msg("xmllint not found: install libxml2-utils (make deps does)");
    r = CU_EXEC(NULL, "xmllint", "--noout", cu_path("out.svg"));
    cu_expect(&r, 0, "");

    char *svg = cu_text(cu_path("out.svg"));
    assert_svg_safe(svg);
    /* Each text as written, escaped once. */
    static const char *const literal[] = {
        ">&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp;amp; &quot;q&quot;</text>",
        "<desc>&lt;![CDATA[ x ]]&gt; &lt;!-- c --&gt; &amp;lt;</desc>",
        ">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</text>",
        ">\\N \\G \\L \\E \\T \\H</text>",
        "]]&gt; &amp;entity; &amp;#60; &lt;b onclick=x&gt;",
        ">{record|&lt;port&gt;} &quot;dq&quot;</text>", /* wrapped */
        ">&#39;sq&#39;</text>",
        ">\\N</text>",
        ">&amp;amp; &amp;#x3C; &amp;lt;b&amp;gt;</text>",
        ">&lt;/text&gt;&lt;script&gt;g()&lt;/script&gt;</text>",
        ">&lt;script&gt;t&lt;/script&gt;</text>",
        ">\\E \\l \\n \\r</text>",
        "P&amp;G ]]&gt;: &lt;img src=x onerror=alert(1)&gt;",
        "Also known as: onload=alert(1), javascript:alert(1)",
        "xlink:href=\"https://example.com/a?b=1&amp;c=2\"",
    };
    CU_ASSERT_ALL_IN("the SVG", svg, literal);
    free(svg);

    size_t len = 0;
    char *png = cu_read(cu_path("out.png"), &len);
    assert_true(len > 8 && memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0);
    free(png);

    /* The page: the SVG's safe markup, and each text as escaped HTML text
     * or as JSON with < > & escaped; two script elements, relgraph's. */
    char *html = cu_text(cu_path("out.html"));
    const char *svg_in_page = strstr(html, "<svg");
    assert_non_null(svg_in_page);
    char *page_svg = strndup(svg_in_page, (size_t)(strstr(html, "</svg>") - svg_in_page));
    assert_svg_safe(page_svg);
    free(page_svg);
    static const char *const in_page[] = {
        "<title>&lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &amp;amp; &quot;q&quot;</title>",
        "<p class=\"rg-desc\">&lt;![CDATA[ x ]]&gt; &lt;!-- c --&gt; &amp;lt;</p>",
        "\"name\":\"\\u003cscript\\u003ealert('x')\\u003c/script\\u003e\"",
        "\"role\":\"\\\\N \\\\G \\\\L \\\\E \\\\T \\\\H\"",
        "\"note\":\"]]\\u003e \\u0026entity; \\u0026#60; \\u003cb onclick=x\\u003e\"",
        "\"aliases\":[\"onload=alert(1)\",\"javascript:alert(1)\"]",
        "\"name\":\"{record|\\u003cport\\u003e} \\\"dq\\\" 'sq'\"",
        "\"name\":\"\\u003c/text\\u003e\\u003cscript\\u003eg()\\u003c/script\\u003e\"",
        "\"url\":\"https://example.com/a?b=1\\u0026c=2\"",
    };
    CU_ASSERT_ALL_IN("the page", html, in_page);
    size_t scripts = 0;
    for (const char *p = strstr(html, "<script"); p; p = strstr(p + 1, "<script"))
        scripts++;
    assert_int_equal(scripts, 2);
    free(html);
    cu_assert_listing("in.yaml out.dot out.html out.png out.svg");
}

static void test_dangerous_urls(void **state)
{
    (void)state;
    CHECK("sources:\n"
          "  s1: {title: a, url: \"javascript:alert(1)\"}\n"
          "  s2: {title: b, url: \"data:text/html,<script>alert(1)</script>\"}\n"
          "  s3: {title: c, url: \"file:///etc/passwd\"}\n"
          "  s4: {title: d, url: \"https://example.com/\\\"onmouseover=\\\"alert(1)\"}\n"
          "  s5: {title: e, url: \"https://example.com/'x'\"}\n"
          "  s6: {title: f, url: \"JaVaScRiPt:alert(1)\"}\n"
          "  s7: {title: g, url: \" https://example.com/\"}\n"
          "  s8: {title: h, url: \"https://example.com/<x>\"}\n"
          "  s9: {title: i, url: \"https://example.com/a b\"}\n"
          "  s10: {title: j, url: \"https:\\\\\\\\evil.example\"}\n"
          "actors:\n"
          "  a: {name: A, url: \"vbscript:x\", sources: [s1, s2, s3, s4, s5, s6, s7, s8, s9, s10]}\n"
          "  b: {name: B}\n"
          "ties:\n"
          "  - {from: a, to: b, kind: talks, source: \"javascript:alert(1)\"}\n",
          1,
          "@:2:23: error: invalid URL 'javascript:alert(1)': only http and https URLs are allowed\n"
          "@:3:23: error: invalid URL 'data:text/html,<script>alert(1)</script>': only http and https URLs are allowed\n"
          "@:4:23: error: invalid URL 'file:///etc/passwd': only http and https URLs are allowed\n"
          "@:5:23: error: invalid URL 'https://example.com/\"onmouseover=\"alert(1)': it contains a quote\n"
          "@:6:23: error: invalid URL 'https://example.com/'x'': it contains a quote\n"
          "@:7:23: error: invalid URL 'JaVaScRiPt:alert(1)': only http and https URLs are allowed\n"
          "@:8:23: error: invalid URL ' https://example.com/': only http and https URLs are allowed\n"
          "@:9:23: error: invalid URL 'https://example.com/<x>': it contains '<'\n"
          "@:10:23: error: invalid URL 'https://example.com/a b': it contains a space\n"
          "@:11:24: error: invalid URL 'https:\\\\evil.example': only http and https URLs are allowed\n"
          "@:13:21: error: invalid URL 'vbscript:x': only http and https URLs are allowed\n"
          "@:16:43: error: invalid URL 'javascript:alert(1)': only http and https URLs are allowed\n");
}

/* A URL may hold letters of any script, but not what would pass for a
 * space, break a line, turn the text around or hide: NBSP, U+2028,
 * U+3000 and U+202E reached xlink:href. Escaped in the message, each is
 * named by its code point; percent-encoded, all are fine. */
static void test_unicode_in_urls(void **state)
{
    (void)state;
    CHECK("sources:\n"
          "  s1: {title: a, url: \"https://example.com/a\\u00A0b\"}\n"
          "  s2: {title: b, url: \"https://example.com/a\\u2028b\"}\n"
          "  s3: {title: c, url: \"https://example.com/\\u3000\"}\n"
          "  s4: {title: d, url: \"https://example.com/\\u202Egpj.exe\"}\n"
          "  s5: {title: e, url: \"https://exa\\u200Bmple.com/\"}\n"
          "  s6: {title: f, url: \"https://example.com/\\uFEFF\"}\n"
          "  s7: {title: g, url: \"https://example.com/\\u2066x\"}\n"
          "  ok1: {title: h, url: \"https://fa.wikipedia.org/wiki/\xD8\xA7\xDB\x8C\xD8\xB1\xD8\xA7\xD9\x86\"}\n"
          "  ok2: {title: i, url: \"https://example.com/%E2%80%AE%C2%A0\"}\n"
          "actors:\n"
          "  a: {name: A, url: \"https://example.com/\\u2029\", sources: [s1, s2, s3, s4, s5, s6, s7, ok1, ok2]}\n"
          "  b: {name: B}\n"
          "ties:\n"
          "  - {from: a, to: b, kind: talks, source: \"https://example.com/\\u2005\"}\n",
          1,
          "@:2:23: error: invalid URL 'https://example.com/a\xC2\xA0" "b': it contains a non-ASCII space (U+00A0)\n"
          "@:3:23: error: invalid URL 'https://example.com/a\\u2028b': it contains a line or paragraph separator (U+2028)\n"
          "@:4:23: error: invalid URL 'https://example.com/\xE3\x80\x80': it contains a non-ASCII space (U+3000)\n"
          "@:5:23: error: invalid URL 'https://example.com/\\u202Egpj.exe': it contains a bidirectional control (U+202E)\n"
          "@:6:23: error: invalid URL 'https://exa\xE2\x80\x8Bmple.com/': it contains an invisible character (U+200B)\n"
          "@:7:23: error: invalid URL 'https://example.com/\xEF\xBB\xBF': it contains an invisible character (U+FEFF)\n"
          "@:8:23: error: invalid URL 'https://example.com/\\u2066x': it contains a bidirectional control (U+2066)\n"
          "@:12:21: error: invalid URL 'https://example.com/\\u2029': it contains a line or paragraph separator (U+2029)\n"
          "@:15:43: error: invalid URL 'https://example.com/\xE2\x80\x85': it contains a non-ASCII space (U+2005)\n");
}

static void test_no_graphviz_attributes_from_yaml(void **state)
{
    (void)state;
    /* Graphviz's attribute names are unknown keys, everywhere. */
    CHECK("actors:\n"
          "  a: {name: A, image: /etc/hostname, shapefile: /etc/hostname, URL: \"javascript:x\"}\n"
          "  b: {name: B, shape: epsf, fontpath: /etc, label: x}\n"
          "ties:\n"
          "  - {from: a, to: b, kind: talks, href: \"javascript:x\", labelURL: x}\n"
          "render: {layout: dot, imagepath: /etc, stylesheet: \"http://evil.example/x.css\"}\n"
          "kinds:\n"
          "  actors:\n"
          "    k: {shape: none, image: /etc/hostname}\n"
          "    k2: {shape: \"epsf\", label: x}\n",
          1,
          "@:2:16: error: unknown key 'image' in actor\n"
          "@:2:38: error: unknown key 'shapefile' in actor\n"
          "@:2:64: error: unknown key 'URL' in actor; did you mean 'url'?\n"
          "@:3:16: error: unknown key 'shape' in actor\n"
          "@:3:29: error: unknown key 'fontpath' in actor\n"
          "@:3:45: error: unknown key 'label' in actor\n"
          "@:5:35: error: unknown key 'href' in tie\n"
          "@:5:57: error: unknown key 'labelURL' in tie\n"
          "@:6:23: error: unknown key 'imagepath' in render\n"
          "@:6:40: error: unknown key 'stylesheet' in render\n"
          "@:9:16: error: invalid shape 'none'; did you mean 'note'?\n"
          "@:9:22: error: unknown key 'image' in actor kind\n"
          "@:10:17: error: invalid shape 'epsf'; expected one of: box, ellipse, circle, "
          "diamond, hexagon, octagon, house, note, tab, folder, cylinder, box3d\n");

    /* x- keys are the user's own, and are ignored: nothing is read. */
    const char *in = cu_input(
        "x-image: /etc/hostname\n"
        "actors:\n"
        "  a: {name: A, x-image: /etc/hostname, x-shapefile: /etc/hostname}\n"
        "  b: {name: B, x-URL: \"javascript:x\"}\n"
        "ties:\n"
        "  - {from: a, to: b, kind: talks, x-href: \"javascript:x\"}\n");
    cu_result r = CU_RUN(NULL, in, "-o", "-", "-T", "svg");
    assert_string_equal(r.err, "");
    assert_int_equal(r.status, 0);
    assert_svg_safe(r.out);
    assert_null(strstr(r.out, "hostname"));
    assert_null(strstr(r.out, "javascript"));
    cu_result_free(&r);
}

/* ---- what Graphviz is given ------------------------------------------------ */

/* A drawing whose PNG would be over 100 megapixels: a tall chain beside
 * one very wide name. */
static char *tall_and_wide(void)
{
    char wide[801];
    memset(wide, 'W', 800);
    wide[800] = '\0';
    rg_buf y = {0};
    rg_buf_printf(&y, "actors:\n  a0: {name: %s}\n", wide);
    for (int i = 1; i < 100; i++)
        rg_buf_printf(&y, "  a%d: {name: N%d}\n", i, i);
    rg_buf_puts(&y, "ties:\n");
    for (int i = 0; i < 99; i++)
        rg_buf_printf(&y, "  - {from: a%d, to: a%d, kind: talks}\n", i, i + 1);
    return y.buf;
}

static void test_png_budget(void **state)
{
    (void)state;
    char *y = tall_and_wide();
    const char *in = cu_input(y);
    free(y);
    cu_write(cu_path("old.png"), "old picture\n");
    cu_result r = CU_RUN(NULL, in, "--direction", "TB", "--no-legend",
                         "-o", cu_path("new.svg"), "-o", cu_path("old.png"));
    cu_expect(&r, 3, "relgraph: error: the PNG would be 12883 x 10138 "
                     "pixels, over the limit of 100 megapixels; use SVG "
                     "or PDF\n");
    /* Nothing written, not even the SVG staged before it. */
    cu_assert_text(cu_path("old.png"), "old picture\n");
    cu_assert_listing("in.yaml old.png");
    /* SVG and PDF of the same drawing are fine. */
    r = CU_RUN(NULL, in, "--direction", "TB", "--no-legend",
               "-o", cu_path("new.svg"), "-o", cu_path("new.pdf"));
    cu_expect(&r, 0, "");

    /* A long chain from left to right, wider than cairo's bitmaps: Graphviz
     * shrinks it to fit, and says so; the budget counts what it makes. */
    rg_buf c = RG_BUF_INIT;
    cu_chain(&c, 120, "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW", "talks");
    cu_write(in, c.buf);
    rg_buf_free(&c);
    r = CU_RUN(NULL, in, "--no-legend", "-o", cu_path("chain.png"));
    cu_expect(&r, 0, "relgraph: warning: graphviz: graph is too large for "
                     "cairo-renderer bitmaps. Scaling by 0.341878 to fit\n");
    size_t len = 0;
    char *png = cu_read(cu_path("chain.png"), &len);
    assert_true(len > 24);
    assert_memory_equal(png + 16, "\0\0\x7f\xfe", 4); /* 32766 wide: shrunk */
    free(png);
    cu_assert_listing("chain.png in.yaml new.pdf new.svg old.png");
}

/* Graphviz can read files named by attributes (image, shapefile). relgraph
 * never sets them from a data file, and once it has made a diagram, no
 * graph in the process can make Graphviz read one. */

/* The SVG of a graph with a node showing the picture IMAGE and, unless
 * NULL, a node drawn from the PostScript file SHAPE. (Graphviz 2.43 reads
 * such a file, then crashes rendering it: the control leaves it out.) */
static const char *render_with_image(const char *image, const char *shape)
{
    static rg_buf svg;
    /* One context, kept (see render.c's shared_context), and reachable
     * to the end, so that make leakcheck sees no leak of it. */
    static GVC_t *gvc;
    if (!gvc)
        gvc = gvContext();
    Agraph_t *g = agopen(RG_S("g"), Agdirected, NULL);
    Agnode_t *n = agnode(g, RG_S("n"), 1);
    agsafeset(n, RG_S("image"), (char *)image, RG_S(""));
    if (shape) {
        Agnode_t *m = agnode(g, RG_S("m"), 1);
        agsafeset(m, RG_S("shape"), RG_S("epsf"), RG_S(""));
        agsafeset(m, RG_S("shapefile"), (char *)shape, RG_S(""));
    }
    /* Graphviz's warnings would go to stderr. */
    agseterr(AGMAX);
    char *data = NULL;
    gvlen len = 0;
    assert_int_equal(gvLayout(gvc, g, "dot"), 0);
    assert_int_equal(gvRenderData(gvc, g, "svg", &data, &len), 0);
    svg.len = 0;
    rg_buf_add(&svg, data, len);
    gvFreeRenderData(data);
    gvFreeLayout(gvc, g);
    agclose(g);
    agseterr(AGWARN);
    return svg.buf;
}

static void test_graphviz_reads_no_file(void **state)
{
    (void)state;
    /* A real image to point at. */
    const char *in = cu_input(TWO_ACTORS);
    cu_result r = CU_RUN(NULL, in, "-o", cu_path("pic.png"));
    assert_int_equal(r.status, 0);
    cu_result_free(&r);
    cu_write(cu_path("shape.ps"), "%!PS\n%%BoundingBox: 0 0 300 200\n");
    const char *image = cu_path("pic.png");
    const char *shape = cu_path("shape.ps");

    /* Control, in a child that has made no diagram: Graphviz reads it. */
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        const char *svg = render_with_image(image, NULL);
        _exit(strstr(svg, "<image ") ? 0 : 1);
    }
    int st;
    waitpid(pid, &st, 0);
    assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);

    /* After relgraph made a diagram, neither is read. */
    tu_run run;
    tu_begin(&run);
    rg_doc *doc = NULL;
    rg_model *m = tu_model(&run, TWO_ACTORS, &doc);
    assert_non_null(m);
    rg_diagram *dg = rg_diagram_new(m, NULL, run.diags);
    assert_non_null(dg);
    const char *svg = render_with_image(image, shape);
    assert_null(strstr(svg, "<image"));
    assert_null(strstr(svg, "300pt")); /* the shape's size, had it been read */
    assert_svg_safe(svg);
    rg_diagram_free(dg);
    rg_model_free(m);
    rg_doc_free(doc);
    tu_done(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cu_scratch_test(test_alias_bomb),
        cu_scratch_test(test_self_reference),
        cu_scratch_test(test_deep_nesting),
        cu_scratch_test(test_many_anchors),
        cu_scratch_test(test_huge_scalar),
        cu_scratch_test(test_bad_utf8),
        cu_scratch_test(test_control_characters),
        cu_scratch_test(test_noncharacters),
        cu_scratch_test(test_foreign_tags),
        cu_scratch_test(test_several_documents),
        cu_scratch_test(test_markup_is_text),
        cu_scratch_test(test_dangerous_urls),
        cu_scratch_test(test_unicode_in_urls),
        cu_scratch_test(test_no_graphviz_attributes_from_yaml),
        cu_scratch_test(test_png_budget),
        cu_scratch_test(test_graphviz_reads_no_file),
    };
    return cmocka_run_group_tests_name("hostile", tests, NULL, NULL);
}
