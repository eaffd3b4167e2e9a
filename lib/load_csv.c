/*
 * load_csv.c - CSV files into the model. The only file that includes <csv.h>.
 *
 * libcsv (strict mode) splits records and fields and undoes quoting. It does
 * not report where a field is, so the loader scans every byte itself on the
 * way in: it counts lines (ended by LF, CRLF or a CR alone, as libcsv ends
 * records) and characters, validates UTF-8, rejects NUL and
 * other control bytes, and feeds libcsv one segment at a time, each segment
 * ending at the next ',', '\r' or '\n'. libcsv only ever completes a field on
 * such a delimiter, so when a callback fires it fires on the last byte of the
 * segment just fed, and the next field starts at the next byte that is not
 * the tail of a line ending. That gives every field its line and column
 * without a second tokenizer.
 *
 * Rows are checked (field count, required values, weights, directions) and
 * handed to the model; all files of one load go into a fresh model that is
 * merged into the organisation only when every row of every file was good.
 *
 * Two sides, which pass records in batches: the reader (the scanner and
 * libcsv) and the handler (header, rows, model). A large file's reader runs
 * in a thread of its own; otherwise each batch is handled as it fills. An
 * error the reader finds is kept aside and reported once every row before
 * it is handled, so that either way the first error in the file wins.
 */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv_write.h"
#include "load.h"

#define READ_CHUNK 65536

enum column {
    COL_ROLE,
    COL_SUMMARY,
    COL_ALIASES,
    COL_HEADCOUNT,
    COL_RESPONSIBILITY,
    COL_CAPABILITY,
    COL_TOOL,
    COL_WEIGHT,
    COL_FROM,
    COL_TO,
    COL_HANDOFF,
    COL_DIRECTION,
    COL_COUNT
};

static const char *const column_names[COL_COUNT] = {
    "role", "summary",  "aliases", "headcount", "responsibility", "capability",
    "tool", "weight",   "from",    "to",        "handoff",        "direction",
};

/* Which columns each table knows, and which it requires. */
static const struct table_spec {
    const char *file;
    unsigned known;
    unsigned required;
} tables[MG_TABLE_COUNT] = {
    { "roles.csv", 1u << COL_ROLE | 1u << COL_SUMMARY | 1u << COL_ALIASES | 1u << COL_HEADCOUNT,
      1u << COL_ROLE },
    { "responsibilities.csv", 1u << COL_ROLE | 1u << COL_RESPONSIBILITY | 1u << COL_CAPABILITY,
      1u << COL_ROLE | 1u << COL_RESPONSIBILITY | 1u << COL_CAPABILITY },
    { "tools.csv", 1u << COL_ROLE | 1u << COL_TOOL | 1u << COL_CAPABILITY | 1u << COL_WEIGHT,
      1u << COL_ROLE | 1u << COL_TOOL },
    { "collaborations.csv",
      1u << COL_FROM | 1u << COL_TO | 1u << COL_HANDOFF | 1u << COL_DIRECTION | 1u << COL_WEIGHT,
      1u << COL_FROM | 1u << COL_TO },
};

const char *mg_table_file_name(mg_table table)
{
    return (unsigned)table < MG_TABLE_COUNT ? tables[table].file : NULL;
}

typedef struct field {
    size_t off; /* into loader.text */
    size_t len;
    size_t line;
    size_t column;
} field;

typedef struct spot {
    size_t line, column;
} spot;

/* A record read and not yet handled: its fields, and where it ended. */
typedef struct pending {
    size_t first, n; /* batch.all[first .. first + n) */
    size_t end_line, end_column;
} pending;

/* Records read and not yet handled, and the fields of the record being
 * read after them: their text (each field NUL-ended), and the fields in
 * order. */
typedef struct batch {
    mgi_buf text;
    field *all;
    size_t n_all, cap_all;
    pending *recs;
    size_t n_recs, cap_recs;
    size_t offset;      /* input bytes read when it was sent */
    struct batch *next; /* in the channel's queue, or among its spares */
} batch;

/* Records go to be handled in batches of at most BATCH records, or as many
 * as end within BATCH_BYTES of text or BATCH_FIELDS fields (rows can be a
 * megabyte long; a batch holds a few), and the header alone, so that a bad
 * one stops the reading at once. Within a batch the look-ups of the names
 * of AHEAD records at a time start together (mgi_model_ahead), so that
 * their cache misses overlap: each alone is a chain of three. */
#define BATCH 1024
#define BATCH_BYTES (256u << 10)
#define BATCH_FIELDS (16u << 10)
#define AHEAD 64

/* A file of THREAD_MIN_BYTES or more is read in a thread of its own (the
 * reader: reading, scanning, libcsv) while the calling thread handles the
 * rows it sent (the handler: checks, the model, progress): they pass
 * batches through a channel. Two batches: one filled while the other is
 * handled (a third bought no time at 1e6 edges and a megabyte at the peak). */
#define THREAD_MIN_BYTES (1u << 20)
#define BATCHES 2

typedef struct channel {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    batch *head, *tail; /* sent, not yet taken */
    batch *spare;       /* handled: for the reader to fill again */
    int done;           /* the reader has sent its last */
    int stop;           /* the handler wants no more */
} channel;

typedef struct loader {
    mgi_model *m;
    mg_table table;
    const char *source_name;
    uint32_t source;
    mg_error *err;
    mg_status status;

    /* ---- The reader's (in the reader thread, when there is one) ---- */
    FILE *in;            /* a stream's, and its buffer */
    unsigned char *buf;
    struct csv_parser parser;
    int parser_ready;
    mg_status rd_status; /* the first error the reader found, which it */
    mg_error rd_err;     /* reports after the rows before it are handled */
    int stopped;         /* the handler wants no more: read nothing further */
    int header_sent;     /* the file's first record has gone to be handled */

    /* the scanner: position of the next byte */
    size_t line, column;
    int after_cr;            /* the byte before was a CR: an LF now ends no line */
    size_t offset;           /* bytes scanned so far */
    unsigned utf8_need;      /* continuation bytes still expected */
    unsigned char utf8_lo, utf8_hi; /* range of the next continuation byte */
    size_t utf8_line, utf8_column;  /* where the current sequence began */
    uint32_t utf8_cp;               /* its code point so far */
    int at_start;            /* nothing but a BOM seen yet */

    /* The scanner runs ahead of libcsv over each chunk, tracking quotes to
     * see where fields start and records end; libcsv's callbacks take those
     * places in order from these queues. */
    int in_quotes, awaiting_field, at_record_start;
    int blanks;              /* blanks seen at the start of a row, from here: */
    size_t blank_line, blank_column, blank_offset;
    size_t field_line, field_column;   /* the last field start seen */
    size_t record_line, record_column; /* the current record's first field */
    size_t record_offset;    /* offset of the current record's first byte */
    spot *starts, *ends;     /* field starts, record ends, not yet taken */
    size_t n_starts, head_starts, cap_starts, n_ends, head_ends, cap_ends;

    batch *fill;       /* the batch being filled */
    size_t unfinished; /* fill->all[unfinished ..]: the record being read */

    /* ---- Between the two ---- */
    batch *batches[BATCHES]; /* all there are (one without a reader thread) */
    channel *ch;             /* NULL: no reader thread */

    /* ---- The handler's (the calling thread) ---- */
    /* the record being handled: a view into a batch */
    const char *rtext;
    const field *fields;
    size_t n_fields;
    size_t end_line, end_column; /* where the record ended */
    const char *phase;           /* progress: "loading X.csv", or NULL: none */
    size_t total, reported;      /* bytes in all, and when last reported */
    int reported_any;

    /* the header */
    int have_header;
    size_t n_columns;
    int col[COL_COUNT]; /* index of each known column, or -1 */
    mgi_buf last_name[COL_COUNT]; /* the name a column held in the row before, trimmed */
    mgi_id last_id[COL_COUNT];    /* ...and its id, or MGI_NONE */
    char **column_display; /* the header as written (trimmed), for attributes */
    unsigned char *is_attr; /* per column: not a known one (its values are attributes) */
    size_t n_attr_columns;
    size_t rows;

    /* Scratch kept across rows, so that a row allocates nothing: the
     * trimmed value of each known column, and a value quoted for a message. */
    mgi_buf cell[COL_COUNT];
    mgi_buf quote;

    /* tools.csv: the capability field each tool had in its last row (NULL:
     * none yet). A row repeating it adds no pair and names no capability
     * earlier, so it is skipped (a file lists a tool's capabilities on each
     * of its many uses). */
    char **tool_caps_seen;
    size_t cap_tool_caps_seen;
} loader;

