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

int mgi_arcs_build(mgi_arcs *a, const mgi_model *m)
{
    size_t n;
    arc *arcs = collect(m, 0, &n);
    int rc;

    memset(a, 0, sizeof *a);
    if (!arcs)
        return -1;
    a->n_nodes = m->n_roles;
    rc = csr_from_arcs(m->n_roles, arcs, n, &a->off, &a->to, &a->weight, &a->collab);
    free(arcs);
    return rc;
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
    size_t n;
    arc *arcs = collect(m, 1, &n);
    int rc;

    memset(u, 0, sizeof *u);
    if (!arcs)
        return -1;
    u->n_nodes = m->n_roles;
    rc = csr_from_arcs(m->n_roles, arcs, n, &u->off, &u->nbr, NULL, &u->edge);
    free(arcs);
    return rc;
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

static int add_part(mgi_cut_role *c, mgi_id rep, size_t size)
{
    mgi_id *reps = realloc(c->part_rep, (c->n_parts + 1) * sizeof *reps);
    size_t *sizes;

    if (!reps)
        return -1;
    c->part_rep = reps;
    sizes = realloc(c->part_size, (c->n_parts + 1) * sizeof *sizes);
    if (!sizes)
        return -1;
    c->part_size = sizes;
    c->part_rep[c->n_parts] = rep;
    c->part_size[c->n_parts] = size;
    c->n_parts++;
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

int mgi_cuts_find(const mgi_undirected *u, mgi_cuts *cuts)
{
    size_t n = u->n_nodes, timer = 0, root, cap_roles = 0, cap_bridges = 0;
    size_t *disc = malloc((n + 1) * sizeof *disc), *low = malloc((n + 1) * sizeof *low);
    size_t *sub_size = malloc((n + 1) * sizeof *sub_size);
    size_t *comp_size = malloc((n + 1) * sizeof *comp_size);
    mgi_id *sub_min = malloc((n + 1) * sizeof *sub_min);
    mgi_id *cut_index = malloc((n + 1) * sizeof *cut_index); /* role -> index in cuts->roles */
    frame *stack = malloc((n + 1) * sizeof *stack);
    mgi_id *comp = malloc((n + 1) * sizeof *comp);
    int rc = -1;

    memset(cuts, 0, sizeof *cuts);
    if (!disc || !low || !sub_size || !comp_size || !sub_min || !cut_index || !stack || !comp)
        goto out;
    if (mgi_components(u, comp) == (size_t)-1)
        goto out;
    memset(comp_size, 0, (n + 1) * sizeof *comp_size);
    for (root = 0; root < n; root++) {
        comp_size[comp[root]]++;
        disc[root] = (size_t)-1;
        cut_index[root] = MGI_NONE;
    }
    /* Roots in id order: each DFS starts at the smallest id of its
     * component, so the part "above" a cut role always holds that id. */
    for (root = 0; root < n; root++) {
        size_t sp = 0;

        if (disc[root] != (size_t)-1)
            continue;
        stack[sp].node = (mgi_id)root;
        stack[sp].parent_edge = MGI_NONE;
        stack[sp].next = u->off[root];
        sp++;
        disc[root] = low[root] = timer++;
        sub_size[root] = 1;
        sub_min[root] = (mgi_id)root;
        while (sp) {
            frame *f = &stack[sp - 1];
            mgi_id v = f->node;

            if (f->next < u->off[v + 1]) {
                size_t k = f->next++;
                mgi_id w = u->nbr[k];

                if (u->edge[k] == f->parent_edge)
                    continue; /* the edge we came by (a parallel edge is another) */
                if (disc[w] == (size_t)-1) {
                    disc[w] = low[w] = timer++;
                    sub_size[w] = 1;
                    sub_min[w] = w;
                    stack[sp].node = w;
                    stack[sp].parent_edge = u->edge[k];
                    stack[sp].next = u->off[w];
                    sp++;
                } else if (disc[w] < low[v]) {
                    low[v] = disc[w];
                }
                continue;
            }
            /* v is finished: report to its parent p */
            sp--;
            if (sp) {
                mgi_id p = stack[sp - 1].node;

                if (low[v] < low[p])
                    low[p] = low[v];
                sub_size[p] += sub_size[v];
                if (sub_min[v] < sub_min[p])
                    sub_min[p] = sub_min[v];
                if (low[v] > disc[p]) {
                    mgi_bridge *b;

                    if (mgi_grow(&cuts->bridges, &cap_bridges, cuts->n_bridges + 1,
                                 sizeof *cuts->bridges) < 0)
                        goto out;
                    b = &cuts->bridges[cuts->n_bridges++];
                    b->collab = f->parent_edge;
                    b->a = p;
                    b->b = v;
                    b->size_a = comp_size[comp[v]] - sub_size[v];
                    b->size_b = sub_size[v];
                }
                /* p separates v's subtree when nothing in it reaches above p
                 * (for a DFS root: every child; see the clean-up below) */
                if (low[v] >= disc[p]) {
                    mgi_cut_role *c;

                    if (cut_index[p] == MGI_NONE) {
                        if (mgi_grow(&cuts->roles, &cap_roles, cuts->n_roles + 1,
                                     sizeof *cuts->roles) < 0)
                            goto out;
                        cut_index[p] = (mgi_id)cuts->n_roles;
                        c = &cuts->roles[cuts->n_roles++];
                        memset(c, 0, sizeof *c);
                        c->role = p;
                    }
                    if (add_part(&cuts->roles[cut_index[p]], sub_min[v], sub_size[v]) < 0)
                        goto out;
                }
            }
        }
    }
    /* A cut role other than a DFS root also splits off the part holding its
     * component's root, which is the component's smallest id. A root is a
     * cut role only with two or more separated subtrees: drop the others. */
    {
        size_t i, j, kept = 0;

        for (i = n; i-- > 0;)
            sub_min[comp[i]] = (mgi_id)i; /* now: the smallest id of each component */
        for (i = 0; i < cuts->n_roles; i++) {
            mgi_cut_role *c = &cuts->roles[i];
            size_t separated = 0;

            for (j = 0; j < c->n_parts; j++)
                separated += c->part_size[j];
            if (sub_min[comp[c->role]] != c->role &&
                add_part(c, sub_min[comp[c->role]], comp_size[comp[c->role]] - 1 - separated) < 0)
                goto out;
        }
        for (i = 0; i < cuts->n_roles; i++) {
            mgi_cut_role *c = &cuts->roles[i];

            /* parts in order of their representative, so messages read the same
             * whatever way the search went */
            for (j = 1; j < c->n_parts; j++) {
                size_t x = j;

                while (x > 0 && c->part_rep[x - 1] > c->part_rep[x]) {
                    mgi_id r = c->part_rep[x];
                    size_t z = c->part_size[x];

                    c->part_rep[x] = c->part_rep[x - 1];
                    c->part_size[x] = c->part_size[x - 1];
                    c->part_rep[x - 1] = r;
                    c->part_size[x - 1] = z;
                    x--;
                }
            }
            if (cuts->roles[i].n_parts < 2) {
                free(cuts->roles[i].part_rep);
                free(cuts->roles[i].part_size);
                continue;
            }
            cuts->roles[kept++] = cuts->roles[i];
        }
        cuts->n_roles = kept;
    }
    mgi_qsort(cuts->roles, cuts->n_roles, sizeof *cuts->roles, cut_role_cmp);
    mgi_qsort(cuts->bridges, cuts->n_bridges, sizeof *cuts->bridges, bridge_cmp);
    rc = 0;
out:
    free(disc);
    free(low);
    free(sub_size);
    free(comp_size);
    free(sub_min);
    free(cut_index);
    free(stack);
    free(comp);
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
    }
    free(cuts->roles);
    free(cuts->bridges);
    memset(cuts, 0, sizeof *cuts);
}
