/* Signed receipts: the text format (KC1.<payload>.<signature>, base32, QR alphanumeric),
 * the kiosk's Ed25519 keys, signing and verifying offline, and storing issued receipts.
 * Drawing (QR matrix, PNG, ESC/POS) lives in qr.h, png.h and escpos.h beside this. */
#ifndef KIOSK_RECEIPT_H
#define KIOSK_RECEIPT_H

#include "store/store.h"

/* The kiosk's key pair: made on first use, the secret key in a file of mode 0600 beside
 * the database (<db>.key), the public key in the keys table. */
struct receipt_keys;
kiosk_status receipt_keys_open(store *s, struct receipt_keys **out, char *err, size_t errlen);
void receipt_keys_close(struct receipt_keys *k);
const char *receipt_keys_id(const struct receipt_keys *k); /* short key id in the payload */

/* Issues (or returns the existing one of the same kind for person, event and session) a
 * receipt, stores it, and fills out (text, short code...). */
kiosk_status receipt_issue(store *s, struct receipt_keys *k, int kind, const char *event_id,
                           const char *session_id, const char *person_id,
                           struct kiosk_receipt *out);
/* Verifies a text: format, version, trusted key, signature, this program's event.
 * KIOSK_E_INVALID (malformed), KIOSK_E_DENIED (bad signature, unknown key), KIOSK_E_NOT_FOUND
 * (event not in this program). *why_key: a string-table key for people; why_detail (may be
 * NULL) gets an English line for kioskctl. On success out is filled (person_id when the
 * receipt is stored here). */
kiosk_status receipt_verify(store *s, const char *text, struct kiosk_receipt *out,
                            const char **why_key, char *why_detail, size_t detail_cap);

#endif
