/*
 * gaps.c - coverage gaps (DESIGN section 4): what the organisation lacks,
 * each gap with a kind, a severity, its subjects and a one-line message that
 * quotes the evidence.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cuts.h"
#include "gaps.h"
#include "graph.h"
#include "heap.h"
#include "org.h"
#include "gaps_result.h"
#include "projection.h"
#include "reach.h"

/* Kinds in report order (within a severity), with their severity. */
enum {
    K_UNOWNED,
    K_CAP_NO_TOOL,
    K_DISCONNECTED,
    K_CUT_ROLE,
    K_OWNER_NO_TOOL,
    K_ISOLATED,
    K_CUT_HANDOFF,
    K_SINGLE_ROLE,
    K_MISSING_ROLE,
    K_UNREACHABLE,
    K_LATENT,
    K_CAP_NO_OWNER,
    K_MISSING_COLLAB,
    K_COUNT
};

static const char *const kind_names[K_COUNT + 1] = {
    "unowned-responsibility",
    "capability-without-tool", "disconnected",     "cut-role",
    "owner-without-tool",      "isolated-role",    "cut-handoff",
    "single-role",             "missing-role",     "unreachable-handoff",
    "latent-collaboration",    "capability-without-owner", "missing-collaboration",
    NULL,
};

static const mg_severity kind_severity[K_COUNT] = {
    MG_SEVERITY_HIGH, /* unowned-responsibility */
    MG_SEVERITY_HIGH,   MG_SEVERITY_HIGH,   MG_SEVERITY_HIGH,   MG_SEVERITY_MEDIUM,
    MG_SEVERITY_MEDIUM, MG_SEVERITY_MEDIUM, MG_SEVERITY_MEDIUM, MG_SEVERITY_MEDIUM,
    MG_SEVERITY_MEDIUM, MG_SEVERITY_LOW,    MG_SEVERITY_LOW,    MG_SEVERITY_LOW,
};

const char *const *mg_gap_kinds(void)
{
    return kind_names;
}

const char *mg_severity_name(mg_severity severity)
{
    switch (severity) {
    case MG_SEVERITY_LOW: return "low";
    case MG_SEVERITY_MEDIUM: return "medium";
    case MG_SEVERITY_HIGH: return "high";
    case MG_SEVERITY_NONE: break;
    }
    return "none";
}

mg_status mg_severity_from_name(const char *name, mg_severity *severity, mg_error *err)
{
    int s;

    for (s = MG_SEVERITY_LOW; name && s <= MG_SEVERITY_HIGH; s++)
        if (strcmp(name, mg_severity_name((mg_severity)s)) == 0) {
            *severity = (mg_severity)s;
            return MG_OK;
        }
    return mgi_error(err, MG_EINVAL, "", 0, 0, "unknown severity '%s' (expected high, medium or low)",
                     name ? name : "(null)");
}

/* ---- Options --------------------------------------------------------------- */

struct mg_gaps_opts {
    size_t min_roles;
    size_t min_people; /* the bus factor in people, where headcounts are known */
    size_t min_shared;
    size_t max_pairs; /* bound on the role projection (latent collaborations) */
    size_t max_latent; /* latent collaborations listed at most */
    size_t max_separated; /* names of groups cut off listed in full at most */
    unsigned kinds; /* bit per kind; 0 = all */
    unsigned excluded; /* bit per kind left out */
    size_t limit;      /* gaps of each kind text, Markdown and HTML show (0: all) */
    const mg_org *reference;
    const mg_baseline *baseline; /* gaps of an earlier run: mark new and known */
    const mg_org *before;    /* mgi_gaps_find_since only: the earlier organisation */
    mgi_unowned_rule unowned; /* ... and how its work loses an owner */
};

/* The defaults, for mg_gaps_opts_new and for a search given no options. */
static void gaps_opts_init(mg_gaps_opts *o)
{
    memset(o, 0, sizeof *o);
    o->min_roles = 2;
    o->min_people = 2;
    o->min_shared = 1;
    o->max_pairs = MGI_PROJECTION_BUDGET;
    o->max_latent = 10000;
    o->limit = 5;
    o->max_separated = MG_SEPARATED_DEFAULT_MAX;
}

mg_gaps_opts *mg_gaps_opts_new(void)
{
    mg_gaps_opts *o = malloc(sizeof *o);

    if (o)
        gaps_opts_init(o);
    return o;
}

void mg_gaps_opts_free(mg_gaps_opts *opts)
{
    free(opts);
}

mg_status mg_gaps_opts_set_min_roles(mg_gaps_opts *opts, size_t n, mg_error *err)
{
    return mgi_set_at_least(opts ? &opts->min_roles : NULL, n, 2, "--min-roles", err);
}

mg_status mg_gaps_opts_set_min_people(mg_gaps_opts *opts, size_t n, mg_error *err)
{
    return mgi_set_at_least(opts ? &opts->min_people : NULL, n, 1, "--min-people", err);
}

mg_status mg_gaps_opts_set_min_shared(mg_gaps_opts *opts, size_t k, mg_error *err)
{
    return mgi_set_at_least(opts ? &opts->min_shared : NULL, k, 1, "--min-shared", err);
}

mg_status mg_gaps_opts_set_max_pairs(mg_gaps_opts *opts, size_t pairs, mg_error *err)
{
    return mgi_set_at_least(opts ? &opts->max_pairs : NULL, pairs, 1, "--max-pairs", err);
}

mg_status mg_gaps_opts_set_max_latent(mg_gaps_opts *opts, size_t n, mg_error *err)
{
    if (!opts)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_gaps_opts_set_max_latent: NULL options");
    opts->max_latent = n;
    return MG_OK;
}

mg_status mg_gaps_opts_set_max_separated(mg_gaps_opts *opts, size_t n, mg_error *err)
{
    if (!opts)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_gaps_opts_set_max_separated: NULL options");
    opts->max_separated = n;
    return MG_OK;
}

/* The bit of a kind's name in a kind mask, or MG_EINVAL naming every kind. */
static mg_status kind_bit(const char *kind, unsigned *bit, mg_error *err)
{
    int k;

    for (k = 0; kind && k < K_COUNT; k++)
        if (strcmp(kind, kind_names[k]) == 0) {
            *bit = 1u << k;
            return MG_OK;
        }
    return mgi_error(err, MG_EINVAL, "", 0, 0,
                     "unknown gap kind '%s' (expected unowned-responsibility, "
                     "capability-without-tool, owner-without-tool, capability-without-owner, "
                     "single-role, isolated-role, disconnected, cut-role, cut-handoff, "
                     "latent-collaboration, missing-role, missing-collaboration or "
                     "unreachable-handoff)",
                     kind ? kind : "(null)");
}

mg_status mg_gaps_opts_add_kind(mg_gaps_opts *opts, const char *kind, mg_error *err)
{
    unsigned bit;

    if (!opts)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_gaps_opts_add_kind: NULL options");
    if (kind_bit(kind, &bit, err) != MG_OK)
        return MG_EINVAL;
    opts->kinds |= bit;
    return MG_OK;
}

mg_status mg_gaps_opts_exclude_kind(mg_gaps_opts *opts, const char *kind, mg_error *err)
{
    unsigned bit;

    if (!opts)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_gaps_opts_exclude_kind: NULL options");
    if (kind_bit(kind, &bit, err) != MG_OK)
        return MG_EINVAL;
    opts->excluded |= bit;
    return MG_OK;
}

void mg_gaps_opts_set_reference(mg_gaps_opts *opts, const mg_org *reference)
{
    if (opts)
        opts->reference = reference;
}

/* ---- Building the result --------------------------------------------------- */

typedef struct finder {
    const mgi_model *m;
    const mgi_undirected *u; /* the collaboration graph, directions ignored */
    const mg_gaps_opts *opts;
    mg_gaps *gaps;
    mgi_gap *cur;  /* the gap being built */
    mgi_buf msg;
    mgi_map pool_at; /* a name's address in the model -> its place in the pool */
    int failed;
} finder;

static int wanted(const finder *f, int kind)
{
    return (!f->opts->kinds || (f->opts->kinds >> kind & 1)) && !(f->opts->excluded >> kind & 1);
}

static void begin(finder *f, int kind)
{
    if (f->failed ||
        mgi_grow(&f->gaps->items, &f->gaps->cap, f->gaps->n + 1, sizeof *f->gaps->items) < 0) {
        f->failed = 1;
        f->cur = NULL;
        return;
    }
    f->cur = &f->gaps->items[f->gaps->n++];
    memset(f->cur, 0, sizeof *f->cur);
    f->cur->kind = kind;
    f->cur->severity = kind_severity[kind];
    mgi_buf_clear(&f->msg);
}

