/*
 * notes.c - the key of `edge_labels: notes` (relgraph(5), RENDER): each
 * labelled line carries only a number, in reading order (a tie's first
 * day, then its last, then the file's order; undated ties last), and the
 * numbered texts stand in a key below the drawing, as in a report's
 * figure: "1  United States accuses Iran: arming militias (alleged)". The
 * key is a small graph of its own, laid out with dot in as many columns
 * as its texts leave room for within the drawing's width, and joined
 * below the drawing like the legend (legend.c), so that it never
 * overlaps it.
 *
 * The numbers are a function of the model and its bundles alone: build.c
 * and the key each ask for them and get the same. Once laid out, each
 * number is moved onto its own line (dot puts an edge's label beside it,
 * in a rank of its own, up to 69 points away on the seed story), where it
 * reads as the line's name, on a patch of the background.
 */
#include "gv.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the numbers ------------------------------------------------------------ */

static bool junction(const rg_tie *t)
{
    return t->multi || t->over >= 0;
}

/* Whether the line headed by tie I says anything: a junction always does
 * (its box is there, with its kind's label when it has none). */
static bool says(const rg_model *m, const rg_bundles *bs, size_t i)
{
    if (bs->head[i] != (int)i)
        return false;
    if (junction(&m->ties[i]))
        return true;
    rg_buf text = RG_BUF_INIT;
    rg_status st = rg_bundle_text(&text, m, bs, i, "; ");
    bool any = text.len || rg_style_status_said(st);
    rg_buf_free(&text);
    return any;
}

size_t rg_notes_number(const rg_model *m, const rg_bundles *bs, int **numbers)
{
    int *num = rg_xcalloc(m->n_ties + 1, sizeof *num);
    size_t *order = rg_xcalloc(m->n_ties + 1, sizeof *order), n = 0;
    for (size_t i = 0; i < m->n_ties; i++)
        if (says(m, bs, i))
            order[n++] = i;
    rg_tie_order(m->ties, order, n);
    for (size_t k = 0; k < n; k++)
        num[order[k]] = (int)k + 1;
    free(order);
    *numbers = num;
    return n;
}

size_t rg_notes_count(const rg_model *m, const rg_conf *c)
{
    rg_bundles bs;
    rg_bundles_make(&bs, m, c->bundle);
    size_t n = 0;
    for (size_t i = 0; i < m->n_ties; i++)
        n += says(m, &bs, i);
    rg_bundles_free(&bs);
    return n;
}

/* ---- the key's texts ---------------------------------------------------------- */

void rg_notes_text(rg_buf *b, const rg_model *m, const rg_bundles *bs,
                   size_t head)
{
    const rg_tie *t = &m->ties[head];
    bool said_label = rg_text_tie(b, m, t);
    rg_buf text = RG_BUF_INIT;
    rg_status st = rg_bundle_text(&text, m, bs, head, "; ");
    if (text.len && (!said_label || bs->size[head] > 1))
        rg_buf_printf(b, ": %s", text.buf);
    rg_buf_free(&text);
    const char *said = rg_style_status_said(st);
    if (said)
        rg_buf_printf(b, " (%s)", said);
}

/* ---- the key's graph ---------------------------------------------------------- */

/* The key's size is the conf's (rg_text_of), and its measures are in
 * ems of it (a character: RG_CHAR_EM). */
#define NUM_EM 2.0   /* the numbers' column */
#define GAP 18.0     /* between columns, points */
#define MAX_COLUMNS 4
#define LINE_CHARS 64  /* a column's measure, when the texts are longer */
#define MIN_EM 36.0  /* a key narrower than this wraps too often */

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

static size_t chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Where each of COLS columns starts among N texts of LINES[k] lines
 * (TOTAL in all), into STARTS[0..COLS] (STARTS[COLS] = N): in order, each
 * column's lines as near as they can be to an equal share, and no column
 * empty while there are texts for it. */
static void column_starts(const size_t *lines, size_t n, size_t total, size_t cols,
                          size_t *starts)
{
    size_t k = 0, done = 0;
    starts[0] = 0;
    for (size_t col = 1; col < cols; col++) {
        /* The column before holds a text at least, then more while that
         * brings its end nearer COL shares of the lines (the first
         * columns the longer on a tie), leaving a text for each column
         * after it. */
        double target = (double)total * (double)col / (double)cols;
        if (k < n)
            done += lines[k++];
        while (k + (cols - col) < n &&
               fabs((double)(done + lines[k]) - target) <= fabs((double)done - target))
            done += lines[k++];
        starts[col] = k;
    }
    starts[cols] = n;
}

