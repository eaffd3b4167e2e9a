/*
 * gap_identity.h - when two gaps are the same finding (gap_identity.c):
 * the kind and what the gap is about, names compared folded (as the model
 * compares them), never the wording or the evidence. Shared by diff and
 * whatif (compare.c) and by --baseline (baseline.c).
 */
#ifndef MG_GAP_IDENTITY_H
#define MG_GAP_IDENTITY_H

#include <stddef.h>

#include "mlopsgraph.h"

/* The subjects of a gap, by mg_subject. */
typedef struct mgi_gap_about {
    const char *kind;
    char *const *subjects[MG_SUBJECT_COUNT];
    size_t n[MG_SUBJECT_COUNT];
} mgi_gap_about;

/* The identity key of a gap, a new string (NULL when out of memory): equal
 * keys are the same gap. "disconnected" is one gap whatever its parts;
 * tools are evidence except where a gap is about a tool (single-role, or a
 * gap that names no role and no capability). */
char *mgi_gap_identity(const mgi_gap_about *g);

/* Whether the names of subject kind s (mg_subject) are part of the key of
 * a gap of this kind with n[k] subjects of each kind. The key is the kind,
 * then for each such s a 0x1f and each name folded (capabilities as ids:
 * mgi_fold_id; the others: mgi_fold) followed by 0x1e. */
int mgi_gap_identity_names(const char *kind, const size_t *n, int s);

/* The same for gap i of a result. */
char *mgi_gap_identity_of(const mg_gaps *gaps, size_t i);

#endif
