/* Internal to kiosk/core/trust: the signed messages and their checks, shared by the
 * program key (program.c), enrolment (enrol.c) and enrolment files (grant.c). */
#ifndef KIOSK_TRUST_INTERNAL_H
#define KIOSK_TRUST_INTERNAL_H

#include "trust.h"

#include "store/trust_rows.h"

#define TRUST_GRANT_CERT_HEX STORE_CERT_HEX
#define TRUST_ENROL_FILE_MAX 4096
#define TRUST_ENROL_MAGIC "kiosk-enrolment 1"
/* The program signs a grant: "KGRANT1" || grant key (32) || end (ms, 8 bytes big-endian) ||
 * program key (32): 79 bytes. */
size_t trust_grant_message(const uint8_t grant[32], int64_t expires_ms, const uint8_t program[32],
                           uint8_t out[79]);
/* The program key's signature (128 hex) of a grant. */
void trust_program_grant_sig(const struct trust_program *p, const uint8_t grant[32],
                             int64_t expires_ms, char sig_hex[129]);

/* "KCERT1" || kiosk public key (32) || kiosk id (32 chars, NUL-padded): 70 bytes. */
size_t trust_cert_message(const uint8_t pk[32], const char *kiosk_id, uint8_t out[70]);
/* 1 when hex is 64 hex digits (into out). */
int trust_hex32(const char *hex, uint8_t out[32]);
/* 1 when sig_hex (128 hex) is pk's Ed25519 signature of msg. */
int trust_sig_ok(const char *sig_hex, const uint8_t *msg, size_t n, const uint8_t pk[32]);
/* A certificate made through an enrolment grant (cert_hex TRUST_GRANT_CERT_HEX - 1 long):
 * the grant signed by program, msg (a trust_cert_message) signed by the grant's key. */
int trust_grant_cert_ok(const uint8_t program[32], const char *cert_hex, const uint8_t *msg,
                        size_t n);
/* The enrolment row and this kiosk's program, in one transaction (enrol.c); detail goes to
 * the log row. */
kiosk_status trust_enrol_cert(store *s, const struct receipt_keys *k, const char *program_hex,
                              const char *cert_hex, const char *detail, char *err, size_t errlen);

#endif
