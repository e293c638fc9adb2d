/*
 * test_load.c - the loader (load.c) on its own: the tree and its marks,
 * anchors, merge keys, every refusal with its exact message and position,
 * and the scalar helpers. Calls rg_load only, never the validator.
 */
#include "testutil.h"

#include <limits.h>

/* ---- helpers ---- */

/* Load TEXT (LEN bytes); *OUT receives the diagnostics (owned). */
static rg_doc *load_n(const char *text, size_t len, char **out)
{
    tu_run r;
    tu_begin(&r);
    rg_doc *doc = rg_load(text, len, r.diags);
    *out = rg_xstrdup(tu_text(&r));
    tu_done(&r);
    return doc;
}

/* Load YAML that must be accepted without any diagnostic. */
static rg_doc *load_ok(const char *yaml)
{
    char *diags;
    rg_doc *doc = load_n(yaml, strlen(yaml), &diags);
    assert_string_equal(diags, "");
    free(diags);
    assert_non_null(doc);
    return doc;
}

/* Assert that LEN bytes of TEXT are refused with exactly EXPECTED. */
static void refused_n(const char *text, size_t len, const char *expected)
{
    char *diags;
    rg_doc *doc = load_n(text, len, &diags);
    assert_string_equal(diags, expected);
    free(diags);
    assert_null(doc);
}

static void refused(const char *yaml, const char *expected)
{
    refused_n(yaml, strlen(yaml), expected);
}

/* Each of the N CASES, {YAML, EXPECTED}, is refused so. */
static void refused_each(const char *const (*cases)[2], size_t n)
{
    for (size_t i = 0; i < n; i++)
        refused(cases[i][0], cases[i][1]);
}

#define REFUSED_EACH(cases) refused_each(cases, sizeof cases / sizeof *cases)

/* A node's mark, printed 1-based as in messages. */
static void assert_at(const rg_node *n, size_t line, size_t col)
{
    assert_non_null(n);
    assert_int_equal(rg_node_mark(n).line + 1, line);
    assert_int_equal(rg_node_mark(n).column + 1, col);
}

/* A and B are one node: an alias is a copy of what it names, sharing its
 * text or its children, with the anchor's mark. */
static void assert_shared(const rg_node *a, const rg_node *b)
{
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(a->type, b->type);
    assert_int_equal(a->line, b->line);
    assert_int_equal(a->column, b->column);
    assert_ptr_equal(a->text, b->text); /* or the same children */
    assert_int_equal(rg_node_n(a), rg_node_n(b));
}

static void assert_scalar(const rg_node *n, const char *text, bool plain)
{
    assert_non_null(n);
    assert_int_equal(n->type, RG_SCALAR);
    assert_string_equal(n->text, text);
    assert_int_equal(rg_node_len(n), strlen(text));
    assert_int_equal(n->plain, plain);
}

static const rg_node *get(const rg_node *map, const char *key)
{
    const rg_node *v = rg_map_get(map, key);
    assert_non_null(v);
    return v;
}

/* ---- the tree ---- */

static void test_tree_and_marks(void **state)
{
    (void)state;
    rg_doc *doc = load_ok("relgraph: 1\n"
                          "actors:\n"
                          "  us:\n"
                          "    name: \"United States\"\n"
                          "    aliases: [USA, 'America']\n"
                          "ties:\n"
                          "  - {from: us, to: iran}\n");
    const rg_node *root = doc->root;
    assert_int_equal(root->type, RG_MAP);
    assert_int_equal(rg_node_n(root), 3); /* pairs */
    assert_at(root, 1, 1);
    assert_scalar(rg_item(root, 0), "relgraph", true);
    assert_at(rg_item(root, 0), 1, 1);
    assert_scalar(rg_item(root, 1), "1", true);
    assert_at(rg_item(root, 1), 1, 11);
    assert_at(rg_item(root, 2), 2, 1);

    const rg_node *actors = get(root, "actors");
    assert_int_equal(actors->type, RG_MAP);
    assert_at(actors, 3, 3);
    assert_at(rg_item(actors, 0), 3, 3);
    const rg_node *us = get(actors, "us");
    assert_at(us, 4, 5);
    const rg_node *name = get(us, "name");
    assert_scalar(name, "United States", false);
    assert_at(name, 4, 11);
    assert_at(rg_item(us, 2), 5, 5);
    const rg_node *aliases = get(us, "aliases");
    assert_int_equal(aliases->type, RG_SEQ);
    assert_int_equal(rg_node_n(aliases), 2);
    assert_at(aliases, 5, 14);
    assert_scalar(rg_item(aliases, 0), "USA", true);
    assert_at(rg_item(aliases, 0), 5, 15);
    assert_scalar(rg_item(aliases, 1), "America", false);
    assert_at(rg_item(aliases, 1), 5, 20);

    const rg_node *ties = get(root, "ties");
    assert_int_equal(ties->type, RG_SEQ);
    assert_int_equal(rg_node_n(ties), 1);
    assert_at(ties, 7, 3);
    const rg_node *tie = rg_item(ties, 0);
    assert_int_equal(tie->type, RG_MAP);
    assert_at(tie, 7, 5);
    assert_at(rg_item(tie, 0), 7, 6);
    assert_at(get(tie, "from"), 7, 12);
    assert_at(rg_item(tie, 2), 7, 16);
    assert_scalar(get(tie, "to"), "iran", true);
    assert_at(get(tie, "to"), 7, 20);
    rg_doc_free(doc);
}

