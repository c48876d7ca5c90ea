/* The people tab's reads on a thread (people_read.h). The job is the thread's from its start
 * until the loop takes its end; the results then move to what the frame draws. */
#include "host/people_read.h"

#include "export/attendance.h"
#include "host/bg_task.h"
#include "store/day_counts.h"

#include <stdlib.h>
#include <string.h>

static struct {
    struct bg_task task;
    struct {
        char db_path[4096];
        int kind;
        char served[KIOSK_PART_LEN + KIOSK_ID_LEN];
        int64_t now_ms;
        unsigned gen; /* pr.gen[kind] when asked: a read older than a forget is dropped */
        struct people_read out;
    } job;
    struct people_read shown[PEOPLE_READ_KINDS];
    int have[PEOPLE_READ_KINDS];
    unsigned gen[PEOPLE_READ_KINDS];
} pr = {.task = BG_TASK_INIT};

static void read_free(struct people_read *r)
{
    free(r->dups);
    free(r->rows);
    memset(r, 0, sizeof *r);
}

static int known_pair(const struct people_read *r, const struct store_duplicate *d)
{
    for (size_t i = 0; i < r->ndups; i++)
        if (strcmp(r->dups[i].a.id, d->a.id) == 0 && strcmp(r->dups[i].b.id, d->b.id) == 0)
            return 1;
    return 0;
}

/* The probable duplicates of today's classes, each pair once. */
static kiosk_status read_dups(store *s, const struct day_session_count *rows, size_t n,
                              struct people_read *r)
{
    for (size_t i = 0; i < n; i++) {
        if (rows[i].event_kind != KIOSK_EVENT_CLASS)
            continue;
        struct store_duplicate *d = NULL;
        size_t nd = 0;
        if (store_people_duplicates(s, rows[i].event_id, &d, &nd) != KIOSK_OK)
            continue;
        for (size_t k = 0; k < nd; k++) {
            if (known_pair(r, &d[k]))
                continue;
            struct store_duplicate *v = realloc(r->dups, (r->ndups + 1) * sizeof *v);
            if (!v) {
                free(d);
                return KIOSK_E_NOMEM;
            }
            r->dups = v;
            r->dups[r->ndups++] = d[k];
        }
        free(d);
    }
    return KIOSK_OK;
}

/* Of today's class sessions (the served class's when it has one today), the one begun
 * last by now (the one running), else the day's first. (size_t)-1: none. */
static size_t pick_session(const struct day_session_count *rows, size_t n, const char *served,
                           int64_t now_ms)
{
    int served_today = 0;
    for (size_t i = 0; i < n; i++)
        served_today |= rows[i].event_kind == KIOSK_EVENT_CLASS && served[0] &&
                        strcmp(rows[i].event_code, served) == 0;
    size_t pick = (size_t)-1;
    for (size_t i = 0; i < n; i++) { /* by start time */
        if (rows[i].event_kind != KIOSK_EVENT_CLASS ||
            (served_today && strcmp(rows[i].event_code, served) != 0))
            continue;
        if (pick == (size_t)-1 || rows[i].starts_at_ms <= now_ms)
            pick = i;
    }
    return pick;
}

/* The rows of the session of att at index k. */
static kiosk_status session_rows(struct attendance *att, size_t k, struct people_read *r)
{
    struct attendance_row row;
    while (attendance_next(att, &row) == 1) {
        struct people_row *v = realloc(r->rows, (r->nrows + 1) * sizeof *v);
        if (!v)
            return KIOSK_E_NOMEM;
        r->rows = v;
        v += r->nrows++;
        v->number = row.number;
        kiosk_strlcpy(v->full_name, row.full_name, sizeof v->full_name);
        v->mark = row.marks[k] < MARK_KINDS ? row.marks[k] : 0;
        v->walkin = row.walkin;
    }
    return KIOSK_OK;
}

