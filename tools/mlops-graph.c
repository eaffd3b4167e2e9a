/*
 * mlops-graph - the command-line tool: a table of subcommands, argument
 * parsing and printing. Every computation lives in the library.
 *
 * Exit status: 0 success, 1 a check failed, 2 usage error, 3 bad input,
 * 4 internal or system error.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "mlopsgraph.h"

enum { EXIT_CHECK = 1, EXIT_USAGE = 2, EXIT_INPUT = 3, EXIT_SYSTEM = 4 };

static const char *progname = "mlops-graph";

/* ---- Progress, on a terminal only ------------------------------------------ */

/* After a second of work (MLOPS_GRAPH_PROGRESS_AFTER seconds, for tests),
 * the phase and its percentage on one line of standard error, rewritten in
 * place (carriage return, padded with spaces: no terminal escapes) at most
 * ten times a second; cleared before any message and at the end. */
static struct timespec started, last_shown;
static double progress_after = 1.0;
static int progress_shown;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static void show_progress(const char *phase, double fraction, void *data)
{
    static char last_phase[64];

    (void)data;
    if (seconds_since(&started) < progress_after ||
        (progress_shown && seconds_since(&last_shown) < 0.1 && strcmp(phase, last_phase) == 0))
        return;
    snprintf(last_phase, sizeof last_phase, "%s", phase);
    if (fraction >= 0)
        fprintf(stderr, "\r%s: %3.0f%%%-20s", phase, 100 * fraction, "");
    else
        fprintf(stderr, "\r%s ...%-20s", phase, "");
    fflush(stderr);
    clock_gettime(CLOCK_MONOTONIC, &last_shown);
    progress_shown = 1;
}

static void clear_progress(void)
{
    if (progress_shown)
        fprintf(stderr, "\r%-60s\r", "");
    progress_shown = 0;
}

/* ---- Messages --------------------------------------------------------------- */

static void report(const mg_error *e)
{
    clear_progress();
    fprintf(stderr, "%s: ", progname);
    if (e->source[0]) {
        fputs(e->source, stderr);
        if (e->line)
            fprintf(stderr, ":%zu:%zu", e->line, e->column);
        fputs(": ", stderr);
    }
    fprintf(stderr, "%s\n", e->message);
}

static int exit_status(mg_status st)
{
    switch (st) {
    case MG_OK: return 0;
    case MG_EINPUT: return EXIT_INPUT;
    case MG_EINVAL:
    case MG_ENOTFOUND: return EXIT_USAGE;
    default: return EXIT_SYSTEM;
    }
}

static int fail(const mg_error *e)
{
    report(e);
    return exit_status(e->code);
}

static int usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;

    clear_progress();
    fprintf(stderr, "%s: ", progname);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry '%s %s --help'.\n", progname, cmd);
    return EXIT_USAGE;
}

/* Standard output carries data: a write error is an error, not a truncation. */
static int finish_output(int status)
{
    clear_progress();
    if (fflush(stdout) != 0 || ferror(stdout)) {
        if (errno == EPIPE)
            return status; /* the reader went away: nothing more to say */
        fprintf(stderr, "%s: write error: %s\n", progname, strerror(errno));
        return EXIT_SYSTEM;
    }
    return status;
}

/* ---- Input options, shared by every command that reads an organisation ------ */

#define INPUT_OPTIONS_HELP                                                              \
    "Input (default: the built-in reference model):\n"                                  \
    "  -d, --dir DIR                   read DIR/roles.csv, responsibilities.csv,\n"     \
    "                                  tools.csv and collaborations.csv\n"              \
    "      --roles-csv FILE            read roles from FILE ('-' for standard input)\n" \
    "      --responsibilities-csv FILE read responsibilities from FILE\n"               \
    "      --tools-csv FILE            read tools from FILE\n"                          \
    "      --collaborations-csv FILE   read collaborations from FILE\n"

enum {
    OPT_ROLES_CSV = 1000,
    OPT_RESPONSIBILITIES_CSV,
    OPT_TOOLS_CSV,
    OPT_COLLABORATIONS_CSV,
    OPT_FORMAT,
    OPT_TOOLS,
    OPT_NO_TOOLS,
    OPT_HELP,
    OPT_CLUSTERS,
    OPT_GAPS,
    OPT_PATH,
    OPT_MIN_ROLES,
    OPT_MIN_SHARED,
    OPT_KIND,
    OPT_FAIL_ON,
    OPT_REFERENCE,
    OPT_SIMILARITY,
    OPT_REMOVE,
    OPT_PICTURE,
    OPT_MAX_PAIRS,
    OPT_MAX_LATENT,
    OPT_SAMPLE,
    OPT_SEED,
    OPT_MAX_NODES,
};

#define INPUT_LONG_OPTIONS                                                   \
    { "dir", required_argument, NULL, 'd' },                                 \
    { "roles-csv", required_argument, NULL, OPT_ROLES_CSV },                 \
    { "responsibilities-csv", required_argument, NULL, OPT_RESPONSIBILITIES_CSV }, \
    { "tools-csv", required_argument, NULL, OPT_TOOLS_CSV },                 \
    { "collaborations-csv", required_argument, NULL, OPT_COLLABORATIONS_CSV }, \
    { "help", no_argument, NULL, OPT_HELP }

typedef struct input {
    const char *dir;
    const char *file[MG_TABLE_COUNT];
} input;

/* Takes an input option; returns 1 when opt was one. */
static int input_option(input *in, int opt, const char *arg)
{
    switch (opt) {
    case 'd': in->dir = arg; return 1;
    case OPT_ROLES_CSV: in->file[MG_TABLE_ROLES] = arg; return 1;
    case OPT_RESPONSIBILITIES_CSV: in->file[MG_TABLE_RESPONSIBILITIES] = arg; return 1;
    case OPT_TOOLS_CSV: in->file[MG_TABLE_TOOLS] = arg; return 1;
    case OPT_COLLABORATIONS_CSV: in->file[MG_TABLE_COLLABORATIONS] = arg; return 1;
    }
    return 0;
}

/* Loads the organisation the options name; on failure reports and returns NULL. */
static mg_org *load(const input *in, int *status)
{
    mg_error err;
    mg_org *org = mg_org_new();
    int t, any = in->dir != NULL;

    if (!org) {
        fprintf(stderr, "%s: out of memory\n", progname);
        *status = EXIT_SYSTEM;
        return NULL;
    }
    if (in->dir && mg_org_load_dir(org, in->dir, &err) != MG_OK)
        goto fail;
    for (t = 0; t < MG_TABLE_COUNT; t++)
        if (in->file[t]) {
            any = 1;
            if (mg_org_load_file(org, (mg_table)t, in->file[t], &err) != MG_OK)
                goto fail;
        }
    if (!any && mg_org_load_reference(org, &err) != MG_OK)
        goto fail;
    return org;
fail:
    *status = fail(&err);
    mg_org_free(org);
    return NULL;
}

