/* The admin screen's classes tab (docs/PROGRAM.md): every class and fair, today's first and
 * finished ones included, a page at a time; one picked: a session added (an extra day), today's
 * session moved or cancelled (confirmed), sign-up opened or closed, the capacity changed, its
 * sheet exported. Every change goes through the core's program rules (program.h), the checks
 * `kioskctl session|event` and a program file get; a refusal shows the core's reason. */
#include "host/admin_state.h"

#include "export/export.h"
#include "export/export_strings.h"
#include "host/admin_usb.h"
#include "host/app.h"
#include "host/export_job.h"
#include "host/screens.h"
#include "program/program.h"
#include "store/domain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define EVENTS_PER_PAGE 4

/* A string-table text with up to three {names} filled. */
static void fill(struct app *a, const char *key, const char *const names[],
                 const char *const values[], size_t n, char *out, size_t cap)
{
    screens_template(admin_tr(a, key), names, values, n, out, cap);
}

static int same_day(int64_t a_ms, int64_t b_ms)
{
    struct tm x, y;
    kiosk_local_tm(a_ms, &x);
    kiosk_local_tm(b_ms, &y);
    return x.tm_year == y.tm_year && x.tm_yday == y.tm_yday;
}

static void day_text(int64_t ms, char *out, size_t cap)
{
    struct tm tm;
    kiosk_local_tm(ms, &tm);
    strftime(out, cap, "%d/%m/%Y", &tm);
}

/* -- what the core says: its reason for a refusal, in the kiosk's language -- */

/* A refusal in a form goes under its field (where the keyboard never hides it); elsewhere it
 * is the admin message. The first reason is the one shown. */
static void on_problem(void *ud, long line, const char *text)
{
    (void)line;
    struct app *a = ud;
    struct admin *ad = app_admin(a);
    int in_form = ad->prog.view == PROG_ADD || ad->prog.view == PROG_CAPACITY;
    char *slot = in_form ? ad->prog.error : ad->message;
    size_t cap = in_form ? sizeof ad->prog.error : sizeof ad->message;
    if (slot[0] && (in_form || ad->message_kind == KIOSK_MSG_ERROR))
        return;
    fill(a, "admin.prog.refused", (const char *const[]){"reason"}, (const char *const[]){text}, 1,
         slot, cap);
    if (!in_form)
        ad->message_kind = KIOSK_MSG_ERROR;
}

static void on_change(void *ud, const char *text)
{
    (void)ud;
    kiosk_log(KIOSK_LOG_INFO, "admin screen: %s", text);
}

/* Runs a change: the core's messages in the kiosk's language; ok_key (with {code}, {when})
 * shown when it held. */
static kiosk_status after_change(struct app *a, kiosk_status st, const char *ok_key)
{
    struct admin *ad = app_admin(a);
    if (st == KIOSK_OK) {
        char out[512];
        fill(a, ok_key, (const char *const[]){"code", "when"},
             (const char *const[]){ad->prog.code, ad->prog.when}, 2, out, sizeof out);
        admin_say(a, KIOSK_MSG_OK, out);
    } else if (st != KIOSK_E_INVALID && st != KIOSK_E_NOT_FOUND) {
        host_storage_status(&(kiosk_ctx){a, NULL}, st);
        admin_say(a, KIOSK_MSG_ERROR, admin_tr(a, "admin.storage_error"));
    }
    return st;
}

static const struct program_report *reporter(struct app *a, struct program_report *rep)
{
    app_admin(a)->message[0] = '\0';
    app_admin(a)->prog.error[0] = '\0';
    export_strings_load(i18n_lang(app_i18n(a)));
    *rep = (struct program_report){on_change, on_problem, a, "admin"};
    return rep;
}

/* -- the event picked and its session of today -- */

struct picked {
    struct program_event ev;
    struct program_session *sessions;
    size_t count;
    long today; /* index of today's live session (the one not over yet first); -1 none */
    long last;  /* the last live session; -1 none */
};

