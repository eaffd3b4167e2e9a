/*
 * paths.c - handoff chains: Dijkstra (cheapest chain), Yen's k cheapest
 * loopless chains, and the all-pairs cost matrix.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis.h"

/* ---- Shared helpers ---------------------------------------------------------- */

int mgi_cost_equal(double a, double b)
{
    double scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);

    return fabs(a - b) <= 1e-9 * (scale > 1 ? scale : 1);
}

void mgi_cost_string(char *out, size_t size, double cost)
{
    snprintf(out, size, "%g", cost);
}

int mgi_strs_add(mgi_strs *s, const char *text)
{
    char *copy;

    if (mgi_grow(&s->items, &s->cap, s->n + 1, sizeof *s->items) < 0 || !(copy = mgi_strdup(text)))
        return -1;
    s->items[s->n++] = copy;
    return 0;
}

void mgi_strs_free(mgi_strs *s)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        free(s->items[i]);
    free(s->items);
    memset(s, 0, sizeof *s);
}

int mgi_join_names(mgi_buf *out, char *const *names, size_t n, size_t max)
{
    size_t i, shown = n > max ? max : n;

    for (i = 0; i < shown; i++) {
        const char *sep = i == 0 ? "" : (i + 1 == shown && shown == n) ? " and " : ", ";

        if (mgi_buf_puts(out, sep) < 0 || mgi_buf_puts(out, names[i]) < 0)
            return -1;
    }
    if (shown < n)
        return mgi_buf_printf(out, " and %zu more", n - shown);
    return mgi_buf_reserve(out, 0);
}

int mgi_json_strings_buf(mgi_buf *b, char *const *items, size_t n)
{
    size_t i;

    if (mgi_buf_putc(b, '[') < 0)
        return -1;
    for (i = 0; i < n; i++)
        if ((i && mgi_buf_puts(b, ", ") < 0) || mgi_json_string(b, items[i]) < 0)
            return -1;
    return mgi_buf_putc(b, ']');
}

/* ---- Dijkstra ------------------------------------------------------------------ */

typedef struct heap_item {
    double dist;
    mgi_id node;
} heap_item;

static int before(const heap_item *x, const heap_item *y)
{
    return x->dist < y->dist || (x->dist == y->dist && x->node < y->node);
}

static void heap_push(heap_item *h, size_t *n, heap_item it)
{
    size_t i = (*n)++;

    while (i && before(&it, &h[(i - 1) / 2])) {
        h[i] = h[(i - 1) / 2];
        i = (i - 1) / 2;
    }
    h[i] = it;
}

static heap_item heap_pop(heap_item *h, size_t *n)
{
    heap_item top = h[0], last = h[--*n];
    size_t i = 0;

    for (;;) {
        size_t c = 2 * i + 1;

        if (c >= *n)
            break;
        if (c + 1 < *n && before(&h[c + 1], &h[c]))
            c++;
        if (!before(&h[c], &last))
            break;
        h[i] = h[c];
        i = c;
    }
    if (*n)
        h[i] = last;
    return top;
}

int mgi_dijkstra(const mgi_arcs *a, mgi_id s, const unsigned char *banned_node, mgi_id ban_from,
                 const unsigned char *banned_to, mgi_id target, double limit, double *dist,
                 size_t *pred)
{
    size_t n = a->n_nodes, v, hn = 0;
    size_t cap = a->off[n] + 1;
    heap_item *heap = malloc(cap * sizeof *heap);
    unsigned char *done = calloc(n + 1, 1);

    if (!heap || !done) {
        free(heap);
        free(done);
        return -1;
    }
    for (v = 0; v < n; v++) {
        dist[v] = INFINITY;
        pred[v] = MGI_NO_ARC;
    }
    dist[s] = 0;
    heap_push(heap, &hn, (heap_item){ 0, s });
    while (hn) {
        heap_item it = heap_pop(heap, &hn);
        size_t k;

        if (done[it.node])
            continue;
        if (it.dist > limit && !mgi_cost_equal(it.dist, limit))
            break; /* everything within the limit is settled */
        done[it.node] = 1;
        if (it.node == target)
            break;
        for (k = a->off[it.node]; k < a->off[it.node + 1]; k++) {
            mgi_id w = a->to[k];
            double d = it.dist + a->weight[k];

            if (done[w] || (banned_node && banned_node[w]) ||
                (it.node == ban_from && banned_to && banned_to[w]))
                continue;
            if (d < dist[w]) {
                dist[w] = d;
                pred[w] = k;
                heap_push(heap, &hn, (heap_item){ d, w }); /* at most one push per arc */
            }
        }
    }
    free(heap);
    free(done);
    return 0;
}

