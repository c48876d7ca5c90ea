/* The typed-input checks and the canonical hash of a synced row (see records.h). */
#include "records.h"

#include "people/identity.h"
#include "people/marks.h"
#include "program/program.h"
#include "store/trust_rows.h"

#include <ctype.h>
#include <errno.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_MAX 4096                     /* bytes of an ordinary text column */
#define LONG_TEXT_MAX 65536               /* extra, detail, interests */
#define BLOB_MAX (2 << 20)                /* a signature's strokes or picture */
#define HASHES_MAX (64LL << 20)           /* a seal's list of hashes */
#define TRUST_TIME_MAX_MS 7258118400000LL /* 2200-01-01: no session is planned later */

/* Strict UTF-8 (no overlong forms, surrogates or values past U+10FFFF). */
static int utf8_ok(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len = c < 0x80             ? 1
                     : (c & 0xe0) == 0xc0 ? 2
                     : (c & 0xf0) == 0xe0 ? 3
                     : (c & 0xf8) == 0xf0 ? 4
                                          : 0;
        if (!len || i + len > n || (len == 2 && c < 0xc2))
            return 0;
        unsigned cp = len == 1 ? c : c & (0x7f >> len);
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xc0) != 0x80)
                return 0;
            cp = cp << 6 | (s[i + k] & 0x3f);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
            return 0;
        i += len;
    }
    return 1;
}

int trust_text_sendable(const char *p, size_t len)
{
    return !memchr(p, '\0', len) && utf8_ok((const unsigned char *)p, len);
}

static int all_of(const struct store_value *v, const char *set, size_t min, size_t max)
{
    if (v->len < min || v->len > max)
        return 0;
    unsigned char in[256] = {0}; /* a table, not strchr per byte: every id of every row */
    for (const char *c = set; *c; c++)
        in[(unsigned char)*c] = 1;
    for (size_t i = 0; i < v->len; i++)
        if (!in[(unsigned char)v->p[i]])
            return 0;
    return 1;
}

static int int_ok(const struct store_value *v, int64_t *out)
{
    char buf[32];
    if (v->null || v->len == 0 || v->len >= sizeof buf ||
        !(v->p[0] == '-' || isdigit((unsigned char)v->p[0])))
        return 0;
    memcpy(buf, v->p, v->len);
    buf[v->len] = '\0';
    char *end = NULL;
    errno = 0;
    long long x = strtoll(buf, &end, 10);
    if (errno || *end)
        return 0;
    *out = x;
    return 1;
}

