#!/usr/bin/env python3
"""page_check.py - an independent check of a laid-out drawing on a page.

Reads what `relgraph FILE -o x.json` writes (Graphviz's "json" output of
the laid-out drawing) and the printable area of a page, and prints one
line of figures a reader of the printed page would notice:

  overlaps     pairs of texts of two different objects whose boxes overlap
               by more than the tolerance both ways
  edge_text    (edge, object) pairs: an edge's curve through a text of
               another object (another edge's label, a group's or the
               drawing's title, a text beside its node, a shapeless node's
               text); its own label and its own ends' texts excepted
  edge_actors  (edge, node) pairs: an edge's curve into the box of a drawn
               node (an actor, a multi-party tie's box, a legend sample)
               that is not one of its ends
  edge_groups  (edge, group) pairs: an edge's curve into the box of a
               group (a cluster: Graphviz subgraph named cluster*; the
               legend is one) holding neither of its ends
  crossings    pairs of edges whose curves intersect, away from an end
               they share
  label_gap    the largest distance from an edge's label to its own curve
  font_min     the smallest font size in the drawing
  scale        the scale at which the whole drawing (its bb, with 2 pt of
               room on each side for the outermost lines' outer half)
               fits the printable area, at most 1, and with --max-text at most
               what prints font_min at that size
  text_min     font_min times scale: the smallest text once on the page
  page_used    the share of the printable area the scaled drawing covers

It exits 0 when every threshold given is met, 1 when one is not (each
failure named on stderr), 2 on a usage error or a file it cannot read.

The geometry is Graphviz's, in points, y upwards:
  - a text is the box of an xdot T op: its width as given, from its point
    by its alignment (l, c, r); the font size (the last F op before it)
    tall, a fifth of it below the baseline;
  - a node is its box (pos, width and height in inches) when it draws a
    shape (an ellipse, polygon, polyline or Bezier op); a node that draws
    only text (a plaintext legend entry) is its texts; one that draws
    nothing (an invisible point) is nothing;
  - an edge is the Bezier curves and polylines of its _draw_ ops, sampled,
    but for strokes drawn in a fully transparent colour (the gap of a
    double line), plus the straight run from each curve end to its
    arrowhead's tip (the s, and e, points of pos); arrowheads themselves
    and edges that draw nothing (invisible ones) are not tested;
  - a group is the bb of a subgraph named cluster*, holding the nodes of
    its "nodes" list and those of the subgraphs inside it.
Graphviz's json rounds what it writes: ops to 0.01 pt, pos (a node's
centre, a curve's arrowhead tips) to 5 significant digits, 0.1 pt past
1,000 pt and 1 pt past 10,000. relgraph --stats measures the unrounded
layout, so on a large drawing a curve that grazes a box at the
tolerance's edge may count in one and not the other.
A curve "enters" a box when it crosses the box shrunk by the tolerance on
every side, so that a curve that only touches a border is not counted.
Crossings within an arrowhead's length (ARROW_MARGIN) of the box of a
node both edges end at are where they meet at that node, not crossings.

Python 3 standard library only: it is meant to check relgraph from the
outside, sharing no code with it.
"""

import argparse
import json
import math
import sys

# The text box of a T op: the font size tall, a fifth of it below the
# baseline (DejaVu Sans: descender 0.24 em, cap height 0.73 em).
DESCENT = 0.2
ASCENT = 0.8
# Where two edges that end at one node meet near it: an arrowhead's length
# (Graphviz's 10 points at arrowsize 1).
ARROW_MARGIN = 10.0
# Bezier sampling: one segment per this many points of control polygon.
SAMPLE_STEP = 3.0
SAMPLE_MIN, SAMPLE_MAX = 4, 96
# Cell size of the spatial index, in points.
CELL = 48.0
# Shape ops of xdot: a node that draws one of these has a visible shape.
SHAPE_OPS = frozenset("EePpBbL")

# Points of room the bb keeps on each side on the page.
BLEED = 2.0
UNITS = {"pt": 1.0, "in": 72.0, "mm": 72.0 / 25.4, "cm": 72.0 / 2.54}
ORIENTATIONS = ("given", "portrait", "landscape", "auto")


class CheckError(Exception):
    """A layout that cannot be read."""


# ---- small geometry ---------------------------------------------------

