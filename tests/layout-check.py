#!/usr/bin/env python3
"""Judges a picture by its layout: Graphviz's own positions and sizes, as
`mlops-graph render -T json` writes them (the same layout the SVG draws).

    layout-check.py LAYOUT.json [--svg PICTURE.svg] [--export EXPORT.json]
                    [--max-edges N] [--min-role-font PT] [--quiet]

Measures, and fails (exit 1) when a measure breaks its bound:
  - nodes: no two node boxes overlap (pos, width and height; an ellipse is
    judged by its bounding box, which is stricter);
  - labels: no two texts overlap (role and tool names, handoff labels and
    xlabels, box labels, the caption: every "T" operation of the xdot
    drawing, its box from its anchor, alignment, width and font size), so
    no handoff label lies over a role's name;
  - edges: at most --max-edges lines drawn;
  - fonts: every role's label is at least --min-role-font points, and the
    picture is not scaled (no `size` attribute; with --svg, the SVG's
    transform is scale(1 1)), so points are points at 100% zoom;
  - with --export (`mlops-graph export -T json` of the same organisation,
    an independent account of it): every role is drawn, and the handoff
    lines join exactly the roles the organisation's handoffs join
    (connected components, directions ignored), so a left-out line never
    hides a connection.
Prints one line of measurements. Overlap is counted beyond a tolerance of
0.5 pt, below what a reader can see.
"""

import argparse
import json
import re
import sys

TOL = 0.5


def node_box(o):
    x, y = (float(v) for v in o["pos"].split(","))
    w, h = float(o["width"]) * 72 / 2, float(o["height"]) * 72 / 2
    return (x - w, y - h, x + w, y + h)


def text_boxes(ops):
    """The box of every text an xdot operation list draws."""
    size = 14.0
    for op in ops or []:
        if op["op"] == "F":
            size = float(op["size"])
        elif op["op"] == "T" and op["text"].strip():
            x, y = op["pt"]
            w = float(op["width"])
            left = {"l": x, "r": x - w}.get(op["align"], x - w / 2)
            # the baseline is at y; ascent and descent as Graphviz estimates them
            yield (left, y - 0.25 * size, left + w, y + 0.85 * size), size, op["text"]


def overlapping(boxes):
    """Pairs (i, j) of boxes (x0, y0, x1, y1, owner) that overlap, owners differing."""
    order = sorted(range(len(boxes)), key=lambda i: boxes[i][0])
    active, pairs = [], []
    for i in order:
        b = boxes[i]
        active = [j for j in active if boxes[j][2] - TOL > b[0]]
        for j in active:
            c = boxes[j]
            if c[4] != b[4] and min(b[2], c[2]) - max(b[0], c[0]) > TOL and \
                    min(b[3], c[3]) - max(b[1], c[1]) > TOL:
                pairs.append((j, i))
        active.append(i)
    return pairs


def components(n_keys, links):
    parent = {k: k for k in n_keys}

    def root(v):
        while parent[v] != v:
            parent[v] = parent[parent[v]]
            v = parent[v]
        return v
    for a, b in links:
        parent[root(a)] = root(b)
    groups = {}
    for k in n_keys:
        groups.setdefault(root(k), set()).add(k)
    return sorted(sorted(g) for g in groups.values())


def check_tools(ex, nodes, mode):
    """The tools drawn, by the rule of `render --help`, worked out from the
    export: a hub is used by more than half the roles and at least 6; shared
    draws the non-hub tools two or more roles use and labels a role with its
    other non-hub tools ("+N tools")."""
    roles = [n["id"] for n in ex["nodes"] if n["type"] == "role"]
    tools = [n["id"] for n in ex["nodes"] if n["type"] == "tool"]
    users = {t: set() for t in tools}
    for l in ex["links"]:
        if l["relation"] == "uses":
            users[l["target"]].add(l["source"])
    hub = {t for t in tools if 2 * len(users[t]) > len(roles) and len(users[t]) >= 6}
    want = {"all": {t for t in tools if users[t]},
            "shared": {t for t in tools if t not in hub and len(users[t]) >= 2},
            "none": set()}[mode]
    got = {o["name"] for o in nodes if o["name"].startswith("t")}
    problems = []
    if got != want:
        problems.append("tools drawn differ from the %s rule: %d drawn, %d expected" %
                        (mode, len(got), len(want)))
    for o in nodes if mode == "shared" else []:
        if o["name"].startswith("r"):
            n = sum(1 for t in tools if o["name"] in users[t] and t not in want and t not in hub)
            label = "+%d tool%s" % (n, "" if n == 1 else "s")
            if (n > 0) != (label in o["label"]):
                problems.append("role %s: label %r, expected %s" % (o["name"], o["label"], label))
    return problems