static int load_picked(struct app *a, struct picked *p)
{
    memset(p, 0, sizeof *p);
    p->today = p->last = -1;
    if (store_program_event(app_store(a), app_admin(a)->prog.code, &p->ev) != KIOSK_OK ||
        store_program_sessions(app_store(a), p->ev.e.id, &p->sessions, &p->count) != KIOSK_OK)
        return 0;
    int64_t now = kiosk_clock_now_ms();
    for (size_t i = 0; i < p->count; i++) {
        const struct program_session *s = &p->sessions[i];
        if (s->cancelled)
            continue;
        p->last = (long)i;
        if (same_day(s->s.starts_at_ms, now) &&
            (p->today < 0 || p->sessions[p->today].s.ends_at_ms <= now))
            p->today = (long)i;
    }
    return 1;
}

/* -- the list: today's first, then those to come, then finished ones (latest first) -- */

static int event_rank(const struct program_event *ev, int today, int64_t now)
{
    if (today)
        return 0;
    return ev->e.ends_at_ms && ev->e.ends_at_ms < now ? 2 : 1;
}

struct ranked {
    struct program_event ev;
    int rank;
};

static int by_rank(const void *x, const void *y)
{
    const struct ranked *a = x, *b = y;
    if (a->rank != b->rank)
        return a->rank - b->rank;
    if (a->rank == 2) /* finished: the latest first */
        return (b->ev.e.ends_at_ms > a->ev.e.ends_at_ms) -
               (b->ev.e.ends_at_ms < a->ev.e.ends_at_ms);
    return (a->ev.e.starts_at_ms > b->ev.e.starts_at_ms) -
           (a->ev.e.starts_at_ms < b->ev.e.starts_at_ms);
}

static struct ranked *ranked_events(struct app *a, size_t *n)
{
    struct program_event *ev = NULL;
    *n = 0;
    if (store_program_events(app_store(a), &ev, n) != KIOSK_OK)
        return NULL;
    struct ranked *r = calloc(*n ? *n : 1, sizeof *r);
    int64_t now = kiosk_clock_now_ms();
    for (size_t i = 0; r && i < *n; i++) {
        r[i].ev = ev[i];
        int today = store_event_has_session_on_day(app_store(a), ev[i].e.id, now);
        r[i].rank = event_rank(&ev[i], today, now);
    }
    free(ev);
    if (r)
        qsort(r, *n, sizeof *r, by_rank);
    return r;
}

static void event_detail(struct app *a, const struct ranked *r, char *out, size_t cap)
{
    char from[16] = "", to[16] = "", reg[16], dates[64];
    if (r->ev.e.starts_at_ms) {
        day_text(r->ev.e.starts_at_ms, from, sizeof from);
        day_text(r->ev.e.ends_at_ms, to, sizeof to);
    }
    static const char *const when_keys[] = {"admin.prog.today", "admin.prog.dates",
                                            "admin.prog.finished"};
    fill(a, r->ev.e.starts_at_ms ? when_keys[r->rank] : "admin.prog.no_dates",
         (const char *const[]){"from", "to"}, (const char *const[]){from, to}, 2, dates,
         sizeof dates);
    if (r->ev.e.capacity > 0)
        snprintf(reg, sizeof reg, "%d/%d", r->ev.e.registered, r->ev.e.capacity);
    else
        snprintf(reg, sizeof reg, "%d", r->ev.e.registered);
    const char *state = r->ev.cancelled       ? admin_tr(a, "admin.prog.cancelled")
                        : r->ev.e.signup_open ? ""
                                              : admin_tr(a, "admin.prog.signup_closed_mark");
    fill(a, r->ev.e.kind == KIOSK_EVENT_FAIR ? "admin.prog.item_fair" : "admin.prog.item_class",
         (const char *const[]){"dates", "registered", "state"},
         (const char *const[]){dates, reg, state}, 3, out, cap);
}

