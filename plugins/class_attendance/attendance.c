/* class_attendance: the plugin's life cycle, which class and session, and the name search. */
#include "attendance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct kiosk_host_api *g_host;

void att_keep(char dst[ATT_MSG_LEN], const char *msg)
{
    if (!msg) {
        dst[0] = '\0';
        return;
    }
    kit_fill(dst, ATT_MSG_LEN, msg, NULL, NULL);
}

static void forget_hits(struct attendance *a)
{
    if (a->hits.items)
        a->h->free_mem(a->hits.items);
    memset(&a->hits, 0, sizeof a->hits);
}

static void close_with(struct attendance *a, kiosk_ctx *ctx, const char *key, const char *arg,
                       const char *arg2)
{
    char msg[ATT_MSG_LEN];

    kit_fill(msg, sizeof msg, a->h->tr(ctx, key), arg, arg2);
    att_keep(a->closed, msg);
    a->have_event = 0;
    a->screen = ATT_CLOSED;
}

/* "“Title” (place · code X)": a class is never named by its title alone. */
void att_class_label(struct attendance *a, kiosk_ctx *ctx, const struct kiosk_event *ev, char *out,
                     size_t cap)
{
    char where[KIOSK_TEXT_LEN + KIOSK_PART_LEN + 16];

    kit_fill(where, sizeof where, a->h->tr(ctx, "att.place_code"),
             ev->place[0] ? ev->place : ev->province, ev->code);
    kit_fill(out, cap, a->h->tr(ctx, "att.class_label"), ev->title, where);
}

/* No session today: when and where the next one is, or that the class is over. */
static void close_without_session(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    struct kiosk_session next;
    char label[ATT_MSG_LEN], at[64], when[ATT_MSG_LEN];

    att_class_label(a, ctx, &a->ev, label, sizeof label);
    if (a->k.program->session_next(ctx, a->ev.id, h->now_ms(ctx), &next, sizeof next) != KIOSK_OK) {
        close_with(a, ctx, "att.class_over", label, NULL);
        return;
    }
    h->format_time(ctx, next.starts_at_ms, h->tr(ctx, "att.next_time_format"), at, sizeof at);
    kit_fill(when, sizeof when, h->tr(ctx, "att.next_when"), at,
             a->ev.place[0] ? a->ev.place : a->ev.province);
    close_with(a, ctx, "att.next_session", label, when);
}

/* The session running now (or next today) of the chosen class; a new session forgets who
 * was seen in the last one. */
static int load_session(struct attendance *a, kiosk_ctx *ctx)
{
    struct kiosk_session sess;

    if (a->k.program->session_current(ctx, a->ev.id, &sess, sizeof sess) != KIOSK_OK) {
        close_without_session(a, ctx);
        return 0;
    }
    if (strcmp(sess.id, a->seen_session) != 0) {
        memcpy(a->seen_session, sess.id, sizeof a->seen_session);
        a->seen_count = 0;
    }
    a->sess = sess;
    a->have_event = 1;
    return 1;
}

int att_use_class(struct attendance *a, kiosk_ctx *ctx, const struct kiosk_event *ev)
{
    a->ev = *ev;
    return load_session(a, ctx);
}

static void use_event(struct attendance *a, kiosk_ctx *ctx, const struct kiosk_event *ev)
{
    if (att_use_class(a, ctx, ev))
        att_to_search(a, ctx);
}

void att_back_to_search(struct attendance *a)
{
    a->screen = a->all_mode ? ATT_SEARCH_ALL : ATT_SEARCH;
    a->focus_pending = 1;
}

/* The class this kiosk serves; else the classes running now: one goes straight to its
 * search, several to one search across them all (the list one tap away). */
static void load_event(struct attendance *a, kiosk_ctx *ctx)
{
    int served;
    size_t n =
        kit_events_now(a->h, &a->k, ctx, KIOSK_EVENT_CLASS, a->today, ATT_MAX_TODAY, &served);

    a->have_event = 0;
    a->today_count = 0;
    a->all_mode = 0;
    if (served) {
        use_event(a, ctx, &a->today[0]);
        return;
    }
    a->today_count = n;
    if (a->today_count == 1) {
        use_event(a, ctx, &a->today[0]);
        return;
    }
    if (a->today_count == 0) {
        close_with(a, ctx, "att.no_class", NULL, NULL);
        return;
    }
    att_all_start(a, ctx);
}

