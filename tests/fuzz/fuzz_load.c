/*
 * fuzz_load.c - libFuzzer target for the CSV loader. The first byte picks
 * the table; the rest is the file. Any input must either load or fail with
 * MG_EINPUT and a place in the input; never crash, leak or read out of bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "mlopsgraph.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mg_org *org;
    mg_error err;
    mg_status st;

    if (size < 1)
        return 0;
    org = mg_org_new();
    if (!org)
        abort();
    st = mg_org_load_buffer(org, (mg_table)(data[0] % MG_TABLE_COUNT), "fuzz.csv",
                            (const char *)data + 1, size - 1, &err);
    if (st != MG_OK && st != MG_EINPUT)
        abort(); /* only bad input may fail */
    if (st == MG_EINPUT && (err.line == 0 || err.column == 0 || !err.message[0]))
        abort(); /* every error names its place */
    mg_org_free(org);
    return 0;
}
