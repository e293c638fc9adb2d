/*
 * test_suite.c - the YAML test suite ($SHARED/yaml-test-suite, SHARED
 * defaulting to ../shared) through the relgraph binary ($RELGRAPH, default
 * ./relgraph): `relgraph --check CASE/in.yaml` on every case, a few at a
 * time, each killed after 10 s.
 *
 * Every case: no crash, no hang, no sanitizer report. A case with an
 * `error` file (invalid YAML): exit 1, first line "PATH:LINE:COL: error: ".
 * Any other case: exit 0, or exit 1 with relgraph's own messages (schema,
 * limits, tags), never a YAML syntax error, except where libyaml 0.2.5
 * itself refuses valid YAML. libyaml's deviations are listed below with
 * their reasons; the test parses every case with libyaml too, so that the
 * lists stay exact both ways (a case libyaml gets right again must leave
 * them, a new deviation must join them).
 */
#include "cliutil.h"

#include <poll.h>
#include <signal.h>
#include <sys/resource.h>

#include <yaml.h>

#define CASE_SECONDS 10

/* ---- libyaml 0.2.5's known deviations from YAML 1.2 ------------------- */

typedef struct deviation {
    const char *id, *reason;
} deviation;

/* Valid YAML that libyaml refuses with a syntax error. */
static const deviation refuses_valid[] = {
    {"2JQS", "block mapping entries with empty (null) keys"},
    {"2LFX", "a reserved directive (%FOO) must be ignored, not refused"},
    {"2SXE", "':' inside an anchor name"},
    {"4ABK", "flow mapping entries with omitted values"},
    {"4MUZ-00", "flow mapping ':' on the line after a quoted key"},
    {"4MUZ-01", "flow mapping ':' on the line after a quoted key"},
    {"4MUZ-02", "flow mapping ':' on the line after a plain key"},
    {"58MP", "flow mapping value starting with ':'"},
    {"5MUD", "flow mapping ':' and value on the line after the key"},
    {"5T43", "flow scalar starting with ':' right after a JSON-like key"},
    {"6BCT", "tabs as separation space after '-' and ':'"},
    {"6CA3", "tab-indented flow collection at the top level"},
    {"6LVF", "a reserved directive (%FOO) must be ignored, not refused"},
    {"6M2F", "explicit mapping entry with an empty key"},
    {"7Z25", "bare document after a '...' document end marker"},
    {"8XYN", "non-ASCII characters in an anchor name"},
    {"96NN-00", "tab as the first content character of a literal scalar"},
    {"96NN-01", "tab as the first content character of a literal scalar"},
    {"9SA2", "multi-line double-quoted flow mapping key"},
    {"A2M4", "tabs after block indicators as separation"},
    {"BEC7", "%YAML 1.3 must be accepted with a warning"},
    {"CFD4", "empty implicit keys in single-pair flow sequences"},
    {"DBG4", "plain scalars starting with '::' inside flow collections"},
    {"DK3J", "zero-indented block scalar with a line that looks like a comment"},
    {"DK95-00", "tab after indentation before a scalar"},
    {"DK95-03", "line of only indentation and a tab"},
    {"DK95-04", "line of only a tab between mapping entries"},
    {"FP8R", "zero-indented folded scalar on the '---' line"},
    {"FRK4", "completely empty flow nodes (explicit '?' keys)"},
    {"HM87-00", "flow scalar starting with ':'"},
    {"HWV9", "stream of only a '...' document end marker"},
    {"K3WX", "flow mapping ':' after a comment on the next line"},
    {"M2N8-00", "explicit key '?' with an empty key and a value"},
    {"M7A3", "bare documents after '...' markers"},
    {"MUS6-05", "unknown directive %YAM must be ignored"},
    {"MUS6-06", "unknown directive %YAMLL must be ignored"},
    {"NHX8", "empty key followed by empty lines at the end"},
    {"NJ66", "multi-line plain flow mapping key"},
    {"NKF9", "empty keys in block and flow mappings"},
    {"Q5MG", "tab at the start of a line before a flow mapping"},
    {"QT73", "stream of a comment and a '...' marker"},
    {"R4YG", "tab in the indentation-detection lines of a folded scalar"},
    {"S3PD", "block mapping entry with an empty key"},
    {"SM9W-01", "stream of a single ':'"},
    {"UKK6-00", "sequence entry of a mapping with an empty key"},
    {"UT92", "multi-line plain key starting with '%' in a flow mapping"},
    {"VJP3-01", "flow mapping key and ':' on separate lines"},
    {"W4TN", "'%' at the start of a literal scalar line after a directive"},
    {"W5VH", "anchor names with ':' '@' '*' '!' '$' '\"' '<' '>'"},
    {"Y79Y-001", "tab-only line inside a literal scalar"},
    {"Y79Y-010", "tab after '-' before a negative number"},
};

