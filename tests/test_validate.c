/*
 * test_validate.c - the schema validator (validate.c) through rg_load +
 * rg_validate: every refusal and warning of relgraph(5) with its exact
 * message and position, the model built from valid files, and the date
 * and "did you mean" helpers.
 *
 * Diagnostics are compared whole ("LINE:COL: error: MESSAGE\n" lines,
 * 1-based, sorted by position), so a test also proves that nothing else
 * was reported.
 */
#include "testutil.h"

/* ---- helpers ---- */

/* Load and validate YAML that must give no diagnostic at all; the model is
 * the caller's (the document is freed: the model keeps its strings). */
static rg_model *valid(const char *yaml)
{
    return tu_valid_model(yaml, true);
}

/* Load and validate the file PATH (relative to the repository root). */
static rg_model *valid_file(const char *path)
{
    tu_run r;
    tu_begin(&r);
    char *data = NULL;
    size_t len = 0;
    assert_true(rg_read_input(path, 0, &data, &len, r.diags));
    rg_doc *doc = rg_load(data, len, r.diags);
    rg_model *m = doc ? rg_validate(doc, r.diags) : NULL;
    char *text = rg_xstrdup(tu_text(&r));
    tu_done(&r);
    rg_doc_free(doc);
    free(data);
    assert_string_equal(text, "");
    free(text);
    assert_non_null(m);
    return m;
}

/* The model must come back NULL for YAML with errors, and non-NULL (with
 * its warnings) otherwise. */
static void assert_model(const char *yaml, bool expect_model)
{
    tu_run r;
    tu_begin(&r);
    rg_doc *doc = NULL;
    rg_model *m = tu_model(&r, yaml, &doc);
    bool got = m != NULL;
    rg_model_free(m);
    rg_doc_free(doc);
    tu_done(&r);
    assert_int_equal(got, expect_model);
}

/* The index of the actor, group, tie kind or actor kind ID in M. */
#define actor_index(m, id) ((int)tu_index(m, "actor", id))
#define group_index(m, id) ((int)tu_index(m, "group", id))
#define tie_kind_index(m, id) ((int)tu_index(m, "tie kind", id))
#define actor_kind_index(m, id) ((int)tu_index(m, "actor kind", id))

static void assert_date(rg_date d, int year, int month, int day)
{
    assert_int_equal(d.year, year);
    assert_int_equal(d.month, month);
    assert_int_equal(d.day, day);
}

/* Two actors and a tie between them: the smallest valid file, for tests
 * that add one thing to it. */
#define TWO_ACTORS "actors:\n" \
                   "  a: {}\n" \
                   "  b: {}\n"
#define ONE_TIE "ties:\n" \
                "  - {from: a, to: b, kind: talks}\n"

/* ---- the format's fullest example (the U.S.-Iran talks), completed ---- */

static const char spec_example[] =
    TU_SPEC_HEAD
    "\n"
    "x-shared:\n"
    "  talks: &talks {kind: talks, date: 2007-05-28, label: merged label}\n"
    "\n"
    TU_SPEC_SOURCES
    "\n"
    TU_SPEC_GROUPS
    "\n"
    TU_SPEC_KINDS
    "\n"
    TU_SPEC_ACTORS
    "  iran:      {name: Iran, kind: country}\n"
    "  rubaie:    {name: Mowaffak al-Rubaie, kind: person, group: gz}\n"
    "  iranians7: {name: Seven Iranian officials, kind: militia}\n"
    "\n"
    TU_SPEC_TIES
    "  - from: us\n"
    "    to: iranians7\n"
    "    kind: arrests\n"
    "    directed: false\n"
    "    date: 2007-01-11\n"
    "    status: confirmed\n"
    "    weight: 4\n"
    "    source: https://example.org/irbil\n"
    "  - {<<: *talks, between: [us, iran], label: own label}\n"
    "\n"
    TU_RENDER_ALL;

static void test_spec_example(void **state)
{
    (void)state;
    rg_model *m = valid(spec_example);

    assert_string_equal(m->title, "U.S.\xE2\x80\x93Iran talks on Iraq security");
    assert_string_equal(m->description,
                        "Baghdad, 28 May 2007: first formal talks since 1979.\n");
    assert_int_equal(m->n_actors, 6);
    assert_int_equal(m->n_ties, 5);
    assert_int_equal(m->n_groups, 3);
    assert_int_equal(m->n_sources, 2); /* cbs and one anonymous source */
    assert_int_equal(m->n_tie_kinds, 12);
    assert_int_equal(m->n_actor_kinds, 7);

    /* Sources: the named one, then the bare URL as an anonymous one. */
    assert_string_equal(m->sources[0].id, "cbs");
    assert_string_equal(m->sources[0].title,
                        "U.S., Iran Hold Meeting On Iraq Security");
    assert_string_equal(m->sources[0].publisher, "CBS News");
    assert_string_equal(m->sources[0].url, "https://www.cbsnews.com/");
    assert_true(m->sources[0].has_date);
    assert_date(m->sources[0].date, 2007, 5, 28);
    assert_int_equal(m->sources[0].uses, 2);
    assert_null(m->sources[1].id);
    assert_string_equal(m->sources[1].url, "https://example.org/irbil");
    assert_string_equal(m->sources[1].title, "https://example.org/irbil");
    assert_false(m->sources[1].has_date);
    assert_int_equal(m->sources[1].uses, 1);

    /* Groups: gz nests in iraq. */
    int usa = group_index(m, "usa"), iraq = group_index(m, "iraq");
    int gz = group_index(m, "gz");
    assert_int_equal(m->groups[usa].parent, -1);
    assert_int_equal(m->groups[gz].parent, iraq);
    assert_string_equal(m->groups[gz].name, "Green Zone");

    /* Kinds: built-ins first, then the file's new ones. */
    int arrests = tie_kind_index(m, "arrests");
    assert_int_equal(arrests, 11);
    const rg_tie_kind *tk = &m->tie_kinds[arrests];
    assert_string_equal(tk->label, "arrests");
    assert_true(tk->directed);
    assert_true(tk->defined);
    assert_false(tk->builtin);
    assert_int_equal(tk->color, 0xD55E00);
    assert_int_equal(tk->line, RG_LINE_BOLD);
    assert_int_equal(tk->arrow, RG_ARROW_NORMAL);
    assert_int_equal(tk->uses, 1);
    int militia = actor_kind_index(m, "militia");
    assert_int_equal(militia, 6);
    const rg_actor_kind *ak = &m->actor_kinds[militia];
    assert_string_equal(ak->label, "armed group");
    assert_string_equal(ak->shape, "hexagon");
    assert_int_equal(ak->color, 0xE69F00);
    assert_false(ak->has_fill);
    assert_int_equal(ak->uses, 1);
    assert_true(m->tie_kinds[tie_kind_index(m, "talks")].builtin);
    assert_false(m->tie_kinds[tie_kind_index(m, "talks")].defined);
    assert_int_equal(m->actor_kinds[actor_kind_index(m, "person")].uses, 3);

    /* Actors, in file order. */
    int us = actor_index(m, "us"), crocker = actor_index(m, "crocker");
    int kazemi = actor_index(m, "kazemi"), iran = actor_index(m, "iran");
    int rubaie = actor_index(m, "rubaie"), i7 = actor_index(m, "iranians7");
    assert_int_equal(us, 0);
    assert_int_equal(i7, 5);
    const rg_actor *k = &m->actors[kazemi];
    assert_string_equal(k->name, "Hassan Kazemi Qomi");
    assert_string_equal(k->role, "Iranian ambassador to Iraq");
    assert_string_equal(k->note,
                        "Said Iran was ready to train and equip the Iraqi army.");
    assert_string_equal(k->url, "https://en.wikipedia.org/wiki/Hassan_Kazemi_Qomi");
    assert_int_equal(k->n_aliases, 1);
    assert_string_equal(k->aliases[0], "Kazemi");
    assert_int_equal(k->kind, actor_kind_index(m, "person"));
    assert_int_equal(k->group, -1);
    assert_int_equal(k->ties, 1);
    assert_int_equal(m->actors[us].group, usa);
    assert_int_equal(m->actors[rubaie].group, gz);
    assert_int_equal(m->actors[i7].kind, militia);
    assert_int_equal(m->actors[us].ties, 4);
    assert_int_equal(m->actors[iran].ties, 2);
    assert_string_equal(m->actors[crocker].role, "U.S. Ambassador to Iraq");

    /* Ties, in file order. */
    const rg_tie *t = &m->ties[0];
    assert_int_equal(t->kind, tie_kind_index(m, "accuses"));
    assert_int_equal(t->kind, 1);
    assert_false(t->multi);
    assert_int_equal(t->n_parties, 2);
    assert_int_equal(t->parties[0], us);
    assert_int_equal(t->parties[1], iran);
    assert_true(t->directed); /* accuses: directed by default */
    assert_string_equal(t->label, "arming and training militias");
    assert_int_equal(t->n_sources, 1);
    assert_int_equal(t->sources[0], 0);
    assert_int_equal(t->weight, 0);
    assert_int_equal(t->status, RG_STATUS_NONE);
    assert_false(t->has_date || t->has_start || t->has_end);

    t = &m->ties[1];
    assert_int_equal(t->kind, tie_kind_index(m, "custody"));
    assert_true(t->has_start);
    assert_false(t->has_end);
    assert_false(t->has_date);
    assert_date(t->start, 2007, 1, 0);
    assert_int_equal(t->n_sources, 0);

    t = &m->ties[2];
    assert_int_equal(t->kind, 0); /* talks */
    assert_true(t->multi);
    assert_int_equal(t->n_parties, 3);
    assert_int_equal(t->parties[0], crocker);
    assert_int_equal(t->parties[1], kazemi);
    assert_int_equal(t->parties[2], rubaie);
    assert_false(t->directed); /* talks: undirected by default */
    assert_true(t->has_date);
    assert_date(t->date, 2007, 5, 28);
    assert_string_equal(t->label, "four-hour talks");
    assert_int_equal(t->n_sources, 1);
    assert_int_equal(t->sources[0], 0);

    t = &m->ties[3];
    assert_int_equal(t->kind, arrests);
    assert_false(t->directed); /* the tie overrides its kind */
    assert_date(t->date, 2007, 1, 11);
    assert_int_equal(t->status, RG_STATUS_CONFIRMED);
    assert_int_equal(t->weight, 4);
    assert_int_equal(t->n_sources, 1);
    assert_int_equal(t->sources[0], 1); /* the anonymous source */
    assert_null(t->label);

    /* The merge key brings kind and date; the tie's own label wins. */
    t = &m->ties[4];
    assert_int_equal(t->kind, 0);
    assert_true(t->multi);
    assert_int_equal(t->n_parties, 2);
    assert_int_equal(t->parties[0], us);
    assert_int_equal(t->parties[1], iran);
    assert_true(t->has_date);
    assert_date(t->date, 2007, 5, 28);
    assert_string_equal(t->label, "own label");
    assert_int_equal(m->tie_kinds[0].uses, 2);

    assert_string_equal(m->render.layout, "dot");
    assert_string_equal(m->render.direction, "LR");
    assert_string_equal(m->render.theme, "light");
    assert_true(m->render.legend);
    assert_int_equal(m->render.labels, RG_LABELS_INLINE);
    assert_int_equal(m->render.seed, 1);
    rg_model_free(m);
}

