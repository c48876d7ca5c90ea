/* The SDL backend under the dummy video driver: paints every widget and the keyboard at
 * 1280x800 and 1024x600, writes PNGs of them (build/shots/ui/) for a person to look at,
 * and checks what can be checked without eyes: the text cache, the QR reads back. */
#include "check.h"
#include "common.h"
#include "kiosk_png.h"
#include "sdl/sdl_backend.h"
#include "text/composer.h"
#include "ui/ui.h"

/* This test drives the backend with SDL events, so it includes SDL: it belongs to the
 * sdl layer, the only one that may. */
#include <SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *tr(void *user, const char *key)
{
    static const char *const table[][2] = {
        {"ui.key_space", "Dấu cách"}, {"ui.key_done", "Xong"},    {"ui.key_backspace", "Xóa"},
        {"ui.key_shift", "Chữ hoa"},  {"ui.key_symbols", "123"},  {"ui.key_letters", "abc"},
        {"ui.tone_acute", "sắc"},     {"ui.tone_grave", "huyền"}, {"ui.tone_hook", "hỏi"},
        {"ui.tone_tilde", "ngã"},     {"ui.tone_dot", "nặng"},    {"ui.tone_none", "không dấu"},
        {"ui.sign_again", "Ký lại"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i][0], key) == 0)
            return table[i][1];
    return key;
}

#define RECEIPT "KC1.AEBAGBAFAYDQQCIKBMGA2DQPCAIREEYUCULBOGI2DINBWHB4.7KQ3M9XT"

struct demo {
    char name[160], phone[20], search[64];
    int consent, contact;
    struct kiosk_signature sig;
};

/* Everything but the keyboard, in two columns. */
static void screen_widgets(ui_ctx *ui, struct demo *d, int w, int h)
{
    int pad = ui_theme(ui)->pad_px;
    ui_area(ui, (ui_rect){pad, pad, w / 2 - 2 * pad, h - 2 * pad});
    ui_heading(ui, "Trung tâm Khuyến công Cần Thơ");
    ui_text(ui, "Lớp đan dây nhựa tại xã Trường Thắng, huyện Thới Lai: buổi 3 của 10, "
                "học viên điểm danh tại đây.");
    ui_message(ui, KIOSK_MSG_OK, "Đã điểm danh: Nguyễn Thị Hòa");
    ui_message(ui, KIOSK_MSG_ERROR, "Số điện thoại chưa đúng: thiếu một chữ số.");
    ui_message(ui, KIOSK_MSG_INFO, "Đặng Văn Ẩn đã đăng ký lớp này.");
    ui_row_begin(ui, 3);
    ui_button(ui, "Quay lại", KIOSK_STYLE_NORMAL);
    ui_button(ui, "Điểm danh", KIOSK_STYLE_PRIMARY);
    ui_button(ui, "Hủy đăng ký", KIOSK_STYLE_DANGER);
    ui_row_end(ui);
    ui_checkbox(ui, "Tôi đồng ý cho Trung tâm lưu thông tin để báo cáo điểm danh", &d->consent);
    ui_checkbox(ui, "Liên hệ tôi về các lớp sau", &d->contact);
    ui_list_item(ui, "Nguyễn Thị Hòa", "1987 · xã Mỹ Khánh, huyện Phong Điền");
    ui_list_item(ui, "Nguyễn Thị Hòa", "1992 · phường Tân Thới, quận Cái Răng");
    ui_list_item(ui, "Đặng Quốc Trường Thắng và một cái tên rất dài để thử cắt chữ",
                 "HTX Nông nghiệp Trường Thắng");

    ui_area(ui, (ui_rect){w / 2 + pad, pad, w / 2 - 2 * pad, h - 2 * pad});
    ui_row_begin(ui, 2);
    ui_tile(ui, "Điểm danh lớp học", "Tìm tên và chạm để điểm danh");
    ui_tile(ui, "Hội chợ", "Đăng ký khách tham quan");
    ui_row_end(ui);
    ui_field(ui, "Họ và tên", d->name, sizeof d->name, KIOSK_FIELD_NAME, NULL);
    ui_field(ui, "Số điện thoại", d->phone, sizeof d->phone, KIOSK_FIELD_PHONE,
             "Số di động có 10 chữ số, bắt đầu bằng 0.");
    static const char *const labels[] = {"7h", "8h", "9h", "10h", "11h", "13h", "14h", "15h"};
    static const int values[] = {3, 12, 20, 9, 4, 7, 15, 2};
    ui_bar_chart(ui, "Khách theo giờ", labels, values, 8);
    static const char *const kinds[] = {"Đan dây nhựa", "Máy may công nghiệp", "Hoa kiểng"};
    static const int counts[] = {14, 6, 9};
    ui_bar_chart(ui, "Quan tâm", kinds, counts, 3);
}

