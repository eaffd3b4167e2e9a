/*
 * export.c - the organisation in formats other tools open: GraphML (Gephi,
 * Cytoscape, yEd), node-link JSON (NetworkX's node_link_graph, d3), and the
 * four CSV tables of our own input format, so that export then load gives
 * the same organisation back.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csv_write.h"
#include "doc.h"
#include "graph.h"
#include "json.h"
#include "org.h"

/* ---- Attribute columns ------------------------------------------------------- */

/*
 * The attribute columns of one kind of item (nodes or edges): each column
 * of a CSV table that the loader kept as an attribute, once whatever its case (roles.csv
 * and tools.csv both have "team": one column for the nodes). Its exported
 * name is the column's, with "csv:" put before it while it would clash with
 * a field of our own ("type", "name", "id", ...: so an organisation's own
 * "type" column cannot overwrite whether a node is a role) or another
 * column's name. A column is a number (GraphML attr.type double, a JSON
 * number) when every value is a plain decimal such as 3, -1.25 or 0.5, so
 * that Gephi can rank by it; otherwise text.
 */
typedef struct column {
    const char *key; /* the model's spelling, to look values up */
    char *name;      /* as exported */
    int number;
} column;

typedef struct columns {
    column *items;
    size_t n, cap;
} columns;

/* A JSON number with no exponent and no leading zero: -?(0|[1-9][0-9]*)(.[0-9]+)?
 * Such text is a JSON number and an xs:double as it stands. */
static int is_plain_number(const char *s)
{
    const char *p = s + (*s == '-');

    if (p[0] == '0' && p[1] >= '0' && p[1] <= '9')
        return 0;
    p = mgi_scan_decimal(p);
    return p && *p == '\0';
}

/* Adds the keys of n attribute sets (stride bytes apart) to cols, each once
 * whatever its case, noting whether every value is a number. */
static int columns_add(columns *cols, const mgi_attrs *sets, size_t n, size_t stride)
{
    size_t i, j, k;

    for (i = 0; sets && i < n; i++) {
        const mgi_attrs *a = (const mgi_attrs *)((const char *)sets + i * stride);

        for (j = 0; j < a->n; j++) {
            for (k = 0; k < cols->n && !mgi_fold_equal(cols->items[k].key, a->items[j].key); k++)
                ;
            if (k == cols->n) {
                if (mgi_grow(&cols->items, &cols->cap, k + 1, sizeof *cols->items) < 0)
                    return -1;
                cols->items[k] = (column){ a->items[j].key, NULL, 1 };
                cols->n++;
            }
            cols->items[k].number &= is_plain_number(a->items[j].value);
        }
    }
    return 0;
}

/* Whether name clashes with a field of our own or with another column
 * (the key of any, or the name given to an earlier one). */
static int clashes(const columns *cols, size_t self, const char *name,
                   const char *const *fields)
{
    size_t k;

    for (; *fields; fields++)
        if (mgi_fold_equal(*fields, name))
            return 1;
    for (k = 0; k < cols->n; k++)
        if (k != self && (mgi_fold_equal(cols->items[k].key, name) ||
                          (k < self && mgi_fold_equal(cols->items[k].name, name))))
            return 1;
    return 0;
}

/* Names every column: its key, or "csv:" before it until nothing clashes. */
static int columns_name(columns *cols, const char *const *fields)
{
    size_t k;

    for (k = 0; k < cols->n; k++) {
        char *name = mgi_strdup(cols->items[k].key);

        while (name && clashes(cols, k, name, fields)) {
            mgi_buf b = { 0 };
            int ok = mgi_buf_printf(&b, "csv:%s", name) == 0;

            free(name);
            name = ok ? mgi_buf_steal(&b) : NULL;
            mgi_buf_free(&b);
        }
        if (!(cols->items[k].name = name))
            return -1;
    }
    return 0;
}

static void columns_free(columns *cols)
{
    size_t k;

    for (k = 0; k < cols->n; k++)
        free(cols->items[k].name);
    free(cols->items);
}

