/*
 * json_read.c - a small recursive-descent JSON reader (RFC 8259) building a
 * tree. Strict: one value, no trailing commas, no comments, strings valid
 * UTF-8 without raw control characters, nesting at most JSON_MAX_DEPTH.
 */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "json_read.h"
#include "util.h"

#define JSON_MAX_DEPTH 64

typedef struct reader {
    const char *p, *end;
    const char *line_start;
    size_t line;
    const char *source;
    mg_error *err;
} reader;

/* The column of p in characters (UTF-8 continuation bytes not counted). */
static size_t column_of(const reader *r)
{
    size_t col = 1;
    const char *q;

    for (q = r->line_start; q < r->p; q++)
        col += ((unsigned char)*q & 0xC0) != 0x80;
    return col;
}

static mg_status fail(reader *r, const char *what)
{
    return mgi_error(r->err, MG_EINPUT, r->source, r->line, column_of(r), "%s", what);
}

static void skip_space(reader *r)
{
    for (; r->p < r->end; r->p++) {
        if (*r->p == '\n') {
            r->line++;
            r->line_start = r->p + 1;
        } else if (*r->p != ' ' && *r->p != '\t' && *r->p != '\r')
            break;
    }
}

static int at(const reader *r, char c)
{
    return r->p < r->end && *r->p == c;
}

/* The length of the valid UTF-8 sequence at p (1 to 4), or 0. */
static size_t utf8_length(const unsigned char *p, const unsigned char *end)
{
    size_t n, i;
    unsigned cp;

    if (p[0] < 0x80)
        return 1;
    n = p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : p[0] >= 0xC2 ? 2 : 0;
    if (!n || p[0] > 0xF4 || (size_t)(end - p) < n)
        return 0;
    cp = p[0] & (0x7F >> n);
    for (i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = cp << 6 | (p[i] & 0x3F);
    }
    /* no overlong forms, no surrogates, nothing past U+10FFFF */
    if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || (cp >= 0xD800 && cp <= 0xDFFF) ||
        cp > 0x10FFFF)
        return 0;
    return n;
}

