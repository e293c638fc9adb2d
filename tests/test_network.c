/*
 * test_network.c - `-o x.graphml` and `-o x.gexf` (network.c) read back by
 * a real reader, Debian's python3-networkx (tests/network_load.py prints
 * what it read), and compared with the model, field by field:
 *   - every actor is a node with every field it has, and nothing else;
 *   - every tie is its edges (a multi-party tie: from the first party to
 *     each other for a directed kind, every pair for an undirected one),
 *     with every field, the GEXF's spells the whole periods of its dates,
 *     an undirected tie "mutual" (networkx reads it both ways);
 *   - hostile text (markup, quotes, ampersands, newlines, tabs, "]]>",
 *     "--", formula text, right-to-left and astral characters) comes back
 *     exactly as written, and the files are well-formed (xmllint);
 *   - the GEXF against the GEXF 1.3 XSD when $GEXF_XSD names one (there is
 *     none in Debian to install).
 * The expected lines are made here from the model, not by network.c.
 */
#include "cliutil.h"

/* A value as network_load.py prints it. */
static void put_value(rg_buf *b, const char *v)
{
    for (const char *p = v; *p; p++) {
        if (*p == '\\')
            rg_buf_puts(b, "\\\\");
        else if (*p == '\n')
            rg_buf_puts(b, "\\n");
        else if (*p == '\t')
            rg_buf_puts(b, "\\t");
        else
            rg_buf_putc(b, *p);
    }
}

/* Attributes "k=v", sorted by name, as one line's tail. */
typedef struct attrs {
    char *items[32];
    size_t n;
} attrs;

static void attr(attrs *a, const char *k, const char *v)
{
    if (!v)
        return;
    rg_buf b = RG_BUF_INIT;
    rg_buf_printf(&b, "%s=", k);
    put_value(&b, v);
    assert_true(a->n < 32);
    a->items[a->n++] = rg_buf_detach(&b, NULL);
}

