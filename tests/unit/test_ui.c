/* The ui layer without a window: fake text metrics, events in, draw lists and visible
 * texts out — taps, fields, the on-screen keyboard, checkbox, signature, redraws. */
#include "check.h"
#include "common.h"
#include "text/composer.h"
#include "ui/ui.h"

#include <stdlib.h>
#include <string.h>

/* Every character is 12 px wide (x font + 1 for bigger fonts), lines 20 + 6 x font px. */
static int fake_width(void *user, int font, const char *text)
{
    int n = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        if ((*p & 0xC0) != 0x80)
            n++;
    return n * 12 * (font == UI_FONT_TITLE ? 2 : 1);
}

static int fake_line(void *user, int font)
{
    return 20 + 6 * font;
}

static const char *fake_tr(void *user, const char *key)
{
    static const char *const table[][2] = {
        {"ui.key_space", "Dấu cách"},  {"ui.key_done", "Xong"},     {"ui.key_backspace", "Xóa"},
        {"ui.key_shift", "Chữ hoa"},   {"ui.tone_acute", "sắc"},    {"ui.tone_grave", "huyền"},
        {"ui.tone_hook", "hỏi"},       {"ui.tone_tilde", "ngã"},    {"ui.tone_dot", "nặng"},
        {"ui.tone_none", "không dấu"}, {"ui.sign_again", "Ký lại"},
    };
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i][0], key) == 0)
            return table[i][1];
    return key;
}

static const struct ui_text_metrics metrics = {fake_width, fake_line, NULL};
static int W = 1280, H = 800;
static int64_t now_ms = 1000;

/* The screen under test: what a registration plugin would draw. */
struct screen {
    char name[160];
    char phone[20];
    char year[8];
    int consent;
    int clicks, name_changes;
    struct kiosk_signature sig;
    int sig_changes;
    int with_keyboard;
};

static void draw(ui_ctx *ui, struct screen *s, const struct ui_event *ev)
{
    ui_begin(ui, W, H, now_ms, ev);
    ui_area(ui, (ui_rect){40, 20, W - 80, H - 40});
    ui_heading(ui, "Đăng ký tham gia");
    if (ui_field(ui, "Họ và tên", s->name, sizeof s->name, KIOSK_FIELD_NAME, NULL))
        s->name_changes++;
    ui_row_begin(ui, 2);
    ui_field(ui, "Số điện thoại", s->phone, sizeof s->phone, KIOSK_FIELD_PHONE, NULL);
    ui_field(ui, "Năm sinh", s->year, sizeof s->year, KIOSK_FIELD_YEAR, NULL);
    ui_row_end(ui);
    ui_checkbox(ui, "Tôi đồng ý cho lưu thông tin điểm danh", &s->consent);
    if (ui_button(ui, "Tiếp tục", KIOSK_STYLE_PRIMARY))
        s->clicks++;
    if (!s->with_keyboard && ui_signature(ui, &s->sig))
        s->sig_changes++;
    ui_keyboard(ui);
    ui_end(ui);
}

static void send(ui_ctx *ui, struct screen *s, int kind, int x, int y)
{
    struct ui_event ev = {.kind = kind, .x = x, .y = y};
    draw(ui, s, &ev);
}

static void tap_xy(ui_ctx *ui, struct screen *s, int x, int y)
{
    send(ui, s, UI_EV_PRESS, x, y);
    send(ui, s, UI_EV_RELEASE, x, y);
}

static const struct ui_visible_text *find(ui_ctx *ui, const char *text)
{
    size_t n;
    const struct ui_visible_text *v = ui_visible(ui, &n);
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i].text, text) == 0)
            return &v[i];
    return NULL;
}

/* As the script player does: the centre of the widget the text belongs to. */
static int tap(ui_ctx *ui, struct screen *s, const char *label)
{
    const struct ui_visible_text *v = find(ui, label);
    if (!v || v->target.w == 0) {
        fprintf(stderr, "no tappable '%s' on screen\n", label);
        return 0;
    }
    ui_rect t = v->target;
    tap_xy(ui, s, t.x + t.w / 2, t.y + t.h / 2);
    return 1;
}

static void type(ui_ctx *ui, struct screen *s, const char *text)
{
    struct ui_event ev = {.kind = UI_EV_TEXT};
    kiosk_strlcpy(ev.text, text, sizeof ev.text);
    draw(ui, s, &ev);
}

static void key(ui_ctx *ui, struct screen *s, int k)
{
    struct ui_event ev = {.kind = UI_EV_KEY, .key = k};
    draw(ui, s, &ev);
}

