#!/usr/bin/env python3
"""Load a GraphML or GEXF file written by relgraph with networkx (Debian's
python3-networkx) and print what networkx read, one line per graph
attribute, node and edge, for tests/test_network.c to compare with the
model:

    graph KEY=VALUE          (GraphML: the title and description)
    node ID KEY=VALUE KEY=VALUE ...
    edge SOURCE TARGET KEY KEY=VALUE ...

in the order networkx holds them, attributes sorted by name; in values a
backslash, newline and tab are written \\\\, \\n and \\t.

    network_load.py graphml FILE
    network_load.py gexf FILE
"""
import sys

import networkx as nx
from networkx.readwrite import gexf as nx_gexf


def text(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join("%s/%s" % pair for pair in value)
    s = str(value)
    return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")


def attrs(d):
    return "".join(" %s=%s" % (k, text(d[k])) for k in sorted(d))


def gexf_13():
    """networkx 2.8 reads GEXF 1.1 and 1.2; 1.3 keeps their elements under
    its own namespace (what newer networkx adds the same way)."""
    reader = nx_gexf.GEXFReader
    if "1.3" not in reader.versions:
        v = dict(reader.versions["1.2draft"])
        v.update(NS_GEXF="http://gexf.net/1.3", NS_VIZ="http://gexf.net/1.3/viz",
                 SCHEMALOCATION=" ".join(["http://gexf.net/1.3",
                                          "http://gexf.net/1.3/gexf.xsd"]),
                 VERSION="1.3")
        reader.versions["1.3"] = v


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "graphml":
        g = nx.read_graphml(path, force_multigraph=True)
        for k in ("description", "title"):
            if k in g.graph:
                print("graph %s=%s" % (k, text(g.graph[k])))
    else:
        gexf_13()
        g = nx.read_gexf(path, version="1.3")
        if g.graph.get("mode") != "dynamic":
            print("graph mode is not dynamic")
    assert g.is_directed() and g.is_multigraph()
    for n, d in g.nodes(data=True):
        print("node %s%s" % (n, attrs(d)))
    for u, v, k, d in g.edges(keys=True, data=True):
        print("edge %s %s %s%s" % (u, v, k, attrs(d)))


main()
