/*
 * mlopsgraph.h - the people of an ML-operations organisation as a graph.
 *
 * The one public header of libmlopsgraph. Data flows one way:
 *
 *     CSV files --load--> mg_org (model) --analyses--> results --> render / JSON
 *
 * Conventions
 *   - Every name starts with mg_ (functions, types) or MG_ (constants).
 *   - Handles are opaque: mg_x_new() creates one, mg_x_free() frees it, and
 *     every free function accepts NULL.
 *   - Every fallible call returns an mg_status and takes `mg_error *err` last.
 *     err may be NULL; otherwise it is filled on failure (the first error wins)
 *     and left untouched on success.
 *   - Strings passed in are copied. Strings returned are borrowed from their
 *     handle and valid until the handle is changed or freed, unless a
 *     function says the caller owns the result (then free it with mg_free()).
 *   - Indices and counts are size_t; roles, tools and capabilities are
 *     numbered 0..count-1 in order of their names (case-insensitive), so the
 *     numbering does not depend on the order of rows in the input.
 *   - The library never prints and never exits. Threads: separate handles
 *     may be used from separate threads, and one handle may be read (every
 *     function taking it as const) from several threads at once; a call
 *     that changes a handle (a load, a setter, a free) must not overlap any
 *     other call on that handle. The progress callback is per thread. The
 *     only global state serves Graphviz, which is not thread-safe: a lock
 *     that serialises rendering, and one Graphviz context kept until
 *     mg_shutdown() (see lib/render.c). tests/check_threads.c holds this
 *     to account under ThreadSanitizer.
 */
#ifndef MLOPSGRAPH_H
#define MLOPSGRAPH_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Errors ------------------------------------------------------------ */

typedef enum mg_status {
    MG_OK = 0,
    MG_EINVAL,    /* the caller passed an invalid argument */
    MG_EINPUT,    /* the input data (CSV) is malformed or inconsistent */
    MG_ENOTFOUND, /* a role, tool or other name is unknown */
    MG_ENOMEM,    /* out of memory */
    MG_EIO,       /* reading or writing a file failed */
    MG_EGRAPHVIZ, /* Graphviz could not lay out or render the graph */
    MG_EINTERNAL, /* a bug: please report it */
    MG_ECANCELED  /* the progress callback asked to stop (see mg_set_progress) */
} mg_status;

#define MG_ERROR_TEXT_SIZE 512

typedef struct mg_error {
    mg_status code;
    char source[MG_ERROR_TEXT_SIZE];  /* file name, "<stdin>", "<reference>/roles.csv", or "" */
    size_t line;                      /* 1-based; 0 when not about a place in the input */
    size_t column;                    /* 1-based, in characters; 0 when not applicable */
    char message[MG_ERROR_TEXT_SIZE]; /* what is wrong, in one line (a longer text is cut
                                         at a character boundary and ends with "...") */
} mg_error;

/* A short English name of a status ("bad input", "out of memory", ...). */
const char *mg_status_string(mg_status status);
/* The status's name in this header ("MG_OK", "MG_EINVAL", ...), or NULL for a
 * value past the last: the values run from 0 without gaps, so a binding can
 * read every status from the library. */
const char *mg_status_name(mg_status status);

/* The version this header belongs to, for compile-time checks; MG_VERSION_HEX
 * compares as a number: #if MG_VERSION_HEX >= 0x000100 (0.1.0 or later).
 * Written by hand: tests/check_version.c asserts they equal configure's
 * version (AC_INIT) and mg_version(), so a release bumps both. */
#define MG_VERSION_MAJOR 0
#define MG_VERSION_MINOR 1
#define MG_VERSION_PATCH 0
#define MG_VERSION_HEX ((MG_VERSION_MAJOR << 16) | (MG_VERSION_MINOR << 8) | MG_VERSION_PATCH)

/* The library's version at run time, e.g. "0.1.0" (the library linked, which
 * may be newer than the header a program was compiled with). */
const char *mg_version(void);
/* The versions of the libraries in use: Graphviz's (as its gvc reports it
 * at run time) and libcsv's (the one built against). */
const char *mg_graphviz_version(void);
const char *mg_libcsv_version(void);

/* Frees memory the library handed to the caller (mg_render_buffer, *_format). */
void mg_free(void *ptr);

/* Progress of long work (loading, the analyses), for a front end to show,
 * and a way to stop it: fn(phase, fraction, data) is called now and then
 * with a short phase name ("loading tools.csv", "betweenness") and the
 * fraction done, from 0 to 1, or -1 when unknown. It returns 0 to go on;
 * any other value cancels the call under way, which then returns
 * MG_ECANCELED and leaves every handle as it was before the call (a load
 * keeps the organisation it had; an analysis hands out no result).
 *
 * The callback is per thread: mg_set_progress sets it for the calling
 * thread, and it serves the calls that thread makes (NULL for none, the
 * default in every thread). Rendering is not cancelled once Graphviz lays
 * out: Graphviz offers no way to stop. */
typedef int (*mg_progress_fn)(const char *phase, double fraction, void *data);
void mg_set_progress(mg_progress_fn fn, void *data);

/* Frees what the library holds for the life of the process (the Graphviz
 * context and its plugins), so that a leak checker finds nothing left at
 * exit. Call it once, at the end, when no other call is running or will
 * follow: Graphviz's font plugin keeps pointers into the context, so a
 * render after mg_shutdown is not safe. */
void mg_shutdown(void);

/* Writes LEN bytes to PATH. A new name or a regular file is written
 * atomically: into a temporary file beside it, renamed over it once
 * complete, so a failure leaves it as it was; an existing file keeps its
 * mode (and owner where permitted). A symbolic link is followed (the rename
 * happens beside its target). A device, FIFO or socket, and a file with
 * several hard links, are written in place, through the name, as a shell's
 * '>' would. Returns MG_OK, MG_EIO, MG_EINVAL, MG_ENOMEM. */
mg_status mg_write_file(const char *path, const char *data, size_t len, mg_error *err);

