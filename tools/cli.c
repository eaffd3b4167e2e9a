/*
 * cli.c - what every command of mlops-graph shares: the option parser that
 * reads a command's option table, the input options, messages, exit
 * statuses, output, and progress on a terminal.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

const char *const progname = "mlops-graph";

/* ---- Progress, on a terminal only ------------------------------------------ */

/* After a second of work (MLOPS_GRAPH_PROGRESS_AFTER seconds, for tests),
 * the phase and its percentage on one line of standard error, rewritten in
 * place (carriage return, padded with spaces: no terminal escapes) at most
 * ten times a second; cleared before any message, before data (cli_put_data)
 * and at the end. */
static struct timespec started, last_shown;
static double progress_after = 1.0;
static int progress_shown;

static double seconds_since(const struct timespec *t)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - t->tv_sec) + (double)(now.tv_nsec - t->tv_nsec) / 1e9;
}

static int show_progress(const char *phase, double fraction, void *data)
{
    static char last_phase[64];

    (void)data;
    if (seconds_since(&started) < progress_after ||
        (progress_shown && seconds_since(&last_shown) < 0.1 && strcmp(phase, last_phase) == 0))
        return 0;
    snprintf(last_phase, sizeof last_phase, "%s", phase);
    if (fraction >= 0)
        fprintf(stderr, "\r%s: %3.0f%%%-20s", phase, 100 * fraction, "");
    else
        fprintf(stderr, "\r%s ...%-20s", phase, "");
    fflush(stderr);
    clock_gettime(CLOCK_MONOTONIC, &last_shown);
    progress_shown = 1;
    return 0; /* never cancels: Ctrl-C ends the process */
}

static void clear_progress(void)
{
    if (progress_shown)
        fprintf(stderr, "\r%-60s\r", "");
    progress_shown = 0;
}

void cli_start_progress(void)
{
    const char *after;

    if (!isatty(STDERR_FILENO))
        return;
    after = getenv("MLOPS_GRAPH_PROGRESS_AFTER");
    if (after && *after)
        progress_after = strtod(after, NULL);
    clock_gettime(CLOCK_MONOTONIC, &started);
    mg_set_progress(show_progress, NULL);
}

/* ---- Messages --------------------------------------------------------------- */

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

int cli_fail(const mg_error *e)
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
    return exit_status(e->code);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
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

int cli_out_of_memory(void)
{
    clear_progress();
    fprintf(stderr, "%s: out of memory\n", progname);
    return EXIT_SYSTEM;
}

char *cli_format(const char *fmt, ...)
{
    va_list ap;
    char *s;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !(s = malloc((size_t)n + 1)))
        return NULL;
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
}

/* The words of a word function joined as a message lists them, "a, b or
 * c", into out (always terminated). */
static void join_words(const char *(*word)(size_t i), char *out, size_t size)
{
    size_t i, len = 0;
    const char *w;

    out[0] = '\0';
    for (i = 0; (w = word(i)) != NULL && len < size; i++)
        len += (size_t)snprintf(out + len, size - len, "%s%s",
                                i == 0 ? "" : word(i + 1) ? ", " : " or ", w);
}

mg_status cli_unknown_word(mg_error *err, const char *what, const char *arg,
                           const char *(*word)(size_t i))
{
    char expected[256];

    join_words(word, expected, sizeof expected);
    err->code = MG_EINVAL;
    err->source[0] = '\0';
    err->line = err->column = 0;
    snprintf(err->message, sizeof err->message, "unknown %s '%s' (expected %s)", what,
             arg ? arg : "(null)", expected);
    return MG_EINVAL;
}

/* ---- Output ------------------------------------------------------------------ */

void cli_put_data(const char *data, size_t len)
{
    clear_progress(); /* standard error may be the same terminal */
    fwrite(data, 1, len, stdout);
}

int cli_write_output(const char *output, const char *text)
{
    mg_error err;

    if (output && strcmp(output, "-") != 0) {
        if (mg_write_file(output, text, strlen(text), &err) != MG_OK)
            return cli_fail(&err);
        return 0;
    }
    cli_put_data(text, strlen(text));
    return 0;
}

