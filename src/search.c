/*
 * search.c - the best of several drawings: the resolved settings
 * (engine.c's) varied by a table of candidates (direction, spacing, the
 * labels' wrapping, the legend's place, a force-directed engine), each
 * built, laid out (several at once, runner.c), finished like any diagram
 * (diagram.c) and scored (score.c) in its layout child, so that the
 * candidates' own work runs in parallel too and only the winner is
 * finished again here; the best by rg_score_better is kept,
 * ties going to the earlier candidate, so the choice never depends on
 * which layout ended first. A stage's candidates go to the runner at
 * once, each begun as soon as a processor is free; taken in pairs (as
 * many as run at once), the search stops after the first pair that has a
 * drawing without a defect whose text is large enough, those begun after
 * it stopped and left out (stage_told). With a page, the best few are
 * then drawn again with the actors' roles wrapped narrower and wider,
 * and the best two of all by dot with its crossing reduction run longer.
 *
 * Each candidate's messages are its own (rg_diags of its own): only the
 * chosen one's reach the caller, or every one's when none could be drawn.
 * The winner's graph and notes go to the caller; the losers are freed as
 * soon as they lose.
 */
#include "gv.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* dot's spacing, in inches (engine.c's defaults are 0.35 and 0.55):
 * tight, and tighter still for a page. */
#define RG_TIGHT_NODESEP 0.2
#define RG_TIGHT_RANKSEP 0.35
#define RG_TIGHTER_NODESEP 0.1
#define RG_TIGHTER_RANKSEP 0.25

/* One candidate: what it changes in the base settings (0 or NULL: the
 * base's). A candidate whose settings come out the same as an earlier
 * one's is left out. The order is the order they are tried in, batch by
 * batch, and the search stops after a batch with a flawless drawing: on
 * the test stories and data files (A4), dot from left to right with the
 * ties' labels as numbered notes, packed tight, the legend below, drew
 * the largest text; top to bottom drew fewer lines through labels on
 * networks without groups (packed tighter still, the largest text on
 * the grain network); inline labels won only on graphs with few, and on
 * the nuclear deal with the legend below. Notes at dot's own spacing
 * and ties' labels at 14 characters never won on A4, A3, letter or A5
 * once the roles' widths were tried too, and are not tried. */
static const struct candidate {
    const char *name;
    int layout;            /* rg_layout_names; -1: the base's */
    const char *direction; /* dot's rankdir */
    double nodesep, ranksep;
    int wrap;              /* a tie's label, characters per line */
    bool legend_below;
    const char *overlap;   /* a force-directed engine's overlap removal */
    bool no_groups;        /* only for a graph without groups */
    int labels;            /* RG_LABELS_NOTES; 0: the base's */
} candidates[] = {
#define DOT RG_LAYOUT_DOT
#define NOTES RG_LABELS_NOTES
#define TIGHT RG_TIGHT_NODESEP, RG_TIGHT_RANKSEP
#define TIGHTER RG_TIGHTER_NODESEP, RG_TIGHTER_RANKSEP
    {"base", -1, NULL, 0, 0, 0, false, NULL, false, 0},
    {"dot-LR-tighter-notes-below", DOT, "LR", TIGHTER, 0, true, NULL, false, NOTES},
    {"dot-LR-tight-notes-below", DOT, "LR", TIGHT, 0, true, NULL, false, NOTES},
    {"dot-TB-tight-notes", DOT, "TB", TIGHT, 0, false, NULL, false, NOTES},
    {"dot-TB-tighter-notes", DOT, "TB", TIGHTER, 0, false, NULL, false, NOTES},
    {"dot-LR-tighter-notes", DOT, "LR", TIGHTER, 0, false, NULL, false, NOTES},
    {"dot-LR-tight", DOT, "LR", TIGHT, 0, false, NULL, false, 0},
    {"dot-LR-tight-below", DOT, "LR", TIGHT, 0, true, NULL, false, 0},
    {"dot-TB-tight", DOT, "TB", TIGHT, 0, false, NULL, false, 0},
    {"dot-LR", DOT, "LR", 0, 0, 0, false, NULL, false, 0},
    {"dot-TB", DOT, "TB", 0, 0, 0, false, NULL, false, 0},
    {"wrap-32", -1, NULL, 0, 0, 32, false, NULL, false, 0},
    {"legend-below", -1, NULL, 0, 0, 0, true, NULL, false, 0},
    {"neato-prism", RG_LAYOUT_NEATO, NULL, 0, 0, 0, false, "prism", true, 0},
    {"neato-prism-notes", RG_LAYOUT_NEATO, NULL, 0, 0, 0, false, "prism", true, NOTES},
    {"neato-false", RG_LAYOUT_NEATO, NULL, 0, 0, 0, false, "false", true, 0},
#undef DOT
#undef NOTES
#undef TIGHT
#undef TIGHTER
};
#define RG_N_CANDIDATES (sizeof candidates / sizeof candidates[0])

