/*
 * layout.c - one layout child: a layout engine that crashes (Graphviz
 * 2.42's dot frees memory twice after flat edge labels in clusters) costs
 * the layout, not the process. The child sends back only what the layout
 * wrote into the graph's attributes (positions, boxes), which the parent
 * writes into its own copy of the graph, ready for nop2; the parent tells
 * a crash, a deadline, running out of memory and someone's kill apart.
 * When to start children, how many at once, their deadline and second
 * tries are runner.c's.
 *
 * The pipe carries "<length>\n<messages><length>\n<texts><length>\n
 * <layout>", then "<length>\n<back><length>\n<texts>": Graphviz's messages
 * from the child, the texts it measured (textcache.c), one line per object
 * of the graph (see visit_layout), its layout attributes separated by
 * tabs; then what the job's rg_layout_after sent back, and the texts it
 * measured. A layout child lays out what it lays out itself, with no
 * child of its own (rg_layout_in_child).
 */
#include "gv.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

/* The child's own deadline comes this long after the parent's: it is for
 * a parent that can no longer enforce its own (stopped, or killed so hard
 * that the death signal never came), never a race with it. */
#define RG_CHILD_GRACE 1.0

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

/* Graphviz 2.43 declares attach_attrs (gv.h), which writes a layout into
 * the graph's attributes; later versions keep it to themselves. Without
 * it, rendering to "dot" does the same, at the price of writing the graph
 * out, which takes time quadratic in the nodes times the clusters. */
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

/* The signals that end a child which crashed: the engine's own fault
 * (SIGABRT is also an assertion, SIGTRAP GLib's g_error). Any other
 * signal came from outside the layout: a deadline, or someone's kill. */
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL,
                                    SIGTRAP, SIGSYS};

static bool is_crash(int sig)
{
    for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++)
        if (crash_signals[i] == sig)
            return true;
    return false;
}

/* In the child: it never outlives the layout's time, even when the parent
 * cannot stop it. It dies with the parent (Linux's PR_SET_PDEATHSIG; a
 * parent gone before that took effect is seen as a new parent id), and
 * by SIGALRM RG_CHILD_GRACE after the parent's deadline, for a parent
 * that is stopped or cannot be scheduled. The signals that stop the
 * parent stop the child as they always do, whatever handlers the parent
 * has (which would run in the child otherwise). */
static void child_limits(pid_t parent, double timeout)
{
#if defined(__linux__)
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    if (getppid() != parent)
        _exit(3);
    static const int stops[] = {SIGINT, SIGTERM, SIGHUP, SIGALRM};
    for (size_t i = 0; i < sizeof stops / sizeof stops[0]; i++)
        signal(stops[i], SIG_DFL);
    double t = timeout + RG_CHILD_GRACE;
    struct itimerval it;
    memset(&it, 0, sizeof it);
    it.it_value.tv_sec = (time_t)t;
    it.it_value.tv_usec = (suseconds_t)((t - (double)(time_t)t) * 1e6);
    setitimer(ITIMER_REAL, &it, NULL);
}

/* A child that ran out of memory exits with this status. */
#define RG_CHILD_NOMEM 4

/* Much of Graphviz uses what malloc returns unchecked: out of memory, it
 * crashes on the null pointer, and only errno, still ENOMEM from the
 * failed malloc, tells that crash from a fault of the engine's own (the
 * allocators that do check print "out of memory" and abort: the same
 * errno). So the child's crash handler looks at errno first. */
static void child_crashed(int sig)
{
    if (errno == ENOMEM)
        _exit(RG_CHILD_NOMEM);
    raise(sig); /* SA_RESETHAND | SA_NODEFER: now the default, at once */
}

/* In the child: a crash ends it by its signal, whatever handlers the
 * process had (a sanitizer's, a fuzzer's), for the parent tells a crash
 * from a failure by that; but running out of memory ends it with
 * RG_CHILD_NOMEM. */
static void child_crash_handlers(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = child_crashed;
    sa.sa_flags = SA_RESETHAND | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < sizeof crash_signals / sizeof crash_signals[0]; i++)
        sigaction(crash_signals[i], &sa, NULL);
}

/* In a layout child (layout_child), where a layout needs no child of its
 * own: a crash there is the child's already (rg_layout_many). */
static bool in_layout_child;

bool rg_layout_in_child(void)
{
    return in_layout_child;
}

bool rg_layout_here(GVC_t *gvc, Agraph_t *g, const char *engine)
{
    return gvLayout(gvc, g, engine) == 0 && store_layout(gvc, g);
}