/* A whole number for an option; usage error otherwise. */
static int parse_count(const char *cmd, const char *option, const char *arg, size_t *value)
{
    char *end;
    unsigned long long v;

    errno = 0;
    v = strtoull(arg, &end, 10);
    if (!*arg || *end || errno || arg[0] == '-' || v > (unsigned long long)(size_t)-1)
        return usage_error(cmd, "%s needs a whole number, not '%s'", option, arg);
    *value = (size_t)v;
    return 0;
}

/* ---- render ------------------------------------------------------------------ */

static const char render_usage[] =
    "usage: mlops-graph render [options]\n"
    "\n"
    "Draw the organisation with Graphviz: roles as blue boxes, the handoffs\n"
    "between them as labelled arrows, tools as grey ellipses linked to the roles\n"
    "that use them. Writes SVG to standard output unless told otherwise.\n"
    "\n"
    "Options:\n"
    "  -T, --format FORMAT  svg (default), dot, png, pdf, json or xdot\n"
    "  -o, --output FILE    write FILE instead of standard output; written\n"
    "                       atomically, so a failure leaves FILE as it was\n"
    "  -K, --engine ENGINE  layout: dot, neato, fdp, sfdp, circo, twopi or osage\n"
    "                       (default: dot up to 300 nodes and edges, sfdp above)\n"
    "      --max-nodes N    above N nodes (default 2000), draw the cluster view:\n"
    "                       one node per shared-tool cluster, sized by members,\n"
    "                       edges weighted by the handoffs between clusters\n"
    "      --tools          draw tools (default)\n"
    "      --no-tools       draw roles and handoffs only\n"
    "      --clusters       shade shared-tool clusters (see 'clusters')\n"
    "      --gaps           outline the roles and tools a gap is about, by severity,\n"
    "                       with the gaps in their tooltips (see 'gaps')\n"
    "      --path FROM TO   draw the cheapest handoff chain from FROM to TO in bold\n"
    INPUT_OPTIONS_HELP
    "\n"
    "Examples:\n"
    "  mlops-graph render > org.svg\n"
    "  mlops-graph render -d my-org --no-tools -T png -o org.png\n"
    "  mlops-graph render --gaps --clusters > gaps.svg\n"
    "  mlops-graph render --path DS SRE > path.svg\n";

static int cmd_render(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, 'T' },
        { "output", required_argument, NULL, 'o' },
        { "engine", required_argument, NULL, 'K' },
        { "tools", no_argument, NULL, OPT_TOOLS },
        { "no-tools", no_argument, NULL, OPT_NO_TOOLS },
        { "clusters", no_argument, NULL, OPT_CLUSTERS },
        { "gaps", no_argument, NULL, OPT_GAPS },
        { "path", required_argument, NULL, OPT_PATH },
        { "max-nodes", required_argument, NULL, OPT_MAX_NODES },
        INPUT_LONG_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    input in = { 0 };
    const char *path_from = NULL, *path_to = NULL;
    mg_render_opts *opts = mg_render_opts_new();
    const char *output = NULL;
    size_t max_nodes;
    mg_org *org = NULL;
    mg_error err;
    int opt, status = 0;

    if (!opts) {
        fprintf(stderr, "%s: out of memory\n", progname);
        return EXIT_SYSTEM;
    }
    while ((opt = getopt_long(argc, argv, "T:o:K:d:", longopts, NULL)) != -1) {
        if (input_option(&in, opt, optarg))
            continue;
        switch (opt) {
        case 'T':
            if (mg_render_opts_set_format(opts, optarg, &err) != MG_OK) {
                status = usage_error("render", "%s", err.message);
                goto out;
            }
            break;
        case 'K':
            if (mg_render_opts_set_engine(opts, optarg, &err) != MG_OK) {
                status = usage_error("render", "%s", err.message);
                goto out;
            }
            break;
        case 'o': output = optarg; break;
        case OPT_TOOLS: mg_render_opts_set_tools(opts, 1); break;
        case OPT_NO_TOOLS: mg_render_opts_set_tools(opts, 0); break;
        case OPT_CLUSTERS: mg_render_opts_set_clusters(opts, 1); break;
        case OPT_GAPS: mg_render_opts_set_gaps(opts, 1); break;
        case OPT_MAX_NODES:
            if (!(status = parse_count("render", "--max-nodes", optarg, &max_nodes)))
                mg_render_opts_set_max_nodes(opts, max_nodes);
            else
                goto out;
            break;
        case OPT_PATH:
            /* --path FROM TO: the second name is the next argument */
            if (optind >= argc) {
                status = usage_error("render", "%s", "--path needs two role names: FROM TO");
                goto out;
            }
            path_from = optarg;
            path_to = argv[optind++];
            break;
        case OPT_HELP: fputs(render_usage, stdout); goto out;
        default: status = usage_error("render", "%s", "invalid option"); goto out;
        }
    }
    if (optind < argc) {
        status = usage_error("render", "unexpected argument '%s'", argv[optind]);
        goto out;
    }
    if (path_from && mg_render_opts_set_path(opts, path_from, path_to, &err) != MG_OK) {
        status = fail(&err);
        goto out;
    }
    if (!(org = load(&in, &status)))
        goto out;
    if (output && strcmp(output, "-") != 0) {
        if (mg_render_path(org, opts, output, &err) != MG_OK)
            status = fail(&err);
    } else if (mg_render_file(org, opts, stdout, &err) != MG_OK) {
        if (errno == EPIPE)
            status = 0;
        else
            status = fail(&err);
    }
out:
    mg_org_free(org);
    mg_render_opts_free(opts);
    return status;
}

/* ---- validate ---------------------------------------------------------------- */

static const char validate_usage[] =
    "usage: mlops-graph validate [options]\n"
    "\n"
    "Load the organisation and report what was read: counts of roles, tools,\n"
    "capabilities, responsibilities, role-tool uses and collaborations, rows\n"
    "merged as duplicates, and warnings. Exit status 0 when the input loads,\n"
    "3 when it does not (the message names file:line:column).\n"
    "\n"
    "Options:\n"
    "      --format FORMAT  text (default), json, csv or md\n"
    INPUT_OPTIONS_HELP;

