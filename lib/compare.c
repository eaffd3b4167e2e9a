/*
 * compare.c - what if a role or tool were gone, and what changed between
 * two snapshots of an organisation: one comparison serves both.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "compare_result.h"
#include "gap_identity.h"
#include "gaps.h"

/* ---- Removing roles and tools ---------------------------------------------- */

mg_status mg_org_without(const mg_org *org, const char *const *names, size_t n, mg_org **out,
                         mg_error *err)
{
    const mgi_model *m;
    unsigned char *drop_role = NULL, *drop_tool = NULL;
    mg_org *copy = NULL;
    mg_status st = MG_ENOMEM;
    size_t i;

    if (!org || (!names && n) || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_org_without: NULL argument");
    if (mgi_org_frozen(org, err) != MG_OK)
        return MG_EINTERNAL;
    m = org->m;
    drop_role = calloc(m->n_roles + 1, 1);
    drop_tool = calloc(m->n_tools + 1, 1);
    if (!drop_role || !drop_tool)
        goto out;
    for (i = 0; i < n; i++) {
        mgi_id id = mgi_model_find_role(m, names[i]);

        if (id != MGI_NONE) {
            drop_role[id] = 1;
            continue;
        }
        id = mgi_model_find_tool(m, names[i]);
        if (id == MGI_NONE) {
            st = mgi_not_found(m, "role or tool", names[i], 1, 1, err);
            goto done;
        }
        drop_tool[id] = 1;
    }
    if (!(copy = mg_org_new()) || mgi_model_copy(copy->m, m, drop_role, drop_tool) < 0 ||
        mgi_model_freeze(copy->m) < 0)
        goto out;
    *out = copy;
    copy = NULL;
    st = MG_OK;
    goto done;
out:
    mgi_nomem(err);
done:
    mg_org_free(copy);
    free(drop_role);
    free(drop_tool);
    return st;
}

/* ---- The comparison ------------------------------------------------------------ */

/* Reachability is compared pair by pair only up to this many roles. */
#define REACH_MAX_ROLES 3000

static void named_collabs_free(mgi_named_collabs *l)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        free(l->items[i].from);
        free(l->items[i].to);
    }
    free(l->items);
    memset(l, 0, sizeof *l);
}

void mg_comparison_free(mg_comparison *c)
{
    if (!c)
        return;
    free(c->title);
    mgi_strs_free(&c->roles_added);
    mgi_strs_free(&c->roles_removed);
    mgi_strs_free(&c->tools_added);
    mgi_strs_free(&c->tools_removed);
    named_collabs_free(&c->collabs_added);
    named_collabs_free(&c->collabs_removed);
    mg_gaps_free(c->gaps_before);
    mg_gaps_free(c->gaps_after);
    free(c->opened);
    free(c->closed);
    free(c->gone);
    free(c->changed);
    mgi_strs_free(&c->lost_from);
    mgi_strs_free(&c->lost_to);
    mgi_strs_free(&c->gained_from);
    mgi_strs_free(&c->gained_to);
    free(c);
}

/* Roles (or tools) of a that b lacks, by name or alias. */
static int missing_names(const mgi_model *a, const mgi_model *b, int tools, mgi_strs *out)
{
    size_t i, n = tools ? a->n_tools : a->n_roles;

    for (i = 0; i < n; i++) {
        const char *name = tools ? a->tools[i].name : a->roles[i].name;
        mgi_id id = tools ? mgi_model_find_tool(b, name) : mgi_model_find_role(b, name);

        if (id == MGI_NONE && mgi_strs_add(out, name) < 0)
            return -1;
    }
    return 0;
}

/* Collaborations of a that b lacks (ends matched by name). */
static int missing_collabs(const mgi_model *a, const mgi_model *b, mgi_named_collabs *out)
{
    size_t i;

    for (i = 0; i < a->n_collabs; i++) {
        const mgi_collab *c = &a->collabs[i];
        mgi_id from = mgi_model_find_role(b, a->roles[c->from].name);
        mgi_id to = mgi_model_find_role(b, a->roles[c->to].name);
        mgi_named_collab *r;

        if (from != MGI_NONE && to != MGI_NONE && mgi_model_has_collab(b, from, to, c->both))
            continue;
        if (mgi_grow(&out->items, &out->cap, out->n + 1, sizeof *out->items) < 0)
            return -1;
        r = &out->items[out->n];
        r->from = mgi_strdup(a->roles[c->from].name);
        r->to = mgi_strdup(a->roles[c->to].name);
        r->both = c->both;
        if (!r->from || !r->to) {
            free(r->from);
            free(r->to);
            return -1;
        }
        out->n++;
    }
    return 0;
}

typedef struct key_probe {
    char *const *keys;
    const char *key;
} key_probe;

