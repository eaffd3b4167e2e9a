/*
 * cluster_view.h - the cluster view (cluster_view.c): for an organisation
 * too large to draw node by node, a smaller one with one role per
 * shared-tool cluster, which render.c draws like any other.
 */
#ifndef MG_CLUSTER_VIEW_H
#define MG_CLUSTER_VIEW_H

#include "org.h"

/* The view draws at most this many clusters, and this many links a cluster
 * on average: more is a hairball, whatever the layout. */
#define MGI_VIEW_CLUSTERS 200
#define MGI_VIEW_LINKS_PER_CLUSTER 3

typedef struct mgi_cluster_view {
    /* One role per cluster, in size order ("01. A and 3 more (Python, ...)"),
     * the largest MGI_VIEW_CLUSTERS - 1 and one for the rest, with the
     * attribute "roles" (members); collaborations between two clusters,
     * either way, counted, with the attribute "handoffs". Frozen. */
    mgi_model *model;
    size_t n_clusters;   /* clusters found, kept or not */
    int links_cut;       /* only the links with the most handoffs are kept */
} mgi_cluster_view;

/* Builds the view of org. Returns MG_OK, or the error of the clusters
 * search or MG_ENOMEM. Time: that of mg_clusters_find, plus
 * O(E log E) for the links. */
mg_status mgi_cluster_view_build(const mg_org *org, mgi_cluster_view *view, mg_error *err);
void mgi_cluster_view_free(mgi_cluster_view *view);

#endif
