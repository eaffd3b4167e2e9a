/*
 * present_gaps.h - the gaps' JSON (present_gaps.c), for the documents that
 * embed gaps: the comparison and the report.
 */
#ifndef MG_PRESENT_GAPS_H
#define MG_PRESENT_GAPS_H

#include "json.h"
#include "mlopsgraph.h"
#include "org.h"

/* Gap i as the JSON object of the "gaps" document. */
void mgi_gap_json(mgi_json *j, const mg_gaps *gaps, size_t i);
/* The whole "gaps" document, as mg_gaps_format writes it. */
void mgi_gaps_json(mgi_json *j, const mg_gaps *gaps);
/* The load warnings of the organisation the gaps were found in. */
const mgi_warnings *mgi_gaps_warnings(const mg_gaps *gaps);

#endif
