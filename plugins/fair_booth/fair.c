/* fair_booth: the plugin's life cycle, the start screen, scans, returning visitors and
 * the visit receipt. */
#include "fair.h"

#include <stdlib.h>
#include <string.h>

static const struct kiosk_host_api *g_host;

void fair_keep(char dst[FAIR_MSG_LEN], const char *msg)
{
    if (!msg) {
        dst[0] = '\0';
        return;
    }
    kit_fill(dst, FAIR_MSG_LEN, msg, NULL, NULL);
}

static void split_interests(struct fair *f)
{
    const char *p = f->ev.interests;

    f->interest_count = 0;
    while (*p && f->interest_count < FAIR_MAX_INTERESTS) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        char item[KIOSK_TEXT_LEN];

        if (n >= sizeof item)
            n = sizeof item - 1;
        memcpy(item, p, n);
        item[n] = '\0';
        kit_trim(item, f->interests[f->interest_count], KIOSK_TEXT_LEN);
        if (f->interests[f->interest_count][0])
            f->interest_count++;
        p = nl ? nl + 1 : p + strlen(p);
    }
}

static void use_event(struct fair *f, kiosk_ctx *ctx, const struct kiosk_event *ev)
{
    f->ev = *ev;
    f->have_event = 1;
    split_interests(f);
    f->have_session =
        f->k.program->session_current(ctx, ev->id, &f->sess, sizeof f->sess) == KIOSK_OK;
}

/* The fair this kiosk serves; else the one with a fair day today. */
static void load_event(struct fair *f, kiosk_ctx *ctx)
{
    struct kiosk_event ev;
    int served;

    f->have_event = 0;
    f->have_session = 0;
    if (kit_events_now(f->h, &f->k, ctx, KIOSK_EVENT_FAIR, &ev, 1, &served) == 1)
        use_event(f, ctx, &ev);
    if (!f->have_event) {
        fair_keep(f->closed, f->h->tr(ctx, "fair.no_fair"));
        f->screen = FAIR_CLOSED;
    }
}

void fair_to_start(struct fair *f)
{
    f->screen = f->have_event ? FAIR_START : FAIR_CLOSED;
    f->phone[0] = f->name[0] = f->org[0] = f->note[0] = '\0';
    f->err_phone[0] = f->err_name[0] = f->err_province[0] = f->failure[0] = '\0';
    f->org_kind = KIOSK_ORG_NONE;
    f->no_phone = 0;
    f->province = 0;
    memset(f->interest_on, 0, sizeof f->interest_on);
    f->consent_contact = f->consent_share = 0;
    memset(&f->who, 0, sizeof f->who);
    f->editing_known = 0;
    f->visit_recorded = 0;
    f->registered_now = 0;
}

static kiosk_status fair_create(kiosk_ctx *ctx, void **state, char *err, size_t err_cap)
{
    return KIT_STATE_NEW(struct fair, g_host, state, err, err_cap); /* screen 0 first */
}

static void fair_destroy(void *state)
{
    if (state)
        fair_staff_forget(state);
    free(state);
}

static void fair_enter(void *state, kiosk_ctx *ctx)
{
    struct fair *f = state;

    f->notice[0] = '\0';
    load_event(f, ctx);
    fair_to_start(f);
}

static void fair_leave(void *state, kiosk_ctx *ctx)
{
    struct fair *f = state;

    fair_to_start(f);
    f->notice[0] = '\0';
    f->have_event = 0; /* looked up again on the next visit: the day may have changed */
    f->screen = FAIR_START;
    fair_staff_forget(f);
}

static int staff_view_on(struct fair *f, kiosk_ctx *ctx)
{
    const char *v = f->h->setting(ctx, "staff_view");

    return v && (strcmp(v, "1") == 0 || strcmp(v, "yes") == 0 || strcmp(v, "true") == 0 ||
                 strcmp(v, "on") == 0);
}

