/* fair_booth: the staff view: today's visitors, new and returning, charts by interest and
 * by hour, the latest registrations with their notes. Read-only. The counts are the host's,
 * counted on its thread (ABI 2.4) and fresh within 30 s; the latest registrations are read
 * every 30 s, not every frame, so the view stays light with thousands of visitors stored. */
#include "fair.h"

#include <stdio.h>
#include <string.h>

#define FAIR_DAY_FIRST_HOUR 7 /* booths open about 7:00 and close about 18:00 */
#define FAIR_DAY_LAST_HOUR 18

void fair_staff_forget(struct fair *f)
{
    if (f->latest.items)
        f->h->free_mem(f->latest.items);
    memset(&f->latest, 0, sizeof f->latest);
    f->stats_at_ms = 0;
    f->stats_ok = 0;
    f->counting = 0;
}

/* The counts: from a 2.4 host without waiting (counted on its thread, "đang đếm..." until
 * the first count of the day is in), asked each frame; from an older host, read here. */
static int counts_async(struct fair *f, kiosk_ctx *ctx, int64_t now)
{
    if (!KIOSK_API_HAS(f->k.fair, stats_async))
        return 0;
    kiosk_status st = f->k.fair->stats_async(ctx, f->ev.id, now, FAIR_STATS_REFRESH_MS, &f->stats,
                                             sizeof f->stats);
    f->counting = st == KIOSK_E_NOT_FOUND;
    f->stats_ok = st == KIOSK_OK || f->counting;
    return 1;
}

static void refresh(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;
    int64_t now = h->now_ms(ctx);
    int counted = counts_async(f, ctx, now);
    if (f->stats_at_ms != 0 && now - f->stats_at_ms < FAIR_STATS_REFRESH_MS &&
        now >= f->stats_at_ms)
        return;
    if (f->latest.items)
        h->free_mem(f->latest.items);
    memset(&f->latest, 0, sizeof f->latest);
    f->stats_at_ms = now;
    if (!counted)
        f->stats_ok = f->k.fair->stats(ctx, f->ev.id, now, &f->stats, sizeof f->stats) == KIOSK_OK;
    if (f->k.fair->latest(ctx, f->ev.id, FAIR_LATEST, &f->latest) != KIOSK_OK)
        memset(&f->latest, 0, sizeof f->latest);
}

static void counts_row(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;
    char n[24], line[128];

    h->ui_row_begin(ctx, 3);
    snprintf(n, sizeof n, "%d", f->stats.visitors);
    kit_fill(line, sizeof line, h->tr(ctx, "fair.staff_visitors"), n, NULL);
    h->ui_text(ctx, line);
    snprintf(n, sizeof n, "%d", f->stats.new_visitors);
    kit_fill(line, sizeof line, h->tr(ctx, "fair.staff_new"), n, NULL);
    h->ui_text(ctx, line);
    snprintf(n, sizeof n, "%d", f->stats.returning);
    kit_fill(line, sizeof line, h->tr(ctx, "fair.staff_returning"), n, NULL);
    h->ui_text(ctx, line);
    h->ui_row_end(ctx);
}

/* The visitors' interests, in the event's order. */
static void interest_chart(struct fair *f, kiosk_ctx *ctx)
{
    const char *labels[FAIR_MAX_INTERESTS];
    int values[FAIR_MAX_INTERESTS];
    size_t i;

    for (i = 0; i < f->interest_count && i < KIT_ARRAY_LEN(f->stats.by_interest); i++) {
        labels[i] = f->interests[i];
        values[i] = f->stats.by_interest[i];
    }
    f->h->ui_bar_chart(ctx, f->h->tr(ctx, "fair.chart_interest_title"), labels, values, i);
}

