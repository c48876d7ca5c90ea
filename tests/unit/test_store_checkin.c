/* Check-ins (once per session, late, walk-in, signatures, append-only), fair figures and
 * storage failures, on a real file. */
#include "store/store_internal.h"
#include "store_fixture.h"

static void test_once_per_session(store *s, struct kiosk_event *ev, struct kiosk_session *sess)
{
    struct kiosk_person p = fx_person("Trần Văn Bình", 1980, "0907 654 304", "xã Mỹ Khánh");
    struct kiosk_registration reg;
    CHECK_INT(store_register(s, ev->id, &p, "kiosk", &reg, NULL), KIOSK_OK);
    int64_t t1 = kiosk_local_make_ms(2025, 3, 10, 7, 41);
    struct kiosk_checkin c1, c2;
    CHECK_INT(store_check_in(s, sess->id, p.id, KIOSK_CHECK_IN, t1, NULL, &c1), KIOSK_OK);
    CHECK_INT(c1.late, 0); /* 11 minutes after the start, threshold 15 */
    CHECK_INT(c1.walkin, 0);
    CHECK_INT(c1.at_ms, t1);
    int64_t t2 = kiosk_local_make_ms(2025, 3, 10, 9, 0);
    CHECK_INT(store_check_in(s, sess->id, p.id, KIOSK_CHECK_IN, t2, NULL, &c2), KIOSK_E_EXISTS);
    CHECK_STR(c2.id, c1.id);
    CHECK_INT(c2.at_ms, t1); /* when she first checked in */
    CHECK_INT(fx_count(s, "SELECT count(*) FROM checkins"), 1);
    /* leaving is another kind: recorded once too */
    CHECK_INT(store_check_in(s, sess->id, p.id, KIOSK_CHECK_OUT, t2, NULL, &c2), KIOSK_OK);
    CHECK_INT(c2.late, 0);
    CHECK_INT(store_check_in(s, sess->id, p.id, KIOSK_CHECK_OUT, t2 + 60000, NULL, &c2),
              KIOSK_E_EXISTS);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM checkins"), 2);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM log WHERE kind='checkin'"), 2);
    CHECK_INT(store_check_in(s, "nosuchsession", p.id, KIOSK_CHECK_IN, t1, NULL, &c2),
              KIOSK_E_NOT_FOUND);
    CHECK_INT(store_check_in(s, sess->id, "nosuchperson", KIOSK_CHECK_IN, t1, NULL, &c2),
              KIOSK_E_NOT_FOUND);
}

static void test_late_and_walkin(store *s, struct kiosk_event *ev, struct kiosk_session *sess)
{
    struct kiosk_person late = fx_person("Lê Thị Ánh", 1990, "", "");
    struct kiosk_registration reg;
    CHECK_INT(store_register(s, ev->id, &late, "import", &reg, NULL), KIOSK_OK);
    struct kiosk_checkin c;
    int64_t at = kiosk_local_make_ms(2025, 3, 10, 7, 46); /* 16 minutes after 07:30 */
    CHECK_INT(store_check_in(s, sess->id, late.id, KIOSK_CHECK_IN, at, NULL, &c), KIOSK_OK);
    CHECK_INT(c.late, 1);
    CHECK_INT(c.walkin, 0);

    /* not on the roster at all */
    struct kiosk_person stranger = fx_person("Huỳnh Văn Tâm", 1970, "", "");
    CHECK_INT(store_person_save(s, &stranger, NULL), KIOSK_OK);
    CHECK_INT(store_check_in(s, sess->id, stranger.id, KIOSK_CHECK_IN,
                             kiosk_local_make_ms(2025, 3, 10, 7, 35), NULL, &c),
              KIOSK_OK);
    CHECK_INT(c.walkin, 1);
    CHECK_INT(c.late, 0);
    /* registered on the spot as a walk-in */
    struct kiosk_person w = fx_person("Nguyễn Ngọc Hân", 1995, "0792 468 208", "");
    CHECK_INT(store_register(s, ev->id, &w, "walkin", &reg, NULL), KIOSK_OK);
    CHECK_INT(store_check_in(s, sess->id, w.id, KIOSK_CHECK_IN, 0, NULL, &c), KIOSK_OK);
    CHECK_INT(c.walkin, 1);
    CHECK_INT(c.at_ms, kiosk_clock_now_ms()); /* 0: now */
}

