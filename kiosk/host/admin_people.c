/* The admin screen's people tab (docs/IDENTITY.md): how many probable duplicates today's
 * classes have, a pair merged in two taps with both records side by side, and for the
 * served class's session of today who is present, late, absent or walked in, by name in the
 * official order, before any export. */
#include "host/admin_state.h"

#include "export/attendance.h"
#include "host/app.h"
#include "host/screens.h"
#include "store/day_counts.h"
#include "store/domain.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAIRS_SHOWN 4

void admin_people_reset(struct admin *ad)
{
    free(ad->dups);
    ad->dups = NULL;
    ad->ndups = 0;
    ad->dups_fresh = 0;
    ad->pick = -1;
}

static int known_pair(const struct admin *ad, const struct store_duplicate *d)
{
    for (size_t i = 0; i < ad->ndups; i++)
        if (strcmp(ad->dups[i].a.id, d->a.id) == 0 && strcmp(ad->dups[i].b.id, d->b.id) == 0)
            return 1;
    return 0;
}

/* The probable duplicates of today's classes, once per visit of the tab (and after a merge). */
static void load_dups(struct app *a, struct admin *ad)
{
    admin_people_reset(ad);
    ad->dups_fresh = 1;
    struct day_session_count *rows = NULL;
    size_t n = 0;
    if (store_day_counts(app_store(a), kiosk_clock_now_ms(), &rows, &n) != KIOSK_OK)
        return;
    for (size_t i = 0; i < n; i++) {
        if (rows[i].event_kind != KIOSK_EVENT_CLASS)
            continue;
        struct store_duplicate *d = NULL;
        size_t nd = 0;
        if (store_people_duplicates(app_store(a), rows[i].event_id, &d, &nd) != KIOSK_OK)
            continue;
        for (size_t k = 0; k < nd; k++) {
            if (known_pair(ad, &d[k]))
                continue;
            struct store_duplicate *v = realloc(ad->dups, (ad->ndups + 1) * sizeof *v);
            if (!v)
                break;
            ad->dups = v;
            ad->dups[ad->ndups++] = d[k];
        }
        free(d);
    }
    free(rows);
}

static void person_lines(struct app *a, const struct kiosk_person *p)
{
    ui_ctx *ui = app_ui(a);
    char line[KIOSK_NAME_LEN + 64], phone[32] = "-";
    if (p->phone[0])
        vn_phone_display(p->phone, phone, sizeof phone);
    ui_heading(ui, p->full_name);
    snprintf(line, sizeof line, "%s: %d", admin_tr(a, "admin.people.year"), p->birth_year);
    ui_text(ui, p->birth_year ? line : admin_tr(a, "admin.people.no_year"));
    snprintf(line, sizeof line, "%s: %s", admin_tr(a, "admin.people.phone"), phone);
    ui_text(ui, line);
    snprintf(line, sizeof line, "%s: %s", admin_tr(a, "admin.people.commune"),
             p->commune[0] ? p->commune : "-");
    ui_text(ui, line);
    ui_label(ui, p->id, UI_FONT_SMALL, ui_theme(ui)->muted);
}

/* Tap two: both records side by side, and the button that merges them. */
static void pair_detail(struct app *a, struct admin *ad, ui_rect area)
{
    ui_ctx *ui = app_ui(a);
    const struct store_duplicate *d = &ad->dups[ad->pick];
    ui_text(ui, admin_tr(a, d->reason_key));
    int top = ui_cursor_y(ui), gap = screens_px(a, 24), half = (area.w - gap) / 2;
    int h = screens_px(a, 262);
    ui_area(ui, (ui_rect){area.x, top, half, h});
    person_lines(a, &d->a);
    ui_area(ui, (ui_rect){area.x + half + gap, top, half, h});
    person_lines(a, &d->b);
    ui_area(ui, (ui_rect){area.x, top + h, area.w, area.y + area.h - top - h});
    ui_row_begin(ui, 2);
    int merge = ui_button(ui, admin_tr(a, "admin.people.merge"), KIOSK_STYLE_PRIMARY);
    int back = ui_button(ui, admin_tr(a, "admin.people.back"), KIOSK_STYLE_NORMAL);
    ui_row_end(ui);
    if (back)
        ad->pick = -1;
    if (!merge)
        return;
    char survivor[KIOSK_ID_LEN];
    kiosk_status st = store_person_merge(app_store(a), d->a.id, d->b.id, survivor);
    host_storage_status(&(kiosk_ctx){a, NULL}, st);
    kiosk_strlcpy(ad->message,
                  admin_tr(a, st == KIOSK_OK ? "admin.people.merged" : "admin.storage_error"),
                  sizeof ad->message);
    ad->message_kind = st == KIOSK_OK ? KIOSK_MSG_OK : KIOSK_MSG_ERROR;
    ad->dups_fresh = 0;
    ad->pick = -1;
}

