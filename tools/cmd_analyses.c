/*
 * cmd_analyses.c - the commands that run one analysis and print its result:
 * gaps, clusters, path, paths, bottlenecks, whatif and diff.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* ---- gaps ---------------------------------------------------------------------- */

const char gaps_usage[] =
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
    "whatif and diff also report unowned-responsibility (high): a responsibility left\n"
    "without an owner. One organisation never has it (every responsibility has its\n"
    "owner), so gaps does not report it.\n"
    "\n"
    "Options:\n";

static mg_status add_gap_kind(void *opts, const char *arg, mg_error *err)
{
    return mg_gaps_opts_add_kind(opts, arg, err);
}

static mg_status set_limit(void *opts, size_t n, mg_error *err)
{
    (void)err;
    mg_gaps_opts_set_limit(opts, n);
    return MG_OK;
}

static mg_status exclude_gap_kind(void *opts, const char *arg, mg_error *err)
{
    return mg_gaps_opts_exclude_kind(opts, arg, err);
}

static mg_status set_min_people(void *opts, size_t n, mg_error *err)
{
    return mg_gaps_opts_set_min_people(opts, n, err);
}

static mg_status set_min_roles(void *opts, size_t n, mg_error *err)
{
    return mg_gaps_opts_set_min_roles(opts, n, err);
}

static mg_status set_gaps_min_shared(void *opts, size_t n, mg_error *err)
{
    return mg_gaps_opts_set_min_shared(opts, n, err);
}

static mg_status set_gaps_max_pairs(void *opts, size_t n, mg_error *err)
{
    return mg_gaps_opts_set_max_pairs(opts, n, err);
}

static mg_status set_max_latent(void *opts, size_t n, mg_error *err)
{
    return mg_gaps_opts_set_max_latent(opts, n, err);
}

/* The words of the gaps' options (for completion). */
static const char *gap_kind_word(size_t i)
{
    const char *const *kinds = mg_gap_kinds();
    size_t k;

    for (k = 0; k < i && kinds[k]; k++)
        ;
    return kinds[k];
}

static const char *reference_word(size_t i)
{
    return i == 0 ? "builtin" : NULL;
}

const char *cli_severity_word(size_t i)
{
    return i <= MG_SEVERITY_HIGH - MG_SEVERITY_LOW
               ? mg_severity_name((mg_severity)(MG_SEVERITY_HIGH - (int)i))
               : NULL;
}

static mg_status set_fail_on(void *severity, const char *arg, mg_error *err)
{
    return mg_severity_from_name(arg, severity, err);
}

/* ---- The gap options gaps and report share (cli.h) -------------------------- */

size_t cli_gap_options(cli_option *o, cli_gap_args *g)
{
    const cli_option options[CLI_GAP_OPTIONS] = {
        { .long_name = "kind", .kind = CLI_TEXT, .data = g->opts, .set_text = add_gap_kind,
          .arg = CLI_ARG_WORD, .word = gap_kind_word,
          .help = "      --kind KIND      only gaps of this kind (repeatable)\n" },
        { .long_name = "exclude-kind", .kind = CLI_TEXT, .data = g->opts,
          .set_text = exclude_gap_kind, .arg = CLI_ARG_WORD, .word = gap_kind_word,
          .help = "      --exclude-kind KIND  leave out gaps of this kind (repeatable)\n" },
        { .long_name = "limit", .kind = CLI_COUNT, .min = 1, .data = g->opts,
          .set_count = set_limit,
          .help = "      --limit N        show at most N gaps of each kind (default 5), then say\n"
                  "                       how many more (text, md, html; json and csv list all)\n" },
        { .long_name = "all", .kind = CLI_FLAG, .target = &g->all, .flag = 1,
          .help = "      --all            show every gap\n" },
        { .long_name = "baseline", .kind = CLI_STRING, .target = &g->baseline,
          .arg = CLI_ARG_FILE,
          .help = "      --baseline FILE  an earlier gaps (or report) JSON: mark each gap new or\n"
                  "                       known, list new ones first and the gone ones as fixed\n" },
        { .long_name = "min-roles", .kind = CLI_COUNT, .data = g->opts, .set_count = set_min_roles,
          .help = "      --min-roles N    single-role: flag fewer than N roles where headcounts\n"
                  "                       are unknown (default 2; low severity)\n" },
        { .long_name = "min-people", .kind = CLI_COUNT, .data = g->opts,
          .set_count = set_min_people,
          .help = "      --min-people N   single-role: flag fewer than N people where every\n"
                  "                       carrier's headcount is known (default 2)\n" },
        { .long_name = "min-shared", .kind = CLI_COUNT, .data = g->opts,
          .set_count = set_gaps_min_shared,
          .help = "      --min-shared K   latent-collaboration: at least K shared tools (default 1)\n" },
        { .long_name = "max-pairs", .kind = CLI_COUNT, .data = g->opts,
          .set_count = set_gaps_max_pairs,
          .help = "      --max-pairs N    latent-collaboration: bound the pairs of roles compared\n"
                  "                       (default 4000000); hub tools used by so many roles\n"
                  "                       that the bound would pass are left out, and named\n" },
        { .long_name = "max-latent", .kind = CLI_COUNT, .data = g->opts, .set_count = set_max_latent,
          .help = "      --max-latent N   latent-collaboration: list at most N pairs, the most\n"
                  "                       similar (default 10000); the rest are counted\n" },
        { .long_name = "reference", .kind = CLI_STRING, .target = &g->reference,
          .arg = CLI_ARG_WORD_OR_DIR, .word = reference_word,
          .help = "      --reference REF  compare with a reference: 'builtin' (the built-in model)\n"
                  "                       or a folder of CSV files\n" },
    };

    memcpy(o, options, sizeof options);
    return CLI_GAP_OPTIONS;
}

