/*
 * gvmsg.c - Graphviz's own messages, captured (agseterrf) and reported
 * through the caller's rg_diags instead of printed. Some plugins print to
 * stderr themselves (cairo's "graph is too large for cairo-renderer
 * bitmaps"): fd 2 goes to a temporary file meanwhile, and a layout child,
 * forked inside, inherits it.
 *
 * agseterrf takes no user data, so the capture in progress is this file's
 * state: one at a time, which is all relgraph needs.
 */
#include "gv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static rg_diags *capture_diags;
static rg_buf capture_text = RG_BUF_INIT;
static agusererrf capture_prev;
static FILE *capture_stderr;
static int capture_saved_fd = -1;

static int capture(char *msg)
{
    rg_buf_puts(&capture_text, msg);
    return 0;
}

void rg_gvmsg_begin(rg_diags *d)
{
    capture_diags = d;
    rg_buf_clear(&capture_text);
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

void rg_gvmsg_child(void)
{
    rg_buf_clear(&capture_text);
    agseterrf(capture);
    agseterr(AGWARN);
}

const char *rg_gvmsg_text(size_t *len)
{
    *len = capture_text.len;
    return capture_text.buf ? capture_text.buf : "";
}

size_t rg_gvmsg_text_mark(void)
{
    return capture_text.len;
}

char *rg_gvmsg_text_take(size_t mark)
{
    rg_buf b = RG_BUF_INIT;
    if (mark < capture_text.len) {
        rg_buf_add(&b, capture_text.buf + mark, capture_text.len - mark);
        capture_text.len = mark;
        capture_text.buf[mark] = '\0';
    }
    return rg_buf_detach(&b, NULL);
}

off_t rg_gvmsg_mark(void)
{
    fflush(stderr);
    return capture_stderr ? lseek(fileno(capture_stderr), 0, SEEK_END) : -1;
}

void rg_gvmsg_forget(off_t mark)
{
    fflush(stderr);
    if (capture_stderr && mark >= 0 && ftruncate(fileno(capture_stderr), mark) == 0)
        lseek(fileno(capture_stderr), mark, SEEK_SET);
}

char *rg_gvmsg_since(off_t mark)
{
    rg_buf b = RG_BUF_INIT;
    fflush(stderr);
    if (capture_stderr && mark >= 0) {
        char chunk[4096];
        ssize_t n;
        off_t at = mark;
        while ((n = pread(fileno(capture_stderr), chunk, sizeof chunk, at)) > 0) {
            rg_buf_add(&b, chunk, (size_t)n);
            at += n;
        }
    }
    return rg_buf_detach(&b, NULL);
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

bool rg_gvmsg_report(char *s, rg_diags *d)
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

bool rg_gvmsg_has_error(const char *s)
{
    for (; s && *s; s = strchr(s, '\n'), s = s ? s + 1 : NULL) {
        bool is_error;
        graphviz_line(s, &is_error);
        if (is_error)
            return true;
    }
    return false;
}

bool rg_gvmsg_end(void)
{
    capture_stderr_end();
    bool error = rg_gvmsg_report(capture_text.buf, capture_diags);
    /* Empty, not just zero length: the next capture_end would report the
     * stale text again. */
    rg_buf_clear(&capture_text);
    agseterrf(capture_prev);
    capture_diags = NULL;
    return error || agerrors() >= AGERR;
}
