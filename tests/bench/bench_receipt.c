/* Receipt speed: issuing (sign + encode + QR matrix + grey render of the screen's QR) and
 * verifying (parse, key look-up, Ed25519, event look-up), median and p99 over RUNS runs, as
 * TSV rows: figure, median, p99, baseline, ratio, target. The baselines are libsodium's bare
 * sign and verify: what the rest costs on top. Also the stored issue (one SQLite commit with
 * synchronous=FULL) for information: it depends on the disk more than on the code. */
#include "store/store_internal.h"
#include "bench_util.h"
#include "receipt/qr.h"
#include "receipt/receipt.h"
#include "receipt/receipt_internal.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define RUNS 2000
#define STORED_RUNS 300

int main(void)
{
    char dir[] = "/tmp/kiosk-bench-receipt.XXXXXX", path[128], err[512] = "";
    if (!mkdtemp(dir))
        return 2;
    kiosk_fmt(path, sizeof path, "%s/kiosk.db", dir);
    store *s = NULL;
    struct receipt_keys *k = NULL;
    if (store_open(path, &s, err, sizeof err) != KIOSK_OK ||
        receipt_keys_open(s, &k, err, sizeof err) != KIOSK_OK) {
        fprintf(stderr, "bench_receipt: %s\n", err);
        return 1;
    }
    sqlite3_exec(store_db(s),
                 "INSERT INTO events(id, kiosk_id, created_at, updated_at, updated_by, code, "
                 "kind, title) VALUES('ev', 'k', 0, 0, 'k', 'DBHK-TT', 1, 'Đan bội hoa kiểng');"
                 "INSERT INTO sessions(id, kiosk_id, created_at, event_id, number, starts_at, "
                 "ends_at) VALUES('s1', 'k', 0, 'ev', 1, 0, 1);",
                 NULL, NULL, NULL);
    static double t[RUNS], base[RUNS];
    double b_median, b_p99;
    struct receipt_fields f = {.kind = KIOSK_RECEIPT_ATTENDANCE, .session_number = 1};
    kiosk_strlcpy(f.event_code, "DBHK-TT", sizeof f.event_code);
    kiosk_strlcpy(f.key_id, receipt_keys_id(k), sizeof f.key_id);
    char text[KIOSK_RECEIPT_LEN];
    int version = 0;

    /* baseline: Ed25519 sign of a message as long as the signed part of a receipt */
    uint8_t sig[crypto_sign_BYTES], msg[48] = {0};
    for (int i = 0; i < RUNS; i++) {
        msg[0] = (uint8_t)i;
        double t0 = now_ms();
        crypto_sign_detached(sig, NULL, msg, sizeof msg, k->sk);
        base[i] = now_ms() - t0;
    }
    stats(base, RUNS, &b_median, &b_p99);
    for (int i = 0; i < RUNS; i++) {
        randombytes_buf(f.id, sizeof f.id);
        f.issued_at_s = kiosk_clock_now_ms() / 1000;
        double t0 = now_ms();
        struct qr_matrix m;
        uint8_t *px = NULL;
        int side = 0;
        if (receipt_encode(k, &f, text) != KIOSK_OK || qr_encode(text, &m) != KIOSK_OK ||
            qr_render_grey(&m, 8, 4, &px, &side) != KIOSK_OK)
            return 1;
        t[i] = now_ms() - t0;
        version = m.version;
        qr_matrix_release(&m);
        free(px);
    }
    row_note("receipt.issue_ms", t, RUNS, b_median, "<2", "sign+encode+qr+render");

    /* verify: a receipt stored here (the full path: key, signature, event, session, row) */
    sqlite3_exec(store_db(s),
                 "INSERT INTO people(id, kiosk_id, created_at, updated_at, updated_by, "
                 "full_name, name_key) VALUES('p', 'k', 0, 0, 'k', 'Lê Thị Thu Thủy', "
                 "'le thi thu thuy')",
                 NULL, NULL, NULL);
    struct kiosk_receipt r, v;
    if (receipt_issue(s, k, KIOSK_RECEIPT_ATTENDANCE, "ev", "s1", "p", &r) != KIOSK_OK)
        return 1;
    uint8_t pk[crypto_sign_PUBLICKEYBYTES];
    memcpy(pk, k->pk, sizeof pk);
    for (int i = 0; i < RUNS; i++) {
        double t0 = now_ms();
        int ok = crypto_sign_verify_detached(sig, msg, sizeof msg, pk) == 0;
        base[i] = now_ms() - t0;
        (void)ok;
    }
    stats(base, RUNS, &b_median, &b_p99);
    for (int i = 0; i < RUNS; i++) {
        const char *why = NULL;
        double t0 = now_ms();
        if (receipt_verify(s, r.text, &v, &why, NULL, 0) != KIOSK_OK)
            return 1;
        t[i] = now_ms() - t0;
    }
    row("receipt.verify_ms", t, RUNS, b_median, "<0.2");

    /* stored issue: new person each run, one durable commit each */
    sqlite3_exec(store_db(s), "BEGIN", NULL, NULL, NULL);
    for (int i = 0; i < STORED_RUNS; i++) {
        char id[KIOSK_ID_LEN];
        kiosk_fmt(id, sizeof id, "person%d", i);
        sqlite3_stmt *st;
        sqlite3_prepare_v2(store_db(s),
                           "INSERT INTO people(id, kiosk_id, created_at, updated_at, updated_by, "
                           "full_name, name_key) VALUES(?1, 'k', 0, 0, 'k', 'Trần Văn Bình', "
                           "'tran van binh')",
                           -1, &st, NULL);
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_step(st);
        sqlite3_finalize(st);
    }
    sqlite3_exec(store_db(s), "COMMIT", NULL, NULL, NULL);
    for (int i = 0; i < STORED_RUNS; i++) {
        char id[KIOSK_ID_LEN];
        kiosk_fmt(id, sizeof id, "person%d", i);
        double t0 = now_ms();
        if (receipt_issue(s, k, KIOSK_RECEIPT_ATTENDANCE, "ev", "s1", id, &r) != KIOSK_OK)
            return 1;
        t[i] = now_ms() - t0;
    }
    row_note("receipt.issue_stored_ms", t, STORED_RUNS, 0, "-", "info: + durable commit");
    fprintf(stderr, "bench_receipt: %d runs, text %zu chars, QR version %d at level M\n", RUNS,
            strlen(r.text), version);

    receipt_keys_close(k);
    store_close(s);
    kiosk_fmt(path, sizeof path, "rm -rf '%s'", dir);
    return system(path) == 0 ? 0 : 1;
}
