/*
 * cuts.c - what losing a cut role or a cut handoff does: the groups of roles
 * cut off from the main part, and the handoff chains lost.
 *
 * Why the chains can be found cheaply: every chain between two parts of a
 * cut runs through the cut role (or over the cut handoff). So a role x of
 * part P had a chain to a role y of another part Q exactly when x reaches,
 * inside P, an "exit" of P (a role of P handing work to the cut role, or
 * the end of the cut handoff on P's side when the handoff runs from it),
 * and an "entry" of Q (a role the cut hands work to) reaches y inside Q.
 * Without the cut the parts are apart, so each such pair has lost its every
 * chain; these are the pairs listed. (Two roles of one part may also lose a
 * chain that ran out to the cut role and back: that is a matter of
 * direction, not of the cut, and is not listed.)
 *
 * Bounds, so that thousands of cuts in 100,000 roles stay cheap: pairs are
 * listed for the groups in order, largest first, until MGI_REACH_MAX are
 * found; for a group, the senders and the receivers are each found by a
 * breadth-first search from the exits or entries that stops at
 * MGI_REACH_MAX roles, enough for MGI_REACH_MAX pairs whatever their
 * shape. A search of r roles looks at no more than their arcs up to the
 * r-th new role, and a group is searched only when the arcs of the cut
 * show that it has pairs, so one cut costs O(d log p + min(p, M) d + M^2 a)
 * for a cut role of degree d with p parts, M = MGI_REACH_MAX, a the arcs
 * between two roles (at most 2), plus the listing of its groups' roles.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cuts.h"

enum { ENTRY, EXIT }; /* arcs from the cut into a part; from a part into the cut */

struct mgi_cut_ctx {
    const mgi_model *m;
    const mgi_cuts *cuts;
    mgi_arcs arcs[2];      /* [ENTRY]: the handoffs; [EXIT]: the same reversed */
    uint32_t *mark, stamp; /* seen by the search under way: mark[v] == stamp */
    mgi_id *tmp;           /* a part's roles (room for every role) */
    size_t (*runs)[2];     /* the runs of the search order a part is made of */
    mgi_id *least;         /* least[j * n + i]: the place of the smallest id in
                            * order[i .. i + 2^j) (a sparse table, made when needed) */
    size_t levels;
    size_t *arc_pos[2];    /* the cut role's arcs: the position of the part each leads to */
    size_t *pos, *part;    /* part -> position (0 the main part), position -> part */
    size_t *suf[2];        /* suf[k][q]: the cut's arcs of kind k with parts at q or after */
    size_t cap_pos, cap_part, cap_suf[2], cap_runs;
};

/* One cut: a role (c), or a handoff (b) whose parts are 0 (a's side) and 1. */
typedef struct cut {
    mgi_cut_ctx *x;
    const mgi_cut_role *c;
    const mgi_bridge *b;
    mgi_id role;           /* the cut role, or MGI_NONE */
    mgi_id collab;         /* the cut handoff, or MGI_NONE */
    size_t n_parts;
} cut;

/* ---- Context ---------------------------------------------------------------- */

static size_t max_degree(const mgi_arcs *a)
{
    size_t v, most = 0;

    for (v = 0; v < a->n_nodes; v++)
        if (a->off[v + 1] - a->off[v] > most)
            most = a->off[v + 1] - a->off[v];
    return most;
}

mgi_cut_ctx *mgi_cut_ctx_new(const mgi_model *m, const mgi_cuts *cuts)
{
    mgi_cut_ctx *x = calloc(1, sizeof *x);
    size_t n = m->n_roles, most;

    if (!x)
        return NULL;
    x->m = m;
    x->cuts = cuts;
    if (mgi_arcs_build(&x->arcs[ENTRY], m) < 0 ||
        mgi_arcs_reverse(&x->arcs[ENTRY], &x->arcs[EXIT]) < 0)
        goto fail;
    most = max_degree(&x->arcs[ENTRY]);
    if (max_degree(&x->arcs[EXIT]) > most)
        most = max_degree(&x->arcs[EXIT]);
    x->mark = calloc(n + 1, sizeof *x->mark);
    x->tmp = malloc((n + 1) * sizeof *x->tmp);
    x->arc_pos[ENTRY] = malloc((most + 1) * sizeof *x->arc_pos[ENTRY]);
    x->arc_pos[EXIT] = malloc((most + 1) * sizeof *x->arc_pos[EXIT]);
    if (!x->mark || !x->tmp || !x->arc_pos[ENTRY] || !x->arc_pos[EXIT])
        goto fail;
    return x;
fail:
    mgi_cut_ctx_free(x);
    return NULL;
}

