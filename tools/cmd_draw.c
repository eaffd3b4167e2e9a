/*
 * cmd_draw.c - the commands that draw: render (the picture) and report
 * (the picture with every analysis, as one document).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"

/* ---- render ------------------------------------------------------------------ */

const char render_usage[] =
    "usage: mlops-graph render [options]\n"
    "\n"
    "Draw the organisation with Graphviz: roles as blue boxes, the handoffs\n"
    "between them as labelled arrows, tools as grey ellipses linked to the roles\n"
    "that use them. Writes SVG to standard output unless told otherwise.\n"
    "\n"
    "What is drawn depends on the size (--tools auto): every tool while there\n"
    "are at most 80 roles and tools, 100 role-tool lines and no hub tool (one\n"
    "used by more than half the roles); else the tools two or more roles use,\n"
    "each role's own tools folded into it (\"+12 tools\") and hubs listed in the\n"
    "caption, while that is at most 60 nodes and 80 tool lines; else roles\n"
    "only, boxed by shared-tool cluster and named by stack. At most 400 lines\n"
    "(--max-edges): past that, the handoffs that keep every connection, then\n"
    "the cheapest. The caption says what was left out; tooltips list it.\n"
    "\n"
    "-T html writes one self-contained page to explore the picture (no network):\n"
    "pan and zoom (wheel, drag, buttons, Fit); a search that finds a role (name\n"
    "or alias) or tool and centres it; a click on a role that highlights its\n"
    "handoffs and tools, dims the rest and lists its handoffs, tools and gaps\n"
    "beside the picture; check boxes that outline the gaps of each severity\n"
    "(those --gaps asks for checked at first).\n"
    "\n"
    "Options:\n";

const char render_examples[] =
    "\n"
    "Examples:\n"
    "  mlops-graph render > org.svg\n"
    "  mlops-graph render -d my-org --no-tools -T png -o org.png\n"
    "  mlops-graph render --gaps --clusters > gaps.svg\n"
    "  mlops-graph render -d my-org --gaps -T html -o org.html\n"
    "  mlops-graph render --path DS SRE > path.svg\n"
    "  mlops-graph render -d my-org --focus DS --depth 2 -T png -o ds.png\n"
    "  mlops-graph render -d my-org --group-by department --tools none > teams.svg\n";

/* The words of render's options (for completion and messages). */
static const char *render_format_word(size_t i)
{
    return mg_render_format_name((mg_render_format)i);
}

/* "auto" is the default, not a choice to spell out (mg_engine_from_name) */
static const char *engine_word(size_t i)
{
    return mg_engine_name((mg_engine)(MG_ENGINE_DOT + i));
}

static const char *tool_mode_word(size_t i)
{
    return mg_tool_mode_name((mg_tool_mode)i);
}

static const char *gaps_word(size_t i)
{
    return i == 0 ? "all" : cli_severity_word(i - 1);
}

static mg_status set_render_format(void *opts, const char *arg, mg_error *err)
{
    mg_render_format format;

    if (mg_render_format_from_name(arg, &format, err) != MG_OK)
        return MG_EINVAL;
    return mg_render_opts_set_format(opts, format, err);
}

static mg_status set_render_engine(void *opts, const char *arg, mg_error *err)
{
    mg_engine engine;

    if (mg_engine_from_name(arg, &engine, err) != MG_OK)
        return MG_EINVAL;
    return mg_render_opts_set_engine(opts, engine, err);
}

static mg_status set_render_max_nodes(void *opts, size_t n, mg_error *err)
{
    (void)err;
    mg_render_opts_set_max_nodes(opts, n);
    return MG_OK;
}

static mg_status set_render_max_edges(void *opts, size_t n, mg_error *err)
{
    (void)err;
    mg_render_opts_set_max_edges(opts, n);
    return MG_OK;
}

static mg_status set_render_tools(void *opts, const char *arg, mg_error *err)
{
    mg_tool_mode mode;

    if (mg_tool_mode_from_name(arg, &mode, err) != MG_OK)
        return MG_EINVAL;
    return mg_render_opts_set_tool_mode(opts, mode, err);
}

