/*
 * render.c - one layout, then any number of renders from memory.
 *
 * The graph is laid out once with its engine, in a child process: a
 * layout that runs too long is killed (--timeout), and a layout engine
 * that crashes (Graphviz 2.42's dot frees memory twice after flat edge
 * labels in clusters) costs the run, not the process. The child sends
 * back only what the layout wrote into the graph's attributes (positions,
 * boxes), which the parent writes into its own copy. The legend is laid out on its own with
 * dot and placed beside the drawing, and the two are joined with
 * Graphviz's "nop2" engine, which keeps every position it is given: so the
 * legend never overlaps the graph, whatever the engine.
 *
 * Graphviz's own messages are captured (agseterrf) and reported through
 * the caller's rg_diags. The rg_diagram owns its graph; the GVC_t is
 * shared by all diagrams (see shared_context).
 */
#include "gv.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <graphviz/graphviz_version.h>

/* gvRenderData's length became size_t in Graphviz 3. */
#if defined(GRAPHVIZ_VERSION_MAJOR) && GRAPHVIZ_VERSION_MAJOR >= 3
typedef size_t rg_gvlen;
#else
typedef unsigned int rg_gvlen;
#endif

struct rg_diagram {
    GVC_t *gvc;           /* shared, not owned */
    Agraph_t *g;          /* owned */
    rg_svg_notes *notes;  /* owned: what svg.c adds to the SVG */
};

/* ---- formats ------------------------------------------------------------ */

static const struct {
    const char *name;      /* -T name and file extension */
    const char *gv_format; /* Graphviz device */
} formats[] = {
    {"svg", "svg"},        {"png", "png:cairo"}, {"pdf", "pdf:cairo"},
    {"dot", "dot"},        {"gv", "dot"},        {"json", "json"},
};

static const char *gv_format(const char *name)
{
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(formats[i].name, name) == 0)
            return formats[i].gv_format;
    return NULL;
}

bool rg_format_known(const char *format)
{
    return gv_format(format) != NULL || strcmp(format, "md") == 0;
}

const char *rg_format_from_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return NULL;
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(dot + 1, formats[i].name) == 0)
            return formats[i].name;
    if (strcmp(dot + 1, "md") == 0)
        return "md";
    return NULL;
}

const char *rg_graphviz_version(void)
{
    return PACKAGE_VERSION;
}

/* ---- Graphviz's messages -------------------------------------------------- */

/* agseterrf takes no user data: the diagnostics of the run in progress. */
static rg_diags *capture_diags;
static rg_buf capture_text;
static agusererrf capture_prev;
/* Some plugins print to stderr themselves (cairo's "graph is too large for
 * cairo-renderer bitmaps"): fd 2 goes to a temporary file meanwhile, and
 * the layout child, forked inside, inherits it. */
static FILE *capture_stderr;
static int capture_saved_fd = -1;

static int capture(char *msg)
{
    rg_buf_puts(&capture_text, msg);
    return 0;
}

static void capture_begin(rg_diags *d)
{
    capture_diags = d;
    capture_text.len = 0;
    capture_prev = agseterrf(capture);
    agseterr(AGWARN);
    agreseterrors();
    fflush(stderr);
    capture_stderr = tmpfile();
    capture_saved_fd = capture_stderr ? dup(2) : -1;
    if (capture_saved_fd < 0 || dup2(fileno(capture_stderr), 2) < 0) {
        if (capture_saved_fd >= 0)
            close(capture_saved_fd);
        capture_saved_fd = -1;
        if (capture_stderr)
            fclose(capture_stderr);
        capture_stderr = NULL;
    }
}

/* Where the capture of fd 2 stands, and forgetting what was written to it
 * since: a layout's first try, which the second makes moot. */
static off_t capture_mark(void)
{
    fflush(stderr);
    return capture_stderr ? lseek(fileno(capture_stderr), 0, SEEK_END) : -1;
}

static void capture_forget(off_t mark)
{
    fflush(stderr);
    if (capture_stderr && mark >= 0 && ftruncate(fileno(capture_stderr), mark) == 0)
        lseek(fileno(capture_stderr), mark, SEEK_SET);
}

