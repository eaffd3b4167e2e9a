/*
 * page.c - the interactive page: Graphviz's SVG, the organisation as JSON,
 * and the script and style of page.js and page.css, in one HTML file that
 * needs no network (page.h).
 *
 * Names are data, never markup. The SVG's text is Graphviz's, which escapes
 * it for XML (render.c's escaping keeps its label syntax out), so it can sit
 * in HTML as it is. The JSON goes inside a <script type="application/json">
 * element, where only "</script" (or "<!--") would end or change it: every
 * '<', '>' and '&' in it is written \u003c, \u003e, \u0026, which JSON reads
 * back as the same characters. They can only stand inside JSON strings, so
 * the escape is exact. (U+2028 and U+2029, which ended a line in JavaScript
 * before ES2019, json.c writes as \u2028 and \u2029; here they would be
 * harmless anyway: the element is data, read with JSON.parse.) The script
 * writes names into the page with textContent only.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"
#include "page.h"

static const char page_head[] =
    "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
    "<title>Organisation</title>\n<style>\n"
    "body{font-family:Helvetica,Arial,sans-serif;margin:0;padding:.5em 1em;color:#222}\n"
    "h1{font-size:1.3em;margin:.3em 0}\n"
    "</style>\n</head>\n<body>\n<h1>Organisation</h1>\n";

static const char page_tail[] = "</body>\n</html>\n";

/* The toolbar: search, zoom, the gap filter (checked from outline on). */
static int toolbar(mgi_buf *b, int outline)
{
    static const char *const sev[] = { "high", "medium", "low" };
    int rc = 0, i;

    rc |= mgi_buf_puts(b,
                       "<div class=\"mg-bar\">\n"
                       "<input type=\"search\" id=\"mg-search\" list=\"mg-names\" "
                       "placeholder=\"Find a role or tool\" aria-label=\"Find a role or tool\" "
                       "autocomplete=\"off\">\n<datalist id=\"mg-names\"></datalist>\n"
                       "<button type=\"button\" id=\"mg-zoom-in\" title=\"Zoom in\">+</button>"
                       "<button type=\"button\" id=\"mg-zoom-out\" title=\"Zoom out\">&#8722;"
                       "</button><button type=\"button\" id=\"mg-fit\" title=\"Fit the picture "
                       "to the view\">Fit</button>"
                       "<button type=\"button\" id=\"mg-clear\" title=\"Clear the selection "
                       "(Esc)\">Clear</button>\n<span class=\"mg-sev\">Outline gaps:");
    for (i = 0; i < 3; i++)
        rc |= mgi_buf_printf(b,
                             " <label class=\"mg-%s\"><input type=\"checkbox\" "
                             "id=\"mg-sev-%s\" value=\"%s\"%s> %s</label>",
                             sev[i], sev[i], sev[i],
                             outline && 3 - i >= outline ? " checked" : "", sev[i]);
    rc |= mgi_buf_puts(b, "</span>\n</div>\n");
    return rc < 0 ? -1 : 0;
}

/* JSON text inside a <script> element: see the comment at the top. */
static int script_json(mgi_buf *b, const char *json)
{
    const unsigned char *p = (const unsigned char *)json;
    int rc = 0;

    for (; *p && rc == 0; p++)
        rc = *p == '<' || *p == '>' || *p == '&' ? mgi_buf_printf(b, "\\u%04x", *p)
                                                 : mgi_buf_putc(b, (char)*p);
    return rc;
}

/* The organisation for the script: {"version", "outline", "graph", "gaps"}. */
static mg_status page_data(mgi_buf *b, const mg_org *org, const mg_gaps *gaps, int outline,
                           mg_error *err)
{
    char *graph = NULL, *found = NULL;
    mg_status st = MG_OK;
    int rc = 0;

    if (org)
        st = mg_export(org, MG_EXPORT_JSON, &graph, err);
    if (st == MG_OK && gaps)
        st = mg_gaps_format(gaps, MG_FORMAT_JSON, &found, err);
    if (st == MG_OK) {
        rc |= mgi_buf_printf(b, "<script type=\"application/json\" id=\"mg-data\">"
                                "{\"version\": 1, \"outline\": %d, \"graph\": ",
                             outline);
        rc |= script_json(b, graph ? graph : "null");
        rc |= mgi_buf_puts(b, ", \"gaps\": ");
        rc |= script_json(b, found ? found : "null");
        rc |= mgi_buf_puts(b, "}</script>\n");
        if (rc < 0)
            st = mgi_nomem(err);
    }
    mg_free(graph);
    mg_free(found);
    return st;
}

mg_status mgi_page_explorer(mgi_buf *b, const mg_org *org, const mg_gaps *gaps, const char *svg,
                            int outline, mg_error *err)
{
    const char *start = svg ? strstr(svg, "<svg") : NULL;
    mg_status st;
    int rc = 0;

    rc |= mgi_buf_puts(b, "<style>\n");
    rc |= mgi_buf_puts(b, (const char *)mgi_page_css);
    rc |= mgi_buf_puts(b, "</style>\n<div class=\"mg-explorer\" id=\"mg-explorer\">\n");
    rc |= toolbar(b, outline);
    rc |= mgi_buf_puts(b, "<div class=\"mg-main\">\n<div class=\"mg-view\" id=\"mg-view\">\n");
    rc |= mgi_buf_puts(b, start ? start : "");
    rc |= mgi_buf_puts(b, "</div>\n<aside class=\"mg-panel\" id=\"mg-panel\" aria-live=\"polite\">"
                          "<p class=\"mg-hint\">Click a role or tool, or find one above: its "
                          "handoffs and tools are highlighted and listed here with its gaps. "
                          "Drag to pan, wheel to zoom.</p></aside>\n</div>\n"
                          "<p class=\"mg-status\" id=\"mg-status\" role=\"status\"></p>\n"
                          "</div>\n");
    if (rc < 0)
        return mgi_nomem(err);
    if ((st = page_data(b, org, gaps, outline, err)) != MG_OK)
        return st;
    rc |= mgi_buf_puts(b, "<script>\n");
    rc |= mgi_buf_puts(b, (const char *)mgi_page_js);
    rc |= mgi_buf_puts(b, "</script>\n");
    return rc < 0 ? mgi_nomem(err) : MG_OK;
}

mg_status mgi_page_write(mgi_buf *b, const mg_org *org, const char *svg, int outline,
                         mg_error *err)
{
    mg_gaps *gaps = NULL;
    mg_status st = MG_OK;

    if (org && (st = mg_gaps_find(org, NULL, &gaps, err)) != MG_OK)
        return st;
    if (mgi_buf_puts(b, page_head) < 0)
        st = mgi_nomem(err);
    if (st == MG_OK)
        st = mgi_page_explorer(b, org, gaps, svg, outline, err);
    if (st == MG_OK && mgi_buf_puts(b, page_tail) < 0)
        st = mgi_nomem(err);
    mg_gaps_free(gaps);
    return st;
}
