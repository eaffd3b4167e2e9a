/*
 * check_chaos.c - every entry point under allocation failure, in the style
 * of jansson's test/suites/api/test_chaos.c: the 1st, 2nd, 3rd, ...
 * allocation the library makes fails, one per run of the call, until the
 * call gets through. Each run must
 *   - return MG_ENOMEM (or, when the library recovered, MG_OK with exactly
 *     the output of a run without failure: never a wrong answer),
 *   - leave the organisation as it was (its report JSON unchanged), and
 *   - leak nothing: every block the library allocated during the run is
 *     freed by the time a failed call returns (or the result is freed).
 *
 * The hook: this program is linked with the static library and
 * -Wl,--wrap=malloc,... (Makefile.am), so the library's calls to malloc,
 * calloc, realloc and free come here, and nobody else's: Graphviz, libc and
 * Check allocate as usual (Graphviz aborts when its own allocations fail, so
 * those are not ours to test). Linked against a shared library the hook sees
 * nothing and the suite is skipped (exit 77).
 *
 * The same driver then cancels each call at its 1st, 2nd, ... report of
 * progress (the progress callback returns non-zero): each such run must
 * return MG_ECANCELED, leave the organisation as it was and leak nothing.
 *
 * Under valgrind (LD_PRELOAD names vgpreload) only every 37th failure point
 * is tried, to stay within minutes.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "testutil.h"

/* ---- The allocator hook -------------------------------------------------- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
void __wrap_free(void *p);

static int armed;          /* counting the library's allocations */
static unsigned long seen; /* allocations counted since armed */
static unsigned long fail_at; /* the one to fail (0: none) */
static unsigned long total; /* every allocation ever counted (is the hook linked?) */

/* The blocks allocated while armed and not yet freed: an open-addressing set
 * of addresses (0 empty, 1 deleted), made with the real allocator. */
#define LIVE_BITS 20
static uintptr_t *live;
static size_t n_live;

static size_t slot_of(uintptr_t p)
{
    return (size_t)((p >> 4) * 0x9E3779B97F4A7C15ull >> (64 - LIVE_BITS));
}

static void live_add(void *p)
{
    size_t i = slot_of((uintptr_t)p), mask = ((size_t)1 << LIVE_BITS) - 1;

    if (!p || !live)
        return;
    while (live[i] > 1)
        i = (i + 1) & mask;
    live[i] = (uintptr_t)p;
    n_live++;
}

static void live_remove(void *p)
{
    size_t i = slot_of((uintptr_t)p), mask = ((size_t)1 << LIVE_BITS) - 1;

    if (!p || !live || !n_live)
        return;
    for (; live[i]; i = (i + 1) & mask)
        if (live[i] == (uintptr_t)p) {
            live[i] = 1;
            n_live--;
            return;
        }
}

/* Called at each injected failure: a place for a debugger's breakpoint
 * (gdb -ex 'break injected', with MG_CHAOS_ONLY and MG_CHAOS_AT below). */
__attribute__((noinline)) static int injected(void)
{
    __asm__ volatile("");
    return 1;
}

static int fails(void)
{
    if (!armed)
        return 0;
    seen++;
    total++;
    return seen == fail_at && injected();
}

void *__wrap_malloc(size_t n)
{
    void *p;

    if (fails())
        return NULL;
    p = __real_malloc(n);
    if (armed)
        live_add(p);
    return p;
}

void *__wrap_calloc(size_t n, size_t size)
{
    void *p;

    if (fails())
        return NULL;
    p = __real_calloc(n, size);
    if (armed)
        live_add(p);
    return p;
}

void *__wrap_realloc(void *old, size_t n)
{
    void *p;

    if (fails())
        return NULL;
    p = __real_realloc(old, n);
    if (p || !n)
        live_remove(old);
    if (armed)
        live_add(p);
    return p;
}

void __wrap_free(void *p)
{
    live_remove(p);
    __real_free(p);
}

static void arm(unsigned long at)
{
    size_t i;

    if (!live)
        live = __real_calloc((size_t)1 << LIVE_BITS, sizeof *live);
    ck_assert_ptr_nonnull(live);
    for (i = 0; n_live && i < (size_t)1 << LIVE_BITS; i++)
        live[i] = 0;
    n_live = 0;
    seen = 0;
    fail_at = at;
    armed = 1;
}

