/*
 * out_md.c - a document as Markdown: "##" headings, paragraphs, pipe tables.
 * Text from the input is escaped so that a name can neither format the page
 * nor inject HTML: the punctuation of emphasis, code, links and tables gets
 * a backslash (and so does a block marker that starts a cell or paragraph),
 * '<', '>' and '&' become entities, line breaks become spaces.
 */
#include "config.h"

#include <string.h>

#include "doc.h"

static int put_md(mgi_buf *out, const char *s)
{
    /* what would start a heading, a list or a quote at the start of a line */
    if (strchr("#+->=", *s) && *s && mgi_buf_putc(out, '\\') < 0)
        return -1;
    for (; *s; s++) {
        int rc;

        switch (*s) {
        case '<': rc = mgi_buf_puts(out, "&lt;"); break;
        case '>': rc = mgi_buf_puts(out, "&gt;"); break;
        case '&': rc = mgi_buf_puts(out, "&amp;"); break;
        case '\n':
        case '\r':
        case '\t': rc = mgi_buf_putc(out, ' '); break;
        default:
            if (strchr("\\`*_[]|~", *s))
                rc = mgi_buf_putc(out, '\\') < 0 ? -1 : mgi_buf_putc(out, *s);
            else if ((unsigned char)*s < 0x20 || *s == 0x7F)
                rc = mgi_buf_putc(out, ' ');
            else
                rc = mgi_buf_putc(out, *s);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int heading(mgi_buf *out, const char *text)
{
    return mgi_buf_puts(out, "## ") < 0 || put_md(out, text) < 0 || mgi_buf_putc(out, '\n') < 0
               ? -1
               : 0;
}

static int paragraph(mgi_buf *out, const char *text)
{
    return put_md(out, text) < 0 || mgi_buf_putc(out, '\n') < 0 ? -1 : 0;
}

/* A pipe table, the header row underlined by "| --- " cells. */
static int table(mgi_buf *out, const mgi_block *b)
{
    size_t r, c;

    for (r = 0; r <= b->n_rows; r++) {
        for (c = 0; c < b->n_cols; c++)
            if (mgi_buf_puts(out, "| ") < 0 || put_md(out, b->cells[r * b->n_cols + c]) < 0 ||
                mgi_buf_putc(out, ' ') < 0)
                return -1;
        if (mgi_buf_puts(out, "|\n") < 0)
            return -1;
        if (r == 0) {
            for (c = 0; c < b->n_cols; c++)
                if (mgi_buf_puts(out, "| --- ") < 0)
                    return -1;
            if (mgi_buf_puts(out, "|\n") < 0)
                return -1;
        }
    }
    return 0;
}

int mgi_write_md(const mgi_doc *d, mgi_buf *out)
{
    static const mgi_doc_writer md = { "\n", heading, paragraph, table };

    return mgi_doc_write(d, &md, out);
}
