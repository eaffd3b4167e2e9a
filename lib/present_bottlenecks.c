/*
 * present_bottlenecks.c - the bottlenecks (mg_bottlenecks) as JSON and as
 * documents (text, CSV, Markdown, HTML).
 */
#include "config.h"

#include "bottlenecks_result.h"
#include "present.h"

static mg_status bottlenecks_json(const mg_bottlenecks *b, char **out, mg_error *err)
{
    mgi_buf buf = { 0 };
    mgi_json j;
    size_t i, k;

    mgi_present_json_open(&j, &buf);
    mgi_json_key_bool(&j, "sampled", b->sources < b->n);
    mgi_json_key_size(&j, "sources", b->sources);
    mgi_json_key_bool(&j, "pairs_listed", b->pairs_listed);
    mgi_json_key(&j, "roles");
    mgi_json_array(&j);
    for (i = 0; i < b->n; i++) {
        mgi_json_object(&j);
        mgi_json_key_str(&j, "role", b->role[i]);
        mgi_json_key_double(&j, "betweenness", b->betweenness[i]);
        mgi_json_key_size(&j, "pairs_total", b->pairs_total[i]);
        mgi_json_key(&j, "pairs");
        mgi_json_array(&j);
        for (k = 0; k < b->n_pairs[i]; k++)
            mgi_json_strings(&j, (char *const[]){ b->pair_from[i][k], b->pair_to[i][k] }, 2);
        mgi_json_array_end(&j);
        mgi_json_object_end(&j);
    }
    mgi_json_array_end(&j);
    mgi_json_object_end(&j);
    return mgi_present_json(&j, &buf, out, err);
}

/* The pairs through role i: people get the first few; CSV, for programs,
 * all those listed. Returns 0, or -1 when out of memory. */
static int pairs_cell(mgi_buf *cell, const mg_bottlenecks *b, size_t i, int all)
{
    size_t j;

    mgi_buf_clear(cell);
    for (j = 0; j < b->n_pairs[i] && (j < 6 || all); j++)
        mgi_buf_printf(cell, "%s%s -> %s", j ? "; " : "", b->pair_from[i][j], b->pair_to[i][j]);
    if (b->pairs_total[i] > j)
        mgi_buf_printf(cell, "; and %zu more", b->pairs_total[i] - j);
    return cell->failed ? -1 : 0;
}

/* What the scores rest on, when not every pair was counted. */
static void bottlenecks_notes(mgi_doc *d, const mg_bottlenecks *b)
{
    if (b->sources < b->n)
        mgi_doc_text(d,
                     "Estimated from a sample of %zu of the %zu roles as sources (seed %llu), "
                     "scaled up: scores are approximate (with 256 sources, about 10%% off for "
                     "the leading roles) and close ranks may swap. --sample 0 computes it "
                     "exactly.",
                     b->sources, b->n, b->seed);
    else if (!b->pairs_listed)
        mgi_doc_text(d, "The organisation has more than %d roles: pairs are not listed.",
                     MGI_PAIRS_MAX_ROLES);
}

mg_status mg_bottlenecks_format(const mg_bottlenecks *b, mg_format format, char **out,
                                mg_error *err)
{
    static const char *const header[] = { "rank", "role", "betweenness", "pairs",
                                          "chains through it" };
    mgi_doc d = { 0 };
    mgi_buf cell = { 0 };
    size_t i;
    mg_status st;

    if (!b || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_bottlenecks_format: NULL argument");
    if (format == MG_FORMAT_JSON)
        return bottlenecks_json(b, out, err);
    mgi_doc_heading(&d, "Bottlenecks");
    mgi_doc_text(&d, "Roles ranked by betweenness: for every ordered pair of other roles, the "
                     "share of cheapest handoff chains that pass through the role, summed.");
    mgi_doc_table(&d, 5, header);
    for (i = 0; i < b->n; i++) {
        char rank[32], score[64], npairs[32];
        const char *row[5];

        snprintf(rank, sizeof rank, "%zu", i + 1);
        snprintf(score, sizeof score, "%.4g", b->betweenness[i]);
        snprintf(npairs, sizeof npairs, "%zu", b->pairs_total[i]);
        if (pairs_cell(&cell, b, i, format == MG_FORMAT_CSV) < 0)
            d.failed = 1;
        row[0] = rank;
        row[1] = b->role[i];
        row[2] = score;
        row[3] = b->pairs_listed ? npairs : "";
        row[4] = cell.data ? cell.data : "";
        mgi_doc_row(&d, row);
    }
    bottlenecks_notes(&d, b);
    st = mgi_present_doc(&d, format, out, err);
    mgi_buf_free(&cell);
    return st;
}
