/* Tamper-evident records (docs/TRUST.md): every row a kiosk writes, in every table sync
 * moves (kiosk/core/sync/sync_tables.c), is hashed over a canonical encoding of its columns;
 * at each sync the kiosk signs the hashes of its rows not yet sealed (a seal: a fact that
 * syncs). A kiosk takes an arriving row only when it passes the checks a kiosk makes on typed
 * input and its hash is in a seal signed by the key its program certified for the row's
 * writer (kiosk_id, or updated_by for a version), not revoked. Refused rows are set aside. */
#ifndef KIOSK_TRUST_RECORDS_H
#define KIOSK_TRUST_RECORDS_H

#include "receipt/receipt.h"
#include "store/sync_io.h"

/* How far in the future a row's write time (created_at, updated_at) may be: a kiosk's clock
 * may run ahead of the receiver's by this much. */
#define TRUST_CLOCK_SKEW_MS (15LL * 60 * 1000)
#define TRUST_HASH_BYTES 32
/* The hashes one seal holds at most (2 MiB): more rows make several seals. */
#define TRUST_SEAL_MAX_HASHES 65536

/* The checks a kiosk makes on typed input, on one row of t (values in column order): NULL
 * when valid, else why (English, static). now_ms: the receiver's clock. */
const char *trust_row_invalid(const struct sync_table *t, const struct store_value *v,
                              int64_t now_ms);
/* 1 when a text can go to PostgreSQL: valid UTF-8 without NUL. */
int trust_text_sendable(const char *p, size_t len);
/* BLAKE2b-256 of "KROW1", the table's name and each column (type, length, bytes; integers
 * as 8 bytes big-endian). */
void trust_row_hash(const struct sync_table *t, const struct store_value *v,
                    uint8_t out[TRUST_HASH_BYTES]);
/* The row's writer: updated_by for versioned tables, else kiosk_id ("" when missing). */
void trust_row_writer(const struct sync_table *t, const struct store_value *v,
                      char out[KIOSK_ID_LEN]);

/* What one direction of a sync trusts: the receiver's program ("" : not enrolled, only the
 * typed-input checks apply) and what both sides hold of certificates, revocations, seals. */
struct trust_check;
kiosk_status trust_check_new(const char *program_hex, struct trust_check **out);
void trust_check_free(struct trust_check *c);
/* Feeds rows of enrolments, revocations and seals (values in sync_tables' column order)
 * from either side; then trust_check_finish checks the seals' signatures. */
void trust_check_feed(struct trust_check *c, int table, const struct store_value *v);
kiosk_status trust_check_finish(struct trust_check *c);
/* Feeds every enrolment, revocation and seal of a database (schema "main" or "peer"). */
kiosk_status trust_check_feed_store(struct trust_check *c, store *s, const char *schema);
/* The verdict on an arriving row of table: NULL to take it, else why it is refused. */
const char *trust_check_row(struct trust_check *c, int table, const struct sync_table *t,
                            const struct store_value *v);
/* A seal's signature by pk over "KSEAL1", its id, kiosk, time, key id and hashes. */
int trust_seal_sig_ok(const uint8_t pk[32], const char *id, const char *kiosk_id,
                      int64_t created_at, const char *key_id, const uint8_t *hashes, size_t len,
                      const char *sig_hex);

/* Seals this kiosk's rows not sealed yet with its key (nothing when all are). *sealed (may
 * be NULL): how many rows the new seal covers. */
kiosk_status trust_seal_own(store *s, const struct receipt_keys *k, long *sealed, char *err,
                            size_t errlen);

#endif