/* --gaps [all|low|medium|high]: on, outlining that severity and above
 * (medium by default; all is low). */
static mg_status set_render_gaps(void *opts, const char *arg, mg_error *err)
{
    mg_severity min = MG_SEVERITY_MEDIUM;

    if (arg && strcmp(arg, "all") == 0)
        min = MG_SEVERITY_LOW;
    else if (arg && mg_severity_from_name(arg, &min, err) != MG_OK)
        return cli_unknown_word(err, "severity", arg, gaps_word);
    mg_render_opts_set_gaps(opts, 1);
    mg_render_opts_set_gap_severity(opts, min);
    return MG_OK;
}

/* What render's flags ask for, applied to the options after parsing. */
typedef struct render_flags {
    int no_tools, clusters;
    const char *path[2];
    const char *focus, *group_by;
    size_t depth;
} render_flags;

/* Reads render's options into opts and flags; returns a cli_parse status. */
static int render_options(const cli_command *self, mg_render_opts *opts, render_flags *f,
                          const char **output, cli_input *in, int argc, char **argv)
{
    const cli_option options[] = {
        { .short_name = 'T', .long_name = "format", .kind = CLI_TEXT, .data = opts,
          .set_text = set_render_format, .arg = CLI_ARG_WORD, .word = render_format_word,
          .help = "  -T, --format FORMAT  svg (default), dot, png, pdf, json, xdot or html (a page\n"
                  "                       to explore the picture: see above)\n" },
        CLI_OPT_OUTPUT(output, "  -o, --output FILE    write FILE instead of standard output; written\n"
                               "                       atomically, so a failure leaves FILE as it was\n"),
        { .short_name = 'K', .long_name = "engine", .kind = CLI_TEXT, .data = opts,
          .set_text = set_render_engine, .arg = CLI_ARG_WORD, .word = engine_word,
          .help = "  -K, --engine ENGINE  layout: dot, neato, fdp, sfdp, circo, twopi or osage\n"
                  "                       (default: dot up to 300 nodes and edges, or 500 roles\n"
                  "                       without tools; sfdp above); all but dot remove overlaps\n" },
        { .long_name = "max-nodes", .kind = CLI_COUNT, .data = opts,
          .set_count = set_render_max_nodes,
          .help = "      --max-nodes N    above N nodes (default 2000), draw the cluster view:\n"
                  "                       one node per shared-tool cluster, sized by members,\n"
                  "                       edges weighted by the handoffs between clusters\n" },
        { .long_name = "tools", .kind = CLI_TEXT, .data = opts, .set_text = set_render_tools,
          .arg = CLI_ARG_WORD, .word = tool_mode_word,
          .help = "      --tools MODE     auto (default: by size, see above), all, shared (tools\n"
                  "                       two or more roles use; the rest folded, hubs listed),\n"
                  "                       stacks (roles boxed by shared-tool cluster) or none\n" },
        { .long_name = "no-tools", .kind = CLI_FLAG, .target = &f->no_tools, .flag = 1,
          .help = "      --no-tools       the same as --tools none\n" },
        { .long_name = "max-edges", .kind = CLI_COUNT, .data = opts,
          .set_count = set_render_max_edges,
          .help = "      --max-edges N    draw at most N lines (default 400; 0: all)\n" },
        { .long_name = "focus", .kind = CLI_STRING, .target = &f->focus, .arg = CLI_ARG_ROLE,
          .help = "      --focus ROLE     only ROLE, the roles within --depth handoffs of it\n"
                  "                       (default 1), its tools and its gaps\n" },
        { .long_name = "depth", .kind = CLI_COUNT, .target = &f->depth,
          .help = "      --depth N        with --focus: handoffs away from ROLE (default 1)\n" },
        { .long_name = "group-by", .kind = CLI_STRING, .target = &f->group_by,
          .arg = CLI_ARG_COLUMN,
          .help = "      --group-by COLUMN  box roles by a column of roles.csv (team,\n"
                  "                       department...), each box labelled with its value\n" },
        { .long_name = "clusters", .kind = CLI_FLAG, .target = &f->clusters, .flag = 1,
          .help = "      --clusters       box shared-tool clusters, named by stack (see 'clusters')\n" },
        { .long_name = "gaps", .kind = CLI_OPTIONAL, .data = opts, .set_text = set_render_gaps,
          .arg = CLI_ARG_WORD, .word = gaps_word,
          .help = "      --gaps [all]     outline the roles and tools a high or medium gap is\n"
                  "                       about, by severity, the gaps in their tooltips (see\n"
                  "                       'gaps'); --gaps all (or low) outlines every severity\n" },
        { .long_name = "path", .kind = CLI_PAIR, .target = f->path,
          .pair_error = "--path needs two role names: FROM TO", .arg = CLI_ARG_ROLE,
          .help = "      --path FROM TO   draw the cheapest handoff chain from FROM to TO in bold\n" },
        CLI_OPT_END,
    };

    return cli_parse(self, options, in, argc, argv);
}

