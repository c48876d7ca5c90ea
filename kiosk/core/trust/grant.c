/* Enrolment files (trust.h, docs/TRUST.md): a grant the program key signed, whose own key
 * certifies a kiosk's receipt key; the certificate carries the grant, so it verifies with
 * the program's public key alone. */
#include "trust_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

size_t trust_grant_message(const uint8_t grant[32], int64_t expires_ms, const uint8_t program[32],
                           uint8_t out[79])
{
    memcpy(out, "KGRANT1", 7);
    memcpy(out + 7, grant, 32);
    for (int i = 0; i < 8; i++)
        out[39 + i] = (uint8_t)((uint64_t)expires_ms >> (56 - 8 * i));
    memcpy(out + 47, program, 32);
    return 79;
}

/* The chained certificate: grant key (64 hex), end (16 hex), the program's signature of the
 * grant (128 hex), the grant key's signature of the kiosk key (128 hex). */
static int chain_parse(const char *cert, uint8_t grant[32], int64_t *until, char gsig[129],
                       char csig[129])
{
    char hex[65];
    if (!cert || strlen(cert) != TRUST_GRANT_CERT_HEX - 1)
        return 0;
    memcpy(hex, cert, 64);
    hex[64] = '\0';
    if (!trust_hex32(hex, grant))
        return 0;
    uint64_t u = 0;
    for (int i = 64; i < 80; i++) {
        char c = cert[i];
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (d < 0)
            return 0;
        u = u << 4 | (uint64_t)d;
    }
    *until = (int64_t)u;
    memcpy(gsig, cert + 80, 128);
    gsig[128] = '\0';
    memcpy(csig, cert + 208, 128);
    csig[128] = '\0';
    return 1;
}

int trust_grant_cert_ok(const uint8_t program[32], const char *cert_hex, const uint8_t *msg,
                        size_t n)
{
    uint8_t grant[32], gmsg[79];
    int64_t until;
    char gsig[129], csig[129];
    if (!chain_parse(cert_hex, grant, &until, gsig, csig))
        return 0;
    size_t gn = trust_grant_message(grant, until, program, gmsg);
    return trust_sig_ok(gsig, gmsg, gn, program) && trust_sig_ok(csig, msg, n, grant);
}

void trust_cert_grant_id(const char *cert_hex, char out[RECEIPT_KEY_ID_LEN])
{
    uint8_t grant[32];
    int64_t until;
    char gsig[129], csig[129];
    out[0] = '\0';
    if (chain_parse(cert_hex, grant, &until, gsig, csig))
        receipt_key_id_for(grant, out);
}

/* The file's text: the magic line, then one "name value" a line. */
static void grant_text(const struct trust_program *p, const uint8_t pk[32], const uint8_t *sk,
                       int64_t until, const char *pin_hash, char *out, size_t cap)
{
    char prog[65], gpk[65], sig[129], skhex[2 * crypto_sign_SECRETKEYBYTES + 1];
    trust_program_public_hex(p, prog);
    sodium_bin2hex(gpk, sizeof gpk, pk, 32);
    sodium_bin2hex(skhex, sizeof skhex, sk, crypto_sign_SECRETKEYBYTES);
    trust_program_grant_sig(p, pk, until, sig);
    kiosk_fmt(out, cap,
              TRUST_ENROL_MAGIC
              "\n# A kiosk enrolment grant (docs/TRUST.md): keep it like a key, revoke it "
              "with 'kioskctl keys revoke GRANT_ID'.\nprogram %s\ngrant %s\nuntil %lld\n"
              "grant-sig %s\ngrant-secret %s\n%s%s%s",
              prog, gpk, (long long)until, sig, skhex, pin_hash ? "pin " : "",
              pin_hash ? pin_hash : "", pin_hash ? "\n" : "");
    sodium_memzero(skhex, sizeof skhex);
}

static kiosk_status write_new(const char *path, const char *text, char *err, size_t errlen)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        kiosk_fmt(err, errlen, "cannot make the enrolment file '%s': %s%s", path, strerror(errno),
                  errno == EEXIST ? " (never written over)" : "");
        return errno == EEXIST ? KIOSK_E_EXISTS : KIOSK_E_IO;
    }
    size_t n = strlen(text);
    int ok = write(fd, text, n) == (ssize_t)n && fsync(fd) == 0;
    int saved = errno;
    close(fd);
    if (!ok) {
        unlink(path);
        kiosk_fmt(err, errlen, "cannot write '%s': %s", path, strerror(saved));
        return KIOSK_E_IO;
    }
    return KIOSK_OK;
}

kiosk_status trust_enrol_file_new(const struct trust_program *p, int64_t expires_ms,
                                  const char *pin_hash, const char *path, char *line, size_t cap,
                                  char *err, size_t errlen)
{
    if (pin_hash && (strchr(pin_hash, '\n') || strncmp(pin_hash, "$argon2id$", 10) != 0))
        return KIOSK_E_INVALID;
    if (sodium_init() < 0)
        return KIOSK_E_NOMEM;
    uint8_t pk[32];
    uint8_t *sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
    char *text = sodium_malloc(TRUST_ENROL_FILE_MAX);
    kiosk_status st = KIOSK_E_NOMEM;
    if (sk && text) {
        crypto_sign_keypair(pk, sk);
        grant_text(p, pk, sk, expires_ms, pin_hash, text, TRUST_ENROL_FILE_MAX);
        st = write_new(path, text, err, errlen);
    }
    if (st == KIOSK_OK) {
        char gid[RECEIPT_KEY_ID_LEN], pid[RECEIPT_KEY_ID_LEN], prog[65];
        uint8_t ppk[32];
        trust_program_public_hex(p, prog);
        trust_hex32(prog, ppk);
        receipt_key_id_for(pk, gid);
        receipt_key_id_for(ppk, pid);
        kiosk_fmt(line, cap, "enrolment-file %s program %s until %lld", gid, pid,
                  (long long)expires_ms);
    }
    if (sk)
        sodium_free(sk);
    if (text)
        sodium_free(text);
    return st;
}
