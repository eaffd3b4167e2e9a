/*
 * check_load.c - the CSV loader: every rule of DESIGN section 3 and every
 * error, with the place (line:column) each message must name. Columns count
 * characters from 1; the expected places are worked out by hand in the
 * comments beside each case.
 */
#include "config.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

/* ---- The reference model ------------------------------------------------ */

/* The ten roles, as the headings of shared/seed/people-of-mlops.md spell them
 * (the SRE heading's "(SREs)" is an alias, see data/README.md). */
static const char *const seed_roles[] = {
    "Data Scientists",
    "Machine Learning Engineers",
    "Data Engineers",
    "DevOps Engineers",
    "Software Engineers",
    "Site Reliability Engineers",
    "Business Analysts / Product Managers",
    "Model Governance Experts",
    "Security Engineers",
    "MLOps Manager / Lead",
};

START_TEST(reference_counts)
{
    mg_org *org = mg_org_new();
    mg_error err;
    size_t i;

    ck_assert_int_eq(mg_org_load_reference(org, &err), MG_OK);
    /* Counted by hand in the seed: 10 roles with four responsibilities each;
     * key tools 6+5+5+5+5+3+4+3+3+3 = 42 role-tool pairs, of which Prometheus,
     * Grafana (DevOps, SRE) and Jira (BA/PM, Lead) repeat: 42 - 3 = 39 tools;
     * 4 collaborations in "Collaboration Across Roles" plus 3 stated in the
     * roles' own text (data/README.md). */
    ck_assert_uint_eq(mg_org_role_count(org), 10);
    ck_assert_uint_eq(mg_org_responsibility_count(org), 40);
    ck_assert_uint_eq(mg_org_use_count(org), 42);
    ck_assert_uint_eq(mg_org_tool_count(org), 39);
    ck_assert_uint_eq(mg_org_collaboration_count(org), 7);
    ck_assert_uint_eq(mg_org_merged_count(org), 0);
    ck_assert_uint_eq(mg_org_warning_count(org), 0);
    for (i = 0; i < 10; i++)
        ck_assert_msg(role_index(org, seed_roles[i]) != (size_t)-1, "missing role '%s'",
                      seed_roles[i]);
    ck_assert_str_eq(mg_org_role_summary(org, role_index(org, "Data Scientists")),
                     "Develop and validate machine learning models.");
    mg_org_free(org);
}
END_TEST

/* The installed data/ and the compiled-in copy are the same text. */
START_TEST(reference_matches_data_dir)
{
    mg_org *a = mg_org_new(), *b = mg_org_new();
    char *ja, *jb;
    mg_error err;
    size_t i;

    ck_assert_int_eq(mg_org_load_reference(a, &err), MG_OK);
    ck_assert_int_eq(mg_org_load_dir(b, DATADIR, &err), MG_OK);
    ck_assert_int_eq(mg_org_summary_to_json(a, &ja, &err), MG_OK);
    ck_assert_int_eq(mg_org_summary_to_json(b, &jb, &err), MG_OK);
    ck_assert_str_eq(ja, jb);
    for (i = 0; i < mg_org_role_count(a); i++)
        ck_assert_str_eq(mg_org_role_name(a, i), mg_org_role_name(b, i));
    mg_free(ja);
    mg_free(jb);
    mg_org_free(a);
    mg_org_free(b);
}
END_TEST

/* ---- What the loader accepts -------------------------------------------- */

START_TEST(header_any_order_and_case)
{
    mg_error err;
    mg_org *org = org_from(MG_TABLE_TOOLS, " Tool ,Weight,ROLE\nPython,2,DS\n", &err);

    ck_assert_ptr_nonnull(org);
    ck_assert_uint_eq(mg_org_role_count(org), 1);
    ck_assert_str_eq(mg_org_role_name(org, 0), "DS");
    ck_assert_str_eq(mg_org_tool_name(org, 0), "Python");
    mg_org_free(org);
}
END_TEST

START_TEST(bom_crlf_no_final_newline)
{
    mg_error err;
    /* BOM before the header, CRLF line ends, no line end after the last row */
    mg_org *org = org_from(MG_TABLE_ROLES, "\xEF\xBB\xBFrole,summary\r\nA,x\r\nB,y", &err);

    ck_assert_ptr_nonnull(org);
    ck_assert_uint_eq(mg_org_role_count(org), 2);
    ck_assert_str_eq(mg_org_role_summary(org, 1), "y");
    mg_org_free(org);
}
END_TEST

START_TEST(quoted_fields)
{
    mg_error err;
    /* a comma, a doubled quote and a line break inside quotes */
    mg_org *org = org_from(MG_TABLE_ROLES,
                           "role,summary\n\"Ops, \"\"Core\"\"\",\"two\nlines\"\nNext,z\n", &err);

    ck_assert_ptr_nonnull(org);
    ck_assert_uint_eq(mg_org_role_count(org), 2);
    ck_assert_str_eq(mg_org_role_name(org, 1), "Ops, \"Core\"");
    ck_assert_str_eq(mg_org_role_summary(org, 1), "two\nlines");
    mg_org_free(org);
}
END_TEST