static void duplicates_view(struct app *a, struct admin *ad, ui_rect area)
{
    ui_ctx *ui = app_ui(a);
    if (!ad->dups_fresh)
        load_dups(a, ad);
    if (ad->pick >= 0 && (size_t)ad->pick < ad->ndups) {
        pair_detail(a, ad, area);
        return;
    }
    char line[160], count[16];
    snprintf(count, sizeof count, "%zu", ad->ndups);
    screens_template(admin_tr(a, ad->ndups ? "admin.people.dups" : "admin.people.no_dups"),
                     (const char *const[]){"count"}, (const char *const[]){count}, 1, line,
                     sizeof line);
    ui_text(ui, line);
    for (size_t i = 0; i < ad->ndups && i < PAIRS_SHOWN; i++) {
        char title[KIOSK_NAME_LEN * 2 + 32];
        snprintf(title, sizeof title, "%s (%d) / %s (%d)", ad->dups[i].a.full_name,
                 ad->dups[i].a.birth_year, ad->dups[i].b.full_name, ad->dups[i].b.birth_year);
        if (ui_list_item(ui, title, admin_tr(a, ad->dups[i].reason_key))) /* tap one */
            ad->pick = (int)i;
    }
}

/* Of today's class sessions (the served class's when it has one today), the one begun
 * last by now (the one running), else the day's first. (size_t)-1: none. */
static size_t pick_session(const struct day_session_count *rows, size_t n, const char *served,
                           int64_t now_ms)
{
    int served_today = 0;
    for (size_t i = 0; i < n; i++)
        served_today |= rows[i].event_kind == KIOSK_EVENT_CLASS && served &&
                        strcmp(rows[i].event_code, served) == 0;
    size_t pick = (size_t)-1;
    for (size_t i = 0; i < n; i++) { /* by start time */
        if (rows[i].event_kind != KIOSK_EVENT_CLASS ||
            (served_today && strcmp(rows[i].event_code, served) != 0))
            continue;
        if (pick == (size_t)-1 || rows[i].starts_at_ms <= now_ms)
            pick = i;
    }
    return pick;
}

/* The served class (else today's first class) and its session of now. */
static int today_session(struct app *a, struct kiosk_event *ev, size_t *index,
                         struct attendance *att)
{
    const char *served = host_setting(&(kiosk_ctx){a, NULL}, "served_event");
    struct day_session_count *rows = NULL;
    size_t n = 0;
    if (store_day_counts(app_store(a), kiosk_clock_now_ms(), &rows, &n) != KIOSK_OK)
        return 0;
    size_t pick = pick_session(rows, n, served, kiosk_clock_now_ms());
    int ok = pick != (size_t)-1 &&
             store_event_get(app_store(a), rows[pick].event_id, ev) == KIOSK_OK &&
             attendance_open(app_store(a), ev->id, kiosk_clock_now_ms(), att) == KIOSK_OK;
    *index = 0;
    for (size_t i = 0; ok && i < att->session_count; i++)
        if (strcmp(att->sessions[i].id, rows[pick].session_id) == 0)
            *index = i;
    free(rows);
    return ok;
}

static void session_view(struct app *a)
{
    ui_ctx *ui = app_ui(a);
    struct kiosk_event ev;
    struct attendance att;
    size_t s = 0;
    if (!today_session(a, &ev, &s, &att)) {
        ui_message(ui, KIOSK_MSG_INFO, admin_tr(a, "admin.today.none"));
        return;
    }
    char line[KIOSK_TEXT_LEN + 64], num[8];
    snprintf(num, sizeof num, "%d", att.sessions[s].number);
    screens_template(admin_tr(a, "admin.people.session"), (const char *const[]){"code", "number"},
                     (const char *const[]){ev.code, num}, 2, line, sizeof line);
    ui_heading(ui, line);
    static const char *const keys[] = {"admin.people.absent", "admin.people.present",
                                       "admin.people.late", "admin.people.excused"};
    struct attendance_row row;
    ui_row_begin(ui, 2);
    while (attendance_next(&att, &row) == 1) {
        const char *mark = admin_tr(a, keys[row.marks[s] < MARK_KINDS ? row.marks[s] : 0]);
        snprintf(line, sizeof line, "%d. %s — %s%s", row.number, row.full_name, mark,
                 row.walkin ? admin_tr(a, "admin.people.walkin") : "");
        ui_text(ui, line);
    }
    ui_row_end(ui);
    attendance_close(&att);
}

static void views_row(struct app *a, struct admin *ad)
{
    ui_ctx *ui = app_ui(a);
    ui_row_begin(ui, 3);
    if (ui_button(ui, admin_tr(a, "admin.people.view_dups"),
                  ad->people_view == 0 ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL)) {
        ad->people_view = 0;
        ad->dups_fresh = 0;
    }
    if (ui_button(ui, admin_tr(a, "admin.people.view_session"),
                  ad->people_view == 1 ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL))
        ad->people_view = 1;
    if (ui_button(ui, admin_tr(a, "admin.people.view_correct"),
                  ad->people_view == 2 ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL) &&
        ad->people_view != 2) {
        ad->people_view = 2;
        ad->correct = (struct admin_correct){0};
    }
    ui_row_end(ui);
}

void admin_people_tab(struct app *a, ui_rect area)
{
    ui_ctx *ui = app_ui(a);
    struct admin *ad = app_admin(a);
    /* correcting one trainee takes the whole tab: its own Back leads out */
    int whole = ad->people_view == 2 && ad->correct.step >= CORRECT_STEP_PERSON;
    if (!whole)
        views_row(a, ad);
    int top = ui_cursor_y(ui);
    area = (ui_rect){area.x, top, area.w, area.y + area.h - top};
    if (ad->people_view == 2)
        admin_correct_frame(a, &ad->correct, area);
    else if (ad->people_view == 1)
        session_view(a);
    else
        duplicates_view(a, ad, area);
}
