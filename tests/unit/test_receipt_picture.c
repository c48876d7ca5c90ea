/* The receipt picture's layout (issue 17 item 7) over a stand-in font: the words chosen for
 * each kind of receipt, paragraphs wrapped at spaces to the picture's width (a word wider
 * than the picture alone on its line, cut there), the lines under the QR in order, a raster
 * failure that writes no file, and more lines than the picture holds. The real font and the
 * QR's decoding are e2e.receipt_png's business. */
#include "check.h"
#include "kiosk_png_read.h"
#include "receipt/picture.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define GLYPH_W 10 /* the stand-in font: every byte 10 px wide, font_px high, all ink */

static int raster_calls, fail_on; /* fail_on: the call that fails (0: none) */

static kiosk_status raster(void *user, const char *text, int font_px, int max_width_px,
                           uint8_t **out, int *width, int *height)
{
    (void)user;
    if (++raster_calls == fail_on)
        return KIOSK_E_UNAVAILABLE;
    int w = (int)strlen(text) * GLYPH_W;
    if (max_width_px > 0 && w > max_width_px)
        w = max_width_px;
    *width = w;
    *height = font_px;
    *out = malloc((size_t)w * (size_t)font_px);
    memset(*out, 255, (size_t)w * (size_t)font_px);
    return KIOSK_OK;
}

static const char *tr(void *user, const char *key)
{
    (void)user;
    static const char *const t[][2] = {
        {"receipt.title.signup", "Biên nhận đăng ký"},
        {"receipt.title.attendance", "Biên nhận điểm danh"},
        {"receipt.session", "Buổi"},
        {"receipt.code", "Mã số"},
        {"receipt.code_word", "mã"},
        {"receipt.when", "Buổi {number}: {weekday} {date}, {start}–{end}"},
        {"receipt.when_waitlist", "Nếu có chỗ, buổi {number}"},
        {"host.weekday.1", "Thứ Hai"},
    };
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(t); i++)
        if (strcmp(t[i][0], key) == 0)
            return t[i][1];
    return key;
}

/* Rows of ink under the QR (a row with any dark pixel), as [top, bottom) bands. */
static int bands(const char *path, int side, int tops[], int max)
{
    uint8_t *px = NULL;
    int w = 0, h = 0, n = 0, prev = 0;
    if (kiosk_png_read_grey(path, 1u << 22, &px, &w, &h) != KIOSK_OK)
        return -1;
    for (int y = side; y < h; y++) {
        int ink = 0;
        for (int x = 0; x < w && !ink; x++)
            ink = px[(size_t)y * (size_t)w + (size_t)x] < 128;
        if (ink && !prev && n < max)
            tops[n++] = y;
        prev = ink;
    }
    free(px);
    return n;
}

static void test_words(void)
{
    struct kiosk_receipt r = {.kind = KIOSK_RECEIPT_SIGNUP, .short_code = "7KQ3-M9XT"};
    struct receipt_when w = {.title = "May và đan dây nhựa",
                             .place = "xã Mỹ Khánh",
                             .code = "MDN-MK",
                             .have_session = 1};
    w.first.number = 1;
    w.first.starts_at_ms = 1796603400000; /* Monday 2026-12-07 07:30 in Asia/Ho_Chi_Minh */
    w.first.ends_at_ms = w.first.starts_at_ms + 3 * 3600000 + 1800000;
    char p[RECEIPT_PICTURE_PARAS][KIOSK_TEXT_LEN];
    int px[RECEIPT_PICTURE_PARAS];
    CHECK(receipt_picture_words(&r, &w, tr, NULL, p, px) == 5);
    CHECK_STR(p[0], "May và đan dây nhựa");
    CHECK_STR(p[1], "Biên nhận đăng ký");
    CHECK_STR(p[2], "xã Mỹ Khánh · mã\u00a0MDN-MK");
    CHECK_STR(p[3], "Buổi 1: Thứ Hai 07/12/2026, 07:30–11:00");
    CHECK_STR(p[4], "Mã số: 7KQ3-M9XT");
    CHECK(px[0] > px[1] && px[4] > px[3]);
    w.waitlisted = 1; /* the seat is not hers yet: the when says so */
    receipt_picture_words(&r, &w, tr, NULL, p, px);
    CHECK_STR(p[3], "Nếu có chỗ, buổi 1");
    /* an attendance receipt: its session in the kind line, no session to come to */
    struct kiosk_receipt a = {
        .kind = KIOSK_RECEIPT_ATTENDANCE, .session_number = 2, .short_code = "AAAA-BBBB"};
    struct receipt_when none = {.title = "Đan dây nhựa"};
    CHECK(receipt_picture_words(&a, &none, tr, NULL, p, px) == 3);
    CHECK_STR(p[1], "Biên nhận điểm danh · Buổi 2");
    CHECK_STR(p[2], "Mã số: AAAA-BBBB");
}