void mgi_cut_ctx_free(mgi_cut_ctx *x)
{
    int k;

    if (!x)
        return;
    for (k = ENTRY; k <= EXIT; k++) {
        mgi_arcs_free(&x->arcs[k]);
        free(x->arc_pos[k]);
        free(x->suf[k]);
    }
    free(x->runs);
    free(x->least);
    free(x->mark);
    free(x->tmp);
    free(x->pos);
    free(x->part);
    free(x);
}

void mgi_separation_free(mgi_separation *s)
{
    free(s->size);
    free(s->off);
    free(s->roles);
    memset(s, 0, sizeof *s);
}

/* ---- The parts of a cut --------------------------------------------------------- */

static size_t part_size(const cut *k, size_t p)
{
    if (k->c)
        return k->c->part_size[p];
    return p ? k->b->size_b : k->b->size_a;
}

/* The part holding v (a role of the cut's component other than the role). */
static size_t part_of(const cut *k, mgi_id v)
{
    size_t t, first;

    if (k->c)
        return mgi_cut_role_part_of(k->x->cuts, k->c, v);
    t = k->x->cuts->pre[v];
    first = k->x->cuts->pre[k->b->b];
    return t >= first && t < first + k->b->size_b;
}

/* The runs part p is made of, into x->runs; returns their number. */
static size_t part_runs(const cut *k, size_t p)
{
    if (k->c)
        return mgi_cut_role_runs(k->x->cuts, k->c, p, k->x->runs);
    return mgi_bridge_runs(k->x->cuts, k->b, (int)p, k->x->runs);
}

/* The roles of part p, in id order. O(s log s) for s roles. */
static void part_roles(const cut *k, size_t p, mgi_id *out)
{
    const mgi_cuts *cuts = k->x->cuts;
    size_t r, n_runs = part_runs(k, p), n = 0;

    for (r = 0; r < n_runs; r++) {
        size_t from = k->x->runs[r][0], to = k->x->runs[r][1];

        memcpy(out + n, cuts->order + from, (to - from) * sizeof *out);
        n += to - from;
    }
    mgi_qsort(out, n, sizeof *out, mgi_id_cmp);
}

/* The sparse table of range minima over the search order (Bender and
 * Farach-Colton 2000): O(V log V) once, then the smallest id of any run in
 * O(1). Returns 0, or -1 when out of memory. */
static int least_build(mgi_cut_ctx *x)
{
    size_t n = x->m->n_roles, j, i;

    for (x->levels = 1; ((size_t)1 << x->levels) <= n; x->levels++)
        ;
    if (!(x->least = malloc((x->levels * n + 1) * sizeof *x->least)))
        return -1;
    for (i = 0; i < n; i++)
        x->least[i] = (mgi_id)i;
    for (j = 1; j < x->levels; j++) {
        const mgi_id *below = x->least + (j - 1) * n;
        size_t half = (size_t)1 << (j - 1);

        for (i = 0; i + 2 * half <= n; i++) {
            mgi_id a = below[i], b = below[i + half];

            x->least[j * n + i] = x->cuts->order[a] <= x->cuts->order[b] ? a : b;
        }
    }
    return 0;
}

/* The place of the smallest id in order[from .. to), from < to. */
static size_t least_in(const mgi_cut_ctx *x, size_t from, size_t to)
{
    size_t j = 0, n = x->m->n_roles;
    mgi_id a, b;

    while (((size_t)2 << j) <= to - from)
        j++;
    a = x->least[j * n + from];
    b = x->least[j * n + to - ((size_t)1 << j)];
    return x->cuts->order[a] <= x->cuts->order[b] ? a : b;
}

