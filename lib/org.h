/*
 * org.h - the public organisation handle (org.c) and what other library
 * files may see of it.
 */
#ifndef MG_ORG_H
#define MG_ORG_H

#include "model.h"

struct mg_org {
    mgi_model *m; /* always frozen between public calls */
};

/* What every analysis needs of an organisation: its model frozen (ids by
 * name, adjacency built). A load only ever swaps in a frozen model, so
 * MG_EINTERNAL here is a library bug, reported rather than read past. */
mg_status mgi_org_frozen(const mg_org *org, mg_error *err);

/* MG_ENOTFOUND for `name`, suggesting the closest role and/or tool names:
 * "unknown WHAT 'name'; did you mean ...?" */
mg_status mgi_not_found(const mgi_model *m, const char *what, const char *name, int roles,
                        int tools, mg_error *err);

/* The load warnings of an organisation, copied into an analysis's result
 * so that it can state them: a typo never silently turns into findings
 * (DESIGN section 8). */
typedef struct mgi_warnings {
    struct mgi_place_text {
        char *source;
        size_t line, column;
        char *message;
    } *items;
    size_t n;
} mgi_warnings;

/* Copies org's warnings into *w (empty). Returns 0, or -1 when out of memory. */
int mgi_warnings_copy(mgi_warnings *w, const mg_org *org);
void mgi_warnings_free(mgi_warnings *w);

#endif
