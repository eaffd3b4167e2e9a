/*
 * check_compare.c - what if and what changed: mg_org_without on a small
 * hand-made organisation (what goes with a role, an alias, a tool),
 * mg_compare between two hand-made snapshots, and mg_whatif on them and on
 * the reference (data/responsibilities.csv), every expected value worked out
 * by hand below.
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
     * closed: capability-without-tool C/cap-y, isolated-role D, both
     * improvements (C, cap-y and D are all still there); F went, but no gap
     * of these two kinds named it */
    ck_assert_uint_eq(mg_comparison_gaps_opened(c), 2);
    ck_assert_uint_eq(mg_comparison_gaps_closed(c), 2);
    ck_assert_uint_eq(mg_comparison_gaps_gone_with_removal(c), 0);
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
    assert_has(md, "2 gaps appear, 2 close (an improvement) and 0 change; 0 went with what was "
                   "removed (no improvement).");
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

    /* the other way round, what opened has gone and what was added is
     * removed; but E's two gaps went with E: no improvement */
    ck_assert_int_eq(mg_compare(b, a, opts, NULL, &c, &err), MG_OK);
    ck_assert_uint_eq(mg_comparison_gaps_opened(c), 2);
    ck_assert_uint_eq(mg_comparison_gaps_closed(c), 0);
    ck_assert_uint_eq(mg_comparison_gaps_gone_with_removal(c), 2);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"roles_added\": [\"F\"], \"roles_removed\": [\"E\"]");
    assert_has(json, "\"tools_added\": [], \"tools_removed\": [\"T3\", \"T4\"]");
    mg_free(json);
    mg_comparison_free(c);
    /* an organisation against itself: nothing changes */
    ck_assert_int_eq(mg_compare(a, a, NULL, NULL, &c, &err), MG_OK);
    ck_assert_uint_eq(mg_comparison_gaps_opened(c), 0);
    ck_assert_uint_eq(mg_comparison_gaps_closed(c), 0);
    ck_assert_uint_eq(mg_comparison_gaps_gone_with_removal(c), 0);
    ck_assert_uint_eq(mg_comparison_responsibilities_unowned(c), 0);
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

/* two_kinds and unowned-responsibility */
static mg_gaps_opts *three_kinds(void)
{
    mg_gaps_opts *opts = two_kinds();
    mg_error err;

    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "unowned-responsibility", &err), MG_OK);
    return opts;
}

/*
 * What if C were gone, from before(): C owned "Do y." (cap-y), which no other
 * role needs, so it is left unowned. capability-without-tool C/cap-y is gone,
 * but with C and cap-y (nothing else names cap-y): no improvement. B keeps
 * A -> B, so no role becomes isolated; D stays isolated, a gap in both.
 */
static void assert_without_c(mg_comparison *c)
{
    mg_error err;
    char *json, *text;

    ck_assert_uint_eq(mg_comparison_gaps_opened(c), 1);
    ck_assert_uint_eq(mg_comparison_responsibilities_unowned(c), 1);
    ck_assert_uint_eq(mg_comparison_gaps_closed(c), 0);
    ck_assert_uint_eq(mg_comparison_gaps_gone_with_removal(c), 1);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"roles_removed\": [\"C\"]");
    assert_has(json, "\"collaborations_removed\": [{\"from\": \"B\", \"to\": \"C\", "
                     "\"direction\": \"forward\"}]");
    assert_has(json, "\"gaps_opened\": [{\"kind\": \"unowned-responsibility\", \"severity\": "
                     "\"high\", \"roles\": [\"C\"], \"tools\": [], \"capabilities\": [\"cap-y\"], "
                     "\"people\": null, \"impact\": 1, \"impact_unit\": \"roles\", \"message\": \"Without C, nobody owns 'Do y.' (cap-y).\"}]");
    assert_has(json, "\"gaps_closed\": [], \"gaps_gone_with_removal\": [{\"kind\": "
                     "\"capability-without-tool\"");
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_TEXT, &text, &err), MG_OK);
    assert_has(text, "1 gap appears, 0 close (an improvement) and 0 change; 1 went with what "
                     "was removed (no improvement).");
    assert_has(text, "1 responsibility is left without an owner (unowned-responsibility).");
    mg_free(text);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_CSV, &text, &err), MG_OK);
    assert_has(text, "\r\nappears,gap,high unowned-responsibility,\"Without C, nobody owns 'Do y.' "
                     "(cap-y).\"\r\ngone with removal,gap,high capability-without-tool,");
    mg_free(json);
    mg_free(text);
}

