/*
 * clusters.c - shared-tool clusters: the role-tool graph projected onto
 * roles (or, in the dual view, onto tools), partitioned by Louvain
 * modularity optimisation (Blondel, Guillaume, Lambiotte, Lefebvre 2008).
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"
#include "projection.h"

struct mg_clusters_opts {
    int jaccard;
    size_t min_shared;
    size_t max_pairs;
    int tools;
};

/* The defaults, for mg_clusters_opts_new and for a search given no options. */
static void clusters_opts_init(mg_clusters_opts *o)
{
    memset(o, 0, sizeof *o);
    o->min_shared = 1;
    o->max_pairs = MGI_PROJECTION_BUDGET;
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

mg_status mg_clusters_opts_set_similarity(mg_clusters_opts *opts, const char *similarity,
                                          mg_error *err)
{
    if (opts && similarity && strcmp(similarity, "count") == 0)
        opts->jaccard = 0;
    else if (opts && similarity && strcmp(similarity, "jaccard") == 0)
        opts->jaccard = 1;
    else
        return mgi_error(err, MG_EINVAL, "", 0, 0,
                         "unknown similarity '%s' (expected count or jaccard)",
                         similarity ? similarity : "(null)");
    return MG_OK;
}

mg_status mg_clusters_opts_set_min_shared(mg_clusters_opts *opts, size_t k, mg_error *err)
{
    if (!opts || k < 1)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "--min-shared must be at least 1");
    opts->min_shared = k;
    return MG_OK;
}

mg_status mg_clusters_opts_set_max_pairs(mg_clusters_opts *opts, size_t pairs, mg_error *err)
{
    if (!opts || pairs < 1)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "--max-pairs must be at least 1");
    opts->max_pairs = pairs;
    return MG_OK;
}