START_TEST(blank_lines_and_header_only)
{
    mg_error err;
    mg_org *org = org_from(MG_TABLE_ROLES, "role\nA\n\n\nB\n\n\n", &err);

    ck_assert_ptr_nonnull(org);
    ck_assert_uint_eq(mg_org_role_count(org), 2);
    mg_org_free(org);
    /* a header and nothing else is a legitimate, empty table */
    org = org_from(MG_TABLE_COLLABORATIONS, "from,to\n", &err);
    ck_assert_ptr_nonnull(org);
    ck_assert_uint_eq(mg_org_role_count(org), 0);
    mg_org_free(org);
}
END_TEST

START_TEST(names_merge_case_and_space)
{
    mg_error err;
    /* the second and third rows name the first role again; the first
     * spelling is displayed; identical repeats count as merged duplicates */
    mg_org *org = org_from(MG_TABLE_ROLES,
                           "role,summary\nData Scientists,x\n data scientists ,x\nDATA SCIENTISTS,x\n",
                           &err);

    ck_assert_ptr_nonnull(org);
    ck_assert_uint_eq(mg_org_role_count(org), 1);
    ck_assert_str_eq(mg_org_role_name(org, 0), "Data Scientists");
    ck_assert_uint_eq(mg_org_merged_count(org), 2);
    ck_assert_uint_eq(mg_org_warning_count(org), 0);
    mg_org_free(org);
}
END_TEST

START_TEST(conflicting_definition_warns)
{
    mg_error err, w;
    mg_org *org = org_from(MG_TABLE_ROLES, "role,summary\nA,first\na,second\n", &err);

    ck_assert_ptr_nonnull(org);
    ck_assert_str_eq(mg_org_role_summary(org, 0), "first");
    ck_assert_uint_eq(mg_org_warning_count(org), 1);
    ck_assert_int_eq(mg_org_warning(org, 0, &w), MG_OK);
    /* the second definition is line 3, its role field column 1 */
    ck_assert_uint_eq(w.line, 3);
    ck_assert_uint_eq(w.column, 1);
    ck_assert_ptr_nonnull(strstr(w.message, "keeping the first summary"));
    mg_org_free(org);
}
END_TEST

START_TEST(duplicate_uses_and_collaborations)
{
    mg_error err;
    mg_org *org = org_from(MG_TABLE_TOOLS, "role,tool\nA,T\nA,t\nB,T\n", &err);

    ck_assert_ptr_nonnull(org);
    ck_assert_uint_eq(mg_org_use_count(org), 2); /* A-T twice, B-T once */
    ck_assert_uint_eq(mg_org_merged_count(org), 1);
    mg_org_free(org);

    /* A<->B both ways, named in either order, is one collaboration; a
     * forward A->B is another; the self-collaboration C->C is kept */
    org = org_from(MG_TABLE_COLLABORATIONS,
                   "from,to,direction,weight,handoff\n"
                   "A,B,both,3,x\nB,A,both,2,y\nA,B,forward,1,z\nC,C,both,1,self\n",
                   &err);
    ck_assert_ptr_nonnull(org);
    ck_assert_uint_eq(mg_org_collaboration_count(org), 3);
    ck_assert_uint_eq(mg_org_merged_count(org), 1);
    ck_assert_uint_eq(mg_org_role_count(org), 3);
    mg_org_free(org);
}
END_TEST

START_TEST(implicit_roles_warn_only_with_roles_table)
{
    mg_org *org = mg_org_new();
    mg_error err, w;
    const char roles[] = "role\nA\n";
    const char tools[] = "role,tool\nA,T\nB,T\n";

    /* without a roles table, roles named in tools.csv are simply created */
    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_TOOLS, "tools.csv", tools, strlen(tools),
                                        &err),
                     MG_OK);
    ck_assert_uint_eq(mg_org_warning_count(org), 0);
    /* with one, the role it does not define is a warning at its first mention:
     * B is first named on line 3, column 1 of tools.csv */
    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_ROLES, "roles.csv", roles, strlen(roles),
                                        &err),
                     MG_OK);
    ck_assert_uint_eq(mg_org_warning_count(org), 1);
    mg_org_warning(org, 0, &w);
    ck_assert_str_eq(w.source, "tools.csv");
    ck_assert_uint_eq(w.line, 3);
    ck_assert_uint_eq(w.column, 1);
    ck_assert_ptr_nonnull(strstr(w.message, "'B'"));
    mg_org_free(org);
}
END_TEST

START_TEST(failed_load_changes_nothing)
{
    mg_org *org = mg_org_new();
    mg_error err;
    char *before, *after;
    const char good[] = "role,tool\nA,T\n";
    /* the bad row comes after two good ones, which must not stay behind */
    const char bad[] = "role,tool\nB,U\nC,V\nD\n";

    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_TOOLS, "a.csv", good, strlen(good), &err),
                     MG_OK);
    ck_assert_int_eq(mg_org_summary_to_json(org, &before, &err), MG_OK);
    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_TOOLS, "b.csv", bad, strlen(bad), &err),
                     MG_EINPUT);
    ck_assert_uint_eq(err.line, 4);
    ck_assert_int_eq(mg_org_summary_to_json(org, &after, &err), MG_OK);
    ck_assert_str_eq(before, after);
    ck_assert_uint_eq(mg_org_role_count(org), 1);
    mg_free(before);
    mg_free(after);
    mg_org_free(org);
}
END_TEST

