/*
 * bench/csv-floor.c - the floor under any loader built on libcsv: read the
 * files named and parse them with libcsv in the loader's mode (strict, NUL
 * appended), 64 KiB at a time, with callbacks that only count. No scan of
 * the bytes, no copy of the fields, no rows: what `validate` cannot go
 * below while libcsv parses its input. bench/load times it as a whole
 * process and prints it beside `validate`.
 *
 * Prints "FIELDS RECORDS"; exit status 1 when a file cannot be read or
 * libcsv rejects it.
 */
#include "config.h"

#include <csv.h>
#include <stdio.h>

static size_t fields, records;

static void on_field(void *data, size_t len, void *ctx)
{
    (void)data;
    (void)len;
    (void)ctx;
    fields++;
}

static void on_record(int c, void *ctx)
{
    (void)c;
    (void)ctx;
    records++;
}

int main(int argc, char **argv)
{
    static unsigned char buf[65536];
    int i;

    for (i = 1; i < argc; i++) {
        struct csv_parser p;
        FILE *in = fopen(argv[i], "rb");
        size_t n;
        int ok = 1;

        if (!in || csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
            perror(argv[i]);
            return 1;
        }
        while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
            ok = csv_parse(&p, buf, n, on_field, on_record, NULL) == n;
        ok = ok && !ferror(in) && csv_fini(&p, on_field, on_record, NULL) == 0;
        csv_free(&p);
        fclose(in);
        if (!ok) {
            fprintf(stderr, "%s: libcsv could not parse it\n", argv[i]);
            return 1;
        }
    }
    printf("%zu %zu\n", fields, records);
    return 0;
}
