/* The correction screen (admin_correct.h): class, session, trainee, mark and reason,
 * confirmation; store_attendance_correct records it (the same checks as kioskctl
 * attendance mark / cancel-checkout). */
#include "host/admin_correct.h"

#include "export/attendance.h"
#include "host/admin_state.h"
#include "host/app.h"
#include "host/screens.h"
#include "people/marks.h"
#include "store/domain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ITEM_PX 85     /* a list item, at 1280x800 */
#define GAP_PX 8       /* between rows */
#define PAGER_PX 72    /* the row of back and page buttons, with its gap */
#define LIST_COLUMNS 3 /* trainees side by side */

#define FILL(a, key, out, ...)                                                                     \
    fill(a, key, (const char *const[]){__VA_ARGS__},                                               \
         sizeof(const char *const[]){__VA_ARGS__} / sizeof(const char *) / 2, out, sizeof out)

/* key's template with name, value pairs given one after another. */
static void fill(struct app *a, const char *key, const char *const *pairs, size_t n, char *out,
                 size_t cap)
{
    const char *names[6], *values[6];
    for (size_t i = 0; i < n && i < 6; i++) {
        names[i] = pairs[2 * i];
        values[i] = pairs[2 * i + 1];
    }
    screens_template(admin_tr(a, key), names, values, n < 6 ? n : 6, out, cap);
}

static void day_of(int64_t ms, char *date, size_t dcap, char *time, size_t tcap)
{
    struct tm tm;
    kiosk_local_tm(ms, &tm);
    snprintf(date, dcap, "%02d/%02d", tm.tm_mday, tm.tm_mon + 1);
    snprintf(time, tcap, "%02d:%02d", tm.tm_hour, tm.tm_min);
}

/* How many rows of list items fit between the cursor and the pager row (at least 1). */
static int rows_fit(struct app *a, ui_rect area)
{
    int room = area.y + area.h - ui_cursor_y(app_ui(a)) - screens_px(a, PAGER_PX);
    int n = (room + screens_px(a, GAP_PX)) / screens_px(a, ITEM_PX + GAP_PX);
    return n < 1 ? 1 : n;
}

/* Back (to step back) and, with more than one page, previous / page n of m / next. */
static void pager(struct app *a, struct admin_correct *c, int pages, int back)
{
    ui_ctx *ui = app_ui(a);
    ui_row_begin(ui, pages > 1 ? 4 : 2);
    if (ui_button(ui, admin_tr(a, "correct.back"), KIOSK_STYLE_NORMAL)) {
        c->step = back;
        c->page = 0;
    }
    if (pages > 1) {
        char line[96], cur[16], all[16];
        snprintf(cur, sizeof cur, "%d", c->page + 1);
        snprintf(all, sizeof all, "%d", pages);
        FILL(a, "admin.today.page", line, "page", cur, "pages", all);
        if (ui_button(ui, admin_tr(a, "admin.today.prev"), KIOSK_STYLE_NORMAL))
            c->page = (c->page + pages - 1) % pages;
        ui_text(ui, line);
        if (ui_button(ui, admin_tr(a, "admin.today.next"), KIOSK_STYLE_NORMAL))
            c->page = (c->page + 1) % pages;
    }
    ui_row_end(ui);
}

/* -- the classes that have begun, the latest first -- */

