/*
 * reach.c - the ordered pairs of roles a handoff chain joins in one
 * organisation and none joins in another (reach.h).
 *
 * Why classes: a role's reach is that of its strongly connected component.
 * So two roles of a with the same component in a, whose matches share a
 * component in b, lose the same targets, and are lost as targets by the
 * same sources: pair (s, t) is lost exactly when class(s) reaches class(t)
 * in a's condensation and not in b's. Within one class nothing is lost
 * (the component is the same on both sides), which also covers s == t and
 * map[s] == map[t].
 *
 * Defects: an arc of a whose ends b joins (directly, or within one
 * component) cannot be where a pair is lost, so a lost pair's chains all
 * pass an arc that is not so (find_defects); sources are then the classes
 * before such an arc, targets those after one, and without any, nothing is
 * lost.
 *
 * Counting: for 64 target classes at a time, a word per component of a
 * holds the classes it reaches (itself, then the union over its arcs, in
 * topological order: Tarjan numbers a component after every component it
 * reaches), and the same over b; a source class loses the bits set in a
 * and clear in b. Listing: sources in id order; a class's lost target
 * classes come from one breadth-first search on each condensation, kept
 * for the next source of the class; its targets in id order come from
 * merging those classes' members (each in id order) with a heap.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "reach.h"

/* ---- Handoffs as a graph ---------------------------------------------------------- */

int mgi_handoffs_build(mgi_handoffs *h, const mgi_model *m)
{
    size_t n = m->n_roles, i, arcs = 0, *fill;

    memset(h, 0, sizeof *h);
    for (i = 0; i < m->n_collabs; i++)
        if (m->collabs[i].from != m->collabs[i].to)
            arcs += m->collabs[i].both ? 2 : 1;
    h->off = calloc(n + 2, sizeof *h->off);
    h->to = malloc((arcs + 1) * sizeof *h->to);
    fill = h->off ? h->off + 1 : NULL;
    if (!h->off || !h->to) {
        mgi_handoffs_free(h);
        return -1;
    }
    /* counts into off[from + 2], then starts into off[from + 1] (fill) */
    for (i = 0; i < m->n_collabs; i++) {
        const mgi_collab *c = &m->collabs[i];

        if (c->from == c->to)
            continue;
        h->off[c->from + 2]++;
        if (c->both)
            h->off[c->to + 2]++;
    }
    for (i = 2; i < n + 2; i++)
        h->off[i] += h->off[i - 1];
    for (i = 0; i < m->n_collabs; i++) {
        const mgi_collab *c = &m->collabs[i];

        if (c->from == c->to)
            continue;
        h->to[fill[c->from]++] = c->to;
        if (c->both)
            h->to[fill[c->to]++] = c->from;
    }
    h->g.n = n;
    h->g.off = h->off;
    h->g.to = h->to;
    return 0;
}

void mgi_handoffs_free(mgi_handoffs *h)
{
    free(h->off);
    free(h->to);
    memset(h, 0, sizeof *h);
}

/* ---- Condensation -------------------------------------------------------------- */

typedef struct condensed {
    size_t n_comp;
    mgi_id *comp; /* node -> component; a component's arcs go to smaller numbers */
    size_t *off;  /* arcs of component c: to[off[c] .. off[c + 1]), distinct */
    mgi_id *to;
} condensed;

static void condensed_free(condensed *c)
{
    free(c->comp);
    free(c->off);
    free(c->to);
    memset(c, 0, sizeof *c);
}

/* Tarjan (1972) without recursion: path[] and pos[] are the depth-first
 * path and the next arc of each node on it. */
