/*
 * test_fonts.c - the pinned fonts (fonts.c, relgraph(5), FONTS): the
 * configuration holds exactly the pinned files; a story with names in
 * Persian, Arabic, Hebrew, Russian, Chinese and Japanese renders to PDF and
 * PNG with every name in the PDF's text layer (pdftotext) and only
 * embedded fonts that draw them (pdffonts); the same bytes twice, under a
 * user's own fontconfig settings and another locale, and from a build in
 * a clean copy of the tree; text no font draws is a warning that names it.
 *
 * Run from the top of the tree (tests/data/six-scripts.yaml), with
 * poppler-utils installed (`make check` installs it).
 */
#include "cliutil.h"

#include <fontconfig/fontconfig.h>

#define STORY "tests/data/six-scripts.yaml"

/* ---- the configuration ---- */

static void test_pinned_files_only(void **state)
{
    (void)state;
    assert_true(rg_fonts_init());
    assert_true(rg_fonts_init()); /* once: the same answer */
    FcFontSet *set = FcConfigGetFonts(FcConfigGetCurrent(), FcSetSystem);
    assert_non_null(set);
    /* Every face of the pinned files, and nothing else (this machine may
     * have DejaVu's extra faces or other Noto weights installed beside
     * them). */
    rg_buf files = RG_BUF_INIT;
    const char *last = "";
    for (int i = 0; i < set->nfont; i++) {
        FcChar8 *file;
        assert_int_equal(FcPatternGetString(set->fonts[i], FC_FILE, 0, &file),
                         FcResultMatch);
        if (strcmp((const char *)file, last) != 0 && !strstr(files.buf, (const char *)file))
            rg_buf_printf(&files, "%s\n", (const char *)file);
        last = (const char *)file;
    }
    static const char *const want[] = {
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc",
        "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc",
    };
    size_t n = 0;
    for (const char *p = files.buf; *p; p++)
        n += *p == '\n';
    if (n != sizeof want / sizeof want[0])
        fail_msg("the configuration holds:\n%s", files.buf);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(files.buf, want[i]))
            fail_msg("%s is not in the configuration:\n%s", want[i], files.buf);
    rg_buf_free(&files);
    /* The families the faces name are there. */
    static const char *const families[] = {
        "DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "Noto Sans CJK SC",
        "Noto Serif CJK SC", "Noto Sans Mono CJK SC",
    };
    for (size_t i = 0; i < sizeof families / sizeof families[0]; i++) {
        FcPattern *p = FcNameParse((const FcChar8 *)families[i]);
        FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, FC_STYLE, (char *)NULL);
        FcFontSet *fs = FcFontList(NULL, p, os);
        assert_non_null(fs);
        if (fs->nfont < 2) /* regular and bold */
            fail_msg("family %s: %d faces", families[i], fs->nfont);
        FcFontSetDestroy(fs);
        FcObjectSetDestroy(os);
        FcPatternDestroy(p);
    }
}

/* The files of the current configuration, one a line. */
static char *current_files(void)
{
    FcFontSet *set = FcConfigGetFonts(FcConfigGetCurrent(), FcSetSystem);
    rg_buf files = RG_BUF_INIT;
    rg_buf_puts(&files, "");
    for (int i = 0; set && i < set->nfont; i++) {
        FcChar8 *file;
        if (FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
            !strstr(files.buf, (const char *)file))
            rg_buf_printf(&files, "%s\n", (const char *)file);
    }
    return rg_buf_detach(&files, NULL);
}

/* In a child of its own (the choice is the process's): YAML validated,
 * then rg_fonts_lean; the child's exit status says what it found: 0 the
 * lean configuration (the six DejaVu files, CJK still known as drawn), 1
 * the full one (ten files), 2 anything else. */
static int lean_after(const char *yaml)
{
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        rg_model *m = tu_valid_model(yaml, false);
        bool lean = rg_fonts_lean();
        char *files = current_files();
        size_t n = 0;
        for (const char *p = files; *p; p++)
            n += *p == '\n';
        bool cjk = strstr(files, "CJK") != NULL;
        int code = 2;
        if (lean && n == 6 && !cjk && rg_fonts_missing(RG_FONT_SANS, "王毅", NULL, 0) == 0)
            code = 0;
        else if (!lean && n == 10 && cjk)
            code = 1;
        free(files);
        rg_model_free(m);
        _exit(code);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    return WEXITSTATUS(status);
}

