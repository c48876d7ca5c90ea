/* Issuing receipts (stored once per person, event, session and kind) and verifying them. */
#include "receipt_internal.h"

#include "trust/trust.h"

#include <stdio.h>
#include <string.h>

void receipt_row_read(store_rows *st, struct receipt_row *out)
{
    struct kiosk_receipt *r = &out->r;
    memset(out, 0, sizeof *out);
    store_rows_copy(st, 0, r->id, sizeof r->id);
    r->kind = store_rows_int(st, 1);
    store_rows_copy(st, 2, r->event_id, sizeof r->event_id);
    store_rows_copy(st, 3, r->event_code, sizeof r->event_code);
    store_rows_copy(st, 4, r->session_id, sizeof r->session_id);
    r->session_number = store_rows_int(st, 5);
    store_rows_copy(st, 6, r->person_id, sizeof r->person_id);
    store_rows_copy(st, 7, r->short_code, sizeof r->short_code);
    store_rows_copy(st, 8, r->text, sizeof r->text);
    store_rows_copy(st, 9, r->key_id, sizeof r->key_id);
    r->issued_at_ms = store_rows_i64(st, 10);
    store_rows_copy(st, 11, out->person_name, sizeof out->person_name);
}

kiosk_status receipt_row_one(store_rows *st, void *out)
{
    receipt_row_read(st, out);
    return KIOSK_OK;
}

/* The existing receipt of a kind for person, event and session: KIOSK_OK with it in out,
 * KIOSK_E_NOT_FOUND, or a storage error. */
static kiosk_status find_existing(store *s, int kind, const char *event_id, const char *session_id,
                                  const char *person_id, struct kiosk_receipt *out)
{
    struct receipt_row row;
    kiosk_status r =
        store_receipt_existing(s, person_id, event_id, kind, session_id, receipt_row_one, &row);
    if (r == KIOSK_OK)
        *out = row.r;
    return r;
}

/* Makes, signs and inserts a new receipt; retries with a new id when the short code is
 * taken (40 bits: rare, but the table says UNIQUE and sync brings other kiosks' codes). */
static kiosk_status insert_new(store *s, struct receipt_keys *k, struct receipt_fields *f,
                               const char *person_id, struct kiosk_receipt *out)
{
    for (int attempt = 0; attempt < 4; attempt++) {
        uint8_t row_id[16];
        randombytes_buf(row_id, sizeof row_id);
        memcpy(f->id, row_id, RECEIPT_ID_BYTES);
        f->issued_at_s = kiosk_clock_now_ms() / 1000;
        kiosk_status e = receipt_encode(k, f, out->text);
        if (e != KIOSK_OK)
            return e;
        sodium_bin2hex(out->id, sizeof out->id, row_id, sizeof row_id);
        receipt_short_code(f->id, out->short_code);
        out->issued_at_ms = f->issued_at_s * 1000;
        int clash = 0;
        kiosk_status st = store_receipt_insert(s, out, person_id, &clash);
        if (!clash)
            return st;
    }
    kiosk_log(KIOSK_LOG_ERROR, "no free short code after 4 tries in '%s'", store_path(s));
    return KIOSK_E_IO;
}

static kiosk_status issue_locked(store *s, struct receipt_keys *k, int kind, const char *event_id,
                                 const char *session_id, const char *person_id,
                                 struct kiosk_receipt *out)
{
    kiosk_status st = find_existing(s, kind, event_id, session_id, person_id, out);
    if (st != KIOSK_E_NOT_FOUND)
        return st;
    struct receipt_fields f = {.kind = kind};
    st = store_event_code_of(s, event_id, f.event_code, sizeof f.event_code);
    if (st != KIOSK_OK)
        return st;
    if (session_id[0]) {
        char session_event[KIOSK_ID_LEN];
        st = store_session_of(s, session_id, session_event, &f.session_number);
        if (st != KIOSK_OK)
            return st;
        if (strcmp(session_event, event_id) != 0)
            return KIOSK_E_INVALID;
    }
    st = store_person_exists(s, person_id);
    if (st != KIOSK_OK)
        return st;
    memset(out, 0, sizeof *out);
    out->kind = kind;
    kiosk_strlcpy(out->event_id, event_id, sizeof out->event_id);
    kiosk_strlcpy(out->event_code, f.event_code, sizeof out->event_code);
    kiosk_strlcpy(out->session_id, session_id, sizeof out->session_id);
    out->session_number = f.session_number;
    kiosk_strlcpy(out->person_id, person_id, sizeof out->person_id);
    kiosk_strlcpy(out->key_id, k->key_id, sizeof out->key_id);
    kiosk_strlcpy(f.key_id, k->key_id, sizeof f.key_id);
    st = insert_new(s, k, &f, person_id, out);
    if (st == KIOSK_E_INVALID)
        kiosk_log(KIOSK_LOG_ERROR,
                  "event code '%s' cannot go into a receipt (at most %d of 0-9 A-Z a-z -)",
                  f.event_code, RECEIPT_CODE_MAX);
    if (st != KIOSK_OK)
        return st;
    char detail[160];
    kiosk_fmt(detail, sizeof detail, "kind=%s event=%s session=%d short=%s",
              receipt_kind_name(kind), out->event_code, out->session_number, out->short_code);
    return store_log_add(s, "receipt", out->id, detail);
}

