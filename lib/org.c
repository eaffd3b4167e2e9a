/*
 * org.c - the public organisation handle: loading (all-or-nothing), counts,
 * names, look-up with suggestions, warnings.
 */
#include "config.h"

#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "load.h"
#include "org.h"
#include "suggest.h"

const char *mg_version(void)
{
    return PACKAGE_VERSION;
}

const char *mg_libcsv_version(void)
{
#define MGI_TEXT_OF(x) #x
#define MGI_TEXT(x) MGI_TEXT_OF(x)
    return MGI_TEXT(CSV_MAJOR) "." MGI_TEXT(CSV_MINOR) "." MGI_TEXT(CSV_RELEASE);
}

const char *mg_status_string(mg_status status)
{
    switch (status) {
    case MG_OK: return "success";
    case MG_EINVAL: return "invalid argument";
    case MG_EINPUT: return "bad input";
    case MG_ENOTFOUND: return "not found";
    case MG_ENOMEM: return "out of memory";
    case MG_EIO: return "input/output error";
    case MG_EGRAPHVIZ: return "Graphviz error";
    case MG_EINTERNAL: return "internal error";
    case MG_ECANCELED: return "cancelled";
    }
    return "unknown status";
}

void mg_free(void *ptr)
{
    free(ptr);
}

mg_org *mg_org_new(void)
{
    mg_org *org = calloc(1, sizeof *org);

    if (!org)
        return NULL;
    org->m = mgi_model_new();
    if (!org->m || mgi_model_freeze(org->m) < 0) {
        mgi_model_free(org->m);
        free(org);
        return NULL;
    }
    return org;
}

void mg_org_free(mg_org *org)
{
    if (!org)
        return;
    mgi_model_free(org->m);
    free(org);
}

/* Everything a load read goes into `staged`. A good load is merged with
 * what the organisation held into a new model, aside, and frozen there
 * (freezing rewrites the model and can fail midway); only a complete model
 * replaces the organisation's, so a failed load, out of memory at any
 * point, changes nothing. The organisation's rows are copied first, so the
 * order of loads (which spelling is displayed) is kept. */
static mg_status commit(mg_org *org, mgi_model *staged, mg_status st, mg_error *err)
{
    mgi_model *merged = NULL;

    if (st == MG_OK &&
        (!(merged = mgi_model_new()) || mgi_model_copy(merged, org->m, NULL, NULL) < 0 ||
         mgi_model_absorb(merged, staged) < 0 || mgi_model_freeze(merged) < 0))
        st = mgi_nomem(err);
    if (st == MG_OK) {
        mgi_model_free(org->m);
        org->m = merged;
        merged = NULL;
    }
    mgi_model_free(merged);
    mgi_model_free(staged);
    return st;
}

mg_status mgi_org_frozen(const mg_org *org, mg_error *err)
{
    if (!org->m->frozen)
        return mgi_error(err, MG_EINTERNAL, "", 0, 0, "the organisation's model is not frozen");
    return MG_OK;
}

static mg_status check_table(mg_table table, mg_error *err)
{
    if ((unsigned)table >= MG_TABLE_COUNT)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "unknown table %d", (int)table);
    return MG_OK;
}

mg_status mg_org_load_buffer(mg_org *org, mg_table table, const char *source, const char *data,
                             size_t len, mg_error *err)
{
    mgi_model *staged;

    if (!org || (!data && len))
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_org_load_buffer: NULL argument");
    if (check_table(table, err) != MG_OK)
        return MG_EINVAL;
    if (!(staged = mgi_model_new()))
        return mgi_nomem(err);
    return commit(org, staged,
                  mgi_load_buffer(staged, table, source ? source : "<buffer>", data ? data : "",
                                  len, err),
                  err);
}

mg_status mg_org_load_file(mg_org *org, mg_table table, const char *path, mg_error *err)
{
    mgi_model *staged;

    if (!org || !path)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_org_load_file: NULL argument");
    if (!*path)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_org_load_file: empty file name");
    if (check_table(table, err) != MG_OK)
        return MG_EINVAL;
    if (!(staged = mgi_model_new()))
        return mgi_nomem(err);
    return commit(org, staged, mgi_load_path(staged, table, path, err), err);
}