/* ---- CSV, our own input format ---------------------------------------------- */

/* One table being written: fixed columns, then one column per attribute key
 * any row has, in first-seen order, so that the loader keeps them. Keys that
 * differ only by case are one column, spelt as first seen: the loader takes
 * such column names for one column (a duplicate). */
typedef struct csv_table {
    mgi_buf *out;
    columns keys;
    const char **cells; /* room for a whole row; the caller fills the fixed cells */
    size_t n_fixed;
    mgi_buf list;       /* room for a cell that lists names, "a;b" */
    char number[64];    /* room for a cell that holds a number */
} csv_table;

/* Collects the attribute columns of n sets (stride bytes apart) and writes
 * the header row. */
static int table_begin(csv_table *t, mgi_buf *out, const char *const *header, size_t n_fixed,
                       const mgi_attrs *sets, size_t n, size_t stride)
{
    size_t i;

    t->out = out;
    t->n_fixed = n_fixed;
    if (columns_add(&t->keys, sets, n, stride) < 0 ||
        !(t->cells = malloc((n_fixed + t->keys.n) * sizeof *t->cells)))
        return -1;
    for (i = 0; i < n_fixed; i++)
        t->cells[i] = header[i];
    for (i = 0; i < t->keys.n; i++)
        t->cells[n_fixed + i] = t->keys.items[i].key;
    return mgi_csv_row(out, t->cells, n_fixed + t->keys.n, MGI_CSV_CRLF);
}

/* Writes the fixed cells the caller put in t->cells, then attrs' values. */
static int table_row(csv_table *t, const mgi_attrs *attrs)
{
    size_t i;

    for (i = 0; i < t->keys.n; i++)
        t->cells[t->n_fixed + i] = attrs ? mgi_attrs_get(attrs, t->keys.items[i].key) : NULL;
    return mgi_csv_row(t->out, t->cells, t->n_fixed + t->keys.n, MGI_CSV_CRLF);
}

static void table_free(csv_table *t)
{
    columns_free(&t->keys);
    mgi_buf_free(&t->list);
    free(t->cells);
}

/*
 * One of the four tables: its fixed columns, the n_keyed records (stride
 * bytes apart) whose attribute keys make the other columns, and a callback
 * that puts row i's fixed cells in t->cells and its attributes in *attrs.
 * The callback returns 0, 1 to leave row i out, or -1 when out of memory.
 */
typedef struct table_spec {
    const char *const *header;
    size_t n_fixed, n_rows;
    const mgi_attrs *keyed;
    size_t n_keyed, stride;
    int (*row)(const mgi_model *m, size_t i, csv_table *t, const mgi_attrs **attrs);
} table_spec;

static int export_rows(const mgi_model *m, const table_spec *s, mgi_buf *b)
{
    csv_table t = { 0 };
    size_t i;
    int rc = -1;

    if (table_begin(&t, b, s->header, s->n_fixed, s->keyed, s->n_keyed, s->stride) < 0)
        goto out;
    for (i = 0; i < s->n_rows; i++) {
        const mgi_attrs *attrs = NULL;
        int got = s->row(m, i, &t, &attrs);

        if (got < 0 || (got == 0 && table_row(&t, attrs) < 0))
            goto out;
    }
    rc = 0;
out:
    table_free(&t);
    return rc;
}

static int role_row(const mgi_model *m, size_t i, csv_table *t, const mgi_attrs **attrs)
{
    const mgi_role *r = &m->roles[i];
    size_t j;

    if (!r->defined)
        return 1; /* named only elsewhere: it comes back from there */
    mgi_buf_clear(&t->list);
    for (j = 0; j < r->n_aliases; j++)
        if ((j && mgi_buf_putc(&t->list, ';') < 0) || mgi_buf_puts(&t->list, r->aliases[j]) < 0)
            return -1;
    t->cells[0] = r->name;
    t->cells[1] = r->summary;
    t->cells[2] = t->list.data;
    t->cells[3] = r->headcount;
    *attrs = &r->attrs;
    return 0;
}