static int key_eq(const void *ctx, mgi_id id)
{
    const key_probe *p = ctx;

    return strcmp(p->keys[id], p->key) == 0;
}

/* Indices of gaps in a whose identity b lacks; with `changed`, also those b
 * has with other words (into changed, n_changed). b's identities are hashed:
 * O(|a| + |b|) expected. */
static int gaps_missing(const mg_gaps *a, const mg_gaps *b, size_t **idx, size_t *n,
                        size_t **changed, size_t *n_changed)
{
    size_t na = mg_gaps_count(a), nb = mg_gaps_count(b), i, j;
    char **kb = calloc(nb + 1, sizeof *kb);
    mgi_map seen = { 0 };
    key_probe probe;
    int rc = -1;

    *idx = malloc((na + 1) * sizeof **idx);
    *n = 0;
    if (changed) {
        *changed = malloc((na + 1) * sizeof **changed);
        *n_changed = 0;
    }
    if (!kb || !*idx || (changed && !*changed) || nb >= MGI_NONE)
        goto out;
    probe.keys = kb;
    for (j = 0; j < nb; j++) { /* the first of equal identities answers, as before */
        uint64_t h;

        if (!(kb[j] = mgi_gap_identity_of(b, j)))
            goto out;
        probe.key = kb[j];
        h = mgi_hash_bytes(kb[j], strlen(kb[j]));
        if (mgi_map_get(&seen, h, key_eq, &probe) == MGI_NONE &&
            mgi_map_put(&seen, h, (mgi_id)j) < 0)
            goto out;
    }
    for (i = 0; i < na; i++) {
        mgi_id at;

        if (!(probe.key = mgi_gap_identity_of(a, i)))
            goto out;
        at = mgi_map_get(&seen, mgi_hash_bytes(probe.key, strlen(probe.key)), key_eq, &probe);
        free((char *)probe.key);
        if (at == MGI_NONE)
            (*idx)[(*n)++] = i;
        else if (changed && strcmp(mg_gap_message(a, i), mg_gap_message(b, at)) != 0)
            (*changed)[(*n_changed)++] = i;
    }
    rc = 0;
out:
    for (j = 0; kb && j < nb; j++)
        free(kb[j]);
    free(kb);
    mgi_map_free(&seen);
    return rc;
}

/* Ordered pairs (by name) reachable in a whose ends exist in b but are not
 * reachable there. */
static int reach_lost(const mg_org *a, const mg_org *b, mgi_strs *from, mgi_strs *to)
{
    mg_costs *ca = NULL, *cb = NULL;
    const mgi_model *ma = a->m, *mb = b->m;
    mgi_id *map = malloc((ma->n_roles + 1) * sizeof *map);
    size_t s, t;
    int rc = -1;

    if (!map || mg_costs_find(a, &ca, NULL) != MG_OK || mg_costs_find(b, &cb, NULL) != MG_OK)
        goto out;
    for (s = 0; s < ma->n_roles; s++)
        map[s] = mgi_model_find_role(mb, ma->roles[s].name);
    for (s = 0; s < ma->n_roles; s++)
        for (t = 0; t < ma->n_roles; t++) {
            if (s == t || map[s] == MGI_NONE || map[t] == MGI_NONE || map[s] == map[t] ||
                mg_costs_get(ca, s, t) < 0 || mg_costs_get(cb, map[s], map[t]) >= 0)
                continue;
            if (mgi_strs_add(from, ma->roles[s].name) < 0 || mgi_strs_add(to, ma->roles[t].name) < 0)
                goto out;
        }
    rc = 0;
out:
    mg_costs_free(ca);
    mg_costs_free(cb);
    free(map);
    return rc;
}

/* Whether every role, tool and capability gap i of g names is in m (by
 * name; roles also by alias). */
static int subjects_remain(const mg_gaps *g, size_t i, const mgi_model *m)
{
    static mgi_id (*const find[MG_SUBJECT_COUNT])(const mgi_model *, const char *) = {
        mgi_model_find_role, mgi_model_find_tool, mgi_model_find_capability
    };
    size_t j;
    int s;

    for (s = 0; s < MG_SUBJECT_COUNT; s++)
        for (j = 0; j < mg_gap_subject_count(g, i, (mg_subject)s); j++)
            if (find[s](m, mg_gap_subject(g, i, (mg_subject)s, j)) == MGI_NONE)
                return 0;
    return 1;
}

/* Marks the parts of `before` (connected, directions ignored) that lost a
 * role in `after`: broken[part] = 1. *comp gets each role's part. */