/* ---- k cheapest chains ----------------------------------------------------------- */

typedef struct chain {
    size_t *arcs;
    size_t n;
    double cost;
} chain;

typedef struct chain_list {
    chain *items;
    size_t n, cap;
} chain_list;

struct mg_paths {
    char *from, *to;
    size_t k;
    size_t n;
    double *cost;
    size_t *n_steps;
    /* per path, per step: from, to, handoff (owned), cost */
    char ***step_from, ***step_to, ***step_handoff;
    double **step_cost;
    char *from_component, *to_component; /* when there is no chain */
    int same_component; /* ...although the two are joined, ignoring direction */
};

static mgi_id chain_node(const mgi_arcs *a, const size_t *from_of, const chain *c, size_t i)
{
    return i < c->n ? (mgi_id)from_of[c->arcs[i]] : a->to[c->arcs[c->n - 1]];
}

/* Orders chains by cost, then by their sequence of role ids. */
static int chain_before(const mgi_arcs *a, const size_t *from_of, const chain *x, const chain *y)
{
    size_t i;

    if (!mgi_cost_equal(x->cost, y->cost))
        return x->cost < y->cost;
    for (i = 0; i <= x->n && i <= y->n; i++) {
        mgi_id p = chain_node(a, from_of, x, i), q = chain_node(a, from_of, y, i);

        if (p != q)
            return p < q;
    }
    return x->n < y->n;
}

static int same_nodes(const mgi_arcs *a, const size_t *from_of, const chain *x, const chain *y)
{
    size_t i;

    if (x->n != y->n)
        return 0;
    for (i = 0; i <= x->n; i++)
        if (chain_node(a, from_of, x, i) != chain_node(a, from_of, y, i))
            return 0;
    return 1;
}

static void chains_free(chain_list *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->items[i].arcs);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* The same arcs reversed: ra has an arc v -> u for every arc u -> v of a. */
static int arcs_reverse(const mgi_arcs *a, mgi_arcs *ra)
{
    size_t n = a->n_nodes, m = a->off[n], u, k, *fill;

    memset(ra, 0, sizeof *ra);
    ra->n_nodes = n;
    ra->off = calloc(n + 1, sizeof *ra->off);
    ra->to = malloc((m + 1) * sizeof *ra->to);
    ra->weight = malloc((m + 1) * sizeof *ra->weight);
    ra->collab = malloc((m + 1) * sizeof *ra->collab);
    fill = malloc((n + 1) * sizeof *fill);
    if (!ra->off || !ra->to || !ra->weight || !ra->collab || !fill) {
        free(fill);
        mgi_arcs_free(ra);
        return -1;
    }
    for (k = 0; k < m; k++)
        ra->off[a->to[k] + 1]++;
    for (u = 0; u < n; u++)
        ra->off[u + 1] += ra->off[u];
    memcpy(fill, ra->off, (n + 1) * sizeof *fill);
    /* sources in increasing order, so each reversed row is sorted too */
    for (u = 0; u < n; u++)
        for (k = a->off[u]; k < a->off[u + 1]; k++) {
            size_t at = fill[a->to[k]]++;

            ra->to[at] = (mgi_id)u;
            ra->weight[at] = a->weight[k];
            ra->collab[at] = a->collab[k];
        }
    free(fill);
    return 0;
}

typedef struct search {
    const mgi_arcs *a, *ra;
    double *ds, *dt;
    size_t *pred;
    unsigned char *banned; /* roles the chain may not enter */
} search;