void att_to_search(struct attendance *a, kiosk_ctx *ctx)
{
    forget_hits(a);
    a->typed[0] = '\0';
    memset(&a->who, 0, sizeof a->who);
    a->sig.count = 0;
    a->sig_missing = 0;
    a->repeat = 0;
    a->asking_leave = 0;
    a->undone = 0;
    a->undo_note[0] = '\0';
    memset(&a->pres, 0, sizeof a->pres);
    a->focus_pending = 1; /* her name is typed first: no tap on the field */
    if (a->all_mode) {    /* the next trainee's turn: the classes running now, looked at again */
        a->have_event = 0;
        a->today_count = 0;
        a->screen = ATT_PICK_CLASS;
        return;
    }
    if (a->have_event && !load_session(a, ctx))
        return;
    a->screen = a->have_event ? ATT_SEARCH : ATT_CLOSED;
}

/* After an outcome, the next trainee's turn: a kiosk set to a class stays in it; else the
 * classes running now are looked at again (several: the search across them, whichever class
 * the last trainee picked or scanned). */
void att_next_trainee(struct attendance *a, kiosk_ctx *ctx)
{
    struct kiosk_event served;

    if (a->k.program->event_served(ctx, KIOSK_EVENT_CLASS, &served, sizeof served) != KIOSK_OK)
        a->all_mode = 1; /* att_to_search looks again */
    att_to_search(a, ctx);
}

static void reset(struct attendance *a)
{
    forget_hits(a);
    a->screen = ATT_PICK_CLASS;
    a->have_event = 0;
    a->today_count = 0; /* the next frame looks again: the day may have moved on */
    a->all_mode = 0;
    a->all_count = 0;
    a->typed[0] = '\0';
    a->notice[0] = '\0';
    memset(&a->who, 0, sizeof a->who);
    a->sig.count = 0;
    a->w_name[0] = a->w_phone[0] = a->w_year[0] = '\0';
    memset(&a->place, 0, sizeof a->place);
}

KIT_LIFECYCLE(att, struct attendance, g_host, forget_hits, reset, load_event)

static void pick_class_frame(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    size_t i;

    /* from the search across the classes: the way back to it, beside the question (six
     * classes fill a 1024x600 screen) */
    h->ui_row_begin(ctx, a->all_mode ? 2 : 1);
    h->ui_heading(ctx, h->tr(ctx, "att.pick_title"));
    if (a->all_mode && h->ui_button(ctx, h->tr(ctx, "kit.back"), KIOSK_STYLE_NORMAL)) {
        h->ui_row_end(ctx);
        att_back_to_search(a);
        return;
    }
    h->ui_row_end(ctx);
    h->ui_text(ctx, h->tr(ctx, "att.pick_hint"));
    for (i = 0; i < a->today_count; i++) {
        if (h->ui_list_item(ctx, a->today[i].title, a->today[i].place)) {
            a->all_mode = 0; /* her class said: its search, until home */
            use_event(a, ctx, &a->today[i]);
            return;
        }
    }
}

static void closed_frame(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;

    h->ui_heading(ctx, h->tr(ctx, "att.tile"));
    h->ui_message(ctx, KIOSK_MSG_INFO, a->closed);
    if (h->ui_button(ctx, h->tr(ctx, "kit.done"), KIOSK_STYLE_NORMAL))
        h->go_home(ctx);
}

static void search(struct attendance *a, kiosk_ctx *ctx)
{
    char folded[KIOSK_NAME_LEN];
    kiosk_status st;

    forget_hits(a);
    a->h->fold(a->typed, folded, sizeof folded);
    if (strlen(folded) < ATT_MIN_TYPED)
        return;
    st = a->k.people->search(ctx, a->typed, a->ev.id, ATT_MAX_HITS, &a->hits);
    if (st != KIOSK_OK) {
        forget_hits(a);
        a->h->log(ctx, "class_attendance: search failed");
    }
}

static void session_line(struct attendance *a, kiosk_ctx *ctx, char *out, size_t cap)
{
    const struct kiosk_host_api *h = a->h;
    char num[24], from[16], to[16], times[48];

    snprintf(num, sizeof num, "%d", a->sess.number);
    h->format_time(ctx, a->sess.starts_at_ms, "%H:%M", from, sizeof from);
    h->format_time(ctx, a->sess.ends_at_ms, "%H:%M", to, sizeof to);
    kit_fill(times, sizeof times, h->tr(ctx, "att.times"), from, to);
    kit_fill(out, cap, h->tr(ctx, "att.session"), num, times);
}

