#!/usr/bin/env python3
"""test_page_check.py - unit tests of tests/page_check.py on small
hand-built layouts in Graphviz's json form, each with a known answer:
overlapping texts, an edge through a third node, through a group, through
a foreign label but not its own, two crossing edges and edges that only
meet at a shared end, nested groups, the smallest text at a given page,
and the command line's output and exit statuses.

Run by tests/test_page_check.c in `make check`; alone:
    python3 tests/test_page_check.py
"""

import io
import json
import os
import sys
import tempfile
import unittest
from contextlib import redirect_stderr, redirect_stdout

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import page_check  # noqa: E402


# ---- building layouts ----------------------------------------------------

def font(size):
    return {"op": "F", "size": float(size), "face": "DejaVu Sans"}


def text(x, y, s, width, align="c"):
    """A T op at baseline point (x, y)."""
    return {"op": "T", "pt": [x, y], "align": align, "width": float(width), "text": s}


def label_ops(lines, size=10):
    """An _ldraw_ list: LINES are (x, y, text, width) with align c."""
    ops = []
    for x, y, s, w in lines:
        ops += [font(size), {"op": "c", "grad": "none", "color": "#1a1a1a"}, text(x, y, s, w)]
    return ops


class Builder:
    """A layout: subgraphs first, then nodes, sharing one _gvid space, as
    Graphviz writes them. Nodes, edges and groups refer to nodes by name;
    build() makes a fresh document each time."""

    def __init__(self, bb=(0, 0, 400, 300)):
        self.bb = bb
        self.subs, self.nodes, self.edges = [], [], []

    def node(self, name, x, y, w=60, h=30, label=None, size=10, shape=True):
        """A node of W x H points at (x, y); LABEL drawn at its centre."""
        o = {"name": name, "pos": "%g,%g" % (x, y), "width": str(w / 72.0),
             "height": str(h / 72.0)}
        if shape:
            o["_draw_"] = [{"op": "c", "grad": "none", "color": "#000000"},
                           {"op": "p", "points": [[x - w / 2, y - h / 2], [x + w / 2, y - h / 2],
                                                  [x + w / 2, y + h / 2], [x - w / 2, y + h / 2]]}]
        if label:
            o["_ldraw_"] = label_ops([(x, y - size * 0.3, label, len(label) * size * 0.6)], size)
        self.nodes.append(o)
        return name

    def edge(self, tail, head, points, label=None, pos_tip=None, style=None):
        """An edge TAIL -> HEAD (node names) drawn along POINTS: a polyline
        made into a Bezier with straight pieces. LABEL: (x, y, text,
        width). POS_TIP: an arrowhead's tip for pos."""
        bez = [points[0]]
        for a, b in zip(points, points[1:]):
            bez += [[a[0] + (b[0] - a[0]) / 3, a[1] + (b[1] - a[1]) / 3],
                    [a[0] + 2 * (b[0] - a[0]) / 3, a[1] + 2 * (b[1] - a[1]) / 3], list(b)]
        e = {"tail": tail, "head": head,
             "_draw_": [{"op": "c", "grad": "none", "color": "#000000"},
                        {"op": "b", "points": bez}]}
        if style == "invis":
            e["_draw_"] = []
        pos = " ".join("%g,%g" % tuple(p) for p in bez)
        if pos_tip:
            pos = "e,%g,%g " % tuple(pos_tip) + pos
        e["pos"] = pos
        if label:
            e["_ldraw_"] = label_ops([label])
        self.edges.append(e)
        return e

    def group(self, name, box, members, children=(), title=None):
        """A subgraph NAME with bounding box BOX holding the nodes MEMBERS
        (names) and the subgraphs CHILDREN (names)."""
        o = {"name": name, "bb": "%g,%g,%g,%g" % box, "_members": list(members),
             "_children": list(children)}
        if title:
            o["_ldraw_"] = label_ops([title], 13)
        self.subs.append(o)
        return name

    def build(self):
        doc = json.loads(json.dumps({"subs": self.subs, "nodes": self.nodes,
                                     "edges": self.edges}))
        subs, nodes, edges = doc["subs"], doc["nodes"], doc["edges"]
        gvid = {}
        for i, o in enumerate(subs + nodes):
            o["_gvid"] = i
            gvid[o["name"]] = i
        for s in subs:
            s["nodes"] = [gvid[m] for m in s.pop("_members")]
            kids = [gvid[c] for c in s.pop("_children")]
            if kids:
                s["subgraphs"] = kids
        for i, e in enumerate(edges):
            e["_gvid"] = i
            e["tail"], e["head"] = gvid[e["tail"]], gvid[e["head"]]
        return {"name": "g", "directed": True, "bb": "%g,%g,%g,%g" % self.bb,
                "_subgraph_cnt": len(subs), "objects": subs + nodes, "edges": edges}


