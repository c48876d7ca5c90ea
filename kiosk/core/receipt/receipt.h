/* Signed receipts: the text format (KC1.<payload>.<signature>, base32, QR alphanumeric),
 * the kiosk's Ed25519 keys, signing and verifying offline, and storing issued receipts.
 * Never holds a name or a phone number in a receipt text; drawing lives in qr.h and escpos.h.
 *
 * The text: "KC1." + base32(payload) + "." + base32(Ed25519 signature of "KC1.<payload>").
 * Payload bytes (big-endian): [0] kind << 4 | session >> 8, [1] session & 0xff,
 * [2..11] random id (80 bits), [12..15] issued at (unix seconds), [16..20] key id (40 bits),
 * [21..] event code, 6 bits a char (0 ends it), at most RECEIPT_CODE_MAX chars. */
#ifndef KIOSK_RECEIPT_H
#define KIOSK_RECEIPT_H

#include "store/store.h"

#define RECEIPT_ID_BYTES 10  /* random id in the payload: 80 bits */
#define RECEIPT_KEY_ID_LEN 9 /* 8 Crockford chars (40 bits of BLAKE2b(public key)) + NUL */
#define RECEIPT_CODE_MAX 20  /* event code chars a receipt can carry (0-9 A-Z a-z -) */
#define RECEIPT_SIG_BYTES 64

/* The kiosk's key pair: made on first use, the secret key in a file of mode 0600 beside
 * the database (<db>.key), the public key in the keys table (own = 1). */
struct receipt_keys;
kiosk_status receipt_keys_open(store *s, struct receipt_keys **out, char *err, size_t errlen);
void receipt_keys_close(struct receipt_keys *k);
const char *receipt_keys_id(const struct receipt_keys *k); /* short key id in the payload */
/* The public half (32 bytes), and an Ed25519 signature of msg (64 bytes) by the secret key:
 * what enrolment certifies and what seals records with (kiosk/core/trust). */
void receipt_keys_public(const struct receipt_keys *k, uint8_t out[32]);
void receipt_keys_sign(const struct receipt_keys *k, const uint8_t *msg, size_t len,
                       uint8_t sig[RECEIPT_SIG_BYTES]);
/* The key id of a public key (8 Crockford chars of its BLAKE2b hash). */
void receipt_key_id_for(const uint8_t pk[32], char out[RECEIPT_KEY_ID_LEN]);
/* The public half as one line `kiosk-key <key_id> <64 hex> <kiosk_id>`, what
 * receipt_keys_trust_file reads (no newline). */
void receipt_keys_line(const struct receipt_keys *k, char *out, size_t cap);

/* keys.own: 0 a key that came by sync (trusted only with its program's certificate,
 * kiosk/core/trust), 1 this kiosk's own, 2 trusted here by hand (kioskctl keys trust: receipts
 * only, on this kiosk only; own never syncs). */
#define RECEIPT_KEY_BY_HAND 2
/* Trusts another kiosk's public key by hand (own = 2). Refuses a key id that
 * does not match the key (KIOSK_E_INVALID) or that is taken by another key (KIOSK_E_DENIED).
 * *added (may be NULL): 1 new, 0 already known. */
kiosk_status receipt_key_trust(store *s, const char *key_id, const char *public_key_hex,
                               const char *kiosk_id, int *added, char *err, size_t errlen);
/* Reads lines `kiosk-key ...` (# comments, blank lines) and trusts them all, or none: a
 * malformed line refuses the file with "'FILE' line N: ..." in err. *added: new keys. */
kiosk_status receipt_keys_trust_file(store *s, const char *path, int *added, char *err,
                                     size_t errlen);
/* Which kiosk a key belongs to; KIOSK_E_NOT_FOUND when the key is not known here. */
kiosk_status receipt_key_kiosk(store *s, const char *key_id, char kiosk_id[KIOSK_ID_LEN], int *own);

/* The fields of a text, before any store look-up. */
struct receipt_fields {
    int kind;           /* enum kiosk_receipt_kind */
    int session_number; /* 0..4095, 0: none */
    uint8_t id[RECEIPT_ID_BYTES];
    int64_t issued_at_s;
    char key_id[RECEIPT_KEY_ID_LEN];
    char event_code[RECEIPT_CODE_MAX + 1];
};
/* Signs and encodes (no store): out gets the text. KIOSK_E_INVALID for a field the format
 * cannot carry (an event code with other chars, a session over 4095). */
kiosk_status receipt_encode(const struct receipt_keys *k, const struct receipt_fields *f,
                            char out[KIOSK_RECEIPT_LEN]);
