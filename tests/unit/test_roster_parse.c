/* Reading coordinators' rosters (tests/data/rosters): every awkward file they have, and
 * every bad row reported with its physical line. */
#include "check.h"
#include "export/export_strings.h"
#include "export/roster.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *slurp(const char *name, size_t *len)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/rosters/%s", KIOSK_TEST_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (!f)
        return NULL;
    char *data = malloc(1 << 16);
    *len = fread(data, 1, 1 << 16, f);
    fclose(f);
    return data;
}

static void parse(const char *name, struct roster *r)
{
    size_t len = 0;
    char *data = slurp(name, &len);
    memset(r, 0, sizeof *r);
    if (data)
        CHECK_INT(roster_parse(data, len, 2026, r), KIOSK_OK);
    free(data);
    for (size_t i = 0; i < r->problem_count; i++)
        printf("  %s:%ld: %s\n", name, r->problems[i].line, r->problems[i].reason);
}

static void test_bom_semicolon_crlf(void)
{
    struct roster r;
    parse("bom-semicolon-crlf.csv", &r);
    CHECK_INT(r.problem_count, 0);
    CHECK_INT(r.count, 5); /* the ";;;;;;;" line is not a trainee */
    if (r.count != 5)
        return roster_release(&r);
    const struct kiosk_person *p = &r.rows[0].person;
    CHECK_INT(r.rows[0].line, 2);
    CHECK_STR(p->full_name, "Nguyễn Thị Hòa");
    CHECK_INT(p->birth_year, 1985);
    CHECK_STR(p->phone, "+84912345678");
    CHECK_STR(p->commune, "xã Mỹ Khánh");
    CHECK_STR(p->district, "huyện Phong Điền");
    CHECK_STR(p->province, "TP Cần Thơ");
    CHECK_STR(r.rows[1].person.phone, "+84987654321");
    CHECK_STR(r.rows[1].person.organisation, "HTX Đan lát Mỹ Khánh; tổ 3");
    CHECK_INT(r.rows[1].person.org_kind, KIOSK_ORG_COOPERATIVE);
    /* the namesake: same folded name, another year, no phone */
    CHECK_STR(r.rows[2].person.full_name, "Nguyễn Thị Hoà");
    CHECK_INT(r.rows[2].person.birth_year, 1992);
    CHECK_STR(r.rows[2].person.phone, "");
    CHECK_STR(r.rows[3].person.full_name, "Phạm Thị Ngọc Ánh");
    CHECK_STR(r.rows[3].person.phone, "+84367123456");
    CHECK_INT(r.rows[3].person.org_kind, KIOSK_ORG_HOUSEHOLD);
    CHECK_INT(r.rows[4].person.birth_year, 0);
    CHECK_INT(r.rows[4].line, 6);
    roster_release(&r);
}

static void test_quoted_line_breaks(void)
{
    struct roster r;
    parse("quoted-linebreaks.csv", &r);
    CHECK_INT(r.problem_count, 0);
    CHECK_INT(r.count, 3);
    if (r.count != 3)
        return roster_release(&r);
    CHECK_INT(r.rows[0].line, 2);
    CHECK_INT(r.rows[0].person.birth_year, 1995); /* from 12/03/1995 */
    CHECK_STR(r.rows[0].person.organisation, "Hộ kinh doanh \"Linh Đan\"\nấp Tân Phú, tổ 5");
    CHECK_INT(r.rows[1].line, 4);
    CHECK_STR(r.rows[1].person.organisation, "Cơ sở may \"Kim Chi\", ấp Tân Long");
    CHECK_STR(r.rows[1].person.district, "");
    CHECK_STR(r.rows[1].person.province, "TP Cần Thơ");
    CHECK_INT(r.rows[2].line, 5);
    CHECK_INT(r.rows[2].person.birth_year, 1970);
    CHECK_STR(r.rows[2].person.commune, "xã Tân Thới\n(ấp Thới Hòa)");
    CHECK_INT(r.rows[2].person.org_kind, KIOSK_ORG_ENTERPRISE);
    roster_release(&r);
}

static void test_english_and_nfd(void)
{
    struct roster r;
    parse("english-headings.csv", &r);
    CHECK_INT(r.problem_count, 0);
    CHECK_INT(r.count, 2);
    if (r.count == 2) {
        CHECK_STR(r.rows[0].person.full_name, "Nguyen Van Tam");
        CHECK_STR(r.rows[0].person.commune, "Truong Thang");
        CHECK_STR(r.rows[1].person.phone, "+84934567890");
    }
    roster_release(&r);
    parse("nfd-names.csv", &r);
    CHECK_INT(r.problem_count, 0);
    CHECK_INT(r.count, 2);
    if (r.count == 2) {
        CHECK_STR(r.rows[0].person.full_name, "Nguyễn Thị Hòa"); /* NFC bytes */
        CHECK_STR(r.rows[0].person.commune, "xã Mỹ Khánh");
        CHECK_STR(r.rows[1].person.full_name, "Trương Thị Diễm Hương");
    }
    roster_release(&r);
}

