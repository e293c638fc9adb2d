/*
 * page.c - the page a drawing is put on (relgraph(1), PAGE SIZES): the
 * sizes of the named sheets and the units of a length, reading a page,
 * a margin, a dpi and a smallest font from the command line or a file
 * (one message text for both), the orientation that fits a drawing best,
 * and how Graphviz must be set for a format to draw it on the page
 * (render.c sets it). Nothing here allocates but the messages, which are
 * their caller's.
 */
#include "gv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Points per unit, index for index with rg_unit_names. */
static const double unit_points[] = {72.0, 72.0 / 2.54, 72.0 / 25.4, 1.0};
enum { UNIT_IN, UNIT_CM, UNIT_MM, UNIT_PT };
_Static_assert(sizeof unit_points / sizeof unit_points[0] == 4,
               "a size for every unit");

/* The named sheets, portrait, index for index with rg_page_names, in the
 * unit they are defined in (ISO 216 in millimetres, the US sizes in
 * inches). */
static const struct sheet {
    double w, h;
    int unit;
} sheets[] = {
    {210, 297, UNIT_MM}, {148, 210, UNIT_MM}, {297, 420, UNIT_MM},
    {8.5, 11, UNIT_IN},  {8.5, 14, UNIT_IN},  {11, 17, UNIT_IN},
};
_Static_assert(sizeof sheets / sizeof sheets[0] == 6, "a size for every page name");

/* Named sheet I in points, portrait. */
static void sheet_points(size_t i, double *w, double *h)
{
    *w = sheets[i].w * unit_points[sheets[i].unit];
    *h = sheets[i].h * unit_points[sheets[i].unit];
}

/* A side of a sheet: at most PDF's largest page, 200 inches. */
#define MAX_SIDE (200.0 * 72.0)

/* ---- reading -------------------------------------------------------------- */

/* S (N bytes) for a message: control characters escaped, cut when long. */
static void quoted(rg_buf *b, const char *s, size_t n)
{
    rg_buf_putc(b, '\'');
    rg_esc_terminal(b, s, n, 60);
    rg_buf_putc(b, '\'');
}

static void units(rg_buf *b)
{
    rg_buf_puts(b, "(");
    rg_names_join(b, &rg_unit_names, ", ");
    rg_buf_puts(b, ")");
}

typedef enum length_status {
    LENGTH_OK, LENGTH_NOT_NUMBER, LENGTH_NO_UNIT, LENGTH_BAD_UNIT
} length_status;

/* N bytes at S as a length, DIGITS[.DIGITS] and a unit of rg_unit_names,
 * into *PT (points); *UNIT_AT is where the unit starts. */
static length_status length(const char *s, size_t n, double *pt, size_t *unit_at)
{
    size_t i = 0, digits = 0;
    double v = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && digits < 12)
        v = v * 10 + (s[i++] - '0'), digits++;
    if (i < n && s[i] == '.') {
        double f = 0.1;
        for (i++; i < n && s[i] >= '0' && s[i] <= '9' && digits < 24; i++, digits++)
            v += (s[i] - '0') * f, f /= 10;
    }
    *unit_at = i;
    if (digits == 0 || (i < n && s[i] >= '0' && s[i] <= '9'))
        return LENGTH_NOT_NUMBER;
    if (i == n)
        return LENGTH_NO_UNIT;
    for (size_t u = 0; u < rg_unit_names.n; u++) {
        if (strlen(rg_unit_names.names[u]) == n - i &&
            memcmp(s + i, rg_unit_names.names[u], n - i) == 0) {
            *pt = v * unit_points[u];
            return LENGTH_OK;
        }
    }
    return LENGTH_BAD_UNIT;
}

/* "the width '16' needs a unit (in, cm, mm, pt)", for a side of a sheet
 * (WHAT) in error, or nothing when it is a length that may be one. */
static bool side_problem(rg_buf *b, const char *what, const char *s, size_t n,
                         double *pt)
{
    size_t at;
    length_status st = length(s, n, pt, &at);
    if (st == LENGTH_OK && *pt > 0 && *pt <= MAX_SIDE)
        return false;
    rg_buf_printf(b, "the %s ", what);
    quoted(b, s, n);
    if (st == LENGTH_NOT_NUMBER) {
        rg_buf_puts(b, " is not a number with a unit ");
        units(b);
    } else if (st == LENGTH_NO_UNIT) {
        rg_buf_puts(b, " needs a unit ");
        units(b);
    } else if (st == LENGTH_BAD_UNIT) {
        rg_buf_puts(b, " has an unknown unit ");
        quoted(b, s + at, n - at);
        rg_buf_putc(b, ' ');
        units(b);
    } else if (*pt <= 0) {
        rg_buf_puts(b, " must be more than 0");
    } else {
        rg_buf_puts(b, " is over 200in, the largest page a PDF can have");
    }
    return true;
}