static int has_letter(const struct store_value *v)
{
    for (size_t i = 0; i < v->len; i++) {
        unsigned char c = (unsigned char)v->p[i];
        if (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
            return 1;
    }
    return 0;
}

/* Control characters: none, or only tab and line breaks in long texts. */
static int controls_ok(const struct store_value *v, int lines)
{
    for (size_t i = 0; i < v->len; i++) {
        unsigned char c = (unsigned char)v->p[i];
        if ((c < 0x20 || c == 0x7f) && !(lines && (c == '\t' || c == '\n' || c == '\r')))
            return 0;
    }
    return 1;
}

static int is_long_text(const char *name)
{
    return !strcmp(name, "extra") || !strcmp(name, "detail") || !strcmp(name, "interests");
}

static int is_id(const char *name)
{
    size_t n = strlen(name);
    if (!strcmp(name, "key_id"))
        return 0;
    return !strcmp(name, "id") || !strcmp(name, "updated_by") ||
           (n > 3 && !strcmp(name + n - 3, "_id"));
}

static const char *text_invalid(const char *name, const struct store_value *v, int64_t now_ms)
{
    (void)now_ms;
    static const char hex[] = "0123456789abcdef";
    if (is_id(name)) /* attendance_marks.checkin_id is empty unless it cancels a check-out */
        return all_of(v, hex, 32, 32) || (v->len == 0 && !strcmp(name, "checkin_id"))
                   ? NULL
                   : "an id that is not 32 hex digits";
    if (!strcmp(name, "key_id"))
        return all_of(v, "0123456789ABCDEFGHJKMNPQRSTVWXYZ", 8, 8) ? NULL : "a malformed key id";
    if (!strcmp(name, "public_key") || !strcmp(name, "program_key"))
        return all_of(v, hex, 64, 64) ? NULL : "a malformed public key";
    if (!strcmp(name, "cert") && v->len == STORE_CERT_HEX - 1) /* through an enrolment grant */
        return all_of(v, hex, v->len, v->len) ? NULL : "a malformed signature";
    if (!strcmp(name, "cert") || !strcmp(name, "sig"))
        return all_of(v, hex, 128, 128) ? NULL : "a malformed signature";
    if (!strcmp(name, "code"))
        return all_of(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-", 1,
                      RECEIPT_CODE_MAX)
                   ? NULL
                   : "a code with characters other than letters, digits and '-'";
    if (!strcmp(name, "phone"))
        return v->len == 0 ||
                       (all_of(v, "+0123456789", 3, 20) && !memchr(v->p + 1, '+', v->len - 1))
                   ? NULL
                   : "a phone number with characters other than digits";
    if (!utf8_ok((const unsigned char *)v->p, v->len))
        return "text that is not UTF-8";
    int lng = is_long_text(name);
    if (v->len > (size_t)(lng ? LONG_TEXT_MAX : TEXT_MAX))
        return "a text longer than a kiosk writes";
    if (!controls_ok(v, lng))
        return "control characters in a text";
    if (!strcmp(name, "full_name") && !has_letter(v))
        return "a name without a letter";
    return NULL;
}

/* The text of column name (cut to cap), or "" when the table has none. */
static void col_copy(const struct sync_table *t, const struct store_value *v, const char *name,
                     char *out, size_t cap)
{
    out[0] = '\0';
    for (int c = 0; c < t->ncols; c++) {
        if (strcmp(t->cols[c].name, name) != 0 || v[c].null)
            continue;
        size_t n = v[c].len < cap - 1 ? v[c].len : cap - 1;
        memcpy(out, v[c].p, n);
        out[n] = '\0';
    }
}

/* The number in column name, clamped to [lo, hi] (a value outside reads as lo - 1 or
 * hi + 1, so a range check refuses it); lo - 1 when the table has none. */
static int64_t col_num(const struct sync_table *t, const struct store_value *v, const char *name,
                       int64_t lo, int64_t hi)
{
    char buf[32];
    col_copy(t, v, name, buf, sizeof buf);
    char *end = NULL;
    errno = 0;
    long long x = strtoll(buf, &end, 10);
    if (!buf[0] || errno || *end)
        return lo - 1;
    return x < lo ? lo - 1 : x > hi ? hi + 1 : x;
}

#define NUM(name) col_num(t, v, name, -1000000000LL, 1000000000LL)

static const char *merge_invalid(const struct sync_table *t, const struct store_value *v)
{
    char a[72], b[72], reason[256], by[32];
    col_copy(t, v, "reason", reason, sizeof reason);
    col_copy(t, v, "by_whom", by, sizeof by);
    col_copy(t, v, "survivor_id", a, sizeof a);
    col_copy(t, v, "merged_id", b, sizeof b);
    return person_merge_row_valid(a, b, (int)NUM("undo"), reason, by) ? NULL
                                                                      : "a merge that is not one";
}

static const char *mark_invalid(const struct sync_table *t, const struct store_value *v)
{
    char a[72], reason[256], by[32];
    col_copy(t, v, "reason", reason, sizeof reason);
    col_copy(t, v, "by_whom", by, sizeof by);
    col_copy(t, v, "checkin_id", a, sizeof a);
    return attendance_mark_row_valid((int)NUM("mark"), a, reason, by)
               ? NULL
               : "a correction that is not one";
}

/* program_valid.c's checks on an event or a session; updated_at was checked against the
 * clock with the columns. */
static const char *event_invalid(const struct sync_table *t, const struct store_value *v)
{
    struct program_event ev = {0};
    col_copy(t, v, "code", ev.e.code, sizeof ev.e.code);
    col_copy(t, v, "title", ev.e.title, sizeof ev.e.title);
    ev.e.kind = (int)NUM("kind");
    ev.e.capacity = (int)NUM("capacity");
    ev.e.late_after_min = (int)NUM("late_after_min");
    ev.e.signup_open = (int)NUM("signup_open");
    ev.e.signature_required = (int)NUM("signature_required");
    ev.cancelled = (int)NUM("cancelled");
    return events_row_valid(&ev, 0, 0, 0) ? "an event that is not one" : NULL;
}

static const char *session_invalid(const struct sync_table *t, const struct store_value *v)
{
    struct kiosk_session s = {0};
    s.number = (int)NUM("number");
    s.starts_at_ms = col_num(t, v, "starts_at", 0, TRUST_TIME_MAX_MS);
    s.ends_at_ms = col_num(t, v, "ends_at", 0, TRUST_TIME_MAX_MS);
    if (s.starts_at_ms < 0 || s.starts_at_ms > TRUST_TIME_MAX_MS || s.ends_at_ms < 0 ||
        s.ends_at_ms > TRUST_TIME_MAX_MS)
        return "a session before 1970 or after 2200";
    return sessions_row_valid(&s, (int)NUM("cancelled"), 0, 0, 0) ? "a session that is not one"
                                                                  : NULL;
}

/* The numbers a kiosk writes in the other tables: enums and flags. birth_year 0 is unknown;
 * a year of birth later than now is refused by the store (people.c) and here bounded by 2200. */
static const char *range_invalid(const struct sync_table *t, const struct store_value *v)
{
    static const struct {
        const char *table, *col;
        int lo, hi;
    } ranges[] = {/* the enums of kiosk/include/kiosk/plugin.h, first to last */
                  {"people", "birth_year", 0, 2200},
                  {"people", "org_kind", KIOSK_ORG_NONE, KIOSK_ORG_OTHER},
                  {"registrations", "status", KIOSK_REG_REGISTERED, KIOSK_REG_CANCELLED},
                  {"consents", "purpose", KIOSK_CONSENT_ATTENDANCE, KIOSK_CONSENT_SHARE},
                  {"consents", "granted", 0, 1},
                  {"checkins", "kind", KIOSK_CHECK_IN, KIOSK_CHECK_RETURN},
                  {"checkins", "late", 0, 1},
                  {"checkins", "walkin", 0, 1},
                  {"receipts", "kind", KIOSK_RECEIPT_SIGNUP, KIOSK_RECEIPT_VISIT}};
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(ranges); i++) {
        if (strcmp(t->name, ranges[i].table) != 0)
            continue;
        int64_t x = NUM(ranges[i].col);
        if (x < ranges[i].lo || x > ranges[i].hi ||
            (!strcmp(ranges[i].col, "birth_year") && x && x < 1900))
            return "a number no kiosk writes there";
    }
    return NULL;
}