/* Then the best of those, the second best and the best of the other
 * shape are drawn again with the actors' roles wrapped at these widths
 * (characters; on a page build.c wraps at 24), where that changes a line
 * of an actor's: on the test stories and data files (A4), the whole
 * table drawn at 18, 20, 24 and 30 drew its best at 20 on five files, at
 * 24 on two and at 30 on three, and which one cannot be told before the
 * layout. Narrower roles make narrower, taller actors: a drawing too wide
 * for its page gains, one too tall loses. */
static const int role_wraps[] = {20, 30};
#define RG_N_ROLE_WRAPS (sizeof role_wraps / sizeof role_wraps[0])

/* Last, the best two drawn by dot again with its crossing reduction run
 * this many times as long (mclimit): it changes which nodes of a rank
 * sit where, and so the drawing's width, its crossings and its lines
 * through texts, which way cannot be told before; mostly for the better
 * on the test stories and data files (A4: fewer crossings on three,
 * fewer lines through labels on the nuclear deal), for a layout or two
 * more. */
#define RG_MCLIMIT 4
#define RG_N_MINCROSS 2

bool rg_search_wanted(const rg_conf *c, const rg_model *m, const rg_options *opt)
{
    if (c->page_w > 0)
        return true;
    const char *layout = opt && opt->layout ? opt->layout : m->render.layout;
    return rg_name_find(&rg_layout_names, layout) == RG_LAYOUT_AUTO &&
           m->n_actors <= RG_SEARCH_MAX_ACTORS;
}

