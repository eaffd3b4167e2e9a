/*
 * analysis.h - what the analysis files share: the frozen model behind an
 * organisation, shortest paths, and small helpers for results that own
 * copies of the names they mention.
 */
#ifndef MG_ANALYSIS_H
#define MG_ANALYSIS_H

#include "doc.h"
#include "graph.h"
#include "org.h"
#include "json.h"

#define MGI_NO_ARC ((size_t)-1)

/* Costs closer than this (relative) are equal: sums of float weights. */
int mgi_cost_equal(double a, double b);

/*
 * Dijkstra (1959) from s over the arcs, with a binary heap ordered by
 * (cost, role id), so equal-cost choices fall to the lower id. dist[v] is
 * INFINITY when v is unreachable; pred[v] the arc that reached v (MGI_NO_ARC
 * for s and unreachable roles). banned_node (may be NULL) marks roles the
 * search may not enter; ban_from/banned_to (may be MGI_NONE/NULL) forbid
 * arcs from one role to the marked roles (for Yen's algorithm). The search
 * stops once `target` is settled (MGI_NONE: never) or once every role whose
 * cost is within `limit` is (INFINITY: never); roles not settled then may
 * hold a cost above their true one. Returns 0, or -1 when out of memory.
 * O((V + E) log V).
 */
int mgi_dijkstra(const mgi_arcs *a, mgi_id s, const unsigned char *banned_node, mgi_id ban_from,
                 const unsigned char *banned_to, mgi_id target, double limit, double *dist,
                 size_t *pred);

/* Appends a JSON array of strings ("[...]"); legacy, mgi_json_strings replaces it. */
int mgi_json_strings_buf(mgi_buf *b, char *const *items, size_t n);
/* Formats a cost the same way everywhere ("%g"). */
void mgi_cost_string(char *out, size_t size, double cost);

/* A growable list of owned strings. */
typedef struct mgi_strs {
    char **items;
    size_t n, cap;
} mgi_strs;

int mgi_strs_add(mgi_strs *s, const char *text);
void mgi_strs_free(mgi_strs *s);
/* "a, b and c" (at most `max` names, then "and N more"). */
int mgi_join_names(mgi_buf *out, char *const *names, size_t n, size_t max);

#endif
