/* The XLSX reader (kiosk/core/sheet): a workbook written by libxlsxwriter with shared
 * strings, inline strings (constant-memory mode), numbers, dates and times under date
 * formats, and two sheets; serial dates of the 1900 system (its phantom 29/02/1900) and
 * the 1904 one; files that are not XLSX. Zip bombs: tests/e2e/sheet_xlsx.test.sh. */
#include "check.h"
#include "export/xlsx_lazy.h"
#include "sheet/sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_serials(void)
{
    char out[32];
    sheet_serial_text(1, 0, 1, 0, out, sizeof out);
    CHECK_STR(out, "01/01/1900");
    sheet_serial_text(59, 0, 1, 0, out, sizeof out);
    CHECK_STR(out, "28/02/1900");
    sheet_serial_text(61, 0, 1, 0, out, sizeof out);
    CHECK_STR(out, "01/03/1900");
    sheet_serial_text(45292, 0, 1, 0, out, sizeof out);
    CHECK_STR(out, "01/01/2024");
    sheet_serial_text(45351.3125, 0, 1, 1, out, sizeof out);
    CHECK_STR(out, "29/02/2024 07:30");
    sheet_serial_text(0.6875, 0, 0, 1, out, sizeof out);
    CHECK_STR(out, "16:30");
    sheet_serial_text(43830, 1, 1, 0, out, sizeof out); /* 1904 system: 1462 days later */
    CHECK_STR(out, "01/01/2024");
    sheet_serial_text(45291.99999, 0, 1, 1, out, sizeof out); /* rounds into the next day */
    CHECK_STR(out, "01/01/2024 00:00");
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = malloc(1 << 20);
    *len = data ? fread(data, 1, 1 << 20, f) : 0;
    fclose(f);
    return data;
}

static void write_book(const char *path, int constant_memory)
{
    lxw_workbook_options opt = {.constant_memory = (uint8_t)constant_memory};
    lxw_workbook *wb = workbook_new_opt(path, &opt);
    lxw_worksheet *a = workbook_add_worksheet(wb, "Chương trình");
    lxw_worksheet *b = workbook_add_worksheet(wb, "Hướng dẫn");
    lxw_format *date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    lxw_format *when = workbook_add_format(wb);
    format_set_num_format(when, "d/m/yyyy hh:mm");
    lxw_format *clock = workbook_add_format(wb);
    format_set_num_format(clock, "[$-409]h:mm AM/PM");
    worksheet_write_string(a, 0, 0, "Mã", NULL);
    worksheet_write_string(a, 0, 1, "Tên", NULL);
    worksheet_write_string(a, 0, 3, "Số chỗ", NULL);
    worksheet_write_string(a, 1, 0, "MDN-01", NULL);
    worksheet_write_string(a, 1, 1, "May và đan dây nhựa", NULL);
    worksheet_write_number(a, 1, 3, 30, NULL);
    worksheet_write_number(a, 1, 4, 2.5, NULL);
    worksheet_write_number(a, 3, 0, 45351, date); /* row 4; row 3 blank */
    worksheet_write_number(a, 3, 1, 45351.3125, when);
    worksheet_write_number(a, 3, 2, 0.6875, clock);
    worksheet_write_string(b, 0, 0, "Cột", NULL);
    workbook_close(wb);
}

static void check_book(const struct sheet_book *bk)
{
    CHECK_INT((int)bk->count, 2);
    if (bk->count != 2)
        return;
    const struct sheet *a = &bk->sheets[0];
    CHECK_STR(a->name, "Chương trình");
    CHECK_STR(bk->sheets[1].name, "Hướng dẫn");
    CHECK_INT((int)a->count, 3); /* the blank row left out */
    if (a->count != 3)
        return;
    CHECK_INT((int)a->rows[0].count, 4);
    CHECK_STR(a->rows[0].cells[0], "Mã");
    CHECK_STR(a->rows[0].cells[2], ""); /* a gap */
    CHECK_STR(a->rows[1].cells[1], "May và đan dây nhựa");
    CHECK_STR(a->rows[1].cells[3], "30");
    CHECK_STR(a->rows[1].cells[4], "2.5");
    CHECK_INT((int)a->rows[2].line, 4);
    CHECK_STR(a->rows[2].cells[0], "29/02/2024");
    CHECK_STR(a->rows[2].cells[1], "29/02/2024 07:30");
    CHECK_STR(a->rows[2].cells[2], "16:30");
    CHECK_STR(bk->sheets[1].rows[0].cells[0], "Cột");
}

static void test_workbook(int constant_memory)
{
    char err[256];
    if (xlsx_lazy_load(err, sizeof err) != KIOSK_OK) {
        check_skip(err); /* libxlsxwriter cannot be opened */
        return;
    }
    char path[] = "/tmp/test_sheet_xlsx_XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    write_book(path, constant_memory);
    size_t len = 0;
    char *data = slurp(path, &len);
    unlink(path);
    CHECK(data != NULL);
    struct sheet_book bk;
    char detail[256];
    int rc = sheet_read_xlsx(data, len, &bk, detail, sizeof detail);
    CHECK_INT(rc, SHEET_OK);
    if (rc != SHEET_OK)
        printf("  detail: %s\n", detail);
    else
        check_book(&bk);
    sheet_book_release(&bk);
    /* cut short: a damaged zip, never a crash */
    rc = sheet_read_xlsx(data, len / 2, &bk, detail, sizeof detail);
    CHECK(rc == SHEET_E_NOT_XLSX || rc == SHEET_E_DAMAGED);
    free(data);
}

static void test_not_xlsx(void)
{
    struct sheet_book bk;
    char detail[256];
    CHECK_INT(sheet_read_xlsx("Mã,Tên\n", 7, &bk, detail, sizeof detail), SHEET_E_NOT_XLSX);
    static const char zip_only[] = "PK\x03\x04garbage";
    CHECK_INT(sheet_read_xlsx(zip_only, sizeof zip_only - 1, &bk, detail, sizeof detail),
              SHEET_E_NOT_XLSX);
    long line = 0;
    CHECK_INT(sheet_read_csv("a,b\n\"x,y\n", 9, &bk, &line), SHEET_E_QUOTE_OPEN);
    CHECK_INT((int)line, 2);
    CHECK_INT(sheet_read_csv("a,b\n\n1,2\n", 9, &bk, &line), SHEET_OK);
    CHECK_INT((int)bk.sheets[0].count, 2);
    CHECK_INT((int)bk.sheets[0].rows[1].line, 3);
    sheet_book_release(&bk);
}

int main(void)
{
    test_serials();
    test_workbook(0);
    test_workbook(1);
    test_not_xlsx();
    return check_done();
}
