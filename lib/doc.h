/*
 * doc.h - a result as a document: headings, paragraphs and tables, written
 * as text (out_text.c), CSV (out_csv.c), Markdown (out_md.c) or HTML
 * (out_html.c). Each result's present_<family>.c builds one, so every format
 * but JSON comes from one description; JSON goes through json.h. Analyses
 * never include this header.
 */
#ifndef MG_DOC_H
#define MG_DOC_H

#include "mlopsgraph.h"
#include "util.h"

typedef enum mgi_block_kind { MGI_HEADING, MGI_TEXT, MGI_TABLE } mgi_block_kind;

typedef struct mgi_block {
    mgi_block_kind kind;
    char *text;      /* heading or paragraph */
    size_t n_cols;   /* table */
    size_t n_rows;   /* rows after the header */
    char **cells;    /* (n_rows + 1) * n_cols, the header first */
    size_t cap_cells;
} mgi_block;

typedef struct mgi_doc {
    mgi_block *blocks;
    size_t n, cap;
    int failed; /* out of memory somewhere: the document is incomplete */
} mgi_doc;

void mgi_doc_heading(mgi_doc *d, const char *text);
void mgi_doc_text(mgi_doc *d, const char *fmt, ...) MGI_PRINTF(2, 3);
void mgi_doc_table(mgi_doc *d, size_t n_cols, const char *const *header);
void mgi_doc_row(mgi_doc *d, const char *const *cells);
void mgi_doc_free(mgi_doc *d);

/*
 * How one format writes each kind of block; mgi_doc_write is the one walk
 * over the blocks that every writer (out_*.c) goes through. Each callback
 * returns 0, or -1 when out of memory; a table writer may return 1 to end
 * the document after its table.
 */
typedef struct mgi_doc_writer {
    const char *between; /* before every block but the first (NULL: nothing) */
    int (*heading)(mgi_buf *out, const char *text); /* NULL: headings left out */
    int (*text)(mgi_buf *out, const char *text);    /* NULL: paragraphs left out */
    int (*table)(mgi_buf *out, const mgi_block *b);
} mgi_doc_writer;

/* Writes d's blocks in order through w. Returns 0, or -1 when out of memory. */
int mgi_doc_write(const mgi_doc *d, const mgi_doc_writer *w, mgi_buf *out);

/* Writes d in a format other than JSON and hands the text to *out. */
mg_status mgi_doc_render(mgi_doc *d, mg_format format, char **out, mg_error *err);

int mgi_write_text(const mgi_doc *d, mgi_buf *out);
int mgi_write_csv(const mgi_doc *d, mgi_buf *out);
int mgi_write_md(const mgi_doc *d, mgi_buf *out);
int mgi_write_html(const mgi_doc *d, mgi_buf *out);

/* Text escaped for HTML (and XML) element content and attribute values. */
int mgi_html_text(mgi_buf *out, const char *s);

#endif
