/* Hostile synced rows (issue 14 item 5, issue 15 item 2, docs/TRUST.md): every synced
 * table's row check runs in the trust check, so a row no kiosk would write is set aside in
 * quarantine, counted, and never blocks the rows after it. First each table's rule on its
 * own (trust_row_invalid), then through a real file sync between two enrolled kiosks where
 * one writes the hostile rows itself (sealed by its own key: only the rules can refuse them),
 * with the receiving kiosk's data checked afterwards. */
#include "check.h"
#include "store/store.h"
#include "store/domain.h"
#include "store/store_internal.h"
#include "sync/sync.h"
#include "sync/sync_internal.h"
#include "trust/records.h"
#include "trust/trust.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define X30(c) c c c c c c c c c c c c c c c c c c c c c c c c c c c c c c
#define ID(c) c c X30(c)
#define K ID("a")  /* the writing kiosk (part 1) */
#define P1 ID("1") /* people */
#define P2 ID("2")
#define S1 ID("5") /* a session */
#define E1 ID("e") /* an event */
#define NOW "1741600000000"
#define INT64_MAX_S "9223372036854775807"

static const int64_t now_ms = 1741600000000LL;

/* One good row of each table, in sync_tables' column order. */
static const char *const good[SYNC_TABLES][20] = {
    [SYNC_EVENTS] = {E1, K, NOW, NOW, K, "MDN-MK", "1", "May và đan", "xã Mỹ Khánh", "Mỹ Khánh", "",
                     "TP Cần Thơ", "30", "1", "0", "15", "", "{}", "0"},
    [SYNC_SESSIONS] = {S1, K, NOW, E1, "1", "1741590000000", "1741602600000", NOW, K, "0"},
    [SYNC_PEOPLE] = {P1, K, NOW, NOW, K, "Nguyễn Thị Hòa", "Hòa", "nguyen thi hoa", "1985",
                     "+84912345678", "Mỹ Khánh", "", "TP Cần Thơ", "", "0", "{}"},
    [SYNC_REGISTRATIONS] = {ID("3"), K, NOW, E1, P1, "1", "kiosk", "{}"},
    [SYNC_CONSENTS] = {ID("4"), K, NOW, P1, "2", "1", "signup-v2"},
    [SYNC_PERSON_MERGES] = {ID("6"), K, NOW, P1, P2, "0", "identity.coordinator", "coordinator"},
    [SYNC_CHECKINS] = {ID("7"), K, NOW, S1, P1, "1", "0", "0", NULL, NULL, "{}"},
    [SYNC_ATTENDANCE_MARKS] = {ID("8"), K, NOW, S1, P1, "3", "", "Ốm", "coordinator"},
    [SYNC_RECEIPTS] = {ID("9"), K, NOW, "1", E1, NULL, P1, "AB12CD", "KQR1...", "ABCDEFGH"},
    [SYNC_LOG] = {ID("b"), K, NOW, "checkin", ID("7"), "late=0"},
};

/* Why trust_row_invalid refuses the good row of table with col set to val (NULL: valid). */
static const char *verdict(int table, const char *col, const char *val)
{
    const struct sync_table *t = &sync_tables[table];
    struct store_value v[20];
    for (int c = 0; c < t->ncols; c++) {
        const char *x = col && !strcmp(t->cols[c].name, col) ? val : good[table][c];
        v[c] = (struct store_value){x, x ? strlen(x) : 0, x == NULL};
    }
    return trust_row_invalid(t, v, now_ms);
}

static int refused(int table, const char *col, const char *val)
{
    const char *why = verdict(table, col, val);
    if (!why)
        fprintf(stderr, "  %s.%s = '%s' was taken\n", sync_tables[table].name, col, val);
    return why != NULL;
}