int cli_gap_prepare(cli_gap_args *g)
{
    mg_error err;
    int status = 0;

    if (g->reference && !(g->ref = cli_load_reference(g->reference, g->opts, &status)))
        return status;
    if (g->baseline && mg_baseline_load(g->baseline, &g->base, &err) != MG_OK)
        return cli_fail(&err);
    mg_gaps_opts_set_baseline(g->opts, g->base);
    if (g->all)
        mg_gaps_opts_set_limit(g->opts, 0);
    return 0;
}

void cli_gap_args_free(cli_gap_args *g)
{
    mg_gaps_opts_free(g->opts);
    mg_baseline_free(g->base);
    mg_org_free(g->ref);
}

/* ---- gaps ------------------------------------------------------------------------- */

typedef struct gaps_args {
    cli_input in;
    mg_format format;
    cli_gap_args gap;
    mg_severity fail_on;
} gaps_args;

static int gaps_options(const cli_command *self, gaps_args *a, int argc, char **argv)
{
    cli_option options[CLI_GAP_OPTIONS + 3] = {
        CLI_OPT_FORMAT(&a->format, FORMAT_HELP),
        { .long_name = "fail-on", .kind = CLI_TEXT, .data = &a->fail_on, .set_text = set_fail_on,
          .arg = CLI_ARG_WORD, .word = cli_severity_word,
          .help = "      --fail-on SEV    exit 1 when a gap of severity SEV (high, medium, low) or\n"
                  "                       worse exists (a new one, with --baseline), so CI can\n"
                  "                       guard an organisation\n" },
    };

    cli_gap_options(options + 2, &a->gap); /* the array ends with a zeroed CLI_END */
    return cli_parse(self, options, &a->in, argc, argv);
}

int cmd_gaps(const cli_command *self, int argc, char **argv)
{
    gaps_args a = { .format = MG_FORMAT_TEXT, .gap = { .opts = mg_gaps_opts_new() } };
    mg_org *org = NULL;
    mg_gaps *gaps = NULL;
    mg_error err;
    char *text;
    int status;

    if (!a.gap.opts)
        return EXIT_SYSTEM;
    if ((status = gaps_options(self, &a, argc, argv)) != 0 || !(org = cli_load(&a.in, &status)) ||
        (status = cli_gap_prepare(&a.gap)) != 0)
        goto out;
    if (mg_gaps_find(org, a.gap.opts, &gaps, &err) != MG_OK ||
        mg_gaps_format(gaps, a.format, &text, &err) != MG_OK) {
        status = cli_fail(&err);
        goto out;
    }
    cli_print_text(text);
    if (a.fail_on && mg_gaps_max_severity(gaps) >= (int)a.fail_on)
        status = EXIT_CHECK;
out:
    mg_gaps_free(gaps);
    cli_gap_args_free(&a.gap);
    mg_org_free(org);
    return status == CLI_HELP ? 0 : status;
}

/* ---- clusters ------------------------------------------------------------------- */

