/* The identity rule where people are registered (sign-up, roster import, walk-in, fair all
 * go through store_register): namesakes stay apart, accent-free typing finds the record,
 * a family phone is another person, a walk-in with another year is still her. */
#include "store_fixture.h"

static int people_named(store *s, const char *folded)
{
    char q[256];
    kiosk_fmt(q, sizeof q, "SELECT count(*) FROM people WHERE name_key='%s'", folded);
    return fx_count(s, q);
}

int main(void)
{
    store *s = fx_open("identity.db");
    fx_at(2025, 3, 1, 9, 0);
    struct kiosk_event ev, fair;
    struct kiosk_session ss;
    fx_class(s, "MDN-MK", 0, &ev, &ss);
    fx_class(s, "HC-01", 0, &fair, &ss);
    struct kiosk_registration reg;

    /* Hoa, Hòa and Hóa, same year and commune, no phone: three people, three rows */
    const char *names[] = {"Phạm Thị Hoa", "Phạm Thị Hòa", "Phạm Thị Hóa"};
    char ids[3][KIOSK_ID_LEN];
    for (int i = 0; i < 3; i++) {
        struct kiosk_person p = fx_person(names[i], 1990, "", "xã Mỹ Khánh");
        CHECK_INT(store_register(s, ev.id, &p, "import", &reg, NULL), KIOSK_OK);
        kiosk_strlcpy(ids[i], p.id, sizeof ids[i]);
    }
    CHECK(strcmp(ids[0], ids[1]) != 0 && strcmp(ids[1], ids[2]) != 0);
    CHECK_INT(people_named(s, "pham thi hoa"), 3);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM registrations"), 3);
    /* Hoà (tone on the a) is Hòa: already registered */
    struct kiosk_person hoa_new = fx_person("Phạm Thị Hoà", 1990, "", "Mỹ Khánh");
    CHECK_INT(store_register(s, ev.id, &hoa_new, "kiosk", &reg, NULL), KIOSK_E_EXISTS);
    CHECK_STR(hoa_new.id, ids[1]);
    CHECK_STR(hoa_new.full_name, "Phạm Thị Hòa");

    /* the roster: Hòa 1985 and Hoa 1985 with their own phones: two people */
    struct kiosk_person a = fx_person("Nguyễn Thị Hòa", 1985, "0912345678", "Mỹ Khánh");
    struct kiosk_person b = fx_person("Nguyễn Thị Hoa", 1985, "0977111222", "Tân Thới");
    CHECK_INT(store_register(s, ev.id, &a, "import", &reg, NULL), KIOSK_OK);
    CHECK_INT(store_register(s, ev.id, &b, "import", &reg, NULL), KIOSK_OK);
    CHECK(strcmp(a.id, b.id) != 0);

    /* accent-free typing of a recorded name at the fair (no phone, same year and commune) */
    struct kiosk_person typed = fx_person("nguyen thi hoa", 1985, "", "xa My Khanh");
    CHECK_INT(store_register(s, fair.id, &typed, "kiosk", &reg, NULL), KIOSK_OK);
    CHECK_STR(typed.id, a.id);
    CHECK_STR(typed.full_name, "Nguyễn Thị Hòa");

    /* a family phone: her mother with the same number is another person */
    struct kiosk_person mother = fx_person("Lê Thị Sáu", 1960, "0912 345 678", "Mỹ Khánh");
    CHECK_INT(store_register(s, ev.id, &mother, "walkin", &reg, NULL), KIOSK_OK);
    CHECK(strcmp(mother.id, a.id) != 0);
    struct kiosk_person got;
    CHECK_INT(store_person_get(s, a.id, &got), KIOSK_OK);
    CHECK_STR(got.full_name, "Nguyễn Thị Hòa");

    /* a walk-in who types another birth year but her phone: her, registered once */
    struct kiosk_person walkin = fx_person("Nguyễn Thị Hoà", 1986, "+84 912 345 678", "");
    CHECK_INT(store_register(s, ev.id, &walkin, "walkin", &reg, NULL), KIOSK_E_EXISTS);
    CHECK_STR(walkin.id, a.id);

    /* without a phone, another year: a probable duplicate, a new record (never merged) */
    struct kiosk_person maybe = fx_person("Nguyễn Thị Hòa", 1986, "", "Mỹ Khánh");
    CHECK_INT(store_register(s, ev.id, &maybe, "walkin", &reg, NULL), KIOSK_OK);
    CHECK(strcmp(maybe.id, a.id) != 0);
    /* same name and year, another commune: a new record too */
    struct kiosk_person far = fx_person("Phạm Thị Hoa", 1990, "", "Tân Thới");
    CHECK_INT(store_register(s, ev.id, &far, "kiosk", &reg, NULL), KIOSK_OK);
    CHECK(strcmp(far.id, ids[0]) != 0);
    CHECK_INT(people_named(s, "pham thi hoa"), 4);
    store_close(s);
    fx_cleanup();
    return check_done();
}
