/*
 * check_render.c - rendering: names come out literally, whatever they hold.
 *
 * The independent judge is Graphviz itself: we render to xdot, whose
 * "_ldraw_" attributes hold the text Graphviz finally draws for each label
 * (after all its escape and entity processing), read that back with cgraph,
 * and compare it byte for byte with the name in the input. The DOT output is
 * checked the same way after a round trip through cgraph's reader and a
 * fresh layout, which is what `dot` does with the file.
 */
#include "config.h"

#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "testutil.h"
#include "fuzz/xmlcheck.h"

/* Names that mean something to Graphviz, XML, HTML or a terminal. */
static const char *const hostile[] = {
    "\\N",
    "\\G",
    "a\\",
    "x\"y",
    "<b>x</b>",
    "</text><script>alert(1)</script>",
    "{a|b}",
    "&amp;",
    "&#92;n",
    "Data \xF0\x9F\xA4\x96 Team",       /* an emoji */
    "\xD7\xA6\xD7\x95\xD7\x95\xD7\xAA", /* right-to-left text */
    "$(touch x) `y`",
    "\\l\\r\\n\\E\\T\\H\\L",
    "50% <&> 'quotes'",
};
#define N_HOSTILE (sizeof hostile / sizeof hostile[0])

/* CSV for roles named by `hostile`, each quoted with doubled quotes, plus a
 * tool and a collaboration whose texts are hostile too. */
static mg_org *hostile_org(void)
{
    char roles[4096] = "role,summary\n", tools[1024], collabs[1024];
    mg_org *org = mg_org_new();
    mg_error err;
    size_t i;

    for (i = 0; i < N_HOSTILE; i++) {
        const char *p;
        char *q = roles + strlen(roles);

        *q++ = '"';
        for (p = hostile[i]; *p; p++) {
            if (*p == '"')
                *q++ = '"';
            *q++ = *p;
        }
        strcpy(q, "\",\"summary \\N & <i>\"\n");
    }
    snprintf(tools, sizeof tools, "role,tool\n\\N,\"T\\G<&>\"\"\"\n");
    snprintf(collabs, sizeof collabs,
             "from,to,handoff\n\\N,\\G,\"hand \\l off & <x>\"\n\\G,\\G,\"loop \\\\\"\n");
    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_ROLES, "roles.csv", roles, strlen(roles),
                                        &err),
                     MG_OK);
    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_TOOLS, "tools.csv", tools, strlen(tools),
                                        &err),
                     MG_OK);
    ck_assert_int_eq(mg_org_load_buffer(org, MG_TABLE_COLLABORATIONS, "c.csv", collabs,
                                        strlen(collabs), &err),
                     MG_OK);
    ck_assert_uint_eq(mg_org_role_count(org), N_HOSTILE);
    return org;
}

static char *render(const mg_org *org, const char *format, int tools, size_t *len)
{
    mg_render_opts *opts = mg_render_opts_new();
    mg_render_format f;
    mg_error err;
    char *out = NULL;

    ck_assert_int_eq(mg_render_format_from_name(format, &f, &err), MG_OK);
    ck_assert_int_eq(mg_render_opts_set_format(opts, f, &err), MG_OK);
    mg_render_opts_set_tools(opts, tools);
    ck_assert_msg(mg_render_buffer(org, opts, &out, len, &err) == MG_OK, "%s", err.message);
    mg_render_opts_free(opts);
    return out;
}

/* The text of the first "T" operation of an xdot drawing: "T x y j w n -text". */
static char *xdot_text(const char *ops)
{
    const char *p = ops;

    if (!ops)
        return NULL;
    while ((p = strstr(p, "T ")) != NULL) {
        double x, y, w;
        int j, consumed;
        size_t n;

        if ((p == ops || p[-1] == ' ') &&
            sscanf(p, "T %lf %lf %d %lf %zu -%n", &x, &y, &j, &w, &n, &consumed) == 5)
            return strndup(p + consumed, n);
        p += 2;
    }
    return NULL;
}

/* The test's own Graphviz context, kept for the whole run: freeing one while
 * the library's lives on makes Graphviz 2.42's pango plugin read freed font
 * data (see lib/render.c). */
static GVC_t *context(void)
{
    static GVC_t *gvc;

    if (!gvc)
        gvc = gvContext();
    return gvc;
}

