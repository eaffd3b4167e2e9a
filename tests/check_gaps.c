/*
 * check_gaps.c - coverage gaps: a hand-worked organisation with every kind,
 * cut roles and cut handoffs against brute force (delete each role or
 * collaboration and count components), the reference model's findings, the
 * comparison with a reference, and determinism.
 */
#include "config.h"

#include <math.h>

#include <stdio.h>

#include "testutil.h"

/* ---- A hand-worked organisation ------------------------------------------ */

/*
 * Collaborations:   A -> B, B <-> C, C -> A  (a triangle)
 *                   C <-> D, D -> E          (a tail: C and D are cut roles,
 *                                             C-D and D-E cut handoffs)
 *                   G -> G                   (a self-collaboration only)
 * F is named in tools.csv only, so it has no collaboration at all.
 * Parts (directions ignored): {A,B,C,D,E}, {F}, {G}: disconnected, and F and
 * G are isolated.
 *
 * Responsibilities: A cap-x, B cap-y, C cap-z, D cap-x.
 * Tools: A and F use T1 (supports cap-x); B and E use T2 (supports cap-w);
 *        C uses T3 (supports nothing).
 *  - capability-without-tool: cap-y (B) and cap-z (C): no tool supports them;
 *  - owner-without-tool: D needs cap-x, uses no tool; T1 supports it;
 *  - capability-without-owner: cap-w (T2), needed by no one;
 *  - single-role (fewer than 2 roles; low, as no role has a headcount):
 *    capabilities cap-y (B), cap-z (C);
 *    tool T3 (C). cap-x has two owners (A, D); T1 and T2 two users each;
 *  - latent-collaboration: A and F share T1, B and E share T2, no handoff;
 *    each pair has the same single tool, so the cosine of their TF-IDF
 *    vectors is 1.
 */
static mg_org *hand_worked(void)
{
    static const char collabs[] = "from,to,direction\nA,B,forward\nB,C,both\nC,A,forward\n"
                                  "C,D,both\nD,E,forward\nG,G,forward\n";
    static const char resps[] = "role,responsibility,capability\nA,Do x.,cap-x\nB,Do y.,cap-y\n"
                                "C,Do z.,cap-z\nD,Also do x.,cap-x\n";
    static const char tools[] = "role,tool,capability\nA,T1,cap-x\nF,T1,cap-x\nB,T2,cap-w\n"
                                "E,T2,cap-w\nC,T3,\n";
    mg_org *org = mg_org_new();
    mg_error err;

    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_COLLABORATIONS, "c.csv", collabs,
                                        strlen(collabs), &err),
                     MG_OK);
    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_RESPONSIBILITIES, "r.csv", resps,
                                        strlen(resps), &err),
                     MG_OK);
    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_TOOLS, "t.csv", tools, strlen(tools), &err),
                     MG_OK);
    return org;
}

/* A gap as "severity kind roles|tools|capabilities", subjects ';'-joined. */
static char *describe(const mg_gaps *g, size_t i)
{
    static char buf[512];
    size_t j;
    int s;

    snprintf(buf, sizeof buf, "%s %s ", mg_severity_name(mg_gap_severity(g, i)),
             mg_gap_kind(g, i));
    for (s = 0; s < 3; s++) {
        for (j = 0; j < mg_gap_subject_count(g, i, (mg_subject)s); j++) {
            strcat(buf, j ? ";" : "");
            strcat(buf, mg_gap_subject(g, i, (mg_subject)s, j));
        }
        strcat(buf, s < 2 ? "|" : "");
    }
    return buf;
}

START_TEST(every_kind_by_hand)
{
    /* sorted by severity, then impact (the roles a gap names, or a cut cuts
     * off; no headcounts here), most first, then kind in report order, then
     * subjects. Cuts (cut_severity_by_share): without C, {D, E} is cut off
     * from {A, B} (two roles of five: high); without D only E (medium); the
     * handoff C <-> D cuts off {D, E} (medium), D -> E only E (low). */
    static const char *const want[] = {
        "high disconnected F;G||",
        "high cut-role C||",
        "high capability-without-tool B||cap-y",
        "high capability-without-tool C||cap-z",
        "medium cut-handoff C;D||",
        "medium cut-role D||",
        "medium owner-without-tool D|T1|cap-x",
        "medium isolated-role F||",
        "medium isolated-role G||",
        "low latent-collaboration A;F|T1|",
        "low latent-collaboration B;E|T2|",
        "low cut-handoff D;E||",
        "low single-role B||cap-y",
        "low single-role C||cap-z",
        "low single-role C|T3|",
        "low capability-without-owner |T2|cap-w",
    };
    mg_org *org = hand_worked();
    mg_gaps *g;
    mg_error err;
    size_t i, n = sizeof want / sizeof want[0];

    ck_assert_int_eq(mg_gaps_find(org, NULL, &g, &err), MG_OK);
    for (i = 0; i < mg_gaps_count(g) && i < n; i++)
        ck_assert_str_eq(describe(g, i), want[i]);
    ck_assert_uint_eq(mg_gaps_count(g), n);
    ck_assert_int_eq(mg_gaps_max_severity(g), MG_SEVERITY_HIGH);
    mg_gaps_free(g);
    mg_org_free(org);
}
END_TEST

