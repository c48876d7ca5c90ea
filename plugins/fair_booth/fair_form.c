/* fair_booth: the registration form (phone first, so a known visitor is recognised
 * before typing anything else), the fast lane, and the registration itself. */
#include "fair.h"

#include <stdio.h>
#include <string.h>

#define FAIR_CONSENT_VERSION "fair-v1" /* bump when the consent texts change */
#define FAIR_PROVINCE_COLUMNS 4
#define FAIR_INTEREST_COLUMNS 2

static const char *or_null(const char *s)
{
    return s[0] ? s : NULL;
}

void fair_form_start(struct fair *f, kiosk_ctx *ctx, int phone_mode)
{
    fair_to_start(f);
    f->phone_mode = phone_mode;
    f->screen = FAIR_PHONE;
    f->focus_pending = 1; /* the phone number is typed first: no tap on its field */
}

/* The step's first field takes focus when the step opens. */
static void focus_first(struct fair *f, kiosk_ctx *ctx)
{
    if (f->focus_pending && KIOSK_API_HAS(f->h, ui_focus_next_field))
        f->h->ui_focus_next_field(ctx);
    f->focus_pending = 0;
}

static int nav_row(struct fair *f, kiosk_ctx *ctx, const char *next_key)
{
    return kit_nav_row(f->h, ctx, next_key);
}

/* One line: the step is the heading (the header bar names the booth), so the fields stay
 * above the on-screen keyboard. */
static void form_heading(struct fair *f, kiosk_ctx *ctx, const char *step_key)
{
    const struct kiosk_host_api *h = f->h;

    h->ui_heading(ctx, h->tr(ctx, step_key));
}

/* A phone typed on either way in: registered here, welcome back; known elsewhere in the
 * program, the fast lane; unknown, the form (or a message for "I registered"). */
static void phone_next(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;
    char e164[KIOSK_PHONE_LEN];
    const char *err = NULL;
    struct kiosk_person p;
    struct kiosk_registration reg;

    if (!kit_check_phone(h, ctx, f->phone, 1, e164, &err)) {
        fair_keep(f->err_phone, err);
        return;
    }
    f->err_phone[0] = '\0';
    f->no_phone = 0;
    if (f->k.people->by_phone(ctx, e164, &p, sizeof p) == KIOSK_OK) {
        if (f->k.program->registration_get(ctx, f->ev.id, p.id, &reg, sizeof reg) == KIOSK_OK)
            fair_welcome(f, ctx, &p);
        else
            fair_fast_lane(f, ctx, &p);
        return;
    }
    if (f->phone_mode == FAIR_PHONE_RETURNING) {
        fair_keep(f->err_phone, h->tr(ctx, "fair.phone_unknown"));
        return;
    }
    f->screen = FAIR_ABOUT;
}

void fair_phone_frame(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;
    int returning = f->phone_mode == FAIR_PHONE_RETURNING;
    int nav;

    if (returning) {
        h->ui_heading(ctx, h->tr(ctx, "fair.returning_title"));
        h->ui_text(ctx, h->tr(ctx, "fair.returning_hint"));
    } else {
        form_heading(f, ctx, "fair.step_phone");
    }
    focus_first(f, ctx);
    if (h->ui_field(ctx, h->tr(ctx, "fair.phone"), f->phone, sizeof f->phone, KIOSK_FIELD_PHONE,
                    or_null(f->err_phone)))
        f->err_phone[0] = '\0';
    nav = nav_row(f, ctx, "kit.next");
    if (nav < 0) {
        fair_to_start(f);
        return;
    }
    if (nav > 0) {
        phone_next(f, ctx);
        return;
    }
    /* not found as a returning visitor: one tap to register with the number typed */
    if (returning && f->err_phone[0] &&
        h->ui_button(ctx, h->tr(ctx, "fair.register"), KIOSK_STYLE_NORMAL)) {
        f->phone_mode = FAIR_PHONE_NEW;
        f->err_phone[0] = '\0';
        f->screen = FAIR_ABOUT;
    }
    /* a visitor without a mobile registers too: by name, the receipt finds her again */
    if (!returning && h->ui_button(ctx, h->tr(ctx, "fair.no_phone"), KIOSK_STYLE_NORMAL)) {
        f->no_phone = 1;
        f->phone[0] = f->err_phone[0] = '\0';
        f->screen = FAIR_ABOUT;
    }
}