static void pick_event(struct app *a, const char *code)
{
    struct admin *ad = app_admin(a);
    memset(&ad->prog, 0, sizeof ad->prog);
    kiosk_strlcpy(ad->prog.code, code, sizeof ad->prog.code);
    ad->prog.view = PROG_EVENT;
    ad->message[0] = '\0';
}

static void pages_row(struct app *a, int *page, size_t pages)
{
    ui_ctx *ui = app_ui(a);
    char line[96], cur[24], all[24];
    snprintf(cur, sizeof cur, "%d", *page + 1);
    snprintf(all, sizeof all, "%zu", pages);
    fill(a, "admin.today.page", (const char *const[]){"page", "pages"},
         (const char *const[]){cur, all}, 2, line, sizeof line);
    ui_row_begin(ui, 3);
    if (ui_button(ui, admin_tr(a, "admin.today.prev"), KIOSK_STYLE_NORMAL))
        *page = (int)((*page + (int)pages - 1) % (int)pages);
    ui_text(ui, line);
    if (ui_button(ui, admin_tr(a, "admin.today.next"), KIOSK_STYLE_NORMAL))
        *page = (int)((*page + 1) % (int)pages);
    ui_row_end(ui);
}

static void list_view(struct app *a)
{
    ui_ctx *ui = app_ui(a);
    struct admin *ad = app_admin(a);
    size_t n = 0;
    struct ranked *r = ranked_events(a, &n);
    if (!r || n == 0) {
        ui_message(ui, KIOSK_MSG_INFO, admin_tr(a, r ? "admin.prog.none" : "admin.today.error"));
        free(r);
        return;
    }
    size_t pages = (n + EVENTS_PER_PAGE - 1) / EVENTS_PER_PAGE;
    if ((size_t)ad->prog.page >= pages)
        ad->prog.page = 0;
    ui_text(ui, admin_tr(a, "admin.prog.pick"));
    size_t first = (size_t)ad->prog.page * EVENTS_PER_PAGE;
    for (size_t i = first; i < n && i < first + EVENTS_PER_PAGE; i++) {
        char title[KIOSK_TEXT_LEN + 80], detail[256];
        snprintf(title, sizeof title, "%s · %s", r[i].ev.e.code, r[i].ev.e.title);
        event_detail(a, &r[i], detail, sizeof detail);
        if (ui_list_item(ui, title, detail))
            pick_event(a, r[i].ev.e.code);
    }
    if (pages > 1)
        pages_row(a, &ad->prog.page, pages);
    free(r);
}

/* -- one event -- */

static void session_line(struct app *a, const struct picked *p, char *out, size_t cap)
{
    if (p->today < 0) {
        kiosk_strlcpy(out, admin_tr(a, "admin.prog.no_session_today"), cap);
        return;
    }
    const struct program_session *s = &p->sessions[p->today];
    char num[16], when[64], in[16];
    snprintf(num, sizeof num, "%d", s->s.number);
    snprintf(in, sizeof in, "%d", s->checkins);
    program_slot_text(s->s.starts_at_ms, s->s.ends_at_ms, when, sizeof when);
    fill(a, "admin.prog.session_today", (const char *const[]){"number", "when", "in"},
         (const char *const[]){num, when, in}, 3, out, cap);
}

/* The extra day's time: the day after the class's last session (today when that is past), at
 * its hours. */
static void prefill_add(struct app *a, const struct picked *p)
{
    struct admin *ad = app_admin(a);
    const int64_t day_ms = 24LL * 3600 * 1000;
    int64_t now = kiosk_clock_now_ms();
    struct tm tm;
    kiosk_local_tm(now, &tm);
    int64_t from = now - ((int64_t)tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec) * 1000 +
                   7 * 3600 * 1000 + 30 * 60 * 1000; /* today 07:30 */
    int64_t to = from + 3 * 3600 * 1000 + 30 * 60 * 1000;
    if (p->last >= 0) {
        const struct program_session *s = &p->sessions[p->last];
        from = s->s.starts_at_ms + day_ms;
        to = s->s.ends_at_ms + day_ms;
        int64_t behind = from < now ? (now - from) / day_ms * day_ms : 0;
        from += behind;
        to += behind;
    }
    program_slot_text(from, to, ad->prog.when, sizeof ad->prog.when);
}