static void disarm(void)
{
    armed = 0;
}

/* ---- The progress hook ------------------------------------------------------ */

static int counting;             /* counting the progress reports of the call under test */
static unsigned long progress_seen; /* reports counted since */
static unsigned long cancel_at;  /* the one that cancels (0: none) */
static unsigned long last_reports; /* how many a run of the last chaos() call made */

static int cancel_in_turn(const char *phase, double fraction, void *data)
{
    (void)phase;
    (void)fraction;
    (void)data;
    if (!counting)
        return 0;
    return ++progress_seen == cancel_at;
}

/* ---- The organisation every call runs on ---------------------------------- */

/* Small, but it takes every path of the loader: a roles table with aliases,
 * a headcount, an unknown column (attributes merged), a duplicate row, an
 * implicit role named by an alias, a self-collaboration, merged handoffs,
 * both directions, weights, a misspelt capability (a derived warning). */
static const char *const tables[MG_TABLE_COUNT] = {
    "role,summary,aliases,headcount,team\n"
    "Data Scientists,Build models,DS;Scientist,3,ml\n"
    "ML Engineers,Ship models,MLE,2.5,platform\n"
    "Data Engineers,Pipelines,DE,,data\n"
    "Data Engineers,Pipelines,DE,,infra\n"
    "Ops,Run it,SRE,1,infra\n",
    "role,responsibility,capability\n"
    "DS,Train models,training\n"
    "ML Engineers,Deploy models,deployment\n"
    "Data Engineers,Version data,data-versioning\n"
    "Ops,Watch models,monitoring\n"
    "Ops,Guard models,adversarial-defence\n",
    "role,tool,capability,weight\n"
    "Data Scientists,Jupyter,training,2\n"
    "Data Scientists,MLflow,tracking,1\n"
    "ML Engineers,MLflow,tracking;deployment,1\n"
    "ML Engineers,Kubernetes,deployment,1\n"
    "Data Engineers,DVC,data-versioning,1\n"
    "Ops,Kubernetes,monitorng,1\n"
    "Ops,Prometheus,monitoring,1\n",
    "from,to,handoff,direction,weight\n"
    "DS,MLE,model,forward,1\n"
    "Data Scientists,ML Engineers,metrics,forward,2\n"
    "ML Engineers,Ops,service,both,1\n"
    "Data Engineers,Scientist,features,forward,3\n"
    "Ops,Ops,on-call,forward,1\n"
    "Ops,Data Engineers,alerts,forward,1\n",
};

static mg_org *chaos_org(void)
{
    mg_org *org = mg_org_new();
    mg_error err;
    int t;

    ck_assert_ptr_nonnull(org);
    for (t = 0; t < MG_TABLE_COUNT; t++)
        ck_assert_msg(mg_org_load_buffer(org, (mg_table)t, mg_table_file_name((mg_table)t),
                                         tables[t], strlen(tables[t]), &err) == MG_OK,
                      "%s", err.message);
    return org;
}

/* The organisation as data: its report, with the load summary and warnings. */
static char *fingerprint(const mg_org *org)
{
    char *report = NULL, *summary = NULL, *both;
    mg_error err;

    ck_assert_msg(mg_report(org, NULL, MG_FORMAT_JSON, NULL, &report, &err) == MG_OK, "%s",
                  err.message);
    ck_assert_msg(mg_org_summary_to_json(org, &summary, &err) == MG_OK, "%s", err.message);
    both = malloc(strlen(report) + strlen(summary) + 2);
    ck_assert_ptr_nonnull(both);
    sprintf(both, "%s\n%s", report, summary);
    mg_free(report);
    mg_free(summary);
    return both;
}

/* ---- The driver ------------------------------------------------------------ */

/* One entry point: runs on org, and on success sets *out to a text that
 * shows its whole result (the caller frees it with mg_free), or leaves it
 * NULL when the result is the organisation itself (a load). */
typedef mg_status (*entry_fn)(mg_org *org, char **out, mg_error *err);
/* Makes the organisation an entry point runs on. */
typedef mg_org *(*make_fn)(void);