static void test_styles(void **state)
{
    (void)state;
    rg_doc *doc = load_ok("plain: a b\n"
                          "single: 'it''s'\n"
                          "double: \"tab\\there\\nnext\"\n"
                          "literal: |\n"
                          "  line 1\n"
                          "  line 2\n"
                          "folded: >\n"
                          "  one\n"
                          "  two\n"
                          "flow: {a: [1, {b: c}], d: []}\n"
                          "empty:\n"
                          "\"quoted key\": 1\n"
                          "utf8: \"U.S.\xe2\x80\x93Iran \\u00e9\"\n");
    const rg_node *r = doc->root;
    assert_scalar(get(r, "plain"), "a b", true);
    assert_scalar(get(r, "single"), "it's", false);
    assert_scalar(get(r, "double"), "tab\there\nnext", false);
    assert_scalar(get(r, "literal"), "line 1\nline 2\n", false);
    assert_scalar(get(r, "folded"), "one two\n", false);
    const rg_node *flow = get(r, "flow");
    assert_int_equal(flow->type, RG_MAP);
    const rg_node *a = get(flow, "a");
    assert_int_equal(a->type, RG_SEQ);
    assert_int_equal(rg_node_n(a), 2);
    assert_scalar(rg_item(a, 0), "1", true);
    assert_scalar(get(rg_item(a, 1), "b"), "c", true);
    const rg_node *d = get(flow, "d");
    assert_int_equal(d->type, RG_SEQ);
    assert_int_equal(rg_node_n(d), 0);
    assert_null(d->items);
    const rg_node *empty = get(r, "empty");
    assert_scalar(empty, "", true);
    assert_true(rg_node_is_null(empty));
    assert_scalar(rg_item(r, 14), "quoted key", false);
    assert_scalar(rg_item(r, 15), "1", true);
    assert_scalar(get(r, "utf8"), "U.S.\xe2\x80\x93Iran \xc3\xa9", false);
    rg_doc_free(doc);
}

static void test_empty_documents(void **state)
{
    (void)state;
    const char *inputs[] = {"", "\n\n", "# only a comment\n", "---\n",
                            "---\n...\n", "\xef\xbb\xbf"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        rg_doc *doc = load_ok(inputs[i]);
        assert_null(doc->root);
        rg_doc_free(doc);
    }
    rg_doc *doc = load_ok("--- ~\n"); /* an explicit null is a node */
    assert_true(rg_node_is_null(doc->root));
    rg_doc_free(doc);

    tu_run r;
    tu_begin(&r);
    doc = rg_load(NULL, 0, r.diags);
    assert_non_null(doc);
    assert_null(doc->root);
    assert_string_equal(tu_text(&r), "");
    tu_done(&r);
    rg_doc_free(doc);
}

static void test_allowed_tags(void **state)
{
    (void)state;
    rg_doc *doc = load_ok("a: !!str 5\n"
                          "b: !!int '7'\n"
                          "c: !!bool true\n"
                          "d: !!null ~\n"
                          "e: !!float 1\n"
                          "f: !!seq [1]\n"
                          "g: !!map {x: 1}\n"
                          "h: ! 5\n"
                          "i: !<tag:yaml.org,2002:str> 6\n"
                          "j: !!float -.inf\n");
    const rg_node *r = doc->root;
    long long v;
    assert_scalar(get(r, "a"), "5", false);
    assert_false(rg_node_int(get(r, "a"), &v));
    assert_string_equal(rg_node_what(get(r, "a")), "a string");
    assert_true(rg_node_int(get(r, "b"), &v));
    assert_int_equal(v, 7);
    bool b = false;
    assert_true(rg_node_bool(get(r, "c"), &b));
    assert_true(b);
    assert_true(rg_node_is_null(get(r, "d")));
    assert_string_equal(rg_node_what(get(r, "e")), "a number");
    assert_int_equal(get(r, "f")->type, RG_SEQ);
    assert_int_equal(get(r, "g")->type, RG_MAP);
    assert_scalar(get(r, "h"), "5", false);
    assert_scalar(get(r, "i"), "6", false);
    assert_string_equal(rg_node_what(get(r, "j")), "a number");
    rg_doc_free(doc);
}

/* ---- anchors and aliases ---- */

static void test_aliases_share(void **state)
{
    (void)state;
    rg_doc *doc = load_ok("a: &x {k: v}\n"
                          "b: *x\n"
                          "c: [*x, *x]\n"
                          "d: &s text\n"
                          "e: *s\n");
    const rg_node *r = doc->root;
    const rg_node *a = get(r, "a");
    assert_shared(get(r, "b"), a);
    assert_shared(rg_item(get(r, "c"), 0), a);
    assert_shared(rg_item(get(r, "c"), 1), a);
    /* An alias's node carries the anchor's mark. */
    assert_at(get(r, "b"), 1, 4);
    assert_shared(get(r, "e"), get(r, "d"));
    assert_scalar(get(r, "e"), "text", true);
    rg_doc_free(doc);
}

/* Equal texts written near each other share one copy, whatever their
 * style; the nodes stay apart, each with its own mark. */