/* The general message for a page that is neither a name nor WxH. */
static void page_expected(rg_buf *b)
{
    rg_buf_puts(b, "expected one of: ");
    rg_names_join(b, &rg_page_names, ", ");
    rg_buf_puts(b, ", or WxH with a unit on each side ");
    units(b);
    rg_buf_puts(b, ", such as 16cmx10cm");
}

char *rg_page_parse(const char *s, double *w, double *h)
{
    size_t n = strlen(s);
    /* Names in any case: people write a4 and Letter. */
    for (size_t i = 0; i < rg_page_names.n; i++) {
        if (strcasecmp(s, rg_page_names.names[i]) == 0) {
            sheet_points(i, w, h);
            return NULL;
        }
    }
    rg_buf b = RG_BUF_INIT;
    rg_buf_puts(&b, "invalid page ");
    quoted(&b, s, n);
    /* WxH, split at the 'x' after a width that reads, else before a
     * height's number ("16pxx10cm": the width is "16px"). */
    const char *x = NULL;
    for (const char *p = strchr(s, 'x'); p && !x; p = strchr(p + 1, 'x')) {
        double pt;
        size_t at;
        if (length(s, (size_t)(p - s), &pt, &at) == LENGTH_OK)
            x = p;
    }
    for (const char *p = strchr(s, 'x'); p && !x; p = strchr(p + 1, 'x'))
        if ((p[1] >= '0' && p[1] <= '9') || p[1] == '.')
            x = p;
    if (!x)
        x = strchr(s, 'x');
    if (x && x > s && x[1]) {
        rg_buf_puts(&b, ": ");
        if (!side_problem(&b, "width", s, (size_t)(x - s), w) &&
            !side_problem(&b, "height", x + 1, strlen(x + 1), h)) {
            rg_buf_free(&b);
            return NULL;
        }
        return rg_buf_detach(&b, NULL);
    }
    const char *guess = rg_suggest(s, rg_page_names.names, rg_page_names.n);
    if (guess && !x) {
        rg_buf_printf(&b, "; did you mean '%s'?", guess);
    } else {
        rg_buf_puts(&b, "; ");
        page_expected(&b);
    }
    return rg_buf_detach(&b, NULL);
}

char *rg_margin_parse(const char *s, double *pt)
{
    size_t n = strlen(s), at;
    if (strcmp(s, "0") == 0) {
        *pt = 0;
        return NULL;
    }
    length_status st = length(s, n, pt, &at);
    if (st == LENGTH_OK && *pt <= MAX_SIDE / 2)
        return NULL;
    rg_buf b = RG_BUF_INIT;
    rg_buf_puts(&b, "invalid margin ");
    quoted(&b, s, n);
    if (st == LENGTH_NO_UNIT) {
        rg_buf_puts(&b, ": a length needs a unit ");
        units(&b);
        rg_buf_puts(&b, ", such as 1cm");
    } else if (st == LENGTH_BAD_UNIT) {
        rg_buf_puts(&b, ": unknown unit ");
        quoted(&b, s + at, n - at);
        rg_buf_putc(&b, ' ');
        units(&b);
    } else if (st == LENGTH_OK) {
        rg_buf_puts(&b, ": over 100in, half the largest page a PDF can have");
    } else {
        rg_buf_puts(&b, "; expected a length of 0 or more with its unit ");
        units(&b);
        rg_buf_puts(&b, ", such as 1cm");
    }
    return rg_buf_detach(&b, NULL);
}

/* The whole of S as a decimal number, DIGITS[.DIGITS] (DIGITS alone
 * without FRACTION), into *OUT. */
static bool number(const char *s, bool fraction, double *out)
{
    size_t n = strlen(s), at;
    double pt;
    /* length() reads it, given points for the unit it needs. */
    if (n == 0 || n > 24)
        return false;
    char buf[32];
    memcpy(buf, s, n);
    memcpy(buf + n, "pt", 3);
    if (length(buf, n + 2, &pt, &at) != LENGTH_OK || at != n)
        return false;
    if (!fraction && strchr(s, '.'))
        return false;
    *out = pt;
    return true;
}

