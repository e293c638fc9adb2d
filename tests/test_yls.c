/*
 * test_yls.c - the JSON Schema in the editor, as the README promises it:
 * the real yaml-language-server (from npm: `make check` installs it into
 * build/yls/, and passes its path as $YLS) over stdio, driven by
 * tests/yls_session.js, on a data file whose first line is
 *     # yaml-language-server: $schema=relgraph.schema.json
 * (a copy made by `relgraph --schema`, beside the file). It must report
 * an unknown key and the bad enum values, offer the tie kinds when a
 * tie's kind is completed, and show a key's description on hover.
 */
#include "cliutil.h"

static const char story[] =
    "# yaml-language-server: $schema=relgraph.schema.json\n"
    "title: Talks on Iraq security\n"
    "actors:\n"
    "  us: {name: United States, kind: country, nmae: typo}\n"
    "  iran: {name: Iran, kind: country}\n"
    "ties:\n"
    "  - from: us\n"
    "    to: iran\n"
    "    kind: \n"
    "    status: rumoured\n"
    "render: {theme: pink}\n";

static void test_language_server(void **state)
{
    (void)state;
    const char *yls = getenv("YLS");
    if (!yls || access(yls, R_OK) != 0)
        fail_msg("no yaml-language-server at $YLS (%s): `make check` installs it "
                 "from npm into build/yls/", yls ? yls : "unset");
    cu_result r = CU_RUN(NULL, "--schema");
    assert_int_equal(r.status, 0);
    char schema[300], doc[300];
    snprintf(schema, sizeof schema, "%s", cu_path("relgraph.schema.json"));
    snprintf(doc, sizeof doc, "%s", cu_path("story.yaml"));
    cu_write(schema, r.out);
    cu_result_free(&r);
    cu_write(doc, story);
    /* The completion just after "    kind: " (line 8); the hover on the
     * key "title" (line 1). */
    r = CU_EXEC(NULL, "node", "tests/yls_session.js", yls, doc, "8", "10", "1", "2");
    if (r.status != 0)
        fail_msg("yls_session.js (status %d):\n%s", r.status, r.err);
    rg_buf want = RG_BUF_INIT;
    rg_buf_printf(&want,
        "{\n"
        " \"diagnostics\": [\n"
        "  [\n   3,\n   43,\n   \"Property nmae is not allowed.\"\n  ],\n"
        "  [\n   8,\n   10,\n   \"Value is not accepted. Valid values: \\\"talks\\\", "
        "\\\"accuses\\\", \\\"custody\\\", \\\"demands\\\", \\\"proposes\\\", "
        "\\\"supports\\\", \\\"opposes\\\", \\\"allied\\\", \\\"represents\\\", "
        "\\\"hosts\\\", \\\"disputes\\\".\"\n  ],\n"
        "  [\n   9,\n   12,\n   \"Value is not accepted. Valid values: \\\"alleged\\\", "
        "\\\"confirmed\\\", \\\"denied\\\", \\\"ended\\\".\"\n  ],\n"
        "  [\n   10,\n   16,\n   \"Value is not accepted. Valid values: \\\"light\\\", "
        "\\\"dark\\\", \\\"mono\\\".\"\n  ]\n"
        " ],\n"
        " \"completion\": [\n"
        "  \"accuses\",\n  \"allied\",\n  \"custody\",\n  \"demands\",\n"
        "  \"disputes\",\n  \"hosts\",\n"
        "  \"opposes\",\n  \"proposes\",\n  \"represents\",\n  \"supports\",\n"
        "  \"talks\"\n"
        " ],\n"
        " \"hover\": \"#### relgraph data file \\\\(format 1\\\\)\\n\\nTitle drawn above "
        "the diagram, and the SVG <title>\\\\.\\n\\nSource: "
        "[relgraph.schema.json](file://%s)\"\n"
        "}\n", schema);
    assert_string_equal(r.out, want.buf);
    rg_buf_free(&want);
    cu_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cu_scratch_test(test_language_server),
    };
    return cmocka_run_group_tests_name("yls", tests, NULL, NULL);
}
