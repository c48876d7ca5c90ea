/* Enrolling a kiosk with an enrolment file from a stick (trust.h, docs/TRUST.md): the file
 * is read as untrusted input (a regular file, at most 4 KiB, every line checked), its grant
 * must be signed by the program it names and not past its end; the kiosk's key is then
 * certified with the grant's key. */
#include "admin/pin.h"
#include "trust_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct grant {
    uint8_t program[32], pk[32];
    int64_t until;
    char sig[129];
    uint8_t *sk; /* crypto_sign_SECRETKEYBYTES, in sodium's guarded memory */
    char pin[PIN_HASH_LEN];
    unsigned have; /* one bit a field */
};

static int hex_text(const char *v, size_t want)
{
    if (strlen(v) != want)
        return 0;
    for (size_t i = 0; i < want; i++)
        if (!((v[i] >= '0' && v[i] <= '9') || (v[i] >= 'a' && v[i] <= 'f')))
            return 0;
    return 1;
}

static int until_field(struct grant *g, const char *v)
{
    char *end;
    errno = 0;
    long long x = strtoll(v, &end, 10);
    if (errno || *end || end == v || x <= 0)
        return 0;
    g->until = x;
    return 1;
}

/* One "name value" line into g (its bit in g->have); 0 when it is not one of the file's. */
static int grant_field(struct grant *g, const char *name, const char *v)
{
    unsigned bit = 0;
    if (!strcmp(name, "program"))
        bit = trust_hex32(v, g->program) ? 1 : 0;
    else if (!strcmp(name, "grant"))
        bit = trust_hex32(v, g->pk) ? 2 : 0;
    else if (!strcmp(name, "until"))
        bit = until_field(g, v) ? 4 : 0;
    else if (!strcmp(name, "grant-sig") && hex_text(v, 128)) {
        memcpy(g->sig, v, 129);
        bit = 8;
    } else if (!strcmp(name, "grant-secret") && hex_text(v, 2 * crypto_sign_SECRETKEYBYTES))
        bit = sodium_hex2bin(g->sk, crypto_sign_SECRETKEYBYTES, v, strlen(v), NULL, NULL, NULL)
                  ? 0
                  : 16;
    else if (!strcmp(name, "pin") && strlen(v) < sizeof g->pin && !strncmp(v, "$argon2id$", 10)) {
        memcpy(g->pin, v, strlen(v) + 1);
        bit = 32;
    }
    g->have |= bit;
    return bit != 0;
}

/* The secret is the grant's (its public half derived again from the seed, not read from the
 * secret's copy of it) and the program signed the grant. */
static int grant_keys_ok(struct grant *g)
{
    uint8_t pk[32], msg[79], seed[crypto_sign_SEEDBYTES];
    uint8_t *sk = sodium_malloc(crypto_sign_SECRETKEYBYTES);
    int ok = sk && crypto_sign_ed25519_sk_to_seed(seed, g->sk) == 0 &&
             crypto_sign_seed_keypair(pk, sk, seed) == 0 && sodium_memcmp(pk, g->pk, 32) == 0 &&
             sodium_memcmp(sk, g->sk, crypto_sign_SECRETKEYBYTES) == 0;
    sodium_memzero(seed, sizeof seed);
    if (sk)
        sodium_free(sk);
    if (!ok)
        return 0;
    size_t n = trust_grant_message(g->pk, g->until, g->program, msg);
    return trust_sig_ok(g->sig, msg, n, g->program);
}

static int grant_parse(struct grant *g, char *text)
{
    char *save = NULL, *line = strtok_r(text, "\n", &save);
    if (!line || strcmp(line, TRUST_ENROL_MAGIC) != 0)
        return 0;
    while ((line = strtok_r(NULL, "\n", &save))) {
        if (line[0] == '#')
            continue;
        char *sp = strchr(line, ' ');
        if (!sp)
            return 0;
        *sp = '\0';
        if (!grant_field(g, line, sp + 1))
            return 0;
    }
    return (g->have & 31) == 31 && grant_keys_ok(g);
}

static kiosk_status grant_read(const char *path, struct grant *g, char *err, size_t errlen)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0) {
        kiosk_fmt(err, errlen, "cannot read the enrolment file '%s': %s", path, strerror(errno));
        return errno == ENOENT ? KIOSK_E_NOT_FOUND : KIOSK_E_INVALID;
    }
    struct stat sb;
    char *text = sodium_malloc(TRUST_ENROL_FILE_MAX + 1);
    ssize_t n = -1;
    if (text && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size <= TRUST_ENROL_FILE_MAX)
        n = read(fd, text, TRUST_ENROL_FILE_MAX);
    close(fd);
    int ok = n > 0;
    if (ok) {
        text[n] = '\0';
        ok = strlen(text) == (size_t)n && grant_parse(g, text);
    }
    if (text)
        sodium_free(text);
    if (!ok)
        kiosk_fmt(err, errlen, "'%s' is not an enrolment file of a program (or it was changed)",
                  path);
    return ok ? KIOSK_OK : KIOSK_E_INVALID;
}

/* 1 when this kiosk's key already holds a valid certificate of program. */
static int certified_here(store *s, const char *program, const char *key_id)
{
    struct store_trust_row *rows = NULL;
    size_t n = 0;
    int found = 0;
    if (store_enrolments(s, key_id, &rows, &n) == KIOSK_OK)
        for (size_t i = 0; i < n && !found; i++)
            found =
                !strcmp(rows[i].program_key, program) &&
                trust_cert_ok(program, key_id, rows[i].public_key, rows[i].kiosk_id, rows[i].sig);
    free(rows);
    return found;
}

