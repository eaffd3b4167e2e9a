/*
 * check_cuts.c - what cut roles and cut handoffs separate (gaps' separated
 * and reach_lost), on 250 random organisations, each gap against
 * computations of its own from the collaboration rows:
 *  - the groups cut off are the components, found by union-find without
 *    the role or handoff, of the cut's part of the organisation, less the
 *    largest (of equal ones, the one with the first name);
 *  - every pair listed had a chain before (the path search: mg_costs_find,
 *    and mg_paths_find for a gap's first pair, on the organisation) and
 *    has none without the cut (the same on one loaded from the rows less
 *    the role or handoff), lies across the cut,
 *    and is listed once; and against a transitive closure of the rows, the
 *    list holds every such pair when it holds fewer than the bound, and
 *    otherwise all the pairs of the groups before the last one it reaches.
 * Then the bound on names listed, on a chain too long to list in full.
 */
#include "config.h"

#include <stdio.h>

#include "testutil.h"

#define MAXN 30
#define MAXM 64

/* Collaboration rows between roles R00..R<n-1>. */
typedef struct rows {
    int n, m;
    int from[MAXM], to[MAXM], both[MAXM];
} rows;

/* What is taken away: a role, or every row between two roles. */
typedef struct removal {
    int role, a, b; /* -1 when unused */
} removal;

/* Sparse organisations, so that most have cuts: about as many rows as
 * roles, a third of them both ways, some repeated, some within a role;
 * every fourth organisation has a hub (R00) at one end of half its rows,
 * which then cuts off many small groups. */
static void random_rows(rows *r, unsigned seed)
{
    int i, hub = seed % 4 == 0;

    r->n = 2 + (int)(lcg24(&seed) % (MAXN - 1));
    r->m = r->n / 2 + (int)(lcg24(&seed) % (unsigned)(r->n + 1));
    for (i = 0; i < r->m; i++) {
        r->from[i] = (int)(lcg24(&seed) % (unsigned)r->n);
        r->to[i] = hub && lcg24(&seed) % 2 ? 0 : (int)(lcg24(&seed) % (unsigned)r->n);
        r->both[i] = lcg24(&seed) % 3 == 0;
    }
}

static int removed_row(const rows *r, const removal *x, int i)
{
    int f = r->from[i], t = r->to[i];

    return f == x->role || t == x->role || (f == x->a && t == x->b) || (f == x->b && t == x->a);
}

/* What load keeps: the rows and the removal. */
typedef struct load_ctx {
    const rows *r;
    const removal *x;
} load_ctx;

static int keep_unremoved(const void *ctx, keep_what what, int i)
{
    const load_ctx *c = ctx;

    return what == KEEP_ROLE ? i != c->x->role : !removed_row(c->r, c->x, i);
}

/* The organisation of the rows less the removal, through CSV text. */
static mg_org *load(const rows *r, const removal *x)
{
    load_ctx c;

    c.r = r;
    c.x = x;
    return org_from_rows(r->n, r->m, r->from, r->to, r->both, keep_unremoved, &c);
}

/* comp[v]: the smallest role of v's component (union-find), directions
 * and self rows ignored, without the removal. */
static void components(const rows *r, const removal *x, int *comp)
{
    int i;

    for (i = 0; i < r->n; i++)
        comp[i] = i;
    for (i = 0; i < r->m; i++) {
        int a = r->from[i], b = r->to[i];

        if (removed_row(r, x, i))
            continue;
        while (comp[a] != a)
            a = comp[a];
        while (comp[b] != b)
            b = comp[b];
        if (a != b)
            comp[a > b ? a : b] = a < b ? a : b;
    }
    for (i = 0; i < r->n; i++) {
        int a = i;

        while (comp[a] != a)
            a = comp[a];
        comp[i] = a;
    }
}

/* reach[a][b]: a handoff chain runs from a to b without the removal
 * (Warshall's transitive closure of the rows, "both" rows either way). */
