/* Enrolment, revocation, and whether a key is trusted here (see trust.h). */
#include "trust.h"
#include "trust_internal.h"

#include "store/sync_io.h"
#include "store/trust_rows.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

void trust_program_of(store *s, char out[65])
{
    if (store_meta_get(s, TRUST_META_PROGRAM, out, 65) != KIOSK_OK || strlen(out) != 64)
        out[0] = '\0';
}

void trust_program_id_of(store *s, char out[RECEIPT_KEY_ID_LEN])
{
    char hex[65];
    uint8_t pk[32];
    trust_program_of(s, hex);
    out[0] = '\0';
    if (hex[0] && trust_hex32(hex, pk))
        receipt_key_id_for(pk, out);
}

kiosk_status trust_enrol_cert(store *s, const struct receipt_keys *k, const char *program_hex,
                              const char *cert_hex, const char *detail, char *err, size_t errlen)
{
    struct store_trust_row r = {0};
    uint8_t pk[32];
    receipt_keys_public(k, pk);
    kiosk_strlcpy(r.key_id, receipt_keys_id(k), sizeof r.key_id);
    sodium_bin2hex(r.public_key, sizeof r.public_key, pk, sizeof pk);
    kiosk_strlcpy(r.program_key, program_hex, sizeof r.program_key);
    kiosk_strlcpy(r.sig, cert_hex, sizeof r.sig);
    kiosk_status st = store_begin(s);
    if (st == KIOSK_OK)
        st = store_enrolment_add(s, &r);
    if (st == KIOSK_OK)
        st = store_meta_set(s, TRUST_META_PROGRAM, program_hex);
    if (st == KIOSK_OK)
        st = store_log_add(s, "trust.enrol", r.key_id, detail);
    if (st == KIOSK_OK)
        st = store_commit(s);
    else
        store_rollback(s);
    if (st != KIOSK_OK)
        kiosk_fmt(err, errlen, "cannot enrol '%s': %s", store_path(s), kiosk_status_name(st));
    return st;
}

kiosk_status trust_enrol(store *s, const struct receipt_keys *k, const struct trust_program *p,
                         char *err, size_t errlen)
{
    char have[65], want[65];
    trust_program_of(s, have);
    trust_program_public_hex(p, want);
    if (have[0] && strcmp(have, want) != 0) {
        kiosk_fmt(err, errlen,
                  "this kiosk is enrolled in another program (key %.16s...): nothing was changed",
                  have);
        return KIOSK_E_EXISTS;
    }
    uint8_t pk[32];
    char cert[STORE_SIG_HEX];
    receipt_keys_public(k, pk);
    trust_program_certify(p, pk, store_kiosk_id(s), cert);
    return trust_enrol_cert(s, k, want, cert, want, err, errlen);
}

kiosk_status trust_enrol_demo(store *s, char *err, size_t errlen)
{
    char have[65];
    trust_program_of(s, have);
    if (have[0])
        return KIOSK_OK;
    struct receipt_keys *k = NULL;
    struct trust_program *p = NULL;
    kiosk_status st = receipt_keys_open(s, &k, err, errlen);
    if (st == KIOSK_OK)
        st = trust_program_demo(&p);
    if (st == KIOSK_OK)
        st = trust_enrol(s, k, p, err, errlen);
    trust_program_free(p);
    receipt_keys_close(k);
    return st;
}

kiosk_status trust_revoke(store *s, const struct trust_program *p, const char *key_id, char *err,
                          size_t errlen)
{
    char have[65], want[65];
    trust_program_of(s, have);
    trust_program_public_hex(p, want);
    if (strcmp(have, want) != 0) {
        kiosk_fmt(err, errlen, "this kiosk is not enrolled in that program: nothing was changed");
        return KIOSK_E_DENIED;
    }
    if (!key_id || strlen(key_id) != RECEIPT_KEY_ID_LEN - 1) {
        kiosk_fmt(err, errlen, "'%s' is not a key id (8 characters, as 'keys list' shows)",
                  key_id ? key_id : "");
        return KIOSK_E_INVALID;
    }
    struct store_trust_row r = {0};
    kiosk_strlcpy(r.key_id, key_id, sizeof r.key_id);
    kiosk_strlcpy(r.program_key, want, sizeof r.program_key);
    trust_program_revoke_sig(p, key_id, r.sig);
    kiosk_status st = store_begin(s);
    if (st == KIOSK_OK)
        st = store_revocation_add(s, &r);
    if (st == KIOSK_OK)
        st = store_log_add(s, "trust.revoke", key_id, "");
    if (st == KIOSK_OK)
        st = store_commit(s);
    else
        store_rollback(s);
    if (st != KIOSK_OK)
        kiosk_fmt(err, errlen, "cannot revoke: %s", kiosk_status_name(st));
    return st;
}