/* ---- Errors ---------------------------------------------------------------- */

static void vfail(loader *ld, size_t line, size_t column, const char *fmt, va_list ap)
    MGI_PRINTF(4, 0);

static void vfail(loader *ld, size_t line, size_t column, const char *fmt, va_list ap)
{
    if (ld->status == MG_OK) /* the first error wins */
        ld->status = mgi_verror(ld->err, MG_EINPUT, ld->source_name, line, column, fmt, ap);
}

static void fail(loader *ld, size_t line, size_t column, const char *fmt, ...) MGI_PRINTF(4, 5);

static void fail(loader *ld, size_t line, size_t column, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vfail(ld, line, column, fmt, ap);
    va_end(ap);
}

static void fail_nomem(loader *ld)
{
    if (ld->status == MG_OK)
        ld->status = mgi_nomem(ld->err);
}

/* The same, for the reader: an error found in the bytes of the input (or
 * out of memory while reading). It stops the reading; the handler reports
 * it once it has handled every row before it, so that the first error in
 * the file wins. */
static void rfail(loader *ld, size_t line, size_t column, const char *fmt, ...) MGI_PRINTF(4, 5);

static void rfail(loader *ld, size_t line, size_t column, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    if (ld->rd_status == MG_OK)
        ld->rd_status =
            mgi_verror(&ld->rd_err, MG_EINPUT, ld->source_name, line, column, fmt, ap);
    va_end(ap);
}

static void rfail_nomem(loader *ld)
{
    if (ld->rd_status == MG_OK)
        ld->rd_status = mgi_nomem(&ld->rd_err);
}

/* Is the reader still to read? Not after its own error, nor once the
 * handler wants no more (send_batch and still_wanted note that in
 * `stopped`: the reader never reads the handler's status). */
static int reading(const loader *ld)
{
    return ld->rd_status == MG_OK && !ld->stopped;
}

/* A value quoted for a message: at most 40 characters, controls escaped. */
static const char *quoted(loader *ld, mgi_buf *b, const char *s)
{
    mgi_buf_clear(b);
    if (mgi_snippet(b, s, 40) < 0) {
        fail_nomem(ld); /* first error wins: not a message that misquotes */
        return "";
    }
    return b->data ? b->data : "";
}

/* ---- Field values ---------------------------------------------------------- */

static const char *value(loader *ld, int col)
{
    if (col < 0 || (size_t)col >= ld->n_fields)
        return "";
    return ld->rtext + ld->fields[col].off;
}

static const field *field_of(loader *ld, enum column c)
{
    return &ld->fields[ld->col[c]];
}

/* Fails at the place of column c in the current row. */
static void fail_in(loader *ld, enum column c, const char *fmt, ...) MGI_PRINTF(3, 4);

static void fail_in(loader *ld, enum column c, const char *fmt, ...)
{
    const field *f = field_of(ld, c);
    va_list ap;

    va_start(ap, fmt);
    vfail(ld, f->line, f->column, fmt, ap);
    va_end(ap);
}

/* The trimmed text of a known column ("" when the table has no such column),
 * in the loader's scratch for that column: valid until the next row. */
static const char *get(loader *ld, enum column c)
{
    mgi_buf *tmp = &ld->cell[c];
    const char *s;
    size_t n;

    if (ld->col[c] < 0)
        return "";
    s = value(ld, ld->col[c]);
    n = ld->fields[ld->col[c]].len;
    mgi_trim(&s, &n);
    mgi_buf_clear(tmp);
    if (mgi_buf_append(tmp, s, n) < 0 || mgi_buf_putc(tmp, '\0') < 0) {
        fail_nomem(ld);
        return "";
    }
    return tmp->data;
}

static mgi_pos pos_of(loader *ld, const field *f)
{
    mgi_pos p;

    p.source = ld->source;
    p.line = f->line > UINT32_MAX ? UINT32_MAX : (uint32_t)f->line;
    p.column = f->column > UINT32_MAX ? UINT32_MAX : (uint32_t)f->column;
    return p;
}

/* Names (roles, tools, capabilities, aliases) reach terminals, one-name-a-
 * line lists and completion: besides the control characters no field may
 * hold (scan), a name may not hold a tab or a line break either. Fails at
 * the field's place and returns -1 when column c holds one. */
static int name_field_clean(loader *ld, enum column c, const char *what)
{
    const field *f;
    size_t i;
    unsigned char ch;
    const char *which;

    if (ld->col[c] < 0)
        return 0;
    f = field_of(ld, c);
    /* the field ends in a NUL and holds none (the scanner rejects them) */
    if ((i = strcspn(ld->rtext + f->off, "\t\n\r")) >= f->len)
        return 0;
    ch = (unsigned char)ld->rtext[f->off + i];
    which = ch == '\t' ? "a tab" : ch == '\n' ? "a line break" : "a carriage return";
    fail(ld, f->line, f->column, "%s holds %s (U+%04X): names may not hold control characters",
         what, which, ch);
    return -1;
}

/* A name column: required non-empty; returns the id or MGI_NONE after failing. */
static mgi_id name_value(loader *ld, enum column c, const char *what,
                         mgi_id (*intern)(mgi_model *, const char *, size_t, const mgi_pos *))
{
    const field *f = field_of(ld, c);
    const char *s = ld->rtext + f->off;
    size_t n = f->len;
    mgi_pos p = pos_of(ld, f);
    mgi_id id;

    mgi_trim(&s, &n);
    if (!n) {
        fail(ld, f->line, f->column, "empty %s name", what);
        return MGI_NONE;
    }
    if (name_field_clean(ld, c, c == COL_TOOL ? "a tool name" : "a role name") < 0)
        return MGI_NONE;
    /* rows often come grouped by role: the same name as in the row before
     * needs no look-up */
    if (ld->last_id[c] != MGI_NONE && ld->last_name[c].len == n &&
        memcmp(ld->last_name[c].data, s, n) == 0)
        return ld->last_id[c];
    id = intern(ld->m, s, n, &p);
    if (id == MGI_NONE) {
        fail_nomem(ld);
        return id;
    }
    mgi_buf_clear(&ld->last_name[c]);
    ld->last_id[c] = mgi_buf_append(&ld->last_name[c], s, n) < 0 ? MGI_NONE : id;
    return id;
}