def box_union(a, b):
    if a is None:
        return b
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def shrink(box, d):
    """BOX with every side moved in by D, or None when nothing is left."""
    x0, y0, x1, y1 = box[0] + d, box[1] + d, box[2] - d, box[3] - d
    if x0 >= x1 or y0 >= y1:
        return None
    return (x0, y0, x1, y1)


def grow(box, d):
    return (box[0] - d, box[1] - d, box[2] + d, box[3] + d)


def boxes_meet(a, b):
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def overlap(a, b):
    """Width and height of the intersection of two boxes (<= 0: none)."""
    return (min(a[2], b[2]) - max(a[0], b[0]), min(a[3], b[3]) - max(a[1], b[1]))


def inside(p, box):
    return box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]


def seg_box(s):
    return (min(s[0], s[2]), min(s[1], s[3]), max(s[0], s[2]), max(s[1], s[3]))


def segment_enters(s, box):
    """True if segment S = (x0, y0, x1, y1) meets the open box BOX
    (Liang-Barsky clipping: some part of it lies strictly inside)."""
    x0, y0, x1, y1 = s
    dx, dy = x1 - x0, y1 - y0
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0),
                 (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q <= 0:
                return False
        else:
            t = q / p
            if p < 0:
                if t > t0:
                    t0 = t
            elif t < t1:
                t1 = t
            if t0 >= t1:
                return False
    return True


def cross(ax, ay, bx, by):
    return ax * by - ay * bx


def segment_meet(s, u):
    """A point where segments S and U meet, or None. Collinear segments
    that overlap meet at the start of their overlap."""
    px, py, rx, ry = s[0], s[1], s[2] - s[0], s[3] - s[1]
    qx, qy, sx, sy = u[0], u[1], u[2] - u[0], u[3] - u[1]
    d = cross(rx, ry, sx, sy)
    wx, wy = qx - px, qy - py
    if abs(d) < 1e-12:
        if abs(cross(wx, wy, rx, ry)) > 1e-9:
            return None  # parallel
        rr = rx * rx + ry * ry
        if rr < 1e-18:
            return None
        t0 = (wx * rx + wy * ry) / rr
        t1 = t0 + (sx * rx + sy * ry) / rr
        lo, hi = max(0.0, min(t0, t1)), min(1.0, max(t0, t1))
        if lo > hi:
            return None
        return (px + lo * rx, py + lo * ry)
    t = cross(wx, wy, sx, sy) / d
    v = cross(wx, wy, rx, ry) / d
    if 0.0 <= t <= 1.0 and 0.0 <= v <= 1.0:
        return (px + t * rx, py + t * ry)
    return None


def point_box_distance(p, box):
    dx = max(box[0] - p[0], 0.0, p[0] - box[2])
    dy = max(box[1] - p[1], 0.0, p[1] - box[3])
    return math.hypot(dx, dy)


def point_segment_distance(p, s):
    x0, y0, x1, y1 = s
    dx, dy = x1 - x0, y1 - y0
    ll = dx * dx + dy * dy
    t = 0.0 if ll == 0 else max(0.0, min(1.0, ((p[0] - x0) * dx + (p[1] - y0) * dy) / ll))
    return math.hypot(p[0] - (x0 + t * dx), p[1] - (y0 + t * dy))


def segment_box_distance(s, box):
    if inside((s[0], s[1]), box) or segment_enters(s, box):
        return 0.0
    corners = ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3]))
    return min([point_box_distance((s[0], s[1]), box),
                point_box_distance((s[2], s[3]), box)] +
               [point_segment_distance(c, s) for c in corners])


def bezier_samples(points):
    """Points along a piecewise cubic Bezier (3n + 1 control points)."""
    if len(points) < 4 or (len(points) - 1) % 3:
        return [tuple(p) for p in points]  # not a Bezier: as a polyline
    out = [tuple(points[0])]
    for i in range(0, len(points) - 1, 3):
        p0, p1, p2, p3 = points[i:i + 4]
        length = (math.dist(p0, p1) + math.dist(p1, p2) + math.dist(p2, p3))
        n = max(SAMPLE_MIN, min(SAMPLE_MAX, int(math.ceil(length / SAMPLE_STEP))))
        for k in range(1, n + 1):
            t = k / n
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                        a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1]))
    return out