static void test_defaults_and_overrides(void **state)
{
    (void)state;
    /* A party named twice and a tie to itself are warned about (see
     * test_refusals), and kept. */
    rg_model *m = tu_valid_model("actors:\n"
                        "  a:\n"
                        "  b: {name: Bee, kind: thing, x-extra: 1}\n"
                        "  c: {kind: person}\n"
                        "kinds:\n"
                        "  ties:\n"
                        "    talks: {directed: true, arrow: vee}\n"
                        "    plain: {}\n"
                        "  actors:\n"
                        "    person: {fill: '#abc', color: '#AABBCC'}\n"
                        "    thing: {}\n"
                        "ties:\n"
                        "  - {from: a, to: b, kind: talks, weight: 1}\n"
                        "  - {from: b, to: c, kind: plain, weight: 5, directed: false}\n"
                        "  - {between: [b, a, b], kind: talks, status: alleged}\n"
                        "  - {from: a, to: a, kind: talks, status: denied}\n"
                        "  - {from: a, to: b, kind: talks, status: ended, start: 2007-05, end: 2007}\n"
                        "  - {from: a, to: b, kind: talks, end: 2006}\n"
                        "  - {from: a, to: b, kind: talks, date: 2024-02-29}\n"
                        "render: {layout: auto, direction: BT, theme: mono, legend: false, edge_labels: false, seed: 0}\n"
                        "x-tool: {whatever: [1, 2]}\n", false);
    assert_null(m->title);
    assert_null(m->description);
    assert_int_equal(m->n_actors, 3);
    assert_int_equal(m->n_groups, 0);
    assert_int_equal(m->n_sources, 0);

    /* An actor with no value, and one with no name: the id stays. */
    assert_string_equal(m->actors[0].id, "a");
    assert_null(m->actors[0].name);
    assert_int_equal(m->actors[0].kind, -1);
    assert_int_equal(m->actors[0].group, -1);
    assert_int_equal(m->actors[0].n_aliases, 0);
    assert_int_equal(m->actors[0].n_sources, 0);
    assert_string_equal(m->actors[1].name, "Bee");

    /* Overriding a built-in keeps its other fields and its place. */
    const rg_tie_kind *talks = &m->tie_kinds[0];
    assert_string_equal(talks->id, "talks");
    assert_string_equal(talks->label, "holds talks with");
    assert_true(talks->builtin);
    assert_true(talks->defined);
    assert_true(talks->directed);
    assert_int_equal(talks->arrow, RG_ARROW_VEE);
    assert_int_equal(talks->line, RG_LINE_BOLD);
    assert_int_equal(talks->color, 0x0072B2);
    /* A new kind with no fields: its id is its label, directed. */
    const rg_tie_kind *plain = &m->tie_kinds[11];
    assert_string_equal(plain->id, "plain");
    assert_string_equal(plain->label, "plain");
    assert_true(plain->directed);
    assert_false(plain->builtin);
    assert_int_equal(plain->line, RG_LINE_SOLID);
    assert_int_equal(plain->arrow, RG_ARROW_NORMAL);

    const rg_actor_kind *person = &m->actor_kinds[0];
    assert_string_equal(person->shape, "ellipse");
    assert_int_equal(person->color, 0xAABBCC);
    assert_true(person->has_fill);
    assert_int_equal(person->fill, 0xAABBCC); /* #abc is #aabbcc */
    const rg_actor_kind *thing = &m->actor_kinds[6];
    assert_string_equal(thing->label, "thing");
    assert_string_equal(thing->shape, "box");
    assert_false(thing->has_fill);
    assert_int_equal(m->actors[1].kind, 6);

    assert_int_equal(m->n_ties, 7);
    assert_true(m->ties[0].directed); /* from the overridden kind */
    assert_int_equal(m->ties[0].weight, 1);
    assert_false(m->ties[1].directed);
    assert_int_equal(m->ties[1].weight, 5);
    /* A repeated party counts once. */
    assert_int_equal(m->ties[2].n_parties, 2);
    assert_int_equal(m->ties[2].parties[0], 1);
    assert_int_equal(m->ties[2].parties[1], 0);
    assert_int_equal(m->ties[2].status, RG_STATUS_ALLEGED);
    /* from and to may be the same actor: only `between` needs two. */
    assert_int_equal(m->ties[3].parties[0], 0);
    assert_int_equal(m->ties[3].parties[1], 0);
    assert_int_equal(m->ties[3].status, RG_STATUS_DENIED);
    /* 2007 ends after 2007-05 does. */
    assert_int_equal(m->ties[4].status, RG_STATUS_ENDED);
    assert_date(m->ties[4].start, 2007, 5, 0);
    assert_date(m->ties[4].end, 2007, 0, 0);
    /* An open interval: end only. */
    assert_false(m->ties[5].has_start);
    assert_true(m->ties[5].has_end);
    assert_date(m->ties[5].end, 2006, 0, 0);
    assert_date(m->ties[6].date, 2024, 2, 29); /* a leap day */

    assert_string_equal(m->render.layout, "auto");
    assert_string_equal(m->render.direction, "BT");
    assert_string_equal(m->render.theme, "mono");
    assert_false(m->render.legend);
    assert_int_equal(m->render.labels, RG_LABELS_NONE);
    assert_int_equal(m->render.seed, 0);
    rg_model_free(m);

    /* No render section: the defaults ("auto": dot for a graph this
     * small, sfdp for a large one). */
    m = valid(TWO_ACTORS ONE_TIE);
    assert_string_equal(m->render.layout, "auto");
    assert_string_equal(m->render.direction, "LR");
    assert_string_equal(m->render.theme, "light");
    assert_true(m->render.legend);
    assert_int_equal(m->render.labels, RG_LABELS_INLINE);
    assert_int_equal(m->render.seed, 1);
    assert_int_equal(m->n_tie_kinds, 11);
    assert_int_equal(m->n_actor_kinds, 6);
    rg_model_free(m);
}

/* The model's texts are the tree's own, not copies of them, and outlive
 * the tree's nodes: the document's strings stay until the last of the
 * document and the models made from it is freed, in either order (a
 * text read after its free is what the sanitizer and valgrind builds
 * catch). */
static void test_model_keeps_the_tree_texts(void **state)
{
    (void)state;
    static const char yaml[] =
        "actors:\n"
        "  a: {name: Alpha, kind: person, role: envoy}\n"
        "  b: {name: Beta, kind: country}\n"
        "ties:\n"
        "  - {from: a, to: b, kind: talks, label: a long talk}\n";
    for (int model_first = 0; model_first < 2; model_first++) {
        tu_run r;
        tu_begin(&r);
        rg_doc *doc = NULL;
        rg_model *m = tu_model(&r, yaml, &doc);
        assert_non_null(m);
        const rg_node *actors = rg_map_get(doc->root, "actors");
        const rg_node *alpha = rg_map_get(actors, "a");
        int a = actor_index(m, "a");
        assert_ptr_equal(m->actors[a].name, rg_map_get(alpha, "name")->text);
        assert_ptr_equal(m->actors[a].role, rg_map_get(alpha, "role")->text);
        const rg_node *tie = rg_item(rg_map_get(doc->root, "ties"), 0);
        assert_ptr_equal(m->ties[0].label, rg_map_get(tie, "label")->text);
        if (model_first) {
            rg_model_free(m);
            m = NULL;
        }
        rg_doc_free(doc);
        if (m) {
            assert_string_equal(m->actors[a].name, "Alpha");
            assert_string_equal(m->actors[a].role, "envoy");
            assert_string_equal(m->ties[0].label, "a long talk");
            assert_string_equal(m->actors[actor_index(m, "b")].name, "Beta");
        }
        rg_model_free(m);
        tu_done(&r);
    }
}

static void test_data_files(void **state)
{
    (void)state;
    rg_model *m = valid_file("data/every-feature.yaml");
    assert_int_equal(m->n_actors, 12);
    assert_int_equal(m->n_ties, 14);
    assert_int_equal(m->n_groups, 5);
    assert_int_equal(m->n_sources, 6); /* 3 named, 3 bare URLs */
    assert_int_equal(m->n_tie_kinds, 12);
    assert_int_equal(m->n_actor_kinds, 7);
    int berth7 = group_index(m, "berth7"), port = group_index(m, "port");
    assert_int_equal(m->groups[berth7].parent, port);
    assert_int_equal(m->groups[port].parent, group_index(m, "north"));
    int gannet = actor_index(m, "MV-Gannet");
    assert_null(m->actors[gannet].name);
    assert_int_equal(m->actors[gannet].kind, actor_kind_index(m, "vessel"));
    assert_int_equal(m->actors[gannet].n_sources, 2);
    assert_int_equal(m->actors[actor_index(m, "fishers")].kind, -1);
    assert_int_equal(m->actors[actor_index(m, "mayor")].n_sources, 2);
    /* The merge key gave the first tie its date and source. */
    assert_true(m->ties[0].multi);
    assert_int_equal(m->ties[0].n_parties, 3);
    assert_date(m->ties[0].date, 2021, 3, 4);
    assert_int_equal(m->ties[0].n_sources, 1);
    assert_int_equal(m->ties[0].weight, 5);
    assert_string_equal(m->tie_kinds[tie_kind_index(m, "accuses")].label,
                        "accuses");
    assert_int_equal(m->tie_kinds[tie_kind_index(m, "accuses")].color, 0xCC0000);
    assert_string_equal(m->render.direction, "TB");
    rg_model_free(m);

    m = valid_file("tests/data/list-form.yaml");
    assert_int_equal(m->n_actors, 5);
    assert_int_equal(m->n_ties, 4);
    assert_int_equal(m->n_groups, 2);
    assert_int_equal(m->n_sources, 1);
    assert_string_equal(m->actors[2].id, "mayor");
    assert_string_equal(m->actors[2].role, "Mayor of Lakeport");
    assert_int_equal(m->actors[0].n_sources, 1);
    assert_true(m->ties[3].multi);
    assert_string_equal(m->render.direction, "TB");
    rg_model_free(m);
}

/* ---- the file as a whole ---- */

static void test_version(void **state)
{
    (void)state;
    tu_assert_diags("relgraph: 2\n" TWO_ACTORS ONE_TIE,
                    "1:11: error: unsupported format version '2'; "
                    "this relgraph reads 'relgraph: 1'\n");
    tu_assert_diags("relgraph: one\n" TWO_ACTORS ONE_TIE,
                    "1:11: error: unsupported format version 'one'; "
                    "this relgraph reads 'relgraph: 1'\n");
    tu_assert_diags("relgraph: [1]\n" TWO_ACTORS ONE_TIE,
                    "1:11: error: unsupported format version ''; "
                    "this relgraph reads 'relgraph: 1'\n");
    /* The version is optional. */
    assert_model(TWO_ACTORS ONE_TIE, true);
    assert_model("relgraph: 1\n" TWO_ACTORS ONE_TIE, true);
}

static void test_empty_and_not_a_mapping(void **state)
{
    (void)state;
    const char *empty = "1:1: error: the file is empty; it needs at least 'actors'\n";
    tu_assert_diags("", empty);
    tu_assert_diags("# only a comment\n", empty);
    tu_assert_diags("---\n", empty);
    tu_assert_diags("~\n", empty);
    tu_assert_diags("- a\n- b\n",
                    "1:1: error: the file must be a mapping with 'actors' and "
                    "'ties', found a list\n");
    tu_assert_diags("actors\n",
                    "1:1: error: the file must be a mapping with 'actors' and "
                    "'ties', found a string\n");
    tu_assert_diags("relgraph: 1\ntitle: no actors\n",
                    "1:1: error: the file has no 'actors'\n");
    tu_assert_diags("relgraph: 1\nactors: 3\n",
                    "2:9: error: 'actors' must be a mapping of ids to actors, "
                    "or a list of actors; found a number\n");
    assert_model("", false);
}

/* ---- unknown keys ---- */