static void test_texts_shared(void **state)
{
    (void)state;
    rg_doc *doc = load_ok("kind: person\n"
                          "l: [person, 'person', {kind: person}]\n");
    const rg_node *r = doc->root, *l = get(r, "l");
    const rg_node *inner = rg_item(l, 2);
    assert_ptr_equal(rg_item(l, 0)->text, get(r, "kind")->text);
    assert_ptr_equal(rg_item(l, 1)->text, get(r, "kind")->text);
    assert_ptr_equal(rg_map_key(inner, "kind")->text, rg_map_key(r, "kind")->text);
    assert_scalar(rg_item(l, 1), "person", false);
    assert_at(rg_item(l, 1), 2, 13);
    assert_at(get(inner, "kind"), 2, 30);
    assert_true(rg_map_key(r, "kind")->text != get(r, "kind")->text);
    rg_doc_free(doc);
    /* A shared text is still refused at every place it is written. */
    refused("a: \"\\x01\"\nb: \"\\x01\"\nc: [\"\\x01\"]\n",
            "1:4: error: control character U+0001 in string\n"
            "2:4: error: control character U+0001 in string\n"
            "3:5: error: control character U+0001 in string\n");
}

static void test_anchor_redefined(void **state)
{
    (void)state;
    rg_doc *doc = load_ok("a: &x 1\n"
                          "b: &x 2\n"
                          "c: *x\n"
                          "d: &y [&y 3, *y]\n"
                          "e: *y\n");
    const rg_node *r = doc->root;
    assert_shared(get(r, "c"), get(r, "b"));
    const rg_node *d = get(r, "d");
    assert_shared(rg_item(d, 1), rg_item(d, 0));
    /* The inner definition came last, so it is the one that stays. */
    assert_shared(get(r, "e"), rg_item(d, 0));
    rg_doc_free(doc);
}

static void test_alias_errors(void **state)
{
    (void)state;
    refused("a: *nope\n",
            "1:4: error: alias '*nope' refers to an undefined anchor\n");
    refused("a: *later\nb: &later 1\n",
            "1:4: error: alias '*later' refers to an undefined anchor\n");
    refused("a: &a [*a]\n",
            "1:8: error: alias '*a' refers to its own anchor\n");
    refused("a: &a {b: [1, {c: *a}]}\n",
            "1:19: error: alias '*a' refers to its own anchor\n");
    /* Parsing goes on: both are reported, the map stays paired. */
    refused("a: *u\nb: *v\nc: 1\nc: 2\n",
            "1:4: error: alias '*u' refers to an undefined anchor\n"
            "2:4: error: alias '*v' refers to an undefined anchor\n"
            "4:1: error: duplicate key 'c' (first at 3:1)\n");
}

static void test_billion_laughs(void **state)
{
    (void)state;
    rg_buf b = {0};
    rg_buf_puts(&b, "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\","
                    "\"lol\",\"lol\",\"lol\"]\n");
    for (char c = 'b'; c <= 'i'; c++)
        rg_buf_printf(&b, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, "
                          "*%c]\n",
                      c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1,
                      c - 1, c - 1);
    /* a=10 nodes, b=91, c=820, d=7381, e=66430, f=597871: the aliases of
     * b..f bring 672,588 and the first *f in g crosses the budget. */
    refused(b.buf, "7:8: error: aliases expand to more than 1000000 nodes "
                   "(the limit)\n");
    free(b.buf);
}

static void test_alias_budget_through_merges(void **state)
{
    (void)state;
    rg_buf b = {0};
    rg_buf_puts(&b, "base: &b {");
    for (int i = 0; i < 1000; i++)
        rg_buf_printf(&b, "%sk%d: v", i ? ", " : "", i);
    rg_buf_puts(&b, "}\nall:\n");
    /* Each merge brings 2001 nodes: the 500th crosses 1,000,000. */
    for (int i = 0; i < 600; i++)
        rg_buf_printf(&b, "  m%d: {<<: *b}\n", i);
    refused(b.buf, "502:14: error: aliases expand to more than 1000000 nodes "
                   "(the limit)\n");
    free(b.buf);
}

/* ---- merge keys ---- */

static void test_merge_single(void **state)
{
    (void)state;
    rg_doc *doc = load_ok("base: &b {x: 1, y: 2}\n"
                          "m: {<<: *b, y: 3, z: 4}\n");
    const rg_node *base = get(doc->root, "base");
    const rg_node *m = get(doc->root, "m");
    assert_int_equal(rg_node_n(m), 3);
    /* Explicit pairs first, in file order, then the merged ones. */
    assert_scalar(rg_item(m, 0), "y", true);
    assert_scalar(rg_item(m, 1), "3", true);
    assert_scalar(rg_item(m, 2), "z", true);
    assert_scalar(rg_item(m, 4), "x", true);
    assert_shared(rg_item(m, 5), get(base, "x")); /* shared, not copied */
    assert_null(rg_map_get(m, "<<"));
    rg_doc_free(doc);
}