static void class_step(struct app *a, struct admin_correct *c, ui_rect area)
{
    ui_ctx *ui = app_ui(a);
    struct kiosk_event *evs = NULL;
    size_t n = 0, begun = 0;
    if (store_events_list(app_store(a), KIOSK_EVENT_CLASS, &evs, &n) != KIOSK_OK) {
        ui_message(ui, KIOSK_MSG_ERROR, admin_tr(a, "admin.today.error"));
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (evs[i].starts_at_ms && evs[i].starts_at_ms <= kiosk_clock_now_ms())
            evs[begun++] = evs[i];
    ui_text(ui, admin_tr(a, begun ? "correct.pick_class" : "correct.no_class"));
    int per = 2 * rows_fit(a, area);
    int pages = (int)(begun + (size_t)per - 1) / per;
    if (c->page >= pages)
        c->page = 0;
    ui_row_begin(ui, 2);
    for (size_t k = (size_t)(c->page * per); k < begun && k < (size_t)((c->page + 1) * per); k++) {
        const struct kiosk_event *e = &evs[begun - 1 - k];
        char title[KIOSK_PART_LEN + KIOSK_TEXT_LEN + 8];
        snprintf(title, sizeof title, "%s · %s", e->code, e->title);
        if (ui_list_item(ui, title, e->place)) {
            kiosk_strlcpy(c->event, e->code, sizeof c->event);
            c->step = CORRECT_STEP_SESSION;
            c->page = 0;
        }
    }
    ui_row_end(ui);
    if (pages > 1)
        pager(a, c, pages, CORRECT_STEP_CLASS);
    free(evs);
}

/* -- the class's sessions so far, the latest first -- */

static void pick_session(struct admin_correct *c, const struct kiosk_session *s)
{
    c->session = s->number;
    kiosk_strlcpy(c->session_id, s->id, sizeof c->session_id);
    c->session_at = s->starts_at_ms;
    c->step = CORRECT_STEP_LIST;
    c->page = 0;
}

static void session_step(struct app *a, struct admin_correct *c, ui_rect area)
{
    ui_ctx *ui = app_ui(a);
    struct kiosk_event ev;
    struct kiosk_session *ss = NULL;
    size_t n = 0, held = 0;
    if (store_event_get(app_store(a), c->event, &ev) != KIOSK_OK ||
        store_sessions_list(app_store(a), ev.id, &ss, &n) != KIOSK_OK) {
        ui_message(ui, KIOSK_MSG_ERROR, admin_tr(a, "admin.today.error"));
        pager(a, c, 1, CORRECT_STEP_CLASS);
        return;
    }
    for (size_t i = 0; i < n; i++)
        if (ss[i].starts_at_ms <= kiosk_clock_now_ms())
            ss[held++] = ss[i];
    char line[KIOSK_TEXT_LEN + 96];
    FILL(a, "correct.pick_session", line, "code", ev.code, "title", ev.title);
    ui_heading(ui, line);
    int per = 3 * rows_fit(a, area), pages = (int)(held + (size_t)per - 1) / per;
    if (c->page >= pages)
        c->page = 0;
    ui_row_begin(ui, 3);
    for (size_t k = (size_t)(c->page * per); k < held && k < (size_t)((c->page + 1) * per); k++) {
        const struct kiosk_session *s = &ss[held - 1 - k];
        char num[12], date[16], from[8];
        snprintf(num, sizeof num, "%d", s->number);
        day_of(s->starts_at_ms, date, sizeof date, from, sizeof from);
        FILL(a, "correct.session", line, "number", num, "date", date, "from", from);
        if (ui_button(ui, line, KIOSK_STYLE_NORMAL))
            pick_session(c, s);
    }
    ui_row_end(ui);
    pager(a, c, pages, CORRECT_STEP_CLASS);
    free(ss);
}

/* -- the session's trainees, official order, with their marks -- */

static const char *mark_word(struct app *a, int mark)
{
    static const char *const keys[] = {"admin.people.absent", "admin.people.present",
                                       "admin.people.late", "admin.people.excused"};
    return admin_tr(a, keys[mark >= 0 && mark < MARK_KINDS ? mark : 0]);
}

static void pick_person(struct app *a, struct admin_correct *c, const struct attendance_row *r,
                        int mark)
{
    kiosk_strlcpy(c->person_id, r->person_id, sizeof c->person_id);
    kiosk_strlcpy(c->name, r->full_name, sizeof c->name);
    c->shown_mark = mark;
    c->mark = 0;
    c->reason[0] = '\0';
    c->missing = 0;
    c->step = CORRECT_STEP_PERSON;
    app_admin(a)->message[0] = '\0';
}

static void list_rows(struct app *a, struct admin_correct *c, struct attendance *att, size_t si,
                      int per)
{
    ui_ctx *ui = app_ui(a);
    struct attendance_row r;
    int k = 0, from = c->page * per;
    ui_row_begin(ui, LIST_COLUMNS);
    while (attendance_next(att, &r) == 1) {
        if (k++ < from || k > from + per)
            continue;
        char title[KIOSK_NAME_LEN + 16], detail[128];
        snprintf(title, sizeof title, "%d. %s", r.number, r.full_name);
        int mark = r.marks[si];
        snprintf(detail, sizeof detail, "%s%s", mark_word(a, mark),
                 r.walkin ? admin_tr(a, "admin.people.walkin") : "");
        if (ui_list_item(ui, title, detail))
            pick_person(a, c, &r, mark);
    }
    ui_row_end(ui);
}

static void list_step(struct app *a, struct admin_correct *c, ui_rect area)
{
    ui_ctx *ui = app_ui(a);
    struct attendance att;
    if (attendance_open(app_store(a), c->event, kiosk_clock_now_ms(), &att) != KIOSK_OK) {
        ui_message(ui, KIOSK_MSG_ERROR, admin_tr(a, "admin.today.error"));
        pager(a, c, 1, CORRECT_STEP_SESSION);
        return;
    }
    size_t si = att.session_count;
    for (size_t i = 0; i < att.session_count; i++)
        if (att.sessions[i].number == c->session)
            si = i;
    if (si == att.session_count) { /* cancelled meanwhile (a sync) */
        attendance_close(&att);
        c->step = CORRECT_STEP_SESSION;
        return;
    }
    char line[KIOSK_TEXT_LEN + 96], num[12], date[16], from[8];
    snprintf(num, sizeof num, "%d", c->session);
    day_of(c->session_at, date, sizeof date, from, sizeof from);
    FILL(a, "correct.list", line, "code", att.event.code, "number", num, "date", date);
    ui_text(ui, line);
    int per = LIST_COLUMNS * rows_fit(a, area);
    list_rows(a, c, &att, si, per);
    int pages = (att.people + per - 1) / per;
    if (c->page >= pages)
        c->page = 0;
    pager(a, c, pages, CORRECT_STEP_SESSION);
    attendance_close(&att);
}

/* -- one trainee: what is recorded, the mark and the reason -- */

static void person_facts(struct app *a, const struct admin_correct *c,
                         const struct store_attendance_detail *d)
{
    char line[600], in[8], out[8], date[16], at[8];
    day_of(d->checkin_at, date, sizeof date, in, sizeof in);
    day_of(d->checkout_at, date, sizeof date, out, sizeof out);
    const char *now = mark_word(a, c->shown_mark);
    if (d->checkin_at && d->checkout_at)
        FILL(a, "correct.facts_in_out", line, "mark", now, "in", in, "out", out);
    else if (d->checkin_at)
        FILL(a, "correct.facts_in", line, "mark", now, "in", in);
    else
        FILL(a, "correct.facts_none", line, "mark", now);
    ui_text(app_ui(a), line);
    if (!d->mark)
        return;
    static const char *const keys[] = {"", "admin.people.present", "admin.people.absent",
                                       "admin.people.excused"};
    day_of(d->marked_at, date, sizeof date, at, sizeof at);
    FILL(a, "correct.last", line, "date", date, "time", at, "mark",
         admin_tr(a, keys[d->mark >= 1 && d->mark <= 3 ? d->mark : 1]), "reason", d->reason);
    ui_text(app_ui(a), line);
}

static void mark_buttons(struct app *a, struct admin_correct *c, int can_cancel_out)
{
    ui_ctx *ui = app_ui(a);
    static const struct {
        int mark;
        const char *key;
    } marks[] = {{CORRECT_PRESENT, "correct.present"},
                 {CORRECT_ABSENT, "correct.absent"},
                 {CORRECT_EXCUSED, "correct.excused"},
                 {CORRECT_CHECKOUT_CANCELLED, "correct.cancel_checkout"}};
    size_t shown = can_cancel_out ? 4 : 3;
    ui_row_begin(ui, (int)shown);
    for (size_t i = 0; i < shown; i++)
        if (ui_button(ui, admin_tr(a, marks[i].key),
                      c->mark == marks[i].mark ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL))
            c->mark = marks[i].mark;
    ui_row_end(ui);
}

static void reason_buttons(struct app *a, struct admin_correct *c)
{
    ui_ctx *ui = app_ui(a);
    static const char *const keys[] = {"correct.reason.ill", "correct.reason.family",
                                       "correct.reason.no_scan", "correct.reason.mistake"};
    ui_row_begin(ui, (int)KIOSK_ARRAY_LEN(keys));
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(keys); i++) {
        const char *text = admin_tr(a, keys[i]);
        if (ui_button(ui, text,
                      strcmp(c->reason, text) == 0 ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL))
            kiosk_strlcpy(c->reason, text, sizeof c->reason);
    }
    ui_row_end(ui);
}

