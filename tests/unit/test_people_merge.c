/* One person made on three kiosks (docs/IDENTITY.md), synced by file in every order, direct
 * or through a shared file: every side ends with one person, the same survivor, its
 * registrations and check-ins counted once; namesakes stay apart; a coordinator's merge
 * and unmerge travel as facts. */
#include "store_fixture.h"
#include "export/attendance.h"
#include "store/export_rows.h"
#include "sync/sync.h"

#define HOA_PHONE "0912 345 678"

struct kiosks {
    store *k[3];
    char path[3][512];
    char hub[512];
    struct kiosk_event ev;
    struct kiosk_session ss;
};

static void sync_ok(store *s, const char *path)
{
    char err[512] = "";
    struct sync_counts c;
    kiosk_status st = sync_run(s, path, &c, NULL, err, sizeof err);
    CHECK_INT(st, KIOSK_OK);
    if (st != KIOSK_OK)
        fprintf(stderr, "sync: %s\n", err);
}

static void open_three(struct kiosks *t, int run)
{
    for (int i = 0; i < 3; i++) {
        char name[64];
        kiosk_fmt(name, sizeof name, "run%d-%c.db", run, 'A' + i);
        t->k[i] = fx_open(name);
        kiosk_fmt(t->path[i], sizeof t->path[i], "%s/%s", fx_dir, name);
    }
    kiosk_fmt(t->hub, sizeof t->hub, "%s/run%d-hub.db", fx_dir, run);
    fx_class(t->k[0], "MDN-MK", 0, &t->ev, &t->ss); /* the program comes from A */
    sync_ok(t->k[1], t->path[0]);
    sync_ok(t->k[2], t->path[0]);
}

static void reg(store *s, const struct kiosk_event *ev, const char *source, struct kiosk_person p,
                const char *session_id, char id_out[KIOSK_ID_LEN])
{
    struct kiosk_registration r;
    CHECK_INT(store_register(s, ev->id, &p, source, &r, NULL), KIOSK_OK);
    if (session_id)
        CHECK_INT(store_check_in(s, session_id, p.id, KIOSK_CHECK_IN, 0, NULL, NULL), KIOSK_OK);
    if (id_out)
        kiosk_strlcpy(id_out, p.id, KIOSK_ID_LEN);
}

/* Hòa signs up on B first, then on A typed without accents, then walks in on C with
 * another birth year; a namesake Hoa (own phone) on A, Hóa (no phone) on C. */
static void make_people(struct kiosks *t, char hoa_b[KIOSK_ID_LEN])
{
    fx_at(2025, 3, 5, 9, 0);
    reg(t->k[1], &t->ev, "kiosk", fx_person("Nguyễn Thị Hòa", 1985, HOA_PHONE, "xã Mỹ Khánh"),
        t->ss.id, hoa_b);
    fx_at(2025, 3, 5, 9, 1);
    reg(t->k[0], &t->ev, "import", fx_person("Nguyen Thi Hoa", 1985, HOA_PHONE, ""), t->ss.id,
        NULL);
    reg(t->k[0], &t->ev, "kiosk", fx_person("Nguyễn Thị Hoa", 1985, "0977111222", "Tân Thới"),
        t->ss.id, NULL);
    fx_at(2025, 3, 5, 9, 2);
    reg(t->k[2], &t->ev, "walkin", fx_person("Nguyễn Thị Hoà", 1986, "+84912345678", ""), t->ss.id,
        NULL);
    reg(t->k[2], &t->ev, "kiosk", fx_person("Nguyễn Thị Hóa", 1985, "", "Mỹ Khánh"), NULL, NULL);
}

