/* Applying a checked program sheet (program.h) in one transaction: events by code, sessions
 * matched by their times. Every change is a new version (program_store.h) and a log row. */
#include "program/program.h"

#include "export/export_strings.h"
#include "store/domain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct run {
    store *s;
    const struct program_options *opt;
    const struct program_report *rep;
    struct program_result *res;
    int problems;
};

/* Who made the change, for its log rows: a file or kioskctl ("import"), or the admin screen. */
static const char *by(const struct run *r)
{
    return r->rep && r->rep->by ? r->rep->by : "import";
}

static void say(struct run *r, const char *key, const char *a1, const char *a2, const char *a3)
{
    char msg[768];
    export_trf(msg, sizeof msg, key, a1, a2, a3);
    if (r->rep && r->rep->change)
        r->rep->change(r->rep->ud, msg);
}

static void refuse(struct run *r, long line, const char *key, const char *a1, const char *a2)
{
    char msg[384];
    export_trf(msg, sizeof msg, key, a1, a2, NULL);
    r->problems++;
    if (r->rep && r->rep->problem)
        r->rep->problem(r->rep->ud, line, msg);
}

static kiosk_status add_session(struct run *r, const struct program_row *row, const char *event_id,
                                const struct program_slot *sl, int number)
{
    struct kiosk_session sess = {0};
    kiosk_strlcpy(sess.event_id, event_id, sizeof sess.event_id);
    sess.number = number;
    sess.starts_at_ms = sl->starts_at_ms;
    sess.ends_at_ms = sl->ends_at_ms;
    if (r->opt->derived_ids) {
        char what[128];
        kiosk_fmt(what, sizeof what, "session:%s:%d", row->ev.e.code, number);
        store_derived_id(what, sess.id);
    }
    return store_program_session_add_tx(r->s, &sess);
}

static kiosk_status add_event(struct run *r, const struct program_row *row)
{
    struct program_event ev = row->ev;
    if (r->opt->derived_ids) {
        char what[128];
        kiosk_fmt(what, sizeof what, "event:%s", ev.e.code);
        store_derived_id(what, ev.e.id);
    }
    kiosk_status st = store_program_event_add_tx(r->s, &ev);
    for (size_t k = 0; st == KIOSK_OK && k < row->nslots; k++)
        st = add_session(r, row, ev.e.id, &row->slots[k], (int)k + 1);
    if (st != KIOSK_OK)
        return st;
    char n[16];
    snprintf(n, sizeof n, "%zu", row->nslots);
    say(r, ev.e.kind == KIOSK_EVENT_FAIR ? "program.change.add_fair" : "program.change.add_class",
        ev.e.code, ev.e.title, n);
    r->res->events_added++;
    r->res->sessions_added += (int)row->nslots;
    return store_log_add(r->s, "program.event.add", ev.e.id, by(r));
}

/* The names of what differs, for the change line ("tên, số chỗ 30 → 25"). */
static int event_diff(const struct program_event *a, const struct program_event *b, char *out,
                      size_t cap)
{
    out[0] = '\0';
    size_t n = 0;
    int changed = 0;
#define DIFF(cond, key)                                                                            \
    if (cond) {                                                                                    \
        n += (size_t)snprintf(out + n, n < cap ? cap - n : 0, "%s%s", changed ? ", " : "",         \
                              export_tr(key));                                                     \
        changed = 1;                                                                               \
    }
    DIFF(strcmp(a->e.title, b->e.title) != 0, "program.col.title")
    DIFF(strcmp(a->commune, b->commune) != 0, "program.col.commune")
    DIFF(strcmp(a->district, b->district) != 0, "program.col.district")
    DIFF(strcmp(a->e.province, b->e.province) != 0, "program.col.province")
    DIFF(a->e.capacity != b->e.capacity, "program.col.capacity")
    DIFF(a->e.signature_required != b->e.signature_required, "program.col.signature")
    DIFF(a->e.late_after_min != b->e.late_after_min, "program.col.late")
    DIFF(strcmp(a->e.interests, b->e.interests) != 0, "program.col.interests")
    DIFF(a->cancelled != b->cancelled, "program.change.restored")
#undef DIFF
    return changed;
}

