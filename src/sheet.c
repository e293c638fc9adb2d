/*
 * sheet.c - a spreadsheet saved as CSV or TSV into rows of cells, parsed
 * by libcsv: quoting as spreadsheets write it (quoted cells may hold the
 * delimiter, doubled quotes and line breaks), a UTF-8 byte order mark
 * skipped, CRLF inside a cell read as a newline. Every cell is checked
 * for what no text of a data file may hold (a NUL or another control
 * character, bad UTF-8): each is an error at its row and column, all of
 * them in one pass. import.c reads the rows. relgraph(1), IMPORT.
 *
 * Rows are a spreadsheet's rows, the header row being row 1, whatever
 * line breaks quoted cells hold; an empty line is an empty row.
 */
#include "internal.h"
#include "sheet.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

/* Cells a row may have; rows are bounded by RG_MAX_ENTRIES. */
#define RG_SHEET_MAX_CELLS 1000

typedef struct parse {
    rg_sheet *s;
    rg_diags *d;
    rg_buf cells;      /* the row being read: rg_cell entries */
    size_t row;        /* 0-based index of that row */
    int last_end;      /* the character that ended the last row */
    bool stop;         /* a limit was reached: the rest is not read */
} parse;

static void end_row(int c, void *ud);

/* libcsv: one cell of the row being read. */
static void on_cell(void *data, size_t len, void *ud)
{
    parse *p = ud;
    if (p->stop)
        return;
    size_t col = p->cells.len / sizeof(rg_cell);
    rg_mark at = {p->row, col};
    if (col == RG_SHEET_MAX_CELLS) {
        rg_error(p->d, at, "row %zu has more than %d cells (the limit)", p->row + 1,
                 RG_SHEET_MAX_CELLS);
        p->stop = true;
        return;
    }
    /* CRLF in a quoted cell, as spreadsheets on Windows write it. */
    char *text = rg_arena_alloc(p->s->arena, len + 1);
    size_t n = 0;
    const char *in = data ? data : "";
    for (size_t i = 0; i < len; i++)
        if (!(in[i] == '\r' && i + 1 < len && in[i + 1] == '\n'))
            text[n++] = in[i];
    text[n] = '\0';
    uint32_t bad = rg_utf8_first_forbidden((const unsigned char *)text, n);
    if (bad == 0xFFFD)
        rg_error(p->d, at, "invalid UTF-8 in cell");
    else if (bad != UINT32_MAX && rg_utf8_is_noncharacter(bad))
        rg_error(p->d, at, "noncharacter U+%04X in cell", (unsigned)bad);
    else if (bad != UINT32_MAX)
        rg_error(p->d, at, "control character U+%04X in cell", (unsigned)bad);
    rg_cell cell = {text, n};
    rg_buf_add(&p->cells, (const char *)&cell, sizeof cell);
}

/* libcsv: the end of a row (C: the character that ended it, -1 at the end
 * of the input). With CSV_REPALL_NL every line break ends a row, so that
 * empty lines count; the LF of a CRLF is not a row of its own. */
static void end_row(int c, void *ud)
{
    parse *p = ud;
    size_t n = p->cells.len / sizeof(rg_cell);
    bool crlf = n == 0 && c == '\n' && p->last_end == '\r';
    p->last_end = c;
    if (p->stop || crlf)
        return;
    if (p->s->n_rows == RG_MAX_ENTRIES + 1) {
        rg_error(p->d, (rg_mark){p->row, 0},
                 "the sheet has more than %u rows (the limit)", RG_MAX_ENTRIES);
        p->stop = true;
        return;
    }
    if (p->s->n_rows == p->s->cap) {
        p->s->cap = p->s->cap ? 2 * p->s->cap : 64;
        p->s->rows = rg_xrealloc(p->s->rows, p->s->cap * sizeof *p->s->rows);
    }
    rg_row *r = &p->s->rows[p->s->n_rows++];
    r->n = n;
    r->cells = rg_arena_alloc(p->s->arena, (n ? n : 1) * sizeof(rg_cell));
    if (n)
        memcpy(r->cells, p->cells.buf, n * sizeof(rg_cell));
    rg_buf_clear(&p->cells);
    p->row++;
}

/* Only the space is trimmed around an unquoted cell: a tab may be the
 * delimiter. */
static int is_space(unsigned char c)
{
    return c == ' ';
}

/* The same allocation as the rest of relgraph: out of memory aborts. */
static void *sheet_realloc(void *p, size_t n)
{
    return rg_xrealloc(p, n ? n : 1);
}

rg_sheet *rg_sheet_parse(const char *data, size_t len, bool tsv, rg_diags *d)
{
    rg_sheet *s = rg_xcalloc(1, sizeof *s);
    s->arena = rg_arena_new();
    if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
        data += 3, len -= 3;
    struct csv_parser cp;
    if (csv_init(&cp, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
        rg_oom();
    csv_set_realloc_func(&cp, sheet_realloc);
    csv_set_free_func(&cp, free);
    csv_set_space_func(&cp, is_space);
    if (tsv)
        csv_set_delim(&cp, CSV_TAB);
    parse p = {s, d, RG_BUF_INIT, 0, 0, false};
    size_t done = csv_parse(&cp, data, len, on_cell, end_row, &p);
    int err = done < len ? csv_error(&cp) : CSV_SUCCESS;
    if (err == CSV_SUCCESS && csv_fini(&cp, on_cell, end_row, &p) != 0)
        err = csv_error(&cp);
    if (err == CSV_ENOMEM || err == CSV_ETOOBIG)
        rg_oom();
    if (err != CSV_SUCCESS && !p.stop) {
        /* libcsv stops at a quote inside an unquoted cell, or text after a
         * closing quote, or a quote that is never closed. */
        size_t col = p.cells.len / sizeof(rg_cell);
        rg_error(d, (rg_mark){p.row, col},
                 "malformed quoting: a quote inside a cell must be doubled "
                 "(\"\"), and a quoted cell must end with a quote");
    }
    csv_free(&cp);
    rg_buf_free(&p.cells);
    return s;
}

void rg_sheet_free(rg_sheet *s)
{
    if (!s)
        return;
    rg_arena_free(s->arena);
    free(s->rows);
    free(s);
}
