/* Corrections of attendance (kioskctl attendance mark / cancel-checkout): append-only facts;
 * the sheet shows the corrected mark, the original check-in stays, the log says who and
 * what, a cancelled check-out lets her check out again, and corrections travel by sync. */
#include "export/attendance.h"
#include "people/marks.h"
#include "store_fixture.h"
#include "sync/sync.h"

static int mark_of(store *s, const char *person_id, size_t session)
{
    struct attendance a;
    int found = -1;
    CHECK_INT(attendance_open(s, "MDN-MK", kiosk_clock_now_ms(), &a), KIOSK_OK);
    struct attendance_row row;
    while (attendance_next(&a, &row) == 1)
        if (strcmp(row.person_id, person_id) == 0)
            found = row.marks[session];
    attendance_close(&a);
    return found;
}

int main(void)
{
    store *s = fx_open("marks.db");
    fx_at(2025, 3, 1, 9, 0);
    struct kiosk_event ev;
    struct kiosk_session ss;
    fx_class(s, "MDN-MK", 0, &ev, &ss);
    struct kiosk_registration reg;
    struct kiosk_person lan = fx_person("Trần Thị Lan", 1970, "0912 345 678", "Mỹ Khánh");
    struct kiosk_person mai = fx_person("Nguyễn Thị Mai", 1998, "", "Mỹ Khánh");
    CHECK_INT(store_register(s, ev.id, &lan, "kiosk", &reg, NULL), KIOSK_OK);
    CHECK_INT(store_register(s, ev.id, &mai, "kiosk", &reg, NULL), KIOSK_OK);
    fx_at(2025, 3, 10, 7, 35);
    CHECK_INT(store_check_in(s, ss.id, lan.id, KIOSK_CHECK_IN, 0, NULL, NULL), KIOSK_OK);
    fx_at(2025, 3, 10, 12, 0);
    CHECK_INT(mark_of(s, lan.id, 0), MARK_PRESENT);
    CHECK_INT(mark_of(s, mai.id, 0), MARK_ABSENT);

    /* Lan was checked in by mistake (she was not there); Mai was, without the kiosk */
    struct store_correction c = {"MDN-MK", 1, lan.id, CORRECT_ABSENT, "Điểm danh nhầm", NULL};
    CHECK_INT(store_attendance_correct(s, &c, NULL), KIOSK_OK);
    c = (struct store_correction){"MDN-MK", 1, mai.id, CORRECT_PRESENT, "Có mặt, quên điểm danh",
                                  NULL};
    CHECK_INT(store_attendance_correct(s, &c, NULL), KIOSK_OK);
    CHECK_INT(mark_of(s, lan.id, 0), MARK_ABSENT);
    CHECK_INT(mark_of(s, mai.id, 0), MARK_PRESENT);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM checkins WHERE kind=1"), 1); /* kept */
    /* a later correction wins: Lan was away with leave */
    fx_at(2025, 3, 10, 12, 5);
    c = (struct store_correction){"MDN-MK", 1, lan.id, CORRECT_EXCUSED, "Ốm, có giấy", "admin"};
    CHECK_INT(store_attendance_correct(s, &c, NULL), KIOSK_OK);
    CHECK_INT(mark_of(s, lan.id, 0), MARK_EXCUSED);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM log WHERE kind='attendance.correct' AND "
                          "detail LIKE '%by=coordinator%'"),
              3);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM log WHERE kind='attendance.correct' AND "
                          "detail LIKE '%via=admin'"),
              1);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM log WHERE kind='attendance.correct' AND "
                          "detail LIKE '%via=kioskctl'"),
              2);
    /* refused: no reason, a reason on two lines, no such session or person */
    c = (struct store_correction){"MDN-MK", 1, lan.id, CORRECT_PRESENT, "", NULL};
    CHECK_INT(store_attendance_correct(s, &c, NULL), KIOSK_E_INVALID);
    c.reason = "hai\ndòng";
    CHECK_INT(store_attendance_correct(s, &c, NULL), KIOSK_E_INVALID);
    c = (struct store_correction){"MDN-MK", 7, lan.id, CORRECT_PRESENT, "x", NULL};
    CHECK_INT(store_attendance_correct(s, &c, NULL), KIOSK_E_NOT_FOUND);
    c = (struct store_correction){"MDN-MK",        1,   "00000000000000000000000000000000",
                                  CORRECT_PRESENT, "x", NULL};
    CHECK_INT(store_attendance_correct(s, &c, NULL), KIOSK_E_NOT_FOUND);

    /* a check-out taken by mistake is cancelled: she can check out again */
    struct kiosk_checkin out1, out2;
    fx_at(2025, 3, 10, 9, 0);
    CHECK_INT(store_check_in(s, ss.id, mai.id, KIOSK_CHECK_OUT, 0, NULL, &out1), KIOSK_OK);
    CHECK_INT(store_check_in(s, ss.id, mai.id, KIOSK_CHECK_OUT, 0, NULL, &out2), KIOSK_E_EXISTS);
    c = (struct store_correction){"MDN-MK",   1,   mai.id, CORRECT_CHECKOUT_CANCELLED,
                                  "Bấm nhầm", NULL};
    CHECK_INT(store_attendance_correct(s, &c, NULL), KIOSK_OK);
    CHECK_INT(store_attendance_correct(s, &c, NULL), KIOSK_E_NOT_FOUND); /* nothing left */
    fx_at(2025, 3, 10, 11, 0);
    CHECK_INT(store_check_in(s, ss.id, mai.id, KIOSK_CHECK_OUT, 0, NULL, &out2), KIOSK_OK);
    CHECK(strcmp(out1.id, out2.id) != 0);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM checkins WHERE kind=2"), 2);
    /* what the correction screen shows: the check-ins as recorded, the latest correction */
    struct store_attendance_detail d;
    CHECK_INT(store_attendance_detail(s, ss.id, lan.id, &d), KIOSK_OK);
    CHECK_INT(d.checkin_at, kiosk_local_make_ms(2025, 3, 10, 7, 35));
    CHECK_INT(d.checkout_at, 0);
    CHECK_INT(d.mark, CORRECT_EXCUSED);
    CHECK_STR(d.reason, "Ốm, có giấy");
    CHECK_INT(d.marked_at, kiosk_local_make_ms(2025, 3, 10, 12, 5));
    CHECK_INT(store_attendance_detail(s, ss.id, mai.id, &d), KIOSK_OK);
    CHECK_INT(d.checkin_at, 0);
    CHECK_INT(d.checkout_at, kiosk_local_make_ms(2025, 3, 10, 11, 0)); /* not the cancelled */
    CHECK_INT(d.mark, CORRECT_PRESENT);
    CHECK_STR(d.reason, "Có mặt, quên điểm danh");

    /* facts: never rewritten; they travel to another kiosk and show on its sheet */
    CHECK(sqlite3_exec(store_db(s), "UPDATE attendance_marks SET mark=1", NULL, NULL, NULL) !=
          SQLITE_OK);
    store *b = fx_open("marks-b.db");
    char path[600], err[256];
    kiosk_fmt(path, sizeof path, "%s/marks.db", fx_dir);
    CHECK_INT(sync_run(b, path, NULL, NULL, err, sizeof err), KIOSK_OK);
    CHECK_INT(fx_count(b, "SELECT count(*) FROM attendance_marks"), 4);
    CHECK_INT(mark_of(b, lan.id, 0), MARK_EXCUSED);
    CHECK_INT(mark_of(b, mai.id, 0), MARK_PRESENT);
    store_close(b);

    /* the row check the sync's validation uses */
    CHECK(attendance_mark_row_valid(1, "", "ok", "coordinator"));
    CHECK(!attendance_mark_row_valid(5, "", "ok", "coordinator"));
    CHECK(!attendance_mark_row_valid(4, "", "ok", "coordinator"));
    CHECK(!attendance_mark_row_valid(1, "", "ok", "rule"));
    CHECK(!attendance_mark_row_valid(1, "", "bad \xff", "coordinator"));
    CHECK_INT(attendance_correction_parse("excused"), CORRECT_EXCUSED);
    CHECK_INT(attendance_correction_parse("Present"), 0);
    store_close(s);
    fx_cleanup();
    return check_done();
}
