/* A task on a thread of its own (bg_task.h). The lock guards the flags; the job runs
 * without it. */
#include "host/bg_task.h"

#include <time.h>

static void *task_main(void *arg)
{
    struct bg_task *t = arg;
    t->run(t->job);
    pthread_mutex_lock(&t->mu);
    t->running = 0;
    t->ended = 1;
    void (*wake)(void *) = t->wake;
    void *user = t->user;
    pthread_mutex_unlock(&t->mu);
    if (wake)
        wake(user);
    return NULL;
}

int bg_task_start(struct bg_task *t, void (*run)(void *job), void *job, void (*wake)(void *user),
                  void *user)
{
    pthread_mutex_lock(&t->mu);
    if (t->started) {
        pthread_mutex_unlock(&t->mu);
        return 0;
    }
    t->run = run;
    t->job = job;
    t->wake = wake;
    t->user = user;
    t->running = 1;
    t->ended = 0;
    int ok = pthread_create(&t->thread, NULL, task_main, t) == 0;
    t->started = ok;
    t->running = ok;
    pthread_mutex_unlock(&t->mu);
    return ok ? 1 : -1;
}

int bg_task_busy(struct bg_task *t)
{
    pthread_mutex_lock(&t->mu);
    int busy = t->started;
    pthread_mutex_unlock(&t->mu);
    return busy;
}

int bg_task_take(struct bg_task *t)
{
    pthread_mutex_lock(&t->mu);
    int ended = t->started && t->ended;
    if (ended) {
        t->started = t->ended = 0;
        t->wake = NULL;
    }
    pthread_mutex_unlock(&t->mu);
    if (ended)
        pthread_join(t->thread, NULL); /* it has left its lock: a short wait at most */
    return ended;
}

int bg_task_settle(struct bg_task *t, int timeout_ms)
{
    struct timespec step = {0, 2 * 1000000L};
    for (int waited = 0;; waited += 2) {
        pthread_mutex_lock(&t->mu);
        int running = t->running;
        pthread_mutex_unlock(&t->mu);
        if (!running)
            return 1;
        if (waited >= timeout_ms)
            return 0;
        nanosleep(&step, NULL);
    }
}

void bg_task_stop(struct bg_task *t)
{
    pthread_mutex_lock(&t->mu);
    int join = t->started;
    t->wake = NULL;
    t->started = t->running = t->ended = 0;
    pthread_mutex_unlock(&t->mu);
    if (join)
        pthread_join(t->thread, NULL);
}
