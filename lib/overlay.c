/*
 * overlay.c - what a picture shows besides the model (overlay.h): the
 * render options, the plan of what is drawn (picture.c), and the analyses
 * drawn onto it: shared-tool clusters or a roles.csv column as boxes, gaps
 * as outlines, a handoff chain in bold. No Graphviz here.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "overlay.h"

/* ---- Options --------------------------------------------------------------- */

/* The defaults, for mg_render_opts_new and for a render given no options. */
void mgi_render_opts_init(mg_render_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = MG_RENDER_FORMAT_SVG;
    o->engine = MG_ENGINE_AUTO;
    o->max_nodes = MG_RENDER_MAX_NODES;
    o->max_edges = MG_RENDER_MAX_EDGES;
    o->tools = MG_TOOLS_AUTO;
    o->gap_min = MG_SEVERITY_MEDIUM;
    o->depth = 1;
}

mg_render_opts *mg_render_opts_new(void)
{
    mg_render_opts *o = malloc(sizeof *o);

    if (o)
        mgi_render_opts_init(o);
    return o;
}

void mg_render_opts_free(mg_render_opts *opts)
{
    if (!opts)
        return;
    free(opts->path_from);
    free(opts->path_to);
    free(opts->focus);
    free(opts->group_by);
    free(opts);
}

void mg_render_opts_set_clusters(mg_render_opts *opts, int clusters)
{
    if (opts)
        opts->clusters = clusters != 0;
}

void mg_render_opts_set_gaps(mg_render_opts *opts, int gaps)
{
    if (opts)
        opts->gaps = gaps != 0;
}

mg_status mg_render_opts_set_path(mg_render_opts *opts, const char *from, const char *to,
                                  mg_error *err)
{
    char *f = NULL, *t = NULL;

    if (!opts || (!from) != (!to))
        return mgi_error(err, MG_EINVAL, "", 0, 0, "a path needs both ends");
    if (from && (!(f = mgi_strdup(from)) || !(t = mgi_strdup(to)))) {
        free(f);
        return mgi_nomem(err);
    }
    free(opts->path_from);
    free(opts->path_to);
    opts->path_from = f;
    opts->path_to = t;
    return MG_OK;
}

void mg_render_opts_set_max_nodes(mg_render_opts *opts, size_t max_nodes)
{
    if (opts)
        opts->max_nodes = max_nodes;
}

mg_status mg_render_opts_set_format(mg_render_opts *opts, mg_render_format format,
                                    mg_error *err)
{
    if (!opts || !mg_render_format_name(format))
        return mgi_error(err, MG_EINVAL, "", 0, 0,
                         "mg_render_opts_set_format: no options, or no such format (%d)",
                         (int)format);
    opts->format = format;
    return MG_OK;
}

mg_status mg_render_opts_set_engine(mg_render_opts *opts, mg_engine engine, mg_error *err)
{
    if (!opts || !mg_engine_name(engine))
        return mgi_error(err, MG_EINVAL, "", 0, 0,
                         "mg_render_opts_set_engine: no options, or no such engine (%d)",
                         (int)engine);
    opts->engine = engine;
    return MG_OK;
}

void mg_render_opts_set_tools(mg_render_opts *opts, int show_tools)
{
    if (opts)
        opts->tools = show_tools ? MG_TOOLS_AUTO : MG_TOOLS_NONE;
}

mg_status mg_render_opts_set_tool_mode(mg_render_opts *opts, mg_tool_mode mode, mg_error *err)
{
    if (!opts || !mg_tool_mode_name(mode))
        return mgi_error(err, MG_EINVAL, "", 0, 0,
                         "mg_render_opts_set_tool_mode: no options, or no such mode (%d)",
                         (int)mode);
    opts->tools = mode;
    return MG_OK;
}

void mg_render_opts_set_max_edges(mg_render_opts *opts, size_t max_edges)
{
    if (opts)
        opts->max_edges = max_edges;
}

void mg_render_opts_set_gap_severity(mg_render_opts *opts, mg_severity min)
{
    if (opts)
        opts->gap_min = min < MG_SEVERITY_LOW    ? MG_SEVERITY_LOW
                        : min > MG_SEVERITY_HIGH ? MG_SEVERITY_HIGH
                                                 : min;
}

