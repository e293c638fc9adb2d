/*
 * node.c - the document tree load.c builds: the core schema's reading of
 * a scalar (null, booleans, integers, floats), typed getters, and the
 * field reader the validator reads objects with (a key's value as a
 * string, an id, one of a table's names, a date, a colour, a URL), each
 * reporting a value of the wrong type or shape at its mark.
 *
 * The reader returns the tree's own texts: they are in the document's
 * strings, which the model keeps (rg_arena_keep), so the model outlives
 * the tree without a copy of each.
 */
#include "internal.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the core schema --------------------------------------------------------- */

/* The first byte first: most texts differ there, and a call to strcmp
 * costs more than the comparison (every scalar is asked whether it is a
 * null, most keys whether they are "<<"). */
static bool text_is(const rg_node *n, const char *s)
{
    return n->text[0] == s[0] && strcmp(n->text, s) == 0;
}

static bool is_digits(const char *s, const char *end, const char *set)
{
    if (s == end)
        return false;
    for (; s < end; s++)
        if (!strchr(set, *s) || *s == '\0')
            return false;
    return true;
}

bool rg_scalar_is(const rg_node *n, const char *s)
{
    return text_is(n, s);
}

bool rg_scalar_is_null(const rg_node *n)
{
    return n->text[0] == '\0' || text_is(n, "~") || text_is(n, "null") ||
           text_is(n, "Null") || text_is(n, "NULL");
}

int rg_scalar_bool(const rg_node *n)
{
    if (text_is(n, "true") || text_is(n, "True") || text_is(n, "TRUE"))
        return 1;
    if (text_is(n, "false") || text_is(n, "False") || text_is(n, "FALSE"))
        return 0;
    return -1;
}

bool rg_scalar_is_int(const rg_node *n)
{
    size_t len = rg_node_len(n);
    const char *s = n->text, *end = n->text + len;
    if (len > 2 && s[0] == '0' && s[1] == 'o')
        return is_digits(s + 2, end, "01234567");
    if (len > 2 && s[0] == '0' && s[1] == 'x')
        return is_digits(s + 2, end, "0123456789abcdefABCDEF");
    if (s < end && (*s == '-' || *s == '+'))
        s++;
    return is_digits(s, end, "0123456789");
}

/* [-+]? ( \.[0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
 * and the infinities and NaNs of the core schema. */
bool rg_scalar_is_float(const rg_node *n)
{
    const char *s = n->text, *end = n->text + rg_node_len(n);
    if (text_is(n, ".nan") || text_is(n, ".NaN") || text_is(n, ".NAN"))
        return true;
    if (s < end && (*s == '-' || *s == '+'))
        s++;
    size_t rest = (size_t)(end - s);
    if ((rest == 4 && (!memcmp(s, ".inf", 4) || !memcmp(s, ".Inf", 4) ||
                       !memcmp(s, ".INF", 4))))
        return true;
    size_t digits = 0;
    while (s < end && *s >= '0' && *s <= '9')
        s++, digits++;
    if (s < end && *s == '.') {
        s++;
        while (s < end && *s >= '0' && *s <= '9')
            s++, digits++;
    }
    if (digits == 0)
        return false;
    if (s < end && (*s == 'e' || *s == 'E')) {
        s++;
        if (s < end && (*s == '-' || *s == '+'))
            s++;
        return is_digits(s, end, "0123456789");
    }
    return s == end;
}

/* ---- typed getters ------------------------------------------------------------ */

static bool plain_scalar(const rg_node *n)
{
    return n && n->type == RG_SCALAR && n->plain;
}

bool rg_node_is_null(const rg_node *n)
{
    return plain_scalar(n) && rg_scalar_is_null(n);
}

bool rg_node_bool(const rg_node *n, bool *out)
{
    if (!plain_scalar(n))
        return false;
    int b = rg_scalar_bool(n);
    if (b < 0)
        return false;
    *out = b == 1;
    return true;
}

bool rg_node_int(const rg_node *n, long long *out)
{
    if (!plain_scalar(n) || !rg_scalar_is_int(n))
        return false;
    const char *s = n->text;
    unsigned base = 10;
    bool neg = false;
    if (rg_node_len(n) > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'x')) {
        base = s[1] == 'o' ? 8 : 16;
        s += 2;
    } else if (*s == '-' || *s == '+') {
        neg = *s == '-';
        s++;
    }
    unsigned long long v = 0;
    unsigned long long max = (unsigned long long)LLONG_MAX + (neg ? 1 : 0);
    for (; *s; s++) {
        unsigned digit = *s >= 'a' ? (unsigned)(*s - 'a' + 10)
                       : *s >= 'A' ? (unsigned)(*s - 'A' + 10)
                                   : (unsigned)(*s - '0');
        if (v > (max - digit) / base)
            return false;
        v = v * base + digit;
    }
    if (!neg)
        *out = (long long)v;
    else /* -(LLONG_MAX + 1) itself does not fit a long long */
        *out = v > (unsigned long long)LLONG_MAX ? LLONG_MIN : -(long long)v;
    return true;
}