static unsigned long stride(void)
{
    const char *pre = getenv("LD_PRELOAD");

    return pre && strstr(pre, "vgpreload") ? 37 : 1;
}

/* One run of fn on a new organisation, failing allocation `at` (0: none).
 * Returns the status; *out gets the result as text, *changed whether the
 * organisation's fingerprint differs from `before`. */
static mg_status run(make_fn make, entry_fn fn, unsigned long at, const char *before,
                     char **out, int *changed, mg_error *err)
{
    mg_org *org = make();
    mg_status st;
    char *after;

    *out = NULL;
    progress_seen = 0;
    counting = 1;
    arm(at);
    st = fn(org, out, err);
    disarm();
    counting = 0;
    if (st == MG_OK && !*out)
        *out = fingerprint(org);
    after = fingerprint(org);
    *changed = strcmp(after, before) != 0;
    free(after);
    mg_org_free(org);
    return st;
}

/* Runs fn failing its 1st, 2nd, ... allocation until it needs no more, then
 * cancelling it at each of its progress reports in turn; returns how many
 * allocations a run without failure makes. */
static unsigned long chaos(const char *name, make_fn make, entry_fn fn)
{
    mg_org *org = make();
    char *before = fingerprint(org), *want, *got;
    unsigned long at, needed, reports, step = stride();
    int changed;
    mg_status st, expect;
    mg_error err, want_message;

    mg_org_free(org);
    /* the run without failure: its status and output are the one answer
     * (an entry point may be meant to fail: bad input, an unknown name) */
    cancel_at = 0;
    expect = run(make, fn, 0, before, &want, &changed, &err);
    needed = seen;
    reports = progress_seen;
    want_message = err;
    ck_assert_msg(expect == MG_OK || !changed, "%s: %s", name, err.message);
    if (!total) {
        fprintf(stderr, "check_chaos: the allocator hook sees nothing (a shared library?)\n");
        exit(77);
    }
    if (getenv("MG_CHAOS_ONLY") && !strstr(name, getenv("MG_CHAOS_ONLY")))
        needed = 0; /* debugging one entry point: MG_CHAOS_ONLY=name [MG_CHAOS_AT=n] */
    else if (getenv("MG_CHAOS_AT"))
        at = strtoul(getenv("MG_CHAOS_AT"), NULL, 10), needed = at, step = 1;
    for (at = getenv("MG_CHAOS_AT") ? at : 1; at <= needed; at += step) {
        st = run(make, fn, at, before, &got, &changed, &err);
        ck_assert_msg(st == expect || st == MG_ENOMEM,
                      "%s, allocation %lu of %lu failing: status %s (%s)", name, at, needed,
                      mg_status_name(st), err.message);
        if (st == expect && st != MG_OK)
            ck_assert_msg(strcmp(err.message, want_message.message) == 0,
                          "%s, allocation %lu of %lu failing: '%s', not '%s'", name, at, needed,
                          err.message, want_message.message);
        if (st == MG_OK) {
            ck_assert_msg(strcmp(got, want) == 0,
                          "%s, allocation %lu of %lu failing: MG_OK with another answer", name,
                          at, needed);
            mg_free(got);
        } else
            ck_assert_msg(!changed,
                          "%s, allocation %lu of %lu failing: the organisation changed", name,
                          at, needed);
        ck_assert_msg(n_live == 0, "%s, allocation %lu of %lu failing: %zu blocks leaked", name,
                      at, needed, n_live);
    }
    for (cancel_at = 1; cancel_at <= reports; cancel_at++) {
        st = run(make, fn, 0, before, &got, &changed, &err);
        ck_assert_msg(st == MG_ECANCELED, "%s, cancelled at progress report %lu of %lu: %s (%s)",
                      name, cancel_at, reports, mg_status_name(st), err.message);
        ck_assert_str_eq(err.message, "cancelled by the progress callback");
        ck_assert_msg(!changed, "%s, cancelled at progress report %lu: the organisation changed",
                      name, cancel_at);
        ck_assert_msg(n_live == 0, "%s, cancelled at progress report %lu: %zu blocks leaked",
                      name, cancel_at, n_live);
    }
    cancel_at = 0;
    last_reports = reports;
    mg_free(want);
    free(before);
    return needed;
}