kiosk_status receipt_issue(store *s, struct receipt_keys *k, int kind, const char *event_id,
                           const char *session_id, const char *person_id, struct kiosk_receipt *out)
{
    memset(out, 0, sizeof *out);
    if (kind < KIOSK_RECEIPT_SIGNUP || kind > KIOSK_RECEIPT_VISIT || !event_id || !person_id)
        return KIOSK_E_INVALID;
    if (!session_id)
        session_id = "";
    /* The look-up and the insert in one write transaction: two kiosk processes issuing the
     * same receipt at once end with one row. */
    kiosk_status st = store_begin(s);
    if (st != KIOSK_OK)
        return st;
    st = issue_locked(s, k, kind, event_id, session_id, person_id, out);
    if (st == KIOSK_OK)
        st = store_commit(s);
    else
        store_rollback(s);
    if (st != KIOSK_OK)
        memset(out, 0, sizeof *out);
    return st;
}

static kiosk_status refuse(kiosk_status st, const char **why_key, const char *key, char *detail,
                           size_t cap, const char *fmt, const char *arg)
{
    *why_key = key;
    if (detail && cap)
        snprintf(detail, cap, fmt, arg);
    return st;
}

/* What verify needs from the store, in one query (a scanner waits on it): the key, this
 * program's event of that code, its session of that number, the stored row. Empty: none. */
struct verify_facts {
    char pk_hex[2 * crypto_sign_PUBLICKEYBYTES + 1];
    char event_id[KIOSK_ID_LEN], session_id[KIOSK_ID_LEN];
    char row_id[KIOSK_ID_LEN], person_id[KIOSK_ID_LEN];
};

static kiosk_status copy_facts(store_rows *r, void *ctx)
{
    struct verify_facts *out = ctx;
    store_rows_copy(r, 0, out->pk_hex, sizeof out->pk_hex);
    store_rows_copy(r, 1, out->event_id, sizeof out->event_id);
    store_rows_copy(r, 2, out->session_id, sizeof out->session_id);
    store_rows_copy(r, 3, out->row_id, sizeof out->row_id);
    store_rows_copy(r, 4, out->person_id, sizeof out->person_id);
    return KIOSK_OK;
}

static kiosk_status verify_lookup(store *s, const char *text, const struct receipt_fields *f,
                                  struct verify_facts *out)
{
    memset(out, 0, sizeof *out);
    return store_receipt_facts(s, f->key_id, f->event_code, f->session_number, text, copy_facts,
                               out);
}

kiosk_status receipt_verify(store *s, const char *text, struct kiosk_receipt *out,
                            const char **why_key, char *why_detail, size_t detail_cap)
{
    memset(out, 0, sizeof *out);
    if (why_detail && detail_cap)
        why_detail[0] = '\0';
    receipt_sodium_ready();
    struct receipt_fields f;
    kiosk_status st = receipt_decode(text, &f, why_key);
    if (st == KIOSK_E_NEWER)
        return refuse(st, why_key, *why_key, why_detail, detail_cap,
                      "unknown receipt version '%.8s' (this kiosk reads KC1)", text);
    if (st != KIOSK_OK)
        return refuse(st, why_key, *why_key, why_detail, detail_cap,
                      "%s: not a kiosk receipt (expected KC1.<payload>.<signature>, "
                      "upper-case base32)",
                      "malformed text");
    struct verify_facts facts;
    st = verify_lookup(s, text, &f, &facts);
    if (st != KIOSK_OK)
        return refuse(st, why_key, "receipt.why.error", why_detail, detail_cap,
                      "cannot read the database: %s", kiosk_status_name(st));
    /* The key is trusted only when it is this kiosk's or certified by its program
     * (docs/TRUST.md); the keys table alone proves nothing. */
    uint8_t pk[crypto_sign_PUBLICKEYBYTES];
    enum trust_key_state ks = trust_key_check(s, f.key_id, pk, NULL);
    if (ks == TRUST_KEY_REVOKED)
        return refuse(KIOSK_E_DENIED, why_key, "receipt.why.revoked", why_detail, detail_cap,
                      "key '%s' was revoked by the program: its receipts no longer count",
                      f.key_id);
    if (ks == TRUST_KEY_UNKNOWN)
        return refuse(KIOSK_E_DENIED, why_key, "receipt.why.unknown_key", why_detail, detail_cap,
                      "unknown key '%s': not certified by this kiosk's program (enrol both "
                      "kiosks: kioskctl enrol --program-key FILE, then sync)",
                      f.key_id);
    if (!receipt_signature_ok(text, pk))
        return refuse(KIOSK_E_DENIED, why_key, "receipt.why.signature", why_detail, detail_cap,
                      "bad signature: the text was changed, or not signed by key '%s'", f.key_id);
    if (!facts.event_id[0])
        return refuse(
            KIOSK_E_NOT_FOUND, why_key, "receipt.why.other_program", why_detail, detail_cap,
            "a receipt of another program: event '%s' is not in this database", f.event_code);

    out->kind = f.kind;
    kiosk_strlcpy(out->event_id, facts.event_id, sizeof out->event_id);
    kiosk_strlcpy(out->event_code, f.event_code, sizeof out->event_code);
    out->session_number = f.session_number;
    kiosk_strlcpy(out->session_id, facts.session_id, sizeof out->session_id);
    kiosk_strlcpy(out->key_id, f.key_id, sizeof out->key_id);
    out->issued_at_ms = f.issued_at_s * 1000;
    kiosk_strlcpy(out->text, text, sizeof out->text);
    receipt_short_code(f.id, out->short_code);
    if (facts.row_id[0])
        kiosk_strlcpy(out->id, facts.row_id, sizeof out->id);
    else
        sodium_bin2hex(out->id, sizeof out->id, f.id, sizeof f.id);
    kiosk_strlcpy(out->person_id, facts.person_id, sizeof out->person_id);
    *why_key = NULL;
    return KIOSK_OK;
}
