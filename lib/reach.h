/*
 * reach.h - where work could pass in one organisation and cannot in
 * another (reach.c): the ordered pairs of roles that a handoff chain joins
 * in a and none joins in b, matched by a map of a's roles to b's. Shared by
 * the comparison (compare.c: chains lost and gained) and the reference
 * gaps (gaps.c: unreachable-handoff). Self-contained (the C library only),
 * so that a test can build it on its own.
 */
#ifndef MG_REACH_H
#define MG_REACH_H

#include <stddef.h>

#include "hash.h"

/* A directed graph in compressed rows: the arcs of u go to
 * to[off[u] .. off[u + 1]). mgi_arcs (graph.h) is one. */
typedef struct mgi_reach_graph {
    size_t n;
    const size_t *off;
    const mgi_id *to;
} mgi_reach_graph;

/* The handoffs of a frozen model as such a graph: an arc from -> to for
 * each collaboration between two roles, and back for "both" (rows in the
 * order of the collaborations). A counting sort, O(V + C): lighter than
 * mgi_arcs (no weights, no sorted rows), which reachability does not
 * need. */
typedef struct mgi_handoffs {
    mgi_reach_graph g;
    size_t *off;
    mgi_id *to;
} mgi_handoffs;

struct mgi_model;
int mgi_handoffs_build(mgi_handoffs *h, const struct mgi_model *m); /* 0, or -1: out of memory */
void mgi_handoffs_free(mgi_handoffs *h);

typedef struct mgi_reach_diff {
    size_t n;          /* pairs listed: from[i] -> to[i], roles of a */
    mgi_id *from, *to;
    size_t total;      /* such pairs in all: exact, or a lower bound (!exact) */
    int exact;         /* total counts every pair */
    int complete;      /* the pairs listed are the first min(max, total) in
                        * the order of from, then to (ids: names, once frozen) */
} mgi_reach_diff;

/*
 * The ordered pairs (s, t) of nodes of a, s != t, both matched in b
 * (map[s], map[t] != MGI_NONE) to different nodes, such that a path leads
 * from s to t in a and none from map[s] to map[t] in b: counted, and the
 * first `max` listed in the order of s, then t.
 *
 * Both graphs are condensed into strongly connected components (Tarjan
 * 1972, iterative). Two matched nodes with the same component in a and
 * (by the map) in b reach, and are reached by, the same nodes on both
 * sides, so they are one class; pairs are counted class by class, 64
 * target classes at a time, with one bit per class carried down each
 * condensation in topological order. With C classes, that is
 * O(C/64 (V + E) + V + E) for V nodes and E arcs on both sides: near
 * linear when most nodes sit in a few large components, as they do in an
 * organisation whose handoffs run both ways. Only classes that reach an
 * arc of a that b lacks (one whose ends b does not join directly or within
 * a component) are counted as sources, and only those such an arc reaches
 * as targets: no such arc, no pair, in O(V + E). The first pairs are then
 * listed from one breadth-first search per class that loses any.
 *
 * The work is bounded: `budget` units (0: mgi_reach_budget(a, b)), one a
 * node, arc or class visited. Past it the search stops: total is then the
 * pairs counted so far (exact = 0), and the pairs listed, all true, may
 * not be the first (complete = 0).
 *
 * out is filled whatever happens (free it with mgi_reach_diff_free).
 * Returns 0, or -1 when out of memory.
 */
int mgi_reach_diff_find(const mgi_reach_graph *a, const mgi_reach_graph *b, const mgi_id *map,
                        size_t max, size_t budget, mgi_reach_diff *out);
void mgi_reach_diff_free(mgi_reach_diff *d);

/* The default budget: MGI_REACH_WORK units for each node and arc of the
 * two graphs, and a floor for small ones. */
#define MGI_REACH_WORK 256
size_t mgi_reach_budget(const mgi_reach_graph *a, const mgi_reach_graph *b);

#endif