/* "" (unknown), or a decimal (mgi_role_people reads it, whatever the locale). */
static int is_headcount(const char *s)
{
    const char *end = mgi_scan_decimal(s);

    return !*s || (end && !*end);
}

#define TEXT_OF(x) #x
#define TEXT(x) TEXT_OF(x)
#define WEIGHT_RANGE TEXT(MG_MIN_WEIGHT) " to " TEXT(MG_MAX_WEIGHT)

/* The one syntax of weights (mlopsgraph.h): a decimal, then maybe an
 * exponent: e or E, a sign, digits. */
static int is_weight(const char *s)
{
    const char *p = mgi_scan_decimal(s), *digits;

    if (p && (*p == 'e' || *p == 'E')) {
        p += 1 + (p[1] == '+' || p[1] == '-');
        for (digits = p; *p >= '0' && *p <= '9'; p++)
            ;
        if (p == digits)
            return 0;
    }
    return p && !*p;
}

/* weight: empty means 1; otherwise a finite number above zero. */
static int weight_value(loader *ld, double *w)
{
    mgi_buf *q = &ld->quote;
    const char *s;
    int ok = 1;

    *w = 1.0;
    if (ld->col[COL_WEIGHT] < 0)
        return 1;
    s = get(ld, COL_WEIGHT);
    /* zero is no cost; a positive value out of range (1e-400 reads as 0) is too small */
    if (*s && (!is_weight(s) || strcspn(s, "123456789") >= strcspn(s, "eE"))) {
        fail_in(ld, COL_WEIGHT, "weight must be a positive number, not '%s'", quoted(ld, q, s));
        ok = 0;
    } else if (*s && ((*w = strtod(s, NULL)) < MG_MIN_WEIGHT || *w > MG_MAX_WEIGHT)) {
        fail_in(ld, COL_WEIGHT, "weight must be from " WEIGHT_RANGE ", not '%s'",
                quoted(ld, q, s));
        ok = 0;
    }
    return ok;
}

/* Unknown columns become attributes (non-empty values only). */
static int collect_attrs(loader *ld, mgi_attrs *attrs)
{
    size_t i;

    if (!ld->n_attr_columns)
        return 0;
    for (i = 0; i < ld->n_fields; i++) {
        const char *s = value(ld, (int)i);
        size_t n = ld->fields[i].len;
        char *copy;

        if (!ld->is_attr[i])
            continue;
        mgi_trim(&s, &n);
        if (!n)
            continue;
        copy = mgi_strndup(s, n);
        if (!copy || mgi_attrs_add(attrs, ld->column_display[i], copy) < 0) {
            free(copy);
            return -1;
        }
        free(copy);
    }
    return 0;
}

/* Calls fn for every non-empty item of a ';'-separated list in column c. */
static int each_item(loader *ld, enum column c, int (*fn)(loader *, const char *, size_t, void *),
                     void *ctx)
{
    const field *f;
    const char *p;

    if (ld->col[c] < 0)
        return 0;
    f = field_of(ld, c);
    p = ld->rtext + f->off;
    while (*p) {
        const char *end = strchr(p, ';');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        const char *s = p;

        p = end ? end + 1 : p + n;
        mgi_trim(&s, &n);
        if (n && fn(ld, s, n, ctx) < 0)
            return -1;
    }
    return 0;
}

/* ---- Rows ------------------------------------------------------------------- */

static void row_roles(loader *ld)
{
    mgi_attrs attrs = { 0 };
    mgi_id role = name_value(ld, COL_ROLE, "role", mgi_model_role);
    const char *hc;
    mgi_pos pos;

    if (role == MGI_NONE || name_field_clean(ld, COL_ALIASES, "an alias") < 0)
        goto out;
    hc = get(ld, COL_HEADCOUNT);
    if (!is_headcount(hc)) {
        fail_in(ld, COL_HEADCOUNT,
                "headcount must be a number of people such as 3 or 0.5, not '%s'",
                quoted(ld, &ld->quote, hc));
        goto out;
    }
    pos = pos_of(ld, field_of(ld, COL_ROLE));
    if (collect_attrs(ld, &attrs) < 0 ||
        mgi_model_define_role(ld->m, role, &pos, get(ld, COL_SUMMARY), get(ld, COL_ALIASES), hc,
                              &attrs) < 0)
        fail_nomem(ld);
out:
    mgi_attrs_free(&attrs);
}

typedef struct resp_ctx {
    mgi_id role;
    const char *text;
    mgi_pos pos;
    mgi_pos cap_pos;
    mgi_attrs *attrs;
    size_t added;
} resp_ctx;

static int add_resp(loader *ld, const char *s, size_t n, void *vctx)
{
    resp_ctx *c = vctx;
    mgi_id cap = mgi_model_capability(ld->m, s, n, &c->cap_pos);
    mgi_attrs copy = { 0 };
    size_t i;

    if (cap == MGI_NONE)
        return -1;
    /* every responsibility row keeps its own copy of the row's attributes */
    for (i = 0; i < c->attrs->n; i++)
        if (mgi_attrs_add(&copy, c->attrs->items[i].key, c->attrs->items[i].value) < 0) {
            mgi_attrs_free(&copy);
            return -1;
        }
    if (mgi_model_add_responsibility(ld->m, c->role, cap, c->text, &c->pos, &copy) < 0) {
        mgi_attrs_free(&copy);
        return -1;
    }
    mgi_attrs_free(&copy);
    c->added++;
    return 0;
}

static void row_responsibilities(loader *ld)
{
    mgi_attrs attrs = { 0 };
    resp_ctx c;
    const field *f;

    c.role = name_value(ld, COL_ROLE, "role", mgi_model_role);
    if (c.role == MGI_NONE)
        goto out;
    c.text = get(ld, COL_RESPONSIBILITY);
    f = field_of(ld, COL_RESPONSIBILITY);
    if (!*c.text) {
        fail(ld, f->line, f->column, "empty responsibility");
        goto out;
    }
    if (name_field_clean(ld, COL_CAPABILITY, "a capability name") < 0)
        goto out;
    c.pos = pos_of(ld, f);
    c.cap_pos = pos_of(ld, field_of(ld, COL_CAPABILITY));
    c.attrs = &attrs;
    c.added = 0;
    if (collect_attrs(ld, &attrs) < 0 || each_item(ld, COL_CAPABILITY, add_resp, &c) < 0) {
        fail_nomem(ld);
        goto out;
    }
    if (!c.added)
        fail_in(ld, COL_CAPABILITY, "empty capability: name the capability this "
                                    "responsibility needs");
out:
    mgi_attrs_free(&attrs);
}

typedef struct tool_ctx {
    mgi_id tool;
    mgi_pos pos;
} tool_ctx;

static int add_tool_cap(loader *ld, const char *s, size_t n, void *vctx)
{
    tool_ctx *c = vctx;
    mgi_id cap = mgi_model_capability(ld->m, s, n, &c->pos);

    if (cap == MGI_NONE)
        return -1;
    return mgi_model_add_tool_capability(ld->m, c->tool, cap);
}

