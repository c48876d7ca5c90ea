/* Internal to kiosk/core/receipt: the key pair's layout and helpers shared by its files.
 * Never included outside kiosk/core/receipt. */
#ifndef KIOSK_RECEIPT_INTERNAL_H
#define KIOSK_RECEIPT_INTERNAL_H

#include "base32.h"
#include "receipt.h"
#include "store/receipts.h"

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

/* A stored receipt's row (store/receipts.h) as a receipt_row; a store_row_fn for one row. */
void receipt_row_read(store_rows *st, struct receipt_row *out);
kiosk_status receipt_row_one(store_rows *st, void *out);

#endif
