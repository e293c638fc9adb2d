/*
 * gvutil.h - helpers for the tests that look into cgraph graphs: nodes and
 * edges by name, their attributes checked a list at a time, and a graph
 * as DOT text. Include it after testutil.h (or cliutil.h).
 */
#ifndef RG_GVUTIL_H
#define RG_GVUTIL_H

#include "gv.h"

/* The edge called NAME, or NULL. */
static inline Agedge_t *gu_find_edge(Agraph_t *g, const char *name)
{
    for (Agnode_t *n = agfstnode(g); n; n = agnxtnode(g, n))
        for (Agedge_t *e = agfstout(g, n); e; e = agnxtout(g, e))
            if (strcmp(agnameof(e), name) == 0)
                return e;
    return NULL;
}

/* The node called NAME, which must exist. */
static inline Agnode_t *gu_node(Agraph_t *g, const char *name)
{
    Agnode_t *n = agnode(g, RG_S(name), 0);
    if (!n)
        print_error("no node '%s'\n", name);
    assert_non_null(n);
    return n;
}

/* The edge called NAME, which must exist. */
static inline Agedge_t *gu_edge(Agraph_t *g, const char *name)
{
    Agedge_t *e = gu_find_edge(g, name);
    if (!e)
        print_error("no edge '%s'\n", name);
    assert_non_null(e);
    return e;
}

/* The node or else the edge called NAME in G, which must exist. */
static inline void *gu_object(Agraph_t *g, const char *name)
{
    Agnode_t *n = agnode(g, RG_S(name), 0);
    return n ? (void *)n : (void *)gu_edge(g, name);
}

/* The value of attribute NAME on OBJ, "" when not set, NULL when not
 * declared; on an edge, "tail" and "head" are the names of its ends. */
static inline const char *gu_attr(void *obj, const char *name)
{
    if (agobjkind(obj) == AGEDGE && strcmp(name, "tail") == 0)
        return agnameof(agtail((Agedge_t *)obj));
    if (agobjkind(obj) == AGEDGE && strcmp(name, "head") == 0)
        return agnameof(aghead((Agedge_t *)obj));
    return agget(obj, RG_S(name));
}

/* Append to GOT the attributes of OBJ that WANT lists, "shape=box
 * style=filled ...", with the values OBJ has (as gu_attr gives them):
 * "NAME=(undeclared)" for one it does not declare. A value may hold
 * spaces, but no " NAME=". */
static inline void gu_attrs_text(rg_buf *got, void *obj, const char *want)
{
    const char *p = want;
    while (*p) {
        const char *eq = strchr(p, '=');
        if (!eq)
            fail_msg("not NAME=VALUE: %s", p);
        /* The value runs to the next " NAME=". */
        const char *end = eq + 1;
        while ((end = strchr(end, ' '))) {
            const char *q = end + 1;
            while (*q && *q != ' ' && *q != '=')
                q++;
            if (*q == '=' && q > end + 1)
                break;
            end++;
        }
        if (!end)
            end = eq + strlen(eq);
        rg_buf name = RG_BUF_INIT;
        rg_buf_add(&name, p, (size_t)(eq - p));
        const char *v = gu_attr(obj, name.buf);
        rg_buf_printf(got, "%s=%s%s", name.buf, v ? v : "(undeclared)",
                      *end ? " " : "");
        rg_buf_free(&name);
        p = *end ? end + 1 : end;
    }
}

/* OBJ's attributes are those WANT lists (as gu_attrs_text reads it): each
 * declared, with that value. They are compared as one string, so that a
 * failure shows each name with its value. */
static inline void gu_assert_attrs(void *obj, const char *want)
{
    rg_buf got = RG_BUF_INIT;
    gu_attrs_text(&got, obj, want);
    assert_string_equal(got.buf, want);
    rg_buf_free(&got);
}

/* Check a list of objects of G: each of the N ROWS is "NAME attr=value
 * ...", the node (or else the edge) NAME, which must exist, and its
 * attributes, as gu_assert_attrs. */
static inline void gu_assert_rows(Agraph_t *g, const char *const *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *sp = strchr(rows[i], ' ');
        if (!sp)
            fail_msg("not NAME attr=value ...: %s", rows[i]);
        rg_buf got = RG_BUF_INIT;
        rg_buf_add(&got, rows[i], (size_t)(sp - rows[i]));
        void *obj = gu_object(g, got.buf);
        rg_buf_putc(&got, ' ');
        gu_attrs_text(&got, obj, sp + 1);
        assert_string_equal(got.buf, rows[i]);
        rg_buf_free(&got);
    }
}

#define GU_ROWS(g, rows) gu_assert_rows(g, rows, sizeof rows / sizeof *rows)

/* G written as DOT (owned by the caller). */
static inline char *gu_dot_text(Agraph_t *g)
{
    char *text = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&text, &len);
    assert_non_null(fp);
    assert_int_equal(agwrite(g, fp), 0);
    fclose(fp);
    return text;
}

#endif