/* The rules of the tables whose rows say what is taught, who is who and what was corrected
 * (docs/PROGRAM.md, docs/IDENTITY.md): the same checks the kiosk makes when it writes them. */
static const char *table_invalid(const struct sync_table *t, const struct store_value *v)
{
    static const struct {
        const char *table;
        const char *(*invalid)(const struct sync_table *, const struct store_value *);
    } rules[] = {{"events", event_invalid},
                 {"sessions", session_invalid},
                 {"person_merges", merge_invalid},
                 {"attendance_marks", mark_invalid}};
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(rules); i++)
        if (!strcmp(t->name, rules[i].table))
            return rules[i].invalid(t, v);
    return range_invalid(t, v);
}

const char *trust_row_invalid(const struct sync_table *t, const struct store_value *v,
                              int64_t now_ms)
{
    for (int c = 0; c < t->ncols; c++) {
        const char *name = t->cols[c].name;
        if (v[c].null) {
            if (t->cols[c].type == SYNC_TEXT || t->cols[c].type == SYNC_INT)
                return "a missing value";
            continue;
        }
        int64_t x = 0;
        const char *why = NULL;
        switch (t->cols[c].type) {
        case SYNC_INT:
            if (!int_ok(&v[c], &x))
                why = "a number that is not one";
            else if ((!strcmp(name, "created_at") || !strcmp(name, "updated_at")) &&
                     (x < 0 || x > now_ms + TRUST_CLOCK_SKEW_MS))
                why = "a time later than now (or before 1970)";
            break;
        case SYNC_BLOB_NULL:
            if (!strcmp(name, "hashes") ? (v[c].len % TRUST_HASH_BYTES || v[c].len > HASHES_MAX)
                                        : v[c].len > BLOB_MAX)
                why = "data larger than a kiosk writes";
            break;
        default:
            why = text_invalid(name, &v[c], now_ms);
        }
        if (why)
            return why;
    }
    return table_invalid(t, v);
}

