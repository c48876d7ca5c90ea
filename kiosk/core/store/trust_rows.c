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

kiosk_status store_trust_rows(store *s, const char *schema, const struct sync_table *t,
                              const char *writer_col, const char *writer, store_row_fn fn,
                              void *ctx)
{
    char sql[4096], cols[2048];
    sync_cols(t, NULL, 0, cols, sizeof cols);
    if (writer_col)
        kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT %s FROM %s.%s WHERE %s = ?1", cols,
                  schema, t->name, writer_col);
    else
        kiosk_fmt(sql, sizeof sql, /* sql-ident: */ "SELECT %s FROM %s.%s", cols, schema, t->name);
    return writer_col ? store_query(s, sql, "trust rows", fn, ctx, "t", writer)
                      : store_query(s, sql, "trust rows", fn, ctx, "");
}

kiosk_status store_trust_rows_after(store *s, const struct sync_table *t, const char *writer_col,
                                    const char *writer, int64_t after_rowid, store_row_fn fn,
                                    void *ctx)
{
    char sql[4096], cols[2048];
    sync_cols(t, NULL, 0, cols, sizeof cols);
    kiosk_fmt(sql, sizeof sql,
              /* sql-ident: */ "SELECT %s, rowid FROM main.%s WHERE rowid > ?1 AND %s = ?2", cols,
              t->name, writer_col);
    return store_query(s, sql, "trust rows", fn, ctx, "It", after_rowid, writer);
}

kiosk_status store_seal_add(store *s, const char *id, int64_t created_at, const char *key_id,
                            const uint8_t *hashes, size_t len, const char *sig_hex)
{
    sqlite3_stmt *st;
    int rc = store_stmt(s,
                        "INSERT INTO seals(id, kiosk_id, created_at, key_id, hashes, sig) "
                        "VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
                        &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "seal");
    sqlite3_bind_text(st, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, store_kiosk_id(s), -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 3, created_at);
    sqlite3_bind_text(st, 4, key_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_blob64(st, 5, hashes, len, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, sig_hex, -1, SQLITE_TRANSIENT);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    return rc == SQLITE_DONE ? KIOSK_OK : store_status_from_sqlite(s, rc, "seal");
}

kiosk_status store_quarantine_add(store *s, const char *schema, const char *tbl, const char *row_id,
                                  const char *kiosk_id, const char *reason, const char *source)
{
    char sql[512];
    kiosk_fmt(sql, sizeof sql,
              /* sql-ident: */
              "INSERT OR IGNORE INTO %s.quarantine(tbl, row_id, kiosk_id, "
              "reason, source, at) VALUES(?1, ?2, ?3, ?4, ?5, ?6)",
              schema);
    return store_run(s, sql, "quarantine", "tttttI", tbl, row_id ? row_id : "",
                     kiosk_id ? kiosk_id : "", reason, source ? source : "", kiosk_clock_now_ms());
}

int64_t store_quarantine_count(store *s)
{
    int64_t n = 0;
    if (store_query_i64(s, "SELECT count(*) FROM main.quarantine", "quarantine", &n, NULL) !=
        KIOSK_OK)
        return -1;
    return n;
}

int store_holds_people(store *s)
{
    int64_t n = 1;
    store_query_i64(s,
                    "SELECT EXISTS(SELECT 1 FROM people) OR EXISTS(SELECT 1 FROM registrations) "
                    "OR EXISTS(SELECT 1 FROM checkins)",
                    "records", &n, NULL);
    return n != 0;
}

kiosk_status store_quarantine_summary(store *s, store_row_fn fn, void *ctx)
{
    return store_query(s,
                       "SELECT tbl, reason, count(*), max(at) FROM main.quarantine GROUP BY tbl, "
                       "reason ORDER BY max(at) DESC, tbl, reason",
                       "quarantine", fn, ctx, NULL);
}

struct check_fn {
    store_row_check_fn check;
    void *ctx;
    const struct sync_table *tables;
    int ntables;
};

static void row_refused(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
    struct check_fn *f = sqlite3_user_data(cx);
    int table = sqlite3_value_int(argv[0]);
    struct store_value v[64];
    if (table < 0 || table >= f->ntables || argc - 1 != f->tables[table].ncols || argc > 65) {
        sqlite3_result_error(cx, "kiosk_row_refused: bad arguments", -1);
        return;
    }
    const struct sync_table *t = &f->tables[table];
    for (int c = 0; c < t->ncols; c++) {
        sqlite3_value *a = argv[c + 1];
        int null = sqlite3_value_type(a) == SQLITE_NULL;
        const char *p = t->cols[c].type == SYNC_BLOB_NULL ? (const char *)sqlite3_value_blob(a)
                                                          : (const char *)sqlite3_value_text(a);
        v[c] = (struct store_value){p ? p : "", (size_t)sqlite3_value_bytes(a), null};
    }
    const char *why = f->check(f->ctx, table, v);
    if (why)
        sqlite3_result_text(cx, why, -1, SQLITE_TRANSIENT);
    else
        sqlite3_result_null(cx);
}

kiosk_status store_sync_set_check(store *s, const struct sync_table *tables, int ntables,
                                  store_row_check_fn check, void *ctx)
{
    static struct check_fn fn; /* one sync at a time per process: the sync worker or kioskctl */
    fn = (struct check_fn){check, ctx, tables, ntables};
    int rc = sqlite3_create_function_v2(store_db(s), "kiosk_row_refused", -1,
                                        SQLITE_UTF8 | SQLITE_DIRECTONLY, check ? &fn : NULL,
                                        check ? row_refused : NULL, NULL, NULL, NULL);
    return rc == SQLITE_OK ? KIOSK_OK : store_status_from_sqlite(s, rc, "row check");
}
