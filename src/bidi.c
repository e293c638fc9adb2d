/*
 * bidi.c - the direction of a text (relgraph(5), TEXT DIRECTION): which
 * way each name, role, label and title runs, and the Unicode marks that
 * keep it that way through Graphviz's text layout and in an SVG viewer.
 *
 * The rule: a text that holds a right-to-left character runs in the
 * direction of most of its strong characters (letters; a tie goes to the
 * first one), so that a mostly-English title starting with a Persian word
 * reads left to right with the Persian run right to left inside it.
 * Graphviz lays out every line of a label on its own, and pango gives a
 * line the direction of its first strong character; an SVG viewer gives
 * it left to right. So each line of such a text starts with a mark of the
 * text's direction (LRM or RLM: pango's first strong character), and a
 * right-to-left line is an isolate as well (RLI ... PDI: the viewer's).
 * A text with no right-to-left character is left as it is.
 *
 * Character classes are fribidi's, the library pango itself lays out
 * with, so that relgraph and pango agree on every character.
 */
#include "internal.h"

#include <fribidi.h>
#include <string.h>

#define LRM "\xE2\x80\x8E" /* U+200E LEFT-TO-RIGHT MARK */
#define RLM "\xE2\x80\x8F" /* U+200F RIGHT-TO-LEFT MARK */
#define RLI "\xE2\x81\xA7" /* U+2067 RIGHT-TO-LEFT ISOLATE */
#define FSI "\xE2\x81\xA8" /* U+2068 FIRST STRONG ISOLATE */
#define PDI "\xE2\x81\xA9" /* U+2069 POP DIRECTIONAL ISOLATE */

int rg_bidi_strong(uint32_t cp)
{
    FriBidiCharType t = fribidi_get_bidi_type((FriBidiChar)cp);
    if (!FRIBIDI_IS_LETTER(t))
        return 0;
    return FRIBIDI_IS_RTL(t) ? 'R' : 'L';
}

/* Counts of strong characters in S, and the first one. Those inside an
 * isolate (LRI, RLI or FSI ... PDI) do not count, as in the Unicode
 * bidirectional algorithm (rule P2): "<name in Persian> supports <name>:
 * signs" is an English sentence. */
static void count(const char *s, size_t n, size_t *l, size_t *r, int *first,
                  size_t *r_isolated)
{
    const unsigned char *p = (const unsigned char *)s;
    *l = *r = *r_isolated = 0;
    *first = 0;
    size_t isolated = 0;
    for (size_t i = 0; i < n;) {
        uint32_t cp;
        size_t k = rg_utf8_decode(p + i, n - i, &cp);
        if (!k) {
            i++;
            continue;
        }
        i += k;
        if (cp >= 0x2066 && cp <= 0x2068) {
            isolated++;
            continue;
        }
        if (cp == 0x2069) {
            isolated -= isolated > 0;
            continue;
        }
        int c = cp < 0x80 ? (((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') ? 'L' : 0)
                          : rg_bidi_strong(cp);
        if (isolated) {
            *r_isolated += c == 'R';
            continue;
        }
        if (c == 'L')
            ++*l;
        else if (c == 'R')
            ++*r;
        if (c && !*first)
            *first = c;
    }
}

int rg_bidi_base(const char *s, size_t n)
{
    size_t l, r, ri;
    int first;
    count(s, n, &l, &r, &first, &ri);
    /* Right-to-left only inside isolates: a left-to-right text, marked
     * so, since renderers (pango) take a line's direction from its first
     * strong character, isolated or not. */
    if (r == 0)
        return ri > 0 && l > 0 ? 'L' : 0;
    if (l != r)
        return r > l ? 'R' : 'L';
    return first;
}

int rg_bidi_class(const char *s, size_t n)
{
    size_t l, r, ri;
    int first;
    count(s, n, &l, &r, &first, &ri);
    if (l == 0 && r == 0)
        return 0;
    return r > l || (r == l && first == 'R') ? 'R' : 'L';
}

void rg_bidi_open(rg_buf *b, int base)
{
    if (base == 'R')
        rg_buf_puts(b, RLM RLI);
    else if (base == 'L')
        rg_buf_puts(b, LRM);
}

void rg_bidi_close(rg_buf *b, int base)
{
    if (base == 'R')
        rg_buf_puts(b, PDI);
}

void rg_bidi_isolate(rg_buf *b, const char *text)
{
    bool rtl = rg_bidi_base(text, strlen(text)) != 0;
    if (rtl)
        rg_buf_puts(b, FSI);
    rg_buf_puts(b, text);
    if (rtl)
        rg_buf_puts(b, PDI);
}