def figures(doc, w=10000, h=10000, **kw):
    f, _ = page_check.measure(json.loads(json.dumps(doc)), w, h, **kw)
    return f


# ---- the measures ------------------------------------------------------

class Overlaps(unittest.TestCase):
    def test_two_overlapping_labels(self):
        b = Builder()
        # Text boxes: 60 wide, 10 tall from baseline - 2 to baseline + 8.
        b.node("a", 100, 100, label="abcdefghij")   # x 70..130, y 95..105
        b.node("b", 120, 104, label="klmnopqrst")   # x 90..150, y 99..109
        f = figures(b.build())
        self.assertEqual(f["overlaps"], 1)

    def test_overlap_within_the_tolerance_is_not_counted(self):
        b = Builder()
        b.node("a", 100, 100, label="abcdefghij", shape=False)   # y 95..105
        b.node("b", 100, 109.5, label="klmnopqrst", shape=False)  # y 104.5..114.5
        self.assertEqual(figures(b.build())["overlaps"], 0)
        self.assertEqual(figures(b.build(), tol=0.25)["overlaps"], 1)

    def test_lines_of_one_label_never_overlap_each_other(self):
        b = Builder()
        a = b.node("a", 100, 100)
        c = b.node("c", 300, 100)
        b.edge(a, c, [[130, 100], [270, 100]],
               label=(200, 120, "one line", 50))
        b.edges[0]["_ldraw_"] += label_ops([(200, 115, "a second line", 70)])
        self.assertEqual(figures(b.build())["overlaps"], 0)

    def test_texts_that_do_not_meet(self):
        b = Builder()
        b.node("a", 100, 100, label="abcdefghij")
        b.node("b", 200, 100, label="klmnopqrst")
        self.assertEqual(figures(b.build())["overlaps"], 0)

    def test_each_pair_counts_once(self):
        b = Builder()
        for i in range(3):
            b.node("n%d" % i, 100 + 5 * i, 100, label="abcdefghij", shape=False)
        f, defects = page_check.measure(b.build(), 1000, 1000)
        self.assertEqual(f["overlaps"], 3)
        self.assertEqual(len([d for d in defects if d.startswith("overlap:")]), 3)