static int cmd_validate(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, OPT_FORMAT },
        INPUT_LONG_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    input in = { 0 };
    mg_format format = MG_FORMAT_TEXT;
    mg_org *org;
    mg_error err;
    char *text;
    size_t i, n;
    int opt, status = 0;

    while ((opt = getopt_long(argc, argv, "d:", longopts, NULL)) != -1) {
        if (input_option(&in, opt, optarg))
            continue;
        switch (opt) {
        case OPT_FORMAT:
            if (mg_format_from_name(optarg, &format, &err) != MG_OK)
                return usage_error("validate", "%s", err.message);
            break;
        case OPT_HELP: fputs(validate_usage, stdout); return 0;
        default: return usage_error("validate", "%s", "invalid option");
        }
    }
    if (optind < argc)
        return usage_error("validate", "unexpected argument '%s'", argv[optind]);
    if (!(org = load(&in, &status)))
        return status;
    if (mg_org_summary_format(org, format, &text, &err) != MG_OK) {
        status = fail(&err);
    } else {
        fputs(text, stdout);
        mg_free(text);
    }
    /* warnings are for people, whatever the format of the data */
    n = mg_org_warning_count(org);
    for (i = 0; i < n; i++) {
        mg_org_warning(org, i, &err);
        fprintf(stderr, "%s: warning: %s:%zu:%zu: %s\n", progname, err.source, err.line,
                err.column, err.message);
    }
    mg_org_free(org);
    return status;
}

/* ---- Analyses: shared helpers ---------------------------------------------- */

#define FORMAT_HELP \
    "      --format FORMAT  text (default), json, csv (the main table) or md\n"

/* Prints a result the library formatted; frees it. */
static int print_text(char *text)
{
    fputs(text, stdout);
    mg_free(text);
    return 0;
}

static int parse_format(const char *cmd, const char *arg, mg_format *format)
{
    mg_error err;

    if (mg_format_from_name(arg, format, &err) != MG_OK)
        return usage_error(cmd, "%s", err.message);
    return 0;
}


/* --reference builtin|DIR: loads the reference and sets it on the gap options. */
static mg_org *load_reference(const char *reference, mg_gaps_opts *opts, int *status)
{
    input in = { 0 };
    mg_org *ref;

    if (strcmp(reference, "builtin") != 0)
        in.dir = reference;
    if ((ref = load(&in, status)) != NULL)
        mg_gaps_opts_set_reference(opts, ref);
    return ref;
}

/* ---- gaps ---------------------------------------------------------------------- */

static const char gaps_usage[] =
    "usage: mlops-graph gaps [options]\n"
    "\n"
    "Find where the organisation is exposed. Each gap has a kind, a severity and\n"
    "a message that quotes the evidence. Kinds (severity):\n"
    "  capability-without-tool (high)   a responsibility needs a capability no tool supports\n"
    "  disconnected (high)              no handoff chain joins some parts of the organisation\n"
    "  cut-role (high)                  without this role, its part falls apart\n"
    "  owner-without-tool (medium)      the responsible role has no tool for its capability,\n"
    "                                   though another role's tool supports it\n"
    "  isolated-role (medium)           a role with no handoff to or from any other role\n"
    "  cut-handoff (medium)             a handoff whose loss splits its part\n"
    "  single-role (medium/low)         a capability (medium) or tool (low) that fewer than\n"
    "                                   --min-roles roles carry\n"
    "  missing-role (medium)            with --reference: a reference role absent here\n"
    "  unreachable-handoff (medium)     with --reference: work that can pass from A to B in\n"
    "                                   the reference cannot here\n"
    "  latent-collaboration (low)       roles sharing --min-shared tools but no handoff\n"
    "  capability-without-owner (low)   tools support a capability no responsibility needs\n"
    "  missing-collaboration (low)      with --reference: a reference handoff absent here\n"
    "\n"
    "Options:\n"
    FORMAT_HELP
    "      --kind KIND      only gaps of this kind (repeatable)\n"
    "      --min-roles N    single-role: flag fewer than N roles (default 2)\n"
    "      --min-shared K   latent-collaboration: at least K shared tools (default 1)\n"
    "      --max-pairs N    latent-collaboration: bound the pairs of roles compared\n"
    "                       (default 4000000); hub tools used by so many roles\n"
    "                       that the bound would pass are left out, and named\n"
    "      --max-latent N   latent-collaboration: list at most N pairs, those\n"
    "                       sharing the most tools (default 10000); the rest are\n"
    "                       counted\n"
    "      --reference REF  compare with a reference: 'builtin' (the built-in model)\n"
    "                       or a folder of CSV files\n"
    "      --fail-on SEV    exit 1 when a gap of severity SEV (high, medium, low) or\n"
    "                       worse exists, so CI can guard an organisation\n"
    INPUT_OPTIONS_HELP;

static int cmd_gaps(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, OPT_FORMAT },
        { "kind", required_argument, NULL, OPT_KIND },
        { "min-roles", required_argument, NULL, OPT_MIN_ROLES },
        { "min-shared", required_argument, NULL, OPT_MIN_SHARED },
        { "max-pairs", required_argument, NULL, OPT_MAX_PAIRS },
        { "max-latent", required_argument, NULL, OPT_MAX_LATENT },
        { "reference", required_argument, NULL, OPT_REFERENCE },
        { "fail-on", required_argument, NULL, OPT_FAIL_ON },
        INPUT_LONG_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    input in = { 0 };
    mg_format format = MG_FORMAT_TEXT;
    mg_gaps_opts *opts = mg_gaps_opts_new();
    mg_org *org = NULL, *ref = NULL;
    const char *reference = NULL;
    mg_severity fail_on = 0;
    mg_gaps *gaps = NULL;
    mg_error err;
    char *text;
    size_t n;
    int opt, status = 0;

    if (!opts)
        return EXIT_SYSTEM;
    while ((opt = getopt_long(argc, argv, "d:", longopts, NULL)) != -1) {
        if (input_option(&in, opt, optarg))
            continue;
        switch (opt) {
        case OPT_FORMAT: status = parse_format("gaps", optarg, &format); break;
        case OPT_KIND:
            if (mg_gaps_opts_add_kind(opts, optarg, &err) != MG_OK)
                status = usage_error("gaps", "%s", err.message);
            break;
        case OPT_MIN_ROLES:
            if (!(status = parse_count("gaps", "--min-roles", optarg, &n)) &&
                mg_gaps_opts_set_min_roles(opts, n, &err) != MG_OK)
                status = usage_error("gaps", "%s", err.message);
            break;
        case OPT_MIN_SHARED:
            if (!(status = parse_count("gaps", "--min-shared", optarg, &n)) &&
                mg_gaps_opts_set_min_shared(opts, n, &err) != MG_OK)
                status = usage_error("gaps", "%s", err.message);
            break;
        case OPT_MAX_PAIRS:
            if (!(status = parse_count("gaps", "--max-pairs", optarg, &n)) &&
                mg_gaps_opts_set_max_pairs(opts, n, &err) != MG_OK)
                status = usage_error("gaps", "%s", err.message);
            break;
        case OPT_MAX_LATENT:
            if (!(status = parse_count("gaps", "--max-latent", optarg, &n)) &&
                mg_gaps_opts_set_max_latent(opts, n, &err) != MG_OK)
                status = usage_error("gaps", "%s", err.message);
            break;
        case OPT_REFERENCE: reference = optarg; break;
        case OPT_FAIL_ON:
            if (mg_severity_from_name(optarg, &fail_on, &err) != MG_OK)
                status = usage_error("gaps", "%s", err.message);
            break;
        case OPT_HELP: fputs(gaps_usage, stdout); goto out;
        default: status = usage_error("gaps", "%s", "invalid option");
        }
        if (status)
            goto out;
    }
    if (optind < argc) {
        status = usage_error("gaps", "unexpected argument '%s'", argv[optind]);
        goto out;
    }
    if (!(org = load(&in, &status)))
        goto out;
    if (reference && !(ref = load_reference(reference, opts, &status)))
        goto out;
    if (mg_gaps_find(org, opts, &gaps, &err) != MG_OK || mg_gaps_format(gaps, format, &text, &err) != MG_OK) {
        status = fail(&err);
        goto out;
    }
    print_text(text);
    if (fail_on && mg_gaps_max_severity(gaps) >= (int)fail_on)
        status = EXIT_CHECK;
