/*
 * present_paths.c - handoff chains (mg_paths) and the all-pairs costs
 * (mg_costs) as JSON and as documents (text, CSV, Markdown, HTML).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "paths_result.h"
#include "present.h"

/* ---- Chains ---------------------------------------------------------------------- */

static void chain_json(mgi_json *j, const mgi_chain *c)
{
    size_t i;

    mgi_json_object(j);
    mgi_json_key_double(j, "cost", c->cost);
    mgi_json_key(j, "steps");
    mgi_json_array(j);
    for (i = 0; i < c->n_steps; i++) {
        mgi_json_object(j);
        mgi_json_key_str(j, "from", c->steps[i].from);
        mgi_json_key_str(j, "to", c->steps[i].to);
        mgi_json_key_str(j, "handoff", c->steps[i].handoff);
        mgi_json_key_double(j, "cost", c->steps[i].cost);
        mgi_json_object_end(j);
    }
    mgi_json_array_end(j);
    mgi_json_object_end(j);
}

static mg_status paths_json(const mg_paths *p, char **out, mg_error *err)
{
    mgi_buf b = { 0 };
    mgi_json j;
    size_t i;

    mgi_present_json_open(&j, &b);
    mgi_json_key_str(&j, "from", p->from);
    mgi_json_key_str(&j, "to", p->to);
    mgi_json_key(&j, "paths");
    mgi_json_array(&j);
    for (i = 0; i < p->n; i++)
        chain_json(&j, &p->chains[i]);
    mgi_json_array_end(&j);
    if (p->from_component) {
        mgi_json_key_bool(&j, "same_component", p->same_component);
        mgi_json_key_str(&j, "from_component", p->from_component);
        mgi_json_key_str(&j, "to_component", p->to_component);
    }
    mgi_json_object_end(&j);
    return mgi_present_json(&j, &b, out, err);
}

/* The sentence above the table: what was found, or why nothing was. */
static void paths_summary(mgi_doc *d, const mg_paths *p)
{
    const char *fc = p->from_component ? p->from_component : "";
    const char *tc = p->to_component ? p->to_component : "";

    if (p->n)
        mgi_doc_text(d, "From %s to %s: %zu cheapest chain%s (of at most %zu asked).", p->from,
                     p->to, p->n, p->n == 1 ? "" : "s", p->k);
    else if (strcmp(p->from, p->to) == 0)
        mgi_doc_text(d, "%s and %s are the same role: no handoff is needed.", p->from, p->to);
    else if (p->same_component)
        mgi_doc_text(d,
                     "No handoff chain leads from %s to %s: they belong to one part of the "
                     "organisation (%s), but its handoffs do not run that way.",
                     p->from, p->to, fc);
    else
        mgi_doc_text(d,
                     "No handoff chain leads from %s to %s: they sit in separate parts of "
                     "the organisation. With %s: %s. With %s: %s.",
                     p->from, p->to, p->from, fc, p->to, tc);
}

static void step_row(mgi_doc *d, size_t chain_no, size_t step_no, const mgi_step *s)
{
    char chain[32], step[32], cost[64];
    const char *row[6];

    snprintf(chain, sizeof chain, "%zu", chain_no);
    snprintf(step, sizeof step, "%zu", step_no);
    mgi_cost_string(cost, sizeof cost, s->cost);
    row[0] = chain;
    row[1] = step;
    row[2] = s->from;
    row[3] = s->to;
    row[4] = s->handoff;
    row[5] = cost;
    mgi_doc_row(d, row);
}

