/*
 * fuzz_drawn.h - what the libFuzzer targets that draw share
 * (fuzz_pipeline.c: the SVG and the Markdown; fuzz_html.c: the HTML page):
 * an input read as YAML, or as choices from which a valid file and
 * command-line options are written, loaded, validated, filtered and
 * handed to the target's own drawing.
 *
 * An input is read in one of two ways:
 *  - as YAML, as it is (any input whose first byte could start text);
 *  - when its first byte is 0x00-0x08 (never the start of a YAML file), as
 *    choices from which a valid file is written: actors, ties, groups,
 *    kinds, sources and render options, with names, labels and notes made
 *    of markup, Graphviz escapes, quotes and odd Unicode; and command-line
 *    filters (--kinds, --as-of, --focus...) and options (engine, theme).
 *    Random bytes seldom make a valid file, and the stages after the
 *    validator only ever see valid ones: this way most inputs reach them.
 *
 * Each input costs a fork and a Graphviz layout, so the targets keep to
 * small graphs (larger ones are the loader target's business, and their
 * layout time is Graphviz's): models with more than FUZZ_MAX_ACTORS
 * actors, FUZZ_MAX_TIES ties or FUZZ_MAX_ENDS tie ends are skipped, and
 * the layout has a short timeout. A layout that times out is an ordinary
 * failure with a message, not a finding; a valid file that cannot be drawn
 * for any other reason is (failed()).
 */
#ifndef RG_FUZZ_DRAWN_H
#define RG_FUZZ_DRAWN_H

#include "internal.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define FUZZ_MAX_INPUT (64u * 1024u)
#define FUZZ_MAX_ACTORS 60
#define FUZZ_MAX_TIES 120
#define FUZZ_MAX_ENDS 240 /* parties over all ties: `between` adds many */
#define FUZZ_LAYOUT_TIMEOUT 2.0

/* ---- choices from bytes ------------------------------------------------ */

typedef struct choices {
    const uint8_t *p;
    size_t n;
} choices;

/* A number below MOD (0 once the bytes run out). */
static unsigned pick(choices *c, unsigned mod)
{
    if (c->n == 0 || mod == 0)
        return 0;
    c->n--;
    return *c->p++ % mod;
}

#define PICK(c, table) (table)[pick(c, sizeof(table) / sizeof((table)[0]))]

/* Pieces of text, written as inside a double-quoted YAML scalar. */
static const char *const pieces[] = {
    "a", "Z", "0", " ", "-", ".", "_", "Iran", "U.S.", "&", "&amp;", "&#60;",
    "&lt", "<", ">", "<b>", "</font>", "<BR/>", "<script>alert(1)</script>",
    "\\\"", "'", "`", "\\\\", "\\\\N", "\\\\G", "\\\\E", "\\\\T", "\\\\H",
    "\\\\L", "\\\\l", "\\\\n", "\\n", "\\t", "]]>", "<!--", "-->", "<?xml",
    "%", "%s", "{", "}", "|", "#", ":", ",", "[", "]", "*", "~", "!",
    "\\u00e9", "\\u00a0", "\\u2028", "\\u2029", "\\u200f", "\\u202e",
    "\\ufeff", "\\ufffd", "\\U0001F600", "\\u0301", "\\u4e2d", "\\u0627",
    "javascript:", "onload=", "xlink:href", "https://x.org/", "\\u00ad",
    "</script>", "</ScRiPt >", "</style>", "\\\\u003c", "\\\\\\\"",
    "                                        ", "wwwwwwwwwwwwwwwwwwwwwwwwww",
};

static const char *const dates[] = {
    "2007", "2007-05", "2007-05-28", "2000-02-29", "1999-12-31",
    "0001-01-01", "9999-12-31", "2014-06-01", "2018",
};

static const char *const tie_kinds[] = {
    "talks", "accuses", "custody", "demands", "proposes", "supports",
    "opposes", "allied", "represents", "hosts", "k0", "k1",
};
static const char *const actor_kinds[] = {
    "person", "country", "organization", "group", "media", "event", "c0", "c1",
};
static const char *const colors[] = {
    "black", "orange", "skyblue", "green", "yellow", "blue", "vermillion",
    "purple", "gray", "'#000'", "'#ffffff'", "'#D55E00'", "'#7f7f7f'",
};
static const char *const lines[] = {"solid", "dashed", "dotted", "bold"};
static const char *const arrows[] = {"normal", "vee", "tee", "dot", "diamond", "none"};
static const char *const shapes[] = {
    "box", "ellipse", "circle", "diamond", "hexagon", "octagon", "house",
    "note", "tab", "folder", "cylinder", "box3d",
};
static const char *const statuses[] = {"alleged", "confirmed", "denied", "ended"};
static const char *const layouts[] = {"dot", "neato", "fdp", "sfdp", "circo", "twopi", "auto"};
static const char *const directions[] = {"TB", "LR", "BT", "RL"};
static const char *const themes[] = {"light", "dark", "mono"};
static const char *const bools[] = {"true", "false"};
/* edge_labels: the modes, and the switch of older files. */
static const char *const label_modes[] = {"inline", "notes", "none", "true", "false"};

