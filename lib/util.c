/*
 * util.c - the private helpers of util.h.
 */
#include "config.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hash.h"
#include "util.h"

int mgi_grow(void *array, size_t *cap, size_t need, size_t elem)
{
    void **p = array;
    size_t n = *cap ? *cap : 8;
    void *q;

    if (need <= *cap)
        return 0;
    while (n < need) {
        if (n > SIZE_MAX / 2)
            return -1;
        n *= 2;
    }
    if (n > SIZE_MAX / elem)
        return -1;
    q = realloc(*p, n * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = n;
    return 0;
}

int mgi_buf_reserve(mgi_buf *b, size_t extra)
{
    if (b->failed || extra > SIZE_MAX - b->len - 1 ||
        mgi_grow(&b->data, &b->cap, b->len + extra + 1, 1) < 0) {
        mgi_buf_free(b);
        b->failed = 1;
        return -1;
    }
    b->data[b->len] = '\0'; /* a buffer that has memory is always a string */
    return 0;
}

int mgi_buf_append(mgi_buf *b, const void *bytes, size_t n)
{
    if (b->data && n < b->cap - b->len) { /* room already (then b->failed is 0) */
        memcpy(b->data + b->len, bytes, n);
        b->len += n;
        b->data[b->len] = '\0';
        return 0;
    }
    if (mgi_buf_reserve(b, n) < 0)
        return -1;
    if (n)
        memcpy(b->data + b->len, bytes, n);
    b->len += n;
    b->data[b->len] = '\0';
    return 0;
}

int mgi_buf_puts(mgi_buf *b, const char *s)
{
    return mgi_buf_append(b, s, strlen(s));
}

int mgi_buf_putc(mgi_buf *b, char c)
{
    return mgi_buf_append(b, &c, 1);
}

int mgi_buf_printf(mgi_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || mgi_buf_reserve(b, (size_t)n) < 0)
        return -1;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
    return 0;
}

void mgi_buf_clear(mgi_buf *b)
{
    b->failed = 0;
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
}

void mgi_buf_free(mgi_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

char *mgi_buf_steal(mgi_buf *b)
{
    char *s;

    if (!b->data && mgi_buf_reserve(b, 0) < 0)
        return NULL;
    b->data[b->len] = '\0';
    s = b->data;
    b->data = NULL;
    b->len = b->cap = 0;
    return s;
}

/* The length of s[0, len) without a character that would end past len. */
static size_t utf8_boundary(const char *s, size_t len)
{
    size_t i = len;
    unsigned char lead;

    while (i > 0 && len - i < 3 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
        i--;
    if (i == 0)
        return len;
    lead = (unsigned char)s[i - 1];
    if (lead >= 0xC0 && i - 1 + (lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2) > len)
        return i - 1;
    return len;
}

size_t mgi_fold_controls(char *s, size_t n)
{
    size_t i, j = 0;

    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];

        if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] >= 0x80 &&
            (unsigned char)s[i + 1] <= 0x9F) {
            s[j++] = ' '; /* a C1 control, U+0080 to U+009F */
            i++;
        } else {
            s[j++] = c < 0x20 || c == 0x7F ? ' ' : (char)c;
        }
    }
    if (j < n)
        s[j] = '\0';
    return j;
}

int mgi_buf_put_line(mgi_buf *b, const char *s)
{
    size_t from = b->len;

    if (mgi_buf_puts(b, s) < 0)
        return -1;
    b->len = from + mgi_fold_controls(b->data + from, b->len - from);
    b->data[b->len] = '\0';
    return 0;
}

void mgi_vformat_cut(char *dst, size_t size, const char *fmt, va_list ap)
{
    int n = vsnprintf(dst, size, fmt, ap);
    size_t keep;

    if (n < 0) {
        dst[0] = '\0';
        return;
    }
    if ((size_t)n < size)
        return;
    keep = utf8_boundary(dst, size > 4 ? size - 4 : size - 1);
    memcpy(dst + keep, size > 4 ? "..." : "", size > 4 ? 4 : 1);
}

void mgi_format_cut(char *dst, size_t size, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mgi_vformat_cut(dst, size, fmt, ap);
    va_end(ap);
}

mg_status mgi_verror(mg_error *err, mg_status code, const char *source, size_t line,
                     size_t column, const char *fmt, va_list ap)
{
    if (!err)
        return code;
    err->code = code;
    mgi_format_cut(err->source, sizeof err->source, "%s", source ? source : "");
    mgi_fold_controls(err->source, strlen(err->source));
    err->line = line;
    err->column = column;
    mgi_vformat_cut(err->message, sizeof err->message, fmt, ap);
    mgi_fold_controls(err->message, strlen(err->message));
    return code;
}

mg_status mgi_error(mg_error *err, mg_status code, const char *source, size_t line,
                    size_t column, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    mgi_verror(err, code, source, line, column, fmt, ap);
    va_end(ap);
    return code;
}

