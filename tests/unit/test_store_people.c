/* People, registrations, consents and search through the store, on a real file. */
#include "store/store_internal.h"
#include "store_fixture.h"

/* "Nguyễn Thị Hòa" in NFD: base letters followed by combining marks. */
#define HOA_NFD                                                                                    \
    "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Ho\xcc\x80"                                                \
    "a"

static void test_person_save(store *s)
{
    struct kiosk_person p = fx_person("  TRẦN   văn  BÌNH ", 1980, "0907 654 304", "xã Mỹ Khánh");
    const char *why = NULL;
    CHECK_INT(store_person_save(s, &p, &why), KIOSK_OK);
    CHECK(p.id[0] != '\0');
    CHECK_STR(p.full_name, "Trần Văn Bình");
    CHECK_STR(p.phone, "+84907654304");
    struct kiosk_person got;
    CHECK_INT(store_person_get(s, p.id, &got), KIOSK_OK);
    CHECK_STR(got.full_name, "Trần Văn Bình");
    CHECK_INT(store_person_by_phone(s, "+84 907 654 304", &got), KIOSK_OK);
    CHECK_STR(got.id, p.id);
    /* typed without accents, same year and commune: her (the identity rule) */
    struct kiosk_person typed = fx_person("Tran Van Binh", 1980, "", "Mỹ Khánh");
    CHECK_INT(store_person_find_same(s, &typed, &got, NULL), KIOSK_OK);
    CHECK_STR(got.id, p.id);
    typed.birth_year = 1981; /* another year: at most a probable duplicate */
    CHECK_INT(store_person_find_same(s, &typed, &got, NULL), KIOSK_E_NOT_FOUND);
    /* the updated_by is this kiosk */
    CHECK_INT(fx_count(s, "SELECT count(*) FROM people WHERE updated_by=kiosk_id"), 1);

    struct kiosk_person empty = fx_person("   ", 1990, "", "");
    why = NULL;
    CHECK_INT(store_person_save(s, &empty, &why), KIOSK_E_INVALID);
    CHECK(why != NULL);
    CHECK(empty.id[0] == '\0');
    struct kiosk_person badphone = fx_person("Lê Thị Ánh", 1990, "12345", "");
    why = NULL;
    CHECK_INT(store_person_save(s, &badphone, &why), KIOSK_E_INVALID);
    CHECK(why != NULL && strncmp(why, "phone.", 6) == 0);
    struct kiosk_person badyear = fx_person("Lê Thị Ánh", 1790, "", "");
    CHECK_INT(store_person_save(s, &badyear, &why), KIOSK_E_INVALID);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM people"), 1); /* nothing half-stored */
}

static void test_person_versions(store *s)
{
    fx_at(2025, 3, 1, 9, 0);
    struct kiosk_person p = fx_person("Võ Thị Kim Loan", 1983, "", "xã Giai Xuân");
    CHECK_INT(store_person_save(s, &p, NULL), KIOSK_OK);
    int64_t t0 = kiosk_clock_now_ms();
    /* an older version from another kiosk does not replace the newer one */
    struct kiosk_person old = p;
    kiosk_strlcpy(old.commune, "xã Nhơn Ái", sizeof old.commune);
    CHECK_INT(store_person_put_version(s, &old, t0 - 60000, "ffffffffffffffffffffffffffffffff"),
              KIOSK_E_EXISTS);
    struct kiosk_person got;
    CHECK_INT(store_person_get(s, p.id, &got), KIOSK_OK);
    CHECK_STR(got.commune, "xã Giai Xuân");
    /* a later one does */
    struct kiosk_person newer = p;
    kiosk_strlcpy(newer.commune, "xã Trường Long", sizeof newer.commune);
    CHECK_INT(store_person_put_version(s, &newer, t0 + 60000, "00000000000000000000000000000001"),
              KIOSK_OK);
    CHECK_INT(store_person_get(s, p.id, &got), KIOSK_OK);
    CHECK_STR(got.commune, "xã Trường Long");
    /* same time: the higher kiosk id wins, everywhere the same */
    struct kiosk_person tie = p;
    kiosk_strlcpy(tie.commune, "xã Mỹ Khánh", sizeof tie.commune);
    CHECK_INT(store_person_put_version(s, &tie, t0 + 60000, "00000000000000000000000000000000"),
              KIOSK_E_EXISTS);
    CHECK_INT(store_person_put_version(s, &tie, t0 + 60000, "00000000000000000000000000000002"),
              KIOSK_OK);
    /* an edit made here with the clock behind still becomes the latest version */
    fx_at(2025, 2, 1, 9, 0);
    got.birth_year = 1984;
    CHECK_INT(store_person_save(s, &got, NULL), KIOSK_OK);
    struct kiosk_person after;
    CHECK_INT(store_person_get(s, p.id, &after), KIOSK_OK);
    CHECK_INT(after.birth_year, 1984);
    char q[256];
    kiosk_fmt(q, sizeof q, "SELECT updated_at > %lld FROM people WHERE id='%s'",
              (long long)(t0 + 60000), p.id);
    CHECK_INT(fx_count(s, q), 1);
}

