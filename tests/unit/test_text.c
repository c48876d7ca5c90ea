/* Vietnamese text: every line of the shared vectors (telex, vni, fold, name, phone,
 * sort-in/sort-out), then NFC/NFD input, names without accents, namesakes, phone
 * reasons and display. The composer, scanner and search have their own test files. */
#include "check.h"
#include "text/composer.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

#define MAX_SORT 64

static char *g_sort_in[MAX_SORT], *g_sort_out[MAX_SORT];
static size_t g_n_in, g_n_out;
static int g_lines_by_kind[8];

enum { K_TELEX, K_VNI, K_FOLD, K_NAME, K_PHONE, K_SORT_IN, K_SORT_OUT, K_COUNT };

static void check_line(int lineno, const char *kind, const char *input, const char *want)
{
    char got[512];
    if (strcmp(kind, "telex") == 0 || strcmp(kind, "vni") == 0) {
        int im = kind[0] == 't' ? VN_IM_TELEX : VN_IM_VNI;
        vn_compose_string(im, VN_TONE_TRADITIONAL, input, got, sizeof got);
        g_lines_by_kind[im == VN_IM_TELEX ? K_TELEX : K_VNI]++;
    } else if (strcmp(kind, "fold") == 0) {
        vn_fold(input, got, sizeof got);
        g_lines_by_kind[K_FOLD]++;
    } else if (strcmp(kind, "name") == 0) {
        vn_name_tidy(input, got, sizeof got);
        g_lines_by_kind[K_NAME]++;
    } else if (strcmp(kind, "phone") == 0) {
        char e164[KIOSK_PHONE_LEN];
        const char *why = NULL;
        kiosk_status st = vn_phone_normalise(input, e164, &why);
        if (st == KIOSK_OK)
            kiosk_strlcpy(got, e164, sizeof got);
        else
            kiosk_strlcpy(got, "ERROR", sizeof got);
        /* a refused number always says why */
        CHECK(st == KIOSK_OK || (why && strncmp(why, "phone.", 6) == 0));
        g_lines_by_kind[K_PHONE]++;
    } else if (strcmp(kind, "sort-in") == 0) {
        if (g_n_in < MAX_SORT)
            g_sort_in[g_n_in++] = strdup(input);
        g_lines_by_kind[K_SORT_IN]++;
        return;
    } else if (strcmp(kind, "sort-out") == 0) {
        if (g_n_out < MAX_SORT)
            g_sort_out[g_n_out++] = strdup(input);
        g_lines_by_kind[K_SORT_OUT]++;
        return;
    } else {
        fprintf(stderr, "vectors line %d: unknown kind '%s'\n", lineno, kind);
        CHECK(!"known kind");
        return;
    }
    if (strcmp(got, want) != 0)
        fprintf(stderr, "vectors line %d: %s '%s'\n", lineno, kind, input);
    CHECK_STR(got, want);
}

static int cmp_official(const void *a, const void *b)
{
    return vn_name_order(*(char *const *)a, "", *(char *const *)b, "");
}

static void check_sort_vectors(void)
{
    CHECK(g_n_in > 0);
    CHECK_INT(g_n_in, g_n_out);
    qsort(g_sort_in, g_n_in, sizeof g_sort_in[0], cmp_official);
    for (size_t i = 0; i < g_n_in && i < g_n_out; i++)
        CHECK_STR(g_sort_in[i], g_sort_out[i]);
    for (size_t i = 0; i < g_n_in; i++)
        free(g_sort_in[i]);
    for (size_t i = 0; i < g_n_out; i++)
        free(g_sort_out[i]);
}

static FILE *open_vectors(int argc, char **argv)
{
    const char *candidates[] = {
        argc > 1 ? argv[1] : NULL,
        KIOSK_TEST_SOURCE_DIR "/tests/data/vn-text-vectors.tsv",
    };
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(candidates); i++) {
        if (!candidates[i])
            continue;
        FILE *f = fopen(candidates[i], "r");
        if (f) {
            printf("vectors: %s\n", candidates[i]);
            return f;
        }
        fprintf(stderr, "cannot open '%s', trying the next copy\n", candidates[i]);
    }
    return NULL;
}