static void test_unknown_keys_top(void **state)
{
    (void)state;
    tu_assert_diags("relgraph: 1\n"
                    TWO_ACTORS
                    "tie:\n"
                    "  - {from: a, to: b, kind: talks}\n",
                    "5:1: error: unknown key 'tie' in the top level; "
                    "did you mean 'ties'?\n");
    tu_assert_diags("relgraph: 1\n"
                    "titel: T\n"
                    "actor:\n"
                    "  a: {}\n",
                    "1:1: error: the file has no 'actors'\n"
                    "2:1: error: unknown key 'titel' in the top level; "
                    "did you mean 'title'?\n"
                    "3:1: error: unknown key 'actor' in the top level; "
                    "did you mean 'actors'?\n");
    tu_assert_diags("layout: dot\n" TWO_ACTORS ONE_TIE,
                    "1:1: error: unknown key 'layout' in the top level\n");
}

static void test_unknown_keys_sections(void **state)
{
    (void)state;
    /* source */
    tu_assert_diags("sources:\n"
                    "  s: {title: T, pubisher: P, author: A}\n"
                    "actors:\n"
                    "  a: {source: s}\n"
                    "  b: {}\n"
                    ONE_TIE,
                    "2:17: error: unknown key 'pubisher' in source; "
                    "did you mean 'publisher'?\n"
                    "2:30: error: unknown key 'author' in source\n");
    /* group */
    tu_assert_diags("groups:\n"
                    "  g: {nmae: G, colour: red}\n"
                    "actors:\n"
                    "  a: {group: g}\n"
                    "  b: {}\n"
                    ONE_TIE,
                    "2:7: error: unknown key 'nmae' in group; did you mean 'name'?\n"
                    "2:16: error: unknown key 'colour' in group\n");
    /* kinds */
    tu_assert_diags("kinds:\n"
                    "  tie: {}\n"
                    "  edges: {}\n"
                    TWO_ACTORS ONE_TIE,
                    "2:3: error: unknown key 'tie' in kinds; did you mean 'ties'?\n"
                    "3:3: error: unknown key 'edges' in kinds\n");
    /* tie kind */
    tu_assert_diags("kinds:\n"
                    "  ties:\n"
                    "    k: {colour: blue, style: dashed}\n"
                    TWO_ACTORS
                    "ties:\n"
                    "  - {from: a, to: b, kind: k}\n",
                    "3:9: error: unknown key 'colour' in tie kind; "
                    "did you mean 'color'?\n"
                    "3:23: error: unknown key 'style' in tie kind\n");
    /* actor kind */
    tu_assert_diags("kinds:\n"
                    "  actors:\n"
                    "    k: {shpe: box, icon: x}\n"
                    "actors:\n"
                    "  a: {kind: k}\n"
                    "  b: {}\n"
                    ONE_TIE,
                    "3:9: error: unknown key 'shpe' in actor kind; "
                    "did you mean 'shape'?\n"
                    "3:20: error: unknown key 'icon' in actor kind\n");
    /* actor, in both forms */
    tu_assert_diags("actors:\n"
                    "  a: {nmae: A, rank: 1}\n"
                    "  b: {}\n"
                    ONE_TIE,
                    "2:7: error: unknown key 'nmae' in actor; did you mean 'name'?\n"
                    "2:16: error: unknown key 'rank' in actor\n");
    tu_assert_diags("actors:\n"
                    "  - {id: a, nmae: A}\n"
                    "  - {id: b, rank: 1}\n"
                    ONE_TIE,
                    "2:13: error: unknown key 'nmae' in actor; did you mean 'name'?\n"
                    "3:13: error: unknown key 'rank' in actor\n");
    /* tie: `form` is a typo of `from`, so `to` has no partner either */
    tu_assert_diags(TWO_ACTORS
                    "ties:\n"
                    "  - {form: a, to: b, kind: talks, color: red}\n",
                    "5:5: error: a tie with 'to' needs 'from' too\n"
                    "5:6: error: unknown key 'form' in tie; did you mean 'from'?\n"
                    "5:35: error: unknown key 'color' in tie\n");
    /* render */
    tu_assert_diags(TWO_ACTORS ONE_TIE
                    "render: {themes: dark, engine: dot}\n",
                    "6:10: error: unknown key 'themes' in render; "
                    "did you mean 'theme'?\n"
                    "6:24: error: unknown key 'engine' in render\n");
}

static void test_extension_keys_ignored(void **state)
{
    (void)state;
    rg_model *m = valid("x-top: {anything: [1, 2]}\n"
                        "x-: bare prefix\n"
                        "sources:\n"
                        "  s: {title: T, x-archived: https://example.org/a}\n"
                        "groups:\n"
                        "  g: {x-colour: teal}\n"
                        "kinds:\n"
                        "  x-more: {}\n"
                        "  ties:\n"
                        "    k: {x-weight: 3}\n"
                        "  actors:\n"
                        "    p: {x-icon: star}\n"
                        "actors:\n"
                        "  a: {group: g, kind: p, source: s, x-wikidata: Q1}\n"
                        "  b: {}\n"
                        "ties:\n"
                        "  - {from: a, to: b, kind: k, x-reviewed: true}\n"
                        "render: {x-dpi: 300}\n");
    assert_int_equal(m->n_sources, 1);
    assert_int_equal(m->n_groups, 1);
    assert_int_equal(m->n_ties, 1);
    rg_model_free(m);
    /* In the list form too; "X-" is not the prefix. */
    tu_assert_diags("actors:\n"
                    "  - {id: a, x-note: fine, X-note: not fine}\n"
                    "  - {id: b}\n"
                    ONE_TIE,
                    "2:27: error: unknown key 'X-note' in actor; did you mean 'note'?\n");
}

/* ---- duplicates ---- */

static void test_duplicate_ids(void **state)
{
    (void)state;
    /* List form: the validator names both places. */
    tu_assert_diags("actors:\n"
                    "  - {id: a}\n"
                    "  - {id: b}\n"
                    "  - {id: a, name: Again}\n"
                    ONE_TIE,
                    "4:10: error: duplicate actor id 'a' (first defined at 2:5)\n");
    tu_assert_diags("actors:\n"
                    "  - id: a\n"
                    "  - id: b\n"
                    "  - id: b\n"
                    ONE_TIE,
                    "4:9: error: duplicate actor id 'b' (first defined at 3:5)\n");
    /* Mapping form: a duplicate key, which the loader refuses. */
    tu_assert_diags("actors:\n"
                    "  a: {}\n"
                    "  b: {}\n"
                    "  a: {name: Again}\n"
                    ONE_TIE,
                    "4:3: error: duplicate key 'a' (first at 2:3)\n");
    /* Ids live in separate namespaces: an actor, a group, a source and a
     * kind may share one. */
    rg_model *m = valid("sources: {a: {title: T}}\n"
                        "groups: {a: {}}\n"
                        "kinds: {ties: {a: {}}, actors: {a: {}}}\n"
                        "actors:\n"
                        "  a: {group: a, kind: a, source: a}\n"
                        "  b: {}\n"
                        "ties:\n"
                        "  - {from: a, to: b, kind: a}\n");
    rg_model_free(m);
}

static void test_id_in_wrong_form(void **state)
{
    (void)state;
    tu_assert_diags("actors:\n"
                    "  a: {id: a}\n"
                    "  b: {}\n"
                    ONE_TIE,
                    "2:7: error: 'id' is only for the list form of 'actors'; "
                    "here the key is the id\n");
    tu_assert_diags("actors:\n"
                    "  - {name: A}\n"
                    "  - {id: b}\n",
                    "2:5: error: an actor needs an 'id' in the list form\n");
    tu_assert_diags("actors:\n"
                    "  - a\n"
                    "  - {id: b}\n",
                    "2:5: error: an actor must be a mapping, found a string\n");
    tu_assert_diags("actors:\n"
                    "  a: Alice\n"
                    "  b: {}\n",
                    "2:6: error: actor 'a' must be a mapping, found a string\n");
    tu_assert_diags("actors:\n"
                    "  a: [x]\n",
                    "2:6: error: actor 'a' must be a mapping, found a list\n");
}

/* ---- unknown ids ---- */

static void test_unknown_actor(void **state)
{
    (void)state;
    tu_assert_diags("actors:\n"
                    "  iran: {}\n"
                    "  us: {}\n"
                    "ties:\n"
                    "  - {from: us, to: irn, kind: talks}\n"
                    "  - {from: zzz, to: us, kind: talks}\n"
                    "  - {between: [us, Iran, qqq], kind: talks}\n",
                    "5:20: error: unknown actor 'irn'; did you mean 'iran'?\n"
                    "6:12: error: unknown actor 'zzz'; define it under 'actors:'\n"
                    "7:20: error: unknown actor 'Iran'; did you mean 'iran'?\n"
                    "7:26: error: unknown actor 'qqq'; define it under 'actors:'\n");
    tu_assert_diags(TWO_ACTORS
                    "ties:\n"
                    "  - {between: [a, [b]], kind: talks}\n"
                    "  - {from: {id: a}, to: b, kind: talks}\n",
                    "5:19: error: an actor id must be a string, found a list\n"
                    "6:12: error: an actor id must be a string, found a mapping\n");
}

static void test_unknown_group_and_source(void **state)
{
    (void)state;
    tu_assert_diags("groups:\n"
                    "  usa: {}\n"
                    "sources:\n"
                    "  cbs: {title: CBS}\n"
                    "actors:\n"
                    "  a: {group: usaa, source: cbss}\n"
                    "  b: {group: nowhere, sources: [cbs, nope]}\n"
                    ONE_TIE,
                    "6:14: error: unknown group 'usaa'; did you mean 'usa'?\n"
                    "6:28: error: unknown source 'cbss'; did you mean 'cbs'?\n"
                    "7:14: error: unknown group 'nowhere'; define it under 'groups:'\n"
                    "7:38: error: unknown source 'nope'; define it under 'sources:'\n");
    /* Sources cited by a tie; no sources defined at all. */
    tu_assert_diags(TWO_ACTORS
                    "ties:\n"
                    "  - {from: a, to: b, kind: talks, source: cbs}\n",
                    "5:43: error: unknown source 'cbs'; define it under 'sources:'\n");
    tu_assert_diags(TWO_ACTORS
                    "groups: {g: {}}\n"
                    "ties:\n"
                    "  - {from: a, to: b, kind: talks, sources: [[x], 3]}\n",
                    "6:45: error: a source must be a source id or a URL, found a list\n"
                    "6:50: error: unknown source '3'; define it under 'sources:'\n");
}

