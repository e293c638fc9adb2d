/*
 * test_markdown.c - the Markdown summary (markdown.c, with the sentences of
 * text.c): the exact whole text for small files, escaping of Markdown and
 * HTML in everything that comes from the file, the "Shown:" line of a
 * filtered model, and the sections that are left out when empty.
 */
#include "testutil.h"

/* ---- helpers ---- */

/* Load and validate YAML that must give no error (warnings are allowed). */
static rg_model *load(const char *yaml)
{
    return tu_valid_model(yaml, false);
}

/* The Markdown of M; LEN must match the text. */
static char *markdown(const rg_model *m)
{
    size_t len = (size_t)-1;
    char *md = rg_markdown(m, &len);
    assert_non_null(md);
    assert_int_equal(len, strlen(md));
    return md;
}

/* YAML's Markdown must be exactly EXPECTED. */
static void expect_md(const char *yaml, const char *expected)
{
    rg_model *m = load(yaml);
    char *md = markdown(m);
    assert_string_equal(md, expected);
    free(md);
    rg_model_free(m);
}

/* MD must be exactly EXPECTED. */
static void expect_text(const char *md, const char *expected)
{
    assert_string_equal(md, expected);
}

/* The headings of the sections, and the actors' table's head. */
#define ACTORS(n)                                                         \
    "## Actors (" #n ")\n"                                                \
    "\n"                                                                  \
    "| Actor | Kind | Role | Groups | Note |\n"                           \
    "|---|---|---|---|---|\n"
#define TIES(n) "\n## Ties (" #n ")\n\n"
#define SOURCES "\n## Sources\n\n"

/* ---- a whole file ---- */

static const char story_yaml[] =
    "relgraph: 1\n"
    "title: U.S.\xE2\x80\x93Iran talks on Iraq security\n"
    "description: >\n"
    "  Baghdad, 28 May 2007: first formal\n"
    "  talks since 1979.\n"
    "sources:\n"
    "  bio:\n"
    "    title: Hassan Kazemi Qomi\n"
    "    publisher: Wikipedia\n"
    "    url: https://en.wikipedia.org/wiki/Hassan_Kazemi_Qomi\n"
    "  cbs:\n"
    "    title: U.S., Iran Hold Meeting On Iraq Security\n"
    "    publisher: CBS News\n"
    "    date: 2007-05-28\n"
    "    url: https://www.cbsnews.com/\n"
    "  notes: {title: Field notes}\n"
    "  briefing: {title: Press briefing, date: 2007-06}\n"
    "  unused: {title: Never cited, url: 'https://example.org/unused'}\n"
    "groups:\n"
    "  usa: {name: United States side}\n"
    "  iraq: {name: Iraqi government}\n"
    "actors:\n"
    "  us: {name: United States, kind: country, group: usa}\n"
    "  crocker:\n"
    "    name: Ryan Crocker\n"
    "    kind: person\n"
    "    role: U.S. Ambassador to Iraq\n"
    "    group: usa\n"
    "  kazemi:\n"
    "    name: Hassan Kazemi Qomi\n"
    "    kind: person\n"
    "    role: Iranian ambassador to Iraq\n"
    "    source: bio\n"
    "  rubaie:\n"
    "    name: Mowaffak al-Rubaie\n"
    "    role: National Security Adviser\n"
    "    group: iraq\n"
    "    sources: [cbs, briefing]\n"
    "ties:\n"
    "  - between: [crocker, kazemi, rubaie]\n"
    "    kind: talks\n"
    "    date: 2007-05-28\n"
    "    label: four-hour talks\n"
    "    status: confirmed\n"
    "    sources: [cbs]\n"
    "  - {from: us, to: kazemi, kind: accuses, label: arming and training militias,\n"
    "     start: 2007-01, end: 2007-06, status: alleged, source: notes}\n"
    "  - {from: us, to: rubaie, kind: supports, start: 2003,\n"
    "     sources: ['https://example.org/reports/a_b', cbs]}\n"
    "  - {from: crocker, to: us, kind: represents, end: 2009}\n"
    "  - {from: rubaie, to: crocker, kind: talks, status: alleged}\n"
    "  - {from: kazemi, to: us, kind: accuses, directed: false, label: mutual blame}\n"
    "  - between: [us, crocker, kazemi, rubaie]\n"
    "    kind: talks\n"
    "    label: regional conference\n";

