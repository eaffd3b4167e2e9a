#!/usr/bin/python3
"""Reference implementations for bench/run: the work of one mlops-graph
command, done with python-igraph or NetworkX.

    ref.py LIB COMMAND DIR [args]

LIB is igraph or networkx; DIR holds roles.csv, responsibilities.csv,
tools.csv and collaborations.csv (as written by `mlops-graph generate`).

    validate                       load the four tables into one graph
    gaps                           components, cut roles, cut handoffs, coverage
    clusters [--bound N]           role projection of role-tool + Louvain
                                   (N = projection size bound, default
                                   4000000; 0 = no bound)
    path FROM TO [-k K]            the K cheapest simple handoff chains
    bottlenecks [--sample K]       betweenness on the handoff graph
    render [-o FILE.svg]           NetworkX + pygraphviz only
    startup                        import the library and stop (DIR may be
                                   omitted): the fixed cost of every run

Each command prints one line with its result (counts, modularity, path
costs) on standard output, so that a person can hold it against
mlops-graph's own answer. The code is written as a competent user of each
library would write it: Python's csv module, names mapped to ints with a
dict, and the library's fastest bulk constructor.

Every command starts with the same load as `validate` (parse all four
tables, build one graph of roles, tools and capabilities), because
mlops-graph, too, loads the whole organisation for every command; the
`validate` row of the benchmark therefore shows the load cost on its own.

Must run under Debian's /usr/bin/python3 (it has python3-igraph,
python3-networkx and python3-pygraphviz).
"""

import csv
import os
import sys
import tempfile

# Default bound on the size of the role projection (see clusters below);
# mlops-graph applies the same bound.
PROJECTION_BOUND = 4_000_000

# Vertex kinds in the one-graph model.
ROLE, TOOL, CAPABILITY = "role", "tool", "capability"


def die(msg, status=2):
    print(f"ref.py: {msg}", file=sys.stderr)
    sys.exit(status)


# ---------------------------------------------------------------------------
# Parsing: plain Python, shared by both libraries
# ---------------------------------------------------------------------------

class Interner:
    """Names -> consecutive ints, first come first numbered."""

    def __init__(self):
        self.ids = {}
        self.names = []

    def __call__(self, name):
        i = self.ids.get(name)
        if i is None:
            i = self.ids[name] = len(self.names)
            self.names.append(name)
        return i

    def __len__(self):
        return len(self.names)


def read_rows(path, columns):
    """Yields, for each data row of the CSV file at path, a tuple of the
    named columns (found by header name, case-insensitively; '' where a
    column is absent). A missing file reads as an empty table."""
    if not os.path.exists(path):
        return
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = csv.reader(f)
        header = [h.strip().lower() for h in next(rows, [])]
        index = [header.index(c) if c in header else None for c in columns]
        for row in rows:
            yield tuple(row[i].strip() if i is not None else "" for i in index)


def split_list(field):
    """A ';'-separated list field, e.g. tools.csv's capability."""
    return [x.strip() for x in field.split(";") if x.strip()]


def number(field):
    return float(field) if field else 1.0


