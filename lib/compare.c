/*
 * compare.c - what if a role or tool were gone, and what changed between
 * two snapshots of an organisation: one comparison serves both.
 */
#include "config.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compare_result.h"
#include "gap_identity.h"
#include "gaps.h"
#include "reach.h"

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

/* What both sides share: each side's roles matched on the other by name
 * (or alias), and each side's handoffs as arcs. */
typedef struct sides {
    const mgi_model *before, *after;
    mgi_id *to_after;  /* role of before -> its match in after, or MGI_NONE */
    mgi_id *to_before; /* and the other way */
    mgi_handoffs arcs_before, arcs_after;
} sides;

static void sides_free(sides *x)
{
    free(x->to_after);
    free(x->to_before);
    mgi_handoffs_free(&x->arcs_before);
    mgi_handoffs_free(&x->arcs_after);
}

/* Each role of a looked up in b: O(V) hashed look-ups. NULL when out of memory. */
static mgi_id *match_roles(const mgi_model *a, const mgi_model *b)
{
    mgi_id *map = malloc((a->n_roles + 1) * sizeof *map);
    size_t r;

    for (r = 0; map && r < a->n_roles; r++)
        map[r] = mgi_model_find_role(b, a->roles[r].name);
    return map;
}

static int sides_init(sides *x, const mgi_model *before, const mgi_model *after)
{
    memset(x, 0, sizeof *x);
    x->before = before;
    x->after = after;
    return (x->to_after = match_roles(before, after)) && (x->to_before = match_roles(after, before)) &&
                   mgi_handoffs_build(&x->arcs_before, before) == 0 &&
                   mgi_handoffs_build(&x->arcs_after, after) == 0
               ? 0
               : -1;
}

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

/* Roles of a whose match in b (map) is none. */
static int missing_roles(const mgi_model *a, const mgi_id *map, mgi_strs *out)
{
    size_t i;

    for (i = 0; i < a->n_roles; i++)
        if (map[i] == MGI_NONE && mgi_strs_add(out, a->roles[i].name) < 0)
            return -1;
    return 0;
}

/* Tools of a that b lacks, by name. */
static int missing_tools(const mgi_model *a, const mgi_model *b, mgi_strs *out)
{
    size_t i;

    for (i = 0; i < a->n_tools; i++)
        if (mgi_model_find_tool(b, a->tools[i].name) == MGI_NONE &&
            mgi_strs_add(out, a->tools[i].name) < 0)
            return -1;
    return 0;
}