/* ---- Names of formats, engines and similarities -------------------------- */

/* Every choice among named alternatives is an enum, with two functions:
 * mg_X_name(value) gives the canonical name (NULL for a value out of range),
 * and mg_X_from_name(name, &value, err) parses it: MG_EINVAL, with the
 * accepted names in the message, for anything else (names are exact and
 * case-sensitive). The option setters take the enum values. */

/* ---- Output formats ------------------------------------------------------ */

/* Every analysis result can be written as text (for people; may change), JSON
 * (for programs; documented and stable, with a "version" field), CSV (its
 * main table only) or Markdown. */
typedef enum mg_format {
    MG_FORMAT_TEXT = 0,
    MG_FORMAT_JSON,
    MG_FORMAT_CSV,
    MG_FORMAT_MD,
    MG_FORMAT_HTML /* tables as HTML; a whole page from mg_report */
} mg_format;

/* "text", "json", "csv", "md" or "html". */
const char *mg_format_name(mg_format format);
mg_status mg_format_from_name(const char *name, mg_format *format, mg_error *err);

/* ---- Input tables ------------------------------------------------------ */

/* The four CSV files of an organisation (DESIGN section 3). */
typedef enum mg_table {
    MG_TABLE_ROLES = 0,        /* roles.csv: role [, summary, aliases, headcount] */
    MG_TABLE_RESPONSIBILITIES, /* responsibilities.csv: role, responsibility, capability */
    MG_TABLE_TOOLS,            /* tools.csv: role, tool [, capability, weight] */
    MG_TABLE_COLLABORATIONS,   /* collaborations.csv: from, to [, handoff, direction, weight] */
    MG_TABLE_COUNT
} mg_table;

/* The file name of a table in an organisation folder ("roles.csv", ...). */
const char *mg_table_file_name(mg_table table);

/* Limits of the loader; input above them is rejected as MG_EINPUT. */
#define MG_MAX_FIELD_BYTES ((size_t)65536)    /* one field, after unquoting */
#define MG_MAX_RECORD_BYTES ((size_t)1048576) /* one row as written, quotes included */
#define MG_MAX_FIELDS ((size_t)1024)          /* fields in one row */
/* A weight (tools.csv, collaborations.csv) is a decimal number, digits with
 * an optional fraction and exponent (2, 0.5, 1e3, 2.5E-2; no sign, hex,
 * inf or nan), from MG_MIN_WEIGHT to MG_MAX_WEIGHT: so no sum of handoff
 * costs along any chain comes near the range of a double. */
#define MG_MIN_WEIGHT 1e-9
#define MG_MAX_WEIGHT 1e9

/* ---- The organisation -------------------------------------------------- */

typedef struct mg_org mg_org;

/* A new, empty organisation, or NULL when out of memory. */
mg_org *mg_org_new(void);
void mg_org_free(mg_org *org);

/*
 * Loading. Each call is all-or-nothing: on failure the organisation is as it
 * was before the call, and err names the file, line and column of the first
 * problem. Loading more into a non-empty organisation merges, by the same
 * rules as rows within one file (names compare case-insensitively after
 * trimming; duplicates merge).
 *
 * mg_org_load_dir: reads DIR/roles.csv, responsibilities.csv, tools.csv and
 *   collaborations.csv; each file is optional, but at least one must exist
 *   (a symbolic link to nothing is an error naming it, not an absent file).
 * mg_org_load_file: one file holding the given table; path "-" is standard input.
 *   An empty DIR or path is MG_EINVAL.
 * mg_org_load_buffer: LEN bytes of CSV text; SOURCE names them in messages.
 * mg_org_load_reference: the built-in reference model (data/ in the source
 *   tree, compiled into the library).
 *
 * Returns MG_OK, MG_EINPUT (bad CSV), MG_EIO (cannot read), MG_EINVAL,
 * MG_ENOMEM. Time O(bytes + rows log rows).
 *
 * A regular file of 1 MiB or more is read (and parsed as CSV) in a thread
 * the call starts and joins, with every signal blocked, while the calling
 * thread checks its rows; the progress callback is still called in the
 * calling thread only, and the answer and the first error are those of a
 * read in one thread.
 */
mg_status mg_org_load_dir(mg_org *org, const char *dir, mg_error *err);
mg_status mg_org_load_file(mg_org *org, mg_table table, const char *path, mg_error *err);
mg_status mg_org_load_buffer(mg_org *org, mg_table table, const char *source, const char *data,
                             size_t len, mg_error *err);
mg_status mg_org_load_reference(mg_org *org, mg_error *err);

/* Counts. "Uses" are distinct role-tool pairs; "collaborations" are distinct
 * (from, to, direction) rows after merging; "merged" counts input rows that
 * repeated an earlier one and were merged into it. */
size_t mg_org_role_count(const mg_org *org);
size_t mg_org_tool_count(const mg_org *org);
size_t mg_org_capability_count(const mg_org *org);
size_t mg_org_responsibility_count(const mg_org *org);
size_t mg_org_use_count(const mg_org *org);
size_t mg_org_collaboration_count(const mg_org *org);
size_t mg_org_merged_count(const mg_org *org);

/* Display names (the first spelling seen), by index; NULL when out of range. */
const char *mg_org_role_name(const mg_org *org, size_t role);
const char *mg_org_role_summary(const mg_org *org, size_t role); /* "" when none */
const char *mg_org_tool_name(const mg_org *org, size_t tool);
const char *mg_org_capability_name(const mg_org *org, size_t capability);

/*
 * Look-up by name. Roles match their name or any alias; all names match
 * case-insensitively after trimming surrounding white space. On MG_ENOTFOUND
 * the message suggests the closest names.
 */
mg_status mg_org_find_role(const mg_org *org, const char *name, size_t *role, mg_error *err);
mg_status mg_org_find_tool(const mg_org *org, const char *name, size_t *tool, mg_error *err);

/* Warnings found while loading (e.g. a role named only in tools.csv). Fills
 * *warning with its place and message. MG_EINVAL when index is out of range. */
