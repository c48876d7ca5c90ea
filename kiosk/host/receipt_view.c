/* The receipt screen (the ABI's receipt sub-table's screen): the event, the QR large enough for a
 * phone at arm's length, the short code, the person's name (on screen only, never on paper), a
 * print button when a printer is set, and "Xong". A failed print says what to do and leaves the
 * receipt on screen: it is stored already. */
#include "host/host_ctx.h"
#include "i18n.h"
#include "host/print_job.h"
#include "host/voice_host.h"
#include "receipt/escpos.h"
#include "receipt/receipt.h"
#include "store/domain.h"

#include <stdlib.h>
#include <string.h>

#define PRINT_WIDTH_DOTS 384 /* 58 mm paper; an 80 mm printer centres it */
#define PRINT_TIMEOUT_MS 3000
#define PRINT_QR_MODULE_DOTS 6
#define PRINT_TITLE_PX 30
#define PRINT_LINE_PX 24
#define PRINT_CODE_PX 36
#define PRINT_WRAP_CHARS 26 /* code points of title per printed line at PRINT_TITLE_PX */
#define PRINT_MAX_LINES 14

/* What the screen remembers between frames, for the receipt it shows (one at a time). */
static struct {
    char text[KIOSK_RECEIPT_LEN];
    char title[KIOSK_TEXT_LEN];
    char where[KIOSK_TEXT_LEN + KIOSK_PART_LEN + 16]; /* "xã Mỹ Khánh, ... · mã MDN-MK" */
    struct receipt_when when;                         /* the class, place, first session */
    const char *message_key;                          /* the last print's outcome, NULL: none */
    int message_kind;
    struct print_job *job; /* the receipt being sent to the printer, on its own thread */
} view;

static void view_clear(void)
{
    print_job_release(view.job); /* a job still sending finishes on its own */
    memset(&view, 0, sizeof view);
}

static void view_load(kiosk_ctx *ctx, const struct kiosk_receipt *r)
{
    view_clear();
    kiosk_strlcpy(view.text, r->text, sizeof view.text);
    if (receipt_event_title(host_store(ctx), r->event_id, view.title, sizeof view.title) !=
        KIOSK_OK)
        kiosk_strlcpy(view.title, r->event_code, sizeof view.title);
    /* two classes may share a title: the place and the code tell them apart */
    if (host_store(ctx) && receipt_when(host_store(ctx), r, &view.when) == KIOSK_OK)
        kiosk_fmt(view.where, sizeof view.where, "%s · %s %s", view.when.place,
                  host_tr(ctx, "receipt.code_word"), view.when.code);
}

/* "Buổi 1: Thứ Hai 09/03/2026, 07:30–11:00" in the shown language (key: the template);
 * "" when the receipt names no session to come to. */
static const char *tr(void *ctx, const char *key)
{
    return host_tr(ctx, key);
}

static void when_text(kiosk_ctx *ctx, const char *key, const char *code, char *out, size_t cap)
{
    receipt_when_text(&view.when, tr, ctx, key, code, out, cap);
}

static const char *kind_key(int kind)
{
    switch (kind) {
    case KIOSK_RECEIPT_ATTENDANCE:
        return "receipt.title.attendance";
    case KIOSK_RECEIPT_VISIT:
        return "receipt.title.visit";
    default:
        return "receipt.title.signup";
    }
}

/* "Biên nhận điểm danh · Buổi 2" */
static void kind_line(kiosk_ctx *ctx, const struct kiosk_receipt *r, char *out, size_t cap)
{
    if (r->session_number > 0)
        kiosk_fmt(out, cap, "%s · %s %d", host_tr(ctx, kind_key(r->kind)),
                  host_tr(ctx, "receipt.session"), r->session_number);
    else
        kiosk_strlcpy(out, host_tr(ctx, kind_key(r->kind)), cap);
}

/* Splits text at spaces into lines of at most PRINT_WRAP_CHARS code points (a longer word
 * gets a line of its own). Returns the number of lines. */
