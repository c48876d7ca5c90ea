/* The staff view's figures are counted visit by visit (store/fair_tally.c), never recounted:
 * after every few visits, the running tally of one handle equals a full count made by a fresh
 * handle, including visits another connection (the sync worker's, a second kiosk's file) wrote,
 * a visitor who comes twice, one who registered the day before, and another day asked. */
#include "store_fixture.h"

static const char *const interests[] = {"may mặc", "bội hoa kiểng", "sản phẩm đan dây nhựa",
                                        "May mac"};

static int same(const struct kiosk_fair_stats *a, const struct kiosk_fair_stats *b)
{
    return memcmp(a, b, sizeof *a) == 0;
}

/* The running tally of s beside a full count from a new handle on the same file. */
static void compare(store *s, const char *fair_id, int64_t day)
{
    struct kiosk_fair_stats running, fresh;
    CHECK_INT(store_fair_stats(s, fair_id, day, &running), KIOSK_OK);
    store *other = fx_open("tally.db");
    CHECK_INT(store_fair_stats(other, fair_id, day, &fresh), KIOSK_OK);
    store_close(other);
    CHECK(same(&running, &fresh));
    if (!same(&running, &fresh))
        fprintf(stderr, "visitors %d/%d new %d/%d\n", running.visitors, fresh.visitors,
                running.new_visitors, fresh.new_visitors);
}

static void visit(store *s, const char *fair_id, const char *session_id, int i, int hour)
{
    fx_at(2025, 4, 2, hour, i % 60);
    char name[64], phone[16], extra[160];
    kiosk_fmt(name, sizeof name, "Khách Thị Số %c%c", 'A' + i / 26, 'A' + i % 26);
    kiosk_fmt(phone, sizeof phone, "09120%05d", i);
    kiosk_fmt(extra, sizeof extra, "{\"interests\":[\"%s\",\"%s\"]}", interests[i % 4],
              interests[(i / 4) % 4]);
    struct kiosk_person p = fx_person(name, 1960 + i % 50, phone, "");
    p.extra_json = extra;
    struct kiosk_registration reg;
    struct kiosk_checkin c;
    CHECK_INT(store_register(s, fair_id, &p, "kiosk", &reg, NULL), KIOSK_OK);
    CHECK_INT(store_check_in(s, session_id, p.id, KIOSK_CHECK_IN, 0, NULL, &c), KIOSK_OK);
}

int main(void)
{
    store *s = fx_open("tally.db");
    struct kiosk_event fair = {0};
    kiosk_strlcpy(fair.code, "HC-KG", sizeof fair.code);
    fair.kind = KIOSK_EVENT_FAIR;
    kiosk_strlcpy(fair.title, "Hội chợ công nghiệp - thương mại", sizeof fair.title);
    kiosk_strlcpy(fair.interests, "sản phẩm đan dây nhựa\nmay mặc\nbội hoa kiểng",
                  sizeof fair.interests);
    CHECK_INT(store_event_add(s, &fair, "", ""), KIOSK_OK);
    struct kiosk_session day[2];
    for (int i = 0; i < 2; i++) {
        memset(&day[i], 0, sizeof day[i]);
        kiosk_strlcpy(day[i].event_id, fair.id, sizeof day[i].event_id);
        day[i].starts_at_ms = kiosk_local_make_ms(2025, 4, 1 + i, 8, 0);
        day[i].ends_at_ms = kiosk_local_make_ms(2025, 4, 1 + i, 17, 0);
        CHECK_INT(store_session_add(s, &day[i]), KIOSK_OK);
    }
    int64_t d1 = kiosk_local_make_ms(2025, 4, 1, 12, 0),
            d2 = kiosk_local_make_ms(2025, 4, 2, 12, 0);
    /* a visitor of day 1 who comes back on day 2: returning */
    fx_at(2025, 4, 1, 9, 0);
    struct kiosk_person back = fx_person("Phan Thị Diễm", 1980, "0912791013", "");
    back.extra_json = "{\"interests\":[\"may mặc\"]}";
    struct kiosk_registration reg;
    struct kiosk_checkin c;
    CHECK_INT(store_register(s, fair.id, &back, "kiosk", &reg, NULL), KIOSK_OK);
    CHECK_INT(store_check_in(s, day[0].id, back.id, KIOSK_CHECK_IN, 0, NULL, &c), KIOSK_OK);
    compare(s, fair.id, d2); /* nobody yet today */
    for (int i = 0; i < 40; i++) {
        visit(s, fair.id, day[1].id, i, 8 + i / 6);
        if (i == 10) {
            fx_at(2025, 4, 2, 10, 30);
            CHECK_INT(store_check_in(s, day[1].id, back.id, KIOSK_CHECK_IN, 0, NULL, &c), KIOSK_OK);
        }
        if (i == 20) { /* another connection writes visits: the tally sees them too */
            store *other = fx_open("tally.db");
            for (int k = 100; k < 105; k++)
                visit(other, fair.id, day[1].id, k, 12);
            store_close(other);
        }
        if (i % 5 == 4)
            compare(s, fair.id, d2);
    }
    compare(s, fair.id, d1); /* another day: its own tally */
    compare(s, fair.id, d2); /* and back */
    struct kiosk_fair_stats fs;
    CHECK_INT(store_fair_stats(s, fair.id, d2, &fs), KIOSK_OK);
    CHECK_INT(fs.visitors, 46);
    CHECK_INT(fs.returning, 1);
    CHECK_INT(fs.new_visitors, 45);
    store_close(s);
    fx_cleanup();
    return check_done();
}