/* The reason without spaces around it; 1 when something is left. */
static int reason_given(struct admin_correct *c)
{
    char *p = c->reason;
    while (*p == ' ')
        p++;
    memmove(c->reason, p, strlen(p) + 1);
    size_t n = strlen(c->reason);
    while (n && c->reason[n - 1] == ' ')
        c->reason[--n] = '\0';
    return n > 0;
}

static void person_step(struct app *a, struct admin_correct *c)
{
    ui_ctx *ui = app_ui(a);
    struct store_attendance_detail d;
    if (store_attendance_detail(app_store(a), c->session_id, c->person_id, &d) != KIOSK_OK) {
        ui_message(ui, KIOSK_MSG_ERROR, admin_tr(a, "admin.today.error"));
        pager(a, c, 1, CORRECT_STEP_LIST);
        return;
    }
    ui_heading(ui, c->name);
    /* typing: the field right under her name, above the keyboard; the rest after "Xong" */
    int typing = ui_has_focus(ui);
    if (!typing) {
        person_facts(a, c, &d);
        if (c->mark == CORRECT_CHECKOUT_CANCELLED && !d.checkout_at)
            c->mark = 0;
        mark_buttons(a, c, d.checkout_at != 0);
        reason_buttons(a, c);
    }
    if (c->mark && c->reason[0])
        c->missing = 0;
    ui_field(ui, admin_tr(a, "correct.reason"), c->reason, sizeof c->reason, KIOSK_FIELD_TEXT,
             c->missing ? admin_tr(a, "correct.need") : NULL);
    if (typing)
        return;
    ui_row_begin(ui, 2);
    if (ui_button(ui, admin_tr(a, "correct.go_on"), KIOSK_STYLE_PRIMARY)) {
        c->missing = !c->mark || !reason_given(c);
        if (!c->missing)
            c->step = CORRECT_STEP_CONFIRM;
    }
    if (ui_button(ui, admin_tr(a, "correct.back"), KIOSK_STYLE_NORMAL))
        c->step = CORRECT_STEP_LIST;
    ui_row_end(ui);
}