static int tarjan(const mgi_reach_graph *g, mgi_id *comp, size_t *n_comp)
{
    size_t n = g->n, next = 0, sp = 0, depth, root, i;
    mgi_id *index = malloc((n + 1) * sizeof *index), *low = malloc((n + 1) * sizeof *low);
    mgi_id *stack = malloc((n + 1) * sizeof *stack), *path = malloc((n + 1) * sizeof *path);
    size_t *pos = malloc((n + 1) * sizeof *pos);
    int rc = -1;

    *n_comp = 0;
    if (!index || !low || !stack || !path || !pos)
        goto out;
    for (i = 0; i < n; i++)
        index[i] = comp[i] = MGI_NONE;
    for (root = 0; root < n; root++) {
        if (index[root] != MGI_NONE)
            continue;
        index[root] = low[root] = (mgi_id)next++;
        stack[sp++] = (mgi_id)root;
        path[0] = (mgi_id)root;
        pos[0] = g->off[root];
        depth = 1;
        while (depth) {
            mgi_id v = path[depth - 1];

            if (pos[depth - 1] < g->off[v + 1]) {
                mgi_id w = g->to[pos[depth - 1]++];

                if (index[w] == MGI_NONE) {
                    index[w] = low[w] = (mgi_id)next++;
                    stack[sp++] = w;
                    path[depth] = w;
                    pos[depth++] = g->off[w];
                } else if (comp[w] == MGI_NONE && index[w] < low[v]) {
                    low[v] = index[w]; /* w is on the stack */
                }
                continue;
            }
            depth--;
            if (low[v] == index[v]) {
                mgi_id w;

                do {
                    w = stack[--sp];
                    comp[w] = (mgi_id)*n_comp;
                } while (w != v);
                ++*n_comp;
            }
            if (depth && low[v] < low[path[depth - 1]])
                low[path[depth - 1]] = low[v];
        }
    }
    rc = 0;
out:
    free(index);
    free(low);
    free(stack);
    free(path);
    free(pos);
    return rc;
}

/* The components of g and the arcs between them (each once). O(V + E). */
static int condense(const mgi_reach_graph *g, condensed *c)
{
    size_t n = g->n, nc, i, j, k, pass, at;
    size_t *first = NULL;
    mgi_id *member = NULL, *mark = NULL;
    int rc = -1;

    memset(c, 0, sizeof *c);
    if (!(c->comp = malloc((n + 1) * sizeof *c->comp)) || tarjan(g, c->comp, &c->n_comp) < 0)
        goto out;
    nc = c->n_comp;
    first = calloc(nc + 2, sizeof *first);
    member = malloc((n + 1) * sizeof *member);
    mark = malloc((nc + 1) * sizeof *mark);
    c->off = calloc(nc + 1, sizeof *c->off);
    if (!first || !member || !mark || !c->off)
        goto out;
    for (i = 0; i < n; i++)
        first[c->comp[i] + 2]++;
    for (k = 2; k < nc + 2; k++)
        first[k] += first[k - 1];
    for (i = 0; i < n; i++)
        member[first[c->comp[i] + 1]++] = (mgi_id)i;
    /* pass 0 counts each component's arcs, pass 1 writes them */
    for (pass = 0; pass < 2; pass++) {
        for (k = 0; k < nc; k++)
            mark[k] = MGI_NONE;
        for (k = 0, at = 0; k < nc; k++) {
            for (i = first[k]; i < first[k + 1]; i++) {
                mgi_id v = member[i];

                for (j = g->off[v]; j < g->off[v + 1]; j++) {
                    mgi_id d = c->comp[g->to[j]];

                    if (d == k || mark[d] == k)
                        continue;
                    mark[d] = (mgi_id)k;
                    if (pass)
                        c->to[at] = d;
                    at++;
                }
            }
            if (!pass)
                c->off[k + 1] = at;
        }
        if (!pass && !(c->to = malloc((at + 1) * sizeof *c->to)))
            goto out;
    }
    rc = 0;
out:
    free(first);
    free(member);
    free(mark);
    if (rc < 0)
        condensed_free(c);
    return rc;
}

/* ---- Classes ------------------------------------------------------------------- */

typedef struct classes {
    size_t n;
    mgi_id *ca, *cb;  /* each class's component in a and in b */
    size_t *first;    /* class k's nodes: member[first[k] .. first[k + 1]), in id order */
    mgi_id *member;
    mgi_id *of;       /* node of a -> class, or MGI_NONE when unmatched */
} classes;

static void classes_free(classes *k)
{
    free(k->ca);
    free(k->cb);
    free(k->first);
    free(k->member);
    free(k->of);
    memset(k, 0, sizeof *k);
}

/* The matched nodes of a sorted by (component in a, component in b, id):
 * two stable counting sorts, O(V + components). */
