/*
 * generate.c - synthetic organisations for benchmarks and scale tests
 * (DESIGN section 7), written in the input CSV format.
 *
 * The shape imitates a company-wide export: roles grouped in departments of
 * about forty, each department with the ten functions of the reference
 * model; tool popularity heavy-tailed (Zipf), so the first few tools are
 * hubs that most roles use, while each department also has tools of its
 * own; collaborations mostly inside a department, a few across. Every row
 * is distinct, so the counts asked for are the counts loaded. The random
 * numbers come from splitmix64: the same seed writes the same bytes on
 * every machine.
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv_write.h"
#include "hash.h"
#include "model.h"
#include "util.h"

#define DEPT_SIZE 40
#define LOCAL_SHARE 0.5   /* share of a role's tools drawn from its department's own */
#define CROSS_SHARE 0.15  /* share of collaborations that cross departments */
#define ZIPF_EXPONENT 1.0

static const char *const functions[] = {
    "Data Scientists",      "ML Engineers",      "Data Engineers",     "DevOps Engineers",
    "Site Reliability Engineers", "Security Engineers", "Software Engineers", "Business Analysts",
    "Product Managers",     "MLOps Leads",
};
#define N_FUNCTIONS (sizeof functions / sizeof functions[0])

static const char *const departments[] = {
    "Payments", "Search", "Ads",     "Risk",     "Fraud",   "Growth",  "Platform", "Vision",
    "Speech",   "Ranking", "Pricing", "Logistics", "Support", "Health", "Maps",    "Retail",
};
#define N_DEPARTMENTS (sizeof departments / sizeof departments[0])

/* The most popular tools, by rank; the rest are numbered. */
static const char *const famous_tools[] = {
    "Python", "Git",     "Jira",   "Docker",  "Kubernetes", "SQL",     "Jupyter",
    "Terraform", "Prometheus", "Grafana", "Airflow", "Spark", "MLflow", "PyTorch",
};
#define N_FAMOUS (sizeof famous_tools / sizeof famous_tools[0])

static const char *const handoffs[] = {
    "hand over a trained model", "request features",      "review a deployment",
    "agree on data contracts",   "report an incident",    "share evaluation results",
    "plan capacity",             "approve access",        "define success metrics",
    "prioritise the roadmap",
};
#define N_HANDOFFS (sizeof handoffs / sizeof handoffs[0])

typedef struct gen {
    const mg_generate_spec *spec;
    mgi_rng rng;
    size_t n_dept;
    double *zipf; /* cumulative popularity of tools by rank, zipf[M-1] = 1 */
} gen;

static size_t dept_of(const gen *g, size_t role)
{
    return role * g->n_dept / g->spec->roles;
}

/* The first role of department d (d may be n_dept: one past the last role). */
static size_t dept_first(const gen *g, size_t d)
{
    return (d * g->spec->roles + g->n_dept - 1) / g->n_dept;
}

static int role_name(const gen *g, mgi_buf *b, size_t role)
{
    size_t d = dept_of(g, role), first = dept_first(g, d), k = role - first;
    int rc;

    rc = mgi_buf_puts(b, departments[d % N_DEPARTMENTS]);
    if (!rc && d >= N_DEPARTMENTS)
        rc = mgi_buf_printf(b, " %zu", d / N_DEPARTMENTS + 1);
    if (!rc)
        rc = mgi_buf_printf(b, " %s", functions[k % N_FUNCTIONS]);
    if (!rc && dept_first(g, d + 1) - first > N_FUNCTIONS)
        rc = mgi_buf_printf(b, " %zu", k / N_FUNCTIONS + 1);
    return rc;
}

static int tool_name(mgi_buf *b, size_t tool)
{
    if (tool < N_FAMOUS)
        return mgi_buf_puts(b, famous_tools[tool]);
    return mgi_buf_printf(b, "tool-%06zu", tool);
}

