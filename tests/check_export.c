/*
 * check_export.c - the organisation written out: mg_export (GraphML and
 * node-link JSON) and mg_export_table (our CSV) of a small hand-made
 * organisation, mg_generate (counts and determinism) and mg_write_file
 * (atomic replacement). Every expected value is worked out by hand from the
 * input in the comment above it.
 */
#include "config.h"

#include <dirent.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "testutil.h"

/* ---- Helpers ------------------------------------------------------------------ */

static size_t count_of(const char *text, const char *needle)
{
    size_t n = 0;

    for (text = strstr(text, needle); text; text = strstr(text + 1, needle))
        n++;
    return n;
}

static void assert_has(const char *text, const char *want)
{
    ck_assert_msg(strstr(text, want) != NULL, "'%s' not in:\n%s", want, text);
}

/* A fresh empty folder under the build's temporary directory. */
static char *temp_dir(void)
{
    const char *base = getenv("TMPDIR");
    char *dir = malloc(4096);

    ck_assert_ptr_nonnull(dir);
    snprintf(dir, 4096, "%s/check_export.XXXXXX", base && *base ? base : "/tmp");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    return dir;
}

static char *path_in(const char *dir, const char *name)
{
    char *p = malloc(strlen(dir) + strlen(name) + 2);

    ck_assert_ptr_nonnull(p);
    sprintf(p, "%s/%s", dir, name);
    return p;
}

/* The whole content of a file (NUL-terminated; *len without it), or NULL. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *data;
    long n;

    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    rewind(f);
    data = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(data);
    ck_assert_uint_eq(fread(data, 1, (size_t)n, f), (size_t)n);
    data[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return data;
}

/* The number of entries in dir, "." and ".." aside. */
static size_t entries(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;

    ck_assert_ptr_nonnull(d);
    while ((e = readdir(d)))
        n += strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0;
    closedir(d);
    return n;
}

static void remove_dir(char *dir)
{
    int t;

    for (t = 0; t < MG_TABLE_COUNT; t++) {
        char *p = path_in(dir, mg_table_file_name((mg_table)t));

        unlink(p);
        free(p);
    }
    rmdir(dir);
    free(dir);
}

/* ---- A hand-made organisation ---------------------------------------------------- */

/*
 * roles.csv          A (summary "Leads.", aliases a1;a2, attribute team=red),
 *                    B (attribute team=blue)
 * responsibilities   A "Do x." needs cap-x
 * tools              A uses T1 (supports cap-x and cap-y), weight 1.5;
 *                    B uses T1, weight 1
 * collaborations     A <-> B, handoff 'send "<data>", then wait', weight 2
 * So: 2 roles, 1 tool, 2 capabilities (nodes: 5); edges: 1 collaboration,
 * 2 uses, 2 supports (T1 -> cap-x, T1 -> cap-y), 1 needs: 6.
 */
static const char roles_csv[] = "role,summary,aliases,team\nA,Leads.,a1;a2,red\nB,,,blue\n";
static const char resps_csv[] = "role,responsibility,capability\nA,Do x.,cap-x\n";
static const char tools_csv[] = "role,tool,capability,weight\nA,T1,cap-x;cap-y,1.5\nB,T1,,1\n";
static const char collabs_csv[] = "from,to,handoff,direction,weight\n"
                                  "A,B,\"send \"\"<data>\"\", then wait\",both,2\n";

static mg_org *load_tables(const char *const text[MG_TABLE_COUNT])
{
    mg_org *org = mg_org_new();
    mg_error err;
    int t;

    ck_assert_ptr_nonnull(org);
    for (t = 0; t < MG_TABLE_COUNT; t++)
        if (text[t])
            ck_assert_msg(mg_org_load_buffer(org, (mg_table)t, mg_table_file_name((mg_table)t),
                                             text[t], strlen(text[t]), &err) == MG_OK,
                          "%s: %s", mg_table_file_name((mg_table)t), err.message);
    return org;
}

