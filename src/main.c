/*
 * main.c - the command line: options, then the pipeline of relgraph.h.
 * The only file that writes to stderr.
 *
 * Exit statuses: 0 success, 1 invalid input, 2 usage error,
 * 3 layout, render or output failure.
 */
#include "relgraph.h"

#include <errno.h>
#include <getopt.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { EXIT_INPUT = 1, EXIT_USAGE = 2, EXIT_OUTPUT = 3 };

typedef struct output {
    const char *path;
    const char *format;
} output;

typedef struct cli {
    const char *input;
    output *outputs;
    size_t n_outputs;
    const char *format; /* -T */
    rg_options opt;
    rg_filter filter;
    bool check, strict, quiet, watch, stats;
} cli;

typedef struct printer {
    bool strict, quiet;
} printer;

static void print_diag(const rg_diagnostic *d, void *ud)
{
    const printer *p = ud;
    bool warning = d->severity == RG_WARNING;
    if (warning && p->quiet && !p->strict)
        return;
    const char *sev = warning && !p->strict ? "warning" : "error";
    if (d->has_mark)
        fprintf(stderr, "%s:%zu:%zu: %s: %s\n", d->file, d->mark.line + 1,
                d->mark.column + 1, sev, d->message);
    else
        fprintf(stderr, "relgraph: %s: %s\n", sev, d->message);
}

/* The usage text; the names of layouts, directions, themes and formats
 * come from model.c's tables. */
static void print_names(FILE *f, const rg_names *t, const char *before)
{
    for (size_t i = 0; i < t->n; i++)
        fprintf(f, "%s%s", i ? " " : "", before), fputs(t->names[i], f);
}

static void usage(FILE *f)
{
    char *text = rg_usage();
    fputs(text, f);
    free(text);
}

static int usage_error(const char *fmt, const char *arg)
{
    char *safe = rg_printable(arg);
    fputs("relgraph: error: ", stderr);
    fprintf(stderr, fmt, safe);
    fputs("\nTry 'relgraph --help' for more information.\n", stderr);
    free(safe);
    return EXIT_USAGE;
}

/* "unknown theme 'x' (light dark mono)": the names from T. */
static int unknown_name(const char *what, const char *value, const rg_names *t)
{
    char *safe = rg_printable(value);
    fprintf(stderr, "relgraph: error: unknown %s '%s' (", what, safe);
    print_names(stderr, t, "");
    fputs(")\nTry 'relgraph --help' for more information.\n", stderr);
    free(safe);
    return EXIT_USAGE;
}

/* -o - or -o PATH with no format: say which there are. */
static int no_format(const char *path)
{
    char *safe = path ? rg_printable(path) : NULL;
    if (safe)
        fprintf(stderr, "relgraph: error: cannot tell the format of '%s': give "
                        "it an extension (", safe);
    else
        fputs("relgraph: error: -o - needs a format: use -T (", stderr);
    print_names(stderr, &rg_format_names, safe ? "." : "");
    fputs(safe ? ") or use -T\n" : ")\n", stderr);
    fputs("Try 'relgraph --help' for more information.\n", stderr);
    free(safe);
    return EXIT_USAGE;
}

/* A page or margin that page.c refused: its message, WHY (freed), is
 * already printable. */
static int page_error(char *why)
{
    fprintf(stderr, "relgraph: error: %s\n"
                    "Try 'relgraph --help' for more information.\n", why);
    free(why);
    return EXIT_USAGE;
}

enum {
    OPT_DIRECTION = 256, OPT_THEME, OPT_NO_LEGEND, OPT_NO_EDGE_LABELS,
    OPT_CHECK, OPT_STRICT, OPT_TIMEOUT, OPT_FOCUS, OPT_DEPTH, OPT_KINDS,
    OPT_EXCLUDE_KINDS, OPT_AS_OF, OPT_FROM, OPT_TO, OPT_SCHEMA, OPT_WATCH,
    OPT_STATS,
    OPT_PAGE, OPT_ORIENTATION, OPT_MARGIN, OPT_DPI, OPT_MIN_FONT,
    OPT_EDGE_LABELS, OPT_NO_BUNDLE
};

