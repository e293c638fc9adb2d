/*
 * test_import.c - `relgraph import` (sheet.c, import.c, import_yaml.c):
 *   - a Kumu export (Label, Type, Description, Direction, extra columns)
 *     and a TSV with every column become the exact data file expected,
 *     which passes --check; without an actor sheet the actors come from
 *     the ties, with ids made from names;
 *   - hostile cells (a newline, quotes, =cmd formula text, YAML's own
 *     syntax, a NUL, bad UTF-8, a BOM, CRLF) come back as the same text
 *     through relgraph's own loader, or are an error at their row and
 *     column;
 *   - every bad cell of both sheets is reported in one run, each as
 *     FILE:ROW:COL: error: with its exact message, and nothing is written;
 *   - the command line: -o (atomic: a refused import leaves the file as it
 *     was), standard input, usage errors.
 */
#include "cliutil.h"

#include "sheet.h"

typedef struct sink {
    rg_buf text;
    const char *file;
} sink;

static void collect(const rg_diagnostic *d, void *ud)
{
    sink *s = ud;
    if (d->has_mark)
        rg_buf_printf(&s->text, "%s:%zu:%zu: %s: %s\n", d->file, d->mark.line + 1,
                      d->mark.column + 1, d->severity == RG_ERROR ? "error" : "warning",
                      d->message);
    else
        rg_buf_printf(&s->text, "%s: error: %s\n", d->file, d->message);
}

/* Import ACTORS (or none) and TIES in memory; *DIAGS gets the messages of
 * both (owned). Returns the YAML (owned) or NULL. */
static char *import(const char *actors, const char *ties, bool tsv, char **diags)
{
    sink s = {RG_BUF_INIT, NULL};
    rg_diags *da = rg_diags_new(tsv ? "actors.tsv" : "actors.csv", collect, &s);
    rg_diags *dt = rg_diags_new(tsv ? "ties.tsv" : "ties.csv", collect, &s);
    rg_sheet_input a = {actors, actors ? strlen(actors) : 0, tsv, da};
    rg_sheet_input t = {ties, strlen(ties), tsv, dt};
    size_t len;
    char *yaml = rg_import(actors ? &a : NULL, &t, &len);
    rg_diags_flush(da);
    rg_diags_flush(dt);
    rg_diags_free(da);
    rg_diags_free(dt);
    *diags = rg_buf_detach(&s.text, NULL);
    if (yaml)
        assert_int_equal(strlen(yaml), len);
    return yaml;
}

static char *import_ok(const char *actors, const char *ties, bool tsv)
{
    char *diags;
    char *yaml = import(actors, ties, tsv, &diags);
    if (!yaml || *diags)
        fail_msg("the import failed:\n%s", diags);
    free(diags);
    return yaml;
}

static void assert_errors(const char *actors, const char *ties, const char *want)
{
    char *diags;
    char *yaml = import(actors, ties, false, &diags);
    assert_null(yaml);
    assert_string_equal(diags, want);
    free(diags);
}

#define KUMU_ELEMENTS "tests/data/import/kumu-elements.csv"
#define KUMU_CONNECTIONS "tests/data/import/kumu-connections.csv"
#define ACTORS_TSV "tests/data/import/actors.tsv"
#define TIES_TSV "tests/data/import/ties.tsv"

/* The import of the sheets in the files ACTORS and TIES, which must
 * succeed (the test's to free). */
static char *import_files(const char *actors, const char *ties, bool tsv)
{
    char *a = cu_text(actors), *t = cu_text(ties);
    char *yaml = import_ok(a, t, tsv);
    free(a);
    free(t);
    return yaml;
}