START_TEST(compare_what_if)
{
    const char *names[] = { "C" };
    mg_org *a = before(), *b;
    mg_gaps_opts *opts = three_kinds();
    mg_comparison *c;
    mg_error err;
    char *json;

    /* mg_whatif, and mg_compare of the organisation and mg_org_without of
     * it: cap-y is needed by nobody else, so both rules find C's work unowned */
    ck_assert_int_eq(mg_whatif(a, names, 1, opts, &c, &err), MG_OK);
    assert_without_c(c);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"title\": \"What if C were gone\"");
    mg_free(json);
    mg_comparison_free(c);
    ck_assert_int_eq(mg_org_without(a, names, 1, &b, &err), MG_OK);
    ck_assert_int_eq(mg_compare(a, b, opts, "What if C were gone", &c, &err), MG_OK);
    assert_without_c(c);
    mg_comparison_free(c);
    /* the kinds asked for bound the comparison too: without
     * unowned-responsibility, nothing opens */
    mg_gaps_opts_free(opts);
    opts = two_kinds();
    ck_assert_int_eq(mg_whatif(a, names, 1, opts, &c, &err), MG_OK);
    ck_assert_uint_eq(mg_comparison_gaps_opened(c), 0);
    mg_comparison_free(c);
    ck_assert_int_eq(mg_whatif(a, names, 0, opts, &c, &err), MG_EINVAL);
    names[0] = "Nobody";
    ck_assert_int_eq(mg_whatif(a, names, 1, opts, &c, &err), MG_ENOTFOUND);
    mg_gaps_opts_free(opts);
    mg_org_free(a);
    mg_org_free(b);
}
END_TEST

/* The title names what goes as the organisation spells it: aliases and
 * case resolved, a tool by its name, more than three summed up. */
START_TEST(what_if_titles)
{
    const char *two[] = { "dee", "t1" }, *four[] = { "a", "b", "c", "dee" };
    mg_org *a = before();
    mg_comparison *c;
    mg_error err;
    char *json;

    ck_assert_int_eq(mg_whatif(a, two, 2, NULL, &c, &err), MG_OK);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"title\": \"What if D and T1 were gone\"");
    mg_free(json);
    mg_comparison_free(c);
    ck_assert_int_eq(mg_whatif(a, four, 4, NULL, &c, &err), MG_OK);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"title\": \"What if A and others were gone\"");
    mg_free(json);
    mg_comparison_free(c);
    ck_assert_int_eq(mg_whatif(a, four, 3, NULL, &c, &err), MG_OK);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"title\": \"What if A, B and C were gone\"");
    mg_free(json);
    mg_comparison_free(c);
    mg_org_free(a);
}
END_TEST

/*
 * The reference without MLE (an alias of Machine Learning Engineers,
 * data/roles.csv). data/responsibilities.csv gives the role four rows:
 *   Deploy machine learning models into production environments.  model-deployment
 *   Build and optimize scalable ML pipelines.                      ml-pipelines
 *   Implement CI/CD pipelines for model retraining and redeployment.  ci-cd
 *   Ensure efficient resource utilization (e.g., GPUs, memory).     resource-utilization
 * All four are left unowned. model-deployment is also needed by DevOps
 * Engineers ("Automate deployment processes ..."), which the message says;
 * the other three no other row names.
 */