/*
 * Of all cheapest chains from s to t that avoid the banned roles and, out of
 * s, the roles in banned_to, the one whose sequence of role ids is smallest:
 * costs from s (forward) and to t (backward) mark the arcs that lie on some
 * cheapest chain; walking from s, always take the lowest role among them.
 * Weights are positive, so a cheapest chain never comes back to s, and
 * keeping s out of the backward search changes no choice. Returns 1 with
 * the chain in *c, 0 when t cannot be reached, -1 when out of memory.
 */
static int lowest_cheapest(search *x, mgi_id s, mgi_id t, const unsigned char *banned_to, chain *c)
{
    const mgi_arcs *a = x->a;
    size_t n = 0, cap = 8;
    double total, walked = 0;
    mgi_id u = s;
    int was_banned = x->banned[s];

    if (mgi_dijkstra(a, s, x->banned, s, banned_to, t, INFINITY, x->ds, x->pred) < 0)
        return -1;
    if (isinf(x->ds[t]))
        return 0;
    x->banned[s] = 1;
    /* only roles on some cheapest chain matter: costs to t up to ds[t] */
    if (mgi_dijkstra(x->ra, t, x->banned, MGI_NONE, NULL, MGI_NONE, x->ds[t], x->dt, x->pred) < 0) {
        x->banned[s] = (unsigned char)was_banned;
        return -1;
    }
    x->banned[s] = (unsigned char)was_banned;
    total = x->ds[t];
    c->arcs = malloc(cap * sizeof *c->arcs);
    if (!c->arcs)
        return -1;
    while (u != t) {
        size_t k, best = MGI_NO_ARC;

        for (k = a->off[u]; k < a->off[u + 1]; k++) {
            mgi_id v = a->to[k];

            if (x->banned[v] || v == s || (u == s && banned_to && banned_to[v]) ||
                isinf(x->dt[v]) || !mgi_cost_equal(walked + a->weight[k] + x->dt[v], total))
                continue;
            /* arcs are sorted by target: the first fitting one is the lowest
             * role; among parallel arcs to it, the cheapest */
            if (best == MGI_NO_ARC || (a->to[best] == v && a->weight[k] < a->weight[best]))
                best = k;
            else if (a->to[best] != v)
                break;
        }
        if (best == MGI_NO_ARC) { /* cannot happen with exact costs: be safe */
            free(c->arcs);
            c->arcs = NULL;
            return 0;
        }
        if (n == cap) {
            size_t *grown = realloc(c->arcs, 2 * cap * sizeof *grown);

            if (!grown) {
                free(c->arcs);
                c->arcs = NULL;
                return -1;
            }
            c->arcs = grown;
            cap *= 2;
        }
        c->arcs[n++] = best;
        walked += a->weight[best];
        u = a->to[best];
    }
    c->n = n;
    c->cost = walked;
    return 1;
}

/* Yen (1971): the k cheapest loopless chains from s to t, in order of cost
 * and then of their role sequences. */
