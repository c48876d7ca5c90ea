/* Enrolment files (docs/TRUST.md): a kiosk enrolled with one holds a certificate that
 * verifies with the program's public key alone, and never under another program or for
 * another kiosk; the file past its end, edited, or of another program enrols nothing; the
 * PIN it carries is set only on a kiosk without one; revoking the grant withdraws the key. */
#include "admin/pin.h"
#include "store_fixture.h"
#include "store/trust_rows.h"
#include "trust/trust.h"

#include <sodium.h>
#include <sys/stat.h>

static int64_t now_ms;

static long num_rows(store *s)
{
    int64_t v = -1;
    store_query_i64(s, "SELECT count(*) FROM enrolments", "test", &v, NULL);
    return (long)v;
}

static void make_file(struct trust_program *p, const char *name, int64_t until, const char *pin,
                      char *path, size_t cap)
{
    char line[256], err[256] = "", hash[PIN_HASH_LEN];
    kiosk_fmt(path, cap, "%s/%s", fx_dir, name);
    if (pin)
        CHECK_INT(pin_hash_new(pin, hash), KIOSK_OK);
    CHECK_INT(
        trust_enrol_file_new(p, until, pin ? hash : NULL, path, line, sizeof line, err, sizeof err),
        KIOSK_OK);
    CHECK(strncmp(line, "enrolment-file ", 15) == 0);
}

static void own_cert(store *s, struct store_trust_row *out)
{
    struct receipt_keys *k = NULL;
    char err[256];
    struct store_trust_row *rows = NULL;
    size_t n = 0;
    memset(out, 0, sizeof *out);
    CHECK_INT(receipt_keys_open(s, &k, err, sizeof err), KIOSK_OK);
    CHECK_INT(store_enrolments(s, receipt_keys_id(k), &rows, &n), KIOSK_OK);
    CHECK_INT(n, 1);
    if (n)
        *out = rows[0];
    free(rows);
    receipt_keys_close(k);
}

static void test_refusals(struct trust_program *p, const char *good)
{
    store *x = fx_open("x.db");
    struct trust_enrolled r;
    const char *why = NULL;
    char err[512], path[600];
    make_file(p, "old.enrol", now_ms - 1, NULL, path, sizeof path);
    CHECK_INT(trust_enrol_file(x, path, 0, &r, &why, err, sizeof err), KIOSK_E_DENIED);
    CHECK_STR(why, "trust.enrol.err.expired");
    kiosk_fmt(path, sizeof path, "%s/none.enrol", fx_dir);
    CHECK_INT(trust_enrol_file(x, path, 0, &r, &why, err, sizeof err), KIOSK_E_NOT_FOUND);
    CHECK_STR(why, "trust.enrol.err.none");
    /* one character of the grant's signature changed */
    char cmd[2048];
    kiosk_fmt(path, sizeof path, "%s/edited.enrol", fx_dir);
    kiosk_fmt(cmd, sizeof cmd,
              "sed 's/^grant-sig 0/grant-sig 1/;t;s/^grant-sig ./grant-sig 0/' '%s' >'%s'", good,
              path);
    CHECK(system(cmd) == 0);
    CHECK_INT(trust_enrol_file(x, path, 0, &r, &why, err, sizeof err), KIOSK_E_INVALID);
    CHECK_STR(why, "trust.enrol.err.file");
    CHECK_INT(num_rows(x), 0);
    struct trust_program *q = NULL;
    CHECK_INT(trust_program_demo(&q), KIOSK_OK);
    CHECK_INT(trust_enrol_demo(x, err, sizeof err), KIOSK_OK);
    CHECK_INT(trust_enrol_file(x, good, 0, &r, &why, err, sizeof err), KIOSK_E_EXISTS);
    CHECK_STR(why, "trust.enrol.err.other");
    /* the demo program's key is public: a file of it (with a PIN) never opens a demo kiosk */
    char demo[600];
    make_file(q, "demo.enrol", now_ms + 86400000, "111111", demo, sizeof demo);
    CHECK_INT(trust_enrol_file(x, demo, 1, &r, &why, err, sizeof err), KIOSK_E_INVALID);
    CHECK(!pin_is_set(x));
    trust_program_free(q);
    store_close(x);
}