/* The story's title and description, as its Markdown opens. */
#define STORY_TITLE "# U.S.\xE2\x80\x93Iran talks on Iraq security\n\n"
#define STORY_DESCRIPTION "Baghdad, 28 May 2007: first formal talks since 1979.\n\n"

static void test_whole_file(void **state)
{
    (void)state;
    expect_md(story_yaml,
        STORY_TITLE
        STORY_DESCRIPTION
        ACTORS(4)
        "| United States | country |  | United States side |  |\n"
        "| Ryan Crocker | person | U.S. Ambassador to Iraq | United States side |  |\n"
        "| Hassan Kazemi Qomi [4] | person | Iranian ambassador to Iraq |  |  |\n"
        "| Mowaffak al-Rubaie [2] [5] |  | National Security Adviser | Iraqi government |  |\n"
        TIES(7)
        "- United States supports Mowaffak al-Rubaie (from 2003) [1] [2]\n"
        "- United States accuses Hassan Kazemi Qomi — arming and training militias (2007-01 to 2007-06, alleged) [3]\n"
        "- Ryan Crocker, Hassan Kazemi Qomi and Mowaffak al-Rubaie hold talks — four-hour talks (2007-05-28, confirmed) [2]\n"
        "- Ryan Crocker represents United States (until 2009)\n"
        "- Mowaffak al-Rubaie and Ryan Crocker hold talks (alleged)\n"
        "- Hassan Kazemi Qomi and United States accuse each other — mutual blame\n"
        "- United States, Ryan Crocker, Hassan Kazemi Qomi and Mowaffak al-Rubaie hold talks — regional conference\n"
        SOURCES
        "1. [https://example.org/reports/a\\_b](<https://example.org/reports/a_b>)\n"
        "2. CBS News, 2007-05-28: [U.S., Iran Hold Meeting On Iraq Security](<https://www.cbsnews.com/>)\n"
        "3. Field notes\n"
        "4. Wikipedia: [Hassan Kazemi Qomi](<https://en.wikipedia.org/wiki/Hassan_Kazemi_Qomi>)\n"
        "5. 2007-06: Press briefing\n");
}

/* The same file with sources only on actors: they are numbered in the
 * order of the actors, each once. */
static void test_actor_sources_only(void **state)
{
    (void)state;
    expect_md("relgraph: 1\n"
              "title: T\n"
              "sources:\n"
              "  s1: {title: One}\n"
              "  s2: {title: Two, publisher: P}\n"
              "actors:\n"
              "  a: {name: A, sources: [s2, s1]}\n"
              "  b: {name: B, source: s2}\n"
              "ties:\n"
              "  - {from: a, to: b, kind: allied}\n",
              "# T\n"
              "\n"
              ACTORS(2)
              "| A [1] [2] |  |  |  |  |\n"
              "| B [1] |  |  |  |  |\n"
              TIES(1)
              "- A and B are allied\n"
              SOURCES
              "1. P: Two\n"
              "2. One\n");
}

/* Tie kinds: built-in labels, a file's own kind, a built-in relabelled,
 * and every status and kind of date. */
static void test_kinds_and_dates(void **state)
{
    (void)state;
    expect_md("relgraph: 1\n"
              "kinds:\n"
              "  ties:\n"
              "    arrests: {label: arrests}\n"
              "    hosts: {label: is host to}\n"
              "  actors:\n"
              "    militia: {label: armed group}\n"
              "actors:\n"
              "  a: {name: A, kind: militia}\n"
              "  b: {name: B, kind: group}\n"
              "ties:\n"
              "  - {from: a, to: b, kind: arrests, date: 2007}\n"
              "  - {from: a, to: b, kind: hosts, date: 2007-05, status: denied}\n"
              "  - {from: a, to: b, kind: custody, start: 2007, end: 2007,\n"
              "     status: ended}\n"
              "  - {from: b, to: a, kind: demands, start: 2007-02-01, end: 2008-01}\n"
              "  - {from: b, to: a, kind: proposes, status: confirmed}\n"
              "  - {from: b, to: a, kind: opposes}\n",
              "# Actors and ties\n"
              "\n"
              ACTORS(2)
              "| A | armed group |  |  |  |\n"
              "| B | armed or non-state group |  |  |  |\n"
              TIES(6)
              "- A arrests B (2007)\n"
              "- A holds B in custody (2007, ended)\n"
              "- B makes demands of A (2007-02-01 to 2008-01)\n"
              "- A hosts B (2007-05, denied)\n"
              "- B makes a proposal to A (confirmed)\n"
              "- B opposes A\n");
}

