/*
 * test_determinism.c - byte-identical outputs (relgraph(1), DESCRIPTION: the same
 * input, options, Graphviz version and fonts give the same files), through
 * the binary:
 *   - the same input twice gives the same SVG, PNG, PDF, DOT, JSON and
 *     Markdown, with every engine but fdp (Graphviz 2.43's fdp is not
 *     reproducible from run to run: documented in the README);
 *   - the PDF carries no creation date (cairo writes the time of the run);
 *   - the same model written another way gives the same bytes: keys in
 *     another order inside every object, flow style instead of block
 *     style, comments, blank lines, other indentation, CRLF line ends and
 *     a UTF-8 byte order mark (the order of the actors and the ties
 *     themselves is kept);
 *   - the force-directed engines are seeded from render.seed: the same
 *     seed gives the same layout, another seed another layout.
 */
#include "cliutil.h"

static const char *const formats[] = {"svg", "png", "pdf", "dot", "json", "md",
                                     "html", "graphml", "gexf"};
#define N_FORMATS (sizeof formats / sizeof formats[0])

/* Render IN into PREFIX.svg, PREFIX.png, ... in one run, with EXTRA
 * options (NULL-terminated, may be empty). */
static void render_all(const char *in, const char *prefix, const char *const *extra)
{
    const char *args[64];
    size_t n = 0;
    args[n++] = in;
    static char outs[N_FORMATS][300];
    for (size_t i = 0; i < N_FORMATS; i++) {
        snprintf(outs[i], sizeof outs[i], "%s/%s.%s", cu_dir, prefix, formats[i]);
        args[n++] = "-o";
        args[n++] = outs[i];
    }
    for (; extra && *extra; extra++)
        args[n++] = *extra;
    args[n] = NULL;
    cu_result r = cu_run(NULL, args);
    /* Warnings are allowed (-K neato on groups has one), errors not. */
    if (r.status != 0 || strstr(r.err, "error"))
        fail_msg("relgraph %s (%s): status %d\n%s", in, prefix, r.status, r.err);
    cu_result_free(&r);
}

/* Every format of A and B is the same, byte for byte. */
static void assert_same_outputs(const char *a, const char *b)
{
    for (size_t i = 0; i < N_FORMATS; i++) {
        char pa[300], pb[300];
        snprintf(pa, sizeof pa, "%s/%s.%s", cu_dir, a, formats[i]);
        snprintf(pb, sizeof pb, "%s/%s.%s", cu_dir, b, formats[i]);
        size_t la, lb;
        char *x = cu_read(pa, &la), *y = cu_read(pb, &lb);
        assert_non_null(x);
        assert_non_null(y);
        assert_true(la > 0);
        if (la != lb || memcmp(x, y, la) != 0)
            fail_msg("%s.%s and %s.%s differ (%zu and %zu bytes)", a, formats[i],
                     b, formats[i], la, lb);
        free(x);
        free(y);
    }
}