/* The capabilities of a tools.csv row, unless the row repeats the field
 * the tool had in its last row (then every pair is there already, and every
 * capability named at an earlier place). */
static int tool_capabilities(loader *ld, tool_ctx *c)
{
    const char *raw;
    char *copy;

    if (ld->col[COL_CAPABILITY] < 0)
        return 0;
    raw = value(ld, ld->col[COL_CAPABILITY]);
    if (c->tool < ld->cap_tool_caps_seen && ld->tool_caps_seen[c->tool] &&
        strcmp(ld->tool_caps_seen[c->tool], raw) == 0)
        return 0;
    if (each_item(ld, COL_CAPABILITY, add_tool_cap, c) < 0)
        return -1;
    if (c->tool >= ld->cap_tool_caps_seen) {
        size_t old = ld->cap_tool_caps_seen;

        if (mgi_grow(&ld->tool_caps_seen, &ld->cap_tool_caps_seen, (size_t)c->tool + 1,
                     sizeof *ld->tool_caps_seen) < 0)
            return -1;
        memset(ld->tool_caps_seen + old, 0,
               (ld->cap_tool_caps_seen - old) * sizeof *ld->tool_caps_seen);
    }
    if (!(copy = mgi_strdup(raw)))
        return -1;
    free(ld->tool_caps_seen[c->tool]);
    ld->tool_caps_seen[c->tool] = copy;
    return 0;
}

static void row_tools(loader *ld)
{
    mgi_attrs attrs = { 0 };
    mgi_id role = name_value(ld, COL_ROLE, "role", mgi_model_role);
    tool_ctx c;
    double w;

    if (role == MGI_NONE)
        return;
    c.tool = name_value(ld, COL_TOOL, "tool", mgi_model_tool);
    if (c.tool == MGI_NONE || !weight_value(ld, &w) ||
        name_field_clean(ld, COL_CAPABILITY, "a capability name") < 0)
        return;
    c.pos = ld->col[COL_CAPABILITY] >= 0 ? pos_of(ld, field_of(ld, COL_CAPABILITY))
                                         : pos_of(ld, field_of(ld, COL_TOOL));
    if (mgi_model_add_use(ld->m, role, c.tool, w) < 0 || tool_capabilities(ld, &c) < 0 ||
        collect_attrs(ld, &attrs) < 0 ||
        mgi_model_add_tool_attrs(ld->m, c.tool, &attrs) < 0)
        fail_nomem(ld);
    mgi_attrs_free(&attrs);
}

static void row_collaborations(loader *ld)
{
    mgi_attrs attrs = { 0 };
    mgi_id from, to;
    const char *dir;
    mgi_pos pos;
    double w;
    int both = 0;

    from = name_value(ld, COL_FROM, "role", mgi_model_role);
    if (from == MGI_NONE)
        goto out;
    to = name_value(ld, COL_TO, "role", mgi_model_role);
    if (to == MGI_NONE || !weight_value(ld, &w))
        goto out;
    dir = get(ld, COL_DIRECTION);
    if (mgi_fold_equal(dir, "both"))
        both = 1;
    else if (*dir && !mgi_fold_equal(dir, "forward")) {
        fail_in(ld, COL_DIRECTION, "unknown direction '%s' (expected 'forward' or 'both')",
                quoted(ld, &ld->quote, dir));
        goto out;
    }
    pos = pos_of(ld, field_of(ld, COL_FROM));
    if (collect_attrs(ld, &attrs) < 0 ||
        mgi_model_add_collab(ld->m, from, to, both, w, get(ld, COL_HANDOFF), &pos, &attrs) < 0)
        fail_nomem(ld);
out:
    mgi_attrs_free(&attrs);
}

static void (*const row_handlers[MG_TABLE_COUNT])(loader *) = {
    row_roles,
    row_responsibilities,
    row_tools,
    row_collaborations,
};

/* ---- Records -------------------------------------------------------------- */

static void header(loader *ld)
{
    mgi_buf folded = { 0 }, q = { 0 };
    const struct table_spec *spec = &tables[ld->table];
    size_t i, j;
    int c;

    ld->n_columns = ld->n_fields;
    ld->column_display = calloc(ld->n_fields, sizeof *ld->column_display);
    ld->is_attr = calloc(ld->n_fields, 1);
    if (!ld->column_display || !ld->is_attr) {
        fail_nomem(ld);
        return;
    }
    for (i = 0; i < ld->n_fields; i++) {
        const field *f = &ld->fields[i];
        const char *s = ld->rtext + f->off;
        size_t n = f->len;

        mgi_trim(&s, &n);
        if (!n) {
            fail(ld, f->line, f->column, "empty column name in the header");
            goto out;
        }
        if (!(ld->column_display[i] = mgi_strndup(s, n))) {
            fail_nomem(ld);
            goto out;
        }
        for (j = 0; j < i; j++)
            if (mgi_fold_equal(ld->column_display[j], ld->column_display[i])) {
                fail(ld, f->line, f->column, "duplicate column name '%s' (first at %zu:%zu)",
                     quoted(ld, &q, ld->column_display[i]), ld->fields[j].line,
                     ld->fields[j].column);
                goto out;
            }
        for (c = 0; c < COL_COUNT; c++)
            if ((spec->known >> c & 1) && mgi_fold_equal(column_names[c], s))
                ld->col[c] = (int)i;
    }
    for (c = 0; c < COL_COUNT; c++)
        if ((spec->required >> c & 1) && ld->col[c] < 0) {
            mgi_buf have = { 0 };

            for (i = 0; i < ld->n_fields; i++)
                if ((i && mgi_buf_puts(&have, ", ") < 0) ||
                    mgi_snippet(&have, ld->column_display[i], 40) < 0)
                    break;
            fail(ld, ld->fields[0].line, ld->fields[0].column,
                 "missing required column '%s' (the header has: %s)", column_names[c],
                 have.data ? have.data : "");
            mgi_buf_free(&have);
            goto out;
        }
    for (i = 0; i < ld->n_fields; i++)
        ld->is_attr[i] = 1;
    for (c = 0; c < COL_COUNT; c++)
        if (ld->col[c] >= 0)
            ld->is_attr[ld->col[c]] = 0;
    for (i = 0; i < ld->n_fields; i++)
        ld->n_attr_columns += ld->is_attr[i];
    ld->have_header = 1;
out:
    mgi_buf_free(&folded);
    mgi_buf_free(&q);
}

static int blank_record(const loader *ld)
{
    const char *s;
    size_t n;

    if (ld->n_fields != 1)
        return 0;
    s = ld->rtext + ld->fields[0].off;
    n = ld->fields[0].len;
    mgi_trim(&s, &n);
    return n == 0;
}

static void record(loader *ld)
{
    if (blank_record(ld))
        return;
    if (!ld->have_header) {
        header(ld);
        return;
    }
    if (ld->n_fields > ld->n_columns) {
        const field *f = &ld->fields[ld->n_columns];

        fail(ld, f->line, f->column, "row has %zu fields but the header has %zu", ld->n_fields,
             ld->n_columns);
        return;
    }
    if (ld->n_fields < ld->n_columns) {
        fail(ld, ld->end_line, ld->end_column,
             "row has %zu field%s but the header has %zu (missing '%s')", ld->n_fields,
             ld->n_fields == 1 ? "" : "s", ld->n_columns, ld->column_display[ld->n_fields]);
        return;
    }
    ld->rows++;
    row_handlers[ld->table](ld);
}

