/*
 * present_gaps.c - a gaps result (gaps_result.h) presented: JSON through the
 * streaming writer, every other format as a document (doc.h): for text a
 * paragraph a gap, the message in full; for CSV, Markdown and HTML a table.
 */
#include "config.h"

#include <string.h>

#include "gaps_result.h"
#include "present.h"
#include "present_gaps.h"

/* The JSON keys and table columns of the subject lists, by mg_subject. */
static const char *const subject_keys[MG_SUBJECT_COUNT] = { "roles", "tools", "capabilities" };

void mgi_gap_json(mgi_json *j, const mg_gaps *gaps, size_t i)
{
    const mgi_gap *g = &gaps->items[i];
    int s;

    mgi_json_object(j);
    mgi_json_key_str(j, "kind", mg_gap_kinds()[g->kind]);
    mgi_json_key_str(j, "severity", mg_severity_name(g->severity));
    for (s = 0; s < MG_SUBJECT_COUNT; s++)
        mgi_json_key_strings(j, subject_keys[s], g->subjects[s].items, g->subjects[s].n);
    if (g->people_unknown || !g->people_roles) {
        mgi_json_key(j, "people");
        mgi_json_null(j);
    } else
        mgi_json_key_double(j, "people", g->people);
    mgi_json_key_str(j, "message", g->message);
    mgi_json_object_end(j);
}

const mgi_warnings *mgi_gaps_warnings(const mg_gaps *gaps)
{
    return &gaps->warnings;
}

void mgi_gaps_json(mgi_json *j, const mg_gaps *gaps)
{
    size_t i;

    mgi_json_object(j);
    mgi_json_key_size(j, "version", MGI_JSON_VERSION);
    mgi_warnings_json(j, &gaps->warnings);
    mgi_json_key_size(j, "max_pairs", gaps->max_pairs);
    mgi_json_key_strings(j, "left_out", gaps->left_out.items, gaps->left_out.n);
    mgi_json_key_size(j, "latent_not_listed", gaps->latent_not_listed);
    mgi_json_key(j, "gaps");
    mgi_json_array(j);
    for (i = 0; i < gaps->n; i++)
        mgi_gap_json(j, gaps, i);
    mgi_json_array_end(j);
    mgi_json_object_end(j);
}

static mg_status gaps_json_text(const mg_gaps *gaps, char **out, mg_error *err)
{
    mgi_buf b = { 0 };
    mgi_json j;

    mgi_json_init(&j, &b);
    mgi_gaps_json(&j, gaps);
    return mgi_present_json(&j, &b, out, err);
}

/* The lead paragraphs: the count by severity, the hub tools the latent
 * search left out, the latent pairs found but not listed. */
static void gaps_summary(mgi_doc *d, const mg_gaps *gaps)
{
    size_t count[MG_SEVERITY_HIGH + 1] = { 0 }, i;
    mgi_buf hubs = { 0 };

    for (i = 0; i < gaps->n; i++)
        count[gaps->items[i].severity]++;
    mgi_doc_heading(d, "Coverage gaps");
    mgi_warnings_doc(d, &gaps->warnings);
    if (!gaps->n)
        mgi_doc_text(d, "No gaps found.");
    else
        mgi_doc_text(d, "%zu gap%s: %zu high, %zu medium, %zu low.", gaps->n,
                     gaps->n == 1 ? "" : "s", count[MG_SEVERITY_HIGH], count[MG_SEVERITY_MEDIUM],
                     count[MG_SEVERITY_LOW]);
    if (gaps->left_out.n) {
        if (mgi_join_names(&hubs, gaps->left_out.items, gaps->left_out.n, 10) < 0)
            d->failed = 1;
        mgi_doc_text(d,
                     "Left out as hubs when looking for roles that share tools: %s. So many "
                     "roles use %s that the pairs would pass %zu (--max-pairs).",
                     hubs.data ? hubs.data : "", gaps->left_out.n == 1 ? "it" : "them",
                     gaps->max_pairs);
    }
    if (gaps->latent_not_listed)
        mgi_doc_text(d,
                     "%zu more pairs of roles share tools without a handoff; only those sharing "
                     "the most are listed (--max-latent).",
                     gaps->latent_not_listed);
    mgi_buf_free(&hubs);
}

/* For people reading text: a gap a paragraph, the message in full. */
static void gaps_paragraphs(mgi_doc *d, const mg_gaps *gaps)
{
    size_t i;

    for (i = 0; i < gaps->n; i++)
        mgi_doc_text(d, "[%s] %s: %s", mg_severity_name(gaps->items[i].severity),
                     mg_gap_kinds()[gaps->items[i].kind], gaps->items[i].message);
}

/* A gap a row: severity, kind, each subject list as "a; b", message. */
static void gaps_table(mgi_doc *d, const mg_gaps *gaps)
{
    static const char *const header[] = { "severity", "kind", "roles", "tools", "capabilities",
                                          "message" };
    mgi_buf cells[MG_SUBJECT_COUNT] = { { 0 } };
    size_t i, j;
    int s;

    mgi_doc_table(d, 6, header);
    for (i = 0; i < gaps->n; i++) {
        const mgi_gap *g = &gaps->items[i];
        const char *row[6];

        for (s = 0; s < MG_SUBJECT_COUNT; s++) {
            mgi_buf_clear(&cells[s]);
            for (j = 0; j < g->subjects[s].n; j++)
                if ((j && mgi_buf_puts(&cells[s], "; ") < 0) ||
                    mgi_buf_puts(&cells[s], g->subjects[s].items[j]) < 0)
                    d->failed = 1;
            row[2 + s] = cells[s].data ? cells[s].data : "";
        }
        row[0] = mg_severity_name(g->severity);
        row[1] = mg_gap_kinds()[g->kind];
        row[5] = g->message;
        mgi_doc_row(d, row);
    }
    for (s = 0; s < MG_SUBJECT_COUNT; s++)
        mgi_buf_free(&cells[s]);
}

mg_status mg_gaps_format(const mg_gaps *gaps, mg_format format, char **out, mg_error *err)
{
    mgi_doc d = { 0 };

    if (!gaps || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_gaps_format: NULL argument");
    if (format == MG_FORMAT_JSON)
        return gaps_json_text(gaps, out, err);
    gaps_summary(&d, gaps);
    if (format == MG_FORMAT_TEXT)
        gaps_paragraphs(&d, gaps);
    else
        gaps_table(&d, gaps);
    return mgi_present_doc(&d, format, out, err);
}
