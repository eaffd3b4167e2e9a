/*
 * model.c - the organisation model: interning, the merge rules of DESIGN
 * section 3, and freezing (renumbering by name, building the adjacency).
 */
#include "config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "suggest.h"

double mgi_role_people(const mgi_role *r)
{
    const char *p = r->headcount;
    double v = 0, scale = 1;

    if (!p || !*p)
        return -1;
    /* the loader admits digits with one '.': read them whatever the locale */
    for (; *p >= '0' && *p <= '9'; p++)
        v = v * 10 + (*p - '0');
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            v += (*p - '0') * (scale /= 10);
    return v;
}

/* ---- Strings ------------------------------------------------------------- */

#define ARENA_BLOCK (256u << 10)

struct mgi_arena_block {
    mgi_arena_block *next;
    size_t used, size;
    char data[];
};

/* A copy of s[0, n) and a NUL, owned by the model; NULL when out of memory. */
static char *arena_strndup(mgi_model *m, const char *s, size_t n)
{
    mgi_arena_block *b = m->arena;
    char *p;

    if (!b || b->size - b->used < n + 1) {
        size_t size = n + 1 > ARENA_BLOCK ? n + 1 : ARENA_BLOCK;

        if (n + 1 < n || !(b = malloc(sizeof *b + size)))
            return NULL;
        b->used = 0;
        b->size = size;
        if (m->arena && size > ARENA_BLOCK) {
            /* a long string has a block of its own: keep filling the current one */
            b->next = m->arena->next;
            m->arena->next = b;
        } else {
            b->next = m->arena;
            m->arena = b;
        }
    }
    p = b->data + b->used;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    b->used += n + 1;
    return p;
}

static void arena_free(mgi_model *m)
{
    while (m->arena) {
        mgi_arena_block *next = m->arena->next;

        free(m->arena);
        m->arena = next;
    }
}

typedef struct text_probe {
    const char *const *texts;
    const char *s;
    size_t n;
} text_probe;

static int text_eq(const void *ctx, mgi_id id)
{
    const text_probe *p = ctx;
    const char *t = p->texts[id];

    return strncmp(t, p->s, p->n) == 0 && t[p->n] == '\0';
}

/* The model's one copy of the text s (a text many rows repeat: a summary,
 * a responsibility, a handoff); NULL when out of memory. */
static char *text_intern(mgi_model *m, const char *s)
{
    text_probe probe;
    size_t n = strlen(s);
    uint64_t h = mgi_hash_bytes(s, n);
    mgi_id id;
    char *copy;

    if (!n)
        return (char *)"";
    probe.texts = m->texts;
    probe.s = s;
    probe.n = n;
    if ((id = mgi_map_get(&m->text_ids, h, text_eq, &probe)) != MGI_NONE)
        return (char *)m->texts[id];
    if (m->n_texts >= MGI_MAX_IDS ||
        mgi_grow(&m->texts, &m->cap_texts, m->n_texts + 1, sizeof *m->texts) < 0 ||
        !(copy = arena_strndup(m, s, n)) || mgi_map_put(&m->text_ids, h, (mgi_id)m->n_texts) < 0)
        return NULL;
    m->texts[m->n_texts] = copy;
    return (char *)m->texts[m->n_texts++];
}

/* ---- Attributes ---------------------------------------------------------- */

/* Room for one more attribute in a (whose counts are 32-bit). */
static int attrs_grow(mgi_attrs *a)
{
    size_t cap = a->cap;

    if (a->n >= UINT32_MAX - 1 || mgi_grow(&a->items, &cap, (size_t)a->n + 1, sizeof *a->items) < 0)
        return -1;
    a->cap = cap > UINT32_MAX ? UINT32_MAX : (uint32_t)cap;
    return 0;
}

int mgi_attrs_add(mgi_attrs *a, const char *key, const char *value)
{
    char *k, *v;

    if (attrs_grow(a) < 0)
        return -1;
    k = mgi_strdup(key);
    v = mgi_strdup(value);
    if (!k || !v) {
        free(k);
        free(v);
        return -1;
    }
    memset(&a->items[a->n], 0, sizeof a->items[a->n]);
    a->items[a->n].key = k;
    a->items[a->n].value = v;
    a->n++;
    return 0;
}

void mgi_attrs_free(mgi_attrs *a)
{
    size_t i;

    for (i = 0; i < a->n; i++) {
        free(a->items[i].key);
        free(a->items[i].value);
        mgi_strs_free(&a->items[i].more);
    }
    free(a->items);
    memset(a, 0, sizeof *a);
}

const char *mgi_attrs_get(const mgi_attrs *a, const char *key)
{
    size_t i;

    for (i = 0; i < a->n; i++)
        if (mgi_fold_equal(a->items[i].key, key))
            return a->items[i].value;
    return NULL;
}

/* Another value for attribute a: kept for freezing, unless it repeats the
 * first or the last one (the usual repeats, dropped without a search). */
static int attr_more(mgi_attr *a, const char *value)
{
    if (strcmp(value, a->value) == 0 ||
        (a->more.n && strcmp(value, a->more.items[a->more.n - 1]) == 0))
        return 0;
    return mgi_strs_add(&a->more, value);
}

static int attrs_copy(mgi_attrs *dst, const mgi_attrs *src)
{
    size_t i, j;

    for (i = 0; i < src->n; i++) {
        if (mgi_attrs_add(dst, src->items[i].key, src->items[i].value) < 0)
            return -1;
        for (j = 0; j < src->items[i].more.n; j++)
            if (mgi_strs_add(&dst->items[dst->n - 1].more, src->items[i].more.items[j]) < 0)
                return -1;
    }
    return 0;
}

/* Merges the attributes of another row into dst and frees *src. Keys compare
 * as column names do (mgi_fold_equal: "Team" and "team" are one key, spelt
 * as first seen). A key seen before with another value keeps every distinct
 * value (joined, sorted, at freeze), so that the result does not depend on
 * the order of rows. */
static int attrs_take(mgi_attrs *dst, mgi_attrs *src)
{
    size_t i, j, k;
    int rc = 0;

    if (!src)
        return 0;
    for (i = 0; i < src->n && rc == 0; i++) {
        mgi_attr *s = &src->items[i];

        for (j = 0; j < dst->n; j++)
            if (mgi_fold_equal(dst->items[j].key, s->key))
                break;
        if (j == dst->n) { /* a new key: the attribute moves over whole */
            if (attrs_grow(dst) < 0) {
                rc = -1;
                break;
            }
            dst->items[dst->n++] = *s;
            memset(s, 0, sizeof *s);
            continue;
        }
        rc = attr_more(&dst->items[j], s->value);
        for (k = 0; rc == 0 && k < s->more.n; k++)
            rc = attr_more(&dst->items[j], s->more.items[k]);
    }
    mgi_attrs_free(src);
    return rc;
}

static int str_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sorts n owned texts and frees the repeats; returns how many are left. */
static size_t sort_unique(char **texts, size_t n)
{
    size_t i, k = 0;

    mgi_qsort(texts, n, sizeof *texts, str_cmp);
    for (i = 0; i < n; i++) {
        if (k && strcmp(texts[k - 1], texts[i]) == 0)
            free(texts[i]);
        else
            texts[k++] = texts[i];
    }
    return k;
}

/* Sorts n texts the model owns and drops the repeats; returns how many
 * are left. */
static size_t sort_unique_shared(char **texts, size_t n)
{
    size_t i, k = 0;

    mgi_qsort(texts, n, sizeof *texts, str_cmp);
    for (i = 0; i < n; i++)
        if (!k || strcmp(texts[k - 1], texts[i]) != 0)
            texts[k++] = texts[i];
    return k;
}

/* texts[0 .. n) joined with "; " into *out (a new string). */
static int join_texts(char *const *texts, size_t n, char **out)
{
    mgi_buf b = { 0 };
    size_t i;

    for (i = 0; i < n; i++)
        if ((i && mgi_buf_puts(&b, "; ") < 0) || mgi_buf_puts(&b, texts[i]) < 0)
            break;
    return (*out = mgi_buf_steal(&b)) ? 0 : -1;
}

/* An attribute with more values: every part of every value (a value may
 * itself be a joined list: an exported model), sorted, distinct, joined. */
static int attr_settle(mgi_attr *a)
{
    mgi_strs parts = { 0 };
    char *joined;
    size_t i;
    int rc = 0;

    if (!a->more.n)
        return 0;
    for (i = 0; rc == 0 && i <= a->more.n; i++) {
        const char *p = i ? a->more.items[i - 1] : a->value;

        while (rc == 0) {
            const char *end = strstr(p, "; ");
            char *part = mgi_strndup(p, end ? (size_t)(end - p) : strlen(p));

            if (!part || mgi_grow(&parts.items, &parts.cap, parts.n + 1, sizeof(char *)) < 0) {
                free(part);
                rc = -1;
                break;
            }
            parts.items[parts.n++] = part;
            if (!end)
                break;
            p = end + 2;
        }
    }
    if (rc == 0)
        parts.n = sort_unique(parts.items, parts.n);
    if (rc == 0 && (rc = join_texts(parts.items, parts.n, &joined)) == 0) {
        free(a->value);
        a->value = joined;
        mgi_strs_free(&a->more);
    }
    mgi_strs_free(&parts);
    return rc;
}

static int attrs_settle(mgi_attrs *a)
{
    size_t i;

    for (i = 0; i < a->n; i++)
        if (attr_settle(&a->items[i]) < 0)
            return -1;
    return 0;
}

/* ---- Life cycle ---------------------------------------------------------- */

mgi_model *mgi_model_new(void)
{
    return calloc(1, sizeof(mgi_model));
}

static void csr_free(mgi_csr *c)
{
    free(c->off);
    free(c->items);
    c->off = NULL;
    c->items = NULL;
}

/* The strings of roles and things are the model's (its arena): */
static void role_free(mgi_role *r)
{
    free(r->aliases);
    r->aliases = NULL;
    r->n_aliases = 0;
    mgi_attrs_free(&r->attrs);
}

static void thing_free(mgi_thing *t)
{
    mgi_attrs_free(&t->attrs);
}

static void warnings_free(mgi_warning *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        free(list[i].message);
}

