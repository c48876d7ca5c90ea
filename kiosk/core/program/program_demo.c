/* The demo, on the path a centre uses (program.h): assets/demo/program.csv is a program sheet
 * imported by program_import, its dates moved so that 01/01/2030 falls on today; then the
 * demo's trainees (store_demo_trainees_tx). One transaction; ids derived from the codes so
 * two kiosks filled apart hold one program and sync merges them. */
#include "program/program.h"

#include "sheet/sheet.h"
#include "store/domain.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

/* The day the demo file's dates stand for today. */
enum { DEMO_ANCHOR_Y = 2030, DEMO_ANCHOR_M = 1, DEMO_ANCHOR_D = 1 };

static int days_from_anchor(int64_t today_ms)
{
    struct tm t;
    kiosk_local_tm(today_ms, &t);
    /* noon to noon: a daylight-saving hour never rounds a day away */
    int64_t a = kiosk_local_make_ms(DEMO_ANCHOR_Y, DEMO_ANCHOR_M, DEMO_ANCHOR_D, 12, 0);
    int64_t b = kiosk_local_make_ms(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, 12, 0);
    double days = (double)(b - a) / 86400000.0;
    return (int)(days < 0 ? days - 0.5 : days + 0.5);
}

static void log_problem(void *ud, long line, const char *text)
{
    kiosk_log(KIOSK_LOG_ERROR, "demo program '%s':%ld: %s", (const char *)ud, line, text);
}

/* The demo sheet read and checked: KIOSK_E_CORRUPT (lines in the log) when it is not good. */
static kiosk_status read_demo(const char *path, struct program *p)
{
    char *data = NULL;
    size_t len = 0;
    if (kiosk_read_file(path, &data, &len) != 0) {
        kiosk_log(KIOSK_LOG_ERROR, "cannot read the demo program '%s'", path);
        return KIOSK_E_NOT_FOUND;
    }
    struct sheet_book book;
    long line = 0;
    int err = sheet_read_csv(data, len, &book, &line);
    free(data);
    if (err != SHEET_OK) {
        kiosk_log(KIOSK_LOG_ERROR, "demo program '%s':%ld: not a readable CSV", path, line);
        return KIOSK_E_CORRUPT;
    }
    kiosk_status st = program_parse_book(&book, p);
    sheet_book_release(&book);
    if (st != KIOSK_OK)
        return st;
    for (size_t i = 0; i < p->problem_count; i++)
        log_problem((void *)path, p->problems[i].line, p->problems[i].reason);
    if (p->problem_count) {
        program_release(p);
        return KIOSK_E_CORRUPT;
    }
    return KIOSK_OK;
}

kiosk_status program_demo_fill(store *s, int64_t today_ms)
{
    struct kiosk_event *events = NULL;
    size_t nevents = 0;
    kiosk_status st = store_events_list(s, 0, &events, &nevents);
    free(events);
    if (st != KIOSK_OK)
        return st;
    if (nevents > 0)
        return KIOSK_E_EXISTS; /* the demo goes only into an empty program */
    char path[4096];
    kiosk_data_path("assets/demo/program.csv", path, sizeof path);
    struct program p;
    st = read_demo(path, &p);
    if (st != KIOSK_OK)
        return st;
    program_shift_days(&p, days_from_anchor(today_ms));
    struct program_options opt = {.derived_ids = 1};
    struct program_report rep = {NULL, log_problem, path, NULL};
    struct program_result res;
    int trainees = 0;
    st = store_begin(s);
    if (st == KIOSK_OK)
        st = program_import(s, &p, &opt, &rep, &res);
    if (st == KIOSK_E_INVALID)
        st = KIOSK_E_CORRUPT;
    if (st == KIOSK_OK)
        st = store_demo_trainees_tx(s, &trainees);
    if (st == KIOSK_OK) {
        char detail[64];
        kiosk_fmt(detail, sizeof detail, "trainees=%d", trainees);
        st = store_log_add(s, "demo.fill", "", detail);
    }
    if (st == KIOSK_OK)
        st = store_commit(s);
    else
        store_rollback(s);
    program_release(&p);
    store_search_invalidate(s);
    return st;
}