static int responsibility_row(const mgi_model *m, size_t i, csv_table *t,
                              const mgi_attrs **attrs)
{
    const mgi_resp *r = &m->resps[i];

    t->cells[0] = m->roles[r->role].name;
    t->cells[1] = r->text;
    t->cells[2] = m->caps[r->capability].name;
    *attrs = &r->attrs;
    return 0;
}

/* A row per use, with the tool's capabilities and attributes. */
static int use_row(const mgi_model *m, size_t i, csv_table *t, const mgi_attrs **attrs)
{
    const mgi_use *u = &m->uses[i];
    size_t k;

    mgi_buf_clear(&t->list);
    for (k = m->tool_caps_of.off[u->tool]; k < m->tool_caps_of.off[u->tool + 1]; k++)
        if ((k > m->tool_caps_of.off[u->tool] && mgi_buf_putc(&t->list, ';') < 0) ||
            mgi_buf_puts(&t->list, m->caps[m->tool_caps_of.items[k]].name) < 0)
            return -1;
    snprintf(t->number, sizeof t->number, "%.17g", u->weight);
    t->cells[0] = m->roles[u->role].name;
    t->cells[1] = m->tools[u->tool].name;
    t->cells[2] = t->list.data;
    t->cells[3] = t->number;
    *attrs = &m->tools[u->tool].attrs;
    return 0;
}

static int collaboration_row(const mgi_model *m, size_t i, csv_table *t,
                             const mgi_attrs **attrs)
{
    const mgi_collab *c = &m->collabs[i];

    snprintf(t->number, sizeof t->number, "%.17g", c->weight);
    t->cells[0] = m->roles[c->from].name;
    t->cells[1] = m->roles[c->to].name;
    t->cells[2] = c->handoff;
    t->cells[3] = c->both ? "both" : "forward";
    t->cells[4] = t->number;
    *attrs = &c->attrs;
    return 0;
}

/* The table's description: its columns and where its rows come from (the
 * tools table has a row per use, its attribute columns from the tools). */
static table_spec table_of(const mgi_model *m, mg_table table)
{
    static const char *const roles[] = { "role", "summary", "aliases", "headcount" };
    static const char *const resps[] = { "role", "responsibility", "capability" };
    static const char *const tools[] = { "role", "tool", "capability", "weight" };
    static const char *const collabs[] = { "from", "to", "handoff", "direction", "weight" };

    switch (table) {
    case MG_TABLE_ROLES:
        return (table_spec){ roles, 4, m->n_roles, m->n_roles ? &m->roles[0].attrs : NULL,
                             m->n_roles, sizeof *m->roles, role_row };
    case MG_TABLE_RESPONSIBILITIES:
        return (table_spec){ resps, 3, m->n_resps, m->n_resps ? &m->resps[0].attrs : NULL,
                             m->n_resps, sizeof *m->resps, responsibility_row };
    case MG_TABLE_TOOLS:
        return (table_spec){ tools, 4, m->n_uses, m->n_tools ? &m->tools[0].attrs : NULL,
                             m->n_tools, sizeof *m->tools, use_row };
    default:
        return (table_spec){ collabs, 5, m->n_collabs,
                             m->n_collabs ? &m->collabs[0].attrs : NULL, m->n_collabs,
                             sizeof *m->collabs, collaboration_row };
    }
}

mg_status mg_export_table(const mg_org *org, mg_table table, char **out, mg_error *err)
{
    const mgi_model *m;
    table_spec spec;
    mgi_buf b = { 0 };
    int rc;

    if (!org || !out || (unsigned)table >= MG_TABLE_COUNT)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_export_table: invalid argument");
    if (mgi_org_frozen(org, err) != MG_OK)
        return MG_EINTERNAL;
    m = org->m;
    *out = NULL;
    if (table == MG_TABLE_ROLES && !m->roles_table)
        return MG_OK; /* no roles table was read: writing one would change the model */
    spec = table_of(m, table);
    rc = export_rows(m, &spec, &b);
    if (rc < 0 || !(*out = mgi_buf_steal(&b))) {
        mgi_buf_free(&b);
        return mgi_nomem(err);
    }
    return MG_OK;
}