static const char *message_of(const mg_gaps *g, const char *kind, const char *role)
{
    size_t i;

    for (i = 0; i < mg_gaps_count(g); i++)
        if (!strcmp(mg_gap_kind(g, i), kind) &&
            (!role || (mg_gap_subject_count(g, i, MG_SUBJECT_ROLE) &&
                       !strcmp(mg_gap_subject(g, i, MG_SUBJECT_ROLE, 0), role))))
            return mg_gap_message(g, i);
    return NULL;
}

/* Gap i's groups cut off ("D,E|F") and lost pairs ("D>A B>D"). */
static const char *separated_of(const mg_gaps *g, size_t i)
{
    static char buf[512];
    size_t k, j;

    buf[0] = 0;
    for (k = 0; k < mg_gap_separated_count(g, i); k++) {
        ck_assert_uint_eq(mg_gap_separated_listed(g, i, k), mg_gap_separated_size(g, i, k));
        for (j = 0; j < mg_gap_separated_listed(g, i, k); j++) {
            strcat(buf, j ? "," : k ? "|" : "");
            strcat(buf, mg_gap_separated_role(g, i, k, j));
        }
    }
    return buf;
}

static const char *reach_lost_of(const mg_gaps *g, size_t i)
{
    static char buf[512];
    size_t j;

    buf[0] = 0;
    for (j = 0; j < mg_gap_reach_lost_count(g, i); j++) {
        strcat(buf, j ? " " : "");
        strcat(buf, mg_gap_reach_lost_from(g, i, j));
        strcat(buf, ">");
        strcat(buf, mg_gap_reach_lost_to(g, i, j));
    }
    return buf;
}

/* The index of the gap of this kind whose first role subject is `role`. */
static size_t gap_index(const mg_gaps *g, const char *kind, const char *role)
{
    size_t i;

    for (i = 0; i < mg_gaps_count(g); i++)
        if (!strcmp(mg_gap_kind(g, i), kind) &&
            !strcmp(mg_gap_subject(g, i, MG_SUBJECT_ROLE, 0), role))
            return i;
    ck_abort_msg("no %s gap about %s", kind, role);
    return 0;
}

/*
 * What the cuts of the hand-worked organisation separate, worked out from
 * its handoffs A -> B, B <-> C, C -> A, C <-> D, D -> E:
 *  - without C: {A, B} and {D, E}; the main part is the one holding A (equal
 *    sizes), so {D, E} is cut off. Chains through C: D hands to C, which
 *    hands to A and B (C -> A, C <-> B): D>A, D>B; into the group, B and A
 *    (A -> B -> C) reach C, which hands to D, and D to E: B>D, B>E, A>D,
 *    A>E. E hands to nobody. Listed out of the group and into it in turn,
 *    senders and receivers nearest C first (ties by name).
 *  - without D: {E} is cut off; E hands to nobody; C, B and A reach D,
 *    which hands to E: C>E, B>E, A>E.
 *  - without C <-> D: {D, E} (2) from {A, B, C} (3). Out: D>C, D>A, D>B
 *    (D hands to C, then C -> A, C <-> B); in: C, B, A (nearest C first)
 *    to D and E: six pairs. In turn: D>C C>D D>A C>E D>B, then the rest.
 *  - without D -> E: {E}; D, C, B and A reach D, so each reached E.
 */
START_TEST(cuts_by_hand)
{
    static const char *const want[][4] = {
        /* kind, first role, separated, reach_lost */
        { "cut-role", "C", "D,E", "D>A B>D D>B B>E A>D A>E" },
        { "cut-role", "D", "E", "C>E B>E A>E" },
        { "cut-handoff", "C", "D,E", "D>C C>D D>A C>E D>B B>D B>E A>D A>E" },
        { "cut-handoff", "D", "E", "D>E C>E B>E A>E" },
    };
    mg_org *org = hand_worked();
    mg_gaps *g;
    mg_error err;
    size_t i, k;

    ck_assert_int_eq(mg_gaps_find(org, NULL, &g, &err), MG_OK);
    for (k = 0; k < sizeof want / sizeof want[0]; k++) {
        i = gap_index(g, want[k][0], want[k][1]);
        ck_assert_str_eq(separated_of(g, i), want[k][2]);
        ck_assert_str_eq(reach_lost_of(g, i), want[k][3]);
    }
    /* other kinds separate nothing */
    i = gap_index(g, "isolated-role", "F");
    ck_assert_uint_eq(mg_gap_separated_count(g, i), 0);
    ck_assert_uint_eq(mg_gap_reach_lost_count(g, i), 0);
    ck_assert_ptr_null(mg_gap_reach_lost_from(g, i, 0));
    ck_assert_ptr_null(mg_gap_separated_role(g, i, 0, 0));
    ck_assert_uint_eq(mg_gaps_separated_not_listed(g), 0);
    mg_gaps_free(g);
    mg_org_free(org);
}
END_TEST

