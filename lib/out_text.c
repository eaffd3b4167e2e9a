/*
 * out_text.c - a document as plain text for a terminal: headings underlined,
 * tables in aligned columns. Control characters in every block (headings,
 * paragraphs, cells) become spaces (mgi_buf_put_line), so that free text
 * cannot move the cursor or break a line or the layout.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"

static size_t width(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80)
            n++;
    return n;
}

/* Columns padded to their widest cell, two blanks apart. */
static int write_table(mgi_buf *out, const mgi_block *b)
{
    size_t *w = calloc(b->n_cols, sizeof *w), r, c;
    int rc = -1;

    if (!w)
        return -1;
    for (r = 0; r <= b->n_rows; r++)
        for (c = 0; c < b->n_cols; c++) {
            size_t x = width(b->cells[r * b->n_cols + c]);

            if (x > w[c])
                w[c] = x;
        }
    for (r = 0; r <= b->n_rows; r++) {
        for (c = 0; c < b->n_cols; c++) {
            const char *cell = b->cells[r * b->n_cols + c];
            size_t pad = w[c] - width(cell);

            if (mgi_buf_put_line(out, cell) < 0)
                goto out;
            if (c + 1 < b->n_cols)
                while (pad-- + 2 > 0)
                    if (mgi_buf_putc(out, ' ') < 0)
                        goto out;
        }
        /* no trailing blanks */
        while (out->len && out->data[out->len - 1] == ' ')
            out->data[--out->len] = '\0';
        if (mgi_buf_putc(out, '\n') < 0)
            goto out;
    }
    rc = 0;
out:
    free(w);
    return rc;
}

/* The heading underlined with dashes, as wide as it. */
static int heading(mgi_buf *out, const char *text)
{
    size_t j;

    if (mgi_buf_put_line(out, text) < 0 || mgi_buf_putc(out, '\n') < 0)
        return -1;
    for (j = width(text); j > 0; j--)
        if (mgi_buf_putc(out, '-') < 0)
            return -1;
    return mgi_buf_putc(out, '\n') < 0 ? -1 : 0;
}

static int paragraph(mgi_buf *out, const char *text)
{
    return mgi_buf_put_line(out, text) < 0 || mgi_buf_putc(out, '\n') < 0 ? -1 : 0;
}

int mgi_write_text(const mgi_doc *d, mgi_buf *out)
{
    static const mgi_doc_writer text = { "\n", heading, paragraph, write_table };

    return mgi_doc_write(d, &text, out);
}
