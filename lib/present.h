/*
 * present.h - what the presentation files (present_*.c) share: handing a
 * finished JSON document or a rendered mgi_doc to the caller. Only
 * presentation files include it (and doc.h, json.h); analyses never do.
 */
#ifndef MG_PRESENT_H
#define MG_PRESENT_H

#include "doc.h"
#include "json.h"
#include "org.h"

/* Starts a JSON document in b (empty): opens the top-level object and
 * writes its "version" member. */
void mgi_present_json_open(mgi_json *j, mgi_buf *b);

/* Finishes the document j writes into b (newline-terminated) and hands the
 * text to *out; b is emptied either way. MG_OK, or MG_ENOMEM. */
mg_status mgi_present_json(mgi_json *j, mgi_buf *b, char **out, mg_error *err);

/* Writes d in format (not JSON) to *out, then frees d. */
mg_status mgi_present_doc(mgi_doc *d, mg_format format, char **out, mg_error *err);

/* Load warnings: the member "warnings" (an array of {source, line, column,
 * message}, as validate writes it); in a document, their number and the
 * first few, so a typo in the input is seen before the findings. */
void mgi_warnings_json(mgi_json *j, const mgi_warnings *w);
void mgi_warnings_doc(mgi_doc *d, const mgi_warnings *w);

#endif
