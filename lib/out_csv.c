/*
 * out_csv.c - a document as CSV: its first table (the result's main table),
 * header row first, written by the one CSV writer (csv_write.h) with
 * RFC 4180's CRLF line ends.
 */
#include "config.h"

#include "csv_write.h"
#include "doc.h"

/* The main table, and the end of the document. */
static int table(mgi_buf *out, const mgi_block *b)
{
    size_t r;

    for (r = 0; r <= b->n_rows; r++)
        if (mgi_csv_row(out, (const char *const *)b->cells + r * b->n_cols, b->n_cols,
                        MGI_CSV_CRLF) < 0)
            return -1;
    return 1;
}

int mgi_write_csv(const mgi_doc *d, mgi_buf *out)
{
    static const mgi_doc_writer csv = { NULL, NULL, NULL, table };

    if (mgi_doc_write(d, &csv, out) < 0)
        return -1;
    return mgi_buf_reserve(out, 0); /* an empty document is an empty string */
}