static kiosk_status update_event(struct run *r, const struct program_row *row,
                                 const struct program_event *old, int *changed)
{
    char what[256], a[16], b[16];
    if (old->e.kind != row->ev.e.kind) {
        refuse(r, row->line, "program.err.kind_changed", old->e.code, NULL);
        return KIOSK_OK;
    }
    if (row->ev.e.capacity > 0 && row->ev.e.capacity < old->e.registered) {
        snprintf(a, sizeof a, "%d", row->ev.e.capacity);
        snprintf(b, sizeof b, "%d", old->e.registered);
        refuse(r, row->line, "program.err.capacity_taken", a, b);
        return KIOSK_OK;
    }
    struct program_event ev = row->ev;
    kiosk_strlcpy(ev.e.id, old->e.id, sizeof ev.e.id);
    ev.e.signup_open = old->e.signup_open; /* set on the kiosk, not in the sheet */
    ev.cancelled = 0;
    if (!event_diff(old, &ev, what, sizeof what))
        return KIOSK_OK;
    *changed = 1;
    say(r, "program.change.event", ev.e.code, what, NULL);
    kiosk_status st = store_program_event_put_tx(r->s, &ev);
    return st == KIOSK_OK ? store_log_add(r->s, "program.event.edit", ev.e.id, by(r)) : st;
}

struct match {
    const struct program_row *row;
    const char *event_id;
    struct program_session *db;
    size_t ndb;
    unsigned char *file_used, *db_used;
    int next_number;
};

static kiosk_status put_session(struct run *r, const struct program_session *ps,
                                const struct program_slot *to, int cancelled, const char *log_kind)
{
    struct kiosk_session s = ps->s;
    if (to) {
        s.starts_at_ms = to->starts_at_ms;
        s.ends_at_ms = to->ends_at_ms;
    }
    kiosk_status st = store_program_session_put_tx(r->s, &s, cancelled);
    return st == KIOSK_OK ? store_log_add(r->s, log_kind, s.id, by(r)) : st;
}

static void session_words(const struct program_session *ps, char num[16], char when[64])
{
    snprintf(num, 16, "%d", ps->s.number);
    program_slot_text(ps->s.starts_at_ms, ps->s.ends_at_ms, when, 64);
}

/* Same times: kept (a cancelled one restored). */
static kiosk_status match_exact(struct run *r, struct match *m, int *changed)
{
    char num[16], when[64];
    for (size_t i = 0; i < m->row->nslots; i++)
        for (size_t j = 0; j < m->ndb; j++) {
            const struct program_slot *sl = &m->row->slots[i];
            struct program_session *ps = &m->db[j];
            if (m->db_used[j] || ps->s.starts_at_ms != sl->starts_at_ms ||
                ps->s.ends_at_ms != sl->ends_at_ms)
                continue;
            m->file_used[i] = m->db_used[j] = 1;
            if (ps->cancelled) {
                session_words(ps, num, when);
                say(r, "program.change.session_restored", m->row->ev.e.code, num, when);
                *changed = 1;
                kiosk_status st = put_session(r, ps, NULL, 0, "program.session.restore");
                if (st != KIOSK_OK)
                    return st;
            }
            break;
        }
    return KIOSK_OK;
}

/* What is left: sessions with check-ins must stay; the others move to the file's left-over
 * times in order, then the rest is added or cancelled. */