static unsigned char *broken_parts(const mgi_model *before, const mgi_model *after, mgi_id **comp)
{
    mgi_undirected u = { 0 };
    unsigned char *broken = calloc(before->n_roles + 1, 1);
    size_t r;

    *comp = malloc((before->n_roles + 1) * sizeof **comp);
    if (!broken || !*comp || mgi_undirected_build(&u, before) < 0 ||
        mgi_components(&u, *comp) == (size_t)-1) {
        mgi_undirected_free(&u);
        free(broken);
        free(*comp);
        *comp = NULL;
        return NULL;
    }
    for (r = 0; r < before->n_roles; r++)
        if (mgi_model_find_role(after, before->roles[r].name) == MGI_NONE)
            broken[(*comp)[r]] = 1;
    mgi_undirected_free(&u);
    return broken;
}

/* A cut is about its whole part: when the part lost a role, the cut may be
 * gone because the part shrank, not because a handoff was added. */
static int part_broken(const mg_gaps *g, size_t i, const mgi_model *before, const mgi_id *comp,
                       const unsigned char *broken)
{
    const char *kind = mg_gap_kind(g, i);
    mgi_id r;

    if (strcmp(kind, "cut-role") != 0 && strcmp(kind, "cut-handoff") != 0)
        return 0;
    r = mgi_model_find_role(before, mg_gap_subject(g, i, MG_SUBJECT_ROLE, 0));
    return r != MGI_NONE && broken[comp[r]];
}

/* A gap that is gone because its subject went (a removed role's
 * latent collaboration, a capability only it needed, a cut whose part lost
 * a role) is no improvement: moves those closed gaps from closed to gone.
 * Then counts the unowned responsibilities among the gaps opened. */
static int split_closed(mg_comparison *c, const mgi_model *before, const mgi_model *after)
{
    size_t i, kept = 0;
    mgi_id *comp = NULL;
    unsigned char *broken = broken_parts(before, after, &comp);

    if (!broken || !(c->gone = malloc((c->n_closed + 1) * sizeof *c->gone))) {
        free(broken);
        free(comp);
        return -1;
    }
    for (i = 0; i < c->n_closed; i++) {
        size_t g = c->closed[i];

        if (subjects_remain(c->gaps_before, g, after) &&
            !part_broken(c->gaps_before, g, before, comp, broken))
            c->closed[kept++] = g;
        else
            c->gone[c->n_gone++] = g;
    }
    free(broken);
    free(comp);
    c->n_closed = kept;
    for (i = 0; i < c->n_opened; i++)
        if (!strcmp(mg_gap_kind(c->gaps_after, c->opened[i]), "unowned-responsibility"))
            c->n_unowned++;
    return 0;
}

/* The gaps on both sides, the after side with the work before left unowned
 * by `rule` (gaps.h); the clusters' counts and modularity. */
static mg_status compare_analyses(mg_comparison *c, const mg_org *before, const mg_org *after,
                                  const mg_gaps_opts *opts, mgi_unowned_rule rule, mg_error *err)
{
    mg_clusters *kb = NULL, *ka = NULL;
    mg_status st;

    if ((st = mg_gaps_find(before, opts, &c->gaps_before, err)) == MG_OK &&
        (st = mgi_gaps_find_since(after, opts, before, rule, &c->gaps_after, err)) == MG_OK &&
        (st = mg_clusters_find(before, NULL, &kb, err)) == MG_OK &&
        (st = mg_clusters_find(after, NULL, &ka, err)) == MG_OK) {
        c->clusters_before = mg_clusters_count(kb);
        c->clusters_after = mg_clusters_count(ka);
        c->modularity_before = mg_clusters_modularity(kb);
        c->modularity_after = mg_clusters_modularity(ka);
    }
    mg_clusters_free(kb);
    mg_clusters_free(ka);
    return st;
}

/*
 * The comparison matches the two organisations by name, never by id (ids
 * differ between any two loads):
 *  - roles and tools: each name of one looked up in the other (roles also by
 *    alias, case-insensitively); O(V + T) expected, the look-up is hashed.
 *  - collaborations: the ends' names mapped to the other side's roles, then
 *    the other side's collaborations scanned for the same ends and the same
 *    direction; O(C_before * C_after).
 *  - gaps: both sides searched with the same options (mg_gaps_find), the
 *    after side also for the responsibilities of before left without an
 *    owner (mgi_gaps_find_since, O(R_before)); a gap is the same gap when
 *    its kind and its subjects are (gap_identity.h), however its message words the
 *    evidence: same key, other message = "changed". Keys are compared one
 *    against all: O(G_before * G_after) key comparisons. A gap of before
 *    that after lacks closed only when every subject it names is still
 *    there; otherwise it went with them (split_closed, hashed look-ups).
 *  - reachability: all-pairs cheapest costs on both sides (Dijkstra 1959
 *    from every role, O(V (V + E) log V)) and every ordered pair whose ends
 *    exist on both sides checked, O(V^2); only up to REACH_MAX_ROLES roles,
 *    beyond which reach_compared is 0.
 *  - clusters: Louvain (Blondel et al. 2008) on both sides, compared by
 *    count and modularity only.
 * The public contract is in mlopsgraph.h. title is copied (NULL: out of memory).
 */
