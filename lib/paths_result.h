/*
 * paths_result.h - the insides of the handoff chain results (paths.c),
 * for their presentation (present_paths.c) alone.
 */
#ifndef MG_PATHS_RESULT_H
#define MG_PATHS_RESULT_H

#include "mlopsgraph.h"

typedef struct mgi_step {
    char *from, *to, *handoff; /* owned; handoff "" when the row names none */
    double cost;
} mgi_step;

typedef struct mgi_chain {
    double cost;
    size_t n_steps;
    mgi_step *steps;
} mgi_chain;

struct mg_paths {
    char *from, *to;
    size_t k;          /* chains asked for */
    size_t n;          /* chains found, cheapest first */
    mgi_chain *chains;
    /* when no chain was found: the roles of each end's part of the
     * organisation, and whether the two are joined, ignoring direction */
    char *from_component, *to_component;
    int same_component;
};

struct mg_costs {
    size_t n;
    char **names;
    double *cost; /* n * n, row = from; negative when unreachable */
};

#endif
