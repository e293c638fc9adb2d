/*
 * test_hints.c - messages that say what to do: the hints after libyaml's
 * syntax errors (hints.c), the schema's hints (a list for 'source', an
 * unknown id, a key indented as an actor), what is still checked after a
 * syntax error or a duplicate key (rg_load_partial), and the slips that
 * are warned about (a tie to itself, a party named twice, kinds that look
 * the same in a theme, `isolated`). Every message is checked whole.
 */
#include "cliutil.h"

/* The diagnostics of YAML read as relgraph reads a file: loaded with
 * rg_load_partial, then validated. */
#define assert_diags(yaml, expected) cu_assert_owned(tu_diagnose_as(yaml, true), expected)

/* ---- syntax errors ---- */

static void test_tabs(void **state)
{
    (void)state;
    assert_diags("actors:\n\tiran: {name: Iran}\n",
                 "2:1: error: while scanning for the next token: found character "
                 "that cannot start any token; indent with spaces: YAML does not "
                 "allow tabs for indentation\n");
    assert_diags("actors:\n  iran:\n    name: Iran\n\tkind: country\n",
                 "4:1: error: while scanning a plain scalar: found a tab character "
                 "that violates indentation; indent with spaces: YAML does not "
                 "allow tabs for indentation\n");
}

static void test_colon_in_a_value(void **state)
{
    (void)state;
    assert_diags("title: Iran: the deal\nactors:\n  a: {isolated: true}\n",
                 "1:12: error: mapping values are not allowed in this context; "
                 "quote the value (\"Iran: the deal\"): an unquoted ': ' in a value "
                 "starts a mapping\n");
    assert_diags("actors:\n  us:\n    name: U.S.\n    role: envoy: the ambassador\n",
                 "4:16: error: mapping values are not allowed in this context; "
                 "quote the value (\"envoy: the ambassador\"): an unquoted ': ' in "
                 "a value starts a mapping\n");
    assert_diags("actors:\n  a:\n  b:\n"
                 "ties:\n  - {from: a, to: b, kind: talks, label: talks: day one}\n",
                 "5:47: error: while parsing a flow mapping: did not find expected "
                 "',' or '}'; quote the value (\"talks: day one\"): an unquoted ': ' "
                 "in a value starts a mapping\n");
}

static void test_hash_in_a_value(void **state)
{
    (void)state;
    /* In a flow mapping the comment hides the closing brace. */
    assert_diags("actors:\n  a: {name: Team #1, kind: group}\n",
                 "3:1: error: while parsing a flow mapping: did not find expected "
                 "',' or '}'; quote the value: an unquoted ' #' starts a comment, "
                 "which hides the rest of the line\n");
    assert_diags("kinds:\n  ties:\n    k: {color: #D55E00, line: bold}\nactors:\n  a:\n",
                 "4:7: error: while parsing a flow mapping: did not find expected "
                 "',' or '}'; quote the colour ('#D55E00'): an unquoted # starts a "
                 "comment, which hides the rest of the line\n");
    /* In a block mapping the colour is null, which the schema says. */
    assert_diags("kinds:\n  ties:\n    k:\n      color: #D55E00\n"
                 "actors:\n  a: {isolated: true}\n",
                 "4:13: error: 'color' must be a colour, found null (quote "
                 "'#RRGGBB' colours: an unquoted # starts a comment)\n");
}

static void test_indentation(void **state)
{
    (void)state;
    assert_diags("actors:\n  iran:\n    name: Iran\n   kind: country\n",
                 "4:4: error: while parsing a block mapping: did not find expected "
                 "key; check the indentation: 'kind' is indented 3 spaces, 'name' "
                 "above it 4; the keys of one mapping line up\n");
    assert_diags("actors:\n  iran:\n    name: Iran\n      kind: country\n",
                 "4:11: error: mapping values are not allowed in this context; "
                 "check the indentation: 'kind' is indented 6 spaces, 'name' above "
                 "it 4; the keys of one mapping line up\n");
    /* A key of an actor at the indentation of the actors. */
    assert_diags("actors:\n  iran:\n  name: Iran\n",
                 "3:3: error: actor 'name' must be a mapping, found a string; "
                 "'name' is a key of an actor: indent it under the actor above it\n");
    /* With no mistake to name, libyaml's message alone (after what the
     * schema found before it). */
    assert_diags("actors: [{id: a}, {id: b}\n",
                 "2:1: error: while parsing a flow sequence: did not find expected "
                 "',' or ']'\n");
}

static void test_schema_hints(void **state)
{
    (void)state;
    assert_diags("sources:\n  cbs: {title: T}\n  ap: {title: A}\n"
                 "actors:\n  a: {source: [cbs, ap], isolated: true}\n",
                 "5:15: error: 'source' is one source id or URL, found a list; for "
                 "several, use 'sources:'\n");
    assert_diags("groups: {g: {}}\nactors:\n  a: {group: elsewhere}\n  b:\n"
                 "ties:\n  - {from: a, to: nobody, kind: talks, source: unheard}\n",
                 "3:14: error: unknown group 'elsewhere'; define it under 'groups:'\n"
                 "6:19: error: unknown actor 'nobody'; define it under 'actors:'\n"
                 "6:48: error: unknown source 'unheard'; define it under 'sources:'\n");
}