/* A double-quoted YAML string of up to MAX pieces. */
static void text(rg_buf *b, choices *c, unsigned max)
{
    rg_buf_putc(b, '"');
    for (unsigned i = pick(c, max + 1); i > 0; i--)
        rg_buf_puts(b, PICK(c, pieces));
    rg_buf_putc(b, '"');
}

/* Plain text for an option: pieces as they read, without YAML escapes. */
/* The text of a filter option, appended to B: what B holds, "" for none. */
static const char *option_text(rg_buf *b, choices *c)
{
    static const char *const words[] = {
        "talks", "accuses", "k0", ",", " ", "", "a0", "a1", "a2", "2007",
        "2007-05-28", "2007-02-30", "x", "-1", ",,", "TALKS",
    };
    for (unsigned i = pick(c, 5); i > 0; i--)
        rg_buf_puts(b, PICK(c, words));
    return b->buf ? b->buf : "";
}

/* Maybe a line "KEY: TEXT" of up to MAX pieces. */
static void text_line(rg_buf *y, choices *c, const char *key, unsigned max)
{
    if (pick(c, 2)) {
        rg_buf_printf(y, "%s: ", key);
        text(y, c, max);
        rg_buf_putc(y, '\n');
    }
}

/* The YAML file the choices describe. */
static void write_file(rg_buf *y, choices *c)
{
    unsigned n_actors = 1 + pick(c, 10), n_groups = pick(c, 5);
    unsigned n_sources = pick(c, 4), n_ties = pick(c, 14);

    rg_buf_puts(y, "relgraph: 1\n");
    text_line(y, c, "title", 12);
    text_line(y, c, "description", 12);
    if (n_sources) {
        rg_buf_puts(y, "sources:\n");
        for (unsigned i = 0; i < n_sources; i++) {
            rg_buf_printf(y, "  s%u: {title: ", i);
            text(y, c, 6);
            if (pick(c, 2)) {
                rg_buf_puts(y, ", publisher: ");
                text(y, c, 4);
            }
            if (pick(c, 2))
                rg_buf_printf(y, ", date: %s", PICK(c, dates));
            if (pick(c, 2))
                rg_buf_printf(y, ", url: \"https://example.org/%u?q=%u&r=%%41#f\"", i,
                              pick(c, 256));
            rg_buf_puts(y, "}\n");
        }
    }
    if (n_groups) {
        rg_buf_puts(y, "groups:\n");
        for (unsigned i = 0; i < n_groups; i++) {
            rg_buf_printf(y, "  g%u: {name: ", i);
            text(y, c, 6);
            if (i > 0 && pick(c, 2))
                rg_buf_printf(y, ", parent: g%u", pick(c, i));
            rg_buf_puts(y, "}\n");
        }
    }
    /* k0, k1 and c0, c1 are new kinds; a third definition may override
     * a built-in kind. */
    rg_buf_puts(y, "kinds:\n  ties:\n");
    for (unsigned i = 0; i < 3; i++) {
        const char *id = i == 0 ? "k0" : i == 1 ? "k1" : tie_kinds[pick(c, 10)];
        rg_buf_printf(y, "    %s: {label: ", id);
        text(y, c, 4);
        rg_buf_printf(y, ", directed: %s, color: %s, line: %s, arrow: %s}\n",
                      PICK(c, bools), PICK(c, colors), PICK(c, lines), PICK(c, arrows));
    }
    rg_buf_puts(y, "  actors:\n");
    for (unsigned i = 0; i < 3; i++) {
        const char *id = i == 0 ? "c0" : i == 1 ? "c1" : actor_kinds[pick(c, 6)];
        rg_buf_printf(y, "    %s: {label: ", id);
        text(y, c, 4);
        rg_buf_printf(y, ", shape: %s, color: %s", PICK(c, shapes), PICK(c, colors));
        if (pick(c, 2))
            rg_buf_printf(y, ", fill: %s", PICK(c, colors));
        rg_buf_puts(y, "}\n");
    }
    rg_buf_puts(y, "actors:\n");
    for (unsigned i = 0; i < n_actors; i++) {
        rg_buf_printf(y, "  a%u: {name: ", i);
        text(y, c, 8);
        if (pick(c, 4))
            rg_buf_printf(y, ", kind: %s", PICK(c, actor_kinds));
        if (pick(c, 2)) {
            rg_buf_puts(y, ", role: ");
            text(y, c, 6);
        }
        if (n_groups && pick(c, 2))
            rg_buf_printf(y, ", group: g%u", pick(c, n_groups));
        if (pick(c, 3) == 0) {
            rg_buf_puts(y, ", aliases: [");
            text(y, c, 3);
            rg_buf_puts(y, ", ");
            text(y, c, 3);
            rg_buf_puts(y, "]");
        }
        if (pick(c, 3) == 0) {
            rg_buf_puts(y, ", note: ");
            text(y, c, 10);
        }
        if (pick(c, 4) == 0)
            rg_buf_printf(y, ", url: \"http://a%u.example/x_(y)\"", i);
        if (n_sources && pick(c, 3) == 0)
            rg_buf_printf(y, ", source: s%u", pick(c, n_sources));
        rg_buf_puts(y, "}\n");
    }
    if (n_ties)
        rg_buf_puts(y, "ties:\n");
    for (unsigned i = 0; i < n_ties && c->n > 0; i++) {
        if (pick(c, 4) == 0 && n_actors >= 2) {
            /* The first two distinct, the others anything. */
            unsigned first = pick(c, n_actors);
            rg_buf_printf(y, "  - {between: [a%u, a%u", first,
                          (first + 1 + pick(c, n_actors - 1)) % n_actors);
            for (unsigned p = pick(c, n_actors); p > 0; p--)
                rg_buf_printf(y, ", a%u", pick(c, n_actors));
            rg_buf_puts(y, "]");
        } else {
            rg_buf_printf(y, "  - {from: a%u, to: a%u", pick(c, n_actors),
                          pick(c, n_actors));
        }
        rg_buf_printf(y, ", kind: %s", PICK(c, tie_kinds));
        if (pick(c, 2)) {
            rg_buf_puts(y, ", label: ");
            text(y, c, 10);
        }
        switch (pick(c, 4)) {
        case 1: rg_buf_printf(y, ", date: %s", PICK(c, dates)); break;
        case 2: rg_buf_printf(y, ", start: %s", PICK(c, dates)); break;
        case 3: rg_buf_printf(y, ", start: 0001, end: %s", PICK(c, dates)); break;
        }
        if (pick(c, 3) == 0)
            rg_buf_printf(y, ", status: %s", PICK(c, statuses));
        if (pick(c, 3) == 0)
            rg_buf_printf(y, ", weight: %u", 1 + pick(c, 5));
        if (pick(c, 4) == 0)
            rg_buf_printf(y, ", directed: %s", PICK(c, bools));
        if (pick(c, 4) == 0) {
            rg_buf_puts(y, ", note: ");
            text(y, c, 6);
        }
        if (pick(c, 3) == 0)
            rg_buf_printf(y, ", sources: [%s, \"https://u%u.example/\"]",
                          n_sources ? "s0" : "\"https://v.example/\"", pick(c, 3));
        if (pick(c, 4) == 0)
            rg_buf_printf(y, ", id: t%u", i);
        rg_buf_puts(y, "}\n");
    }
    rg_buf_printf(y, "render: {layout: %s, direction: %s, theme: %s, legend: %s, "
                     "edge_labels: %s, bundle: %s, seed: %u}\n",
                  PICK(c, layouts), PICK(c, directions), PICK(c, themes),
                  PICK(c, bools), PICK(c, label_modes), PICK(c, bools), pick(c, 256));
}