Agraph_t *rg_build_notes(const rg_model *m, const rg_conf *c, double width,
                         rg_svg_notes *notes)
{
    rg_bundles bs;
    rg_bundles_make(&bs, m, c->bundle);
    int *num;
    size_t n = rg_notes_number(m, &bs, &num);
    if (n == 0) {
        free(num);
        rg_bundles_free(&bs);
        return NULL;
    }
    /* The texts in their numbers' order, and their lengths. */
    size_t *by_num = rg_xcalloc(n, sizeof *by_num);
    size_t *lengths = rg_xcalloc(n, sizeof *lengths), widest = 0;
    for (size_t i = 0; i < m->n_ties; i++)
        if (num[i])
            by_num[num[i] - 1] = i;
    rg_buf *texts = rg_xcalloc(n, sizeof *texts);
    for (size_t k = 0; k < n; k++) {
        texts[k] = (rg_buf)RG_BUF_INIT;
        rg_notes_text(&texts[k], m, &bs, by_num[k]);
        lengths[k] = chars(texts[k].buf);
        widest = lengths[k] > widest ? lengths[k] : widest;
    }
    const rg_text_sizes *ts = rg_text_of(c);
    double char_w = RG_CHAR_EM * ts->entry, num_w = NUM_EM * ts->entry,
           min_w = MIN_EM * ts->entry;
    qsort(lengths, n, sizeof *lengths, cmp_size);
    /* As many columns as leave nine texts in ten on one line, or as give
     * lines of LINE_CHARS, a comfortable measure, when that is more (the
     * others wrap); one column wraps to the width. */
    size_t typical = lengths[(n * 9 + 9) / 10 - 1];
    free(lengths);
    double w = width > min_w ? width : min_w;
    if (typical > LINE_CHARS)
        typical = LINE_CHARS;
    double natural = (double)typical * char_w + num_w;
    double longest = (double)widest * char_w + num_w;
    size_t cols = (size_t)((w + GAP) / (natural + GAP));
    cols = cols < 1 ? 1 : cols > MAX_COLUMNS ? MAX_COLUMNS : cols;
    if (cols > n)
        cols = n;
    double colw = (w - (double)(cols - 1) * GAP) / (double)cols;
    if (colw > longest)
        colw = longest;
    size_t wrap = (size_t)((colw - num_w) / char_w);
    if (wrap < 20)
        wrap = 20;
    /* Each text wrapped, and the columns' first entries: filled down in
     * order, each column holding about as many lines as the others (not
     * as many texts: a column of long texts would run on below the
     * others, and the key's height is its longest column's). */
    rg_buf *wrapped = rg_xcalloc(n, sizeof *wrapped);
    size_t *starts = rg_xcalloc(cols + 1, sizeof *starts), total = 0;
    size_t *lines = rg_xcalloc(n, sizeof *lines);
    for (size_t k = 0; k < n; k++) {
        wrapped[k] = (rg_buf)RG_BUF_INIT;
        rg_esc_label_wrapped(&wrapped[k], texts[k].buf, wrap);
        lines[k] = 1;
        for (const char *p = wrapped[k].buf; p && (p = strstr(p, "<BR/>")); p += 5)
            lines[k]++;
        total += lines[k];
    }
    /* As few columns as give the key its least height (four texts of a
     * line each take two columns of two, not three). */
    size_t least = (size_t)-1, use = cols;
    for (size_t k = cols; k >= 1; k--) {
        column_starts(lines, n, total, k, starts);
        size_t tallest = 0;
        for (size_t col = 0; col < k; col++) {
            size_t h = 0;
            for (size_t j = starts[col]; j < starts[col + 1]; j++)
                h += lines[j];
            tallest = h > tallest ? h : tallest;
        }
        if (tallest <= least) {
            least = tallest;
            use = k;
        }
    }
    cols = use;
    column_starts(lines, n, total, cols, starts);

    const rg_theme *th = rg_theme_of(c);
    Agraph_t *g = rg_graph_open("notes");
    rg_style_defaults(g, th, c);
    rg_set(g, "rankdir", rg_direction_names.names[RG_DIR_LR]);
    rg_set(g, "nodesep", "0.02");
    rg_setf(g, "ranksep", "%.2f", GAP / 72.0);
    Agraph_t *box = agsubg(g, RG_S("cluster_notes"), 1);
    if (notes)
        rg_set(box, "id", rg_svg_note(notes, "notes", "notes", "Ties", NULL));
    /* No box: the key reads as the figure's caption. Its heading also
     * keeps the title's label, which a cluster inherits, off it. */
    rg_set(box, "peripheries", "0");
    rg_set(box, "margin", "4");
    rg_set(box, "labeljust", "l");
    rg_setf(box, "fontsize", "%g", ts->heading);
    rg_set_html(box, "label", "<B>Ties</B>");
    Agnode_t *first_prev = NULL;
    for (size_t col = 0; col < cols && starts[col] < n; col++) {
        char name[32];
        snprintf(name, sizeof name, "notes_column%zu", col);
        Agraph_t *cg = agsubg(box, name, 1);
        rg_set(cg, "rank", "same");
        Agnode_t *prev = NULL;
        for (size_t k = starts[col]; k < starts[col + 1]; k++) {
            snprintf(name, sizeof name, "ln%zu", k + 1);
            Agnode_t *e = agnode(box, name, 1);
            agsubnode(cg, e, 1);
            rg_set(e, "shape", "plaintext");
            rg_set(e, "margin", "0");
            rg_setf(e, "width", "%.3f", colw / 72.0);
            rg_set(e, "height", "0.1");
            rg_setf(e, "fontsize", "%g", ts->entry);
            rg_buf lb = RG_BUF_INIT;
            rg_buf_printf(&lb, "<TABLE BORDER=\"0\" CELLSPACING=\"0\" "
                               "CELLPADDING=\"1\"><TR><TD ALIGN=\"RIGHT\" "
                               "VALIGN=\"TOP\" WIDTH=\"%d\"><B>%zu</B></TD>"
                               "<TD ALIGN=\"LEFT\" BALIGN=\"LEFT\" WIDTH=\"%d\">%s"
                               "</TD></TR></TABLE>",
                          (int)num_w - 4, k + 1, (int)(colw - num_w), wrapped[k].buf);
            rg_set_html(e, "label", lb.buf);
            rg_buf_free(&lb);
            if (notes) {
                const rg_tie *t = &m->ties[by_num[k]];
                rg_buf id = RG_BUF_INIT, cls = RG_BUF_INIT, line = RG_BUF_INIT;
                rg_svg_tie_id(&line, m, t, -1);
                rg_buf_printf(&id, "note-%zu", k + 1);
                rg_buf_printf(&cls, "note kind-%s note-%s", m->tie_kinds[t->kind].id,
                              line.buf);
                rg_set(e, "id", rg_svg_note(notes, id.buf, cls.buf, texts[k].buf,
                                            NULL));
                rg_buf_free(&id);
                rg_buf_free(&cls);
                rg_buf_free(&line);
            }
            if (prev) {
                snprintf(name, sizeof name, "lnc%zu", k + 1);
                rg_set(agedge(box, e, prev, name, 1), "style", "invis");
            } else {
                /* Each column's first entry after the previous one's: the
                 * columns in order, left to right. */
                if (first_prev) {
                    snprintf(name, sizeof name, "lnr%zu", k + 1);
                    rg_set(agedge(box, first_prev, e, name, 1), "style", "invis");
                }
                first_prev = e;
            }
            prev = e;
        }
    }
    for (size_t k = 0; k < n; k++) {
        rg_buf_free(&texts[k]);
        rg_buf_free(&wrapped[k]);
    }
    free(texts);
    free(wrapped);
    free(lines);
    free(starts);
    free(by_num);
    free(num);
    rg_bundles_free(&bs);
    return g;
}