out:
    mg_gaps_free(gaps);
    mg_gaps_opts_free(opts);
    mg_org_free(org);
    mg_org_free(ref);
    return status;
}

/* ---- clusters ------------------------------------------------------------------- */

static const char clusters_usage[] =
    "usage: mlops-graph clusters [options]\n"
    "\n"
    "Group roles tied by the tools they use: two roles are linked when they share\n"
    "tools, and the links are partitioned by Louvain modularity optimisation\n"
    "(deterministic: roles visited in name order, ties to the lower cluster).\n"
    "Each cluster lists its roles, the tools two or more of them share, and its\n"
    "share of the modularity; roles that share nothing are single clusters.\n"
    "\n"
    "Options:\n"
    FORMAT_HELP
    "      --similarity S   count (default: the number of shared tools) or jaccard\n"
    "                       (shared tools / all tools of the two roles)\n"
    "      --min-shared K   link roles that share at least K tools (default 1)\n"
    "      --tools          the dual view: cluster tools that the same roles use\n"
    "      --max-pairs N    bound the projection to about N linked pairs (default\n"
    "                       4000000): hub tools used by so many roles that the\n"
    "                       bound would pass are left out, most used first, and\n"
    "                       named in the output\n"
    INPUT_OPTIONS_HELP;

static int cmd_clusters(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, OPT_FORMAT },
        { "similarity", required_argument, NULL, OPT_SIMILARITY },
        { "min-shared", required_argument, NULL, OPT_MIN_SHARED },
        { "max-pairs", required_argument, NULL, OPT_MAX_PAIRS },
        { "tools", no_argument, NULL, OPT_TOOLS },
        INPUT_LONG_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    input in = { 0 };
    mg_format format = MG_FORMAT_TEXT;
    mg_clusters_opts *opts = mg_clusters_opts_new();
    mg_clusters *c = NULL;
    mg_org *org = NULL;
    mg_error err;
    char *text;
    size_t n;
    int opt, status = 0;

    if (!opts)
        return EXIT_SYSTEM;
    while ((opt = getopt_long(argc, argv, "d:", longopts, NULL)) != -1) {
        if (input_option(&in, opt, optarg))
            continue;
        switch (opt) {
        case OPT_FORMAT: status = parse_format("clusters", optarg, &format); break;
        case OPT_SIMILARITY:
            if (mg_clusters_opts_set_similarity(opts, optarg, &err) != MG_OK)
                status = usage_error("clusters", "%s", err.message);
            break;
        case OPT_MIN_SHARED:
            if (!(status = parse_count("clusters", "--min-shared", optarg, &n)) &&
                mg_clusters_opts_set_min_shared(opts, n, &err) != MG_OK)
                status = usage_error("clusters", "%s", err.message);
            break;
        case OPT_MAX_PAIRS:
            if (!(status = parse_count("clusters", "--max-pairs", optarg, &n)) &&
                mg_clusters_opts_set_max_pairs(opts, n, &err) != MG_OK)
                status = usage_error("clusters", "%s", err.message);
            break;
        case OPT_TOOLS: mg_clusters_opts_set_tools(opts, 1); break;
        case OPT_HELP: fputs(clusters_usage, stdout); goto out;
        default: status = usage_error("clusters", "%s", "invalid option");
        }
        if (status)
            goto out;
    }
    if (optind < argc) {
        status = usage_error("clusters", "unexpected argument '%s'", argv[optind]);
        goto out;
    }
    if (!(org = load(&in, &status)))
        goto out;
    if (mg_clusters_find(org, opts, &c, &err) != MG_OK ||
        mg_clusters_format(c, format, &text, &err) != MG_OK) {
        status = fail(&err);
        goto out;
    }
    print_text(text);
out:
    mg_clusters_free(c);
    mg_clusters_opts_free(opts);
    mg_org_free(org);
    return status;
}

/* ---- path, paths, bottlenecks ------------------------------------------------------ */

static const char path_usage[] =
    "usage: mlops-graph path [options] FROM TO\n"
    "\n"
    "The cheapest handoff chain from role FROM to role TO, each step with its\n"
    "handoff and cost; with -k, the k cheapest chains that visit no role twice\n"
    "(Yen's algorithm). Roles are named by name or alias, in any case. When no\n"
    "chain exists, says which roles each end can reach.\n"
    "\n"
    "Options:\n"
    "  -k N                 the N cheapest chains (default 1)\n"
    FORMAT_HELP
    INPUT_OPTIONS_HELP
    "\n"
    "Example:\n"
    "  mlops-graph path \"Data Scientists\" DevOps -k 3\n";

