/*
 * present_clusters.c - the shared-tool clusters (mg_clusters) as JSON and
 * as documents (text, CSV, Markdown, HTML).
 */
#include "config.h"

#include "clusters_result.h"
#include "present.h"

/* "stack": what the cluster has far more often than the organisation. */
static void stack_json(mgi_json *j, const mg_clusters *c, const cluster *k)
{
    size_t i;

    mgi_json_key(j, "stack");
    mgi_json_array(j);
    for (i = 0; i < k->n_stack; i++) {
        mgi_json_object(j);
        mgi_json_key_str(j, c->tools ? "role" : "tool", k->stack[i].name);
        mgi_json_key_size(j, c->tools ? "tools" : "roles", k->stack[i].count);
        mgi_json_key_double(j, "share_in_cluster", k->stack[i].share_in_cluster);
        mgi_json_key_double(j, "share_overall", k->stack[i].share_overall);
        mgi_json_object_end(j);
    }
    mgi_json_array_end(j);
}

static mg_status clusters_json(const mg_clusters *c, char **out, mg_error *err)
{
    mgi_buf b = { 0 };
    mgi_json j;
    size_t i;

    mgi_present_json_open(&j, &b);
    mgi_json_key_str(&j, "view", c->tools ? "tools" : "roles");
    mgi_json_key_str(&j, "similarity", mg_similarity_name(c->similarity));
    mgi_json_key_size(&j, "neighbours", c->neighbours);
    mgi_json_key_size(&j, "min_shared", c->min_shared);
    mgi_json_key_size(&j, "max_pairs", c->max_pairs);
    mgi_json_key_strings(&j, "left_out", c->left_out.items, c->left_out.n);
    mgi_json_key_double(&j, "modularity", c->modularity);
    mgi_json_key(&j, "clusters");
    mgi_json_array(&j);
    for (i = 0; i < c->n; i++) {
        const cluster *k = &c->items[i];

        mgi_json_object(&j);
        mgi_json_key_strings(&j, c->tools ? "tools" : "roles", k->members.items, k->members.n);
        mgi_json_key_strings(&j, c->tools ? "shared_roles" : "shared_tools", k->shared.items,
                             k->shared.n);
        stack_json(&j, c, k);
        mgi_json_key_double(&j, "modularity_contribution", k->contribution);
        mgi_json_object_end(&j);
    }
    mgi_json_array_end(&j);
    mgi_json_object_end(&j);
    return mgi_present_json(&j, &b, out, err);
}

static const char *const similarity_words[] = {
    [MG_SIMILARITY_COUNT] = "the number shared",
    [MG_SIMILARITY_JACCARD] = "Jaccard similarity",
    [MG_SIMILARITY_COSINE] = ("the cosine of TF-IDF vectors (what nearly everyone has weighs "
                              "little)"),
};

/* The sentences above the table: counts, how links were made, the hubs left out. */
static void clusters_summary(mgi_doc *d, const mg_clusters *c, mgi_buf *names)
{
    const char *nodes = c->tools ? "tools" : "roles";
    size_t i, singletons = 0;

    for (i = 0; i < c->n; i++)
        singletons += c->items[i].members.n == 1;
    mgi_doc_text(d,
                 "%zu cluster%s (%zu of them single %s), modularity %.4f. Links: %s sharing at "
                 "least %zu %s, weighted by %s.",
                 c->n, c->n == 1 ? "" : "s", singletons, nodes, c->modularity, nodes,
                 c->min_shared,
                 c->tools ? (c->min_shared == 1 ? "role" : "roles")
                          : (c->min_shared == 1 ? "tool" : "tools"),
                 similarity_words[c->similarity]);
    if (c->neighbours)
        mgi_doc_text(d,
                     "Nearly every pair of %s shares something: each keeps its links to its %zu "
                     "most similar (--neighbours) before the clusters are found.",
                     nodes, c->neighbours);
    if (!c->left_out.n)
        return;
    mgi_buf_clear(names);
    if (mgi_join_names(names, c->left_out.items, c->left_out.n, 10) < 0)
        d->failed = 1;
    mgi_doc_text(d,
                 "Left out as hubs: %s. So many %s share %s that the links would pass "
                 "%zu pairs (--max-pairs); the most shared are left out first.",
                 names->data ? names->data : "", nodes, c->left_out.n == 1 ? "it" : "them",
                 c->max_pairs);
}

static void cluster_row(mgi_doc *d, size_t i, const cluster *k, mgi_buf *members,
                        mgi_buf *shared)
{
    char no[32], size[32], q[64];
    const char *row[5];

    size_t j;

    mgi_buf_clear(members);
    mgi_buf_clear(shared);
    if (mgi_join_names(members, k->members.items, k->members.n, (size_t)-1) < 0)
        d->failed = 1;
    for (j = 0; j < k->n_stack; j++)
        if (mgi_buf_printf(shared, "%s%s %zu/%zu", j ? ", " : "", k->stack[j].name,
                           k->stack[j].count, k->members.n) < 0)
            d->failed = 1;
    snprintf(no, sizeof no, "%zu", i + 1);
    snprintf(size, sizeof size, "%zu", k->members.n);
    snprintf(q, sizeof q, "%.4f", k->contribution);
    row[0] = no;
    row[1] = members->data ? members->data : "";
    row[2] = shared->data ? shared->data : "";
    row[3] = size;
    row[4] = q;
    mgi_doc_row(d, row);
}

mg_status mg_clusters_format(const mg_clusters *c, mg_format format, char **out, mg_error *err)
{
    const char *header[5] = { "cluster", "roles", "stack", "size", "modularity" };
    mgi_doc d = { 0 };
    mgi_buf members = { 0 }, shared = { 0 };
    size_t i;
    mg_status st;

    if (!c || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_clusters_format: NULL argument");
    if (format == MG_FORMAT_JSON)
        return clusters_json(c, out, err);
    if (c->tools) {
        header[1] = "tools";
    }
    mgi_doc_heading(&d, c->tools ? "Tool stacks" : "Shared-tool clusters");
    clusters_summary(&d, c, &members);
    mgi_doc_table(&d, 5, header);
    for (i = 0; i < c->n; i++)
        cluster_row(&d, i, &c->items[i], &members, &shared);
    st = mgi_present_doc(&d, format, out, err);
    mgi_buf_free(&members);
    mgi_buf_free(&shared);
    return st;
}