static void test_merge_list(void **state)
{
    (void)state;
    rg_doc *doc = load_ok("a: &a {x: 1, y: 1}\n"
                          "b: &b {y: 2, z: 2}\n"
                          "m:\n"
                          "  w: 0\n"
                          "  <<: [*a, *b, {q: 5, x: 9}]\n");
    const rg_node *m = get(doc->root, "m");
    assert_int_equal(rg_node_n(m), 5);
    const char *keys[] = {"w", "x", "y", "z", "q"};
    const char *values[] = {"0", "1", "1", "2", "5"};
    for (size_t i = 0; i < 5; i++) {
        assert_scalar(rg_item(m, 2 * i), keys[i], true);
        assert_scalar(rg_item(m, 2 * i + 1), values[i], true);
    }
    rg_doc_free(doc);

    /* Tagged !!merge works too; a quoted "<<" is an ordinary key. */
    doc = load_ok("a: &a {x: 1}\n"
                  "m: {!!merge <<: *a}\n"
                  "n: {\"<<\": *a}\n");
    assert_scalar(get(get(doc->root, "m"), "x"), "1", true);
    assert_shared(get(get(doc->root, "n"), "<<"), get(doc->root, "a"));
    rg_doc_free(doc);

    /* Two merge keys in one mapping: the earlier one wins too. */
    doc = load_ok("a: &a {x: 1}\n"
                  "b: &b {x: 2, y: 2}\n"
                  "m: {<<: *a, k: 0, <<: *b}\n");
    const rg_node *two = get(doc->root, "m");
    assert_int_equal(rg_node_n(two), 3);
    assert_scalar(get(two, "x"), "1", true);
    assert_scalar(rg_item(two, 4), "y", true);
    rg_doc_free(doc);

    /* A merge into a mapping with many keys (the hashed path). */
    rg_buf b = {0};
    rg_buf_puts(&b, "a: &a {k3: merged, extra: yes}\nm:\n  <<: *a\n");
    for (int i = 0; i < 50; i++)
        rg_buf_printf(&b, "  k%d: %d\n", i, i);
    doc = load_ok(b.buf);
    const rg_node *big = get(doc->root, "m");
    assert_int_equal(rg_node_n(big), 51);
    assert_scalar(get(big, "k3"), "3", true);
    assert_scalar(rg_item(big, 100), "extra", true);
    rg_doc_free(doc);
    free(b.buf);
}

static void test_merge_bad(void **state)
{
    (void)state;
#define BAD_MERGE \
    "error: merge key '<<' needs a mapping or a list of mappings\n"
    refused("m: {<<: 5}\n", "1:9: " BAD_MERGE);
    refused("a: &a [1]\nm: {<<: *a}\n", "2:9: " BAD_MERGE);
    refused("a: &a {x: 1}\nm:\n  <<: [*a, 5]\n  y: 2\nn: {<<: [[]]}\n",
            "3:7: " BAD_MERGE "5:9: " BAD_MERGE);
#undef BAD_MERGE
}

/* ---- refusals ---- */

static void test_oversized_input(void **state)
{
    (void)state;
    size_t n = RG_MAX_INPUT_BYTES + 1;
    char *big = rg_xmalloc(n);
    memset(big, ' ', n);
    refused_n(big, n, "1:1: error: input is larger than the limit of 16 MiB\n");
    free(big);
}

static void test_syntax_errors(void **state)
{
    (void)state;
    refused("a: [1, 2\n",
            "2:1: error: while parsing a flow sequence: did not find "
            "expected ',' or ']'\n");
    refused("a: 1\n b: 2\n",
            "2:3: error: mapping values are not allowed in this context; check "
            "the indentation: 'b' is indented 1 space, 'a' above it 0; the keys "
            "of one mapping line up\n");
    refused("- a\nb: 1\n",
            "2:1: error: while parsing a block collection: did not find "
            "expected '-' indicator\n");
    /* It stops there: the duplicate after the error is not reached. */
    refused("a: 1\na: 2\nb: [\n",
            "2:1: error: duplicate key 'a' (first at 1:1)\n"
            "4:1: error: while parsing a flow node: did not find expected "
            "node content\n");
}

static void test_invalid_utf8_and_raw_controls(void **state)
{
    (void)state;
    refused("a: \xff\n", "1:4: error: invalid leading UTF-8 octet\n");
    refused("a: 1\nb: \xc3\xa9\xff\n",
            "2:5: error: invalid leading UTF-8 octet\n");
    /* Pointed at the broken character, not at the byte after it. */
    refused("a: \xc3\n", "1:4: error: invalid trailing UTF-8 octet\n");
    refused("a: \xe2\x80x\n", "1:4: error: invalid trailing UTF-8 octet\n");
    refused("a: 1\n\x01\n", "2:1: error: control characters are not allowed\n");
    refused_n("a: b\0c\n", 7,
              "1:5: error: control characters are not allowed\n");
}

/* A UTF-8 byte order mark is skipped (YAML allows one; Windows editors
 * write it), and CRLF line ends read as LF, marks included; any other
 * encoding's mark is named, not read as bad UTF-8 ("did not find
 * expected <document start>", once). */