START_TEST(attributes_kept)
{
    mg_error err;
    /* an unknown column is no error */
    mg_org *org = org_from(MG_TABLE_ROLES, "role,team,summary\nA,Platform,x\n", &err);

    ck_assert_ptr_nonnull(org);
    ck_assert_uint_eq(mg_org_role_count(org), 1);
    mg_org_free(org);
}
END_TEST

/* Found by fuzz_load: merging an attribute value already present after
 * another leaked the partly built list (ASan and valgrind run this suite).
 * Tool T's "source" collects the distinct values of its rows, sorted. */
START_TEST(attribute_values_merge)
{
    mg_error err;
    mg_render_opts *opts = mg_render_opts_new();
    mg_org *org = org_from(MG_TABLE_TOOLS, "role,tool,source\nA,T,y\nB,T,x\nC,T,y\nD,T,x\n", &err);
    char *dot;
    size_t len;

    ck_assert_ptr_nonnull(org);
    ck_assert_int_eq(mg_render_opts_set_format(opts, MG_RENDER_FORMAT_DOT, &err), MG_OK);
    ck_assert_int_eq(mg_render_buffer(org, opts, &dot, &len, &err), MG_OK);
    ck_assert_msg(strstr(dot, "source: x; y") != NULL, "%s", dot);
    mg_free(dot);
    mg_render_opts_free(opts);
    mg_org_free(org);
}
END_TEST

START_TEST(weights_accepted)
{
    mg_error err;
    mg_org *org = org_from(MG_TABLE_COLLABORATIONS,
                           "from,to,weight\nA,B,0.5\nB,C,\nC,D, 2e3 \nD,E,1\n", &err);

    ck_assert_ptr_nonnull(org);
    ck_assert_uint_eq(mg_org_collaboration_count(org), 4);
    mg_org_free(org);
}
END_TEST

/* The ends of the range (MG_MIN_WEIGHT, MG_MAX_WEIGHT) and exponents in
 * either case; the largest weights on a chain add up as they should:
 * A -> B -> C -> D at 1e9 each costs 3e9 (once, 1e308 each made inf, "no
 * chain"). */
START_TEST(weights_at_the_limits)
{
    mg_error err;
    mg_org *org = org_from(MG_TABLE_COLLABORATIONS,
                           "from,to,weight\nA,B,1e9\nB,C,1000000000\nC,D,1E+9\nD,E,1e-9\n"
                           "E,F,0.000000001\nF,G,2.5E-2\n",
                           &err);
    mg_paths *p = NULL;

    ck_assert_msg(org != NULL, "%s", err.message);
    ck_assert_int_eq(mg_paths_find(org, "A", "D", 2, &p, &err), MG_OK);
    ck_assert_uint_eq(mg_paths_count(p), 1);
    ck_assert_double_eq(mg_path_cost(p, 0), 3e9);
    mg_paths_free(p);
    ck_assert_int_eq(mg_paths_find(org, "D", "G", 1, &p, &err), MG_OK);
    ck_assert_double_eq_tol(mg_path_cost(p, 0), 1e-9 + 1e-9 + 0.025, 1e-15);
    mg_paths_free(p);
    mg_org_free(org);
}
END_TEST

/* ---- What it rejects, and where it says so --------------------------------- */

typedef struct bad_case {
    mg_table table;
    const char *csv;
    size_t line, column;
    const char *message;
} bad_case;

