/*
 * projection.c - the bounded projection of the role-tool graph (see
 * projection.h). The links of each node are counted in a dense array and
 * emitted at once, so memory follows the links kept, never the pairs
 * enumerated: O(sum of d^2) time over the items kept, O(n + links) space.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "projection.h"
#include "util.h"

typedef struct by_use {
    size_t users;
    mgi_id item;
} by_use;

static int by_use_cmp(const void *x, const void *y)
{
    const by_use *p = x, *q = y;

    if (p->users != q->users)
        return p->users > q->users ? -1 : 1;
    return p->item < q->item ? -1 : p->item > q->item;
}

static uint64_t pairs_of(size_t d)
{
    return d < 2 ? 0 : (uint64_t)d * (d - 1) / 2;
}

/* Marks the most used items as left out until the estimate fits the budget. */
static int leave_out_hubs(mgi_projection *p, size_t n_other, const mgi_csr *other, size_t budget)
{
    size_t t, i;
    uint64_t total = 0;
    by_use *order;

    for (t = 0; t < n_other; t++)
        total += pairs_of(other->off[t + 1] - other->off[t]);
    p->estimate = total;
    if (total <= budget)
        return 0;
    order = malloc((n_other + 1) * sizeof *order);
    p->left_out = malloc((n_other + 1) * sizeof *p->left_out);
    if (!order || !p->left_out) {
        free(order);
        return -1;
    }
    for (t = 0; t < n_other; t++) {
        order[t].users = other->off[t + 1] - other->off[t];
        order[t].item = (mgi_id)t;
    }
    mgi_qsort(order, n_other, sizeof *order, by_use_cmp);
    for (i = 0; i < n_other && total > budget; i++) {
        total -= pairs_of(order[i].users);
        p->left[order[i].item] = 1;
        p->left_out[p->n_left_out++] = order[i].item;
    }
    free(order);
    return 0;
}

/*
 * The links node by node: for each node a, the nodes b > a sharing kept
 * items with it are counted in a dense array and handed to fn(a, b, shared)
 * in order of b. p gets the left-out items and kept degrees; p->off, nbr and
 * shared stay NULL. fn returns 0, or -1 to stop (out of memory).
 */
int mgi_projection_each(mgi_projection *p, size_t n, const mgi_csr *own, size_t n_other,
                        const mgi_csr *other, size_t budget, const mgi_tfidf *x,
                        mgi_link_fn fn, void *ctx)
{
    uint32_t *count = NULL;
    mgi_id *touched = NULL;
    double *dot = NULL;
    size_t a;

    memset(p, 0, sizeof *p);
    p->n = n;
    p->degree = calloc(n + 1, sizeof *p->degree);
    p->left = calloc(n_other + 1, 1);
    count = calloc(n + 1, sizeof *count);
    touched = malloc((n + 1) * sizeof *touched);
    if (x && !(dot = calloc(n + 1, sizeof *dot)))
        goto nomem;
    if (!p->degree || !p->left || !count || !touched ||
        leave_out_hubs(p, n_other, other, budget) < 0)
        goto nomem;
    for (a = 0; a < n; a++) {
        size_t k, i, n_touched = 0;

        if (a % 4096 == 0 && mgi_progress("projecting", a, n) < 0)
            goto nomem;
        for (k = own->off[a]; k < own->off[a + 1]; k++) {
            mgi_id t = own->items[k];

            if (p->left[t])
                continue;
            p->degree[a]++;
            for (i = other->off[t]; i < other->off[t + 1]; i++) {
                mgi_id b = other->items[i];

                if (b <= a)
                    continue;
                if (count[b]++ == 0)
                    touched[n_touched++] = b;
                if (dot)
                    dot[b] += x->own[k] * x->other[i];
            }
        }
        mgi_qsort(touched, n_touched, sizeof *touched, mgi_id_cmp);
        for (i = 0; i < n_touched; i++) {
            mgi_id b = touched[i];
            uint32_t shared = count[b];
            double d = dot ? dot[b] : 0;

            count[b] = 0;
            if (dot)
                dot[b] = 0;
            if (fn(ctx, (mgi_id)a, b, shared, d) < 0)
                goto nomem;
        }
    }
    free(count);
    free(touched);
    free(dot);
    return 0;
nomem:
    free(count);
    free(touched);
    free(dot);
    mgi_projection_free(p);
    return -1;
}