/* The certificate through the grant: grant key, end, grant signature, kiosk key signature. */
static void chain_cert(const struct grant *g, store *s, const struct receipt_keys *k,
                       char out[TRUST_GRANT_CERT_HEX])
{
    uint8_t pk[32], msg[70], sig[crypto_sign_BYTES];
    receipt_keys_public(k, pk);
    size_t n = trust_cert_message(pk, store_kiosk_id(s), msg);
    crypto_sign_detached(sig, NULL, msg, n, g->sk);
    char gpk[65], csig[129];
    sodium_bin2hex(gpk, sizeof gpk, g->pk, 32);
    sodium_bin2hex(csig, sizeof csig, sig, sizeof sig);
    kiosk_fmt(out, TRUST_GRANT_CERT_HEX, "%s%016llx%s%s", gpk, (unsigned long long)g->until, g->sig,
              csig);
}

static int is_demo(const uint8_t program[32])
{
    struct trust_program *d = NULL;
    char hex[65] = "", want[65];
    if (trust_program_demo(&d) == KIOSK_OK)
        trust_program_public_hex(d, hex);
    trust_program_free(d);
    sodium_bin2hex(want, sizeof want, program, 32);
    return !strcmp(hex, want);
}

static kiosk_status enrol_with(store *s, struct grant *g, int no_pin, struct trust_enrolled *out,
                               const char **why, char *err, size_t errlen)
{
    char have[65], prog[65];
    trust_program_of(s, have);
    sodium_bin2hex(prog, sizeof prog, g->program, 32);
    receipt_key_id_for(g->program, out->program_id);
    receipt_key_id_for(g->pk, out->grant_id);
    if (is_demo(g->program)) { /* its key is public: anyone could make such a file */
        *why = "trust.enrol.err.file";
        kiosk_fmt(err, errlen, "an enrolment file of the demo program enrols nothing");
        return KIOSK_E_INVALID;
    }
    if (kiosk_clock_now_ms() > g->until) {
        *why = "trust.enrol.err.expired";
        kiosk_fmt(err, errlen, "the enrolment file %s ended: ask the coordinator for a new one",
                  out->grant_id);
        return KIOSK_E_DENIED;
    }
    if (have[0] && strcmp(have, prog) != 0) {
        *why = "trust.enrol.err.other";
        kiosk_fmt(err, errlen, "this kiosk is enrolled in another program: nothing was changed");
        return KIOSK_E_EXISTS;
    }
    if (no_pin && (!g->pin[0] || (strcmp(have, prog) != 0 && store_holds_people(s)))) {
        *why = "trust.enrol.err.first";
        kiosk_fmt(err, errlen,
                  "without an admin PIN, only a file with a PIN enrols, and only a kiosk of its "
                  "program or one that has recorded nobody yet: nothing was changed");
        return KIOSK_E_DENIED;
    }
    struct receipt_keys *k = NULL;
    kiosk_status st = receipt_keys_open(s, &k, err, errlen);
    if (st == KIOSK_OK) {
        kiosk_strlcpy(out->key_id, receipt_keys_id(k), sizeof out->key_id);
        out->already = !strcmp(have, prog) && certified_here(s, prog, out->key_id);
    }
    char cert[TRUST_GRANT_CERT_HEX], detail[64], pk[65];
    if (st == KIOSK_OK && !out->already) {
        uint8_t key[32];
        receipt_keys_public(k, key);
        sodium_bin2hex(pk, sizeof pk, key, sizeof key);
        chain_cert(g, s, k, cert);
        if (!trust_cert_ok(prog, out->key_id, pk, store_kiosk_id(s), cert))
            st = KIOSK_E_INVALID; /* never stored: a certificate no kiosk would take */
    }
    if (st == KIOSK_OK && !out->already) {
        kiosk_fmt(detail, sizeof detail, "grant %s", out->grant_id);
        st = trust_enrol_cert(s, k, prog, cert, detail, err, errlen);
    }
    receipt_keys_close(k);
    if (st == KIOSK_OK && g->pin[0] && !pin_is_set(s))
        out->pin_set = pin_set_hash(s, g->pin) == KIOSK_OK;
    if (st != KIOSK_OK)
        *why = "trust.enrol.err.store";
    return st;
}

kiosk_status trust_enrol_file(store *s, const char *path, int no_pin, struct trust_enrolled *out,
                              const char **why_key, char *err, size_t errlen)
{
    const char *why = NULL;
    memset(out, 0, sizeof *out);
    struct grant *g = NULL;
    kiosk_status st = sodium_init() < 0 ? KIOSK_E_NOMEM : KIOSK_OK;
    if (st == KIOSK_OK && (g = calloc(1, sizeof *g)) && (g->sk = sodium_malloc(64)))
        st = grant_read(path, g, err, errlen);
    else
        st = KIOSK_E_NOMEM;
    if (st != KIOSK_OK)
        why = st == KIOSK_E_NOT_FOUND ? "trust.enrol.err.none" : "trust.enrol.err.file";
    else
        st = enrol_with(s, g, no_pin, out, &why, err, errlen);
    if (g && g->sk)
        sodium_free(g->sk);
    if (g)
        sodium_memzero(g, sizeof *g);
    free(g);
    if (why_key)
        *why_key = why;
    return st;
}