/* Invalid YAML that libyaml accepts: relgraph refuses each of these only
 * because its schema does. */
static const deviation accepts_invalid[] = {
    {"9C9N", "flow sequence continuation lines not indented"},
    {"9HCY", "directive after a document without '...'"},
    {"9JBA", "comment without a space after ']'"},
    {"CVW2", "comment without a space after ','"},
    {"DK95-01", "tab as indentation of a double-quoted continuation line"},
    {"EB22", "directive after a document without '...'"},
    {"G5U8", "plain '-' entries in a flow sequence"},
    {"MUS6-00", "comment without a space after a %YAML directive"},
    {"MUS6-01", "second %YAML directive without '...'"},
    {"QB6E", "quoted scalar continuation lines not indented"},
    {"RHX7", "%YAML directive without '...' before it"},
    {"S98Z", "block scalar with leading empty lines longer than its content"},
    {"SU5Z", "comment without a space after a double-quoted scalar"},
    {"X4QW", "comment without a space after a block scalar indicator"},
    {"Y79Y-003", "tab as indentation inside a flow sequence"},
    {"YJV2", "plain '-' in a flow sequence"},
};

static bool listed(const deviation *list, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(list[i].id, id) == 0)
            return true;
    return false;
}

#define LISTED(list, id) listed(list, sizeof list / sizeof list[0], id)

/* ---- libyaml's syntax messages, as load.c passes them on -------------- */

/* load.c reports libyaml's failures as "CONTEXT: PROBLEM" or "PROBLEM".
 * Every context starts with "while "; these are libyaml 0.2.5's problems
 * that can come without one. */
static const char *const syntax_problems[] = {
    "block sequence entries are not allowed in this context",
    "mapping keys are not allowed in this context",
    "mapping values are not allowed in this context",
    "did not find expected <document start>",
    "did not find expected <stream-start>",
    "found incompatible YAML document",
    "found duplicate %YAML directive",
    "found duplicate %TAG directive",
    "found undefined tag handle",
    "control characters are not allowed",
    "invalid leading UTF-8 octet",
    "invalid trailing UTF-8 octet",
    "incomplete UTF-8 octet sequence",
    "invalid length of a UTF-8 sequence",
    "invalid Unicode character",
    "input is too long",
    "invalid YAML", /* load.c's words when libyaml gives none */
};

static bool is_syntax_message(const char *msg)
{
    if (strncmp(msg, "while ", 6) == 0)
        return true;
    for (size_t i = 0; i < sizeof syntax_problems / sizeof *syntax_problems; i++)
        if (strcmp(msg, syntax_problems[i]) == 0)
            return true;
    return false;
}

/* ---- running relgraph ------------------------------------------------------- */

typedef struct outcome {
    bool hung, crashed;
    int status; /* exit status, when neither */
    char *err;  /* stderr, owned */
} outcome;

