#include "pin.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_HASH "admin_pin_hash"
#define KEY_FAILURES "admin_pin_failures"
#define KEY_LOCKED "admin_pin_locked_until"

int pin_is_set(store *s)
{
    char hash[crypto_pwhash_STRBYTES];
    return store_setting_get(s, KEY_HASH, hash, sizeof hash) == KIOSK_OK && hash[0];
}

static int valid_pin(const char *pin)
{
    size_t n = strlen(pin);
    if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return 0;
    return 1;
}

kiosk_status pin_hash_new(const char *pin, char out[PIN_HASH_LEN])
{
    if (!valid_pin(pin))
        return KIOSK_E_INVALID;
    if (sodium_init() < 0)
        return KIOSK_E_NOMEM;
    if (crypto_pwhash_str(out, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return KIOSK_E_NOMEM;
    return KIOSK_OK;
}

kiosk_status pin_set_hash(store *s, const char *hash)
{
    if (sodium_init() < 0)
        return KIOSK_E_NOMEM;
    if (!hash || strncmp(hash, "$argon2id$", 10) != 0 || strlen(hash) >= PIN_HASH_LEN ||
        crypto_pwhash_str_needs_rehash(hash, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                       crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return KIOSK_E_INVALID;
    kiosk_status st = store_begin(s);
    if (st != KIOSK_OK)
        return st;
    st = store_setting_set(s, KEY_HASH, hash);
    if (st == KIOSK_OK)
        st = store_setting_set(s, KEY_FAILURES, "0");
    if (st == KIOSK_OK)
        st = store_setting_set(s, KEY_LOCKED, "0");
    if (st == KIOSK_OK)
        st = store_log_add(s, "admin.pin_set", "", "");
    if (st == KIOSK_OK)
        return store_commit(s);
    store_rollback(s);
    return st;
}

kiosk_status pin_set(store *s, const char *pin)
{
    char hash[PIN_HASH_LEN];
    kiosk_status st = pin_hash_new(pin, hash);
    return st == KIOSK_OK ? pin_set_hash(s, hash) : st;
}

static long long setting_ll(store *s, const char *key)
{
    char v[32];
    if (store_setting_get(s, key, v, sizeof v) != KIOSK_OK)
        return 0;
    return strtoll(v, NULL, 10);
}

static kiosk_status set_ll(store *s, const char *key, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    return store_setting_set(s, key, buf);
}

int64_t pin_lock_ms(long long failures)
{
    if (failures < PIN_MAX_TRIES)
        return 0;
    int64_t ms = PIN_LOCK_MS;
    for (long long i = PIN_MAX_TRIES; i < failures && ms < PIN_LOCK_MAX_MS; i++)
        ms *= 2;
    return ms < PIN_LOCK_MAX_MS ? ms : PIN_LOCK_MAX_MS;
}

/* Records one compared attempt: the failure count (kept across locks until a right PIN) and
 * the lock it earns, with its log row, in one transaction. */
static kiosk_status record_attempt(store *s, int right, long long failures, int64_t until)
{
    char detail[64];
    if (right)
        kiosk_strlcpy(detail, "ok", sizeof detail);
    else if (until)
        snprintf(detail, sizeof detail, "wrong: locked for %lld minutes",
                 (long long)(pin_lock_ms(failures) / 60000));
    else
        kiosk_strlcpy(detail, "wrong", sizeof detail);
    kiosk_status st = store_begin(s);
    if (st != KIOSK_OK)
        return st;
    st = set_ll(s, KEY_FAILURES, failures);
    if (st == KIOSK_OK && until)
        st = set_ll(s, KEY_LOCKED, until);
    if (st == KIOSK_OK)
        st = store_log_add(s, "admin.pin", "", detail);
    if (st == KIOSK_OK)
        return store_commit(s);
    store_rollback(s);
    return st;
}

kiosk_status pin_attempt_begin(store *s, const char *pin, int64_t now_ms, struct pin_attempt *at,
                               int64_t *locked_until_ms)
{
    memset(at, 0, sizeof *at);
    *locked_until_ms = 0;
    long long locked = setting_ll(s, KEY_LOCKED);
    if (locked > now_ms) {
        *locked_until_ms = locked;
        store_log_add(s, "admin.pin", "", "refused: locked");
        return KIOSK_E_UNAVAILABLE;
    }
    if (store_setting_get(s, KEY_HASH, at->hash, sizeof at->hash) != KIOSK_OK || !at->hash[0]) {
        store_log_add(s, "admin.pin", "", "refused: no PIN set");
        return KIOSK_E_NOT_FOUND;
    }
    if (sodium_init() < 0)
        return KIOSK_E_NOMEM;
    kiosk_strlcpy(at->pin, pin, sizeof at->pin);
    return KIOSK_OK;
}

void pin_attempt_compare(struct pin_attempt *at)
{
    size_t n = strlen(at->pin);
    at->right = n < sizeof at->pin - 1 && crypto_pwhash_str_verify(at->hash, at->pin, n) == 0;
    sodium_memzero(at->pin, sizeof at->pin);
}

kiosk_status pin_attempt_end(store *s, struct pin_attempt *at, int64_t now_ms, int *tries_left,
                             int64_t *locked_until_ms)
{
    *tries_left = 0;
    *locked_until_ms = 0;
    int right = at->right;
    sodium_memzero(at, sizeof *at);
    long long failures = right ? 0 : setting_ll(s, KEY_FAILURES) + 1;
    int64_t lock = right ? 0 : pin_lock_ms(failures);
    int64_t until = lock ? now_ms + lock : 0;
    kiosk_status st = record_attempt(s, right, failures, until);
    if (st != KIOSK_OK)
        return st;
    if (right)
        return KIOSK_OK;
    if (until) {
        *locked_until_ms = until;
        return KIOSK_E_UNAVAILABLE;
    }
    *tries_left = (int)(PIN_MAX_TRIES - failures);
    return KIOSK_E_DENIED;
}

kiosk_status pin_check(store *s, const char *pin, int64_t now_ms, int *tries_left,
                       int64_t *locked_until_ms)
{
    struct pin_attempt at;
    *tries_left = 0;
    kiosk_status st = pin_attempt_begin(s, pin, now_ms, &at, locked_until_ms);
    if (st != KIOSK_OK)
        return st;
    pin_attempt_compare(&at);
    return pin_attempt_end(s, &at, now_ms, tries_left, locked_until_ms);
}
