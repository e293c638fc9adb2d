/*
 * test_escape.c - every escaper of escape.c, each with a table of inputs
 * and the exact text it must give: every character the escaper changes,
 * text it must leave alone (UTF-8 included), and the corners (empty,
 * only spaces, a long word, a cut).
 */
#include "testutil.h"

/* The marks of bidi.c: a line's direction, and a right-to-left isolate. */
#define LRM "\xE2\x80\x8E"
#define RLM "\xE2\x80\x8F"
#define RLI "\xE2\x81\xA7"
#define PDI "\xE2\x81\xA9"

typedef struct esc_case {
    const char *in, *out;
} esc_case;

typedef void esc_fn(rg_buf *b, const char *text);

static void run_table(const char *name, esc_fn *fn, const esc_case *cases,
                      size_t n)
{
    for (size_t i = 0; i < n; i++) {
        rg_buf b = RG_BUF_INIT;
        rg_buf_puts(&b, "<"); /* appends: what was there stays */
        fn(&b, cases[i].in);
        if (strcmp(b.buf + 1, cases[i].out) != 0 || b.buf[0] != '<')
            fail_msg("%s(\"%s\"): got \"%s\", want \"%s\"", name, cases[i].in,
                     b.buf + 1, cases[i].out);
        rg_buf_free(&b);
    }
}

#define RUN(fn, table) run_table(#fn, fn, table, sizeof table / sizeof table[0])

static void test_xml(void **state)
{
    (void)state;
    static const esc_case t[] = {
        {"", ""},
        {"plain text", "plain text"},
        {"a & b", "a &amp; b"},
        {"<script>", "&lt;script&gt;"},
        {"\"double\" 'single'", "&quot;double&quot; &#39;single&#39;"},
        {"&amp;", "&amp;amp;"},
        {"\\N \n\t]", "\\N \n\t]"},
        {"Rouhani \xD8\xAD\xD8\xB3\xD9\x86", "Rouhani \xD8\xAD\xD8\xB3\xD9\x86"},
    };
    RUN(rg_esc_xml, t);
}

static void test_xml_attr(void **state)
{
    (void)state;
    static const esc_case t[] = {
        {"", ""},
        {"plain text", "plain text"},
        {"a & b <c> \"d\" 'e'", "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;"},
        {"two\nlines", "two&#10;lines"},
        {"a\tb\rc", "a&#9;b&#13;c"},
        {"&#10;", "&amp;#10;"},
        {"=HYPERLINK(\"x\")", "=HYPERLINK(&quot;x&quot;)"},
        {"\\N ]", "\\N ]"},
        {"\xC3\x89lys\xC3\xA9""e", "\xC3\x89lys\xC3\xA9""e"},
    };
    RUN(rg_esc_xml_attr, t);
}

static void test_json(void **state)
{
    (void)state;
    static const esc_case t[] = {
        {"", ""},
        {"plain text", "plain text"},
        {"\"quoted\" \\ back", "\\\"quoted\\\" \\\\ back"},
        {"</script><!-- &amp;", "\\u003c/script\\u003e\\u003c!-- \\u0026amp;"},
        {"two\nlines\tand\r\b\f", "two\\nlines\\tand\\r\\b\\f"},
        {"\x01\x1b\x1f", "\\u0001\\u001b\\u001f"},
        {"' / \x7f", "' / \x7f"},
        {"\\u003c", "\\\\u003c"},
        {"Rouhani \xD8\xAD \xE2\x80\xA8", "Rouhani \xD8\xAD \xE2\x80\xA8"},
    };
    RUN(rg_esc_json, t);
}

