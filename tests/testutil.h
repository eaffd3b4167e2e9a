/*
 * testutil.h - small helpers shared by the Check suites.
 */
#ifndef MG_TESTUTIL_H
#define MG_TESTUTIL_H

#include <check.h>
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