/* A run in progress. The child holds the write end of a pipe, so that the
 * read end reports its end (POLLHUP) to poll, which also keeps the time. */
typedef struct job {
    pid_t pid;
    int efd, pfd;
    double start;
} job;

static job start_case(const char *input)
{
    job j;
    char errp[] = "/tmp/rgsuite-err-XXXXXX";
    j.efd = mkstemp(errp);
    assert_true(j.efd >= 0);
    unlink(errp);
    int nullfd = open("/dev/null", O_RDWR);
    int fds[2];
    assert_true(nullfd >= 0 && pipe(fds) == 0);
    j.start = cu_now();
    j.pid = fork();
    assert_true(j.pid >= 0);
    if (j.pid == 0) {
        struct rlimit nocore = {0, 0};
        setrlimit(RLIMIT_CORE, &nocore);
        close(fds[0]);
        dup2(nullfd, 0);
        dup2(nullfd, 1);
        dup2(j.efd, 2);
        execl(cu_binary(), cu_binary(), "--check", input, (char *)NULL);
        _exit(127);
    }
    close(nullfd);
    close(fds[1]);
    j.pfd = fds[0];
    return j;
}

static outcome finish_case(job *j)
{
    outcome o = {0};
    for (;;) {
        /* Past the deadline (the batch's earlier cases took it), one
         * look without waiting. */
        double left = j->start + CASE_SECONDS - cu_now();
        struct pollfd pfd = {j->pfd, POLLIN, 0};
        int pr = poll(&pfd, 1, left > 0 ? (int)(left * 1000) + 1 : 0);
        if (pr < 0 && errno == EINTR)
            continue;
        if (pr == 0 && cu_now() < j->start + CASE_SECONDS)
            continue;
        if (pr == 0) {
            kill(j->pid, SIGKILL);
            o.hung = true;
        }
        break;
    }
    close(j->pfd);
    int st = 0;
    while (waitpid(j->pid, &st, 0) < 0 && errno == EINTR)
        ;
    lseek(j->efd, 0, SEEK_SET);
    o.err = cu_slurp_fd(j->efd, NULL);
    close(j->efd);
    if (!o.hung) {
        o.crashed = WIFSIGNALED(st);
        o.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    }
    /* A sanitizer that finds something reports and exits (or aborts). */
    if (strstr(o.err, "Sanitizer") || strstr(o.err, "runtime error:"))
        o.crashed = true;
    return o;
}

/* ---- reading relgraph's messages ------------------------------------------ */

typedef struct tally {
    size_t cases, error_refused, valid_accepted, valid_refused_by_schema;
    size_t libyaml_refuses_valid, libyaml_accepts_invalid;
    size_t crashes, hangs, misjudged;
} tally;

/* The message of a "PATH:LINE:COL: error: MESSAGE" line, or NULL if LINE
 * is not one; SEV receives "error" or "warning". */
static const char *diag_message(const char *line, const char *path,
                                const char **sev)
{
    size_t plen = strlen(path);
    if (strncmp(line, path, plen) != 0 || line[plen] != ':')
        return NULL;
    const char *p = line + plen + 1;
    for (int field = 0; field < 2; field++) {
        if (*p < '1' || *p > '9')
            return NULL;
        while (*p >= '0' && *p <= '9')
            p++;
        if (*p++ != ':')
            return NULL;
    }
    if (strncmp(p, " error: ", 8) == 0) {
        *sev = "error";
        return p + 8;
    }
    if (strncmp(p, " warning: ", 10) == 0) {
        *sev = "warning";
        return p + 10;
    }
    return NULL;
}

typedef struct reading {
    bool well_formed;  /* every line is PATH:LINE:COL: error|warning: MSG */
    bool first_is_error;
    bool syntax;       /* one of them is a YAML syntax error */
    size_t errors;
} reading;

