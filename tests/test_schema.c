/*
 * test_schema.c - the JSON Schema of the format (src/schema.json, printed
 * by `relgraph --schema`) against a real validator, Debian's
 * python3-jsonschema (Draft202012Validator) with python3-yaml, driven by
 * tests/validate_schema.py:
 *   - --schema prints src/schema.json byte for byte, and it is a valid
 *     draft 2020-12 schema;
 *   - every file relgraph accepts in data/ and tests/data/ is valid, and
 *     together they use every key the schema describes;
 *   - every file in tests/data/invalid/ is refused by both relgraph
 *     --check (with the message its first line names) and the schema;
 *   - the schema's enums are relgraph's own tables.
 */
#include "cliutil.h"

#define SCRIPT "tests/validate_schema.py"

/* `relgraph --schema` into the scratch directory; returns its path. */
static const char *schema_from_binary(void)
{
    cu_result r = CU_RUN(NULL, "--schema");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    const char *p = cu_path("schema.json");
    FILE *f = fopen(p, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(r.out, 1, r.out_len, f), r.out_len);
    assert_int_equal(fclose(f), 0);
    cu_result_free(&r);
    return p;
}

/* Run the validator on FILES; its output lines are in R.out. */
static cu_result validate(const char *schema, char **files, size_t n,
                          const char *mode)
{
    const char **argv = rg_xcalloc(n + 5, sizeof *argv);
    size_t k = 0;
    argv[k++] = cu_python();
    argv[k++] = SCRIPT;
    if (mode)
        argv[k++] = mode;
    argv[k++] = schema;
    for (size_t i = 0; i < n; i++)
        argv[k++] = files[i];
    argv[k] = NULL;
    cu_result r = cu_exec(NULL, argv);
    free(argv);
    if (r.status == 2 || r.status == 127)
        print_message("validator could not run (status %d): %s\n", r.status, r.err);
    return r;
}

static void test_schema_option_prints_the_file(void **state)
{
    (void)state;
    size_t len;
    char *file = cu_read("src/schema.json", &len);
    assert_non_null(file);
    cu_result r = CU_RUN(NULL, "--schema");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    assert_int_equal(r.out_len, len);
    assert_memory_equal(r.out, file, len);
    cu_result_free(&r);
    /* It is the same whatever else the command line says. */
    r = CU_RUN(NULL, "-q", "--schema", "no-such-file.yaml");
    assert_int_equal(r.status, 0);
    assert_int_equal(r.out_len, len);
    cu_result_free(&r);
    /* A failed write is an output failure, not silence. */
    if (access("/dev/full", W_OK) == 0) {
        const char *argv[] = {"/bin/sh", "-c", "\"$0\" --schema >/dev/full",
                              cu_binary(), NULL};
        r = cu_exec(NULL, argv);
        cu_expect_part(&r, 3, "relgraph: error: cannot write the schema");
    }
    free(file);

    /* It parses as JSON and is a valid draft 2020-12 schema: the
     * validator checks it against the meta-schema before anything. */
    const char *schema = schema_from_binary();
    r = CU_EXEC(NULL, cu_python(), SCRIPT, schema, "data/iran-us-talks-2007.yaml");
    if (r.status != 0)
        print_message("%s%s", r.out, r.err);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "valid\tdata/iran-us-talks-2007.yaml\n");
    cu_result_free(&r);
}

/* The .yaml files of data/ and tests/data/ that relgraph accepts (every
 * one in data/ must be). */
static char **accepted_files(size_t *n)
{
    size_t nd, nt;
    char **data = cu_glob("data", ".yaml", &nd);
    char **tdata = cu_glob("tests/data", ".yaml", &nt);
    assert_true(nd >= 3);
    char **out = rg_xcalloc(nd + nt + 1, sizeof *out);
    size_t k = 0;
    for (size_t i = 0; i < nd + nt; i++) {
        char *f = i < nd ? data[i] : tdata[i - nd];
        cu_result r = CU_RUN(NULL, "--check", "-q", f);
        if (i < nd && r.status != 0)
            print_message("%s: %s", f, r.err);
        if (i < nd)
            assert_int_equal(r.status, 0);
        if (r.status == 0)
            out[k++] = rg_xstrdup(f);
        cu_result_free(&r);
    }
    cu_glob_free(data);
    cu_glob_free(tdata);
    *n = k;
    return out;
}

static void test_valid_files_pass_the_schema(void **state)
{
    (void)state;
    const char *schema = schema_from_binary();
    size_t n;
    char **files = accepted_files(&n);
    bool corners = false;
    for (size_t i = 0; i < n; i++)
        corners |= strcmp(files[i], "tests/data/schema-corners.yaml") == 0;
    assert_true(corners);

    cu_result r = validate(schema, files, n, NULL);
    if (r.status != 0)
        print_message("%s", r.out);
    assert_int_equal(r.status, 0);
    /* One "valid" line per file. */
    size_t lines = 0;
    for (const char *p = r.out; (p = strstr(p, "valid\t")); p++)
        lines++;
    assert_int_equal(lines, n);
    assert_null(strstr(r.out, "invalid"));
    cu_result_free(&r);

    /* Between them they use every key the schema describes, so each key
     * of the schema is one relgraph accepts. */
    r = validate(schema, files, n, "--unused-keys");
    if (r.status != 0)
        print_message("keys the schema describes that no valid file uses:\n%s%s",
                      r.out, r.err);
    assert_int_equal(r.status, 0);
    assert_string_equal(r.out, "");
    cu_result_free(&r);
    cu_glob_free(files);
}

