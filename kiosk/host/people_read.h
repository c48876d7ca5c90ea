/* The admin people tab's reads (admin_people.c), on a thread of their own with their own
 * store connection: the probable duplicates of today's classes and who is in today's session
 * of the served class both grow with the data, which a frame must never wait for. The tab
 * asks for a read when it is shown, draws "Đang đọc…" until it arrives, then the last read. */
#ifndef KIOSK_HOST_PEOPLE_READ_H
#define KIOSK_HOST_PEOPLE_READ_H

#include "store/domain.h"

enum people_read_kind { PEOPLE_READ_DUPS = 0, PEOPLE_READ_SESSION = 1, PEOPLE_READ_KINDS };

/* One trainee of the session: list number, name, mark (enum attendance_mark), walk-in. */
struct people_row {
    int number;
    char full_name[KIOSK_NAME_LEN];
    int mark;
    int walkin;
};

struct people_read {
    kiosk_status st; /* KIOSK_E_NOT_FOUND (session): no class session today */
    /* PEOPLE_READ_DUPS: today's classes' probable pairs, each once */
    struct store_duplicate *dups;
    size_t ndups;
    /* PEOPLE_READ_SESSION: the served class's (else the day's first class's) session of now */
    char code[KIOSK_PART_LEN];
    int session_number;
    struct people_row *rows;
    size_t nrows;
};

/* Starts reading kind from db_path for the kiosk day of now_ms (served: the served event's
 * setting, may be NULL) unless a read runs; wake(user) from the thread when done. 1 when
 * started. */
int people_read_request(const char *db_path, int kind, const char *served, int64_t now_ms,
                        void (*wake)(void *user), void *user);
/* The last read of kind that ended and was taken, or NULL (none yet, or it was forgotten). */
const struct people_read *people_read_get(int kind);
/* 1 while a read runs (asked, not yet taken). */
int people_read_busy(void);
/* For the loop, each turn: 1 once for each read that ended (the screen is drawn again). */
int people_read_poll(void);
/* Waits up to timeout_ms of real time for a read that runs, then polls (the script player);
 * 1 when a read ended. */
int people_read_settle(int timeout_ms);
/* Forgets what was read of kind (-1: every kind), a read of it that runs included (a merge
 * made it stale; the admin screen was left). */
void people_read_forget(int kind);
/* At exit: joins a read that runs and frees everything. */
void people_read_stop(void);

#endif