/* The progress callback of each thread, and whether it cancelled the call
 * under way: set when the callback asks to stop, and read where that call
 * reports its failure (mgi_nomem). It is cleared there once the failure
 * reaches an mg_error, so a nested call that reports to no one (err NULL)
 * leaves it for its caller; and by the callback's next "go on". */
#if defined(__STDC_VERSION__) && __STDC_VERSION__ >= 201112L
#define MGI_THREAD_LOCAL _Thread_local
#else
#define MGI_THREAD_LOCAL __thread
#endif
static MGI_THREAD_LOCAL mg_progress_fn progress_fn;
static MGI_THREAD_LOCAL void *progress_data;
static MGI_THREAD_LOCAL int cancelled;

mg_status mgi_nomem(mg_error *err)
{
    if (cancelled) {
        if (err)
            cancelled = 0;
        return mgi_error(err, MG_ECANCELED, "", 0, 0, "cancelled by the progress callback");
    }
    return mgi_error(err, MG_ENOMEM, "", 0, 0, "out of memory");
}

mg_status mgi_set_at_least(size_t *field, size_t value, size_t min, const char *option,
                           mg_error *err)
{
    if (!field || value < min)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "%s must be at least %zu", option, min);
    *field = value;
    return MG_OK;
}

void mgi_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    if (n > 1)
        qsort(base, n, size, cmp);
}

char *mgi_strndup(const char *s, size_t n)
{
    char *p = malloc(n + 1);

    if (!p)
        return NULL;
    if (n)
        memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *mgi_strdup(const char *s)
{
    return mgi_strndup(s, strlen(s));
}

int mgi_is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
}

const char *mgi_scan_decimal(const char *s)
{
    const char *p = s;

    while (*p >= '0' && *p <= '9')
        p++;
    if (p == s)
        return NULL;
    if (*p == '.') {
        const char *frac = ++p;

        while (*p >= '0' && *p <= '9')
            p++;
        if (p == frac)
            return NULL;
    }
    return p;
}

void mgi_trim(const char **s, size_t *n)
{
    while (*n && mgi_is_space((unsigned char)(*s)[0])) {
        (*s)++;
        (*n)--;
    }
    while (*n && mgi_is_space((unsigned char)(*s)[*n - 1]))
        (*n)--;
}

