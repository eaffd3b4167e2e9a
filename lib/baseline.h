/*
 * baseline.h - the insides of a baseline (baseline.c), for the gaps search
 * that marks gaps new or known against it (gaps.c) and its presentation.
 */
#ifndef MG_BASELINE_H
#define MG_BASELINE_H

#include "gap_identity.h"
#include "util.h"

typedef struct mgi_baseline_gap {
    char *kind, *severity, *message;
    mgi_strs subjects[MG_SUBJECT_COUNT];
    char *key; /* mgi_gap_identity */
} mgi_baseline_gap;

struct mg_baseline {
    char *source;
    mgi_baseline_gap *items; /* sorted by key */
    size_t n;
};

/* The baseline's gap with that identity key, or NULL. */
const mgi_baseline_gap *mgi_baseline_find(const mg_baseline *b, const char *key);

#endif
