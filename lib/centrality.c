/*
 * centrality.c - bottlenecks: betweenness centrality of roles on the
 * directed, weighted collaboration graph, and for each role the pairs of
 * roles whose cheapest chains run through it. Builds the results only;
 * present_bottlenecks.c presents them.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "bottlenecks_result.h"
#include "dijkstra.h"
#include "org.h"

/* The first MG_BOTTLENECK_PAIRS_LISTED pairs through a role, and how many
 * there are: a 300-role cycle has 44,551 through each role (240 MB of JSON
 * when all were listed). */
typedef struct pair_list {
    mgi_id *from, *to;
    size_t n, cap_from, cap_to;
    size_t total;
} pair_list;

/* ---- Brandes' algorithm ------------------------------------------------------------ */

/* The state of one source, kept between sources: the search, the number of
 * cheapest chains to each role (sigma), the dependencies (delta) and the
 * cheapest predecessors of each role.
 *
 * Chains multiply: 1,100 diamonds in series make 2^1100 cheapest chains,
 * past the largest double. sigma[v] is kept as sig_m[v] * 2^sig_e[v], the
 * mantissa in [0.5, 1) and the exponent an int, so counts never overflow;
 * Brandes only ever needs their ratios. */
typedef struct brandes {
    mgi_dijkstra sp;
    double *sig_m, *delta;
    int *sig_e;
    size_t *pred_off, *pred_n; /* predecessors of v: preds[pred_off[v] .. + pred_n[v]) */
    mgi_id *preds;
} brandes;

/* Another cheapest way into w, through u (Dijkstra's tie hook). */
static void on_tie(void *ctx, mgi_id u, mgi_id w)
{
    brandes *b = ctx;
    size_t j;

    for (j = 0; j < b->pred_n[w]; j++)
        if (b->preds[b->pred_off[w] + j] == u)
            return; /* parallel arcs are one handoff step */
    b->preds[b->pred_off[w] + b->pred_n[w]++] = u;
}

/* A cheaper way into w, through u: the chains counted so far are not cheapest. */
static void on_lowered(void *ctx, mgi_id u, mgi_id w)
{
    brandes *b = ctx;

    b->pred_n[w] = 1;
    b->preds[b->pred_off[w]] = u;
}

/* sigma of every settled role from its cheapest predecessors, in settled
 * order (weights are positive: predecessors come first), as mantissa and
 * exponent: the sum of the predecessors' counts scaled to the largest. */
static void count_chains(brandes *b, mgi_id s)
{
    size_t i, j;

    for (i = 0; i < b->sp.n_settled; i++) {
        mgi_id w = b->sp.settled[i];
        const mgi_id *p = b->preds + b->pred_off[w];
        double sum = 0;
        int top = INT_MIN, k;

        if (w == s) {
            b->sig_m[w] = 0.5; /* one chain: 0.5 * 2^1 */
            b->sig_e[w] = 1;
            continue;
        }
        for (j = 0; j < b->pred_n[w]; j++)
            if (b->sig_e[p[j]] > top)
                top = b->sig_e[p[j]];
        for (j = 0; j < b->pred_n[w]; j++)
            sum += ldexp(b->sig_m[p[j]], b->sig_e[p[j]] - top);
        b->sig_m[w] = frexp(sum, &k);
        b->sig_e[w] = top + k;
    }
}

static void brandes_free(brandes *b)
{
    mgi_dijkstra_free(&b->sp);
    free(b->sig_m);
    free(b->sig_e);
    free(b->delta);
    free(b->pred_off);
    free(b->pred_n);
    free(b->preds);
}

static int brandes_init(brandes *b, const mgi_arcs *a)
{
    size_t n = a->n_nodes, v;

    memset(b, 0, sizeof *b);
    b->sig_m = calloc(n + 1, sizeof *b->sig_m);
    b->sig_e = calloc(n + 1, sizeof *b->sig_e);
    b->delta = calloc(n + 1, sizeof *b->delta);
    b->pred_off = calloc(n + 1, sizeof *b->pred_off);
    b->pred_n = calloc(n + 1, sizeof *b->pred_n);
    b->preds = malloc((a->off[n] + 1) * sizeof *b->preds);
    if (!b->sig_m || !b->sig_e || !b->delta || !b->pred_off || !b->pred_n || !b->preds ||
        mgi_dijkstra_init(&b->sp, a) < 0) {
        brandes_free(b);
        return -1;
    }
    /* room for every in-arc of v as a predecessor */
    for (v = 0; v < a->off[n]; v++)
        b->pred_off[a->to[v] + 1]++;
    for (v = 0; v < n; v++)
        b->pred_off[v + 1] += b->pred_off[v];
    return 0;
}

