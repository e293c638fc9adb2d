/*
 * escape.c - every escaper, one per language text from a data file is
 * written into: XML (SVG text and attribute values, and HTML's;
 * attributes that keep their white space, for GEXF), JSON inside an HTML
 * page's script block, Graphviz's HTML-like labels (with line wrapping),
 * Graphviz's plain labels (escString), Markdown, and the terminal
 * (messages). Each appends to an rg_buf; no
 * other file escapes by hand. tests/test_escape.c has a table per escaper.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* Each escaper is a table: what each ASCII character becomes (NULL: itself).
 * Bytes of 0x80 and above (UTF-8) are always themselves. */
typedef const char *const esc_table[128];

static void escape(rg_buf *b, const char *text, esc_table map)
{
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 128 && map[c])
            rg_buf_puts(b, map[c]);
        else
            rg_buf_putc(b, *p);
    }
}

/* ---- XML ---------------------------------------------------------------- */

/* Quotes too, so that one escaper serves text and attribute values. */
static esc_table xml = {
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
    ['\''] = "&#39;",
};

void rg_esc_xml(rg_buf *b, const char *text)
{
    escape(b, text, xml);
}

/* The same for attribute values that must keep their white space: an XML
 * parser turns a raw newline or tab in an attribute into a space (GEXF
 * carries labels and values in attributes). */
static esc_table xml_attr = {
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
    ['\''] = "&#39;", ['\n'] = "&#10;", ['\r'] = "&#13;", ['\t'] = "&#9;",
};

void rg_esc_xml_attr(rg_buf *b, const char *text)
{
    escape(b, text, xml_attr);
}

/* ---- JSON in an HTML page ------------------------------------------------ */

/* A JSON string's content. Besides the quote, the backslash and the
 * control characters that JSON requires escaped, < > & are written as
 * \u003c \u003e \u0026: inside <script type="application/json"> the text
 * can then never close the element ("</script>"), open a comment ("<!--")
 * or name an entity, whatever the file says. */
static esc_table json = {
    ['"'] = "\\\"", ['\\'] = "\\\\", ['\n'] = "\\n", ['\t'] = "\\t",
    ['\r'] = "\\r", ['\b'] = "\\b", ['\f'] = "\\f",
    ['<'] = "\\u003c", ['>'] = "\\u003e", ['&'] = "\\u0026",
    [0x01] = "\\u0001", [0x02] = "\\u0002",
    [0x03] = "\\u0003", [0x04] = "\\u0004", [0x05] = "\\u0005",
    [0x06] = "\\u0006", [0x07] = "\\u0007", [0x0B] = "\\u000b",
    [0x0E] = "\\u000e", [0x0F] = "\\u000f", [0x10] = "\\u0010",
    [0x11] = "\\u0011", [0x12] = "\\u0012", [0x13] = "\\u0013",
    [0x14] = "\\u0014", [0x15] = "\\u0015", [0x16] = "\\u0016",
    [0x17] = "\\u0017", [0x18] = "\\u0018", [0x19] = "\\u0019",
    [0x1A] = "\\u001a", [0x1B] = "\\u001b", [0x1C] = "\\u001c",
    [0x1D] = "\\u001d", [0x1E] = "\\u001e", [0x1F] = "\\u001f",
};

void rg_esc_json(rg_buf *b, const char *text)
{
    escape(b, text, json);
}

/* ---- Graphviz labels ----------------------------------------------------- */

static esc_table label = {
    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;",
    ['\''] = "&#39;",
    /* Graphviz expands \N, \G, \E... even in HTML-like labels; a doubled
     * backslash is its literal backslash. */
    ['\\'] = "\\\\", ['\n'] = "<BR/>", ['\t'] = " ",
    /* Graphviz 2.43 refuses text that starts with ']' right after a tag or
     * at the start of the label ("syntax error in line 1"). */
    [']'] = "&#93;",
};

