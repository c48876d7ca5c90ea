/* class_attendance: several classes have a session now (no class set for the kiosk). She
 * types her name once and the names registered in each of those classes come up, each with
 * its class: her hit is her class said, so she checks in with 3 touches as at a kiosk of one
 * class (issue 17 item 5). The list of classes stays one tap away (walk-ins, a name not
 * found: item 2). */
#include "attendance.h"

#include <stdio.h>
#include <string.h>

void att_all_start(struct attendance *a, kiosk_ctx *ctx)
{
    size_t i;

    a->all_mode = 1;
    a->have_event = 0;
    a->all_count = 0;
    a->typed[0] = '\0';
    a->notice[0] = '\0';
    a->focus_pending = 1; /* her name is typed first: no tap on the field */
    for (i = 0; i < a->today_count; i++) {
        struct kiosk_session s;
        int now = a->k.program->session_current(ctx, a->today[i].id, &s, sizeof s) == KIOSK_OK;
        a->today_from[i] = now ? s.starts_at_ms : 0;
    }
    a->screen = ATT_SEARCH_ALL;
}

/* Keeps the best ATT_MAX_HITS: a higher score first; on a tie the earlier class of the
 * program, then the order its own search gave. */
static void merge_hit(struct attendance *a, const struct kiosk_person_hit *hit, size_t cls)
{
    size_t at = a->all_count, moved;

    while (at > 0 && a->all_hits[at - 1].score < hit->score)
        at--;
    if (at >= ATT_MAX_HITS)
        return;
    moved = (a->all_count < ATT_MAX_HITS ? a->all_count : ATT_MAX_HITS - 1) - at;
    memmove(&a->all_hits[at + 1], &a->all_hits[at], moved * sizeof a->all_hits[0]);
    a->all_hits[at].score = hit->score;
    a->all_hits[at].cls = cls;
    a->all_hits[at].person = hit->person;
    a->all_hits[at].person.extra_json = NULL; /* host memory, freed below */
    if (a->all_count < ATT_MAX_HITS)
        a->all_count++;
}

/* Each class's own search (registered people only), merged: one who is registered in two
 * of them comes up once for each. */
static void search_all(struct attendance *a, kiosk_ctx *ctx)
{
    char folded[KIOSK_NAME_LEN];
    size_t i, j;

    a->all_count = 0;
    a->h->fold(a->typed, folded, sizeof folded);
    if (strlen(folded) < ATT_MIN_TYPED)
        return;
    for (i = 0; i < a->today_count; i++) {
        struct kiosk_array got;
        kiosk_status st;

        memset(&got, 0, sizeof got);
        st = a->k.people->search(ctx, a->typed, a->today[i].id, ATT_MAX_HITS, &got);
        if (st != KIOSK_OK)
            a->h->log(ctx, "class_attendance: search failed");
        for (j = 0; st == KIOSK_OK && j < got.count; j++)
            merge_hit(a, KIOSK_AT(got, const struct kiosk_person_hit, j), i);
        if (got.items)
            a->h->free_mem(got.items);
    }
}

/* "Lớp May và đan dây nhựa (xã Mỹ Khánh · 07:30)": the place's first part and the session's
 * start tell same-titled classes apart. */
static void class_line(struct attendance *a, kiosk_ctx *ctx, size_t cls, char *out, size_t cap)
{
    const struct kiosk_host_api *h = a->h;
    const struct kiosk_event *ev = &a->today[cls];
    char place[KIOSK_TEXT_LEN], at[16], where[KIOSK_TEXT_LEN + 24];
    char *comma;

    kit_fill(place, sizeof place, ev->place[0] ? ev->place : ev->province, NULL, NULL);
    comma = strchr(place, ',');
    if (comma)
        *comma = '\0';
    h->format_time(ctx, a->today_from[cls], "%H:%M", at, sizeof at);
    kit_fill(where, sizeof where, h->tr(ctx, "kit.join"), place, at);
    kit_fill(out, cap, h->tr(ctx, "att.all_class"), ev->title, where);
}

/* Her hit: her class is said, and its "is this you?" step comes (its title in the header). */
static void choose(struct attendance *a, kiosk_ctx *ctx, size_t i)
{
    struct kiosk_person p = a->all_hits[i].person;

    if (att_use_class(a, ctx, &a->today[a->all_hits[i].cls]))
        att_person_chosen(a, ctx, &p, 1);
}

/* The names found, two a row above the keyboard: her name, year and commune, then her
 * class. Returns 1 when one was tapped. */
static int all_hits_list(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    size_t i;

    for (i = 0; i < a->all_count; i++) {
        char who[KIOSK_TEXT_LEN], title[KIOSK_TEXT_LEN * 2], cls[KIOSK_TEXT_LEN * 2];

        att_hit_detail(a, ctx, &a->all_hits[i].person, who, sizeof who);
        kit_fill(title, sizeof title, h->tr(ctx, "kit.join"), a->all_hits[i].person.full_name, who);
        class_line(a, ctx, a->all_hits[i].cls, cls, sizeof cls);
        if (i % 2 == 0)
            h->ui_row_begin(ctx, 2);
        if (h->ui_list_item(ctx, title, cls)) {
            h->ui_row_end(ctx);
            choose(a, ctx, i);
            return 1;
        }
        if (i % 2 == 1 || i + 1 == a->all_count)
            h->ui_row_end(ctx);
    }
    return 0;
}

void att_all_frame(struct attendance *a, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = a->h;
    char folded[KIOSK_NAME_LEN];
    int typing = a->typed[0] != '\0';
    int in_header = KIOSK_API_HAS(h, ui_header_title);

    if (in_header)
        h->ui_header_title(ctx, h->tr(ctx, "att.all_title"));
    else if (!typing)
        h->ui_heading(ctx, h->tr(ctx, "att.all_title"));
    if (in_header && !typing) /* the step's heading; a frame while typing is the same step */
        h->ui_heading(ctx, h->tr(ctx, "att.all_heading"));
    if (KIOSK_API_HAS(h, ui_header_button) && /* beside the title, never under the keys */
        h->ui_header_button(ctx, h->tr(ctx, "att.choose_class"))) {
        a->screen = ATT_PICK_CLASS;
        return;
    }
    if (att_name_field(a, ctx, in_header))
        search_all(a, ctx);
    if (all_hits_list(a, ctx))
        return;
    h->fold(a->typed, folded, sizeof folded);
    if (a->all_count == 0 && strlen(folded) >= ATT_MIN_TYPED)
        h->ui_message(ctx, KIOSK_MSG_INFO, h->tr(ctx, "att.all_no_match"));
    else if (!typing)
        h->ui_text(ctx, h->tr(ctx, "att.scan_hint"));
    /* walk-ins and a name not found: her class from the list */
    if (!KIOSK_API_HAS(h, ui_header_button) &&
        h->ui_button(ctx, h->tr(ctx, "att.choose_class"), KIOSK_STYLE_NORMAL)) {
        a->screen = ATT_PICK_CLASS;
        return;
    }
    if (!typing && KIOSK_API_HAS(h, ui_scan_view))
        h->ui_scan_view(ctx); /* the camera's picture to aim the receipt by */
}