int cli_print_text(char *text)
{
    cli_put_data(text, strlen(text));
    mg_free(text);
    return 0;
}

int cli_print_result(mg_status st, char *text, const mg_error *err)
{
    return st == MG_OK ? cli_print_text(text) : cli_fail(err);
}

/* Standard output carries data: a write error is an error, not a truncation.
 * (errno here is stdio's, from fflush or the failed write before it.) */
int cli_finish_output(int status)
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

/* ---- Input ------------------------------------------------------------------ */

static const char input_help[] =
    "Input (default: the built-in reference model):\n"
    "  -d, --dir DIR                   read DIR/roles.csv, responsibilities.csv,\n"
    "                                  tools.csv and collaborations.csv\n"
    "      --roles-csv FILE            read roles from FILE ('-' for standard input)\n"
    "      --responsibilities-csv FILE read responsibilities from FILE\n"
    "      --tools-csv FILE            read tools from FILE\n"
    "      --collaborations-csv FILE   read collaborations from FILE\n"
    "      --strict                    every load warning (a role not in roles.csv,\n"
    "                                  a near miss) is an error: exit status 3\n";

static const char *const table_option[MG_TABLE_COUNT] = {
    [MG_TABLE_ROLES] = "roles-csv",
    [MG_TABLE_RESPONSIBILITIES] = "responsibilities-csv",
    [MG_TABLE_TOOLS] = "tools-csv",
    [MG_TABLE_COLLABORATIONS] = "collaborations-csv",
};

/* The input options, in the order getopt lists ambiguous abbreviations. */
static size_t input_options(cli_input *in, cli_option *o)
{
    static const mg_table order[MG_TABLE_COUNT] = { MG_TABLE_ROLES, MG_TABLE_RESPONSIBILITIES,
                                                    MG_TABLE_TOOLS, MG_TABLE_COLLABORATIONS };
    size_t i;

    o[0] = (cli_option){ .short_name = 'd', .long_name = "dir", .kind = CLI_STRING,
                         .target = (void *)&in->dir, .arg = CLI_ARG_DIR };
    for (i = 0; i < MG_TABLE_COUNT; i++)
        o[1 + i] = (cli_option){ .long_name = table_option[order[i]], .kind = CLI_STRING,
                                 .target = (void *)&in->file[order[i]], .arg = CLI_ARG_FILE };
    o[1 + MG_TABLE_COUNT] = (cli_option){ .long_name = "strict", .kind = CLI_FLAG, .flag = 1,
                                          .target = (void *)&in->strict };
    return 2 + MG_TABLE_COUNT;
}

