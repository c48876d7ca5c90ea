/* A person's name holds no digit (issue 17 item 6): the rule in the core (vn_name_has_digit),
 * the store refusing "Lan 2" whatever path it came by, with its reason. */
#include "store_fixture.h"
#include "text/text.h"

int main(void)
{
    CHECK(vn_name_has_digit("Lan 2"));
    CHECK(vn_name_has_digit("Nguyễn Văn 3"));
    CHECK(vn_name_has_digit("Lan \xd9\xa3")); /* an Arabic-Indic three */
    CHECK(!vn_name_has_digit("Nguyễn Thị Lan"));
    CHECK(!vn_name_has_digit("H'Hen Niê"));
    CHECK(!vn_name_has_digit(""));
    store *s = fx_open("digits.db");
    const char *why = NULL;
    struct kiosk_person p = fx_person("Lan 2", 1990, "0912345679", "Mỹ Khánh");
    CHECK_INT(store_person_save(s, &p, &why), KIOSK_E_INVALID);
    CHECK_STR(why ? why : "", "person.name_digits");
    CHECK_INT(fx_count(s, "SELECT count(*) FROM people"), 0);
    struct kiosk_person ok = fx_person("  nguyễn thị LAN ", 1990, "0912345679", "Mỹ Khánh");
    CHECK_INT(store_person_save(s, &ok, &why), KIOSK_OK);
    CHECK_STR(ok.full_name, "Nguyễn Thị Lan");
    store_close(s);
    fx_cleanup();
    return check_done();
}
