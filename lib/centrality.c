/*
 * centrality.c - bottlenecks: betweenness centrality of roles on the
 * directed, weighted collaboration graph (Brandes 2001), and for each role
 * the pairs of roles whose cheapest chains run through it.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

/* Listing pairs costs O(V^2) per source in the worst case: beyond this many
 * roles only the scores are computed. */
#define PAIRS_MAX_ROLES 300

typedef struct pair_list {
    mgi_id *from, *to;
    size_t n, cap_from, cap_to;
} pair_list;

struct mg_bottlenecks {
    size_t n;
    char **role;          /* ranked */
    double *betweenness;
    char ***pair_from, ***pair_to;
    size_t *n_pairs;
    int pairs_listed;     /* 0 when the organisation was too large or sampled */
    size_t sources;       /* sources of the search: every role, or a sample */
    unsigned long long seed;
};

typedef struct heap_item {
    double cost;
    mgi_id role;
} heap_item;

typedef struct brandes {
    size_t n;
    double *dist, *sigma, *delta;
    mgi_id *order; /* roles in the order they were settled */
    size_t n_order;
    size_t *pred_off, *pred_n; /* predecessors of v: preds[pred_off[v] .. + pred_n[v]) */
    mgi_id *preds;
    unsigned char *done;
    heap_item *heap; /* room for one entry per arc, and the source */
    size_t n_heap;
} brandes;

static int heap_less(const heap_item *x, const heap_item *y)
{
    return x->cost < y->cost || (x->cost == y->cost && x->role < y->role);
}

static void heap_push(brandes *b, double cost, mgi_id role)
{
    size_t i = b->n_heap++;

    while (i > 0) {
        size_t parent = (i - 1) / 2;
        heap_item item = { cost, role };

        if (!heap_less(&item, &b->heap[parent]))
            break;
        b->heap[i] = b->heap[parent];
        i = parent;
    }
    b->heap[i].cost = cost;
    b->heap[i].role = role;
}

static heap_item heap_pop(brandes *b)
{
    heap_item top = b->heap[0], last = b->heap[--b->n_heap];
    size_t i = 0, n = b->n_heap;

    for (;;) {
        size_t c = 2 * i + 1;

        if (c >= n)
            break;
        if (c + 1 < n && heap_less(&b->heap[c + 1], &b->heap[c]))
            c++;
        if (!heap_less(&b->heap[c], &last))
            break;
        b->heap[i] = b->heap[c];
        i = c;
    }
    if (n)
        b->heap[i] = last;
    return top;
}

/* One source of Brandes' algorithm: Dijkstra that keeps every cheapest
 * predecessor and counts cheapest chains (sigma). Roles are settled in
 * order of (cost, id), so equal-cost choices are deterministic. Expects
 * every role unreached (dist INFINITY, sigma 0, no predecessors, not done);
 * reset() puts back the roles this source reached. */
static void single_source(const mgi_arcs *a, mgi_id s, brandes *b)
{
    size_t k;

    b->dist[s] = 0;
    b->sigma[s] = 1;
    b->n_order = 0;
    b->n_heap = 0;
    heap_push(b, 0, s);
    while (b->n_heap) {
        heap_item top = heap_pop(b);
        mgi_id u = top.role;

        if (b->done[u] || top.cost != b->dist[u])
            continue; /* settled already, or a stale entry */
        b->done[u] = 1;
        b->order[b->n_order++] = u;
        for (k = a->off[u]; k < a->off[u + 1]; k++) {
            mgi_id w = a->to[k];
            double d = b->dist[u] + a->weight[k];

            if (b->done[w])
                continue;
            if (!isinf(b->dist[w]) && mgi_cost_equal(d, b->dist[w])) {
                size_t j;
                int seen = 0;

                for (j = 0; j < b->pred_n[w]; j++)
                    seen |= b->preds[b->pred_off[w] + j] == u;
                if (!seen) { /* parallel arcs are one handoff step */
                    b->sigma[w] += b->sigma[u];
                    b->preds[b->pred_off[w] + b->pred_n[w]++] = u;
                }
            } else if (d < b->dist[w]) {
                b->dist[w] = d;
                b->sigma[w] = b->sigma[u];
                b->pred_n[w] = 1;
                b->preds[b->pred_off[w]] = u;
                heap_push(b, d, w);
            }
        }
    }
}

