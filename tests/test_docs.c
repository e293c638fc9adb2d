/*
 * test_docs.c - the command line's manners, through the binary:
 *   - --help fits 80 columns;
 *   - --help and the man page's OPTIONS section list the same options, and
 *     the binary knows every one of them;
 *   - the man pages, relgraph.1 (the command) and relgraph.5 (the file
 *     format), are clean under `mandoc -T lint` and `groff -ww`, and
 *     `man -l` and `mandoc -T utf8` render them without a warning (each
 *     when installed; `make deps` installs mandoc);
 *   - relgraph.5 has the sections that code comments cite by name, in
 *     order, and relgraph.1 points to it;
 *   - `make install DESTDIR=... PREFIX=/usr` installs the binary, the two
 *     man pages, the schema and the pandoc filter and nothing else, and `make uninstall` with
 *     the same removes exactly those (run on a copy of the Makefile and the
 *     installed files, with the binary under test as ./relgraph);
 *   - messages never carry raw control characters, whether they come from
 *     the file's text, the file's name or an argument.
 */
#include "cliutil.h"

#include <ctype.h>

/* Options named in TEXT: "--name" (LONG) or "-x" (short), each preceded
 * by a character that cannot be part of a word, as a sorted, space-
 * separated, duplicate-free list (owned). */
static char *options_in(const char *text, bool long_options)
{
    char *names[256];
    size_t n = 0;
    for (const char *p = text; *p; p++) {
        if (p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '-' ||
                         p[-1] == '\\' || p[-1] == '_'))
            continue;
        if (long_options && !(p[0] == '-' && p[1] == '-' && islower((unsigned char)p[2])))
            continue;
        if (!long_options && !(p[0] == '-' && isalpha((unsigned char)p[1]) &&
                               !isalnum((unsigned char)p[2]) && p[2] != '-'))
            continue;
        size_t len = long_options ? 2 + strspn(p + 2, "abcdefghijklmnopqrstuvwxyz-") : 2;
        while (p[len - 1] == '-')
            len--;
        char *name = rg_xmalloc(len + 1);
        memcpy(name, p, len);
        name[len] = '\0';
        bool dup = false;
        for (size_t i = 0; i < n && !dup; i++)
            dup = strcmp(names[i], name) == 0;
        if (dup || n == 256)
            free(name);
        else
            names[n++] = name;
        p += len - 1;
    }
    /* Sort (insertion: a few dozen names). */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char *t = names[j];
            names[j] = names[j - 1];
            names[j - 1] = t;
        }
    rg_buf b = {0};
    rg_buf_puts(&b, "");
    for (size_t i = 0; i < n; i++) {
        rg_buf_printf(&b, "%s%s", i ? " " : "", names[i]);
        free(names[i]);
    }
    return b.buf;
}

/* The OPTIONS section of relgraph.1 with "\-" as "-" (owned). */
static char *man_options_section(void)
{
    char *man = cu_text("relgraph.1");
    char *options = cu_between(man, "\n.SH OPTIONS\n", "\n.SH ");
    rg_buf b = {0};
    for (const char *p = options; *p; p++) {
        if (p[0] == '\\' && p[1] == '-')
            p++;
        rg_buf_putc(&b, *p);
    }
    free(options);
    free(man);
    return b.buf;
}

static char *help_text(void)
{
    cu_result r = CU_RUN(NULL, "--help");
    assert_int_equal(r.status, 0);
    assert_string_equal(r.err, "");
    free(r.err);
    return r.out;
}

static void test_help_fits_80_columns(void **state)
{
    (void)state;
    char *help = help_text();
    size_t line = 1, col = 0;
    for (const unsigned char *p = (const unsigned char *)help; *p; p++) {
        if (*p == '\n') {
            line++;
            col = 0;
            continue;
        }
        if (*p == '\t')
            fail_msg("--help line %zu has a tab", line);
        if ((*p & 0xC0) != 0x80) /* one column per character */
            col++;
        if (col > 80)
            fail_msg("--help line %zu is wider than 80 columns", line);
    }
    assert_true(line > 20);
    free(help);
}