/* Restore fd 2; what was written to it joins Graphviz's messages. */
static void capture_stderr_end(void)
{
    if (!capture_stderr)
        return;
    fflush(stderr);
    dup2(capture_saved_fd, 2);
    close(capture_saved_fd);
    capture_saved_fd = -1;
    rewind(capture_stderr);
    char chunk[4096];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, capture_stderr)) > 0)
        rg_buf_add(&capture_text, chunk, n);
    fclose(capture_stderr);
    capture_stderr = NULL;
}

/* One line of Graphviz's messages: its text without the "(null): " that
 * plugins printing themselves put first (a library caller sets no command
 * name) nor the "Error: " or "Warning: " prefix; *IS_ERROR says which. */
static const char *graphviz_line(const char *s, bool *is_error)
{
    if (strncmp(s, "(null): ", 8) == 0)
        s += 8;
    *is_error = strncmp(s, "Error: ", 7) == 0;
    return *is_error                          ? s + 7
           : strncmp(s, "Warning: ", 9) == 0 ? s + 9
                                             : s;
}

/* Report Graphviz's messages in TEXT, a line at a time; true if one of
 * them is an error. TEXT is modified. */
static bool report_graphviz(char *s, rg_diags *d)
{
    bool error = false;
    while (s && *s) {
        char *nl = strchr(s, '\n');
        if (nl)
            *nl = '\0';
        bool is_error;
        const char *text = graphviz_line(s, &is_error);
        if (*text) {
            if (is_error)
                rg_error_nomark(d, "graphviz: %s", text);
            else
                rg_warning_nomark(d, "graphviz: %s", text);
        }
        error |= is_error;
        if (!nl)
            break;
        s = nl + 1;
    }
    return error;
}

/* Stop capturing; true if Graphviz reported an error. */
static bool capture_end(void)
{
    capture_stderr_end();
    bool error = report_graphviz(capture_text.buf, capture_diags);
    /* Empty, not just zero length: the next capture_end would report the
     * stale text again. */
    capture_text.len = 0;
    if (capture_text.buf)
        capture_text.buf[0] = '\0';
    agseterrf(capture_prev);
    capture_diags = NULL;
    return error || agerrors() >= AGERR;
}

/* ---- joining the legend to the drawing ----------------------------------- */

typedef struct rg_rect {
    double x1, y1, x2, y2;
} rg_rect;

static bool get_bb(void *obj, rg_rect *b)
{
    char *s = agget(obj, RG_S("bb"));
    return s && sscanf(s, "%lf,%lf,%lf,%lf", &b->x1, &b->y1, &b->x2, &b->y2) == 4;
}

/* Shift every point of a pos/lp/bb value: "x,y", "e,x,y s,x,y x,y ...",
 * splines separated by ';'. */
static void shift_points(rg_buf *out, const char *s, double dx, double dy)
{
    out->len = 0;
    rg_buf_puts(out, "");
    while (*s) {
        if (*s == ' ' || *s == ';') {
            rg_buf_putc(out, *s++);
            continue;
        }
        if ((s[0] == 'e' || s[0] == 's') && s[1] == ',') {
            rg_buf_add(out, s, 2);
            s += 2;
        }
        double x, y;
        int used = 0;
        if (sscanf(s, "%lf,%lf%n", &x, &y, &used) == 2 && used > 0) {
            rg_buf_printf(out, "%.2f,%.2f", x + dx, y + dy);
            s += used;
            /* bb has a second pair */
            if (*s == ',' && sscanf(s + 1, "%lf,%lf%n", &x, &y, &used) == 2) {
                rg_buf_printf(out, ",%.2f,%.2f", x + dx, y + dy);
                s += 1 + used;
            }
        } else {
            rg_buf_putc(out, *s++);
        }
    }
}

/* Copy every attribute of SRC (a node, edge or graph of the legend) to
 * DST, shifting positions. */
static void copy_attrs(Agraph_t *from, int kind, void *src, void *dst,
                       double dx, double dy)
{
    rg_buf moved = {0};
    for (Agsym_t *sym = agnxtattr(from, kind, NULL); sym;
         sym = agnxtattr(from, kind, sym)) {
        char *val = agxget(src, sym);
        if (!val || (!*val && !*sym->defval))
            continue;
        if (strcmp(sym->name, "pos") == 0 || strcmp(sym->name, "lp") == 0 ||
            strcmp(sym->name, "bb") == 0) {
            shift_points(&moved, val, dx, dy);
            agsafeset(dst, sym->name, moved.buf, RG_S(""));
        } else if (aghtmlstr(val)) {
            rg_set_html(dst, sym->name, val);
        } else {
            agsafeset(dst, sym->name, val, RG_S(""));
        }
    }
    free(moved.buf);
}