/* extra: people made besides the five of make_people (never merged) */
static void check_one_person(store *s, const char *hoa_b, int extra)
{
    CHECK_INT(fx_count(s, "SELECT count(*) FROM people"), 5 + extra);
    CHECK_INT(fx_count(s, "SELECT count(*) FROM people p WHERE NOT EXISTS (SELECT 1 FROM "
                          "person_alias a WHERE a.id=p.id)"),
              3 + extra);
    char q[256];
    kiosk_fmt(q, sizeof q, "SELECT count(*) FROM person_alias WHERE survivor_id='%s'", hoa_b);
    CHECK_INT(fx_count(s, q), 2);
    CHECK_INT(fx_count(s, "SELECT count(DISTINCT coalesce(a.survivor_id, r.person_id)) FROM "
                          "registrations r LEFT JOIN person_alias a ON a.id=r.person_id"),
              3 + extra);
    CHECK_INT(fx_count(s, "SELECT count(DISTINCT coalesce(a.survivor_id, c.person_id)) FROM "
                          "checkins c LEFT JOIN person_alias a ON a.id=c.person_id"),
              2);
    /* the sheet lists each person once, and the summary counts the sheet's rows */
    struct attendance a;
    CHECK_INT(attendance_open(s, "MDN-MK", kiosk_clock_now_ms(), &a), KIOSK_OK);
    struct attendance_row row;
    int rows = 0, hoa_rows = 0;
    while (attendance_next(&a, &row) == 1) {
        rows++;
        hoa_rows += strcmp(row.person_id, hoa_b) == 0;
    }
    CHECK_INT(rows, 3 + extra);
    CHECK_INT(hoa_rows, 1);
    attendance_close(&a);
    int sum[3];
    struct kiosk_event ev;
    CHECK_INT(store_event_get(s, "MDN-MK", &ev), KIOSK_OK);
    CHECK_INT(store_summary_count(s, STORE_SUM_REGISTERED, ev.id, 0, sum), KIOSK_OK);
    CHECK_INT(sum[0], rows);
    CHECK_INT(store_summary_count(s, STORE_SUM_ATTENDED, ev.id, 1, sum), KIOSK_OK);
    CHECK_INT(sum[0], 2);
    /* a search finds her once */
    struct kiosk_person_hit *hits = NULL;
    size_t n = 0;
    CHECK_INT(store_people_search(s, "hoa", NULL, 20, &hits, &n), KIOSK_OK);
    CHECK_INT(n, 3 + extra);
    free(hits);
}

static void every_order(void)
{
    static const int orders[6][3] = {{0, 1, 2}, {0, 2, 1}, {1, 0, 2},
                                     {1, 2, 0}, {2, 0, 1}, {2, 1, 0}};
    for (int run = 0; run < 12; run++) {
        const int *o = orders[run % 6];
        int hub = run < 6;
        struct kiosks t;
        char hoa_b[KIOSK_ID_LEN];
        open_three(&t, run);
        make_people(&t, hoa_b);
        for (int round = 0; round < 2; round++)
            for (int i = 0; i < 3; i++)
                sync_ok(t.k[o[i]], hub ? t.hub : t.path[o[(i + 1) % 3]]);
        for (int i = 0; i < 3; i++)
            check_one_person(t.k[i], hoa_b, 0);
        /* her receipt's record on A still checks in, and counts as her */
        struct kiosk_checkin c;
        struct kiosk_person typed = fx_person("Nguyen Thi Hoa", 1985, "+84912345678", "");
        struct kiosk_person found;
        CHECK_INT(store_person_find_same(t.k[0], &typed, &found, NULL), KIOSK_OK);
        CHECK_STR(found.id, hoa_b);
        CHECK_INT(store_person_by_phone(t.k[0], "0912 345 678", &found), KIOSK_OK); /* the fair */
        CHECK_STR(found.id, hoa_b);
        CHECK_INT(fx_count(t.k[0], "SELECT count(*) FROM person_alias"), 2);
        char alias[KIOSK_ID_LEN] = "";
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(store_db(t.k[0]), "SELECT id FROM person_alias LIMIT 1", -1, &st,
                               NULL) == SQLITE_OK) {
            if (sqlite3_step(st) == SQLITE_ROW)
                kiosk_strlcpy(alias, (const char *)sqlite3_column_text(st, 0), sizeof alias);
            sqlite3_finalize(st);
        }
        CHECK_INT(store_check_in(t.k[0], t.ss.id, alias, KIOSK_CHECK_IN, 0, NULL, &c),
                  KIOSK_E_EXISTS);
        struct kiosk_registration r;
        CHECK_INT(store_registration_get(t.k[0], t.ev.id, alias, &r), KIOSK_OK);
        CHECK_STR(r.person_id, hoa_b);
        for (int i = 0; i < 3; i++)
            store_close(t.k[i]);
    }
}

