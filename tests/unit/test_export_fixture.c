/* A helper for tests/e2e/export*.test.sh and tests/bench: "some check-ins" on a demo
 * database from `kioskctl init --demo`, made through the store as the kiosk makes them
 * (late decided by the store, walk-ins registered on the spot, signatures drawn, consents
 * given and taken back). Prints what it did, one fact a line.
 * usage: test_export_fixture DB        (ctest runs it without arguments: a temp demo db) */
#include "store/store_internal.h"
#include "check.h"
#include "program/program.h"
#include "store/domain.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static store *db;

static void find_person(const char *event, const char *name, int year, char out[KIOSK_ID_LEN])
{
    sqlite3_stmt *st;
    out[0] = '\0';
    CHECK_INT(sqlite3_prepare_v2(store_db(db),
                                 "SELECT p.id FROM people p JOIN registrations r ON "
                                 "r.person_id = p.id JOIN events e ON e.id = r.event_id WHERE "
                                 "e.code = ?1 AND p.full_name = ?2 AND p.birth_year = ?3",
                                 -1, &st, NULL),
              SQLITE_OK);
    sqlite3_bind_text(st, 1, event, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 3, year);
    if (sqlite3_step(st) == SQLITE_ROW)
        kiosk_strlcpy(out, (const char *)sqlite3_column_text(st, 0), KIOSK_ID_LEN);
    sqlite3_finalize(st);
    if (!out[0])
        fprintf(stderr, "no %s (%d) in %s\n", name, year, event);
    CHECK(out[0] != '\0');
}

/* A wavy stroke, a little different for each person and day. */
static void signature(struct kiosk_signature *sig, int seed)
{
    memset(sig, 0, sizeof *sig);
    sig->width = 360;
    sig->height = 120;
    for (int i = 0; i < 60; i++) {
        int y = 60 + ((i * (3 + seed % 4)) % 30) - 15 + (i % 2 ? 10 : -10);
        sig->points[sig->count++] = (struct kiosk_point){(int16_t)(30 + i * 5), (int16_t)y};
    }
    sig->points[sig->count++] = (struct kiosk_point){-1, -1};
    for (int i = 0; i < 20; i++)
        sig->points[sig->count++] =
            (struct kiosk_point){(int16_t)(90 + i * 6), (int16_t)(95 - (i * seed) % 20)};
    sig->points[sig->count++] = (struct kiosk_point){-1, -1};
}

/* Checks in `name` at session `number` of `event`, `minutes` after its start. */
static void attend(const char *event, int number, const char *name, int year, int minutes,
                   int signed_)
{
    struct kiosk_event ev;
    CHECK_INT(store_event_get(db, event, &ev), KIOSK_OK);
    struct kiosk_session *sessions = NULL;
    size_t n = 0;
    CHECK_INT(store_sessions_list(db, ev.id, &sessions, &n), KIOSK_OK);
    char pid[KIOSK_ID_LEN];
    find_person(event, name, year, pid);
    for (size_t i = 0; i < n && pid[0]; i++) {
        if (sessions[i].number != number)
            continue;
        static struct kiosk_signature sig;
        signature(&sig, number * 7 + year % 13);
        struct kiosk_checkin c;
        int64_t at = sessions[i].starts_at_ms + (int64_t)minutes * 60000;
        CHECK_INT(
            store_check_in(db, sessions[i].id, pid, KIOSK_CHECK_IN, at, signed_ ? &sig : NULL, &c),
            KIOSK_OK);
        printf("checkin\t%s\t%d\t%s\t%d\t%s\n", event, number, name, year,
               c.late ? "late" : "present");
    }
    free(sessions);
}

static void walk_in(const char *event, int number, const char *name, int year, const char *phone)
{
    struct kiosk_person p = {0};
    kiosk_strlcpy(p.full_name, name, sizeof p.full_name);
    p.birth_year = year;
    kiosk_strlcpy(p.phone, phone, sizeof p.phone);
    kiosk_strlcpy(p.commune, "xã Mỹ Khánh", sizeof p.commune);
    kiosk_strlcpy(p.district, "huyện Phong Điền", sizeof p.district);
    kiosk_strlcpy(p.province, "TP Cần Thơ", sizeof p.province);
    struct kiosk_registration reg;
    CHECK_INT(store_register(db, event, &p, "walkin", &reg, NULL), KIOSK_OK);
    attend(event, number, name, year, 5, 0);
}

static void consent(const char *event, const char *name, int year, int purpose, int granted)
{
    char pid[KIOSK_ID_LEN];
    find_person(event, name, year, pid);
    CHECK_INT(store_consent_set(db, pid, purpose, granted, "e2e"), KIOSK_OK);
    printf("consent\t%s\t%d\t%d\t%d\n", name, year, purpose, granted);
}

static void visitor(const char *name, int year, const char *phone, const char *org,
                    const char *extra, int contact, int days)
{
    struct kiosk_person p = {0};
    kiosk_strlcpy(p.full_name, name, sizeof p.full_name);
    p.birth_year = year;
    kiosk_strlcpy(p.phone, phone, sizeof p.phone);
    kiosk_strlcpy(p.province, "tỉnh Đồng Tháp", sizeof p.province);
    kiosk_strlcpy(p.organisation, org, sizeof p.organisation);
    p.org_kind = org[0] ? KIOSK_ORG_HOUSEHOLD : KIOSK_ORG_NONE;
    p.extra_json = extra;
    struct kiosk_registration reg;
    CHECK_INT(store_register(db, "HC-DT", &p, "kiosk", &reg, NULL), KIOSK_OK);
    if (contact)
        CHECK_INT(store_consent_set(db, p.id, KIOSK_CONSENT_CONTACT, 1, "e2e"), KIOSK_OK);
    for (int d = 1; d <= days; d++)
        attend("HC-DT", d, name, year, 0, 0); /* at opening: a fair has no "late" */
}

