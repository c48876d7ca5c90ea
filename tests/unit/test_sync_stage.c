/* File sync's staging database (docs/TRUST.md): a foreign file's rows are copied into a
 * private file and checked there while another connection keeps writing the kiosk's
 * database; refused rows never reach it; only the merge writes it; the file is gone after,
 * and one left by a stopped run is replaced; a second sync meanwhile is refused. Sending to the
 * stick locks the stick alone. */
#include "check.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "store/sync_io.h"
#include "store/trust_rows.h"
#include "sync/sync.h"
#include "sync/sync_internal.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[256], kiosk_path[512];
static int writes_ok, writes_tried, next_id, private_file;

static store *open_db(const char *name, char *path, size_t cap)
{
    char err[512];
    snprintf(path, cap, "%s/%s", dir, name);
    store *s = NULL;
    if (store_open(path, &s, err, sizeof err) != KIOSK_OK)
        fprintf(stderr, "open %s: %s\n", path, err);
    return s;
}

static long num(store *s, const char *sql)
{
    int64_t v = -1;
    store_query_i64(s, sql, "test", &v, NULL);
    return (long)v;
}

/* Between the tables of the copy: a check-in by another connection that waits for no lock. */
static void write_meanwhile(void)
{
    sqlite3 *db = NULL;
    char sql[256], stage[600];
    snprintf(stage, sizeof stage, "%s.stage", kiosk_path);
    struct stat sb;
    private_file += stat(stage, &sb) == 0 && (sb.st_mode & 0777) == 0600;
    writes_tried++;
    snprintf(sql, sizeof sql,
             "INSERT INTO log(id, kiosk_id, created_at, kind, subject, detail) VALUES("
             "printf('%%032x', %d), 'k', 1, 'checkin', 'meanwhile', '')",
             ++next_id);
    if (sqlite3_open(kiosk_path, &db) == SQLITE_OK) {
        sqlite3_busy_timeout(db, 0);
        int rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
        writes_ok += rc == SQLITE_OK;
        if (rc != SQLITE_OK)
            fprintf(stderr, "write meanwhile: %s\n", sqlite3_errmsg(db));
    }
    sqlite3_close(db);
}

/* Refuses log rows whose subject is "bad". */
static const char *refuse_bad(void *ctx, int table, const struct store_value *v)
{
    (void)ctx;
    if (table == SYNC_LOG && v[4].len == 3 && memcmp(v[4].p, "bad", 3) == 0)
        return "a bad row";
    return NULL;
}

static void fill_peer(store *p)
{
    char sql[512];
    for (int i = 0; i < 20; i++) {
        snprintf(sql, sizeof sql,
                 "INSERT INTO log(id, kiosk_id, created_at, kind, subject, detail) VALUES("
                 "printf('%%032x', %d), 'p', 2, 'x', '%s', '')",
                 1000 + i, i % 5 == 0 ? "bad" : "ok");
        CHECK(sqlite3_exec(store_db(p), sql, NULL, NULL, NULL) == SQLITE_OK);
    }
}

static void test_stage(void)
{
    char peer_path[512], stage[600], err[512] = "";
    store *s = open_db("kiosk.db", kiosk_path, sizeof kiosk_path);
    store *p = open_db("stick.db", peer_path, sizeof peer_path);
    CHECK(s && p);
    if (!s || !p)
        return;
    fill_peer(p);
    store_close(p);
    long before = num(s, "SELECT count(*) FROM log");
    snprintf(stage, sizeof stage, "%s.stage", kiosk_path);
    FILE *f = fopen(stage, "w"); /* left by a run stopped with kill -9 */
    fputs("not a database", f);
    fclose(f);

    CHECK_INT(store_sync_attach(s, peer_path, err, sizeof err), KIOSK_OK);
    CHECK_INT(store_sync_stage_open(s, sync_tables, SYNC_TABLES, err, sizeof err), KIOSK_OK);
    /* a second sync of this kiosk meanwhile (kioskctl beside the worker): refused, the first's
     * staging file left alone */
    store *other = NULL;
    CHECK_INT(store_open_existing(kiosk_path, &other, err, sizeof err), KIOSK_OK);
    if (other) {
        CHECK_INT(store_sync_stage_open(other, sync_tables, SYNC_TABLES, err, sizeof err),
                  KIOSK_E_UNAVAILABLE);
        store_close(other);
    }
    CHECK(access(stage, F_OK) == 0);
    CHECK_INT(store_sync_stage_copy(s, sync_tables, SYNC_TABLES, "peer", write_meanwhile, err,
                                    sizeof err),
              KIOSK_OK);
    CHECK_INT(writes_ok, SYNC_TABLES); /* every write between tables went through at once */
    CHECK_INT(private_file, SYNC_TABLES);
    CHECK_INT(num(s, "SELECT count(*) FROM stage.log"), 20);
    CHECK_INT(num(s, "SELECT count(*) FROM main.log"), before + SYNC_TABLES);

    long refused[SYNC_TABLES] = {0}, moved[SYNC_TABLES] = {0}, already[SYNC_TABLES] = {0},
         held[SYNC_TABLES] = {0};
    CHECK_INT(store_sync_set_check(s, sync_tables, SYNC_TABLES, refuse_bad, NULL), KIOSK_OK);
    CHECK_INT(store_sync_stage_check(s, sync_tables, SYNC_TABLES, refused, err, sizeof err),
              KIOSK_OK);
    store_sync_set_check(s, sync_tables, SYNC_TABLES, NULL, NULL);
    CHECK_INT(refused[SYNC_LOG], 4);
    CHECK_INT(num(s, "SELECT count(*) FROM stage.log"), 16);
    CHECK_INT(num(s, "SELECT count(*) FROM main.quarantine"), 0); /* not yet: only the merge */
    CHECK_INT(
        store_sync_stage_merge(s, sync_tables, SYNC_TABLES, moved, already, held, err, sizeof err),
        KIOSK_OK);
    store_sync_stage_close(s);
    store_sync_detach(s);
    CHECK_INT(moved[SYNC_LOG], 16);
    CHECK_INT(num(s, "SELECT count(*) FROM main.log WHERE kiosk_id = 'p'"), 16);
    CHECK_INT(num(s, "SELECT count(*) FROM main.log WHERE subject = 'bad'"), 0);
    CHECK_INT(num(s, "SELECT count(*) FROM main.quarantine WHERE tbl = 'log' AND reason = 'a bad "
                     "row'"),
              4);
    CHECK(access(stage, F_OK) != 0);

    /* The other way (this kiosk's rows to the stick) write-locks the stick alone. */
    writes_ok = writes_tried = 0;
    memset(moved, 0, sizeof moved);
    CHECK_INT(store_sync_attach(s, peer_path, err, sizeof err), KIOSK_OK);
    CHECK_INT(store_sync_move_all(s, sync_tables, SYNC_TABLES, "main", "peer", moved, already, held,
                                  NULL, write_meanwhile, err, sizeof err),
              KIOSK_OK);
    store_sync_detach(s);
    CHECK_INT(writes_ok, SYNC_TABLES);
    CHECK(moved[SYNC_LOG] >= SYNC_TABLES);
    store_close(s);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/kiosk-test-stage.XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    test_stage();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (check_failed == 0 && system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