static int classes_build(const mgi_reach_graph *a, const mgi_reach_graph *b, const mgi_id *map,
                         const condensed *ka, const condensed *kb, classes *k)
{
    size_t n = a->n, m = 0, i, c, most = ka->n_comp > kb->n_comp ? ka->n_comp : kb->n_comp;
    mgi_id *tmp = malloc((n + 1) * sizeof *tmp);
    size_t *count = malloc((most + 2) * sizeof *count);
    int rc = -1;

    memset(k, 0, sizeof *k);
    k->member = malloc((n + 1) * sizeof *k->member);
    k->of = malloc((n + 1) * sizeof *k->of);
    k->ca = malloc((n + 1) * sizeof *k->ca);
    k->cb = malloc((n + 1) * sizeof *k->cb);
    k->first = malloc((n + 2) * sizeof *k->first);
    if (!tmp || !count || !k->member || !k->of || !k->ca || !k->cb || !k->first)
        goto out;
    for (i = 0; i < n; i++) {
        k->of[i] = MGI_NONE;
        if (map[i] != MGI_NONE && map[i] < b->n)
            tmp[m++] = (mgi_id)i;
    }
    /* by component in b, then (stably) by component in a */
    memset(count, 0, (kb->n_comp + 2) * sizeof *count);
    for (i = 0; i < m; i++)
        count[kb->comp[map[tmp[i]]] + 1]++;
    for (c = 1; c <= kb->n_comp; c++)
        count[c] += count[c - 1];
    for (i = 0; i < m; i++)
        k->member[count[kb->comp[map[tmp[i]]]]++] = tmp[i];
    memset(count, 0, (ka->n_comp + 2) * sizeof *count);
    for (i = 0; i < m; i++)
        count[ka->comp[k->member[i]] + 1]++;
    for (c = 1; c <= ka->n_comp; c++)
        count[c] += count[c - 1];
    for (i = 0; i < m; i++)
        tmp[count[ka->comp[k->member[i]]]++] = k->member[i];
    memcpy(k->member, tmp, m * sizeof *tmp);
    for (i = 0; i < m; i++) {
        mgi_id v = k->member[i], va = ka->comp[v], vb = kb->comp[map[v]];

        if (!i || va != k->ca[k->n - 1] || vb != k->cb[k->n - 1]) {
            k->ca[k->n] = va;
            k->cb[k->n] = vb;
            k->first[k->n++] = i;
        }
        k->of[v] = (mgi_id)(k->n - 1);
    }
    k->first[k->n] = m;
    rc = 0;
out:
    free(tmp);
    free(count);
    if (rc < 0)
        classes_free(k);
    return rc;
}

/* ---- The search ---------------------------------------------------------------- */

typedef struct search {
    const mgi_reach_graph *a, *b;
    const mgi_id *map;
    condensed ka, kb;
    classes k;
    size_t *lost;      /* per class: targets a source of it loses (as far as counted) */
    /* the classes that may lose a target (sources) and be lost (targets):
     * those before and after a defect (find_defects) */
    mgi_id *sources, *targets;
    size_t n_sources, n_targets;
    unsigned char *is_source; /* per class */
    size_t work, budget;
    /* listing */
    mgi_id *mark_a, *mark_b, *queue; /* stamps: the class whose search marked a component */
    size_t *list_at;   /* per class: its lost target classes in lists[list_at .. + list_n], */
    size_t *list_n;    /* list_at SIZE_MAX until found */
    mgi_id *lists;
    size_t n_lists, cap_lists;
    size_t (*heap)[2]; /* (class, place in member) of each class being merged */
    size_t cap_heap;
} search;

/* The place of w's lowest set bit (w != 0). */
static unsigned low_bit(uint64_t w)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(w);
#else
    unsigned i = 0;

    while (!(w >> i & 1))
        i++;
    return i;
#endif
}

/* The sizes of the classes j0 + i for the bits i set in w. */
static size_t sizes_of(uint64_t w, const size_t *size, size_t j0)
{
    size_t sum = 0;

    for (; w; w &= w - 1)
        sum += size[j0 + low_bit(w)];
    return sum;
}

/* The union over each component's arcs, in topological order. */
static void carry(const condensed *c, uint64_t *w)
{
    size_t x, j;

    for (x = 0; x < c->n_comp; x++)
        for (j = c->off[x]; j < c->off[x + 1]; j++)
            w[x] |= w[c->to[j]];
}

/* lost[k] for every class, 64 target classes at a time, while the budget
 * allows. Returns 1 when every class was counted, 0 when the budget ran
 * out, -1 when out of memory. */