/* ---- The organisations ------------------------------------------------------ */

static mg_org *reference;  /* made once, unarmed: the reference of comparisons */

static mg_org *empty_org(void)
{
    mg_org *org = mg_org_new();

    ck_assert_ptr_nonnull(org);
    return org;
}

/* ---- Loading: one call each, into an empty organisation and into one that
 * already holds rows (the merge) ------------------------------------------- */

static mg_status load_buffer(mg_org *org, char **out, mg_error *err)
{
    static const char more[] = "from,to,handoff\nML Engineers,Data Scientists,feedback\n"
                               "DS,MLE,model again\nNew Role,Ops,tickets\n";

    (void)out;
    return mg_org_load_buffer(org, MG_TABLE_COLLABORATIONS, "collaborations.csv", more,
                              strlen(more), err);
}

static mg_status load_file(mg_org *org, char **out, mg_error *err)
{
    (void)out;
    return mg_org_load_file(org, MG_TABLE_ROLES, FIXTURES "/small/roles.csv", err);
}

static mg_status load_dir(mg_org *org, char **out, mg_error *err)
{
    (void)out;
    return mg_org_load_dir(org, FIXTURES "/small", err);
}

static mg_status load_reference(mg_org *org, char **out, mg_error *err)
{
    (void)out;
    return mg_org_load_reference(org, err);
}

/* Bad input: the error (its place and message) is the answer, and the
 * organisation stays as it was. */
static mg_status load_bad_row(mg_org *org, char **out, mg_error *err)
{
    static const char bad[] = "role,tool,capability,weight\nOps,Grafana,monitoring,1\n"
                              "Ops,Loki,logging,-2\n";

    (void)out;
    return mg_org_load_buffer(org, MG_TABLE_TOOLS, "tools.csv", bad, strlen(bad), err);
}

START_TEST(loads)
{
    chaos("load_buffer into an empty organisation", empty_org, load_buffer);
    chaos("load_buffer into a loaded organisation", chaos_org, load_buffer);
    chaos("load_file into a loaded organisation", chaos_org, load_file);
    chaos("load_dir into an empty organisation", empty_org, load_dir);
    chaos("load_dir into a loaded organisation", chaos_org, load_dir);
    ck_assert_msg(last_reports >= 4, "load_dir reported progress %lu times, not once a table",
                  last_reports);
    chaos("load_reference", empty_org, load_reference);
    chaos("load_reference into a loaded organisation", chaos_org, load_reference);
    chaos("load_buffer with a bad row", chaos_org, load_bad_row);
}
END_TEST

/* ---- Analyses, each with its formatting ------------------------------------ */

static mg_status gaps_as(const mg_org *org, mg_format format, int with_reference, char **out,
                         mg_error *err)
{
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *gaps = NULL;
    mg_status st = MG_ENOMEM;

    if (!opts)
        return st;
    if (with_reference)
        mg_gaps_opts_set_reference(opts, reference);
    st = mg_gaps_find(org, opts, &gaps, err);
    if (st == MG_OK)
        st = mg_gaps_format(gaps, format, out, err);
    mg_gaps_free(gaps);
    mg_gaps_opts_free(opts);
    return st;
}

static mg_status gaps_json(mg_org *org, char **out, mg_error *err)
{
    return gaps_as(org, MG_FORMAT_JSON, 1, out, err);
}

static mg_status gaps_text(mg_org *org, char **out, mg_error *err)
{
    return gaps_as(org, MG_FORMAT_TEXT, 0, out, err);
}

static mg_status gaps_md(mg_org *org, char **out, mg_error *err)
{
    return gaps_as(org, MG_FORMAT_MD, 0, out, err);
}

static mg_status gaps_csv(mg_org *org, char **out, mg_error *err)
{
    return gaps_as(org, MG_FORMAT_CSV, 0, out, err);
}

