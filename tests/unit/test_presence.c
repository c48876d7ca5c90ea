/* Leaving, undo and return (issue 17 item 1, docs/IDENTITY.md): the presence rule on its
 * own, then through the store: a trainee undoes her own check-out within the window (not
 * after it, not twice), a check-in after leaving is a return (not late, not a second
 * arrival on the sheet), she may leave again, and the facts travel between two kiosks
 * (two kiosks that each took her check-out are undone by one tap). */
#include "export/attendance.h"
#include "people/marks.h"
#include "people/presence.h"
#include "store_fixture.h"
#include "sync/sync.h"

#define MIN_MS (60 * 1000)
#define WINDOW (10 * MIN_MS)

static void rule_alone(void)
{
    struct presence p;
    presence_of(NULL, 0, &p);
    CHECK_INT(p.state, PRESENCE_NONE);
    CHECK_INT(presence_records(&p, KIOSK_CHECK_IN), KIOSK_CHECK_IN);
    CHECK_INT(presence_records(&p, KIOSK_CHECK_OUT), KIOSK_CHECK_OUT);
    CHECK(!presence_undo_allowed(&p, 1000, WINDOW));

    struct presence_fact f[] = {
        {KIOSK_CHECK_IN, 100 * MIN_MS, 0},     {KIOSK_CHECK_OUT, 102 * MIN_MS, 0},
        {KIOSK_CHECK_RETURN, 150 * MIN_MS, 0}, {KIOSK_CHECK_OUT, 200 * MIN_MS, 1},
        {KIOSK_CHECK_OUT, 210 * MIN_MS, 0},    {KIOSK_CHECK_OUT, 211 * MIN_MS, 0}};
    presence_of(f, 2, &p);
    CHECK_INT(p.state, PRESENCE_LEFT);
    CHECK_INT(presence_records(&p, KIOSK_CHECK_IN), KIOSK_CHECK_RETURN);
    CHECK_INT(presence_records(&p, KIOSK_CHECK_OUT), 0);
    CHECK(presence_undo_allowed(&p, 112 * MIN_MS, WINDOW));      /* 10 min: yes */
    CHECK(!presence_undo_allowed(&p, 112 * MIN_MS + 1, WINDOW)); /* a ms later: no */
    CHECK(presence_undo_allowed(&p, 101 * MIN_MS, WINDOW));      /* clocks a minute apart */
    CHECK(!presence_undo_allowed(&p, 91 * MIN_MS, WINDOW));
    CHECK(!presence_undo_allowed(&p, 103 * MIN_MS, 0)); /* checkout_undo_min = 0 */
    presence_of(f, 4, &p);                              /* the 200 check-out was cancelled */
    CHECK_INT(p.state, PRESENCE_IN);
    CHECK_INT(p.returns, 1);
    CHECK_INT(presence_records(&p, KIOSK_CHECK_IN), 0);
    CHECK(!presence_undo_allowed(&p, 151 * MIN_MS, WINDOW));
    presence_of(f, 6, &p); /* two kiosks each took a check-out: she left at the first */
    CHECK_INT(p.state, PRESENCE_LEFT);
    CHECK(p.last_out_ms == 210 * MIN_MS);
    CHECK_INT(p.outs, 2);
    CHECK(p.first_in_ms == 100 * MIN_MS);

    struct presence_fact out_only[] = {{KIOSK_CHECK_OUT, 5, 0}}; /* out, never in */
    presence_of(out_only, 1, &p);
    CHECK_INT(presence_records(&p, KIOSK_CHECK_IN), KIOSK_CHECK_IN);
}

static int mark_of(store *s, const char *person_id)
{
    struct attendance a;
    int found = -1;
    CHECK_INT(attendance_open(s, "MDN-MK", kiosk_clock_now_ms(), &a), KIOSK_OK);
    struct attendance_row row;
    while (attendance_next(&a, &row) == 1)
        if (strcmp(row.person_id, person_id) == 0)
            found = row.marks[0];
    attendance_close(&a);
    return found;
}