static reading read_stderr(char *err, const char *path)
{
    reading r = {true, false, false, 0};
    bool first = true;
    for (char *line = err; *line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        const char *sev = NULL;
        const char *msg = diag_message(line, path, &sev);
        if (!msg || !*msg) {
            r.well_formed = false;
        } else if (strcmp(sev, "error") == 0) {
            r.errors++;
            r.first_is_error |= first;
            r.syntax |= is_syntax_message(msg);
        }
        first = false;
        if (!nl)
            break;
        *nl = '\n';
        line = nl + 1;
    }
    return r;
}

static void misjudged(tally *t, const char *id, const char *why, const char *err)
{
    t->misjudged++;
    print_message("MISJUDGED %s: %s\n", id, why);
    if (err && *err)
        print_message("  stderr: %.300s\n", err);
}

/* libyaml's own verdict on the file at PATH, read as relgraph reads it
 * (UTF-8 only), event by event to the end of the stream. */
static bool libyaml_accepts(const char *path)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    yaml_parser_t p;
    assert_true(yaml_parser_initialize(&p));
    yaml_parser_set_input_file(&p, f);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    bool ok = true, end = false;
    while (ok && !end) {
        yaml_event_t ev;
        ok = yaml_parser_parse(&p, &ev);
        if (ok) {
            end = ev.type == YAML_STREAM_END_EVENT;
            yaml_event_delete(&ev);
        }
    }
    yaml_parser_delete(&p);
    fclose(f);
    return ok;
}

/* ---- the cases ---------------------------------------------------------- */

typedef struct kase {
    char *id;    /* its path below the suite's directory; owned */
    char *input; /* its in.yaml; owned */
    bool invalid;  /* it has an `error` file */
} kase;

typedef struct case_list {
    kase *items; /* owned */
    size_t n, cap;
} case_list;

static int by_id(const void *a, const void *b)
{
    return strcmp(((const kase *)a)->id, ((const kase *)b)->id);
}

/* Every directory under ROOT that holds an in.yaml is a case; its id is
 * its path below ROOT ("2G84-00", or "2G84/00" in the unflattened layout). */
static void find_cases(case_list *l, const char *root, const char *rel)
{
    rg_buf dir = {0};
    rg_buf_printf(&dir, "%s%s%s", root, *rel ? "/" : "", rel);
    DIR *d = opendir(dir.buf);
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        rg_buf sub = {0}, subrel = {0}, in = {0}, error = {0};
        rg_buf_printf(&sub, "%s/%s", dir.buf, e->d_name);
        rg_buf_printf(&subrel, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
        rg_buf_printf(&in, "%s/in.yaml", sub.buf);
        rg_buf_printf(&error, "%s/error", sub.buf);
        struct stat st;
        if (stat(sub.buf, &st) == 0 && S_ISDIR(st.st_mode)) {
            find_cases(l, root, subrel.buf);
            if (access(in.buf, F_OK) == 0) {
                if (l->n == l->cap) {
                    l->cap = l->cap ? 2 * l->cap : 512;
                    l->items = rg_xrealloc(l->items, l->cap * sizeof *l->items);
                }
                l->items[l->n++] = (kase){subrel.buf, in.buf,
                                          access(error.buf, F_OK) == 0};
                subrel.buf = in.buf = NULL;
            }
        }
        free(sub.buf);
        free(subrel.buf);
        free(in.buf);
        free(error.buf);
    }
    if (d)
        closedir(d);
    free(dir.buf);
}

/* ---- judging ------------------------------------------------------------ */

