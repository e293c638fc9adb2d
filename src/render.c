/*
 * render.c - a laid-out diagram into any of its formats, in memory: the
 * Graphviz device for each format, the SVG's evidence (svg.c), the HTML
 * page around that SVG (html.c), a PDF without the time of the run, and a
 * PNG only within its pixel budget. Markdown, GraphML and GEXF are not
 * drawn: markdown.c and network.c write them from the model.
 */
#include "gv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The Graphviz device of each format of rg_format_names; NULL: not drawn
 * by Graphviz. */
static const char *const devices[] = {
    [RG_FORMAT_SVG] = "svg",       [RG_FORMAT_PNG] = "png:cairo",
    [RG_FORMAT_PDF] = "pdf:cairo", [RG_FORMAT_DOT] = "dot",
    [RG_FORMAT_GV] = "dot",        [RG_FORMAT_JSON] = "json",
    [RG_FORMAT_MD] = NULL,         [RG_FORMAT_HTML] = "svg",
    [RG_FORMAT_GRAPHML] = NULL,    [RG_FORMAT_GEXF] = NULL,
};

bool rg_format_known(const char *format)
{
    return rg_name_find(&rg_format_names, format) >= 0;
}

bool rg_format_cairo(const char *format)
{
    int f = rg_name_find(&rg_format_names, format);
    return f >= 0 && (size_t)f < sizeof devices / sizeof devices[0] && devices[f] &&
           strstr(devices[f], ":cairo");
}

const char *rg_format_from_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return NULL;
    int i = rg_name_find(&rg_format_names, dot + 1);
    return i < 0 ? NULL : rg_format_names.names[i];
}

const char *rg_graphviz_version(void)
{
    return PACKAGE_VERSION;
}

/* cairo 1.16 writes the time of the run into a PDF's Info dictionary
 * (/CreationDate (D:20070528120000Z)), and ignores SOURCE_DATE_EPOCH: so
 * that the same input gives the same bytes, the entry is blanked out with
 * spaces, which keeps every offset of the cross-reference table right. */
static void pdf_drop_dates(char *pdf, size_t len)
{
    static const char *const keys[] = {"/CreationDate (", "/ModDate ("};
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        size_t klen = strlen(keys[k]);
        char *p = NULL;
        for (char *q = pdf; !p && len - (size_t)(q - pdf) >= klen; q++) {
            q = memchr(q, '/', len - (size_t)(q - pdf) - klen + 1);
            if (!q)
                break;
            if (memcmp(q, keys[k], klen) == 0)
                p = q;
        }
        if (!p)
            continue;
        size_t left = len - (size_t)(p - pdf);
        char *end = memchr(p + klen, ')', left - klen < 64 ? left - klen : 64);
        if (end)
            memset(p, ' ', (size_t)(end - p) + 1);
    }
}

/* A PNG is a bitmap of the whole drawing, which cairo allocates at once
 * (4 bytes a pixel): beyond this budget, the vector formats are the ones
 * to use. */
#define RG_PNG_MAX_MEGAPIXELS 100
/* Graphviz shrinks a bitmap with a side this long or longer to fit cairo,
 * and says so (a warning). */
#define RG_CAIRO_MAX_SIDE 32767.0

/* POINTS at DPI, rounded (no libm: not linked on its own). */
static double to_pixels(double points, double dpi)
{
    double px = points * dpi / 72;
    return px >= 0 && px < 1e15 ? (double)(long long)(px + 0.5) : px;
}

/* True if DG's PNG fits the budget, else false with the error in D. Its
 * size as Graphviz's cairo renderer works it out: the laid-out box
 * (GD_bb; the "bb" attribute gvLayout writes is rounded to points) and
 * the pad on each side, or the page's printable area, at the dpi (96,
 * Graphviz's, unless asked), shrunk to fit cairo if need be. */