/* ---- Batches of records ---------------------------------------------------- */

/* The role and tool names of records [from, to) of b, for mgi_model_ahead:
 * each but a repeat of the same column's name in the record before
 * (name_value needs no look-up for it). */
static void look_ahead(loader *ld, const batch *b, size_t from, size_t to)
{
    static const enum column name_columns[] = { COL_ROLE, COL_FROM, COL_TO, COL_TOOL };
    mgi_ahead names[MGI_AHEAD_MAX];
    size_t i, k, n = 0;

    if (!ld->have_header)
        return;
    for (i = from; i < to; i++) {
        const pending *p = &b->recs[i];

        if (p->n != ld->n_columns)
            continue; /* a bad row: record() stops at it */
        for (k = 0; k < sizeof name_columns / sizeof *name_columns && n < MGI_AHEAD_MAX; k++) {
            int col = ld->col[name_columns[k]];
            const field *f, *before;

            if (col < 0)
                continue;
            f = &b->all[p->first + (size_t)col];
            before = i ? &b->all[b->recs[i - 1].first + (size_t)col] : NULL;
            if (before && b->recs[i - 1].n == ld->n_columns && before->len == f->len &&
                memcmp(b->text.data + before->off, b->text.data + f->off, f->len) == 0)
                continue;
            names[n].name = b->text.data + f->off;
            names[n].len = f->len;
            names[n].tool = name_columns[k] == COL_TOOL;
            n++;
        }
    }
    mgi_model_ahead(ld->m, names, n);
}

/* The handler: the records of b in order, then progress (every 4 MiB of
 * input, for a stream). */
static void handle_batch(loader *ld, batch *b)
{
    size_t i, j;

    ld->rtext = b->text.data;
    for (i = 0; i < b->n_recs && ld->status == MG_OK; i = j) {
        size_t to = b->n_recs - i > AHEAD ? i + AHEAD : b->n_recs;

        look_ahead(ld, b, i, to);
        for (j = i; j < to && ld->status == MG_OK; j++) {
            const pending *p = &b->recs[j];

            ld->fields = b->all + p->first;
            ld->n_fields = p->n;
            ld->end_line = p->end_line;
            ld->end_column = p->end_column;
            record(ld);
        }
    }
    b->n_recs = 0;
    ld->rtext = NULL;
    ld->fields = NULL;
    ld->n_fields = 0;
    if (ld->status == MG_OK && ld->phase &&
        (!ld->reported_any || b->offset >> 22 != ld->reported >> 22)) {
        ld->reported_any = 1;
        ld->reported = b->offset;
        if (mgi_progress(ld->phase, b->offset, ld->total) < 0)
            fail_nomem(ld); /* reported as MG_ECANCELED */
    }
}

/* A spare batch for the reader: waits for the handler to give one back,
 * or returns NULL when the handler wants no more. */
static batch *take_spare(channel *ch)
{
    batch *b;

    pthread_mutex_lock(&ch->lock);
    while (!ch->spare && !ch->stop)
        pthread_cond_wait(&ch->changed, &ch->lock);
    b = ch->stop ? NULL : ch->spare;
    if (b)
        ch->spare = b->next;
    pthread_mutex_unlock(&ch->lock);
    return b;
}

/* Empties a batch for the reader to fill. */
static void batch_clear(batch *b)
{
    b->n_recs = b->n_all = 0;
    mgi_buf_clear(&b->text);
}

/* The reader hands the records of the batch it fills to the handler (at
 * once without a thread, else through the channel) and goes on with an
 * empty batch. It sends at the end of a record, or last (at the end of the
 * input, or after its own error), when the fields of a record it did not
 * finish are dropped. */
static void send_batch(loader *ld, int last)
{
    channel *ch = ld->ch;
    batch *b = ld->fill, *next = NULL;

    b->offset = ld->offset;
    ld->unfinished = 0;
    if (!ch) {
        handle_batch(ld, b);
        batch_clear(b);
        if (ld->status != MG_OK)
            ld->stopped = 1;
        return;
    }
    if (!last && !(next = take_spare(ch)))
        ld->stopped = 1; /* the handler has failed: what is read is not needed */
    else if (next)
        batch_clear(next);
    pthread_mutex_lock(&ch->lock);
    if (b->n_recs && !ld->stopped) {
        b->next = NULL;
        if (ch->tail)
            ch->tail->next = b;
        else
            ch->head = b;
        ch->tail = b;
    } else if (next) {
        b->next = ch->spare; /* an empty batch: a spare again */
        ch->spare = b;
    }
    if (last)
        ch->done = 1;
    pthread_cond_broadcast(&ch->changed);
    pthread_mutex_unlock(&ch->lock);
    if (next)
        ld->fill = next;
    else if (ld->stopped)
        batch_clear(b); /* not sent: nothing more is read into it */
}

/* The handler, with a reader thread: every batch sent, in order, each given
 * back once handled; after the handler's first error it asks for no more. */
static void handle_channel(loader *ld)
{
    channel *ch = ld->ch;

    for (;;) {
        batch *b;

        pthread_mutex_lock(&ch->lock);
        while (!ch->head && !ch->done)
            pthread_cond_wait(&ch->changed, &ch->lock);
        if ((b = ch->head) && !(ch->head = b->next))
            ch->tail = NULL;
        pthread_mutex_unlock(&ch->lock);
        if (!b)
            return; /* all sent, all handled */
        handle_batch(ld, b);
        pthread_mutex_lock(&ch->lock);
        b->next = ch->spare;
        ch->spare = b;
        if (ld->status != MG_OK)
            ch->stop = 1;
        pthread_cond_broadcast(&ch->changed);
        pthread_mutex_unlock(&ch->lock);
        if (ld->status != MG_OK)
            return;
    }
}

/* ---- libcsv callbacks ------------------------------------------------------ */

/* The next place from a queue, or the scanner's current one when it ran dry
 * (a field or record libcsv ends only at the end of the input). */
static spot take(loader *ld, const spot *queue, size_t n, size_t *head)
{
    spot here;

    if (*head < n)
        return queue[(*head)++];
    here.line = ld->line;
    here.column = ld->column;
    return here;
}

static void on_field(void *data, size_t len, void *vld)
{
    loader *ld = vld;
    spot at = take(ld, ld->starts, ld->n_starts, &ld->head_starts);
    field *f;

    batch *b = ld->fill;

    if (!reading(ld))
        return;
    if (len > MG_MAX_FIELD_BYTES) {
        rfail(ld, at.line, at.column, "field is longer than %zu bytes", MG_MAX_FIELD_BYTES);
        return;
    }
    if (b->n_all - ld->unfinished >= MG_MAX_FIELDS) {
        rfail(ld, at.line, at.column, "row has more than %zu fields", MG_MAX_FIELDS);
        return;
    }
    if (b->n_all >= b->cap_all &&
        mgi_grow(&b->all, &b->cap_all, b->n_all + 1, sizeof *b->all) < 0) {
        rfail_nomem(ld);
        return;
    }
    if (data) {
        /* the formula guard the writer puts before a cell (csv_write.h) */
        size_t guard = mgi_csv_guard_len(data, len);

        data = (char *)data + guard;
        len -= guard;
    }
    /* Room made by mgi_grow, which keeps the text when it fails (a failed
     * mgi_buf append would empty it): the finished records are still
     * handled, and an error in them still comes before out of memory. The
     * appends below then find room, and cannot fail. */
    if (b->text.len + len + 2 > b->text.cap &&
        mgi_grow(&b->text.data, &b->text.cap, b->text.len + len + 2, 1) < 0) {
        rfail_nomem(ld);
        return;
    }
    f = &b->all[b->n_all++];
    f->off = b->text.len;
    f->len = len;
    f->line = at.line;
    f->column = at.column;
    /* no NUL: the scanner stops before one and never hands it to libcsv */
    mgi_buf_append(&b->text, data ? data : "", len);
    mgi_buf_putc(&b->text, '\0');
}