static void test_help_and_man_page_agree(void **state)
{
    (void)state;
    char *help = help_text();
    char *man = man_options_section();
    char *help_long = options_in(help, true), *man_long = options_in(man, true);
    char *help_short = options_in(help, false), *man_short = options_in(man, false);
    if (strcmp(help_long, man_long) != 0)
        fail_msg("long options:\n  --help:     %s\n  relgraph.1: %s", help_long,
                 man_long);
    if (strcmp(help_short, man_short) != 0)
        fail_msg("short options:\n  --help:     %s\n  relgraph.1: %s", help_short,
                 man_short);
    /* The options relgraph(1) documents, at least. */
    assert_string_equal(help_short, "-K -T -V -h -o -q");
    static const char *const spec[] = {
        "--output", "--format", "--layout", "--direction", "--theme", "--no-legend",
        "--no-edge-labels", "--focus", "--depth", "--kinds", "--exclude-kinds",
        "--as-of", "--from", "--to", "--check", "--stats", "--strict", "--schema",
        "--timeout", "--watch", "--quiet", "--help", "--version"};
    for (size_t i = 0; i < sizeof spec / sizeof spec[0]; i++) {
        rg_buf b = {0};
        rg_buf_printf(&b, " %s ", spec[i]);
        rg_buf c = {0};
        rg_buf_printf(&c, " %s ", help_long);
        if (!strstr(c.buf, b.buf))
            fail_msg("--help does not list %s", spec[i]);
        free(b.buf);
        free(c.buf);
    }

    /* The binary knows each of them: alone, an option is either done
     * (--help), needs a value, or needs an input file; never unknown. */
    char *copy = rg_xstrdup(help_long);
    for (char *opt = strtok(copy, " "); opt; opt = strtok(NULL, " ")) {
        cu_result r = CU_RUN(NULL, opt);
        if (strstr(r.err, "unknown option"))
            fail_msg("relgraph does not know %s: %s", opt, r.err);
        assert_true(r.status == 0 || r.status == 2);
        cu_result_free(&r);
    }
    free(copy);
    free(help_long);
    free(man_long);
    free(help_short);
    free(man_short);
    free(man);
    free(help);
}

/* The man pages, and the title each renders with. */
static const struct man_page {
    const char *file, *title;
} man_pages[] = {
    {"relgraph.1", "RELGRAPH(1)"},
    {"relgraph.5", "RELGRAPH(5)"},
};
#define N_MAN_PAGES (sizeof man_pages / sizeof man_pages[0])

static void test_man_pages_lint_clean(void **state)
{
    (void)state;
    bool ran = false;
    for (size_t i = 0; i < N_MAN_PAGES; i++) {
        const char *page = man_pages[i].file;
        if (cu_have("mandoc")) {
            cu_result r = CU_EXEC(NULL, "mandoc", "-T", "lint", "-W", "all", page);
            if (r.status != 0 || r.out_len || r.err_len)
                fail_msg("mandoc -T lint %s (status %d):\n%s%s", page, r.status,
                         r.out, r.err);
            cu_result_free(&r);
            ran = true;
        }
        if (cu_have("groff")) {
            /* -t: relgraph.5 has tables. */
            cu_result r = CU_EXEC(NULL, "groff", "-ww", "-t", "-man", "-Tutf8", page);
            if (r.status != 0 || r.err_len)
                fail_msg("groff -ww -t -man -Tutf8 %s (status %d):\n%s", page,
                         r.status, r.err);
            cu_result_free(&r);
            ran = true;
        }
    }
    if (!ran)
        skip();
}

/* The .SH headings of PAGE, one per line, quotes dropped (owned). */
static char *section_names(const char *page)
{
    char *man = cu_text(page);
    rg_buf b = {0};
    rg_buf_puts(&b, "");
    for (const char *sh = strstr(man, "\n.SH "); sh; sh = strstr(sh + 1, "\n.SH ")) {
        const char *name = sh + 5, *eol = strchr(name, '\n');
        assert_non_null(eol);
        for (const char *c = name; c < eol; c++)
            if (*c != '"')
                rg_buf_putc(&b, *c);
        rg_buf_putc(&b, '\n');
    }
    free(man);
    return b.buf;
}