static mg_status clusters_as(const mg_org *org, int tools, mg_format format, char **out,
                             mg_error *err)
{
    mg_clusters_opts *opts = mg_clusters_opts_new();
    mg_clusters *c = NULL;
    mg_status st = MG_ENOMEM;

    if (!opts)
        return st;
    mg_clusters_opts_set_tools(opts, tools);
    st = mg_clusters_find(org, opts, &c, err);
    if (st == MG_OK)
        st = mg_clusters_format(c, format, out, err);
    mg_clusters_free(c);
    mg_clusters_opts_free(opts);
    return st;
}

static mg_status clusters_json(mg_org *org, char **out, mg_error *err)
{
    return clusters_as(org, 0, MG_FORMAT_JSON, out, err);
}

static mg_status clusters_tools_text(mg_org *org, char **out, mg_error *err)
{
    return clusters_as(org, 1, MG_FORMAT_TEXT, out, err);
}

static mg_status paths_json(mg_org *org, char **out, mg_error *err)
{
    mg_paths *p = NULL;
    mg_status st = mg_paths_find(org, "DS", "Data Engineers", 3, &p, err);

    if (st == MG_OK)
        st = mg_paths_format(p, MG_FORMAT_JSON, out, err);
    mg_paths_free(p);
    return st;
}

static mg_status costs_md(mg_org *org, char **out, mg_error *err)
{
    mg_costs *c = NULL;
    mg_status st = mg_costs_find(org, &c, err);

    if (st == MG_OK)
        st = mg_costs_format(c, MG_FORMAT_MD, out, err);
    mg_costs_free(c);
    return st;
}

static mg_status bottlenecks_json(mg_org *org, char **out, mg_error *err)
{
    mg_bottlenecks *b = NULL;
    mg_status st = mg_bottlenecks_find(org, &b, err);

    if (st == MG_OK)
        st = mg_bottlenecks_format(b, MG_FORMAT_JSON, out, err);
    mg_bottlenecks_free(b);
    return st;
}

static mg_status bottlenecks_sample_text(mg_org *org, char **out, mg_error *err)
{
    mg_bottlenecks *b = NULL;
    mg_status st = mg_bottlenecks_sample(org, 3, 7, &b, err);

    if (st == MG_OK)
        st = mg_bottlenecks_format(b, MG_FORMAT_TEXT, out, err);
    mg_bottlenecks_free(b);
    return st;
}

static mg_status paths_unknown(mg_org *org, char **out, mg_error *err)
{
    mg_paths *p = NULL;
    mg_status st = mg_paths_find(org, "Data Scientist", "Ops", 1, &p, err);

    (void)out;
    mg_paths_free(p);
    return st;
}

/* From Ops to New Role: no chain (New Role only hands work to Ops), so the
 * answer says which parts of the organisation each is in. */
static mg_org *org_with_newcomer(void)
{
    mg_org *org = chaos_org();
    mg_error err;

    ck_assert_int_eq(load_buffer(org, NULL, &err), MG_OK);
    return org;
}

static mg_status paths_none_text(mg_org *org, char **out, mg_error *err)
{
    mg_paths *p = NULL;
    mg_status st = mg_paths_find(org, "Ops", "New Role", 2, &p, err);

    if (st == MG_OK)
        st = mg_paths_format(p, MG_FORMAT_TEXT, out, err);
    mg_paths_free(p);
    return st;
}

static mg_status bottlenecks_csv(mg_org *org, char **out, mg_error *err)
{
    mg_bottlenecks *b = NULL;
    mg_status st = mg_bottlenecks_find(org, &b, err);

    if (st == MG_OK)
        st = mg_bottlenecks_format(b, MG_FORMAT_CSV, out, err);
    mg_bottlenecks_free(b);
    return st;
}

static mg_org *reference_org(void)
{
    mg_org *org = mg_org_new();
    mg_error err;

    ck_assert_ptr_nonnull(org);
    ck_assert_int_eq(mg_org_load_reference(org, &err), MG_OK);
    return org;
}

