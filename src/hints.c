/*
 * hints.c - what to do about a YAML syntax error (relgraph(5), ERRORS AND
 * WARNINGS): libyaml's message says what it found where ("mapping values
 * are not allowed in this context"); for the mistakes people make most, a
 * hint of the fix follows it, read from the text around the error: tab
 * indentation, an unquoted ': ' or ' #' in a value, an unquoted '#'
 * colour, a key indented wrong. One table, each row a test and its hint.
 */
#include "internal.h"

#include <ctype.h>
#include <string.h>

/* The text around an error: the error's line and the line the collection
 * being parsed started on (libyaml's context mark), as spans of DATA. */
typedef struct around {
    const char *problem;
    const char *line, *line_end;   /* the error's line */
    const char *ctx, *ctx_end;     /* the context's line (or the error's) */
    const char *prev, *prev_end;   /* the line above, not blank nor a comment */
    size_t column;                 /* of the error, in bytes into LINE */
} around;

static const char *line_at(const char *data, size_t len, size_t line, const char **end)
{
    const char *p = data, *stop = data + len;
    for (size_t i = 0; i < line && p < stop; i++) {
        const char *nl = memchr(p, '\n', (size_t)(stop - p));
        p = nl ? nl + 1 : stop;
    }
    const char *nl = memchr(p, '\n', (size_t)(stop - p));
    *end = nl ? nl : stop;
    if (*end > p && (*end)[-1] == '\r')
        --*end;
    return p;
}

static size_t indent_of(const char *s, const char *end)
{
    size_t n = 0;
    while (s + n < end && s[n] == ' ')
        n++;
    return n;
}

/* The first occurrence of NEEDLE in [S, END) outside quotes, or NULL. */
static const char *find_plain(const char *s, const char *end, const char *needle)
{
    size_t n = strlen(needle);
    char quote = 0;
    for (const char *p = s; p + n <= end; p++) {
        if (quote) {
            if (*p == quote)
                quote = 0;
            continue;
        }
        if ((*p == '"' || *p == '\'') && (p == s || strchr(" {[,:", p[-1])))
            quote = *p;
        else if (memcmp(p, needle, n) == 0)
            return p;
    }
    return NULL;
}

/* The key at the start of the line [S, END): "kind" of "    kind: x". */
static void key_of(rg_buf *b, const char *s, const char *end)
{
    s += indent_of(s, end);
    if (s < end && *s == '-')
        s += 1 + indent_of(s + 1, end);
    const char *colon = find_plain(s, end, ":");
    rg_esc_terminal(b, s, (size_t)((colon ? colon : end) - s), 40);
}

/* ---- the hints ---- */

static bool tab_indent(const around *a)
{
    for (const char *p = a->line; p < a->line_end && (*p == ' ' || *p == '\t'); p++)
        if (*p == '\t')
            return true;
    return false;
}

static void say_tab(rg_buf *b, const around *a)
{
    (void)a;
    rg_buf_puts(b, "indent with spaces: YAML does not allow tabs for indentation");
}

/* An unquoted '#' colour in a flow mapping: the comment it starts hides
 * the rest of the line, '}' included. */
static const char *hash_colour(const around *a)
{
    for (const char *h = find_plain(a->ctx, a->ctx_end, ": #"); h;
         h = find_plain(h + 1, a->ctx_end, ": #")) {
        size_t n = 0;
        while (h + 3 + n < a->ctx_end && isxdigit((unsigned char)h[3 + n]))
            n++;
        if (n == 3 || n == 6)
            return h + 2;
    }
    return NULL;
}

static bool flow_colour(const around *a)
{
    return strstr(a->problem, "did not find expected") && hash_colour(a);
}

static void say_colour(rg_buf *b, const around *a)
{
    const char *h = hash_colour(a);
    size_t n = 1;
    while (h + n < a->ctx_end && isxdigit((unsigned char)h[n]))
        n++;
    rg_buf_puts(b, "quote the colour ('");
    rg_buf_add(b, h, n);
    rg_buf_puts(b, "'): an unquoted # starts a comment, which hides the rest of the line");
}

static bool flow_comment(const around *a)
{
    return strstr(a->problem, "did not find expected") &&
           find_plain(a->ctx, a->ctx_end, " #");
}

static void say_comment(rg_buf *b, const around *a)
{
    (void)a;
    rg_buf_puts(b, "quote the value: an unquoted ' #' starts a comment, which hides "
                   "the rest of the line");
}