static mg_org *hand_made(void)
{
    const char *text[MG_TABLE_COUNT];

    text[MG_TABLE_ROLES] = roles_csv;
    text[MG_TABLE_RESPONSIBILITIES] = resps_csv;
    text[MG_TABLE_TOOLS] = tools_csv;
    text[MG_TABLE_COLLABORATIONS] = collabs_csv;
    return load_tables(text);
}

/* ---- mg_export ------------------------------------------------------------------- */

START_TEST(graphml_by_hand)
{
    mg_org *org = hand_made();
    mg_error err;
    char *x;

    ck_assert_int_eq(mg_export(org, MG_EXPORT_GRAPHML, &x, &err), MG_OK);
    assert_has(x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml ");
    /* 5 nodes and 6 edges (see hand_made) */
    ck_assert_uint_eq(count_of(x, "<node "), 5);
    ck_assert_uint_eq(count_of(x, "<edge "), 6);
    /* ids by kind and rank by name: roles r0 A, r1 B; tool t0; capabilities
     * k0 cap-x, k1 cap-y */
    assert_has(x, "<node id=\"r0\"><data key=\"type\">role</data><data key=\"name\">A</data>"
                  "<data key=\"summary\">Leads.</data>");
    assert_has(x, "<node id=\"k1\"><data key=\"type\">capability</data>"
                  "<data key=\"name\">cap-y</data></node>");
    /* the handoff with its XML escaped */
    assert_has(x, "<edge id=\"c0\" source=\"r0\" target=\"r1\"><data key=\"relation\">"
                  "collaboration</data><data key=\"handoff\">send &quot;&lt;data&gt;&quot;, "
                  "then wait</data><data key=\"direction\">both</data>"
                  "<data key=\"weight\">2</data></edge>");
    /* the uses in role order: u0 A -> T1 weight 1.5 */
    assert_has(x, "<edge id=\"u0\" source=\"r0\" target=\"t0\"><data key=\"relation\">uses"
                  "</data><data key=\"weight\">1.5</data></edge>");
    assert_has(x, "<edge id=\"s1\" source=\"t0\" target=\"k1\">");
    assert_has(x, "<edge id=\"n0\" source=\"r0\" target=\"k0\">");
    ck_assert_str_eq(x + strlen(x) - strlen("  </graph>\n</graphml>\n"),
                     "  </graph>\n</graphml>\n");
    mg_free(x);
    mg_org_free(org);
}
END_TEST

START_TEST(node_link_json_by_hand)
{
    mg_org *org = hand_made();
    mg_error err;
    char *j;

    ck_assert_int_eq(mg_export(org, MG_EXPORT_JSON, &j, &err), MG_OK);
    ck_assert_msg(strncmp(j, "{\"directed\": true, \"multigraph\": true, ", 39) == 0, "%s", j);
    /* 5 nodes, 6 links (see hand_made) */
    ck_assert_uint_eq(count_of(j, "{\"id\": "), 5);
    ck_assert_uint_eq(count_of(j, "{\"source\": "), 6);
    /* the handoff with its JSON escaped */
    assert_has(j, "{\"source\": \"r0\", \"target\": \"r1\", \"key\": \"c0\", \"relation\": "
                  "\"collaboration\", \"handoff\": \"send \\\"<data>\\\", then wait\", "
                  "\"direction\": \"both\", \"weight\": 2}");
    assert_has(j, "{\"source\": \"r1\", \"target\": \"t0\", \"key\": \"u1\", \"relation\": "
                  "\"uses\", \"weight\": 1}");
    ck_assert_str_eq(j + strlen(j) - 4, "\n]}\n");
    mg_free(j);
    mg_org_free(org);
}
END_TEST

/* The roles' fields and every attribute column, typed, in both notations. */
START_TEST(attributes_typed_and_named)
{
    /* columns: type (ours: exported as csv:type), size (3 and 0.5: plain
     * decimals, so a number), code (007 has a leading zero: text); a
     * summary with a CR and a tab, which GraphML keeps as references */
    static const char roles[] = "role,headcount,type,size,code,summary\n"
                                "A,2,x,3,007,\"one\rtwo\tthree\"\nB,0.5,y,0.5,12,\n";
    const char *text[MG_TABLE_COUNT] = { roles, NULL, NULL, NULL };
    mg_org *org = load_tables(text);
    mg_org *hand = hand_made();
    mg_error err;
    char *x, *j;

    ck_assert_int_eq(mg_export(org, MG_EXPORT_GRAPHML, &x, &err), MG_OK);
    assert_has(x, "<key id=\"a0\" for=\"node\" attr.name=\"csv:type\" attr.type=\"string\"/>\n"
                  "  <key id=\"a1\" for=\"node\" attr.name=\"size\" attr.type=\"double\"/>\n"
                  "  <key id=\"a2\" for=\"node\" attr.name=\"code\" attr.type=\"string\"/>\n"
                  "  <graph ");
    assert_has(x, "<data key=\"summary\">one&#13;two&#9;three</data><data key=\"cluster\">");
    assert_has(x, "<data key=\"headcount\">2</data><data key=\"a0\">x</data>"
                  "<data key=\"a1\">3</data><data key=\"a2\">007</data></node>");
    ck_assert_int_eq(mg_export(org, MG_EXPORT_JSON, &j, &err), MG_OK);
    assert_has(j, "\"headcount\": 0.5, \"csv:type\": \"y\", \"size\": 0.5, \"code\": \"12\"}");
    mg_free(x);
    mg_free(j);
    /* the hand-made roles: A's aliases as roles.csv writes them, its team */
    ck_assert_int_eq(mg_export(hand, MG_EXPORT_GRAPHML, &x, &err), MG_OK);
    assert_has(x, "<data key=\"aliases\">a1;a2</data><data key=\"a0\">red</data></node>");
    ck_assert_int_eq(mg_export(hand, MG_EXPORT_JSON, &j, &err), MG_OK);
    assert_has(j, "\"aliases\": \"a1;a2\", \"team\": \"red\"}");
    mg_free(x);
    mg_free(j);
    mg_org_free(hand);
    mg_org_free(org);
}
END_TEST

START_TEST(export_errors)
{
    mg_org *org = hand_made();
    mg_error err;
    char *out = NULL;

    ck_assert_int_eq(mg_export(org, MG_EXPORT_CSV, &out, &err), MG_EINVAL);
    assert_has(err.message, "unknown export format 'csv'");
    ck_assert_ptr_null(out);
    ck_assert_int_eq(mg_export(NULL, MG_EXPORT_JSON, &out, &err), MG_EINVAL);
    ck_assert_int_eq(mg_export_table(org, MG_TABLE_COUNT, &out, &err), MG_EINVAL);
    mg_org_free(org);
}
END_TEST

/* ---- mg_export_table ---------------------------------------------------------- */

START_TEST(tables_by_hand)
{
    mg_org *org = hand_made();
    mg_error err;
    char *t;

    /* fixed columns, then the attribute "team"; CRLF line ends (RFC 4180);
     * B's empty summary, aliases and headcount stay empty */
    ck_assert_int_eq(mg_export_table(org, MG_TABLE_ROLES, &t, &err), MG_OK);
    ck_assert_str_eq(t, "role,summary,aliases,headcount,team\r\n"
                        "A,Leads.,a1;a2,,red\r\n"
                        "B,,,,blue\r\n");
    mg_free(t);
    ck_assert_int_eq(mg_export_table(org, MG_TABLE_RESPONSIBILITIES, &t, &err), MG_OK);
    ck_assert_str_eq(t, "role,responsibility,capability\r\nA,Do x.,cap-x\r\n");
    mg_free(t);
    /* a tool's capabilities on each of its rows, ';'-joined */
    ck_assert_int_eq(mg_export_table(org, MG_TABLE_TOOLS, &t, &err), MG_OK);
    ck_assert_str_eq(t, "role,tool,capability,weight\r\n"
                        "A,T1,cap-x;cap-y,1.5\r\n"
                        "B,T1,cap-x;cap-y,1\r\n");
    mg_free(t);
    /* the handoff quoted, its quotes doubled */
    ck_assert_int_eq(mg_export_table(org, MG_TABLE_COLLABORATIONS, &t, &err), MG_OK);
    ck_assert_str_eq(t, "from,to,handoff,direction,weight\r\n"
                        "A,B,\"send \"\"<data>\"\", then wait\",both,2\r\n");
    mg_free(t);
    mg_org_free(org);
}
END_TEST

/* Exporting the four tables and loading them gives the same organisation:
 * the same counts, and the same tables when exported again. */
START_TEST(tables_load_back)
{
    mg_org *org = hand_made(), *back;
    const char *text[MG_TABLE_COUNT];
    char *out[MG_TABLE_COUNT], *again;
    mg_error err;
    int t;

    for (t = 0; t < MG_TABLE_COUNT; t++) {
        ck_assert_int_eq(mg_export_table(org, (mg_table)t, &out[t], &err), MG_OK);
        text[t] = out[t];
    }
    back = load_tables(text);
    /* the counts of hand_made: 2 roles, 1 tool, 2 capabilities, 2 uses,
     * 1 responsibility, 1 collaboration */
    ck_assert_uint_eq(mg_org_role_count(back), 2);
    ck_assert_uint_eq(mg_org_tool_count(back), 1);
    ck_assert_uint_eq(mg_org_capability_count(back), 2);
    ck_assert_uint_eq(mg_org_use_count(back), 2);
    ck_assert_uint_eq(mg_org_responsibility_count(back), 1);
    ck_assert_uint_eq(mg_org_collaboration_count(back), 1);
    ck_assert_uint_eq(mg_org_merged_count(back), 0);
    for (t = 0; t < MG_TABLE_COUNT; t++) {
        ck_assert_int_eq(mg_export_table(back, (mg_table)t, &again, &err), MG_OK);
        ck_assert_str_eq(again, out[t]);
        mg_free(again);
        mg_free(out[t]);
    }
    mg_org_free(back);
    mg_org_free(org);
}
END_TEST

/* Attribute columns compare as column names do, ignoring case: roles read
 * from two files, one with a column "Team" and one with "team", export one
 * column "Team" (the first spelling, A's), which loads back; the same role
 * given both spellings keeps one attribute, its values joined. */
START_TEST(attribute_columns_differing_by_case)
{
    static const char first[] = "role,Team\r\nA,red\r\nC,green\r\n";
    static const char second[] = "role, team \r\nB,blue\r\nc,teal\r\n";
    mg_org *org = mg_org_new(), *back = mg_org_new();
    mg_error err;
    char *t;

    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_ROLES, "a.csv", first, strlen(first), &err),
                     MG_OK);
    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_ROLES, "b.csv", second, strlen(second),
                                        &err),
                     MG_OK);
    ck_assert_int_eq(mg_export_table(org, MG_TABLE_ROLES, &t, &err), MG_OK);
    /* C's "green" (a.csv) and "teal" (as c, b.csv) joined, sorted */
    ck_assert_str_eq(t, "role,summary,aliases,headcount,Team\r\n"
                        "A,,,,red\r\n"
                        "B,,,,blue\r\n"
                        "C,,,,green; teal\r\n");
    ck_assert_int_eq(mg_org_load_buffer(back, MG_TABLE_ROLES, "roles.csv", t, strlen(t), &err),
                     MG_OK);
    ck_assert_uint_eq(mg_org_role_count(back), 3);
    mg_free(t);
    mg_org_free(back);
    mg_org_free(org);
}
END_TEST