size_t mg_org_warning_count(const mg_org *org);
mg_status mg_org_warning(const mg_org *org, size_t index, mg_error *warning);

/*
 * The load summary as JSON (DESIGN section 5, "validate"): version, counts and
 * warnings. The caller owns *json (free with mg_free). MG_ENOMEM on failure.
 */
mg_status mg_org_summary_to_json(const mg_org *org, char **json, mg_error *err);

/* The same counts in any format: text (one "name count" line each), JSON (as
 * mg_org_summary_to_json), CSV (what,count) or Markdown. The caller owns *out. */
mg_status mg_org_summary_format(const mg_org *org, mg_format format, char **out, mg_error *err);

/* ---- Coverage gaps (DESIGN section 4) ------------------------------------ */

/* The values are part of the ABI: NONE (no gap at all) is 0 and the others
 * grow with severity, so severities compare as numbers. */
typedef enum mg_severity {
    MG_SEVERITY_NONE = 0,
    MG_SEVERITY_LOW = 1,
    MG_SEVERITY_MEDIUM = 2,
    MG_SEVERITY_HIGH = 3
} mg_severity;

/* "none", "low", "medium", "high"; and back from "low", "medium" or "high"
 * (MG_EINVAL for anything else). */
const char *mg_severity_name(mg_severity severity);
mg_status mg_severity_from_name(const char *name, mg_severity *severity, mg_error *err);

/* What a gap is about. */
typedef enum mg_subject {
    MG_SUBJECT_ROLE = 0,
    MG_SUBJECT_TOOL,
    MG_SUBJECT_CAPABILITY
} mg_subject;
/* How many kinds of subject there are (the values run from 0 to this - 1). */
#define MG_SUBJECT_COUNT 3

typedef struct mg_gaps_opts mg_gaps_opts;

/* Defaults: every kind, min_roles 2, min_shared 1, max_pairs 4,000,000,
 * max_latent 10,000, no reference. */
mg_gaps_opts *mg_gaps_opts_new(void);
void mg_gaps_opts_free(mg_gaps_opts *opts);
/* single-role: flag a capability or tool carried by fewer than n roles (n >= 2). */
mg_status mg_gaps_opts_set_min_roles(mg_gaps_opts *opts, size_t n, mg_error *err);
/* single-role counted in people (roles.csv headcount), where the headcount of
 * every role carrying the capability or tool is known: fewer than n people
 * (default 2, at least 1) is a gap, medium for a capability; where a
 * headcount is missing, fewer than min_roles roles is one, low. */
mg_status mg_gaps_opts_set_min_people(mg_gaps_opts *opts, size_t n, mg_error *err);
/* latent-collaboration: roles sharing at least k tools (k >= 1). */
mg_status mg_gaps_opts_set_min_shared(mg_gaps_opts *opts, size_t k, mg_error *err);
/* latent-collaboration: the bound on the pairs of roles compared, as for
 * mg_clusters_opts_set_max_pairs (hub tools left out, most used first, and
 * listed by mg_gaps_left_out). At least 1. */
mg_status mg_gaps_opts_set_max_pairs(mg_gaps_opts *opts, size_t pairs, mg_error *err);
/* latent-collaboration: list at most n pairs (default 10,000), those sharing
 * the most tools; the rest are counted by mg_gaps_latent_not_listed. */
mg_status mg_gaps_opts_set_max_latent(mg_gaps_opts *opts, size_t n, mg_error *err);
/* cut-role and cut-handoff: the names the groups cut off list in full, over
 * all gaps, at most (a chain of n roles would list about n^2 / 2). Default
 * MG_SEPARATED_DEFAULT_MAX. See mg_gap_separated_count. */
#define MG_SEPARATED_DEFAULT_MAX 2000000
mg_status mg_gaps_opts_set_max_separated(mg_gaps_opts *opts, size_t n, mg_error *err);
/* Restrict to a kind (call again for more); MG_EINVAL for an unknown kind. */
mg_status mg_gaps_opts_add_kind(mg_gaps_opts *opts, const char *kind, mg_error *err);
/* How many gaps of each kind text, Markdown and HTML show (default 5; 0:
 * every one); a line then says how many more there are and how to see them.
 * JSON and CSV always hold every gap. */
void mg_gaps_opts_set_limit(mg_gaps_opts *opts, size_t limit);
/* Leaves out gaps of this kind (repeatable; wins over mg_gaps_opts_add_kind). */
mg_status mg_gaps_opts_exclude_kind(mg_gaps_opts *opts, const char *kind, mg_error *err);
/* Compare against a reference organisation (borrowed: keep it alive while
 * the options are used); adds missing-role, missing-collaboration and
 * unreachable-handoff. NULL for none. */
void mg_gaps_opts_set_reference(mg_gaps_opts *opts, const mg_org *reference);

/* The names of all gap kinds, NULL-terminated, in report order. */
const char *const *mg_gap_kinds(void);

typedef struct mg_gaps mg_gaps;

/*
 * Finds the coverage gaps of DESIGN section 4: capability-without-tool,
 * owner-without-tool, capability-without-owner, single-role, isolated-role,
 * disconnected, cut-role, cut-handoff, latent-collaboration, and with a
 * reference missing-role, missing-collaboration, unreachable-handoff. Gaps
 * are sorted by severity (high first), then kind, then subjects. The result
 * owns copies of every name, so it outlives org. opts may be NULL.
 * The kind unowned-responsibility (high) is a comparison's finding
 * (mg_whatif, mg_compare): within one organisation every responsibility has
 * its owner, so mg_gaps_find never reports it (asking for that kind alone
 * gives no gaps).
 * Cut roles and handoffs: Hopcroft and Tarjan (1973), O(V + E).
 * Returns MG_OK, MG_EINVAL, MG_ENOMEM.
 */
mg_status mg_gaps_find(const mg_org *org, const mg_gaps_opts *opts, mg_gaps **gaps,
                       mg_error *err);
