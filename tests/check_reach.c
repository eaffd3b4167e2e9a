/*
 * check_reach.c - the ordered pairs one graph joins and another does not
 * (lib/reach.c, built into this test on its own), on 3,000 random pairs of
 * graphs against a transitive closure by Warshall's algorithm: every pair
 * (s, t) of nodes of a, s != t, both matched to different nodes of b,
 * joined in a and not (through the map) in b. With the default budget the
 * count is exact and the list is the first `max` pairs in order of s, then
 * t; with small budgets the count never overstates, every pair listed is
 * one, and what the result claims (exact, complete) holds.
 */
#include "config.h"

#include "testutil.h"

#include "../lib/reach.c"

#define MAXN 24
#define MAXARCS 80

typedef struct graph {
    size_t n;
    size_t off[MAXN + 1];
    mgi_id to[MAXARCS];
    unsigned char reach[MAXN][MAXN]; /* the closure: a path (of one arc or more), or i == j */
} graph;

/* n nodes, m random arcs (repeats and loops included) in compressed rows;
 * a "dag" only has arcs to larger numbers, so every component is one node. */
static void random_graph(graph *g, unsigned *seed, size_t n, size_t m, int dag)
{
    size_t from[MAXARCS], to[MAXARCS], i, j, k, at = 0;

    g->n = n;
    for (i = 0; i < m; i++) {
        from[i] = lcg24(seed) % n;
        to[i] = lcg24(seed) % n;
        if (dag && from[i] > to[i]) {
            size_t t = from[i];

            from[i] = to[i];
            to[i] = t;
        }
    }
    for (i = 0; i < n; i++) {
        g->off[i] = at;
        for (j = 0; j < m; j++)
            if (from[j] == i && !(dag && to[j] == i))
                g->to[at++] = (mgi_id)to[j];
    }
    g->off[n] = at;
    memset(g->reach, 0, sizeof g->reach);
    for (i = 0; i < n; i++) {
        g->reach[i][i] = 1;
        for (j = g->off[i]; j < g->off[i + 1]; j++)
            g->reach[i][g->to[j]] = 1;
    }
    for (k = 0; k < n; k++) /* Warshall */
        for (i = 0; i < n; i++)
            for (j = 0; j < n; j++)
                if (g->reach[i][k] && g->reach[k][j])
                    g->reach[i][j] = 1;
}

/* Whether (s, t) is a pair the search should find. */
static int lost(const graph *a, const graph *b, const mgi_id *map, size_t s, size_t t)
{
    return s != t && map[s] != MGI_NONE && map[t] != MGI_NONE && map[s] != map[t] &&
           a->reach[s][t] && !b->reach[map[s]][map[t]];
}

typedef struct expected {
    size_t n;
    mgi_id from[MAXN * MAXN], to[MAXN * MAXN];
} expected;

/* Every such pair, in order of s, then t. */
static void brute_force(const graph *a, const graph *b, const mgi_id *map, expected *e)
{
    size_t s, t;

    e->n = 0;
    for (s = 0; s < a->n; s++)
        for (t = 0; t < a->n; t++)
            if (lost(a, b, map, s, t)) {
                e->from[e->n] = (mgi_id)s;
                e->to[e->n++] = (mgi_id)t;
            }
}

static mgi_reach_graph view(const graph *g)
{
    mgi_reach_graph v;

    v.n = g->n;
    v.off = g->off;
    v.to = g->to;
    return v;
}

/* One case: a, b and the map from seed; the search with max and budget.
 * Returns 1 when the count was exact and the list complete, else 0. */