static const struct option long_options[] = {
    {"output", required_argument, NULL, 'o'},
    {"format", required_argument, NULL, 'T'},
    {"layout", required_argument, NULL, 'K'},
    {"direction", required_argument, NULL, OPT_DIRECTION},
    {"theme", required_argument, NULL, OPT_THEME},
    {"no-legend", no_argument, NULL, OPT_NO_LEGEND},
    {"no-edge-labels", no_argument, NULL, OPT_NO_EDGE_LABELS},
    {"edge-labels", required_argument, NULL, OPT_EDGE_LABELS},
    {"no-bundle", no_argument, NULL, OPT_NO_BUNDLE},
    {"check", no_argument, NULL, OPT_CHECK},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"timeout", required_argument, NULL, OPT_TIMEOUT},
    {"focus", required_argument, NULL, OPT_FOCUS},
    {"depth", required_argument, NULL, OPT_DEPTH},
    {"kinds", required_argument, NULL, OPT_KINDS},
    {"exclude-kinds", required_argument, NULL, OPT_EXCLUDE_KINDS},
    {"as-of", required_argument, NULL, OPT_AS_OF},
    {"from", required_argument, NULL, OPT_FROM},
    {"to", required_argument, NULL, OPT_TO},
    {"schema", no_argument, NULL, OPT_SCHEMA},
    {"watch", no_argument, NULL, OPT_WATCH},
    {"stats", no_argument, NULL, OPT_STATS},
    {"page", required_argument, NULL, OPT_PAGE},
    {"orientation", required_argument, NULL, OPT_ORIENTATION},
    {"margin", required_argument, NULL, OPT_MARGIN},
    {"dpi", required_argument, NULL, OPT_DPI},
    {"min-font", required_argument, NULL, OPT_MIN_FONT},
    {"quiet", no_argument, NULL, 'q'},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

/* The options whose value must be one of a table's names, kept as given;
 * WHAT names the setting in the refusal. */
static const struct named_option {
    int ch;
    const char *what;
    const rg_names *names;
    size_t offset; /* of the const char * in cli */
} named_options[] = {
    {'T', "format", &rg_format_names, offsetof(cli, format)},
    {'K', "layout", &rg_layout_names, offsetof(cli, opt.layout)},
    {OPT_DIRECTION, "direction", &rg_direction_names, offsetof(cli, opt.direction)},
    {OPT_THEME, "theme", &rg_theme_names, offsetof(cli, opt.theme)},
    {OPT_ORIENTATION, "orientation", &rg_orientation_names, offsetof(cli, opt.orientation)},
};

/* If CH is a named option: its value checked and kept; returns -1 to go
 * on, or the exit status of a refusal. Returns 0 if CH is not one. */
static int named_option(int ch, cli *c)
{
    for (size_t i = 0; i < sizeof named_options / sizeof named_options[0]; i++) {
        const struct named_option *o = &named_options[i];
        if (o->ch != ch)
            continue;
        if (rg_name_find(o->names, optarg) < 0)
            return unknown_name(o->what, optarg, o->names);
        *(const char **)((char *)c + o->offset) = optarg;
        return -1;
    }
    return 0;
}

