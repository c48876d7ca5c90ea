/* The attendance sheet from a real store: who is on it (everyone registered), in which order
 * (official), what each cell says (Có mặt / Muộn / Vắng), totals, phones only with consent, formula
 * cells defused, file mode 0600, nothing left behind on failure. */
#include "export_fixture.h"

#include "export/attendance.h"
#include "export/export.h"
#include "export/export_strings.h"
#include "text/text.h"

#include <sys/stat.h>

static struct kiosk_event ev;
static struct kiosk_session sess[3];

struct who {
    const char *name;
    int year;
    const char *phone;
    const char *commune;
    char id[KIOSK_ID_LEN];
} people[] = {
    {"Nguyễn Thị Hòa", 1978, "0918 456 702", "xã Mỹ Khánh", ""},
    {"Nguyễn Thị Hòa", 1992, "0939 112 203", "xã Nhơn Ái", ""},
    {"Nguyễn Thị Hoa", 1985, "0901 234 501", "xã Mỹ Khánh", ""},
    {"Tran Van Binh", 1980, "", "xã Mỹ Khánh", ""}, /* typed without accents */
    {"Lê Thị Ánh", 1990, "0388 765 405", "=HYPERLINK(\"http://x\";\"bấm\")", ""},
    {"Phạm Thị Thu Trang", 1988, "0974 321 506", "xã Mỹ Khánh, ấp \"Mỹ Nhơn\"", ""},
    {"Đặng Văn Đức", 1975, "", "xã Mỹ Khánh", ""},
    {"Võ Thị Kim Loan", 1983, "0363 852 107", "xã Giai Xuân", ""}, /* unticked, withdraws */
};
#define PEOPLE (sizeof people / sizeof people[0])

static void setup(store *s)
{
    ex_class(s, "MDN-MK", 3, 0, &ev, sess);
    for (size_t i = 0; i < PEOPLE; i++) {
        struct kiosk_person p = {0};
        kiosk_strlcpy(p.full_name, people[i].name, sizeof p.full_name);
        p.birth_year = people[i].year;
        kiosk_strlcpy(p.phone, people[i].phone, sizeof p.phone);
        kiosk_strlcpy(p.commune, people[i].commune, sizeof p.commune);
        kiosk_strlcpy(p.district, "huyện Phong Điền", sizeof p.district);
        kiosk_strlcpy(p.province, "TP Cần Thơ", sizeof p.province);
        struct kiosk_registration reg;
        CHECK_INT(store_register(s, ev.id, &p, "import", &reg, NULL), KIOSK_OK);
        kiosk_strlcpy(people[i].id, p.id, sizeof people[i].id);
    }
    /* Hòa 1978 and Ánh agreed to be contacted; Loan left the old attendance box unticked
     * (attendance is recorded under the reporting duty: she is on the sheet), agreed to be
     * contacted, then took it back: her phone is hidden */
    CHECK_INT(store_consent_set(s, people[0].id, KIOSK_CONSENT_CONTACT, 1, "v1"), KIOSK_OK);
    CHECK_INT(store_consent_set(s, people[4].id, KIOSK_CONSENT_CONTACT, 1, "v1"), KIOSK_OK);
    CHECK_INT(store_consent_set(s, people[7].id, KIOSK_CONSENT_ATTENDANCE, 0, "v1"), KIOSK_OK);
    CHECK_INT(store_consent_set(s, people[7].id, KIOSK_CONSENT_CONTACT, 1, "v1"), KIOSK_OK);
    ex_at(2026, 5, 11, 7, 0);
    CHECK_INT(store_consent_set(s, people[7].id, KIOSK_CONSENT_CONTACT, 0, "v1"), KIOSK_OK);
    /* session 1: all but Đức, Bình late; session 2: Hòa 1978 and Hoa; session 3: nobody */
    struct kiosk_checkin c;
    for (size_t i = 0; i < PEOPLE; i++) {
        if (i == 6)
            continue;
        int64_t at = kiosk_local_make_ms(2026, 5, 11, i == 3 ? 8 : 7, i == 3 ? 10 : 35);
        CHECK_INT(store_check_in(s, sess[0].id, people[i].id, KIOSK_CHECK_IN, at, NULL, &c),
                  KIOSK_OK);
    }
    int64_t at2 = kiosk_local_make_ms(2026, 5, 12, 7, 31);
    CHECK_INT(store_check_in(s, sess[1].id, people[0].id, KIOSK_CHECK_IN, at2, NULL, &c), KIOSK_OK);
    CHECK_INT(store_check_in(s, sess[1].id, people[2].id, KIOSK_CHECK_IN, at2, NULL, &c), KIOSK_OK);
    /* a check-out is not a second attendance */
    CHECK_INT(store_check_in(s, sess[1].id, people[2].id, KIOSK_CHECK_OUT, at2 + 3600000, NULL, &c),
              KIOSK_OK);
    ex_at(2026, 5, 13, 15, 0);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *data = calloc(1, 1 << 20);
    *len = fread(data, 1, (1 << 20) - 1, f);
    fclose(f);
    return data;
}

