/* Stored receipts for the coordinator: lists, short-code look-ups, the event's title. */
#include "receipt_internal.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

kiosk_status receipt_list(store *s, const char *event_code, struct receipt_row **out, size_t *count)
{
    *out = NULL;
    *count = 0;
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st;
    if (event_code) {
        int found = 0;
        if (sqlite3_prepare_v2(db, "SELECT 1 FROM events WHERE code = ?1", -1, &st, NULL) !=
            SQLITE_OK)
            return store_status_from_sqlite(s, sqlite3_errcode(db), "receipt list");
        sqlite3_bind_text(st, 1, event_code, -1, SQLITE_STATIC);
        found = sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        if (!found)
            return KIOSK_E_NOT_FOUND;
    }
    int rc = sqlite3_prepare_v2(db,
                                RECEIPT_ROW_SELECT "WHERE ?1 IS NULL OR e.code = ?1 "
                                                   "ORDER BY r.created_at, r.id",
                                -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "receipt list");
    if (event_code)
        sqlite3_bind_text(st, 1, event_code, -1, SQLITE_STATIC);
    struct receipt_row *rows = NULL;
    size_t n = 0, cap = 0;
    kiosk_status r = KIOSK_OK;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (n == cap) {
            size_t ncap = cap ? cap * 2 : 16;
            struct receipt_row *more = realloc(rows, ncap * sizeof *rows);
            if (!more) {
                r = KIOSK_E_NOMEM;
                break;
            }
            rows = more;
            cap = ncap;
        }
        receipt_row_read(st, &rows[n++]);
    }
    if (r == KIOSK_OK && rc != SQLITE_DONE)
        r = store_status_from_sqlite(s, rc, "receipt list");
    sqlite3_finalize(st);
    if (r != KIOSK_OK) {
        free(rows);
        return r;
    }
    *out = rows;
    *count = n;
    return KIOSK_OK;
}

kiosk_status receipt_by_short_code(store *s, const char *typed, struct receipt_row *out)
{
    memset(out, 0, sizeof *out);
    char code[KIOSK_SHORT_LEN];
    if (receipt_short_code_read(typed, code) != 0)
        return KIOSK_E_INVALID;
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, RECEIPT_ROW_SELECT "WHERE r.short_code = ?1", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "receipt look-up");
    sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
    rc = sqlite3_step(st);
    kiosk_status r = KIOSK_E_NOT_FOUND;
    if (rc == SQLITE_ROW) {
        receipt_row_read(st, out);
        r = KIOSK_OK;
    } else if (rc != SQLITE_DONE) {
        r = store_status_from_sqlite(s, rc, "receipt look-up");
    }
    sqlite3_finalize(st);
    return r;
}

kiosk_status receipt_event_title(store *s, const char *event_id, char *out, size_t cap)
{
    out[0] = '\0';
    sqlite3 *db = store_db(s);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db, "SELECT title FROM events WHERE id = ?1", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "event look-up");
    sqlite3_bind_text(st, 1, event_id, -1, SQLITE_STATIC);
    kiosk_status r = KIOSK_E_NOT_FOUND;
    if (sqlite3_step(st) == SQLITE_ROW) {
        const unsigned char *t = sqlite3_column_text(st, 0);
        kiosk_strlcpy(out, t ? (const char *)t : "", cap);
        r = KIOSK_OK;
    }
    sqlite3_finalize(st);
    return r;
}
