/* Shared by the store's unit tests: a fresh database in a temp folder, the clock pinned
 * to a known local time (Asia/Ho_Chi_Minh), and small helpers to make records. */
#ifndef KIOSK_STORE_FIXTURE_H
#define KIOSK_STORE_FIXTURE_H

#include "store/store_internal.h"
#include "check.h"
#include "store/domain.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char fx_dir[256];

static inline store *fx_open(const char *name)
{
    if (!fx_dir[0]) {
        setenv("TZ", "Asia/Ho_Chi_Minh", 1);
        tzset();
        kiosk_strlcpy(fx_dir, "/tmp/kiosk-store-test.XXXXXX", sizeof fx_dir);
        if (!mkdtemp(fx_dir)) {
            perror("mkdtemp");
            exit(2);
        }
    }
    char path[512], err[512] = "";
    kiosk_fmt(path, sizeof path, "%s/%s", fx_dir, name);
    store *s = NULL;
    kiosk_status st = store_open(path, &s, err, sizeof err);
    if (st != KIOSK_OK) {
        fprintf(stderr, "cannot open test database: %s\n", err);
        exit(2);
    }
    return s;
}

static inline void fx_cleanup(void)
{
    char cmd[600];
    if (fx_dir[0] && strncmp(fx_dir, "/tmp/kiosk-store-test.", 22) == 0) {
        kiosk_fmt(cmd, sizeof cmd, "rm -rf '%s'", fx_dir);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", fx_dir);
    }
}

/* Pins the kiosk clock at a local date and time. */
static inline int64_t fx_at(int year, int month, int day, int hour, int minute)
{
    int64_t ms = kiosk_local_make_ms(year, month, day, hour, minute);
    kiosk_clock_freeze(1);
    kiosk_clock_set_ms(ms);
    return ms;
}

static inline struct kiosk_person fx_person(const char *name, int year, const char *phone,
                                            const char *commune)
{
    struct kiosk_person p = {0};
    kiosk_strlcpy(p.full_name, name, sizeof p.full_name);
    p.birth_year = year;
    kiosk_strlcpy(p.phone, phone ? phone : "", sizeof p.phone);
    kiosk_strlcpy(p.commune, commune ? commune : "", sizeof p.commune);
    kiosk_strlcpy(p.province, "TP Cần Thơ", sizeof p.province);
    return p;
}

/* A class with one session on 2025-03-10 07:30-11:00 local. */
static inline void fx_class(store *s, const char *code, int capacity, struct kiosk_event *ev,
                            struct kiosk_session *sess)
{
    memset(ev, 0, sizeof *ev);
    kiosk_strlcpy(ev->code, code, sizeof ev->code);
    ev->kind = KIOSK_EVENT_CLASS;
    kiosk_strlcpy(ev->title, "May và đan dây nhựa", sizeof ev->title);
    kiosk_strlcpy(ev->province, "TP Cần Thơ", sizeof ev->province);
    ev->capacity = capacity;
    ev->late_after_min = 15;
    ev->signup_open = 1;
    CHECK_INT(store_event_add(s, ev, "xã Mỹ Khánh", "huyện Phong Điền"), KIOSK_OK);
    memset(sess, 0, sizeof *sess);
    kiosk_strlcpy(sess->event_id, ev->id, sizeof sess->event_id);
    sess->starts_at_ms = kiosk_local_make_ms(2025, 3, 10, 7, 30);
    sess->ends_at_ms = kiosk_local_make_ms(2025, 3, 10, 11, 0);
    CHECK_INT(store_session_add(s, sess), KIOSK_OK);
}

static inline int fx_count(store *s, const char *sql)
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

#endif
