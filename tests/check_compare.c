/*
 * check_compare.c - what if and what changed: mg_org_without on a small
 * hand-made organisation (what goes with a role, an alias, a tool) and
 * mg_compare between two hand-made snapshots, every expected value worked
 * out by hand below.
 */
#include "config.h"

#include <stdio.h>

#include "testutil.h"

/* Loads the four tables (NULL: not read) into one organisation. */
static mg_org *org_of(const char *roles, const char *resps, const char *tools,
                      const char *collabs)
{
    const char *text[MG_TABLE_COUNT];
    mg_org *org = mg_org_new();
    mg_error err;
    int t;

    text[MG_TABLE_ROLES] = roles;
    text[MG_TABLE_RESPONSIBILITIES] = resps;
    text[MG_TABLE_TOOLS] = tools;
    text[MG_TABLE_COLLABORATIONS] = collabs;
    ck_assert_ptr_nonnull(org);
    for (t = 0; t < MG_TABLE_COUNT; t++)
        if (text[t])
            ck_assert_msg(mg_org_load_buffer(org, (mg_table)t, mg_table_file_name((mg_table)t),
                                             text[t], strlen(text[t]), &err) == MG_OK,
                          "%s", err.message);
    return org;
}

/*
 * Before:
 *   roles.csv         D has the alias "dee"
 *   collaborations    A -> B, B -> C, A -> F
 *   responsibilities  A needs cap-x, C needs cap-y
 *   tools             A uses T1 (supports cap-x), D uses T2 (supports cap-z)
 * Roles A, B, C, D, F (5); tools T1, T2 (2); capabilities cap-x, cap-y,
 * cap-z (3); 2 uses, 2 responsibilities, 3 collaborations.
 * Gaps of the two kinds the comparison below looks at:
 *   capability-without-tool  C needs cap-y, which no tool supports
 *   isolated-role            D: no collaboration to or from it
 */
static mg_org *before(void)
{
    return org_of("role,aliases\nD,dee\n",
                  "role,responsibility,capability\nA,Do x.,cap-x\nC,Do y.,cap-y\n",
                  "role,tool,capability\nA,T1,cap-x\nD,T2,cap-z\n",
                  "from,to,direction\nA,B,forward\nB,C,forward\nA,F,forward\n");
}

/*
 * After: F is gone, E is new; B -> C and A -> F gone, C -> D new; C now
 * uses T3 (supports cap-y); E needs cap-w and uses T4 (supports nothing).
 *   capability-without-tool  E needs cap-w, which no tool supports
 *   isolated-role            E
 * C's cap-y is now supported (T3) and D now collaborates (C -> D), so both
 * gaps of before are gone.
 */
static mg_org *after(void)
{
    return org_of("role,aliases\nD,dee\n",
                  "role,responsibility,capability\nA,Do x.,cap-x\nC,Do y.,cap-y\n"
                  "E,Do w.,cap-w\n",
                  "role,tool,capability\nA,T1,cap-x\nD,T2,cap-z\nC,T3,cap-y\nE,T4,\n",
                  "from,to,direction\nA,B,forward\nC,D,forward\n");
}

static void assert_counts(const mg_org *org, size_t roles, size_t tools, size_t caps,
                          size_t uses, size_t resps, size_t collabs)
{
    ck_assert_uint_eq(mg_org_role_count(org), roles);
    ck_assert_uint_eq(mg_org_tool_count(org), tools);
    ck_assert_uint_eq(mg_org_capability_count(org), caps);
    ck_assert_uint_eq(mg_org_use_count(org), uses);
    ck_assert_uint_eq(mg_org_responsibility_count(org), resps);
    ck_assert_uint_eq(mg_org_collaboration_count(org), collabs);
}

/* ---- mg_org_without --------------------------------------------------------- */

START_TEST(without_a_role)
{
    const char *names[] = { "B" };
    mg_org *org = before(), *out = NULL;
    mg_error err;
    size_t r;

    ck_assert_int_eq(mg_org_without(org, names, 1, &out, &err), MG_OK);
    /* B's two collaborations (A -> B, B -> C) go; A -> F stays. B had no
     * tool and no responsibility: the rest stays as it was. */
    assert_counts(out, 4, 2, 3, 2, 2, 1);
    ck_assert_int_eq(mg_org_find_role(out, "B", &r, &err), MG_ENOTFOUND);
    ck_assert_int_eq(mg_org_find_role(out, "F", &r, &err), MG_OK);
    /* the original is untouched: the counts of before() */
    assert_counts(org, 5, 2, 3, 2, 2, 3);
    mg_org_free(out);
    mg_org_free(org);
}
END_TEST