static void test_dedupe(store *s)
{
    struct kiosk_event ev;
    struct kiosk_session sess;
    fx_class(s, "MDN-MK", 0, &ev, &sess);
    struct kiosk_registration r1, r2;
    struct kiosk_person a = fx_person("Nguyễn Thị Hòa", 1978, "0918 456 702", "xã Mỹ Khánh");
    CHECK_INT(store_register(s, ev.id, &a, "kiosk", &r1, NULL), KIOSK_OK);
    CHECK_INT(r1.status, KIOSK_REG_REGISTERED);

    /* same phone, written another way, her name without accents */
    struct kiosk_person b = fx_person("Nguyen Thi Hoa", 0, "+84918456702", "");
    CHECK_INT(store_register(s, "MDN-MK", &b, "kiosk", &r2, NULL), KIOSK_E_EXISTS);
    CHECK_STR(r2.id, r1.id);
    CHECK_STR(b.id, a.id);
    CHECK_STR(b.full_name, "Nguyễn Thị Hòa"); /* p comes back as the registered person */

    /* her name typed without accents, and in NFD, no phone, same year and commune */
    struct kiosk_person c = fx_person("nguyen thi hoa", 1978, "", "Mỹ Khánh");
    CHECK_INT(store_register(s, ev.id, &c, "kiosk", &r2, NULL), KIOSK_E_EXISTS);
    CHECK_STR(r2.id, r1.id);
    struct kiosk_person d = fx_person(HOA_NFD, 1978, "", "xã Mỹ Khánh");
    CHECK_INT(store_register(s, ev.id, &d, "import", &r2, NULL), KIOSK_E_EXISTS);
    CHECK_STR(r2.id, r1.id);

    /* namesakes with another birth year are other people */
    struct kiosk_person e = fx_person("Nguyễn Thị Hòa", 1992, "0939 112 203", "xã Nhơn Ái");
    CHECK_INT(store_register(s, ev.id, &e, "kiosk", &r2, NULL), KIOSK_OK);
    CHECK(strcmp(r2.id, r1.id) != 0);
    CHECK(strcmp(e.id, a.id) != 0);
    struct kiosk_person f = fx_person("Nguyễn Thị Hoa", 1985, "0901 234 501", "xã Mỹ Khánh");
    CHECK_INT(store_register(s, ev.id, &f, "kiosk", &r2, NULL), KIOSK_OK);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM registrations"), 3);

    /* a registered person registering again by id */
    struct kiosk_person again = a;
    CHECK_INT(store_register(s, ev.id, &again, "kiosk", &r2, NULL), KIOSK_E_EXISTS);
    CHECK_STR(r2.id, r1.id);

    /* the same phone in another event is the same person, not a new one */
    struct kiosk_event ev2;
    struct kiosk_session sess2;
    fx_class(s, "DBHK-TT", 0, &ev2, &sess2);
    struct kiosk_person g = fx_person("Nguyễn Thị Hòa", 0, "0918456702", "");
    CHECK_INT(store_register(s, ev2.id, &g, "kiosk", &r2, NULL), KIOSK_OK);
    CHECK_STR(g.id, a.id);
    CHECK_INT(g.birth_year, 1978); /* kept from what was known */

    /* every registration left a log row, without names or phones */
    CHECK_INT(fx_count(s, "SELECT count(*) FROM log WHERE kind='register'"), 4);
    /* (the phone's own digits: "918" alone stands in a random hex id now and then) */
    CHECK_INT(fx_count(s, "SELECT count(*) FROM log WHERE detail LIKE '%Hòa%' OR detail LIKE "
                          "'%918456702%' OR subject LIKE '%918456702%'"),
              0);
}

