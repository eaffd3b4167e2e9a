/*
 * cli.h - what the commands of mlops-graph share: the command table's
 * entry, option tables and their one parser, the input options, messages
 * and exit statuses. Private to tools/.
 */
#ifndef MG_CLI_H
#define MG_CLI_H

#include <stddef.h>

#include "mlopsgraph.h"

enum { EXIT_CHECK = 1, EXIT_USAGE = 2, EXIT_INPUT = 3, EXIT_SYSTEM = 4 };

/* cli_parse's status when it printed --help: the command stops, exit 0. */
#define CLI_HELP (-1)

extern const char *const progname;

/* ---- The command table ------------------------------------------------------- */

typedef struct cli_command cli_command;

/* What an option's argument names, for completion: 'mlops-graph CMD
 * --list-options' prints it, '--list-values' lists the words or names (see
 * cli_parse). A whole number (CLI_COUNT) is "number" whatever this says. */
typedef enum cli_arg {
    CLI_ARG_TEXT = 0,    /* free text: nothing to offer */
    CLI_ARG_WORD,        /* one of the words the option's .word lists */
    CLI_ARG_FILE,        /* a file (or a folder, where the option says so) */
    CLI_ARG_DIR,         /* a folder */
    CLI_ARG_WORD_OR_DIR, /* a word .word lists, or a folder (--reference) */
    CLI_ARG_ROLE,        /* a role of the organisation (name or alias) */
    CLI_ARG_ROLE_OR_TOOL, /* a role, or else a tool (whatif --remove) */
    CLI_ARG_COLUMN       /* a column of the organisation's roles.csv (--group-by) */
} cli_arg;

struct cli_command {
    const char *name;
    int (*run)(const cli_command *self, int argc, char **argv);
    const char *usage;          /* the usage line and description, up to "Options:\n" */
    const char *epilogue;       /* printed after the options (examples), or NULL */
    const char *summary;        /* its line in 'mlops-graph --help' */
    int operands;               /* how many words follow the options */
    const char *operands_error; /* the usage error when that is wrong (0: unexpected argument) */
    cli_arg operand;            /* what those words name */
};

/* ---- Option tables ------------------------------------------------------------ */

typedef enum cli_kind {
    CLI_END = 0, /* ends a table */
    CLI_FLAG,    /* no argument: *(int *)target = flag */
    CLI_STRING,  /* *(const char **)target = the argument */
    CLI_COUNT,   /* a whole number >= min, into *(size_t *)target and/or set_count */
    CLI_FORMAT,  /* text, json, csv, md or html: *(mg_format *)target */
    CLI_TEXT,    /* the argument, checked and applied by set_text */
    CLI_LIST,    /* repeatable: appended to *(cli_list *)target */
    CLI_PAIR,    /* two arguments, OPTION A B: (const char **)target gets both */
    CLI_OPTIONAL, /* OPTION [WORD]: the next word when it does not begin with '-'
                     (or NULL), checked and applied by set_text */
    CLI_REJECT   /* takes an argument, then is an invalid option (see cmd_paths) */
} cli_kind;

/* A repeatable option's arguments; item has room for argc entries. */
typedef struct cli_list {
    const char **item;
    size_t count;
} cli_list;

/* One option: its names, its argument, what it sets, its lines of --help.
 * The setters run as the option is read, so that of several bad options
 * the first one given is the one reported; a setter's failure is a usage
 * error quoting err->message. */
typedef struct cli_option {
    char short_name;       /* 'T', or 0 */
    const char *long_name; /* "format", or NULL */
    cli_kind kind;
    void *target;
    int flag;                   /* CLI_FLAG: the value stored */
    size_t min;                 /* CLI_COUNT: the smallest value allowed */
    const char *pair_error;     /* CLI_PAIR: the usage error without its second argument */
    void *data;                 /* passed to the setters */
    mg_status (*set_text)(void *data, const char *arg, mg_error *err);
    mg_status (*set_count)(void *data, size_t value, mg_error *err);
    const char *help; /* the option's lines in --help, or NULL */
    cli_arg arg;      /* what the argument names, for completion */
    /* CLI_ARG_WORD, CLI_ARG_WORD_OR_DIR: the i-th word the argument may be,
     * NULL past the last (for CLI_FORMAT, NULL here means every mg_format) */
    const char *(*word)(size_t i);
} cli_option;

#define FORMAT_HELP "      --format FORMAT  text (default), json, csv (the main table), md or html\n"

/* --format FORMAT, the output format of an analysis or a report. */
#define CLI_OPT_FORMAT(dest, help_text) \
    { .long_name = "format", .kind = CLI_FORMAT, .target = (dest), .help = (help_text) }
/* -o, --output FILE: '-' or none for standard output. */
#define CLI_OPT_OUTPUT(dest, help_text) \
    { .short_name = 'o', .long_name = "output", .kind = CLI_STRING, .target = (dest), \
      .help = (help_text), .arg = CLI_ARG_FILE }
#define CLI_OPT_END { .kind = CLI_END }

/* ---- Input: which organisation a command reads ---------------------------------- */