/* A collaboration's handoff texts (c->n_handoffs of them) are, before
 * freeze, in c->handoff when there is one, else (c->listed) in a list whose
 * address c->handoff holds. join_handoffs replaces the list with one arena
 * string: the texts joined with "; ", a NUL, then each text (sorted,
 * distinct) and its NUL, so that copies of a frozen model still see them. */
static char **handoff_list(const mgi_collab *c)
{
    return (char **)(void *)c->handoff;
}

/* Handoff j of c (j < c->n_handoffs). */
static const char *handoff_at(const mgi_collab *c, size_t j)
{
    const char *p;

    if (c->listed)
        return handoff_list(c)[j];
    if (c->n_handoffs < 2)
        return c->handoff;
    for (p = c->handoff + strlen(c->handoff) + 1; j; j--)
        p += strlen(p) + 1;
    return p;
}

static void collab_free(mgi_collab *c)
{
    if (c->listed)
        free(handoff_list(c)); /* the texts are the model's */
    c->listed = 0;
    c->n_handoffs = 0;
    c->handoff = NULL;
    mgi_attrs_free(&c->attrs);
}

void mgi_model_free(mgi_model *m)
{
    size_t i;

    if (!m)
        return;
    for (i = 0; i < m->n_sources; i++)
        free(m->sources[i].name);
    free(m->sources);
    for (i = 0; i < m->n_roles; i++)
        role_free(&m->roles[i]);
    free(m->roles);
    for (i = 0; i < m->n_tools; i++)
        thing_free(&m->tools[i]);
    free(m->tools);
    for (i = 0; i < m->n_caps; i++)
        thing_free(&m->caps[i]);
    free(m->caps);
    for (i = 0; i < m->n_resps; i++)
        mgi_attrs_free(&m->resps[i].attrs);
    free(m->resps);
    free(m->uses);
    free(m->tool_caps);
    for (i = 0; i < m->n_collabs; i++)
        collab_free(&m->collabs[i]);
    free(m->collabs);
    warnings_free(m->warnings, m->n_warnings);
    free(m->warnings);
    warnings_free(m->derived, m->n_derived);
    free(m->derived);
    mgi_map_free(&m->role_names);
    mgi_map_free(&m->alias_names);
    mgi_map_free(&m->tool_names);
    mgi_map_free(&m->cap_names);
    mgi_buf_free(&m->scratch);
    mgi_map_free(&m->text_ids);
    free(m->texts);
    arena_free(m);
    csr_free(&m->role_tools);
    csr_free(&m->tool_roles);
    csr_free(&m->tool_caps_of);
    free(m);
}

/* -1, 0 or 1 as a is before, equal to or after b. */
static int id_order(mgi_id a, mgi_id b)
{
    return a < b ? -1 : a > b;
}

uint32_t mgi_model_source(mgi_model *m, const char *name, int table)
{
    char *copy;

    if (m->n_sources >= UINT32_MAX ||
        mgi_grow(&m->sources, &m->cap_sources, m->n_sources + 1, sizeof *m->sources) < 0)
        return MGI_NONE;
    copy = mgi_strdup(name);
    if (!copy)
        return MGI_NONE;
    m->sources[m->n_sources].name = copy;
    m->sources[m->n_sources].table = table;
    return (uint32_t)m->n_sources++;
}

const char *mgi_model_source_name(const mgi_model *m, uint32_t source)
{
    return source < m->n_sources ? m->sources[source].name : "";
}

static int source_table(const mgi_model *m, uint32_t source)
{
    return source < m->n_sources ? m->sources[source].table : MG_TABLE_COUNT;
}

/* Places in canonical order: by table, then source (load order within a
 * table), line and column. */
static int pos_cmp(const mgi_model *m, const mgi_pos *a, const mgi_pos *b)
{
    int c = source_table(m, a->source) - source_table(m, b->source);

    if (!c)
        c = id_order(a->source, b->source);
    if (!c)
        c = id_order(a->line, b->line);
    return c ? c : id_order(a->column, b->column);
}

/* A row's place as an mgi_pos, column 0: places of one row compare equal. */
static mgi_pos row_pos_full(const mgi_row_pos *p)
{
    mgi_pos q;

    q.source = p->source;
    q.line = p->line;
    q.column = 0;
    return q;
}

static int warn_list(mgi_warning **list, size_t *n, size_t *cap, const mgi_pos *pos,
                     const char *fmt, va_list ap) MGI_PRINTF(5, 0);

static int warn_list(mgi_warning **list, size_t *n, size_t *cap, const mgi_pos *pos,
                     const char *fmt, va_list ap)
{
    char message[MG_ERROR_TEXT_SIZE];
    char *copy;

    mgi_vformat_cut(message, sizeof message, fmt, ap);
    mgi_fold_controls(message, strlen(message));
    if (mgi_grow(list, cap, *n + 1, sizeof **list) < 0 || !(copy = mgi_strdup(message)))
        return -1;
    (*list)[*n].pos = *pos;
    (*list)[*n].message = copy;
    (*n)++;
    return 0;
}

int mgi_model_warn(mgi_model *m, const mgi_pos *pos, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = warn_list(&m->warnings, &m->n_warnings, &m->cap_warnings, pos, fmt, ap);
    va_end(ap);
    return rc;
}

static int warn_derived(mgi_model *m, const mgi_pos *pos, const char *fmt, ...) MGI_PRINTF(3, 4);

static int warn_derived(mgi_model *m, const mgi_pos *pos, const char *fmt, ...)
{
    va_list ap;
    int rc;

    va_start(ap, fmt);
    rc = warn_list(&m->derived, &m->n_derived, &m->cap_derived, pos, fmt, ap);
    va_end(ap);
    return rc;
}


/* ---- Interning ----------------------------------------------------------- */

/* Interning, look-up and sorting by name read the name and key of an
 * mgi_role or an mgi_thing through one layout: both begin with them. */
typedef char names_come_first[offsetof(mgi_role, name) == 0 && offsetof(mgi_thing, name) == 0 &&
                                      offsetof(mgi_role, key) == sizeof(char *) &&
                                      offsetof(mgi_thing, key) == sizeof(char *)
                                  ? 1
                                  : -1];

typedef struct name_probe {
    const char *key;
    const void *items; /* mgi_role or mgi_thing array */
    size_t stride;
} name_probe;

static int name_eq(const void *ctx, mgi_id id)
{
    const name_probe *p = ctx;
    const char *item = (const char *)p->items + (size_t)id * p->stride;
    /* both mgi_role and mgi_thing start with name, key */
    const char *key = ((char *const *)item)[1];

    return strcmp(key, p->key) == 0;
}

/* The same, for a probe holding a name as written (not folded). */
static int name_fold_eq(const void *ctx, mgi_id id)
{
    const name_probe *p = ctx;
    const char *item = (const char *)p->items + (size_t)id * p->stride;

    return mgi_fold_equal(((char *const *)item)[1], p->key);
}

typedef int (*fold_fn)(mgi_buf *out, const char *s, size_t n);

/* Finds or adds the entity named (name, n) in an array of mgi_role or
 * mgi_thing (stride bytes each; both begin with name, key), keyed by `fold`.
 * A new entry is zeroed but for its name and key, and *added says so: the
 * caller, who knows the type, fills in the rest. */
static mgi_id intern(mgi_model *m, mgi_map *map, void *items_ptr, size_t *count, size_t *cap,
                     size_t stride, fold_fn fold, const char *name, size_t n, int *added)
{
    char **items = items_ptr;
    name_probe probe;
    uint64_t h;
    mgi_id id;
    char *entry, *display, *key;

    *added = 0;
    mgi_trim(&name, &n);
    if (fold(&m->scratch, name, n) < 0)
        return MGI_NONE;
    h = mgi_hash_bytes(m->scratch.data, m->scratch.len);
    probe.key = m->scratch.data;
    probe.items = *items;
    probe.stride = stride;
    id = mgi_map_get(map, h, name_eq, &probe);
    if (id != MGI_NONE)
        return id;
    if (*count >= MGI_MAX_IDS || mgi_grow(items, cap, *count + 1, stride) < 0)
        return MGI_NONE;
    display = arena_strndup(m, name, n);
    key = arena_strndup(m, m->scratch.data, m->scratch.len);
    if (!display || !key || mgi_map_put(map, h, (mgi_id)*count) < 0)
        return MGI_NONE;
    entry = (char *)*items + *count * stride;
    memset(entry, 0, stride);
    ((char **)entry)[0] = display;
    ((char **)entry)[1] = key;
    *added = 1;
    return (mgi_id)(*count)++;
}

/* Records where an entity is named: the earliest place keeps its spelling.
 * Returns id, or MGI_NONE when out of memory. */
static mgi_id named_at(mgi_model *m, mgi_id id, int added, char **display, mgi_pos *first,
                       const char *name, size_t n, const mgi_pos *pos)
{
    char *spelling;

    if (!added && pos_cmp(m, pos, first) >= 0)
        return id;
    *first = *pos;
    if (added)
        return id;
    mgi_trim(&name, &n);
    if (!(spelling = arena_strndup(m, name, n)))
        return MGI_NONE;
    *display = spelling;
    return id;
}

mgi_id mgi_model_role(mgi_model *m, const char *name, size_t n, const mgi_pos *pos)
{
    int added;
    mgi_id id = intern(m, &m->role_names, &m->roles, &m->n_roles, &m->cap_roles,
                       sizeof(mgi_role), mgi_fold, name, n, &added);

    if (id == MGI_NONE)
        return id;
    return named_at(m, id, added, &m->roles[id].name, &m->roles[id].first, name, n, pos);
}

/* A tool or a capability: both are mgi_thing. */
static mgi_id intern_thing(mgi_model *m, mgi_map *map, mgi_thing **things, size_t *count,
                           size_t *cap, fold_fn fold, const char *name, size_t n,
                           const mgi_pos *pos)
{
    int added;
    mgi_id id = intern(m, map, things, count, cap, sizeof(mgi_thing), fold, name, n, &added);

    if (id == MGI_NONE)
        return id;
    return named_at(m, id, added, &(*things)[id].name, &(*things)[id].first, name, n, pos);
}