const char *rg_node_what(const rg_node *n)
{
    if (!n)
        return "null";
    if (n->type == RG_SEQ)
        return "a list";
    if (n->type == RG_MAP)
        return "a mapping";
    if (!n->plain)
        return "a string";
    if (rg_scalar_is_null(n))
        return "null";
    if (rg_scalar_bool(n) >= 0)
        return "true or false";
    if (rg_scalar_is_int(n) || rg_scalar_is_float(n))
        return "a number";
    return "a string";
}

/* Index of the pair whose key is KEY in mapping N, or SIZE_MAX. */
static size_t find_pair(const rg_node *n, const char *key)
{
    if (!n || n->type != RG_MAP || !n->items ||
        !(((const rg_items_head *)n->items - 1)->first &
          1u << ((unsigned char)key[0] & 31)))
        return SIZE_MAX;
    /* The first byte first: most keys differ there, and a call to strcmp
     * costs more than the comparison (the validator asks for every key of
     * every actor and tie). */
    for (size_t i = 0; i < rg_node_n(n); i++) {
        const rg_node *k = rg_item(n, 2 * i);
        if (k->text[0] == key[0] && strcmp(k->text, key) == 0)
            return i;
    }
    return SIZE_MAX;
}

const rg_node *rg_map_get(const rg_node *n, const char *key)
{
    size_t i = find_pair(n, key);
    return i == SIZE_MAX ? NULL : rg_item(n, 2 * i + 1);
}

const rg_node *rg_map_key(const rg_node *n, const char *key)
{
    size_t i = find_pair(n, key);
    return i == SIZE_MAX ? NULL : rg_item(n, 2 * i);
}

/* ---- the field reader ---------------------------------------------------------- */

/* Input text in a message is cut here. */
#define QUOTE_MAX 80

const char *rg_rd_quote(rg_reader *r, const rg_node *n)
{
    if (!n || n->type != RG_SCALAR)
        return "";
    rg_buf b = RG_BUF_INIT;
    rg_esc_terminal(&b, n->text, rg_node_len(n), QUOTE_MAX);
    char *s = rg_arena_strndup(r->arena, b.buf, b.len);
    rg_buf_free(&b);
    return s;
}

const char *rg_rd_copy(rg_reader *r, const rg_node *n)
{
    (void)r;
    return n->text;
}

void rg_rd_wrong_type(rg_reader *r, const rg_node *val, const char *key,
                      const char *expected)
{
    if (val->type == RG_SCALAR && !rg_node_is_null(val))
        rg_error(r->d, rg_node_mark(val), "'%s' must be %s, found '%s'", key,
                 expected, rg_rd_quote(r, val));
    else
        rg_error(r->d, rg_node_mark(val), "'%s' must be %s, found %s", key, expected,
                 rg_node_what(val));
}

bool rg_rd_is_map(rg_reader *r, const rg_node *n, const char *what)
{
    if (n->type == RG_MAP)
        return true;
    rg_error(r->d, rg_node_mark(n), "%s must be a mapping, found %s", what,
             rg_node_what(n));
    return false;
}

void rg_rd_keys(rg_reader *r, const rg_node *map, const char *const *keys,
                size_t n, const char *what)
{
    for (size_t i = 0; i < rg_node_n(map); i++) {
        const rg_node *k = rg_item(map, 2 * i);
        if (k->text[0] == 'x' && k->text[1] == '-') /* x-...: ignored */
            continue;
        bool known = false;
        for (size_t j = 0; j < n && !known; j++)
            known = k->text[0] == keys[j][0] && strcmp(k->text, keys[j]) == 0;
        if (known)
            continue;
        const char *s = rg_suggest(k->text, keys, n);
        if (s)
            rg_error(r->d, rg_node_mark(k), "unknown key '%s' in %s; did you mean '%s'?",
                     rg_rd_quote(r, k), what, s);
        else
            rg_error(r->d, rg_node_mark(k), "unknown key '%s' in %s", rg_rd_quote(r, k),
                     what);
    }
}

/* The value of KEY in MAP if it is a non-null scalar; else NULL, after
 * an error saying it must be EXPECTED when there is a value. */
