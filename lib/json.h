/*
 * json.h - one small streaming JSON writer (json.c): every result the
 * library writes as JSON goes through it, so strings are escaped in one
 * place and the layout is the same everywhere: one line, ", " between
 * members and elements, ": " after a key, a newline after the top-level
 * value. (The node-link export keeps a layout of its own, one item a line,
 * but escapes its strings with mgi_json_string.)
 *
 * Calls never fail one by one: running out of memory sets `failed`, every
 * later call does nothing, and mgi_json_finish reports it once. A caller
 * therefore writes a whole document in straight-line code and checks once.
 */
#ifndef MG_JSON_H
#define MG_JSON_H

#include <stddef.h>

#include "util.h"

/* The version of every JSON document the library writes ("version" field).
 * Bump it when a field is renamed or removed; adding fields does not. */
#define MGI_JSON_VERSION 1

/* Deepest nesting a document may have (ours reach 6). */
#define MGI_JSON_MAX_DEPTH 32

typedef struct mgi_json {
    mgi_buf *out;
    int failed;                             /* out of memory, or misuse */
    size_t depth;                           /* open objects and arrays */
    unsigned char empty[MGI_JSON_MAX_DEPTH]; /* nothing written at this level yet */
    unsigned char object[MGI_JSON_MAX_DEPTH]; /* this level is an object, not an array */
    int after_key;                          /* a key was written, its value not yet */
} mgi_json;

/* Starts a document appended to out (which keeps what it already holds). */
void mgi_json_init(mgi_json *j, mgi_buf *out);

void mgi_json_object(mgi_json *j);      /* { */
void mgi_json_object_end(mgi_json *j);  /* } */
void mgi_json_array(mgi_json *j);       /* [ */
void mgi_json_array_end(mgi_json *j);   /* ] */
/* A member's key, inside an object; its value comes next. */
void mgi_json_key(mgi_json *j, const char *key);

void mgi_json_str(mgi_json *j, const char *s); /* NULL writes null */
void mgi_json_size(mgi_json *j, size_t v);
void mgi_json_int(mgi_json *j, long long v);
/* A number with 17 significant digits (it reads back as the same double);
 * a non-finite value, which JSON cannot hold, is written as null. */
void mgi_json_double(mgi_json *j, double v);
void mgi_json_bool(mgi_json *j, int v);
void mgi_json_null(mgi_json *j);
/* A value that is JSON already (a document another writer made); a trailing
 * newline is dropped. */
void mgi_json_raw(mgi_json *j, const char *json);
/* An array of strings. */
void mgi_json_strings(mgi_json *j, char *const *items, size_t n);

/* Key and value in one call, for the common members. */
void mgi_json_key_str(mgi_json *j, const char *key, const char *s);
void mgi_json_key_size(mgi_json *j, const char *key, size_t v);
void mgi_json_key_double(mgi_json *j, const char *key, double v);
void mgi_json_key_bool(mgi_json *j, const char *key, int v);
void mgi_json_key_strings(mgi_json *j, const char *key, char *const *items, size_t n);

/* Ends the document: every object and array closed, a newline appended when
 * `newline`. Returns 0, or -1 when anything failed (out of memory, or the
 * calls did not make one well-formed value). */
int mgi_json_finish(mgi_json *j, int newline);

/* Appends s as a JSON string (quotes included): ", \ and control characters
 * escaped, U+2028/U+2029 escaped for JavaScript, other UTF-8 as is. For the
 * rare caller that embeds one string in other text; documents use mgi_json. */
int mgi_json_string(mgi_buf *b, const char *s);

#endif
