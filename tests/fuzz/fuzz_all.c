/*
 * fuzz_all.c - libFuzzer target for everything after loading. The input is
 * up to four CSV files (roles, responsibilities, tools, collaborations)
 * separated by the byte 0x1E. When they load, every analysis runs, every
 * result is formatted in every format, the organisation is exported (the
 * GraphML must be well-formed XML) and rendered as DOT and SVG (the SVG too).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlopsgraph.h"
#include "xmlcheck.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_ROLES_TO_DRAW 60 /* dot on larger graphs is too slow to fuzz */

static void format_all(mg_status (*fmt)(const void *, mg_format, char **, mg_error *),
                       const void *result)
{
    int f;

    for (f = MG_FORMAT_TEXT; f <= MG_FORMAT_MD; f++) {
        char *out = NULL;
        mg_error err;

        if (fmt(result, (mg_format)f, &out, &err) != MG_OK)
            abort();
        mg_free(out);
    }
}

#define FORMAT_ALL(fn, r) format_all((mg_status(*)(const void *, mg_format, char **, mg_error *))(fn), (r))

/* The four tables, separated by 0x1E; 0 when every non-empty one loads. */
static int load_tables(mg_org *org, const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    mg_error err;
    int t;

    for (t = 0; t < MG_TABLE_COUNT && p <= end; t++) {
        const char *sep = memchr(p, 0x1E, (size_t)(end - p));
        size_t n = sep ? (size_t)(sep - p) : (size_t)(end - p);

        if (n && mg_org_load_buffer(org, (mg_table)t, "fuzz.csv", p, n, &err) != MG_OK)
            return -1;
        p += n + 1;
    }
    return 0;
}

static void xml_must_be_well_formed(const char *what, const char *xml, size_t len)
{
    const char *why = xml_check(xml, len);

    if (why) {
        fprintf(stderr, "%s is not well-formed: %s\n", what, why);
        abort();
    }
}

/* Every analysis, every result in every format, and the report. */
static void analyse_all(mg_org *org)
{
    mg_gaps *g = NULL;
    mg_clusters *c = NULL;
    mg_bottlenecks *b = NULL;
    mg_costs *k = NULL;
    mg_paths *paths = NULL;
    char *report = NULL;
    size_t n_roles = mg_org_role_count(org);
    mg_error err;

    if (mg_gaps_find(org, NULL, &g, &err) != MG_OK ||
        mg_clusters_find(org, NULL, &c, &err) != MG_OK ||
        mg_bottlenecks_find(org, &b, &err) != MG_OK || mg_costs_find(org, &k, &err) != MG_OK)
        abort();
    FORMAT_ALL(mg_gaps_format, g);
    FORMAT_ALL(mg_clusters_format, c);
    FORMAT_ALL(mg_bottlenecks_format, b);
    FORMAT_ALL(mg_costs_format, k);
    if (n_roles >= 2) {
        if (mg_paths_find(org, mg_org_role_name(org, 0), mg_org_role_name(org, n_roles - 1), 3,
                          &paths, &err) != MG_OK)
            abort();
        FORMAT_ALL(mg_paths_format, paths);
    }
    if (mg_report(org, NULL, MG_FORMAT_JSON, NULL, &report, &err) != MG_OK)
        abort();
    mg_free(report);
    mg_paths_free(paths);
    mg_costs_free(k);
    mg_bottlenecks_free(b);
    mg_clusters_free(c);
    mg_gaps_free(g);
}

/* Exports: GraphML must be well-formed XML; every table must export. */
static void export_all(mg_org *org)
{
    char *x = NULL;
    mg_error err;
    int t;

    if (mg_export(org, MG_EXPORT_GRAPHML, &x, &err) != MG_OK)
        abort();
    xml_must_be_well_formed("GraphML", x, strlen(x));
    mg_free(x);
    if (mg_export(org, MG_EXPORT_JSON, &x, &err) != MG_OK)
        abort();
    mg_free(x);
    for (t = 0; t < MG_TABLE_COUNT; t++) {
        if (mg_export_table(org, (mg_table)t, &x, &err) != MG_OK)
            abort();
        mg_free(x);
    }
}

/* DOT, then SVG with the overlays (well-formed XML), of a small organisation. */
static void render_small(mg_org *org)
{
    mg_render_opts *opts;
    char *out = NULL;
    size_t len;
    mg_error err;

    if (mg_org_role_count(org) + mg_org_tool_count(org) > MAX_ROLES_TO_DRAW)
        return;
    opts = mg_render_opts_new();
    if (!opts || mg_render_opts_set_format(opts, MG_RENDER_FORMAT_DOT, &err) != MG_OK ||
        mg_render_buffer(org, opts, &out, &len, &err) != MG_OK)
        abort();
    mg_free(out);
    mg_render_opts_set_clusters(opts, 1);
    mg_render_opts_set_gaps(opts, 1);
    if (mg_render_opts_set_format(opts, MG_RENDER_FORMAT_SVG, &err) != MG_OK ||
        mg_render_buffer(org, opts, &out, &len, &err) != MG_OK)
        abort();
    xml_must_be_well_formed("SVG", out, len);
    mg_free(out);
    mg_render_opts_free(opts);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mg_org *org = mg_org_new();

    if (!org)
        abort();
    if (load_tables(org, data, size) == 0) {
        analyse_all(org);
        export_all(org);
        render_small(org);
    }
    mg_org_free(org);
    return 0;
}