static void test_unknown_kinds(void **state)
{
    (void)state;
    tu_assert_diags("actors:\n"
                    "  a: {kind: persn}\n"
                    "  b: {kind: blob}\n"
                    "ties:\n"
                    "  - {from: a, to: b, kind: acuses}\n"
                    "  - {from: a, to: b, kind: zzz}\n",
                    "2:13: error: unknown actor kind 'persn'; did you mean 'person'?\n"
                    "3:13: error: unknown actor kind 'blob'; define it under "
                    "'kinds.actors' or use one of: person, country, organization, "
                    "group, media, event\n"
                    "5:28: error: unknown tie kind 'acuses'; did you mean 'accuses'?\n"
                    "6:28: error: unknown tie kind 'zzz'; define it under "
                    "'kinds.ties' or use one of: talks, accuses, custody, demands, "
                    "proposes, supports, opposes, allied, represents, hosts, disputes\n");
    /* The file's own kinds are candidates too, and listed. */
    tu_assert_diags("kinds:\n"
                    "  ties: {arrests: {}}\n"
                    "  actors: {militia: {}}\n"
                    "actors:\n"
                    "  a: {kind: milita}\n"
                    "  b: {kind: militia}\n"
                    "ties:\n"
                    "  - {from: a, to: b, kind: arrest}\n"
                    "  - {from: a, to: b, kind: zzz}\n",
                    "5:13: error: unknown actor kind 'milita'; did you mean 'militia'?\n"
                    "8:28: error: unknown tie kind 'arrest'; did you mean 'arrests'?\n"
                    "9:28: error: unknown tie kind 'zzz'; define it under "
                    "'kinds.ties' or use one of: talks, accuses, custody, demands, "
                    "proposes, supports, opposes, allied, represents, hosts, disputes, arrests\n");
    /* Tie kinds and actor kinds are separate families. */
    tu_assert_diags("actors:\n"
                    "  a: {kind: talks}\n"
                    "  b: {}\n"
                    "ties:\n"
                    "  - {from: a, to: b, kind: person}\n",
                    "2:13: error: unknown actor kind 'talks'; define it under "
                    "'kinds.actors' or use one of: person, country, organization, "
                    "group, media, event\n"
                    "5:28: error: unknown tie kind 'person'; define it under "
                    "'kinds.ties' or use one of: talks, accuses, custody, demands, "
                    "proposes, supports, opposes, allied, represents, hosts, disputes\n");
    tu_assert_diags("actors:\n"
                    "  a: {kind: [person]}\n"
                    "  b: {}\n"
                    "ties:\n"
                    "  - {from: a, to: b, kind: }\n",
                    "2:13: error: 'kind' must be a kind id, found a list\n"
                    "5:28: error: 'kind' must be a kind id, found null\n");
}

/* ---- wrong types ---- */

static void test_wrong_types_strings(void **state)
{
    (void)state;
    tu_assert_diags("title: [a]\n"
                    "description: {a: b}\n"
                    "actors:\n"
                    "  a: {name: [a], role: {x: 1}, note: }\n"
                    "  b: {}\n"
                    "ties:\n"
                    "  - {from: a, to: b, kind: talks, label: [x], note: [y]}\n",
                    "1:8: error: 'title' must be a string, found a list\n"
                    "2:14: error: 'description' must be a string, found a mapping\n"
                    "4:13: error: 'name' must be a string, found a list\n"
                    "4:24: error: 'role' must be a string, found a mapping\n"
                    "4:38: error: 'note' must be a string, found null\n"
                    "7:42: error: 'label' must be a string, found a list\n"
                    "7:53: error: 'note' must be a string, found a list\n");
    /* Numbers and booleans are fine where text is expected. */
    rg_model *m = valid("title: 2007\n"
                        "actors:\n"
                        "  a: {name: true, role: 1.5}\n"
                        "  b: {name: '007'}\n"
                        ONE_TIE);
    assert_string_equal(m->title, "2007");
    assert_string_equal(m->actors[0].name, "true");
    assert_string_equal(m->actors[0].role, "1.5");
    assert_string_equal(m->actors[1].name, "007");
    rg_model_free(m);
}

static void test_wrong_types_weight(void **state)
{
    (void)state;
    tu_assert_diags(TWO_ACTORS
                    "ties:\n"
                    "  - {from: a, to: b, kind: talks, weight: heavy}\n"
                    "  - {from: a, to: b, kind: talks, weight: 0}\n"
                    "  - {from: a, to: b, kind: talks, weight: 6}\n"
                    "  - {from: a, to: b, kind: talks, weight: 2.5}\n"
                    "  - {from: a, to: b, kind: talks, weight: '3'}\n"
                    "  - {from: a, to: b, kind: talks, weight: [3]}\n",
                    "5:43: error: 'weight' must be an integer from 1 to 5, "
                    "found 'heavy'\n"
                    "6:43: error: 'weight' must be an integer from 1 to 5, "
                    "found '0'\n"
                    "7:43: error: 'weight' must be an integer from 1 to 5, "
                    "found '6'\n"
                    "8:43: error: 'weight' must be an integer from 1 to 5, "
                    "found '2.5'\n"
                    "9:43: error: 'weight' must be an integer from 1 to 5, "
                    "found '3'\n"
                    "10:43: error: 'weight' must be an integer from 1 to 5, "
                    "found a list\n");
}

/* render: edge_labels takes a mode, or the switch of older files;
 * bundle a switch. */
static void test_render_labels_and_bundle(void **state)
{
    (void)state;
    static const struct {
        const char *value;
        int labels;
    } modes[] = {
        {"inline", RG_LABELS_INLINE}, {"notes", RG_LABELS_NOTES},
        {"none", RG_LABELS_NONE}, {"true", RG_LABELS_INLINE},
        {"false", RG_LABELS_NONE}, {"False", RG_LABELS_NONE},
    };
    for (size_t i = 0; i < sizeof modes / sizeof modes[0]; i++) {
        rg_buf y = RG_BUF_INIT;
        rg_buf_printf(&y, TWO_ACTORS ONE_TIE "render: {edge_labels: %s, bundle: false}\n",
                      modes[i].value);
        rg_model *m = valid(y.buf);
        assert_int_equal(m->render.labels, modes[i].labels);
        assert_true(m->render.labels_set);
        assert_false(m->render.bundle);
        rg_model_free(m);
        rg_buf_free(&y);
    }
    rg_model *m = valid(TWO_ACTORS ONE_TIE);
    assert_int_equal(m->render.labels, RG_LABELS_INLINE);
    assert_false(m->render.labels_set);
    assert_true(m->render.bundle);
    rg_model_free(m);

    tu_assert_diags(TWO_ACTORS ONE_TIE
                    "render:\n"
                    "  edge_labels: notez\n"
                    "  bundle: maybe\n",
                    "7:16: error: invalid edge_labels 'notez'; did you mean 'notes'?\n"
                    "8:11: error: 'bundle' must be true or false, found 'maybe'\n");
    tu_assert_diags(TWO_ACTORS ONE_TIE
                    "render: {edge_labels: [inline], bundle: 'true'}\n",
                    "6:23: error: 'edge_labels' must be inline, notes or none, found a list\n"
                    "6:41: error: 'bundle' must be true or false, found 'true'\n");
    tu_assert_diags(TWO_ACTORS ONE_TIE
                    "render: {edge_labels: sideways}\n",
                    "6:23: error: invalid edge_labels 'sideways'; expected one of: "
                    "inline, notes, none\n");
    tu_assert_diags(TWO_ACTORS ONE_TIE "render: {edge_labels: }\n",
                    "6:23: error: 'edge_labels' must be inline, notes or none, found null\n");
}

static void test_wrong_types_bools(void **state)
{
    (void)state;
    tu_assert_diags(TWO_ACTORS
                    "kinds:\n"
                    "  ties:\n"
                    "    k: {directed: 1}\n"
                    "ties:\n"
                    "  - {from: a, to: b, kind: k, directed: yes}\n"
                    "render:\n"
                    "  legend: maybe\n"
                    "  edge_labels: 'true'\n"
                    "  seed: -1\n",
                    "6:19: error: 'directed' must be true or false, found '1'\n"
                    "8:41: error: 'directed' must be true or false, found 'yes'\n"
                    "10:11: error: 'legend' must be true or false, found 'maybe'\n"
                    "11:16: error: invalid edge_labels 'true'; expected one of: inline, notes, none\n"
                    "12:9: error: 'seed' must be an integer from 0 to 2147483647, "
                    "found '-1'\n");
    tu_assert_diags(TWO_ACTORS ONE_TIE
                    "render:\n"
                    "  seed: abc\n"
                    "  legend: [true]\n",
                    "7:9: error: 'seed' must be an integer from 0 to 2147483647, "
                    "found 'abc'\n"
                    "8:11: error: 'legend' must be true or false, found a list\n");
    rg_model *m = valid(TWO_ACTORS ONE_TIE
                        "render: {seed: 2147483647, legend: False, edge_labels: TRUE}\n");
    assert_int_equal(m->render.seed, 2147483647);
    assert_false(m->render.legend);
    assert_int_equal(m->render.labels, RG_LABELS_INLINE);
    rg_model_free(m);
}

static void test_wrong_types_lists_and_maps(void **state)
{
    (void)state;
    tu_assert_diags("sources: {s: {title: S}}\n"
                    "actors:\n"
                    "  a: {aliases: Kazemi, sources: s}\n"
                    "  b: {aliases: [ok, [nested], {k: v}, ]}\n"
                    ONE_TIE,
                    "3:16: error: 'aliases' must be a list of strings, found 'Kazemi'\n"
                    "3:33: error: 'sources' must be a list of source ids, found 's'\n"
                    "4:21: error: an alias must be a string, found a list\n"
                    "4:31: error: an alias must be a string, found a mapping\n");
    tu_assert_diags(TWO_ACTORS
                    "ties: {a: b}\n",
                    "4:7: error: 'ties' must be a list of ties, found a mapping\n");
    tu_assert_diags(TWO_ACTORS
                    "ties:\n"
                    "  - talks\n"
                    "  - [a, b]\n",
                    "5:5: error: a tie must be a mapping, found a string\n"
                    "6:5: error: a tie must be a mapping, found a list\n");
    tu_assert_diags("sources: [a]\n"
                    "groups: a\n"
                    "kinds: []\n"
                    TWO_ACTORS ONE_TIE
                    "render: dot\n",
                    "1:10: error: 'sources' must be a mapping, found a list\n"
                    "2:9: error: 'groups' must be a mapping, found a string\n"
                    "3:8: error: 'kinds' must be a mapping, found a list\n"
                    "9:9: error: 'render' must be a mapping, found a string\n");
    tu_assert_diags("kinds:\n"
                    "  ties: [a]\n"
                    "  actors: a\n"
                    TWO_ACTORS ONE_TIE,
                    "2:9: error: 'kinds.ties' must be a mapping, found a list\n"
                    "3:11: error: 'kinds.actors' must be a mapping, found a string\n");
    tu_assert_diags("sources:\n"
                    "  s: https://example.org/\n"
                    "groups:\n"
                    "  g: [x]\n"
                    "kinds:\n"
                    "  ties: {k: solid}\n"
                    "  actors: {p: }\n"
                    TWO_ACTORS ONE_TIE,
                    "2:6: error: a source must be a mapping, found a string\n"
                    "4:6: error: a group must be a mapping, found a list\n"
                    "6:13: error: a tie kind must be a mapping, found a string\n"
                    "7:15: error: an actor kind must be a mapping, found null\n");
}

/* ---- identifiers ---- */