static void test_format_page_sections(void **state)
{
    (void)state;
    /* Code comments cite these as "relgraph(5), SECTION": renaming one
     * breaks them. */
    char *sections = section_names("relgraph.5");
    assert_string_equal(sections,
                        "NAME\nSYNOPSIS\nDESCRIPTION\nIDENTIFIERS\nACTORS\nTIES\n"
                        "DATES\nSTATUSES\nKINDS\nSOURCES\nGROUPS\nRENDER\nFONTS\nTEXT DIRECTION\nYAML\n"
                        "ERRORS AND WARNINGS\nLIMITS\nSAFETY\nEXAMPLES\nSEE ALSO\n");
    free(sections);
    /* Each page names the other under SEE ALSO. */
    for (size_t i = 0; i < N_MAN_PAGES; i++) {
        char *man = cu_text(man_pages[i].file);
        const char *see = strstr(man, "\n.SH SEE ALSO\n");
        if (!see)
            fail_msg("%s has no SEE ALSO", man_pages[i].file);
        const char *other = i == 0 ? "\n.BR relgraph (5)" : "\n.BR relgraph (1)";
        if (!strstr(see, other))
            fail_msg("%s: SEE ALSO does not name %s", man_pages[i].file, other + 5);
        free(man);
    }
}

/* TEXT as a terminal shows it (owned): each backspace takes back the
 * character before it, as in the overstrikes of bold ("N\bN") and
 * underlined ("_\bx") text. */
static char *without_overstrikes(const char *text)
{
    rg_buf b = {0};
    rg_buf_puts(&b, "");
    for (const char *p = text; *p; p++) {
        if (*p != '\b') {
            rg_buf_putc(&b, *p);
            continue;
        }
        while (b.len && ((unsigned char)b.buf[b.len - 1] & 0xC0) == 0x80)
            b.len--; /* a UTF-8 character's continuation bytes */
        if (b.len)
            b.len--;
        b.buf[b.len] = '\0';
    }
    return b.buf;
}

/* R, the output of WHAT rendering man page P, is clean: status 0, nothing
 * on standard error, every section of the page there, no roff left. */
static void assert_rendered_cleanly(cu_result *r, const char *what,
                                    const struct man_page *p)
{
    if (r->status != 0 || r->err_len)
        fail_msg("%s (status %d):\n%s", what, r->status, r->err);
    char *text = without_overstrikes(r->out);
    if (strncmp(text, p->title, strlen(p->title)) != 0)
        fail_msg("%s: the first line is not the page's title:\n%.200s", what, text);
    char *man = cu_text(p->file);
    size_t sections = 0;
    for (const char *sh = strstr(man, "\n.SH "); sh;
         sh = strstr(sh + 1, "\n.SH ")) {
        const char *name = sh + 5, *eol = strchr(name, '\n');
        assert_non_null(eol);
        rg_buf heading = {0}; /* the line the heading renders as */
        rg_buf_putc(&heading, '\n');
        for (const char *c = name; c < eol; c++)
            if (*c != '"') /* .SH "EXIT STATUS" */
                rg_buf_putc(&heading, *c);
        rg_buf_putc(&heading, '\n');
        if (!strstr(text, heading.buf))
            fail_msg("%s: no section heading%s", what, heading.buf);
        free(heading.buf);
        sections++;
    }
    assert_true(sections >= 5);
    static const char *const leftovers[] = {"\\f", "\\(", "\\*", "\\-", "\\&"};
    for (size_t i = 0; i < sizeof leftovers / sizeof leftovers[0]; i++)
        if (strstr(text, leftovers[i]))
            fail_msg("%s: roff left in the output: %s", what, leftovers[i]);
    free(man);
    free(text);
}