static void test_kumu_export(void **state)
{
    (void)state;
    char *yaml = import_files(KUMU_ELEMENTS, KUMU_CONNECTIONS, false);
    assert_string_equal(yaml,
        "relgraph: 1\n"
        "actors:\n"
        "  united-states:\n"
        "    name: United States\n"
        "    kind: country\n"
        "    note: The U.S., \"America\"\n"
        "    x-tags: superpower|nato\n"
        "  iran:\n"
        "    name: Iran\n"
        "    kind: country\n"
        "    note: Islamic Republic\n"
        "  ryan-crocker:\n"
        "    name: Ryan Crocker\n"
        "    kind: person\n"
        "    note: |-\n"
        "      U.S. Ambassador to Iraq\n"
        "      from 2007\n"
        "    x-tags: envoy\n"
        "  hassan-kazemi-qomi:\n"
        "    name: Hassan Kazemi Qomi\n"
        "    kind: person\n"
        "    x-tags: envoy\n"
        "ties:\n"
        "- from: united-states\n"
        "  to: iran\n"
        "  kind: accuses\n"
        "  label: arming and training militias\n"
        "  directed: true\n"
        "- from: ryan-crocker\n"
        "  to: hassan-kazemi-qomi\n"
        "  kind: talks\n"
        "  label: four-hour talks\n"
        "  directed: false\n"
        "  note: Baghdad\n"
        "- from: ryan-crocker\n"
        "  to: united-states\n"
        "  kind: represents\n"
        "- from: hassan-kazemi-qomi\n"
        "  to: iran\n"
        "  kind: represents\n");
    /* Through the binary, the same, and it passes --check --strict. */
    cu_result r = CU_RUN(NULL, "import", KUMU_ELEMENTS, KUMU_CONNECTIONS);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_string_equal(r.out, yaml);
    cu_result c = CU_RUN(r.out, "--check", "--strict", "-");
    cu_expect(&c, 0, "");
    cu_result_free(&r);
    free(yaml);
}

static void test_tsv_every_column(void **state)
{
    (void)state;
    char *yaml = import_files(ACTORS_TSV, TIES_TSV, true);
    assert_string_equal(yaml,
        "relgraph: 1\n"
        "sources:\n"
        "  cbs-news: {title: CBS News}\n"
        "groups:\n"
        "  washington-side: {name: Washington side}\n"
        "actors:\n"
        "  us:\n"
        "    name: United States\n"
        "    kind: country\n"
        "    group: washington-side\n"
        "    aliases: [U.S., America]\n"
        "    url: https://www.state.gov/\n"
        "    source: https://www.cbsnews.com/\n"
        "  iran:\n"
        "    name: Iran\n"
        "    kind: country\n"
        "ties:\n"
        "- from: us\n"
        "  to: iran\n"
        "  id: efp\n"
        "  kind: accuses\n"
        "  label: EFPs\n"
        "  start: 2007-01\n"
        "  end: 2007-06\n"
        "  status: alleged\n"
        "  weight: 3\n"
        "  note: per CBS\n"
        "  sources: [cbs-news, 'https://www.cbsnews.com/']\n"
        "- from: iran\n"
        "  to: us\n"
        "  kind: demands\n"
        "  label: release the five\n"
        "  start: 2007\n");
    cu_result r = CU_RUN(NULL, "import", "-o", cu_path("out.yaml"), ACTORS_TSV, TIES_TSV);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "");
    cu_result_free(&r);
    cu_assert_text(cu_path("out.yaml"), yaml);
    r = CU_RUN(NULL, "--check", "--strict", cu_path("out.yaml"));
    assert_int_equal(r.status, 0);
    cu_result_free(&r);
    free(yaml);
}