mgi_id mgi_model_tool(mgi_model *m, const char *name, size_t n, const mgi_pos *pos)
{
    return intern_thing(m, &m->tool_names, &m->tools, &m->n_tools, &m->cap_tools, mgi_fold,
                        name, n, pos);
}

mgi_id mgi_model_capability(mgi_model *m, const char *name, size_t n, const mgi_pos *pos)
{
    return intern_thing(m, &m->cap_names, &m->caps, &m->n_caps, &m->cap_caps, mgi_fold_id,
                        name, n, pos);
}

/* The same, for a capability: the probe is a name as written, the item's
 * key its id-folded form. */
static int name_fold_id_eq(const void *ctx, mgi_id id)
{
    const name_probe *p = ctx;
    const char *item = (const char *)p->items + (size_t)id * p->stride;

    return mgi_fold_id_matches(((char *const *)item)[1], p->key);
}

/* Look-ahead over a batch of names (model.h): three rounds, each touching
 * for every name what the round before fetched, and asking for the next
 * line: the slot, the entity (which holds the key's address), the key. */
void mgi_model_ahead(const mgi_model *m, const mgi_ahead *names, size_t n)
{
    uint64_t h[MGI_AHEAD_MAX];
    mgi_id id[MGI_AHEAD_MAX];
    size_t i;

    if (n > MGI_AHEAD_MAX)
        n = MGI_AHEAD_MAX;
    for (i = 0; i < n; i++) {
        const mgi_map *map = names[i].tool ? &m->tool_names : &m->role_names;

        h[i] = mgi_fold_hash(names[i].name, names[i].len);
        mgi_map_prefetch(map, h[i]);
    }
    for (i = 0; i < n; i++) {
        id[i] = mgi_map_peek(names[i].tool ? &m->tool_names : &m->role_names, h[i]);
        if (id[i] != MGI_NONE)
            MGI_PREFETCH(names[i].tool ? (const void *)&m->tools[id[i]]
                                       : (const void *)&m->roles[id[i]]);
    }
    for (i = 0; i < n; i++)
        if (id[i] != MGI_NONE)
            MGI_PREFETCH(names[i].tool ? m->tools[id[i]].key : m->roles[id[i]].key);
}

/* Look-ups fold as they hash and compare, as the names were folded when
 * interned (id_fold: a capability's mgi_fold_id, else mgi_fold): they
 * allocate nothing, so they cannot fail, and MGI_NONE always means "not
 * there". */
static mgi_id lookup(const mgi_map *map, const void *items, size_t stride, const char *name,
                     int id_fold)
{
    name_probe probe;

    probe.key = name;
    probe.items = items;
    probe.stride = stride;
    if (id_fold)
        return mgi_map_get(map, mgi_fold_id_hash(name, strlen(name)), name_fold_id_eq, &probe);
    return mgi_map_get(map, mgi_fold_hash(name, strlen(name)), name_fold_eq, &probe);
}

typedef struct alias_probe {
    const mgi_model *m;
    const char *key;
} alias_probe;

/* alias_names maps an alias to a role; equality is "some alias of the role folds to key" */
static int alias_eq(const void *ctx, mgi_id id)
{
    const alias_probe *p = ctx;
    const mgi_role *r = &p->m->roles[id];
    size_t i;

    for (i = 0; i < r->n_aliases; i++)
        if (mgi_fold_equal(r->aliases[i], p->key))
            return 1;
    return 0;
}

/* The role whose alias `alias` is (MGI_NONE: none), *h its key's hash. */
static mgi_id alias_get(const mgi_model *m, const char *alias, uint64_t *h)
{
    alias_probe probe;

    probe.m = m;
    probe.key = alias;
    *h = mgi_fold_hash(alias, strlen(alias));
    return mgi_map_get(&m->alias_names, *h, alias_eq, &probe);
}

mgi_id mgi_model_find_role(const mgi_model *m, const char *name)
{
    uint64_t h;
    mgi_id id = lookup(&m->role_names, m->roles, sizeof(mgi_role), name, 0);

    return id != MGI_NONE ? id : alias_get(m, name, &h);
}

mgi_id mgi_model_find_tool(const mgi_model *m, const char *name)
{
    return lookup(&m->tool_names, m->tools, sizeof(mgi_thing), name, 0);
}

mgi_id mgi_model_find_capability(const mgi_model *m, const char *name)
{
    return lookup(&m->cap_names, m->caps, sizeof(mgi_thing), name, 1);
}

/* ---- Rows ---------------------------------------------------------------- */

static int same_text(const char *a, const char *b)
{
    return strcmp(a ? a : "", b ? b : "") == 0;
}

/* Adds the ';'-separated aliases (but the role's own name); *added counts
 * them. Repeats are dropped when the model is frozen (unique_aliases): one
 * sort, not a search per alias. */
static int add_aliases(mgi_model *m, mgi_role *r, const char *list, size_t *added)
{
    const char *p = list;

    *added = 0;
    while (*p) {
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *s = p;
        char *alias;
        char **grown;

        p = end ? end + 1 : p + n;
        mgi_trim(&s, &n);
        if (!n)
            continue;
        alias = arena_strndup(m, s, n);
        if (!alias)
            return -1;
        if (mgi_fold_equal(alias, r->name))
            continue;
        if (r->n_aliases >= (1u << 31) - 1)
            return -1;
        grown = realloc(r->aliases, (r->n_aliases + 1) * sizeof *r->aliases);
        if (!grown)
            return -1;
        r->aliases = grown;
        r->aliases[r->n_aliases++] = alias;
        (*added)++;
    }
    return 0;
}

int mgi_model_define_role(mgi_model *m, mgi_id role, const mgi_pos *pos, const char *summary,
                          const char *aliases, const char *headcount, mgi_attrs *attrs)
{
    mgi_role *r = &m->roles[role];
    size_t added;

    m->roles_table = 1;
    if (!r->defined) {
        r->defined = 1;
        r->summary = text_intern(m, summary);
        r->headcount = text_intern(m, headcount);
        if (!r->summary || !r->headcount || add_aliases(m, r, aliases, &added) < 0)
            return -1;
        return attrs_take(&r->attrs, attrs);
    }
    /* A second definition: identical rows merge; differing ones keep the first
     * definition's text, take new aliases, and say so. */
    if (add_aliases(m, r, aliases, &added) < 0 || attrs_take(&r->attrs, attrs) < 0)
        return -1;
    if (!added && same_text(summary, r->summary) && same_text(headcount, r->headcount)) {
        m->merged++;
        return 0;
    }
    if (!*r->summary && *summary) {
        if (!(r->summary = text_intern(m, summary)))
            return -1;
    } else if (*summary && !same_text(summary, r->summary) &&
               mgi_model_warn(m, pos, "role '%s' is defined again; keeping the first summary",
                              r->name) < 0) {
        return -1;
    }
    if (!*r->headcount && *headcount) {
        if (!(r->headcount = text_intern(m, headcount)))
            return -1;
    } else if (*headcount && !same_text(headcount, r->headcount) &&
               mgi_model_warn(m, pos, "role '%s' is defined again; keeping the first headcount %s",
                              r->name, r->headcount) < 0) {
        return -1;
    }
    m->merged++;
    return 0;
}

/* Responsibilities and collaborations are appended as read: rows with the
 * same key (a role, a capability and the responsibility's folded text; two
 * roles, and the direction) merge when the model is frozen, in the order
 * they were read, as they used to merge on arrival (premerge_resps,
 * premerge_collabs): one counting sort instead of a hash map over every row
 * while loading. */
int mgi_model_add_responsibility(mgi_model *m, mgi_id role, mgi_id cap, const char *text,
                                 const mgi_pos *pos, mgi_attrs *attrs)
{
    mgi_resp *r;

    if (m->n_resps >= MGI_MAX_IDS ||
        (m->n_resps >= m->cap_resps &&
         mgi_grow(&m->resps, &m->cap_resps, m->n_resps + 1, sizeof *m->resps) < 0))
        return -1;
    r = &m->resps[m->n_resps];
    memset(r, 0, sizeof *r);
    r->role = role;
    r->capability = cap;
    r->pos.source = pos->source;
    r->pos.line = pos->line;
    if (!(r->text = text_intern(m, text)))
        return -1;
    m->n_resps++;
    return attrs_take(&r->attrs, attrs);
}


/* Uses and tool capabilities are appended as read; duplicates are merged
 * when the model is frozen (sorted, so no hash map is needed for them). */
int mgi_model_add_use(mgi_model *m, mgi_id role, mgi_id tool, double weight)
{
    if (m->n_uses >= MGI_MAX_IDS ||
        (m->n_uses >= m->cap_uses &&
         mgi_grow(&m->uses, &m->cap_uses, m->n_uses + 1, sizeof *m->uses) < 0))
        return -1;
    m->uses[m->n_uses].role = role;
    m->uses[m->n_uses].tool = tool;
    m->uses[m->n_uses].weight = weight;
    m->n_uses++;
    return 0;
}

int mgi_model_add_tool_capability(mgi_model *m, mgi_id tool, mgi_id cap)
{
    if (m->n_tool_caps >= MGI_MAX_IDS ||
        (m->n_tool_caps >= m->cap_tool_caps &&
         mgi_grow(&m->tool_caps, &m->cap_tool_caps, m->n_tool_caps + 1,
                  sizeof *m->tool_caps) < 0))
        return -1;
    m->tool_caps[m->n_tool_caps].a = tool;
    m->tool_caps[m->n_tool_caps].b = cap;
    m->n_tool_caps++;
    return 0;
}

int mgi_model_add_tool_attrs(mgi_model *m, mgi_id tool, mgi_attrs *attrs)
{
    return attrs_take(&m->tools[tool].attrs, attrs);
}

/* Handoff texts are kept as read, but for the repeat of the last one; the
 * freeze sorts them and drops repeats (join_handoffs): O(h log h) for h
 * rows of one pair, not a search per row. */