/* Parse ARGV into C. Returns -1 to go on, or an exit status. */
static int parse_args(int argc, char **argv, cli *c)
{
    c->outputs = calloc((size_t)argc, sizeof *c->outputs);
    if (!c->outputs) {
        fputs("relgraph: error: out of memory\n", stderr);
        exit(EXIT_OUTPUT);
    }
    opterr = 0;
    int ch;
    char *why;
    while ((ch = getopt_long(argc, argv, ":o:T:K:qhV", long_options, NULL)) != -1) {
        int named = named_option(ch, c);
        if (named > 0)
            return named;
        if (named < 0)
            continue;
        switch (ch) {
        case 'o':
            c->outputs[c->n_outputs++].path = optarg;
            break;
        case OPT_NO_LEGEND: c->opt.legend = 0; break;
        case OPT_NO_EDGE_LABELS: c->opt.labels = RG_LABELS_NONE; break;
        case OPT_EDGE_LABELS:
            if ((c->opt.labels = rg_name_find(&rg_label_names, optarg)) < 0)
                return unknown_name("edge labels setting", optarg, &rg_label_names);
            break;
        case OPT_NO_BUNDLE: c->opt.bundle = 0; break;
        case OPT_CHECK: c->check = true; break;
        case OPT_STRICT: c->strict = true; break;
        case OPT_TIMEOUT: {
            char *end;
            double t = strtod(optarg, &end);
            if (end == optarg || *end || !(t > 0) || t > 86400)
                return usage_error("invalid timeout '%s' (seconds, more than 0)", optarg);
            c->opt.timeout = t;
            break;
        }
        case OPT_FOCUS: c->filter.focus = optarg; break;
        case OPT_DEPTH: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (end == optarg || *end || v < 0 || v > 1000000)
                return usage_error("invalid depth '%s' (a number of ties, 0 or more)",
                                   optarg);
            c->filter.depth = (int)v;
            break;
        }
        case OPT_KINDS: c->filter.kinds = optarg; break;
        case OPT_EXCLUDE_KINDS: c->filter.exclude_kinds = optarg; break;
        case OPT_AS_OF: c->filter.as_of = optarg; break;
        case OPT_FROM: c->filter.from = optarg; break;
        case OPT_TO: c->filter.to = optarg; break;
        case OPT_WATCH: c->watch = true; break;
        case OPT_STATS: c->stats = true; break;
        case OPT_PAGE:
            if ((why = rg_page_parse(optarg, &c->opt.page_w, &c->opt.page_h)))
                return page_error(why);
            break;
        case OPT_MARGIN:
            if ((why = rg_margin_parse(optarg, &c->opt.margin)))
                return page_error(why);
            c->opt.margin_set = true;
            break;
        case OPT_DPI:
            if (!rg_dpi_parse(optarg, &c->opt.dpi))
                return usage_error("invalid dpi '%s' (" RG_DPI_WHAT ")", optarg);
            break;
        case OPT_MIN_FONT:
            if (!rg_min_font_parse(optarg, &c->opt.min_font))
                return usage_error("invalid min-font '%s' (" RG_MIN_FONT_WHAT ")",
                                   optarg);
            break;
        case OPT_SCHEMA: {
            size_t len;
            const char *schema = rg_schema_json(&len);
            if (fwrite(schema, 1, len, stdout) != len || fflush(stdout) != 0) {
                perror("relgraph: error: cannot write the schema");
                return EXIT_OUTPUT;
            }
            return 0;
        }
        case 'q': c->quiet = true; break;
        case 'h':
            usage(stdout);
            return 0;
        case 'V':
            printf("relgraph %s (Graphviz %s)\n", RG_VERSION, rg_graphviz_version());
            return 0;
        case ':':
            return usage_error("option '%s' needs a value", argv[optind - 1]);
        default:
            return usage_error("unknown option '%s'", argv[optind - 1]);
        }
    }
    if (optind >= argc)
        return usage_error("%s", "no input file (use - for standard input)");
    if (optind + 1 < argc)
        return usage_error("more than one input file ('%s')", argv[optind + 1]);
    c->input = argv[optind];
    if (c->watch && strcmp(c->input, "-") == 0)
        return usage_error("%s", "--watch needs a file, not standard input");

    if (c->n_outputs == 0 && !c->check) {
        /* No -o at all: SVG (or -T's format) to standard output. */
        c->outputs[0].path = "-";
        c->outputs[0].format = c->format ? c->format : "svg";
        c->n_outputs = 1;
    }
    for (size_t i = 0; i < c->n_outputs; i++) {
        output *o = &c->outputs[i];
        if (c->watch && strcmp(o->path, "-") == 0)
            return usage_error("%s", "--watch rewrites files: give -o PATH "
                               "(standard output cannot be rewritten)");
        const char *ext = strcmp(o->path, "-") == 0 ? NULL : rg_format_from_path(o->path);
        if (!o->format)
            o->format = ext ? ext : c->format;
        if (!o->format && strcmp(o->path, "-") == 0)
            return no_format(NULL);
        if (!o->format)
            return no_format(o->path);
        /* Standard input is read in full before anything is written. */
        if (strcmp(c->input, "-") != 0 && rg_same_file(o->path, c->input))
            return usage_error("output '%s' is the input file", o->path);
        for (size_t j = 0; j < i; j++)
            if (rg_same_file(o->path, c->outputs[j].path))
                return usage_error("output '%s' is given twice", o->path);
    }
    return -1;
}