/* A process that draws once leaves the CJK files out when no text needs
 * them, and keeps them when one does: in a name, a role, a tie's label, a
 * group's name or a kind's label. */
static void test_lean_when_nothing_needs_the_fallback(void **state)
{
    (void)state;
    assert_int_equal(lean_after("actors: {a: {name: Zürich – Kraków, role: Ελλάδα}, "
                                "b: {name: حسن روحانی}, c: {name: בנימין נתניהו}}\n"
                                "ties: [{from: a, to: b, kind: talks, label: Сергей}]\n"),
                     0);
    assert_int_equal(lean_after("actors: {a: {name: 王毅}}\n"), 1);
    assert_int_equal(lean_after("actors: {a: {name: A, role: テヘラン会談}}\n"), 1);
    assert_int_equal(lean_after("actors: {a: {}, b: {}}\n"
                                "ties: [{from: a, to: b, kind: talks, label: 김정은}]\n"),
                     1);
    assert_int_equal(lean_after("actors: {a: {group: g}}\ngroups: {g: {name: 安倍}}\n"), 1);
    assert_int_equal(lean_after("actors: {a: {kind: k}}\n"
                                "kinds: {actors: {k: {label: 国家}}}\n"),
                     1);
}

/* The lean configuration draws what the full one draws: the command
 * line's SVG, PNG and PDF of the seed story (lean: no CJK in it) are the
 * bytes this process (full) renders from the same file. */
static void test_lean_draws_the_same(void **state)
{
    (void)state;
    const char *story = "data/iran-us-talks-2007.yaml";
    static const char *const formats[] = {"svg", "png", "pdf"};
    char svg[256], png[256], pdf[256];
    snprintf(svg, sizeof svg, "%s", cu_path("a.svg"));
    snprintf(png, sizeof png, "%s", cu_path("a.png"));
    snprintf(pdf, sizeof pdf, "%s", cu_path("a.pdf"));
    cu_result run = CU_RUN(NULL, "-q", story, "-o", svg, "-o", png, "-o", pdf);
    assert_int_equal(run.status, 0);
    cu_result_free(&run);
    tu_run r;
    tu_begin(&r);
    char *data = NULL;
    size_t len = 0;
    assert_true(rg_read_input(story, 0, &data, &len, r.diags));
    rg_doc *doc = rg_load(data, len, r.diags);
    rg_model *m = rg_validate(doc, r.diags);
    assert_non_null(m);
    rg_diagram *dg = rg_diagram_new(m, NULL, r.diags);
    assert_non_null(dg);
    char *files = current_files();
    assert_non_null(strstr(files, "NotoSansCJK-Regular.ttc"));
    free(files);
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        char *out = NULL, path[64];
        size_t n = 0, got_n = 0;
        assert_true(rg_diagram_render(dg, formats[i], &out, &n, r.diags));
        snprintf(path, sizeof path, "a.%s", formats[i]);
        char *got = cu_read(cu_path(path), &got_n);
        if (got_n != n || memcmp(got, out, n) != 0)
            fail_msg("the %s differs from the command line's", formats[i]);
        free(got);
        free(out);
    }
    rg_diagram_free(dg);
    rg_model_free(m);
    rg_doc_free(doc);
    free(data);
    tu_done(&r);
}

static void test_faces(void **state)
{
    (void)state;
    assert_string_equal(rg_font_face(RG_FONT_SANS), "DejaVu Sans,Noto Sans CJK SC");
    assert_string_equal(rg_font_face(RG_FONT_SERIF),
                        "DejaVu Serif,Noto Serif CJK SC,DejaVu Sans");
    assert_string_equal(rg_font_face(RG_FONT_MONO),
                        "DejaVu Sans Mono,Noto Sans Mono CJK SC,DejaVu Sans");
    assert_string_equal(rg_font_face(-1), rg_font_face(RG_FONT_SANS));
}

/* ---- coverage ---- */

