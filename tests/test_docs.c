/*
 * test_docs.c - the command line's manners, through the binary:
 *   - --help fits 80 columns;
 *   - --help and the man page's OPTIONS section list the same options, and
 *     the binary knows every one of them;
 *   - relgraph.1 is clean under `mandoc -T lint` and `groff -ww` (each when
 *     installed; `make deps` installs mandoc);
 *   - messages never carry raw control characters, whether they come from
 *     the file's text, the file's name or an argument.
 */
#include "cliutil.h"

#include <ctype.h>

/* Options named in TEXT: "--name" (LONG) or "-x" (short), each preceded
 * by a character that cannot be part of a word, as a sorted, space-
 * separated, duplicate-free list (owned). */
static char *options_in(const char *text, bool long_options)
{
    char *names[256];
    size_t n = 0;
    for (const char *p = text; *p; p++) {
        if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '-' ||
                         p[-1] == '\\' || p[-1] == '_'))
            continue;
        if (long_options && !(p[0] == '-' && p[1] == '-' && islower((unsigned char)p[2])))
            continue;
        if (!long_options && !(p[0] == '-' && isalpha((unsigned char)p[1]) &&
                               !isalnum((unsigned char)p[2]) && p[2] != '-'))
            continue;
        size_t len = long_options ? 2 + strspn(p + 2, "abcdefghijklmnopqrstuvwxyz-") : 2;
        while (p[len - 1] == '-')
            len--;
        char *name = rg_xmalloc(len + 1);
        memcpy(name, p, len);
        name[len] = '\0';
        bool dup = false;
        for (size_t i = 0; i < n && !dup; i++)
            dup = strcmp(names[i], name) == 0;
        if (dup || n == 256)
            free(name);
        else
            names[n++] = name;
        p += len - 1;
    }
    /* Sort (insertion: a few dozen names). */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    rg_buf b = {0};
    rg_buf_puts(&b, "");
    for (size_t i = 0; i < n; i++) {
        rg_buf_printf(&b, "%s%s", i ? " " : "", names[i]);
        free(names[i]);
    }
    return b.buf;
}

/* The OPTIONS section of relgraph.1 with "\-" as "-" (owned). */
static char *man_options_section(void)
{
    char *man = cu_read("relgraph.1", NULL);
    assert_non_null(man);
    char *start = strstr(man, "\n.SH OPTIONS\n");
    assert_non_null(start);
    start += strlen("\n.SH OPTIONS\n");
    char *end = strstr(start, "\n.SH ");
    assert_non_null(end);
    rg_buf b = {0};
    for (const char *p = start; p < end; p++) {
        if (p[0] == '\\' && p[1] == '-')
            p++;
        rg_buf_putc(&b, *p);
    }
    free(man);
    return b.buf;
}

static char *help_text(void)
{
    cu_result r = CU_RUN(NULL, "--help");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    free(r.err);
    return r.out;
}

static void test_help_fits_80_columns(void **state)
{
    (void)state;
    char *help = help_text();
    size_t line = 1, col = 0;
    for (const unsigned char *p = (const unsigned char *)help; *p; p++) {
        if (*p == '\n') {
            line++;
            col = 0;
            continue;
        }
        if (*p == '\t')
            fail_msg("--help line %zu has a tab", line);
        if ((*p & 0xC0) != 0x80) /* one column per character */
            col++;
        if (col > 80)
            fail_msg("--help line %zu is wider than 80 columns", line);
    }
    assert_true(line > 20);
    free(help);
}

static void test_help_and_man_page_agree(void **state)
{
    (void)state;
    char *help = help_text();
    char *man = man_options_section();
    char *help_long = options_in(help, true), *man_long = options_in(man, true);
    char *help_short = options_in(help, false), *man_short = options_in(man, false);
    if (strcmp(help_long, man_long) != 0)
        fail_msg("long options:\n  --help:     %s\n  relgraph.1: %s", help_long,
                 man_long);
    if (strcmp(help_short, man_short) != 0)
        fail_msg("short options:\n  --help:     %s\n  relgraph.1: %s", help_short,
                 man_short);
    /* The options of SPEC section 2, at least. */
    assert_string_equal(help_short, "-K -T -V -h -o -q");
    static const char *const spec[] = {
        "--output", "--format", "--layout", "--direction", "--theme", "--no-legend",
        "--no-edge-labels", "--focus", "--depth", "--kinds", "--exclude-kinds",
        "--as-of", "--from", "--to", "--check", "--strict", "--schema",
        "--timeout", "--watch", "--quiet", "--help", "--version"};
    for (size_t i = 0; i < sizeof spec / sizeof spec[0]; i++) {
        rg_buf b = {0};
        rg_buf_printf(&b, " %s ", spec[i]);
        rg_buf c = {0};
        rg_buf_printf(&c, " %s ", help_long);
        if (!strstr(c.buf, b.buf))
            fail_msg("--help does not list %s", spec[i]);
        free(b.buf);
        free(c.buf);
    }

    /* The binary knows each of them: alone, an option is either done
     * (--help), needs a value, or needs an input file; never unknown. */
    char *copy = rg_xstrdup(help_long);
    for (char *opt = strtok(copy, " "); opt; opt = strtok(NULL, " ")) {
        cu_result r = CU_RUN(NULL, opt);
        if (strstr(r.err, "unknown option"))
            fail_msg("relgraph does not know %s: %s", opt, r.err);
        assert_true(r.status == 0 || r.status == 2);
        cu_result_free(&r);
    }
    free(copy);
    free(help_long);
    free(man_long);
    free(help_short);
    free(man_short);
    free(man);
    free(help);
}

