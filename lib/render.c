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
#include "overlay.h"
#include "page.h"

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

/* ---- Colours ------------------------------------------------------------------ */

static const char *const cluster_colours[] = {
    "#e3eefb", "#fdebd3", "#e2f3df", "#f1e4f5", "#fff6cc", "#ddf1ef", "#fbe0e3", "#e9e4f7",
};
#define N_COLOURS (sizeof cluster_colours / sizeof cluster_colours[0])

static const char *const severity_colours[4] = { "", "#d4a017", "#e56a00", "#c62828" };

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
    int xlabels; /* handoff names as xlabels, placed after layout */
    int boxes;   /* the engine draws cluster boxes (dot, fdp, osage) */
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
        size_t drawn = 0;

        for (i = 0; i < b->m->n_roles; i++)
            drawn += o->cluster_of[i] == c && role_nodes[i];
        if (!drawn)
            continue; /* none of its roles is drawn (a focus) */
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
        if ((o->group_by && (put_escaped(&b->text, o->group_by, LABEL) < 0 ||
                             mgi_buf_puts(&b->text, ": ") < 0)) ||
            put_escaped(&b->text, o->cluster_label[c], LABEL) < 0 || !b->text.data) {
            b->failed = 1;
            return;
        }
        agsafeset(sub, S("label"), b->text.data, S(""));
        for (i = 0; i < b->m->n_roles; i++)
            if (o->cluster_of[i] == c && role_nodes[i] && !agsubnode(sub, role_nodes[i], 1))
                b->failed = 1;
    }
}

/* The tools of role i not drawn as nodes, and its handoffs not drawn as
 * lines, for its tooltip: what the picture folded into it. */
static void folded_lines(const builder *b, size_t i, mgi_buf *tip)
{
    const mgi_model *m = b->m;
    const mgi_picture *p = &b->o->pic;
    size_t k, n = 0, hidden = 0;

    for (k = m->role_tools.off[i]; k < m->role_tools.off[i + 1]; k++)
        hidden += !p->tool_drawn[m->role_tools.items[k]];
    for (k = m->role_tools.off[i]; k < m->role_tools.off[i + 1]; k++) {
        mgi_id t = m->role_tools.items[k];

        if (p->tool_drawn[t])
            continue;
        if (n++ == 0)
            mgi_buf_printf(tip, "\nTools not drawn (%zu): ", hidden);
        else
            mgi_buf_puts(tip, ", ");
        mgi_buf_puts(tip, m->tools[t].name);
        if (p->tool_hub[t])
            mgi_buf_puts(tip, " (hub)");
    }
    for (k = 0, n = 0; k < m->n_collabs; k++) {
        const mgi_collab *c = &m->collabs[k];

        if (p->collab_drawn[k] || (c->from != i && c->to != i))
            continue;
        mgi_buf_puts(tip, n++ ? "; " : "\nHandoffs not drawn: ");
        mgi_buf_puts(tip, c->from == i ? (c->both ? "<-> " : "-> ") : "<- ");
        mgi_buf_puts(tip, m->roles[c->from == i ? c->to : c->from].name);
    }
}

/* The role's label: its name, and "+N tools" when tools are folded into it
 * while others are drawn. Returns 0 or -1. */
static int role_label(builder *b, size_t i)
{
    const mgi_picture *p = &b->o->pic;

    mgi_buf_clear(&b->text);
    if (put_escaped(&b->text, b->m->roles[i].name, LABEL) < 0)
        return -1;
    if ((p->tools == MG_TOOLS_SHARED || p->tools == MG_TOOLS_ALL) && p->folded[i] &&
        mgi_buf_printf(&b->text, "\\n+%zu tool%s", p->folded[i], p->folded[i] == 1 ? "" : "s") < 0)
        return -1;
    return b->text.data ? 0 : -1;
}