static void export_event(struct app *a, const struct picked *p, int format)
{
    char dir[4096];
    if (!admin_export_dir(a, dir, sizeof dir)) {
        admin_say(a, KIOSK_MSG_ERROR, admin_tr(a, "admin.export.no_usb"));
        return;
    }
    admin_export_start(a, dir,
                       p->ev.e.kind == KIOSK_EVENT_FAIR ? EXPORT_JOB_LEADS : EXPORT_JOB_ATTENDANCE,
                       p->ev.e.code, format);
}

static void signup_toggle(struct app *a, const struct picked *p)
{
    struct program_report rep;
    int open = !p->ev.e.signup_open;
    kiosk_status st = program_signup_set(app_store(a), p->ev.e.code, open, reporter(a, &rep));
    after_change(a, st, open ? "admin.prog.signup_opened" : "admin.prog.signup_closed");
}

/* A class's sessions: one added, today's moved or cancelled. */
static void session_buttons(struct app *a, const struct picked *p)
{
    ui_ctx *ui = app_ui(a);
    struct admin *ad = app_admin(a);
    ui_row_begin(ui, 3);
    if (ui_button(ui, admin_tr(a, "admin.prog.add"), KIOSK_STYLE_NORMAL)) {
        prefill_add(a, p);
        ad->prog.view = PROG_ADD;
        ad->message[0] = '\0';
    }
    if (p->today >= 0 && ui_button(ui, admin_tr(a, "admin.prog.move"), KIOSK_STYLE_NORMAL)) {
        const struct program_session *s = &p->sessions[p->today];
        program_slot_text(s->s.starts_at_ms, s->s.ends_at_ms, ad->prog.when, sizeof ad->prog.when);
        ad->prog.view = PROG_MOVE;
        ad->message[0] = '\0';
    }
    if (p->today >= 0 && ui_button(ui, admin_tr(a, "admin.prog.cancel"), KIOSK_STYLE_DANGER)) {
        ad->prog.view = PROG_CANCEL_SURE;
        ad->message[0] = '\0';
    }
    ui_row_end(ui);
}

/* The event's buttons: sessions, sign-up and capacity (classes), the sheet. */
static void event_actions(struct app *a, const struct picked *p)
{
    ui_ctx *ui = app_ui(a);
    struct admin *ad = app_admin(a);
    if (p->ev.e.kind == KIOSK_EVENT_CLASS && !p->ev.cancelled) {
        session_buttons(a, p);
        ui_row_begin(ui, 3);
        if (ui_button(ui, admin_tr(a, p->ev.e.signup_open ? "admin.prog.close" : "admin.prog.open"),
                      KIOSK_STYLE_NORMAL))
            signup_toggle(a, p);
        if (ui_button(ui, admin_tr(a, "admin.prog.capacity"), KIOSK_STYLE_NORMAL)) {
            snprintf(ad->prog.capacity, sizeof ad->prog.capacity, "%d", p->ev.e.capacity);
            ad->prog.view = PROG_CAPACITY;
            ad->message[0] = '\0';
        }
    } else {
        ui_row_begin(ui, 3);
    }
    if (ui_button(ui, admin_tr(a, "admin.prog.back"), KIOSK_STYLE_NORMAL)) {
        ad->prog.view = PROG_LIST;
        ad->message[0] = '\0';
    }
    ui_row_end(ui);
    int fair = p->ev.e.kind == KIOSK_EVENT_FAIR;
    ui_row_begin(ui, 2);
    if (ui_button(ui,
                  admin_tr(a, fair ? "admin.export.leads_xlsx" : "admin.export.attendance_xlsx"),
                  KIOSK_STYLE_PRIMARY))
        export_event(a, p, EXPORT_XLSX);
    if (ui_button(ui, admin_tr(a, fair ? "admin.export.leads_csv" : "admin.export.attendance_csv"),
                  KIOSK_STYLE_NORMAL))
        export_event(a, p, EXPORT_CSV);
    ui_row_end(ui);
    admin_export_progress(a); /* an export running: its bar and count */
}