const char clusters_usage[] =
    "usage: mlops-graph clusters [options]\n"
    "\n"
    "Group roles tied by the tools they use: two roles are linked when they share\n"
    "tools, and the links are partitioned by Louvain modularity optimisation\n"
    "(deterministic: roles visited in name order, ties to the lower cluster).\n"
    "Each cluster lists its roles, the tools two or more of them share, and its\n"
    "share of the modularity; roles that share nothing are single clusters.\n"
    "\n"
    "Options:\n";

static mg_status set_similarity(void *opts, const char *arg, mg_error *err)
{
    mg_similarity similarity;

    if (mg_similarity_from_name(arg, &similarity, err) != MG_OK)
        return MG_EINVAL;
    return mg_clusters_opts_set_similarity(opts, similarity, err);
}

static mg_status set_clusters_min_shared(void *opts, size_t n, mg_error *err)
{
    return mg_clusters_opts_set_min_shared(opts, n, err);
}

static mg_status set_clusters_max_pairs(void *opts, size_t n, mg_error *err)
{
    return mg_clusters_opts_set_max_pairs(opts, n, err);
}

static mg_status set_clusters_neighbours(void *opts, size_t n, mg_error *err)
{
    (void)err;
    mg_clusters_opts_set_neighbours(opts, n);
    return MG_OK;
}

static const char *similarity_word(size_t i)
{
    return mg_similarity_name((mg_similarity)i);
}

static int clusters_options(const cli_command *self, mg_clusters_opts *opts, int *tools,
                            mg_format *format, cli_input *in, int argc, char **argv)
{
    const cli_option options[] = {
        CLI_OPT_FORMAT(format, FORMAT_HELP),
        { .long_name = "similarity", .kind = CLI_TEXT, .data = opts, .set_text = set_similarity,
          .arg = CLI_ARG_WORD, .word = similarity_word,
          .help = "      --similarity S   cosine (default: of the roles' TF-IDF tool vectors, the\n"
                  "                       use weight times log(roles / roles using the tool),\n"
                  "                       so a tool everyone uses ties nobody together), count\n"
                  "                       (the number of shared tools) or jaccard (shared\n"
                  "                       tools / all tools of the two roles)\n" },
        { .long_name = "neighbours", .kind = CLI_COUNT, .data = opts,
          .set_count = set_clusters_neighbours,
          .help = "      --neighbours K   keep each role's links to its K most similar roles\n"
                  "                       before clustering (0: keep all; default with cosine:\n"
                  "                       ceil(log2 roles) + 1, when roles have more than\n"
                  "                       twice that many links on average)\n" },
        { .long_name = "min-shared", .kind = CLI_COUNT, .data = opts,
          .set_count = set_clusters_min_shared,
          .help = "      --min-shared K   link roles that share at least K tools (default 1)\n" },
        { .long_name = "tools", .kind = CLI_FLAG, .target = tools, .flag = 1,
          .help = "      --tools          the dual view: cluster tools that the same roles use\n" },
        { .long_name = "max-pairs", .kind = CLI_COUNT, .data = opts,
          .set_count = set_clusters_max_pairs,
          .help = "      --max-pairs N    bound the projection to about N linked pairs (default\n"
                  "                       4000000): hub tools used by so many roles that the\n"
                  "                       bound would pass are left out, most used first, and\n"
                  "                       named in the output\n" },
        CLI_OPT_END,
    };

    return cli_parse(self, options, in, argc, argv);
}

int cmd_clusters(const cli_command *self, int argc, char **argv)
{
    mg_clusters_opts *opts = mg_clusters_opts_new();
    mg_format format = MG_FORMAT_TEXT;
    cli_input in = { 0 };
    mg_clusters *c = NULL;
    mg_org *org = NULL;
    mg_error err;
    mg_status st;
    char *text = NULL;
    int status, tools = 0;

    if (!opts)
        return EXIT_SYSTEM;
    status = clusters_options(self, opts, &tools, &format, &in, argc, argv);
    if (status || !(org = cli_load(&in, &status)))
        goto out;
    if (tools)
        mg_clusters_opts_set_tools(opts, 1);
    st = mg_clusters_find(org, opts, &c, &err);
    if (st == MG_OK)
        st = mg_clusters_format(c, format, &text, &err);
    status = cli_print_result(st, text, &err);
out:
    mg_clusters_free(c);
    mg_clusters_opts_free(opts);
    mg_org_free(org);
    return status == CLI_HELP ? 0 : status;
}

/* ---- path ------------------------------------------------------------------------ */

