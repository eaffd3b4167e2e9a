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

/* MG_ENOTFOUND for `name`, suggesting the closest role and/or tool names:
 * "unknown WHAT 'name'; did you mean ...?" */
mg_status mgi_not_found(const mgi_model *m, const char *what, const char *name, int roles,
                        int tools, mg_error *err);

#endif