/* Replaces *field with a copy of value (NULL clears it). */
static mg_status set_string(char **field, const char *value, mg_error *err)
{
    char *copy = NULL;

    if (value && !(copy = mgi_strdup(value)))
        return mgi_nomem(err);
    free(*field);
    *field = copy;
    return MG_OK;
}

mg_status mg_render_opts_set_focus(mg_render_opts *opts, const char *role, size_t depth,
                                   mg_error *err)
{
    if (!opts)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_render_opts_set_focus: no options");
    opts->depth = depth;
    return set_string(&opts->focus, role, err);
}

mg_status mg_render_opts_set_group_by(mg_render_opts *opts, const char *column, mg_error *err)
{
    if (!opts)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_render_opts_set_group_by: no options");
    return set_string(&opts->group_by, column, err);
}

/* ---- Overlays: analysis results drawn onto the picture -------------------- */

#define CLUSTER_LABEL_STACK 3 /* stack items a cluster box names */

void mgi_overlay_free(overlay *o)
{
    size_t i, n_roles = o->n_roles, n_tools = o->n_tools;

    mgi_picture_free(&o->pic);
    for (i = 0; o->cluster_label && i < o->n_clusters; i++)
        free(o->cluster_label[i]);
    free(o->cluster_label);
    free(o->cluster_of);
    free(o->role_severity);
    free(o->tool_severity);
    for (i = 0; o->role_gaps && i < n_roles; i++)
        mgi_buf_free(&o->role_gaps[i]);
    for (i = 0; o->tool_gaps && i < n_tools; i++)
        mgi_buf_free(&o->tool_gaps[i]);
    free(o->role_gaps);
    free(o->tool_gaps);
    free(o->on_path);
    free(o->steps);
    free(o->path_ends[0]);
    free(o->path_ends[1]);
    free(o->view_note);
    memset(o, 0, sizeof *o);
}

static mg_status overlay_clusters(const mg_org *org, overlay *o, mg_error *err)
{
    size_t n = mg_org_role_count(org), i, j, r;
    mg_clusters *c = NULL;
    mg_status st = mg_clusters_find(org, NULL, &c, err);

    if (st != MG_OK)
        return st;
    o->cluster_of = malloc((n + 1) * sizeof *o->cluster_of);
    o->cluster_label = calloc(mg_clusters_count(c) + 1, sizeof *o->cluster_label);
    if (!o->cluster_of || !o->cluster_label) {
        mg_clusters_free(c);
        return mgi_nomem(err);
    }
    for (i = 0; i < n; i++)
        o->cluster_of[i] = MGI_NONE;
    for (i = 0; i < mg_clusters_count(c); i++) {
        mgi_buf label = { 0 };

        if (mg_cluster_size(c, i) < 2)
            continue; /* a box around one role says nothing */
        /* named by its stack: what its members have far more often than the rest */
        mgi_buf_printf(&label, "Cluster %zu", o->n_clusters + 1);
        for (j = 0; j < mg_cluster_stack_count(c, i) && j < CLUSTER_LABEL_STACK; j++)
            mgi_buf_printf(&label, "%s%s", j ? ", " : ": ", mg_cluster_stack(c, i, j));
        if (!label.data) {
            mg_clusters_free(c);
            return mgi_nomem(err);
        }
        o->cluster_label[o->n_clusters] = label.data;
        for (j = 0; j < mg_cluster_size(c, i); j++)
            if (mg_org_find_role(org, mg_cluster_member(c, i, j), &r, NULL) == MG_OK)
                o->cluster_of[r] = (mgi_id)o->n_clusters;
        o->n_clusters++;
    }
    mg_clusters_free(c);
    return MG_OK;
}

static int note_gap(mgi_buf *b, int *severity, mg_severity sev, const char *kind,
                    const char *message)
{
    if ((int)sev > *severity)
        *severity = (int)sev;
    return mgi_buf_printf(b, "\n[%s] %s: %s", mg_severity_name(sev), kind, message);
}

