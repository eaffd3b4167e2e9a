/*
 * dijkstra.h - the library's one shortest-path search (dijkstra.c):
 * Dijkstra (1959) over the collaboration arcs (graph.h), with the heap of
 * heap.h. Handoff chains (paths.c: Yen's k cheapest chains, the all-pairs
 * costs) and betweenness (centrality.c: Brandes 2001) all go through it.
 *
 * Roles are settled in order of (cost, role id), so equal-cost choices fall
 * to the lower id and every result is the same on every run. A search
 * keeps its workspace (mgi_dijkstra) between runs and forgets only what the
 * last run touched, so many runs over a large graph cost O(reached), not
 * O(V), each beyond the search itself.
 *
 * Weights must be positive. Complexity: O((V + E) log V) a run; memory
 * O(V + E) for the workspace (the heap has room for one entry per arc).
 */
#ifndef MG_DIJKSTRA_H
#define MG_DIJKSTRA_H

#include "graph.h"
#include "heap.h"

/* What a run may do and when it stops. mgi_dijkstra_opts_init sets the
 * defaults: every role, no stop, no hooks. */
typedef struct mgi_dijkstra_opts {
    const unsigned char *banned;    /* roles the search may not enter (NULL: none) */
    mgi_id ban_from;                /* arcs from this role ... */
    const unsigned char *banned_to; /* ... to these roles are forbidden (Yen's spur) */
    mgi_id target;                  /* stop once it is settled (MGI_NONE: never) */
    double limit;                   /* stop once every role within it is settled */
    /*
     * Counting every cheapest chain, not only one (Brandes): with `tie` set,
     * an arc u -> w reaching w (not settled) at a cost equal to its current
     * one (mgi_cost_equal) calls tie(ctx, u, w) and changes nothing;
     * without it, only a strictly lower cost counts. `lowered` is called
     * after an arc u -> w lowered w's cost. Either may be NULL.
     */
    void (*tie)(void *ctx, mgi_id u, mgi_id w);
    void (*lowered)(void *ctx, mgi_id u, mgi_id w);
    void *ctx;
} mgi_dijkstra_opts;

void mgi_dijkstra_opts_init(mgi_dijkstra_opts *o);

/* A search over one set of arcs; its results are valid until the next run. */
typedef struct mgi_dijkstra {
    const mgi_arcs *arcs;
    double *dist;     /* cost from the source; INFINITY when not reached */
    mgi_id *settled;  /* the roles settled, in order */
    size_t n_settled;
    mgi_id *reached;  /* the roles given a cost, to forget them on the next run */
    size_t n_reached;
    unsigned char *done;
    mgi_heap heap;
} mgi_dijkstra;

/* A workspace for searches over a (kept by reference, not copied).
 * Returns 0, or -1 when out of memory. */
int mgi_dijkstra_init(mgi_dijkstra *d, const mgi_arcs *a);

/*
 * Searches from s. When the run stops early (target settled, or the next
 * role beyond limit), roles not settled may hold a cost above their true
 * one. Never fails: the workspace holds all it needs.
 */
void mgi_dijkstra_run(mgi_dijkstra *d, mgi_id s, const mgi_dijkstra_opts *o);
void mgi_dijkstra_free(mgi_dijkstra *d);

#endif
