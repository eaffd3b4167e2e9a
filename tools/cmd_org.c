/*
 * cmd_org.c - the commands about the organisation itself rather than an
 * analysis of it: validate, roles, export and generate.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* ---- validate ---------------------------------------------------------------- */

const char validate_usage[] =
    "usage: mlops-graph validate [options]\n"
    "\n"
    "Load the organisation and report what was read: counts of roles, tools,\n"
    "capabilities, responsibilities, role-tool uses and collaborations, rows\n"
    "merged as duplicates, and warnings. Exit status 0 when the input loads,\n"
    "3 when it does not (the message names file:line:column).\n"
    "\n"
    "Options:\n";

int cmd_validate(const cli_command *self, int argc, char **argv)
{
    mg_format format = MG_FORMAT_TEXT;
    cli_input in = { 0 };
    const cli_option options[] = {
        CLI_OPT_FORMAT(&format, "      --format FORMAT  text (default), json, csv, md or html\n"),
        CLI_OPT_END,
    };
    mg_org *org;
    mg_error err;
    mg_status st;
    char *text = NULL;
    size_t i, n;
    int status;

    if (!(org = cli_parse_and_load(self, options, &in, argc, argv, &status)))
        return status;
    st = mg_org_summary_format(org, format, &text, &err);
    status = cli_print_result(st, text, &err);
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

/* ---- roles --------------------------------------------------------------------------- */

const char roles_usage[] =
    "usage: mlops-graph roles [options]\n"
    "\n"
    "The names of the organisation's roles, one a line, in name order (what\n"
    "path, whatif and render --path accept, besides aliases).\n"
    "\n"
    "Options:\n";

int cmd_roles(const cli_command *self, int argc, char **argv)
{
    const cli_option options[] = { CLI_OPT_END };
    cli_input in = { 0 };
    mg_org *org;
    size_t i;
    int status;

    if (!(org = cli_parse_and_load(self, options, &in, argc, argv, &status)))
        return status;
    for (i = 0; i < mg_org_role_count(org); i++) {
        const char *name = mg_org_role_name(org, i);

        cli_put_data(name, strlen(name));
        cli_put_data("\n", 1);
    }
    mg_org_free(org);
    return 0;
}

/* ---- export ------------------------------------------------------------------------ */

const char export_usage[] =
    "usage: mlops-graph export -T FORMAT [-o FILE|DIR] [options]\n"
    "\n"
    "The organisation for other tools:\n"
    "  graphml  GraphML with typed keys (node type, name, summary, cluster,\n"
    "           aliases, headcount; edge relation, handoff, direction, weight,\n"
    "           responsibility) for Gephi, Cytoscape and yEd\n"
    "  json     node-link JSON, as NetworkX's node_link_graph and d3 read it\n"
    "  csv      the four CSV files of the input format, written into the folder\n"
    "           -o names (created if needed); loading them gives the same\n"
    "           organisation back\n"
    "\n"
    "GraphML and json carry every extra column of the tables (team,\n"
    "department...): roles' and tools' on their nodes, collaborations' and\n"
    "responsibilities' on their edges; a number when every value is a plain\n"
    "decimal, else text; named csv:NAME when the export has a field of that\n"
    "name (csv:type).\n"
    "\n"
    "Options:\n";

/* -T csv: the four tables, each a file in the folder (created if need be). */
static int export_tables(const mg_org *org, const char *folder)
{
    mg_error err;
    char *text, *path;
    int t, status = 0;

    if (mkdir(folder, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "%s: %s: cannot create folder: %s\n", progname, folder, strerror(errno));
        return EXIT_SYSTEM;
    }
    for (t = 0; t < MG_TABLE_COUNT && !status; t++) {
        if (mg_export_table(org, (mg_table)t, &text, &err) != MG_OK)
            return cli_fail(&err);
        if (!text)
            continue;
        if (!(path = cli_format("%s/%s", folder, mg_table_file_name((mg_table)t))))
            status = cli_out_of_memory();
        else if (mg_write_file(path, text, strlen(text), &err) != MG_OK)
            status = cli_fail(&err);
        free(path);
        mg_free(text);
    }
    return status;
}

static const char *export_format_word(size_t i)
{
    return mg_export_format_name((mg_export_format)i);
}

/* The export's format (parsed into *format) and output, checked before
 * anything is loaded. */
static int check_export(const cli_command *self, const char *name, const char *output,
                        mg_export_format *format)
{
    mg_error err;

    if (!name)
        return cli_usage_error(self->name, "%s", "name a format with -T: graphml, json or csv");
    if (mg_export_format_from_name(name, format, &err) != MG_OK)
        return cli_usage_error(self->name, "%s", err.message);
    if (*format == MG_EXPORT_CSV && !output)
        return cli_usage_error(self->name, "%s", "-T csv writes four files: name a folder with -o");
    return 0;
}

int cmd_export(const cli_command *self, int argc, char **argv)
{
    const char *format_name = NULL, *output = NULL;
    mg_export_format format = MG_EXPORT_GRAPHML;
    cli_input in = { 0 };
    const cli_option options[] = {
        { .short_name = 'T', .long_name = "format", .kind = CLI_STRING, .target = &format_name,
          .arg = CLI_ARG_WORD, .word = export_format_word,
          .help = "  -T, --format FORMAT  graphml, json or csv\n" },
        CLI_OPT_OUTPUT(&output, "  -o, --output PATH    a file (graphml, json; default standard output) or a\n"
                                "                       folder (csv, required); files are written atomically\n"),
        CLI_OPT_END,
    };
    mg_org *org;
    mg_error err;
    char *text = NULL;
    int status = cli_parse(self, options, &in, argc, argv);

    if (!status)
        status = check_export(self, format_name, output, &format);
    if (status)
        return status == CLI_HELP ? 0 : status;
    if (!(org = cli_load(&in, &status)))
        return status;
    if (format == MG_EXPORT_CSV)
        status = export_tables(org, output);
    else if (mg_export(org, format, &text, &err) != MG_OK)
        status = cli_fail(&err);
    else
        status = cli_write_output(output, text);
    mg_free(text);
    mg_org_free(org);
    return status;
}

/* ---- generate ------------------------------------------------------------------ */

const char generate_usage[] =
    "usage: mlops-graph generate -d DIR [options]\n"
    "\n"
    "Write a synthetic organisation, for benchmarks and trials at scale: roles in\n"
    "departments of about forty, a few hub tools most roles use beside tools\n"
    "local to each department, collaborations mostly inside a department. Every\n"
    "row is distinct, so the organisation loads with exactly these counts. The\n"
    "same options write the same files.\n"
    "\n"
    "Options:\n";

const char generate_examples[] =
    "\n"
    "Example (a million edges, as in bench/run):\n"
    "  mlops-graph generate --roles 100000 --tools 20000 --uses 700000 \\\n"
    "      --collaborations 300000 -d big\n";

int cmd_generate(const cli_command *self, int argc, char **argv)
{
    mg_generate_spec spec = { 100, 20, 700, 300, 1 };
    const char *dir = NULL;
    size_t seed = 1;
    const cli_option options[] = {
        { .short_name = 'd', .long_name = "dir", .kind = CLI_STRING, .target = &dir,
          .arg = CLI_ARG_DIR,
          .help = "  -d, --dir DIR             write DIR/roles.csv, responsibilities.csv,\n"
                  "                            tools.csv and collaborations.csv (DIR is created)\n" },
        { .long_name = "roles", .kind = CLI_COUNT, .target = &spec.roles,
          .help = "      --roles N             roles (default 100)\n" },
        { .long_name = "tools", .kind = CLI_COUNT, .target = &spec.tools,
          .help = "      --tools N             tools (default 20)\n" },
        { .long_name = "uses", .kind = CLI_COUNT, .target = &spec.uses,
          .help = "      --uses N              role-tool rows (default 700)\n" },
        { .long_name = "collaborations", .kind = CLI_COUNT, .target = &spec.collaborations,
          .help = "      --collaborations N    role-role rows (default 300)\n" },
        { .long_name = "seed", .kind = CLI_COUNT, .target = &seed,
          .help = "      --seed N              seed of the random numbers (default 1)\n" },
        CLI_OPT_END,
    };
    mg_error err;
    int status = cli_parse(self, options, NULL, argc, argv);

    if (status)
        return status == CLI_HELP ? 0 : status;
    if (!dir)
        return cli_usage_error(self->name, "%s", "-d DIR is required: the folder to write");
    spec.seed = seed;
    if (mg_generate(&spec, dir, &err) != MG_OK)
        return err.code == MG_EINVAL ? cli_usage_error(self->name, "%s", err.message)
                                     : cli_fail(&err);
    return 0;
}
