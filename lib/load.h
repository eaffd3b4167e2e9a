/*
 * load.h - reading CSV tables into a model (load_csv.c).
 */
#ifndef MG_LOAD_H
#define MG_LOAD_H

#include <stdio.h>

#include "model.h"

/* Each reads one table into m, naming `source` in messages. On failure m may
 * hold part of the input: callers load into a fresh model and discard it. */
mg_status mgi_load_buffer(mgi_model *m, mg_table table, const char *source, const char *data,
                          size_t len, mg_error *err);
mg_status mgi_load_stream(mgi_model *m, mg_table table, const char *source, FILE *in,
                          mg_error *err);
mg_status mgi_load_path(mgi_model *m, mg_table table, const char *path, mg_error *err);

/* The built-in reference model's CSV text (reference_data.c, generated from data/). */
extern const char *const mgi_reference_csv[MG_TABLE_COUNT];
extern const size_t mgi_reference_csv_len[MG_TABLE_COUNT];

#endif