static ui_ctx *fresh(struct screen *s)
{
    memset(s, 0, sizeof *s);
    ui_ctx *ui = ui_new(&metrics);
    ui_set_translator(ui, fake_tr, NULL);
    draw(ui, s, NULL);
    return ui;
}

static void test_button(void)
{
    struct screen s;
    ui_ctx *ui = fresh(&s);
    const struct ui_visible_text *b = find(ui, "Tiếp tục");
    CHECK(b != NULL);
    ui_rect t = b->target;
    CHECK(t.h >= 64);
    int cx = t.x + t.w / 2, cy = t.y + t.h / 2;
    send(ui, &s, UI_EV_PRESS, cx, cy);
    CHECK_INT(s.clicks, 0); /* a press alone does nothing */
    send(ui, &s, UI_EV_RELEASE, cx, cy);
    CHECK_INT(s.clicks, 1);
    /* dragged out and released outside: cancelled */
    send(ui, &s, UI_EV_PRESS, cx, cy);
    send(ui, &s, UI_EV_MOVE, cx, t.y + t.h + 40);
    send(ui, &s, UI_EV_RELEASE, cx, t.y + t.h + 40);
    CHECK_INT(s.clicks, 1);
    /* a finger that slides off and back is still cancelled */
    send(ui, &s, UI_EV_PRESS, cx, cy);
    send(ui, &s, UI_EV_MOVE, cx, t.y - 30);
    send(ui, &s, UI_EV_MOVE, cx, cy);
    send(ui, &s, UI_EV_RELEASE, cx, cy);
    CHECK_INT(s.clicks, 1);
    /* pressed elsewhere, released on the button: not a tap of it */
    send(ui, &s, UI_EV_PRESS, 5, 5);
    send(ui, &s, UI_EV_RELEASE, cx, cy);
    CHECK_INT(s.clicks, 1);
    ui_free(ui);
}

static void test_visible_and_redraw(void)
{
    struct screen s;
    ui_ctx *ui = fresh(&s);
    CHECK(find(ui, "Đăng ký tham gia") != NULL);
    CHECK(find(ui, "Họ và tên") != NULL);
    CHECK(find(ui, "Tôi đồng ý cho lưu thông tin điểm danh") != NULL);
    CHECK(find(ui, "Ký lại") != NULL);
    CHECK(find(ui, "Đăng ký tham gia")->target.w == 0); /* a heading is not tappable */
    CHECK(ui_needs_redraw(ui));
    draw(ui, &s, NULL);
    CHECK(!ui_needs_redraw(ui)); /* nothing changed: the host may sleep */
    /* NFD in, NFC out: a name from a spreadsheet is drawn composed */
    ui_begin(ui, W, H, now_ms, NULL);
    ui_text(ui, "Nguye\xCC\x82\xCC\x83n Thi\xCC\xA3 Ho\xCC\x80"
                "a");
    const struct ui_drawlist *dl = ui_end(ui);
    int found = 0;
    for (size_t i = 0; i < dl->count; i++)
        if (dl->cmds[i].kind == UI_CMD_TEXT && strcmp(dl->cmds[i].text, "Nguyễn Thị Hòa") == 0)
            found = 1;
    CHECK(found);
    CHECK(find(ui, "Nguyễn Thị Hòa") != NULL);
    CHECK(ui_needs_redraw(ui));
    ui_free(ui);
}

static void test_wrap(void)
{
    struct screen s;
    ui_ctx *ui = fresh(&s);
    ui_begin(ui, W, H, now_ms, NULL);
    ui_area(ui, (ui_rect){0, 0, 240, 400}); /* 20 characters a line */
    ui_text(ui, "Lớp đan dây nhựa tại xã Mỹ Khánh, huyện Phong Điền");
    const struct ui_drawlist *dl = ui_end(ui);
    int lines = 0;
    for (size_t i = 0; i < dl->count; i++)
        if (dl->cmds[i].kind == UI_CMD_TEXT) {
            lines++;
            CHECK(fake_width(NULL, dl->cmds[i].font, dl->cmds[i].text) <= 240);
        }
    CHECK(lines >= 3);
    /* the whole sentence is one visible text, so `expect` finds it across lines */
    CHECK(find(ui, "Lớp đan dây nhựa tại xã Mỹ Khánh, huyện Phong Điền") != NULL);
    ui_free(ui);
}

static void test_checkbox(void)
{
    struct screen s;
    ui_ctx *ui = fresh(&s);
    const struct ui_visible_text *v = find(ui, "Tôi đồng ý cho lưu thông tin điểm danh");
    CHECK(v && v->target.h >= 64);
    ui_rect t = v->target;
    /* the whole row is tappable, not only the box */
    tap_xy(ui, &s, t.x + t.w - 10, t.y + t.h / 2);
    CHECK_INT(s.consent, 1);
    CHECK(tap(ui, &s, "Tôi đồng ý cho lưu thông tin điểm danh"));
    CHECK_INT(s.consent, 0);
    ui_free(ui);
}

