/*
 * csv_write.h - the library's one CSV writer (csv_write.c): fields and rows
 * as RFC 4180 describes them, for every CSV the library writes (a result's
 * table, out_csv.c; the exported input tables, export.c; the generated
 * organisations, generate.c).
 *
 * Contract:
 * - Fields are separated by ','. A field is quoted, its quotes doubled, when
 *   it holds a comma, a quote, a CR or an LF, or begins or ends with a blank
 *   (space or tab: the loader trims them), so any name round-trips through
 *   the loader; every other field is written as it is.
 * - A NULL cell is written as the empty field.
 * - Formula injection: a cell that a spreadsheet would run as a formula,
 *   one starting with '=', '+', '-', '@', a tab or a CR (OWASP, "CSV
 *   Injection"), is written with a "'" before it, which spreadsheets show
 *   as text; numbers and a lone "-" run nothing and are left alone. So that
 *   the guard can be undone exactly, a cell starting with "'" and then one
 *   of those or another "'" gets one too. The loader drops that one "'"
 *   (mgi_csv_guard_len), so every table the library writes loads back
 *   the same, and so does a table a spreadsheet saved.
 * - Line ends: the caller chooses, because the files written today differ
 *   and must stay byte for byte the same. MGI_CSV_CRLF is RFC 4180's and
 *   what results and exported tables use; MGI_CSV_LF is what generated
 *   organisations use (they imitate hand-written input files). Both load
 *   the same.
 * - Functions append to an mgi_buf and return 0, or -1 when out of memory
 *   (the buffer then holds a partial row; callers discard it).
 */
#ifndef MG_CSV_WRITE_H
#define MG_CSV_WRITE_H

#include <stddef.h>

#include "util.h"

typedef enum mgi_csv_eol { MGI_CSV_CRLF, MGI_CSV_LF } mgi_csv_eol;

/* How many bytes of a field read from CSV are the guard above (1 when the
 * field starts with "'" followed by '=', '+', '-', '@', a tab, a CR or "'";
 * else 0): the loader drops them. */
size_t mgi_csv_guard_len(const char *s, size_t n);

/* One field, guarded and quoted when it must be. */
int mgi_csv_field(mgi_buf *out, const char *s);

/* n cells and the line end: a whole row. */
int mgi_csv_row(mgi_buf *out, const char *const *cells, size_t n, mgi_csv_eol eol);

#endif
