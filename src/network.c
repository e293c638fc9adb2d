/*
 * network.c - the (filtered) model as a network file for the tools that
 * analyse networks: GraphML (Gephi, Cytoscape, yEd, networkx) and GEXF 1.3
 * (Gephi, whose timeline plays the ties' dates as spells). Both come from
 * one table of the fields an actor and a tie carry, written with
 * escape.c's XML escaper; the output depends on the model alone.
 * relgraph(1), NETWORK FILES, describes them.
 *
 * A tie between two actors is one edge. A multi-party tie (`between`) is
 * an edge from the first party to each other one when its kind is
 * directed, as the drawing reads it, and an edge between every two
 * parties when it is not (talks among three are three pairs talking);
 * each such edge carries the tie's id in its `tie` field. What a tie is
 * about (`over`) is its edges' `over` field.
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* ---- the fields ------------------------------------------------------------ */

typedef enum field_type { F_STRING, F_BOOL, F_INT } field_type;

typedef struct field {
    const char *name;
    field_type type;
} field;

enum { A_LABEL, A_NAME, A_KIND, A_ROLE, A_GROUP, A_GROUPS, A_ALIASES, A_NOTE,
       A_URL, A_SOURCES, A_N };
static const field actor_fields[A_N] = {
    [A_LABEL] = {"label", F_STRING},     [A_NAME] = {"name", F_STRING},
    [A_KIND] = {"kind", F_STRING},       [A_ROLE] = {"role", F_STRING},
    [A_GROUP] = {"group", F_STRING},     [A_GROUPS] = {"groups", F_STRING},
    [A_ALIASES] = {"aliases", F_STRING}, [A_NOTE] = {"note", F_STRING},
    [A_URL] = {"url", F_STRING},         [A_SOURCES] = {"sources", F_STRING},
};

enum { T_TIE, T_KIND, T_LABEL, T_DIRECTED, T_DATE, T_START, T_END, T_STATUS,
       T_WEIGHT, T_NOTE, T_SOURCES, T_BETWEEN, T_OVER, T_N };
static const field tie_fields[T_N] = {
    [T_TIE] = {"tie", F_STRING},       [T_KIND] = {"kind", F_STRING},
    [T_LABEL] = {"label", F_STRING},   [T_DIRECTED] = {"directed", F_BOOL},
    [T_DATE] = {"date", F_STRING},     [T_START] = {"start", F_STRING},
    [T_END] = {"end", F_STRING},       [T_STATUS] = {"status", F_STRING},
    [T_WEIGHT] = {"weight", F_INT},    [T_NOTE] = {"note", F_STRING},
    [T_SOURCES] = {"sources", F_STRING}, [T_BETWEEN] = {"between", F_STRING},
    [T_OVER] = {"over", F_STRING},
};

/* Each field's value as text, NULL when the object has none: v[i] is
 * bufs[i].buf or a string of the model. */
#define MAX_FIELDS 16
_Static_assert((int)A_N <= MAX_FIELDS && (int)T_N <= MAX_FIELDS, "room for the fields");
typedef struct values {
    const char *v[MAX_FIELDS];
    rg_buf bufs[MAX_FIELDS];
} values;

static void values_free(values *vs)
{
    for (size_t i = 0; i < sizeof vs->bufs / sizeof vs->bufs[0]; i++)
        rg_buf_free(&vs->bufs[i]);
}

static void values_clear(values *vs)
{
    for (size_t i = 0; i < sizeof vs->bufs / sizeof vs->bufs[0]; i++) {
        rg_buf_clear(&vs->bufs[i]);
        vs->v[i] = NULL;
    }
}

/* Sources by id, or by URL for an anonymous one: neither holds a space,
 * so a space separates them. */
static const char *sources_text(rg_buf *b, const rg_model *m, const int *s,
                                size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const rg_source *src = &m->sources[s[i]];
        rg_buf_printf(b, "%s%s", i ? " " : "", src->id ? src->id : src->url);
    }
    return n ? b->buf : NULL;
}

