/* Receipts: issue and verify round trip, one receipt per person/event/session/kind, every
 * reason verify refuses a text, the key file, trusting other kiosks' keys. */
#include "store/store_internal.h"
#include "check.h"
#include "receipt/base32.h"
#include "receipt/qr.h"
#include "receipt/receipt.h"
#include "receipt/receipt_internal.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/kiosk-receipt-test.XXXXXX";

static void sql(store *s, const char *q, const char *a, const char *b, const char *c)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(store_db(s), q, -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, c, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        sqlite3_finalize(st);
    }
    if (rc != SQLITE_DONE)
        fprintf(stderr, "fixture failed: %s: %s\n", q, sqlite3_errmsg(store_db(s)));
}

/* An event (id, code, title), its sessions 1 and 2 (ids id+"s1", id+"s2"). */
static void add_event(store *s, const char *id, const char *code, const char *title)
{
    sql(s,
        "INSERT INTO events(id, kiosk_id, created_at, updated_at, updated_by, code, kind, title) "
        "VALUES(?1, 'k', 0, 0, 'k', ?2, 1, ?3)",
        id, code, title);
    char sid[KIOSK_ID_LEN];
    for (int n = 1; n <= 2; n++) {
        kiosk_fmt(sid, sizeof sid, "%.30ss%d", id, n);
        sql(s,
            n == 1 ? "INSERT INTO sessions(id, kiosk_id, created_at, event_id, number, starts_at, "
                     "ends_at) VALUES(?1, 'k', 0, ?2, 1, 0, 1)"
                   : "INSERT INTO sessions(id, kiosk_id, created_at, event_id, number, starts_at, "
                     "ends_at) VALUES(?1, 'k', 0, ?2, 2, 0, 1)",
            sid, id, NULL);
    }
}

static void add_person(store *s, const char *id, const char *name, const char *key)
{
    sql(s,
        "INSERT INTO people(id, kiosk_id, created_at, updated_at, updated_by, full_name, "
        "name_key) VALUES(?1, 'k', 0, 0, 'k', ?2, ?3)",
        id, name, key);
}

static store *open_db(const char *name)
{
    char path[256], err[512] = "";
    kiosk_fmt(path, sizeof path, "%s/%s", dir, name);
    store *s = NULL;
    kiosk_status st = store_open(path, &s, err, sizeof err);
    if (st != KIOSK_OK)
        fprintf(stderr, "cannot open: %s\n", err);
    return s;
}