START_TEST(messages_quote_the_evidence)
{
    mg_org *org = hand_worked();
    mg_gaps *g;
    mg_error err;

    ck_assert_int_eq(mg_gaps_find(org, NULL, &g, &err), MG_OK);
    /* without C (see cuts_by_hand): the group cut off named in full, and
     * the lost chains out of it (D's) and into it (B's and A's, to both) */
    ck_assert_str_eq(message_of(g, "cut-role", "C"),
                     "Without C, {D, E} lose their only connection to {A, B}. D can no longer "
                     "hand work to A or B; B and A can no longer hand work to D or E.");
    /* without D: three senders share the one receiver */
    ck_assert_str_eq(message_of(g, "cut-role", "D"),
                     "Without D, E loses its only connection to {A, B, C}. C, B and A can no "
                     "longer hand work to E.");
    ck_assert_str_eq(message_of(g, "capability-without-tool", "B"),
                     "No tool supports cap-y, needed by B for \"Do y.\"");
    ck_assert_str_eq(message_of(g, "latent-collaboration", "A"),
                     "A and F share T1 (similarity 1.00) but have no handoff in either "
                     "direction.");
    ck_assert_str_eq(message_of(g, "cut-handoff", "D"),
                     "Without the handoff D -> E, E loses its only connection to "
                     "{A, B, C, D}. D, C, B and A can no longer hand work to E.");
    mg_gaps_free(g);
    mg_org_free(org);
}
END_TEST

START_TEST(options)
{
    mg_org *org = hand_worked();
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *g;
    mg_error err;
    size_t i;

    /* only cut roles */
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "cut-role", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(g), 2);
    for (i = 0; i < mg_gaps_count(g); i++)
        ck_assert_str_eq(mg_gap_kind(g, i), "cut-role");
    mg_gaps_free(g);
    mg_gaps_opts_free(opts);

    /* min-roles 3: cap-x (A and D), T1 (A, F) and T2 (B, E) now count too */
    opts = mg_gaps_opts_new();
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "single-role", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_opts_set_min_roles(opts, 3, &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(g), 6); /* cap-x, cap-y, cap-z, T1, T2, T3 */
    mg_gaps_free(g);

    /* min-shared 2: no pair shares two tools */
    mg_gaps_opts_free(opts);
    opts = mg_gaps_opts_new();
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "latent-collaboration", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_opts_set_min_shared(opts, 2, &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(g), 0);
    ck_assert_int_eq(mg_gaps_max_severity(g), 0);
    mg_gaps_free(g);

    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "no-such-kind", &err), MG_EINVAL);
    ck_assert_int_eq(mg_gaps_opts_set_min_roles(opts, 1, &err), MG_EINVAL);
    ck_assert_int_eq(mg_gaps_opts_set_min_shared(opts, 0, &err), MG_EINVAL);
    mg_gaps_opts_free(opts);
    mg_org_free(org);
}
END_TEST

/* ---- Cut roles and handoffs against brute force ------------------------------ */

#define MAXN 9

/* Components among roles not removed, over edges not removed (union-find). */
static int components(int n, int m, const int (*edge)[2], int skip_role, int skip_edge)
{
    int parent[MAXN], i, count = 0;

    for (i = 0; i < n; i++)
        parent[i] = i;
    for (i = 0; i < m; i++) {
        int a = edge[i][0], b = edge[i][1];

        if (i == skip_edge || a == skip_role || b == skip_role || a == b)
            continue;
        while (parent[a] != a)
            a = parent[a];
        while (parent[b] != b)
            b = parent[b];
        parent[a] = b;
    }
    for (i = 0; i < n; i++)
        count += i != skip_role && parent[i] == i;
    return count;
}

static int has_gap(const mg_gaps *g, const char *kind, const char *a, const char *b)
{
    size_t i;

    for (i = 0; i < mg_gaps_count(g); i++) {
        if (strcmp(mg_gap_kind(g, i), kind) != 0)
            continue;
        if (!strcmp(mg_gap_subject(g, i, MG_SUBJECT_ROLE, 0), a) &&
            (!b || (mg_gap_subject_count(g, i, MG_SUBJECT_ROLE) == 2 &&
                    !strcmp(mg_gap_subject(g, i, MG_SUBJECT_ROLE, 1), b))))
            return 1;
    }
    return 0;
}

START_TEST(cuts_match_brute_force)
{
    unsigned seed = 12345u + (unsigned)_i * 7919u;
    int n = 2 + (int)(lcg24(&seed) % (MAXN - 1)), m = (int)(lcg24(&seed) % (2 * n + 1));
    int edge[2 * MAXN + 1][2], i, cut_roles = 0, bridges = 0;
    char csv[2048] = "from,to,direction\n", name[2][8];
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_org *org;
    mg_gaps *g;
    mg_error err;

    for (i = 0; i < m; i++) {
        edge[i][0] = (int)(lcg24(&seed) % (unsigned)n);
        edge[i][1] = (int)(lcg24(&seed) % (unsigned)n);
        /* "both" rows never repeat a pair in the model, so keep rows forward:
         * a repeated pair is then two collaborations, or one merged row */
        snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "R%d,R%d,forward\n", edge[i][0],
                 edge[i][1]);
    }
    /* every role exists even without edges */
    {
        char roles[256] = "role\n";

        for (i = 0; i < n; i++)
            snprintf(roles + strlen(roles), sizeof roles - strlen(roles), "R%d\n", i);
        org = org_from(MG_TABLE_ROLES, roles, &err);
    }
    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_COLLABORATIONS, "c.csv", csv, strlen(csv),
                                        &err),
                     MG_OK);
    /* merged duplicate rows (same from, to) are one collaboration: drop them */
    for (i = 0; i < m; i++) {
        int j, dup = 0;

        for (j = 0; j < i; j++)
            dup |= edge[j][0] == edge[i][0] && edge[j][1] == edge[i][1];
        if (dup)
            edge[i][0] = edge[i][1] = 0; /* a self-loop: ignored below */
    }
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "cut-role", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "cut-handoff", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    {
        int base = components(n, m, edge, -1, -1);

        for (i = 0; i < n; i++) {
            /* without role i, the others fall into more parts than before
             * (an isolated role's removal leaves one part fewer) */
            int isolated = components(n, m, edge, -1, -1) == components(n, m, edge, i, -1) + 1;
            int cut = !isolated && components(n, m, edge, i, -1) > base;

            snprintf(name[0], sizeof name[0], "R%d", i);
            ck_assert_msg(has_gap(g, "cut-role", name[0], NULL) == cut,
                          "seed case %d: role %s cut=%d", _i, name[0], cut);
            cut_roles += cut;
        }
        for (i = 0; i < m; i++) {
            int bridge = edge[i][0] != edge[i][1] && components(n, m, edge, -1, i) > base;

            if (!bridge)
                continue;
            snprintf(name[0], sizeof name[0], "R%d", edge[i][0]);
            snprintf(name[1], sizeof name[1], "R%d", edge[i][1]);
            ck_assert_msg(has_gap(g, "cut-handoff", name[0], name[1]),
                          "case %d: bridge %s-%s missing", _i, name[0], name[1]);
            bridges++;
        }
    }
    ck_assert_uint_eq(mg_gaps_count(g), (size_t)(cut_roles + bridges));
    mg_gaps_free(g);
    mg_gaps_opts_free(opts);
    mg_org_free(org);
}
END_TEST

