/* Roster import: a coordinator's CSV list of trainees, checked whole, then registered for a
 * class (source "import") with a sign-up receipt each, in one transaction. Never imports
 * part of a file: any bad row refuses all of it. */
#ifndef KIOSK_EXPORT_ROSTER_H
#define KIOSK_EXPORT_ROSTER_H

#include "store/store.h"

struct receipt_keys;

struct roster_row {
    long line; /* physical line where the record starts */
    struct kiosk_person person;
};

struct roster_problem {
    long line;        /* 0: the file as a whole */
    char reason[384]; /* for people, in the loaded export language */
};

struct roster {
    struct roster_row *rows;
    size_t count;
    struct roster_problem *problems;
    size_t problem_count;
};

/* Reads and checks data[0..len) (the whole file): headings (Vietnamese or English, folded
 * so case and accents do not matter), one person a row. this_year bounds the birth year.
 * Every problem is listed; rows are usable only when problem_count is 0.
 * KIOSK_E_NOMEM is the only failure; bad input is a problem, not a status. */
kiosk_status roster_parse(const char *data, size_t len, int this_year, struct roster *out);
/* The same from a book already read (sheet.h): the first sheet that has rows. data above
 * may be an XLSX file (a zip) or a CSV file. */
struct sheet_book;
kiosk_status roster_parse_book(const struct sheet_book *book, int this_year, struct roster *out);
void roster_release(struct roster *r);

struct roster_result {
    int added;      /* newly registered */
    int existing;   /* already registered (same person, phone, or folded name and year) */
    int waitlisted; /* of the added, on the waiting list */
};

/* Registers every row for event_id and issues each a sign-up receipt, all or nothing: on
 * failure the database is as it was, *bad_line is the row's line (0: the commit) and err
 * says why (a status name or a string key from the store). */
kiosk_status roster_import(store *s, struct receipt_keys *keys, const char *event_id,
                           const struct roster *r, struct roster_result *res, long *bad_line,
                           char *err, size_t errlen);

#endif