/* One source: a Dijkstra that keeps every cheapest predecessor and counts
 * cheapest chains (sigma), then the dependencies accumulated in reverse
 * settled order into score. */
static void single_source(brandes *b, mgi_id s, double *score)
{
    const mgi_id *order = b->sp.settled;
    mgi_dijkstra_opts o;
    size_t i, j;

    mgi_dijkstra_opts_init(&o);
    o.tie = on_tie;
    o.lowered = on_lowered;
    o.ctx = b;
    mgi_dijkstra_run(&b->sp, s, &o);
    count_chains(b, s);
    for (i = b->sp.n_settled; i-- > 0;) {
        mgi_id w = order[i];

        for (j = 0; j < b->pred_n[w]; j++) {
            mgi_id u = b->preds[b->pred_off[w] + j];
            double share = ldexp(b->sig_m[u] / b->sig_m[w], b->sig_e[u] - b->sig_e[w]);

            b->delta[u] += share * (1 + b->delta[w]);
        }
        if (w != s)
            score[w] += b->delta[w];
    }
}

/* Every role the source settled: put back as unreached (the search forgets
 * its own part on the next run). */
static void reset(brandes *b)
{
    size_t i;

    for (i = 0; i < b->sp.n_settled; i++) {
        mgi_id v = b->sp.settled[i];

        b->delta[v] = 0;
        b->pred_n[v] = 0;
    }
}

static int pair_add(pair_list *l, mgi_id s, mgi_id t)
{
    if (l->total++ >= MG_BOTTLENECK_PAIRS_LISTED)
        return 0;
    if (mgi_grow(&l->from, &l->cap_from, l->n + 1, sizeof *l->from) < 0 ||
        mgi_grow(&l->to, &l->cap_to, l->n + 1, sizeof *l->to) < 0)
        return -1;
    l->from[l->n] = s;
    l->to[l->n] = t;
    l->n++;
    return 0;
}

/* After the source s: for each target t, adds (s, t) to the pairs of every
 * role on some cheapest s -> t chain. O(V^2) per source. on_path: n bytes
 * of room. Returns 0, or -1 when out of memory. */
static int list_pairs(const brandes *b, mgi_id s, unsigned char *on_path, pair_list *pairs)
{
    const mgi_id *order = b->sp.settled;
    size_t i, j, x;

    for (i = 1; i < b->sp.n_settled; i++) {
        mgi_id t = order[i];

        memset(on_path, 0, b->sp.arcs->n_nodes);
        on_path[t] = 1;
        /* walk predecessors back from t: the order array is settled order,
         * so a reverse scan from t visits every predecessor after its child */
        for (x = i + 1; x-- > 0;) {
            mgi_id w = order[x];

            if (!on_path[w])
                continue;
            for (j = 0; j < b->pred_n[w]; j++)
                on_path[b->preds[b->pred_off[w] + j]] = 1;
            if (w != t && w != s && pair_add(&pairs[w], s, t) < 0)
                return -1;
        }
    }
    return 0;
}

/* The sources: every role, or the first n_sources of a seeded shuffle
 * (Fisher-Yates), in id order either way. NULL when out of memory. */
static mgi_id *pick_sources(size_t n, size_t n_sources, unsigned long long seed)
{
    mgi_id *sources = malloc((n + 1) * sizeof *sources);
    mgi_rng rng;
    size_t i;

    if (!sources)
        return NULL;
    for (i = 0; i < n; i++)
        sources[i] = (mgi_id)i;
    rng.state = seed;
    for (i = 0; n_sources < n && i < n_sources; i++) {
        size_t r = i + mgi_rng_below(&rng, n - i);
        mgi_id t = sources[i];

        sources[i] = sources[r];
        sources[r] = t;
    }
    mgi_qsort(sources, n_sources, sizeof *sources, mgi_id_cmp);
    return sources;
}

/* ---- The result ------------------------------------------------------------------ */

