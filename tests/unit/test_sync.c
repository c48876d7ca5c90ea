/* Sync without a server: the table descriptions match the store's schema, targets are told
 * apart, summaries read right, and file sync resolves conflicts the documented way. */
#include "check.h"
#include "store/store.h"
#include "store/store_internal.h"
#include "sync/sync.h"
#include "sync/sync_internal.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char dir[256];

static store *open_kiosk(const char *name)
{
    char path[512], err[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    store *s = NULL;
    kiosk_status st = store_open(path, &s, err, sizeof err);
    if (st != KIOSK_OK)
        fprintf(stderr, "open %s: %s\n", path, err);
    return s;
}

static void run(store *s, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(store_db(s), sql, NULL, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "sql failed: %s\n  %s\n", msg, sql);
        check_failed++;
    }
    sqlite3_free(msg);
}

static long num(store *s, const char *sql)
{
    int64_t v = -1;
    store_query_i64(s, sql, "test", &v, NULL);
    return (long)v;
}

static void text(store *s, const char *sql, char *out, size_t cap)
{
    sqlite3_stmt *st;
    out[0] = '\0';
    if (sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) != SQLITE_OK)
        return;
    if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
        kiosk_strlcpy(out, (const char *)sqlite3_column_text(st, 0), cap);
    sqlite3_finalize(st);
}

/* Every column of every synced table in the store's schema is described (except the
 * file-local ones), so a migration that adds a column fails here until sync knows it. */
static void test_descriptors_match_schema(void)
{
    store *s = open_kiosk("schema.db");
    CHECK(s != NULL);
    if (!s)
        return;
    for (int t = 0; t < SYNC_TABLES; t++) {
        const struct sync_table *d = &sync_tables[t];
        char sql[256];
        snprintf(sql, sizeof sql, "SELECT name FROM pragma_table_info('%s')", d->name);
        sqlite3_stmt *st;
        CHECK(sqlite3_prepare_v2(store_db(s), sql, -1, &st, NULL) == SQLITE_OK);
        int local = 0;
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *col = (const char *)sqlite3_column_text(st, 0);
            if ((t == SYNC_LOG && strcmp(col, "seq") == 0) ||
                (t == SYNC_KEYS && strcmp(col, "own") == 0))
                continue;
            local++;
            int found = 0;
            for (int c = 0; c < d->ncols; c++)
                found |= strcmp(d->cols[c].name, col) == 0;
            if (!found)
                fprintf(stderr, "sync does not know column %s.%s\n", d->name, col);
            CHECK(found);
        }
        sqlite3_finalize(st);
        CHECK_INT(local, d->ncols);
    }
    store_close(s);
}

static void test_targets_and_summary(void)
{
    CHECK(sync_target_is_pg("postgresql://kiosk@centre.example/kiosk"));
    CHECK(sync_target_is_pg("postgres://x/y"));
    CHECK(sync_target_is_pg("host=/tmp/pg dbname=kiosk"));
    CHECK(sync_target_is_pg("service=khuyencong"));
    CHECK(!sync_target_is_pg("/media/usb/kiosk.db"));
    CHECK(!sync_target_is_pg("kiosk.db"));
    CHECK(!sync_target_is_pg("/media/usb/a=b.db"));

    struct sync_counts c = {0};
    char line[512];
    sync_counts_summary(&c, line, sizeof line);
    CHECK(strstr(line, "nothing to exchange") != NULL);
    c.sent[SYNC_PEOPLE] = 3;
    c.sent[SYNC_CHECKINS] = 12;
    c.received[SYNC_EVENTS] = 1;
    c.held[SYNC_CHECKINS] = 2;
    sync_counts_summary(&c, line, sizeof line);
    CHECK(strstr(line, "sent: people 3, checkins 12") == line);
    CHECK(strstr(line, "received: events 1") != NULL);
    CHECK(strstr(line, "checkins 2") != NULL);
    CHECK_INT(sync_counts_total(c.sent), 15);

    char label[128];
    sync_target_label("postgresql://kiosk:s3cret@centre.example:5433/khuyencong", label,
                      sizeof label);
    CHECK_STR(label, "centre.example:5433/khuyencong");
    sync_target_label("host=/tmp/pg dbname=kiosk password=s3cret", label, sizeof label);
    CHECK_STR(label, "/tmp/pg/kiosk");
    sync_target_label("/media/usb/kiosk.db", label, sizeof label);
    CHECK_STR(label, "/media/usb/kiosk.db");

    char h1[17], h2[17];
    sync_target_hash("host=/tmp dbname=k password=secret", h1);
    sync_target_hash("host=/tmp dbname=k password=other", h2);
    CHECK(strcmp(h1, h2) != 0);
    CHECK(strstr(h1, "secret") == NULL);
}

#define EVENT_SQL(id, code, at, by, title)                                                         \
    "INSERT INTO events(id,kiosk_id,created_at,updated_at,updated_by,code,kind,title) VALUES('" id \
    "','k'," at "," at ",'" by "','" code "',1,'" title "');"