static int collab_add_handoff(mgi_model *m, mgi_collab *c, const char *handoff)
{
    char **grown;
    char *text;
    size_t j;

    if (!*handoff || (c->n_handoffs && strcmp(handoff_at(c, c->n_handoffs - 1), handoff) == 0))
        return 0;
    if (!(text = text_intern(m, handoff)))
        return -1;
    if (!c->n_handoffs) { /* the usual case: one text, no list */
        c->handoff = text;
        c->n_handoffs = 1;
        return 0;
    }
    if (c->n_handoffs >= (1u << 30) - 1)
        return -1;
    if (c->listed) {
        grown = realloc(handoff_list(c), (c->n_handoffs + 1) * sizeof *grown);
        if (!grown)
            return -1;
    } else { /* the one text, or the texts of a frozen row */
        if (!(grown = malloc((c->n_handoffs + 1) * sizeof *grown)))
            return -1;
        for (j = 0; j < c->n_handoffs; j++)
            grown[j] = (char *)handoff_at(c, j);
        c->listed = 1;
    }
    c->handoff = (char *)(void *)grown;
    grown[c->n_handoffs++] = text;
    return 0;
}

int mgi_model_add_collab(mgi_model *m, mgi_id from, mgi_id to, int both, double weight,
                         const char *handoff, const mgi_pos *pos, mgi_attrs *attrs)
{
    mgi_collab *c;

    if (m->n_collabs >= MGI_MAX_IDS ||
        (m->n_collabs >= m->cap_collabs &&
         mgi_grow(&m->collabs, &m->cap_collabs, m->n_collabs + 1, sizeof *m->collabs) < 0))
        return -1;
    c = &m->collabs[m->n_collabs++];
    memset(c, 0, sizeof *c);
    c->from = from;
    c->to = to;
    c->both = both != 0;
    c->weight = weight;
    c->pos = *pos;
    if (attrs_take(&c->attrs, attrs) < 0)
        return -1;
    return collab_add_handoff(m, c, handoff);
}

/* ---- Absorbing one model into another ---------------------------------- */

static int model_is_empty(const mgi_model *m)
{
    return !m->n_sources && !m->n_roles && !m->n_tools && !m->n_caps && !m->n_warnings;
}

static mgi_pos pos_remap(const mgi_pos *p, const uint32_t *sources)
{
    mgi_pos q = *p;

    q.source = sources[p->source];
    return q;
}

/* A copy in progress: src's ids mapped to dst's (MGI_NONE: not copied, or
 * not yet for tools and capabilities, which are copied on first use). */
typedef struct copy_ids {
    uint32_t *sources;
    mgi_id *roles, *tools, *caps;
} copy_ids;

/* Interns src's tool or capability i into dst on first use (ids[i] caches it). */
static mgi_id copy_thing(mgi_model *dst, const mgi_thing *things, size_t i, mgi_id *ids,
                         const uint32_t *sources, int tool)
{
    const mgi_thing *t = &things[i];
    mgi_pos p;

    if (ids[i] != MGI_NONE)
        return ids[i];
    p = pos_remap(&t->first, sources);
    if (!tool)
        return ids[i] = mgi_model_capability(dst, t->name, strlen(t->name), &p);
    ids[i] = mgi_model_tool(dst, t->name, strlen(t->name), &p);
    if (ids[i] != MGI_NONE && t->attrs.n) {
        mgi_attrs attrs = { 0 };

        if (attrs_copy(&attrs, &t->attrs) < 0 || mgi_model_add_tool_attrs(dst, ids[i], &attrs) < 0) {
            mgi_attrs_free(&attrs);
            return MGI_NONE;
        }
    }
    return ids[i];
}

/* Defines dst's role `to` as src's role r is defined (a roles.csv row). */
static int copy_definition(mgi_model *dst, mgi_id to, const mgi_role *r, const mgi_pos *p)
{
    mgi_buf list = { 0 };
    mgi_attrs attrs = { 0 };
    size_t j;
    int ok = attrs_copy(&attrs, &r->attrs) == 0;

    for (j = 0; ok && j < r->n_aliases; j++)
        ok = mgi_buf_puts(&list, r->aliases[j]) == 0 && mgi_buf_putc(&list, ';') == 0;
    ok = ok && mgi_model_define_role(dst, to, p, r->summary, list.data ? list.data : "",
                                     r->headcount, &attrs) == 0;
    mgi_buf_free(&list);
    mgi_attrs_free(&attrs);
    return ok ? 0 : -1;
}

static int copy_roles(mgi_model *dst, const mgi_model *src, copy_ids *ids,
                      const unsigned char *drop_role)
{
    size_t i;

    for (i = 0; i < src->n_roles; i++) {
        const mgi_role *r = &src->roles[i];
        mgi_pos p = pos_remap(&r->first, ids->sources);

        ids->roles[i] = MGI_NONE;
        if (drop_role && drop_role[i])
            continue;
        if ((ids->roles[i] = mgi_model_role(dst, r->name, strlen(r->name), &p)) == MGI_NONE)
            return -1;
        if (r->defined && copy_definition(dst, ids->roles[i], r, &p) < 0)
            return -1;
    }
    return 0;
}

static int copy_responsibilities(mgi_model *dst, const mgi_model *src, copy_ids *ids)
{
    size_t i;

    for (i = 0; i < src->n_resps; i++) {
        const mgi_resp *r = &src->resps[i];
        mgi_pos p = row_pos_full(&r->pos);

        p = pos_remap(&p, ids->sources);
        mgi_attrs attrs = { 0 };
        mgi_id cap;

        if (ids->roles[r->role] == MGI_NONE)
            continue;
        if ((cap = copy_thing(dst, src->caps, r->capability, ids->caps, ids->sources, 0)) ==
                MGI_NONE ||
            attrs_copy(&attrs, &r->attrs) < 0 ||
            mgi_model_add_responsibility(dst, ids->roles[r->role], cap, r->text, &p, &attrs) < 0) {
            mgi_attrs_free(&attrs);
            return -1;
        }
    }
    return 0;
}

/* Uses, then the capabilities of the tools still used by someone. */
static int copy_uses(mgi_model *dst, const mgi_model *src, copy_ids *ids,
                     const unsigned char *drop_tool)
{
    size_t i;

    for (i = 0; i < src->n_uses; i++) {
        const mgi_use *u = &src->uses[i];
        mgi_id tool;

        if (ids->roles[u->role] == MGI_NONE || (drop_tool && drop_tool[u->tool]))
            continue;
        if ((tool = copy_thing(dst, src->tools, u->tool, ids->tools, ids->sources, 1)) ==
                MGI_NONE ||
            mgi_model_add_use(dst, ids->roles[u->role], tool, u->weight) < 0)
            return -1;
    }
    for (i = 0; i < src->n_tool_caps; i++) {
        const mgi_pair *tc = &src->tool_caps[i];
        mgi_id cap;

        if (ids->tools[tc->a] == MGI_NONE)
            continue; /* the tool is gone, or no longer used by anyone */
        if ((cap = copy_thing(dst, src->caps, tc->b, ids->caps, ids->sources, 0)) == MGI_NONE ||
            mgi_model_add_tool_capability(dst, ids->tools[tc->a], cap) < 0)
            return -1;
    }
    return 0;
}

static int copy_collaborations(mgi_model *dst, const mgi_model *src, copy_ids *ids)
{
    size_t i, j;

    for (i = 0; i < src->n_collabs; i++) {
        const mgi_collab *c = &src->collabs[i];
        mgi_pos p = pos_remap(&c->pos, ids->sources);
        mgi_id from = ids->roles[c->from], to = ids->roles[c->to];
        mgi_attrs attrs = { 0 };

        if (from == MGI_NONE || to == MGI_NONE)
            continue;
        if (attrs_copy(&attrs, &c->attrs) < 0 ||
            mgi_model_add_collab(dst, from, to, c->both, c->weight,
                                 c->n_handoffs ? handoff_at(c, 0) : "", &p, &attrs) < 0) {
            mgi_attrs_free(&attrs);
            return -1;
        }
        for (j = 1; j < c->n_handoffs; j++) {
            if (mgi_model_add_collab(dst, from, to, c->both, c->weight, handoff_at(c, j), &p,
                                     NULL) < 0)
                return -1;
            dst->merged--; /* not a row of the input: an earlier merge of src */
        }
    }
    return 0;
}

static int copy_warnings(mgi_model *dst, const mgi_model *src, const copy_ids *ids)
{
    size_t i;

    for (i = 0; i < src->n_warnings; i++) {
        mgi_pos p = pos_remap(&src->warnings[i].pos, ids->sources);

        if (mgi_model_warn(dst, &p, "%s", src->warnings[i].message) < 0)
            return -1;
    }
    return 0;
}

int mgi_model_copy(mgi_model *dst, const mgi_model *src, const unsigned char *drop_role,
                   const unsigned char *drop_tool)
{
    copy_ids ids;
    size_t i;
    int rc = -1;

    dst->frozen = 0; /* rows added: freeze again */
    ids.sources = malloc((src->n_sources + 1) * sizeof *ids.sources);
    ids.roles = malloc((src->n_roles + 1) * sizeof *ids.roles);
    ids.tools = malloc((src->n_tools + 1) * sizeof *ids.tools);
    ids.caps = malloc((src->n_caps + 1) * sizeof *ids.caps);
    if (!ids.sources || !ids.roles || !ids.tools || !ids.caps)
        goto out;
    for (i = 0; i < src->n_tools; i++)
        ids.tools[i] = MGI_NONE;
    for (i = 0; i < src->n_caps; i++)
        ids.caps[i] = MGI_NONE;
    for (i = 0; i < src->n_sources; i++)
        if ((ids.sources[i] = mgi_model_source(dst, src->sources[i].name,
                                               src->sources[i].table)) == MGI_NONE)
            goto out;
    /* roles first: the other tables refer to them through ids.roles */
    if (copy_roles(dst, src, &ids, drop_role) < 0 || copy_responsibilities(dst, src, &ids) < 0 ||
        copy_uses(dst, src, &ids, drop_tool) < 0 || copy_collaborations(dst, src, &ids) < 0 ||
        copy_warnings(dst, src, &ids) < 0)
        goto out;
    dst->merged += src->merged;
    dst->roles_table |= src->roles_table;
    rc = 0;
out:
    free(ids.sources);
    free(ids.roles);
    free(ids.tools);
    free(ids.caps);
    return rc;
}