static void closure(const rows *r, const removal *x, unsigned char (*reach)[MAXN])
{
    int i, j, k;

    memset(reach, 0, MAXN * sizeof *reach);
    for (i = 0; i < r->m; i++)
        if (!removed_row(r, x, i)) {
            reach[r->from[i]][r->to[i]] = 1;
            if (r->both[i])
                reach[r->to[i]][r->from[i]] = 1;
        }
    for (k = 0; k < r->n; k++)
        for (i = 0; i < r->n; i++)
            for (j = 0; reach[i][k] && j < r->n; j++)
                reach[i][j] |= reach[k][j];
}

static int role_of(const char *name)
{
    return atoi(name + 1);
}

/* The parts the removal leaves of the cut's component, in the gap's order:
 * pos[v] is v's part (0 the main one, -1 outside), size[p] its roles.
 * Returns the number of parts. */
static int expected_parts(const rows *r, const removal *x, int *pos, int *size)
{
    int before[MAXN], after[MAXN], first[MAXN], order[MAXN], n = 0, v, i, j;
    removal none = { -1, -1, -1 };
    int home = x->role >= 0 ? x->role : x->a;

    components(r, &none, before);
    components(r, x, after);
    /* parts by their first (smallest) role, as union-find names them */
    for (v = 0; v < r->n; v++)
        if (v != x->role && before[v] == before[home] && after[v] == v) {
            first[n] = v;
            size[n] = 0;
            order[n] = n;
            n++;
        }
    for (v = 0; v < r->n; v++)
        for (i = 0; i < n; i++)
            size[i] += v != x->role && before[v] == before[home] && after[v] == first[i];
    /* the main part: the largest, the first of equal ones; then the others
     * largest first, the first of equal ones first (insertion sort) */
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && (size[order[j]] > size[order[j - 1]]); j--) {
            int t = order[j];

            order[j] = order[j - 1];
            order[j - 1] = t;
        }
    for (v = 0; v < r->n; v++) {
        pos[v] = -1;
        for (i = 0; i < n; i++)
            if (v != x->role && before[v] == before[home] && after[v] == first[order[i]])
                pos[v] = i;
    }
    for (i = 0; i < n; i++)
        first[i] = size[order[i]];
    memcpy(size, first, (size_t)n * sizeof *size);
    return n;
}

/* Gap i's groups are exactly the parts after the main one, names in order. */
static void check_separated(const mg_gaps *g, size_t i, const rows *r, const int *pos,
                            const int *size, int n_parts)
{
    size_t k, j;
    int v;

    ck_assert_uint_eq(mg_gap_separated_count(g, i), (size_t)(n_parts - 1));
    for (k = 0; k + 1 < (size_t)n_parts; k++) {
        ck_assert_uint_eq(mg_gap_separated_size(g, i, k), (size_t)size[k + 1]);
        ck_assert_uint_eq(mg_gap_separated_listed(g, i, k), (size_t)size[k + 1]);
        for (j = 0, v = 0; v < r->n; v++)
            if (pos[v] == (int)k + 1) {
                char name[16];

                snprintf(name, sizeof name, "R%02d", v);
                ck_assert_str_eq(mg_gap_separated_role(g, i, k, j++), name);
            }
    }
}

/* The group a pair across the cut belongs to: the earlier of its ends'. */
static int pair_group(const int *pos, int a, int b)
{
    int pa = pos[a] ? pos[a] : MAXN, pb = pos[b] ? pos[b] : MAXN;

    return pa < pb ? pa : pb;
}

/* Each pair listed: across the cut, reached before and not after (by
 * mg_paths_find and by the closures), listed once, groups in order; the
 * list complete up to its bound and for every group before its last. */