START_TEST(what_if_reference_keeps_the_work)
{
    static const char *const rows[4][2] = {
        { "Deploy machine learning models into production environments.", "model-deployment" },
        { "Build and optimize scalable ML pipelines.", "ml-pipelines" },
        { "Implement CI/CD pipelines for model retraining and redeployment.", "ci-cd" },
        { "Ensure efficient resource utilization (e.g., GPUs, memory).", "resource-utilization" },
    };
    const char *names[] = { "MLE" };
    mg_org *ref = mg_org_new();
    mg_comparison *c;
    mg_error err;
    char *json, want[512];
    size_t i;

    ck_assert_int_eq(mg_org_load_reference(ref, &err), MG_OK);
    ck_assert_int_eq(mg_whatif(ref, names, 1, NULL, &c, &err), MG_OK);
    ck_assert_uint_eq(mg_comparison_responsibilities_unowned(c), 4);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    for (i = 0; i < 4; i++) {
        snprintf(want, sizeof want,
                 "{\"kind\": \"unowned-responsibility\", \"severity\": \"high\", \"roles\": "
                 "[\"Machine Learning Engineers\"], \"tools\": [], \"capabilities\": [\"%s\"], "
                 "\"people\": null, \"impact\": 1, \"impact_unit\": \"roles\", \"message\": \"Without Machine Learning Engineers, nobody owns '%s' (%s)%s.\"}",
                 rows[i][1], rows[i][0], rows[i][1],
                 i == 0 ? "; model-deployment is still needed by DevOps Engineers for other work"
                        : "");
        assert_has(json, want);
    }
    /*
     * Twelve gaps of the reference are not there without MLE, each naming
     * the role or one of its five tools, which only it uses (data/tools.csv:
     * Docker, Kubeflow, Kubernetes, MLflow, TensorFlow Serving): cut-role
     * MLE; cut-handoff DevOps <-> MLE; owner-without-tool MLE/ci-cd and
     * Software Engineers/model-packaging (the tools it cites are Docker and
     * MLflow); single-role ci-cd, ml-pipelines, resource-utilization (MLE
     * alone) and the five tools. All went with the removal; none closed.
     */
    ck_assert_uint_eq(mg_comparison_gaps_closed(c), 0);
    ck_assert_uint_eq(mg_comparison_gaps_gone_with_removal(c), 12);
    mg_free(json);
    mg_comparison_free(c);
    mg_org_free(ref);
}
END_TEST

/*
 * diff from tests/fixtures/hand to hand-v3: C is gone (it owned "Do z.",
 * cap-z), B dropped "Do y." (cap-y), D dropped "Also do x." (cap-x). In
 * hand-v3 only A's "Do x." (cap-x) is left, so cap-z and cap-y are needed
 * by nobody: two unowned responsibilities, worded by whether the role is
 * still there; D's cap-x is still needed by A, so it is not unowned.
 */
START_TEST(diff_keeps_the_work_by_capability)
{
    mg_org *a = mg_org_new(), *b = mg_org_new();
    mg_comparison *c;
    mg_error err;
    char *json;

    ck_assert_int_eq(mg_org_load_dir(a, FIXTURES "/hand", &err), MG_OK);
    ck_assert_int_eq(mg_org_load_dir(b, FIXTURES "/hand-v3", &err), MG_OK);
    ck_assert_int_eq(mg_compare(a, b, NULL, NULL, &c, &err), MG_OK);
    ck_assert_uint_eq(mg_comparison_responsibilities_unowned(c), 2);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"roles\": [\"B\"], \"tools\": [], \"capabilities\": [\"cap-y\"], "
                     "\"people\": null, \"impact\": 1, \"impact_unit\": \"roles\", \"message\": \"B no longer owns 'Do y.' (cap-y), and no other role does.\"");
    assert_has(json, "\"roles\": [\"C\"], \"tools\": [], \"capabilities\": [\"cap-z\"], "
                     "\"people\": null, \"impact\": 1, \"impact_unit\": \"roles\", \"message\": \"Without C, nobody owns 'Do z.' (cap-z).\"");
    ck_assert_msg(strstr(json, "Also do x.' (cap-x)") == NULL, "%s", json);
    mg_free(json);
    mg_comparison_free(c);
    mg_org_free(a);
    mg_org_free(b);
}
END_TEST

