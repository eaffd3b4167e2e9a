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

#include "mlopsgraph.h"

enum { EXIT_CHECK = 1, EXIT_USAGE = 2, EXIT_INPUT = 3, EXIT_SYSTEM = 4 };

static const char *progname = "mlops-graph";

/* ---- Messages --------------------------------------------------------------- */

static void report(const mg_error *e)
{
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
    "  -K, --engine ENGINE  layout: dot (default), neato, fdp, sfdp, circo,\n"
    "                       twopi or osage\n"
    "      --tools          draw tools (default)\n"
    "      --no-tools       draw roles and handoffs only\n"
    INPUT_OPTIONS_HELP
    "\n"
    "Examples:\n"
    "  mlops-graph render > org.svg\n"
    "  mlops-graph render -d my-org --no-tools -T png -o org.png\n";

static int cmd_render(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, 'T' },
        { "output", required_argument, NULL, 'o' },
        { "engine", required_argument, NULL, 'K' },
        { "tools", no_argument, NULL, OPT_TOOLS },
        { "no-tools", no_argument, NULL, OPT_NO_TOOLS },
        INPUT_LONG_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    input in = { 0 };
    mg_render_opts *opts = mg_render_opts_new();
    const char *output = NULL;
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
        case OPT_HELP: fputs(render_usage, stdout); goto out;
        default: status = usage_error("render", "%s", "invalid option"); goto out;
        }
    }
    if (optind < argc) {
        status = usage_error("render", "unexpected argument '%s'", argv[optind]);
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
    "      --format FORMAT  text (default) or json\n"
    INPUT_OPTIONS_HELP;

static int cmd_validate(int argc, char **argv)
{
    static const struct option longopts[] = {
        { "format", required_argument, NULL, OPT_FORMAT },
        INPUT_LONG_OPTIONS,
        { NULL, 0, NULL, 0 },
    };
    input in = { 0 };
    const char *format = "text";
    mg_org *org;
    mg_error err;
    size_t i, n;
    int opt, status = 0;

    while ((opt = getopt_long(argc, argv, "d:", longopts, NULL)) != -1) {
        if (input_option(&in, opt, optarg))
            continue;
        switch (opt) {
        case OPT_FORMAT: format = optarg; break;
        case OPT_HELP: fputs(validate_usage, stdout); return 0;
        default: return usage_error("validate", "%s", "invalid option");
        }
    }
    if (optind < argc)
        return usage_error("validate", "unexpected argument '%s'", argv[optind]);
    if (strcmp(format, "text") != 0 && strcmp(format, "json") != 0)
        return usage_error("validate", "unknown format '%s' (expected text or json)", format);
    if (!(org = load(&in, &status)))
        return status;
    if (strcmp(format, "json") == 0) {
        char *json;

        if (mg_org_summary_to_json(org, &json, &err) != MG_OK) {
            status = fail(&err);
        } else {
            fputs(json, stdout);
            mg_free(json);
        }
    } else {
        n = mg_org_warning_count(org);
        printf("roles             %zu\n", mg_org_role_count(org));
        printf("tools             %zu\n", mg_org_tool_count(org));
        printf("capabilities      %zu\n", mg_org_capability_count(org));
        printf("responsibilities  %zu\n", mg_org_responsibility_count(org));
        printf("uses              %zu\n", mg_org_use_count(org));
        printf("collaborations    %zu\n", mg_org_collaboration_count(org));
        printf("merged duplicates %zu\n", mg_org_merged_count(org));
        printf("warnings          %zu\n", n);
        for (i = 0; i < n; i++) {
            mg_org_warning(org, i, &err);
            fprintf(stderr, "%s: warning: %s:%zu:%zu: %s\n", progname, err.source, err.line,
                    err.column, err.message);
        }
    }
    mg_org_free(org);
    return status;
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
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
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
    return finish_output(c->run(argc - 1, argv + 1));
}