static void check_reach(const mg_gaps *g, size_t i, const rows *r, const removal *x,
                        const mg_org *org, const mg_costs *before, const mg_org *org_after,
                        const int *pos)
{
    static unsigned char reach_before[MAXN][MAXN], reach_after[MAXN][MAXN], listed[MAXN][MAXN];
    removal none = { -1, -1, -1 };
    size_t j, n = mg_gap_reach_lost_count(g, i), lost = 0, lost_early = 0;
    int a, b, last = 0;
    mg_costs *after;
    mg_paths *p;
    mg_error err;

    ck_assert_int_eq(mg_costs_find(org_after, &after, &err), MG_OK);
    closure(r, &none, reach_before);
    closure(r, x, reach_after);
    memset(listed, 0, sizeof listed);
    for (j = 0; j < n; j++) {
        const char *from = mg_gap_reach_lost_from(g, i, j), *to = mg_gap_reach_lost_to(g, i, j);

        a = role_of(from);
        b = role_of(to);
        ck_assert_int_ge(pos[a], 0);
        ck_assert_int_ge(pos[b], 0);
        ck_assert_int_ne(pos[a], pos[b]);
        ck_assert(!listed[a][b]);
        listed[a][b] = 1;
        ck_assert_int_ge(pair_group(pos, a, b), last);
        last = pair_group(pos, a, b);
        ck_assert(reach_before[a][b] && !reach_after[a][b]);
        ck_assert_double_gt(mg_costs_get(before, role_index(org, from), role_index(org, to)), 0);
        ck_assert_double_lt(mg_costs_get(after, role_index(org_after, from),
                                         role_index(org_after, to)), 0);
        if (j == 0) { /* and as `path` asks */
            ck_assert_int_eq(mg_paths_find(org, from, to, 1, &p, &err), MG_OK);
            ck_assert_uint_ge(mg_paths_count(p), 1);
            mg_paths_free(p);
            ck_assert_int_eq(mg_paths_find(org_after, from, to, 1, &p, &err), MG_OK);
            ck_assert_uint_eq(mg_paths_count(p), 0);
            mg_paths_free(p);
        }
    }
    for (a = 0; a < r->n; a++)
        for (b = 0; b < r->n; b++)
            if (pos[a] >= 0 && pos[b] >= 0 && pos[a] != pos[b] && reach_before[a][b]) {
                lost++;
                if (n && pair_group(pos, a, b) < last) {
                    lost_early++;
                    ck_assert_msg(listed[a][b], "R%02d>R%02d of an earlier group not listed", a, b);
                }
            }
    ck_assert_uint_eq(n, lost < MG_REACH_LOST_MAX ? lost : MG_REACH_LOST_MAX);
    ck_assert_uint_le(lost_early, n);
    mg_costs_free(after);
}

