/*
 * clusters_result.h - the insides of the cluster results (clusters.c), for
 * their presentation (present_clusters.c) alone.
 */
#ifndef MG_CLUSTERS_RESULT_H
#define MG_CLUSTERS_RESULT_H

#include "mlopsgraph.h"
#include "util.h"

/* An item over-represented in a cluster: its members that have it, and the
 * share of the cluster's members and of all nodes that have it. */
typedef struct stack_item {
    char *name;
    size_t count;
    double share_in_cluster, share_overall;
} stack_item;

#define MGI_STACK_MAX 10

typedef struct cluster {
    mgi_strs members; /* roles (tools in the dual view), in id order */
    mgi_strs shared;  /* what two or more members have */
    stack_item stack[MGI_STACK_MAX]; /* the most over-represented first */
    size_t n_stack;
    double contribution; /* its share of the modularity */
} cluster;

struct mg_clusters {
    int tools; /* the dual view */
    mg_similarity similarity;
    size_t neighbours; /* k of the k-NN sparsification applied, 0 when none */
    size_t min_shared;
    size_t max_pairs;
    mgi_strs left_out; /* hub items left out of the projection, most used first */
    double modularity;
    size_t n;
    cluster *items; /* largest first */
};

#endif