static bool png_fits(rg_diagram *dg, rg_diags *d)
{
    Agraph_t *g = dg->g;
    double padx = 4.0 / 72, pady; /* inches; Graphviz's default pad */
    const char *pad = agget(g, RG_S("pad"));
    int npad = pad && *pad ? sscanf(pad, "%lf,%lf", &padx, &pady) : 0;
    if (npad < 2)
        pady = padx;
    boxf bb = rg_gv_bb(g);
    double dpi = dg->page.dpi > 0 ? dg->page.dpi : 96;
    double w = to_pixels(bb.UR.x - bb.LL.x + 144 * padx, dpi);
    double h = to_pixels(bb.UR.y - bb.LL.y + 144 * pady, dpi);
    if (dg->page.sheet_w > 0) {
        rg_page_canvas cv;
        rg_page_fit(&dg->page, false, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y, &cv);
        w = to_pixels(cv.w, dpi);
        h = to_pixels(cv.h, dpi);
    }
    if (w >= RG_CAIRO_MAX_SIDE || h >= RG_CAIRO_MAX_SIDE) {
        double sw = RG_CAIRO_MAX_SIDE / w, sh = RG_CAIRO_MAX_SIDE / h;
        double scale = sw < sh ? sw : sh;
        w = (double)(long long)(w * scale);
        h = (double)(long long)(h * scale);
    }
    if (w * h > RG_PNG_MAX_MEGAPIXELS * 1e6) {
        rg_error_nomark(d, "the PNG would be %.0f x %.0f pixels, over the limit of "
                        "%d megapixels; use SVG or PDF%s", w, h, RG_PNG_MAX_MEGAPIXELS,
                        dg->page.dpi > 0 ? ", or a lower dpi" : "");
        return false;
    }
    /* Graphviz 2.43's cairo plugin, when the bitmap cannot be allocated,
     * draws on the context it failed to make and crashes: the memory is
     * asked for first (and given back at once), with a quarter more for
     * the encoded PNG and the rest of the render. */
    if (!(w > 0 && h > 0))
        return true;
    size_t bytes = (size_t)(w * h) * 4;
    void *probe = malloc(bytes + bytes / 4);
    if (!probe) {
        rg_error_nomark(d, "not enough memory for the PNG's bitmap of %.0f x %.0f "
                        "pixels (%zu MiB); use SVG or PDF", w, h, bytes >> 20);
        return false;
    }
    free(probe);
    return true;
}

/* What a render of a page changes in the graph, to put back after it:
 * the canvas as the layout left it, and the pad and margin attributes. */
typedef struct canvas_state {
    bool set, paged;
    double w, h, dpi;
    char *pad, *margin; /* paged: malloc'd copies; NULL: not declared */
} canvas_state;

static char *attr_copy(Agraph_t *g, const char *name)
{
    const char *v = agget(g, RG_S(name));
    return v ? rg_xstrdup(v) : NULL;
}

/* Set DG's graph for a render in format F: with a page, the canvas is
 * the page (a PDF's the whole sheet, the others' the printable area),
 * Graphviz's size scaling the drawing down to fit inside the margins and
 * the pad centring it; a PNG at the page's dpi. Without a page and a dpi,
 * nothing changes. */
static void canvas_begin(rg_diagram *dg, int f, canvas_state *st)
{
    Agraph_t *g = dg->g;
    bool paged = dg->page.sheet_w > 0 &&
                 (f == RG_FORMAT_SVG || f == RG_FORMAT_HTML || f == RG_FORMAT_PNG ||
                  f == RG_FORMAT_PDF);
    bool dpi = f == RG_FORMAT_PNG && dg->page.dpi > 0;
    st->set = paged || dpi;
    st->paged = paged;
    if (!st->set)
        return;
    rg_gv_canvas_get(g, &st->w, &st->h, &st->dpi);
    double w = st->w, h = st->h;
    if (paged) {
        st->pad = attr_copy(g, "pad");
        st->margin = attr_copy(g, "margin");
        boxf bb = rg_gv_bb(g);
        rg_page_canvas cv;
        rg_page_fit(&dg->page, f == RG_FORMAT_PDF, bb.UR.x - bb.LL.x,
                    bb.UR.y - bb.LL.y, &cv);
        w = cv.w;
        h = cv.h;
        rg_setf(g, "pad", "%.9f,%.9f", cv.pad_x / 72, cv.pad_y / 72);
        /* cairo's PDF has a margin of its own (36 points). */
        rg_set(g, "margin", "0");
    }
    rg_gv_canvas_set(g, w, h, dpi ? dg->page.dpi : st->dpi);
}

