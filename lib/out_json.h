/*
 * out_json.h - writing JSON (out_json.c).
 */
#ifndef MG_OUT_JSON_H
#define MG_OUT_JSON_H

#include "util.h"

/* The version of every JSON document the library writes ("version" field).
 * Bump it when a field is renamed or removed; adding fields does not. */
#define MGI_JSON_VERSION 1

/* Appends s as a JSON string (quotes included): ", \ and control characters
 * escaped, U+2028/U+2029 escaped for JavaScript, other UTF-8 as is. */
int mgi_json_string(mgi_buf *b, const char *s);

#endif
