/* What one direction of a sync trusts (records.h): the program's certified keys, their
 * revocations, and the hashes in seals those keys signed. */
#include "records.h"
#include "store/trust_rows.h"
#include "sync/sync.h"
#include "trust.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

struct key {
    char key_id[RECEIPT_KEY_ID_LEN];
    char grant_id[RECEIPT_KEY_ID_LEN]; /* the enrolment grant it came through, or "" */
    char kiosk_id[KIOSK_ID_LEN];
    uint8_t pk[32];
};
struct seal {
    char id[KIOSK_ID_LEN], kiosk_id[KIOSK_ID_LEN], key_id[RECEIPT_KEY_ID_LEN];
    int64_t created_at;
    uint8_t *hashes;
    size_t len;
    char sig[STORE_SIG_HEX];
    int ok;
};
struct slot {
    uint8_t h[TRUST_HASH_BYTES];
    uint32_t seal; /* index + 1; 0: empty */
};

struct trust_check {
    char program[65];
    struct key *keys;
    size_t nkeys, capkeys;
    char (*revoked)[RECEIPT_KEY_ID_LEN];
    size_t nrevoked, caprevoked;
    struct seal *seals;
    size_t nseals, capseals;
    struct slot *set;
    size_t setcap; /* a power of two */
};

static int grow(void **p, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return 1;
    size_t c = *cap ? *cap * 2 : 16;
    void *m = realloc(*p, c * size);
    if (!m)
        return 0;
    *p = m;
    *cap = c;
    return 1;
}

kiosk_status trust_check_new(const char *program_hex, struct trust_check **out)
{
    *out = calloc(1, sizeof **out);
    if (!*out || sodium_init() < 0)
        return KIOSK_E_NOMEM;
    kiosk_strlcpy((*out)->program, program_hex ? program_hex : "", sizeof(*out)->program);
    return KIOSK_OK;
}

void trust_check_free(struct trust_check *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nseals; i++)
        free(c->seals[i].hashes);
    free(c->seals);
    free(c->keys);
    free(c->revoked);
    free(c->set);
    free(c);
}

static void copy_text(const struct store_value *v, char *out, size_t cap)
{
    size_t n = v->null ? 0 : v->len < cap - 1 ? v->len : cap - 1;
    if (n)
        memcpy(out, v->p, n);
    out[n] = '\0';
}

/* enrolments: id kiosk_id created_at key_id public_key program_key cert */
static void feed_enrolment(struct trust_check *c, const struct store_value *v)
{
    char kiosk[KIOSK_ID_LEN], key_id[16], pk[65], program[65], cert[STORE_CERT_HEX];
    copy_text(&v[1], kiosk, sizeof kiosk);
    copy_text(&v[3], key_id, sizeof key_id);
    copy_text(&v[4], pk, sizeof pk);
    copy_text(&v[5], program, sizeof program);
    copy_text(&v[6], cert, sizeof cert);
    if (!c->program[0] || strcmp(program, c->program) != 0 ||
        !trust_cert_ok(c->program, key_id, pk, kiosk, cert))
        return;
    if (!grow((void **)&c->keys, &c->capkeys, c->nkeys, sizeof *c->keys))
        return;
    struct key *k = &c->keys[c->nkeys++];
    kiosk_strlcpy(k->key_id, key_id, sizeof k->key_id);
    kiosk_strlcpy(k->kiosk_id, kiosk, sizeof k->kiosk_id);
    trust_cert_grant_id(cert, k->grant_id);
    sodium_hex2bin(k->pk, sizeof k->pk, pk, 64, NULL, NULL, NULL);
}

