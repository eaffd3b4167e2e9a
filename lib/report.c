/*
 * report.c - every analysis in one document for stakeholders, led by a
 * summary of the most severe findings. Each section is the analysis's own
 * output in the same format, so the report says exactly what the commands do.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "graph.h"
#include "json.h"
#include "org.h"
#include "page.h"
#include "present.h"
#include "present_gaps.h"

#define TOP_FINDINGS 5
#define KEY_CHAINS 5
#define CHAINS_MAX_ROLES 2000 /* the all-pairs costs behind "key chains" */

/* The HTML page around the report: styles and a small sorter, all inline so
 * the file works offline. Clicking a column header sorts the table by it;
 * severities sort high, medium, low; numbers as numbers. */
static const char html_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<title>Organisation report</title>\n<style>\n"
    "body{font-family:Helvetica,Arial,sans-serif;margin:2em auto;max-width:80em;"
    "padding:0 1em;color:#222;line-height:1.4}\n"
    "h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ccd}\n"
    "table{border-collapse:collapse;margin:1em 0;font-size:.9em}\n"
    "th,td{border:1px solid #ccd;padding:.3em .6em;text-align:left;vertical-align:top}\n"
    "th{background:#eef3f9;cursor:pointer;user-select:none}th:hover{background:#dde8f4}\n"
    "th.sorted-up::after{content:\" \\25B2\"}th.sorted-down::after{content:\" \\25BC\"}\n"
    "tr:nth-child(even) td{background:#fafbfd}\n"
    "figure{margin:1em 0;overflow:auto;border:1px solid #ccd}figure svg{max-width:100%;height:auto}\n"
    "figcaption{font-size:.85em;color:#555;padding:.3em .6em}\n"
    "</style>\n</head>\n<body>\n";

static const char html_tail[] =
    "<script>\n"
    "(function () {\n"
    "  var rank = {high: 3, medium: 2, low: 1};\n"
    "  function key(cell) {\n"
    "    var t = cell.textContent.trim();\n"
    "    if (t in rank) return rank[t];\n"
    "    var n = Number(t);\n"
    "    return t !== '' && !isNaN(n) ? n : t.toLowerCase();\n"
    "  }\n"
    "  document.querySelectorAll('table.sortable').forEach(function (table) {\n"
    "    table.querySelectorAll('th').forEach(function (th, col) {\n"
    "      th.addEventListener('click', function () {\n"
    "        var body = table.tBodies[0];\n"
    "        if (!body) return;\n"
    "        var down = !th.classList.contains('sorted-down');\n"
    "        table.querySelectorAll('th').forEach(function (h) { h.className = ''; });\n"
    "        th.className = down ? 'sorted-down' : 'sorted-up';\n"
    "        Array.prototype.slice.call(body.rows).sort(function (a, b) {\n"
    "          var x = key(a.cells[col]), y = key(b.cells[col]);\n"
    "          var c = x < y ? -1 : x > y ? 1 : 0;\n"
    "          return down ? -c : c;\n"
    "        }).forEach(function (row) { body.appendChild(row); });\n"
    "      });\n"
    "    });\n"
    "  });\n"
    "})();\n"
    "</script>\n</body>\n</html>\n";

/* The lead findings: those that matter most, by severity and then impact
 * (the order of the gaps). Fills idx, returns count. */
static size_t top_findings(const mg_gaps *g, size_t *idx)
{
    size_t n = 0;

    for (; n < mg_gaps_count(g) && n < TOP_FINDINGS; n++)
        idx[n] = n;
    return n;
}

typedef struct pair_cost {
    size_t from, to;
    double cost;
} pair_cost;

static int pair_cost_cmp(const void *x, const void *y)
{
    const pair_cost *a = x, *b = y;

    if (!mgi_cost_equal(a->cost, b->cost))
        return a->cost > b->cost ? -1 : 1;
    if (a->from != b->from)
        return a->from < b->from ? -1 : 1;
    return a->to < b->to ? -1 : a->to > b->to;
}

/* The longest of the cheapest chains: the routes where work travels furthest. */
static int key_pairs(const mg_org *org, pair_cost *best, size_t *n_best)
{
    size_t n = mg_org_role_count(org), s, t, k = 0;
    pair_cost *all;
    mg_costs *c = NULL;

    *n_best = 0;
    if (n > CHAINS_MAX_ROLES)
        return 0;
    if (mg_costs_find(org, &c, NULL) != MG_OK)
        return -1;
    all = malloc((n * n + 1) * sizeof *all);
    if (!all) {
        mg_costs_free(c);
        return -1;
    }
    for (s = 0; s < n; s++)
        for (t = 0; t < n; t++)
            if (s != t && mg_costs_get(c, s, t) > 0) {
                all[k].from = s;
                all[k].to = t;
                all[k].cost = mg_costs_get(c, s, t);
                k++;
            }
    mgi_qsort(all, k, sizeof *all, pair_cost_cmp);
    *n_best = k < KEY_CHAINS ? k : KEY_CHAINS;
    memcpy(best, all, *n_best * sizeof *best);
    free(all);
    mg_costs_free(c);
    return 0;
}