static int count_lost(search *x, size_t budget)
{
    const classes *k = &x->k;
    size_t j0, i, *size = malloc((x->n_targets + 1) * sizeof *size);
    size_t step = x->ka.n_comp + x->ka.off[x->ka.n_comp] + x->kb.n_comp +
                  x->kb.off[x->kb.n_comp] + x->n_sources;
    uint64_t *wa = malloc((x->ka.n_comp + 1) * sizeof *wa);
    uint64_t *wb = malloc((x->kb.n_comp + 1) * sizeof *wb);
    int rc = -1;

    if (!size || !wa || !wb)
        goto out;
    for (i = 0; i < x->n_targets; i++)
        size[i] = k->first[x->targets[i] + 1] - k->first[x->targets[i]];
    rc = 1;
    for (j0 = 0; j0 < x->n_targets; j0 += 64) {
        size_t chunk = x->n_targets - j0 < 64 ? x->n_targets - j0 : 64;

        if (x->work + step > budget) {
            rc = 0;
            break;
        }
        x->work += step;
        memset(wa, 0, x->ka.n_comp * sizeof *wa);
        memset(wb, 0, x->kb.n_comp * sizeof *wb);
        for (i = 0; i < chunk; i++) {
            wa[k->ca[x->targets[j0 + i]]] |= (uint64_t)1 << i;
            wb[k->cb[x->targets[j0 + i]]] |= (uint64_t)1 << i;
        }
        carry(&x->ka, wa);
        carry(&x->kb, wb);
        for (i = 0; i < x->n_sources; i++) {
            mgi_id src = x->sources[i];
            uint64_t w = wa[k->ca[src]] & ~wb[k->cb[src]];

            if (w)
                x->lost[src] += sizes_of(w, size, j0);
        }
    }
out:
    free(size);
    free(wa);
    free(wb);
    return rc;
}

/* Marks with stamp what component c reaches in the condensation; returns
 * how many. */
static size_t reach_mark(const condensed *c, mgi_id from, mgi_id stamp, mgi_id *mark,
                         mgi_id *queue)
{
    size_t head = 0, tail = 0, j;

    mark[from] = stamp;
    queue[tail++] = from;
    while (head < tail) {
        mgi_id v = queue[head++];

        for (j = c->off[v]; j < c->off[v + 1]; j++)
            if (mark[c->to[j]] != stamp) {
                mark[c->to[j]] = stamp;
                queue[tail++] = c->to[j];
            }
    }
    return tail;
}

/* The target classes class kk loses, into x->lists (once per class).
 * Returns 0, or -1 when out of memory. */
static int lost_classes(search *x, size_t kk)
{
    const classes *k = &x->k;
    size_t i;

    if (x->list_at[kk] != SIZE_MAX)
        return 0;
    x->work += reach_mark(&x->ka, k->ca[kk], (mgi_id)kk, x->mark_a, x->queue);
    x->work += reach_mark(&x->kb, k->cb[kk], (mgi_id)kk, x->mark_b, x->queue);
    x->work += x->n_targets;
    x->list_at[kk] = x->n_lists;
    x->list_n[kk] = 0;
    for (i = 0; i < x->n_targets; i++) {
        mgi_id j = x->targets[i];

        if (x->mark_a[k->ca[j]] != kk || x->mark_b[k->cb[j]] == kk)
            continue;
        if (x->n_lists == x->cap_lists) {
            size_t cap = x->cap_lists ? 2 * x->cap_lists : 64;
            mgi_id *grown = realloc(x->lists, cap * sizeof *grown);

            if (!grown)
                return -1;
            x->lists = grown;
            x->cap_lists = cap;
        }
        x->lists[x->n_lists++] = j;
        x->list_n[kk]++;
    }
    return 0;
}

/* Heap of classes by the id of the member each is at. */
static mgi_id head_of(const search *x, size_t e)
{
    return x->k.member[x->heap[e][1]];
}

static void sift(search *x, size_t n, size_t e)
{
    for (;;) {
        size_t l = 2 * e + 1, best = e;
        size_t t0, t1;

        if (l < n && head_of(x, l) < head_of(x, best))
            best = l;
        if (l + 1 < n && head_of(x, l + 1) < head_of(x, best))
            best = l + 1;
        if (best == e)
            return;
        t0 = x->heap[e][0];
        t1 = x->heap[e][1];
        x->heap[e][0] = x->heap[best][0];
        x->heap[e][1] = x->heap[best][1];
        x->heap[best][0] = t0;
        x->heap[best][1] = t1;
        e = best;
    }
}

/* Lists (s, t) for the targets of class kk in id order, while out has
 * room. Returns 0, or -1 when out of memory. */
