/*
 * analysis.h - what the analysis files not yet split from their
 * presentation share (gaps.c, compare.c, report.c): the frozen model behind
 * an organisation, the graph, and the document and JSON writers. Split
 * analyses include org.h, graph.h and dijkstra.h themselves, and never
 * doc.h or json.h; once every analysis is split, this header goes.
 */
#ifndef MG_ANALYSIS_H
#define MG_ANALYSIS_H

#include "doc.h"
#include "graph.h"
#include "org.h"
#include "json.h"

/* Appends gap i as the JSON object of the "gaps" document (gaps.c). */
int mgi_gap_json(mgi_buf *b, const mg_gaps *gaps, size_t i);

/* Appends a JSON array of strings ("[...]"); legacy, mgi_json_strings
 * replaces it (json_legacy.c). */
int mgi_json_strings_buf(mgi_buf *b, char *const *items, size_t n);

#endif