/* Collaborations of a that b lacks (ends matched by name: map). O(C log C). */
static int missing_collabs(const mgi_model *a, const mgi_model *b, const mgi_id *map,
                           mgi_named_collabs *out)
{
    size_t i;

    for (i = 0; i < a->n_collabs; i++) {
        const mgi_collab *c = &a->collabs[i];
        mgi_id from = map[c->from], to = map[c->to];
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

/* ---- Gap identities as numbers ---------------------------------------------------- */

/*
 * A gap's identity (gap_identity.h) is its kind and the folded names of its
 * key. Made as strings it costs a string and a folding per name per gap; a
 * capability named by 97,000 gaps was folded 97,000 times. Here each
 * distinct name of a result is folded once, and numbered in a dictionary
 * both sides share; a key is the kind's number, then for each subject kind
 * in the key a marker and its names' numbers. Equal numbers are equal key
 * strings, since no name holds the strings' separators (0x1e, 0x1f): the
 * loader refuses control characters, and every gap names a loaded role,
 * tool or capability.
 */
#define KEY_SECTION 0xffffffffu

typedef struct name_numbers {
    mgi_map at;     /* hash of a folded name -> its number */
    char **folded;  /* number -> the folded name */
    size_t n, cap;
    mgi_buf scratch;
} name_numbers;

static void name_numbers_free(name_numbers *d)
{
    size_t i;

    for (i = 0; i < d->n; i++)
        free(d->folded[i]);
    free(d->folded);
    mgi_map_free(&d->at);
    mgi_buf_free(&d->scratch);
    memset(d, 0, sizeof *d);
}

static int folded_eq(const void *ctx, mgi_id id)
{
    const name_numbers *d = ctx;

    return strcmp(d->folded[id], d->scratch.data) == 0;
}

/* The number of name folded as a capability (cap) or as another name;
 * MGI_NONE when out of memory. */
static mgi_id number_of(name_numbers *d, const char *name, int cap)
{
    uint64_t h;
    mgi_id id;

    if ((cap ? mgi_fold_id : mgi_fold)(&d->scratch, name, strlen(name)) < 0 || !d->scratch.data)
        return MGI_NONE;
    h = mgi_hash_bytes(d->scratch.data, d->scratch.len);
    if ((id = mgi_map_get(&d->at, h, folded_eq, d)) != MGI_NONE)
        return id;
    if (d->n >= KEY_SECTION - 1 || mgi_grow(&d->folded, &d->cap, d->n + 1, sizeof *d->folded) < 0 ||
        !(d->folded[d->n] = mgi_strdup(d->scratch.data)))
        return MGI_NONE;
    if (mgi_map_put(&d->at, h, (mgi_id)d->n) < 0) {
        free(d->folded[d->n]);
        return MGI_NONE;
    }
    return (mgi_id)d->n++;
}

/* One side's keys: gap i's is key[off[i] .. off[i + 1]). */
typedef struct gap_keys {
    const mg_gaps *gaps;
    mgi_map by_name;       /* a name's address in the result -> its slot */
    mgi_id (*num)[2];      /* slot -> its numbers as a name, as a capability (MGI_NONE: not yet) */
    size_t n_slots, cap_slots;
    uint32_t *key;
    size_t *off, n_key, cap_key;
    mgi_map at;            /* hash of a key -> the first gap with it */
} gap_keys;

static void gap_keys_free(gap_keys *k)
{
    mgi_map_free(&k->by_name);
    mgi_map_free(&k->at);
    free(k->num);
    free(k->key);
    free(k->off);
    memset(k, 0, sizeof *k);
}

/* The number of a name of the result (an address in its pool), folded
 * once. MGI_NONE when out of memory. */
static mgi_id name_number(gap_keys *k, name_numbers *d, const char *name, int cap)
{
    uint64_t h = mgi_hash_mix((uint64_t)(uintptr_t)name); /* a bijection: its own check */
    mgi_id slot = mgi_map_get(&k->by_name, h, mgi_map_same_hash, NULL);

    if (slot == MGI_NONE) {
        if (k->n_slots >= MGI_NONE - 1 ||
            mgi_grow(&k->num, &k->cap_slots, k->n_slots + 1, sizeof *k->num) < 0 ||
            mgi_map_put(&k->by_name, h, (mgi_id)k->n_slots) < 0)
            return MGI_NONE;
        slot = (mgi_id)k->n_slots++;
        k->num[slot][0] = k->num[slot][1] = MGI_NONE;
    }
    if (k->num[slot][cap] == MGI_NONE)
        k->num[slot][cap] = number_of(d, name, cap);
    return k->num[slot][cap];
}

static int push_key(gap_keys *k, uint32_t v)
{
    if (mgi_grow(&k->key, &k->cap_key, k->n_key + 1, sizeof *k->key) < 0)
        return -1;
    k->key[k->n_key++] = v;
    return 0;
}

/* Gap i's key, appended to k->key. */
static int number_key(gap_keys *k, name_numbers *d, size_t i)
{
    const char *const *kinds = mg_gap_kinds();
    const char *kind = mg_gap_kind(k->gaps, i);
    size_t n[MG_SUBJECT_COUNT], j;
    uint32_t code = 0;
    int s;

    while (kinds[code] && kinds[code] != kind)
        code++;
    for (s = 0; s < MG_SUBJECT_COUNT; s++)
        n[s] = mg_gap_subject_count(k->gaps, i, (mg_subject)s);
    if (push_key(k, code) < 0)
        return -1;
    for (s = 0; s < MG_SUBJECT_COUNT; s++) {
        if (!mgi_gap_identity_names(kind, n, s))
            continue;
        if (push_key(k, KEY_SECTION) < 0)
            return -1;
        for (j = 0; j < n[s]; j++) {
            mgi_id id = name_number(k, d, mg_gap_subject(k->gaps, i, (mg_subject)s, j),
                                    s == MG_SUBJECT_CAPABILITY);

            if (id == MGI_NONE || push_key(k, id) < 0)
                return -1;
        }
    }
    return 0;
}

typedef struct key_probe {
    const gap_keys *keys; /* searched */
    const uint32_t *key;  /* for this key */
    size_t len;
} key_probe;

static int probe_eq(const void *ctx, mgi_id id)
{
    const key_probe *p = ctx;
    const gap_keys *k = p->keys;

    return k->off[id + 1] - k->off[id] == p->len &&
           memcmp(k->key + k->off[id], p->key, p->len * sizeof *p->key) == 0;
}

static uint64_t probe_hash(const key_probe *p)
{
    return mgi_hash_bytes((const char *)p->key, p->len * sizeof *p->key);
}

/* The probe in k for the key of gap i of `own`. */
static key_probe probe_of(const gap_keys *k, const gap_keys *own, size_t i)
{
    key_probe p;

    p.keys = k;
    p.key = own->key + own->off[i];
    p.len = own->off[i + 1] - own->off[i];
    return p;
}

/* The gap of k whose key is that of gap i of `own`, or MGI_NONE. */
static mgi_id gap_keys_find(const gap_keys *k, const gap_keys *own, size_t i)
{
    key_probe p = probe_of(k, own, i);

    return mgi_map_get(&k->at, probe_hash(&p), probe_eq, &p);
}

/* Every gap's key (names numbered in d), then the first gap of each key
 * hashed. */
static int gap_keys_build(gap_keys *k, const mg_gaps *gaps, name_numbers *d)
{
    size_t n = mg_gaps_count(gaps), i;

    memset(k, 0, sizeof *k);
    k->gaps = gaps;
    if (n >= MGI_NONE || !(k->off = malloc((n + 1) * sizeof *k->off)))
        return -1;
    for (i = 0; i < n; i++) {
        k->off[i] = k->n_key;
        if (number_key(k, d, i) < 0)
            return -1;
    }
    k->off[n] = k->n_key;
    for (i = 0; i < n; i++) {
        key_probe p = probe_of(k, k, i);

        if (mgi_map_get(&k->at, probe_hash(&p), probe_eq, &p) == MGI_NONE &&
            mgi_map_put(&k->at, probe_hash(&p), (mgi_id)i) < 0)
            return -1;
    }
    return 0;
}

/* Indices of gaps of a whose identity b lacks; with `changed`, also those b
 * has with other words (into changed, n_changed). O(|a| + |b|) expected. */
static int gaps_missing(const gap_keys *a, const gap_keys *b, size_t **idx, size_t *n,
                        size_t **changed, size_t *n_changed)
{
    size_t na = mg_gaps_count(a->gaps), i;

    *idx = malloc((na + 1) * sizeof **idx);
    *n = 0;
    if (changed) {
        *changed = malloc((na + 1) * sizeof **changed);
        *n_changed = 0;
    }
    if (!*idx || (changed && !*changed))
        return -1;
    for (i = 0; i < na; i++) {
        mgi_id at = gap_keys_find(b, a, i);

        if (at == MGI_NONE)
            (*idx)[(*n)++] = i;
        else if (changed && strcmp(mg_gap_message(a->gaps, i), mg_gap_message(b->gaps, at)) != 0)
            (*changed)[(*n_changed)++] = i;
    }
    return 0;
}

/* Ordered pairs of roles (by name) that a handoff chain joins in a (arcs
 * aa) and none joins in b, whose ends are both in b (map): the first
 * MGI_COMPARE_PAIRS_LISTED in name order, and how many in all (reach.h). */
static int reach_lost(const mgi_model *ma, const mgi_handoffs *aa, const mgi_handoffs *ab,
                      const mgi_id *map, mgi_strs *from, mgi_strs *to, size_t *total, int *exact,
                      int *first)
{
    mgi_reach_diff d;
    size_t i;
    int rc = -1;

    if (mgi_reach_diff_find(&aa->g, &ab->g, map, MGI_COMPARE_PAIRS_LISTED, 0, &d) < 0)
        goto out;
    for (i = 0; i < d.n; i++)
        if (mgi_strs_add(from, ma->roles[d.from[i]].name) < 0 ||
            mgi_strs_add(to, ma->roles[d.to[i]].name) < 0)
            goto out;
    *total = d.total;
    *exact = d.exact;
    *first = d.complete;
    rc = 0;
out:
    mgi_reach_diff_free(&d);
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

/* The root of v's set (path halving). */
static mgi_id find_root(mgi_id *parent, mgi_id v)
{
    while (parent[v] != v) {
        parent[v] = parent[parent[v]];
        v = parent[v];
    }
    return v;
}

/* Marks the parts of `before` (connected, directions ignored) that lost a
 * role in `after`: broken[root] = 1, *comp gets each role's root (union
 * by smaller id over the collaborations, O(C alpha(V))). */
static unsigned char *broken_parts(const sides *x, mgi_id **comp)
{
    const mgi_model *before = x->before;
    unsigned char *broken = calloc(before->n_roles + 1, 1);
    size_t r, i;

    *comp = malloc((before->n_roles + 1) * sizeof **comp);
    if (!broken || !*comp) {
        free(broken);
        free(*comp);
        *comp = NULL;
        return NULL;
    }
    for (r = 0; r < before->n_roles; r++)
        (*comp)[r] = (mgi_id)r;
    for (i = 0; i < before->n_collabs; i++) {
        mgi_id a = find_root(*comp, before->collabs[i].from);
        mgi_id b = find_root(*comp, before->collabs[i].to);

        if (a != b)
            (*comp)[a > b ? a : b] = a < b ? a : b;
    }
    for (r = 0; r < before->n_roles; r++) {
        (*comp)[r] = find_root(*comp, (mgi_id)r);
        if (x->to_after[r] == MGI_NONE)
            broken[(*comp)[r]] = 1;
    }
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
static int split_closed(mg_comparison *c, const sides *x)
{
    size_t i, kept = 0;
    mgi_id *comp = NULL;
    unsigned char *broken = broken_parts(x, &comp);

    if (!broken || !(c->gone = malloc((c->n_closed + 1) * sizeof *c->gone))) {
        free(broken);
        free(comp);
        return -1;
    }
    for (i = 0; i < c->n_closed; i++) {
        size_t g = c->closed[i];

        if (subjects_remain(c->gaps_before, g, x->after) &&
            !part_broken(c->gaps_before, g, x->before, comp, broken))
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

/* Gaps opened, changed and closed, each side's identity keys made once. */
static int compare_gaps(mg_comparison *c)
{
    gap_keys kb, ka;
    name_numbers d;
    int rc = -1;

    memset(&ka, 0, sizeof ka);
    memset(&d, 0, sizeof d);
    if (gap_keys_build(&kb, c->gaps_before, &d) == 0 && gap_keys_build(&ka, c->gaps_after, &d) == 0 &&
        gaps_missing(&ka, &kb, &c->opened, &c->n_opened, &c->changed, &c->n_changed) == 0 &&
        gaps_missing(&kb, &ka, &c->closed, &c->n_closed, NULL, NULL) == 0)
        rc = 0;
    gap_keys_free(&kb);
    gap_keys_free(&ka);
    name_numbers_free(&d);
    return rc;
}

/* The clusters' count and modularity of one side, the clusters freed at
 * once (only these two numbers are kept). */
static mg_status cluster_counts(const mg_org *org, size_t *count, double *modularity,
                                mg_error *err)
{
    mg_clusters *k = NULL;
    mg_status st = mg_clusters_find(org, NULL, &k, err);

    if (st == MG_OK) {
        *count = mg_clusters_count(k);
        *modularity = mg_clusters_modularity(k);
    }
    mg_clusters_free(k);
    return st;
}

/* The clusters' counts and modularity, then the gaps on both sides, the
 * after side with the work before left unowned by `rule` (gaps.h). The
 * clusters come first and go at once, so that their work space is never
 * held beside the two gap results. */
static mg_status compare_analyses(mg_comparison *c, const mg_org *before, const mg_org *after,
                                  const mg_gaps_opts *opts, mgi_unowned_rule rule, mg_error *err)
{
    mg_status st;

    if ((st = cluster_counts(before, &c->clusters_before, &c->modularity_before, err)) == MG_OK &&
        (st = cluster_counts(after, &c->clusters_after, &c->modularity_after, err)) == MG_OK &&
        (st = mg_gaps_find(before, opts, &c->gaps_before, err)) == MG_OK)
        st = mgi_gaps_find_since(after, opts, before, rule, &c->gaps_after, err);
    return st;
}

/*
 * The comparison matches the two organisations by name, never by id (ids
 * differ between any two loads):
 *  - roles and tools: each name of one looked up in the other (roles also by
 *    alias, case-insensitively); O(V + T) expected, the look-up is hashed.
 *  - collaborations: the ends mapped to the other side's roles (the role
 *    look-ups above, made once), then the other side's collaborations
 *    searched for the same ends and the same direction (binary search):
 *    O(C log C).
 *  - gaps: both sides searched with the same options (mg_gaps_find), the
 *    after side also for the responsibilities of before left without an
 *    owner (mgi_gaps_find_since, O(R_before)); a gap is the same gap when
 *    its kind and its subjects are (gap_identity.h), however its message words the
 *    evidence: same key, other message = "changed". Each side's keys are
 *    made once, as numbers (each distinct name folded once), and hashed:
 *    O(G_before + G_after) expected. A gap of before
 *    that after lacks closed only when every subject it names is still
 *    there; otherwise it went with them (split_closed, hashed look-ups).
 *  - reachability: the ordered pairs whose handoff chain is lost (or
 *    gained), ends on both sides, counted class by class over the strongly
 *    connected components of both sides (reach.h): near linear when most
 *    roles sit in a few large components, and bounded work whatever the
 *    shape (past the bound the counts are lower bounds, and say so); the
 *    first MGI_COMPARE_PAIRS_LISTED of each in name order are listed.
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
    sides x;

    if (!title || !(c = calloc(1, sizeof *c)))
        return mgi_nomem(err);
    memset(&x, 0, sizeof x);
    if (!(c->title = mgi_strdup(title)))
        goto nomem;
    if ((st = compare_analyses(c, before, after, opts, rule, err)) != MG_OK) {
        mg_comparison_free(c);
        return st;
    }
    c->reach_compared = 1;
    if (sides_init(&x, before->m, after->m) < 0 ||
        missing_roles(after->m, x.to_before, &c->roles_added) < 0 ||
        missing_roles(before->m, x.to_after, &c->roles_removed) < 0 ||
        missing_tools(after->m, before->m, &c->tools_added) < 0 ||
        missing_tools(before->m, after->m, &c->tools_removed) < 0 ||
        missing_collabs(after->m, before->m, x.to_before, &c->collabs_added) < 0 ||
        missing_collabs(before->m, after->m, x.to_after, &c->collabs_removed) < 0 ||
        compare_gaps(c) < 0 || split_closed(c, &x) < 0 ||
        reach_lost(before->m, &x.arcs_before, &x.arcs_after, x.to_after, &c->lost_from,
                   &c->lost_to, &c->lost_total, &c->lost_exact, &c->lost_first) < 0 ||
        reach_lost(after->m, &x.arcs_after, &x.arcs_before, x.to_before, &c->gained_from,
                   &c->gained_to, &c->gained_total, &c->gained_exact, &c->gained_first) < 0)
        goto nomem;
    sides_free(&x);
    *out = c;
    return MG_OK;
nomem:
    sides_free(&x);
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