static void check_vectors(int argc, char **argv)
{
    FILE *f = open_vectors(argc, argv);
    CHECK(f != NULL);
    if (!f)
        return;
    char line[2048];
    int lineno = 0, checked = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *tab1 = strchr(line, '\t');
        if (!tab1) {
            fprintf(stderr, "vectors line %d: no tab\n", lineno);
            CHECK(!"well-formed line");
            continue;
        }
        *tab1 = '\0';
        char *input = tab1 + 1;
        char *tab2 = strchr(input, '\t');
        const char *want = "";
        if (tab2) {
            *tab2 = '\0';
            want = tab2 + 1;
        }
        check_line(lineno, line, input, want);
        checked++;
    }
    fclose(f);
    check_sort_vectors();
    /* every kind is present: a vectors file that lost a section must not pass quietly */
    for (int k = 0; k < K_COUNT; k++)
        CHECK(g_lines_by_kind[k] > 0);
    printf("%d vector lines checked\n", checked);
}

static void check_nfc_nfd(void)
{
    const char *nfd = "Nguye\xcc\x82\xcc\x83n Thi\xcc\xa3 Ho\xcc\x80"
                      "a"; /* NFD */
    char out[128];
    CHECK_INT(vn_nfc(nfd, out, sizeof out), KIOSK_OK);
    CHECK_STR(out, "Nguyễn Thị Hòa");
    CHECK_INT(vn_nfc("\xff\xfe", out, sizeof out), KIOSK_E_INVALID);
    vn_fold(nfd, out, sizeof out);
    CHECK_STR(out, "nguyen thi hoa");
    vn_name_tidy("nguye\xcc\x82\xcc\x83n  thi\xcc\xa3 ho\xcc\x80"
                 "a",
                 out, sizeof out);
    CHECK_STR(out, "Nguyễn Thị Hòa");
    vn_lower("  NGUYỄN   Thị\tHÒA ", out, sizeof out);
    CHECK_STR(out, "nguyễn thị hòa");
    vn_lower(nfd, out, sizeof out);
    CHECK_STR(out, "nguyễn thị hòa");
    /* a cut never leaves half a character */
    char small[6];
    vn_nfc("Nguyễn", small, sizeof small);
    CHECK_STR(small, "Nguy");
}

static void check_fold(void)
{
    char out[128];
    vn_fold("ĐOÀN đức Đạt", out, sizeof out);
    CHECK_STR(out, "doan duc dat");
    vn_fold("Phạm-Thị, Ánh!!", out, sizeof out);
    CHECK_STR(out, "pham thi anh");
    vn_fold("NGUYEN THI HOA", out, sizeof out);
    CHECK_STR(out, "nguyen thi hoa");
    vn_fold("Trương Ưng Ơn Ăn Ân Êm Ôm", out, sizeof out);
    CHECK_STR(out, "truong ung on an an em om");
    vn_fold("", out, sizeof out);
    CHECK_STR(out, "");
    vn_fold(" ,. ", out, sizeof out);
    CHECK_STR(out, "");
    vn_fold("Bình\xff Dương", out, sizeof out); /* a stray byte from a bad spreadsheet */
    CHECK_STR(out, "binh duong");
}

static void check_names(void)
{
    char out[128];
    vn_name_tidy("ĐẶNG văn đức", out, sizeof out);
    CHECK_STR(out, "Đặng Văn Đức");
    vn_name_tidy("nguyen van an", out, sizeof out); /* without accents */
    CHECK_STR(out, "Nguyen Van An");
    vn_name_tidy("ksor h'bơ", out, sizeof out);
    CHECK_STR(out, "Ksor H'Bơ");
    vn_name_tidy("   ", out, sizeof out);
    CHECK_STR(out, "");
    vn_name_tidy("ỨNG  ÁNH\tỌC", out, sizeof out);
    CHECK_STR(out, "Ứng Ánh Ọc");

    struct vn_name_parts p;
    vn_name_split("Nguyễn Thị Hòa", "", &p);
    CHECK_STR(p.family, "Nguyễn");
    CHECK_STR(p.middle, "Thị");
    CHECK_STR(p.given, "Hòa");
    vn_name_split("Tôn Nữ Minh Anh", "Minh Anh", &p); /* two-word given name */
    CHECK_STR(p.family, "Tôn");
    CHECK_STR(p.middle, "Nữ");
    CHECK_STR(p.given, "Minh Anh");
    vn_name_split("Nguyễn Thị Hòa", "HOA", &p); /* the hint without accents */
    CHECK_STR(p.middle, "Thị");
    CHECK_STR(p.given, "Hòa");
    vn_name_split("Nguyễn Thị Hòa", "Lan", &p); /* a hint that is not in the name */
    CHECK_STR(p.middle, "Thị Hòa");
    CHECK_STR(p.given, "Lan");
    vn_name_split("Lan", "", &p);
    CHECK_STR(p.family, "");
    CHECK_STR(p.given, "Lan");
    /* NFD given hint still matches the NFC name's tail */
    vn_name_split("Lê Văn Bảo Long", "Ba\xcc\x89o Long", &p);
    CHECK_STR(p.middle, "Văn");
    CHECK_STR(p.given, "Bảo Long");
}

