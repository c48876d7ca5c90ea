/* One change without a file (kioskctl event|session, the admin screen): an event as a one-row
 * program sheet (so an edit goes through the sheet's checks and the importer), and the
 * session moves and cancels that name one session. Each change is a new version and a log
 * row (program_store.h), in one transaction. */
#include "program/program.h"

#include "export/export_strings.h"
#include "sheet/sheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const col_keys[PROGRAM_NCOLS] = {
    "program.col.code",     "program.col.kind",      "program.col.title",
    "program.col.commune",  "program.col.district",  "program.col.province",
    "program.col.capacity", "program.col.signature", "program.col.late",
    "program.col.sessions", "program.col.interests",
};

static kiosk_status alloc_book(struct sheet_book *b)
{
    memset(b, 0, sizeof *b);
    b->sheets = calloc(1, sizeof *b->sheets);
    if (!b->sheets)
        return KIOSK_E_NOMEM;
    b->count = 1;
    struct sheet *sh = &b->sheets[0];
    kiosk_strlcpy(sh->name, "program", sizeof sh->name);
    sh->rows = calloc(2, sizeof *sh->rows);
    if (!sh->rows)
        return KIOSK_E_NOMEM;
    for (int r = 0; r < 2; r++) {
        sh->rows[r].line = r + 1;
        sh->rows[r].cells = calloc(PROGRAM_NCOLS, sizeof(char *));
        if (!sh->rows[r].cells)
            return KIOSK_E_NOMEM;
        sh->count++;
        for (int c = 0; c < PROGRAM_NCOLS; c++) {
            sh->rows[r].cells[c] = strdup(r == 0 ? export_tr(col_keys[c]) : "");
            if (!sh->rows[r].cells[c])
                return KIOSK_E_NOMEM;
            sh->rows[r].count++;
        }
    }
    return KIOSK_OK;
}

kiosk_status program_cell_set(struct sheet_book *b, int col, const char *text)
{
    char *dup = strdup(text ? text : "");
    if (!dup)
        return KIOSK_E_NOMEM;
    char **cell = &b->sheets[0].rows[1].cells[col];
    free(*cell);
    *cell = dup;
    return KIOSK_OK;
}

static kiosk_status sessions_text(store *s, const char *event_id, char **out)
{
    struct program_session *ps = NULL;
    size_t n = 0;
    kiosk_status st = store_program_sessions(s, event_id, &ps, &n);
    if (st != KIOSK_OK)
        return st;
    char *text = calloc(n * 40 + 1, 1);
    size_t len = 0;
    for (size_t i = 0; text && i < n; i++) {
        if (ps[i].cancelled)
            continue;
        char one[64];
        program_slot_text(ps[i].s.starts_at_ms, ps[i].s.ends_at_ms, one, sizeof one);
        len += (size_t)snprintf(text + len, n * 40 + 1 - len, "%s%s", len ? "; " : "", one);
    }
    free(ps);
    *out = text;
    return text ? KIOSK_OK : KIOSK_E_NOMEM;
}

kiosk_status program_book_for(store *s, const char *code, struct sheet_book *out)
{
    kiosk_status st = alloc_book(out);
    if (st != KIOSK_OK || !code)
        return st;
    struct program_event ev;
    st = store_program_event(s, code, &ev);
    if (st != KIOSK_OK)
        return st;
    char num[3][16], *sessions = NULL;
    snprintf(num[0], sizeof num[0], "%d", ev.e.capacity);
    snprintf(num[1], sizeof num[1], "%d", ev.e.signature_required);
    snprintf(num[2], sizeof num[2], "%d", ev.e.late_after_min);
    st = sessions_text(s, ev.e.id, &sessions);
    const char *cells[PROGRAM_NCOLS] = {
        ev.e.code,     ev.e.kind == KIOSK_EVENT_FAIR ? "fair" : "class",
        ev.e.title,    ev.commune,
        ev.district,   ev.e.province,
        num[0],        num[1],
        num[2],        sessions,
        ev.e.interests};
    for (int c = 0; st == KIOSK_OK && c < PROGRAM_NCOLS; c++)
        st = program_cell_set(out, c, cells[c]);
    free(sessions);
    return st;
}

static void report(const struct program_report *rep, const char *key, const char *a1,
                   const char *a2, int problem)
{
    char msg[384];
    export_trf(msg, sizeof msg, key, a1, a2, NULL);
    if (problem && rep && rep->problem)
        rep->problem(rep->ud, 0, msg);
    else if (!problem && rep && rep->change)
        rep->change(rep->ud, msg);
}