static void fill(void)
{
    /* MDN-MK: session 1 (two days ago) nearly all, Bình late; session 2 three; today two and
     * a walk-in; Loan left the attendance box unticked (she is on the sheet all the same)
     * and took back her consent to be contacted (her phone is hidden) */
    static const struct {
        const char *name;
        int year;
    } mk[] = {{"Nguyễn Thị Hoa", 1985}, {"Nguyễn Thị Hòa", 1978},     {"Nguyễn Thị Hòa", 1992},
              {"Lê Thị Ánh", 1990},     {"Phạm Thị Thu Trang", 1988}, {"Võ Thị Kim Loan", 1983},
              {"Huỳnh Văn Tâm", 1970},  {"Nguyễn Ngọc Hân", 1995}};
    for (size_t i = 0; i < sizeof mk / sizeof mk[0]; i++)
        attend("MDN-MK", 1, mk[i].name, mk[i].year, 5, 0);
    attend("MDN-MK", 1, "Trần Văn Bình", 1980, 40, 0);
    attend("MDN-MK", 2, "Nguyễn Thị Hoa", 1985, 2, 0);
    attend("MDN-MK", 2, "Nguyễn Thị Hòa", 1978, 3, 0);
    attend("MDN-MK", 2, "Lê Thị Ánh", 1990, 4, 0);
    attend("MDN-MK", 3, "Nguyễn Thị Hoa", 1985, 1, 0);
    attend("MDN-MK", 3, "Nguyễn Thị Hòa", 1978, 25, 0);
    walk_in("MDN-MK", 3, "Trương Thị Diễm Hương", 1993, "0977 888 999");
    consent("MDN-MK", "Nguyễn Thị Hòa", 1978, KIOSK_CONSENT_CONTACT, 1);
    consent("MDN-MK", "Võ Thị Kim Loan", 1983, KIOSK_CONSENT_ATTENDANCE, 0);
    consent("MDN-MK", "Võ Thị Kim Loan", 1983, KIOSK_CONSENT_CONTACT, 1);
    consent("MDN-MK", "Võ Thị Kim Loan", 1983, KIOSK_CONSENT_CONTACT, 0);
    /* MDN-PD collects signatures */
    attend("MDN-PD", 1, "Phan Thị Diễm", 1987, 3, 1);
    attend("MDN-PD", 1, "Bùi Văn Lợi", 1973, 30, 1);
    attend("MDN-PD", 2, "Phan Thị Diễm", 1987, 2, 1);
    attend("MDN-PD", 2, "Đỗ Thị Ngọc Hạnh", 1996, 6, 1);
    attend("MDN-PD", 3, "Châu Thị Mỹ Lệ", 1989, 1, 1);
    /* HC-DT: three visitors, one back on the second day, two agreed to be contacted */
    visitor("Dương Thị Kiều", 1984, "0934 555 417", "Hộ kinh doanh Kiều Dương",
            "{\"interests\":[\"may mặc\",\"bội hoa kiểng\"],\"note\":\"muốn mua máy may\"}", 1, 2);
    visitor("Hồ Văn Phúc", 1977, "0385 555 518", "", "{\"interests\":[\"sản phẩm đan dây nhựa\"]}",
            1, 1);
    visitor("Tô Thị Xuân", 1993, "", "", "{\"interests\":[\"may mặc\"]}", 0, 1);
}

int main(int argc, char **argv)
{
    char path[512], err[512] = "";
    char dir[] = "/tmp/kiosk-export-fixture.XXXXXX";
    int own = argc < 2;
    if (own) {
        if (!mkdtemp(dir))
            return 2;
        kiosk_fmt(path, sizeof path, "%s/demo.db", dir);
        setenv("KIOSK_DATA_DIR", KIOSK_TEST_SOURCE_DIR, 1);
    } else {
        kiosk_strlcpy(path, argv[1], sizeof path);
    }
    if (store_open(path, &db, err, sizeof err) != KIOSK_OK) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    if (own)
        CHECK_INT(program_demo_fill(db, kiosk_clock_now_ms()), KIOSK_OK);
    fill();
    if (own) {
        CHECK_INT(sqlite3_exec(store_db(db), "SELECT 1", NULL, NULL, NULL), SQLITE_OK);
        sqlite3_stmt *st;
        sqlite3_prepare_v2(
            store_db(db),
            "SELECT count(*), sum(late), sum(signature_png IS NOT NULL) FROM checkins", -1, &st,
            NULL);
        CHECK_INT(sqlite3_step(st), SQLITE_ROW);
        CHECK_INT(sqlite3_column_int(st, 0), 24);
        CHECK_INT(sqlite3_column_int(st, 1), 3); /* Bình, Hòa today, Lợi */
        CHECK_INT(sqlite3_column_int(st, 2), 5);
        sqlite3_finalize(st);
    }
    store_close(db);
    if (own) {
        char cmd[600];
        kiosk_fmt(cmd, sizeof cmd, "rm -rf '%s'", dir);
        if (system(cmd) != 0)
            return 2;
        return check_done();
    }
    return check_failed ? 1 : 0;
}