/* ---- GraphML and node-link JSON -------------------------------------------------- */

/* One graph, two notations: nodes and edges go through these callbacks. */
typedef struct writer {
    mgi_buf *b;
    int json;
    size_t n_items; /* items written in the current list */
    int failed;     /* out of memory: the output is incomplete */
    columns node_cols, edge_cols;
} writer;


static void item_start(writer *w, const char *element, const char *id, const char *source,
                       const char *target)
{
    if (w->json) {
        w->failed |= mgi_buf_puts(w->b, w->n_items++ ? ",\n  {" : "\n  {") < 0;
        if (source) {
            w->failed |= mgi_buf_printf(w->b, "\"source\": \"%s\", \"target\": \"%s\", \"key\": \"%s\"", source,
                           target, id) < 0;
        } else {
            w->failed |= mgi_buf_printf(w->b, "\"id\": \"%s\"", id) < 0;
        }
        return;
    }
    if (source)
        w->failed |= mgi_buf_printf(w->b, "    <%s id=\"%s\" source=\"%s\" target=\"%s\">", element, id, source,
                       target) < 0;
    else
        w->failed |= mgi_buf_printf(w->b, "    <%s id=\"%s\">", element, id) < 0;
}

/* XML text or attribute value: HTML's escapes serve XML, and tabs and line
 * breaks become character references, which an XML reader keeps as they
 * are (a raw CR would be read as LF, and in an attribute any of the three
 * as a space). */
static int xml_text(mgi_buf *b, const char *s)
{
    while (*s) {
        size_t n = strcspn(s, "\t\n\r");
        char *run = mgi_strndup(s, n);
        int rc = run ? mgi_html_text(b, run) : -1;

        free(run);
        if (rc < 0 || (s[n] && mgi_buf_printf(b, "&#%d;", s[n]) < 0))
            return -1;
        s += n + (s[n] != '\0');
    }
    return 0;
}

static void item_text(writer *w, const char *key, const char *value)
{
    if (!value)
        return;
    if (w->json) {
        w->failed |= mgi_buf_printf(w->b, ", \"%s\": ", key) < 0;
        w->failed |= mgi_json_string(w->b, value) < 0;
        return;
    }
    w->failed |= mgi_buf_printf(w->b, "<data key=\"%s\">", key) < 0;
    w->failed |= xml_text(w->b, value) < 0;
    w->failed |= mgi_buf_puts(w->b, "</data>") < 0;
}

/* A value already written as a number in text (headcount, a number column). */
static void item_number_text(writer *w, const char *key, const char *value)
{
    if (w->json)
        w->failed |= mgi_buf_printf(w->b, ", \"%s\": %s", key, value) < 0;
    else
        w->failed |= mgi_buf_printf(w->b, "<data key=\"%s\">%s</data>", key, value) < 0;
}

/* Every attribute column's value in attrs (GraphML keys <prefix><k>). */
static void item_attrs(writer *w, const columns *cols, char prefix, const mgi_attrs *attrs)
{
    size_t k;

    for (k = 0; k < cols->n; k++) {
        const column *c = &cols->items[k];
        const char *value = mgi_attrs_get(attrs, c->key);

        if (!value)
            continue;
        if (w->json) {
            w->failed |= mgi_buf_puts(w->b, ", ") < 0 || mgi_json_string(w->b, c->name) < 0 ||
                         mgi_buf_puts(w->b, ": ") < 0;
            w->failed |= (c->number ? mgi_buf_puts(w->b, value) : mgi_json_string(w->b, value)) < 0;
            continue;
        }
        w->failed |= mgi_buf_printf(w->b, "<data key=\"%c%zu\">", prefix, k) < 0;
        w->failed |= xml_text(w->b, value) < 0 || mgi_buf_puts(w->b, "</data>") < 0;
    }
}

