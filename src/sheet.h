/*
 * sheet.h - a spreadsheet's rows of cells (sheet.c parses them from CSV or
 * TSV), shared by sheet.c, import.c and the tests.
 */
#ifndef RG_SHEET_H
#define RG_SHEET_H

#include "internal.h"

typedef struct rg_cell {
    const char *text;  /* NUL-terminated (a NUL inside is an error) */
    size_t len;
} rg_cell;

typedef struct rg_row {
    rg_cell *cells;    /* in the sheet's arena */
    size_t n;
} rg_row;

typedef struct rg_sheet {
    rg_arena *arena;   /* owns the cells and their text */
    rg_row *rows;      /* owned; rows[0] is the header */
    size_t n_rows, cap;
} rg_sheet;

/* LEN bytes of CSV (TSV: tab-separated) into a sheet, owned by the caller
 * (rg_sheet_free). Problems are errors in D, at 0-based (row, column);
 * the sheet holds what could be read. */
rg_sheet *rg_sheet_parse(const char *data, size_t len, bool tsv, rg_diags *d);
void rg_sheet_free(rg_sheet *s);

#endif