static mg_status overlay_gaps(const mg_org *org, overlay *o, mg_error *err)
{
    size_t n = mg_org_role_count(org), nt = mg_org_tool_count(org), i, j, x;
    mg_gaps *g = NULL;
    mg_status st = mg_gaps_find(org, NULL, &g, err);

    if (st != MG_OK)
        return st;
    o->role_severity = calloc(n + 1, sizeof *o->role_severity);
    o->tool_severity = calloc(nt + 1, sizeof *o->tool_severity);
    o->role_gaps = calloc(n + 1, sizeof *o->role_gaps);
    o->tool_gaps = calloc(nt + 1, sizeof *o->tool_gaps);
    if (!o->role_severity || !o->tool_severity || !o->role_gaps || !o->tool_gaps) {
        mg_gaps_free(g);
        return mgi_nomem(err);
    }
    for (i = 0; i < mg_gaps_count(g); i++) {
        mg_severity sev = mg_gap_severity(g, i);
        const char *kind = mg_gap_kind(g, i), *msg = mg_gap_message(g, i);

        if (sev < o->gap_min) {
            o->gaps_hidden++;
            continue;
        }

        for (j = 0; j < mg_gap_subject_count(g, i, MG_SUBJECT_ROLE); j++)
            if (mg_org_find_role(org, mg_gap_subject(g, i, MG_SUBJECT_ROLE, j), &x, NULL) ==
                    MG_OK &&
                note_gap(&o->role_gaps[x], &o->role_severity[x], sev, kind, msg) < 0)
                goto nomem;
        /* a tool is marked only when the gap is about the tool itself */
        if (mg_gap_subject_count(g, i, MG_SUBJECT_ROLE) == 0 ||
            strcmp(kind, "single-role") == 0)
            for (j = 0; j < mg_gap_subject_count(g, i, MG_SUBJECT_TOOL); j++)
                if (mg_org_find_tool(org, mg_gap_subject(g, i, MG_SUBJECT_TOOL, j), &x, NULL) ==
                        MG_OK &&
                    note_gap(&o->tool_gaps[x], &o->tool_severity[x], sev, kind, msg) < 0)
                    goto nomem;
        o->any_gaps = 1;
    }
    mg_gaps_free(g);
    return MG_OK;
nomem:
    mg_gaps_free(g);
    return mgi_nomem(err);
}

static mg_status overlay_path(const mg_org *org, const mg_render_opts *opts, overlay *o,
                              mg_error *err)
{
    size_t n = mg_org_role_count(org), i, x, y;
    mg_paths *p = NULL;
    mg_status st = mg_paths_find(org, opts->path_from, opts->path_to, 1, &p, err);

    if (st != MG_OK)
        return st;
    o->path = 1;
    o->on_path = calloc(n + 1, 1);
    o->steps = calloc(mg_path_steps(p, 0) + 1, sizeof *o->steps);
    o->path_ends[0] = mgi_strdup(mg_paths_from(p));
    o->path_ends[1] = mgi_strdup(mg_paths_to(p));
    if (!o->on_path || !o->steps || !o->path_ends[0] || !o->path_ends[1]) {
        mg_paths_free(p);
        return mgi_nomem(err);
    }
    if (mg_org_find_role(org, opts->path_from, &x, NULL) == MG_OK)
        o->on_path[x] = 1;
    if (mg_org_find_role(org, opts->path_to, &x, NULL) == MG_OK)
        o->on_path[x] = 1;
    for (i = 0; i < mg_path_steps(p, 0); i++)
        if (mg_org_find_role(org, mg_path_step_from(p, 0, i), &x, NULL) == MG_OK &&
            mg_org_find_role(org, mg_path_step_to(p, 0, i), &y, NULL) == MG_OK) {
            o->on_path[x] = o->on_path[y] = 1;
            o->steps[o->n_steps].a = (mgi_id)x;
            o->steps[o->n_steps].b = (mgi_id)y;
            o->n_steps++;
        }
    mg_paths_free(p);
    return MG_OK;
}

int mgi_overlay_on_chain(const overlay *o, mgi_id from, mgi_id to, int both)
{
    size_t i;

    for (i = 0; i < o->n_steps; i++)
        if ((o->steps[i].a == from && o->steps[i].b == to) ||
            (both && o->steps[i].a == to && o->steps[i].b == from))
            return 1;
    return 0;
}

/* ---- Boxes by a column of roles.csv ------------------------------------------ */

/* The value of a role's column: summary, headcount or a kept column, whose
 * header matches case-insensitively; NULL or "" for none. */
static const char *column_value(const mgi_role *r, const char *column)
{
    size_t k;

    if (mgi_fold_equal(column, "summary"))
        return r->summary;
    if (mgi_fold_equal(column, "headcount"))
        return r->headcount;
    for (k = 0; k < r->attrs.n; k++)
        if (mgi_fold_equal(r->attrs.items[k].key, column))
            return r->attrs.items[k].value;
    return NULL;
}