/* revocations: id kiosk_id created_at key_id program_key sig */
static void feed_revocation(struct trust_check *c, const struct store_value *v)
{
    char key_id[16], program[65], sig[STORE_SIG_HEX];
    copy_text(&v[3], key_id, sizeof key_id);
    copy_text(&v[4], program, sizeof program);
    copy_text(&v[5], sig, sizeof sig);
    if (!c->program[0] || strcmp(program, c->program) != 0 ||
        !trust_revocation_ok(c->program, key_id, sig))
        return;
    if (grow((void **)&c->revoked, &c->caprevoked, c->nrevoked, sizeof *c->revoked))
        kiosk_strlcpy(c->revoked[c->nrevoked++], key_id, RECEIPT_KEY_ID_LEN);
}

/* seals: id kiosk_id created_at key_id hashes sig */
static void feed_seal(struct trust_check *c, const struct store_value *v)
{
    if (!c->program[0] || v[4].null || v[4].len % TRUST_HASH_BYTES ||
        !grow((void **)&c->seals, &c->capseals, c->nseals, sizeof *c->seals))
        return;
    struct seal *s = &c->seals[c->nseals];
    memset(s, 0, sizeof *s);
    copy_text(&v[0], s->id, sizeof s->id);
    copy_text(&v[1], s->kiosk_id, sizeof s->kiosk_id);
    copy_text(&v[3], s->key_id, sizeof s->key_id);
    copy_text(&v[5], s->sig, sizeof s->sig);
    int64_t at = 0;
    if (!v[2].null) {
        char num[32];
        copy_text(&v[2], num, sizeof num);
        at = strtoll(num, NULL, 10);
    }
    s->created_at = at;
    s->len = v[4].len;
    s->hashes = malloc(s->len ? s->len : 1);
    if (!s->hashes)
        return;
    memcpy(s->hashes, v[4].p, s->len);
    c->nseals++;
}

void trust_check_feed(struct trust_check *c, int table, const struct store_value *v)
{
    if (table == SYNC_ENROLMENTS)
        feed_enrolment(c, v);
    else if (table == SYNC_REVOCATIONS)
        feed_revocation(c, v);
    else if (table == SYNC_SEALS)
        feed_seal(c, v);
}

static const struct key *trusted_key(const struct trust_check *c, const char *key_id,
                                     const char *kiosk_id)
{
    const struct key *k = NULL;
    for (size_t i = 0; i < c->nkeys && !k; i++)
        if (!strcmp(c->keys[i].key_id, key_id) && !strcmp(c->keys[i].kiosk_id, kiosk_id))
            k = &c->keys[i];
    for (size_t i = 0; k && i < c->nrevoked; i++)
        if (!strcmp(c->revoked[i], key_id) ||
            (k->grant_id[0] && !strcmp(c->revoked[i], k->grant_id)))
            return NULL; /* the key withdrawn, or the enrolment grant it came through */
    return k;
}

static uint64_t slot_of(const uint8_t h[TRUST_HASH_BYTES])
{
    uint64_t x;
    memcpy(&x, h, sizeof x);
    return x;
}

static int set_add(struct trust_check *c, const uint8_t *h, uint32_t seal)
{
    size_t mask = c->setcap - 1;
    for (size_t i = slot_of(h) & mask;; i = (i + 1) & mask) {
        if (!c->set[i].seal) {
            memcpy(c->set[i].h, h, TRUST_HASH_BYTES);
            c->set[i].seal = seal;
            return 1;
        }
        if (!memcmp(c->set[i].h, h, TRUST_HASH_BYTES))
            return 0;
    }
}

static const struct seal *set_find(const struct trust_check *c, const uint8_t *h)
{
    if (!c->setcap)
        return NULL;
    size_t mask = c->setcap - 1;
    for (size_t i = slot_of(h) & mask; c->set[i].seal; i = (i + 1) & mask)
        if (!memcmp(c->set[i].h, h, TRUST_HASH_BYTES))
            return &c->seals[c->set[i].seal - 1];
    return NULL;
}