static void test_man_page_lints_clean(void **state)
{
    (void)state;
    bool ran = false;
    if (cu_have("mandoc")) {
        cu_result r = CU_EXEC(NULL, "mandoc", "-T", "lint", "-W", "all", "relgraph.1");
        if (r.status != 0 || r.out_len || r.err_len)
            fail_msg("mandoc -T lint relgraph.1 (status %d):\n%s%s", r.status,
                     r.out, r.err);
        cu_result_free(&r);
        ran = true;
    }
    if (cu_have("groff")) {
        cu_result r = CU_EXEC(NULL, "groff", "-ww", "-man", "-Tutf8", "relgraph.1");
        if (r.status != 0 || r.err_len)
            fail_msg("groff -ww -man -Tutf8 relgraph.1 (status %d):\n%s",
                     r.status, r.err);
        cu_result_free(&r);
        ran = true;
    }
    if (!ran)
        skip();
}

/* No byte of TEXT is a control character other than a newline. */
static void assert_no_raw_controls(const char *text, const char *what)
{
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if ((*p < 0x20 && *p != '\n') || *p == 0x7F)
            fail_msg("%s: raw control character 0x%02X in:\n%s", what, *p, text);
}

static void test_messages_have_no_raw_control_characters(void **state)
{
    (void)state;
    /* Escapes in quoted strings and keys. */
    static const char escaped[] =
        "actors:\n"
        "  a: {name: \"red\\e[31m alert\"}\n"
        "  \"b\\e]0;title\\u0007\": {name: B}\n"
        "ties:\n"
        "  - {from: a, to: \"zz\\e[2J\", kind: \"talks\\r\"}\n";
    cu_result r = CU_RUN(escaped, "--check", "-");
    assert_int_equal(r.status, 1);
    assert_no_raw_controls(r.err, "errors about the file's text");
    assert_non_null(strstr(r.err, "<stdin>:2:13: error: control character U+001B in string\n"));
    cu_result_free(&r);
    /* A raw BEL in a plain scalar. */
    r = CU_RUN("actors:\n  a: {name: bell\a here}\n", "--check", "-");
    assert_int_equal(r.status, 1);
    assert_no_raw_controls(r.err, "errors about the file's text");
    cu_result_free(&r);

    /* The file's name: in every message that names the file. */
    const char *name = cu_path("evil\x1b[31m.yaml");
    cu_write(name, "actors:\n  a: {name: A}\n  b: {nmae: B}\n");
    r = CU_RUN(NULL, "--check", name);
    assert_int_equal(r.status, 1);
    assert_no_raw_controls(r.err, "errors naming the file");
    assert_non_null(strstr(r.err, "evil\\x1B[31m.yaml:3:7: error: unknown key 'nmae'"));
    cu_result_free(&r);
    /* Arguments quoted in usage errors. */
    r = CU_RUN(NULL, "--bogus\x07", name);
    assert_int_equal(r.status, 2);
    assert_no_raw_controls(r.err, "usage error");
    assert_non_null(strstr(r.err, "unknown option '--bogus\\x07'"));
    cu_result_free(&r);
    r = CU_RUN(NULL, name, "-o", cu_path("out\x1b.xyz"));
    assert_int_equal(r.status, 2);
    assert_no_raw_controls(r.err, "usage error naming an output");
    cu_result_free(&r);
    /* An output that cannot be written. */
    r = CU_RUN("actors: {a: {name: A}}\n", "-q", "-", "-o",
               "/nonexistent-relgraph-dir/\x1b[31m.svg");
    assert_int_equal(r.status, 3);
    assert_no_raw_controls(r.err, "output error");
    cu_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_fits_80_columns),
        cmocka_unit_test(test_help_and_man_page_agree),
        cmocka_unit_test(test_man_page_lints_clean),
        cmocka_unit_test_setup_teardown(test_messages_have_no_raw_control_characters,
                                        cu_setup, cu_teardown),
    };
    return cmocka_run_group_tests_name("docs", tests, NULL, NULL);
}
