/* An export started from the admin screen runs on a thread of its own with its own store
 * connection (WAL lets it read while the screen writes): the frame's thread only starts it
 * and reads its progress for a bar with a count, so the screen stays touchable while a
 * sheet of 1M check-ins is written. One job at a time in a process. */
#ifndef KIOSK_HOST_EXPORT_JOB_H
#define KIOSK_HOST_EXPORT_JOB_H

#include "common.h"

enum export_job_what { EXPORT_JOB_ATTENDANCE = 1, EXPORT_JOB_LEADS, EXPORT_JOB_SUMMARY };

struct export_job_outcome {
    kiosk_status st; /* KIOSK_OK: written whole; else nothing under path */
    long rows;       /* people (attendance, leads) or events (summary) written */
    char path[4400];
    char err[512]; /* one English line for the log */
};

/* Starts writing what (event: the class's or fair's code; NULL for the summary) as format
 * (enum export_format) into dir under export_file_name's name, reading db_path, its texts in
 * lang ("vi", "en"). wake(user) from the job's thread when it ends (may be NULL).
 * KIOSK_E_EXISTS while another job runs; KIOSK_E_INVALID when the name does not fit;
 * KIOSK_E_NOMEM when no thread could start. path (may be NULL) gets the file's path. */
kiosk_status export_job_start(const char *db_path, const char *lang, enum export_job_what what,
                              const char *event, int format, const char *dir,
                              void (*wake)(void *user), void *user, char *path, size_t cap);
/* 1 while a job runs, with the rows written so far and the rows expected (0: not known). */
int export_job_progress(long *done, long *total);
/* The outcome of a job that ended: 1 once for each job (then the next may start). */
int export_job_take(struct export_job_outcome *out);
/* Waits up to timeout_ms of real time (the script player) until no job runs, or, rows > 0,
 * the running one has written rows rows; 1 when that came. */
int export_job_wait(long rows, int timeout_ms);
/* At exit: a running export stops at its next row (its file never made); joins the thread. */
void export_job_stop(void);

#endif