/* MG_EINVAL naming the columns roles.csv has values in. */
static mg_status unknown_column(const mgi_model *m, const char *column, mg_error *err)
{
    mgi_strs seen = { 0 };
    mgi_buf list = { 0 };
    size_t r, k, j;
    mg_status st;

    mgi_buf_puts(&list, "summary, headcount");
    for (r = 0; r < m->n_roles; r++)
        for (k = 0; k < m->roles[r].attrs.n; k++) {
            const char *key = m->roles[r].attrs.items[k].key;

            for (j = 0; j < seen.n && strcmp(seen.items[j], key) != 0; j++)
                ;
            if (j == seen.n && mgi_strs_add(&seen, key) == 0)
                mgi_buf_printf(&list, ", %s", key);
        }
    st = mgi_error(err, MG_EINVAL, "", 0, 0,
                   "no role has a value in column '%s' of roles.csv (columns: %s)", column,
                   list.data ? list.data : "");
    mgi_strs_free(&seen);
    mgi_buf_free(&list);
    return st;
}

/* One box per distinct value of the column, in order of first role (by name). */
static mg_status overlay_groups(const mgi_model *m, const char *column, overlay *o,
                                mg_error *err)
{
    size_t r, c;

    o->group_by = column;
    o->cluster_of = malloc((m->n_roles + 1) * sizeof *o->cluster_of);
    o->cluster_label = calloc(m->n_roles + 1, sizeof *o->cluster_label);
    if (!o->cluster_of || !o->cluster_label)
        return mgi_nomem(err);
    for (r = 0; r < m->n_roles; r++) {
        const char *v = column_value(&m->roles[r], column);

        o->cluster_of[r] = MGI_NONE;
        if (!v || !*v)
            continue;
        for (c = 0; c < o->n_clusters && strcmp(o->cluster_label[c], v) != 0; c++)
            ;
        if (c == o->n_clusters && !(o->cluster_label[o->n_clusters++] = mgi_strdup(v)))
            return mgi_nomem(err);
        o->cluster_of[r] = (mgi_id)c;
    }
    return o->n_clusters ? MG_OK : unknown_column(m, column, err);
}

/* ---- The whole overlay ----------------------------------------------------------- */

mg_status mgi_overlay_plain(const mgi_model *m, const mg_render_opts *opts, overlay *o,
                            mg_error *err)
{
    mgi_picture_spec spec = { opts->tools, opts->max_edges, MGI_NONE, 0 };

    o->n_roles = m->n_roles;
    o->n_tools = m->n_tools;
    o->gap_min = opts->gap_min;
    return mgi_picture_plan(m, &spec, &o->pic) < 0 ? mgi_nomem(err) : MG_OK;
}

mg_status mgi_overlay_build(const mg_org *org, const mg_render_opts *opts, overlay *o,
                            mg_error *err)
{
    mgi_picture_spec spec = { opts->tools, opts->max_edges, MGI_NONE, opts->depth };
    mg_status st = MG_OK;
    size_t focus;

    o->n_roles = org->m->n_roles;
    o->n_tools = org->m->n_tools;
    o->gap_min = opts->gap_min;
    if (opts->focus) {
        if ((st = mg_org_find_role(org, opts->focus, &focus, err)) != MG_OK)
            return st;
        o->focus = 1;
        o->focus_role = spec.focus = (mgi_id)focus;
        o->depth = opts->depth;
    }
    if (mgi_picture_plan(org->m, &spec, &o->pic) < 0)
        return mgi_nomem(err);
    if (o->pic.n_roles_drawn + o->pic.n_tools_drawn > opts->max_nodes) {
        o->too_large = 1;
        return MG_OK;
    }
    if (opts->group_by)
        st = overlay_groups(org->m, opts->group_by, o, err);
    else if (opts->clusters || o->pic.tools == MG_TOOLS_STACKS)
        st = overlay_clusters(org, o, err);
    if (st == MG_OK && (opts->gaps || opts->focus) && !opts->page)
        st = overlay_gaps(org, o, err);
    if (st == MG_OK && opts->path_from)
        st = overlay_path(org, opts, o, err);
    return st;
}
