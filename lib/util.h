/*
 * util.h - private helpers shared by the library's files: a growable byte
 * buffer, error reporting, array growth, name folding, costs and lists of
 * names. Never exported (the shared library exports only ^mg_).
 */
#ifndef MG_UTIL_H
#define MG_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "mlopsgraph.h"

#if defined(__GNUC__)
#define MGI_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define MGI_PRINTF(f, a)
#endif

/* A growable byte buffer, always NUL-terminated once anything is appended.
 * Functions return 0, or -1 when out of memory. A failed append empties the
 * buffer (data NULL) and every later one fails too, until mgi_buf_clear or
 * mgi_buf_free: a text built with unchecked appends is then NULL (and
 * mgi_buf_steal gives NULL), never silently cut short. */
typedef struct mgi_buf {
    char *data;
    size_t len;
    size_t cap;
    int failed;
} mgi_buf;

int mgi_buf_reserve(mgi_buf *b, size_t extra);
int mgi_buf_append(mgi_buf *b, const void *bytes, size_t n);
int mgi_buf_puts(mgi_buf *b, const char *s);
int mgi_buf_putc(mgi_buf *b, char c);
int mgi_buf_printf(mgi_buf *b, const char *fmt, ...) MGI_PRINTF(2, 3);
void mgi_buf_clear(mgi_buf *b);
void mgi_buf_free(mgi_buf *b);
/* Hands the bytes to the caller (never NULL unless out of memory). */
char *mgi_buf_steal(mgi_buf *b);

/* Text for a terminal or a one-line message: every control character (C0
 * with tab and line breaks, DEL, the C1 controls U+0080 to U+009F) becomes
 * one space, so that free text, which may hold tabs and line breaks, never
 * reaches a terminal raw. mgi_fold_controls rewrites s[0, n) in place and
 * returns its new length (a C1 control takes two bytes, its space one);
 * mgi_buf_put_line appends s so. Used by the text writer (out_text.c) for
 * every block, and by errors and warnings for their messages. */
size_t mgi_fold_controls(char *s, size_t n);
int mgi_buf_put_line(mgi_buf *b, const char *s);

/* Formats into dst (size bytes, size > 0): a text that does not fit is cut
 * at a UTF-8 character boundary and ends with "..." (when size > 4), so a
 * cut never leaves half a character. One mechanism for every fixed buffer
 * (mg_error's source and message, the load warnings). */
void mgi_vformat_cut(char *dst, size_t size, const char *fmt, va_list ap) MGI_PRINTF(3, 0);
void mgi_format_cut(char *dst, size_t size, const char *fmt, ...) MGI_PRINTF(3, 4);

/* Fills err (when not NULL) and returns code. line/column 0 = no place. */
mg_status mgi_error(mg_error *err, mg_status code, const char *source, size_t line,
                    size_t column, const char *fmt, ...) MGI_PRINTF(6, 7);
mg_status mgi_verror(mg_error *err, mg_status code, const char *source, size_t line,
                     size_t column, const char *fmt, va_list ap) MGI_PRINTF(6, 0);
/* The failure of an internal step that returned -1: out of memory, or
 * MG_ECANCELED when the step stopped because the progress callback asked. */
mg_status mgi_nomem(mg_error *err);
/* An options setter's check: sets *field (NULL: no options) to value when it
 * is at least min; otherwise MG_EINVAL, "OPTION must be at least MIN". */
mg_status mgi_set_at_least(size_t *field, size_t value, size_t min, const char *option,
                           mg_error *err);

/* Grows *array (of elem-byte elements, capacity *cap) to hold need elements.
 * Returns 0, or -1 on overflow or out of memory (the array is unchanged). */
int mgi_grow(void *array, size_t *cap, size_t need, size_t elem);

char *mgi_strdup(const char *s);
char *mgi_strndup(const char *s, size_t n);

/* Name folding: surrounding white space trimmed, ASCII letters lower-cased.
 * Two names are the same when their folded forms are equal. */
int mgi_is_space(unsigned char c);
/* The end of the digits at s with at most one '.' between digits ("3",
 * "0.5", "12.25"; not ".5" or "3."), or NULL when s does not start so. */
const char *mgi_scan_decimal(const char *s);
void mgi_trim(const char **s, size_t *n);
int mgi_fold(mgi_buf *out, const char *s, size_t n);
int mgi_fold_equal(const char *a, const char *b);
/* Orders by folded form (<0, 0, >0); 0 exactly when mgi_fold_equal. */
int mgi_fold_cmp(const char *a, const char *b);
/* mgi_hash_bytes of the folded form of s, without making it (so a look-up
 * by name allocates nothing and cannot fail). */
uint64_t mgi_fold_hash(const char *s, size_t n);

/* A capability id folds further: runs of spaces, underscores and hyphens
 * become one hyphen, so "Model Monitoring", "model_monitoring" and
 * "model-monitoring" are one capability. */
int mgi_fold_id(mgi_buf *out, const char *s, size_t n);
/* mgi_hash_bytes of the id-folded form of s, without making it; and
 * whether `key`, an id-folded form, is that of `name`. */
uint64_t mgi_fold_id_hash(const char *s, size_t n);
int mgi_fold_id_matches(const char *key, const char *name);

/* The loose form of a name, for suggestions only: ASCII letters lower-cased,
 * every other ASCII character but digits dropped ("S.R.E." -> "sre"). */
int mgi_fold_loose(mgi_buf *out, const char *s);

/* Appends s to out for a one-line message: at most max characters, control
 * characters shown as \n, \t or \xHH, an ellipsis when cut. */
int mgi_snippet(mgi_buf *out, const char *s, size_t max);

/* qsort that accepts an empty (possibly NULL) array, which qsort does not. */
void mgi_qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));

/* Levenshtein distance of two byte strings (ASCII case-insensitive),
 * capped at cap + 1. Used to suggest names. */
size_t mgi_edit_distance(const char *a, const char *b, size_t cap);

/* Reports progress to the calling thread's callback (mg_set_progress), if
 * any: phase names what is being done, done of total units (total 0:
 * unknown). Cheap when no callback is set; call it at most every few
 * milliseconds' work. Returns 0, or -1 when the callback cancels: the caller
 * then unwinds as from a failed allocation, and mgi_nomem reports
 * MG_ECANCELED instead of MG_ENOMEM. */
int mgi_progress(const char *phase, size_t done, size_t total);

/* splitmix64 (Steele, Lea, Flood 2014): seeded random numbers that are the
 * same on every machine, for the generator and sampled betweenness. */
typedef struct mgi_rng {
    unsigned long long state;
} mgi_rng;

unsigned long long mgi_rng_next(mgi_rng *r);
/* Uniform in [0, n), n > 0. */
size_t mgi_rng_below(mgi_rng *r, size_t n);
/* Uniform in [0, 1). */
double mgi_rng_unit(mgi_rng *r);

/* Costs closer than this (relative) are equal: sums of float weights in a
 * different order differ in the last bits. */
int mgi_cost_equal(double a, double b);
/* Formats a cost the same way everywhere ("%g"). */
void mgi_cost_string(char *out, size_t size, double cost);

/* A growable list of owned strings. */
typedef struct mgi_strs {
    char **items;
    size_t n, cap;
} mgi_strs;

int mgi_strs_add(mgi_strs *s, const char *text);
void mgi_strs_free(mgi_strs *s);
/* Appends "a, b and c" to out (at most `max` names, then "and N more").
 * Returns 0, or -1 when out of memory. */
int mgi_join_names(mgi_buf *out, char *const *names, size_t n, size_t max);

#endif
