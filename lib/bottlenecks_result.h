/*
 * bottlenecks_result.h - the insides of the bottleneck results
 * (centrality.c), for their presentation (present_bottlenecks.c) alone.
 */
#ifndef MG_BOTTLENECKS_RESULT_H
#define MG_BOTTLENECKS_RESULT_H

#include "mlopsgraph.h"

/* Listing pairs costs O(V^2) per source in the worst case: beyond this many
 * roles only the scores are computed. */
#define MGI_PAIRS_MAX_ROLES 300

struct mg_bottlenecks {
    size_t n;
    char **role;          /* ranked */
    double *betweenness;
    char ***pair_from, ***pair_to; /* per role: the pairs whose chains run through it */
    size_t *n_pairs;      /* listed: at most MG_BOTTLENECK_PAIRS_LISTED */
    size_t *pairs_total;  /* all the pairs through the role */
    int pairs_listed;     /* 0 when the organisation was too large or sampled */
    size_t sources;       /* sources of the search: every role, or a sample */
    unsigned long long seed;
};

#endif
