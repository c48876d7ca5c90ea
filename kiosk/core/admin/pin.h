/* The coordinator's PIN: stored hashed (argon2id, libsodium crypto_pwhash), five wrong
 * tries lock the pad for five minutes, every attempt logged. Never stores the PIN itself. */
#ifndef KIOSK_PIN_H
#define KIOSK_PIN_H

#include "store/store.h"

#define PIN_MAX_TRIES 5
#define PIN_LOCK_MS (5 * 60 * 1000)
#define PIN_MIN_DIGITS 4
#define PIN_MAX_DIGITS 12

/* 1 when a PIN has been set. */
int pin_is_set(store *s);
/* Sets the PIN (digits only, 4 to 12). KIOSK_E_INVALID for anything else. */
kiosk_status pin_set(store *s, const char *pin);
/* Checks a PIN at kiosk time now_ms. KIOSK_OK: right (failures reset). KIOSK_E_DENIED:
 * wrong (*tries_left says how many remain). KIOSK_E_UNAVAILABLE: locked until
 * *locked_until_ms, the PIN was not even compared. Every attempt goes to the log. */
kiosk_status pin_check(store *s, const char *pin, int64_t now_ms, int *tries_left,
                       int64_t *locked_until_ms);

#endif