class Org:
    """The four tables, parsed; roles, tools and capabilities numbered.

    uses:    {(role, tool): weight}           distinct role-tool pairs
    collab:  {(from, to, both?): weight}      distinct collaborations, the
             lowest weight kept; a 'both' one is keyed (min, max, True)
    handoff: {same keys: handoff text}        (the first seen)
    summary: {role: summary}                  from roles.csv
    arcs:    {(from, to): weight}             the directed handoff graph
             ('both' gives two arcs), lowest weight kept
    supports: {(tool, capability)}            from tools.csv's capability
    needs:   [(role, capability)]             one per responsibility and
             capability it names
    """

    def __init__(self, d):
        self.roles, self.tools, self.caps = Interner(), Interner(), Interner()
        role, tool, cap = self.roles, self.tools, self.caps
        self.summary = {}
        for name, summary in read_rows(os.path.join(d, "roles.csv"), ["role", "summary"]):
            self.summary[role(name)] = summary

        self.needs = []
        for r, _resp, c in read_rows(os.path.join(d, "responsibilities.csv"),
                                     ["role", "responsibility", "capability"]):
            r = role(r)
            for name in split_list(c):
                self.needs.append((r, cap(name)))

        self.uses, self.supports = {}, set()
        for r, t, c, w in read_rows(os.path.join(d, "tools.csv"),
                                    ["role", "tool", "capability", "weight"]):
            t = tool(t)
            self.uses.setdefault((role(r), t), number(w))
            for name in split_list(c):
                self.supports.add((t, cap(name)))

        self.collab, self.arcs, self.handoff = {}, {}, {}
        for a, b, handoff, direction, w in read_rows(
                os.path.join(d, "collaborations.csv"),
                ["from", "to", "handoff", "direction", "weight"]):
            a, b, w = role(a), role(b), number(w)
            both = direction.lower() == "both"
            key = (min(a, b), max(a, b), True) if both else (a, b, False)
            self.collab[key] = min(w, self.collab.get(key, w))
            self.handoff.setdefault(key, handoff)
            for arc in ((a, b), (b, a)) if both else ((a, b),):
                self.arcs[arc] = min(w, self.arcs.get(arc, w))

    # Vertex numbering of the one graph: roles, then tools, then capabilities.
    @property
    def n_roles(self):
        return len(self.roles)

    def tool_vertex(self, t):
        return len(self.roles) + t

    def cap_vertex(self, c):
        return len(self.roles) + len(self.tools) + c

    def vertices(self):
        """(name, kind) of every vertex, in vertex order."""
        return ([(n, ROLE) for n in self.roles.names]
                + [(n, TOOL) for n in self.tools.names]
                + [(n, CAPABILITY) for n in self.caps.names])

    def edges(self):
        """(u, v, relation, weight) of every edge of the one graph."""
        tv, cv = self.tool_vertex, self.cap_vertex
        out = [(r, tv(t), "uses", w) for (r, t), w in self.uses.items()]
        out += [(a, b, "collaboration", w) for (a, b), w in self.arcs.items()]
        out += [(tv(t), cv(c), "supports", 1.0) for t, c in self.supports]
        out += [(r, cv(c), "needs", 1.0) for r, c in set(self.needs)]
        return out

    def counts(self):
        return (f"roles {len(self.roles)}, tools {len(self.tools)}, "
                f"capabilities {len(self.caps)}, responsibilities {len(self.needs)}, "
                f"uses {len(self.uses)}, collaborations {len(self.collab)}")

    def coverage(self):
        """(needs that no tool at all supports, needs that no tool of the
        responsible role supports): plain Python sets."""
        supported = {c for _t, c in self.supports}
        caps_of_tool = {}
        for t, c in self.supports:
            caps_of_tool.setdefault(t, set()).add(c)
        caps_of_role = {}
        for r, t in self.uses:
            caps_of_role.setdefault(r, set()).update(caps_of_tool.get(t, ()))
        unsupported = sum(1 for _r, c in self.needs if c not in supported)
        not_own = sum(1 for r, c in self.needs if c not in caps_of_role.get(r, ()))
        return unsupported, not_own

    def projection_bound(self, bound):
        """The tools left out of the role projection so that its size
        estimate, sum over tools of d*(d-1)/2 (d = the tool's roles), is at
        most bound: the tool with the most roles goes first, ties to the
        name that sorts first bytewise after ASCII lowercasing. Leaving a
        tool out does not change the others' d, so one sort settles it."""
        d = [0] * len(self.tools)
        for _r, t in self.uses:
            d[t] += 1
        estimate = sum(x * (x - 1) // 2 for x in d)
        if not bound:
            return set()
        ascii_lower = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ",
                                    "abcdefghijklmnopqrstuvwxyz")
        order = sorted(range(len(d)), key=lambda t: (
            -d[t], self.tools.names[t].translate(ascii_lower).encode()))
        left_out = set()
        for t in order:
            if estimate <= bound:
                break
            left_out.add(t)
            estimate -= d[t] * (d[t] - 1) // 2
        return left_out


def left_out_names(org, left_out):
    names = sorted((org.tools.names[t] for t in left_out), key=str.lower)
    return f"{len(names)}" + (f" ({', '.join(names)})" if 0 < len(names) <= 10 else "")


def top(scores, names, k=5):
    best = sorted(range(len(scores)), key=lambda i: -scores[i])[:k]
    return "; ".join(f"{names[i]} {scores[i]:.6g}" for i in best)


# ---------------------------------------------------------------------------
# igraph
# ---------------------------------------------------------------------------

def igraph_load(org):
    import igraph as ig
    vertices, edges = org.vertices(), org.edges()
    g = ig.Graph(n=len(vertices), edges=[(u, v) for u, v, _r, _w in edges],
                 directed=True)
    g.vs["name"] = [n for n, _k in vertices]
    g.vs["kind"] = [k for _n, k in vertices]
    g.es["relation"] = [r for _u, _v, r, _w in edges]
    g.es["weight"] = [w for _u, _v, _r, w in edges]
    return g


def igraph_roles(g, org):
    """The directed, weighted handoff graph: the roles' induced subgraph
    (roles are vertices 0..R-1, so ids are kept)."""
    return g.induced_subgraph(range(org.n_roles))


