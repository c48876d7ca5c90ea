/* The identity rule (kiosk/core/people/identity.h, docs/IDENTITY.md) on hostile and awkward
 * cases: namesakes, tone placement, accent-free typing, family phones, communes. */
#include "check.h"
#include "people/identity.h"

#include <string.h>

static struct kiosk_person who(const char *name, int year, const char *phone, const char *commune)
{
    struct kiosk_person p;
    memset(&p, 0, sizeof p);
    kiosk_strlcpy(p.full_name, name, sizeof p.full_name);
    p.birth_year = year;
    kiosk_strlcpy(p.phone, phone, sizeof p.phone);
    kiosk_strlcpy(p.commune, commune, sizeof p.commune);
    return p;
}

/* "Nguyễn Thị Hòa" in NFD, and with the tone on the a (Hoà), in NFD too. */
#define HOA_NFD                                                                                    \
    "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Ho\xcc\x80"                                                \
    "a"
#define HOA_NEW_NFD "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Hoa\xcc\x80"

static void test_names(void)
{
    CHECK(identity_names_match("Nguyễn Thị Hòa", "Nguyễn Thị Hòa"));
    CHECK(identity_names_match("Nguyễn Thị Hòa", "Nguyễn Thị Hoà")); /* tone placement */
    CHECK(identity_names_match("Nguyễn Thị Hòa", "  nguyễn   THỊ hoà "));
    CHECK(identity_names_match("Nguyễn Thị Hòa", HOA_NFD));
    CHECK(identity_names_match("Nguyễn Thị Hòa", HOA_NEW_NFD));
    CHECK(identity_names_match("Lê Thị Thúy", "Lê Thị Thuý"));
    CHECK(identity_names_match("Trần Văn Khỏe", "Trần Văn Khoẻ"));
    /* namesakes: the marks decide */
    CHECK(!identity_names_match("Nguyễn Thị Hòa", "Nguyễn Thị Hóa"));
    CHECK(!identity_names_match("Nguyễn Thị Hòa", "Nguyễn Thị Hoa"));
    CHECK(!identity_names_match("Nguyễn Thị Hoa", "Nguyễn Thị Hóa"));
    CHECK(!identity_names_match("Đỗ Văn Đạt", "Đỗ Văn Dạt"));
    CHECK(!identity_names_match("Lê Văn Sơn", "Lê Văn Sơn Hà"));
    /* typed without any mark: folds to the recorded name (đ folds to d) */
    CHECK(identity_names_match("Nguyen Thi Hoa", "Nguyễn Thị Hòa"));
    CHECK(identity_names_match("Nguyễn Thị Hóa", "nguyen thi hoa"));
    CHECK(identity_names_match("DO VAN DAT", "Đỗ Văn Đạt"));
    /* some marks typed: no longer accent-free, the marks must agree */
    CHECK(!identity_names_match("Nguyễn Thị Hoa", "Nguyen Thi Hòa"));
    CHECK(!identity_names_match("Nguyen Thi Hoa", "Nguyen Thi Hoan"));
    /* hostile: empty, spaces, punctuation only, NULL, invalid bytes */
    CHECK(!identity_names_match("", ""));
    CHECK(!identity_names_match("   ", "   "));
    CHECK(!identity_names_match("...", "..."));
    CHECK(!identity_names_match(NULL, "Hoa"));
    CHECK(identity_names_match("Nguy\xffn Hoa", "Nguyn Hoa")); /* a stray byte is dropped */
}

static void test_communes(void)
{
    CHECK(identity_communes_match("xã Mỹ Khánh", "Mỹ Khánh"));
    CHECK(identity_communes_match("Xã Mỹ Khánh", "my khanh"));
    CHECK(identity_communes_match("phường An Khánh", "An Khánh"));
    CHECK(identity_communes_match("thị trấn Phong Điền", "Phong Điền"));
    CHECK(identity_communes_match("", ""));
    CHECK(!identity_communes_match("Mỹ Khánh", ""));
    CHECK(!identity_communes_match("xã Mỹ Khánh", "phường Tân Thới"));
    CHECK(!identity_communes_match("xã", "Mỹ Khánh"));
}

