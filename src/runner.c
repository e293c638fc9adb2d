/*
 * runner.c - layouts in child processes (layout.c), one or many at once:
 * at most J children run together, all within one deadline (--timeout), a
 * layout that runs too long is killed, and a layout that fails in a way
 * engine.c has a second try for gets it within what is left of the time.
 * Each layout has its own graph, settings and diagnostics: one failing
 * costs only itself. stop.c knows every running child, by slot.
 */
#include "gv.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef enum { JOB_WAITING, JOB_RUNNING, JOB_DONE } job_phase;

/* A job's progress: its first try, then perhaps its second. */
typedef struct job_state {
    rg_layout_job *job;
    job_phase phase;
    rg_conf retry;     /* the second try's settings */
    bool second;       /* a second try is still to come if this one fails */
    bool retrying;     /* this is the second try */
    off_t mark;        /* shared fd 2: where this job's text starts */
    bool told;         /* its end told to rg_layout_until, or dropped */
    rg_child ch;
} job_state;

int rg_layout_parallel(size_t n)
{
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    size_t j = cpus > 0 ? (size_t)cpus : 1;
    if (j > n)
        j = n;
    if (j > RG_STOP_CHILDREN)
        j = RG_STOP_CHILDREN;
    return j > 0 ? (int)j : 1;
}

static int free_slot(const bool *used)
{
    for (int i = 0; i < RG_STOP_CHILDREN; i++)
        if (!used[i])
            return i;
    return -1;
}

/* Start S's next try, given START (the first try's clock) and TIMEOUT. */
static void job_start(GVC_t *gvc, job_state *s, double start, double timeout,
                      bool own_stderr, int slot)
{
    rg_layout_job *job = s->job;
    const char *engine = s->retrying ? s->retry.engine : job->c->engine;
    double allowed = timeout;
    if (s->retrying) {
        double left = timeout - (now() - start);
        allowed = left > 0.001 ? left : 0.001;
    }
    if (rg_child_start(gvc, job->g, engine, allowed, own_stderr, slot, job->after,
                       &s->ch, job->d))
        s->phase = JOB_RUNNING;
    else
        s->phase = JOB_DONE;
}

/* S's child has ended (or its time has): reap it, and queue its second
 * try when it has one. */
static void job_end(job_state *s, bool timed_out)
{
    rg_layout_job *job = s->job;
    bool retry_ok = s->second && !s->retrying;
    rg_layout_result r = rg_child_finish(&s->ch, job->g, timed_out, retry_ok,
                                         job->after ? &job->back : NULL, job->d);
    if (r == LAYOUT_RETRY) {
        if (!s->ch.err)
            rg_gvmsg_forget(s->mark); /* an assertion's message, say */
        rg_engine_set(job->g, &s->retry);
        s->retrying = true;
        s->phase = JOB_WAITING;
        return;
    }
    job->ok = r == LAYOUT_OK;
    s->phase = JOB_DONE;
}

/* Jobs from KEEP on no longer wanted: those waiting never start, those
 * running are stopped; how many that ends. */
static size_t drop_from(job_state *st, size_t n, size_t keep, bool *used)
{
    size_t dropped = 0;
    for (size_t i = keep; i < n; i++) {
        if (st[i].phase == JOB_DONE)
            continue;
        if (st[i].phase == JOB_RUNNING) {
            used[st[i].ch.slot] = false;
            rg_child_cancel(&st[i].ch);
        }
        st[i].phase = JOB_DONE;
        st[i].told = true;
        st[i].job->ok = false;
        dropped++;
    }
    return dropped;
}

/* Tell UNTIL of the jobs wanted that have ended since it was last told,
 * in their order, and drop what it no longer wants; *KEEP: how many are
 * wanted, *DONE: how many have ended. */
static void tell(job_state *st, size_t n, rg_layout_until *until, size_t *keep,
                 bool *used, size_t *done)
{
    for (size_t i = 0; until && i < *keep; i++) {
        if (st[i].phase != JOB_DONE || st[i].told)
            continue;
        st[i].told = true;
        size_t k = until->fn(i, until->ud);
        if (k < *keep) {
            *done += drop_from(st, n, k, used);
            *keep = k;
        }
    }
}

