/* class_attendance: from a known person to the stored check-in (confirm, signature,
 * check-in or check-out) and the attendance receipt. */
#include "attendance.h"

#include <stdio.h>
#include <string.h>

#define ATT_SIG_MIN_POINTS 8 /* fewer is a stray touch, not a signature */

static int seen_before(const struct attendance *a, const char *person_id)
{
    size_t i;

    for (i = 0; i < a->seen_count; i++)
        if (strcmp(a->seen[i], person_id) == 0)
            return 1;
    return 0;
}

static void remember(struct attendance *a, const char *person_id)
{
    if (seen_before(a, person_id) || a->seen_count >= ATT_SEEN_MAX)
        return;
    memcpy(a->seen[a->seen_count++], person_id, KIOSK_ID_LEN);
}

void att_check(struct attendance *a, kiosk_ctx *ctx, int kind)
{
    const struct kiosk_host_api *h = a->h;
    const struct kiosk_signature *sig = NULL;
    kiosk_status st;

    if (kind == KIOSK_CHECK_IN && a->ev.signature_required && a->sig.count > 0)
        sig = &a->sig;
    memset(&a->ci, 0, sizeof a->ci);
    st = a->k.program->check_in(ctx, a->sess.id, a->who.id, kind, sig, &a->ci, sizeof a->ci);
    if (st != KIOSK_OK && st != KIOSK_E_EXISTS) {
        h->log(ctx, "class_attendance: check-in failed");
        att_keep(a->failure, kit_storage_error(h, ctx, st));
        a->kind = kind;
        a->repeat = 0;
        a->ci.at_ms = 0;
        a->screen = ATT_DONE;
        return;
    }
    a->failure[0] = '\0';
    a->kind = kind;
    a->repeat = st == KIOSK_E_EXISTS;
    a->undone = 0;
    if (kind == KIOSK_CHECK_IN)
        remember(a, a->who.id);
    if (kind == KIOSK_CHECK_OUT)
        att_left_already(a, ctx); /* until when she may undo it */
    a->screen = ATT_DONE;
}

/* She left earlier: "Bạn quay lại?" first. Signature first when the class asks for one,
 * unless this kiosk already checked her in (then check_in says when, and a signature would
 * be thrown away). */
static void go_check_in(struct attendance *a, kiosk_ctx *ctx)
{
    if (att_left_already(a, ctx)) {
        a->screen = ATT_RETURN;
        return;
    }
    if (a->ev.signature_required && !seen_before(a, a->who.id)) {
        a->sig.count = 0;
        a->sig_missing = 0;
        a->screen = ATT_SIGN;
        return;
    }
    att_check(a, ctx, KIOSK_CHECK_IN);
}

void att_person_chosen(struct attendance *a, kiosk_ctx *ctx, const struct kiosk_person *p,
                       int confirm)
{
    a->who = *p;
    a->who.extra_json = NULL;
    a->notice[0] = '\0';
    if (confirm) {
        a->screen = ATT_CONFIRM;
        return;
    }
    go_check_in(a, ctx);
}

void att_confirm_frame(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    char year[24], detail[KIOSK_TEXT_LEN];

    h->ui_text(ctx, h->tr(ctx, "att.is_this_you"));
    h->ui_heading(ctx, a->who.full_name);
    if (a->who.birth_year > 0) {
        snprintf(year, sizeof year, "%d", a->who.birth_year);
        kit_fill(detail, sizeof detail, h->tr(ctx, "att.born"), year, NULL);
        h->ui_text(ctx, detail);
    }
    if (a->who.commune[0])
        h->ui_text(ctx, a->who.commune);
    if (a->all_mode) { /* her hit said her class: which one, same-titled ones told apart */
        char label[ATT_MSG_LEN];
        att_class_label(a, ctx, &a->ev, label, sizeof label);
        h->ui_text(ctx, label);
    }
    h->ui_spacer(ctx, 16);
    h->ui_row_begin(ctx, 2);
    if (h->ui_button(ctx, h->tr(ctx, "kit.back"), KIOSK_STYLE_NORMAL))
        att_back_to_search(a); /* her typing and the names found, the keyboard up to fix it */
    if (h->ui_button(ctx, h->tr(ctx, "att.its_me"), KIOSK_STYLE_PRIMARY))
        go_check_in(a, ctx);
    h->ui_row_end(ctx);
}

void att_sign_frame(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;

    h->ui_heading(ctx, a->who.full_name);
    h->ui_text(ctx, h->tr(ctx, "att.sign_hint"));
    if (a->sig_missing)
        h->ui_message(ctx, KIOSK_MSG_ERROR, h->tr(ctx, "att.sign_missing"));
    /* the pad brings its own "Ký lại" (clear) button */
    if (h->ui_signature(ctx, &a->sig))
        a->sig_missing = 0;
    h->ui_row_begin(ctx, 2);
    if (h->ui_button(ctx, h->tr(ctx, "kit.back"), KIOSK_STYLE_NORMAL))
        att_back_to_search(a);
    if (h->ui_button(ctx, h->tr(ctx, "att.sign_ok"), KIOSK_STYLE_PRIMARY)) {
        if (a->sig.count < ATT_SIG_MIN_POINTS)
            a->sig_missing = 1;
        else
            att_check(a, ctx, KIOSK_CHECK_IN);
    }
    h->ui_row_end(ctx);
}