/*
 * The same organisation with its one capability spelt three ways
 * ("Model Monitoring" before; "model_monitoring" and "model -- monitoring"
 * after): one capability by the id folding of mlopsgraph.h, so A still owns
 * the work and nothing is unowned. The look-up by name once folded like a
 * role name, and diff said "A no longer owns 'Watch models'".
 */
START_TEST(diff_finds_a_respelled_capability)
{
    static const char *const after[] = { "model_monitoring", "model -- monitoring",
                                         " MODEL_-_Monitoring " };
    mg_org *a = org_from(MG_TABLE_RESPONSIBILITIES,
                         "role,responsibility,capability\nA,Watch models,Model Monitoring\n",
                         NULL);
    size_t i;

    ck_assert_ptr_nonnull(a);
    for (i = 0; i < sizeof after / sizeof *after; i++) {
        char csv[128];
        mg_org *b;
        mg_comparison *c;
        mg_error err;
        char *json;

        snprintf(csv, sizeof csv, "role,responsibility,capability\nA,Watch models,%s\n",
                 after[i]);
        b = org_from(MG_TABLE_RESPONSIBILITIES, csv, NULL);
        ck_assert_ptr_nonnull(b);
        ck_assert_int_eq(mg_compare(a, b, NULL, NULL, &c, &err), MG_OK);
        ck_assert_uint_eq(mg_comparison_responsibilities_unowned(c), 0);
        ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
        ck_assert_msg(strstr(json, "no longer owns") == NULL, "%s: %s", after[i], json);
        mg_free(json);
        mg_comparison_free(c);
        mg_org_free(b);
    }
    mg_org_free(a);
}
END_TEST

/* One organisation never has the kind: every responsibility has an owner. */
START_TEST(gaps_alone_never_unowned)
{
    mg_org *ref = mg_org_new();
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *g;
    mg_error err;

    ck_assert_int_eq(mg_org_load_reference(ref, &err), MG_OK);
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "unowned-responsibility", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(ref, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(g), 0);
    mg_gaps_free(g);
    mg_gaps_opts_free(opts);
    mg_org_free(ref);
}
END_TEST

/*
 * Gaps match by their folded subjects (gap_identity.h), as the numbered keys
 * of a comparison must too: "ML Eng" and "ml eng" are one role, "Model
 * Monitoring" and "model_monitoring" one capability. Both organisations
 * have the same two gaps (capability-without-tool and single-role, about
 * ML Eng and Model Monitoring), worded with the names as each spells them:
 * nothing opens or closes, both change. With "ML Engineer" instead, the
 * role differs: both gaps open and both close. (unowned-responsibility is
 * left out: it finds the capability by name, folded as a name, not as an
 * id, so "model_monitoring" would leave "Watch." unowned.)
 */
