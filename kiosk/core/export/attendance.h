/* The attendance sheet's content for one event: its people in the official order with their
 * marks per session, streamed from the store so a class of any size fits in little memory.
 * Never writes files (the CSV and XLSX sheets do) and never changes the database. */
#ifndef KIOSK_EXPORT_ATTENDANCE_H
#define KIOSK_EXPORT_ATTENDANCE_H

#include "store/store.h"

/* MARK_EXCUSED: the coordinator's correction (absent with leave); not counted present. */
enum attendance_mark { MARK_ABSENT = 0, MARK_PRESENT = 1, MARK_LATE = 2, MARK_EXCUSED = 3 };
#define MARK_KINDS 4

struct attendance_row {
    int number; /* STT: 1, 2, ... */
    char person_id[KIOSK_ID_LEN];
    char full_name[KIOSK_NAME_LEN];
    int birth_year;                        /* 0: unknown */
    char address[KIOSK_PLACE_LEN * 2 + 8]; /* commune, district (or province) */
    char phone[32];                        /* "0912 345 678"; "" without consent to contact */
    int walkin;                            /* registered at the door (a walk-in) */
    const unsigned char *marks;   /* enum attendance_mark per session, in order (valid until the
                                     next row) */
    const unsigned char *signed_; /* per session: 1 when a check-in of hers holds a signature */
    int attended;                 /* sessions present or late */
};

struct attendance_marks; /* person -> marks, built from the event's check-ins */

struct attendance {
    store *store;
    struct kiosk_event event;
    struct kiosk_session *sessions; /* by number */
    size_t session_count;
    unsigned char *cancelled; /* per session: cancelled (shown, nobody absent there) */
    int signatures;           /* the class collects a signature each day */
    int checkouts;            /* someone checked out: cells say when people came and left */
    unsigned char *held;      /* per session: begun by now, or someone checked in (else the
                                 sheet leaves its cells blank: nobody was absent yet) */
    /* totals so far (complete after the last row) */
    int people;
    int *present; /* per session: present or late */
    int *late;    /* per session */
    /* internals */
    struct attendance_marks *marks;
    unsigned char *row_marks;     /* the current row's marks, one byte a session */
    unsigned char *row_signed;    /* the current row's signed sessions */
    struct store_rows *rows;      /* the sheet's people, streamed */
    struct store_rows *signature; /* the signature query, kept between rows */
};

/* Loads the event (code or id), its sessions and its check-ins; sessions starting after
 * now_ms without a check-in are not held yet. KIOSK_E_NOT_FOUND for no such event. */
kiosk_status attendance_open(store *s, const char *event, int64_t now_ms, struct attendance *a);
/* The next person: 1 with row filled, 0 at the end (the marks and the query are let go
 * then: the totals stay), -1 on a storage error. Everyone
 * registered is on the sheet, once (records merged into one person count as her:
 * docs/IDENTITY.md); attendance is recorded under the reporting duty, not by consent. */
int attendance_next(struct attendance *a, struct attendance_row *row);
/* The signature PNG of a row's person for session index i (0-based), or NULL. *png stays
 * valid until the next call. */
const void *attendance_signature(struct attendance *a, const struct attendance_row *row, size_t i,
                                 size_t *len);
/* For a row's person present at session index i (0-based) who checked out and did not come
 * back: her first arrival and when she left (docs/IDENTITY.md, first in, last out); 0 when
 * she did not leave, or the event has no check-out. */
int attendance_left(struct attendance *a, const struct attendance_row *row, size_t i,
                    int64_t *in_ms, int64_t *out_ms);
void attendance_close(struct attendance *a);

/* The official order's sort key for a name (given, family, middle; Vietnamese alphabet),
 * comparable with memcmp. Registered on the store's connection as the SQL function
 * kiosk_official_key(full_name, given_name). Returns the length; 0 when it does not fit. */
size_t attendance_official_key(const char *full_name, const char *given_name, unsigned char *out,
                               size_t cap);
kiosk_status attendance_register_sql(store *s);

/* Local dates for sheets: "12/05/2026". */
void export_format_date(int64_t at_ms, char *out, size_t cap);
/* The event's place as read on a sheet: place, then the province when place lacks it. */
void export_event_place(const struct kiosk_event *e, char *out, size_t cap);

#endif