size_t mg_gaps_count(const mg_gaps *gaps);
const char *mg_gap_kind(const mg_gaps *gaps, size_t i);
mg_severity mg_gap_severity(const mg_gaps *gaps, size_t i);
/* One line that explains the gap and quotes the evidence. */
const char *mg_gap_message(const mg_gaps *gaps, size_t i);
size_t mg_gap_subject_count(const mg_gaps *gaps, size_t i, mg_subject kind);
const char *mg_gap_subject(const mg_gaps *gaps, size_t i, mg_subject kind, size_t j);
/*
 * What a cut-role or cut-handoff gap separates (0 and NULL for other kinds).
 * Without the role or handoff, its part of the organisation (directions
 * ignored) falls apart: the largest part stays (of equal ones, the one
 * whose first name comes first) and the others are the groups cut off,
 * largest first, each listing its roles in name order. Groups are listed
 * in full while the names listed in full stay within max_separated (see
 * mg_gaps_opts_set_max_separated); past that, a group lists its first four
 * (mg_gap_separated_listed < _size) and mg_gaps_separated_not_listed counts
 * the rest.
 * reach_lost: ordered pairs of roles on two sides of the cut (one of them
 * cut off) that had a handoff chain (directed, "both" either way, as
 * mg_paths_find) and have none without it, at most MG_REACH_LOST_MAX:
 * the groups' pairs largest group first, each group's pairs out of it and
 * into it in turn; when fewer are listed, they are all such pairs.
 */
#define MG_REACH_LOST_MAX 20
size_t mg_gap_separated_count(const mg_gaps *gaps, size_t i);
size_t mg_gap_separated_size(const mg_gaps *gaps, size_t i, size_t group);
size_t mg_gap_separated_listed(const mg_gaps *gaps, size_t i, size_t group);
const char *mg_gap_separated_role(const mg_gaps *gaps, size_t i, size_t group, size_t j);
size_t mg_gap_reach_lost_count(const mg_gaps *gaps, size_t i);
const char *mg_gap_reach_lost_from(const mg_gaps *gaps, size_t i, size_t j);
const char *mg_gap_reach_lost_to(const mg_gaps *gaps, size_t i, size_t j);
/* Roles of groups cut off that are not listed (past max_separated). */
size_t mg_gaps_separated_not_listed(const mg_gaps *gaps);
/* The highest severity among the gaps, or MG_SEVERITY_NONE (0) when there
 * are none. */
int mg_gaps_max_severity(const mg_gaps *gaps);
/* Latent collaborations found beyond the max_latent listed. */
size_t mg_gaps_latent_not_listed(const mg_gaps *gaps);
/* The hub tools the latent-collaboration search left out, most used first. */
size_t mg_gaps_left_out_count(const mg_gaps *gaps);
const char *mg_gaps_left_out(const mg_gaps *gaps, size_t i);
mg_status mg_gaps_format(const mg_gaps *gaps, mg_format format, char **out, mg_error *err);
void mg_gaps_free(mg_gaps *gaps);

/* ---- A baseline: the gaps of an earlier run ------------------------------ */

typedef struct mg_baseline mg_baseline;

/* Reads the JSON of an earlier `mlops-graph gaps --format json` (or of a
 * report, whose "gaps" member is one; "-" reads standard input). MG_EINPUT
 * names the place of a JSON error, or says the document holds no gaps. */
mg_status mg_baseline_load(const char *path, mg_baseline **baseline, mg_error *err);
mg_status mg_baseline_load_buffer(const char *source, const char *data, size_t len,
                                  mg_baseline **baseline, mg_error *err);
size_t mg_baseline_count(const mg_baseline *baseline);
void mg_baseline_free(mg_baseline *baseline);

/* With a baseline (kept by reference: free it after the options), every gap
 * found is new or known (the same kind and subjects, names compared folded,
 * as diff matches gaps), new gaps come first, mg_gaps_max_severity counts
 * new gaps only, and the baseline's gaps not found any more are listed as
 * fixed. NULL removes it. */
void mg_gaps_opts_set_baseline(mg_gaps_opts *opts, const mg_baseline *baseline);
/* 1 when gap i is new, 0 when the baseline has it, -1 without a baseline. */
int mg_gap_is_new(const mg_gaps *gaps, size_t i);
/* The baseline's gaps that are gone: their kind, severity and message. */
size_t mg_gaps_fixed_count(const mg_gaps *gaps);
const char *mg_gaps_fixed_kind(const mg_gaps *gaps, size_t i);
const char *mg_gaps_fixed_severity(const mg_gaps *gaps, size_t i);
const char *mg_gaps_fixed_message(const mg_gaps *gaps, size_t i);

/* ---- Shared-tool clusters ------------------------------------------------- */

typedef struct mg_clusters_opts mg_clusters_opts;

/* How much two roles have in common: "count" (the number of shared tools),
 * "jaccard" (|A and B| / |A or B|), or "cosine": the cosine of their TF-IDF
 * vectors (Salton & Buckley 1988), where a role's weight on a tool is the
 * use weight times log(roles / roles using the tool), so a tool every role
 * uses ties nobody together and heavy use counts more than a passing one. */
typedef enum mg_similarity {
    MG_SIMILARITY_COUNT = 0,
    MG_SIMILARITY_JACCARD,
    MG_SIMILARITY_COSINE
} mg_similarity;
const char *mg_similarity_name(mg_similarity similarity);
mg_status mg_similarity_from_name(const char *name, mg_similarity *similarity, mg_error *err);

/* Defaults: similarity MG_SIMILARITY_COSINE, min_shared 1, max_pairs 4,000,000,
 * neighbours automatic, roles (not tools). */
mg_clusters_opts *mg_clusters_opts_new(void);
void mg_clusters_opts_free(mg_clusters_opts *opts);
/* MG_EINVAL for a value out of range. */
mg_status mg_clusters_opts_set_similarity(mg_clusters_opts *opts, mg_similarity similarity,
                                          mg_error *err);
