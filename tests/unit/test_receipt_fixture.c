/* A helper for tests/e2e/receipt*.test.sh: issues a receipt in a kiosk database and prints
 * "<short code>\t<text>". Rows it needs are added when the database has none (a demo
 * database from `kioskctl init --demo` has them). Run by ctest without arguments, it does
 * the same in a temporary database and checks the line it printed. */
#include "store/store_internal.h"
#include "check.h"
#include "receipt/receipt.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <unistd.h>

static int first_id(store *s, const char *query, char out[KIOSK_ID_LEN])
{
    sqlite3_stmt *st;
    int found = 0;
    if (sqlite3_prepare_v2(store_db(s), query, -1, &st, NULL) == SQLITE_OK) {
        if (sqlite3_step(st) == SQLITE_ROW) {
            kiosk_strlcpy(out, (const char *)sqlite3_column_text(st, 0), KIOSK_ID_LEN);
            found = 1;
        }
        sqlite3_finalize(st);
    }
    return found;
}

static int add_rows(store *s)
{
    static const char fill[] =
        "INSERT INTO events(id, kiosk_id, created_at, updated_at, updated_by, code, kind, title) "
        "VALUES('e2e00000000000000000000000000001', 't', 0, 0, 't', 'MDN-MK', 1, "
        "'May và đan dây nhựa');"
        "INSERT INTO sessions(id, kiosk_id, created_at, event_id, number, starts_at, ends_at) "
        "VALUES('e2e00000000000000000000000000002', 't', 0, 'e2e00000000000000000000000000001', "
        "1, 0, 1);"
        "INSERT INTO people(id, kiosk_id, created_at, updated_at, updated_by, full_name, "
        "name_key) VALUES('e2e00000000000000000000000000003', 't', 0, 0, 't', "
        "'Nguyễn Thị Hoa', 'nguyen thi hoa');";
    return sqlite3_exec(store_db(s), fill, NULL, NULL, NULL) == SQLITE_OK;
}

/* Issues the receipt; line gets "<short>\t<text>". */
static int issue(const char *path, char *line, size_t cap)
{
    store *s = NULL;
    char err[512] = "";
    if (store_open(path, &s, err, sizeof err) != KIOSK_OK) {
        fprintf(stderr, "%s\n", err);
        return 0;
    }
    char event[KIOSK_ID_LEN], session[KIOSK_ID_LEN] = "", person[KIOSK_ID_LEN];
    int ok = first_id(s, "SELECT id FROM people ORDER BY created_at, id", person) ||
             (add_rows(s) && first_id(s, "SELECT id FROM people", person));
    /* An event with a session when there is one: an attendance receipt, else a sign-up. */
    int have_session = ok && first_id(s,
                                      "SELECT s.id FROM sessions s JOIN events e ON "
                                      "e.id = s.event_id ORDER BY s.starts_at, s.id",
                                      session);
    if (have_session)
        ok = first_id(s, "SELECT event_id FROM sessions ORDER BY starts_at, id", event);
    else
        ok = ok && first_id(s, "SELECT id FROM events ORDER BY code", event);
    struct receipt_keys *k = NULL;
    struct kiosk_receipt r;
    if (ok && receipt_keys_open(s, &k, err, sizeof err) == KIOSK_OK)
        ok = receipt_issue(s, k, have_session ? KIOSK_RECEIPT_ATTENDANCE : KIOSK_RECEIPT_SIGNUP,
                           event, session, person, &r) == KIOSK_OK;
    else
        ok = 0;
    if (ok)
        kiosk_fmt(line, cap, "%s\t%s", r.short_code, r.text);
    else
        fprintf(stderr, "cannot issue a receipt in '%s' %s\n", path, err);
    receipt_keys_close(k);
    store_close(s);
    return ok;
}

int main(int argc, char **argv)
{
    char line[256];
    if (argc == 2) {
        if (!issue(argv[1], line, sizeof line))
            return 1;
        printf("%s\n", line);
        return 0;
    }
    char dir[] = "/tmp/kiosk-fixture.XXXXXX", path[64], again[256];
    if (!mkdtemp(dir))
        return 2;
    kiosk_fmt(path, sizeof path, "%s/kiosk.db", dir);
    CHECK(issue(path, line, sizeof line));
    CHECK(issue(path, again, sizeof again));
    CHECK_STR(again, line); /* the same person, event, session: the same receipt */
    CHECK_INT(line[4], '-');
    CHECK(strstr(line, "\tKC1.") == line + 9);
    kiosk_fmt(again, sizeof again, "rm -rf '%s'", dir);
    CHECK(system(again) == 0);
    return check_done();
}