/* TEXT's lines (split at newlines) with LINE's escaping, each in the
 * direction of the whole text (bidi.c), joined by SEP. */
static void lines(rg_buf *b, const char *text, esc_table map, const char *sep)
{
    int base = rg_bidi_base(text, strlen(text));
    rg_bidi_open(b, base);
    for (const char *p = text; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\n') {
            rg_bidi_close(b, base);
            rg_buf_puts(b, sep);
            rg_bidi_open(b, base);
        } else if (c < 128 && map[c]) {
            rg_buf_puts(b, map[c]);
        } else {
            rg_buf_putc(b, *p);
        }
    }
    rg_bidi_close(b, base);
}

void rg_esc_label(rg_buf *b, const char *text)
{
    lines(b, text, label, "<BR/>");
}

/* A word of a text being wrapped: its bytes, its width in characters,
 * its direction ('L', 'R' or 0 for digits and punctuation). */
typedef struct word {
    const char *s;
    size_t n, chars;
    int dir;
} word;

/* Wrap one paragraph (no newline) of words W[0..N) into lines of about
 * WIDTH characters, in logical order. In a text of direction BASE, a run
 * of words of the other direction (with the neutral words between them)
 * is kept on one line when it fits in one: split, its parts would read in
 * the wrong order. So is a group in parentheses ("(President of Iran)"),
 * the gloss of a name in another script. */
static void wrap(rg_buf *b, const word *w, size_t n, size_t width, int base)
{
    int other = base == 'R' ? 'L' : base == 'L' ? 'R' : 0;
    size_t col = 0;
    for (size_t i = 0; i < n;) {
        /* The unit starting at word I: one word, a group in parentheses,
         * or a run of OTHER. */
        size_t end = i + 1, chars = w[i].chars;
        if (w[i].s[0] == '(' && w[i].s[w[i].n - 1] != ')') {
            size_t j = i + 1, run = chars;
            while (j < n && run <= width && w[j - 1].s[w[j - 1].n - 1] != ')')
                run += 1 + w[j++].chars;
            if (w[j - 1].s[w[j - 1].n - 1] == ')' && run <= width)
                end = j, chars = run;
        } else if (other && w[i].dir == other) {
            size_t j = i + 1, run = chars, last = i + 1;
            for (; j < n && w[j].dir != base; j++) {
                run += 1 + w[j].chars;
                if (w[j].dir == other) {
                    last = j + 1;
                    chars = run;
                }
            }
            end = last;
        }
        if (chars > width && end > i + 1)
            end = i + 1, chars = w[i].chars; /* too long: word by word */
        if (col > 0 && col + 1 + chars > width) {
            rg_bidi_close(b, base);
            rg_buf_puts(b, "<BR/>");
            rg_bidi_open(b, base);
            col = 0;
        }
        for (size_t k = i; k < end; k++) {
            if (col > 0) {
                rg_buf_putc(b, ' ');
                col++;
            }
            rg_buf word_text = RG_BUF_INIT;
            rg_buf_add(&word_text, w[k].s, w[k].n);
            escape(b, word_text.buf, label);
            rg_buf_free(&word_text);
            col += w[k].chars;
        }
        i = end;
    }
}

void rg_esc_label_wrapped(rg_buf *b, const char *text, size_t width)
{
    /* Nothing but spaces and line breaks: nothing to draw. Line breaks
     * alone make a label with no width, on which Graphviz 2.43's placement
     * of edge labels (neato, fdp, sfdp...: xlabels.c) fails an assertion. */
    if (text[strspn(text, " \n")] == '\0')
        return;
    int base = rg_bidi_base(text, strlen(text));
    size_t cap = 8, n = 0;
    word *w = rg_xmalloc(cap * sizeof *w);
    rg_bidi_open(b, base);
    for (const char *p = text;; p++) {
        if (*p == ' ')
            continue;
        if (*p == '\n' || *p == '\0') {
            wrap(b, w, n, width, base);
            n = 0;
            if (!*p)
                break;
            rg_bidi_close(b, base);
            rg_buf_puts(b, "<BR/>");
            rg_bidi_open(b, base);
            continue;
        }
        const char *e = p;
        while (*e && *e != ' ' && *e != '\n')
            e++;
        if (n == cap)
            w = rg_xrealloc(w, (cap *= 2) * sizeof *w);
        /* Count characters, not bytes, for UTF-8 text. */
        size_t chars = 0;
        for (const char *c = p; c < e; c++)
            chars += ((unsigned char)*c & 0xC0) != 0x80;
        w[n++] = (word){p, (size_t)(e - p), chars, rg_bidi_class(p, (size_t)(e - p))};
        p = e - 1;
    }
    rg_bidi_close(b, base);
    free(w);
}

