/*
 * testutil.h - small helpers shared by the Check suites.
 */
#ifndef MG_TESTUTIL_H
#define MG_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mlopsgraph.h"

/* An organisation loaded from one CSV text, or NULL with *err filled. */
static inline mg_org *org_from(mg_table table, const char *csv, mg_error *err)
{
    mg_org *org = mg_org_new();

    ck_assert_ptr_nonnull(org);
    if (mg_org_load_buffer(org, table, mg_table_file_name(table), csv, strlen(csv), err) !=
        MG_OK) {
        mg_org_free(org);
        return NULL;
    }
    return org;
}

/* Asserts that loading csv fails with MG_EINPUT at line:column, the message
 * containing `message`. */
#define ck_assert_load_error(table, csv, want_line, want_column, want_message)          \
    do {                                                                           \
        mg_error e_;                                                               \
        mg_org *o_ = org_from((table), (csv), &e_);                                \
        ck_assert_ptr_null(o_);                                                    \
        ck_assert_int_eq(e_.code, MG_EINPUT);                                      \
        ck_assert_str_eq(e_.source, mg_table_file_name(table));                    \
        ck_assert_uint_eq(e_.line, (want_line));                                   \
        ck_assert_uint_eq(e_.column, (want_column));                               \
        ck_assert_msg(strstr(e_.message, (want_message)) != NULL,                       \
                      "message '%s' does not contain '%s'", e_.message, (want_message)); \
    } while (0)

/* Index of the role named exactly `name` (display name), or (size_t)-1. */
static inline size_t role_index(const mg_org *org, const char *name)
{
    size_t i;

    for (i = 0; i < mg_org_role_count(org); i++)
        if (strcmp(mg_org_role_name(org, i), name) == 0)
            return i;
    return (size_t)-1;
}

/*
 * A 32-bit linear congruential generator (the constants of Numerical
 * Recipes), its top 24 bits: the random organisations of check_compare,
 * check_cuts, check_gaps and check_reach. (check_paths and check_clusters
 * have a 15-bit one of their own, named lcg.)
 */
static inline unsigned lcg24(unsigned *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

/* What a keep_fn is asked about: role i, or collaboration row i. */
typedef enum keep_what { KEEP_ROLE, KEEP_ROW } keep_what;

/* Whether role or row i goes into the organisation; ctx is the caller's. */
typedef int (*keep_fn)(const void *ctx, keep_what what, int i);

/*
 * The organisation of roles R00..R<n-1> and m collaboration rows, row j
 * from[j] -> to[j], "both" when both[j] and "forward" otherwise, loaded
 * through CSV text: the roles table ("role\nR00\nR01\n...") and then the
 * collaborations table ("from,to,direction\nR01,R02,both\n..."), each role
 * and row only when keep says so. keep decides each alone: a row kept
 * whose role is not names a role the roles table does not list.
 */
static inline mg_org *org_from_rows(int n, int m, const int from[], const int to[],
                                    const int both[], keep_fn keep, const void *ctx)
{
    size_t roles_cap = 16 * (size_t)n + 16, collabs_cap = 32 * (size_t)m + 32, len;
    char *roles = malloc(roles_cap), *collabs = malloc(collabs_cap);
    mg_org *org;
    mg_error err;
    int i;

    ck_assert(n >= 0 && n <= 100 && m >= 0); /* names of three characters */
    ck_assert_ptr_nonnull(roles);
    ck_assert_ptr_nonnull(collabs);
    len = (size_t)snprintf(roles, roles_cap, "role\n");
    for (i = 0; i < n; i++)
        if (keep(ctx, KEEP_ROLE, i))
            len += (size_t)snprintf(roles + len, roles_cap - len, "R%02d\n", i);
    len = (size_t)snprintf(collabs, collabs_cap, "from,to,direction\n");
    for (i = 0; i < m; i++) {
        ck_assert(from[i] >= 0 && from[i] < n && to[i] >= 0 && to[i] < n);
        if (keep(ctx, KEEP_ROW, i))
            len += (size_t)snprintf(collabs + len, collabs_cap - len, "R%02d,R%02d,%s\n", from[i],
                                    to[i], both[i] ? "both" : "forward");
    }
    org = org_from(MG_TABLE_ROLES, roles, &err);
    ck_assert_msg(org != NULL, "%s", err.message);
    ck_assert_msg(mg_org_load_buffer(org, MG_TABLE_COLLABORATIONS, "c.csv", collabs,
                                     strlen(collabs), &err) == MG_OK,
                  "%s", err.message);
    free(roles);
    free(collabs);
    return org;
}

static inline int run_suite(Suite *s)
{
    SRunner *sr = srunner_create(s);
    int failed;

    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

#endif