/* Parses without checking the signature: KIOSK_E_INVALID (malformed, why_key
 * "receipt.why.malformed") or KIOSK_E_NEWER (another version, "receipt.why.version"). */
kiosk_status receipt_decode(const char *text, struct receipt_fields *out, const char **why_key);
/* 1 when text begins as a receipt of any version does ("KC<digits>."), whole or not: a
 * scan of it is a receipt to verify (and refuse with a reason), not some other code. */
int receipt_text_like(const char *text);
/* The short code people read out: 8 Crockford chars of the id's first 40 bits, XXXX-XXXX. */
void receipt_short_code(const uint8_t id[RECEIPT_ID_BYTES], char out[KIOSK_SHORT_LEN]);
/* A typed short code (any case, with or without the dash, O for 0) in canonical form.
 * Returns 0, or -1 when it cannot be one. */
int receipt_short_code_read(const char *typed, char out[KIOSK_SHORT_LEN]);
const char *receipt_kind_name(int kind); /* "sign-up", "attendance", "visit" (English, ctl) */

/* Issues (or returns the existing one of the same kind for person, event and session) a
 * receipt, stores it, and fills out (text, short code...). Returns KIOSK_OK in both cases.
 * session_id may be NULL or "" (sign-up). KIOSK_E_NOT_FOUND: no such event, session or
 * person; KIOSK_E_INVALID: bad kind, a session of another event, an event code the format
 * cannot carry. */
kiosk_status receipt_issue(store *s, struct receipt_keys *k, int kind, const char *event_id,
                           const char *session_id, const char *person_id,
                           struct kiosk_receipt *out);
/* Verifies a text: format, version, trusted key, signature, this program's event.
 * KIOSK_E_INVALID (malformed), KIOSK_E_NEWER (unknown version), KIOSK_E_DENIED (bad
 * signature, unknown key), KIOSK_E_NOT_FOUND (event not in this program). *why_key: a
 * string-table key for people (receipt.why.*); why_detail (may be NULL) gets an English
 * line for kioskctl. On success out is filled; id, person_id are the stored row's when the
 * receipt is stored here, else id is the payload's 20 hex digits and person_id is empty. */
kiosk_status receipt_verify(store *s, const char *text, struct kiosk_receipt *out,
                            const char **why_key, char *why_detail, size_t detail_cap);

/* -- look-ups over the receipts table (kioskctl, the admin screen) -- */
struct receipt_row {
    struct kiosk_receipt r;
    char person_name[KIOSK_NAME_LEN]; /* for the screen and the coordinator only */
};
/* All receipts, or an event's (event code; NULL: all), oldest first. OUT: free().
 * KIOSK_E_NOT_FOUND when event_code names no event. */
kiosk_status receipt_list(store *s, const char *event_code, struct receipt_row **out,
                          size_t *count);
/* A stored receipt by its short code (as typed: receipt_short_code_read). */
kiosk_status receipt_by_short_code(store *s, const char *typed, struct receipt_row *out);
/* The event's title for the receipt screen and paper. */
kiosk_status receipt_event_title(store *s, const char *event_id, char *out, size_t cap);

/* When and where to come, for the receipt's screen, paper and picture: the event's title,
 * place (its province when it has none) and code; for a sign-up receipt the first session
 * not over when the receipt was issued (the class's first, or the next one for a late
 * sign-up; cancelled sessions skipped), and whether she is on the waiting list. */
struct receipt_when {
    char title[KIOSK_TEXT_LEN];
    char place[KIOSK_TEXT_LEN];
    char code[KIOSK_PART_LEN];
    int have_session; /* a sign-up receipt of a class with a session still to come */
    struct kiosk_session first;
    int waitlisted; /* the seat is not hers yet: the session is when, if one frees */
};
kiosk_status receipt_when(store *s, const struct kiosk_receipt *r, struct receipt_when *out);
/* A string table's text for key in the language shown (the host's host_tr, i18n_tr). */
typedef const char *(*receipt_tr_fn)(void *user, const char *key);
/* The session to come to, from a template of the string tables ({number}, {weekday},
 * {date} dd/mm/yyyy, {start}, {end}, {code}: receipt.when, receipt.caption_when): "Mời bạn
 * đến học buổi 4: Thứ Hai 07/12/2026, 13:30–16:30"; "" when w names none. */
void receipt_when_text(const struct receipt_when *w, receipt_tr_fn tr, void *user, const char *key,
                       const char *code, char *out, size_t cap);
/* The template for the screen's and the paper's line: receipt.when, or receipt.when_waitlist
 * (the seat is not hers yet). */
const char *receipt_when_key(const struct receipt_when *w);

#endif