/* Cells a spreadsheet would run as a formula (starting with = + - @, tab or
 * CR) are written with a leading quote, as OWASP's "CSV Injection" advises;
 * the loader drops exactly that quote, so the tables load back the same.
 * A cell already starting with a quote before one of those (or before
 * another quote) gets one too, so the rule can be undone; numbers and a
 * lone "-" run nothing and stay as they are. Input (after the loader's own
 * unquoting: "''=x" is the name '=x, "'''" the name ''), and each cell as
 * written, rows in name order (' before - before =):
 *   ''        -> '''          x      -> x
 *   '=x       -> ''=x         'y     -> 'y
 *   -2+3      -> '-2+3        -      -> -
 *   -5        -> -5           +1     -> +1
 *   =SUM(A1)  -> '=SUM(A1)    @note  -> '@note
 *   @a,b      -> "'@a,b"      (the guard inside the CSV quotes)
 */
START_TEST(formula_cells_guarded)
{
    static const char roles[] = "role,summary\n"
                                "=SUM(A1),@note\n-2+3,-\n-5,+1\n''=x,'y\n''',x\n"
                                "\"@a,b\",\n";
    const char *text[MG_TABLE_COUNT] = { roles, NULL, NULL, NULL };
    mg_org *org = load_tables(text), *back;
    mg_error err;
    char *t, *again;

    ck_assert_uint_eq(role_index(org, "'=x"), 1);
    ck_assert_uint_eq(role_index(org, "''"), 0);
    ck_assert_str_eq(mg_org_role_summary(org, 1), "'y");
    ck_assert_int_eq(mg_export_table(org, MG_TABLE_ROLES, &t, &err), MG_OK);
    ck_assert_str_eq(t, "role,summary,aliases,headcount\r\n"
                        "''',x,,\r\n"
                        "''=x,'y,,\r\n"
                        "'-2+3,-,,\r\n"
                        "-5,+1,,\r\n"
                        "'=SUM(A1),'@note,,\r\n"
                        "\"'@a,b\",,,\r\n");
    text[MG_TABLE_ROLES] = t;
    back = load_tables(text);
    ck_assert_uint_eq(role_index(back, "=SUM(A1)"), 4);
    ck_assert_str_eq(mg_org_role_summary(back, 4), "@note");
    ck_assert_uint_eq(role_index(back, "@a,b"), 5);
    ck_assert_int_eq(mg_export_table(back, MG_TABLE_ROLES, &again, &err), MG_OK);
    ck_assert_str_eq(again, t);
    mg_free(again);
    mg_free(t);
    mg_org_free(back);
    mg_org_free(org);
}
END_TEST