static void test_good_rows_pass(void)
{
    for (int t = 0; t < SYNC_TABLES; t++) {
        if (!good[t][0])
            continue; /* keys, enrolments, revocations, seals: their own signatures */
        const char *why = verdict(t, NULL, NULL);
        if (why)
            fprintf(stderr, "  good %s row refused: %s\n", sync_tables[t].name, why);
        CHECK(why == NULL);
    }
    /* the awkward but genuine: a check-out cancelled, an unknown year, a far session */
    CHECK(verdict(SYNC_ATTENDANCE_MARKS, "mark", "4") != NULL); /* needs its check-out */
    CHECK(verdict(SYNC_PEOPLE, "birth_year", "0") == NULL);
    CHECK(verdict(SYNC_SESSIONS, "cancelled", "1") == NULL);
    CHECK(verdict(SYNC_EVENTS, "kind", "2") == NULL);
    CHECK(verdict(SYNC_PERSON_MERGES, "undo", "1") == NULL);
}

static void test_each_rule(void)
{
    /* bad ids, codes, text */
    CHECK(refused(SYNC_PEOPLE, "id", "../../etc/passwd"));
    CHECK(refused(SYNC_PEOPLE, "id", ID("A")));
    CHECK(refused(SYNC_CHECKINS, "person_id", "1111"));
    CHECK(refused(SYNC_EVENTS, "code", "../x"));
    CHECK(refused(SYNC_EVENTS, "code", "MDN/MK"));
    CHECK(refused(SYNC_PEOPLE, "full_name", "Hoa\xc3\x28"));
    CHECK(refused(SYNC_PEOPLE, "full_name", "\xed\xa0\x80"));    /* a surrogate */
    CHECK(refused(SYNC_PEOPLE, "full_name", "\xc0\xaf"));        /* overlong '/' */
    CHECK(refused(SYNC_ATTENDANCE_MARKS, "reason", "\xff\xfe")); /* not UTF-8 */
    CHECK(refused(SYNC_LOG, "detail", "a\x01b"));
    /* times: past the clock skew, INT64_MAX, before 1970 */
    CHECK(verdict(SYNC_CHECKINS, "created_at", "1741600900000") == NULL); /* 15 min ahead */
    CHECK(refused(SYNC_CHECKINS, "created_at", "1741600900001"));
    CHECK(refused(SYNC_PEOPLE, "updated_at", INT64_MAX_S));
    CHECK(refused(SYNC_EVENTS, "updated_at", "9223372036854775808")); /* past INT64_MAX */
    CHECK(refused(SYNC_CONSENTS, "created_at", "-1"));
    CHECK(refused(SYNC_SESSIONS, "starts_at", INT64_MAX_S));
    CHECK(refused(SYNC_SESSIONS, "ends_at", INT64_MAX_S));
    CHECK(refused(SYNC_SESSIONS, "starts_at", "-9223372036854775808"));
    CHECK(refused(SYNC_SESSIONS, "ends_at", "1741590000000")); /* ends as it starts */
    CHECK(refused(SYNC_SESSIONS, "ends_at", "1742590000000")); /* 11 days long */
    CHECK(refused(SYNC_SESSIONS, "number", "0"));
    CHECK(refused(SYNC_SESSIONS, "cancelled", "2"));
    /* events */
    CHECK(refused(SYNC_EVENTS, "kind", "3"));
    CHECK(refused(SYNC_EVENTS, "title", ""));
    CHECK(refused(SYNC_EVENTS, "capacity", "-5"));
    CHECK(refused(SYNC_EVENTS, "capacity", INT64_MAX_S));
    CHECK(refused(SYNC_EVENTS, "late_after_min", "4294967311")); /* 15 + 2^32 */
    CHECK(refused(SYNC_EVENTS, "signup_open", "7"));
    CHECK(refused(SYNC_EVENTS, "cancelled", "-1"));
    /* corrections: marks outside {present, absent, excused} (+ a cancelled check-out) */
    CHECK(refused(SYNC_ATTENDANCE_MARKS, "mark", "0"));
    CHECK(refused(SYNC_ATTENDANCE_MARKS, "mark", "5"));
    CHECK(refused(SYNC_ATTENDANCE_MARKS, "mark", "4294967297")); /* 1 + 2^32 */
    CHECK(refused(SYNC_ATTENDANCE_MARKS, "mark", INT64_MAX_S));
    CHECK(refused(SYNC_ATTENDANCE_MARKS, "reason", ""));
    CHECK(refused(SYNC_ATTENDANCE_MARKS, "by_whom", "kiosk"));
    CHECK(refused(SYNC_ATTENDANCE_MARKS, "checkin_id", ID("7"))); /* only for mark 4 */
    /* merges: into itself, bad ids, words no kiosk writes */
    CHECK(refused(SYNC_PERSON_MERGES, "merged_id", P1));
    CHECK(refused(SYNC_PERSON_MERGES, "survivor_id", "../" P1));
    CHECK(refused(SYNC_PERSON_MERGES, "undo", "2"));
    CHECK(refused(SYNC_PERSON_MERGES, "undo", "4294967296")); /* 0 + 2^32 */
    CHECK(refused(SYNC_PERSON_MERGES, "reason", ""));
    CHECK(refused(SYNC_PERSON_MERGES, "reason", "Identity; DROP TABLE"));
    CHECK(refused(SYNC_PERSON_MERGES, "by_whom", "admin"));
    /* the other tables' numbers */
    CHECK(refused(SYNC_PEOPLE, "birth_year", "1850"));
    CHECK(refused(SYNC_PEOPLE, "org_kind", "9"));
    CHECK(refused(SYNC_REGISTRATIONS, "status", "0"));
    CHECK(refused(SYNC_CONSENTS, "granted", "2"));
    CHECK(refused(SYNC_CONSENTS, "purpose", "4"));
    CHECK(refused(SYNC_CHECKINS, "kind", "4"));
    CHECK(verdict(SYNC_CHECKINS, "kind", "3") == NULL); /* a return after leaving (ABI 2.2) */
    CHECK(refused(SYNC_CHECKINS, "late", "5"));
    CHECK(refused(SYNC_CHECKINS, "walkin", "-1"));
    CHECK(refused(SYNC_RECEIPTS, "kind", "0"));
    CHECK(refused(SYNC_CHECKINS, "late", "1e3"));
    CHECK(refused(SYNC_CHECKINS, "late", " 1"));
}