typedef struct collect {
    size_t *off;
    mgi_id *nbr;
    uint32_t *shared;
    double *dot; /* kept only with TF-IDF weights */
    size_t cap, scap, dcap, links;
    mgi_id last_a;
    int weighted;
} collect;

/* Appends a link; off[r] = the links before row r, filled as a moves on. */
static int collect_link(void *ctx, mgi_id a, mgi_id b, uint32_t shared, double dot)
{
    collect *c = ctx;

    while (c->last_a < a)
        c->off[++c->last_a] = c->links;
    if (mgi_grow(&c->nbr, &c->cap, c->links + 1, sizeof *c->nbr) < 0 ||
        mgi_grow(&c->shared, &c->scap, c->links + 1, sizeof *c->shared) < 0 ||
        (c->weighted && mgi_grow(&c->dot, &c->dcap, c->links + 1, sizeof *c->dot) < 0))
        return -1;
    c->nbr[c->links] = b;
    if (c->weighted)
        c->dot[c->links] = dot;
    c->shared[c->links++] = shared;
    return 0;
}

int mgi_projection_build(mgi_projection *p, size_t n, const mgi_csr *own, size_t n_other,
                         const mgi_csr *other, size_t budget, const mgi_tfidf *x)
{
    collect c;

    memset(&c, 0, sizeof c);
    c.weighted = x != NULL;
    c.off = calloc(n + 1, sizeof *c.off);
    if (!c.off ||
        mgi_projection_each(p, n, own, n_other, other, budget, x, collect_link, &c) < 0) {
        free(c.off);
        free(c.nbr);
        free(c.shared);
        free(c.dot);
        return -1;
    }
    while (c.last_a < n)
        c.off[++c.last_a] = c.links;
    p->off = c.off;
    p->nbr = c.nbr;
    p->shared = c.shared;
    p->dot = c.dot;
    return 0;
}

void mgi_csr_transpose_values(size_t n, const mgi_csr *own, const double *own_w,
                              const mgi_csr *other, double *other_w)
{
    size_t a, k;

    for (a = 0; a < n; a++)
        for (k = own->off[a]; k < own->off[a + 1]; k++) {
            mgi_id t = own->items[k];
            size_t lo = other->off[t], hi = other->off[t + 1];

            while (lo + 1 < hi) { /* other[t] is sorted and holds a */
                size_t mid = lo + (hi - lo) / 2;

                if (other->items[mid] <= a)
                    lo = mid;
                else
                    hi = mid;
            }
            other_w[lo] = own_w ? own_w[k] : 1;
        }
}

int mgi_tfidf_build(mgi_tfidf *x, size_t n, const mgi_csr *own, const double *own_w,
                    size_t n_other, const mgi_csr *other)
{
    size_t a, t, k, uses = own->off[n], docs = 0;
    double *idf = malloc((n_other + 1) * sizeof *idf);

    x->own = malloc((uses + 1) * sizeof *x->own);
    x->other = malloc((uses + 1) * sizeof *x->other);
    x->norm = calloc(n + 1, sizeof *x->norm);
    if (!idf || !x->own || !x->other || !x->norm) {
        free(idf);
        mgi_tfidf_free(x);
        return -1;
    }
    /* the nodes that have any item: one with none (a role without tools)
     * makes no tool rarer */
    for (a = 0; a < n; a++)
        docs += own->off[a + 1] > own->off[a];
    for (t = 0; t < n_other; t++) {
        size_t d = other->off[t + 1] - other->off[t];

        idf[t] = d ? log((double)docs / (double)d) : 0;
    }
    for (a = 0; a < n; a++) {
        for (k = own->off[a]; k < own->off[a + 1]; k++) {
            x->own[k] = (own_w ? own_w[k] : 1) * idf[own->items[k]];
            x->norm[a] += x->own[k] * x->own[k];
        }
        x->norm[a] = sqrt(x->norm[a]);
    }
    mgi_csr_transpose_values(n, own, x->own, other, x->other);
    free(idf);
    return 0;
}

void mgi_tfidf_free(mgi_tfidf *x)
{
    free(x->own);
    free(x->other);
    free(x->norm);
    memset(x, 0, sizeof *x);
}

void mgi_projection_free(mgi_projection *p)
{
    free(p->off);
    free(p->nbr);
    free(p->shared);
    free(p->dot);
    free(p->degree);
    free(p->left);
    free(p->left_out);
    memset(p, 0, sizeof *p);
}
