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

/* A cut's groups cut off (all names, or the first few of a group past the
 * bound: compare with separated_sizes) and the pairs that lost every chain. */
static void separation_json(mgi_json *j, const mgi_gap *g)
{
    size_t k;

    mgi_json_key(j, "separated");
    mgi_json_array(j);
    for (k = 0; k < g->n_separated; k++)
        mgi_json_strings(j, g->separated_names + g->separated_off[k],
                         g->separated_off[k + 1] - g->separated_off[k]);
    mgi_json_array_end(j);
    mgi_json_key(j, "separated_sizes");
    mgi_json_array(j);
    for (k = 0; k < g->n_separated; k++)
        mgi_json_size(j, g->separated_size[k]);
    mgi_json_array_end(j);
    mgi_json_key(j, "reach_lost");
    mgi_json_array(j);
    for (k = 0; k < g->n_reach_lost; k++)
        mgi_json_strings(j, g->reach_lost + 2 * k, 2);
    mgi_json_array_end(j);
}

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
    mgi_json_key_double(j, "impact", g->impact);
    mgi_json_key_str(j, "impact_unit", g->impact_in_people ? "people" : "roles");
    if (gaps->baseline)
        mgi_json_key_str(j, "status", g->is_new ? "new" : "known");
    mgi_json_key_str(j, "message", g->message);
    if (g->separates)
        separation_json(j, g);
    mgi_json_object_end(j);
}

/* With a baseline: where it came from, the counts, and its gaps that are
 * gone ("fixed", as the baseline wrote them). */
