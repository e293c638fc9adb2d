/*
 * load.c - YAML text -> document tree (rg_doc), with every refusal of
 * relgraph(5) (YAML, LIMITS) that can be decided without the schema:
 * syntax, more than one document, non-core tags, undefined or recursive
 * aliases, the alias expansion budget, nesting depth, control characters and noncharacters;
 * collect.c adds those of the collections (duplicate and non-scalar keys,
 * merge keys, entry counts).
 *
 * It reads libyaml's event stream in one pass (never yaml_parser_load,
 * which would build libyaml's own tree with no limits first); collect.c
 * keeps the stack of open collections.
 *
 * The tree is compact, since a big file has millions of nodes: 32-byte
 * nodes with packed marks, each collection's children in one array of
 * nodes, equal scalar texts mostly stored once (share_text).
 *
 * Ownership: the returned rg_doc and its arenas belong to the caller
 * (rg_doc_free); its texts' arena also to each model made from it
 * (rg_validate keeps it). An alias is a copy of the node it names, sharing its text
 * or its children's array, so the tree is a DAG and nobody frees a node on
 * its own. Everything else (libyaml parser and events, the temporary
 * stacks, the anchor and text tables, the scratch arena) is owned by
 * rg_load and freed before it returns, also on error. The library never
 * prints: problems go to the rg_diags.
 */
#include "load.h"

#include <stdlib.h>
#include <string.h>

const char rg_ld_merge_text[] = "<<";

#define CORE_PREFIX "tag:yaml.org,2002:"
#define QUOTE_MAX 64

/* ---- small helpers ---- */

static rg_mark mk(yaml_mark_t m)
{
    return (rg_mark){m.line, m.column};
}

void rg_ld_fail(loader *ld, rg_mark m, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rg_diag_v(ld->d, RG_ERROR, &m, fmt, ap);
    va_end(ap);
    ld->failed = true;
    ld->n_fail++;
    if (rg_diags_full(ld->d))
        ld->stop = true;
}

/* Input text made safe and short for a message (scratch arena). */
const char *rg_ld_quoted(loader *ld, const char *s, size_t n)
{
    rg_buf b = RG_BUF_INIT;
    rg_esc_terminal(&b, s, n, QUOTE_MAX);
    char *out = rg_arena_strndup(ld->scratch, b.buf, b.len);
    rg_buf_free(&b);
    return out;
}

/* A tag as the user wrote it, for messages: !!name for core tags. */
static const char *tag_text(loader *ld, const char *tag)
{
    size_t plen = strlen(CORE_PREFIX);
    if (strncmp(tag, CORE_PREFIX, plen) == 0) {
        const char *t = rg_arena_printf(ld->scratch, "!!%s", tag + plen);
        return rg_ld_quoted(ld, t, strlen(t));
    }
    return rg_ld_quoted(ld, tag, strlen(tag));
}

const char *rg_ld_type_word(rg_node_type t)
{
    return t == RG_SEQ ? "a list" : t == RG_MAP ? "a mapping" : "a scalar";
}

static rg_node new_scalar(rg_mark m)
{
    rg_node n = {.type = RG_SCALAR, .text = ""};
    rg_ld_set_mark(&n, m);
    return n;
}

/* The LEN bytes at S in the document's arena: the copy made for an equal
 * text not long ago when the cache still holds it (keys, kinds, dates,
 * statuses, names of places come back all through a file), else a new
 * one. *CLEAN is true when the text holds no character to refuse, checked
 * once per copy. The cache is direct-mapped and small enough to stay in
 * the processor's cache: a table of every text would cost a cache miss
 * per scalar, more than the copy it saves. */
static const char *share_text(loader *ld, const char *s, size_t len, bool *clean)
{
    uint32_t h = (uint32_t)rg_hash(s, len);
    text_slot *o = &ld->texts[h & (TEXT_SLOTS - 1)];
    if (o->text && o->hash == h && (o->len & ~TEXT_CLEAN) == len &&
        memcmp(o->text, s, len) == 0) {
        *clean = o->len & TEXT_CLEAN;
        return o->text;
    }
    const char *copy = rg_arena_strndup(ld->doc->strings, s, len);
    *clean = rg_utf8_first_forbidden((const unsigned char *)s, len) == UINT32_MAX;
    *o = (text_slot){copy, (uint32_t)len | (*clean ? TEXT_CLEAN : 0), h};
    return copy;
}

/* ---- anchors ---- */

anchor *rg_ld_find_anchor(loader *ld, const char *name)
{
    int i = rg_index_get(&ld->anchor_ix, name);
    return i < 0 ? NULL : &ld->anchors[i];
}

