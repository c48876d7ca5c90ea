/* The plugins' shared kit (plugins/common/kit.c): templates, field checks with real
 * Vietnamese input, JSON text for extra fields, and the program's places as a choice
 * list. The kit only sees the plugin ABI, so a small host table stands in for the kiosk. */
#include "check.h"
#include "text/text.h"

#include "../../plugins/common/kit.c"

#include <stdlib.h>
#include <string.h>

/* The kit's strings (plugins/common/strings/, vi.tsv and en.tsv), built as the plugins get them. */
extern const struct kiosk_string kit_strings[];

static const char *fake_tr(kiosk_ctx *ctx, const char *key)
{
    /* a template shows how it is filled; other checks compare keys */
    for (const struct kiosk_string *r = kit_strings; r->key; r++)
        if (strcmp(r->key, key) == 0 && strchr(r->vi, '{'))
            return r->vi;
    return key;
}

static int64_t fake_now_ms(kiosk_ctx *ctx)
{
    return 1750000000000LL; /* June 2025 */
}

static void fake_format_time(kiosk_ctx *ctx, int64_t at_ms, const char *fmt, char *out, size_t cap)
{
    struct tm tm;
    time_t t = (time_t)(at_ms / 1000);
    gmtime_r(&t, &tm);
    strftime(out, cap, fmt, &tm);
}

static kiosk_status fake_phone(kiosk_ctx *ctx, const char *in, char out[KIOSK_PHONE_LEN],
                               const char **why)
{
    return vn_phone_normalise(in, out, why);
}

static void fake_free(void *p)
{
    free(p);
}

static kiosk_status fake_events(kiosk_ctx *ctx, int kind, struct kiosk_array *out)
{
    static const struct {
        const char *place, *province;
    } rows[] = {
        {"xã Mỹ Khánh, huyện Phong Điền", "TP Cần Thơ"},
        {"TP Cần Thơ", "TP Cần Thơ"}, /* a business class: no commune */
        {"xã Tân Thới, huyện Phong Điền", "TP Cần Thơ"},
        {"xã Mỹ Khánh, huyện Phong Điền", "TP Cần Thơ"}, /* a second class there */
        {"xã Trường Thắng, huyện Thới Lai", "TP Cần Thơ"},
    };
    struct kiosk_event *e = calloc(KIT_ARRAY_LEN(rows), sizeof *e);
    for (size_t i = 0; i < KIT_ARRAY_LEN(rows); i++) {
        kiosk_strlcpy(e[i].place, rows[i].place, sizeof e[i].place);
        kiosk_strlcpy(e[i].province, rows[i].province, sizeof e[i].province);
    }
    out->items = e;
    out->count = KIT_ARRAY_LEN(rows);
    out->elem_size = sizeof *e;
    return KIOSK_OK;
}

static const struct kiosk_program_api fake_program = {
    .size = sizeof(struct kiosk_program_api),
    .version = KIOSK_PROGRAM_API_VERSION,
    .events_list = fake_events,
};
static const struct kit_api kit = {.program = &fake_program};

static struct kiosk_host_api fake_host(void)
{
    struct kiosk_host_api h;
    memset(&h, 0, sizeof h);
    h.size = sizeof h;
    h.tr = fake_tr;
    h.now_ms = fake_now_ms;
    h.format_time = fake_format_time;
    h.name_tidy = vn_name_tidy;
    h.fold = vn_fold;
    h.phone_normalise = fake_phone;
    h.free_mem = fake_free;
    return h;
}

static void test_fill(void)
{
    char out[64];

    kit_fill(out, sizeof out, "Bạn đã điểm danh lúc {1}", "07:42", NULL);
    CHECK_STR(out, "Bạn đã điểm danh lúc 07:42");
    kit_fill(out, sizeof out, "Năm sinh phải từ {1} đến {2}", "1925", "2015");
    CHECK_STR(out, "Năm sinh phải từ 1925 đến 2015");
    kit_fill(out, sizeof out, "{2} {1} {3}", "a", NULL);
    CHECK_STR(out, "{2} a {3}");
    /* cut inside "ễ" (3 bytes): never half a character */
    kit_fill(out, 5, "Nguyễn", NULL, NULL);
    CHECK_STR(out, "Nguy");
}