/* A model that uses every kind of object, written four ways. */
static const char block[] =
    "relgraph: 1\n"
    "title: Determinism check (fictional)\n"
    "description: The same model, written several ways.\n"
    "sources:\n"
    "  rep:\n"
    "    title: Harbour report\n"
    "    publisher: Lakeport Courier\n"
    "    date: 2021-03-05\n"
    "    url: https://example.org/report\n"
    "  min:\n"
    "    title: Minutes\n"
    "    date: 2021-03\n"
    "groups:\n"
    "  north:\n"
    "    name: Norland side\n"
    "  authority:\n"
    "    name: Port authority\n"
    "    parent: north\n"
    "kinds:\n"
    "  ties:\n"
    "    smuggles:\n"
    "      label: smuggles to\n"
    "      directed: true\n"
    "      color: purple\n"
    "      line: dashed\n"
    "      arrow: diamond\n"
    "  actors:\n"
    "    vessel:\n"
    "      label: ship\n"
    "      shape: box3d\n"
    "      color: blue\n"
    "      fill: '#DDEEFF'\n"
    "actors:\n"
    "  norland:\n"
    "    name: Norland\n"
    "    kind: country\n"
    "    group: north\n"
    "    aliases: [the North, Nordstadt]\n"
    "    url: https://example.org/norland\n"
    "    source: rep\n"
    "  port:\n"
    "    name: Lakeport Port Authority\n"
    "    kind: organization\n"
    "    group: authority\n"
    "    role: harbour operator\n"
    "    note: Runs Berth 7.\n"
    "  sudmark:\n"
    "    name: Sudmark\n"
    "    kind: country\n"
    "    sources: [rep, min]\n"
    "  gannet:\n"
    "    name: MV Gannet\n"
    "    kind: vessel\n"
    "  judge:\n"
    "    name: Ada Okafor\n"
    "    kind: person\n"
    "    role: mediator\n"
    "ties:\n"
    "  - from: port\n"
    "    to: gannet\n"
    "    kind: custody\n"
    "    label: impounded\n"
    "    start: 2021-03-01\n"
    "    status: confirmed\n"
    "    weight: 4\n"
    "    source: rep\n"
    "  - id: piracy\n"
    "    from: sudmark\n"
    "    to: norland\n"
    "    kind: accuses\n"
    "    label: piracy\n"
    "    date: 2021-03-02\n"
    "    status: alleged\n"
    "    note: Said on the radio.\n"
    "    sources: [rep, min]\n"
    "  - between: [judge, norland, sudmark]\n"
    "    kind: talks\n"
    "    label: summit\n"
    "    date: 2021-03-04\n"
    "    source: min\n"
    "  - from: gannet\n"
    "    to: sudmark\n"
    "    kind: smuggles\n"
    "    directed: true\n"
    "    end: 2021-02\n"
    "    weight: 2\n"
    TU_RENDER_ALL;

/* The same, with the keys of every object in another order (the top
 * level's too); the actors, the ties and the ids of each mapping keep
 * their order. */
static const char reordered[] =
    "render:\n"
    "  seed: 1\n"
    "  edge_labels: true\n"
    "  legend: true\n"
    "  theme: light\n"
    "  direction: LR\n"
    "  layout: dot\n"
    "ties:\n"
    "  - source: rep\n"
    "    weight: 4\n"
    "    status: confirmed\n"
    "    start: 2021-03-01\n"
    "    label: impounded\n"
    "    kind: custody\n"
    "    to: gannet\n"
    "    from: port\n"
    "  - sources: [rep, min]\n"
    "    note: Said on the radio.\n"
    "    status: alleged\n"
    "    date: 2021-03-02\n"
    "    label: piracy\n"
    "    kind: accuses\n"
    "    to: norland\n"
    "    from: sudmark\n"
    "    id: piracy\n"
    "  - source: min\n"
    "    date: 2021-03-04\n"
    "    label: summit\n"
    "    kind: talks\n"
    "    between: [judge, norland, sudmark]\n"
    "  - weight: 2\n"
    "    end: 2021-02\n"
    "    directed: true\n"
    "    kind: smuggles\n"
    "    to: sudmark\n"
    "    from: gannet\n"
    "actors:\n"
    "  norland:\n"
    "    source: rep\n"
    "    url: https://example.org/norland\n"
    "    aliases: [the North, Nordstadt]\n"
    "    group: north\n"
    "    kind: country\n"
    "    name: Norland\n"
    "  port:\n"
    "    note: Runs Berth 7.\n"
    "    role: harbour operator\n"
    "    group: authority\n"
    "    kind: organization\n"
    "    name: Lakeport Port Authority\n"
    "  sudmark:\n"
    "    sources: [rep, min]\n"
    "    kind: country\n"
    "    name: Sudmark\n"
    "  gannet:\n"
    "    kind: vessel\n"
    "    name: MV Gannet\n"
    "  judge:\n"
    "    role: mediator\n"
    "    kind: person\n"
    "    name: Ada Okafor\n"
    "kinds:\n"
    "  actors:\n"
    "    vessel:\n"
    "      fill: '#DDEEFF'\n"
    "      color: blue\n"
    "      shape: box3d\n"
    "      label: ship\n"
    "  ties:\n"
    "    smuggles:\n"
    "      arrow: diamond\n"
    "      line: dashed\n"
    "      color: purple\n"
    "      directed: true\n"
    "      label: smuggles to\n"
    "groups:\n"
    "  north:\n"
    "    name: Norland side\n"
    "  authority:\n"
    "    parent: north\n"
    "    name: Port authority\n"
    "sources:\n"
    "  rep:\n"
    "    url: https://example.org/report\n"
    "    date: 2021-03-05\n"
    "    publisher: Lakeport Courier\n"
    "    title: Harbour report\n"
    "  min:\n"
    "    date: 2021-03\n"
    "    title: Minutes\n"
    "description: The same model, written several ways.\n"
    "title: Determinism check (fictional)\n"
    "relgraph: 1\n";