static void test_signature(store *s, struct kiosk_event *ev, struct kiosk_session *sess)
{
    struct kiosk_person p = fx_person("Trần Thị Mai", 1985, "0976 468 720", "xã Trường Thắng");
    struct kiosk_registration reg;
    CHECK_INT(store_register(s, ev->id, &p, "kiosk", &reg, NULL), KIOSK_OK);
    static struct kiosk_signature sig;
    memset(&sig, 0, sizeof sig);
    sig.width = 600;
    sig.height = 200;
    const struct kiosk_point pts[] = {{40, 150},  {120, 40}, {200, 160}, {-1, -1},
                                      {260, 100}, {560, 90}, {-1, -1}};
    memcpy(sig.points, pts, sizeof pts);
    sig.count = KIOSK_ARRAY_LEN(pts);
    struct kiosk_checkin c;
    CHECK_INT(store_check_in(s, sess->id, p.id, KIOSK_CHECK_IN,
                             kiosk_local_make_ms(2025, 3, 10, 7, 30), &sig, &c),
              KIOSK_OK);
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(store_db(s),
                             "SELECT signature, signature_png FROM checkins WHERE id=?1", -1, &st,
                             NULL) == SQLITE_OK);
    sqlite3_bind_text(st, 1, c.id, -1, SQLITE_TRANSIENT);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    const uint8_t *blob = sqlite3_column_blob(st, 0);
    size_t len = (size_t)sqlite3_column_bytes(st, 0);
    CHECK_INT(len, KIOSK_ARRAY_LEN(pts) * 4); /* compact: 4 bytes a point */
    static struct kiosk_signature back;
    CHECK_INT(store_signature_unpack(blob, len, &back), KIOSK_OK);
    CHECK_INT(back.count, sig.count);
    CHECK(memcmp(back.points, sig.points, sizeof pts) == 0);
    const uint8_t *png = sqlite3_column_blob(st, 1);
    int png_len = sqlite3_column_bytes(st, 1);
    CHECK(png_len > 60 && png_len < 8000);
    CHECK(png && memcmp(png, "\x89PNG\r\n\x1a\n", 8) == 0);
    if (png && png_len > 24) { /* IHDR width and height: scaled into the 360x120 box */
        int w = png[16] << 24 | png[17] << 16 | png[18] << 8 | png[19];
        int h = png[20] << 24 | png[21] << 16 | png[22] << 8 | png[23];
        CHECK_INT(w, 360);
        CHECK_INT(h, 120);
    }
    sqlite3_finalize(st);
}

static void test_append_only(store *s)
{
    CHECK(sqlite3_exec(store_db(s), "UPDATE checkins SET late=0", NULL, NULL, NULL) != SQLITE_OK);
    CHECK(sqlite3_exec(store_db(s), "DELETE FROM checkins", NULL, NULL, NULL) != SQLITE_OK);
    CHECK(sqlite3_exec(store_db(s), "UPDATE log SET detail=''", NULL, NULL, NULL) != SQLITE_OK);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM checkins WHERE late=1"), 1);
}

static void test_session_at(store *s, struct kiosk_event *ev, struct kiosk_session *sess)
{
    struct kiosk_session pm = {0}, got;
    kiosk_strlcpy(pm.event_id, ev->id, sizeof pm.event_id);
    pm.starts_at_ms = kiosk_local_make_ms(2025, 3, 10, 13, 30);
    pm.ends_at_ms = kiosk_local_make_ms(2025, 3, 10, 16, 30);
    CHECK_INT(store_session_add(s, &pm), KIOSK_OK);
    CHECK_INT(pm.number, 2);
    CHECK_INT(store_session_at(s, ev->id, kiosk_local_make_ms(2025, 3, 10, 8, 0), &got), KIOSK_OK);
    CHECK_STR(got.id, sess->id);
    CHECK_INT(store_session_at(s, ev->id, kiosk_local_make_ms(2025, 3, 10, 6, 0), &got), KIOSK_OK);
    CHECK_STR(got.id, sess->id); /* the next one today */
    CHECK_INT(store_session_at(s, ev->id, kiosk_local_make_ms(2025, 3, 10, 12, 0), &got), KIOSK_OK);
    CHECK_STR(got.id, pm.id);
    CHECK_INT(store_session_at(s, ev->id, kiosk_local_make_ms(2025, 3, 10, 17, 0), &got),
              KIOSK_E_NOT_FOUND);
    CHECK_INT(store_session_at(s, ev->id, kiosk_local_make_ms(2025, 3, 9, 20, 0), &got),
              KIOSK_E_NOT_FOUND); /* tomorrow's is not today's */
    CHECK_INT(store_event_has_session_on_day(s, ev->id, kiosk_local_make_ms(2025, 3, 10, 20, 0)),
              1);
    CHECK_INT(store_event_has_session_on_day(s, ev->id, kiosk_local_make_ms(2025, 3, 11, 8, 0)), 0);
}

