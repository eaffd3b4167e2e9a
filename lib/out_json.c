/*
 * out_json.c - JSON text: string escaping and the load summary.
 */
#include "config.h"

#include <string.h>

#include "model.h"
#include "org.h"
#include "out_json.h"

int mgi_json_string(mgi_buf *b, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    if (mgi_buf_putc(b, '"') < 0)
        return -1;
    for (; *p; p++) {
        int rc;

        switch (*p) {
        case '"': rc = mgi_buf_puts(b, "\\\""); break;
        case '\\': rc = mgi_buf_puts(b, "\\\\"); break;
        case '\n': rc = mgi_buf_puts(b, "\\n"); break;
        case '\r': rc = mgi_buf_puts(b, "\\r"); break;
        case '\t': rc = mgi_buf_puts(b, "\\t"); break;
        default:
            if (*p < 0x20 || *p == 0x7F)
                rc = mgi_buf_printf(b, "\\u%04x", *p);
            else if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9)) {
                rc = mgi_buf_printf(b, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
                p += 2;
            } else
                rc = mgi_buf_putc(b, (char)*p);
        }
        if (rc < 0)
            return -1;
    }
    return mgi_buf_putc(b, '"');
}

mg_status mg_org_summary_to_json(const mg_org *org, char **json, mg_error *err)
{
    const mgi_model *m;
    mgi_buf b = { 0 };
    size_t i, n;
    int ok;

    if (!org || !json)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_org_summary_to_json: NULL argument");
    m = org->m;
    ok = mgi_buf_printf(&b,
                        "{\"version\": %d, \"roles\": %zu, \"tools\": %zu, \"capabilities\": %zu, "
                        "\"responsibilities\": %zu, \"collaborations\": %zu, \"uses\": %zu, "
                        "\"merged_duplicates\": %zu, \"warnings\": [",
                        MGI_JSON_VERSION, m->n_roles, m->n_tools, m->n_caps, m->n_resps,
                        m->n_collabs, m->n_uses, m->merged) == 0;
    n = mg_org_warning_count(org);
    for (i = 0; ok && i < n; i++) {
        mg_error w;

        mg_org_warning(org, i, &w);
        ok = mgi_buf_puts(&b, i ? ", {\"source\": " : "{\"source\": ") == 0 &&
             mgi_json_string(&b, w.source) == 0 &&
             mgi_buf_printf(&b, ", \"line\": %zu, \"column\": %zu, \"message\": ", w.line,
                            w.column) == 0 &&
             mgi_json_string(&b, w.message) == 0 && mgi_buf_putc(&b, '}') == 0;
    }
    ok = ok && mgi_buf_puts(&b, "]}\n") == 0;
    if (!ok) {
        mgi_buf_free(&b);
        return mgi_nomem(err);
    }
    *json = mgi_buf_steal(&b);
    return MG_OK;
}
