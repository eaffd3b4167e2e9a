#!/usr/bin/env python3
"""Every attribute of an organisation's CSV reaches GraphML and node-link JSON.

Usage: export-attributes.py DIR GRAPHML NODELINK_JSON

Reads DIR's four tables with Python's csv module (not our loader) and checks
that NetworkX, reading the GraphML (nx.read_graphml) and the node-link JSON
(json_graph.node_link_graph), finds on each role its summary, aliases and
headcount and every extra column of roles.csv; on each tool every extra
column of tools.csv; on each collaboration and responsibility edge every
extra column of its table. Values are the CSV's, trimmed as the loader trims
them; a column whose every value is a plain decimal is a number (GraphML
type double), any other column text. The exported name of a column is its
own, unless a field of the export already has it: then "csv:" goes before
it, again while that names another column (worked out by hand for
tests/fixtures/attributes: "type" -> "csv:type", and "cluster" ->
"csv:cluster", which roles.csv has too, -> "csv:csv:cluster").
"""
import csv
import json
import os
import re
import sys

import networkx as nx
from networkx.readwrite import json_graph

NODE_FIELDS = {"id", "type", "name", "summary", "cluster", "aliases", "headcount"}
EDGE_FIELDS = {"id", "source", "target", "key", "relation", "handoff", "direction",
               "weight", "responsibility"}
KNOWN = {
    "roles.csv": {"role", "summary", "aliases", "headcount"},
    "tools.csv": {"role", "tool", "capability", "weight"},
    "responsibilities.csv": {"role", "responsibility", "capability"},
    "collaborations.csv": {"from", "to", "handoff", "direction", "weight"},
}
PLAIN_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?\Z")


def unguard(cell):
    """README, "What it reads": a leading ' before =, +, -, @, a tab, a CR or
    another ' is the formula guard, and is dropped."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@", "\t", "\r", "'") \
        else cell


def table(folder, name):
    path = os.path.join(folder, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8-sig", newline="") as f:
        return [{k: unguard(v) for k, v in row.items()} for row in csv.DictReader(f)]


def extras(row, file):
    """The row's non-empty extra cells, trimmed, by column (case as written)."""
    return {k.strip(): v.strip() for k, v in row.items()
            if k.strip().lower() not in KNOWN[file] and v.strip()}


def exported_names(columns, fields):
    """The rule of the module docstring, applied to columns in order."""
    names, folded = {}, {c.lower() for c in columns}
    for c in columns:
        name = c
        while (name.lower() in fields or (name.lower() in folded and name != c)
               or name.lower() in {n.lower() for n in names.values()}):
            name = "csv:" + name
        names[c] = name
    return names


def merge(into, attrs):
    """Rows naming one thing again: every distinct value, "; "-joined in
    order (README: a repeated row is merged; tools.csv repeats a tool a role)."""
    for k, v in attrs.items():
        parts = set(into.get(k, "").split("; ")) - {""} if k in into else set()
        parts |= set(v.split("; "))
        into[k] = "; ".join(sorted(parts, key=lambda x: x.encode()))


def expected(folder):
    roles, tools, edges = {}, {}, {}
    columns = {"node": [], "edge": []}

    def note(kind, cells):
        for k in cells:
            if k not in columns[kind]:
                columns[kind].append(k)

    for row in table(folder, "roles.csv"):
        attrs = extras(row, "roles.csv")
        note("node", attrs)
        roles[row["role"].strip()] = (row, attrs)
    for row in table(folder, "tools.csv"):
        attrs = extras(row, "tools.csv")
        note("node", attrs)
        merge(tools.setdefault(row["tool"].strip(), {}), attrs)
    for file, ends in (("collaborations.csv", ("from", "to")),
                       ("responsibilities.csv", ("role", "capability"))):
        for row in table(folder, file):
            attrs = extras(row, file)
            note("edge", attrs)
            merge(edges.setdefault((row[ends[0]].strip(), row[ends[1]].strip()), {}), attrs)
    values = {"node": [a for _, a in roles.values()] + list(tools.values()),
              "edge": list(edges.values())}
    number = {kind: {k: all(PLAIN_NUMBER.match(a[k]) for a in values[kind] if k in a)
                     for k in columns[kind]} for kind in columns}
    names = {"node": exported_names(columns["node"], NODE_FIELDS),
             "edge": exported_names(columns["edge"], EDGE_FIELDS)}

    def typed(attrs, kind="node"):
        return {names[kind][k]: float(v) if number[kind][k] else v for k, v in attrs.items()}

    return roles, tools, edges, typed


def check(g, what, folder):
    roles, tools, edges, typed = expected(folder)
    nodes = dict(g.nodes(data=True))
    by_name = {(d["type"], d["name"]): d for d in nodes.values()}
    checked = 0
    for name, (row, attrs) in roles.items():
        want = typed(attrs)
        if row.get("summary", "").strip():
            want["summary"] = row["summary"].strip()
        if row.get("aliases", "").strip():
            want["aliases"] = ";".join(a.strip() for a in row["aliases"].split(";") if a.strip())
        if row.get("headcount", "").strip():
            want["headcount"] = float(row["headcount"])
        got = {k: v for k, v in by_name[("role", name)].items()
               if k not in ("type", "name", "cluster", "id")}
        got = {k: float(v) if isinstance(v, int) and not isinstance(v, bool) else v
               for k, v in got.items()}
        assert got == want, f"{what}: role {name!r}: {got} != {want}"
        checked += len(want)
    for name, attrs in tools.items():
        got = {k: v for k, v in by_name[("tool", name)].items() if k not in ("type", "name", "id")}
        got = {k: float(v) if isinstance(v, int) else v for k, v in got.items()}
        assert got == typed(attrs), f"{what}: tool {name!r}: {got} != {typed(attrs)}"
        checked += len(attrs)
    for u, v, d in g.edges(data=True):
        if d["relation"] not in ("collaboration", "needs"):
            continue
        pair = (nodes[u]["name"], nodes[v]["name"])
        if pair not in edges:  # a collaboration both ways is kept with its ends in id order
            pair = pair[::-1]
        got = {k: float(x) if isinstance(x, int) else x for k, x in d.items()
               if k not in EDGE_FIELDS}
        want = typed(edges[pair], "edge")
        assert got == want, f"{what}: edge {pair}: {got} != {want}"
        checked += len(got)
    return checked


def main():
    folder, graphml, nodelink = sys.argv[1:4]
    g1 = nx.read_graphml(graphml)
    with open(nodelink, encoding="utf-8") as f:
        g2 = json_graph.node_link_graph(json.load(f))
    n1, n2 = check(g1, "GraphML", folder), check(g2, "node-link JSON", folder)
    assert n1 == n2 and n1 > 0, (n1, n2)
    print(f"{n1} attribute values equal the CSV's in GraphML and node-link JSON")


if __name__ == "__main__":
    main()