static size_t n_capabilities(const mg_generate_spec *s)
{
    size_t k = s->tools / 20;

    return k < 8 ? 8 : k > 400 ? 400 : k;
}

static int capability_name(mgi_buf *b, size_t cap)
{
    return mgi_buf_printf(b, "capability-%03zu", cap);
}

/* The capabilities a tool supports: one, and a second for every third tool. */
static size_t tool_capabilities(const gen *g, size_t tool, size_t out[2])
{
    size_t k = n_capabilities(g->spec);

    out[0] = (tool * 7 + 3) % k;
    out[1] = (tool * 13 + 5) % k;
    return tool % 3 == 0 && out[1] != out[0] ? 2 : 1;
}

/* A tool drawn by popularity (binary search of the cumulative weights). */
static size_t zipf_draw(gen *g)
{
    double u = mgi_rng_unit(&g->rng);
    size_t lo = 0, hi = g->spec->tools - 1;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (g->zipf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* A tool of the role's department: tools are dealt to departments in turn. */
static size_t local_draw(gen *g, size_t role)
{
    size_t d = dept_of(g, role) % g->spec->tools;
    size_t n = (g->spec->tools - d + g->n_dept - 1) / g->n_dept;

    return d + mgi_rng_below(&g->rng, n) * g->n_dept;
}

/* roles.csv and responsibilities.csv. A role's first responsibility needs a
 * capability its first tool supports; the second names one at random, so
 * some are left without a tool, as in real organisations. */
static int write_roles(gen *g, mgi_buf *roles, mgi_buf *resps, const size_t *first_tool)
{
    mgi_buf name = { 0 }, cap = { 0 }, text = { 0 };
    size_t r, k = n_capabilities(g->spec);
    int rc = mgi_buf_puts(roles, "role,aliases,summary\n");

    rc = rc ? rc : mgi_buf_puts(resps, "role,responsibility,capability\n");
    for (r = 0; !rc && r < g->spec->roles; r++) {
        size_t caps[2], c[2], j;
        const char *cells[3];

        mgi_buf_clear(&name);
        rc = role_name(g, &name, r);
        cells[0] = name.data;
        cells[1] = "";
        cells[2] = functions[(r - dept_first(g, dept_of(g, r))) % N_FUNCTIONS];
        rc = rc ? rc : mgi_csv_row(roles, cells, 3, MGI_CSV_LF);
        /* One capability its own first tool supports, one at random. */
        c[0] = first_tool[r] != SIZE_MAX ? (tool_capabilities(g, first_tool[r], caps), caps[0])
                                         : mgi_rng_below(&g->rng, k);
        c[1] = mgi_rng_below(&g->rng, k);
        for (j = 0; !rc && j < (c[1] == c[0] ? 1u : 2u); j++) {
            mgi_buf_clear(&cap);
            mgi_buf_clear(&text);
            rc = capability_name(&cap, c[j]);
            rc = rc ? rc : mgi_buf_printf(&text, "Own %s for the department.", cap.data);
            cells[1] = text.data;
            cells[2] = cap.data;
            rc = rc ? rc : mgi_csv_row(resps, cells, 3, MGI_CSV_LF);
        }
    }
    mgi_buf_free(&name);
    mgi_buf_free(&cap);
    mgi_buf_free(&text);
    return rc;
}

/* tools.csv: each role gets its share of the uses, distinct tools. */
static int write_uses(gen *g, mgi_buf *out, size_t *first_tool)
{
    const mg_generate_spec *s = g->spec;
    mgi_buf name = { 0 }, tool = { 0 }, caps = { 0 };
    size_t r, *mine = NULL, per = s->uses / s->roles, extra = s->uses % s->roles;
    int rc = mgi_buf_puts(out, "role,tool,capability,weight\n");

    mine = malloc((per + 1) * sizeof *mine);
    if (!mine)
        rc = -1;
    for (r = 0; !rc && r < s->roles; r++) {
        size_t n = per + (r < extra), j, t, tries;

        first_tool[r] = SIZE_MAX;
        mgi_buf_clear(&name);
        rc = role_name(g, &name, r);
        for (j = 0; !rc && j < n; j++) {
            size_t c[2], nc, i;
            char weight[8];
            const char *cells[4];

            for (tries = 0;; tries++) {
                size_t used;

                if (tries < 64)
                    t = mgi_rng_unit(&g->rng) < LOCAL_SHARE ? local_draw(g, r) : zipf_draw(g);
                else
                    t = (t + 1) % s->tools; /* crowded: take the next free one */
                for (used = 0; used < j && mine[used] != t; used++)
                    ;
                if (used == j)
                    break;
            }
            mine[j] = t;
            if (j == 0)
                first_tool[r] = t;
            mgi_buf_clear(&tool);
            mgi_buf_clear(&caps);
            rc = tool_name(&tool, t);
            nc = tool_capabilities(g, t, c);
            for (i = 0; !rc && i < nc; i++)
                rc = (i && mgi_buf_putc(&caps, ';') < 0) || capability_name(&caps, c[i]) < 0;
            snprintf(weight, sizeof weight, "%u", 1u + (unsigned)mgi_rng_below(&g->rng, 3));
            cells[0] = name.data;
            cells[1] = tool.data;
            cells[2] = caps.data;
            cells[3] = weight;
            rc = rc ? rc : mgi_csv_row(out, cells, 4, MGI_CSV_LF);
        }
    }
    free(mine);
    mgi_buf_free(&name);
    mgi_buf_free(&tool);
    mgi_buf_free(&caps);
    return rc ? -1 : 0;
}

/* collaborations.csv: distinct unordered pairs, mostly inside a department. */
static int write_collabs(gen *g, mgi_buf *out)
{
    const mg_generate_spec *s = g->spec;
    mgi_buf a = { 0 }, b = { 0 };
    /* The pairs drawn so far. Ids fit in 32 bits and mgi_hash_pair mixes the
     * packed pair with a bijection, so the hash is the whole key. */
    mgi_map seen = { 0 };
    size_t i;
    int rc = mgi_buf_puts(out, "from,to,handoff,direction,weight\n");

    for (i = 0; !rc && i < s->collaborations; i++) {
        size_t from, to, tries;
        uint64_t h;
        char weight[8];
        const char *cells[5];

        for (tries = 0;; tries++) {
            size_t lo, hi;

            from = mgi_rng_below(&g->rng, s->roles);
            if (tries < 32 && mgi_rng_unit(&g->rng) >= CROSS_SHARE) {
                size_t d = dept_of(g, from);

                lo = dept_first(g, d);
                hi = dept_first(g, d + 1);
                to = lo + mgi_rng_below(&g->rng, hi - lo);
            } else {
                to = mgi_rng_below(&g->rng, s->roles);
            }
            if (from == to)
                continue;
            lo = from < to ? from : to;
            hi = from < to ? to : from;
            h = mgi_hash_pair((mgi_id)lo, (mgi_id)hi, 0);
            if (mgi_map_get(&seen, h, mgi_map_same_hash, NULL) == MGI_NONE)
                break;
        }
        if (mgi_map_put(&seen, h, 0) < 0) {
            rc = -1;
            break;
        }
        mgi_buf_clear(&a);
        mgi_buf_clear(&b);
        rc = role_name(g, &a, from) || role_name(g, &b, to);
        snprintf(weight, sizeof weight, "%u", 1u + (unsigned)mgi_rng_below(&g->rng, 3));
        cells[0] = a.data;
        cells[1] = b.data;
        cells[2] = handoffs[mgi_rng_below(&g->rng, N_HANDOFFS)];
        cells[3] = mgi_rng_unit(&g->rng) < 0.3 ? "both" : "forward";
        cells[4] = weight;
        rc = rc ? -1 : mgi_csv_row(out, cells, 5, MGI_CSV_LF);
    }
    mgi_map_free(&seen);
    mgi_buf_free(&a);
    mgi_buf_free(&b);
    return rc ? -1 : 0;
}

static mg_status write_table(const char *dir, mg_table table, const mgi_buf *b, mg_error *err)
{
    mgi_buf path = { 0 };
    mg_status st;

    if (mgi_buf_printf(&path, "%s/%s", dir, mg_table_file_name(table)) < 0)
        return mgi_nomem(err);
    st = mg_write_file(path.data, b->data ? b->data : "", b->len, err);
    mgi_buf_free(&path);
    return st;
}

static mg_status check_spec(const mg_generate_spec *s, mg_error *err)
{
    if (s->roles == 0 || s->tools == 0)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "need at least one role and one tool");
    if (s->roles > MGI_MAX_IDS || s->tools > MGI_MAX_IDS)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "too many roles or tools");
    if (s->uses / s->roles > s->tools || (s->uses / s->roles == s->tools && s->uses % s->roles))
        return mgi_error(err, MG_EINVAL, "", 0, 0,
                         "%zu uses cannot be distinct: %zu roles x %zu tools allow %zu at most",
                         s->uses, s->roles, s->tools,
                         s->tools > SIZE_MAX / s->roles ? SIZE_MAX : s->roles * s->tools);
    if (s->roles < 2 ? s->collaborations > 0
                     : s->collaborations / (s->roles - 1) > s->roles / 4)
        return mgi_error(err, MG_EINVAL, "", 0, 0,
                         "%zu collaborations are too many for %zu roles: at most a quarter of "
                         "all pairs, %zu",
                         s->collaborations, s->roles, s->roles < 2 ? 0 : s->roles / 4 * (s->roles - 1));
    return MG_OK;
}