static void test_invalid_files_fail_both(void **state)
{
    (void)state;
    const char *schema = schema_from_binary();
    size_t n;
    char **files = cu_glob("tests/data/invalid", ".yaml", &n);
    assert_true(n >= 20);
    for (size_t i = 0; i < n; i++) {
        /* The first line names relgraph's message. */
        char *text = cu_text(files[i]);
        static const char tag[] = "# relgraph: ";
        if (strncmp(text, tag, sizeof tag - 1) != 0)
            fail_msg("%s: the first line must be '# relgraph: MESSAGE'", files[i]);
        char *want = text + sizeof tag - 1;
        want[strcspn(want, "\n")] = '\0';

        cu_result r = CU_RUN(NULL, "--check", files[i]);
        if (r.status != 1 || !strstr(r.err, want) || !strstr(r.err, ": error: "))
            fail_msg("%s: relgraph --check gave status %d and\n%s\nwanted status 1 "
                     "and '%s'", files[i], r.status, r.err, want);
        cu_result_free(&r);
        free(text);
    }
    cu_result r = validate(schema, files, n, NULL);
    assert_int_equal(r.status, 1);
    for (size_t i = 0; i < n; i++) {
        rg_buf want = {0};
        rg_buf_printf(&want, "invalid\t%s\t", files[i]);
        if (!strstr(r.out, want.buf))
            fail_msg("the schema accepts %s:\n%s", files[i], r.out);
        free(want.buf);
    }
    assert_null(strstr(r.out, "\nvalid\t"));
    assert_true(strncmp(r.out, "valid\t", 6) != 0);
    cu_result_free(&r);
    cu_glob_free(files);
}

/* The enum at POINTER, one value a line, equals NAMES. */
static void assert_enum(const char *schema, const char *pointer,
                        const char *const *names, size_t n)
{
    cu_result r = CU_EXEC(NULL, cu_python(), SCRIPT, "--enum", schema, pointer);
    assert_int_equal(r.status, 0);
    rg_buf want = {0};
    rg_buf_puts(&want, "");
    for (size_t i = 0; i < n; i++)
        rg_buf_printf(&want, "%s\n", names[i]);
    if (strcmp(r.out, want.buf) != 0)
        fail_msg("enum %s in the schema:\n%sbut relgraph has:\n%s", pointer,
                 r.out, want.buf);
    free(want.buf);
    cu_result_free(&r);
}

static void test_enums_are_relgraphs_tables(void **state)
{
    (void)state;
    const char *schema = "src/schema.json";
    static const struct {
        const char *pointer;
        const rg_names *names;
    } enums[] = {
        {"/$defs/color/anyOf/0", &rg_color_names},
        {"/$defs/actorKind/properties/shape", &rg_shape_names},
        {"/properties/render/properties/layout", &rg_layout_names},
        {"/properties/render/properties/direction", &rg_direction_names},
        {"/properties/render/properties/theme", &rg_theme_names},
        {"/properties/render/properties/font", &rg_font_names},
        {"/properties/render/properties/edge_labels/anyOf/0", &rg_label_names},
        {"/$defs/tieKind/properties/line", &rg_line_names},
        {"/$defs/tieKind/properties/arrow", &rg_arrow_names},
        {"/$defs/tie/properties/status", &rg_status_names},
        {"/properties/render/properties/page/anyOf/0", &rg_page_names},
        {"/properties/render/properties/orientation", &rg_orientation_names},
    };
    for (size_t i = 0; i < sizeof enums / sizeof enums[0]; i++)
        assert_enum(schema, enums[i].pointer, enums[i].names->names, enums[i].names->n);
    /* The built-in kinds, as the validator knows them. */
    tu_run run;
    tu_begin(&run);
    rg_doc *doc = rg_load("actors: {}\n", 11, run.diags);
    assert_non_null(doc);
    rg_model *m = rg_validate(doc, run.diags);
    assert_non_null(m);
    const char *ties[64], *actors[64];
    size_t nt = 0, na = 0;
    for (size_t i = 0; i < m->n_tie_kinds && nt < 64; i++)
        ties[nt++] = m->tie_kinds[i].id;
    for (size_t i = 0; i < m->n_actor_kinds && na < 64; i++)
        actors[na++] = m->actor_kinds[i].id;
    assert_enum(schema, "/$defs/tieKindRef/anyOf/0", ties, nt);
    assert_enum(schema, "/$defs/actorKindRef/anyOf/0", actors, na);
    rg_model_free(m);
    rg_doc_free(doc);
    tu_done(&run);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cu_scratch_test(test_schema_option_prints_the_file),
        cu_scratch_test(test_valid_files_pass_the_schema),
        cu_scratch_test(test_invalid_files_fail_both),
        cu_scratch_test(test_enums_are_relgraphs_tables),
    };
    return cmocka_run_group_tests_name("schema", tests, NULL, NULL);
}