static int list_source(search *x, mgi_id s, size_t kk, size_t max, mgi_reach_diff *out)
{
    const classes *k = &x->k;
    size_t n = x->list_n[kk], e;
    const mgi_id *l = x->lists ? x->lists + x->list_at[kk] : NULL; /* NULL: n is 0 */

    if (n > x->cap_heap) {
        void *grown = realloc(x->heap, n * sizeof *x->heap);

        if (!grown)
            return -1;
        x->heap = grown;
        x->cap_heap = n;
    }
    for (e = 0; e < n; e++) {
        x->heap[e][0] = l[e];
        x->heap[e][1] = k->first[l[e]];
    }
    for (e = n / 2; e-- > 0;)
        sift(x, n, e);
    x->work += n;
    while (n && out->n < max) {
        size_t c = x->heap[0][0];

        out->from[out->n] = s;
        out->to[out->n++] = head_of(x, 0);
        x->work++;
        if (++x->heap[0][1] == k->first[c + 1]) {
            n--;
            x->heap[0][0] = x->heap[n][0];
            x->heap[0][1] = x->heap[n][1];
        }
        sift(x, n, 0);
    }
    return 0;
}

/* Sources in id order, each listing its lost targets in id order, while
 * there is room and budget. Returns 1 when done, 0 when the budget ran
 * out, -1 when out of memory. */
static int list_lost(search *x, int counted, size_t max, mgi_reach_diff *out)
{
    const classes *k = &x->k;
    size_t s, j, nc = x->ka.n_comp > x->kb.n_comp ? x->ka.n_comp : x->kb.n_comp;

    x->mark_a = malloc((x->ka.n_comp + 1) * sizeof *x->mark_a);
    x->mark_b = malloc((x->kb.n_comp + 1) * sizeof *x->mark_b);
    x->queue = malloc((nc + 1) * sizeof *x->queue);
    x->list_at = malloc((k->n + 1) * sizeof *x->list_at);
    x->list_n = calloc(k->n + 1, sizeof *x->list_n);
    out->from = malloc((max + 1) * sizeof *out->from);
    out->to = malloc((max + 1) * sizeof *out->to);
    if (!x->mark_a || !x->mark_b || !x->queue || !x->list_at || !x->list_n || !out->from ||
        !out->to)
        return -1;
    for (j = 0; j < x->ka.n_comp; j++)
        x->mark_a[j] = MGI_NONE;
    for (j = 0; j < x->kb.n_comp; j++)
        x->mark_b[j] = MGI_NONE;
    for (j = 0; j < k->n; j++)
        x->list_at[j] = SIZE_MAX;
    for (s = 0; s < x->a->n && out->n < max; s++) {
        size_t kk = k->of[s];

        if (kk == MGI_NONE || !x->is_source[kk] || (counted && !x->lost[kk]))
            continue;
        if (x->work > x->budget)
            return 0;
        if (lost_classes(x, kk) < 0 || list_source(x, (mgi_id)s, kk, max, out) < 0)
            return -1;
    }
    return 1;
}

/* ---- Defects ------------------------------------------------------------------- */

/*
 * An arc u -> v of a is sound when both ends are matched and map[v]'s
 * component in b is map[u]'s or one a direct arc of map[u] reaches: then
 * map[u] reaches map[v] in b. A chain of a made of sound arcs only is a
 * chain in b too, so a lost pair's every chain in a has an arc that is not
 * sound (a defect): its source reaches a defect's tail and its target is
 * reached from a defect's head. Finds the defects, O(V + E) on both sides,
 * and keeps as sources only the classes whose component reaches a tail,
 * as targets those reached from a head. Returns the number of defects, or
 * (size_t)-1 when out of memory.
 */