static bool same_text(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_conf(const rg_conf *a, const rg_conf *b)
{
    return a->layout == b->layout && same_text(a->direction, b->direction) &&
           a->nodesep == b->nodesep && a->ranksep == b->ranksep &&
           a->wrap == b->wrap && a->role_wrap == b->role_wrap &&
           a->mclimit == b->mclimit &&
           a->legend_below == b->legend_below &&
           a->labels == b->labels &&
           same_text(a->overlap, b->overlap) && same_text(a->splines, b->splines);
}

/* Whether two drawings' figures are all the same: as good as the same
 * drawing (the legend below where it already was, say), which another
 * width would change the same way. */
static bool same_figures(const rg_score *a, const rg_score *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

/* Whether A and B lay a graph out the same way: one engine, one
 * direction. */
static bool same_shape(const rg_conf *a, const rg_conf *b)
{
    return a->layout == b->layout &&
           (a->layout != RG_LAYOUT_DOT || same_text(a->direction, b->direction));
}

/* BASE as candidate K sees it, into OUT; false when K does not apply:
 * another engine than the one asked for (only `auto` leaves the engine to
 * the search), another direction than the command line's, groups for an
 * engine that is only for graphs without, the labels as notes without a
 * page, a direction the file gives, a change that changes nothing
 * drawn (no labels to wrap, no legend to move). dot is a candidate only
 * where it is the base's engine. */
static bool candidate_conf(const struct candidate *k, const rg_conf *base,
                           const rg_model *m, const rg_options *opt,
                           rg_conf *out)
{
    *out = *base;
    const char *asked = opt && opt->layout ? opt->layout : m->render.layout;
    bool engine_free = rg_name_find(&rg_layout_names, asked) == RG_LAYOUT_AUTO;
    if (k->layout >= 0 && k->layout != base->layout) {
        /* Never dot where auto chose another engine: the graph is too
         * large for it (engine.c, auto_rules). */
        if (!engine_free || k->layout == RG_LAYOUT_DOT)
            return false;
        rg_conf_set_layout(out, k->layout);
    }
    if (k->no_groups && m->n_groups > 0)
        return false;
    if (k->direction) {
        /* A direction the command line or the file gives is kept. */
        if (out->layout != RG_LAYOUT_DOT ||
            (opt && opt->direction && strcmp(opt->direction, k->direction) != 0) ||
            (!(opt && opt->direction) && m->render.direction_set &&
             strcmp(m->render.direction, k->direction) != 0))
            return false;
        out->direction = k->direction;
    }
    if (k->nodesep > 0)
        out->nodesep = k->nodesep;
    if (k->ranksep > 0)
        out->ranksep = k->ranksep;
    if (k->wrap > 0) {
        if (base->labels != RG_LABELS_INLINE)
            return false;
        out->wrap = k->wrap;
    }
    if (k->legend_below) {
        if (!base->legend)
            return false;
        out->legend_below = true;
    }
    if (k->overlap)
        out->overlap = k->overlap;
    if (k->labels) {
        /* Only for a page (without one, inline labels are never too
         * small), where the labels are drawn inline and nobody chose
         * how. */
        if (!(base->page_w > 0) || base->labels != RG_LABELS_INLINE ||
            (opt && opt->labels >= 0) || m->render.labels_set)
            return false;
        out->labels = k->labels;
    }
    return true;
}

/* Where a candidate's messages go when they are wanted: the caller's
 * rg_diags, under the candidate's name or not. */
typedef struct forward {
    rg_diags *to;
    const char *prefix; /* NULL: none */
} forward;

/* One candidate's drawing, while it runs. */
typedef struct drawing {
    const struct candidate *k;
    char name[80];        /* k's name, and what it is drawn again with (plan_again) */
    rg_conf c;
    Agraph_t *g;          /* owned until it loses or is handed over */
    rg_svg_notes *notes;  /* owned likewise */
    rg_diags *d;          /* owned: its messages, flushed through FWD */
    forward fwd;
    bool drawn;           /* laid out and finished (in its layout child) */
    bool finished;        /* finished here, G placed by nop2 */
    rg_score s;
    const rg_model *m;    /* borrowed: what it draws */
    rg_buf memo;          /* owned: its child's legend and key layouts
                           * (rg_layout_memo_write), for its finishing here */
    rg_layout_after after; /* its layout child's next step (finish_in_child) */
} drawing;

/* Whether one of W's first N drawings has C's settings already. */
static bool planned(const drawing *w, size_t n, const rg_conf *c)
{
    for (size_t j = 0; j < n; j++)
        if (same_conf(&w[j].c, c))
            return true;
    return false;
}

/* The candidates that apply to M, in the table's order, into W (room for
 * RG_N_CANDIDATES): their settings; how many. */
static size_t plan(const rg_conf *base, const rg_model *m, const rg_options *opt,
                   drawing *w)
{
    size_t n = 0;
    for (size_t i = 0; i < RG_N_CANDIDATES; i++) {
        rg_conf c;
        if (!candidate_conf(&candidates[i], base, m, opt, &c))
            continue;
        if (planned(w, n, &c))
            continue;
        w[n].k = &candidates[i];
        snprintf(w[n].name, sizeof w[n].name, "%s", candidates[i].name);
        w[n++].c = c;
    }
    return n;
}

size_t rg_search_plan(const rg_conf *base, const rg_model *m,
                      const rg_options *opt, const char **names, size_t max)
{
    drawing w[RG_N_CANDIDATES];
    memset(w, 0, sizeof w);
    size_t n = plan(base, m, opt, w);
    for (size_t i = 0; i < n && i < max; i++)
        names[i] = w[i].k->name;
    return n;
}

static void forward_diag(const rg_diagnostic *dg, void *ud)
{
    const forward *f = ud;
    const char *p = f->prefix ? "candidate " : "";
    const char *name = f->prefix ? f->prefix : "";
    const char *sep = f->prefix ? ": " : "";
    if (dg->severity == RG_ERROR)
        rg_error_nomark(f->to, "%s%s%s%s", p, name, sep, dg->message);
    else
        rg_warning_nomark(f->to, "%s%s%s%s", p, name, sep, dg->message);
}

static void drawing_free(GVC_t *gvc, drawing *w)
{
    if (w->g) {
        gvFreeLayout(gvc, w->g); /* nothing when it was never laid out */
        agclose(w->g);
    }
    rg_svg_notes_free(w->notes);
    rg_diags_free(w->d);
    rg_buf_free(&w->memo);
    w->g = NULL;
    w->notes = NULL;
    w->d = NULL;
}

/* No defect, and text large enough: nothing later can do better. */
static bool flawless(const rg_score *s, double min_font)
{
    return s->overlaps == 0 && s->edge_text == 0 && s->edge_actors == 0 &&
           s->edge_groups == 0 && s->text_min >= min_font;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* W, laid out, finished like any diagram; what Graphviz says meanwhile
 * is W's own, and an error fails W alone. */
static bool finish(GVC_t *gvc, drawing *w, const rg_model *m, rg_layout_memo *memo)
{
    size_t mark = rg_gvmsg_text_mark();
    bool ok = rg_diagram_finish(gvc, w->g, m, &w->c, w->notes, memo, w->d);
    char *text = rg_gvmsg_text_take(mark);
    bool error = rg_gvmsg_has_error(text) || agerrors() >= AGERR;
    rg_gvmsg_report(text, w->d);
    free(text);
    agreseterrors();
    return ok && !error;
}

/* What a candidate's layout child sends back (finish_in_child): the
 * drawing finished as rg_search would finish it, and its figures. The
 * child is a fork of relgraph itself: the struct goes as it is. */
typedef struct child_score {
    bool drawn;
    rg_score s;
    rg_page page;          /* as turned for the drawing (rg_diagram_finish) */
    double page_w, page_h;
} child_score;

/* In candidate X's layout child, after the layout: X finished and scored
 * there, on a graph built again and given the layout as the parent would
 * be (the graph the child laid out holds the engine's own data, which
 * nop2 must not find), so that every candidate's finishing and scoring,
 * most of the search's own work, runs in parallel and away from the
 * parent, which finishes only the winner. What the finishing says is
 * said again when the winner is finished. */
static void finish_in_child(GVC_t *gvc, const char *layout, size_t len, void *ud,
                            rg_buf *out)
{
    drawing y = *(drawing *)ud;
    child_score r;
    memset(&r, 0, sizeof r);
    y.notes = rg_svg_notes_new();
    y.notes->title = y.m->title;
    y.notes->desc = y.m->description;
    y.g = rg_build_body(y.m, &y.c, y.notes);
    rg_layout_memo *memo = rg_layout_memo_new();
    if (rg_layout_apply(y.g, layout, len) && finish(gvc, &y, y.m, memo)) {
        r.drawn = true;
        rg_score_graph(y.g, y.c.page_w, y.c.page_h, y.c.page.max_scale, &r.s);
        r.page = y.c.page;
        r.page_w = y.c.page_w;
        r.page_h = y.c.page_h;
    }
    rg_buf_add(out, (const char *)&r, sizeof r);
    /* Then its legend's and key's layouts: the winner is finished again
     * in relgraph without laying them out again. */
    rg_layout_memo_write(memo, out);
    /* Nothing freed: the child ends next. */
}

/* X, its layout child done (JOB): finished and scored by the child, X
 * drawn; or not drawn when the child could not (finish_here then does). */
static void take_score(drawing *x, const rg_layout_job *job)
{
    child_score r;
    if (!job->ok || job->back.len < sizeof r)
        return;
    memcpy(&r, job->back.buf, sizeof r);
    if (!r.drawn)
        return;
    rg_buf_clear(&x->memo);
    rg_buf_add(&x->memo, job->back.buf + sizeof r, job->back.len - sizeof r);
    x->drawn = true;
    x->s = r.s;
    x->c.page = r.page;
    x->c.page_w = r.page_w;
    x->c.page_h = r.page_h;
}

/* X laid out, finished and scored here, with the messages that say why
 * when it cannot be. */
static void finish_here(GVC_t *gvc, drawing *x, rg_layout_memo *memo)
{
    x->drawn = x->finished = finish(gvc, x, x->m, memo);
    if (x->drawn)
        rg_score_graph(x->g, x->c.page_w, x->c.page_h, x->c.page.max_scale, &x->s);
}

/* A stage of the search while it runs (rg_layout_until): its drawings and
 * their jobs, and how many are still wanted. */
typedef struct stage_run {
    drawing *b;
    rg_layout_job *jobs;
    size_t keep;
    int jobs_max;
    double min_font;
} stage_run;

/* Drawing I of the stage has ended: its figures taken (from its child:
 * one its child could not finish is finished once the stage is over, not
 * while other layouts run); if it is flawless, nothing after its pair
 * (the JOBS_MAX it would have been laid out with, two by two) is wanted.
 * So the stage ends where one run pair by pair would have stopped,
 * whichever child ends first. */
static size_t stage_told(size_t i, void *ud)
{
    stage_run *r = ud;
    drawing *x = &r->b[i];
    take_score(x, &r->jobs[i]);
    size_t end = (i / (size_t)r->jobs_max + 1) * (size_t)r->jobs_max;
    if (x->drawn && flawless(&x->s, r->min_font) && end < r->keep)
        r->keep = end;
    return r->keep;
}

/* X drawn again with C into W at N, named after X with SUFFIX, unless a
 * drawing planned already has those settings; how many now. */
static size_t plan_again(const drawing *x, const rg_conf *c, const char *suffix,
                         drawing *w, size_t n)
{
    if (planned(w, n, c))
        return n;
    memset(&w[n], 0, sizeof w[n]);
    w[n].k = x->k;
    w[n].c = *c;
    snprintf(w[n].name, sizeof w[n].name, "%.64s%s", x->name, suffix);
    return n + 1;
}

/* After the table: X drawn again with each of role_wraps into W from N
 * on, where that changes how an actor's text breaks (plan_again); how
 * many now. */
static size_t plan_roles(const rg_model *m, const drawing *x, drawing *w, size_t n)
{
    for (size_t i = 0; i < RG_N_ROLE_WRAPS; i++) {
        if (rg_build_roles_wrap_alike(m, rg_build_role_wrap(&x->c), role_wraps[i]))
            continue;
        rg_conf c = x->c;
        c.role_wrap = role_wraps[i];
        char suffix[16];
        snprintf(suffix, sizeof suffix, "-roles-%d", role_wraps[i]);
        n = plan_again(x, &c, suffix, w, n);
    }
    return n;
}

/* The second best of W's N drawings, BEST the best: of other figures
 * than the best's (the same figures are as good as the same drawing);
 * NULL if none. */
static const drawing *second_best(const drawing *w, size_t n, const drawing *best,
                                  double min_font)
{
    const drawing *second = NULL;
    for (size_t i = 0; i < n; i++) {
        const drawing *x = &w[i];
        if (x->drawn && x != best && !same_figures(&x->s, &best->s) &&
            (!second || rg_score_better(&x->s, &second->s, min_font)))
            second = x;
    }
    return second;
}

/* X drawn again by dot with RG_MCLIMIT into W at N (plan_again), unless
 * X is not dot's; how many now. */
static size_t plan_mincross(const drawing *x, drawing *w, size_t n)
{
    if (!x || x->c.layout != RG_LAYOUT_DOT || x->c.mclimit > 0)
        return n;
    rg_conf c = x->c;
    c.mclimit = RG_MCLIMIT;
    char suffix[16];
    snprintf(suffix, sizeof suffix, "-mc%d", RG_MCLIMIT);
    return plan_again(x, &c, suffix, w, n);
}

/* The table's N drawings in W done, BEST the best: the best, the second
 * best (of other figures than the best's: the same figures are as good as
 * the same drawing) and the best drawn another way (the other direction,
 * another engine), each planned with the other widths (plan_roles): which
 * width suits a drawing follows from its shape on the page, and the best
 * of one shape at one width may lose to another's at another. How many
 * drawings now. */
static size_t plan_widths(const rg_model *m, drawing *w, size_t n, const drawing *best,
                          double min_font)
{
    const drawing *second = second_best(w, n, best, min_font), *other = NULL;
    for (size_t i = 0; i < n; i++) {
        const drawing *x = &w[i];
        if (!x->drawn || x == best || same_figures(&x->s, &best->s))
            continue;
        if (!same_shape(&x->c, &best->c) &&
            (!other || rg_score_better(&x->s, &other->s, min_font)))
            other = x;
    }
    n = plan_roles(m, best, w, n);
    if (second)
        n = plan_roles(m, second, w, n);
    if (other && other != second)
        n = plan_roles(m, other, w, n);
    return n;
}

bool rg_search(GVC_t *gvc, const rg_model *m, const rg_conf *base,
               const rg_options *opt, rg_diags *d, Agraph_t **g,
               rg_svg_notes **notes, char **report, rg_conf *chosen,
               rg_score *score)
{
    *g = NULL;
    *notes = NULL;
    size_t most = RG_N_CANDIDATES + 3 * RG_N_ROLE_WRAPS + RG_N_MINCROSS;
    drawing *w = rg_xcalloc(most, sizeof *w);
    size_t n = plan(base, m, opt, w);
    int jobs_max = rg_layout_parallel(n);
    rg_layout_job *jobs = rg_xcalloc(most, sizeof *jobs);
    rg_buf out = RG_BUF_INIT;
    drawing *best = NULL;
    double start = now();
    size_t tried = 0;
    int stage = 0; /* 0: the table; 1: the roles' widths; 2: mincross */
    /* The candidates are finished in their layout children; those
     * finished here (the winner, and any its child could not finish)
     * share their legends and keys, each laid out once. Their texts are
     * measured once too (textcache.c): they are scored, and only the
     * winner is drawn, laid out again. */
    rg_layout_memo *memo = rg_layout_memo_new();
    rg_textcache_sizes_only(true);
    for (;;) {
        if (tried == n) {
            /* Without a page, text keeps its size: nothing to gain. */
            if (stage == 2 || !best || !(base->page_w > 0))
                break;
            if (stage++ == 0) {
                n = plan_widths(m, w, n, best, base->min_font);
            } else {
                const drawing *second = second_best(w, n, best, base->min_font);
                n = plan_mincross(best, w, n);
                n = plan_mincross(second, w, n);
            }
            continue;
        }
        /* The stage's drawings all at once, each laid out as soon as a
         * processor is free. */
        size_t count = n - tried;
        drawing *b = &w[tried];
        for (size_t i = 0; i < count; i++) {
            b[i].notes = rg_svg_notes_new();
            b[i].notes->title = m->title;
            b[i].notes->desc = m->description;
            b[i].fwd = (forward){d, NULL};
            b[i].d = rg_diags_new(NULL, forward_diag, &b[i].fwd);
            b[i].g = rg_build_body(m, &b[i].c, b[i].notes);
            b[i].m = m;
            b[i].after = (rg_layout_after){finish_in_child, &b[i]};
            rg_buf_clear(&jobs[i].back);
            jobs[i] = (rg_layout_job){.g = b[i].g, .c = &b[i].c, .d = b[i].d,
                                      .after = &b[i].after, .back = jobs[i].back};
        }
        /* One deadline for the whole search (the first stage's own is
         * the timeout as given: its message says so). */
        double left = tried == 0 ? base->timeout : base->timeout - (now() - start);
        stage_run run = {b, jobs, count, jobs_max, base->min_font};
        rg_layout_until until = {stage_told, &run, 0};
        rg_layout_many_until(gvc, jobs, count, jobs_max, left > 0.001 ? left : 0.001,
                             &until);
        run.keep = until.kept;
        for (size_t i = 0; i < run.keep; i++) {
            drawing *x = &b[i];
            if (jobs[i].ok && !x->drawn)
                finish_here(gvc, x, memo);
            rg_buf_printf(&out, "candidate %s: ", x->name);
            if (!x->drawn) {
                rg_buf_puts(&out, "failed\n");
                continue;
            }
            /* On the page as turned for this drawing (rg_diagram_finish). */
            rg_score_print(&out, &x->s);
            rg_buf_puts(&out, "\n");
            if (!best || rg_score_better(&x->s, &best->s, base->min_font)) {
                if (best)
                    drawing_free(gvc, best);
                best = x;
            } else {
                drawing_free(gvc, x);
            }
        }
        /* Those after a flawless pair: never drawn, as if never planned. */
        for (size_t i = run.keep; i < count; i++) {
            drawing_free(gvc, &b[i]);
            memset(&b[i], 0, sizeof b[i]);
        }
        tried += run.keep;
        n = tried;
        if ((best && flawless(&best->s, base->min_font)) ||
            now() - start >= base->timeout)
            break;
    }
    if (best) {
        rg_buf_printf(&out, "chosen: %s\n", best->name);
    } else {
        /* None drawn: every candidate's reasons, each under its name. */
        for (size_t i = 0; i < tried; i++) {
            w[i].fwd.prefix = w[i].name;
            rg_diags_flush(w[i].d);
        }
        if (rg_diags_errors(d) == 0)
            rg_error_nomark(d, "layout with '%s' failed", base->engine);
    }
    for (size_t i = 0; i < tried; i++)
        if (&w[i] != best)
            drawing_free(gvc, &w[i]);
    /* Graphviz's renderers read the attributes of the graph laid out last
     * (graph_init's globals), and the cairo ones draw the texts with
     * pango's own layouts, which the cache does not keep: the winner is
     * finished here, last, its texts measured by pango if cairo draws
     * them (one finished here already is placed by nop2 again, the same
     * way). */
    rg_textcache_sizes_only(opt && opt->no_cairo);
    if (best) {
        bool ok;
        if (best->finished) {
            gvFreeLayout(gvc, best->g);
            ok = gvLayout(gvc, best->g, "nop2") == 0;
        } else {
            /* What its child laid out for it is not laid out again (the
             * same graphs give the same layouts, runner.c). */
            rg_layout_memo_read(memo, best->memo.buf, best->memo.len);
            ok = finish(gvc, best, m, memo);
        }
        *chosen = best->c;
        *score = best->s;
        rg_diags_flush(best->d);
        if (ok) {
            *g = best->g;
            *notes = best->notes;
            best->g = NULL;
            best->notes = NULL;
        }
        drawing_free(gvc, best);
    }
    rg_textcache_sizes_only(false);
    rg_layout_memo_free(memo);
    for (size_t i = 0; i < most; i++)
        rg_buf_free(&jobs[i].back);
    free(jobs);
    free(w);
    *report = rg_buf_detach(&out, NULL);
    return *g != NULL;
}
