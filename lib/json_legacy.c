/*
 * json_legacy.c - the one helper left from the JSON emitters written by
 * hand before json.c: delete it once gaps.c and compare.c write their JSON
 * through mgi_json.
 */
#include "config.h"

#include "analysis.h"

int mgi_json_strings_buf(mgi_buf *b, char *const *items, size_t n)
{
    size_t i;

    if (mgi_buf_putc(b, '[') < 0)
        return -1;
    for (i = 0; i < n; i++)
        if ((i && mgi_buf_puts(b, ", ") < 0) || mgi_json_string(b, items[i]) < 0)
            return -1;
    return mgi_buf_putc(b, ']');
}