/* ---- the pipeline ----------------------------------------------------- */

/* What the diagnostics said, and the file, for the report of a finding
 * (seen when the crashing input is run again without -close_fd_mask). */
typedef struct heard {
    size_t total;
    bool timeout;
    char first_error[512];
    const char *yaml;
    size_t len;
} heard;

static void hear(const rg_diagnostic *d, void *userdata)
{
    heard *h = userdata;
    h->total += strlen(d->message) + strlen(d->file);
    if (d->severity != RG_ERROR)
        return;
    if (strstr(d->message, "took longer than"))
        h->timeout = true;
    if (!h->first_error[0])
        snprintf(h->first_error, sizeof h->first_error, "%s", d->message);
}

/* A valid model that could not be drawn, for no reason but time. */
static void failed(rg_diags *d, heard *h)
{
    rg_diags_flush(d);
    if (h->timeout)
        return;
    fprintf(stderr, "fuzz_pipeline: a valid file could not be drawn: %s\n"
                    "---- the file:\n%.*s\n----\n",
            h->first_error, (int)h->len, h->yaml);
    abort();
}

static bool small_enough(const rg_model *m)
{
    if (m->n_actors > FUZZ_MAX_ACTORS || m->n_ties > FUZZ_MAX_TIES)
        return false;
    size_t ends = 0;
    for (size_t i = 0; i < m->n_ties; i++)
        ends += m->ties[i].n_parties;
    return ends <= FUZZ_MAX_ENDS;
}