mg_status mg_clusters_opts_set_min_shared(mg_clusters_opts *opts, size_t k, mg_error *err);
/* The bound on the projection: its size is estimated first (for each tool
 * used by d roles, d(d-1)/2 pairs); while the estimate passes max_pairs, the
 * most used tool (a hub, such as a language every role uses) is left out,
 * and listed in the result. At least 1. */
mg_status mg_clusters_opts_set_max_pairs(mg_clusters_opts *opts, size_t pairs, mg_error *err);
/* The dual view: cluster tools that the same roles use (tool stacks). */
void mg_clusters_opts_set_tools(mg_clusters_opts *opts, int tools);
/* Sparsification before Louvain: each node keeps its links to its k most
 * similar nodes (a link stays when either end keeps it: the symmetric
 * k-nearest-neighbour graph, von Luxburg 2007, "A tutorial on spectral
 * clustering", section 2.2). When nearly every pair shares something,
 * modularity on the dense graph finds two halves; on the k-NN graph it finds
 * stacks. MG_NEIGHBOURS_AUTO (the default): with the cosine similarity,
 * k = ceil(log2 n) + 1, applied only when nodes have more than 2k links on
 * average (count and Jaccard: never); 0: never. */
#define MG_NEIGHBOURS_AUTO ((size_t)-1)
void mg_clusters_opts_set_neighbours(mg_clusters_opts *opts, size_t k);

typedef struct mg_clusters mg_clusters;

/*
 * Projects the role-tool graph onto roles (two roles linked with weight =
 * shared tools, or their Jaccard similarity; links sharing fewer than
 * min_shared tools dropped) and partitions it by Louvain modularity
 * optimisation (Blondel et al. 2008), visiting nodes in id (name) order and
 * breaking ties towards the lower community, so the result is deterministic.
 * Clusters are sorted by size, then by first member; singletons included.
 * The result owns copies of every name. Returns MG_OK, MG_ENOMEM.
 */
mg_status mg_clusters_find(const mg_org *org, const mg_clusters_opts *opts,
                           mg_clusters **clusters, mg_error *err);
double mg_clusters_modularity(const mg_clusters *c);
/* The hub tools (roles, in the dual view) left out of the projection, most used first. */
size_t mg_clusters_left_out_count(const mg_clusters *c);
const char *mg_clusters_left_out(const mg_clusters *c, size_t i);
size_t mg_clusters_count(const mg_clusters *c);
size_t mg_cluster_size(const mg_clusters *c, size_t i);
const char *mg_cluster_member(const mg_clusters *c, size_t i, size_t j);
/* Tools used by two or more members (roles, in the dual view). */
size_t mg_cluster_shared_count(const mg_clusters *c, size_t i);
const char *mg_cluster_shared(const mg_clusters *c, size_t i, size_t j);
/* Cluster i's stack: at most 10 of what its members have far more often than
 * the whole organisation (the share of the cluster's members that have it
 * minus the share of all nodes, largest first; shared by two members unless
 * the cluster is one node). Item j's name, and how many members have it. */
size_t mg_cluster_stack_count(const mg_clusters *c, size_t i);
const char *mg_cluster_stack(const mg_clusters *c, size_t i, size_t j);
size_t mg_cluster_stack_members(const mg_clusters *c, size_t i, size_t j);
mg_status mg_clusters_format(const mg_clusters *c, mg_format format, char **out, mg_error *err);
void mg_clusters_free(mg_clusters *c);

/* ---- Handoff paths -------------------------------------------------------- */

typedef struct mg_paths mg_paths;

/*
 * The k cheapest loopless handoff chains from one role to another over the
 * directed, weighted collaboration graph: Dijkstra for the first, Yen (1971)
 * for the rest; ties broken by the roles' names. from and to are names or
 * aliases (MG_ENOTFOUND, with suggestions, when unknown). No chain is not an
 * error: the result then has no paths and says which components the roles
 * sit in; so does the result for one role twice (no handoff is needed).
 * k is at most MG_PATHS_MAX_K: Yen's search keeps every candidate, so its
 * work grows with k squared (10,000 chains on a complete 50-role graph take
 * about 2 s). Returns MG_OK, MG_ENOTFOUND, MG_EINVAL (k == 0 or above the
 * cap), MG_ENOMEM.
 */
#define MG_PATHS_MAX_K 10000
mg_status mg_paths_find(const mg_org *org, const char *from, const char *to, size_t k,
                        mg_paths **paths, mg_error *err);
/* The two roles' display names (the question, resolved). */
const char *mg_paths_from(const mg_paths *p);
const char *mg_paths_to(const mg_paths *p);
size_t mg_paths_count(const mg_paths *p);
double mg_path_cost(const mg_paths *p, size_t i);
size_t mg_path_steps(const mg_paths *p, size_t i);
const char *mg_path_step_from(const mg_paths *p, size_t i, size_t step);
const char *mg_path_step_to(const mg_paths *p, size_t i, size_t step);
const char *mg_path_step_handoff(const mg_paths *p, size_t i, size_t step);
double mg_path_step_cost(const mg_paths *p, size_t i, size_t step);
mg_status mg_paths_format(const mg_paths *p, mg_format format, char **out, mg_error *err);
void mg_paths_free(mg_paths *p);

typedef struct mg_costs mg_costs;

/* All-pairs cheapest handoff costs (Dijkstra from every role). O(V (E + V) log V). */
mg_status mg_costs_find(const mg_org *org, mg_costs **costs, mg_error *err);
/* The cost from role i to role j (indices as in the organisation); a
 * negative value when j cannot be reached from i. */
double mg_costs_get(const mg_costs *c, size_t i, size_t j);
mg_status mg_costs_format(const mg_costs *c, mg_format format, char **out, mg_error *err);
void mg_costs_free(mg_costs *c);

/* ---- Bottlenecks ----------------------------------------------------------- */

typedef struct mg_bottlenecks mg_bottlenecks;