void fair_about_frame(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;
    static const struct kit_choice kinds[] = {
        {KIOSK_ORG_HOUSEHOLD, "fair.org_household"},
        {KIOSK_ORG_COOPERATIVE, "fair.org_coop"},
        {KIOSK_ORG_ENTERPRISE, "fair.org_enterprise"},
        {KIOSK_ORG_OTHER, "fair.org_other"},
    };
    char tidy[KIOSK_NAME_LEN], org_label[128];
    const char *err = NULL;
    int nav;

    form_heading(f, ctx, "fair.step_about");
    /* the kind first: the two fields then end the step just above the way on, so with the
     * keyboard up the field, "Tiếp tục" and nothing between them stay in view */
    h->ui_text(ctx, h->tr(ctx, "fair.org_kind"));
    /* a second tap takes it back */
    f->org_kind =
        kit_choice_row(h, ctx, kinds, KIT_ARRAY_LEN(kinds), f->org_kind, 1, KIOSK_ORG_NONE);
    if (h->ui_field(ctx, h->tr(ctx, "fair.name"), f->name, sizeof f->name, KIOSK_FIELD_NAME,
                    or_null(f->err_name)))
        f->err_name[0] = '\0';
    kit_fill(org_label, sizeof org_label, h->tr(ctx, "fair.org"), h->tr(ctx, "kit.optional"), NULL);
    h->ui_field(ctx, org_label, f->org, sizeof f->org, KIOSK_FIELD_TEXT, NULL);
    nav = nav_row(f, ctx, "kit.next");
    if (nav < 0) {
        f->screen = f->editing_known ? FAIR_FAST : FAIR_PHONE;
        f->editing_known = 0;
    } else if (nav > 0) {
        if (!kit_check_name(h, ctx, f->name, tidy, sizeof tidy, &err)) {
            fair_keep(f->err_name, err);
            return;
        }
        f->screen = FAIR_PROVINCE;
    }
}

void fair_province_frame(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;
    size_t i;
    int nav;

    form_heading(f, ctx, "fair.step_province");
    if (f->err_province[0])
        h->ui_message(ctx, KIOSK_MSG_ERROR, f->err_province);
    for (i = 0; i < fair_province_count; i++) {
        int on = f->province == (int)i + 1;
        const char *label =
            fair_provinces[i].shown ? fair_provinces[i].shown : h->tr(ctx, "fair.province_other");

        if (i % FAIR_PROVINCE_COLUMNS == 0)
            h->ui_row_begin(ctx, FAIR_PROVINCE_COLUMNS);
        if (h->ui_button(ctx, label, on ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL)) {
            f->province = (int)i + 1;
            f->err_province[0] = '\0';
        }
        if (i % FAIR_PROVINCE_COLUMNS == FAIR_PROVINCE_COLUMNS - 1 || i + 1 == fair_province_count)
            h->ui_row_end(ctx);
    }
    nav = nav_row(f, ctx, "kit.next");
    if (nav < 0) {
        f->screen = FAIR_ABOUT;
    } else if (nav > 0) {
        if (f->province == 0)
            fair_keep(f->err_province, h->tr(ctx, "fair.err.province"));
        else
            f->screen = FAIR_INTERESTS;
    }
}

void fair_interest_boxes(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;
    size_t i;

    for (i = 0; i < f->interest_count; i++) {
        if (i % FAIR_INTEREST_COLUMNS == 0)
            h->ui_row_begin(ctx, FAIR_INTEREST_COLUMNS);
        h->ui_checkbox(ctx, f->interests[i], &f->interest_on[i]);
        if (i % FAIR_INTEREST_COLUMNS == FAIR_INTEREST_COLUMNS - 1 || i + 1 == f->interest_count)
            h->ui_row_end(ctx);
    }
}

void fair_interests_frame(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;
    char note_label[128];
    int nav;

    form_heading(f, ctx, "fair.step_interests");
    /* the note first: below the boxes its field would be under the on-screen keyboard */
    kit_fill(note_label, sizeof note_label, h->tr(ctx, "fair.note"), h->tr(ctx, "kit.optional"),
             NULL);
    h->ui_field(ctx, note_label, f->note, sizeof f->note, KIOSK_FIELD_TEXT, NULL);
    fair_interest_boxes(f, ctx);
    nav = nav_row(f, ctx, "kit.next");
    if (nav < 0)
        f->screen = FAIR_PROVINCE;
    else if (nav > 0)
        f->screen = FAIR_CONSENT;
}