static unsigned char fold_byte(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

int mgi_fold(mgi_buf *out, const char *s, size_t n)
{
    size_t i;

    mgi_trim(&s, &n);
    mgi_buf_clear(out);
    if (mgi_buf_reserve(out, n) < 0)
        return -1;
    for (i = 0; i < n; i++)
        out->data[i] = (char)fold_byte((unsigned char)s[i]);
    out->len = n;
    out->data[n] = '\0';
    return 0;
}

uint64_t mgi_fold_hash(const char *s, size_t n)
{
    uint64_t h = MGI_HASH_START;
    char chunk[64];

    mgi_trim(&s, &n);
    while (n) {
        size_t i, k = n < sizeof chunk ? n : sizeof chunk;

        for (i = 0; i < k; i++)
            chunk[i] = (char)fold_byte((unsigned char)s[i]);
        h = mgi_hash_more(h, chunk, k);
        s += k;
        n -= k;
    }
    return h;
}

static int is_id_separator(unsigned char c)
{
    return c == '_' || c == '-' || mgi_is_space(c);
}

/* The id-folded form of [*s, end), a character at a time: the next one, or
 * -1 at the end. *dash says the last one given was a hyphen (0 at first). */
static int fold_id_next(const char **s, const char *end, int *dash)
{
    while (*s < end) {
        unsigned char c = (unsigned char)*(*s)++;

        if (!is_id_separator(c)) {
            *dash = 0;
            return fold_byte(c);
        }
        if (!*dash) {
            *dash = 1;
            return '-';
        }
    }
    return -1;
}

int mgi_fold_id(mgi_buf *out, const char *s, size_t n)
{
    const char *end;
    int dash = 0, c;

    mgi_trim(&s, &n);
    mgi_buf_clear(out);
    if (mgi_buf_reserve(out, n) < 0)
        return -1;
    for (end = s + n; (c = fold_id_next(&s, end, &dash)) >= 0;)
        out->data[out->len++] = (char)c;
    out->data[out->len] = '\0';
    return 0;
}

uint64_t mgi_fold_id_hash(const char *s, size_t n)
{
    uint64_t h = MGI_HASH_START;
    const char *end;
    char chunk[64];
    size_t k = 0;
    int dash = 0, c;

    mgi_trim(&s, &n);
    for (end = s + n; (c = fold_id_next(&s, end, &dash)) >= 0;) {
        chunk[k++] = (char)c;
        if (k == sizeof chunk) {
            h = mgi_hash_more(h, chunk, k);
            k = 0;
        }
    }
    return mgi_hash_more(h, chunk, k);
}

int mgi_fold_id_matches(const char *key, const char *name)
{
    size_t n = strlen(name);
    const char *end;
    int dash = 0, c;

    mgi_trim(&name, &n);
    for (end = name + n; (c = fold_id_next(&name, end, &dash)) >= 0; key++)
        if ((unsigned char)*key != c)
            return 0;
    return *key == '\0';
}

int mgi_fold_loose(mgi_buf *out, const char *s)
{
    mgi_buf_clear(out);
    if (mgi_buf_reserve(out, strlen(s)) < 0)
        return -1;
    for (; *s; s++) {
        unsigned char c = fold_byte((unsigned char)*s);

        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            out->data[out->len++] = (char)c;
    }
    out->data[out->len] = '\0';
    return 0;
}

int mgi_fold_cmp(const char *a, const char *b)
{
    size_t na = strlen(a), nb = strlen(b), i;

    mgi_trim(&a, &na);
    mgi_trim(&b, &nb);
    for (i = 0; i < na && i < nb; i++) {
        int c = fold_byte((unsigned char)a[i]) - fold_byte((unsigned char)b[i]);

        if (c)
            return c;
    }
    return na < nb ? -1 : na > nb;
}

int mgi_fold_equal(const char *a, const char *b)
{
    return mgi_fold_cmp(a, b) == 0;
}

int mgi_snippet(mgi_buf *out, const char *s, size_t max)
{
    size_t chars = 0;
    const unsigned char *p = (const unsigned char *)s;

    for (; *p; p++) {
        int rc;

        if ((*p & 0xC0) != 0x80 && chars++ == max)
            return mgi_buf_puts(out, "...");
        if (*p == '\n')
            rc = mgi_buf_puts(out, "\\n");
        else if (*p == '\t')
            rc = mgi_buf_puts(out, "\\t");
        else if (*p < 0x20 || *p == 0x7F)
            rc = mgi_buf_printf(out, "\\x%02X", *p);
        else
            rc = mgi_buf_putc(out, (char)*p);
        if (rc < 0)
            return -1;
    }
    return 0;
}

size_t mgi_edit_distance(const char *a, const char *b, size_t cap)
{
    size_t na = strlen(a), nb = strlen(b), i, j, best, result;
    size_t *row;

    if ((na > nb ? na - nb : nb - na) > cap)
        return cap + 1;
    row = malloc((nb + 1) * sizeof *row);
    if (!row)
        return cap + 1;
    for (j = 0; j <= nb; j++)
        row[j] = j;
    for (i = 1; i <= na; i++) {
        size_t diag = row[0];

        row[0] = i;
        best = row[0];
        for (j = 1; j <= nb; j++) {
            size_t up = row[j];
            size_t cost = fold_byte((unsigned char)a[i - 1]) != fold_byte((unsigned char)b[j - 1]);
            size_t v = diag + cost;

            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            row[j] = v;
            diag = up;
            if (v < best)
                best = v;
        }
        if (best > cap) {
            free(row);
            return cap + 1;
        }
    }
    result = row[nb] > cap ? cap + 1 : row[nb];
    free(row);
    return result;
}

unsigned long long mgi_rng_next(mgi_rng *r)
{
    uint64_t z = (uint64_t)(r->state += 0x9E3779B97F4A7C15ull);

    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

size_t mgi_rng_below(mgi_rng *r, size_t n)
{
    /* multiply-shift on 32 bits: the bias is below 2^-32 for n < 2^32 */
    return (size_t)(((mgi_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

double mgi_rng_unit(mgi_rng *r)
{
    return (double)(mgi_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

void mg_set_progress(mg_progress_fn fn, void *data)
{
    progress_fn = fn;
    progress_data = data;
    cancelled = 0;
}

int mgi_progress(const char *phase, size_t done, size_t total)
{
    cancelled = progress_fn &&
                progress_fn(phase, total ? (double)done / (double)total : -1.0, progress_data);
    return cancelled ? -1 : 0;
}

/* ---- Costs and lists of names ---------------------------------------------- */

int mgi_cost_equal(double a, double b)
{
    double scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);

    return fabs(a - b) <= 1e-9 * (scale > 1 ? scale : 1);
}

void mgi_cost_string(char *out, size_t size, double cost)
{
    snprintf(out, size, "%g", cost);
}

int mgi_strs_add(mgi_strs *s, const char *text)
{
    char *copy;

    if (mgi_grow(&s->items, &s->cap, s->n + 1, sizeof *s->items) < 0 || !(copy = mgi_strdup(text)))
        return -1;
    s->items[s->n++] = copy;
    return 0;
}

void mgi_strs_free(mgi_strs *s)
{
    size_t i;

    for (i = 0; i < s->n; i++)
        free(s->items[i]);
    free(s->items);
    memset(s, 0, sizeof *s);
}

int mgi_join_names(mgi_buf *out, char *const *names, size_t n, size_t max)
{
    size_t i, shown = n > max ? max : n;

    for (i = 0; i < shown; i++) {
        const char *sep = i == 0 ? "" : (i + 1 == shown && shown == n) ? " and " : ", ";

        if (mgi_buf_puts(out, sep) < 0 || mgi_buf_puts(out, names[i]) < 0)
            return -1;
    }
    if (shown < n)
        return mgi_buf_printf(out, " and %zu more", n - shown);
    return mgi_buf_reserve(out, 0);
}