static void copy_subgraphs(Agraph_t *lg, Agraph_t *from, Agraph_t *to,
                           double dx, double dy)
{
    for (Agraph_t *sg = agfstsubg(from); sg; sg = agnxtsubg(sg)) {
        Agraph_t *copy = agsubg(to, agnameof(sg), 1);
        copy_attrs(lg, AGRAPH, sg, copy, dx, dy);
        for (Agnode_t *n = agfstnode(sg); n; n = agnxtnode(sg, n))
            agsubnode(copy, agnode(agroot(to), agnameof(n), 0), 1);
        copy_subgraphs(lg, sg, copy, dx, dy);
    }
}

/* G carries its layout in its attributes (pos, bb, lp): place the legend
 * beside it. The caller then lays the whole out with nop2. */
static bool join_legend(GVC_t *gvc, Agraph_t *g, Agraph_t *lg)
{
    char *data = NULL;
    rg_gvlen len = 0;
    /* Rendering to "dot" writes the layout into the attributes. */
    if (gvLayout(gvc, lg, "dot") != 0)
        return false;
    if (gvRenderData(gvc, lg, "dot", &data, &len) != 0)
        return false;
    gvFreeRenderData(data);
    rg_rect gb, lb;
    if (!get_bb(g, &gb) || !get_bb(lg, &lb))
        return false;
    const double gap = 24;
    double gw = gb.x2 - gb.x1, gh = gb.y2 - gb.y1;
    double dx, dy;
    if (gw > 1.6 * gh && gw > (lb.x2 - lb.x1) * 2) {
        /* A wide drawing: the legend goes below, at the left. */
        dx = gb.x1 - lb.x1;
        dy = gb.y1 - gap - lb.y2;
    } else {
        /* Beside it, at the top right. */
        dx = gb.x2 + gap - lb.x1;
        dy = gb.y2 - lb.y2;
    }
    gvFreeLayout(gvc, lg);
    for (Agnode_t *n = agfstnode(lg); n; n = agnxtnode(lg, n))
        copy_attrs(lg, AGNODE, n, agnode(g, agnameof(n), 1), dx, dy);
    copy_subgraphs(lg, lg, g, dx, dy);
    for (Agnode_t *n = agfstnode(lg); n; n = agnxtnode(lg, n)) {
        for (Agedge_t *e = agfstout(lg, n); e; e = agnxtout(lg, e)) {
            Agnode_t *t = agnode(g, agnameof(agtail(e)), 0);
            Agnode_t *h = agnode(g, agnameof(aghead(e)), 0);
            Agedge_t *copy = agedge(g, t, h, agnameof(e), 1);
            copy_attrs(lg, AGEDGE, e, copy, dx, dy);
        }
    }
    /* The root's box now spans both; nop2 recomputes it. */
    agsafeset(g, RG_S("bb"), RG_S(""), RG_S(""));
    /* And it places the title above the whole, once: kept, its old place
     * would sit below the room nop2 makes for it. */
    agsafeset(g, RG_S("lp"), RG_S(""), RG_S(""));
    return true;
}

/* ---- the layout child -------------------------------------------------- */

static bool write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return false;
        p += w;
        n -= (size_t)w;
    }
    return true;
}

/* What a layout writes into a graph's attributes (Graphviz's
 * attach_attrs), by kind of object: all the parent needs to draw the
 * graph it built itself, with nop2. */
static const char *const layout_attrs[][6] = {
    [AGRAPH] = {"bb", "lp", "lwidth", "lheight", NULL},
    [AGNODE] = {"pos", "width", "height", "rects", "vertices", "xlp"},
    [AGEDGE] = {"pos", "lp", "xlp", "head_lp", "tail_lp", NULL},
};
#define RG_LAYOUT_ATTRS(kind) \
    (sizeof layout_attrs[kind] / sizeof layout_attrs[kind][0])

/* Every object of G that can carry a layout, in an order that is the same
 * in the child and in the parent (both hold the same graph): the root,
 * its subgraphs depth first, the nodes, then each node's out-edges. */