/* ---- escaping ---- */

static void test_escaping(void **state)
{
    (void)state;
    expect_md("relgraph: 1\n"
              "title: 'A *bold* _x_ [link](u) <script> a|b & `code`'\n"
              "description: '<b>~~gone~~</b> \\ back\\slash'\n"
              "sources:\n"
              "  s: {title: '[Click](javascript:x) *now*', publisher: 'A&B <C>',\n"
              "      url: 'https://example.org/a_(b)'}\n"
              "groups:\n"
              "  g: {name: 'G|roup *one*'}\n"
              "kinds:\n"
              "  actors:\n"
              "    k: {label: 'kind_<i>'}\n"
              "actors:\n"
              "  a:\n"
              "    name: '*bold* _x_ [link](u) <script> a|b & `code`'\n"
              "    role: 'r|o|l|e \\ ![i](x)'\n"
              "    kind: k\n"
              "    group: g\n"
              "  b: {name: '&amp; &#60;'}\n"
              "ties:\n"
              "  - {from: a, to: b, kind: talks, source: s,\n"
              "     label: '*bold* _x_ [link](u) <script> a|b & `code`'}\n",
              "# A \\*bold\\* \\_x\\_ \\[link\\](u) &lt;script&gt; a\\|b &amp; \\`code\\`\n"
              "\n"
              "&lt;b&gt;\\~\\~gone\\~\\~&lt;/b&gt; \\\\ back\\\\slash\n"
              "\n"
              ACTORS(2)
              "| \\*bold\\* \\_x\\_ \\[link\\](u) &lt;script&gt; a\\|b &amp; \\`code\\` | kind\\_&lt;i&gt; | r\\|o\\|l\\|e \\\\ !\\[i\\](x) | G\\|roup \\*one\\* |  |\n"
              "| &amp;amp; &amp;#60; |  |  |  |  |\n"
              TIES(1)
              "- \\*bold\\* \\_x\\_ \\[link\\](u) &lt;script&gt; a\\|b &amp; \\`code\\` and &amp;amp; &amp;#60; hold talks — \\*bold\\* \\_x\\_ \\[link\\](u) &lt;script&gt; a\\|b &amp; \\`code\\` [1]\n"
              SOURCES
              "1. A&amp;B &lt;C&gt;: [\\[Click\\](javascript:x) \\*now\\*](<https://example.org/a_(b)>)\n");
}

/* Newlines and tabs inside names and labels become spaces. */
static void test_newlines(void **state)
{
    (void)state;
    expect_md("relgraph: 1\n"
              "title: \"Two\\nlines\"\n"
              "description: |\n"
              "  First line.\n"
              "  Second\tline.\n"
              "\n"
              "actors:\n"
              "  a: {name: \"A\\nB\", role: \"r\\tr\"}\n"
              "  b: {name: B}\n"
              "ties:\n"
              "  - {from: a, to: b, kind: talks, label: \"l\\nl\"}\n",
              "# Two lines\n"
              "\n"
              "First line. Second line.\n"
              "\n"
              ACTORS(2)
              "| A B |  | r r |  |  |\n"
              "| B |  |  |  |  |\n"
              TIES(1)
              "- A B and B hold talks — l l\n");
}

/* Text that starts a line must not start a heading, a list or a rule, and
 * a title's final "#" must not be taken for the heading's closing "#"s. */