/* The result's own copy of a model's name, made once however many gaps
 * name it (a large organisation has many gaps about the same tools): a map
 * from the name's address in the model to its place in the pool. */
static const char *pooled(finder *f, const char *name)
{
    /* The address is the key; mixed by a bijection it is its own hash, so
     * equal hashes are equal addresses. */
    uint64_t h = mgi_hash_mix((uint64_t)(uintptr_t)name);
    mgi_id at = mgi_map_get(&f->pool_at, h, mgi_map_same_hash, NULL);

    if (at != MGI_NONE)
        return f->gaps->pool.items[at];
    if (mgi_strs_add(&f->gaps->pool, name) < 0 ||
        mgi_map_put(&f->pool_at, h, (mgi_id)(f->gaps->pool.n - 1)) < 0)
        return NULL;
    return f->gaps->pool.items[f->gaps->pool.n - 1];
}

static void subject(finder *f, mg_subject kind, const char *name)
{
    mgi_strs *list;
    const char *copy;

    if (!f->cur)
        return;
    list = &f->cur->subjects[kind];
    if (!(copy = pooled(f, name)) ||
        mgi_grow(&list->items, &list->cap, list->n + 1, sizeof *list->items) < 0) {
        f->failed = 1;
        return;
    }
    list->items[list->n++] = (char *)copy; /* the pool's own string */
}

/* A role of this organisation as a subject: its people count towards the
 * gap's (unknown as soon as one role's headcount is). */
static void subject_role(finder *f, mgi_id role)
{
    double people = mgi_role_people(&f->m->roles[role]);

    subject(f, MG_SUBJECT_ROLE, f->m->roles[role].name);
    if (!f->cur)
        return;
    if (people < 0) {
        f->cur->people_unknown = 1;
        return;
    }
    f->cur->people += people;
    f->cur->people_roles++;
}

static void say(finder *f, const char *fmt, ...) MGI_PRINTF(2, 3);

static void say(finder *f, const char *fmt, ...)
{
    va_list ap;
    char text[1024];
    int n;

    va_start(ap, fmt);
    n = vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof text) {
        /* long names: format again into the growable buffer */
        mgi_buf big = { 0 };

        if (n < 0 || mgi_buf_reserve(&big, (size_t)n) < 0) {
            f->failed = 1;
            return;
        }
        va_start(ap, fmt);
        vsnprintf(big.data, (size_t)n + 1, fmt, ap);
        va_end(ap);
        big.len = (size_t)n;
        if (mgi_buf_append(&f->msg, big.data, big.len) < 0)
            f->failed = 1;
        mgi_buf_free(&big);
        return;
    }
    if (mgi_buf_append(&f->msg, text, (size_t)n) < 0)
        f->failed = 1;
}

/* Ends the sentence: a full stop, unless the text already ends with one (a
 * name such as "Ops." or "S.R.E." last), a question or an exclamation mark. */
static void end_sentence(finder *f)
{
    char last = f->msg.len ? f->msg.data[f->msg.len - 1] : '\0';

    if (last != '.' && last != '?' && last != '!')
        say(f, ".");
}

/* Appends "a, b and c" of the given names. */
static void say_names(finder *f, char *const *names, size_t n, size_t max)
{
    if (mgi_join_names(&f->msg, names, n, max) < 0)
        f->failed = 1;
}

/* A gap's impact (DESIGN section 8): the people it concerns where every
 * role's headcount is known, else the roles it concerns. Cuts set theirs
 * from the roles they cut off. */
static void set_impact(mgi_gap *g)
{
    g->impact_in_people = g->people_roles && !g->people_unknown;
    g->impact = g->impact_in_people ? g->people : (double)g->subjects[MG_SUBJECT_ROLE].n;
}

static void end(finder *f)
{
    if (!f->cur)
        return;
    if (!f->cur->impact_in_people && f->cur->impact == 0)
        set_impact(f->cur);
    if (!(f->cur->message = mgi_strdup(f->msg.data ? f->msg.data : "")))
        f->failed = 1;
    f->cur = NULL;
}

/* An analysis the input cannot feed: when `missing`, say so once (JSON
 * "skipped") instead of one finding per role. Returns missing. */
static int skip(finder *f, int missing, const char *analysis, const char *reason)
{
    if (missing && (mgi_strs_add(&f->gaps->skipped, analysis) < 0 ||
                    mgi_strs_add(&f->gaps->skipped_why, reason) < 0))
        f->failed = 1;
    return missing;
}

/* ---- Capabilities and tools -------------------------------------------------- */

/* per capability: responsibilities needing it (indices), tools supporting it */
typedef struct cap_index {
    size_t *resp_off, *resp;
    size_t *tool_off;
    mgi_id *tool;
} cap_index;

static int cap_index_build(const mgi_model *m, cap_index *ci)
{
    size_t i, nc = m->n_caps;

    ci->resp_off = calloc(nc + 2, sizeof *ci->resp_off);
    ci->resp = malloc((m->n_resps + 1) * sizeof *ci->resp);
    ci->tool_off = calloc(nc + 2, sizeof *ci->tool_off);
    ci->tool = malloc((m->n_tool_caps + 1) * sizeof *ci->tool);
    if (!ci->resp_off || !ci->resp || !ci->tool_off || !ci->tool)
        return -1;
    for (i = 0; i < m->n_resps; i++)
        ci->resp_off[m->resps[i].capability + 2]++;
    for (i = 0; i < m->n_tool_caps; i++)
        ci->tool_off[m->tool_caps[i].b + 2]++;
    for (i = 2; i < nc + 2; i++) {
        ci->resp_off[i] += ci->resp_off[i - 1];
        ci->tool_off[i] += ci->tool_off[i - 1];
    }
    /* stable counting sort: responsibilities stay in (role, text) order, tools
     * in id order; afterwards bucket c is [off[c], off[c + 1]) */
    for (i = 0; i < m->n_resps; i++)
        ci->resp[ci->resp_off[m->resps[i].capability + 1]++] = i;
    for (i = 0; i < m->n_tool_caps; i++)
        ci->tool[ci->tool_off[m->tool_caps[i].b + 1]++] = m->tool_caps[i].a;
    return 0;
}

static void cap_index_free(cap_index *ci)
{
    free(ci->resp_off);
    free(ci->resp);
    free(ci->tool_off);
    free(ci->tool);
}

