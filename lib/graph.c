/*
 * graph.c - the compact collaboration graph and its structure: components,
 * cut roles (articulation points) and cut handoffs (bridges).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "graph.h"

/* ---- Building ------------------------------------------------------------- */

typedef struct arc {
    mgi_id from, to, collab;
    double weight;
} arc;

static int arc_cmp(const void *x, const void *y)
{
    const arc *a = x, *b = y;

    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    if (a->to != b->to)
        return a->to < b->to ? -1 : 1;
    return a->collab < b->collab ? -1 : a->collab > b->collab;
}

/* Fills CSR arrays from arcs sorted by `from`. */
static int csr_from_arcs(size_t n_nodes, const arc *arcs, size_t n, size_t **off, mgi_id **to,
                         double **weight, mgi_id **collab)
{
    size_t i;

    *off = calloc(n_nodes + 1, sizeof **off);
    *to = malloc((n ? n : 1) * sizeof **to);
    *collab = malloc((n ? n : 1) * sizeof **collab);
    if (weight)
        *weight = malloc((n ? n : 1) * sizeof **weight);
    if (!*off || !*to || !*collab || (weight && !*weight))
        return -1;
    for (i = 0; i < n; i++) {
        (*off)[arcs[i].from + 1]++;
        (*to)[i] = arcs[i].to;
        (*collab)[i] = arcs[i].collab;
        if (weight)
            (*weight)[i] = arcs[i].weight;
    }
    for (i = 0; i < n_nodes; i++)
        (*off)[i + 1] += (*off)[i];
    return 0;
}

/* Collects the arcs of every non-self collaboration; `undirected` adds the
 * reverse of every one, `both` only of those that run both ways. */
static arc *collect(const mgi_model *m, int undirected, size_t *n)
{
    arc *arcs = malloc((2 * m->n_collabs + 1) * sizeof *arcs);
    size_t i, k = 0;

    if (!arcs)
        return NULL;
    for (i = 0; i < m->n_collabs; i++) {
        const mgi_collab *c = &m->collabs[i];

        if (c->from == c->to)
            continue;
        arcs[k].from = c->from;
        arcs[k].to = c->to;
        arcs[k].collab = (mgi_id)i;
        arcs[k].weight = c->weight;
        k++;
        if (undirected || c->both) {
            arcs[k] = arcs[k - 1];
            arcs[k].from = c->to;
            arcs[k].to = c->from;
            k++;
        }
    }
    mgi_qsort(arcs, k, sizeof *arcs, arc_cmp);
    *n = k;
    return arcs;
}

/* The CSR arrays of the collaborations between roles (collect), directed
 * or not; weight may be NULL. Returns 0, or -1 when out of memory (what was
 * allocated is left for the caller to free). */
static int csr_of_collabs(const mgi_model *m, int undirected, size_t **off, mgi_id **to,
                          double **weight, mgi_id **collab)
{
    size_t n;
    arc *arcs = collect(m, undirected, &n);
    int rc;

    if (!arcs)
        return -1;
    rc = csr_from_arcs(m->n_roles, arcs, n, off, to, weight, collab);
    free(arcs);
    return rc;
}

int mgi_arcs_build(mgi_arcs *a, const mgi_model *m)
{
    memset(a, 0, sizeof *a);
    a->n_nodes = m->n_roles;
    if (csr_of_collabs(m, 0, &a->off, &a->to, &a->weight, &a->collab) < 0) {
        mgi_arcs_free(a); /* out of memory: nothing is left for the caller */
        return -1;
    }
    return 0;
}

void mgi_arcs_free(mgi_arcs *a)
{
    free(a->off);
    free(a->to);
    free(a->weight);
    free(a->collab);
    memset(a, 0, sizeof *a);
}

int mgi_arcs_reverse(const mgi_arcs *a, mgi_arcs *ra)
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

int mgi_undirected_build(mgi_undirected *u, const mgi_model *m)
{
    memset(u, 0, sizeof *u);
    u->n_nodes = m->n_roles;
    if (csr_of_collabs(m, 1, &u->off, &u->nbr, NULL, &u->edge) < 0) {
        mgi_undirected_free(u);
        return -1;
    }
    return 0;
}

