/*
 * page.h - the interactive page (page.c): a picture Graphviz drew as SVG,
 * with the organisation it shows as JSON and a small script of our own
 * (page.js, page.css: compiled in by gen-assets.sh), so that a browser can
 * pan and zoom it, find a role or tool, highlight a node's handoffs and
 * tools and list its gaps, and filter the gap outlines by severity. One
 * self-contained file: no network, works from file://. Used by render
 * (-T html: the whole page) and the HTML report (the explorer in its page).
 */
#ifndef MG_PAGE_H
#define MG_PAGE_H

#include "org.h"

/* The script and style sheet, from lib/page.js and lib/page.css
 * (NUL-terminated). */
extern const unsigned char mgi_page_js[];
extern const unsigned char mgi_page_css[];

/*
 * Appends the explorer to b: the toolbar, the picture (svg: Graphviz's SVG
 * text, its XML prolog skipped), the side panel, and the organisation for
 * the script: org's node-link export (mg_export) and gaps' JSON
 * (mg_gaps_format), both written so that no text of theirs can end the
 * <script> element that holds them. org NULL: the picture alone (its nodes
 * are not org's: the cluster view); gaps NULL: none listed. outline: the
 * least severity outlined at first (MG_SEVERITY_NONE: none). Returns MG_OK,
 * an export's error, MG_ENOMEM.
 */
mg_status mgi_page_explorer(mgi_buf *b, const mg_org *org, const mg_gaps *gaps, const char *svg,
                            int outline, mg_error *err);

/* A whole page around the explorer, with org's gaps found with the default
 * options (every severity, so that the filter can show any). */
mg_status mgi_page_write(mgi_buf *b, const mg_org *org, const char *svg, int outline,
                         mg_error *err);

#endif
