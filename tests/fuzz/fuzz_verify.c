/* Fuzz target: the receipt verifier with a real kiosk database and key. A scanned text
 * is verified whole (format, version, key, Ed25519 signature, event); the only texts it
 * may accept are those this kiosk signed. Inputs start from a genuine receipt: byte 0
 * picks one and each following pair (position, byte) changes a character, so most runs
 * reach the signature check; byte 0 >= 0x80 verifies the rest of the input as it is. */
#include "store/store_internal.h"
#include "receipt/receipt.h"
#include "program/program.h"
#include "store/domain.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define GENUINE_MAX 8

static store *g_store;
static char g_dir[64];
static char g_genuine[GENUINE_MAX][KIOSK_RECEIPT_LEN];
static size_t g_count;

static void cleanup(void)
{
    char cmd[128];
    store_close(g_store);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
    if (system(cmd) != 0)
        fprintf(stderr, "fuzz_verify: cannot remove '%s'\n", g_dir);
}

/* A demo program, its key, and a few receipts of each kind it signs. */
static int setup(void)
{
    kiosk_log_set_level(KIOSK_LOG_ERROR);
    snprintf(g_dir, sizeof g_dir, "/tmp/kiosk-fuzz-verify.XXXXXX");
    if (!mkdtemp(g_dir))
        return 0;
    char path[128], err[512];
    snprintf(path, sizeof path, "%s/kiosk.db", g_dir);
    if (store_open(path, &g_store, err, sizeof err) != KIOSK_OK ||
        program_demo_fill(g_store, kiosk_clock_now_ms()) != KIOSK_OK)
        return 0;
    atexit(cleanup);
    struct receipt_keys *keys = NULL;
    if (receipt_keys_open(g_store, &keys, err, sizeof err) != KIOSK_OK)
        return 0;
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(store_db(g_store),
                           "SELECT r.event_id, r.person_id, (SELECT id FROM sessions s WHERE "
                           "s.event_id = r.event_id ORDER BY number LIMIT 1) FROM registrations r "
                           "ORDER BY r.rowid LIMIT 4",
                           -1, &st, NULL) != SQLITE_OK)
        return 0;
    while (sqlite3_step(st) == SQLITE_ROW && g_count + 2 <= GENUINE_MAX) {
        char ev[KIOSK_ID_LEN], who[KIOSK_ID_LEN], sess[KIOSK_ID_LEN];
        kiosk_strlcpy(ev, (const char *)sqlite3_column_text(st, 0), sizeof ev);
        kiosk_strlcpy(who, (const char *)sqlite3_column_text(st, 1), sizeof who);
        kiosk_strlcpy(sess, (const char *)sqlite3_column_text(st, 2), sizeof sess);
        struct kiosk_receipt r;
        if (receipt_issue(g_store, keys, KIOSK_RECEIPT_SIGNUP, ev, NULL, who, &r) == KIOSK_OK)
            kiosk_strlcpy(g_genuine[g_count++], r.text, KIOSK_RECEIPT_LEN);
        if (receipt_issue(g_store, keys, KIOSK_RECEIPT_ATTENDANCE, ev, sess, who, &r) == KIOSK_OK)
            kiosk_strlcpy(g_genuine[g_count++], r.text, KIOSK_RECEIPT_LEN);
    }
    sqlite3_finalize(st);
    receipt_keys_close(keys);
    return g_count > 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready = -1;
    if (ready < 0)
        ready = setup();
    if (!ready) {
        fprintf(stderr, "fuzz_verify: cannot set up the kiosk database\n");
        abort();
    }
    if (size == 0)
        return 0;
    char text[KIOSK_RECEIPT_LEN + 64];
    if (data[0] >= 0x80) {
        size_t n = size - 1 < sizeof text - 1 ? size - 1 : sizeof text - 1;
        memcpy(text, data + 1, n);
        text[n] = '\0';
    } else {
        kiosk_strlcpy(text, g_genuine[data[0] % g_count], sizeof text);
        size_t len = strlen(text);
        for (size_t i = 1; i + 1 < size; i += 2)
            text[data[i] % len] = (char)(data[i + 1] ? data[i + 1] : 'A');
    }
    struct kiosk_receipt out;
    const char *why = NULL;
    char detail[256];
    kiosk_status st = receipt_verify(g_store, text, &out, &why, detail, sizeof detail);
    if (st == KIOSK_OK) {
        int genuine = 0;
        for (size_t i = 0; i < g_count; i++)
            genuine |= strcmp(text, g_genuine[i]) == 0;
        if (!genuine || !out.event_id[0] || strcmp(out.text, text) != 0) {
            fprintf(stderr, "fuzz_verify: accepted a text this kiosk never signed: %s\n", text);
            abort();
        }
    } else if (data[0] < 0x80 && size == 1) {
        fprintf(stderr, "fuzz_verify: a genuine receipt was refused (%s): %s\n", detail, text);
        abort();
    } else if (!why || !why[0]) {
        fprintf(stderr, "fuzz_verify: refused without saying why: %s\n", text);
        abort();
    }
    return 0;
}
