/* Sync: sends what the other side lacks and takes what this side lacks, by id, with another
 * kiosk file (USB stick, laptop) or a PostgreSQL server. It never deletes a fact and never sends a
 * secret key. */
#ifndef KIOSK_SYNC_H
#define KIOSK_SYNC_H

#include "store/store.h"

/* The rules (both sinks, and the server, apply the same ones, so every side converges):
 * - Facts (sessions, registrations, consents, merges, check-ins, receipts, log, keys) are inserted
 *   by id when the other side lacks them; never updated, never deleted.
 * - People and events: last writer wins by (updated_at, updated_by); both sides end with the
 *   same version.
 * - Keys: a public key that came by sync is trusted (own = 0): it came from a kiosk of this
 *   program. A secret key never moves (it is a file beside the database, not a row).
 * - The same registration (person, event) made on two kiosks before they met: the earliest
 *   (created_at, then id) is kept everywhere, the other is dropped.
 * - Other natural-key clashes never fail a sync: a receipt short code or text already held,
 *   an event code or a session (event, number) held under another id. The arriving row is
 *   counted "already there" and kept out; rows that need it (sessions, check-ins... of an
 *   event kept out) are "held back" on their side and tried again at every sync.
 * - A server sync pulls before it pushes, inside one server transaction under an advisory
 *   lock (so srv_seq order is commit order); the kiosk's marks (meta "sync.pg.<server>.*")
 *   and its record of what the server holds (table sync_shadow) move only in the local
 *   transaction that takes the pulled rows in. */

/* The tables that move, parents before children (foreign-key order). */
enum sync_table_id {
    SYNC_EVENTS,
    SYNC_SESSIONS,
    SYNC_PEOPLE,
    SYNC_REGISTRATIONS,
    SYNC_CONSENTS,
    SYNC_PERSON_MERGES,
    SYNC_CHECKINS,
    SYNC_ATTENDANCE_MARKS,
    SYNC_RECEIPTS,
    SYNC_LOG,
    SYNC_KEYS,
    SYNC_ENROLMENTS,
    SYNC_REVOCATIONS,
    SYNC_SEALS,
    SYNC_TABLES
};

/* What one sync moved, per table. */
struct sync_counts {
    long sent[SYNC_TABLES];     /* rows (or newer versions) the other side gained */
    long received[SYNC_TABLES]; /* rows (or newer versions) this side gained */
    long already[SYNC_TABLES];  /* rows the target already held under another id (same code,
                                 * same registration, same receipt code): kept as they were */
    long refused[SYNC_TABLES];  /* rows refused (docs/TRUST.md): not from an enrolled kiosk of
                                 * this program, changed after, or not what a kiosk would type;
                                 * set aside in the quarantine table, never blocking others */
    long held[SYNC_TABLES];     /* rows whose event, session or person the target lacks
                                 * (two events with one code): kept back, tried again next time */
};

/* 1 when target names a PostgreSQL server (postgresql:// or postgres:// URI, or a libpq
 * "key=value" conninfo); else it is the path of a kiosk database file. */
int sync_target_is_pg(const char *target);

/* Exchanges both ways with target. A file that does not exist yet is made (a fresh USB
 * stick); a file that is not a kiosk database is refused. Each side's writes are one
 * transaction, so an interrupted sync changes nothing or completes, and a rerun finishes it.
 * On failure: err gets one line for people, *why_key (may be NULL) a string-table key
 * (sync.err.*), and this kiosk's database is as it was. KIOSK_E_UNAVAILABLE: server not
 * reachable; KIOSK_E_DENIED: login refused; KIOSK_E_CORRUPT: not a kiosk file; KIOSK_E_NEWER:
 * the other side was written by a newer kiosk. */
kiosk_status sync_run(store *s, const char *target, struct sync_counts *out, const char **why_key,
                      char *err, size_t errlen);

/* How far a sync has gone, for a bar with a count: steps done of the sync's steps (a step is
 * one table in one direction: 2 x SYNC_TABLES for a file, 3 x SYNC_TABLES for a server:
 * pushed, pulled, finished). The calling thread's syncs report to p from sync_progress_watch
 * on (NULL: to nobody); another thread reads it. */
struct sync_progress {
    _Atomic long done;
    _Atomic long total;
};
void sync_progress_watch(struct sync_progress *p);

/* on: the sync worker is stopping: a running file sync gets a few seconds more, then stops
 * (its transaction rolls back), until sync_cancel(0). Safe from any thread. */
void sync_cancel(int on);

/* Rows (and edits) this kiosk holds that target has not received yet, from this kiosk's own
 * bookkeeping (no network). -1 when unknown (a file target, or a server never synced). */
long sync_waiting(store *s, const char *target);

/* The target as people may see it (admin screen, logs): a file path as it is; a server as
 * "host:port/dbname" from its conninfo, never with its password. */
void sync_target_label(const char *target, char *out, size_t cap);

/* ---- a target set on the admin screen (sync_target.c) ---- */
/* A server as people give it: host ("name", "name:port", an address, or a socket folder
 * "/run/postgresql"), database, user, password (may be empty). */
struct sync_server {
    char host[256];
    char dbname[64];
    char user[64];
    char password[128];
};
/* The conninfo for it, each value quoted; KIOSK_E_INVALID when the host or the database is
 * empty, or a port is not a number 1..65535. */
kiosk_status sync_server_conninfo(const struct sync_server *in, char *out, size_t cap);
/* What a server target names (host[:port], database, user), never its password; all empty
 * when target is not a server. */
void sync_server_parts(const char *target, struct sync_server *out);
/* Whether target can be saved: a server answers and takes the login within timeout_s; a file's
 * folder is there and writable, and a file already there is a kiosk file that is not own_db.
 * Else a status and *why_key (sync.err.*, admin.sync.err.*) with one line in err. */
kiosk_status sync_target_check(const char *target, const char *own_db, int timeout_s,
                               const char **why_key, char *err, size_t errlen);

const char *sync_table_name(int table);
long sync_counts_total(const long per_table[SYNC_TABLES]);
/* One line: "sent: people 3, checkins 12; received: events 1; ..." or "nothing to exchange". */
void sync_counts_summary(const struct sync_counts *c, char *out, size_t cap);

#endif