class EdgesThroughActors(unittest.TestCase):
    def row(self):
        b = Builder()
        a = b.node("a", 50, 100, label="A")
        c = b.node("c", 200, 100, label="C")   # box x 170..230, y 85..115
        z = b.node("z", 350, 100, label="Z")
        return b, a, c, z

    def test_an_edge_through_a_third_node(self):
        b, a, c, z = self.row()
        b.edge(a, z, [[80, 100], [320, 100]])
        f = figures(b.build())
        self.assertEqual(f["edge_actors"], 1)
        self.assertEqual(f["edge_text"], 0)  # the node stands for its text

    def test_an_edge_to_that_node_is_not_through_it(self):
        b, a, c, z = self.row()
        b.edge(a, c, [[80, 100], [170, 100]])
        b.edge(c, z, [[230, 100], [320, 100]])
        self.assertEqual(figures(b.build())["edge_actors"], 0)

    def test_a_curve_may_end_inside_its_own_ends_boxes(self):
        # As at an ellipse, whose box is larger than the shape the curve is
        # clipped to.
        b, a, c, z = self.row()
        b.edge(a, c, [[70, 100], [185, 100]])
        self.assertEqual(figures(b.build())["edge_actors"], 0)

    def test_an_edge_round_the_node(self):
        b, a, c, z = self.row()
        b.edge(a, z, [[80, 100], [150, 140], [250, 140], [320, 100]])
        self.assertEqual(figures(b.build())["edge_actors"], 0)

    def test_touching_a_border_is_not_entering(self):
        b, a, c, z = self.row()
        # Along the box's top side (y 115), half a point inside it.
        b.edge(a, z, [[80, 114.5], [320, 114.5]])
        self.assertEqual(figures(b.build())["edge_actors"], 0)
        self.assertEqual(figures(b.build(), tol=0.25)["edge_actors"], 1)

    def test_a_corner_cut_by_a_diagonal(self):
        b, a, c, z = self.row()
        # From (160, 100) to (180, 120): cuts the corner at (170, 115).
        b.edge(a, z, [[80, 100], [160, 100], [180, 120], [320, 120]])
        self.assertEqual(figures(b.build())["edge_actors"], 1)

    def test_nodes_that_draw_nothing_or_only_text(self):
        b = Builder()
        a = b.node("a", 50, 100, label="A")
        b.node("point", 200, 100, w=1, h=1, shape=False)          # invisible
        b.node("words", 200, 160, w=120, h=30, label="legend entry", shape=False)
        z = b.node("z", 350, 100, label="Z")
        b.edge(a, z, [[80, 100], [320, 100]])                        # through the point
        b.edge(a, z, [[80, 100], [200, 200], [320, 100]])            # above the words' text
        b.edge(a, z, [[80, 100], [200, 160], [320, 100]])            # through the words
        f = figures(b.build())
        self.assertEqual(f["edge_actors"], 0)
        self.assertEqual(f["edge_text"], 1)

    def test_the_run_to_the_arrowhead_counts(self):
        b, a, c, z = self.row()
        # The curve stops short of C; its arrowhead's tip is inside C, and
        # C is not its head.
        b.edge(a, z, [[80, 100], [160, 100]], pos_tip=[200, 100])
        self.assertEqual(figures(b.build())["edge_actors"], 1)
        b2, a2, c2, z2 = self.row()
        b2.edge(a2, c2, [[80, 100], [160, 100]], pos_tip=[170, 100])
        self.assertEqual(figures(b2.build())["edge_actors"], 0)

    def test_invisible_edges_and_invisible_strokes(self):
        b, a, c, z = self.row()
        b.edge(a, z, [[80, 100], [320, 100]], style="invis")
        e = b.edge(a, z, [[80, 140], [320, 140]])
        # A second stroke through C, in a transparent colour: the gap of a
        # double line.
        e["_draw_"] += [{"op": "c", "grad": "none", "color": "#fffffe00"},
                        {"op": "b", "points": [[80, 100], [160, 100], [240, 100], [320, 100]]}]
        f = figures(b.build())
        self.assertEqual(f["edge_actors"], 0)
        self.assertEqual(f["edges"], 1)


class EdgesThroughTexts(unittest.TestCase):
    def test_a_label_belongs_to_its_own_edge(self):
        b = Builder()
        a = b.node("a", 50, 100)
        z = b.node("z", 350, 100)
        # The label sits on its own curve: not a defect.
        b.edge(a, z, [[80, 100], [320, 100]], label=(200, 98, "its own label", 70))
        self.assertEqual(figures(b.build())["edge_text"], 0)
        # Another edge through that label is one.
        b.edge(a, z, [[80, 110], [200, 100], [320, 110]])
        f, defects = page_check.measure(b.build(), 1000, 1000)
        self.assertEqual(f["edge_text"], 1)
        self.assertIn("through 'its own label'", "\n".join(defects))

    def test_one_defect_per_label_however_many_lines(self):
        b = Builder()
        a = b.node("a", 50, 100)
        z = b.node("z", 350, 100)
        b.edge(a, z, [[80, 40], [320, 40]], label=(200, 150, "first", 40))
        b.edges[0]["_ldraw_"] += label_ops([(200, 139, "second", 40)])
        b.edge(a, z, [[80, 100], [200, 130], [200, 170], [320, 100]])  # through both lines
        self.assertEqual(figures(b.build())["edge_text"], 1)

    def test_one_defect_per_group_title_however_many_lines(self):
        b = Builder()
        a = b.node("a", 50, 100)
        z = b.node("z", 350, 100)
        b.group("cluster_g", (150, 200, 250, 280), [], title=(200, 265, "Group", 40))
        b.subs[0]["_ldraw_"] += label_ops([(200, 252, "title", 40)], 13)
        # Up through both lines of the title.
        b.edge(a, z, [[80, 100], [200, 240], [200, 290], [320, 100]])
        f = figures(b.build())
        self.assertEqual(f["edge_text"], 1)
        self.assertEqual(f["overlaps"], 0)  # one group's two lines

    def test_titles_of_groups_and_of_the_drawing(self):
        b = Builder()
        a = b.node("a", 50, 100)
        z = b.node("z", 350, 100)
        b.group("cluster_g", (20, 60, 380, 200), [a, z], title=(200, 185, "Group title", 80))
        b.edge(a, z, [[80, 100], [200, 187], [200, 262], [320, 100]])
        doc = b.build()
        doc["_ldraw_"] = label_ops([(200, 260, "Drawing title", 100)], 18)
        f = figures(doc)
        self.assertEqual(f["edge_text"], 2)
        self.assertEqual(f["edge_groups"], 0)  # the group holds both ends


