/*
 * gaps_by_role.c - an example of the C library: load an organisation (a
 * folder of CSV files, or the built-in reference model), find its gaps, and
 * print how many of each severity touch each role.
 *
 *   cc gaps_by_role.c $(pkg-config --cflags --libs mlopsgraph) -o gaps_by_role
 *   ./gaps_by_role [DIR]
 */
#include <mlopsgraph.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
    mg_error err;
    mg_org *org = mg_org_new();
    mg_gaps *gaps = NULL;
    size_t r, g, j;
    int status = 0;

    if (!org)
        return 4;
    if ((argc > 1 ? mg_org_load_dir(org, argv[1], &err) : mg_org_load_reference(org, &err)) !=
            MG_OK ||
        mg_gaps_find(org, NULL, &gaps, &err) != MG_OK) {
        fprintf(stderr, "%s:%zu:%zu: %s\n", err.source, err.line, err.column, err.message);
        status = 3;
        goto out;
    }
    printf("%-40s %5s %7s %4s\n", "role", "high", "medium", "low");
    for (r = 0; r < mg_org_role_count(org); r++) {
        const char *role = mg_org_role_name(org, r);
        size_t count[4] = { 0 };

        for (g = 0; g < mg_gaps_count(gaps); g++)
            for (j = 0; j < mg_gap_subject_count(gaps, g, MG_SUBJECT_ROLE); j++)
                if (strcmp(mg_gap_subject(gaps, g, MG_SUBJECT_ROLE, j), role) == 0)
                    count[mg_gap_severity(gaps, g)]++;
        printf("%-40s %5zu %7zu %4zu\n", role, count[MG_SEVERITY_HIGH], count[MG_SEVERITY_MEDIUM],
               count[MG_SEVERITY_LOW]);
    }
out:
    mg_gaps_free(gaps);
    mg_org_free(org);
    return status;
}