static void event_view(struct app *a, const struct picked *p)
{
    ui_ctx *ui = app_ui(a);
    app_admin(a)->prog.error[0] = '\0';
    char line[KIOSK_TEXT_LEN + 128], cap[16], reg[16];
    snprintf(line, sizeof line, "%s · %s", p->ev.e.code, p->ev.e.title);
    ui_heading(ui, line);
    snprintf(reg, sizeof reg, "%d", p->ev.e.registered);
    snprintf(cap, sizeof cap, "%d", p->ev.e.capacity);
    fill(a, p->ev.e.capacity > 0 ? "admin.prog.seats" : "admin.prog.seats_any",
         (const char *const[]){"registered", "capacity", "signup"},
         (const char *const[]){reg, cap,
                               admin_tr(a, p->ev.e.signup_open ? "admin.prog.signup_is_open"
                                                               : "admin.prog.signup_is_closed")},
         3, line, sizeof line);
    if (p->ev.e.kind == KIOSK_EVENT_CLASS)
        ui_text(ui, line);
    if (p->ev.cancelled) {
        ui_message(ui, KIOSK_MSG_INFO, admin_tr(a, "admin.prog.event_cancelled"));
    } else if (p->ev.e.kind == KIOSK_EVENT_CLASS) {
        session_line(a, p, line, sizeof line);
        ui_text(ui, line);
    }
    event_actions(a, p);
}

/* -- the forms: a session added or moved, today's cancelled, the capacity -- */

static int form_buttons(struct app *a, const char *ok_key, int style)
{
    ui_ctx *ui = app_ui(a);
    ui_row_begin(ui, 2);
    int ok = ui_button(ui, admin_tr(a, ok_key), style);
    if (ui_button(ui, admin_tr(a, "admin.prog.no"), KIOSK_STYLE_NORMAL))
        app_admin(a)->prog.view = PROG_EVENT;
    ui_row_end(ui);
    return ok;
}

/* A form in one row, right under the tabs, so the on-screen keyboard never hides it (even
 * at 1024x600): the field (its label names the event) and the button that does it; the hint
 * and back under them. 1 when the button was tapped. */
static int form_row(struct app *a, const char *label_key, char *buf, size_t cap, int kind,
                    const char *ok_key, const char *hint_key)
{
    ui_ctx *ui = app_ui(a);
    struct admin *ad = app_admin(a);
    char label[160];
    fill(a, label_key, (const char *const[]){"code"}, (const char *const[]){ad->prog.code}, 1,
         label, sizeof label);
    ui_row_begin(ui, 2);
    if (ui_field(ui, label, buf, cap, kind, ad->prog.error[0] ? ad->prog.error : NULL))
        ad->prog.error[0] = '\0'; /* the refusal was about what stood there before */
    int ok = ui_button(ui, admin_tr(a, ok_key), KIOSK_STYLE_PRIMARY);
    if (ok) /* the keyboard closes: a refusal under the field shows */
        ui_blur(ui);
    ui_row_end(ui);
    ui_row_begin(ui, 2);
    ui_text(ui, admin_tr(a, hint_key));
    if (ui_button(ui, admin_tr(a, "admin.prog.no"), KIOSK_STYLE_NORMAL))
        ad->prog.view = PROG_EVENT;
    ui_row_end(ui);
    return ok;
}

static void add_form(struct app *a, const struct picked *p)
{
    struct admin *ad = app_admin(a);
    if (!form_row(a, "admin.prog.when", ad->prog.when, sizeof ad->prog.when, KIOSK_FIELD_TEXT,
                  "admin.prog.add_do", "admin.prog.when_hint"))
        return;
    struct program_report rep;
    kiosk_status st =
        program_session_add(app_store(a), p->ev.e.code, ad->prog.when, reporter(a, &rep));
    if (after_change(a, st, "admin.prog.added") == KIOSK_OK)
        ad->prog.view = PROG_EVENT;
}