static void test_block_starts(void **state)
{
    (void)state;
    expect_md("relgraph: 1\n"
              "title: 'Ranked #'\n"
              "description: '1. FC K\xC3\xB6ln and friends'\n"
              "sources:\n"
              "  s1: {title: '# Hash title'}\n"
              "  s2: {title: 'Second', publisher: '- dash'}\n"
              "  s3: {title: '2) two', url: 'https://example.org/'}\n"
              "  s4: {title: '+ plus'}\n"
              "actors:\n"
              "  a: {name: '1. FC K\xC3\xB6ln'}\n"
              "  b: {name: '# Hashtag people'}\n"
              "  c: {name: '+ plus'}\n"
              "  d: {name: '---'}\n"
              "  e: {name: '2007) reform', sources: [s1, s2, s3, s4]}\n"
              "  f: {name: '#MeToo'}\n"
              "ties:\n"
              "  - {from: a, to: b, kind: talks}\n"
              "  - {from: b, to: c, kind: talks}\n"
              "  - {from: c, to: d, kind: talks}\n"
              "  - {from: d, to: e, kind: talks}\n"
              "  - {from: e, to: f, kind: talks}\n"
              "  - {from: f, to: a, kind: talks, label: '1. # - + 2)'}\n",
              "# Ranked \\#\n"
              "\n"
              "1\\. FC Köln and friends\n"
              "\n"
              ACTORS(6)
              "| 1. FC Köln |  |  |  |  |\n"
              "| # Hashtag people |  |  |  |  |\n"
              "| + plus |  |  |  |  |\n"
              "| --- |  |  |  |  |\n"
              "| 2007) reform [1] [2] [3] [4] |  |  |  |  |\n"
              "| #MeToo |  |  |  |  |\n"
              TIES(6)
              "- 1\\. FC Köln and # Hashtag people hold talks\n"
              "- \\# Hashtag people and + plus hold talks\n"
              "- \\+ plus and --- hold talks\n"
              "- \\--- and 2007) reform hold talks\n"
              "- 2007\\) reform and #MeToo hold talks\n"
              "- \\#MeToo and 1. FC Köln hold talks — 1. # - + 2)\n"
              SOURCES
              "1. \\# Hash title\n"
              "2. \\- dash: Second\n"
              "3. [2) two](<https://example.org/>)\n"
              "4. \\+ plus\n");
}

/* ---- filtered models ---- */

static void test_filtered(void **state)
{
    (void)state;
    rg_model *m = load(story_yaml);
    rg_filter f = RG_FILTER_INIT;
    f.kinds = "talks,accuses";
    f.as_of = "2007-05";
    f.focus = "crocker";
    tu_run r;
    tu_begin(&r);
    rg_filter_status st;
    rg_model *o = rg_filter_apply(m, &f, r.diags, &st);
    assert_string_equal(tu_text(&r), "");
    tu_done(&r);
    assert_non_null(o);
    char *md = markdown(o);
    /* Only what passed: the sources are renumbered for what is shown. */
    expect_text(md,
        STORY_TITLE
        "*Shown: only talks, accuses · as of 2007-05 · focus: Ryan Crocker (depth 1).*\n"
        "\n"
        STORY_DESCRIPTION
        ACTORS(4)
        "| United States | country |  | United States side |  |\n"
        "| Ryan Crocker | person | U.S. Ambassador to Iraq | United States side |  |\n"
        "| Hassan Kazemi Qomi [3] | person | Iranian ambassador to Iraq |  |  |\n"
        "| Mowaffak al-Rubaie [2] [4] |  | National Security Adviser | Iraqi government |  |\n"
        TIES(5)
        "- United States accuses Hassan Kazemi Qomi — arming and training militias (2007-01 to 2007-06, alleged) [1]\n"
        "- Ryan Crocker, Hassan Kazemi Qomi and Mowaffak al-Rubaie hold talks — four-hour talks (2007-05-28, confirmed) [2]\n"
        "- Mowaffak al-Rubaie and Ryan Crocker hold talks (alleged)\n"
        "- Hassan Kazemi Qomi and United States accuse each other — mutual blame\n"
        "- United States, Ryan Crocker, Hassan Kazemi Qomi and Mowaffak al-Rubaie hold talks — regional conference\n"
        SOURCES
        "1. Field notes\n"
        "2. CBS News, 2007-05-28: [U.S., Iran Hold Meeting On Iraq Security](<https://www.cbsnews.com/>)\n"
        "3. Wikipedia: [Hassan Kazemi Qomi](<https://en.wikipedia.org/wiki/Hassan_Kazemi_Qomi>)\n"
        "4. 2007-06: Press briefing\n");
    free(md);
    rg_model_free(o);
    rg_model_free(m);
}

/* The "Shown" line escapes what it quotes, and a focus actor alone has an
 * empty list of ties. */