/* The line of the CSV whose first field is `first`, or NULL. */
static const char *line_starting(const char *csv, const char *first, char *out, size_t cap)
{
    size_t n = strlen(first);
    for (const char *p = csv; p && *p;) {
        if (strncmp(p, first, n) == 0 && (p[n] == ',' || p[n] == '\r')) {
            const char *end = strstr(p, "\r\n");
            size_t len = end ? (size_t)(end - p) : strlen(p);
            if (len >= cap)
                len = cap - 1;
            memcpy(out, p, len);
            out[len] = '\0';
            return out;
        }
        p = strstr(p, "\r\n");
        if (p)
            p += 2;
    }
    return NULL;
}

static void test_csv(store *s)
{
    char path[512];
    ex_path("mdn-mk.csv", path, sizeof path);
    struct export_result res;
    char err[512] = "";
    CHECK_INT(export_attendance(s, "MDN-MK", EXPORT_CSV, path, &res, err, sizeof err), KIOSK_OK);
    CHECK_INT(res.rows, 8);
    struct stat st;
    CHECK_INT(stat(path, &st), 0);
    CHECK_INT(st.st_mode & 0777, 0600);
    size_t len = 0;
    char *csv = slurp(path, &len);
    CHECK(csv != NULL);
    if (!csv)
        return;
    CHECK(memcmp(csv, "\xEF\xBB\xBF", 3) == 0);
    for (size_t i = 1; i < len; i++) /* CRLF, and LF only inside quoted fields (none here) */
        if (csv[i] == '\n' && csv[i - 1] != '\r')
            CHECK(!"bare LF");
    CHECK(strstr(csv, "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Cần Thơ\r\n"));
    CHECK(strstr(csv, "Lớp: May và đan dây nhựa (MDN-MK)\r\n"));
    CHECK(strstr(csv, "Thời gian: từ ngày 11/05/2026 đến ngày 13/05/2026\r\n"));
    CHECK(strstr(csv, "STT,Họ và tên,Năm sinh,Địa chỉ,Số điện thoại,Buổi 1 11/05,Buổi 2 12/05,"
                      "Buổi 3 13/05,Số buổi có mặt\r\n"));
    char line[1024];
    /* the official order: Ánh, Bình, Đức, Hoa, Hòa 1978, Hòa 1992, Loan, Thu Trang */
    CHECK_STR(line_starting(csv, "1", line, sizeof line),
              "1,Lê Thị Ánh,1990,\"'=HYPERLINK(\"\"http://x\"\";\"\"bấm\"\"), huyện Phong "
              "Điền\",0388 765 405,Có mặt,Vắng,Vắng,1");
    CHECK_STR(line_starting(csv, "2", line, sizeof line),
              "2,Tran Van Binh,1980,\"xã Mỹ Khánh, huyện Phong Điền\",,Muộn,Vắng,Vắng,1");
    CHECK_STR(line_starting(csv, "3", line, sizeof line),
              "3,Đặng Văn Đức,1975,\"xã Mỹ Khánh, huyện Phong Điền\",,Vắng,Vắng,Vắng,0");
    /* she checked out of session 2: when she came and left (first in, last out) */
    CHECK_STR(line_starting(csv, "4", line, sizeof line),
              "4,Nguyễn Thị Hoa,1985,\"xã Mỹ Khánh, huyện Phong Điền\",,Có mặt,"
              "Có mặt 07:31–08:31,Vắng,2");
    CHECK_STR(line_starting(csv, "5", line, sizeof line),
              "5,Nguyễn Thị Hòa,1978,\"xã Mỹ Khánh, huyện Phong Điền\",0918 456 702,Có mặt,"
              "Có mặt,Vắng,2");
    CHECK_STR(line_starting(csv, "6", line, sizeof line),
              "6,Nguyễn Thị Hòa,1992,\"xã Nhơn Ái, huyện Phong Điền\",,Có mặt,Vắng,Vắng,1");
    CHECK_STR(line_starting(csv, "7", line, sizeof line),
              "7,Võ Thị Kim Loan,1983,\"xã Giai Xuân, huyện Phong Điền\",,Có mặt,Vắng,Vắng,1");
    CHECK_STR(line_starting(csv, "8", line, sizeof line),
              "8,Phạm Thị Thu Trang,1988,\"xã Mỹ Khánh, ấp \"\"Mỹ Nhơn\"\", huyện Phong Điền\",,"
              "Có mặt,Vắng,Vắng,1");
    CHECK(line_starting(csv, "9", line, sizeof line) == NULL);
    CHECK(strstr(csv, "0363") == NULL); /* her contact consent was taken back */
    CHECK_STR(line_starting(csv, "Tổng số có mặt", line, sizeof line),
              "Tổng số có mặt,,,,,7,2,0,9");
    CHECK_STR(line_starting(csv, "Trong đó đến muộn", line, sizeof line),
              "Trong đó đến muộn,,,,,1,0,0,1");
    CHECK_STR(line_starting(csv, "Vắng", line, sizeof line), "Vắng,,,,,1,6,8,15");
    CHECK(strstr(csv, "Tổng số học viên: 8 người\r\n"));
    CHECK(strstr(csv, "Người lập biểu,,,Xác nhận của đơn vị tổ chức\r\n"));
    free(csv);
}