static void on_record(int terminator, void *vld)
{
    loader *ld = vld;
    spot at = take(ld, ld->ends, ld->n_ends, &ld->head_ends);
    batch *b = ld->fill;
    pending *p;

    (void)terminator;
    if (!reading(ld) || b->n_all == ld->unfinished)
        return;
    if (b->n_recs >= b->cap_recs &&
        mgi_grow(&b->recs, &b->cap_recs, b->n_recs + 1, sizeof *b->recs) < 0) {
        rfail_nomem(ld);
        return;
    }
    p = &b->recs[b->n_recs++];
    p->first = ld->unfinished;
    p->n = b->n_all - ld->unfinished;
    p->end_line = at.line;
    p->end_column = at.column;
    ld->unfinished = b->n_all;
    if (!ld->header_sent || b->n_recs == BATCH || b->text.len >= BATCH_BYTES ||
        b->n_all >= BATCH_FIELDS) {
        ld->header_sent = 1;
        send_batch(ld, 0);
    }
}

/* ---- The scanner ------------------------------------------------------------ */

static int push(spot **queue, size_t *n, size_t *cap, size_t line, size_t column)
{
    if (*n == *cap && mgi_grow(queue, cap, *n + 1, sizeof **queue) < 0)
        return -1;
    (*queue)[*n].line = line;
    (*queue)[*n].column = column;
    (*n)++;
    return 0;
}

/* Drops the places already taken, keeping those of fields not yet parsed. */
static void compact(spot *queue, size_t *n, size_t *head)
{
    if (*head) {
        memmove(queue, queue + *head, (*n - *head) * sizeof *queue);
        *n -= *head;
        *head = 0;
    }
}

/* Moves *at past byte c of the input. CR, LF and CRLF each end one line
 * (*after_cr says the byte before was a CR, so that an LF after it, even in
 * the next read, ends no second line); a UTF-8 continuation byte is no
 * column of its own. The scanner and the error places of libcsv both count
 * with it. */
static void advance(spot *at, int *after_cr, unsigned char c)
{
    if (c == '\r' || (c == '\n' && !*after_cr)) {
        at->line++;
        at->column = 1;
    } else if (c != '\n' && (c & 0xC0) != 0x80) {
        at->column++;
    }
    *after_cr = c == '\r';
}

/* Parses bytes [0, n) of buf with libcsv; buf[0] is at `at`, after a CR
 * when after_cr. */
static void feed(loader *ld, const unsigned char *buf, size_t n, spot at, int after_cr)
{
    size_t done, k;
    const char *why;

    if (n == 0 || !reading(ld))
        return;
    done = csv_parse(&ld->parser, buf, n, on_field, on_record, ld);
    if (!reading(ld) || done == n)
        return;
    if (csv_error(&ld->parser) == CSV_ENOMEM || csv_error(&ld->parser) == CSV_ETOOBIG) {
        rfail_nomem(ld);
        return;
    }
    /* the place of the offending byte, counted from the start of buf */
    for (k = 0; k < done; k++)
        advance(&at, &after_cr, buf[k]);
    if (buf[done] == '"')
        why = "stray quote in an unquoted field (quote the whole field and double the quote)";
    else
        why = "unexpected character after a closing quote (expected ',' or the end of the row)";
    rfail(ld, at.line, at.column, "%s", why);
}

/* A byte the scanner rejects: where, and why (why points into text or at a
 * literal). */
typedef struct bad_byte {
    spot at;
    const char *why;
    char text[64];
} bad_byte;

enum { BYTE_OK = 0, BYTE_CONTINUATION = 1, BYTE_BAD = -1, BYTE_NOMEM = -2 };

static int reject(bad_byte *bad, size_t line, size_t column, const char *why)
{
    bad->at.line = line;
    bad->at.column = column;
    bad->why = why;
    return BYTE_BAD;
}

/* Inside a field: the end of the run of printable ASCII other than ',' and
 * '"' from i, which need no other look, stopping where the row would pass
 * its length limit. */
static size_t skip_plain(const loader *ld, const unsigned char *buf, size_t n, size_t i)
{
    size_t stop = ld->record_offset + MG_MAX_RECORD_BYTES - ld->offset;

    if (stop > n)
        stop = n;
    while (i < stop && buf[i] >= 0x20 && buf[i] < 0x7F && buf[i] != ',' && buf[i] != '"')
        i++;
    return i;
}

/* The first byte of a UTF-8 sequence: how many continuation bytes follow,
 * in which range (the Unicode Standard, table 3-7: no overlong forms, no
 * surrogates, nothing above U+10FFFF). */
static int utf8_lead(loader *ld, unsigned char c, size_t line, size_t column, bad_byte *bad)
{
    ld->utf8_line = line;
    ld->utf8_column = column;
    ld->utf8_lo = 0x80;
    ld->utf8_hi = 0xBF;
    ld->utf8_cp = c & (c >= 0xF0 ? 0x07 : c >= 0xE0 ? 0x0F : 0x1F);
    if (c >= 0xC2 && c <= 0xDF) {
        ld->utf8_need = 1;
    } else if (c >= 0xE0 && c <= 0xEF) {
        ld->utf8_need = 2;
        if (c == 0xE0)
            ld->utf8_lo = 0xA0; /* no overlong forms */
        else if (c == 0xED)
            ld->utf8_hi = 0x9F; /* no surrogates */
    } else if (c >= 0xF0 && c <= 0xF4) {
        ld->utf8_need = 3;
        if (c == 0xF0)
            ld->utf8_lo = 0x90;
        else if (c == 0xF4)
            ld->utf8_hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        return reject(bad, line, column, "invalid UTF-8");
    }
    return BYTE_OK;
}

/* Is c allowed here as text? BYTE_CONTINUATION for a UTF-8 continuation
 * byte (no column, never a delimiter), BYTE_OK for any other good byte,
 * BYTE_BAD with *bad filled. */
