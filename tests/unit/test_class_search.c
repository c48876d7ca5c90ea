/* A search limited to one class answers from that class's own index, which follows every
 * change: a registration made after the last search, one cancelled, a name changed, rows
 * written by another connection (the sync worker's), a rolled-back registration. Namesakes
 * (Hoa, Hòa, Hóa) in two classes stay in their own class. */
#include "store_fixture.h"

static size_t hits(store *s, const char *typed, const char *event_id, const char *want_name)
{
    struct kiosk_person_hit *h = NULL;
    size_t n = 0;
    CHECK_INT(store_people_search(s, typed, event_id, 20, &h, &n), KIOSK_OK);
    int found = want_name == NULL;
    for (size_t i = 0; i < n; i++) {
        if (want_name && strcmp(h[i].person.full_name, want_name) == 0)
            found = 1;
        if (event_id)
            CHECK(h[i].registered);
    }
    CHECK(found);
    free(h);
    return n;
}

static void other_connection(store *s, const char *sql)
{
    sqlite3 *db;
    CHECK_INT(sqlite3_open(store_path(s), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    char *err = NULL;
    CHECK_INT(sqlite3_exec(db, sql, NULL, NULL, &err), SQLITE_OK);
    if (err)
        fprintf(stderr, "%s\n", err);
    sqlite3_free(err);
    sqlite3_close(db);
}

int main(void)
{
    fx_at(2025, 3, 10, 7, 40);
    store *s = fx_open("class_search.db");
    struct kiosk_event a, b;
    struct kiosk_session sa, sb;
    fx_class(s, "MDN-MK", 0, &a, &sa);
    fx_class(s, "MDN-TT", 0, &b, &sb);
    struct kiosk_person hoa_grave = fx_person("Nguyễn Thị Hòa", 1985, "0912345678", "Mỹ Khánh");
    struct kiosk_person hoa = fx_person("Nguyễn Thị Hoa", 1985, "0977111222", "Tân Thới");
    struct kiosk_person hoa_acute = fx_person("Trần Thị Hóa", 1990, "0988000111", "Mỹ Khánh");
    const char *why;
    struct kiosk_registration reg;
    CHECK_INT(store_register(s, a.id, &hoa_grave, "kiosk", &reg, &why), KIOSK_OK);
    CHECK_INT(store_register(s, b.id, &hoa, "kiosk", &reg, &why), KIOSK_OK);
    CHECK_INT(store_register(s, a.id, &hoa_acute, "kiosk", &reg, &why), KIOSK_OK);

    CHECK_INT(hits(s, "hoa", a.id, "Nguyễn Thị Hòa"), 2);
    CHECK_INT(hits(s, "hoa", b.id, "Nguyễn Thị Hoa"), 1);
    CHECK_INT(hits(s, "hoa", NULL, "Trần Thị Hóa"), 3);
    CHECK_INT(hits(s, "hòa", a.id, "Nguyễn Thị Hòa"), 2); /* accents rank, never exclude */

    /* registered after the class's index was built: found at the next keystroke */
    struct kiosk_person lan = fx_person("Lê Thị Lan", 1979, "0905111222", "Mỹ Khánh");
    CHECK_INT(store_register(s, a.id, &lan, "kiosk", &reg, &why), KIOSK_OK);
    CHECK_INT(hits(s, "lan", a.id, "Lê Thị Lan"), 1);
    CHECK_INT(hits(s, "lan", b.id, NULL), 0);

    /* the sync worker (another connection) cancels one and renames another */
    char sql[512];
    kiosk_fmt(sql, sizeof sql, "UPDATE registrations SET status=4 WHERE person_id='%s'", lan.id);
    other_connection(s, sql);
    CHECK_INT(hits(s, "lan", a.id, NULL), 0);
    kiosk_fmt(sql, sizeof sql,
              "UPDATE people SET full_name='Trần Thị Hóa Mai', updated_at=updated_at+1 "
              "WHERE id='%s'",
              hoa_acute.id);
    other_connection(s, sql);
    CHECK_INT(hits(s, "hoa mai", a.id, "Trần Thị Hóa Mai"), 1);

    /* a registration rolled back never shows */
    struct kiosk_person tam = fx_person("Phạm Văn Tâm", 1970, "0907333444", "Mỹ Khánh");
    CHECK_INT(store_begin(s), KIOSK_OK);
    CHECK_INT(store_register(s, a.id, &tam, "kiosk", &reg, &why), KIOSK_OK);
    CHECK_INT(hits(s, "tam", a.id, "Phạm Văn Tâm"), 1); /* seen inside the transaction */
    store_rollback(s);
    CHECK_INT(hits(s, "tam", a.id, NULL), 0);
    CHECK_INT(hits(s, "hoa", b.id, "Nguyễn Thị Hoa"), 1);

    store_close(s);
    fx_cleanup();
    return check_done();
}