/* The order on the sheet is vn_name_order's, tie broken by birth year. */
static void test_order_matches_text_module(store *s)
{
    struct attendance a;
    CHECK_INT(attendance_open(s, "MDN-MK", kiosk_clock_now_ms(), &a), KIOSK_OK);
    struct attendance_row prev = {0}, row;
    int n = 0;
    while (attendance_next(&a, &row) == 1) {
        if (n++ > 0) {
            struct kiosk_person pa, pb;
            store_person_get(s, prev.person_id, &pa);
            store_person_get(s, row.person_id, &pb);
            int c = vn_name_order(pa.full_name, pa.given_name, pb.full_name, pb.given_name);
            CHECK(c < 0 || (c == 0 && pa.birth_year <= pb.birth_year));
        }
        prev = row;
    }
    CHECK_INT(n, 8);
    CHECK_INT(a.people, 8);
    attendance_close(&a);
}

static void test_xlsx_and_refusals(store *s)
{
    char path[512], cmd[1200];
    ex_path("mdn-mk.xlsx", path, sizeof path);
    struct export_result res;
    char err[512] = "";
    mode_t old = umask(0);
    CHECK_INT(export_attendance(s, "MDN-MK", EXPORT_XLSX, path, &res, err, sizeof err), KIOSK_OK);
    umask(old);
    struct stat st;
    CHECK_INT(stat(path, &st), 0);
    CHECK_INT(st.st_mode & 0777, 0600); /* even with umask 0 */
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/worksheets/sheet1.xml | grep -q 'Nguyễn Thị Hòa'",
             path);
    CHECK_INT(system(cmd), 0);
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/worksheets/sheet1.xml | grep -q 'Loan'", path);
    CHECK_INT(system(cmd), 0); /* attendance is not opted into */
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/worksheets/sheet1.xml | grep -q '0363'", path);
    CHECK(system(cmd) != 0);

    /* no such class: nothing written, not even a tmp file */
    char missing[512];
    ex_path("nope.csv", missing, sizeof missing);
    CHECK_INT(export_attendance(s, "XX-00", EXPORT_CSV, missing, &res, err, sizeof err),
              KIOSK_E_NOT_FOUND);
    CHECK(strstr(err, "XX-00") != NULL);
    CHECK(access(missing, F_OK) != 0);
    /* a folder that does not exist */
    CHECK(export_attendance(s, "MDN-MK", EXPORT_CSV, "/nonexistent/dir/x.csv", &res, err,
                            sizeof err) != KIOSK_OK);
    CHECK(strstr(err, "/nonexistent/dir/x.csv.tmp") != NULL);
    /* an existing file is replaced whole, and keeps no wider mode */
    ex_path("old.csv", path, sizeof path);
    FILE *f = fopen(path, "w");
    fputs("old", f);
    fclose(f);
    chmod(path, 0644);
    CHECK_INT(export_attendance(s, "MDN-MK", EXPORT_CSV, path, &res, err, sizeof err), KIOSK_OK);
    CHECK_INT(stat(path, &st), 0);
    CHECK_INT(st.st_mode & 0777, 0600);
    char tmp[600];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    CHECK(access(tmp, F_OK) != 0);
}

