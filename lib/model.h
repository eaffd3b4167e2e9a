/*
 * model.h - the organisation model: roles, tools, capabilities and the
 * edges between them, with names interned, merged by the rules of DESIGN
 * section 3, and a compact adjacency built once after loading ("frozen").
 *
 * Ids are uint32_t inside the model to keep large organisations compact
 * (DESIGN section 7); the public API speaks size_t. After mgi_model_freeze()
 * every id equals the entity's rank by folded name, so any analysis that
 * walks ids in order is deterministic whatever the order of input rows.
 */
#ifndef MG_MODEL_H
#define MG_MODEL_H

#include <stddef.h>
#include <stdint.h>

#include "hash.h"
#include "mlopsgraph.h"
#include "util.h"

#define MGI_MAX_IDS (UINT32_MAX - 1)

/* A place in the input: source index (into model->sources), 1-based line and
 * column. 32 bits each keep the millions of rows of a large organisation
 * compact; a place beyond 4,294,967,295 is stored as that. */
typedef struct mgi_pos {
    uint32_t source;
    uint32_t line;
    uint32_t column;
} mgi_pos;

/* A column the loader does not know, kept as an attribute. Rows merged
 * with other values for the key leave them in `more` until the model is
 * frozen, which makes value the sorted distinct values joined with "; "
 * (O(v log v) however many rows: not a re-join per row). */
typedef struct mgi_attr {
    char *key;
    char *value;
    mgi_strs more;
} mgi_attr;

/* 16 bytes: every row has one, most of them empty. */
typedef struct mgi_attrs {
    mgi_attr *items;
    uint32_t n;
    uint32_t cap;
} mgi_attrs;

typedef struct mgi_role {
    char *name;      /* display name: the first spelling seen, trimmed */
    char *key;       /* folded name */
    char *summary;   /* "" when none */
    char *headcount; /* "" when none; a decimal number otherwise (people, FTE) */
    char **aliases;
    mgi_attrs attrs;
    mgi_pos first;   /* where the role was first named */
    unsigned n_aliases : 31;
    unsigned defined : 1; /* 1 when a roles.csv row defines it */
} mgi_role;

/* A tool or a capability. */
typedef struct mgi_thing {
    char *name;
    char *key;
    mgi_attrs attrs;
    mgi_pos first;
} mgi_thing;

/* Where a row was read, when no message names it: the column is left out.
 * Rows of one source and line are one input row: items of one list, equal
 * but for their column, which decides nothing (model.c, merge_resps). */
typedef struct mgi_row_pos {
    uint32_t source;
    uint32_t line;
} mgi_row_pos;

/* Rows are laid out without padding (40 bytes; a collaboration 56): a large
 * organisation has hundreds of thousands of each. */
typedef struct mgi_resp {
    mgi_id role;
    mgi_id capability;
    mgi_row_pos pos;
    char *text;
    mgi_attrs attrs;
} mgi_resp;

typedef struct mgi_use {
    mgi_id role;
    mgi_id tool;
    double weight;
} mgi_use;

typedef struct mgi_pair {
    mgi_id a;
    mgi_id b;
} mgi_pair;

typedef struct mgi_collab {
    mgi_id from;
    mgi_id to;
    unsigned both : 1;        /* direction "both": the handoff runs either way */
    unsigned listed : 1;      /* model.c's: handoff holds a list (see below) */
    unsigned n_handoffs : 30; /* distinct handoff texts of merged rows */
    mgi_pos pos;
    double weight;            /* cost of the handoff; the lowest of merged rows */
    /* After freeze: the handoffs sorted and joined with "; " ("" when none).
     * Before, the one text, or (`listed`) the address of a list of them:
     * one pointer in every row rather than two (model.c, handoff_at). */
    char *handoff;
    mgi_attrs attrs;
} mgi_collab;

typedef struct mgi_warning {
    mgi_pos pos;
    char *message;
} mgi_warning;

