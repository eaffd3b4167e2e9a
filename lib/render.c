/*
 * render.c - the organisation as a picture. The only file that includes
 * Graphviz headers: it builds a cgraph graph from the model, lays it out and
 * renders it with gvc, always into memory first, so that a failure never
 * leaves half a picture behind.
 *
 * Names are data, never markup. Graphviz interprets label text: "\N", "\G",
 * "\l", "\\" are escapes, and "&...;" entities are decoded. So user text
 * reaches Graphviz only as label and tooltip values, encoded so that what
 * Graphviz finally draws is the text itself:
 *   - '&' becomes "&amp;" (Graphviz decodes it back to '&', then its SVG
 *     writer escapes it again);
 *   - '\' becomes the entity "&#92;" written twice in a label (Graphviz
 *     decodes entities, then turns "\\" into one backslash) and four times in
 *     a tooltip (which goes through one more round of escape processing).
 *     No backslash character is ever written, so DOT output cannot end a
 *     quoted string with a stray "\"" (cgraph's agwrite does not escape
 *     backslashes).
 * Node ids are synthetic ("r0", "t3"); no other attribute carries user text.
 * The loader has already rejected invalid UTF-8 and control characters other
 * than tab and line breaks, so the SVG is well-formed XML.
 *
 * Graphviz keeps its error state in globals and is not thread-safe: every
 * use of it here runs under one lock, with its error messages captured
 * instead of printed.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "cluster_view.h"
#include "org.h"

struct mg_render_opts {
    mg_render_format format;
    mg_engine engine; /* MG_ENGINE_AUTO: chosen by size */
    size_t max_nodes; /* above this, the cluster view */
    int tools;
    int clusters;  /* overlay: shared-tool clusters as coloured boxes */
    int gaps;      /* overlay: gap subjects outlined by severity */
    char *path_from, *path_to; /* overlay: the cheapest chain drawn bold */
};

/* The defaults, for mg_render_opts_new and for a render given no options. */
static void render_opts_init(mg_render_opts *o)
{
    memset(o, 0, sizeof *o);
    o->format = MG_RENDER_FORMAT_SVG;
    o->engine = MG_ENGINE_AUTO;
    o->max_nodes = MG_RENDER_MAX_NODES;
    o->tools = 1;
}

mg_render_opts *mg_render_opts_new(void)
{
    mg_render_opts *o = malloc(sizeof *o);

    if (o)
        render_opts_init(o);
    return o;
}

void mg_render_opts_free(mg_render_opts *opts)
{
    if (!opts)
        return;
    free(opts->path_from);
    free(opts->path_to);
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
        opts->tools = show_tools != 0;
}

/* ---- Escaping ------------------------------------------------------------ */

enum text_kind { LABEL, TOOLTIP };

static int put_escaped(mgi_buf *b, const char *s, enum text_kind kind)
{
    for (; *s; s++) {
        int rc;

        if (*s == '&')
            rc = mgi_buf_puts(b, "&amp;");
        else if (*s == '\\')
            rc = mgi_buf_puts(b, kind == LABEL ? "&#92;&#92;" : "&#92;&#92;&#92;&#92;");
        else
            rc = mgi_buf_putc(b, *s);
        if (rc < 0)
            return -1;
    }
    return 0;
}

/* ---- Overlays: analysis results drawn onto the picture -------------------- */

static const char *const cluster_colours[] = {
    "#e3eefb", "#fdebd3", "#e2f3df", "#f1e4f5", "#fff6cc", "#ddf1ef", "#fbe0e3", "#e9e4f7",
};
#define N_COLOURS (sizeof cluster_colours / sizeof cluster_colours[0])
#define CLUSTER_LABEL_STACK 3 /* stack items a cluster box names */

static const char *const severity_colours[4] = { "", "#d4a017", "#e56a00", "#c62828" };

typedef struct overlay {
    /* clusters: the box each role sits in (MGI_NONE for none), and its label */
    mgi_id *cluster_of;
    char **cluster_label;
    size_t n_clusters;
    /* gaps: the worst severity touching each role and tool, and the messages */
    int *role_severity, *tool_severity;
    mgi_buf *role_gaps, *tool_gaps;
    int any_gaps;
    /* path: roles on the chain and its steps (from, to) */
    int path;
    char *path_ends[2]; /* the two roles' display names */
    unsigned char *on_path;
    mgi_pair *steps;
    size_t n_steps;
    /* the cluster view: the first caption line, replacing the counts */
    char *view_note;
} overlay;