/*
 * Betweenness centrality of every role on the directed, weighted
 * collaboration graph (Brandes 2001): for every ordered pair s != t, the
 * share of cheapest s->t chains that pass through the role (s and t
 * excluded), summed; unnormalised. Costs within 1e-9 (relative) count as
 * equal. Roles are ranked by betweenness, then name; each lists the pairs
 * whose cheapest chains run through it (up to 300 roles, exact only).
 * Time O(V (E + V) log V) exact.
 *
 * mg_bottlenecks_find is exact up to MG_BETWEENNESS_EXACT_ROLES roles and
 * above that samples MG_BETWEENNESS_DEFAULT_SAMPLE sources (seed 1), so it
 * answers in seconds at any size. mg_bottlenecks_sample chooses: sample 0 (or
 * >= the roles) is exact; otherwise that many distinct sources, drawn with
 * the seed, and every score scaled by roles / sample (Brandes and Pich 2007:
 * an unbiased estimate; the error falls as 1/sqrt(sample), see README).
 */
#define MG_BETWEENNESS_EXACT_ROLES 5000
#define MG_BETWEENNESS_DEFAULT_SAMPLE 256
mg_status mg_bottlenecks_find(const mg_org *org, mg_bottlenecks **b, mg_error *err);
mg_status mg_bottlenecks_sample(const mg_org *org, size_t sample, unsigned long long seed,
                                mg_bottlenecks **b, mg_error *err);
/* The number of sources the scores come from (the roles, when exact). */
size_t mg_bottlenecks_sources(const mg_bottlenecks *b);
size_t mg_bottlenecks_count(const mg_bottlenecks *b);
const char *mg_bottleneck_role(const mg_bottlenecks *b, size_t i);
double mg_bottleneck_betweenness(const mg_bottlenecks *b, size_t i);
/* The pairs through role i: the first MG_BOTTLENECK_PAIRS_LISTED are
 * listed (pair_count of them, by source then target in the order of the
 * search), pair_total counts them all. None when pairs are not listed. */
#define MG_BOTTLENECK_PAIRS_LISTED 100
size_t mg_bottleneck_pair_count(const mg_bottlenecks *b, size_t i);
size_t mg_bottleneck_pair_total(const mg_bottlenecks *b, size_t i);
const char *mg_bottleneck_pair_from(const mg_bottlenecks *b, size_t i, size_t j);
const char *mg_bottleneck_pair_to(const mg_bottlenecks *b, size_t i, size_t j);
mg_status mg_bottlenecks_format(const mg_bottlenecks *b, mg_format format, char **out,
                                mg_error *err);
void mg_bottlenecks_free(mg_bottlenecks *b);

/* ---- What if, and what changed ------------------------------------------- */

/*
 * A copy of org without the named roles and tools (each name matched as a
 * role, by name or alias, else as a tool), and without every responsibility,
 * use and collaboration that touches them. The caller owns *out. Returns
 * MG_OK, MG_ENOTFOUND (with suggestions), MG_EINVAL, MG_ENOMEM.
 */
mg_status mg_org_without(const mg_org *org, const char *const *names, size_t n, mg_org **out,
                         mg_error *err);

typedef struct mg_comparison mg_comparison;

/*
 * What differs between two organisations: roles, tools and collaborations
 * added and removed (matched by name, case-insensitively); gaps that appear
 * and disappear (a gap is the same when its kind and subjects are); ordered
 * pairs of roles whose handoff chain is lost or gained; and the clusters
 * before and after. title heads the text, Markdown and JSON ("Changes from
 * ..."; NULL for "Changes"). opts (may be NULL) applies to both gap searches.
 *
 * Removing a role removes a person, not the work: a responsibility of
 * before whose capability no responsibility of after needs appears as an
 * unowned-responsibility gap (high) about the role that owned it. A gap of
 * before that after lacks is "closed" (an improvement) only when every role,
 * tool and capability it names is still in after; otherwise it is "gone
 * with removal" (it went with its subject, which is no improvement).
 * The caller owns *out (mg_comparison_free). Returns MG_OK, MG_EINVAL,
 * MG_ENOMEM.
 */
mg_status mg_compare(const mg_org *before, const mg_org *after, const mg_gaps_opts *opts,
                     const char *title, mg_comparison **out, mg_error *err);

/*
 * What if the n named roles and tools were gone: the comparison of org with
 * mg_org_without(org, names, n), titled "What if A were gone" (up to three
 * names, as org spells them; more: "What if A and others were gone"). As
 * mg_compare, except that every responsibility of a removed role is
 * unowned, even when another role's responsibility needs the same
 * capability (that is other work; the gap's message names those roles).
 * The caller owns *out. Returns MG_OK, MG_ENOTFOUND (a name is neither a
 * role nor a tool; with suggestions), MG_EINVAL (n == 0), MG_ENOMEM.
 */
mg_status mg_whatif(const mg_org *org, const char *const *names, size_t n,
                    const mg_gaps_opts *opts, mg_comparison **out, mg_error *err);

/* How many gaps appear; how many close (an improvement: their subjects are
 * all still there); how many are gone with what was removed; and how many
 * of the gaps that appear are unowned-responsibility. */
size_t mg_comparison_gaps_opened(const mg_comparison *c);
size_t mg_comparison_gaps_closed(const mg_comparison *c);
size_t mg_comparison_gaps_gone_with_removal(const mg_comparison *c);
size_t mg_comparison_responsibilities_unowned(const mg_comparison *c);
/* Text, JSON (the layout of `mlops-graph whatif --format json`: gaps_opened,
 * gaps_closed, gaps_gone_with_removal, ...; see README), CSV, Markdown or
 * HTML. The caller owns *out (mg_free). */
mg_status mg_comparison_format(const mg_comparison *c, mg_format format, char **out,
                               mg_error *err);
void mg_comparison_free(mg_comparison *c);

/* ---- The report ------------------------------------------------------------ */

