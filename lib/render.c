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
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "org.h"

struct mg_render_opts {
    char format[16];
    char engine[16];
    int tools;
};

static const char *const formats[] = { "svg", "dot", "png", "pdf", "json", "xdot", NULL };
static const char *const engines[] = { "dot", "neato", "fdp", "sfdp", "circo", "twopi", "osage",
                                       NULL };

mg_render_opts *mg_render_opts_new(void)
{
    mg_render_opts *o = calloc(1, sizeof *o);

    if (!o)
        return NULL;
    strcpy(o->format, "svg");
    strcpy(o->engine, "dot");
    o->tools = 1;
    return o;
}

void mg_render_opts_free(mg_render_opts *opts)
{
    free(opts);
}

static int in_list(const char *const *list, const char *s)
{
    for (; *list; list++)
        if (strcmp(*list, s) == 0)
            return 1;
    return 0;
}

mg_status mg_render_opts_set_format(mg_render_opts *opts, const char *format, mg_error *err)
{
    if (!opts || !format || !in_list(formats, format))
        return mgi_error(err, MG_EINVAL, "", 0, 0,
                         "unknown output format '%s' (expected svg, dot, png, pdf, json or xdot)",
                         format ? format : "(null)");
    strcpy(opts->format, format);
    return MG_OK;
}