static int cmp_str(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

/* "HEAD k=v k=v" as a line of LINES; A is emptied. */
static void line(rg_buf *lines, const char *head, attrs *a)
{
    qsort(a->items, a->n, sizeof a->items[0], cmp_str);
    rg_buf_puts(lines, head);
    for (size_t i = 0; i < a->n; i++) {
        rg_buf_printf(lines, " %s", a->items[i]);
        free(a->items[i]);
    }
    rg_buf_putc(lines, '\n');
    a->n = 0;
}

static const char *date(char *buf, bool has, rg_date d)
{
    if (!has)
        return NULL;
    rg_date_format(d, buf);
    return buf;
}

static void day(rg_buf *b, long d)
{
    rg_buf_printf(b, "%04ld-%02ld-%02ld", d / 10000, d / 100 % 100, d % 100);
}

static void sources(rg_buf *b, const rg_model *m, const int *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rg_buf_printf(b, "%s%s", i ? " " : "",
                      m->sources[s[i]].id ? m->sources[s[i]].id : m->sources[s[i]].url);
}

static void actor_attrs(attrs *a, const rg_model *m, const rg_actor *x, bool gexf)
{
    attr(a, "label", rg_actor_name(x));
    attr(a, "name", x->name);
    attr(a, "kind", x->kind >= 0 ? m->actor_kinds[x->kind].id : NULL);
    attr(a, "role", x->role);
    attr(a, "note", x->note);
    attr(a, "url", x->url);
    (void)gexf;
    if (x->group >= 0) {
        attr(a, "group", m->groups[x->group].id);
        rg_buf g = RG_BUF_INIT;
        for (int k = x->group; k >= 0; k = m->groups[k].parent)
            rg_buf_printf(&g, "%s%s", g.len ? " " : "", m->groups[k].id);
        attr(a, "groups", g.buf);
        rg_buf_free(&g);
    }
    rg_buf s = RG_BUF_INIT;
    for (size_t i = 0; i < x->n_aliases; i++)
        rg_buf_printf(&s, "%s%s", i ? "; " : "", x->aliases[i]);
    attr(a, "aliases", x->n_aliases ? s.buf : NULL);
    rg_buf_clear(&s);
    sources(&s, m, x->sources, x->n_sources);
    attr(a, "sources", x->n_sources ? s.buf : NULL);
    rg_buf_free(&s);
}

static void tie_attrs(attrs *a, const rg_model *m, const rg_tie *t, bool gexf,
                      const char *edge_id)
{
    char buf[4][16];
    rg_buf s = RG_BUF_INIT;
    if (t->id)
        rg_buf_printf(&s, "tie-%s", t->id);
    else
        rg_buf_printf(&s, "tie-%zu", t->pos);
    attr(a, "tie", s.buf);
    attr(a, "kind", m->tie_kinds[t->kind].id);
    attr(a, "label", t->label);
    attr(a, "directed", t->directed ? "true" : "false");
    attr(a, "date", date(buf[0], t->has_date, t->date));
    attr(a, "start", date(buf[1], t->has_start, t->start));
    attr(a, "end", date(buf[2], t->has_end, t->end));
    attr(a, "status", rg_status_name(t->status));
    attr(a, "note", t->note);
    if (t->weight) {
        snprintf(buf[3], sizeof buf[3], gexf ? "%d.0" : "%d", t->weight);
        attr(a, "weight", buf[3]);
    }
    rg_buf_clear(&s);
    sources(&s, m, t->sources, t->n_sources);
    attr(a, "sources", t->n_sources ? s.buf : NULL);
    rg_buf_clear(&s);
    if (t->multi) {
        for (size_t p = 0; p < t->n_parties; p++)
            rg_buf_printf(&s, "%s%s", p ? " " : "", m->actors[t->parties[p]].id);
        attr(a, "between", s.buf);
    }
    attr(a, "over", t->over >= 0 ? m->actors[t->over].id : NULL);
    if (gexf) {
        attr(a, "id", edge_id);
        rg_buf_clear(&s);
        bool has_start = t->has_date || t->has_start, has_end = t->has_date || t->has_end;
        if (has_start || has_end) {
            if (has_start)
                day(&s, rg_date_first(t->has_date ? t->date : t->start));
            else
                rg_buf_puts(&s, "None");
            rg_buf_putc(&s, '/');
            if (has_end)
                day(&s, rg_date_last(t->has_date ? t->date : t->end));
            else
                rg_buf_puts(&s, "None");
            attr(a, "spells", s.buf);
        }
    }
    rg_buf_free(&s);
}

static void edge_line(rg_buf *lines, const rg_model *m, const rg_tie *t, bool gexf,
                      int from, int to, const char *suffix)
{
    rg_buf id = RG_BUF_INIT, head = RG_BUF_INIT;
    if (t->id)
        rg_buf_printf(&id, "tie-%s%s", t->id, suffix);
    else
        rg_buf_printf(&id, "tie-%zu%s", t->pos, suffix);
    for (int dir = 0; dir < (gexf && !t->directed ? 2 : 1); dir++) {
        attrs a = {{0}, 0};
        tie_attrs(&a, m, t, gexf, id.buf);
        rg_buf_clear(&head);
        rg_buf_printf(&head, "edge %s %s %s", m->actors[dir ? to : from].id,
                      m->actors[dir ? from : to].id, id.buf);
        line(lines, head.buf, &a);
    }
    rg_buf_free(&id);
    rg_buf_free(&head);
}

/* What networkx must read for M, lines sorted (owned). */
static char *expected(const rg_model *m, bool gexf)
{
    rg_buf lines = RG_BUF_INIT;
    attrs a = {{0}, 0};
    if (!gexf && m->description) {
        attr(&a, "description", m->description);
        line(&lines, "graph", &a);
    }
    if (!gexf && m->title) {
        attr(&a, "title", m->title);
        line(&lines, "graph", &a);
    }
    rg_buf head = RG_BUF_INIT;
    for (size_t i = 0; i < m->n_actors; i++) {
        actor_attrs(&a, m, &m->actors[i], gexf);
        rg_buf_clear(&head);
        rg_buf_printf(&head, "node %s", m->actors[i].id);
        line(&lines, head.buf, &a);
    }
    for (size_t i = 0; i < m->n_ties; i++) {
        const rg_tie *t = &m->ties[i];
        if (!t->multi) {
            edge_line(&lines, m, t, gexf, t->parties[0], t->parties[1], "");
            continue;
        }
        for (size_t p = 0; p < t->n_parties; p++)
            for (size_t q = p + 1; q < t->n_parties; q++) {
                if (t->directed && p > 0)
                    break;
                rg_buf suffix = RG_BUF_INIT;
                if (t->directed)
                    rg_buf_printf(&suffix, "-%s", m->actors[t->parties[q]].id);
                else
                    rg_buf_printf(&suffix, "-%s-%s", m->actors[t->parties[p]].id,
                                  m->actors[t->parties[q]].id);
                edge_line(&lines, m, t, gexf, t->parties[p], t->parties[q], suffix.buf);
                rg_buf_free(&suffix);
            }
    }
    rg_buf_free(&head);
    return rg_buf_detach(&lines, NULL);
}

/* TEXT's lines sorted (owned). */
static char *sorted_lines(const char *text)
{
    char *copy = rg_xstrdup(text);
    char *items[4096];
    size_t n = 0;
    for (char *l = strtok(copy, "\n"); l; l = strtok(NULL, "\n")) {
        assert_true(n < 4096);
        items[n++] = l;
    }
    qsort(items, n, sizeof items[0], cmp_str);
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; i < n; i++)
        rg_buf_printf(&b, "%s\n", items[i]);
    free(copy);
    return rg_buf_detach(&b, NULL);
}

