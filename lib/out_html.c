/*
 * out_html.c - a document as HTML: <h2> headings, <p> paragraphs, <table>s
 * with a header row (class "sortable": the report's script sorts them).
 * Every character of user text that HTML gives a meaning (& < > " ') is
 * written as an entity, so a name cannot open an element or an attribute.
 */
#include "config.h"

#include "doc.h"

int mgi_html_text(mgi_buf *out, const char *s)
{
    for (; *s; s++) {
        int rc;

        switch (*s) {
        case '&': rc = mgi_buf_puts(out, "&amp;"); break;
        case '<': rc = mgi_buf_puts(out, "&lt;"); break;
        case '>': rc = mgi_buf_puts(out, "&gt;"); break;
        case '"': rc = mgi_buf_puts(out, "&quot;"); break;
        case '\'': rc = mgi_buf_puts(out, "&#39;"); break;
        default: rc = mgi_buf_putc(out, *s);
        }
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int element(mgi_buf *out, const char *tag, const char *text)
{
    return mgi_buf_printf(out, "<%s>", tag) < 0 || mgi_html_text(out, text) < 0 ||
                   mgi_buf_printf(out, "</%s>\n", tag) < 0
               ? -1
               : 0;
}

static int heading(mgi_buf *out, const char *text)
{
    return element(out, "h2", text);
}

static int paragraph(mgi_buf *out, const char *text)
{
    return element(out, "p", text);
}

/* The header row in <thead>, the others (if any) in <tbody>. */
static int table(mgi_buf *out, const mgi_block *b)
{
    size_t r, c;

    if (mgi_buf_puts(out, "<table class=\"sortable\">\n<thead><tr>") < 0)
        return -1;
    for (r = 0; r <= b->n_rows; r++) {
        if (r == 1 && mgi_buf_puts(out, "<tbody>\n") < 0)
            return -1;
        if (r > 0 && mgi_buf_puts(out, "<tr>") < 0)
            return -1;
        for (c = 0; c < b->n_cols; c++)
            if (mgi_buf_puts(out, r ? "<td>" : "<th>") < 0 ||
                mgi_html_text(out, b->cells[r * b->n_cols + c]) < 0 ||
                mgi_buf_puts(out, r ? "</td>" : "</th>") < 0)
                return -1;
        if (mgi_buf_puts(out, r ? "</tr>\n" : "</tr></thead>\n") < 0)
            return -1;
    }
    return mgi_buf_puts(out, b->n_rows ? "</tbody></table>\n" : "</table>\n") < 0 ? -1 : 0;
}

int mgi_write_html(const mgi_doc *d, mgi_buf *out)
{
    static const mgi_doc_writer html = { NULL, heading, paragraph, table };

    return mgi_doc_write(d, &html, out);
}
