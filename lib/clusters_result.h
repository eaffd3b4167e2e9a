/*
 * clusters_result.h - the insides of the cluster results (clusters.c), for
 * their presentation (present_clusters.c) alone.
 */
#ifndef MG_CLUSTERS_RESULT_H
#define MG_CLUSTERS_RESULT_H

#include "util.h"

typedef struct cluster {
    mgi_strs members; /* roles (tools in the dual view), in id order */
    mgi_strs shared;  /* what two or more members have */
    double contribution; /* its share of the modularity */
} cluster;

struct mg_clusters {
    int tools;   /* the dual view */
    int jaccard;
    size_t min_shared;
    size_t max_pairs;
    mgi_strs left_out; /* hub items left out of the projection, most used first */
    double modularity;
    size_t n;
    cluster *items; /* largest first */
};

#endif