/* The coordinator merges a probable pair on A; B unmerges it; both travel. */
static void coordinator(void)
{
    struct kiosks t;
    char hoa_b[KIOSK_ID_LEN], other[KIOSK_ID_LEN];
    open_three(&t, 99);
    make_people(&t, hoa_b);
    fx_at(2025, 3, 5, 9, 5);
    reg(t.k[2], &t.ev, "kiosk", fx_person("Nguyễn Thị Hòa", 1985, "", "Tân Thới"), NULL, other);
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 3; i++)
            sync_ok(t.k[i], t.hub);
    struct store_duplicate *d = NULL;
    size_t n = 0;
    CHECK_INT(store_people_duplicates(t.k[0], "MDN-MK", &d, &n), KIOSK_OK);
    int found = 0;
    for (size_t i = 0; i < n; i++)
        found += (strcmp(d[i].a.id, hoa_b) == 0 && strcmp(d[i].b.id, other) == 0) ||
                 (strcmp(d[i].b.id, hoa_b) == 0 && strcmp(d[i].a.id, other) == 0);
    CHECK_INT(found, 1);
    free(d);
    char survivor[KIOSK_ID_LEN];
    fx_at(2025, 3, 5, 10, 0);
    CHECK_INT(store_person_merge(t.k[0], other, hoa_b, survivor), KIOSK_OK);
    CHECK_STR(survivor, hoa_b);
    CHECK_INT(store_person_merge(t.k[0], other, hoa_b, survivor), KIOSK_E_EXISTS);
    sync_ok(t.k[0], t.hub);
    sync_ok(t.k[1], t.hub);
    char q[256];
    kiosk_fmt(q, sizeof q, "SELECT count(*) FROM person_alias WHERE id='%s'", other);
    CHECK_INT(fx_count(t.k[1], q), 1);
    CHECK_INT(store_people_duplicates(t.k[1], NULL, &d, &n), KIOSK_OK);
    for (size_t i = 0; i < n; i++)
        CHECK(strcmp(d[i].a.id, other) != 0 && strcmp(d[i].b.id, other) != 0);
    free(d);
    fx_at(2025, 3, 5, 11, 0);
    int undone = 0;
    CHECK_INT(store_person_unmerge(t.k[1], other, &undone), KIOSK_OK);
    CHECK_INT(undone, 1);
    CHECK_INT(store_person_unmerge(t.k[1], other, &undone), KIOSK_E_NOT_FOUND);
    for (int round = 0; round < 2; round++)
        for (int i = 0; i < 3; i++)
            sync_ok(t.k[i], t.hub);
    for (int i = 0; i < 3; i++) {
        CHECK_INT(fx_count(t.k[i], q), 0);
        CHECK_INT(fx_count(t.k[i], "SELECT count(*) FROM person_merges WHERE by_whom="
                                   "'coordinator'"),
                  2);
        CHECK_INT(fx_count(t.k[i], "SELECT count(*) FROM log WHERE kind='person.unmerge'"), 1);
        check_one_person(t.k[i], hoa_b, 1); /* the rule's merges stay */
    }
    /* facts are never rewritten */
    CHECK(sqlite3_exec(store_db(t.k[0]), "DELETE FROM person_merges", NULL, NULL, NULL) !=
          SQLITE_OK);
    for (int i = 0; i < 3; i++)
        store_close(t.k[i]);
}

int main(void)
{
    every_order();
    coordinator();
    fx_cleanup();
    return check_done();
}