typedef void rg_visit_fn(void *obj, int kind, void *state);

static void visit_subgraphs(Agraph_t *g, rg_visit_fn *fn, void *state)
{
    for (Agraph_t *sg = agfstsubg(g); sg; sg = agnxtsubg(sg)) {
        fn(sg, AGRAPH, state);
        visit_subgraphs(sg, fn, state);
    }
}

static void visit_layout(Agraph_t *g, rg_visit_fn *fn, void *state)
{
    fn(g, AGRAPH, state);
    visit_subgraphs(g, fn, state);
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        fn(n, AGNODE, state);
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e))
            fn(e, AGEDGE, state);
}

/* In the child: one line per object, its layout attributes' values
 * separated by tabs (no value holds a tab or a newline). */
static void put_layout(void *obj, int kind, void *state)
{
    rg_buf *b = state;
    for (size_t i = 0; i < RG_LAYOUT_ATTRS(kind); i++) {
        const char *name = layout_attrs[kind][i];
        char *v = name ? agget(obj, RG_S(name)) : NULL;
        if (i)
            rg_buf_puts(b, "\t");
        if (v)
            rg_buf_puts(b, v);
    }
    rg_buf_puts(b, "\n");
}

/* Graphviz 2.43 declares attach_attrs, which writes a layout into the
 * graph's attributes; later versions keep it to themselves. Without it,
 * rendering to "dot" does the same, at the price of writing the graph
 * out, which takes time quadratic in the nodes times the clusters. */
extern void attach_attrs(Agraph_t *g) __attribute__((weak));

static bool store_layout(GVC_t *gvc, Agraph_t *g)
{
    if (attach_attrs) {
        attach_attrs(g);
        return true;
    }
    char *data = NULL;
    rg_gvlen len = 0;
    if (gvRenderData(gvc, g, "dot", &data, &len) != 0)
        return false;
    gvFreeRenderData(data);
    return true;
}

/* In the child: lay G out and write "<length of messages>\n<messages>
 * <layout>" to FD. Never returns. */