static void test_bad_ids(void **state)
{
    (void)state;
    const char *rule = ": use letters, digits, '_', '.' and '-' (not first), "
                       "at most 128 characters\n";
    char expected[1024];
    snprintf(expected, sizeof expected,
             "2:3: error: invalid actor id 'bad id'%s"
             "3:3: error: invalid actor id '-x'%s"
             "4:3: error: invalid actor id '.x'%s"
             "5:3: error: invalid actor id 'caf\xC3\xA9'%s",
             rule, rule, rule, rule);
    tu_assert_diags("actors:\n"
                    "  bad id: {}\n"
                    "  -x: {}\n"
                    "  .x: {}\n"
                    "  caf\xC3\xA9: {}\n"
                    "  ok_1.2-3: {}\n",
                    expected);
    /* The list form, and ids in the other namespaces. */
    snprintf(expected, sizeof expected,
             "1:11: error: invalid source id 's 1'%s"
             "2:10: error: invalid group id 'g/1'%s"
             "3:16: error: invalid kind id 'k!'%s"
             "3:34: error: invalid kind id '#p'%s"
             "5:10: error: invalid actor id ''%s",
             rule, rule, rule, rule, rule);
    tu_assert_diags("sources: {s 1: {title: T}}\n"
                    "groups: {g/1: {}}\n"
                    "kinds: {ties: {k!: {}}, actors: {'#p': {}}}\n"
                    "actors:\n"
                    "  - {id: ''}\n",
                    expected);
    tu_assert_diags("actors:\n"
                    "  - {id: [a]}\n"
                    "  - {id: }\n",
                    "2:10: error: actor id must be an id, found a list\n"
                    "3:10: error: actor id must be an id, found null\n");

    /* 128 characters is the longest id; 129 is refused, and the message
     * shows its first 80. */
    rg_buf b = {0};
    char id[130];
    memset(id, 'a', 129);
    id[129] = '\0';
    rg_buf_printf(&b, "actors:\n  %.128s: {}\n  b: {}\n"
                  "ties:\n  - {from: %.128s, to: b, kind: talks}\n", id, id);
    rg_model *m = valid(b.buf);
    assert_int_equal(strlen(m->actors[0].id), 128);
    rg_model_free(m);
    b.len = 0;
    rg_buf_printf(&b, "actors:\n  %s: {}\n", id);
    snprintf(expected, sizeof expected,
             "2:3: error: invalid actor id '%.80s...'%s", id, rule);
    tu_assert_diags(b.buf, expected);
    free(b.buf);
}

/* ---- dates ---- */

static void test_bad_dates(void **state)
{
    (void)state;
    const char *shape = "': expected YYYY, YYYY-MM or YYYY-MM-DD\n";
    char expected[1024];
    snprintf(expected, sizeof expected,
             "5:41: error: invalid date '2007-13': no such month\n"
             "6:41: error: invalid date '2007-02-30': no such day\n"
             "7:41: error: invalid date '2007-2-3%s"
             "8:41: error: invalid date 'May 2007%s"
             "9:41: error: invalid date '2023-02-29': no such day\n"
             "10:41: error: invalid date '0000': no such year\n"
             "11:41: error: invalid date '0000-13': no such year\n"
             "12:41: error: invalid date '2007-00': no such month\n"
             "13:41: error: invalid date '2007-04-31': no such day\n"
             "14:41: error: invalid date '1900-02-29': no such day\n"
             "15:41: error: invalid date '2007-05-28T10:00%s"
             "16:41: error: invalid date '07-05-28%s"
             "17:41: error: invalid date '2007/05/28%s",
             shape, shape, shape, shape, shape);
    tu_assert_diags(TWO_ACTORS
                    "ties:\n"
                    "  - {from: a, to: b, kind: talks, date: 2007-13}\n"
                    "  - {from: a, to: b, kind: talks, date: 2007-02-30}\n"
                    "  - {from: a, to: b, kind: talks, date: 2007-2-3}\n"
                    "  - {from: a, to: b, kind: talks, date: May 2007}\n"
                    "  - {from: a, to: b, kind: talks, date: 2023-02-29}\n"
                    "  - {from: a, to: b, kind: talks, date: 0000}\n"
                    "  - {from: a, to: b, kind: talks, date: 0000-13}\n"
                    "  - {from: a, to: b, kind: talks, date: 2007-00}\n"
                    "  - {from: a, to: b, kind: talks, date: 2007-04-31}\n"
                    "  - {from: a, to: b, kind: talks, date: 1900-02-29}\n"
                    "  - {from: a, to: b, kind: talks, date: 2007-05-28T10:00}\n"
                    "  - {from: a, to: b, kind: talks, date: 07-05-28}\n"
                    "  - {from: a, to: b, kind: talks, date: 2007/05/28}\n",
                    expected);
    tu_assert_diags(TWO_ACTORS
                    "ties:\n"
                    "  - {from: a, to: b, kind: talks, start: [2007]}\n"
                    "  - {from: a, to: b, kind: talks, end: }\n",
                    "5:42: error: 'start' must be a date (YYYY, YYYY-MM or "
                    "YYYY-MM-DD), found a list\n"
                    "6:40: error: 'end' must be a date (YYYY, YYYY-MM or "
                    "YYYY-MM-DD), found null\n");
    /* A source's date is checked the same way. */
    tu_assert_diags("sources:\n"
                    "  s: {title: T, date: 2007-02-29}\n"
                    TWO_ACTORS ONE_TIE,
                    "2:23: error: invalid date '2007-02-29': no such day\n");
    /* Leap years: 2024 and 2000 are, 1900 and 2023 are not. */
    rg_model *m = valid(TWO_ACTORS
                        "ties:\n"
                        "  - {from: a, to: b, kind: talks, date: 2024-02-29}\n"
                        "  - {from: a, to: b, kind: talks, date: 2000-02-29}\n"
                        "  - {from: a, to: b, kind: talks, date: '2007-12-31'}\n"
                        "  - {from: a, to: b, kind: talks, date: 0001}\n"
                        "  - {from: a, to: b, kind: talks, date: 9999-12}\n");
    assert_date(m->ties[0].date, 2024, 2, 29);
    assert_date(m->ties[1].date, 2000, 2, 29);
    assert_date(m->ties[2].date, 2007, 12, 31);
    assert_date(m->ties[3].date, 1, 0, 0);
    assert_date(m->ties[4].date, 9999, 12, 0);
    rg_model_free(m);
}

static void test_date_order(void **state)
{
    (void)state;
    tu_assert_diags(TWO_ACTORS
                    "ties:\n"
                    "  - {from: a, to: b, kind: talks, start: 2007-01, end: 2006}\n"
                    "  - {from: a, to: b, kind: talks, start: 2007-05-02, end: 2007-05-01}\n"
                    "  - {from: a, to: b, kind: talks, start: 2008, end: 2007-12-31}\n",
                    "5:56: error: 'end' (2006) is before 'start' (2007-01)\n"
                    "6:59: error: 'end' (2007-05-01) is before 'start' (2007-05-02)\n"
                    "7:53: error: 'end' (2007-12-31) is before 'start' (2008)\n");
    /* Partial dates name a span: an end inside or after the start's span
     * does not precede it. */
    rg_model *m = valid(TWO_ACTORS
                        "ties:\n"
                        "  - {from: a, to: b, kind: talks, start: 2007-05, end: 2007}\n"
                        "  - {from: a, to: b, kind: talks, start: 2007, end: 2007-06}\n"
                        "  - {from: a, to: b, kind: talks, start: 2007-05-10, end: 2007-05}\n"
                        "  - {from: a, to: b, kind: talks, start: 2007-05, end: 2007-05-01}\n"
                        "  - {from: a, to: b, kind: talks, start: 2007-05-28, end: 2007-05-28}\n");
    assert_int_equal(m->n_ties, 5);
    rg_model_free(m);
}

static void test_date_with_interval(void **state)
{
    (void)state;
    tu_assert_diags(TWO_ACTORS
                    "ties:\n"
                    "  - {from: a, to: b, kind: talks, date: 2007, start: 2006}\n"
                    "  - {from: a, to: b, kind: talks, end: 2008, date: 2007}\n"
                    "  - {from: a, to: b, kind: talks, date: 2007, start: 2006, end: 2008}\n",
                    "5:41: error: 'date' cannot be combined with 'start' or 'end'\n"
                    "6:52: error: 'date' cannot be combined with 'start' or 'end'\n"
                    "7:41: error: 'date' cannot be combined with 'start' or 'end'\n");
}

/* ---- colours ---- */

static void test_colours(void **state)
{
    (void)state;
    const char *palette = "expected #RGB, #RRGGBB or one of: black, orange, "
                          "skyblue, green, yellow, blue, vermillion, purple, gray\n";
    char expected[2048];
    snprintf(expected, sizeof expected,
             "3:17: error: invalid colour 'red': %s"
             "4:17: error: invalid colour 'vermilion'; did you mean 'vermillion'?\n"
             "5:17: error: invalid colour '#abcd': %s"
             "6:17: error: invalid colour '#GGGGGG': %s"
             "7:17: error: invalid colour 'Orange'; did you mean 'orange'?\n"
             "8:17: error: 'color' must be a colour, found a list\n"
             "10:26: error: invalid colour 'grey'; did you mean 'gray'?\n"
             "10:38: error: invalid colour 'oops': %s",
             palette, palette, palette, palette);
    tu_assert_diags("kinds:\n"
                    "  ties:\n"
                    "    k1: {color: red}\n"
                    "    k2: {color: vermilion}\n"
                    "    k3: {color: '#abcd'}\n"
                    "    k4: {color: '#GGGGGG'}\n"
                    "    k5: {color: Orange}\n"
                    "    k6: {color: [1]}\n"
                    "  actors:\n"
                    "    p: {label: P, color: grey, fill: oops}\n"
                    TWO_ACTORS ONE_TIE,
                    expected);
    /* An unquoted #hex is a comment, so the value is null. */
    tu_assert_diags("kinds:\n"
                    "  actors:\n"
                    "    p:\n"
                    "      color: #abc\n"
                    "      fill: #AABBCC\n"
                    TWO_ACTORS ONE_TIE,
                    "4:13: error: 'color' must be a colour, found null (quote "
                    "'#RRGGBB' colours: an unquoted # starts a comment)\n"
                    "5:12: error: 'fill' must be a colour, found null (quote "
                    "'#RRGGBB' colours: an unquoted # starts a comment)\n");
    rg_model *m = valid("kinds:\n"
                        "  ties:\n"
                        "    k1: {color: '#abc'}\n"
                        "    k2: {color: \"#AABBCC\", line: dashed}\n"
                        "    k3: {color: gray}\n"
                        "  actors:\n"
                        "    p: {color: '#000', fill: '#fFfFfF'}\n"
                        "actors:\n"
                        "  a: {kind: p}\n"
                        "  b: {}\n"
                        "ties:\n"
                        "  - {from: a, to: b, kind: k1}\n"
                        "  - {from: a, to: b, kind: k2}\n"
                        "  - {from: a, to: b, kind: k3}\n");
    assert_int_equal(m->tie_kinds[11].color, 0xAABBCC);
    assert_int_equal(m->tie_kinds[12].color, 0xAABBCC);
    assert_int_equal(m->tie_kinds[13].color, 0x999999);
    assert_int_equal(m->actor_kinds[6].color, 0x000000);
    assert_int_equal(m->actor_kinds[6].fill, 0xFFFFFF);
    assert_true(m->actor_kinds[6].has_fill);
    rg_model_free(m);
}

/* ---- URLs ---- */