/* A file name as a Markdown link target: anything unusual percent-encoded. */
static int put_link(mgi_buf *b, const char *s)
{
    static const char data_uri[] = "data:image/svg+xml;base64,";
    size_t n = strlen(data_uri);

    /* an embedded picture: a base64 data URI holds only characters a link
     * may hold as they are ([A-Za-z0-9+/=] after the prefix) */
    if (strncmp(s, data_uri, n) == 0 && strspn(s + n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                                     "abcdefghijklmnopqrstuvwxyz0123456789+/=") ==
                                            strlen(s + n))
        return mgi_buf_puts(b, s);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        int plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    strchr("._/-", c);

        if ((plain ? mgi_buf_putc(b, (char)c) : mgi_buf_printf(b, "%%%02X", c)) < 0)
            return -1;
    }
    return 0;
}

static int append_text(mgi_buf *b, char *text)
{
    int rc = text ? mgi_buf_putc(b, '\n') | mgi_buf_puts(b, text) : -1;

    mg_free(text);
    return rc < 0 ? -1 : 0;
}

/* The key chains as one table: from, to, cost, the roles on the way. */
static void chains_table(mgi_doc *d, mg_paths *const *chains, size_t n)
{
    static const char *const header[] = { "from", "to", "cost", "chain" };
    mgi_buf via = { 0 };
    size_t i, j;

    mgi_doc_heading(d, "Key handoff chains");
    mgi_doc_text(d, "The longest of the cheapest chains: where work travels furthest.");
    mgi_doc_table(d, 4, header);
    for (i = 0; i < n; i++) {
        char cost[64];
        const char *row[4];

        mgi_buf_clear(&via);
        mgi_buf_puts(&via, mg_paths_from(chains[i]));
        for (j = 0; j < mg_path_steps(chains[i], 0); j++)
            mgi_buf_printf(&via, " -> %s", mg_path_step_to(chains[i], 0, j));
        mgi_cost_string(cost, sizeof cost, mg_path_cost(chains[i], 0));
        row[0] = mg_paths_from(chains[i]);
        row[1] = mg_paths_to(chains[i]);
        row[2] = cost;
        row[3] = via.data ? via.data : "";
        if (via.failed)
            d->failed = 1;
        mgi_doc_row(d, row);
    }
    mgi_buf_free(&via);
}

/* What the report shows, gathered once whatever the format. */
typedef struct report {
    const mg_org *org;
    mg_gaps *gaps;
    mg_clusters *clusters;
    mg_bottlenecks *bottlenecks;
    mg_paths *chains[KEY_CHAINS];
    size_t n_chains;
    size_t count[MG_SEVERITY_HIGH + 1]; /* gaps by severity */
    size_t top[TOP_FINDINGS], n_top;    /* the lead findings, indices into gaps */
} report;

static void report_free(report *r)
{
    size_t i;

    mg_gaps_free(r->gaps);
    mg_clusters_free(r->clusters);
    mg_bottlenecks_free(r->bottlenecks);
    for (i = 0; i < KEY_CHAINS; i++)
        mg_paths_free(r->chains[i]);
}

/* Runs every analysis the report shows. r is always safe to free after. */
static mg_status report_gather(report *r, const mg_org *org, const mg_gaps_opts *opts,
                               mg_error *err)
{
    pair_cost key[KEY_CHAINS];
    size_t i;
    mg_status st;

    memset(r, 0, sizeof *r);
    r->org = org;
    if ((st = mg_gaps_find(org, opts, &r->gaps, err)) != MG_OK ||
        (st = mg_clusters_find(org, NULL, &r->clusters, err)) != MG_OK ||
        (st = mg_bottlenecks_find(org, &r->bottlenecks, err)) != MG_OK)
        return st;
    if (key_pairs(org, key, &r->n_chains) < 0)
        return mgi_nomem(err);
    for (i = 0; i < r->n_chains; i++)
        if ((st = mg_paths_find(org, mg_org_role_name(org, key[i].from),
                                mg_org_role_name(org, key[i].to), 1, &r->chains[i], err)) != MG_OK)
            return st;
    for (i = 0; i < mg_gaps_count(r->gaps); i++)
        r->count[mg_gap_severity(r->gaps, i)]++;
    r->n_top = top_findings(r->gaps, r->top);
    return MG_OK;
}

