/*
 * fonts.c - the fonts relgraph draws with (relgraph(5), FONTS): a
 * fontconfig configuration of its own that holds only the pinned font
 * files `make deps` installs, with fixed rendering settings, made current
 * before Graphviz measures any text; the families of each `render: font:`;
 * and the characters of a text that none of those families can draw.
 *
 * Without it, the fonts a label falls back to for a script its first
 * family lacks (CJK, for DejaVu) are whatever the machine has, and so are
 * the hinting and the user's own ~/.config/fontconfig: the same input
 * would give other text widths, another layout and other bytes elsewhere.
 *
 * The configuration lives as long as the process (fontconfig and pango
 * keep pointers into it); nothing here prints.
 */
#include "internal.h"

#include <fontconfig/fontconfig.h>
#include <stdlib.h>
#include <string.h>

#ifndef RG_FONTDIR
#define RG_FONTDIR "/usr/share/fonts"
#endif

/* The pinned files, under RG_FONTDIR, and the Debian package of each;
 * the fallback files draw only the scripts DejaVu has not. */
static const struct pinned {
    const char *dir, *file, *package;
    bool fallback;
} pinned[] = {
    {"truetype/dejavu", "DejaVuSans.ttf", "fonts-dejavu-core", false},
    {"truetype/dejavu", "DejaVuSans-Bold.ttf", "fonts-dejavu-core", false},
    {"truetype/dejavu", "DejaVuSerif.ttf", "fonts-dejavu-core", false},
    {"truetype/dejavu", "DejaVuSerif-Bold.ttf", "fonts-dejavu-core", false},
    {"truetype/dejavu", "DejaVuSansMono.ttf", "fonts-dejavu-core", false},
    {"truetype/dejavu", "DejaVuSansMono-Bold.ttf", "fonts-dejavu-core", false},
    {"opentype/noto", "NotoSansCJK-Regular.ttc", "fonts-noto-cjk", true},
    {"opentype/noto", "NotoSansCJK-Bold.ttc", "fonts-noto-cjk", true},
    {"opentype/noto", "NotoSerifCJK-Regular.ttc", "fonts-noto-cjk", true},
    {"opentype/noto", "NotoSerifCJK-Bold.ttc", "fonts-noto-cjk", true},
};
#define N_PINNED (sizeof pinned / sizeof pinned[0])

/* Each `render: font:`, in the order of rg_font_names: its families in
 * the order a character is looked for, as Graphviz's fontname (and so the
 * SVG's font-family). DejaVu draws Latin, Greek, Cyrillic, Arabic (with
 * Persian) and Hebrew; Noto CJK the Chinese, Japanese and Korean scripts.
 * DejaVu Serif and Sans Mono have no Hebrew (Serif no Arabic either):
 * DejaVu Sans draws those. */
static const char *const faces[] = {
    [RG_FONT_SANS] = "DejaVu Sans,Noto Sans CJK SC",
    [RG_FONT_SERIF] = "DejaVu Serif,Noto Serif CJK SC,DejaVu Sans",
    [RG_FONT_MONO] = "DejaVu Sans Mono,Noto Sans Mono CJK SC,DejaVu Sans",
};
_Static_assert(sizeof faces / sizeof faces[0] == RG_FONT_COUNT,
               "a face for every font name");

const char *rg_font_face(int font)
{
    return faces[font >= 0 && font < RG_FONT_COUNT ? font : RG_FONT_SANS];
}

/* Debian's defaults (conf.d: 10-hinting-slight, 10-yes-antialias,
 * 11-lcdfilter-default, 20-unhint-small-dejavu-*), written out so that
 * another machine's settings or a user's ~/.config/fontconfig change
 * nothing; the glyphs drawn are then what relgraph drew before it pinned
 * its fonts. Only the listed files are accepted from the font directories
 * (a Light or Condensed face another package puts beside them is not). */