static int yen(const mgi_arcs *a, const size_t *from_of, mgi_id s, mgi_id t, size_t k,
               chain_list *found)
{
    size_t n = a->n_nodes;
    mgi_arcs ra = { 0 };
    search x;
    unsigned char *banned_to = calloc(n + 1, 1);
    chain_list cand = { 0 };
    chain first;
    int rc = -1, got;

    x.a = a;
    x.ra = &ra;
    x.ds = malloc((n + 1) * sizeof *x.ds);
    x.dt = malloc((n + 1) * sizeof *x.dt);
    x.pred = malloc((n + 1) * sizeof *x.pred);
    x.banned = calloc(n + 1, 1);
    if (!x.ds || !x.dt || !x.pred || !x.banned || !banned_to || arcs_reverse(a, &ra) < 0)
        goto out;
    got = lowest_cheapest(&x, s, t, NULL, &first);
    if (got <= 0) {
        rc = got;
        goto out;
    }
    if (mgi_grow(&found->items, &found->cap, 1, sizeof *found->items) < 0) {
        free(first.arcs);
        goto out;
    }
    found->items[0] = first;
    found->n = 1;
    while (found->n < k) {
        mgi_progress("chains", found->n, k);
        const chain *prev = &found->items[found->n - 1];
        size_t i, j, best;

        for (i = 0; i < prev->n; i++) {
            mgi_id spur = chain_node(a, from_of, prev, i);
            double root_cost = 0;
            chain c;

            memset(x.banned, 0, n);
            memset(banned_to, 0, n);
            /* no chain may leave the root the way a found chain did */
            for (j = 0; j < found->n; j++) {
                const chain *f = &found->items[j];
                size_t y;
                int same = f->n > i;

                for (y = 0; same && y <= i; y++)
                    same = chain_node(a, from_of, f, y) == chain_node(a, from_of, prev, y);
                if (same)
                    banned_to[a->to[f->arcs[i]]] = 1;
            }
            for (j = 0; j < i; j++) {
                x.banned[chain_node(a, from_of, prev, j)] = 1;
                root_cost += a->weight[prev->arcs[j]];
            }
            got = lowest_cheapest(&x, spur, t, banned_to, &c);
            if (got < 0)
                goto out;
            if (got == 0)
                continue;
            {
                size_t *all = malloc((i + c.n) * sizeof *all);
                chain full;
                int dup = 0;

                if (!all) {
                    free(c.arcs);
                    goto out;
                }
                memcpy(all, prev->arcs, i * sizeof *all);
                memcpy(all + i, c.arcs, c.n * sizeof *all);
                full.arcs = all;
                full.n = i + c.n;
                full.cost = root_cost + c.cost;
                free(c.arcs);
                for (j = 0; j < cand.n && !dup; j++)
                    dup = same_nodes(a, from_of, &cand.items[j], &full);
                for (j = 0; j < found->n && !dup; j++)
                    dup = same_nodes(a, from_of, &found->items[j], &full);
                if (dup) {
                    free(all);
                    continue;
                }
                if (mgi_grow(&cand.items, &cand.cap, cand.n + 1, sizeof *cand.items) < 0) {
                    free(all);
                    goto out;
                }
                cand.items[cand.n++] = full;
            }
        }
        if (!cand.n)
            break;
        best = 0;
        for (i = 1; i < cand.n; i++)
            if (chain_before(a, from_of, &cand.items[i], &cand.items[best]))
                best = i;
        if (mgi_grow(&found->items, &found->cap, found->n + 1, sizeof *found->items) < 0)
            goto out;
        found->items[found->n++] = cand.items[best];
        cand.items[best] = cand.items[--cand.n];
    }
    rc = 0;
out:
    chains_free(&cand);
    mgi_arcs_free(&ra);
    free(x.ds);
    free(x.dt);
    free(x.pred);
    free(x.banned);
    free(banned_to);
    return rc;
}

/* from_of[arc] = the role an arc leaves. */
static size_t *arc_sources(const mgi_arcs *a)
{
    size_t *from_of = malloc((a->off[a->n_nodes] + 1) * sizeof *from_of), v, k;

    if (!from_of)
        return NULL;
    for (v = 0; v < a->n_nodes; v++)
        for (k = a->off[v]; k < a->off[v + 1]; k++)
            from_of[k] = v;
    return from_of;
}

void mg_paths_free(mg_paths *p)
{
    size_t i, j;

    if (!p)
        return;
    for (i = 0; i < p->n; i++) {
        for (j = 0; j < p->n_steps[i]; j++) {
            free(p->step_from[i][j]);
            free(p->step_to[i][j]);
            free(p->step_handoff[i][j]);
        }
        free(p->step_from[i]);
        free(p->step_to[i]);
        free(p->step_handoff[i]);
        free(p->step_cost[i]);
    }
    free(p->cost);
    free(p->n_steps);
    free(p->step_from);
    free(p->step_to);
    free(p->step_handoff);
    free(p->step_cost);
    free(p->from);
    free(p->to);
    free(p->from_component);
    free(p->to_component);
    free(p);
}

/* The roles of a component, for "no handoff chain" answers. */
static char *component_text(const mgi_model *m, const mgi_id *comp, mgi_id v)
{
    mgi_buf b = { 0 };
    size_t i, shown = 0, total = 0;

    for (i = 0; i < m->n_roles; i++)
        if (comp[i] == comp[v])
            total++;
    for (i = 0; i < m->n_roles; i++)
        if (comp[i] == comp[v]) {
            if (shown == 5) {
                mgi_buf_printf(&b, " and %zu more", total - shown);
                break;
            }
            mgi_buf_puts(&b, shown ? ", " : "");
            mgi_buf_puts(&b, m->roles[i].name);
            shown++;
        }
    return mgi_buf_steal(&b);
}