class EdgesThroughGroups(unittest.TestCase):
    def across(self, subgraph):
        """A -> Z straight through the box of SUBGRAPH, below C, the only
        node it holds."""
        b = Builder()
        a = b.node("a", 50, 100)
        c = b.node("c", 200, 160)
        z = b.node("z", 350, 100)
        b.group(subgraph, (150, 60, 250, 200), [c])
        b.edge(a, z, [[80, 100], [320, 100]])
        return b.build()

    def test_an_edge_through_a_group_holding_neither_end(self):
        f = figures(self.across("cluster_g"))
        self.assertEqual(f["edge_groups"], 1)
        self.assertEqual(f["edge_actors"], 0)

    def test_an_edge_into_its_own_group(self):
        b = Builder()
        a = b.node("a", 50, 100)
        c = b.node("c", 200, 100)
        b.group("cluster_g", (150, 60, 250, 200), [c])
        b.edge(a, c, [[80, 100], [170, 100]])
        self.assertEqual(figures(b.build())["edge_groups"], 0)

    def test_a_subgraph_that_is_not_a_cluster_draws_no_box(self):
        self.assertEqual(figures(self.across("legend_column"))["edge_groups"], 0)

    def test_the_legend_is_a_group_of_its_own(self):
        b = Builder((0, 0, 500, 300))
        a = b.node("a", 50, 100)
        z = b.node("z", 450, 100)
        start = b.node("lt0.start", 210, 100, w=1, h=1, shape=False)
        entry = b.node("lt0", 260, 100, w=80, h=20, label="holds talks with", shape=False)
        b.group("cluster_legend", (200, 50, 320, 150), [start, entry])
        b.edge(start, entry, [[210, 100], [220, 100]])   # the sample line
        b.edge(a, z, [[80, 100], [200, 60], [320, 60], [420, 100]])
        f = figures(b.build())
        self.assertEqual(f["edge_groups"], 1)
        self.assertEqual(f["edge_text"], 0)

    def test_nested_groups(self):
        # outer holds d and the inner group; inner holds c.
        b = Builder((0, 0, 600, 400))
        out = b.node("out", 550, 200)
        c = b.node("c", 200, 300)
        d = b.node("d", 400, 100)
        inner = b.group("cluster_inner", (100, 200, 300, 380), [c])
        b.group("cluster_outer", (50, 50, 480, 390), [d], children=[inner])
        # d -> out, up through the inner box: inner holds neither end; the
        # outer box holds d.
        b.edge(d, out, [[370, 100], [200, 250], [480, 330], [520, 200]])
        # c -> out, across both borders: both hold c.
        b.edge(c, out, [[230, 300], [520, 200]])
        f, defects = page_check.measure(b.build(), 10000, 10000)
        self.assertEqual(f["edge_groups"], 1)
        self.assertIn("through group cluster_inner", "\n".join(defects))
        # The outer group's "nodes" list has only d: c is its member
        # through the inner group's list.
        b2 = Builder((0, 0, 600, 400))
        out2 = b2.node("out", 550, 200)
        c2 = b2.node("c", 200, 300)
        z2 = b2.node("z", 20, 20)
        inner2 = b2.group("cluster_inner", (100, 200, 300, 380), [c2])
        b2.group("cluster_outer", (50, 50, 480, 390), [], children=[inner2])
        b2.edge(c2, out2, [[230, 300], [520, 200]])     # holds c: no defect
        b2.edge(z2, out2, [[20, 35], [200, 100], [580, 100]])  # outer only
        self.assertEqual(figures(b2.build())["edge_groups"], 1)


