/*
 * cluster_view.c - the cluster view of cluster_view.h: the shared-tool
 * clusters (clusters.c) folded into a smaller organisation.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cluster_view.h"

typedef struct link_count {
    mgi_id a, b;
    size_t n;
} link_count;

/* Most handoffs first, then by the clusters' numbers. */
static int link_count_cmp(const void *x, const void *y)
{
    const link_count *p = x, *q = y;

    if (p->n != q->n)
        return p->n > q->n ? -1 : 1;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

/* What the view is built from: the clusters, and which node each role joins. */
typedef struct folding {
    const mgi_model *m;
    const mg_clusters *c;
    size_t n, kept;     /* clusters, and those drawn on their own */
    mgi_id *cluster_of; /* role -> node of the view */
    mgi_id *node_of;    /* cluster number -> role id in the view */
    mgi_model *v;
    mgi_pos pos;
} folding;

/* The name of view node i: a kept cluster by its first member and what it
 * shares, or the rest together. Sets *members. Returns 0, or -1 when out of memory. */
static int node_name(const folding *f, size_t i, mgi_buf *name, size_t *members)
{
    size_t j, shared;

    *members = 0;
    mgi_buf_clear(name);
    if (i == f->kept) {
        for (j = f->kept; j < f->n; j++)
            *members += mg_cluster_size(f->c, j);
        return mgi_buf_printf(name, "%zu smaller clusters (%zu roles)", f->n - f->kept,
                              *members);
    }
    *members = mg_cluster_size(f->c, i);
    shared = mg_cluster_shared_count(f->c, i);
    mgi_buf_printf(name, "%0*zu. %s", (int)snprintf(NULL, 0, "%zu", f->kept), i + 1,
                   mg_cluster_member(f->c, i, 0));
    if (*members > 1)
        mgi_buf_printf(name, " and %zu more", *members - 1);
    if (shared)
        mgi_buf_printf(name, " (%s%s)", mg_cluster_shared(f->c, i, 0), shared > 1 ? ", ..." : "");
    return name->data ? 0 : -1;
}

/* One role per kept cluster (and one for the rest), numbered in size order. */
static int add_nodes(folding *f)
{
    mgi_buf name = { 0 }, num = { 0 };
    size_t i, j, members;
    int rc = 0;

    for (i = 0; i < f->n; i++)
        for (j = 0; j < mg_cluster_size(f->c, i); j++)
            f->cluster_of[mgi_model_find_role(f->m, mg_cluster_member(f->c, i, j))] =
                (mgi_id)(i < f->kept ? i : f->kept);
    for (i = 0; rc == 0 && i <= f->kept && i < f->n; i++) {
        mgi_attrs attrs = { 0 };

        mgi_buf_clear(&num);
        if (node_name(f, i, &name, &members) < 0 || mgi_buf_printf(&num, "%zu", members) < 0 ||
            mgi_attrs_add(&attrs, "roles", num.data) < 0 ||
            (f->node_of[i] = mgi_model_role(f->v, name.data, name.len, &f->pos)) == MGI_NONE ||
            mgi_model_define_role(f->v, f->node_of[i], &f->pos, "", "", "", &attrs) < 0) {
            mgi_attrs_free(&attrs);
            rc = -1;
        }
    }
    mgi_buf_free(&name);
    mgi_buf_free(&num);
    return rc;
}

/* The handoffs between two clusters, either way, counted: most first.
 * NULL when out of memory. */
static link_count *count_links(const folding *f, size_t *n_counted)
{
    const mgi_model *m = f->m;
    mgi_pair *links = malloc((m->n_collabs + 1) * sizeof *links);
    link_count *counted = NULL;
    size_t i, j, n_links = 0;

    *n_counted = 0;
    if (!links)
        return NULL;
    for (i = 0; i < m->n_collabs; i++) {
        mgi_id a = f->cluster_of[m->collabs[i].from], b = f->cluster_of[m->collabs[i].to];

        if (a == b)
            continue;
        links[n_links].a = a < b ? a : b;
        links[n_links++].b = a < b ? b : a;
    }
    mgi_qsort(links, n_links, sizeof *links, mgi_pair_cmp);
    if ((counted = malloc((n_links + 1) * sizeof *counted))) {
        for (i = 0; i < n_links; i = j) {
            for (j = i; j < n_links && links[j].a == links[i].a && links[j].b == links[i].b; j++)
                ;
            counted[*n_counted].a = links[i].a;
            counted[*n_counted].b = links[i].b;
            counted[(*n_counted)++].n = j - i;
        }
        mgi_qsort(counted, *n_counted, sizeof *counted, link_count_cmp);
    }
    free(links);
    return counted;
}

/* The heaviest links as collaborations of the view; sets view->links_cut. */
static int add_links(folding *f, mgi_cluster_view *view)
{
    mgi_buf name = { 0 }, num = { 0 };
    size_t i, n_counted, most = MGI_VIEW_LINKS_PER_CLUSTER * (f->kept + 1);
    link_count *counted = count_links(f, &n_counted);
    int rc = counted ? 0 : -1;

    view->links_cut = n_counted > most;
    for (i = 0; rc == 0 && i < n_counted && i < most; i++) {
        mgi_attrs attrs = { 0 };
        size_t k = counted[i].n;

        mgi_buf_clear(&num);
        mgi_buf_clear(&name);
        if (mgi_buf_printf(&num, "%zu", k) < 0 ||
            mgi_buf_printf(&name, "%zu handoff%s", k, k == 1 ? "" : "s") < 0 ||
            mgi_attrs_add(&attrs, "handoffs", num.data) < 0 ||
            mgi_model_add_collab(f->v, f->node_of[counted[i].a], f->node_of[counted[i].b], 1, 1,
                                 name.data, &f->pos, &attrs) < 0) {
            mgi_attrs_free(&attrs);
            rc = -1;
        }
    }
    free(counted);
    mgi_buf_free(&name);
    mgi_buf_free(&num);
    return rc;
}

void mgi_cluster_view_free(mgi_cluster_view *view)
{
    mgi_model_free(view->model);
    memset(view, 0, sizeof *view);
}

mg_status mgi_cluster_view_build(const mg_org *org, mgi_cluster_view *view, mg_error *err)
{
    folding f;
    mg_clusters *c = NULL;
    mg_status st;

    memset(view, 0, sizeof *view);
    memset(&f, 0, sizeof f);
    if ((st = mg_clusters_find(org, NULL, &c, err)) != MG_OK)
        return st;
    f.m = org->m;
    f.c = c;
    f.n = mg_clusters_count(c);
    f.kept = f.n <= MGI_VIEW_CLUSTERS ? f.n : MGI_VIEW_CLUSTERS - 1;
    f.cluster_of = malloc((f.m->n_roles + 1) * sizeof *f.cluster_of);
    f.node_of = malloc((f.kept + 2) * sizeof *f.node_of);
    st = MG_ENOMEM;
    if (!f.cluster_of || !f.node_of || !(f.v = mgi_model_new()) ||
        (f.pos.source = mgi_model_source(f.v, "", MG_TABLE_COUNT)) == MGI_NONE || add_nodes(&f) < 0 ||
        add_links(&f, view) < 0 || mgi_model_freeze(f.v) < 0)
        goto out;
    view->model = f.v;
    view->n_clusters = f.n;
    f.v = NULL;
    st = MG_OK;
out:
    mgi_model_free(f.v);
    mg_clusters_free(c);
    free(f.cluster_of);
    free(f.node_of);
    return st == MG_OK ? MG_OK : mgi_nomem(err);
}
