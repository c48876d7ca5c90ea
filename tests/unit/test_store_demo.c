/* The demo program: what a newcomer sees on the first day (sessions today, trainees on the
 * rosters, namesakes), and that it never fills a database that already has a program. */
#include "program/program.h"
#include "store_fixture.h"

#include <sys/stat.h>

static int sessions_today(store *s, const char *code, int hour, int minute)
{
    struct kiosk_event ev;
    struct kiosk_session sess;
    if (store_event_get(s, code, &ev) != KIOSK_OK)
        return 0;
    int64_t now = kiosk_clock_now_ms();
    struct tm tm;
    kiosk_local_tm(now, &tm);
    int64_t at = kiosk_local_make_ms(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, hour, minute);
    return store_session_at(s, ev.id, at, &sess) == KIOSK_OK && sess.starts_at_ms <= at;
}

static void test_fill(void)
{
    int64_t today = fx_at(2025, 3, 10, 6, 45);
    store *s = fx_open("demo.db");
    CHECK_INT(program_demo_fill(s, today), KIOSK_OK);
    struct kiosk_event *ev = NULL;
    size_t n = 0;
    CHECK_INT(store_events_list(s, KIOSK_EVENT_CLASS, &ev, &n), KIOSK_OK);
    CHECK_INT(n, 12);
    free(ev);
    CHECK_INT(store_events_list(s, KIOSK_EVENT_FAIR, &ev, &n), KIOSK_OK);
    CHECK_INT(n, 2);
    free(ev);

    /* every craft class runs a morning session today, 07:30-11:00 */
    const char *craft[] = {"MDN-MK", "MDN-TT", "MDN-PD", "DDN-CD", "DBHK-TT", "DDN-TT"};
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(craft); i++) {
        CHECK(sessions_today(s, craft[i], 7, 30));
        CHECK(sessions_today(s, craft[i], 10, 59));
    }
    /* business classes are later, open for sign-up */
    const char *business[] = {"PAKD-01", "KSDN-01", "KSDN-02", "KSDN-03", "VHKD-01", "THUH-01"};
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(business); i++) {
        struct kiosk_event e;
        CHECK_INT(store_event_get(s, business[i], &e), KIOSK_OK);
        CHECK(e.starts_at_ms > today + 24 * 3600 * 1000LL);
        CHECK_INT(e.signup_open, 1);
        CHECK_STR(e.province, "TP Cần Thơ");
    }
    struct kiosk_event mk, dbhk, fair;
    CHECK_INT(store_event_get(s, "MDN-MK", &mk), KIOSK_OK);
    CHECK_STR(mk.title, "May và đan dây nhựa");
    CHECK_STR(mk.place, "xã Mỹ Khánh, huyện Phong Điền");
    CHECK_INT(mk.capacity, 30);
    CHECK(mk.registered >= 8);
    CHECK_INT(store_event_get(s, "DBHK-TT", &dbhk), KIOSK_OK);
    CHECK_INT(dbhk.signature_required, 1);
    CHECK_INT(store_event_get(s, "HC-DT", &fair), KIOSK_OK);
    CHECK_INT(fair.kind, KIOSK_EVENT_FAIR);
    CHECK_STR(fair.province, "tỉnh Đồng Tháp");
    CHECK(strstr(fair.interests, "bội hoa kiểng\n") != NULL);
    CHECK(store_event_has_session_on_day(s, fair.id, today));

    /* MDN-MK's roster has the namesakes a trainee must tell apart */
    struct kiosk_person_hit *hits = NULL;
    CHECK_INT(store_people_search(s, "nguyen thi ho", mk.id, 20, &hits, &n), KIOSK_OK);
    int hoa = 0, hoa_grave = 0;
    for (size_t i = 0; i < n; i++) {
        hoa += strcmp(hits[i].person.full_name, "Nguyễn Thị Hoa") == 0;
        hoa_grave += strcmp(hits[i].person.full_name, "Nguyễn Thị Hòa") == 0;
    }
    free(hits);
    CHECK_INT(hoa, 1);
    CHECK_INT(hoa_grave, 2);
    CHECK_INT(fx_count(s, "SELECT count(DISTINCT birth_year) FROM people WHERE "
                          "name_key='nguyen thi hoa'"),
              3);

    /* a second fill is refused and changes nothing */
    int people = fx_count(s, "SELECT count(*) FROM people");
    CHECK_INT(program_demo_fill(s, today), KIOSK_E_EXISTS);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM people"), people);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM events"), 14);
    store_close(s);
}

/* A broken data file fills nothing at all. */
static void test_bad_file(void)
{
    char dir[600], path[700];
    kiosk_fmt(dir, sizeof dir, "%s/assets/demo", fx_dir);
    CHECK_INT(kiosk_mkdirs(dir, 0700), 0);
    kiosk_fmt(path, sizeof path, "%s/program.csv", dir);
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (!f)
        return;
    fputs("Mã,Loại,Tên,Tỉnh/Thành phố,Các buổi\n", f);
    fputs("MDN-MK,lớp học,May,TP Cần Thơ,01/01/2030 07:30-11:00\n", f);
    fputs("DDN-CD,lớp học,Đan dây nhựa,TP Cần Thơ,today at eight\n", f);
    fclose(f);
    setenv("KIOSK_DATA_DIR", fx_dir, 1);
    store *s = fx_open("bad.db");
    CHECK_INT(program_demo_fill(s, kiosk_clock_now_ms()), KIOSK_E_CORRUPT);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM events"), 0);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM sessions"), 0);
    store_close(s);
    unsetenv("KIOSK_DATA_DIR");
}

int main(void)
{
    test_fill();
    test_bad_file();
    fx_cleanup();
    return check_done();
}