static int cmd_path(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, OPT_FORMAT },
        INPUT_LONG_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    input in = { 0 };
    mg_format format = MG_FORMAT_TEXT;
    mg_paths *p = NULL;
    mg_org *org = NULL;
    mg_error err;
    size_t k = 1;
    char *text;
    int opt, status = 0;

    while ((opt = getopt_long(argc, argv, "d:k:", longopts, NULL)) != -1) {
        if (input_option(&in, opt, optarg))
            continue;
        switch (opt) {
        case OPT_FORMAT: status = parse_format("path", optarg, &format); break;
        case 'k':
            if (!(status = parse_count("path", "-k", optarg, &k)) && k == 0)
                status = usage_error("path", "%s", "-k must be at least 1");
            break;
        case OPT_HELP: fputs(path_usage, stdout); return 0;
        default: status = usage_error("path", "%s", "invalid option");
        }
        if (status)
            return status;
    }
    if (argc - optind != 2)
        return usage_error("path", "%s", "expected two role names: FROM TO");
    if (!(org = load(&in, &status)))
        return status;
    if (mg_paths_find(org, argv[optind], argv[optind + 1], k, &p, &err) != MG_OK ||
        mg_paths_format(p, format, &text, &err) != MG_OK)
        status = fail(&err);
    else
        print_text(text);
    mg_paths_free(p);
    mg_org_free(org);
    return status;
}

static const char paths_usage[] =
    "usage: mlops-graph paths [options]\n"
    "\n"
    "The cheapest handoff cost from every role to every other role, as a matrix\n"
    "(rows: from, columns: to; '-' where no chain exists), and the pairs of roles\n"
    "with no handoff chain between them.\n"
    "\n"
    "Options:\n"
    FORMAT_HELP
    INPUT_OPTIONS_HELP;

static const char bottlenecks_usage[] =
    "usage: mlops-graph bottlenecks [options]\n"
    "\n"
    "Roles ranked by betweenness centrality on the handoff graph (Brandes'\n"
    "algorithm, directed and weighted): for every ordered pair of other roles,\n"
    "the share of their cheapest handoff chains that pass through the role,\n"
    "summed. Each role lists the pairs whose chains run through it (up to\n"
    "300 roles). Exact up to 5000 roles; above that estimated from 256\n"
    "sampled sources unless --sample says otherwise.\n"
    "\n"
    "Options:\n"
    "      --sample K       estimate from K roles as sources, drawn at random and\n"
    "                       scaled up (0: exact, whatever the size)\n"
    "      --seed N         seed of the sample (default 1)\n"
    FORMAT_HELP
    INPUT_OPTIONS_HELP;

/* paths and bottlenecks take the same options (bottlenecks also --sample
 * and --seed): run one analysis, print it. */
static int simple_analysis(int argc, char **argv, const char *cmd, const char *usage, int which)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, OPT_FORMAT },
        { "sample", required_argument, NULL, OPT_SAMPLE },
        { "seed", required_argument, NULL, OPT_SEED },
        INPUT_LONG_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    input in = { 0 };
    mg_format format = MG_FORMAT_TEXT;
    mg_org *org;
    mg_error err;
    mg_status st;
    char *text = NULL;
    size_t sample = (size_t)-1, seed = 1;
    int opt, status = 0;

    while ((opt = getopt_long(argc, argv, "d:", longopts, NULL)) != -1) {
        if (input_option(&in, opt, optarg))
            continue;
        if (which == 0 && (opt == OPT_SAMPLE || opt == OPT_SEED))
            opt = '?'; /* bottlenecks only */
        switch (opt) {
        case OPT_FORMAT: status = parse_format(cmd, optarg, &format); break;
        case OPT_SAMPLE: status = parse_count(cmd, "--sample", optarg, &sample); break;
        case OPT_SEED: status = parse_count(cmd, "--seed", optarg, &seed); break;
        case OPT_HELP: fputs(usage, stdout); return 0;
        default: status = usage_error(cmd, "%s", "invalid option");
        }
        if (status)
            return status;
    }
    if (optind < argc)
        return usage_error(cmd, "unexpected argument '%s'", argv[optind]);
    if (!(org = load(&in, &status)))
        return status;
    if (which == 0) {
        mg_costs *c = NULL;

        st = mg_costs_find(org, &c, &err);
        if (st == MG_OK)
            st = mg_costs_format(c, format, &text, &err);
        mg_costs_free(c);
    } else {
        mg_bottlenecks *b = NULL;

        st = sample == (size_t)-1 ? mg_bottlenecks_find(org, &b, &err)
                                  : mg_bottlenecks_sample(org, sample, seed, &b, &err);
        if (st == MG_OK)
            st = mg_bottlenecks_format(b, format, &text, &err);
        mg_bottlenecks_free(b);
    }
    if (st != MG_OK)
        status = fail(&err);
    else
        print_text(text);
    mg_org_free(org);
    return status;
}

static int cmd_paths(int argc, char **argv)
{
    return simple_analysis(argc, argv, "paths", paths_usage, 0);
}

static int cmd_bottlenecks(int argc, char **argv)
{
    return simple_analysis(argc, argv, "bottlenecks", bottlenecks_usage, 1);
}

/* ---- whatif and diff ----------------------------------------------------------- */

static const char whatif_usage[] =
    "usage: mlops-graph whatif --remove NAME [--remove NAME ...] [options]\n"
    "\n"
    "What would change if roles or tools were gone: the gaps that would appear\n"
    "and disappear, the handoff chains lost, and the clusters before and after.\n"
    "Each NAME is a role (name or alias) or else a tool.\n"
    "\n"
    "Options:\n"
    "      --remove NAME    a role or tool to take away (repeatable)\n"
    FORMAT_HELP
    INPUT_OPTIONS_HELP
    "\n"
    "Example:\n"
    "  mlops-graph whatif --remove \"Machine Learning Engineers\"\n";

static const char diff_usage[] =
    "usage: mlops-graph diff [options] OLD_DIR NEW_DIR\n"
    "\n"
    "What changed between two snapshots of an organisation (folders of CSV\n"
    "files): roles, tools and collaborations added and removed, the gaps that\n"
    "opened and closed, handoff chains lost and gained, and the clusters.\n"
    "\n"
    "Options:\n"
    FORMAT_HELP;

/* Prints the comparison of two organisations. */
static int compare_and_print(const mg_org *before, const mg_org *after, const char *title,
                             mg_format format)
{
    mg_comparison *c = NULL;
    mg_error err;
    char *text;
    int status = 0;

    if (mg_compare(before, after, NULL, title, &c, &err) != MG_OK ||
        mg_comparison_format(c, format, &text, &err) != MG_OK)
        status = fail(&err);
    else
        print_text(text);
    mg_comparison_free(c);
    return status;
}

