/* class_signup: the plugin's life cycle, the list of classes and the receipt screen. */
#include "signup.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIGNUP_PAGE_SIZE 5 /* classes a page: fits 1024x600 with the heading and paging */

static const struct kiosk_host_api *g_host;

void signup_keep(char dst[SIGNUP_ERR_LEN], const char *msg)
{
    if (!msg) {
        dst[0] = '\0';
        return;
    }
    kit_fill(dst, SIGNUP_ERR_LEN, msg, NULL, NULL);
}

static void forget_classes(struct signup *s)
{
    free(s->classes);
    s->classes = NULL;
    s->class_count = 0;
}

/* The classes open for sign-up, in the program's order (by start). */
static void load_classes(struct signup *s, kiosk_ctx *ctx)
{
    struct kiosk_array all;
    size_t i, n = 0;
    int64_t now = s->h->now_ms(ctx);

    forget_classes(s);
    s->page = 0;
    if (s->k.program->events_list(ctx, KIOSK_EVENT_CLASS, &all) != KIOSK_OK)
        return;
    s->classes = all.count ? calloc(all.count, sizeof *s->classes) : NULL;
    /* a class that is over takes no one, whatever its flag says */
    for (i = 0; s->classes && i < all.count; i++) {
        const struct kiosk_event *ev = KIOSK_AT(all, const struct kiosk_event, i);
        if (ev->signup_open && ev->ends_at_ms > now)
            s->classes[n++] = *ev;
    }
    s->h->free_mem(all.items);
    s->class_count = n;
}

static void reset(struct signup *s)
{
    const struct kiosk_host_api *h = s->h;
    struct kit_api k = s->k;

    forget_classes(s);
    memset(s, 0, sizeof *s);
    s->h = h;
    s->k = k;
    s->screen = SIGNUP_LIST;
}

KIT_LIFECYCLE(signup, struct signup, g_host, forget_classes, reset, load_classes)

static void format_dates(struct signup *s, kiosk_ctx *ctx, const struct kiosk_event *ev, char *out,
                         size_t cap)
{
    const struct kiosk_host_api *h = s->h;
    char a[32], b[32];

    h->format_time(ctx, ev->starts_at_ms, "%d/%m/%Y", a, sizeof a);
    h->format_time(ctx, ev->ends_at_ms, "%d/%m/%Y", b, sizeof b);
    if (strcmp(a, b) == 0 || ev->ends_at_ms <= ev->starts_at_ms) {
        kit_fill(out, cap, a, NULL, NULL);
        return;
    }
    h->format_time(ctx, ev->starts_at_ms, "%d/%m", a, sizeof a);
    kit_fill(out, cap, h->tr(ctx, "signup.dates"), a, b);
}

static void format_seats(struct signup *s, kiosk_ctx *ctx, const struct kiosk_event *ev, char *out,
                         size_t cap)
{
    const struct kiosk_host_api *h = s->h;
    char n[24];
    int left = ev->capacity - ev->registered;

    if (ev->capacity <= 0) {
        out[0] = '\0';
        return;
    }
    if (left <= 0) {
        kit_fill(out, cap, h->tr(ctx, "signup.seats_full"), NULL, NULL);
        return;
    }
    snprintf(n, sizeof n, "%d", left);
    kit_fill(out, cap, h->tr(ctx, "signup.seats_left"), n, NULL);
}

