/* The coordinator's files: attendance sheet of an event, the summary of all events, and a
 * fair's leads, as CSV (Excel-safe) or XLSX (A4, ready to print). Files are written whole
 * or not at all, mode 0600 (they hold names and phone numbers). Never changes the database.
 * Texts come from the export string table (export_strings_load picks the language). */
#ifndef KIOSK_EXPORT_H
#define KIOSK_EXPORT_H

#include "store/store.h"

enum export_format { EXPORT_CSV = 1, EXPORT_XLSX = 2 };

/* "csv" / "xlsx" -> enum export_format; 0 for anything else. */
int export_format_parse(const char *name);

struct export_result {
    long rows; /* people (attendance, leads) or events (summary) written */
};

/* Failures: KIOSK_E_NOT_FOUND (no such event), KIOSK_E_INVALID (not a fair, for leads),
 * KIOSK_E_FULL / KIOSK_E_READONLY / KIOSK_E_IO (writing). err gets one line for people. */
kiosk_status export_attendance(store *s, const char *event, int format, const char *path,
                               struct export_result *res, char *err, size_t errlen);
kiosk_status export_summary(store *s, int format, const char *path, struct export_result *res,
                            char *err, size_t errlen);
kiosk_status export_leads(store *s, const char *event, int format, const char *path,
                          struct export_result *res, char *err, size_t errlen);

/* Progress of the exports a thread runs, for a bar with a count (host/export_job.c): the
 * rows written so far and the rows expected (0 while unknown; a sheet may end below it, e.g.
 * people on the waiting list who never came). Read from any thread. */
struct export_progress {
    _Atomic long done;
    _Atomic long total;
    _Atomic int stop; /* set by the watcher (the kiosk quits): the export ends early as a
                       * failure (KIOSK_E_IO), its file never made */
};
/* The calling thread's exports report to p from now on (NULL: to nobody). */
void export_progress_watch(struct export_progress *p);
/* For the exports themselves: the rows expected; one more row written (1: stop now). */
void export_progress_total(long n);
int export_progress_step(void);

/* Mode of every export file. */
#define EXPORT_FILE_MODE 0600

#endif