/* The position of (role, tool) in role_tools (= in m->uses), or SIZE_MAX. */
static size_t use_at(const mgi_model *m, mgi_id role, mgi_id tool)
{
    size_t lo = m->role_tools.off[role], hi = m->role_tools.off[role + 1];

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (m->role_tools.items[mid] == tool)
            return mid;
        if (m->role_tools.items[mid] < tool)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

/* Whether one of the role's tools supports the capability: O(the role's
 * tools and their capabilities), however many tools support it. */
static int role_has_capability(const mgi_model *m, mgi_id role, mgi_id cap)
{
    size_t k, j;

    for (k = m->role_tools.off[role]; k < m->role_tools.off[role + 1]; k++) {
        mgi_id t = m->role_tools.items[k];

        for (j = m->tool_caps_of.off[t]; j < m->tool_caps_of.off[t + 1]; j++)
            if (m->tool_caps_of.items[j] == cap)
                return 1;
    }
    return 0;
}

/* Capability c's span in the index: the responsibilities [r0, r1) needing
 * it, grouped by role, and the tools [t0, t1) supporting it. */
typedef struct cap_span {
    const char *name;
    size_t r0, r1, t0, t1;
} cap_span;

static cap_span cap_span_of(const mgi_model *m, const cap_index *ci, size_t c)
{
    cap_span s;

    s.name = m->caps[c].name;
    s.r0 = ci->resp_off[c];
    s.r1 = ci->resp_off[c + 1];
    s.t0 = ci->tool_off[c];
    s.t1 = ci->tool_off[c + 1];
    return s;
}

/* The role of the span's responsibility i, or MGI_NONE when the one before
 * had the same role (so each role counts once). */
static mgi_id first_of_role(const mgi_model *m, const cap_index *ci, const cap_span *s, size_t i)
{
    mgi_id role = m->resps[ci->resp[i]].role;

    return i == s->r0 || role != m->resps[ci->resp[i - 1]].role ? role : MGI_NONE;
}

/* The tools supporting one capability as a gap names them: the result's
 * pooled names and "A, B, C, D, E, F and 3 more" for the message, made once
 * per capability however many gaps name them. */
typedef struct cap_tools {
    const char *of; /* the capability's name in the model; NULL: none yet */
    char **items;
    size_t n, cap;
    mgi_buf text;
} cap_tools;

static void cap_tools_free(cap_tools *t)
{
    free(t->items);
    mgi_buf_free(&t->text);
    memset(t, 0, sizeof *t);
}

/* Names every tool supporting the capability as a subject, and appends
 * their names (six, then how many more) to the message. */
static void tool_subjects(finder *f, const cap_index *ci, const cap_span *s, cap_tools *t)
{
    mgi_strs *list;
    size_t j;

    if (t->of != s->name) {
        t->of = s->name;
        t->n = 0;
        mgi_buf_clear(&t->text);
        if (mgi_grow(&t->items, &t->cap, s->t1 - s->t0 + 1, sizeof *t->items) < 0) {
            t->of = NULL;
            f->failed = 1;
            return;
        }
        for (j = s->t0; j < s->t1; j++)
            if (!(t->items[t->n++] = (char *)pooled(f, f->m->tools[ci->tool[j]].name)))
                f->failed = 1;
        if (f->failed || mgi_join_names(&t->text, t->items, t->n, 6) < 0) {
            t->of = NULL;
            f->failed = 1;
            return;
        }
    }
    if (!f->cur)
        return;
    list = &f->cur->subjects[MG_SUBJECT_TOOL];
    if (mgi_grow(&list->items, &list->cap, list->n + t->n + 1, sizeof *list->items) < 0 ||
        (t->text.len && mgi_buf_append(&f->msg, t->text.data, t->text.len) < 0)) {
        f->failed = 1;
        return;
    }
    memcpy(list->items + list->n, t->items, t->n * sizeof *t->items);
    list->n += t->n;
}

static void capability_without_tool(finder *f, const cap_index *ci, const cap_span *s)
{
    const mgi_model *m = f->m;
    size_t i;

    begin(f, K_CAP_NO_TOOL);
    subject(f, MG_SUBJECT_CAPABILITY, s->name);
    say(f, "No tool supports %s, needed by ", s->name);
    for (i = s->r0; i < s->r1; i++) {
        const mgi_resp *r = &m->resps[ci->resp[i]];

        if (first_of_role(m, ci, s, i) != MGI_NONE)
            subject_role(f, r->role);
        say(f, "%s%s for \"%s\"", i == s->r0 ? "" : (i + 1 == s->r1 ? " and " : ", "),
            m->roles[r->role].name, r->text);
    }
    end(f);
}

static void capability_without_owner(finder *f, const cap_index *ci, const cap_span *s,
                                     cap_tools *tools)
{
    begin(f, K_CAP_NO_OWNER);
    subject(f, MG_SUBJECT_CAPABILITY, s->name);
    tool_subjects(f, ci, s, tools);
    say(f, " support%s %s, but no role's responsibility needs it.", s->t1 - s->t0 == 1 ? "s" : "",
        s->name);
    end(f);
}

/* Per role needing the capability: none of the role's tools supports it,
 * though some tool does. */
static void owners_without_tool(finder *f, const cap_index *ci, const cap_span *s,
                                cap_tools *tools)
{
    const mgi_model *m = f->m;
    size_t i;

    for (i = s->r0; i < s->r1; i++) {
        const mgi_resp *r = &m->resps[ci->resp[i]];

        if (first_of_role(m, ci, s, i) == MGI_NONE || role_has_capability(m, r->role, r->capability))
            continue;
        begin(f, K_OWNER_NO_TOOL);
        subject_role(f, r->role);
        subject(f, MG_SUBJECT_CAPABILITY, s->name);
        say(f, "%s: \"%s\" needs %s, which none of their tools supports; ",
            m->roles[r->role].name, r->text, s->name);
        tool_subjects(f, ci, s, tools);
        say(f, ", used by other roles, %s.", s->t1 - s->t0 == 1 ? "does" : "do");
        end(f);
    }
}

/* The bus factor of what a set of roles carries (DESIGN section 8): in
 * people when every carrier's headcount is known, in roles otherwise. */
typedef struct bus_factor {
    size_t roles;
    double people;
    int in_people;
} bus_factor;

static void bus_add(bus_factor *b, const mgi_role *r)
{
    double people = mgi_role_people(r);

    if (!b->roles++)
        b->in_people = 1;
    if (people < 0)
        b->in_people = 0;
    else
        b->people += people;
}

/* Below the bar: fewer than --min-people people, or, headcounts unknown,
 * fewer than --min-roles roles. */
static int bus_low(const finder *f, const bus_factor *b)
{
    if (!b->roles)
        return 0;
    return b->in_people ? b->people < (double)f->opts->min_people : b->roles < f->opts->min_roles;
}

/* "1 person", "one role", "2.5 people only", "2 roles only": "only" after
 * more than one, or always. */
static void say_bus(finder *f, const bus_factor *b, int always_only)
{
    int one = b->in_people ? b->people == 1 : b->roles == 1;

    if (b->in_people)
        say(f, "%g %s", b->people, one ? "person" : "people");
    else if (one)
        say(f, "one role");
    else
        say(f, "%zu roles", b->roles);
    if (always_only || !one)
        say(f, " only");
}

/* A capability whose carriers are too few: medium when counted in people
 * (one person holds it), low when only roles can be counted (a role may be
 * many people). */
static void single_role_capability(finder *f, const cap_index *ci, const cap_span *s,
                                   mgi_strs *names)
{
    const mgi_model *m = f->m;
    bus_factor bus = { 0, 0, 0 };
    size_t i;
    mgi_id role;

    for (i = s->r0; i < s->r1; i++)
        if ((role = first_of_role(m, ci, s, i)) != MGI_NONE)
            bus_add(&bus, &m->roles[role]);
    if (!bus_low(f, &bus))
        return;
    begin(f, K_SINGLE_ROLE);
    if (f->cur && !bus.in_people)
        f->cur->severity = MG_SEVERITY_LOW;
    subject(f, MG_SUBJECT_CAPABILITY, s->name);
    mgi_strs_free(names);
    for (i = s->r0; i < s->r1; i++)
        if ((role = first_of_role(m, ci, s, i)) != MGI_NONE) {
            subject_role(f, role);
            if (mgi_strs_add(names, m->roles[role].name) < 0)
                f->failed = 1;
        }
    say(f, "%s rests on ", s->name);
    say_bus(f, &bus, 0);
    say(f, ": ");
    say_names(f, names->items, names->n, 6);
    say(f, " (\"%s\").", m->resps[ci->resp[s->r0]].text);
    end(f);
}

static void capability_gaps(finder *f, const cap_index *ci)
{
    mgi_strs names = { 0 };
    cap_tools tools;
    size_t c;

    memset(&tools, 0, sizeof tools);
    for (c = 0; c < f->m->n_caps && !f->failed; c++) {
        cap_span s = cap_span_of(f->m, ci, c);

        if (s.r0 < s.r1 && s.t0 == s.t1 && wanted(f, K_CAP_NO_TOOL))
            capability_without_tool(f, ci, &s);
        if (s.r0 == s.r1 && s.t0 < s.t1 && wanted(f, K_CAP_NO_OWNER))
            capability_without_owner(f, ci, &s, &tools);
        if (s.t0 < s.t1 && wanted(f, K_OWNER_NO_TOOL))
            owners_without_tool(f, ci, &s, &tools);
        if (wanted(f, K_SINGLE_ROLE))
            single_role_capability(f, ci, &s, &names);
    }
    mgi_strs_free(&names);
    cap_tools_free(&tools);
}

static void tool_gaps(finder *f)
{
    const mgi_model *m = f->m;
    mgi_strs names = { 0 };
    size_t t, k;

    if (!wanted(f, K_SINGLE_ROLE))
        return;
    for (t = 0; t < m->n_tools && !f->failed; t++) {
        size_t k0 = m->tool_roles.off[t], k1 = m->tool_roles.off[t + 1];
        bus_factor bus = { 0, 0, 0 };

        for (k = k0; k < k1; k++)
            bus_add(&bus, &m->roles[m->tool_roles.items[k]]);
        if (!bus_low(f, &bus))
            continue;
        begin(f, K_SINGLE_ROLE);
        subject(f, MG_SUBJECT_TOOL, m->tools[t].name);
        mgi_strs_free(&names);
        for (k = k0; k < k1; k++) {
            subject_role(f, m->tool_roles.items[k]);
            if (mgi_strs_add(&names, m->roles[m->tool_roles.items[k]].name) < 0)
                f->failed = 1;
        }
        if (f->cur)
            f->cur->severity = MG_SEVERITY_LOW; /* a tool is easier to share than a duty */
        say(f, "%s is used by ", m->tools[t].name);
        say_bus(f, &bus, 1);
        say(f, ": ");
        say_names(f, names.items, names.n, 6);
        end_sentence(f);
        end(f);
    }
    mgi_strs_free(&names);
}

/* ---- Structure of the collaboration graph -------------------------------------- */

static const char *arrow(const mgi_collab *c)
{
    return c->both ? "<->" : "->";
}

/* Roles no handoff links to another, quoting a collaboration within the
 * role when there is one. */
static void isolated_gaps(finder *f)
{
    const mgi_model *m = f->m;
    mgi_id *self_of = malloc((m->n_roles + 1) * sizeof *self_of);
    size_t v, i;

    if (!self_of) {
        f->failed = 1;
        return;
    }
    /* the first self-collaboration of each role */
    for (v = 0; v < m->n_roles; v++)
        self_of[v] = MGI_NONE;
    for (i = m->n_collabs; i-- > 0;)
        if (m->collabs[i].from == m->collabs[i].to)
            self_of[m->collabs[i].from] = (mgi_id)i;
    for (v = 0; v < m->n_roles; v++) {
        const mgi_collab *self = self_of[v] == MGI_NONE ? NULL : &m->collabs[self_of[v]];

        if (f->u->off[v] != f->u->off[v + 1])
            continue;
        begin(f, K_ISOLATED);
        subject_role(f, v);
        if (self)
            say(f, "%s collaborate only within the role (\"%s\"); no handoff links it to any "
                   "other role.",
                m->roles[v].name, self->handoff ? self->handoff : "");
        else
            say(f, "No handoff links %s to any other role.", m->roles[v].name);
        end(f);
    }
    free(self_of);
}

/* Each part's first four roles in id order (a counting sort by part). */
static void say_parts(finder *f, const mgi_id *comp, size_t n_comp, const size_t *size)
{
    const mgi_model *m = f->m;
    mgi_id *members = malloc((m->n_roles + 1) * sizeof *members);
    size_t *first = calloc(n_comp + 2, sizeof *first);
    size_t v, i, shown;

    if (!members || !first) {
        f->failed = 1;
        goto out;
    }
    for (v = 0; v < m->n_roles; v++)
        first[comp[v] + 2]++;
    for (i = 0; i < n_comp; i++)
        first[i + 2] += first[i + 1];
    for (v = 0; v < m->n_roles; v++)
        members[first[comp[v] + 1]++] = (mgi_id)v;
    for (i = 0; i < n_comp; i++) {
        say(f, "%s {", i ? ";" : "");
        for (shown = 0; shown < size[i] && shown < 4; shown++)
            say(f, "%s%s", shown ? ", " : "", m->roles[members[first[i] + shown]].name);
        if (size[i] > 4)
            say(f, " and %zu more", size[i] - 4);
        say(f, "}");
    }
out:
    free(members);
    free(first);
}

/* One gap for an organisation in several parts; its subjects are the roles
 * outside the largest part. */
static void disconnected_gap(finder *f, const mgi_id *comp, size_t n_comp)
{
    const mgi_model *m = f->m;
    size_t *size = calloc(n_comp + 1, sizeof *size), v, i, largest = 0;

    if (!size) {
        f->failed = 1;
        return;
    }
    for (v = 0; v < m->n_roles; v++)
        size[comp[v]]++;
    for (i = 1; i < n_comp; i++)
        if (size[i] > size[largest])
            largest = i;
    begin(f, K_DISCONNECTED);
    for (v = 0; v < m->n_roles; v++)
        if (comp[v] != largest)
            subject_role(f, v);
    say(f, "The organisation falls into %zu parts that no handoff chain joins:", n_comp);
    say_parts(f, comp, n_comp, size);
    end_sentence(f);
    end(f);
    free(size);
}

/* ---- What a cut separates ------------------------------------------------------- */

/* Part p of s: "X", "{A, B}", or "{A, B, C, D and 5 more}". */
static void say_part(finder *f, const mgi_separation *s, size_t p)
{
    size_t j, shown = s->off[p + 1] - s->off[p];

    if (shown > MGI_PART_SHOWN)
        shown = MGI_PART_SHOWN;
    if (s->size[p] == 1 && shown == 1) {
        say(f, "%s", f->m->roles[s->roles[s->off[p]]].name);
        return;
    }
    say(f, "{");
    for (j = 0; j < shown; j++)
        say(f, "%s%s", j ? ", " : "", f->m->roles[s->roles[s->off[p] + j]].name);
    if (s->size[p] > shown)
        say(f, " and %zu more", s->size[p] - shown);
    say(f, "}");
}

/* "{D, E} lose their only connection to {A, B}, as do F, G and 2 more":
 * true whichever way the handoffs run. */
static void say_cut_off(finder *f, const mgi_separation *s)
{
    size_t q;

    say_part(f, s, 1);
    say(f, " %s only connection to ", s->size[1] == 1 ? "loses its" : "lose their");
    say_part(f, s, 0);
    for (q = 2; q < s->n && q < 5; q++) {
        say(f, "%s", q > 2 ? (q + 1 == s->n ? " and " : ", ")
                     : s->n == 3 && s->size[2] == 1 ? ", as does " : ", as do ");
        say_part(f, s, q);
    }
    if (s->n > 5)
        say(f, " and %zu more groups", s->n - 5);
    end_sentence(f);
}

/* "A, B and 2 more" (conj "and") or "A, B or C": at most three names, or
 * four when that is all of them (never "and 1 more"). */
static void say_roles(finder *f, const mgi_id *ids, size_t n, const char *conj)
{
    size_t j, shown = n <= 4 ? n : 3;

    for (j = 0; j < shown; j++)
        say(f, "%s%s", j == 0 ? "" : j + 1 < n ? ", " : conj, f->m->roles[ids[j]].name);
    if (shown < n)
        say(f, "%s%zu more", conj, n - shown);
}

static int listed_pair(const mgi_separation *s, mgi_id from, mgi_id to)
{
    size_t j;

    for (j = 0; j < s->n_pairs; j++)
        if (s->from[j] == from && s->to[j] == to)
            return 1;
    return 0;
}

static int has_role(const mgi_id *ids, size_t n, mgi_id id)
{
    size_t j;

    for (j = 0; j < n; j++)
        if (ids[j] == id)
            return 1;
    return 0;
}

/* Adds id to the set ids (n of them) unless it is there. */
static void add_role(mgi_id *ids, size_t *n, mgi_id id)
{
    if (!has_role(ids, *n, id))
        ids[(*n)++] = id;
}

/* One clause about pair i: its sender's lost receivers and its receiver's
 * lost senders, as "A, B and C can no longer hand work to X or Y" when
 * every such pair is listed, else the larger of the two alone. Marks the
 * pairs it covers. */
static void say_clause(finder *f, const mgi_separation *s, size_t i, unsigned char *covered)
{
    mgi_id senders[MGI_REACH_MAX], receivers[MGI_REACH_MAX];
    size_t j, k, n_senders = 0, n_receivers = 0;
    int full = 1;

    for (j = i; j < s->n_pairs; j++) {
        if (covered[j])
            continue;
        if (s->to[j] == s->to[i])
            add_role(senders, &n_senders, s->from[j]);
        if (s->from[j] == s->from[i])
            add_role(receivers, &n_receivers, s->to[j]);
    }
    for (j = 0; j < n_senders && full; j++)
        for (k = 0; k < n_receivers && full; k++)
            full = listed_pair(s, senders[j], receivers[k]);
    if (!full && n_receivers >= n_senders)
        senders[0] = s->from[i], n_senders = 1;
    else if (!full)
        receivers[0] = s->to[i], n_receivers = 1;
    for (j = 0; j < s->n_pairs; j++)
        covered[j] |= has_role(senders, n_senders, s->from[j]) &&
                      has_role(receivers, n_receivers, s->to[j]);
    say_roles(f, senders, n_senders, " and ");
    say(f, " can no longer hand work to ");
    say_roles(f, receivers, n_receivers, " or ");
}

/* Reach claimed only pair by pair: two clauses about the first pairs not
 * yet told, then how many more. */
static void say_reach(finder *f, const mgi_separation *s, const char *cut)
{
    unsigned char covered[MGI_REACH_MAX] = { 0 };
    size_t i, clauses = 0, left = 0;

    if (!s->n_pairs) {
        say(f, " Even with %s, no handoff chain ran between them.", cut);
        return;
    }
    for (i = 0; i < s->n_pairs; i++)
        if (!covered[i] && clauses < 2) {
            say(f, "%s", clauses++ ? "; " : " ");
            say_clause(f, s, i, covered);
        }
    for (i = 0; i < s->n_pairs; i++)
        left += !covered[i];
    if (left)
        say(f, "; %s%zu more pair%s of roles lose%s every chain too",
            s->n_pairs == MGI_REACH_MAX ? "at least " : "", left, left == 1 ? "" : "s",
            left == 1 ? "s" : "");
    else if (s->n_pairs == MGI_REACH_MAX)
        say(f, "; more pairs of roles may lose every chain too");
    end_sentence(f);
}

/* The gap's separated and reach_lost, from s. */
static void keep_separation(finder *f, const mgi_separation *s)
{
    mgi_gap *g = f->cur;
    size_t q, j, listed = s->off[s->n] - s->off[1];

    if (!g)
        return;
    g->separates = 1;
    g->n_separated = s->n - 1;
    g->separated_size = malloc(s->n * sizeof *g->separated_size);
    g->separated_off = malloc(s->n * sizeof *g->separated_off);
    g->separated_names = malloc((listed + 1) * sizeof *g->separated_names);
    g->reach_lost = malloc((2 * s->n_pairs + 1) * sizeof *g->reach_lost);
    if (!g->separated_size || !g->separated_off || !g->separated_names || !g->reach_lost) {
        f->failed = 1;
        return;
    }
    for (q = 1; q < s->n; q++) {
        g->separated_size[q - 1] = s->size[q];
        g->separated_off[q - 1] = s->off[q] - s->off[1];
    }
    g->separated_off[s->n - 1] = listed;
    for (j = 0; j < listed; j++)
        if (!(g->separated_names[j] = (char *)pooled(f, f->m->roles[s->roles[s->off[1] + j]].name)))
            f->failed = 1;
    for (j = 0; j < s->n_pairs; j++)
        if (!(g->reach_lost[2 * j] = (char *)pooled(f, f->m->roles[s->from[j]].name)) ||
            !(g->reach_lost[2 * j + 1] = (char *)pooled(f, f->m->roles[s->to[j]].name)))
            f->failed = 1;
    g->n_reach_lost = s->n_pairs;
    f->gaps->separated_not_listed += s->not_listed;
}

/*
 * What a cut breaks (DESIGN section 8). Its people and impact are those of
 * the roles it cuts off (every group but the main part; people where each
 * of their headcounts is known and every one is listed, else roles). Its
 * severity follows their share of the part: cutting off at least two roles
 * and at least a tenth of the part keeps the kind's severity (cut-role high,
 * cut-handoff medium); cutting off fewer, such as one role at the edge, is
 * one step lower.
 */
static void cut_weight(finder *f, const mgi_separation *s)
{
    mgi_gap *g = f->cur;
    size_t q, j, cut_off = 0, part = 0;

    if (!g)
        return;
    for (q = 0; q < s->n; q++)
        part += s->size[q];
    cut_off = part - s->size[0];
    g->people = 0;
    g->people_roles = 0;
    g->people_unknown = s->off[s->n] - s->off[1] < cut_off; /* not all listed */
    for (j = s->off[1]; j < s->off[s->n] && !g->people_unknown; j++) {
        double p = mgi_role_people(&f->m->roles[s->roles[j]]);

        g->people_unknown = p < 0;
        g->people += p;
        g->people_roles++;
    }
    g->impact_in_people = !g->people_unknown && g->people_roles;
    g->impact = g->impact_in_people ? g->people : (double)cut_off;
    if (cut_off < 2 || cut_off * 10 < part)
        g->severity = g->severity == MG_SEVERITY_HIGH ? MG_SEVERITY_MEDIUM : MG_SEVERITY_LOW;
}

static void cut_role_gaps(finder *f, mgi_cut_ctx *x, const mgi_cuts *cuts, size_t *budget,
                          mgi_separation *s)
{
    size_t i;

    for (i = 0; i < cuts->n_roles && !f->failed; i++) {
        const char *name = f->m->roles[cuts->roles[i].role].name;

        if (mgi_separate_role(x, i, budget, s) < 0) {
            f->failed = 1;
            return;
        }
        begin(f, K_CUT_ROLE);
        subject_role(f, cuts->roles[i].role);
        say(f, "Without %s, ", name);
        say_cut_off(f, s);
        say_reach(f, s, name);
        keep_separation(f, s);
        cut_weight(f, s);
        end(f);
    }
}

static void cut_handoff_gaps(finder *f, mgi_cut_ctx *x, const mgi_cuts *cuts, size_t *budget,
                             mgi_separation *s)
{
    const mgi_model *m = f->m;
    size_t i;

    for (i = 0; i < cuts->n_bridges && !f->failed; i++) {
        const mgi_collab *c = &m->collabs[cuts->bridges[i].collab];

        if (mgi_separate_bridge(x, i, budget, s) < 0) {
            f->failed = 1;
            return;
        }
        begin(f, K_CUT_HANDOFF);
        subject_role(f, c->from);
        subject_role(f, c->to);
        say(f, "Without the handoff %s %s %s", m->roles[c->from].name, arrow(c),
            m->roles[c->to].name);
        if (c->handoff && *c->handoff)
            say(f, " (\"%s\")", c->handoff);
        say(f, ", ");
        say_cut_off(f, s);
        say_reach(f, s, "it");
        keep_separation(f, s);
        cut_weight(f, s);
        end(f);
    }
}

/* Cut roles and cut handoffs, each with what it separates. */
static void cut_gaps(finder *f, const mgi_cuts *cuts)
{
    int roles = wanted(f, K_CUT_ROLE), handoffs = wanted(f, K_CUT_HANDOFF);
    mgi_separation s = { 0 };
    mgi_cut_ctx *x;
    size_t budget = f->opts->max_separated;

    if ((!roles || !cuts->n_roles) && (!handoffs || !cuts->n_bridges))
        return;
    if (!(x = mgi_cut_ctx_new(f->m, cuts))) {
        f->failed = 1;
        return;
    }
    if (roles)
        cut_role_gaps(f, x, cuts, &budget, &s);
    if (handoffs)
        cut_handoff_gaps(f, x, cuts, &budget, &s);
    mgi_separation_free(&s);
    mgi_cut_ctx_free(x);
}

/* Isolated roles, parts, cut roles and cut handoffs of the collaboration
 * graph, directions ignored. Cuts: Hopcroft and Tarjan (1973), O(V + E). */
static void structure_gaps(finder *f)
{
    const mgi_model *m = f->m;
    mgi_cuts cuts = { 0 };
    mgi_id *comp = malloc((m->n_roles + 1) * sizeof *comp);
    size_t n_comp;

    if (!comp || (n_comp = mgi_components(f->u, comp)) == (size_t)-1 ||
        mgi_cuts_find(f->u, &cuts) < 0) {
        f->failed = 1;
        goto out;
    }
    if (wanted(f, K_ISOLATED))
        isolated_gaps(f);
    if (n_comp > 1 && wanted(f, K_DISCONNECTED))
        disconnected_gap(f, comp, n_comp);
    cut_gaps(f, &cuts);
out:
    free(comp);
    mgi_cuts_free(&cuts);
}

/* ---- Roles that share tools but never talk --------------------------------------- */

static int adjacent(const mgi_undirected *u, mgi_id a, mgi_id b)
{
    size_t lo = u->off[a], hi = u->off[a + 1];

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (u->nbr[mid] == b)
            return 1;
        if (u->nbr[mid] < b)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

typedef struct latent {
    mgi_id a, b;
    uint32_t shared;
    double similarity; /* the cosine of the roles' TF-IDF vectors (projection.h) */
} latent;

/* Most similar first, then most shared, then by the roles' ids (names). */
static int latent_rank_cmp(const void *x, const void *y)
{
    const latent *p = x, *q = y;

    if (p->similarity != q->similarity)
        return p->similarity > q->similarity ? -1 : 1;
    if (p->shared != q->shared)
        return p->shared > q->shared ? -1 : 1;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    return p->b < q->b ? -1 : p->b > q->b;
}

/* Nonzero when x ranks below y: the latent heap's top is the worst kept. */
static int latent_worse(const void *x, const void *y)
{
    return latent_rank_cmp(x, y) > 0;
}

/* The latent collaborations found so far: the best max_latent (a heap in
 * bounded mode, heap.h), and how many were found in all. */
typedef struct latent_search {
    const mgi_undirected *u;
    const mgi_tfidf *x;
    double *closest; /* per role: its highest similarity to any other role */
    size_t min_shared, max_latent;
    mgi_heap best;
    size_t found;
} latent_search;

/*
 * Real overlap: sharing one tool that most roles use is no kinship. A pair
 * is a latent collaboration when the cosine of the two roles' TF-IDF
 * vectors is at least LATENT_MIN_SIMILARITY (below, they share hubs or a
 * sliver of what each does) and at least LATENT_NEAR times the closest
 * either role has to anyone: each is among the other's near kin, so a role
 * of a big stack is not paired with every role that shares a few of its
 * tools.
 */
#define LATENT_MIN_SIMILARITY 0.1
#define LATENT_NEAR 0.5

static double cosine(const latent_search *x, mgi_id a, mgi_id b, double dot)
{
    double na = x->x->norm[a], nb = x->x->norm[b];

    return na > 0 && nb > 0 ? dot / (na * nb) : 0;
}

/* The first pass: each role's closest similarity. */
static int closest_link(void *ctx, mgi_id a, mgi_id b, uint32_t shared, double dot)
{
    latent_search *x = ctx;
    double sim = cosine(x, a, b, dot);

    (void)shared;
    if (sim > x->closest[a])
        x->closest[a] = sim;
    if (sim > x->closest[b])
        x->closest[b] = sim;
    return 0;
}

static int latent_link(void *ctx, mgi_id a, mgi_id b, uint32_t shared, double dot)
{
    latent_search *x = ctx;
    latent cand = { a, b, shared, cosine(x, a, b, dot) };
    double near = x->closest[a] > x->closest[b] ? x->closest[a] : x->closest[b];

    if (shared < x->min_shared || cand.similarity < LATENT_MIN_SIMILARITY ||
        cand.similarity < LATENT_NEAR * near || adjacent(x->u, a, b))
        return 0;
    x->found++;
    return mgi_heap_keep(&x->best, &cand, x->max_latent);
}

typedef struct weighed_tool {
    mgi_id tool;
    double weight; /* its share of the pair's similarity */
} weighed_tool;

static int weighed_cmp(const void *x, const void *y)
{
    const weighed_tool *p = x, *q = y;

    if (p->weight != q->weight)
        return p->weight > q->weight ? -1 : 1;
    return p->tool < q->tool ? -1 : p->tool > q->tool;
}

/* The message of a latent collaboration: the tools that carry the pair's
 * similarity, heaviest first (hubs every role uses weigh nothing and are
 * not named). */
static void latent_gap(finder *f, const latent *l, const mgi_tfidf *x, const unsigned char *left,
                       weighed_tool *tools, mgi_strs *names)
{
    const mgi_model *m = f->m;
    size_t k, n = 0, i;

    for (k = m->role_tools.off[l->a]; k < m->role_tools.off[l->a + 1]; k++) {
        mgi_id t = m->role_tools.items[k];
        size_t kb = left[t] ? SIZE_MAX : use_at(m, l->b, t);

        if (kb != SIZE_MAX && x->own[k] * x->own[kb] > 0) {
            tools[n].tool = t;
            tools[n++].weight = x->own[k] * x->own[kb];
        }
    }
    mgi_qsort(tools, n, sizeof *tools, weighed_cmp);
    mgi_strs_free(names);
    begin(f, K_LATENT);
    subject_role(f, l->a);
    subject_role(f, l->b);
    for (i = 0; i < n; i++) {
        subject(f, MG_SUBJECT_TOOL, m->tools[tools[i].tool].name);
        if (mgi_strs_add(names, m->tools[tools[i].tool].name) < 0)
            f->failed = 1;
    }
    say(f, "%s and %s share ", m->roles[l->a].name, m->roles[l->b].name);
    say_names(f, names->items, names->n, 6);
    say(f, " (similarity %.2f) but have no handoff in either direction.", l->similarity);
    end(f);
}

/* Pairs of roles whose tools overlap for real (the cosine of their TF-IDF
 * vectors, projection.h; see LATENT_NEAR), from the bounded projection
 * streamed pair by pair, twice (each role's closest kin, then the pairs): hub tools that would make it explode are left out and named in
 * the result; of the pairs found, the max_latent most similar are kept
 * (memory O(max_latent)) and the rest counted. */
static void latent_gaps(finder *f)
{
    const mgi_model *m = f->m;
    mgi_projection p;
    mgi_tfidf tfidf = { 0 };
    mgi_strs names = { 0 };
    latent_search x;
    weighed_tool *tools = malloc((m->n_tools + 1) * sizeof *tools);
    double *w = mgi_model_use_weights(m);
    size_t i;

    memset(&p, 0, sizeof p);
    memset(&x, 0, sizeof x);
    mgi_heap_init(&x.best, sizeof(latent), latent_worse, 0); /* reserves nothing: cannot fail */
    if (!wanted(f, K_LATENT) || !tools || !w)
        goto out;
    x.u = f->u;
    x.x = &tfidf;
    x.min_shared = f->opts->min_shared;
    x.max_latent = f->opts->max_latent;
    if (!(x.closest = calloc(m->n_roles + 1, sizeof *x.closest)) ||
        mgi_tfidf_build(&tfidf, m->n_roles, &m->role_tools, w, m->n_tools, &m->tool_roles) < 0 ||
        mgi_projection_each(&p, m->n_roles, &m->role_tools, m->n_tools, &m->tool_roles,
                            f->opts->max_pairs, &tfidf, closest_link, &x) < 0)
        goto out;
    mgi_projection_free(&p);
    if (mgi_projection_each(&p, m->n_roles, &m->role_tools, m->n_tools, &m->tool_roles,
                            f->opts->max_pairs, &tfidf, latent_link, &x) < 0)
        goto out;
    for (i = 0; i < p.n_left_out; i++)
        if (mgi_strs_add(&f->gaps->left_out, m->tools[p.left_out[i]].name) < 0)
            f->failed = 1;
    f->gaps->latent_not_listed = x.found - x.best.n;
    /* in heap order: the gaps are sorted at the end */
    for (i = 0; i < x.best.n && !f->failed; i++)
        latent_gap(f, mgi_heap_at(&x.best, i), &tfidf, p.left, tools, &names);
out:
    if (wanted(f, K_LATENT) && (!tools || !w || !p.left))
        f->failed = 1;
    free(tools);
    free(w);
    free(x.closest);
    mgi_heap_free(&x.best);
    mgi_strs_free(&names);
    mgi_tfidf_free(&tfidf);
    mgi_projection_free(&p);
}

/* ---- Against a reference ----------------------------------------------------------- */

/* The organisation's role for each reference role (by name or alias, either way). */
static mgi_id *match_roles(const mgi_model *m, const mgi_model *ref)
{
    mgi_id *map = malloc((ref->n_roles + 1) * sizeof *map);
    size_t r, j;

    if (!map)
        return NULL;
    for (r = 0; r < ref->n_roles; r++) {
        const mgi_role *R = &ref->roles[r];

        map[r] = mgi_model_find_role(m, R->name);
        for (j = 0; j < R->n_aliases && map[r] == MGI_NONE; j++)
            map[r] = mgi_model_find_role(m, R->aliases[j]);
    }
    /* an organisation role that names a reference role by one of its own aliases */
    for (r = 0; r < m->n_roles; r++)
        for (j = 0; j < m->roles[r].n_aliases; j++) {
            mgi_id R = mgi_model_find_role(ref, m->roles[r].aliases[j]);

            if (R != MGI_NONE && map[R] == MGI_NONE)
                map[R] = (mgi_id)r;
        }
    return map;
}

/* unreachable-handoff: the ordered pairs of reference roles matched here
 * that a handoff chain joins in the reference and none joins here, the
 * first MGI_UNREACHABLE_LISTED in the order of the reference's names; the
 * rest are counted (reach.h: near linear, bounded work). */
static void unreachable_gaps(finder *f, const mgi_model *ref, const mgi_id *map)
{
    const mgi_model *m = f->m;
    mgi_handoffs in_ref, here;
    mgi_reach_diff d = { 0 };
    size_t i;

    /* both initialised (so both can be freed) whatever fails */
    if (mgi_handoffs_build(&in_ref, ref) < 0)
        f->failed = 1;
    if (mgi_handoffs_build(&here, m) < 0)
        f->failed = 1;
    if (!f->failed && mgi_reach_diff_find(&in_ref.g, &here.g, map, MGI_UNREACHABLE_LISTED, 0, &d) < 0)
        f->failed = 1;
    for (i = 0; i < d.n && !f->failed; i++) {
        mgi_id s = d.from[i], t = d.to[i], a = map[s], b = map[t];

        begin(f, K_UNREACHABLE);
        subject_role(f, a);
        subject_role(f, b);
        say(f, "In the reference, work can pass from %s to %s; here no handoff chain "
               "leads from %s to %s",
            ref->roles[s].name, ref->roles[t].name, m->roles[a].name, m->roles[b].name);
        end_sentence(f);
        end(f);
    }
    f->gaps->unreachable_not_listed = d.total - d.n;
    f->gaps->unreachable_exact = d.exact;
    f->gaps->unreachable_first = d.complete;
    mgi_reach_diff_free(&d);
    mgi_handoffs_free(&in_ref);
    mgi_handoffs_free(&here);
}

/* A handoff from -> to: one way, or both ways. */
static int has_collab(const mgi_model *m, mgi_id from, mgi_id to)
{
    return mgi_model_has_collab(m, from, to, 0) || mgi_model_has_collab(m, from, to, 1);
}

/* What the reference's handoff c (between a and b here) has that this
 * organisation lacks, direction by direction: ab, ba say which handoffs
 * exist here. */
static void missing_direction(finder *f, const mgi_model *ref, const mgi_collab *c,
                              const char *a, const char *b, int ab, int ba)
{
    if (c->both)
        say(f, "The reference hands work both ways between %s and %s", ref->roles[c->from].name,
            ref->roles[c->to].name);
    else
        say(f, "The reference hands work from %s to %s", ref->roles[c->from].name,
            ref->roles[c->to].name);
    if (c->handoff && *c->handoff)
        say(f, " (\"%s\")", c->handoff);
    if (ab || ba)
        say(f, "; here only %s hands to %s", ab ? a : b, ab ? b : a);
    else
        say(f, "; here %s and %s have no handoff in either direction", a, b);
    end_sentence(f);
}

static void reference_gaps(finder *f, const mgi_model *ref)
{
    const mgi_model *m = f->m;
    mgi_id *map = match_roles(m, ref);
    size_t r, i;

    if (!map) {
        f->failed = 1;
        return;
    }
    f->gaps->reference = 1;
    f->gaps->unreachable_exact = f->gaps->unreachable_first = 1;
    for (r = 0; r < ref->n_roles && wanted(f, K_MISSING_ROLE); r++) {
        if (map[r] != MGI_NONE)
            continue;
        begin(f, K_MISSING_ROLE);
        subject(f, MG_SUBJECT_ROLE, ref->roles[r].name);
        say(f, "The reference has %s", ref->roles[r].name);
        if (ref->roles[r].summary && *ref->roles[r].summary)
            say(f, " (\"%s\")", ref->roles[r].summary);
        say(f, "; this organisation has no such role.");
        end(f);
    }
    for (i = 0; i < ref->n_collabs && wanted(f, K_MISSING_COLLAB); i++) {
        const mgi_collab *c = &ref->collabs[i];
        mgi_id a = map[c->from], b = map[c->to];

        if (a == MGI_NONE || b == MGI_NONE || c->from == c->to)
            continue;
        if (has_collab(m, a, b) && (!c->both || has_collab(m, b, a)))
            continue;
        begin(f, K_MISSING_COLLAB);
        subject_role(f, a);
        subject_role(f, b);
        missing_direction(f, ref, c, m->roles[a].name, m->roles[b].name, has_collab(m, a, b),
                          has_collab(m, b, a));
        end(f);
    }
    if (wanted(f, K_UNREACHABLE))
        unreachable_gaps(f, ref, map);
    free(map);
}

/* ---- Against an earlier organisation ------------------------------------------------ */

/* "; k is still needed by A and B for other work": the roles here whose
 * responsibilities need capability k. */
static void say_still_needed(finder *f, const cap_index *ci, mgi_id k)
{
    cap_span s = cap_span_of(f->m, ci, k);
    mgi_strs names = { 0 };
    mgi_id role;
    size_t i;

    for (i = s.r0; i < s.r1; i++)
        if ((role = first_of_role(f->m, ci, &s, i)) != MGI_NONE &&
            mgi_strs_add(&names, f->m->roles[role].name) < 0)
            f->failed = 1;
    say(f, "; %s is still needed by ", s.name);
    say_names(f, names.items, names.n, 6);
    say(f, " for other work");
    mgi_strs_free(&names);
}

/* Responsibility r of `before` has no owner here; k is its capability here
 * (MGI_NONE when nothing here names it). */
static void unowned_gap(finder *f, const mgi_model *before, const mgi_resp *r, int role_gone,
                        const cap_index *ci, mgi_id k)
{
    const char *role = before->roles[r->role].name, *cap = before->caps[r->capability].name;

    begin(f, K_UNOWNED);
    subject(f, MG_SUBJECT_ROLE, role);
    subject(f, MG_SUBJECT_CAPABILITY, cap);
    if (role_gone)
        say(f, "Without %s, nobody owns '%s' (%s)", role, r->text, cap);
    else
        say(f, "%s no longer owns '%s' (%s), and no other role does", role, r->text, cap);
    if (k != MGI_NONE && ci->resp_off[k] < ci->resp_off[k + 1])
        say_still_needed(f, ci, k);
    end_sentence(f);
    end(f);
}

/* The responsibilities of opts->before that nobody owns here, by the rule
 * of opts->unowned (gaps.h). O(R_before) hashed look-ups. */
static void unowned_gaps(finder *f, const cap_index *ci)
{
    const mgi_model *before = f->opts->before->m;
    size_t i;

    if (!wanted(f, K_UNOWNED))
        return;
    for (i = 0; i < before->n_resps && !f->failed; i++) {
        const mgi_resp *r = &before->resps[i];
        int gone = mgi_model_find_role(f->m, before->roles[r->role].name) == MGI_NONE;
        mgi_id k = mgi_model_find_capability(f->m, before->caps[r->capability].name);
        int needed = k != MGI_NONE && ci->resp_off[k] < ci->resp_off[k + 1];

        if (f->opts->unowned == MGI_UNOWNED_WITH_ROLE ? !gone : needed)
            continue;
        unowned_gap(f, before, r, gone, ci, k);
    }
}

/* ---- Entry points ------------------------------------------------------------------ */

static int first_cmp(const mgi_strs *x, const mgi_strs *y)
{
    size_t i;

    for (i = 0; i < x->n && i < y->n; i++) {
        int c = strcmp(x->items[i], y->items[i]);

        if (c)
            return c;
    }
    return x->n < y->n ? -1 : x->n > y->n;
}

static int gap_cmp(const void *p, const void *q)
{
    const mgi_gap *a = p, *b = q;
    int c;

    if (a->is_new != b->is_new) /* with a baseline: new gaps first */
        return a->is_new ? -1 : 1;
    if (a->severity != b->severity)
        return a->severity > b->severity ? -1 : 1;
    if (a->impact != b->impact) /* most first */
        return a->impact > b->impact ? -1 : 1;
    if (a->kind != b->kind)
        return a->kind < b->kind ? -1 : 1;
    if ((c = first_cmp(&a->subjects[MG_SUBJECT_ROLE], &b->subjects[MG_SUBJECT_ROLE])) != 0 ||
        (c = first_cmp(&a->subjects[MG_SUBJECT_TOOL], &b->subjects[MG_SUBJECT_TOOL])) != 0 ||
        (c = first_cmp(&a->subjects[MG_SUBJECT_CAPABILITY], &b->subjects[MG_SUBJECT_CAPABILITY])) != 0)
        return c;
    return strcmp(a->message, b->message);
}

void mg_gaps_free(mg_gaps *gaps)
{
    size_t i;
    int s;

    if (!gaps)
        return;
    for (i = 0; i < gaps->n; i++) {
        for (s = 0; s < MG_SUBJECT_COUNT; s++)
            free(gaps->items[i].subjects[s].items); /* the strings are the pool's */
        free(gaps->items[i].message);
        free(gaps->items[i].separated_size);
        free(gaps->items[i].separated_off);
        free(gaps->items[i].separated_names); /* the strings are the pool's */
        free(gaps->items[i].reach_lost);
    }
    mgi_strs_free(&gaps->pool);
    mgi_strs_free(&gaps->left_out);
    mgi_strs_free(&gaps->skipped);
    mgi_strs_free(&gaps->skipped_why);
    mgi_warnings_free(&gaps->warnings);
    mgi_gaps_fixed_free(gaps);
    free(gaps->items);
    free(gaps);
}

mg_status mg_gaps_find(const mg_org *org, const mg_gaps_opts *opts, mg_gaps **out, mg_error *err)
{
    mg_gaps_opts defaults;
    cap_index ci = { 0 };
    mgi_undirected u = { 0 };
    finder f;
    size_t i;

    if (!org || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_gaps_find: NULL argument");
    if (mgi_org_frozen(org, err) != MG_OK ||
        (opts && opts->reference && mgi_org_frozen(opts->reference, err) != MG_OK))
        return MG_EINTERNAL;
    if (!opts) {
        gaps_opts_init(&defaults);
        opts = &defaults;
    }
    memset(&f, 0, sizeof f);
    f.m = org->m;
    f.opts = opts;
    f.u = &u;
    if ((f.gaps = calloc(1, sizeof *f.gaps)) != NULL) {
        f.gaps->max_pairs = opts->max_pairs;
        f.gaps->limit = opts->limit;
        f.gaps->max_separated = opts->max_separated;
    }
    if (!f.gaps || mgi_warnings_copy(&f.gaps->warnings, org) < 0 ||
        cap_index_build(f.m, &ci) < 0 ||
        mgi_undirected_build(&u, f.m) < 0)
        f.failed = 1;
    if (!f.failed && !skip(&f, !f.m->n_resps, "the coverage of capabilities",
                           "no responsibilities (responsibilities.csv is absent or has no rows)"))
        capability_gaps(&f, &ci);
    if (!f.failed)
        tool_gaps(&f);
    if (!f.failed && !skip(&f, !f.m->n_collabs, "the handoff structure (isolated roles, parts, cuts)",
                           "no collaborations (collaborations.csv is absent or has no rows)"))
        structure_gaps(&f);
    if (!f.failed && !skip(&f, !f.m->n_collabs || !f.m->n_uses, "latent collaborations",
                           !f.m->n_uses ? "no tools (tools.csv is absent or has no rows)"
                                        : "no collaborations, so who never talks is unknown"))
        latent_gaps(&f);
    if (!f.failed && opts->reference)
        reference_gaps(&f, opts->reference->m);
    if (!f.failed && opts->before)
        unowned_gaps(&f, &ci);
    cap_index_free(&ci);
    mgi_undirected_free(&u);
    mgi_buf_free(&f.msg);
    mgi_map_free(&f.pool_at);
    for (i = 0; f.gaps && i < f.gaps->n; i++)
        if (!f.gaps->items[i].message)
            f.failed = 1;
    if (f.failed) {
        mg_gaps_free(f.gaps);
        return mgi_nomem(err);
    }
    if (opts->baseline && mgi_gaps_mark(f.gaps, opts->baseline) < 0) {
        mg_gaps_free(f.gaps);
        return mgi_nomem(err);
    }
    mgi_qsort(f.gaps->items, f.gaps->n, sizeof *f.gaps->items, gap_cmp);
    *out = f.gaps;
    return MG_OK;
}

mg_status mgi_gaps_find_since(const mg_org *org, const mg_gaps_opts *opts, const mg_org *before,
                              mgi_unowned_rule rule, mg_gaps **out, mg_error *err)
{
    mg_gaps_opts o;

    if (opts)
        o = *opts;
    else
        gaps_opts_init(&o);
    o.before = before;
    o.unowned = rule;
    return mg_gaps_find(org, &o, out, err);
}

size_t mg_gaps_count(const mg_gaps *gaps)
{
    return gaps ? gaps->n : 0;
}

const char *mg_gap_kind(const mg_gaps *gaps, size_t i)
{
    return gaps && i < gaps->n ? kind_names[gaps->items[i].kind] : NULL;
}

mg_severity mg_gap_severity(const mg_gaps *gaps, size_t i)
{
    return gaps && i < gaps->n ? gaps->items[i].severity : MG_SEVERITY_NONE;
}

const char *mg_gap_message(const mg_gaps *gaps, size_t i)
{
    return gaps && i < gaps->n ? gaps->items[i].message : NULL;
}

size_t mg_gap_subject_count(const mg_gaps *gaps, size_t i, mg_subject kind)
{
    return gaps && i < gaps->n && (unsigned)kind < MG_SUBJECT_COUNT ? gaps->items[i].subjects[kind].n : 0;
}

const char *mg_gap_subject(const mg_gaps *gaps, size_t i, mg_subject kind, size_t j)
{
    if (!gaps || i >= gaps->n || (unsigned)kind >= MG_SUBJECT_COUNT || j >= gaps->items[i].subjects[kind].n)
        return NULL;
    return gaps->items[i].subjects[kind].items[j];
}

size_t mg_gaps_latent_not_listed(const mg_gaps *gaps)
{
    return gaps ? gaps->latent_not_listed : 0;
}

size_t mg_gaps_left_out_count(const mg_gaps *gaps)
{
    return gaps ? gaps->left_out.n : 0;
}

const char *mg_gaps_left_out(const mg_gaps *gaps, size_t i)
{
    return gaps && i < gaps->left_out.n ? gaps->left_out.items[i] : NULL;
}

int mg_gaps_max_severity(const mg_gaps *gaps)
{
    /* sorted by severity; with a baseline, new gaps first */
    if (!gaps || !gaps->n || (gaps->baseline && !gaps->items[0].is_new))
        return MG_SEVERITY_NONE;
    return (int)gaps->items[0].severity;
}

void mg_gaps_opts_set_limit(mg_gaps_opts *opts, size_t limit)
{
    if (opts)
        opts->limit = limit;
}

void mg_gaps_opts_set_baseline(mg_gaps_opts *opts, const mg_baseline *baseline)
{
    if (opts)
        opts->baseline = baseline;
}

int mg_gap_is_new(const mg_gaps *gaps, size_t i)
{
    return gaps && i < gaps->n && gaps->baseline ? gaps->items[i].is_new : -1;
}

size_t mg_gaps_fixed_count(const mg_gaps *gaps)
{
    return gaps ? gaps->n_fixed : 0;
}

const char *mg_gaps_fixed_kind(const mg_gaps *gaps, size_t i)
{
    return i < mg_gaps_fixed_count(gaps) ? gaps->fixed[i].kind : NULL;
}

const char *mg_gaps_fixed_severity(const mg_gaps *gaps, size_t i)
{
    return i < mg_gaps_fixed_count(gaps) ? gaps->fixed[i].severity : NULL;
}

const char *mg_gaps_fixed_message(const mg_gaps *gaps, size_t i)
{
    return i < mg_gaps_fixed_count(gaps) ? gaps->fixed[i].message : NULL;
}

size_t mg_gap_separated_count(const mg_gaps *gaps, size_t i)
{
    return gaps && i < gaps->n ? gaps->items[i].n_separated : 0;
}

size_t mg_gap_separated_size(const mg_gaps *gaps, size_t i, size_t group)
{
    return group < mg_gap_separated_count(gaps, i) ? gaps->items[i].separated_size[group] : 0;
}

size_t mg_gap_separated_listed(const mg_gaps *gaps, size_t i, size_t group)
{
    const size_t *off;

    if (group >= mg_gap_separated_count(gaps, i))
        return 0;
    off = gaps->items[i].separated_off;
    return off[group + 1] - off[group];
}

const char *mg_gap_separated_role(const mg_gaps *gaps, size_t i, size_t group, size_t j)
{
    if (j >= mg_gap_separated_listed(gaps, i, group))
        return NULL;
    return gaps->items[i].separated_names[gaps->items[i].separated_off[group] + j];
}

size_t mg_gap_reach_lost_count(const mg_gaps *gaps, size_t i)
{
    return gaps && i < gaps->n ? gaps->items[i].n_reach_lost : 0;
}

const char *mg_gap_reach_lost_from(const mg_gaps *gaps, size_t i, size_t j)
{
    return j < mg_gap_reach_lost_count(gaps, i) ? gaps->items[i].reach_lost[2 * j] : NULL;
}

const char *mg_gap_reach_lost_to(const mg_gaps *gaps, size_t i, size_t j)
{
    return j < mg_gap_reach_lost_count(gaps, i) ? gaps->items[i].reach_lost[2 * j + 1] : NULL;
}

size_t mg_gaps_separated_not_listed(const mg_gaps *gaps)
{
    return gaps ? gaps->separated_not_listed : 0;
}