static rg_model *model_of(const char *path, rg_doc **doc, char **data)
{
    size_t len;
    *data = cu_read(path, &len);
    assert_non_null(*data);
    tu_run r;
    tu_begin(&r);
    *doc = rg_load(*data, len, r.diags);
    assert_non_null(*doc);
    rg_model *m = rg_validate(*doc, r.diags);
    if (!m)
        fail_msg("%s: %s", path, tu_text(&r));
    tu_done(&r);
    return m;
}

/* PATH exported to GraphML and GEXF and read back by networkx equals its
 * model. */
static void assert_round_trip(const char *path)
{
    rg_doc *doc;
    char *data;
    rg_model *m = model_of(path, &doc, &data);
    const char *gm = cu_path("x.graphml"), *gx = cu_path("x.gexf");
    cu_result r = CU_RUN(NULL, "-q", path, "-o", gm, "-o", gx);
    if (r.status != 0)
        fail_msg("relgraph %s: status %d: %s", path, r.status, r.err);
    cu_result_free(&r);
    r = CU_EXEC(NULL, "xmllint", "--noout", gm, gx);
    if (r.status != 0)
        fail_msg("%s: not well-formed XML:\n%s", path, r.err);
    cu_result_free(&r);
    const char *xsd = getenv("GEXF_XSD");
    if (xsd && *xsd) {
        r = CU_EXEC(NULL, "xmllint", "--noout", "--schema", xsd, gx);
        if (r.status != 0)
            fail_msg("%s: the GEXF is not valid against %s:\n%s", path, xsd, r.err);
        cu_result_free(&r);
    }
    for (int gexf = 0; gexf < 2; gexf++) {
        r = CU_EXEC(NULL, cu_python(), "tests/network_load.py",
                    gexf ? "gexf" : "graphml", gexf ? gx : gm);
        if (r.status != 0)
            fail_msg("networkx could not read the %s of %s (status %d):\n%s",
                     gexf ? "GEXF" : "GraphML", path, r.status, r.err);
        char *got = sorted_lines(r.out), *want_raw = expected(m, gexf);
        char *want = sorted_lines(want_raw);
        if (strcmp(got, want) != 0)
            fail_msg("%s, %s: networkx read\n%s\nbut the model is\n%s", path,
                     gexf ? "GEXF" : "GraphML", got, want);
        free(got);
        free(want);
        free(want_raw);
        cu_result_free(&r);
    }
    rg_model_free(m);
    rg_doc_free(doc);
    free(data);
}

static void test_data_files(void **state)
{
    (void)state;
    cu_each_file("data", ".yaml", 3, assert_round_trip);
}

static const char hostile[] =
    "title: \"<graphml> & </gexf> \\\"quoted\\\" 'single' ]]> -- <!-- x -->\"\n"
    "description: \"line one\\n\\tindented & <b>bold</b>\\n\"\n"
    "sources:\n"
    "  s1: {title: \"=HYPERLINK(\\\"https://evil.example\\\")\", url: \"https://e.example/a?b=1&c=2\"}\n"
    "groups:\n"
    "  g1: {name: \"</group>&amp;\"}\n"
    "  g2: {name: inner, parent: g1}\n"
    "actors:\n"
    "  a: {name: \"<script>alert(1)</script>\", kind: person, group: g2,\n"
    "      aliases: [\"a; b\", \"=cmd|' /C calc'!A0\", \"\\u202Eevil\"],\n"
    "      note: \"two\\nlines\\tand a tab \\\\N \\\\\\\\\", source: s1}\n"
    "  b: {name: \"\\\"&'<>\", role: \"\\U0001F600 &#10;\"}\n"
    "  c: {name: \"]]>\", url: \"https://c.example/?q=<x>\"}\n"
    "ties:\n"
    "  - {from: a, to: b, kind: accuses, label: \"<edge source=\\\"x\\\"/>\", status: alleged,\n"
    "     note: \"a\\nb\", weight: 3, date: 2007, source: s1}\n"
    "  - {between: [a, b, c], kind: talks, label: \"&lt;three&gt;\", start: 2007-05}\n"
    "  - {between: [c, a, b], kind: demands, id: d.1, end: 2008-02}\n";