static void overlay_free(overlay *o, size_t n_roles, size_t n_tools)
{
    size_t i;

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

static int on_chain(const overlay *o, mgi_id from, mgi_id to, int both)
{
    size_t i;

    for (i = 0; i < o->n_steps; i++)
        if ((o->steps[i].a == from && o->steps[i].b == to) ||
            (both && o->steps[i].a == to && o->steps[i].b == from))
            return 1;
    return 0;
}

/* ---- Object ids in creation order ------------------------------------------- */

/*
 * cgraph's default id discipline uses the address of each interned name as
 * the object's id, and keeps subgraphs ordered by id: so the order in which
 * cluster boxes are written and laid out would follow the heap, and the
 * same organisation could come out differently in a long-running process.
 * This discipline numbers named objects in the order they are created
 * (even ids; anonymous objects get odd ones, as cgraph expects), so the
 * output depends on the input alone.
 */
typedef struct id_state {
    Agraph_t *g;
    char **names;   /* names[i] has id 2 * (i + 1) */
    size_t n, cap;
    mgi_map index;  /* hash of a name -> its place in names */
    IDTYPE anonymous;
} id_state;

/* A name being looked up in an id_state, for mgi_map_get. */
typedef struct id_lookup {
    const id_state *s;
    const char *name;
} id_lookup;

static int same_name(const void *ctx, mgi_id i)
{
    const id_lookup *l = ctx;

    return strcmp(l->s->names[i], l->name) == 0;
}

/* cgraph cannot take a failed open: the state is allocated before agopen
 * (under the Graphviz lock, like the static Agdisc_t) and taken here. */
static id_state *ids_pending;

static void *ids_open(Agraph_t *g, Agdisc_t *disc)
{
    id_state *s = ids_pending;

    (void)disc;
    ids_pending = NULL;
    s->g = g;
    s->anonymous = 1;
    return s;
}

static long ids_map(void *state, int objtype, char *str, IDTYPE *id, int createflag)
{
    id_state *s = state;
    id_lookup look = { s, str };
    uint64_t h;
    mgi_id i;

    (void)objtype;
    if (!str) {
        *id = s->anonymous;
        s->anonymous += 2;
        return 1;
    }
    h = mgi_hash_bytes(str, strlen(str));
    if ((i = mgi_map_get(&s->index, h, same_name, &look)) != MGI_NONE) {
        *id = 2 * ((IDTYPE)i + 1);
        return 1;
    }
    if (!createflag)
        return 0;
    if (mgi_grow(&s->names, &s->cap, s->n + 1, sizeof *s->names) < 0 ||
        !(s->names[s->n] = agstrdup(s->g, str)))
        return 0;
    if (mgi_map_put(&s->index, h, (mgi_id)s->n) < 0) {
        agstrfree(s->g, s->names[s->n]);
        return 0;
    }
    *id = 2 * ((IDTYPE)s->n + 1);
    s->n++;
    return 1;
}

static long ids_alloc(void *state, int objtype, IDTYPE id)
{
    (void)state;
    (void)objtype;
    (void)id;
    return 0; /* ids come from ids_map only */
}

static void ids_free(void *state, int objtype, IDTYPE id)
{
    /* names stay interned until the graph closes (ids_close) */
    (void)state;
    (void)objtype;
    (void)id;
}

static char *ids_print(void *state, int objtype, IDTYPE id)
{
    id_state *s = state;

    (void)objtype;
    if (id % 2 == 0 && id / 2 >= 1 && id / 2 <= s->n)
        return s->names[id / 2 - 1];
    return NULL;
}

static void ids_close(void *state)
{
    id_state *s = state;
    size_t i;

    for (i = 0; i < s->n; i++)
        agstrfree(s->g, s->names[i]);
    free(s->names);
    mgi_map_free(&s->index);
    free(s);
}

static void ids_register(void *state, int objtype, void *obj)
{
    (void)state;
    (void)objtype;
    (void)obj;
}

static Agiddisc_t creation_order_ids = { ids_open, ids_map, ids_alloc, ids_free,
                                         ids_print, ids_close, ids_register };

/* ---- Building the graph ---------------------------------------------------- */

/* cgraph's API takes char * for strings it only reads: the casts live here. */
#define S(s) ((char *)(s))

typedef struct builder {
    Agraph_t *g;
    const mgi_model *m;
    const overlay *o;
    mgi_buf text;
    Agsym_t *n_label, *n_tooltip, *n_shape, *n_style, *n_fill, *n_color, *n_fontsize, *n_font,
        *n_penwidth, *n_fontcolor;
    Agsym_t *e_label, *e_tooltip, *e_style, *e_color, *e_dir, *e_arrowhead, *e_penwidth,
        *e_weight, *e_fontcolor;
    int failed;
} builder;

static Agsym_t *attr(Agraph_t *g, int kind, const char *name, const char *dflt)
{
    return agattr(g, kind, S(name), S(dflt));
}

static void set(builder *b, void *obj, Agsym_t *sym, const char *value)
{
    if (agxset(obj, sym, S(value)) != 0)
        b->failed = 1;
}

/* Sets an attribute to user text, escaped for its kind. */
static void set_text(builder *b, void *obj, Agsym_t *sym, enum text_kind kind, const char *s)
{
    mgi_buf_clear(&b->text);
    if (put_escaped(&b->text, s, kind) < 0 || !b->text.data) {
        b->failed = 1;
        return;
    }
    set(b, obj, sym, b->text.data);
}

static Agnode_t *node(builder *b, char prefix, size_t i)
{
    char id[32];
    Agnode_t *n;

    snprintf(id, sizeof id, "%c%zu", prefix, i);
    n = agnode(b->g, id, 1);
    if (!n)
        b->failed = 1;
    return n;
}

static void tooltip_line(mgi_buf *t, const char *label, const char *value)
{
    if (value && *value) {
        mgi_buf_putc(t, '\n');
        mgi_buf_puts(t, label);
        mgi_buf_puts(t, value);
    }
}

/* Off the highlighted chain: drawn pale. */
static void fade(builder *b, Agnode_t *n)
{
    set(b, n, b->n_color, "#d0d0d0");
    set(b, n, b->n_fill, "#f6f6f6");
    set(b, n, b->n_fontcolor, "#a8a8a8");
}

/* One coloured box per cluster of two or more roles, labelled with what the
 * members share; the labels are the legend. */
/* Sets a size attribute to base + step log2(count), count a decimal string. */
static void scale(builder *b, void *obj, Agsym_t *sym, double base, double step,
                  const char *count)
{
    char value[32];
    double n = count ? strtod(count, NULL) : 1;

    snprintf(value, sizeof value, "%.1f", base + step * log2(n > 1 ? n : 1));
    set(b, obj, sym, value);
}

static void add_clusters(builder *b, Agnode_t **role_nodes)
{
    const overlay *o = b->o;
    size_t c, i;

    for (c = 0; c < o->n_clusters && !b->failed; c++) {
        char name[48];
        Agraph_t *sub;

        snprintf(name, sizeof name, "cluster_%zu", c);
        sub = agsubg(b->g, name, 1);
        if (!sub) {
            b->failed = 1;
            return;
        }
        agsafeset(sub, S("style"), S("filled,rounded"), S(""));
        agsafeset(sub, S("fillcolor"), S(cluster_colours[c % N_COLOURS]), S(""));
        agsafeset(sub, S("color"), S("#9fb3c8"), S(""));
        agsafeset(sub, S("fontsize"), S("10"), S(""));
        agsafeset(sub, S("labeljust"), S("l"), S(""));
        mgi_buf_clear(&b->text);
        if (put_escaped(&b->text, o->cluster_label[c], LABEL) < 0 || !b->text.data) {
            b->failed = 1;
            return;
        }
        agsafeset(sub, S("label"), b->text.data, S(""));
        for (i = 0; i < b->m->n_roles; i++)
            if (o->cluster_of[i] == c && !agsubnode(sub, role_nodes[i], 1))
                b->failed = 1;
    }
}

static void add_roles(builder *b, Agnode_t **role_nodes)
{
    const mgi_model *m = b->m;
    mgi_buf tip = { 0 };
    size_t i, j;

    for (i = 0; i < m->n_roles && !b->failed; i++) {
        const mgi_role *r = &m->roles[i];
        Agnode_t *n = role_nodes[i] = node(b, 'r', i);

        if (!n)
            break;
        set_text(b, n, b->n_label, LABEL, r->name);
        mgi_buf_clear(&tip);
        mgi_buf_puts(&tip, r->name);
        tooltip_line(&tip, "", r->summary);
        if (r->n_aliases) {
            mgi_buf_puts(&tip, "\nAlso: ");
            for (j = 0; j < r->n_aliases; j++) {
                if (j)
                    mgi_buf_puts(&tip, ", ");
                mgi_buf_puts(&tip, r->aliases[j]);
            }
        }
        tooltip_line(&tip, "Headcount: ", r->headcount);
        for (j = 0; j < r->attrs.n; j++) {
            mgi_buf_printf(&tip, "\n%s: ", r->attrs.items[j].key);
            mgi_buf_puts(&tip, r->attrs.items[j].value);
        }
        if (b->o->role_gaps && b->o->role_gaps[i].data) {
            mgi_buf_puts(&tip, "\n\nGaps:");
            mgi_buf_puts(&tip, b->o->role_gaps[i].data);
            set(b, n, b->n_color, severity_colours[b->o->role_severity[i]]);
            set(b, n, b->n_penwidth, "3");
        }
        if (b->o->path && !b->o->on_path[i])
            fade(b, n);
        if (b->o->view_note) /* the cluster view: sized by members */
            scale(b, n, b->n_fontsize, 10, 1, mgi_attrs_get(&r->attrs, "roles"));
        if (!tip.data) {
            b->failed = 1;
            break;
        }
        set_text(b, n, b->n_tooltip, TOOLTIP, tip.data);
    }
    mgi_buf_free(&tip);
}

static void add_tools(builder *b, Agnode_t **role_nodes)
{
    const mgi_model *m = b->m;
    mgi_buf tip = { 0 };
    size_t i, k;

    for (i = 0; i < m->n_tools && !b->failed; i++) {
        Agnode_t *n = node(b, 't', i);

        if (!n)
            break;
        set(b, n, b->n_shape, "ellipse");
        set(b, n, b->n_style, "filled");
        set(b, n, b->n_fill, "#f1f1f1");
        set(b, n, b->n_color, "#9a9a9a");
        set(b, n, b->n_fontsize, "9");
        set_text(b, n, b->n_label, LABEL, m->tools[i].name);
        mgi_buf_clear(&tip);
        mgi_buf_printf(&tip, "Tool: %s", m->tools[i].name);
        for (k = m->tool_caps_of.off[i]; k < m->tool_caps_of.off[i + 1]; k++) {
            mgi_buf_puts(&tip, k == m->tool_caps_of.off[i] ? "\nSupports: " : ", ");
            mgi_buf_puts(&tip, m->caps[m->tool_caps_of.items[k]].name);
        }
        for (k = m->tool_roles.off[i]; k < m->tool_roles.off[i + 1]; k++) {
            mgi_buf_puts(&tip, k == m->tool_roles.off[i] ? "\nUsed by: " : ", ");
            mgi_buf_puts(&tip, m->roles[m->tool_roles.items[k]].name);
        }
        for (k = 0; k < m->tools[i].attrs.n; k++)
            mgi_buf_printf(&tip, "\n%s: %s", m->tools[i].attrs.items[k].key,
                           m->tools[i].attrs.items[k].value);
        if (b->o->tool_gaps && b->o->tool_gaps[i].data) {
            mgi_buf_puts(&tip, "\n\nGaps:");
            mgi_buf_puts(&tip, b->o->tool_gaps[i].data);
            set(b, n, b->n_color, severity_colours[b->o->tool_severity[i]]);
            set(b, n, b->n_penwidth, "2.5");
        }
        if (b->o->path)
            fade(b, n);
        if (!tip.data) {
            b->failed = 1;
            break;
        }
        set_text(b, n, b->n_tooltip, TOOLTIP, tip.data);
        for (k = m->tool_roles.off[i]; k < m->tool_roles.off[i + 1] && !b->failed; k++) {
            Agedge_t *e = agedge(b->g, role_nodes[m->tool_roles.items[k]], n, NULL, 1);

            if (!e) {
                b->failed = 1;
                break;
            }
            set(b, e, b->e_style, "dashed");
            set(b, e, b->e_color, "#b0b0b0");
            set(b, e, b->e_arrowhead, "none");
            set(b, e, b->e_penwidth, "0.8");
            set(b, e, b->e_weight, "2");
            if (b->o->path)
                set(b, e, b->e_color, "#e4e4e4");
        }
    }
    mgi_buf_free(&tip);
}

static void add_collaborations(builder *b, Agnode_t **role_nodes)
{
    const mgi_model *m = b->m;
    mgi_buf tip = { 0 };
    size_t i, k;

    for (i = 0; i < m->n_collabs && !b->failed; i++) {
        const mgi_collab *c = &m->collabs[i];
        char key[32];
        Agedge_t *e;

        /* a key per collaboration: two rows between the same roles stay two edges */
        snprintf(key, sizeof key, "c%zu", i);
        e = agedge(b->g, role_nodes[c->from], role_nodes[c->to], key, 1);
        if (!e) {
            b->failed = 1;
            break;
        }
        set_text(b, e, b->e_label, LABEL, c->handoff ? c->handoff : "");
        if (c->both)
            set(b, e, b->e_dir, "both");
        if (b->o->view_note) /* the cluster view: weighted by handoffs */
            scale(b, e, b->e_penwidth, 0.8, 0.4, mgi_attrs_get(&c->attrs, "handoffs"));
        if (b->o->path && on_chain(b->o, c->from, c->to, c->both)) {
            set(b, e, b->e_color, "#b71c1c");
            set(b, e, b->e_fontcolor, "#b71c1c");
            set(b, e, b->e_penwidth, "3.5");
        } else if (b->o->path) {
            set(b, e, b->e_color, "#d6d6d6");
            set(b, e, b->e_fontcolor, "#b8b8b8");
        }
        mgi_buf_clear(&tip);
        mgi_buf_printf(&tip, "%s %s %s", m->roles[c->from].name, c->both ? "<->" : "->",
                       m->roles[c->to].name);
        tooltip_line(&tip, "", c->handoff);
        if (c->weight != 1.0)
            mgi_buf_printf(&tip, "\nCost: %g", c->weight);
        for (k = 0; k < c->attrs.n; k++)
            mgi_buf_printf(&tip, "\n%s: %s", c->attrs.items[k].key, c->attrs.items[k].value);
        if (!tip.data) {
            b->failed = 1;
            break;
        }
        set_text(b, e, b->e_tooltip, TOOLTIP, tip.data);
    }
    mgi_buf_free(&tip);
}

/* The caption, which doubles as the legend of the overlays ("\\n" breaks
 * lines in a Graphviz label). Returns 0, or -1 when out of memory. */
static int caption_text(mgi_buf *caption, const mgi_model *m, const overlay *o)
{
    if (o->view_note)
        mgi_buf_puts(caption, o->view_note);
    else
        mgi_buf_printf(caption, "%zu roles, %zu tools, %zu collaborations", m->n_roles,
                       m->n_tools, m->n_collabs);
    if (o->n_clusters)
        mgi_buf_puts(caption, "\\nShaded boxes: roles that share tools (shared-tool clusters)");
    if (o->any_gaps)
        mgi_buf_puts(caption, "\\nOutline: red high, orange medium, yellow low severity gap "
                              "(hover for details)");
    if (o->path) {
        mgi_buf_puts(caption, o->n_steps ? "\\nBold red: the cheapest handoff chain from "
                                         : "\\nNo handoff chain leads from ");
        put_escaped(caption, o->path_ends[0], LABEL);
        mgi_buf_puts(caption, " to ");
        put_escaped(caption, o->path_ends[1], LABEL);
    }
    return caption->data ? 0 : -1;
}

/* The graph's attributes and the defaults of its nodes and edges, in the
 * order they are declared (and written); `sym` is where the builder keeps
 * the symbol of those set per object. */
#define NO_SYM ((size_t)-1)
#define SYM(field) offsetof(builder, field)
static const struct {
    int kind;
    const char *name, *dflt;
    size_t sym;
} attr_table[] = {
    { AGRAPH, "rankdir", "LR", NO_SYM },
    { AGRAPH, "fontname", "Helvetica,Arial,sans-serif", NO_SYM },
    { AGRAPH, "fontsize", "10", NO_SYM },
    { AGRAPH, "fontcolor", "#555555", NO_SYM },
    { AGRAPH, "labelloc", "b", NO_SYM },
    { AGRAPH, "label", NULL, NO_SYM }, /* the caption */
    { AGRAPH, "nodesep", "0.25", NO_SYM },
    { AGRAPH, "ranksep", "0.5", NO_SYM },
    { AGRAPH, "pad", "0.2", NO_SYM },
    { AGRAPH, "bgcolor", "white", NO_SYM },
    { AGNODE, "fontname", "Helvetica,Arial,sans-serif", SYM(n_font) },
    { AGNODE, "label", "", SYM(n_label) },
    { AGNODE, "tooltip", "", SYM(n_tooltip) },
    { AGNODE, "shape", "box", SYM(n_shape) },
    { AGNODE, "style", "rounded,filled", SYM(n_style) },
    { AGNODE, "fillcolor", "#d6e6f5", SYM(n_fill) },
    { AGNODE, "color", "#2f5f8a", SYM(n_color) },
    { AGNODE, "fontsize", "11", SYM(n_fontsize) },
    { AGNODE, "penwidth", "1", SYM(n_penwidth) },
    { AGNODE, "fontcolor", "black", SYM(n_fontcolor) },
    { AGNODE, "margin", "0.12,0.05", NO_SYM },
    { AGNODE, "height", "0.3", NO_SYM },
    { AGEDGE, "fontname", "Helvetica,Arial,sans-serif", NO_SYM },
    { AGEDGE, "fontsize", "8", NO_SYM },
    { AGEDGE, "fontcolor", "#1f3f5f", SYM(e_fontcolor) },
    /* Graphviz 2.42's dot frees a flat edge's label twice when the edge lies
     * in a cluster (found by fuzz_all under ASan): with cluster boxes, the
     * handoff goes into xlabel, placed after layout, instead. */
    { AGEDGE, NULL, "", SYM(e_label) }, /* label, or xlabel with cluster boxes */
    { AGEDGE, "tooltip", "", SYM(e_tooltip) },
    { AGEDGE, "style", "solid", SYM(e_style) },
    { AGEDGE, "color", "#1f4e79", SYM(e_color) },
    { AGEDGE, "dir", "forward", SYM(e_dir) },
    { AGEDGE, "arrowhead", "normal", SYM(e_arrowhead) },
    { AGEDGE, "penwidth", "1.4", SYM(e_penwidth) },
    { AGEDGE, "weight", "1", SYM(e_weight) },
    { AGEDGE, "arrowsize", "0.7", NO_SYM },
};

static void declare_attrs(builder *b, const char *caption)
{
    size_t i;

    for (i = 0; i < sizeof attr_table / sizeof attr_table[0]; i++) {
        const char *name = attr_table[i].name, *dflt = attr_table[i].dflt;
        Agsym_t *sym;

        if (!name)
            name = b->o->n_clusters ? "xlabel" : "label";
        sym = attr(b->g, attr_table[i].kind, name, dflt ? dflt : caption);
        if (attr_table[i].sym != NO_SYM)
            *(Agsym_t **)((char *)b + attr_table[i].sym) = sym;
    }
}

static Agraph_t *build(const mgi_model *m, const mg_render_opts *opts, const overlay *o)
{
    static Agdisc_t disc; /* filled under the Graphviz lock, before every use */
    builder b;
    Agnode_t **role_nodes;
    mgi_buf caption = { 0 };

    memset(&b, 0, sizeof b);
    b.m = m;
    b.o = o;
    role_nodes = calloc(m->n_roles + 1, sizeof *role_nodes);
    disc.mem = &AgMemDisc;
    disc.id = &creation_order_ids;
    disc.io = &AgIoDisc;
    if ((ids_pending = calloc(1, sizeof *ids_pending)))
        b.g = agopen(S("organisation"), Agdirected, &disc);
    free(ids_pending); /* NULL once agopen took it */
    ids_pending = NULL;
    if (!b.g || !role_nodes || caption_text(&caption, m, o) < 0)
        goto fail;
    declare_attrs(&b, caption.data);
    if (!b.n_label || !b.e_label || !b.e_weight)
        goto fail;
    add_roles(&b, role_nodes);
    add_clusters(&b, role_nodes);
    add_collaborations(&b, role_nodes);
    if (opts->tools)
        add_tools(&b, role_nodes);
    if (b.failed)
        goto fail;
    mgi_buf_free(&b.text);
    mgi_buf_free(&caption);
    free(role_nodes);
    return b.g;
fail:
    mgi_buf_free(&b.text);
    mgi_buf_free(&caption);
    free(role_nodes);
    if (b.g)
        agclose(b.g);
    return NULL;
}

/* ---- Running Graphviz ------------------------------------------------------ */

static pthread_mutex_t graphviz_lock = PTHREAD_MUTEX_INITIALIZER;
static mgi_buf graphviz_messages; /* guarded by graphviz_lock */

/*
 * One Graphviz context for the life of the process, made on first use.
 * Graphviz 2.42's pango plugin caches font data in statics that point into
 * a context: after gvFreeContext, the next layout in any other context reads
 * freed memory (seen under valgrind). Keeping ours alive avoids that, and
 * loads the plugins once instead of on every render. Guarded by graphviz_lock.
 */
static GVC_t *graphviz_context;

static int capture_message(char *msg)
{
    mgi_buf_puts(&graphviz_messages, msg);
    return 0;
}

/* The captured messages as one line, for an mg_error. */
static const char *messages(void)
{
    char *p;

    if (!graphviz_messages.data)
        return "no message from Graphviz";
    for (p = graphviz_messages.data; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t')
            *p = ' ';
    while (graphviz_messages.len && graphviz_messages.data[graphviz_messages.len - 1] == ' ')
        graphviz_messages.data[--graphviz_messages.len] = '\0';
    return graphviz_messages.data;
}

/* agwrite writes through an I/O discipline: this one appends to an mgi_buf. */
static int buf_putstr(void *chan, const char *s)
{
    return mgi_buf_puts(chan, s) < 0 ? EOF : 0;
}

static int buf_flush(void *chan)
{
    (void)chan;
    return 0;
}

static mg_status render_locked(const mgi_model *m, const mg_render_opts *opts, const overlay *o,
                               mgi_buf *out, mg_error *err)
{
    GVC_t *gvc;
    Agraph_t *g;
    mg_engine engine;
    mg_status st = MG_OK;

    /* The context first: it sets defaults for graphs created after it. */
    if (!graphviz_context)
        graphviz_context = gvContext();
    gvc = graphviz_context;
    if (!gvc)
        return mgi_error(err, MG_EGRAPHVIZ, "", 0, 0, "cannot create a Graphviz context");
    g = build(m, opts, o);
    if (!g)
        return mgi_nomem(err);
    /* dot draws hierarchies best but slows sharply with size, edges (and
     * their labels) as much as nodes: 50 roles and tools with 210 edges take
     * it 1.8 s, 150 with 560 edges 8 s, 120 with 1,000 edges over a minute;
     * sfdp lays out thousands in seconds */
    engine = opts->engine != MG_ENGINE_AUTO ? opts->engine
             : !o->view_note && (size_t)(agnnodes(g) + agnedges(g)) <= MG_RENDER_DOT_SIZE
                 ? MG_ENGINE_DOT
                 : MG_ENGINE_SFDP;
    if (engine == MG_ENGINE_SFDP) {
        agattr(g, AGRAPH, S("overlap"), S("prism"));
        agattr(g, AGRAPH, S("outputorder"), S("edgesfirst"));
    }
    if (opts->format == MG_RENDER_FORMAT_DOT) {
        Agiodisc_t io = AgIoDisc;

        /* agwrite goes through the graph's I/O discipline: point it at our buffer */
        io.putstr = buf_putstr;
        io.flush = buf_flush;
        g->clos->disc.io = &io;
        if (agwrite(g, out) != 0)
            st = out->failed ? mgi_nomem(err)
                             : mgi_error(err, MG_EGRAPHVIZ, "", 0, 0, "cannot write DOT: %s",
                                         messages());
        g->clos->disc.io = &AgIoDisc;
    } else if (gvLayout(gvc, g, mg_engine_name(engine)) != 0) {
        st = mgi_error(err, MG_EGRAPHVIZ, "", 0, 0,
                       "Graphviz could not lay out the graph with '%s': %s (are the Graphviz "
                       "plugins installed and configured? try 'dot -c' as root)",
                       mg_engine_name(engine), messages());
    } else {
        char *data = NULL;
        unsigned int len = 0;

        if (gvRenderData(gvc, g, mg_render_format_name(opts->format), &data, &len) != 0 ||
            !data)
            st = mgi_error(err, MG_EGRAPHVIZ, "", 0, 0,
                           "Graphviz could not render format '%s': %s (are the Graphviz "
                           "plugins installed? try 'dot -c' as root)",
                           mg_render_format_name(opts->format), messages());
        else if (mgi_buf_append(out, data, len) < 0)
            st = mgi_nomem(err);
        if (data)
            gvFreeRenderData(data);
        gvFreeLayout(gvc, g);
    }
    agclose(g);
    return st;
}

/* The first caption line of the cluster view, in place of the counts. */
static char *view_note(const mgi_model *m, const mgi_cluster_view *view, size_t max_nodes)
{
    mgi_buf b = { 0 };

    if (mgi_buf_printf(&b,
                       "Cluster view: %zu roles in %zu shared-tool clusters, %zu tools, %zu "
                       "collaborations (more than %zu nodes to draw one by one; --max-nodes "
                       "changes the limit)%s",
                       m->n_roles, view->n_clusters, m->n_tools, m->n_collabs, max_nodes,
                       view->links_cut ? "\\nLines: the clusters with the most handoffs "
                                         "between them"
                                       : "") < 0) {
        mgi_buf_free(&b);
        return NULL;
    }
    return mgi_buf_steal(&b);
}

/* Draws a model under the Graphviz lock; out is never left NULL on success. */
static mg_status render_model(const mgi_model *m, const mg_render_opts *opts, const overlay *o,
                              mgi_buf *out, mg_error *err)
{
    agusererrf old;
    mg_status st;

    pthread_mutex_lock(&graphviz_lock);
    mgi_buf_clear(&graphviz_messages);
    old = agseterrf(capture_message);
    st = render_locked(m, opts, o, out, err);
    agseterrf(old);
    mgi_buf_free(&graphviz_messages);
    pthread_mutex_unlock(&graphviz_lock);
    if (st == MG_OK && !out->data && mgi_buf_reserve(out, 0) < 0)
        st = mgi_nomem(err);
    return st;
}

static mg_status render(const mg_org *org, const mg_render_opts *opts, mgi_buf *out,
                        mg_error *err)
{
    mg_render_opts defaults;
    overlay o;
    mg_status st = MG_OK;

    if (!org)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "render: NULL organisation");
    if (mgi_org_frozen(org, err) != MG_OK)
        return MG_EINTERNAL;
    if (!opts) {
        render_opts_init(&defaults);
        opts = &defaults;
    }
    /* the analyses behind the overlays need no Graphviz: run them unlocked */
    memset(&o, 0, sizeof o);
    if (org->m->n_roles + (opts->tools ? org->m->n_tools : 0) > opts->max_nodes) {
        /* too many to draw one by one: draw the clusters, without overlays */
        mg_render_opts plain = *opts;
        mgi_cluster_view view;

        plain.tools = plain.clusters = plain.gaps = 0;
        plain.path_from = plain.path_to = NULL;
        st = mgi_cluster_view_build(org, &view, err);
        if (st == MG_OK && !(o.view_note = view_note(org->m, &view, opts->max_nodes)))
            st = mgi_nomem(err);
        if (st == MG_OK)
            st = render_model(view.model, &plain, &o, out, err);
        mgi_cluster_view_free(&view);
        overlay_free(&o, 0, 0);
        return st;
    }
    if (opts->clusters)
        st = overlay_clusters(org, &o, err);
    if (st == MG_OK && opts->gaps)
        st = overlay_gaps(org, &o, err);
    if (st == MG_OK && opts->path_from)
        st = overlay_path(org, opts, &o, err);
    if (st == MG_OK)
        st = render_model(org->m, opts, &o, out, err);
    overlay_free(&o, org->m->n_roles, org->m->n_tools);
    return st;
}

/* ---- Where the picture goes ------------------------------------------------- */

mg_status mg_render_buffer(const mg_org *org, const mg_render_opts *opts, char **out, size_t *len,
                           mg_error *err)
{
    mgi_buf b = { 0 };
    mg_status st;

    if (!out || !len)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_render_buffer: NULL argument");
    st = render(org, opts, &b, err);
    if (st != MG_OK) {
        mgi_buf_free(&b);
        return st;
    }
    *len = b.len;
    *out = mgi_buf_steal(&b);
    return MG_OK;
}

mg_status mg_render_file(const mg_org *org, const mg_render_opts *opts, FILE *out, mg_error *err)
{
    mgi_buf b = { 0 };
    mg_status st;

    if (!out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_render_file: NULL stream");
    st = render(org, opts, &b, err);
    if (st == MG_OK && ((b.len && fwrite(b.data, 1, b.len, out) != b.len) || fflush(out) != 0))
        st = mgi_error(err, MG_EIO, "", 0, 0, "write error: %s", strerror(errno));
    mgi_buf_free(&b);
    return st;
}

mg_status mg_render_path(const mg_org *org, const mg_render_opts *opts, const char *path,
                         mg_error *err)
{
    mgi_buf b = { 0 };
    mg_status st;

    if (!path || !*path)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_render_path: no file name");
    st = render(org, opts, &b, err);
    if (st == MG_OK)
        st = mg_write_file(path, b.data, b.len, err);
    mgi_buf_free(&b);
    return st;
}