/* ---- The reference model ---------------------------------------------------------- */

static size_t count_kind(const mg_gaps *g, const char *kind)
{
    size_t i, n = 0;

    for (i = 0; i < mg_gaps_count(g); i++)
        n += strcmp(mg_gap_kind(g, i), kind) == 0;
    return n;
}

START_TEST(reference_findings)
{
    mg_org *org = mg_org_new();
    mg_gaps *g;
    mg_error err;
    const char *msg;

    ck_assert_int_eq(mg_org_load_reference(org, &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, NULL, &g, &err), MG_OK);
    /* the seed's only shared tools: Prometheus and Grafana (DevOps, SRE) and
     * Jira (BA/PM, Lead); neither pair has a handoff in the seed. Similarity:
     * 10 roles; a tool of one role weighs log 10, one of two log 5. BA/PM has
     * 4 tools, the Lead 3, sharing Jira: cos = l5 / sqrt((l5 + 3 l10)(l5 + 2
     * l10)) with l5 = (log 5)^2, l10 = (log 10)^2; DevOps has 5, SRE 3,
     * sharing two: cos = 2 l5 / sqrt((2 l5 + 3 l10)(2 l5 + l10)). */
    {
        double l5 = log(5) * log(5), l10 = log(10) * log(10);
        char want[2][256];

        snprintf(want[0], sizeof want[0],
                 "Business Analysts / Product Managers and MLOps Manager / Lead share Jira "
                 "(similarity %.2f) but have no handoff in either direction.",
                 l5 / sqrt((l5 + 3 * l10) * (l5 + 2 * l10)));
        snprintf(want[1], sizeof want[1],
                 "DevOps Engineers and Site Reliability Engineers share Grafana and Prometheus "
                 "(similarity %.2f) but have no handoff in either direction.",
                 2 * l5 / sqrt((2 * l5 + 3 * l10) * (2 * l5 + l10)));
        ck_assert_uint_eq(count_kind(g, "latent-collaboration"), 2);
        ck_assert_str_eq(
            message_of(g, "latent-collaboration", "Business Analysts / Product Managers"),
            want[0]);
        ck_assert_str_eq(message_of(g, "latent-collaboration", "DevOps Engineers"), want[1]);
    }
    /* no key tool protects ML pipelines from adversarial attacks */
    msg = message_of(g, "capability-without-tool", "Security Engineers");
    ck_assert_ptr_nonnull(msg);
    ck_assert_ptr_nonnull(strstr(g ? msg : "", "Protect ML pipelines from adversarial attacks."));
    /* the seed names no counterpart for these three (data/README.md) */
    ck_assert_uint_eq(count_kind(g, "isolated-role"), 3);
    ck_assert_ptr_nonnull(message_of(g, "isolated-role", "MLOps Manager / Lead"));
    ck_assert_ptr_nonnull(message_of(g, "isolated-role", "Model Governance Experts"));
    ck_assert_ptr_nonnull(message_of(g, "isolated-role", "Business Analysts / Product Managers"));
    /* parts: the five engineering roles; SRE and Security; and the three above */
    ck_assert_ptr_nonnull(strstr(message_of(g, "disconnected", NULL), "falls into 5 parts"));
    /* MLE alone joins DevOps to the rest; DS alone joins Data Engineers */
    ck_assert_uint_eq(count_kind(g, "cut-role"), 2);
    /* DevOps <-> MLE -> SWE <-> DS <-> DE, and DS -> MLE: DevOps reached the
     * other three through MLE (SWE first, then DS, then DE), and each of
     * them reached DevOps (DS hands to MLE directly, DE and SWE through DS) */
    ck_assert_str_eq(message_of(g, "cut-role", "Machine Learning Engineers"),
                     "Without Machine Learning Engineers, DevOps Engineers loses its only "
                     "connection to {Data Engineers, Data Scientists, Software Engineers}. "
                     "DevOps Engineers can no longer hand work to Software Engineers, Data "
                     "Scientists or Data Engineers; Data Scientists, Data Engineers and "
                     "Software Engineers can no longer hand work to DevOps Engineers.");
    ck_assert_ptr_nonnull(message_of(g, "cut-role", "Data Scientists"));
    ck_assert_uint_eq(count_kind(g, "cut-handoff"), 3);
    mg_gaps_free(g);
    mg_org_free(org);
}
END_TEST

