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

void rg_esc_label(rg_buf *b, const char *text)
{
    escape(b, text, label);
}

void rg_esc_label_wrapped(rg_buf *b, const char *text, size_t width)
{
    /* Nothing but spaces and line breaks: nothing to draw. Line breaks
     * alone make a label with no width, on which Graphviz 2.43's placement
     * of edge labels (neato, fdp, sfdp...: xlabels.c) fails an assertion. */
    if (text[strspn(text, " \n")] == '\0')
        return;
    size_t col = 0;
    const char *p = text;
    rg_buf word = RG_BUF_INIT;
    while (*p) {
        const char *w = p;
        while (*w && *w != ' ' && *w != '\n')
            w++;
        /* Count characters, not bytes, for UTF-8 text. */
        size_t chars = 0;
        for (const char *c = p; c < w; c++)
            chars += ((unsigned char)*c & 0xC0) != 0x80;
        if (col > 0 && col + 1 + chars > width) {
            rg_buf_puts(b, "<BR/>");
            col = 0;
        } else if (col > 0) {
            rg_buf_putc(b, ' ');
            col++;
        }
        rg_buf_clear(&word);
        rg_buf_add(&word, p, (size_t)(w - p));
        rg_esc_label(b, word.buf);
        col += chars;
        p = w;
        if (*p == '\n') {
            rg_buf_puts(b, "<BR/>");
            col = 0;
            p++;
        } else {
            while (*p == ' ')
                p++;
        }
    }
    rg_buf_free(&word);
}

static esc_table plain = {
    ['\\'] = "\\\\", ['&'] = "&amp;", ['\n'] = "\\n", ['\t'] = " ",
};

void rg_esc_plain(rg_buf *b, const char *text)
{
    escape(b, text, plain);
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