START_TEST(analyses)
{
    chaos("gaps of the reference (text)", reference_org, gaps_text);
    chaos("paths from an unknown role", chaos_org, paths_unknown);
    chaos("paths with no chain (text)", org_with_newcomer, paths_none_text);
    chaos("bottlenecks (csv)", chaos_org, bottlenecks_csv);
    chaos("gaps (json, with a reference)", chaos_org, gaps_json);
    chaos("gaps (text)", chaos_org, gaps_text);
    chaos("gaps (md)", chaos_org, gaps_md);
    chaos("gaps (csv)", chaos_org, gaps_csv);
    chaos("clusters (json)", chaos_org, clusters_json);
    ck_assert_msg(last_reports > 0, "clusters reported no progress: cancelling went untested");
    chaos("clusters of tools (text)", chaos_org, clusters_tools_text);
    chaos("paths -k 3 (json)", chaos_org, paths_json);
    ck_assert_msg(last_reports > 0, "paths reported no progress: cancelling went untested");
    chaos("all-pairs costs (md)", chaos_org, costs_md);
    chaos("bottlenecks (json)", chaos_org, bottlenecks_json);
    ck_assert_msg(last_reports > 0, "bottlenecks reported no progress: cancelling went untested");
    chaos("bottlenecks sampled (text)", chaos_org, bottlenecks_sample_text);
}
END_TEST

/* ---- What if, what changed ---------------------------------------------------- */

static mg_status without(mg_org *org, char **out, mg_error *err)
{
    static const char *const names[] = { "Ops", "MLflow" };
    mg_org *less = NULL;
    mg_status st = mg_org_without(org, names, 2, &less, err);

    if (st == MG_OK)
        st = mg_report(less, NULL, MG_FORMAT_JSON, NULL, out, err);
    mg_org_free(less);
    return st;
}

static mg_status whatif_json(mg_org *org, char **out, mg_error *err)
{
    static const char *const names[] = { "SRE" };
    mg_comparison *c = NULL;
    mg_status st = mg_whatif(org, names, 1, NULL, &c, err);

    if (st == MG_OK)
        st = mg_comparison_format(c, MG_FORMAT_JSON, out, err);
    mg_comparison_free(c);
    return st;
}

static mg_status compare_text(mg_org *org, char **out, mg_error *err)
{
    mg_comparison *c = NULL;
    mg_status st = mg_compare(reference, org, NULL, "After", &c, err);

    if (st == MG_OK)
        st = mg_comparison_format(c, MG_FORMAT_TEXT, out, err);
    mg_comparison_free(c);
    return st;
}

static mg_status whatif_unknown(mg_org *org, char **out, mg_error *err)
{
    static const char *const names[] = { "Data Scientist" };
    mg_comparison *c = NULL;
    mg_status st = mg_whatif(org, names, 1, NULL, &c, err);

    (void)out;
    mg_comparison_free(c);
    return st;
}

static mg_status whatif_reference_md(mg_org *org, char **out, mg_error *err)
{
    static const char *const names[] = { "Data Engineers", "Kubernetes" };
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_comparison *c = NULL;
    mg_status st = MG_ENOMEM;

    if (!opts)
        return st;
    mg_gaps_opts_set_reference(opts, reference);
    st = mg_whatif(org, names, 2, opts, &c, err);
    if (st == MG_OK)
        st = mg_comparison_format(c, MG_FORMAT_MD, out, err);
    mg_comparison_free(c);
    mg_gaps_opts_free(opts);
    return st;
}

START_TEST(comparisons)
{
    chaos("whatif with an unknown name", chaos_org, whatif_unknown);
    chaos("whatif with a reference (md)", chaos_org, whatif_reference_md);
    chaos("org_without", chaos_org, without);
    chaos("whatif (json)", chaos_org, whatif_json);
    chaos("compare with the reference (text)", chaos_org, compare_text);
}
END_TEST

/* ---- Reports, exports, summaries -------------------------------------------- */

static mg_status report_json(mg_org *org, char **out, mg_error *err)
{
    return mg_report(org, NULL, MG_FORMAT_JSON, "<svg/>", out, err);
}

static mg_status report_md(mg_org *org, char **out, mg_error *err)
{
    return mg_report(org, NULL, MG_FORMAT_MD, "org.svg", out, err);
}

static mg_status report_html(mg_org *org, char **out, mg_error *err)
{
    return mg_report(org, NULL, MG_FORMAT_HTML, "<svg/>", out, err);
}

static mg_status export_graphml(mg_org *org, char **out, mg_error *err)
{
    return mg_export(org, MG_EXPORT_GRAPHML, out, err);
}