class Crossings(unittest.TestCase):
    def square(self):
        b = Builder()
        n = [b.node("n%d" % i, x, y, w=20, h=20) for i, (x, y) in
             enumerate([(50, 50), (250, 50), (50, 250), (250, 250)])]
        return b, n

    def test_two_crossing_edges(self):
        b, n = self.square()
        b.edge(n[0], n[3], [[60, 60], [240, 240]])
        b.edge(n[1], n[2], [[240, 60], [60, 240]])
        f, defects = page_check.measure(b.build(), 1000, 1000)
        self.assertEqual(f["crossings"], 1)
        self.assertIn("at 150.0,150.0", "\n".join(defects))

    def test_edges_that_meet_only_at_a_shared_end(self):
        b, n = self.square()
        b.edge(n[0], n[3], [[60, 60], [240, 240]])
        b.edge(n[0], n[1], [[60, 60], [240, 60]])      # same start point
        b.edge(n[2], n[3], [[60, 240], [240, 240]])
        self.assertEqual(figures(b.build())["crossings"], 0)

    def test_edges_sharing_an_end_that_cross_elsewhere(self):
        b, n = self.square()
        b.edge(n[0], n[3], [[60, 60], [240, 240]])
        b.edge(n[0], n[1], [[60, 50], [60, 200], [150, 200], [240, 50]])
        self.assertEqual(figures(b.build())["crossings"], 1)

    def test_a_pair_that_crosses_twice_counts_once(self):
        b, n = self.square()
        b.edge(n[0], n[1], [[60, 50], [240, 50]])
        b.edge(n[2], n[3], [[60, 250], [100, 20], [200, 20], [240, 250]])
        self.assertEqual(figures(b.build())["crossings"], 1)

    def test_parallel_and_collinear(self):
        b, n = self.square()
        b.edge(n[0], n[1], [[60, 50], [240, 50]])
        b.edge(n[2], n[3], [[60, 250], [240, 250]])
        self.assertEqual(figures(b.build())["crossings"], 0)
        # Along edge 0 for a while: one pair; it meets edge 1 only at the
        # two ends they share.
        b.edge(n[2], n[3], [[60, 250], [120, 50], [180, 50], [240, 250]])
        self.assertEqual(figures(b.build())["crossings"], 1)


class Page(unittest.TestCase):
    def drawing(self, size=10):
        b = Builder((0, 0, 1000, 500))
        b.node("a", 100, 100, label="small", size=size)
        b.node("b", 500, 300, label="large", size=14)
        return b.build()

    def test_text_size_at_a_given_page(self):
        # The bb, 1000 x 500, with 2 points of room on each side.
        f = figures(self.drawing(), 400, 800)
        self.assertAlmostEqual(f["scale"], 400 / 1004)
        self.assertEqual(f["font_min"], 10)
        self.assertAlmostEqual(f["text_min"], 4000 / 1004)
        self.assertAlmostEqual(f["page_used"], (1000 * 500) * (400 / 1004) ** 2 / (400 * 800))
        self.assertEqual(f["orientation"], "portrait")

    def test_orientations(self):
        doc = self.drawing()
        land = figures(doc, 400, 800, orientation="auto")
        self.assertEqual(land["orientation"], "landscape")
        self.assertEqual(land["page"], (800, 400))
        # 504 high with its room: the page's 400 is what limits it.
        self.assertAlmostEqual(land["scale"], 400 / 504)
        self.assertAlmostEqual(land["text_min"], 4000 / 504)
        self.assertAlmostEqual(land["page_used"], (1000 * 500) * (400 / 504) ** 2 / (800 * 400))
        self.assertEqual(figures(doc, 800, 400, orientation="portrait")["page"], (400, 800))
        self.assertAlmostEqual(figures(doc, 400, 800, orientation="landscape")["scale"],
                               400 / 504)

    def test_a_small_drawing_is_not_enlarged(self):
        f = figures(self.drawing(), 5000, 5000)
        self.assertEqual(f["scale"], 1.0)
        self.assertEqual(f["text_min"], 10.0)
        self.assertAlmostEqual(f["page_used"], 1000 * 500 / 25e6)

    def test_max_text_caps_the_scale(self):
        # 10 pt the smallest: printed at most 8 pt, so scaled at most 0.8,
        # though the page would hold it whole.
        f = figures(self.drawing(), 5000, 5000, max_text=8)
        self.assertAlmostEqual(f["scale"], 0.8)
        self.assertAlmostEqual(f["text_min"], 8.0)
        # A page that needs a smaller scale is not affected.
        self.assertAlmostEqual(figures(self.drawing(), 400, 800, max_text=8)["scale"],
                               400 / 1004)
        # Text already smaller than the cap: the drawing stays whole.
        self.assertEqual(figures(self.drawing(), 5000, 5000, max_text=12)["scale"], 1.0)

    def test_label_gap(self):
        b = Builder()
        a = b.node("a", 50, 100)
        z = b.node("z", 350, 100)
        # Label box y from 128 to 138: 28 points above the curve.
        b.edge(a, z, [[80, 100], [320, 100]], label=(200, 130, "far", 30))
        b.edge(a, z, [[80, 50], [320, 50]], label=(200, 50, "on it", 30))
        self.assertAlmostEqual(figures(b.build())["label_gap"], 28.0)


