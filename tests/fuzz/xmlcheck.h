/*
 * xmlcheck.h - a small, strict XML well-formedness check for the SVG the
 * library writes, used inside the fuzz target and by check_render: tags
 * nest and close, attribute values are quoted, '<' and '&' appear only as
 * markup or entities, the text is valid UTF-8 without control characters
 * XML forbids. Returns NULL when well-formed, else what is wrong.
 */
#ifndef MG_XMLCHECK_H
#define MG_XMLCHECK_H

#include <stddef.h>
#include <string.h>

static int xml_name_char(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-' || c == '.' || c == ':';
}

/* An entity at p ("&amp;", "&#10;", "&#x41;"): its length, or 0. */
static size_t xml_entity(const char *p, const char *end)
{
    static const char *const named[] = { "&amp;", "&lt;", "&gt;", "&quot;", "&apos;" };
    size_t i, n = (size_t)(end - p);

    for (i = 0; i < 5; i++)
        if (n >= strlen(named[i]) && !strncmp(p, named[i], strlen(named[i])))
            return strlen(named[i]);
    if (n > 3 && p[1] == '#') {
        size_t j = 2, digits = 0;
        int hex = p[2] == 'x';

        if (hex)
            j++;
        for (; j < n && p[j] != ';'; j++, digits++)
            if (!((p[j] >= '0' && p[j] <= '9') ||
                  (hex && ((p[j] >= 'a' && p[j] <= 'f') || (p[j] >= 'A' && p[j] <= 'F')))))
                return 0;
        return j < n && digits ? j + 1 : 0;
    }
    return 0;
}

/* Valid UTF-8 and no character XML 1.0 forbids. */
static const char *xml_text_ok(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s, *end = p + n;

    while (p < end) {
        unsigned c = *p;
        size_t k, len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;

        if (!len || p + len > end)
            return "invalid UTF-8";
        for (k = 1; k < len; k++)
            if ((p[k] & 0xC0) != 0x80)
                return "invalid UTF-8";
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
            return "a control character";
        p += len;
    }
    return NULL;
}

static const char *xml_check(const char *doc, size_t n)
{
    const char *p = doc, *end = doc + n, *stack[256];
    size_t stack_len[256], depth = 0, roots = 0;
    const char *why = xml_text_ok(doc, n);

    if (why)
        return why;
    while (p < end) {
        if (*p == '&') {
            size_t e = xml_entity(p, end);

            if (!e)
                return "a bare '&'";
            p += e;
        } else if (*p == '>') {
            return "a bare '>' in text"; /* legal XML, but Graphviz never writes it */
        } else if (*p != '<') {
            p++;
        } else if (!strncmp(p, "<?", 2)) {
            const char *q = strstr(p, "?>");

            if (!q || q >= end)
                return "an unclosed processing instruction";
            p = q + 2;
        } else if (!strncmp(p, "<!--", 4)) {
            const char *q = strstr(p + 4, "-->");

            if (!q || q >= end)
                return "an unclosed comment";
            p = q + 3;
        } else if (!strncmp(p, "<!DOCTYPE", 9)) {
            const char *q = memchr(p, '>', (size_t)(end - p));

            if (!q)
                return "an unclosed DOCTYPE";
            p = q + 1;
        } else if (p[1] == '/') {
            const char *name = p + 2, *q = name;

            while (q < end && xml_name_char((unsigned char)*q))
                q++;
            if (q == name || q >= end || *q != '>')
                return "a malformed end tag";
            if (!depth || stack_len[depth - 1] != (size_t)(q - name) ||
                strncmp(stack[depth - 1], name, (size_t)(q - name)))
                return "an end tag that closes nothing open";
            depth--;
            p = q + 1;
        } else {
            const char *name = p + 1, *q = name;

            while (q < end && xml_name_char((unsigned char)*q))
                q++;
            if (q == name)
                return "a '<' that starts no tag";
            if (depth == 0 && roots++)
                return "two root elements";
            for (;;) { /* attributes */
                const char *a;

                while (q < end && (*q == ' ' || *q == '\n' || *q == '\t' || *q == '\r'))
                    q++;
                if (q >= end)
                    return "an unclosed tag";
                if (*q == '>' || (*q == '/' && q + 1 < end && q[1] == '>'))
                    break;
                a = q;
                while (q < end && xml_name_char((unsigned char)*q))
                    q++;
                if (q == a || q + 1 >= end || *q != '=' || (q[1] != '"' && q[1] != '\''))
                    return "a malformed attribute";
                {
                    char quote = q[1];

                    for (q += 2; q < end && *q != quote; q++) {
                        if (*q == '<')
                            return "a '<' in an attribute value";
                        if (*q == '&') {
                            size_t e = xml_entity(q, end);

                            if (!e)
                                return "a bare '&' in an attribute value";
                            q += e - 1;
                        }
                    }
                    if (q >= end)
                        return "an unclosed attribute value";
                    q++;
                }
            }
            if (*q == '/') {
                p = q + 2;
            } else {
                if (depth == 256)
                    return "elements nested too deep";
                stack[depth] = name;
                stack_len[depth] = 0;
                while (xml_name_char((unsigned char)name[stack_len[depth]]))
                    stack_len[depth]++;
                depth++;
                p = q + 1;
            }
        }
    }
    if (depth)
        return "an element left open";
    return roots == 1 ? NULL : "no root element";
}

#endif
