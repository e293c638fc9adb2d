/*
 * test_disputes.c - ties over a subject (relgraph(5), TIES: over; the
 * built-in kind disputes) in every output and through every filter: the
 * graph (junction, lines to the parties, the dotted line with an open
 * diamond to the subject) in DOT and JSON, the SVG's ids, classes and
 * tooltips, PNG and PDF, the Markdown's sentences, the legend; --focus on
 * the subject or a party, --kinds, --exclude-kinds, --as-of, --from/--to.
 */
#include "cliutil.h"

static const char story[] =
    "title: The Elián González affair\n"
    "groups:\n"
    "  miami: {name: Miami relatives}\n"
    "actors:\n"
    "  juan_miguel: {name: Juan Miguel González, kind: person, role: his father}\n"
    "  lazaro: {name: Lázaro González, kind: person, group: miami}\n"
    "  elian: {name: Elián González, kind: person}\n"
    "  reno: {name: Janet Reno, kind: person}\n"
    "  castro: {name: Fidel Castro, kind: person}\n"
    "ties:\n"
    "  - between: [juan_miguel, lazaro]\n"
    "    kind: disputes\n"
    "    over: elian\n"
    "    label: custody\n"
    "    start: 1999-11\n"
    "    end: 2000-06\n"
    "  - {from: reno, to: lazaro, kind: demands, over: elian, label: hand him over,\n"
    "     date: 2000-04}\n"
    "  - {from: reno, to: juan_miguel, kind: supports, date: 2000-01}\n"
    "  - {from: castro, to: juan_miguel, kind: supports, date: 1999-12}\n";

static cu_result run_story(const char *const *args)
{
    const char *argv[32];
    size_t n = 0;
    for (; args[n]; n++)
        argv[n] = args[n];
    argv[n++] = "-";
    argv[n] = NULL;
    cu_result r = cu_run(story, argv);
    if (r.status != 0)
        fail_msg("exit %d: %s", r.status, r.err);
    assert_string_equal(r.err, "");
    return r;
}
#define RUN_STORY(...) run_story((const char *const[]){__VA_ARGS__, NULL})

static void assert_has(const char *text, const char *what)
{
    if (!strstr(text, what))
        fail_msg("missing: %s\n--- in:\n%s", what, text);
}

static void assert_lacks(const char *text, const char *what)
{
    if (strstr(text, what))
        fail_msg("unexpected: %s\n--- in:\n%s", what, text);
}

static void test_graph(void **state)
{
    (void)state;
    cu_result r = RUN_STORY("-T", "dot");
    /* The junction carries the label; a line to each party, without an
     * arrowhead (disputes has no direction); the line to the subject
     * dotted, thinner, with an open diamond, in the kind's colour. */
    const char *j = strstr(r.out, "\tj0\t[");
    assert_non_null(j);
    assert_has(j, "color=\"#CC79A7\"");
    const char *over = strstr(r.out, "j0 -> a2\t[key=\"t0.over\",");
    assert_non_null(over);
    const char *end = strstr(over, "];");
    char *block = rg_xmalloc((size_t)(end - over) + 1);
    memcpy(block, over, (size_t)(end - over));
    block[end - over] = '\0';
    assert_has(block, "arrowhead=odiamond");
    assert_has(block, "style=dotted");
    assert_has(block, "penwidth=1.2");
    assert_has(block, "color=\"#CC79A7\"");
    free(block);
    const char *party = strstr(r.out, "j0 -> a0\t[key=\"t0.0\",");
    assert_non_null(party);
    end = strstr(party, "];");
    block = rg_xmalloc((size_t)(end - party) + 1);
    memcpy(block, party, (size_t)(end - party));
    block[end - party] = '\0';
    assert_has(block, "arrowhead=none");
    assert_has(block, "style=dashed");
    free(block);
    /* A demand over the subject: the same form, the kind's arrowhead on
     * the line to the one asked. */
    assert_has(r.out, "a3 -> j1\t[key=\"t1.0\",");
    assert_has(r.out, "j1 -> a1\t[key=\"t1.1\",");
    assert_has(r.out, "j1 -> a2\t[key=\"t1.over\",");
    /* The legend explains the line. */
    assert_has(r.out, "label=\"dotted line to a diamond: what it is about\\l\"");
    cu_result_free(&r);

    /* JSON: the same edges. */
    r = RUN_STORY("-T", "json");
    cu_result py = CU_EXEC(r.out, cu_python(), "-c",
        "import json,sys\n"
        "d=json.load(sys.stdin)\n"
        "n={o['_gvid']:o['name'] for o in d['objects']}\n"
        "for e in d['edges']:\n"
        "  if e.get('arrowhead')=='odiamond':\n"
        "    print(n[e['tail']], n[e['head']], e['style'])\n");
    assert_int_equal(py.status, 0);
    assert_string_equal(py.out, "j0 a2 dotted\nj1 a2 dotted\n");
    cu_result_free(&py);
    cu_result_free(&r);
}