/* The other findings README's "What the reference model reveals" states. */
START_TEST(reference_paths_and_bottlenecks)
{
    mg_org *org = mg_org_new();
    mg_bottlenecks *b;
    mg_paths *p;
    mg_error err;

    ck_assert_int_eq(mg_org_load_reference(org, &err), MG_OK);
    /* Handoffs (data/collaborations.csv): DS<->DE, DS->MLE, MLE<->DevOps,
     * MLE->SWE, SWE<->DS, SRE<->Security, BA/PM self. Cheapest chains through
     * DS: DE->MLE, DE->SWE, DE->DevOps, DevOps->DE, MLE->DE, SWE->DE,
     * SWE->DevOps, SWE->MLE = 8 (each the only cheapest chain); through MLE:
     * DE->DevOps, DS->DevOps, DevOps->SWE, DevOps->DS, DevOps->DE,
     * SWE->DevOps = 6; through SWE: DevOps->DS, DevOps->DE, MLE->DS, MLE->DE = 4. */
    ck_assert_int_eq(mg_bottlenecks_find(org, &b, &err), MG_OK);
    ck_assert_str_eq(mg_bottleneck_role(b, 0), "Data Scientists");
    ck_assert_double_eq(mg_bottleneck_betweenness(b, 0), 8);
    ck_assert_str_eq(mg_bottleneck_role(b, 1), "Machine Learning Engineers");
    ck_assert_double_eq(mg_bottleneck_betweenness(b, 1), 6);
    ck_assert_str_eq(mg_bottleneck_role(b, 2), "Software Engineers");
    ck_assert_double_eq(mg_bottleneck_betweenness(b, 2), 4);
    ck_assert_double_eq(mg_bottleneck_betweenness(b, 3), 0);
    mg_bottlenecks_free(b);
    /* a model goes from data science to operations through the ML engineers */
    ck_assert_int_eq(mg_paths_find(org, "DS", "DevOps", 3, &p, &err), MG_OK);
    ck_assert_uint_eq(mg_paths_count(p), 1);
    ck_assert_double_eq(mg_path_cost(p, 0), 2);
    ck_assert_str_eq(mg_path_step_to(p, 0, 0), "Machine Learning Engineers");
    mg_paths_free(p);
    /* ...and never reaches the SREs: no handoff leads into operations */
    ck_assert_int_eq(mg_paths_find(org, "DS", "SRE", 1, &p, &err), MG_OK);
    ck_assert_uint_eq(mg_paths_count(p), 0);
    mg_paths_free(p);
    mg_org_free(org);
}
END_TEST

/* ---- Comparing with a reference ---------------------------------------------------- */

/* The CSV files of data/ without any row that names Machine Learning Engineers. */
static mg_org *reference_without_mle(void)
{
    static const char *const files[MG_TABLE_COUNT] = {
        DATADIR "/roles.csv", DATADIR "/responsibilities.csv", DATADIR "/tools.csv",
        DATADIR "/collaborations.csv",
    };
    mg_org *org = mg_org_new();
    mg_error err;
    int t;

    for (t = 0; t < MG_TABLE_COUNT; t++) {
        FILE *f = fopen(files[t], "r");
        char line[1024], *csv = calloc(1, 65536);

        ck_assert_ptr_nonnull(f);
        while (fgets(line, sizeof line, f))
            if (!strstr(line, "Machine Learning Engineers"))
                strcat(csv, line);
        fclose(f);
        ck_assert_int_eq(mg_org_load_buffer(org, (mg_table)t, "x.csv", csv, strlen(csv), &err),
                         MG_OK);
        free(csv);
    }
    return org;
}

