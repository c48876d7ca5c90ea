/* The fair staff view's counts on the host's thread (host/fair_count.c, the fair sub-table's
 * stats_async): nothing before the day's first count ends, then the same figures as a count
 * made in place; a visit after it is counted by the next count only once the counts are
 * max_age old; another day starts again from nothing; a count that cannot open the database
 * says so. */
#include "store_fixture.h"

#include "host/fair_count.h"

#include <stdatomic.h>

static atomic_int wakes;

static void wake(void *user)
{
    (void)user;
    atomic_fetch_add(&wakes, 1);
}

static void visit(store *s, const char *fair_id, const char *session_id, int i)
{
    char name[64], phone[16];
    kiosk_fmt(name, sizeof name, "Khách Văn Số %c%c", 'A' + i / 26, 'A' + i % 26);
    kiosk_fmt(phone, sizeof phone, "09130%05d", i);
    struct kiosk_person p = fx_person(name, 1970 + i, phone, "");
    struct kiosk_registration reg;
    struct kiosk_checkin c;
    CHECK_INT(store_register(s, fair_id, &p, "kiosk", &reg, NULL), KIOSK_OK);
    CHECK_INT(store_check_in(s, session_id, p.id, KIOSK_CHECK_IN, 0, NULL, &c), KIOSK_OK);
}

/* The counts for day as the frame would ask at now: status, and *out when KIOSK_OK. */
static kiosk_status ask(store *s, const char *id, int64_t day, int64_t now,
                        struct kiosk_fair_stats *out)
{
    memset(out, 0, sizeof *out);
    return fair_count_get(store_path(s), id, day, now, 30000, wake, NULL, out);
}

int main(void)
{
    store *s = fx_open("count.db");
    struct kiosk_event fair = {0};
    kiosk_strlcpy(fair.code, "HC-CT", sizeof fair.code);
    fair.kind = KIOSK_EVENT_FAIR;
    kiosk_strlcpy(fair.title, "Hội chợ", sizeof fair.title);
    CHECK_INT(store_event_add(s, &fair, "", ""), KIOSK_OK);
    struct kiosk_session day = {0};
    kiosk_strlcpy(day.event_id, fair.id, sizeof day.event_id);
    day.starts_at_ms = kiosk_local_make_ms(2025, 4, 2, 8, 0);
    day.ends_at_ms = kiosk_local_make_ms(2025, 4, 2, 17, 0);
    CHECK_INT(store_session_add(s, &day), KIOSK_OK);
    int64_t t = fx_at(2025, 4, 2, 9, 0);
    for (int i = 0; i < 30; i++)
        visit(s, fair.id, day.id, i);

    struct kiosk_fair_stats got, want;
    CHECK_INT(ask(s, fair.id, t, t, &got), KIOSK_E_NOT_FOUND); /* the first count runs */
    CHECK(fair_count_settle(10000));
    CHECK(atomic_load(&wakes) >= 1);
    CHECK_INT(ask(s, fair.id, t, t + 1000, &got), KIOSK_OK);
    CHECK_INT(store_fair_stats(s, fair.id, t, &want), KIOSK_OK);
    CHECK(memcmp(&got, &want, sizeof got) == 0);
    CHECK_INT(got.visitors, 30);

    /* one more visit: the counts stay as they were until they are 30 s old */
    fx_at(2025, 4, 2, 9, 5);
    visit(s, fair.id, day.id, 30);
    CHECK_INT(ask(s, fair.id, t, t + 20000, &got), KIOSK_OK);
    CHECK(!fair_count_settle(100)); /* none was started */
    CHECK_INT(got.visitors, 30);
    CHECK_INT(ask(s, fair.id, t, t + 31000, &got), KIOSK_OK); /* old: a new count starts */
    CHECK_INT(got.visitors, 30);                              /* ... the old ones meanwhile */
    CHECK(fair_count_settle(10000));
    CHECK_INT(ask(s, fair.id, t, t + 31500, &got), KIOSK_OK);
    CHECK_INT(got.visitors, 31);

    /* another day: nothing until its own first count */
    int64_t next = kiosk_local_make_ms(2025, 4, 3, 9, 0);
    CHECK_INT(ask(s, fair.id, next, next, &got), KIOSK_E_NOT_FOUND);
    CHECK(fair_count_settle(10000));
    CHECK_INT(ask(s, fair.id, next, next + 10, &got), KIOSK_OK);
    CHECK_INT(got.visitors, 0);

    /* a database that is not there: the count fails and says so */
    fair_count_stop();
    CHECK_INT(fair_count_get("/nonexistent/kiosk.db", fair.id, t, t, 30000, NULL, NULL, &got),
              KIOSK_E_NOT_FOUND);
    CHECK(fair_count_settle(10000));
    CHECK_INT(fair_count_get("/nonexistent/kiosk.db", fair.id, t, t + 10, 30000, NULL, NULL, &got),
              KIOSK_E_IO);
    fair_count_stop();
    store_close(s);
    fx_cleanup();
    return check_done();
}
