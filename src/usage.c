/*
 * usage.c - the text of `relgraph --help`, its lists of names printed from
 * model.c's tables (test_names holds the man pages to the same tables).
 */
#include "internal.h"

#include <stdio.h>

/* Each piece's text, then (if NAMES) that table's names, each after
 * BEFORE: the help lists exactly what the tables hold. */
static const struct usage_piece {
    const char *text;
    const rg_names *names;
    const char *before;
} usage_pieces[] = {
    {"Usage: relgraph [OPTIONS] FILE.yaml       (FILE may be - for stdin)\n"
     "       relgraph import [-o FILE.yaml] [ACTORS.csv] TIES.csv\n"
     "Draw the actors and ties described in FILE.yaml with Graphviz; import\n"
     "them from spreadsheets saved as CSV or TSV.\n"
     "\n"
     "  -o, --output PATH     write a diagram (repeatable); the format comes from\n"
     "                        the extension:\n"
     "                        ", &rg_format_names, "."},
    {";\n"
     "                        - is standard output. Without -o: SVG to stdout.\n"
     "                        .html is an interactive page, .md a text summary.\n"
     "  -T, --format FMT      format for -o - or a path without a known extension\n"
     "  -K, --layout ENGINE   ", &rg_layout_names, ""},
    {"\n      --direction DIR   ", &rg_direction_names, ""},
    {" (dot only)\n      --theme THEME     ", &rg_theme_names, ""},
    {"\n"
     "      --no-legend       leave the legend out\n"
     "      --edge-labels MODE  ", &rg_label_names, ""},
    {": tie labels on the lines,\n"
     "                        as numbers with a key below, or left out\n"
     "      --no-edge-labels  leave tie labels out (--edge-labels none)\n"
     "      --no-bundle       draw each tie of a kind between two actors apart\n"
     "      --kinds K,...     keep only these tie kinds\n"
     "      --exclude-kinds K,...  leave these tie kinds out\n"
     "      --as-of DATE      ties in force at DATE (undated ties stay)\n"
     "      --from DATE, --to DATE  ties overlapping this window\n"
     "      --focus ID,...    keep the actors within --depth ties of these\n"
     "      --depth N         ties from the --focus actors (default 1)\n"
     "      --page PAGE       put the drawing on a page: ", &rg_page_names, ""},
    {"\n"
     "                        or WxH with a unit on each side (", &rg_unit_names, ""},
    {"):\n"
     "                        16cmx10cm; SVG, PNG and PDF are then the page\n"
     "      --orientation O   ", &rg_orientation_names, ""},
    {" (default auto: landscape\n"
     "                        when the drawing is drawn larger so)\n"
     "      --margin LEN      the page's margin on each side (default 1cm)\n"
     "      --dpi N           a PNG's dots per inch (default 150 with a page)\n"
     "      --min-font PT     the smallest text on the page, points (default 6)\n"
     "      --check           validate only; write nothing\n"
     "      --stats           print on stderr the readability figures of each\n"
     "                        drawing compared, and which one was chosen\n"
     "      --strict          treat warnings as errors\n"
     "      --timeout SECONDS stop reading or a layout that takes longer\n"
     "                        (default 120)\n"
     "      --watch           render again whenever FILE changes (needs -o)\n"
     "      --schema          print the JSON Schema of the file format\n"
     "  -q, --quiet           do not print warnings\n"
     "  -h, --help            show this help\n"
     "  -V, --version         show relgraph's and Graphviz's versions\n"
     "\n"
     "Exit status: 0 success, 1 invalid input, 2 usage error,\n"
     "3 layout, render or output failure.\n", NULL, NULL},
};

char *rg_usage(void)
{
    rg_buf b = RG_BUF_INIT;
    for (size_t i = 0; i < sizeof usage_pieces / sizeof usage_pieces[0]; i++) {
        const struct usage_piece *p = &usage_pieces[i];
        rg_buf_puts(&b, p->text);
        if (p->names) {
            rg_buf_puts(&b, p->before);
            char sep[8];
            snprintf(sep, sizeof sep, " %s", p->before);
            rg_names_join(&b, p->names, sep);
        }
    }
    return rg_buf_detach(&b, NULL);
}
