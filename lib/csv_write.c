/*
 * csv_write.c - the CSV writer of csv_write.h (its contract is there).
 */
#include "config.h"

#include <string.h>

#include "csv_write.h"

int mgi_csv_field(mgi_buf *out, const char *s)
{
    size_t n;
    int quote;

    if (!s)
        s = "";
    n = strlen(s);
    quote = strpbrk(s, ",\"\r\n") != NULL ||
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

int mgi_csv_row(mgi_buf *out, const char *const *cells, size_t n, mgi_csv_eol eol)
{
    size_t i;

    for (i = 0; i < n; i++)
        if ((i && mgi_buf_putc(out, ',') < 0) || mgi_csv_field(out, cells[i]) < 0)
            return -1;
    return mgi_buf_puts(out, eol == MGI_CSV_CRLF ? "\r\n" : "\n");
}