/* ---- what is still checked ---- */

static void test_after_a_syntax_error(void **state)
{
    (void)state;
    /* Before the error: the duplicate key, and the schema's errors in
     * what was read; after it, nothing. */
    assert_diags("actors:\n"
                 "  iran: {name: Iran, kind: contry}\n"
                 "  iran: {name: Persia}\n"
                 "  us: {name: U.S., url: 'ftp://x'}\n"
                 "ties:\n"
                 "  - {from: us, to: irn, kind: acuses, weight: 9}\n"
                 "  - {from: us, to: iran, kind: talks, label: a: b}\n"
                 "  - {from: us, to: iran, kind: qqq, weight: 0}\n",
                 "2:28: error: unknown actor kind 'contry'; did you mean 'country'?\n"
                 "3:3: error: duplicate key 'iran' (first at 2:3)\n"
                 "4:25: error: invalid URL 'ftp://x': only http and https URLs are "
                 "allowed\n"
                 "6:20: error: unknown actor 'irn'; did you mean 'iran'?\n"
                 "6:31: error: unknown tie kind 'acuses'; did you mean 'accuses'?\n"
                 "6:47: error: 'weight' must be an integer from 1 to 5, found '9'\n"
                 "7:47: error: while parsing a flow mapping: did not find expected "
                 "',' or '}'; quote the value (\"a: b\"): an unquoted ': ' in a value "
                 "starts a mapping\n");
    /* What the cut makes is not reported: the tie cut short lacks no
     * 'kind', and the actors defined past the cut are not unknown; but a
     * near miss of an id the file has is. */
    assert_diags("ties:\n"
                 "  - {from: us, to: iran, kind: talks}\n"
                 "  - {from: us, to: irn, kind: talks}\n"
                 "  - from: us\n"
                 "    to: iran\n"
                 "    label: x: y\n"
                 "actors:\n  us:\n  iran:\n",
                 "6:13: error: mapping values are not allowed in this context; "
                 "quote the value (\"x: y\"): an unquoted ': ' in a value starts a "
                 "mapping\n");
    assert_diags("actors:\n  us:\n  iran:\n"
                 "ties:\n"
                 "  - {from: us, to: irn, kind: talks}\n"
                 "  - from: us\n"
                 "    label: x: y\n",
                 "5:20: error: unknown actor 'irn'; did you mean 'iran'?\n"
                 "7:13: error: mapping values are not allowed in this context; "
                 "quote the value (\"x: y\"): an unquoted ': ' in a value starts a "
                 "mapping\n");
    /* No syntax error, a duplicate key: everything else is checked, and
     * no warning is given. */
    assert_diags("actors:\n  a: {name: A, name: B, kind: persn}\n  b:\n",
                 "2:16: error: duplicate key 'name' (first at 2:7)\n"
                 "2:31: error: unknown actor kind 'persn'; did you mean 'person'?\n");
    /* Other loading errors stop there, as before. */
    assert_diags("actors:\n  a: !!python/object {x: 1}\n  b: {kind: persn}\n",
                 "2:6: error: tag '!!python/object' is not allowed\n");
}

static void test_command_line(void **state)
{
    (void)state;
    cu_result r = CU_RUN("actors:\n  a: {kind: persn}\n  a: {}\n", "--check", "-");
    cu_expect(&r, 1, "<stdin>:2:13: error: unknown actor kind 'persn'; did you mean "
                     "'person'?\n"
                     "<stdin>:3:3: error: duplicate key 'a' (first at 2:3)\n");
}

/* ---- slips: warned about ---- */

static void test_slips(void **state)
{
    (void)state;
    assert_diags("actors:\n  a:\n  b:\n  c:\n"
                 "ties:\n"
                 "  - {from: a, to: a, kind: supports}\n"
                 "  - {between: [a, b, a, c, b], kind: talks}\n",
                 "6:19: warning: a tie from 'a' to itself: 'from' and 'to' name the "
                 "same actor\n"
                 "7:22: warning: actor 'a' is named twice in 'between'; it is one "
                 "party\n"
                 "7:28: warning: actor 'b' is named twice in 'between'; it is one "
                 "party\n");
    /* Given only for a file with no error. */
    assert_diags("actors:\n  a:\n"
                 "ties:\n  - {from: a, to: a, kind: supports, weight: 7}\n",
                 "4:46: error: 'weight' must be an integer from 1 to 5, found '7'\n");
    /* isolated: no warning for being in no tie. */
    assert_diags("actors:\n  a: {isolated: true}\n  b:\n  c: {isolated: false}\n",
                 "3:3: warning: actor 'b' is in no tie\n"
                 "4:3: warning: actor 'c' is in no tie\n");
    assert_diags("actors:\n  a: {isolated: yes}\n",
                 "2:17: error: 'isolated' must be true or false, found 'yes'\n");
    /* over: an actor, not a party. */
    assert_diags("actors:\n  a:\n  b:\n"
                 "ties:\n"
                 "  - {between: [a, b], kind: disputes, over: a}\n"
                 "  - {from: a, to: b, kind: disputes, over: nobody}\n"
                 "  - {from: a, to: b, kind: disputes, over: [a]}\n",
                 "5:45: error: 'over' names 'a', a party of the tie; it names what "
                 "the parties' tie is about\n"
                 "6:44: error: unknown actor 'nobody'; define it under 'actors:'\n"
                 "7:44: error: an actor id must be a string, found a list\n");
}

