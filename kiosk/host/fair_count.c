/* The staff view's counts on a thread (fair_count.h). The job is the thread's from its start
 * until the loop takes its end; what the frame shows is a copy the loop makes then. */
#include "host/fair_count.h"

#include "host/bg_task.h"
#include "store/domain.h"

#include <string.h>
#include <time.h>

struct count_key {
    char event_id[KIOSK_ID_LEN + 8];
    int day; /* the local day: yyyymmdd */
};

static struct {
    struct bg_task task;
    struct {
        char db_path[4096];
        store *s; /* kept between counts: its tally is what makes them incremental */
        struct count_key key;
        int64_t day_ms;
        kiosk_status st;
        struct kiosk_fair_stats stats;
    } job;
    struct count_key key; /* what the frame asked for last */
    int64_t asked_at;     /* kiosk time the last count started (0: none for this key) */
    kiosk_status st;      /* KIOSK_OK: stats hold a count of key */
    struct kiosk_fair_stats stats;
} fc = {.task = BG_TASK_INIT, .st = KIOSK_E_NOT_FOUND};

static void count_main(void *arg)
{
    (void)arg;
    char err[256];
    if (fc.job.s && strcmp(store_path(fc.job.s), fc.job.db_path) != 0) {
        store_close(fc.job.s);
        fc.job.s = NULL;
    }
    fc.job.st = KIOSK_OK;
    if (!fc.job.s)
        fc.job.st = store_open_existing(fc.job.db_path, &fc.job.s, err, sizeof err);
    if (fc.job.st == KIOSK_OK)
        fc.job.st = store_fair_stats(fc.job.s, fc.job.key.event_id, fc.job.day_ms, &fc.job.stats);
    if (fc.job.st != KIOSK_OK)
        kiosk_log(KIOSK_LOG_WARN, "the fair's counts: %s", kiosk_status_name(fc.job.st));
    if (fc.job.st == KIOSK_E_NOT_FOUND) /* no database, no event: not "still counting" */
        fc.job.st = KIOSK_E_IO;
}

static struct count_key key_of(const char *event_id, int64_t day_ms)
{
    struct count_key k;
    struct tm tm;
    memset(&k, 0, sizeof k);
    kiosk_strlcpy(k.event_id, event_id, sizeof k.event_id);
    kiosk_local_tm(day_ms, &tm);
    k.day = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
    return k;
}

static void start_count(const char *db_path, int64_t day_ms, void (*wake)(void *), void *user)
{
    kiosk_strlcpy(fc.job.db_path, db_path, sizeof fc.job.db_path);
    fc.job.key = fc.key;
    fc.job.day_ms = day_ms;
    memset(&fc.job.stats, 0, sizeof fc.job.stats);
    if (bg_task_start(&fc.task, count_main, NULL, wake, user) < 0) {
        count_main(NULL); /* no thread: here, late rather than never */
        fc.st = fc.job.st;
        fc.stats = fc.job.stats;
    }
}

kiosk_status fair_count_get(const char *db_path, const char *event_id, int64_t day_ms,
                            int64_t now_ms, int max_age_ms, void (*wake)(void *user), void *user,
                            struct kiosk_fair_stats *out)
{
    struct count_key k = key_of(event_id, day_ms);
    if (memcmp(&k, &fc.key, sizeof k) != 0) {
        fc.key = k;
        fc.asked_at = 0;
        fc.st = KIOSK_E_NOT_FOUND;
    }
    int due = fc.asked_at == 0 || now_ms - fc.asked_at >= max_age_ms || now_ms < fc.asked_at;
    if (due && !bg_task_busy(&fc.task)) {
        fc.asked_at = now_ms ? now_ms : 1;
        start_count(db_path, day_ms, wake, user);
    }
    if (fc.st == KIOSK_OK)
        *out = fc.stats;
    return fc.st;
}

int fair_count_poll(void)
{
    if (!bg_task_take(&fc.task))
        return 0;
    if (memcmp(&fc.job.key, &fc.key, sizeof fc.key) == 0) {
        fc.st = fc.job.st;
        fc.stats = fc.job.stats;
    }
    return 1;
}

int fair_count_settle(int timeout_ms)
{
    bg_task_settle(&fc.task, timeout_ms);
    return fair_count_poll();
}

void fair_count_stop(void)
{
    bg_task_stop(&fc.task);
    store_close(fc.job.s);
    fc.job.s = NULL;
    memset(&fc.key, 0, sizeof fc.key);
    fc.asked_at = 0;
    fc.st = KIOSK_E_NOT_FOUND;
}