mg_status mg_generate(const mg_generate_spec *spec, const char *dir, mg_error *err)
{
    gen g = { spec, { spec ? spec->seed : 0 }, 0, NULL };
    mgi_buf roles = { 0 }, resps = { 0 }, uses = { 0 }, collabs = { 0 };
    size_t *first_tool = NULL, t;
    double total = 0, acc = 0;
    mg_status st;

    if (!spec || !dir)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_generate: no specification or folder");
    if ((st = check_spec(spec, err)) != MG_OK)
        return st;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return mgi_error(err, MG_EIO, dir, 0, 0, "cannot create the folder: %s", strerror(errno));
    g.n_dept = (spec->roles + DEPT_SIZE - 1) / DEPT_SIZE;
    g.zipf = malloc(spec->tools * sizeof *g.zipf);
    first_tool = malloc(spec->roles * sizeof *first_tool);
    if (!g.zipf || !first_tool) {
        st = mgi_nomem(err);
        goto done;
    }
    for (t = 0; t < spec->tools; t++)
        total += pow((double)(t + 1), -ZIPF_EXPONENT);
    for (t = 0; t < spec->tools; t++)
        g.zipf[t] = (acc += pow((double)(t + 1), -ZIPF_EXPONENT)) / total;
    g.zipf[spec->tools - 1] = 1.0;
    if (write_uses(&g, &uses, first_tool) < 0 || write_roles(&g, &roles, &resps, first_tool) < 0 ||
        write_collabs(&g, &collabs) < 0) {
        st = mgi_nomem(err);
        goto done;
    }
    st = write_table(dir, MG_TABLE_ROLES, &roles, err);
    if (st == MG_OK)
        st = write_table(dir, MG_TABLE_RESPONSIBILITIES, &resps, err);
    if (st == MG_OK)
        st = write_table(dir, MG_TABLE_TOOLS, &uses, err);
    if (st == MG_OK)
        st = write_table(dir, MG_TABLE_COLLABORATIONS, &collabs, err);
done:
    free(g.zipf);
    free(first_tool);
    mgi_buf_free(&roles);
    mgi_buf_free(&resps);
    mgi_buf_free(&uses);
    mgi_buf_free(&collabs);
    return st;
}
