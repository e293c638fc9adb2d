/*
 * stop.c - SIGINT, SIGTERM and SIGHUP while relgraph runs: the layout
 * child is killed, no temporary output is left behind, old outputs stay
 * as they were, and relgraph ends by the signal itself (a shell sees
 * status 130, 143 or 129), as an interrupted program should, so that the
 * script or CI step that ran it stops too.
 *
 * Most of a run has nothing on disk to undo (outputs are staged in
 * memory), so the handler kills the children, if any, and ends the
 * process at once: no waiting for a layout or a render to finish. Only
 * io.c's commit has temporary files: it holds the ending off
 * (rg_stop_hold), looks at rg_stop_pending between its steps, undoes what
 * it did, and rg_stop_release then ends the process. The handler is
 * installed without SA_RESTART, so that a write blocked during the commit
 * returns (EINTR) and the commit sees the signal.
 *
 * Everything the handler touches is a volatile sig_atomic_t, and it calls
 * only async-signal-safe functions (kill, sigaction, sigprocmask, raise).
 */
#include "internal.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};
#define RG_N_STOP (sizeof stop_signals / sizeof stop_signals[0])

static volatile sig_atomic_t stop_pending; /* the signal, or 0 */
static volatile sig_atomic_t stop_holding; /* inside rg_stop_hold */
static volatile sig_atomic_t stop_children[RG_STOP_CHILDREN]; /* pids, or 0 */

/* End the process by SIG, with its default action. */
static void die_by(int sig)
{
    struct sigaction dfl;
    memset(&dfl, 0, sizeof dfl);
    dfl.sa_handler = SIG_DFL;
    sigemptyset(&dfl.sa_mask);
    sigaction(sig, &dfl, NULL);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, sig);
    sigprocmask(SIG_UNBLOCK, &set, NULL);
    raise(sig);
    _exit(128 + sig); /* not reached: SIGINT, SIGTERM, SIGHUP end it */
}

static void on_stop(int sig)
{
    int saved = errno;
    stop_pending = sig;
    for (size_t i = 0; i < RG_STOP_CHILDREN; i++)
        if (stop_children[i] > 0)
            kill((pid_t)stop_children[i], SIGKILL);
    if (!stop_holding)
        die_by(sig);
    errno = saved;
}

void rg_stop_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    for (size_t i = 0; i < RG_N_STOP; i++)
        sigaddset(&sa.sa_mask, stop_signals[i]);
    for (size_t i = 0; i < RG_N_STOP; i++) {
        struct sigaction old;
        /* A signal ignored by whoever started relgraph (nohup's SIGHUP, a
         * background job's SIGINT) stays ignored. */
        if (sigaction(stop_signals[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
            continue;
        sigaction(stop_signals[i], &sa, NULL);
    }
}

void rg_stop_child_at(int slot, long pid)
{
    if (slot >= 0 && slot < RG_STOP_CHILDREN)
        stop_children[slot] = (sig_atomic_t)pid;
}

void rg_stop_child(long pid)
{
    rg_stop_child_at(0, pid);
}

void rg_stop_hold(void)
{
    stop_holding = 1;
}

bool rg_stop_pending(void)
{
    return stop_pending != 0;
}

void rg_stop_release(void)
{
    stop_holding = 0;
    if (stop_pending)
        die_by(stop_pending);
}