/* The session numbered number of the event code, and its siblings. */
static kiosk_status find_session(store *s, const char *code, int number,
                                 const struct program_report *rep, struct program_session **all,
                                 size_t *n, size_t *at)
{
    struct program_event ev;
    char num[16];
    snprintf(num, sizeof num, "%d", number);
    if (store_program_event(s, code, &ev) != KIOSK_OK) {
        report(rep, "program.err.no_event", code, NULL, 1);
        return KIOSK_E_NOT_FOUND;
    }
    kiosk_status st = store_program_sessions(s, ev.e.id, all, n);
    if (st != KIOSK_OK)
        return st;
    for (*at = 0; *at < *n; (*at)++)
        if ((*all)[*at].s.number == number && !(*all)[*at].cancelled)
            return KIOSK_OK;
    report(rep, "program.err.no_session", code, num, 1);
    free(*all);
    *all = NULL;
    return KIOSK_E_NOT_FOUND;
}

/* Who made a change, for its log row. */
static const char *by(const struct program_report *rep)
{
    return rep && rep->by ? rep->by : "kioskctl";
}

static kiosk_status write_session(store *s, const struct kiosk_session *sess, int cancelled,
                                  const char *log_kind, const char *who)
{
    kiosk_status st = store_begin(s);
    if (st != KIOSK_OK)
        return st;
    st = store_program_session_put_tx(s, sess, cancelled);
    if (st == KIOSK_OK)
        st = store_log_add(s, log_kind, sess->id, who);
    if (st == KIOSK_OK)
        return store_commit(s);
    store_rollback(s);
    return st;
}

kiosk_status program_session_move(store *s, const char *code, int number, const char *when,
                                  const struct program_report *rep)
{
    struct program_slot to;
    char arg[128], num[16], old[64];
    const char *why = program_slot_parse(when, &to, arg, sizeof arg);
    if (why) {
        report(rep, why, arg, NULL, 1);
        return KIOSK_E_INVALID;
    }
    struct program_session *all = NULL;
    size_t n = 0, at = 0;
    kiosk_status st = find_session(s, code, number, rep, &all, &n, &at);
    if (st != KIOSK_OK)
        return st;
    snprintf(num, sizeof num, "%d", number);
    program_slot_text(all[at].s.starts_at_ms, all[at].s.ends_at_ms, old, sizeof old);
    st = KIOSK_E_INVALID;
    if (all[at].checkins > 0) {
        report(rep, "program.err.session_has_checkins_move", num, old, 1);
        goto done;
    }
    for (size_t i = 0; i < n; i++)
        if (i != at && !all[i].cancelled && to.starts_at_ms < all[i].s.ends_at_ms &&
            all[i].s.starts_at_ms < to.ends_at_ms) {
            program_slot_text(all[i].s.starts_at_ms, all[i].s.ends_at_ms, old, sizeof old);
            report(rep, "program.err.overlap", old, when, 1);
            goto done;
        }
    struct kiosk_session sess = all[at].s;
    sess.starts_at_ms = to.starts_at_ms;
    sess.ends_at_ms = to.ends_at_ms;
    st = write_session(s, &sess, 0, "program.session.move", by(rep));
    if (st == KIOSK_OK) {
        program_slot_text(to.starts_at_ms, to.ends_at_ms, old, sizeof old);
        char msg[384];
        export_trf(msg, sizeof msg, "program.change.session_moved", code, num, old);
        if (rep && rep->change)
            rep->change(rep->ud, msg);
    }
done:
    free(all);
    return st;
}

kiosk_status program_session_cancel(store *s, const char *code, int number,
                                    const struct program_report *rep)
{
    struct program_session *all = NULL;
    size_t n = 0, at = 0;
    kiosk_status st = find_session(s, code, number, rep, &all, &n, &at);
    if (st != KIOSK_OK)
        return st;
    char num[16], when[64], msg[384];
    snprintf(num, sizeof num, "%d", number);
    program_slot_text(all[at].s.starts_at_ms, all[at].s.ends_at_ms, when, sizeof when);
    if (all[at].checkins > 0) {
        report(rep, "program.err.session_has_checkins_cancel", num, when, 1);
        st = KIOSK_E_INVALID;
    } else {
        st = write_session(s, &all[at].s, 1, "program.session.cancel", by(rep));
    }
    if (st == KIOSK_OK && rep && rep->change) {
        export_trf(msg, sizeof msg, "program.change.session_cancelled", code, num, when);
        rep->change(rep->ud, msg);
    }
    free(all);
    return st;
}