static void test_file_sync_rules(void)
{
    store *a = open_kiosk("a.db"), *b = open_kiosk("b.db");
    CHECK(a && b);
    if (!a || !b)
        return;
    /* The same program on both (synced once), then conflicts made on each side. */
    run(a,
        EVENT_SQL("e1", "MDN-MK", "100", "ka",
                  "May và đan dây nhựa") "INSERT INTO "
                                         "sessions(id,kiosk_id,created_at,event_id,number,starts_"
                                         "at,ends_at) VALUES('s1','ka',100,'e1',1,0,10);"
                                         "INSERT INTO "
                                         "people(id,kiosk_id,created_at,updated_at,updated_by,full_"
                                         "name,name_key) "
                                         "VALUES('p1','ka',100,100,'ka','Nguyễn Thị Hoa','nguyen "
                                         "thi hoa');");
    char path_b[512], err[512];
    snprintf(path_b, sizeof path_b, "%s/b.db", dir);
    struct sync_counts c;
    CHECK_INT(sync_run(a, path_b, &c, NULL, err, sizeof err), KIOSK_OK);
    CHECK_INT(c.sent[SYNC_EVENTS], 1);
    CHECK_INT(c.sent[SYNC_PEOPLE], 1);
    CHECK_INT(num(b, "SELECT count(*) FROM sessions"), 1);

    /* A later edit on B wins on A; an older edit on A loses everywhere. */
    run(a, "UPDATE people SET full_name='Nguyễn Thị Hòa', updated_at=200, updated_by='ka'");
    run(b, "UPDATE people SET full_name='Nguyễn Thị Hoà', updated_at=300, updated_by='kb'");
    /* Two events with one code (made apart): the second stays out, its sessions and
     * check-ins are held back on their kiosk, and the sync does not fail. */
    run(b, EVENT_SQL(
               "e2", "DDN-TT", "150", "kb",
               "Đan dây nhựa") "INSERT INTO "
                               "sessions(id,kiosk_id,created_at,event_id,number,starts_at,ends_at) "
                               "VALUES('s2','kb',150,'e2',1,0,10);"
                               "INSERT INTO checkins(id,kiosk_id,created_at,session_id,person_id) "
                               "VALUES('c2','kb',160,'s2','p1');");
    run(a, EVENT_SQL("e3", "DDN-TT", "140", "ka", "Đan dây nhựa (A)"));
    /* One registration on each side for the same person and event: earliest wins. */
    run(a, "INSERT INTO registrations(id,kiosk_id,created_at,event_id,person_id,status) "
           "VALUES('ra','ka',500,'e1','p1',1)");
    run(b, "INSERT INTO registrations(id,kiosk_id,created_at,event_id,person_id,status) "
           "VALUES('rb','kb',400,'e1','p1',1)");
    /* A fact with a blob and a text full of COPY's special characters. */
    run(a, "INSERT INTO checkins(id,kiosk_id,created_at,session_id,person_id,signature,extra) "
           "VALUES('c1','ka',110,'s1','p1',X'00FF5C090A',"
           "'{\"x\":\"a\tb\\\\c\nd\"}')");

    CHECK_INT(sync_run(a, path_b, &c, NULL, err, sizeof err), KIOSK_OK);
    char name[128];
    text(a, "SELECT full_name FROM people WHERE id='p1'", name, sizeof name);
    CHECK_STR(name, "Nguyễn Thị Hoà");
    text(b, "SELECT full_name FROM people WHERE id='p1'", name, sizeof name);
    CHECK_STR(name, "Nguyễn Thị Hoà");
    CHECK_INT(c.received[SYNC_PEOPLE], 1);
    CHECK_INT(c.already[SYNC_EVENTS], 2); /* e2 stays out of A, e3 out of B */
    CHECK_INT(c.held[SYNC_SESSIONS], 1);  /* s2 (event e2) cannot go to A */
    CHECK_INT(c.held[SYNC_CHECKINS], 1);  /* c2 (session s2) neither */
    CHECK_INT(num(a, "SELECT count(*) FROM checkins WHERE id='c2'"), 0);
    CHECK_INT(num(b, "SELECT count(*) FROM checkins WHERE id='c2'"), 1);
    text(a, "SELECT group_concat(id) FROM registrations", name, sizeof name);
    CHECK_STR(name, "rb");
    text(b, "SELECT group_concat(id) FROM registrations", name, sizeof name);
    CHECK_STR(name, "rb");
    CHECK_INT(num(b, "SELECT count(*) FROM checkins WHERE id='c1' AND "
                     "signature=X'00FF5C090A' AND extra='{\"x\":\"a\tb\\\\c\nd\"}'"),
              1);

    /* Its own file is refused; a rerun moves nothing (held rows stay held, counted again). */
    CHECK_INT(sync_run(b, path_b, &c, NULL, err, sizeof err), KIOSK_E_INVALID);
    char path_a[512];
    snprintf(path_a, sizeof path_a, "%s/a.db", dir);
    CHECK_INT(sync_run(b, path_a, &c, NULL, err, sizeof err), KIOSK_OK);
    /* (b's first sync of its own makes its key: that row, and nothing else, moves) */
    CHECK_INT(sync_counts_total(c.sent) + sync_counts_total(c.received) - c.sent[SYNC_KEYS], 0);
    CHECK_INT(c.held[SYNC_CHECKINS], 1);

    /* A file that is not a kiosk database: refused, one line naming it, left as it was. */
    char junk[512];
    snprintf(junk, sizeof junk, "%s/notes.txt", dir);
    FILE *f = fopen(junk, "w");
    fputs("Danh sách học viên\n", f);
    fclose(f);
    const char *why = NULL;
    CHECK_INT(sync_run(a, junk, &c, &why, err, sizeof err), KIOSK_E_CORRUPT);
    CHECK(strstr(err, "notes.txt") != NULL && strchr(err, '\n') == NULL);
    CHECK_STR(why, "sync.err.not_kiosk");
    store_close(a);
    store_close(b);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/kiosk-test-sync.XXXXXX");
    if (!mkdtemp(dir))
        return 1;
    test_descriptors_match_schema();
    test_targets_and_summary();
    test_file_sync_rules();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (check_failed == 0 && system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
