/* The CSV writer: what a spreadsheet would read back, byte for byte. */
#include "check.h"
#include "export/csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char out[1 << 20];
static size_t out_len;

/* Writes rows (NULL-terminated lists, a NULL list ends) into a temp file and reads it back. */
static void write_rows(const char *const *const *rows, int bom)
{
    char path[] = "/tmp/test_csv_write.XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    struct csv_writer *w = malloc(sizeof *w);
    csv_writer_init(w, fd);
    if (bom)
        csv_write_bom(w);
    for (size_t r = 0; rows[r]; r++) {
        for (size_t f = 0; rows[r][f]; f++)
            csv_field(w, rows[r][f]);
        csv_row_end(w);
    }
    CHECK_INT(csv_writer_finish(w), KIOSK_OK);
    free(w);
    close(fd);
    FILE *fp = fopen(path, "rb");
    out_len = fread(out, 1, sizeof out - 1, fp);
    out[out_len] = '\0';
    fclose(fp);
    unlink(path);
}

static void one_field(const char *in, const char *want)
{
    const char *row[] = {in, NULL};
    const char *const *rows[] = {row, NULL};
    write_rows(rows, 0);
    char expect[512];
    snprintf(expect, sizeof expect, "%s\r\n", want);
    CHECK_STR(out, expect);
}

static void test_quoting(void)
{
    one_field("Nguyễn Thị Hòa", "Nguyễn Thị Hòa");
    one_field("Trần, Văn Bình", "\"Trần, Văn Bình\"");
    one_field("Lê Thị \"Út\" Em", "\"Lê Thị \"\"Út\"\" Em\"");
    one_field("\"", "\"\"\"\"");
    one_field("dòng 1\ndòng 2", "\"dòng 1\ndòng 2\"");
    one_field("dòng 1\r\ndòng 2", "\"dòng 1\r\ndòng 2\"");
    one_field("a;b", "\"a;b\"");
    one_field("", "");
}

static void test_formulas(void)
{
    one_field("=HYPERLINK(\"http://x\",\"bấm\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"bấm\"\")\"");
    one_field("=1+2", "'=1+2");
    one_field("+84912345678", "'+84912345678");
    one_field("-2+3", "'-2+3");
    one_field("@SUM(A1)", "'@SUM(A1)");
    one_field("\t=1", "'\t=1");
    one_field("\r=1", "\"'\r=1\"");
    one_field("=1,2", "\"'=1,2\"");
    /* only the start matters: a name with a hyphen inside is left alone */
    one_field("Hồ Thị Thu-Hà", "Hồ Thị Thu-Hà");
    one_field("a=b", "a=b");
}

static void test_rows_bom_crlf(void)
{
    const char *r1[] = {"STT", "Họ và tên", "Năm sinh", NULL};
    const char *r2[] = {"1", "Phạm, Văn \"Tư\"", "1978", NULL};
    const char *r3[] = {"2", "=cmd|' /C calc'!A0", "", NULL};
    const char *const *rows[] = {r1, r2, r3, NULL};
    write_rows(rows, 1);
    CHECK_STR(out, "\xEF\xBB\xBFSTT,Họ và tên,Năm sinh\r\n"
                   "1,\"Phạm, Văn \"\"Tư\"\"\",1978\r\n"
                   "2,'=cmd|' /C calc'!A0,\r\n");
    /* no bare LF anywhere outside a quoted field */
    for (size_t i = 0; i < out_len; i++)
        if (out[i] == '\n')
            CHECK(i > 0 && out[i - 1] == '\r');
}

static void test_numbers(void)
{
    char path[] = "/tmp/test_csv_write.XXXXXX";
    int fd = mkstemp(path);
    struct csv_writer *w = malloc(sizeof *w);
    csv_writer_init(w, fd);
    csv_field_int(w, 0);
    csv_field_int(w, -12);
    csv_field_int(w, 1234567890123LL);
    csv_field_empty(w);
    csv_field(w, "x");
    csv_row_end(w);
    CHECK_INT(csv_writer_finish(w), KIOSK_OK);
    free(w);
    close(fd);
    FILE *fp = fopen(path, "rb");
    out_len = fread(out, 1, sizeof out - 1, fp);
    out[out_len] = '\0';
    fclose(fp);
    unlink(path);
    CHECK_STR(out, "0,-12,1234567890123,,x\r\n");
}

/* More than the buffer holds, and a field larger than the buffer. */
static void test_large(void)
{
    size_t big = 200000;
    char *field = malloc(big + 1);
    for (size_t i = 0; i < big; i++)
        field[i] = i % 1000 == 999 ? '"' : 'a';
    field[big] = '\0';
    char path[] = "/tmp/test_csv_write.XXXXXX";
    int fd = mkstemp(path);
    struct csv_writer *w = malloc(sizeof *w);
    csv_writer_init(w, fd);
    for (int r = 0; r < 3; r++) {
        csv_field(w, field);
        csv_row_end(w);
    }
    CHECK_INT(csv_writer_finish(w), KIOSK_OK);
    free(w);
    close(fd);
    /* read back with the reader: the same field three times */
    FILE *fp = fopen(path, "rb");
    char *data = malloc(4 * big);
    size_t n = fread(data, 1, 4 * big, fp);
    fclose(fp);
    unlink(path);
    struct csv_reader r;
    csv_reader_init(&r, data, n);
    struct csv_record rec;
    int rows = 0;
    while (csv_next(&r, &rec) == 1) {
        CHECK_INT(rec.count, 1);
        CHECK(strcmp(rec.fields[0], field) == 0);
        rows++;
    }
    CHECK_INT(rows, 3);
    csv_reader_release(&r);
    free(data);
    free(field);
}

/* A full disk is reported, not ignored. */
static void test_full_disk(void)
{
    FILE *full = fopen("/dev/full", "wb");
    if (!full)
        return;
    struct csv_writer *w = malloc(sizeof *w);
    csv_writer_init(w, fileno(full));
    csv_field(w, "Nguyễn Văn An");
    csv_row_end(w);
    CHECK_INT(csv_writer_finish(w), KIOSK_E_FULL);
    free(w);
    fclose(full);
}

int main(void)
{
    test_quoting();
    test_formulas();
    test_rows_bom_crlf();
    test_numbers();
    test_large();
    test_full_disk();
    return check_done();
}