static void baseline_json(mgi_json *j, const mg_gaps *gaps)
{
    size_t i, n_new = 0;
    int s;

    for (i = 0; i < gaps->n; i++)
        n_new += (size_t)gaps->items[i].is_new;
    mgi_json_key(j, "baseline");
    mgi_json_object(j);
    mgi_json_key_str(j, "source", gaps->baseline);
    mgi_json_key_size(j, "new", n_new);
    mgi_json_key_size(j, "known", gaps->n - n_new);
    mgi_json_key_size(j, "fixed", gaps->n_fixed);
    mgi_json_object_end(j);
    mgi_json_key(j, "fixed");
    mgi_json_array(j);
    for (i = 0; i < gaps->n_fixed; i++) {
        const mgi_baseline_gap *g = &gaps->fixed[i];

        mgi_json_object(j);
        mgi_json_key_str(j, "kind", g->kind);
        mgi_json_key_str(j, "severity", g->severity);
        for (s = 0; s < MG_SUBJECT_COUNT; s++)
            mgi_json_key_strings(j, subject_keys[s], g->subjects[s].items, g->subjects[s].n);
        mgi_json_key_str(j, "message", g->message);
        mgi_json_object_end(j);
    }
    mgi_json_array_end(j);
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
    mgi_json_key(j, "skipped");
    mgi_json_array(j);
    for (i = 0; i < gaps->skipped.n; i++) {
        mgi_json_object(j);
        mgi_json_key_str(j, "analysis", gaps->skipped.items[i]);
        mgi_json_key_str(j, "reason", gaps->skipped_why.items[i]);
        mgi_json_object_end(j);
    }
    mgi_json_array_end(j);
    mgi_json_key_size(j, "max_pairs", gaps->max_pairs);
    mgi_json_key_strings(j, "left_out", gaps->left_out.items, gaps->left_out.n);
    mgi_json_key_size(j, "latent_not_listed", gaps->latent_not_listed);
    mgi_json_key_size(j, "separated_not_listed", gaps->separated_not_listed);
    if (gaps->reference) {
        mgi_json_key_size(j, "unreachable_not_listed", gaps->unreachable_not_listed);
        mgi_json_key_bool(j, "unreachable_exact", gaps->unreachable_exact);
    }
    if (gaps->baseline)
        baseline_json(j, gaps);
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

/* The unreachable-handoff pairs past the bound (gaps_result.h). */
static void unreachable_summary(mgi_doc *d, const mg_gaps *gaps)
{
    size_t i, listed = 0;

    for (i = 0; i < gaps->n; i++)
        listed += !strcmp(mg_gap_kind(gaps, i), "unreachable-handoff");
    mgi_doc_text(d,
                 "%s%zu more ordered pairs of roles can pass work in the reference but not "
                 "here (unreachable-handoff); %s%zu %s listed%s.",
                 gaps->unreachable_exact ? "" : "At least ", gaps->unreachable_not_listed,
                 gaps->unreachable_first ? "only the first " : "", listed,
                 gaps->unreachable_first ? "in order of the reference's role names are"
                                         : "are",
                 gaps->unreachable_exact ? "" : ", as counting them all would take too long");
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
    for (i = 0; i < gaps->skipped.n; i++)
        mgi_doc_text(d, "Skipped %s: %s.", gaps->skipped.items[i],
                     gaps->skipped_why.items[i]);
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
    if (gaps->separated_not_listed)
        mgi_doc_text(d,
                     "%zu roles of groups that cut roles and cut handoffs separate are not "
                     "listed in JSON (separated): the lists would pass %zu names in all.",
                     gaps->separated_not_listed, gaps->max_separated);
    if (gaps->baseline) {
        size_t n_new = 0;

        for (i = 0; i < gaps->n; i++)
            n_new += (size_t)gaps->items[i].is_new;
        mgi_doc_text(d, "Against the baseline %s: %zu new (listed first), %zu known, %zu fixed.",
                     gaps->baseline, n_new, gaps->n - n_new, gaps->n_fixed);
    }
    if (gaps->latent_not_listed)
        mgi_doc_text(d,
                     "%zu more pairs of roles share tools without a handoff; only those sharing "
                     "the most are listed (--max-latent).",
                     gaps->latent_not_listed);
    if (gaps->reference && (gaps->unreachable_not_listed || !gaps->unreachable_exact))
        unreachable_summary(d, gaps);
    mgi_buf_free(&hubs);
}

/* --limit: which gaps a reader sees. At most gaps->limit of each kind (0:
 * all), in report order; hidden[kind] counts the rest. */
static int shown(const mg_gaps *gaps, size_t i, size_t *seen, size_t *hidden)
{
    int k = gaps->items[i].kind;

    if (!gaps->limit || seen[k] < gaps->limit) {
        seen[k]++;
        return 1;
    }
    hidden[k]++;
    return 0;
}

/* One line per kind cut short: how many more, and the command for all. */
static void more_lines(mgi_doc *d, const size_t *hidden)
{
    int k;

    for (k = 0; mg_gap_kinds()[k]; k++)
        if (hidden[k])
            mgi_doc_text(d, "... and %zu more %s gaps (mlops-graph gaps --kind %s --all).",
                         hidden[k], mg_gap_kinds()[k], mg_gap_kinds()[k]);
}

static const char *status_word(const mg_gaps *gaps, const mgi_gap *g)
{
    return !gaps->baseline ? "" : g->is_new ? "new" : "known";
}

/* For people reading text: a gap a paragraph, the message in full. */
static void gaps_paragraphs(mgi_doc *d, const mg_gaps *gaps)
{
    size_t seen[32] = { 0 }, hidden[32] = { 0 }, i;

    for (i = 0; i < gaps->n; i++) {
        const mgi_gap *g = &gaps->items[i];

        if (shown(gaps, i, seen, hidden))
            mgi_doc_text(d, "[%s%s%s] %s: %s", mg_severity_name(g->severity),
                         gaps->baseline ? ", " : "", status_word(gaps, g),
                         mg_gap_kinds()[g->kind], g->message);
    }
    more_lines(d, hidden);
    if (gaps->n_fixed)
        mgi_doc_heading(d, "Fixed since the baseline");
    for (i = 0; i < gaps->n_fixed; i++)
        mgi_doc_text(d, "[%s] %s: %s", gaps->fixed[i].severity, gaps->fixed[i].kind,
                     gaps->fixed[i].message);
}

#define CELL_NAMES 6 /* names in a Markdown or HTML cell before "and N more" */

/* A gap a row: severity, (status,) kind, each subject list, message. CSV,
 * for scripts, has every gap and every name ("a; b"); Markdown and HTML
 * --limit gaps and a few names a cell. */
static void gaps_table(mgi_doc *d, const mg_gaps *gaps, int all)
{
    static const char *const header[] = { "severity", "status", "kind", "roles", "tools",
                                          "capabilities", "message" };
    const char *head[7];
    mgi_buf cells[MG_SUBJECT_COUNT] = { { 0 } };
    size_t seen[32] = { 0 }, hidden[32] = { 0 }, i, j, c;
    int s, st = gaps->baseline != NULL; /* the status column, with a baseline */

    for (c = j = 0; c < 7; c++)
        if (c != 1 || st)
            head[j++] = header[c];
    mgi_doc_table(d, 6 + st, head);
    for (i = 0; i < gaps->n; i++) {
        const mgi_gap *g = &gaps->items[i];
        const char *row[7];

        if (!all && !shown(gaps, i, seen, hidden))
            continue;
        for (s = 0; s < MG_SUBJECT_COUNT; s++) {
            mgi_buf_clear(&cells[s]);
            if (!all) /* for readers: the first few, and how many more */
                d->failed |= mgi_join_names(&cells[s], g->subjects[s].items, g->subjects[s].n,
                                            CELL_NAMES) < 0;
            for (j = 0; all && j < g->subjects[s].n; j++)
                if ((j && mgi_buf_puts(&cells[s], "; ") < 0) ||
                    mgi_buf_puts(&cells[s], g->subjects[s].items[j]) < 0)
                    d->failed = 1;
            row[2 + st + s] = cells[s].data ? cells[s].data : "";
        }
        row[0] = mg_severity_name(g->severity);
        row[st] = st ? status_word(gaps, g) : row[0];
        row[1 + st] = mg_gap_kinds()[g->kind];
        row[5 + st] = g->message;
        mgi_doc_row(d, row);
    }
    more_lines(d, hidden);
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
        gaps_table(&d, gaps, format == MG_FORMAT_CSV);
    return mgi_present_doc(&d, format, out, err);
}
