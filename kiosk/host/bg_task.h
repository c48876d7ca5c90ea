/* One piece of slow work at a time on a thread of its own, so that a frame never waits for
 * it: the PIN's deliberately slow hash, a server's answer, a count that grows with the data.
 * The frame's thread starts a task and draws "checking..." meanwhile; the loop takes the
 * task's end (bg_task_take) and draws the outcome. The job (run's argument, the caller's
 * memory) belongs to the thread from bg_task_start until bg_task_take returned 1. */
#ifndef KIOSK_HOST_BG_TASK_H
#define KIOSK_HOST_BG_TASK_H

#include <pthread.h>

struct bg_task {
    pthread_mutex_t mu;
    pthread_t thread;
    int started; /* a thread to join */
    int running;
    int ended; /* ran to its end, not taken yet */
    void (*run)(void *job);
    void *job;
    void (*wake)(void *user);
    void *user;
};
#define BG_TASK_INIT                                                                               \
    {                                                                                              \
        .mu = PTHREAD_MUTEX_INITIALIZER                                                            \
    }

/* Runs run(job) on a thread of its own; wake(user) from it when done (may be NULL). 1:
 * started; 0: a task still runs or ended untaken (nothing started); -1: no thread. */
int bg_task_start(struct bg_task *t, void (*run)(void *job), void *job, void (*wake)(void *user),
                  void *user);
/* 1 from the start until the end is taken (the job is the thread's). */
int bg_task_busy(struct bg_task *t);
/* 1 once for each task that ended: the thread is joined and the job is the caller's again. */
int bg_task_take(struct bg_task *t);
/* Waits up to timeout_ms of real time for the task to end (the script player); 1 when none
 * runs. */
int bg_task_settle(struct bg_task *t, int timeout_ms);
/* Joins a running task (at exit); its end is then taken as by bg_task_take. */
void bg_task_stop(struct bg_task *t);

#endif
