/* The program sheet's cell rules (core/program): session items in the forms people type and
 * the ones they get wrong, codes, and the row checks sync applies to incoming events and
 * sessions (a clock ahead, a week-long session, a code with a path in it). */
#include "check.h"
#include "export/export_strings.h"
#include "program/program.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *slot(const char *text, char *out, size_t cap)
{
    struct program_slot sl;
    char arg[128];
    const char *why = program_slot_parse(text, &sl, arg, sizeof arg);
    if (!why)
        program_slot_text(sl.starts_at_ms, sl.ends_at_ms, out, cap);
    return why;
}

static void test_slots(void)
{
    char out[64];
    CHECK(slot("02/03/2027 07:30-11:00", out, sizeof out) == NULL);
    CHECK_STR(out, "02/03/2027 07:30-11:00");
    CHECK(slot(" 2/3/2027  7:30 \xe2\x80\x93 11:00 ", out, sizeof out) == NULL); /* en dash */
    CHECK_STR(out, "02/03/2027 07:30-11:00");
    CHECK(slot("2027-03-02 07:30-11:00", out, sizeof out) == NULL);
    CHECK_STR(out, "02/03/2027 07:30-11:00");
    CHECK(slot("29/02/2028 08:00-17:00", out, sizeof out) == NULL); /* a leap year */
    CHECK_STR(slot("29/02/2027 08:00-17:00", out, sizeof out), "program.err.no_such_day");
    CHECK_STR(slot("31/02/2027 07:30-11:00", out, sizeof out), "program.err.no_such_day");
    CHECK_STR(slot("31/04/2027 07:30-11:00", out, sizeof out), "program.err.no_such_day");
    CHECK_STR(slot("02/13/2027 07:30-11:00", out, sizeof out), "program.err.no_such_day");
    CHECK_STR(slot("02/03/2027 11:00-07:30", out, sizeof out), "program.err.end_before_start");
    CHECK_STR(slot("02/03/2027 07:30-07:30", out, sizeof out), "program.err.end_before_start");
    CHECK_STR(slot("02/03/2027 25:00-26:00", out, sizeof out), "program.err.bad_time");
    CHECK_STR(slot("02/03/2027 07:60-11:00", out, sizeof out), "program.err.bad_time");
    CHECK_STR(slot("02/03/2027", out, sizeof out), "program.err.session_syntax");
    CHECK_STR(slot("07:30-11:00", out, sizeof out), "program.err.session_syntax");
    CHECK_STR(slot("02/03/27 07:30-11:00", out, sizeof out), "program.err.session_syntax");
    CHECK_STR(slot("02/03/2027 07:30-11:00 x", out, sizeof out), "program.err.session_syntax");
    CHECK_STR(slot("thứ hai 07:30-11:00", out, sizeof out), "program.err.session_syntax");
    CHECK_STR(slot("02/03/20270 07:30-11:00", out, sizeof out), "program.err.session_syntax");
    CHECK(slot("02/03/2027 13:30-24:00", out, sizeof out) == NULL);
}

static void test_codes(void)
{
    CHECK(program_code_valid("MDN-01"));
    CHECK(!program_code_valid(""));
    CHECK(!program_code_valid("MDN 01"));
    CHECK(!program_code_valid("../../x"));
    CHECK(!program_code_valid("Mã"));
    char long_code[80];
    memset(long_code, 'A', sizeof long_code - 1);
    long_code[sizeof long_code - 1] = '\0';
    CHECK(!program_code_valid(long_code));
}

static void test_rows(void)
{
    struct program_event ev = {0};
    kiosk_strlcpy(ev.e.code, "LOP-1", sizeof ev.e.code);
    kiosk_strlcpy(ev.e.title, "Tin học", sizeof ev.e.title);
    ev.e.kind = KIOSK_EVENT_CLASS;
    ev.e.signup_open = 1;
    int64_t now = 1800000000000LL, skew = 5 * 60 * 1000;
    CHECK(events_row_valid(&ev, now, now, skew) == NULL);
    CHECK_STR(events_row_valid(&ev, now + skew + 1, now, skew), "updated_at");
    ev.e.kind = 3;
    CHECK_STR(events_row_valid(&ev, now, now, skew), "kind");
    ev.e.kind = KIOSK_EVENT_FAIR;
    ev.cancelled = 2;
    CHECK_STR(events_row_valid(&ev, now, now, skew), "flag");
    ev.cancelled = 0;
    ev.e.capacity = -1;
    CHECK_STR(events_row_valid(&ev, now, now, skew), "capacity");
    struct kiosk_session s = {.number = 1, .starts_at_ms = now, .ends_at_ms = now + 3600000};
    CHECK(sessions_row_valid(&s, 0, now, now, skew) == NULL);
    CHECK_STR(sessions_row_valid(&s, 0, now + skew + 1, now, skew), "updated_at");
    s.ends_at_ms = now + 8 * 24 * 3600000LL;
    CHECK_STR(sessions_row_valid(&s, 0, now, now, skew), "ends_at");
    s.ends_at_ms = now;
    CHECK_STR(sessions_row_valid(&s, 0, now, now, skew), "ends_at");
    s.ends_at_ms = now + 1;
    s.number = 0;
    CHECK_STR(sessions_row_valid(&s, 0, now, now, skew), "number");
}

int main(void)
{
    setenv("TZ", "Asia/Ho_Chi_Minh", 1);
    test_slots();
    test_codes();
    test_rows();
    return check_done();
}
