/*
 * check_threads.c - the header's promise about threads, held to account:
 * separate handles from separate threads, one handle read by several at
 * once, a progress callback per thread, and a cancel in one thread that
 * stops that thread's call alone.
 *
 * Eight threads at once each load their own copy of the reference
 * organisation and run on it, and on one organisation they all share, the
 * work of a front end: gaps, clusters, a path, bottlenecks, a rendered SVG
 * and the JSON export. Every answer must equal the one the main thread got
 * alone, before any thread started (the independent result here: the same
 * library, without concurrency). Run under ThreadSanitizer by .ci/run
 * (clang -fsanitize=thread), which also checks the library's own locking
 * of Graphviz; the comparisons catch what a race breaks without tripping it.
 *
 * The threads never call Check: they record, and the main thread asserts.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

#define THREADS 8
#define ROUNDS 2

enum { GAPS, CLUSTERS, PATH, BOTTLENECKS, SVG, EXPORT, N_OUTPUTS };
static const char *const output_names[N_OUTPUTS] = { "gaps", "clusters", "path",
                                                     "bottlenecks", "svg", "export" };

typedef struct outputs {
    char *text[N_OUTPUTS];
    mg_status status[N_OUTPUTS];
    char message[N_OUTPUTS][MG_ERROR_TEXT_SIZE];
} outputs;

static void outputs_free(outputs *o)
{
    int i;

    for (i = 0; i < N_OUTPUTS; i++)
        mg_free(o->text[i]);
    memset(o, 0, sizeof *o);
}

/* Every analysis of one organisation, as text; statuses and messages kept. */
static void compute(const mg_org *org, outputs *o)
{
    mg_gaps *gaps = NULL;
    mg_clusters *clusters = NULL;
    mg_paths *paths = NULL;
    mg_bottlenecks *b = NULL;
    mg_render_opts *ropts = mg_render_opts_new();
    mg_error err[N_OUTPUTS];
    size_t len;
    int i;

    memset(o, 0, sizeof *o);
    memset(err, 0, sizeof err);
    if ((o->status[GAPS] = mg_gaps_find(org, NULL, &gaps, &err[GAPS])) == MG_OK)
        o->status[GAPS] = mg_gaps_format(gaps, MG_FORMAT_JSON, &o->text[GAPS], &err[GAPS]);
    if ((o->status[CLUSTERS] = mg_clusters_find(org, NULL, &clusters, &err[CLUSTERS])) == MG_OK)
        o->status[CLUSTERS] =
            mg_clusters_format(clusters, MG_FORMAT_JSON, &o->text[CLUSTERS], &err[CLUSTERS]);
    if ((o->status[PATH] = mg_paths_find(org, "Data Scientists", "Software Engineers", 3, &paths,
                                         &err[PATH])) == MG_OK)
        o->status[PATH] = mg_paths_format(paths, MG_FORMAT_JSON, &o->text[PATH], &err[PATH]);
    if ((o->status[BOTTLENECKS] = mg_bottlenecks_find(org, &b, &err[BOTTLENECKS])) == MG_OK)
        o->status[BOTTLENECKS] =
            mg_bottlenecks_format(b, MG_FORMAT_JSON, &o->text[BOTTLENECKS], &err[BOTTLENECKS]);
    o->status[SVG] = ropts ? mg_render_buffer(org, ropts, &o->text[SVG], &len, &err[SVG])
                           : MG_ENOMEM;
    o->status[EXPORT] = mg_export(org, MG_EXPORT_JSON, &o->text[EXPORT], &err[EXPORT]);
    for (i = 0; i < N_OUTPUTS; i++)
        memcpy(o->message[i], err[i].message, sizeof o->message[i]);
    mg_render_opts_free(ropts);
    mg_bottlenecks_free(b);
    mg_paths_free(paths);
    mg_clusters_free(clusters);
    mg_gaps_free(gaps);
}

/* ---- Progress, per thread --------------------------------------------------- */

typedef struct progress_log {
    pthread_t owner;      /* the thread that set the callback */
    unsigned long calls;  /* reports it received */
    unsigned long foreign; /* reports that came from another thread */
    unsigned long cancel_after; /* cancel at this report (0: never) */
} progress_log;

static int log_progress(const char *phase, double fraction, void *data)
{
    progress_log *log = data;

    (void)phase;
    (void)fraction;
    if (!pthread_equal(pthread_self(), log->owner))
        log->foreign++; /* written by the wrong thread: also a race TSan reports */
    log->calls++;
    return log->cancel_after && log->calls >= log->cancel_after;
}

/* ---- The threads ------------------------------------------------------------ */