bool rg_dpi_parse(const char *s, double *dpi)
{
    double v;
    if (!number(s, false, &v) || v < RG_DPI_MIN || v > RG_DPI_MAX)
        return false;
    *dpi = v;
    return true;
}

bool rg_min_font_parse(const char *s, double *pt)
{
    double v;
    if (!number(s, true, &v) || v < RG_MIN_FONT_MIN || v > RG_MIN_FONT_MAX)
        return false;
    *pt = v;
    return true;
}

/* The unit a sheet of W x H points is known by: inches for those named
 * in inches, else centimetres. */
static int sheet_unit(double w, double h)
{
    for (size_t i = 0; i < sizeof sheets / sizeof sheets[0]; i++) {
        double sw, sh;
        sheet_points(i, &sw, &sh);
        if (sheets[i].unit == UNIT_IN && ((w == sw && h == sh) || (w == sh && h == sw)))
            return UNIT_IN;
    }
    return UNIT_CM;
}

char *rg_page_room(double w, double h, double margin)
{
    if (2 * margin < (w < h ? w : h))
        return NULL;
    int unit = sheet_unit(w, h);
    double u = unit_points[unit];
    const char *name = rg_unit_names.names[unit];
    rg_buf b = RG_BUF_INIT;
    rg_buf_printf(&b, "a margin of %.4g%s on each side leaves no room on a page of "
                  "%.4g x %.4g%s", margin / u, name, w / u, h / u, name);
    return rg_buf_detach(&b, NULL);
}

/* ---- the page of a drawing ----------------------------------------------- */

void rg_page_sheet(const rg_page *p, double *w, double *h)
{
    double lo = p->sheet_w < p->sheet_h ? p->sheet_w : p->sheet_h;
    double hi = p->sheet_w < p->sheet_h ? p->sheet_h : p->sheet_w;
    *w = p->landscape ? hi : lo;
    *h = p->landscape ? lo : hi;
}

/* C's printable area, as its page is turned now. */
static void set_area(rg_conf *c)
{
    if (!(c->page.sheet_w > 0)) {
        c->page_w = c->page_h = 0;
        return;
    }
    rg_page_sheet(&c->page, &c->page_w, &c->page_h);
    c->page_w -= 2 * c->page.margin;
    c->page_h -= 2 * c->page.margin;
}

void rg_page_resolve(rg_conf *c, const rg_model *m, const rg_options *opt)
{
    const rg_render_conf *r = &m->render;
    rg_page *p = &c->page;
    bool given = opt && opt->page_w > 0;
    p->sheet_w = given ? opt->page_w : r->page_w;
    p->sheet_h = given ? opt->page_h : r->page_h;
    p->margin = opt && opt->margin_set ? opt->margin
              : r->margin_set ? r->margin : RG_DEFAULT_MARGIN;
    int o = opt && opt->orientation ? rg_name_find(&rg_orientation_names, opt->orientation)
                                    : r->orientation;
    p->orientation = o < 0 ? RG_ORIENT_AUTO : o;
    /* Without a page, a PNG keeps Graphviz's 96 dpi unless asked. */
    p->dpi = opt && opt->dpi > 0 ? opt->dpi : r->dpi > 0 ? r->dpi
           : p->sheet_w > 0 ? RG_DEFAULT_DPI : 0;
    c->min_font = opt && opt->min_font > 0 ? opt->min_font
                : r->min_font > 0 ? r->min_font : RG_DEFAULT_MIN_FONT;
    p->landscape = p->orientation == RG_ORIENT_LANDSCAPE;
    set_area(c);
    /* A page's texts are all one size (rg_text_of): a drawing that would
     * fit larger prints them at the largest size a report's body has. */
    double most = c->min_font > RG_PAGE_TEXT_MAX ? c->min_font : RG_PAGE_TEXT_MAX;
    double size = rg_text_of(c)->name;
    p->max_scale = p->sheet_w > 0 && most < size ? most / size : 1;
}

bool rg_page_fits(const rg_model *m, const rg_options *opt, rg_diags *d)
{
    rg_conf c;
    memset(&c, 0, sizeof c);
    rg_page_resolve(&c, m, opt);
    if (!(c.page.sheet_w > 0))
        return true;
    char *why = rg_page_room(c.page.sheet_w, c.page.sheet_h, c.page.margin);
    if (why)
        rg_error_nomark(d, "%s", why);
    free(why);
    return !why;
}

