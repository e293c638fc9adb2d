/*
 * schema.c - the JSON Schema of the YAML format, for --schema.
 *
 * src/schema.json is the one source: the Makefile turns it into
 * build/schema.inc, a C string literal of the same bytes, line by line
 * (backslashes, quotes and question marks escaped, so no trigraph can
 * form), and this file includes it.
 */
#include "relgraph.h"

static const char schema_json[] =
#include "../build/schema.inc"
    ;

const char *rg_schema_json(size_t *len)
{
    if (len)
        *len = sizeof schema_json - 1;
    return schema_json;
}