START_TEST(against_a_reference)
{
    mg_org *ref = mg_org_new(), *org = reference_without_mle();
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *g;
    mg_error err;
    size_t i, unreachable = 0;

    ck_assert_int_eq(mg_org_load_reference(ref, &err), MG_OK);
    mg_gaps_opts_set_reference(opts, ref);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(count_kind(g, "missing-role"), 1);
    ck_assert_ptr_nonnull(message_of(g, "missing-role", "Machine Learning Engineers"));
    /* every reference handoff between remaining roles is still there */
    ck_assert_uint_eq(count_kind(g, "missing-collaboration"), 0);
    /* In the reference, DS, DE, MLE, DevOps and SWE all reach each other
     * (DS<->DE, DS->MLE, MLE<->DevOps, MLE->SWE, SWE<->DS). Without MLE,
     * DevOps is cut off: DevOps -> {DS, DE, SWE} and back, 6 pairs. */
    for (i = 0; i < mg_gaps_count(g); i++)
        if (!strcmp(mg_gap_kind(g, i), "unreachable-handoff")) {
            unreachable++;
            ck_assert(!strcmp(mg_gap_subject(g, i, MG_SUBJECT_ROLE, 0), "DevOps Engineers") ||
                      !strcmp(mg_gap_subject(g, i, MG_SUBJECT_ROLE, 1), "DevOps Engineers"));
        }
    ck_assert_uint_eq(unreachable, 6);
    mg_gaps_free(g);

    /* the reference against itself: nothing is missing */
    ck_assert_int_eq(mg_gaps_find(ref, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(count_kind(g, "missing-role"), 0);
    ck_assert_uint_eq(count_kind(g, "missing-collaboration"), 0);
    ck_assert_uint_eq(count_kind(g, "unreachable-handoff"), 0);
    mg_gaps_free(g);
    mg_gaps_opts_free(opts);
    mg_org_free(org);
    mg_org_free(ref);
}
END_TEST

/* --reference says which direction of a handoff is missing. Reference:
 * A->B, C<->D, E->F. Here: B->A (the opposite only), C->D (one of the two
 * ways), E and F without a handoff. Messages worked out by hand. */
START_TEST(reference_missing_direction)
{
    static const char ref_collabs[] = "from,to,handoff,direction\nA,B,models,forward\n"
                                      "C,D,data,both\nE,F,x,forward\n";
    static const char collabs[] = "from,to\nB,A\nC,D\n";
    static const char roles[] = "role\nA\nB\nC\nD\nE\nF\n";
    mg_error err;
    mg_org *ref = org_from(MG_TABLE_COLLABORATIONS, ref_collabs, &err);
    mg_org *org = org_from(MG_TABLE_COLLABORATIONS, collabs, &err);
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *g;

    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_ROLES, "r.csv", roles, strlen(roles), &err),
                     MG_OK);
    mg_gaps_opts_set_reference(opts, ref);
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "missing-collaboration", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(g), 3);
    ck_assert_str_eq(mg_gap_message(g, 0),
                     "The reference hands work from A to B (\"models\"); here only B hands to A.");
    ck_assert_str_eq(mg_gap_message(g, 1), "The reference hands work both ways between C and D "
                                           "(\"data\"); here only C hands to D.");
    ck_assert_str_eq(mg_gap_message(g, 2), "The reference hands work from E to F (\"x\"); here E "
                                           "and F have no handoff in either direction.");
    mg_gaps_free(g);
    mg_gaps_opts_free(opts);
    mg_org_free(org);
    mg_org_free(ref);
}
END_TEST

/* A collaboration between two roles without tools (X -> Y): latent
 * collaborations are looked for only where collaborations are known, and
 * roles without tools change no tool's weight. */
static void load_unrelated_handoff(mg_org *org)
{
    mg_error err;

    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_COLLABORATIONS, "c.csv",
                                        "from,to\nX,Y\n", 12, &err),
                     MG_OK);
}

/*
 * What a cut breaks: the chain A -> B -> C -> D -> E. Without C, {D, E} is
 * cut off ({A, B} is the main part: equal size, first name): two roles and
 * two fifths of the part, so cut-role C stays high; without B or D one role
 * is cut off: medium. Handoffs: B -> C and C -> D cut off two roles (medium),
 * A -> B and D -> E one (low). Headcounts A 1, B 2, C 3, D 4, E 5: the
 * impact of cut-role C is the people cut off, D and E: 9; of B, A's 1.
 */
START_TEST(cut_severity_by_share)
{
    static const char collabs[] = "from,to\nA,B\nB,C\nC,D\nD,E\n";
    static const char roles[] = "role,headcount\nA,1\nB,2\nC,3\nD,4\nE,5\n";
    static const char *const want[] = {
        "high cut-role C||",         "medium cut-handoff B;C||", "medium cut-handoff C;D||",
        "medium cut-role B||",       "medium cut-role D||",      "low cut-handoff A;B||",
        "low cut-handoff D;E||",
    };
    mg_error err;
    mg_org *org = org_from(MG_TABLE_COLLABORATIONS, collabs, &err);
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *g;
    char *json;
    size_t i;

    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "cut-role", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "cut-handoff", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(g), 7);
    for (i = 0; i < 7; i++)
        ck_assert_str_eq(describe(g, i), want[i]);
    mg_gaps_free(g);
    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_ROLES, "r.csv", roles, strlen(roles), &err),
                     MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_int_eq(mg_gaps_format(g, MG_FORMAT_JSON, &json, &err), MG_OK);
    ck_assert_msg(strstr(json, "\"roles\": [\"C\"], \"tools\": [], \"capabilities\": [], "
                               "\"people\": 9, \"impact\": 9, \"impact_unit\": \"people\"") != NULL,
                  "%s", json);
    ck_assert_msg(strstr(json, "\"roles\": [\"B\"], \"tools\": [], \"capabilities\": [], "
                               "\"people\": 1, \"impact\": 1, \"impact_unit\": \"people\"") != NULL,
                  "%s", json);
    mg_free(json);
    mg_gaps_free(g);
    mg_gaps_opts_free(opts);
    mg_org_free(org);
}
END_TEST

/*
 * The bus factor in people. Headcounts: A 3, B 1, C 0.5, D unknown.
 *   cap-a: A (3 people): not below 2, no gap;
 *   cap-b: B (1 person): medium, "rests on 1 person";
 *   cap-c: B and C (1.5 people): medium, "rests on 1.5 people only";
 *   cap-d: D (headcount unknown): counted in roles, one role: low;
 *   cap-e: A and D (D unknown): counted in roles, two: no gap.
 * --min-people 4 adds cap-a (3 people < 4). JSON people: the headcount of
 * the gap's roles, null when one is unknown.
 */