static void test_byte_order_marks_and_crlf(void **state)
{
    (void)state;
    rg_doc *doc = load_ok("\xEF\xBB\xBF" "a: 1\r\nb: |\r\n  x\r\n  y\r\n"
                          "c: \"p\r\n  q\"\r\n");
    assert_scalar(get(doc->root, "a"), "1", true);
    assert_scalar(get(doc->root, "b"), "x\ny\n", false);
    assert_scalar(get(doc->root, "c"), "p q", false);
    assert_int_equal(rg_map_key(doc->root, "c")->line, 4);
    assert_int_equal(rg_map_key(doc->root, "a")->column, 0);
    rg_doc_free(doc);
    /* Marks count from after the mark, in lines ended by CRLF. */
    refused("\xEF\xBB\xBF" "a: 1\r\nb: [\r\n", "3:1: error: while parsing a flow "
            "node: did not find expected node content\n");
    refused("\xEF\xBB\xBF" "a: 1\r\nb: \xff\r\n",
            "2:4: error: invalid leading UTF-8 octet\n");
    refused("\xEF\xBB\xBF" "a: \"\\x01\"\r\n",
            "1:4: error: control character U+0001 in string\n");
    /* A mark alone is an empty document. */
    doc = load_ok("\xEF\xBB\xBF");
    assert_null(doc->root);
    rg_doc_free(doc);
    static const struct {
        const char *text;
        size_t len;
        const char *encoding, *iconv;
    } other[] = {
        {"\xFF\xFE" "a\0:\0 \0" "1\0", 10, "UTF-16 (little-endian)", "UTF-16"},
        {"\xFE\xFF" "\0a\0:\0 \0" "1", 10, "UTF-16 (big-endian)", "UTF-16"},
        {"\xFF\xFE\0\0" "a\0\0\0", 8, "UTF-32 (little-endian)", "UTF-32"},
        {"\0\0\xFE\xFF" "\0\0\0a", 8, "UTF-32 (big-endian)", "UTF-32"},
    };
    for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
        rg_buf want = {0};
        rg_buf_printf(&want, "1:1: error: the file is in %s, by its byte order "
                             "mark; relgraph reads UTF-8 only: convert it, e.g. "
                             "with iconv -f %s -t UTF-8\n",
                      other[i].encoding, other[i].iconv);
        refused_n(other[i].text, other[i].len, want.buf);
        free(want.buf);
    }
    /* No mark, and a NUL among the first two bytes. */
    static const char nomark[] =
        "1:1: error: the file looks like UTF-16 or UTF-32 without a byte order "
        "mark (a NUL byte at its start); relgraph reads UTF-8 only: convert it, "
        "e.g. with iconv -f UTF-16LE -t UTF-8\n";
    refused_n("a\0:\0 \0" "1\0", 8, nomark);
    refused_n("\0a\0:\0 \0" "1", 8, nomark);
}

static void test_depth(void **state)
{
    (void)state;
    char ok[64 * 2 + 1];
    memset(ok, '[', 64);
    memset(ok + 64, ']', 64);
    ok[128] = '\0';
    rg_doc *doc = load_ok(ok);
    const rg_node *n = doc->root;
    for (int i = 1; i < 64; i++)
        n = rg_item(n, 0);
    assert_int_equal(n->type, RG_SEQ);
    assert_int_equal(rg_node_n(n), 0);
    rg_doc_free(doc);

    size_t len = 100000;
    char *deep = rg_xmalloc(len + 1);
    memset(deep, '[', len);
    deep[len] = '\0';
    refused(deep, "1:65: error: nesting deeper than the limit of 64\n");
    free(deep);

    /* Aliases count with their target's own nesting. */
    rg_buf t = {0};
    rg_buf_puts(&t, "a: &a ");
    for (int i = 0; i < 63; i++)
        rg_buf_putc(&t, '[');
    for (int i = 0; i < 63; i++)
        rg_buf_putc(&t, ']');
    rg_buf_puts(&t, "\nb: *a\n");
    doc = load_ok(t.buf);
    rg_doc_free(doc);
    rg_buf_puts(&t, "c: [1, *a]\n");
    refused(t.buf, "3:8: error: nesting deeper than the limit of 64\n");
    t.len = 0;

    /* Merged values count in the height of the mapping they join. */
    rg_buf_puts(&t, "a: &a {x: ");
    for (int i = 0; i < 61; i++)
        rg_buf_putc(&t, '[');
    for (int i = 0; i < 61; i++)
        rg_buf_putc(&t, ']');
    rg_buf_puts(&t, "}\nm: &m {<<: *a}\nn: [*m]\n");
    doc = load_ok(t.buf);
    rg_doc_free(doc);
    rg_buf_puts(&t, "o: [[*m]]\n");
    refused(t.buf, "4:6: error: nesting deeper than the limit of 64\n");
    free(t.buf);

    /* Block style: the 65th mapping of a ladder of keys. */
    rg_buf b = {0};
    for (int i = 0; i < 70; i++)
        rg_buf_printf(&b, "%*sk:\n", i, "");
    refused(b.buf, "65:65: error: nesting deeper than the limit of 64\n");
    free(b.buf);
}

static void test_multiple_documents(void **state)
{
    (void)state;
    refused("a: 1\n---\nb: 2\n",
            "2:1: error: more than one document in the stream; relgraph "
            "reads one\n");
    refused("--- a\n--- b\n--- c\n",
            "2:1: error: more than one document in the stream; relgraph "
            "reads one\n");
    refused("a: 1\n...\n---\n",
            "3:1: error: more than one document in the stream; relgraph "
            "reads one\n");
}

