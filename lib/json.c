/*
 * json.c - the streaming JSON writer of json.h. Each call appends to the
 * buffer; the first failure is sticky, so callers check once, at the end.
 */
#include "config.h"

#include <math.h>
#include <string.h>

#include "json.h"

int mgi_json_string(mgi_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    if (mgi_buf_putc(b, '"') < 0)
        return -1;
    for (; *p; p++) {
        int rc;

        switch (*p) {
        case '"': rc = mgi_buf_puts(b, "\\\""); break;
        case '\\': rc = mgi_buf_puts(b, "\\\\"); break;
        case '\n': rc = mgi_buf_puts(b, "\\n"); break;
        case '\r': rc = mgi_buf_puts(b, "\\r"); break;
        case '\t': rc = mgi_buf_puts(b, "\\t"); break;
        default:
            if (*p < 0x20 || *p == 0x7F)
                rc = mgi_buf_printf(b, "\\u%04x", *p);
            else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
                rc = mgi_buf_printf(b, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
                p += 2;
            } else
                rc = mgi_buf_putc(b, (char)*p);
        }
        if (rc < 0)
            return -1;
    }
    return mgi_buf_putc(b, '"');
}

void mgi_json_init(mgi_json *j, mgi_buf *out)
{
    memset(j, 0, sizeof *j);
    j->out = out;
    j->empty[0] = 1;
}

static void put(mgi_json *j, const char *s)
{
    if (!j->failed && mgi_buf_puts(j->out, s) < 0)
        j->failed = 1;
}

/* Before any value: the separator its place needs. A value at the top level
 * is allowed once; inside an object only after a key. */
static void value_begins(mgi_json *j)
{
    if (j->failed)
        return;
    if (j->after_key) {
        j->after_key = 0;
        return;
    }
    if (j->depth == 0) {
        j->failed = j->empty[0] ? 0 : 1; /* a second top-level value */
        j->empty[0] = 0;
        return;
    }
    if (j->object[j->depth]) { /* a member's value needs its key first */
        j->failed = 1;
        return;
    }
    if (!j->empty[j->depth])
        put(j, ", ");
    j->empty[j->depth] = 0;
}

static void begin(mgi_json *j, const char *bracket, int object)
{
    value_begins(j);
    if (j->failed)
        return;
    if (j->depth + 1 >= MGI_JSON_MAX_DEPTH) {
        j->failed = 1;
        return;
    }
    put(j, bracket);
    j->empty[++j->depth] = 1;
    j->object[j->depth] = (unsigned char)object;
}

static void end(mgi_json *j, const char *bracket, int object)
{
    if (j->failed)
        return;
    if (j->depth == 0 || j->after_key || j->object[j->depth] != object) {
        j->failed = 1;
        return;
    }
    j->depth--;
    put(j, bracket);
}

void mgi_json_object(mgi_json *j) { begin(j, "{", 1); }
void mgi_json_object_end(mgi_json *j) { end(j, "}", 1); }
void mgi_json_array(mgi_json *j) { begin(j, "[", 0); }
void mgi_json_array_end(mgi_json *j) { end(j, "]", 0); }

void mgi_json_key(mgi_json *j, const char *key)
{
    if (j->failed)
        return;
    if (j->depth == 0 || j->after_key || !j->object[j->depth]) {
        j->failed = 1; /* a key belongs in an object, before its value */
        return;
    }
    if (!j->empty[j->depth])
        put(j, ", ");
    j->empty[j->depth] = 0;
    if (!j->failed && mgi_json_string(j->out, key) < 0)
        j->failed = 1;
    put(j, ": ");
    j->after_key = 1;
}

void mgi_json_str(mgi_json *j, const char *s)
{
    if (!s) {
        mgi_json_null(j);
        return;
    }
    value_begins(j);
    if (!j->failed && mgi_json_string(j->out, s) < 0)
        j->failed = 1;
}

void mgi_json_size(mgi_json *j, size_t v)
{
    value_begins(j);
    if (!j->failed && mgi_buf_printf(j->out, "%zu", v) < 0)
        j->failed = 1;
}

void mgi_json_int(mgi_json *j, long long v)
{
    value_begins(j);
    if (!j->failed && mgi_buf_printf(j->out, "%lld", v) < 0)
        j->failed = 1;
}

void mgi_json_double(mgi_json *j, double v)
{
    if (!isfinite(v)) {
        mgi_json_null(j);
        return;
    }
    value_begins(j);
    if (!j->failed && mgi_buf_printf(j->out, "%.17g", v) < 0)
        j->failed = 1;
}

void mgi_json_bool(mgi_json *j, int v)
{
    value_begins(j);
    put(j, v ? "true" : "false");
}

void mgi_json_null(mgi_json *j)
{
    value_begins(j);
    put(j, "null");
}

void mgi_json_raw(mgi_json *j, const char *json)
{
    size_t n = strlen(json);

    if (n && json[n - 1] == '\n')
        n--;
    value_begins(j);
    if (!j->failed && mgi_buf_append(j->out, json, n) < 0)
        j->failed = 1;
}

void mgi_json_strings(mgi_json *j, char *const *items, size_t n)
{
    size_t i;

    mgi_json_array(j);
    for (i = 0; i < n && !j->failed; i++)
        mgi_json_str(j, items[i]);
    mgi_json_array_end(j);
}

void mgi_json_key_str(mgi_json *j, const char *key, const char *s)
{
    mgi_json_key(j, key);
    mgi_json_str(j, s);
}

void mgi_json_key_size(mgi_json *j, const char *key, size_t v)
{
    mgi_json_key(j, key);
    mgi_json_size(j, v);
}

void mgi_json_key_double(mgi_json *j, const char *key, double v)
{
    mgi_json_key(j, key);
    mgi_json_double(j, v);
}

void mgi_json_key_bool(mgi_json *j, const char *key, int v)
{
    mgi_json_key(j, key);
    mgi_json_bool(j, v);
}

void mgi_json_key_strings(mgi_json *j, const char *key, char *const *items, size_t n)
{
    mgi_json_key(j, key);
    mgi_json_strings(j, items, n);
}

int mgi_json_finish(mgi_json *j, int newline)
{
    if (!j->failed && (j->depth != 0 || j->after_key || j->empty[0]))
        j->failed = 1; /* unclosed, a dangling key, or no value at all */
    if (newline)
        put(j, "\n");
    return j->failed ? -1 : 0;
}
