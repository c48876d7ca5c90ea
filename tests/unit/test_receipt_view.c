/* The receipt screen over stand-in ui widgets and host accessors: what it shows (event,
 * QR of the exact text, short code, name), the print button only with a printer set,
 * a print that reaches the "printer" (a file) with the receipt text in its QR command, a
 * failed print that explains itself and keeps the receipt, and "Xong". Printing runs on a
 * thread of its own: the frame that starts it shows "Đang in" at once, and a printer that
 * does not answer (a pipe nobody reads) never holds a frame. The stand-ins
 * record what the widget asked for; the real ui and the kiosk's font are e2e's business. */
#include "store/store_internal.h"
#include "check.h"
#include "host/host_ctx.h"
#include "host/voice_host.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef F_SETPIPE_SZ
#define F_SETPIPE_SZ 1031 /* Linux: fcntl.h has it only with _GNU_SOURCE */
#endif

static store *the_store;
static const char *printer_setting;
static const char *tap_label; /* the button "tapped" in the next frame */
static char shown[4096];      /* every text of the frame, one a line */
static int qr_calls, raster_calls;
static char qr_text[KIOSK_RECEIPT_LEN], qr_caption[64];

static void show(const char *what, const char *text)
{
    size_t n = strlen(shown);
    kiosk_fmt(shown + n, sizeof shown - n, "%s:%s\n", what, text);
}

/* -- stand-ins for the host (app.c) and the ui (ui.c) -- */
static int wakes;
void host_wake_loop(void *app)
{
    __atomic_add_fetch(&wakes, 1, __ATOMIC_SEQ_CST);
}
store *host_store(kiosk_ctx *ctx)
{
    return the_store;
}
ui_ctx *host_ui(kiosk_ctx *ctx)
{
    return (ui_ctx *)ctx;
}
const char *host_setting(kiosk_ctx *ctx, const char *key)
{
    return strcmp(key, "printer") == 0 ? printer_setting : NULL;
}
const char *host_tr(kiosk_ctx *ctx, const char *key)
{
    static const char *const vi[][2] = {
        {"receipt.done", "Xong"},
        {"receipt.print", "In biên nhận"},
        {"receipt.title.attendance", "Biên nhận điểm danh"},
        {"receipt.session", "Buổi"},
        {"receipt.code", "Mã số"},
        {"receipt.title.signup", "Biên nhận đăng ký"},
        {"receipt.when", "Buổi {number}: {date}, {start}–{end}"},
        {"receipt.caption_when", "{code} · Buổi {number}: {start} {date}"},
    };
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(vi); i++)
        if (strcmp(vi[i][0], key) == 0)
            return vi[i][1];
    return key;
}
kiosk_status host_text_raster(kiosk_ctx *ctx, const char *text, int font_px, int max_width_px,
                              uint8_t **out, int *width, int *height)
{
    raster_calls++;
    show("raster", text);
    *width = (int)strlen(text) * font_px / 2 < max_width_px ? (int)strlen(text) * font_px / 2
                                                            : max_width_px;
    *height = font_px;
    *out = calloc((size_t)*width * (size_t)*height, 1);
    return *out ? KIOSK_OK : KIOSK_E_NOMEM;
}
void ui_heading(ui_ctx *ui, const char *text)
{
    show("heading", text);
}
void ui_text(ui_ctx *ui, const char *text)
{
    show("text", text);
}
void ui_label(ui_ctx *ui, const char *text, int font, ui_color color)
{
    show("label", text);
}
void ui_message(ui_ctx *ui, int kind, const char *text)
{
    show(kind == KIOSK_MSG_ERROR ? "error" : "message", text);
}
int ui_button(ui_ctx *ui, const char *label, int style)
{
    show("button", label);
    return tap_label && strcmp(label, tap_label) == 0;
}
void ui_qr(ui_ctx *ui, const char *text, const char *caption)
{
    qr_calls++;
    kiosk_strlcpy(qr_text, text, sizeof qr_text);
    kiosk_strlcpy(qr_caption, caption, sizeof qr_caption);
    show("qr-caption", caption);
}
ui_rect ui_screen(const ui_ctx *ui)
{
    return (ui_rect){0, 0, 1280, 800};
}
void ui_row_begin(ui_ctx *ui, int columns) {}
void ui_row_end(ui_ctx *ui) {}
ui_rect ui_get_area(const ui_ctx *ui)
{
    return (ui_rect){32, 104, 1216, 680};
}
int ui_cursor_y(const ui_ctx *ui)
{
    return 200;
}
void ui_area(ui_ctx *ui, ui_rect area) {}
int ui_cursor_y(const ui_ctx *ui);
const struct ui_theme *ui_theme(const ui_ctx *ui)
{
    static const struct ui_theme t = {0};
    return &t;
}
/* the voice is off here (voice_host.c and its thread are e2e's business) */
void host_voice_receipt(struct app *a, int receipt_kind, const char *title, const char *line) {}
void host_voice_cue(struct app *a, int kind, const char *text) {}