static void test_bad_tags(void **state)
{
    (void)state;
    refused("a: !!python/object:os.system x\n",
            "1:4: error: tag '!!python/object:os.system' is not allowed\n");
    refused("- !foo x\n"
            "- !!binary aGk=\n"
            "- !!set {a}\n"
            "- !!omap [{a: 1}]\n"
            "- !!timestamp 2007-05-28\n"
            "- !<tag:example.com,2000:x> y\n"
            "- !!merge x\n",
            "1:3: error: tag '!foo' is not allowed\n"
            "2:3: error: tag '!!binary' is not allowed\n"
            "3:3: error: tag '!!set' is not allowed\n"
            "4:3: error: tag '!!omap' is not allowed\n"
            "5:3: error: tag '!!timestamp' is not allowed\n"
            "6:3: error: tag 'tag:example.com,2000:x' is not allowed\n"
            "7:3: error: tag '!!merge' is not allowed\n");
    refused("[!!str [1], !!map x, !!seq {}]\n",
            "1:2: error: tag '!!str' cannot be used on a list\n"
            "1:13: error: tag '!!map' cannot be used on a scalar\n"
            "1:22: error: tag '!!seq' cannot be used on a mapping\n");
    refused("a: !!int x\nb: !!bool yes\nc: !!null 0\nd: !!float one\n",
            "1:4: error: 'x' is not a valid !!int\n"
            "2:4: error: 'yes' is not a valid !!bool\n"
            "3:4: error: '0' is not a valid !!null\n"
            "4:4: error: 'one' is not a valid !!float\n");
}

static void test_duplicate_keys(void **state)
{
    (void)state;
    refused("actors:\n"
            "  us:\n"
            "    name: A\n"
            "    kind: country\n"
            "    name: B\n",
            "5:5: error: duplicate key 'name' (first at 3:5)\n");
    refused("{a: 1, b: 2, a: 3, b: 4, a: 5}\n",
            "1:14: error: duplicate key 'a' (first at 1:2)\n"
            "1:20: error: duplicate key 'b' (first at 1:8)\n"
            "1:26: error: duplicate key 'a' (first at 1:2)\n");
    /* Through an alias, and with the same text in another style. */
    refused("&k a: 1\n*k : 2\n'a': 3\n",
            "2:1: error: duplicate key 'a' (first at 1:1)\n"
            "3:1: error: duplicate key 'a' (first at 1:1)\n");
}

static void test_duplicate_keys_big(void **state)
{
    (void)state;
    rg_buf b = {0};
    for (int i = 0; i < 100000; i++)
        rg_buf_printf(&b, "k%d: %d\n", i, i);
    rg_buf_puts(&b, "k5: again\nk99999: again\n");
    refused(b.buf,
            "100001:1: error: duplicate key 'k5' (first at 6:1)\n"
            "100002:1: error: duplicate key 'k99999' (first at 100000:1)\n");
    free(b.buf);
}

static void test_non_scalar_keys(void **state)
{
    (void)state;
    refused("? [a]\n: 1\nb: 2\n",
            "1:3: error: a mapping key must be a string, found a list\n");
    refused("{? {x: 1} : 2, c: 3}\n",
            "1:4: error: a mapping key must be a string, found a mapping\n");
    refused("a: &m {x: 1}\n*m : 2\n",
            "2:1: error: a mapping key must be a string, found a mapping\n");
}

static void test_control_characters(void **state)
{
    (void)state;
#define CONTROL(cp) "1:4: error: control character U+" cp " in string\n"
    static const char *const controls[][2] = {
        {"a: \"\\a\"\n", CONTROL("0007")},
        {"a: \"x\\0y\"\n", CONTROL("0000")},
        {"a: \"\\x00\"\n", CONTROL("0000")},
        {"a: \"\\x7f\"\n", CONTROL("007F")},
        {"a: \"\\u0085\"\n", CONTROL("0085")},
        {"a: \"\\x9f\"\n", CONTROL("009F")},
        {"a: \"\\e[31m\"\n", CONTROL("001B")},
        /* Keys too; the first one is named; parsing goes on. */
        {"\"k\\by\\a\": 1\nb: [\"\\r\"]\n",
         "1:1: error: control character U+0008 in string\n"
         "2:5: error: control character U+000D in string\n"},
    };
#undef CONTROL
    REFUSED_EACH(controls);
    /* Newline, tab and U+00A0 upward are fine. */
    rg_doc *doc = load_ok("a: \"x\\ty\\nz\\u00a0\\u2028\"\n");
    assert_scalar(get(doc->root, "a"), "x\ty\nz\xc2\xa0\xe2\x80\xa8", false);
    rg_doc_free(doc);
}

