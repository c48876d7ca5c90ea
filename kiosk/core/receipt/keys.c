/* The kiosk's Ed25519 key pair and the table of trusted public keys. */
#include "receipt_internal.h"

#include "store/trust_rows.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int receipt_sodium_ready(void)
{
    static int ready;
    if (!ready)
        ready = sodium_init() >= 0;
    return ready;
}

void receipt_key_id_of(const uint8_t pk[crypto_sign_PUBLICKEYBYTES], char out[RECEIPT_KEY_ID_LEN])
{
    uint8_t hash[32];
    crypto_generichash(hash, sizeof hash, pk, crypto_sign_PUBLICKEYBYTES, NULL, 0);
    b32_crockford40(hash, out);
}

const char *receipt_keys_id(const struct receipt_keys *k)
{
    return k->key_id;
}

void receipt_keys_public(const struct receipt_keys *k, uint8_t out[32])
{
    memcpy(out, k->pk, crypto_sign_PUBLICKEYBYTES);
}

void receipt_keys_sign(const struct receipt_keys *k, const uint8_t *msg, size_t len,
                       uint8_t sig[RECEIPT_SIG_BYTES])
{
    crypto_sign_detached(sig, NULL, msg, len, k->sk);
}

void receipt_key_id_for(const uint8_t pk[32], char out[RECEIPT_KEY_ID_LEN])
{
    receipt_sodium_ready();
    receipt_key_id_of(pk, out);
}

static void key_path(store *s, char *out, size_t cap)
{
    kiosk_fmt(out, cap, "%s.key", store_path(s));
}

/* Writes a new secret key so that a power cut leaves either no file or a whole one, and two
 * processes starting at once end up with the same key (link() refuses to replace). */
static kiosk_status create_key_file(const char *path, char *err, size_t errlen)
{
    uint8_t pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
    crypto_sign_keypair(pk, sk);
    char tmp[4200];
    kiosk_fmt(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid());
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        kiosk_fmt(err, errlen, "cannot create the key file '%s': %s", path, strerror(errno));
        sodium_memzero(sk, sizeof sk);
        return errno == EROFS || errno == EACCES ? KIOSK_E_READONLY : KIOSK_E_IO;
    }
    ssize_t n = write(fd, sk, sizeof sk);
    int saved = errno;
    sodium_memzero(sk, sizeof sk);
    int ok = n == (ssize_t)sizeof sk && fsync(fd) == 0;
    if (!ok && n == (ssize_t)sizeof sk)
        saved = errno;
    close(fd);
    if (ok && link(tmp, path) != 0 && errno != EEXIST) {
        saved = errno;
        ok = 0;
    }
    unlink(tmp);
    if (!ok) {
        kiosk_fmt(err, errlen, "cannot write the key file '%s': %s", path, strerror(saved));
        return saved == ENOSPC ? KIOSK_E_FULL : KIOSK_E_IO;
    }
    kiosk_log(KIOSK_LOG_INFO, "made a new receipt key pair in '%s'", path);
    return KIOSK_OK;
}

static kiosk_status read_key_file(const char *path, struct receipt_keys *k, char *err,
                                  size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        kiosk_fmt(err, errlen, "cannot read the key file '%s': %s", path, strerror(errno));
        return errno == ENOENT ? KIOSK_E_NOT_FOUND : KIOSK_E_IO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size != crypto_sign_SECRETKEYBYTES) {
        close(fd);
        kiosk_fmt(err, errlen,
                  "'%s' is not a kiosk key file (expected %d bytes); move it away to make a "
                  "new key (receipts it signed will then need its public key trusted)",
                  path, crypto_sign_SECRETKEYBYTES);
        return KIOSK_E_CORRUPT;
    }
    if (st.st_mode & 077) {
        kiosk_log(KIOSK_LOG_WARN, "key file '%s' was readable by others (mode %03o): set to 0600",
                  path, (unsigned)(st.st_mode & 0777));
        if (fchmod(fd, 0600) != 0)
            kiosk_log(KIOSK_LOG_WARN, "cannot chmod '%s': %s", path, strerror(errno));
    }
    ssize_t n = read(fd, k->sk, sizeof k->sk);
    close(fd);
    uint8_t seed[crypto_sign_SEEDBYTES], pk[crypto_sign_PUBLICKEYBYTES],
        sk[crypto_sign_SECRETKEYBYTES];
    int ok = n == (ssize_t)sizeof k->sk && crypto_sign_ed25519_sk_to_seed(seed, k->sk) == 0 &&
             crypto_sign_seed_keypair(pk, sk, seed) == 0 &&
             sodium_memcmp(sk, k->sk, sizeof sk) == 0;
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(sk, sizeof sk);
    if (!ok) {
        kiosk_fmt(err, errlen, "'%s' is damaged (its public half does not match)", path);
        return KIOSK_E_CORRUPT;
    }
    memcpy(k->pk, pk, sizeof pk);
    receipt_key_id_of(k->pk, k->key_id);
    return KIOSK_OK;
}

