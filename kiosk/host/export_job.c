/* The admin screen's export thread (export_job.h). The lock guards the job's state; the
 * export itself runs without it and reports its rows through export_progress (atomics). */
#include "host/export_job.h"

#include "export/export.h"
#include "export/export_file.h"
#include "export/export_strings.h"
#include "store/store.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

static struct {
    pthread_mutex_t mu;
    pthread_t thread;
    int started; /* a thread to join */
    int running;
    int finished; /* an outcome not taken yet */
    char db_path[4096];
    enum export_job_what what;
    char event[KIOSK_PART_LEN];
    int format;
    void (*wake)(void *user);
    void *user;
    struct export_progress progress;
    struct export_job_outcome out;
} job = {.mu = PTHREAD_MUTEX_INITIALIZER};

static kiosk_status run_export(store *s, struct export_job_outcome *o)
{
    struct export_result res = {0};
    kiosk_status st;
    if (job.what == EXPORT_JOB_ATTENDANCE)
        st = export_attendance(s, job.event, job.format, o->path, &res, o->err, sizeof o->err);
    else if (job.what == EXPORT_JOB_LEADS)
        st = export_leads(s, job.event, job.format, o->path, &res, o->err, sizeof o->err);
    else
        st = export_summary(s, job.format, o->path, &res, o->err, sizeof o->err);
    o->rows = res.rows;
    return st;
}

static void *job_main(void *arg)
{
    (void)arg;
    struct export_job_outcome *o = &job.out; /* the thread's alone until finished is set */
    export_progress_watch(&job.progress);
    store *s = NULL;
    o->st = store_open_existing(job.db_path, &s, o->err, sizeof o->err);
    if (o->st == KIOSK_OK)
        o->st = run_export(s, o);
    store_close(s);
    export_progress_watch(NULL);
    if (o->st == KIOSK_OK)
        kiosk_log(KIOSK_LOG_INFO, "exported %ld rows to '%s'", o->rows, o->path);
    else
        kiosk_log(KIOSK_LOG_ERROR, "export to '%s' failed: %s", o->path, o->err);
    pthread_mutex_lock(&job.mu);
    job.running = 0;
    job.finished = 1;
    void (*wake)(void *) = job.wake;
    void *user = job.user;
    pthread_mutex_unlock(&job.mu);
    if (wake)
        wake(user);
    return NULL;
}

static const char *file_what(enum export_job_what what)
{
    return what == EXPORT_JOB_ATTENDANCE ? "diem-danh"
           : what == EXPORT_JOB_LEADS    ? "khach-quan-tam"
                                         : "bao-cao-tong-hop";
}

/* Called with the lock held and no job running: the last thread is joined. */
static kiosk_status prepare(const char *db_path, enum export_job_what what, const char *event,
                            int format, const char *dir)
{
    if (job.started)
        pthread_join(job.thread, NULL);
    job.started = job.finished = 0;
    memset(&job.out, 0, sizeof job.out);
    if (what != EXPORT_JOB_SUMMARY && (!event || !*event))
        return KIOSK_E_INVALID;
    kiosk_strlcpy(job.db_path, db_path, sizeof job.db_path);
    kiosk_strlcpy(job.event, event ? event : "", sizeof job.event);
    job.what = what;
    job.format = format;
    return export_file_name(job.out.path, sizeof job.out.path, dir,
                            what == EXPORT_JOB_SUMMARY ? NULL : event, file_what(what),
                            kiosk_clock_now_ms(), format == EXPORT_XLSX ? "xlsx" : "csv");
}

kiosk_status export_job_start(const char *db_path, const char *lang, enum export_job_what what,
                              const char *event, int format, const char *dir,
                              void (*wake)(void *user), void *user, char *path, size_t cap)
{
    pthread_mutex_lock(&job.mu);
    if (job.running || job.finished) {
        pthread_mutex_unlock(&job.mu);
        return KIOSK_E_EXISTS;
    }
    kiosk_status st = prepare(db_path, what, event, format, dir);
    if (path)
        kiosk_strlcpy(path, job.out.path, cap);
    if (st != KIOSK_OK) {
        pthread_mutex_unlock(&job.mu);
        return st;
    }
    export_strings_load(lang); /* here: the job's thread only reads the table */
    job.wake = wake;
    job.user = user;
    job.progress.done = job.progress.total = 0;
    job.progress.stop = 0;
    job.running = 1;
    int rc = pthread_create(&job.thread, NULL, job_main, NULL);
    if (rc != 0) {
        job.running = 0;
        pthread_mutex_unlock(&job.mu);
        kiosk_log(KIOSK_LOG_ERROR, "cannot start the export thread: %s", strerror(rc));
        return KIOSK_E_NOMEM;
    }
    job.started = 1;
    pthread_mutex_unlock(&job.mu);
    return KIOSK_OK;
}

int export_job_progress(long *done, long *total)
{
    pthread_mutex_lock(&job.mu);
    int running = job.running;
    pthread_mutex_unlock(&job.mu);
    *done = running ? job.progress.done : 0;
    *total = running ? job.progress.total : 0;
    return running;
}

int export_job_take(struct export_job_outcome *out)
{
    pthread_mutex_lock(&job.mu);
    int had = job.finished;
    if (had) {
        *out = job.out;
        job.finished = 0;
    }
    pthread_mutex_unlock(&job.mu);
    return had;
}

int export_job_wait(long rows, int timeout_ms)
{
    struct timespec step = {0, 10 * 1000000L};
    for (int waited = 0;; waited += 10) {
        long done, total;
        if (!export_job_progress(&done, &total) || (rows > 0 && done >= rows))
            return 1;
        if (waited >= timeout_ms)
            return 0;
        nanosleep(&step, NULL); /* the rows are counted without a signal: looked at */
    }
}

void export_job_stop(void)
{
    pthread_mutex_lock(&job.mu);
    job.progress.stop = 1;
    job.wake = NULL; /* the loop is going away */
    int join = job.started;
    job.started = 0;
    pthread_mutex_unlock(&job.mu);
    if (join)
        pthread_join(job.thread, NULL);
    pthread_mutex_lock(&job.mu);
    job.running = job.finished = 0;
    pthread_mutex_unlock(&job.mu);
}
