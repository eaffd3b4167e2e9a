/*
 * baseline.c - a previous run's gaps, read back from its JSON (`gaps
 * --format json`, or a report's JSON, whose "gaps" member is that
 * document), so that a new run can mark each gap new or known and list the
 * baseline's gaps that are gone as fixed: a CI gate that ratchets.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "baseline.h"
#include "gaps_result.h"
#include "json_read.h"

static const char *const subject_keys[MG_SUBJECT_COUNT] = { "roles", "tools", "capabilities" };

static void gap_free(mgi_baseline_gap *g)
{
    int s;

    free(g->kind);
    free(g->severity);
    free(g->message);
    free(g->key);
    for (s = 0; s < MG_SUBJECT_COUNT; s++)
        mgi_strs_free(&g->subjects[s]);
}

static int gap_copy(mgi_baseline_gap *dst, const mgi_baseline_gap *src)
{
    size_t j;
    int s, ok;

    memset(dst, 0, sizeof *dst);
    ok = (dst->kind = mgi_strdup(src->kind)) && (dst->severity = mgi_strdup(src->severity)) &&
         (dst->message = mgi_strdup(src->message)) && (dst->key = mgi_strdup(src->key));
    for (s = 0; ok && s < MG_SUBJECT_COUNT; s++)
        for (j = 0; ok && j < src->subjects[s].n; j++)
            ok = mgi_strs_add(&dst->subjects[s], src->subjects[s].items[j]) == 0;
    return ok ? 0 : -1;
}

void mg_baseline_free(mg_baseline *b)
{
    size_t i;

    if (!b)
        return;
    for (i = 0; i < b->n; i++)
        gap_free(&b->items[i]);
    free(b->items);
    free(b->source);
    free(b);
}

static char *text_of(const mgi_jval *v)
{
    return mgi_strdup(v && v->type == MGI_JSTRING ? v->string : "");
}

/* One gap object of the document; MG_EINPUT when it is not one. */
static mg_status take_gap(mg_baseline *b, const mgi_jval *v, size_t i, mg_error *err)
{
    mgi_baseline_gap *g = &b->items[b->n];
    const mgi_jval *kind = mgi_jval_get(v, "kind");
    mgi_gap_about about;
    size_t j;
    int s;

    memset(g, 0, sizeof *g);
    if (!kind || kind->type != MGI_JSTRING)
        return mgi_error(err, MG_EINPUT, b->source, 0, 0,
                         "gap %zu of the baseline has no \"kind\"", i + 1);
    b->n++;
    g->kind = text_of(kind);
    g->severity = text_of(mgi_jval_get(v, "severity"));
    g->message = text_of(mgi_jval_get(v, "message"));
    if (!g->kind || !g->severity || !g->message)
        return mgi_nomem(err);
    about.kind = g->kind;
    for (s = 0; s < MG_SUBJECT_COUNT; s++) {
        const mgi_jval *list = mgi_jval_get(v, subject_keys[s]);

        for (j = 0; list && list->type == MGI_JARRAY && j < list->n; j++)
            if (list->items[j].type == MGI_JSTRING &&
                mgi_strs_add(&g->subjects[s], list->items[j].string) < 0)
                return mgi_nomem(err);
        about.subjects[s] = g->subjects[s].items;
        about.n[s] = g->subjects[s].n;
    }
    return (g->key = mgi_gap_identity(&about)) ? MG_OK : mgi_nomem(err);
}

static int key_cmp(const void *x, const void *y)
{
    return strcmp(((const mgi_baseline_gap *)x)->key, ((const mgi_baseline_gap *)y)->key);
}

/* The gaps document: the top level, or a report's "gaps" member. */
static mg_status take_document(mg_baseline *b, const mgi_jval *doc, mg_error *err)
{
    const mgi_jval *gaps = mgi_jval_get(doc, "gaps");
    size_t i;
    mg_status st = MG_OK;

    if (gaps && gaps->type == MGI_JOBJECT)
        gaps = mgi_jval_get(gaps, "gaps"); /* a report */
    if (!gaps || gaps->type != MGI_JARRAY)
        return mgi_error(err, MG_EINPUT, b->source, 0, 0,
                         "not a gaps document (from mlops-graph gaps --format json or "
                         "report --format json): no \"gaps\" list");
    if (!(b->items = calloc(gaps->n + 1, sizeof *b->items)))
        return mgi_nomem(err);
    for (i = 0; i < gaps->n && st == MG_OK; i++)
        st = take_gap(b, &gaps->items[i], i, err);
    if (st == MG_OK)
        mgi_qsort(b->items, b->n, sizeof *b->items, key_cmp);
    return st;
}

