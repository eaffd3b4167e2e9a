/*
 * clusters.c - shared-tool clusters: the role-tool graph projected onto
 * roles (or, in the dual view, onto tools), partitioned by Louvain
 * modularity optimisation (Blondel, Guillaume, Lambiotte, Lefebvre 2008).
 * Builds the results only; present_clusters.c presents them.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "clusters_result.h"
#include "org.h"
#include "projection.h"

struct mg_clusters_opts {
    mg_similarity similarity;
    size_t min_shared;
    size_t max_pairs;
    size_t neighbours; /* k of the k-NN graph; MG_NEIGHBOURS_AUTO, or 0: none */
    int tools;
};

/* The defaults, for mg_clusters_opts_new and for a search given no options. */
static void clusters_opts_init(mg_clusters_opts *o)
{
    memset(o, 0, sizeof *o);
    o->similarity = MG_SIMILARITY_COSINE;
    o->min_shared = 1;
    o->max_pairs = MGI_PROJECTION_BUDGET;
    o->neighbours = MG_NEIGHBOURS_AUTO;
}

mg_clusters_opts *mg_clusters_opts_new(void)
{
    mg_clusters_opts *o = malloc(sizeof *o);

    if (o)
        clusters_opts_init(o);
    return o;
}

void mg_clusters_opts_free(mg_clusters_opts *opts)
{
    free(opts);
}

mg_status mg_clusters_opts_set_similarity(mg_clusters_opts *opts, mg_similarity similarity,
                                          mg_error *err)
{
    if (!opts || !mg_similarity_name(similarity))
        return mgi_error(err, MG_EINVAL, "", 0, 0,
                         "mg_clusters_opts_set_similarity: no options, or no such "
                         "similarity (%d)",
                         (int)similarity);
    opts->similarity = similarity;
    return MG_OK;
}

mg_status mg_clusters_opts_set_min_shared(mg_clusters_opts *opts, size_t k, mg_error *err)
{
    return mgi_set_at_least(opts ? &opts->min_shared : NULL, k, 1, "--min-shared", err);
}

mg_status mg_clusters_opts_set_max_pairs(mg_clusters_opts *opts, size_t pairs, mg_error *err)
{
    return mgi_set_at_least(opts ? &opts->max_pairs : NULL, pairs, 1, "--max-pairs", err);
}

void mg_clusters_opts_set_tools(mg_clusters_opts *opts, int tools)
{
    if (opts)
        opts->tools = tools != 0;
}

void mg_clusters_opts_set_neighbours(mg_clusters_opts *opts, size_t k)
{
    if (opts)
        opts->neighbours = k;
}

/* ---- The weighted graph Louvain works on ------------------------------------ */

typedef struct wedge {
    mgi_id a, b;
    double w;
} wedge;

typedef struct wgraph {
    size_t n;
    size_t *off;  /* adjacency of i: [off[i], off[i+1]) */
    mgi_id *nbr;
    double *w;
    double *self; /* self-loop weight of each node (internal weight after aggregation) */
} wgraph;

static void wgraph_free(wgraph *g)
{
    free(g->off);
    free(g->nbr);
    free(g->w);
    free(g->self);
    memset(g, 0, sizeof *g);
}

