/* class_attendance: someone not on the roster registers on the spot (a walk-in) and is
 * checked in. Two short steps; nothing is stored before the last tap. */
#include "attendance.h"

#include <string.h>

#define ATT_CONSENT_VERSION "signup-v2" /* the same texts as the sign-up plugin's */
#define ATT_PLACES_SHOWN 4

void att_walkin_start(struct attendance *a, kiosk_ctx *ctx)
{
    /* not filled from the search text: that was typed without accents */
    a->w_name[0] = '\0';
    a->w_phone[0] = a->w_year[0] = '\0';
    a->err_name[0] = a->err_phone[0] = a->err_year[0] = a->err_place[0] = '\0';
    memset(&a->place, 0, sizeof a->place);
    a->consent_contact = 0;
    kit_places_load(a->h, &a->k, ctx, &a->places);
    a->screen = ATT_WALKIN;
}

static const char *or_null(const char *s)
{
    return s[0] ? s : NULL;
}

static int walkin_valid(struct attendance *a, kiosk_ctx *ctx, struct kiosk_person *p)
{
    const struct kiosk_host_api *h = a->h;
    char buf[ATT_MSG_LEN];
    const char *err = NULL;
    int ok = 1;

    memset(p, 0, sizeof *p);
    if (!kit_check_name(h, ctx, a->w_name, p->full_name, sizeof p->full_name, &err))
        ok = 0;
    att_keep(a->err_name, err);
    if (!kit_check_phone(h, ctx, a->w_phone, 0, p->phone, &err))
        ok = 0;
    att_keep(a->err_phone, err);
    if (!kit_check_year(h, ctx, a->w_year, 1, &p->birth_year, &err, buf, sizeof buf))
        ok = 0;
    att_keep(a->err_year, err);
    return ok;
}

void att_walkin_frame(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    struct kiosk_person p;
    char phone_label[128];
    int back = 0, next = 0;

    h->ui_heading(ctx, h->tr(ctx, "att.walkin_title"));
    h->ui_text(ctx, h->tr(ctx, "att.walkin_hint"));
    if (h->ui_field(ctx, h->tr(ctx, "att.name"), a->w_name, sizeof a->w_name, KIOSK_FIELD_NAME,
                    or_null(a->err_name)))
        a->err_name[0] = '\0';
    kit_fill(phone_label, sizeof phone_label, h->tr(ctx, "att.phone"), h->tr(ctx, "kit.optional"),
             NULL);
    h->ui_row_begin(ctx, 2);
    if (h->ui_field(ctx, h->tr(ctx, "att.year"), a->w_year, sizeof a->w_year, KIOSK_FIELD_YEAR,
                    or_null(a->err_year)))
        a->err_year[0] = '\0';
    if (h->ui_field(ctx, phone_label, a->w_phone, sizeof a->w_phone, KIOSK_FIELD_PHONE,
                    or_null(a->err_phone)))
        a->err_phone[0] = '\0';
    h->ui_row_end(ctx);
    h->ui_row_begin(ctx, 2);
    back = h->ui_button(ctx, h->tr(ctx, "kit.back"), KIOSK_STYLE_NORMAL);
    next = h->ui_button(ctx, h->tr(ctx, "kit.next"), KIOSK_STYLE_PRIMARY);
    h->ui_row_end(ctx);
    if (back)
        a->screen = ATT_SEARCH;
    else if (next && walkin_valid(a, ctx, &p))
        a->screen = ATT_WALKIN_PLACE;
}

static void walkin_register(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    struct kiosk_person p;
    struct kiosk_registration reg;
    kiosk_status st;

    if (!walkin_valid(a, ctx, &p)) {
        a->screen = ATT_WALKIN;
        return;
    }
    kit_place_to_person(&a->places, &a->place, &p);
    memset(&reg, 0, sizeof reg);
    st = a->k.program->register_person(ctx, a->ev.id, &p, sizeof p, 1, &reg, sizeof reg);
    if (st != KIOSK_OK && st != KIOSK_E_EXISTS) {
        h->log(ctx, "class_attendance: walk-in registration failed");
        att_keep(a->err_place, kit_storage_error(h, ctx, st));
        return;
    }
    if (reg.person_id[0] == '\0')
        kit_fill(reg.person_id, sizeof reg.person_id, p.id, NULL, NULL);
    /* on the list after all (same phone, or same name and year): that person checks in */
    if (a->k.people->get(ctx, reg.person_id, &a->who, sizeof a->who) != KIOSK_OK) {
        a->who = p;
        kit_fill(a->who.id, sizeof a->who.id, reg.person_id, NULL, NULL);
    }
    a->who.extra_json = NULL;
    /* attendance is recorded under the reporting duty (the notice); contact is asked */
    st = a->k.people->consent_set(ctx, reg.person_id, KIOSK_CONSENT_CONTACT, a->consent_contact,
                                  ATT_CONSENT_VERSION);
    if (st != KIOSK_OK)
        h->log(ctx, "class_attendance: walk-in consent not stored");
    att_person_chosen(a, ctx, &a->who, 0);
}

/* The places and the field, with the way on right under them: above the keyboard. */
void att_walkin_place_frame(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    char trimmed[KIOSK_PLACE_LEN];
    int back, next;

    h->ui_heading(ctx, h->tr(ctx, "att.walkin_place"));
    if (a->err_place[0])
        h->ui_message(ctx, KIOSK_MSG_ERROR, a->err_place);
    if (kit_place_field(h, ctx, &a->places, &a->place, h->tr(ctx, "att.commune"), ATT_PLACES_SHOWN))
        a->err_place[0] = '\0';
    h->ui_row_begin(ctx, 2);
    back = h->ui_button(ctx, h->tr(ctx, "kit.back"), KIOSK_STYLE_NORMAL);
    next = h->ui_button(ctx, h->tr(ctx, "kit.next"), KIOSK_STYLE_PRIMARY);
    h->ui_row_end(ctx);
    if (back) {
        a->screen = ATT_WALKIN;
        return;
    }
    if (!next)
        return;
    kit_trim(a->place.typed, trimmed, sizeof trimmed);
    if (trimmed[0] == '\0') {
        att_keep(a->err_place, h->tr(ctx, "att.err.commune"));
        return;
    }
    a->err_place[0] = '\0';
    a->screen = ATT_WALKIN_CONSENT;
}

void att_walkin_consent_frame(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    int back, next;

    h->ui_heading(ctx, h->tr(ctx, "att.walkin_consent"));
    if (a->err_place[0])
        h->ui_message(ctx, KIOSK_MSG_ERROR, a->err_place);
    h->ui_text(ctx, h->tr(ctx, "att.attendance_notice"));
    h->ui_text(ctx, h->tr(ctx, "att.consent_intro"));
    h->ui_checkbox(ctx, h->tr(ctx, "att.consent_contact"), &a->consent_contact);
    h->ui_row_begin(ctx, 2);
    back = h->ui_button(ctx, h->tr(ctx, "kit.back"), KIOSK_STYLE_NORMAL);
    next = h->ui_button(ctx, h->tr(ctx, "att.walkin_submit"), KIOSK_STYLE_PRIMARY);
    h->ui_row_end(ctx);
    if (back)
        a->screen = ATT_WALKIN_PLACE;
    else if (next)
        walkin_register(a, ctx);
}