typedef struct worker {
    int index;
    const mg_org *shared;
    outputs own[ROUNDS], on_shared[ROUNDS];
    mg_status load_status;
    char load_message[MG_ERROR_TEXT_SIZE];
    progress_log log;
    mg_status cancelled_status; /* of a bottlenecks call its callback cancels */
    char cancelled_message[MG_ERROR_TEXT_SIZE];
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    mg_bottlenecks *b = NULL;
    mg_error err;
    int r;

    w->log.owner = pthread_self();
    mg_set_progress(log_progress, &w->log);
    for (r = 0; r < ROUNDS; r++) {
        mg_org *org = mg_org_new();

        memset(&err, 0, sizeof err);
        w->load_status = org ? mg_org_load_dir(org, DATADIR, &err) : MG_ENOMEM;
        memcpy(w->load_message, err.message, sizeof w->load_message);
        if (w->load_status == MG_OK)
            compute(org, &w->own[r]);
        mg_org_free(org);
        compute(w->shared, &w->on_shared[r]);
    }
    /* odd threads cancel one call of their own, at its first report */
    w->cancelled_status = MG_OK;
    if (w->index % 2) {
        w->log.cancel_after = w->log.calls + 1;
        memset(&err, 0, sizeof err);
        w->cancelled_status = mg_bottlenecks_find(w->shared, &b, &err);
        memcpy(w->cancelled_message, err.message, sizeof w->cancelled_message);
        mg_bottlenecks_free(b);
        w->log.cancel_after = 0;
    }
    mg_set_progress(NULL, NULL);
    return NULL;
}

static void assert_same(const outputs *want, const outputs *got, const char *what, int thread,
                        int round)
{
    int i;

    for (i = 0; i < N_OUTPUTS; i++) {
        ck_assert_msg(got->status[i] == MG_OK, "thread %d, round %d, %s, %s: %s (%s)", thread,
                      round, what, output_names[i], mg_status_name(got->status[i]),
                      got->message[i]);
        ck_assert_msg(strcmp(got->text[i], want->text[i]) == 0,
                      "thread %d, round %d, %s: %s differs from the single-threaded answer",
                      thread, round, what, output_names[i]);
    }
}

START_TEST(eight_threads_equal_one)
{
    static worker workers[THREADS];
    pthread_t threads[THREADS];
    outputs alone;
    mg_org *shared = mg_org_new();
    mg_error err;
    int t, r, i;

    ck_assert_ptr_nonnull(shared);
    ck_assert_msg(mg_org_load_dir(shared, DATADIR, &err) == MG_OK, "%s", err.message);
    compute(shared, &alone);
    for (i = 0; i < N_OUTPUTS; i++)
        ck_assert_msg(alone.status[i] == MG_OK && alone.text[i] && *alone.text[i],
                      "alone, %s: %s (%s)", output_names[i], mg_status_name(alone.status[i]),
                      alone.message[i]);

    for (t = 0; t < THREADS; t++) {
        workers[t].index = t;
        workers[t].shared = shared;
        ck_assert_int_eq(pthread_create(&threads[t], NULL, work, &workers[t]), 0);
    }
    for (t = 0; t < THREADS; t++)
        ck_assert_int_eq(pthread_join(threads[t], NULL), 0);

    for (t = 0; t < THREADS; t++) {
        worker *w = &workers[t];

        ck_assert_msg(w->load_status == MG_OK, "thread %d: load: %s", t, w->load_message);
        for (r = 0; r < ROUNDS; r++) {
            assert_same(&alone, &w->own[r], "its own organisation", t, r);
            assert_same(&alone, &w->on_shared[r], "the shared organisation", t, r);
            outputs_free(&w->own[r]);
            outputs_free(&w->on_shared[r]);
        }
        /* each thread's callback heard its own thread's work, and only that:
         * bottlenecks alone reports at least once per call (betweenness) */
        ck_assert_uint_eq(w->log.foreign, 0);
        ck_assert_uint_ge(w->log.calls, 2 * ROUNDS);
        if (t % 2) {
            ck_assert_int_eq(w->cancelled_status, MG_ECANCELED);
            ck_assert_str_eq(w->cancelled_message, "cancelled by the progress callback");
        }
    }
    /* the main thread set no callback: the threads' did not leak into it */
    {
        mg_bottlenecks *b = NULL;

        ck_assert_int_eq(mg_bottlenecks_find(shared, &b, &err), MG_OK);
        mg_bottlenecks_free(b);
    }
    outputs_free(&alone);
    mg_org_free(shared);
}
END_TEST

/* A callback set in one thread is that thread's: another thread's calls
 * neither report to it nor are cancelled by it. */
static void *bottlenecks_without_callback(void *arg)
{
    const mg_org *org = arg;
    mg_bottlenecks *b = NULL;
    mg_status st = mg_bottlenecks_find(org, &b, NULL);

    mg_bottlenecks_free(b);
    return (void *)(size_t)st;
}