/* qsort orders: ids ascending; pairs by a, then b. */
int mgi_id_cmp(const void *x, const void *y);
int mgi_pair_cmp(const void *x, const void *y);

/* Compressed sparse rows: the targets of node i are items[off[i] .. off[i+1]). */
typedef struct mgi_csr {
    size_t *off;
    mgi_id *items;
} mgi_csr;

/* An input: its name, and the table it holds (MG_TABLE_COUNT: none). Places
 * compare in the order of the tables first, so what a model keeps "first"
 * (a display spelling, a position) does not depend on the order the tables
 * were loaded in. */
typedef struct mgi_source {
    char *name;
    int table;
} mgi_source;

/* The model's strings (names, keys, texts) live in blocks freed with the
 * model: no allocation, header or free per string. */
typedef struct mgi_arena_block mgi_arena_block;

typedef struct mgi_model {
    mgi_arena_block *arena;
    /* texts many rows repeat (summaries, headcounts, responsibilities,
     * handoffs) are kept once: texts[id], found by text_ids */
    mgi_map text_ids;
    const char **texts;
    size_t n_texts, cap_texts;

    mgi_source *sources;
    size_t n_sources, cap_sources;

    mgi_role *roles;
    size_t n_roles, cap_roles;
    mgi_thing *tools;
    size_t n_tools, cap_tools;
    mgi_thing *caps;
    size_t n_caps, cap_caps;
    mgi_resp *resps;
    size_t n_resps, cap_resps;
    mgi_use *uses;
    size_t n_uses, cap_uses;
    mgi_pair *tool_caps; /* (tool, capability): capabilities a tool supports */
    size_t n_tool_caps, cap_tool_caps;
    mgi_collab *collabs;
    size_t n_collabs, cap_collabs;

    mgi_warning *warnings; /* found while reading rows */
    size_t n_warnings, cap_warnings;
    mgi_warning *derived; /* found by mgi_model_freeze, made anew each time */
    size_t n_derived, cap_derived;

    size_t merged;     /* input rows merged into an earlier one */
    int roles_table;   /* a roles table was loaded */

    mgi_map role_names, alias_names, tool_names, cap_names;
    /* rows are appended as read and merge at freeze */
    mgi_buf scratch;

    /* Built by mgi_model_freeze. */
    int frozen;
    mgi_csr role_tools; /* tools each role uses */
    mgi_csr tool_roles; /* roles that use each tool */
    mgi_csr tool_caps_of; /* capabilities each tool supports */
} mgi_model;

mgi_model *mgi_model_new(void);
void mgi_model_free(mgi_model *m);

/* Registers an input and the table it holds (MG_TABLE_COUNT: none); returns
 * its index or MGI_NONE when out of memory. */
uint32_t mgi_model_source(mgi_model *m, const char *name, int table);

/* Interning. The name (n bytes, not necessarily NUL-terminated) is trimmed;
 * the caller guarantees it is not empty. The spelling displayed is the one
 * at the earliest place (table order, then load order, line, column).
 * Capability ids fold as mgi_fold_id does. Returns the id, or MGI_NONE when
 * out of memory or out of ids. */
mgi_id mgi_model_role(mgi_model *m, const char *name, size_t n, const mgi_pos *pos);
/* A look-ahead for a batch of role and tool names about to be interned
 * (the loader's): fetches into the cache what their look-ups will read, so
 * that the cache misses of the batch overlap. Changes nothing; at most
 * MGI_AHEAD_MAX names are looked at. */
#define MGI_AHEAD_MAX 256
typedef struct mgi_ahead {
    const char *name;
    size_t len;
    int tool; /* 0: a role name */
} mgi_ahead;
void mgi_model_ahead(const mgi_model *m, const mgi_ahead *names, size_t n);
mgi_id mgi_model_tool(mgi_model *m, const char *name, size_t n, const mgi_pos *pos);
mgi_id mgi_model_capability(mgi_model *m, const char *name, size_t n, const mgi_pos *pos);