# ---- the command line ----------------------------------------------------

class CommandLine(unittest.TestCase):
    def run_main(self, doc, *args, raw=None):
        with tempfile.TemporaryDirectory() as d:
            path = os.path.join(d, "x.json")
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(raw if raw is not None else json.dumps(doc))
            out, err = io.StringIO(), io.StringIO()
            with redirect_stdout(out), redirect_stderr(err):
                try:
                    st = page_check.main([path] + list(args))
                except SystemExit as e:
                    st = e.code
            return st, out.getvalue(), err.getvalue().replace(path, "x.json")

    def crossing(self):
        b = Builder((0, 0, 300, 300))
        n = [b.node("n%d" % i, x, y, w=20, h=20, label="N%d" % i, size=9) for i, (x, y) in
             enumerate([(50, 50), (250, 50), (50, 250), (250, 250)])]
        b.edge(n[0], n[3], [[60, 60], [240, 240]])
        b.edge(n[1], n[2], [[240, 60], [60, 240]])
        return b.build()

    def test_one_line_of_figures(self):
        st, out, err = self.run_main(self.crossing(), "150mm", "10cm")
        self.assertEqual(st, 0)
        self.assertEqual(err, "")
        self.assertEqual(out, "overlaps=0 edge_text=0 edge_actors=0 edge_groups=0 "
                              "crossings=1 label_gap=0.0 font_min=9 scale=0.932 "
                              "text_min=8.39 page_used=0.649 orientation=landscape "
                              "drawing=300.0x300.0 page=425.2x283.5 texts=4 nodes=4 "
                              "edges=2\n")

    def test_thresholds(self):
        doc = self.crossing()
        st, out, err = self.run_main(doc, "100", "100", "--goal", "--max-crossings", "0")
        self.assertEqual(st, 1)
        self.assertEqual(err, "page_check: x.json: crossings=1, wanted at most 0\n"
                              "page_check: x.json: text_min=2.96, wanted at least 6\n")
        st, out, err = self.run_main(doc, "300", "300", "--goal", "--max-crossings", "1")
        self.assertEqual((st, err), (0, ""))

    def test_verbose_lists_the_defects(self):
        st, out, err = self.run_main(self.crossing(), "300", "300", "-v")
        self.assertEqual(st, 0)
        self.assertEqual(err, "  crossing: edge 0 (0 -> 3) and edge 1 (1 -> 2) at 150.0,150.0\n")

    def test_bad_input(self):
        st, out, err = self.run_main(None, "300", "300", raw="{\"bb\": ")
        self.assertEqual((st, out), (2, ""))
        self.assertTrue(err.startswith("page_check: x.json:1:8: not JSON: "), err)
        st, out, err = self.run_main({"objects": []}, "300", "300")
        self.assertEqual((st, out), (2, ""))
        self.assertEqual(err, "page_check: x.json: no 'bb': not a laid-out graph "
                              "(use -o FILE.json)\n")
        st, out, err = self.run_main({"bb": "0,0,1"}, "300", "300")
        self.assertEqual(err, "page_check: x.json: bb must be 4 numbers: '0,0,1'\n")
        st, out, err = self.run_main(self.crossing(), "300", "wide")
        self.assertEqual(st, 2)
        self.assertIn("not a length: 'wide'", err)
        st, out, err = self.run_main(self.crossing(), "300", "-5mm")
        self.assertEqual(st, 2)

    def test_missing_file(self):
        err = io.StringIO()
        with redirect_stderr(err), redirect_stdout(io.StringIO()):
            st = page_check.main(["/nonexistent/x.json", "100", "100"])
        self.assertEqual(st, 2)
        self.assertEqual(err.getvalue(),
                         "page_check: /nonexistent/x.json: No such file or directory\n")

    def test_lengths(self):
        self.assertAlmostEqual(page_check.length("190mm"), 538.58, places=2)
        self.assertAlmostEqual(page_check.length("27.7cm"), 785.20, places=2)
        self.assertEqual(page_check.length("8.5in"), 612.0)
        self.assertEqual(page_check.length("612pt"), 612.0)
        self.assertEqual(page_check.length("612"), 612.0)


if __name__ == "__main__":
    unittest.main(verbosity=1)