static int wedge_cmp(const void *x, const void *y)
{
    const wedge *p = x, *q = y;

    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

/* Builds a symmetric adjacency from edges (a != b), merging parallel ones. */
static int wgraph_build(wgraph *g, size_t n, wedge *edges, size_t m, const double *self)
{
    size_t i, k = 0, j;
    wedge *both = malloc((2 * m + 1) * sizeof *both);

    memset(g, 0, sizeof *g);
    if (!both)
        return -1;
    for (i = 0; i < m; i++) {
        both[2 * i] = edges[i];
        both[2 * i + 1].a = edges[i].b;
        both[2 * i + 1].b = edges[i].a;
        both[2 * i + 1].w = edges[i].w;
    }
    mgi_qsort(both, 2 * m, sizeof *both, wedge_cmp);
    for (i = 0; i < 2 * m; i = j) {
        double w = 0;

        for (j = i; j < 2 * m && both[j].a == both[i].a && both[j].b == both[i].b; j++)
            w += both[j].w;
        both[k] = both[i];
        both[k].w = w;
        k++;
    }
    g->n = n;
    g->off = calloc(n + 1, sizeof *g->off);
    g->nbr = malloc((k + 1) * sizeof *g->nbr);
    g->w = malloc((k + 1) * sizeof *g->w);
    g->self = calloc(n + 1, sizeof *g->self);
    if (!g->off || !g->nbr || !g->w || !g->self) {
        free(both);
        wgraph_free(g);
        return -1;
    }
    for (i = 0; i < k; i++) {
        g->off[both[i].a + 1]++;
        g->nbr[i] = both[i].b;
        g->w[i] = both[i].w;
    }
    for (i = 0; i < n; i++)
        g->off[i + 1] += g->off[i];
    if (self)
        memcpy(g->self, self, n * sizeof *self);
    free(both);
    return 0;
}

/* ---- Louvain ------------------------------------------------------------------ */

/*
 * One level: move nodes, in id order, to the neighbouring community with the
 * largest modularity gain (ties to the lower community id), until a pass
 * moves nothing. k[i] is node i's degree counted in the original graph
 * (self-loops twice), so gains stay exact across levels. Returns the number
 * of moves, or -1 when out of memory.
 */
static long louvain_level(const wgraph *g, const double *k, double two_m, mgi_id *comm)
{
    size_t n = g->n, i, j, moves = 0;
    double *tot = calloc(n + 1, sizeof *tot), *to_comm = calloc(n + 1, sizeof *to_comm);
    mgi_id *touched = malloc((n + 1) * sizeof *touched);
    int moved = 1;

    if (!tot || !to_comm || !touched) {
        free(tot);
        free(to_comm);
        free(touched);
        return -1;
    }
    for (i = 0; i < n; i++) {
        comm[i] = (mgi_id)i;
        tot[i] = k[i];
    }
    while (moved) {
        moved = 0;
        for (i = 0; i < n; i++) {
            mgi_id old = comm[i], best;
            size_t n_touched = 0;
            double best_gain;

            /* weight from i to each neighbouring community */
            for (j = g->off[i]; j < g->off[i + 1]; j++) {
                mgi_id c = comm[g->nbr[j]];

                if (to_comm[c] == 0)
                    touched[n_touched++] = c;
                to_comm[c] += g->w[j];
            }
            tot[old] -= k[i];
            best = old;
            best_gain = to_comm[old] - tot[old] * k[i] / two_m;
            for (j = 0; j < n_touched; j++) {
                mgi_id c = touched[j];
                double gain = to_comm[c] - tot[c] * k[i] / two_m;

                /* a strictly better community wins; among equals the lower id,
                 * but a node never leaves its community for an equal gain,
                 * so every move raises modularity and the passes end */
                if (c == old)
                    continue;
                if (gain > best_gain + 1e-12 ||
                    (best != old && fabs(gain - best_gain) <= 1e-12 && c < best)) {
                    best = c;
                    best_gain = gain;
                }
            }
            tot[best] += k[i];
            comm[i] = best;
            for (j = 0; j < n_touched; j++)
                to_comm[touched[j]] = 0;
            to_comm[old] = 0;
            if (best != old) {
                moved = 1;
                moves++;
            }
        }
    }
    free(tot);
    free(to_comm);
    free(touched);
    return (long)moves;
}

/* Each node's degree in g (self-loops twice) into k, and each node its own
 * community in part. Returns the total, 2m. */
static double degrees(const wgraph *g, double *k, mgi_id *part)
{
    double two_m = 0;
    size_t i, j;

    for (i = 0; i < g->n; i++) {
        k[i] = 2 * g->self[i];
        for (j = g->off[i]; j < g->off[i + 1]; j++)
            k[i] += g->w[j];
        two_m += k[i];
        part[i] = (mgi_id)i;
    }
    return two_m;
}

/* renum[c] = the number of community c, in order of its smallest member.
 * Returns the number of communities. */
static size_t number_communities(const mgi_id *comm, size_t n, mgi_id *renum)
{
    size_t i, n_comm = 0;

    for (i = 0; i < n; i++)
        renum[i] = MGI_NONE;
    for (i = 0; i < n; i++)
        if (renum[comm[i]] == MGI_NONE)
            renum[comm[i]] = (mgi_id)n_comm++;
    return n_comm;
}

/* The next level: one node per community of cur (renum[comm[i]]), the links
 * between two communities summed, those inside one kept as its self weight;
 * k becomes the communities' degrees. Returns 0, or -1 when out of memory. */
static int aggregate(const wgraph *cur, const mgi_id *comm, const mgi_id *renum, size_t n_comm,
                     double *k, wgraph *next)
{
    size_t n = cur->n, m = 0, i, j;
    wedge *edges = malloc((cur->off[n] + 1) * sizeof *edges);
    double *self = calloc(n_comm + 1, sizeof *self), *k2 = calloc(n_comm + 1, sizeof *k2);
    int rc = -1;

    for (i = 0; edges && self && k2 && i < n; i++) {
        mgi_id a = renum[comm[i]];

        self[a] += cur->self[i];
        k2[a] += k[i];
        for (j = cur->off[i]; j < cur->off[i + 1]; j++) {
            mgi_id b = renum[comm[cur->nbr[j]]];

            if (a == b) {
                if (i < cur->nbr[j])
                    self[a] += cur->w[j];
            } else if (a < b) {
                edges[m].a = a;
                edges[m].b = b;
                edges[m].w = cur->w[j];
                m++;
            }
        }
    }
    if (edges && self && k2 && (rc = wgraph_build(next, n_comm, edges, m, self)) == 0)
        memcpy(k, k2, n_comm * sizeof *k);
    free(edges);
    free(self);
    free(k2);
    return rc;
}

/*
 * Louvain (Blondel, Guillaume, Lambiotte and Lefebvre 2008, "Fast unfolding
 * of communities in large networks"): move nodes to the neighbouring
 * community that raises modularity most (louvain_level), then fold each
 * community into one node and repeat, until a level moves nothing. Nodes
 * are visited in id order and ties go to the lower community, so the
 * partition is the same on every run. About O(E) a pass, a few passes a
 * level, O(log V) levels in practice; O(V + E) memory.
 *
 * part[i] receives the final community of node i, numbered 0.. in order of
 * each community's smallest node. Returns the number of communities, or
 * (size_t)-1 when out of memory.
 */
static size_t louvain(const wgraph *g0, mgi_id *part)
{
    size_t n0 = g0->n, i, n_comm = 0;
    double two_m, *k = malloc((n0 + 1) * sizeof *k);
    wgraph g = { 0 }, next;
    const wgraph *cur = g0;
    mgi_id *comm = malloc((n0 + 1) * sizeof *comm), *renum = malloc((n0 + 1) * sizeof *renum);
    size_t result = (size_t)-1;

    if (!k || !comm || !renum)
        goto out;
    two_m = degrees(g0, k, part);
    if (two_m == 0) { /* no links: every node is its own cluster */
        result = n0;
        goto out;
    }
    for (;;) {
        long moves;

        if (mgi_progress("clustering", 0, 0) < 0 ||
            (moves = louvain_level(cur, k, two_m, comm)) < 0)
            goto out;
        n_comm = number_communities(comm, cur->n, renum);
        for (i = 0; i < n0; i++)
            part[i] = renum[comm[part[i]]];
        if (moves == 0 || n_comm == cur->n)
            break;
        if (aggregate(cur, comm, renum, n_comm, k, &next) < 0)
            goto out;
        if (cur == &g)
            wgraph_free(&g);
        g = next;
        cur = &g;
    }
    result = n_comm;
out:
    if (cur == &g)
        wgraph_free(&g);
    free(k);
    free(comm);
    free(renum);
    return result;
}

/* ---- The projection ------------------------------------------------------------ */

/* Sides of the bipartite graph: the nodes to cluster, and what they share. */
typedef struct side {
    int tools; /* the dual view: tools clustered by the roles they share */
    size_t n, n_other;
    const mgi_csr *own;   /* node -> items it uses */
    const mgi_csr *other; /* item -> nodes using it */
} side;

static void side_of(side *s, const mgi_model *m, int tools)
{
    s->tools = tools;
    s->n = tools ? m->n_tools : m->n_roles;
    s->n_other = tools ? m->n_roles : m->n_tools;
    s->own = tools ? &m->tool_roles : &m->role_tools;
    s->other = tools ? &m->role_tools : &m->tool_roles;
}

static const char *node_name(const side *s, const mgi_model *m, mgi_id v)
{
    return s->tools ? m->tools[v].name : m->roles[v].name;
}

static const char *item_name(const side *s, const mgi_model *m, mgi_id v)
{
    return s->tools ? m->roles[v].name : m->tools[v].name;
}

/* A link's weight under the similarity: the number shared, Jaccard, or
 * the cosine of the TF-IDF vectors (norm: their lengths). */
static double link_weight(const mgi_projection *p, size_t i, mgi_id a, mgi_id b,
                          mg_similarity similarity, const double *norm)
{
    double shared = p->shared[i];

    switch (similarity) {
    case MG_SIMILARITY_JACCARD:
        return shared / ((double)(p->degree[a] + p->degree[b]) - shared);
    case MG_SIMILARITY_COSINE:
        return norm[a] > 0 && norm[b] > 0 ? p->dot[i] / (norm[a] * norm[b]) : 0;
    case MG_SIMILARITY_COUNT:
        break;
    }
    return shared;
}

/*
 * The weighted graph of the projection (projection.h: O(sum of d^2) over
 * the items kept, hubs left out beyond the budget): nodes sharing at least
 * min_shared items with a positive weight under the similarity. The
 * projection lists each link once (a < b, sorted), so filling rows in order
 * of a leaves every row sorted.
 */
static int project(wgraph *g, const mgi_projection *p, mg_similarity similarity,
                   const double *norm, size_t min_shared)
{
    size_t a, i, *fill;

    memset(g, 0, sizeof *g);
    g->n = p->n;
    g->off = calloc(p->n + 2, sizeof *g->off);
    g->self = calloc(p->n + 1, sizeof *g->self);
    fill = malloc((p->n + 1) * sizeof *fill);
    if (!g->off || !g->self || !fill)
        goto nomem;
    for (a = 0; a < p->n; a++)
        for (i = p->off[a]; i < p->off[a + 1]; i++)
            if (p->shared[i] >= min_shared &&
                link_weight(p, i, (mgi_id)a, p->nbr[i], similarity, norm) > 0) {
                g->off[a + 1]++;
                g->off[p->nbr[i] + 1]++;
            }
    for (a = 0; a < p->n; a++)
        g->off[a + 1] += g->off[a];
    g->nbr = malloc((g->off[p->n] + 1) * sizeof *g->nbr);
    g->w = malloc((g->off[p->n] + 1) * sizeof *g->w);
    if (!g->nbr || !g->w)
        goto nomem;
    memcpy(fill, g->off, p->n * sizeof *fill);
    for (a = 0; a < p->n; a++)
        for (i = p->off[a]; i < p->off[a + 1]; i++) {
            mgi_id b = p->nbr[i];
            double w = link_weight(p, i, (mgi_id)a, b, similarity, norm);

            if (p->shared[i] < min_shared || w <= 0)
                continue;
            g->nbr[fill[a]] = b;
            g->w[fill[a]++] = w;
            g->nbr[fill[b]] = (mgi_id)a;
            g->w[fill[b]++] = w;
        }
    free(fill);
    return 0;
nomem:
    free(fill);
    wgraph_free(g);
    return -1;
}

/* The k of the k-NN graph for opts on g: 0 when g is left as it is. */
static size_t neighbours_for(const wgraph *g, size_t asked, mg_similarity similarity)
{
    size_t k = 1;

    if (asked != MG_NEIGHBOURS_AUTO)
        return asked;
    if (similarity != MG_SIMILARITY_COSINE)
        return 0; /* count and Jaccard keep the whole graph unless asked */
    while (((size_t)1 << (k - 1)) < g->n) /* k - 1 = ceil(log2 n) */
        k++;
    return g->n && g->off[g->n] > 2 * k * g->n ? k : 0;
}

static double median3(double x, double y, double z)
{
    if (x < y)
        return y < z ? y : x < z ? z : x;
    return x < z ? x : y < z ? z : y;
}

/* The value at place k (from 0) of a[0 .. n) sorted largest first, a
 * reordered: quickselect (Hoare 1961) with a median-of-three pivot and a
 * three-way partition, since link weights tie often. O(n) expected. */
static double kth_largest(double *a, size_t n, size_t k)
{
    size_t lo = 0, hi = n; /* place k lies in a[lo .. hi) */

    for (;;) {
        double pivot = median3(a[lo], a[lo + (hi - lo) / 2], a[hi - 1]), t;
        /* a[lo .. gt) > pivot, a[gt .. i) == pivot, a[lt .. hi) < pivot */
        size_t gt = lo, i = lo, lt = hi;

        while (i < lt) {
            if (a[i] > pivot) {
                t = a[i];
                a[i++] = a[gt];
                a[gt++] = t;
            } else if (a[i] < pivot) {
                t = a[i];
                a[i] = a[--lt];
                a[lt] = t;
            } else {
                i++;
            }
        }
        if (k < gt)
            hi = gt;
        else if (k < lt)
            return pivot;
        else
            lo = lt;
    }
}

/* Keeps the links to each node's k most similar nodes (ties kept), a link
 * staying when either end keeps it, so the graph stays symmetric. The k-th
 * weight of a row by quickselect: O(links). Returns 0, or -1 when out of
 * memory. */
static int sparsify(wgraph *g, size_t k)
{
    double *keep_from = malloc((g->n + 1) * sizeof *keep_from), *row = NULL;
    size_t i, j, d, max_d = 0, kept = 0;

    for (i = 0; i < g->n; i++)
        if (g->off[i + 1] - g->off[i] > max_d)
            max_d = g->off[i + 1] - g->off[i];
    if (!keep_from || !(row = malloc((max_d + 1) * sizeof *row))) {
        free(keep_from);
        return -1;
    }
    for (i = 0; i < g->n; i++) {
        d = g->off[i + 1] - g->off[i];
        keep_from[i] = 0;
        if (d <= k)
            continue;
        memcpy(row, g->w + g->off[i], d * sizeof *row);
        keep_from[i] = kth_largest(row, d, k - 1);
    }
    for (i = 0, j = 0; i < g->n; i++) {
        size_t end = g->off[i + 1];

        for (; j < end; j++)
            if (g->w[j] >= keep_from[i] || g->w[j] >= keep_from[g->nbr[j]]) {
                g->nbr[kept] = g->nbr[j];
                g->w[kept++] = g->w[j];
            }
        g->off[i + 1] = kept;
    }
    free(keep_from);
    free(row);
    return 0;
}

/* The nodes of one side, projected, weighted and split by Louvain. */
typedef struct partition {
    mgi_projection p;
    wgraph g;
    mgi_id *part;  /* node -> community */
    size_t n_comm;
    size_t neighbours; /* the k-NN sparsification applied (0: none) */
} partition;

static void partition_free(partition *pt)
{
    mgi_projection_free(&pt->p);
    wgraph_free(&pt->g);
    free(pt->part);
}

/* The use weights aligned with the side's own adjacency: m->uses is in the
 * order of role_tools; the dual view reads them through tool_roles. */
static double *use_weights(const mgi_model *m, const side *s)
{
    double *by_role = mgi_model_use_weights(m), *by_tool;

    if (!by_role || !s->tools)
        return by_role;
    if ((by_tool = malloc((m->n_uses + 1) * sizeof *by_tool)) != NULL)
        mgi_csr_transpose_values(m->n_roles, &m->role_tools, by_role, &m->tool_roles, by_tool);
    free(by_role);
    return by_tool;
}

static int partition_find(partition *pt, const mgi_model *m, const side *s,
                          const mg_clusters_opts *opts)
{
    int cosine = opts->similarity == MG_SIMILARITY_COSINE;
    mgi_tfidf x = { 0 };
    double *w = NULL;
    int rc = -1;

    memset(pt, 0, sizeof *pt);
    if (cosine && (!(w = use_weights(m, s)) ||
                   mgi_tfidf_build(&x, s->n, s->own, w, s->n_other, s->other) < 0))
        goto out;
    if (mgi_projection_build(&pt->p, s->n, s->own, s->n_other, s->other, opts->max_pairs,
                             cosine ? &x : NULL) < 0 ||
        project(&pt->g, &pt->p, opts->similarity, x.norm, opts->min_shared) < 0)
        goto out;
    pt->neighbours = neighbours_for(&pt->g, opts->neighbours, opts->similarity);
    if ((pt->neighbours && sparsify(&pt->g, pt->neighbours) < 0) ||
        !(pt->part = malloc((s->n + 1) * sizeof *pt->part)))
        goto out;
    pt->n_comm = louvain(&pt->g, pt->part);
    rc = pt->n_comm == (size_t)-1 ? -1 : 0;
out:
    free(w);
    mgi_tfidf_free(&x);
    return rc;
}

/* ---- The result --------------------------------------------------------------------- */

void mg_clusters_free(mg_clusters *c)
{
    size_t i, j;

    if (!c)
        return;
    for (i = 0; i < c->n; i++) {
        mgi_strs_free(&c->items[i].members);
        mgi_strs_free(&c->items[i].shared);
        for (j = 0; j < c->items[i].n_stack; j++)
            free(c->items[i].stack[j].name);
    }
    mgi_strs_free(&c->left_out);
    free(c->items);
    free(c);
}

typedef struct order {
    size_t size;
    mgi_id first;
    mgi_id comm;
} order;

/* Largest first, then by smallest member. */
static int order_cmp(const void *x, const void *y)
{
    const order *p = x, *q = y;

    if (p->size != q->size)
        return p->size > q->size ? -1 : 1;
    return p->first < q->first ? -1 : p->first > q->first;
}

/* The communities in the order they are reported. */
static void order_communities(const partition *pt, size_t n, order *ord)
{
    size_t i;

    for (i = 0; i < pt->n_comm; i++) {
        ord[i].comm = (mgi_id)i;
        ord[i].first = MGI_NONE;
    }
    for (i = 0; i < n; i++) {
        ord[pt->part[i]].size++;
        if (ord[pt->part[i]].first == MGI_NONE)
            ord[pt->part[i]].first = (mgi_id)i;
    }
    mgi_qsort(ord, pt->n_comm, sizeof *ord, order_cmp);
}

/* Each community's internal weight and total degree on the projected graph,
 * for its share of modularity. Returns the total weight, 2m. */
static double community_weights(const partition *pt, double *internal, double *degree)
{
    const wgraph *g = &pt->g;
    double two_m = 0;
    size_t i, j;

    for (i = 0; i < g->n; i++)
        for (j = g->off[i]; j < g->off[i + 1]; j++) {
            degree[pt->part[i]] += g->w[j];
            two_m += g->w[j];
            if (pt->part[g->nbr[j]] == pt->part[i])
                internal[pt->part[i]] += g->w[j]; /* each internal edge seen from both ends */
        }
    return two_m;
}

/* The members of each community, in id order (a counting sort): those of
 * community c are by_comm[start[c] .. start[c + 1]). */
static void members_by_community(const partition *pt, size_t n, size_t *start, mgi_id *by_comm)
{
    size_t i;

    for (i = 0; i < n; i++)
        start[pt->part[i] + 2]++;
    for (i = 0; i < pt->n_comm; i++)
        start[i + 2] += start[i + 1];
    for (i = 0; i < n; i++)
        by_comm[start[pt->part[i] + 1]++] = (mgi_id)i;
}

/* Over-represented first: the largest excess of the share in the cluster
 * over the share overall, then the most members, then by name. */
static int stack_cmp(const void *x, const void *y)
{
    const stack_item *p = x, *q = y;
    double dp = p->share_in_cluster - p->share_overall, dq = q->share_in_cluster - q->share_overall;

    if (dp != dq)
        return dp > dq ? -1 : 1;
    if (p->count != q->count)
        return p->count > q->count ? -1 : 1;
    return strcmp(p->name, q->name);
}

/* Considers item t, which `count` of the cluster's n_members have, for the
 * cluster's stack: kept when it is over-represented (and shared, unless the
 * cluster is one node), the MGI_STACK_MAX strongest kept. */
static int stack_consider(cluster *c, const mgi_model *m, const side *s, mgi_id t, size_t count,
                          size_t n_members)
{
    stack_item it;

    it.count = count;
    it.share_in_cluster = (double)count / (double)n_members;
    it.share_overall = (double)(s->other->off[t + 1] - s->other->off[t]) / (double)s->n;
    it.name = (char *)item_name(s, m, t);
    if (count < (n_members < 2 ? n_members : 2) || it.share_in_cluster <= it.share_overall)
        return 0;
    if (c->n_stack == MGI_STACK_MAX && stack_cmp(&it, &c->stack[MGI_STACK_MAX - 1]) >= 0)
        return 0;
    if (c->n_stack < MGI_STACK_MAX)
        c->n_stack++;
    else
        free(c->stack[MGI_STACK_MAX - 1].name);
    if (!(it.name = mgi_strdup(it.name))) {
        c->n_stack--;
        return -1;
    }
    c->stack[c->n_stack - 1] = it;
    mgi_qsort(c->stack, c->n_stack, sizeof *c->stack, stack_cmp);
    return 0;
}

/* A cluster's member names, the items two or more members have (in id =
 * name order) and its stack. hits: zeroed counters per item, left zeroed;
 * touched: room for every item. Returns 0, or -1 when out of memory. */
static int name_cluster(cluster *c, const mgi_model *m, const side *s, const mgi_id *members,
                        size_t n_members, unsigned *hits, mgi_id *touched)
{
    size_t j, k, n_touched = 0;
    int rc = 0;

    for (j = 0; j < n_members; j++) {
        mgi_id v = members[j];

        if (mgi_strs_add(&c->members, node_name(s, m, v)) < 0)
            return -1;
        for (k = s->own->off[v]; k < s->own->off[v + 1]; k++)
            if (hits[s->own->items[k]]++ == 0)
                touched[n_touched++] = s->own->items[k];
    }
    mgi_qsort(touched, n_touched, sizeof *touched, mgi_id_cmp);
    for (k = 0; k < n_touched; k++) {
        mgi_id t = touched[k];

        if (rc == 0 && hits[t] >= 2 && mgi_strs_add(&c->shared, item_name(s, m, t)) < 0)
            rc = -1;
        if (rc == 0)
            rc = stack_consider(c, m, s, t, hits[t], n_members);
        hits[t] = 0;
    }
    return rc;
}

/* The clusters of the partition, largest first, with their share of
 * modularity. Returns 0, or -1 when out of memory. */
static int describe_clusters(mg_clusters *res, const mgi_model *m, const side *s,
                             const partition *pt)
{
    size_t n_comm = pt->n_comm, i, *start = calloc(n_comm + 2, sizeof *start);
    double *internal = calloc(n_comm + 1, sizeof *internal), two_m;
    double *degree = calloc(n_comm + 1, sizeof *degree);
    order *ord = calloc(n_comm + 1, sizeof *ord);
    unsigned *hits = calloc(s->n_other + 1, sizeof *hits);
    mgi_id *touched = malloc((s->n_other + 1) * sizeof *touched);
    mgi_id *by_comm = malloc((s->n + 1) * sizeof *by_comm);
    int rc = -1;

    if (!internal || !degree || !ord || !hits || !touched || !start || !by_comm ||
        !(res->items = calloc(n_comm + 1, sizeof *res->items)))
        goto out;
    two_m = community_weights(pt, internal, degree);
    order_communities(pt, s->n, ord);
    members_by_community(pt, s->n, start, by_comm);
    for (i = 0; i < n_comm; i++) {
        cluster *c = &res->items[res->n++];
        mgi_id comm = ord[i].comm;

        c->contribution = two_m > 0 ? internal[comm] / two_m -
                                          (degree[comm] / two_m) * (degree[comm] / two_m)
                                    : 0;
        res->modularity += c->contribution;
        if (name_cluster(c, m, s, by_comm + start[comm], start[comm + 1] - start[comm], hits,
                         touched) < 0)
            goto out;
    }
    rc = 0;
out:
    free(internal);
    free(degree);
    free(ord);
    free(hits);
    free(touched);
    free(start);
    free(by_comm);
    return rc;
}

/*
 * Shared-tool clusters: the bounded projection onto one side, then Louvain.
 * O(sum of d^2) for the projection (d: users of each kept item) plus
 * Louvain's near-linear time in its links; O(V + links) memory.
 */
mg_status mg_clusters_find(const mg_org *org, const mg_clusters_opts *opts, mg_clusters **out,
                           mg_error *err)
{
    mg_clusters_opts defaults;
    const mgi_model *m;
    partition pt;
    side s;
    mg_clusters *res = NULL;
    size_t i;
    mg_status st = MG_ENOMEM;

    if (!org || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_clusters_find: NULL argument");
    if (mgi_org_frozen(org, err) != MG_OK)
        return MG_EINTERNAL;
    if (!opts) {
        clusters_opts_init(&defaults);
        opts = &defaults;
    }
    m = org->m;
    side_of(&s, m, opts->tools);
    if (partition_find(&pt, m, &s, opts) < 0 || !(res = calloc(1, sizeof *res)))
        goto out;
    res->tools = opts->tools;
    res->similarity = opts->similarity;
    res->neighbours = pt.neighbours;
    res->min_shared = opts->min_shared;
    res->max_pairs = opts->max_pairs;
    for (i = 0; i < pt.p.n_left_out; i++)
        if (mgi_strs_add(&res->left_out, item_name(&s, m, pt.p.left_out[i])) < 0)
            goto out;
    if (describe_clusters(res, m, &s, &pt) < 0)
        goto out;
    *out = res;
    res = NULL;
    st = MG_OK;
out:
    partition_free(&pt);
    mg_clusters_free(res);
    return st == MG_OK ? MG_OK : mgi_nomem(err);
}

double mg_clusters_modularity(const mg_clusters *c)
{
    return c ? c->modularity : 0;
}

size_t mg_clusters_left_out_count(const mg_clusters *c)
{
    return c ? c->left_out.n : 0;
}

const char *mg_clusters_left_out(const mg_clusters *c, size_t i)
{
    return c && i < c->left_out.n ? c->left_out.items[i] : NULL;
}

size_t mg_clusters_count(const mg_clusters *c)
{
    return c ? c->n : 0;
}

size_t mg_cluster_size(const mg_clusters *c, size_t i)
{
    return c && i < c->n ? c->items[i].members.n : 0;
}

const char *mg_cluster_member(const mg_clusters *c, size_t i, size_t j)
{
    return c && i < c->n && j < c->items[i].members.n ? c->items[i].members.items[j] : NULL;
}

size_t mg_cluster_shared_count(const mg_clusters *c, size_t i)
{
    return c && i < c->n ? c->items[i].shared.n : 0;
}

const char *mg_cluster_shared(const mg_clusters *c, size_t i, size_t j)
{
    return c && i < c->n && j < c->items[i].shared.n ? c->items[i].shared.items[j] : NULL;
}

size_t mg_cluster_stack_count(const mg_clusters *c, size_t i)
{
    return c && i < c->n ? c->items[i].n_stack : 0;
}

const char *mg_cluster_stack(const mg_clusters *c, size_t i, size_t j)
{
    return j < mg_cluster_stack_count(c, i) ? c->items[i].stack[j].name : NULL;
}

size_t mg_cluster_stack_members(const mg_clusters *c, size_t i, size_t j)
{
    return j < mg_cluster_stack_count(c, i) ? c->items[i].stack[j].count : 0;
}