/* The public key row: inserted once; a different key under the same id is refused. */
static kiosk_status store_public(store *s, const char *key_id, const char *pk_hex,
                                 const char *kiosk_id, int own, int *added, char *err,
                                 size_t errlen)
{
    if (added)
        *added = 0;
    char have[2 * crypto_sign_PUBLICKEYBYTES + 8];
    kiosk_status st = store_key_public(s, key_id, have, sizeof have);
    if (st == KIOSK_OK) {
        if (strcmp(have, pk_hex) == 0 && own == RECEIPT_KEY_BY_HAND) {
            /* a key that came by sync, now trusted by hand */
            st = store_key_mark_by_hand(s, key_id, added);
            return st;
        }
        if (strcmp(have, pk_hex) == 0)
            return KIOSK_OK;
        kiosk_fmt(err, errlen, "key id '%s' is already used by another key", key_id);
        return KIOSK_E_DENIED;
    }
    if (st != KIOSK_E_NOT_FOUND)
        return st;
    st = store_key_insert(s, key_id, pk_hex, kiosk_id, kiosk_clock_now_ms(), own);
    if (st != KIOSK_OK) {
        kiosk_fmt(err, errlen, "cannot store key '%s' in '%s': %s", key_id, store_path(s),
                  kiosk_status_name(st));
        return st;
    }
    if (added)
        *added = 1;
    return KIOSK_OK;
}

kiosk_status receipt_keys_open(store *s, struct receipt_keys **out, char *err, size_t errlen)
{
    *out = NULL;
    if (!receipt_sodium_ready()) {
        kiosk_fmt(err, errlen, "libsodium could not start");
        return KIOSK_E_IO;
    }
    struct receipt_keys *k = sodium_malloc(sizeof *k);
    if (!k)
        return KIOSK_E_NOMEM;
    memset(k, 0, sizeof *k);
    char path[4200];
    key_path(s, path, sizeof path);
    kiosk_status st = read_key_file(path, k, err, errlen);
    if (st == KIOSK_E_NOT_FOUND) {
        st = create_key_file(path, err, errlen);
        if (st == KIOSK_OK)
            st = read_key_file(path, k, err, errlen);
    }
    if (st == KIOSK_OK) {
        char hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
        sodium_bin2hex(hex, sizeof hex, k->pk, sizeof k->pk);
        kiosk_strlcpy(k->kiosk_id, store_kiosk_id(s), sizeof k->kiosk_id);
        st = store_public(s, k->key_id, hex, k->kiosk_id, 1, NULL, err, errlen);
    }
    if (st != KIOSK_OK) {
        sodium_free(k);
        return st;
    }
    *out = k;
    return KIOSK_OK;
}

void receipt_keys_close(struct receipt_keys *k)
{
    if (k)
        sodium_free(k); /* zeroes the secret key */
}

void receipt_keys_line(const struct receipt_keys *k, char *out, size_t cap)
{
    char hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
    sodium_bin2hex(hex, sizeof hex, k->pk, sizeof k->pk);
    kiosk_fmt(out, cap, "kiosk-key %s %s %s", k->key_id, hex, k->kiosk_id);
}

static int is_hex(const char *s, size_t len)
{
    if (strlen(s) != len)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
            return 0;
    return 1;
}

/* Checks a key line's fields; err gets what is wrong, without the file and line. */
static kiosk_status check_key(const char *key_id, const char *pk_hex, const char *kiosk_id,
                              char *err, size_t errlen)
{
    uint8_t pk[crypto_sign_PUBLICKEYBYTES], x[crypto_scalarmult_curve25519_BYTES];
    char want[RECEIPT_KEY_ID_LEN];
    if (!is_hex(pk_hex, 2 * crypto_sign_PUBLICKEYBYTES)) {
        kiosk_fmt(err, errlen, "the public key must be 64 lower-case hex digits");
        return KIOSK_E_INVALID;
    }
    sodium_hex2bin(pk, sizeof pk, pk_hex, strlen(pk_hex), NULL, NULL, NULL);
    /* Refuses points off the curve and of small order: no signature could be checked. */
    if (crypto_sign_ed25519_pk_to_curve25519(x, pk) != 0) {
        kiosk_fmt(err, errlen, "'%.16s...' is not an Ed25519 public key", pk_hex);
        return KIOSK_E_INVALID;
    }
    receipt_key_id_of(pk, want);
    if (strcmp(want, key_id) != 0) {
        kiosk_fmt(err, errlen, "key id '%s' does not match the public key (it would be '%s')",
                  key_id, want);
        return KIOSK_E_INVALID;
    }
    if (!is_hex(kiosk_id, KIOSK_ID_LEN - 1)) {
        kiosk_fmt(err, errlen, "the kiosk id must be 32 lower-case hex digits");
        return KIOSK_E_INVALID;
    }
    return KIOSK_OK;
}

kiosk_status receipt_key_trust(store *s, const char *key_id, const char *public_key_hex,
                               const char *kiosk_id, int *added, char *err, size_t errlen)
{
    if (!receipt_sodium_ready())
        return KIOSK_E_IO;
    kiosk_status st = check_key(key_id, public_key_hex, kiosk_id, err, errlen);
    if (st != KIOSK_OK)
        return st;
    return store_public(s, key_id, public_key_hex, kiosk_id, RECEIPT_KEY_BY_HAND, added, err,
                        errlen);
}