static void test_hostile_text(void **state)
{
    (void)state;
    const char *in = cu_path("hostile.yaml");
    /* The URL with angle brackets is refused: the rest is one file. */
    char *text = rg_xstrdup(hostile);
    char *bad = strstr(text, ", url: \"https://c.example/?q=<x>\"");
    memmove(bad, bad + strlen(", url: \"https://c.example/?q=<x>\""),
            strlen(bad + strlen(", url: \"https://c.example/?q=<x>\"")) + 1);
    cu_write(in, text);
    free(text);
    cu_result r = CU_RUN(NULL, "--check", "-q", in);
    if (r.status != 0)
        fail_msg("the hostile file is refused: %s", r.err);
    cu_result_free(&r);
    assert_round_trip(in);
    /* Nothing of the text reaches the markup: no element or comment of
     * its own. */
    char *gm = cu_read(cu_path("x.graphml"), NULL), *gx = cu_read(cu_path("x.gexf"), NULL);
    assert_null(strstr(gm, "<script"));
    assert_null(strstr(gx, "<script"));
    assert_null(strstr(gm, "]]>"));
    assert_null(strstr(gx, "<!-- x"));
    /* A newline in a GEXF attribute is a character reference, which an
     * XML parser keeps (a raw one would read as a space). */
    assert_non_null(strstr(gx, "value=\"two&#10;lines&#9;and a tab \\N \\\\\"/>"));
    free(gm);
    free(gx);
}

/* The exact bytes of a small file, both formats: the shape the tools
 * read, and a check that nothing changes unnoticed. */
