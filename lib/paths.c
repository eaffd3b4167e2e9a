/*
 * paths.c - handoff chains: Yen's k cheapest loopless chains between two
 * roles, and the cheapest cost between every pair of roles, both through
 * the one Dijkstra (dijkstra.h). Builds the results only; present_paths.c
 * presents them.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dijkstra.h"
#include "org.h"
#include "paths_result.h"

#define NO_ARC ((size_t)-1)

/* ---- Chains as arcs ------------------------------------------------------------ */

typedef struct chain {
    size_t *arcs;
    size_t n;
    double cost;
} chain;

typedef struct chain_list {
    chain *items;
    size_t n, cap;
} chain_list;

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

/* Appends c (the list takes its arcs). Returns 0, or -1 when out of memory
 * (c still the caller's). */
static int chains_add(chain_list *l, chain c)
{
    if (mgi_grow(&l->items, &l->cap, l->n + 1, sizeof *l->items) < 0)
        return -1;
    l->items[l->n++] = c;
    return 0;
}

static void chains_free(chain_list *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->items[i].arcs);
    free(l->items);
    memset(l, 0, sizeof *l);
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

/* ---- The lowest of the cheapest chains ---------------------------------------- */

/* What Yen's search keeps between spurs. */
typedef struct search {
    const mgi_arcs *a;
    const size_t *from_of;
    mgi_id t;
    mgi_arcs ra;          /* the arcs reversed, for costs to t */
    mgi_dijkstra fwd;     /* costs from the spur role */
    mgi_dijkstra bwd;     /* costs to t */
    unsigned char *banned;    /* roles the chain may not enter */
    unsigned char *banned_to; /* out of the spur role, arcs to these are taken */
} search;

static void search_free(search *x)
{
    mgi_dijkstra_free(&x->fwd);
    mgi_dijkstra_free(&x->bwd);
    mgi_arcs_free(&x->ra);
    free(x->banned);
    free(x->banned_to);
}

static int search_init(search *x, const mgi_arcs *a, const size_t *from_of, mgi_id t)
{
    memset(x, 0, sizeof *x);
    x->a = a;
    x->from_of = from_of;
    x->t = t;
    x->banned = calloc(a->n_nodes + 1, 1);
    x->banned_to = calloc(a->n_nodes + 1, 1);
    if (!x->banned || !x->banned_to || mgi_arcs_reverse(a, &x->ra) < 0 ||
        mgi_dijkstra_init(&x->fwd, a) < 0 || mgi_dijkstra_init(&x->bwd, &x->ra) < 0) {
        search_free(x);
        return -1;
    }
    return 0;
}

/* Costs from s (fwd) and to t (bwd) on chains that avoid the banned roles
 * and, out of s, the roles in banned_to. Weights are positive, so a
 * cheapest chain never comes back to s: keeping s out of the backward
 * search changes no choice, and only roles within ds[t] of t matter.
 * Returns 0 when t cannot be reached, else 1. */
static int cheapest_costs(search *x, mgi_id s, const unsigned char *banned_to)
{
    mgi_dijkstra_opts o;
    int was_banned = x->banned[s];

    mgi_dijkstra_opts_init(&o);
    o.banned = x->banned;
    o.ban_from = s;
    o.banned_to = banned_to;
    o.target = x->t;
    mgi_dijkstra_run(&x->fwd, s, &o);
    if (isinf(x->fwd.dist[x->t]))
        return 0;
    mgi_dijkstra_opts_init(&o);
    o.banned = x->banned;
    o.limit = x->fwd.dist[x->t];
    x->banned[s] = 1;
    mgi_dijkstra_run(&x->bwd, x->t, &o);
    x->banned[s] = (unsigned char)was_banned;
    return 1;
}

/* Of the arcs out of u that lie on a cheapest chain from s (walked so far,
 * total in all), the one to the lowest role; among parallel arcs to it,
 * the cheapest. NO_ARC when none (which exact costs rule out). */
static size_t lowest_arc(const search *x, mgi_id s, mgi_id u, const unsigned char *banned_to,
                         double walked, double total)
{
    const mgi_arcs *a = x->a;
    const double *dt = x->bwd.dist;
    size_t k, best = NO_ARC;

    for (k = a->off[u]; k < a->off[u + 1]; k++) {
        mgi_id v = a->to[k];

        if (x->banned[v] || v == s || (u == s && banned_to && banned_to[v]) || isinf(dt[v]) ||
            !mgi_cost_equal(walked + a->weight[k] + dt[v], total))
            continue;
        /* arcs are sorted by target: the first fitting one is the lowest role */
        if (best == NO_ARC || (a->to[best] == v && a->weight[k] < a->weight[best]))
            best = k;
        else if (a->to[best] != v)
            break;
    }
    return best;
}

