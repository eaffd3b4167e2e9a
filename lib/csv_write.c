/*
 * csv_write.c - the CSV writer of csv_write.h (its contract is there).
 */
#include "config.h"

#include <string.h>

#include "csv_write.h"

/* What a spreadsheet reads as the start of a formula (OWASP, "CSV
 * Injection"): =, +, -, @, a tab, a carriage return. */
static int formula_start(char c)
{
    return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

/* A number ([+-]digits[.digits][e[+-]digits]) or a lone '-' (an absent
 * value): a spreadsheet runs nothing for them, so they stay as they are. */
static int inert(const char *s)
{
    size_t digits = 0;

    if (strcmp(s, "-") == 0)
        return 1;
    s += *s == '+' || *s == '-';
    for (; *s >= '0' && *s <= '9'; s++)
        digits++;
    if (*s == '.')
        for (s++; *s >= '0' && *s <= '9'; s++)
            digits++;
    if (digits && (*s == 'e' || *s == 'E')) {
        s += 1 + (s[1] == '+' || s[1] == '-');
        if (*s < '0' || *s > '9')
            return 0;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    return digits && !*s;
}

size_t mgi_csv_guard_len(const char *s, size_t n)
{
    return n >= 2 && s[0] == '\'' && (formula_start(s[1]) || s[1] == '\'') ? 1 : 0;
}

int mgi_csv_field(mgi_buf *out, const char *s)
{
    size_t n;
    int quote, guard;

    if (!s)
        s = "";
    n = strlen(s);
    guard = (formula_start(s[0]) && !inert(s)) || mgi_csv_guard_len(s, n);
    quote = strpbrk(s, ",\"\r\n") != NULL ||
            (n && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t'));
    /* the guard is part of the value: inside the quotes */
    if ((quote && mgi_buf_putc(out, '"') < 0) || (guard && mgi_buf_putc(out, '\'') < 0))
        return -1;
    if (!quote)
        return mgi_buf_puts(out, s);
    for (; *s; s++)
        if ((*s == '"' && mgi_buf_putc(out, '"') < 0) || mgi_buf_putc(out, *s) < 0)
            return -1;
    return mgi_buf_putc(out, '"');
}

int mgi_csv_row(mgi_buf *out, const char *const *cells, size_t n, mgi_csv_eol eol)
{
    size_t i;

    for (i = 0; i < n; i++)
        if ((i && mgi_buf_putc(out, ',') < 0) || mgi_csv_field(out, cells[i]) < 0)
            return -1;
    return mgi_buf_puts(out, eol == MGI_CSV_CRLF ? "\r\n" : "\n");
}