typedef struct cli_input {
    const char *dir;
    const char *file[MG_TABLE_COUNT];
    int strict; /* --strict: a load warning is an error (exit 3) */
} cli_input;

/*
 * Reads the options of argv (argv[0] is the command's name) by the table,
 * plus the input options into *in when in is not NULL, plus --help; then
 * checks that self->operands words follow (left at argv[optind]). Returns
 * 0, CLI_HELP after printing the command's help, or the exit status of a
 * usage error it reported.
 *
 * Two options of every command are for completion (the man page documents
 * them; --help does not): --list-options prints the options, one a line:
 * the names, a tab, what the argument names ("none" for a flag, "number",
 * "text", "word", "file", "dir", "word|dir", "role", "role|tool",
 * "column"; two words for an option that takes two, "[word]" for an
 * optional one), and a tab and "input" for the input options; the words
 * after the options as a line named "operands". --list-values OPTION
 * prints what OPTION's argument may be (OPTION as typed, "-T" or
 * "--format", or "operands"), one a line: its words, or the names of the
 * organisation the input options name. Both then end the command (CLI_HELP
 * after printing, as for --help).
 */
int cli_parse(const cli_command *self, const cli_option *options, cli_input *in, int argc,
              char **argv);

/* MG_EINVAL with "unknown WHAT 'ARG' (expected a, b or c)" in *err, the
 * words those of a word function (cli_option's .word). */
mg_status cli_unknown_word(mg_error *err, const char *what, const char *arg,
                           const char *(*word)(size_t i));

/* Prints the command's help: usage, options, input options, epilogue. */
void cli_print_help(const cli_command *self, const cli_option *options, int reads_input);

/* The organisation the input options name (default: the reference model);
 * on failure reports, sets *status and returns NULL. */
mg_org *cli_load(const cli_input *in, int *status);
/* cli_parse, then cli_load: the organisation, or NULL with *status the
 * command's exit status (0 after printing the help). */
mg_org *cli_parse_and_load(const cli_command *self, const cli_option *options, cli_input *in,
                           int argc, char **argv, int *status);
/* --reference builtin|DIR: loads that organisation and sets it as the gaps'
 * reference; the caller frees it after the gaps. NULL as cli_load. */
mg_org *cli_load_reference(const char *reference, mg_gaps_opts *opts, int *status);

/* ---- Messages and output ------------------------------------------------------------ */

/* Reports a library error; returns its exit status. */
int cli_fail(const mg_error *e);
/* "mlops-graph: MESSAGE\nTry 'mlops-graph CMD --help'."; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int cli_out_of_memory(void);
/* Writes data to standard output, the one way data gets there: a progress
 * line on the terminal is cleared first, so data never follows it on its
 * line. (Write errors are judged once, by cli_finish_output.) */
void cli_put_data(const char *data, size_t len);
/* Writes text to FILE atomically, or to standard output for NULL or "-". */
int cli_write_output(const char *output, const char *text);
/* Prints a text the library formatted and frees it; returns 0. */
int cli_print_text(char *text);
/* The end of a command that formats a result: st and err are those of the
 * analysis and the formatting (the first failure); prints text (MG_OK) or
 * reports the error. Returns the exit status. */
int cli_print_result(mg_status st, char *text, const mg_error *err);
/* A copy of the printf result, or NULL when out of memory; free() it. */
char *cli_format(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Progress on a terminal (standard error), and the end of every command. */
void cli_start_progress(void);
int cli_finish_output(int status);

/* ---- The commands ------------------------------------------------------------------ */

#define CLI_COMMAND(name)                                    \
    int cmd_##name(const cli_command *self, int argc, char **argv); \
    extern const char name##_usage[]

CLI_COMMAND(render);
CLI_COMMAND(validate);
CLI_COMMAND(gaps);
CLI_COMMAND(clusters);
CLI_COMMAND(path);
CLI_COMMAND(paths);
CLI_COMMAND(bottlenecks);
CLI_COMMAND(whatif);
CLI_COMMAND(diff);
CLI_COMMAND(report);
CLI_COMMAND(export);
CLI_COMMAND(roles);
CLI_COMMAND(generate);

extern const char render_examples[], path_examples[], whatif_examples[], generate_examples[];

/* The options of the gaps search that gaps and report share: --kind,
 * --exclude-kind, --limit, --all, --baseline, --min-roles, --min-people,
 * --min-shared, --max-pairs, --max-latent, --reference (cmd_analyses.c). */
#define CLI_GAP_OPTIONS 11
typedef struct cli_gap_args {
    mg_gaps_opts *opts; /* made by the caller */
    const char *reference, *baseline;
    int all;
    mg_org *ref;       /* loaded by cli_gap_prepare */
    mg_baseline *base;
} cli_gap_args;

/* Copies the CLI_GAP_OPTIONS options into o; returns their number. */
size_t cli_gap_options(cli_option *o, cli_gap_args *g);
/* After parsing: loads the reference and the baseline, applies --all.
 * Returns 0, or the exit status of a failure (already reported). */
int cli_gap_prepare(cli_gap_args *g);
void cli_gap_args_free(cli_gap_args *g);
/* The severities an option takes, worst first: high, medium, low. */
const char *cli_severity_word(size_t i);

#endif