START_TEST(gaps_match_by_folded_names)
{
    mg_org *a = org_of(NULL, "role,responsibility,capability\nML Eng,Watch.,Model Monitoring\n",
                       NULL, NULL);
    mg_org *b = org_of(NULL, "role,responsibility,capability\n ml eng ,Watch.,model_monitoring\n",
                       NULL, NULL);
    mg_org *c = org_of(NULL, "role,responsibility,capability\nML Engineer,Watch.,Model Monitoring\n",
                       NULL, NULL);
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_comparison *cmp;
    mg_error err;
    char *json;

    ck_assert_int_eq(mg_gaps_opts_exclude_kind(opts, "unowned-responsibility", &err), MG_OK);
    ck_assert_int_eq(mg_compare(a, b, opts, NULL, &cmp, &err), MG_OK);
    ck_assert_uint_eq(mg_comparison_gaps_opened(cmp), 0);
    ck_assert_uint_eq(mg_comparison_gaps_closed(cmp), 0);
    ck_assert_int_eq(mg_comparison_format(cmp, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"gaps_changed\": [{\"kind\": \"capability-without-tool\", \"severity\": "
                     "\"high\", \"roles\": [\"ml eng\"]");
    assert_has(json, "{\"kind\": \"single-role\", \"severity\": \"low\", \"roles\": [\"ml eng\"], "
                     "\"tools\": [], \"capabilities\": [\"model_monitoring\"]");
    mg_free(json);
    mg_comparison_free(cmp);
    ck_assert_int_eq(mg_compare(a, c, opts, NULL, &cmp, &err), MG_OK);
    ck_assert_uint_eq(mg_comparison_gaps_opened(cmp), 2);
    ck_assert_uint_eq(mg_comparison_gaps_closed(cmp) + mg_comparison_gaps_gone_with_removal(cmp), 2);
    mg_comparison_free(cmp);
    mg_gaps_opts_free(opts);
    mg_org_free(a);
    mg_org_free(b);
    mg_org_free(c);
}
END_TEST

/* ---- Handoff chains lost and gained, against the path search ------------------- */

typedef struct text_buf {
    char data[65536];
    size_t len;
} text_buf;

#define RN 30
#define RM 70

/* Collaboration rows between roles R00..R<n-1>, and which roles exist. */
typedef struct rrows {
    int n, m;
    int from[RM], to[RM], both[RM];
    unsigned char gone[RN]; /* role left out (with its rows) */
} rrows;

/* Sparse rows, a third both ways; some one-way only, so that chains run one
 * way and cycles are few. */
static void random_rrows(rrows *r, unsigned *seed, int n)
{
    int i;

    memset(r, 0, sizeof *r);
    r->n = n;
    r->m = n / 2 + (int)(lcg24(seed) % (unsigned)(n + 1));
    for (i = 0; i < r->m; i++) {
        r->from[i] = (int)(lcg24(seed) % (unsigned)n);
        r->to[i] = (int)(lcg24(seed) % (unsigned)n);
        r->both[i] = lcg24(seed) % 3 == 0;
    }
}

/* r changed: about a quarter of the rows dropped, as many new ones, and
 * now and then a role gone. */
static void perturb(const rrows *r, rrows *out, unsigned *seed)
{
    int i, extra;

    *out = *r;
    out->m = 0;
    for (i = 0; i < r->m; i++)
        if (lcg24(seed) % 4) {
            out->from[out->m] = r->from[i];
            out->to[out->m] = r->to[i];
            out->both[out->m++] = r->both[i];
        }
    for (extra = (int)(lcg24(seed) % 8); extra > 0 && out->m < RM; extra--) {
        out->from[out->m] = (int)(lcg24(seed) % (unsigned)r->n);
        out->to[out->m] = (int)(lcg24(seed) % (unsigned)r->n);
        out->both[out->m++] = lcg24(seed) % 3 == 0;
    }
    if (lcg24(seed) % 2)
        out->gone[lcg24(seed) % (unsigned)r->n] = 1;
}

/* A role unless gone, a row unless one of its roles is. */
static int rrows_keep(const void *ctx, keep_what what, int i)
{
    const rrows *r = ctx;

    return what == KEEP_ROLE ? !r->gone[i] : !r->gone[r->from[i]] && !r->gone[r->to[i]];
}

static mg_org *rrows_org(const rrows *r)
{
    return org_from_rows(r->n, r->m, r->from, r->to, r->both, rrows_keep, r);
}

/* Whether the path search (mg_costs_find's Dijkstra from every role) finds
 * a chain from `from` to `to` (names) in org. */
static int chain(const mg_org *org, const mg_costs *c, const char *from, const char *to)
{
    return mg_costs_get(c, role_index(org, from), role_index(org, to)) >= 0;
}

/* `"key": [["R01", "R00"], ...]` for the ordered pairs of roles in both
 * organisations that a chain joins in x and none joins in y, in name
 * order; *n gets how many. */
static void expected_pairs(text_buf *out, const char *key, const mg_org *x, const mg_org *y,
                           size_t *n)
{
    mg_costs *cx, *cy;
    mg_error err;
    size_t s, t;
    char from[8], to[8];

    ck_assert_int_eq(mg_costs_find(x, &cx, &err), MG_OK);
    ck_assert_int_eq(mg_costs_find(y, &cy, &err), MG_OK);
    *n = 0;
    out->len = 0;
    out->len += (size_t)snprintf(out->data, sizeof out->data, "\"%s\": [", key);
    for (s = 0; s < RN; s++)
        for (t = 0; t < RN; t++) {
            snprintf(from, sizeof from, "R%02zu", s);
            snprintf(to, sizeof to, "R%02zu", t);
            if (s == t || role_index(x, from) == (size_t)-1 || role_index(x, to) == (size_t)-1 ||
                role_index(y, from) == (size_t)-1 || role_index(y, to) == (size_t)-1 ||
                !chain(x, cx, from, to) || chain(y, cy, from, to))
                continue;
            out->len += (size_t)snprintf(out->data + out->len, sizeof out->data - out->len,
                                         "%s[\"%s\", \"%s\"]", (*n)++ ? ", " : "", from, to);
        }
    snprintf(out->data + out->len, sizeof out->data - out->len, "]");
    mg_costs_free(cx);
    mg_costs_free(cy);
}

/* 300 random pairs of snapshots: diff's chains lost and gained are exactly
 * those the path search finds, in name order, and counted. */
START_TEST(chains_against_the_path_search)
{
    static text_buf want;
    unsigned seed = 7, k;

    for (k = 0; k < 300; k++) {
        rrows r1, r2;
        mg_org *a, *b;
        mg_comparison *c;
        mg_error err;
        char *json, count[64];
        size_t n;

        random_rrows(&r1, &seed, 2 + (int)(lcg24(&seed) % (RN - 1)));
        perturb(&r1, &r2, &seed);
        a = rrows_org(&r1);
        b = rrows_org(&r2);
        ck_assert_int_eq(mg_compare(a, b, NULL, NULL, &c, &err), MG_OK);
        ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
        expected_pairs(&want, "reachability_lost", a, b, &n);
        assert_has(json, want.data);
        snprintf(count, sizeof count, "\"reachability_lost_count\": %zu,", n);
        assert_has(json, count);
        expected_pairs(&want, "reachability_gained", b, a, &n);
        assert_has(json, want.data);
        snprintf(count, sizeof count, "\"reachability_gained_count\": %zu,", n);
        assert_has(json, count);
        assert_has(json, "\"reachability_exact\": true");
        mg_free(json);
        mg_comparison_free(c);
        mg_org_free(a);
        mg_org_free(b);
    }
}
END_TEST

/* A cycle of 60 roles R00 -> R01 -> ... -> R59 -> R00. */
static mg_org *cycle60(int open)
{
    char collabs[32 * 64] = "from,to\n";
    mg_error err;
    mg_org *org;
    int i;

    for (i = 0; i < 60; i++)
        if (!(open && i == 59))
            snprintf(collabs + strlen(collabs), sizeof collabs - strlen(collabs),
                     "R%02d,R%02d\n", i, (i + 1) % 60);
    org = org_from(MG_TABLE_COLLABORATIONS, collabs, &err);
    ck_assert_ptr_nonnull(org);
    return org;
}

/*
 * What if R00 were gone from the cycle: R01 -> ... -> R59 is left, where
 * Ri reaches Rj only when i < j, so the 59 * 58 / 2 = 1711 pairs (Ri, Rj),
 * i > j, lose their chain. 1000 are listed, by name: R02 -> R01; R03 -> R01,
 * R02; ...; Rk loses k - 1, so through R45 990 pairs, and the 1000th is
 * R46 -> R10. The words say how many there are and which are listed.
 */
START_TEST(chains_past_the_bound)
{
    const char *names[] = { "R00" };
    mg_org *org = cycle60(0);
    mg_comparison *c;
    mg_error err;
    char *json, *text;

    ck_assert_int_eq(mg_whatif(org, names, 1, NULL, &c, &err), MG_OK);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"reachability_lost\": [[\"R02\", \"R01\"], [\"R03\", \"R01\"], "
                     "[\"R03\", \"R02\"], [\"R04\", \"R01\"]");
    assert_has(json, "[\"R46\", \"R09\"], [\"R46\", \"R10\"]], \"reachability_gained\": []");
    assert_has(json, "\"reachability_lost_count\": 1711, \"reachability_gained_count\": 0, "
                     "\"reachability_exact\": true");
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_MD, &text, &err), MG_OK);
    assert_has(text, "Handoff chains: 1711 ordered pairs of roles lose theirs, 0 gain one.");
    assert_has(text, "Only the first 1000 of the pairs that lose theirs are listed, in order of");
    assert_has(text, "| lost | handoff chain | R46 -&gt; R10 |");
    ck_assert_ptr_null(strstr(text, "R46 -&gt; R11"));
    mg_free(json);
    mg_free(text);
    mg_comparison_free(c);
    mg_org_free(org);
}
END_TEST

