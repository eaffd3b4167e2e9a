/*
 * mlops-graph - the command-line tool: the table of subcommands, help, and
 * main. Each command lives with its usage text and its option table in
 * cmd_*.c; what they share (the option parser, input, messages) in cli.c.
 * Every computation lives in the library.
 *
 * Exit status: 0 success, 1 a check failed, 2 usage error, 3 bad input,
 * 4 internal or system error.
 */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

/* ---- help and the command table ---------------------------------------------- */

static int cmd_help(const cli_command *self, int argc, char **argv);

/* name, function, usage and epilogue (the help around the option table),
 * summary, and the words after the options (with the error when wrong, and
 * what they name) */
static const cli_command commands[] = {
    { "render", cmd_render, render_usage, render_examples,
      "draw the organisation (SVG, PNG, PDF, DOT)", 0, NULL, CLI_ARG_TEXT },
    { "validate", cmd_validate, validate_usage, NULL,
      "load the organisation; report counts and warnings", 0, NULL, CLI_ARG_TEXT },
    { "gaps", cmd_gaps, gaps_usage, NULL, "coverage gaps: where the organisation is exposed", 0,
      NULL, CLI_ARG_TEXT },
    { "clusters", cmd_clusters, clusters_usage, NULL, "roles that share a tool stack", 0, NULL,
      CLI_ARG_TEXT },
    { "path", cmd_path, path_usage, path_examples,
      "the cheapest handoff chain(s) between two roles", 2, "expected two role names: FROM TO",
      CLI_ARG_ROLE },
    { "paths", cmd_paths, paths_usage, NULL, "cheapest handoff costs between all roles", 0, NULL,
      CLI_ARG_TEXT },
    { "bottlenecks", cmd_bottlenecks, bottlenecks_usage, NULL, "roles ranked by betweenness", 0,
      NULL, CLI_ARG_TEXT },
    { "whatif", cmd_whatif, whatif_usage, whatif_examples,
      "what changes if roles or tools are gone", 0, NULL, CLI_ARG_TEXT },
    { "diff", cmd_diff, diff_usage, NULL, "what changed between two snapshots", 2,
      "expected two folders: OLD_DIR NEW_DIR", CLI_ARG_DIR },
    { "report", cmd_report, report_usage, NULL,
      "everything in one document (md, html, json, text)", 0, NULL, CLI_ARG_TEXT },
    { "export", cmd_export, export_usage, NULL,
      "GraphML, node-link JSON or our CSV, for other tools", 0, NULL, CLI_ARG_TEXT },
    { "roles", cmd_roles, roles_usage, NULL, "the names of the roles, one a line", 0, NULL,
      CLI_ARG_TEXT },
    { "generate", cmd_generate, generate_usage, generate_examples,
      "write a synthetic organisation (benchmarks)", 0, NULL, CLI_ARG_TEXT },
    { "help", cmd_help, NULL, NULL, "show help for a command", 0, NULL, CLI_ARG_TEXT },
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

static const cli_command *find_command(const char *name)
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

/* help CMD: what CMD --help prints, by running it so (the help of a
 * command is made from its option table, which lives with the command). */
static int cmd_help(const cli_command *self, int argc, char **argv)
{
    const cli_command *c;
    char help[] = "--help";
    char *args[3];

    (void)self;
    if (argc < 2 || strcmp(argv[1], "--help") == 0) {
        main_usage(stdout);
        return 0;
    }
    c = find_command(argv[1]);
    if (!c)
        return unknown_command(argv[1]);
    if (!c->usage) {
        main_usage(stdout);
        return 0;
    }
    args[0] = argv[1], args[1] = help, args[2] = NULL;
    return c->run(c, 2, args);
}

int main(int argc, char **argv)
{
    const cli_command *c;
    int status;

    /* A closed pipe is an ordinary end for a filter: see write errors as EPIPE. */
    signal(SIGPIPE, SIG_IGN);
    if (argc < 2) {
        main_usage(stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        main_usage(stdout);
        return cli_finish_output(0);
    }
    if (strcmp(argv[1], "--list-commands") == 0) { /* for completion (cli.h) */
        size_t i;

        for (i = 0; i < N_COMMANDS; i++)
            printf("%s\n", commands[i].name);
        return cli_finish_output(0);
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("mlops-graph %s\n", mg_version());
        printf("library %s, Graphviz %s, libcsv %s\n", mg_version(), mg_graphviz_version(),
               mg_libcsv_version());
        mg_shutdown();
        return cli_finish_output(0);
    }
    c = find_command(argv[1]);
    if (!c)
        return unknown_command(argv[1]);
    cli_start_progress();
    status = c->run(c, argc - 1, argv + 1);
    mg_shutdown(); /* nothing of the library's left for a leak checker */
    return cli_finish_output(status);
}