def check_focus(ex, roles_drawn, name, depth):
    """Breadth first over the export's collaborations, directions ignored."""
    ids = {n["name"]: n["id"] for n in ex["nodes"] if n["type"] == "role"}
    nbr = {}
    for l in ex["links"]:
        if l["relation"] == "collaboration" and l["source"] != l["target"]:
            nbr.setdefault(l["source"], set()).add(l["target"])
            nbr.setdefault(l["target"], set()).add(l["source"])
    seen, frontier = {ids[name]}, {ids[name]}
    for _ in range(depth):
        frontier = {m for v in frontier for m in nbr.get(v, ())} - seen
        seen |= frontier
    if seen != roles_drawn:
        return ["focus on %s at depth %d draws %d roles, expected %d" %
                (name, depth, len(roles_drawn), len(seen))]
    return []


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("layout")
    ap.add_argument("--svg")
    ap.add_argument("--export")
    ap.add_argument("--max-edges", type=int, default=400)
    ap.add_argument("--min-role-font", type=float, default=10)
    ap.add_argument("--expect-tools", choices=["all", "shared", "none"],
                    help="with --export: the tool nodes and '+N tools' labels the mode draws")
    ap.add_argument("--expect-focus", metavar="NAME:DEPTH",
                    help="with --export: exactly the roles within DEPTH handoffs of NAME")
    a = ap.parse_args()
    g = json.load(open(a.layout, encoding="utf-8"))
    objects = g.get("objects", [])
    nodes = [o for o in objects if "pos" in o]
    by_gvid = {o["_gvid"]: o for o in nodes}
    problems = []

    node_boxes = [node_box(o) + ("n%d" % o["_gvid"],) for o in nodes]
    labels = []  # (box, owner, text)
    role_fonts = []
    for o in nodes:
        for box, size, text in text_boxes(o.get("_ldraw_")):
            labels.append(box + ("n%d" % o["_gvid"], text))
            if o["name"].startswith("r"):
                role_fonts.append(size)
    for e in g.get("edges", []):
        for key in ("_ldraw_", "_tldraw_", "_hldraw_"):
            for box, size, text in text_boxes(e.get(key)):
                labels.append(box + ("e%d" % e["_gvid"], text))
    for o in objects:
        if "pos" not in o:  # a box (cluster)
            for box, size, text in text_boxes(o.get("_ldraw_")):
                labels.append(box + ("c%d" % o["_gvid"], text))
    for box, size, text in text_boxes(g.get("_ldraw_")):
        labels.append(box + ("graph", text))

    node_pairs = overlapping(node_boxes)
    label_pairs = overlapping([l[:5] for l in labels])
    for i, j in node_pairs[:5]:
        problems.append("nodes overlap: %s and %s" % (
            by_gvid[int(node_boxes[i][4][1:])]["label"], by_gvid[int(node_boxes[j][4][1:])]["label"]))
    for i, j in label_pairs[:5]:
        problems.append("labels overlap: %r and %r" % (labels[i][5], labels[j][5]))
    edges = len(g.get("edges", []))
    if edges > a.max_edges:
        problems.append("%d edges drawn, more than %d" % (edges, a.max_edges))
    min_font = min(role_fonts) if role_fonts else None
    if min_font is None or min_font < a.min_role_font:
        problems.append("smallest role label %s pt, below %g" % (min_font, a.min_role_font))
    if "size" in g or "viewport" in g:
        problems.append("the graph has a size or viewport: the picture may be scaled")
    if a.svg:
        svg = open(a.svg, encoding="utf-8").read()
        m = re.search(r'class="graph" transform="scale\(([0-9.]+) ([0-9.]+)\)', svg)
        if not m or float(m.group(1)) != 1 or float(m.group(2)) != 1:
            problems.append("the SVG is scaled: %s" % (m.group(0) if m else "no transform"))

    roles_drawn = {o["name"] for o in nodes if o["name"].startswith("r")}
    if a.export:
        ex = json.load(open(a.export, encoding="utf-8"))
    if a.export and not a.expect_focus:
        roles = [n["id"] for n in ex["nodes"] if n["type"] == "role"]
        missing = set(roles) - roles_drawn
        if missing:
            problems.append("%d roles not drawn: %s" % (len(missing), sorted(missing)[:5]))
        want = components(roles, [(l["source"], l["target"]) for l in ex["links"]
                                  if l["relation"] == "collaboration"])
        drawn = [(by_gvid[e["tail"]]["name"], by_gvid[e["head"]]["name"])
                 for e in g.get("edges", [])
                 if by_gvid[e["tail"]]["name"].startswith("r") and
                 by_gvid[e["head"]]["name"].startswith("r")]
        got = components(roles, [d for d in drawn if d[0] in roles_drawn and d[1] in roles_drawn])
        if got != want:
            problems.append("the handoff lines join %d parts, the organisation %d" %
                            (len(got), len(want)))

    if a.export and a.expect_tools:
        problems += check_tools(ex, nodes, a.expect_tools)
    if a.export and a.expect_focus:
        name, depth = a.expect_focus.rsplit(":", 1)
        problems += check_focus(ex, roles_drawn, name, int(depth))

    print("%s: %d nodes (%d roles), %d edges, %d labels; overlaps: %d node, %d label, "
          "smallest role font %s pt" %
          (a.layout, len(nodes), len(roles_drawn), edges, len(labels), len(node_pairs),
           len(label_pairs), min_font))
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
