/* Tap to check-in on screen: the kiosk as a trainee meets it (runtime, class_attendance
 * plugin, SDL dummy driver with the software renderer, demo program, MDN-MK served). Each
 * run types a name, taps it, and taps "Đúng là tôi"; the figure is from that last tap
 * (its release: where a tap acts) to the frame showing "Có mặt" painted, the check-in
 * committed (WAL, synchronous=FULL) in between. Beside it, in the same run and folder, a
 * bare SQLite INSERT of a check-in row with the same durability. TSV rows: figure, median,
 * p99, baseline, ratio, target. */
#include "bench_util.h"
#include "bench_kiosk.h"
#include "host/app.h"
#include "host/input.h"
#include "sdl/sdl_backend.h"
#include "store/domain.h"
#include "text/text.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 120

static const char *const families[] = {"Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ"};
static const char *const givens[] = {"An",    "Bình", "Cúc",  "Dung", "Đào",  "Giang", "Hạnh",
                                     "Khánh", "Lan",  "Mai",  "Nga",  "Oanh", "Phúc",  "Quyên",
                                     "Sương", "Thảo", "Uyên", "Vân",  "Xuân", "Yến"};

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
                 "signature BLOB, signature_png BLOB, extra TEXT NOT NULL DEFAULT '{}');",
                 NULL, NULL, NULL);
    if (sqlite3_prepare_v2(db,
                           "INSERT INTO checkins(id, kiosk_id, created_at, session_id, person_id, "
                           "kind, late, walkin) VALUES(?1, 'bench', ?2, 'session', ?3, 1, 0, 0)",
                           -1, ins, NULL) != SQLITE_OK) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

static double bare_insert(sqlite3_stmt *ins)
{
    char id[KIOSK_ID_LEN];
    kiosk_id_new(id);
    double t0 = now_ms();
    sqlite3_reset(ins);
    sqlite3_bind_text(ins, 1, id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(ins, 2, kiosk_clock_now_ms());
    sqlite3_bind_text(ins, 3, id, -1, SQLITE_TRANSIENT);
    if (sqlite3_step(ins) != SQLITE_DONE)
        return -1;
    return now_ms() - t0;
}

/* RUNS trainees on the MDN-MK roster with distinct names (setup, not measured). */
static int add_roster(store *s, char names[RUNS][KIOSK_NAME_LEN])
{
    if (store_begin(s) != KIOSK_OK)
        return 0;
    for (int i = 0; i < RUNS; i++) {
        struct kiosk_person p = {0};
        struct kiosk_registration reg;
        kiosk_fmt(p.full_name, sizeof p.full_name, "%s Thị %s",
                  families[i / KIOSK_ARRAY_LEN(givens) % KIOSK_ARRAY_LEN(families)],
                  givens[i % KIOSK_ARRAY_LEN(givens)]);
        p.birth_year = 1960 + i % 40;
        if (store_register(s, "MDN-MK", &p, "import", &reg, NULL) != KIOSK_OK)
            return 0;
        kiosk_strlcpy(names[i], p.full_name, KIOSK_NAME_LEN);
    }
    return store_commit(s) == KIOSK_OK;
}

int main(void)
{
    char dir[] = KIOSK_TEST_BUILD_DIR "/bench-tap.XXXXXX", db[600], ini[600], bare[600];
    if (!mkdtemp(dir))
        return 2;
    kiosk_fmt(db, sizeof db, "%s/kiosk.db", dir);
    kiosk_fmt(ini, sizeof ini, "%s/kiosk.ini", dir);
    kiosk_fmt(bare, sizeof bare, "%s/bare.db", dir);
    struct app *a = bench_kiosk_open(
        db, ini, "served_event = MDN-MK\nidle_timeout_s = 3600\nlog_level = error\n", 1);
    if (!a)
        return 1;
    /* kiosk time moves by hand, as in a script; the timings below are real time */
    bench_clock_today(7, 35);
    static char names[RUNS][KIOSK_NAME_LEN];
    sqlite3_stmt *ins = NULL;
    sqlite3 *bdb = bare_open(bare, &ins);
    if (!bdb || !add_roster(app_store(a), names)) {
        fprintf(stderr, "bench_tap_checkin: setup failed\n");
        return 1;
    }
    app_frame(a, NULL);
    if (!tap(a, "Điểm danh lớp học")) {
        fprintf(stderr, "bench_tap_checkin: no class_attendance tile\n");
        return 1;
    }
    static double t_checkin[RUNS], t_name[RUNS], t_bare[RUNS];
    int n = 0;
    for (int i = 0; i < RUNS; i++) {
        char folded[KIOSK_NAME_LEN];
        vn_fold(names[i], folded, sizeof folded);
        int x, y;
        if (!tap(a, "Gõ tên của bạn (không cần dấu)"))
            break;
        type(a, folded);
        double t0 = now_ms();
        if (!press(a, names[i], &x, &y))
            break;
        pointer(a, UI_EV_RELEASE, x, y);
        if (!find(a, "Đúng là tôi"))
            break;
        t_name[n] = now_ms() - t0;
        if (!press(a, "Đúng là tôi", &x, &y))
            break;
        t0 = now_ms();
        pointer(a, UI_EV_RELEASE, x, y);
        size_t nv = 0;
        const struct ui_visible_text *v = ui_visible(app_ui(a), &nv);
        int shown = 0;
        for (size_t k = 0; k < nv; k++)
            shown |= strncmp(v[k].text, "Có mặt", strlen("Có mặt")) == 0;
        t_checkin[n] = now_ms() - t0;
        if (!shown)
            break;
        t_bare[n] = bare_insert(ins);
        if (t_bare[n] < 0)
            break;
        n++;
        if (!tap(a, "Xong"))
            break;
        input_advance_ms(a, 1000);
    }
    if (n < RUNS) {
        fprintf(stderr, "bench_tap_checkin: run %d did not reach \"Có mặt\"\n", n);
        return 1;
    }
    double bare_median;
    qsort(t_bare, (size_t)n, sizeof *t_bare, cmp_double);
    bare_median = t_bare[n / 2];
    row_note("tap.checkin_on_screen_ms", t_checkin, n, bare_median, "<=1.5x",
             "release on 'Đúng là tôi' to 'Có mặt' painted; baseline bare INSERT, same durability");
    row_note("tap.name_to_confirm_ms", t_name, n, 0, "-",
             "info: release on a name to the confirm screen painted");
    row_note("sqlite.bare_insert_ms", t_bare, n, 0, "-", "info: the baseline itself");
    sqlite3_finalize(ins);
    sqlite3_close(bdb);
    app_close(a);
    kiosk_fmt(db, sizeof db, "rm -rf '%s'", dir);
    return system(db) == 0 ? 0 : 1;
}