/* {"interests":["may mặc",...],"note":"..."}: the export reads these keys. */
static int build_extra(struct fair *f, char *out, size_t cap)
{
    char note[KIOSK_TEXT_LEN];
    size_t len = 0, i;
    int first = 1, ok;

    out[0] = '\0';
    ok = kit_json_append_raw(out, cap, &len, "{\"interests\":[");
    for (i = 0; ok && i < f->interest_count; i++) {
        if (!f->interest_on[i])
            continue;
        if (!first)
            ok = kit_json_append_raw(out, cap, &len, ",");
        ok = ok && kit_json_append_str(out, cap, &len, f->interests[i]);
        first = 0;
    }
    kit_trim(f->note, note, sizeof note);
    ok = ok && kit_json_append_raw(out, cap, &len, "],\"note\":");
    ok = ok && kit_json_append_str(out, cap, &len, note);
    ok = ok && kit_json_append_raw(out, cap, &len, "}");
    return ok;
}

static void register_visitor(struct fair *f, kiosk_ctx *ctx, struct kiosk_person *p, int save_first)
{
    const struct kiosk_host_api *h = f->h;
    struct kiosk_registration reg;
    char extra[KIOSK_TEXT_LEN * 8];
    kiosk_status st;

    if (!build_extra(f, extra, sizeof extra)) {
        h->log(ctx, "fair_booth: interests too long");
        fair_keep(f->failure, kit_storage_error(h, ctx, KIOSK_E_INVALID));
        return;
    }
    p->extra_json = extra;
    if (save_first) {
        st = f->k.people->save(ctx, p, sizeof *p);
        if (st != KIOSK_OK) {
            h->log(ctx, "fair_booth: person not saved");
            fair_keep(f->failure, kit_storage_error(h, ctx, st));
            return;
        }
    }
    memset(&reg, 0, sizeof reg);
    st = f->k.program->register_person(ctx, f->ev.id, p, sizeof *p, 0, &reg, sizeof reg);
    p->extra_json = NULL;
    if (st == KIOSK_E_EXISTS) {
        /* registered before (same phone, or same name and year): a returning visitor */
        struct kiosk_person known;
        if (f->k.people->get(ctx, reg.person_id, &known, sizeof known) != KIOSK_OK)
            known = *p;
        fair_welcome(f, ctx, &known);
        return;
    }
    if (st != KIOSK_OK) {
        h->log(ctx, "fair_booth: registration failed");
        fair_keep(f->failure, kit_storage_error(h, ctx, st));
        return;
    }
    if (f->k.people->get(ctx, reg.person_id, &f->who, sizeof f->who) != KIOSK_OK) {
        f->who = *p;
        kit_fill(f->who.id, sizeof f->who.id, reg.person_id, NULL, NULL);
    }
    f->who.extra_json = NULL;
    st = f->k.people->consent_set(ctx, f->who.id, KIOSK_CONSENT_CONTACT, f->consent_contact,
                                  FAIR_CONSENT_VERSION);
    if (st == KIOSK_OK)
        st = f->k.people->consent_set(ctx, f->who.id, KIOSK_CONSENT_SHARE, f->consent_share,
                                      FAIR_CONSENT_VERSION);
    if (st != KIOSK_OK)
        h->log(ctx, "fair_booth: consent not stored");
    f->failure[0] = '\0';
    fair_record_visit(f, ctx, f->who.id);
    f->registered_now = 1;
    fair_show_receipt(f, ctx);
}

/* The person from the form; the name was checked on its step, the phone on the first. */
static int form_person(struct fair *f, kiosk_ctx *ctx, struct kiosk_person *p)
{
    const struct kiosk_host_api *h = f->h;
    const char *err = NULL;

    if (f->editing_known) {
        *p = f->who;
    } else {
        memset(p, 0, sizeof *p);
    }
    p->extra_json = NULL;
    if (!kit_check_name(h, ctx, f->name, p->full_name, sizeof p->full_name, &err)) {
        fair_keep(f->err_name, err);
        f->screen = FAIR_ABOUT;
        return 0;
    }
    if (!kit_check_phone(h, ctx, f->phone, !f->no_phone, p->phone, &err)) {
        fair_keep(f->err_phone, err);
        f->screen = f->editing_known ? FAIR_ABOUT : FAIR_PHONE;
        return 0;
    }
    if (p->id[0]) {
        /* a family often shares one phone: another name is another person, not an edit */
        char was[KIOSK_NAME_LEN], now[KIOSK_NAME_LEN];
        h->fold(f->who.full_name, was, sizeof was);
        h->fold(p->full_name, now, sizeof now);
        if (strcmp(was, now) != 0) {
            struct kiosk_person other;
            memset(&other, 0, sizeof other);
            memcpy(other.full_name, p->full_name, sizeof other.full_name);
            memcpy(other.phone, p->phone, sizeof other.phone);
            *p = other;
        }
    }
    kit_trim(f->org, p->organisation, sizeof p->organisation);
    p->org_kind = f->org_kind;
    if (f->province > 0 && (size_t)f->province <= fair_province_count)
        kit_fill(p->province, sizeof p->province, fair_provinces[f->province - 1].stored, NULL,
                 NULL);
    return 1;
}

