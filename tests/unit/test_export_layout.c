/* Row heights for wrapped cells: the spreadsheet does not measure constant-memory rows, so
 * the export says how many lines a text takes. */
#include "check.h"
#include "export/xlsx_style.h"

int main(void)
{
    CHECK_INT(xlsx_text_lines("", 24), 1);
    CHECK_INT(xlsx_text_lines("Nguyễn Thị Hòa", 24), 1);
    /* 37 letters in a 26-wide column: two lines, words kept whole */
    CHECK_INT(xlsx_text_lines("thị trấn Phong Điền, huyện Phong Điền", 26), 2);
    CHECK_INT(xlsx_text_lines("Hội chợ triển lãm sản phẩm công nghiệp nông thôn tiêu biểu "
                              "khu vực phía Nam",
                              30),
              3);
    CHECK_INT(xlsx_text_lines("dòng 1\ndòng 2", 30), 2);
    CHECK_INT(xlsx_text_lines("0123456789012345678901234567890123456789", 10), 4);
    const char *texts[] = {"Lê Thị Ánh", "thị trấn Phong Điền, huyện Phong Điền"};
    const double widths[] = {24, 26};
    CHECK(xlsx_row_points(texts, widths, 2, 15) == 30);
    CHECK(xlsx_row_points(texts, widths, 1, 15) == 15);
    CHECK(xlsx_row_points(texts, widths, 1, 40) == 40);
    return check_done();
}