/* Lays out a graph read from text and returns its xdot rendering re-read. */
static Agraph_t *laid_out(GVC_t *gvc, const char *text)
{
    Agraph_t *g = agmemread(text), *again;
    char *xdot;
    unsigned int len;

    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(gvLayout(gvc, g, "dot"), 0);
    ck_assert_int_eq(gvRenderData(gvc, g, "xdot", &xdot, &len), 0);
    again = agmemread(xdot);
    ck_assert_ptr_nonnull(again);
    gvFreeRenderData(xdot);
    gvFreeLayout(gvc, g);
    agclose(g);
    return again;
}

/* Every role node draws exactly its name; the tool draws its name. */
static void assert_labels_literal(const mg_org *org, Agraph_t *g)
{
    size_t i;

    for (i = 0; i < mg_org_role_count(org); i++) {
        char id[32], *drawn;
        Agnode_t *n;

        snprintf(id, sizeof id, "r%zu", i);
        n = agnode(g, id, 0);
        ck_assert_ptr_nonnull(n);
        drawn = xdot_text(agget(n, (char *)"_ldraw_"));
        ck_assert_ptr_nonnull(drawn);
        ck_assert_str_eq(drawn, mg_org_role_name(org, i));
        free(drawn);
    }
    {
        Agnode_t *t = agnode(g, (char *)"t0", 0);
        char *drawn;

        ck_assert_ptr_nonnull(t);
        drawn = xdot_text(agget(t, (char *)"_ldraw_"));
        ck_assert_str_eq(drawn, "T\\G<&>\"");
        free(drawn);
    }
}

START_TEST(xdot_draws_names_literally)
{
    mg_org *org = hostile_org();
    size_t len;
    char *xdot = render(org, "xdot", 1, &len);
    Agraph_t *g = agmemread(xdot);

    ck_assert_ptr_nonnull(g);
    assert_labels_literal(org, g);
    agclose(g);
    mg_free(xdot);
    mg_org_free(org);
}
END_TEST

START_TEST(dot_reads_back_with_the_same_labels)
{
    mg_org *org = hostile_org();
    size_t len;
    char *dot = render(org, "dot", 1, &len);
    Agraph_t *g = laid_out(context(), dot);
    Agnode_t *n;
    Agedge_t *e;
    size_t nodes = 0, edges = 0, labelled = 0;

    assert_labels_literal(org, g);
    /* 14 roles and 1 tool; 2 collaborations and 1 use */
    for (n = agfstnode(g); n; n = agnxtnode(g, n)) {
        nodes++;
        for (e = agfstout(g, n); e; e = agnxtout(g, e)) {
            char *drawn = xdot_text(agget(e, (char *)"_ldraw_"));

            edges++;
            if (drawn) {
                ck_assert_msg(strcmp(drawn, "hand \\l off & <x>") == 0 ||
                                  strcmp(drawn, "loop \\\\") == 0,
                              "edge label drawn as '%s'", drawn);
                labelled++;
                free(drawn);
            }
        }
    }
    ck_assert_uint_eq(nodes, N_HOSTILE + 1);
    ck_assert_uint_eq(edges, 3);
    ck_assert_uint_eq(labelled, 2);
    agclose(g);
    mg_free(dot);
    mg_org_free(org);
}
END_TEST

/* Undoes XML escaping, enough to read Graphviz's SVG attribute values. */
static char *xml_unescape(const char *s, size_t n)
{
    char *out = malloc(n + 1), *q = out;
    size_t i = 0;

    while (i < n) {
        if (s[i] == '&') {
            const char *semi = memchr(s + i, ';', n - i);
            size_t len = (size_t)(semi - (s + i));

            ck_assert_ptr_nonnull(semi);
            if (!strncmp(s + i, "&amp;", 5))
                *q++ = '&';
            else if (!strncmp(s + i, "&lt;", 4))
                *q++ = '<';
            else if (!strncmp(s + i, "&gt;", 4))
                *q++ = '>';
            else if (!strncmp(s + i, "&quot;", 6))
                *q++ = '"';
            else if (!strncmp(s + i, "&#39;", 5) || !strncmp(s + i, "&apos;", 6))
                *q++ = '\'';
            else if (!strncmp(s + i, "&#10;", 5))
                *q++ = '\n';
            else if (!strncmp(s + i, "&#45;", 5))
                *q++ = '-';
            else
                ck_abort_msg("unexpected entity %.*s", (int)len + 1, s + i);
            i += len + 1;
        } else {
            *q++ = s[i++];
        }
    }
    *q = '\0';
    return out;
}

