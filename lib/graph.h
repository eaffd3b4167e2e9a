/*
 * graph.h - the collaboration graph in compact form, built once when the
 * model is frozen, and the structural algorithms every analysis shares:
 * components, articulation points (cut roles) and bridges (cut handoffs).
 */
#ifndef MG_GRAPH_H
#define MG_GRAPH_H

#include "model.h"

/* Directed, weighted arcs between roles: a "both" collaboration gives two
 * arcs; a self-collaboration gives none (it joins nothing). Arcs of a role
 * are sorted by target, so every walk over them is deterministic. */
typedef struct mgi_arcs {
    size_t n_nodes;
    size_t *off;    /* arcs of u: [off[u], off[u+1]) */
    mgi_id *to;
    double *weight;
    mgi_id *collab; /* the collaboration each arc comes from */
} mgi_arcs;

/* Undirected adjacency, directions and self-collaborations ignored. Each
 * collaboration is one edge (edge id = collaboration index), so two
 * collaborations between the same roles are two parallel edges. */
typedef struct mgi_undirected {
    size_t n_nodes;
    size_t *off;
    mgi_id *nbr;
    mgi_id *edge;
} mgi_undirected;

int mgi_arcs_build(mgi_arcs *a, const mgi_model *m);
void mgi_arcs_free(mgi_arcs *a);
/* The same arcs reversed: ra gets an arc v -> u for every arc u -> v of a
 * (rows still sorted by target). Returns 0, or -1 when out of memory. */
int mgi_arcs_reverse(const mgi_arcs *a, mgi_arcs *ra);
int mgi_undirected_build(mgi_undirected *u, const mgi_model *m);
void mgi_undirected_free(mgi_undirected *u);

/* comp[v] = component number, numbered in order of each component's
 * smallest role id. Returns the number of components, or (size_t)-1 when
 * out of memory. */
size_t mgi_components(const mgi_undirected *u, mgi_id *comp);

/* part_first of the part that holds the component's root (see mgi_cuts). */
#define MGI_PART_ABOVE ((size_t)-1)

/* A cut role and how its loss splits its component. */
typedef struct mgi_cut_role {
    mgi_id role;
    size_t n_parts;     /* parts the component falls into without the role */
    mgi_id *part_rep;   /* a role in each part (the smallest id of the part) */
    size_t *part_size;
    /* where each part is in the search order: the part is the roles
     * order[part_first .. part_first + part_size), or, for MGI_PART_ABOVE,
     * the rest of the component (the part holding its root) */
    size_t *part_first;
    size_t *by_first;   /* the parts other than MGI_PART_ABOVE, by part_first */
    size_t n_below;     /* entries of by_first */
    size_t above;       /* the MGI_PART_ABOVE part (n_parts when the role is a root) */
} mgi_cut_role;

/* A bridge: collaboration `collab` between a and b; sizes of the two sides.
 * b's side is the roles order[pre[b] .. pre[b] + size_b); a's side is the
 * rest of the component, which holds its root (smallest id) `root`. */
typedef struct mgi_bridge {
    mgi_id collab;
    mgi_id a, b;
    size_t size_a, size_b;
    mgi_id root;
} mgi_bridge;

/* The cuts, and the order the search visited the roles in: each component
 * is a run of `order` starting at its root (its smallest id), and each
 * search subtree a run inside it, so every part a cut leaves is one run or
 * what a few runs leave of a component. */
typedef struct mgi_cuts {
    mgi_cut_role *roles; /* sorted by role id */
    size_t n_roles;
    mgi_bridge *bridges; /* sorted by collaboration id */
    size_t n_bridges;
    size_t *pre;         /* role -> its place in order */
    mgi_id *order;       /* the roles in the order the search found them */
} mgi_cuts;

/* Articulation points and bridges of the undirected graph (Hopcroft and
 * Tarjan 1973, iterative DFS). O(V + E). Returns 0, or -1 when out of memory. */
int mgi_cuts_find(const mgi_undirected *u, mgi_cuts *cuts);
void mgi_cuts_free(mgi_cuts *cuts);

/* The runs of the search order (pairs [from, to) of places in `order`)
 * whose roles make part j of cut role c: at most c->n_below + 2. Returns
 * their number. O(parts). */
size_t mgi_cut_role_runs(const mgi_cuts *cuts, const mgi_cut_role *c, size_t j, size_t (*runs)[2]);
/* The part of cut role c that holds v (a role of c's component other than
 * c->role). O(log parts). */
size_t mgi_cut_role_part_of(const mgi_cuts *cuts, const mgi_cut_role *c, mgi_id v);
/* The runs (at most 2) that make b's side (side_b) or a's side of bridge br. */
size_t mgi_bridge_runs(const mgi_cuts *cuts, const mgi_bridge *br, int side_b, size_t (*runs)[2]);

#endif