static void test_ties_alone(void **state)
{
    (void)state;
    /* Ids from names: ASCII lower case, runs of anything else one '-',
     * the same name the same actor, a taken id given a number. */
    char *yaml = import_ok(NULL,
        "FROM,To,KIND\n"
        "Ryan Crocker,Hassan Kazemi Qomi,talks\n"
        "Inès Varga,ryan crocker,Mediates\n"
        "Ryan Crocker!,Ryan Crocker,supports\n"
        "Иран,Ryan Crocker,talks\n", false);
    assert_string_equal(yaml,
        "relgraph: 1\n"
        "kinds:\n"
        "  ties:\n"
        "    mediates: {label: Mediates}\n"
        "actors:\n"
        "  ryan-crocker:\n"
        "    name: Ryan Crocker\n"
        "  hassan-kazemi-qomi:\n"
        "    name: Hassan Kazemi Qomi\n"
        "  in-s-varga:\n"
        "    name: Inès Varga\n"
        "  ryan-crocker-2:\n"
        "    name: ryan crocker\n"
        "  ryan-crocker-3:\n"
        "    name: Ryan Crocker!\n"
        "  x:\n"
        "    name: Иран\n"
        "ties:\n"
        "- from: ryan-crocker\n"
        "  to: hassan-kazemi-qomi\n"
        "  kind: talks\n"
        "- from: in-s-varga\n"
        "  to: ryan-crocker-2\n"
        "  kind: mediates\n"
        "- from: ryan-crocker-3\n"
        "  to: ryan-crocker\n"
        "  kind: supports\n"
        "- from: x\n"
        "  to: ryan-crocker\n"
        "  kind: talks\n");
    free(yaml);
    /* A dispute over a subject: 'over' names an actor, as from and to. */
    yaml = import_ok(NULL, "from,to,kind,over,label\nJuan,Lazaro,disputes,Elian,custody\n",
                     false);
    assert_non_null(strstr(yaml, "- from: juan\n  to: lazaro\n  over: elian\n"
                                 "  kind: disputes\n  label: custody\n"));
    free(yaml);
    /* A kind of the file's own never takes a built-in kind's id. */
    yaml = import_ok(NULL, "from,to,kind\na,b,Talks!\n", false);
    assert_non_null(strstr(yaml, "kinds:\n  ties:\n    talks-2: {label: Talks!}\n"));
    free(yaml);
}

/* Each hostile text, as a cell, comes back as the same text through
 * relgraph's own loader. */
static void test_hostile_cells(void **state)
{
    (void)state;
    static const char *const texts[] = {
        "=cmd|' /C calc'!A0", "=HYPERLINK(\"https://evil.example\",\"x\")",
        "+1", "-1", "@SUM(A1)", "two\nlines", "\"quoted\"", "it's",
        "a, b", "key: value", "- item", "[flow]", "{map}", "&anchor", "*alias",
        "!tag", "# not a comment", "a #b", "true", "null", "~", "1984", "0x1F",
        "1.5e3", ".inf", "yes", "No", "<<", "'", "\"", "%YAML", "---", "...",
        "trailing space ", "\tindented", "\xE2\x80\xAE" "evil", "\xF0\x9F\x98\x80",
        "line\n\nblank line", "ends with newline\n", "|", ">",
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        rg_buf csv = RG_BUF_INIT;
        rg_buf_puts(&csv, "from,to,kind,label\na,b,talks,\"");
        for (const char *p = texts[i]; *p; p++) {
            if (*p == '"')
                rg_buf_putc(&csv, '"');
            rg_buf_putc(&csv, *p);
        }
        rg_buf_puts(&csv, "\"\n");
        char *yaml = import_ok(NULL, csv.buf, false);
        rg_model *m = tu_valid_model(yaml, false);
        assert_int_equal(m->n_ties, 1);
        /* The white space around a cell is not kept. */
        rg_buf want = RG_BUF_INIT;
        const char *s = texts[i], *e = s + strlen(s);
        while (*s == ' ' || *s == '\t' || *s == '\n')
            s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n'))
            e--;
        rg_buf_add(&want, s, (size_t)(e - s));
        if (!m->ties[0].label || strcmp(m->ties[0].label, want.buf) != 0)
            fail_msg("cell \"%s\" came back as \"%s\" from:\n%s", want.buf,
                     m->ties[0].label ? m->ties[0].label : "(none)", yaml);
        rg_buf_free(&want);
        rg_model_free(m);
        free(yaml);
        rg_buf_free(&csv);
    }
}