/* Look-up without interning: MGI_NONE when unknown. Roles also match aliases. */
mgi_id mgi_model_find_role(const mgi_model *m, const char *name);
mgi_id mgi_model_find_tool(const mgi_model *m, const char *name);
mgi_id mgi_model_find_capability(const mgi_model *m, const char *name);
/* For "did you mean": considers the name and the aliases of every role (of
 * every role a roles.csv row defines, when defined_only). Returns 0, or -1
 * when out of memory. */
struct mgi_suggest;
int mgi_model_suggest_roles(const mgi_model *m, struct mgi_suggest *best, int defined_only);

/* A roles.csv row. aliases is a ';'-separated list (may be ""). Ownership of
 * attrs passes to the model. Returns 0, or -1 when out of memory. */
int mgi_model_define_role(mgi_model *m, mgi_id role, const mgi_pos *pos, const char *summary,
                          const char *aliases, const char *headcount, mgi_attrs *attrs);
int mgi_model_add_responsibility(mgi_model *m, mgi_id role, mgi_id cap, const char *text,
                                 const mgi_pos *pos, mgi_attrs *attrs);
int mgi_model_add_use(mgi_model *m, mgi_id role, mgi_id tool, double weight);
int mgi_model_add_tool_capability(mgi_model *m, mgi_id tool, mgi_id cap);
int mgi_model_add_tool_attrs(mgi_model *m, mgi_id tool, mgi_attrs *attrs);
int mgi_model_add_collab(mgi_model *m, mgi_id from, mgi_id to, int both, double weight,
                         const char *handoff, const mgi_pos *pos, mgi_attrs *attrs);
int mgi_model_warn(mgi_model *m, const mgi_pos *pos, const char *fmt, ...) MGI_PRINTF(3, 4);

/* Merges everything in src into dst (src is emptied when dst was empty, and
 * must be freed by the caller either way). Returns 0, or -1 when out of memory. */
int mgi_model_absorb(mgi_model *dst, mgi_model *src);

/* Adds everything in src to dst, except the roles marked in drop_role and
 * the tools marked in drop_tool (either may be NULL), with every edge that
 * touches them. Capabilities and tools nothing refers to any more are left
 * out. Returns 0, or -1 when out of memory. */
int mgi_model_copy(mgi_model *dst, const mgi_model *src, const unsigned char *drop_role,
                   const unsigned char *drop_tool);

/* Resolves names: a role named only in other tables whose name is an alias
 * of one defined role becomes that role (its rows merge into the role's).
 * Then sorts and renumbers every entity by name, merges the rows that became
 * equal, joins merged handoffs, derives the load warnings (with "did you
 * mean" for near misses) and builds the adjacency. The result does not
 * depend on the order the tables were loaded in. Returns 0, or -1 when out
 * of memory. */
int mgi_model_freeze(mgi_model *m);

/* Whether frozen m has the collaboration from -> to, both ways when `both`
 * (its collaborations are sorted by from, to, both; a both-ways one is
 * stored from the lower id): a binary search, O(log C). */
int mgi_model_has_collab(const mgi_model *m, mgi_id from, mgi_id to, int both);

/* The use weights in the order of role_tools (that of m->uses), a new array
 * for the caller to free; NULL when out of memory. */
double *mgi_model_use_weights(const mgi_model *m);

/* The people a role has (roles.csv headcount: FTE, may be decimal), or -1
 * when its headcount is not known. */
double mgi_role_people(const mgi_role *r);

/* Attribute lists. mgi_attrs_get finds a key whatever its case, as the
 * loader finds columns (mgi_fold_equal). */
int mgi_attrs_add(mgi_attrs *a, const char *key, const char *value);
void mgi_attrs_free(mgi_attrs *a);
const char *mgi_attrs_get(const mgi_attrs *a, const char *key);

/* The name of a source, and its line/column as an mg_error (for warnings). */
const char *mgi_model_source_name(const mgi_model *m, uint32_t source);

#endif
