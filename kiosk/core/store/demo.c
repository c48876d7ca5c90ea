/* The demo program: assets/demo/program.tsv (classes, fairs, when their sessions run
 * relative to today) and assets/demo/trainees.tsv (people already on the rosters), filled
 * into an empty database in one transaction. The facts live in the data files. */
#include "domain.h"
#include "store_internal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { DEMO_MAX_FIELDS = 12 };

/* Splits line at tabs in place; returns the number of fields. */
static int split_tabs(char *line, char **fields, int max)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    for (char *p = line; n < max;) {
        fields[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

struct demo_file {
    FILE *f;
    char path[4096];
    int line;
};

static kiosk_status demo_open(struct demo_file *d, const char *rel)
{
    memset(d, 0, sizeof *d);
    kiosk_data_path(rel, d->path, sizeof d->path);
    d->f = fopen(d->path, "r");
    if (!d->f) {
        kiosk_log(KIOSK_LOG_ERROR, "cannot read the demo program '%s'", d->path);
        return KIOSK_E_NOT_FOUND;
    }
    return KIOSK_OK;
}

/* Next data line split into fields; 0 at the end. Comments and blank lines are skipped. */
static int demo_next(struct demo_file *d, char *buf, size_t cap, char **fields, int *n)
{
    while (fgets(buf, (int)cap, d->f)) {
        d->line++;
        if (buf[0] == '#' || buf[0] == '\n' || buf[0] == '\r' || buf[0] == '\0')
            continue;
        *n = split_tabs(buf, fields, DEMO_MAX_FIELDS);
        return 1;
    }
    return 0;
}

/* The demo's records get ids derived from what they are (an event's code, a session's
 * number, a trainee's name and year), so two kiosks filled with the demo on their own hold
 * the same program and the same trainees, and sync merges them instead of doubling them. */
static void demo_id(const char *what, char out[KIOSK_ID_LEN])
{
    unsigned char h[16];
    static const char hex[] = "0123456789abcdef";
    crypto_generichash(h, sizeof h, (const unsigned char *)what, strlen(what),
                       (const unsigned char *)"kiosk-demo-ids-1", 16);
    for (size_t i = 0; i < sizeof h; i++) {
        out[2 * i] = hex[h[i] >> 4];
        out[2 * i + 1] = hex[h[i] & 15];
    }
    out[32] = '\0';
}

static kiosk_status demo_bad(const struct demo_file *d, const char *what)
{
    kiosk_log(KIOSK_LOG_ERROR, "demo program '%s' line %d: %s", d->path, d->line, what);
    return KIOSK_E_CORRUPT;
}

/* "-2@07:30-11:00 0@07:30-11:00": day offsets from today and local times. */
static kiosk_status add_sessions(store *s, const struct demo_file *d, const char *event_id,
                                 const char *event_code, const char *spec, int64_t today_ms)
{
    struct tm day;
    kiosk_local_tm(today_ms, &day);
    char buf[512];
    kiosk_strlcpy(buf, spec, sizeof buf);
    int added = 0;
    for (char *save = NULL, *tok = strtok_r(buf, " ", &save); tok;
         tok = strtok_r(NULL, " ", &save)) {
        int off, h0, m0, h1, m1;
        char end;
        if (sscanf(tok, "%d@%d:%d-%d:%d%c", &off, &h0, &m0, &h1, &m1, &end) != 5)
            return demo_bad(d, "a session is not DAY@HH:MM-HH:MM");
        struct kiosk_session sess = {0};
        kiosk_strlcpy(sess.event_id, event_id, sizeof sess.event_id);
        char what[128];
        kiosk_fmt(what, sizeof what, "session:%s:%d", event_code, added + 1);
        demo_id(what, sess.id);
        int y = day.tm_year + 1900, mo = day.tm_mon + 1, dd = day.tm_mday + off;
        sess.starts_at_ms = kiosk_local_make_ms(y, mo, dd, h0, m0);
        sess.ends_at_ms = kiosk_local_make_ms(y, mo, dd, h1, m1);
        kiosk_status r = store_session_add_tx(s, &sess);
        if (r != KIOSK_OK)
            return r == KIOSK_E_INVALID ? demo_bad(d, "a session ends before it starts") : r;
        added++;
    }
    return added ? KIOSK_OK : demo_bad(d, "an event without sessions");
}

static void interests_from(const char *list, char *out, size_t cap)
{
    /* ';' in the file, '\n' in the record (struct kiosk_event) */
    kiosk_strlcpy(out, list, cap);
    for (char *p = out; *p; p++)
        if (*p == ';')
            *p = '\n';
}

static kiosk_status fill_events(store *s, int64_t today_ms)
{
    struct demo_file d;
    kiosk_status r = demo_open(&d, "assets/demo/program.tsv");
    if (r != KIOSK_OK)
        return r;
    char buf[2048];
    char *f[DEMO_MAX_FIELDS];
    int n;
    while (r == KIOSK_OK && demo_next(&d, buf, sizeof buf, f, &n)) {
        /* code kind title commune district province capacity signature late sessions interests */
        if (n < 10) {
            r = demo_bad(&d, "fewer than 10 columns");
            break;
        }
        struct kiosk_event e = {0};
        kiosk_strlcpy(e.code, f[0], sizeof e.code);
        e.kind = strcmp(f[1], "fair") == 0    ? KIOSK_EVENT_FAIR
                 : strcmp(f[1], "class") == 0 ? KIOSK_EVENT_CLASS
                                              : 0;
        kiosk_strlcpy(e.title, f[2], sizeof e.title);
        kiosk_strlcpy(e.province, f[5], sizeof e.province);
        e.capacity = atoi(f[6]);
        e.signature_required = atoi(f[7]) != 0;
        e.late_after_min = atoi(f[8]);
        e.signup_open = 1;
        if (n > 10)
            interests_from(f[10], e.interests, sizeof e.interests);
        if (!e.kind) {
            r = demo_bad(&d, "kind is neither 'class' nor 'fair'");
            break;
        }
        char what[128];
        kiosk_fmt(what, sizeof what, "event:%s", e.code);
        demo_id(what, e.id);
        r = store_event_add_tx(s, &e, f[3], f[4]);
        if (r == KIOSK_OK)
            r = add_sessions(s, &d, e.id, e.code, f[9], today_ms);
        else if (r == KIOSK_E_EXISTS || r == KIOSK_E_INVALID)
            r = demo_bad(&d,
                         r == KIOSK_E_EXISTS ? "a code repeats" : "an event without code or title");
    }
    fclose(d.f);
    return r;
}

/* Stores a demo trainee under her derived id (once, however many classes she is in). */
static kiosk_status demo_person(store *s, struct kiosk_person *p, const char **why)
{
    char key[KIOSK_NAME_LEN];
    kiosk_status r = store_person_prepare(p, key, why);
    if (r != KIOSK_OK)
        return r;
    char what[KIOSK_NAME_LEN + 32];
    kiosk_fmt(what, sizeof what, "person:%s:%d", key, p->birth_year);
    demo_id(what, p->id);
    struct kiosk_person known;
    if (store_person_read(s, p->id, &known) == KIOSK_OK)
        return KIOSK_OK;
    return store_person_insert_tx(s, p, key);
}

static kiosk_status fill_trainees(store *s, int *count)
{
    struct demo_file d;
    kiosk_status r = demo_open(&d, "assets/demo/trainees.tsv");
    if (r != KIOSK_OK)
        return r;
    char buf[2048];
    char *f[DEMO_MAX_FIELDS];
    int n;
    while (r == KIOSK_OK && demo_next(&d, buf, sizeof buf, f, &n)) {
        /* event full_name birth_year phone commune district province [given_name] */
        if (n < 7) {
            r = demo_bad(&d, "fewer than 7 columns");
            break;
        }
        struct kiosk_person p = {0};
        kiosk_strlcpy(p.full_name, f[1], sizeof p.full_name);
        p.birth_year = atoi(f[2]);
        kiosk_strlcpy(p.phone, f[3], sizeof p.phone);
        kiosk_strlcpy(p.commune, f[4], sizeof p.commune);
        kiosk_strlcpy(p.district, f[5], sizeof p.district);
        kiosk_strlcpy(p.province, f[6], sizeof p.province);
        if (n > 7)
            kiosk_strlcpy(p.given_name, f[7], sizeof p.given_name);
        struct kiosk_registration reg;
        const char *why = NULL;
        int changed = 0;
        r = demo_person(s, &p, &why);
        if (r == KIOSK_OK)
            r = store_register_tx(s, f[0], &p, "import", &reg, &why, &changed);
        if (r == KIOSK_OK) {
            (*count)++;
        } else if (r == KIOSK_E_NOT_FOUND) {
            r = demo_bad(&d, "no such event code");
        } else if (r == KIOSK_E_INVALID) {
            r = demo_bad(&d, why ? why : "invalid person");
        } else if (r == KIOSK_E_EXISTS) {
            r = demo_bad(&d, "the same trainee twice in one class");
        }
    }
    fclose(d.f);
    return r;
}

kiosk_status store_demo_fill(store *s, int64_t today_ms)
{
    struct kiosk_event *events = NULL;
    size_t nevents = 0;
    kiosk_status r = store_events_list(s, 0, &events, &nevents);
    free(events);
    if (r != KIOSK_OK)
        return r;
    if (nevents > 0)
        return KIOSK_E_EXISTS; /* the demo goes only into an empty program */
    r = store_begin(s);
    if (r != KIOSK_OK)
        return r;
    int trainees = 0;
    r = fill_events(s, today_ms);
    if (r == KIOSK_OK)
        r = fill_trainees(s, &trainees);
    if (r == KIOSK_OK) {
        char detail[64];
        kiosk_fmt(detail, sizeof detail, "trainees=%d", trainees);
        r = store_log_add(s, "demo.fill", "", detail);
    }
    if (r != KIOSK_OK) {
        store_rollback(s);
        return r;
    }
    r = store_commit(s);
    store_search_invalidate(s);
    return r;
}
