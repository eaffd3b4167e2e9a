/*
 * out_csv.c - a document as CSV: its first table (the result's main table),
 * header row first, fields quoted per RFC 4180 when they hold a comma, a
 * quote, a line break or surrounding blanks, so that any name round-trips.
 */
#include "config.h"

#include <string.h>

#include "doc.h"

int mgi_csv_field(mgi_buf *out, const char *s)
{
    size_t n = strlen(s);
    int quote = strpbrk(s, ",\"\r\n") != NULL ||
                (n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'));

    if (!quote)
        return mgi_buf_puts(out, s);
    if (mgi_buf_putc(out, '"') < 0)
        return -1;
    for (; *s; s++)
        if ((*s == '"' && mgi_buf_putc(out, '"') < 0) || mgi_buf_putc(out, *s) < 0)
            return -1;
    return mgi_buf_putc(out, '"');
}

int mgi_write_csv(const mgi_doc *d, mgi_buf *out)
{
    size_t i, r, c;

    for (i = 0; i < d->n; i++) {
        const mgi_block *b = &d->blocks[i];

        if (b->kind != MGI_TABLE)
            continue;
        for (r = 0; r <= b->n_rows; r++) {
            for (c = 0; c < b->n_cols; c++)
                if ((c && mgi_buf_putc(out, ',') < 0) ||
                    mgi_csv_field(out, b->cells[r * b->n_cols + c]) < 0)
                    return -1;
            if (mgi_buf_puts(out, "\r\n") < 0)
                return -1;
        }
        break;
    }
    return mgi_buf_reserve(out, 0);
}