/* 200 random reference and organisation pairs: the unreachable-handoff
 * gaps are exactly the pairs the path search finds. */
START_TEST(unreachable_against_the_path_search)
{
    static text_buf want;
    unsigned seed = 11, k;

    for (k = 0; k < 200; k++) {
        rrows r1, r2;
        mg_org *ref, *org;
        mg_gaps_opts *opts = mg_gaps_opts_new();
        mg_gaps *g;
        mg_error err;
        size_t n, i;
        char *json;

        random_rrows(&r1, &seed, 2 + (int)(lcg24(&seed) % (RN - 1)));
        perturb(&r1, &r2, &seed);
        ref = rrows_org(&r1);
        org = rrows_org(&r2);
        mg_gaps_opts_set_reference(opts, ref);
        ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "unreachable-handoff", &err), MG_OK);
        ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
        expected_pairs(&want, "x", ref, org, &n);
        ck_assert_uint_eq(mg_gaps_count(g), n);
        for (i = 0; i < mg_gaps_count(g); i++) {
            char pair[32];

            snprintf(pair, sizeof pair, "[\"%s\", \"%s\"]", mg_gap_subject(g, i, MG_SUBJECT_ROLE, 0),
                     mg_gap_subject(g, i, MG_SUBJECT_ROLE, 1));
            assert_has(want.data, pair);
        }
        ck_assert_int_eq(mg_gaps_format(g, MG_FORMAT_JSON, &json, &err), MG_OK);
        assert_has(json, "\"unreachable_not_listed\": 0, \"unreachable_exact\": true");
        mg_free(json);
        mg_gaps_free(g);
        mg_gaps_opts_free(opts);
        mg_org_free(ref);
        mg_org_free(org);
    }
}
END_TEST