static void test_signature(void)
{
    struct screen s;
    ui_ctx *ui = fresh(&s);
    const struct ui_visible_text *again = find(ui, "Ký lại");
    CHECK(again != NULL);
    ui_rect b = again->target;
    /* the pad is just above its "Ký lại" button */
    int x = b.x + 100, y = b.y - 100;
    send(ui, &s, UI_EV_PRESS, x, y);
    send(ui, &s, UI_EV_MOVE, x + 40, y + 10);
    send(ui, &s, UI_EV_MOVE, x + 80, y - 10);
    send(ui, &s, UI_EV_RELEASE, x + 120, y);
    CHECK(s.sig_changes >= 3);
    CHECK_INT(s.sig.count, 5); /* four points and the stroke's end mark */
    CHECK_INT(s.sig.points[4].x, -1);
    CHECK(s.sig.width > 0 && s.sig.height > 0);
    CHECK_INT(s.sig.points[1].x - s.sig.points[0].x, 40);
    const struct ui_drawlist *dl = ui_end(ui);
    (void)dl;
    draw(ui, &s, NULL);
    /* the drawn strokes are lines */
    ui_begin(ui, W, H, now_ms, NULL);
    ui_area(ui, (ui_rect){40, 20, W - 80, H - 40});
    ui_signature(ui, &s.sig);
    dl = ui_end(ui);
    int lines = 0;
    for (size_t i = 0; i < dl->count; i++)
        lines += dl->cmds[i].kind == UI_CMD_LINE;
    CHECK(lines >= 4); /* 3 segments and the baseline */
    draw(ui, &s, NULL);
    CHECK(tap(ui, &s, "Ký lại"));
    CHECK_INT(s.sig.count, 0);
    ui_free(ui);
}

static void test_field_typing(void)
{
    struct screen s;
    ui_ctx *ui = fresh(&s);
    CHECK(!ui_has_focus(ui));
    type(ui, &s, "x"); /* no field has focus: nothing typed */
    CHECK_STR(s.name, "");
    CHECK(tap(ui, &s, "Họ và tên"));
    CHECK(ui_has_focus(ui));
    type(ui, &s, "Hoa");
    CHECK_STR(s.name, "Hoa");
    CHECK(s.name_changes >= 1);
    key(ui, &s, UI_KEY_BACKSPACE);
    CHECK_STR(s.name, "Ho");
    /* the caller clears the text: the field follows */
    s.name[0] = '\0';
    draw(ui, &s, NULL);
    type(ui, &s, "B");
    CHECK_STR(s.name, "B");
    /* phone takes digits only */
    CHECK(tap(ui, &s, "Số điện thoại"));
    type(ui, &s, "09a12");
    CHECK_STR(s.phone, "0912");
    /* year: four digits at most */
    key(ui, &s, UI_KEY_TAB);
    draw(ui, &s, NULL);
    type(ui, &s, "198765");
    CHECK_STR(s.year, "1987");
    key(ui, &s, UI_KEY_RETURN);
    CHECK(!ui_has_focus(ui));
    ui_free(ui);
}

/* The keyboard the way a script presses it: by its labels. */
static int osk(ui_ctx *ui, struct screen *s, const char *label)
{
    return tap(ui, s, label);
}