/* ---- the numbers on their lines ----------------------------------------------- */

/* The point of the cubic Bezier P[0..3] at T. */
static void bezier_at(const double (*p)[2], double t, double *x, double *y)
{
    double u = 1 - t;
    double a = u * u * u, b = 3 * u * u * t, c = 3 * u * t * t, d = t * t * t;
    *x = a * p[0][0] + b * p[1][0] + c * p[2][0] + d * p[3][0];
    *y = a * p[0][1] + b * p[1][1] + c * p[2][1] + d * p[3][1];
}

/* Points along the curve POS (an edge's "pos": "[e,x,y ][s,x,y ]x,y x,y
 * ...", splines separated by ';'), the fraction TRIM of each piece
 * sequence left off at either end, into PTS (room for MAX); how many. */
static size_t curve_points(const char *pos, double trim, double (*pts)[2], size_t max)
{
    size_t out = 0;
    while (*pos) {
        double pt[64][2];
        size_t n = 0;
        while (*pos && *pos != ';') {
            while (*pos == ' ')
                pos++;
            if ((pos[0] == 'e' || pos[0] == 's') && pos[1] == ',') {
                pos += strcspn(pos, " ;");
                continue;
            }
            double px, py;
            if (!rg_point_read(&pos, &px, &py))
                break;
            if (n < sizeof pt / sizeof pt[0]) {
                pt[n][0] = px;
                pt[n][1] = py;
                n++;
            }
        }
        pos += strcspn(pos, ";");
        if (*pos == ';')
            pos++;
        size_t pieces = n >= 4 ? (n - 1) / 3 : 0, steps = 16;
        for (size_t i = 0; i < pieces; i++)
            for (size_t k = 0; k <= steps; k++) {
                double t = (i * steps + k) / (double)(pieces * steps);
                if (t < trim || t > 1 - trim || out == max)
                    continue;
                bezier_at(pt + 3 * i, k / (double)steps, &pts[out][0], &pts[out][1]);
                out++;
            }
    }
    return out;
}