/* Define NAME as NODE (NULL: an open collection). Returns the entry's
 * name and generation so that the collection can complete it. */
const char *rg_ld_define_anchor(loader *ld, const char *name,
                                const rg_node *node, uint32_t len,
                                uint64_t *gen)
{
    anchor *a = rg_ld_find_anchor(ld, name);
    if (!a) {
        if (ld->n_anchors == ld->cap_anchors) {
            ld->cap_anchors = ld->cap_anchors ? ld->cap_anchors * 2 : 16;
            ld->anchors = rg_xrealloc(ld->anchors,
                                      ld->cap_anchors * sizeof *ld->anchors);
        }
        a = &ld->anchors[ld->n_anchors];
        a->name = rg_arena_strndup(ld->scratch, name, strlen(name));
        rg_index_put(&ld->anchor_ix, a->name, (int)ld->n_anchors++);
    }
    a->ready = node != NULL;
    if (node) {
        a->node = *node;
        a->len = len;
    }
    a->gen = ++ld->gen;
    if (gen)
        *gen = a->gen;
    return a->name;
}

/* Tags: the core schema's, and "!" (non-specific: a string or plain
 * collection). Anything else could mean "construct an object" to some
 * other tool reading the same file, so it is refused. */
typedef enum tag_kind {
    TAG_NONE, TAG_BANG, TAG_STR, TAG_INT, TAG_FLOAT, TAG_BOOL, TAG_NULL,
    TAG_SEQ, TAG_MAP, TAG_MERGE, TAG_OTHER
} tag_kind;

static tag_kind classify_tag(const char *tag)
{
    static const struct { const char *name; tag_kind kind; } core[] = {
        {"str", TAG_STR},   {"int", TAG_INT},   {"float", TAG_FLOAT},
        {"bool", TAG_BOOL}, {"null", TAG_NULL}, {"seq", TAG_SEQ},
        {"map", TAG_MAP},   {"merge", TAG_MERGE},
    };
    if (!tag)
        return TAG_NONE;
    if (strcmp(tag, "!") == 0)
        return TAG_BANG;
    size_t plen = strlen(CORE_PREFIX);
    if (strncmp(tag, CORE_PREFIX, plen) != 0)
        return TAG_OTHER;
    for (size_t i = 0; i < sizeof core / sizeof core[0]; i++)
        if (strcmp(tag + plen, core[i].name) == 0)
            return core[i].kind;
    return TAG_OTHER;
}

static void start_collection(loader *ld, rg_node_type t,
                             const yaml_event_t *ev)
{
    rg_mark m = mk(ev->start_mark);
    const char *tag, *anchor_name;
    if (t == RG_SEQ) {
        tag = (const char *)ev->data.sequence_start.tag;
        anchor_name = (const char *)ev->data.sequence_start.anchor;
    } else {
        tag = (const char *)ev->data.mapping_start.tag;
        anchor_name = (const char *)ev->data.mapping_start.anchor;
    }
    if (ld->depth == RG_MAX_DEPTH) {
        /* Stop at once: the rest may be a hundred thousand more. */
        rg_ld_fail(ld, m, "nesting deeper than the limit of %d", RG_MAX_DEPTH);
        ld->stop = true;
        return;
    }
    tag_kind k = classify_tag(tag);
    if (k == TAG_OTHER)
        rg_ld_fail(ld, m, "tag '%s' is not allowed", tag_text(ld, tag));
    else if (k != TAG_NONE && k != TAG_BANG &&
             k != (t == RG_SEQ ? TAG_SEQ : TAG_MAP))
        rg_ld_fail(ld, m, "tag '%s' cannot be used on %s", tag_text(ld, tag),
             rg_ld_type_word(t));

    rg_ld_open(ld, t, m, anchor_name);
    if (t == RG_SEQ ? ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE
                    : ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE)
        rg_ld_flow(ld);
}