static void test_filtered_escaped(void **state)
{
    (void)state;
    rg_model *m = load("relgraph: 1\n"
                       "actors:\n"
                       "  a: {name: '*A* <b>'}\n"
                       "  b: {name: B}\n"
                       "  c: {name: C}\n"
                       "ties:\n"
                       "  - {from: b, to: c, kind: talks}\n");
    rg_filter f = RG_FILTER_INIT;
    f.focus = "a";
    f.depth = 0;
    tu_run r;
    tu_begin(&r);
    rg_filter_status st;
    rg_model *o = rg_filter_apply(m, &f, r.diags, &st);
    tu_done(&r);
    assert_non_null(o);
    char *md = markdown(o);
    expect_text(md,
        "# Actors and ties\n"
        "\n"
        "*Shown: focus: \\*A\\* &lt;b&gt; (depth 0).*\n"
        "\n"
        ACTORS(1)
        "| \\*A\\* &lt;b&gt; |  |  |  |  |\n"
        TIES(0)
        "None.\n");
    free(md);
    rg_model_free(o);
    rg_model_free(m);
}

/* ---- sections left out ---- */

/* No description: the title is followed by the actors. No source cited
 * (one defined but unused): no Sources section. */
static void test_no_description_no_sources(void **state)
{
    (void)state;
    expect_md("relgraph: 1\n"
              "title: Plain\n"
              "sources:\n"
              "  s: {title: Never cited}\n"
              "actors:\n"
              "  a: {name: A, kind: person}\n"
              "  b: {name: B, kind: media}\n"
              "ties:\n"
              "  - {from: a, to: b, kind: supports, label: funds}\n",
              "# Plain\n"
              "\n"
              ACTORS(2)
              "| A | person |  |  |  |\n"
              "| B | media |  |  |  |\n"
              TIES(1)
              "- A supports B — funds\n");
}

/* A description of blank text is left out too. */
static void test_blank_description(void **state)
{
    (void)state;
    expect_md("relgraph: 1\n"
              "description: \"  \\n\"\n"
              "actors:\n"
              "  a: {name: A}\n"
              "  b: {name: B}\n"
              "ties:\n"
              "  - {from: a, to: b, kind: hosts}\n",
              "# Actors and ties\n"
              "\n"
              ACTORS(2)
              "| A |  |  |  |  |\n"
              "| B |  |  |  |  |\n"
              TIES(1)
              "- A hosts B\n");
}

/* Actors with no name are shown by their ids; a group with no name too.
 * An actor in no tie stays in the table (no filter). */
static void test_ids_only(void **state)
{
    (void)state;
    expect_md("relgraph: 1\n"
              "groups:\n"
              "  side_a:\n"
              "actors:\n"
              "  us:\n"
              "  iran: {group: side_a}\n"
              "  lone_actor:\n"
              "ties:\n"
              "  - {from: us, to: iran, kind: opposes}\n",
              "# Actors and ties\n"
              "\n"
              ACTORS(3)
              "| us |  |  |  |  |\n"
              "| iran |  |  | side\\_a |  |\n"
              "| lone\\_actor |  |  |  |  |\n"
              TIES(1)
              "- us opposes iran\n");
}

/* ---- prose that reads right ---- */