/* A value with ': ' in it: in a flow mapping, an item "key: a: b"; in a
 * block one, the error at a second ': ' of "key: a: b". VALUE gets "a: b". */
static bool colon_value(const around *a, const char **value, const char **value_end)
{
    bool flow = strstr(a->problem, "did not find expected ',' or '}'") != NULL;
    const char *s = flow ? a->ctx : a->line, *end = flow ? a->ctx_end : a->line_end;
    if (!flow && !strstr(a->problem, "mapping values are not allowed"))
        return false;
    const char *item = s;
    if (flow) {
        const char *brace = find_plain(s, end, "{");
        item = brace ? brace + 1 : s;
    }
    while (item < end) {
        const char *stop = item;
        while (stop < end && *stop != ',' && *stop != '}')
            stop++;
        const char *c1 = find_plain(item, stop, ": ");
        const char *c2 = c1 ? find_plain(c1 + 2, stop, ": ") : NULL;
        if (c2 && (flow || (size_t)(c2 - s) == a->column)) {
            *value = c1 + 2 + indent_of(c1 + 2, stop);
            *value_end = stop;
            while (*value_end > *value && (*value_end)[-1] == ' ')
                --*value_end;
            return true;
        }
        if (!flow)
            return false;
        item = stop + 1;
    }
    return false;
}

static bool quoted_colon(const around *a)
{
    const char *v, *e;
    return colon_value(a, &v, &e);
}

static void say_colon(rg_buf *b, const around *a)
{
    const char *v, *e;
    colon_value(a, &v, &e);
    rg_buf_puts(b, "quote the value (\"");
    rg_esc_terminal(b, v, (size_t)(e - v), 60);
    rg_buf_puts(b, "\"): an unquoted ': ' in a value starts a mapping");
}

/* A key indented less than the keys of its mapping (libyaml: "did not
 * find expected key"), or more than a key above it that has a value
 * ("mapping values are not allowed", at the key's own colon). */
static bool bad_indent(const around *a)
{
    if (!a->prev)
        return false;
    size_t here = indent_of(a->line, a->line_end), above = indent_of(a->prev, a->prev_end);
    if (strstr(a->problem, "did not find expected key"))
        return here != above;
    if (!strstr(a->problem, "mapping values are not allowed") || here <= above)
        return false;
    const char *colon = find_plain(a->line, a->line_end, ": ");
    const char *pc = find_plain(a->prev, a->prev_end, ":");
    return colon && (size_t)(colon - a->line) == a->column && pc &&
           pc + 1 < a->prev_end && find_plain(pc + 1, a->prev_end, "#") != pc + 2;
}

static void say_indent(rg_buf *b, const around *a)
{
    size_t here = indent_of(a->line, a->line_end), above = indent_of(a->prev, a->prev_end);
    rg_buf_puts(b, "check the indentation: '");
    key_of(b, a->line, a->line_end);
    rg_buf_printf(b, "' is indented %zu space%s, '", here, here == 1 ? "" : "s");
    key_of(b, a->prev, a->prev_end);
    rg_buf_printf(b, "' above it %zu; the keys of one mapping line up", above);
}

static const struct hint {
    bool (*applies)(const around *a);
    void (*say)(rg_buf *b, const around *a);
} hints[] = {
    {tab_indent, say_tab},
    {flow_colour, say_colour},
    {flow_comment, say_comment},
    {quoted_colon, say_colon},
    {bad_indent, say_indent},
};

void rg_hint_syntax(rg_buf *b, const char *data, size_t len, const char *problem,
                    rg_mark at, rg_mark context)
{
    if (!data)
        return;
    around a = {problem, NULL, NULL, NULL, NULL, NULL, NULL, 0};
    a.line = line_at(data, len, at.line, &a.line_end);
    a.ctx = line_at(data, len, context.line, &a.ctx_end);
    /* The error's column counts characters; the line's bytes are wanted. */
    const char *p = a.line;
    for (size_t c = 0; p < a.line_end && c < at.column; c++) {
        p++;
        while (p < a.line_end && ((unsigned char)*p & 0xC0) == 0x80)
            p++;
    }
    a.column = (size_t)(p - a.line);
    for (size_t l = at.line; l-- > 0;) {
        const char *end, *s = line_at(data, len, l, &end);
        const char *t = s + indent_of(s, end);
        if (t < end && *t != '#') {
            a.prev = s;
            a.prev_end = end;
            break;
        }
    }
    for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++)
        if (hints[i].applies(&a)) {
            rg_buf_puts(b, "; ");
            hints[i].say(b, &a);
            return;
        }
}