static const char config_head[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n"
    "<fontconfig>\n"
    "  <cachedir>/var/cache/fontconfig</cachedir>\n"
    "  <cachedir prefix=\"xdg\">fontconfig</cachedir>\n"
    "  <match target=\"pattern\">\n"
    "    <edit name=\"antialias\" mode=\"append\"><bool>true</bool></edit>\n"
    "    <edit name=\"hintstyle\" mode=\"append\"><const>hintslight</const></edit>\n"
    "    <edit name=\"lcdfilter\" mode=\"append\"><const>lcddefault</const></edit>\n"
    "  </match>\n"
    "  <match target=\"font\">\n"
    "    <test name=\"family\" compare=\"contains\"><string>DejaVu</string></test>\n"
    "    <test name=\"pixelsize\" compare=\"less\"><double>7.5</double></test>\n"
    "    <edit name=\"hinting\"><bool>false</bool></edit>\n"
    "  </match>\n";

static FcConfig *config;   /* ours, current once made; NULL: the system's */
static FcConfig *full;     /* the one with the fallback files, once lean */
static bool fallback_wanted; /* a text rg_fonts_missing saw needs them */
static bool tried;
static char *missing;      /* the pinned files not found, for the warning */

static const char refused[] = "fontconfig refused relgraph's configuration";

static void path_of(rg_buf *b, const struct pinned *p)
{
    rg_buf_printf(b, "%s/%s/%s", RG_FONTDIR, p->dir, p->file);
}

/* The pinned entry whose path is FILE; NULL if FILE is none of them. */
static const struct pinned *pinned_file(const char *file)
{
    rg_buf path = RG_BUF_INIT;
    const struct pinned *hit = NULL;
    for (size_t i = 0; i < N_PINNED && !hit; i++) {
        rg_buf_clear(&path);
        path_of(&path, &pinned[i]);
        if (strcmp(file, path.buf) == 0)
            hit = &pinned[i];
    }
    rg_buf_free(&path);
    return hit;
}

/* True if every pinned file (but the fallback ones unless ALL) is among
 * C's fonts; else the missing ones (and their packages) in MISS. */
static bool all_there(FcConfig *c, bool all, rg_buf *miss)
{
    FcFontSet *set = FcConfigGetFonts(c, FcSetSystem);
    bool found[N_PINNED] = {false};
    for (int f = 0; set && f < set->nfont; f++) {
        FcChar8 *file;
        const struct pinned *p;
        if (FcPatternGetString(set->fonts[f], FC_FILE, 0, &file) == FcResultMatch &&
            (p = pinned_file((const char *)file)))
            found[p - pinned] = true;
    }
    for (size_t i = 0; i < N_PINNED; i++)
        if (!found[i] && (all || !pinned[i].fallback)) {
            rg_buf_puts(miss, miss->len ? ", " : "");
            path_of(miss, &pinned[i]);
            rg_buf_printf(miss, " (%s)", pinned[i].package);
        }
    return miss->len == 0;
}

/* A configuration of the pinned files, the fallback files too when ALL;
 * NULL, with the missing files in MISS, when fontconfig refuses it or a
 * file is not there. */
static FcConfig *make_config(bool all, rg_buf *miss)
{
    rg_buf xml = RG_BUF_INIT;
    rg_buf_puts(&xml, config_head);
    const char *last_dir = "";
    for (size_t i = 0; i < N_PINNED; i++)
        if ((all || !pinned[i].fallback) && strcmp(pinned[i].dir, last_dir) != 0) {
            rg_buf_printf(&xml, "  <dir>%s/%s</dir>\n", RG_FONTDIR, pinned[i].dir);
            last_dir = pinned[i].dir;
        }
    rg_buf_puts(&xml, "  <selectfont>\n    <acceptfont>\n");
    for (size_t i = 0; i < N_PINNED; i++) {
        if (!all && pinned[i].fallback)
            continue;
        rg_buf_puts(&xml, "      <glob>");
        path_of(&xml, &pinned[i]);
        rg_buf_puts(&xml, "</glob>\n");
    }
    rg_buf_puts(&xml, "    </acceptfont>\n"
                      "    <rejectfont><glob>*</glob></rejectfont>\n"
                      "  </selectfont>\n</fontconfig>\n");
    FcConfig *c = FcConfigCreate();
    if (!c)
        rg_oom();
    bool ok = FcConfigParseAndLoadFromMemory(c, (const FcChar8 *)xml.buf, FcFalse) &&
              FcConfigBuildFonts(c) && all_there(c, all, miss);
    rg_buf_free(&xml);
    if (!ok) {
        FcConfigDestroy(c);
        if (!miss->len)
            rg_buf_puts(miss, refused);
        return NULL;
    }
    return c;
}

bool rg_fonts_init(void)
{
    if (tried)
        return config != NULL;
    tried = true;
    rg_buf miss = RG_BUF_INIT;
    FcConfig *c = make_config(true, &miss);
    if (c && FcConfigSetCurrent(c))
        config = c; /* the current configuration holds its own reference */
    else if (c)
        rg_buf_puts(&miss, refused);
    if (c)
        FcConfigDestroy(c);
    if (!config)
        missing = rg_buf_detach(&miss, NULL);
    rg_buf_free(&miss);
    return config != NULL;
}

void rg_fonts_warn(rg_diags *d)
{
    if (!rg_fonts_init())
        rg_warning_nomark(d, "the pinned fonts are not all installed (%s): text is "
                             "drawn with this machine's own fonts, so the output may "
                             "differ from one machine to another; 'make deps' "
                             "installs them", missing);
}

bool rg_fonts_lean(void)
{
    if (!rg_fonts_init() || fallback_wanted || full)
        return full != NULL;
    rg_buf miss = RG_BUF_INIT;
    FcConfig *lean = make_config(false, &miss);
    rg_buf_free(&miss);
    if (!lean)
        return false;
    /* The full one stays alive for the coverage (coverage_of lists it). */
    full = FcConfigReference(config);
    if (!FcConfigSetCurrent(lean)) {
        FcConfigDestroy(lean);
        FcConfigDestroy(full);
        full = NULL;
        return false;
    }
    FcConfigDestroy(lean);
    return true;
}

/* ---- coverage ------------------------------------------------------------ */

/* What FONT's families can draw, made on first use: the union of the
 * character sets of their regular faces; [1]: without the fallback
 * files. */
static FcCharSet *coverage[2][RG_FONT_COUNT];

static FcCharSet *coverage_of(int font, bool lean)
{
    if (coverage[lean][font])
        return coverage[lean][font];
    rg_fonts_init();
    FcCharSet *all = FcCharSetCreate();
    if (!all)
        rg_oom();
    const char *face = faces[font];
    while (*face) {
        size_t n = strcspn(face, ",");
        char *family = rg_xmalloc(n + 1);
        memcpy(family, face, n);
        family[n] = '\0';
        FcPattern *p = FcPatternBuild(NULL, FC_FAMILY, FcTypeString, family,
                                      FC_WEIGHT, FcTypeInteger, FC_WEIGHT_REGULAR,
                                      (char *)NULL);
        FcObjectSet *os = FcObjectSetBuild(FC_CHARSET, FC_FILE, (char *)NULL);
        FcFontSet *set = p && os ? FcFontList(config, p, os) : NULL;
        for (int i = 0; set && i < set->nfont; i++) {
            FcCharSet *cs;
            FcChar8 *file;
            const struct pinned *pf;
            if (lean && FcPatternGetString(set->fonts[i], FC_FILE, 0, &file) == FcResultMatch &&
                (pf = pinned_file((const char *)file)) && pf->fallback)
                continue;
            if (FcPatternGetCharSet(set->fonts[i], FC_CHARSET, 0, &cs) == FcResultMatch)
                FcCharSetMerge(all, cs, NULL);
        }
        if (set)
            FcFontSetDestroy(set);
        if (os)
            FcObjectSetDestroy(os);
        if (p)
            FcPatternDestroy(p);
        free(family);
        face += n + (face[n] == ',');
    }
    coverage[lean][font] = all;
    return all;
}

/* Characters no font needs to draw: spaces, joiners, direction marks and
 * isolates, variation selectors (pango draws nothing for them). */
static bool invisible(uint32_t cp)
{
    return cp == ' ' || cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200F) ||
           (cp >= 0x2028 && cp <= 0x202F) || (cp >= 0x2060 && cp <= 0x206F) ||
           cp == 0x3000 || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF ||
           (cp >= 0xE0100 && cp <= 0xE01EF) || cp == 0xAD;
}