static const bad_case bad_cases[] = {
    /* nothing at all: the place is the start of the file */
    { MG_TABLE_ROLES, "", 1, 1, "empty file" },
    { MG_TABLE_ROLES, "\n\n", 1, 1, "empty file" },
    /* header "summary" lacks "role"; the place is the header's first field */
    { MG_TABLE_ROLES, "summary\nx\n", 1, 1, "missing required column 'role'" },
    { MG_TABLE_RESPONSIBILITIES, "role,responsibility\nA,x\n", 1, 1,
      "missing required column 'capability'" },
    /* "role,Role": the second starts after "role," = column 6 */
    { MG_TABLE_ROLES, "role,Role\nA,B\n", 1, 6, "duplicate column name 'Role'" },
    { MG_TABLE_ROLES, "role,,x\nA,B,C\n", 1, 6, "empty column name" },
    /* "A,x,y": the extra field starts at column 5 */
    { MG_TABLE_ROLES, "role,summary\nA,x,y\n", 2, 5, "row has 3 fields but the header has 2" },
    /* "A" then the line end at column 2 */
    { MG_TABLE_ROLES, "role,summary\nA\n", 2, 2, "missing 'summary'" },
    { MG_TABLE_ROLES, "role,summary\r\nA\r\n", 2, 2, "missing 'summary'" },
    /* unterminated quote at the end of the file: the opening quote, 3:3 */
    { MG_TABLE_ROLES, "role,summary\nA,x\nB,\"open\n", 3, 3, "unterminated quoted field" },
    /* ...and in the middle: the quote swallows the rest, still named at 2:3 */
    { MG_TABLE_ROLES, "role,summary\nA,\"open\nB,y\nC,z\n", 2, 3, "unterminated quoted field" },
    /* a quote inside an unquoted field "ab\"c": the quote is column 5 */
    { MG_TABLE_ROLES, "role,summary\nA,ab\"c\n", 2, 5, "stray quote" },
    /* text after a closing quote: "\"x\"y" - the 'y' is column 6 */
    { MG_TABLE_ROLES, "role,summary\nA,\"x\"y\n", 2, 6, "after a closing quote" },
    /* NUL byte at 2:4 */
    { MG_TABLE_ROLES, "role,summary\nA,x\0y\n", 2, 4, "NUL byte" },
    { MG_TABLE_ROLES, "role,summary\nA,x\x01y\n", 2, 4, "control character U+0001" },
    /* invalid UTF-8: a lone continuation byte, an overlong form, a surrogate,
     * a sequence cut short; "é" before counts as one column */
    { MG_TABLE_ROLES, "role,summary\nA,\xC3\xA9\x80\n", 2, 4, "invalid UTF-8" },
    { MG_TABLE_ROLES, "role,summary\nA,\xC0\xAF\n", 2, 3, "invalid UTF-8" },
    { MG_TABLE_ROLES, "role,summary\nA,\xED\xA0\x80\n", 2, 3, "invalid UTF-8" },
    { MG_TABLE_ROLES, "role,summary\nA,\xE2\x82\n", 2, 3, "invalid UTF-8" },
    /* empty names */
    { MG_TABLE_ROLES, "role,summary\n  ,x\n", 2, 1, "empty role name" },
    { MG_TABLE_TOOLS, "role,tool\nA,\"\"\n", 2, 3, "empty tool name" },
    { MG_TABLE_COLLABORATIONS, "from,to\nA,\n", 2, 3, "empty role name" },
    { MG_TABLE_RESPONSIBILITIES, "role,responsibility,capability\nA,x, ; \n", 2, 5,
      "empty capability" },
    /* weights: the field starts after "A,B," = column 5 */
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,-1\n", 2, 5, "not '-1'" },
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,0\n", 2, 5, "not '0'" },
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,nan\n", 2, 5, "not 'nan'" },
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,inf\n", 2, 5, "not 'inf'" },
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,heavy\n", 2, 5, "not 'heavy'" },
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,2kg\n", 2, 5, "not '2kg'" },
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,1e999\n", 2, 5, "not '1e999'" },
    { MG_TABLE_TOOLS, "role,tool,weight\nA,T,-2\n", 2, 5, "weight must be a positive number" },
    /* one number syntax: decimal digits, a fraction, an exponent; no hex, no
     * sign, no bare point (strtod took 0x10 as 16 and +3 as 3) */
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,0x10\n", 2, 5,
      "weight must be a positive number, not '0x10'" },
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,+3\n", 2, 5, "not '+3'" },
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,.5\n", 2, 5, "not '.5'" },
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,1e\n", 2, 5, "not '1e'" },
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,0.0e5\n", 2, 5, "positive number" },
    /* the range: 1e308 three times overflowed a chain's cost; 1e-320 is below
     * the smallest normal double (and 1e-400 reads as 0, yet is positive) */
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,1e308\n", 2, 5,
      "weight must be from 1e-9 to 1e9, not '1e308'" },
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,1000000001\n", 2, 5, "from 1e-9 to 1e9" },
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,1e-320\n", 2, 5, "from 1e-9 to 1e9" },
    { MG_TABLE_COLLABORATIONS, "from,to,weight\nA,B,1e-400\n", 2, 5, "from 1e-9 to 1e9" },
    { MG_TABLE_TOOLS, "role,tool,weight\nA,T,1e10\n", 2, 5, "from 1e-9 to 1e9" },
    /* direction: "A,B," then the field at column 5 */
    { MG_TABLE_COLLABORATIONS, "from,to,direction\nA,B,sideways\n", 2, 5,
      "unknown direction 'sideways'" },
    { MG_TABLE_ROLES, "role,headcount\nA,3.5.1\n", 2, 3, "headcount must be a number of people" },
    { MG_TABLE_ROLES, "role,headcount\nA,-1\n", 2, 3, "headcount must be a number of people" },
    { MG_TABLE_ROLES, "role,headcount\nA,.5\n", 2, 3, "headcount must be a number of people" },
    { MG_TABLE_ROLES, "role,headcount\nA,1e3\n", 2, 3, "headcount must be a number of people" },
    /* a bad row far down keeps its own line number across quoted line breaks:
     * rows 2-3 hold one record with a line break inside quotes */
    { MG_TABLE_ROLES, "role,summary\nA,\"x\ny\"\nB,\"z\"q\n", 4, 6, "after a closing quote" },
    /* CR-only line ends (classic Mac) count lines as LF and CRLF do: the
     * same two rows with CR alone, then lines ended by CRLF, CR, a lone CR
     * (a blank line 3) and the bad byte on line 4 after "B," */
    { MG_TABLE_ROLES, "role,summary\rA,\"x\ry\"\rB,\"z\"q\r", 4, 6, "after a closing quote" },
    { MG_TABLE_ROLES, "role,summary\rA,x\r  ,y\r", 3, 1, "empty role name" },
    { MG_TABLE_ROLES, "role,summary\r\nA,x\r\rB,\x01\r\n", 4, 3, "control character U+0001" },
};