static int cmd_whatif(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, OPT_FORMAT },
        { "remove", required_argument, NULL, OPT_REMOVE },
        INPUT_LONG_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    input in = { 0 };
    mg_format format = MG_FORMAT_TEXT;
    const char **names = calloc((size_t)argc + 1, sizeof *names);
    mg_org *org = NULL, *without = NULL;
    mg_error err;
    size_t n = 0, i;
    char title[512];
    int opt, status = 0;

    if (!names)
        return EXIT_SYSTEM;
    while ((opt = getopt_long(argc, argv, "d:", longopts, NULL)) != -1) {
        if (input_option(&in, opt, optarg))
            continue;
        switch (opt) {
        case OPT_FORMAT: status = parse_format("whatif", optarg, &format); break;
        case OPT_REMOVE: names[n++] = optarg; break;
        case OPT_HELP: fputs(whatif_usage, stdout); goto out;
        default: status = usage_error("whatif", "%s", "invalid option");
        }
        if (status)
            goto out;
    }
    if (optind < argc) {
        status = usage_error("whatif", "unexpected argument '%s'", argv[optind]);
        goto out;
    }
    if (!n) {
        status = usage_error("whatif", "%s", "name at least one role or tool with --remove");
        goto out;
    }
    if (!(org = load(&in, &status)))
        goto out;
    if (mg_org_without(org, names, n, &without, &err) != MG_OK) {
        status = fail(&err);
        goto out;
    }
    /* the title names what was removed as the organisation spells it */
    for (i = 0; i < n; i++) {
        size_t x;

        if (mg_org_find_role(org, names[i], &x, NULL) == MG_OK)
            names[i] = mg_org_role_name(org, x);
        else if (mg_org_find_tool(org, names[i], &x, NULL) == MG_OK)
            names[i] = mg_org_tool_name(org, x);
    }
    snprintf(title, sizeof title, "What if %s%s were gone", names[0], n > 1 ? " and others" : "");
    if (n > 1 && n <= 3) {
        size_t len = (size_t)snprintf(title, sizeof title, "What if %s", names[0]);

        for (i = 1; i < n && len < sizeof title; i++)
            len += (size_t)snprintf(title + len, sizeof title - len, "%s%s",
                                    i + 1 == n ? " and " : ", ", names[i]);
        if (len < sizeof title)
            snprintf(title + len, sizeof title - len, " were gone");
    }
    status = compare_and_print(org, without, title, format);
out:
    mg_org_free(org);
    mg_org_free(without);
    free(names);
    return status;
}

static int cmd_diff(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, OPT_FORMAT },
        { "help", no_argument, NULL, OPT_HELP },
        { NULL, 0, NULL, 0 },
    };
    mg_format format = MG_FORMAT_TEXT;
    mg_org *old_org = NULL, *new_org = NULL;
    input a = { 0 }, b = { 0 };
    char title[512];
    int opt, status = 0;

    while ((opt = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
        switch (opt) {
        case OPT_FORMAT: status = parse_format("diff", optarg, &format); break;
        case OPT_HELP: fputs(diff_usage, stdout); return 0;
        default: status = usage_error("diff", "%s", "invalid option");
        }
        if (status)
            return status;
    }
    if (argc - optind != 2)
        return usage_error("diff", "%s", "expected two folders: OLD_DIR NEW_DIR");
    a.dir = argv[optind];
    b.dir = argv[optind + 1];
    if ((old_org = load(&a, &status)) && (new_org = load(&b, &status))) {
        snprintf(title, sizeof title, "Changes from %s to %s", a.dir, b.dir);
        status = compare_and_print(old_org, new_org, title, format);
    }
    mg_org_free(old_org);
    mg_org_free(new_org);
    return status;
}

/* ---- report ------------------------------------------------------------------------ */

static const char report_usage[] =
    "usage: mlops-graph report [options]\n"
    "\n"
    "Everything in one document for stakeholders: a summary of the most severe\n"
    "findings, then the gaps, clusters, bottlenecks and the longest handoff\n"
    "chains. Markdown references the picture (with clusters and gaps drawn),\n"
    "which the command writes as SVG; HTML and JSON include it.\n"
    "\n"
    "Options:\n"
    "      --format FORMAT  md (default), html (one self-contained page), json\n"
    "                       or text\n"
    "  -o, --output FILE    write FILE (atomically) instead of standard output\n"
    "      --picture FILE   md: where to write the picture (default: beside the\n"
    "                       report as NAME.svg with -o, else org.svg)\n"
    "      --reference REF  compare gaps with a reference ('builtin' or a folder)\n"
    INPUT_OPTIONS_HELP;

static int cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, OPT_FORMAT },
        { "output", required_argument, NULL, 'o' },
        { "picture", required_argument, NULL, OPT_PICTURE },
        { "reference", required_argument, NULL, OPT_REFERENCE },
        INPUT_LONG_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    input in = { 0 };
    mg_format format = MG_FORMAT_MD;
    const char *output = NULL, *picture = NULL, *reference = NULL;
    char *derived = NULL, *svg = NULL, *text = NULL;
    mg_gaps_opts *gopts = mg_gaps_opts_new();
    mg_render_opts *ropts = mg_render_opts_new();
    mg_org *org = NULL, *ref = NULL;
    mg_error err;
    size_t len;
    int opt, status = 0;

    if (!gopts || !ropts)
        goto nomem;
    while ((opt = getopt_long(argc, argv, "d:o:", longopts, NULL)) != -1) {
        if (input_option(&in, opt, optarg))
            continue;
        switch (opt) {
        case OPT_FORMAT: status = parse_format("report", optarg, &format); break;
        case 'o': output = optarg; break;
        case OPT_PICTURE: picture = optarg; break;
        case OPT_REFERENCE: reference = optarg; break;
        case OPT_HELP: fputs(report_usage, stdout); goto out;
        default: status = usage_error("report", "%s", "invalid option");
        }
        if (status)
            goto out;
    }
    if (optind < argc) {
        status = usage_error("report", "unexpected argument '%s'", argv[optind]);
        goto out;
    }
    if (format == MG_FORMAT_CSV) {
        status = usage_error("report", "%s", "a report is md, html, json or text");
        goto out;
    }
    if (!(org = load(&in, &status)))
        goto out;
    if (reference && !(ref = load_reference(reference, gopts, &status)))
        goto out;
    mg_render_opts_set_clusters(ropts, 1);
    mg_render_opts_set_gaps(ropts, 1);
    if (format == MG_FORMAT_MD) {
        if (!picture && output) {
            /* report.md -> report.svg, beside it */
            const char *dot = strrchr(output, '.'), *slash = strrchr(output, '/');
            size_t stem = dot && (!slash || dot > slash) ? (size_t)(dot - output) : strlen(output);

            if (!(derived = malloc(stem + 5)))
                goto nomem;
            memcpy(derived, output, stem);
            strcpy(derived + stem, ".svg");
            picture = derived;
        } else if (!picture) {
            picture = "org.svg";
        }
        if (mg_render_path(org, ropts, picture, &err) != MG_OK) {
            status = fail(&err);
            goto out;
        }
    } else if ((format == MG_FORMAT_JSON || format == MG_FORMAT_HTML) &&
               mg_render_buffer(org, ropts, &svg, &len, &err) != MG_OK) {
        status = fail(&err);
        goto out;
    }
    if (mg_report(org, gopts, format,
                  format == MG_FORMAT_MD ? (strrchr(picture, '/') ? strrchr(picture, '/') + 1 : picture)
                                         : svg,
                  &text, &err) != MG_OK) {
        status = fail(&err);
        goto out;
    }
    if (output && strcmp(output, "-") != 0) {
        if (mg_write_file(output, text, strlen(text), &err) != MG_OK)
            status = fail(&err);
    } else {
        fputs(text, stdout);
    }
    goto out;
