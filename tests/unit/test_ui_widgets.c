/* The ui's other widgets without a window: QR view, list items, bar chart, PIN field,
 * messages, hold area, tap sizes at 1024x600, the keyboard blocking what lies under it. */
#include "check.h"
#include "common.h"
#include "receipt/qr.h"
#include "ui/ui.h"

#include <stdlib.h>
#include <string.h>

static int fake_width(void *user, int font, const char *text)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n * 12;
}

static int fake_line(void *user, int font)
{
    return 20 + 6 * font;
}

static const struct ui_text_metrics metrics = {fake_width, fake_line, NULL};

static const struct ui_visible_text *find(ui_ctx *ui, const char *text)
{
    size_t n;
    const struct ui_visible_text *v = ui_visible(ui, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].text, text) == 0)
            return &v[i];
    return NULL;
}

#define RECEIPT "KC1.AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYUCULBOGI2DINBWHB4.7KQ3M9XT"

static void test_qr(void)
{
    ui_ctx *ui = ui_new(&metrics);
    ui_begin(ui, 1280, 800, 0, NULL);
    ui_qr(ui, RECEIPT, "Mã 7KQ3-M9XT");
    const struct ui_drawlist *dl = ui_end(ui);
    struct qr_matrix m;
    CHECK_INT(qr_encode(RECEIPT, &m), KIOSK_OK);
    const struct ui_cmd *img = NULL;
    for (size_t i = 0; i < dl->count; i++)
        if (dl->cmds[i].kind == UI_CMD_IMAGE)
            img = &dl->cmds[i];
    CHECK(img != NULL);
    if (img) {
        CHECK_INT(img->pw, m.size + 8); /* a quiet zone of 4 modules each side */
        CHECK_INT(img->ph, m.size + 8);
        CHECK_INT(img->rect.w % img->pw, 0); /* whole pixels a module: sharp */
        CHECK(img->rect.w / img->pw >= 6);
        CHECK_INT(img->rect.w, img->rect.h);
        /* the module at (4,4) is the finder's dark corner; the quiet zone is white */
        CHECK_INT(img->pixels[4 * img->pw + 4], 0);
        CHECK_INT(img->pixels[0], 255);
        CHECK(img->image_key != 0);
        const struct ui_visible_text *cap = find(ui, "Mã 7KQ3-M9XT");
        CHECK(cap && cap->rect.y >= img->rect.y + img->rect.h); /* the caption is under it */
    }
    qr_matrix_release(&m);
    ui_free(ui);
}

/* A QR with more under it than the area holds shrinks (whole modules, never under 6 px)
 * until the button under it is on screen. */
static void test_qr_fits(void)
{
    ui_ctx *ui = ui_new(&metrics);
    int frames = 0;
    const struct ui_drawlist *dl;
    do {
        ui_begin(ui, 1280, 800, 0, NULL);
        ui_area(ui, (ui_rect){0, 100, 1280, 560});
        ui_text(ui, "Biên nhận đăng ký");
        ui_qr(ui, RECEIPT, "Mã 7KQ3-M9XT");
        ui_text(ui, "Nguyễn Thị Hòa");
        ui_button(ui, "Xong", KIOSK_STYLE_PRIMARY);
        dl = ui_end(ui);
    } while (ui_needs_redraw(ui) && ++frames < 5);
    CHECK(frames < 5); /* it settles */
    const struct ui_visible_text *b = find(ui, "Xong");
    CHECK(b && b->target.y + b->target.h <= 660);
    for (size_t i = 0; i < dl->count; i++)
        if (dl->cmds[i].kind == UI_CMD_IMAGE)
            CHECK(dl->cmds[i].rect.w / dl->cmds[i].pw >= 6);
    ui_free(ui);
}