static void actor_values(values *vs, const rg_model *m, const rg_actor *a)
{
    values_clear(vs);
    vs->v[A_LABEL] = rg_actor_name(a);
    vs->v[A_NAME] = a->name;
    vs->v[A_KIND] = a->kind >= 0 ? m->actor_kinds[a->kind].id : NULL;
    vs->v[A_ROLE] = a->role;
    vs->v[A_GROUP] = a->group >= 0 ? m->groups[a->group].id : NULL;
    for (int g = a->group; g >= 0; g = m->groups[g].parent)
        rg_buf_printf(&vs->bufs[A_GROUPS], "%s%s", g == a->group ? "" : " ",
                      m->groups[g].id);
    vs->v[A_GROUPS] = a->group >= 0 ? vs->bufs[A_GROUPS].buf : NULL;
    /* Aliases are text, which may hold anything: "; " between them. */
    for (size_t i = 0; i < a->n_aliases; i++)
        rg_buf_printf(&vs->bufs[A_ALIASES], "%s%s", i ? "; " : "", a->aliases[i]);
    vs->v[A_ALIASES] = a->n_aliases ? vs->bufs[A_ALIASES].buf : NULL;
    vs->v[A_NOTE] = a->note;
    vs->v[A_URL] = a->url;
    vs->v[A_SOURCES] = sources_text(&vs->bufs[A_SOURCES], m, a->sources,
                                    a->n_sources);
}

static const char *date_text(rg_buf *b, bool has, rg_date d)
{
    if (!has)
        return NULL;
    char x[11];
    rg_date_format(d, x);
    rg_buf_puts(b, x);
    return b->buf;
}

static void tie_values(values *vs, const rg_model *m, const rg_tie *t)
{
    values_clear(vs);
    if (t->id)
        rg_buf_printf(&vs->bufs[T_TIE], "tie-%s", t->id);
    else
        rg_buf_printf(&vs->bufs[T_TIE], "tie-%zu", t->pos);
    vs->v[T_TIE] = vs->bufs[T_TIE].buf;
    vs->v[T_KIND] = m->tie_kinds[t->kind].id;
    vs->v[T_LABEL] = t->label;
    vs->v[T_DIRECTED] = t->directed ? "true" : "false";
    vs->v[T_DATE] = date_text(&vs->bufs[T_DATE], t->has_date, t->date);
    vs->v[T_START] = date_text(&vs->bufs[T_START], t->has_start, t->start);
    vs->v[T_END] = date_text(&vs->bufs[T_END], t->has_end, t->end);
    vs->v[T_STATUS] = rg_status_name(t->status);
    if (t->weight) {
        rg_buf_printf(&vs->bufs[T_WEIGHT], "%d", t->weight);
        vs->v[T_WEIGHT] = vs->bufs[T_WEIGHT].buf;
    }
    vs->v[T_NOTE] = t->note;
    vs->v[T_SOURCES] = sources_text(&vs->bufs[T_SOURCES], m, t->sources,
                                    t->n_sources);
    if (t->multi) {
        for (size_t p = 0; p < t->n_parties; p++)
            rg_buf_printf(&vs->bufs[T_BETWEEN], "%s%s", p ? " " : "",
                          m->actors[t->parties[p]].id);
        vs->v[T_BETWEEN] = vs->bufs[T_BETWEEN].buf;
    }
    /* What the tie is about: a field of each of its edges, not an edge
     * of its own (the subject is no party). */
    vs->v[T_OVER] = t->over >= 0 ? m->actors[t->over].id : NULL;
}

/* ---- the edges ------------------------------------------------------------- */

/* One edge of a tie: its parties' indexes and its XML id. */
typedef struct edge {
    int from, to;
    rg_buf id;
} edge;