START_TEST(random_organisations)
{
    unsigned seed = 2024u + (unsigned)_i * 104729u;
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *g;
    mg_error err;
    mg_costs *costs;
    mg_org *org;
    rows r;
    size_t i;
    removal none = { -1, -1, -1 };

    random_rows(&r, seed);
    org = load(&r, &none);
    ck_assert_int_eq(mg_costs_find(org, &costs, &err), MG_OK);
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "cut-role", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_opts_add_kind(opts, "cut-handoff", &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    ck_assert_uint_eq(mg_gaps_separated_not_listed(g), 0);
    for (i = 0; i < mg_gaps_count(g); i++) {
        int cut_role = !strcmp(mg_gap_kind(g, i), "cut-role"), pos[MAXN], size[MAXN], n_parts;
        removal x = { -1, -1, -1 };
        mg_org *after;

        if (cut_role) {
            x.role = role_of(mg_gap_subject(g, i, MG_SUBJECT_ROLE, 0));
        } else {
            x.a = role_of(mg_gap_subject(g, i, MG_SUBJECT_ROLE, 0));
            x.b = role_of(mg_gap_subject(g, i, MG_SUBJECT_ROLE, 1));
        }
        n_parts = expected_parts(&r, &x, pos, size);
        ck_assert_int_ge(n_parts, 2);
        check_separated(g, i, &r, pos, size, n_parts);
        after = load(&r, &x);
        check_reach(g, i, &r, &x, org, costs, after, pos);
        mg_org_free(after);
        /* the message claims reach only when pairs are listed */
        ck_assert_ptr_null(strstr(mg_gap_message(g, i), "can no longer reach"));
        ck_assert((strstr(mg_gap_message(g, i), "can no longer hand work to") != NULL) ==
                  (mg_gap_reach_lost_count(g, i) > 0));
    }
    mg_costs_free(costs);
    mg_gaps_free(g);
    mg_gaps_opts_free(opts);
    mg_org_free(org);
}
END_TEST

/* ---- The bound on names listed ---------------------------------------------------- */

#define CHAIN 200
#define BOUND 1000

/*
 * A chain R000 -> R001 -> ... -> R199: each inner role and each handoff
 * cuts it in two, and the shorter side is cut off, so the groups hold
 * about CHAIN^2 / 2 = 20,000 names, past a bound of 1,000: groups are
 * listed in full while the bound lasts, then by their first four. Every
 * chain runs forwards, so without Rc the lost pairs are R(c-1) (nearest)
 * to the roles after Rc, nearest first: c * (CHAIN - 1 - c) pairs, at most
 * MG_REACH_LOST_MAX; without Rc -> Rc+1, (c + 1) * (CHAIN - 1 - c).
 */
START_TEST(chain_past_the_bound)
{
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_gaps *g;
    mg_error err;
    mg_org *org;
    char csv[16 * CHAIN] = "from,to\n", name[2][24];
    size_t i, j, listed = 0, sizes = 0, groups = 0;

    for (i = 0; i + 1 < CHAIN; i++)
        snprintf(csv + strlen(csv), sizeof csv - strlen(csv), "R%03zu,R%03zu\n", i, i + 1);
    org = org_from(MG_TABLE_COLLABORATIONS, csv, &err);
    ck_assert_ptr_nonnull(org);
    ck_assert_int_eq(mg_gaps_opts_set_max_separated(opts, BOUND, &err), MG_OK);
    ck_assert_int_eq(mg_gaps_find(org, opts, &g, &err), MG_OK);
    for (i = 0; i < mg_gaps_count(g); i++) {
        int role = !strcmp(mg_gap_kind(g, i), "cut-role");
        size_t c = (size_t)atoi(mg_gap_subject(g, i, MG_SUBJECT_ROLE, 0) + 1);
        size_t left = role ? c : c + 1, right = CHAIN - 1 - c, size, n, first;

        if (!role && strcmp(mg_gap_kind(g, i), "cut-handoff"))
            continue;
        /* the shorter side is cut off; it starts at R000 or just after the cut */
        size = left < right ? left : right;
        first = left < right ? 0 : c + 1;
        ck_assert_uint_eq(mg_gap_separated_count(g, i), 1);
        ck_assert_uint_eq(mg_gap_separated_size(g, i, 0), size);
        n = mg_gap_separated_listed(g, i, 0);
        ck_assert(n == size || n == (size < 4 ? size : 4));
        for (j = 0; j < n; j++) {
            snprintf(name[0], sizeof name[0], "R%03zu", first + j);
            ck_assert_str_eq(mg_gap_separated_role(g, i, 0, j), name[0]);
        }
        listed += n;
        sizes += size;
        groups++;
        n = left * right < MG_REACH_LOST_MAX ? left * right : MG_REACH_LOST_MAX;
        ck_assert_uint_eq(mg_gap_reach_lost_count(g, i), n);
        snprintf(name[0], sizeof name[0], "R%03zu", role ? c - 1 : c);
        snprintf(name[1], sizeof name[1], "R%03zu", c + 1);
        ck_assert_str_eq(mg_gap_reach_lost_from(g, i, 0), name[0]);
        ck_assert_str_eq(mg_gap_reach_lost_to(g, i, 0), name[1]);
    }
    /* in full up to the bound (the next group would pass it), then four
     * (or fewer) a group */
    ck_assert_uint_le(listed, BOUND + 4 * groups);
    ck_assert_uint_gt(listed, BOUND - CHAIN / 2);
    ck_assert_uint_eq(mg_gaps_separated_not_listed(g), sizes - listed);
    ck_assert_uint_gt(sizes, 10 * BOUND);
    mg_gaps_free(g);
    mg_gaps_opts_free(opts);
    mg_org_free(org);
}
END_TEST

static Suite *cuts_suite(void)
{
    Suite *s = suite_create("cuts");
    TCase *tc = tcase_create("random");

    tcase_add_loop_test(tc, random_organisations, 0, 250);
    suite_add_tcase(s, tc);
    tc = tcase_create("bound");
    tcase_add_test(tc, chain_past_the_bound);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(cuts_suite());
}
