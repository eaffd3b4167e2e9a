/*
 * json_read.h - reading a JSON document into a tree (json_read.c), for the
 * library's own output read back: a gaps or report document given as a
 * baseline. RFC 8259; errors name the place (line, column in characters).
 */
#ifndef MG_JSON_READ_H
#define MG_JSON_READ_H

#include <stddef.h>

#include "mlopsgraph.h"

typedef enum mgi_jtype {
    MGI_JNULL,
    MGI_JBOOL,
    MGI_JNUMBER,
    MGI_JSTRING,
    MGI_JARRAY,
    MGI_JOBJECT
} mgi_jtype;

typedef struct mgi_jval {
    mgi_jtype type;
    int boolean;
    double number;
    char *string;          /* MGI_JSTRING: UTF-8, NUL-terminated (a \u0000 is refused) */
    struct mgi_jval *items; /* MGI_JARRAY: the elements; MGI_JOBJECT: the values */
    char **keys;           /* MGI_JOBJECT: the keys, keys[i] for items[i] */
    size_t n;
} mgi_jval;

/* Parses text (len bytes) into *out; source names it in errors (MG_EINPUT,
 * with line and column; MG_ENOMEM). *out is freed by mgi_jval_free, also
 * after an error. */
mg_status mgi_json_parse(const char *text, size_t len, const char *source, mgi_jval *out,
                         mg_error *err);
void mgi_jval_free(mgi_jval *v);

/* An object's member (the first with that key), or NULL. */
const mgi_jval *mgi_jval_get(const mgi_jval *object, const char *key);

#endif