typedef struct ranked {
    mgi_id role;
    double score;
} ranked;

static int ranked_cmp(const void *x, const void *y)
{
    const ranked *a = x, *b = y;

    if (!mgi_cost_equal(a->score, b->score))
        return a->score > b->score ? -1 : 1;
    return a->role < b->role ? -1 : a->role > b->role;
}

void mg_bottlenecks_free(mg_bottlenecks *b)
{
    size_t i, j;

    if (!b)
        return;
    for (i = 0; i < b->n; i++) {
        free(b->role[i]);
        for (j = 0; b->n_pairs && j < b->n_pairs[i]; j++) {
            free(b->pair_from[i][j]);
            free(b->pair_to[i][j]);
        }
        if (b->pair_from)
            free(b->pair_from[i]);
        if (b->pair_to)
            free(b->pair_to[i]);
    }
    free(b->role);
    free(b->betweenness);
    free(b->pair_from);
    free(b->pair_to);
    free(b->n_pairs);
    free(b->pairs_total);
    free(b);
}

/* Names the pairs of one role into slot i of res. Returns 0, or -1 when out of memory. */
static int name_pairs(mg_bottlenecks *res, size_t i, const mgi_model *m, const pair_list *pl)
{
    size_t j;

    res->pair_from[i] = calloc(pl->n + 1, sizeof(char *));
    res->pair_to[i] = calloc(pl->n + 1, sizeof(char *));
    if (!res->pair_from[i] || !res->pair_to[i])
        return -1;
    res->pairs_total[i] = pl->total;
    for (j = 0; j < pl->n; j++) {
        res->n_pairs[i] = j + 1;
        if (!(res->pair_from[i][j] = mgi_strdup(m->roles[pl->from[j]].name)) ||
            !(res->pair_to[i][j] = mgi_strdup(m->roles[pl->to[j]].name)))
            return -1;
    }
    return 0;
}

/* The roles ranked by score, named, with their pairs. res->sources set
 * already. Returns 0, or -1 when out of memory. */
static int rank_roles(mg_bottlenecks *res, const mgi_model *m, const double *score,
                      const pair_list *pairs)
{
    size_t n = m->n_roles, v, i;
    ranked *rank = malloc((n + 1) * sizeof *rank);
    int rc = -1;

    res->role = calloc(n + 1, sizeof *res->role);
    res->betweenness = calloc(n + 1, sizeof *res->betweenness);
    res->pair_from = calloc(n + 1, sizeof *res->pair_from);
    res->pair_to = calloc(n + 1, sizeof *res->pair_to);
    res->n_pairs = calloc(n + 1, sizeof *res->n_pairs);
    res->pairs_total = calloc(n + 1, sizeof *res->pairs_total);
    if (!rank || !res->role || !res->betweenness || !res->pair_from || !res->pair_to ||
        !res->n_pairs || !res->pairs_total)
        goto out;
    for (v = 0; v < n; v++) {
        rank[v].role = (mgi_id)v;
        /* a sample of k sources estimates the whole by scaling (Brandes and Pich 2007) */
        rank[v].score = res->sources == n ? score[v]
                                          : score[v] * (double)n / (double)res->sources;
    }
    mgi_qsort(rank, n, sizeof *rank, ranked_cmp);
    for (i = 0; i < n; i++) {
        mgi_id r = rank[i].role;

        res->n = i + 1;
        res->betweenness[i] = rank[i].score;
        if (!(res->role[i] = mgi_strdup(m->roles[r].name)) ||
            name_pairs(res, i, m, &pairs[r]) < 0)
            goto out;
    }
    rc = 0;
out:
    free(rank);
    return rc;
}

/* Sums the dependencies of every source into score and, when pairs is not
 * NULL, lists the pairs through each role. Returns 0, or -1 when out of memory
 * or cancelled. */
static int betweenness(const mgi_arcs *a, const mgi_id *sources, size_t n_sources,
                       double *score, pair_list *pairs)
{
    brandes br;
    unsigned char *on_path = malloc(a->n_nodes + 1);
    size_t si;
    int rc = -1;

    if (!on_path || brandes_init(&br, a) < 0) {
        free(on_path);
        return -1;
    }
    for (si = 0; si < n_sources; si++) {
        if (si % 16 == 0 && mgi_progress("betweenness", si, n_sources) < 0)
            goto out;
        single_source(&br, sources[si], score);
        if (pairs && list_pairs(&br, sources[si], on_path, pairs) < 0)
            goto out;
        reset(&br);
    }
    rc = 0;
out:
    brandes_free(&br);
    free(on_path);
    return rc;
}