/* M drawn with OPT and rendered in FORMAT, handed to CHECK (which aborts
 * on a finding); a valid model that cannot be drawn is failed()'s. */
static void fuzz_render(const rg_model *m, const rg_options *opt, rg_diags *d,
                        heard *h, const char *format,
                        void (*check)(const char *out, size_t len))
{
    rg_diagram *dg = rg_diagram_new(m, opt, d);
    if (!dg) {
        failed(d, h);
        return;
    }
    char *out = NULL;
    size_t len = 0;
    if (rg_diagram_render(dg, format, &out, &len, d)) {
        if (strlen(out) != len)
            abort();
        check(out, len);
        free(out);
    } else {
        failed(d, h);
    }
    rg_diagram_free(dg);
}

/* Read DATA as YAML or as choices (see above), and hand every model that
 * validates and is small enough, filtered as the choices say, to DRAW. */
typedef void (*fuzz_draw_fn)(const rg_model *m, const rg_options *opt, rg_diags *d,
                             heard *h);

static int fuzz_drawn(const uint8_t *data, size_t size, fuzz_draw_fn draw)
{
    if (size > FUZZ_MAX_INPUT)
        return 0;
    bool structured = size > 0 && data[0] <= 0x08;
    rg_buf yaml = {0};
    choices c = {data + 1, size ? size - 1 : 0};
    rg_options opt = RG_OPTIONS_INIT;
    opt.timeout = FUZZ_LAYOUT_TIMEOUT;
    rg_filter filter = RG_FILTER_INIT;
    rg_buf kinds = {0}, exclude = {0}, as_of = {0}, focus = {0};
    if (structured) {
        write_file(&yaml, &c);
        /* The command line's part, after the file's. */
        if (pick(&c, 3) == 0)
            opt.layout = PICK(&c, layouts);
        if (pick(&c, 3) == 0)
            opt.theme = PICK(&c, themes);
        if (pick(&c, 3) == 0)
            opt.legend = (int)pick(&c, 2);
        if (pick(&c, 3) == 0)
            opt.labels = (int)pick(&c, 3);
        if (pick(&c, 3) == 0)
            opt.bundle = (int)pick(&c, 2);
        switch (pick(&c, 6)) {
        case 1:
            filter.kinds = option_text(&kinds, &c);
            break;
        case 2:
            filter.exclude_kinds = option_text(&exclude, &c);
            break;
        case 3:
            filter.as_of = option_text(&as_of, &c);
            break;
        case 4:
            filter.focus = option_text(&focus, &c);
            filter.depth = (int)pick(&c, 4) - 1;
            break;
        }
    }
    const char *text_in = structured ? yaml.buf : (const char *)data;
    size_t len_in = structured ? yaml.len : size;

    static heard h;
    memset(&h, 0, sizeof h);
    h.yaml = text_in;
    h.len = len_in;
    rg_diags *d = rg_diags_new("fuzz.yaml", hear, &h);
    rg_doc *doc = rg_load(text_in, len_in, d);
    rg_model *m = doc ? rg_validate(doc, d) : NULL;
    if (m && small_enough(m)) {
        if (rg_filter_active(&filter)) {
            rg_filter_status status;
            rg_model *part = rg_filter_apply(m, &filter, d, &status);
            if (part)
                draw(part, &opt, d, &h);
            rg_model_free(part);
        } else {
            draw(m, &opt, d, &h);
        }
    }
    rg_diags_flush(d);
    rg_model_free(m);
    rg_doc_free(doc);
    rg_diags_free(d);
    free(yaml.buf);
    free(kinds.buf);
    free(exclude.buf);
    free(as_of.buf);
    free(focus.buf);
    return 0;
}

#endif
