/*
 * compare_result.h - the insides of a comparison, shared by the analysis
 * that builds it (compare.c) and the file that presents it
 * (present_compare.c) only.
 */
#ifndef MG_COMPARE_RESULT_H
#define MG_COMPARE_RESULT_H

#include "graph.h"
#include "org.h"

/* Pairs of roles listed at most for chains lost, and for chains gained. */
#define MGI_COMPARE_PAIRS_LISTED 1000

/* A collaboration by its ends' names (the two organisations' ids differ). */
typedef struct mgi_named_collab {
    char *from, *to;
    int both;
} mgi_named_collab;

typedef struct mgi_named_collabs {
    mgi_named_collab *items;
    size_t n, cap;
} mgi_named_collabs;

struct mg_comparison {
    char *title;
    mgi_strs roles_added, roles_removed, tools_added, tools_removed;
    mgi_named_collabs collabs_added, collabs_removed;
    mg_gaps *gaps_before, *gaps_after;
    size_t *opened, n_opened;   /* indices into gaps_after */
    size_t *closed, n_closed;   /* indices into gaps_before: gone, every subject still here */
    size_t *gone, n_gone;       /* indices into gaps_before: gone with a subject removed */
    size_t n_unowned;           /* of the opened gaps, unowned-responsibility */
    size_t *changed, n_changed; /* indices into gaps_after: same gap, new evidence */
    /* ordered pairs of roles, lost_from[i] -> lost_to[i] (and gained): the
     * first MGI_COMPARE_PAIRS_LISTED in name order; *_total counts them all
     * (reach.h: a lower bound when !*_exact; the lists are the first in
     * name order when *_first) */
    mgi_strs lost_from, lost_to, gained_from, gained_to;
    size_t lost_total, gained_total;
    int lost_exact, gained_exact, lost_first, gained_first;
    int reach_compared; /* always 1 (JSON reachability_compared) */
    size_t clusters_before, clusters_after;
    double modularity_before, modularity_after;
};

#endif
