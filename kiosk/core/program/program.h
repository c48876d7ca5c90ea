/* The centre's program sheet (docs/PROGRAM.md): one event (class or fair) a row, keyed by its
 * code, its sessions in one cell. Read from a sheet (CSV or XLSX, core/sheet), checked whole
 * (every problem with its line), then applied in one transaction: new events added, changed
 * ones stored as new versions, sessions matched by time, then moved, added or cancelled.
 * A session with check-ins is never moved or cancelled by a file; nothing is deleted. */
#ifndef KIOSK_PROGRAM_PROGRAM_H
#define KIOSK_PROGRAM_PROGRAM_H

#include "store/program_store.h"

struct sheet_book;

struct program_slot {
    int64_t starts_at_ms, ends_at_ms;
};

struct program_row {
    long line;
    struct program_event ev;
    struct program_slot *slots; /* by start, none overlapping */
    size_t nslots;
};

struct program_problem {
    long line; /* 0: the file as a whole */
    char reason[384];
};

struct program {
    struct program_row *rows;
    size_t count;
    struct program_problem *problems;
    size_t problem_count;
};

/* Reads the first sheet with a "Mã"/"Code" heading (else the first with rows). Rows and
 * cells starting with '#' are comments. Problems in the export's language (export_strings).
 * KIOSK_E_NOMEM is the only failure; bad input is a problem, not a status. */
kiosk_status program_parse_book(const struct sheet_book *b, struct program *out);
void program_release(struct program *p);
/* Moves every session by days (calendar days, local times kept): the demo's dates. */
void program_shift_days(struct program *p, int days);
/* One session as the sheet writes it: "dd/mm/yyyy HH:MM-HH:MM". */
void program_slot_text(int64_t starts_at_ms, int64_t ends_at_ms, char *out, size_t cap);
/* Reads one "dd/mm/yyyy HH:MM-HH:MM" item; 0 when good, else an export string key (why)
 * with what it quotes in arg. */
const char *program_slot_parse(const char *text, struct program_slot *out, char *arg,
                               size_t argcap);

struct program_report {
    void (*change)(void *ud, const char *text);             /* what changes (or would) */
    void (*problem)(void *ud, long line, const char *text); /* why nothing can change */
    void *ud;
    const char *by; /* who changes it, for the log rows: NULL for kioskctl and files ("kioskctl",
                     * "import"); "admin" for the admin screen */
};

struct program_options {
    int dry_run;     /* check and report, change nothing */
    int derived_ids; /* ids from the codes (the demo: kiosks filled apart merge) */
};

struct program_result {
    int events_added, events_changed, events_same;
    int sessions_added, sessions_moved, sessions_cancelled;
};

/* Applies a checked program (problem_count 0) in one transaction. KIOSK_E_INVALID when a row
 * cannot be applied to what the database holds (a capacity under the seats taken, a session
 * with check-ins left out, a kind changed): each reported, nothing changed. A dry run
 * reports and rolls back. */
kiosk_status program_import(store *s, const struct program *p, const struct program_options *opt,
                            const struct program_report *rep, struct program_result *res);

/* The sheet to fill in (Vietnamese or English headings, per export_strings): an example class
 * and an example fair dated from today_ms, the columns explained (a second sheet in XLSX,
 * comment lines in CSV). xlsx: 1 XLSX, 0 CSV. err gets a reason on failure. */
kiosk_status program_template_write(const char *path, int xlsx, int64_t today_ms, char *err,
                                    size_t errlen);

/* ---- rows from anywhere (program_valid.c): the checks sync applies to incoming events and
 * sessions. NULL when good, else the name of the first bad column. updated_at may not be
 * later than now + skew (a kiosk's clock running ahead must not win every later edit). ---- */
int program_code_valid(const char *code); /* [A-Za-z0-9-], 1 to 63 characters */
const char *events_row_valid(const struct program_event *ev, int64_t updated_at_ms, int64_t now_ms,
                             int64_t skew_ms);
const char *sessions_row_valid(const struct kiosk_session *s, int cancelled, int64_t updated_at_ms,
                               int64_t now_ms, int64_t skew_ms);

/* The demo program (assets/demo/program.csv, dates moved around today_ms) and its trainees,
 * through program_import, in one transaction. KIOSK_E_EXISTS when the database already has
 * events; KIOSK_E_CORRUPT (file and line in the log) when a data file is malformed. */
kiosk_status program_demo_fill(store *s, int64_t today_ms);

/* ---- one change without a file (program_change.c) ---- */
/* The sheet's columns, in the template's order. */
enum {
    PROGRAM_COL_CODE,
    PROGRAM_COL_KIND,
    PROGRAM_COL_TITLE,
    PROGRAM_COL_COMMUNE,
    PROGRAM_COL_DISTRICT,
    PROGRAM_COL_PROVINCE,
    PROGRAM_COL_CAPACITY,
    PROGRAM_COL_SIGNATURE,
    PROGRAM_COL_LATE,
    PROGRAM_COL_SESSIONS,
    PROGRAM_COL_INTERESTS,
    PROGRAM_NCOLS
};
/* A one-row program sheet (headings, then the row on line 2) holding event code as stored
 * (its sessions not cancelled), or empty cells when code is NULL. Change cells with
 * program_cell_set, then program_parse_book and program_import: a single change gets every
 * check a file gets. KIOSK_E_NOT_FOUND: no such code. Release with sheet_book_release. */
kiosk_status program_book_for(store *s, const char *code, struct sheet_book *out);
kiosk_status program_cell_set(struct sheet_book *b, int col, const char *text);
/* Moves the live session number of code to when ("dd/mm/yyyy HH:MM-HH:MM"); refused (reason
 * to rep->problem, KIOSK_E_INVALID) when it has check-ins or overlaps another session. */
kiosk_status program_session_move(store *s, const char *code, int number, const char *when,
                                  const struct program_report *rep);
/* Cancels it (kept, never deleted); refused when it has check-ins. */
kiosk_status program_session_cancel(store *s, const char *code, int number,
                                    const struct program_report *rep);
/* Cancels the event (it leaves the kiosk's screens; its sessions, check-ins and receipts
 * stay). Importing a sheet that lists it opens it again. */
kiosk_status program_event_cancel(store *s, const char *code, const struct program_report *rep);
/* Parses a one-row book (program_book_for) and imports it: every check a file gets; each
 * problem to rep->problem, KIOSK_E_INVALID and nothing changed when there is one. */
kiosk_status program_book_apply(store *s, const struct sheet_book *book,
                                const struct program_report *rep);
/* Sets one column of event code (PROGRAM_COL_CAPACITY: "0" no limit, ...) through the book:
 * a capacity under the seats taken is refused like a file's. */
kiosk_status program_event_set(store *s, const char *code, int col, const char *text,
                               const struct program_report *rep);
/* Adds a session ("dd/mm/yyyy HH:MM-HH:MM") to event code through the book: refused when it
 * overlaps one of its sessions or is not a real day and time. */
kiosk_status program_session_add(store *s, const char *code, const char *when,
                                 const struct program_report *rep);
/* Opens (1) or closes (0) sign-up at the kiosks for event code (not in the sheet): a new
 * version with a log row, synced. A closed class is left out of every kiosk's sign-up list
 * and a sign-up there is refused (store_register, source "kiosk": KIOSK_E_DENIED); the
 * coordinator's roster and walk-ins still add trainees. */
kiosk_status program_signup_set(store *s, const char *code, int open,
                                const struct program_report *rep);

#endif
