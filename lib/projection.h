/*
 * projection.h - the role-tool graph projected onto one side: two roles
 * linked by the number of tools they share (or, in the dual view, two tools
 * by the number of roles using both): the one-mode projection of a
 * bipartite network, weighted by shared neighbours (Newman 2001,
 * "Scientific collaboration networks"). Shared by the clusters and by the
 * gaps that look for roles sharing tools but never talking. Cost: the sum
 * over kept items of d^2 (d: its users) in time, O(nodes + links) in
 * memory (projection.c).
 *
 * A hub tool used by most roles turns the projection into a clique (100,000
 * roles sharing Python: five billion pairs), so its size is estimated before
 * it is built: the sum over tools of d(d-1)/2 for a tool with d users. While
 * that passes the budget, the most used tool (ties: the first by name) is
 * left out, and listed, until it fits. Sharing a hub says little anyway.
 */
#ifndef MG_PROJECTION_H
#define MG_PROJECTION_H

#include "model.h"

/* The default budget, in pairs: a few seconds and tens of megabytes. */
#define MGI_PROJECTION_BUDGET ((size_t)4000000)

typedef struct mgi_projection {
    size_t n;            /* nodes projected onto */
    size_t *off;         /* links of a to b > a: [off[a], off[a+1]), by b */
    mgi_id *nbr;
    uint32_t *shared;    /* items a and b both have (left-out ones not counted) */
    size_t *degree;      /* items each node has, left-out ones not counted */
    unsigned char *left; /* per item: 1 when left out */
    mgi_id *left_out;    /* the items left out, most used first */
    size_t n_left_out;
    uint64_t estimate;   /* the size estimate with every item in */
} mgi_projection;

/* Projects the n nodes of `own` (node -> items) through `other` (item ->
 * nodes, n_other items, nodes sorted). Returns 0, or -1 when out of memory. */
int mgi_projection_build(mgi_projection *p, size_t n, const mgi_csr *own, size_t n_other,
                         const mgi_csr *other, size_t budget);

/* The same links, streamed instead of kept: fn(ctx, a, b, shared) for each
 * pair a < b, in order of a then b (fn returns -1 to stop: out of memory).
 * p gets the left-out items and degrees only (off, nbr, shared stay NULL),
 * so memory stays O(nodes + items) whatever the number of links. */
int mgi_projection_each(mgi_projection *p, size_t n, const mgi_csr *own, size_t n_other,
                        const mgi_csr *other, size_t budget,
                        int (*fn)(void *ctx, mgi_id a, mgi_id b, uint32_t shared), void *ctx);
void mgi_projection_free(mgi_projection *p);

#endif