int mgi_model_absorb(mgi_model *dst, mgi_model *src)
{
    if (model_is_empty(dst)) {
        mgi_model tmp = *dst;

        *dst = *src;
        *src = tmp;
        return 0;
    }
    return mgi_model_copy(dst, src, NULL, NULL);
}

/* ---- Freezing ------------------------------------------------------------ */

/* Sorting rows by ids: stable counting sorts (LSD: the least significant
 * key first) of an order of the rows, then the rows moved into that order
 * in place. O(n + range) a key, where qsort with a comparison function was
 * O(n log n) calls and a copy of the whole table. Stable, as glibc's qsort
 * (a merge sort) was: rows with equal keys keep the order they were read
 * in, which the merges rely on. */
typedef struct row_order {
    mgi_id *order; /* order[i]: the row that goes to place i */
    mgi_id *keys;  /* keys[row]: the key being sorted on */
    mgi_id *tmp;
    size_t *count;
    size_t n, cap_count;
} row_order;

static int order_init(row_order *o, size_t n)
{
    size_t i;

    memset(o, 0, sizeof *o);
    o->n = n;
    /* one block: freed whole, it leaves no holes in the heap */
    if (n > SIZE_MAX / 3 / sizeof *o->order ||
        !(o->order = malloc((n ? 3 * n : 1) * sizeof *o->order)))
        return -1;
    o->keys = o->order + n;
    o->tmp = o->order + 2 * n;
    for (i = 0; i < n; i++)
        o->order[i] = (mgi_id)i;
    return 0;
}

static void order_free(row_order *o)
{
    free(o->order); /* and keys, tmp */
    free(o->count);
    memset(o, 0, sizeof *o);
}

/* Sorts o->order stably by o->keys (each below range). */
static int order_by_keys(row_order *o, size_t range)
{
    size_t i;

    if (range + 1 > o->cap_count) {
        free(o->count);
        o->cap_count = 0;
        if (!(o->count = malloc((range + 1) * sizeof *o->count)))
            return -1;
        o->cap_count = range + 1;
    }
    memset(o->count, 0, (range + 1) * sizeof *o->count);
    for (i = 0; i < o->n; i++)
        o->count[o->keys[o->order[i]] + 1]++;
    for (i = 0; i < range; i++)
        o->count[i + 1] += o->count[i];
    for (i = 0; i < o->n; i++)
        o->tmp[o->count[o->keys[o->order[i]]]++] = o->order[i];
    memcpy(o->order, o->tmp, o->n * sizeof *o->order);
    return 0;
}

/* Sorts o->order stably by the 32-bit id at byte `offset` of each of the
 * rows (`size` bytes each), below range. */
static int order_by(row_order *o, const void *rows, size_t size, size_t offset, size_t range)
{
    size_t i;

    for (i = 0; i < o->n; i++)
        memcpy(&o->keys[i], (const char *)rows + i * size + offset, sizeof(mgi_id));
    return order_by_keys(o, range);
}

#define MAX_ROW_SIZE 128
typedef char rows_fit[sizeof(mgi_collab) <= MAX_ROW_SIZE && sizeof(mgi_role) <= MAX_ROW_SIZE &&
                              sizeof(mgi_resp) <= MAX_ROW_SIZE
                          ? 1
                          : -1];

/* Moves the rows into o->order, following its cycles (no copy of the table);
 * o->order is used up. */
static void order_apply(row_order *o, void *rows, size_t size)
{
    unsigned char held[MAX_ROW_SIZE];
    char *base = rows;
    size_t i;

    for (i = 0; i < o->n; i++) {
        size_t j = i;

        if (o->order[i] == MGI_NONE)
            continue;
        if (o->order[i] == i) {
            o->order[i] = MGI_NONE;
            continue;
        }
        memcpy(held, base + i * size, size);
        for (;;) {
            size_t k = o->order[j];

            o->order[j] = MGI_NONE;
            if (k == i) {
                memcpy(base + j * size, held, size);
                break;
            }
            memcpy(base + j * size, base + k * size, size);
            j = k;
        }
    }
}

/* qsort has no context argument: sort (key, old id) pairs instead. */
typedef struct key_ref {
    const char *key;
    mgi_id id;
} key_ref;

static int key_ref_cmp(const void *a, const void *b)
{
    return strcmp(((const key_ref *)a)->key, ((const key_ref *)b)->key);
}

/* Reorders an array of mgi_role or mgi_thing by key; fills perm[old] = new. */
static int sort_named(void *items, size_t n, size_t stride, mgi_id *perm)
{
    key_ref *refs;
    row_order o;
    size_t i;

    if (!n) /* items may be NULL: nothing to sort */
        return 0;
    if (!(refs = malloc(n * sizeof *refs)))
        return -1;
    for (i = 0; i < n; i++) {
        refs[i].key = ((char **)((char *)items + i * stride))[1];
        refs[i].id = (mgi_id)i;
    }
    mgi_qsort(refs, n, sizeof *refs, key_ref_cmp);
    memset(&o, 0, sizeof o);
    o.n = n;
    o.order = malloc(n * sizeof *o.order);
    if (!o.order) {
        free(refs);
        return -1;
    }
    for (i = 0; i < n; i++) {
        o.order[i] = refs[i].id;
        perm[refs[i].id] = (mgi_id)i;
    }
    free(refs);
    order_apply(&o, items, stride);
    order_free(&o);
    return 0;
}

/* Responsibilities of one role and capability: by folded text, then text. */
static int resp_text_cmp(const void *a, const void *b)
{
    const mgi_resp *x = a, *y = b;
    int c = mgi_fold_cmp(x->text, y->text);

    return c ? c : strcmp(x->text, y->text);
}

int mgi_id_cmp(const void *x, const void *y)
{
    return id_order(*(const mgi_id *)x, *(const mgi_id *)y);
}

int mgi_pair_cmp(const void *a, const void *b)
{
    const mgi_pair *x = a, *y = b;
    int c = id_order(x->a, y->a);

    return c ? c : id_order(x->b, y->b);
}

static int collab_cmp(const void *a, const void *b)
{
    const mgi_collab *x = a, *y = b;
    int c = id_order(x->from, y->from);

    if (!c)
        c = id_order(x->to, y->to);
    return c ? c : x->both - y->both;
}

static int use_tool_cmp(const void *a, const void *b)
{
    return id_order(((const mgi_use *)a)->tool, ((const mgi_use *)b)->tool);
}

/* Uses by role, then tool, in place: a counting sort by role that moves
 * each row straight to its place (American flag sort: no order, key or
 * copy of the table, only two counters a role), then the few uses of each
 * role by tool. Not stable, and need not be: merge_uses keeps the lowest
 * weight of equal rows, whatever their order. */
static int sort_uses(mgi_model *m)
{
    size_t n = m->n_uses, n_roles = m->n_roles, i, r;
    mgi_id *start, *next;

    if (n < 2)
        return 0;
    if (!(start = calloc(2 * (n_roles + 1), sizeof *start))) /* and next: one block */
        return -1;
    next = start + n_roles + 1;
    for (i = 0; i < n; i++)
        start[m->uses[i].role + 1]++;
    for (r = 0; r < n_roles; r++)
        start[r + 1] += start[r];
    memcpy(next, start, (n_roles + 1) * sizeof *next);
    for (r = 0; r < n_roles; r++)
        while (next[r] < start[r + 1]) {
            mgi_use u = m->uses[next[r]];

            while (u.role != r) { /* u goes to its role's next place; take what was there */
                mgi_use t = m->uses[next[u.role]];

                m->uses[next[u.role]++] = u;
                u = t;
            }
            m->uses[next[r]++] = u;
        }
    for (r = 0; r < n_roles; r++)
        if (start[r + 1] - start[r] > 1)
            mgi_qsort(m->uses + start[r], start[r + 1] - start[r], sizeof *m->uses,
                      use_tool_cmp);
    free(start);
    return 0;
}

/* Sorted uses: one per (role, tool), the lowest weight; each row merged counts. */
static void merge_uses(mgi_model *m)
{
    size_t i, k = 0;

    for (i = 0; i < m->n_uses; i++) {
        if (k && m->uses[k - 1].role == m->uses[i].role && m->uses[k - 1].tool == m->uses[i].tool) {
            if (m->uses[i].weight < m->uses[k - 1].weight)
                m->uses[k - 1].weight = m->uses[i].weight;
            m->merged++;
            continue;
        }
        m->uses[k++] = m->uses[i];
    }
    m->n_uses = k;
}

/* Sorted tool capabilities: each pair once (a repeat is no merged row). */
static void merge_tool_caps(mgi_model *m)
{
    size_t i, k = 0;

    for (i = 0; i < m->n_tool_caps; i++)
        if (!k || mgi_pair_cmp(&m->tool_caps[k - 1], &m->tool_caps[i]) != 0)
            m->tool_caps[k++] = m->tool_caps[i];
    m->n_tool_caps = k;
}

/* Builds rows of `n_rows` from (row, item) pairs already sorted by row. */
static int csr_build(mgi_csr *c, size_t n_rows, const mgi_pair *pairs, size_t n)
{
    size_t i;

    csr_free(c);
    c->off = calloc(n_rows + 1, sizeof *c->off);
    c->items = malloc((n ? n : 1) * sizeof *c->items);
    if (!c->off || !c->items)
        return -1;
    for (i = 0; i < n; i++)
        c->off[pairs[i].a + 1]++;
    for (i = 0; i < n_rows; i++)
        c->off[i + 1] += c->off[i];
    for (i = 0; i < n; i++)
        c->items[i] = pairs[i].b;
    return 0;
}

/* The tools of each role and the roles of each tool, straight from the
 * uses (sorted by role, then tool): one counting sort for the second, whose
 * rows come out sorted by role because the uses are. */
