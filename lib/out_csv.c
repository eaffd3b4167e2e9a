/*
 * out_csv.c - a document as CSV: its first table (the result's main table),
 * header row first, written by the one CSV writer (csv_write.h) with
 * RFC 4180's CRLF line ends.
 */
#include "config.h"

#include "csv_write.h"
#include "doc.h"

int mgi_write_csv(const mgi_doc *d, mgi_buf *out)
{
    size_t i, r;

    for (i = 0; i < d->n; i++) {
        const mgi_block *b = &d->blocks[i];

        if (b->kind != MGI_TABLE)
            continue;
        for (r = 0; r <= b->n_rows; r++)
            if (mgi_csv_row(out, (const char *const *)b->cells + r * b->n_cols, b->n_cols,
                            MGI_CSV_CRLF) < 0)
                return -1;
        break;
    }
    return mgi_buf_reserve(out, 0);
}