/*
 * Everything in one document, led by a summary of the most severe findings:
 * the load counts, gaps, clusters, bottlenecks and the longest cheapest
 * handoff chains. Formats: MG_FORMAT_MD (the picture referenced by the file
 * name `picture`, e.g. "org.svg"; NULL for none), MG_FORMAT_JSON (the picture,
 * an SVG text the caller rendered, included as a string; NULL for none),
 * MG_FORMAT_HTML (one self-contained page: CSS inline, tables sortable by
 * clicking a header, the SVG text in `picture` in the explorer of
 * MG_RENDER_FORMAT_HTML, which outlines the gaps itself: render it of org,
 * without mg_render_opts_set_gaps) and MG_FORMAT_TEXT.
 * opts (may be NULL) configures the gap search.
 */
mg_status mg_report(const mg_org *org, const mg_gaps_opts *opts, mg_format format,
                    const char *picture, char **out, mg_error *err);

/* ---- Export ------------------------------------------------------------------ */

/* The formats of an export: "graphml", "json", and "csv" (the four input
 * tables, written one by one with mg_export_table). */
typedef enum mg_export_format {
    MG_EXPORT_GRAPHML = 0,
    MG_EXPORT_JSON,
    MG_EXPORT_CSV
} mg_export_format;
const char *mg_export_format_name(mg_export_format format);
mg_status mg_export_format_from_name(const char *name, mg_export_format *format, mg_error *err);

/*
 * The organisation for other tools: MG_EXPORT_GRAPHML (typed keys: node type,
 * name, summary, cluster; edge relation, handoff, direction, weight,
 * responsibility; Gephi, Cytoscape and yEd import it) or MG_EXPORT_JSON
 * (node-link JSON as NetworkX's node_link_graph and d3 read it); MG_EINVAL
 * for MG_EXPORT_CSV, which is one text per table (mg_export_table). Nodes are
 * roles r<i>, tools t<i>, capabilities k<i>; edges are collaborations, uses,
 * supports (tool to capability) and needs (role to capability). The caller
 * owns *out.
 */
mg_status mg_export(const mg_org *org, mg_export_format format, char **out, mg_error *err);

/*
 * One table in the input CSV format (mg_table), so that exporting all four
 * and loading them gives the same organisation (duplicates already merged).
 * *out is NULL for MG_TABLE_ROLES when no roles table was read (writing one
 * would turn implicitly created roles into defined ones).
 */
mg_status mg_export_table(const mg_org *org, mg_table table, char **out, mg_error *err);

/* ---- Synthetic organisations ----------------------------------------------- */

/*
 * The size of a synthetic organisation: roles, tools, uses (role-tool rows)
 * and collaborations (role-role rows), and the seed of its random numbers.
 */
typedef struct mg_generate_spec {
    size_t roles;
    size_t tools;
    size_t uses;
    size_t collaborations;
    unsigned long long seed;
} mg_generate_spec;

/*
 * Writes a synthetic organisation of that size into DIR (created if need
 * be) as roles.csv, responsibilities.csv, tools.csv and collaborations.csv,
 * each file atomically. Roles sit in departments of about forty; tool
 * popularity is heavy-tailed (a few hub tools most roles use, and tools
 * local to each department); collaborations stay mostly inside a
 * department. Every row is distinct, so loading gives exactly the counts
 * asked for, plus one or two responsibilities a role. The same spec writes the same
 * bytes. MG_EINVAL when the counts cannot be met (more uses than roles x
 * tools, collaborations above a quarter of all pairs), MG_EIO, MG_ENOMEM.
 */
mg_status mg_generate(const mg_generate_spec *spec, const char *dir, mg_error *err);

/* ---- Rendering (Graphviz) ---------------------------------------------- */

/* What a render writes: "svg", "dot" (the graph as DOT, not laid out),
 * "png", "pdf", "json" (Graphviz's JSON), "xdot", "html" (one
 * self-contained page to explore the SVG picture: pan and zoom, a search
 * for a role or tool, a click that highlights a node's handoffs and tools
 * and lists its gaps, a filter for the gap outlines; the page outlines the
 * gaps itself, of the severity --gaps asks for at first, and needs no
 * network). */
typedef enum mg_render_format {
    MG_RENDER_FORMAT_SVG = 0,
    MG_RENDER_FORMAT_DOT,
    MG_RENDER_FORMAT_PNG,
    MG_RENDER_FORMAT_PDF,
    MG_RENDER_FORMAT_JSON,
    MG_RENDER_FORMAT_XDOT,
    MG_RENDER_FORMAT_HTML
} mg_render_format;
const char *mg_render_format_name(mg_render_format format);
mg_status mg_render_format_from_name(const char *name, mg_render_format *format, mg_error *err);

/* The Graphviz layout engine: "dot", "neato", "fdp", "sfdp", "circo",
 * "twopi", "osage", or MG_ENGINE_AUTO (named "auto", but not parsed by
 * mg_engine_from_name: it is the default, not a choice to spell out), which
 * draws graphs of up to MG_RENDER_DOT_SIZE nodes and edges together with
 * "dot" and larger ones with "sfdp" (dot needs over a minute for 120 nodes
 * with 1,000 edges; sfdp about 3 s for 5,000 nodes). */
typedef enum mg_engine {
    MG_ENGINE_AUTO = 0,
    MG_ENGINE_DOT,
    MG_ENGINE_NEATO,
    MG_ENGINE_FDP,
    MG_ENGINE_SFDP,
    MG_ENGINE_CIRCO,
    MG_ENGINE_TWOPI,
    MG_ENGINE_OSAGE
} mg_engine;
#define MG_RENDER_DOT_SIZE 300
const char *mg_engine_name(mg_engine engine);
mg_status mg_engine_from_name(const char *name, mg_engine *engine, mg_error *err);

typedef struct mg_render_opts mg_render_opts;

/* Defaults: MG_RENDER_FORMAT_SVG, MG_ENGINE_AUTO, tools shown, max_nodes
 * MG_RENDER_MAX_NODES. NULL when out of memory. */
mg_render_opts *mg_render_opts_new(void);
void mg_render_opts_free(mg_render_opts *opts);