START_TEST(bus_factor_in_people)
{
    static const char roles[] = "role,headcount\nA,3\nB,1\nC,0.5\nD,\n";
    static const char resps[] = "role,responsibility,capability\nA,a,cap-a\nB,b,cap-b\n"
                                "B,c,cap-c\nC,c,cap-c\nD,d,cap-d\nA,e,cap-e\nD,e,cap-e\n";
    mg_error err;
    mg_org *org = org_from(MG_TABLE_ROLES, roles, &err);
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *g;
    char *json;

    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_RESPONSIBILITIES, "r.csv", resps,
                                        strlen(resps), &err),
                     MG_OK);
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "single-role", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(g), 3);
    /* impact: cap-c concerns 1.5 people, cap-b 1: cap-c first */
    ck_assert_str_eq(describe(g, 0), "medium single-role B;C||cap-c");
    ck_assert_str_eq(mg_gap_message(g, 0), "cap-c rests on 1.5 people only: B and C (\"c\").");
    ck_assert_str_eq(describe(g, 1), "medium single-role B||cap-b");
    ck_assert_str_eq(mg_gap_message(g, 1), "cap-b rests on 1 person: B (\"b\").");
    ck_assert_str_eq(describe(g, 2), "low single-role D||cap-d");
    ck_assert_str_eq(mg_gap_message(g, 2), "cap-d rests on one role: D (\"d\").");
    ck_assert_int_eq(mg_gaps_format(g, MG_FORMAT_JSON, &json, &err), MG_OK);
    ck_assert_msg(strstr(json, "[\"cap-b\"], \"people\": 1, \"impact\": 1, \"impact_unit\": "
                               "\"people\"") != NULL, "%s", json);
    ck_assert_msg(strstr(json, "[\"cap-c\"], \"people\": 1.5, \"impact\": 1.5, ") != NULL, "%s",
                  json);
    ck_assert_msg(strstr(json, "[\"cap-d\"], \"people\": null, \"impact\": 1, \"impact_unit\": "
                               "\"roles\"") != NULL, "%s", json);
    mg_free(json);
    mg_gaps_free(g);

    ck_assert_int_eq(mg_gaps_opts_set_min_people(opts, 4, &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(g), 4);
    ck_assert_str_eq(describe(g, 0), "medium single-role A||cap-a");
    ck_assert_str_eq(mg_gap_message(g, 0), "cap-a rests on 3 people only: A (\"a\").");
    mg_gaps_free(g);
    ck_assert_int_eq(mg_gaps_opts_set_min_people(opts, 0, &err), MG_EINVAL);
    mg_gaps_opts_free(opts);
    mg_org_free(org);
}
END_TEST

/*
 * Use weights count: A uses T1; B uses T1 (weight 1) and T2 (weight 3); C
 * uses T2. Three roles, each tool used by two: both weigh L = log(3/2).
 * Vectors A = (L, 0), B = (L, 3L), C = (0, L):
 *   cos(A,B) = L^2 / (L * L sqrt 10) = 1/sqrt 10 = 0.316...
 *   cos(B,C) = 3L^2 / (L sqrt 10 * L) = 3/sqrt 10 = 0.948...
 * so B's heavy use of T2 ties it to C three times as much as to A, and A-B
 * (below half of B's closest, 0.948...) is no latent collaboration: only
 * B-C is listed.
 * Unweighted, B = (L, L) and both pairs have 1/sqrt 2 = 0.707...
 */
START_TEST(latent_weights)
{
    static const char weighted[] = "role,tool,weight\nA,T1,1\nB,T1,1\nB,T2,3\nC,T2,1\n";
    static const char plain[] = "role,tool\nA,T1\nB,T1\nB,T2\nC,T2\n";
    mg_error err;
    mg_org *org = org_from(MG_TABLE_TOOLS, weighted, &err);
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *g;
    char want[1][128];

    /* a handoff elsewhere: without collaborations, latent ones are not looked for */
    load_unrelated_handoff(org);
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "latent-collaboration", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    snprintf(want[0], sizeof want[0],
             "B and C share T2 (similarity %.2f) but have no handoff in either direction.",
             3 / sqrt(10));
    ck_assert_uint_eq(mg_gaps_count(g), 1);
    ck_assert_str_eq(mg_gap_message(g, 0), want[0]);
    mg_gaps_free(g);
    mg_org_free(org);

    org = org_from(MG_TABLE_TOOLS, plain, &err);
    load_unrelated_handoff(org);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    snprintf(want[0], sizeof want[0],
             "A and B share T1 (similarity %.2f) but have no handoff in either direction.",
             1 / sqrt(2));
    ck_assert_uint_eq(mg_gaps_count(g), 2);
    ck_assert_str_eq(mg_gap_message(g, 0), want[0]);
    mg_gaps_free(g);
    mg_gaps_opts_free(opts);
    mg_org_free(org);
}
END_TEST

/*
 * Latent collaborations need real overlap: the same six roles as in
 * check_clusters' hubs_left_out (H used by A..F, T by A and B, U by C and D,
 * no handoffs). H, which every role uses, weighs log(6/6) = 0: the 13 pairs
 * that share only H are no latent collaboration. A-B (H and T) and C-D (H
 * and U) have the same vectors: similarity 1, and the message names T (U),
 * which carries it, not H. --max-latent 1 lists A-B (equal similarity and
 * shared count: A before C) and counts 1. --max-pairs 16 leaves H out of
 * the projection (named in the result); the same two pairs remain.
 */
