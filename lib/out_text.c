/*
 * out_text.c - a document as plain text for a terminal: headings underlined,
 * paragraphs and table cells wrapped so that no line is wider than
 * MGI_TEXT_WIDTH columns (a word longer than its room is broken), tables in
 * aligned columns. Control characters in every block (headings, paragraphs,
 * cells) become spaces (mgi_buf_put_line), so that free text cannot move
 * the cursor or break a line or the layout.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"

#define MGI_TEXT_WIDTH 100
#define INDENT 4        /* a paragraph's continuation lines */
#define MIN_COLUMN 12   /* a table column is not narrowed below this */

/* Columns of the first len bytes of s (characters: UTF-8 lead bytes). */
static size_t width_n(const char *s, size_t len)
{
    size_t n = 0, i;

    for (i = 0; i < len; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            n++;
    return n;
}

static size_t width(const char *s)
{
    return width_n(s, strlen(s));
}

/* The bytes of s's next line at most `room` columns wide: up to the last
 * blank that fits, else (one word longer than the room) as many characters
 * as fit. *next is where the line after it starts (blanks skipped). */
static size_t next_line(const char *s, size_t room, const char **next)
{
    size_t cols = 0, i = 0, cut = 0;

    while (s[i] && (cols < room || ((unsigned char)s[i] & 0xC0) == 0x80)) {
        if (((unsigned char)s[i] & 0xC0) != 0x80)
            cols++;
        if (s[i] == ' ')
            cut = i;
        i++;
    }
    if (!s[i] || s[i] == ' ')
        cut = i;
    else if (!cut)
        cut = i; /* one long word: break it */
    *next = s + cut;
    while (**next == ' ')
        (*next)++;
    return cut;
}

/* s (control characters already folded) wrapped into `room` columns; each
 * line after the first starts with `indent` blanks. */
static int put_wrapped(mgi_buf *out, const char *s, size_t room, size_t indent)
{
    int first = 1;

    do {
        const char *next;
        size_t n = next_line(s, first ? room : room - indent, &next);

        if ((!first && mgi_buf_printf(out, "\n%*s", (int)indent, "") < 0) ||
            mgi_buf_append(out, s, n) < 0)
            return -1;
        s = next;
        first = 0;
    } while (*s);
    return 0;
}

/* A copy of s with control characters folded to blanks (mgi_buf_put_line). */
static char *folded(const char *s)
{
    mgi_buf b = { 0 };

    if (mgi_buf_put_line(&b, s) < 0)
        return NULL;
    return b.data ? mgi_buf_steal(&b) : mgi_strdup("");
}

/* Column widths: each its widest cell, narrowed (the widest first, never
 * below MIN_COLUMN) until the row fits the page. */
static void fit_columns(size_t *w, size_t n)
{
    size_t total = 0, c, room = MGI_TEXT_WIDTH - 2 * (n - 1);

    for (c = 0; c < n; c++)
        total += w[c];
    while (total > room) {
        size_t widest = 0;

        for (c = 1; c < n; c++)
            if (w[c] > w[widest])
                widest = c;
        if (w[widest] <= MIN_COLUMN)
            break;
        w[widest]--;
        total--;
    }
}

/* One table row: each cell wrapped in its column, as many lines as the
 * tallest cell, no trailing blanks. */
static int write_row(mgi_buf *out, char **cells, const size_t *w, size_t n)
{
    const char **rest = malloc(n * sizeof *rest);
    size_t c;
    int more = 1, rc = -1;

    if (!rest)
        return -1;
    for (c = 0; c < n; c++)
        rest[c] = cells[c];
    while (more) {
        more = 0;
        for (c = 0; c < n; c++) {
            const char *next;
            size_t len = next_line(rest[c], w[c], &next), pad = w[c] - width_n(rest[c], len);

            if (mgi_buf_append(out, rest[c], len) < 0 ||
                (c + 1 < n && mgi_buf_printf(out, "%*s", (int)(pad + 2), "") < 0))
                goto out;
            rest[c] = next;
            more |= *next != '\0';
        }
        while (out->len && out->data[out->len - 1] == ' ')
            out->data[--out->len] = '\0';
        if (mgi_buf_putc(out, '\n') < 0)
            goto out;
    }
    rc = 0;
out:
    free(rest);
    return rc;
}

static int write_table(mgi_buf *out, const mgi_block *b)
{
    size_t n = b->n_cols, cells = (b->n_rows + 1) * n, *w = calloc(n, sizeof *w), i;
    char **f = calloc(cells + 1, sizeof *f);
    int rc = -1, wraps = 0;

    if (!w || !f)
        goto out;
    for (i = 0; i < cells; i++) {
        size_t x;

        if (!(f[i] = folded(b->cells[i])))
            goto out;
        if ((x = width(f[i])) > w[i % n])
            w[i % n] = x;
    }
    fit_columns(w, n);
    for (i = 0; i < cells && !wraps; i++)
        wraps = width(f[i]) > w[i % n];
    /* rows of several lines each: a blank line between rows keeps them apart */
    for (i = 0, rc = 0; rc == 0 && i <= b->n_rows; i++)
        rc = (i && wraps && mgi_buf_putc(out, '\n') < 0) ? -1 : write_row(out, f + i * n, w, n);
out:
    for (i = 0; f && i < cells; i++)
        free(f[i]);
    free(f);
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
    char *f = folded(text);
    int rc = f && put_wrapped(out, f, MGI_TEXT_WIDTH, INDENT) == 0 && mgi_buf_putc(out, '\n') == 0
                 ? 0
                 : -1;

    free(f);
    return rc;
}

int mgi_write_text(const mgi_doc *d, mgi_buf *out)
{
    static const mgi_doc_writer text = { "\n", heading, paragraph, write_table };

    return mgi_doc_write(d, &text, out);
}