/* -- what will be recorded; recorded when confirmed -- */

static const char *chosen_word(struct app *a, int mark)
{
    return admin_tr(a, mark == CORRECT_PRESENT   ? "correct.present"
                       : mark == CORRECT_ABSENT  ? "correct.absent"
                       : mark == CORRECT_EXCUSED ? "correct.excused"
                                                 : "correct.cancel_checkout");
}

static void record(struct app *a, struct admin_correct *c)
{
    struct store_correction k = {c->event, c->session, c->person_id, c->mark, c->reason, "admin"};
    kiosk_status st = store_attendance_correct(app_store(a), &k, NULL);
    char line[600], num[12];
    snprintf(num, sizeof num, "%d", c->session);
    if (st == KIOSK_OK) {
        FILL(a, "correct.done", line, "name", c->name, "number", num, "mark",
             chosen_word(a, c->mark));
        admin_say(a, KIOSK_MSG_OK, line);
        kiosk_log(KIOSK_LOG_INFO, "the coordinator corrected session %d of '%s' (mark %d)",
                  c->session, c->event, c->mark);
        c->step = CORRECT_STEP_LIST;
        return;
    }
    host_storage_status(&(kiosk_ctx){a, NULL}, st);
    admin_say(a, KIOSK_MSG_ERROR,
              admin_tr(a, st == KIOSK_E_NOT_FOUND ? "correct.not_found"
                          : st == KIOSK_E_INVALID ? "correct.bad_reason"
                                                  : "admin.storage_error"));
    c->step = CORRECT_STEP_PERSON;
}

static void confirm_step(struct app *a, struct admin_correct *c)
{
    ui_ctx *ui = app_ui(a);
    char line[800], num[12], date[16], from[8];
    snprintf(num, sizeof num, "%d", c->session);
    day_of(c->session_at, date, sizeof date, from, sizeof from);
    FILL(a, "correct.confirm", line, "name", c->name, "number", num, "date", date, "mark",
         chosen_word(a, c->mark), "reason", c->reason);
    ui_message(ui, KIOSK_MSG_INFO, line);
    ui_text(ui, admin_tr(a, c->mark == CORRECT_CHECKOUT_CANCELLED ? "correct.keeps_checkout"
                                                                  : "correct.keeps"));
    ui_row_begin(ui, 2);
    if (ui_button(ui, admin_tr(a, "correct.yes"), KIOSK_STYLE_PRIMARY))
        record(a, c);
    if (ui_button(ui, admin_tr(a, "correct.back"), KIOSK_STYLE_NORMAL))
        c->step = CORRECT_STEP_PERSON;
    ui_row_end(ui);
}

void admin_correct_frame(struct app *a, struct admin_correct *c, ui_rect area)
{
    switch (c->step) {
    case CORRECT_STEP_SESSION:
        session_step(a, c, area);
        break;
    case CORRECT_STEP_LIST:
        list_step(a, c, area);
        break;
    case CORRECT_STEP_PERSON:
        person_step(a, c);
        break;
    case CORRECT_STEP_CONFIRM:
        confirm_step(a, c);
        break;
    default:
        class_step(a, c, area);
    }
}
