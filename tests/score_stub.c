/*
 * score_stub.c - TEMPORARY: a stand-in for src/score.c (the readability
 * score) until it is merged; the Makefile links it only while
 * src/score.c is missing, and it goes with it. It sees no defect in any
 * drawing and ranks none above another, so the search keeps its first
 * candidate (the settings of the one-layout path) and stops after the
 * first batch.
 */
#include "gv.h"

#include <string.h>

void rg_score_graph(Agraph_t *g, double page_w, double page_h, rg_score *s)
{
    memset(s, 0, sizeof *s);
    boxf bb = rg_gv_bb(g);
    s->width = bb.UR.x - bb.LL.x;
    s->height = bb.UR.y - bb.LL.y;
    s->scale = 1;
    s->font_min = s->text_min = 14;
    s->page_used = page_w > 0 && page_h > 0
                       ? (s->width * s->height) / (page_w * page_h) : 0;
}

bool rg_score_better(const rg_score *a, const rg_score *b, double min_font)
{
    (void)a;
    (void)b;
    (void)min_font;
    return false;
}

void rg_score_print(rg_buf *b, const rg_score *s)
{
    rg_buf_printf(b, "overlaps=%zu edge_text=%zu edge_actors=%zu edge_groups=%zu "
                     "crossings=%zu label_gap=%.1f font_min=%g scale=%.3f "
                     "text_min=%.2f page_used=%.3f",
                  s->overlaps, s->edge_text, s->edge_actors, s->edge_groups,
                  s->crossings, s->label_gap, s->font_min, s->scale, s->text_min,
                  s->page_used);
}