mg_status mg_render_opts_set_engine(mg_render_opts *opts, const char *engine, mg_error *err)
{
    if (!opts || !engine || !in_list(engines, engine))
        return mgi_error(err, MG_EINVAL, "", 0, 0,
                         "unknown layout engine '%s' (expected dot, neato, fdp, sfdp, circo, "
                         "twopi or osage)",
                         engine ? engine : "(null)");
    strcpy(opts->engine, engine);
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

/* ---- Building the graph ---------------------------------------------------- */

/* cgraph's API takes char * for strings it only reads: the casts live here. */
#define S(s) ((char *)(s))

typedef struct builder {
    Agraph_t *g;
    const mgi_model *m;
    mgi_buf text;
    Agsym_t *n_label, *n_tooltip, *n_shape, *n_style, *n_fill, *n_color, *n_fontsize, *n_font;
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

static Agraph_t *build(const mgi_model *m, const mg_render_opts *opts)
{
    builder b;
    Agnode_t **role_nodes;
    char caption[160];

    memset(&b, 0, sizeof b);
    b.m = m;
    role_nodes = calloc(m->n_roles + 1, sizeof *role_nodes);
    b.g = agopen(S("organisation"), Agdirected, NULL);
    if (!b.g || !role_nodes)
        goto fail;
    snprintf(caption, sizeof caption, "%zu roles, %zu tools, %zu collaborations", m->n_roles,
             m->n_tools, m->n_collabs);
    attr(b.g, AGRAPH, "rankdir", "LR");
    attr(b.g, AGRAPH, "fontname", "Helvetica,Arial,sans-serif");
    attr(b.g, AGRAPH, "fontsize", "10");
    attr(b.g, AGRAPH, "fontcolor", "#555555");
    attr(b.g, AGRAPH, "labelloc", "b");
    attr(b.g, AGRAPH, "label", caption);
    attr(b.g, AGRAPH, "nodesep", "0.25");
    attr(b.g, AGRAPH, "ranksep", "0.5");
    attr(b.g, AGRAPH, "pad", "0.2");
    attr(b.g, AGRAPH, "bgcolor", "white");
    b.n_font = attr(b.g, AGNODE, "fontname", "Helvetica,Arial,sans-serif");
    b.n_label = attr(b.g, AGNODE, "label", "");
    b.n_tooltip = attr(b.g, AGNODE, "tooltip", "");
    b.n_shape = attr(b.g, AGNODE, "shape", "box");
    b.n_style = attr(b.g, AGNODE, "style", "rounded,filled");
    b.n_fill = attr(b.g, AGNODE, "fillcolor", "#d6e6f5");
    b.n_color = attr(b.g, AGNODE, "color", "#2f5f8a");
    b.n_fontsize = attr(b.g, AGNODE, "fontsize", "11");
    attr(b.g, AGNODE, "margin", "0.12,0.05");
    attr(b.g, AGNODE, "height", "0.3");
    attr(b.g, AGEDGE, "fontname", "Helvetica,Arial,sans-serif");
    attr(b.g, AGEDGE, "fontsize", "8");
    b.e_fontcolor = attr(b.g, AGEDGE, "fontcolor", "#1f3f5f");
    b.e_label = attr(b.g, AGEDGE, "label", "");
    b.e_tooltip = attr(b.g, AGEDGE, "tooltip", "");
    b.e_style = attr(b.g, AGEDGE, "style", "solid");
    b.e_color = attr(b.g, AGEDGE, "color", "#1f4e79");
    b.e_dir = attr(b.g, AGEDGE, "dir", "forward");
    b.e_arrowhead = attr(b.g, AGEDGE, "arrowhead", "normal");
    b.e_penwidth = attr(b.g, AGEDGE, "penwidth", "1.4");
    b.e_weight = attr(b.g, AGEDGE, "weight", "1");
    attr(b.g, AGEDGE, "arrowsize", "0.7");
    (void)b.n_font;
    (void)b.e_fontcolor;
    if (!b.n_label || !b.e_label || !b.e_weight)
        goto fail;
    add_roles(&b, role_nodes);
    add_collaborations(&b, role_nodes);
    if (opts->tools)
        add_tools(&b, role_nodes);
    if (b.failed)
        goto fail;
    mgi_buf_free(&b.text);
    free(role_nodes);
    return b.g;
fail:
    mgi_buf_free(&b.text);
    free(role_nodes);
    if (b.g)
        agclose(b.g);
    return NULL;
}

/* ---- Running Graphviz ------------------------------------------------------ */

static pthread_mutex_t graphviz_lock = PTHREAD_MUTEX_INITIALIZER;
static mgi_buf graphviz_messages; /* guarded by graphviz_lock */

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

static mg_status render_locked(const mgi_model *m, const mg_render_opts *opts, mgi_buf *out,
                               mg_error *err)
{
    GVC_t *gvc;
    Agraph_t *g;
    mg_status st = MG_OK;

    /* The context first: it sets defaults for graphs created after it. */
    gvc = gvContext();
    if (!gvc)
        return mgi_error(err, MG_EGRAPHVIZ, "", 0, 0, "cannot create a Graphviz context");
    g = build(m, opts);
    if (!g) {
        gvFreeContext(gvc);
        return mgi_nomem(err);
    }
    if (strcmp(opts->format, "dot") == 0) {
        Agiodisc_t io = AgIoDisc;

        /* agwrite goes through the graph's I/O discipline: point it at our buffer */
        io.putstr = buf_putstr;
        io.flush = buf_flush;
        g->clos->disc.io = &io;
        if (agwrite(g, out) != 0)
            st = mgi_error(err, MG_EGRAPHVIZ, "", 0, 0, "cannot write DOT: %s", messages());
        g->clos->disc.io = &AgIoDisc;
    } else if (gvLayout(gvc, g, opts->engine) != 0) {
        st = mgi_error(err, MG_EGRAPHVIZ, "", 0, 0,
                       "Graphviz could not lay out the graph with '%s': %s (are the Graphviz "
                       "plugins installed and configured? try 'dot -c' as root)",
                       opts->engine, messages());
    } else {
        char *data = NULL;
        unsigned int len = 0;

        if (gvRenderData(gvc, g, opts->format, &data, &len) != 0 || !data)
            st = mgi_error(err, MG_EGRAPHVIZ, "", 0, 0,
                           "Graphviz could not render format '%s': %s (are the Graphviz "
                           "plugins installed? try 'dot -c' as root)",
                           opts->format, messages());
        else if (mgi_buf_append(out, data, len) < 0)
            st = mgi_nomem(err);
        if (data)
            gvFreeRenderData(data);
        gvFreeLayout(gvc, g);
    }
    agclose(g);
    gvFreeContext(gvc);
    return st;
}

static mg_status render(const mg_org *org, const mg_render_opts *opts, mgi_buf *out,
                        mg_error *err)
{
    mg_render_opts defaults;
    agusererrf old;
    mg_status st;

    if (!org)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "render: NULL organisation");
    if (!opts) {
        memset(&defaults, 0, sizeof defaults);
        strcpy(defaults.format, "svg");
        strcpy(defaults.engine, "dot");
        defaults.tools = 1;
        opts = &defaults;
    }
    pthread_mutex_lock(&graphviz_lock);
    mgi_buf_clear(&graphviz_messages);
    old = agseterrf(capture_message);
    st = render_locked(org->m, opts, out, err);
    agseterrf(old);
    mgi_buf_free(&graphviz_messages);
    pthread_mutex_unlock(&graphviz_lock);
    if (st == MG_OK && !out->data && mgi_buf_reserve(out, 0) < 0)
        st = mgi_nomem(err);
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
    mgi_buf b = { 0 }, tmp = { 0 };
    const char *slash;
    mg_status st;
    mode_t mask;
    FILE *f = NULL;
    int fd = -1;

    if (!path || !*path)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_render_path: no file name");
    st = render(org, opts, &b, err);
    if (st != MG_OK)
        goto out;
    /* a hidden temporary file beside the target, renamed over it when complete */
    slash = strrchr(path, '/');
    if (mgi_buf_append(&tmp, path, slash ? (size_t)(slash - path + 1) : 0) < 0 ||
        mgi_buf_printf(&tmp, ".%s.XXXXXX", slash ? slash + 1 : path) < 0) {
        st = mgi_nomem(err);
        goto out;
    }
    fd = mkstemp(tmp.data);
    if (fd < 0) {
        st = mgi_error(err, MG_EIO, path, 0, 0, "cannot create a temporary file beside it: %s",
                       strerror(errno));
        goto out;
    }
    mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0 || !(f = fdopen(fd, "wb"))) {
        st = mgi_error(err, MG_EIO, path, 0, 0, "cannot write: %s", strerror(errno));
        close(fd);
        unlink(tmp.data);
        goto out;
    }
    if ((b.len && fwrite(b.data, 1, b.len, f) != b.len) || fflush(f) != 0 ||
        fsync(fileno(f)) != 0) {
        st = mgi_error(err, MG_EIO, path, 0, 0, "write error: %s", strerror(errno));
        fclose(f);
        unlink(tmp.data);
        goto out;
    }
    if (fclose(f) != 0) {
        st = mgi_error(err, MG_EIO, path, 0, 0, "write error: %s", strerror(errno));
        unlink(tmp.data);
        goto out;
    }
    if (rename(tmp.data, path) != 0) {
        st = mgi_error(err, MG_EIO, path, 0, 0, "cannot replace: %s", strerror(errno));
        unlink(tmp.data);
    }
out:
    mgi_buf_free(&b);
    mgi_buf_free(&tmp);
    return st;
}