static void scalar(loader *ld, const yaml_event_t *ev)
{
    rg_mark m = mk(ev->start_mark);
    const char *tag = (const char *)ev->data.scalar.tag;
    rg_node scalar_node = new_scalar(m), *node = &scalar_node;
    uint32_t len = (uint32_t)ev->data.scalar.length;
    bool clean = true;
    if (len)
        node->text = share_text(ld, (const char *)ev->data.scalar.value,
                                len, &clean);
    /* The core schema reads the text up to a NUL: one that holds a NUL
     * (refused below) is none of its types. */
    bool nul = !clean && memchr(node->text, '\0', len);
    bool fits = true;
    tag_kind k = classify_tag(tag);
    switch (k) {
    case TAG_NONE:
        node->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        break;
    case TAG_BANG:
    case TAG_STR:
        break;
    /* An explicit type tag asks for core typing even when quoted. */
    case TAG_INT:
        fits = !nul && rg_scalar_is_int(node);
        break;
    case TAG_FLOAT:
        fits = !nul && (rg_scalar_is_int(node) || rg_scalar_is_float(node));
        break;
    case TAG_BOOL:
        fits = !nul && rg_scalar_bool(node) >= 0;
        break;
    case TAG_NULL:
        fits = len == 0 || (!nul && rg_scalar_is_null(node));
        break;
    case TAG_MERGE:
        if (!nul && rg_scalar_is(node, "<<"))
            node->text = rg_ld_merge_text;
        else
            rg_ld_fail(ld, m, "tag '%s' is not allowed", tag_text(ld, tag));
        break;
    case TAG_SEQ:
    case TAG_MAP:
        rg_ld_fail(ld, m, "tag '%s' cannot be used on %s", tag_text(ld, tag),
             rg_ld_type_word(RG_SCALAR));
        break;
    case TAG_OTHER:
        rg_ld_fail(ld, m, "tag '%s' is not allowed", tag_text(ld, tag));
        break;
    }
    if (k == TAG_INT || k == TAG_FLOAT || k == TAG_BOOL || k == TAG_NULL) {
        node->plain = true;
        if (!fits)
            rg_ld_fail(ld, m, "'%s' is not a valid %s",
                 rg_ld_quoted(ld, node->text, len), tag_text(ld, tag));
    }

    /* libyaml refuses raw control characters and U+FFFE, U+FFFF; escapes
     * still make them, and the other noncharacters pass it raw. */
    uint32_t cp = clean ? UINT32_MAX
                        : rg_utf8_first_forbidden((const unsigned char *)node->text,
                                                  len);
    if (cp == 0xFFFD)
        rg_ld_fail(ld, m, "invalid UTF-8 in string");
    else if (cp != UINT32_MAX && rg_utf8_is_noncharacter(cp))
        rg_ld_fail(ld, m, "noncharacter U+%04X in string", (unsigned)cp);
    else if (cp != UINT32_MAX)
        rg_ld_fail(ld, m, "control character U+%04X in string", (unsigned)cp);

    if (ev->data.scalar.anchor)
        rg_ld_define_anchor(ld, (const char *)ev->data.scalar.anchor, node,
                            len, NULL);
    rg_ld_add_child(ld, node, len, m);
}

static void alias(loader *ld, const yaml_event_t *ev)
{
    rg_mark m = mk(ev->start_mark);
    const char *name = (const char *)ev->data.alias.anchor;
    anchor *a = rg_ld_find_anchor(ld, name);
    if (!a || !a->ready) {
        rg_ld_fail(ld, m, "alias '*%s' refers to %s", rg_ld_quoted(ld, name, strlen(name)),
             a ? "its own anchor" : "an undefined anchor");
        /* A null stands in, so that the mapping around stays paired. */
        rg_node null = new_scalar(m);
        rg_ld_add_child(ld, &null, 0, m);
        return;
    }
    /* Nesting counts with aliases expanded, so that no later stage ever
     * walks a tree deeper than the limit. */
    if (ld->depth + rg_ld_height_of(&a->node) > RG_MAX_DEPTH) {
        rg_ld_fail(ld, m, "nesting deeper than the limit of %d", RG_MAX_DEPTH);
        ld->stop = true;
        return;
    }
    ld->alias_total = rg_ld_sat_add(ld->alias_total, rg_ld_size_of(&a->node));
    if (ld->alias_total > RG_MAX_ALIAS_NODES) {
        rg_ld_fail(ld, m, "aliases expand to more than %u nodes (the limit)",
             RG_MAX_ALIAS_NODES);
        ld->stop = true;
        return;
    }
    rg_ld_add_child(ld, &a->node, a->len, m);
}

/* libyaml's own message. Reader errors (bad UTF-8, control characters)
 * carry a byte offset instead of a mark. */
