/* The CSV writer: RFC 4180 with the spreadsheet's dangers defused. */
#include "export/csv.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

void csv_writer_init(struct csv_writer *w, int fd)
{
    w->fd = fd;
    w->err = 0;
    w->row_open = 0;
    w->len = 0;
}

static void flush(struct csv_writer *w)
{
    size_t done = 0;
    while (done < w->len && !w->err) {
        ssize_t n = write(w->fd, w->buf + done, w->len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            w->err = n < 0 ? errno : EIO;
        else
            done += (size_t)n;
    }
    w->len = 0;
}

static void put(struct csv_writer *w, const char *p, size_t n)
{
    if (w->err)
        return;
    if (w->len + n > sizeof w->buf) {
        flush(w);
        if (n > sizeof w->buf) { /* a huge field: straight through */
            while (n > 0 && !w->err) {
                size_t part = n < sizeof w->buf ? n : sizeof w->buf;
                memcpy(w->buf, p, part);
                w->len = part;
                flush(w);
                p += part;
                n -= part;
            }
            return;
        }
    }
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

static void put_char(struct csv_writer *w, char c)
{
    if (w->len == sizeof w->buf)
        flush(w);
    if (!w->err)
        w->buf[w->len++] = c;
}

void csv_write_bom(struct csv_writer *w)
{
    put(w, "\xEF\xBB\xBF", 3);
}

static void separator(struct csv_writer *w)
{
    if (w->row_open)
        put_char(w, ',');
    w->row_open = 1;
}

/* A spreadsheet treats a cell starting with these as a formula (or, for TAB and CR, strips
 * them and then looks at what follows): OWASP's list for CSV injection. */
static int formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

void csv_field_n(struct csv_writer *w, const char *text, size_t len)
{
    separator(w);
    int quote = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (c == '"' || c == ',' || c == ';' || c == '\n' || c == '\r') {
            quote = 1;
            break;
        }
    }
    if (quote)
        put_char(w, '"');
    if (len > 0 && formula_start(text[0]))
        put_char(w, '\'');
    if (!quote) {
        put(w, text, len);
        return;
    }
    size_t from = 0;
    for (size_t i = 0; i < len; i++) {
        if (text[i] == '"') {
            put(w, text + from, i + 1 - from); /* the quote itself, then its double */
            from = i;
        }
    }
    put(w, text + from, len - from);
    put_char(w, '"');
}

void csv_field(struct csv_writer *w, const char *text)
{
    csv_field_n(w, text ? text : "", text ? strlen(text) : 0);
}

void csv_field_int(struct csv_writer *w, long long value)
{
    char digits[24];
    size_t n = 0;
    unsigned long long v = value < 0 ? 0ULL - (unsigned long long)value : (unsigned long long)value;
    do {
        digits[sizeof digits - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    if (value < 0)
        digits[sizeof digits - 1 - n++] = '-';
    separator(w);
    put(w, digits + sizeof digits - n, n);
}

void csv_field_empty(struct csv_writer *w)
{
    separator(w);
}

void csv_row_end(struct csv_writer *w)
{
    put(w, "\r\n", 2);
    w->row_open = 0;
}

kiosk_status csv_writer_finish(struct csv_writer *w)
{
    flush(w);
    if (!w->err)
        return KIOSK_OK;
    return w->err == ENOSPC || w->err == EDQUOT ? KIOSK_E_FULL : KIOSK_E_IO;
}