kiosk_status receipt_key_kiosk(store *s, const char *key_id, char kiosk_id[KIOSK_ID_LEN], int *own)
{
    return store_key_kiosk(s, key_id, kiosk_id, own);
}

struct key_line {
    char key_id[RECEIPT_KEY_ID_LEN];
    char pk_hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
    char kiosk_id[KIOSK_ID_LEN];
    int line_no;
};

/* One line of a key file: 1 a key, 0 blank or comment, -1 malformed (err says why). */
static int parse_key_line(char *line, struct key_line *out, char *err, size_t errlen)
{
    line[strcspn(line, "\r\n")] = '\0';
    char *p = line + strspn(line, " \t");
    if (*p == '\0' || *p == '#')
        return 0;
    char *fields[5] = {0};
    int n = 0;
    for (char *save = NULL, *t = strtok_r(p, " \t", &save); t; t = strtok_r(NULL, " \t", &save))
        fields[n < 5 ? n++ : 4] = t;
    if (n != 4 || strcmp(fields[0], "kiosk-key") != 0) {
        kiosk_fmt(err, errlen,
                  "expected 'kiosk-key KEY_ID PUBLIC_KEY KIOSK_ID' (what "
                  "'kioskctl keys show' prints)");
        return -1;
    }
    if (kiosk_strlcpy(out->key_id, fields[1], sizeof out->key_id) ||
        strlen(fields[1]) != RECEIPT_KEY_ID_LEN - 1) {
        kiosk_fmt(err, errlen, "the key id must be %d characters", RECEIPT_KEY_ID_LEN - 1);
        return -1;
    }
    kiosk_strlcpy(out->pk_hex, fields[2], sizeof out->pk_hex);
    kiosk_strlcpy(out->kiosk_id, fields[3], sizeof out->kiosk_id);
    if (check_key(out->key_id, fields[2], fields[3], err, errlen) != KIOSK_OK)
        return -1;
    return 1;
}

/* Reads up to cap keys from a key file; err names the file and line of a problem. */
static kiosk_status read_key_lines(const char *path, struct key_line *keys, size_t cap,
                                   size_t *count, char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        kiosk_fmt(err, errlen, "cannot open '%s': %s", path, strerror(errno));
        return errno == ENOENT ? KIOSK_E_NOT_FOUND : KIOSK_E_IO;
    }
    char line[512], why[256];
    kiosk_status st = KIOSK_OK;
    for (int no = 1; st == KIOSK_OK && fgets(line, sizeof line, f); no++) {
        struct key_line one;
        int r = 0;
        st = KIOSK_E_INVALID;
        if (!strchr(line, '\n') && !feof(f))
            kiosk_fmt(err, errlen, "'%s' line %d: the line is too long for a key", path, no);
        else if ((r = parse_key_line(line, &one, why, sizeof why)) < 0)
            kiosk_fmt(err, errlen, "'%s' line %d: %s", path, no, why);
        else if (r > 0 && *count == cap)
            kiosk_fmt(err, errlen, "'%s' line %d: more than %zu keys in one file", path, no, cap);
        else
            st = KIOSK_OK;
        if (st == KIOSK_OK && r > 0) {
            one.line_no = no;
            keys[(*count)++] = one;
        }
    }
    if (st == KIOSK_OK && ferror(f)) {
        kiosk_fmt(err, errlen, "cannot read '%s': %s", path, strerror(errno));
        st = KIOSK_E_IO;
    }
    fclose(f);
    if (st == KIOSK_OK && *count == 0) {
        kiosk_fmt(err, errlen, "'%s' holds no key (expected lines 'kiosk-key ...')", path);
        st = KIOSK_E_INVALID;
    }
    return st;
}

kiosk_status receipt_keys_trust_file(store *s, const char *path, int *added, char *err,
                                     size_t errlen)
{
    if (added)
        *added = 0;
    if (!receipt_sodium_ready())
        return KIOSK_E_IO;
    struct key_line keys[64];
    size_t count = 0;
    char why[256];
    kiosk_status st = read_key_lines(path, keys, KIOSK_ARRAY_LEN(keys), &count, err, errlen);
    if (st != KIOSK_OK)
        return st;
    /* All or nothing: a key refused halfway leaves the table as it was. */
    st = store_begin(s);
    for (size_t i = 0; st == KIOSK_OK && i < count; i++) {
        int one = 0;
        st = store_public(s, keys[i].key_id, keys[i].pk_hex, keys[i].kiosk_id, RECEIPT_KEY_BY_HAND,
                          &one, why, sizeof why);
        if (st != KIOSK_OK)
            kiosk_fmt(err, errlen, "'%s' line %d: %s", path, keys[i].line_no, why);
        else if (added)
            *added += one;
    }
    if (st == KIOSK_OK)
        st = store_commit(s);
    else
        store_rollback(s);
    return st;
}
