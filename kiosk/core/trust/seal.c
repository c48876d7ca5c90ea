/* Seals: a kiosk's signed list of the hashes of the rows it wrote (records.h). */
#include "records.h"
#include "store/sync_io.h"
#include "store/trust_rows.h"
#include "sync/sync.h"
#include "trust.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* The synced tables (kiosk/core/sync/sync_tables.c). */
extern const struct sync_table sync_tables[SYNC_TABLES];

static void seal_digest(const char *id, const char *kiosk_id, int64_t created_at,
                        const char *key_id, const uint8_t *hashes, size_t len, uint8_t out[32])
{
    crypto_generichash_state h;
    uint8_t at[8];
    for (int i = 0; i < 8; i++)
        at[i] = (uint8_t)((uint64_t)created_at >> (56 - 8 * i));
    crypto_generichash_init(&h, NULL, 0, 32);
    crypto_generichash_update(&h, (const uint8_t *)"KSEAL1", 6);
    crypto_generichash_update(&h, (const uint8_t *)id, strnlen(id, KIOSK_ID_LEN));
    crypto_generichash_update(&h, (const uint8_t *)kiosk_id, strnlen(kiosk_id, KIOSK_ID_LEN));
    crypto_generichash_update(&h, at, sizeof at);
    crypto_generichash_update(&h, (const uint8_t *)key_id, strnlen(key_id, RECEIPT_KEY_ID_LEN));
    crypto_generichash_update(&h, hashes, len);
    crypto_generichash_final(&h, out, 32);
}

int trust_seal_sig_ok(const uint8_t pk[32], const char *id, const char *kiosk_id,
                      int64_t created_at, const char *key_id, const uint8_t *hashes, size_t len,
                      const char *sig_hex)
{
    uint8_t d[32], sig[crypto_sign_BYTES];
    size_t n = 0;
    if (!sig_hex || strlen(sig_hex) != 128 ||
        sodium_hex2bin(sig, sizeof sig, sig_hex, 128, NULL, &n, NULL) != 0 || n != sizeof sig)
        return 0;
    seal_digest(id, kiosk_id, created_at, key_id, hashes, len, d);
    return crypto_sign_verify_detached(sig, d, sizeof d, pk) == 0;
}

/* A row of store_rows as values (valid until the next row). */
static void row_values(const struct sync_table *t, store_rows *r, struct store_value *v)
{
    for (int c = 0; c < t->ncols; c++) {
        size_t len = 0;
        const char *p = NULL;
        int null = store_rows_null(r, c);
        if (!null && t->cols[c].type == SYNC_BLOB_NULL)
            p = store_rows_blob(r, c, &len);
        else if (!null)
            p = store_rows_text(r, c, &len);
        v[c] = (struct store_value){p ? p : "", p ? len : 0, null};
    }
}

struct feed {
    struct trust_check *c;
    int table;
};

static kiosk_status feed_row(store_rows *r, void *ctx)
{
    struct feed *f = ctx;
    struct store_value v[16];
    row_values(&sync_tables[f->table], r, v);
    trust_check_feed(f->c, f->table, v);
    return KIOSK_OK;
}

kiosk_status trust_check_feed_store(struct trust_check *c, store *s, const char *schema)
{
    static const int tables[] = {SYNC_ENROLMENTS, SYNC_REVOCATIONS, SYNC_SEALS};
    kiosk_status st = KIOSK_OK;
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(tables) && st == KIOSK_OK; i++) {
        struct feed f = {c, tables[i]};
        st = store_trust_rows(s, schema, &sync_tables[tables[i]], NULL, NULL, feed_row, &f);
    }
    return st;
}

/* Hashes this kiosk already sealed, and the ones the new seal will hold. */
struct own {
    uint8_t *have; /* sorted hashes of own seals */
    size_t nhave;
    uint8_t *add;
    size_t nadd, capadd;
    int table;
    int failed;
    int64_t max_rowid[SYNC_TABLES]; /* append-only tables: the last own row seen */
};

static int cmp_hash(const void *a, const void *b)
{
    return memcmp(a, b, TRUST_HASH_BYTES);
}

static kiosk_status own_seal_row(store_rows *r, void *ctx)
{
    struct own *o = ctx;
    size_t len = 0;
    const void *h = store_rows_null(r, 4) ? NULL : store_rows_blob(r, 4, &len);
    if (!h || len % TRUST_HASH_BYTES)
        return KIOSK_OK;
    uint8_t *m = realloc(o->have, (o->nhave * TRUST_HASH_BYTES) + len);
    if (!m)
        return KIOSK_E_NOMEM;
    o->have = m;
    memcpy(o->have + o->nhave * TRUST_HASH_BYTES, h, len);
    o->nhave += len / TRUST_HASH_BYTES;
    return KIOSK_OK;
}