START_TEST(bad_input)
{
    const bad_case *c = &bad_cases[_i];
    mg_error e;
    mg_org *org = mg_org_new();

    /* sizeof is needed for the case with an embedded NUL byte */
    size_t len = strlen(c->csv);

    if (strstr(c->message, "NUL"))
        len = strlen(c->csv) + 1 + strlen(c->csv + strlen(c->csv) + 1);
    ck_assert_int_eq(mg_org_load_buffer(org, c->table, mg_table_file_name(c->table), c->csv, len,
                                        &e),
                     MG_EINPUT);
    ck_assert_str_eq(e.source, mg_table_file_name(c->table));
    ck_assert_msg(e.line == c->line && e.column == c->column,
                  "case %d: expected %zu:%zu, got %zu:%zu (%s)", _i, c->line, c->column, e.line,
                  e.column, e.message);
    ck_assert_msg(strstr(e.message, c->message) != NULL, "case %d: '%s' lacks '%s'", _i,
                  e.message, c->message);
    ck_assert_uint_eq(mg_org_role_count(org), 0);
    mg_org_free(org);
}
END_TEST

/* ---- Limits ------------------------------------------------------------------ */

START_TEST(field_limit)
{
    size_t n = MG_MAX_FIELD_BYTES + 1;
    char *csv = malloc(n + 32);

    /* "role,summary\nA," is 15 bytes; the long field starts at 2:3 */
    strcpy(csv, "role,summary\nA,");
    memset(csv + 15, 'x', n);
    strcpy(csv + 15 + n, "\n");
    ck_assert_load_error(MG_TABLE_ROLES, csv, 2, 3, "longer than 65536 bytes");
    /* exactly at the limit is fine */
    csv[15 + n - 1] = '\n';
    csv[15 + n] = '\0';
    {
        mg_error err;
        mg_org *org = org_from(MG_TABLE_ROLES, csv, &err);

        ck_assert_ptr_nonnull(org);
        mg_org_free(org);
    }
    free(csv);
}
END_TEST

START_TEST(record_and_column_limits)
{
    size_t i, n = MG_MAX_FIELDS + 1;
    char *csv = malloc(8 * n + 64), *p = csv;

    /* a header of 1025 columns "c0,c1,...": the 1025th starts after 1024
     * fields; its column is the sum of their lengths plus separators */
    size_t col = 1;

    p += sprintf(p, "role");
    col += 5;
    for (i = 1; i < n; i++) {
        int w = sprintf(p, ",c%zu", i);

        p += w;
        if (i < n - 1)
            col += (size_t)w;
    }
    strcpy(p, "\nA\n");
    ck_assert_load_error(MG_TABLE_ROLES, csv, 1, col, "more than 1024 fields");
    free(csv);

    /* a row of more than 1 MiB, in fields under the field limit */
    csv = malloc(20 * 60001 + 128);
    p = csv + sprintf(csv, "role,summary,a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r\n");
    for (i = 0; i < 20; i++) {
        memset(p, 'y', 60000);
        p += 60000;
        *p++ = i == 19 ? '\n' : ',';
    }
    *p = '\0';
    ck_assert_load_error(MG_TABLE_ROLES, csv, 2, 1, "longer than 1048576 bytes");
    free(csv);
}
END_TEST

/*
 * The loader hands rows to be handled in batches of 1,024 (looking their
 * names up 64 rows at a time), and a file of 1 MiB or more is read in a
 * thread of its own meanwhile (load_csv.c), while the scanner and libcsv
 * find their errors as they read: the first error in the file must still
 * win, whichever finds it, read either way. Row i (line i) is
 * "R<i>,R<i+1>,1": its weight starts after the two names and their commas
 * (column w(i) below). A bad weight ("x"), a bad byte (a UTF-8 lead byte
 * before "(") or a field over the limit replaces the 1 on chosen lines.
 */
static char *rows_with(size_t n, size_t weight_line, size_t utf8_line, size_t long_line)
{
    size_t cap = 32 * n + MG_MAX_FIELD_BYTES + 64, line;
    char *csv = malloc(cap), *p = csv;

    ck_assert_ptr_nonnull(csv);
    p += sprintf(p, "from,to,weight\n");
    for (line = 2; line < n + 2; line++) {
        p += sprintf(p, "R%zu,R%zu,", line, line + 1);
        if (line == weight_line)
            p += sprintf(p, "x");
        else if (line == utf8_line)
            p += sprintf(p, "\xC3(");
        else if (line == long_line) {
            memset(p, '7', MG_MAX_FIELD_BYTES + 1);
            p += MG_MAX_FIELD_BYTES + 1;
        } else
            p += sprintf(p, "1");
        *p++ = '\n';
    }
    *p = '\0';
    return csv;
}

/* The column of row `line`'s weight: after "R<line>,R<line+1>,". */
static size_t w(size_t line)
{
    return (size_t)snprintf(NULL, 0, "R%zu,R%zu,", line, line + 1) + 1;
}

