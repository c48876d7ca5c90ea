/* The coordinator's way in and the PIN pad; the admin screen's tabs are in admin_tabs.c. */
#include "host/admin_state.h"
#include "host/admin_usb.h"
#include "host/bg_task.h"
#include "host/host_ctx.h"

#include "admin/pin.h"
#include "host/app.h"
#include "host/screens.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *admin_tr(struct app *a, const char *key)
{
    return i18n_tr(app_i18n(a), key);
}

void admin_say(struct app *a, int kind, const char *text)
{
    struct admin *ad = app_admin(a);
    kiosk_strlcpy(ad->message, text, sizeof ad->message);
    ad->message_kind = kind;
}

void admin_corner(struct app *a)
{
    if (screens_current(a) == SCREEN_PIN || screens_current(a) == SCREEN_ADMIN)
        return;
    /* Called after every other widget: a press on a button in the corner goes to the
     * button; only the bare corner counts for the hidden long press. */
    int side = screens_px(a, 80);
    if (ui_hold_area(app_ui(a), (ui_rect){0, 0, side, side}) >= ADMIN_HOLD_MS)
        admin_open_pin(a);
}

int admin_card_scanned(struct app *a, const char *payload)
{
    const char *want = host_setting(&(kiosk_ctx){a, NULL}, "admin_card_sha256");
    if (!want || strlen(want) != 2 * crypto_hash_sha256_BYTES)
        return 0;
    unsigned char digest[crypto_hash_sha256_BYTES];
    char hex[2 * crypto_hash_sha256_BYTES + 1];
    crypto_hash_sha256(digest, (const unsigned char *)payload, strlen(payload));
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return sodium_memcmp(hex, want, sizeof hex - 1) == 0;
}

struct admin *admin_new(void)
{
    return calloc(1, sizeof(struct admin));
}

void admin_free(struct admin *ad)
{
    if (ad) {
        admin_people_reset(ad);
        sodium_memzero(ad, sizeof *ad);
    }
    free(ad);
}

void admin_forget(struct app *a)
{
    struct admin *ad = app_admin(a);
    admin_people_reset(ad);
    sodium_memzero(ad->pin, sizeof ad->pin);
    sodium_memzero(ad->pin_again, sizeof ad->pin_again);
    memset(ad, 0, sizeof *ad);
}

void admin_open_pin(struct app *a)
{
    screens_show_coordinator(a, SCREEN_PIN);
    admin_forget(a);
    app_admin(a)->setting_pin = !pin_is_set(app_store(a));
    kiosk_log(KIOSK_LOG_INFO, "the coordinator's PIN pad was opened");
}

static void enter_admin(struct app *a)
{
    screens_show_coordinator(a, SCREEN_ADMIN);
    admin_forget(a);
    app_admin(a)->tab = ADMIN_TAB_TODAY;
}

