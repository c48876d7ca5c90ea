/* The coordinator's PIN: stored hashed (argon2id, libsodium crypto_pwhash), at least six
 * digits; there is no admin mode until one is set (kioskctl pin set, or enrolment). Five
 * wrong tries lock the pad for five minutes; every wrong try after that locks it again for
 * twice as long as the last lock (10, 20, 40 minutes ... up to PIN_LOCK_MAX_MS) until the
 * right PIN is given. Every attempt is logged. Never stores the PIN itself. */
#ifndef KIOSK_PIN_H
#define KIOSK_PIN_H

#include "store/store.h"

#define PIN_MAX_TRIES 5
#define PIN_LOCK_MS (5 * 60 * 1000)
#define PIN_LOCK_MAX_MS (24LL * 60 * 60 * 1000)
#define PIN_MIN_DIGITS 6
#define PIN_MAX_DIGITS 12

/* 1 when a PIN has been set. */
int pin_is_set(store *s);
/* Sets the PIN (digits only, 6 to 12). KIOSK_E_INVALID for anything else. */
kiosk_status pin_set(store *s, const char *pin);
/* The stored form of a PIN (argon2id, libsodium's crypto_pwhash_str), made apart (an
 * enrolment file carries it, docs/TRUST.md), and setting the PIN from it: KIOSK_E_INVALID
 * unless it is an argon2id hash of the kiosk's parameters. */
#define PIN_HASH_LEN 128 /* crypto_pwhash_STRBYTES */
kiosk_status pin_hash_new(const char *pin, char out[PIN_HASH_LEN]);
kiosk_status pin_set_hash(store *s, const char *hash);
/* Checks a PIN at kiosk time now_ms. KIOSK_OK: right (failures reset). KIOSK_E_DENIED:
 * wrong (*tries_left says how many remain). KIOSK_E_UNAVAILABLE: locked until
 * *locked_until_ms (either already locked, and the PIN was not even compared, or this wrong
 * try locked it). KIOSK_E_NOT_FOUND: no PIN is set (no admin mode). Every attempt goes to the
 * log. */
kiosk_status pin_check(store *s, const char *pin, int64_t now_ms, int *tries_left,
                       int64_t *locked_until_ms);

/* The same check in three steps, so that the comparison (argon2id: about 90 ms of CPU, on
 * purpose) runs off the frame's thread. pin_attempt_begin reads the lock and the stored hash:
 * KIOSK_OK when the PIN is to be compared, else pin_check's answer without comparing (logged
 * as pin_check logs it). pin_attempt_compare needs no store (any thread). pin_attempt_end
 * records the attempt (failures, lock, log) and answers as pin_check does. Each forgets the
 * PIN it no longer needs. */
struct pin_attempt {
    char hash[PIN_HASH_LEN];
    char pin[PIN_MAX_DIGITS + 2]; /* one more than a PIN holds: a longer one never matches */
    int right;
};
kiosk_status pin_attempt_begin(store *s, const char *pin, int64_t now_ms, struct pin_attempt *at,
                               int64_t *locked_until_ms);
void pin_attempt_compare(struct pin_attempt *at);
kiosk_status pin_attempt_end(store *s, struct pin_attempt *at, int64_t now_ms, int *tries_left,
                             int64_t *locked_until_ms);

/* How long the pad locks after the given count of wrong tries in a row (0: no lock). */
int64_t pin_lock_ms(long long failures);

#endif