static void test_capacity(store *s)
{
    struct kiosk_event ev;
    struct kiosk_session sess;
    fx_class(s, "KSDN-01", 2, &ev, &sess);
    const char *names[] = {"Lâm Thị Mỹ Duyên", "Trương Văn Hậu", "Lê Văn Thành", "Bùi Văn Lợi"};
    struct kiosk_registration r[4];
    for (int i = 0; i < 4; i++) {
        struct kiosk_person p = fx_person(names[i], 1980 + i, "", "");
        CHECK_INT(store_register(s, ev.id, &p, "kiosk", &r[i], NULL), KIOSK_OK);
    }
    CHECK_INT(r[0].status, KIOSK_REG_REGISTERED);
    CHECK_INT(r[1].status, KIOSK_REG_REGISTERED);
    CHECK_INT(r[2].status, KIOSK_REG_WAITLIST);
    CHECK_INT(r[2].waitlist_position, 1);
    CHECK_INT(r[3].status, KIOSK_REG_WAITLIST);
    CHECK_INT(r[3].waitlist_position, 2);
    struct kiosk_registration got;
    CHECK_INT(store_registration_get(s, ev.id, r[3].person_id, &got), KIOSK_OK);
    CHECK_INT(got.waitlist_position, 2);
    /* someone already in the room is not wait-listed */
    struct kiosk_person w = fx_person("Đặng Văn Đức", 1975, "", "");
    CHECK_INT(store_register(s, ev.id, &w, "walkin", &got, NULL), KIOSK_OK);
    CHECK_INT(got.status, KIOSK_REG_WALKIN);
    struct kiosk_event after;
    CHECK_INT(store_event_get(s, "KSDN-01", &after), KIOSK_OK);
    CHECK_INT(after.registered, 3); /* seats held: two registered, one walk-in */
}

static void test_search(store *s)
{
    /* from test_dedupe: Nguyễn Thị Hòa 1978, Nguyễn Thị Hòa 1992, Nguyễn Thị Hoa 1985, and
     * from test_person_save / test_capacity: Trần Văn Bình, ... */
    struct kiosk_person_hit *hits = NULL;
    size_t n = 0;
    CHECK_INT(store_people_search(s, "nguyen thi", NULL, 20, &hits, &n), KIOSK_OK);
    CHECK_INT(n, 3);
    for (size_t i = 0; i < n; i++)
        CHECK(strncmp(hits[i].person.full_name, "Nguyễn Thị", strlen("Nguyễn Thị")) == 0);
    free(hits);

    CHECK_INT(store_people_search(s, "hoa", NULL, 20, &hits, &n), KIOSK_OK);
    int hoa = 0, hoa_grave = 0;
    for (size_t i = 0; i < n; i++) {
        hoa += strcmp(hits[i].person.full_name, "Nguyễn Thị Hoa") == 0;
        hoa_grave += strcmp(hits[i].person.full_name, "Nguyễn Thị Hòa") == 0;
    }
    CHECK_INT(hoa, 1);
    CHECK_INT(hoa_grave, 2);
    free(hits);

    /* typed accents rank the exact spelling first */
    CHECK_INT(store_people_search(s, "Hòa", NULL, 20, &hits, &n), KIOSK_OK);
    CHECK_INT(n, 3);
    if (n == 3) {
        CHECK_STR(hits[0].person.full_name, "Nguyễn Thị Hòa");
        CHECK_STR(hits[1].person.full_name, "Nguyễn Thị Hòa");
        CHECK_STR(hits[2].person.full_name, "Nguyễn Thị Hoa");
        CHECK(hits[0].score > hits[2].score);
    }
    free(hits);
    /* limited to an event: only its registered people */
    struct kiosk_event ev;
    CHECK_INT(store_event_get(s, "DBHK-TT", &ev), KIOSK_OK);
    CHECK_INT(store_people_search(s, "hoa", ev.id, 20, &hits, &n), KIOSK_OK);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_INT(hits[0].person.birth_year, 1978);
        CHECK_INT(hits[0].registered, 1);
    }
    free(hits);

    /* a person saved after the index was built is found at once */
    struct kiosk_person p = fx_person("Nguyễn Văn Chiến", 1984, "", "xã Định Môn");
    CHECK_INT(store_person_save(s, &p, NULL), KIOSK_OK);
    CHECK_INT(store_people_search(s, "chien", NULL, 20, &hits, &n), KIOSK_OK);
    CHECK_INT(n, 1);
    free(hits);
    /* and a renamed one under the new name only */
    kiosk_strlcpy(p.full_name, "Nguyễn Văn Chiếu", sizeof p.full_name);
    CHECK_INT(store_person_save(s, &p, NULL), KIOSK_OK);
    CHECK_INT(store_people_search(s, "chien", NULL, 20, &hits, &n), KIOSK_OK);
    CHECK_INT(n, 0);
    free(hits);
    CHECK_INT(store_people_search(s, "chieu", NULL, 20, &hits, &n), KIOSK_OK);
    CHECK_INT(n, 1);
    free(hits);
}

