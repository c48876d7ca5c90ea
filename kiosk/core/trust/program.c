/* A program's signing key: the file the coordinator keeps (64 bytes, mode 0600), the demo
 * program's public-by-design key, and the certificate and revocation signatures. */
#include "trust.h"
#include "trust_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct trust_program {
    uint8_t sk[crypto_sign_SECRETKEYBYTES];
    uint8_t pk[crypto_sign_PUBLICKEYBYTES];
};

static struct trust_program *program_alloc(void)
{
    if (sodium_init() < 0)
        return NULL;
    struct trust_program *p = sodium_malloc(sizeof *p);
    if (p)
        memset(p, 0, sizeof *p);
    return p;
}

void trust_program_free(struct trust_program *p)
{
    if (p)
        sodium_free(p);
}

void trust_program_public_hex(const struct trust_program *p, char out[65])
{
    sodium_bin2hex(out, 65, p->pk, sizeof p->pk);
}

void trust_program_line(const struct trust_program *p, char *out, size_t cap)
{
    char id[RECEIPT_KEY_ID_LEN], hex[65];
    receipt_key_id_for(p->pk, id);
    trust_program_public_hex(p, hex);
    kiosk_fmt(out, cap, "program-key %s %s", id, hex);
}

kiosk_status trust_program_key_new(const char *path, char *line, size_t cap, char *err,
                                   size_t errlen)
{
    struct trust_program *p = program_alloc();
    if (!p)
        return KIOSK_E_NOMEM;
    crypto_sign_keypair(p->pk, p->sk);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        kiosk_fmt(err, errlen, "cannot make the program key file '%s': %s%s", path, strerror(errno),
                  errno == EEXIST ? " (a program key is never overwritten)" : "");
        trust_program_free(p);
        return errno == EEXIST ? KIOSK_E_EXISTS : KIOSK_E_IO;
    }
    int ok = write(fd, p->sk, sizeof p->sk) == (ssize_t)sizeof p->sk && fsync(fd) == 0;
    int saved = errno;
    close(fd);
    if (!ok) {
        unlink(path);
        kiosk_fmt(err, errlen, "cannot write '%s': %s", path, strerror(saved));
        trust_program_free(p);
        return KIOSK_E_IO;
    }
    trust_program_line(p, line, cap);
    trust_program_free(p);
    return KIOSK_OK;
}

kiosk_status trust_program_key_load(const char *path, struct trust_program **out, char *err,
                                    size_t errlen)
{
    *out = NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        kiosk_fmt(err, errlen, "cannot read the program key '%s': %s", path, strerror(errno));
        return errno == ENOENT ? KIOSK_E_NOT_FOUND : KIOSK_E_IO;
    }
    struct stat st;
    struct trust_program *p = program_alloc();
    int ok = p && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
             st.st_size == crypto_sign_SECRETKEYBYTES &&
             read(fd, p->sk, sizeof p->sk) == (ssize_t)sizeof p->sk;
    close(fd);
    if (ok)
        ok = crypto_sign_ed25519_sk_to_pk(p->pk, p->sk) == 0;
    uint8_t seed[crypto_sign_SEEDBYTES], pk[crypto_sign_PUBLICKEYBYTES];
    uint8_t sk[crypto_sign_SECRETKEYBYTES];
    ok = ok && crypto_sign_ed25519_sk_to_seed(seed, p->sk) == 0 &&
         crypto_sign_seed_keypair(pk, sk, seed) == 0 && sodium_memcmp(sk, p->sk, sizeof sk) == 0;
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(sk, sizeof sk);
    if (!ok) {
        kiosk_fmt(err, errlen, "'%s' is not a program key (made by 'kioskctl program-key new')",
                  path);
        trust_program_free(p);
        return KIOSK_E_INVALID;
    }
    *out = p;
    return KIOSK_OK;
}

kiosk_status trust_program_demo(struct trust_program **out)
{
    struct trust_program *p = program_alloc();
    *out = NULL;
    if (!p)
        return KIOSK_E_NOMEM;
    static const char text[] = "kiosk demo program: this key is public, never a real program";
    uint8_t seed[crypto_sign_SEEDBYTES];
    crypto_generichash(seed, sizeof seed, (const uint8_t *)text, sizeof text - 1, NULL, 0);
    crypto_sign_seed_keypair(p->pk, p->sk, seed);
    *out = p;
    return KIOSK_OK;
}