static void test_urls(void **state)
{
    (void)state;
    tu_assert_diags("actors:\n"
                    "  a1: {url: 'javascript:alert(1)'}\n"
                    "  a2: {url: 'data:text/html,<b>x</b>'}\n"
                    "  a3: {url: 'file:///etc/passwd'}\n"
                    "  a4: {url: 'ftp://example.org/x'}\n"
                    "  a5: {url: 'https://'}\n"
                    "  a6: {url: 'http:///path'}\n"
                    "  a7: {url: 'https://example.org/a b'}\n"
                    "  a8: {url: 'https://example.org/\"x\"'}\n"
                    "  a9: {url: 'https://example.org/<x'}\n"
                    "  b1: {url: 'https://example.org/x>'}\n"
                    "  b2: {url: 'https://example.org/a\\b'}\n"
                    "  b3: {url: \"https://example.org/\\tx\"}\n"
                    "  b4: {url: 'https://example.org/''x'''}\n"
                    "  b5: {url: 'https://example.org/`x`'}\n"
                    "  b7: {url: '//example.org/'}\n"
                    "  b8: {url: 'https://?q'}\n"
                    "  b9: {url: [https://example.org/]}\n"
                    "  c1: {url: 'HTTPS://example.org/'}\n",
                    "2:13: error: invalid URL 'javascript:alert(1)': only http "
                    "and https URLs are allowed\n"
                    "3:13: error: invalid URL 'data:text/html,<b>x</b>': only "
                    "http and https URLs are allowed\n"
                    "4:13: error: invalid URL 'file:///etc/passwd': only http "
                    "and https URLs are allowed\n"
                    "5:13: error: invalid URL 'ftp://example.org/x': only http "
                    "and https URLs are allowed\n"
                    "6:13: error: invalid URL 'https://': it has no host\n"
                    "7:13: error: invalid URL 'http:///path': it has no host\n"
                    "8:13: error: invalid URL 'https://example.org/a b': it "
                    "contains a space\n"
                    "9:13: error: invalid URL 'https://example.org/\"x\"': it "
                    "contains a quote\n"
                    "10:13: error: invalid URL 'https://example.org/<x': it "
                    "contains '<'\n"
                    "11:13: error: invalid URL 'https://example.org/x>': it "
                    "contains '>'\n"
                    "12:13: error: invalid URL 'https://example.org/a\\b': it "
                    "contains a backslash\n"
                    "13:13: error: invalid URL 'https://example.org/\\tx': it "
                    "contains a control character\n"
                    "14:13: error: invalid URL 'https://example.org/'x'': it "
                    "contains a quote\n"
                    "15:13: error: invalid URL 'https://example.org/`x`': it "
                    "contains a quote\n"
                    "16:13: error: invalid URL '//example.org/': only http and "
                    "https URLs are allowed\n"
                    "17:13: error: invalid URL 'https://?q': it has no host\n"
                    "18:13: error: 'url' must be an http(s) URL, found a list\n");
    /* A source's url too. */
    tu_assert_diags("sources:\n"
                    "  s: {title: T, url: 'javascript:void(0)'}\n"
                    TWO_ACTORS ONE_TIE,
                    "2:22: error: invalid URL 'javascript:void(0)': only http "
                    "and https URLs are allowed\n");
    rg_model *m = valid("sources:\n"
                        "  s: {title: T, url: 'http://example.org'}\n"
                        "actors:\n"
                        "  a: {url: https://example.org/wiki/A_(b)?x=1&y=2#z, source: s}\n"
                        "  b: {url: 'https://xn--caf-dma.example/%C3%A9'}\n"
                        ONE_TIE);
    assert_string_equal(m->actors[0].url, "https://example.org/wiki/A_(b)?x=1&y=2#z");
    assert_string_equal(m->sources[0].url, "http://example.org");
    rg_model_free(m);
}

static void test_bare_url_sources(void **state)
{
    (void)state;
    /* Anonymous sources: one per distinct URL, shared by its citers. */
    rg_model *m = valid("actors:\n"
                        "  a: {source: https://example.org/one}\n"
                        "  b: {sources: [https://example.org/two, https://example.org/one]}\n"
                        "ties:\n"
                        "  - {from: a, to: b, kind: talks, source: 'https://example.org/two'}\n");
    assert_int_equal(m->n_sources, 2);
    assert_null(m->sources[0].id);
    assert_string_equal(m->sources[0].url, "https://example.org/one");
    assert_int_equal(m->sources[0].uses, 2);
    assert_int_equal(m->sources[1].uses, 2);
    assert_int_equal(m->actors[1].n_sources, 2);
    assert_int_equal(m->actors[1].sources[0], 1);
    assert_int_equal(m->actors[1].sources[1], 0);
    assert_int_equal(m->ties[0].sources[0], 1);
    rg_model_free(m);

    /* Many bare URLs on one object: none is dropped. */
    m = valid("actors:\n"
              "  a:\n"
              "    sources: [https://e.org/1, https://e.org/2, https://e.org/3,\n"
              "              https://e.org/4, https://e.org/5, https://e.org/6]\n"
              "  b: {}\n"
              ONE_TIE);
    assert_int_equal(m->n_sources, 6);
    assert_int_equal(m->actors[0].n_sources, 6);
    assert_string_equal(m->sources[5].url, "https://e.org/6");
    assert_int_equal(m->actors[0].sources[5], 5);
    rg_model_free(m);

    tu_assert_diags("actors:\n"
                    "  a: {source: 'ftp://example.org/x'}\n"
                    "  b: {sources: ['javascript:alert(1)', 'https://', 'https://a.org/x y']}\n"
                    ONE_TIE,
                    "2:15: error: invalid URL 'ftp://example.org/x': only http "
                    "and https URLs are allowed\n"
                    "3:17: error: invalid URL 'javascript:alert(1)': only http "
                    "and https URLs are allowed\n"
                    "3:40: error: invalid URL 'https://': it has no host\n"
                    "3:52: error: invalid URL 'https://a.org/x y': it contains "
                    "a space\n");
}

/* ---- sources ---- */

static void test_sources(void **state)
{
    (void)state;
    tu_assert_diags("sources:\n"
                    "  s: {publisher: P}\n"
                    "  t: {title: [x]}\n"
                    "  u: {title: }\n"
                    "actors:\n"
                    "  a: {sources: [s, t, u]}\n"
                    "  b: {}\n"
                    ONE_TIE,
                    "2:3: error: source 's' needs a 'title'\n"
                    "3:14: error: 'title' must be a string, found a list\n"
                    "4:14: error: 'title' must be a string, found null\n");
    tu_assert_diags("sources:\n"
                    "  s: {title: S}\n"
                    "actors:\n"
                    "  a: {source: s, sources: [s]}\n"
                    "  b: {}\n"
                    "ties:\n"
                    "  - {from: a, to: b, kind: talks, sources: [s], source: s}\n",
                    "4:27: error: 'source' and 'sources' cannot both be given\n"
                    "7:44: error: 'source' and 'sources' cannot both be given\n");
    /* A source cited twice by one object is kept once. */
    rg_model *m = valid("sources:\n"
                        "  s: {title: S, publisher: P, date: 2007-05}\n"
                        "actors:\n"
                        "  a: {sources: [s, s]}\n"
                        "  b: {}\n"
                        ONE_TIE);
    assert_int_equal(m->actors[0].n_sources, 1);
    assert_int_equal(m->sources[0].uses, 2);
    assert_date(m->sources[0].date, 2007, 5, 0);
    assert_null(m->sources[0].url);
    rg_model_free(m);
}

/* ---- between, from and to, kind ---- */

static void test_between(void **state)
{
    (void)state;
    tu_assert_diags(TWO_ACTORS
                    "ties:\n"
                    "  - {between: [a], kind: talks}\n"
                    "  - {between: [a, a], kind: talks}\n"
                    "  - {between: [], kind: talks}\n"
                    "  - {between: a, kind: talks}\n"
                    "  - {between: [a, b], from: a, kind: talks}\n"
                    "  - {to: b, between: [a, b], kind: talks}\n",
                    "5:15: error: 'between' needs at least two distinct actors\n"
                    "6:15: error: 'between' needs at least two distinct actors\n"
                    "7:15: error: 'between' needs at least two distinct actors\n"
                    "8:15: error: 'between' must be a list of actor ids, found 'a'\n"
                    "9:15: error: 'between' cannot be combined with 'from' or 'to'\n"
                    "10:22: error: 'between' cannot be combined with 'from' or 'to'\n");
    /* An unknown party is reported as such, not as too few parties. */
    tu_assert_diags(TWO_ACTORS
                    "ties:\n"
                    "  - {between: [a, zzz], kind: talks}\n",
                    "5:19: error: unknown actor 'zzz'; define it under 'actors:'\n");
}

static void test_from_to_and_kind(void **state)
{
    (void)state;
    tu_assert_diags(TWO_ACTORS
                    "ties:\n"
                    "  - {from: a, kind: talks}\n"
                    "  - {to: b, kind: talks}\n"
                    "  - {kind: talks, label: nobody}\n"
                    "  - {from: a, to: b}\n"
                    "  - {}\n"
                    "  - from: a\n"
                    "    to: b\n"
                    "    label: no kind\n",
                    "5:5: error: a tie with 'from' needs 'to' too\n"
                    "6:5: error: a tie with 'to' needs 'from' too\n"
                    "7:5: error: a tie needs 'from' and 'to', or 'between'\n"
                    "8:5: error: a tie needs a 'kind'\n"
                    "9:5: error: a tie needs a 'kind'\n"
                    "9:5: error: a tie needs 'from' and 'to', or 'between'\n"
                    "10:5: error: a tie needs a 'kind'\n");
}

/* ---- groups ---- */

static void test_group_cycles(void **state)
{
    (void)state;
    tu_assert_diags("groups:\n"
                    "  a: {parent: b}\n"
                    "  b: {parent: a}\n"
                    "actors:\n"
                    "  x: {group: a}\n"
                    "  y: {group: b}\n"
                    "ties:\n"
                    "  - {from: x, to: y, kind: talks}\n",
                    "2:15: error: group parent cycle: 'a' -> 'b' -> 'a'\n");
    /* Named from the group that comes first in the file. */
    tu_assert_diags("groups:\n"
                    "  c: {parent: a}\n"
                    "  b: {parent: c}\n"
                    "  a: {parent: b}\n"
                    TWO_ACTORS ONE_TIE,
                    "2:15: error: group parent cycle: 'c' -> 'a' -> 'b' -> 'c'\n");
    tu_assert_diags("groups:\n"
                    "  g: {name: G}\n"
                    "  self: {parent: self}\n"
                    TWO_ACTORS ONE_TIE,
                    "3:18: error: group parent cycle: 'self' -> 'self'\n");
    /* Groups that lead into a cycle without being on it (before and after
     * it in the file): the cycle is reported once. */
    tu_assert_diags("groups:\n"
                    "  lead: {parent: a}\n"
                    "  a: {parent: b}\n"
                    "  b: {parent: a}\n"
                    "  tail: {parent: lead}\n"
                    "  also: {parent: b}\n"
                    TWO_ACTORS ONE_TIE,
                    "3:15: error: group parent cycle: 'a' -> 'b' -> 'a'\n");
    /* Two separate cycles. */
    tu_assert_diags("groups:\n"
                    "  a: {parent: a}\n"
                    "  b: {parent: c}\n"
                    "  c: {parent: b}\n"
                    TWO_ACTORS ONE_TIE,
                    "2:15: error: group parent cycle: 'a' -> 'a'\n"
                    "3:15: error: group parent cycle: 'b' -> 'c' -> 'b'\n");
}

static void test_group_parents(void **state)
{
    (void)state;
    tu_assert_diags("groups:\n"
                    "  iraq: {}\n"
                    "  gz: {parent: irak}\n"
                    "  hq: {parent: nowhere}\n"
                    "  x: {parent: [iraq]}\n"
                    TWO_ACTORS ONE_TIE,
                    "3:16: error: unknown group 'irak'; did you mean 'iraq'?\n"
                    "4:16: error: unknown group 'nowhere'; define it under 'groups:'\n"
                    "5:15: error: 'parent' must be a group id, found a list\n");
    /* A parent may come later in the file; a group may have no value. */
    rg_model *m = valid("groups:\n"
                        "  inner: {parent: outer}\n"
                        "  outer:\n"
                        "actors:\n"
                        "  a: {group: inner}\n"
                        "  b: {}\n"
                        ONE_TIE);
    assert_int_equal(m->groups[0].parent, 1);
    assert_null(m->groups[1].name);
    assert_int_equal(m->groups[0].uses, 1);
    assert_int_equal(m->groups[1].uses, 1);
    rg_model_free(m);
    tu_assert_diags("groups: {g: {}}\n"
                    "actors:\n"
                    "  a: {group: [g]}\n"
                    "  b: {group: }\n"
                    ONE_TIE,
                    "3:14: error: 'group' must be a group id, found a list\n"
                    "4:14: error: 'group' must be a group id, found null\n");
}