/* The sheet's first in and last out of her row (0: the cell shows no times). */
static int left_of(store *s, const char *person_id, int64_t *in_ms, int64_t *out_ms)
{
    struct attendance a;
    int found = 0;
    CHECK_INT(attendance_open(s, "MDN-MK", kiosk_clock_now_ms(), &a), KIOSK_OK);
    struct attendance_row row;
    while (attendance_next(&a, &row) == 1)
        if (strcmp(row.person_id, person_id) == 0)
            found = attendance_left(&a, &row, 0, in_ms, out_ms);
    attendance_close(&a);
    return found;
}

static struct kiosk_presence presence_now(store *s, const char *sess, const char *who)
{
    struct kiosk_presence p;
    CHECK_INT(store_presence_get(s, sess, who, WINDOW, &p), KIOSK_OK);
    return p;
}

/* 07:40 in, 07:42 out by mistake, undone at 07:45; undo twice refused; out at 09:00 and
 * too late to undo at 09:11; back at 09:20 (a return); out again at 10:30. */
static void undo_and_return(store *s, const char *sess, const char *lan)
{
    struct kiosk_checkin ci;
    struct kiosk_presence p;
    fx_at(2025, 3, 10, 7, 40);
    CHECK_INT(store_check_in(s, sess, lan, KIOSK_CHECK_IN, 0, NULL, &ci), KIOSK_OK);
    int64_t in_at = ci.at_ms;
    int64_t out_at = fx_at(2025, 3, 10, 7, 42);
    CHECK_INT(store_check_in(s, sess, lan, KIOSK_CHECK_OUT, 0, NULL, &ci), KIOSK_OK);
    fx_at(2025, 3, 10, 7, 45);
    p = presence_now(s, sess, lan);
    CHECK_INT(p.state, KIOSK_PRESENCE_LEFT);
    CHECK(p.undo_until_ms == out_at + WINDOW);
    CHECK_INT(store_checkout_undo(s, sess, lan, WINDOW, &p), KIOSK_OK);
    CHECK_INT(p.state, KIOSK_PRESENCE_IN);
    CHECK(p.first_in_ms == in_at && p.undo_until_ms == 0);
    CHECK_INT(store_checkout_undo(s, sess, lan, WINDOW, &p), KIOSK_E_NOT_FOUND); /* twice */
    CHECK_INT(fx_count(s, "SELECT count(*) FROM attendance_marks WHERE mark=4 AND "
                          "by_whom='trainee'"),
              1);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM log WHERE kind='attendance.correct' AND "
                          "detail LIKE '%by=trainee'"),
              1);
    fx_at(2025, 3, 10, 9, 0);
    CHECK_INT(store_check_in(s, sess, lan, KIOSK_CHECK_OUT, 0, NULL, &ci), KIOSK_OK);
    fx_at(2025, 3, 10, 9, 11);
    CHECK(presence_now(s, sess, lan).undo_until_ms == 0);
    CHECK_INT(store_checkout_undo(s, sess, lan, WINDOW, NULL), KIOSK_E_DENIED);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM attendance_marks"), 1); /* nothing stored */
    int64_t sheet_in, sheet_out;
    CHECK(left_of(s, lan, &sheet_in, &sheet_out) && sheet_in == in_at &&
          sheet_out == kiosk_local_make_ms(2025, 3, 10, 9, 0));
    fx_at(2025, 3, 10, 9, 20);
    CHECK_INT(store_check_in(s, sess, lan, KIOSK_CHECK_IN, 0, NULL, &ci), KIOSK_OK);
    CHECK(!left_of(s, lan, &sheet_in, &sheet_out)); /* back: in since 07:40, no time out */
    CHECK_INT(ci.kind, KIOSK_CHECK_RETURN);
    CHECK_INT(ci.late, 0); /* 50 minutes after the start, but she came at 07:40 */
    fx_at(2025, 3, 10, 9, 25);
    CHECK_INT(store_check_in(s, sess, lan, KIOSK_CHECK_IN, 0, NULL, &ci), KIOSK_E_EXISTS);
    CHECK(ci.at_ms == in_at && ci.kind == KIOSK_CHECK_IN);
    out_at = fx_at(2025, 3, 10, 10, 30);
    CHECK_INT(store_check_in(s, sess, lan, KIOSK_CHECK_OUT, 0, NULL, &ci), KIOSK_OK);
    CHECK_INT(store_check_in(s, sess, lan, KIOSK_CHECK_OUT, 0, NULL, &ci), KIOSK_E_EXISTS);
    CHECK(ci.at_ms == out_at);
    p = presence_now(s, sess, lan);
    CHECK(p.state == KIOSK_PRESENCE_LEFT && p.first_in_ms == in_at && p.last_out_ms == out_at);
    CHECK_INT(p.returns, 1);
    CHECK_INT(mark_of(s, lan), MARK_PRESENT); /* the return is no second arrival, not late */
    CHECK(left_of(s, lan, &sheet_in, &sheet_out) && sheet_in == in_at && sheet_out == out_at);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM checkins WHERE kind=3"), 1);
}