void mg_clusters_opts_set_tools(mg_clusters_opts *opts, int tools)
{
    if (opts)
        opts->tools = tools != 0;
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

/*
 * Louvain on g; part[i] receives the final community of node i, numbered
 * 0.. in order of each community's smallest node. Returns the number of
 * communities, or (size_t)-1 when out of memory.
 */
static size_t louvain(const wgraph *g0, mgi_id *part)
{
    size_t n0 = g0->n, i, j, n_comm = 0;
    double two_m = 0, *k = NULL;
    wgraph g = { 0 };
    const wgraph *cur = g0;
    mgi_id *comm = NULL, *renum = NULL;
    size_t result = (size_t)-1;

    k = malloc((n0 + 1) * sizeof *k);
    comm = malloc((n0 + 1) * sizeof *comm);
    renum = malloc((n0 + 1) * sizeof *renum);
    if (!k || !comm || !renum)
        goto out;
    for (i = 0; i < n0; i++) {
        k[i] = 2 * g0->self[i];
        for (j = g0->off[i]; j < g0->off[i + 1]; j++)
            k[i] += g0->w[j];
        two_m += k[i];
        part[i] = (mgi_id)i;
    }
    if (two_m == 0) { /* no links: every node is its own cluster */
        result = n0;
        goto out;
    }
    for (;;) {
        long moves;
        size_t n = cur->n, m = 0;
        wedge *edges = NULL;
        double *self = NULL, *k2 = NULL;

        mgi_progress("clustering", 0, 0);
        moves = louvain_level(cur, k, two_m, comm);
        if (moves < 0)
            goto out;
        /* number communities in order of their smallest member */
        for (i = 0; i < n; i++)
            renum[i] = MGI_NONE;
        n_comm = 0;
        for (i = 0; i < n; i++)
            if (renum[comm[i]] == MGI_NONE)
                renum[comm[i]] = (mgi_id)n_comm++;
        for (i = 0; i < n0; i++)
            part[i] = renum[comm[part[i]]];
        if (moves == 0 || n_comm == n)
            break;
        /* aggregate: one node per community */
        edges = malloc((cur->off[n] + 1) * sizeof *edges);
        self = calloc(n_comm + 1, sizeof *self);
        k2 = calloc(n_comm + 1, sizeof *k2);
        if (!edges || !self || !k2) {
            free(edges);
            free(self);
            free(k2);
            goto out;
        }
        for (i = 0; i < n; i++) {
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
        {
            wgraph next;
            int rc = wgraph_build(&next, n_comm, edges, m, self);

            free(edges);
            free(self);
            if (rc < 0) {
                free(k2);
                goto out;
            }
            if (cur == &g)
                wgraph_free(&g);
            g = next;
            cur = &g;
            memcpy(k, k2, n_comm * sizeof *k);
            free(k2);
        }
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

typedef struct cluster {
    mgi_strs members;
    mgi_strs shared;
    double contribution;
} cluster;

struct mg_clusters {
    int tools;   /* the dual view */
    int jaccard;
    size_t min_shared;
    size_t max_pairs;
    mgi_strs left_out; /* hub items left out of the projection, most used first */
    double modularity;
    size_t n;
    cluster *items;
};

/* Sides of the bipartite graph: the nodes to cluster, and what they share. */
typedef struct side {
    size_t n, n_other;
    const mgi_csr *own;   /* node -> items it uses */
    const mgi_csr *other; /* item -> nodes using it */
} side;

/* The weighted graph of the projection: nodes sharing at least min_shared
 * items, weighted by the number shared or by Jaccard similarity. The
 * projection lists each link once (a < b, sorted), so filling rows in order
 * of a leaves every row sorted. */
static int project(wgraph *g, const mgi_projection *p, int jaccard, size_t min_shared)
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
            if (p->shared[i] >= min_shared) {
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
            double shared = p->shared[i];
            double w = jaccard ? shared / ((double)(p->degree[a] + p->degree[b]) - shared) : shared;

            if (p->shared[i] < min_shared)
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

void mg_clusters_free(mg_clusters *c)
{
    size_t i;

    if (!c)
        return;
    for (i = 0; i < c->n; i++) {
        mgi_strs_free(&c->items[i].members);
        mgi_strs_free(&c->items[i].shared);
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

static int order_cmp(const void *x, const void *y)
{
    const order *p = x, *q = y;

    if (p->size != q->size)
        return p->size > q->size ? -1 : 1;
    return p->first < q->first ? -1 : p->first > q->first;
}

mg_status mg_clusters_find(const mg_org *org, const mg_clusters_opts *opts, mg_clusters **out,
                           mg_error *err)
{
    mg_clusters_opts defaults;
    const mgi_model *m;
    mgi_projection p = { 0 };
    side s;
    wgraph g = { 0 };
    mgi_id *part = NULL, *by_comm = NULL, *touched = NULL;
    order *ord = NULL;
    double *internal = NULL, *degree = NULL, two_m = 0;
    size_t n_comm, i, j, k, *start = NULL;
    unsigned *hits = NULL;
    mg_clusters *res = NULL;
    mg_status st = MG_ENOMEM;

    if (!org || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_clusters_find: NULL argument");
    if (!opts) {
        clusters_opts_init(&defaults);
        opts = &defaults;
    }
    m = org->m;
    s.n = opts->tools ? m->n_tools : m->n_roles;
    s.n_other = opts->tools ? m->n_roles : m->n_tools;
    s.own = opts->tools ? &m->tool_roles : &m->role_tools;
    s.other = opts->tools ? &m->role_tools : &m->tool_roles;
    if (mgi_projection_build(&p, s.n, s.own, s.n_other, s.other, opts->max_pairs) < 0 ||
        project(&g, &p, opts->jaccard, opts->min_shared) < 0)
        goto nomem;
    part = malloc((s.n + 1) * sizeof *part);
    if (!part || (n_comm = louvain(&g, part)) == (size_t)-1)
        goto nomem;

    /* modularity of the final partition, per cluster, on the projected graph */
    internal = calloc(n_comm + 1, sizeof *internal);
    degree = calloc(n_comm + 1, sizeof *degree);
    ord = calloc(n_comm + 1, sizeof *ord);
    res = calloc(1, sizeof *res);
    hits = calloc(s.n_other + 1, sizeof *hits);
    touched = malloc((s.n_other + 1) * sizeof *touched);
    start = calloc(n_comm + 2, sizeof *start);
    by_comm = malloc((s.n + 1) * sizeof *by_comm);
    if (!internal || !degree || !ord || !res || !hits || !touched || !start || !by_comm)
        goto nomem;
    for (i = 0; i < s.n; i++)
        for (j = g.off[i]; j < g.off[i + 1]; j++) {
            degree[part[i]] += g.w[j];
            two_m += g.w[j];
            if (part[g.nbr[j]] == part[i])
                internal[part[i]] += g.w[j]; /* each internal edge seen from both ends */
        }
    for (i = 0; i < n_comm; i++) {
        ord[i].comm = (mgi_id)i;
        ord[i].first = MGI_NONE;
    }
    for (i = 0; i < s.n; i++) {
        ord[part[i]].size++;
        if (ord[part[i]].first == MGI_NONE)
            ord[part[i]].first = (mgi_id)i;
    }
    /* the members of each community, in id order (a counting sort) */
    for (i = 0; i < s.n; i++)
        start[part[i] + 2]++;
    for (i = 0; i < n_comm; i++)
        start[i + 2] += start[i + 1];
    for (i = 0; i < s.n; i++)
        by_comm[start[part[i] + 1]++] = (mgi_id)i;
    mgi_qsort(ord, n_comm, sizeof *ord, order_cmp);
    res->tools = opts->tools;
    res->jaccard = opts->jaccard;
    res->min_shared = opts->min_shared;
    res->max_pairs = opts->max_pairs;
    for (i = 0; i < p.n_left_out; i++)
        if (mgi_strs_add(&res->left_out, opts->tools ? m->roles[p.left_out[i]].name
                                                     : m->tools[p.left_out[i]].name) < 0)
            goto nomem;
    res->items = calloc(n_comm + 1, sizeof *res->items);
    if (!res->items)
        goto nomem;
    for (i = 0; i < n_comm; i++) {
        cluster *c = &res->items[i];
        mgi_id comm = ord[i].comm;
        size_t n_touched = 0;

        res->n++;
        c->contribution = two_m > 0 ? internal[comm] / two_m -
                                          (degree[comm] / two_m) * (degree[comm] / two_m)
                                    : 0;
        res->modularity += c->contribution;
        for (j = start[comm]; j < start[comm + 1]; j++) {
            mgi_id v = by_comm[j];

            if (mgi_strs_add(&c->members, opts->tools ? m->tools[v].name : m->roles[v].name) < 0)
                goto nomem;
            for (k = s.own->off[v]; k < s.own->off[v + 1]; k++)
                if (hits[s.own->items[k]]++ == 0)
                    touched[n_touched++] = s.own->items[k];
        }
        /* the items two or more members have, in id (= name) order */
        mgi_qsort(touched, n_touched, sizeof *touched, mgi_id_cmp);
        for (k = 0; k < n_touched; k++) {
            mgi_id t = touched[k];

            if (hits[t] >= 2 &&
                mgi_strs_add(&c->shared, opts->tools ? m->roles[t].name : m->tools[t].name) < 0)
                goto nomem;
            hits[t] = 0;
        }
    }
    *out = res;
    res = NULL;
    st = MG_OK;
nomem: /* and the way out on success, with st == MG_OK */
    mgi_projection_free(&p);
    wgraph_free(&g);
    free(part);
    free(internal);
    free(degree);
    free(ord);
    free(hits);
    free(touched);
    free(start);
    free(by_comm);
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

static mg_status clusters_json(const mg_clusters *c, char **out, mg_error *err)
{
    mgi_buf b = { 0 };
    size_t i;
    int ok = mgi_buf_printf(&b,
                            "{\"version\": %d, \"view\": \"%s\", \"similarity\": \"%s\", "
                            "\"min_shared\": %zu, \"max_pairs\": %zu, \"left_out\": ",
                            MGI_JSON_VERSION, c->tools ? "tools" : "roles",
                            c->jaccard ? "jaccard" : "count", c->min_shared, c->max_pairs) == 0 &&
             mgi_json_strings_buf(&b, c->left_out.items, c->left_out.n) == 0 &&
             mgi_buf_printf(&b, ", \"modularity\": %.17g, \"clusters\": [", c->modularity) == 0;

    for (i = 0; ok && i < c->n; i++)
        ok = mgi_buf_puts(&b, i ? ", {\"" : "{\"") == 0 &&
             mgi_buf_puts(&b, c->tools ? "tools" : "roles") == 0 && mgi_buf_puts(&b, "\": ") == 0 &&
             mgi_json_strings_buf(&b, c->items[i].members.items, c->items[i].members.n) == 0 &&
             mgi_buf_puts(&b, c->tools ? ", \"shared_roles\": " : ", \"shared_tools\": ") == 0 &&
             mgi_json_strings_buf(&b, c->items[i].shared.items, c->items[i].shared.n) == 0 &&
             mgi_buf_printf(&b, ", \"modularity_contribution\": %.17g}",
                            c->items[i].contribution) == 0;
    ok = ok && mgi_buf_puts(&b, "]}\n") == 0;
    if (!ok || !(*out = mgi_buf_steal(&b))) {
        mgi_buf_free(&b);
        return mgi_nomem(err);
    }
    return MG_OK;
}

mg_status mg_clusters_format(const mg_clusters *c, mg_format format, char **out, mg_error *err)
{
    const char *header[5] = { "cluster", "roles", "shared tools", "size", "modularity" };
    mgi_doc d = { 0 };
    mgi_buf members = { 0 }, shared = { 0 };
    size_t i, singletons = 0;
    mg_status st;

    if (!c || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_clusters_format: NULL argument");
    if (format == MG_FORMAT_JSON)
        return clusters_json(c, out, err);
    if (c->tools) {
        header[1] = "tools";
        header[2] = "shared roles";
    }
    for (i = 0; i < c->n; i++)
        singletons += c->items[i].members.n == 1;
    mgi_doc_heading(&d, c->tools ? "Tool stacks" : "Shared-tool clusters");
    mgi_doc_text(&d,
                 "%zu cluster%s (%zu of them single %s), modularity %.4f. Links: %s sharing at "
                 "least %zu %s, weighted by %s.",
                 c->n, c->n == 1 ? "" : "s", singletons, c->tools ? "tools" : "roles",
                 c->modularity, c->tools ? "tools" : "roles", c->min_shared,
                 c->tools ? (c->min_shared == 1 ? "role" : "roles")
                          : (c->min_shared == 1 ? "tool" : "tools"),
                 c->jaccard ? "Jaccard similarity" : "the number shared");
    if (c->left_out.n) {
        mgi_buf_clear(&members);
        if (mgi_join_names(&members, c->left_out.items, c->left_out.n, 10) < 0)
            d.failed = 1;
        mgi_doc_text(&d,
                     "Left out as hubs: %s. So many %s share %s that the links would pass "
                     "%zu pairs (--max-pairs); the most shared are left out first.",
                     members.data ? members.data : "", c->tools ? "tools" : "roles",
                     c->left_out.n == 1 ? "it" : "them", c->max_pairs);
    }
    mgi_doc_table(&d, 5, header);
    for (i = 0; i < c->n; i++) {
        const cluster *k = &c->items[i];
        char no[32], size[32], q[64];
        const char *row[5];

        mgi_buf_clear(&members);
        mgi_buf_clear(&shared);
        if (mgi_join_names(&members, k->members.items, k->members.n, (size_t)-1) < 0 ||
            mgi_join_names(&shared, k->shared.items, k->shared.n, (size_t)-1) < 0)
            d.failed = 1;
        snprintf(no, sizeof no, "%zu", i + 1);
        snprintf(size, sizeof size, "%zu", k->members.n);
        snprintf(q, sizeof q, "%.4f", k->contribution);
        row[0] = no;
        row[1] = members.data ? members.data : "";
        row[2] = shared.data ? shared.data : "";
        row[3] = size;
        row[4] = q;
        mgi_doc_row(&d, row);
    }
    st = mgi_doc_render(&d, format, out, err);
    mgi_doc_free(&d);
    mgi_buf_free(&members);
    mgi_buf_free(&shared);
    return st;
}