/* ---- control characters (the loader's) ---- */

static void test_control_characters(void **state)
{
    (void)state;
    tu_assert_diags("actors:\n"
                    "  a: {name: \"bell\\a\"}\n"
                    "  b: {}\n"
                    ONE_TIE,
                    "2:13: error: control character U+0007 in string\n");
    /* Tab and newline are allowed. */
    rg_model *m = valid("actors:\n"
                        "  a: {name: \"tab\\there\", note: \"two\\nlines\"}\n"
                        "  b: {}\n"
                        ONE_TIE);
    assert_string_equal(m->actors[0].name, "tab\there");
    assert_string_equal(m->actors[0].note, "two\nlines");
    rg_model_free(m);
}

/* ---- enumerations ---- */

static void test_enums(void **state)
{
    (void)state;
    tu_assert_diags("kinds:\n"
                    "  ties:\n"
                    "    k1: {line: dahsed, arrow: vea}\n"
                    "    k2: {line: wavy, arrow: crow}\n"
                    "  actors:\n"
                    "    p1: {shape: hexagn}\n"
                    "    p2: {shape: triangle}\n"
                    "    p3: {shape: [box]}\n"
                    TWO_ACTORS
                    "ties:\n"
                    "  - {from: a, to: b, kind: talks, status: aleged}\n"
                    "  - {from: a, to: b, kind: talks, status: rumoured}\n"
                    "  - {from: a, to: b, kind: talks, status: }\n",
                    "3:16: error: invalid line 'dahsed'; did you mean 'dashed'?\n"
                    "3:31: error: invalid arrow 'vea'; did you mean 'vee'?\n"
                    "4:16: error: invalid line 'wavy'; expected one of: solid, "
                    "dashed, dotted, bold\n"
                    "4:29: error: invalid arrow 'crow'; expected one of: normal, "
                    "vee, tee, dot, diamond, none\n"
                    "6:17: error: invalid shape 'hexagn'; did you mean 'hexagon'?\n"
                    "7:17: error: invalid shape 'triangle'; expected one of: box, "
                    "ellipse, circle, diamond, hexagon, octagon, house, note, tab, "
                    "folder, cylinder, box3d\n"
                    "8:17: error: 'shape' must be a shape, found a list\n"
                    "13:43: error: invalid status 'aleged'; did you mean 'alleged'?\n"
                    "14:43: error: invalid status 'rumoured'; expected one of: "
                    "alleged, confirmed, denied, ended\n"
                    "15:43: error: 'status' must be a status, found null\n");
    tu_assert_diags(TWO_ACTORS ONE_TIE
                    "render:\n"
                    "  layout: neto\n"
                    "  direction: LRR\n"
                    "  theme: drak\n",
                    "7:11: error: invalid layout 'neto'; did you mean 'neato'?\n"
                    "8:14: error: invalid direction 'LRR'; did you mean 'LR'?\n"
                    "9:10: error: invalid theme 'drak'; did you mean 'dark'?\n");
    tu_assert_diags(TWO_ACTORS ONE_TIE
                    "render:\n"
                    "  layout: graphviz\n"
                    "  direction: lr\n"
                    "  theme: blue\n",
                    "7:11: error: invalid layout 'graphviz'; expected one of: "
                    "dot, neato, fdp, sfdp, circo, twopi, auto\n"
                    "8:14: error: invalid direction 'lr'; did you mean 'LR'?\n"
                    "9:10: error: invalid theme 'blue'; expected one of: light, "
                    "dark, mono\n");
    tu_assert_diags(TWO_ACTORS ONE_TIE
                    "render: {layout: [dot], direction: 1, theme: }\n",
                    "6:18: error: 'layout' must be a layout, found a list\n"
                    "6:36: error: invalid direction '1'; expected one of: TB, LR, BT, RL\n"
                    "6:46: error: 'theme' must be a theme, found null\n");
}

/* ---- limits ---- */

static void test_actor_limit(void **state)
{
    (void)state;
    rg_buf b = {0};
    rg_buf_puts(&b, "relgraph: 1\nactors: [");
    for (int i = 0; i < 100001; i++)
        rg_buf_printf(&b, "{id: a%d},", i);
    rg_buf_puts(&b, "]\n");
    tu_assert_diags(b.buf,
                    "2:9: error: 'actors' has more than 100000 entries (the limit)\n");
    /* The mapping form counts pairs. */
    b.len = 0;
    rg_buf_puts(&b, "actors:\n");
    for (int i = 0; i < 100001; i++)
        rg_buf_printf(&b, "  a%d:\n", i);
    tu_assert_diags(b.buf,
                    "2:3: error: 'actors' has more than 100000 entries (the limit)\n");
    /* Ties too. */
    b.len = 0;
    rg_buf_puts(&b, TWO_ACTORS "ties: [");
    for (int i = 0; i < 100001; i++)
        rg_buf_puts(&b, "{from: a, to: b, kind: talks},");
    rg_buf_puts(&b, "]\n");
    tu_assert_diags(b.buf,
                    "4:7: error: 'ties' has more than 100000 entries (the limit)\n");
    free(b.buf);
}

static void test_exactly_at_limit(void **state)
{
    (void)state;
    /* 100000 actors in one tie each: accepted, without a warning. */
    rg_buf b = {0};
    rg_buf_puts(&b, "actors:\n");
    for (int i = 0; i < 100000; i++)
        rg_buf_printf(&b, "  a%d:\n", i);
    rg_buf_puts(&b, "ties:\n");
    for (int i = 0; i < 100000; i += 2)
        rg_buf_printf(&b, "  - {from: a%d, to: a%d, kind: talks}\n", i, i + 1);
    rg_model *m = valid(b.buf);
    assert_int_equal(m->n_actors, 100000);
    assert_int_equal(m->n_ties, 50000);
    rg_model_free(m);
    free(b.buf);
}

static void test_error_cap(void **state)
{
    (void)state;
    /* 120 bad kinds: 100 errors, then the validator stops. */
    rg_buf b = {0}, want = {0};
    rg_buf_puts(&b, "actors:\n");
    for (int i = 0; i < 120; i++)
        rg_buf_printf(&b, "  a%03d: {kind: persn}\n", i);
    for (int i = 0; i < 100; i++)
        rg_buf_printf(&want, "%d:16: error: unknown actor kind 'persn'; "
                      "did you mean 'person'?\n", i + 2);
    rg_buf_puts(&want, "101:16: error: too many errors; stopping here\n");
    tu_assert_diags(b.buf, want.buf);
    free(b.buf);
    free(want.buf);
}

/* ---- warnings ---- */

static const char warnings_yaml[] =
    "sources:\n"
    "  cited: {title: C}\n"
    "  unused: {title: U}\n"
    "groups:\n"
    "  outer: {name: Outer}\n"
    "  inner: {name: Inner, parent: outer}\n"
    "  empty: {name: Empty}\n"
    "  empty_parent: {}\n"
    "  empty_child: {parent: empty_parent}\n"
    "kinds:\n"
    "  ties:\n"
    "    used_tie: {}\n"
    "    unused_tie: {}\n"
    "    accuses: {color: blue}\n"
    "  actors:\n"
    "    used_kind: {}\n"
    "    unused_kind: {}\n"
    "actors:\n"
    "  a: {group: inner, kind: used_kind, source: cited}\n"
    "  b: {}\n"
    "  lonely: {name: Lonely}\n"
    "ties:\n"
    "  - {from: a, to: b, kind: used_tie}\n";

static void test_warnings(void **state)
{
    (void)state;
    /* outer is used through inner; empty_parent only has an empty child. */
    tu_assert_diags(warnings_yaml,
                    "3:3: warning: source 'unused' is never cited\n"
                    "7:3: warning: group 'empty' has no actors\n"
                    "8:3: warning: group 'empty_parent' has no actors\n"
                    "9:3: warning: group 'empty_child' has no actors\n"
                    "13:5: warning: tie kind 'unused_tie' is defined but no tie "
                    "uses it\n"
                    "14:5: warning: tie kind 'accuses' is defined but no tie "
                    "uses it\n"
                    "17:5: warning: actor kind 'unused_kind' is defined but no "
                    "actor uses it\n"
                    "21:3: warning: actor 'lonely' is in no tie\n");
    /* Warnings still give a model. */
    assert_model(warnings_yaml, true);
    /* Built-in kinds never used are not warned about; anonymous sources
     * are used by definition. List form: the mark is the item's. */
    tu_assert_diags("actors:\n"
                    "  - {id: a, source: https://example.org/}\n"
                    "  - {id: b}\n"
                    "  - id: c\n"
                    "    name: C\n"
                    ONE_TIE,
                    "4:5: warning: actor 'c' is in no tie\n");
}

static void test_no_warnings_with_errors(void **state)
{
    (void)state;
    /* One error hides every warning; the error alone is reported. */
    rg_buf b = {0};
    rg_buf_puts(&b, warnings_yaml);
    rg_buf_puts(&b, "  - {from: a, to: nobody, kind: talks}\n");
    tu_assert_diags(b.buf, "24:19: error: unknown actor 'nobody'; define it under 'actors:'\n");
    assert_model(b.buf, false);
    free(b.buf);
}

/* ---- many errors at once ---- */

/* Every form of a tie's SVG id (README, the table of ids) against every
 * other: a tie id that spells another tie's id by position, or a line of
 * a multi-party tie, is refused, both places named; ids that spell
 * nothing else's pass. */