/* The same in flow style, quoted where flow style allows it. */
static const char flow[] =
    "{relgraph: 1, title: \"Determinism check (fictional)\",\n"
    " description: 'The same model, written several ways.',\n"
    " sources: {rep: {title: Harbour report, publisher: Lakeport Courier,\n"
    "                 date: \"2021-03-05\", url: \"https://example.org/report\"},\n"
    "           min: {title: Minutes, date: 2021-03}},\n"
    " groups: {north: {name: Norland side}, authority: {name: Port authority, parent: north}},\n"
    " kinds: {ties: {smuggles: {label: smuggles to, directed: true, color: purple,\n"
    "                           line: dashed, arrow: diamond}},\n"
    "         actors: {vessel: {label: ship, shape: box3d, color: blue, fill: \"#DDEEFF\"}}},\n"
    " actors: {norland: {name: Norland, kind: country, group: north,\n"
    "                    aliases: [the North, Nordstadt],\n"
    "                    url: \"https://example.org/norland\", source: rep},\n"
    "          port: {name: Lakeport Port Authority, kind: organization, group: authority,\n"
    "                 role: harbour operator, note: Runs Berth 7.},\n"
    "          sudmark: {name: Sudmark, kind: country, sources: [rep, min]},\n"
    "          gannet: {name: MV Gannet, kind: vessel},\n"
    "          judge: {name: Ada Okafor, kind: person, role: mediator}},\n"
    " ties: [{from: port, to: gannet, kind: custody, label: impounded, start: 2021-03-01,\n"
    "         status: confirmed, weight: 4, source: rep},\n"
    "        {id: piracy, from: sudmark, to: norland, kind: accuses, label: piracy,\n"
    "         date: 2021-03-02, status: alleged, note: Said on the radio.,\n"
    "         sources: [rep, min]},\n"
    "        {between: [judge, norland, sudmark], kind: talks, label: summit,\n"
    "         date: 2021-03-04, source: min},\n"
    "        {from: gannet, to: sudmark, kind: smuggles, directed: true, end: 2021-02,\n"
    "         weight: 2}],\n"
    " render: {layout: dot, direction: LR, theme: light, legend: true,\n"
    "          edge_labels: true, seed: 1}}\n";

/* The same with comments, blank lines, another indentation, trailing
 * spaces and explicit document markers. */
