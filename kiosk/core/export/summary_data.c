/* Counting the summary: a handful of SQL aggregates an event. */
#include "export/summary_data.h"

#include "store/domain.h"
#include "store/export_rows.h"
#include "text/text.h"

#include <stdlib.h>
#include <string.h>

/* Fills up to three integer columns of one of the store's summary counts. */
static kiosk_status count(store *s, enum store_summary_count which, const char *event_id,
                          int64_t arg, int *a, int *b, int *c)
{
    int v[3];
    kiosk_status r = store_summary_count(s, which, event_id, arg, v);
    int *out[3] = {a, b, c};
    for (int i = 0; r == KIOSK_OK && i < 3; i++)
        if (out[i])
            *out[i] = v[i];
    return r;
}

/* Interest columns are matched folded: "May mặc" and "may mac" are one column. */
static long interest_column(struct summary *sum, const char *name, int add)
{
    char folded[KIOSK_TEXT_LEN], other[KIOSK_TEXT_LEN];
    vn_fold(name, folded, sizeof folded);
    if (!folded[0])
        return -1;
    for (size_t i = 0; i < sum->interest_count; i++) {
        vn_fold(sum->interests[i], other, sizeof other);
        if (strcmp(folded, other) == 0)
            return (long)i;
    }
    if (!add)
        return -1;
    char **n = realloc(sum->interests, (sum->interest_count + 1) * sizeof *n);
    if (!n)
        return -1;
    sum->interests = n;
    n[sum->interest_count] = strdup(name);
    if (!n[sum->interest_count])
        return -1;
    return (long)sum->interest_count++;
}

static void event_interest_columns(struct summary *sum, const struct kiosk_event *e)
{
    char list[sizeof e->interests];
    kiosk_strlcpy(list, e->interests, sizeof list);
    char *save = NULL;
    for (char *line = strtok_r(list, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
        interest_column(sum, line, 1);
}

/* Each person's interests count once (docs/IDENTITY.md: her merged records registered at
 * the same fair are one visitor): rows come by person; seen marks her columns so far. */
struct interest_pass {
    struct summary *sum;
    struct summary_row *row;
    char who[KIOSK_ID_LEN];
    unsigned char *seen;
    size_t seen_cap;
};

/* 1 the first time col comes for the current person; -1 out of memory. */
static int first_for_person(struct interest_pass *p, const char *who, long col)
{
    if (strcmp(p->who, who) != 0) {
        kiosk_strlcpy(p->who, who, sizeof p->who);
        if (p->seen)
            memset(p->seen, 0, p->seen_cap);
    }
    if ((size_t)col >= p->seen_cap) {
        size_t cap = (size_t)col + 16;
        unsigned char *n = realloc(p->seen, cap);
        if (!n)
            return -1;
        memset(n + p->seen_cap, 0, cap - p->seen_cap);
        p->seen = n;
        p->seen_cap = cap;
    }
    if (p->seen[col])
        return 0;
    p->seen[col] = 1;
    return 1;
}

/* A new column: every fair's array grows. */
static kiosk_status grow_interests(struct summary *sum)
{
    for (size_t i = 0; i < sum->count; i++) {
        struct summary_row *x = &sum->rows[i];
        if (x->event.kind != KIOSK_EVENT_FAIR)
            continue;
        int *n = realloc(x->interests, sum->interest_count * sizeof *n);
        if (!n)
            return KIOSK_E_NOMEM;
        n[sum->interest_count - 1] = 0;
        x->interests = n;
    }
    return KIOSK_OK;
}

static kiosk_status count_interest(store_rows *r, void *ctx)
{
    struct interest_pass *p = ctx;
    size_t before = p->sum->interest_count;
    long col = store_rows_null(r, 1) ? -1 : interest_column(p->sum, store_rows_text(r, 1, NULL), 1);
    if (col < 0)
        return KIOSK_OK;
    if (p->sum->interest_count != before && grow_interests(p->sum) != KIOSK_OK)
        return KIOSK_E_NOMEM;
    int first = first_for_person(p, store_rows_text(r, 0, NULL), col);
    if (first < 0)
        return KIOSK_E_NOMEM;
    p->row->interests[col] += first;
    return KIOSK_OK;
}

static kiosk_status count_interests(store *s, struct summary *sum, struct summary_row *row)
{
    struct interest_pass p = {sum, row, "", NULL, 0};
    kiosk_status r = store_summary_interests(s, row->event.id, count_interest, &p);
    free(p.seen);
    return r;
}

static kiosk_status count_event(store *s, int64_t now_ms, struct summary_row *row)
{
    const char *id = row->event.id;
    kiosk_status r = count(s, STORE_SUM_HELD, id, now_ms, &row->sessions, &row->held, NULL);
    if (r == KIOSK_OK)
        r = count(s, STORE_SUM_REGISTERED, id, 0, &row->registered, &row->walkins, NULL);
    int returning = 0;
    if (r == KIOSK_OK) /* nobody attended "every" session of a class that has not begun */
        r = count(s, STORE_SUM_ATTENDED, id, row->held > 0 ? row->held : 1 << 30, &row->attended,
                  &row->all, &returning);
    if (r == KIOSK_OK && row->event.kind == KIOSK_EVENT_FAIR) {
        row->returning = returning;
        r = count(s, STORE_SUM_VISITORS, id, 0, &row->visitors, NULL, NULL);
    }
    return r;
}

static int by_kind(const void *a, const void *b)
{
    const struct kiosk_event *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind - y->kind;
    if (x->starts_at_ms != y->starts_at_ms)
        return x->starts_at_ms < y->starts_at_ms ? -1 : 1;
    return strcmp(x->code, y->code);
}

kiosk_status summary_load(store *s, int64_t now_ms, struct summary *out)
{
    memset(out, 0, sizeof *out);
    struct kiosk_event *events = NULL;
    size_t n = 0;
    kiosk_status r = store_events_list(s, 0, &events, &n);
    if (r != KIOSK_OK)
        return r;
    if (n > 1)
        qsort(events, n, sizeof *events, by_kind);
    out->rows = calloc(n ? n : 1, sizeof *out->rows);
    if (!out->rows) {
        free(events);
        return KIOSK_E_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        if (events[i].kind == KIOSK_EVENT_FAIR)
            event_interest_columns(out, &events[i]);
    for (size_t i = 0; i < n && r == KIOSK_OK; i++) {
        struct summary_row *row = &out->rows[out->count++];
        row->event = events[i];
        if (row->event.kind == KIOSK_EVENT_CLASS)
            out->classes++;
        if (row->event.kind == KIOSK_EVENT_FAIR) {
            row->interests = calloc(out->interest_count ? out->interest_count : 1, sizeof(int));
            if (!row->interests)
                r = KIOSK_E_NOMEM;
        }
        if (r == KIOSK_OK)
            r = count_event(s, now_ms, row);
        if (r == KIOSK_OK && row->event.kind == KIOSK_EVENT_FAIR)
            r = count_interests(s, out, row);
    }
    free(events);
    if (r != KIOSK_OK)
        summary_release(out);
    return r;
}

void summary_release(struct summary *sum)
{
    for (size_t i = 0; i < sum->count; i++)
        free(sum->rows[i].interests);
    for (size_t i = 0; i < sum->interest_count; i++)
        free(sum->interests[i]);
    free(sum->rows);
    free(sum->interests);
    memset(sum, 0, sizeof *sum);
}