/* The first `want` roles of part p in id order (fewer when it is smaller):
 * sorted when the part is small, else picked run by run from the sparse
 * table, splitting the run each pick came from. O(want (runs + want)).
 * Returns their number, or (size_t)-1 when out of memory. */
static size_t first_roles(const cut *k, size_t p, size_t want, mgi_id *out)
{
    mgi_cut_ctx *x = k->x;
    size_t size = part_size(k, p), n_runs = part_runs(k, p), n, r, best;

    if (want > size)
        want = size;
    if (size <= 64 + want * n_runs) {
        part_roles(k, p, x->tmp);
        memcpy(out, x->tmp, want * sizeof *out);
        return want;
    }
    if (!x->least && least_build(x) < 0)
        return (size_t)-1;
    for (n = 0; n < want; n++) {
        size_t at, from, to;

        for (best = 0, r = 1; r < n_runs; r++)
            if (x->cuts->order[least_in(x, x->runs[r][0], x->runs[r][1])] <
                x->cuts->order[least_in(x, x->runs[best][0], x->runs[best][1])])
                best = r;
        from = x->runs[best][0];
        to = x->runs[best][1];
        at = least_in(x, from, to);
        out[n] = x->cuts->order[at];
        /* the run gives way to what is left of it on either side */
        n_runs--;
        x->runs[best][0] = x->runs[n_runs][0];
        x->runs[best][1] = x->runs[n_runs][1];
        if (at > from) {
            x->runs[n_runs][0] = from;
            x->runs[n_runs++][1] = at;
        }
        if (at + 1 < to) {
            x->runs[n_runs][0] = at + 1;
            x->runs[n_runs++][1] = to;
        }
    }
    return want;
}

typedef struct order_key {
    size_t size, part;
    mgi_id rep;
} order_key;

static int group_cmp(const void *x, const void *y)
{
    const order_key *a = x, *b = y;

    if (a->size != b->size)
        return a->size > b->size ? -1 : 1;
    return a->rep < b->rep ? -1 : a->rep > b->rep;
}

/* Room for the parts of a cut in the context and in s (runs: a part's
 * runs, and one more for each role first_roles picks). */
static int reserve_parts(mgi_cut_ctx *x, mgi_separation *s, size_t n)
{
    return mgi_grow(&x->pos, &x->cap_pos, n + 1, sizeof *x->pos) ||
           mgi_grow(&x->part, &x->cap_part, n + 1, sizeof *x->part) ||
           mgi_grow(&x->suf[ENTRY], &x->cap_suf[ENTRY], n + 1, sizeof *x->suf[ENTRY]) ||
           mgi_grow(&x->suf[EXIT], &x->cap_suf[EXIT], n + 1, sizeof *x->suf[EXIT]) ||
           mgi_grow(&x->runs, &x->cap_runs, n + 2 + MGI_PART_SHOWN, sizeof *x->runs) ||
           mgi_grow(&s->size, &s->cap_size, n + 1, sizeof *s->size) ||
           mgi_grow(&s->off, &s->cap_off, n + 1, sizeof *s->off)
               ? -1
               : 0;
}

/* Positions: the main part (the largest, parts being in order of their
 * smallest id), then the others largest first. */
static int order_parts(const cut *k)
{
    mgi_cut_ctx *x = k->x;
    order_key *keys = malloc((k->n_parts + 1) * sizeof *keys);
    size_t p, main = 0, n = 0;

    if (!keys)
        return -1;
    for (p = 1; p < k->n_parts; p++)
        if (part_size(k, p) > part_size(k, main))
            main = p;
    for (p = 0; p < k->n_parts; p++) {
        if (p == main)
            continue;
        keys[n].size = part_size(k, p);
        keys[n].part = p;
        keys[n++].rep = k->c ? k->c->part_rep[p] : 0;
    }
    mgi_qsort(keys, n, sizeof *keys, group_cmp);
    x->part[0] = main;
    for (p = 0; p < n; p++)
        x->part[p + 1] = keys[p].part;
    for (p = 0; p < k->n_parts; p++)
        x->pos[x->part[p]] = p;
    free(keys);
    return 0;
}