START_TEST(no_roles_table_no_roles_export)
{
    const char *text[MG_TABLE_COUNT] = { NULL, NULL, NULL, collabs_csv };
    mg_org *org = load_tables(text);
    mg_error err;
    char *t = (char *)"unset";

    /* A and B exist only through collaborations.csv: writing a roles table
     * would define them, so there is none */
    ck_assert_int_eq(mg_export_table(org, MG_TABLE_ROLES, &t, &err), MG_OK);
    ck_assert_ptr_null(t);
    mg_org_free(org);
}
END_TEST

/* ---- mg_generate ------------------------------------------------------------------ */

static const mg_generate_spec small_spec = { 50, 20, 200, 100, 7 };

START_TEST(generate_gives_the_counts_asked)
{
    char *dir = temp_dir();
    mg_org *org = mg_org_new();
    mg_error err;

    ck_assert_int_eq(mg_generate(&small_spec, dir, &err), MG_OK);
    ck_assert_int_eq(mg_org_load_dir(org, dir, &err), MG_OK);
    /* every row distinct (nothing merged), so the counts of small_spec */
    ck_assert_uint_eq(mg_org_merged_count(org), 0);
    ck_assert_uint_eq(mg_org_role_count(org), small_spec.roles);
    ck_assert_uint_eq(mg_org_use_count(org), small_spec.uses);
    ck_assert_uint_eq(mg_org_collaboration_count(org), small_spec.collaborations);
    /* tools are drawn for the uses: at most the tools asked for */
    ck_assert_uint_le(mg_org_tool_count(org), small_spec.tools);
    /* one or two responsibilities a role */
    ck_assert_uint_ge(mg_org_responsibility_count(org), small_spec.roles);
    ck_assert_uint_le(mg_org_responsibility_count(org), 2 * small_spec.roles);
    mg_org_free(org);
    remove_dir(dir);
}
END_TEST

