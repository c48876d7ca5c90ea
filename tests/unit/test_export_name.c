/* Export file names: an event code arriving by sync (or any byte from a stranger's stick)
 * never names a file outside the export folder. */
#include "check.h"
#include "export/export_file.h"

#include <stdlib.h>

static void name_is(const char *code, const char *what, const char *want)
{
    char out[256];
    int64_t at = 1780000000000; /* 2026-05-28 UTC */
    setenv("TZ", "UTC", 1);
    CHECK_INT(export_file_name(out, sizeof out, "/media/usb", code, what, at, "xlsx"), KIOSK_OK);
    CHECK_STR(out, want);
    /* whatever came in, the file is directly inside the folder */
    CHECK(strncmp(out, "/media/usb/", 11) == 0);
    CHECK(strchr(out + 11, '/') == NULL);
    CHECK(strstr(out, "..") == NULL);
}

int main(void)
{
    name_is("MDN-MK", "diem-danh", "/media/usb/MDN-MK_diem-danh_20260528.xlsx");
    name_is("../../x", "diem-danh", "/media/usb/______x_diem-danh_20260528.xlsx");
    name_is("a/b", "diem-danh", "/media/usb/a_b_diem-danh_20260528.xlsx");
    name_is("/etc/passwd", "diem-danh", "/media/usb/_etc_passwd_diem-danh_20260528.xlsx");
    name_is("Lớp", "diem-danh", "/media/usb/L___p_diem-danh_20260528.xlsx");
    name_is("x\ny", "diem-danh", "/media/usb/x_y_diem-danh_20260528.xlsx");
    name_is("", "diem-danh", "/media/usb/su-kien_diem-danh_20260528.xlsx");
    name_is(NULL, "bao-cao-tong-hop", "/media/usb/bao-cao-tong-hop_20260528.xlsx");
    name_is("..", "../x", "/media/usb/______x_20260528.xlsx");
    /* too long for the buffer: refused, never cut into another name */
    char small[24];
    CHECK_INT(export_file_name(small, sizeof small, "/media/usb", "MDN-MK", "diem-danh", 0, "csv"),
              KIOSK_E_INVALID);
    return check_done();
}