/* Every role a source reached was settled: put them back as unreached. */
static void reset(brandes *b)
{
    size_t i;

    for (i = 0; i < b->n_order; i++) {
        mgi_id v = b->order[i];

        b->dist[v] = INFINITY;
        b->sigma[v] = 0;
        b->delta[v] = 0;
        b->pred_n[v] = 0;
        b->done[v] = 0;
    }
}

static int pair_add(pair_list *l, mgi_id s, mgi_id t)
{
    if (mgi_grow(&l->from, &l->cap_from, l->n + 1, sizeof *l->from) < 0 ||
        mgi_grow(&l->to, &l->cap_to, l->n + 1, sizeof *l->to) < 0)
        return -1;
    l->from[l->n] = s;
    l->to[l->n] = t;
    l->n++;
    return 0;
}

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
    free(b);
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

mg_status mg_bottlenecks_sample(const mg_org *org, size_t sample, unsigned long long seed,
                                mg_bottlenecks **out, mg_error *err)
{
    const mgi_model *m;
    mgi_arcs a = { 0 };
    brandes br = { 0 };
    double *score = NULL;
    pair_list *pairs = NULL;
    unsigned char *on_path = NULL;
    ranked *rank = NULL;
    mg_bottlenecks *res = NULL;
    mgi_id *sources = NULL;
    size_t n, n_sources, si, v, i, j;
    mg_status st = MG_ENOMEM;
    mgi_rng rng;
    int list_pairs;

    if (!org || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_bottlenecks_sample: NULL argument");
    m = org->m;
    n = m->n_roles;
    n_sources = sample && sample < n ? sample : n;
    list_pairs = n <= PAIRS_MAX_ROLES && n_sources == n;
    if (mgi_arcs_build(&a, m) < 0)
        goto nomem;
    br.n = n;
    br.dist = malloc((n + 1) * sizeof *br.dist);
    br.sigma = malloc((n + 1) * sizeof *br.sigma);
    br.delta = malloc((n + 1) * sizeof *br.delta);
    br.order = malloc((n + 1) * sizeof *br.order);
    br.pred_off = malloc((n + 1) * sizeof *br.pred_off);
    br.pred_n = malloc((n + 1) * sizeof *br.pred_n);
    br.preds = malloc((a.off[n] + 1) * sizeof *br.preds);
    br.done = calloc(n + 1, 1);
    br.heap = malloc((a.off[n] + 1) * sizeof *br.heap);
    sources = malloc((n + 1) * sizeof *sources);
    score = calloc(n + 1, sizeof *score);
    on_path = malloc(n + 1);
    pairs = calloc(n + 1, sizeof *pairs);
    if (!br.dist || !br.sigma || !br.delta || !br.order || !br.pred_off || !br.pred_n ||
        !br.preds || !br.done || !br.heap || !sources || !score || !on_path || !pairs)
        goto nomem;
    for (v = 0; v < n; v++) {
        br.dist[v] = INFINITY;
        br.sigma[v] = 0;
        br.delta[v] = 0;
        br.pred_n[v] = 0;
        sources[v] = (mgi_id)v;
    }
    /* sampled: the first n_sources of a seeded shuffle (Fisher-Yates), in id order */
    rng.state = seed;
    for (i = 0; n_sources < n && i < n_sources; i++) {
        size_t r = i + mgi_rng_below(&rng, n - i);
        mgi_id t = sources[i];

        sources[i] = sources[r];
        sources[r] = t;
    }
    mgi_qsort(sources, n_sources, sizeof *sources, mgi_id_cmp);
    /* room for every in-arc of v as a predecessor */
    for (v = 0; v <= n; v++)
        br.pred_off[v] = 0;
    for (v = 0; v < a.off[n]; v++)
        br.pred_off[a.to[v] + 1]++;
    for (v = 0; v < n; v++)
        br.pred_off[v + 1] += br.pred_off[v];

    for (si = 0; si < n_sources; si++) {
        mgi_id s = sources[si];

        if (si % 16 == 0)
            mgi_progress("betweenness", si, n_sources);
        single_source(&a, s, &br);
        /* accumulate dependencies in reverse settled order */
        for (i = br.n_order; i-- > 0;) {
            mgi_id w = br.order[i];

            for (j = 0; j < br.pred_n[w]; j++) {
                mgi_id u = br.preds[br.pred_off[w] + j];

                br.delta[u] += br.sigma[u] / br.sigma[w] * (1 + br.delta[w]);
            }
            if (w != s)
                score[w] += br.delta[w];
        }
        if (!list_pairs) {
            reset(&br);
            continue;
        }
        /* for each target t, the roles on some cheapest s -> t chain */
        for (i = 1; i < br.n_order; i++) {
            mgi_id t = br.order[i];
            size_t x;

            memset(on_path, 0, n);
            on_path[t] = 1;
            /* walk predecessors back from t: the order array is settled order,
             * so a reverse scan from t visits every predecessor after its child */
            for (x = i + 1; x-- > 0;) {
                mgi_id w = br.order[x];

                if (!on_path[w])
                    continue;
                for (j = 0; j < br.pred_n[w]; j++)
                    on_path[br.preds[br.pred_off[w] + j]] = 1;
                if (w != t && w != s && pair_add(&pairs[w], s, t) < 0)
                    goto nomem;
            }
        }
        reset(&br);
    }

    rank = malloc((n + 1) * sizeof *rank);
    res = calloc(1, sizeof *res);
    if (!rank || !res)
        goto nomem;
    for (v = 0; v < n; v++) {
        rank[v].role = (mgi_id)v;
        /* a sample of k sources estimates the whole by scaling (Brandes and Pich 2007) */
        rank[v].score = n_sources == n ? score[v] : score[v] * (double)n / (double)n_sources;
    }
    mgi_qsort(rank, n, sizeof *rank, ranked_cmp);
    res->pairs_listed = list_pairs;
    res->sources = n_sources;
    res->seed = seed;
    res->role = calloc(n + 1, sizeof *res->role);
    res->betweenness = calloc(n + 1, sizeof *res->betweenness);
    res->pair_from = calloc(n + 1, sizeof *res->pair_from);
    res->pair_to = calloc(n + 1, sizeof *res->pair_to);
    res->n_pairs = calloc(n + 1, sizeof *res->n_pairs);
    if (!res->role || !res->betweenness || !res->pair_from || !res->pair_to || !res->n_pairs)
        goto nomem;
    for (i = 0; i < n; i++) {
        mgi_id r = rank[i].role;
        pair_list *pl = &pairs[r];

        res->n = i + 1;
        res->betweenness[i] = rank[i].score;
        if (!(res->role[i] = mgi_strdup(m->roles[r].name)))
            goto nomem;
        res->pair_from[i] = calloc(pl->n + 1, sizeof(char *));
        res->pair_to[i] = calloc(pl->n + 1, sizeof(char *));
        if (!res->pair_from[i] || !res->pair_to[i])
            goto nomem;
        for (j = 0; j < pl->n; j++) {
            res->n_pairs[i] = j + 1;
            if (!(res->pair_from[i][j] = mgi_strdup(m->roles[pl->from[j]].name)) ||
                !(res->pair_to[i][j] = mgi_strdup(m->roles[pl->to[j]].name)))
                goto nomem;
        }
    }
    *out = res;
    res = NULL;
    st = MG_OK;
nomem: /* and the way out on success, with st == MG_OK */
    if (pairs)
        for (v = 0; v < n; v++) {
            free(pairs[v].from);
            free(pairs[v].to);
        }
    free(pairs);
    free(rank);
    free(score);
    free(on_path);
    free(br.dist);
    free(br.sigma);
    free(br.delta);
    free(br.order);
    free(br.pred_off);
    free(br.pred_n);
    free(br.preds);
    free(br.done);
    free(br.heap);
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

const char *mg_bottleneck_pair_from(const mg_bottlenecks *b, size_t i, size_t j)
{
    return b && i < b->n && j < b->n_pairs[i] ? b->pair_from[i][j] : NULL;
}

const char *mg_bottleneck_pair_to(const mg_bottlenecks *b, size_t i, size_t j)
{
    return b && i < b->n && j < b->n_pairs[i] ? b->pair_to[i][j] : NULL;
}

static mg_status bottlenecks_json(const mg_bottlenecks *b, char **out, mg_error *err)
{
    mgi_buf buf = { 0 };
    size_t i, j;
    int ok = mgi_buf_printf(&buf,
                            "{\"version\": %d, \"sampled\": %s, \"sources\": %zu, "
                            "\"pairs_listed\": %s, \"roles\": [",
                            MGI_JSON_VERSION, b->sources < b->n ? "true" : "false", b->sources,
                            b->pairs_listed ? "true" : "false") == 0;

    for (i = 0; ok && i < b->n; i++) {
        ok = mgi_buf_puts(&buf, i ? ", {\"role\": " : "{\"role\": ") == 0 &&
             mgi_json_string(&buf, b->role[i]) == 0 &&
             mgi_buf_printf(&buf, ", \"betweenness\": %.17g, \"pairs\": [", b->betweenness[i]) == 0;
        for (j = 0; ok && j < b->n_pairs[i]; j++)
            ok = mgi_buf_puts(&buf, j ? ", [" : "[") == 0 &&
                 mgi_json_string(&buf, b->pair_from[i][j]) == 0 &&
                 mgi_buf_puts(&buf, ", ") == 0 && mgi_json_string(&buf, b->pair_to[i][j]) == 0 &&
                 mgi_buf_putc(&buf, ']') == 0;
        ok = ok && mgi_buf_puts(&buf, "]}") == 0;
    }
    ok = ok && mgi_buf_puts(&buf, "]}\n") == 0;
    if (!ok || !(*out = mgi_buf_steal(&buf))) {
        mgi_buf_free(&buf);
        return mgi_nomem(err);
    }
    return MG_OK;
}

mg_status mg_bottlenecks_format(const mg_bottlenecks *b, mg_format format, char **out,
                                mg_error *err)
{
    static const char *const header[] = { "rank", "role", "betweenness", "pairs", "chains through it" };
    mgi_doc d = { 0 };
    mgi_buf cell = { 0 };
    size_t i, j;
    mg_status st;

    if (!b || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_bottlenecks_format: NULL argument");
    if (format == MG_FORMAT_JSON)
        return bottlenecks_json(b, out, err);
    mgi_doc_heading(&d, "Bottlenecks");
    mgi_doc_text(&d, "Roles ranked by betweenness: for every ordered pair of other roles, the "
                     "share of cheapest handoff chains that pass through the role, summed.");
    mgi_doc_table(&d, 5, header);
    for (i = 0; i < b->n; i++) {
        char rank[32], score[64], npairs[32];
        const char *row[5];

        snprintf(rank, sizeof rank, "%zu", i + 1);
        snprintf(score, sizeof score, "%.4g", b->betweenness[i]);
        snprintf(npairs, sizeof npairs, "%zu", b->n_pairs[i]);
        mgi_buf_clear(&cell);
        /* people get the first few pairs; CSV, for programs, all of them */
        for (j = 0; j < b->n_pairs[i] && (j < 6 || format == MG_FORMAT_CSV); j++)
            mgi_buf_printf(&cell, "%s%s -> %s", j ? "; " : "", b->pair_from[i][j],
                           b->pair_to[i][j]);
        if (b->n_pairs[i] > 6 && format != MG_FORMAT_CSV)
            mgi_buf_printf(&cell, "; and %zu more", b->n_pairs[i] - 6);
        row[0] = rank;
        row[1] = b->role[i];
        row[2] = score;
        row[3] = b->pairs_listed ? npairs : "";
        row[4] = cell.data ? cell.data : "";
        mgi_doc_row(&d, row);
    }
    if (b->sources < b->n)
        mgi_doc_text(&d,
                     "Estimated from a sample of %zu of the %zu roles as sources (seed %llu), "
                     "scaled up: scores are approximate (with 256 sources, about 10%% off for "
                     "the leading roles) and close ranks may swap. --sample 0 computes it "
                     "exactly.",
                     b->sources, b->n, b->seed);
    else if (!b->pairs_listed)
        mgi_doc_text(&d, "The organisation has more than %d roles: pairs are not listed.",
                     PAIRS_MAX_ROLES);
    st = mgi_doc_render(&d, format, out, err);
    mgi_doc_free(&d);
    mgi_buf_free(&cell);
    return st;
}
