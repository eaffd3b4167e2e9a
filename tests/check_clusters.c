/*
 * check_clusters.c - shared-tool clusters: hand-worked partitions and
 * modularity values (count and Jaccard similarity, --min-shared, the dual
 * tool view), the reference model's clusters, invalid options, and ~100
 * random role-tool graphs whose returned partition is checked against a
 * modularity, projection and shared-tool computation written here.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>

#include "testutil.h"

#define EPS 1e-9

/* Loads one CSV text into org, asserting success. */
static void load(mg_org *org, mg_table table, const char *csv)
{
    mg_error err;
    mg_status st = mg_org_load_buffer(org, table, mg_table_file_name(table), csv, strlen(csv),
                                      &err);

    ck_assert_msg(st == MG_OK, "loading %s: %s", mg_table_file_name(table), err.message);
}

static mg_clusters *clusters_of(const mg_org *org, const mg_clusters_opts *opts)
{
    mg_clusters *c = NULL;
    mg_error err;
    mg_status st = mg_clusters_find(org, opts, &c, &err);

    ck_assert_msg(st == MG_OK, "mg_clusters_find: %s", err.message);
    ck_assert_ptr_nonnull(c);
    return c;
}

/* One expected cluster: members and shared tools (or roles), NULL-ended,
 * each in name order. */
typedef struct want_cluster {
    const char *members[12];
    const char *shared[12];
} want_cluster;

static size_t count_of(const char *const *list)
{
    size_t n = 0;

    while (list[n])
        n++;
    return n;
}

/* Asserts the clusters, in order, with their members and shared items. */
static void assert_clusters(const mg_clusters *c, const want_cluster *want, size_t n)
{
    size_t i, j;

    ck_assert_uint_eq(mg_clusters_count(c), n);
    for (i = 0; i < n; i++) {
        size_t nm = count_of(want[i].members), ns = count_of(want[i].shared);

        ck_assert_msg(mg_cluster_size(c, i) == nm, "cluster %zu: size %zu, want %zu", i,
                      mg_cluster_size(c, i), nm);
        for (j = 0; j < nm; j++)
            ck_assert_str_eq(mg_cluster_member(c, i, j), want[i].members[j]);
        ck_assert_msg(mg_cluster_shared_count(c, i) == ns, "cluster %zu: %zu shared, want %zu",
                      i, mg_cluster_shared_count(c, i), ns);
        for (j = 0; j < ns; j++)
            ck_assert_str_eq(mg_cluster_shared(c, i, j), want[i].shared[j]);
    }
}

/* ---- Hand-worked ------------------------------------------------------------ */

/*
 * A, B and C all use T1 and T2; D and E use T3; F uses T4 alone.
 * Projection (weight = shared tools): A-B 2, A-C 2, B-C 2, D-E 1; F no link.
 *   m = 2 + 2 + 2 + 1 = 7, 2m = 14.
 *   Degrees: A = B = C = 4, D = E = 1, F = 0.
 *   {A,B,C}: L = 6, D = 12;  {D,E}: L = 1, D = 2;  {F}: L = 0, D = 0.
 *   Q = (6/7 - (12/14)^2) + (1/7 - (2/14)^2) + 0
 *     = 7/7 - (144 + 4)/196 = 1 - 148/196 = 48/196 = 12/49 = 0.2448979...
 * No other partition does better: splitting the triangle loses internal
 * weight, and joining the two groups (no link between them) only adds
 * (D_c/2m)^2 terms. F has no link (degree 0): Louvain never moves it, so it
 * stays a singleton. Shared tools (used by two or more members):
 *   {A,B,C}: T1, T2;  {D,E}: T3;  {F}: none.
 * Sorted by size (largest first), then first member.
 */
static const char hand_tools[] = "role,tool\n"
                                 "A,T1\nA,T2\nB,T1\nB,T2\nC,T1\nC,T2\n"
                                 "D,T3\nE,T3\n"
                                 "F,T4\n";