const char path_usage[] =
    "usage: mlops-graph path [options] FROM TO\n"
    "\n"
    "The cheapest handoff chain from role FROM to role TO, each step with its\n"
    "handoff and cost; with -k, the k cheapest chains that visit no role twice\n"
    "(Yen's algorithm). Roles are named by name or alias, in any case. When no\n"
    "chain exists, says which roles each end can reach.\n"
    "\n"
    "Options:\n";

const char path_examples[] =
    "\n"
    "Example:\n"
    "  mlops-graph path \"Data Scientists\" DevOps -k 3\n";

int cmd_path(const cli_command *self, int argc, char **argv)
{
    mg_format format = MG_FORMAT_TEXT;
    cli_input in = { 0 };
    size_t k = 1;
    const cli_option options[] = {
        { .short_name = 'k', .kind = CLI_COUNT, .target = &k, .min = 1,
          .help = "  -k N                 the N cheapest chains (default 1, at most 10000)\n" },
        CLI_OPT_FORMAT(&format, FORMAT_HELP),
        CLI_OPT_END,
    };
    mg_paths *p = NULL;
    mg_org *org;
    mg_error err;
    mg_status st;
    char *text = NULL;
    int status;

    if (!(org = cli_parse_and_load(self, options, &in, argc, argv, &status)))
        return status;
    st = mg_paths_find(org, argv[optind], argv[optind + 1], k, &p, &err);
    if (st == MG_OK)
        st = mg_paths_format(p, format, &text, &err);
    status = cli_print_result(st, text, &err);
    mg_paths_free(p);
    mg_org_free(org);
    return status;
}

/* ---- paths and bottlenecks ----------------------------------------------------------- */

const char paths_usage[] =
    "usage: mlops-graph paths [options]\n"
    "\n"
    "The cheapest handoff cost from every role to every other role, as a matrix\n"
    "(rows: from, columns: to; '-' where no chain exists), and the pairs of roles\n"
    "with no handoff chain between them.\n"
    "\n"
    "Options:\n";

int cmd_paths(const cli_command *self, int argc, char **argv)
{
    mg_format format = MG_FORMAT_TEXT;
    cli_input in = { 0 };
    /* --sample and --seed are bottlenecks' options: read, then refused as
     * invalid, as they always were (so getopt's messages stay the same) */
    const cli_option options[] = {
        CLI_OPT_FORMAT(&format, FORMAT_HELP),
        { .long_name = "sample", .kind = CLI_REJECT },
        { .long_name = "seed", .kind = CLI_REJECT },
        CLI_OPT_END,
    };
    mg_costs *c = NULL;
    mg_org *org;
    mg_error err;
    mg_status st;
    char *text = NULL;
    int status;

    if (!(org = cli_parse_and_load(self, options, &in, argc, argv, &status)))
        return status;
    st = mg_costs_find(org, &c, &err);
    if (st == MG_OK)
        st = mg_costs_format(c, format, &text, &err);
    status = cli_print_result(st, text, &err);
    mg_costs_free(c);
    mg_org_free(org);
    return status;
}

const char bottlenecks_usage[] =
    "usage: mlops-graph bottlenecks [options]\n"
    "\n"
    "Roles ranked by betweenness centrality on the handoff graph (Brandes'\n"
    "algorithm, directed and weighted): for every ordered pair of other roles,\n"
    "the share of their cheapest handoff chains that pass through the role,\n"
    "summed. Each role lists the pairs whose chains run through it (up to\n"
    "300 roles). Exact up to 5000 roles; above that estimated from 256\n"
    "sampled sources unless --sample says otherwise.\n"
    "\n"
    "Options:\n";

int cmd_bottlenecks(const cli_command *self, int argc, char **argv)
{
    mg_format format = MG_FORMAT_TEXT;
    size_t sample = (size_t)-1, seed = 1;
    cli_input in = { 0 };
    const cli_option options[] = {
        { .long_name = "sample", .kind = CLI_COUNT, .target = &sample,
          .help = "      --sample K       estimate from K roles as sources, drawn at random and\n"
                  "                       scaled up (0: exact, whatever the size)\n" },
        { .long_name = "seed", .kind = CLI_COUNT, .target = &seed,
          .help = "      --seed N         seed of the sample (default 1)\n" },
        CLI_OPT_FORMAT(&format, FORMAT_HELP),
        CLI_OPT_END,
    };
    mg_bottlenecks *b = NULL;
    mg_org *org;
    mg_error err;
    mg_status st;
    char *text = NULL;
    int status;

    if (!(org = cli_parse_and_load(self, options, &in, argc, argv, &status)))
        return status;
    st = sample == (size_t)-1 ? mg_bottlenecks_find(org, &b, &err)
                              : mg_bottlenecks_sample(org, sample, seed, &b, &err);
    if (st == MG_OK)
        st = mg_bottlenecks_format(b, format, &text, &err);
    status = cli_print_result(st, text, &err);
    mg_bottlenecks_free(b);
    mg_org_free(org);
    return status;
}

