/* SQL of the trust rows: meta, keys, enrolments, revocations (see trust_rows.h). */
#include "store_internal.h"
#include "trust_rows.h"

#include <stdlib.h>
#include <string.h>

kiosk_status store_key_row(store *s, const char *key_id, char pk_hex[STORE_KEY_HEX], int *own,
                           char kiosk_id[KIOSK_ID_LEN])
{
    sqlite3_stmt *st;
    int rc = store_stmt(s, "SELECT public_key, own, kiosk_id FROM keys WHERE key_id = ?1", &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "key look-up");
    sqlite3_bind_text(st, 1, key_id, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    kiosk_status r = KIOSK_E_NOT_FOUND;
    if (rc == SQLITE_ROW) {
        store_col_text(st, 0, pk_hex, STORE_KEY_HEX);
        if (own)
            *own = sqlite3_column_int(st, 1);
        if (kiosk_id)
            store_col_text(st, 2, kiosk_id, KIOSK_ID_LEN);
        r = KIOSK_OK;
    } else if (rc != SQLITE_DONE) {
        r = store_status_from_sqlite(s, rc, "key look-up");
    }
    sqlite3_reset(st);
    return r;
}

static kiosk_status trust_add(store *s, sqlite3_stmt *st, struct store_trust_row *r, int with_pk)
{
    kiosk_id_new(r->id);
    kiosk_strlcpy(r->kiosk_id, store_kiosk_id(s), sizeof r->kiosk_id);
    r->created_at = kiosk_clock_now_ms();
    int i = 1;
    sqlite3_bind_text(st, i++, r->id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, i++, r->kiosk_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, i++, r->created_at);
    sqlite3_bind_text(st, i++, r->key_id, -1, SQLITE_TRANSIENT);
    if (with_pk)
        sqlite3_bind_text(st, i++, r->public_key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, i++, r->program_key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, i, r->sig, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? KIOSK_OK : store_status_from_sqlite(s, rc, "trust row");
}

kiosk_status store_enrolment_add(store *s, struct store_trust_row *r)
{
    sqlite3_stmt *st;
    int rc = store_stmt(s,
                        "INSERT INTO enrolments(id, kiosk_id, created_at, key_id, public_key, "
                        "program_key, cert) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                        &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "enrolment");
    return trust_add(s, st, r, 1);
}

kiosk_status store_revocation_add(store *s, struct store_trust_row *r)
{
    sqlite3_stmt *st;
    int rc = store_stmt(s,
                        "INSERT INTO revocations(id, kiosk_id, created_at, key_id, program_key, "
                        "sig) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                        &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "revocation");
    r->public_key[0] = '\0';
    return trust_add(s, st, r, 0);
}

/* Reads rows (id, kiosk_id, created_at, key_id, public_key, program_key, sig) of st. */
static kiosk_status read_rows(store *s, sqlite3_stmt *st, struct store_trust_row **out, size_t *n)
{
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 8;
            struct store_trust_row *m = realloc(*out, cap * sizeof *m);
            if (!m) {
                sqlite3_reset(st);
                free(*out);
                *out = NULL;
                *n = 0;
                return KIOSK_E_NOMEM;
            }
            *out = m;
        }
        struct store_trust_row *r = &(*out)[(*n)++];
        store_col_text(st, 0, r->id, sizeof r->id);
        store_col_text(st, 1, r->kiosk_id, sizeof r->kiosk_id);
        r->created_at = sqlite3_column_int64(st, 2);
        store_col_text(st, 3, r->key_id, sizeof r->key_id);
        store_col_text(st, 4, r->public_key, sizeof r->public_key);
        store_col_text(st, 5, r->program_key, sizeof r->program_key);
        store_col_text(st, 6, r->sig, sizeof r->sig);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return store_status_from_sqlite(s, rc, "trust rows");
    }
    return KIOSK_OK;
}

kiosk_status store_enrolments(store *s, const char *key_id, struct store_trust_row **out, size_t *n)
{
    sqlite3_stmt *st;
    int rc = store_stmt(s,
                        "SELECT id, kiosk_id, created_at, key_id, public_key, program_key, cert "
                        "FROM enrolments WHERE ?1 IS NULL OR key_id = ?1 ORDER BY created_at, id",
                        &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "enrolments");
    sqlite3_bind_text(st, 1, key_id, -1, SQLITE_TRANSIENT);
    return read_rows(s, st, out, n);
}

kiosk_status store_revocations(store *s, const char *key_id, struct store_trust_row **out,
                               size_t *n)
{
    sqlite3_stmt *st;
    int rc = store_stmt(s,
                        "SELECT id, kiosk_id, created_at, key_id, '', program_key, sig "
                        "FROM revocations WHERE ?1 IS NULL OR key_id = ?1 ORDER BY created_at, id",
                        &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "revocations");
    sqlite3_bind_text(st, 1, key_id, -1, SQLITE_TRANSIENT);
    return read_rows(s, st, out, n);
}

kiosk_status store_key_ids(store *s, char (**out)[16], size_t *n)
{
    sqlite3_stmt *st;
    *out = NULL;
    *n = 0;
    int rc = store_stmt(s, "SELECT key_id FROM keys UNION SELECT key_id FROM enrolments ORDER BY 1",
                        &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "keys");
    size_t cap = 0;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 16;
            char(*m)[16] = realloc(*out, cap * sizeof *m);
            if (!m) {
                rc = SQLITE_NOMEM;
                break;
            }
            *out = m;
        }
        store_col_text(st, 0, (*out)[(*n)++], 16);
    }
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return store_status_from_sqlite(s, rc, "keys");
    }
    return KIOSK_OK;
}

kiosk_status store_key_mark_by_hand(store *s, const char *key_id, int *added)
{
    sqlite3_stmt *st;
    int rc = store_stmt(s, "UPDATE keys SET own = 2 WHERE key_id = ?1 AND own = 0", &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "key update");
    sqlite3_bind_text(st, 1, key_id, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return store_status_from_sqlite(s, rc, "key update");
    if (added)
        *added = sqlite3_changes(store_db(s)) > 0;
    return KIOSK_OK;
}
