/*
 * gap_identity.c - a gap's identity key (gap_identity.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gap_identity.h"
#include "gaps_result.h"

int mgi_gap_identity_names(const char *kind, const size_t *n, int s)
{
    if (!strcmp(kind, "disconnected"))
        return 0;
    return s != MG_SUBJECT_TOOL || !strcmp(kind, "single-role") ||
           (!n[MG_SUBJECT_ROLE] && !n[MG_SUBJECT_CAPABILITY]);
}

char *mgi_gap_identity(const mgi_gap_about *g)
{
    mgi_buf b = { 0 }, folded = { 0 };
    int s, ok = mgi_buf_puts(&b, g->kind) == 0;
    size_t j;

    for (s = 0; ok && s < MG_SUBJECT_COUNT; s++) {
        if (!mgi_gap_identity_names(g->kind, g->n, s))
            continue;
        ok = mgi_buf_putc(&b, '\x1f') == 0;
        for (j = 0; ok && j < g->n[s]; j++) {
            const char *name = g->subjects[s][j];

            ok = (s == MG_SUBJECT_CAPABILITY ? mgi_fold_id(&folded, name, strlen(name))
                                             : mgi_fold(&folded, name, strlen(name))) == 0 &&
                 mgi_buf_puts(&b, folded.data) == 0 && mgi_buf_putc(&b, '\x1e') == 0;
        }
    }
    mgi_buf_free(&folded);
    if (!ok) {
        mgi_buf_free(&b);
        return NULL;
    }
    return mgi_buf_steal(&b);
}

char *mgi_gap_identity_of(const mg_gaps *gaps, size_t i)
{
    const mgi_gap *gap = &gaps->items[i];
    mgi_gap_about g;
    int s;

    g.kind = mg_gap_kinds()[gap->kind];
    for (s = 0; s < MG_SUBJECT_COUNT; s++) {
        g.subjects[s] = gap->subjects[s].items;
        g.n[s] = gap->subjects[s].n;
    }
    return mgi_gap_identity(&g);
}