static void item_number(writer *w, const char *key, double value)
{
    if (w->json)
        w->failed |= mgi_buf_printf(w->b, ", \"%s\": %.17g", key, value) < 0;
    else
        w->failed |= mgi_buf_printf(w->b, "<data key=\"%s\">%.17g</data>", key, value) < 0;
}

static void item_end(writer *w, const char *element)
{
    if (w->json)
        w->failed |= mgi_buf_putc(w->b, '}') < 0;
    else
        w->failed |= mgi_buf_printf(w->b, "</%s>\n", element) < 0;
}

static const char graphml_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
    "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
    "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
    "  <key id=\"type\" for=\"node\" attr.name=\"type\" attr.type=\"string\"/>\n"
    "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
    "  <key id=\"summary\" for=\"node\" attr.name=\"summary\" attr.type=\"string\"/>\n"
    "  <key id=\"cluster\" for=\"node\" attr.name=\"cluster\" attr.type=\"int\"/>\n"
    "  <key id=\"aliases\" for=\"node\" attr.name=\"aliases\" attr.type=\"string\"/>\n"
    "  <key id=\"headcount\" for=\"node\" attr.name=\"headcount\" attr.type=\"double\"/>\n"
    "  <key id=\"relation\" for=\"edge\" attr.name=\"relation\" attr.type=\"string\"/>\n"
    "  <key id=\"handoff\" for=\"edge\" attr.name=\"handoff\" attr.type=\"string\"/>\n"
    "  <key id=\"direction\" for=\"edge\" attr.name=\"direction\" attr.type=\"string\"/>\n"
    "  <key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>\n"
    "  <key id=\"responsibility\" for=\"edge\" attr.name=\"responsibility\" "
    "attr.type=\"string\"/>\n";

/* The fields we write ourselves, which an attribute column may not take. */
static const char *const node_fields[] = { "id",      "type",      "name", "summary",
                                           "cluster", "aliases", "headcount", NULL };
static const char *const edge_fields[] = { "id",       "source",    "target", "key",
                                           "relation", "handoff",   "direction", "weight",
                                           "responsibility", NULL };

/* The attribute columns of nodes (roles, tools) and edges (collaborations,
 * responsibilities), named. */
static int writer_columns(writer *w, const mgi_model *m)
{
    if (columns_add(&w->node_cols, m->n_roles ? &m->roles[0].attrs : NULL, m->n_roles,
                    sizeof *m->roles) < 0 ||
        columns_add(&w->node_cols, m->n_tools ? &m->tools[0].attrs : NULL, m->n_tools,
                    sizeof *m->tools) < 0 ||
        columns_add(&w->edge_cols, m->n_collabs ? &m->collabs[0].attrs : NULL, m->n_collabs,
                    sizeof *m->collabs) < 0 ||
        columns_add(&w->edge_cols, m->n_resps ? &m->resps[0].attrs : NULL, m->n_resps,
                    sizeof *m->resps) < 0)
        return -1;
    return columns_name(&w->node_cols, node_fields) < 0 ||
                   columns_name(&w->edge_cols, edge_fields) < 0
               ? -1
               : 0;
}

/* GraphML: a typed key per attribute column (a0... for nodes, e0... for
 * edges), declared once. */
static void declare_columns(writer *w, const columns *cols, char prefix, const char *domain)
{
    size_t k;

    for (k = 0; k < cols->n; k++) {
        w->failed |= mgi_buf_printf(w->b, "  <key id=\"%c%zu\" for=\"%s\" attr.name=\"", prefix, k,
                                    domain) < 0;
        w->failed |= xml_text(w->b, cols->items[k].name) < 0;
        w->failed |= mgi_buf_printf(w->b, "\" attr.type=\"%s\"/>\n",
                                    cols->items[k].number ? "double" : "string") < 0;
    }
}