static void test_missing_characters(void **state)
{
    (void)state;
    uint32_t cps[4];
    /* Every script of the story: nothing missing, in any font. */
    static const char *const drawn[] = {
        "حسن روحانی", "رئیس‌جمهور", "عادل الجبير", "בנימין נתניהו",
        "Сергей Лавров", "王毅", "安倍晋三", "テヘラン会談", "김정은", "Ελλάδα",
        "Zürich – Kraków \xE2\x80\x8E\xE2\x81\xA7x\xE2\x81\xA9",
    };
    for (int f = 0; f < RG_FONT_COUNT; f++)
        for (size_t i = 0; i < sizeof drawn / sizeof drawn[0]; i++)
            if (rg_fonts_missing(f, drawn[i], cps, 4) != 0)
                fail_msg("font %s lacks U+%04X of '%s'", rg_font_names.names[f],
                         (unsigned)cps[0], drawn[i]);
    /* Thai and Devanagari are not drawn: each character once, in order. */
    assert_int_equal(rg_fonts_missing(RG_FONT_SANS, "ไทย ไทย", cps, 4), 3);
    assert_int_equal(cps[0], 0x0E44);
    assert_int_equal(cps[1], 0x0E17);
    assert_int_equal(cps[2], 0x0E22);
    /* More than MAX: counted, the first MAX kept. */
    assert_int_equal(rg_fonts_missing(RG_FONT_SANS, "नमस्ते", cps, 2), 6);
    assert_int_equal(cps[0], 0x0928);
    assert_int_equal(cps[1], 0x092E);
    /* DejaVu Serif has no Hebrew of its own: DejaVu Sans draws it. */
    assert_int_equal(rg_fonts_missing(RG_FONT_SERIF, "שלום", cps, 4), 0);
}

static void test_warnings_name_the_text(void **state)
{
    (void)state;
    tu_assert_diags(
        "title: ข่าว\n"
        "groups: {g: {name: \"समूह\"}}\n"
        "kinds: {ties: {k: {label: \"ลงนาม\"}}}\n"
        "actors:\n"
        "  thai: {name: ประยุทธ์ จันทร์โอชา, group: g}\n"
        "  modi: {name: Narendra Modi, role: \"प्रधान मंत्री\"}\n"
        "ties:\n"
        "  - {from: thai, to: modi, kind: k, label: \"talks \xF0\x9F\xA4\x9D\"}\n",
        "1:1: warning: the title: font 'sans' has no glyph for 'ข' (U+0E02), "
        "'่' (U+0E48), 'า' (U+0E32), 'ว' (U+0E27); they would be drawn as boxes\n"
        "2:10: warning: group 'g': font 'sans' has no glyph for 'स' (U+0938), "
        "'म' (U+092E), 'ू' (U+0942), 'ह' (U+0939); they would be drawn as boxes\n"
        "3:16: warning: tie kind 'k': font 'sans' has no glyph for 'ล' (U+0E25), "
        "'ง' (U+0E07), 'น' (U+0E19), 'า' (U+0E32), 'ม' (U+0E21); they would be "
        "drawn as boxes\n"
        "5:3: warning: actor 'thai': font 'sans' has no glyph for 'ป' (U+0E1B), "
        "'ร' (U+0E23), 'ะ' (U+0E30), 'ย' (U+0E22), 'ุ' (U+0E38), 'ท' (U+0E17), "
        "'ธ' (U+0E18), '์' (U+0E4C) and 7 more; they would be drawn as boxes\n"
        "6:3: warning: actor 'modi': font 'sans' has no glyph for 'प' (U+092A), "
        "'्' (U+094D), 'र' (U+0930), 'ध' (U+0927), 'ा' (U+093E), 'न' (U+0928), "
        "'म' (U+092E), 'ं' (U+0902) and 2 more; they would be drawn as boxes\n"
        "8:5: warning: tie 1: font 'sans' has no glyph for '\xF0\x9F\xA4\x9D' "
        "(U+1F91D); it would be drawn as a box\n");
    /* The font the file chose is the one checked. */
    tu_assert_diags("actors: {a: {name: \"ไทย\"}}\nrender: {font: mono}\n",
                    "1:10: warning: actor 'a' is in no tie\n"
                    "1:10: warning: actor 'a': font 'mono' has no glyph for "
                    "'ไ' (U+0E44), 'ท' (U+0E17), 'ย' (U+0E22); they would be "
                    "drawn as boxes\n");
}

/* ---- the story, rendered ---- */

/* S without spaces, zero-width non-joiners and the embedding marks
 * pdftotext puts around right-to-left words (U+202A..U+202E): pdftotext
 * splits a word where the glyphs of a run leave a gap, and a ZWNJ has no
 * glyph to find. Malloc'd. */