/* In the child: lay G out and write "<length>\n<messages><length>\n<texts>
 * <length>\n<layout>" to FD, the texts those it measured (textcache.c);
 * then, the layout made, run AFTER and write "<length>\n<back><length>\n
 * <texts>", what it sent back and the texts it measured. The layout goes
 * first and whole: what comes after may fail or crash, and the layout
 * stands (rg_child_finish). Never returns. */
static void RG_NORETURN layout_child(GVC_t *gvc, Agraph_t *g, const char *engine,
                                     const rg_layout_after *after, int fd,
                                     pid_t parent, double timeout)
{
    child_limits(parent, timeout);
    child_crash_handlers();
    rg_gvmsg_child();
    in_layout_child = true;
    /* Nothing is drawn here: the layout alone goes back (textcache.c). */
    rg_textcache_sizes_only(true);
    size_t mark = rg_textcache_mark();
    rg_buf out = RG_BUF_INIT, texts = RG_BUF_INIT, back = RG_BUF_INIT,
           frame = RG_BUF_INIT;
    int status = 0;
    if (!rg_layout_here(gvc, g, engine))
        status = 2;
    else
        visit_layout(g, put_layout, &out);
    rg_textcache_since(&texts, mark);
    size_t mlen;
    const char *msgs = rg_gvmsg_text(&mlen);
    rg_buf_part(&frame, msgs, mlen);
    rg_buf_part(&frame, texts.buf, texts.len);
    rg_buf_part(&frame, out.buf, out.len);
    bool ok = write_all(fd, frame.buf, frame.len);
    if (ok && status == 0 && after && after->fn) {
        mark = rg_textcache_mark();
        after->fn(gvc, out.buf, out.len, after->ud, &back);
        rg_buf_clear(&texts);
        rg_textcache_since(&texts, mark);
        rg_buf_clear(&frame);
        rg_buf_part(&frame, back.buf, back.len);
        rg_buf_part(&frame, texts.buf, texts.len);
        ok = write_all(fd, frame.buf, frame.len);
    }
    /* No cleanup: the process ends here, and dot's own cleanup is what
     * crashes on some graphs. */
    _exit(ok ? status : 3);
}

/* In the parent: the child's Graphviz messages, MLEN bytes at MSGS,
 * reported in D; but when one is an error and a second try may come
 * (RETRY_OK), nothing is, and true (the second try's say it all).
 * *ERROR: whether one was an error. */
static bool messages(char *msgs, size_t mlen, bool retry_ok, bool *error, rg_diags *d)
{
    char saved = msgs[mlen];
    msgs[mlen] = '\0';
    *error = rg_gvmsg_has_error(msgs);
    bool retry = *error && retry_ok;
    if (!retry)
        rg_gvmsg_report(msgs, d);
    msgs[mlen] = saved;
    return retry;
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

char *rg_layout_text(Agraph_t *g, size_t *len)
{
    rg_buf b = RG_BUF_INIT;
    visit_layout(g, put_layout, &b);
    return rg_buf_detach(&b, len);
}

bool rg_layout_apply(Agraph_t *g, const char *text, size_t len)
{
    char *copy = rg_xmalloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = '\0';
    bool ok = apply_layout(g, copy, len);
    free(copy);
    return ok;
}

/* What the libraries in a layout child print on fd 2 (the capture of
 * gvmsg.c, which the child shares) as they give up for want of memory:
 * Graphviz's allocators ("out of memory", then abort or exit), relgraph's
 * own (rg_oom), GLib's g_malloc ("failed to allocate N bytes", then
 * SIGTRAP), AddressSanitizer's allocator, and strerror(ENOMEM). */
static const char *const oom_words[] = {
    "out of memory", "failed to allocate", "Cannot allocate memory",
    "allocation-size-too-big",
};

static void report_out_of_memory(const char *engine, size_t nodes, size_t edges,
                                 const struct rusage *ru, rg_diags *d)
{
    /* ru_maxrss is in KiB on Linux. */
    double mib = (double)ru->ru_maxrss / 1024.0;
    rg_error_nomark(d, "out of memory while laying out: the '%s' layout of %zu "
                       "nodes and %zu edges ran out after %.0f MiB; %s",
                    engine, nodes, edges, mib,
                    strcmp(engine, rg_layout_names.names[RG_LAYOUT_SFDP]) != 0
                        ? "try -K sfdp, which needs much less, or a filter "
                          "(--focus, --kinds)"
                        : "try --no-edge-labels or a filter (--focus, --kinds)");
}

/* A child ended by a signal that is no crash of its own, nor relgraph's
 * deadline: someone else's kill (SIGKILL is also what the kernel sends
 * when the system runs out of memory). It is not the graph's fault, so no
 * second try. */
static void report_killed(const char *engine, int sig, rg_diags *d)
{
    rg_error_nomark(d, "the '%s' layout was stopped from outside relgraph "
                       "(signal %d, %s)%s",
                    engine, sig, strsignal(sig),
                    sig == SIGKILL ? "; if the system ran out of memory, try "
                                     "-K sfdp or a filter (--focus, --kinds)"
                                   : "");
}

/* In the parent: start a child laying G out with ENGINE within ALLOWED
 * seconds, registered in stop.c's SLOT. With OWN_STDERR, the child's fd 2
 * goes to a file of its own, so that its messages stay apart from other
 * children's; else it shares gvmsg.c's capture, from CH->mark on. */
bool rg_child_start(GVC_t *gvc, Agraph_t *g, const char *engine, double allowed,
                    bool own_stderr, int slot, const rg_layout_after *after,
                    rg_child *ch, rg_diags *d)
{
    memset(ch, 0, sizeof *ch);
    ch->engine = engine;
    ch->allowed = allowed;
    ch->slot = slot;
    ch->fd = -1;
    ch->mark = -1;
    int fds[2];
    if (own_stderr && !(ch->err = tmpfile())) {
        rg_error_nomark(d, "cannot start the layout: %s", strerror(errno));
        return false;
    }
    if (pipe(fds) != 0) {
        rg_error_nomark(d, "cannot start the layout: %s", strerror(errno));
        return false;
    }
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        rg_error_nomark(d, "cannot start the layout: %s", strerror(errno));
        close(fds[0]);
        close(fds[1]);
        return false;
    }
    if (pid == 0) {
        close(fds[0]);
        if (ch->err)
            dup2(fileno(ch->err), 2);
        layout_child(gvc, g, engine, after, fds[1], parent, allowed);
    }
    close(fds[1]);
    rg_stop_child_at(slot, pid);
    ch->pid = pid;
    ch->fd = fds[0];
    if (!ch->err)
        ch->mark = rg_gvmsg_mark();
    return true;
}