/* The cluster of each role, numbered from 1 (0: in none), for the
 * "cluster" key. *out is the caller's to free. */
static mg_status role_clusters(const mg_org *org, size_t **out, mg_error *err)
{
    mg_clusters *clusters = NULL;
    size_t *cluster_of, i, j, r;
    mg_status st;

    *out = NULL;
    if ((st = mg_clusters_find(org, NULL, &clusters, err)) != MG_OK)
        return st;
    cluster_of = calloc(org->m->n_roles + 1, sizeof *cluster_of);
    if (!cluster_of) {
        mg_clusters_free(clusters);
        return mgi_nomem(err);
    }
    for (i = 0; i < mg_clusters_count(clusters); i++)
        for (j = 0; j < mg_cluster_size(clusters, i); j++)
            if (mg_org_find_role(org, mg_cluster_member(clusters, i, j), &r, NULL) == MG_OK)
                cluster_of[r] = i + 1;
    mg_clusters_free(clusters);
    *out = cluster_of;
    return MG_OK;
}

/* Nodes: roles r<i>, tools t<i>, capabilities k<i>. */
/* A role's fields: aliases ";"-joined as in roles.csv, headcount when known
 * (digits with at most one point: a number once leading zeros are gone). */
static void role_fields(writer *w, const mgi_role *r)
{
    mgi_buf list = { 0 };
    char number[64];
    size_t j;

    for (j = 0; j < r->n_aliases; j++)
        w->failed |= (j && mgi_buf_putc(&list, ';') < 0) || mgi_buf_puts(&list, r->aliases[j]) < 0;
    if (r->n_aliases)
        item_text(w, "aliases", list.data);
    mgi_buf_free(&list);
    if (r->headcount && *r->headcount) {
        double people = mgi_role_people(r);

        /* the shortest of %.15g..%.17g that reads back as the same double */
        for (j = 15; j <= 17; j++)
            if (snprintf(number, sizeof number, "%.*g", (int)j, people) > 0 &&
                strtod(number, NULL) == people)
                break;
        item_number_text(w, "headcount", number);
    }
    item_attrs(w, &w->node_cols, 'a', &r->attrs);
}

static void write_nodes(writer *w, const mgi_model *m, const size_t *cluster_of)
{
    char id[48];
    size_t i;

    for (i = 0; i < m->n_roles; i++) {
        snprintf(id, sizeof id, "r%zu", i);
        item_start(w, "node", id, NULL, NULL);
        item_text(w, "type", "role");
        item_text(w, "name", m->roles[i].name);
        if (m->roles[i].summary && *m->roles[i].summary)
            item_text(w, "summary", m->roles[i].summary);
        item_number(w, "cluster", (double)cluster_of[i]);
        role_fields(w, &m->roles[i]);
        item_end(w, "node");
    }
    for (i = 0; i < m->n_tools; i++) {
        snprintf(id, sizeof id, "t%zu", i);
        item_start(w, "node", id, NULL, NULL);
        item_text(w, "type", "tool");
        item_text(w, "name", m->tools[i].name);
        item_attrs(w, &w->node_cols, 'a', &m->tools[i].attrs);
        item_end(w, "node");
    }
    for (i = 0; i < m->n_caps; i++) {
        snprintf(id, sizeof id, "k%zu", i);
        item_start(w, "node", id, NULL, NULL);
        item_text(w, "type", "capability");
        item_text(w, "name", m->caps[i].name);
        item_end(w, "node");
    }
}

/* Starts edge <kind><i> from node <a_kind><a> to node <b_kind><b>. */
static void edge_start(writer *w, char kind, size_t i, char a_kind, mgi_id a, char b_kind,
                       mgi_id b)
{
    char id[48], source[48], target[48];

    snprintf(id, sizeof id, "%c%zu", kind, i);
    snprintf(source, sizeof source, "%c%u", a_kind, (unsigned)a);
    snprintf(target, sizeof target, "%c%u", b_kind, (unsigned)b);
    item_start(w, "edge", id, source, target);
}