static void screen_receipt(ui_ctx *ui, struct demo *d, int w, int h)
{
    int pad = ui_theme(ui)->pad_px;
    ui_area(ui, (ui_rect){pad, pad, w / 2 - 2 * pad, h - 2 * pad});
    ui_heading(ui, "Biên nhận đăng ký");
    ui_qr(ui, RECEIPT, "Mã 7KQ3-M9XT · Lớp may công nghiệp MDN-MK");
    ui_area(ui, (ui_rect){w / 2 + pad, pad, w / 2 - 2 * pad, h - 2 * pad});
    ui_heading(ui, "Ký tên");
    ui_signature(ui, &d->sig);
}

/* A search screen with the keyboard up, as the attendance plugin shows it. */
static void screen_keyboard(ui_ctx *ui, struct demo *d, int w, int h, int numeric)
{
    int pad = ui_theme(ui)->pad_px;
    ui_area(ui, (ui_rect){pad, pad, w - 2 * pad, h - 2 * pad});
    ui_heading(ui, "Tìm tên của bạn");
    if (numeric)
        ui_field(ui, "Số điện thoại", d->phone, sizeof d->phone, KIOSK_FIELD_PHONE, NULL);
    else
        ui_field(ui, "Gõ tên (không dấu cũng được)", d->search, sizeof d->search, KIOSK_FIELD_NAME,
                 NULL);
    ui_list_item(ui, "Nguyễn Thị Hòa", "1987 · xã Mỹ Khánh");
    ui_keyboard(ui);
}

static void make_signature(struct kiosk_signature *sig)
{
    memset(sig, 0, sizeof *sig);
    sig->width = 500;
    sig->height = 220;
    for (int i = 0; i <= 40; i++) {
        int x = 40 + i * 10, y = 150 - (i % 10) * 9 + (i / 10) * 6;
        sig->points[sig->count++] = (struct kiosk_point){(int16_t)x, (int16_t)y};
    }
    sig->points[sig->count++] = (struct kiosk_point){-1, -1};
}

typedef void (*screen_fn)(ui_ctx *, struct demo *, int, int);

static const struct ui_drawlist *frame(ui_ctx *ui, struct sdl_backend *b, const struct ui_event *ev,
                                       int which, struct demo *d)
{
    int w, h;
    sdl_backend_size(b, &w, &h);
    ui_begin(ui, w, h, 1000, ev);
    if (which == 0)
        screen_widgets(ui, d, w, h);
    else if (which == 1)
        screen_receipt(ui, d, w, h);
    else
        screen_keyboard(ui, d, w, h, which == 3);
    return ui_end(ui);
}

static void tap_field(ui_ctx *ui, struct sdl_backend *b, int which, struct demo *d,
                      const char *label)
{
    size_t n;
    const struct ui_visible_text *v = ui_visible(ui, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].text, label) == 0) {
            struct ui_event ev = {.kind = UI_EV_PRESS,
                                  .x = v[i].target.x + 10,
                                  .y = v[i].target.y + v[i].target.h - 10};
            frame(ui, b, &ev, which, d);
            ev.kind = UI_EV_RELEASE;
            frame(ui, b, &ev, which, d);
            return;
        }
}

/* 1 when zbarimg reads the receipt back; -1 when zbarimg is not installed. */
static int qr_reads_back(const char *png)
{
    if (system("command -v zbarimg >/dev/null 2>&1") != 0)
        return -1;
    char cmd[1400];
    snprintf(cmd, sizeof cmd, "zbarimg -q --raw '%s' 2>/dev/null", png);
    FILE *p = popen(cmd, "r");
    if (!p)
        return 0;
    char line[512] = "";
    if (!fgets(line, sizeof line, p))
        line[0] = '\0';
    pclose(p);
    line[strcspn(line, "\n")] = '\0';
    CHECK_STR(line, RECEIPT);
    return strcmp(line, RECEIPT) == 0;
}