START_TEST(generate_same_seed_same_bytes)
{
    mg_generate_spec other = small_spec;
    char *a = temp_dir(), *b = temp_dir(), *c = temp_dir();
    mg_error err;
    int t, differ = 0;

    other.seed = small_spec.seed + 1;
    ck_assert_int_eq(mg_generate(&small_spec, a, &err), MG_OK);
    ck_assert_int_eq(mg_generate(&small_spec, b, &err), MG_OK);
    ck_assert_int_eq(mg_generate(&other, c, &err), MG_OK);
    for (t = 0; t < MG_TABLE_COUNT; t++) {
        const char *name = mg_table_file_name((mg_table)t);
        char *pa = path_in(a, name), *pb = path_in(b, name), *pc = path_in(c, name);
        size_t la, lb, lc;
        char *da = slurp(pa, &la), *db = slurp(pb, &lb), *dc = slurp(pc, &lc);

        ck_assert_ptr_nonnull(da);
        ck_assert_ptr_nonnull(db);
        ck_assert_ptr_nonnull(dc);
        ck_assert_uint_eq(la, lb);
        ck_assert_int_eq(memcmp(da, db, la), 0);
        differ |= la != lc || memcmp(da, dc, la) != 0;
        free(da);
        free(db);
        free(dc);
        free(pa);
        free(pb);
        free(pc);
    }
    /* another seed draws other tools and collaborations */
    ck_assert(differ);
    remove_dir(a);
    remove_dir(b);
    remove_dir(c);
}
END_TEST