static void test_noncharacters(void **state)
{
    (void)state;
    /* Every noncharacter, escaped or raw (libyaml refuses only U+FFFE and
     * U+FFFF raw); and XML 1.0's other forbidden ones, the controls. */
#define NONCHAR(cp) "1:4: error: noncharacter U+" cp " in string\n"
    static const char *const nonchars[][2] = {
        {"a: \"\\uFFFE\"\n", NONCHAR("FFFE")},
        {"a: \"x\\uFFFFy\"\n", NONCHAR("FFFF")},
        {"a: \"\\uFDD0\"\n", NONCHAR("FDD0")},
        {"a: \"\\uFDEF\"\n", NONCHAR("FDEF")},
        {"a: \"\\U0001FFFE\"\n", NONCHAR("1FFFE")},
        {"a: \"\\U0010FFFF\"\n", NONCHAR("10FFFF")},
        {"a: x\xEF\xB7\x90y\n", NONCHAR("FDD0")},
        {"a: \xF0\x9F\xBF\xBF\n", NONCHAR("1FFFF")},
        {"a: \xF4\x8F\xBF\xBE\n", NONCHAR("10FFFE")},
        /* In a key too; a control character first is named as one. */
        {"\"k\\uFFFF\": 1\nb: \"\\x01\\uFDD5\"\n",
         "1:1: error: noncharacter U+FFFF in string\n"
         "2:4: error: control character U+0001 in string\n"},
    };
#undef NONCHAR
    REFUSED_EACH(nonchars);
    /* Their neighbours are characters like any other. */
    rg_doc *doc = load_ok("a: \"\\uFDCF\\uFDF0\\uFFFD\\uFFFC\\U0001FFFD\\U0010FFFD\"\n");
    assert_scalar(get(doc->root, "a"),
                  "\xEF\xB7\x8F\xEF\xB7\xB0\xEF\xBF\xBD\xEF\xBF\xBC"
                  "\xF0\x9F\xBF\xBD\xF4\x8F\xBF\xBD", false);
    rg_doc_free(doc);
}

static void test_entry_limit(void **state)
{
    (void)state;
    rg_buf b = {0};
    rg_buf_puts(&b, "ties: [");
    for (int i = 0; i < 100000; i++)
        rg_buf_puts(&b, "1,");
    rg_buf_puts(&b, "1]\n");
    refused(b.buf,
            "1:7: error: 'ties' has more than 100000 entries (the limit)\n");

    /* Exactly the limit is fine. */
    b.len = 0;
    rg_buf_puts(&b, "ties:\n");
    for (int i = 0; i < 100000; i++)
        rg_buf_puts(&b, "- x\n");
    rg_doc *doc = load_ok(b.buf);
    assert_int_equal(rg_node_n(get(doc->root, "ties")), 100000);
    rg_doc_free(doc);

    /* A mapping, counted in pairs; stops there (no duplicate reported). */
    b.len = 0;
    rg_buf_puts(&b, "actors:\n");
    for (int i = 0; i <= 100000; i++)
        rg_buf_printf(&b, "  a%d: 1\n", i);
    rg_buf_puts(&b, "  a0: 2\n");
    refused(b.buf,
            "2:3: error: 'actors' has more than 100000 entries (the limit)\n");

    /* A deeper list is not a top-level key's value... */
    b.len = 0;
    rg_buf_puts(&b, "x-big: {y: &big [");
    for (int i = 0; i < 100000; i++)
        rg_buf_puts(&b, "1,");
    rg_buf_puts(&b, "1]}\n");
    doc = load_ok(b.buf);
    rg_doc_free(doc);
    /* ...but becomes one through an alias. */
    rg_buf_puts(&b, "ties: *big\n");
    refused(b.buf,
            "2:7: error: 'ties' has more than 100000 entries (the limit)\n");

    /* Or through merge keys. */
    b.len = 0;
    rg_buf_puts(&b, "x: [&a {");
    for (int i = 0; i < 60000; i++)
        rg_buf_printf(&b, "%sa%d: 1", i ? ", " : "", i);
    rg_buf_puts(&b, "}, &b {");
    for (int i = 0; i < 60000; i++)
        rg_buf_printf(&b, "%sb%d: 1", i ? ", " : "", i);
    rg_buf_puts(&b, "}]\nactors: {<<: [*a, *b]}\n");
    refused(b.buf,
            "2:9: error: 'actors' has more than 100000 entries (the limit)\n");
    free(b.buf);
}

static void test_many_errors_one_run(void **state)
{
    (void)state;
    refused("a: !foo x\n"
            "b: \"\\a\"\n"
            "a: 2\n"
            "c: {<<: 1}\n"
            "d: *none\n"
            "? [k]\n"
            ": v\n",
            "1:4: error: tag '!foo' is not allowed\n"
            "2:4: error: control character U+0007 in string\n"
            "3:1: error: duplicate key 'a' (first at 1:1)\n"
            "4:9: error: merge key '<<' needs a mapping or a list of mappings\n"
            "5:4: error: alias '*none' refers to an undefined anchor\n"
            "6:3: error: a mapping key must be a string, found a list\n");
}

static void test_error_cap(void **state)
{
    (void)state;
    rg_buf b = {0};
    for (int i = 0; i < 300; i++)
        rg_buf_puts(&b, "- \"\\a\"\n");
    char *diags;
    rg_doc *doc = load_n(b.buf, b.len, &diags);
    assert_null(doc);
    assert_non_null(strstr(diags, "100:3: error: control character U+0007"));
    assert_null(strstr(diags, "101:3:"));
    assert_non_null(strstr(diags, "error: too many errors; stopping here\n"));
    free(diags);
    free(b.buf);
}