mg_status mg_org_load_dir(mg_org *org, const char *dir, mg_error *err)
{
    mgi_model *staged;
    mgi_buf path = { 0 };
    mg_status st = MG_OK;
    struct stat sb;
    int found = 0;
    int t;

    if (!org || !dir)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_org_load_dir: NULL argument");
    if (!*dir)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_org_load_dir: empty folder name");
    if (stat(dir, &sb) < 0)
        return mgi_error(err, MG_EINPUT, dir, 0, 0, "cannot open folder: %s", strerror(errno));
    if (!S_ISDIR(sb.st_mode))
        return mgi_error(err, MG_EINPUT, dir, 0, 0, "not a folder");
    if (!(staged = mgi_model_new()))
        return mgi_nomem(err);
    for (t = 0; t < MG_TABLE_COUNT && st == MG_OK; t++) {
        size_t n = strlen(dir);

        mgi_buf_clear(&path);
        if (mgi_buf_append(&path, dir, n) < 0 ||
            (n && dir[n - 1] != '/' && mgi_buf_putc(&path, '/') < 0) ||
            mgi_buf_puts(&path, mg_table_file_name((mg_table)t)) < 0) {
            st = mgi_nomem(err);
            break;
        }
        if (stat(path.data, &sb) < 0 && errno == ENOENT) {
            if (lstat(path.data, &sb) < 0)
                continue; /* no such table: fine */
            st = mgi_error(err, MG_EINPUT, path.data, 0, 0,
                           "a symbolic link to a file that does not exist");
            break;
        }
        found = 1;
        st = mgi_load_path(staged, (mg_table)t, path.data, err);
    }
    mgi_buf_free(&path);
    if (st == MG_OK && !found)
        st = mgi_error(err, MG_EINPUT, dir, 0, 0,
                       "no organisation files here (expected roles.csv, responsibilities.csv, "
                       "tools.csv or collaborations.csv)");
    return commit(org, staged, st, err);
}

mg_status mg_org_load_reference(mg_org *org, mg_error *err)
{
    static const char *const sources[MG_TABLE_COUNT] = {
        "<reference>/roles.csv",
        "<reference>/responsibilities.csv",
        "<reference>/tools.csv",
        "<reference>/collaborations.csv",
    };
    mgi_model *staged;
    mg_status st = MG_OK;
    int t;

    if (!org)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_org_load_reference: NULL argument");
    if (!(staged = mgi_model_new()))
        return mgi_nomem(err);
    for (t = 0; t < MG_TABLE_COUNT && st == MG_OK; t++)
        st = mgi_load_buffer(staged, (mg_table)t, sources[t], mgi_reference_csv[t],
                             mgi_reference_csv_len[t], err);
    return commit(org, staged, st, err);
}

size_t mg_org_role_count(const mg_org *org)
{
    return org ? org->m->n_roles : 0;
}

size_t mg_org_tool_count(const mg_org *org)
{
    return org ? org->m->n_tools : 0;
}

size_t mg_org_capability_count(const mg_org *org)
{
    return org ? org->m->n_caps : 0;
}

size_t mg_org_responsibility_count(const mg_org *org)
{
    return org ? org->m->n_resps : 0;
}

size_t mg_org_use_count(const mg_org *org)
{
    return org ? org->m->n_uses : 0;
}

size_t mg_org_collaboration_count(const mg_org *org)
{
    return org ? org->m->n_collabs : 0;
}

size_t mg_org_merged_count(const mg_org *org)
{
    return org ? org->m->merged : 0;
}

const char *mg_org_role_name(const mg_org *org, size_t role)
{
    return org && role < org->m->n_roles ? org->m->roles[role].name : NULL;
}

const char *mg_org_role_summary(const mg_org *org, size_t role)
{
    if (!org || role >= org->m->n_roles)
        return NULL;
    return org->m->roles[role].summary ? org->m->roles[role].summary : "";
}

const char *mg_org_tool_name(const mg_org *org, size_t tool)
{
    return org && tool < org->m->n_tools ? org->m->tools[tool].name : NULL;
}

const char *mg_org_capability_name(const mg_org *org, size_t capability)
{
    return org && capability < org->m->n_caps ? org->m->caps[capability].name : NULL;
}

