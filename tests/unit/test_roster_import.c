/* Roster import into a real store: registered with source "import" and a sign-up receipt,
 * the same file twice adds nobody, and a failure part-way leaves the database as it was. */
#include "store/store_internal.h"
#include "export_fixture.h"

#include "export/export_strings.h"
#include "export/roster.h"
#include "receipt/receipt.h"

static void parse_file(const char *name, struct roster *r)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/data/rosters/%s", KIOSK_TEST_SOURCE_DIR, name);
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    static char data[1 << 16];
    size_t len = f ? fread(data, 1, sizeof data, f) : 0;
    if (f)
        fclose(f);
    CHECK_INT(roster_parse(data, len, 2026, r), KIOSK_OK);
    CHECK_INT(r->problem_count, 0);
}

static int import(store *s, struct receipt_keys *k, const char *event_id, const char *file,
                  struct roster_result *res)
{
    struct roster r;
    parse_file(file, &r);
    long line = 0;
    char err[256] = "";
    kiosk_status st = roster_import(s, k, event_id, &r, res, &line, err, sizeof err);
    if (st != KIOSK_OK)
        printf("  import of %s failed at line %ld: %s\n", file, line, err);
    roster_release(&r);
    return st;
}

static void test_import_twice(store *s, struct receipt_keys *k)
{
    struct kiosk_event ev;
    struct kiosk_session sess[3];
    ex_class(s, "MDN-MK", 3, 0, &ev, sess);
    struct roster_result res;
    CHECK_INT(import(s, k, ev.id, "bom-semicolon-crlf.csv", &res), KIOSK_OK);
    CHECK_INT(res.added, 5);
    CHECK_INT(res.existing, 0);
    CHECK_INT(ex_count(s, "SELECT count(*) FROM registrations WHERE source = 'import'"), 5);
    CHECK_INT(ex_count(s, "SELECT count(*) FROM receipts WHERE kind = 1"), 5);
    /* the namesakes are two people: another birth year */
    CHECK_INT(ex_count(s, "SELECT count(*) FROM people WHERE name_key = 'nguyen thi hoa'"), 2);
    /* stored as the store keeps names: tidy NFC */
    CHECK_INT(ex_count(s, "SELECT count(*) FROM people WHERE full_name = 'Phạm Thị Ngọc Ánh' "
                          "AND phone = '+84367123456'"),
              1);
    uint64_t before = ex_fingerprint(s);
    int people = ex_count(s, "SELECT count(*) FROM people");

    CHECK_INT(import(s, k, ev.id, "bom-semicolon-crlf.csv", &res), KIOSK_OK);
    CHECK_INT(res.added, 0);
    CHECK_INT(res.existing, 5);
    CHECK_INT(ex_count(s, "SELECT count(*) FROM people"), people);
    CHECK_INT(ex_count(s, "SELECT count(*) FROM registrations"), 5);
    CHECK_INT(ex_count(s, "SELECT count(*) FROM receipts"), 5);
    CHECK(before != 0);

    /* the NFD file: Nguyễn Thị Hòa 1985 with the same phone is already there */
    CHECK_INT(import(s, k, ev.id, "nfd-names.csv", &res), KIOSK_OK);
    CHECK_INT(res.added, 1);
    CHECK_INT(res.existing, 1);
    CHECK_INT(ex_count(s, "SELECT count(*) FROM people WHERE full_name = 'Trương Thị Diễm Hương'"),
              1);
    CHECK_INT(ex_count(s, "SELECT count(*) FROM receipts WHERE kind = 1"), 6);
}

/* A failure on the third row (a trigger the test adds in its own temp schema, so the file
 * itself is not touched: it makes the insert fail with an SQL error as a broken disk would)
 * rolls back the two rows before it: people, registrations, receipts and log as they were,
 * to the byte. */
static void test_failure_leaves_nothing(store *s, struct receipt_keys *k)
{
    struct kiosk_event ev;
    struct kiosk_session sess[2];
    ex_class(s, "MDN-TT", 2, 0, &ev, sess);
    uint64_t before = ex_fingerprint(s);
    int people = ex_count(s, "SELECT count(*) FROM people");
    CHECK_INT(sqlite3_exec(store_db(s),
                           "CREATE TEMP TRIGGER third_fails BEFORE INSERT ON main.registrations "
                           "WHEN (SELECT count(*) FROM main.registrations r JOIN main.events e "
                           "ON e.id = r.event_id WHERE e.code = 'MDN-TT') >= 2 "
                           "BEGIN SELECT json('disk trouble'); END",
                           NULL, NULL, NULL),
              SQLITE_OK);
    struct roster_result res;
    CHECK(import(s, k, ev.id, "quoted-linebreaks.csv", &res) != KIOSK_OK);
    CHECK_INT(res.added, 0);
    CHECK_INT(ex_count(s, "SELECT count(*) FROM people"), people);
    CHECK(ex_fingerprint(s) == before);
    CHECK(sqlite3_get_autocommit(store_db(s))); /* no transaction left open */
    sqlite3_exec(store_db(s), "DROP TRIGGER temp.third_fails", NULL, NULL, NULL);
    /* and the same file goes in once the trouble is gone */
    CHECK_INT(import(s, k, ev.id, "quoted-linebreaks.csv", &res), KIOSK_OK);
    CHECK_INT(res.added, 3);
}

/* A full class: the rest go to the waiting list, still with their receipt. */
static void test_waiting_list(store *s, struct receipt_keys *k)
{
    struct kiosk_event ev;
    struct kiosk_session sess[1];
    memset(&ev, 0, sizeof ev);
    ex_class(s, "DBHK-TT", 1, 0, &ev, sess);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(store_db(s), "UPDATE events SET capacity = 1 WHERE id = ?1", -1, &st, NULL);
    sqlite3_bind_text(st, 1, ev.id, -1, SQLITE_STATIC);
    CHECK_INT(sqlite3_step(st), SQLITE_DONE);
    sqlite3_finalize(st);
    struct roster_result res;
    CHECK_INT(import(s, k, ev.id, "english-headings.csv", &res), KIOSK_OK);
    CHECK_INT(res.added, 2);
    CHECK_INT(res.waitlisted, 1);
}

int main(void)
{
    ex_at(2026, 5, 4, 9, 0);
    export_strings_load("vi");
    store *s = ex_open("roster.db");
    struct receipt_keys *k = NULL;
    char err[256];
    CHECK_INT(receipt_keys_open(s, &k, err, sizeof err), KIOSK_OK);
    test_import_twice(s, k);
    test_failure_leaves_nothing(s, k);
    test_waiting_list(s, k);
    receipt_keys_close(k);
    store_close(s);
    export_strings_release();
    ex_cleanup();
    return check_done();
}