static void syntax_error(loader *ld, const char *data, size_t len)
{
    yaml_parser_t *p = &ld->parser;
    if (p->error == YAML_MEMORY_ERROR)
        rg_oom();
    rg_mark m = mk(p->problem_mark);
    if (p->error == YAML_READER_ERROR) {
        size_t end = p->problem_offset < len ? p->problem_offset : len;
        /* libyaml names the bad continuation byte: point at the start of
         * the character it breaks, where an editor shows the damage. */
        if (p->problem &&
            strcmp(p->problem, "invalid trailing UTF-8 octet") == 0) {
            size_t stop = end > 3 ? end - 3 : 0;
            while (end > stop &&
                   ((unsigned char)data[end - 1] & 0xC0) == 0x80)
                end--;
            if (end > 0 && (unsigned char)data[end - 1] >= 0xC0)
                end--;
        }
        m = (rg_mark){0, 0};
        for (size_t i = 0; i < end; i++) {
            unsigned char c = (unsigned char)data[i];
            bool crlf = c == '\r' && i + 1 < len && data[i + 1] == '\n';
            if (c == '\n' || (c == '\r' && !crlf)) {
                m.line++;
                m.column = 0;
            } else if ((c & 0xC0) != 0x80) {
                m.column++;
            }
        }
    }
    const char *problem = p->problem ? p->problem : "invalid YAML";
    /* What to do about it, for the common mistakes (hints.c). */
    rg_buf hint = RG_BUF_INIT;
    if (p->error != YAML_READER_ERROR)
        rg_hint_syntax(&hint, data, len, problem, m,
                       p->context ? mk(p->context_mark) : m);
    if (p->context)
        rg_ld_fail(ld, m, "%s: %s%s", p->context, problem, hint.buf);
    else
        rg_ld_fail(ld, m, "%s%s", problem, hint.buf);
    rg_buf_free(&hint);
    ld->stop = true;
    ld->cut = true;
    ld->cut_at = m;
}

static void handle(loader *ld, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_DOCUMENT_START_EVENT:
        if (ld->docs++ > 0) {
            rg_ld_fail(ld, mk(ev->start_mark),
                 "more than one document in the stream; relgraph reads one");
            ld->stop = true;
        }
        break;
    case YAML_SCALAR_EVENT:
        scalar(ld, ev);
        break;
    case YAML_ALIAS_EVENT:
        alias(ld, ev);
        break;
    case YAML_SEQUENCE_START_EVENT:
        start_collection(ld, RG_SEQ, ev);
        break;
    case YAML_MAPPING_START_EVENT:
        start_collection(ld, RG_MAP, ev);
        break;
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        rg_ld_close(ld);
        break;
    default: /* stream start/end, document end */
        break;
    }
}

bool rg_doc_open_at(const rg_doc *doc, rg_mark m)
{
    for (size_t i = 0; doc && i < doc->n_open; i++)
        if (doc->open[i].line == m.line && doc->open[i].column == m.column)
            return true;
    return false;
}

/* After a syntax error: end the collections still open where it stopped,
 * as if they ended there, noting where they (and their keys) started, so
 * that the validator can tell a key missing from a key cut off. */
static void close_cut(loader *ld)
{
    rg_doc *doc = ld->doc;
    doc->open = rg_arena_alloc(doc->arena, (2 * ld->depth + 1) * sizeof *doc->open);
    ld->stop = false;
    /* What a flow collection holds past its first line, once a comment
     * may have eaten its closing bracket, is no longer what was meant. */
    doc->flow_line = SIZE_MAX;
    for (size_t i = ld->depth; i-- > 0;)
        if (ld->frames[i].flow) {
            doc->flow_line = ld->frames[i].node.line;
            break;
        }
    while (ld->depth > 0 && !ld->stop) {
        const frame *f = &ld->frames[ld->depth - 1];
        doc->open[doc->n_open++] = rg_node_mark(&f->node);
        if (ld->depth > 1 && ld->frames[ld->depth - 2].node.type == RG_MAP &&
            f->base > 0)
            doc->open[doc->n_open++] = rg_ld_entry_mark(&ld->ent[f->base - 1]);
        rg_ld_close(ld);
    }
}

/* Byte order marks (relgraph(5), YAML): UTF-8's is skipped, as YAML
 * allows and Windows editors write; any other says the file is in an
 * encoding relgraph does not read. UTF-32's come first: FF FE starts both
 * UTF-32LE's and UTF-16LE's. */
static const struct bom {
    const char *bytes;
    size_t len;
    const char *encoding; /* NULL: UTF-8 */
    const char *iconv;    /* its name for iconv -f */
} boms[] = {
    {"\xEF\xBB\xBF", 3, NULL, NULL},
    {"\x00\x00\xFE\xFF", 4, "UTF-32 (big-endian)", "UTF-32"},
    {"\xFF\xFE\x00\x00", 4, "UTF-32 (little-endian)", "UTF-32"},
    {"\xFE\xFF", 2, "UTF-16 (big-endian)", "UTF-16"},
    {"\xFF\xFE", 2, "UTF-16 (little-endian)", "UTF-16"},
};

/* The encoding of *DATA by its first bytes: true for UTF-8, with a BOM
 * taken off *DATA and *LEN; false, reported, for any other. */