static int count_rows(store *s, const char *table)
{
    char q[128];
    kiosk_fmt(q, sizeof q, "SELECT count(*) FROM %s", table);
    sqlite3_stmt *st;
    int n = -1;
    if (sqlite3_prepare_v2(store_db(s), q, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return n;
}

static const char *why_of(store *s, const char *text, kiosk_status *st)
{
    struct kiosk_receipt r;
    const char *why = NULL;
    char detail[256];
    *st = receipt_verify(s, text, &r, &why, detail, sizeof detail);
    return why ? why : "(none)";
}

static void test_base32(void)
{
    uint8_t in[7] = {0xde, 0xad, 0xbe, 0xef, 0x00, 0x42, 0xff}, back[16];
    char txt[32];
    for (size_t n = 0; n <= sizeof in; n++) {
        size_t len = b32_encode(in, n, txt, sizeof txt);
        CHECK_INT(len, b32_encoded_len(n));
        CHECK_INT(b32_decode(txt, len, back, sizeof back), (int)n);
        CHECK(memcmp(in, back, n) == 0);
    }
    CHECK_STR((b32_encode((const uint8_t *)"foobar", 6, txt, sizeof txt), txt), "MZXW6YTBOI");
    CHECK_INT(b32_decode("MZXW6YTBOJ", 10, back, sizeof back), -1); /* padding bits set */
    CHECK_INT(b32_decode("MZXW6YTBOi", 10, back, sizeof back), -1); /* lower case */
    CHECK_INT(b32_decode("MZXW6YTBO", 9, back, sizeof back), -1);   /* impossible length */
    char code[KIOSK_SHORT_LEN];
    CHECK_INT(receipt_short_code_read("7kq3m9xt", code), 0);
    CHECK_STR(code, "7KQ3-M9XT");
    CHECK_INT(receipt_short_code_read(" 7KQ3-M9XO ", code), 0);
    CHECK_STR(code, "7KQ3-M9X0");
    CHECK_INT(receipt_short_code_read("7KQ3-M9XU", code), -1);
    CHECK_INT(receipt_short_code_read("7KQ3-M9X", code), -1);
}

/* The QR of a receipt: version <= 6 at level M; the picture has its quiet zone (white) and
 * the finder pattern's dark corner where it belongs. */
static void test_qr(const char *text)
{
    struct qr_matrix m;
    CHECK_INT(qr_encode(text, &m), KIOSK_OK);
    CHECK(m.version >= 1 && m.version <= 6);
    CHECK_INT(m.size, 17 + 4 * m.version);
    uint8_t *px = NULL;
    int side = 0;
    CHECK_INT(qr_render_grey(&m, 6, 4, &px, &side), KIOSK_OK);
    CHECK_INT(side, (m.size + 8) * 6);
    if (px) {
        CHECK_INT(px[0], 255);
        CHECK_INT(px[(size_t)(4 * 6 - 1) * (size_t)side + 4 * 6 - 1], 255); /* quiet zone */
        CHECK_INT(px[(size_t)(4 * 6) * (size_t)side + 4 * 6], 0);           /* finder corner */
        CHECK_INT(px[(size_t)(4 * 6 + 5) * (size_t)side + 4 * 6 + 5], 0);
    }
    free(px);
    CHECK_INT(qr_render_grey(&m, 0, 4, &px, &side), KIOSK_E_INVALID);
    qr_matrix_release(&m);
    CHECK_INT(qr_encode("", &m), KIOSK_E_INVALID);
}

static void test_keys(store *s, struct receipt_keys *k)
{
    char path[300];
    kiosk_fmt(path, sizeof path, "%s.key", store_path(s));
    struct stat sb;
    CHECK(stat(path, &sb) == 0);
    CHECK_INT(sb.st_mode & 0777, 0600);
    CHECK_INT(sb.st_size, 64);
    CHECK_INT(strlen(receipt_keys_id(k)), 8);
    /* Opening again reads the same key; a loosened mode is put back to 0600. */
    chmod(path, 0644);
    struct receipt_keys *again = NULL;
    char err[256] = "";
    CHECK_INT(receipt_keys_open(s, &again, err, sizeof err), KIOSK_OK);
    if (again) {
        CHECK_STR(receipt_keys_id(again), receipt_keys_id(k));
        receipt_keys_close(again);
    }
    CHECK(stat(path, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    CHECK_INT(count_rows(s, "keys"), 1);
    char kid[KIOSK_ID_LEN];
    int own = 0;
    CHECK_INT(receipt_key_kiosk(s, receipt_keys_id(k), kid, &own), KIOSK_OK);
    CHECK_STR(kid, store_kiosk_id(s));
    CHECK_INT(own, 1);
    char line[256];
    receipt_keys_line(k, line, sizeof line);
    CHECK(strncmp(line, "kiosk-key ", 10) == 0);
    CHECK(strstr(line, store_kiosk_id(s)) != NULL);
}

static void test_issue(store *s, struct receipt_keys *k)
{
    struct kiosk_receipt a, b, c, v;
    const char *why = NULL;
    char detail[256];
    CHECK_INT(receipt_issue(s, k, KIOSK_RECEIPT_ATTENDANCE, "ev1", "ev1s2", "p1", &a), KIOSK_OK);
    CHECK(strncmp(a.text, "KC1.", 4) == 0);
    CHECK_INT(strlen(a.short_code), 9);
    CHECK_INT(a.short_code[4], '-');
    CHECK_INT(a.session_number, 2);
    CHECK_STR(a.event_code, "MDN-MK");
    CHECK_STR(a.key_id, receipt_keys_id(k));
    CHECK(strstr(a.text, "Hoa") == NULL);
    /* Alphanumeric mode only: upper-case base32 and dots. */
    CHECK(strspn(a.text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567.1") == strlen(a.text));
    test_qr(a.text);
    /* Every code of the demo program, any kind, a high session number: still version <= 6. */
    static const char *const codes[] = {"PAKD-01", "KSDN-01", "VHKD-01", "THUH-01",
                                        "MDN-MK",  "MDN-PD",  "DDN-CD",  "DBHK-TT",
                                        "DDN-TT",  "HC-DT",   "HC-KG",   "KSDN2025A"};
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(codes); i++) {
        struct receipt_fields f = {.kind = KIOSK_RECEIPT_VISIT, .session_number = 4095};
        kiosk_strlcpy(f.event_code, codes[i], sizeof f.event_code);
        kiosk_strlcpy(f.key_id, receipt_keys_id(k), sizeof f.key_id);
        f.issued_at_s = 4000000000;
        char t[KIOSK_RECEIPT_LEN];
        struct qr_matrix m = {0};
        CHECK_INT(receipt_encode(k, &f, t), KIOSK_OK);
        CHECK_INT(qr_encode(t, &m), KIOSK_OK);
        if (m.version > 6)
            fprintf(stderr, "'%s': version %d, %zu chars\n", codes[i], m.version, strlen(t));
        CHECK(m.version <= 6);
        qr_matrix_release(&m);
        struct receipt_fields back;
        const char *decode_why;
        CHECK_INT(receipt_decode(t, &back, &decode_why), KIOSK_OK);
        CHECK_STR(back.event_code, codes[i]);
        CHECK_INT(back.session_number, 4095);
        CHECK_INT(back.issued_at_s, 4000000000);
    }

    CHECK_INT(receipt_verify(s, a.text, &v, &why, detail, sizeof detail), KIOSK_OK);
    CHECK_INT(v.kind, KIOSK_RECEIPT_ATTENDANCE);
    CHECK_STR(v.event_id, "ev1");
    CHECK_STR(v.event_code, "MDN-MK");
    CHECK_INT(v.session_number, 2);
    CHECK_STR(v.session_id, "ev1s2");
    CHECK_STR(v.person_id, "p1");
    CHECK_STR(v.id, a.id);
    CHECK_STR(v.short_code, a.short_code);
    CHECK_INT(v.issued_at_ms, a.issued_at_ms);
    CHECK(llabs(v.issued_at_ms - kiosk_clock_now_ms()) < 60000);

    /* The same receipt again: no new row. */
    int rows = count_rows(s, "receipts");
    CHECK_INT(receipt_issue(s, k, KIOSK_RECEIPT_ATTENDANCE, "ev1", "ev1s2", "p1", &b), KIOSK_OK);
    CHECK_STR(b.text, a.text);
    CHECK_STR(b.id, a.id);
    CHECK_STR(b.short_code, a.short_code);
    CHECK_INT(b.issued_at_ms, a.issued_at_ms);
    CHECK_INT(count_rows(s, "receipts"), rows);
    /* Another session, another kind, another person (a namesake): new receipts. */
    CHECK_INT(receipt_issue(s, k, KIOSK_RECEIPT_ATTENDANCE, "ev1", "ev1s1", "p1", &c), KIOSK_OK);
    CHECK(strcmp(c.text, a.text) != 0);
    CHECK(strcmp(c.short_code, a.short_code) != 0);
    CHECK_INT(receipt_issue(s, k, KIOSK_RECEIPT_SIGNUP, "ev1", NULL, "p1", &c), KIOSK_OK);
    CHECK_INT(c.session_number, 0);
    CHECK_STR(c.session_id, "");
    CHECK_INT(receipt_issue(s, k, KIOSK_RECEIPT_SIGNUP, "ev1", "", "p1", &b), KIOSK_OK);
    CHECK_STR(b.text, c.text);
    CHECK_INT(receipt_issue(s, k, KIOSK_RECEIPT_SIGNUP, "ev1", NULL, "p2", &b), KIOSK_OK);
    CHECK(strcmp(b.text, c.text) != 0);
    CHECK_INT(receipt_issue(s, k, KIOSK_RECEIPT_VISIT, "fair", NULL, "p3", &b), KIOSK_OK);
    CHECK_INT(receipt_verify(s, b.text, &v, &why, detail, sizeof detail), KIOSK_OK);
    CHECK_INT(v.kind, KIOSK_RECEIPT_VISIT);
    CHECK_STR(v.person_id, "p3");
    CHECK_INT(count_rows(s, "receipts"), rows + 4);

    /* What issue refuses. */
    CHECK_INT(receipt_issue(s, k, 7, "ev1", NULL, "p1", &b), KIOSK_E_INVALID);
    CHECK_INT(receipt_issue(s, k, KIOSK_RECEIPT_SIGNUP, "nope", NULL, "p1", &b), KIOSK_E_NOT_FOUND);
    CHECK_INT(receipt_issue(s, k, KIOSK_RECEIPT_SIGNUP, "ev1", NULL, "nobody", &b),
              KIOSK_E_NOT_FOUND);
    CHECK_INT(receipt_issue(s, k, KIOSK_RECEIPT_ATTENDANCE, "ev1", "fairs1", "p1", &b),
              KIOSK_E_INVALID);
    CHECK_INT(receipt_issue(s, k, KIOSK_RECEIPT_SIGNUP, "bad", NULL, "p1", &b), KIOSK_E_INVALID);
    CHECK_INT(count_rows(s, "receipts"), rows + 4);
}

/* Change any one character: refused, never accepted. */
static void test_tamper(store *s, struct receipt_keys *k)
{
    struct kiosk_receipt a;
    CHECK_INT(receipt_issue(s, k, KIOSK_RECEIPT_ATTENDANCE, "ev1", "ev1s2", "p1", &a), KIOSK_OK);
    static const char repl[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567.01a ";
    size_t len = strlen(a.text);
    int accepted = 0, tried = 0, sig = 0;
    for (size_t i = 0; i < len; i++) {
        for (const char *c = repl; *c; c++) {
            if (*c == a.text[i])
                continue;
            char t[KIOSK_RECEIPT_LEN];
            memcpy(t, a.text, len + 1);
            t[i] = *c;
            kiosk_status st;
            const char *why = why_of(s, t, &st);
            tried++;
            if (st == KIOSK_OK) {
                accepted++;
                fprintf(stderr, "accepted a changed text: %s\n", t);
            }
            sig += strcmp(why, "receipt.why.signature") == 0;
        }
    }
    CHECK_INT(accepted, 0);
    CHECK(tried > 5000);
    CHECK(sig > tried / 2); /* most changes are caught by the signature itself */
    /* Cut or lengthened. */
    kiosk_status st;
    char t[KIOSK_RECEIPT_LEN + 8];
    kiosk_fmt(t, sizeof t, "%sA", a.text);
    CHECK_STR(why_of(s, t, &st), "receipt.why.malformed");
    kiosk_fmt(t, sizeof t, "%.*s", (int)len - 1, a.text);
    CHECK_STR(why_of(s, t, &st), "receipt.why.malformed");
    CHECK_INT(st, KIOSK_E_INVALID);
}

static void test_malformed(store *s, struct receipt_keys *k)
{
    static const char *const bad[] = {
        "",
        "KC1",
        "KC1.",
        "KC1..",
        "hello",
        "KC.AAAA.BBBB",
        "kc1.AAAA.BBBB",
        "KC1.AAAA",
        "https://example.com/KC1.AAAA.BBBB",
        "KC1.AAAAAAAA.AAAAAAAA",
    };
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(bad); i++) {
        kiosk_status st;
        CHECK_STR(why_of(s, bad[i], &st), "receipt.why.malformed");
        CHECK_INT(st, KIOSK_E_INVALID);
    }
    struct kiosk_receipt a;
    CHECK_INT(receipt_issue(s, k, KIOSK_RECEIPT_SIGNUP, "ev1", NULL, "p1", &a), KIOSK_OK);
    char t[KIOSK_RECEIPT_LEN];
    kiosk_strlcpy(t, a.text, sizeof t);
    for (char *p = t; *p; p++)
        if (*p >= 'A' && *p <= 'Z')
            *p = (char)(*p - 'A' + 'a');
    kiosk_status st;
    CHECK_STR(why_of(s, t, &st), "receipt.why.malformed");
    /* A longer text than any receipt. */
    char longer[400];
    memset(longer, 'A', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    memcpy(longer, "KC1.", 4);
    CHECK_STR(why_of(s, longer, &st), "receipt.why.malformed");
}

static void test_version(store *s, struct receipt_keys *k)
{
    struct kiosk_receipt a;
    CHECK_INT(receipt_issue(s, k, KIOSK_RECEIPT_SIGNUP, "ev1", NULL, "p1", &a), KIOSK_OK);
    char t[KIOSK_RECEIPT_LEN + 4];
    kiosk_status st;
    kiosk_fmt(t, sizeof t, "KC2.%s", a.text + 4);
    CHECK_STR(why_of(s, t, &st), "receipt.why.version");
    CHECK_INT(st, KIOSK_E_NEWER);
    kiosk_fmt(t, sizeof t, "KC12.%s", a.text + 4);
    CHECK_STR(why_of(s, t, &st), "receipt.why.version");
}

/* A second kiosk: its receipts are refused until its key is trusted; a receipt for an event
 * this program does not have is refused even then; a signature by the wrong key is refused. */
static void test_other_kiosk(store *s, struct receipt_keys *k)
{
    store *s2 = open_db("other.db");
    CHECK(s2 != NULL);
    if (!s2)
        return;
    struct receipt_keys *k2 = NULL;
    char err[512] = "";
    CHECK_INT(receipt_keys_open(s2, &k2, err, sizeof err), KIOSK_OK);
    CHECK(strcmp(receipt_keys_id(k2), receipt_keys_id(k)) != 0);
    add_event(s2, "x1", "MDN-MK", "May và đan dây nhựa");
    add_event(s2, "x2", "HC-KG", "Hội chợ công nghiệp - thương mại");
    add_person(s2, "q1", "Trần Văn Bình", "tran van binh");
    struct kiosk_receipt same_event, other_event;
    CHECK_INT(receipt_issue(s2, k2, KIOSK_RECEIPT_ATTENDANCE, "x1", "x1s1", "q1", &same_event),
              KIOSK_OK);
    CHECK_INT(receipt_issue(s2, k2, KIOSK_RECEIPT_VISIT, "x2", NULL, "q1", &other_event), KIOSK_OK);

    kiosk_status st;
    CHECK_STR(why_of(s, same_event.text, &st), "receipt.why.unknown_key");
    CHECK_INT(st, KIOSK_E_DENIED);

    /* Forged: signed by kiosk 2's secret key but naming kiosk 1's key. */
    struct receipt_keys forger = *k2;
    kiosk_strlcpy(forger.key_id, receipt_keys_id(k), sizeof forger.key_id);
    struct receipt_fields f = {.kind = KIOSK_RECEIPT_ATTENDANCE, .session_number = 1};
    kiosk_strlcpy(f.event_code, "MDN-MK", sizeof f.event_code);
    f.issued_at_s = kiosk_clock_now_ms() / 1000;
    char forged[KIOSK_RECEIPT_LEN];
    CHECK_INT(receipt_encode(&forger, &f, forged), KIOSK_OK);
    CHECK_STR(why_of(s, forged, &st), "receipt.why.signature");
    CHECK_INT(st, KIOSK_E_DENIED);

    /* Trust kiosk 2 through the file `keys show` prints. */
    char line[256], path[300];
    receipt_keys_line(k2, line, sizeof line);
    kiosk_fmt(path, sizeof path, "%s/k2.pub", dir);
    FILE *fp = fopen(path, "w");
    fprintf(fp, "# kiosk 2\n\n%s\n", line);
    fclose(fp);
    int added = -1;
    CHECK_INT(receipt_keys_trust_file(s, path, &added, err, sizeof err), KIOSK_OK);
    CHECK_INT(added, 1);
    CHECK_INT(receipt_keys_trust_file(s, path, &added, err, sizeof err), KIOSK_OK);
    CHECK_INT(added, 0);
    char kid[KIOSK_ID_LEN];
    int own = 1;
    CHECK_INT(receipt_key_kiosk(s, receipt_keys_id(k2), kid, &own), KIOSK_OK);
    CHECK_STR(kid, store_kiosk_id(s2));
    CHECK_INT(own, RECEIPT_KEY_BY_HAND);

    struct kiosk_receipt v;
    const char *why = NULL;
    char detail[256];
    CHECK_INT(receipt_verify(s, same_event.text, &v, &why, detail, sizeof detail), KIOSK_OK);
    CHECK_STR(v.event_id, "ev1"); /* this kiosk's event of that code */
    CHECK_STR(v.session_id, "ev1s1");
    CHECK_STR(v.person_id, ""); /* not stored here */
    CHECK_STR(v.short_code, same_event.short_code);
    CHECK_INT(strlen(v.id), 20);
    CHECK_STR(why_of(s, other_event.text, &st), "receipt.why.other_program");
    CHECK_INT(st, KIOSK_E_NOT_FOUND);
    CHECK_INT(receipt_verify(s, other_event.text, &v, &why, detail, sizeof detail),
              KIOSK_E_NOT_FOUND);
    CHECK(strstr(detail, "another program") != NULL);
    CHECK(strstr(detail, "HC-KG") != NULL);
    receipt_keys_close(k2);
    store_close(s2);
}

static kiosk_status trust_text(store *s, const char *text, char *err, size_t cap)
{
    char path[300];
    kiosk_fmt(path, sizeof path, "%s/bad.pub", dir);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    return receipt_keys_trust_file(s, path, NULL, err, cap);
}

static void test_trust_bad_files(store *s, struct receipt_keys *k)
{
    int keys = count_rows(s, "keys");
    char line[256], text[1200], err[512];
    receipt_keys_line(k, line, sizeof line);
    /* A good first line, then a bad one: nothing is added, the error names file and line. */
    kiosk_fmt(text, sizeof text, "%s\nkiosk-key ABCD\n", line);
    CHECK_INT(trust_text(s, text, err, sizeof err), KIOSK_E_INVALID);
    CHECK(strstr(err, "bad.pub' line 2:") != NULL);
    CHECK_INT(trust_text(s, "", err, sizeof err), KIOSK_E_INVALID);
    CHECK(strstr(err, "no key") != NULL);
    CHECK_INT(trust_text(s, "hello world\n", err, sizeof err), KIOSK_E_INVALID);
    CHECK(strstr(err, "line 1:") != NULL);
    /* A key id that does not match its key. */
    char wrong[256];
    kiosk_strlcpy(wrong, line, sizeof wrong);
    wrong[10] = wrong[10] == 'A' ? 'B' : 'A';
    kiosk_fmt(text, sizeof text, "# comment\n%s\n", wrong);
    CHECK_INT(trust_text(s, text, err, sizeof err), KIOSK_E_INVALID);
    CHECK(strstr(err, "line 2:") != NULL && strstr(err, "does not match") != NULL);
    /* Not hex; not a point on the curve (all zeros is of small order). */
    kiosk_fmt(text, sizeof text, "kiosk-key AAAAAAAA %064d %032d\n", 0, 0);
    CHECK_INT(trust_text(s, text, err, sizeof err), KIOSK_E_INVALID);
    CHECK(strstr(err, "Ed25519") != NULL);
    kiosk_fmt(text, sizeof text, "kiosk-key AAAAAAAA xyz %032d\n", 0);
    CHECK_INT(trust_text(s, text, err, sizeof err), KIOSK_E_INVALID);
    CHECK(strstr(err, "hex") != NULL);
    /* A short kiosk id. */
    kiosk_strlcpy(wrong, line, sizeof wrong);
    wrong[strlen(wrong) - 1] = '\0';
    CHECK_INT(trust_text(s, wrong, err, sizeof err), KIOSK_E_INVALID);
    char path[300];
    kiosk_fmt(path, sizeof path, "%s/missing.pub", dir);
    CHECK_INT(receipt_keys_trust_file(s, path, NULL, err, sizeof err), KIOSK_E_NOT_FOUND);
    CHECK(strstr(err, "missing.pub") != NULL);
    CHECK_INT(count_rows(s, "keys"), keys);
}

static void test_lookups(store *s)
{
    struct receipt_row *rows = NULL;
    size_t n = 0;
    CHECK_INT(receipt_list(s, NULL, &rows, &n), KIOSK_OK);
    CHECK_INT(n, count_rows(s, "receipts"));
    int hoa = 0;
    for (size_t i = 0; i < n; i++)
        hoa += strcmp(rows[i].person_name, "Nguyễn Thị Hoa") == 0;
    CHECK(hoa >= 3);
    struct receipt_row one;
    if (n > 0) {
        char typed[16];
        kiosk_strlcpy(typed, rows[0].r.short_code, sizeof typed);
        for (char *p = typed; *p; p++)
            if (*p >= 'A' && *p <= 'Z')
                *p = (char)(*p - 'A' + 'a');
        CHECK_INT(receipt_by_short_code(s, typed, &one), KIOSK_OK);
        CHECK_STR(one.r.text, rows[0].r.text);
    }
    free(rows);
    CHECK_INT(receipt_list(s, "HC-DT", &rows, &n), KIOSK_OK);
    CHECK_INT(n, 1);
    if (n == 1) {
        CHECK_STR(rows[0].person_name, "Nguyen Van An");
        CHECK_INT(rows[0].r.kind, KIOSK_RECEIPT_VISIT);
    }
    free(rows);
    CHECK_INT(receipt_list(s, "NOPE", &rows, &n), KIOSK_E_NOT_FOUND);
    CHECK_INT(receipt_by_short_code(s, "0000-0000", &one), KIOSK_E_NOT_FOUND);
    CHECK_INT(receipt_by_short_code(s, "hello", &one), KIOSK_E_INVALID);
    char title[KIOSK_TEXT_LEN];
    CHECK_INT(receipt_event_title(s, "ev1", title, sizeof title), KIOSK_OK);
    CHECK_STR(title, "May và đan dây nhựa");
}

int main(void)
{
    if (!mkdtemp(dir))
        return 2;
    test_base32();
    store *s = open_db("kiosk.db");
    if (!s)
        return 1;
    add_event(s, "ev1", "MDN-MK", "May và đan dây nhựa");
    add_event(s, "fair", "HC-DT", "Hội chợ triển lãm sản phẩm công nghiệp nông thôn");
    add_event(s, "bad", "MDN_MK", "A code with a char receipts cannot carry");
    add_person(s, "p1", "Nguyễn Thị Hoa", "nguyen thi hoa");
    add_person(s, "p2", "Nguyễn Thị Hoa", "nguyen thi hoa"); /* a namesake */
    add_person(s, "p3", "Nguyen Van An", "nguyen van an");
    struct receipt_keys *k = NULL;
    char err[512] = "";
    CHECK_INT(receipt_keys_open(s, &k, err, sizeof err), KIOSK_OK);
    if (!k) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    test_keys(s, k);
    test_issue(s, k);
    test_tamper(s, k);
    test_malformed(s, k);
    test_version(s, k);
    test_other_kiosk(s, k);
    test_trust_bad_files(s, k);
    test_lookups(s);
    receipt_keys_close(k);
    store_close(s);
    char cmd[300];
    kiosk_fmt(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "cannot remove %s\n", dir);
    return check_done();
}
