/* The admin screen's people tab (docs/IDENTITY.md): how many probable duplicates today's
 * classes have, a pair merged in two taps with both records side by side, and for the
 * served class's session of today who is present, late, absent or walked in, by name in the
 * official order, before any export. Both are read on a thread (people_read.h): the tab says
 * "Đang đọc…" until they come. */
#include "host/admin_state.h"

#include "host/app.h"
#include "host/host_ctx.h"
#include "host/people_read.h"
#include "host/screens.h"
#include "text/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAIRS_SHOWN 4
#define SESSION_REFRESH_MS 10000 /* kiosk time: who came, and which session is now */

void admin_people_reset(struct admin *ad)
{
    people_read_forget(-1);
    ad->people_asked = 0;
    ad->pick = -1;
}

/* The last read of kind, asked for each time the view is shown (the one shown before is
 * forgotten then) and, for the session, again every SESSION_REFRESH_MS while it is (the
 * session of now changes); NULL, with a line saying it is reading (or could not), until it
 * came. */
static const struct people_read *people_data(struct app *a, struct admin *ad, int kind)
{
    int64_t now = kiosk_clock_now_ms(), at = ad->people_at[kind];
    int shown = ad->people_asked & (1 << kind);
    int stale = kind == PEOPLE_READ_SESSION && (now - at > SESSION_REFRESH_MS || now < at);
    if (!shown || stale) {
        if (!shown)
            people_read_forget(kind);
        if (people_read_request(app_db_path(a), kind,
                                host_setting(&(kiosk_ctx){a, NULL}, "served_event"), now,
                                host_wake_loop, a)) {
            ad->people_asked |= 1 << kind; /* else another read runs: asked when it ends */
            ad->people_at[kind] = now;
        }
    }
    const struct people_read *r = people_read_get(kind);
    if (r && r->st != KIOSK_OK && r->st != KIOSK_E_NOT_FOUND) {
        ui_message(app_ui(a), KIOSK_MSG_ERROR, admin_tr(a, "admin.people.error"));
        return NULL;
    }
    if (!r)
        ui_message(app_ui(a), KIOSK_MSG_INFO, admin_tr(a, "admin.people.loading"));
    return r;
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
static void pair_detail(struct app *a, struct admin *ad, const struct store_duplicate *d,
                        ui_rect area)
{
    ui_ctx *ui = app_ui(a);
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
    ad->people_asked = 0; /* both views: read again */
    ad->pick = -1;
}

static void duplicates_view(struct app *a, struct admin *ad, ui_rect area)
{
    ui_ctx *ui = app_ui(a);
    const struct people_read *r = people_data(a, ad, PEOPLE_READ_DUPS);
    if (!r)
        return;
    if (ad->pick >= 0 && (size_t)ad->pick < r->ndups) {
        pair_detail(a, ad, &r->dups[ad->pick], area);
        return;
    }
    char line[160], count[16];
    snprintf(count, sizeof count, "%zu", r->ndups);
    screens_template(admin_tr(a, r->ndups ? "admin.people.dups" : "admin.people.no_dups"),
                     (const char *const[]){"count"}, (const char *const[]){count}, 1, line,
                     sizeof line);
    ui_text(ui, line);
    for (size_t i = 0; i < r->ndups && i < PAIRS_SHOWN; i++) {
        char title[KIOSK_NAME_LEN * 2 + 32];
        snprintf(title, sizeof title, "%s (%d) / %s (%d)", r->dups[i].a.full_name,
                 r->dups[i].a.birth_year, r->dups[i].b.full_name, r->dups[i].b.birth_year);
        if (ui_list_item(ui, title, admin_tr(a, r->dups[i].reason_key))) /* tap one */
            ad->pick = (int)i;
    }
}

static void session_view(struct app *a, struct admin *ad)
{
    ui_ctx *ui = app_ui(a);
    const struct people_read *r = people_data(a, ad, PEOPLE_READ_SESSION);
    if (!r)
        return;
    if (r->st == KIOSK_E_NOT_FOUND) {
        ui_message(ui, KIOSK_MSG_INFO, admin_tr(a, "admin.today.none"));
        return;
    }
    char line[KIOSK_TEXT_LEN + 64], num[8];
    snprintf(num, sizeof num, "%d", r->session_number);
    screens_template(admin_tr(a, "admin.people.session"), (const char *const[]){"code", "number"},
                     (const char *const[]){r->code, num}, 2, line, sizeof line);
    ui_heading(ui, line);
    static const char *const keys[] = {"admin.people.absent", "admin.people.present",
                                       "admin.people.late", "admin.people.excused"};
    ui_row_begin(ui, 2);
    for (size_t i = 0; i < r->nrows; i++) {
        const struct people_row *row = &r->rows[i];
        snprintf(line, sizeof line, "%d. %s — %s%s", row->number, row->full_name,
                 admin_tr(a, keys[row->mark]),
                 row->walkin ? admin_tr(a, "admin.people.walkin") : "");
        ui_text(ui, line);
    }
    ui_row_end(ui);
}

static void views_row(struct app *a, struct admin *ad)
{
    ui_ctx *ui = app_ui(a);
    ui_row_begin(ui, 3);
    if (ui_button(ui, admin_tr(a, "admin.people.view_dups"),
                  ad->people_view == 0 ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL)) {
        ad->people_view = 0;
        ad->people_asked &= ~(1 << PEOPLE_READ_DUPS);
    }
    if (ui_button(ui, admin_tr(a, "admin.people.view_session"),
                  ad->people_view == 1 ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL)) {
        ad->people_view = 1;
        ad->people_asked &= ~(1 << PEOPLE_READ_SESSION);
    }
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
        session_view(a, ad);
    else
        duplicates_view(a, ad, area);
}