static void test_fair(store *s)
{
    struct kiosk_event fair = {0};
    kiosk_strlcpy(fair.code, "HC-DT", sizeof fair.code);
    fair.kind = KIOSK_EVENT_FAIR;
    kiosk_strlcpy(fair.title, "Hội chợ triển lãm", sizeof fair.title);
    kiosk_strlcpy(fair.province, "tỉnh Đồng Tháp", sizeof fair.province);
    kiosk_strlcpy(fair.interests, "sản phẩm đan dây nhựa\nmay mặc\nbội hoa kiểng",
                  sizeof fair.interests);
    CHECK_INT(store_event_add(s, &fair, "", ""), KIOSK_OK);
    CHECK_STR(fair.place, "tỉnh Đồng Tháp");
    struct kiosk_session day[2];
    for (int i = 0; i < 2; i++) {
        memset(&day[i], 0, sizeof day[i]);
        kiosk_strlcpy(day[i].event_id, fair.id, sizeof day[i].event_id);
        day[i].starts_at_ms = kiosk_local_make_ms(2025, 4, 1 + i, 8, 0);
        day[i].ends_at_ms = kiosk_local_make_ms(2025, 4, 1 + i, 17, 0);
        CHECK_INT(store_session_add(s, &day[i]), KIOSK_OK);
    }
    /* day 1: a visitor registers at 09:10 */
    fx_at(2025, 4, 1, 9, 10);
    struct kiosk_person v1 = fx_person("Phan Thị Diễm", 0, "0912 791 013", "");
    v1.extra_json = "{\"interests\":[\"may mặc\",\"bội hoa kiểng\"],\"note\":\"cần máy may\"}";
    struct kiosk_registration reg;
    struct kiosk_checkin c;
    CHECK_INT(store_register(s, fair.id, &v1, "kiosk", &reg, NULL), KIOSK_OK);
    CHECK_INT(store_check_in(s, day[0].id, v1.id, KIOSK_CHECK_IN, 0, NULL, &c), KIOSK_OK);
    /* day 2: she comes back at 10:05 (twice: one visit), another registers at 14:20 */
    fx_at(2025, 4, 2, 10, 5);
    CHECK_INT(store_check_in(s, day[1].id, v1.id, KIOSK_CHECK_IN, 0, NULL, &c), KIOSK_OK);
    CHECK_INT(store_check_in(s, day[1].id, v1.id, KIOSK_CHECK_IN, 0, NULL, &c), KIOSK_E_EXISTS);
    fx_at(2025, 4, 2, 14, 20);
    struct kiosk_person v2 = fx_person("Mai Văn Sang", 0, "0839 357 619", "");
    v2.extra_json = "{\"interests\":[\"May mac\"],\"note\":\"hợp tác xã\"}";
    CHECK_INT(store_register(s, "HC-DT", &v2, "kiosk", &reg, NULL), KIOSK_OK);
    CHECK_INT(store_check_in(s, day[1].id, v2.id, KIOSK_CHECK_IN, 0, NULL, &c), KIOSK_OK);
    CHECK_INT(c.late, 0); /* hours after the fair opened: a visit, not a late arrival */

    struct kiosk_fair_stats fs;
    CHECK_INT(store_fair_stats(s, fair.id, kiosk_local_make_ms(2025, 4, 2, 18, 0), &fs), KIOSK_OK);
    CHECK_INT(fs.visitors, 2);
    CHECK_INT(fs.new_visitors, 1);
    CHECK_INT(fs.returning, 1);
    CHECK_INT(fs.by_hour[10], 1);
    CHECK_INT(fs.by_hour[14], 1);
    CHECK_INT(fs.by_interest[0], 0);
    CHECK_INT(fs.by_interest[1], 2); /* "may mặc" and "May mac" */
    CHECK_INT(fs.by_interest[2], 1);
    CHECK_INT(store_fair_stats(s, fair.id, kiosk_local_make_ms(2025, 4, 1, 12, 0), &fs), KIOSK_OK);
    CHECK_INT(fs.visitors, 1);
    CHECK_INT(fs.new_visitors, 1);
    CHECK_INT(fs.by_hour[9], 1);

    struct kiosk_person *latest = NULL;
    size_t n = 0;
    CHECK_INT(store_fair_latest(s, fair.id, 10, &latest, &n), KIOSK_OK);
    CHECK_INT(n, 2);
    if (n == 2) {
        CHECK_STR(latest[0].full_name, "Mai Văn Sang");
        CHECK(strstr(latest[0].extra_json, "hợp tác xã") != NULL);
        CHECK_STR(latest[1].full_name, "Phan Thị Diễm");
    }
    free(latest);
}