START_TEST(generate_rejects_impossible_counts)
{
    mg_generate_spec s = small_spec;
    char *dir = temp_dir();
    mg_error err;

    s.roles = 0;
    ck_assert_int_eq(mg_generate(&s, dir, &err), MG_EINVAL);
    /* 3 roles x 2 tools allow 6 distinct uses */
    s.roles = 3;
    s.tools = 2;
    s.uses = 7;
    s.collaborations = 0;
    ck_assert_int_eq(mg_generate(&s, dir, &err), MG_EINVAL);
    assert_has(err.message, "allow 6 at most");
    /* nothing written */
    ck_assert_uint_eq(entries(dir), 0);
    ck_assert_int_eq(mg_generate(NULL, dir, &err), MG_EINVAL);
    remove_dir(dir);
}
END_TEST

/* ---- mg_write_file ------------------------------------------------------------- */

START_TEST(write_file_writes_the_bytes)
{
    static const char data[] = "a\0b\r\nc"; /* a NUL and a CRLF: bytes, not text */
    char *dir = temp_dir(), *path = path_in(dir, "roles.csv"), *back;
    mg_error err;
    size_t len;

    ck_assert_int_eq(mg_write_file(path, data, sizeof data - 1, &err), MG_OK);
    back = slurp(path, &len);
    ck_assert_uint_eq(len, sizeof data - 1);
    ck_assert_int_eq(memcmp(back, data, len), 0);
    free(back);
    /* replacing it, and with nothing at all */
    ck_assert_int_eq(mg_write_file(path, "new", 3, &err), MG_OK);
    back = slurp(path, &len);
    ck_assert_str_eq(back, "new");
    free(back);
    ck_assert_int_eq(mg_write_file(path, NULL, 0, &err), MG_OK);
    back = slurp(path, &len);
    ck_assert_uint_eq(len, 0);
    free(back);
    /* no temporary file left beside it */
    ck_assert_uint_eq(entries(dir), 1);
    ck_assert_int_eq(mg_write_file(NULL, "x", 1, &err), MG_EINVAL);
    ck_assert_int_eq(mg_write_file(path, NULL, 1, &err), MG_EINVAL);
    free(path);
    remove_dir(dir);
}
END_TEST