/* Loads csv as a collaborations file (written to a temporary file) into a
 * new organisation: *org, or NULL with *err filled. */
static mg_status load_as_file(const char *csv, mg_org **org, mg_error *err)
{
    char path[] = "/tmp/check_load_XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    mg_status st;

    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(csv, 1, strlen(csv), f), strlen(csv));
    ck_assert_int_eq(fclose(f), 0);
    *org = mg_org_new();
    ck_assert_ptr_nonnull(*org);
    st = mg_org_load_file(*org, MG_TABLE_COLLABORATIONS, path, err);
    unlink(path);
    if (st != MG_OK) {
        mg_org_free(*org);
        *org = NULL;
    }
    return st;
}

/* The error at line:column, from the buffer and from the file alike. */
static void error_both_ways(const char *csv, size_t line, size_t column, const char *message)
{
    mg_org *org;
    mg_error err;

    ck_assert_load_error(MG_TABLE_COLLABORATIONS, csv, line, column, message);
    ck_assert_int_eq(load_as_file(csv, &org, &err), MG_EINPUT);
    ck_assert_uint_eq(err.line, line);
    ck_assert_uint_eq(err.column, column);
    ck_assert_msg(strstr(err.message, message) != NULL, "%s", err.message);
}

START_TEST(first_error_wins_across_batches)
{
    static const struct {
        size_t weight_line, utf8_line, long_line, line;
        const char *message;
    } cases[] = {
        { 100, 150, 0, 100, "weight must be" },
        { 130, 70, 0, 70, "invalid UTF-8" },
        /* line 66 is the 65th row, the first of the second 64 looked up
         * together: its error comes before the too-long field after it */
        { 66, 0, 67, 66, "weight must be" },
        /* and the too-long field wins when it comes first */
        { 67, 0, 66, 66, "longer than 65536 bytes" },
        /* line 1026: the 1,025th row, the first of the second batch */
        { 1026, 0, 1027, 1026, "weight must be" },
        { 1026, 1025, 0, 1025, "invalid UTF-8" },
        /* deep in the file, the reader far ahead of the rows handled */
        { 80000, 60000, 0, 60000, "invalid UTF-8" },
        { 99000, 99001, 0, 99000, "weight must be" },
    };
    size_t i;

    for (i = 0; i < sizeof cases / sizeof *cases; i++) {
        /* 100,000 rows: 2.3 MB, so the file is read in a thread */
        char *csv = rows_with(100000, cases[i].weight_line, cases[i].utf8_line,
                              cases[i].long_line);

        error_both_ways(csv, cases[i].line, w(cases[i].line), cases[i].message);
        free(csv);
    }
}
END_TEST

/* An unterminated quote after the rows is reported where it opened, and a
 * bad weight in a last row without a line end where it is, after 100 and
 * after 100,000 good rows (lines 2..n+1; the last row on line n+2). */
START_TEST(errors_at_the_end_after_batches)
{
    static const size_t sizes[] = { 100, 100000 };
    size_t i;

    for (i = 0; i < 2; i++) {
        char *csv = rows_with(sizes[i], 0, 0, 0), *p;

        p = csv + strlen(csv);
        strcpy(p, "R1,R2,\"1\n");
        error_both_ways(csv, sizes[i] + 2, 7, "unterminated quoted field");
        strcpy(p, "R1,R2,0");
        error_both_ways(csv, sizes[i] + 2, 7, "weight must be");
        free(csv);
    }
}
END_TEST

/* A file read in a thread gives the organisation the buffer gives: the
 * same JSON export; 100,000 distinct rows R<i> -> R<i+1>, so 100,000
 * collaborations between 100,001 roles. */
START_TEST(file_in_a_thread_loads_as_a_buffer)
{
    char *csv = rows_with(100000, 0, 0, 0), *a, *b;
    mg_org *from_file, *from_buffer;
    mg_error err;

    ck_assert_int_eq(load_as_file(csv, &from_file, &err), MG_OK);
    from_buffer = org_from(MG_TABLE_COLLABORATIONS, csv, &err);
    ck_assert_ptr_nonnull(from_buffer);
    ck_assert_uint_eq(mg_org_collaboration_count(from_file), 100000);
    ck_assert_uint_eq(mg_org_role_count(from_file), 100001);
    ck_assert_int_eq(mg_export(from_file, MG_EXPORT_JSON, &a, &err), MG_OK);
    ck_assert_int_eq(mg_export(from_buffer, MG_EXPORT_JSON, &b, &err), MG_OK);
    ck_assert_str_eq(a, b);
    mg_free(a);
    mg_free(b);
    mg_org_free(from_file);
    mg_org_free(from_buffer);
    free(csv);
}
END_TEST

/* A progress callback that cancels at its `at`th report. */
typedef struct canceller {
    int calls, at;
} canceller;

static int cancel_at(const char *phase, double fraction, void *data)
{
    canceller *c = data;

    (void)phase;
    (void)fraction;
    return ++c->calls == c->at;
}

/* Cancelling a file read in a thread, at its first, second and third
 * report (one after the first batch, then one each time the input passes
 * a multiple of 4 MiB: 600,000 rows of about 18 bytes are 10.6 MB, so
 * three in all), returns MG_ECANCELED after exactly that many reports and
 * loads nothing. */
