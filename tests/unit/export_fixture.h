/* Shared by the export's unit tests: a fresh database in a temp folder with the clock pinned
 * (Asia/Ho_Chi_Minh), a class with sessions, and a fingerprint of the whole database so a
 * test can prove that nothing changed. */
#ifndef KIOSK_EXPORT_FIXTURE_H
#define KIOSK_EXPORT_FIXTURE_H

#include "store/store_internal.h"
#include "check.h"
#include "store/domain.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char ex_dir[256];

static inline store *ex_open(const char *name)
{
    if (!ex_dir[0]) {
        setenv("TZ", "Asia/Ho_Chi_Minh", 1);
        tzset();
        setenv("KIOSK_DATA_DIR", KIOSK_TEST_SOURCE_DIR, 1);
        kiosk_strlcpy(ex_dir, "/tmp/kiosk-export-test.XXXXXX", sizeof ex_dir);
        if (!mkdtemp(ex_dir)) {
            perror("mkdtemp");
            exit(2);
        }
    }
    char path[512], err[512] = "";
    kiosk_fmt(path, sizeof path, "%s/%s", ex_dir, name);
    store *s = NULL;
    if (store_open(path, &s, err, sizeof err) != KIOSK_OK) {
        fprintf(stderr, "cannot open test database: %s\n", err);
        exit(2);
    }
    return s;
}

static inline void ex_path(const char *name, char *out, size_t cap)
{
    kiosk_fmt(out, cap, "%s/%s", ex_dir, name);
}

static inline void ex_cleanup(void)
{
    char cmd[600];
    if (ex_dir[0] && strncmp(ex_dir, "/tmp/kiosk-export-test.", 23) == 0) {
        kiosk_fmt(cmd, sizeof cmd, "rm -rf '%s'", ex_dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", ex_dir);
    }
}

static inline int64_t ex_at(int year, int month, int day, int hour, int minute)
{
    int64_t ms = kiosk_local_make_ms(year, month, day, hour, minute);
    kiosk_clock_freeze(1);
    kiosk_clock_set_ms(ms);
    return ms;
}

/* A class at xã Mỹ Khánh with `sessions` morning sessions on consecutive days from
 * 2026-05-11, 07:30-11:00. */
static inline void ex_class(store *s, const char *code, int sessions, int signatures,
                            struct kiosk_event *ev, struct kiosk_session *sess)
{
    memset(ev, 0, sizeof *ev);
    kiosk_strlcpy(ev->code, code, sizeof ev->code);
    ev->kind = KIOSK_EVENT_CLASS;
    kiosk_strlcpy(ev->title, "May và đan dây nhựa", sizeof ev->title);
    kiosk_strlcpy(ev->place, "xã Mỹ Khánh, huyện Phong Điền", sizeof ev->place);
    kiosk_strlcpy(ev->province, "TP Cần Thơ", sizeof ev->province);
    ev->late_after_min = 15;
    ev->signup_open = 1;
    ev->signature_required = signatures;
    CHECK_INT(store_event_add(s, ev, "xã Mỹ Khánh", "huyện Phong Điền"), KIOSK_OK);
    for (int i = 0; i < sessions; i++) {
        memset(&sess[i], 0, sizeof sess[i]);
        kiosk_strlcpy(sess[i].event_id, ev->id, sizeof sess[i].event_id);
        sess[i].number = i + 1;
        sess[i].starts_at_ms = kiosk_local_make_ms(2026, 5, 11 + i, 7, 30);
        sess[i].ends_at_ms = kiosk_local_make_ms(2026, 5, 11 + i, 11, 0);
        CHECK_INT(store_session_add(s, &sess[i]), KIOSK_OK);
    }
}

static inline int ex_count(store *s, const char *sql)
{
    sqlite3_stmt *st;
    int n = -1;
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    return n;
}

/* FNV-1a over every row of every table, in a fixed order: equal fingerprints mean the
 * database holds the same data. */
static inline uint64_t ex_fingerprint(store *s)
{
    static const char *const tables[] = {
        "settings",      "keys",     "events",   "sessions", "people",
        "registrations", "consents", "checkins", "receipts", "log"};
    uint64_t h = 1469598103934665603ULL;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        char sql[128];
        /* sql-ident: table names from the list above */
        snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY rowid", tables[t]);
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
            return 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int c = 0; c < sqlite3_column_count(st); c++) {
                const unsigned char *v = sqlite3_column_blob(st, c);
                int n = sqlite3_column_bytes(st, c);
                for (int i = 0; i < n; i++)
                    h = (h ^ v[i]) * 1099511628211ULL;
                h = (h ^ 0xFF) * 1099511628211ULL;
            }
        }
        sqlite3_finalize(st);
    }
    return h;
}

#endif