static void test_tie_svg_ids_unique(void **state)
{
    (void)state;
    static const char actors[] =
        "actors:\n"
        "  a: {name: A}\n"
        "  b: {name: B}\n"
        "  c: {name: C}\n"
        "  x-a: {name: XA}\n"
        "ties:\n";
    static const struct {
        const char *ties, *diags;
    } cases[] = {
        /* Its id against another tie's position, before and after it. */
        {"  - {from: a, to: b, kind: talks, id: \"2\"}\n"
         "  - {from: a, to: c, kind: talks}\n",
         "7:39: error: tie id '2' makes the SVG id 'tie-2', which tie 2 (at "
         "8:5) has by its position; choose another id\n"},
        {"  - {from: a, to: b, kind: talks}\n"
         "  - {from: a, to: c, kind: talks, id: \"1\"}\n",
         "8:39: error: tie id '1' makes the SVG id 'tie-1', which tie 1 (at "
         "7:5) has by its position; choose another id\n"},
        /* Against the line of a multi-party tie by position... */
        {"  - {between: [a, b, c], kind: talks}\n"
         "  - {from: a, to: b, kind: talks, id: 1-c}\n",
         "8:39: error: tie id '1-c' makes the SVG id 'tie-1-c', which the line "
         "of tie 1 (at 7:5) to actor 'c' has too; choose another id\n"},
        /* ... and with an id. */
        {"  - {between: [a, b], kind: talks, id: x}\n"
         "  - {from: a, to: b, kind: talks, id: x-a}\n",
         "8:39: error: tie id 'x-a' makes the SVG id 'tie-x-a', which the line "
         "of tie 'x' (at 7:5) to actor 'a' has too; choose another id\n"},
        /* A line against a line, with ids and by position. */
        {"  - {between: [b, x-a], kind: talks, id: y}\n"
         "  - {between: [a, b], kind: talks, id: y-x}\n",
         "8:40: error: tie id 'y-x' makes the SVG id 'tie-y-x-a' for its line "
         "to actor 'a', which the line of tie 'y' (at 7:5) to actor 'x-a' has "
         "too; choose another id\n"},
        {"  - {between: [b, x-a], kind: talks}\n"
         "  - {between: [a, c], kind: talks, id: 1-x}\n",
         "8:40: error: tie id '1-x' makes the SVG id 'tie-1-x-a' for its line "
         "to actor 'a', which the line of tie 1 (at 7:5) to actor 'x-a' has "
         "too; choose another id\n"},
        /* What spells nothing else's passes: its own position, a position
         * past the last tie, a line's spelling with no such line. */
        {"  - {from: a, to: b, kind: talks, id: \"1\"}\n"
         "  - {from: a, to: c, kind: talks, id: \"9\"}\n"
         "  - {between: [a, b, c], kind: talks, id: \"3\"}\n"
         "  - {from: a, to: b, kind: talks, id: 3-x}\n"
         "  - {from: b, to: c, kind: talks, id: 2-a}\n",
         "5:3: warning: actor 'x-a' is in no tie\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rg_buf y = {0};
        rg_buf_printf(&y, "%s%s", actors, cases[i].ties);
        tu_assert_diags(y.buf, cases[i].diags);
        free(y.buf);
    }
}

/* An alias repeats what it names: one list of 150 names, its duplicates
 * warned of, named by three ties. Past RG_MAX_WARNINGS the warnings are
 * counted (--strict fails on them) and said in one line. */
static void test_warnings_capped(void **state)
{
    (void)state;
    rg_buf y = RG_BUF_INIT;
    rg_buf_puts(&y, "x-list: &l [a");
    for (int i = 0; i < 149; i++)
        rg_buf_puts(&y, ",a");
    rg_buf_puts(&y, ", b]\nactors:\n  a: {}\n  b: {}\nties:\n"
                    "  - &t {kind: talks, between: *l}\n  - *t\n  - *t\n");
    tu_run r;
    tu_begin(&r);
    rg_doc *doc = NULL;
    rg_model *m = tu_model(&r, y.buf, &doc);
    assert_non_null(m);
    /* 149 duplicates in each of three ties. */
    assert_int_equal(rg_diags_warnings(r.diags), 3 * 149);
    const char *text = tu_text(&r);
    size_t lines = 0;
    for (const char *p = text; (p = strchr(p, '\n')); p++)
        lines++;
    assert_int_equal(lines, RG_MAX_WARNINGS + 1);
    assert_non_null(strstr(text, "1:15: warning: actor 'a' is named twice in 'between'; "
                                 "it is one party\n"));
    assert_non_null(strstr(text, "warning: 247 more warnings not shown\n"));
    rg_model_free(m);
    rg_doc_free(doc);
    tu_done(&r);
    rg_buf_free(&y);
}

static void test_errors_sorted(void **state)
{
    (void)state;
    /* Sections out of the validator's order: messages still come sorted
     * by position, all in one run. */
    tu_assert_diags("render: {layout: dott}\n"
                    "ties:\n"
                    "  - {from: a, to: zz, kind: talks, weight: 9}\n"
                    "  - {between: [a], kind: tlaks}\n"
                    "actors:\n"
                    "  a: {kind: persn, url: 'ftp://x.org'}\n"
                    "  b: {name: [B]}\n"
                    "groups:\n"
                    "  g: {parent: g}\n"
                    "sources:\n"
                    "  s: {}\n"
                    "relgraph: 2\n"
                    "extra: 1\n",
                    "1:18: error: invalid layout 'dott'; did you mean 'dot'?\n"
                    "3:19: error: unknown actor 'zz'; define it under 'actors:'\n"
                    "3:44: error: 'weight' must be an integer from 1 to 5, "
                    "found '9'\n"
                    "4:15: error: 'between' needs at least two distinct actors\n"
                    "4:26: error: unknown tie kind 'tlaks'; did you mean 'talks'?\n"
                    "6:13: error: unknown actor kind 'persn'; did you mean 'person'?\n"
                    "6:25: error: invalid URL 'ftp://x.org': only http and https "
                    "URLs are allowed\n"
                    "7:13: error: 'name' must be a string, found a list\n"
                    "9:15: error: group parent cycle: 'g' -> 'g'\n"
                    "11:3: error: source 's' needs a 'title'\n"
                    "12:11: error: unsupported format version '2'; this relgraph "
                    "reads 'relgraph: 1'\n"
                    "13:1: error: unknown key 'extra' in the top level\n");
}

/* ---- util.c and validate.c helpers ---- */

static rg_date D(int y, int m, int d)
{
    return (rg_date){y, m, d};
}

static void test_date_helpers(void **state)
{
    (void)state;
    /* Start: the first day a date names. */
    assert_int_equal(rg_date_cmp_start(D(2007, 0, 0), D(2007, 1, 1)), 0);
    assert_int_equal(rg_date_cmp_start(D(2007, 5, 0), D(2007, 5, 1)), 0);
    assert_int_equal(rg_date_cmp_start(D(2007, 0, 0), D(2007, 5, 0)), -1);
    assert_int_equal(rg_date_cmp_start(D(2007, 5, 2), D(2007, 5, 0)), 1);
    assert_int_equal(rg_date_cmp_start(D(2006, 12, 31), D(2007, 0, 0)), -1);
    assert_int_equal(rg_date_cmp_start(D(2008, 0, 0), D(2007, 12, 31)), 1);
    /* End: the last day it names, leap years included. */
    assert_int_equal(rg_date_cmp_end(D(2007, 0, 0), D(2007, 12, 31)), 0);
    assert_int_equal(rg_date_cmp_end(D(2007, 2, 0), D(2007, 2, 28)), 0);
    assert_int_equal(rg_date_cmp_end(D(2024, 2, 0), D(2024, 2, 29)), 0);
    assert_int_equal(rg_date_cmp_end(D(2024, 2, 0), D(2024, 2, 28)), 1);
    assert_int_equal(rg_date_cmp_end(D(2007, 5, 0), D(2007, 0, 0)), -1);
    assert_int_equal(rg_date_cmp_end(D(2007, 4, 0), D(2007, 4, 30)), 0);
    assert_int_equal(rg_date_cmp_end(D(2007, 5, 28), D(2007, 5, 28)), 0);
    assert_int_equal(rg_date_cmp_end(D(2006, 0, 0), D(2007, 1, 0)), -1);
    /* Antisymmetric. */
    assert_int_equal(rg_date_cmp_start(D(2007, 5, 0), D(2007, 0, 0)), 1);
    assert_int_equal(rg_date_cmp_end(D(2007, 0, 0), D(2007, 5, 0)), 1);

    char buf[11];
    rg_date_format(D(2007, 0, 0), buf);
    assert_string_equal(buf, "2007");
    rg_date_format(D(2007, 5, 0), buf);
    assert_string_equal(buf, "2007-05");
    rg_date_format(D(2007, 5, 28), buf);
    assert_string_equal(buf, "2007-05-28");
    rg_date_format(D(1, 1, 1), buf);
    assert_string_equal(buf, "0001-01-01");
    rg_date_format(D(9999, 12, 31), buf);
    assert_string_equal(buf, "9999-12-31");
}

static void test_suggest(void **state)
{
    (void)state;
    static const char *const keys[] = {"relgraph", "title", "description",
        "sources", "groups", "kinds", "actors", "ties", "render"};
    const size_t n = sizeof keys / sizeof keys[0];
    assert_string_equal(rg_suggest("tie", keys, n), "ties");
    assert_string_equal(rg_suggest("tiess", keys, n), "ties");
    assert_string_equal(rg_suggest("actor", keys, n), "actors");
    assert_string_equal(rg_suggest("atcors", keys, n), "actors"); /* swap */
    assert_string_equal(rg_suggest("rendr", keys, n), "render");
    assert_string_equal(rg_suggest("descriptoin", keys, n), "description");
    assert_string_equal(rg_suggest("relgarph", keys, n), "relgraph");
    assert_null(rg_suggest("layout", keys, n));
    assert_null(rg_suggest("x", keys, n));
    assert_null(rg_suggest("", keys, n));
    assert_null(rg_suggest("tie", keys, 0));
    /* One edit per four characters, at most three: short words get one. */
    static const char *const short_words[] = {"dot", "vee"};
    assert_string_equal(rg_suggest("dit", short_words, 2), "dot");
    assert_null(rg_suggest("dxx", short_words, 2));
    static const char *const long_words[] = {"organizationalism"};
    assert_string_equal(rg_suggest("organisationalizm", long_words, 1),
                        "organizationalism");
    assert_null(rg_suggest("orgnisatinalizm", long_words, 1));
    /* The closest candidate wins; the first of equals. */
    static const char *const close[] = {"form", "from", "fro"};
    assert_string_equal(rg_suggest("from", close, 3), "from");
    static const char *const ties[] = {"abcd", "abce"};
    assert_string_equal(rg_suggest("abcx", ties, 2), "abcd");
    /* Words longer than 64 characters are never suggested. */
    char big[80];
    memset(big, 'a', 70);
    big[70] = '\0';
    char big2[80];
    memcpy(big2, big, sizeof big2);
    big2[69] = 'b';
    const char *one[] = {big2};
    assert_null(rg_suggest(big, one, 1));
    /* Never as many edits as the word is long; case slips always match. */
    const char *ab[] = {"a", "star", "LR"};
    assert_null(rg_suggest("c", ab, 3));
    assert_null(rg_suggest("tab", ab, 3));
    assert_string_equal(rg_suggest("lr", ab, 3), "LR");
    assert_string_equal(rg_suggest("stra", ab, 3), "star");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spec_example),
        cmocka_unit_test(test_defaults_and_overrides),
        cmocka_unit_test(test_data_files),
        cmocka_unit_test(test_model_keeps_the_tree_texts),
        cmocka_unit_test(test_version),
        cmocka_unit_test(test_empty_and_not_a_mapping),
        cmocka_unit_test(test_unknown_keys_top),
        cmocka_unit_test(test_unknown_keys_sections),
        cmocka_unit_test(test_extension_keys_ignored),
        cmocka_unit_test(test_duplicate_ids),
        cmocka_unit_test(test_id_in_wrong_form),
        cmocka_unit_test(test_unknown_actor),
        cmocka_unit_test(test_unknown_group_and_source),
        cmocka_unit_test(test_unknown_kinds),
        cmocka_unit_test(test_wrong_types_strings),
        cmocka_unit_test(test_wrong_types_weight),
        cmocka_unit_test(test_wrong_types_bools),
        cmocka_unit_test(test_render_labels_and_bundle),
        cmocka_unit_test(test_wrong_types_lists_and_maps),
        cmocka_unit_test(test_bad_ids),
        cmocka_unit_test(test_bad_dates),
        cmocka_unit_test(test_date_order),
        cmocka_unit_test(test_date_with_interval),
        cmocka_unit_test(test_colours),
        cmocka_unit_test(test_urls),
        cmocka_unit_test(test_bare_url_sources),
        cmocka_unit_test(test_sources),
        cmocka_unit_test(test_between),
        cmocka_unit_test(test_from_to_and_kind),
        cmocka_unit_test(test_group_cycles),
        cmocka_unit_test(test_group_parents),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_enums),
        cmocka_unit_test(test_actor_limit),
        cmocka_unit_test(test_exactly_at_limit),
        cmocka_unit_test(test_error_cap),
        cmocka_unit_test(test_warnings),
        cmocka_unit_test(test_no_warnings_with_errors),
        cmocka_unit_test(test_tie_svg_ids_unique),
        cmocka_unit_test(test_errors_sorted),
        cmocka_unit_test(test_warnings_capped),
        cmocka_unit_test(test_date_helpers),
        cmocka_unit_test(test_suggest),
    };
    return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