static mg_status export_json(mg_org *org, char **out, mg_error *err)
{
    return mg_export(org, MG_EXPORT_JSON, out, err);
}

static mg_status export_tables(mg_org *org, char **out, mg_error *err)
{
    mg_status st = MG_OK;
    int t;

    /* the last table's text stands for all four: each is a separate call */
    for (t = 0; t < MG_TABLE_COUNT && st == MG_OK; t++) {
        mg_free(*out);
        *out = NULL;
        st = mg_export_table(org, (mg_table)t, out, err);
    }
    if (st != MG_OK) {
        mg_free(*out);
        *out = NULL;
    }
    return st;
}

static mg_status summary_md(mg_org *org, char **out, mg_error *err)
{
    return mg_org_summary_format(org, MG_FORMAT_MD, out, err);
}

static mg_status report_text(mg_org *org, char **out, mg_error *err)
{
    return mg_report(org, NULL, MG_FORMAT_TEXT, NULL, out, err);
}

static mg_status summary_json(mg_org *org, char **out, mg_error *err)
{
    return mg_org_summary_to_json(org, out, err);
}

START_TEST(documents)
{
    chaos("report (text)", chaos_org, report_text);
    chaos("report of the reference (json)", reference_org, report_json);
    chaos("export of the reference (graphml)", reference_org, export_graphml);
    chaos("summary (json)", chaos_org, summary_json);
    chaos("report (json)", chaos_org, report_json);
    chaos("report (md)", chaos_org, report_md);
    chaos("report (html)", chaos_org, report_html);
    chaos("export (graphml)", chaos_org, export_graphml);
    chaos("export (json)", chaos_org, export_json);
    chaos("export (csv tables)", chaos_org, export_tables);
    chaos("summary (md)", chaos_org, summary_md);
}
END_TEST

/* ---- Pictures: the library's allocations, not Graphviz's ---------------------- */

static mg_status render_as(const mg_org *org, mg_render_format format, int overlays, char **out,
                           mg_error *err)
{
    mg_render_opts *opts = mg_render_opts_new();
    mg_status st = MG_ENOMEM;
    size_t len;

    if (!opts)
        return st;
    st = mg_render_opts_set_format(opts, format, err);
    if (st == MG_OK && overlays) {
        mg_render_opts_set_clusters(opts, 1);
        mg_render_opts_set_gaps(opts, 1);
        st = mg_render_opts_set_path(opts, "DS", "Ops", err);
    }
    if (st == MG_OK)
        st = mg_render_buffer(org, opts, out, &len, err);
    mg_render_opts_free(opts);
    return st;
}

static mg_status render_svg(mg_org *org, char **out, mg_error *err)
{
    return render_as(org, MG_RENDER_FORMAT_SVG, 1, out, err);
}

static mg_status render_dot(mg_org *org, char **out, mg_error *err)
{
    return render_as(org, MG_RENDER_FORMAT_DOT, 0, out, err);
}

static mg_status render_json(mg_org *org, char **out, mg_error *err)
{
    return render_as(org, MG_RENDER_FORMAT_JSON, 0, out, err);
}

static mg_status render_xdot_plain(mg_org *org, char **out, mg_error *err)
{
    return render_as(org, MG_RENDER_FORMAT_XDOT, 0, out, err);
}

/* Above max_nodes, the cluster view: the smaller organisation drawn instead. */
static mg_status render_cluster_view(mg_org *org, char **out, mg_error *err)
{
    mg_render_opts *opts = mg_render_opts_new();
    mg_status st = MG_ENOMEM;
    size_t len;

    if (!opts)
        return st;
    mg_render_opts_set_max_nodes(opts, 3);
    st = mg_render_opts_set_format(opts, MG_RENDER_FORMAT_DOT, err);
    if (st == MG_OK)
        st = mg_render_buffer(org, opts, out, &len, err);
    mg_render_opts_free(opts);
    return st;
}