static void test_keyboard(void)
{
    struct screen s;
    ui_ctx *ui = fresh(&s);
    s.with_keyboard = 1;
    CHECK(find(ui, "q") == NULL); /* no keyboard without focus */
    CHECK(tap(ui, &s, "Họ và tên"));
    draw(ui, &s, NULL);
    /* a name starts with a capital: the keys say so */
    CHECK(find(ui, "N") != NULL);
    CHECK(find(ui, "n") == NULL);
    size_t n;
    const struct ui_visible_text *v = ui_visible(ui, &n);
    int keys = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].target.y < H - 400 || v[i].target.w == 0)
            continue;
        keys++;
        if (v[i].target.w < 64 || v[i].target.h < 64)
            fprintf(stderr, "key '%s' is %dx%d\n", v[i].text, v[i].target.w, v[i].target.h);
        CHECK(v[i].target.w >= 64 && v[i].target.h >= 64);
    }
    CHECK(keys >= 40);
    const char *labels[] = {"sắc", "huyền",    "hỏi", "ngã",  "nặng",   "không dấu",
                            "Ă",   "Â",        "Ê",   "Ô",    "Ơ",      "Ư",
                            "Đ",   "Dấu cách", "Xóa", "Xong", "Chữ hoa"};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++)
        CHECK(find(ui, labels[i]) != NULL);
    CHECK(osk(ui, &s, "N"));
    CHECK_STR(s.name, "N");
    CHECK(find(ui, "g") != NULL); /* shift went back to lower case */
    CHECK(osk(ui, &s, "g"));
    CHECK(osk(ui, &s, "u"));
    CHECK(osk(ui, &s, "y"));
    CHECK(osk(ui, &s, "Xóa"));
    CHECK_STR(s.name, "Ngu");
    CHECK(osk(ui, &s, "Dấu cách"));
    CHECK(find(ui, "T") != NULL); /* next word of a name: capital again */
    CHECK(osk(ui, &s, "T"));
    CHECK(osk(ui, &s, "h"));
    CHECK(osk(ui, &s, "Chữ hoa"));
    CHECK(osk(ui, &s, "Ư"));
    CHECK_STR(s.name, "Ngu ThƯ");
    CHECK(osk(ui, &s, "Xong"));
    CHECK(!ui_has_focus(ui));
    CHECK(find(ui, "q") == NULL);
    /* digits pad for the phone */
    CHECK(tap(ui, &s, "Số điện thoại"));
    draw(ui, &s, NULL);
    CHECK(find(ui, "q") == NULL);
    CHECK(osk(ui, &s, "0"));
    CHECK(osk(ui, &s, "9"));
    CHECK_STR(s.phone, "09");
    const struct ui_visible_text *k0 = find(ui, "0");
    CHECK(k0 && k0->target.w >= 64 && k0->target.h >= 64);
    /* a press on a key that slides off types nothing */
    ui_rect t = find(ui, "5")->target;
    send(ui, &s, UI_EV_PRESS, t.x + 5, t.y + 5);
    send(ui, &s, UI_EV_MOVE, t.x - 200, t.y + 5);
    send(ui, &s, UI_EV_RELEASE, t.x - 200, t.y + 5);
    CHECK_STR(s.phone, "09");
    ui_free(ui);
}

static void test_telex(void)
{
    struct screen s;
    ui_ctx *ui = fresh(&s);
    ui_set_input_method(ui, VN_IM_TELEX, VN_TONE_TRADITIONAL);
    CHECK(tap(ui, &s, "Họ và tên"));
    /* a physical keyboard: one character an event, as SDL sends them */
    const char *keys = "Nguyeenx Thij Hoaf";
    for (const char *p = keys; *p; p++) {
        char one[2] = {*p, 0};
        type(ui, &s, one);
    }
    CHECK_STR(s.name, "Nguyễn Thị Hòa");
    CHECK(find(ui, "Nguyễn Thị Hòa") != NULL); /* the field shows it */
    /* Backspace deletes the last letter shown (Unikey, phones) */
    key(ui, &s, UI_KEY_BACKSPACE);
    CHECK_STR(s.name, "Nguyễn Thị Hò");
    ui_free(ui);

    /* the same on the on-screen keyboard, pressed by labels */
    ui = fresh(&s);
    s.with_keyboard = 1;
    CHECK(tap(ui, &s, "Họ và tên"));
    const char *osk_keys[] = {"N", "g",        "u", "y", "e", "e", "n",
                              "x", "Dấu cách", "Đ", "a", "n", "g", "nặng"};
    for (size_t i = 0; i < sizeof osk_keys / sizeof osk_keys[0]; i++)
        CHECK(osk(ui, &s, osk_keys[i]));
    CHECK_STR(s.name, "Nguyễn Đạng");
    /* tone keys act on the syllable being typed, wherever its vowel is */
    CHECK(osk(ui, &s, "không dấu"));
    CHECK_STR(s.name, "Nguyễn Đang");
    CHECK(osk(ui, &s, "huyền"));
    CHECK_STR(s.name, "Nguyễn Đàng");
    CHECK(osk(ui, &s, "Dấu cách"));
    const char *more[] = {"T", "r", "ư", "ơ", "n", "g", "huyền"};
    for (size_t i = 0; i < sizeof more / sizeof more[0]; i++)
        CHECK(osk(ui, &s, more[i]));
    CHECK_STR(s.name, "Nguyễn Đàng Trường");
    CHECK(s.name_changes >= 10);
    ui_free(ui);
}

int main(void)
{
    test_button();
    test_visible_and_redraw();
    test_wrap();
    test_checkbox();
    test_signature();
    test_field_typing();
    test_keyboard();
    test_telex();
    return check_done();
}
