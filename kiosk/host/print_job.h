/* A receipt sent to the printer on a thread of its own: a printer that does not answer takes
 * up to its timeout (3 s) there, never in a frame. The frame's thread starts a job, shows
 * "Đang in..." and stays touchable; the job wakes the loop when it is done. A job whose
 * screen went away (the person tapped "Xong") finishes on its own and frees itself. */
#ifndef KIOSK_PRINT_JOB_H
#define KIOSK_PRINT_JOB_H

#include "common.h"

#include <stddef.h>
#include <stdint.h>

struct print_job;

/* Sends stream (taken over: freed by the job) to printer; wake(user) from the job's thread
 * when it is done. KIOSK_E_NOMEM: not started (stream freed). */
kiosk_status print_job_start(const char *printer, uint8_t *stream, size_t len, int timeout_ms,
                             void (*wake)(void *user), void *user, struct print_job **out);
/* 1 when the job is done: *st and *why_key (a receipt.print.* string key, NULL when
 * printed) say how; 0 while it is sending. */
int print_job_done(struct print_job *j, kiosk_status *st, const char **why_key);
/* Waits up to timeout_ms of real time for the job (the script player); 1 when done. */
int print_job_wait(struct print_job *j, int timeout_ms);
/* The screen lets go of the job: freed now if done, else by its thread when it is. */
void print_job_release(struct print_job *j);

#endif