void mgi_undirected_free(mgi_undirected *u)
{
    free(u->off);
    free(u->nbr);
    free(u->edge);
    memset(u, 0, sizeof *u);
}

/* ---- Components ------------------------------------------------------------- */

size_t mgi_components(const mgi_undirected *u, mgi_id *comp)
{
    mgi_id *queue = malloc((u->n_nodes + 1) * sizeof *queue);
    size_t v, n_comp = 0;

    if (!queue)
        return (size_t)-1;
    for (v = 0; v < u->n_nodes; v++)
        comp[v] = MGI_NONE;
    for (v = 0; v < u->n_nodes; v++) {
        size_t head = 0, tail = 0;

        if (comp[v] != MGI_NONE)
            continue;
        comp[v] = (mgi_id)n_comp;
        queue[tail++] = (mgi_id)v;
        while (head < tail) {
            mgi_id x = queue[head++];
            size_t k;

            for (k = u->off[x]; k < u->off[x + 1]; k++)
                if (comp[u->nbr[k]] == MGI_NONE) {
                    comp[u->nbr[k]] = (mgi_id)n_comp;
                    queue[tail++] = u->nbr[k];
                }
        }
        n_comp++;
    }
    free(queue);
    return n_comp;
}

/* ---- Cut roles and cut handoffs ----------------------------------------------- */

typedef struct frame {
    mgi_id node;
    mgi_id parent_edge; /* the edge we came in by: MGI_NONE at a root */
    size_t next;        /* the next adjacency slot to look at */
} frame;

/* The state of the depth-first search for cuts. */
typedef struct dfs {
    const mgi_undirected *u;
    mgi_cuts *cuts;
    size_t timer, cap_roles, cap_bridges;
    mgi_id root;         /* the root of the search under way */
    size_t *disc, *low;  /* discovery time; lowest time reachable by one back edge */
    mgi_id *order;       /* discovery time -> role */
    size_t *sub_size;    /* roles in the DFS subtree */
    mgi_id *sub_min;     /* smallest role in the DFS subtree */
    size_t *comp_size;   /* roles in each component */
    mgi_id *comp;        /* role -> component */
    mgi_id *cut_index;   /* role -> index in cuts->roles */
    frame *stack;
} dfs;

static int add_part(mgi_cut_role *c, mgi_id rep, size_t size, size_t first)
{
    mgi_id *reps = realloc(c->part_rep, (c->n_parts + 1) * sizeof *reps);
    size_t *sizes, *firsts;

    if (!reps)
        return -1;
    c->part_rep = reps;
    sizes = realloc(c->part_size, (c->n_parts + 1) * sizeof *sizes);
    if (!sizes)
        return -1;
    c->part_size = sizes;
    firsts = realloc(c->part_first, (c->n_parts + 1) * sizeof *firsts);
    if (!firsts)
        return -1;
    c->part_first = firsts;
    c->part_rep[c->n_parts] = rep;
    c->part_size[c->n_parts] = size;
    c->part_first[c->n_parts] = first;
    c->n_parts++;
    return 0;
}

typedef struct part {
    mgi_id rep;
    size_t size, first;
} part;

static int part_cmp(const void *x, const void *y)
{
    const part *a = x, *b = y;

    return a->rep < b->rep ? -1 : a->rep > b->rep;
}

static int part_first_cmp(const void *x, const void *y)
{
    const part *a = x, *b = y;

    return a->first < b->first ? -1 : a->first > b->first;
}

/* Parts in order of their representative (distinct: parts are disjoint),
 * so messages read the same whatever way the search went; by_first lists
 * the subtree parts by their place in the search order (for look-ups). */
