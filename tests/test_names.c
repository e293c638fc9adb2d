/*
 * test_names.c - every set of names (layouts, directions, themes, fonts,
 * formats, label modes, statuses, line styles, arrowheads, shapes,
 * colours, built-in kinds, pages, orientations, units) is one table in
 * model.c; this holds the usage text, both man pages and the error
 * messages to it: each lists exactly the table's names, in its order.
 * (test_schema.c does the same for the JSON Schema's enums.)
 *
 * A list is the names one after another, separated by ", ", " or ",
 * ", or ", ", and " or a space, with no name of the table before or after
 * it: so a name added to the table and not to the page, or left on the
 * page after it went from the table, fails.
 */
#include "cliutil.h"

#include <ctype.h>

/* ---- finding a list in text ---- */

/* TEXT with runs of white space as one space. Malloc'd. */
static char *squeeze(const char *text)
{
    char *out = rg_xmalloc(strlen(text) + 1), *o = out;
    bool space = false;
    for (const char *p = text; *p; p++) {
        if (isspace((unsigned char)*p)) {
            space = true;
            continue;
        }
        if (space && o > out)
            *o++ = ' ';
        space = false;
        *o++ = *p;
    }
    *o = '\0';
    return out;
}

static bool word_char(char c)
{
    return isalnum((unsigned char)c) || c == '_' || c == '-';
}

/* The separators a list may use between two names. */
static const char *const seps[] = {", or ", ", and ", ", ", " or ", " and ", " "};

/* If NAME (with PREFIX before it) stands at P as a whole word, the text
 * after it; else NULL. */
static const char *name_at(const char *p, const char *prefix, const char *name)
{
    size_t pl = strlen(prefix), nl = strlen(name);
    if (strncmp(p, prefix, pl) != 0 || strncmp(p + pl, name, nl) != 0)
        return NULL;
    return word_char(p[pl + nl]) ? NULL : p + pl + nl;
}

static const char *sep_at(const char *p)
{
    for (size_t i = 0; i < sizeof seps / sizeof seps[0]; i++)
        if (strncmp(p, seps[i], strlen(seps[i])) == 0)
            return p + strlen(seps[i]);
    return NULL;
}

/* True if any of T's names stands at P. */
static bool any_name_at(const char *p, const char *prefix, const rg_names *t)
{
    for (size_t i = 0; i < t->n; i++)
        if (name_at(p, prefix, t->names[i]))
            return true;
    return false;
}

/* True if TEXT holds T's names as a list, in order, and no other name of
 * T right before or after it. */
static bool lists(const char *text, const rg_names *t, const char *prefix)
{
    char *s = squeeze(text);
    bool found = false;
    for (const char *start = strstr(s, t->names[0]); start && !found;
         start = strstr(start + 1, t->names[0])) {
        const char *at = start - strlen(prefix);
        if (at < s || (at > s && word_char(at[-1])))
            continue;
        const char *p = name_at(at, prefix, t->names[0]);
        for (size_t i = 1; p && i < t->n; i++) {
            const char *q = sep_at(p);
            p = q ? name_at(q, prefix, t->names[i]) : NULL;
        }
        if (!p)
            continue;
        /* Nothing of the table after the last name, nor before the first. */
        const char *after = sep_at(p);
        bool more = after && any_name_at(after, prefix, t);
        bool before = false;
        for (size_t i = 0; i < sizeof seps / sizeof seps[0] && !before; i++) {
            size_t sl = strlen(seps[i]);
            if ((size_t)(at - s) < sl || strncmp(at - sl, seps[i], sl) != 0)
                continue;
            for (size_t k = 0; k < t->n && !before; k++) {
                size_t kl = strlen(t->names[k]) + strlen(prefix);
                const char *w = at - sl - kl;
                before = w >= s && name_at(w, prefix, t->names[k]) == at - sl;
            }
        }
        found = !more && !before;
    }
    free(s);
    return found;
}

static void assert_lists(const char *where, const char *text, const rg_names *t,
                         const char *prefix)
{
    if (!lists(text, t, prefix)) {
        rg_buf want = RG_BUF_INIT;
        for (size_t i = 0; i < t->n; i++)
            rg_buf_printf(&want, "%s%s%s", i ? ", " : "", prefix, t->names[i]);
        fail_msg("%s does not list the names model.c has for %s: %s\n"
                 "--- it says:\n%s", where, t->what, want.buf, text);
    }
}

/* A table of names, and where a text must list them: a section of a man
 * page, or an option. */
typedef struct listed {
    const char *where;
    const rg_names *names;
} listed;

/* ---- the documents ---- */

/* A man page as plain text (mandoc's overstrikes undone). */
static char *man_text(const char *page)
{
    cu_result r = CU_EXEC(NULL, "mandoc", "-T", "ascii", "-O", "width=300", page);
    assert_int_equal(r.status, 0);
    char *out = rg_xmalloc(r.out_len + 1), *o = out;
    for (size_t i = 0; i < r.out_len; i++) {
        if (r.out[i] == '\b') {
            if (o > out)
                o--;
            continue;
        }
        *o++ = r.out[i];
    }
    *o = '\0';
    cu_result_free(&r);
    return out;
}