static esc_table plain = {
    ['\\'] = "\\\\", ['&'] = "&amp;", ['\t'] = " ",
};

void rg_esc_plain(rg_buf *b, const char *text)
{
    lines(b, text, plain, "\\n");
}

/* ---- Markdown -------------------------------------------------------------- */

/* With [ and ] escaped no link can form, so ( ) ! stay. */
static esc_table md = {
    ['\\'] = "\\\\", ['`'] = "\\`", ['*'] = "\\*", ['_'] = "\\_",
    ['['] = "\\[", [']'] = "\\]", ['|'] = "\\|", ['~'] = "\\~",
    ['<'] = "&lt;", ['>'] = "&gt;", ['&'] = "&amp;", ['\n'] = " ", ['\t'] = " ",
};

void rg_esc_md(rg_buf *b, const char *text)
{
    escape(b, text, md);
}

void rg_esc_md_start(rg_buf *b, const char *text)
{
    size_t digits = strspn(text, "0123456789");
    if (text[0] == '#' || text[0] == '+' || text[0] == '-') {
        rg_buf_putc(b, '\\');
    } else if (digits && (text[digits] == '.' || text[digits] == ')')) {
        rg_buf_add(b, text, digits);
        rg_buf_putc(b, '\\');
        text += digits;
    }
    rg_esc_md(b, text);
}

/* ---- the terminal ------------------------------------------------------------ */

/* Characters that reorder or break the lines of a message on a terminal
 * (bidirectional controls: U+202E shows what follows backwards; line and
 * paragraph separators): written as \uXXXX. */
static const struct { uint32_t lo, hi; } terminal_unsafe[] = {
    {0x061C, 0x061C}, {0x200E, 0x200F}, {0x2028, 0x202E}, {0x2066, 0x2069},
};

static bool terminal_unsafe_char(uint32_t cp)
{
    for (size_t i = 0; i < sizeof terminal_unsafe / sizeof terminal_unsafe[0]; i++)
        if (cp >= terminal_unsafe[i].lo && cp <= terminal_unsafe[i].hi)
            return true;
    return false;
}

void rg_esc_terminal(rg_buf *b, const char *text, size_t len, size_t max)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0;
    while (i < len) {
        if (i >= max) {
            rg_buf_puts(b, "...");
            return;
        }
        uint32_t cp;
        size_t k = rg_utf8_decode(s + i, len - i, &cp);
        if (k == 0) {
            rg_buf_printf(b, "\\x%02X", s[i]);
            i++;
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
            if (cp == '\n')
                rg_buf_puts(b, "\\n");
            else if (cp == '\t')
                rg_buf_puts(b, "\\t");
            else
                rg_buf_printf(b, "\\x%02X", (unsigned)cp);
            i += k;
        } else if (terminal_unsafe_char(cp)) {
            rg_buf_printf(b, "\\u%04X", (unsigned)cp);
            i += k;
        } else {
            rg_buf_add(b, text + i, k);
            i += k;
        }
    }
}

char *rg_printable(const char *s)
{
    rg_buf b = RG_BUF_INIT;
    size_t n = strlen(s);
    rg_esc_terminal(&b, s, n, n);
    return rg_buf_detach(&b, NULL);
}