static kiosk_status match_rest(struct run *r, struct match *m, int *changed)
{
    char num[16], when[64], to[64];
    size_t i = 0;
    kiosk_status st = KIOSK_OK;
    for (size_t j = 0; st == KIOSK_OK && j < m->ndb; j++) {
        struct program_session *ps = &m->db[j];
        if (m->db_used[j] || ps->cancelled)
            continue;
        session_words(ps, num, when);
        if (ps->checkins > 0) {
            refuse(r, m->row->line, "program.err.session_has_checkins", num, when);
            continue;
        }
        while (i < m->row->nslots && m->file_used[i])
            i++;
        *changed = 1;
        if (i < m->row->nslots) {
            program_slot_text(m->row->slots[i].starts_at_ms, m->row->slots[i].ends_at_ms, to,
                              sizeof to);
            say(r, "program.change.session_moved", m->row->ev.e.code, num, to);
            st = put_session(r, ps, &m->row->slots[i], 0, "program.session.move");
            m->file_used[i] = 1;
            r->res->sessions_moved++;
        } else {
            say(r, "program.change.session_cancelled", m->row->ev.e.code, num, when);
            st = put_session(r, ps, NULL, 1, "program.session.cancel");
            r->res->sessions_cancelled++;
        }
    }
    for (i = 0; st == KIOSK_OK && i < m->row->nslots; i++) {
        if (m->file_used[i])
            continue;
        *changed = 1;
        program_slot_text(m->row->slots[i].starts_at_ms, m->row->slots[i].ends_at_ms, to,
                          sizeof to);
        snprintf(num, sizeof num, "%d", m->next_number);
        say(r, "program.change.session_added", m->row->ev.e.code, num, to);
        st = add_session(r, m->row, m->event_id, &m->row->slots[i], m->next_number++);
        r->res->sessions_added++;
    }
    return st;
}

static kiosk_status update_sessions(struct run *r, const struct program_row *row,
                                    const char *event_id, int *changed)
{
    struct match m = {.row = row, .event_id = event_id};
    kiosk_status st = store_program_sessions(r->s, event_id, &m.db, &m.ndb);
    if (st != KIOSK_OK)
        return st;
    m.file_used = calloc(row->nslots + 1, 1);
    m.db_used = calloc(m.ndb + 1, 1);
    m.next_number = 1;
    for (size_t j = 0; j < m.ndb; j++)
        if (m.db[j].s.number >= m.next_number)
            m.next_number = m.db[j].s.number + 1;
    if (!m.file_used || !m.db_used)
        st = KIOSK_E_NOMEM;
    if (st == KIOSK_OK)
        st = match_exact(r, &m, changed);
    if (st == KIOSK_OK)
        st = match_rest(r, &m, changed);
    free(m.db);
    free(m.file_used);
    free(m.db_used);
    return st;
}

static kiosk_status import_row(struct run *r, const struct program_row *row)
{
    struct program_event old;
    kiosk_status st = store_program_event(r->s, row->ev.e.code, &old);
    if (st == KIOSK_E_NOT_FOUND)
        return add_event(r, row);
    if (st != KIOSK_OK)
        return st;
    int changed = 0, problems = r->problems;
    st = update_event(r, row, &old, &changed);
    if (st == KIOSK_OK && r->problems == problems)
        st = update_sessions(r, row, old.e.id, &changed);
    if (changed)
        r->res->events_changed++;
    else
        r->res->events_same++;
    return st;
}

kiosk_status program_import(store *s, const struct program *p, const struct program_options *opt,
                            const struct program_report *rep, struct program_result *res)
{
    memset(res, 0, sizeof *res);
    if (p->problem_count > 0)
        return KIOSK_E_INVALID;
    struct run r = {.s = s, .opt = opt, .rep = rep, .res = res};
    kiosk_status st = store_begin(s);
    if (st != KIOSK_OK)
        return st;
    for (size_t i = 0; st == KIOSK_OK && i < p->count; i++) {
        st = import_row(&r, &p->rows[i]);
        if (st != KIOSK_OK) {
            char why[128];
            kiosk_fmt(why, sizeof why, "%s", kiosk_status_name(st));
            refuse(&r, p->rows[i].line, "program.err.store", why, NULL);
        }
    }
    if (st == KIOSK_OK && r.problems)
        st = KIOSK_E_INVALID;
    int nothing = res->events_added == 0 && res->events_changed == 0;
    if (st == KIOSK_OK && !opt->dry_run && !nothing) { /* the same file again: not even a log row */
        char detail[160];
        kiosk_fmt(detail, sizeof detail, "events +%d ~%d =%d; sessions +%d >%d -%d",
                  res->events_added, res->events_changed, res->events_same, res->sessions_added,
                  res->sessions_moved, res->sessions_cancelled);
        st = store_log_add(s, "program.import", "", detail);
        if (st == KIOSK_OK)
            st = store_commit(s);
        if (st == KIOSK_OK)
            return KIOSK_OK;
    }
    store_rollback(s);
    return st;
}