/* ---- JSON ------------------------------------------------------------------ */

/* An analysis's own JSON document (st and *text from its mg_*_format) as
 * the value of key (NULL: an array element); frees the text. */
static void json_section(mgi_json *j, const char *key, mg_status st, char **text)
{
    if (key)
        mgi_json_key(j, key);
    if (st != MG_OK || !*text)
        j->failed = 1; /* the writer's sticky failure: mgi_json_finish reports it */
    else
        mgi_json_raw(j, *text);
    mg_free(*text);
    *text = NULL;
}

static void json_summary(mgi_json *j, const report *r)
{
    size_t i;

    mgi_json_key(j, "summary");
    mgi_json_object(j);
    mgi_json_key_size(j, "roles", mg_org_role_count(r->org));
    mgi_json_key_size(j, "tools", mg_org_tool_count(r->org));
    mgi_json_key_size(j, "capabilities", mg_org_capability_count(r->org));
    mgi_json_key_size(j, "responsibilities", mg_org_responsibility_count(r->org));
    mgi_json_key_size(j, "collaborations", mg_org_collaboration_count(r->org));
    mgi_json_key(j, "gaps");
    mgi_json_object(j);
    mgi_json_key_size(j, "high", r->count[MG_SEVERITY_HIGH]);
    mgi_json_key_size(j, "medium", r->count[MG_SEVERITY_MEDIUM]);
    mgi_json_key_size(j, "low", r->count[MG_SEVERITY_LOW]);
    mgi_json_object_end(j);
    mgi_json_key(j, "findings");
    mgi_json_array(j);
    for (i = 0; i < r->n_top; i++)
        mgi_json_str(j, mg_gap_message(r->gaps, r->top[i]));
    mgi_json_array_end(j);
    mgi_json_object_end(j);
}

/* The summary, then each analysis's JSON document whole; the picture (an
 * SVG text) as a string. */
static int report_json(const report *r, const char *picture, mgi_buf *b)
{
    mgi_json j;
    char *text = NULL;
    size_t i;

    mgi_json_init(&j, b);
    mgi_json_object(&j);
    mgi_json_key_size(&j, "version", MGI_JSON_VERSION);
    mgi_warnings_json(&j, mgi_gaps_warnings(r->gaps));
    json_summary(&j, r);
    mgi_json_key(&j, "gaps");
    mgi_gaps_json(&j, r->gaps);
    json_section(&j, "clusters", mg_clusters_format(r->clusters, MG_FORMAT_JSON, &text, NULL), &text);
    json_section(&j, "bottlenecks",
                 mg_bottlenecks_format(r->bottlenecks, MG_FORMAT_JSON, &text, NULL), &text);
    mgi_json_key(&j, "chains");
    mgi_json_array(&j);
    for (i = 0; i < r->n_chains; i++)
        json_section(&j, NULL, mg_paths_format(r->chains[i], MG_FORMAT_JSON, &text, NULL), &text);
    mgi_json_array_end(&j);
    mgi_json_key_str(&j, "picture", picture);
    mgi_json_object_end(&j);
    return mgi_json_finish(&j, 1);
}

/* ---- Text, Markdown and HTML --------------------------------------------------- */

/* The lead: the counts, the most severe findings, the busiest role. */
static void report_lead(mgi_doc *d, const report *r)
{
    const mg_org *org = r->org;
    size_t i;

    mgi_doc_text(d,
                 "%zu roles, %zu tools, %zu capabilities, %zu responsibilities, %zu "
                 "collaborations. %zu gaps: %zu high, %zu medium, %zu low.",
                 mg_org_role_count(org), mg_org_tool_count(org), mg_org_capability_count(org),
                 mg_org_responsibility_count(org), mg_org_collaboration_count(org),
                 mg_gaps_count(r->gaps), r->count[MG_SEVERITY_HIGH], r->count[MG_SEVERITY_MEDIUM],
                 r->count[MG_SEVERITY_LOW]);
    mgi_warnings_doc(d, mgi_gaps_warnings(r->gaps));
    if (r->n_top) {
        mgi_doc_heading(d, "Most severe findings");
        for (i = 0; i < r->n_top; i++)
            mgi_doc_text(d, "%zu. %s (%s, %s)", i + 1, mg_gap_message(r->gaps, r->top[i]),
                         mg_gap_kind(r->gaps, r->top[i]),
                         mg_severity_name(mg_gap_severity(r->gaps, r->top[i])));
    }
    if (mg_bottlenecks_count(r->bottlenecks) && mg_bottleneck_betweenness(r->bottlenecks, 0) > 0)
        mgi_doc_text(d, "The busiest role: %s, on the cheapest handoff chains of %zu pairs of "
                        "other roles (betweenness %.4g).",
                     mg_bottleneck_role(r->bottlenecks, 0),
                     mg_bottleneck_pair_count(r->bottlenecks, 0),
                     mg_bottleneck_betweenness(r->bottlenecks, 0));
}