static void push_finger(Uint32 type, SDL_FingerID id, float x, float y)
{
    SDL_Event e = {0};
    e.type = type;
    e.tfinger.touchId = 1;
    e.tfinger.fingerId = id;
    e.tfinger.x = x;
    e.tfinger.y = y;
    SDL_PushEvent(&e);
}

static void push_mouse(Uint32 type, Uint32 which, int x, int y)
{
    SDL_Event e = {0};
    e.type = type;
    e.button.which = which;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = x;
    e.button.y = y;
    SDL_PushEvent(&e);
}

static void push_key(SDL_Keycode sym, Uint16 mod)
{
    SDL_Event e = {0};
    e.type = SDL_KEYDOWN;
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    SDL_PushEvent(&e);
}

/* A touch counts once, a second finger is ignored, shortcuts are swallowed. */
static void test_input(struct sdl_backend *b, int w, int h)
{
    struct backend_input in;
    while (sdl_backend_wait(b, 0, &in) != BACKEND_IN_NONE) /* window shown, exposed... */
        ;
    push_finger(SDL_FINGERDOWN, 7, 0.5f, 0.25f);
    push_mouse(SDL_MOUSEBUTTONDOWN, SDL_TOUCH_MOUSEID, w / 2, h / 4); /* SDL's copy */
    push_finger(SDL_FINGERDOWN, 8, 0.1f, 0.1f);                       /* a second finger */
    push_finger(SDL_FINGERMOTION, 7, 0.5f, 0.5f);
    push_finger(SDL_FINGERUP, 8, 0.1f, 0.1f);
    push_finger(SDL_FINGERUP, 7, 0.5f, 0.5f);
    push_mouse(SDL_MOUSEBUTTONUP, SDL_TOUCH_MOUSEID, w / 2, h / 2);
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_UI);
    CHECK_INT(in.ev.kind, UI_EV_PRESS);
    CHECK_INT(in.ev.x, w / 2);
    CHECK_INT(in.ev.y, h / 4);
    CHECK_INT(in.from_touch, 1);
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_UI);
    CHECK_INT(in.ev.kind, UI_EV_MOVE);
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_UI);
    CHECK_INT(in.ev.kind, UI_EV_RELEASE);
    CHECK_INT(in.ev.y, h / 2);
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_NONE); /* nothing counted twice */

    push_mouse(SDL_MOUSEBUTTONDOWN, 0, 100, 120); /* a real mouse */
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_UI);
    CHECK_INT(in.ev.kind, UI_EV_PRESS);
    CHECK_INT(in.ev.x, 100);
    CHECK_INT(in.from_touch, 0);

    SDL_Event t = {0};
    t.type = SDL_TEXTINPUT;
    strcpy(t.text.text, "ễ");
    SDL_PushEvent(&t);
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_UI);
    CHECK_INT(in.ev.kind, UI_EV_TEXT);
    CHECK_STR(in.ev.text, "ễ");

    push_key(SDLK_BACKSPACE, 0);
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_UI);
    CHECK_INT(in.ev.kind, UI_EV_KEY);
    CHECK_INT(in.ev.key, UI_KEY_BACKSPACE);
    push_key(SDLK_ESCAPE, 0);
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_UI);
    CHECK_INT(in.ev.key, UI_KEY_ESCAPE);
    push_key(SDLK_F4, KMOD_LALT);
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_SHORTCUT);
    push_key(SDLK_TAB, KMOD_LALT);
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_SHORTCUT);
    push_key(SDLK_q, KMOD_LCTRL);
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_SHORTCUT);
    push_key(SDLK_LGUI, 0);
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_SHORTCUT);
    push_key(SDLK_a, 0); /* letters arrive as text input, not as keys */
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_NONE);
    SDL_Event q = {0};
    q.type = SDL_QUIT;
    SDL_PushEvent(&q);
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_QUIT); /* SIGTERM/SIGINT */
    SDL_Event c = {0};
    c.type = SDL_WINDOWEVENT;
    c.window.event = SDL_WINDOWEVENT_CLOSE;
    SDL_PushEvent(&c);
    CHECK_INT(sdl_backend_wait(b, 0, &in), BACKEND_IN_CLOSE); /* ignored in kiosk mode */
    CHECK_INT(sdl_backend_wait(b, 20, &in), BACKEND_IN_NONE); /* a timeout */
}