mg_status mg_paths_find(const mg_org *org, const char *from, const char *to, size_t k,
                        mg_paths **out, mg_error *err)
{
    const mgi_model *m;
    mgi_arcs arcs = { 0 };
    chain_list found = { 0 };
    size_t *from_of = NULL, s, t, i, j;
    mg_paths *p = NULL;
    mg_status st;

    if (!org || !from || !to || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_paths_find: NULL argument");
    if (k == 0)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "the number of chains must be at least 1");
    if ((st = mg_org_find_role(org, from, &s, err)) != MG_OK ||
        (st = mg_org_find_role(org, to, &t, err)) != MG_OK)
        return st;
    m = org->m;
    st = MG_ENOMEM;
    if (mgi_arcs_build(&arcs, m) < 0 || !(from_of = arc_sources(&arcs)))
        goto out;
    if (!(p = calloc(1, sizeof *p)) || !(p->from = mgi_strdup(m->roles[s].name)) ||
        !(p->to = mgi_strdup(m->roles[t].name)))
        goto out;
    p->k = k;
    if (s != t && yen(&arcs, from_of, (mgi_id)s, (mgi_id)t, k, &found) < 0)
        goto out;
    if (!found.n && s != t) {
        mgi_undirected u;
        mgi_id *comp = malloc((m->n_roles + 1) * sizeof *comp);
        int ok = comp && mgi_undirected_build(&u, m) == 0;

        ok = ok && mgi_components(&u, comp) != (size_t)-1;
        if (ok) {
            p->same_component = comp[s] == comp[t];
            p->from_component = component_text(m, comp, (mgi_id)s);
            p->to_component = component_text(m, comp, (mgi_id)t);
            ok = p->from_component && p->to_component;
        }
        mgi_undirected_free(&u);
        free(comp);
        if (!ok)
            goto out;
    }
    p->cost = calloc(found.n + 1, sizeof *p->cost);
    p->n_steps = calloc(found.n + 1, sizeof *p->n_steps);
    p->step_from = calloc(found.n + 1, sizeof *p->step_from);
    p->step_to = calloc(found.n + 1, sizeof *p->step_to);
    p->step_handoff = calloc(found.n + 1, sizeof *p->step_handoff);
    p->step_cost = calloc(found.n + 1, sizeof *p->step_cost);
    if (!p->cost || !p->n_steps || !p->step_from || !p->step_to || !p->step_handoff ||
        !p->step_cost)
        goto out;
    for (i = 0; i < found.n; i++) {
        const chain *c = &found.items[i];

        p->n++;
        p->cost[i] = c->cost;
        p->step_from[i] = calloc(c->n + 1, sizeof(char *));
        p->step_to[i] = calloc(c->n + 1, sizeof(char *));
        p->step_handoff[i] = calloc(c->n + 1, sizeof(char *));
        p->step_cost[i] = calloc(c->n + 1, sizeof(double));
        if (!p->step_from[i] || !p->step_to[i] || !p->step_handoff[i] || !p->step_cost[i])
            goto out;
        for (j = 0; j < c->n; j++) {
            size_t arc = c->arcs[j];
            const mgi_collab *col = &m->collabs[arcs.collab[arc]];

            p->n_steps[i]++;
            p->step_cost[i][j] = arcs.weight[arc];
            if (!(p->step_from[i][j] = mgi_strdup(m->roles[from_of[arc]].name)) ||
                !(p->step_to[i][j] = mgi_strdup(m->roles[arcs.to[arc]].name)) ||
                !(p->step_handoff[i][j] = mgi_strdup(col->handoff ? col->handoff : "")))
                goto out;
        }
    }
    *out = p;
    p = NULL;
    st = MG_OK;
out:
    if (st == MG_ENOMEM)
        mgi_nomem(err);
    mg_paths_free(p);
    chains_free(&found);
    free(from_of);
    mgi_arcs_free(&arcs);
    return st;
}

const char *mg_paths_from(const mg_paths *p)
{
    return p ? p->from : NULL;
}