START_TEST(cancel_a_file_read_in_a_thread)
{
    char *csv = rows_with(600000, 0, 0, 0);
    canceller c;
    mg_org *org;
    mg_error err;

    ck_assert_uint_gt(strlen(csv), 8u << 20);
    for (c.at = 1; c.at <= 3; c.at++) {
        c.calls = 0;
        mg_set_progress(cancel_at, &c);
        ck_assert_int_eq(load_as_file(csv, &org, &err), MG_ECANCELED);
        ck_assert_ptr_null(org);
        ck_assert_int_eq(c.calls, c.at);
        mg_set_progress(NULL, NULL);
    }
    free(csv);
}
END_TEST

/* A CRLF split between two reads (the loader reads 65,536 bytes at a time)
 * is one line end, not two: the header (14 bytes with its CRLF), then a row
 * "A,sss...s" whose CR is byte 65,535 and LF byte 65,536, then B on line 3
 * and the empty role name on line 4. */
START_TEST(crlf_across_reads)
{
    char path[] = "/tmp/check_load_XXXXXX";
    int fd = mkstemp(path);
    FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
    mg_org *org = mg_org_new();
    mg_error err;
    size_t i;

    ck_assert_ptr_nonnull(f);
    fputs("role,summary\r\nA,", f);
    for (i = 0; i < 65535 - 16; i++)
        fputc('s', f);
    fputs("\r\nB,x\r\n ,y\r\n", f);
    ck_assert_int_eq(ftell(f), 65535 + 2 + 5 + 5);
    fclose(f);
    ck_assert_int_eq(mg_org_load_file(org, MG_TABLE_ROLES, path, &err), MG_EINPUT);
    unlink(path);
    ck_assert_uint_eq(err.line, 4);
    ck_assert_uint_eq(err.column, 1);
    ck_assert_ptr_nonnull(strstr(err.message, "empty role name"));
    mg_org_free(org);
}
END_TEST

/* ---- Files and folders ---------------------------------------------------------- */

START_TEST(files_and_folders)
{
    mg_org *org = mg_org_new();
    mg_error err;

    ck_assert_int_eq(mg_org_load_dir(org, FIXTURES "/small", &err), MG_OK);
    /* tests/fixtures/small: roles A, B, C (roles.csv), D only in tools.csv
     * (a warning); cap-y is supported by T2 but needed by no responsibility,
     * and one letter from cap-x and cap-z, which are (a second warning) */
    ck_assert_uint_eq(mg_org_role_count(org), 4);
    ck_assert_uint_eq(mg_org_warning_count(org), 2);
    ck_assert_int_eq(mg_org_load_dir(org, FIXTURES "/no-such-folder", &err), MG_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.message, "cannot open folder"));
    ck_assert_int_eq(mg_org_load_dir(org, FIXTURES "/empty-folder", &err), MG_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.message, "no organisation files"));
    ck_assert_int_eq(mg_org_load_file(org, MG_TABLE_ROLES, FIXTURES "/small", &err), MG_EINPUT);
    ck_assert_ptr_nonnull(strstr(err.message, "is a directory"));
    ck_assert_int_eq(mg_org_load_file(org, MG_TABLE_ROLES, FIXTURES "/missing.csv", &err),
                     MG_EINPUT);
    ck_assert_str_eq(err.source, FIXTURES "/missing.csv");
    ck_assert_ptr_nonnull(strstr(err.message, "No such file"));
    /* an empty name names nothing: a usage error, not a missing file */
    ck_assert_int_eq(mg_org_load_dir(org, "", &err), MG_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "empty folder name"));
    ck_assert_int_eq(mg_org_load_file(org, MG_TABLE_ROLES, "", &err), MG_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "empty file name"));
    ck_assert_uint_eq(mg_org_role_count(org), 4);
    mg_org_free(org);
}
END_TEST

/* A folder's table that is a symbolic link to nothing is an error naming
 * it, not a table silently absent (the folder's other table, tools.csv,
 * would load). */
START_TEST(dangling_table_link)
{
    char dir[] = "/tmp/check_load_XXXXXX", path[64], link[64];
    mg_org *org = mg_org_new();
    mg_error err;
    FILE *f;

    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/tools.csv", dir);
    snprintf(link, sizeof link, "%s/roles.csv", dir);
    ck_assert_ptr_nonnull(f = fopen(path, "w"));
    fputs("role,tool\nA,T\n", f);
    fclose(f);
    ck_assert_int_eq(symlink("no-such-file.csv", link), 0);
    ck_assert_int_eq(mg_org_load_dir(org, dir, &err), MG_EINPUT);
    ck_assert_str_eq(err.source, link);
    ck_assert_ptr_nonnull(strstr(err.message, "symbolic link"));
    ck_assert_uint_eq(mg_org_role_count(org), 0);
    unlink(link);
    unlink(path);
    rmdir(dir);
    mg_org_free(org);
}
END_TEST

