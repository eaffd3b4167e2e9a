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

#endif