static int run(const cli *c)
{
    printer p = {c->strict, c->quiet};
    const char *name = strcmp(c->input, "-") == 0 ? "<stdin>" : c->input;
    rg_diags *d = rg_diags_new(name, print_diag, &p);
    int status = 0;
    char *data = NULL;
    size_t len = 0;
    rg_doc *doc = NULL;
    rg_model *m = NULL, *shown = NULL;
    rg_diagram *dg = NULL;
    rg_outputs *outs = NULL;

    if (!rg_read_input(c->input, c->opt.timeout, &data, &len, d)) {
        status = EXIT_INPUT;
        goto done;
    }
    /* The input, then the tree, go as soon as what is made from them is
     * ready (the model keeps the tree's texts, not its nodes): at peak
     * only the tree and the model are in memory. */
    doc = rg_load_partial(data, len, d);
    free(data);
    data = NULL;
    m = doc ? rg_validate(doc, d) : NULL;
    rg_doc_free(doc);
    doc = NULL;
    if (!m || (c->strict && rg_diags_warnings(d) > 0)) {
        status = EXIT_INPUT;
        goto done;
    }
    rg_diags_flush(d);
    if (rg_filter_active(&c->filter)) {
        rg_filter_status fs;
        shown = rg_filter_apply(m, &c->filter, d, &fs);
        if (!shown) {
            status = fs == RG_FILTER_USAGE ? EXIT_USAGE : EXIT_INPUT;
            goto done;
        }
    }
    const rg_model *view = shown ? shown : m;
    /* The file's own page and margin the validator checked. */
    if (!rg_page_fits(view, &c->opt, d)) {
        status = EXIT_USAGE;
        goto done;
    }
    if (c->check)
        goto done;

    for (size_t i = 0; i < c->n_outputs && !dg; i++) {
        if (!rg_format_drawn(c->outputs[i].format))
            continue;
        /* One drawing, unless --watch draws it again and again. */
        rg_options once = c->opt;
        once.only_drawing = !c->watch;
        once.no_cairo = true;
        for (size_t k = 0; k < c->n_outputs; k++)
            once.no_cairo = once.no_cairo && !rg_format_cairo(c->outputs[k].format);
        dg = rg_diagram_new(view, &once, d);
        if (!dg) {
            status = EXIT_OUTPUT;
            goto done;
        }
        if (c->stats) {
            /* The drawings the search compared, then the one drawn. */
            char *line = rg_diagram_stats(dg);
            rg_diags_flush(d);
            const char *seen = rg_diagram_candidates(dg);
            for (size_t n; *seen; seen += n + (seen[n] == '\n')) {
                n = strcspn(seen, "\n");
                fprintf(stderr, "relgraph: stats: %.*s\n", (int)n, seen);
            }
            fprintf(stderr, "relgraph: stats: %s\n", line);
            free(line);
        }
    }
    outs = rg_outputs_new();
    for (size_t i = 0; i < c->n_outputs; i++) {
        char *out = NULL;
        size_t out_len = 0;
        bool drawn = rg_format_drawn(c->outputs[i].format);
        if (!drawn)
            out = rg_model_export(view, c->outputs[i].format, &out_len);
        if ((drawn && !rg_diagram_render(dg, c->outputs[i].format, &out, &out_len, d)) ||
            !rg_outputs_stage(outs, c->outputs[i].path, out, out_len, d)) {
            free(out);
            status = EXIT_OUTPUT;
            goto done;
        }
        free(out);
    }
    if (c->strict && rg_diags_warnings(d) > 0) {
        status = EXIT_OUTPUT;
        goto done;
    }
    if (!rg_outputs_commit(outs, d))
        status = EXIT_OUTPUT;

done:
    rg_diags_flush(d);
    rg_outputs_free(outs);
    rg_diagram_free(dg);
    rg_model_free(shown);
    rg_model_free(m);
    rg_doc_free(doc);
    free(data);
    rg_diags_free(d);
    return status;
}

/* --watch: each render's outcome in a line of its own. */
static void watch_render(void *ud)
{
    const cli *c = ud;
    int status = run(c);
    if (status == 0 && c->quiet)
        return;
    char *input = rg_printable(c->input);
    if (status != 0)
        fprintf(stderr, "relgraph: nothing written; waiting for a change to %s\n",
                input);
    else if (c->check)
        fprintf(stderr, "relgraph: %s is valid\n", input);
    free(input);
    if (status != 0 || c->check)
        return;
    fputs("relgraph: wrote", stderr);
    for (size_t i = 0; i < c->n_outputs; i++) {
        char *out = rg_printable(c->outputs[i].path);
        fprintf(stderr, "%s %s", i ? "," : "", out);
        free(out);
    }
    fputc('\n', stderr);
}