static void test_bytes_refused(void **state)
{
    (void)state;
    /* A NUL, another control character, bad UTF-8, a noncharacter:
     * errors at the cell. */
    sink s = {RG_BUF_INIT, NULL};
    rg_diags *d = rg_diags_new("t.csv", collect, &s);
    static const char csv[] = "from,to,kind\na,b\0c,talks\na\x01,b,talks\n"
                              "a,\xC3(,talks\n\"a\rb\",b,talks\n"
                              "a,b,\xEF\xBF\xBF\n";
    rg_sheet_input t = {csv, sizeof csv - 1, false, d};
    size_t len;
    assert_null(rg_import(NULL, &t, &len));
    rg_diags_flush(d);
    assert_string_equal(s.text.buf,
                        "t.csv:2:2: error: control character U+0000 in cell\n"
                        "t.csv:3:1: error: control character U+0001 in cell\n"
                        "t.csv:4:2: error: invalid UTF-8 in cell\n"
                        "t.csv:5:1: error: control character U+000D in cell\n"
                        "t.csv:6:3: error: noncharacter U+FFFF in cell\n");
    rg_diags_free(d);
    rg_buf_free(&s.text);
    /* A byte order mark and CRLF line ends, as spreadsheets save, are
     * fine; CRLF inside a quoted cell is a newline. */
    char *yaml = import_ok(NULL, "\xEF\xBB\xBF" "from,to,kind,note\r\n"
                                 "a,b,talks,\"x\r\ny\"\r\n\r\nb,a,talks,\r\n", false);
    rg_model *m = tu_valid_model(yaml, false);
    assert_int_equal(m->n_ties, 2);
    assert_string_equal(m->ties[0].note, "x\ny");
    rg_model_free(m);
    free(yaml);
}

static void test_every_error_in_one_run(void **state)
{
    (void)state;
    assert_errors(
        "id,name,kind,url,group\n"
        "us,United States,country,javascript:alert(1),\n"
        "us,U.S.,country,,\n"
        "bad id!,Iran,country,,\n"
        ",,organization,,g\n"
        "iran,Iran,,\"https://x.example/\"\"q\",\n",
        "from,to,kind,date,status,weight,directed,start,end,,id\n"
        "United Staets,iran,accuses,2007-13,rumoured,9,maybe,,,,\n"
        "iran,,talks,28/05/2007,,,,,,x,\n"
        "iran,us,,2007,,,,2007,,,\n"
        "us,iran,talks,,,,,2008,2007-12-31,,t 1\n"
        "us,iran,talks,\"broken \"quote,,,,,,,\n",
        "actors.csv:2:4: error: invalid URL 'javascript:alert(1)': only http and "
        "https URLs are allowed\n"
        "actors.csv:3:1: error: duplicate actor id 'us'\n"
        "actors.csv:4:1: error: invalid actor id 'bad id!': use letters, digits, "
        "'_', '.' and '-' (not first), at most 128 characters\n"
        "actors.csv:5:1: error: an actor needs a name or an id\n"
        "actors.csv:6:4: error: invalid URL 'https://x.example/\"q': it contains a "
        "quote\n"
        "ties.csv:2:1: error: unknown actor 'United Staets'; did you mean "
        "'United States'?\n"
        "ties.csv:2:4: error: invalid date '2007-13': no such month\n"
        "ties.csv:2:5: error: invalid status 'rumoured'; expected one of: alleged, "
        "confirmed, denied, ended\n"
        "ties.csv:2:6: error: 'weight' must be an integer from 1 to 5, found '9'\n"
        "ties.csv:2:7: error: 'directed' must be true or false (or directed, "
        "undirected, mutual), found 'maybe'\n"
        "ties.csv:3:2: error: a tie needs 'to'\n"
        "ties.csv:3:4: error: invalid date '28/05/2007': expected YYYY, YYYY-MM or "
        "YYYY-MM-DD\n"
        "ties.csv:3:10: error: a cell in a column with no name in the header row\n"
        "ties.csv:4:3: error: a tie needs a 'kind'\n"
        "ties.csv:4:4: error: 'date' cannot be combined with 'start' or 'end'\n"
        "ties.csv:5:9: error: 'end' (2007-12-31) is before 'start' (2008)\n"
        "ties.csv:5:11: error: invalid tie id 't 1': use letters, digits, '_', '.' "
        "and '-' (not first), at most 128 characters\n"
        "ties.csv:6:4: error: malformed quoting: a quote inside a cell must be "
        "doubled (\"\"), and a quoted cell must end with a quote\n");
    /* A tie id used twice: the data file would refuse it (found by
     * fuzz_import). */
    assert_errors(NULL, "from,to,kind,id\nus,iran,accuses,efp\niran,us,talks,t2\n"
                        "us,iran,demands,efp\n",
                  "ties.csv:4:4: error: duplicate tie id 'efp' (first in row 2)\n");
    /* The header. */
    assert_errors("kind,role\nperson,x\n", "from,to,kind\n",
                  "actors.csv:1:1: error: no 'name' (or 'id') column in the header row\n");
    assert_errors(NULL, "From,Label,Kind,Type,Tags,TAGS\n",
                  "ties.csv:1:1: error: no 'to' column in the header row\n"
                  "ties.csv:1:4: error: column 'Type' gives 'kind' again (column 3 "
                  "gives it already)\n"
                  "ties.csv:1:6: error: columns 5 and 6 would both be kept as "
                  "'x-tags'; rename one\n");
    assert_errors(NULL, "", "ties.csv: error: the sheet is empty: its first row must "
                            "name the columns\n");
    assert_errors("name\nIran\n", "from,to,kind\nIran,Iraq,talks\n",
                  "ties.csv:2:2: error: unknown actor 'Iraq'; did you mean 'Iran'?\n");
}