static mg_status render_unknown_path(mg_org *org, char **out, mg_error *err)
{
    mg_render_opts *opts = mg_render_opts_new();
    mg_status st = MG_ENOMEM;
    size_t len;

    if (!opts)
        return st;
    st = mg_render_opts_set_path(opts, "DS", "Opps", err);
    if (st == MG_OK)
        st = mg_render_buffer(org, opts, out, &len, err);
    if (st == MG_OK) { /* not the answer: the name is unknown */
        mg_free(*out);
        *out = NULL;
        st = MG_EINTERNAL;
    }
    mg_render_opts_free(opts);
    return st;
}

START_TEST(pictures)
{
    chaos("render (xdot)", chaos_org, render_xdot_plain);
    chaos("render the cluster view (dot)", reference_org, render_cluster_view);
    chaos("render a path from an unknown role", chaos_org, render_unknown_path);
    chaos("render (svg, every overlay)", chaos_org, render_svg);
    chaos("render (dot)", chaos_org, render_dot);
    chaos("render (json)", chaos_org, render_json);
}
END_TEST

/* ---- An organisation whose model is not frozen ------------------------------ */

/* Loads swap in a frozen model only, so no public call makes one; this
 * program, linked statically, reaches inside to check that every analysis
 * refuses one (MG_EINTERNAL) instead of reading an adjacency that is not
 * there. */
#include "org.h"

START_TEST(analyses_refuse_an_unfrozen_model)
{
    static const char *const names[] = { "Ops" };
    mg_org *org = chaos_org();
    mg_gaps *gaps = NULL;
    mg_clusters *clusters = NULL;
    mg_paths *paths = NULL;
    mg_costs *costs = NULL;
    mg_bottlenecks *b = NULL;
    mg_comparison *c = NULL;
    mg_org *less = NULL;
    char *out = NULL;
    size_t len;
    mg_error err;

    org->m->frozen = 0;
    ck_assert_int_eq(mg_gaps_find(org, NULL, &gaps, &err), MG_EINTERNAL);
    ck_assert_str_eq(err.message, "the organisation's model is not frozen");
    ck_assert_int_eq(mg_clusters_find(org, NULL, &clusters, &err), MG_EINTERNAL);
    ck_assert_int_eq(mg_paths_find(org, "DS", "Ops", 1, &paths, &err), MG_EINTERNAL);
    ck_assert_int_eq(mg_costs_find(org, &costs, &err), MG_EINTERNAL);
    ck_assert_int_eq(mg_bottlenecks_find(org, &b, &err), MG_EINTERNAL);
    ck_assert_int_eq(mg_whatif(org, names, 1, NULL, &c, &err), MG_EINTERNAL);
    ck_assert_int_eq(mg_compare(reference, org, NULL, NULL, &c, &err), MG_EINTERNAL);
    ck_assert_int_eq(mg_org_without(org, names, 1, &less, &err), MG_EINTERNAL);
    ck_assert_int_eq(mg_export(org, MG_EXPORT_JSON, &out, &err), MG_EINTERNAL);
    ck_assert_int_eq(mg_export_table(org, MG_TABLE_TOOLS, &out, &err), MG_EINTERNAL);
    ck_assert_int_eq(mg_render_buffer(org, NULL, &out, &len, &err), MG_EINTERNAL);
    ck_assert_int_eq(mg_report(org, NULL, MG_FORMAT_JSON, NULL, &out, &err), MG_EINTERNAL);
    ck_assert_ptr_null(gaps);
    ck_assert_ptr_null(out);
    org->m->frozen = 1;
    mg_org_free(org);
}
END_TEST

static Suite *chaos_suite(void)
{
    Suite *s = suite_create("chaos");
    TCase *tc = tcase_create("every allocation fails in turn");

    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, loads);
    tcase_add_test(tc, analyses);
    tcase_add_test(tc, comparisons);
    tcase_add_test(tc, documents);
    tcase_add_test(tc, pictures);
    suite_add_tcase(s, tc);
    tc = tcase_create("frozen");
    tcase_add_test(tc, analyses_refuse_an_unfrozen_model);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    mg_error err;
    int rc;

    mg_set_progress(cancel_in_turn, NULL);
    reference = mg_org_new();
    if (!reference || mg_org_load_reference(reference, &err) != MG_OK)
        return EXIT_FAILURE;
    rc = run_suite(chaos_suite());
    mg_org_free(reference);
    __real_free(live);
    return rc;
}