static void sync_from(store *to, const char *from_name)
{
    char path[600], err[256];
    kiosk_fmt(path, sizeof path, "%s/%s", fx_dir, from_name);
    CHECK_INT(sync_run(to, path, NULL, NULL, err, sizeof err), KIOSK_OK);
}

/* Kiosk B learns of the 10:30 check-out and undoes it; A learns of the undo. Then she taps
 * "leaving" at both before they sync: one undo takes back both. */
static void two_kiosks(store *a, const char *sess, const char *lan)
{
    store *b = fx_open("presence-b.db");
    sync_from(b, "presence-a.db");
    fx_at(2025, 3, 10, 10, 35);
    CHECK_INT(presence_now(b, sess, lan).state, KIOSK_PRESENCE_LEFT);
    CHECK_INT(store_checkout_undo(b, sess, lan, WINDOW, NULL), KIOSK_OK);
    sync_from(b, "presence-a.db");
    CHECK_INT(presence_now(a, sess, lan).state, KIOSK_PRESENCE_IN);
    CHECK_INT(store_checkout_undo(a, sess, lan, WINDOW, NULL), KIOSK_E_NOT_FOUND);
    struct kiosk_checkin ci;
    fx_at(2025, 3, 10, 10, 50);
    CHECK_INT(store_check_in(a, sess, lan, KIOSK_CHECK_OUT, 0, NULL, &ci), KIOSK_OK);
    fx_at(2025, 3, 10, 10, 51);
    CHECK_INT(store_check_in(b, sess, lan, KIOSK_CHECK_OUT, 0, NULL, &ci), KIOSK_OK);
    sync_from(b, "presence-a.db");
    struct kiosk_presence p = presence_now(a, sess, lan);
    CHECK(p.state == KIOSK_PRESENCE_LEFT &&
          p.last_out_ms == kiosk_local_make_ms(2025, 3, 10, 10, 50));
    fx_at(2025, 3, 10, 10, 55);
    CHECK_INT(store_checkout_undo(a, sess, lan, WINDOW, &p), KIOSK_OK);
    CHECK_INT(p.state, KIOSK_PRESENCE_IN);
    sync_from(b, "presence-a.db");
    CHECK_INT(presence_now(b, sess, lan).state, KIOSK_PRESENCE_IN);
    CHECK_INT(fx_count(b, "SELECT count(*) FROM attendance_marks WHERE by_whom='trainee'"), 4);
    store_close(b);
}

static void row_check(void)
{
    CHECK(attendance_mark_row_valid(4, "0123456789abcdef0123456789abcdef", "x", "trainee"));
    CHECK(!attendance_mark_row_valid(1, "", "x", "trainee")); /* a trainee marks nothing */
    CHECK(!attendance_mark_row_valid(3, "", "x", "trainee"));
    CHECK(!attendance_mark_row_valid(4, "", "x", "trainee"));
}

int main(void)
{
    rule_alone();
    row_check();
    store *s = fx_open("presence-a.db");
    fx_at(2025, 3, 1, 9, 0);
    struct kiosk_event ev;
    struct kiosk_session ss;
    fx_class(s, "MDN-MK", 0, &ev, &ss);
    struct kiosk_registration reg;
    struct kiosk_person lan = fx_person("Trần Thị Lan", 1970, "0912 345 678", "Mỹ Khánh");
    CHECK_INT(store_register(s, ev.id, &lan, "kiosk", &reg, NULL), KIOSK_OK);
    undo_and_return(s, ss.id, lan.id);
    two_kiosks(s, ss.id, lan.id);
    store_close(s);
    fx_cleanup();
    return check_done();
}
