/* The rows trust is built from (docs/TRUST.md): this kiosk's program (local meta), program
 * certificates for kiosk keys (enrolments), their withdrawal (revocations), and the keys
 * table. Only SQL lives here; kiosk/core/trust checks the signatures. */
#ifndef KIOSK_STORE_TRUST_ROWS_H
#define KIOSK_STORE_TRUST_ROWS_H

#include "rows.h"
#include "sync_io.h"

#define STORE_KEY_HEX 65  /* 64 hex + NUL: an Ed25519 public key */
#define STORE_SIG_HEX 129 /* 128 hex + NUL: an Ed25519 signature */
/* 336 hex + NUL: a certificate made through an enrolment grant (docs/TRUST.md): the grant's
 * key, its end, the program's signature of it, the grant key's signature of the kiosk key. */
#define STORE_CERT_HEX 337

/* This kiosk's program lives in meta (store_meta_get/set, sync_io.h). */

/* The public key of a key id in the keys table; *own 1 when it is this kiosk's.
 * KIOSK_E_NOT_FOUND when unknown. */
kiosk_status store_key_row(store *s, const char *key_id, char pk_hex[STORE_KEY_HEX], int *own,
                           char kiosk_id[KIOSK_ID_LEN]);

/* Marks a key that came by sync (own = 0) as trusted by hand (own = 2); *added (may be NULL)
 * 1 when it changed. */
kiosk_status store_key_mark_by_hand(store *s, const char *key_id, int *added);
/* Every key id known here (keys table and enrolments), sorted. *out: free(). */
kiosk_status store_key_ids(store *s, char (**out)[16], size_t *n);

/* One enrolment (sig: the certificate) or revocation (public_key: ""). */
struct store_trust_row {
    char id[KIOSK_ID_LEN];
    char kiosk_id[KIOSK_ID_LEN]; /* the kiosk that wrote the row */
    int64_t created_at;
    char key_id[16];
    char public_key[STORE_KEY_HEX];
    char program_key[STORE_KEY_HEX];
    char sig[STORE_CERT_HEX]; /* a revocation's signature, or an enrolment's certificate */
};
/* Appends one (id, kiosk_id and created_at are filled in here). */
kiosk_status store_enrolment_add(store *s, struct store_trust_row *r);
kiosk_status store_revocation_add(store *s, struct store_trust_row *r);
/* The rows for one key id (NULL: all), oldest first. *out: free(). */
kiosk_status store_enrolments(store *s, const char *key_id, struct store_trust_row **out,
                              size_t *n);
kiosk_status store_revocations(store *s, const char *key_id, struct store_trust_row **out,
                               size_t *n);

/* The rows of a synced table in schema ("main" or "peer"), its columns in order; only those
 * whose writer_col equals writer when writer_col is given. */
kiosk_status store_trust_rows(store *s, const char *schema, const struct sync_table *t,
                              const char *writer_col, const char *writer, store_row_fn fn,
                              void *ctx);
/* The same for this database's append-only rows past a rowid: the columns, then the rowid. */
kiosk_status store_trust_rows_after(store *s, const struct sync_table *t, const char *writer_col,
                                    const char *writer, int64_t after_rowid, store_row_fn fn,
                                    void *ctx);
/* Appends a seal of this kiosk (docs/TRUST.md). */
kiosk_status store_seal_add(store *s, const char *id, int64_t created_at, const char *key_id,
                            const uint8_t *hashes, size_t len, const char *sig_hex);
/* Sets an arriving row aside in schema's quarantine (once per table, id and reason). */
kiosk_status store_quarantine_add(store *s, const char *schema, const char *tbl, const char *row_id,
                                  const char *kiosk_id, const char *reason, const char *source);
/* Rows set aside here so far. */
int64_t store_quarantine_count(store *s);
/* 1 when the database holds anyone's record (a person, a registration, a check-in), or
 * cannot say; 0 for a kiosk that has recorded nobody yet. */
int store_holds_people(store *s);
/* What is set aside, grouped: rows of 4 columns: 0 table, 1 reason, 2 count, 3 latest (ms). */
kiosk_status store_quarantine_summary(store *s, store_row_fn fn, void *ctx);
/* File sync: the SQL function kiosk_row_refused(table, columns...) on this connection calls
 * check (NULL: unregister) with the row's values; it returns why the row is refused or NULL. */
typedef const char *(*store_row_check_fn)(void *ctx, int table, const struct store_value *v);
kiosk_status store_sync_set_check(store *s, const struct sync_table *tables, int ntables,
                                  store_row_check_fn check, void *ctx);

#endif