def igraph_command(cmd, org, args):
    import igraph as ig
    if cmd == "render":
        return "— (igraph plotting needs cairo, not installed)"
    g = igraph_load(org)

    if cmd == "validate":
        return f"{org.counts()}; graph {g.vcount()} vertices, {g.ecount()} edges"

    if cmd == "gaps":
        u = igraph_roles(g, org).as_undirected(mode="collapse")
        u.simplify(multiple=True, loops=True)
        comps = u.connected_components()
        unsupported, not_own = org.coverage()
        return (f"components {len(comps)} (largest {max(comps.sizes(), default=0)}), "
                f"articulation points {len(u.articulation_points())}, "
                f"bridges {len(u.bridges())}, isolated roles {sum(1 for x in u.degree() if x == 0)}, "
                f"needs no tool supports {unsupported}, needs the role's tools miss {not_own}")

    if cmd == "clusters":
        import random
        random.seed(1)  # python-igraph draws from Python's random module
        left_out = org.projection_bound(args.bound)
        R, T = org.n_roles, len(org.tools)
        b = ig.Graph(n=R + T, edges=[(r, R + t) for r, t in org.uses if t not in left_out])
        p = b.bipartite_projection(types=[False] * R + [True] * T,
                                   multiplicity=True, which=0)
        parts = p.community_multilevel(weights="weight")
        q = p.modularity(parts.membership, weights="weight")
        return (f"tools left out {left_out_names(org, left_out)}, projected edges {p.ecount()}, "
                f"communities {len(parts)}, modularity {q:.4f}")

    if cmd == "path":
        h = igraph_roles(g, org)
        s, t = org.roles.ids[args.src], org.roles.ids[args.dst]
        paths = h.get_k_shortest_paths(s, t, k=args.k, weights="weight",
                                       mode="out", output="epath")
        w = h.es["weight"]
        costs = [sum(w[e] for e in p) for p in paths if p or s == t]
        return f"{len(costs)} paths, costs {' '.join(f'{c:g}' for c in costs)}"

    if cmd == "bottlenecks":
        h = igraph_roles(g, org)
        bc = h.betweenness(directed=True, weights="weight")
        note = " (exact: igraph has no sampled betweenness)" if args.sample else ""
        return f"top 5{note}: {top(bc, org.roles.names)}"

    die(f"unknown command '{cmd}'")


# ---------------------------------------------------------------------------
# NetworkX
# ---------------------------------------------------------------------------

def networkx_load(org):
    import networkx as nx
    g = nx.DiGraph()
    g.add_nodes_from((i, {"name": n, "kind": k}) for i, (n, k) in enumerate(org.vertices()))
    g.add_edges_from((u, v, {"relation": r, "weight": w}) for u, v, r, w in org.edges())
    return g


def networkx_roles(g, org):
    """The directed, weighted handoff graph, copied out of the view so that
    the algorithms do not pay for the view's filtering on every step."""
    return g.subgraph(range(org.n_roles)).copy()


