/*
 * check_baseline.c - a baseline read back from the library's own JSON: every
 * gap of an organisation is known against its own gaps (also with hostile
 * names, whose JSON escapes must read back exactly), a changed organisation
 * has new and fixed gaps worked out by hand, and bad JSON names its place.
 */
#include "config.h"

#include <stdio.h>

#include "testutil.h"

static mg_baseline *baseline_of(const mg_gaps *g)
{
    mg_baseline *b = NULL;
    mg_error err;
    char *json;

    ck_assert_int_eq(mg_gaps_format(g, MG_FORMAT_JSON, &json, &err), MG_OK);
    ck_assert_int_eq(mg_baseline_load_buffer("base.json", json, strlen(json), &b, &err), MG_OK);
    mg_free(json);
    return b;
}

/* An organisation's gaps against themselves: all known, none fixed. */
static void all_known(mg_org *org)
{
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *g, *again;
    mg_baseline *b;
    mg_error err;
    size_t i;

    ck_assert_int_eq(mg_gaps_find(org, NULL, &g, &err), MG_OK);
    b = baseline_of(g);
    ck_assert_uint_eq(mg_baseline_count(b), mg_gaps_count(g));
    mg_gaps_opts_set_baseline(opts, b);
    ck_assert_int_eq(mg_gaps_find(org, opts, &again, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(again), mg_gaps_count(g));
    for (i = 0; i < mg_gaps_count(again); i++)
        ck_assert_msg(mg_gap_is_new(again, i) == 0, "%s", mg_gap_message(again, i));
    ck_assert_uint_eq(mg_gaps_fixed_count(again), 0);
    ck_assert_int_eq(mg_gaps_max_severity(again), MG_SEVERITY_NONE);
    ck_assert_int_eq(mg_gap_is_new(g, 0), -1); /* no baseline */
    mg_gaps_free(g);
    mg_gaps_free(again);
    mg_baseline_free(b);
    mg_gaps_opts_free(opts);
}

START_TEST(own_gaps_are_known)
{
    mg_org *org = mg_org_new();
    mg_error err;

    ck_assert_int_eq(mg_org_load_reference(org, &err), MG_OK);
    all_known(org);
    mg_org_free(org);
    org = mg_org_new();
    ck_assert_int_eq(mg_org_load_dir(org, FIXTURES "/hostile", &err), MG_OK);
    all_known(org);
    mg_org_free(org);
}
END_TEST

/*
 * Before: A -> B, B -> C (B is a cut role: high cut-role gap "B"); C uses T.
 * After: A -> B, B -> C, A -> C and D -> A (B no longer cuts; D is new, and
 * A is now the cut role between D and the rest), and roles written in
 * another case (a, b, c), which must not make gaps new.
 * So: cut-role B is fixed; cut-role A is new; the cut-handoffs B -> C and
 * A -> B are fixed, D -> A is new (A -> B, B -> C now lie on a cycle).
 */
START_TEST(new_known_fixed_by_hand)
{
    static const char before[] = "from,to\nA,B\nB,C\n";
    static const char after[] = "from,to\na,b\nb,c\nA,C\nD,a\n";
    mg_error err;
    mg_org *a = org_from(MG_TABLE_COLLABORATIONS, before, &err);
    mg_org *b = org_from(MG_TABLE_COLLABORATIONS, after, &err);
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *g;
    mg_baseline *base;
    size_t i, n_new = 0;

    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "cut-role", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "cut-handoff", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(a, opts, &g, &err), MG_OK);
    base = baseline_of(g);
    mg_gaps_free(g);
    mg_gaps_opts_set_baseline(opts, base);
    ck_assert_int_eq(mg_gaps_find(b, opts, &g, &err), MG_OK);
    for (i = 0; i < mg_gaps_count(g); i++) {
        ck_assert_int_eq(mg_gap_is_new(g, i), 1); /* nothing of before remains */
        n_new++;
    }
    ck_assert_uint_eq(n_new, 2); /* cut-role A, cut-handoff D -> A */
    ck_assert_str_eq(mg_gap_kind(g, 0), "cut-role");
    ck_assert_str_eq(mg_gap_subject(g, 0, MG_SUBJECT_ROLE, 0), "a");
    ck_assert_uint_eq(mg_gaps_fixed_count(g), 3); /* cut-role B, cut-handoffs A->B, B->C */
    /* the new cut-role a cuts off one role (D) of four: medium */
    ck_assert_int_eq(mg_gaps_max_severity(g), MG_SEVERITY_MEDIUM);
    mg_gaps_free(g);
    mg_baseline_free(base);
    mg_gaps_opts_free(opts);
    mg_org_free(a);
    mg_org_free(b);
}
END_TEST