static void test_consents(store *s)
{
    struct kiosk_person p = fx_person("Lê Thị Ánh", 1990, "0388 765 405", "");
    CHECK_INT(store_person_save(s, &p, NULL), KIOSK_OK);
    CHECK_INT(store_consent_granted(s, p.id, KIOSK_CONSENT_CONTACT), 0); /* never asked */
    CHECK_INT(store_consent_set(s, p.id, KIOSK_CONSENT_CONTACT, 1, "v1"), KIOSK_OK);
    CHECK_INT(store_consent_granted(s, p.id, KIOSK_CONSENT_CONTACT), 1);
    CHECK_INT(store_consent_granted(s, p.id, KIOSK_CONSENT_SHARE), 0);
    CHECK_INT(store_consent_set(s, p.id, KIOSK_CONSENT_CONTACT, 0, "v1"), KIOSK_OK);
    CHECK_INT(store_consent_granted(s, p.id, KIOSK_CONSENT_CONTACT), 0); /* latest wins */
    CHECK_INT(store_consent_set(s, p.id, KIOSK_CONSENT_CONTACT, 1, "v2"), KIOSK_OK);
    CHECK_INT(store_consent_granted(s, p.id, KIOSK_CONSENT_CONTACT), 1);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM consents"), 3); /* every answer kept */
    CHECK_INT(fx_count(s, "SELECT count(*) FROM log WHERE kind='consent'"), 3);
    CHECK_INT(store_consent_set(s, "nosuchperson", KIOSK_CONSENT_CONTACT, 1, "v1"),
              KIOSK_E_NOT_FOUND);
    CHECK(sqlite3_exec(store_db(s), "UPDATE consents SET granted=0", NULL, NULL, NULL) !=
          SQLITE_OK);
}

/* An import wraps many registrations in one transaction: each stays all-or-nothing, and
 * the outer one decides what is kept. */
static void test_nested(store *s)
{
    struct kiosk_event ev;
    struct kiosk_session sess;
    fx_class(s, "THUH-01", 0, &ev, &sess);
    struct kiosk_registration reg;
    CHECK_INT(store_begin(s), KIOSK_OK);
    struct kiosk_person a = fx_person("Dương Thị Kiều", 1984, "0934 135 417", "");
    struct kiosk_person b = fx_person("Hồ Văn Phúc", 1977, "0385 246 518", "");
    CHECK_INT(store_register(s, ev.id, &a, "import", &reg, NULL), KIOSK_OK);
    CHECK_INT(store_register(s, ev.id, &b, "import", &reg, NULL), KIOSK_OK);
    struct kiosk_person again = fx_person("Duong Thi Kieu", 1984, "", "");
    CHECK_INT(store_register(s, ev.id, &again, "import", &reg, NULL), KIOSK_E_EXISTS);
    store_rollback(s);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM people WHERE name_key='duong thi kieu'"), 0);
    struct kiosk_person_hit *hits = NULL;
    size_t n = 0;
    CHECK_INT(store_people_search(s, "kieu", NULL, 5, &hits, &n), KIOSK_OK);
    CHECK_INT(n, 0); /* the search forgot the rolled-back name too */
    free(hits);

    CHECK_INT(store_begin(s), KIOSK_OK);
    struct kiosk_person c = fx_person("Dương Thị Kiều", 1984, "0934 135 417", "");
    CHECK_INT(store_register(s, ev.id, &c, "import", &reg, NULL), KIOSK_OK);
    CHECK_INT(store_commit(s), KIOSK_OK);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM registrations r JOIN people p ON "
                          "p.id=r.person_id WHERE p.name_key='duong thi kieu'"),
              1);
    CHECK(sqlite3_get_autocommit(store_db(s)));
}

int main(void)
{
    store *s = fx_open("people.db");
    fx_at(2025, 3, 1, 9, 0);
    test_person_save(s);
    test_person_versions(s);
    fx_at(2025, 3, 2, 9, 0);
    test_dedupe(s);
    test_capacity(s);
    test_search(s);
    test_consents(s);
    test_nested(s);
    store_close(s);
    /* what was written is there after reopening */
    s = fx_open("people.db");
    struct kiosk_person got;
    CHECK_INT(store_person_by_phone(s, "0918456702", &got), KIOSK_OK);
    CHECK_STR(got.full_name, "Nguyễn Thị Hòa");
    store_close(s);
    fx_cleanup();
    return check_done();
}