/*
 * Of all cheapest chains from s to t that avoid the banned roles and, out of
 * s, the roles in banned_to, the one whose sequence of role ids is smallest:
 * costs from s and to t mark the arcs that lie on some cheapest chain;
 * walking from s, always take the lowest role among them. Returns 1 with
 * the chain in *c, 0 when t cannot be reached, -1 when out of memory.
 */
static int lowest_cheapest(search *x, mgi_id s, const unsigned char *banned_to, chain *c)
{
    const mgi_arcs *a = x->a;
    size_t cap = 0;
    double total, walked = 0;
    mgi_id u = s;

    memset(c, 0, sizeof *c);
    if (!cheapest_costs(x, s, banned_to))
        return 0;
    total = x->fwd.dist[x->t];
    while (u != x->t) {
        size_t best = lowest_arc(x, s, u, banned_to, walked, total);

        if (best == NO_ARC || mgi_grow(&c->arcs, &cap, c->n + 1, sizeof *c->arcs) < 0) {
            free(c->arcs);
            c->arcs = NULL;
            return best == NO_ARC ? 0 : -1;
        }
        c->arcs[c->n++] = best;
        walked += a->weight[best];
        u = a->to[best];
    }
    c->cost = walked;
    return 1;
}

/* ---- Yen's k cheapest chains ------------------------------------------------------ */

/* Bans the root of prev up to its i-th role: the chain may not enter the
 * roles before it, nor leave it the way a found chain with the same root
 * did. Returns the root's cost. */
static double ban_root(search *x, const chain_list *found, const chain *prev, size_t i)
{
    const mgi_arcs *a = x->a;
    double root_cost = 0;
    size_t j, y;

    memset(x->banned, 0, a->n_nodes);
    memset(x->banned_to, 0, a->n_nodes);
    for (j = 0; j < found->n; j++) {
        const chain *f = &found->items[j];
        int same = f->n > i;

        for (y = 0; same && y <= i; y++)
            same = chain_node(a, x->from_of, f, y) == chain_node(a, x->from_of, prev, y);
        if (same)
            x->banned_to[a->to[f->arcs[i]]] = 1;
    }
    for (j = 0; j < i; j++) {
        x->banned[chain_node(a, x->from_of, prev, j)] = 1;
        root_cost += a->weight[prev->arcs[j]];
    }
    return root_cost;
}

/* The root of prev up to its i-th role, then the lowest cheapest chain on
 * from there: a candidate, unless found or a candidate already. Returns 0,
 * or -1 when out of memory. */
static int add_spur(search *x, const chain_list *found, const chain *prev, size_t i,
                    chain_list *cand)
{
    double root_cost = ban_root(x, found, prev, i);
    chain spur, full;
    size_t j;
    int got = lowest_cheapest(x, chain_node(x->a, x->from_of, prev, i), x->banned_to, &spur);

    if (got <= 0)
        return got;
    full.n = i + spur.n;
    full.cost = root_cost + spur.cost;
    full.arcs = malloc(full.n * sizeof *full.arcs);
    if (full.arcs) {
        memcpy(full.arcs, prev->arcs, i * sizeof *full.arcs);
        memcpy(full.arcs + i, spur.arcs, spur.n * sizeof *full.arcs);
    }
    free(spur.arcs);
    if (!full.arcs)
        return -1;
    for (j = 0; j < cand->n; j++)
        if (same_nodes(x->a, x->from_of, &cand->items[j], &full))
            goto known;
    for (j = 0; j < found->n; j++)
        if (same_nodes(x->a, x->from_of, &found->items[j], &full))
            goto known;
    if (chains_add(cand, full) == 0)
        return 0;
    free(full.arcs);
    return -1;
known:
    free(full.arcs);
    return 0;
}

/*
 * Yen (1971): the k cheapest loopless chains from s to t, in order of cost
 * and then of their role sequences. Each found chain spurs at each of its
 * roles: the root up to the role is kept, the chains found with that root
 * are banned from leaving it the same way, and the lowest cheapest chain
 * from the role on is a candidate; the best candidate is the next chain.
 * O(k V (V + E) log V): V spurs a chain, two Dijkstra runs a spur.
 * Returns 0 (found may hold fewer than k, or none), -1 when out of memory.
 */
