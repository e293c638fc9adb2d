/*
 * import_yaml.c - what import.c read from the sheets, as a data file:
 * written with libyaml's emitter, which quotes whatever needs quoting,
 * each value plain only where it reads back as the same text (node.c's
 * core schema), lines as literal blocks; then loaded and validated again,
 * so that the result always passes --check. relgraph(1), IMPORT.
 */
#include "import.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

/* ---- the data file ---------------------------------------------------------------- */

typedef struct out {
    yaml_emitter_t e;
    rg_buf b;
} out;

static int write_out(void *ud, unsigned char *buf, size_t n)
{
    rg_buf_add(&((out *)ud)->b, (const char *)buf, n);
    return 1;
}

static void emit(out *o, yaml_event_t *ev, bool made)
{
    /* libyaml fails only on bad events or out of memory: the events are
     * relgraph's own. */
    if (!made || !yaml_emitter_emit(&o->e, ev))
        rg_oom();
}

/* True if S, written plain, reads as a string: not a null, a boolean or
 * a number of the core schema that relgraph reads (node.c), nor one of
 * YAML 1.1's booleans that other readers of the file may still know. */
static bool plain_is_text(const char *s)
{
    static const char *const yaml11[] = {"yes", "no", "on", "off", "y", "n"};
    rg_node n = {.type = RG_SCALAR, .plain = true, .text = s};
    for (size_t i = 0; i < sizeof yaml11 / sizeof yaml11[0]; i++)
        if (strcasecmp(s, yaml11[i]) == 0)
            return false;
    return !rg_scalar_is_null(&n) && rg_scalar_bool(&n) < 0 &&
           !rg_scalar_is_int(&n) && !rg_scalar_is_float(&n);
}

/* Text is plain where it reads as text, else quoted; LITERAL values
 * (integers, true/false) are plain. */
static void scalar(out *o, const char *s, bool literal)
{
    yaml_event_t ev;
    bool plain = literal || plain_is_text(s);
    /* Lines as lines (libyaml falls back to quotes where a literal block
     * cannot hold the text, or in a flow collection). */
    yaml_scalar_style_t style = strchr(s, '\n') ? YAML_LITERAL_SCALAR_STYLE
                                                : YAML_ANY_SCALAR_STYLE;
    emit(o, &ev, yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s,
                                              (int)strlen(s), plain, 1, style));
}

static void collection(out *o, bool map, bool start, bool flow)
{
    yaml_event_t ev;
    if (map && start)
        emit(o, &ev, yaml_mapping_start_event_initialize(
                         &ev, NULL, NULL, 1, flow ? YAML_FLOW_MAPPING_STYLE
                                                  : YAML_BLOCK_MAPPING_STYLE));
    else if (start)
        emit(o, &ev, yaml_sequence_start_event_initialize(
                         &ev, NULL, NULL, 1, flow ? YAML_FLOW_SEQUENCE_STYLE
                                                  : YAML_BLOCK_SEQUENCE_STYLE));
    else if (map)
        emit(o, &ev, yaml_mapping_end_event_initialize(&ev));
    else
        emit(o, &ev, yaml_sequence_end_event_initialize(&ev));
}

static void item_out(out *o, const item *it)
{
    collection(o, true, true, it->n == 0);
    for (size_t i = 0; i < it->n; i++) {
        const kv *k = &it->kvs[i];
        /* One source is `source: ID`; no source, nothing. */
        bool one = k->list && k->n == 1 && strcmp(k->key, "sources") == 0;
        if (k->list && k->n == 0)
            continue;
        scalar(o, one ? "source" : k->key, false);
        if (k->list && !one)
            collection(o, false, true, true);
        for (size_t v = 0; v < k->n; v++)
            scalar(o, k->vals[v], k->literal);
        if (k->list && !one)
            collection(o, false, false, true);
    }
    collection(o, true, false, false);
}

/* "id: {KEY: text}" for each thing of N; nothing when there is none. */
static void names_out(out *o, const char *top, const names *n, const char *key)
{
    if (!n->n)
        return;
    scalar(o, top, false);
    collection(o, true, true, false);
    for (size_t i = 0; i < n->n; i++) {
        scalar(o, n->v[i].id, false);
        collection(o, true, true, true);
        scalar(o, key, false);
        scalar(o, n->v[i].text, false);
        collection(o, true, false, true);
    }
    collection(o, true, false, false);
}

char *rg_import_yaml(const imp *im, size_t *len)
{
    out o = {.b = RG_BUF_INIT};
    yaml_event_t ev;
    if (!yaml_emitter_initialize(&o.e))
        rg_oom();
    yaml_emitter_set_output(&o.e, write_out, &o);
    yaml_emitter_set_unicode(&o.e, 1);
    yaml_emitter_set_width(&o.e, 100);
    emit(&o, &ev, yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING));
    emit(&o, &ev, yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1));
    collection(&o, true, true, false);
    scalar(&o, "relgraph", false);
    scalar(&o, "1", true);
    names_out(&o, "sources", &im->sources, "title");
    names_out(&o, "groups", &im->groups, "name");
    if (im->tie_kinds.n || im->actor_kinds.n) {
        scalar(&o, "kinds", false);
        collection(&o, true, true, false);
        names_out(&o, "ties", &im->tie_kinds, "label");
        names_out(&o, "actors", &im->actor_kinds, "label");
        collection(&o, true, false, false);
    }
    scalar(&o, "actors", false);
    collection(&o, true, true, im->actors.n == 0);
    for (size_t i = 0; i < im->actors.n; i++) {
        scalar(&o, im->actor_items[i].id, false);
        item_out(&o, &im->actor_items[i]);
    }
    collection(&o, true, false, false);
    scalar(&o, "ties", false);
    collection(&o, false, true, im->n_ties == 0);
    for (size_t i = 0; i < im->n_ties; i++)
        item_out(&o, &im->ties[i]);
    collection(&o, false, false, false);
    collection(&o, true, false, false);
    emit(&o, &ev, yaml_document_end_event_initialize(&ev, 1));
    emit(&o, &ev, yaml_stream_end_event_initialize(&ev));
    yaml_emitter_delete(&o.e);
    return rg_buf_detach(&o.b, len);
}

/* The first error of validating the result, for the message that says
 * it does not validate (which would be a fault of this file). */
static void first_error(const rg_diagnostic *d, void *ud)
{
    rg_buf *b = ud;
    if (d->severity == RG_ERROR && !b->len)
        rg_buf_printf(b, "%zu:%zu: %s", d->mark.line + 1, d->mark.column + 1,
                      d->message);
}

bool rg_import_validates(const char *yaml, size_t len)
{
    rg_buf why = RG_BUF_INIT;
    rg_diags *d = rg_diags_new("import", first_error, &why);
    rg_doc *doc = rg_load(yaml, len, d);
    rg_model *m = doc ? rg_validate(doc, d) : NULL;
    rg_diags_flush(d);
    bool ok = m != NULL;
    rg_model_free(m);
    rg_doc_free(doc);
    rg_diags_free(d);
    rg_buf_free(&why);
    return ok;
}