/* ---- through a real sync ---- */

static char dir[256];

static store *open_kiosk(const char *name)
{
    char path[512], err[512] = "";
    snprintf(path, sizeof path, "%s/%s", dir, name);
    store *s = NULL;
    if (store_open(path, &s, err, sizeof err) != KIOSK_OK ||
        trust_enrol_demo(s, err, sizeof err) != KIOSK_OK) {
        fprintf(stderr, "open %s: %s\n", path, err);
        exit(2);
    }
    return s;
}

static int print_row(void *ctx, int n, char **v, char **names)
{
    (void)ctx;
    (void)names;
    for (int i = 0; i < n; i++)
        fprintf(stderr, "%s%s", i ? " | " : "  ", v[i] ? v[i] : "NULL");
    fprintf(stderr, "\n");
    return 0;
}

static void run(store *s, const char *sql)
{
    char *msg = NULL;
    if (sqlite3_exec(store_db(s), sql, print_row, NULL, &msg) != SQLITE_OK) {
        fprintf(stderr, "sql failed: %s\n  %s\n", msg, sql);
        check_failed++;
    }
    sqlite3_free(msg);
}

/* Runs sql after putting in A's id for every 'KK' and the time now for NN. */
static void run_as(store *s, const char *tmpl)
{
    char sql[8192], *o = sql;
    const char *kid = store_kiosk_id(s);
    for (const char *c = tmpl; *c && o < sql + sizeof sql - 40; c++) {
        if (c[0] == 'K' && c[1] == 'K') {
            o += sprintf(o, "%s", kid);
            c++;
        } else if (c[0] == 'N' && c[1] == 'N') {
            o += sprintf(o, "%lld", (long long)kiosk_clock_now_ms());
            c++;
        } else {
            *o++ = *c;
        }
    }
    *o = '\0';
    run(s, sql);
}

static long num(store *s, const char *sql)
{
    int64_t v = -1;
    store_query_i64(s, sql, "test", &v, NULL);
    return (long)v;
}