static void format_hhmm(int64_t at_ms, char *out, size_t cap)
{
    struct tm tm;
    kiosk_local_tm(at_ms, &tm);
    snprintf(out, cap, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

/* The PIN's comparison runs on a thread (argon2id takes about 90 ms of CPU on purpose, a
 * frozen frame on the kiosk's thread): one at a time in a process. */
static struct {
    struct bg_task task;
    int setting;           /* the task hashes a new PIN (else it compares one) */
    struct pin_attempt at; /* the task's from its start until it is taken */
    char hash[PIN_HASH_LEN];
    kiosk_status st; /* of the hash */
} pin_job = {.task = BG_TASK_INIT};

static void compare_main(void *job)
{
    pin_attempt_compare(job);
}

/* A new PIN's stored form, as slow as a comparison: on the thread too. */
static void hash_main(void *job)
{
    (void)job;
    pin_job.st = pin_hash_new(pin_job.at.pin, pin_job.hash);
    sodium_memzero(pin_job.at.pin, sizeof pin_job.at.pin);
}

/* What the pad says after an attempt: the admin screen, or why not. */
static void pin_outcome(struct app *a, kiosk_status st, int left, int64_t until)
{
    struct admin *ad = app_admin(a);
    char when[16];
    switch (st) {
    case KIOSK_OK:
        kiosk_log(KIOSK_LOG_INFO, "the coordinator entered the admin screen");
        enter_admin(a);
        return;
    case KIOSK_E_DENIED:
        snprintf(when, sizeof when, "%d", left);
        screens_template(admin_tr(a, "admin.pin.wrong"), (const char *const[]){"tries"},
                         (const char *const[]){when}, 1, ad->pin_error, sizeof ad->pin_error);
        break;
    case KIOSK_E_UNAVAILABLE:
        format_hhmm(until, when, sizeof when);
        screens_template(admin_tr(a, "admin.pin.locked"), (const char *const[]){"time"},
                         (const char *const[]){when}, 1, ad->pin_error, sizeof ad->pin_error);
        break;
    default:
        host_storage_status(&(kiosk_ctx){a, NULL}, st);
        kiosk_strlcpy(ad->pin_error, admin_tr(a, "admin.pin.error"), sizeof ad->pin_error);
        break;
    }
    kiosk_log(KIOSK_LOG_WARN, "a wrong or refused coordinator PIN (%s)", kiosk_status_name(st));
}

/* The compared attempt recorded (failures, lock), and shown when its pad is still up. */
static void pin_compared(struct app *a)
{
    struct admin *ad = app_admin(a);
    int left = 0;
    int64_t until = 0;
    kiosk_status st =
        pin_attempt_end(app_store(a), &pin_job.at, kiosk_clock_now_ms(), &left, &until);
    int shown = ad->pin_checking && screens_current(a) == SCREEN_PIN;
    ad->pin_checking = 0;
    if (shown)
        pin_outcome(a, st, left, until);
    else
        kiosk_log(KIOSK_LOG_INFO, "a PIN checked after its pad was left (%s): recorded only",
                  kiosk_status_name(st));
}

static void try_pin(struct app *a)
{
    struct admin *ad = app_admin(a);
    int64_t until = 0;
    if (bg_task_busy(&pin_job.task))
        return; /* one at a time: the pad says it is checking */
    kiosk_status st =
        pin_attempt_begin(app_store(a), ad->pin, kiosk_clock_now_ms(), &pin_job.at, &until);
    sodium_memzero(ad->pin, sizeof ad->pin);
    if (st != KIOSK_OK) {
        pin_outcome(a, st, 0, until);
        return;
    }
    ad->pin_checking = 1;
    pin_job.setting = 0;
    if (bg_task_start(&pin_job.task, compare_main, &pin_job.at, host_wake_loop, a) != 1) {
        pin_attempt_compare(&pin_job.at); /* no thread: here, late rather than never */
        pin_compared(a);
    }
}

static void pin_hashed(struct app *a);

static int pin_poll(struct app *a)
{
    if (!bg_task_take(&pin_job.task))
        return 0;
    if (pin_job.setting)
        pin_hashed(a);
    else
        pin_compared(a);
    return 1;
}

int admin_checks_poll(struct app *a)
{
    return pin_poll(a) | admin_settings_poll(a);
}

int admin_checks_settle(struct app *a, int timeout_ms)
{
    int ended = bg_task_settle(&pin_job.task, timeout_ms);
    pin_poll(a);
    return admin_settings_settle(a, timeout_ms) && ended;
}

void admin_checks_stop(void)
{
    bg_task_stop(&pin_job.task);
    sodium_memzero(&pin_job.at, sizeof pin_job.at);
    sodium_memzero(pin_job.hash, sizeof pin_job.hash);
    admin_settings_stop();
}

/* The new PIN's hash made: stored, and the admin screen says so (when its pad is still up). */
static void pin_hashed(struct app *a)
{
    struct admin *ad = app_admin(a);
    kiosk_status st =
        pin_job.st == KIOSK_OK ? pin_set_hash(app_store(a), pin_job.hash) : pin_job.st;
    sodium_memzero(pin_job.hash, sizeof pin_job.hash);
    int shown = ad->pin_checking && screens_current(a) == SCREEN_PIN;
    ad->pin_checking = 0;
    if (st == KIOSK_OK)
        kiosk_log(KIOSK_LOG_INFO, "the coordinator set a new PIN");
    if (!shown)
        return;
    if (st == KIOSK_E_INVALID) {
        kiosk_strlcpy(ad->pin_error, admin_tr(a, "admin.pin.format"), sizeof ad->pin_error);
    } else if (st != KIOSK_OK) {
        host_storage_status(&(kiosk_ctx){a, NULL}, st);
        kiosk_strlcpy(ad->pin_error, admin_tr(a, "admin.pin.error"), sizeof ad->pin_error);
    } else {
        enter_admin(a);
        kiosk_strlcpy(ad->message, admin_tr(a, "admin.pin.saved"), sizeof ad->message);
        ad->message_kind = KIOSK_MSG_OK;
    }
}

static void save_new_pin(struct app *a)
{
    struct admin *ad = app_admin(a);
    if (bg_task_busy(&pin_job.task))
        return;
    int differ = strcmp(ad->pin, ad->pin_again) != 0;
    kiosk_strlcpy(pin_job.at.pin, ad->pin, sizeof pin_job.at.pin);
    sodium_memzero(ad->pin, sizeof ad->pin); /* typed again either way */
    sodium_memzero(ad->pin_again, sizeof ad->pin_again);
    if (differ) {
        sodium_memzero(pin_job.at.pin, sizeof pin_job.at.pin);
        kiosk_strlcpy(ad->pin_error, admin_tr(a, "admin.pin.differ"), sizeof ad->pin_error);
        return;
    }
    pin_job.setting = 1;
    ad->pin_checking = 1;
    if (bg_task_start(&pin_job.task, hash_main, NULL, host_wake_loop, a) != 1) {
        hash_main(NULL); /* no thread: here, late rather than never */
        pin_hashed(a);
    }
}

/* "Đổi mã PIN": the new PIN twice; hashed on the thread ("Đang lưu mã PIN…"). */
static void change_form(struct app *a, struct admin *ad, const char *err)
{
    ui_ctx *ui = app_ui(a);
    ui_text(ui, admin_tr(a, "admin.pin.change_hint"));
    if (ui_field(ui, admin_tr(a, "admin.pin.new"), ad->pin, sizeof ad->pin, KIOSK_FIELD_PIN, NULL))
        ad->pin_error[0] = '\0';
    if (ui_field(ui, admin_tr(a, "admin.pin.again"), ad->pin_again, sizeof ad->pin_again,
                 KIOSK_FIELD_PIN, err))
        ad->pin_error[0] = '\0';
    if (ad->pin_checking || bg_task_busy(&pin_job.task))
        ui_message(ui, KIOSK_MSG_INFO, admin_tr(a, "admin.pin.saving"));
    else if (ui_button(ui, admin_tr(a, "admin.pin.save"), KIOSK_STYLE_PRIMARY))
        save_new_pin(a);
}

void admin_pin_frame(struct app *a)
{
    ui_ctx *ui = app_ui(a);
    struct admin *ad = app_admin(a);
    int top;
    if (screens_header(a, admin_tr(a, "admin.title"), admin_tr(a, "admin.cancel"), &top))
        screens_request_home(a);
    screens_content(a, top);
    const char *err = ad->pin_error[0] ? ad->pin_error : NULL;
    if (ad->setting_pin && !pin_is_set(app_store(a))) {
        /* no PIN, no admin mode: whoever holds the corner is told how the coordinator sets
         * one; nothing here sets it but the coordinator's enrolment file (docs/TRUST.md) */
        ui_text(ui, admin_tr(a, "admin.pin.first"));
        if (admin_enrol_first(a)) {
            ad->setting_pin = 0; /* the file's PIN: the pad asks for it */
            ad->pin[0] = '\0';
        }
    } else if (ad->setting_pin) {
        change_form(a, ad, err);
    } else {
        if (ad->message[0]) /* only this pad's: "enrolled, the PIN comes from the file" */
            ui_message(ui, ad->message_kind, ad->message);
        ui_text(ui, admin_tr(a, "admin.pin.hint"));
        if (ui_field(ui, admin_tr(a, "admin.pin.label"), ad->pin, sizeof ad->pin, KIOSK_FIELD_PIN,
                     err))
            ad->pin_error[0] = '\0';
        if (ad->pin_checking || bg_task_busy(&pin_job.task))
            ui_message(ui, KIOSK_MSG_INFO, admin_tr(a, "admin.pin.checking"));
        else if (ui_button(ui, admin_tr(a, "admin.pin.enter"), KIOSK_STYLE_PRIMARY))
            try_pin(a);
    }
    screens_keyboard(a);
}
