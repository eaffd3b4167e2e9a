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

/*
 * TF-IDF weights of one side (Salton & Buckley 1988, "Term-weighting
 * approaches in automatic text retrieval"): node a's vector has, for each
 * item t it has, x(a,t) = w(a,t) * log(n / d(t)), where w is how much a
 * relies on t (the use weight), n the nodes that have any item and d(t)
 * those that have t. An item every
 * node has weighs nothing: a tool everyone uses ties nobody together. Two
 * nodes' similarity is the cosine of their vectors.
 */
typedef struct mgi_tfidf {
    double *own;   /* x(a,t), aligned with own->items */
    double *other; /* the same values, aligned with other->items */
    double *norm;  /* per node: the Euclidean norm of its vector */
} mgi_tfidf;

/* own_w: the use weights aligned with own->items (NULL: all 1). Returns 0,
 * or -1 when out of memory. */
int mgi_tfidf_build(mgi_tfidf *x, size_t n, const mgi_csr *own, const double *own_w,
                    size_t n_other, const mgi_csr *other);
void mgi_tfidf_free(mgi_tfidf *x);

/* Fills other_w (aligned with other->items) with the values own_w gives the
 * same (node, item) pairs (aligned with own->items). */
void mgi_csr_transpose_values(size_t n, const mgi_csr *own, const double *own_w,
                              const mgi_csr *other, double *other_w);

typedef struct mgi_projection {
    size_t n;            /* nodes projected onto */
    size_t *off;         /* links of a to b > a: [off[a], off[a+1]), by b */
    mgi_id *nbr;
    uint32_t *shared;    /* items a and b both have (left-out ones not counted) */
    double *dot;         /* with TF-IDF weights: the dot product of a's and b's vectors */
    size_t *degree;      /* items each node has, left-out ones not counted */
    unsigned char *left; /* per item: 1 when left out */
    mgi_id *left_out;    /* the items left out, most used first */
    size_t n_left_out;
    uint64_t estimate;   /* the size estimate with every item in */
} mgi_projection;

/* Projects the n nodes of `own` (node -> items) through `other` (item ->
 * nodes, n_other items, nodes sorted). With x (may be NULL), p->dot gets the
 * dot products of the TF-IDF vectors over the items kept. Returns 0, or -1
 * when out of memory. */
int mgi_projection_build(mgi_projection *p, size_t n, const mgi_csr *own, size_t n_other,
                         const mgi_csr *other, size_t budget, const mgi_tfidf *x);

/* The same links, streamed instead of kept: fn(ctx, a, b, shared, dot) for
 * each pair a < b, in order of a then b (dot is 0 without x; fn returns -1
 * to stop: out of memory). p gets the left-out items and degrees only (off,
 * nbr, shared, dot stay NULL), so memory stays O(nodes + items) whatever the
 * number of links. */
typedef int (*mgi_link_fn)(void *ctx, mgi_id a, mgi_id b, uint32_t shared, double dot);
int mgi_projection_each(mgi_projection *p, size_t n, const mgi_csr *own, size_t n_other,
                        const mgi_csr *other, size_t budget, const mgi_tfidf *x,
                        mgi_link_fn fn, void *ctx);
void mgi_projection_free(mgi_projection *p);

#endif