/* A's genuine program and people, then rows only a broken or hostile kiosk writes. */
static const char *const genuine_sql =
    "INSERT INTO events(id,kiosk_id,created_at,updated_at,updated_by,code,kind,title) VALUES"
    " ('" E1 "','KK',NN,NN,'KK','TR-1',1,'May và đan');"
    "INSERT INTO sessions(id,kiosk_id,created_at,event_id,number,starts_at,ends_at,updated_at,"
    " updated_by) VALUES('" S1 "','KK',NN,'" E1 "',1,NN-86400000,NN-80000000,NN,'KK');"
    "INSERT INTO people(id,kiosk_id,created_at,updated_at,updated_by,full_name,name_key,"
    " birth_year) VALUES"
    " ('" P1 "','KK',NN-3,NN,'KK','Nguyễn Thị Hòa','nguyen thi hoa',1985),"
    " ('" P2 "','KK',NN-2,NN,'KK','Trần Văn Lộc','tran van loc',1990),"
    " ('" ID("3") "','KK',NN-1,NN,'KK','Lê Thị Mai','le thi mai',1979);";

static const char *const hostile_sql =
    "PRAGMA ignore_check_constraints = ON;"
    "INSERT INTO events(id,kiosk_id,created_at,updated_at,updated_by,code,kind,title,capacity)"
    " VALUES ('" ID(
        "d") "','KK',NN,NN,'KK','../etc',1,'x',0),"
             "        ('" ID(
                 "c") "','KK',NN,NN,'KK','EV-2',1,'x',-5),"
                      "        ('" ID(
                          "f") "','KK',NN," INT64_MAX_S ",'KK','EV-3',1,'x',0);"
                               "INSERT INTO "
                               "sessions(id,kiosk_id,created_at,event_id,number,starts_at,ends_at,"
                               "updated_at,"
                               " updated_by) VALUES('" ID(
                                   "6") "','KK',NN,'" E1 "',2," INT64_MAX_S ",0,NN,'KK'),"
                                        " ('" ID(
                                            "7") "','KK',NN,'" E1 "',0,NN,NN+1000,NN,'KK');"
                                                 "INSERT INTO "
                                                 "people(id,kiosk_id,created_at,updated_at,updated_"
                                                 "by,full_name,name_key)"
                                                 " VALUES('" ID(
                                                     "8") "','KK',NN,NN,'KK',CAST(X'486fc328' AS "
                                                          "TEXT),'ho'),"
                                                          " ('" ID(
                                                              "9") "','KK',NN+86400000,NN,'KK','Võ "
                                                                   "Văn Ba','vo van ba');"
                                                                   "INSERT INTO "
                                                                   "person_merges(id,kiosk_id,"
                                                                   "created_at,survivor_id,merged_"
                                                                   "id,undo,reason,by_whom)"
                                                                   " VALUES('" ID(
                                                                       "b") "','KK',NN,'" P1
                                                                            "','" P1
                                                                            "',0,'identity."
                                                                            "coordinator','"
                                                                            "coordinator'),"
                                                                            " ('b1" X30(
                                                                                "b") "','KK',NN,"
                                                                                     "'" P1 "','" P2
                                                                                     "',0,'','"
                                                                                     "coordinator')"
                                                                                     ","
                                                                                     " ('" ID(
                                                                                         "0") "','"
                                                                                              "KK',"
                                                                                              "NN,"
                                                                                              "'" P2
                                                                                              "',"
                                                                                              "'" P1
                                                                                              "',5,"
                                                                                              "'ide"
                                                                                              "ntit"
                                                                                              "y."
                                                                                              "coor"
                                                                                              "dina"
                                                                                              "tor'"
                                                                                              ",'"
                                                                                              "coor"
                                                                                              "dina"
                                                                                              "tor'"
                                                                                              ");"
                                                                                              "INSE"
                                                                                              "RT "
                                                                                              "INTO"
                                                                                              " att"
                                                                                              "enda"
                                                                                              "nce_"
                                                                                              "mark"
                                                                                              "s("
                                                                                              "id,"
                                                                                              "kios"
                                                                                              "k_"
                                                                                              "id,"
                                                                                              "crea"
                                                                                              "ted_"
                                                                                              "at,"
                                                                                              "sess"
                                                                                              "ion_"
                                                                                              "id,"
                                                                                              "pers"
                                                                                              "on_"
                                                                                              "id,"
                                                                                              "mark"
                                                                                              ",che"
                                                                                              "ckin"
                                                                                              "_id,"
                                                                                              " rea"
                                                                                              "son,"
                                                                                              "by_"
                                                                                              "whom"
                                                                                              ") "
                                                                                              "VALU"
                                                                                              "ES"
                                                                                              " ("
                                                                                              "'" ID(
                                                                                                  "c") "','KK',NN,'" S1
                                                                                                       "','" P1
                                                                                                       "',7,'','Ốm','coordinator'),"
                                                                                                       " ('" ID(
                                                                                                           "d") "','KK',NN,'" S1
                                                                                                                "','" P1
                                                                                                                "',2,'','','coordinator'),"
                                                                                                                " ('" ID(
                                                                                                                    "e") "','KK',NN,'" S1
                                                                                                                         "','" P1
                                                                                                                         "',4,'','Quên','coordinator'),"
                                                                                                                         " ('" ID(
                                                                                                                             "f") "','KK'," INT64_MAX_S
                                                                                                                                  ",'" S1
                                                                                                                                  "','" P1
                                                                                                                                  "',1,'','Ốm','coordinator');"
                                                                                                                                  "INSERT INTO checkins(id,kiosk_id,created_at,session_id,person_id,kind,late,walkin) VALUES"
                                                                                                                                  " ('" ID(
                                                                                                                                      "c") "','KK',NN,'" S1
                                                                                                                                           "','" P1
                                                                                                                                           "',9,0,0),"
                                                                                                                                           " ('" ID(
                                                                                                                                               "d") "','KK',NN,'" S1
                                                                                                                                                    "','" P2
                                                                                                                                                    "',1,5,0);"
                                                                                                                                                    "PRAGMA ignore_check_constraints = OFF;";

