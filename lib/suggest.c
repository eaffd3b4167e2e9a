/*
 * suggest.c - "did you mean ...?" for names that matched nothing.
 */
#include "config.h"

#include <string.h>

#include "suggest.h"

int mgi_suggest_init(mgi_suggest *s, const char *wanted)
{
    size_t len = strlen(wanted);

    memset(s, 0, sizeof *s);
    s->wanted = wanted;
    if (mgi_fold_loose(&s->loose_wanted, wanted) < 0)
        return -1;
    if (s->loose_wanted.len && s->loose_wanted.len < len)
        len = s->loose_wanted.len; /* "S.R.E." is as short as "SRE" */
    s->cap = len <= 3 ? 1 : len < 8 ? 2 : len / 4;
    return 0;
}

void mgi_suggest_free(mgi_suggest *s)
{
    mgi_buf_free(&s->loose_wanted);
    mgi_buf_free(&s->loose);
}

static void keep(mgi_suggest *s, const char *candidate, size_t d)
{
    int i, j;

    for (i = 0; i < MGI_SUGGESTIONS; i++) {
        if (s->best[i].name && strcmp(s->best[i].name, candidate) == 0) {
            if (d >= s->best[i].distance)
                return;
            /* a closer spelling of the same candidate: take it out, then place it */
            for (j = i; j + 1 < MGI_SUGGESTIONS; j++)
                s->best[j] = s->best[j + 1];
            s->best[MGI_SUGGESTIONS - 1].name = NULL;
            keep(s, candidate, d);
            return;
        }
        if (!s->best[i].name || d < s->best[i].distance) {
            for (j = MGI_SUGGESTIONS - 1; j > i; j--)
                s->best[j] = s->best[j - 1];
            s->best[i].name = candidate;
            s->best[i].distance = d;
            return;
        }
    }
}

int mgi_suggest_consider(mgi_suggest *s, const char *spelling, const char *candidate)
{
    size_t d = mgi_edit_distance(s->wanted, spelling, s->cap);

    if (d && s->loose_wanted.len) {
        size_t loose;

        if (mgi_fold_loose(&s->loose, spelling) < 0)
            return -1;
        loose = mgi_edit_distance(s->loose_wanted.data, s->loose.data, s->cap);
        if (loose < d)
            d = loose;
    }
    /* a suggestion shares more than it changes: 'A' is no suggestion for 'B' */
    if (d <= s->cap && d < strlen(spelling) && d < strlen(s->wanted))
        keep(s, candidate, d);
    return 0;
}

int mgi_suggest_any(const mgi_suggest *s)
{
    return s->best[0].name != NULL;
}

int mgi_suggest_write(mgi_buf *out, const mgi_suggest *s)
{
    int i;

    for (i = 0; i < MGI_SUGGESTIONS && s->best[i].name; i++) {
        const char *lead = !i ? "did you mean '"
                              : i + 1 < MGI_SUGGESTIONS && s->best[i + 1].name ? ", '" : " or '";

        if (mgi_buf_puts(out, lead) < 0 || mgi_buf_puts(out, s->best[i].name) < 0 ||
            mgi_buf_putc(out, '\'') < 0)
            return -1;
    }
    return s->best[0].name ? mgi_buf_putc(out, '?') : 0;
}