/* A full disk (max_page_count) and a read-only database: the right status, nothing
 * half-written. */
static void test_storage_errors(void)
{
    store *s = fx_open("full.db");
    struct kiosk_event ev;
    struct kiosk_session sess;
    fx_class(s, "MDN-TT", 0, &ev, &sess);
    int pages = fx_count(s, "PRAGMA page_count");
    char pragma[64];
    kiosk_fmt(pragma, sizeof pragma, "PRAGMA max_page_count=%d", pages + 1);
    CHECK(sqlite3_exec(store_db(s), pragma, NULL, NULL, NULL) == SQLITE_OK);
    kiosk_status st = KIOSK_OK;
    char name[64];
    for (int i = 0; i < 2000 && st == KIOSK_OK; i++) {
        /* names hold no digits: the number in letters */
        kiosk_fmt(name, sizeof name, "Nguyễn Văn Số %c%c%c", 'a' + i / 676 % 26, 'a' + i / 26 % 26,
                  'a' + i % 26);
        struct kiosk_person p = fx_person(name, 1970 + i % 40, "", "");
        struct kiosk_registration reg;
        st = store_register(s, ev.id, &p, "kiosk", &reg, NULL);
        if (st != KIOSK_OK)
            CHECK(p.id[0] == '\0'); /* the caller's person is as it was */
    }
    CHECK_INT(st, KIOSK_E_FULL);
    /* no person without their registration, no registration without its log row */
    CHECK_INT(fx_count(s, "SELECT count(*) FROM people WHERE id NOT IN (SELECT person_id FROM "
                          "registrations)"),
              0);
    CHECK_INT(fx_count(s, "SELECT (SELECT count(*) FROM registrations) - (SELECT count(*) FROM "
                          "log WHERE kind='register')"),
              0);
    CHECK(sqlite3_exec(store_db(s), "PRAGMA query_only=1", NULL, NULL, NULL) == SQLITE_OK);
    struct kiosk_person q = fx_person("Lê Văn Thành", 1968, "", "");
    CHECK_INT(store_person_save(s, &q, NULL), KIOSK_E_READONLY);
    CHECK(q.id[0] == '\0');
    store_close(s);
}

int main(void)
{
    store *s = fx_open("checkin.db");
    fx_at(2025, 3, 10, 7, 20);
    struct kiosk_event ev;
    struct kiosk_session sess;
    fx_class(s, "MDN-MK", 30, &ev, &sess);
    test_once_per_session(s, &ev, &sess);
    test_late_and_walkin(s, &ev, &sess);
    test_signature(s, &ev, &sess);
    test_append_only(s);
    test_session_at(s, &ev, &sess);
    test_fair(s);
    store_close(s);
    test_storage_errors();
    fx_cleanup();
    return check_done();
}
