/*
 * picture.c - what the picture shows, by size (see picture.h): roles and
 * handoffs stay the subject; tools are drawn, folded into their role or
 * listed in the legend depending on how many there are and how widely
 * they are used. No Graphviz here: render.c draws the plan.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "picture.h"

void mgi_picture_free(mgi_picture *p)
{
    free(p->role_drawn);
    free(p->tool_drawn);
    free(p->tool_hub);
    free(p->collab_drawn);
    free(p->folded);
    free(p->hubs);
    memset(p, 0, sizeof *p);
}

/* The focus role and those within depth handoffs of it (breadth first,
 * directions and self-collaborations ignored). Returns 0 or -1. */
static int pick_neighbourhood(const mgi_model *m, mgi_id focus, size_t depth, unsigned char *drawn)
{
    mgi_undirected u;
    size_t *dist = malloc((m->n_roles + 1) * sizeof *dist);
    mgi_id *queue = malloc((m->n_roles + 1) * sizeof *queue);
    size_t head = 0, tail = 0, i, k;
    int rc = -1;

    memset(&u, 0, sizeof u);
    if (!dist || !queue || mgi_undirected_build(&u, m) < 0)
        goto out;
    for (i = 0; i < m->n_roles; i++)
        dist[i] = (size_t)-1;
    dist[focus] = 0;
    queue[tail++] = focus;
    while (head < tail) {
        mgi_id v = queue[head++];

        drawn[v] = 1;
        if (dist[v] == depth)
            continue;
        for (k = u.off[v]; k < u.off[v + 1]; k++)
            if (dist[u.nbr[k]] == (size_t)-1) {
                dist[u.nbr[k]] = dist[v] + 1;
                queue[tail++] = u.nbr[k];
            }
    }
    rc = 0;
out:
    mgi_undirected_free(&u);
    free(dist);
    free(queue);
    return rc;
}

/* An id and what it sorts by, so that qsort needs no context. */
typedef struct keyed {
    double key;
    mgi_id id;
} keyed;

static int by_key(const void *x, const void *y)
{
    const keyed *a = x, *b = y;

    return a->key != b->key ? (a->key < b->key ? -1 : 1) : (a->id > b->id) - (a->id < b->id);
}

static size_t users_of(const mgi_model *m, size_t t)
{
    return m->tool_roles.off[t + 1] - m->tool_roles.off[t];
}

/* Hubs: tools that more than half the organisation's roles use (and at
 * least MGI_HUB_MIN_ROLES); listed, most used first, when a drawn role
 * uses them. Returns 0 or -1. */
static int pick_hubs(const mgi_model *m, const size_t *users, mgi_picture *p)
{
    keyed *k = malloc((m->n_tools + 1) * sizeof *k);
    size_t t, n = 0;

    if (!k)
        return -1;
    for (t = 0; t < m->n_tools; t++)
        if (users[t] && users_of(m, t) * 2 > m->n_roles && users_of(m, t) >= MGI_HUB_MIN_ROLES) {
            p->tool_hub[t] = 1;
            k[n].key = -(double)users_of(m, t);
            k[n++].id = (mgi_id)t;
        }
    mgi_qsort(k, n, sizeof *k, by_key);
    for (p->n_hubs = 0; p->n_hubs < n; p->n_hubs++)
        p->hubs[p->n_hubs] = k[p->n_hubs].id;
    free(k);
    return 0;
}

/* The counts the size rule compares: lines and nodes for a mode. */
typedef struct tool_counts {
    size_t all_nodes, all_lines, shared_nodes, shared_lines, hubs;
} tool_counts;

static mg_tool_mode choose_mode(const mgi_picture *p, const tool_counts *c)
{
    if (c->hubs == 0 && p->n_roles_drawn + c->all_nodes <= MGI_ALL_MAX_NODES &&
        c->all_lines <= MGI_ALL_MAX_USES)
        return MG_TOOLS_ALL;
    if (p->n_roles_drawn + c->shared_nodes <= MGI_SHARED_MAX_NODES &&
        c->shared_lines <= MGI_SHARED_MAX_USES)
        return MG_TOOLS_SHARED;
    return MG_TOOLS_STACKS;
}

