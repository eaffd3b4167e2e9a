/*
 * cuts.h - what losing a cut role or a cut handoff does (DESIGN section 8:
 * undirected cuts are connections, lost reach is listed pair by pair): the
 * groups of roles cut off from the main part, and ordered pairs of roles
 * that had a handoff chain and have none without the cut (cuts.c).
 */
#ifndef MG_CUTS_H
#define MG_CUTS_H

#include "graph.h"

/* Pairs of roles listed per cut, at most. */
#define MGI_REACH_MAX MG_REACH_LOST_MAX
/* Roles of a part known when not all are listed (for a message). */
#define MGI_PART_SHOWN 4

/* The parts one cut leaves, and the reach it takes away. Part 0 is the main
 * part: the largest (of equal ones, the one holding the smallest id); then
 * the groups cut off, largest first (ties: smallest id first). */
typedef struct mgi_separation {
    size_t n;            /* parts: the main one and the groups (at least 2) */
    size_t *size;        /* roles in each part */
    size_t *off;         /* part p's roles listed: roles[off[p] .. off[p + 1]) */
    mgi_id *roles;       /* in id order: every role of a group, or its first
                          * MGI_PART_SHOWN past the bound; of the main part,
                          * its first MGI_PART_SHOWN */
    size_t not_listed;   /* roles of groups not listed (past the bound) */
    size_t n_pairs;      /* chains lost: from[i] reached to[i] only through the cut */
    mgi_id from[MGI_REACH_MAX], to[MGI_REACH_MAX];
    size_t cap_size, cap_off, cap_roles; /* storage, reused from one cut to the next */
} mgi_separation;

typedef struct mgi_cut_ctx mgi_cut_ctx;

/* The state shared by every cut of one organisation: the directed arcs
 * and work space. The model and cuts must outlive it. Returns NULL when
 * out of memory. O(V + E). */
mgi_cut_ctx *mgi_cut_ctx_new(const mgi_model *m, const mgi_cuts *cuts);
void mgi_cut_ctx_free(mgi_cut_ctx *x);

/* What losing cuts->roles[i] (mgi_separate_role) or cuts->bridges[i]
 * (mgi_separate_bridge) does, into s (zeroed before first use, freed with
 * mgi_separation_free). A group is listed in full while its size fits in
 * *budget (then taken from it), else by its first MGI_PART_SHOWN roles.
 * Returns 0, or -1 when out of memory. See cuts.c for the bounds. */
int mgi_separate_role(mgi_cut_ctx *x, size_t i, size_t *budget, mgi_separation *s);
int mgi_separate_bridge(mgi_cut_ctx *x, size_t i, size_t *budget, mgi_separation *s);
void mgi_separation_free(mgi_separation *s);

#endif