/* ---- relgraph import (relgraph(1), IMPORT) ---- */

static bool is_tsv(const char *path)
{
    size_t n = strlen(path);
    return (n > 4 && strcasecmp(path + n - 4, ".tsv") == 0) ||
           (n > 4 && strcasecmp(path + n - 4, ".tab") == 0);
}

static int import_main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"output", required_argument, NULL, 'o'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *path = "-";
    printer p = {false, false};
    optind = 1;
    opterr = 0;
    int ch;
    while ((ch = getopt_long(argc, argv, ":o:qh", opts, NULL)) != -1) {
        switch (ch) {
        case 'o': path = optarg; break;
        case 'q': p.quiet = true; break;
        case 'h': usage(stdout); return 0;
        case ':': return usage_error("option '%s' needs a value", argv[optind - 1]);
        default: return usage_error("unknown option '%s' of import", argv[optind - 1]);
        }
    }
    int files = argc - optind;
    if (files < 1 || files > 2)
        return usage_error("%s", files < 1 ? "import needs a sheet of ties "
                           "(relgraph import [ACTORS.csv] TIES.csv)"
                           : "import takes at most two sheets: ACTORS.csv TIES.csv");
    const char *names[2] = {files == 2 ? argv[optind] : NULL, argv[argc - 1]};
    for (int i = 0; i < 2; i++)
        if (names[i] && strcmp(path, "-") != 0 && strcmp(names[i], "-") != 0 &&
            rg_same_file(path, names[i]))
            return usage_error("output '%s' is an input sheet", path);
    if (names[0] && strcmp(names[0], "-") == 0 && strcmp(names[1], "-") == 0)
        return usage_error("%s", "only one sheet can be standard input");
    rg_sheet_input in[2] = {{0}};
    char *data[2] = {NULL, NULL};
    int status = 0;
    for (int i = 0; i < 2; i++) {
        if (!names[i])
            continue;
        in[i].d = rg_diags_new(strcmp(names[i], "-") ? names[i] : "<stdin>",
                               print_diag, &p);
        in[i].tsv = is_tsv(names[i]);
        if (!rg_read_input(names[i], 0, &data[i], &in[i].len, in[i].d))
            status = EXIT_INPUT;
        in[i].data = data[i];
    }
    char *yaml = NULL;
    size_t len = 0;
    rg_outputs *outs = NULL;
    if (status == 0) {
        yaml = rg_import(names[0] ? &in[0] : NULL, &in[1], &len);
        if (!yaml)
            status = EXIT_INPUT;
    }
    if (yaml) {
        outs = rg_outputs_new();
        if (!rg_outputs_stage(outs, path, yaml, len, in[1].d) ||
            !rg_outputs_commit(outs, in[1].d))
            status = EXIT_OUTPUT;
    }
    for (int i = 0; i < 2; i++) {
        if (in[i].d) {
            rg_diags_flush(in[i].d);
            rg_diags_free(in[i].d);
        }
        free(data[i]);
    }
    rg_outputs_free(outs);
    free(yaml);
    return status;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "import") == 0) {
        /* A signal while -o is written leaves no temporary file. */
        rg_stop_install();
        return import_main(argc - 1, argv + 1);
    }
    cli c = {0};
    c.opt = (rg_options)RG_OPTIONS_INIT;
    c.filter = (rg_filter)RG_FILTER_INIT;
    int status = parse_args(argc, argv, &c);
    rg_stop_install();
    if (status < 0 && c.watch) {
        status = 0;
        if (rg_watch(c.input, watch_render, &c) != 0) {
            int err = errno;
            char *input = rg_printable(c.input);
            fprintf(stderr, "relgraph: error: cannot watch '%s': %s\n", input,
                    strerror(err));
            free(input);
            status = EXIT_OUTPUT;
        }
    } else if (status < 0) {
        status = run(&c);
    }
    free(c.outputs);
    return status;
}
