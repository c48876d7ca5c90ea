/* The CSV reader on the files coordinators actually have. */
#include "check.h"
#include "export/csv.h"

#include <string.h>

struct expect_rec {
    long line;
    size_t count;
    const char *fields[6];
};

static void read_all(const char *data, char sep, const struct expect_rec *want, size_t n)
{
    struct csv_reader r;
    csv_reader_init(&r, data, strlen(data));
    CHECK_INT(r.sep, sep);
    struct csv_record rec;
    size_t i = 0;
    int rc;
    while ((rc = csv_next(&r, &rec)) == 1) {
        CHECK(i < n);
        if (i >= n)
            break;
        CHECK_INT(rec.line, want[i].line);
        CHECK_INT(rec.count, want[i].count);
        for (size_t f = 0; f < rec.count && f < want[i].count; f++)
            CHECK_STR(rec.fields[f], want[i].fields[f]);
        i++;
    }
    CHECK_INT(rc, 0);
    CHECK_INT(i, n);
    csv_reader_release(&r);
}

static void test_bom_semicolon_crlf(void)
{
    const char *data = "\xEF\xBB\xBFH\xE1\xBB\x8D v\xC3\xA0 t\xC3\xAAn;N\xC4\x83m sinh\r\n"
                       "Nguyễn Thị Hòa;1985\r\n"
                       "\"Trần; Văn Bình\";1979\r\n";
    struct expect_rec want[] = {
        {1, 2, {"Họ và tên", "Năm sinh"}},
        {2, 2, {"Nguyễn Thị Hòa", "1985"}},
        {3, 2, {"Trần; Văn Bình", "1979"}},
    };
    read_all(data, ';', want, 3);
}

static void test_quoted_line_breaks(void)
{
    /* a record that spans lines keeps the line it starts on; the next one counts on */
    const char *data = "name,note\n"
                       "\"Lê Văn Tám\",\"line one\r\nline two\nline three\"\n"
                       "\"Võ \"\"Út\"\" Em\",\"a, b\"\n"
                       "Đỗ Thị Mai,\n";
    struct expect_rec want[] = {
        {1, 2, {"name", "note"}},
        {2, 2, {"Lê Văn Tám", "line one\nline two\nline three"}},
        {5, 2, {"Võ \"Út\" Em", "a, b"}},
        {6, 2, {"Đỗ Thị Mai", ""}},
    };
    read_all(data, ',', want, 4);
}

static void test_blank_and_trailing(void)
{
    /* Excel leaves ";;;" rows and blank lines; no final line break */
    const char *data = "a;b;c\n\n;;\n1;2;3\n ; ;\n4;5;6";
    struct expect_rec want[] = {
        {1, 3, {"a", "b", "c"}},
        {4, 3, {"1", "2", "3"}},
        {6, 3, {"4", "5", "6"}},
    };
    read_all(data, ';', want, 3);
}

static void test_commas_win_ties(void)
{
    struct expect_rec want[] = {{1, 2, {"x", "y;z"}}};
    read_all("x,y;z\n", ',', want, 1);
    struct expect_rec want2[] = {{1, 1, {"only"}}};
    read_all("only\n", ',', want2, 1);
}

static void test_nfd_untouched(void)
{
    /* the reader keeps bytes; NFC is the store's job */
    const char *nfd = "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3";
    char data[64];
    strcpy(data, nfd);
    strcat(data, "\n");
    struct expect_rec want[] = {{1, 1, {nfd}}};
    read_all(data, ',', want, 1);
}

static void expect_error(const char *data, int error, long line)
{
    struct csv_reader r;
    csv_reader_init(&r, data, strlen(data));
    struct csv_record rec;
    int rc;
    while ((rc = csv_next(&r, &rec)) == 1)
        ;
    CHECK_INT(rc, -1);
    CHECK_INT(r.error, error);
    CHECK_INT(r.error_line, line);
    csv_reader_release(&r);
}

static void test_errors(void)
{
    expect_error("a,b\n1,2\n\"open,3\n4,5\n", CSV_E_QUOTE_OPEN, 3);
    expect_error("a,b\n\"x\"y,2\n", CSV_E_AFTER_QUOTE, 2);
    /* Windows-1258 "Nguy\xC3\xAAn" saved by an old Excel: 0xEA alone is not UTF-8 */
    expect_error("a\nb\nNguy\xEAn\n", CSV_E_NOT_UTF8, 3);
    expect_error("a\n\xC0\x80\n", CSV_E_NOT_UTF8, 2);     /* overlong NUL */
    expect_error("a\n\xED\xA0\x80\n", CSV_E_NOT_UTF8, 2); /* surrogate */
    expect_error("abc\xE1\xBB", CSV_E_NOT_UTF8, 1);       /* cut in the middle */
}

static void test_nul_byte(void)
{
    const char data[] = "a,b\n1,\0\n";
    struct csv_reader r;
    csv_reader_init(&r, data, sizeof data - 1);
    struct csv_record rec;
    CHECK_INT(csv_next(&r, &rec), -1);
    CHECK_INT(r.error, CSV_E_NUL);
    CHECK_INT(r.error_line, 2);
    csv_reader_release(&r);
}

static void test_empty(void)
{
    struct csv_reader r;
    csv_reader_init(&r, "\xEF\xBB\xBF", 3);
    struct csv_record rec;
    CHECK_INT(csv_next(&r, &rec), 0);
    csv_reader_release(&r);
}

int main(void)
{
    test_bom_semicolon_crlf();
    test_quoted_line_breaks();
    test_blank_and_trailing();
    test_commas_win_ties();
    test_nfd_untouched();
    test_errors();
    test_nul_byte();
    test_empty();
    return check_done();
}