static void test_command_line(void **state)
{
    (void)state;
    /* Standard input, as the tie sheet. */
    cu_result r = CU_RUN("from,to,kind\na,b,talks\n", "import", "-");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "relgraph: 1\nactors:\n  a:\n    name: a\n  b:\n"
                               "    name: b\nties:\n- from: a\n  to: b\n  kind: talks\n");
    cu_result_free(&r);
    /* A refused import writes nothing and leaves -o's file as it was. */
    const char *out = cu_path("keep.yaml");
    cu_write(out, "old\n");
    const char *bad = cu_path("bad.csv");
    cu_write(bad, "from,to,kind\na,,talks\n");
    r = CU_RUN(NULL, "import", "-o", out, bad);
    cu_expectf(&r, 1, "%s:2:2: error: a tie needs 'to'\n", bad);
    cu_assert_text(out, "old\n");
    cu_assert_listing("bad.csv keep.yaml");
    /* Usage errors. */
    static const struct {
        const char *args[4], *err;
    } usage[] = {
        {{"import", NULL}, "relgraph: error: import needs a sheet of ties "
                           "(relgraph import [ACTORS.csv] TIES.csv)\n"},
        {{"import", "a", "b", "c"}, "relgraph: error: import takes at most two "
                                    "sheets: ACTORS.csv TIES.csv\n"},
        {{"import", "--bogus", "t.csv", NULL}, "relgraph: error: unknown option "
                                               "'--bogus' of import\n"},
        {{"import", "-", "-", NULL}, "relgraph: error: only one sheet can be "
                                     "standard input\n"},
    };
    for (size_t i = 0; i < sizeof usage / sizeof usage[0]; i++) {
        const char *argv[8] = {cu_binary()};
        for (size_t k = 0; k < 4 && usage[i].args[k]; k++)
            argv[k + 1] = usage[i].args[k];
        r = cu_exec(NULL, argv);
        cu_expectf(&r, 2, "%sTry 'relgraph --help' for more information.\n",
                   usage[i].err);
    }
    r = CU_RUN(NULL, "import", "-o", bad, bad);
    assert_int_equal(r.status, 2);
    cu_result_free(&r);
    r = CU_RUN(NULL, "import", cu_path("missing.csv"));
    cu_expect_part(&r, 1, "missing.csv");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kumu_export),
        cu_scratch_test(test_tsv_every_column),
        cmocka_unit_test(test_ties_alone),
        cmocka_unit_test(test_hostile_cells),
        cmocka_unit_test(test_bytes_refused),
        cmocka_unit_test(test_every_error_in_one_run),
        cu_scratch_test(test_command_line),
    };
    return cmocka_run_group_tests_name("import", tests, NULL, NULL);
}