static void test_exact_output(void **state)
{
    (void)state;
    static const char yaml[] =
        "title: T\n"
        "actors:\n"
        "  a: {name: A & B, kind: country}\n"
        "  b:\n"
        "ties:\n"
        "  - {from: a, to: b, kind: talks, date: 2007-05, weight: 2}\n";
    cu_result r = CU_RUN(yaml, "-", "-o", "-", "-T", "graphml");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
        "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
        "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
        "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
        "  <!-- relgraph " RG_VERSION " -->\n"
        "  <key id=\"g0\" for=\"graph\" attr.name=\"title\" attr.type=\"string\"/>\n"
        "  <key id=\"g1\" for=\"graph\" attr.name=\"description\" attr.type=\"string\"/>\n"
        "  <key id=\"n0\" for=\"node\" attr.name=\"label\" attr.type=\"string\"/>\n"
        "  <key id=\"n1\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
        "  <key id=\"n2\" for=\"node\" attr.name=\"kind\" attr.type=\"string\"/>\n"
        "  <key id=\"n3\" for=\"node\" attr.name=\"role\" attr.type=\"string\"/>\n"
        "  <key id=\"n4\" for=\"node\" attr.name=\"group\" attr.type=\"string\"/>\n"
        "  <key id=\"n5\" for=\"node\" attr.name=\"groups\" attr.type=\"string\"/>\n"
        "  <key id=\"n6\" for=\"node\" attr.name=\"aliases\" attr.type=\"string\"/>\n"
        "  <key id=\"n7\" for=\"node\" attr.name=\"note\" attr.type=\"string\"/>\n"
        "  <key id=\"n8\" for=\"node\" attr.name=\"url\" attr.type=\"string\"/>\n"
        "  <key id=\"n9\" for=\"node\" attr.name=\"sources\" attr.type=\"string\"/>\n"
        "  <key id=\"e0\" for=\"edge\" attr.name=\"tie\" attr.type=\"string\"/>\n"
        "  <key id=\"e1\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
        "  <key id=\"e2\" for=\"edge\" attr.name=\"label\" attr.type=\"string\"/>\n"
        "  <key id=\"e3\" for=\"edge\" attr.name=\"directed\" attr.type=\"boolean\"/>\n"
        "  <key id=\"e4\" for=\"edge\" attr.name=\"date\" attr.type=\"string\"/>\n"
        "  <key id=\"e5\" for=\"edge\" attr.name=\"start\" attr.type=\"string\"/>\n"
        "  <key id=\"e6\" for=\"edge\" attr.name=\"end\" attr.type=\"string\"/>\n"
        "  <key id=\"e7\" for=\"edge\" attr.name=\"status\" attr.type=\"string\"/>\n"
        "  <key id=\"e8\" for=\"edge\" attr.name=\"weight\" attr.type=\"int\"/>\n"
        "  <key id=\"e9\" for=\"edge\" attr.name=\"note\" attr.type=\"string\"/>\n"
        "  <key id=\"e10\" for=\"edge\" attr.name=\"sources\" attr.type=\"string\"/>\n"
        "  <key id=\"e11\" for=\"edge\" attr.name=\"between\" attr.type=\"string\"/>\n"
        "  <key id=\"e12\" for=\"edge\" attr.name=\"over\" attr.type=\"string\"/>\n"
        "  <graph id=\"G\" edgedefault=\"directed\">\n"
        "    <data key=\"g0\">T</data>\n"
        "    <node id=\"a\">\n"
        "      <data key=\"n0\">A &amp; B</data>\n"
        "      <data key=\"n1\">A &amp; B</data>\n"
        "      <data key=\"n2\">country</data>\n"
        "    </node>\n"
        "    <node id=\"b\">\n"
        "      <data key=\"n0\">b</data>\n"
        "    </node>\n"
        "    <edge id=\"tie-1\" source=\"a\" target=\"b\">\n"
        "      <data key=\"e0\">tie-1</data>\n"
        "      <data key=\"e1\">talks</data>\n"
        "      <data key=\"e3\">false</data>\n"
        "      <data key=\"e4\">2007-05</data>\n"
        "      <data key=\"e8\">2</data>\n"
        "    </edge>\n"
        "  </graph>\n"
        "</graphml>\n");
    cu_result_free(&r);
    r = CU_RUN(yaml, "-", "-o", "-", "-T", "gexf");
    assert_int_equal(r.status, 0);
    const char *edges = strstr(r.out, "    <edges>\n");
    assert_non_null(edges);
    assert_string_equal(edges,
        "    <edges>\n"
        "      <edge id=\"tie-1\" source=\"a\" target=\"b\" type=\"mutual\" weight=\"2\">\n"
        "        <attvalues>\n"
        "          <attvalue for=\"tie\" value=\"tie-1\"/>\n"
        "          <attvalue for=\"kind\" value=\"talks\"/>\n"
        "          <attvalue for=\"directed\" value=\"false\"/>\n"
        "          <attvalue for=\"date\" value=\"2007-05\"/>\n"
        "        </attvalues>\n"
        "        <spells>\n"
        "          <spell start=\"2007-05-01\" end=\"2007-05-31\"/>\n"
        "        </spells>\n"
        "      </edge>\n"
        "    </edges>\n"
        "  </graph>\n"
        "</gexf>\n");
    assert_non_null(strstr(r.out, "<graph defaultedgetype=\"directed\" mode=\"dynamic\" "
                                  "timeformat=\"date\">\n"));
    assert_non_null(strstr(r.out, "<meta>\n    <creator>relgraph " RG_VERSION
                                  "</creator>\n    <description>T</description>\n"
                                  "  </meta>\n"));
    cu_result_free(&r);
}

/* The filters apply: the file holds what the drawing would. */
static void test_filtered(void **state)
{
    (void)state;
    cu_result r = CU_RUN(NULL, "-q", "data/iran-us-talks-2007.yaml", "--kinds", "custody",
                         "-o", "-", "-T", "graphml");
    assert_int_equal(r.status, 0);
    size_t edges = 0;
    for (const char *p = r.out; (p = strstr(p, "<edge ")); p++)
        edges++;
    assert_true(edges >= 1);
    assert_null(strstr(r.out, ">accuses<"));
    assert_non_null(strstr(r.out, ">custody<"));
    cu_result_free(&r);
}

int main(void)
{
    if (!getenv("GEXF_XSD"))
        print_message("test_network: no GEXF 1.3 XSD on this machine (Debian has "
                      "none; set GEXF_XSD to one to validate against it)\n");
    const struct CMUnitTest tests[] = {
        cu_scratch_test(test_data_files),
        cu_scratch_test(test_hostile_text),
        cu_scratch_test(test_exact_output),
        cu_scratch_test(test_filtered),
    };
    return cmocka_run_group_tests_name("network", tests, NULL, NULL);
}