bool rg_layout_many(GVC_t *gvc, rg_layout_job *jobs, size_t n, int jobs_max,
                    double timeout)
{
    return rg_layout_many_until(gvc, jobs, n, jobs_max, timeout, NULL);
}

bool rg_layout_many_until(GVC_t *gvc, rg_layout_job *jobs, size_t n, int jobs_max,
                          double timeout, rg_layout_until *until)
{
    if (rg_layout_in_child()) {
        /* A layout child's own layouts (the legend of a candidate that
         * search.c finishes there): no child of their own. */
        bool all = true;
        size_t keep = n;
        for (size_t i = 0; i < keep; i++) {
            all = (jobs[i].ok = rg_layout_here(gvc, jobs[i].g, jobs[i].c->engine)) && all;
            size_t k = until ? until->fn(i, until->ud) : keep;
            keep = k < keep ? k : keep;
        }
        if (until)
            until->kept = keep;
        return all;
    }
    if (jobs_max < 1)
        jobs_max = 1;
    if (jobs_max > RG_STOP_CHILDREN)
        jobs_max = RG_STOP_CHILDREN;
    bool own_stderr = n > 1;
    job_state *st = rg_xcalloc(n ? n : 1, sizeof *st);
    for (size_t i = 0; i < n; i++) {
        st[i].job = &jobs[i];
        jobs[i].ok = false;
        st[i].second = rg_conf_retry(jobs[i].c, &st[i].retry);
        st[i].mark = -1;
    }
    bool used[RG_STOP_CHILDREN] = {false};
    struct pollfd *pfd = rg_xcalloc((size_t)jobs_max, sizeof *pfd);
    size_t *which = rg_xcalloc((size_t)jobs_max, sizeof *which);
    double start = now();
    double deadline = start + timeout;
    size_t done = 0, keep = n;
    while (done < n) {
        tell(st, n, until, &keep, used, &done);
        if (done == n)
            break;
        /* Start what waits, in the jobs' order, while there is room. */
        int running = 0;
        for (size_t i = 0; i < n; i++)
            running += st[i].phase == JOB_RUNNING;
        for (size_t i = 0; i < n && running < jobs_max; i++) {
            if (st[i].phase != JOB_WAITING)
                continue;
            if (now() >= deadline && !st[i].retrying && until) {
                /* Its turn came after the time was up: it and those
                 * after it were not tried. */
                done += drop_from(st, n, i, used);
                if (i < keep)
                    keep = i;
                break;
            }
            if (now() >= deadline && !st[i].retrying) {
                /* Its turn came after the time was up. */
                rg_layout_report_timeout(jobs[i].c->engine,
                                         (size_t)agnnodes(jobs[i].g),
                                         (size_t)agnedges(jobs[i].g), timeout,
                                         jobs[i].d);
                st[i].phase = JOB_DONE;
                done++;
                continue;
            }
            int slot = free_slot(used);
            if (!own_stderr)
                st[i].mark = rg_gvmsg_mark();
            job_start(gvc, &st[i], start, timeout, own_stderr, slot);
            if (st[i].phase == JOB_RUNNING) {
                used[slot] = true;
                running++;
            } else {
                done++;
            }
        }
        if (running == 0)
            continue;
        int np = 0;
        for (size_t i = 0; i < n; i++) {
            if (st[i].phase == JOB_RUNNING) {
                pfd[np] = (struct pollfd){st[i].ch.fd, POLLIN, 0};
                which[np++] = i;
            }
        }
        double left = deadline - now();
        if (left <= 0) {
            for (int k = 0; k < np; k++) {
                job_state *s = &st[which[k]];
                used[s->ch.slot] = false;
                job_end(s, true);
                done += s->phase == JOB_DONE;
            }
            continue;
        }
        int pr = poll(pfd, (nfds_t)np,
                      left > 1e6 ? 1000000000 : (int)(left * 1000) + 1);
        if (pr <= 0)
            continue; /* EINTR, or the deadline check above decides */
        for (int k = 0; k < np; k++) {
            if (!(pfd[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            job_state *s = &st[which[k]];
            if (rg_child_read(&s->ch))
                continue;
            used[s->ch.slot] = false;
            job_end(s, false);
            done += s->phase == JOB_DONE;
        }
    }
    tell(st, n, until, &keep, used, &done);
    if (until)
        until->kept = keep;
    bool all = true;
    for (size_t i = 0; i < n; i++)
        all = all && jobs[i].ok;
    free(which);
    free(pfd);
    free(st);
    return all;
}

bool rg_layout(GVC_t *gvc, Agraph_t *g, const rg_conf *c, double timeout,
               rg_diags *d)
{
    rg_layout_job job = {.g = g, .c = c, .d = d};
    return rg_layout_many(gvc, &job, 1, 1, timeout);
}

typedef struct memo_entry {
    char *key;    /* the engine, a newline, the graph written out */
    char *layout; /* rg_layout_text's */
    size_t len;
} memo_entry;

struct rg_layout_memo {
    memo_entry *v;
    size_t n, cap;
};

rg_layout_memo *rg_layout_memo_new(void)
{
    return rg_xcalloc(1, sizeof(rg_layout_memo));
}

void rg_layout_memo_free(rg_layout_memo *memo)
{
    if (!memo)
        return;
    for (size_t i = 0; i < memo->n; i++) {
        free(memo->v[i].key);
        free(memo->v[i].layout);
    }
    free(memo->v);
    free(memo);
}

/* KEY's LAYOUT (LEN bytes), both malloc'd, now MEMO's. */
static void memo_add(rg_layout_memo *memo, char *key, char *layout, size_t len)
{
    if (memo->n == memo->cap) {
        memo->cap = memo->cap ? 2 * memo->cap : 4;
        memo->v = rg_xrealloc(memo->v, memo->cap * sizeof *memo->v);
    }
    memo->v[memo->n++] = (memo_entry){key, layout, len};
}

/* ENGINE, a newline, then G as cgraph writes it: two graphs with the same
 * text get the same layout from the same engine. Malloc'd. */
static char *memo_key(Agraph_t *g, const char *engine)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        rg_oom();
    fprintf(f, "%s\n", engine);
    bool ok = agwrite(g, f) == 0;
    if (fclose(f) != 0 || !ok) {
        free(text);
        return NULL;
    }
    return text;
}

bool rg_layout_memo_lay(GVC_t *gvc, Agraph_t *g, const rg_conf *c, double timeout,
                        rg_diags *d, rg_layout_memo *memo)
{
    char *key = memo ? memo_key(g, c->engine) : NULL;
    if (!key)
        return rg_layout(gvc, g, c, timeout, d);
    for (size_t i = 0; i < memo->n; i++)
        if (strcmp(memo->v[i].key, key) == 0 &&
            rg_layout_apply(g, memo->v[i].layout, memo->v[i].len)) {
            free(key);
            return true;
        }
    if (!rg_layout(gvc, g, c, timeout, d)) {
        free(key);
        return false;
    }
    size_t len;
    char *layout = rg_layout_text(g, &len);
    memo_add(memo, key, layout, len);
    return true;
}

void rg_layout_memo_write(const rg_layout_memo *memo, rg_buf *out)
{
    for (size_t i = 0; i < memo->n; i++) {
        rg_buf_part(out, memo->v[i].key, strlen(memo->v[i].key));
        rg_buf_part(out, memo->v[i].layout, memo->v[i].len);
    }
}

bool rg_layout_memo_read(rg_layout_memo *memo, const char *text, size_t len)
{
    rg_buf copy = RG_BUF_INIT;
    rg_buf_add(&copy, text, len);
    char *p = copy.buf, *end = copy.buf + copy.len, *key, *layout;
    size_t klen, llen;
    while (p < end && rg_part_next(&p, end, &key, &klen) &&
           rg_part_next(&p, end, &layout, &llen))
        memo_add(memo, rg_xstrndup(key, klen), rg_xstrndup(layout, llen), llen);
    bool all = p == end;
    rg_buf_free(&copy);
    return all;
}
