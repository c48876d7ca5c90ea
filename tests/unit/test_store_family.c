/* A family shares one phone; a name comes typed in another tone style; an address comes
 * new: registering never rewrites the person on record into someone else. */
#include "store_fixture.h"

int main(void)
{
    store *s = fx_open("family.db");
    fx_at(2025, 3, 1, 9, 0);
    struct kiosk_event mk, ks;
    struct kiosk_session ss;
    fx_class(s, "MDN-MK", 0, &mk, &ss);
    fx_class(s, "KSDN-01", 0, &ks, &ss);
    struct kiosk_registration reg;

    /* the mother signs up with the family phone */
    struct kiosk_person mother = fx_person("Trần Thị Lan", 1970, "0912 345 678", "xã Mỹ Khánh");
    CHECK_INT(store_register(s, mk.id, &mother, "kiosk", &reg, NULL), KIOSK_OK);
    /* her daughter, same phone, another class: another person; the mother keeps her name */
    struct kiosk_person daughter = fx_person("Nguyễn Thị Mai", 1998, "0912345678", "");
    CHECK_INT(store_register(s, ks.id, &daughter, "kiosk", &reg, NULL), KIOSK_OK);
    CHECK(strcmp(daughter.id, mother.id) != 0);
    struct kiosk_person got;
    CHECK_INT(store_person_get(s, mother.id, &got), KIOSK_OK);
    CHECK_STR(got.full_name, "Trần Thị Lan");
    CHECK_INT(store_person_get(s, daughter.id, &got), KIOSK_OK);
    CHECK_STR(got.full_name, "Nguyễn Thị Mai");
    CHECK_INT(fx_count(s, "SELECT count(*) FROM people"), 2);

    /* "Hoà" typed the modern way is the same Hòa: her record keeps "Hòa" */
    struct kiosk_person hoa = fx_person("Nguyễn Thị Hòa", 1978, "", "xã Mỹ Khánh");
    CHECK_INT(store_register(s, mk.id, &hoa, "kiosk", &reg, NULL), KIOSK_OK);
    struct kiosk_person again = fx_person("nguyễn thị hoà", 1978, "", "Mỹ Khánh");
    CHECK_INT(store_register(s, ks.id, &again, "import", &reg, NULL), KIOSK_OK);
    CHECK_STR(again.id, hoa.id);
    CHECK_INT(store_person_get(s, hoa.id, &got), KIOSK_OK);
    CHECK_STR(got.full_name, "Nguyễn Thị Hòa");
    /* what she typed replaces the old address, tidied by the place list (docs/IDENTITY.md) */
    CHECK_STR(got.commune, "xã Mỹ Khánh");

    /* a new address replaces the old one whole, never mixed with it */
    struct kiosk_event fair;
    fx_class(s, "HC-DT", 0, &fair, &ss);
    struct kiosk_person visitor = fx_person("Trần Thị Lan", 1970, "+84912345678", "");
    kiosk_strlcpy(visitor.province, "tỉnh Đồng Tháp", sizeof visitor.province);
    CHECK_INT(store_register(s, fair.id, &visitor, "kiosk", &reg, NULL), KIOSK_OK);
    CHECK_STR(visitor.id, mother.id);
    CHECK_INT(store_person_get(s, mother.id, &got), KIOSK_OK);
    CHECK_STR(got.province, "tỉnh Đồng Tháp");
    CHECK_STR(got.commune, "");
    store_close(s);
    fx_cleanup();
    return check_done();
}