/* The words and the kind of message for what just happened. */
static void done_message(struct attendance *a, kiosk_ctx *ctx, char *out, size_t cap, int *kind)
{
    const struct kiosk_host_api *h = a->h;
    char at[16];
    const char *key;

    h->format_time(ctx, a->ci.at_ms, "%H:%M", at, sizeof at);
    *kind = KIOSK_MSG_OK;
    if (a->undone) {
        key = "att.undone";
    } else if (a->ci.kind == KIOSK_CHECK_RETURN && !a->repeat) {
        key = "att.returned";
    } else if (a->kind == KIOSK_CHECK_OUT) {
        key = a->repeat ? "att.left_before" : "att.left";
        *kind = a->repeat ? KIOSK_MSG_INFO : KIOSK_MSG_OK;
    } else if (a->repeat) {
        key = "att.already";
        *kind = KIOSK_MSG_INFO;
    } else if (a->ci.late) {
        key = "att.late";
        *kind = KIOSK_MSG_INFO;
    } else {
        key = "att.present";
    }
    kit_fill(out, cap, h->tr(ctx, key), at, NULL);
}

/* Leaving is deliberate (issue 17): a label that says what it does, apart from the row of
 * "Xong", and a question before the check-out is stored. Returns 1 when the frame is over. */
static int leave_part(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;

    if (!a->asking_leave) {
        h->ui_spacer(ctx, 48);
        if (h->ui_button(ctx, h->tr(ctx, "att.check_out"), KIOSK_STYLE_NORMAL))
            a->asking_leave = 1;
        return 0;
    }
    h->ui_message(ctx, KIOSK_MSG_INFO, h->tr(ctx, "att.leave_ask"));
    h->ui_row_begin(ctx, 2);
    if (h->ui_button(ctx, h->tr(ctx, "att.leave_no"), KIOSK_STYLE_PRIMARY))
        a->asking_leave = 0;
    if (h->ui_button(ctx, h->tr(ctx, "att.leave_yes"), KIOSK_STYLE_NORMAL)) {
        h->ui_row_end(ctx);
        a->asking_leave = 0;
        att_check(a, ctx, KIOSK_CHECK_OUT);
        return 1;
    }
    h->ui_row_end(ctx);
    return 1;
}

void att_done_frame(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    char msg[ATT_MSG_LEN];
    int kind;

    h->ui_heading(ctx, a->who.full_name);
    att_class_label(a, ctx, &a->ev, msg, sizeof msg); /* which class: a scan may have moved her */
    h->ui_text(ctx, msg);
    if (a->failure[0]) {
        h->ui_message(ctx, KIOSK_MSG_ERROR, a->failure);
        if (h->ui_button(ctx, h->tr(ctx, "kit.back"), KIOSK_STYLE_NORMAL))
            att_to_search(a, ctx);
        return;
    }
    done_message(a, ctx, msg, sizeof msg, &kind);
    h->ui_message(ctx, kind, msg);
    if (a->undo_note[0])
        h->ui_message(ctx, KIOSK_MSG_ERROR, a->undo_note);
    if (a->kind == KIOSK_CHECK_IN && !a->repeat && a->ci.walkin)
        h->ui_text(ctx, h->tr(ctx, "att.walkin_noted"));
    h->ui_spacer(ctx, 16);
    if (a->kind == KIOSK_CHECK_IN && a->repeat && a->asking_leave) {
        leave_part(a, ctx);
        return;
    }
    h->ui_row_begin(ctx, 2);
    if (h->ui_button(ctx, h->tr(ctx, "att.get_receipt"), KIOSK_STYLE_NORMAL)) {
        kiosk_status st;
        memset(&a->receipt, 0, sizeof a->receipt);
        st = a->k.receipt->issue(ctx, KIOSK_RECEIPT_ATTENDANCE, a->ev.id, a->sess.id, a->who.id,
                                 &a->receipt, sizeof a->receipt);
        if (st == KIOSK_OK || st == KIOSK_E_EXISTS) {
            a->screen = ATT_RECEIPT;
        } else {
            h->log(ctx, "class_attendance: receipt failed");
            att_keep(a->failure, kit_storage_error(h, ctx, st));
        }
    }
    if (h->ui_button(ctx, h->tr(ctx, "kit.done"), KIOSK_STYLE_PRIMARY)) {
        h->ui_row_end(ctx);
        att_next_trainee(a, ctx);
        return;
    }
    h->ui_row_end(ctx);
    if (a->kind == KIOSK_CHECK_IN && a->repeat)
        leave_part(a, ctx);
    else if (a->kind == KIOSK_CHECK_OUT)
        att_undo_button(a, ctx);
}

void att_receipt_frame(struct attendance *a, kiosk_ctx *ctx)
{
    if (a->k.receipt->screen(ctx, &a->receipt, a->who.full_name))
        att_next_trainee(a, ctx);
}

static void refuse(struct attendance *a, kiosk_ctx *ctx, const char *msg)
{
    att_to_search(a, ctx);
    att_keep(a->notice, msg);
    a->notice_kind = KIOSK_MSG_ERROR;
}

void att_receipt(struct attendance *a, kiosk_ctx *ctx, const struct kiosk_receipt *r)
{
    const struct kiosk_host_api *h = a->h;
    struct kiosk_registration reg;
    struct kiosk_person p;

    /* the host verified it; its person_id comes from this kiosk's records, never the text */
    if (r->person_id[0] == '\0' || a->k.people->get(ctx, r->person_id, &p, sizeof p) != KIOSK_OK ||
        a->k.program->registration_get(ctx, a->ev.id, p.id, &reg, sizeof reg) != KIOSK_OK) {
        refuse(a, ctx, h->tr(ctx, "att.scan_unknown"));
        return;
    }
    /* the signed receipt names her: no "is this you?" step */
    att_person_chosen(a, ctx, &p, 0);
}