static int frame(kiosk_ctx *ctx, const struct kiosk_receipt *r, const char *tap)
{
    shown[0] = '\0';
    tap_label = tap;
    return host_ui_receipt(ctx, r, "Nguyễn Thị Hoa");
}

static int has(const char *line)
{
    return strstr(shown, line) != NULL;
}

/* A sign-up receipt says when and where to come (issue 17 item 7): the class's place and
 * the first session not over when she signed up (a cancelled one skipped), on screen,
 * under the QR and on paper; on the waiting list, only "if a seat frees". */
static void signup_when(struct receipt_keys *k, kiosk_ctx *ctx, const char *dir)
{
    char sql[1024], want[128], lp[160];
    int64_t day = (int64_t)time(NULL) / 86400 * 86400 + 2 * 86400; /* the day after tomorrow */
    kiosk_fmt(sql, sizeof sql,
              "INSERT INTO events(id, kiosk_id, created_at, updated_at, updated_by, code, kind, "
              "title, place) VALUES('cl', 'k', 0, 0, 'k', 'MDN-MK', 1, 'May và đan dây nhựa', "
              "'xã Mỹ Khánh, huyện Phong Điền');"
              "INSERT INTO sessions(id, kiosk_id, created_at, event_id, number, starts_at, "
              "ends_at, cancelled) VALUES('c1', 'k', 0, 'cl', 1, 0, 1000, 0), "
              "('c2', 'k', 0, 'cl', 2, %lld, %lld, 1), ('c3', 'k', 0, 'cl', 3, %lld, %lld, 0);",
              (long long)day * 1000, (long long)(day + 3600) * 1000,
              (long long)(day + 86400) * 1000, (long long)(day + 86400 + 12600) * 1000);
    CHECK_INT(sqlite3_exec(store_db(the_store), sql, NULL, NULL, NULL), SQLITE_OK);
    struct kiosk_receipt r;
    CHECK_INT(receipt_issue(the_store, k, KIOSK_RECEIPT_SIGNUP, "cl", "", "p", &r), KIOSK_OK);
    struct tm a, b;
    kiosk_local_tm((day + 86400) * 1000, &a);
    kiosk_local_tm((day + 86400 + 12600) * 1000, &b);
    kiosk_fmt(want, sizeof want, "message:Buổi 3: %02d/%02d/%04d, %02d:%02d–%02d:%02d", a.tm_mday,
              a.tm_mon + 1, a.tm_year + 1900, a.tm_hour, a.tm_min, b.tm_hour, b.tm_min);
    kiosk_fmt(lp, sizeof lp, "%s/lp-signup", dir);
    FILE *f = fopen(lp, "w");
    fclose(f);
    printer_setting = lp;
    CHECK_INT(frame(ctx, &r, NULL), 0);
    CHECK(has("text:xã Mỹ Khánh, huyện Phong Điền"));
    CHECK(has(want));
    CHECK(strncmp(qr_caption, r.short_code, strlen(r.short_code)) == 0);
    CHECK(strstr(qr_caption, " · Buổi 3: ") != NULL);
    CHECK_INT(frame(ctx, &r, "In biên nhận"), 0);
    CHECK(has("raster:May và đan dây nhựa"));
    CHECK(has("raster:xã Mỹ Khánh, huyện Phong"));
    CHECK(has("raster:Buổi 3: "));
    CHECK(host_receipt_print_settle(10000));
    CHECK_INT(frame(ctx, &r, "Xong"), 1);
    /* on the waiting list: no promise under the QR, "if a seat frees" beside it */
    CHECK_INT(sqlite3_exec(store_db(the_store),
                           "INSERT INTO registrations(id, kiosk_id, created_at, event_id, "
                           "person_id, status) VALUES('rg', 'k', 0, 'cl', 'p', 2)",
                           NULL, NULL, NULL),
              SQLITE_OK);
    printer_setting = NULL;
    struct kiosk_receipt again = r;
    again.text[0] = 'X'; /* another receipt for the widget: it looks the class up again */
    CHECK_INT(frame(ctx, &again, NULL), 0);
    CHECK(has("message:receipt.when_waitlist"));
    CHECK_STR(qr_caption, r.short_code);
}