static void test_man_pages_render(void **state)
{
    (void)state;
    bool ran = false;
    for (size_t i = 0; i < N_MAN_PAGES; i++) {
        const struct man_page *p = &man_pages[i];
        char what[128];
        if (cu_have("man")) {
            /* man-db's man passes --warnings on to groff (w: every
             * warning), and runs tbl for a page whose first line asks. */
            cu_result v = CU_EXEC(NULL, "man", "--version");
            bool man_db = v.status == 0 && strncmp(v.out, "man ", 4) == 0;
            cu_result_free(&v);
            const char *argv[] = {"env", "MANWIDTH=80", "MANPAGER=cat", "PAGER=cat",
                                  "man", "-l", p->file, NULL, NULL};
            if (man_db) {
                argv[5] = "--warnings=w";
                argv[6] = "-l";
                argv[7] = p->file;
            }
            cu_result r = cu_exec(NULL, argv);
            snprintf(what, sizeof what, "%s -l %s",
                     man_db ? "man --warnings=w" : "man", p->file);
            assert_rendered_cleanly(&r, what, p);
            cu_result_free(&r);
            ran = true;
        }
        if (cu_have("mandoc")) {
            cu_result r = CU_EXEC(NULL, "mandoc", "-T", "utf8", "-W", "warning", p->file);
            snprintf(what, sizeof what, "mandoc -T utf8 -W warning %s", p->file);
            assert_rendered_cleanly(&r, what, p);
            cu_result_free(&r);
            ran = true;
        }
    }
    if (!ran)
        skip();
}

/* ---- make install, make uninstall ---- */

/* Every entry under ROOT/REL, depth first, sorted within each directory,
 * as paths relative to ROOT with a "/" after directories, space-separated
 * in B. */
static void list_tree(rg_buf *b, const char *root, const char *rel)
{
    char dir[512];
    snprintf(dir, sizeof dir, "%s%s%s", root, *rel ? "/" : "", rel);
    struct dirent **list;
    int n = scandir(dir, &list, NULL, alphasort);
    for (int i = 0; i < n; i++) {
        const char *name = list[i]->d_name;
        if (strcmp(name, ".") != 0 && strcmp(name, "..") != 0) {
            char sub[512], full[1024];
            snprintf(sub, sizeof sub, "%s%s%s", rel, *rel ? "/" : "", name);
            snprintf(full, sizeof full, "%s/%s", root, sub);
            struct stat st;
            bool is_dir = lstat(full, &st) == 0 && S_ISDIR(st.st_mode);
            rg_buf_printf(b, "%s%s%s", b->len ? " " : "", sub, is_dir ? "/" : "");
            if (is_dir)
                list_tree(b, root, sub);
        }
        free(list[i]);
    }
    free(list);
}

/* The tree under ROOT (owned; "" when empty). */
static char *tree(const char *root)
{
    rg_buf b = {0};
    rg_buf_puts(&b, "");
    list_tree(&b, root, "");
    return b.buf;
}

static void assert_tree(const char *root, const char *expected, const char *when)
{
    char *t = tree(root);
    if (strcmp(t, expected) != 0)
        fail_msg("%s, DESTDIR holds:\n  %s\nexpected:\n  %s", when, t, expected);
    free(t);
}

static void assert_same_file(const char *a, const char *b)
{
    size_t alen, blen;
    char *x = cu_read(a, &alen), *y = cu_read(b, &blen);
    if (!x || !y || alen != blen || memcmp(x, y, alen) != 0)
        fail_msg("%s is not a copy of %s", a, b);
    free(x);
    free(y);
}

static void assert_mode(const char *p, unsigned mode)
{
    struct stat st;
    assert_int_equal(stat(p, &st), 0);
    if ((st.st_mode & 07777) != mode)
        fail_msg("%s has mode %04o, not %04o", p, (unsigned)(st.st_mode & 07777), mode);
}

/* What make install needs, in the scratch directory's "top": the
 * Makefile, relgraph.1, relgraph.5, src/schema.json, share/ and the binary
 * under test. */
static void copy_install_sources(void)
{
    CU_EXEC_OK("mkdir", "-p", cu_path("top/src"));
    CU_EXEC_OK("cp", "Makefile", "relgraph.1", "relgraph.5", cu_path("top"));
    CU_EXEC_OK("cp", "src/schema.json", cu_path("top/src"));
    CU_EXEC_OK("cp", "-R", "share", cu_path("top"));
    CU_EXEC_OK("cp", cu_binary(), cu_path("top/relgraph"));
}

/* `make TARGET DESTDIR=DEST PREFIX=/usr` on the copy, without rebuilding
 * ./relgraph (-o relgraph: the copy has no sources), silently. */