kiosk_status trust_check_finish(struct trust_check *c)
{
    size_t total = 0;
    for (size_t i = 0; i < c->nseals; i++) {
        struct seal *s = &c->seals[i];
        const struct key *k = trusted_key(c, s->key_id, s->kiosk_id);
        s->ok = k && trust_seal_sig_ok(k->pk, s->id, s->kiosk_id, s->created_at, s->key_id,
                                       s->hashes, s->len, s->sig);
        if (s->ok)
            total += s->len / TRUST_HASH_BYTES;
    }
    size_t cap = 64;
    while (cap < total * 2)
        cap *= 2;
    free(c->set);
    c->set = calloc(cap, sizeof *c->set);
    if (!c->set)
        return KIOSK_E_NOMEM;
    c->setcap = cap;
    for (size_t i = 0; i < c->nseals; i++)
        for (size_t o = 0; c->seals[i].ok && o < c->seals[i].len; o += TRUST_HASH_BYTES)
            set_add(c, c->seals[i].hashes + o, (uint32_t)i + 1);
    return KIOSK_OK;
}

static const char *self_signed_row(struct trust_check *c, int table, const struct store_value *v)
{
    char a[128], b[128], d[KIOSK_ID_LEN], e[STORE_CERT_HEX], program[65];
    if (table == SYNC_KEYS) {
        uint8_t pk[32];
        char want[RECEIPT_KEY_ID_LEN];
        copy_text(&v[0], a, sizeof a);
        copy_text(&v[1], b, sizeof b);
        if (sodium_hex2bin(pk, sizeof pk, b, strlen(b), NULL, NULL, NULL) != 0)
            return "a malformed public key";
        receipt_key_id_for(pk, want);
        return strcmp(want, a) == 0 ? NULL : "a key id that is not its key's (another kiosk's id)";
    }
    if (table == SYNC_ENROLMENTS) {
        copy_text(&v[1], d, sizeof d);
        copy_text(&v[3], a, sizeof a);
        copy_text(&v[4], b, sizeof b);
        copy_text(&v[5], program, sizeof program);
        copy_text(&v[6], e, sizeof e);
        if (c->program[0] && strcmp(program, c->program) != 0)
            return "a certificate of another program";
        return trust_cert_ok(program, a, b, d, e) ? NULL : "a certificate that does not verify";
    }
    if (table == SYNC_REVOCATIONS) {
        copy_text(&v[3], a, sizeof a);
        copy_text(&v[4], program, sizeof program);
        copy_text(&v[5], e, sizeof e);
        if (c->program[0] && strcmp(program, c->program) != 0)
            return "a revocation of another program";
        return trust_revocation_ok(program, a, e) ? NULL : "a revocation that does not verify";
    }
    /* seals */
    if (!c->program[0])
        return NULL;
    copy_text(&v[0], a, sizeof a);
    for (size_t i = 0; i < c->nseals; i++)
        if (c->seals[i].ok && strcmp(c->seals[i].id, a) == 0)
            return NULL;
    return "a seal not signed by an enrolled kiosk of this program";
}

const char *trust_check_row(struct trust_check *c, int table, const struct sync_table *t,
                            const struct store_value *v)
{
    if (!c->program[0])
        return NULL; /* not enrolled: a carrier (a stick) takes rows as they are; the enrolled
                      * kiosk that reads it checks them */
    const char *why = trust_row_invalid(t, v, kiosk_clock_now_ms());
    if (why)
        return why;
    if (table == SYNC_KEYS || table == SYNC_ENROLMENTS || table == SYNC_REVOCATIONS ||
        table == SYNC_SEALS)
        return self_signed_row(c, table, v);
    uint8_t h[TRUST_HASH_BYTES];
    trust_row_hash(t, v, h);
    const struct seal *s = set_find(c, h);
    if (!s)
        return "not written by an enrolled kiosk of this program, or changed after";
    char writer[KIOSK_ID_LEN];
    trust_row_writer(t, v, writer);
    if (strcmp(writer, s->kiosk_id) != 0)
        return "sealed by another kiosk than its writer";
    return NULL;
}