static void add_roles(builder *b, Agnode_t **role_nodes)
{
    const mgi_model *m = b->m;
    mgi_buf tip = { 0 };
    size_t i, j;

    for (i = 0; i < m->n_roles && !b->failed; i++) {
        const mgi_role *r = &m->roles[i];
        Agnode_t *n;

        if (!b->o->pic.role_drawn[i])
            continue;
        if (!(n = role_nodes[i] = node(b, 'r', i)) || role_label(b, i) < 0) {
            b->failed = 1;
            break;
        }
        set(b, n, b->n_label, b->text.data);
        if (b->o->focus && b->o->focus_role == i) {
            set(b, n, b->n_fill, "#fff1b8");
            set(b, n, b->n_fontsize, "13");
        }
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
        folded_lines(b, i, &tip);
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
        Agnode_t *n;

        if (!b->o->pic.tool_drawn[i])
            continue;
        if (!(n = node(b, 't', i)))
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
            Agnode_t *role = role_nodes[m->tool_roles.items[k]];
            Agedge_t *e;

            if (!role)
                continue; /* not drawn (a focus) */
            if (!(e = agedge(b->g, role, n, NULL, 1))) {
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

        if (!b->o->pic.collab_drawn[i])
            continue;
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
        if (b->o->path && mgi_overlay_on_chain(b->o, c->from, c->to, c->both)) {
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
/* What the plan left out or folded, and the hubs: the legend of the size rule. */
static void caption_plan(mgi_buf *caption, const mgi_model *m, const overlay *o)
{
    const mgi_picture *p = &o->pic;
    size_t i;

    if (o->focus) {
        mgi_buf_puts(caption, "\\nFocus: ");
        put_escaped(caption, m->roles[o->focus_role].name, LABEL);
        mgi_buf_printf(caption, " and the roles within %zu handoff%s (%zu of %zu roles)",
                       o->depth, o->depth == 1 ? "" : "s", p->n_roles_drawn, m->n_roles);
    }
    if (p->tools == MG_TOOLS_SHARED)
        mgi_buf_printf(caption, "\\nTools: the %zu %sused by two or more roles here; \"+N "
                                "tools\": the others (hover a role)",
                       p->n_tools_drawn, o->focus ? "of its tools " : "");
    else if (p->tools == MG_TOOLS_STACKS || (p->tools == MG_TOOLS_NONE && m->n_tools))
        mgi_buf_puts(caption, "\\nTools are not drawn: hover a role for its tools");
    for (i = 0; i < p->n_hubs; i++) {
        mgi_id t = p->hubs[i];

        mgi_buf_puts(caption, i == 0   ? "\\nUsed by most roles (no lines drawn): "
                              : i % 5 ? ", "
                                      : ",\\n");
        put_escaped(caption, m->tools[t].name, LABEL);
        mgi_buf_printf(caption, " (%zu)", m->tool_roles.off[t + 1] - m->tool_roles.off[t]);
    }
    if (p->n_collabs_drawn < p->n_collabs_shown)
        mgi_buf_printf(caption, "\\n%zu of %zu handoffs drawn: every connection, then the "
                                "cheapest (hover a role for the others)",
                       p->n_collabs_drawn, p->n_collabs_shown);
}

static int caption_text(mgi_buf *caption, const builder *b)
{
    const mgi_model *m = b->m;
    const overlay *o = b->o;

    if (o->view_note)
        mgi_buf_puts(caption, o->view_note);
    else
        mgi_buf_printf(caption, "%zu roles, %zu tools, %zu collaborations", m->n_roles,
                       m->n_tools, m->n_collabs);
    caption_plan(caption, m, o);
    if (o->n_clusters && !b->boxes) {
        mgi_buf_puts(caption, "\\nNo boxes: this layout engine draws none (-K dot or fdp does)");
    } else if (o->n_clusters && o->group_by) {
        mgi_buf_puts(caption, "\\nBoxes: roles by ");
        put_escaped(caption, o->group_by, LABEL);
    } else if (o->n_clusters) {
        mgi_buf_puts(caption, "\\nShaded boxes: roles that share tools (shared-tool clusters), "
                              "named by their stack");
    }
    if (o->any_gaps && o->gap_min > MG_SEVERITY_LOW)
        mgi_buf_printf(caption, "\\nOutline: red high%s severity gap (hover for details; %zu "
                                "less severe not outlined)",
                       o->gap_min == MG_SEVERITY_MEDIUM ? ", orange medium" : "", o->gaps_hidden);
    else if (o->any_gaps)
        mgi_buf_puts(caption, "\\nOutline: red high, orange medium, yellow low severity gap "
                              "(hover for details)");
    if (b->xlabels && o->pic.n_collabs_drawn)
        mgi_buf_puts(caption, "\\nA handoff's name is left out where it would overlap "
                              "another (hover its line)");
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
            name = b->xlabels ? "xlabel" : "label";
        sym = attr(b->g, attr_table[i].kind, name, dflt ? dflt : caption);
        if (attr_table[i].sym != NO_SYM)
            *(Agsym_t **)((char *)b + attr_table[i].sym) = sym;
    }
}

static Agraph_t *build(const mgi_model *m, mg_engine engine, const overlay *o)
{
    static Agdisc_t disc; /* filled under the Graphviz lock, before every use */
    builder b;
    Agnode_t **role_nodes;
    mgi_buf caption = { 0 };

    memset(&b, 0, sizeof b);
    b.m = m;
    b.o = o;
    /* Only dot places edge labels as part of the layout; other engines put
     * them on the lines, over whatever is there. Graphviz 2.42's dot frees
     * a flat edge's label twice when the edge lies in a cluster (found by
     * fuzz_all under ASan). In both cases the handoff goes into an xlabel,
     * which Graphviz places after layout, and (forcelabels=false) leaves
     * out where it would overlap a node or another label. */
    b.boxes = engine == MG_ENGINE_DOT || engine == MG_ENGINE_FDP || engine == MG_ENGINE_OSAGE;
    b.xlabels = engine != MG_ENGINE_DOT || (b.boxes && o->n_clusters);
    role_nodes = calloc(m->n_roles + 1, sizeof *role_nodes);
    disc.mem = &AgMemDisc;
    disc.id = &creation_order_ids;
    disc.io = &AgIoDisc;
    if ((ids_pending = calloc(1, sizeof *ids_pending)))
        b.g = agopen(S("organisation"), Agdirected, &disc);
    free(ids_pending); /* NULL once agopen took it */
    ids_pending = NULL;
    if (!b.g || !role_nodes || caption_text(&caption, &b) < 0)
        goto fail;
    declare_attrs(&b, caption.data);
    if (!b.n_label || !b.e_label || !b.e_weight)
        goto fail;
    if (b.xlabels)
        agattr(b.g, AGRAPH, S("forcelabels"), S("false"));
    if (engine != MG_ENGINE_DOT) /* dot never overlaps nodes; the others must be told */
        agattr(b.g, AGRAPH, S("overlap"), S("prism"));
    add_roles(&b, role_nodes);
    if (b.boxes)
        add_clusters(&b, role_nodes);
    add_collaborations(&b, role_nodes);
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
 * loads the plugins once instead of on every render. Guarded by graphviz_lock;
 * mg_shutdown frees it, at the end.
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

/* The engine: the one asked for, or dot while dot is quick (it draws
 * hierarchies and boxes best but slows sharply with size, edges and their
 * labels as much as nodes: 50 roles and tools with 210 edges take it 1.8 s,
 * 120 with 1,000 edges over a minute; roles alone, 300 with 400 handoffs,
 * well under a second), sfdp otherwise (thousands of nodes in seconds). */
static mg_engine choose_engine(const mg_render_opts *opts, const overlay *o)
{
    const mgi_picture *p = &o->pic;
    size_t nodes = p->n_roles_drawn + p->n_tools_drawn;

    if (opts->engine != MG_ENGINE_AUTO)
        return opts->engine;
    if (o->view_note)
        return MG_ENGINE_SFDP;
    if (nodes + p->n_tool_lines + p->n_collabs_drawn <= MG_RENDER_DOT_SIZE ||
        (p->n_tools_drawn == 0 && nodes <= MGI_DOT_ROLES))
        return MG_ENGINE_DOT;
    return MG_ENGINE_SFDP;
}

static mg_status render_locked(const mgi_model *m, const mg_render_opts *opts, const overlay *o,
                               mgi_buf *out, mg_error *err)
{
    GVC_t *gvc;
    Agraph_t *g;
    mg_engine engine = choose_engine(opts, o);
    mg_status st = MG_OK;

    /* The context first: it sets defaults for graphs created after it. */
    if (!graphviz_context)
        graphviz_context = gvContext();
    gvc = graphviz_context;
    if (!gvc)
        return mgi_error(err, MG_EGRAPHVIZ, "", 0, 0, "cannot create a Graphviz context");
    g = build(m, engine, o);
    if (!g)
        return mgi_nomem(err);
    if (engine == MG_ENGINE_SFDP)
        agattr(g, AGRAPH, S("outputorder"), S("edgesfirst"));
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

/* Too many nodes to draw one by one: the cluster view, without overlays. */
static mg_status render_cluster_view(const mg_org *org, const mg_render_opts *opts,
                                     mgi_buf *out, mg_error *err)
{
    mg_render_opts plain = *opts;
    mgi_cluster_view view;
    overlay o;
    mg_status st;

    memset(&o, 0, sizeof o);
    plain.tools = MG_TOOLS_NONE;
    plain.clusters = plain.gaps = 0;
    plain.path_from = plain.path_to = plain.focus = plain.group_by = NULL;
    st = mgi_cluster_view_build(org, &view, err);
    if (st == MG_OK && !(o.view_note = view_note(org->m, &view, opts->max_nodes)))
        st = mgi_nomem(err);
    if (st == MG_OK)
        st = mgi_overlay_plain(view.model, &plain, &o, err);
    if (st == MG_OK)
        st = render_model(view.model, &plain, &o, out, err);
    mgi_cluster_view_free(&view);
    mgi_overlay_free(&o);
    return st;
}

/* The picture in opts->format; *cluster_view set when it is the cluster view. */
static mg_status render_picture(const mg_org *org, const mg_render_opts *opts, mgi_buf *out,
                                int *cluster_view, mg_error *err)
{
    overlay o;
    mg_status st;

    /* the analyses behind the overlays need no Graphviz: run them unlocked */
    memset(&o, 0, sizeof o);
    st = mgi_overlay_build(org, opts, &o, err);
    if (st == MG_OK && o.too_large) {
        mgi_overlay_free(&o);
        *cluster_view = 1;
        return render_cluster_view(org, opts, out, err);
    }
    if (st == MG_OK)
        st = render_model(org->m, opts, &o, out, err);
    mgi_overlay_free(&o);
    return st;
}

/* The html page: the SVG picture without gap outlines, which the page draws
 * itself, with the organisation it shows; the cluster view's nodes are
 * clusters, not the organisation's roles, so it goes without. */
static mg_status render_page(const mg_org *org, const mg_render_opts *opts, mgi_buf *out,
                             mg_error *err)
{
    mg_render_opts svg = *opts;
    mgi_buf picture = { 0 };
    int cluster_view = 0;
    mg_status st;

    svg.format = MG_RENDER_FORMAT_SVG;
    svg.page = 1;
    st = render_picture(org, &svg, &picture, &cluster_view, err);
    if (st == MG_OK)
        st = mgi_page_write(out, cluster_view ? NULL : org, picture.data,
                            opts->gaps || opts->focus ? (int)opts->gap_min : 0, err);
    mgi_buf_free(&picture);
    return st;
}

static mg_status render(const mg_org *org, const mg_render_opts *opts, mgi_buf *out,
                        mg_error *err)
{
    mg_render_opts defaults;
    int cluster_view = 0;

    if (!org)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "render: NULL organisation");
    if (mgi_org_frozen(org, err) != MG_OK)
        return MG_EINTERNAL;
    if (!opts) {
        mgi_render_opts_init(&defaults);
        opts = &defaults;
    }
    if (opts->format == MG_RENDER_FORMAT_HTML)
        return render_page(org, opts, out, err);
    return render_picture(org, opts, out, &cluster_view, err);
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

void mg_shutdown(void)
{
    pthread_mutex_lock(&graphviz_lock);
    if (graphviz_context)
        gvFreeContext(graphviz_context);
    graphviz_context = NULL;
    pthread_mutex_unlock(&graphviz_lock);
}

const char *mg_graphviz_version(void)
{
    static char version[64];

    pthread_mutex_lock(&graphviz_lock);
    if (!version[0]) {
        if (!graphviz_context)
            graphviz_context = gvContext();
        snprintf(version, sizeof version, "%s",
                 graphviz_context && gvcVersion(graphviz_context) ? gvcVersion(graphviz_context)
                                                                  : "unknown");
    }
    pthread_mutex_unlock(&graphviz_lock);
    return version;
}
