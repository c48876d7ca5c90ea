/* class_signup: the form's screens (person, commune, organisation, consents) and the
 * registration itself. Nothing is stored until the last tap, and only through the host. */
#include "signup.h"

#include <string.h>

#define SIGNUP_CONSENT_VERSION "signup-v2" /* bump when the consent texts change */
#define SIGNUP_PLACES_SHOWN 6

void signup_form_start(struct signup *s, kiosk_ctx *ctx, const struct kiosk_event *ev)
{
    s->ev = *ev;
    s->name[0] = s->phone[0] = s->year[0] = s->org[0] = '\0';
    s->err_name[0] = s->err_phone[0] = s->err_year[0] = s->err_place[0] = '\0';
    memset(&s->place, 0, sizeof s->place);
    s->org_kind = KIOSK_ORG_NONE;
    s->consent_contact = 0; /* unticked: consent is given, not assumed */
    kit_places_load(s->h, &s->k, ctx, &s->places);
    s->screen = SIGNUP_PERSON;
}

/* Heading with the class's title and a line saying which step this is. */
static void form_heading(struct signup *s, kiosk_ctx *ctx, const char *step_key)
{
    const struct kiosk_host_api *h = s->h;

    h->ui_heading(ctx, s->ev.title);
    h->ui_text(ctx, h->tr(ctx, step_key));
}

/* Back and next side by side; returns -1 back, 1 next, 0 nothing. */
static int nav_row(struct signup *s, kiosk_ctx *ctx, const char *next_key)
{
    return kit_nav_row(s->h, ctx, next_key);
}

static const char *or_null(const char *s)
{
    return s[0] ? s : NULL;
}

/* Checks the three fields, keeping each field's message; 1 when all are good. */
static int person_valid(struct signup *s, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = s->h;
    char tidy[KIOSK_NAME_LEN], phone[KIOSK_PHONE_LEN], buf[SIGNUP_ERR_LEN];
    const char *err = NULL;
    int year, ok = 1;

    if (!kit_check_name(h, ctx, s->name, tidy, sizeof tidy, &err))
        ok = 0;
    signup_keep(s->err_name, err);
    if (!kit_check_phone(h, ctx, s->phone, 0, phone, &err))
        ok = 0;
    signup_keep(s->err_phone, err);
    if (!kit_check_year(h, ctx, s->year, 1, &year, &err, buf, sizeof buf))
        ok = 0;
    signup_keep(s->err_year, err);
    return ok;
}

void signup_person_frame(struct signup *s, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = s->h;
    char phone_label[128];
    int nav;

    form_heading(s, ctx, "signup.step_person");
    if (h->ui_field(ctx, h->tr(ctx, "signup.name"), s->name, sizeof s->name, KIOSK_FIELD_NAME,
                    or_null(s->err_name)))
        s->err_name[0] = '\0';
    kit_fill(phone_label, sizeof phone_label, h->tr(ctx, "signup.phone"),
             h->tr(ctx, "kit.optional"), NULL);
    /* year, then phone: the order of the walk-in form (issue 17) */
    h->ui_row_begin(ctx, 2);
    if (h->ui_field(ctx, h->tr(ctx, "signup.year"), s->year, sizeof s->year, KIOSK_FIELD_YEAR,
                    or_null(s->err_year)))
        s->err_year[0] = '\0';
    if (h->ui_field(ctx, phone_label, s->phone, sizeof s->phone, KIOSK_FIELD_PHONE,
                    or_null(s->err_phone)))
        s->err_phone[0] = '\0';
    h->ui_row_end(ctx);
    nav = nav_row(s, ctx, "kit.next");
    if (nav < 0)
        s->screen = SIGNUP_LIST;
    else if (nav > 0 && person_valid(s, ctx))
        s->screen = SIGNUP_PLACE;
}

void signup_place_frame(struct signup *s, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = s->h;
    char trimmed[KIOSK_PLACE_LEN];
    int nav;

    /* the class title as a line, not a heading: the places and the field must stay above
     * the keyboard */
    h->ui_text(ctx, s->ev.title);
    h->ui_heading(ctx, h->tr(ctx, "signup.step_place"));
    if (s->err_place[0])
        h->ui_message(ctx, KIOSK_MSG_ERROR, s->err_place);
    if (kit_place_field(h, ctx, &s->places, &s->place, h->tr(ctx, "signup.commune"),
                        SIGNUP_PLACES_SHOWN))
        s->err_place[0] = '\0';
    nav = nav_row(s, ctx, "kit.next");
    if (nav < 0) {
        s->screen = SIGNUP_PERSON;
        return;
    }
    if (nav > 0) {
        kit_trim(s->place.typed, trimmed, sizeof trimmed);
        if (trimmed[0] == '\0') {
            signup_keep(s->err_place, h->tr(ctx, "signup.err.commune"));
            return;
        }
        s->err_place[0] = '\0';
        s->screen = SIGNUP_ORG;
    }
}