kiosk_status program_event_cancel(store *s, const char *code, const struct program_report *rep)
{
    struct program_event ev;
    if (store_program_event(s, code, &ev) != KIOSK_OK) {
        report(rep, "program.err.no_event", code, NULL, 1);
        return KIOSK_E_NOT_FOUND;
    }
    if (ev.cancelled) {
        report(rep, "program.change.event_cancelled", code, NULL, 0);
        return KIOSK_OK;
    }
    ev.cancelled = 1;
    kiosk_status st = store_begin(s);
    if (st != KIOSK_OK)
        return st;
    st = store_program_event_put_tx(s, &ev);
    if (st == KIOSK_OK)
        st = store_log_add(s, "program.event.cancel", ev.e.id, by(rep));
    if (st == KIOSK_OK)
        st = store_commit(s);
    else
        store_rollback(s);
    if (st == KIOSK_OK)
        report(rep, "program.change.event_cancelled", code, NULL, 0);
    return st;
}

kiosk_status program_book_apply(store *s, const struct sheet_book *book,
                                const struct program_report *rep)
{
    struct program p;
    kiosk_status st = program_parse_book(book, &p);
    for (size_t i = 0; st == KIOSK_OK && i < p.problem_count; i++)
        if (rep && rep->problem)
            rep->problem(rep->ud, 0, p.problems[i].reason);
    struct program_options opt = {0};
    struct program_result res;
    if (st == KIOSK_OK && p.problem_count == 0)
        st = program_import(s, &p, &opt, rep, &res);
    else if (st == KIOSK_OK)
        st = KIOSK_E_INVALID;
    program_release(&p);
    return st;
}

/* The event's book, or the "no such event" problem. */
static kiosk_status book_of(store *s, const char *code, const struct program_report *rep,
                            struct sheet_book *book)
{
    kiosk_status st = program_book_for(s, code, book);
    if (st == KIOSK_E_NOT_FOUND)
        report(rep, "program.err.no_event", code, NULL, 1);
    return st;
}

kiosk_status program_event_set(store *s, const char *code, int col, const char *text,
                               const struct program_report *rep)
{
    if (col <= PROGRAM_COL_CODE || col >= PROGRAM_NCOLS)
        return KIOSK_E_INVALID;
    struct sheet_book book;
    kiosk_status st = book_of(s, code, rep, &book);
    if (st == KIOSK_OK)
        st = program_cell_set(&book, col, text);
    if (st == KIOSK_OK)
        st = program_book_apply(s, &book, rep);
    sheet_book_release(&book);
    return st;
}

kiosk_status program_session_add(store *s, const char *code, const char *when,
                                 const struct program_report *rep)
{
    struct program_slot slot;
    char arg[128];
    const char *why = program_slot_parse(when, &slot, arg, sizeof arg);
    if (why) { /* one item only: a ';' would add several */
        report(rep, why, arg, NULL, 1);
        return KIOSK_E_INVALID;
    }
    struct sheet_book book;
    kiosk_status st = book_of(s, code, rep, &book);
    if (st == KIOSK_OK) {
        const char *old = book.sheets[0].rows[1].cells[PROGRAM_COL_SESSIONS];
        size_t n = strlen(old) + strlen(when) + 3;
        char *joined = malloc(n);
        st = joined ? KIOSK_OK : KIOSK_E_NOMEM;
        if (joined) {
            snprintf(joined, n, "%s%s%s", old, old[0] ? "; " : "", when);
            st = program_cell_set(&book, PROGRAM_COL_SESSIONS, joined);
            free(joined);
        }
    }
    if (st == KIOSK_OK)
        st = program_book_apply(s, &book, rep);
    sheet_book_release(&book);
    return st;
}

kiosk_status program_signup_set(store *s, const char *code, int open,
                                const struct program_report *rep)
{
    struct program_event ev;
    if (store_program_event(s, code, &ev) != KIOSK_OK) {
        report(rep, "program.err.no_event", code, NULL, 1);
        return KIOSK_E_NOT_FOUND;
    }
    const char *key = open ? "program.change.signup_open" : "program.change.signup_closed";
    if ((ev.e.signup_open != 0) == (open != 0)) {
        report(rep, key, code, NULL, 0);
        return KIOSK_OK;
    }
    ev.e.signup_open = open ? 1 : 0;
    kiosk_status st = store_begin(s);
    if (st != KIOSK_OK)
        return st;
    st = store_program_event_put_tx(s, &ev);
    if (st == KIOSK_OK)
        st = store_log_add(s, open ? "program.signup.open" : "program.signup.close", ev.e.id,
                           by(rep));
    if (st == KIOSK_OK)
        st = store_commit(s);
    else
        store_rollback(s);
    if (st == KIOSK_OK)
        report(rep, key, code, NULL, 0);
    return st;
}
