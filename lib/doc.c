/*
 * doc.c - building a document (doc.h) and choosing its writer.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc.h"

static mgi_block *add_block(mgi_doc *d, mgi_block_kind kind)
{
    mgi_block *b;

    if (d->failed || mgi_grow(&d->blocks, &d->cap, d->n + 1, sizeof *d->blocks) < 0) {
        d->failed = 1;
        return NULL;
    }
    b = &d->blocks[d->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    return b;
}

void mgi_doc_heading(mgi_doc *d, const char *text)
{
    mgi_block *b = add_block(d, MGI_HEADING);

    if (b && !(b->text = mgi_strdup(text)))
        d->failed = 1;
}

void mgi_doc_text(mgi_doc *d, const char *fmt, ...)
{
    mgi_block *b = add_block(d, MGI_TEXT);
    va_list ap;
    int n;

    if (!b)
        return;
    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !(b->text = malloc((size_t)n + 1))) {
        d->failed = 1;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(b->text, (size_t)n + 1, fmt, ap);
    va_end(ap);
}

static void add_cells(mgi_doc *d, mgi_block *b, const char *const *cells)
{
    size_t i, at = (b->n_rows + (b->cells ? 1 : 0)) * b->n_cols;

    if (mgi_grow(&b->cells, &b->cap_cells, at + b->n_cols, sizeof *b->cells) < 0) {
        d->failed = 1;
        return;
    }
    for (i = 0; i < b->n_cols; i++)
        if (!(b->cells[at + i] = mgi_strdup(cells[i] ? cells[i] : ""))) {
            while (i--)
                free(b->cells[at + i]);
            d->failed = 1;
            return;
        }
}

void mgi_doc_table(mgi_doc *d, size_t n_cols, const char *const *header)
{
    mgi_block *b = add_block(d, MGI_TABLE);

    if (!b)
        return;
    b->n_cols = n_cols;
    add_cells(d, b, header);
    if (d->failed) { /* a table without its header is no block: drop it whole */
        free(b->cells);
        d->n--;
    }
}

void mgi_doc_row(mgi_doc *d, const char *const *cells)
{
    mgi_block *b;

    if (d->failed || !d->n || d->blocks[d->n - 1].kind != MGI_TABLE) {
        d->failed = 1;
        return;
    }
    b = &d->blocks[d->n - 1];
    add_cells(d, b, cells);
    if (!d->failed)
        b->n_rows++;
}

int mgi_doc_write(const mgi_doc *d, const mgi_doc_writer *w, mgi_buf *out)
{
    size_t i;

    for (i = 0; i < d->n; i++) {
        const mgi_block *b = &d->blocks[i];
        int (*put)(mgi_buf *, const char *) = b->kind == MGI_HEADING ? w->heading : w->text;
        int rc;

        if (b->kind != MGI_TABLE && !put)
            continue;
        if (i && w->between && mgi_buf_puts(out, w->between) < 0)
            return -1;
        rc = b->kind == MGI_TABLE ? w->table(out, b) : put(out, b->text);
        if (rc)
            return rc < 0 ? -1 : 0;
    }
    return 0;
}

void mgi_doc_free(mgi_doc *d)
{
    size_t i, j;

    for (i = 0; i < d->n; i++) {
        mgi_block *b = &d->blocks[i];

        free(b->text);
        if (b->kind == MGI_TABLE)
            for (j = 0; j < (b->n_rows + 1) * b->n_cols; j++)
                free(b->cells[j]);
        free(b->cells);
    }
    free(d->blocks);
    memset(d, 0, sizeof *d);
}

mg_status mgi_doc_render(mgi_doc *d, mg_format format, char **out, mg_error *err)
{
    mgi_buf b = { 0 };
    int rc;

    if (d->failed)
        return mgi_nomem(err);
    switch (format) {
    case MG_FORMAT_TEXT: rc = mgi_write_text(d, &b); break;
    case MG_FORMAT_CSV: rc = mgi_write_csv(d, &b); break;
    case MG_FORMAT_MD: rc = mgi_write_md(d, &b); break;
    case MG_FORMAT_HTML: rc = mgi_write_html(d, &b); break;
    default: return mgi_error(err, MG_EINVAL, "", 0, 0, "no such document format");
    }
    if (rc < 0 || !(*out = mgi_buf_steal(&b))) {
        mgi_buf_free(&b);
        return mgi_nomem(err);
    }
    return MG_OK;
}