START_TEST(write_file_failure_keeps_the_target)
{
    char *dir = temp_dir(), *path = path_in(dir, "roles.csv"), *back, *big;
    struct rlimit old, small;
    void (*old_handler)(int);
    mg_error err;
    mg_status st;
    size_t len, n = 1 << 16;

    ck_assert_int_eq(mg_write_file(path, "old", 3, &err), MG_OK);
    /* A file size limit of 4 KiB makes writing 64 KiB fail part way (EFBIG,
     * as a full disk would), whoever runs the test. */
    big = malloc(n);
    ck_assert_ptr_nonnull(big);
    memset(big, 'x', n);
    ck_assert_int_eq(getrlimit(RLIMIT_FSIZE, &old), 0);
    small = old;
    small.rlim_cur = 4096;
    old_handler = signal(SIGXFSZ, SIG_IGN);
    ck_assert_int_eq(setrlimit(RLIMIT_FSIZE, &small), 0);
    st = mg_write_file(path, big, n, &err);
    setrlimit(RLIMIT_FSIZE, &old);
    signal(SIGXFSZ, old_handler);
    ck_assert_int_eq(st, MG_EIO);
    ck_assert_str_eq(err.source, path);
    /* the target as it was, and no temporary file left */
    back = slurp(path, &len);
    ck_assert_str_eq(back, "old");
    ck_assert_uint_eq(entries(dir), 1);
    free(back);
    free(big);
    free(path);
    remove_dir(dir);
}
END_TEST

START_TEST(write_file_into_a_missing_folder)
{
    char *dir = temp_dir(), *missing = path_in(dir, "no-such-folder"),
         *path = path_in(missing, "roles.csv");
    mg_error err;

    ck_assert_int_eq(mg_write_file(path, "x", 1, &err), MG_EIO);
    ck_assert_uint_eq(entries(dir), 0);
    free(path);
    free(missing);
    remove_dir(dir);
}
END_TEST

static Suite *export_suite(void)
{
    Suite *s = suite_create("export");
    TCase *tc = tcase_create("graph");

    tcase_add_test(tc, graphml_by_hand);
    tcase_add_test(tc, node_link_json_by_hand);
    tcase_add_test(tc, attributes_typed_and_named);
    tcase_add_test(tc, export_errors);
    suite_add_tcase(s, tc);
    tc = tcase_create("tables");
    tcase_add_test(tc, tables_by_hand);
    tcase_add_test(tc, tables_load_back);
    tcase_add_test(tc, no_roles_table_no_roles_export);
    tcase_add_test(tc, attribute_columns_differing_by_case);
    tcase_add_test(tc, formula_cells_guarded);
    suite_add_tcase(s, tc);
    tc = tcase_create("generate");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, generate_gives_the_counts_asked);
    tcase_add_test(tc, generate_same_seed_same_bytes);
    tcase_add_test(tc, generate_rejects_impossible_counts);
    suite_add_tcase(s, tc);
    tc = tcase_create("write_file");
    tcase_add_test(tc, write_file_writes_the_bytes);
    tcase_add_test(tc, write_file_failure_keeps_the_target);
    tcase_add_test(tc, write_file_into_a_missing_folder);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(export_suite());
}