static size_t wrap(const char *text, char lines[][KIOSK_TEXT_LEN], size_t max)
{
    size_t n = 0;
    const char *p = text;
    while (*p && n < max) {
        while (*p == ' ')
            p++;
        const char *start = p, *cut = NULL;
        int chars = 0;
        for (; *p; p++) {
            if ((*p & 0xc0) == 0x80)
                continue;
            if (*p == ' ') {
                if (chars > PRINT_WRAP_CHARS)
                    break;
                cut = p;
            }
            chars++;
        }
        if (*p == '\0' && chars <= PRINT_WRAP_CHARS)
            cut = p;
        if (!cut)
            cut = p; /* one long word */
        size_t len = (size_t)(cut - start);
        if (len >= KIOSK_TEXT_LEN)
            len = KIOSK_TEXT_LEN - 1;
        if (len > 0) {
            memcpy(lines[n], start, len);
            lines[n++][len] = '\0';
        }
        p = cut;
    }
    return n;
}

/* Renders the printed lines with the kiosk's font and builds the ESC/POS stream (a few ms,
 * on the frame's thread: the font is the backend's). KIOSK_OK: *stream to free(). */
static kiosk_status build_stream(kiosk_ctx *ctx, const struct kiosk_receipt *r, uint8_t **stream,
                                 size_t *len)
{
    char lines[PRINT_MAX_LINES][KIOSK_TEXT_LEN], code[KIOSK_TEXT_LEN], when[KIOSK_TEXT_LEN];
    int px[PRINT_MAX_LINES];
    size_t n = wrap(view.title, lines, 4);
    for (size_t i = 0; i < n; i++)
        px[i] = PRINT_TITLE_PX;
    kind_line(ctx, r, lines[n], sizeof lines[n]);
    px[n++] = PRINT_LINE_PX;
    /* where and when to come, on paper for those who cannot photograph the screen */
    when_text(ctx, receipt_when_key(&view.when), NULL, when, sizeof when);
    size_t m = n + wrap(view.when.place, lines + n, 3);
    m += wrap(when, lines + m, 3);
    for (; n < m; n++)
        px[n] = PRINT_LINE_PX;
    struct tm tm;
    kiosk_local_tm(r->issued_at_ms, &tm);
    strftime(lines[n], sizeof lines[n], "%H:%M %d/%m/%Y", &tm);
    px[n++] = PRINT_LINE_PX;
    kiosk_fmt(code, sizeof code, "%s: %s", host_tr(ctx, "receipt.code"), r->short_code);

    struct escpos_image imgs[PRINT_MAX_LINES + 1] = {0};
    uint8_t *pixels[PRINT_MAX_LINES + 1] = {0};
    kiosk_status st = KIOSK_OK;
    for (size_t i = 0; i <= n && st == KIOSK_OK; i++) {
        const char *t = i < n ? lines[i] : code;
        st = host_text_raster(ctx, t, i < n ? px[i] : PRINT_CODE_PX, PRINT_WIDTH_DOTS, &pixels[i],
                              &imgs[i].width, &imgs[i].height);
        imgs[i].pixels = pixels[i];
    }
    if (st == KIOSK_OK) {
        struct escpos_receipt doc = {imgs, n, r->text, PRINT_QR_MODULE_DOTS, &imgs[n], 1, 4};
        st = escpos_build(&doc, stream, len);
    }
    for (size_t i = 0; i <= n; i++)
        free(pixels[i]);
    return st;
}

/* Starts printing: the outcome comes back in a later frame (poll_print). */
static void print_receipt(kiosk_ctx *ctx, const struct kiosk_receipt *r, const char *printer)
{
    uint8_t *stream = NULL;
    size_t len = 0;
    kiosk_status st = build_stream(ctx, r, &stream, &len);
    if (st == KIOSK_OK)
        st = print_job_start(printer, stream, len, PRINT_TIMEOUT_MS, host_wake_loop, ctx->app,
                             &view.job);
    if (st != KIOSK_OK) {
        kiosk_log(KIOSK_LOG_ERROR, "cannot render receipt %s for the printer: %s", r->short_code,
                  kiosk_status_name(st));
        view.message_key = "receipt.print.failed";
        view.message_kind = KIOSK_MSG_ERROR;
        return;
    }
    view.message_key = "receipt.printing";
    view.message_kind = KIOSK_MSG_INFO;
}