static void test_rule(void)
{
    const char *why = NULL;
    struct kiosk_person hoa = who("Nguyễn Thị Hòa", 1985, "+84912345678", "Mỹ Khánh");
    struct kiosk_person hoa2 = who("Nguyễn Thị Hoa", 1985, "+84977111222", "Tân Thới");
    CHECK_INT(identity_compare(&hoa, &hoa2, &why), IDENTITY_DIFFERENT);
    CHECK_STR(why, "identity.names");
    /* same phone, another name: a family phone, another person */
    struct kiosk_person mother = who("Trần Thị Lan", 1960, "+84912345678", "Mỹ Khánh");
    CHECK_INT(identity_compare(&hoa, &mother, &why), IDENTITY_DIFFERENT);
    CHECK_STR(why, "identity.family_phone");
    /* the same phone and name: her, whatever year or commune she typed */
    struct kiosk_person walkin = who("Nguyen Thi Hoa", 1986, "+84912345678", "");
    CHECK_INT(identity_compare(&walkin, &hoa, &why), IDENTITY_SAME);
    CHECK_STR(why, "identity.same_phone");
    /* different phones: different people, even with one name and year */
    struct kiosk_person other = who("Nguyễn Thị Hoà", 1985, "+84988000111", "Mỹ Khánh");
    CHECK_INT(identity_compare(&hoa, &other, &why), IDENTITY_DIFFERENT);
    CHECK_STR(why, "identity.other_phone");
    /* without phones: name + year + commune */
    struct kiosk_person a = who("Lê Văn Bình", 1970, "", "xã Mỹ Khánh");
    struct kiosk_person b = who("Lê Văn Bình", 1970, "", "Mỹ Khánh");
    CHECK_INT(identity_compare(&a, &b, &why), IDENTITY_SAME);
    CHECK_STR(why, "identity.same_year_commune");
    /* one phone, one without: still decided by year and commune */
    kiosk_strlcpy(b.phone, "+84912000111", sizeof b.phone);
    CHECK_INT(identity_compare(&a, &b, &why), IDENTITY_SAME);
    kiosk_strlcpy(b.commune, "Tân Thới", sizeof b.commune);
    CHECK_INT(identity_compare(&a, &b, &why), IDENTITY_PROBABLE);
    CHECK_STR(why, "identity.other_commune");
    b.commune[0] = '\0';
    CHECK_INT(identity_compare(&a, &b, &why), IDENTITY_PROBABLE);
    b = a;
    b.birth_year = 1971;
    CHECK_INT(identity_compare(&a, &b, &why), IDENTITY_PROBABLE);
    CHECK_STR(why, "identity.other_year");
    b.birth_year = 1973; /* three years off: a namesake of another age */
    CHECK_INT(identity_compare(&a, &b, &why), IDENTITY_DIFFERENT);
    CHECK_STR(why, "identity.far_year");
    b.birth_year = 0;
    CHECK_INT(identity_compare(&a, &b, &why), IDENTITY_PROBABLE);
    CHECK_STR(why, "identity.year_unknown");
    /* namesakes Hoa / Hòa / Hóa, same year and commune, no phones: three people */
    struct kiosk_person n1 = who("Phạm Thị Hoa", 1990, "", "Mỹ Khánh");
    struct kiosk_person n2 = who("Phạm Thị Hòa", 1990, "", "Mỹ Khánh");
    struct kiosk_person n3 = who("Phạm Thị Hóa", 1990, "", "Mỹ Khánh");
    CHECK_INT(identity_compare(&n1, &n2, NULL), IDENTITY_DIFFERENT);
    CHECK_INT(identity_compare(&n2, &n3, NULL), IDENTITY_DIFFERENT);
    CHECK_INT(identity_compare(&n1, &n3, NULL), IDENTITY_DIFFERENT);
    /* symmetric */
    CHECK_INT(identity_compare(&n2, &n1, NULL), IDENTITY_DIFFERENT);
    CHECK_INT(identity_compare(&hoa, &walkin, NULL), IDENTITY_SAME);
}

static void test_survivor(void)
{
    CHECK(identity_survivor_first(1, "b", 2, "a"));
    CHECK(!identity_survivor_first(2, "a", 1, "b"));
    CHECK(identity_survivor_first(5, "a", 5, "b"));
    CHECK(!identity_survivor_first(5, "b", 5, "a"));
}

int main(void)
{
    test_names();
    test_communes();
    test_rule();
    test_survivor();
    return check_done();
}