/* The served class (else today's first class): its session of now, by name in list order. */
static kiosk_status read_session(store *s, const struct day_session_count *rows, size_t n,
                                 struct people_read *r)
{
    size_t pick = pick_session(rows, n, pr.job.served, pr.job.now_ms);
    struct kiosk_event ev;
    struct attendance att;
    if (pick == (size_t)-1 || store_event_get(s, rows[pick].event_id, &ev) != KIOSK_OK ||
        attendance_open(s, ev.id, pr.job.now_ms, &att) != KIOSK_OK)
        return KIOSK_E_NOT_FOUND;
    size_t k = 0;
    for (size_t i = 0; i < att.session_count; i++)
        if (strcmp(att.sessions[i].id, rows[pick].session_id) == 0)
            k = i;
    kiosk_strlcpy(r->code, ev.code, sizeof r->code);
    r->session_number = att.session_count ? att.sessions[k].number : 0;
    kiosk_status st = session_rows(&att, k, r);
    attendance_close(&att);
    return st;
}

static void read_main(void *arg)
{
    (void)arg;
    struct people_read *r = &pr.job.out;
    store *s = NULL;
    char err[256];
    struct day_session_count *rows = NULL;
    size_t n = 0;
    r->st = store_open_existing(pr.job.db_path, &s, err, sizeof err);
    if (r->st == KIOSK_OK)
        r->st = store_day_counts(s, pr.job.now_ms, &rows, &n);
    if (r->st == KIOSK_OK)
        r->st = pr.job.kind == PEOPLE_READ_DUPS ? read_dups(s, rows, n, r)
                                                : read_session(s, rows, n, r);
    free(rows);
    store_close(s);
    if (r->st != KIOSK_OK && r->st != KIOSK_E_NOT_FOUND)
        kiosk_log(KIOSK_LOG_WARN, "the people tab's read: %s", kiosk_status_name(r->st));
}

int people_read_request(const char *db_path, int kind, const char *served, int64_t now_ms,
                        void (*wake)(void *user), void *user)
{
    if (kind < 0 || kind >= PEOPLE_READ_KINDS || bg_task_busy(&pr.task))
        return 0;
    kiosk_strlcpy(pr.job.db_path, db_path, sizeof pr.job.db_path);
    kiosk_strlcpy(pr.job.served, served ? served : "", sizeof pr.job.served);
    pr.job.kind = kind;
    pr.job.now_ms = now_ms;
    pr.job.gen = pr.gen[kind];
    memset(&pr.job.out, 0, sizeof pr.job.out);
    if (bg_task_start(&pr.task, read_main, NULL, wake, user) == 1)
        return 1;
    read_main(NULL); /* no thread: here, late rather than never */
    read_free(&pr.shown[kind]);
    pr.shown[kind] = pr.job.out;
    pr.have[kind] = 1;
    return 1;
}

const struct people_read *people_read_get(int kind)
{
    return kind >= 0 && kind < PEOPLE_READ_KINDS && pr.have[kind] ? &pr.shown[kind] : NULL;
}

int people_read_busy(void)
{
    return bg_task_busy(&pr.task);
}

int people_read_poll(void)
{
    if (!bg_task_take(&pr.task))
        return 0;
    int kind = pr.job.kind;
    if (pr.job.gen != pr.gen[kind]) { /* forgotten since it was asked: stale */
        read_free(&pr.job.out);
        return 1;
    }
    read_free(&pr.shown[kind]);
    pr.shown[kind] = pr.job.out;
    pr.have[kind] = 1;
    memset(&pr.job.out, 0, sizeof pr.job.out);
    return 1;
}

int people_read_settle(int timeout_ms)
{
    bg_task_settle(&pr.task, timeout_ms);
    return people_read_poll();
}

void people_read_forget(int kind)
{
    for (int k = 0; k < PEOPLE_READ_KINDS; k++) {
        if (kind >= 0 && k != kind)
            continue;
        read_free(&pr.shown[k]);
        pr.have[k] = 0;
        pr.gen[k]++;
    }
}

void people_read_stop(void)
{
    bg_task_stop(&pr.task);
    read_free(&pr.job.out);
    people_read_forget(-1);
}