START_TEST(svg_is_safe)
{
    mg_org *org = hostile_org();
    size_t len, i, titles = 0, nodes = 0;
    char *svg = render(org, "svg", 1, &len);
    const char *p;

    /* well-formed XML (the same check the fuzz target applies) ... */
    {
        const char *why = xml_check(svg, len);

        ck_assert_msg(why == NULL, "SVG is not well-formed: %s", why);
    }
    /* ... and no element or attribute comes from a name */
    ck_assert_ptr_null(strstr(svg, "<script"));
    ck_assert_ptr_null(strstr(svg, "<b>"));
    ck_assert_ptr_null(strstr(svg, "</text><"));
    for (p = svg; (p = strstr(p, "class=\"node\"")) != NULL; p++)
        nodes++;
    ck_assert_uint_eq(nodes, N_HOSTILE + 1);
    /* each role's tooltip starts with its name, then its summary */
    for (p = svg; (p = strstr(p, "xlink:title=\"")) != NULL;) {
        const char *start = p + 13, *end = strchr(start, '"');
        char *title = xml_unescape(start, (size_t)(end - start));

        for (i = 0; i < N_HOSTILE; i++) {
            size_t n = strlen(hostile[i]);

            if (!strncmp(title, hostile[i], n) && !strcmp(title + n, "\nsummary \\N & <i>"))
                titles++;
        }
        free(title);
        p = end;
    }
    ck_assert_uint_eq(titles, N_HOSTILE);
    mg_free(svg);
    mg_org_free(org);
}
END_TEST

/* Occurrences of needle in text. */
static size_t count_in(const char *text, const char *needle)
{
    size_t n = 0;

    for (text = strstr(text, needle); text; text = strstr(text + 1, needle))
        n++;
    return n;
}

/* The html page of hostile names: their only way in as markup would be the
 * SVG (Graphviz escapes it, svg_is_safe) or the data for the script, where
 * '<', '>', '&' and U+2028 are written as \u escapes. So the page has
 * exactly its own two scripts (the data and page.js), one SVG, and the
 * names in the data in escaped form. */
START_TEST(html_page_keeps_names_out_of_markup)
{
    static const char roles[] = "role,summary\nA,\"line\xE2\x80\xA8sep </script>\"\n";
    mg_org *org = hostile_org(), *sep = mg_org_new();
    const char *data, *end;
    mg_error err;
    size_t len;
    char *page = render(org, "html", 1, &len), *page2;

    ck_assert_uint_eq(strlen(page), len);
    ck_assert_uint_eq(count_in(page, "<script"), 2);
    ck_assert_uint_eq(count_in(page, "</script>"), 2);
    ck_assert_uint_eq(count_in(page, "<svg"), 1);
    data = strstr(page, "<script type=\"application/json\" id=\"mg-data\">");
    ck_assert_ptr_nonnull(data);
    end = strstr(data, "</script>");
    ck_assert_ptr_nonnull(end);
    /* "</text><script>alert(1)</script>" in JSON, then script-escaped */
    ck_assert_ptr_nonnull(strstr(data, "\\u003c/text\\u003e\\u003cscript\\u003ealert(1)"
                                       "\\u003c/script\\u003e"));
    ck_assert_ptr_nonnull(strstr(data, "\"50% \\u003c\\u0026\\u003e 'quotes'\""));
    ck_assert_int_eq(mg_org_load_buffer(sep, MG_TABLE_ROLES, "roles.csv", roles,
                                        sizeof roles - 1, &err), MG_OK);
    page2 = render(sep, "html", 1, &len);
    data = strstr(page2, "id=\"mg-data\">");
    ck_assert_ptr_nonnull(strstr(data, "line\\u2028sep \\u003c/script\\u003e"));
    ck_assert_ptr_null(strstr(data, "\xE2\x80\xA8"));
    mg_free(page);
    mg_free(page2);
    mg_org_free(sep);
    mg_org_free(org);
}
END_TEST