void rg_child_cancel(rg_child *ch)
{
    kill(ch->pid, SIGKILL);
    /* Before the wait, as in rg_child_finish. */
    rg_stop_child_at(ch->slot, 0);
    close(ch->fd);
    ch->fd = -1;
    int st;
    while (waitpid(ch->pid, &st, 0) < 0 && errno == EINTR)
        ;
    rg_buf_free(&ch->in);
    if (ch->err) {
        fclose(ch->err);
        ch->err = NULL;
    } else {
        rg_gvmsg_forget(ch->mark);
    }
}

/* What the child wrote to its fd 2 since it started: malloc'd. */
static char *child_stderr(const rg_child *ch)
{
    if (!ch->err)
        return rg_gvmsg_since(ch->mark);
    rg_buf b = RG_BUF_INIT;
    char chunk[4096];
    ssize_t n;
    off_t at = 0;
    while ((n = pread(fileno(ch->err), chunk, sizeof chunk, at)) > 0) {
        rg_buf_add(&b, chunk, (size_t)n);
        at += n;
    }
    return rg_buf_detach(&b, NULL);
}

static void child_stderr_forget(const rg_child *ch)
{
    if (!ch->err)
        rg_gvmsg_forget(ch->mark);
    else if (ftruncate(fileno(ch->err), 0) != 0)
        return;
}

/* True when the child, which ended with status ST without a layout, ran
 * out of memory: its crash handler said so, or it said so itself on fd 2.
 * What it printed is then forgotten: the report says it in relgraph's
 * words. */
static bool child_out_of_memory(int st, const rg_child *ch)
{
    if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
        return false;
    if (WIFEXITED(st) && WEXITSTATUS(st) == RG_CHILD_NOMEM) {
        child_stderr_forget(ch);
        return true;
    }
    char *text = child_stderr(ch);
    bool oom = false;
    for (size_t i = 0; i < sizeof oom_words / sizeof oom_words[0] && !oom; i++)
        oom = strstr(text, oom_words[i]) != NULL;
    free(text);
    if (oom)
        child_stderr_forget(ch);
    return oom;
}

/* Read what the child sent; false at its end (or a read error). */
bool rg_child_read(rg_child *ch)
{
    char chunk[65536];
    for (;;) {
        ssize_t r = read(ch->fd, chunk, sizeof chunk);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return false;
        rg_buf_add(&ch->in, chunk, (size_t)r);
        return true;
    }
}