static void test_kinds_that_look_the_same(void **state)
{
    (void)state;
    const char *yaml =
        "kinds:\n"
        "  ties:\n"
        "    funds: {label: funds, color: green}\n"
        "    arms: {label: arms, color: green, line: solid}\n"
        "    backs: {label: backs, color: orange, line: dashed, arrow: vee}\n"
        "actors:\n  a:\n  b:\n"
        "ties:\n"
        "  - {from: a, to: b, kind: funds}\n"
        "  - {from: a, to: b, kind: arms}\n"
        "  - {from: a, to: b, kind: supports}\n"
        "  - {from: a, to: b, kind: backs}\n"
        "  - {from: a, to: b, kind: accuses}\n";
    /* In colour: funds and arms only; supports is sky blue, backs orange
     * where accuses is vermillion. */
    assert_diags(yaml,
                 "4:5: warning: tie kinds 'funds' and 'arms' look the same in theme "
                 "'light' (solid lines, normal arrowheads, one colour): give one of "
                 "them another 'line' or 'arrow'\n");
    /* In mono, colour tells nothing. */
    rg_buf mono = RG_BUF_INIT;
    rg_buf_printf(&mono, "%srender: {theme: mono}\n", yaml);
    assert_diags(mono.buf,
                 "3:5: warning: tie kinds 'supports' and 'funds' look the same in "
                 "theme 'mono' (solid lines, normal arrowheads): give one of them "
                 "another 'line' or 'arrow'\n"
                 "4:5: warning: tie kinds 'supports' and 'arms' look the same in "
                 "theme 'mono' (solid lines, normal arrowheads): give one of them "
                 "another 'line' or 'arrow'\n"
                 "5:5: warning: tie kinds 'accuses' and 'backs' look the same in "
                 "theme 'mono' (dashed lines, vee arrowheads): give one of them "
                 "another 'line' or 'arrow'\n");
    rg_buf_free(&mono);
    /* The built-in kinds differ in every theme, disputes included. */
    rg_buf all = RG_BUF_INIT;
    rg_buf_puts(&all, "actors:\n  a:\n  b:\nties:\n");
    for (size_t i = 0; i < rg_builtin_ties_len; i++)
        rg_buf_printf(&all, "  - {from: a, to: b, kind: %s}\n", rg_builtin_ties[i].id);
    for (size_t t = 0; t < rg_theme_names.n; t++) {
        rg_buf y = RG_BUF_INIT;
        rg_buf_printf(&y, "%srender: {theme: %s}\n", all.buf, rg_theme_names.names[t]);
        assert_diags(y.buf, "");
        rg_buf_free(&y);
    }
    rg_buf_free(&all);

    /* --theme on the command line is checked when drawing; --strict makes
     * it an error. */
    const char *file = "actors:\n  a:\n  b:\nkinds: {ties: {k: {line: dotted, color: gray}}}\n"
                       "ties:\n  - {from: a, to: b, kind: k}\n"
                       "  - {from: a, to: b, kind: proposes}\n";
    cu_result r = CU_RUN(file, "-T", "svg", "-o", "-", "-");
    cu_expect(&r, 0, "");
    r = CU_RUN(file, "--theme", "mono", "-T", "svg", "-o", "-", "-");
    cu_expect(&r, 0, "<stdin>:4:16: warning: tie kinds 'proposes' and 'k' look the "
                     "same in theme 'mono' (dotted lines, normal arrowheads): give "
                     "one of them another 'line' or 'arrow'\n");
    r = CU_RUN(file, "--strict", "--theme", "mono", "-T", "svg", "-o", "-", "-");
    assert_int_equal(r.status, 3);
    assert_string_equal(r.out, "");
    cu_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tabs),
        cmocka_unit_test(test_colon_in_a_value),
        cmocka_unit_test(test_hash_in_a_value),
        cmocka_unit_test(test_indentation),
        cmocka_unit_test(test_schema_hints),
        cmocka_unit_test(test_after_a_syntax_error),
        cmocka_unit_test(test_command_line),
        cmocka_unit_test(test_slips),
        cmocka_unit_test(test_kinds_that_look_the_same),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