/* Each: JSON text, the line and column of the error, a word of the message. */
START_TEST(bad_json_names_its_place)
{
    static const struct {
        const char *json;
        size_t line, column;
        const char *message;
    } cases[] = {
        { "", 1, 1, "expected a value" },
        { "{\"gaps\": [}", 1, 11, "expected a value" },
        { "{\"gaps\": []} x", 1, 14, "more after the value" },
        { "{\"gaps\": [\"\\ud800\"]}", 1, 12, "high surrogate" },
        { "{\"gaps\": [\"\xff\"]}", 1, 12, "invalid UTF-8" },
        { "{\"gaps\": [\"a\tb\"]}", 1, 13, "control character" },
        { "{\"gaps\": [01]}", 1, 12, "expected ',' or ']'" },
        { "{\"gaps\": {}}", 0, 0, "no \"gaps\" list" },
        { "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]", 1, 65,
          "nested too deeply" },
        { "{\"gaps\": [{\"kind\": 3}]}", 0, 0, "has no \"kind\"" },
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        mg_baseline *b = NULL;
        mg_error err;

        ck_assert_int_eq(mg_baseline_load_buffer("b.json", cases[i].json, strlen(cases[i].json),
                                                 &b, &err),
                         MG_EINPUT);
        ck_assert_ptr_null(b);
        ck_assert_msg(err.line == cases[i].line && err.column == cases[i].column &&
                          strstr(err.message, cases[i].message),
                      "case %zu: %zu:%zu: %s", i, err.line, err.column, err.message);
    }
}
END_TEST

/* Escapes read back: \u00e9, a surrogate pair, \/ and \n. */
START_TEST(escapes_read_back)
{
    static const char json[] = "{\"gaps\": [{\"kind\": \"isolated-role\", \"roles\": "
                               "[\"caf\\u00e9 \\ud83d\\ude00 a\\/b\\nc\"], \"message\": \"m\"}]}";
    mg_baseline *b = NULL;
    mg_error err;
    mg_org *org;
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *g;

    ck_assert_int_eq(mg_baseline_load_buffer("b.json", json, strlen(json), &b, &err), MG_OK);
    ck_assert_uint_eq(mg_baseline_count(b), 1);
    /* the same role, named in UTF-8 (a newline cannot be in a name: a space) */
    org = org_from(MG_TABLE_ROLES, "role\n\"caf\xc3\xa9 \xf0\x9f\x98\x80 a/b c\"\nX\nY\n", &err);
    ck_assert_ptr_nonnull(org);
    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_COLLABORATIONS, "c.csv", "from,to\nX,Y\n",
                                        12, &err),
                     MG_OK); /* a handoff elsewhere: the role is isolated */
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "isolated-role", &err), MG_OK);
    mg_gaps_opts_set_baseline(opts, b);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(g), 1);
    ck_assert_int_eq(mg_gap_is_new(g, 0), 1); /* "a/b\nc" is not "a/b c" */
    ck_assert_uint_eq(mg_gaps_fixed_count(g), 1);
    ck_assert_str_eq(mg_gaps_fixed_kind(g, 0), "isolated-role");
    mg_gaps_free(g);
    mg_gaps_opts_free(opts);
    mg_baseline_free(b);
    mg_org_free(org);
}
END_TEST

static Suite *baseline_suite(void)
{
    Suite *s = suite_create("baseline");
    TCase *tc = tcase_create("baseline");

    tcase_add_test(tc, own_gaps_are_known);
    tcase_add_test(tc, new_known_fixed_by_hand);
    tcase_add_test(tc, bad_json_names_its_place);
    tcase_add_test(tc, escapes_read_back);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(baseline_suite());
}