static int build_adjacency(mgi_model *m)
{
    size_t n = m->n_uses, i;
    size_t *next;

    csr_free(&m->role_tools);
    csr_free(&m->tool_roles);
    m->role_tools.off = calloc(m->n_roles + 1, sizeof *m->role_tools.off);
    m->role_tools.items = malloc((n ? n : 1) * sizeof *m->role_tools.items);
    m->tool_roles.off = calloc(m->n_tools + 1, sizeof *m->tool_roles.off);
    m->tool_roles.items = malloc((n ? n : 1) * sizeof *m->tool_roles.items);
    if (!m->role_tools.off || !m->role_tools.items || !m->tool_roles.off || !m->tool_roles.items)
        return -1;
    for (i = 0; i < n; i++) {
        m->role_tools.off[m->uses[i].role + 1]++;
        m->tool_roles.off[m->uses[i].tool + 1]++;
        m->role_tools.items[i] = m->uses[i].tool;
    }
    for (i = 0; i < m->n_roles; i++)
        m->role_tools.off[i + 1] += m->role_tools.off[i];
    for (i = 0; i < m->n_tools; i++)
        m->tool_roles.off[i + 1] += m->tool_roles.off[i];
    /* tool_roles.off[t] is where tool t's next role goes, until the end,
     * when it is where tool t + 1's begin: shift back by one */
    next = m->tool_roles.off;
    for (i = 0; i < n; i++)
        m->tool_roles.items[next[m->uses[i].tool]++] = m->uses[i].role;
    for (i = m->n_tools; i > 0; i--)
        next[i] = next[i - 1];
    next[0] = 0;
    return csr_build(&m->tool_caps_of, m->n_tools, m->tool_caps, m->n_tool_caps);
}

static int rebuild_keys(mgi_model *m)
{
    size_t i;

    mgi_map_clear(&m->role_names);
    mgi_map_clear(&m->tool_names);
    mgi_map_clear(&m->cap_names);
    for (i = 0; i < m->n_roles; i++)
        if (mgi_map_put(&m->role_names, mgi_hash_bytes(m->roles[i].key, strlen(m->roles[i].key)),
                    (mgi_id)i) < 0)
            return -1;
    for (i = 0; i < m->n_tools; i++)
        if (mgi_map_put(&m->tool_names, mgi_hash_bytes(m->tools[i].key, strlen(m->tools[i].key)),
                    (mgi_id)i) < 0)
            return -1;
    for (i = 0; i < m->n_caps; i++)
        if (mgi_map_put(&m->cap_names, mgi_hash_bytes(m->caps[i].key, strlen(m->caps[i].key)),
                    (mgi_id)i) < 0)
            return -1;
    return 0;
}

/* Aliases: an alias that names another role, or that two roles share, is
 * ignored for look-up, with a warning (a name always wins over an alias). */
/* Puts role i's alias into the alias map, or says why not: it is another
 * role's name, or another role's alias too (then, to stay unambiguous, it
 * names neither: *shared gets it and the map is rebuilt without it). */
static int put_alias(mgi_model *m, mgi_id i, const char *alias, mgi_strs *shared)
{
    const mgi_role *r = &m->roles[i];
    mgi_id other = lookup(&m->role_names, m->roles, sizeof(mgi_role), alias, 0);
    uint64_t h;

    if (other != MGI_NONE) {
        /* an alias naming an implicit role is shared by two roles (else the
         * implicit role would have merged): that role's warning says so */
        if (other == i || !m->roles[other].defined || !shared)
            return 0;
        return warn_derived(m, &r->first, "alias '%s' of role '%s' is the name of role '%s'; "
                                          "ignored",
                            alias, r->name, m->roles[other].name);
    }
    if ((other = alias_get(m, alias, &h)) == MGI_NONE)
        return mgi_map_put(&m->alias_names, h, i);
    if (other == i || !shared)
        return 0;
    if (mgi_strs_add(shared, alias) < 0)
        return -1;
    return warn_derived(m, &r->first, "alias '%s' of role '%s' is also an alias of role '%s'; "
                                      "it names neither",
                        alias, r->name, m->roles[other].name);
}

static int is_shared(const mgi_strs *shared, const char *alias)
{
    size_t k;

    for (k = 0; k < shared->n; k++)
        if (mgi_fold_equal(shared->items[k], alias))
            return 1;
    return 0;
}

/* Aliases: a name always wins over an alias, and an alias two roles share
 * names neither; each with a warning. The first pass finds the shared ones
 * and warns (shared != NULL); the second, when some are, puts the others. */
static int rebuild_aliases(mgi_model *m)
{
    mgi_strs shared = { 0 };
    size_t i, j;
    int rc = 0;

    mgi_map_clear(&m->alias_names);
    for (i = 0; rc == 0 && i < m->n_roles; i++)
        for (j = 0; rc == 0 && j < m->roles[i].n_aliases; j++)
            rc = put_alias(m, (mgi_id)i, m->roles[i].aliases[j], &shared);
    if (rc == 0 && shared.n) {
        mgi_map_clear(&m->alias_names);
        for (i = 0; rc == 0 && i < m->n_roles; i++)
            for (j = 0; rc == 0 && j < m->roles[i].n_aliases; j++)
                if (!is_shared(&shared, m->roles[i].aliases[j]))
                    rc = put_alias(m, (mgi_id)i, m->roles[i].aliases[j], NULL);
    }
    mgi_strs_free(&shared);
    return rc;
}

/* ---- Resolving names -------------------------------------------------------- */

#define AMBIGUOUS MGI_MAX_IDS /* an alias of two defined roles: no target */

/* target[u] = the one defined role one of whose aliases names role u, for
 * every role u that no roles.csv row defines; MGI_NONE or AMBIGUOUS else.
 * Returns how many roles have a target. */
static size_t alias_targets(const mgi_model *m, mgi_id *target)
{
    size_t i, j, n = 0;

    for (i = 0; i < m->n_roles; i++)
        target[i] = MGI_NONE;
    for (i = 0; i < m->n_roles; i++)
        for (j = 0; m->roles[i].defined && j < m->roles[i].n_aliases; j++) {
            mgi_id u = lookup(&m->role_names, m->roles, sizeof(mgi_role), m->roles[i].aliases[j], 0);

            if (u == MGI_NONE || u == (mgi_id)i || m->roles[u].defined)
                continue;
            target[u] = target[u] == MGI_NONE || target[u] == (mgi_id)i ? (mgi_id)i : AMBIGUOUS;
        }
    for (i = 0; i < m->n_roles; i++)
        n += target[i] < AMBIGUOUS;
    return n;
}

/* Moves the rows of every role with a target to the target and drops the
 * role: remap[old] = new id. Rows that became equal merge at freeze. */
static void merge_into_targets(mgi_model *m, const mgi_id *target, mgi_id *remap)
{
    size_t i, k = 0;

    for (i = 0; i < m->n_roles; i++) {
        if (target[i] < AMBIGUOUS) {
            role_free(&m->roles[i]);
            continue;
        }
        remap[i] = (mgi_id)k;
        m->roles[k++] = m->roles[i];
    }
    for (i = 0; i < m->n_roles; i++)
        if (target[i] < AMBIGUOUS)
            remap[i] = remap[target[i]];
    m->n_roles = k;
    for (i = 0; i < m->n_resps; i++)
        m->resps[i].role = remap[m->resps[i].role];
    for (i = 0; i < m->n_uses; i++)
        m->uses[i].role = remap[m->uses[i].role];
    for (i = 0; i < m->n_collabs; i++) {
        m->collabs[i].from = remap[m->collabs[i].from];
        m->collabs[i].to = remap[m->collabs[i].to];
    }
}

typedef struct alias_ref {
    const char *alias;
    size_t at;
} alias_ref;

static int alias_ref_cmp(const void *x, const void *y)
{
    const alias_ref *a = x, *b = y;
    int c = mgi_fold_cmp(a->alias, b->alias);

    return c ? c : (a->at > b->at) - (a->at < b->at);
}

/* Each alias of a role once (the same folded), the first spelling, in the
 * order first given. O(A log A) for a role's A aliases. */
static int unique_aliases(mgi_role *r)
{
    alias_ref *refs;
    size_t i, k = 0;

    if (r->n_aliases < 2)
        return 0;
    if (!(refs = malloc(r->n_aliases * sizeof *refs)))
        return -1;
    for (i = 0; i < r->n_aliases; i++) {
        refs[i].alias = r->aliases[i];
        refs[i].at = i;
    }
    mgi_qsort(refs, r->n_aliases, sizeof *refs, alias_ref_cmp);
    for (i = 1; i < r->n_aliases; i++)
        if (mgi_fold_equal(refs[k].alias, refs[i].alias))
            r->aliases[refs[i].at] = NULL; /* a repeat of refs[k], given earlier */
        else
            k = i;
    k = 0;
    for (i = 0; i < r->n_aliases; i++)
        if (r->aliases[i])
            r->aliases[k++] = r->aliases[i];
    r->n_aliases = k;
    free(refs);
    return 0;
}

/* A name in any table resolves against every alias of the organisation,
 * whatever order the tables came in: see mgi_model_freeze. */
static int resolve_aliases(mgi_model *m)
{
    mgi_id *target = malloc((m->n_roles + 1) * sizeof *target);
    mgi_id *remap = malloc((m->n_roles + 1) * sizeof *remap);
    size_t i;
    int ok = target && remap;

    for (i = 0; ok && i < m->n_roles; i++)
        ok = unique_aliases(&m->roles[i]) == 0;
    if (!ok) {
        free(target);
        free(remap);
        return -1;
    }
    if (alias_targets(m, target))
        merge_into_targets(m, target, remap);
    free(target);
    free(remap);
    return 0;
}

/* After sorting, rows equal by their key sit side by side: the one at the
 * earliest place stays and takes the other's handoffs and attributes
 * (DESIGN section 3). Out of memory, the rest stay apart and -1 is returned. */
static int merge_resps(mgi_model *m)
{
    size_t i, k = 0;
    int rc = 0;

    for (i = 0; i < m->n_resps; i++) {
        mgi_resp *keep = k ? &m->resps[k - 1] : NULL, *r = &m->resps[i];
        mgi_pos rp, kp;

        if (rc < 0 || !keep || keep->role != r->role || keep->capability != r->capability ||
            !mgi_fold_equal(keep->text, r->text)) {
            m->resps[k++] = *r;
            continue;
        }
        /* equal places (items of one row) are equal rows: keep either */
        rp = row_pos_full(&r->pos);
        kp = row_pos_full(&keep->pos);
        if (pos_cmp(m, &rp, &kp) < 0) {
            mgi_resp t = *keep;

            *keep = *r;
            *r = t;
        }
        rc = attrs_take(&keep->attrs, &r->attrs);
        m->merged++;
    }
    m->n_resps = k;
    return rc;
}