START_TEST(latent_bounds)
{
    static const char tools[] = "role,tool\nA,H\nB,H\nC,H\nD,H\nE,H\nF,H\n"
                                "A,T\nB,T\nC,U\nD,U\n";
    static const char *const want[] = {
        "A and B share T (similarity 1.00) but have no handoff in either direction.",
        "C and D share U (similarity 1.00) but have no handoff in either direction.",
    };
    mg_error err;
    mg_org *org = org_from(MG_TABLE_TOOLS, tools, &err);
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *g = NULL;

    ck_assert_ptr_nonnull(org);
    load_unrelated_handoff(org);
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "latent-collaboration", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(g), 2);
    ck_assert_uint_eq(mg_gaps_latent_not_listed(g), 0);
    ck_assert_str_eq(mg_gap_message(g, 0), want[0]);
    ck_assert_str_eq(mg_gap_message(g, 1), want[1]);
    mg_gaps_free(g);

    ck_assert_int_eq(mg_gaps_opts_set_max_latent(opts, 1, &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(g), 1);
    ck_assert_uint_eq(mg_gaps_latent_not_listed(g), 1);
    ck_assert_str_eq(mg_gap_message(g, 0), want[0]);
    mg_gaps_free(g);

    ck_assert_int_eq(mg_gaps_opts_set_max_pairs(opts, 16, &err), MG_OK);
    ck_assert_int_eq(mg_gaps_opts_set_max_latent(opts, 10, &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_count(g), 2);
    ck_assert_uint_eq(mg_gaps_left_out_count(g), 1);
    ck_assert_str_eq(mg_gaps_left_out(g, 0), "H");
    ck_assert_str_eq(mg_gap_message(g, 0), want[0]);
    ck_assert_str_eq(mg_gap_message(g, 1), want[1]);
    mg_gaps_free(g);
    mg_gaps_opts_free(opts);
    mg_org_free(org);
}
END_TEST

START_TEST(formats)
{
    mg_org *org = hand_worked();
    mg_gaps *g;
    mg_error err;
    char *json, *csv, *md, *text;

    ck_assert_int_eq(mg_gaps_find(org, NULL, &g, &err), MG_OK);
    ck_assert_int_eq(mg_gaps_format(g, MG_FORMAT_JSON, &json, &err), MG_OK);
    {
        /* the load warning first: cap-w (t.csv row 4, column 6) is supported
         * by T2, needed by nothing, and one letter from cap-x, -y and -z */
        static const char prefix[] = "{\"version\": 1, \"warnings\": [{\"source\": \"t.csv\", "
                                     "\"line\": 4, \"column\": 6, \"message\": \"capability "
                                     "'cap-w' is supported by tools but no responsibility needs "
                                     "it; did you mean 'cap-x', 'cap-y' or 'cap-z'?\"}], "
                                     "\"skipped\": [], \"max_pairs\": 4000000, \"left_out\": [], "
                                     "\"latent_not_listed\": 0, \"separated_not_listed\": 0, "
                                     "\"gaps\": [{\"kind\": \"disconnected\", \"severity\": \"high\", "
                                     "\"roles\": [\"F\", \"G\"], \"tools\": [], \"capabilities\": "
                                     "[], \"people\": null, \"impact\": 2, "
                                     "\"impact_unit\": \"roles\", \"message\": ";

        ck_assert_int_eq(strncmp(json, prefix, sizeof prefix - 1), 0);
    }
    ck_assert_int_eq(mg_gaps_format(g, MG_FORMAT_CSV, &csv, &err), MG_OK);
    /* a header and one row per gap (no field holds a line break here) */
    {
        size_t lines = 0;
        const char *p;

        for (p = csv; *p; p++)
            lines += *p == '\n';
        ck_assert_uint_eq(lines, mg_gaps_count(g) + 1);
        ck_assert_int_eq(strncmp(csv, "severity,kind,roles,tools,capabilities,message\r\n", 48), 0);
    }
    ck_assert_int_eq(mg_gaps_format(g, MG_FORMAT_MD, &md, &err), MG_OK);
    ck_assert_ptr_nonnull(strstr(md, "| severity | kind |"));
    ck_assert_int_eq(mg_gaps_format(g, MG_FORMAT_TEXT, &text, &err), MG_OK);
    ck_assert_ptr_nonnull(strstr(text, "16 gaps: 4 high, 5 medium, 7 low."));
    mg_free(json);
    mg_free(csv);
    mg_free(md);
    mg_free(text);
    mg_gaps_free(g);
    mg_org_free(org);
}
END_TEST

static Suite *gaps_suite(void)
{
    Suite *s = suite_create("gaps");
    TCase *tc = tcase_create("hand-worked");

    tcase_add_test(tc, every_kind_by_hand);
    tcase_add_test(tc, messages_quote_the_evidence);
    tcase_add_test(tc, cuts_by_hand);
    tcase_add_test(tc, options);
    tcase_add_test(tc, formats);
    tcase_add_test(tc, latent_bounds);
    tcase_add_test(tc, latent_weights);
    tcase_add_test(tc, bus_factor_in_people);
    tcase_add_test(tc, cut_severity_by_share);
    suite_add_tcase(s, tc);
    tc = tcase_create("brute-force");
    tcase_add_loop_test(tc, cuts_match_brute_force, 0, 300);
    suite_add_tcase(s, tc);
    tc = tcase_create("reference");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, reference_findings);
    tcase_add_test(tc, reference_paths_and_bottlenecks);
    tcase_add_test(tc, against_a_reference);
    tcase_add_test(tc, reference_missing_direction);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(gaps_suite());
}