static void put_u32(crypto_generichash_state *h, uint32_t x)
{
    uint8_t b[4] = {(uint8_t)(x >> 24), (uint8_t)(x >> 16), (uint8_t)(x >> 8), (uint8_t)x};
    crypto_generichash_update(h, b, sizeof b);
}

/* The encoding of the columns, as put_u32 and the bytes would give it, into out: its length,
 * or 0 when it does not fit (then the columns are hashed one by one). */
static size_t encode_cols(const struct sync_table *t, const struct store_value *v, uint8_t *out,
                          size_t cap)
{
    size_t n = 0;
    for (int c = 0; c < t->ncols; c++) {
        size_t len = v[c].null ? 0 : t->cols[c].type == SYNC_INT ? 8 : 4 + v[c].len;
        if (n + 1 + len > cap)
            return 0;
        out[n++] = v[c].null ? 0 : (uint8_t)(1 + t->cols[c].type);
        uint64_t u = (uint64_t)v[c].len;
        if (v[c].null)
            continue;
        if (t->cols[c].type == SYNC_INT) {
            int64_t x = 0;
            int_ok(&v[c], &x);
            u = (uint64_t)x;
            for (int i = 0; i < 8; i++)
                out[n++] = (uint8_t)(u >> (56 - 8 * i));
            continue;
        }
        for (int i = 0; i < 4; i++)
            out[n++] = (uint8_t)(u >> (24 - 8 * i));
        memcpy(out + n, v[c].p, v[c].len);
        n += v[c].len;
    }
    return n;
}

void trust_row_hash(const struct sync_table *t, const struct store_value *v,
                    uint8_t out[TRUST_HASH_BYTES])
{
    crypto_generichash_state h;
    uint8_t buf[2048]; /* most rows: one update instead of three a column */
    crypto_generichash_init(&h, NULL, 0, TRUST_HASH_BYTES);
    crypto_generichash_update(&h, (const uint8_t *)"KROW1", 5);
    put_u32(&h, (uint32_t)strlen(t->name));
    crypto_generichash_update(&h, (const uint8_t *)t->name, strlen(t->name));
    size_t n = encode_cols(t, v, buf, sizeof buf);
    for (int c = 0; !n && c < t->ncols; c++) {
        uint8_t tag = v[c].null ? 0 : (uint8_t)(1 + t->cols[c].type);
        crypto_generichash_update(&h, &tag, 1);
        if (v[c].null)
            continue;
        int64_t x = 0;
        if (t->cols[c].type == SYNC_INT) {
            int_ok(&v[c], &x);
            uint64_t u = (uint64_t)x;
            put_u32(&h, (uint32_t)(u >> 32));
            put_u32(&h, (uint32_t)u);
        } else {
            put_u32(&h, (uint32_t)v[c].len);
            crypto_generichash_update(&h, (const uint8_t *)v[c].p, v[c].len);
        }
    }
    if (n)
        crypto_generichash_update(&h, buf, n);
    crypto_generichash_final(&h, out, TRUST_HASH_BYTES);
}

void trust_row_writer(const struct sync_table *t, const struct store_value *v,
                      char out[KIOSK_ID_LEN])
{
    const char *col = t->versioned ? "updated_by" : "kiosk_id";
    out[0] = '\0';
    for (int c = 0; c < t->ncols; c++) {
        if (strcmp(t->cols[c].name, col) == 0 && !v[c].null && v[c].len == KIOSK_ID_LEN - 1) {
            memcpy(out, v[c].p, v[c].len);
            out[v[c].len] = '\0';
        }
    }
}