START_TEST(without_by_alias_drops_what_only_it_used)
{
    const char *names[] = { "DEE" };
    mg_org *org = before(), *out = NULL;
    mg_error err;
    size_t t;

    ck_assert_int_eq(mg_org_without(org, names, 1, &out, &err), MG_OK);
    /* "DEE" is D's alias (matched case-insensitively). D's use of T2 goes;
     * nothing else uses T2, so T2 goes, and with it cap-z, which only T2
     * supported and nobody needs: 4 roles, 1 tool, 2 capabilities, 1 use. */
    assert_counts(out, 4, 1, 2, 1, 2, 3);
    ck_assert_int_eq(mg_org_find_tool(out, "T2", &t, &err), MG_ENOTFOUND);
    mg_org_free(out);
    mg_org_free(org);
}
END_TEST

START_TEST(without_a_tool)
{
    const char *names[] = { "t1" };
    mg_org *org = before(), *out = NULL;
    mg_error err;

    ck_assert_int_eq(mg_org_without(org, names, 1, &out, &err), MG_OK);
    /* no role is named t1, the tool T1 is: A's use goes, A stays; cap-x
     * stays because A still needs it */
    assert_counts(out, 5, 1, 3, 1, 2, 3);
    mg_org_free(out);
    mg_org_free(org);
}
END_TEST

START_TEST(without_nothing_and_unknown)
{
    const char *names[] = { "B", "Nobody" };
    mg_org *org = before(), *out = NULL;
    mg_error err;

    /* no names: a copy with the counts of before() */
    ck_assert_int_eq(mg_org_without(org, NULL, 0, &out, &err), MG_OK);
    assert_counts(out, 5, 2, 3, 2, 2, 3);
    mg_org_free(out);
    out = NULL;
    /* one unknown name fails the whole call and leaves *out alone */
    ck_assert_int_eq(mg_org_without(org, names, 2, &out, &err), MG_ENOTFOUND);
    ck_assert_ptr_null(out);
    ck_assert_msg(strstr(err.message, "Nobody") != NULL, "%s", err.message);
    ck_assert_int_eq(mg_org_without(NULL, names, 1, &out, &err), MG_EINVAL);
    ck_assert_int_eq(mg_org_without(org, NULL, 1, &out, &err), MG_EINVAL);
    mg_org_free(org);
}
END_TEST

/* ---- mg_compare ------------------------------------------------------------- */

static mg_gaps_opts *two_kinds(void)
{
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_error err;

    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "capability-without-tool", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "isolated-role", &err), MG_OK);
    return opts;
}

static void assert_has(const char *text, const char *want)
{
    ck_assert_msg(strstr(text, want) != NULL, "'%s' not in:\n%s", want, text);
}

START_TEST(compare_by_hand)
{
    mg_org *a = before(), *b = after();
    mg_gaps_opts *opts = two_kinds();
    mg_comparison *c;
    mg_error err;
    char *json, *md;

    ck_assert_int_eq(mg_compare(a, b, opts, "Hand", &c, &err), MG_OK);
    /* opened: capability-without-tool E/cap-w, isolated-role E;
     * closed: capability-without-tool C/cap-y, isolated-role D */
    ck_assert_uint_eq(mg_comparison_gaps_opened(c), 2);
    ck_assert_uint_eq(mg_comparison_gaps_closed(c), 2);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    /* roles A B C D F -> A B C D E; tools T1 T2 -> T1 T2 T3 T4 */
    assert_has(json, "\"roles_added\": [\"E\"], \"roles_removed\": [\"F\"]");
    assert_has(json, "\"tools_added\": [\"T3\", \"T4\"], \"tools_removed\": []");
    /* collaborations A->B B->C A->F -> A->B C->D */
    assert_has(json, "\"collaborations_added\": [{\"from\": \"C\", \"to\": \"D\", "
                     "\"direction\": \"forward\"}]");
    assert_has(json, "{\"from\": \"A\", \"to\": \"F\", \"direction\": \"forward\"}");
    assert_has(json, "{\"from\": \"B\", \"to\": \"C\", \"direction\": \"forward\"}");
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_MD, &md, &err), MG_OK);
    /* the same counts in the summary: 2 tools added; 1 collaboration added,
     * 2 removed; no gap changed (none is in both with other evidence) */
    assert_has(md, "2 gaps appear, 2 disappear and 0 change.");
    assert_has(md, "Roles: 1 added, 1 removed. Tools: 2 added, 0 removed. "
                   "Collaborations: 1 added, 2 removed.");
    mg_free(json);
    mg_free(md);
    mg_comparison_free(c);
    mg_gaps_opts_free(opts);
    mg_org_free(a);
    mg_org_free(b);
}
END_TEST