/* Section NAME of a man page's text: from its heading to the next. */
static char *section(const char *man, const char *name)
{
    size_t nl = strlen(name);
    const char *p = man;
    while (!(strncmp(p, name, nl) == 0 && p[nl] == '\n')) {
        const char *eol = strchr(p, '\n');
        if (!eol)
            fail_msg("no section %s", name);
        p = eol + 1;
    }
    /* The next heading: a line that starts with a capital letter. */
    const char *end = p + nl + 1;
    while (*end && !isupper((unsigned char)*end)) {
        const char *eol = strchr(end, '\n');
        end = eol ? eol + 1 : end + strlen(end);
    }
    return strndup(p, (size_t)(end - p));
}

/* The paragraph of a relgraph(1) option: from its line to a blank line. */
static char *option(const char *man, const char *opt)
{
    const char *p = strstr(man, opt);
    if (!p)
        fail_msg("relgraph.1 has no %s", opt);
    const char *end = strstr(p, "\n\n");
    return strndup(p, end ? (size_t)(end - p) : strlen(p));
}

/* ---- the tests ---- */

static void test_usage_text(void **state)
{
    (void)state;
    cu_result r = CU_RUN(NULL, "--help");
    assert_int_equal(r.status, 0);
    const char *o = r.out;
    char *k = option(o, "-K, --layout"), *dir = option(o, "--direction"),
         *th = option(o, "--theme"), *out = option(o, "-o, --output"),
         *lab = option(o, "--edge-labels MODE");
    assert_lists("--help, --edge-labels", lab, &rg_label_names, "");
    free(lab);
    assert_lists("--help, -K", k, &rg_layout_names, "");
    assert_lists("--help, --direction", dir, &rg_direction_names, "");
    assert_lists("--help, --theme", th, &rg_theme_names, "");
    assert_lists("--help, -o", out, &rg_format_names, ".");
    char *page = option(o, "--page"), *orient = option(o, "--orientation");
    assert_lists("--help, --page", page, &rg_page_names, "");
    assert_lists("--help, --page", page, &rg_unit_names, "");
    assert_lists("--help, --orientation", orient, &rg_orientation_names, "");
    free(page), free(orient);
    free(k), free(dir), free(th), free(out);
    cu_result_free(&r);
}

static void test_relgraph_1(void **state)
{
    (void)state;
    char *man = man_text("relgraph.1");
    static const struct {
        const char *opt;
        const rg_names *names;
        const char *prefix;
    } opts[] = {
        {"-K, --layout", &rg_layout_names, ""},
        {"--direction", &rg_direction_names, ""},
        {"--theme", &rg_theme_names, ""},
        {"--edge-labels MODE", &rg_label_names, ""},
        {"-T, --format", &rg_format_names, ""},
        {"-o, --output", &rg_format_names, "."},
        {"--page", &rg_page_names, ""},
        {"--page", &rg_unit_names, ""},
        {"--orientation", &rg_orientation_names, ""},
    };
    for (size_t i = 0; i < sizeof opts / sizeof opts[0]; i++) {
        char *p = option(man, opts[i].opt);
        assert_lists(opts[i].opt, p, opts[i].names, opts[i].prefix);
        free(p);
    }
    free(man);
}

/* The built-in kinds' ids as a table of names. */
static rg_names kind_names(bool ties, const char **buf)
{
    size_t n = ties ? rg_builtin_ties_len : rg_builtin_actors_len;
    for (size_t i = 0; i < n; i++)
        buf[i] = ties ? rg_builtin_ties[i].id : rg_builtin_actors[i].id;
    return (rg_names){ties ? "tie kind" : "actor kind", buf, n};
}

static void test_relgraph_5(void **state)
{
    (void)state;
    char *man = man_text("relgraph.5");
    const char *tb[64], *ab[64];
    rg_names ties = kind_names(true, tb), actors = kind_names(false, ab);
    static const listed lists_in[] = {
        {"RENDER", &rg_layout_names},  {"RENDER", &rg_direction_names},
        {"RENDER", &rg_theme_names},   {"STATUSES", &rg_status_names},
        {"RENDER", &rg_font_names},    {"FONTS", &rg_font_names},
        {"RENDER", &rg_label_names},
        {"KINDS", &rg_line_names},     {"KINDS", &rg_arrow_names},
        {"KINDS", &rg_shape_names},    {"KINDS", &rg_color_names},
        {"RENDER", &rg_page_names},    {"RENDER", &rg_orientation_names},
        {"RENDER", &rg_unit_names},
    };
    for (size_t i = 0; i < sizeof lists_in / sizeof lists_in[0]; i++) {
        char *s = section(man, lists_in[i].where);
        assert_lists(lists_in[i].where, s, lists_in[i].names, "");
        free(s);
    }
    char *kinds = section(man, "KINDS");
    assert_lists("KINDS", kinds, &ties, "");
    assert_lists("KINDS", kinds, &actors, "");
    free(kinds);
    free(man);
}

