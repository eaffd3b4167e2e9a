/*
 * names.c - the names of the public enums (output, render and export
 * formats, layout engines, similarities, statuses): one table per enum, from
 * which the name of a value, the value of a name and the list of names in
 * an error message all come, so the three cannot disagree.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "util.h"

typedef struct name_table {
    const char *what;         /* the message's "unknown WHAT 'x' (expected ...)" */
    const char *const *names; /* indexed by value */
    int count;
    int first_parsed; /* values below it are named but not parsed (MG_ENGINE_AUTO) */
} name_table;

#define TABLE(what, names, first) { what, names, (int)(sizeof names / sizeof *names), first }

static const char *const status_names[] = { "MG_OK",     "MG_EINVAL", "MG_EINPUT",    "MG_ENOTFOUND",
                                            "MG_ENOMEM", "MG_EIO",    "MG_EGRAPHVIZ", "MG_EINTERNAL",
                                            "MG_ECANCELED" };
static const char *const format_names[] = { "text", "json", "csv", "md", "html" };
static const char *const render_format_names[] = { "svg", "dot", "png", "pdf", "json", "xdot", "html" };
static const char *const engine_names[] = { "auto",  "dot",   "neato", "fdp",
                                            "sfdp", "circo", "twopi", "osage" };
static const char *const similarity_names[] = { "count", "jaccard", "cosine" };
static const char *const export_format_names[] = { "graphml", "json", "csv" };
static const char *const tool_mode_names[] = { "auto", "all", "shared", "stacks", "none" };

static const name_table statuses = TABLE("status", status_names, 0);
static const name_table formats = TABLE("format", format_names, 0);
static const name_table render_formats = TABLE("output format", render_format_names, 0);
static const name_table engines = TABLE("layout engine", engine_names, 1);
static const name_table similarities = TABLE("similarity", similarity_names, 0);
static const name_table export_formats = TABLE("format", export_format_names, 0);
static const name_table tool_modes = TABLE("tool mode", tool_mode_names, 0);

static const char *name_of(const name_table *t, int value)
{
    return value >= 0 && value < t->count ? t->names[value] : NULL;
}

/* The names parsed, for a message: "a, b or c". The tables are short and
 * fixed, so the buffer (checked by the tests' messages) always holds them. */
static void expected_names(const name_table *t, char *out, size_t size)
{
    size_t len = 0;
    int i;

    out[0] = '\0';
    for (i = t->first_parsed; i < t->count; i++)
        len += (size_t)snprintf(out + len, size - len, "%s%s",
                                i == t->first_parsed ? ""
                                : i == t->count - 1  ? " or "
                                                     : ", ",
                                t->names[i]);
}

static mg_status value_of(const name_table *t, const char *name, int *value, mg_error *err)
{
    char expected[128];
    int i;

    for (i = t->first_parsed; name && i < t->count; i++)
        if (strcmp(name, t->names[i]) == 0) {
            *value = i;
            return MG_OK;
        }
    expected_names(t, expected, sizeof expected);
    return mgi_error(err, MG_EINVAL, "", 0, 0, "unknown %s '%s' (expected %s)", t->what,
                     name ? name : "(null)", expected);
}

const char *mg_status_name(mg_status status)
{
    return name_of(&statuses, (int)status);
}

/* mg_TYPE_name and mg_TYPE_from_name over the table of TYPE's names. */
#define NAME_FUNCTIONS(type, table)                                              \
    const char *type##_name(type value)                                          \
    {                                                                            \
        return name_of(&(table), (int)value);                                    \
    }                                                                            \
    mg_status type##_from_name(const char *name, type *value, mg_error *err)     \
    {                                                                            \
        int v = 0;                                                               \
        mg_status st = value_of(&(table), name, &v, err);                        \
                                                                                 \
        if (st == MG_OK)                                                         \
            *value = (type)v;                                                    \
        return st;                                                               \
    }

NAME_FUNCTIONS(mg_format, formats)
NAME_FUNCTIONS(mg_render_format, render_formats)
NAME_FUNCTIONS(mg_engine, engines)
NAME_FUNCTIONS(mg_similarity, similarities)
NAME_FUNCTIONS(mg_export_format, export_formats)
NAME_FUNCTIONS(mg_tool_mode, tool_modes)