static void test_prose(void **state)
{
    (void)state;
    /* Order: by date (a tie's first day, then its last), then the file's;
     * undated last. Notes on a line of their own; every group; aliases. */
    expect_md("groups:\n"
              "  iraq: {name: Iraqi government}\n"
              "  gz: {name: Green Zone, parent: iraq}\n"
              "actors:\n"
              "  a: {name: Raquel, aliases: [Rocky, R.], note: A note., group: gz}\n"
              "  b: {name: Mariela}\n"
              "  c: {name: حسن روحانی, aliases: [Hassan Rouhani]}\n"
              "ties:\n"
              "  - {between: [a, b, c], kind: talks}\n"
              "  - {from: a, to: b, kind: custody, start: 2007, note: \"Held: since\\n2007.\"}\n"
              "  - {from: b, to: a, kind: accuses, date: 2007-05-28}\n"
              "  - {from: c, to: a, kind: proposes, date: 2007-05}\n"
              "  - {from: a, to: b, kind: allied, directed: false, start: 2006, end: 2008}\n"
              "  - {between: [a, b], kind: opposes, directed: false}\n",
              "# Actors and ties\n"
              "\n"
              ACTORS(3)
              "| Raquel (Rocky, R.) |  |  | Green Zone, Iraqi government | A note. |\n"
              "| Mariela |  |  |  |  |\n"
              "| \xE2\x81\xA8" "حسن روحانی" "\xE2\x81\xA9 (Hassan Rouhani) |  |  |  |  |\n"
              TIES(6)
              "- Raquel and Mariela are allied (2006 to 2008)\n"
              "- Raquel holds Mariela in custody (from 2007)\\\n"
              "  Held: since 2007.\n"
              "- \xE2\x81\xA8" "حسن روحانی" "\xE2\x81\xA9 makes a proposal to Raquel (2007-05)\n"
              "- Mariela accuses Raquel (2007-05-28)\n"
              "- Raquel, Mariela and \xE2\x81\xA8" "حسن روحانی" "\xE2\x81\xA9 hold talks\n"
              "- Raquel and Mariela oppose each other\n");
    /* render.aliases: none: nowhere. */
    expect_md("actors:\n  a: {name: Raquel, aliases: [Rocky]}\n  b:\n"
              "ties:\n  - {from: a, to: b, kind: hosts}\n"
              "render: {aliases: none}\n",
              "# Actors and ties\n"
              "\n"
              ACTORS(2)
              "| Raquel |  |  |  |  |\n"
              "| b |  |  |  |  |\n"
              TIES(1)
              "- Raquel hosts b\n");
}

/* A network of one kind: listed by actor, not as N sentences. */
static void test_listed_by_actor(void **state)
{
    (void)state;
    rg_buf y = RG_BUF_INIT;
    rg_buf_puts(&y, "sources: {s: {title: S}}\nactors:\n");
    const char *ids[] = {"a", "b", "c", "d", "e"};
    for (size_t i = 0; i < 5; i++)
        rg_buf_printf(&y, "  %s: {name: %c%s}\n", ids[i], 'A' + (int)i, "ctor");
    rg_buf_puts(&y, "ties:\n"
                    "  - {from: a, to: b, kind: supports, date: 2001}\n"
                    "  - {from: a, to: c, kind: supports, label: arms, source: s}\n"
                    "  - {from: a, to: d, kind: supports, date: 2000, note: First.}\n"
                    "  - {from: b, to: c, kind: supports}\n"
                    "  - {from: b, to: d, kind: supports, status: alleged}\n"
                    "  - {from: c, to: d, kind: supports}\n"
                    "  - {from: c, to: e, kind: supports}\n"
                    "  - {from: d, to: e, kind: supports}\n"
                    "  - {from: e, to: a, kind: talks}\n");
    expect_md(y.buf,
              "# Actors and ties\n"
              "\n"
              ACTORS(5)
              "| Actor |  |  |  |  |\n"
              "| Bctor |  |  |  |  |\n"
              "| Cctor |  |  |  |  |\n"
              "| Dctor |  |  |  |  |\n"
              "| Ector |  |  |  |  |\n"
              TIES(9)
              "- Ector and Actor hold talks\n"
              "\n"
              "### supports (8 ties, by actor)\n"
              "\n"
              "- Actor supports: Dctor (2000); Bctor (2001); Cctor \xE2\x80\x94 arms [1]\n"
              "  - Dctor: First.\n"
              "- Bctor supports: Cctor; Dctor (alleged)\n"
              "- Cctor supports: Dctor; Ector\n"
              "- Dctor supports: Ector\n"
              SOURCES
              "1. S\n");
    rg_buf_free(&y);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prose),
        cmocka_unit_test(test_listed_by_actor),
        cmocka_unit_test(test_whole_file),
        cmocka_unit_test(test_actor_sources_only),
        cmocka_unit_test(test_kinds_and_dates),
        cmocka_unit_test(test_escaping),
        cmocka_unit_test(test_newlines),
        cmocka_unit_test(test_block_starts),
        cmocka_unit_test(test_filtered),
        cmocka_unit_test(test_filtered_escaped),
        cmocka_unit_test(test_no_description_no_sources),
        cmocka_unit_test(test_blank_description),
        cmocka_unit_test(test_ids_only),
    };
    return cmocka_run_group_tests_name("markdown", tests, NULL, NULL);
}