void signup_org_frame(struct signup *s, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = s->h;
    static const struct kit_choice kinds[] = {
        {KIOSK_ORG_NONE, "signup.org_none"},
        {KIOSK_ORG_HOUSEHOLD, "signup.org_household"},
        {KIOSK_ORG_COOPERATIVE, "signup.org_coop"},
    };
    int nav;

    form_heading(s, ctx, "signup.step_org");
    s->org_kind = kit_choice_row(h, ctx, kinds, KIT_ARRAY_LEN(kinds), s->org_kind, 0, 0);
    if (s->org_kind != KIOSK_ORG_NONE) {
        char label[128];
        kit_fill(label, sizeof label, h->tr(ctx, "signup.org_name"), h->tr(ctx, "kit.optional"),
                 NULL);
        h->ui_field(ctx, label, s->org, sizeof s->org, KIOSK_FIELD_TEXT, NULL);
    }
    nav = nav_row(s, ctx, "kit.next");
    if (nav < 0) {
        s->screen = SIGNUP_PLACE;
        s->place.reopened = 1;
    } else if (nav > 0) {
        s->screen = SIGNUP_CONSENT;
    }
}

/* Builds the person from the form; the fields were checked on the first step. */
static int build_person(struct signup *s, kiosk_ctx *ctx, struct kiosk_person *p)
{
    const struct kiosk_host_api *h = s->h;
    char buf[SIGNUP_ERR_LEN];
    const char *err = NULL;

    memset(p, 0, sizeof *p);
    if (!kit_check_name(h, ctx, s->name, p->full_name, sizeof p->full_name, &err) ||
        !kit_check_phone(h, ctx, s->phone, 0, p->phone, &err) ||
        !kit_check_year(h, ctx, s->year, 1, &p->birth_year, &err, buf, sizeof buf))
        return 0;
    kit_place_to_person(&s->places, &s->place, p);
    p->org_kind = s->org_kind;
    if (s->org_kind != KIOSK_ORG_NONE)
        kit_trim(s->org, p->organisation, sizeof p->organisation);
    return 1;
}

static void fail(struct signup *s, kiosk_ctx *ctx, kiosk_status st, const char *what)
{
    char line[128];

    kit_fill(line, sizeof line, "class_signup: {1} failed", what, NULL);
    s->h->log(ctx, line);
    signup_keep(s->failure, kit_storage_error(s->h, ctx, st));
    s->screen = SIGNUP_FAILED;
}

static void do_register(struct signup *s, kiosk_ctx *ctx)
{
    struct kiosk_person p;
    struct kiosk_registration reg;
    kiosk_status st;

    if (!build_person(s, ctx, &p)) {
        /* cannot happen after the first step's checks; go back there to show why */
        person_valid(s, ctx);
        s->screen = SIGNUP_PERSON;
        return;
    }
    memset(&reg, 0, sizeof reg);
    st = s->k.program->register_person(ctx, s->ev.id, &p, sizeof p, 0, &reg, sizeof reg);
    if (st == KIOSK_E_EXISTS) {
        s->outcome = SIGNUP_ALREADY;
    } else if (st == KIOSK_OK) {
        s->outcome = reg.status == KIOSK_REG_WAITLIST ? SIGNUP_WAITLIST : SIGNUP_NEW;
        s->waitlist_position = reg.waitlist_position;
    } else if (st == KIOSK_E_DENIED) { /* closed meanwhile (the coordinator, another kiosk) */
        signup_keep(s->failure, s->h->tr(ctx, "signup.closed"));
        s->screen = SIGNUP_FAILED;
        return;
    } else if (st == KIOSK_E_INVALID && !person_valid(s, ctx)) {
        s->screen = SIGNUP_PERSON; /* the fields say why */
        return;
    } else {
        fail(s, ctx, st, "register");
        return;
    }
    if (reg.person_id[0] == '\0')
        kit_fill(reg.person_id, sizeof reg.person_id, p.id, NULL, NULL);
    /* the answer is stored, with the version of the text the person read; attendance is
     * recorded under the programme's reporting duty, not asked (the notice says so) */
    st = s->k.people->consent_set(ctx, reg.person_id, KIOSK_CONSENT_CONTACT, s->consent_contact,
                                  SIGNUP_CONSENT_VERSION);
    if (st != KIOSK_OK) {
        fail(s, ctx, st, "consent");
        return;
    }
    memset(&s->receipt, 0, sizeof s->receipt);
    st = s->k.receipt->issue(ctx, KIOSK_RECEIPT_SIGNUP, s->ev.id, NULL, reg.person_id, &s->receipt,
                             sizeof s->receipt);
    if (st != KIOSK_OK && st != KIOSK_E_EXISTS) {
        fail(s, ctx, st, "receipt");
        return;
    }
    if (s->outcome == SIGNUP_ALREADY) {
        struct kiosk_person known; /* the name as registered, not as typed now */
        if (s->k.people->get(ctx, reg.person_id, &known, sizeof known) == KIOSK_OK)
            p = known;
    }
    kit_fill(s->person_name, sizeof s->person_name, p.full_name, NULL, NULL);
    s->screen = SIGNUP_RECEIPT;
}

void signup_consent_frame(struct signup *s, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = s->h;
    int nav;

    form_heading(s, ctx, "signup.step_consent");
    h->ui_text(ctx, h->tr(ctx, "signup.attendance_notice"));
    h->ui_text(ctx, h->tr(ctx, "signup.consent_intro"));
    h->ui_checkbox(ctx, h->tr(ctx, "signup.consent_contact"), &s->consent_contact);
    nav = nav_row(s, ctx, "signup.submit");
    if (nav < 0)
        s->screen = SIGNUP_ORG;
    else if (nav > 0)
        do_register(s, ctx);
}