nomem:
    fprintf(stderr, "%s: out of memory\n", progname);
    status = EXIT_SYSTEM;
out:
    mg_free(text);
    mg_free(svg);
    free(derived);
    mg_gaps_opts_free(gopts);
    mg_render_opts_free(ropts);
    mg_org_free(org);
    mg_org_free(ref);
    return status;
}

/* ---- export ------------------------------------------------------------------------ */

static const char export_usage[] =
    "usage: mlops-graph export -T FORMAT [-o FILE|DIR] [options]\n"
    "\n"
    "The organisation for other tools:\n"
    "  graphml  GraphML with typed keys (node type, name, summary, cluster; edge\n"
    "           relation, handoff, direction, weight, responsibility) for Gephi,\n"
    "           Cytoscape and yEd\n"
    "  json     node-link JSON, as NetworkX's node_link_graph and d3 read it\n"
    "  csv      the four CSV files of the input format, written into the folder\n"
    "           -o names (created if needed); loading them gives the same\n"
    "           organisation back\n"
    "\n"
    "Options:\n"
    "  -T, --format FORMAT  graphml, json or csv\n"
    "  -o, --output PATH    a file (graphml, json; default standard output) or a\n"
    "                       folder (csv, required); files are written atomically\n"
    INPUT_OPTIONS_HELP;

static int cmd_export(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, 'T' },
        { "output", required_argument, NULL, 'o' },
        INPUT_LONG_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    input in = { 0 };
    const char *format = NULL, *output = NULL;
    mg_org *org;
    mg_error err;
    char *text = NULL;
    int opt, t, status = 0;

    while ((opt = getopt_long(argc, argv, "T:o:d:", longopts, NULL)) != -1) {
        if (input_option(&in, opt, optarg))
            continue;
        switch (opt) {
        case 'T': format = optarg; break;
        case 'o': output = optarg; break;
        case OPT_HELP: fputs(export_usage, stdout); return 0;
        default: return usage_error("export", "%s", "invalid option");
        }
    }
    if (optind < argc)
        return usage_error("export", "unexpected argument '%s'", argv[optind]);
    if (!format)
        return usage_error("export", "%s", "name a format with -T: graphml, json or csv");
    if (strcmp(format, "csv") == 0 && !output)
        return usage_error("export", "%s", "-T csv writes four files: name a folder with -o");
    if (strcmp(format, "csv") != 0 && strcmp(format, "graphml") != 0 && strcmp(format, "json") != 0)
        return usage_error("export", "unknown format '%s' (expected graphml, json or csv)", format);
    if (!(org = load(&in, &status)))
        return status;
    if (strcmp(format, "csv") == 0) {
        if (mkdir(output, 0777) != 0 && errno != EEXIST) {
            fprintf(stderr, "%s: %s: cannot create folder: %s\n", progname, output, strerror(errno));
            status = EXIT_SYSTEM;
        }
        for (t = 0; t < MG_TABLE_COUNT && !status; t++) {
            char path[4096];

            if (mg_export_table(org, (mg_table)t, &text, &err) != MG_OK) {
                status = fail(&err);
                break;
            }
            if (!text)
                continue;
            snprintf(path, sizeof path, "%s/%s", output, mg_table_file_name((mg_table)t));
            if (mg_write_file(path, text, strlen(text), &err) != MG_OK)
                status = fail(&err);
            mg_free(text);
            text = NULL;
        }
    } else if (mg_export(org, format, &text, &err) != MG_OK) {
        status = fail(&err);
    } else if (output && strcmp(output, "-") != 0) {
        if (mg_write_file(output, text, strlen(text), &err) != MG_OK)
            status = fail(&err);
    } else {
        fputs(text, stdout);
    }
    mg_free(text);
    mg_org_free(org);
    return status;
}

/* ---- roles --------------------------------------------------------------------------- */

static const char roles_usage[] =
    "usage: mlops-graph roles [options]\n"
    "\n"
    "The names of the organisation's roles, one a line, in name order (what\n"
    "path, whatif and render --path accept, besides aliases).\n"
    "\n"
    "Options:\n"
    INPUT_OPTIONS_HELP;

