/* class_attendance: after leaving (issue 17 item 1). A trainee who checked out by mistake
 * undoes it within minutes ("Tôi chưa về — hủy ra về"), on the outcome screen or when she
 * finds her name again; one who left and comes back is asked "Bạn quay lại?" and her
 * check-in is a return. The rules (window, return) are the host's (docs/IDENTITY.md). */
#include "attendance.h"

#include <string.h>

/* The host has the calls of program sub-table version 2 (ABI 2.2). */
static int have_presence(const struct attendance *a)
{
    return KIOSK_API_HAS(a->k.program, presence) && KIOSK_API_HAS(a->k.program, checkout_undo);
}

int att_left_already(struct attendance *a, kiosk_ctx *ctx)
{
    memset(&a->pres, 0, sizeof a->pres);
    a->undo_note[0] = '\0';
    if (!have_presence(a) ||
        a->k.program->presence(ctx, a->sess.id, a->who.id, &a->pres, sizeof a->pres) != KIOSK_OK)
        return 0;
    return a->pres.state == KIOSK_PRESENCE_LEFT;
}

int att_undo_open(struct attendance *a, kiosk_ctx *ctx)
{
    return have_presence(a) && a->pres.state == KIOSK_PRESENCE_LEFT &&
           a->pres.undo_until_ms > a->h->now_ms(ctx);
}

/* "Tôi chưa về — hủy ra về": 1 when it was tapped (and done, or refused with a note). */
int att_undo_button(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    if (!att_undo_open(a, ctx))
        return 0;
    h->ui_spacer(ctx, 24);
    h->ui_text(ctx, h->tr(ctx, "att.undo_hint"));
    if (!h->ui_button(ctx, h->tr(ctx, "att.undo"), KIOSK_STYLE_NORMAL))
        return 0;
    struct kiosk_presence after;
    kiosk_status st = a->k.program->checkout_undo(ctx, a->sess.id, a->who.id, &after, sizeof after);
    if (st == KIOSK_OK) {
        a->pres = after;
        a->kind = KIOSK_CHECK_IN;
        a->repeat = 1;
        a->undone = 1;
        a->ci.at_ms = after.first_in_ms;
        a->screen = ATT_DONE;
        return 1;
    }
    h->log(ctx, "class_attendance: check-out undo refused");
    att_keep(a->undo_note, st == KIOSK_E_DENIED || st == KIOSK_E_NOT_FOUND
                               ? h->tr(ctx, "att.undo_late")
                               : kit_storage_error(h, ctx, st));
    a->pres.undo_until_ms = 0;
    return 1;
}

/* She left earlier this session and found her name again. */
void att_return_frame(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    char msg[ATT_MSG_LEN], at[16];

    h->ui_heading(ctx, a->who.full_name);
    att_class_label(a, ctx, &a->ev, msg, sizeof msg);
    h->ui_text(ctx, msg);
    h->format_time(ctx, a->pres.last_out_ms, "%H:%M", at, sizeof at);
    kit_fill(msg, sizeof msg, h->tr(ctx, "att.left_before"), at, NULL);
    h->ui_message(ctx, KIOSK_MSG_INFO, msg);
    if (a->undo_note[0])
        h->ui_message(ctx, KIOSK_MSG_ERROR, a->undo_note);
    h->ui_heading(ctx, h->tr(ctx, "att.return_ask"));
    h->ui_row_begin(ctx, 2);
    if (h->ui_button(ctx, h->tr(ctx, "kit.back"), KIOSK_STYLE_NORMAL)) {
        h->ui_row_end(ctx);
        att_to_search(a, ctx);
        return;
    }
    if (h->ui_button(ctx, h->tr(ctx, "att.return_yes"), KIOSK_STYLE_PRIMARY)) {
        h->ui_row_end(ctx);
        att_check(a, ctx, KIOSK_CHECK_IN);
        return;
    }
    h->ui_row_end(ctx);
    att_undo_button(a, ctx);
}