class Grid:
    """A uniform grid of cells, each listing the items whose box meets it."""

    def __init__(self):
        self.cells = {}

    def _keys(self, box):
        for i in range(int(math.floor(box[0] / CELL)), int(math.floor(box[2] / CELL)) + 1):
            for j in range(int(math.floor(box[1] / CELL)), int(math.floor(box[3] / CELL)) + 1):
                yield (i, j)

    def add(self, box, item):
        for k in self._keys(box):
            self.cells.setdefault(k, []).append(item)

    def near(self, box):
        seen = set()
        for k in self._keys(box):
            for item in self.cells.get(k, ()):
                if id(item) not in seen:
                    seen.add(id(item))
                    yield item


# ---- the layout -------------------------------------------------------

class Text:
    def __init__(self, owner, box, size, text):
        self.owner, self.box, self.size, self.text = owner, box, size, text


class Node:
    def __init__(self, gvid, name):
        self.gvid, self.name = gvid, name
        self.box = None       # when it draws a shape
        self.texts = []


class Edge:
    def __init__(self, gvid, tail, head):
        self.gvid, self.tail, self.head = gvid, tail, head
        self.segments = []
        self.texts = []
        self.box = None


class Group:
    def __init__(self, name, box, members):
        self.name, self.box, self.members = name, box, members


class Layout:
    def __init__(self):
        self.bb = None
        self.nodes = {}       # gvid -> Node
        self.edges = []
        self.groups = []
        self.texts = []       # every text, each with its owner


def number(v, what):
    try:
        x = float(v)
    except (TypeError, ValueError):
        raise CheckError("%s is not a number: %r" % (what, v))
    if not math.isfinite(x):
        raise CheckError("%s is not a finite number: %r" % (what, v))
    return x


def numbers(s, n, what):
    parts = str(s).split(",")
    if len(parts) != n:
        raise CheckError("%s must be %d numbers: %r" % (what, n, s))
    return tuple(number(p, what) for p in parts)


def point(p, what):
    if not isinstance(p, (list, tuple)) or len(p) != 2:
        raise CheckError("%s is not a point: %r" % (what, p))
    return (number(p[0], what), number(p[1], what))


def read_ops(obj, owner, keys):
    """Texts and drawn strokes in the xdot op lists KEYS of OBJ: a list of
    Text and a list of (op, points, visible)."""
    texts, strokes = [], []
    for key in keys:
        ops = obj.get(key) or []
        if not isinstance(ops, list):
            raise CheckError("%s of %s is not a list" % (key, owner))
        size, visible = 14.0, True  # Graphviz's default font size
        for op in ops:
            if not isinstance(op, dict):
                raise CheckError("an op of %s is not an object" % owner)
            kind = op.get("op")
            if kind == "F":
                size = number(op.get("size"), "font size")
            elif kind == "c":
                c = str(op.get("color", ""))
                # #RRGGBBAA with AA = 00: nothing shows.
                visible = not (len(c) == 9 and c.startswith("#") and c[7:].lower() == "00")
            elif kind == "S" and op.get("style") == "invis":
                visible = False
            elif kind == "T":
                x, y = point(op.get("pt"), "text point")
                w = number(op.get("width"), "text width")
                text = str(op.get("text", ""))
                if not text.strip() or w <= 0:
                    continue
                align = op.get("align", "c")
                x0 = x if align == "l" else x - w if align == "r" else x - w / 2
                texts.append(Text(owner, (x0, y - DESCENT * size, x0 + w, y + ASCENT * size),
                                  size, text))
            elif kind in SHAPE_OPS:
                pts = op.get("points")
                if kind in "Ee":
                    r = op.get("rect")
                    if not isinstance(r, list) or len(r) != 4:
                        raise CheckError("an ellipse of %s has no rect" % owner)
                    pts = [[r[0] - r[2], r[1]], [r[0] + r[2], r[1]]]
                if not isinstance(pts, list):
                    raise CheckError("a %s op of %s has no points" % (kind, owner))
                strokes.append((kind, [point(p, "a point") for p in pts], visible))
    return texts, strokes