/* ---- Look-up with suggestions -------------------------------------------- */

mg_status mgi_not_found(const mgi_model *m, const char *what, const char *name, int roles,
                        int tools, mg_error *err)
{
    mgi_suggest best;
    mgi_buf msg = { 0 };
    size_t i;
    int ok = mgi_suggest_init(&best, name) == 0 &&
             (!roles || mgi_model_suggest_roles(m, &best, 0) == 0);

    for (i = 0; ok && tools && i < m->n_tools; i++)
        ok = mgi_suggest_consider(&best, m->tools[i].name, m->tools[i].name) == 0;
    ok = ok && mgi_buf_printf(&msg, "unknown %s '", what) == 0 &&
         mgi_snippet(&msg, name, 60) == 0 && mgi_buf_putc(&msg, '\'') == 0 &&
         (!mgi_suggest_any(&best) ||
          (mgi_buf_puts(&msg, "; ") == 0 && mgi_suggest_write(&msg, &best) == 0));
    mgi_suggest_free(&best);
    if (!ok) {
        mgi_buf_free(&msg);
        return mgi_nomem(err);
    }
    mgi_error(err, MG_ENOTFOUND, "", 0, 0, "%s", msg.data);
    mgi_buf_free(&msg);
    return MG_ENOTFOUND;
}

mg_status mg_org_find_role(const mg_org *org, const char *name, size_t *role, mg_error *err)
{
    const mgi_model *m;
    mgi_id id;

    if (!org || !name || !role)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_org_find_role: NULL argument");
    m = org->m;
    id = mgi_model_find_role(m, name);
    if (id != MGI_NONE) {
        *role = id;
        return MG_OK;
    }
    return mgi_not_found(m, "role", name, 1, 0, err);
}

mg_status mg_org_find_tool(const mg_org *org, const char *name, size_t *tool, mg_error *err)
{
    mgi_id id;

    if (!org || !name || !tool)
        return mgi_error(err, MG_EINVAL, "", 0, 0, "mg_org_find_tool: NULL argument");
    id = mgi_model_find_tool(org->m, name);
    if (id != MGI_NONE) {
        *tool = id;
        return MG_OK;
    }
    return mgi_not_found(org->m, "tool", name, 0, 1, err);
}

/* ---- Warnings ---------------------------------------------------------------- */

size_t mg_org_warning_count(const mg_org *org)
{
    return org ? org->m->n_warnings + org->m->n_derived : 0;
}

mg_status mg_org_warning(const mg_org *org, size_t index, mg_error *warning)
{
    const mgi_model *m;
    const mgi_warning *w;

    if (!org || !warning)
        return mgi_error(warning, MG_EINVAL, "", 0, 0, "mg_org_warning: NULL argument");
    m = org->m;
    if (index >= m->n_warnings + m->n_derived)
        return mgi_error(warning, MG_EINVAL, "", 0, 0, "no warning %zu", index);
    w = index < m->n_warnings ? &m->warnings[index] : &m->derived[index - m->n_warnings];
    mgi_error(warning, MG_OK, mgi_model_source_name(m, w->pos.source), w->pos.line,
              w->pos.column, "%s", w->message);
    return MG_OK;
}

int mgi_warnings_copy(mgi_warnings *w, const mg_org *org)
{
    size_t i, n = mg_org_warning_count(org);

    w->n = 0;
    if (!(w->items = malloc((n ? n : 1) * sizeof *w->items)))
        return -1;
    for (i = 0; i < n; i++) {
        struct mgi_place_text *t = &w->items[w->n];
        mg_error e;

        mg_org_warning(org, i, &e);
        t->source = mgi_strdup(e.source);
        t->message = mgi_strdup(e.message);
        t->line = e.line;
        t->column = e.column;
        w->n++;
        if (!t->source || !t->message)
            return -1;
    }
    return 0;
}

void mgi_warnings_free(mgi_warnings *w)
{
    size_t i;

    for (i = 0; i < w->n; i++) {
        free(w->items[i].source);
        free(w->items[i].message);
    }
    free(w->items);
    w->items = NULL;
    w->n = 0;
}