static int sort_parts(mgi_cut_role *c)
{
    part *parts = malloc((c->n_parts + 1) * sizeof *parts);
    size_t j;

    if (!parts || !(c->by_first = malloc((c->n_parts + 1) * sizeof *c->by_first))) {
        free(parts);
        return -1;
    }
    for (j = 0; j < c->n_parts; j++) {
        parts[j].rep = c->part_rep[j];
        parts[j].size = c->part_size[j];
        parts[j].first = c->part_first[j];
    }
    mgi_qsort(parts, c->n_parts, sizeof *parts, part_cmp);
    for (j = 0; j < c->n_parts; j++) {
        c->part_rep[j] = parts[j].rep;
        c->part_size[j] = parts[j].size;
        c->part_first[j] = parts[j].first;
        parts[j].rep = (mgi_id)j; /* now the part's index */
    }
    mgi_qsort(parts, c->n_parts, sizeof *parts, part_first_cmp);
    c->above = c->n_parts;
    for (j = 0; j < c->n_parts; j++)
        if (c->part_first[j] == MGI_PART_ABOVE)
            c->above = j;
    for (c->n_below = 0; c->n_below < c->n_parts && parts[c->n_below].first != MGI_PART_ABOVE;
         c->n_below++)
        c->by_first[c->n_below] = parts[c->n_below].rep;
    free(parts);
    return 0;
}

static int cut_role_cmp(const void *x, const void *y)
{
    const mgi_cut_role *a = x, *b = y;

    return a->role < b->role ? -1 : a->role > b->role;
}

static int bridge_cmp(const void *x, const void *y)
{
    const mgi_bridge *a = x, *b = y;

    return a->collab < b->collab ? -1 : a->collab > b->collab;
}

static void dfs_free(dfs *d)
{
    free(d->disc);
    free(d->order);
    free(d->low);
    free(d->sub_size);
    free(d->sub_min);
    free(d->comp_size);
    free(d->comp);
    free(d->cut_index);
    free(d->stack);
}

static int dfs_init(dfs *d, const mgi_undirected *u, mgi_cuts *cuts)
{
    size_t n = u->n_nodes, v;

    memset(d, 0, sizeof *d);
    d->u = u;
    d->cuts = cuts;
    d->disc = malloc((n + 1) * sizeof *d->disc);
    d->low = malloc((n + 1) * sizeof *d->low);
    d->sub_size = malloc((n + 1) * sizeof *d->sub_size);
    d->sub_min = malloc((n + 1) * sizeof *d->sub_min);
    d->comp_size = calloc(n + 1, sizeof *d->comp_size);
    d->comp = malloc((n + 1) * sizeof *d->comp);
    d->cut_index = malloc((n + 1) * sizeof *d->cut_index);
    d->stack = malloc((n + 1) * sizeof *d->stack);
    d->order = malloc((n + 1) * sizeof *d->order);
    if (!d->order || !d->disc || !d->low || !d->sub_size || !d->sub_min || !d->comp_size || !d->comp ||
        !d->cut_index || !d->stack || mgi_components(u, d->comp) == (size_t)-1)
        return -1;
    for (v = 0; v < n; v++) {
        d->comp_size[d->comp[v]]++;
        d->disc[v] = (size_t)-1;
        d->cut_index[v] = MGI_NONE;
    }
    return 0;
}

/* Discovers w from the edge parent_edge: pushes it on the stack at sp. */
static void discover(dfs *d, size_t sp, mgi_id w, mgi_id parent_edge)
{
    d->order[d->timer] = w;
    d->disc[w] = d->low[w] = d->timer++;
    d->sub_size[w] = 1;
    d->sub_min[w] = w;
    d->stack[sp].node = w;
    d->stack[sp].parent_edge = parent_edge;
    d->stack[sp].next = d->u->off[w];
}

/* p's separated part: v's subtree, which reaches nothing above p. */
static int add_cut_part(dfs *d, mgi_id p, mgi_id v)
{
    mgi_cuts *cuts = d->cuts;

    if (d->cut_index[p] == MGI_NONE) {
        mgi_cut_role *c;

        if (mgi_grow(&cuts->roles, &d->cap_roles, cuts->n_roles + 1, sizeof *cuts->roles) < 0)
            return -1;
        d->cut_index[p] = (mgi_id)cuts->n_roles;
        c = &cuts->roles[cuts->n_roles++];
        memset(c, 0, sizeof *c);
        c->role = p;
    }
    return add_part(&d->cuts->roles[d->cut_index[p]], d->sub_min[v], d->sub_size[v], d->disc[v]);
}

