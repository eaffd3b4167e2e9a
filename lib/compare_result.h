/*
 * compare_result.h - the insides of a comparison, shared by the analysis
 * that builds it (compare.c) and the file that presents it
 * (present_compare.c) only.
 */
#ifndef MG_COMPARE_RESULT_H
#define MG_COMPARE_RESULT_H

#include "graph.h"
#include "org.h"

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
    /* ordered pairs of roles, lost_from[i] -> lost_to[i] (and gained) */
    mgi_strs lost_from, lost_to, gained_from, gained_to;
    int reach_compared; /* 0 when too large to compare pair by pair */
    size_t clusters_before, clusters_after;
    double modularity_before, modularity_after;
};

#endif