static const char commented[] =
    "%YAML 1.2\n"
    "---   # a document marker, and a comment\n"
    "# A comment before everything.\n"
    "relgraph: 1          # the format\n"
    "\n"
    "title:    Determinism check (fictional)   \n"
    "description: The same model, written several ways.\n"
    "\n"
    "\n"
    "sources:\n"
    "    # evidence\n"
    "    rep:\n"
    "        title: Harbour report\n"
    "        publisher: Lakeport Courier  # who\n"
    "        date: 2021-03-05\n"
    "        url: https://example.org/report\n"
    "    min:\n"
    "        title: Minutes\n"
    "        date: 2021-03\n"
    "groups:\n"
    "    north:\n"
    "        name: Norland side\n"
    "    authority:\n"
    "        name: Port authority\n"
    "        parent: north   # nested\n"
    "kinds:\n"
    "    ties:\n"
    "        smuggles:\n"
    "            label: smuggles to\n"
    "            directed: true\n"
    "            color: purple\n"
    "            line: dashed\n"
    "            arrow: diamond\n"
    "    actors:\n"
    "        vessel:\n"
    "            label: ship\n"
    "            shape: box3d\n"
    "            color: blue\n"
    "            fill: '#DDEEFF'   # quoted: # starts a comment\n"
    "actors:\n"
    "    norland:\n"
    "        name: Norland\n"
    "        kind: country\n"
    "        group: north\n"
    "        aliases:\n"
    "            - the North\n"
    "            - Nordstadt\n"
    "        url: https://example.org/norland\n"
    "        source: rep\n"
    "    port:\n"
    "        name: Lakeport Port Authority\n"
    "        kind: organization\n"
    "        group: authority\n"
    "        role: harbour operator\n"
    "        note: Runs Berth 7.\n"
    "    sudmark:\n"
    "        name: Sudmark\n"
    "        kind: country\n"
    "        sources:\n"
    "        - rep\n"
    "        - min\n"
    "    gannet:\n"
    "        name: MV Gannet\n"
    "        kind: vessel\n"
    "    judge:\n"
    "        name: Ada Okafor\n"
    "        kind: person\n"
    "        role: mediator\n"
    "\n"
    "ties:\n"
    "# the ties, in order\n"
    "-   from: port\n"
    "    to: gannet\n"
    "    kind: custody\n"
    "    label: impounded\n"
    "    start: 2021-03-01\n"
    "    status: confirmed\n"
    "    weight: 4\n"
    "    source: rep\n"
    "-   id: piracy\n"
    "    from: sudmark\n"
    "    to: norland\n"
    "    kind: accuses\n"
    "    label: piracy\n"
    "    date: 2021-03-02\n"
    "    status: alleged\n"
    "    note: Said on the radio.\n"
    "    sources: [ rep , min ]\n"
    "-   between: [judge, norland, sudmark]\n"
    "    kind: talks\n"
    "    label: summit\n"
    "    date: 2021-03-04\n"
    "    source: min\n"
    "-   from: gannet\n"
    "    to: sudmark\n"
    "    kind: smuggles\n"
    "    directed: true\n"
    "    end: 2021-02\n"
    "    weight: 2\n"
    "render:\n"
    "    layout: dot\n"
    "    direction: LR\n"
    "    theme: light\n"
    "    legend: true\n"
    "    edge_labels: true\n"
    "    seed: 1\n"
    "...\n"
    "# a comment after the end\n";

static char *crlf(const char *text)
{
    rg_buf b = {0};
    for (; *text; text++) {
        if (*text == '\n')
            rg_buf_putc(&b, '\r');
        rg_buf_putc(&b, *text);
    }
    return b.buf;
}

static void test_same_input_same_bytes(void **state)
{
    (void)state;
    /* Every engine but fdp ("auto" is dot or sfdp). */
    static const char *const engines[] = {"dot", "neato", "sfdp", "circo",
                                          "twopi"};
    /* A file that uses every feature of the format. */
    const char *in = "data/every-feature.yaml";
    for (size_t i = 0; i < sizeof engines / sizeof engines[0]; i++) {
        const char *extra[] = {"-K", engines[i], NULL};
        char a[32], b[32];
        snprintf(a, sizeof a, "%s-1", engines[i]);
        snprintf(b, sizeof b, "%s-2", engines[i]);
        render_all(in, a, extra);
        render_all(in, b, extra);
        assert_same_outputs(a, b);
    }
}

static void test_pdf_has_no_creation_date(void **state)
{
    (void)state;
    cu_write(cu_path("in.yaml"), block);
    render_all(cu_path("in.yaml"), "one", NULL);
    /* Runs a second apart: cairo's date would differ. */
    struct timespec ts = {1, 100 * 1000 * 1000};
    nanosleep(&ts, NULL);
    render_all(cu_path("in.yaml"), "two", NULL);
    assert_same_outputs("one", "two");
    size_t len;
    char *pdf = cu_read(cu_path("one.pdf"), &len);
    assert_true(len > 5 && memcmp(pdf, "%PDF-", 5) == 0);
    for (size_t i = 0; i + 13 <= len; i++) {
        if (memcmp(pdf + i, "/CreationDate", 13) == 0 ||
            memcmp(pdf + i, "/ModDate", 8) == 0)
            fail_msg("the PDF has a date at byte %zu", i);
    }
    /* The rest of the Info dictionary is intact. */
    bool producer = false;
    for (size_t i = 0; i + 9 <= len && !producer; i++)
        producer = memcmp(pdf + i, "/Producer", 9) == 0;
    assert_true(producer);
    free(pdf);
}