static int has_problem(const struct roster *r, long line, const char *part)
{
    for (size_t i = 0; i < r->problem_count; i++)
        if (r->problems[i].line == line && strstr(r->problems[i].reason, part))
            return 1;
    fprintf(stderr, "no problem at line %ld mentioning '%s'\n", line, part);
    return 0;
}

static void test_bad_rows(void)
{
    struct roster r;
    parse("one-bad-row.csv", &r);
    CHECK_INT(r.problem_count, 1);
    CHECK(has_problem(&r, 5, "2099")); /* line 5: the record before it spans lines 2-3 */
    roster_release(&r);

    parse("many-bad-rows.csv", &r);
    CHECK_INT(r.problem_count, 5);
    CHECK(has_problem(&r, 2, "họ và tên"));
    CHECK(has_problem(&r, 3, "1850"));
    CHECK(has_problem(&r, 4, "số điện thoại"));
    CHECK(has_problem(&r, 5, "3 ô")); /* 3 fields under 4 headings */
    CHECK(has_problem(&r, 6, "năm 80"));
    roster_release(&r);

    parse("unknown-column.csv", &r);
    CHECK_INT(r.problem_count, 1);
    CHECK(has_problem(&r, 1, "Giới tính"));
    CHECK_INT(r.count, 0);
    roster_release(&r);
}

static void test_english_messages(void)
{
    export_strings_load("en");
    struct roster r;
    parse("many-bad-rows.csv", &r);
    CHECK(has_problem(&r, 2, "no full name"));
    CHECK(has_problem(&r, 3, "impossible year of birth \"1850\""));
    roster_release(&r);
    export_strings_load("vi");
}

static void test_edge_files(void)
{
    struct roster r;
    CHECK_INT(roster_parse("", 0, 2026, &r), KIOSK_OK);
    CHECK_INT(r.problem_count, 1);
    CHECK_INT(r.problems[0].line, 0);
    roster_release(&r);
    /* headings only */
    const char *only = "Họ và tên;Năm sinh\r\n";
    CHECK_INT(roster_parse(only, strlen(only), 2026, &r), KIOSK_OK);
    CHECK_INT(r.problem_count, 1);
    roster_release(&r);
    /* no name column */
    const char *noname = "Năm sinh,SĐT\n1980,0912345678\n";
    CHECK_INT(roster_parse(noname, strlen(noname), 2026, &r), KIOSK_OK);
    CHECK(has_problem(&r, 1, "Họ và tên"));
    roster_release(&r);
    /* a column without heading may stay empty, not hold data */
    const char *blank_col = "Họ và tên,,Năm sinh\nNgô Văn A,,1980\nLê Thị B,x,1981\n";
    CHECK_INT(roster_parse(blank_col, strlen(blank_col), 2026, &r), KIOSK_OK);
    CHECK_INT(r.count, 1);
    CHECK(has_problem(&r, 3, "2"));
    roster_release(&r);
    /* this year is possible, next year is not */
    const char *years = "Họ và tên,Năm sinh\nBé Na,2026\nBé Tí,2027\n";
    CHECK_INT(roster_parse(years, strlen(years), 2026, &r), KIOSK_OK);
    CHECK_INT(r.count, 1);
    CHECK(has_problem(&r, 3, "2027"));
    roster_release(&r);
    /* a quote never closed: the line where it opened */
    const char *open = "Họ và tên,Năm sinh\nAn,1980\n\"Bình,1981\nCúc,1982\n";
    CHECK_INT(roster_parse(open, strlen(open), 2026, &r), KIOSK_OK);
    CHECK(has_problem(&r, 3, "ngoặc kép"));
    roster_release(&r);
    /* an old Excel "CSV" in Windows-1258 */
    const char *cp1258 = "H\xd2 v\xe0 t\xean\nNguy\xean\n";
    CHECK_INT(roster_parse(cp1258, strlen(cp1258), 2026, &r), KIOSK_OK);
    CHECK(has_problem(&r, 1, "UTF-8"));
    roster_release(&r);
}

int main(void)
{
    setenv("KIOSK_DATA_DIR", KIOSK_TEST_SOURCE_DIR, 1);
    export_strings_load("vi");
    test_bom_semicolon_crlf();
    test_quoted_line_breaks();
    test_english_and_nfd();
    test_bad_rows();
    test_english_messages();
    test_edge_files();
    export_strings_release();
    return check_done();
}
