/*
 * fuzz_html.c - libFuzzer target: untrusted bytes through the pipeline to
 * the interactive page (-o x.html) in memory: load, validate, filter, lay
 * out, render the SVG and the page around it. How an input is read, as
 * YAML or as choices from which a valid file is written, is fuzz_drawn.h's.
 *
 * A finding, besides a crash, sanitizer report, leak, hang or a valid
 * file that cannot be drawn: a page whose markup the file's text changed.
 * Whatever the file says, the page has exactly two script elements, the
 * model's JSON and relgraph's own script byte for byte, and one style
 * element, relgraph's stylesheet; the JSON is well-formed and holds no
 * '<' at all (relgraph(5), SAFETY; src/html.c).
 *
 * Run with -close_fd_mask=2, as fuzz_pipeline (the Makefile does).
 */
#include "fuzz_drawn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* How often WORD occurs in LEN bytes at S, in any case. */
static size_t count(const char *s, size_t len, const char *word)
{
    size_t n = 0, wl = strlen(word);
    for (size_t i = 0; i + wl <= len; i++)
        n += strncasecmp(s + i, word, wl) == 0;
    return n;
}

/* ---- a JSON syntax check (RFC 8259), for the model's block ---- */

typedef struct jp {
    const char *p, *end;
    int depth;
} jp;

static void ws(jp *j)
{
    while (j->p < j->end && strchr(" \t\n\r", *j->p) && *j->p)
        j->p++;
}

static bool lit(jp *j, const char *w)
{
    size_t n = strlen(w);
    if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n) != 0)
        return false;
    j->p += n;
    return true;
}

static bool jstring(jp *j)
{
    if (j->p >= j->end || *j->p != '"')
        return false;
    for (j->p++; j->p < j->end; j->p++) {
        unsigned char c = (unsigned char)*j->p;
        if (c == '"') {
            j->p++;
            return true;
        }
        if (c < 0x20)
            return false;
        if (c != '\\')
            continue;
        if (++j->p >= j->end)
            return false;
        if (*j->p == 'u') {
            for (int k = 0; k < 4; k++)
                if (++j->p >= j->end || !strchr("0123456789abcdefABCDEF", *j->p) || !*j->p)
                    return false;
        } else if (!strchr("\"\\/bfnrt", *j->p) || !*j->p) {
            return false;
        }
    }
    return false;
}

static bool jnumber(jp *j)
{
    const char *start = j->p;
    if (j->p < j->end && *j->p == '-')
        j->p++;
    while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
        j->p++;
    return j->p > start && j->p[-1] != '-';
}

static bool jvalue(jp *j)
{
    ws(j);
    if (j->p >= j->end || ++j->depth > 32)
        return false;
    bool ok;
    char open = *j->p;
    if (open == '{' || open == '[') {
        char close = open == '{' ? '}' : ']';
        j->p++;
        ws(j);
        ok = true;
        if (j->p < j->end && *j->p == close) {
            j->p++;
        } else {
            for (;;) {
                ws(j);
                if (open == '{') {
                    ok = jstring(j);
                    ws(j);
                    ok = ok && lit(j, ":");
                }
                ok = ok && jvalue(j);
                ws(j);
                if (!ok || lit(j, ","))
                    continue;
                ok = lit(j, open == '{' ? "}" : "]");
                break;
            }
        }
    } else if (open == '"') {
        ok = jstring(j);
    } else if (open == '-' || (open >= '0' && open <= '9')) {
        ok = jnumber(j);
    } else {
        ok = lit(j, "null") || lit(j, "true") || lit(j, "false");
    }
    j->depth--;
    return ok;
}

/* ---- the page ---- */

static const char json_open[] = "<script type=\"application/json\" id=\"rg-model\">";

static void check_page(const char *html, size_t len)
{
    size_t js_len, css_len;
    const char *js = rg_html_script(&js_len), *css = rg_html_style(&css_len);
    if (count(html, len, "<script") != 2 || count(html, len, "</script") != 2 ||
        count(html, len, "<style") != 1 || count(html, len, "</style") != 1)
        abort();
    const char *j = strstr(html, json_open);
    if (!j)
        abort();
    j += sizeof json_open - 1;
    const char *j_end = strstr(j, "</script>\n<script>");
    if (!j_end || memchr(j, '<', (size_t)(j_end - j)))
        abort();
    jp parser = {j, j_end, 0};
    if (!jvalue(&parser))
        abort();
    ws(&parser);
    if (parser.p != j_end)
        abort();
    const char *s = j_end + strlen("</script>\n<script>");
    if ((size_t)(html + len - s) < js_len || memcmp(s, js, js_len) != 0)
        abort();
    const char *st = strstr(html, "<style>");
    if (!st || memcmp(st + 7, css, css_len) != 0)
        abort();
}

static void draw(const rg_model *m, const rg_options *opt, rg_diags *d, heard *h)
{
    fuzz_render(m, opt, d, h, "html", check_page);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_drawn(data, size, draw);
}
