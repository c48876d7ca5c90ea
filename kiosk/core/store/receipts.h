/* The queries behind receipts and their keys (kiosk/core/receipt): stored receipts, the
 * facts a verification needs, the public keys this kiosk trusts. */
#ifndef KIOSK_STORE_RECEIPTS_H
#define KIOSK_STORE_RECEIPTS_H

#include "rows.h"

/* Stored receipts come as rows of 12 columns: 0 id, 1 kind, 2 event_id, 3 event code,
 * 4 session_id ("" for none), 5 session number (0), 6 person_id, 7 short_code, 8 text,
 * 9 key_id, 10 created_at (ms), 11 the person's full name (""). */

/* KIOSK_OK when an event has this code, else KIOSK_E_NOT_FOUND. */
kiosk_status store_event_code_known(store *s, const char *code);
/* Every receipt (of the event with code event_code; NULL: all), oldest first. */
kiosk_status store_receipts_list(store *s, const char *event_code, store_row_fn fn, void *ctx);
/* The receipt of a short code (already read to its canonical form); KIOSK_E_NOT_FOUND. */
kiosk_status store_receipt_by_short(store *s, const char *code, store_row_fn fn, void *ctx);
/* The receipt of a kind for person, event and session (""); KIOSK_E_NOT_FOUND. */
kiosk_status store_receipt_existing(store *s, const char *person_id, const char *event_id, int kind,
                                    const char *session_id, store_row_fn fn, void *ctx);
/* Inserts a receipt signed here. *clash: its short code is taken (nothing logged: retry). */
kiosk_status store_receipt_insert(store *s, const struct kiosk_receipt *r, const char *person_id,
                                  int *clash);

/* What a receipt's refs are here: an event's code and title, a session's event and number,
 * whether a person exists. KIOSK_E_NOT_FOUND when missing. */
kiosk_status store_event_code_of(store *s, const char *event_id, char *out, size_t cap);
kiosk_status store_event_title_of(store *s, const char *event_id, char *out, size_t cap);
kiosk_status store_session_of(store *s, const char *session_id, char event_id[KIOSK_ID_LEN],
                              int *number);
kiosk_status store_person_exists(store *s, const char *person_id);

/* What a verification needs, in one query (a scanner waits on it): one row of 5 columns,
 * each "" when missing: 0 the public key (hex) of key_id, 1 the id of this program's event
 * of event_code, 2 its session of that number, 3 the stored receipt's id and 4 person_id. */
kiosk_status store_receipt_facts(store *s, const char *key_id, const char *event_code,
                                 int session_number, const char *text, store_row_fn fn, void *ctx);

/* The keys table: a key's public half (hex), its kiosk and whether it is this kiosk's. */
kiosk_status store_key_public(store *s, const char *key_id, char *pk_hex, size_t cap);
kiosk_status store_key_insert(store *s, const char *key_id, const char *pk_hex,
                              const char *kiosk_id, int64_t created_ms, int own);
kiosk_status store_key_kiosk(store *s, const char *key_id, char kiosk_id[KIOSK_ID_LEN], int *own);

#endif