/* Reap CH's child (killed first when TIMED_OUT), and write its layout
 * into G's attributes (pos, bb, ...), ready for nop2. With RETRY_OK, a
 * layout that Graphviz reports an error in, or that crashes, returns
 * LAYOUT_RETRY and reports nothing. A child of its own fd 2 has what it
 * printed there reported in D. */
rg_layout_result rg_child_finish(rg_child *ch, Agraph_t *g, bool timed_out,
                                 bool retry_ok, rg_buf *back, rg_diags *d)
{
    if (back)
        rg_buf_clear(back);
    const char *engine = ch->engine;
    double timeout = ch->allowed;
    pid_t pid = ch->pid;
    close(ch->fd);
    ch->fd = -1;
    if (timed_out)
        kill(pid, SIGKILL);
    /* Before the wait: a zombie's pid is not reused, so a stop signal
     * until then kills nothing else. */
    rg_stop_child_at(ch->slot, 0);
    int st = 0;
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    while (wait4(pid, &st, 0, &ru) < 0 && errno == EINTR)
        ;
    /* The child's own deadline (child_limits): the parent's came first. */
    if (WIFSIGNALED(st) && WTERMSIG(st) == SIGALRM)
        timed_out = true;
    rg_layout_result out = LAYOUT_FAILED;
    rg_buf in = ch->in;
    ch->in = (rg_buf)RG_BUF_INIT;
    size_t nodes = (size_t)agnnodes(g), edges = (size_t)agnedges(g);
    /* (Nothing read: no buffer, and no end to add to it.) */
    char *p = in.buf, *end = in.buf ? in.buf + in.len : NULL, *msgs, *texts, *layout, *sent,
         *more;
    size_t mlen, tlen, llen, slen, mtlen;
    bool whole = rg_part_next(&p, end, &msgs, &mlen) && rg_part_next(&p, end, &texts, &tlen) &&
                 rg_part_next(&p, end, &layout, &llen);
    bool after = whole && rg_part_next(&p, end, &sent, &slen) &&
                 rg_part_next(&p, end, &more, &mtlen);
    bool failed = WIFEXITED(st) && WEXITSTATUS(st) == 2;
    if (timed_out) {
        rg_layout_report_timeout(engine, nodes, edges, timeout, d);
    } else if (whole && !failed) {
        /* The layout was made and sent whole: whatever ended the child
         * after it (the job's AFTER failing or crashing) costs only what
         * AFTER would have sent. */
        bool error;
        if (messages(msgs, mlen, retry_ok, &error, d)) {
            out = LAYOUT_RETRY;
        } else if (error) {
            /* Graphviz's own message says it. */
        } else if (rg_textcache_take(texts, tlen) && apply_layout(g, layout, llen)) {
            out = LAYOUT_OK;
            if (after && back && rg_textcache_take(more, mtlen))
                rg_buf_add(back, sent, slen);
        } else {
            rg_error_nomark(d, "the '%s' layout could not be read back", engine);
        }
    } else if (child_out_of_memory(st, ch)) {
        report_out_of_memory(engine, nodes, edges, &ru, d);
    } else if (WIFSIGNALED(st) && !is_crash(WTERMSIG(st))) {
        report_killed(engine, WTERMSIG(st), d);
    } else if (WIFSIGNALED(st) && retry_ok) {
        out = LAYOUT_RETRY;
    } else if (WIFSIGNALED(st)) {
        rg_error_nomark(d, "the '%s' layout engine crashed (signal %d) on this "
                        "graph of %zu nodes and %zu edges; try another engine "
                        "with -K", engine, WTERMSIG(st), nodes, edges);
    } else if (!whole) {
        rg_error_nomark(d, "the '%s' layout failed", engine);
    } else {
        /* It failed, and said so in its messages, or not. */
        bool error;
        if (messages(msgs, mlen, retry_ok, &error, d))
            out = LAYOUT_RETRY;
        else if (!error)
            rg_error_nomark(d, "the '%s' layout failed", engine);
    }
    rg_buf_free(&in);
    if (ch->err) {
        /* A second try's report says it all: the first's text goes. */
        char *text = out == LAYOUT_RETRY ? NULL : child_stderr(ch);
        if (text)
            rg_gvmsg_report(text, d);
        free(text);
        fclose(ch->err);
        ch->err = NULL;
    }
    return out;
}

void rg_layout_report_timeout(const char *engine, size_t nodes, size_t edges,
                              double timeout, rg_diags *d)
{
    /* sfdp is the fastest engine: past it, only time or fewer labels
     * help. */
    if (strcmp(engine, rg_layout_names.names[RG_LAYOUT_SFDP]) != 0)
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
}