static const rg_node *scalar_value(rg_reader *r, const rg_node *map,
                                   const char *key, const char *expected)
{
    const rg_node *val = rg_map_get(map, key);
    if (val && (val->type != RG_SCALAR || rg_node_is_null(val))) {
        rg_rd_wrong_type(r, val, key, expected);
        return NULL;
    }
    return val;
}

const char *rg_rd_string(rg_reader *r, const rg_node *map, const char *key)
{
    const rg_node *val = scalar_value(r, map, key, "a string");
    return val ? rg_rd_copy(r, val) : NULL;
}

bool rg_rd_bool(rg_reader *r, const rg_node *map, const char *key, bool *out)
{
    const rg_node *val = rg_map_get(map, key);
    if (!val)
        return false;
    if (!rg_node_bool(val, out)) {
        rg_rd_wrong_type(r, val, key, "true or false");
        return false;
    }
    return true;
}

/* relgraph(5), IDENTIFIERS. */
bool rg_id_valid(const char *s, size_t len)
{
    if (len == 0 || len > 128)
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                  (c >= '0' && c <= '9') || c == '_' ||
                  (i > 0 && (c == '.' || c == '-'));
        if (!ok)
            return false;
    }
    return true;
}

const char *rg_rd_id(rg_reader *r, const rg_node *n, const char *what)
{
    if (n->type != RG_SCALAR || rg_node_is_null(n)) {
        rg_error(r->d, rg_node_mark(n), "%s must be an id, found %s", what,
                 rg_node_what(n));
        return NULL;
    }
    if (!rg_id_valid(n->text, rg_node_len(n))) {
        rg_error(r->d, rg_node_mark(n),
                 "invalid %s '%s': use letters, digits, '_', '.' and '-' "
                 "(not first), at most 128 characters",
                 what, rg_rd_quote(r, n));
        return NULL;
    }
    return rg_rd_copy(r, n);
}

int rg_rd_enum(rg_reader *r, const rg_node *map, const char *key,
               const rg_names *names)
{
    const rg_node *val = rg_map_get(map, key);
    if (!val)
        return -1;
    if (!scalar_value(r, map, key, names->what))
        return -1;
    int i = rg_name_find(names, val->text);
    if (i >= 0)
        return i;
    const char *s = rg_suggest(val->text, names->names, names->n);
    if (s) {
        rg_error(r->d, rg_node_mark(val), "invalid %s '%s'; did you mean '%s'?", key,
                 rg_rd_quote(r, val), s);
    } else {
        rg_buf b = RG_BUF_INIT;
        rg_names_join(&b, names, ", ");
        rg_error(r->d, rg_node_mark(val), "invalid %s '%s'; expected one of: %s", key,
                 rg_rd_quote(r, val), b.buf);
        rg_buf_free(&b);
    }
    return -2;
}