/* Draws to FILE (atomically) or to standard output. */
static int draw(const mg_org *org, const mg_render_opts *opts, const char *output)
{
    mg_error err;
    char *picture;
    size_t len;

    if (output && strcmp(output, "-") != 0)
        return mg_render_path(org, opts, output, &err) == MG_OK ? 0 : cli_fail(&err);
    if (mg_render_buffer(org, opts, &picture, &len, &err) != MG_OK)
        return cli_fail(&err);
    /* a write error (or a closed pipe) is judged once, by cli_finish_output */
    cli_put_data(picture, len);
    mg_free(picture);
    return 0;
}

int cmd_render(const cli_command *self, int argc, char **argv)
{
    render_flags f = { 0, 0, { NULL, NULL }, NULL, NULL, 1 };
    mg_render_opts *opts = mg_render_opts_new();
    const char *output = NULL;
    cli_input in = { 0 };
    mg_org *org = NULL;
    mg_error err;
    int status;

    if (!opts)
        return cli_out_of_memory();
    status = render_options(self, opts, &f, &output, &in, argc, argv);
    if (status)
        goto out;
    if (f.no_tools)
        mg_render_opts_set_tools(opts, 0);
    if (f.clusters && f.group_by) {
        status = cli_usage_error(self->name, "%s",
                                 "--clusters and --group-by both draw boxes: choose one");
        goto out;
    }
    if (f.clusters)
        mg_render_opts_set_clusters(opts, 1);
    if ((f.focus && mg_render_opts_set_focus(opts, f.focus, f.depth, &err) != MG_OK) ||
        (f.group_by && mg_render_opts_set_group_by(opts, f.group_by, &err) != MG_OK) ||
        (f.path[0] && mg_render_opts_set_path(opts, f.path[0], f.path[1], &err) != MG_OK)) {
        status = cli_fail(&err);
        goto out;
    }
    if ((org = cli_load(&in, &status)))
        status = draw(org, opts, output);
out:
    mg_org_free(org);
    mg_render_opts_free(opts);
    return status == CLI_HELP ? 0 : status;
}

/* ---- report ------------------------------------------------------------------ */

const char report_usage[] =
    "usage: mlops-graph report [options]\n"
    "\n"
    "Everything in one document for stakeholders: a summary of the most severe\n"
    "findings, then the gaps, clusters, bottlenecks and the longest handoff\n"
    "chains. Markdown references the picture (with clusters and gaps drawn),\n"
    "which the command writes as SVG; HTML and JSON include it.\n"
    "\n"
    "Options:\n";

typedef struct report_args {
    cli_input in;
    mg_format format;
    const char *output, *picture;
    cli_gap_args gap;
} report_args;

/* The file a name would write, for comparing two names: the name with its
 * folder and any symbolic links resolved (mg_write_file follows them), the
 * file itself when it exists. NULL when the folder cannot be resolved
 * either; free() it. */
