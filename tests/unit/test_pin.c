/* The coordinator's PIN: six digits at least, hashed, five wrong tries lock for five minutes
 * and every later wrong try for twice as long as the last lock, attempts logged. */
#include "store/store_internal.h"
#include "admin/pin.h"
#include "check.h"

#include <sqlite3.h>
#include <stdlib.h>

static int log_count(store *s, const char *kind)
{
    sqlite3_stmt *st;
    int n = -1;
    sqlite3_prepare_v2(store_db(s), "SELECT count(*) FROM log WHERE kind=?1", -1, &st, NULL);
    sqlite3_bind_text(st, 1, kind, -1, SQLITE_STATIC);
    if (sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

int main(void)
{
    char dir[] = "/tmp/kiosk-pin.XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char db[256], err[256];
    snprintf(db, sizeof db, "%s/kiosk.db", dir);
    store *s = NULL;
    CHECK_INT(store_open(db, &s, err, sizeof err), KIOSK_OK);
    if (!s)
        return check_done();

    CHECK(!pin_is_set(s));
    CHECK_INT(pin_set(s, "12a4"), KIOSK_E_INVALID);
    CHECK_INT(pin_set(s, "123"), KIOSK_E_INVALID);
    CHECK_INT(pin_set(s, "2468"), KIOSK_E_INVALID); /* four digits fall in days: refused */
    CHECK_INT(pin_set(s, "24681"), KIOSK_E_INVALID);
    CHECK_INT(pin_set(s, "1234567890123"), KIOSK_E_INVALID);
    /* no PIN, no admin mode: even "000000" is not a way in */
    int left0;
    int64_t until0;
    CHECK_INT(pin_check(s, "000000", 1700000000000, &left0, &until0), KIOSK_E_NOT_FOUND);
    CHECK_INT(pin_set(s, "246813"), KIOSK_OK);
    CHECK(pin_is_set(s));

    /* the hash is stored, never the PIN */
    char hash[256];
    CHECK_INT(store_setting_get(s, "admin_pin_hash", hash, sizeof hash), KIOSK_OK);
    CHECK(strstr(hash, "246813") == NULL);
    CHECK(strncmp(hash, "$argon2id$", 10) == 0);

    int left;
    int64_t until, now = 1700000000000;
    CHECK_INT(pin_check(s, "246813", now, &left, &until), KIOSK_OK);
    for (int i = 1; i <= 4; i++) {
        CHECK_INT(pin_check(s, "111111", now, &left, &until), KIOSK_E_DENIED);
        CHECK_INT(left, 5 - i);
    }
    /* the fifth wrong PIN locks the pad; even the right one is refused then */
    CHECK_INT(pin_check(s, "111111", now, &left, &until), KIOSK_E_UNAVAILABLE);
    CHECK_INT(until, now + PIN_LOCK_MS);
    CHECK_INT(pin_check(s, "246813", now + 60000, &left, &until), KIOSK_E_UNAVAILABLE);
    /* each wrong PIN after a lock locks again, twice as long as the last time */
    int64_t t = now + PIN_LOCK_MS + 1;
    CHECK_INT(pin_check(s, "111112", t, &left, &until), KIOSK_E_UNAVAILABLE);
    CHECK_INT(until, t + 2 * PIN_LOCK_MS);
    t = until + 1;
    CHECK_INT(pin_check(s, "111113", t, &left, &until), KIOSK_E_UNAVAILABLE);
    CHECK_INT(until, t + 4 * PIN_LOCK_MS);
    /* a guesser gets a handful of tries a day, never more: the lock stops doubling at a day */
    CHECK_INT(pin_lock_ms(5), PIN_LOCK_MS);
    CHECK_INT(pin_lock_ms(40), PIN_LOCK_MAX_MS);
    CHECK_INT(pin_lock_ms(4), 0);
    /* the right PIN after the lock works and forgets the failures */
    t = until + 1;
    CHECK_INT(pin_check(s, "246813", t, &left, &until), KIOSK_OK);
    CHECK_INT(pin_check(s, "111111", t, &left, &until), KIOSK_E_DENIED);
    CHECK_INT(left, 4);
    /* every attempt is logged, the refused ones too */
    CHECK_INT(log_count(s, "admin.pin"), 12);

    /* in three steps (the comparison on the PIN pad's thread): the same answers and counts */
    struct pin_attempt at;
    CHECK_INT(pin_attempt_begin(s, "111111", t, &at, &until), KIOSK_OK);
    CHECK(at.pin[0] == '1' && at.hash[0] == '$');
    pin_attempt_compare(&at);
    CHECK(at.pin[0] == '\0' && !at.right); /* the PIN is forgotten once compared */
    CHECK_INT(pin_attempt_end(s, &at, t, &left, &until), KIOSK_E_DENIED);
    CHECK_INT(left, 3);
    CHECK(at.hash[0] == '\0');
    /* a longer PIN beginning with the right one is wrong, never cut to fit */
    CHECK_INT(pin_set(s, "246813579024"), KIOSK_OK);
    CHECK_INT(pin_attempt_begin(s, "2468135790241", t, &at, &until), KIOSK_OK);
    pin_attempt_compare(&at);
    CHECK(!at.right);
    CHECK_INT(pin_attempt_end(s, &at, t, &left, &until), KIOSK_E_DENIED);
    CHECK_INT(pin_attempt_begin(s, "246813579024", t, &at, &until), KIOSK_OK);
    pin_attempt_compare(&at);
    CHECK(at.right);
    CHECK_INT(pin_attempt_end(s, &at, t, &left, &until), KIOSK_OK);
    /* locked: refused at the first step, nothing compared */
    for (int i = 0; i < PIN_MAX_TRIES; i++)
        CHECK_INT(pin_check(s, "111111", t, &left, &until),
                  i < 4 ? KIOSK_E_DENIED : KIOSK_E_UNAVAILABLE);
    CHECK_INT(pin_attempt_begin(s, "246813579024", t + 1, &at, &until), KIOSK_E_UNAVAILABLE);
    CHECK_INT(until, t + PIN_LOCK_MS);
    store_close(s);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    return check_done();
}
