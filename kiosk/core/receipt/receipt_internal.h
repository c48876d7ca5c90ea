/* Internal to kiosk/core/receipt: the key pair's layout and helpers shared by its files.
 * Never included outside kiosk/core/receipt. */
#ifndef KIOSK_RECEIPT_INTERNAL_H
#define KIOSK_RECEIPT_INTERNAL_H

#include "base32.h"
#include "receipt.h"

#include <sodium.h>

struct receipt_keys {
    uint8_t sk[crypto_sign_SECRETKEYBYTES]; /* seed || public key (libsodium's layout) */
    uint8_t pk[crypto_sign_PUBLICKEYBYTES];
    char key_id[RECEIPT_KEY_ID_LEN];
    char kiosk_id[KIOSK_ID_LEN];
};

/* sodium_init once; 0 when libsodium cannot start. */
int receipt_sodium_ready(void);
/* 8 Crockford chars of BLAKE2b(pk). */
void receipt_key_id_of(const uint8_t pk[crypto_sign_PUBLICKEYBYTES], char out[RECEIPT_KEY_ID_LEN]);

/* 1 when text (already decoded) carries a valid signature by pk. */
int receipt_signature_ok(const char *text, const uint8_t pk[crypto_sign_PUBLICKEYBYTES]);

/* Stored receipts as rows: RECEIPT_ROW_SELECT + a WHERE clause, read with receipt_row_read. */
typedef struct sqlite3_stmt sqlite3_stmt;
#define RECEIPT_ROW_SELECT                                                                         \
    "SELECT r.id, r.kind, r.event_id, e.code, COALESCE(r.session_id, ''), "                        \
    "COALESCE(s.number, 0), r.person_id, r.short_code, r.text, r.key_id, r.created_at, "           \
    "COALESCE(p.full_name, '') FROM receipts r JOIN events e ON e.id = r.event_id "                \
    "LEFT JOIN sessions s ON s.id = r.session_id LEFT JOIN people p ON p.id = r.person_id "
void receipt_row_read(sqlite3_stmt *st, struct receipt_row *out);

#endif