/* The heading and the lead; in HTML after the page's head. */
static int report_opening(mgi_buf *b, const report *r, mg_format format)
{
    mgi_doc d = { 0 };
    char *text = NULL;
    int rc = 0;

    if (format == MG_FORMAT_HTML) {
        rc |= mgi_buf_puts(b, html_head);
        rc |= mgi_buf_puts(b, "<h1>Organisation report</h1>\n");
    } else
        mgi_doc_heading(&d, "Organisation report");
    report_lead(&d, r);
    if (mgi_doc_render(&d, format, &text, NULL) != MG_OK)
        rc = -1;
    else
        rc |= mgi_buf_puts(b, text);
    mg_free(text);
    mgi_doc_free(&d);
    return rc < 0 ? -1 : 0;
}

/* HTML: the SVG in the explorer (page.h: pan, zoom, search, the gaps of
 * a role or tool on a click, outlines of the high and medium gaps at first);
 * Markdown: a link to the picture's file. */
static int report_picture(mgi_buf *b, const report *r, mg_format format, const char *picture)
{
    int rc = 0;

    if (picture && format == MG_FORMAT_HTML) {
        rc |= mgi_buf_puts(b, "<figure>\n");
        if (mgi_page_explorer(b, r->org, r->gaps, picture, MG_SEVERITY_MEDIUM, NULL) != MG_OK)
            return -1;
        rc |= mgi_buf_puts(b, "<figcaption>The organisation: shared-tool clusters shaded, roles "
                              "and tools outlined by the severity of their gaps (the boxes above "
                              "choose which). Click a role or tool for its handoffs, tools and "
                              "gaps.</figcaption>\n</figure>\n");
    } else if (picture && format == MG_FORMAT_MD) {
        rc |= mgi_buf_puts(b, "\n![The organisation: clusters shaded, gaps outlined](");
        rc |= put_link(b, picture);
        rc |= mgi_buf_puts(b, ")\n");
    }
    return rc < 0 ? -1 : 0;
}

/* Each analysis's own output in the report's format, then the key chains. */
static int report_sections(mgi_buf *b, const report *r, mg_format format)
{
    mgi_doc chains_doc = { 0 };
    char *text = NULL;
    int rc;

    if (mg_gaps_format(r->gaps, format, &text, NULL) != MG_OK || append_text(b, text) < 0 ||
        mg_clusters_format(r->clusters, format, &text, NULL) != MG_OK ||
        append_text(b, text) < 0 ||
        mg_bottlenecks_format(r->bottlenecks, format, &text, NULL) != MG_OK ||
        append_text(b, text) < 0)
        return -1;
    if (!r->n_chains)
        return 0;
    chains_table(&chains_doc, r->chains, r->n_chains);
    rc = mgi_doc_render(&chains_doc, format, &text, NULL) == MG_OK ? append_text(b, text) : -1;
    mgi_doc_free(&chains_doc);
    return rc;
}

static int report_document(mgi_buf *b, const report *r, mg_format format, const char *picture)
{
    if (report_opening(b, r, format) < 0 || report_picture(b, r, format, picture) < 0 ||
        report_sections(b, r, format) < 0)
        return -1;
    return format == MG_FORMAT_HTML ? mgi_buf_puts(b, html_tail) : 0;
}

/* ---- Entry point ---------------------------------------------------------------- */

mg_status mg_report(const mg_org *org, const mg_gaps_opts *opts, mg_format format,
                    const char *picture, char **out, mg_error *err)
{
    report r;
    mgi_buf b = { 0 };
    mg_status st;
    int rc;

    if (!org || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_report: NULL argument");
    if (format == MG_FORMAT_CSV)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "a report is text, md or json, not csv");
    if ((st = report_gather(&r, org, opts, err)) == MG_OK) {
        rc = format == MG_FORMAT_JSON ? report_json(&r, picture, &b)
                                      : report_document(&b, &r, format, picture);
        if (rc < 0 || !(*out = mgi_buf_steal(&b)))
            st = mgi_nomem(err);
    }
    mgi_buf_free(&b);
    report_free(&r);
    return st;
}