void att_hit_detail(struct attendance *a, kiosk_ctx *ctx, const struct kiosk_person *p, char *out,
                    size_t cap)
{
    char year[24];

    if (p->birth_year > 0)
        snprintf(year, sizeof year, "%d", p->birth_year);
    else
        kit_fill(year, sizeof year, a->h->tr(ctx, "att.year_unknown"), NULL, NULL);
    if (p->commune[0])
        kit_fill(out, cap, a->h->tr(ctx, "kit.join"), year, p->commune);
    else
        kit_fill(out, cap, year, NULL, NULL);
}

/* While she types, the on-screen keyboard covers the lower half: the class shrinks to one
 * line and the names come two a row right under the field, above the keyboard. */
/* The names found, two a row. Returns 1 when one was tapped (she confirms next). */
static int hits_list(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    size_t i;

    for (i = 0; i < a->hits.count; i++) {
        const struct kiosk_person_hit *hit = KIOSK_AT(a->hits, const struct kiosk_person_hit, i);
        char detail[KIOSK_TEXT_LEN];

        if (i % 2 == 0)
            h->ui_row_begin(ctx, 2);
        att_hit_detail(a, ctx, &hit->person, detail, sizeof detail);
        if (h->ui_list_item(ctx, hit->person.full_name, detail)) {
            struct kiosk_person p = hit->person;
            h->ui_row_end(ctx);
            att_person_chosen(a, ctx, &p, 1);
            return 1;
        }
        if (i % 2 == 1 || i + 1 == a->hits.count)
            h->ui_row_end(ctx);
    }
    return 0;
}

/* The ways on from the search: not on the list (a walk-in), or another class of today's
 * (the person may have picked the wrong one: that way back stays, found or not). */
static void ways_on(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    int other = a->today_count > 1 && !KIOSK_API_HAS(h, ui_header_button);

    h->ui_row_begin(ctx, other ? 2 : 1);
    if (h->ui_button(ctx, h->tr(ctx, "att.not_listed"), KIOSK_STYLE_NORMAL)) {
        att_walkin_start(a, ctx);
        h->ui_row_end(ctx);
        return;
    }
    if (other && h->ui_button(ctx, h->tr(ctx, "att.other_class"), KIOSK_STYLE_NORMAL))
        a->screen = ATT_PICK_CLASS;
    h->ui_row_end(ctx);
}

/* Another class of today's, in the header bar where the keyboard never covers it (ABI
 * 2.5). Returns 1 when tapped. */
static int other_class_in_header(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;

    if (a->today_count < 2 || !KIOSK_API_HAS(h, ui_header_button) ||
        !h->ui_header_button(ctx, h->tr(ctx, "att.other_class")))
        return 0;
    a->screen = ATT_PICK_CLASS;
    return 1;
}

/* Which class, above all else: in the header bar when this kiosk can put it there (ABI
 * 2.4), where the keyboard never moves it; else as the heading. Returns 1 in the header. */
static int class_title(struct attendance *a, kiosk_ctx *ctx, int typing)
{
    const struct kiosk_host_api *h = a->h;
    char line[KIOSK_TEXT_LEN], compact[KIOSK_TEXT_LEN * 2];
    int in_header = KIOSK_API_HAS(h, ui_header_title);

    session_line(a, ctx, line, sizeof line);
    if (in_header) {
        if (!typing) /* the step's heading: the session; the class is the header's */
            h->ui_heading(ctx, line);
    } else if (typing) {
        kit_fill(compact, sizeof compact, h->tr(ctx, "kit.join"), a->ev.title, line);
        h->ui_text(ctx, compact);
    } else {
        h->ui_heading(ctx, a->ev.title);
        h->ui_text(ctx, line);
    }
    return in_header;
}

/* The search's notice, then her name's field, with the keyboard up on entry when the class is
 * named in the header (in_header). Returns 1 when what she typed changed (the notice goes). */
int att_name_field(struct attendance *a, kiosk_ctx *ctx, int in_header)
{
    const struct kiosk_host_api *h = a->h;

    if (a->notice[0])
        h->ui_message(ctx, a->notice_kind, a->notice);
    if (a->focus_pending && in_header && KIOSK_API_HAS(h, ui_focus_next_field))
        h->ui_focus_next_field(ctx);
    a->focus_pending = 0;
    if (!h->ui_field(ctx, h->tr(ctx, "att.type_name"), a->typed, sizeof a->typed, KIOSK_FIELD_NAME,
                     NULL))
        return 0;
    a->notice[0] = '\0';
    return 1;
}

