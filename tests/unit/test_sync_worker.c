/* The background sync: syncs on its own soon after the start, again after a poke, while this
 * thread (the screen) keeps writing; an unreachable server is a status line, never a stop. */
#include "check.h"
#include "host/sync_worker.h"
#include "store/store.h"
#include "store/store_internal.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define WAIT_LIMIT_S 60 /* generous: the machine may be busy; a correct worker takes ~2 s */

static char dir[128], path_a[256], path_peer[256];

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int run(store *s, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(store_db(s), sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK)
        fprintf(stderr, "sql failed: %s\n", msg);
    sqlite3_free(msg);
    return rc == SQLITE_OK;
}

static long peer_count(const char *table)
{
    sqlite3 *db;
    long n = -1;
    if (sqlite3_open_v2(path_peer, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        char sql[128];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", table);
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                n = sqlite3_column_int64(st, 0);
            sqlite3_finalize(st);
        }
    }
    sqlite3_close(db);
    return n;
}

/* Waits until the peer file holds want rows of table (or the limit passes). */
static long wait_peer(const char *table, long want)
{
    long n = -1;
    for (int i = 0; i < WAIT_LIMIT_S * 10; i++) {
        if (access(path_peer, F_OK) == 0 && (n = peer_count(table)) >= want)
            break;
        sleep_ms(100);
    }
    return n;
}

static void add_checkins(store *a, int first, int count)
{
    for (int i = first; i < first + count; i++) {
        char sql[512];
        snprintf(sql, sizeof sql,
                 "INSERT INTO checkins(id,kiosk_id,created_at,session_id,person_id) "
                 "VALUES('c%031d','ka',%d,'s1','p1')",
                 i, 1000 + i);
        CHECK(run(a, sql));
    }
}

static void test_file_target(store *a)
{
    struct sync_status st;
    sync_worker_status(&st);
    CHECK_INT(st.enabled, 0);
    CHECK_INT(sync_worker_start(path_a, "", 300), KIOSK_E_INVALID);
    CHECK_INT(sync_worker_start(path_a, path_peer, 300), KIOSK_OK);
    CHECK_INT(sync_worker_start(path_a, path_peer, 300), KIOSK_E_EXISTS);
    sync_worker_status(&st);
    CHECK_INT(st.enabled, 1);
    CHECK_STR(st.target, path_peer);

    /* The first sync comes by itself, soon after the start. */
    CHECK_INT(wait_peer("checkins", 3), 3);
    CHECK_INT(peer_count("people"), 1);
    for (int i = 0; i < WAIT_LIMIT_S * 10; i++) {
        sync_worker_status(&st);
        if (st.last_ok_ms)
            break;
        sleep_ms(100);
    }
    CHECK(st.last_ok_ms > 0);
    CHECK_INT(st.last_status, KIOSK_OK);
    CHECK_STR(st.last_error, "");

    /* A burst of check-ins written here (the screen) while the worker runs, then a poke:
     * they reach the peer long before the 300 s interval. */
    for (int burst = 0; burst < 5; burst++) {
        add_checkins(a, 10 + burst * 4, 4);
        sync_worker_poke();
    }
    CHECK_INT(wait_peer("checkins", 23), 23);
    sync_worker_stop();
    sync_worker_status(&st);
    CHECK_INT(st.enabled, 0);
    sync_worker_stop(); /* twice is harmless */
}

static void test_unreachable_server(store *a)
{
    CHECK_INT(
        sync_worker_start(path_a, "host=/nonexistent-kiosk-test dbname=kiosk password=pw9", 300),
        KIOSK_OK);
    struct sync_status st;
    for (int i = 0; i < WAIT_LIMIT_S * 10; i++) {
        sync_worker_status(&st);
        if (st.last_try_ms)
            break;
        /* The kiosk keeps working meanwhile. */
        add_checkins(a, 100 + i, 1);
        sleep_ms(100);
    }
    CHECK(st.last_try_ms > 0);
    CHECK_INT(st.last_ok_ms, 0);
    CHECK_INT(st.last_status, KIOSK_E_UNAVAILABLE);
    CHECK_STR(st.last_error_key, "sync.err.unreachable");
    CHECK(st.last_error[0] && strchr(st.last_error, '\n') == NULL);
    CHECK(strstr(st.last_error, "pw9") == NULL && strstr(st.target, "pw9") == NULL);
    CHECK_INT(st.waiting, -1); /* never synced with that server: unknown */
    sync_worker_stop();
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/kiosk-test-worker.XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    snprintf(path_a, sizeof path_a, "%s/a.db", dir);
    snprintf(path_peer, sizeof path_peer, "%s/usb.db", dir);
    store *a = NULL;
    char err[512];
    CHECK_INT(store_open(path_a, &a, err, sizeof err), KIOSK_OK);
    if (!a)
        return check_done();
    CHECK(run(a, "INSERT INTO events(id,kiosk_id,created_at,updated_at,updated_by,code,kind,title)"
                 " VALUES('e1','ka',1,1,'ka','DBHK-TT',1,'Đan bội hoa kiểng');"
                 "INSERT INTO sessions(id,kiosk_id,created_at,event_id,number,starts_at,ends_at) "
                 "VALUES('s1','ka',1,'e1',1,0,10);"
                 "INSERT INTO people(id,kiosk_id,created_at,updated_at,updated_by,full_name,"
                 "name_key) VALUES('p1','ka',1,1,'ka','Đặng Thị Lụa','dang thi lua');"));
    add_checkins(a, 1, 3);
    test_file_target(a);
    test_unreachable_server(a);
    store_close(a);
    char cmd[200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (check_failed == 0 && system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