static char *normalized(const char *s)
{
    rg_buf b = RG_BUF_INIT;
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = rg_utf8_decode(p + i, len - i, &cp);
        if (!k)
            k = 1;
        bool drop = cp == ' ' || cp == '\n' || cp == 0x200C || cp == 0x200E ||
                    cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
                    (cp >= 0x2066 && cp <= 0x2069);
        if (!drop)
            rg_buf_add(&b, s + i, k);
        i += k;
    }
    return rg_buf_detach(&b, NULL);
}

static const char *const names[] = {
    "حسن روحانی", "رئیس‌جمهور ایران", "عادل الجبير", "وزير الخارجية السعودي",
    "בנימין נתניהו", "ראש ממשלת ישראל", "Сергей Лавров",
    "Министр иностранных дел России", "王毅", "中华人民共和国外交部长", "安倍晋三",
    "内閣総理大臣", "テヘラン会談", "поддержка", "会谈", "התנגדות",
    "تدخل في شؤون المنطقة", "برجام",
};

static void test_pdf_holds_every_name(void **state)
{
    (void)state;
    const char *pdf = cu_path("six.pdf"), *png = cu_path("six.png");
    cu_result r = CU_RUN(NULL, STORY, "-o", pdf, "-o", png);
    cu_expect(&r, 0, "");

    r = CU_EXEC(NULL, "pdftotext", pdf, "-");
    assert_int_equal(r.status, 0);
    char *text = normalized(r.out);
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char *want = normalized(names[i]);
        if (!strstr(text, want))
            fail_msg("pdftotext has no '%s':\n%s", names[i], r.out);
        free(want);
    }
    free(text);
    cu_result_free(&r);

    /* The fonts: all embedded, each one of the pinned families, no Type 3
     * (what an unknown glyph's box would need). */
    r = CU_EXEC(NULL, "pdffonts", pdf);
    assert_int_equal(r.status, 0);
    const char *line = strchr(r.out, '\n');
    line = line ? strchr(line + 1, '\n') : NULL; /* past the header */
    assert_non_null(line);
    bool dejavu = false, dejavu_bold = false, cjk = false;
    for (line++; *line; line = strchr(line, '\n') + 1) {
        char name[128], type1[32], type2[32];
        if (sscanf(line, "%127s %31s %31s", name, type1, type2) != 3)
            fail_msg("pdffonts line: %s", line);
        const char *base = strchr(name, '+') ? strchr(name, '+') + 1 : name;
        dejavu |= strcmp(base, "DejaVuSans") == 0;
        dejavu_bold |= strcmp(base, "DejaVuSans-Bold") == 0;
        cjk |= strcmp(base, "NotoSansCJKsc-Regular") == 0;
        if (strncmp(base, "DejaVuSans", 10) != 0 && strncmp(base, "NotoSansCJK", 11) != 0)
            fail_msg("a font not pinned: %s", r.out);
        if (strstr(line, "Type 3") || !strstr(line, " yes yes yes "))
            fail_msg("a font not embedded as a subset with its text: %s", line);
    }
    assert_true(dejavu && dejavu_bold && cjk);
    cu_result_free(&r);

    /* The PNG is a PNG of a sensible size. */
    size_t len;
    char *bytes = cu_read(png, &len);
    assert_non_null(bytes);
    assert_true(len > 20000);
    assert_memory_equal(bytes, "\x89PNG", 4);
    free(bytes);
}

/* The outputs of one run with ENV set (NULL-terminated pairs), in
 * OUT.{png,pdf,svg}, using BINARY. */
static void render_with(const char *binary, const char *out, const char *const *env)
{
    rg_buf png = RG_BUF_INIT, pdf = RG_BUF_INIT, svg = RG_BUF_INIT;
    rg_buf_printf(&png, "%s.png", out);
    rg_buf_printf(&pdf, "%s.pdf", out);
    rg_buf_printf(&svg, "%s.svg", out);
    const char *argv[32];
    size_t n = 0;
    argv[n++] = "env";
    for (size_t i = 0; env && env[i]; i++)
        argv[n++] = env[i];
    argv[n++] = binary;
    argv[n++] = STORY;
    argv[n++] = "-o";
    argv[n++] = png.buf;
    argv[n++] = "-o";
    argv[n++] = pdf.buf;
    argv[n++] = "-o";
    argv[n++] = svg.buf;
    argv[n] = NULL;
    cu_result r = cu_exec(NULL, argv);
    if (r.status != 0)
        fail_msg("%s: exit %d: %s", binary, r.status, r.err);
    assert_string_equal(r.err, "");
    cu_result_free(&r);
    rg_buf_free(&png);
    rg_buf_free(&pdf);
    rg_buf_free(&svg);
}

