/* Consents: append-only answers per person and purpose; the latest answer holds. */
#include "domain.h"
#include "store_internal.h"

#include <stdio.h>

kiosk_status store_consent_set(store *s, const char *person_id, int purpose, int granted,
                               const char *text_version)
{
    if (!person_id || !person_id[0] || purpose < KIOSK_CONSENT_ATTENDANCE ||
        purpose > KIOSK_CONSENT_SHARE || !text_version || !text_version[0])
        return KIOSK_E_INVALID;
    kiosk_status r = store_begin(s);
    if (r != KIOSK_OK)
        return r;
    static const char *const q_person = "SELECT 1 FROM people WHERE id=?1";
    /* a later answer is later in time, even within one millisecond: the latest one counts */
    static const char *const q_ins =
        "INSERT INTO consents(id, kiosk_id, created_at, person_id, purpose, granted, "
        "text_version) VALUES(?1, ?2, max(?3, coalesce((SELECT max(created_at) + 1 FROM consents "
        "WHERE person_id=?4 AND purpose=?5), 0)), ?4, ?5, ?6, ?7)";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q_person, &st);
    if (rc == SQLITE_OK) {
        store_bind_text(st, 1, person_id);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc == SQLITE_DONE) {
            store_rollback(s);
            return KIOSK_E_NOT_FOUND;
        }
        rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
    }
    char id[KIOSK_ID_LEN];
    kiosk_id_new(id);
    if (rc == SQLITE_OK)
        rc = store_stmt(s, q_ins, &st);
    if (rc == SQLITE_OK) {
        store_bind_text(st, 1, id);
        store_bind_text(st, 2, store_kiosk_id(s));
        sqlite3_bind_int64(st, 3, kiosk_clock_now_ms());
        store_bind_text(st, 4, person_id);
        sqlite3_bind_int(st, 5, purpose);
        sqlite3_bind_int(st, 6, granted ? 1 : 0);
        store_bind_text(st, 7, text_version);
        rc = sqlite3_step(st);
        sqlite3_reset(st);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    if (rc != SQLITE_OK) {
        r = store_status_from_sqlite(s, rc, "consent");
        store_rollback(s);
        return r;
    }
    char detail[96];
    kiosk_fmt(detail, sizeof detail, "purpose=%d granted=%d version=%s", purpose, granted ? 1 : 0,
              text_version);
    r = store_log_add(s, "consent", id, detail);
    if (r != KIOSK_OK) {
        store_rollback(s);
        return r;
    }
    return store_commit(s);
}

int store_consent_granted(store *s, const char *person_id, int purpose)
{
    /* rowid breaks ties between answers given in the same millisecond on this kiosk */
    static const char *const q = "SELECT granted FROM consents WHERE person_id=?1 AND purpose=?2 "
                                 "ORDER BY created_at DESC, rowid DESC LIMIT 1";
    sqlite3_stmt *st;
    if (store_stmt(s, q, &st) != SQLITE_OK)
        return 0;
    store_bind_text(st, 1, person_id);
    sqlite3_bind_int(st, 2, purpose);
    int granted = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return granted;
}