static int reserve_roles(mgi_separation *s, size_t n)
{
    return mgi_grow(&s->roles, &s->cap_roles, n ? n : 1, sizeof *s->roles);
}

/* s->size, s->off and s->roles: the main part's first roles, then each
 * group's roles while the budget lasts, else its first ones. */
static int list_parts(const cut *k, size_t *budget, mgi_separation *s)
{
    size_t q, at = 0, shown;

    s->n = k->n_parts;
    s->not_listed = 0;
    for (q = 0; q < k->n_parts; q++) {
        size_t p = k->x->part[q], size = part_size(k, p);

        s->size[q] = size;
        s->off[q] = at;
        if (q && size <= *budget) {
            if (reserve_roles(s, at + size) < 0)
                return -1;
            part_roles(k, p, s->roles + at);
            at += size;
            *budget -= size;
            continue;
        }
        if (reserve_roles(s, at + MGI_PART_SHOWN) < 0 ||
            (shown = first_roles(k, p, MGI_PART_SHOWN, s->roles + at)) == (size_t)-1)
            return -1;
        at += shown;
        if (q)
            s->not_listed += size - (at - s->off[q]);
    }
    s->off[k->n_parts] = at;
    return 0;
}

/* ---- Chains lost ------------------------------------------------------------------ */

/* Up to MGI_REACH_MAX roles in breadth-first order from the seeds, over
 * the handoffs (ENTRY: the roles the seeds reach) or against them (EXIT:
 * the roles that reach the seeds), never through the cut. */
static size_t search(const cut *k, int kind, const mgi_id *seeds, size_t n_seeds, mgi_id *out)
{
    mgi_cut_ctx *x = k->x;
    const mgi_arcs *a = &x->arcs[kind];
    size_t n = 0, head, i, j;

    if (++x->stamp == 0) {
        memset(x->mark, 0, a->n_nodes * sizeof *x->mark);
        x->stamp = 1;
    }
    if (k->role != MGI_NONE)
        x->mark[k->role] = x->stamp;
    for (i = 0; i < n_seeds && n < MGI_REACH_MAX; i++)
        if (x->mark[seeds[i]] != x->stamp) {
            x->mark[seeds[i]] = x->stamp;
            out[n++] = seeds[i];
        }
    for (head = 0; head < n && n < MGI_REACH_MAX; head++)
        for (j = a->off[out[head]]; j < a->off[out[head] + 1] && n < MGI_REACH_MAX; j++) {
            mgi_id w = a->to[j];

            if (a->collab[j] == k->collab || x->mark[w] == x->stamp)
                continue;
            x->mark[w] = x->stamp;
            out[n++] = w;
        }
    return n;
}

/* Is position q in the set: the group at q alone, or (others) every part
 * after it and the main part? */
static int in_set(size_t pos, size_t q, int others)
{
    return others ? pos == 0 || pos > q : pos == q;
}

/* Does the cut have arcs of this kind with the set? */
static int has_ports(const cut *k, int kind, size_t q, int others)
{
    const size_t *suf = k->x->suf[kind];

    if (others)
        return suf[0] - suf[1] + suf[q + 1] > 0;
    return suf[q] - suf[q + 1] > 0;
}

/* The set's entries (the roles the cut hands work to) or exits (the roles
 * handing work to it), in id order, at most MGI_REACH_MAX. */
static size_t ports(const cut *k, int kind, size_t q, int others, mgi_id *out)
{
    const mgi_cut_ctx *x = k->x;
    size_t n = 0, j;

    if (k->c) {
        const mgi_arcs *a = &x->arcs[kind];
        size_t first = a->off[k->role];

        for (j = first; j < a->off[k->role + 1] && n < MGI_REACH_MAX; j++)
            if (in_set(x->arc_pos[kind][j - first], q, others) && (!n || out[n - 1] != a->to[j]))
                out[n++] = a->to[j];
    } else {
        const mgi_collab *c = &x->m->collabs[k->collab];
        /* the end in the set, and whether the handoff runs from (EXIT) or to it */
        mgi_id end = in_set(x->pos[1], q, others) ? k->b->b : k->b->a;

        if (c->both || (kind == EXIT ? c->from : c->to) == end)
            out[n++] = end;
    }
    return n;
}