START_TEST(a_callback_belongs_to_its_thread)
{
    progress_log log = { pthread_self(), 0, 0, 1 }; /* cancels at the first report */
    mg_org *org = mg_org_new();
    mg_bottlenecks *b = NULL;
    pthread_t other;
    void *st;
    mg_error err;

    ck_assert_msg(mg_org_load_dir(org, DATADIR, &err) == MG_OK, "%s", err.message);
    mg_set_progress(log_progress, &log);
    ck_assert_int_eq(pthread_create(&other, NULL, bottlenecks_without_callback, org), 0);
    ck_assert_int_eq(pthread_join(other, &st), 0);
    ck_assert_int_eq((int)(size_t)st, MG_OK);
    ck_assert_uint_eq(log.calls, 0);
    ck_assert_int_eq(mg_bottlenecks_find(org, &b, &err), MG_ECANCELED);
    ck_assert_ptr_null(b);
    ck_assert_uint_eq(log.calls, 1);
    /* once the callback goes on again, so do calls */
    log.cancel_after = 0;
    ck_assert_int_eq(mg_bottlenecks_find(org, &b, &err), MG_OK);
    ck_assert_ptr_nonnull(b);
    mg_bottlenecks_free(b);
    mg_set_progress(NULL, NULL);
    mg_org_free(org);
}
END_TEST

/* ---- Large files: the loader's own reader thread ------------------------------ */

/* A generated organisation whose tools.csv (4 MB) and collaborations.csv
 * (2.5 MB) are over 1 MiB, so that each load reads them in a reader thread
 * of the loader's own: four threads load it at once, each with a progress
 * callback, and one of them cancels at its first report. */
#define LOADERS 4

typedef struct loader_job {
    const char *dir;
    progress_log log;
    mg_status status;
    char *json;
} loader_job;

static void *load_and_export(void *arg)
{
    loader_job *j = arg;
    mg_org *org = mg_org_new();
    mg_error err;

    j->log.owner = pthread_self();
    mg_set_progress(log_progress, &j->log);
    j->status = org ? mg_org_load_dir(org, j->dir, &err) : MG_ENOMEM;
    mg_set_progress(NULL, NULL);
    if (j->status == MG_OK)
        j->status = mg_export(org, MG_EXPORT_JSON, &j->json, &err);
    mg_org_free(org);
    return NULL;
}

START_TEST(large_files_load_in_threads)
{
    mg_generate_spec spec = { 10000, 2000, 70000, 30000, 7 };
    char dir[] = "/tmp/check_threads_XXXXXX", path[64];
    static loader_job jobs[LOADERS];
    pthread_t threads[LOADERS];
    loader_job alone = { dir, { 0, 0, 0, 0 }, MG_OK, NULL };
    mg_error err;
    int t;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    ck_assert_msg(mg_generate(&spec, dir, &err) == MG_OK, "%s", err.message);
    for (t = MG_TABLE_TOOLS; t <= MG_TABLE_COLLABORATIONS; t++) {
        struct stat sb;

        snprintf(path, sizeof path, "%s/%s", dir, mg_table_file_name((mg_table)t));
        ck_assert_int_eq(stat(path, &sb), 0);
        ck_assert_int_gt(sb.st_size, 1 << 20); /* over the loader's threshold */
    }
    load_and_export(&alone); /* the answer without other threads around */
    ck_assert_int_eq(alone.status, MG_OK);
    ck_assert_uint_ge(alone.log.calls, 2); /* a report for each large file at least */
    for (t = 0; t < LOADERS; t++) {
        memset(&jobs[t], 0, sizeof jobs[t]);
        jobs[t].dir = dir;
        jobs[t].log.cancel_after = t == 1 ? 1 : 0;
        ck_assert_int_eq(pthread_create(&threads[t], NULL, load_and_export, &jobs[t]), 0);
    }
    for (t = 0; t < LOADERS; t++)
        ck_assert_int_eq(pthread_join(threads[t], NULL), 0);
    for (t = 0; t < LOADERS; t++) {
        ck_assert_uint_eq(jobs[t].log.foreign, 0);
        if (t == 1) {
            ck_assert_int_eq(jobs[t].status, MG_ECANCELED);
            ck_assert_uint_eq(jobs[t].log.calls, 1);
            ck_assert_ptr_null(jobs[t].json);
        } else {
            ck_assert_int_eq(jobs[t].status, MG_OK);
            ck_assert_uint_eq(jobs[t].log.calls, alone.log.calls);
            ck_assert_str_eq(jobs[t].json, alone.json);
        }
        mg_free(jobs[t].json);
    }
    mg_free(alone.json);
    for (t = 0; t < MG_TABLE_COUNT; t++) {
        snprintf(path, sizeof path, "%s/%s", dir, mg_table_file_name((mg_table)t));
        unlink(path);
    }
    rmdir(dir);
}
END_TEST

static Suite *threads_suite(void)
{
    Suite *s = suite_create("threads");
    TCase *tc = tcase_create("threads");

    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, eight_threads_equal_one);
    tcase_add_test(tc, a_callback_belongs_to_its_thread);
    tcase_add_test(tc, large_files_load_in_threads);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    int rc = run_suite(threads_suite());

    mg_shutdown(); /* the Graphviz context: nothing of the library's left at exit */
    return rc;
}