mg_status mg_baseline_load_buffer(const char *source, const char *data, size_t len,
                                  mg_baseline **out, mg_error *err)
{
    mg_baseline *b;
    mgi_jval doc;
    mg_status st;

    if (!out || (!data && len))
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_baseline_load_buffer: NULL argument");
    *out = NULL;
    if (!(b = calloc(1, sizeof *b)) || !(b->source = mgi_strdup(source ? source : "<buffer>"))) {
        free(b);
        return mgi_nomem(err);
    }
    st = mgi_json_parse(data ? data : "", len, b->source, &doc, err);
    if (st == MG_OK)
        st = take_document(b, &doc, err);
    mgi_jval_free(&doc);
    if (st != MG_OK) {
        mg_baseline_free(b);
        return st;
    }
    *out = b;
    return MG_OK;
}

mg_status mg_baseline_load(const char *path, mg_baseline **out, mg_error *err)
{
    FILE *in;
    mgi_buf text = { 0 };
    char chunk[65536];
    size_t n;
    mg_status st;

    if (!path || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_baseline_load: NULL argument");
    if (!(in = strcmp(path, "-") ? fopen(path, "rb") : stdin))
        return mgi_error(err, MG_EINPUT, path, 0, 0, "cannot open: %s", strerror(errno));
    while ((n = fread(chunk, 1, sizeof chunk, in)) > 0)
        if (mgi_buf_append(&text, chunk, n) < 0) {
            if (in != stdin)
                fclose(in);
            mgi_buf_free(&text);
            return mgi_nomem(err);
        }
    st = ferror(in) ? mgi_error(err, MG_EINPUT, path, 0, 0, "cannot read: %s", strerror(errno))
                    : mg_baseline_load_buffer(strcmp(path, "-") ? path : "<stdin>",
                                              text.data, text.len, out, err);
    if (in != stdin)
        fclose(in);
    mgi_buf_free(&text);
    return st;
}

size_t mg_baseline_count(const mg_baseline *b)
{
    return b ? b->n : 0;
}

const mgi_baseline_gap *mgi_baseline_find(const mg_baseline *b, const char *key)
{
    size_t lo = 0, hi = b->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(b->items[mid].key, key);

        if (!c)
            return &b->items[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

void mgi_gaps_fixed_free(mg_gaps *gaps)
{
    size_t i;

    for (i = 0; i < gaps->n_fixed; i++)
        gap_free(&gaps->fixed[i]);
    free(gaps->fixed);
    free(gaps->baseline);
    gaps->fixed = NULL;
    gaps->baseline = NULL;
    gaps->n_fixed = 0;
}

int mgi_gaps_mark(mg_gaps *gaps, const mg_baseline *b)
{
    unsigned char *seen = calloc(b->n + 1, 1);
    size_t i;
    int rc = 0;

    if (!seen || !(gaps->baseline = mgi_strdup(b->source)) ||
        !(gaps->fixed = calloc(b->n + 1, sizeof *gaps->fixed))) {
        free(seen);
        return -1;
    }
    for (i = 0; rc == 0 && i < gaps->n; i++) {
        char *key = mgi_gap_identity_of(gaps, i);
        const mgi_baseline_gap *known = key ? mgi_baseline_find(b, key) : NULL;

        if (!key)
            rc = -1;
        gaps->items[i].is_new = !known;
        if (known)
            seen[known - b->items] = 1;
        free(key);
    }
    for (i = 0; rc == 0 && i < b->n; i++)
        if (!seen[i])
            rc = gap_copy(&gaps->fixed[gaps->n_fixed++], &b->items[i]);
    free(seen);
    return rc;
}