static void test_label(void **state)
{
    (void)state;
    static const esc_case t[] = {
        {"", ""},
        {"Iran", "Iran"},
        {"a & b <c> \"d\" 'e'", "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;"},
        {"\\N \\G \\E \\L", "\\\\N \\\\G \\\\E \\\\L"},
        {"two\nlines", "two<BR/>lines"},
        {"a\tb", "a b"},
        {"]start", "&#93;start"},
        {"\xC3\x89lys\xC3\xA9""e", "\xC3\x89lys\xC3\xA9""e"},
        /* Right to left: each line marked with the text's direction. */
        {"حسن روحانی", RLM RLI "حسن روحانی" PDI},
        {"برجام: the road", LRM "برجام: the road"},
        {"ایران\nIran", RLM RLI "ایران" PDI "<BR/>" RLM RLI "Iran" PDI},
        {"שלום & <b>", RLM RLI "שלום &amp; &lt;b&gt;" PDI},
    };
    RUN(rg_esc_label, t);
}

/* rg_esc_label_wrapped at the widths the builder uses. */
static void wrapped22(rg_buf *b, const char *text)
{
    rg_esc_label_wrapped(b, text, 22);
}

static void wrapped10(rg_buf *b, const char *text)
{
    rg_esc_label_wrapped(b, text, 10);
}

static void test_label_wrapped(void **state)
{
    (void)state;
    static const esc_case t22[] = {
        {"", ""},
        {"   ", ""},
        {"\n\n", ""},
        {" \n ", ""},
        {"short label", "short label"},
        {"arming, funding, training militants",
         "arming, funding,<BR/>training militants"},
        {"a  b", "a b"},
        {"line\nbreak", "line<BR/>break"},
        {"x & y", "x &amp; y"},
        {"averyveryverylongwordthatdoesnotfit", "averyveryverylongwordthatdoesnotfit"},
        /* Mostly English, starting with Persian: left to right. */
        {"برجام: the road to the nuclear deal",
         LRM "برجام: the road to the<BR/>" LRM "nuclear deal"},
        /* 15 Latin letters to 14 Persian ones: left to right, the Persian
         * run on a line of its own rather than split. */
        {"رئیس‌جمهور ایران (President of Iran)",
         LRM "رئیس‌جمهور ایران<BR/>" LRM "(President of Iran)"},
        /* Mostly Arabic: right to left, every line an isolate. */
        {"وزير الخارجية السعودي (FM)",
         RLM RLI "وزير الخارجية السعودي" PDI "<BR/>" RLM RLI "(FM)" PDI},
        {"حسن\nروحانی", RLM RLI "حسن" PDI "<BR/>" RLM RLI "روحانی" PDI},
        /* A group in parentheses stays whole when it fits on a line. */
        {"\"Iran lied\" (nuclear archive)",
         "&quot;Iran lied&quot;<BR/>(nuclear archive)"},
        {"UN sanctions (Res. 1737 ff.)", "UN sanctions<BR/>(Res. 1737 ff.)"},
        {"a (b) c", "a (b) c"},
        {"x (one two three four five six)", "x (one two three four<BR/>five six)"},
    };
    RUN(wrapped22, t22);
    /* Characters, not bytes: ten two-byte letters fit in ten. */
    static const esc_case t10[] = {
        {"\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9",
         "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9 \xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9"},
        {"12345 67890", "12345<BR/>67890"},
        {"]x ]y", "&#93;x &#93;y"},
        /* A right-to-left run (with the neutral words inside it) is not
         * split when it fits on a line: "ab cd بب" would fit. */
        {"ab cd بب تت ef", LRM "ab cd<BR/>" LRM "بب تت ef"},
        {"abc بب 12 تت de", LRM "abc<BR/>" LRM "بب 12 تت<BR/>" LRM "de"},
        /* One too long for a line is broken once: its first word, then
         * the rest of it, kept whole again when that fits. */
        {"abcdef ghijkl بببب تتتت ثثثث mn",
         LRM "abcdef<BR/>" LRM "ghijkl<BR/>" LRM "بببب<BR/>" LRM "تتتت ثثثث<BR/>"
         LRM "mn"},
        /* The same for a left-to-right run in a right-to-left text (six
         * letters each way: the first, Arabic, decides). */
        {"ببب ab cdef ججج", RLM RLI "ببب" PDI "<BR/>" RLM RLI "ab cdef" PDI "<BR/>"
         RLM RLI "ججج" PDI},
    };
    RUN(wrapped10, t10);
}