static int check_byte(loader *ld, unsigned char c, size_t line, size_t column, bad_byte *bad)
{
    if (ld->utf8_need) {
        if (c < ld->utf8_lo || c > ld->utf8_hi)
            return reject(bad, ld->utf8_line, ld->utf8_column, "invalid UTF-8");
        ld->utf8_lo = 0x80;
        ld->utf8_hi = 0xBF;
        ld->utf8_cp = ld->utf8_cp << 6 | (c & 0x3F);
        if (--ld->utf8_need == 0 && ld->utf8_cp >= 0x80 && ld->utf8_cp <= 0x9F) {
            snprintf(bad->text, sizeof bad->text, "control character U+%04X",
                     (unsigned)ld->utf8_cp);
            return reject(bad, ld->utf8_line, ld->utf8_column, bad->text);
        }
        if (ld->utf8_need == 0 && (ld->utf8_cp == 0xFFFE || ld->utf8_cp == 0xFFFF)) {
            /* XML 1.0 cannot hold them: the SVG and GraphML would be ill-formed */
            snprintf(bad->text, sizeof bad->text, "non-character U+%04X",
                     (unsigned)ld->utf8_cp);
            return reject(bad, ld->utf8_line, ld->utf8_column, bad->text);
        }
        return BYTE_CONTINUATION;
    }
    if (c >= 0x80)
        return utf8_lead(ld, c, line, column, bad);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
        if (c == 0)
            return reject(bad, line, column, "NUL byte");
        snprintf(bad->text, sizeof bad->text, "control character U+%04X", c);
        return reject(bad, line, column, bad->text);
    }
    return BYTE_OK;
}

/* A field starts at (line, column), or where the blanks before it began:
 * queue the place for libcsv's callback, and note a record's start. */
static int start_field(loader *ld, size_t line, size_t column, size_t offset)
{
    spot at = { line, column };

    if (ld->blanks) {
        at.line = ld->blank_line;
        at.column = ld->blank_column;
        offset = ld->blank_offset;
        ld->blanks = 0;
    }
    ld->awaiting_field = 0;
    ld->field_line = at.line;
    ld->field_column = at.column;
    if (push(&ld->starts, &ld->n_starts, &ld->cap_starts, at.line, at.column) < 0)
        return BYTE_NOMEM;
    if (ld->at_record_start) {
        ld->at_record_start = 0;
        ld->record_line = at.line;
        ld->record_column = at.column;
        ld->record_offset = offset;
    }
    return BYTE_OK;
}

/* Follows the CSV structure over a checked byte c at (line, column), input
 * offset `offset`: blanks before a row, field starts, quotes, record ends
 * and the row length limit. BYTE_OK, BYTE_BAD (*bad filled) or BYTE_NOMEM. */
static int follow_byte(loader *ld, unsigned char c, size_t line, size_t column, size_t offset,
                       bad_byte *bad)
{
    int eol = c == '\r' || c == '\n';

    if (ld->at_record_start && (c == ' ' || c == '\t')) {
        /* libcsv skips blanks before a row: they begin it only if
         * something else follows on the line */
        if (!ld->blanks) {
            ld->blanks = 1;
            ld->blank_line = line;
            ld->blank_column = column;
            ld->blank_offset = offset;
        }
        return BYTE_OK;
    }
    if (ld->at_record_start && eol)
        ld->blanks = 0; /* a blank line: no row */
    if (ld->awaiting_field && !(ld->at_record_start && eol) &&
        start_field(ld, line, column, offset) < 0)
        return BYTE_NOMEM;
    if (!ld->at_record_start && offset - ld->record_offset >= MG_MAX_RECORD_BYTES) {
        snprintf(bad->text, sizeof bad->text, "row is longer than %zu bytes",
                 MG_MAX_RECORD_BYTES);
        return reject(bad, ld->record_line, ld->record_column, bad->text);
    }
    if (c == '"') {
        ld->in_quotes = !ld->in_quotes; /* "" inside quotes toggles twice */
    } else if (!ld->in_quotes && (c == ',' || eol)) {
        if (eol && !ld->at_record_start &&
            push(&ld->ends, &ld->n_ends, &ld->cap_ends, line, column) < 0)
            return BYTE_NOMEM;
        ld->awaiting_field = 1;
        if (eol)
            ld->at_record_start = 1;
    }
    return BYTE_OK;
}

/*
 * Checks every byte (UTF-8, NUL, control characters, row length) and notes
 * where fields start and records end, outside quotes, then hands the bytes
 * to libcsv in one call. An error the scanner finds is reported only after
 * libcsv has parsed the bytes before it, so the first error in the file wins.
 * O(n): each byte is looked at once.
 */
static void scan(loader *ld, const unsigned char *buf, size_t n)
{
    size_t i = 0, from = 0;
    spot at = { ld->line, ld->column }, start = at;
    int start_after_cr = ld->after_cr;
    bad_byte bad = { { 0, 0 }, NULL, "" };

    if (ld->at_start) {
        /* a UTF-8 byte order mark is not part of the first column's name */
        if (n >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF)
            i = from = 3;
        ld->at_start = 0;
    }
    compact(ld->starts, &ld->n_starts, &ld->head_starts);
    compact(ld->ends, &ld->n_ends, &ld->head_ends);
    for (; i < n; i++) {
        int r;

        if (!ld->awaiting_field && !ld->utf8_need) {
            size_t j = skip_plain(ld, buf, n, i);

            if (j > i)
                ld->after_cr = 0;
            at.column += j - i;
            i = j;
            if (i == n)
                break;
        }
        r = check_byte(ld, buf[i], at.line, at.column, &bad);
        if (r == BYTE_CONTINUATION)
            continue;
        if (r == BYTE_OK)
            r = follow_byte(ld, buf[i], at.line, at.column, ld->offset + i, &bad);
        if (r == BYTE_NOMEM) {
            rfail_nomem(ld);
            return;
        }
        if (r == BYTE_BAD)
            break;
        advance(&at, &ld->after_cr, buf[i]);
    }
    ld->line = at.line;
    ld->column = at.column;
    feed(ld, buf + from, i - from, start, start_after_cr);
    if (bad.why)
        rfail(ld, bad.at.line, bad.at.column, "%s", bad.why);
    ld->offset += n;
}

/* The reader at the end of the input: what libcsv still holds, then the
 * last batch. */
static void finish_reading(loader *ld)
{
    if (reading(ld) && ld->utf8_need)
        rfail(ld, ld->utf8_line, ld->utf8_column, "invalid UTF-8 (truncated at the end of the file)");
    if (reading(ld) && csv_fini(&ld->parser, on_field, on_record, ld) != 0 && reading(ld)) {
        if (csv_error(&ld->parser) == CSV_EPARSE)
            rfail(ld, ld->field_line, ld->field_column,
                  "unterminated quoted field (the quote opened here is never closed)");
        else
            rfail_nomem(ld);
    }
    send_batch(ld, 1);
}

/* The handler at the end: the reader's error, when no row before it had
 * one, then a file without even a header. */
static void finish(loader *ld)
{
    if (ld->status == MG_OK && ld->rd_status != MG_OK) {
        ld->status = ld->rd_status;
        if (ld->err)
            *ld->err = ld->rd_err;
    }
    if (ld->status == MG_OK && !ld->have_header)
        fail(ld, 1, 1, "empty file: expected a header row (%s)",
             ld->table == MG_TABLE_ROLES               ? "role, summary, aliases, headcount"
             : ld->table == MG_TABLE_RESPONSIBILITIES  ? "role, responsibility, capability"
             : ld->table == MG_TABLE_TOOLS             ? "role, tool, capability, weight"
                                                       : "from, to, handoff, direction, weight");
}

