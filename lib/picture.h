/*
 * picture.h - what the picture shows (picture.c), decided before Graphviz
 * is involved: which roles (all, or a focus role's neighbourhood), which
 * tools as nodes and which folded into their role or listed as hubs in the
 * legend, and which handoffs get a line, so that roles and handoffs stay
 * readable from ten roles to three hundred. render.c draws the plan.
 */
#ifndef MG_PICTURE_H
#define MG_PICTURE_H

#include "model.h"

/* The size rule of MG_TOOLS_AUTO: every tool while the whole picture is
 * small and no tool is a hub; tools shared by two or more roles while they
 * stay few; otherwise roles only, boxed by stack. */
#define MGI_ALL_MAX_NODES 80    /* roles and tools */
#define MGI_ALL_MAX_USES 100    /* role-tool lines */
#define MGI_SHARED_MAX_NODES 60
#define MGI_SHARED_MAX_USES 80
#define MGI_HUB_MIN_ROLES 6     /* a hub: used by more than half the roles, and at least 6 */

typedef struct mgi_picture_spec {
    mg_tool_mode tools;
    size_t max_edges; /* lines drawn at most (0: no limit); see mgi_picture_plan */
    mgi_id focus;     /* MGI_NONE: the whole organisation */
    size_t depth;     /* with a focus: handoffs away from it */
} mgi_picture_spec;

typedef struct mgi_picture {
    mg_tool_mode tools;          /* the mode drawn (never MG_TOOLS_AUTO) */
    unsigned char *role_drawn;   /* per role */
    unsigned char *tool_drawn;   /* per tool: a node, linked to the drawn roles using it */
    unsigned char *tool_hub;     /* per tool: used by most roles, listed in the legend */
    unsigned char *collab_drawn; /* per collaboration */
    size_t *folded;              /* per role: its tools neither drawn nor hubs
                                    ("+N tools" in its label in shared mode) */
    mgi_id *hubs;                /* the hubs, most used first */
    size_t n_hubs;
    size_t n_roles_drawn, n_tools_drawn, n_tool_lines;
    size_t n_collabs_shown;      /* collaborations between drawn roles */
    size_t n_collabs_drawn;      /* of those, drawn as lines */
} mgi_picture;

/*
 * Plans the picture of a frozen model. Roles: all, or with a focus those
 * within spec->depth handoffs of it (directions ignored). Tools: by the mode
 * (MG_TOOLS_AUTO chooses by the size rule above); with a focus only the
 * focus role's tools are candidates for nodes. Handoffs: when more than
 * max_edges minus the tool lines would be drawn, a minimum spanning forest
 * of the drawn roles' handoffs (by cost, then row) is drawn first, so the
 * picture joins exactly the roles the organisation joins, then the
 * cheapest others up to the limit. O(R + T + U + C log C).
 * Returns 0, or -1 when out of memory (p is then freed).
 */
int mgi_picture_plan(const mgi_model *m, const mgi_picture_spec *spec, mgi_picture *p);
void mgi_picture_free(mgi_picture *p);

#endif