static void test_svg(void **state)
{
    (void)state;
    cu_result r = RUN_STORY("-T", "svg");
    assert_has(r.out, "<g id=\"tie-1\" class=\"node tie kind-disputes\">\n"
                      "<title>Juan Miguel González and Lázaro González dispute "
                      "custody of Elián González\n1999-11 to 2000-06</title>");
    assert_has(r.out, "<g id=\"tie-1-juan_miguel\" class=\"edge tie kind-disputes\">");
    assert_has(r.out, "<g id=\"tie-1-lazaro\" class=\"edge tie kind-disputes\">");
    assert_has(r.out, "<g id=\"tie-1-elian\" class=\"edge tie kind-disputes over\">");
    assert_has(r.out, "<g id=\"tie-2-elian\" class=\"edge tie kind-demands over\">\n"
                      "<title>Janet Reno makes demands of Lázaro González over "
                      "Elián González \xE2\x80\x94 hand him over\n2000-04</title>");
    cu_result_free(&r);
}

static void test_png_and_pdf(void **state)
{
    (void)state;
    const char *pdf = cu_path("d.pdf"), *png = cu_path("d.png");
    cu_result r = RUN_STORY("-o", pdf, "-o", png);
    cu_result_free(&r);
    r = CU_EXEC(NULL, "pdftotext", pdf, "-");
    assert_int_equal(r.status, 0);
    assert_has(r.out, "custody");
    assert_has(r.out, "Elián González");
    assert_has(r.out, "dotted line to a diamond: what it is about");
    cu_result_free(&r);
    size_t len;
    char *bytes = cu_read(png, &len);
    assert_non_null(bytes);
    assert_memory_equal(bytes, "\x89PNG", 4);
    free(bytes);
}

static void test_markdown(void **state)
{
    (void)state;
    cu_result r = RUN_STORY("-T", "md");
    assert_has(r.out,
               "## Ties (4)\n\n"
               "- Juan Miguel González and Lázaro González dispute custody of Elián "
               "González (1999-11 to 2000-06)\n"
               "- Fidel Castro supports Juan Miguel González (1999-12)\n"
               "- Janet Reno supports Juan Miguel González (2000-01)\n"
               "- Janet Reno makes demands of Lázaro González over Elián González "
               "\xE2\x80\x94 hand him over (2000-04)\n");
    /* The label is said in the sentence, not again after it. */
    assert_lacks(r.out, "\xE2\x80\x94 custody");
    cu_result_free(&r);
    /* From/to, without a label, directed: the other sentences. */
    cu_result s = CU_RUN("actors: {a: {name: Iran}, b: {name: United States}, "
                         "c: {name: Seven Iranians}}\n"
                         "ties:\n"
                         "  - {from: a, to: b, kind: disputes, over: c}\n"
                         "  - {from: a, to: b, kind: disputes, over: c, label: the fate,"
                         " directed: true}\n"
                         "  - {from: a, to: b, kind: disputes}\n",
                         "-T", "md", "-");
    assert_int_equal(s.status, 0);
    assert_has(s.out, "- Iran and United States are in dispute over Seven Iranians\n"
                      "- Iran disputes the fate of Seven Iranians with United States\n"
                      "- Iran and United States are in dispute\n");
    cu_result_free(&s);
}

/* The actors of the Markdown's table, in order, from a run with ARGS. */
static char *actors_of(const char *const *args)
{
    cu_result r = run_story(args);
    rg_buf b = RG_BUF_INIT;
    const char *p = strstr(r.out, "|---|---|---|---|---|\n");
    assert_non_null(p);
    for (p = strchr(p, '\n') + 1; *p == '|'; p = strchr(p, '\n') + 1) {
        const char *e = strstr(p + 2, " |");
        rg_buf_printf(&b, "%s%.*s", b.len ? ", " : "", (int)(e - p - 2), p + 2);
    }
    const char *ties = strstr(r.out, "## Ties (");
    rg_buf_printf(&b, "; ties %c", ties ? ties[9] : '?');
    cu_result_free(&r);
    return rg_buf_detach(&b, NULL);
}

static void test_filters(void **state)
{
    (void)state;
    static const struct {
        const char *args[4];
        const char *actors;
    } cases[] = {
        /* The subject keeps what is about it, and the parties. */
        {{"--focus", "elian"},
         "Juan Miguel González, Lázaro González, Elián González, Janet Reno; ties 3"},
        /* A party brings the subject along. */
        {{"--focus", "lazaro"},
         "Juan Miguel González, Lázaro González, Elián González, Janet Reno; ties 3"},
        {{"--kinds", "disputes"},
         "Juan Miguel González, Lázaro González, Elián González; ties 1"},
        {{"--exclude-kinds", "disputes,demands"},
         "Juan Miguel González, Janet Reno, Fidel Castro; ties 2"},
        {{"--as-of", "2000-05"},
         "Juan Miguel González, Lázaro González, Elián González; ties 1"},
        {{"--from", "2000-04", "--to", "2000-04"},
         "Juan Miguel González, Lázaro González, Elián González, Janet Reno; ties 2"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *argv[8] = {"-T", "md"};
        size_t n = 2;
        for (size_t k = 0; k < 4 && cases[i].args[k]; k++)
            argv[n++] = cases[i].args[k];
        argv[n] = NULL;
        char *got = actors_of(argv);
        if (strcmp(got, cases[i].actors) != 0)
            fail_msg("%s %s: %s, not %s", cases[i].args[0], cases[i].args[1], got,
                     cases[i].actors);
        free(got);
    }
    /* The subject's ties are counted: no "in no tie" for it. */
    cu_result r = CU_RUN(story, "--check", "--strict", "-");
    cu_expect(&r, 0, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_graph),
        cmocka_unit_test(test_svg),
        cu_scratch_test(test_png_and_pdf),
        cmocka_unit_test(test_markdown),
        cmocka_unit_test(test_filters),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