static void test_fields(void)
{
    struct kiosk_host_api h = fake_host();
    char out[KIOSK_NAME_LEN], phone[KIOSK_PHONE_LEN], buf[128];
    const char *err = NULL;
    int year = -1;

    CHECK(kit_check_name(&h, NULL, "  nguyễn   thị HÒA ", out, sizeof out, &err));
    CHECK_STR(out, "Nguyễn Thị Hòa");
    CHECK(err == NULL);
    /* NFD input (a keyboard that sends combining marks) comes out NFC */
    CHECK(kit_check_name(&h, NULL, "Tra\xcc\x82\xcc\x80n Va\xcc\x86n Bi\xcc\x80nh", out, sizeof out,
                         &err));
    CHECK_STR(out, "Trần Văn Bình");
    CHECK(!kit_check_name(&h, NULL, "   ", out, sizeof out, &err));
    CHECK_STR(err, "kit.err.name_empty");
    CHECK(!kit_check_name(&h, NULL, "1985", out, sizeof out, &err));
    CHECK_STR(err, "kit.err.name_letters");

    CHECK(kit_check_phone(&h, NULL, " 0912 345 678 ", 1, phone, &err));
    CHECK_STR(phone, "+84912345678");
    CHECK(kit_check_phone(&h, NULL, "", 0, phone, &err));
    CHECK_STR(phone, "");
    CHECK(!kit_check_phone(&h, NULL, "", 1, phone, &err));
    CHECK_STR(err, "kit.err.phone_empty");
    CHECK(!kit_check_phone(&h, NULL, "0912 34", 1, phone, &err));
    CHECK(err != NULL && strncmp(err, "phone.", 6) == 0); /* the text module's reason */
    CHECK_STR(phone, "");

    CHECK(kit_check_year(&h, NULL, "1985", 1, &year, &err, buf, sizeof buf));
    CHECK_INT(year, 1985);
    CHECK(!kit_check_year(&h, NULL, "1885", 1, &year, &err, buf, sizeof buf));
    CHECK_STR(err, "Năm sinh phải từ 1925 đến 2015");
    CHECK_INT(year, 0);
    CHECK(!kit_check_year(&h, NULL, "2024", 1, &year, &err, buf, sizeof buf)); /* a baby */
    CHECK(!kit_check_year(&h, NULL, "85", 1, &year, &err, buf, sizeof buf));
    CHECK_STR(err, "kit.err.year_empty");
    CHECK(!kit_check_year(&h, NULL, "19a5", 1, &year, &err, buf, sizeof buf));
    CHECK(!kit_check_year(&h, NULL, "", 1, &year, &err, buf, sizeof buf));
    CHECK(kit_check_year(&h, NULL, "", 0, &year, &err, buf, sizeof buf));
    CHECK_INT(year, 0);
}

static void test_json(void)
{
    char out[256], note[64];
    size_t len = 0;

    CHECK(kit_json_append_raw(out, sizeof out, &len, "{\"interests\":["));
    CHECK(kit_json_append_str(out, sizeof out, &len, "may mặc"));
    CHECK(kit_json_append_raw(out, sizeof out, &len, ","));
    CHECK(kit_json_append_str(out, sizeof out, &len, "đan dây nhựa"));
    CHECK(kit_json_append_raw(out, sizeof out, &len, "],\"note\":"));
    CHECK(kit_json_append_str(out, sizeof out, &len, "cần mua \"máy\"\nsố lượng lớn"));
    CHECK(kit_json_append_raw(out, sizeof out, &len, "}"));
    CHECK_STR(out, "{\"interests\":[\"may mặc\",\"đan dây nhựa\"],\"note\":\"cần mua "
                   "\\\"máy\\\"\\u000asố lượng lớn\"}");
    CHECK(kit_json_get_str(out, "note", note, sizeof note));
    CHECK_STR(note, "cần mua \"máy\"\nsố lượng lớn");
    CHECK(!kit_json_get_str(out, "missing", note, sizeof note));
    CHECK(!kit_json_get_str(NULL, "note", note, sizeof note));
    /* only the top level counts */
    CHECK(kit_json_get_str("{\"a\":{\"note\":\"x\"},\"note\": \"y\"}", "note", note, sizeof note));
    CHECK_STR(note, "y");
    /* too small: nothing half-written */
    len = 0;
    CHECK(!kit_json_append_str(out, 6, &len, "may mặc"));
    CHECK_INT(len, 0);
    CHECK_STR(out, "");
}

static void test_places(void)
{
    struct kiosk_host_api h = fake_host();
    struct kit_places *pl = calloc(1, sizeof *pl);
    struct kiosk_person p;
    struct kit_place_field f;
    size_t idx[KIT_MAX_PLACES], n;

    kit_places_load(&h, &kit, NULL, pl);
    CHECK_INT(pl->count, 3); /* no city-only place, no commune twice */
    CHECK_STR(pl->items[0].commune, "xã Mỹ Khánh");
    CHECK_STR(pl->items[0].district, "huyện Phong Điền");
    CHECK_STR(pl->items[0].province, "TP Cần Thơ");
    n = kit_places_match(&h, pl, "", idx, KIT_MAX_PLACES);
    CHECK_INT(n, 3);
    n = kit_places_match(&h, pl, "my kh", idx, KIT_MAX_PLACES);
    CHECK_INT(n, 1);
    CHECK_INT(idx[0], 0);
    n = kit_places_match(&h, pl, "TÂN thới", idx, KIT_MAX_PLACES);
    CHECK_INT(n, 1);
    CHECK_INT(idx[0], 1);
    n = kit_places_match(&h, pl, "phong dien", idx, KIT_MAX_PLACES);
    CHECK_INT(n, 2);
    n = kit_places_match(&h, pl, "hanh", idx, KIT_MAX_PLACES); /* not a word's start */
    CHECK_INT(n, 0);
    n = kit_places_match(&h, pl, "thoi lai truong", idx, KIT_MAX_PLACES); /* any word order */
    CHECK_INT(n, 1);

    memset(&f, 0, sizeof f);
    memset(&p, 0, sizeof p);
    f.picked = 3;
    kit_place_to_person(pl, &f, &p);
    CHECK_STR(p.commune, "xã Trường Thắng");
    CHECK_STR(p.district, "huyện Thới Lai");
    memset(&p, 0, sizeof p);
    f.picked = 0;
    kiosk_strlcpy(f.typed, "  phường An Hòa ", sizeof f.typed);
    kit_place_to_person(pl, &f, &p);
    CHECK_STR(p.commune, "phường An Hòa");
    CHECK_STR(p.district, "");
    free(pl);
}

int main(void)
{
    test_fill();
    test_fields();
    test_json();
    test_places();
    return check_done();
}