/* The cycle as the reference of the open chain R00 -> ... -> R59: the
 * 60 * 59 / 2 = 1770 pairs (Ri, Rj), i > j, cannot pass work here; 1000
 * are listed (R01 -> R00 first, by name), 770 counted. */
START_TEST(unreachable_past_the_bound)
{
    mg_org *ref = cycle60(0), *org = cycle60(1);
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *g;
    mg_error err;
    char *json, *text;

    mg_gaps_opts_set_reference(opts, ref);
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "unreachable-handoff", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(g), 1000);
    ck_assert_int_eq(mg_gaps_format(g, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"unreachable_not_listed\": 770, \"unreachable_exact\": true");
    assert_has(json, "from R01 to R00; here no handoff chain leads from R01 to R00.");
    ck_assert_int_eq(mg_gaps_format(g, MG_FORMAT_MD, &text, &err), MG_OK);
    assert_has(text, "770 more ordered pairs of roles can pass work in the reference but not");
    assert_has(text, "only the first 1000 in order of the reference's role names are listed.");
    mg_free(json);
    mg_free(text);
    mg_gaps_free(g);
    mg_gaps_opts_free(opts);
    mg_org_free(ref);
    mg_org_free(org);
}
END_TEST

/* A chain of n roles R00000 -> R00001 -> ..., less the handoff from
 * R<gap - 1> to R<gap> when gap > 0. */
static mg_org *chain_org(int n, int gap)
{
    size_t cap = (size_t)n * 16 + 64, len;
    char *collabs = malloc(cap);
    mg_error err;
    mg_org *org;
    int i;

    ck_assert_ptr_nonnull(collabs);
    len = (size_t)snprintf(collabs, cap, "from,to\n");
    for (i = 0; i + 1 < n; i++)
        if (i + 1 != gap)
            len += (size_t)snprintf(collabs + len, cap - len, "R%05d,R%05d\n", i, i + 1);
    org = org_from(MG_TABLE_COLLABORATIONS, collabs, &err);
    ck_assert_ptr_nonnull(org);
    free(collabs);
    return org;
}