static int put_utf8(mgi_buf *b, unsigned cp)
{
    char s[4];
    size_t n;

    if (cp < 0x80) {
        s[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        s[0] = (char)(0xC0 | cp >> 6);
        s[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        s[0] = (char)(0xE0 | cp >> 12);
        s[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        s[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        s[0] = (char)(0xF0 | cp >> 18);
        s[1] = (char)(0x80 | (cp >> 12 & 0x3F));
        s[2] = (char)(0x80 | (cp >> 6 & 0x3F));
        s[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return mgi_buf_append(b, s, n);
}

/* Four hex digits after "\u": their value, or -1. */
static long hex4(reader *r)
{
    long v = 0;
    int i;

    if (r->end - r->p < 4)
        return -1;
    for (i = 0; i < 4; i++) {
        char c = r->p[i];

        v = v * 16 + (c >= '0' && c <= '9'   ? c - '0'
                      : c >= 'a' && c <= 'f' ? c - 'a' + 10
                      : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                             : -100000);
    }
    if (v < 0)
        return -1;
    r->p += 4;
    return v;
}

/* After "\u": the code point, a surrogate pair joined. Errors name the
 * escape's backslash. */
static mg_status unicode_escape(reader *r, mgi_buf *b)
{
    const char *start = r->p - 2;
    long hi = hex4(r), lo;
    const char *why = NULL;

    if (hi < 0)
        why = "\\u needs four hexadecimal digits";
    else if (hi >= 0xDC00 && hi <= 0xDFFF)
        why = "a low surrogate without a high one";
    else if (hi >= 0xD800 && hi <= 0xDBFF) {
        if (r->end - r->p < 2 || r->p[0] != '\\' || r->p[1] != 'u')
            why = "a high surrogate without a low one";
        else {
            r->p += 2;
            lo = hex4(r);
            if (lo < 0xDC00 || lo > 0xDFFF)
                why = "a high surrogate without a low one";
            else
                hi = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
        }
    } else if (hi == 0)
        why = "\\u0000 in a string";
    if (why) {
        r->p = start;
        return fail(r, why);
    }
    return put_utf8(b, (unsigned)hi) < 0 ? mgi_nomem(r->err) : MG_OK;
}

static mg_status escape(reader *r, mgi_buf *b)
{
    static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
    const char *k;

    if (r->p >= r->end)
        return fail(r, "the string does not end");
    if (*r->p == 'u') {
        r->p++;
        return unicode_escape(r, b);
    }
    if (!*r->p || !(k = strchr(from, *r->p)))
        return fail(r, "an unknown escape in a string");
    r->p++;
    return mgi_buf_putc(b, to[k - from]) < 0 ? mgi_nomem(r->err) : MG_OK;
}

/* At the opening quote: the string's text into *out. */
static mg_status string(reader *r, char **out)
{
    mgi_buf b = { 0 };
    mg_status st = MG_OK;

    r->p++;
    while (st == MG_OK) {
        size_t n;

        if (r->p >= r->end) {
            st = fail(r, "the string does not end");
        } else if (*r->p == '"') {
            r->p++;
            break;
        } else if (*r->p == '\\') {
            r->p++;
            st = escape(r, &b);
        } else if ((unsigned char)*r->p < 0x20) {
            st = fail(r, "a control character in a string");
        } else if (!(n = utf8_length((const unsigned char *)r->p, (const unsigned char *)r->end))) {
            st = fail(r, "invalid UTF-8 in a string");
        } else if (mgi_buf_append(&b, r->p, n) < 0) {
            st = mgi_nomem(r->err);
        } else
            r->p += n;
    }
    if (st == MG_OK && !(*out = b.data ? mgi_buf_steal(&b) : mgi_strdup("")))
        st = mgi_nomem(r->err);
    mgi_buf_free(&b);
    return st;
}

static size_t digits(reader *r)
{
    const char *start = r->p;

    while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
        r->p++;
    return (size_t)(r->p - start);
}

/* A number by the grammar of RFC 8259; its value read without the locale
 * (exactness is not needed: the library reads only counts back). */
static mg_status number(reader *r, double *out)
{
    const char *start = r->p;
    double v = 0, scale = 1;
    long exp = 0;
    int neg = at(r, '-'), eneg = 0;
    const char *q;

    r->p += neg;
    if (at(r, '0'))
        r->p++;
    else if (!digits(r))
        return fail(r, "expected a value");
    if (at(r, '.')) {
        r->p++;
        if (!digits(r))
            return fail(r, "a number needs digits after its point");
    }
    if (at(r, 'e') || at(r, 'E')) {
        r->p++;
        if (at(r, '+') || at(r, '-'))
            eneg = *r->p++ == '-';
        if (!digits(r))
            return fail(r, "a number needs digits in its exponent");
    }
    for (q = start + neg; q < r->p && *q >= '0' && *q <= '9'; q++)
        v = v * 10 + (*q - '0');
    if (q < r->p && *q == '.')
        for (q++; q < r->p && *q >= '0' && *q <= '9'; q++)
            v += (*q - '0') * (scale /= 10);
    if (q < r->p)
        for (q++, q += (*q == '+' || *q == '-'); q < r->p && exp < 100000; q++)
            exp = exp * 10 + (*q - '0');
    *out = (neg ? -v : v) * pow(10, (double)(eneg ? -exp : exp));
    return MG_OK;
}

static mg_status value(reader *r, mgi_jval *v, size_t depth);

/* At '[' or '{': the elements, or the members, until the closing bracket. */
static mg_status container(reader *r, mgi_jval *v, size_t depth)
{
    int object = *r->p == '{';
    char close = object ? '}' : ']';
    size_t cap = 0, kcap = 0;
    mg_status st;

    v->type = object ? MGI_JOBJECT : MGI_JARRAY;
    if (depth >= JSON_MAX_DEPTH)
        return fail(r, "nested too deeply");
    r->p++;
    skip_space(r);
    if (at(r, close)) {
        r->p++;
        return MG_OK;
    }
    for (;;) {
        if (mgi_grow(&v->items, &cap, v->n + 1, sizeof *v->items) < 0 ||
            (object && mgi_grow(&v->keys, &kcap, v->n + 1, sizeof *v->keys) < 0))
            return mgi_nomem(r->err);
        memset(&v->items[v->n], 0, sizeof *v->items);
        if (object) {
            v->keys[v->n] = NULL;
            skip_space(r);
            if (!at(r, '"'))
                return fail(r, "expected a key (a string)");
            if ((st = string(r, &v->keys[v->n])) != MG_OK)
                return (v->n++, st);
            skip_space(r);
            if (!at(r, ':'))
                return (v->n++, fail(r, "expected ':' after a key"));
            r->p++;
        }
        st = value(r, &v->items[v->n++], depth + 1);
        if (st != MG_OK)
            return st;
        skip_space(r);
        if (at(r, close)) {
            r->p++;
            return MG_OK;
        }
        if (!at(r, ','))
            return fail(r, object ? "expected ',' or '}'" : "expected ',' or ']'");
        r->p++;
    }
}

static mg_status literal(reader *r, const char *word, mgi_jval *v, mgi_jtype type, int b)
{
    size_t n = strlen(word);

    if ((size_t)(r->end - r->p) < n || memcmp(r->p, word, n) != 0)
        return fail(r, "expected a value");
    r->p += n;
    v->type = type;
    v->boolean = b;
    return MG_OK;
}

static mg_status value(reader *r, mgi_jval *v, size_t depth)
{
    skip_space(r);
    if (r->p >= r->end)
        return fail(r, "expected a value, found the end");
    switch (*r->p) {
    case '{':
    case '[':
        return container(r, v, depth);
    case '"':
        v->type = MGI_JSTRING;
        return string(r, &v->string);
    case 't':
        return literal(r, "true", v, MGI_JBOOL, 1);
    case 'f':
        return literal(r, "false", v, MGI_JBOOL, 0);
    case 'n':
        return literal(r, "null", v, MGI_JNULL, 0);
    default:
        v->type = MGI_JNUMBER;
        return number(r, &v->number);
    }
}

mg_status mgi_json_parse(const char *text, size_t len, const char *source, mgi_jval *out,
                         mg_error *err)
{
    reader r;
    mg_status st;

    memset(out, 0, sizeof *out);
    r.p = r.line_start = text;
    r.end = text + len;
    r.line = 1;
    r.source = source;
    r.err = err;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        r.p = r.line_start = text + 3; /* a byte order mark */
    st = value(&r, out, 0);
    if (st == MG_OK) {
        skip_space(&r);
        if (r.p < r.end)
            st = fail(&r, "more after the value");
    }
    return st;
}

void mgi_jval_free(mgi_jval *v)
{
    size_t i;

    if (!v)
        return;
    for (i = 0; i < v->n; i++) {
        mgi_jval_free(&v->items[i]);
        if (v->keys)
            free(v->keys[i]);
    }
    free(v->items);
    free(v->keys);
    free(v->string);
    memset(v, 0, sizeof *v);
}

const mgi_jval *mgi_jval_get(const mgi_jval *object, const char *key)
{
    size_t i;

    if (!object || object->type != MGI_JOBJECT)
        return NULL;
    for (i = 0; i < object->n; i++)
        if (object->keys[i] && strcmp(object->keys[i], key) == 0)
            return &object->items[i];
    return NULL;
}