static void test_list_and_chart(void)
{
    ui_ctx *ui = ui_new(&metrics);
    struct ui_event press = {.kind = UI_EV_PRESS}, release = {.kind = UI_EV_RELEASE};
    int hit[2] = {0, 0};
    for (int f = 0; f < 3; f++) {
        const struct ui_event *ev = f == 1 ? &press : f == 2 ? &release : NULL;
        ui_begin(ui, 1280, 800, 0, ev);
        /* namesakes: same title, told apart by the detail */
        hit[0] += ui_list_item(ui, "Nguyễn Thị Hòa", "1987 · xã Mỹ Khánh");
        hit[1] += ui_list_item(ui, "Nguyễn Thị Hòa", "1992 · phường Tân Thới");
        static const char *const labels[] = {"8h", "9h", "10h"};
        static const int values[] = {4, 12, 0};
        ui_bar_chart(ui, "Khách theo giờ", labels, values, 3);
        ui_end(ui);
        if (f == 0) {
            size_t n;
            const struct ui_visible_text *v = ui_visible(ui, &n);
            int second = -1;
            for (size_t i = 0; i < n; i++)
                if (strcmp(v[i].text, "1992 · phường Tân Thới") == 0)
                    second = (int)i;
            CHECK(second >= 0);
            if (second >= 0) {
                CHECK(v[second].target.h >= 64);
                press.x = release.x = v[second].target.x + 30;
                press.y = release.y = v[second].target.y + 5;
            }
        }
    }
    CHECK_INT(hit[0], 0);
    CHECK_INT(hit[1], 1);
    CHECK(find(ui, "Khách theo giờ") != NULL);
    CHECK(find(ui, "10h") != NULL);
    CHECK(find(ui, "12") != NULL);
    ui_free(ui);
}

static void test_pin_and_message(void)
{
    ui_ctx *ui = ui_new(&metrics);
    char pin[8] = "2468";
    ui_begin(ui, 1280, 800, 0, NULL);
    ui_field(ui, "Mã PIN", pin, sizeof pin, KIOSK_FIELD_PIN, NULL);
    ui_message(ui, KIOSK_MSG_ERROR, "Sai mã PIN");
    const struct ui_drawlist *dl = ui_end(ui);
    CHECK(find(ui, "2468") == NULL); /* a PIN is never drawn */
    CHECK(find(ui, "····") != NULL);
    CHECK(find(ui, "Sai mã PIN") != NULL);
    /* an error message is in the danger colour */
    const struct ui_theme *t = ui_theme(ui);
    int red = 0;
    for (size_t i = 0; i < dl->count; i++)
        if (dl->cmds[i].kind == UI_CMD_RECT && dl->cmds[i].color.r == t->danger.r &&
            dl->cmds[i].color.g == t->danger.g && dl->cmds[i].color.b == t->danger.b)
            red = 1;
    CHECK(red);
    ui_free(ui);
}

static void test_hold(void)
{
    ui_ctx *ui = ui_new(&metrics);
    ui_rect corner = {0, 0, 120, 120};
    struct ui_event press = {.kind = UI_EV_PRESS, .x = 10, .y = 10};
    struct ui_event release = {.kind = UI_EV_RELEASE, .x = 10, .y = 10};
    ui_begin(ui, 1280, 800, 1000, &press);
    CHECK_INT(ui_hold_area(ui, corner), 0);
    ui_end(ui);
    CHECK(ui_needs_redraw(ui)); /* held: frames keep coming */
    ui_begin(ui, 1280, 800, 4000, NULL);
    CHECK_INT(ui_hold_area(ui, corner), 3000);
    ui_end(ui);
    CHECK(ui_needs_redraw(ui));
    ui_begin(ui, 1280, 800, 5000, &release);
    ui_hold_area(ui, corner);
    ui_end(ui);
    ui_begin(ui, 1280, 800, 6000, NULL);
    CHECK_INT(ui_hold_area(ui, corner), 0);
    ui_end(ui);
    CHECK(!ui_needs_redraw(ui)); /* let go: the kiosk may sleep */
    ui_free(ui);
}

