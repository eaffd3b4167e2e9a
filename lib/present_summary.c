/*
 * present_summary.c - the load summary (what `validate` prints): counts and
 * warnings as JSON, a table in the other formats.
 */
#include "config.h"

#include <stdio.h>

#include "org.h"
#include "present.h"

mg_status mg_org_summary_to_json(const mg_org *org, char **json, mg_error *err)
{
    const mgi_model *m;
    mgi_warnings w = { 0 };
    mgi_buf b = { 0 };
    mgi_json j;

    if (!org || !json)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_org_summary_to_json: NULL argument");
    m = org->m;
    mgi_present_json_open(&j, &b);
    mgi_json_key_size(&j, "roles", m->n_roles);
    mgi_json_key_size(&j, "tools", m->n_tools);
    mgi_json_key_size(&j, "capabilities", m->n_caps);
    mgi_json_key_size(&j, "responsibilities", m->n_resps);
    mgi_json_key_size(&j, "collaborations", m->n_collabs);
    mgi_json_key_size(&j, "uses", m->n_uses);
    mgi_json_key_size(&j, "merged_duplicates", m->merged);
    if (mgi_warnings_copy(&w, org) < 0) {
        mgi_warnings_free(&w);
        mgi_buf_free(&b);
        return mgi_nomem(err);
    }
    mgi_warnings_json(&j, &w);
    mgi_warnings_free(&w);
    mgi_json_object_end(&j);
    return mgi_present_json(&j, &b, json, err);
}

mg_status mg_org_summary_format(const mg_org *org, mg_format format, char **out, mg_error *err)
{
    static const char *const header[] = { "what", "count" };
    const char *what[8] = { "roles",       "tools", "capabilities",      "responsibilities",
                            "uses", "collaborations", "merged duplicates", "warnings" };
    size_t count[8];
    mgi_buf b = { 0 };
    mgi_doc d = { 0 };
    int i;

    if (!org || !out)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_org_summary_format: NULL argument");
    if (format == MG_FORMAT_JSON)
        return mg_org_summary_to_json(org, out, err);
    count[0] = org->m->n_roles;
    count[1] = org->m->n_tools;
    count[2] = org->m->n_caps;
    count[3] = org->m->n_resps;
    count[4] = org->m->n_uses;
    count[5] = org->m->n_collabs;
    count[6] = org->m->merged;
    count[7] = mg_org_warning_count(org);
    if (format == MG_FORMAT_TEXT) {
        for (i = 0; i < 8; i++)
            if (mgi_buf_printf(&b, "%-17s %zu\n", what[i], count[i]) < 0) {
                mgi_buf_free(&b);
                return mgi_nomem(err);
            }
        if (!(*out = mgi_buf_steal(&b)))
            return mgi_nomem(err);
        return MG_OK;
    }
    mgi_doc_heading(&d, "What was loaded");
    mgi_doc_table(&d, 2, header);
    for (i = 0; i < 8; i++) {
        char n[32];
        const char *row[2];

        snprintf(n, sizeof n, "%zu", count[i]);
        row[0] = what[i];
        row[1] = n;
        mgi_doc_row(&d, row);
    }
    return mgi_present_doc(&d, format, out, err);
}
