/*
 * present_compare.c - a comparison (compare_result.h) presented: JSON through
 * the streaming writer, every other format as a document (doc.h) of a few
 * lead paragraphs and one table of changes.
 */
#include "config.h"

#include <string.h>

#include "compare_result.h"
#include "present.h"
#include "present_gaps.h"

/* ---- JSON ------------------------------------------------------------------ */

static void json_collabs(mgi_json *j, const char *key, const mgi_named_collabs *l)
{
    size_t i;

    mgi_json_key(j, key);
    mgi_json_array(j);
    for (i = 0; i < l->n; i++) {
        mgi_json_object(j);
        mgi_json_key_str(j, "from", l->items[i].from);
        mgi_json_key_str(j, "to", l->items[i].to);
        mgi_json_key_str(j, "direction", l->items[i].both ? "both" : "forward");
        mgi_json_object_end(j);
    }
    mgi_json_array_end(j);
}

/* The gaps idx[0..n) of g. */
static void json_gaps(mgi_json *j, const char *key, const mg_gaps *g, const size_t *idx, size_t n)
{
    size_t i;

    mgi_json_key(j, key);
    mgi_json_array(j);
    for (i = 0; i < n; i++)
        mgi_gap_json(j, g, idx[i]);
    mgi_json_array_end(j);
}

/* Ordered pairs of roles as [from, to] arrays. */
static void json_pairs(mgi_json *j, const char *key, const mgi_strs *from, const mgi_strs *to)
{
    size_t i;

    mgi_json_key(j, key);
    mgi_json_array(j);
    for (i = 0; i < from->n; i++) {
        mgi_json_array(j);
        mgi_json_str(j, from->items[i]);
        mgi_json_str(j, to->items[i]);
        mgi_json_array_end(j);
    }
    mgi_json_array_end(j);
}

static void comparison_json(mgi_json *j, const mg_comparison *c)
{
    mgi_json_object(j);
    mgi_json_key_size(j, "version", MGI_JSON_VERSION);
    mgi_json_key_str(j, "title", c->title);
    mgi_json_key_strings(j, "roles_added", c->roles_added.items, c->roles_added.n);
    mgi_json_key_strings(j, "roles_removed", c->roles_removed.items, c->roles_removed.n);
    mgi_json_key_strings(j, "tools_added", c->tools_added.items, c->tools_added.n);
    mgi_json_key_strings(j, "tools_removed", c->tools_removed.items, c->tools_removed.n);
    json_collabs(j, "collaborations_added", &c->collabs_added);
    json_collabs(j, "collaborations_removed", &c->collabs_removed);
    json_gaps(j, "gaps_opened", c->gaps_after, c->opened, c->n_opened);
    json_gaps(j, "gaps_closed", c->gaps_before, c->closed, c->n_closed);
    json_gaps(j, "gaps_gone_with_removal", c->gaps_before, c->gone, c->n_gone);
    json_gaps(j, "gaps_changed", c->gaps_after, c->changed, c->n_changed);
    json_pairs(j, "reachability_lost", &c->lost_from, &c->lost_to);
    json_pairs(j, "reachability_gained", &c->gained_from, &c->gained_to);
    mgi_json_key_bool(j, "reachability_compared", c->reach_compared);
    mgi_json_key_size(j, "reachability_lost_count", c->lost_total);
    mgi_json_key_size(j, "reachability_gained_count", c->gained_total);
    mgi_json_key_bool(j, "reachability_exact", c->lost_exact && c->gained_exact &&
                                                   c->lost_first && c->gained_first);
    mgi_json_key_size(j, "clusters_before", c->clusters_before);
    mgi_json_key_size(j, "clusters_after", c->clusters_after);
    mgi_json_key_double(j, "modularity_before", c->modularity_before);
    mgi_json_key_double(j, "modularity_after", c->modularity_after);
    mgi_json_object_end(j);
}

static mg_status comparison_json_text(const mg_comparison *c, char **out, mg_error *err)
{
    mgi_buf b = { 0 };
    mgi_json j;

    mgi_json_init(&j, &b);
    comparison_json(&j, c);
    return mgi_present_json(&j, &b, out, err);
}

/* ---- The document ---------------------------------------------------------- */

/* "Only the first 1000 pairs that lose theirs are listed, in order of the
 * roles' names." when not all are. */
static void chains_listed(mgi_doc *d, const char *what, size_t listed, size_t total, int exact,
                          int first)
{
    if (listed == total && exact)
        return;
    mgi_doc_text(d, "Only %s%zu of the pairs that %s %s listed%s.", first ? "the first " : "",
                 listed, what, listed == 1 ? "is" : "are",
                 first ? ", in order of the roles' names" : "");
}

/* How many pairs of roles lose their handoff chain and how many gain one
 * (at least, when counting them all would take too long: reach.h), and
 * how many of them the table lists. */
static void chains_summary(mgi_doc *d, const mg_comparison *c)
{
    mgi_doc_text(d, "Handoff chains: %s%zu ordered pairs of roles lose theirs, %s%zu gain one%s.",
                 c->lost_exact ? "" : "at least ", c->lost_total,
                 c->gained_exact ? "" : "at least ", c->gained_total,
                 c->lost_exact && c->gained_exact ? ""
                                                  : " (counting them all would take too long)");
    chains_listed(d, "lose theirs", c->lost_from.n, c->lost_total, c->lost_exact, c->lost_first);
    chains_listed(d, "gain one", c->gained_from.n, c->gained_total, c->gained_exact,
                  c->gained_first);
}