/* The K-th edge of T into E (false when T has no K-th edge). */
static bool tie_edge(const rg_model *m, const rg_tie *t, size_t k, edge *e)
{
    rg_buf_clear(&e->id);
    if (t->id)
        rg_buf_printf(&e->id, "tie-%s", t->id);
    else
        rg_buf_printf(&e->id, "tie-%zu", t->pos);
    if (!t->multi) {
        if (k > 0)
            return false;
        e->from = t->parties[0];
        e->to = t->parties[1];
        return true;
    }
    size_t n = t->n_parties;
    if (t->directed) {
        if (k + 1 >= n)
            return false;
        e->from = t->parties[0];
        e->to = t->parties[k + 1];
        rg_buf_printf(&e->id, "-%s", m->actors[e->to].id);
        return true;
    }
    /* Pairs (i, j), i < j, in order. */
    for (size_t i = 0; i + 1 < n; i++) {
        if (k < n - 1 - i) {
            e->from = t->parties[i];
            e->to = t->parties[i + 1 + k];
            rg_buf_printf(&e->id, "-%s-%s", m->actors[e->from].id,
                          m->actors[e->to].id);
            return true;
        }
        k -= n - 1 - i;
    }
    return false;
}

/* Every edge of every tie of M, in order, written by FN into B with the
 * tie's values. */
typedef void edge_fn(rg_buf *b, const rg_model *m, const rg_tie *t,
                     const values *vs, const edge *e);

static void each_edge(rg_buf *b, const rg_model *m, values *vs, edge_fn *fn)
{
    edge e = {0, 0, RG_BUF_INIT};
    for (size_t i = 0; i < m->n_ties; i++) {
        tie_values(vs, m, &m->ties[i]);
        for (size_t k = 0; tie_edge(m, &m->ties[i], k, &e); k++)
            fn(b, m, &m->ties[i], vs, &e);
    }
    rg_buf_free(&e.id);
}

/* "<edge id=... source=... target=..." (open, for the format's own
 * attributes), and "<node id=...". */
static void edge_open(rg_buf *b, const char *indent, const rg_model *m,
                      const edge *e)
{
    rg_buf_printf(b, "%s<edge id=\"", indent);
    rg_esc_xml(b, e->id.buf);
    rg_buf_puts(b, "\" source=\"");
    rg_esc_xml(b, m->actors[e->from].id);
    rg_buf_puts(b, "\" target=\"");
    rg_esc_xml(b, m->actors[e->to].id);
    rg_buf_putc(b, '"');
}

static void node_open(rg_buf *b, const char *indent, const rg_actor *a)
{
    rg_buf_printf(b, "%s<node id=\"", indent);
    rg_esc_xml(b, a->id);
    rg_buf_putc(b, '"');
}

/* ---- GraphML ----------------------------------------------------------------- */

static const char *const graphml_types[] = {
    [F_STRING] = "string", [F_BOOL] = "boolean", [F_INT] = "int",
};

/* <key>s: node fields n0..., edge fields e0..., graph fields g0, g1. */
static void graphml_keys(rg_buf *b, const char *prefix, const char *what,
                         const field *fields, size_t n)
{
    for (size_t i = 0; i < n; i++)
        rg_buf_printf(b, "  <key id=\"%s%zu\" for=\"%s\" attr.name=\"%s\" "
                         "attr.type=\"%s\"/>\n",
                      prefix, i, what, fields[i].name,
                      graphml_types[fields[i].type]);
}

static void graphml_data(rg_buf *b, const char *indent, const char *prefix,
                         const values *vs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (!vs->v[i])
            continue;
        rg_buf_printf(b, "%s<data key=\"%s%zu\">", indent, prefix, i);
        rg_esc_xml(b, vs->v[i]);
        rg_buf_puts(b, "</data>\n");
    }
}

/* The XML declaration and the ROOT element's opening tag, in namespace
 * NS with its schema at XSD, and any further ATTRS. */
static void xml_root(rg_buf *b, const char *root, const char *ns, const char *xsd,
                     const char *attrs)
{
    rg_buf_printf(b,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<%s xmlns=\"%s\"\n"
                  "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
                  "    xsi:schemaLocation=\"%s %s\"%s>\n",
                  root, ns, ns, xsd, attrs);
}

static void graphml_edge(rg_buf *b, const rg_model *m, const rg_tie *t,
                         const values *vs, const edge *e)
{
    (void)t;
    edge_open(b, "    ", m, e);
    rg_buf_puts(b, ">\n");
    graphml_data(b, "      ", "e", vs, T_N);
    rg_buf_puts(b, "    </edge>\n");
}