int main(void)
{
    char dir[] = "/tmp/kiosk-receipt-view.XXXXXX", path[128], err[512] = "";
    if (!mkdtemp(dir))
        return 2;
    kiosk_fmt(path, sizeof path, "%s/kiosk.db", dir);
    CHECK_INT(store_open(path, &the_store, err, sizeof err), KIOSK_OK);
    if (!the_store)
        return 1;
    sqlite3_exec(store_db(the_store),
                 "INSERT INTO events(id, kiosk_id, created_at, updated_at, updated_by, code, "
                 "kind, title) VALUES('ev', 'k', 0, 0, 'k', 'HC-DT', 2, 'Hội chợ triển lãm sản "
                 "phẩm công nghiệp nông thôn tiêu biểu khu vực phía Nam');"
                 "INSERT INTO sessions(id, kiosk_id, created_at, event_id, number, starts_at, "
                 "ends_at) VALUES('s2', 'k', 0, 'ev', 2, 0, 1);"
                 "INSERT INTO people(id, kiosk_id, created_at, updated_at, updated_by, "
                 "full_name, name_key) VALUES('p', 'k', 0, 0, 'k', 'Nguyễn Thị Hoa', "
                 "'nguyen thi hoa');",
                 NULL, NULL, NULL);
    struct receipt_keys *k = NULL;
    struct kiosk_receipt r;
    CHECK_INT(receipt_keys_open(the_store, &k, err, sizeof err), KIOSK_OK);
    CHECK_INT(receipt_issue(the_store, k, KIOSK_RECEIPT_ATTENDANCE, "ev", "s2", "p", &r), KIOSK_OK);
    static struct kiosk_ctx fake; /* never dereferenced by the widget */
    kiosk_ctx *ctx = &fake;

    /* No printer: no print button. */
    printer_setting = NULL;
    CHECK_INT(frame(ctx, &r, NULL), 0);
    CHECK(has("heading:Hội chợ triển lãm sản phẩm công nghiệp nông thôn"));
    CHECK(has("text:Biên nhận điểm danh · Buổi 2"));
    CHECK(has("label:Nguyễn Thị Hoa"));
    CHECK_STR(qr_text, r.text);
    CHECK_STR(qr_caption, r.short_code);
    CHECK(has("button:Xong"));
    CHECK(!has("button:In biên nhận"));
    printer_setting = "";
    frame(ctx, &r, NULL);
    CHECK(!has("button:In biên nhận"));

    /* A printer that is a file: the stream lands there with the text in its QR command. */
    char lp[160];
    kiosk_fmt(lp, sizeof lp, "%s/lp0", dir);
    FILE *f = fopen(lp, "w");
    fclose(f);
    printer_setting = lp;
    CHECK_INT(frame(ctx, &r, NULL), 0);
    CHECK(has("button:In biên nhận"));
    CHECK_INT(frame(ctx, &r, "In biên nhận"), 0);
    CHECK(raster_calls >= 4);
    CHECK(has("raster:Mã số: "));         /* the short code under the QR */
    CHECK(!has("raster:Nguyễn Thị Hoa")); /* the name stays on screen */
    CHECK(host_receipt_print_settle(10000));
    CHECK(host_receipt_print_poll()); /* the loop is told to paint the outcome */
    for (int i = 0; i < 200 && __atomic_load_n(&wakes, __ATOMIC_SEQ_CST) < 1; i++)
        usleep(10000); /* the job wakes the loop just after it marks itself done */
    CHECK(__atomic_load_n(&wakes, __ATOMIC_SEQ_CST) >= 1);
    frame(ctx, &r, NULL);
    CHECK(has("message:receipt.printed"));
    CHECK(!host_receipt_print_poll());
    f = fopen(lp, "rb");
    static uint8_t buf[1 << 16];
    size_t n = f ? fread(buf, 1, sizeof buf, f) : 0;
    if (f)
        fclose(f);
    int found = 0;
    size_t tl = strlen(r.text);
    for (size_t i = 0; i + 8 + tl <= n; i++)
        if (buf[i] == 0x1d && buf[i + 1] == '(' && buf[i + 2] == 'k' && buf[i + 6] == 80 &&
            (size_t)(buf[i + 3] | buf[i + 4] << 8) == tl + 3 &&
            memcmp(buf + i + 8, r.text, tl) == 0)
            found = 1;
    CHECK(found);

    /* An unplugged printer: a message the person can act on, the receipt still shown. */
    kiosk_fmt(lp, sizeof lp, "%s/usb/lp0", dir);
    printer_setting = lp;
    CHECK_INT(frame(ctx, &r, "In biên nhận"), 0);
    CHECK(host_receipt_print_settle(10000));
    frame(ctx, &r, NULL);
    CHECK(has("error:receipt.print.unplugged"));
    CHECK_STR(qr_text, r.text);
    CHECK(has("label:Nguyễn Thị Hoa"));

    /* Xong: returns 1; the next receipt starts without the old message. */
    CHECK_INT(frame(ctx, &r, "Xong"), 1);
    CHECK_INT(frame(ctx, &r, NULL), 0);
    CHECK(!has("error:"));

    /* A printer that does not answer: a pipe whose reader never reads, with a one-page buffer
     * the stream overflows. The frame that starts the print returns at once saying "Đang
     * in", with no print button (no second job); later frames too, while the job waits. */
    kiosk_fmt(lp, sizeof lp, "%s/silent", dir);
    CHECK(mkfifo(lp, 0600) == 0);
    int reader = open(lp, O_RDONLY | O_NONBLOCK);
    CHECK(reader >= 0);
    fcntl(reader, F_SETPIPE_SZ, 4096);
    printer_setting = lp;
    CHECK_INT(frame(ctx, &r, "In biên nhận"), 0);
    CHECK_INT(frame(ctx, &r, "In biên nhận"), 0);
    CHECK(has("message:receipt.printing"));
    CHECK(!has("button:In biên nhận"));
    CHECK(!host_receipt_print_poll()); /* still sending: the printer has not answered */
    CHECK(host_receipt_print_settle(10000));
    frame(ctx, &r, NULL);
    CHECK(has("error:receipt.print.unplugged")); /* it stopped taking data: say so */
    CHECK(has("button:In biên nhận"));
    /* "Xong" while a print is still being sent: the job ends on its own */
    CHECK_INT(frame(ctx, &r, "In biên nhận"), 0);
    CHECK_INT(frame(ctx, &r, "Xong"), 1);
    sleep(4); /* its 3 s timeout: nothing left behind when the test ends */
    close(reader);

    signup_when(k, ctx, dir);
    receipt_keys_close(k);
    store_close(the_store);
    kiosk_fmt(path, sizeof path, "rm -rf '%s'", dir);
    CHECK(system(path) == 0);
    return check_done();
}