static void judge(tally *t, const kase *k, outcome *o)
{
    const char *id = k->id;
    t->cases++;
    /* The lists of deviations say exactly what libyaml does. */
    bool libyaml_ok = libyaml_accepts(k->input);
    bool known = k->invalid ? LISTED(accepts_invalid, id) : LISTED(refuses_valid, id);
    bool deviates = k->invalid ? libyaml_ok : !libyaml_ok;
    if (deviates && !known)
        misjudged(t, id, k->invalid ? "libyaml accepts this invalid YAML: add it "
                                      "to accepts_invalid, with the reason"
                                    : "libyaml refuses this valid YAML: add it "
                                      "to refuses_valid, with the reason", NULL);
    if (known && !deviates)
        misjudged(t, id, k->invalid ? "libyaml now refuses it: remove it from "
                                      "accepts_invalid"
                                    : "libyaml now accepts it: remove it from "
                                      "refuses_valid", NULL);

    reading r = read_stderr(o->err, k->input);
    if (o->hung) {
        t->hangs++;
        print_message("HANG %s: killed after %d s\n", id, CASE_SECONDS);
    } else if (o->crashed) {
        t->crashes++;
        print_message("CRASH %s\n  stderr: %.2000s\n", id, o->err);
    } else if (k->invalid) {
        if (o->status == 1 && r.first_is_error && r.well_formed) {
            t->error_refused++;
            t->libyaml_accepts_invalid += libyaml_ok;
        } else {
            misjudged(t, id, "invalid YAML not refused with PATH:LINE:COL: error:",
                      o->err);
        }
    } else if (o->status == 0 && r.well_formed) {
        t->valid_accepted++;
    } else if (o->status != 1 || !r.well_formed || r.errors == 0) {
        misjudged(t, id, "valid YAML: expected exit 0, or 1 with PATH:LINE:COL "
                         "messages", o->err);
    } else if (r.syntax && libyaml_ok) {
        misjudged(t, id, "valid YAML that libyaml accepts refused as a syntax "
                         "error", o->err);
    } else if (r.syntax) {
        t->libyaml_refuses_valid++;
    } else {
        t->valid_refused_by_schema++;
    }
}

#define PARALLEL 8

static void test_yaml_test_suite(void **state)
{
    (void)state;
    const char *shared = getenv("SHARED");
    rg_buf root = {0};
    rg_buf_printf(&root, "%s/yaml-test-suite", shared && *shared ? shared : "../shared");
    struct stat st;
    if (stat(root.buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
        print_message("yaml-test-suite not found at %s; set SHARED\n", root.buf);
        free(root.buf);
        skip();
    }
    case_list l = {0};
    find_cases(&l, root.buf, "");
    free(root.buf);
    assert_true(l.n > 0);
    qsort(l.items, l.n, sizeof *l.items, by_id);

    /* A few at a time; each has its own 10 s. */
    tally t = {0};
    for (size_t i = 0; i < l.n; i += PARALLEL) {
        size_t n = l.n - i < PARALLEL ? l.n - i : PARALLEL;
        job jobs[PARALLEL];
        for (size_t j = 0; j < n; j++)
            jobs[j] = start_case(l.items[i + j].input);
        for (size_t j = 0; j < n; j++) {
            outcome o = finish_case(&jobs[j]);
            judge(&t, &l.items[i + j], &o);
            free(o.err);
        }
    }
    for (size_t i = 0; i < l.n; i++) {
        free(l.items[i].id);
        free(l.items[i].input);
    }
    free(l.items);

    print_message("yaml-test-suite: %zu cases; %zu error cases refused "
                  "(%zu of them only by the schema: libyaml accepts them); "
                  "%zu valid accepted, %zu valid refused by the schema, "
                  "%zu valid refused by libyaml (known deviations); "
                  "%zu crashes, %zu hangs, %zu misjudged\n",
                  t.cases, t.error_refused, t.libyaml_accepts_invalid,
                  t.valid_accepted, t.valid_refused_by_schema,
                  t.libyaml_refuses_valid, t.crashes, t.hangs, t.misjudged);
    assert_int_equal(t.crashes, 0);
    assert_int_equal(t.hangs, 0);
    assert_int_equal(t.misjudged, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_yaml_test_suite),
    };
    return cmocka_run_group_tests_name("yaml-test-suite", tests, NULL, NULL);
}
