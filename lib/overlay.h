/*
 * overlay.h - everything a picture shows besides the model itself, worked
 * out before Graphviz is involved (overlay.c): the render options, the plan
 * of what is drawn (picture.h), the boxes (shared-tool clusters or a
 * roles.csv column), the gap outlines and the highlighted handoff chain.
 * Shared by overlay.c, which fills it, and render.c, which draws it.
 */
#ifndef MG_OVERLAY_H
#define MG_OVERLAY_H

#include "org.h"
#include "picture.h"

/* dot lays out roles alone (no tool nodes) quickly up to this many. */
#define MGI_DOT_ROLES 500

struct mg_render_opts {
    mg_render_format format;
    mg_engine engine;   /* MG_ENGINE_AUTO: chosen by size */
    size_t max_nodes;   /* above this, the cluster view */
    size_t max_edges;   /* lines drawn at most (0: no limit) */
    mg_tool_mode tools; /* MG_TOOLS_AUTO: chosen by size (picture.h) */
    int clusters;       /* overlay: shared-tool clusters as coloured boxes */
    int gaps;           /* overlay: gap subjects outlined by severity */
    mg_severity gap_min; /* the least severity outlined */
    char *path_from, *path_to; /* overlay: the cheapest chain drawn bold */
    char *focus;        /* only this role's neighbourhood */
    size_t depth;
    char *group_by;     /* boxes by this roles.csv column */
    int page;           /* for the html page, which outlines the gaps itself */
};

/* The defaults, for mg_render_opts_new and for a render given no options. */
void mgi_render_opts_init(mg_render_opts *o);

typedef struct overlay {
    mgi_picture pic; /* what is drawn */
    /* boxes: the box each role sits in (MGI_NONE for none), and its label */
    mgi_id *cluster_of;
    char **cluster_label;
    size_t n_clusters;
    const char *group_by; /* the column the boxes group by; NULL: clusters */
    /* gaps: the worst severity touching each role and tool, and the messages */
    int *role_severity, *tool_severity;
    mgi_buf *role_gaps, *tool_gaps;
    int any_gaps;
    mg_severity gap_min;
    size_t gaps_hidden; /* gaps below gap_min, not outlined */
    /* focus: its role and depth */
    int focus;
    mgi_id focus_role;
    size_t depth;
    /* path: roles on the chain and its steps (from, to) */
    int path;
    char *path_ends[2]; /* the two roles' display names */
    unsigned char *on_path;
    mgi_pair *steps;
    size_t n_steps;
    /* the cluster view: the first caption line, replacing the counts */
    char *view_note;
    size_t n_roles, n_tools; /* of the model drawn, for mgi_overlay_free */
    int too_large; /* more nodes than max_nodes: draw the cluster view instead */
} overlay;

/* Fills o for drawing org with opts: the plan, then the overlays asked for
 * (the focus turns the gaps on; the stacks mode the cluster boxes); when the
 * plan draws more than opts->max_nodes nodes, only the plan and too_large. Returns
 * MG_OK, an analysis's error, MG_ENOTFOUND for an unknown focus or path
 * role, MG_EINVAL for an unknown group-by column, MG_ENOMEM. */
mg_status mgi_overlay_build(const mg_org *org, const mg_render_opts *opts, overlay *o,
                            mg_error *err);
/* The plan alone, for a model drawn without overlays (the cluster view). */
mg_status mgi_overlay_plain(const mgi_model *m, const mg_render_opts *opts, overlay *o,
                            mg_error *err);
void mgi_overlay_free(overlay *o);
/* Whether the collaboration from -> to (either way when both) is on the chain. */
int mgi_overlay_on_chain(const overlay *o, mgi_id from, mgi_id to, int both);

#endif