static void check_order(void)
{
    /* the alphabet: a < ă < â, d < đ, tones after letters */
    CHECK(vn_collate("an", "ăn") < 0);
    CHECK(vn_collate("ăn", "ân") < 0);
    CHECK(vn_collate("dung", "đa") < 0);
    CHECK(vn_collate("Anh", "Ánh") < 0);
    CHECK(vn_collate("Ánh", "Ân") < 0);
    CHECK(vn_collate("o", "ô") < 0 && vn_collate("ô", "ơ") < 0);
    CHECK(vn_collate("u", "ư") < 0);
    CHECK_INT(vn_collate("Hòa", "Ho\xcc\x80"
                                "a"),
              0); /* NFC and NFD are one text */

    unsigned char ka[64], kb[64];
    size_t na = vn_sort_key("Đạt", ka, sizeof ka), nb = vn_sort_key("Dũng", kb, sizeof kb);
    CHECK(na > 0 && nb > 0);
    CHECK(memcmp(ka, kb, na < nb ? na : nb) > 0);
    CHECK_INT(vn_sort_key("Đạt", ka, 2), 0); /* does not fit */

    /* the given name first, then the family name, then the middle name */
    CHECK(vn_name_order("Trần Văn An", "", "Lê Thị Bình", "") < 0);
    CHECK(vn_name_order("Trần Văn An", "", "Lê Văn An", "") > 0);
    CHECK(vn_name_order("Lê Văn An", "", "Lê Thị An", "") > 0);
    /* a stored two-word given name sorts by its first word */
    CHECK(vn_name_order("Tôn Nữ Minh Anh", "Minh Anh", "Lê Thị Hoa", "") > 0);
    CHECK(vn_name_order("Tôn Nữ Minh Anh", "", "Lê Thị Hoa", "") < 0);
    /* namesakes: the same name compares equal only to itself */
    CHECK_INT(vn_name_order("Nguyễn Văn An", "", "Nguyễn Văn An", ""), 0);
    CHECK(vn_name_order("Nguyễn Văn An", "", "Nguyen Van An", "") != 0);
}