static void drop_channel(loader *ld)
{
    if (!ld->ch)
        return;
    pthread_cond_destroy(&ld->ch->changed);
    pthread_mutex_destroy(&ld->ch->lock);
    free(ld->ch);
    ld->ch = NULL;
}

static void batch_free(batch *b)
{
    if (!b)
        return;
    mgi_buf_free(&b->text);
    free(b->all);
    free(b->recs);
    free(b);
}

/* threads: with a reader thread (BATCHES batches and a channel), or not. */
static int loader_init(loader *ld, mgi_model *m, mg_table table, const char *source_name,
                       int threads, mg_error *err)
{
    size_t i, n = threads ? BATCHES : 1;
    int c;

    memset(ld, 0, sizeof *ld);
    ld->m = m;
    ld->table = table;
    ld->source_name = source_name;
    ld->err = err;
    ld->line = ld->column = 1;
    ld->at_start = 1;
    ld->awaiting_field = ld->at_record_start = 1;
    for (c = 0; c < COL_COUNT; c++) {
        ld->col[c] = -1;
        ld->last_id[c] = MGI_NONE;
    }
    for (i = 0; i < n; i++)
        if (!(ld->batches[i] = calloc(1, sizeof *ld->batches[i])))
            return mgi_nomem(err), -1;
    ld->fill = ld->batches[0];
    if (threads) {
        if (!(ld->ch = calloc(1, sizeof *ld->ch)))
            return mgi_nomem(err), -1;
        if (pthread_mutex_init(&ld->ch->lock, NULL) != 0) {
            free(ld->ch);
            ld->ch = NULL;
            return mgi_nomem(err), -1;
        }
        if (pthread_cond_init(&ld->ch->changed, NULL) != 0) {
            pthread_mutex_destroy(&ld->ch->lock);
            free(ld->ch);
            ld->ch = NULL;
            return mgi_nomem(err), -1;
        }
        for (i = n; i-- > 1;) {
            ld->batches[i]->next = ld->ch->spare;
            ld->ch->spare = ld->batches[i];
        }
    }
    ld->source = mgi_model_source(m, source_name, (int)table);
    if (ld->source == MGI_NONE ||
        csv_init(&ld->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return mgi_nomem(err), -1;
    ld->parser_ready = 1;
    return 0;
}

static void loader_free(loader *ld)
{
    size_t i;

    if (ld->parser_ready)
        csv_free(&ld->parser);
    for (i = 0; i < COL_COUNT; i++) {
        mgi_buf_free(&ld->last_name[i]);
        mgi_buf_free(&ld->cell[i]);
    }
    mgi_buf_free(&ld->quote);
    for (i = 0; i < ld->cap_tool_caps_seen; i++)
        free(ld->tool_caps_seen[i]);
    free(ld->tool_caps_seen);
    free(ld->is_attr);
    free(ld->starts);
    free(ld->ends);
    for (i = 0; i < BATCHES; i++)
        batch_free(ld->batches[i]);
    drop_channel(ld);
    free(ld->buf);
    if (ld->column_display)
        for (i = 0; i < ld->n_columns; i++)
            free(ld->column_display[i]);
    free(ld->column_display);
}

/* ---- Reading ---------------------------------------------------------------- */

/* With a reader thread: does the handler still want what is read? */
static int still_wanted(loader *ld)
{
    if (ld->ch && !ld->stopped) {
        pthread_mutex_lock(&ld->ch->lock);
        ld->stopped = ld->ch->stop;
        pthread_mutex_unlock(&ld->ch->lock);
    }
    return !ld->stopped;
}

/* The reader: the whole stream, a chunk at a time, then its end. */
static void read_stream(loader *ld)
{
    size_t n;

    while (reading(ld) && still_wanted(ld) && (n = fread(ld->buf, 1, READ_CHUNK, ld->in)) > 0)
        scan(ld, ld->buf, n);
    if (reading(ld) && ferror(ld->in))
        ld->rd_status = mgi_error(&ld->rd_err, MG_EIO, ld->source_name, 0, 0, "read error: %s",
                                  strerror(errno));
    finish_reading(ld);
}

static void *reader_main(void *vld)
{
    read_stream(vld);
    return NULL;
}

/* Reads the stream in a reader thread while this one handles its batches;
 * returns -1, having done nothing, when no thread can be started. The
 * reader thread takes no signals: they stay the caller's. The caller's
 * thread cannot be cancelled meanwhile (pthread_cancel would unwind it
 * while the reader still used the loader on its stack). */
static int read_in_thread(loader *ld)
{
    sigset_t all, old;
    pthread_t reader;
    int rc, cancel;

    sigfillset(&all);
    if (pthread_sigmask(SIG_SETMASK, &all, &old) != 0)
        return -1;
    rc = pthread_create(&reader, NULL, reader_main, ld);
    pthread_sigmask(SIG_SETMASK, &old, NULL);
    if (rc != 0)
        return -1;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &cancel);
    handle_channel(ld);
    pthread_join(reader, NULL);
    pthread_setcancelstate(cancel, NULL);
    return 0;
}

/* ---- Entry points into the staging model ------------------------------------ */

mg_status mgi_load_buffer(mgi_model *m, mg_table table, const char *source, const char *data,
                          size_t len, mg_error *err)
{
    loader ld;
    mg_status st;

    if (loader_init(&ld, m, table, source, 0, err) < 0) {
        loader_free(&ld);
        return MG_ENOMEM;
    }
    scan(&ld, (const unsigned char *)data, len);
    finish_reading(&ld);
    finish(&ld);
    st = ld.status;
    loader_free(&ld);
    return st;
}

mg_status mgi_load_stream(mgi_model *m, mg_table table, const char *source, FILE *in,
                          mg_error *err)
{
    struct stat sb;
    size_t total = fstat(fileno(in), &sb) == 0 && S_ISREG(sb.st_mode) ? (size_t)sb.st_size : 0;
    char phase[64];
    loader ld;
    mg_status st;

    if (loader_init(&ld, m, table, source, total >= THREAD_MIN_BYTES, err) < 0) {
        loader_free(&ld);
        return MG_ENOMEM;
    }
    if (!(ld.buf = malloc(READ_CHUNK))) {
        loader_free(&ld);
        return mgi_nomem(err);
    }
    snprintf(phase, sizeof phase, "loading %s", mg_table_file_name(table));
    ld.phase = phase;
    ld.total = total;
    ld.in = in;
    if (!ld.ch || read_in_thread(&ld) < 0) {
        drop_channel(&ld); /* no thread: read here */
        read_stream(&ld);
    }
    finish(&ld);
    st = ld.status;
    loader_free(&ld);
    return st;
}

mg_status mgi_load_path(mgi_model *m, mg_table table, const char *path, mg_error *err)
{
    struct stat st;
    FILE *in;
    mg_status rc;

    if (strcmp(path, "-") == 0)
        return mgi_load_stream(m, table, "<stdin>", stdin, err);
    in = fopen(path, "rb");
    if (!in)
        return mgi_error(err, MG_EINPUT, path, 0, 0, "cannot open: %s", strerror(errno));
    if (fstat(fileno(in), &st) == 0 && S_ISDIR(st.st_mode)) {
        fclose(in);
        return mgi_error(err, MG_EINPUT, path, 0, 0, "is a directory, not a CSV file");
    }
    rc = mgi_load_stream(m, table, path, in, err);
    fclose(in);
    return rc;
}
