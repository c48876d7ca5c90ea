/* Check-in speed: store_check_in (look-ups, late and walk-in, the insert and its log row,
 * one durable commit: WAL, synchronous=FULL) beside a bare SQLite INSERT of a row like a
 * check-in with the same durability, into another file of the same folder, alternating
 * run by run so both see the same disk. TSV rows: figure, median, p99, baseline, ratio,
 * target. Also a check-in with a signature (strokes + PNG), for information. */
#include "bench_util.h"
#include "store/domain.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 400

/* The bare baseline: the same pragmas the store uses, one prepared INSERT, autocommit. */
static sqlite3 *bare_open(const char *path, sqlite3_stmt **ins)
{
    sqlite3 *db = NULL;
    if (sqlite3_open(path, &db) != SQLITE_OK)
        return NULL;
    sqlite3_exec(db,
                 "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
                 "CREATE TABLE checkins(id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, "
                 "created_at INTEGER NOT NULL, session_id TEXT NOT NULL, person_id TEXT NOT NULL, "
                 "kind INTEGER NOT NULL, late INTEGER NOT NULL, walkin INTEGER NOT NULL, "
                 "signature BLOB, signature_png BLOB, extra TEXT NOT NULL DEFAULT '{}');"
                 "CREATE INDEX checkins_session ON checkins(session_id, person_id, kind);",
                 NULL, NULL, NULL);
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO checkins(id, kiosk_id, created_at, session_id, person_id, "
                           "kind, late, walkin) VALUES(?1, ?2, ?3, ?4, ?5, 1, 0, 0)",
                           -1, ins, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

static int setup(store *s, char ids[RUNS][KIOSK_ID_LEN], struct kiosk_session *sess)
{
    struct kiosk_event ev = {0};
    kiosk_strlcpy(ev.code, "MDN-MK", sizeof ev.code);
    ev.kind = KIOSK_EVENT_CLASS;
    kiosk_strlcpy(ev.title, "May và đan dây nhựa", sizeof ev.title);
    ev.late_after_min = 15;
    if (store_event_add(s, &ev, "xã Mỹ Khánh", "huyện Phong Điền") != KIOSK_OK)
        return 0;
    memset(sess, 0, sizeof *sess);
    kiosk_strlcpy(sess->event_id, ev.id, sizeof sess->event_id);
    sess->starts_at_ms = kiosk_clock_now_ms() - 3600 * 1000;
    sess->ends_at_ms = sess->starts_at_ms + 4 * 3600 * 1000;
    if (store_session_add(s, sess) != KIOSK_OK)
        return 0;
    /* the roster in one transaction: setup, not measured */
    if (store_begin(s) != KIOSK_OK)
        return 0;
    for (int i = 0; i < RUNS; i++) {
        struct kiosk_person p = {0};
        /* names hold no digits: the number in letters */
        kiosk_fmt(p.full_name, sizeof p.full_name, "Nguyễn Thị Học Viên %c%c%c", 'a' + i / 676 % 26,
                  'a' + i / 26 % 26, 'a' + i % 26);
        p.birth_year = 1960 + i % 40;
        struct kiosk_registration reg;
        if (store_register(s, ev.id, &p, "import", &reg, NULL) != KIOSK_OK)
            return 0;
        kiosk_strlcpy(ids[i], p.id, KIOSK_ID_LEN);
    }
    return store_commit(s) == KIOSK_OK;
}

int main(void)
{
    char dir[] = KIOSK_TEST_BUILD_DIR "/bench-checkin.XXXXXX", path[600], err[512] = "";
    if (!mkdtemp(dir))
        return 2;
    kiosk_fmt(path, sizeof path, "%s/kiosk.db", dir);
    store *s = NULL;
    if (store_open(path, &s, err, sizeof err) != KIOSK_OK) {
        fprintf(stderr, "bench_checkin: %s\n", err);
        return 1;
    }
    static char ids[RUNS][KIOSK_ID_LEN];
    struct kiosk_session sess;
    if (!setup(s, ids, &sess)) {
        fprintf(stderr, "bench_checkin: setup failed\n");
        return 1;
    }
    kiosk_fmt(path, sizeof path, "%s/bare.db", dir);
    sqlite3_stmt *ins = NULL;
    sqlite3 *bare = bare_open(path, &ins);
    if (!bare) {
        fprintf(stderr, "bench_checkin: cannot make '%s'\n", path);
        return 1;
    }
    static double t[RUNS], base[RUNS], signed_t[RUNS / 4];
    for (int i = 0; i < RUNS; i++) {
        char id[KIOSK_ID_LEN];
        kiosk_id_new(id);
        double t0 = now_ms();
        sqlite3_reset(ins);
        sqlite3_bind_text(ins, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 2, store_kiosk_id(s), -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins, 3, kiosk_clock_now_ms());
        sqlite3_bind_text(ins, 4, sess.id, -1, SQLITE_STATIC);
        sqlite3_bind_text(ins, 5, ids[i], -1, SQLITE_STATIC);
        if (sqlite3_step(ins) != SQLITE_DONE)
            return 1;
        base[i] = now_ms() - t0;

        struct kiosk_checkin c;
        t0 = now_ms();
        if (store_check_in(s, sess.id, ids[i], KIOSK_CHECK_IN, 0, NULL, &c) != KIOSK_OK)
            return 1;
        t[i] = now_ms() - t0;
    }
    double b_median, b_p99;
    stats(base, RUNS, &b_median, &b_p99);
    row_note("store.check_in_ms", t, RUNS, b_median, "<=1.5x",
             "committed: WAL, synchronous=FULL; baseline bare INSERT");

    /* with a signature: 300 points in 6 strokes on a 600x200 pad, packed and drawn */
    static struct kiosk_signature sig;
    sig.width = 600;
    sig.height = 200;
    for (int i = 0; i < 300; i++) {
        sig.points[i].x = (int16_t)(i % 50 == 49 ? -1 : 20 + (i * 37) % 560);
        sig.points[i].y = (int16_t)(i % 50 == 49 ? -1 : 30 + (i * 53) % 150);
    }
    sig.count = 300;
    for (int i = 0; i < RUNS / 4; i++) {
        struct kiosk_checkin c;
        double t0 = now_ms();
        if (store_check_in(s, sess.id, ids[i], KIOSK_CHECK_OUT, 0, &sig, &c) != KIOSK_OK)
            return 1;
        signed_t[i] = now_ms() - t0;
    }
    row_note("store.check_in_signed_ms", signed_t, RUNS / 4, 0, "-", "info: + strokes and PNG");
    fprintf(stderr, "bench_checkin: %d check-ins in %s\n", RUNS, dir);

    sqlite3_finalize(ins);
    sqlite3_close(bare);
    store_close(s);
    kiosk_fmt(path, sizeof path, "rm -rf '%s'", dir);
    return system(path) == 0 ? 0 : 1;
}
