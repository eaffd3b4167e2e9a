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

/* A cut role and how its loss splits its component. */
typedef struct mgi_cut_role {
    mgi_id role;
    size_t n_parts;     /* parts the component falls into without the role */
    mgi_id *part_rep;   /* a role in each part (the smallest id of the part) */
    size_t *part_size;
} mgi_cut_role;

/* A bridge: collaboration `collab` between a and b; sizes of the two sides. */
typedef struct mgi_bridge {
    mgi_id collab;
    mgi_id a, b;
    size_t size_a, size_b;
} mgi_bridge;

typedef struct mgi_cuts {
    mgi_cut_role *roles; /* sorted by role id */
    size_t n_roles;
    mgi_bridge *bridges; /* sorted by collaboration id */
    size_t n_bridges;
} mgi_cuts;

/* Articulation points and bridges of the undirected graph (Hopcroft and
 * Tarjan 1973, iterative DFS). O(V + E). Returns 0, or -1 when out of memory. */
int mgi_cuts_find(const mgi_undirected *u, mgi_cuts *cuts);
void mgi_cuts_free(mgi_cuts *cuts);

#endif