void fair_consent_frame(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;
    struct kiosk_person p;
    int nav;

    form_heading(f, ctx, "fair.step_consent");
    if (f->failure[0])
        h->ui_message(ctx, KIOSK_MSG_ERROR, f->failure);
    h->ui_text(ctx, h->tr(ctx, "fair.consent_intro"));
    h->ui_checkbox(ctx, h->tr(ctx, "fair.consent_contact"), &f->consent_contact);
    h->ui_checkbox(ctx, h->tr(ctx, "fair.consent_share"), &f->consent_share);
    nav = nav_row(f, ctx, "fair.submit");
    if (nav < 0)
        f->screen = FAIR_INTERESTS;
    else if (nav > 0 && form_person(f, ctx, &p))
        register_visitor(f, ctx, &p, p.id[0] != '\0'); /* a known person's new version */
}

void fair_fast_lane(struct fair *f, kiosk_ctx *ctx, const struct kiosk_person *p)
{
    fair_to_start(f);
    f->who = *p;
    f->who.extra_json = NULL;
    f->screen = FAIR_FAST;
}

/* "Change my details": the form, filled with what the program knows. */
static void edit_known(struct fair *f, kiosk_ctx *ctx)
{
    size_t i;

    f->editing_known = 1;
    kit_fill(f->name, sizeof f->name, f->who.full_name, NULL, NULL);
    kit_fill(f->phone, sizeof f->phone, f->who.phone, NULL, NULL);
    kit_fill(f->org, sizeof f->org, f->who.organisation, NULL, NULL);
    f->org_kind = f->who.org_kind;
    f->province = 0;
    for (i = 0; i < fair_province_count; i++)
        if (strcmp(fair_provinces[i].stored, f->who.province) == 0)
            f->province = (int)i + 1;
    f->screen = FAIR_ABOUT;
}

void fair_fast_frame(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;
    char year[24], line[KIOSK_TEXT_LEN * 2], place[KIOSK_TEXT_LEN];
    int nav;

    h->ui_heading(ctx, h->tr(ctx, "fair.fast_title"));
    if (f->failure[0])
        h->ui_message(ctx, KIOSK_MSG_ERROR, f->failure);
    /* name, then "1985 · xã Mỹ Khánh · TP Cần Thơ · organisation" */
    h->ui_text(ctx, f->who.full_name);
    line[0] = '\0';
    if (f->who.birth_year > 0) {
        snprintf(year, sizeof year, "%d", f->who.birth_year);
        kit_fill(place, sizeof place, h->tr(ctx, "fair.born"), year, NULL);
        kit_join(h, ctx, line, sizeof line, place);
    }
    kit_join(h, ctx, line, sizeof line, f->who.commune);
    kit_join(h, ctx, line, sizeof line, f->who.province);
    kit_join(h, ctx, line, sizeof line, f->who.organisation);
    if (line[0])
        h->ui_text(ctx, line);
    h->ui_text(ctx, h->tr(ctx, "fair.fast_interests"));
    fair_interest_boxes(f, ctx);
    h->ui_checkbox(ctx, h->tr(ctx, "fair.consent_contact"), &f->consent_contact);
    h->ui_checkbox(ctx, h->tr(ctx, "fair.consent_share"), &f->consent_share);
    h->ui_row_begin(ctx, 3);
    nav = 0;
    if (h->ui_button(ctx, h->tr(ctx, "kit.back"), KIOSK_STYLE_NORMAL))
        nav = -1;
    if (h->ui_button(ctx, h->tr(ctx, "fair.fast_edit"), KIOSK_STYLE_NORMAL))
        nav = 2;
    if (h->ui_button(ctx, h->tr(ctx, "fair.fast_ok"), KIOSK_STYLE_PRIMARY))
        nav = 1;
    h->ui_row_end(ctx);
    if (nav < 0) {
        fair_to_start(f);
    } else if (nav == 2) {
        edit_known(f, ctx);
    } else if (nav == 1) {
        struct kiosk_person p = f->who;
        register_visitor(f, ctx, &p, 0);
    }
}