static void run_size(int w, int h)
{
    char font_r[1024], font_b[1024], dir[1024], png[1200];
    snprintf(font_r, sizeof font_r, "%s/fonts/NotoSans-Regular.ttf", KIOSK_TEST_SOURCE_DIR);
    snprintf(font_b, sizeof font_b, "%s/fonts/NotoSans-Bold.ttf", KIOSK_TEST_SOURCE_DIR);
    snprintf(dir, sizeof dir, "%s/shots/ui", KIOSK_TEST_BUILD_DIR);
    kiosk_mkdirs(dir, 0755);
    struct backend_opts opts = {w, h, 0, font_r, font_b};
    struct sdl_backend *b = NULL;
    char err[256] = "";
    kiosk_status st = sdl_backend_open(&opts, &b, err, sizeof err);
    if (st != KIOSK_OK)
        fprintf(stderr, "open: %s\n", err);
    CHECK_INT(st, KIOSK_OK);
    if (!b)
        return;
    int bw, bh;
    sdl_backend_size(b, &bw, &bh);
    CHECK_INT(bw, w);
    CHECK_INT(bh, h);
    ui_ctx *ui = ui_new(sdl_backend_metrics(b));
    ui_set_translator(ui, tr, NULL);
    ui_set_input_method(ui, VN_IM_TELEX, VN_TONE_TRADITIONAL);
    struct demo d = {.name = "Nguyễn Thị Hòa", .phone = "0912345", .consent = 1};
    make_signature(&d.sig);
    static const char *const names[] = {"widgets", "receipt", "keyboard", "digits"};
    for (int which = 0; which < 4; which++) {
        const struct ui_drawlist *dl = frame(ui, b, NULL, which, &d);
        if (which >= 2) { /* focus the field: the keyboard comes up */
            tap_field(ui, b, which, &d,
                      which == 3 ? "Số điện thoại" : "Gõ tên (không dấu cũng được)");
            if (which == 2) {
                struct ui_event ev = {.kind = UI_EV_TEXT};
                strcpy(ev.text, "Nguyeenx Thij Hoaf");
                frame(ui, b, &ev, which, &d);
                CHECK_STR(d.search, "Nguyễn Thị Hòa");
            }
            dl = frame(ui, b, NULL, which, &d);
            CHECK(ui_has_focus(ui));
        }
        /* as the host does: frames until nothing changes (rows settle their height) */
        for (int i = 0; i < 3 && ui_needs_redraw(ui); i++)
            dl = frame(ui, b, NULL, which, &d);
        CHECK(!ui_needs_redraw(ui));
        sdl_backend_paint(b, dl);
        struct backend_stats s1, s2;
        sdl_backend_stats(b, &s1);
        /* the same frame again: every text comes from the cache */
        dl = frame(ui, b, NULL, which, &d);
        CHECK(!ui_needs_redraw(ui));
        sdl_backend_paint(b, dl);
        sdl_backend_stats(b, &s2);
        CHECK_INT(s2.texts_rendered, s1.texts_rendered);
        CHECK(s2.text_hits > s1.text_hits);
        snprintf(png, sizeof png, "%s/%s-%dx%d.png", dir, names[which], w, h);
        CHECK_INT(sdl_backend_screenshot(b, png), KIOSK_OK);
        struct stat sb;
        CHECK(stat(png, &sb) == 0 && sb.st_size > 10000);
        printf("wrote %s\n", png);
        if (which == 1) {
            int read = qr_reads_back(png);
            if (read < 0)
                check_skip("zbarimg is not installed: the QR is not read back");
            else
                CHECK(read);
        }
    }
    /* text for the printer: grey, ink where the letters are */
    uint8_t *px = NULL;
    int rw = 0, rh = 0;
    CHECK_INT(sdl_backend_text_raster(b, "Nguyễn Thị Hòa · Đặng", 24, 384, &px, &rw, &rh),
              KIOSK_OK);
    CHECK(rw > 100 && rw <= 384 && rh >= 24);
    int ink = 0;
    for (int i = 0; px && i < rw * rh; i++)
        ink += px[i] > 128;
    CHECK(ink > 200);
    if (px) {
        snprintf(png, sizeof png, "%s/raster-%dx%d.png", dir, w, h);
        kiosk_png_write(png, px, rw, rh, 1, (size_t)rw, 0644);
    }
    free(px);
    test_input(b, w, h);
    ui_free(ui);
    sdl_backend_close(b);
}

int main(void)
{
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    run_size(1280, 800);
    run_size(1024, 600);
    return check_done();
}