/* The search opens with the keyboard up (her name is typed first: no tap on the field);
 * the class stays named in the header above it. */
static void search_frame(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    char folded[KIOSK_NAME_LEN];
    int typing = a->typed[0] != '\0';
    int in_header = class_title(a, ctx, typing);

    if (other_class_in_header(a, ctx))
        return;
    if (att_name_field(a, ctx, in_header))
        search(a, ctx);
    if (hits_list(a, ctx))
        return;
    h->fold(a->typed, folded, sizeof folded);
    if (a->hits.count == 0 && strlen(folded) >= ATT_MIN_TYPED) {
        /* not found: the ways on right under the message, not under the keyboard */
        h->ui_message(ctx, KIOSK_MSG_INFO, h->tr(ctx, "att.no_match"));
        ways_on(a, ctx);
        return;
    }
    if (!typing)
        h->ui_text(ctx, h->tr(ctx, "att.scan_hint"));
    if (!typing && KIOSK_API_HAS(h, ui_scan_view))
        h->ui_scan_view(ctx); /* the camera's picture to aim the receipt by */
    ways_on(a, ctx);
}

static void att_frame(void *state, kiosk_ctx *ctx)
{
    struct attendance *a = state;

    if (a->screen == ATT_PICK_CLASS && a->today_count == 0)
        load_event(a, ctx);
    /* each screen's frame; a screen not listed: closed_frame */
    static void (*const frames[])(struct attendance *, kiosk_ctx *) = {
        [ATT_PICK_CLASS] = pick_class_frame,
        [ATT_SEARCH] = search_frame,
        [ATT_CONFIRM] = att_confirm_frame,
        [ATT_SIGN] = att_sign_frame,
        [ATT_DONE] = att_done_frame,
        [ATT_RECEIPT] = att_receipt_frame,
        [ATT_WALKIN] = att_walkin_frame,
        [ATT_WALKIN_PLACE] = att_walkin_place_frame,
        [ATT_WALKIN_CONSENT] = att_walkin_consent_frame,
        [ATT_RETURN] = att_return_frame,
        [ATT_SEARCH_ALL] = att_all_frame,
    };
    size_t i = (size_t)a->screen;
    /* the class she checks into, named above every step until the outcome names it */
    static const unsigned char named[] = {
        [ATT_SEARCH] = 1, [ATT_CONFIRM] = 1,      [ATT_SIGN] = 1,
        [ATT_WALKIN] = 1, [ATT_WALKIN_PLACE] = 1, [ATT_WALKIN_CONSENT] = 1,
    };
    if (a->have_event && i < sizeof named && named[i] && KIOSK_API_HAS(a->h, ui_header_title))
        a->h->ui_header_title(ctx, a->ev.title);
    void (*draw)(struct attendance *, kiosk_ctx *) =
        i < KIT_ARRAY_LEN(frames) && frames[i] ? frames[i] : closed_frame;
    draw(a, ctx);
}

/* Sign-up and attendance receipts of a class are ours, at any kiosk. */
static int att_claims_receipt(void *state, kiosk_ctx *ctx, const struct kiosk_receipt *r,
                              const struct kiosk_event *ev)
{
    (void)state;
    (void)ctx;
    if (ev->kind != KIOSK_EVENT_CLASS)
        return KIOSK_CLAIM_NONE;
    return r->kind == KIOSK_RECEIPT_SIGNUP || r->kind == KIOSK_RECEIPT_ATTENDANCE
               ? KIOSK_CLAIM_OWNER
               : KIOSK_CLAIM_NONE;
}

/* Her receipt's class, whatever the kiosk was set to or showed: present in one scan when
 * it has a session today; else when and where the next one is. */
static void att_on_receipt(void *state, kiosk_ctx *ctx, const struct kiosk_receipt *r,
                           const struct kiosk_event *ev)
{
    struct attendance *a = state;

    reset(a);
    a->ev = *ev;
    if (!load_session(a, ctx))
        return;
    att_to_search(a, ctx);
    att_receipt(a, ctx, r);
}

static const struct kiosk_plugin att_plugin = {
    KIOSK_PLUGIN_HEADER,          .id = "class_attendance",
    .title_key = "att.tile",      .strings = attendance_strings,
    .create = att_create,         .destroy = att_destroy,
    .frame = att_frame,           .enter = att_enter,
    .leave = att_leave,           .claims_receipt = att_claims_receipt,
    .on_receipt = att_on_receipt,
};

KIOSK_PLUGIN_DEFINE(att_plugin, g_host)
