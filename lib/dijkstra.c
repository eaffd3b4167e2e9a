/*
 * dijkstra.c - the shortest-path search of dijkstra.h.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dijkstra.h"

/* A heap entry: a role and the cost it was reached at. */
typedef struct entry {
    double cost;
    mgi_id v;
} entry;

/* Cheapest first; at equal cost the lower id, so ties settle the same way
 * on every run. */
static int entry_before(const void *x, const void *y)
{
    const entry *a = x, *b = y;

    return a->cost < b->cost || (a->cost == b->cost && a->v < b->v);
}

void mgi_dijkstra_opts_init(mgi_dijkstra_opts *o)
{
    memset(o, 0, sizeof *o);
    o->ban_from = MGI_NONE;
    o->target = MGI_NONE;
    o->limit = INFINITY;
}

int mgi_dijkstra_init(mgi_dijkstra *d, const mgi_arcs *a)
{
    size_t n = a->n_nodes, v;

    memset(d, 0, sizeof *d);
    d->arcs = a;
    d->dist = malloc((n + 1) * sizeof *d->dist);
    d->settled = malloc((n + 1) * sizeof *d->settled);
    d->reached = malloc((n + 1) * sizeof *d->reached);
    d->done = calloc(n + 1, 1);
    /* at most one push per arc, and the source */
    if (!d->dist || !d->settled || !d->reached || !d->done ||
        mgi_heap_init(&d->heap, sizeof(entry), entry_before, a->off[n] + 1) < 0) {
        mgi_dijkstra_free(d);
        return -1;
    }
    for (v = 0; v < n; v++)
        d->dist[v] = INFINITY;
    return 0;
}

void mgi_dijkstra_free(mgi_dijkstra *d)
{
    free(d->dist);
    free(d->settled);
    free(d->reached);
    free(d->done);
    mgi_heap_free(&d->heap);
    memset(d, 0, sizeof *d);
}

/* Puts back as unreached every role the last run touched. */
static void forget(mgi_dijkstra *d)
{
    size_t i;

    for (i = 0; i < d->n_reached; i++) {
        d->dist[d->reached[i]] = INFINITY;
        d->done[d->reached[i]] = 0;
    }
    d->n_reached = d->n_settled = 0;
    mgi_heap_clear(&d->heap);
}

static void lower(mgi_dijkstra *d, mgi_id v, double cost)
{
    entry e = { cost, v };

    if (isinf(d->dist[v]))
        d->reached[d->n_reached++] = v;
    d->dist[v] = cost;
    mgi_heap_push(&d->heap, &e);
}

static void relax(mgi_dijkstra *d, mgi_id u, const mgi_dijkstra_opts *o)
{
    const mgi_arcs *a = d->arcs;
    size_t k;

    for (k = a->off[u]; k < a->off[u + 1]; k++) {
        mgi_id w = a->to[k];
        double cost = d->dist[u] + a->weight[k];

        if (d->done[w] || (o->banned && o->banned[w]) ||
            (u == o->ban_from && o->banned_to && o->banned_to[w]))
            continue;
        if (o->tie && !isinf(d->dist[w]) && mgi_cost_equal(cost, d->dist[w])) {
            o->tie(o->ctx, u, w);
        } else if (cost < d->dist[w]) {
            lower(d, w, cost);
            if (o->lowered)
                o->lowered(o->ctx, u, w);
        }
    }
}

void mgi_dijkstra_run(mgi_dijkstra *d, mgi_id s, const mgi_dijkstra_opts *o)
{
    forget(d);
    lower(d, s, 0);
    while (d->heap.n) {
        entry it;

        mgi_heap_pop(&d->heap, &it);
        /* a role settled already: an entry left from before its cost fell */
        if (d->done[it.v])
            continue;
        if (it.cost > o->limit && !mgi_cost_equal(it.cost, o->limit))
            break; /* everything within the limit is settled */
        d->done[it.v] = 1;
        d->settled[d->n_settled++] = it.v;
        if (it.v == o->target)
            break;
        relax(d, it.v, o);
    }
}