mg_status mg_bottlenecks_find(const mg_org *org, mg_bottlenecks **out, mg_error *err)
{
    if (!org || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_bottlenecks_find: NULL argument");
    return mg_bottlenecks_sample(org, org->m->n_roles <= MG_BETWEENNESS_EXACT_ROLES
                                          ? 0
                                          : MG_BETWEENNESS_DEFAULT_SAMPLE,
                                 1, out, err);
}

/*
 * Betweenness (Brandes 2001): one Dijkstra per source counting cheapest
 * chains, then dependencies summed back in reverse settled order. O(V E +
 * V^2 log V) time exactly, O(k (E + V log V)) from a sample of k sources;
 * O(V + E) memory, plus the pairs when listed (at most
 * MGI_PAIRS_MAX_ROLES roles, all sources: O(V^3) pairs at worst).
 */
mg_status mg_bottlenecks_sample(const mg_org *org, size_t sample, unsigned long long seed,
                                mg_bottlenecks **out, mg_error *err)
{
    const mgi_model *m;
    mgi_arcs a = { 0 };
    double *score = NULL;
    pair_list *pairs = NULL;
    mg_bottlenecks *res = NULL;
    mgi_id *sources = NULL;
    size_t n, n_sources, v;
    mg_status st = MG_ENOMEM;
    int listed;

    if (!org || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_bottlenecks_sample: NULL argument");
    if (mgi_org_frozen(org, err) != MG_OK)
        return MG_EINTERNAL;
    m = org->m;
    n = m->n_roles;
    n_sources = sample && sample < n ? sample : n;
    listed = n <= MGI_PAIRS_MAX_ROLES && n_sources == n;
    score = calloc(n + 1, sizeof *score);
    pairs = calloc(n + 1, sizeof *pairs);
    res = calloc(1, sizeof *res);
    if (!score || !pairs || !res || mgi_arcs_build(&a, m) < 0 ||
        !(sources = pick_sources(n, n_sources, seed)) ||
        betweenness(&a, sources, n_sources, score, listed ? pairs : NULL) < 0)
        goto out;
    res->pairs_listed = listed;
    res->sources = n_sources;
    res->seed = seed;
    if (rank_roles(res, m, score, pairs) < 0)
        goto out;
    *out = res;
    res = NULL;
    st = MG_OK;
out:
    if (pairs)
        for (v = 0; v < n; v++) {
            free(pairs[v].from);
            free(pairs[v].to);
        }
    free(pairs);
    free(score);
    free(sources);
    mgi_arcs_free(&a);
    mg_bottlenecks_free(res);
    return st == MG_OK ? MG_OK : mgi_nomem(err);
}

size_t mg_bottlenecks_sources(const mg_bottlenecks *b)
{
    return b ? b->sources : 0;
}

size_t mg_bottlenecks_count(const mg_bottlenecks *b)
{
    return b ? b->n : 0;
}

const char *mg_bottleneck_role(const mg_bottlenecks *b, size_t i)
{
    return b && i < b->n ? b->role[i] : NULL;
}

double mg_bottleneck_betweenness(const mg_bottlenecks *b, size_t i)
{
    return b && i < b->n ? b->betweenness[i] : -1;
}

size_t mg_bottleneck_pair_count(const mg_bottlenecks *b, size_t i)
{
    return b && i < b->n ? b->n_pairs[i] : 0;
}

size_t mg_bottleneck_pair_total(const mg_bottlenecks *b, size_t i)
{
    return b && i < b->n ? b->pairs_total[i] : 0;
}

const char *mg_bottleneck_pair_from(const mg_bottlenecks *b, size_t i, size_t j)
{
    return b && i < b->n && j < b->n_pairs[i] ? b->pair_from[i][j] : NULL;
}

const char *mg_bottleneck_pair_to(const mg_bottlenecks *b, size_t i, size_t j)
{
    return b && i < b->n && j < b->n_pairs[i] ? b->pair_to[i][j] : NULL;
}