static void test_writing_does_not_matter(void **state)
{
    (void)state;
    char *crlf_text = crlf(block);
    /* As a Windows editor saves it: a UTF-8 byte order mark and CRLF. */
    rg_buf bom = {0};
    rg_buf_puts(&bom, "\xEF\xBB\xBF");
    rg_buf_puts(&bom, crlf_text);
    const struct {
        const char *name, *text;
    } variants[] = {
        {"block", block},
        {"reordered", reordered},
        {"flow", flow},
        {"commented", commented},
        {"crlf", crlf_text},
        {"bom-crlf", bom.buf},
    };
    for (size_t i = 0; i < sizeof variants / sizeof variants[0]; i++) {
        char in[64];
        snprintf(in, sizeof in, "%s.yaml", variants[i].name);
        cu_write(cu_path(in), variants[i].text);
        render_all(cu_path(in), variants[i].name, NULL);
        if (i > 0)
            assert_same_outputs("block", variants[i].name);
    }
    /* And with a force-directed engine, whose layout is seeded. */
    const char *neato[] = {"-K", "neato", NULL};
    render_all(cu_path("block.yaml"), "block-neato", neato);
    render_all(cu_path("reordered.yaml"), "reordered-neato", neato);
    render_all(cu_path("flow.yaml"), "flow-neato", neato);
    assert_same_outputs("block-neato", "reordered-neato");
    assert_same_outputs("block-neato", "flow-neato");
    free(crlf_text);
    free(bom.buf);
}

/* The positions in a laid-out DOT file: every pos="..." value. */
static char *positions(const char *dot_path)
{
    char *dot = cu_read(dot_path, NULL);
    assert_non_null(dot);
    rg_buf b = {0};
    rg_buf_puts(&b, "");
    for (const char *p = dot; (p = strstr(p, "pos=\""));) {
        p += 5;
        size_t n = strcspn(p, "\"");
        rg_buf_add(&b, p, n);
        rg_buf_putc(&b, '\n');
        p += n;
    }
    free(dot);
    return b.buf;
}

/* BLOCK with render.seed set to SEED (NULL: no seed line). */
static char *with_seed(const char *seed)
{
    rg_buf b = {0};
    const char *at = strstr(block, "  seed: 1\n");
    assert_non_null(at);
    rg_buf_add(&b, block, (size_t)(at - block));
    if (seed)
        rg_buf_printf(&b, "  seed: %s\n", seed);
    rg_buf_puts(&b, at + strlen("  seed: 1\n"));
    return b.buf;
}

static void test_seed_drives_the_layout(void **state)
{
    (void)state;
    const char *neato[] = {"-K", "neato", NULL};
    const char *seeds[] = {"1", "2", NULL};
    const char *names[] = {"seed1", "seed2", "noseed"};
    for (size_t i = 0; i < 3; i++) {
        char *text = with_seed(seeds[i]);
        char in[64];
        snprintf(in, sizeof in, "%s.yaml", names[i]);
        cu_write(cu_path(in), text);
        free(text);
        render_all(cu_path(in), names[i], neato);
    }
    char *p1 = positions(cu_path("seed1.dot"));
    char *p2 = positions(cu_path("seed2.dot"));
    assert_true(strlen(p1) > 100);
    /* Another seed, another layout. */
    assert_string_not_equal(p1, p2);
    /* No seed is seed 1. */
    assert_same_outputs("seed1", "noseed");
    /* The same seed again, the same bytes. */
    char *text = with_seed("2");
    cu_write(cu_path("again.yaml"), text);
    free(text);
    render_all(cu_path("again.yaml"), "again", neato);
    assert_same_outputs("seed2", "again");
    free(p1);
    free(p2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_same_input_same_bytes, cu_setup,
                                        cu_teardown),
        cmocka_unit_test_setup_teardown(test_pdf_has_no_creation_date, cu_setup,
                                        cu_teardown),
        cmocka_unit_test_setup_teardown(test_writing_does_not_matter, cu_setup,
                                        cu_teardown),
        cmocka_unit_test_setup_teardown(test_seed_drives_the_layout, cu_setup,
                                        cu_teardown),
    };
    return cmocka_run_group_tests_name("determinism", tests, NULL, NULL);
}
