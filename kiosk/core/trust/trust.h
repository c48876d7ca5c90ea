/* Trust (docs/TRUST.md): a program's signing key, kept by the coordinator, certifies the
 * receipt key of each kiosk it enrols; a kiosk trusts another kiosk's key (its receipts, and
 * the rows it sealed: seal.h) only with a valid certificate of its own program and no valid
 * revocation. An unenrolled kiosk trusts only its own key. */
#ifndef KIOSK_TRUST_H
#define KIOSK_TRUST_H

#include "receipt/receipt.h"

#define TRUST_META_PROGRAM "trust.program_key" /* meta: this kiosk's program (64 hex) */

/* A program's key pair (the secret in sodium's guarded memory). */
struct trust_program;
/* Makes a new program key in a new file of mode 0600 (never over an existing file) and
 * fills line with its public part: "program-key <PROGRAM_ID> <64 hex>". */
kiosk_status trust_program_key_new(const char *path, char *line, size_t cap, char *err,
                                   size_t errlen);
kiosk_status trust_program_key_load(const char *path, struct trust_program **out, char *err,
                                    size_t errlen);
/* The demo program's key: derived from a fixed text, known to everyone. Only the demo
 * enrols with it, so that two demo kiosks sync into one program. */
kiosk_status trust_program_demo(struct trust_program **out);
void trust_program_free(struct trust_program *p);
void trust_program_line(const struct trust_program *p, char *out, size_t cap);
void trust_program_public_hex(const struct trust_program *p, char out[65]);
/* The program's signatures: a certificate for a kiosk key (pk) of kiosk_id, a revocation. */
void trust_program_certify(const struct trust_program *p, const uint8_t pk[32],
                           const char *kiosk_id, char cert_hex[129]);
void trust_program_revoke_sig(const struct trust_program *p, const char *key_id, char sig_hex[129]);

/* This kiosk's program (64 hex), or "" when it is not enrolled. */
void trust_program_of(store *s, char out[65]);
/* Enrols this kiosk's receipt key into the program: certificate row and this kiosk's program.
 * KIOSK_E_EXISTS: enrolled in another program already (nothing changed). */
kiosk_status trust_enrol(store *s, const struct receipt_keys *k, const struct trust_program *p,
                         char *err, size_t errlen);
/* Enrols a demo database into the demo program (nothing when already enrolled). */
kiosk_status trust_enrol_demo(store *s, char *err, size_t errlen);
/* Withdraws a kiosk key from the program (a revocation row the program signs; it syncs). */
kiosk_status trust_revoke(store *s, const struct trust_program *p, const char *key_id, char *err,
                          size_t errlen);

enum trust_key_state {
    TRUST_KEY_OWN,      /* this kiosk's own key (not revoked) */
    TRUST_KEY_ENROLLED, /* certified by this kiosk's program, not revoked */
    TRUST_KEY_UNKNOWN,  /* no valid certificate of this program (or no program) */
    TRUST_KEY_REVOKED,  /* its program withdrew it */
    TRUST_KEY_BY_HAND   /* trusted by hand here (kioskctl keys trust): receipts only */
};
/* Whether key_id is trusted here; pk (32 bytes, may be NULL) gets the certified key and
 * kiosk_id (may be NULL) the kiosk it was certified for. */
enum trust_key_state trust_key_check(store *s, const char *key_id, uint8_t pk[32],
                                     char kiosk_id[KIOSK_ID_LEN]);

/* Certificate checks on their own (also used by sync on arriving rows). 1 when valid. */
int trust_cert_ok(const char *program_hex, const char *key_id, const char *pk_hex,
                  const char *kiosk_id, const char *cert_hex);
int trust_revocation_ok(const char *program_hex, const char *key_id, const char *sig_hex);

#endif