START_TEST(tools_can_be_left_out)
{
    mg_org *org = mg_org_new();
    mg_error err;
    size_t len;
    char *with, *without;

    ck_assert_int_eq(mg_org_load_reference(org, &err), MG_OK);
    with = render(org, "dot", 1, &len);
    without = render(org, "dot", 0, &len);
    /* the reference's 39 tools are nodes t0..t38; without tools none is */
    ck_assert_ptr_nonnull(strstr(with, "\tt38\t"));
    ck_assert_ptr_null(strstr(with, "\tt39\t"));
    ck_assert_ptr_null(strstr(without, "\tt0\t"));
    ck_assert_ptr_nonnull(strstr(without, "\tr9\t"));
    mg_free(with);
    mg_free(without);
    mg_org_free(org);
}
END_TEST

START_TEST(binary_formats)
{
    mg_org *org = mg_org_new();
    mg_error err;
    size_t len;
    char *png, *pdf;

    ck_assert_int_eq(mg_org_load_reference(org, &err), MG_OK);
    png = render(org, "png", 1, &len);
    ck_assert_uint_gt(len, 1000);
    ck_assert_int_eq(memcmp(png, "\x89PNG\r\n\x1a\n", 8), 0);
    pdf = render(org, "pdf", 1, &len);
    ck_assert_int_eq(memcmp(pdf, "%PDF-", 5), 0);
    ck_assert_ptr_nonnull(strstr(pdf + len - 10, "%%EOF"));
    mg_free(png);
    mg_free(pdf);
    mg_org_free(org);
}
END_TEST

START_TEST(options_and_paths)
{
    mg_render_opts *opts = mg_render_opts_new();
    mg_org *org = mg_org_new();
    char dir[] = "/tmp/mg-render-XXXXXX", path[128], bad[160];
    mg_render_format format;
    mg_engine engine;
    struct stat st;
    mg_error err;

    ck_assert_int_eq(mg_render_format_from_name("gif", &format, &err), MG_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "unknown output format 'gif'"));
    ck_assert_int_eq(mg_engine_from_name("rm -rf", &engine, &err), MG_EINVAL);
    ck_assert_int_eq(mg_engine_from_name("auto", &engine, &err), MG_EINVAL);
    ck_assert_int_eq(mg_render_opts_set_format(opts, (mg_render_format)(MG_RENDER_FORMAT_HTML + 1), &err),
                     MG_EINVAL);
    ck_assert_int_eq(mg_render_opts_set_engine(opts, (mg_engine)-1, &err), MG_EINVAL);
    ck_assert_int_eq(mg_render_opts_set_engine(opts, MG_ENGINE_AUTO, &err), MG_OK);
    ck_assert_int_eq(mg_org_load_reference(org, &err), MG_OK);
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/org.svg", dir);
    ck_assert_int_eq(mg_render_path(org, opts, path, &err), MG_OK);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_int_gt(st.st_size, 1000);
    /* a folder that does not exist: an error, and nothing written */
    snprintf(bad, sizeof bad, "%s/no/such/org.svg", dir);
    ck_assert_int_eq(mg_render_path(org, opts, bad, &err), MG_EIO);
    ck_assert_str_eq(err.source, bad);
    unlink(path);
    ck_assert_int_eq(rmdir(dir), 0); /* no temporary file was left behind */
    mg_render_opts_free(opts);
    mg_org_free(org);
}
END_TEST

START_TEST(empty_organisation)
{
    mg_org *org = mg_org_new();
    size_t len;
    char *svg = render(org, "svg", 1, &len);

    ck_assert_ptr_nonnull(strstr(svg, "</svg>"));
    mg_free(svg);
    mg_org_free(org);
}
END_TEST

static Suite *render_suite(void)
{
    Suite *s = suite_create("render");
    TCase *tc = tcase_create("escaping");

    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, xdot_draws_names_literally);
    tcase_add_test(tc, dot_reads_back_with_the_same_labels);
    tcase_add_test(tc, svg_is_safe);
    tcase_add_test(tc, html_page_keeps_names_out_of_markup);
    suite_add_tcase(s, tc);
    tc = tcase_create("output");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, tools_can_be_left_out);
    tcase_add_test(tc, binary_formats);
    tcase_add_test(tc, options_and_paths);
    tcase_add_test(tc, empty_organisation);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(render_suite());
}