static char *graphml(const rg_model *m, size_t *len)
{
    rg_buf b = RG_BUF_INIT;
    xml_root(&b, "graphml", "http://graphml.graphdrawing.org/xmlns",
             "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd", "");
    rg_buf_printf(&b, "  <!-- relgraph %s -->\n", RG_VERSION);
    static const field graph_fields[] = {{"title", F_STRING},
                                         {"description", F_STRING}};
    graphml_keys(&b, "g", "graph", graph_fields, 2);
    graphml_keys(&b, "n", "node", actor_fields, A_N);
    graphml_keys(&b, "e", "edge", tie_fields, T_N);
    /* Directed: networkx refuses an edge marked directed="false" in a
     * directed graph, so an undirected tie says so in its `directed`. */
    rg_buf_puts(&b, "  <graph id=\"G\" edgedefault=\"directed\">\n");
    values vs = {0};
    vs.v[0] = m->title;
    vs.v[1] = m->description;
    graphml_data(&b, "    ", "g", &vs, 2);
    for (size_t i = 0; i < m->n_actors; i++) {
        const rg_actor *a = &m->actors[i];
        node_open(&b, "    ", a);
        rg_buf_puts(&b, ">\n");
        actor_values(&vs, m, a);
        graphml_data(&b, "      ", "n", &vs, A_N);
        rg_buf_puts(&b, "    </node>\n");
    }
    each_edge(&b, m, &vs, graphml_edge);
    values_free(&vs);
    rg_buf_puts(&b, "  </graph>\n</graphml>\n");
    return rg_buf_detach(&b, len);
}

/* ---- GEXF 1.3 ------------------------------------------------------------------ */

static const char *const gexf_types[] = {
    [F_STRING] = "string", [F_BOOL] = "boolean", [F_INT] = "integer",
};

/* <attributes>, less the fields that GEXF carries in attributes of its
 * own (SKIP_A, SKIP_B: an actor's label; a tie's label and weight). */
static void gexf_attributes(rg_buf *b, const char *what, const field *fields,
                            size_t n, int skip_a, int skip_b)
{
    rg_buf_printf(b, "    <attributes class=\"%s\" mode=\"static\">\n", what);
    for (size_t i = 0; i < n; i++)
        if ((int)i != skip_a && (int)i != skip_b)
            rg_buf_printf(b, "      <attribute id=\"%s\" title=\"%s\" type=\"%s\"/>\n",
                          fields[i].name, fields[i].name, gexf_types[fields[i].type]);
    rg_buf_puts(b, "    </attributes>\n");
}

static void gexf_attvalues(rg_buf *b, const field *fields, const values *vs,
                           size_t n, int skip_a, int skip_b)
{
    bool any = false;
    for (size_t i = 0; i < n; i++) {
        if (!vs->v[i] || (int)i == skip_a || (int)i == skip_b)
            continue;
        if (!any)
            rg_buf_puts(b, "        <attvalues>\n");
        any = true;
        rg_buf_printf(b, "          <attvalue for=\"%s\" value=\"", fields[i].name);
        rg_esc_xml_attr(b, vs->v[i]);
        rg_buf_puts(b, "\"/>\n");
    }
    if (any)
        rg_buf_puts(b, "        </attvalues>\n");
}

/* YYYYMMDD as YYYY-MM-DD. */
static void gexf_day(rg_buf *b, const char *attr, long day)
{
    rg_buf_printf(b, " %s=\"%04ld-%02ld-%02ld\"", attr, day / 10000,
                  day / 100 % 100, day % 100);
}

/* The tie's date or interval as a spell: the whole period each date
 * names (relgraph(5), DATES), open where the interval is. */
static void gexf_spell(rg_buf *b, const rg_tie *t)
{
    if (!t->has_date && !t->has_start && !t->has_end)
        return;
    rg_buf_puts(b, "        <spells>\n          <spell");
    if (t->has_date || t->has_start)
        gexf_day(b, "start", rg_date_first(t->has_date ? t->date : t->start));
    if (t->has_date || t->has_end)
        gexf_day(b, "end", rg_date_last(t->has_date ? t->date : t->end));
    rg_buf_puts(b, "/>\n        </spells>\n");
}