static void list_frame(struct signup *s, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = s->h;
    size_t pages = (s->class_count + SIGNUP_PAGE_SIZE - 1) / SIGNUP_PAGE_SIZE;
    size_t i, first = s->page * SIGNUP_PAGE_SIZE;

    /* the header bar names the plugin already: the heading says what to do */
    if (s->class_count == 0) {
        h->ui_message(ctx, KIOSK_MSG_INFO, h->tr(ctx, "signup.none_open"));
        return;
    }
    h->ui_heading(ctx, h->tr(ctx, "signup.list_hint"));
    for (i = first; i < s->class_count && i < first + SIGNUP_PAGE_SIZE; i++) {
        const struct kiosk_event *ev = &s->classes[i];
        char dates[64], seats[128], detail[KIOSK_TEXT_LEN + 256];

        format_dates(s, ctx, ev, dates, sizeof dates);
        format_seats(s, ctx, ev, seats, sizeof seats);
        kit_fill(detail, sizeof detail, h->tr(ctx, "kit.join"), ev->place, dates);
        if (seats[0]) {
            char with_seats[sizeof detail + 128];
            kit_fill(with_seats, sizeof with_seats, h->tr(ctx, "kit.join"), detail, seats);
            kit_fill(detail, sizeof detail, with_seats, NULL, NULL);
        }
        if (h->ui_list_item(ctx, ev->title, detail)) {
            signup_form_start(s, ctx, ev);
            return;
        }
    }
    if (pages > 1) {
        char a[24], b[24], label[64];

        snprintf(a, sizeof a, "%zu", s->page + 1);
        snprintf(b, sizeof b, "%zu", pages);
        kit_fill(label, sizeof label, h->tr(ctx, "kit.page_of"), a, b);
        h->ui_row_begin(ctx, 3);
        /* no page before the first or after the last: a label, not a button */
        if (s->page == 0)
            h->ui_text(ctx, h->tr(ctx, "kit.page_prev"));
        else if (h->ui_button(ctx, h->tr(ctx, "kit.page_prev"), KIOSK_STYLE_NORMAL))
            s->page--;
        h->ui_text(ctx, label);
        if (s->page + 1 >= pages)
            h->ui_text(ctx, h->tr(ctx, "kit.page_next"));
        else if (h->ui_button(ctx, h->tr(ctx, "kit.page_next"), KIOSK_STYLE_NORMAL))
            s->page++;
        h->ui_row_end(ctx);
    }
}

static void receipt_frame(struct signup *s, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = s->h;
    char msg[SIGNUP_ERR_LEN];
    char pos[24];

    switch (s->outcome) {
    case SIGNUP_WAITLIST:
        snprintf(pos, sizeof pos, "%d", s->waitlist_position);
        kit_fill(msg, sizeof msg,
                 h->tr(ctx, s->waitlist_position > 0 ? "signup.waitlist_pos" : "signup.waitlist"),
                 pos, NULL);
        h->ui_message(ctx, KIOSK_MSG_INFO, msg);
        break;
    case SIGNUP_ALREADY:
        h->ui_message(ctx, KIOSK_MSG_INFO, h->tr(ctx, "signup.already"));
        break;
    default:
        break; /* the receipt's own title says it all, and it needs the whole screen */
    }
    if (s->k.receipt->screen(ctx, &s->receipt, s->person_name))
        h->go_home(ctx);
}

static void failed_frame(struct signup *s, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = s->h;

    h->ui_heading(ctx, s->ev.title);
    h->ui_message(ctx, KIOSK_MSG_ERROR, s->failure);
    h->ui_row_begin(ctx, 2);
    if (h->ui_button(ctx, h->tr(ctx, "kit.back"), KIOSK_STYLE_NORMAL))
        s->screen = SIGNUP_CONSENT;
    if (h->ui_button(ctx, h->tr(ctx, "kit.done"), KIOSK_STYLE_NORMAL))
        h->go_home(ctx);
    h->ui_row_end(ctx);
}

static void signup_frame(void *state, kiosk_ctx *ctx)
{
    struct signup *s = state;

    if (s->screen == SIGNUP_LIST && !s->classes)
        load_classes(s, ctx);
    /* each screen's frame; a screen not listed: list_frame */
    static void (*const frames[])(struct signup *, kiosk_ctx *) = {
        [SIGNUP_PERSON] = signup_person_frame, [SIGNUP_PLACE] = signup_place_frame,
        [SIGNUP_ORG] = signup_org_frame,       [SIGNUP_CONSENT] = signup_consent_frame,
        [SIGNUP_RECEIPT] = receipt_frame,      [SIGNUP_FAILED] = failed_frame,
    };
    size_t i = (size_t)s->screen;
    void (*draw)(struct signup *, kiosk_ctx *) =
        i < KIT_ARRAY_LEN(frames) && frames[i] ? frames[i] : list_frame;
    draw(s, ctx);
}

static const struct kiosk_plugin signup_plugin = {
    KIOSK_PLUGIN_HEADER,       .id = "class_signup",    .title_key = "signup.tile",
    .strings = signup_strings, .create = signup_create, .destroy = signup_destroy,
    .frame = signup_frame,     .enter = signup_enter,   .leave = signup_leave,
};

KIOSK_PLUGIN_DEFINE(signup_plugin, g_host)