static bool utf8_start(const char **data, size_t *len, rg_diags *d)
{
    const char *p = *data ? *data : "";
    for (size_t i = 0; i < sizeof boms / sizeof boms[0]; i++) {
        if (*len < boms[i].len || memcmp(p, boms[i].bytes, boms[i].len) != 0)
            continue;
        if (!boms[i].encoding) {
            *data = p + boms[i].len;
            *len -= boms[i].len;
            return true;
        }
        rg_error(d, (rg_mark){0, 0},
                 "the file is in %s, by its byte order mark; relgraph reads "
                 "UTF-8 only: convert it, e.g. with iconv -f %s -t UTF-8",
                 boms[i].encoding, boms[i].iconv);
        return false;
    }
    /* No mark, but a NUL in the first two bytes: ASCII text in UTF-16 or
     * UTF-32, which no UTF-8 file starts with. */
    if (*len >= 2 && (p[0] == '\0' || p[1] == '\0')) {
        rg_error(d, (rg_mark){0, 0},
                 "the file looks like UTF-16 or UTF-32 without a byte order "
                 "mark (a NUL byte at its start); relgraph reads UTF-8 only: "
                 "convert it, e.g. with iconv -f UTF-16LE -t UTF-8");
        return false;
    }
    return true;
}

rg_doc *rg_load(const char *data, size_t len, rg_diags *d)
{
    rg_doc *doc = rg_load_partial(data, len, d);
    if (doc && doc->failed) {
        rg_doc_free(doc);
        return NULL;
    }
    return doc;
}

rg_doc *rg_load_partial(const char *data, size_t len, rg_diags *d)
{
    if (len > RG_MAX_INPUT_BYTES) {
        rg_error(d, (rg_mark){0, 0},
                 "input is larger than the limit of %u MiB",
                 RG_MAX_INPUT_BYTES / (1024u * 1024u));
        return NULL;
    }
    if (!utf8_start(&data, &len, d))
        return NULL;
    loader *ld = rg_xcalloc(1, sizeof *ld);
    if (!yaml_parser_initialize(&ld->parser))
        rg_oom();
    yaml_parser_set_input_string(&ld->parser,
                                 (const unsigned char *)(data ? data : ""),
                                 data ? len : 0);
    /* The format is UTF-8 only: no guessing UTF-16 from a byte order mark
     * (which also turns off libyaml's skipping of UTF-8's: utf8_start). */
    yaml_parser_set_encoding(&ld->parser, YAML_UTF8_ENCODING);
    ld->d = d;
    ld->doc = rg_xcalloc(1, sizeof *ld->doc);
    ld->doc->arena = rg_arena_new();
    ld->doc->strings = rg_arena_new();
    ld->scratch = rg_arena_new();
    ld->texts = rg_xcalloc(TEXT_SLOTS, sizeof *ld->texts);

    while (!ld->stop) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&ld->parser, &ev)) {
            syntax_error(ld, data, data ? len : 0);
            break;
        }
        bool end = ev.type == YAML_STREAM_END_EVENT;
        handle(ld, &ev);
        yaml_event_delete(&ev);
        if (end)
            break;
    }

    /* A tree cut by a syntax error is kept up to the cut; one stopped by
     * a limit is not (its rest was never read, by design). */
    bool keep = (!ld->stop || ld->cut) &&
                ld->n_fail == ld->n_duplicate + (ld->cut ? 1 : 0);
    if (ld->cut && keep) {
        close_cut(ld);
        keep = !ld->stop && !rg_diags_full(d);
    }
    /* "---" alone, or a lone empty value: an empty document. */
    rg_node *root = ld->doc->root;
    if (root && root->type == RG_SCALAR && root->plain && root->text[0] == '\0')
        ld->doc->root = NULL;

    for (size_t i = 0; i < ld->depth; i++)
        rg_ld_free_frame(&ld->frames[i]);
    free(ld->ent);
    free(ld->anchors);
    free(ld->texts);
    rg_index_free(&ld->anchor_ix);
    rg_arena_free(ld->scratch);
    yaml_parser_delete(&ld->parser);
    rg_doc *doc = ld->doc;
    doc->failed = ld->failed;
    doc->cut = ld->cut;
    doc->cut_at = ld->cut_at;
    free(ld);
    if (doc->failed && (!keep || !doc->root)) {
        rg_doc_free(doc);
        return NULL;
    }
    return doc;
}

void rg_doc_free(rg_doc *doc)
{
    if (!doc)
        return;
    rg_arena_free(doc->arena);
    rg_arena_free(doc->strings);
    free(doc);
}