mg_status mg_paths_format(const mg_paths *p, mg_format format, char **out, mg_error *err)
{
    static const char *const header[] = { "chain", "step", "from", "to", "handoff", "cost" };
    mgi_doc d = { 0 };
    size_t i, j;

    if (!p || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_paths_format: NULL argument");
    if (format == MG_FORMAT_JSON)
        return paths_json(p, out, err);
    mgi_doc_heading(&d, "Handoff chains");
    paths_summary(&d, p);
    /* CSV keeps its header even when empty, for programs reading it */
    if (p->n || format == MG_FORMAT_CSV)
        mgi_doc_table(&d, 6, header);
    for (i = 0; i < p->n; i++)
        for (j = 0; j < p->chains[i].n_steps; j++)
            step_row(&d, i + 1, j + 1, &p->chains[i].steps[j]);
    for (i = 0; i < p->n; i++) {
        char cost[64];
        size_t steps = p->chains[i].n_steps;

        mgi_cost_string(cost, sizeof cost, p->chains[i].cost);
        mgi_doc_text(&d, "Chain %zu costs %s over %zu handoff%s.", i + 1, cost, steps,
                     steps == 1 ? "" : "s");
    }
    return mgi_present_doc(&d, format, out, err);
}

/* ---- All pairs ------------------------------------------------------------------- */

static mg_status costs_json(const mg_costs *c, char **out, mg_error *err)
{
    mgi_buf b = { 0 };
    mgi_json j;
    size_t s, t;

    mgi_present_json_open(&j, &b);
    mgi_json_key_strings(&j, "roles", c->names, c->n);
    mgi_json_key(&j, "costs");
    mgi_json_array(&j);
    for (s = 0; s < c->n; s++) {
        mgi_json_array(&j);
        for (t = 0; t < c->n; t++)
            if (c->cost[s * c->n + t] < 0)
                mgi_json_null(&j);
            else
                mgi_json_double(&j, c->cost[s * c->n + t]);
        mgi_json_array_end(&j);
    }
    mgi_json_array_end(&j);
    mgi_json_key(&j, "unreachable");
    mgi_json_array(&j);
    for (s = 0; s < c->n; s++)
        for (t = 0; t < c->n; t++)
            if (s != t && c->cost[s * c->n + t] < 0)
                mgi_json_strings(&j, (char *const[]){ c->names[s], c->names[t] }, 2);
    mgi_json_array_end(&j);
    mgi_json_object_end(&j);
    return mgi_present_json(&j, &b, out, err);
}

/* The matrix, one row per role; returns the ordered pairs with no chain. */
static size_t costs_matrix(mgi_doc *d, const mg_costs *c, const char **row, char *cells)
{
    size_t s, t, unreachable = 0;

    row[0] = "from \\ to";
    for (t = 0; t < c->n; t++)
        row[t + 1] = c->names[t];
    mgi_doc_table(d, c->n + 1, row);
    for (s = 0; s < c->n; s++) {
        row[0] = c->names[s];
        for (t = 0; t < c->n; t++) {
            double v = c->cost[s * c->n + t];

            if (v < 0)
                strcpy(cells + t * 32, "-");
            else
                mgi_cost_string(cells + t * 32, 32, v);
            row[t + 1] = cells + t * 32;
            unreachable += s != t && v < 0;
        }
        mgi_doc_row(d, row);
    }
    return unreachable;
}

/* In text, the matrix only when its columns fit a terminal line (100
 * columns, as out_text.c wraps); else one row per reachable pair. */
static int matrix_fits(const mg_costs *c)
{
    size_t total = 9, t; /* "from \ to" */

    for (t = 0; t < c->n && total <= 100; t++) {
        size_t w = strlen(c->names[t]);

        total += 2 + (w > 8 ? w : 8);
    }
    return total <= 100;
}

/* The long form: from, to, cost for each ordered pair with a chain; returns
 * the pairs without one. */
static size_t costs_pairs(mgi_doc *d, const mg_costs *c, char *cell)
{
    static const char *const header[] = { "from", "to", "cost" };
    size_t s, t, unreachable = 0;

    mgi_doc_table(d, 3, header);
    for (s = 0; s < c->n; s++)
        for (t = 0; t < c->n; t++) {
            double v = c->cost[s * c->n + t];
            const char *row[3] = { c->names[s], c->names[t], cell };

            unreachable += s != t && v < 0;
            if (s == t || v < 0)
                continue;
            mgi_cost_string(cell, 32, v);
            mgi_doc_row(d, row);
        }
    return unreachable;
}

static void unreachable_pairs(mgi_doc *d, const mg_costs *c, size_t unreachable)
{
    static const char *const header[] = { "from", "to" };
    size_t s, t;

    mgi_doc_heading(d, "Unreachable pairs");
    if (!unreachable) {
        mgi_doc_text(d, "Every role can reach every other role.");
        return;
    }
    mgi_doc_text(d, "%zu ordered pairs have no handoff chain.", unreachable);
    mgi_doc_table(d, 2, header);
    for (s = 0; s < c->n; s++)
        for (t = 0; t < c->n; t++)
            if (s != t && c->cost[s * c->n + t] < 0) {
                const char *pair[2] = { c->names[s], c->names[t] };

                mgi_doc_row(d, pair);
            }
}

mg_status mg_costs_format(const mg_costs *c, mg_format format, char **out, mg_error *err)
{
    mgi_doc d = { 0 };
    const char **row;
    char *cells;
    mg_status st;

    if (!c || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_costs_format: NULL argument");
    if (format == MG_FORMAT_JSON)
        return costs_json(c, out, err);
    row = calloc(c->n + 1, sizeof *row);
    cells = malloc((c->n + 1) * 32);
    if (!row || !cells) {
        free(row);
        free(cells);
        return mgi_nomem(err);
    }
    if (format == MG_FORMAT_TEXT && !matrix_fits(c)) {
        mgi_doc_heading(&d, "Cheapest handoff cost from each role to each role it can reach");
        unreachable_pairs(&d, c, costs_pairs(&d, c, cells));
    } else {
        mgi_doc_heading(&d, "Cheapest handoff cost from each role (row) to each role (column)");
        unreachable_pairs(&d, c, costs_matrix(&d, c, row, cells));
    }
    st = mgi_present_doc(&d, format, out, err);
    free(row);
    free(cells);
    return st;
}