static void start_frame(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;

    h->ui_heading(ctx, f->ev.title);
    h->ui_text(ctx, h->tr(ctx, "fair.welcome_text"));
    if (f->notice[0])
        h->ui_message(ctx, f->notice_kind, f->notice);
    h->ui_spacer(ctx, 8);
    if (h->ui_button(ctx, h->tr(ctx, "fair.register"), KIOSK_STYLE_PRIMARY)) {
        f->notice[0] = '\0';
        fair_form_start(f, ctx, FAIR_PHONE_NEW);
        return;
    }
    if (h->ui_button(ctx, h->tr(ctx, "fair.returning"), KIOSK_STYLE_NORMAL)) {
        f->notice[0] = '\0';
        fair_form_start(f, ctx, FAIR_PHONE_RETURNING);
        return;
    }
    h->ui_text(ctx, h->tr(ctx, "fair.scan_hint"));
    if (KIOSK_API_HAS(h, ui_scan_view))
        h->ui_scan_view(ctx); /* the camera's picture to aim the receipt by */
    if (staff_view_on(f, ctx) && h->ui_button(ctx, h->tr(ctx, "fair.staff"), KIOSK_STYLE_NORMAL)) {
        f->stats_at_ms = 0;
        f->screen = FAIR_STAFF;
    }
}

int fair_record_visit(struct fair *f, kiosk_ctx *ctx, const char *person_id)
{
    kiosk_status st;

    f->visit_recorded = 0;
    if (!f->have_session) {
        f->h->log(ctx, "fair_booth: no fair day today, visit not recorded");
        return 0;
    }
    memset(&f->visit, 0, sizeof f->visit);
    st = f->k.program->check_in(ctx, f->sess.id, person_id, KIOSK_CHECK_IN, NULL, &f->visit,
                                sizeof f->visit);
    if (st != KIOSK_OK && st != KIOSK_E_EXISTS) {
        f->h->log(ctx, "fair_booth: visit not recorded");
        fair_keep(f->failure, kit_storage_error(f->h, ctx, st));
        return 0;
    }
    f->visit_recorded = 1;
    return 1;
}

void fair_welcome(struct fair *f, kiosk_ctx *ctx, const struct kiosk_person *p)
{
    f->who = *p;
    f->who.extra_json = NULL;
    f->failure[0] = '\0';
    fair_record_visit(f, ctx, p->id);
    f->screen = FAIR_WELCOME;
}

void fair_show_receipt(struct fair *f, kiosk_ctx *ctx)
{
    kiosk_status st;

    memset(&f->receipt, 0, sizeof f->receipt);
    st = f->k.receipt->issue(ctx, KIOSK_RECEIPT_VISIT, f->ev.id, NULL, f->who.id, &f->receipt,
                             sizeof f->receipt);
    if (st != KIOSK_OK && st != KIOSK_E_EXISTS) {
        f->h->log(ctx, "fair_booth: receipt failed");
        fair_keep(f->failure, kit_storage_error(f->h, ctx, st));
        return;
    }
    f->screen = FAIR_RECEIPT;
}

static void welcome_frame(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;
    char line[FAIR_MSG_LEN], at[16];

    kit_fill(line, sizeof line, h->tr(ctx, "fair.welcome_back"), f->who.full_name, NULL);
    h->ui_heading(ctx, line);
    if (f->failure[0]) {
        h->ui_message(ctx, KIOSK_MSG_ERROR, f->failure);
    } else if (f->visit_recorded) {
        h->format_time(ctx, f->visit.at_ms, "%H:%M", at, sizeof at);
        kit_fill(line, sizeof line, h->tr(ctx, "fair.visit_recorded"), at, NULL);
        h->ui_message(ctx, KIOSK_MSG_OK, line);
    }
    h->ui_text(ctx, h->tr(ctx, "fair.welcome_back_text"));
    h->ui_spacer(ctx, 16);
    h->ui_row_begin(ctx, 2);
    if (h->ui_button(ctx, h->tr(ctx, "fair.show_receipt"), KIOSK_STYLE_NORMAL))
        fair_show_receipt(f, ctx);
    if (h->ui_button(ctx, h->tr(ctx, "kit.done"), KIOSK_STYLE_PRIMARY))
        fair_to_start(f);
    h->ui_row_end(ctx);
}

static void receipt_frame(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;

    if (f->registered_now)
        h->ui_message(ctx, KIOSK_MSG_OK, h->tr(ctx, "fair.thanks"));
    if (f->k.receipt->screen(ctx, &f->receipt, f->who.full_name))
        fair_to_start(f);
}

static void closed_frame(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;

    h->ui_heading(ctx, h->tr(ctx, "fair.tile"));
    h->ui_message(ctx, KIOSK_MSG_INFO, f->closed);
    if (h->ui_button(ctx, h->tr(ctx, "kit.done"), KIOSK_STYLE_NORMAL))
        h->go_home(ctx);
}

static void fair_staff_frame_shown(struct fair *f, kiosk_ctx *ctx)
{
    fair_staff_frame(f, ctx, 1);
}