const char *mg_paths_to(const mg_paths *p)
{
    return p ? p->to : NULL;
}

size_t mg_paths_count(const mg_paths *p)
{
    return p ? p->n : 0;
}

double mg_path_cost(const mg_paths *p, size_t i)
{
    return p && i < p->n ? p->cost[i] : -1;
}

size_t mg_path_steps(const mg_paths *p, size_t i)
{
    return p && i < p->n ? p->n_steps[i] : 0;
}

#define STEP_OK(p, i, s) ((p) && (i) < (p)->n && (s) < (p)->n_steps[i])

const char *mg_path_step_from(const mg_paths *p, size_t i, size_t step)
{
    return STEP_OK(p, i, step) ? p->step_from[i][step] : NULL;
}

const char *mg_path_step_to(const mg_paths *p, size_t i, size_t step)
{
    return STEP_OK(p, i, step) ? p->step_to[i][step] : NULL;
}

const char *mg_path_step_handoff(const mg_paths *p, size_t i, size_t step)
{
    return STEP_OK(p, i, step) ? p->step_handoff[i][step] : NULL;
}

double mg_path_step_cost(const mg_paths *p, size_t i, size_t step)
{
    return STEP_OK(p, i, step) ? p->step_cost[i][step] : -1;
}

static mg_status paths_json(const mg_paths *p, char **out, mg_error *err)
{
    mgi_buf b = { 0 };
    size_t i, j;
    int ok;

    ok = mgi_buf_printf(&b, "{\"version\": %d, \"from\": ", MGI_JSON_VERSION) == 0 &&
         mgi_json_string(&b, p->from) == 0 && mgi_buf_puts(&b, ", \"to\": ") == 0 &&
         mgi_json_string(&b, p->to) == 0 && mgi_buf_puts(&b, ", \"paths\": [") == 0;
    for (i = 0; ok && i < p->n; i++) {
        ok = mgi_buf_printf(&b, "%s{\"cost\": %.17g, \"steps\": [", i ? ", " : "", p->cost[i]) == 0;
        for (j = 0; ok && j < p->n_steps[i]; j++)
            ok = mgi_buf_puts(&b, j ? ", {\"from\": " : "{\"from\": ") == 0 &&
                 mgi_json_string(&b, p->step_from[i][j]) == 0 &&
                 mgi_buf_puts(&b, ", \"to\": ") == 0 &&
                 mgi_json_string(&b, p->step_to[i][j]) == 0 &&
                 mgi_buf_puts(&b, ", \"handoff\": ") == 0 &&
                 mgi_json_string(&b, p->step_handoff[i][j]) == 0 &&
                 mgi_buf_printf(&b, ", \"cost\": %.17g}", p->step_cost[i][j]) == 0;
        ok = ok && mgi_buf_puts(&b, "]}") == 0;
    }
    ok = ok && mgi_buf_puts(&b, "]") == 0;
    if (ok && p->from_component)
        ok = mgi_buf_printf(&b, ", \"same_component\": %s",
                            p->same_component ? "true" : "false") == 0 &&
             mgi_buf_puts(&b, ", \"from_component\": ") == 0 &&
             mgi_json_string(&b, p->from_component) == 0 &&
             mgi_buf_puts(&b, ", \"to_component\": ") == 0 &&
             mgi_json_string(&b, p->to_component) == 0;
    ok = ok && mgi_buf_puts(&b, "}\n") == 0;
    if (!ok || !(*out = mgi_buf_steal(&b))) {
        mgi_buf_free(&b);
        return mgi_nomem(err);
    }
    return MG_OK;
}

