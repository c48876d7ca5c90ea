/* Stored receipts for the coordinator: lists, short-code look-ups, the event's title. */
#include "receipt_internal.h"

#include <stdlib.h>
#include <string.h>

struct row_list {
    struct receipt_row *rows;
    size_t n, cap;
};

static kiosk_status add_row(store_rows *r, void *ctx)
{
    struct row_list *l = ctx;
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2 : 16;
        struct receipt_row *more = realloc(l->rows, ncap * sizeof *more);
        if (!more)
            return KIOSK_E_NOMEM;
        l->rows = more;
        l->cap = ncap;
    }
    receipt_row_read(r, &l->rows[l->n++]);
    return KIOSK_OK;
}

kiosk_status receipt_list(store *s, const char *event_code, struct receipt_row **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    if (event_code) {
        kiosk_status st = store_event_code_known(s, event_code);
        if (st != KIOSK_OK)
            return st;
    }
    struct row_list l = {0};
    kiosk_status r = store_receipts_list(s, event_code, add_row, &l);
    if (r != KIOSK_OK) {
        free(l.rows);
        return r;
    }
    *out = l.rows;
    *count = l.n;
    return KIOSK_OK;
}

kiosk_status receipt_by_short_code(store *s, const char *typed, struct receipt_row *out)
{
    memset(out, 0, sizeof *out);
    char code[KIOSK_SHORT_LEN];
    if (receipt_short_code_read(typed, code) != 0)
        return KIOSK_E_INVALID;
    return store_receipt_by_short(s, code, receipt_row_one, out);
}

kiosk_status receipt_event_title(store *s, const char *event_id, char *out, size_t cap)
{
    return store_event_title_of(s, event_id, out, cap);
}