static int revoked(store *s, const char *program, const char *key_id)
{
    struct store_trust_row *rows = NULL;
    size_t n = 0;
    int found = 0;
    if (program[0] && store_revocations(s, key_id, &rows, &n) == KIOSK_OK) {
        for (size_t i = 0; i < n && !found; i++)
            found = strcmp(rows[i].program_key, program) == 0 &&
                    trust_revocation_ok(program, key_id, rows[i].sig);
    }
    free(rows);
    return found;
}

/* A valid certificate of program for key_id: its key into pk, its kiosk into kiosk_id, the
 * enrolment grant it came through into grant_id ("" : signed by the program key itself). */
static int certified(store *s, const char *program, const char *key_id, uint8_t pk[32],
                     char kiosk_id[KIOSK_ID_LEN], char grant_id[RECEIPT_KEY_ID_LEN])
{
    struct store_trust_row *rows = NULL;
    size_t n = 0;
    int found = 0;
    if (program[0] && store_enrolments(s, key_id, &rows, &n) == KIOSK_OK) {
        for (size_t i = 0; i < n && !found; i++) {
            const struct store_trust_row *r = &rows[i];
            if (strcmp(r->program_key, program) != 0 ||
                !trust_cert_ok(program, key_id, r->public_key, r->kiosk_id, r->sig))
                continue;
            found = 1;
            sodium_hex2bin(pk, 32, r->public_key, 64, NULL, NULL, NULL);
            kiosk_strlcpy(kiosk_id, r->kiosk_id, KIOSK_ID_LEN);
            trust_cert_grant_id(r->sig, grant_id);
        }
    }
    free(rows);
    return found;
}

enum trust_key_state trust_key_check(store *s, const char *key_id, uint8_t pk[32],
                                     char kiosk_id[KIOSK_ID_LEN])
{
    uint8_t key[32];
    char program[65], kid[KIOSK_ID_LEN] = "", pk_hex[STORE_KEY_HEX], want[RECEIPT_KEY_ID_LEN];
    char grant[RECEIPT_KEY_ID_LEN] = "";
    int own = 0;
    trust_program_of(s, program);
    enum trust_key_state state = TRUST_KEY_UNKNOWN;
    /* Own key, or one the coordinator trusted by hand on this kiosk (receipts only). */
    if (store_key_row(s, key_id, pk_hex, &own, kid) == KIOSK_OK && own &&
        sodium_hex2bin(key, sizeof key, pk_hex, strlen(pk_hex), NULL, NULL, NULL) == 0) {
        receipt_key_id_for(key, want);
        if (strcmp(want, key_id) == 0)
            state = own == 1 ? TRUST_KEY_OWN : TRUST_KEY_BY_HAND;
    }
    if (state == TRUST_KEY_UNKNOWN && certified(s, program, key_id, key, kid, grant))
        state = TRUST_KEY_ENROLLED;
    if (state != TRUST_KEY_UNKNOWN &&
        (revoked(s, program, key_id) || (grant[0] && revoked(s, program, grant))))
        state = TRUST_KEY_REVOKED;
    if (state != TRUST_KEY_UNKNOWN && state != TRUST_KEY_REVOKED) {
        if (pk)
            memcpy(pk, key, 32);
        if (kiosk_id)
            kiosk_strlcpy(kiosk_id, kid, KIOSK_ID_LEN);
    }
    return state;
}