/* The counts of every kind of change (only the gaps that close are an
 * improvement), the work left without an owner, then reachability and
 * clusters. */
static void comparison_summary(mgi_doc *d, const mg_comparison *c)
{
    mgi_doc_heading(d, c->title);
    mgi_doc_text(d,
                 "%zu gap%s appear%s, %zu close%s (an improvement) and %zu change%s; %zu went with "
                 "what was removed (no improvement). Roles: %zu added, %zu removed. Tools: %zu "
                 "added, %zu removed. Collaborations: %zu added, %zu removed.",
                 c->n_opened, c->n_opened == 1 ? "" : "s", c->n_opened == 1 ? "s" : "",
                 c->n_closed, c->n_closed == 1 ? "s" : "", c->n_changed,
                 c->n_changed == 1 ? "s" : "", c->n_gone, c->roles_added.n, c->roles_removed.n,
                 c->tools_added.n, c->tools_removed.n, c->collabs_added.n,
                 c->collabs_removed.n);
    if (c->n_unowned)
        mgi_doc_text(d, "%zu responsibilit%s left without an owner (unowned-responsibility).",
                     c->n_unowned, c->n_unowned == 1 ? "y is" : "ies are");
    if (c->reach_compared)
        chains_summary(d, c);
    mgi_doc_text(d, "Shared-tool clusters: %zu before, %zu after (modularity %.4f, then %.4f).",
                 c->clusters_before, c->clusters_after, c->modularity_before,
                 c->modularity_after);
}

/* One row of the table of changes: change, what, subject, detail. */
static void row4(mgi_doc *d, const char *a, const char *b, const char *c, const char *e)
{
    const char *row[4] = { a, b, c, e };

    mgi_doc_row(d, row);
}

static void name_rows(mgi_doc *d, const char *change, const char *what, const mgi_strs *names)
{
    size_t i;

    for (i = 0; i < names->n; i++)
        row4(d, change, what, names->items[i], "");
}

/* t is scratch space for the subject. */
static void collab_rows(mgi_doc *d, const char *change, const mgi_named_collabs *l, mgi_buf *t)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        mgi_buf_clear(t);
        if (mgi_buf_printf(t, "%s %s %s", l->items[i].from, l->items[i].both ? "<->" : "->",
                           l->items[i].to) < 0)
            d->failed = 1;
        row4(d, change, "collaboration", t->data ? t->data : "", "");
    }
}

/* The gaps idx[0..n) of g: "severity kind", then the message. */
static void gap_rows(mgi_doc *d, const char *change, const mg_gaps *g, const size_t *idx,
                     size_t n, mgi_buf *t)
{
    size_t i;

    for (i = 0; i < n; i++) {
        mgi_buf_clear(t);
        if (mgi_buf_printf(t, "%s %s", mg_severity_name(mg_gap_severity(g, idx[i])),
                           mg_gap_kind(g, idx[i])) < 0)
            d->failed = 1;
        row4(d, change, "gap", t->data ? t->data : "", mg_gap_message(g, idx[i]));
    }
}

static void chain_rows(mgi_doc *d, const char *change, const mgi_strs *from, const mgi_strs *to,
                       mgi_buf *t)
{
    size_t i;

    for (i = 0; i < from->n; i++) {
        mgi_buf_clear(t);
        if (mgi_buf_printf(t, "%s -> %s", from->items[i], to->items[i]) < 0)
            d->failed = 1;
        row4(d, change, "handoff chain", t->data ? t->data : "", "");
    }
}

/* Every change a row: names, collaborations, gaps (those that close apart
 * from those gone with what was removed), then handoff chains. */
static void comparison_table(mgi_doc *d, const mg_comparison *c)
{
    static const char *const header[] = { "change", "what", "subject", "detail" };
    mgi_buf t = { 0 };

    mgi_doc_table(d, 4, header);
    name_rows(d, "added", "role", &c->roles_added);
    name_rows(d, "removed", "role", &c->roles_removed);
    name_rows(d, "added", "tool", &c->tools_added);
    name_rows(d, "removed", "tool", &c->tools_removed);
    collab_rows(d, "added", &c->collabs_added, &t);
    collab_rows(d, "removed", &c->collabs_removed, &t);
    gap_rows(d, "appears", c->gaps_after, c->opened, c->n_opened, &t);
    gap_rows(d, "closes", c->gaps_before, c->closed, c->n_closed, &t);
    gap_rows(d, "gone with removal", c->gaps_before, c->gone, c->n_gone, &t);
    gap_rows(d, "changes", c->gaps_after, c->changed, c->n_changed, &t);
    chain_rows(d, "lost", &c->lost_from, &c->lost_to, &t);
    chain_rows(d, "gained", &c->gained_from, &c->gained_to, &t);
    mgi_buf_free(&t);
}

mg_status mg_comparison_format(const mg_comparison *c, mg_format format, char **out,
                               mg_error *err)
{
    mgi_doc d = { 0 };

    if (!c || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_comparison_format: NULL argument");
    if (format == MG_FORMAT_JSON)
        return comparison_json_text(c, out, err);
    comparison_summary(&d, c);
    comparison_table(&d, c);
    return mgi_present_doc(&d, format, out, err);
}