START_TEST(invalid_arguments)
{
    mg_error err;

    ck_assert_int_eq(mg_org_load_buffer(NULL, MG_TABLE_ROLES, "x", "", 0, &err), MG_EINVAL);
    ck_assert_int_eq(mg_org_load_file(NULL, MG_TABLE_ROLES, "x", NULL), MG_EINVAL);
    {
        mg_org *org = mg_org_new();

        ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_COUNT, "x", "", 0, &err), MG_EINVAL);
        ck_assert_ptr_null(mg_org_role_name(org, 0));
        ck_assert_int_eq(mg_org_warning(org, 0, &err), MG_EINVAL);
        mg_org_free(org);
    }
    mg_org_free(NULL);
}
END_TEST

/* ---- Long messages ------------------------------------------------------------------ */

/* Is s valid UTF-8 (no truncated or stray sequence)? */
static int utf8_valid(const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    while (*p) {
        size_t need = *p < 0x80 ? 0 : *p >= 0xF0 ? 3 : *p >= 0xE0 ? 2 : *p >= 0xC0 ? 1 : 4;

        if (need == 4)
            return 0;
        for (p++; need; need--, p++)
            if ((*p & 0xC0) != 0x80)
                return 0;
    }
    return 1;
}

/* A message longer than MG_ERROR_TEXT_SIZE is cut at a character boundary
 * and says so ("..."): a role name of `lead` ASCII letters then 400 two-byte
 * 'é' makes the warning "role 'NAME' is defined again; ..." (6 bytes before
 * the name, 800 in it) and the error "no role 'NAME'..." too long; with lead
 * 0 and 1 the 511th byte falls once on each half of an 'é', so one of the
 * two cuts lands inside a character unless the cut looks. */
START_TEST(long_messages_cut_at_a_character)
{
    char name[1024], csv[4096];
    mg_error err, w;
    mg_paths *paths = NULL;
    mg_org *org;
    size_t i, lead = (size_t)_i;

    memset(name, 'x', lead);
    for (i = 0; i < 400; i++)
        memcpy(name + lead + 2 * i, "\xC3\xA9", 2);
    name[lead + 800] = '\0';
    snprintf(csv, sizeof csv, "role,summary\n%s,first\n%s,second\n", name, name);
    org = org_from(MG_TABLE_ROLES, csv, &err);
    ck_assert_ptr_nonnull(org);
    ck_assert_int_eq(mg_org_warning(org, 0, &w), MG_OK);
    ck_assert_uint_le(strlen(w.message), MG_ERROR_TEXT_SIZE - 1);
    ck_assert_msg(utf8_valid(w.message), "warning cut inside a character: %s", w.message);
    ck_assert_str_eq(w.message + strlen(w.message) - 3, "...");
    /* an error built the same way: an unknown name quoted in full */
    strcpy(name + lead + 800, "q");
    ck_assert_int_eq(mg_paths_find(org, name, name, 1, &paths, &err), MG_ENOTFOUND);
    ck_assert_msg(utf8_valid(err.message), "error cut inside a character: %s", err.message);
    ck_assert_str_eq(err.message + strlen(err.message) - 3, "...");
    mg_org_free(org);
}
END_TEST

static Suite *load_suite(void)
{
    Suite *s = suite_create("load");
    TCase *tc = tcase_create("reference");

    tcase_add_test(tc, reference_counts);
    tcase_add_test(tc, reference_matches_data_dir);
    suite_add_tcase(s, tc);

    tc = tcase_create("accepts");
    tcase_add_test(tc, header_any_order_and_case);
    tcase_add_test(tc, bom_crlf_no_final_newline);
    tcase_add_test(tc, quoted_fields);
    tcase_add_test(tc, blank_lines_and_header_only);
    tcase_add_test(tc, names_merge_case_and_space);
    tcase_add_test(tc, conflicting_definition_warns);
    tcase_add_test(tc, duplicate_uses_and_collaborations);
    tcase_add_test(tc, implicit_roles_warn_only_with_roles_table);
    tcase_add_test(tc, failed_load_changes_nothing);
    tcase_add_test(tc, attributes_kept);
    tcase_add_test(tc, attribute_values_merge);
    tcase_add_test(tc, weights_accepted);
    tcase_add_test(tc, weights_at_the_limits);
    suite_add_tcase(s, tc);

    tc = tcase_create("errors");
    tcase_add_loop_test(tc, bad_input, 0, (int)(sizeof bad_cases / sizeof bad_cases[0]));
    tcase_add_test(tc, field_limit);
    tcase_add_test(tc, record_and_column_limits);
    tcase_add_test(tc, files_and_folders);
    tcase_add_test(tc, crlf_across_reads);
    tcase_add_test(tc, dangling_table_link);
    tcase_add_test(tc, invalid_arguments);
    tcase_add_loop_test(tc, long_messages_cut_at_a_character, 0, 2);
    suite_add_tcase(s, tc);

    /* files of megabytes, loaded many times: minutes under the sanitizers */
    tc = tcase_create("large files");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, first_error_wins_across_batches);
    tcase_add_test(tc, errors_at_the_end_after_batches);
    tcase_add_test(tc, file_in_a_thread_loads_as_a_buffer);
    tcase_add_test(tc, cancel_a_file_read_in_a_thread);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(load_suite());
}