static char *resolved_name(const char *name)
{
    const char *slash = strrchr(name, '/');
    char *dir, *real, *whole;

    if ((real = realpath(name, NULL)) != NULL)
        return real;
    dir = slash ? cli_format("%.*s", (int)(slash - name + (slash == name)), name)
                : cli_format(".");
    real = dir ? realpath(dir, NULL) : NULL;
    whole = real ? cli_format("%s/%s", real, slash ? slash + 1 : name) : NULL;
    free(dir);
    free(real);
    return whole;
}

/* Do two names write one file? */
static int same_file(const char *a, const char *b)
{
    char *ra, *rb;
    int same;

    if (strcmp(a, b) == 0)
        return 1;
    ra = resolved_name(a);
    rb = resolved_name(b);
    same = ra && rb && strcmp(ra, rb) == 0;
    free(ra);
    free(rb);
    return same;
}

/* Whether the report goes to a stream (standard output, or -o naming a
 * device or FIFO such as /dev/stdout): there is no file to put a Markdown
 * report's picture beside, so unless --picture names one the report
 * carries it inside, and no file the user did not name (the Quick start's
 * org.svg, /dev/full.svg) is written. */
static int report_to_stream(const report_args *a)
{
    struct stat st;

    return !a->output || strcmp(a->output, "-") == 0 ||
           (stat(a->output, &st) == 0 && !S_ISREG(st.st_mode));
}

/* Markdown's picture file when it has one: --picture, else beside -o as
 * NAME.svg (report.md -> report.svg); *derived owns a made name. */
static const char *picture_file(const report_args *a, char **derived)
{
    const char *dot, *slash;
    size_t stem;

    if (a->picture)
        return a->picture;
    dot = strrchr(a->output, '.');
    slash = strrchr(a->output, '/');
    stem = dot && (!slash || dot > slash) ? (size_t)(dot - a->output) : strlen(a->output);
    *derived = cli_format("%.*s.svg", (int)stem, a->output);
    return *derived;
}

/* A report is md, html, json or text: not csv. */
static const mg_format report_formats[] = { MG_FORMAT_MD, MG_FORMAT_HTML, MG_FORMAT_JSON,
                                            MG_FORMAT_TEXT };

static const char *report_format_word(size_t i)
{
    return i < sizeof report_formats / sizeof *report_formats ? mg_format_name(report_formats[i])
                                                               : NULL;
}

static mg_status set_report_format(void *format, const char *arg, mg_error *err)
{
    size_t i;

    for (i = 0; report_format_word(i); i++)
        if (strcmp(arg, report_format_word(i)) == 0) {
            *(mg_format *)format = report_formats[i];
            return MG_OK;
        }
    return cli_unknown_word(err, "report format", arg, report_format_word);
}

static int report_options(const cli_command *self, report_args *a, int argc, char **argv)
{
    cli_option options[CLI_GAP_OPTIONS + 4] = {
        { .long_name = "format", .kind = CLI_TEXT, .data = &a->format,
          .set_text = set_report_format, .arg = CLI_ARG_WORD, .word = report_format_word,
          .help = "      --format FORMAT  md (default), html (one self-contained page; its\n"
                  "                       picture explored as render -T html's), json\n"
                  "                       or text\n" },
        CLI_OPT_OUTPUT(&a->output, "  -o, --output FILE    write FILE (atomically) instead of standard output\n"),
        { .long_name = "picture", .kind = CLI_STRING, .target = &a->picture, .arg = CLI_ARG_FILE,
          .help = "      --picture FILE   md: where to write the picture (default: beside the\n"
                  "                       report as NAME.svg with -o FILE; on standard\n"
                  "                       output, a device or a FIFO the picture is\n"
                  "                       embedded in the report)\n" },
    };
    int status;
    char *derived = NULL;
    const char *picture;

    cli_gap_options(options + 3, &a->gap); /* the gaps' options; a zeroed CLI_END after */
    status = cli_parse(self, options, &a->in, argc, argv);
    if (status || a->format != MG_FORMAT_MD || report_to_stream(a))
        return status;
    /* Markdown writes the picture, then the report: one name for both would
     * leave a report that links to itself */
    if (!(picture = picture_file(a, &derived)))
        status = cli_out_of_memory();
    else if (same_file(picture, a->output))
        status = cli_usage_error(self->name,
                                 "the picture (%s) would overwrite the report (%s): name the "
                                 "picture with --picture FILE",
                                 picture, a->output);
    free(derived);
    return status;
}