static int yen(const mgi_arcs *a, const size_t *from_of, mgi_id s, mgi_id t, size_t k,
               chain_list *found)
{
    search x;
    chain_list cand = { 0 };
    chain first;
    size_t i, best;
    int rc = -1;

    if (search_init(&x, a, from_of, t) < 0)
        return -1;
    if ((rc = lowest_cheapest(&x, s, NULL, &first)) <= 0)
        goto out;
    rc = -1;
    if (chains_add(found, first) < 0) {
        free(first.arcs);
        goto out;
    }
    while (found->n < k) {
        const chain *prev = &found->items[found->n - 1];

        if (mgi_progress("chains", found->n, k) < 0)
            goto out;
        for (i = 0; i < prev->n; i++)
            if (add_spur(&x, found, prev, i, &cand) < 0)
                goto out;
        if (!cand.n)
            break;
        best = 0;
        for (i = 1; i < cand.n; i++)
            if (chain_before(a, from_of, &cand.items[i], &cand.items[best]))
                best = i;
        if (chains_add(found, cand.items[best]) < 0)
            goto out;
        cand.items[best] = cand.items[--cand.n];
    }
    rc = 0;
out:
    chains_free(&cand);
    search_free(&x);
    return rc;
}

/* ---- The result ------------------------------------------------------------------- */