static void canvas_end(rg_diagram *dg, canvas_state *st)
{
    if (!st->set)
        return;
    rg_gv_canvas_set(dg->g, st->w, st->h, st->dpi);
    if (st->paged) {
        rg_set(dg->g, "pad", st->pad ? st->pad : "");
        rg_set(dg->g, "margin", st->margin ? st->margin : "");
        free(st->pad);
        free(st->margin);
    }
    st->set = false;
}

/* Graphviz's rendering of DG in DEVICE: its own buffer (free it with
 * gvFreeRenderData), or NULL after an error in D. */
static char *gv_render(rg_diagram *dg, const char *device, const char *format,
                       rg_gvlen *n, rg_diags *d)
{
    canvas_state st;
    canvas_begin(dg, rg_name_find(&rg_format_names, format), &st);
    rg_gvmsg_begin(d);
    char *data = NULL;
    *n = 0;
    int rc = gvRenderData(dg->gvc, dg->g, device, &data, n);
    bool graphviz_error = rg_gvmsg_end();
    canvas_end(dg, &st);
    if (rc != 0 || graphviz_error || !data) {
        if (data)
            gvFreeRenderData(data);
        if (!graphviz_error)
            rg_error_nomark(d, "rendering %s failed", format);
        return NULL;
    }
    return data;
}

/* DG's finished SVG, with svg.c's evidence, kept in DG. */
static bool render_svg(rg_diagram *dg, rg_diags *d)
{
    rg_gvlen n;
    char *data = gv_render(dg, devices[RG_FORMAT_SVG], "svg", &n, d);
    if (!data)
        return false;
    if (dg->page.sheet_w > 0) {
        boxf bb = rg_gv_bb(dg->g);
        rg_page_canvas cv;
        rg_page_fit(&dg->page, false, bb.UR.x - bb.LL.x, bb.UR.y - bb.LL.y, &cv);
        dg->notes->page_w = cv.w;
        dg->notes->page_h = cv.h;
        dg->notes->view_w = bb.UR.x - bb.LL.x + 2 * cv.pad_x;
        dg->notes->view_h = bb.UR.y - bb.LL.y + 2 * cv.pad_y;
    }
    dg->svg = rg_svg_finish(data, n, dg->notes, &dg->svg_len);
    gvFreeRenderData(data);
    return true;
}

bool rg_diagram_render(rg_diagram *dg, const char *format, char **out,
                       size_t *len, rg_diags *d)
{
    int f = rg_name_find(&rg_format_names, format);
    const char *device = f < 0 ? NULL : devices[f];
    if (!device) {
        rg_error_nomark(d, "unknown output format '%s'", format);
        return false;
    }
    if (f == RG_FORMAT_PNG && !png_fits(dg, d))
        return false;
    /* The SVG and the page drawn from it are rendered once a diagram. */
    bool svg = f == RG_FORMAT_SVG || f == RG_FORMAT_HTML;
    if (svg && !dg->svg && !render_svg(dg, d))
        return false;
    if (svg) {
        if (f == RG_FORMAT_HTML) {
            *out = rg_html_page(dg->svg, dg->svg_len, dg->model, dg->theme, len);
        } else {
            *out = rg_xmalloc(dg->svg_len + 1);
            memcpy(*out, dg->svg, dg->svg_len + 1);
            *len = dg->svg_len;
        }
        return true;
    }
    rg_gvlen n;
    char *data = gv_render(dg, device, format, &n, d);
    if (!data)
        return false;
    /* Graphviz's buffer is freed by Graphviz: hand the caller its own. */
    *out = rg_xmalloc((size_t)n + 1);
    memcpy(*out, data, n);
    (*out)[n] = '\0';
    *len = n;
    if (f == RG_FORMAT_PDF)
        pdf_drop_dates(*out, *len);
    gvFreeRenderData(data);
    return true;
}