static void make_target(const char *target, const char *dest)
{
    rg_buf destdir = {0};
    rg_buf_printf(&destdir, "DESTDIR=%s", dest);
    cu_result r = CU_MAKE(cu_path("top"), target, destdir.buf, "PREFIX=/usr");
    if (r.status != 0 || r.out_len || r.err_len)
        fail_msg("make %s %s PREFIX=/usr (status %d):\n%s%s", target, destdir.buf,
                 r.status, r.out, r.err);
    cu_result_free(&r);
    free(destdir.buf);
}

static void test_install_then_uninstall_leaves_nothing(void **state)
{
    (void)state;
    copy_install_sources();
    char dest[256], bin[320], page[320], page5[320], schema[320], lua[320];
    snprintf(dest, sizeof dest, "%s", cu_path("dest"));
    snprintf(bin, sizeof bin, "%s/usr/bin/relgraph", dest);
    snprintf(page, sizeof page, "%s/usr/share/man/man1/relgraph.1", dest);
    snprintf(page5, sizeof page5, "%s/usr/share/man/man5/relgraph.5", dest);
    snprintf(schema, sizeof schema, "%s/usr/share/relgraph/relgraph.schema.json",
             dest);
    snprintf(lua, sizeof lua, "%s/usr/share/relgraph/relgraph.lua", dest);
    assert_int_equal(mkdir(dest, 0755), 0);

    make_target("install", dest);
    /* The five files, and the directories that hold them. */
    assert_tree(dest,
                "usr/ usr/bin/ usr/bin/relgraph usr/share/ usr/share/man/ "
                "usr/share/man/man1/ usr/share/man/man1/relgraph.1 "
                "usr/share/man/man5/ usr/share/man/man5/relgraph.5 "
                "usr/share/relgraph/ usr/share/relgraph/relgraph.lua "
                "usr/share/relgraph/relgraph.schema.json",
                "after make install");
    assert_mode(bin, 0755);
    assert_mode(page, 0644);
    assert_mode(page5, 0644);
    assert_mode(schema, 0644);
    assert_mode(lua, 0644);
    assert_same_file(bin, cu_binary());
    assert_same_file(page, "relgraph.1");
    assert_same_file(page5, "relgraph.5");
    assert_same_file(schema, "src/schema.json");
    assert_same_file(lua, "share/relgraph/relgraph.lua");

    /* The installed binary runs, and prints the schema installed beside it. */
    cu_result r = CU_EXEC(NULL, bin, "--version");
    assert_int_equal(r.status, 0);
    assert_true(strncmp(r.out, "relgraph " RG_VERSION " (Graphviz ",
                        strlen("relgraph " RG_VERSION " (Graphviz ")) == 0);
    assert_string_equal(r.err, "");
    cu_result_free(&r);
    r = CU_EXEC(NULL, bin, "--schema");
    assert_int_equal(r.status, 0);
    char *installed = cu_read(schema, NULL);
    assert_string_equal(r.out, installed);
    free(installed);
    cu_result_free(&r);

    /* Uninstalled: no file is left, and no directory of relgraph's own.
     * The standard directories install -d made on the way (usr/bin,
     * usr/share/man/man1, usr/share/man/man5, ...) stay, empty: under an
     * empty DESTDIR they are the system's, shared with every other
     * package, and uninstall never removes them. */
    static const char standard_dirs[] =
        "usr/ usr/bin/ usr/share/ usr/share/man/ usr/share/man/man1/ "
        "usr/share/man/man5/";
    make_target("uninstall", dest);
    assert_tree(dest, standard_dirs, "after make uninstall");
    /* A second uninstall finds nothing to do, and does not fail. */
    make_target("uninstall", dest);
    assert_tree(dest, standard_dirs, "after a second make uninstall");
}