/* MG_EINVAL for a value out of range. */
mg_status mg_render_opts_set_format(mg_render_opts *opts, mg_render_format format,
                                    mg_error *err);
mg_status mg_render_opts_set_engine(mg_render_opts *opts, mg_engine engine, mg_error *err);
/* Above max_nodes nodes (roles, and tools when drawn), the cluster view is
 * drawn instead: one node per shared-tool cluster sized by its members, the
 * largest max_nodes - 1 clusters and one node for the rest, edges weighted
 * by the handoffs between clusters, overlays left out, and a caption that
 * says so. */
#define MG_RENDER_MAX_NODES 2000
void mg_render_opts_set_max_nodes(mg_render_opts *opts, size_t max_nodes);
/* What the picture shows of the tools:
 *   MG_TOOLS_ALL     every tool a node, a dashed line to each role using it;
 *   MG_TOOLS_SHARED  tools two or more drawn roles use, as nodes; a role's
 *                    other tools folded into it ("+12 tools", named in its
 *                    tooltip); hub tools (used by more than half the roles,
 *                    and at least 6) listed once in the legend;
 *   MG_TOOLS_STACKS  roles only, each shared-tool cluster a box labelled
 *                    with its stack, hubs in the legend, every role's tools
 *                    in its tooltip;
 *   MG_TOOLS_NONE    roles and handoffs only (tools in the tooltips);
 *   MG_TOOLS_AUTO    (the default) ALL while the picture has at most 80
 *                    roles and tools, 100 role-tool lines and no hub; else
 *                    SHARED while that draws at most 60 nodes and 80
 *                    role-tool lines; else STACKS.
 * Names "auto", "all", "shared", "stacks", "none". */
typedef enum mg_tool_mode {
    MG_TOOLS_AUTO = 0,
    MG_TOOLS_ALL,
    MG_TOOLS_SHARED,
    MG_TOOLS_STACKS,
    MG_TOOLS_NONE
} mg_tool_mode;
const char *mg_tool_mode_name(mg_tool_mode mode);
mg_status mg_tool_mode_from_name(const char *name, mg_tool_mode *mode, mg_error *err);
mg_status mg_render_opts_set_tool_mode(mg_render_opts *opts, mg_tool_mode mode, mg_error *err);
/* The older switch: 0 is MG_TOOLS_NONE, anything else MG_TOOLS_AUTO. */
void mg_render_opts_set_tools(mg_render_opts *opts, int show_tools);
/* At most max_edges lines (role-tool lines and handoffs together; 0: no
 * limit, the default MG_RENDER_MAX_EDGES). Tool lines are never cut: the
 * mode decides them. Handoffs beyond the rest of the limit are chosen so
 * that the picture still joins exactly the roles the organisation joins (a
 * minimum spanning forest by cost, drawn even past the limit), then the
 * cheapest; the others are named in their roles' tooltips and the caption
 * says how many are drawn. */
#define MG_RENDER_MAX_EDGES 400
void mg_render_opts_set_max_edges(mg_render_opts *opts, size_t max_edges);
/* Draw only ROLE (a name or alias, checked when rendering) and the roles
 * within depth handoffs of it (directions ignored; depth 1 by default), its
 * tools, and the gaps overlay on. NULL draws the whole organisation. */
mg_status mg_render_opts_set_focus(mg_render_opts *opts, const char *role, size_t depth,
                                   mg_error *err);
/* Boxes by a column of roles.csv ("team", "department", "summary",
 * "headcount", any column the loader kept), each labelled "column: value";
 * roles without a value stay outside. Replaces the cluster boxes. NULL for
 * none. An unknown column is MG_EINVAL when rendering, naming the columns. */
mg_status mg_render_opts_set_group_by(mg_render_opts *opts, const char *column, mg_error *err);
/* Overlays. Clusters: each shared-tool cluster of two or more roles as a
 * coloured box labelled with the tools its members share. Gaps: roles and
 * tools a gap is about outlined in the colour of the worst severity, the gaps
 * in their tooltips. Path: the cheapest handoff chain between two roles (names
 * or aliases; checked when rendering) drawn bold, everything else faded;
 * NULL, NULL removes it. The caption explains each overlay in use. */
void mg_render_opts_set_clusters(mg_render_opts *opts, int clusters);
void mg_render_opts_set_gaps(mg_render_opts *opts, int gaps);
/* The gaps outlined: those of severity min and above (MG_SEVERITY_MEDIUM by
 * default: high and medium; MG_SEVERITY_LOW for all). */
void mg_render_opts_set_gap_severity(mg_render_opts *opts, mg_severity min);
mg_status mg_render_opts_set_path(mg_render_opts *opts, const char *from, const char *to,
                                  mg_error *err);

/*
 * Draw the organisation: roles as rounded boxes, tools as grey ellipses
 * linked to their roles by dashed lines, collaborations as arrows labelled
 * with the handoff (a self-collaboration as a loop). Names reach Graphviz
 * only as label and tooltip text, escaped so that they appear literally.
 *
 * mg_render_file: writes to an open stream; MG_EIO if writing fails.
 * mg_render_path: writes PATH atomically (a temporary file in the same
 *   folder, renamed into place), so a failure leaves an existing file as it was.
 * mg_render_buffer: *out gets a buffer of *len bytes (NUL-terminated too),
 *   owned by the caller (free with mg_free).
 *
 * Returns MG_OK, MG_EGRAPHVIZ (layout or rendering failed, e.g. Graphviz
 * plugins not configured), MG_EIO, MG_EINVAL, MG_ENOMEM. opts may be NULL
 * for the defaults. Graphviz calls are serialised by a lock inside the library.
 */
mg_status mg_render_file(const mg_org *org, const mg_render_opts *opts, FILE *out, mg_error *err);
mg_status mg_render_path(const mg_org *org, const mg_render_opts *opts, const char *path,
                         mg_error *err);
mg_status mg_render_buffer(const mg_org *org, const mg_render_opts *opts, char **out, size_t *len,
                           mg_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MLOPSGRAPH_H */