static void RG_NORETURN layout_child(GVC_t *gvc, Agraph_t *g, const char *engine,
                                     int fd)
{
    /* A crash of the engine kills the child by its signal, whatever
     * handlers the process had (a sanitizer's, a fuzzer's): the parent
     * tells a crash from a failure by that. */
    static const int crashes[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL};
    for (size_t i = 0; i < sizeof crashes / sizeof crashes[0]; i++)
        signal(crashes[i], SIG_DFL);
    capture_text.len = 0;
    agseterrf(capture);
    agseterr(AGWARN);
    rg_buf out = {0};
    int status = 0;
    if (gvLayout(gvc, g, engine) != 0 || !store_layout(gvc, g))
        status = 2;
    else
        visit_layout(g, put_layout, &out);
    char head[32];
    size_t mlen = capture_text.buf ? capture_text.len : 0;
    int hn = snprintf(head, sizeof head, "%zu\n", mlen);
    bool ok = write_all(fd, head, (size_t)hn) &&
              write_all(fd, capture_text.buf ? capture_text.buf : "", mlen) &&
              write_all(fd, out.buf ? out.buf : "", out.len);
    /* No cleanup: the process ends here, and dot's own cleanup is what
     * crashes on some graphs. */
    _exit(ok ? status : 3);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* In the parent: the child's lines, applied to the same objects. */
typedef struct layout_reader {
    char *p, *end; /* what is left of the child's text */
    bool ok;
} layout_reader;

static void get_layout(void *obj, int kind, void *state)
{
    layout_reader *r = state;
    char *nl = r->ok ? memchr(r->p, '\n', (size_t)(r->end - r->p)) : NULL;
    if (!nl) {
        r->ok = false;
        return;
    }
    *nl = '\0';
    char *v = r->p;
    Agraph_t *root = agroot(obj);
    for (size_t i = 0; i < RG_LAYOUT_ATTRS(kind) && v; i++) {
        char *tab = strchr(v, '\t');
        if (tab)
            *tab = '\0';
        const char *name = layout_attrs[kind][i];
        if (name && *v) {
            Agsym_t *sym = agattr(root, kind, RG_S(name), NULL);
            if (!sym)
                sym = agattr(root, kind, RG_S(name), RG_S(""));
            agxset(obj, sym, v);
        }
        v = tab ? tab + 1 : NULL;
    }
    r->p = nl + 1;
}

static bool apply_layout(Agraph_t *g, char *text, size_t len)
{
    layout_reader r = {text, text + len, true};
    visit_layout(g, get_layout, &r);
    return r.ok && r.p == r.end;
}

/* True if Graphviz's messages S hold an error. */
static bool has_graphviz_error(const char *s)
{
    for (; s && *s; s = strchr(s, '\n'), s = s ? s + 1 : NULL) {
        bool is_error;
        graphviz_line(s, &is_error);
        if (is_error)
            return true;
    }
    return false;
}

typedef enum { LAYOUT_OK, LAYOUT_FAILED, LAYOUT_RETRY } layout_result;

/* Lay G out with ENGINE in a child process, and write the child's layout
 * into G's attributes (pos, bb, ...), ready for nop2. With RETRY_OK, a
 * layout that Graphviz reports an error in, or that crashes, returns
 * LAYOUT_RETRY and reports nothing. */
static layout_result layout_isolated(GVC_t *gvc, Agraph_t *g, const char *engine,
                                     double timeout, bool retry_ok, rg_diags *d)
{
    int fds[2];
    if (pipe(fds) != 0) {
        rg_error_nomark(d, "cannot start the layout: %s", strerror(errno));
        return LAYOUT_FAILED;
    }
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        rg_error_nomark(d, "cannot start the layout: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return LAYOUT_FAILED;
    }
    if (pid == 0) {
        close(fds[0]);
        layout_child(gvc, g, engine, fds[1]);
    }
    close(fds[1]);
    rg_buf in = {0};
    double deadline = now() + timeout;
    bool timed_out = false;
    char chunk[65536];
    for (;;) {
        double left = deadline - now();
        if (left <= 0) {
            timed_out = true;
            break;
        }
        struct pollfd pfd = {fds[0], POLLIN, 0};
        int pr = poll(&pfd, 1, left > 1e6 ? 1000000000 : (int)(left * 1000) + 1);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr == 0)
            continue; /* the deadline check above decides */
        ssize_t r = read(fds[0], chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        rg_buf_add(&in, chunk, (size_t)r);
    }
    close(fds[0]);
    if (timed_out)
        kill(pid, SIGKILL);
    int st = 0;
    while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
        ;
    layout_result out = LAYOUT_FAILED;
    size_t nodes = (size_t)agnnodes(g), edges = (size_t)agnedges(g);
    if (timed_out) {
        /* sfdp is the fastest engine: past it, only time or fewer
         * labels help. */
        if (strcmp(engine, "sfdp") != 0)
            rg_error_nomark(d,
                            "the '%s' layout of %zu nodes and %zu edges took "
                            "longer than %g s; try -K sfdp, which is much faster "
                            "on large graphs, or a longer --timeout",
                            engine, nodes, edges, timeout);
        else
            rg_error_nomark(d,
                            "the 'sfdp' layout of %zu nodes and %zu edges took "
                            "longer than %g s; try --no-edge-labels, a filter "
                            "(--focus, --kinds) or a longer --timeout",
                            nodes, edges, timeout);
    } else if (WIFSIGNALED(st) && retry_ok) {
        out = LAYOUT_RETRY;
    } else if (WIFSIGNALED(st)) {
        rg_error_nomark(d, "the '%s' layout engine crashed (signal %d) on this "
                        "graph of %zu nodes and %zu edges; try another engine "
                        "with -K", engine, WTERMSIG(st), nodes, edges);
    } else {
        char *nl = in.buf ? strchr(in.buf, '\n') : NULL;
        size_t mlen = nl ? strtoul(in.buf, NULL, 10) : 0;
        if (!nl || mlen > in.len - (size_t)(nl + 1 - in.buf)) {
            rg_error_nomark(d, "the '%s' layout failed", engine);
        } else {
            char *msgs = nl + 1;
            char *layout = msgs + mlen;
            char saved = *layout;
            *layout = '\0';
            bool error = has_graphviz_error(msgs);
            if (error && retry_ok) {
                free(in.buf);
                return LAYOUT_RETRY;
            }
            report_graphviz(msgs, d);
            *layout = saved;
            if (WEXITSTATUS(st) != 0 || error) {
                if (!error)
                    rg_error_nomark(d, "the '%s' layout failed", engine);
            } else if (apply_layout(g, layout, in.len - (size_t)(layout - in.buf))) {
                out = LAYOUT_OK;
            } else {
                rg_error_nomark(d, "the '%s' layout could not be read back", engine);
            }
        }
    }
    free(in.buf);
    return out;
}

/* ---- the diagram ------------------------------------------------------------ */

/* Graphviz reads the files that some attributes name (image, shapefile,
 * an HTML label's IMG). relgraph never sets them from a data file; this
 * shuts the door behind it. Graphviz's safe mode for web servers makes
 * safefile() refuse every file while GV_FILE_PATH is unset, but it is
 * keyed on the global HTTPServerEnVar, which only the command-line tools
 * set (from $SERVER_NAME, in dotneato_args_initialize): to a library
 * caller like relgraph the environment variable means nothing, so the
 * global itself is set. Weak, so that a Graphviz without these symbols
 * still links; tests/test_hostile.c checks that no file is read. */
extern char *HTTPServerEnVar __attribute__((weak));
extern char *Gvfilepath __attribute__((weak));

static void forbid_files(void)
{
    if (&HTTPServerEnVar)
        HTTPServerEnVar = RG_S("relgraph");
    if (&Gvfilepath)
        Gvfilepath = NULL;
}

/* One Graphviz context for the whole process, never freed: Graphviz 2.43's
 * pango plugin remembers the last font name it measured, a string that the
 * context owns, and would read it after gvFreeContext when the next
 * diagram is laid out. */
static GVC_t *shared_context(void)
{
    static GVC_t *gvc;
    if (!gvc && !(gvc = gvContext()))
        rg_oom();
    forbid_files();
    return gvc;
}

rg_diagram *rg_diagram_new(const rg_model *m, const rg_options *opt,
                           rg_diags *d)
{
    rg_conf c;
    rg_conf_resolve(&c, m, opt);
    rg_conf_warn(&c, m, d);
    double timeout = opt && opt->timeout > 0 ? opt->timeout : RG_DEFAULT_TIMEOUT;
    capture_begin(d);
    rg_diagram *dg = rg_xcalloc(1, sizeof *dg);
    dg->gvc = shared_context();
    dg->notes = rg_svg_notes_new();
    dg->notes->title = m->title;
    dg->notes->desc = m->description;
    Agraph_t *built = rg_build_graph_noted(m, &c, dg->notes);
    /* The title goes on after the layout: nop2 then places it above the
     * drawing and the legend together, with no empty band. */
    char *title = agget(built, RG_S("label"));
    bool html = title && aghtmlstr(title);
    title = title && *title ? rg_xstrdup(title) : NULL;
    agsafeset(built, RG_S("label"), RG_S(""), RG_S(""));
    /* dot ranks the clusters one by one, then merges them; on some graphs
     * of about a hundred actors in groups or more, that fails ("trouble in
     * init_rank", edges lost). Ranking the whole graph at once (newrank)
     * never failed on those (bench/gen.py files of 100 to 300 actors:
     * 13 of 21 failed without it), but draws small graphs less well: so it
     * is the second try, within what is left of the time. The other
     * engines' routing of lines around the nodes (splines=true) fails an
     * assertion on some graphs (fdp, ties between the same two actors and
     * groups: "multispline.c: findMap"), and crashes the layout: their
     * second try has straight lines. */
    bool dot = strcmp(c.engine, "dot") == 0;
    const char *splines = agget(built, RG_S("splines"));
    bool curved = !dot && splines && strcmp(splines, "true") == 0;
    double start = now();
    off_t mark = capture_mark();
    layout_result lr = layout_isolated(dg->gvc, built, c.engine, timeout,
                                       dot || curved, d);
    if (lr == LAYOUT_RETRY) {
        capture_forget(mark); /* an assertion's message, say */
        if (dot)
            agsafeset(built, RG_S("newrank"), RG_S("true"), RG_S(""));
        else
            agsafeset(built, RG_S("splines"), RG_S("false"), RG_S(""));
        double left = timeout - (now() - start);
        lr = layout_isolated(dg->gvc, built, c.engine, left > 0.001 ? left : 0.001,
                             false, d);
    }
    if (lr == LAYOUT_OK)
        dg->g = built;
    else
        agclose(built);
    if (dg->g && title) {
        if (html)
            rg_set_html(dg->g, "label", title);
        else
            agsafeset(dg->g, RG_S("label"), title, RG_S(""));
    }
    free(title);
    bool ok = dg->g != NULL;
    if (ok && c.legend) {
        Agraph_t *lg = rg_build_legend_noted(m, &c, dg->notes);
        if (lg) {
            ok = join_legend(dg->gvc, dg->g, lg);
            agclose(lg);
        }
    }
    ok = ok && gvLayout(dg->gvc, dg->g, "nop2") == 0;
    bool graphviz_error = capture_end();
    if (!ok || graphviz_error) {
        if (dg->g && !graphviz_error && rg_diags_errors(d) == 0)
            rg_error_nomark(d, "layout with '%s' failed", c.engine);
        rg_diagram_free(dg);
        return NULL;
    }
    return dg;
}

void rg_diagram_free(rg_diagram *dg)
{
    if (!dg)
        return;
    if (dg->g) {
        gvFreeLayout(dg->gvc, dg->g);
        agclose(dg->g);
    }
    rg_svg_notes_free(dg->notes);
    free(dg);
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

/* POINTS at 96 dpi, rounded (no libm: not linked on its own). */
static double to_pixels(double points)
{
    double px = points * 96 / 72;
    return px >= 0 && px < 1e15 ? (double)(long long)(px + 0.5) : px;
}

/* True if G's PNG fits the budget, else false with the error in D. Its
 * size as Graphviz's cairo renderer works it out: the laid-out box
 * (GD_bb; the "bb" attribute gvLayout writes is rounded to points) and
 * the pad on each side at 96 dpi, shrunk to fit cairo if need be. */
static bool png_fits(Agraph_t *g, rg_diags *d)
{
    double padx = 4.0 / 72, pady; /* inches; Graphviz's default pad */
    const char *pad = agget(g, RG_S("pad"));
    int npad = pad && *pad ? sscanf(pad, "%lf,%lf", &padx, &pady) : 0;
    if (npad < 2)
        pady = padx;
    boxf bb = GD_bb(g);
    double w = to_pixels(bb.UR.x - bb.LL.x + 144 * padx);
    double h = to_pixels(bb.UR.y - bb.LL.y + 144 * pady);
    if (w >= RG_CAIRO_MAX_SIDE || h >= RG_CAIRO_MAX_SIDE) {
        double sw = RG_CAIRO_MAX_SIDE / w, sh = RG_CAIRO_MAX_SIDE / h;
        double scale = sw < sh ? sw : sh;
        w = (double)(long long)(w * scale);
        h = (double)(long long)(h * scale);
    }
    if (w * h > RG_PNG_MAX_MEGAPIXELS * 1e6) {
        rg_error_nomark(d, "the PNG would be %.0f x %.0f pixels, over the limit of "
                        "%d megapixels; use SVG or PDF", w, h, RG_PNG_MAX_MEGAPIXELS);
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

bool rg_diagram_render(rg_diagram *dg, const char *format, char **out,
                       size_t *len, rg_diags *d)
{
    const char *device = gv_format(format);
    if (!device) {
        rg_error_nomark(d, "unknown output format '%s'", format);
        return false;
    }
    if (strcmp(format, "png") == 0 && !png_fits(dg->g, d))
        return false;
    capture_begin(d);
    char *data = NULL;
    rg_gvlen n = 0;
    int rc = gvRenderData(dg->gvc, dg->g, device, &data, &n);
    bool graphviz_error = capture_end();
    if (rc != 0 || graphviz_error || !data) {
        if (data)
            gvFreeRenderData(data);
        if (!graphviz_error)
            rg_error_nomark(d, "rendering %s failed", format);
        return false;
    }
    /* Graphviz's buffer is freed by Graphviz: hand the caller its own. */
    if (strcmp(format, "svg") == 0) {
        *out = rg_svg_finish(data, n, dg->notes, len);
    } else {
        *out = rg_xmalloc((size_t)n + 1);
        memcpy(*out, data, n);
        (*out)[n] = '\0';
        *len = n;
        if (strcmp(format, "pdf") == 0)
            pdf_drop_dates(*out, *len);
    }
    gvFreeRenderData(data);
    return true;
}