/* Writes the report's picture as the format wants it: for md a file beside
 * the report (*picture gets the name the report links to), for json and
 * html an SVG text (*svg) the report includes. */
/* The SVG as a data URI: "data:image/svg+xml;base64,..." (RFC 2397, 4648). */
static char *svg_data_uri(const char *svg, size_t len)
{
    static const char digits[] =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    static const char head[] = "data:image/svg+xml;base64,";
    const unsigned char *in = (const unsigned char *)svg;
    char *out = malloc(sizeof head + (len + 2) / 3 * 4), *p;
    size_t i;

    if (!out)
        return NULL;
    memcpy(out, head, sizeof head - 1);
    p = out + sizeof head - 1;
    for (i = 0; i < len; i += 3) {
        unsigned long v = (unsigned long)in[i] << 16 | (i + 1 < len ? in[i + 1] << 8 : 0) |
                          (i + 2 < len ? in[i + 2] : 0);

        *p++ = digits[v >> 18 & 63];
        *p++ = digits[v >> 12 & 63];
        *p++ = i + 1 < len ? digits[v >> 6 & 63] : '=';
        *p++ = i + 2 < len ? digits[v & 63] : '=';
    }
    *p = '\0';
    return out;
}

static int report_picture(const mg_org *org, const report_args *a, const char **picture,
                          char **svg, char **derived)
{
    mg_render_opts *ropts = mg_render_opts_new();
    mg_error err;
    size_t len;
    int status = 0;

    if (!ropts)
        return cli_out_of_memory();
    mg_render_opts_set_clusters(ropts, 1);
    /* html: the page outlines the gaps itself, by the severities checked */
    mg_render_opts_set_gaps(ropts, a->format != MG_FORMAT_HTML);
    if (a->format == MG_FORMAT_MD && !a->picture && report_to_stream(a)) {
        /* the picture inside the report */
        if (mg_render_buffer(org, ropts, svg, &len, &err) != MG_OK)
            status = cli_fail(&err);
        else if (!(*picture = *derived = svg_data_uri(*svg, len)))
            status = cli_out_of_memory();
    } else if (a->format == MG_FORMAT_MD) {
        const char *file = picture_file(a, derived);

        if (!file)
            status = cli_out_of_memory();
        else if (mg_render_path(org, ropts, file, &err) != MG_OK)
            status = cli_fail(&err);
        else
            *picture = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
    } else if ((a->format == MG_FORMAT_JSON || a->format == MG_FORMAT_HTML) &&
               mg_render_buffer(org, ropts, svg, &len, &err) != MG_OK) {
        status = cli_fail(&err);
    }
    mg_render_opts_free(ropts);
    return status;
}

int cmd_report(const cli_command *self, int argc, char **argv)
{
    report_args a = { .format = MG_FORMAT_MD, .gap = { .opts = mg_gaps_opts_new() } };
    char *derived = NULL, *svg = NULL, *text = NULL;
    const char *picture = NULL;
    mg_org *org = NULL;
    mg_error err;
    int status;

    if (!a.gap.opts)
        return cli_out_of_memory();
    if ((status = report_options(self, &a, argc, argv)) != 0 || !(org = cli_load(&a.in, &status)) ||
        (status = cli_gap_prepare(&a.gap)) != 0)
        goto out;
    if ((status = report_picture(org, &a, &picture, &svg, &derived)) != 0)
        goto out;
    if (mg_report(org, a.gap.opts, a.format, a.format == MG_FORMAT_MD ? picture : svg, &text,
                  &err) != MG_OK)
        status = cli_fail(&err);
    else
        status = cli_write_output(a.output, text);
out:
    mg_free(text);
    mg_free(svg);
    free(derived);
    cli_gap_args_free(&a.gap);
    mg_org_free(org);
    return status == CLI_HELP ? 0 : status;
}