mg_status mg_paths_format(const mg_paths *p, mg_format format, char **out, mg_error *err)
{
    static const char *const header[] = { "chain", "step", "from", "to", "handoff", "cost" };
    mgi_doc d = { 0 };
    mg_status st;
    size_t i, j;

    if (!p || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_paths_format: NULL argument");
    if (format == MG_FORMAT_JSON)
        return paths_json(p, out, err);
    mgi_doc_heading(&d, "Handoff chains");
    if (!p->n) {
        if (strcmp(p->from, p->to) == 0)
            mgi_doc_text(&d, "%s and %s are the same role: no handoff is needed.", p->from, p->to);
        else if (p->same_component)
            mgi_doc_text(&d,
                         "No handoff chain leads from %s to %s: they belong to one part of the "
                         "organisation (%s), but its handoffs do not run that way.",
                         p->from, p->to, p->from_component ? p->from_component : "");
        else
            mgi_doc_text(&d,
                         "No handoff chain leads from %s to %s: they sit in separate parts of "
                         "the organisation. With %s: %s. With %s: %s.",
                         p->from, p->to, p->from, p->from_component ? p->from_component : "",
                         p->to, p->to_component ? p->to_component : "");
    } else {
        mgi_doc_text(&d, "From %s to %s: %zu cheapest chain%s (of at most %zu asked).", p->from,
                     p->to, p->n, p->n == 1 ? "" : "s", p->k);
    }
    if (p->n || format == MG_FORMAT_CSV)
        mgi_doc_table(&d, 6, header);
    for (i = 0; i < p->n; i++)
        for (j = 0; j < p->n_steps[i]; j++) {
            char chain_no[32], step_no[32], cost[64];
            const char *row[6];

            snprintf(chain_no, sizeof chain_no, "%zu", i + 1);
            snprintf(step_no, sizeof step_no, "%zu", j + 1);
            mgi_cost_string(cost, sizeof cost, p->step_cost[i][j]);
            row[0] = chain_no;
            row[1] = step_no;
            row[2] = p->step_from[i][j];
            row[3] = p->step_to[i][j];
            row[4] = p->step_handoff[i][j];
            row[5] = cost;
            mgi_doc_row(&d, row);
        }
    for (i = 0; i < p->n; i++) {
        char cost[64];

        mgi_cost_string(cost, sizeof cost, p->cost[i]);
        mgi_doc_text(&d, "Chain %zu costs %s over %zu handoff%s.", i + 1, cost, p->n_steps[i],
                     p->n_steps[i] == 1 ? "" : "s");
    }
    st = mgi_doc_render(&d, format, out, err);
    mgi_doc_free(&d);
    return st;
}

/* ---- All pairs ------------------------------------------------------------------ */

struct mg_costs {
    size_t n;
    char **names;
    double *cost; /* n * n; negative when unreachable */
};

mg_status mg_costs_find(const mg_org *org, mg_costs **out, mg_error *err)
{
    const mgi_model *m;
    mgi_arcs arcs;
    mg_costs *c;
    double *dist = NULL;
    size_t *pred = NULL, s, t;

    if (!org || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_costs_find: NULL argument");
    m = org->m;
    if (mgi_arcs_build(&arcs, m) < 0)
        return mgi_nomem(err);
    c = calloc(1, sizeof *c);
    dist = malloc((m->n_roles + 1) * sizeof *dist);
    pred = malloc((m->n_roles + 1) * sizeof *pred);
    if (!c || !dist || !pred || m->n_roles > SIZE_MAX / sizeof(double) / (m->n_roles + 1))
        goto nomem;
    c->n = m->n_roles;
    c->names = calloc(c->n + 1, sizeof *c->names);
    c->cost = malloc((c->n * c->n + 1) * sizeof *c->cost);
    if (!c->names || !c->cost)
        goto nomem;
    for (s = 0; s < c->n; s++) {
        if (!(c->names[s] = mgi_strdup(m->roles[s].name)) ||
            mgi_dijkstra(&arcs, (mgi_id)s, NULL, MGI_NONE, NULL, MGI_NONE, INFINITY, dist, pred) < 0)
            goto nomem;
        for (t = 0; t < c->n; t++)
            c->cost[s * c->n + t] = isinf(dist[t]) ? -1 : dist[t];
    }
    free(dist);
    free(pred);
    mgi_arcs_free(&arcs);
    *out = c;
    return MG_OK;
nomem:
    free(dist);
    free(pred);
    mgi_arcs_free(&arcs);
    mg_costs_free(c);
    return mgi_nomem(err);
}

double mg_costs_get(const mg_costs *c, size_t i, size_t j)
{
    return c && i < c->n && j < c->n ? c->cost[i * c->n + j] : -1;
}

void mg_costs_free(mg_costs *c)
{
    size_t i;

    if (!c)
        return;
    for (i = 0; c->names && i < c->n; i++)
        free(c->names[i]);
    free(c->names);
    free(c->cost);
    free(c);
}

static mg_status costs_json(const mg_costs *c, char **out, mg_error *err)
{
    mgi_buf b = { 0 };
    size_t i, j, k = 0;
    int ok;

    ok = mgi_buf_printf(&b, "{\"version\": %d, \"roles\": ", MGI_JSON_VERSION) == 0 &&
         mgi_json_strings_buf(&b, c->names, c->n) == 0 && mgi_buf_puts(&b, ", \"costs\": [") == 0;
    for (i = 0; ok && i < c->n; i++) {
        ok = mgi_buf_puts(&b, i ? ", [" : "[") == 0;
        for (j = 0; ok && j < c->n; j++) {
            double v = c->cost[i * c->n + j];

            ok = (j ? mgi_buf_puts(&b, ", ") : 0) == 0 &&
                 (v < 0 ? mgi_buf_puts(&b, "null") : mgi_buf_printf(&b, "%.17g", v)) == 0;
        }
        ok = ok && mgi_buf_putc(&b, ']') == 0;
    }
    ok = ok && mgi_buf_puts(&b, "], \"unreachable\": [") == 0;
    for (i = 0; ok && i < c->n; i++)
        for (j = 0; ok && j < c->n; j++)
            if (i != j && c->cost[i * c->n + j] < 0)
                ok = mgi_buf_puts(&b, k++ ? ", [" : "[") == 0 &&
                     mgi_json_string(&b, c->names[i]) == 0 && mgi_buf_puts(&b, ", ") == 0 &&
                     mgi_json_string(&b, c->names[j]) == 0 && mgi_buf_putc(&b, ']') == 0;
    ok = ok && mgi_buf_puts(&b, "]}\n") == 0;
    if (!ok || !(*out = mgi_buf_steal(&b))) {
        mgi_buf_free(&b);
        return mgi_nomem(err);
    }
    return MG_OK;
}

mg_status mg_costs_format(const mg_costs *c, mg_format format, char **out, mg_error *err)
{
    mgi_doc d = { 0 };
    const char **row;
    char *cells;
    size_t i, j, unreachable = 0;
    mg_status st;

    if (!c || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_costs_format: NULL argument");
    if (format == MG_FORMAT_JSON)
        return costs_json(c, out, err);
    row = calloc(c->n + 1, sizeof *row);
    cells = malloc((c->n + 1) * 32);
    if (!row || !cells) {
        free(row);
        free(cells);
        return mgi_nomem(err);
    }
    mgi_doc_heading(&d, "Cheapest handoff cost from each role (row) to each role (column)");
    row[0] = "from \\ to";
    for (j = 0; j < c->n; j++)
        row[j + 1] = c->names[j];
    mgi_doc_table(&d, c->n + 1, row);
    for (i = 0; i < c->n; i++) {
        row[0] = c->names[i];
        for (j = 0; j < c->n; j++) {
            double v = c->cost[i * c->n + j];

            if (v < 0)
                strcpy(cells + j * 32, "-");
            else
                mgi_cost_string(cells + j * 32, 32, v);
            row[j + 1] = cells + j * 32;
            unreachable += i != j && v < 0;
        }
        mgi_doc_row(&d, row);
    }
    mgi_doc_heading(&d, "Unreachable pairs");
    if (!unreachable)
        mgi_doc_text(&d, "Every role can reach every other role.");
    else {
        static const char *const h[] = { "from", "to" };

        mgi_doc_text(&d, "%zu ordered pairs have no handoff chain (\"-\" above).", unreachable);
        mgi_doc_table(&d, 2, h);
        for (i = 0; i < c->n; i++)
            for (j = 0; j < c->n; j++)
                if (i != j && c->cost[i * c->n + j] < 0) {
                    const char *pair[2] = { c->names[i], c->names[j] };

                    mgi_doc_row(&d, pair);
                }
    }
    st = mgi_doc_render(&d, format, out, err);
    mgi_doc_free(&d);
    free(row);
    free(cells);
    return st;
}