static int merge_collabs(mgi_model *m)
{
    size_t i, j, k = 0;
    int rc = 0;

    for (i = 0; i < m->n_collabs; i++) {
        mgi_collab *keep = k ? &m->collabs[k - 1] : NULL, *c = &m->collabs[i];

        if (rc < 0 || !keep || collab_cmp(keep, c) != 0) {
            m->collabs[k++] = *c;
            continue;
        }
        if (pos_cmp(m, &c->pos, &keep->pos) < 0) {
            mgi_collab t = *keep;

            *keep = *c;
            *c = t;
        }
        if (c->weight < keep->weight)
            keep->weight = c->weight;
        for (j = 0; rc == 0 && j < c->n_handoffs; j++)
            rc = collab_add_handoff(m, keep, handoff_at(c, j));
        if (rc == 0)
            rc = attrs_take(&keep->attrs, &c->attrs);
        collab_free(c);
        m->merged++;
    }
    m->n_collabs = k;
    return rc;
}

static int join_handoffs(mgi_model *m, mgi_collab *c)
{
    mgi_buf *b = &m->scratch;
    char **list = handoff_list(c);
    char *joined;
    size_t n;
    uint32_t i;

    if (!c->listed) { /* the usual case: the one text, or none; or joined before */
        if (!c->n_handoffs)
            c->handoff = (char *)"";
        return 0;
    }
    n = sort_unique_shared(list, c->n_handoffs);
    mgi_buf_clear(b);
    for (i = 0; i < n; i++)
        if ((i && mgi_buf_puts(b, "; ") < 0) || mgi_buf_puts(b, list[i]) < 0)
            return -1;
    if (n > 1)
        for (i = 0; i < n; i++)
            if (mgi_buf_append(b, "", 1) < 0 || mgi_buf_puts(b, list[i]) < 0)
                return -1;
    if (!(joined = arena_strndup(m, b->data, b->len)))
        return -1;
    free(list);
    c->listed = 0;
    c->n_handoffs = (uint32_t)n;
    c->handoff = joined;
    return 0;
}

/* ---- Derived warnings ---------------------------------------------------- */

/* Warnings in canonical order of their places (then text), so the list does
 * not depend on the order the tables were loaded in. qsort has no context:
 * sort references that carry the table. */
typedef struct warning_ref {
    int table;
    mgi_warning w;
} warning_ref;

static int warning_ref_cmp(const void *x, const void *y)
{
    const warning_ref *a = x, *b = y;
    int c = a->table - b->table;

    if (!c)
        c = id_order(a->w.pos.source, b->w.pos.source);
    if (!c)
        c = id_order(a->w.pos.line, b->w.pos.line);
    if (!c)
        c = id_order(a->w.pos.column, b->w.pos.column);
    return c ? c : strcmp(a->w.message, b->w.message);
}

static int sort_warnings(const mgi_model *m, mgi_warning *list, size_t n)
{
    warning_ref *refs = malloc((n ? n : 1) * sizeof *refs);
    size_t i;

    if (!refs)
        return -1;
    for (i = 0; i < n; i++) {
        refs[i].table = source_table(m, list[i].pos.source);
        refs[i].w = list[i];
    }
    mgi_qsort(refs, n, sizeof *refs, warning_ref_cmp);
    for (i = 0; i < n; i++)
        list[i] = refs[i].w;
    free(refs);
    return 0;
}

int mgi_model_suggest_roles(const mgi_model *m, struct mgi_suggest *best, int defined_only)
{
    size_t i, j;

    for (i = 0; i < m->n_roles; i++) {
        const mgi_role *r = &m->roles[i];

        if (defined_only && !r->defined)
            continue;
        if (mgi_suggest_consider(best, r->name, r->name) < 0)
            return -1;
        for (j = 0; j < r->n_aliases; j++)
            if (mgi_suggest_consider(best, r->aliases[j], r->name) < 0)
                return -1;
    }
    return 0;
}

/* Appends, for an implicit role `name`: "; it is an alias of 'A' and 'B',
 * so it names neither" when two defined roles claim it as an alias (then
 * it was left unresolved), else "; did you mean ...?" when it is a near miss
 * of a defined role's name or alias. */
static int explain_implicit(const mgi_model *m, mgi_buf *msg, const char *name)
{
    mgi_suggest best;
    mgi_strs owners = { 0 };
    size_t i, j;
    int ok = mgi_suggest_init(&best, name) == 0 && mgi_model_suggest_roles(m, &best, 1) == 0;

    for (i = 0; ok && i < m->n_roles; i++) {
        const mgi_role *r = &m->roles[i];

        for (j = 0; ok && r->defined && j < r->n_aliases; j++)
            ok = !mgi_fold_equal(r->aliases[j], name) || mgi_strs_add(&owners, r->name) == 0;
    }
    if (ok && owners.n >= 2) {
        ok = mgi_buf_puts(msg, "; it is an alias of ") == 0;
        for (i = 0; ok && i < owners.n; i++)
            ok = mgi_buf_printf(msg, "%s'%s'", !i ? "" : i + 1 < owners.n ? ", " : " and ",
                                owners.items[i]) == 0;
        ok = ok && mgi_buf_puts(msg, ", so it names none of them") == 0;
    } else if (ok && mgi_suggest_any(&best))
        ok = mgi_buf_puts(msg, "; ") == 0 && mgi_suggest_write(msg, &best) == 0;
    mgi_suggest_free(&best);
    mgi_strs_free(&owners);
    return ok ? 0 : -1;
}

/* Roles named in other tables but not in roles.csv: created implicitly,
 * and a near miss of a defined role says which it may have meant. */
static int warn_implicit_roles(mgi_model *m)
{
    mgi_buf msg = { 0 };
    size_t i;
    int rc = 0;

    for (i = 0; rc == 0 && m->roles_table && i < m->n_roles; i++) {
        if (m->roles[i].defined)
            continue;
        mgi_buf_clear(&msg);
        rc = mgi_buf_printf(&msg, "role '%s' is not in the roles table; created implicitly",
                            m->roles[i].name) < 0 ||
                     explain_implicit(m, &msg, m->roles[i].name) < 0 ||
                     warn_derived(m, &m->roles[i].first, "%s", msg.data) < 0
                 ? -1
                 : 0;
    }
    mgi_buf_free(&msg);
    return rc;
}

/* A capability that tools support but no responsibility needs, close to one
 * that is needed: most likely the same, misspelt. */
static int warn_unneeded_caps(mgi_model *m)
{
    enum { NEEDED = 1, SUPPORTED = 2 };
    unsigned char *needed = calloc(m->n_caps + 1, 1);
    mgi_suggest best;
    mgi_buf msg = { 0 };
    size_t i, j;
    int rc = needed ? 0 : -1;

    for (i = 0; rc == 0 && i < m->n_resps; i++)
        needed[m->resps[i].capability] |= NEEDED;
    for (i = 0; rc == 0 && i < m->n_tool_caps; i++)
        needed[m->tool_caps[i].b] |= SUPPORTED;
    for (i = 0; rc == 0 && m->n_resps && i < m->n_caps; i++) {
        if (needed[i] != SUPPORTED)
            continue;
        rc = mgi_suggest_init(&best, m->caps[i].name);
        for (j = 0; rc == 0 && j < m->n_caps; j++)
            if (needed[j] & NEEDED)
                rc = mgi_suggest_consider(&best, m->caps[j].name, m->caps[j].name);
        mgi_buf_clear(&msg);
        if (rc == 0 && mgi_suggest_any(&best))
            rc = mgi_buf_printf(&msg, "capability '%s' is supported by tools but no "
                                      "responsibility needs it; ", m->caps[i].name) < 0 ||
                         mgi_suggest_write(&msg, &best) < 0 ||
                         warn_derived(m, &m->caps[i].first, "%s", msg.data) < 0
                     ? -1
                     : 0;
        mgi_suggest_free(&best);
    }
    mgi_buf_free(&msg);
    free(needed);
    return rc;
}

/* Renumbers every entity by name: ids equal ranks. */
static int renumber(mgi_model *m)
{
    mgi_id *role_perm = malloc((m->n_roles + 1) * sizeof *role_perm);
    mgi_id *tool_perm = malloc((m->n_tools + 1) * sizeof *tool_perm);
    mgi_id *cap_perm = malloc((m->n_caps + 1) * sizeof *cap_perm);
    size_t i;
    int rc = -1;

    if (!role_perm || !tool_perm || !cap_perm ||
        sort_named(m->roles, m->n_roles, sizeof(mgi_role), role_perm) < 0 ||
        sort_named(m->tools, m->n_tools, sizeof(mgi_thing), tool_perm) < 0 ||
        sort_named(m->caps, m->n_caps, sizeof(mgi_thing), cap_perm) < 0)
        goto out;
    for (i = 0; i < m->n_resps; i++) {
        m->resps[i].role = role_perm[m->resps[i].role];
        m->resps[i].capability = cap_perm[m->resps[i].capability];
    }
    for (i = 0; i < m->n_uses; i++) {
        m->uses[i].role = role_perm[m->uses[i].role];
        m->uses[i].tool = tool_perm[m->uses[i].tool];
    }
    for (i = 0; i < m->n_tool_caps; i++) {
        m->tool_caps[i].a = tool_perm[m->tool_caps[i].a];
        m->tool_caps[i].b = cap_perm[m->tool_caps[i].b];
    }
    for (i = 0; i < m->n_collabs; i++) {
        mgi_collab *c = &m->collabs[i];

        c->from = role_perm[c->from];
        c->to = role_perm[c->to];
        if (c->both && c->from > c->to) {
            mgi_id t = c->from;

            c->from = c->to;
            c->to = t;
        }
    }
    rc = 0;
out:
    free(role_perm);
    free(tool_perm);
    free(cap_perm);
    return rc;
}

/* ---- Rows read with the same key ----------------------------------------- */