static size_t find_defects(search *x)
{
    const mgi_reach_graph *a = x->a, *b = x->b;
    const condensed *ka = &x->ka, *kb = &x->kb;
    size_t u, j, c, n = 0, nc = ka->n_comp;
    mgi_id *seen = malloc((kb->n_comp + 1) * sizeof *seen);
    unsigned char *before = calloc(nc + 1, 1), *after = calloc(nc + 1, 1);

    x->sources = malloc((x->k.n + 1) * sizeof *x->sources);
    x->targets = malloc((x->k.n + 1) * sizeof *x->targets);
    x->is_source = calloc(x->k.n + 1, 1);
    if (!seen || !before || !after || !x->sources || !x->targets || !x->is_source) {
        n = (size_t)-1;
        goto out;
    }
    for (c = 0; c < kb->n_comp; c++)
        seen[c] = MGI_NONE;
    for (u = 0; u < a->n; u++) {
        mgi_id mu = x->map[u];
        int matched = mu != MGI_NONE && mu < b->n;

        if (matched) { /* the components map[u] is in or hands to, stamped u */
            seen[kb->comp[mu]] = (mgi_id)u;
            for (j = b->off[mu]; j < b->off[mu + 1]; j++)
                seen[kb->comp[b->to[j]]] = (mgi_id)u;
        }
        for (j = a->off[u]; j < a->off[u + 1]; j++) {
            mgi_id v = a->to[j], mv = x->map[v];

            if (matched && mv != MGI_NONE && mv < b->n && seen[kb->comp[mv]] == u)
                continue;
            before[ka->comp[u]] = after[ka->comp[v]] = 1;
            n++;
        }
    }
    x->work += a->n + a->off[a->n] + b->off[b->n];
    /* before: reaches a tail (a component's arcs go to smaller numbers);
     * after: reached from a head */
    for (c = 0; c < nc; c++)
        for (j = ka->off[c]; j < ka->off[c + 1] && !before[c]; j++)
            before[c] = before[ka->to[j]];
    for (c = nc; c-- > 0;)
        for (j = ka->off[c]; j < ka->off[c + 1] && after[c]; j++)
            after[ka->to[j]] = 1;
    for (c = 0; c < x->k.n; c++) {
        if (before[x->k.ca[c]]) {
            x->sources[x->n_sources++] = (mgi_id)c;
            x->is_source[c] = 1;
        }
        if (after[x->k.ca[c]])
            x->targets[x->n_targets++] = (mgi_id)c;
    }
out:
    free(seen);
    free(before);
    free(after);
    return n;
}

size_t mgi_reach_budget(const mgi_reach_graph *a, const mgi_reach_graph *b)
{
    size_t size = a->n + a->off[a->n] + b->n + b->off[b->n];

    return MGI_REACH_WORK * size + ((size_t)1 << 22);
}

int mgi_reach_diff_find(const mgi_reach_graph *a, const mgi_reach_graph *b, const mgi_id *map,
                        size_t max, size_t budget, mgi_reach_diff *out)
{
    search x;
    size_t i, j, defects = 0;
    int counted = 0, listed = 0, rc = -1;

    memset(out, 0, sizeof *out);
    memset(&x, 0, sizeof x);
    x.a = a;
    x.b = b;
    x.map = map;
    x.budget = budget ? budget : mgi_reach_budget(a, b);
    if (condense(a, &x.ka) < 0 || condense(b, &x.kb) < 0 ||
        classes_build(a, b, map, &x.ka, &x.kb, &x.k) < 0 ||
        !(x.lost = calloc(x.k.n + 1, sizeof *x.lost)) || (defects = find_defects(&x)) == (size_t)-1)
        goto out;
    if (!defects) { /* every chain of a is one in b */
        out->exact = out->complete = 1;
        rc = 0;
        goto out;
    }
    /* counting takes at most half the budget, so that pairs get listed */
    if ((counted = count_lost(&x, x.budget / 2)) < 0 ||
        (listed = list_lost(&x, counted, max, out)) < 0)
        goto out;
    /* the total: counted; or what the classes listed from showed, at least */
    for (i = 0; i < x.k.n; i++) {
        size_t per = x.lost[i];

        if (!counted && x.list_at && x.list_at[i] != SIZE_MAX) {
            size_t sure = 0;

            for (j = 0; j < x.list_n[i]; j++)
                sure += x.k.first[x.lists[x.list_at[i] + j] + 1] -
                        x.k.first[x.lists[x.list_at[i] + j]];
            if (sure > per)
                per = sure;
        }
        out->total += per * (x.k.first[i + 1] - x.k.first[i]);
    }
    out->exact = counted == 1;
    out->complete = listed == 1;
    /* every source listed in full: the pairs listed are all there are */
    if (listed == 1 && out->n < max) {
        out->total = out->n;
        out->exact = 1;
    }
    rc = 0;
out:
    if (rc < 0) {
        mgi_reach_diff_free(out);
        out->exact = out->complete = 0;
    }
    condensed_free(&x.ka);
    condensed_free(&x.kb);
    classes_free(&x.k);
    free(x.lost);
    free(x.mark_a);
    free(x.mark_b);
    free(x.queue);
    free(x.list_at);
    free(x.list_n);
    free(x.lists);
    free(x.heap);
    free(x.sources);
    free(x.targets);
    free(x.is_source);
    return rc;
}

void mgi_reach_diff_free(mgi_reach_diff *d)
{
    free(d->from);
    free(d->to);
    memset(d, 0, sizeof *d);
}