static void test_layout(const char *path)
{
    /* 352 px of text width: 35 glyphs a line */
    const char paras[3][KIOSK_TEXT_LEN] = {
        "short title",
        "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj", /* 49 glyphs: two lines */
        "Wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww end", /* 1 cut + 1 */
    };
    const int px[3] = {30, 20, 20};
    int w = 0, h = 0, tops[32];
    raster_calls = fail_on = 0;
    CHECK(receipt_picture_png("KC1.TEST", 8, paras, px, 3, raster, NULL, path, 0600, &w, &h) ==
          KIOSK_OK);
    CHECK(w == 384); /* a small QR (21 modules + 8: 232 px) in a picture 384 wide */
    int n = bands(path, 232, tops, 32);
    /* the stand-in's lines are solid blocks: a band a paragraph, 6 px apart */
    CHECK(n == 3 && tops[0] == 232 && tops[1] == 232 + 30 + 6 && tops[2] == tops[1] + 40 + 6);
    CHECK(h == 232 + 16 + 30 + 6 + 20 + 20 + 6 + 20 + 20);
}

static void test_hostile(const char *path)
{
    const char one[1][KIOSK_TEXT_LEN] = {"title"};
    const int px[1] = {30};
    fail_on = 2; /* the second line's raster fails: no picture at all */
    raster_calls = 0;
    unlink(path);
    CHECK(receipt_picture_png("KC1.TEST", 8, one, px, 1, raster, NULL, path, 0600, NULL, NULL) ==
          KIOSK_E_UNAVAILABLE);
    CHECK(access(path, F_OK) != 0);
    /* twenty long words a paragraph (7 lines), five paragraphs: 16 lines at most */
    char many[5][KIOSK_TEXT_LEN];
    int mpx[5] = {20, 20, 20, 20, 20};
    for (int i = 0; i < 5; i++) {
        many[i][0] = '\0';
        for (int j = 0; j < 20; j++)
            strcat(many[i], "wwwwwwwwwww ");
    }
    fail_on = 0;
    int w = 0, h = 0;
    CHECK(receipt_picture_png("KC1.TEST", 8, (const char(*)[KIOSK_TEXT_LEN])many, mpx, 5, raster,
                              NULL, path, 0600, &w, &h) == KIOSK_OK);
    CHECK(h <= 232 + 16 + 16 * 20 + 4 * 6);
    /* empty paragraphs and none at all: the QR alone */
    const char empty[1][KIOSK_TEXT_LEN] = {""};
    CHECK(receipt_picture_png("KC1.TEST", 8, empty, px, 1, raster, NULL, path, 0600, &w, &h) ==
          KIOSK_OK);
    CHECK(h == 232 + 16);
}

int main(void)
{
    setenv("TZ", "Asia/Ho_Chi_Minh", 1);
    char path[] = "/tmp/test_receipt_picture.XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    test_words();
    test_layout(path);
    test_hostile(path);
    unlink(path);
    return check_done();
}