/* Drops the rows marked dead (merged into another), keeping the order. */
static size_t compact_rows(void *rows, size_t n, size_t size, const unsigned char *dead)
{
    char *base = rows;
    size_t i, k = 0;

    for (i = 0; i < n; i++)
        if (!dead[i]) {
            if (k != i)
                memcpy(base + k * size, base + i * size, size);
            k++;
        }
    return k;
}

/* The key a collaboration was read with: its two roles, in either order
 * when it runs both ways. */
static mgi_id collab_lo(const mgi_collab *c)
{
    return c->both && c->to < c->from ? c->to : c->from;
}

static mgi_id collab_hi(const mgi_collab *c)
{
    return c->both && c->to < c->from ? c->from : c->to;
}

static int same_read_key(const mgi_collab *a, const mgi_collab *b)
{
    return !a->both == !b->both && collab_lo(a) == collab_lo(b) && collab_hi(a) == collab_hi(b);
}

/* Collaborations read with the same key merge into the first read, in the
 * order read, as they used to on arrival: the lowest weight, every handoff,
 * the attributes; each merged row counts. (Rows that become equal when
 * aliases resolve merge later, in merge_collabs.) */
static int premerge_collabs(mgi_model *m)
{
    size_t n = m->n_collabs, i, j;
    unsigned char *dead = NULL;
    row_order o;
    int rc = -1;

    if (n < 2)
        return 0;
    if (order_init(&o, n) < 0 || !(dead = calloc(n, 1)))
        goto out;
    for (i = 0; i < n; i++)
        o.keys[i] = m->collabs[i].both ? 1 : 0;
    if (order_by_keys(&o, 2) < 0)
        goto out;
    for (i = 0; i < n; i++)
        o.keys[i] = collab_hi(&m->collabs[i]);
    if (order_by_keys(&o, m->n_roles) < 0)
        goto out;
    for (i = 0; i < n; i++)
        o.keys[i] = collab_lo(&m->collabs[i]);
    if (order_by_keys(&o, m->n_roles) < 0)
        goto out;
    rc = 0;
    for (i = 0; i < n && rc == 0; i = j) {
        mgi_collab *keep = &m->collabs[o.order[i]];

        for (j = i + 1; j < n && same_read_key(keep, &m->collabs[o.order[j]]); j++) {
            mgi_collab *c = &m->collabs[o.order[j]];
            size_t h;

            if (rc == 0) {
                if (c->weight < keep->weight)
                    keep->weight = c->weight;
                rc = attrs_take(&keep->attrs, &c->attrs);
                for (h = 0; rc == 0 && h < c->n_handoffs; h++)
                    rc = collab_add_handoff(m, keep, handoff_at(c, h));
                m->merged++;
            }
            collab_free(c);
            dead[o.order[j]] = 1;
        }
    }
    m->n_collabs = compact_rows(m->collabs, n, sizeof *m->collabs, dead);
out:
    order_free(&o);
    free(dead);
    return rc;
}

typedef struct text_ref {
    const char *text;
    mgi_id row;
} text_ref;

static int text_ref_cmp(const void *x, const void *y)
{
    const text_ref *a = x, *b = y;
    int c = mgi_fold_cmp(a->text, b->text);

    return c ? c : (a->row > b->row) - (a->row < b->row);
}

/* Responsibilities read with the same key (role, capability, folded text)
 * merge into the first read, in the order read: its text, the attributes
 * of all; each merged row counts. */
static int premerge_resps(mgi_model *m)
{
    size_t n = m->n_resps, i, j, k, g, cap_refs = 0;
    unsigned char *dead = NULL;
    text_ref *refs = NULL; /* the rows of one role and capability */
    row_order o;
    int rc = -1;

    if (n < 2)
        return 0;
    if (order_init(&o, n) < 0 || !(dead = calloc(n, 1)) ||
        order_by(&o, m->resps, sizeof *m->resps, offsetof(mgi_resp, capability), m->n_caps) < 0 ||
        order_by(&o, m->resps, sizeof *m->resps, offsetof(mgi_resp, role), m->n_roles) < 0)
        goto out;
    rc = 0;
    for (i = 0; i < n && rc == 0; i = j) {
        const mgi_resp *first = &m->resps[o.order[i]];

        for (j = i + 1; j < n && m->resps[o.order[j]].role == first->role &&
                        m->resps[o.order[j]].capability == first->capability;
             j++)
            ;
        if (j - i < 2)
            continue;
        if (mgi_grow(&refs, &cap_refs, j - i, sizeof *refs) < 0) {
            rc = -1;
            break;
        }
        for (k = i; k < j; k++) {
            refs[k - i].text = m->resps[o.order[k]].text;
            refs[k - i].row = o.order[k];
        }
        mgi_qsort(refs, j - i, sizeof *refs, text_ref_cmp);
        for (k = 0; k < j - i; k = g) {
            mgi_resp *keep = &m->resps[refs[k].row];

            for (g = k + 1; g < j - i && mgi_fold_equal(keep->text, refs[g].text); g++) {
                mgi_resp *r = &m->resps[refs[g].row];

                if (rc == 0) {
                    rc = attrs_take(&keep->attrs, &r->attrs);
                    m->merged++;
                }
                mgi_attrs_free(&r->attrs);
                dead[refs[g].row] = 1;
            }
        }
    }
    m->n_resps = compact_rows(m->resps, n, sizeof *m->resps, dead);
out:
    order_free(&o);
    free(dead);
    free(refs);
    return rc;
}

/* Sorts every table by its key (ids first, by counting sorts) and merges
 * the rows that are now equal. */
static int sort_rows(mgi_model *m)
{
    row_order o;
    size_t i, j;
    int rc = -1;

    memset(&o, 0, sizeof o);
    /* uses by role, tool */
    if (sort_uses(m) < 0)
        goto out;
    merge_uses(m);
    /* tool capabilities by tool, capability */
    if (order_init(&o, m->n_tool_caps) < 0 ||
        order_by(&o, m->tool_caps, sizeof *m->tool_caps, offsetof(mgi_pair, b), m->n_caps) < 0 ||
        order_by(&o, m->tool_caps, sizeof *m->tool_caps, offsetof(mgi_pair, a), m->n_tools) < 0)
        goto out;
    order_apply(&o, m->tool_caps, sizeof *m->tool_caps);
    order_free(&o);
    merge_tool_caps(m);
    /* collaborations by from, to, both */
    if (order_init(&o, m->n_collabs) < 0)
        goto out;
    for (i = 0; i < m->n_collabs; i++)
        o.keys[i] = m->collabs[i].both ? 1 : 0;
    if (order_by_keys(&o, 2) < 0 ||
        order_by(&o, m->collabs, sizeof *m->collabs, offsetof(mgi_collab, to), m->n_roles) < 0 ||
        order_by(&o, m->collabs, sizeof *m->collabs, offsetof(mgi_collab, from), m->n_roles) < 0)
        goto out;
    order_apply(&o, m->collabs, sizeof *m->collabs);
    order_free(&o);
    /* responsibilities by role, capability, then (among few) folded text, text */
    if (order_init(&o, m->n_resps) < 0 ||
        order_by(&o, m->resps, sizeof *m->resps, offsetof(mgi_resp, capability), m->n_caps) < 0 ||
        order_by(&o, m->resps, sizeof *m->resps, offsetof(mgi_resp, role), m->n_roles) < 0)
        goto out;
    order_apply(&o, m->resps, sizeof *m->resps);
    order_free(&o);
    for (i = 0; i < m->n_resps; i = j) {
        for (j = i + 1; j < m->n_resps && m->resps[j].role == m->resps[i].role &&
                        m->resps[j].capability == m->resps[i].capability;
             j++)
            ;
        mgi_qsort(m->resps + i, j - i, sizeof *m->resps, resp_text_cmp);
    }
    rc = 0;
out:
    order_free(&o);
    if (rc < 0 || merge_resps(m) < 0 || merge_collabs(m) < 0)
        return -1;
    for (i = 0; i < m->n_collabs; i++)
        if (join_handoffs(m, &m->collabs[i]) < 0 || attrs_settle(&m->collabs[i].attrs) < 0)
            return -1;
    for (i = 0; i < m->n_resps; i++)
        if (attrs_settle(&m->resps[i].attrs) < 0)
            return -1;
    for (i = 0; i < m->n_roles; i++)
        if (attrs_settle(&m->roles[i].attrs) < 0)
            return -1;
    for (i = 0; i < m->n_tools; i++)
        if (attrs_settle(&m->tools[i].attrs) < 0)
            return -1;
    for (i = 0; i < m->n_caps; i++)
        if (attrs_settle(&m->caps[i].attrs) < 0)
            return -1;
    return 0;
}

int mgi_model_freeze(mgi_model *m)
{
    m->frozen = 0; /* until it all succeeds */
    if (premerge_resps(m) < 0 || premerge_collabs(m) < 0 || resolve_aliases(m) < 0 ||
        renumber(m) < 0 || sort_rows(m) < 0 || rebuild_keys(m) < 0)
        return -1;
    warnings_free(m->derived, m->n_derived);
    m->n_derived = 0;
    if (rebuild_aliases(m) < 0 || warn_implicit_roles(m) < 0 || warn_unneeded_caps(m) < 0 ||
        sort_warnings(m, m->warnings, m->n_warnings) < 0 ||
        sort_warnings(m, m->derived, m->n_derived) < 0 || build_adjacency(m) < 0)
        return -1;
    m->frozen = 1;
    return 0;
}

int mgi_model_has_collab(const mgi_model *m, mgi_id from, mgi_id to, int both)
{
    size_t lo = 0, hi = m->n_collabs;

    if (both && from > to) { /* stored from the lower id */
        mgi_id t = from;

        from = to;
        to = t;
    }
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const mgi_collab *c = &m->collabs[mid];

        if (c->from < from || (c->from == from && (c->to < to || (c->to == to && c->both < both))))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->n_collabs && m->collabs[lo].from == from && m->collabs[lo].to == to &&
           m->collabs[lo].both == both;
}

double *mgi_model_use_weights(const mgi_model *m)
{
    double *w = malloc((m->n_uses + 1) * sizeof *w);
    size_t i;

    for (i = 0; w && i < m->n_uses; i++)
        w[i] = m->uses[i].weight;
    return w;
}