static kiosk_status own_row(store_rows *r, void *ctx)
{
    struct own *o = ctx;
    const struct sync_table *t = &sync_tables[o->table];
    struct store_value v[64];
    uint8_t h[TRUST_HASH_BYTES];
    row_values(t, r, v);
    if (t->track == SYNC_MARK) {
        int64_t rowid = store_rows_i64(r, t->ncols);
        if (rowid > o->max_rowid[o->table])
            o->max_rowid[o->table] = rowid;
    }
    trust_row_hash(t, v, h);
    if (o->nhave && bsearch(h, o->have, o->nhave, TRUST_HASH_BYTES, cmp_hash))
        return KIOSK_OK;
    if (o->nadd == o->capadd) {
        size_t cap = o->capadd ? o->capadd * 2 : 256;
        uint8_t *m = realloc(o->add, cap * TRUST_HASH_BYTES);
        if (!m)
            return KIOSK_E_NOMEM;
        o->add = m;
        o->capadd = cap;
    }
    memcpy(o->add + o->nadd++ * TRUST_HASH_BYTES, h, TRUST_HASH_BYTES);
    return KIOSK_OK;
}

static int self_signed(int table)
{
    return table == SYNC_KEYS || table == SYNC_ENROLMENTS || table == SYNC_REVOCATIONS ||
           table == SYNC_SEALS;
}

static const char *mark_key(int table, char *out, size_t cap)
{
    kiosk_fmt(out, cap, "trust.sealed.%s", sync_tables[table].name);
    return out;
}

/* Once the seal is stored: the append-only tables' rows up to here are sealed. */
static kiosk_status save_marks(store *s, const struct own *o)
{
    char key[80];
    kiosk_status st = KIOSK_OK;
    for (int i = 0; i < SYNC_TABLES && st == KIOSK_OK; i++)
        if (sync_tables[i].track == SYNC_MARK && !self_signed(i) && o->max_rowid[i])
            st = store_meta_set_i64(s, mark_key(i, key, sizeof key), o->max_rowid[i]);
    return st;
}

static kiosk_status collect_own(store *s, struct own *o)
{
    char key[80];
    const char *me = store_kiosk_id(s);
    kiosk_status st =
        store_trust_rows(s, "main", &sync_tables[SYNC_SEALS], "kiosk_id", me, own_seal_row, o);
    if (st == KIOSK_OK && o->nhave)
        qsort(o->have, o->nhave, TRUST_HASH_BYTES, cmp_hash);
    for (int i = 0; i < SYNC_TABLES && st == KIOSK_OK; i++) {
        if (self_signed(i))
            continue;
        o->table = i;
        const struct sync_table *t = &sync_tables[i];
        const char *col = t->versioned ? "updated_by" : "kiosk_id";
        /* Append-only facts: only the rows past the last seal's (rowids only grow). */
        if (t->track == SYNC_MARK) {
            o->max_rowid[i] = store_meta_get_i64(s, mark_key(i, key, sizeof key), 0);
            st = store_trust_rows_after(s, t, col, me, o->max_rowid[i], own_row, o);
        } else {
            st = store_trust_rows(s, "main", t, col, me, own_row, o);
        }
    }
    return st;
}

/* One seal over n hashes. */
static kiosk_status seal_one(store *s, const struct receipt_keys *k, const uint8_t *hashes,
                             size_t n)
{
    char id[KIOSK_ID_LEN], sig_hex[STORE_SIG_HEX];
    uint8_t d[32], sig[RECEIPT_SIG_BYTES];
    kiosk_id_new(id);
    int64_t at = kiosk_clock_now_ms();
    size_t len = n * TRUST_HASH_BYTES;
    seal_digest(id, store_kiosk_id(s), at, receipt_keys_id(k), hashes, len, d);
    receipt_keys_sign(k, d, sizeof d, sig);
    sodium_bin2hex(sig_hex, sizeof sig_hex, sig, sizeof sig);
    return store_seal_add(s, id, at, receipt_keys_id(k), hashes, len, sig_hex);
}

kiosk_status trust_seal_own(store *s, const struct receipt_keys *k, long *sealed, char *err,
                            size_t errlen)
{
    struct own o = {0};
    if (sealed)
        *sealed = 0;
    kiosk_status st = collect_own(s, &o);
    /* Seals of at most TRUST_SEAL_MAX_HASHES: a seal is a row, and rows have a size limit
     * on their way (a server pull refuses rows over PG_ROW_MAX_BYTES). */
    for (size_t i = 0; st == KIOSK_OK && i < o.nadd; i += TRUST_SEAL_MAX_HASHES) {
        size_t n = o.nadd - i < TRUST_SEAL_MAX_HASHES ? o.nadd - i : TRUST_SEAL_MAX_HASHES;
        st = seal_one(s, k, o.add + i * TRUST_HASH_BYTES, n);
        if (st == KIOSK_OK && sealed)
            *sealed += (long)n;
    }
    if (st == KIOSK_OK)
        st = save_marks(s, &o);
    if (st != KIOSK_OK)
        kiosk_fmt(err, errlen, "cannot seal this kiosk's records: %s", kiosk_status_name(st));
    free(o.have);
    free(o.add);
    return st;
}
