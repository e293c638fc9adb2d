#!/usr/bin/env python3
"""pipeline.py - the reference pipeline relgraph is measured against.

    python3 bench/pipeline.py FILE.yaml -K ENGINE -o OUT.svg [--dot OUT.dot]

What a script writer would do instead of relgraph: PyYAML with its C
loader (yaml.CSafeLoader, libyaml underneath, as relgraph), a DOT file
written from the data with the same styles as relgraph (shapes and colours
by kind, line styles and arrowheads by tie kind, groups as nested
clusters, junction nodes for ties of three or more parties, escaped
HTML-like labels wrapped as relgraph wraps them, the same graph
attributes), and the layout engine's own binary run on it with -Tsvg.

It makes relgraph's size-dependent choices too (straight lines past 30
nodes; past 2,000, no tie labels, fewer overlap-removal passes and sfdp's
fast quadtree; no clusters for the engines that do not draw them), so
that both lay out the same graph. It checks nothing (no schema, no ids, no
limits), draws no legend and adds no tooltips: it is the lower bound of
what such a script costs, not a replacement for relgraph. The engine is given with -K, so that the driver
can give it the very engine relgraph chose.
"""
import argparse
import subprocess
import sys

import yaml

TIES = {  # kind: (directed, colour, style, pen width, arrowhead)
    "talks": (False, "#0072B2", "solid", 3.0, "none"),
    "accuses": (True, "#D55E00", "dashed", 1.4, "vee"),
    "custody": (True, "#000000", "solid", 1.4, "diamond"),
    "demands": (True, "#E69F00", "dashed", 1.4, "normal"),
    "proposes": (True, "#009E73", "dotted", 1.8, "normal"),
    "supports": (True, "#56B4E9", "solid", 1.4, "normal"),
    "opposes": (True, "#CC79A7", "solid", 3.0, "tee"),
    "allied": (False, "#009E73", "solid", 1.2, "none"),
    "represents": (True, "#999999", "dotted", 1.8, "dot"),
    "hosts": (True, "#0072B2", "solid", 1.4, "vee"),
    "disputes": (False, "#CC79A7", "dashed", 1.4, "none"),
}
ACTORS = {  # kind: (shape, colour)
    "person": ("ellipse", "#0072B2"), "country": ("box", "#000000"),
    "organization": ("box3d", "#009E73"), "group": ("hexagon", "#D55E00"),
    "media": ("note", "#CC79A7"), "event": ("octagon", "#E69F00"),
}
PALETTE = {"black": "#000000", "orange": "#E69F00", "skyblue": "#56B4E9",
           "green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
           "vermillion": "#D55E00", "purple": "#CC79A7", "gray": "#999999"}
LINES = {"solid": ("solid", 1.4), "dashed": ("dashed", 1.4),
         "dotted": ("dotted", 1.8), "bold": ("solid", 3.0)}
ALPHA = {"alleged": "99", "denied": "66", "ended": "66"}


def color(c, default):
    if not c:
        return default
    c = str(c)
    return PALETTE.get(c, c if c.startswith("#") else default)


def tint(c, t=0.82):
    r, g, b = (int(c[i:i + 2], 16) for i in (1, 3, 5))
    return "#%02X%02X%02X" % tuple(int(x + (255 - x) * t + 0.5) for x in (r, g, b))


def esc(text):
    out = []
    for ch in str(text):
        out.append({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                    "'": "&#39;", "\\": "\\\\", "\n": "<BR/>", "\t": " "}.get(ch, ch))
    return "".join(out)