static void move_form(struct app *a, const struct picked *p)
{
    struct admin *ad = app_admin(a);
    (void)p;
    if (form_row(a, "admin.prog.when_new", ad->prog.when, sizeof ad->prog.when, KIOSK_FIELD_TEXT,
                 "admin.prog.move_next", "admin.prog.when_hint")) {
        ad->message[0] = '\0';
        ad->prog.view = PROG_MOVE_SURE;
    }
}

/* Moving or cancelling today's session, said in full before it is done. */
static void sure_form(struct app *a, const struct picked *p, int cancel)
{
    struct admin *ad = app_admin(a);
    if (p->today < 0) {
        ad->prog.view = PROG_EVENT;
        return;
    }
    const struct program_session *s = &p->sessions[p->today];
    char line[512], num[16], old[64];
    snprintf(num, sizeof num, "%d", s->s.number);
    program_slot_text(s->s.starts_at_ms, s->s.ends_at_ms, old, sizeof old);
    fill(a, cancel ? "admin.prog.cancel_sure" : "admin.prog.move_sure",
         (const char *const[]){"number", "old", "when"},
         (const char *const[]){num, old, ad->prog.when}, 3, line, sizeof line);
    ui_message(app_ui(a), KIOSK_MSG_ERROR, line);
    if (!form_buttons(a, cancel ? "admin.prog.cancel_do" : "admin.prog.move_do",
                      cancel ? KIOSK_STYLE_DANGER : KIOSK_STYLE_PRIMARY))
        return;
    struct program_report rep;
    kiosk_status st;
    if (cancel) {
        kiosk_strlcpy(ad->prog.when, old, sizeof ad->prog.when);
        st = program_session_cancel(app_store(a), p->ev.e.code, s->s.number, reporter(a, &rep));
    } else {
        st = program_session_move(app_store(a), p->ev.e.code, s->s.number, ad->prog.when,
                                  reporter(a, &rep));
    }
    after_change(a, st, cancel ? "admin.prog.cancelled_ok" : "admin.prog.moved");
    ad->prog.view = PROG_EVENT;
}

static void capacity_form(struct app *a, const struct picked *p)
{
    struct admin *ad = app_admin(a);
    if (!form_row(a, "admin.prog.capacity_field", ad->prog.capacity, sizeof ad->prog.capacity,
                  KIOSK_FIELD_PHONE, "admin.prog.capacity_do", "admin.prog.capacity_hint"))
        return;
    struct program_report rep;
    kiosk_strlcpy(ad->prog.when, ad->prog.capacity, sizeof ad->prog.when);
    kiosk_status st =
        program_event_set(app_store(a), p->ev.e.code, PROGRAM_COL_CAPACITY,
                          ad->prog.capacity[0] ? ad->prog.capacity : "0", reporter(a, &rep));
    if (after_change(a, st, "admin.prog.capacity_saved") == KIOSK_OK)
        ad->prog.view = PROG_EVENT;
}

void admin_program_tab(struct app *a, ui_rect area)
{
    (void)area;
    struct admin *ad = app_admin(a);
    if (ad->prog.view == PROG_LIST) {
        list_view(a);
        return;
    }
    struct picked p;
    if (!load_picked(a, &p)) {
        free(p.sessions);
        ad->prog.view = PROG_LIST;
        screens_relayout(a);
        return;
    }
    switch (ad->prog.view) {
    case PROG_ADD:
        add_form(a, &p);
        break;
    case PROG_MOVE:
        move_form(a, &p);
        break;
    case PROG_MOVE_SURE:
    case PROG_CANCEL_SURE:
        sure_form(a, &p, ad->prog.view == PROG_CANCEL_SURE);
        break;
    case PROG_CAPACITY:
        capacity_form(a, &p);
        break;
    default:
        event_view(a, &p);
        break;
    }
    free(p.sessions);
}