/* A number's box at (X, Y): DIGITS wide at SIZE points, and a margin.
 * The size is the number's own (9 points on screen, 14 on a page): a box
 * made for 9 let a line pass through the digits of a page's number. */
static rg_box number_box(double x, double y, size_t digits, double size)
{
    double w = 0.61 * size * (double)digits + 4, h = size + 3;
    return (rg_box){x - w / 2, y - h / 2, x + w / 2, y + h / 2};
}

static bool boxes_meet(const rg_box *a, const rg_box *b)
{
    return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 && b->y0 < a->y1;
}

/* The node boxes of G (its laid-out attributes), into *OUT (malloc'd,
 * the caller's); how many. */
static size_t node_boxes(Agraph_t *g, rg_box **out)
{
    size_t n = 0, cap = (size_t)agnnodes(g) + 1;
    *out = rg_xcalloc(cap, sizeof **out);
    for (Agnode_t *v = agfstnode(g); v; v = agnxtnode(g, v)) {
        const char *pos = agget(v, RG_S("pos")), *w = agget(v, RG_S("width")),
                   *h = agget(v, RG_S("height"));
        double x, y;
        if (!pos || !w || !h || sscanf(pos, "%lf,%lf", &x, &y) != 2)
            continue;
        double hw = atof(w) * 36, hh = atof(h) * 36;
        (*out)[n++] = (rg_box){x - hw, y - hh, x + hw, y + hh};
    }
    return n;
}

/* Every drawn line of G as a polyline, for the numbers to keep off. */
typedef struct line {
    Agedge_t *e;
    size_t first, n; /* its points in lines.pts */
    rg_box span;     /* their bounding box */
} line;

typedef struct lines {
    line *l;
    size_t n;
    double (*pts)[2];
} lines;

enum { MAX_POINTS = 512 };

static void lines_collect(Agraph_t *g, lines *ls)
{
    size_t cap = 0, n_pts = 0;
    *ls = (lines){0};
    double(*tmp)[2] = rg_xcalloc(MAX_POINTS, sizeof *tmp);
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
            const char *pos = agget(e, RG_S("pos"));
            size_t np = pos ? curve_points(pos, 0, tmp, MAX_POINTS) : 0;
            if (np < 2)
                continue;
            if (ls->n == cap) {
                cap = cap ? 2 * cap : 32;
                ls->l = rg_xrealloc(ls->l, cap * sizeof *ls->l);
            }
            ls->pts = rg_xrealloc(ls->pts, (n_pts + np) * sizeof *ls->pts);
            line *l = &ls->l[ls->n++];
            *l = (line){e, n_pts, np, {tmp[0][0], tmp[0][1], tmp[0][0], tmp[0][1]}};
            for (size_t i = 0; i < np; i++) {
                memcpy(ls->pts[n_pts + i], tmp[i], sizeof tmp[i]);
                l->span.x0 = fmin(l->span.x0, tmp[i][0]);
                l->span.y0 = fmin(l->span.y0, tmp[i][1]);
                l->span.x1 = fmax(l->span.x1, tmp[i][0]);
                l->span.y1 = fmax(l->span.y1, tmp[i][1]);
            }
            n_pts += np;
        }
    free(tmp);
}