mg_org *cli_load(const cli_input *in, int *status)
{
    mg_error err;
    mg_org *org = mg_org_new();
    int t, any = in->dir != NULL;

    if (!org) {
        *status = cli_out_of_memory();
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
    if (in->strict && mg_org_warning_count(org)) {
        size_t i, n = mg_org_warning_count(org);

        for (i = 0; i < n; i++) {
            mg_org_warning(org, i, &err);
            err.code = MG_EINPUT;
            *status = cli_fail(&err);
        }
        mg_org_free(org);
        return NULL;
    }
    return org;
fail:
    *status = cli_fail(&err);
    mg_org_free(org);
    return NULL;
}

mg_org *cli_parse_and_load(const cli_command *self, const cli_option *options, cli_input *in,
                           int argc, char **argv, int *status)
{
    *status = cli_parse(self, options, in, argc, argv);
    if (*status) {
        if (*status == CLI_HELP)
            *status = 0;
        return NULL;
    }
    return cli_load(in, status);
}

mg_org *cli_load_reference(const char *reference, mg_gaps_opts *opts, int *status)
{
    cli_input in = { 0 };
    mg_org *ref;

    if (strcmp(reference, "builtin") != 0)
        in.dir = reference;
    if ((ref = cli_load(&in, status)) != NULL)
        mg_gaps_opts_set_reference(opts, ref);
    return ref;
}

/* ---- Help ------------------------------------------------------------------- */

void cli_print_help(const cli_command *self, const cli_option *options, int reads_input)
{
    const cli_option *o;

    fputs(self->usage, stdout);
    for (o = options; o->kind != CLI_END; o++)
        if (o->help)
            fputs(o->help, stdout);
    if (reads_input)
        fputs(input_help, stdout);
    if (self->epilogue)
        fputs(self->epilogue, stdout);
}

/* ---- The option parser -------------------------------------------------------- */

/* getopt_long's value for option i of the table: its letter, or past them. */
#define LONG_ONLY(i) (256 + (int)(i))

/* The option as the user may spell it, for messages: "--min-roles", "-k",
 * "-d/--dir". */
static void option_name(const cli_option *o, char *name, size_t size)
{
    if (o->long_name && o->short_name)
        snprintf(name, size, "-%c/--%s", o->short_name, o->long_name);
    else if (o->long_name)
        snprintf(name, size, "--%s", o->long_name);
    else
        snprintf(name, size, "-%c", o->short_name);
}

/* An argument that looks like an option ("--clusters", "-k"; "-" is
 * standard input): where a value must be, the user left it out. */
static int looks_like_option(const char *arg)
{
    return arg[0] == '-' && arg[1] != '\0';
}

/* A whole number for an option; usage error otherwise. */
static int parse_count(const char *cmd, const cli_option *o, const char *arg, size_t *value)
{
    char name[64];
    char *end;
    unsigned long long v;

    option_name(o, name, sizeof name);
    errno = 0;
    /* digits only: strtoull alone would take blanks before, a sign, and
     * wrap a minus around */
    v = strtoull(arg, &end, 10);
    if (!*arg || arg[strspn(arg, "0123456789")] || errno || v > (unsigned long long)(size_t)-1)
        return cli_usage_error(cmd, "%s needs a whole number, not '%s'", name, arg);
    if (v < o->min)
        return cli_usage_error(cmd, "%s must be at least %zu", name, o->min);
    *value = (size_t)v;
    return 0;
}

/* CLI_COUNT: the number, stored and/or handed to its setter. */
static int take_count(const char *cmd, const cli_option *o, const char *arg)
{
    mg_error err;
    size_t n = 0;
    int status = parse_count(cmd, o, arg, &n);

    if (status)
        return status;
    if (o->target)
        *(size_t *)o->target = n;
    if (o->set_count && o->set_count(o->data, n, &err) != MG_OK)
        return cli_usage_error(cmd, "%s", err.message);
    return 0;
}

/* Does what option o says with its argument; returns 0 or a usage error. */
static int take_option(const char *cmd, const cli_option *o, const char *arg, int argc,
                       char **argv)
{
    mg_error err;
    char name[64];

    switch (o->kind) {
    case CLI_FLAG: *(int *)o->target = o->flag; return 0;
    case CLI_STRING:
        /* a file or folder named '' names nothing (and "report -o ''" would
         * write a picture called ".svg") */
        if (!*arg) {
            option_name(o, name, sizeof name);
            return cli_usage_error(cmd, "%s needs a name, not ''", name);
        }
        *(const char **)o->target = arg;
        return 0;
    case CLI_COUNT: return take_count(cmd, o, arg);
    case CLI_FORMAT:
        if (mg_format_from_name(arg, (mg_format *)o->target, &err) != MG_OK)
            return cli_usage_error(cmd, "%s", err.message);
        return 0;
    case CLI_TEXT:
        if (o->set_text(o->data, arg, &err) != MG_OK)
            return cli_usage_error(cmd, "%s", err.message);
        return 0;
    case CLI_LIST: {
        cli_list *list = o->target;

        list->item[list->count++] = arg;
        return 0;
    }
    case CLI_OPTIONAL:
        arg = optind < argc && argv[optind][0] != '-' ? argv[optind++] : NULL;
        if (o->set_text(o->data, arg, &err) != MG_OK)
            return cli_usage_error(cmd, "%s", err.message);
        return 0;
    case CLI_PAIR:
        /* OPTION A B: the second word is the next argument; an option in
         * either place means a word is missing, not a name */
        if (optind >= argc)
            return cli_usage_error(cmd, "%s", o->pair_error);
        if (looks_like_option(arg) || looks_like_option(argv[optind]))
            return cli_usage_error(cmd, "%s, not the option '%s'", o->pair_error,
                                   looks_like_option(arg) ? arg : argv[optind]);
        ((const char **)o->target)[0] = arg;
        ((const char **)o->target)[1] = argv[optind++];
        return 0;
    default: return cli_usage_error(cmd, "%s", "invalid option");
    }
}

/* getopt_long's tables for the options: longopts (the long names and
 * --help) and shorts (the letters); 0, or -1 when out of memory. */
static int getopt_tables(const cli_option *o, size_t n, struct option **longopts, char **shorts)
{
    size_t i, k = 0, s = 0;

    *longopts = calloc(n + 2, sizeof **longopts);
    *shorts = malloc(2 * n + 1);
    if (!*longopts || !*shorts)
        return -1;
    for (i = 0; i < n; i++) {
        int has_arg = o[i].kind == CLI_FLAG || o[i].kind == CLI_OPTIONAL ? no_argument
                                                                          : required_argument;
        int val = o[i].short_name ? o[i].short_name : LONG_ONLY(i);

        if (o[i].short_name) {
            (*shorts)[s++] = o[i].short_name;
            if (has_arg)
                (*shorts)[s++] = ':';
        }
        if (o[i].long_name)
            (*longopts)[k++] = (struct option){ o[i].long_name, has_arg, NULL, val };
    }
    (*longopts)[k] = (struct option){ "help", no_argument, NULL, LONG_ONLY(n) };
    (*shorts)[s] = '\0';
    return 0;
}

/* The command's options (*own of them) followed by the input options: one
 * table of *n. */
static cli_option *whole_table(const cli_option *options, cli_input *in, size_t *n, size_t *own)
{
    size_t i;
    cli_option *all;

    for (*own = 0; options[*own].kind != CLI_END;)
        ++*own;
    if (!(all = calloc(*own + MG_TABLE_COUNT + 3, sizeof *all))) /* -d, --strict, the end */
        return NULL;
    for (i = 0; i < *own; i++)
        all[i] = options[i];
    *n = *own + (in ? input_options(in, all + *own) : 0);
    return all;
}

/* Standard input ('-') can feed one table only: the second would find it
 * empty. */
static int check_input(const cli_command *self, const cli_input *in)
{
    int t, first = -1;

    for (t = 0; t < MG_TABLE_COUNT; t++) {
        if (!in->file[t] || strcmp(in->file[t], "-") != 0)
            continue;
        if (first >= 0)
            return cli_usage_error(self->name,
                                   "--%s and --%s both read standard input ('-'): only one "
                                   "table can",
                                   table_option[first], table_option[t]);
        first = t;
    }
    return 0;
}

/* The words after the options: as many as the command takes. */
static int check_operands(const cli_command *self, int argc, char **argv)
{
    if (self->operands_error && argc - optind != self->operands)
        return cli_usage_error(self->name, "%s", self->operands_error);
    if (!self->operands_error && optind < argc)
        return cli_usage_error(self->name, "unexpected argument '%s'", argv[optind]);
    return 0;
}

static int read_options(const cli_command *self, const cli_option *all, size_t n,
                        const struct option *longopts, const char *shorts, int argc, char **argv,
                        int listing)
{
    int opt, status;
    size_t i;

    while ((opt = getopt_long(argc, argv, shorts, longopts, NULL)) != -1) {
        if (opt == LONG_ONLY(n))
            return CLI_HELP;
        for (i = 0; i < n; i++)
            if (opt == (all[i].short_name ? all[i].short_name : LONG_ONLY(i)))
                break;
        if (i == n)
            return cli_usage_error(self->name, "%s", "invalid option");
        if ((status = take_option(self->name, &all[i], optarg, argc, argv)) != 0)
            return status;
    }
    return listing ? 0 : check_operands(self, argc, argv);
}

/* ---- What completion asks: --list-options and --list-values (cli.h) ---------- */

static const char *format_word(size_t i)
{
    return mg_format_name((mg_format)i);
}

/* What an argument names, as --list-options prints it. */
static const char *const arg_names[] = {
    [CLI_ARG_TEXT] = "text", [CLI_ARG_WORD] = "word",          [CLI_ARG_FILE] = "file",
    [CLI_ARG_DIR] = "dir",   [CLI_ARG_WORD_OR_DIR] = "word|dir", [CLI_ARG_ROLE] = "role",
    [CLI_ARG_ROLE_OR_TOOL] = "role|tool", [CLI_ARG_COLUMN] = "column",
};

/* What option o's argument names: .arg, but for the kinds that say it
 * themselves (a flag and a number: nothing to offer; a format: its words). */
static cli_arg option_arg(const cli_option *o)
{
    switch (o->kind) {
    case CLI_FLAG:
    case CLI_COUNT: return CLI_ARG_TEXT;
    case CLI_FORMAT: return CLI_ARG_WORD;
    default: return o->arg;
    }
}

static const char *arg_name(const cli_option *o)
{
    return o->kind == CLI_FLAG    ? "none"
           : o->kind == CLI_COUNT ? "number"
                                  : arg_names[option_arg(o)];
}

static int list_options(const cli_command *self, const cli_option *all, size_t n, size_t own)
{
    size_t i, k;

    for (i = 0; i < n; i++) {
        const cli_option *o = &all[i];

        if (o->kind == CLI_REJECT)
            continue;
        if (o->short_name)
            printf("-%c%s", o->short_name, o->long_name ? " " : "");
        if (o->long_name)
            printf("--%s", o->long_name);
        if (o->kind == CLI_PAIR)
            printf("\t%s %s", arg_name(o), arg_name(o));
        else if (o->kind == CLI_OPTIONAL)
            printf("\t[%s]", arg_name(o));
        else
            printf("\t%s", arg_name(o));
        fputs(i >= own ? "\tinput\n" : "\n", stdout);
    }
    fputs("--help\tnone\n", stdout);
    if (self->operands) {
        fputs("operands", stdout);
        for (k = 0; k < (size_t)self->operands; k++)
            printf("%c%s", k ? ' ' : '\t', arg_names[self->operand]);
        fputs("\n", stdout);
    }
    return CLI_HELP;
}

static void put_line(const char *s, size_t len)
{
    cli_put_data(s, len);
    cli_put_data("\n", 1);
}

/* Reads the CSV cell at *p into cell (room for the whole text): unquoted,
 * quotes doubled inside quotes undone, and without the "'" that guards it
 * from spreadsheets (which the loader drops too). Leaves *p past the cell
 * and its comma or line end; returns whether the cell ended its record. */
static int read_cell(const char **p, char *cell)
{
    const char *s = *p;
    char *out = cell;
    int quoted = *s == '"', last;

    for (s += quoted; *s; s++) {
        if (quoted && *s == '"' && s[1] == '"')
            *out++ = *s++;
        else if (quoted && *s == '"')
            quoted = 0;
        else if (!quoted && (*s == ',' || *s == '\r' || *s == '\n'))
            break;
        else
            *out++ = *s;
    }
    *out = '\0';
    if (cell[0] == '\'' && cell[1] && strchr("=+-@\t\r'", cell[1]))
        memmove(cell, cell + 1, strlen(cell));
    last = *s != ',';
    s += *s == ',' || *s == '\r';
    s += last && *s == '\n';
    *p = s;
    return last;
}

/* The columns --group-by takes: those of roles.csv the loader kept, and
 * summary and headcount, that some role has a value in. Read from the
 * roles table as export writes it (a CSV header, then a row a role), less
 * its role and aliases columns. */
static int list_columns(const mg_org *org)
{
    mg_error err;
    char *text, *cell = NULL, **column = NULL;
    unsigned char *has_value = NULL;
    const char *p;
    size_t n = 0, j;
    int status = 0, last;

    if (mg_export_table(org, MG_TABLE_ROLES, &text, &err) != MG_OK)
        return cli_fail(&err);
    if (!text) /* no roles table was read: no column has a value */
        return 0;
    if (!(cell = malloc(strlen(text) + 1)))
        goto nomem;
    for (p = text, last = 0; *p && !last; n++) /* the header's width */
        last = read_cell(&p, cell);
    if (!(column = calloc(n, sizeof *column)) || !(has_value = calloc(n, 1)))
        goto nomem;
    for (p = text, j = 0; j < n; j++) {
        read_cell(&p, cell);
        if (!(column[j] = cli_format("%s", cell)))
            goto nomem;
    }
    for (j = 0; *p; j = last ? 0 : j + 1) { /* the rows */
        last = read_cell(&p, cell);
        if (j < n && cell[0])
            has_value[j] = 1;
    }
    for (j = 0; j < n; j++)
        if (has_value[j] && strcmp(column[j], "role") != 0 && strcmp(column[j], "aliases") != 0)
            put_line(column[j], strlen(column[j]));
    goto out;
nomem:
    status = cli_out_of_memory();
out:
    for (j = 0; column && j < n; j++)
        free(column[j]);
    free(column);
    free(has_value);
    free(cell);
    mg_free(text);
    return status;
}

/* The names of the organisation the input options name. */
static int list_names(cli_input *in, cli_arg arg)
{
    mg_org *org;
    size_t i;
    int status = 0;

    if (!in || !(org = cli_load(in, &status)))
        return status;
    if (arg == CLI_ARG_COLUMN)
        status = list_columns(org);
    for (i = 0; arg != CLI_ARG_COLUMN && i < mg_org_role_count(org); i++)
        put_line(mg_org_role_name(org, i), strlen(mg_org_role_name(org, i)));
    for (i = 0; arg == CLI_ARG_ROLE_OR_TOOL && i < mg_org_tool_count(org); i++)
        put_line(mg_org_tool_name(org, i), strlen(mg_org_tool_name(org, i)));
    mg_org_free(org);
    return status;
}

static int list_values(const cli_command *self, const cli_option *all, size_t n, cli_input *in,
                       const char *name)
{
    const cli_option *o = NULL;
    const char *(*word)(size_t) = NULL, *w;
    cli_arg arg = self->operand;
    size_t i;
    int status;

    /* OPTION as typed, in full: "-T", "--format" */
    for (i = 0; i < n && !o; i++)
        if (all[i].kind != CLI_REJECT &&
            ((all[i].short_name && name[0] == '-' && name[1] == all[i].short_name && !name[2]) ||
             (all[i].long_name && strncmp(name, "--", 2) == 0 &&
              strcmp(name + 2, all[i].long_name) == 0)))
            o = &all[i];
    if (!o && (strcmp(name, "operands") != 0 || !self->operands))
        return cli_usage_error(self->name, "no option '%s' to list the values of", name);
    if (o) {
        arg = option_arg(o);
        word = o->word ? o->word : o->kind == CLI_FORMAT ? format_word : NULL;
    }
    if (arg == CLI_ARG_ROLE || arg == CLI_ARG_ROLE_OR_TOOL || arg == CLI_ARG_COLUMN)
        status = list_names(in, arg);
    else
        for (i = 0, status = 0; word && (w = word(i)) != NULL; i++)
            put_line(w, strlen(w));
    return status ? status : CLI_HELP;
}

int cli_parse(const cli_command *self, const cli_option *options, cli_input *in, int argc,
              char **argv)
{
    struct option *longopts = NULL;
    char *shorts = NULL;
    const char *listed = NULL;
    cli_option *all;
    size_t n = 0, own = 0;
    int status, listing = argc > 1 && strcmp(argv[1], "--list-options") == 0;

    /* completion's questions: spelt in full, right after the command */
    if (argc > 2 && strcmp(argv[1], "--list-values") == 0) {
        listed = argv[2];
        argv[2] = argv[0]; /* the command's name, where getopt skips it */
        argc -= 2, argv += 2;
    }
    if (!(all = whole_table(options, in, &n, &own)) ||
        getopt_tables(all, n, &longopts, &shorts) != 0)
        status = cli_out_of_memory();
    else if (listing)
        status = list_options(self, all, n, own);
    else
        status = read_options(self, all, n, longopts, shorts, argc, argv, listed != NULL);
    if (status == 0 && in)
        status = check_input(self, in);
    if (status == CLI_HELP && !listing)
        cli_print_help(self, options, in != NULL);
    else if (status == 0 && listed)
        status = list_values(self, all, n, in, listed);
    free(shorts);
    free(longopts);
    free(all);
    return status;
}