/* Visits by hour: the day's usual hours, widened to any hour that had visitors. */
static void hour_chart(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;
    char text[24][16];
    const char *labels[24];
    int values[24];
    int first = FAIR_DAY_FIRST_HOUR, last = FAIR_DAY_LAST_HOUR, hr;
    size_t n = 0;

    for (hr = 0; hr < 24; hr++) {
        if (f->stats.by_hour[hr] > 0 && hr < first)
            first = hr;
        if (f->stats.by_hour[hr] > 0 && hr > last)
            last = hr;
    }
    for (hr = first; hr <= last; hr++) {
        char num[8];
        snprintf(num, sizeof num, "%d", hr);
        kit_fill(text[n], sizeof text[n], h->tr(ctx, "fair.hour"), num, NULL);
        labels[n] = text[n];
        values[n] = f->stats.by_hour[hr];
        n++;
    }
    h->ui_bar_chart(ctx, h->tr(ctx, "fair.chart_hour_title"), labels, values, n);
}

static void latest_list(struct fair *f, kiosk_ctx *ctx)
{
    const struct kiosk_host_api *h = f->h;
    size_t i;

    if (f->latest.count == 0)
        h->ui_text(ctx, h->tr(ctx, "fair.staff_none"));
    for (i = 0; i < f->latest.count; i++) {
        const struct kiosk_person *p = KIOSK_AT(f->latest, const struct kiosk_person, i);
        char note[KIOSK_TEXT_LEN], detail[KIOSK_TEXT_LEN * 2];

        detail[0] = '\0';
        kit_join(h, ctx, detail, sizeof detail, p->organisation);
        kit_join(h, ctx, detail, sizeof detail, p->province);
        if (kit_json_get_str(p->extra_json, "note", note, sizeof note) && note[0]) {
            char quoted[KIOSK_TEXT_LEN + 16];
            kit_fill(quoted, sizeof quoted, h->tr(ctx, "fair.staff_note"), note, NULL);
            kit_join(h, ctx, detail, sizeof detail, quoted);
        }
        h->ui_list_item(ctx, p->full_name, detail);
    }
}

/* One panel at a time (a 1024x600 screen holds one chart or the list), picked by tabs. */
void fair_staff_frame(struct fair *f, kiosk_ctx *ctx, int with_back)
{
    const struct kiosk_host_api *h = f->h;
    static const char *const tabs[] = {"fair.chart_interest", "fair.chart_hour",
                                       "fair.staff_latest"};
    char title[KIOSK_TEXT_LEN], day[16];
    size_t i;

    refresh(f, ctx);
    h->format_time(ctx, h->now_ms(ctx), "%d/%m", day, sizeof day);
    kit_fill(title, sizeof title, h->tr(ctx, "fair.staff_title"), day, NULL);
    h->ui_heading(ctx, title);
    if (!f->stats_ok)
        h->ui_message(ctx, KIOSK_MSG_ERROR, h->tr(ctx, "fair.staff_error"));
    if (f->counting)
        h->ui_message(ctx, KIOSK_MSG_INFO, h->tr(ctx, "fair.staff_counting"));
    else
        counts_row(f, ctx);
    h->ui_row_begin(ctx, (int)KIT_ARRAY_LEN(tabs) + (with_back ? 1 : 0));
    for (i = 0; i < KIT_ARRAY_LEN(tabs); i++) {
        int on = f->staff_tab == (int)i;
        if (h->ui_button(ctx, h->tr(ctx, tabs[i]), on ? KIOSK_STYLE_PRIMARY : KIOSK_STYLE_NORMAL))
            f->staff_tab = (int)i;
    }
    if (with_back && h->ui_button(ctx, h->tr(ctx, "kit.back"), KIOSK_STYLE_NORMAL)) {
        h->ui_row_end(ctx);
        fair_staff_forget(f);
        fair_to_start(f);
        return;
    }
    h->ui_row_end(ctx);
    if (f->staff_tab == 2)
        latest_list(f, ctx);
    else if (f->counting)
        return; /* no chart of counts not in yet */
    else if (f->staff_tab == 1)
        hour_chart(f, ctx);
    else
        interest_chart(f, ctx);
}