/* Tap targets scale with the screen; the keyboard covers what is under it. */
static void test_small_screen_and_blocking(void)
{
    ui_ctx *ui = ui_new(&metrics);
    char name[64] = "";
    int under = 0;
    struct ui_event ev = {0};
    for (int f = 0; f < 6; f++) {
        ui_begin(ui, 1024, 600, 0, f ? &ev : NULL);
        ui_field(ui, "Họ và tên", name, sizeof name, KIOSK_FIELD_NAME, NULL);
        ui_area(ui, (ui_rect){0, 500, 1024, 100}); /* a button where the keyboard goes */
        under += ui_button(ui, "Bên dưới", KIOSK_STYLE_NORMAL);
        ui_keyboard(ui);
        ui_end(ui);
        const struct ui_visible_text *v = find(ui, f < 2 ? "Họ và tên" : "Bên dưới");
        if (f == 0)
            CHECK(v && v->target.h >= 48); /* 64 at 800 px high */
        if (v) {
            ev.x = v->target.x + v->target.w / 2;
            ev.y = v->target.y + v->target.h - 5;
        }
        ev.kind = f % 2 == 0 ? UI_EV_PRESS : UI_EV_RELEASE;
    }
    CHECK(ui_has_focus(ui));
    CHECK_INT(under, 0);
    ui_free(ui);
}

static const struct ui_cmd *image_of(const struct ui_drawlist *dl)
{
    for (size_t i = 0; i < dl->count; i++)
        if (dl->cmds[i].kind == UI_CMD_IMAGE)
            return &dl->cmds[i];
    return NULL;
}

/* The camera's picture: smooth-scaled, its shape kept, at most the height asked, centred,
 * the caption under it; the same frame again changes nothing, a new one repaints; no
 * picture draws nothing. */
static void test_camera_view(void)
{
    static uint8_t px[160 * 120];
    for (int i = 0; i < 160 * 120; i++)
        px[i] = (uint8_t)(i % 160);
    ui_ctx *ui = ui_new(&metrics);
    uint64_t keys[] = {1, 1, 2};
    for (int f = 0; f < 3; f++) {
        ui_begin(ui, 1024, 600, f * 100, NULL);
        ui_area(ui, (ui_rect){0, 0, 1024, 600});
        ui_camera_view(ui, px, 160, 120, keys[f], "Đưa mã QR vào", 180);
        const struct ui_drawlist *dl = ui_end(ui);
        const struct ui_cmd *img = image_of(dl);
        CHECK(img != NULL);
        if (!img)
            break;
        CHECK_INT(img->radius, UI_IMAGE_SMOOTH);
        CHECK_INT(img->rect.h, 180 * 600 / 800);
        CHECK_INT(img->rect.w, img->rect.h * 4 / 3);
        CHECK(abs(img->rect.x + img->rect.w / 2 - 512) <= 2);
        CHECK_INT(img->pixels[159], 159);
        const struct ui_visible_text *cap = find(ui, "Đưa mã QR vào");
        CHECK(cap && cap->rect.y >= img->rect.y + img->rect.h);
        if (f == 1)
            CHECK_INT(ui_needs_redraw(ui), 0); /* the same frame: nothing to paint */
        if (f == 2)
            CHECK_INT(ui_needs_redraw(ui), 1); /* a new frame: painted */
    }
    ui_begin(ui, 1024, 600, 400, NULL);
    ui_camera_view(ui, NULL, 160, 120, 3, "Đưa mã QR vào", 180);
    CHECK(image_of(ui_end(ui)) == NULL);
    CHECK(find(ui, "Đưa mã QR vào") == NULL);
    ui_free(ui);
}

int main(void)
{
    test_qr();
    test_camera_view();
    test_qr_fits();
    test_list_and_chart();
    test_pin_and_message();
    test_hold();
    test_small_screen_and_blocking();
    return check_done();
}