/* The cut's arcs counted by the position of the part at their other end. */
static void count_ports(const cut *k)
{
    mgi_cut_ctx *x = k->x;
    size_t q, j;
    int kind;

    for (kind = ENTRY; kind <= EXIT; kind++) {
        size_t *suf = x->suf[kind];

        memset(suf, 0, (k->n_parts + 1) * sizeof *suf);
        if (k->c) {
            const mgi_arcs *a = &x->arcs[kind];
            size_t first = a->off[k->role];

            for (j = first; j < a->off[k->role + 1]; j++) {
                x->arc_pos[kind][j - first] = x->pos[part_of(k, a->to[j])];
                suf[x->arc_pos[kind][j - first]]++;
            }
        } else {
            mgi_id tmp[1];

            for (q = 0; q < 2; q++)
                suf[q] = ports(k, kind, q, 0, tmp);
        }
        for (q = k->n_parts; q-- > 0;)
            suf[q] += suf[q + 1];
    }
}

/* The senders (EXIT) or receivers (ENTRY) of a set, nearest the cut first. */
static size_t side(const cut *k, int kind, size_t q, int others, mgi_id *out)
{
    mgi_id seeds[MGI_REACH_MAX];
    size_t n = ports(k, kind, q, others, seeds);

    return search(k, kind, seeds, n, out);
}

/* Every pair xs[i] -> ys[j], sender by sender, from the *at-th on. */
typedef struct product {
    mgi_id xs[MGI_REACH_MAX], ys[MGI_REACH_MAX];
    size_t nx, ny, at;
} product;

static int take(product *p, mgi_separation *s)
{
    if (p->at >= p->nx * p->ny || s->n_pairs == MGI_REACH_MAX)
        return 0;
    s->from[s->n_pairs] = p->xs[p->at / p->ny];
    s->to[s->n_pairs++] = p->ys[p->at % p->ny];
    p->at++;
    return 1;
}

/* The pairs between the group at q and the parts after it or the main
 * part: out of the group and into it, taken in turn. */
static void group_pairs(const cut *k, size_t q, mgi_separation *s)
{
    product out = { { 0 }, { 0 }, 0, 0, 0 }, in = { { 0 }, { 0 }, 0, 0, 0 };
    int more = 1;

    if (has_ports(k, EXIT, q, 0) && has_ports(k, ENTRY, q, 1)) {
        out.nx = side(k, EXIT, q, 0, out.xs);
        out.ny = side(k, ENTRY, q, 1, out.ys);
    }
    if (has_ports(k, EXIT, q, 1) && has_ports(k, ENTRY, q, 0)) {
        in.nx = side(k, EXIT, q, 1, in.xs);
        in.ny = side(k, ENTRY, q, 0, in.ys);
    }
    while (more) {
        more = take(&out, s);
        more |= take(&in, s);
    }
}

/* Fills s for the cut k. */
static int separate(cut *k, size_t *budget, mgi_separation *s)
{
    size_t q;

    if (reserve_parts(k->x, s, k->n_parts) < 0 || order_parts(k) < 0 ||
        list_parts(k, budget, s) < 0)
        return -1;
    count_ports(k);
    s->n_pairs = 0;
    for (q = 1; q < k->n_parts && s->n_pairs < MGI_REACH_MAX; q++)
        group_pairs(k, q, s);
    return 0;
}

int mgi_separate_role(mgi_cut_ctx *x, size_t i, size_t *budget, mgi_separation *s)
{
    cut k;

    memset(&k, 0, sizeof k);
    k.x = x;
    k.c = &x->cuts->roles[i];
    k.role = k.c->role;
    k.collab = MGI_NONE;
    k.n_parts = k.c->n_parts;
    return separate(&k, budget, s);
}

int mgi_separate_bridge(mgi_cut_ctx *x, size_t i, size_t *budget, mgi_separation *s)
{
    cut k;

    memset(&k, 0, sizeof k);
    k.x = x;
    k.b = &x->cuts->bridges[i];
    k.role = MGI_NONE;
    k.collab = k.b->collab;
    k.n_parts = 2;
    return separate(&k, budget, s);
}