def networkx_command(cmd, org, args):
    import networkx as nx
    g = networkx_load(org)

    if cmd == "validate":
        return (f"{org.counts()}; graph {g.number_of_nodes()} vertices, "
                f"{g.number_of_edges()} edges")

    if cmd == "gaps":
        u = networkx_roles(g, org).to_undirected(as_view=False)
        u.remove_edges_from(list(nx.selfloop_edges(u)))
        sizes = [len(c) for c in nx.connected_components(u)]
        unsupported, not_own = org.coverage()
        return (f"components {len(sizes)} (largest {max(sizes, default=0)}), "
                f"articulation points {sum(1 for _ in nx.articulation_points(u))}, "
                f"bridges {sum(1 for _ in nx.bridges(u))}, "
                f"isolated roles {nx.number_of_isolates(u)}, "
                f"needs no tool supports {unsupported}, needs the role's tools miss {not_own}")

    if cmd == "clusters":
        from networkx.algorithms import bipartite, community
        left_out = org.projection_bound(args.bound)
        R, T = org.n_roles, len(org.tools)
        b = nx.Graph()
        b.add_nodes_from(range(R), bipartite=0)
        b.add_nodes_from(range(R, R + T), bipartite=1)
        b.add_edges_from((r, R + t) for r, t in org.uses if t not in left_out)
        p = bipartite.weighted_projected_graph(b, range(R))
        parts = community.louvain_communities(p, weight="weight", seed=1)
        q = community.modularity(p, parts, weight="weight")
        return (f"tools left out {left_out_names(org, left_out)}, projected edges {p.number_of_edges()}, "
                f"communities {len(parts)}, modularity {q:.4f}")

    if cmd == "path":
        import itertools
        h = networkx_roles(g, org)
        s, t = org.roles.ids[args.src], org.roles.ids[args.dst]
        try:
            paths = list(itertools.islice(
                nx.shortest_simple_paths(h, s, t, weight="weight"), args.k))
        except nx.NetworkXNoPath:
            paths = []
        costs = [nx.path_weight(h, p, weight="weight") for p in paths]
        return f"{len(costs)} paths, costs {' '.join(f'{c:g}' for c in costs)}"

    if cmd == "bottlenecks":
        h = networkx_roles(g, org)
        if args.sample:
            bc = nx.betweenness_centrality(h, k=min(args.sample, len(h)), seed=1,
                                           weight="weight", normalized=False)
            note = f" (sampled: k={args.sample} sources, not rescaled by n/k)"
        else:
            bc = nx.betweenness_centrality(h, weight="weight", normalized=False)
            note = ""
        return f"top 5{note}: {top([bc[i] for i in range(len(h))], org.roles.names)}"

    if cmd == "render":
        # What mlops-graph draws by default: roles (boxes, the summary as
        # tooltip), tools (ellipses), one edge per collaboration labelled
        # with its handoff ('both' drawn both ways) and one per use. Engine
        # chosen as ours chooses it: dot for up to 300 nodes and edges,
        # else sfdp with overlap removal (prism); laid out and drawn to SVG
        # by one Graphviz run. Unlike ours, the whole graph is drawn at any
        # size (ours draws a cluster view above 2,000 roles and tools).
        h = nx.MultiDiGraph()
        h.add_nodes_from((r, {"label": name, "shape": "box", "tooltip": org.summary.get(r, "")})
                         for r, name in enumerate(org.roles.names))
        h.add_nodes_from((org.tool_vertex(t), {"label": name, "shape": "ellipse"})
                         for t, name in enumerate(org.tools.names))
        h.add_edges_from((a, b, {"label": label, "dir": "both" if both else "forward"})
                         for (a, b, both), label in org.handoff.items())
        h.add_edges_from((r, org.tool_vertex(t), {"dir": "none"}) for r, t in org.uses)
        a = nx.nx_agraph.to_agraph(h)
        if h.number_of_nodes() + h.number_of_edges() <= 300:
            prog = "dot"
            a.graph_attr.update(rankdir="LR")
        else:
            prog = "sfdp"
            a.graph_attr.update(overlap="prism", outputorder="edgesfirst")
        out = args.output
        tmp = None
        if not out:
            fd, tmp = tempfile.mkstemp(suffix=".svg")
            os.close(fd)
            out = tmp
        try:
            a.draw(out, format="svg", prog=prog)
            size = os.path.getsize(out)
        finally:
            if tmp:
                os.unlink(tmp)
        return (f"{h.number_of_nodes()} nodes, {h.number_of_edges()} edges, "
                f"{prog} layout, {size} bytes of SVG")

    die(f"unknown command '{cmd}'")


# ---------------------------------------------------------------------------

def parse_args(argv):
    import argparse
    ap = argparse.ArgumentParser(prog="ref.py", description=__doc__.split("\n\n")[0])
    ap.add_argument("lib", choices=["igraph", "networkx"])
    ap.add_argument("command", choices=["validate", "gaps", "clusters", "path",
                                        "bottlenecks", "render", "startup"])
    ap.add_argument("dir", nargs="?", default="")
    ap.add_argument("names", nargs="*", help="path: FROM TO")
    ap.add_argument("-k", type=int, default=10, help="path: number of chains")
    ap.add_argument("--sample", type=int, default=0,
                    help="bottlenecks: sample K sources (NetworkX only)")
    ap.add_argument("--bound", type=int, default=PROJECTION_BOUND,
                    help="clusters: projection size bound (0: none)")
    ap.add_argument("-o", "--output", help="render: write the SVG here")
    args = ap.parse_args(argv)
    if args.command == "path":
        if len(args.names) != 2:
            ap.error("path needs FROM and TO")
        args.src, args.dst = args.names
    elif args.names:
        ap.error(f"unexpected arguments: {' '.join(args.names)}")
    return args


def main(argv):
    args = parse_args(argv)
    if args.command == "startup":
        lib = __import__(args.lib)
        print(f"{args.lib} {lib.__version__}")
        return 0
    if args.lib == "igraph" and args.command == "render":
        print(igraph_command("render", None, args))  # nothing to do, no load
        return 0
    org = Org(args.dir)
    if args.command == "path":
        for name in (args.src, args.dst):
            if name not in org.roles.ids:
                die(f"unknown role '{name}'")
    run = igraph_command if args.lib == "igraph" else networkx_command
    print(run(args.command, org, args), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