double rg_page_scale(double aw, double ah, double w, double h, double max_scale)
{
    w += 2 * RG_PAGE_BLEED;
    h += 2 * RG_PAGE_BLEED;
    double s = max_scale > 0 ? max_scale : 1; /* scaled down only */
    if (aw / w < s)
        s = aw / w;
    if (ah / h < s)
        s = ah / h;
    return s;
}

void rg_page_orient(rg_conf *c, double draw_w, double draw_h)
{
    if (!(c->page.sheet_w > 0) || c->page.orientation != RG_ORIENT_AUTO)
        return;
    c->page.landscape = false;
    set_area(c);
    /* The orientation in which the drawing is drawn the largest, as it
     * is drawn (never scaled up): a report's pages are portrait, turned
     * only for a drawing that gains by it. The area turned is the same
     * area with its sides swapped. */
    double top = c->page.max_scale;
    double portrait = rg_page_scale(c->page_w, c->page_h, draw_w, draw_h, top);
    double landscape = rg_page_scale(c->page_h, c->page_w, draw_w, draw_h, top);
    c->page.landscape = landscape > portrait;
    set_area(c);
}

void rg_page_fit(const rg_page *p, bool sheet, double draw_w, double draw_h,
                 rg_page_canvas *out)
{
    double sw, sh;
    rg_page_sheet(p, &sw, &sh);
    double aw = sw - 2 * p->margin, ah = sh - 2 * p->margin;
    out->scale = rg_page_scale(aw, ah, draw_w, draw_h, p->max_scale);
    out->w = sheet ? sw : aw;
    out->h = sheet ? sh : ah;
    /* Centred: what the canvas has beyond the drawing, before scaling,
     * half on each side (at least RG_PAGE_BLEED). */
    double px = (out->w / out->scale - draw_w) / 2;
    double py = (out->h / out->scale - draw_h) / 2;
    out->pad_x = px > 0 ? px : 0;
    out->pad_y = py > 0 ? py : 0;
}

/* ---- when the drawing does not fit ------------------------------------------- */

/* The sheet a reader knows C's page by: its name, or its size. */
static void sheet_name(rg_buf *b, const rg_page *p)
{
    for (size_t i = 0; i < sizeof sheets / sizeof sheets[0]; i++) {
        double sw, sh;
        sheet_points(i, &sw, &sh);
        if ((fabs(p->sheet_w - sw) < 0.01 && fabs(p->sheet_h - sh) < 0.01) ||
            (fabs(p->sheet_w - sh) < 0.01 && fabs(p->sheet_h - sw) < 0.01)) {
            rg_buf_puts(b, rg_page_names.names[i]);
            return;
        }
    }
    rg_buf_printf(b, "a page of %.0f x %.0f pt", p->sheet_w, p->sheet_h);
}

void rg_page_warn_unfit(const rg_conf *c, const rg_score *s, rg_diags *d)
{
    if (!(c->page_w > 0) || (s->text_min >= c->min_font && s->overlaps == 0))
        return;
    rg_buf b = RG_BUF_INIT;
    rg_buf_puts(&b, "the drawing does not fit ");
    sheet_name(&b, &c->page);
    rg_buf_puts(&b, ": ");
    if (s->overlaps)
        rg_buf_printf(&b, "%zu pair%s of texts overlap%s; ", s->overlaps,
                      s->overlaps == 1 ? "" : "s", s->overlaps == 1 ? "s" : "");
    rg_buf_printf(&b, "its smallest text is %.1f pt on the page (--min-font %g)",
                  s->text_min, c->min_font);
    /* The sheet the drawing's text would be large enough on, at this
     * margin: the smallest named one, either way round. */
    double need = s->font_min > 0 ? c->min_font / s->font_min : 1;
    double w = s->width * need + 2 * c->page.margin;
    double h = s->height * need + 2 * c->page.margin;
    const char *fits = NULL;
    double area = 0;
    for (size_t i = 0; i < sizeof sheets / sizeof sheets[0]; i++) {
        double sw, sh;
        sheet_points(i, &sw, &sh);
        if (((sw >= w && sh >= h) || (sw >= h && sh >= w)) && (!fits || sw * sh < area)) {
            fits = rg_page_names.names[i];
            area = sw * sh;
        }
    }
    if (s->text_min < c->min_font) {
        if (fits)
            rg_buf_printf(&b, "; it would fit %s", fits);
        else
            rg_buf_printf(&b, "; it needs a page of %.0f x %.0f pt", w, h);
    }
    rg_buf_puts(&b, ", or fewer actors and ties (--focus, --kinds, --as-of)");
    rg_warning_nomark(d, "%s", b.buf);
    rg_buf_free(&b);
}
