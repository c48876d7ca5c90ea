/* Setup shared by the benchmarks that play a day on the kiosk (not measured): a fair's
 * visitors and a class's trainees written by a second connection in one transaction, as a
 * sync from other kiosks would bring them (the store's one-by-one writes, each durable, would
 * make the setup minutes long). */
#ifndef KIOSK_BENCH_DAY_H
#define KIOSK_BENCH_DAY_H

#include "store/domain.h"
#include "text/text.h"

#include <sqlite3.h>
#include <stdio.h>

/* n people registered for the fair (half yesterday, half today) and visiting today
 * between 08:00 and 17:00, with one or two interests each. Setup, not measured: written by
 * a second connection in one transaction, as a sync from other kiosks would bring them
 * (the store's one-by-one writes would make the setup minutes long). */
static inline int bench_add_visitors(store *s, const char *db_path, int64_t day0, int n)
{
    static const char *const extras[] = {
        "{\"interests\":[\"may mặc\"],\"note\":\"\"}",
        "{\"interests\":[\"sản phẩm đan dây nhựa\",\"bội hoa kiểng\"],\"note\":\"\"}",
        "{\"interests\":[\"máy móc thiết bị tiên tiến\"],\"note\":\"cần báo giá\"}",
        "{\"interests\":[\"sản xuất sạch hơn\",\"khởi sự doanh nghiệp\"],\"note\":\"\"}",
    };
    struct kiosk_event ev;
    struct kiosk_session sess;
    if (store_event_get(s, "HC-DT", &ev) != KIOSK_OK ||
        store_session_at(s, ev.id, day0 + 9 * 3600 * 1000LL, &sess) != KIOSK_OK)
        return 0;
    sqlite3 *db = NULL;
    sqlite3_stmt *person = NULL, *reg = NULL, *visit = NULL;
    int ok = sqlite3_open(db_path, &db) == SQLITE_OK;
    sqlite3_busy_timeout(db, 5000);
    ok = ok && sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
    ok = ok && sqlite3_prepare_v2(db,
                                  "INSERT INTO people(id, kiosk_id, created_at, updated_at, "
                                  "updated_by, full_name, name_key, phone, extra) VALUES(?1, "
                                  "'bench', ?2, ?2, 'bench', ?3, ?4, ?5, ?6)",
                                  -1, &person, NULL) == SQLITE_OK;
    ok = ok && sqlite3_prepare_v2(db,
                                  "INSERT INTO registrations(id, kiosk_id, created_at, event_id, "
                                  "person_id, status, source, extra) VALUES(?1, 'bench', ?2, ?3, "
                                  "?4, 1, 'kiosk', ?5)",
                                  -1, &reg, NULL) == SQLITE_OK;
    ok = ok && sqlite3_prepare_v2(db,
                                  "INSERT INTO checkins(id, kiosk_id, created_at, session_id, "
                                  "person_id, kind, late, walkin) VALUES(?1, 'bench', ?2, ?3, ?4, "
                                  "1, 0, 0)",
                                  -1, &visit, NULL) == SQLITE_OK;
    for (int i = 0; ok && i < n; i++) {
        char pid[KIOSK_ID_LEN], rid[KIOSK_ID_LEN], cid[KIOSK_ID_LEN], name[64], key[64],
            phone[KIOSK_PHONE_LEN];
        kiosk_id_new(pid);
        kiosk_id_new(rid);
        kiosk_id_new(cid);
        kiosk_fmt(name, sizeof name, "Khách Tham Quan %d", i);
        kiosk_fmt(key, sizeof key, "khach tham quan %d", i);
        kiosk_fmt(phone, sizeof phone, "+8491%07d", i);
        int64_t registered = day0 + (i % 2 ? 9 * 3600 * 1000LL : -6 * 3600 * 1000LL);
        int64_t at = day0 + 8 * 3600 * 1000LL + (int64_t)((i * 37) % 540) * 60 * 1000;
        sqlite3_bind_text(person, 1, pid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(person, 2, registered);
        sqlite3_bind_text(person, 3, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(person, 4, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(person, 5, phone, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(person, 6, extras[i % 4], -1, SQLITE_STATIC);
        sqlite3_bind_text(reg, 1, rid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(reg, 2, registered);
        sqlite3_bind_text(reg, 3, ev.id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(reg, 4, pid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(reg, 5, extras[i % 4], -1, SQLITE_STATIC);
        sqlite3_bind_text(visit, 1, cid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(visit, 2, at);
        sqlite3_bind_text(visit, 3, sess.id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(visit, 4, pid, -1, SQLITE_TRANSIENT);
        ok = sqlite3_step(person) == SQLITE_DONE && sqlite3_step(reg) == SQLITE_DONE &&
             sqlite3_step(visit) == SQLITE_DONE;
        sqlite3_reset(person);
        sqlite3_reset(reg);
        sqlite3_reset(visit);
    }
    ok = ok && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
    if (!ok)
        fprintf(stderr, "bench: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(person);
    sqlite3_finalize(reg);
    sqlite3_finalize(visit);
    sqlite3_close(db);
    return ok;
}

/* n trainees registered for the class code (people and registrations made at `at`), their
 * person ids into ids; names from common Vietnamese parts. 1 when stored. */
static inline int bench_add_trainees(store *s, const char *db_path, const char *code, int n,
                                     int64_t at, char (*ids)[KIOSK_ID_LEN])
{
    static const char *const fam[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng"};
    static const char *const mid[] = {"Thị", "Văn", "Ngọc", "Minh", "Thanh", "Hữu", "Kim"};
    static const char *const giv[] = {"An",  "Bình", "Chi",  "Dũng", "Hà",  "Hoa",  "Lan",
                                      "Mai", "Nam",  "Oanh", "Phúc", "Sơn", "Thảo", "Yến"};
    struct kiosk_event ev;
    if (store_event_get(s, code, &ev) != KIOSK_OK)
        return 0;
    sqlite3 *db = NULL;
    sqlite3_stmt *person = NULL, *reg = NULL;
    int ok = sqlite3_open(db_path, &db) == SQLITE_OK;
    sqlite3_busy_timeout(db, 5000);
    ok = ok && sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK;
    ok = ok && sqlite3_prepare_v2(db,
                                  "INSERT INTO people(id, kiosk_id, created_at, updated_at, "
                                  "updated_by, full_name, name_key, birth_year) VALUES(?1, "
                                  "'bench', ?2, ?2, 'bench', ?3, ?4, ?5)",
                                  -1, &person, NULL) == SQLITE_OK;
    ok = ok && sqlite3_prepare_v2(db,
                                  "INSERT INTO registrations(id, kiosk_id, created_at, event_id, "
                                  "person_id, status, source) VALUES(?1, 'bench', ?2, ?3, ?4, 1, "
                                  "'import')",
                                  -1, &reg, NULL) == SQLITE_OK;
    for (int i = 0; ok && i < n; i++) {
        char rid[KIOSK_ID_LEN], name[96], key[96];
        kiosk_id_new(ids[i]);
        kiosk_id_new(rid);
        kiosk_fmt(name, sizeof name, "%s %s %s %s", fam[i % 7], mid[(i / 7) % 7],
                  giv[(i / 49) % 14], giv[(i / 686 + i) % 14]);
        vn_fold(name, key, sizeof key);
        sqlite3_bind_text(person, 1, ids[i], -1, SQLITE_STATIC);
        sqlite3_bind_int64(person, 2, at);
        sqlite3_bind_text(person, 3, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(person, 4, key, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int(person, 5, 1960 + i % 40);
        sqlite3_bind_text(reg, 1, rid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(reg, 2, at);
        sqlite3_bind_text(reg, 3, ev.id, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(reg, 4, ids[i], -1, SQLITE_STATIC);
        ok = sqlite3_step(person) == SQLITE_DONE && sqlite3_step(reg) == SQLITE_DONE;
        sqlite3_reset(person);
        sqlite3_reset(reg);
    }
    ok = ok && sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
    if (!ok)
        fprintf(stderr, "bench: %s\n", sqlite3_errmsg(db));
    sqlite3_finalize(person);
    sqlite3_finalize(reg);
    sqlite3_close(db);
    return ok;
}

#endif