/* v, entered from p by edge e, is finished: report it to p. Returns 0, or
 * -1 when out of memory. */
static int finish(dfs *d, mgi_id p, mgi_id v, mgi_id e)
{
    if (d->low[v] < d->low[p])
        d->low[p] = d->low[v];
    d->sub_size[p] += d->sub_size[v];
    if (d->sub_min[v] < d->sub_min[p])
        d->sub_min[p] = d->sub_min[v];
    if (d->low[v] > d->disc[p]) {
        mgi_cuts *cuts = d->cuts;
        mgi_bridge *b;

        if (mgi_grow(&cuts->bridges, &d->cap_bridges, cuts->n_bridges + 1,
                     sizeof *cuts->bridges) < 0)
            return -1;
        b = &cuts->bridges[cuts->n_bridges++];
        b->collab = e;
        b->a = p;
        b->b = v;
        b->size_a = d->comp_size[d->comp[v]] - d->sub_size[v];
        b->size_b = d->sub_size[v];
        b->root = d->root;
    }
    /* p separates v's subtree when nothing in it reaches above p (for a
     * DFS root: every child; see whole_parts) */
    return d->low[v] >= d->disc[p] ? add_cut_part(d, p, v) : 0;
}

/* The iterative DFS from root over its component. Returns 0, or -1 when
 * out of memory. */
static int search_from(dfs *d, mgi_id root)
{
    const mgi_undirected *u = d->u;
    size_t sp = 0;

    d->root = root;
    discover(d, sp++, root, MGI_NONE);
    while (sp) {
        frame *f = &d->stack[sp - 1];
        mgi_id v = f->node;

        if (f->next < u->off[v + 1]) {
            size_t k = f->next++;
            mgi_id w = u->nbr[k];

            if (u->edge[k] == f->parent_edge)
                continue; /* the edge we came by (a parallel edge is another) */
            if (d->disc[w] == (size_t)-1)
                discover(d, sp++, w, u->edge[k]);
            else if (d->disc[w] < d->low[v])
                d->low[v] = d->disc[w];
            continue;
        }
        sp--;
        if (sp && finish(d, d->stack[sp - 1].node, v, f->parent_edge) < 0)
            return -1;
    }
    return 0;
}

/* A cut role other than a DFS root also splits off the part holding its
 * component's root, which is the component's smallest id. A root is a cut
 * role only with two or more separated subtrees: drop the others. Returns
 * 0, or -1 when out of memory. */
static int whole_parts(dfs *d)
{
    mgi_cuts *cuts = d->cuts;
    mgi_id *smallest = d->sub_min; /* reused: the smallest id of each component */
    size_t i, j, kept = 0;

    for (i = d->u->n_nodes; i-- > 0;)
        smallest[d->comp[i]] = (mgi_id)i;
    for (i = 0; i < cuts->n_roles; i++) {
        mgi_cut_role *c = &cuts->roles[i];
        mgi_id comp = d->comp[c->role];
        size_t separated = 0;

        for (j = 0; j < c->n_parts; j++)
            separated += c->part_size[j];
        if (smallest[comp] != c->role &&
            add_part(c, smallest[comp], d->comp_size[comp] - 1 - separated, MGI_PART_ABOVE) < 0)
            return -1;
    }
    for (i = 0; i < cuts->n_roles; i++)
        if (sort_parts(&cuts->roles[i]) < 0)
            return -1;
    for (i = 0; i < cuts->n_roles; i++) {
        mgi_cut_role *c = &cuts->roles[i];

        if (c->n_parts < 2) {
            free(c->part_rep);
            free(c->part_size);
            free(c->part_first);
            free(c->by_first);
            continue;
        }
        cuts->roles[kept++] = *c;
    }
    cuts->n_roles = kept;
    return 0;
}