static void test_uninstall_removes_only_its_own_files(void **state)
{
    (void)state;
    copy_install_sources();
    /* Another package's files beside relgraph's, and a file of the
     * user's in relgraph's own directory. */
    CU_EXEC_OK("mkdir", "-p", cu_path("dest/usr/bin"), cu_path("dest/usr/share/man/man1"),
               cu_path("dest/usr/share/man/man5"), cu_path("dest/usr/share/relgraph"));
    cu_write(cu_path("dest/usr/bin/other"), "#!/bin/sh\n");
    cu_write(cu_path("dest/usr/share/man/man1/other.1"), ".TH OTHER 1\n");
    cu_write(cu_path("dest/usr/share/man/man5/other.5"), ".TH OTHER 5\n");
    cu_write(cu_path("dest/usr/share/relgraph/notes.txt"), "mine\n");
    char dest[256];
    snprintf(dest, sizeof dest, "%s", cu_path("dest"));
    char *before = tree(dest);

    make_target("install", dest);
    cu_assert_text(cu_path("dest/usr/bin/other"), "#!/bin/sh\n");
    make_target("uninstall", dest);
    assert_tree(dest, before, "after make install and make uninstall");
    free(before);
}

/* The run R ended with STATUS, and no byte of its messages (WHAT) is a
 * control character other than a newline; they hold PART, when it is not
 * NULL. R is freed. */
static void expect_no_raw_controls(cu_result *r, int status, const char *what,
                                   const char *part)
{
    if (r->status != status)
        fail_msg("%s: exit status %d, not %d:\n%s", what, r->status, status, r->err);
    for (const unsigned char *p = (const unsigned char *)r->err; *p; p++)
        if ((*p < 0x20 && *p != '\n') || *p == 0x7F)
            fail_msg("%s: raw control character 0x%02X in:\n%s", what, *p, r->err);
    if (part && !strstr(r->err, part))
        fail_msg("%s: no '%s' in:\n%s", what, part, r->err);
    cu_result_free(r);
}

static void test_messages_have_no_raw_control_characters(void **state)
{
    (void)state;
    /* Escapes in quoted strings and keys. */
    static const char escaped[] =
        "actors:\n"
        "  a: {name: \"red\\e[31m alert\"}\n"
        "  \"b\\e]0;title\\u0007\": {name: B}\n"
        "ties:\n"
        "  - {from: a, to: \"zz\\e[2J\", kind: \"talks\\r\"}\n";
    cu_result r = CU_RUN(escaped, "--check", "-");
    expect_no_raw_controls(&r, 1, "errors about the file's text",
                           "<stdin>:2:13: error: control character U+001B in string\n");
    /* A raw BEL in a plain scalar. */
    r = CU_RUN("actors:\n  a: {name: bell\a here}\n", "--check", "-");
    expect_no_raw_controls(&r, 1, "errors about the file's text", NULL);

    /* The file's name: in every message that names the file. */
    const char *name = cu_path("evil\x1b[31m.yaml");
    cu_write(name, "actors:\n  a: {name: A}\n  b: {nmae: B}\n");
    r = CU_RUN(NULL, "--check", name);
    expect_no_raw_controls(&r, 1, "errors naming the file",
                           "evil\\x1B[31m.yaml:3:7: error: unknown key 'nmae'");
    /* Arguments quoted in usage errors. */
    r = CU_RUN(NULL, "--bogus\x07", name);
    expect_no_raw_controls(&r, 2, "usage error", "unknown option '--bogus\\x07'");
    r = CU_RUN(NULL, name, "-o", cu_path("out\x1b.xyz"));
    expect_no_raw_controls(&r, 2, "usage error naming an output", NULL);
    /* An output that cannot be written. */
    r = CU_RUN("actors: {a: {name: A}}\n", "-q", "-", "-o",
               "/nonexistent-relgraph-dir/\x1b[31m.svg");
    expect_no_raw_controls(&r, 3, "output error", NULL);
}

int main(void)
{
    /* The layout make install is tested for is the one PREFIX gives,
     * whatever the environment says. */
    static const char *const vars[] = {"BINDIR", "MANDIR", "MAN5DIR", "DATADIR"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++)
        unsetenv(vars[i]);
    cu_make_on_its_own();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_help_fits_80_columns),
        cmocka_unit_test(test_help_and_man_page_agree),
        cmocka_unit_test(test_man_pages_lint_clean),
        cmocka_unit_test(test_man_pages_render),
        cmocka_unit_test(test_format_page_sections),
        cu_scratch_test(test_install_then_uninstall_leaves_nothing),
        cu_scratch_test(test_uninstall_removes_only_its_own_files),
        cu_scratch_test(test_messages_have_no_raw_control_characters),
    };
    return cmocka_run_group_tests_name("docs", tests, NULL, NULL);
}