START_TEST(compare_is_antisymmetric_and_reflexive)
{
    mg_org *a = before(), *b = after();
    mg_gaps_opts *opts = two_kinds();
    mg_comparison *c;
    mg_error err;
    char *json;

    /* the other way round, what opened has closed and what was added is removed */
    ck_assert_int_eq(mg_compare(b, a, opts, NULL, &c, &err), MG_OK);
    ck_assert_uint_eq(mg_comparison_gaps_opened(c), 2);
    ck_assert_uint_eq(mg_comparison_gaps_closed(c), 2);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"roles_added\": [\"F\"], \"roles_removed\": [\"E\"]");
    assert_has(json, "\"tools_added\": [], \"tools_removed\": [\"T3\", \"T4\"]");
    mg_free(json);
    mg_comparison_free(c);
    /* an organisation against itself: nothing changes */
    ck_assert_int_eq(mg_compare(a, a, NULL, NULL, &c, &err), MG_OK);
    ck_assert_uint_eq(mg_comparison_gaps_opened(c), 0);
    ck_assert_uint_eq(mg_comparison_gaps_closed(c), 0);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"roles_added\": [], \"roles_removed\": [], \"tools_added\": [], "
                     "\"tools_removed\": [], \"collaborations_added\": [], "
                     "\"collaborations_removed\": []");
    mg_free(json);
    mg_comparison_free(c);
    ck_assert_int_eq(mg_compare(NULL, a, NULL, NULL, &c, &err), MG_EINVAL);
    mg_gaps_opts_free(opts);
    mg_org_free(a);
    mg_org_free(b);
}
END_TEST

/* mg_compare of an organisation and mg_org_without of it: the what-if. */
START_TEST(compare_what_if)
{
    const char *names[] = { "C" };
    mg_org *a = before(), *b;
    mg_gaps_opts *opts = two_kinds();
    mg_comparison *c;
    mg_error err;
    char *json;

    ck_assert_int_eq(mg_org_without(a, names, 1, &b, &err), MG_OK);
    ck_assert_int_eq(mg_compare(a, b, opts, "What if C were gone", &c, &err), MG_OK);
    /* C goes with its need for cap-y: capability-without-tool C/cap-y
     * closes. B keeps A -> B, so no role becomes isolated; D stays
     * isolated, a gap in both. */
    ck_assert_uint_eq(mg_comparison_gaps_opened(c), 0);
    ck_assert_uint_eq(mg_comparison_gaps_closed(c), 1);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"title\": \"What if C were gone\", \"roles_added\": [], "
                     "\"roles_removed\": [\"C\"]");
    assert_has(json, "\"collaborations_removed\": [{\"from\": \"B\", \"to\": \"C\", "
                     "\"direction\": \"forward\"}]");
    mg_free(json);
    mg_comparison_free(c);
    mg_gaps_opts_free(opts);
    mg_org_free(a);
    mg_org_free(b);
}
END_TEST

static Suite *compare_suite(void)
{
    Suite *s = suite_create("compare");
    TCase *tc = tcase_create("without");

    tcase_add_test(tc, without_a_role);
    tcase_add_test(tc, without_by_alias_drops_what_only_it_used);
    tcase_add_test(tc, without_a_tool);
    tcase_add_test(tc, without_nothing_and_unknown);
    suite_add_tcase(s, tc);
    tc = tcase_create("compare");
    tcase_add_test(tc, compare_by_hand);
    tcase_add_test(tc, compare_is_antisymmetric_and_reflexive);
    tcase_add_test(tc, compare_what_if);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(compare_suite());
}