def parse_layout(doc):
    """The Layout of Graphviz json output DOC (a parsed JSON object)."""
    if not isinstance(doc, dict):
        raise CheckError("not a Graphviz json layout (the top is not an object)")
    if "bb" not in doc:
        raise CheckError("no 'bb': not a laid-out graph (use -o FILE.json)")
    lay = Layout()
    lay.bb = numbers(doc["bb"], 4, "bb")
    objects = doc.get("objects") or []
    edges = doc.get("edges") or []
    if not isinstance(objects, list) or not isinstance(edges, list):
        raise CheckError("'objects' and 'edges' must be lists")
    n_sub = int(number(doc.get("_subgraph_cnt", 0), "_subgraph_cnt"))
    gt, _ = read_ops(doc, "the drawing", ("_ldraw_",))
    lay.texts.extend(gt)

    subs = {}
    for i, o in enumerate(objects):
        if not isinstance(o, dict):
            raise CheckError("an object is not an object")
        gvid = o.get("_gvid", i)
        name = str(o.get("name", gvid))
        if i < n_sub:
            subs[gvid] = o
            texts, _ = read_ops(o, "group " + name, ("_ldraw_",))
            lay.texts.extend(texts)
            continue
        node = Node(gvid, name)
        node.texts, strokes = read_ops(o, "node " + name,
                                       ("_draw_", "_ldraw_", "_hldraw_", "_tldraw_"))
        if any(v for _, _, v in strokes):
            x, y = numbers(o.get("pos"), 2, "pos of node " + name)
            w = number(o.get("width"), "width of node " + name) * 72.0
            h = number(o.get("height"), "height of node " + name) * 72.0
            node.box = (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
        for t in node.texts:
            t.owner = node
        lay.nodes[gvid] = node
        lay.texts.extend(node.texts)

    # Groups: clusters, holding their own nodes and their subgraphs'.
    def members(gvid, seen):
        if gvid in seen or gvid not in subs:
            return set()
        seen.add(gvid)
        o = subs[gvid]
        out = set(o.get("nodes") or [])
        for child in o.get("subgraphs") or []:
            out |= members(child, seen)
        return out

    for gvid, o in subs.items():
        name = str(o.get("name", gvid))
        if name.startswith("cluster") and "bb" in o:
            lay.groups.append(Group(name, numbers(o["bb"], 4, "bb of " + name),
                                    members(gvid, set())))
    # One owner per group (and one for the drawing), whatever its number of
    # lines: owners are told apart by identity.
    owners = {"the drawing": ("drawing", None)}
    for t in lay.texts:
        if not isinstance(t.owner, Node):
            t.owner = owners.setdefault(t.owner, ("group", t.owner))

    for i, e in enumerate(edges):
        if not isinstance(e, dict):
            raise CheckError("an edge is not an object")
        gvid = e.get("_gvid", i)
        edge = Edge(gvid, e.get("tail"), e.get("head"))
        label = "edge %s" % gvid
        edge.texts, strokes = read_ops(e, label, ("_ldraw_", "_hldraw_", "_tldraw_"))
        for t in edge.texts:
            t.owner = edge
        lay.texts.extend(edge.texts)
        _, strokes = read_ops(e, label, ("_draw_",))
        runs = []
        for kind, pts, visible in strokes:
            if not visible or len(pts) < 2:
                continue
            runs.append(bezier_samples(pts) if kind in "Bb" else pts)
        if not runs:
            continue  # an invisible edge: not drawn, not tested
        # From each curve end to its arrowhead's tip.
        for spline in str(e.get("pos", "")).split(";"):
            tokens = spline.split()
            tips = {t[0]: numbers(t[2:], 2, "pos of " + label)
                    for t in tokens if t[:2] in ("s,", "e,")}
            ctrl = [numbers(t, 2, "pos of " + label) for t in tokens if t[:2] not in ("s,", "e,")]
            if ctrl and "s" in tips:
                runs.append([tips["s"], ctrl[0]])
            if ctrl and "e" in tips:
                runs.append([ctrl[-1], tips["e"]])
        for run in runs:
            for a, b in zip(run, run[1:]):
                if a != b:
                    s = (a[0], a[1], b[0], b[1])
                    edge.segments.append(s)
                    edge.box = box_union(edge.box, seg_box(s))
        if edge.segments:
            lay.edges.append(edge)
    return lay


# ---- the measures -----------------------------------------------------

def describe(obj):
    """A short name for a defect line."""
    if isinstance(obj, Node):
        first = obj.texts[0].text if obj.texts else ""
        return "node %s%s" % (obj.name, " '%s'" % first if first else "")
    if isinstance(obj, Edge):
        first = obj.texts[0].text if obj.texts else ""
        return "edge %s (%s -> %s)%s" % (obj.gvid, obj.tail, obj.head,
                                         " '%s'" % first if first else "")
    if isinstance(obj, Group):
        return "group %s" % obj.name
    if isinstance(obj, tuple) and obj[0] == "group":
        return "the title of %s" % obj[1]
    return "the drawing's title"


def enters(edge, box, tol):
    inner = shrink(box, tol)
    if inner is None or edge.box is None or not boxes_meet(edge.box, inner):
        return False
    return any(boxes_meet(seg_box(s), inner) and segment_enters(s, inner)
               for s in edge.segments)


def count_overlaps(lay, tol, defects):
    grid, n = Grid(), 0
    for t in lay.texts:
        for u in grid.near(t.box):
            if u.owner is t.owner:
                continue
            w, h = overlap(t.box, u.box)
            if w > tol and h > tol:
                n += 1
                defects.append("overlap: '%s' (%s) and '%s' (%s)" %
                               (u.text, describe(u.owner), t.text, describe(t.owner)))
        grid.add(t.box, t)
    return n


def count_edges_through(lay, tol, defects):
    """(edge_text, edge_actors, edge_groups)."""
    node_grid, text_grid = Grid(), Grid()
    for node in lay.nodes.values():
        if node.box is not None:
            node_grid.add(node.box, node)
    for t in lay.texts:
        owner = t.owner
        # The text of a drawn node, within its box: the node stands for it.
        if isinstance(owner, Node) and owner.box is not None:
            area = grow(owner.box, tol)
            if inside(t.box[:2], area) and inside(t.box[2:], area):
                continue
        text_grid.add(t.box, t)
    n_text = n_actor = n_group = 0
    for e in lay.edges:
        ends = {e.tail, e.head}
        for node in node_grid.near(e.box):
            if node.gvid not in ends and enters(e, node.box, tol):
                n_actor += 1
                defects.append("edge through an actor: %s through %s" %
                               (describe(e), describe(node)))
        owners = []
        for t in text_grid.near(e.box):
            o = t.owner
            if o is e or (isinstance(o, Node) and o.gvid in ends) or \
                    any(o is p for p in owners):
                continue
            if enters(e, t.box, tol):
                owners.append(o)
                n_text += 1
                defects.append("edge through a text: %s through '%s' (%s)" %
                               (describe(e), t.text, describe(o)))
        for g in lay.groups:
            if e.tail not in g.members and e.head not in g.members and enters(e, g.box, tol):
                n_group += 1
                defects.append("edge through a group: %s through %s" % (describe(e), describe(g)))
    return n_text, n_actor, n_group


def count_crossings(lay, defects):
    grid = Grid()
    for e in lay.edges:
        for s in e.segments:
            grid.add(seg_box(s), (e, s))
    order = {id(e): i for i, e in enumerate(lay.edges)}
    crossed = set()
    for e in lay.edges:
        for s in e.segments:
            for f, u in grid.near(seg_box(s)):
                if order[id(f)] <= order[id(e)]:
                    continue
                key = (order[id(e)], order[id(f)])
                if key in crossed or not boxes_meet(seg_box(s), seg_box(u)):
                    continue
                p = segment_meet(s, u)
                if p is None:
                    continue
                shared = {e.tail, e.head} & {f.tail, f.head}
                near_end = False
                for gvid in shared:
                    node = lay.nodes.get(gvid)
                    if node is None:
                        continue
                    if node.box is not None:
                        area = grow(node.box, ARROW_MARGIN)
                    else:
                        area = None
                        for t in node.texts:
                            area = box_union(area, t.box)
                        area = grow(area, ARROW_MARGIN) if area else None
                    near_end |= area is not None and inside(p, area)
                if near_end:
                    continue
                crossed.add(key)
                defects.append("crossing: %s and %s at %.1f,%.1f" %
                               (describe(e), describe(f), p[0], p[1]))
    return len(crossed)


def label_gap(lay, defects, report_over):
    worst = 0.0
    for e in lay.edges:
        box = None
        for t in e.texts:
            box = box_union(box, t.box)
        if box is None:
            continue
        d = min(segment_box_distance(s, box) for s in e.segments)
        if report_over is not None and d > report_over:
            defects.append("label far from its edge: %s, %.1f pt" % (describe(e), d))
        worst = max(worst, d)
    return worst


def fit(bb, page_w, page_h, orientation, top=1.0):
    """(scale, page_w, page_h, orientation name) for the drawing BB,
    scaled at most TOP."""
    w, h = bb[2] - bb[0] + 2 * BLEED, bb[3] - bb[1] + 2 * BLEED
    short, long_ = min(page_w, page_h), max(page_w, page_h)
    pages = {"portrait": (short, long_), "landscape": (long_, short)}

    def scale(pw, ph):
        return min(top, pw / w if w > 0 else 1.0, ph / h if h > 0 else 1.0)

    if orientation == "given":
        name = "portrait" if page_w <= page_h else "landscape"
        return scale(page_w, page_h), page_w, page_h, name
    if orientation == "auto":
        s_p, s_l = scale(*pages["portrait"]), scale(*pages["landscape"])
        orientation = "portrait" if s_p >= s_l else "landscape"
    pw, ph = pages[orientation]
    return scale(pw, ph), pw, ph, orientation


def measure(doc, page_w, page_h, orientation="given", tol=1.0, label_report=None,
            max_text=None):
    """The figures of the Graphviz json layout DOC on a printable area of
    PAGE_W x PAGE_H points: (figures dict, defect lines)."""
    lay = parse_layout(doc)
    defects = []
    f = {}
    f["overlaps"] = count_overlaps(lay, tol, defects)
    f["edge_text"], f["edge_actors"], f["edge_groups"] = count_edges_through(lay, tol, defects)
    f["crossings"] = count_crossings(lay, defects)
    f["label_gap"] = label_gap(lay, defects, label_report)
    f["font_min"] = min((t.size for t in lay.texts), default=0.0)
    top = 1.0
    if max_text is not None and f["font_min"] > max_text:
        top = max_text / f["font_min"]
    scale, pw, ph, name = fit(lay.bb, page_w, page_h, orientation, top)
    w, h = lay.bb[2] - lay.bb[0], lay.bb[3] - lay.bb[1]
    f["scale"] = scale
    f["text_min"] = f["font_min"] * scale
    f["page_used"] = (w * scale) * (h * scale) / (pw * ph)
    f["orientation"] = name
    f["drawing"] = (w, h)
    f["page"] = (pw, ph)
    f["texts"], f["nodes"], f["edges"] = len(lay.texts), len(lay.nodes), len(lay.edges)
    return f, defects


def format_figures(f):
    return ("overlaps=%d edge_text=%d edge_actors=%d edge_groups=%d crossings=%d "
            "label_gap=%.1f font_min=%g scale=%.3f text_min=%.2f page_used=%.3f "
            "orientation=%s drawing=%.1fx%.1f page=%.1fx%.1f texts=%d nodes=%d edges=%d" %
            (f["overlaps"], f["edge_text"], f["edge_actors"], f["edge_groups"],
             f["crossings"], f["label_gap"], f["font_min"], f["scale"], f["text_min"],
             f["page_used"], f["orientation"], f["drawing"][0], f["drawing"][1],
             f["page"][0], f["page"][1], f["texts"], f["nodes"], f["edges"]))


# (option, figure, at most (True) or at least (False))
THRESHOLDS = (
    ("max_overlaps", "overlaps", True),
    ("max_edge_text", "edge_text", True),
    ("max_edge_actors", "edge_actors", True),
    ("max_edge_groups", "edge_groups", True),
    ("max_crossings", "crossings", True),
    ("max_label_gap", "label_gap", True),
    ("min_text", "text_min", False),
    ("min_page_used", "page_used", False),
)


def failures(f, args):
    out = []
    for opt, key, at_most in THRESHOLDS:
        limit = getattr(args, opt)
        if limit is None:
            continue
        if (f[key] > limit) if at_most else (f[key] < limit):
            out.append("%s=%s, %s %s" % (key, ("%d" % f[key]) if isinstance(f[key], int)
                                         else ("%.3g" % f[key]),
                                         "wanted at most" if at_most else "wanted at least",
                                         ("%g" % limit)))
    return out


def length(text):
    """A length: a number with an optional unit (pt, in, mm, cm)."""
    s = text.strip().lower()
    for unit in sorted(UNITS, key=len, reverse=True):
        if s.endswith(unit):
            s, k = s[:-len(unit)], UNITS[unit]
            break
    else:
        k = 1.0
    try:
        v = float(s) * k
    except ValueError:
        raise argparse.ArgumentTypeError("not a length: %r (a number, then pt, in, mm or cm)" % text)
    if not math.isfinite(v) or v <= 0:
        raise argparse.ArgumentTypeError("not a positive length: %r" % text)
    return v


def count(text):
    try:
        v = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError("not a count: %r" % text)
    if v < 0:
        raise argparse.ArgumentTypeError("not a count: %r" % text)
    return v


def main(argv=None):
    p = argparse.ArgumentParser(
        prog="page_check.py",
        description="Figures a reader notices in a laid-out drawing (Graphviz json, as "
                    "written by relgraph -o FILE.json) on a page's printable area.",
        epilog="Exit status: 0 every threshold met, 1 one is not, 2 usage or input error. "
               "--goal is --max-overlaps 0 --max-edge-text 0 --max-edge-actors 0 "
               "--max-edge-groups 0 --min-text 6.")
    p.add_argument("layout", help="a Graphviz json layout, or - for standard input")
    p.add_argument("width", type=length, help="printable width (points, or with pt in mm cm)")
    p.add_argument("height", type=length, help="printable height")
    p.add_argument("--orientation", choices=ORIENTATIONS, default="given",
                   help="the page as given, turned to portrait or landscape, or whichever "
                        "fits the drawing larger (default: given)")
    p.add_argument("--tolerance", type=float, default=1.0, metavar="PT",
                   help="overlaps and intrusions up to this depth are not counted (default 1)")
    p.add_argument("--max-overlaps", type=count, metavar="N")
    p.add_argument("--max-edge-text", type=count, metavar="N")
    p.add_argument("--max-edge-actors", type=count, metavar="N")
    p.add_argument("--max-edge-groups", type=count, metavar="N")
    p.add_argument("--max-crossings", type=count, metavar="N")
    p.add_argument("--max-label-gap", type=float, metavar="PT")
    p.add_argument("--min-text", type=float, metavar="PT",
                   help="the smallest text once on the page")
    p.add_argument("--min-page-used", type=float, metavar="SHARE")
    p.add_argument("--max-text", type=float, metavar="PT",
                   help="the largest the smallest text is printed at: the scale is at most "
                        "PT over font_min")
    p.add_argument("--goal", action="store_true",
                   help="the readability goal: no overlap, no edge through a foreign text, "
                        "actor or group, text at least 6 pt on the page")
    p.add_argument("-v", "--verbose", action="store_true",
                   help="list every defect on standard error")
    args = p.parse_args(argv)
    if args.goal:
        for opt in ("max_overlaps", "max_edge_text", "max_edge_actors", "max_edge_groups"):
            if getattr(args, opt) is None:
                setattr(args, opt, 0)
        if args.min_text is None:
            args.min_text = 6.0
    if not (args.tolerance >= 0):
        p.error("--tolerance must be at least 0")

    name = "<stdin>" if args.layout == "-" else args.layout
    try:
        if args.layout == "-":
            doc = json.load(sys.stdin)
        else:
            with open(args.layout, encoding="utf-8") as fh:
                doc = json.load(fh)
        f, defects = measure(doc, args.width, args.height, args.orientation, args.tolerance,
                             args.max_label_gap, args.max_text)
    except (OSError, UnicodeDecodeError) as e:
        print("page_check: %s: %s" % (name, getattr(e, "strerror", None) or e), file=sys.stderr)
        return 2
    except json.JSONDecodeError as e:
        print("page_check: %s:%d:%d: not JSON: %s" % (name, e.lineno, e.colno, e.msg),
              file=sys.stderr)
        return 2
    except CheckError as e:
        print("page_check: %s: %s" % (name, e), file=sys.stderr)
        return 2
    print(format_figures(f))
    if args.verbose:
        for d in defects:
            print("  " + d, file=sys.stderr)
    bad = failures(f, args)
    for b in bad:
        print("page_check: %s: %s" % (name, b), file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