static void fair_frame(void *state, kiosk_ctx *ctx)
{
    struct fair *f = state;

    if (!f->have_event && f->screen != FAIR_CLOSED) {
        load_event(f, ctx);
        if (f->have_event)
            fair_to_start(f);
    }
    /* each screen's frame; a screen not listed: start_frame */
    static void (*const frames[])(struct fair *, kiosk_ctx *) = {
        [FAIR_PHONE] = fair_phone_frame,       [FAIR_ABOUT] = fair_about_frame,
        [FAIR_PROVINCE] = fair_province_frame, [FAIR_INTERESTS] = fair_interests_frame,
        [FAIR_CONSENT] = fair_consent_frame,   [FAIR_FAST] = fair_fast_frame,
        [FAIR_WELCOME] = welcome_frame,        [FAIR_RECEIPT] = receipt_frame,
        [FAIR_STAFF] = fair_staff_frame_shown, [FAIR_CLOSED] = closed_frame,
    };
    size_t i = (size_t)f->screen;
    void (*draw)(struct fair *, kiosk_ctx *) =
        i < KIT_ARRAY_LEN(frames) && frames[i] ? frames[i] : start_frame;
    draw(f, ctx);
}

static void refuse(struct fair *f, const char *msg)
{
    fair_to_start(f);
    fair_keep(f->notice, msg);
    f->notice_kind = KIOSK_MSG_ERROR;
}

/* 1 when the coordinator set this kiosk to serve a fair (not merely "the one fair today"):
 * only there does a receipt of another kind (a class's) open the fast lane. */
static int serving_a_fair(struct fair *f, kiosk_ctx *ctx)
{
    const char *chosen = f->h->setting(ctx, "served_event");
    struct kiosk_event ev;

    return chosen && *chosen && f->k.program->event_get(ctx, chosen, &ev, sizeof ev) == KIOSK_OK &&
           ev.kind == KIOSK_EVENT_FAIR;
}

/* A fair's receipt is ours at any kiosk; a class's only at a kiosk set to serve a fair. */
static int fair_claims_receipt(void *state, kiosk_ctx *ctx, const struct kiosk_receipt *r,
                               const struct kiosk_event *ev)
{
    (void)r;
    if (ev->kind == KIOSK_EVENT_FAIR)
        return KIOSK_CLAIM_OWNER;
    return serving_a_fair(state, ctx) ? KIOSK_CLAIM_SERVED : KIOSK_CLAIM_NONE;
}

/* The receipt (verified by the host) names a person: registered at that fair, a returning
 * visitor; known from elsewhere (a class), the fast lane at the fair this kiosk serves. */
static void fair_on_receipt(void *state, kiosk_ctx *ctx, const struct kiosk_receipt *r,
                            const struct kiosk_event *ev)
{
    struct fair *f = state;
    struct kiosk_registration reg;
    struct kiosk_person p;

    if (ev->kind == KIOSK_EVENT_FAIR)
        use_event(f, ctx, ev); /* that fair, whatever the kiosk is set to */
    else
        load_event(f, ctx);
    if (!f->have_event)
        return; /* the closed screen says why */
    if (r->person_id[0] == '\0' || f->k.people->get(ctx, r->person_id, &p, sizeof p) != KIOSK_OK) {
        refuse(f, f->h->tr(ctx, "fair.scan_unknown"));
        return;
    }
    fair_to_start(f);
    f->notice[0] = '\0';
    if (f->k.program->registration_get(ctx, f->ev.id, p.id, &reg, sizeof reg) == KIOSK_OK)
        fair_welcome(f, ctx, &p);
    else
        fair_fast_lane(f, ctx, &p);
}

static void fair_admin_frame(void *state, kiosk_ctx *ctx)
{
    struct fair *f = state;

    if (!f->have_event)
        load_event(f, ctx);
    if (f->have_event)
        fair_staff_frame(f, ctx, 0);
}

static const struct kiosk_plugin fair_plugin = {
    KIOSK_PLUGIN_HEADER,           .id = "fair_booth",
    .title_key = "fair.tile",      .strings = fair_strings,
    .create = fair_create,         .destroy = fair_destroy,
    .frame = fair_frame,           .enter = fair_enter,
    .leave = fair_leave,           .claims_receipt = fair_claims_receipt,
    .on_receipt = fair_on_receipt, .admin_frame = fair_admin_frame,
};

KIOSK_PLUGIN_DEFINE(fair_plugin, g_host)