static void check_phone(void)
{
    char e164[KIOSK_PHONE_LEN], shown[32];
    const char *why = NULL;
    CHECK_INT(vn_phone_normalise("0912.345.678", e164, &why), KIOSK_OK);
    CHECK_STR(e164, "+84912345678");
    CHECK_INT(vn_phone_normalise("(+84) 38 812 3456", e164, &why), KIOSK_OK);
    CHECK_STR(e164, "+84388123456");
    CHECK_INT(vn_phone_normalise("0084 912 345 678", e164, &why), KIOSK_OK);
    CHECK_STR(e164, "+84912345678");
    CHECK_INT(vn_phone_normalise("091234567", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.too_short");
    CHECK_INT(vn_phone_normalise("09123456789", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.too_long");
    CHECK_INT(vn_phone_normalise("0123456789", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.not_mobile");
    CHECK_INT(vn_phone_normalise("0292 3821 234", e164, &why), KIOSK_E_INVALID); /* landline */
    CHECK_STR(why, "phone.not_mobile");
    CHECK_INT(vn_phone_normalise("09l2 345 678", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.not_digits");
    CHECK_INT(vn_phone_normalise("", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.empty");
    /* from abroad: E.164 with its +, kept as + and the digits (issue 17 item 6) */
    CHECK_INT(vn_phone_normalise("+1 (212) 555-0100", e164, &why), KIOSK_OK);
    CHECK_STR(e164, "+12125550100");
    CHECK_INT(vn_phone_normalise("+33 6 12 34 56 78", e164, &why), KIOSK_OK);
    CHECK_STR(e164, "+33612345678");
    CHECK_INT(vn_phone_normalise("+855 12 345 678", e164, &why), KIOSK_OK); /* Cambodia */
    CHECK_STR(e164, "+85512345678");
    CHECK_INT(vn_phone_normalise("+0912345678", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.country_code");
    CHECK_STR(e164, "");
    CHECK_INT(vn_phone_normalise("+44 20 7", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.foreign_length");
    CHECK_INT(vn_phone_normalise("+1 212 555 0100 1234 5", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.foreign_length");
    CHECK_INT(vn_phone_normalise("+1 212 +555", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.not_digits");
    CHECK_INT(vn_phone_normalise("+", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.not_digits");
    /* +84 is still Vietnam's: a landline or a short number is refused as before */
    CHECK_INT(vn_phone_normalise("+84 292 3821 234", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.not_mobile");
    CHECK_INT(vn_phone_normalise("+84 912 345 67", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.too_short");
    /* "00" is not taken for a country: a slip on 0912 is not an Indian number */
    CHECK_INT(vn_phone_normalise("00912345678", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.not_mobile");
    /* one person, written two ways: one E.164 number (what the identity rule compares) */
    char a[KIOSK_PHONE_LEN], b[KIOSK_PHONE_LEN];
    CHECK_INT(vn_phone_normalise("+84 912 345 678", a, &why), KIOSK_OK);
    CHECK_INT(vn_phone_normalise("0912345678", b, &why), KIOSK_OK);
    CHECK_STR(a, b);
    CHECK_INT(vn_phone_normalise("912345678", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.no_zero");
    CHECK_STR(e164, "");

    vn_phone_display("+84912345678", shown, sizeof shown);
    CHECK_STR(shown, "0912 345 678");
    vn_phone_display("+12125550100", shown, sizeof shown);
    CHECK_STR(shown, "+12125550100");
    vn_phone_display("", shown, sizeof shown);
    CHECK_STR(shown, "");

    /* the prefixes come from the data table: a table without 091 refuses 0912... */
    char path[] = "/tmp/kiosk-prefixes-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("# test table\n039\tViettel\n", f);
    fclose(f);
    CHECK_INT(vn_phone_load_prefixes(path), KIOSK_OK);
    CHECK_INT(vn_phone_normalise("0912 345 678", e164, &why), KIOSK_E_INVALID);
    CHECK_STR(why, "phone.not_mobile");
    CHECK_INT(vn_phone_normalise("0398 123 456", e164, &why), KIOSK_OK);
    remove(path);
    /* a missing file keeps the table in use; the shipped table accepts all of them */
    CHECK_INT(vn_phone_load_prefixes("/nonexistent/phone-prefixes.tsv"), KIOSK_E_IO);
    CHECK_INT(vn_phone_load_prefixes(KIOSK_TEST_SOURCE_DIR "/assets/phone-prefixes.tsv"), KIOSK_OK);
    const char *mobiles[] = {"0321234567", "0521234567", "0701234567", "0861234567",
                             "0991234567", "0551234567", "0871234567"};
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(mobiles); i++)
        CHECK_INT(vn_phone_normalise(mobiles[i], e164, &why), KIOSK_OK);
}

/* Every reason key has a Vietnamese and an English text. */
static void check_string_tables(void)
{
    const char *keys[] = {"phone.empty",    "phone.not_digits",    "phone.too_short",
                          "phone.too_long", "phone.not_mobile",    "phone.country_code",
                          "phone.no_zero",  "phone.foreign_length"};
    const char *langs[] = {"vi", "en"};
    for (size_t l = 0; l < 2; l++) {
        char path[512];
        kiosk_fmt(path, sizeof path, "%s/assets/strings/%s/text.tsv", KIOSK_TEST_SOURCE_DIR,
                  langs[l]);
        FILE *f = fopen(path, "r");
        CHECK(f != NULL);
        if (!f)
            continue;
        char buf[16384];
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = '\0';
        fclose(f);
        for (size_t k = 0; k < KIOSK_ARRAY_LEN(keys); k++) {
            char needle[64];
            kiosk_fmt(needle, sizeof needle, "\n%s\t", keys[k]);
            if (!strstr(buf, needle))
                fprintf(stderr, "%s: no key '%s'\n", path, keys[k]);
            CHECK(strstr(buf, needle) != NULL);
        }
    }
}

int main(int argc, char **argv)
{
    check_vectors(argc, argv);
    check_nfc_nfd();
    check_fold();
    check_names();
    check_order();
    check_phone();
    check_string_tables();
    return check_done();
}
