/* Fuzz target: the CSV reader on any bytes a coordinator's file may hold. It must never
 * read outside the data; every record it returns is valid UTF-8 without NUL bytes, lines
 * only go forward, and what the writer makes of a record reads back as the same fields
 * (with the ' the writer puts before a would-be formula). */
#define _GNU_SOURCE
#include "export/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fail(const char *what, long line)
{
    fprintf(stderr, "csv: %s (record at line %ld)\n", what, line);
    abort();
}

static int valid_utf8(const unsigned char *s)
{
    while (*s) {
        unsigned char c = *s;
        size_t n = c < 0x80                 ? 0
                   : c >= 0xC2 && c < 0xE0  ? 1
                   : c >= 0xE0 && c < 0xF0  ? 2
                   : c >= 0xF0 && c <= 0xF4 ? 3
                                            : 9;
        if (n == 9)
            return 0;
        for (size_t k = 1; k <= n; k++)
            if ((s[k] & 0xC0) != 0x80)
                return 0;
        s += n + 1;
    }
    return 1;
}

static int formula_start(char c)
{
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* Writes rec as one row, reads it back, and compares. */
static void round_trip(const struct csv_record *rec)
{
    static int fd = -1;
    if (fd < 0)
        fd = memfd_create("fuzz-csv", 0);
    if (fd < 0 || ftruncate(fd, 0) != 0 || lseek(fd, 0, SEEK_SET) != 0)
        return;
    static struct csv_writer w;
    csv_writer_init(&w, fd);
    csv_write_bom(&w);
    for (size_t i = 0; i < rec->count; i++)
        csv_field(&w, rec->fields[i]);
    csv_row_end(&w);
    if (csv_writer_finish(&w) != KIOSK_OK)
        return;
    off_t len = lseek(fd, 0, SEEK_END);
    char *text = malloc((size_t)len + 1);
    if (!text || pread(fd, text, (size_t)len, 0) != len) {
        free(text);
        return;
    }
    struct csv_reader r;
    csv_reader_init(&r, text, (size_t)len);
    struct csv_record back;
    if (csv_next(&r, &back) != 1)
        fail("a written row does not read back", rec->line);
    if (back.count != rec->count)
        fail("a written row reads back with another number of fields", rec->line);
    for (size_t i = 0; i < rec->count; i++) {
        const char *want = rec->fields[i], *got = back.fields[i];
        if (formula_start(want[0])) {
            if (got[0] != '\'')
                fail("a would-be formula was written without its '", rec->line);
            got++;
        }
        if (strcmp(want, got) != 0)
            fail("a field reads back changed", rec->line);
    }
    if (csv_next(&r, &back) != 0)
        fail("one written row reads back as more", rec->line);
    csv_reader_release(&r);
    free(text);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* an exact-size copy: reading one byte past the file is an ASan error */
    char *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    struct csv_reader r;
    csv_reader_init(&r, copy, size);
    struct csv_record rec;
    long last = 0;
    int rc;
    while ((rc = csv_next(&r, &rec)) == 1) {
        if (rec.count == 0)
            fail("a record without fields", rec.line);
        if (rec.line <= last)
            fail("lines went backwards", rec.line);
        last = rec.line;
        for (size_t i = 0; i < rec.count; i++)
            if (!valid_utf8((const unsigned char *)rec.fields[i]))
                fail("a field is not UTF-8", rec.line);
        round_trip(&rec);
    }
    if (rc == -1 && (r.error == CSV_OK || r.error_line < 1))
        fail("an error without a reason or a line", r.error_line);
    csv_reader_release(&r);
    free(copy);
    return 0;
}