static void test_plain(void **state)
{
    (void)state;
    static const esc_case t[] = {
        {"", ""},
        {"holds talks with", "holds talks with"},
        {"\\N", "\\\\N"},
        {"a & b", "a &amp; b"},
        {"two\nlines", "two\\nlines"},
        {"a\tb", "a b"},
        {"<b>", "<b>"},
        {"حسن\nx", RLM RLI "حسن" PDI "\\n" RLM RLI "x" PDI},
        {"reports on گزارش", LRM "reports on گزارش"},
    };
    RUN(rg_esc_plain, t);
}

static void test_md(void **state)
{
    (void)state;
    static const esc_case t[] = {
        {"", ""},
        {"United States", "United States"},
        {"\\ ` * _ [ ] | ~", "\\\\ \\` \\* \\_ \\[ \\] \\| \\~"},
        {"[x](http://e.com)", "\\[x\\](http://e.com)"},
        {"<img src=x>", "&lt;img src=x&gt;"},
        {"a & b", "a &amp; b"},
        {"two\nlines\tand tab", "two lines and tab"},
        {"# not a heading", "# not a heading"},
        {"1. not a list", "1. not a list"},
    };
    RUN(rg_esc_md, t);
    static const esc_case start[] = {
        {"# heading", "\\# heading"},
        {"- item", "\\- item"},
        {"+ item", "\\+ item"},
        {"12. item", "12\\. item"},
        {"3) item", "3\\) item"},
        {"2007 talks", "2007 talks"},
        {"*bold*", "\\*bold\\*"},
    };
    RUN(rg_esc_md_start, start);
}

/* rg_esc_terminal over the whole text, and cut at 8 bytes. */
static void terminal(rg_buf *b, const char *text)
{
    rg_esc_terminal(b, text, strlen(text), strlen(text));
}

static void terminal8(rg_buf *b, const char *text)
{
    rg_esc_terminal(b, text, strlen(text), 8);
}

static void test_terminal(void **state)
{
    (void)state;
    static const esc_case t[] = {
        {"", ""},
        {"evil.yaml", "evil.yaml"},
        {"a\nb\tc", "a\\nb\\tc"},
        {"\x1B[31mred", "\\x1B[31mred"},
        {"bell\x07", "bell\\x07"},
        {"del\x7F", "del\\x7F"},
        {"c1\xC2\x9B", "c1\\x9B"},
        {"bad\xFF", "bad\\xFF"},
        {"half\xE2\x80", "half\\xE2\\x80"},
        {"\xE2\x80\x94 dash", "\xE2\x80\x94 dash"},
        {"rtl\xE2\x80\xAEgpj.exe", "rtl\\u202Egpj.exe"},
        {"\xE2\x81\xA6x\xE2\x81\xA9\xD8\x9C\xE2\x80\x8F", "\\u2066x\\u2069\\u061C\\u200F"},
        {"line\xE2\x80\xA8para\xE2\x80\xA9", "line\\u2028para\\u2029"},
        {"nbsp\xC2\xA0\xE3\x80\x80", "nbsp\xC2\xA0\xE3\x80\x80"},
    };
    RUN(terminal, t);
    static const esc_case cut[] = {
        {"12345678", "12345678"},
        {"123456789", "12345678..."},
        {"\x01\x02\x03", "\\x01\\x02\\x03"},
    };
    RUN(terminal8, cut);
    char *p = rg_printable("name\x1B\n");
    assert_string_equal(p, "name\\x1B\\n");
    free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_xml),
        cmocka_unit_test(test_xml_attr),
        cmocka_unit_test(test_json),
        cmocka_unit_test(test_label),
        cmocka_unit_test(test_label_wrapped),
        cmocka_unit_test(test_plain),
        cmocka_unit_test(test_md),
        cmocka_unit_test(test_terminal),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