bool rg_rd_date(rg_reader *r, const rg_node *map, const char *key, rg_date *out)
{
    const rg_node *val = scalar_value(r, map, key,
                                      "a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    if (!val)
        return false;
    const char *why = rg_date_parse(val->text, rg_node_len(val), out);
    if (why) {
        rg_error(r->d, rg_node_mark(val), "invalid date '%s': %s", rg_rd_quote(r, val),
                 why);
        return false;
    }
    return true;
}

static bool hexval(char c, int *out)
{
    if (c >= '0' && c <= '9')
        *out = c - '0';
    else if (c >= 'a' && c <= 'f')
        *out = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F')
        *out = c - 'A' + 10;
    else
        return false;
    return true;
}

/* #RGB, #RRGGBB or a palette name (relgraph(5), KINDS). */
static bool parse_color(const char *s, rg_rgb *out)
{
    size_t n = strlen(s);
    if (s[0] == '#' && (n == 4 || n == 7)) {
        rg_rgb v = 0;
        for (size_t i = 1; i < n; i++) {
            int h;
            if (!hexval(s[i], &h))
                return false;
            v = (v << 4) | (rg_rgb)h;
            if (n == 4)
                v = (v << 4) | (rg_rgb)h; /* #abc is #aabbcc */
        }
        *out = v;
        return true;
    }
    int i = rg_name_find(&rg_color_names, s);
    if (i >= 0)
        *out = rg_palette_rgb[i];
    return i >= 0;
}

bool rg_rd_color(rg_reader *r, const rg_node *map, const char *key, rg_rgb *out)
{
    const rg_node *val = rg_map_get(map, key);
    if (!val)
        return false;
    if (val->type == RG_SCALAR && rg_node_is_null(val)) {
        rg_error(r->d, rg_node_mark(val),
                 "'%s' must be a colour, found null (quote '#RRGGBB' colours: "
                 "an unquoted # starts a comment)", key);
        return false;
    }
    if (val->type != RG_SCALAR) {
        rg_rd_wrong_type(r, val, key, "a colour");
        return false;
    }
    if (parse_color(val->text, out))
        return true;
    const char *s = val->text[0] == '#'
                        ? NULL
                        : rg_suggest(val->text, rg_color_names.names,
                                     rg_color_names.n);
    if (s) {
        rg_error(r->d, rg_node_mark(val), "invalid colour '%s'; did you mean '%s'?",
                 rg_rd_quote(r, val), s);
    } else {
        rg_buf b = RG_BUF_INIT;
        rg_names_join(&b, &rg_color_names, ", ");
        rg_error(r->d, rg_node_mark(val),
                 "invalid colour '%s': expected #RGB, #RRGGBB or one of: %s",
                 rg_rd_quote(r, val), b.buf);
        rg_buf_free(&b);
    }
    return false;
}

/* relgraph(5), SAFETY. */
/* Characters outside ASCII that a URL may not hold (relgraph(5),
 * SAFETY): they look like nothing, or like something else, in a link a
 * reader checks by eye (a space that is no space, a line break, text
 * that runs backwards, invisible ones). Percent-encoded, they are fine. */
static const struct url_char {
    uint32_t lo, hi;
    const char *why;
} url_chars[] = {
    {0x00A0, 0x00A0, "it contains a non-ASCII space"},
    {0x00AD, 0x00AD, "it contains an invisible character"},
    {0x061C, 0x061C, "it contains a bidirectional control"},
    {0x1680, 0x1680, "it contains a non-ASCII space"},
    {0x180E, 0x180E, "it contains an invisible character"},
    {0x2000, 0x200A, "it contains a non-ASCII space"},
    {0x200B, 0x200D, "it contains an invisible character"},
    {0x200E, 0x200F, "it contains a bidirectional control"},
    {0x2028, 0x2029, "it contains a line or paragraph separator"},
    {0x202A, 0x202E, "it contains a bidirectional control"},
    {0x202F, 0x202F, "it contains a non-ASCII space"},
    {0x205F, 0x205F, "it contains a non-ASCII space"},
    {0x2060, 0x2064, "it contains an invisible character"},
    {0x2066, 0x2069, "it contains a bidirectional control"},
    {0x3000, 0x3000, "it contains a non-ASCII space"},
    {0xFEFF, 0xFEFF, "it contains an invisible character"},
};

/* What is wrong with S (see rg_url_problem), and *CP the character at
 * fault when it is one outside ASCII. */
static const char *url_problem(const char *s, uint32_t *cp)
{
    *cp = 0;
    size_t skip;
    if (strncasecmp(s, "https://", 8) == 0)
        skip = 8;
    else if (strncasecmp(s, "http://", 7) == 0)
        skip = 7;
    else
        return "only http and https URLs are allowed";
    if (s[skip] == '\0' || s[skip] == '/' || s[skip] == '?' || s[skip] == '#')
        return "it has no host";
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': case '\'': case '`': return "it contains a quote";
        case '<': return "it contains '<'";
        case '>': return "it contains '>'";
        case ' ': return "it contains a space";
        case '\\': return "it contains a backslash";
        default:
            if (*p < 0x20 || *p == 0x7F)
                return "it contains a control character";
        }
        uint32_t c;
        size_t w = *p >= 0x80 ? rg_utf8_decode(p, strlen((const char *)p), &c) : 0;
        for (size_t i = 0; w && i < sizeof url_chars / sizeof url_chars[0]; i++)
            if (c >= url_chars[i].lo && c <= url_chars[i].hi) {
                *cp = c;
                return url_chars[i].why;
            }
        if (w)
            p += w - 1;
    }
    return NULL;
}

const char *rg_url_problem(const char *s, rg_url_why buf)
{
    uint32_t cp;
    const char *why = url_problem(s, &cp);
    if (!why || !cp)
        return why;
    snprintf(buf, sizeof(rg_url_why), "%s (U+%04X)", why, (unsigned)cp);
    return buf;
}

bool rg_rd_url_ok(rg_reader *r, const rg_node *val)
{
    rg_url_why buf;
    const char *why = rg_url_problem(val->text, buf);
    if (why)
        rg_error(r->d, rg_node_mark(val), "invalid URL '%s': %s", rg_rd_quote(r, val),
                 why);
    return why == NULL;
}

const char *rg_rd_url(rg_reader *r, const rg_node *map, const char *key)
{
    const rg_node *val = scalar_value(r, map, key, "an http(s) URL");
    return val && rg_rd_url_ok(r, val) ? rg_rd_copy(r, val) : NULL;
}

_Static_assert(sizeof(rg_node) == 16, "a node is 16 bytes: a big file has millions");