/* ---- whatif and diff ----------------------------------------------------------- */

const char whatif_usage[] =
    "usage: mlops-graph whatif --remove NAME [--remove NAME ...] [options]\n"
    "\n"
    "What would change if roles or tools were gone. A removed role's work stays:\n"
    "each of its responsibilities becomes an unowned-responsibility gap. Gaps that\n"
    "appear; gaps that close (an improvement: all they name is still there); gaps\n"
    "gone with what was removed (no improvement); the handoff chains lost; the\n"
    "clusters before and after. Each NAME is a role (name or alias) or else a tool.\n"
    "\n"
    "Options:\n";

const char whatif_examples[] =
    "\n"
    "Example:\n"
    "  mlops-graph whatif --remove \"Machine Learning Engineers\"\n";

const char diff_usage[] =
    "usage: mlops-graph diff [options] OLD_DIR NEW_DIR\n"
    "\n"
    "What changed between two snapshots of an organisation (folders of CSV\n"
    "files): roles, tools and collaborations added and removed, the gaps that\n"
    "opened, closed (an improvement) or went with what was removed, handoff chains\n"
    "lost and gained, and the clusters. A responsibility of OLD whose capability no\n"
    "responsibility of NEW needs is an unowned-responsibility gap.\n"
    "\n"
    "Options:\n";

/* Prints comparison c, the outcome of a call that returned st, or the
 * error that made it fail (in err); frees c. */
static int print_comparison(mg_status st, mg_comparison *c, mg_format format, mg_error *err)
{
    char *text;
    int status;

    if (st != MG_OK || mg_comparison_format(c, format, &text, err) != MG_OK)
        status = cli_fail(err);
    else
        status = cli_print_text(text);
    mg_comparison_free(c);
    return status;
}

int cmd_whatif(const cli_command *self, int argc, char **argv)
{
    mg_format format = MG_FORMAT_TEXT;
    cli_list names = { calloc((size_t)argc + 1, sizeof *names.item), 0 };
    cli_input in = { 0 };
    const cli_option options[] = {
        { .long_name = "remove", .kind = CLI_LIST, .target = &names, .arg = CLI_ARG_ROLE_OR_TOOL,
          .help = "      --remove NAME    a role or tool to take away (repeatable)\n" },
        CLI_OPT_FORMAT(&format, FORMAT_HELP),
        CLI_OPT_END,
    };
    mg_comparison *c = NULL;
    mg_org *org = NULL;
    mg_error err;
    mg_status st;
    int status;

    if (!names.item)
        return EXIT_SYSTEM;
    status = cli_parse(self, options, &in, argc, argv);
    if (!status && !names.count)
        status = cli_usage_error(self->name, "%s", "name at least one role or tool with --remove");
    if (status || !(org = cli_load(&in, &status)))
        goto out;
    st = mg_whatif(org, names.item, names.count, NULL, &c, &err);
    status = print_comparison(st, c, format, &err);
out:
    mg_org_free(org);
    free(names.item);
    return status == CLI_HELP ? 0 : status;
}

int cmd_diff(const cli_command *self, int argc, char **argv)
{
    mg_format format = MG_FORMAT_TEXT;
    const cli_option options[] = {
        CLI_OPT_FORMAT(&format, FORMAT_HELP),
        CLI_OPT_END,
    };
    mg_org *old_org = NULL, *new_org = NULL;
    cli_input a = { 0 }, b = { 0 };
    char *title;
    int status = cli_parse(self, options, NULL, argc, argv);

    if (status)
        return status == CLI_HELP ? 0 : status;
    a.dir = argv[optind];
    b.dir = argv[optind + 1];
    if ((old_org = cli_load(&a, &status)) && (new_org = cli_load(&b, &status))) {
        mg_comparison *c = NULL;
        mg_error err;
        mg_status st;

        title = cli_format("Changes from %s to %s", a.dir, b.dir);
        if (!title) {
            status = cli_out_of_memory();
        } else {
            st = mg_compare(old_org, new_org, NULL, title, &c, &err);
            status = print_comparison(st, c, format, &err);
        }
        free(title);
    }
    mg_org_free(old_org);
    mg_org_free(new_org);
    return status;
}