/* The error for VALUE where one of T is expected, in a file. */
static void assert_error_lists(const char *yaml, const rg_names *t)
{
    char *diags = tu_diagnose(yaml);
    assert_non_null(strstr(diags, "error:"));
    assert_lists(yaml, diags, t, "");
    free(diags);
}

static void test_error_messages(void **state)
{
    (void)state;
    /* Values far from every name, so that no "did you mean" replaces the
     * list. */
    assert_error_lists("actors: {a: {}}\nrender: {layout: qqqqqq}\n", &rg_layout_names);
    assert_error_lists("actors: {a: {}}\nrender: {direction: qqqqqq}\n",
                       &rg_direction_names);
    assert_error_lists("actors: {a: {}}\nrender: {theme: qqqqqq}\n", &rg_theme_names);
    assert_error_lists("actors: {a: {}}\nrender: {font: qqqqqq}\n", &rg_font_names);
    assert_error_lists("actors: {a: {}}\nrender: {page: qqqqqq}\n", &rg_page_names);
    assert_error_lists("actors: {a: {}}\nrender: {page: qqqqqq}\n", &rg_unit_names);
    assert_error_lists("actors: {a: {}}\nrender: {orientation: qqqqqq}\n",
                       &rg_orientation_names);
    assert_error_lists("actors: {a: {}}\nrender: {margin: 1qq}\n", &rg_unit_names);
    assert_error_lists("actors: {a: {}}\nrender: {edge_labels: qqqqqq}\n",
                       &rg_label_names);
    assert_error_lists("actors: {a: {}}\nrender: {edge_labels: [notes]}\n",
                       &rg_label_names);
    assert_error_lists("actors: {a: {}, b: {}}\n"
                       "ties: [{from: a, to: b, kind: talks, status: qqqqqq}]\n",
                       &rg_status_names);
    assert_error_lists("actors: {a: {}}\nkinds: {ties: {k: {line: qqqqqq}}}\n",
                       &rg_line_names);
    assert_error_lists("actors: {a: {}}\nkinds: {ties: {k: {arrow: qqqqqq}}}\n",
                       &rg_arrow_names);
    assert_error_lists("actors: {a: {}}\nkinds: {actors: {k: {shape: qqqqqq}}}\n",
                       &rg_shape_names);
    assert_error_lists("actors: {a: {}}\nkinds: {actors: {k: {color: qqqqqq}}}\n",
                       &rg_color_names);
    const char *tb[64], *ab[64];
    rg_names ties = kind_names(true, tb), actors = kind_names(false, ab);
    assert_error_lists("actors: {a: {}, b: {}}\n"
                       "ties: [{from: a, to: b, kind: qqqqqqqq}]\n", &ties);
    assert_error_lists("actors: {a: {kind: qqqqqqqq}}\n", &actors);

    /* And on the command line. */
    static const listed cli[] = {
        {"-K", &rg_layout_names}, {"--direction", &rg_direction_names},
        {"--theme", &rg_theme_names}, {"-T", &rg_format_names},
        {"--page", &rg_page_names}, {"--page", &rg_unit_names},
        {"--orientation", &rg_orientation_names}, {"--margin", &rg_unit_names},
        {"--edge-labels", &rg_label_names},
    };
    for (size_t i = 0; i < sizeof cli / sizeof cli[0]; i++) {
        cu_result r = CU_RUN(NULL, cli[i].where, "qqqqqq", "data/every-feature.yaml");
        assert_int_equal(r.status, 2);
        assert_lists(cli[i].where, r.err, cli[i].names, "");
        cu_result_free(&r);
    }
}

/* The lists are found only when whole: a missing, extra or reordered
 * name is not the list. */
static void test_matcher(void **state)
{
    (void)state;
    static const char *const abc[] = {"dot", "neato", "auto"};
    rg_names t = {"test", abc, 3};
    assert_true(lists("engines: dot, neato, or auto.", &t, ""));
    assert_true(lists("dot neato auto", &t, ""));
    assert_true(lists("(.dot .neato .auto)", &t, "."));
    assert_false(lists("engines: dot, auto.", &t, ""));
    assert_false(lists("engines: neato, dot, auto.", &t, ""));
    assert_false(lists("engines: dot, neato, auto, neato.", &t, ""));
    assert_false(lists("engines: auto, dot, neato, auto.", &t, ""));
    assert_false(lists("engines: dotty, neato, auto.", &t, ""));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matcher),
        cmocka_unit_test(test_usage_text),
        cmocka_unit_test(test_relgraph_1),
        cmocka_unit_test(test_relgraph_5),
        cmocka_unit_test(test_error_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