/*
 * Past the work bound: 30,000 roles in a chain, every one its own
 * component, against the same chain cut in the middle. The 15,000 x 15,000
 * = 225,000,000 pairs (Ri, Rj), i < 15,000 <= j, lose their chain; the
 * count stops at the bound, so the words say "at least" and JSON says the
 * counts are not exact, while the pairs listed are still the first (R00000
 * to R15000 ... R15999). Nothing is gained, which needs no counting (no
 * handoff of the cut chain is missing from the whole one): 0, exactly. The
 * same chains as reference and organisation: unreachable-handoff likewise.
 */
START_TEST(chains_past_the_work_bound)
{
    mg_org *whole = chain_org(30000, 0), *cut = chain_org(30000, 15000);
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_comparison *c;
    mg_gaps *g;
    mg_error err;
    char *json, *text, *at;
    unsigned long long counted;

    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "unreachable-handoff", &err), MG_OK);
    ck_assert_int_eq(mg_compare(whole, cut, opts, NULL, &c, &err), MG_OK);
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_MD, &text, &err), MG_OK);
    at = strstr(text, "Handoff chains: at least ");
    ck_assert_ptr_nonnull(at);
    counted = strtoull(at + strlen("Handoff chains: at least "), NULL, 10);
    ck_assert_uint_ge(counted, 1000);
    ck_assert_uint_le(counted, 225000000ULL);
    assert_has(text, "ordered pairs of roles lose theirs, 0 gain one (counting them all would "
                     "take too long).");
    assert_has(text, "Only the first 1000 of the pairs that lose theirs are listed, in order of");
    ck_assert_int_eq(mg_comparison_format(c, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"reachability_lost\": [[\"R00000\", \"R15000\"], [\"R00000\", \"R15001\"]");
    assert_has(json, "[\"R00000\", \"R15999\"]], \"reachability_gained\": []");
    assert_has(json, "\"reachability_gained_count\": 0, \"reachability_exact\": false");
    mg_free(json);
    mg_free(text);
    mg_comparison_free(c);
    mg_gaps_opts_set_reference(opts, whole);
    ck_assert_int_eq(mg_gaps_find(cut, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(g), 1000);
    ck_assert_int_eq(mg_gaps_format(g, MG_FORMAT_MD, &text, &err), MG_OK);
    at = strstr(text, "At least ");
    ck_assert_ptr_nonnull(at);
    ck_assert_uint_le(strtoull(at + strlen("At least "), NULL, 10), 225000000ULL - 1000);
    assert_has(text, "only the first 1000 in order of the reference's role names are listed, as "
                     "counting them all would take too long.");
    ck_assert_int_eq(mg_gaps_format(g, MG_FORMAT_JSON, &json, &err), MG_OK);
    assert_has(json, "\"unreachable_exact\": false");
    mg_free(json);
    mg_free(text);
    mg_gaps_free(g);
    mg_gaps_opts_free(opts);
    mg_org_free(whole);
    mg_org_free(cut);
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
    tcase_add_test(tc, what_if_titles);
    tcase_add_test(tc, what_if_reference_keeps_the_work);
    tcase_add_test(tc, diff_keeps_the_work_by_capability);
    tcase_add_test(tc, diff_finds_a_respelled_capability);
    tcase_add_test(tc, gaps_alone_never_unowned);
    tcase_add_test(tc, gaps_match_by_folded_names);
    suite_add_tcase(s, tc);
    tc = tcase_create("chains");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, chains_against_the_path_search);
    tcase_add_test(tc, chains_past_the_bound);
    tcase_add_test(tc, unreachable_against_the_path_search);
    tcase_add_test(tc, unreachable_past_the_bound);
    tcase_add_test(tc, chains_past_the_work_bound);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(compare_suite());
}
