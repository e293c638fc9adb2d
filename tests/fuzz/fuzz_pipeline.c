/*
 * fuzz_pipeline.c - libFuzzer target: untrusted bytes through the whole
 * pipeline: load, validate, filter, build the graph, lay it out (in the
 * forked child of render.c), render SVG in memory, and the Markdown
 * summary. How an input is read, as YAML or as choices from which a valid
 * file is written, is fuzz_drawn.h's.
 *
 * A finding: a crash, sanitizer report, leak in relgraph's own code, or
 * hang of the parent; a valid file that cannot be drawn for any reason but
 * time: Graphviz refusing or crashing on the graph relgraph built for it
 * (in the layout child, where relgraph turns a crash into a message); and
 * script in the SVG: no text from a data file may become markup
 * (relgraph(5), SAFETY).
 *
 * Run with -close_fd_mask=2 (the Makefile does): render.c points fd 2 at a
 * temporary file while Graphviz runs, and reports must not vanish there.
 */
#include "fuzz_drawn.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Case-insensitive search in LEN bytes, not trusted to be a C string. */
static bool contains(const char *s, size_t len, const char *word)
{
    size_t wl = strlen(word);
    for (size_t i = 0; i + wl <= len; i++)
        if (strncasecmp(s + i, word, wl) == 0)
            return true;
    return false;
}

static void check_svg(const char *svg, size_t len)
{
    if (contains(svg, len, "<script"))
        abort();
}

static void draw(const rg_model *m, const rg_options *opt, rg_diags *d, heard *h)
{
    size_t mdlen = 0;
    char *md = rg_markdown(m, &mdlen);
    if (!md || strlen(md) != mdlen)
        abort();
    free(md);
    fuzz_render(m, opt, d, h, "svg", check_svg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return fuzz_drawn(data, size, draw);
}