/* Edges: collaborations c<i>, uses u<i>, supports s<i>, needs n<i>. */
static void write_edges(writer *w, const mgi_model *m)
{
    size_t i;

    for (i = 0; i < m->n_collabs; i++) {
        const mgi_collab *c = &m->collabs[i];

        edge_start(w, 'c', i, 'r', c->from, 'r', c->to);
        item_text(w, "relation", "collaboration");
        item_text(w, "handoff", c->handoff ? c->handoff : "");
        item_text(w, "direction", c->both ? "both" : "forward");
        item_number(w, "weight", c->weight);
        item_attrs(w, &w->edge_cols, 'e', &c->attrs);
        item_end(w, "edge");
    }
    for (i = 0; i < m->n_uses; i++) {
        edge_start(w, 'u', i, 'r', m->uses[i].role, 't', m->uses[i].tool);
        item_text(w, "relation", "uses");
        item_number(w, "weight", m->uses[i].weight);
        item_end(w, "edge");
    }
    for (i = 0; i < m->n_tool_caps; i++) {
        edge_start(w, 's', i, 't', m->tool_caps[i].a, 'k', m->tool_caps[i].b);
        item_text(w, "relation", "supports");
        item_end(w, "edge");
    }
    for (i = 0; i < m->n_resps; i++) {
        edge_start(w, 'n', i, 'r', m->resps[i].role, 'k', m->resps[i].capability);
        item_text(w, "relation", "needs");
        item_text(w, "responsibility", m->resps[i].text);
        item_attrs(w, &w->edge_cols, 'e', &m->resps[i].attrs);
        item_end(w, "edge");
    }
}

mg_status mg_export(const mg_org *org, mg_export_format format, char **out, mg_error *err)
{
    size_t *cluster_of = NULL;
    mgi_buf b = { 0 };
    writer w;
    mg_status st;

    if (!org || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_export: NULL argument");
    if (mgi_org_frozen(org, err) != MG_OK)
        return MG_EINTERNAL;
    if (format != MG_EXPORT_GRAPHML && format != MG_EXPORT_JSON)
        return mgi_error(err, MG_EINVAL, "", 0, 0,
                         "unknown export format '%s' (expected graphml or json; csv is written "
                         "table by table)",
                         format == MG_EXPORT_CSV ? "csv" : "(out of range)");
    if ((st = role_clusters(org, &cluster_of, err)) != MG_OK)
        return st;
    memset(&w, 0, sizeof w);
    w.b = &b;
    w.json = format == MG_EXPORT_JSON;
    if (writer_columns(&w, org->m) < 0) { /* names may be missing: write nothing */
        w.failed = 1;
        goto done;
    }
    if (w.json)
        w.failed |= mgi_buf_printf(&b, "{\"directed\": true, \"multigraph\": true, \"graph\": "
                                       "{\"name\": \"organisation\", \"version\": %d}, "
                                       "\"nodes\": [",
                                   MGI_JSON_VERSION) < 0;
    else {
        w.failed |= mgi_buf_puts(&b, graphml_head) < 0;
        declare_columns(&w, &w.node_cols, 'a', "node");
        declare_columns(&w, &w.edge_cols, 'e', "edge");
        w.failed |= mgi_buf_puts(&b, "  <graph id=\"organisation\" edgedefault=\"directed\">\n") < 0;
    }
    write_nodes(&w, org->m, cluster_of);
    if (w.json) {
        w.failed |= mgi_buf_puts(&b, "\n], \"links\": [") < 0;
        w.n_items = 0;
    }
    write_edges(&w, org->m);
    w.failed |= mgi_buf_puts(&b, w.json ? "\n]}\n" : "  </graph>\n</graphml>\n") < 0;
done:
    free(cluster_of);
    columns_free(&w.node_cols);
    columns_free(&w.edge_cols);
    if (w.failed || !(*out = mgi_buf_steal(&b))) {
        mgi_buf_free(&b);
        return mgi_nomem(err);
    }
    return MG_OK;
}
