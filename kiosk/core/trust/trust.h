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
/* Its short id (the program key's key id, as `program-key new` prints it), or "". */
void trust_program_id_of(store *s, char out[RECEIPT_KEY_ID_LEN]);
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

/* Enrolment files (docs/TRUST.md): the coordinator hands a kiosk, on a stick, a one-purpose
 * enrolment grant instead of the program key: a fresh key pair the program key signed (with
 * an end date), whose secret can only certify kiosk keys. A certificate made through it
 * carries the grant and verifies with the program's public key alone; revoking the grant's
 * id (kioskctl keys revoke) withdraws every kiosk it enrolled. The program's secret is never
 * in the file. */
#define TRUST_ENROL_SUFFIX ".enrol" /* the admin screen looks for *.enrol on a stick */
/* Makes the file at path (mode 0600, never over an existing file): a grant of program p
 * valid until expires_ms; pin_hash (may be NULL): the admin PIN (pin_hash_new) a kiosk
 * takes at enrolment when it has none. line: "enrolment-file <GRANT_ID> program
 * <PROGRAM_ID> until <ms>". */
kiosk_status trust_enrol_file_new(const struct trust_program *p, int64_t expires_ms,
                                  const char *pin_hash, const char *path, char *line, size_t cap,
                                  char *err, size_t errlen);
struct trust_enrolled {
    char program_id[RECEIPT_KEY_ID_LEN]; /* the program's key id */
    char key_id[RECEIPT_KEY_ID_LEN];     /* this kiosk's key, now certified */
    char grant_id[RECEIPT_KEY_ID_LEN];   /* the grant it came through */
    int already;                         /* enrolled in that program before: nothing changed */
    int pin_set;                         /* the file's PIN became the admin PIN */
};
/* Enrols this kiosk with the enrolment file at path. no_pin: asked where there is no admin
 * PIN yet (the admin screen's first start): only a file that carries a PIN, and only on a
 * kiosk already in the file's program or one that has recorded nobody yet (a stranger's
 * file never opens a kiosk in use); else KIOSK_E_DENIED (trust.enrol.err.first). On
 * failure *why_key (may be NULL) gets a string-table key (trust.enrol.err.*) and err one
 * line: KIOSK_E_INVALID (not an enrolment file, or forged), KIOSK_E_DENIED (past its end),
 * KIOSK_E_EXISTS (this kiosk is in another program), KIOSK_E_NOT_FOUND (no such file). */
kiosk_status trust_enrol_file(store *s, const char *path, int no_pin, struct trust_enrolled *out,
                              const char **why_key, char *err, size_t errlen);
/* The id of the enrolment grant a certificate came through ("" : the program signed it). */
void trust_cert_grant_id(const char *cert_hex, char out[RECEIPT_KEY_ID_LEN]);

/* Certificate checks on their own (also used by sync on arriving rows). 1 when valid. */
int trust_cert_ok(const char *program_hex, const char *key_id, const char *pk_hex,
                  const char *kiosk_id, const char *cert_hex);
int trust_revocation_ok(const char *program_hex, const char *key_id, const char *sig_hex);

#endif
