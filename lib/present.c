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