static int one_case(unsigned seed, size_t max, size_t budget)
{
    graph a, b;
    mgi_id map[MAXN];
    expected e;
    mgi_reach_diff d;
    mgi_reach_graph va, vb;
    unsigned st = seed;
    size_t na = 1 + lcg24(&st) % MAXN, nb = 1 + lcg24(&st) % MAXN, i;
    int dag = seed % 5 == 0;

    random_graph(&a, &st, na, lcg24(&st) % (2 * na + 1), dag);
    random_graph(&b, &st, nb, lcg24(&st) % (2 * nb + 1), dag && seed % 2);
    for (i = 0; i < na; i++) /* a few unmatched; several onto one node now and then */
        map[i] = lcg24(&st) % 6 == 0 ? MGI_NONE
                 : seed % 3 == 0   ? (mgi_id)(lcg24(&st) % nb)
                                   : (mgi_id)(i % nb);
    brute_force(&a, &b, map, &e);
    va = view(&a);
    vb = view(&b);
    ck_assert_int_eq(mgi_reach_diff_find(&va, &vb, map, max, budget, &d), 0);
    ck_assert_uint_le(d.n, max);
    /* every pair listed is one, and listed once (pairs come in order) */
    for (i = 0; i < d.n; i++) {
        ck_assert_msg(lost(&a, &b, map, d.from[i], d.to[i]), "seed %u: %u -> %u is no pair",
                      seed, (unsigned)d.from[i], (unsigned)d.to[i]);
        if (i)
            ck_assert(d.from[i - 1] < d.from[i] ||
                      (d.from[i - 1] == d.from[i] && d.to[i - 1] < d.to[i]));
    }
    ck_assert_uint_le(d.n, d.total);
    ck_assert_uint_le(d.total, e.n);
    if (d.exact)
        ck_assert_msg(d.total == e.n, "seed %u: %zu pairs counted, %zu are", seed, d.total, e.n);
    if (d.complete) {
        ck_assert_uint_eq(d.n, e.n < max ? e.n : max);
        for (i = 0; i < d.n; i++) {
            ck_assert_uint_eq(d.from[i], e.from[i]);
            ck_assert_uint_eq(d.to[i], e.to[i]);
        }
    }
    if (!budget) /* the default budget is ample at this size */
        ck_assert(d.exact && d.complete);
    i = d.exact && d.complete;
    mgi_reach_diff_free(&d);
    return (int)i;
}

START_TEST(random_graphs_exact)
{
    unsigned seed;

    for (seed = 1; seed <= 1000; seed++) {
        one_case(seed, 1000, 0);
        one_case(seed, seed % 7, 0); /* few listed, the rest counted */
    }
}
END_TEST

START_TEST(random_graphs_small_budgets)
{
    unsigned seed, cut = 0;

    for (seed = 1; seed <= 1000; seed++)
        cut += !one_case(seed, 1 + seed % 50, 1 + seed % 97);
    /* the budgets are small enough to cut most searches short */
    ck_assert_uint_gt(cut, 300);
}
END_TEST

/* A cycle of n nodes against the same cycle less its arc n-1 -> 0 (a
 * path): i reaches j in the path only when i < j, so the pairs are the
 * n(n-1)/2 with i > j, listed from s = 1 on. Also a budget so small that
 * nothing is counted: a lower bound, said to be one. */
START_TEST(cycle_broken)
{
    enum { N = 200 };
    static size_t off_a[N + 1], off_b[N + 1];
    static mgi_id to_a[N], to_b[N], map[N];
    mgi_reach_graph a = { N, off_a, to_a }, b = { N, off_b, to_b };
    mgi_reach_diff d;
    size_t i;

    for (i = 0; i < N; i++) {
        off_a[i] = i;
        to_a[i] = (mgi_id)((i + 1) % N);
        off_b[i] = i;
        to_b[i] = (mgi_id)(i + 1);
        map[i] = (mgi_id)i;
    }
    off_a[N] = N;
    off_b[N] = N - 1;
    ck_assert_int_eq(mgi_reach_diff_find(&a, &b, map, 1000, 0, &d), 0);
    ck_assert_uint_eq(d.total, N * (N - 1) / 2);
    ck_assert(d.exact && d.complete);
    ck_assert_uint_eq(d.n, 1000);
    /* s = 1: 0; s = 2: 0, 1; ...: the 1000th pair is s = 45, t = 9
     * (1 + 2 + ... + 44 = 990 pairs before s = 45) */
    ck_assert_uint_eq(d.from[0], 1);
    ck_assert_uint_eq(d.to[0], 0);
    ck_assert_uint_eq(d.from[999], 45);
    ck_assert_uint_eq(d.to[999], 9);
    mgi_reach_diff_free(&d);
    /* the other way round: the path reaches nothing the cycle does not */
    ck_assert_int_eq(mgi_reach_diff_find(&b, &a, map, 1000, 0, &d), 0);
    ck_assert_uint_eq(d.total, 0);
    ck_assert_uint_eq(d.n, 0);
    ck_assert(d.exact && d.complete);
    mgi_reach_diff_free(&d);
    ck_assert_int_eq(mgi_reach_diff_find(&a, &b, map, 1000, 10, &d), 0);
    ck_assert(!d.exact);
    ck_assert_uint_le(d.total, N * (N - 1) / 2);
    mgi_reach_diff_free(&d);
}
END_TEST

static Suite *reach_suite(void)
{
    Suite *s = suite_create("reach");
    TCase *tc = tcase_create("reach");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, random_graphs_exact);
    tcase_add_test(tc, random_graphs_small_budgets);
    tcase_add_test(tc, cycle_broken);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(reach_suite());
}