#define MISSING_LISTED 8

size_t rg_fonts_missing(int font, const char *text, uint32_t *out, size_t max)
{
    size_t n = 0;
    const unsigned char *s = (const unsigned char *)text;
    size_t len = strlen(text);
    FcCharSet *cs = NULL;
    for (size_t i = 0; i < len;) {
        if (s[i] < 0x80) { /* every family draws ASCII: no fontconfig */
            i++;
            continue;
        }
        uint32_t cp;
        size_t k = rg_utf8_decode(s + i, len - i, &cp);
        i += k ? k : 1;
        if (!k || invisible(cp))
            continue;
        int f = font >= 0 && font < RG_FONT_COUNT ? font : RG_FONT_SANS;
        if (!cs)
            cs = coverage_of(f, false);
        if (!fallback_wanted && !FcCharSetHasChar(coverage_of(f, true), cp))
            fallback_wanted = true;
        if (FcCharSetHasChar(cs, cp))
            continue;
        bool seen = false;
        for (size_t j = 0; j < n && j < max && !seen; j++)
            seen = out[j] == cp;
        if (!seen) {
            if (n < max)
                out[n] = cp;
            n++;
        }
    }
    return n;
}

void rg_fonts_check(rg_diags *d, rg_mark mark, int font, const char *what,
                    const char *text)
{
    if (!text)
        return;
    uint32_t cps[MISSING_LISTED];
    size_t n = rg_fonts_missing(font, text, cps, MISSING_LISTED);
    if (n == 0)
        return;
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; i < n && i < MISSING_LISTED; i++) {
        char utf8[5] = {0};
        uint32_t c = cps[i];
        if (c < 0x800) {
            utf8[0] = (char)(0xC0 | (c >> 6));
            utf8[1] = (char)(0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            utf8[0] = (char)(0xE0 | (c >> 12));
            utf8[1] = (char)(0x80 | ((c >> 6) & 0x3F));
            utf8[2] = (char)(0x80 | (c & 0x3F));
        } else {
            utf8[0] = (char)(0xF0 | (c >> 18));
            utf8[1] = (char)(0x80 | ((c >> 12) & 0x3F));
            utf8[2] = (char)(0x80 | ((c >> 6) & 0x3F));
            utf8[3] = (char)(0x80 | (c & 0x3F));
        }
        rg_buf_printf(&b, "%s'%s' (U+%04X)", i ? ", " : "", utf8, (unsigned)c);
    }
    if (n > MISSING_LISTED)
        rg_buf_printf(&b, " and %zu more", n - MISSING_LISTED);
    rg_warning(d, mark, "%s: font '%s' has no glyph for %s; %s drawn as %s",
               what, rg_font_names.names[font >= 0 && font < RG_FONT_COUNT ? font : 0],
               b.buf, n == 1 ? "it would be" : "they would be",
               n == 1 ? "a box" : "boxes");
    rg_buf_free(&b);
}
