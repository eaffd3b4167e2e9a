/*
 * gaps_result.h - the insides of a gaps result, shared by the analysis that
 * builds it (gaps.c) and the file that presents it (present_gaps.c) only.
 */
#ifndef MG_GAPS_RESULT_H
#define MG_GAPS_RESULT_H

#include "baseline.h"
#include "graph.h"
#include "org.h"

/* unreachable-handoff gaps listed at most (the rest are counted) */
#define MGI_UNREACHABLE_LISTED 1000

typedef struct mgi_gap {
    int kind;                             /* index into mg_gap_kinds() */
    mg_severity severity;
    mgi_strs subjects[MG_SUBJECT_COUNT];  /* by mg_subject; the strings belong to the pool */
    double people;       /* the headcount of the roles it concerns (people_roles of them) */
    size_t people_roles;
    int people_unknown;  /* one of them has no headcount: unknown (JSON null) */
    int is_new;          /* with a baseline: not in it */
    double impact;       /* what it concerns: people where known, else roles */
    int impact_in_people;
    char *message;
    /* cut-role and cut-handoff only (separates): the groups of roles cut
     * off, largest first, and the pairs [from, to] whose every handoff
     * chain ran through the cut (cuts.h); names belong to the pool */
    int separates;
    size_t n_separated;
    size_t *separated_size;  /* roles in each group */
    size_t *separated_off;   /* group g's names: separated_names[off[g] .. off[g + 1]) */
    char **separated_names;  /* all of a group, or its first few past the bound */
    size_t n_reach_lost;
    char **reach_lost;       /* from and to of each pair */
} mgi_gap;

struct mg_gaps {
    mgi_gap *items;
    size_t n, cap;
    size_t max_pairs;
    mgi_strs left_out;        /* hub tools left out of the latent-collaboration search */
    size_t latent_not_listed; /* latent collaborations found beyond max_latent */
    size_t max_separated;        /* names of groups cut off listed in full at most */
    size_t separated_not_listed; /* roles of groups cut off listed by their first few only */
    /* with a reference: the unreachable-handoff pairs past the first
     * MGI_UNREACHABLE_LISTED (reach.h), and whether that count is exact
     * (else a lower bound) and the pairs listed are the first in name order */
    int reference;
    size_t unreachable_not_listed;
    int unreachable_exact, unreachable_first;
    mgi_strs pool;            /* one copy of each name a gap is about */
    mgi_warnings warnings;    /* the organisation's load warnings */
    mgi_strs skipped, skipped_why; /* analyses the input cannot feed, and why */
    size_t limit;             /* gaps of each kind a reader sees (0: all); JSON, CSV all */
    char *baseline;           /* the baseline's source, NULL without one */
    mgi_baseline_gap *fixed;  /* the baseline's gaps not found any more (copies) */
    size_t n_fixed;
};

/* Marks each gap new or known against b, and copies b's gaps not found into
 * gaps->fixed (baseline.c). Returns 0, or -1 when out of memory. */
int mgi_gaps_mark(mg_gaps *gaps, const mg_baseline *b);
void mgi_gaps_fixed_free(mg_gaps *gaps);

#endif
