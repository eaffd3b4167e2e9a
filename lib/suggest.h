/*
 * suggest.h - "did you mean ...?": the closest few of a set of names to a
 * name that matched none (suggest.c).
 */
#ifndef MG_SUGGEST_H
#define MG_SUGGEST_H

#include <stddef.h>

#include "util.h"

#define MGI_SUGGESTIONS 3

typedef struct mgi_suggest {
    const char *wanted;
    mgi_buf loose_wanted, loose; /* loose forms (util.h), for punctuation slips */
    size_t cap;                  /* the largest distance still suggested */
    struct {
        const char *name;
        size_t distance;
    } best[MGI_SUGGESTIONS];
} mgi_suggest;

/* Starts a search for names close to `wanted` (kept by reference). Returns 0,
 * or -1 when out of memory. */
int mgi_suggest_init(mgi_suggest *s, const char *wanted);
void mgi_suggest_free(mgi_suggest *s);

/* Considers `spelling` (a name or an alias) of `candidate`: kept when it is
 * among the closest so far. The distance is the smaller of the edit distance
 * (ASCII case folded) and that of the loose forms, so "S.R.E." is 0 from
 * "SRE". Returns 0, or -1 when out of memory. */
int mgi_suggest_consider(mgi_suggest *s, const char *spelling, const char *candidate);

/* 1 when something was close enough to suggest. */
int mgi_suggest_any(const mgi_suggest *s);

/* Appends "did you mean 'A', 'B' or 'C'?" (nothing when no suggestion). */
int mgi_suggest_write(mgi_buf *out, const mgi_suggest *s);

#endif