/* Marks hubs and the tools drawn as nodes; users[t] = drawn roles using t. */
static int pick_tools(const mgi_model *m, const mgi_picture_spec *spec, mgi_picture *p,
                      const size_t *users)
{
    unsigned char *candidate = calloc(m->n_tools + 1, 1);
    tool_counts c = { 0 };
    size_t t, k;

    if (!candidate || pick_hubs(m, users, p) < 0) {
        free(candidate);
        return -1;
    }
    for (t = 0; t < m->n_tools; t++) {
        int focus_uses = spec->focus == MGI_NONE;

        if (!users[t])
            continue;
        for (k = m->tool_roles.off[t]; k < m->tool_roles.off[t + 1] && !focus_uses; k++)
            focus_uses = m->tool_roles.items[k] == spec->focus;
        if (!focus_uses)
            continue;
        candidate[t] = 1;
        c.all_nodes++;
        c.all_lines += users[t];
        c.hubs += p->tool_hub[t];
        if (!p->tool_hub[t] && users[t] >= 2) {
            c.shared_nodes++;
            c.shared_lines += users[t];
        }
    }
    p->tools = spec->tools != MG_TOOLS_AUTO ? spec->tools : choose_mode(p, &c);
    for (t = 0; t < m->n_tools; t++) {
        p->tool_drawn[t] = candidate[t] &&
                           (p->tools == MG_TOOLS_ALL ||
                            (p->tools == MG_TOOLS_SHARED && !p->tool_hub[t] && users[t] >= 2));
        if (p->tool_drawn[t]) {
            p->n_tools_drawn++;
            p->n_tool_lines += users[t];
        }
    }
    free(candidate);
    return 0;
}

/* Union-find over roles, for the spanning forest. */
static mgi_id root_of(mgi_id *parent, mgi_id v)
{
    while (parent[v] != v)
        v = parent[v] = parent[parent[v]];
    return v;
}

/* Every handoff between drawn roles, or within the budget the spanning
 * forest (Kruskal) and then the cheapest others. */
static int pick_collabs(const mgi_model *m, size_t max_edges, mgi_picture *p)
{
    size_t budget = (size_t)-1, i, n = 0;
    keyed *order = malloc((m->n_collabs + 1) * sizeof *order);
    mgi_id *parent = malloc((m->n_roles + 1) * sizeof *parent);

    if (!order || !parent) {
        free(order);
        free(parent);
        return -1;
    }
    for (i = 0; i < m->n_collabs; i++)
        if (p->role_drawn[m->collabs[i].from] && p->role_drawn[m->collabs[i].to])
        {
            order[n].key = m->collabs[i].weight;
            order[n++].id = (mgi_id)i;
        }
    p->n_collabs_shown = n;
    if (max_edges)
        budget = max_edges > p->n_tool_lines ? max_edges - p->n_tool_lines : 0;
    mgi_qsort(order, n, sizeof *order, by_key);
    for (i = 0; i < m->n_roles; i++)
        parent[i] = (mgi_id)i;
    for (i = 0; i < n; i++) {
        const mgi_collab *c = &m->collabs[order[i].id];
        mgi_id a = root_of(parent, c->from), b = root_of(parent, c->to);

        if (n <= budget || a != b) {
            parent[a] = b;
            p->collab_drawn[order[i].id] = 1;
            p->n_collabs_drawn++;
        }
    }
    for (i = 0; i < n && p->n_collabs_drawn < budget; i++)
        if (!p->collab_drawn[order[i].id]) {
            p->collab_drawn[order[i].id] = 1;
            p->n_collabs_drawn++;
        }
    free(order);
    free(parent);
    return 0;
}

int mgi_picture_plan(const mgi_model *m, const mgi_picture_spec *spec, mgi_picture *p)
{
    size_t *users = calloc(m->n_tools + 1, sizeof *users);
    size_t r, t, k;

    memset(p, 0, sizeof *p);
    p->role_drawn = calloc(m->n_roles + 1, 1);
    p->tool_drawn = calloc(m->n_tools + 1, 1);
    p->tool_hub = calloc(m->n_tools + 1, 1);
    p->collab_drawn = calloc(m->n_collabs + 1, 1);
    p->folded = calloc(m->n_roles + 1, sizeof *p->folded);
    p->hubs = calloc(m->n_tools + 1, sizeof *p->hubs);
    if (!users || !p->role_drawn || !p->tool_drawn || !p->tool_hub || !p->collab_drawn ||
        !p->folded || !p->hubs)
        goto fail;
    if (spec->focus == MGI_NONE)
        memset(p->role_drawn, 1, m->n_roles);
    else if (pick_neighbourhood(m, spec->focus, spec->depth, p->role_drawn) < 0)
        goto fail;
    for (r = 0; r < m->n_roles; r++) {
        p->n_roles_drawn += p->role_drawn[r];
        for (k = m->role_tools.off[r]; k < m->role_tools.off[r + 1] && p->role_drawn[r]; k++)
            users[m->role_tools.items[k]]++;
    }
    if (pick_tools(m, spec, p, users) < 0)
        goto fail;
    for (r = 0; r < m->n_roles; r++)
        for (k = m->role_tools.off[r]; k < m->role_tools.off[r + 1]; k++) {
            t = m->role_tools.items[k];
            p->folded[r] += !p->tool_drawn[t] && !p->tool_hub[t];
        }
    if (pick_collabs(m, spec->max_edges, p) < 0)
        goto fail;
    free(users);
    return 0;
fail:
    free(users);
    mgi_picture_free(p);
    return -1;
}