/* "KCERT1" || kiosk public key (32) || kiosk id (32 chars). */
size_t trust_cert_message(const uint8_t pk[32], const char *kiosk_id, uint8_t out[70])
{
    memcpy(out, "KCERT1", 6);
    memcpy(out + 6, pk, 32);
    memset(out + 38, 0, 32);
    memcpy(out + 38, kiosk_id, strnlen(kiosk_id, 32));
    return 70;
}

/* "KREVK1" || key id (8 chars) || program public key (32). */
static size_t revoke_message(const char *key_id, const uint8_t program[32], uint8_t out[46])
{
    memcpy(out, "KREVK1", 6);
    memset(out + 6, 0, 8);
    memcpy(out + 6, key_id, strnlen(key_id, 8));
    memcpy(out + 14, program, 32);
    return 46;
}

void trust_program_certify(const struct trust_program *p, const uint8_t pk[32],
                           const char *kiosk_id, char cert_hex[129])
{
    uint8_t msg[70], sig[crypto_sign_BYTES];
    size_t n = trust_cert_message(pk, kiosk_id, msg);
    crypto_sign_detached(sig, NULL, msg, n, p->sk);
    sodium_bin2hex(cert_hex, 129, sig, sizeof sig);
}

void trust_program_revoke_sig(const struct trust_program *p, const char *key_id, char sig_hex[129])
{
    uint8_t msg[46], sig[crypto_sign_BYTES];
    size_t n = revoke_message(key_id, p->pk, msg);
    crypto_sign_detached(sig, NULL, msg, n, p->sk);
    sodium_bin2hex(sig_hex, 129, sig, sizeof sig);
}

int trust_hex32(const char *hex, uint8_t out[32])
{
    size_t len = 0;
    return hex && strlen(hex) == 64 && sodium_hex2bin(out, 32, hex, 64, NULL, &len, NULL) == 0 &&
           len == 32;
}

int trust_sig_ok(const char *sig_hex, const uint8_t *msg, size_t n, const uint8_t pk[32])
{
    uint8_t sig[crypto_sign_BYTES];
    size_t len = 0;
    if (!sig_hex || strlen(sig_hex) != 128 ||
        sodium_hex2bin(sig, sizeof sig, sig_hex, 128, NULL, &len, NULL) != 0 || len != sizeof sig)
        return 0;
    return crypto_sign_verify_detached(sig, msg, n, pk) == 0;
}

int trust_cert_ok(const char *program_hex, const char *key_id, const char *pk_hex,
                  const char *kiosk_id, const char *cert_hex)
{
    uint8_t program[32], pk[32], msg[70];
    char want[RECEIPT_KEY_ID_LEN];
    if (sodium_init() < 0 || !trust_hex32(program_hex, program) || !trust_hex32(pk_hex, pk) ||
        !kiosk_id || strlen(kiosk_id) != KIOSK_ID_LEN - 1)
        return 0;
    receipt_key_id_for(pk, want);
    if (!key_id || strcmp(want, key_id) != 0)
        return 0; /* a certificate never lends its key another key's id */
    size_t n = trust_cert_message(pk, kiosk_id, msg);
    if (cert_hex && strlen(cert_hex) == TRUST_GRANT_CERT_HEX - 1)
        return trust_grant_cert_ok(program, cert_hex, msg, n);
    return trust_sig_ok(cert_hex, msg, n, program);
}

int trust_revocation_ok(const char *program_hex, const char *key_id, const char *sig_hex)
{
    uint8_t program[32], msg[46];
    if (sodium_init() < 0 || !trust_hex32(program_hex, program) || !key_id ||
        strlen(key_id) != RECEIPT_KEY_ID_LEN - 1)
        return 0;
    size_t n = revoke_message(key_id, program, msg);
    return trust_sig_ok(sig_hex, msg, n, program);
}

void trust_program_grant_sig(const struct trust_program *p, const uint8_t grant[32],
                             int64_t expires_ms, char sig_hex[129])
{
    uint8_t msg[79], sig[crypto_sign_BYTES];
    size_t n = trust_grant_message(grant, expires_ms, p->pk, msg);
    crypto_sign_detached(sig, NULL, msg, n, p->sk);
    sodium_bin2hex(sig_hex, 129, sig, sizeof sig);
}