static void gexf_edge(rg_buf *b, const rg_model *m, const rg_tie *t,
                      const values *vs, const edge *e)
{
    edge_open(b, "      ", m, e);
    /* An undirected tie runs both ways: "mutual" in a directed graph,
     * which networkx reads too. */
    rg_buf_printf(b, " type=\"%s\"", t->directed ? "directed" : "mutual");
    if (t->label) {
        rg_buf_puts(b, " label=\"");
        rg_esc_xml_attr(b, t->label);
        rg_buf_putc(b, '"');
    }
    if (t->weight)
        rg_buf_printf(b, " weight=\"%d\"", t->weight);
    rg_buf_puts(b, ">\n");
    gexf_attvalues(b, tie_fields, vs, T_N, T_LABEL, T_WEIGHT);
    gexf_spell(b, t);
    rg_buf_puts(b, "      </edge>\n");
}

static char *gexf(const rg_model *m, size_t *len)
{
    rg_buf b = RG_BUF_INIT;
    xml_root(&b, "gexf", "http://gexf.net/1.3", "http://gexf.net/1.3/gexf.xsd",
             "\n    version=\"1.3\"");
    /* No lastmodifieddate: the same model gives the same bytes. */
    rg_buf_printf(&b, "  <meta>\n    <creator>relgraph %s</creator>\n", RG_VERSION);
    if (m->title || m->description) {
        rg_buf_puts(&b, "    <description>");
        if (m->title)
            rg_esc_xml(&b, m->title);
        if (m->title && m->description)
            rg_buf_puts(&b, "\n\n");
        if (m->description)
            rg_esc_xml(&b, m->description);
        rg_buf_puts(&b, "</description>\n");
    }
    rg_buf_puts(&b, "  </meta>\n"
                    "  <graph defaultedgetype=\"directed\" mode=\"dynamic\" "
                    "timeformat=\"date\">\n");
    gexf_attributes(&b, "node", actor_fields, A_N, A_LABEL, -1);
    gexf_attributes(&b, "edge", tie_fields, T_N, T_LABEL, T_WEIGHT);
    rg_buf_puts(&b, "    <nodes>\n");
    values vs = {0};
    for (size_t i = 0; i < m->n_actors; i++) {
        const rg_actor *a = &m->actors[i];
        actor_values(&vs, m, a);
        node_open(&b, "      ", a);
        rg_buf_puts(&b, " label=\"");
        rg_esc_xml_attr(&b, vs.v[A_LABEL]);
        rg_buf_puts(&b, "\">\n");
        gexf_attvalues(&b, actor_fields, &vs, A_N, A_LABEL, -1);
        rg_buf_puts(&b, "      </node>\n");
    }
    rg_buf_puts(&b, "    </nodes>\n    <edges>\n");
    each_edge(&b, m, &vs, gexf_edge);
    values_free(&vs);
    rg_buf_puts(&b, "    </edges>\n  </graph>\n</gexf>\n");
    return rg_buf_detach(&b, len);
}

/* ---- the formats written from the model -------------------------------------- */

typedef char *model_writer(const rg_model *m, size_t *len);

/* For each format of rg_format_names that is not drawn: its writer. */
static model_writer *const writers[] = {
    [RG_FORMAT_MD] = rg_markdown,
    [RG_FORMAT_GRAPHML] = graphml,
    [RG_FORMAT_GEXF] = gexf,
};

bool rg_format_drawn(const char *format)
{
    int f = rg_name_find(&rg_format_names, format);
    return f >= 0 && ((size_t)f >= sizeof writers / sizeof writers[0] || !writers[f]);
}

char *rg_model_export(const rg_model *m, const char *format, size_t *len)
{
    int f = rg_name_find(&rg_format_names, format);
    if (f < 0 || (size_t)f >= sizeof writers / sizeof writers[0] || !writers[f])
        return NULL;
    return writers[f](m, len);
}