/* A class that collects signatures: each day's signature is an image in its cell. */
static void test_signatures(store *s)
{
    struct kiosk_event sev;
    struct kiosk_session ss[2];
    ex_class(s, "MDN-PD", 2, 1, &sev, ss);
    struct kiosk_person p = {0};
    kiosk_strlcpy(p.full_name, "Phan Thị Diễm", sizeof p.full_name);
    p.birth_year = 1987;
    struct kiosk_registration reg;
    CHECK_INT(store_register(s, sev.id, &p, "kiosk", &reg, NULL), KIOSK_OK);
    static struct kiosk_signature sig;
    sig.width = 360;
    sig.height = 120;
    for (int i = 0; i < 40; i++)
        sig.points[sig.count++] =
            (struct kiosk_point){(int16_t)(20 + i * 8), (int16_t)(60 + (i % 7) * 6)};
    sig.points[sig.count++] = (struct kiosk_point){-1, -1};
    struct kiosk_checkin c;
    CHECK_INT(store_check_in(s, ss[0].id, p.id, KIOSK_CHECK_IN,
                             kiosk_local_make_ms(2026, 5, 11, 7, 32), &sig, &c),
              KIOSK_OK);
    char path[512], cmd[1200];
    ex_path("mdn-pd.xlsx", path, sizeof path);
    struct export_result res;
    char err[512] = "";
    CHECK_INT(export_attendance(s, "MDN-PD", EXPORT_XLSX, path, &res, err, sizeof err), KIOSK_OK);
    snprintf(cmd, sizeof cmd, "unzip -l '%s' | grep -c 'xl/media/image' | grep -qx 1", path);
    CHECK_INT(system(cmd), 0);
    ex_path("mdn-pd.csv", path, sizeof path);
    CHECK_INT(export_attendance(s, "MDN-PD", EXPORT_CSV, path, &res, err, sizeof err), KIOSK_OK);
    size_t len;
    char *csv = slurp(path, &len);
    CHECK(csv && strstr(csv, "1,Phan Thị Diễm,1987,,,Có mặt (đã ký),Vắng,1\r\n"));
    free(csv);
}

int main(void)
{
    ex_at(2026, 5, 4, 9, 0);
    export_strings_load("vi");
    store *s = ex_open("export.db");
    setup(s);
    uint64_t before = ex_fingerprint(s);
    test_csv(s);
    test_order_matches_text_module(s);
    test_xlsx_and_refusals(s);
    CHECK(ex_fingerprint(s) == before); /* exports never change the database */
    test_signatures(s);
    store_close(s);
    export_strings_release();
    ex_cleanup();
    return check_done();
}