static void test_quoting_in_messages(void **state)
{
    (void)state;
    /* Input text in a message is escaped and cut short. */
    refused("\"a\\x01\": 1\n\"a\\x01\": 2\n",
            "1:1: error: control character U+0001 in string\n"
            "2:1: error: control character U+0001 in string\n"
            "2:1: error: duplicate key 'a\\x01' (first at 1:1)\n");
    rg_buf b = {0};
    rg_buf_puts(&b, "? ");
    for (int i = 0; i < 100; i++)
        rg_buf_putc(&b, 'k');
    rg_buf_puts(&b, "\n: 1\n? ");
    for (int i = 0; i < 100; i++)
        rg_buf_putc(&b, 'k');
    rg_buf_puts(&b, "\n: 2\n");
    char *diags;
    rg_doc *doc = load_n(b.buf, b.len, &diags);
    assert_null(doc);
    assert_non_null(strstr(diags, "kkk...' (first at 1:3)\n"));
    assert_true(strlen(diags) < 120);
    free(diags);
    free(b.buf);
}

/* ---- scalar helpers ---- */

static void test_helpers(void **state)
{
    (void)state;
    rg_doc *doc = load_ok(
        "nulls: [~, null, Null, NULL, '', \"null\", nULL]\n"
        "bools: [true, True, TRUE, false, False, FALSE, yes, 'true', tRUE]\n"
        "ints: [42, -7, +3, 0x1F, 0o17, 9223372036854775807,\n"
        "       -9223372036854775808, 9223372036854775808,\n"
        "       1.5, '5', 0x, 1_000]\n"
        "what: [abc, '1', 1.5, .inf, -.5, 1e3, 2007-05-28, ~, true, [], {}]\n"
        "empty:\n");
    const rg_node *r = doc->root;

    const rg_node *nulls = get(r, "nulls");
    for (size_t i = 0; i < 4; i++)
        assert_true(rg_node_is_null(rg_item(nulls, i)));
    assert_true(rg_node_is_null(get(r, "empty")));
    for (size_t i = 4; i < 7; i++)
        assert_false(rg_node_is_null(rg_item(nulls, i)));
    assert_false(rg_node_is_null(r));
    assert_false(rg_node_is_null(NULL));

    const rg_node *bools = get(r, "bools");
    for (size_t i = 0; i < 6; i++) {
        bool v = i >= 3;
        assert_true(rg_node_bool(rg_item(bools, i), &v));
        assert_int_equal(v, i < 3);
    }
    for (size_t i = 6; i < 9; i++) {
        bool v;
        assert_false(rg_node_bool(rg_item(bools, i), &v));
    }
    bool bv;
    assert_false(rg_node_bool(bools, &bv));

    const rg_node *ints = get(r, "ints");
    const long long want[] = {42, -7, 3, 31, 15, LLONG_MAX, LLONG_MIN};
    for (size_t i = 0; i < 7; i++) {
        long long v = 0;
        assert_true(rg_node_int(rg_item(ints, i), &v));
        assert_true(v == want[i]);
    }
    for (size_t i = 7; i < 12; i++) {
        long long v;
        assert_false(rg_node_int(rg_item(ints, i), &v));
    }
    long long iv;
    assert_false(rg_node_int(ints, &iv));
    assert_string_equal(rg_node_what(rg_item(ints, 7)), "a number");

    const rg_node *what = get(r, "what");
    const char *words[] = {"a string", "a string", "a number", "a number",
                           "a number", "a number", "a string", "null",
                           "true or false", "a list", "a mapping"};
    assert_int_equal(rg_node_n(what), 11);
    for (size_t i = 0; i < 11; i++)
        assert_string_equal(rg_node_what(rg_item(what, i)), words[i]);

    assert_null(rg_map_get(r, "missing"));
    assert_null(rg_map_get(what, "abc"));
    assert_null(rg_map_get(NULL, "abc"));
    rg_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tree_and_marks),
        cmocka_unit_test(test_styles),
        cmocka_unit_test(test_empty_documents),
        cmocka_unit_test(test_allowed_tags),
        cmocka_unit_test(test_aliases_share),
        cmocka_unit_test(test_texts_shared),
        cmocka_unit_test(test_anchor_redefined),
        cmocka_unit_test(test_alias_errors),
        cmocka_unit_test(test_billion_laughs),
        cmocka_unit_test(test_alias_budget_through_merges),
        cmocka_unit_test(test_merge_single),
        cmocka_unit_test(test_merge_list),
        cmocka_unit_test(test_merge_bad),
        cmocka_unit_test(test_oversized_input),
        cmocka_unit_test(test_syntax_errors),
        cmocka_unit_test(test_invalid_utf8_and_raw_controls),
        cmocka_unit_test(test_byte_order_marks_and_crlf),
        cmocka_unit_test(test_depth),
        cmocka_unit_test(test_multiple_documents),
        cmocka_unit_test(test_bad_tags),
        cmocka_unit_test(test_duplicate_keys),
        cmocka_unit_test(test_duplicate_keys_big),
        cmocka_unit_test(test_non_scalar_keys),
        cmocka_unit_test(test_control_characters),
        cmocka_unit_test(test_noncharacters),
        cmocka_unit_test(test_entry_limit),
        cmocka_unit_test(test_many_errors_one_run),
        cmocka_unit_test(test_error_cap),
        cmocka_unit_test(test_quoting_in_messages),
        cmocka_unit_test(test_helpers),
    };
    return cmocka_run_group_tests_name("load", tests, NULL, NULL);
}