/* How many lines other than E's pass through box B, counted up to one
 * more than LIMIT (more than that makes no difference to the caller). */
static size_t lines_through(const lines *ls, const Agedge_t *e, const rg_box *b,
                            size_t limit)
{
    size_t n = 0;
    for (size_t i = 0; i < ls->n && n <= limit; i++) {
        const line *l = &ls->l[i];
        if (l->e == e || !boxes_meet(&l->span, b))
            continue;
        for (size_t k = l->first; k + 1 < l->first + l->n; k++) {
            /* The score's own test (score.c), so that what the number
             * avoids here is what the score counts; a segment whose box
             * misses B's inside cannot enter it. */
            const double *p = ls->pts[k], *q = ls->pts[k + 1];
            if (fmax(p[0], q[0]) <= b->x0 || fmin(p[0], q[0]) >= b->x1 ||
                fmax(p[1], q[1]) <= b->y0 || fmin(p[1], q[1]) >= b->y1)
                continue;
            rg_box seg = {p[0], p[1], q[0], q[1]};
            if (rg_seg_enters(&seg, b)) {
                n++;
                break;
            }
        }
    }
    return n;
}

void rg_notes_onto_lines(Agraph_t *g)
{
    rg_box *nodes, *placed = NULL;
    size_t n_nodes = node_boxes(g, &nodes), n_placed = 0, cap = 0;
    lines ls;
    lines_collect(g, &ls);
    double(*pts)[2] = rg_xcalloc(MAX_POINTS, sizeof *pts);
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e)) {
            const char *lp = agget(e, RG_S("lp")), *pos = agget(e, RG_S("pos")),
                       *label = agget(e, RG_S("label"));
            double x, y;
            if (!lp || !pos || !label || sscanf(lp, "%lf,%lf", &x, &y) != 2)
                continue;
            size_t np = curve_points(pos, 0.1, pts, MAX_POINTS);
            if (np == 0)
                continue;
            /* The number's digits: the label is "<TABLE ...><TD>N</TD>...". */
            const char *td = strstr(label, "<TD>");
            size_t digits = td ? strspn(td + 4, "0123456789") : 2;
            const char *fs = agget(e, RG_S("fontsize"));
            double size = fs && sscanf(fs, "%lf", &size) == 1 && size > 0 ? size : 9;
            /* The point of the line, away from its ends, whose box meets
             * no other number, then no node, then the fewest other lines
             * (each one drawn through the digits); the nearest to where
             * dot put the number among equals. */
            size_t pick = np, pick_cross = 0;
            int pick_tier = 0;
            double pick_d = 0;
            for (size_t i = 0; i < np; i++) {
                double d = (pts[i][0] - x) * (pts[i][0] - x) +
                           (pts[i][1] - y) * (pts[i][1] - y);
                rg_box b = number_box(pts[i][0], pts[i][1], digits, size);
                bool clear_numbers = true, clear_nodes = true;
                for (size_t k = 0; k < n_placed && clear_numbers; k++)
                    clear_numbers = !boxes_meet(&b, &placed[k]);
                for (size_t k = 0; k < n_nodes && clear_nodes; k++)
                    clear_nodes = !boxes_meet(&b, &nodes[k]);
                int tier = clear_numbers && clear_nodes ? 0 : clear_numbers ? 1 : 2;
                if (pick < np && tier > pick_tier)
                    continue;
                /* Only fewer than the pick's crossings can win at its
                 * tier; at a better one, any. */
                size_t cross = lines_through(&ls, e, &b,
                                             pick < np && tier == pick_tier ? pick_cross
                                                                            : SIZE_MAX - 1);
                if (pick == np || tier < pick_tier || cross < pick_cross ||
                    (cross == pick_cross && d < pick_d)) {
                    pick = i;
                    pick_tier = tier;
                    pick_cross = cross;
                    pick_d = d;
                }
            }
            if (n_placed == cap) {
                cap = cap ? 2 * cap : 16;
                placed = rg_xrealloc(placed, cap * sizeof *placed);
            }
            placed[n_placed++] = number_box(pts[pick][0], pts[pick][1], digits, size);
            rg_setf(e, "lp", "%.2f,%.2f", pts[pick][0], pts[pick][1]);
        }
    free(pts);
    free(placed);
    free(nodes);
    free(ls.l);
    free(ls.pts);
}