def wrapped(text, width):
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = line + " " + word if line else word
    lines.append(line)
    return "<BR/>".join(esc(x) for x in lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("file")
    ap.add_argument("-K", "--layout", default="dot")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--dot", help="also keep the DOT written for the engine")
    args = ap.parse_args()

    with open(args.file, "rb") as f:
        doc = yaml.load(f, Loader=yaml.CSafeLoader)

    tie_kinds = dict(TIES)
    actor_kinds = dict(ACTORS)
    kinds = doc.get("kinds") or {}
    for k, v in (kinds.get("ties") or {}).items():
        d, c, st, pen, ar = tie_kinds.get(k, (True, "#555555", "solid", 1.4, "normal"))
        st, pen = LINES.get(v.get("line"), (st, pen))
        tie_kinds[k] = (v.get("directed", d), color(v.get("color"), c), st, pen,
                        v.get("arrow", ar))
    for k, v in (kinds.get("actors") or {}).items():
        sh, c = actor_kinds.get(k, ("box", "#555555"))
        actor_kinds[k] = (v.get("shape", sh), color(v.get("color"), c))

    actors = doc.get("actors") or {}
    if isinstance(actors, list):
        actors = {a["id"]: a for a in actors}
    groups = doc.get("groups") or {}
    ties = doc.get("ties") or []
    engine = args.layout
    dot = engine == "dot"
    n_actors = len(actors)

    out = []
    w = out.append
    w("digraph relgraph {\n")
    w('graph [bgcolor="#FFFFFF", fontcolor="#1A1A1A", fontname="DejaVu Sans", '
      'fontsize=18, labelloc=t, outputorder=edgesfirst, pad=0.3')
    nodes = n_actors + sum(1 for t in ties if "between" in t)
    large = nodes > 2000
    labels = not large
    if dot:
        w(", rankdir=LR, nodesep=0.35, ranksep=0.55")
    else:
        w(", overlap=%s, sep=\"+12\", splines=%s, start=1"
          % ("prism10" if large else "false", "true" if nodes <= 30 else "false"))
        if large and engine == "sfdp":
            w(", quadtree=fast")
    if doc.get("title"):
        w(", label=<<B>%s</B>>" % wrapped(doc["title"], 80))
    w("];\n")
    w('node [fontcolor="#1A1A1A", fontname="DejaVu Sans", fontsize=12];\n')
    w('edge [arrowsize=0.8, fontcolor="#1A1A1A", fontname="DejaVu Sans", fontsize=10];\n')

    ids = {}
    for i, (aid, a) in enumerate(actors.items()):
        ids[aid] = "a%d" % i
    members = {}
    for aid, a in actors.items():
        g = (a or {}).get("group")
        members.setdefault(g, []).append(aid)

    def node(aid):
        a = actors[aid] or {}
        k = a.get("kind")
        if k in actor_kinds:
            shape, c = actor_kinds[k]
            fill, style = tint(c), "filled"
        else:
            shape, c, fill, style = "box", "#666666", "#F2F2F2", "rounded,filled"
        label = wrapped(a.get("name", aid), 24)
        if a.get("role"):
            label += '<BR/><FONT POINT-SIZE="9" COLOR="#555555">%s</FONT>' % wrapped(a["role"], 30)
        w('%s [shape=%s, style="%s", color="%s", fillcolor="%s", penwidth=1.4, '
          'margin="0.12,0.06", label=<%s>];\n' % (ids[aid], shape, style, c, fill, label))

    children = {}
    for gid, g in groups.items():
        children.setdefault((g or {}).get("parent"), []).append(gid)

    def cluster(gid, depth):
        g = groups[gid] or {}
        w("subgraph cluster_%s {\n" % gid.replace("-", "_").replace(".", "_"))
        w('graph [style="rounded,filled", color="#B0B0B0", fillcolor="%s", penwidth=1, '
          'labeljust=l, fontsize=13, label=<<B>%s</B>>];\n'
          % ("#ECECEC" if depth % 2 else "#F6F6F6", esc(g.get("name", gid))))
        for aid in members.get(gid, []):
            node(aid)
        for child in children.get(gid, []):
            cluster(child, depth + 1)
        w("}\n")

    if engine in ("dot", "fdp", "neato"):
        for gid in children.get(None, []):
            cluster(gid, 0)
        for aid in members.get(None, []):
            node(aid)
    else:
        for aid in actors:
            node(aid)

    for i, t in enumerate(ties):
        d, c, st, pen, ar = tie_kinds[t["kind"]]
        d = t.get("directed", d)
        c += ALPHA.get(t.get("status"), "")
        if t.get("weight"):
            pen = max(0.7, pen * t["weight"] / 2.0)
        label = ""
        if t.get("label") and labels:
            label = wrapped(t["label"], 22)
        if t.get("status") in ALPHA and labels:
            label += "%s(%s)" % ("<BR/>" if label else "", t["status"])
        style = 'color="%s", style=%s, penwidth=%.2f' % (c, st, pen)
        if "between" in t:
            j = "j%d" % i
            if labels:
                w('%s [shape=box, style="rounded,filled", fontsize=10, '
                  'margin="0.08,0.03", height=0.3, color="%s", fillcolor="%s", '
                  'label=<%s>];\n' % (j, c[:7], tint(c[:7]), label or esc(t["kind"])))
            else:
                w('%s [shape=point, width=0.14, style=filled, color="%s", '
                  'fillcolor="%s", label=""];\n' % (j, c[:7], tint(c[:7])))
            for p, who in enumerate(t["between"]):
                if d and p == 0:
                    w("%s -> %s [%s, arrowhead=none, dir=none];\n" % (ids[who], j, style))
                else:
                    w("%s -> %s [%s, arrowhead=%s, dir=%s];\n"
                      % (j, ids[who], style, ar if d else "none",
                         "forward" if d else "none"))
        else:
            w("%s -> %s [%s, arrowhead=%s, dir=%s%s];\n"
              % (ids[t["from"]], ids[t["to"]], style, ar if d else "none",
                 "forward" if d else "none", ", label=<%s>" % label if label else ""))
    w("}\n")
    text = "".join(out)
    if args.dot:
        with open(args.dot, "w", encoding="utf-8") as f:
            f.write(text)
    r = subprocess.run([engine, "-Tsvg", "-o", args.output], input=text.encode("utf-8"))
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