static void test_chain(struct trust_program *p, const char *good)
{
    store *a = fx_open("a.db");
    struct trust_enrolled r;
    const char *why = NULL;
    char err[512], program[65], other[65];
    CHECK(!pin_is_set(a));
    CHECK_INT(trust_enrol_file(a, good, 0, &r, &why, err, sizeof err), KIOSK_OK);
    CHECK(!r.already && r.pin_set && pin_is_set(a));
    int tries = 0;
    int64_t locked = 0;
    CHECK_INT(pin_check(a, "246813", now_ms, &tries, &locked), KIOSK_OK);
    struct store_trust_row c;
    own_cert(a, &c);
    trust_program_public_hex(p, program);
    CHECK_INT(strlen(c.sig), STORE_CERT_HEX - 1);
    CHECK(trust_cert_ok(program, c.key_id, c.public_key, c.kiosk_id, c.sig));
    struct trust_program *d = NULL;
    trust_program_demo(&d);
    trust_program_public_hex(d, other);
    trust_program_free(d);
    CHECK(!trust_cert_ok(other, c.key_id, c.public_key, c.kiosk_id, c.sig));
    char kid[KIOSK_ID_LEN];
    memcpy(kid, c.kiosk_id, sizeof kid);
    kid[0] = kid[0] == '0' ? '1' : '0';
    CHECK(!trust_cert_ok(program, c.key_id, c.public_key, kid, c.sig));
    c.sig[100] = c.sig[100] == '0' ? '1' : '0'; /* the program's signature of the grant */
    CHECK(!trust_cert_ok(program, c.key_id, c.public_key, c.kiosk_id, c.sig));
    char gid[RECEIPT_KEY_ID_LEN];
    trust_cert_grant_id(c.sig, gid);
    CHECK_STR(gid, r.grant_id);

    /* a second time: nothing changes; a kiosk with a PIN keeps it */
    CHECK_INT(pin_set(a, "975310"), KIOSK_OK);
    CHECK_INT(trust_enrol_file(a, good, 0, &r, &why, err, sizeof err), KIOSK_OK);
    CHECK(r.already && !r.pin_set);
    CHECK_INT(num_rows(a), 1);
    CHECK_INT(pin_check(a, "975310", now_ms, &tries, &locked), KIOSK_OK);

    /* B, enrolled with the program key, holding A's certificate: enrolled until the grant
     * (not A's key) is revoked */
    store *b = fx_open("b.db");
    struct receipt_keys *kb = NULL;
    CHECK_INT(receipt_keys_open(b, &kb, err, sizeof err), KIOSK_OK);
    CHECK_INT(trust_enrol(b, kb, p, err, sizeof err), KIOSK_OK);
    receipt_keys_close(kb);
    char sql[1200];
    kiosk_fmt(sql, sizeof sql,
              "ATTACH '%s/a.db' AS a; INSERT INTO enrolments SELECT * FROM a.enrolments; "
              "DETACH a",
              fx_dir);
    CHECK(sqlite3_exec(store_db(b), sql, NULL, NULL, NULL) == SQLITE_OK);
    CHECK_INT(trust_key_check(b, r.key_id, NULL, NULL), TRUST_KEY_ENROLLED);
    CHECK_INT(trust_revoke(b, p, r.grant_id, err, sizeof err), KIOSK_OK);
    CHECK_INT(trust_key_check(b, r.key_id, NULL, NULL), TRUST_KEY_REVOKED);
    store_close(b);
    store_close(a);
}

/* From the PIN pad of a kiosk without a PIN: only a file with a PIN, only on a new kiosk. */
static void test_no_pin(struct trust_program *p, const char *good)
{
    struct trust_enrolled r;
    const char *why = NULL;
    char err[512], nopin[600];
    make_file(p, "nopin.enrol", now_ms + 86400000, NULL, nopin, sizeof nopin);
    store *n = fx_open("new.db");
    CHECK_INT(trust_enrol_file(n, nopin, 1, &r, &why, err, sizeof err), KIOSK_E_DENIED);
    CHECK_STR(why, "trust.enrol.err.first");
    store *used = fx_open("used.db");
    CHECK(sqlite3_exec(store_db(used),
                       "INSERT INTO people(id, kiosk_id, created_at, updated_at, updated_by, "
                       "full_name, name_key) VALUES('00000000000000000000000000000001', 'k', 1, "
                       "1, 'k', 'Lê Văn Tám', 'le van tam')",
                       NULL, NULL, NULL) == SQLITE_OK);
    CHECK_INT(trust_enrol_file(used, good, 1, &r, &why, err, sizeof err), KIOSK_E_DENIED);
    CHECK_STR(why, "trust.enrol.err.first");
    CHECK(!pin_is_set(used) && num_rows(used) == 0);
    CHECK_INT(trust_enrol_file(used, good, 0, &r, &why, err, sizeof err), KIOSK_OK); /* kioskctl */
    CHECK_INT(trust_enrol_file(n, good, 1, &r, &why, err, sizeof err), KIOSK_OK);
    CHECK(r.pin_set && pin_is_set(n));
    store_close(used);
    store_close(n);
}

static void test_pin_hash(void)
{
    store *s = fx_open("pin.db");
    char hash[PIN_HASH_LEN];
    CHECK_INT(pin_hash_new("12345", hash), KIOSK_E_INVALID);
    CHECK_INT(pin_set_hash(s, "$argon2i$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA"), KIOSK_E_INVALID);
    CHECK_INT(pin_set_hash(s, "plain 246813"), KIOSK_E_INVALID);
    CHECK(!pin_is_set(s));
    store_close(s);
}

int main(void)
{
    now_ms = fx_at(2026, 12, 7, 8, 0);
    if (sodium_init() < 0)
        return 1;
    struct trust_program *p = NULL;
    char key[600], line[256], err[256], good[600];
    store_close(fx_open("init.db")); /* makes the folder */
    kiosk_fmt(key, sizeof key, "%s/program.key", fx_dir);
    CHECK_INT(trust_program_key_new(key, line, sizeof line, err, sizeof err), KIOSK_OK);
    CHECK_INT(trust_program_key_load(key, &p, err, sizeof err), KIOSK_OK);
    make_file(p, "good.enrol", now_ms + 86400000, "246813", good, sizeof good);
    char again[256];
    CHECK_INT(trust_enrol_file_new(p, now_ms + 1, NULL, good, again, sizeof again, err, sizeof err),
              KIOSK_E_EXISTS);
    struct stat st;
    CHECK(stat(good, &st) == 0 && (st.st_mode & 0777) == 0600);
    test_refusals(p, good);
    test_chain(p, good);
    test_no_pin(p, good);
    test_pin_hash();
    trust_program_free(p);
    int rc = check_done();
    if (rc == 0)
        fx_cleanup();
    return rc;
}