/* A merge cycle: each fact valid, the three end as one person on every side. */
static const char *const after_sql =
    "INSERT INTO person_merges(id,kiosk_id,created_at,survivor_id,merged_id,undo,reason,by_whom)"
    " VALUES('" ID("4") "','KK',NN,'" P1 "','" P2 "',0,'identity.coordinator','coordinator'),"
                        " ('40" X30("4") "','KK',NN,'" P2 "','" ID(
                            "3") "',0,'identity.coordinator','coordinator'),"
                                 " ('41" X30("4") "','KK',NN,'" ID(
                                     "3") "','" P1 "',0,'identity.coordinator','coordinator');"
                                          "INSERT INTO "
                                          "checkins(id,kiosk_id,created_at,session_id,person_id,"
                                          "kind,late,walkin) VALUES"
                                          " ('" ID("a") "','KK',NN,'" S1 "','" P2 "',1,0,0);"
                                                        "INSERT INTO "
                                                        "attendance_marks(id,kiosk_id,created_at,"
                                                        "session_id,person_id,mark,checkin_id,"
                                                        " reason,by_whom) VALUES('" ID(
                                                            "a") "','KK',NN,'" S1
                                                                 "','" ID("3") "',3,'','Ốm',"
                                                                               "'coordinator');";

/* B syncs with A's file: the counts are what B took and refused. */
static void sync_ok(store *b, const char *a_path, struct sync_counts *c)
{
    char err[512] = "";
    memset(c, 0, sizeof *c);
    kiosk_status st = sync_run(b, a_path, c, NULL, err, sizeof err);
    if (st != KIOSK_OK)
        fprintf(stderr, "sync: %s\n", err);
    CHECK(st == KIOSK_OK);
}

