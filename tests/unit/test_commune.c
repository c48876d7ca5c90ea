/* A commune typed freely is stored tidied (issue 17 item 6, "phuong an binh"): the place
 * list's spelling when one listed commune matches, else the kind restored and the words
 * capitalised; awkward and hostile cases; the store keeps the tidied form. */
#include "people/commune.h"
#include "store_fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void check_tidy(const char *typed, const char *province, const char *want, int matched)
{
    struct commune_tidied t;
    commune_tidy(typed, province, &t);
    if (strcmp(t.commune, want) != 0 || t.matched != matched)
        fprintf(stderr, "'%s' -> '%s' (matched %d), want '%s' (%d)\n", typed, t.commune, t.matched,
                want, matched);
    CHECK_STR(t.commune, want);
    CHECK_INT(t.matched, matched);
}

static void shipped_list(void)
{
    CHECK_INT(commune_load_places(KIOSK_TEST_SOURCE_DIR "/assets/places.tsv"), KIOSK_OK);
    check_tidy("phuong an binh", NULL, "phường An Bình", 1);
    check_tidy("  PHƯỜNG   AN  BÌNH ", "", "phường An Bình", 1);
    check_tidy("P.an binh", NULL, "phường An Bình", 1);
    check_tidy("an binh", NULL, "phường An Bình", 1); /* the kind restored too */
    check_tidy("xa my khanh", "TP Cần Thơ", "xã Mỹ Khánh", 1);
    check_tidy("Mỹ Khánh", NULL, "xã Mỹ Khánh", 1);
    struct commune_tidied t;
    commune_tidy("my khanh", NULL, &t);
    CHECK_STR(t.district, "huyện Phong Điền");
    CHECK_STR(t.province, "TP Cần Thơ");
    /* marks typed decide: "Mỹ Khanh" is not "Mỹ Khánh" (Hoa is not Hòa) */
    check_tidy("xã Mỹ Khanh", NULL, "xã Mỹ Khanh", 0);
    /* the kind typed must be the listed one: "xã An Bình" is not the ward */
    check_tidy("xa an binh", NULL, "xã An Binh", 0);
    /* another province's "An Bình": capitals only */
    check_tidy("an binh", "tỉnh Đồng Tháp", "An Binh", 0);
    /* not listed: the kind restored with its marks, words capitalised */
    check_tidy("thi tran cai tac", NULL, "thị trấn Cai Tac", 0);
    check_tidy("TT cái tắc", NULL, "thị trấn Cái Tắc", 0);
    check_tidy("phường 5", NULL, "phường 5", 0);
    /* written with care (mixed case): the case is kept, the kind still restored */
    check_tidy("Phuong An Bình Mới", NULL, "phường An Bình Mới", 0);
    check_tidy("xã Mỹ Khánh, ấp \"Mỹ Nhơn\"", NULL, "xã Mỹ Khánh, ấp \"Mỹ Nhơn\"", 0);
    check_tidy("=HYPERLINK(\"http://x\")", NULL, "=HYPERLINK(\"http://x\")", 0);
    check_tidy("xã", NULL, "Xã", 0); /* a kind alone names no place */
    check_tidy("", NULL, "", 0);
    check_tidy("   ", NULL, "", 0);
    check_tidy(NULL, NULL, "", 0);
    check_tidy("\xff\xfe bad", NULL, "", 0); /* not UTF-8: nothing kept */
    char long_text[400];
    memset(long_text, 'a', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    commune_tidy(long_text, NULL, &t);
    CHECK(strlen(t.commune) < KIOSK_PLACE_LEN);
}

/* Two listed communes of one name and different kinds: typed without the kind, neither. */
static void ambiguous_list(void)
{
    char path[] = "/tmp/kiosk-places-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("#commune\tdistrict\tprovince\nphường An Bình\tquận Ninh Kiều\tTP Cần Thơ\n"
          "xã An Bình\thuyện Long Hồ\ttỉnh Vĩnh Long\n\t\ttỉnh An Giang\n",
          f);
    fclose(f);
    CHECK_INT(commune_load_places(path), KIOSK_OK);
    check_tidy("an binh", NULL, "An Binh", 0);
    check_tidy("an binh", "tỉnh Vĩnh Long", "xã An Bình", 1);
    check_tidy("xa an binh", NULL, "xã An Bình", 1);
    remove(path);
    CHECK_INT(commune_load_places("/nonexistent/places.tsv"), KIOSK_E_IO);
    check_tidy("phuong an binh", NULL, "phường An Binh", 0); /* no list: capitals only */
}

int main(void)
{
    shipped_list();
    ambiguous_list();
    /* the store keeps what the tidy gives, with the list's province when none was given
     * (not its district: since 2025 addresses have two levels) */
    CHECK_INT(commune_load_places(KIOSK_TEST_SOURCE_DIR "/assets/places.tsv"), KIOSK_OK);
    store *s = fx_open("commune.db");
    const char *why = NULL;
    struct kiosk_person p = fx_person("Trần Thị Mai", 1990, "0912345679", "phuong an binh");
    p.province[0] = '\0';
    CHECK_INT(store_person_save(s, &p, &why), KIOSK_OK);
    struct kiosk_person back;
    CHECK_INT(store_person_get(s, p.id, &back), KIOSK_OK);
    CHECK_STR(back.commune, "phường An Bình");
    CHECK_STR(back.district, "");
    CHECK_STR(back.province, "TP Cần Thơ");
    store_close(s);
    fx_cleanup();
    return check_done();
}
