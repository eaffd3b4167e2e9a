/*
 * gaps.h - the gap search as another analysis runs it (compare.c): over an
 * organisation that follows an earlier one, where the earlier one's work
 * may have lost its owner. Private: never installed.
 */
#ifndef MG_GAPS_H
#define MG_GAPS_H

#include "org.h"

/* How a comparison decides that a responsibility of the earlier
 * organisation has no owner in the later one. */
typedef enum mgi_unowned_rule {
    /* diff: two snapshots, whose responsibilities may be reworded or moved
     * between roles: unowned when no responsibility of the later
     * organisation needs its capability */
    MGI_UNOWNED_BY_CAPABILITY,
    /* what-if: the later organisation is the earlier one without some roles,
     * so every responsibility of a role that is gone is unowned (even when
     * another role's responsibility needs the same capability: that is other
     * work, which the message names) */
    MGI_UNOWNED_WITH_ROLE
} mgi_unowned_rule;

/*
 * mg_gaps_find on org, plus an unowned-responsibility gap (high) for each
 * responsibility of `before` that nobody owns in org by `rule`, about the
 * role that owned it (in before) and its capability. mg_gaps_find alone
 * never reports that kind: every responsibility of one organisation has its
 * owner. Returns as mg_gaps_find.
 */
mg_status mgi_gaps_find_since(const mg_org *org, const mg_gaps_opts *opts, const mg_org *before,
                              mgi_unowned_rule rule, mg_gaps **out, mg_error *err);

#endif