START_TEST(count_by_hand)
{
    static const want_cluster want[] = {
        { { "A", "B", "C", NULL }, { "T1", "T2", NULL } },
        { { "D", "E", NULL }, { "T3", NULL } },
        { { "F", NULL }, { NULL } },
    };
    mg_error err;
    mg_org *org = org_from(MG_TABLE_TOOLS, hand_tools, &err);
    mg_clusters_opts *opts = mg_clusters_opts_new();
    mg_clusters *c, *d;
    char *json;

    ck_assert_ptr_nonnull(org);
    ck_assert_int_eq(mg_clusters_opts_set_similarity(opts, MG_SIMILARITY_COUNT, &err), MG_OK);
    c = clusters_of(org, opts);
    assert_clusters(c, want, 3);
    ck_assert_double_eq_tol(mg_clusters_modularity(c), 12.0 / 49.0, EPS);
    /* NULL options are the defaults (cosine, min_shared 1, roles): A, B and C
     * have the same vector (T1, T2), as have D and E (T3), so every link has
     * cosine 1: A-B, A-C, B-C, D-E; m = 4, 2m = 8; A = B = C = 2, D = E = 1.
     *   Q = 3/4 - (6/8)^2 + 1/4 - (2/8)^2 = 1 - 40/64 = 3/8. Same clusters. */
    d = clusters_of(org, NULL);
    assert_clusters(d, want, 3);
    ck_assert_double_eq_tol(mg_clusters_modularity(d), 3.0 / 8.0, EPS);
    /* JSON: documented fields of the roles view */
    ck_assert_int_eq(mg_clusters_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    ck_assert_msg(strncmp(json, "{\"version\": 1", 13) == 0, "%s", json);
    ck_assert_msg(strstr(json, "\"similarity\": \"count\"") != NULL, "%s", json);
    ck_assert_msg(strstr(json, "\"shared_tools\": [\"T1\", \"T2\"]") != NULL, "%s", json);
    mg_free(json);
    mg_clusters_free(c);
    mg_clusters_free(d);
    mg_clusters_opts_free(opts);
    mg_org_free(org);
}
END_TEST

/*
 * Jaccard changes the grouping. A, D and E use T1 only; B and C use T1 and T2.
 *
 * count: every pair shares T1 (weight 1) and B-C shares T1 and T2 (weight 2):
 *   m = 10 + 1 = 11, 2m = 22; degrees A = D = E = 4, B = C = 5.
 *   one cluster: Q = 11/11 - (22/22)^2 = 0.
 *   {A,D,E},{B,C}: L = 3, D = 12; L = 2, D = 10:
 *     Q = 5/11 - (144 + 100)/484 = 220/484 - 244/484 = -24/484 < 0.
 *   Any split cuts links worth more than it gains; the one cluster (Q = 0)
 *   is the best partition (checked by enumerating all 52 partitions).
 *
 * jaccard: A-D, A-E, D-E: |{T1}| / |{T1}| = 1; B-C: 2/2 = 1;
 *   A,D,E with B,C: |{T1}| / |{T1,T2}| = 1/2 (six links).
 *   m = 3 + 1 + 6/2 = 7, 2m = 14; degrees A = D = E = 1 + 1 + 1/2 + 1/2 = 3,
 *   B = C = 1 + 3/2 = 5/2.
 *   {A,D,E},{B,C}: L = 3, D = 9; L = 1, D = 5:
 *     Q = 3/7 - (9/14)^2 + 1/7 - (5/14)^2 = 112/196 - 106/196 = 6/196 = 3/98
 *       = 0.0306122...
 *   one cluster: Q = 0; this partition is the best (also enumerated).
 *   Shared: {A,D,E}: T1 (T2 is used by none of them); {B,C}: T1, T2.
 */
START_TEST(jaccard_by_hand)
{
    static const char tools[] = "role,tool\nA,T1\nB,T1\nB,T2\nC,T1\nC,T2\nD,T1\nE,T1\n";
    static const want_cluster want_count[] = {
        { { "A", "B", "C", "D", "E", NULL }, { "T1", "T2", NULL } },
    };
    static const want_cluster want_jaccard[] = {
        { { "A", "D", "E", NULL }, { "T1", NULL } },
        { { "B", "C", NULL }, { "T1", "T2", NULL } },
    };
    mg_error err;
    mg_org *org = org_from(MG_TABLE_TOOLS, tools, &err);
    mg_clusters_opts *opts = mg_clusters_opts_new();
    mg_clusters *c;
    char *json;

    ck_assert_ptr_nonnull(org);
    ck_assert_int_eq(mg_clusters_opts_set_similarity(opts, MG_SIMILARITY_COUNT, &err), MG_OK);
    c = clusters_of(org, opts);
    assert_clusters(c, want_count, 1);
    ck_assert_double_eq_tol(mg_clusters_modularity(c), 0.0, EPS);
    mg_clusters_free(c);

    ck_assert_int_eq(mg_clusters_opts_set_similarity(opts, MG_SIMILARITY_JACCARD, &err), MG_OK);
    c = clusters_of(org, opts);
    assert_clusters(c, want_jaccard, 2);
    ck_assert_double_eq_tol(mg_clusters_modularity(c), 3.0 / 98.0, EPS);
    ck_assert_int_eq(mg_clusters_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    ck_assert_msg(strstr(json, "\"similarity\": \"jaccard\"") != NULL, "%s", json);
    mg_free(json);
    mg_clusters_free(c);

    /* and back to count */
    ck_assert_int_eq(mg_clusters_opts_set_similarity(opts, MG_SIMILARITY_COUNT, &err), MG_OK);
    c = clusters_of(org, opts);
    assert_clusters(c, want_count, 1);
    mg_clusters_free(c);
    mg_clusters_opts_free(opts);
    mg_org_free(org);
}
END_TEST

/*
 * The cosine of TF-IDF vectors: a tool every role uses ties nobody together.
 * A, B, C and D all use H; A and B use T1, C and D use T2 (four roles).
 *   idf: H log(4/4) = 0; T1 = T2 = log(4/2) = log 2.
 *   Vectors: A = B = (H 0, T1 log 2), C = D = (H 0, T2 log 2).
 *   cos(A,B) = cos(C,D) = 1; A or B with C or D: dot 0 (only H shared): no link.
 *   m = 2, 2m = 4, every degree 1: Q = 2 (1/2 - (2/4)^2) = 1/2.
 * With count the same data links every pair (H) and A-B, C-D twice:
 *   m = 8, every degree 4; {A,B},{C,D}: Q = 2 (2/8 - (8/16)^2) = 0 = one cluster.
 * Stacks: {A,B}: T1 (2 of 2, overall 2 of 4); H (2 of 2, overall 4 of 4) is
 * not over-represented, so it is not in the stack (it is still shared).
 */
START_TEST(cosine_by_hand)
{
    static const char tools[] = "role,tool\nA,H\nB,H\nC,H\nD,H\nA,T1\nB,T1\nC,T2\nD,T2\n";
    static const want_cluster want[] = {
        { { "A", "B", NULL }, { "H", "T1", NULL } },
        { { "C", "D", NULL }, { "H", "T2", NULL } },
    };
    mg_error err;
    mg_org *org = org_from(MG_TABLE_TOOLS, tools, &err);
    mg_clusters *c;
    char *json, *text;

    ck_assert_ptr_nonnull(org);
    c = clusters_of(org, NULL);
    assert_clusters(c, want, 2);
    ck_assert_double_eq_tol(mg_clusters_modularity(c), 0.5, EPS);
    ck_assert_int_eq(mg_clusters_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    ck_assert_msg(strstr(json, "\"similarity\": \"cosine\"") != NULL, "%s", json);
    ck_assert_msg(strstr(json, "\"stack\": [{\"tool\": \"T1\", \"roles\": 2, "
                               "\"share_in_cluster\": 1, \"share_overall\": 0.5}]") != NULL,
                  "%s", json);
    ck_assert_int_eq(mg_clusters_format(c, MG_FORMAT_TEXT, &text, &err), MG_OK);
    ck_assert_msg(strstr(text, "T1 2/2") != NULL && strstr(text, "H 2/2") == NULL, "%s", text);
    mg_free(json);
    mg_free(text);
    mg_clusters_free(c);
    mg_org_free(org);
}
END_TEST

/*
 * min_shared 2 on the first hand-worked organisation: D and E share only T3,
 * so their link is dropped and each becomes a singleton (sharing nothing).
 * Projection: A-B 2, A-C 2, B-C 2; m = 6, 2m = 12; A = B = C = 4.
 *   {A,B,C}: Q = 6/6 - (12/12)^2 = 0; the singletons add nothing.
 * Order: the triangle, then singletons by name: D, E, F.
 * With min_shared 3 no pair qualifies: six singletons, Q = 0 (no links).
 */
START_TEST(min_shared_drops_links)
{
    static const want_cluster want2[] = {
        { { "A", "B", "C", NULL }, { "T1", "T2", NULL } },
        { { "D", NULL }, { NULL } },
        { { "E", NULL }, { NULL } },
        { { "F", NULL }, { NULL } },
    };
    static const want_cluster want3[] = {
        { { "A", NULL }, { NULL } }, { { "B", NULL }, { NULL } }, { { "C", NULL }, { NULL } },
        { { "D", NULL }, { NULL } }, { { "E", NULL }, { NULL } }, { { "F", NULL }, { NULL } },
    };
    mg_error err;
    mg_org *org = org_from(MG_TABLE_TOOLS, hand_tools, &err);
    mg_clusters_opts *opts = mg_clusters_opts_new();
    mg_clusters *c;
    char *json;

    ck_assert_ptr_nonnull(org);
    ck_assert_int_eq(mg_clusters_opts_set_min_shared(opts, 2, &err), MG_OK);
    c = clusters_of(org, opts);
    assert_clusters(c, want2, 4);
    ck_assert_double_eq_tol(mg_clusters_modularity(c), 0.0, EPS);
    ck_assert_int_eq(mg_clusters_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    ck_assert_msg(strstr(json, "\"min_shared\": 2") != NULL, "%s", json);
    mg_free(json);
    mg_clusters_free(c);

    ck_assert_int_eq(mg_clusters_opts_set_min_shared(opts, 3, &err), MG_OK);
    c = clusters_of(org, opts);
    assert_clusters(c, want3, 6);
    ck_assert_double_eq_tol(mg_clusters_modularity(c), 0.0, EPS);
    mg_clusters_free(c);
    mg_clusters_opts_free(opts);
    mg_org_free(org);
}
END_TEST

/*
 * The projection's bound, by hand. H is used by all six roles A..F, T by A
 * and B, U by C and D. The estimate is C(6,2) + 1 + 1 = 17 pairs.
 *   max_pairs 17: nothing left out; every role shares H, so all are linked.
 *   max_pairs 16: H, the most used, is left out (17 - 15 = 2 fits); what
 *     remains is A-B (T) and C-D (U): clusters {A,B}, {C,D}, E, F, with
 *     m = 2, each pair L = 1, D = 2: Q = 2 (1/2 - (2/4)^2) = 0.5. The shared
 *     tools still name H (both members use it): it is left out of the links,
 *     not of the facts.
 *   max_pairs 1: H and then T (first by name among T and U) are left out.
 */
START_TEST(hubs_left_out)
{
    static const char tools[] = "role,tool\nA,H\nB,H\nC,H\nD,H\nE,H\nF,H\n"
                                "A,T\nB,T\nC,U\nD,U\n";
    static const want_cluster want[] = {
        { { "A", "B", NULL }, { "H", "T", NULL } },
        { { "C", "D", NULL }, { "H", "U", NULL } },
        { { "E", NULL }, { NULL } },
        { { "F", NULL }, { NULL } },
    };
    mg_error err;
    mg_org *org = org_from(MG_TABLE_TOOLS, tools, &err);
    mg_clusters_opts *opts = mg_clusters_opts_new();
    mg_clusters *c;
    char *json;

    ck_assert_ptr_nonnull(org);
    ck_assert_int_eq(mg_clusters_opts_set_max_pairs(opts, 17, &err), MG_OK);
    c = clusters_of(org, opts);
    ck_assert_uint_eq(mg_clusters_left_out_count(c), 0);
    mg_clusters_free(c);

    ck_assert_int_eq(mg_clusters_opts_set_max_pairs(opts, 16, &err), MG_OK);
    c = clusters_of(org, opts);
    ck_assert_uint_eq(mg_clusters_left_out_count(c), 1);
    ck_assert_str_eq(mg_clusters_left_out(c, 0), "H");
    assert_clusters(c, want, 4);
    ck_assert_double_eq_tol(mg_clusters_modularity(c), 0.5, EPS);
    ck_assert_int_eq(mg_clusters_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    ck_assert_msg(strstr(json, "\"max_pairs\": 16, \"left_out\": [\"H\"]") != NULL, "%s", json);
    mg_free(json);
    mg_clusters_free(c);

    ck_assert_int_eq(mg_clusters_opts_set_max_pairs(opts, 1, &err), MG_OK);
    c = clusters_of(org, opts);
    ck_assert_uint_eq(mg_clusters_left_out_count(c), 2);
    ck_assert_str_eq(mg_clusters_left_out(c, 0), "H");
    ck_assert_str_eq(mg_clusters_left_out(c, 1), "T");
    mg_clusters_free(c);
    ck_assert_int_eq(mg_clusters_opts_set_max_pairs(opts, 0, &err), MG_EINVAL);
    mg_clusters_opts_free(opts);
    mg_org_free(org);
}
END_TEST

/*
 * The dual view: tools linked by the roles that use both.
 *   A, B use T1 and T2; C, D use T3 and T4; E uses T2 and T3.
 * Projection onto tools (weight = shared roles): T1-T2 2 (A, B),
 *   T3-T4 2 (C, D), T2-T3 1 (E).  m = 5, 2m = 10;
 *   degrees T1 = 2, T2 = 3, T3 = 3, T4 = 2.
 *   {T1,T2},{T3,T4}: L = 2, D = 5 each: Q = 4/5 - 2 (5/10)^2 = 0.8 - 0.5 = 0.3.
 *   one cluster: 0;  {T1,T2,T3},{T4}: 3/5 - (8/10)^2 - (2/10)^2 = -0.08.
 * Shared roles (using two or more members): {T1,T2}: A, B (E uses only T2);
 *   {T3,T4}: C, D. Equal sizes: T1 before T3.
 * The roles view of the same data: A-B 2, C-D 2, A-E 1, B-E 1, C-E 1, D-E 1
 *   is not what is asked here; only check it differs (roles, not tools).
 */
START_TEST(dual_view_by_hand)
{
    static const char tools[] = "role,tool\nA,T1\nA,T2\nB,T1\nB,T2\nC,T3\nC,T4\nD,T3\nD,T4\n"
                                "E,T2\nE,T3\n";
    static const want_cluster want[] = {
        { { "T1", "T2", NULL }, { "A", "B", NULL } },
        { { "T3", "T4", NULL }, { "C", "D", NULL } },
    };
    mg_error err;
    mg_org *org = org_from(MG_TABLE_TOOLS, tools, &err);
    mg_clusters_opts *opts = mg_clusters_opts_new();
    mg_clusters *c;
    char *json;

    ck_assert_ptr_nonnull(org);
    mg_clusters_opts_set_tools(opts, 1);
    ck_assert_int_eq(mg_clusters_opts_set_similarity(opts, MG_SIMILARITY_COUNT, &err), MG_OK);
    c = clusters_of(org, opts);
    assert_clusters(c, want, 2);
    ck_assert_double_eq_tol(mg_clusters_modularity(c), 0.3, EPS);
    ck_assert_int_eq(mg_clusters_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    ck_assert_msg(strstr(json, "\"view\": \"tools\"") != NULL, "%s", json);
    ck_assert_msg(strstr(json, "\"shared_roles\": [\"A\", \"B\"]") != NULL, "%s", json);
    mg_free(json);
    mg_clusters_free(c);

    /* switched off again: the members are roles */
    mg_clusters_opts_set_tools(opts, 0);
    c = clusters_of(org, opts);
    ck_assert_str_eq(mg_cluster_member(c, 0, 0), "A");
    mg_clusters_free(c);
    mg_clusters_opts_free(opts);
    mg_org_free(org);
}
END_TEST

/*
 * The reference model (data/tools.csv): the only tools used by two roles are
 * Jira (Business Analysts / Product Managers, MLOps Manager / Lead) and
 * Grafana and Prometheus (DevOps Engineers, Site Reliability Engineers).
 * So two pairs and the other six of the ten roles alone: 8 clusters.
 * Both pairs have size 2; "Business Analysts ..." sorts before "DevOps ...".
 * Modularity: links BA-ML 1, DO-SRE 2; m = 3, 2m = 6:
 *   Q = 1/3 - (2/6)^2 + 2/3 - (4/6)^2 = 1 - 5/9 = 4/9.
 */
START_TEST(reference_clusters)
{
    static const char *const singles[] = {
        "Data Engineers",        "Data Scientists",          "Machine Learning Engineers",
        "Model Governance Experts", "Security Engineers",    "Software Engineers",
    };
    mg_org *org = mg_org_new();
    mg_clusters_opts *opts = mg_clusters_opts_new();
    mg_error err;
    mg_clusters *c;
    size_t i;

    ck_assert_int_eq(mg_org_load_reference(org, &err), MG_OK);
    ck_assert_uint_eq(mg_org_role_count(org), 10);
    ck_assert_int_eq(mg_clusters_opts_set_similarity(opts, MG_SIMILARITY_COUNT, &err), MG_OK);
    c = clusters_of(org, opts);
    ck_assert_uint_eq(mg_clusters_count(c), 8);
    ck_assert_uint_eq(mg_cluster_size(c, 0), 2);
    ck_assert_str_eq(mg_cluster_member(c, 0, 0), "Business Analysts / Product Managers");
    ck_assert_str_eq(mg_cluster_member(c, 0, 1), "MLOps Manager / Lead");
    ck_assert_uint_eq(mg_cluster_shared_count(c, 0), 1);
    ck_assert_str_eq(mg_cluster_shared(c, 0, 0), "Jira");
    ck_assert_uint_eq(mg_cluster_size(c, 1), 2);
    ck_assert_str_eq(mg_cluster_member(c, 1, 0), "DevOps Engineers");
    ck_assert_str_eq(mg_cluster_member(c, 1, 1), "Site Reliability Engineers");
    ck_assert_uint_eq(mg_cluster_shared_count(c, 1), 2);
    ck_assert_str_eq(mg_cluster_shared(c, 1, 0), "Grafana");
    ck_assert_str_eq(mg_cluster_shared(c, 1, 1), "Prometheus");
    for (i = 0; i < 6; i++) {
        ck_assert_uint_eq(mg_cluster_size(c, 2 + i), 1);
        ck_assert_str_eq(mg_cluster_member(c, 2 + i, 0), singles[i]);
        ck_assert_uint_eq(mg_cluster_shared_count(c, 2 + i), 0);
    }
    ck_assert_double_eq_tol(mg_clusters_modularity(c), 4.0 / 9.0, EPS);
    mg_clusters_free(c);
    /* the default (cosine) weighs the links otherwise but finds the same pairs */
    c = clusters_of(org, NULL);
    ck_assert_uint_eq(mg_clusters_count(c), 8);
    ck_assert_str_eq(mg_cluster_member(c, 0, 1), "MLOps Manager / Lead");
    ck_assert_str_eq(mg_cluster_member(c, 1, 1), "Site Reliability Engineers");
    mg_clusters_free(c);
    mg_clusters_opts_free(opts);
    mg_org_free(org);
}
END_TEST

START_TEST(invalid_options)
{
    mg_clusters_opts *opts = mg_clusters_opts_new();
    mg_similarity similarity;
    mg_error err;

    ck_assert_ptr_nonnull(opts);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(mg_similarity_from_name("cosinus", &similarity, &err), MG_EINVAL);
    ck_assert_int_eq(err.code, MG_EINVAL);
    ck_assert_str_eq(err.message,
                     "unknown similarity 'cosinus' (expected count, jaccard or cosine)");
    ck_assert_int_eq(mg_similarity_from_name("", &similarity, NULL), MG_EINVAL);
    ck_assert_int_eq(mg_similarity_from_name("jaccard", &similarity, &err), MG_OK);
    ck_assert_int_eq(similarity, MG_SIMILARITY_JACCARD);
    ck_assert_str_eq(mg_similarity_name(MG_SIMILARITY_COUNT), "count");
    ck_assert_str_eq(mg_similarity_name(MG_SIMILARITY_COSINE), "cosine");
    ck_assert_ptr_null(mg_similarity_name((mg_similarity)3));
    ck_assert_int_eq(mg_clusters_opts_set_similarity(opts, (mg_similarity)3, NULL), MG_EINVAL);
    memset(&err, 0, sizeof err);
    ck_assert_int_eq(mg_clusters_opts_set_min_shared(opts, 0, &err), MG_EINVAL);
    ck_assert_int_eq(err.code, MG_EINVAL);
    ck_assert_int_eq(mg_clusters_opts_set_min_shared(opts, 1, &err), MG_OK);
    ck_assert_int_eq(mg_clusters_opts_set_similarity(opts, MG_SIMILARITY_JACCARD, &err), MG_OK);
    mg_clusters_opts_free(opts);
    mg_clusters_opts_free(NULL);
    mg_clusters_free(NULL);
}
END_TEST

/* ---- Random role-tool graphs ------------------------------------------------ */

#define MAX_ROLES 12
#define MAX_TOOLS 8

/* The seed is scrambled first (the finaliser of MurmurHash3), so that
 * consecutive seeds do not start correlated LCG sequences. */
static unsigned scramble(unsigned s)
{
    s ^= s >> 16;
    s *= 0x85ebca6bu;
    s ^= s >> 13;
    s *= 0xc2b2ae35u;
    s ^= s >> 16;
    return s;
}

static unsigned lcg(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return (*state >> 16) & 0x7fffu;
}

typedef struct bipartite {
    size_t n_roles, n_tools;
    unsigned char use[MAX_ROLES][MAX_TOOLS];
    char role[MAX_ROLES][8], tool[MAX_TOOLS][8];
} bipartite;

/* n_roles in 3..12 named R00.., n_tools in 2..8 named T0..; each use with
 * probability about 1/3; every tool used by at least one role, some roles
 * use none (they exist through roles.csv). */
static mg_org *random_bipartite(unsigned seed, bipartite *g)
{
    mg_org *org = mg_org_new();
    char roles[1024], tools[4096];
    size_t r, t;

    memset(g, 0, sizeof *g);
    seed = scramble(seed);
    g->n_roles = 3 + lcg(&seed) % 10;
    g->n_tools = 2 + lcg(&seed) % 7;
    for (r = 0; r < g->n_roles; r++)
        snprintf(g->role[r], sizeof g->role[r], "R%02u", (unsigned)(r % 100));
    for (t = 0; t < g->n_tools; t++)
        snprintf(g->tool[t], sizeof g->tool[t], "T%u", (unsigned)(t % 10));
    for (r = 0; r < g->n_roles; r++)
        for (t = 0; t < g->n_tools; t++)
            g->use[r][t] = lcg(&seed) % 3 == 0;
    for (t = 0; t < g->n_tools; t++) {
        int used = 0;

        for (r = 0; r < g->n_roles; r++)
            used |= g->use[r][t];
        if (!used)
            g->use[lcg(&seed) % g->n_roles][t] = 1;
    }
    strcpy(roles, "role\n");
    for (r = 0; r < g->n_roles; r++) {
        strcat(roles, g->role[r]);
        strcat(roles, "\n");
    }
    strcpy(tools, "role,tool\n");
    /* rows tool-major, so the order differs from the numbering */
    for (t = g->n_tools; t-- > 0;)
        for (r = 0; r < g->n_roles; r++)
            if (g->use[r][t]) {
                strcat(tools, g->role[r]);
                strcat(tools, ",");
                strcat(tools, g->tool[t]);
                strcat(tools, "\n");
            }
    load(org, MG_TABLE_ROLES, roles);
    load(org, MG_TABLE_TOOLS, tools);
    ck_assert_uint_eq(mg_org_role_count(org), g->n_roles);
    ck_assert_uint_eq(mg_org_tool_count(org), g->n_tools);
    return org;
}

/* The view to check: nodes are roles (tools_view 0) or tools (1). */
static int uses(const bipartite *g, int tools_view, size_t node, size_t item)
{
    return tools_view ? g->use[item][node] : g->use[node][item];
}

/* The view's weighted graph worked out directly from the uses: w[a][b] the
 * items a and b share, their Jaccard similarity, or the cosine of their
 * TF-IDF vectors (x(a, item) = log(nodes with any item / nodes using the item)), when they
 * share at least min_shared and the weight is positive; deg the weighted
 * degrees, two_m their sum. */
typedef struct projected {
    size_t n;
    double w[MAX_ROLES][MAX_ROLES], deg[MAX_ROLES], two_m;
} projected;

/* n: the nodes of the view; the idf counts those that have any item. */
static double tfidf(const bipartite *g, int tools_view, size_t n, size_t a, size_t x)
{
    size_t n_items = tools_view ? g->n_roles : g->n_tools, users = 0, docs = 0, b, y;

    if (!uses(g, tools_view, a, x))
        return 0;
    for (b = 0; b < n; b++) {
        int any = 0;

        users += (size_t)uses(g, tools_view, b, x);
        for (y = 0; y < n_items; y++)
            any |= uses(g, tools_view, b, y);
        docs += (size_t)any;
    }
    return log((double)docs / (double)users);
}

static double similarity_of(const bipartite *g, int tools_view, mg_similarity similarity,
                            size_t n, size_t a, size_t b, size_t *shared)
{
    size_t n_items = tools_view ? g->n_roles : g->n_tools, either = 0, x;
    double dot = 0, na = 0, nb = 0;

    *shared = 0;
    for (x = 0; x < n_items; x++) {
        double xa = tfidf(g, tools_view, n, a, x), xb = tfidf(g, tools_view, n, b, x);

        *shared += uses(g, tools_view, a, x) && uses(g, tools_view, b, x);
        either += uses(g, tools_view, a, x) || uses(g, tools_view, b, x);
        dot += xa * xb;
        na += xa * xa;
        nb += xb * xb;
    }
    if (similarity == MG_SIMILARITY_JACCARD)
        return *shared ? (double)*shared / (double)either : 0;
    if (similarity == MG_SIMILARITY_COSINE)
        return na > 0 && nb > 0 ? dot / sqrt(na * nb) : 0;
    return (double)*shared;
}

static void project(const bipartite *g, int tools_view, mg_similarity similarity,
                    size_t min_shared, projected *p)
{
    size_t a, b, shared;

    p->n = tools_view ? g->n_tools : g->n_roles;
    p->two_m = 0;
    for (a = 0; a < p->n; a++)
        p->deg[a] = 0;
    for (a = 0; a < p->n; a++)
        for (b = 0; b < p->n; b++) {
            double w = a == b ? 0 : similarity_of(g, tools_view, similarity, p->n, a, b, &shared);

            p->w[a][b] = shared >= min_shared && w > 1e-12 ? w : 0;
            p->deg[a] += p->w[a][b];
            p->two_m += p->w[a][b];
        }
}

/* Cluster i's shared list is exactly the items used by two or more of its
 * members; used_by counts each item's members. */
static void check_shared(const bipartite *g, const mg_clusters *c, int tools_view, size_t i,
                         size_t used_by[MAX_ROLES], unsigned seed)
{
    size_t n_items = tools_view ? g->n_roles : g->n_tools;
    size_t j, x, n_shared = 0;

    for (x = 0; x < n_items; x++)
        n_shared += used_by[x] >= 2;
    ck_assert_msg(mg_cluster_shared_count(c, i) == n_shared,
                  "seed %u: cluster %zu shares %zu, want %zu", seed, i,
                  mg_cluster_shared_count(c, i), n_shared);
    for (j = 0; j < n_shared; j++) {
        const char *name = mg_cluster_shared(c, i, j);

        for (x = 0; x < n_items; x++)
            if (strcmp(name, tools_view ? g->role[x] : g->tool[x]) == 0)
                break;
        ck_assert_msg(x < n_items && used_by[x] >= 2, "seed %u: %s is not shared", seed, name);
        used_by[x] = 0; /* listed once */
    }
}

/* Every node in exactly one cluster, the clusters by size then first member,
 * each with its shared items. Fills cluster_of, each node's cluster. */
static void check_partition(const bipartite *g, const mg_clusters *c, int tools_view,
                            int cluster_of[MAX_ROLES], unsigned seed)
{
    size_t n = tools_view ? g->n_tools : g->n_roles;
    size_t n_items = tools_view ? g->n_roles : g->n_tools;
    size_t a, i, j, x, prev_size = (size_t)-1;
    const char *prev_first = NULL;

    for (a = 0; a < n; a++)
        cluster_of[a] = -1;
    for (i = 0; i < mg_clusters_count(c); i++) {
        size_t size = mg_cluster_size(c, i), used_by[MAX_ROLES] = { 0 };
        const char *first = NULL;

        ck_assert_msg(size >= 1, "seed %u: cluster %zu is empty", seed, i);
        for (j = 0; j < size; j++) {
            const char *name = mg_cluster_member(c, i, j);

            for (a = 0; a < n; a++)
                if (strcmp(name, tools_view ? g->tool[a] : g->role[a]) == 0)
                    break;
            ck_assert_msg(a < n, "seed %u: unknown member %s", seed, name);
            ck_assert_msg(cluster_of[a] < 0, "seed %u: %s in two clusters", seed, name);
            cluster_of[a] = (int)i;
            if (!first || strcmp(name, first) < 0)
                first = name;
            for (x = 0; x < n_items; x++)
                used_by[x] += (size_t)uses(g, tools_view, a, x);
        }
        ck_assert_msg(size <= prev_size, "seed %u: cluster %zu larger than the one before", seed,
                      i);
        if (size == prev_size)
            ck_assert_msg(strcmp(prev_first, first) < 0,
                          "seed %u: clusters %zu and %zu out of order", seed, i - 1, i);
        prev_size = size;
        prev_first = first;
        check_shared(g, c, tools_view, i, used_by, seed);
    }
    for (a = 0; a < n; a++)
        ck_assert_msg(cluster_of[a] >= 0, "seed %u: node %zu in no cluster", seed, a);
}

/* Q = sum over the n_clusters clusters of L_c/m - (D_c/2m)^2 (Newman and
 * Girvan 2004); 0 when there are no links. */
static double modularity(const projected *p, const int cluster_of[MAX_ROLES], size_t n_clusters)
{
    double q = 0;
    size_t a, b, i;

    if (p->two_m <= 0)
        return 0;
    for (i = 0; i < n_clusters; i++) {
        double l = 0, d = 0;

        for (a = 0; a < p->n; a++) {
            if (cluster_of[a] != (int)i)
                continue;
            d += p->deg[a];
            for (b = 0; b < p->n; b++)
                if (cluster_of[b] == (int)i)
                    l += p->w[a][b]; /* each internal link twice */
        }
        q += l / p->two_m - (d / p->two_m) * (d / p->two_m);
    }
    return q;
}

/* Q with every node alone in its cluster. */
static double modularity_of_singletons(const projected *p)
{
    double q = 0;
    size_t a;

    for (a = 0; p->two_m > 0 && a < p->n; a++)
        q -= (p->deg[a] / p->two_m) * (p->deg[a] / p->two_m);
    return q;
}

/* Checks c, found on g's view (roles or tools) with the given similarity and
 * min_shared, against the partition rules and a modularity recomputed here:
 * equal to the reported one, and no worse than all singletons or one cluster. */
static void check_random(const bipartite *g, const mg_clusters *c, int tools_view,
                         mg_similarity similarity, size_t min_shared, unsigned seed)
{
    projected p;
    int cluster_of[MAX_ROLES];
    double q, q_single;

    project(g, tools_view, similarity, min_shared, &p);
    check_partition(g, c, tools_view, cluster_of, seed);
    q = modularity(&p, cluster_of, mg_clusters_count(c));
    q_single = modularity_of_singletons(&p);
    ck_assert_msg(fabs(mg_clusters_modularity(c) - q) <= EPS,
                  "seed %u (%s, %s, min %zu): modularity %.17g, recomputed %.17g", seed,
                  tools_view ? "tools" : "roles", mg_similarity_name(similarity), min_shared,
                  mg_clusters_modularity(c), q);
    ck_assert_msg(q >= q_single - 1e-12, "seed %u: Q %.17g below all singletons %.17g", seed, q,
                  q_single);
    ck_assert_msg(q >= -1e-12, "seed %u: Q %.17g below one cluster (0)", seed, q);
}

START_TEST(random_partitions)
{
    unsigned seed;

    for (seed = 1; seed <= 100; seed++) {
        bipartite g;
        mg_org *org = random_bipartite(seed, &g);
        mg_clusters_opts *opts = mg_clusters_opts_new();
        mg_error err;
        mg_clusters *c;
        int view;
        mg_similarity similarity;

        /* the default view and similarity on every graph (the k-nearest-
         * neighbour thinning is checked on planted stacks, not here) */
        mg_clusters_opts_set_neighbours(opts, 0);
        c = clusters_of(org, opts);
        check_random(&g, c, 0, MG_SIMILARITY_COSINE, 1, seed);
        mg_clusters_free(c);
        /* and one more combination, by seed */
        view = (int)(seed % 2);
        similarity = (mg_similarity)(seed / 2 % 3);
        mg_clusters_opts_set_tools(opts, view);
        ck_assert_int_eq(mg_clusters_opts_set_similarity(opts, similarity, &err), MG_OK);
        ck_assert_int_eq(mg_clusters_opts_set_min_shared(opts, 1 + seed / 4 % 2, &err), MG_OK);
        c = clusters_of(org, opts);
        check_random(&g, c, view, similarity, 1 + seed / 4 % 2, seed);
        mg_clusters_free(c);
        mg_clusters_opts_free(opts);
        mg_org_free(org);
    }
}
END_TEST

/* ---- Planted stacks ------------------------------------------------------------ */

/*
 * An organisation with a known answer, shaped like survey data: n_roles
 * roles in n_stacks stacks (role r in stack r mod n_stacks). Each stack has
 * its own 15 tools, each used by a member with probability 0.5 by 1 to 20
 * of its people (the weight). On top, 20 hub tools (a language, Git, Slack)
 * each role uses with probability 0.8, by 10 to 40 people; and noise: any
 * other stack's tool with probability 0.04, by 1 to 3 people. Two roles of
 * different stacks share about 13 hubs and 1 noise tool, two of the same
 * stack about 4 of their own: the count similarity sees the hubs.
 */
#define PLANT_TOOLS_PER_STACK 15
#define PLANT_HUBS 20

static char *plant(unsigned seed, size_t n_roles, size_t n_stacks)
{
    size_t n_tools = n_stacks * PLANT_TOOLS_PER_STACK + PLANT_HUBS, r, t, len = 0;
    size_t cap = 64 + n_roles * n_tools * 24;
    char *csv = malloc(cap);

    ck_assert_ptr_nonnull(csv);
    seed = scramble(seed);
    len += (size_t)snprintf(csv, cap, "role,tool,weight\n");
    for (r = 0; r < n_roles; r++)
        for (t = 0; t < n_tools; t++) {
            int hub = t >= n_stacks * PLANT_TOOLS_PER_STACK;
            int own = !hub && t / PLANT_TOOLS_PER_STACK == r % n_stacks;
            unsigned p = hub ? 800 : own ? 500 : 40, roll = lcg(&seed) % 1000;
            unsigned people = hub ? 10 + lcg(&seed) % 31 : own ? 1 + lcg(&seed) % 20
                                                               : 1 + lcg(&seed) % 3;

            if (roll < p)
                len += (size_t)snprintf(csv + len, cap - len, "R%03zu,%s%03zu,%u\n", r,
                                        hub ? "Hub" : "Tool", t, people);
        }
    return csv;
}

/* Normalised mutual information of two partitions of n nodes, 2 I(X;Y) /
 * (H(X) + H(Y)) (Danon, Diaz-Guilera, Duch, Arenas 2005); 1 when both are
 * one cluster. x[i], y[i] < n. */
static double nmi(const size_t *x, const size_t *y, size_t n)
{
    double *joint = calloc(n * n, sizeof *joint), *px = calloc(n, sizeof *px);
    double *py = calloc(n, sizeof *py), hx = 0, hy = 0, i_xy = 0;
    size_t i, j;

    ck_assert(joint && px && py);
    for (i = 0; i < n; i++) {
        joint[x[i] * n + y[i]] += 1.0 / (double)n;
        px[x[i]] += 1.0 / (double)n;
        py[y[i]] += 1.0 / (double)n;
    }
    for (i = 0; i < n; i++) {
        if (px[i] > 0)
            hx -= px[i] * log(px[i]);
        if (py[i] > 0)
            hy -= py[i] * log(py[i]);
        for (j = 0; j < n; j++)
            if (joint[i * n + j] > 0)
                i_xy += joint[i * n + j] * log(joint[i * n + j] / (px[i] * py[j]));
    }
    free(joint);
    free(px);
    free(py);
    return hx + hy > 0 ? 2 * i_xy / (hx + hy) : 1;
}

/* The NMI of the clusters found with `similarity` against the planted stacks. */
static double planted_nmi(const mg_org *org, mg_similarity similarity, size_t n_roles,
                          size_t n_stacks)
{
    mg_clusters_opts *opts = mg_clusters_opts_new();
    size_t *found = calloc(n_roles, sizeof *found), *planted = calloc(n_roles, sizeof *planted);
    size_t i, j, r;
    mg_clusters *c;
    mg_error err;
    double q;

    ck_assert_int_eq(mg_clusters_opts_set_similarity(opts, similarity, &err), MG_OK);
    c = clusters_of(org, opts);
    for (i = 0; i < mg_clusters_count(c); i++)
        for (j = 0; j < mg_cluster_size(c, i); j++) {
            ck_assert_int_eq(sscanf(mg_cluster_member(c, i, j), "R%zu", &r), 1);
            found[r] = i;
        }
    for (r = 0; r < n_roles; r++)
        planted[r] = r % n_stacks;
    q = nmi(found, planted, n_roles);
    mg_clusters_free(c);
    mg_clusters_opts_free(opts);
    free(found);
    free(planted);
    return q;
}

START_TEST(planted_stacks)
{
    static const size_t sizes[][2] = { { 30, 5 }, { 60, 6 }, { 120, 8 } };
    size_t i, count_failed = 0;
    unsigned seed;

    for (i = 0; i < sizeof sizes / sizeof *sizes; i++)
        for (seed = 1; seed <= 3; seed++) {
            char *csv = plant(seed, sizes[i][0], sizes[i][1]);
            mg_error err;
            mg_org *org = org_from(MG_TABLE_TOOLS, csv, &err);
            double cosine, count;

            ck_assert_ptr_nonnull(org);
            cosine = planted_nmi(org, MG_SIMILARITY_COSINE, sizes[i][0], sizes[i][1]);
            count = planted_nmi(org, MG_SIMILARITY_COUNT, sizes[i][0], sizes[i][1]);
            ck_assert_msg(cosine >= 0.8 && cosine >= count,
                          "%zu roles, %zu stacks, seed %u: NMI %.3f (count %.3f)", sizes[i][0],
                          sizes[i][1], seed, cosine, count);
            count_failed += count < 0.8;
            fprintf(stderr, "%zu roles, %zu stacks, seed %u: NMI cosine %.3f, count %.3f\n",
                    sizes[i][0], sizes[i][1], seed, cosine, count);
            mg_org_free(org);
            free(csv);
        }
    /* and the count similarity misses the stacks somewhere */
    ck_assert_uint_gt(count_failed, 0);
}
END_TEST

static Suite *clusters_suite(void)
{
    Suite *s = suite_create("clusters");
    TCase *tc = tcase_create("by hand");

    tcase_add_test(tc, count_by_hand);
    tcase_add_test(tc, jaccard_by_hand);
    tcase_add_test(tc, cosine_by_hand);
    tcase_add_test(tc, min_shared_drops_links);
    tcase_add_test(tc, hubs_left_out);
    tcase_add_test(tc, dual_view_by_hand);
    tcase_add_test(tc, reference_clusters);
    tcase_add_test(tc, invalid_options);
    suite_add_tcase(s, tc);
    tc = tcase_create("random");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, random_partitions);
    tcase_add_test(tc, planted_stacks);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(clusters_suite());
}
