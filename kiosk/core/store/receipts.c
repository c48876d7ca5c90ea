/* The queries behind receipts and their keys. */
#include "receipts.h"

#include "store_internal.h"

#include <string.h>

#define RECEIPT_ROW_SELECT                                                                         \
    "SELECT r.id, r.kind, r.event_id, e.code, COALESCE(r.session_id, ''), "                        \
    "COALESCE(s.number, 0), r.person_id, r.short_code, r.text, r.key_id, r.created_at, "           \
    "COALESCE(p.full_name, '') FROM receipts r JOIN events e ON e.id = r.event_id "                \
    "LEFT JOIN sessions s ON s.id = r.session_id LEFT JOIN people p ON p.id = r.person_id "

kiosk_status store_event_code_known(store *s, const char *code)
{
    return store_query_one(s, "SELECT 1 FROM events WHERE code = ?1", "receipt list", NULL, NULL,
                           "t", code);
}

kiosk_status store_receipts_list(store *s, const char *event_code, store_row_fn fn, void *ctx)
{
    return store_query(s,
                       RECEIPT_ROW_SELECT "WHERE ?1 IS NULL OR e.code = ?1 "
                                          "ORDER BY r.created_at, r.id",
                       "receipt list", fn, ctx, "t", event_code);
}

kiosk_status store_receipt_by_short(store *s, const char *code, store_row_fn fn, void *ctx)
{
    return store_query_one(s, RECEIPT_ROW_SELECT "WHERE r.short_code = ?1", "receipt look-up", fn,
                           ctx, "t", code);
}

kiosk_status store_receipt_existing(store *s, const char *person_id, const char *event_id, int kind,
                                    const char *session_id, store_row_fn fn, void *ctx)
{
    return store_query_one(
        s,
        RECEIPT_ROW_SELECT "WHERE r.person_id = ?1 AND r.event_id = ?2 AND r.kind = ?3 "
                           "AND COALESCE(r.session_id, '') = ?4 LIMIT 1",
        "receipt look-up", fn, ctx, "ttit", person_id, event_id, kind, session_id);
}

kiosk_status store_receipt_insert(store *s, const struct kiosk_receipt *r, const char *person_id,
                                  int *clash)
{
    int rc = store_run_rc(s,
                          "INSERT INTO receipts(id, kiosk_id, created_at, kind, "
                          "event_id, session_id, person_id, short_code, text, key_id) "
                          "VALUES(?1, ?2, ?3, ?4, ?5, NULLIF(?6, ''), ?7, ?8, ?9, ?10)",
                          "ttIitttttt", r->id, store_kiosk_id(s), r->issued_at_ms, r->kind,
                          r->event_id, r->session_id, person_id, r->short_code, r->text, r->key_id);
    *clash = rc == SQLITE_CONSTRAINT_UNIQUE;
    if (rc == SQLITE_DONE || *clash)
        return *clash ? KIOSK_E_EXISTS : KIOSK_OK;
    return store_status_from_sqlite(s, rc, "receipt insert");
}

struct text_int {
    char *out;
    size_t cap;
    int *number;
};

static kiosk_status copy_text_int(store_rows *r, void *ctx)
{
    struct text_int *t = ctx;
    if (t->out)
        store_rows_copy(r, 0, t->out, t->cap);
    if (t->number)
        *t->number = store_rows_int(r, 1);
    return KIOSK_OK;
}

kiosk_status store_event_code_of(store *s, const char *event_id, char *out, size_t cap)
{
    struct text_int t = {out, cap, NULL};
    return store_query_one(s, "SELECT code FROM events WHERE id = ?1", "receipt look-up",
                           copy_text_int, &t, "t", event_id);
}

kiosk_status store_event_title_of(store *s, const char *event_id, char *out, size_t cap)
{
    out[0] = '\0';
    struct text_int t = {out, cap, NULL};
    return store_query_one(s, "SELECT title FROM events WHERE id = ?1", "event look-up",
                           copy_text_int, &t, "t", event_id);
}

kiosk_status store_session_of(store *s, const char *session_id, char event_id[KIOSK_ID_LEN],
                              int *number)
{
    struct text_int t = {event_id, KIOSK_ID_LEN, number};
    return store_query_one(s, "SELECT event_id, number FROM sessions WHERE id = ?1",
                           "receipt look-up", copy_text_int, &t, "t", session_id);
}

kiosk_status store_person_exists(store *s, const char *person_id)
{
    return store_query_one(s, "SELECT id FROM people WHERE id = ?1", "receipt look-up", NULL, NULL,
                           "t", person_id);
}

kiosk_status store_receipt_facts(store *s, const char *key_id, const char *event_code,
                                 int session_number, const char *text, store_row_fn fn, void *ctx)
{
    kiosk_status st = store_query_one(
        s,
        "SELECT (SELECT public_key FROM keys WHERE key_id = ?1), "
        "(SELECT id FROM events WHERE code = ?2), "
        "(SELECT s.id FROM sessions s JOIN events e ON e.id = s.event_id "
        " WHERE e.code = ?2 AND s.number = ?3), "
        "r.id, r.person_id FROM (SELECT 1) LEFT JOIN receipts r ON r.text = ?4",
        "receipt verify", fn, ctx, "ttit", key_id, event_code, session_number, text);
    /* the query always has a row: none is a storage error */
    return st == KIOSK_E_NOT_FOUND ? store_status_from_sqlite(s, SQLITE_DONE, "receipt verify")
                                   : st;
}

kiosk_status store_key_public(store *s, const char *key_id, char *pk_hex, size_t cap)
{
    struct text_int t = {pk_hex, cap, NULL};
    return store_query_one(s, "SELECT public_key FROM keys WHERE key_id=?1", "key look-up",
                           copy_text_int, &t, "t", key_id);
}

kiosk_status store_key_insert(store *s, const char *key_id, const char *pk_hex,
                              const char *kiosk_id, int64_t created_ms, int own)
{
    return store_run(s,
                     "INSERT INTO keys(key_id, public_key, kiosk_id, created_at, own) "
                     "VALUES(?1, ?2, ?3, ?4, ?5)",
                     "key insert", "tttIi", key_id, pk_hex, kiosk_id, created_ms, own);
}

kiosk_status store_key_kiosk(store *s, const char *key_id, char kiosk_id[KIOSK_ID_LEN], int *own)
{
    int scratch = 0;
    struct text_int t = {kiosk_id, KIOSK_ID_LEN, own ? own : &scratch};
    return store_query_one(s, "SELECT kiosk_id, own FROM keys WHERE key_id=?1", "key look-up",
                           copy_text_int, &t, "t", key_id);
}
