/*
 * present.c - the helpers of present.h.
 */
#include "config.h"

#include "present.h"

void mgi_present_json_open(mgi_json *j, mgi_buf *b)
{
    mgi_json_init(j, b);
    mgi_json_object(j);
    mgi_json_key_size(j, "version", MGI_JSON_VERSION);
}

mg_status mgi_present_json(mgi_json *j, mgi_buf *b, char **out, mg_error *err)
{
    if (mgi_json_finish(j, 1) < 0 || !(*out = mgi_buf_steal(b))) {
        mgi_buf_free(b);
        return mgi_nomem(err);
    }
    return MG_OK;
}

mg_status mgi_present_doc(mgi_doc *d, mg_format format, char **out, mg_error *err)
{
    mg_status st = mgi_doc_render(d, format, out, err);

    mgi_doc_free(d);
    return st;
}

void mgi_warnings_json(mgi_json *j, const mgi_warnings *w)
{
    size_t i;

    mgi_json_key(j, "warnings");
    mgi_json_array(j);
    for (i = 0; i < w->n; i++) {
        mgi_json_object(j);
        mgi_json_key_str(j, "source", w->items[i].source);
        mgi_json_key_size(j, "line", w->items[i].line);
        mgi_json_key_size(j, "column", w->items[i].column);
        mgi_json_key_str(j, "message", w->items[i].message);
        mgi_json_object_end(j);
    }
    mgi_json_array_end(j);
}

#define WARNINGS_SHOWN 5

void mgi_warnings_doc(mgi_doc *d, const mgi_warnings *w)
{
    size_t i;

    if (!w->n)
        return;
    mgi_doc_text(d,
                 "%zu load warning%s, listed below: check %s before trusting the findings "
                 "(--strict makes warnings errors).",
                 w->n, w->n == 1 ? "" : "s", w->n == 1 ? "it" : "them");
    for (i = 0; i < w->n && i < WARNINGS_SHOWN; i++)
        mgi_doc_text(d, "%s:%zu:%zu: %s", w->items[i].source, w->items[i].line,
                     w->items[i].column, w->items[i].message);
    if (w->n > WARNINGS_SHOWN)
        mgi_doc_text(d, "... and %zu more (mlops-graph validate lists them all).",
                     w->n - WARNINGS_SHOWN);
}