/*
 * Articulation points and bridges (Hopcroft and Tarjan 1973): one DFS
 * keeps, for each role, its discovery time and the lowest time its subtree
 * reaches by one back edge; a child whose subtree reaches nothing above its
 * parent is cut off by the parent, and one that cannot reach the parent
 * either hangs on a bridge. The search is iterative (no recursion depth
 * limit) and starts each component at its smallest id, so the part
 * "above" a cut role always holds that id. O(V + E) time and memory.
 */
int mgi_cuts_find(const mgi_undirected *u, mgi_cuts *cuts)
{
    dfs d;
    size_t root;
    int rc = -1;

    memset(cuts, 0, sizeof *cuts);
    if (dfs_init(&d, u, cuts) < 0)
        goto out;
    for (root = 0; root < u->n_nodes; root++)
        if (d.disc[root] == (size_t)-1 && search_from(&d, (mgi_id)root) < 0)
            goto out;
    if (whole_parts(&d) < 0)
        goto out;
    mgi_qsort(cuts->roles, cuts->n_roles, sizeof *cuts->roles, cut_role_cmp);
    mgi_qsort(cuts->bridges, cuts->n_bridges, sizeof *cuts->bridges, bridge_cmp);
    cuts->pre = d.disc;
    cuts->order = d.order;
    d.disc = NULL;
    d.order = NULL;
    rc = 0;
out:
    dfs_free(&d);
    if (rc < 0)
        mgi_cuts_free(cuts);
    return rc;
}

void mgi_cuts_free(mgi_cuts *cuts)
{
    size_t i;

    for (i = 0; i < cuts->n_roles; i++) {
        free(cuts->roles[i].part_rep);
        free(cuts->roles[i].part_size);
        free(cuts->roles[i].part_first);
        free(cuts->roles[i].by_first);
    }
    free(cuts->roles);
    free(cuts->bridges);
    free(cuts->pre);
    free(cuts->order);
    memset(cuts, 0, sizeof *cuts);
}

/* ---- The parts a cut leaves --------------------------------------------------- */

/* Adds the run [from, to) of the search order when it is not empty. */
static void add_run(size_t from, size_t to, size_t (*runs)[2], size_t *n)
{
    if (to > from) {
        runs[*n][0] = from;
        runs[*n][1] = to;
        (*n)++;
    }
}

size_t mgi_cut_role_runs(const mgi_cuts *cuts, const mgi_cut_role *c, size_t j, size_t (*runs)[2])
{
    size_t n = 0, k, at, end;

    if (c->part_first[j] != MGI_PART_ABOVE) {
        add_run(c->part_first[j], c->part_first[j] + c->part_size[j], runs, &n);
        return n;
    }
    /* the component's run, less the role and the runs of the other parts */
    at = cuts->pre[c->part_rep[j]];
    for (end = at + 1, k = 0; k < c->n_parts; k++)
        end += c->part_size[k];
    add_run(at, cuts->pre[c->role], runs, &n);
    at = cuts->pre[c->role] + 1;
    for (k = 0; k < c->n_below; k++) {
        size_t p = c->by_first[k];

        add_run(at, c->part_first[p], runs, &n);
        at = c->part_first[p] + c->part_size[p];
    }
    add_run(at, end, runs, &n);
    return n;
}

size_t mgi_cut_role_part_of(const mgi_cuts *cuts, const mgi_cut_role *c, mgi_id v)
{
    size_t t = cuts->pre[v], lo = 0, hi = c->n_below;

    /* the last subtree part starting at or before v's place */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (c->part_first[c->by_first[mid]] <= t)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo) {
        size_t p = c->by_first[lo - 1];

        if (t < c->part_first[p] + c->part_size[p])
            return p;
    }
    return c->above;
}

size_t mgi_bridge_runs(const mgi_cuts *cuts, const mgi_bridge *br, int side_b, size_t (*runs)[2])
{
    size_t n = 0, first = cuts->pre[br->b], start = cuts->pre[br->root];

    if (side_b) {
        add_run(first, first + br->size_b, runs, &n);
    } else {
        add_run(start, first, runs, &n);
        add_run(first + br->size_b, start + br->size_a + br->size_b, runs, &n);
    }
    return n;
}