static void assert_same_files(const char *a, const char *b)
{
    static const char *const ext[] = {"png", "pdf", "svg"};
    for (size_t i = 0; i < 3; i++) {
        char pa[300], pb[300];
        snprintf(pa, sizeof pa, "%s.%s", a, ext[i]);
        snprintf(pb, sizeof pb, "%s.%s", b, ext[i]);
        size_t la, lb;
        char *x = cu_read(pa, &la), *y = cu_read(pb, &lb);
        assert_non_null(x);
        assert_non_null(y);
        if (la != lb || memcmp(x, y, la) != 0)
            fail_msg("%s and %s differ", pa, pb);
        free(x);
        free(y);
    }
}

static void test_same_bytes_whatever_the_machine_says(void **state)
{
    (void)state;
    /* A user's fontconfig that asks for a serif face, no antialiasing and
     * full hinting, in a locale that would prefer Japanese forms. */
    CU_EXEC_OK("mkdir", "-p", cu_path("home/.config/fontconfig"));
    cu_write(cu_path("home/.config/fontconfig/fonts.conf"),
             "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n"
             "<fontconfig>\n"
             "  <match target=\"pattern\"><edit name=\"family\" mode=\"prepend\" "
             "binding=\"strong\"><string>DejaVu Serif</string></edit></match>\n"
             "  <match target=\"font\"><edit name=\"antialias\" mode=\"assign\">"
             "<bool>false</bool></edit><edit name=\"hintstyle\" mode=\"assign\">"
             "<const>hintfull</const></edit></match>\n"
             "</fontconfig>\n");
    rg_buf home = RG_BUF_INIT, xdg = RG_BUF_INIT;
    rg_buf_printf(&home, "HOME=%s/home", cu_dir);
    rg_buf_printf(&xdg, "XDG_CONFIG_HOME=%s/home/.config", cu_dir);
    const char *const hostile[] = {home.buf, xdg.buf, "LANG=ja_JP.UTF-8",
                                   "LC_ALL=ja_JP.UTF-8", "LANGUAGE=ja", "FC_LANG=ja",
                                   NULL};
    render_with(cu_binary(), cu_path("a"), NULL);
    render_with(cu_binary(), cu_path("b"), NULL);
    assert_same_files(cu_path("a"), cu_path("b"));
    render_with(cu_binary(), cu_path("c"), hostile);
    assert_same_files(cu_path("a"), cu_path("c"));
    rg_buf_free(&home);
    rg_buf_free(&xdg);
}

/* relgraph built from a copy of the tree, as a clean checkout would be
 * (its own build directory, nothing of this one's), gives the same bytes. */
static void test_same_bytes_from_a_clean_tree(void **state)
{
    (void)state;
    const char *tree = cu_path("tree");
    rg_buf cmd = RG_BUF_INIT;
    rg_buf_printf(&cmd, "mkdir -p %s && cp -r Makefile src %s/ && "
                        "make -s -C %s relgraph >/dev/null 2>&1", tree, tree, tree);
    cu_result r = CU_EXEC(NULL, "sh", "-c", cmd.buf);
    if (r.status != 0)
        fail_msg("building a copy of the tree failed: %s", r.err);
    cu_result_free(&r);
    rg_buf_clear(&cmd);
    rg_buf_printf(&cmd, "%s/relgraph", tree);
    render_with(cmd.buf, cu_path("clean"), NULL);
    render_with(cu_binary(), cu_path("here"), NULL);
    assert_same_files(cu_path("clean"), cu_path("here"));
    rg_buf_free(&cmd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pinned_files_only),
        cmocka_unit_test(test_lean_when_nothing_needs_the_fallback),
        cmocka_unit_test_setup_teardown(test_lean_draws_the_same, cu_setup, cu_teardown),
        cmocka_unit_test(test_faces),
        cmocka_unit_test(test_missing_characters),
        cmocka_unit_test(test_warnings_name_the_text),
        cu_scratch_test(test_pdf_holds_every_name),
        cu_scratch_test(test_same_bytes_whatever_the_machine_says),
        cu_scratch_test(test_same_bytes_from_a_clean_tree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