static int cmd_roles(int argc, char **argv)
{
    static const struct option longopts[] = {
        INPUT_LONG_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    input in = { 0 };
    mg_org *org;
    size_t i;
    int opt, status = 0;

    while ((opt = getopt_long(argc, argv, "d:", longopts, NULL)) != -1) {
        if (input_option(&in, opt, optarg))
            continue;
        if (opt == OPT_HELP) {
            fputs(roles_usage, stdout);
            return 0;
        }
        return usage_error("roles", "%s", "invalid option");
    }
    if (optind < argc)
        return usage_error("roles", "unexpected argument '%s'", argv[optind]);
    if (!(org = load(&in, &status)))
        return status;
    for (i = 0; i < mg_org_role_count(org); i++)
        printf("%s\n", mg_org_role_name(org, i));
    mg_org_free(org);
    return 0;
}

/* ---- generate ------------------------------------------------------------------ */

static const char generate_usage[] =
    "usage: mlops-graph generate -d DIR [options]\n"
    "\n"
    "Write a synthetic organisation, for benchmarks and trials at scale: roles in\n"
    "departments of about forty, a few hub tools most roles use beside tools\n"
    "local to each department, collaborations mostly inside a department. Every\n"
    "row is distinct, so the organisation loads with exactly these counts. The\n"
    "same options write the same files.\n"
    "\n"
    "Options:\n"
    "  -d, --dir DIR             write DIR/roles.csv, responsibilities.csv,\n"
    "                            tools.csv and collaborations.csv (DIR is created)\n"
    "      --roles N             roles (default 100)\n"
    "      --tools N             tools (default 20)\n"
    "      --uses N              role-tool rows (default 700)\n"
    "      --collaborations N    role-role rows (default 300)\n"
    "      --seed N              seed of the random numbers (default 1)\n"
    "\n"
    "Example (a million edges, as in bench/run):\n"
    "  mlops-graph generate --roles 100000 --tools 20000 --uses 700000 \\\n"
    "      --collaborations 300000 -d big\n";

static int cmd_generate(int argc, char **argv)
{
    enum { OPT_GEN_ROLES = 2000, OPT_GEN_TOOLS, OPT_GEN_USES, OPT_GEN_COLLABS, OPT_GEN_SEED };
    static const struct option longopts[] = {
        { "dir", required_argument, NULL, 'd' },
        { "roles", required_argument, NULL, OPT_GEN_ROLES },
        { "tools", required_argument, NULL, OPT_GEN_TOOLS },
        { "uses", required_argument, NULL, OPT_GEN_USES },
        { "collaborations", required_argument, NULL, OPT_GEN_COLLABS },
        { "seed", required_argument, NULL, OPT_GEN_SEED },
        { "help", no_argument, NULL, OPT_HELP },
        { NULL, 0, NULL, 0 },
    };
    mg_generate_spec spec = { 100, 20, 700, 300, 1 };
    const char *dir = NULL;
    mg_error err;
    size_t seed;
    int opt, status = 0;

    while (!status && (opt = getopt_long(argc, argv, "d:", longopts, NULL)) != -1) {
        switch (opt) {
        case 'd': dir = optarg; break;
        case OPT_GEN_ROLES: status = parse_count("generate", "--roles", optarg, &spec.roles); break;
        case OPT_GEN_TOOLS: status = parse_count("generate", "--tools", optarg, &spec.tools); break;
        case OPT_GEN_USES: status = parse_count("generate", "--uses", optarg, &spec.uses); break;
        case OPT_GEN_COLLABS:
            status = parse_count("generate", "--collaborations", optarg, &spec.collaborations);
            break;
        case OPT_GEN_SEED:
            if (!(status = parse_count("generate", "--seed", optarg, &seed)))
                spec.seed = seed;
            break;
        case OPT_HELP: fputs(generate_usage, stdout); return 0;
        default: return usage_error("generate", "%s", "invalid option");
        }
    }
    if (status)
        return status;
    if (optind < argc)
        return usage_error("generate", "unexpected argument '%s'", argv[optind]);
    if (!dir)
        return usage_error("generate", "%s", "-d DIR is required: the folder to write");
    if (mg_generate(&spec, dir, &err) != MG_OK)
        return err.code == MG_EINVAL ? usage_error("generate", "%s", err.message) : fail(&err);
    return 0;
}

/* ---- help and the command table ---------------------------------------------- */

static int cmd_help(int argc, char **argv);

static const struct command {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *usage;
    const char *summary;
} commands[] = {
    { "render", cmd_render, render_usage, "draw the organisation (SVG, PNG, PDF, DOT)" },
    { "validate", cmd_validate, validate_usage, "load the organisation; report counts and warnings" },
    { "gaps", cmd_gaps, gaps_usage, "coverage gaps: where the organisation is exposed" },
    { "clusters", cmd_clusters, clusters_usage, "roles that share a tool stack" },
    { "path", cmd_path, path_usage, "the cheapest handoff chain(s) between two roles" },
    { "paths", cmd_paths, paths_usage, "cheapest handoff costs between all roles" },
    { "bottlenecks", cmd_bottlenecks, bottlenecks_usage, "roles ranked by betweenness" },
    { "whatif", cmd_whatif, whatif_usage, "what changes if roles or tools are gone" },
    { "diff", cmd_diff, diff_usage, "what changed between two snapshots" },
    { "report", cmd_report, report_usage, "everything in one document (md, json, text)" },
    { "export", cmd_export, export_usage, "GraphML, node-link JSON or our CSV, for other tools" },
    { "roles", cmd_roles, roles_usage, "the names of the roles, one a line" },
    { "generate", cmd_generate, generate_usage, "write a synthetic organisation (benchmarks)" },
    { "help", cmd_help, NULL, "show help for a command" },
};

#define N_COMMANDS (sizeof commands / sizeof commands[0])

static void main_usage(FILE *f)
{
    size_t i;

    fprintf(f, "usage: %s [--version] [--help] <command> [<options>]\n\n"
               "The people of an ML-operations organisation as a graph.\n\nCommands:\n",
            progname);
    for (i = 0; i < N_COMMANDS; i++)
        fprintf(f, "  %-12s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\nWithout input options every command reads the built-in reference model\n"
               "(the ten roles of \"People of MLOps\"). '%s help <command>' or\n"
               "'%s <command> --help' explains a command.\n\n"
               "Exit status: 0 success, 1 a check failed, 2 usage error, 3 bad input,\n"
               "4 internal or system error.\n",
            progname, progname);
}

static const struct command *find_command(const char *name)
{
    size_t i;

    for (i = 0; i < N_COMMANDS; i++)
        if (strcmp(commands[i].name, name) == 0)
            return &commands[i];
    return NULL;
}

/* Suggests a command whose name is close to an unknown one. */
static const char *closest_command(const char *name)
{
    const char *best = NULL;
    size_t i, best_score = 0;

    for (i = 0; i < N_COMMANDS; i++) {
        const char *c = commands[i].name;
        size_t score = 0, j;

        for (j = 0; c[j] && name[j] && c[j] == name[j]; j++)
            score++;
        if (strstr(c, name) || strstr(name, c))
            score += 2;
        if (score > best_score) {
            best_score = score;
            best = c;
        }
    }
    return best_score >= 2 ? best : NULL;
}

static int unknown_command(const char *name)
{
    const char *close = closest_command(name);

    fprintf(stderr, "%s: '%s' is not a command.", progname, name);
    if (close)
        fprintf(stderr, " Did you mean '%s'?", close);
    fprintf(stderr, "\nTry '%s --help'.\n", progname);
    return EXIT_USAGE;
}

static int cmd_help(int argc, char **argv)
{
    const struct command *c;

    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        main_usage(stdout);
        return 0;
    }
    c = find_command(argv[1]);
    if (!c)
        return unknown_command(argv[1]);
    if (c->usage)
        fputs(c->usage, stdout);
    else
        main_usage(stdout);
    return 0;
}

int main(int argc, char **argv)
{
    const struct command *c;

    /* A closed pipe is an ordinary end for a filter: see write errors as EPIPE. */
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        main_usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        main_usage(stdout);
        return finish_output(0);
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("mlops-graph %s\n", mg_version());
        return finish_output(0);
    }
    c = find_command(argv[1]);
    if (!c)
        return unknown_command(argv[1]);
    if (isatty(STDERR_FILENO)) {
        const char *after = getenv("MLOPS_GRAPH_PROGRESS_AFTER");

        if (after && *after)
            progress_after = strtod(after, NULL);
        clock_gettime(CLOCK_MONOTONIC, &started);
        mg_set_progress(show_progress, NULL);
    }
    return finish_output(c->run(argc - 1, argv + 1));
}