static void check_b_after_first(store *b, const struct sync_counts *c)
{
    /* every hostile row set aside, counted by table */
    CHECK_INT(c->refused[SYNC_EVENTS], 3);
    CHECK_INT(c->refused[SYNC_SESSIONS], 2);
    CHECK_INT(c->refused[SYNC_PEOPLE], 2);
    CHECK_INT(c->refused[SYNC_PERSON_MERGES], 3);
    CHECK_INT(c->refused[SYNC_ATTENDANCE_MARKS], 4);
    CHECK_INT(c->refused[SYNC_CHECKINS], 2);
    CHECK_INT(num(b, "SELECT count(*) FROM quarantine"), 16);
    CHECK_INT(num(b, "SELECT count(*) FROM quarantine WHERE reason LIKE '%not one%'"), 8);
    CHECK_INT(num(b, "SELECT count(*) FROM quarantine WHERE tbl = 'sessions' AND reason = 'a "
                     "session before 1970 or after 2200'"),
              1);
    if (getenv("SHOW"))
        run(b, "SELECT tbl, row_id, reason FROM quarantine");
    /* none of them in B's tables; the genuine rows are */
    CHECK_INT(num(b, "SELECT count(*) FROM events"), 1);
    CHECK_INT(num(b, "SELECT count(*) FROM sessions"), 1);
    CHECK_INT(num(b, "SELECT count(*) FROM people"), 3);
    CHECK_INT(num(b, "SELECT count(*) FROM person_merges"), 0);
    CHECK_INT(num(b, "SELECT count(*) FROM attendance_marks"), 0);
    CHECK_INT(num(b, "SELECT count(*) FROM checkins"), 0);
    CHECK_INT(num(b, "SELECT count(*) FROM person_alias"), 0);
}

static void check_b_after_second(store *b, const struct sync_counts *c)
{
    /* the quarantined rows did not block what A wrote after them */
    CHECK_INT(sync_counts_total(c->refused), 16); /* refused again, set aside once */
    CHECK_INT(num(b, "SELECT count(*) FROM quarantine"), 16);
    CHECK_INT(num(b, "SELECT count(*) FROM person_merges"), 3);
    CHECK_INT(num(b, "SELECT count(*) FROM checkins WHERE id = '" ID("a") "'"), 1);
    CHECK_INT(num(b, "SELECT count(*) FROM attendance_marks WHERE reason = 'Ốm' AND mark = 3"), 1);
    /* the merge cycle: three records, one person, the first made survives, no loop */
    CHECK_INT(num(b, "SELECT count(*) FROM person_alias"), 2);
    CHECK_INT(num(b, "SELECT count(DISTINCT survivor_id) FROM person_alias"), 1);
    CHECK_INT(num(b, "SELECT count(*) FROM person_alias WHERE survivor_id = '" P1 "'"), 2);
    CHECK_INT(num(b, "SELECT count(*) FROM person_alias WHERE id = '" P1 "'"), 0);
    char survivor[KIOSK_ID_LEN];
    store_person_survivor(b, ID("3"), survivor);
    CHECK_STR(survivor, P1);
}

static void test_through_sync(void)
{
    kiosk_strlcpy(dir, "/tmp/kiosk-trust-rows.XXXXXX", sizeof dir);
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        exit(2);
    }
    store *a = open_kiosk("A.db"), *b = open_kiosk("B.db");
    char a_path[600];
    snprintf(a_path, sizeof a_path, "%s/A.db", dir);
    run_as(a, genuine_sql);
    run_as(a, hostile_sql);
    store_close(a);
    struct sync_counts c;
    sync_ok(b, a_path, &c);
    check_b_after_first(b, &c);
    a = open_kiosk("A.db");
    run_as(a, after_sql);
    store_close(a);
    sync_ok(b, a_path, &c);
    check_b_after_second(b, &c);
    a = open_kiosk("A.db");
    /* and A still holds its own rows as written: a sync rewrites nothing */
    CHECK_INT(num(a, "SELECT count(*) FROM attendance_marks"), 5);
    store_close(a);
    store_close(b);
    char cmd[400];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
}

int main(void)
{
    test_good_rows_pass();
    test_each_rule();
    test_through_sync();
    return check_done();
}
