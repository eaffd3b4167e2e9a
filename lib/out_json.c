/*
 * out_json.c - the load summary as JSON.
 */
#include "config.h"

#include <string.h>

#include "model.h"
#include "org.h"
#include "json.h"

mg_status mg_org_summary_to_json(const mg_org *org, char **json, mg_error *err)
{
    const mgi_model *m;
    mgi_buf b = { 0 };
    size_t i, n;
    mgi_json j;

    if (!org || !json)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_org_summary_to_json: NULL argument");
    m = org->m;
    mgi_json_init(&j, &b);
    mgi_json_object(&j);
    mgi_json_key_size(&j, "version", MGI_JSON_VERSION);
    mgi_json_key_size(&j, "roles", m->n_roles);
    mgi_json_key_size(&j, "tools", m->n_tools);
    mgi_json_key_size(&j, "capabilities", m->n_caps);
    mgi_json_key_size(&j, "responsibilities", m->n_resps);
    mgi_json_key_size(&j, "collaborations", m->n_collabs);
    mgi_json_key_size(&j, "uses", m->n_uses);
    mgi_json_key_size(&j, "merged_duplicates", m->merged);
    mgi_json_key(&j, "warnings");
    mgi_json_array(&j);
    n = mg_org_warning_count(org);
    for (i = 0; i < n; i++) {
        mg_error w;

        mg_org_warning(org, i, &w);
        mgi_json_object(&j);
        mgi_json_key_str(&j, "source", w.source);
        mgi_json_key_size(&j, "line", w.line);
        mgi_json_key_size(&j, "column", w.column);
        mgi_json_key_str(&j, "message", w.message);
        mgi_json_object_end(&j);
    }
    mgi_json_array_end(&j);
    mgi_json_object_end(&j);
    if (mgi_json_finish(&j, 1) < 0) {
        mgi_buf_free(&b);
        return mgi_nomem(err);
    }
    *json = mgi_buf_steal(&b);
    return MG_OK;
}