static mg_status compare(const mg_org *before, const mg_org *after, const mg_gaps_opts *opts,
                         mgi_unowned_rule rule, const char *title, mg_comparison **out,
                         mg_error *err)
{
    mg_comparison *c;
    mg_status st;

    if (!title || !(c = calloc(1, sizeof *c)))
        return mgi_nomem(err);
    if (!(c->title = mgi_strdup(title)))
        goto nomem;
    if ((st = compare_analyses(c, before, after, opts, rule, err)) != MG_OK) {
        mg_comparison_free(c);
        return st;
    }
    c->reach_compared = before->m->n_roles <= REACH_MAX_ROLES && after->m->n_roles <= REACH_MAX_ROLES;
    if (missing_names(after->m, before->m, 0, &c->roles_added) < 0 ||
        missing_names(before->m, after->m, 0, &c->roles_removed) < 0 ||
        missing_names(after->m, before->m, 1, &c->tools_added) < 0 ||
        missing_names(before->m, after->m, 1, &c->tools_removed) < 0 ||
        missing_collabs(after->m, before->m, &c->collabs_added) < 0 ||
        missing_collabs(before->m, after->m, &c->collabs_removed) < 0 ||
        gaps_missing(c->gaps_after, c->gaps_before, &c->opened, &c->n_opened, &c->changed,
                     &c->n_changed) < 0 ||
        gaps_missing(c->gaps_before, c->gaps_after, &c->closed, &c->n_closed, NULL, NULL) < 0 ||
        split_closed(c, before->m, after->m) < 0 ||
        (c->reach_compared && (reach_lost(before, after, &c->lost_from, &c->lost_to) < 0 ||
                               reach_lost(after, before, &c->gained_from, &c->gained_to) < 0)))
        goto nomem;
    *out = c;
    return MG_OK;
nomem:
    mg_comparison_free(c);
    return mgi_nomem(err);
}

mg_status mg_compare(const mg_org *before, const mg_org *after, const mg_gaps_opts *opts,
                     const char *title, mg_comparison **out, mg_error *err)
{
    if (!before || !after || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_compare: NULL argument");
    if (mgi_org_frozen(before, err) != MG_OK || mgi_org_frozen(after, err) != MG_OK)
        return MG_EINTERNAL;
    return compare(before, after, opts, MGI_UNOWNED_BY_CAPABILITY, title ? title : "Changes", out,
                   err);
}

/* "What if A were gone", "What if A, B and C were gone", or for more than
 * three "What if A and others were gone", each name as m spells it (names
 * are known to m: mg_org_without checked them). NULL when out of memory. */
static char *whatif_title(const mgi_model *m, const char *const *names, size_t n)
{
    mgi_buf b = { 0 };
    size_t i, shown = n > 3 ? 1 : n;
    int failed = mgi_buf_puts(&b, "What if") < 0;

    for (i = 0; i < shown; i++) {
        mgi_id id = mgi_model_find_role(m, names[i]);
        const char *name = id != MGI_NONE ? m->roles[id].name
                                          : m->tools[mgi_model_find_tool(m, names[i])].name;

        failed |= mgi_buf_puts(&b, i == 0 ? " " : i + 1 == shown ? " and " : ", ") < 0 ||
                  mgi_buf_puts(&b, name) < 0;
    }
    failed |= mgi_buf_puts(&b, n > 3 ? " and others were gone" : " were gone") < 0;
    if (failed) {
        mgi_buf_free(&b);
        return NULL;
    }
    return mgi_buf_steal(&b);
}

mg_status mg_whatif(const mg_org *org, const char *const *names, size_t n,
                    const mg_gaps_opts *opts, mg_comparison **out, mg_error *err)
{
    mg_org *without = NULL;
    char *title;
    mg_status st;

    if (!org || !names || !n || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0,
                         "mg_whatif: NULL argument, or no role or tool to remove");
    if ((st = mg_org_without(org, names, n, &without, err)) != MG_OK)
        return st;
    title = whatif_title(org->m, names, n);
    st = compare(org, without, opts, MGI_UNOWNED_WITH_ROLE, title, out, err);
    free(title);
    mg_org_free(without);
    return st;
}

size_t mg_comparison_gaps_opened(const mg_comparison *c)
{
    return c ? c->n_opened : 0;
}

size_t mg_comparison_gaps_closed(const mg_comparison *c)
{
    return c ? c->n_closed : 0;
}

size_t mg_comparison_gaps_gone_with_removal(const mg_comparison *c)
{
    return c ? c->n_gone : 0;
}

size_t mg_comparison_responsibilities_unowned(const mg_comparison *c)
{
    return c ? c->n_unowned : 0;
}