/* A finished job's outcome becomes the message. */
static void poll_print(void)
{
    kiosk_status st;
    const char *why;
    if (!view.job || !print_job_done(view.job, &st, &why))
        return;
    view.message_key = st == KIOSK_OK ? "receipt.printed" : why ? why : "receipt.print.failed";
    view.message_kind = st == KIOSK_OK ? KIOSK_MSG_OK : KIOSK_MSG_ERROR;
    print_job_release(view.job);
    view.job = NULL;
}

int host_receipt_print_poll(void)
{
    kiosk_status st;
    const char *why;
    return view.job && print_job_done(view.job, &st, &why);
}

int host_receipt_print_settle(int timeout_ms)
{
    return !view.job || print_job_wait(view.job, timeout_ms);
}

int host_ui_receipt(kiosk_ctx *ctx, const struct kiosk_receipt *r, const char *person_name)
{
    if (!r || !r->text[0])
        return 1;
    ui_ctx *ui = host_ui(ctx);
    if (strcmp(view.text, r->text) != 0)
        view_load(ctx, r);
    poll_print();
    char line[KIOSK_TEXT_LEN];
    ui_heading(ui, view.title);
    kind_line(ctx, r, line, sizeof line);
    ui_text(ui, line);
    host_voice_receipt(ctx->app, r->kind, view.title, line);
    /* Two columns below the heading: the QR as large as the rest of the screen allows on
     * the left; the name, the print outcome and the buttons on the right. Nothing goes
     * below the screen's edge, at 1280x800 as at 1024x600. */
    const char *name = person_name ? person_name : "";
    ui_rect area = ui_get_area(ui);
    int top = ui_cursor_y(ui);
    int height = area.y + area.h - top;
    int gap = area.w / 40;
    int left_w = area.w / 2 < height ? area.w / 2 : height;
    ui_area(ui, (ui_rect){area.x, top, left_w, height});
    /* under the QR, to read out: the short code, and when to come, so a photo of the QR
     * holds it too */
    char caption[KIOSK_TEXT_LEN], when[KIOSK_TEXT_LEN];
    caption[0] = '\0';
    if (!view.when.waitlisted) /* on the waiting list, the QR's caption promises nothing */
        when_text(ctx, "receipt.caption_when", r->short_code, caption, sizeof caption);
    ui_qr(ui, r->text, caption[0] ? caption : r->short_code);
    ui_area(ui, (ui_rect){area.x + left_w + gap, top, area.w - left_w - gap, height});
    ui_label(ui, name, UI_FONT_TITLE, ui_theme(ui)->text);
    if (view.where[0])
        ui_text(ui, view.where);
    when_text(ctx, receipt_when_key(&view.when), NULL, when, sizeof when);
    if (when[0])
        ui_message(ui, KIOSK_MSG_INFO, when);
    if (view.message_key) {
        ui_message(ui, view.message_kind, host_tr(ctx, view.message_key));
        host_voice_cue(ctx->app, VOICE_CUE_OUTCOME, host_tr(ctx, view.message_key));
    } else {
        ui_text(ui, host_tr(ctx, "receipt.hint"));
    }
    const char *printer = host_setting(ctx, "printer");
    /* no second print while one is being sent */
    if (printer && printer[0] && !view.job &&
        ui_button(ui, host_tr(ctx, "receipt.print"), KIOSK_STYLE_NORMAL))
        print_receipt(ctx, r, printer);
    int done = ui_button(ui, host_tr(ctx, "receipt.done"), KIOSK_STYLE_PRIMARY);
    if (done)
        view_clear(); /* the next person starts clean */
    return done;
}