void mg_paths_free(mg_paths *p)
{
    size_t i, j;

    if (!p)
        return;
    for (i = 0; i < p->n; i++) {
        for (j = 0; j < p->chains[i].n_steps; j++) {
            free(p->chains[i].steps[j].from);
            free(p->chains[i].steps[j].to);
            free(p->chains[i].steps[j].handoff);
        }
        free(p->chains[i].steps);
    }
    free(p->chains);
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

/* Why no chain leads from s to t: the parts of the organisation each is
 * in. Returns 0, or -1 when out of memory. */
static int describe_components(mg_paths *p, const mgi_model *m, mgi_id s, mgi_id t)
{
    mgi_undirected u = { 0 };
    mgi_id *comp = malloc((m->n_roles + 1) * sizeof *comp);
    int ok = comp && mgi_undirected_build(&u, m) == 0;

    ok = ok && mgi_components(&u, comp) != (size_t)-1;
    if (ok) {
        p->same_component = comp[s] == comp[t];
        p->from_component = component_text(m, comp, s);
        p->to_component = component_text(m, comp, t);
        ok = p->from_component && p->to_component;
    }
    mgi_undirected_free(&u);
    free(comp);
    return ok ? 0 : -1;
}

/* The found chains, by role names, into p. Returns 0, or -1 when out of memory. */
static int name_chains(mg_paths *p, const mgi_model *m, const mgi_arcs *arcs,
                       const size_t *from_of, const chain_list *found)
{
    size_t i, j;

    if (!(p->chains = calloc(found->n + 1, sizeof *p->chains)))
        return -1;
    for (i = 0; i < found->n; i++) {
        const chain *c = &found->items[i];
        mgi_chain *out = &p->chains[p->n++];

        out->cost = c->cost;
        if (!(out->steps = calloc(c->n + 1, sizeof *out->steps)))
            return -1;
        for (j = 0; j < c->n; j++) {
            size_t arc = c->arcs[j];
            const mgi_collab *col = &m->collabs[arcs->collab[arc]];
            mgi_step *step = &out->steps[out->n_steps++];

            step->cost = arcs->weight[arc];
            if (!(step->from = mgi_strdup(m->roles[from_of[arc]].name)) ||
                !(step->to = mgi_strdup(m->roles[arcs->to[arc]].name)) ||
                !(step->handoff = mgi_strdup(col->handoff ? col->handoff : "")))
                return -1;
        }
    }
    return 0;
}

/* Yen's chains from s to t, named, into p. Returns 0, or -1 when out of memory. */
static int find_chains(mg_paths *p, const mgi_model *m, mgi_id s, mgi_id t, size_t k)
{
    mgi_arcs arcs = { 0 };
    chain_list found = { 0 };
    size_t *from_of = NULL;
    int rc = -1;

    if (mgi_arcs_build(&arcs, m) == 0 && (from_of = arc_sources(&arcs)) &&
        yen(&arcs, from_of, s, t, k, &found) == 0)
        rc = name_chains(p, m, &arcs, from_of, &found);
    chains_free(&found);
    free(from_of);
    mgi_arcs_free(&arcs);
    return rc;
}

mg_status mg_paths_find(const mg_org *org, const char *from, const char *to, size_t k,
                        mg_paths **out, mg_error *err)
{
    const mgi_model *m;
    size_t s, t;
    mg_paths *p;
    mg_status st;

    if (!org || !from || !to || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_paths_find: NULL argument");
    if (mgi_org_frozen(org, err) != MG_OK)
        return MG_EINTERNAL;
    if (k == 0 || k > MG_PATHS_MAX_K)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "the number of chains must be 1 to %d, not %zu",
                         MG_PATHS_MAX_K, k);
    if ((st = mg_org_find_role(org, from, &s, err)) != MG_OK ||
        (st = mg_org_find_role(org, to, &t, err)) != MG_OK)
        return st;
    m = org->m;
    if (!(p = calloc(1, sizeof *p)) || !(p->from = mgi_strdup(m->roles[s].name)) ||
        !(p->to = mgi_strdup(m->roles[t].name)))
        goto nomem;
    p->k = k;
    if (s != t && find_chains(p, m, (mgi_id)s, (mgi_id)t, k) < 0)
        goto nomem;
    /* no chain, or none needed (s == t): where each end sits, as documented
     * for every empty result */
    if (!p->n && describe_components(p, m, (mgi_id)s, (mgi_id)t) < 0)
        goto nomem;
    *out = p;
    return MG_OK;
nomem:
    mg_paths_free(p);
    return mgi_nomem(err);
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
    return p && i < p->n ? p->chains[i].cost : -1;
}

size_t mg_path_steps(const mg_paths *p, size_t i)
{
    return p && i < p->n ? p->chains[i].n_steps : 0;
}

/* Step `step` of chain i, or NULL. */
static const mgi_step *step_at(const mg_paths *p, size_t i, size_t step)
{
    return p && i < p->n && step < p->chains[i].n_steps ? &p->chains[i].steps[step] : NULL;
}

const char *mg_path_step_from(const mg_paths *p, size_t i, size_t step)
{
    const mgi_step *s = step_at(p, i, step);

    return s ? s->from : NULL;
}

const char *mg_path_step_to(const mg_paths *p, size_t i, size_t step)
{
    const mgi_step *s = step_at(p, i, step);

    return s ? s->to : NULL;
}

const char *mg_path_step_handoff(const mg_paths *p, size_t i, size_t step)
{
    const mgi_step *s = step_at(p, i, step);

    return s ? s->handoff : NULL;
}

double mg_path_step_cost(const mg_paths *p, size_t i, size_t step)
{
    const mgi_step *s = step_at(p, i, step);

    return s ? s->cost : -1;
}

/* ---- All pairs -------------------------------------------------------------------- */

/* One Dijkstra run from every role: O(V (V + E) log V) time, O(V^2) memory
 * for the matrix. */
mg_status mg_costs_find(const mg_org *org, mg_costs **out, mg_error *err)
{
    const mgi_model *m;
    mgi_arcs arcs = { 0 };
    mgi_dijkstra d = { 0 };
    mgi_dijkstra_opts o;
    mg_costs *c = NULL;
    size_t s, t, n;

    if (!org || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_costs_find: NULL argument");
    if (mgi_org_frozen(org, err) != MG_OK)
        return MG_EINTERNAL;
    m = org->m;
    n = m->n_roles;
    mgi_dijkstra_opts_init(&o);
    if (n > SIZE_MAX / sizeof(double) / (n + 1) || mgi_arcs_build(&arcs, m) < 0 ||
        mgi_dijkstra_init(&d, &arcs) < 0 || !(c = calloc(1, sizeof *c)))
        goto nomem;
    c->n = n;
    c->names = calloc(n + 1, sizeof *c->names);
    c->cost = malloc((n * n + 1) * sizeof *c->cost);
    if (!c->names || !c->cost)
        goto nomem;
    for (s = 0; s < n; s++) {
        if (!(c->names[s] = mgi_strdup(m->roles[s].name)))
            goto nomem;
        mgi_dijkstra_run(&d, (mgi_id)s, &o);
        for (t = 0; t < n; t++)
            c->cost[s * n + t] = isinf(d.dist[t]) ? -1 : d.dist[t];
    }
    mgi_dijkstra_free(&d);
    mgi_arcs_free(&arcs);
    *out = c;
    return MG_OK;
nomem:
    mgi_dijkstra_free(&d);
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
