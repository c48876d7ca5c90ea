/* Internal to kiosk/core/store: the schema's migrations, the statement cache, the search
 * index slot and helpers shared by the domain files. Never included outside the store. */
#ifndef KIOSK_STORE_INTERNAL_H
#define KIOSK_STORE_INTERNAL_H

#include "people/presence.h"
#include "rows.h"
#include "store.h"
#include "text/search.h"

#include <sqlite3.h>
#include <stdarg.h>

/* A person's presence in a session with the rows behind it: first_in her first arrival,
 * last_out the check-out she left with (zeroed unless p.state is PRESENCE_LEFT), out_ids the
 * check-outs that hold since her last arrival (more than one when two kiosks took one). */
#define STORE_PRESENCE_OUTS 8
struct store_presence {
    struct presence p;
    struct kiosk_checkin first_in, last_out;
    char out_ids[STORE_PRESENCE_OUTS][KIOSK_ID_LEN];
    size_t out_count;
};
kiosk_status store_presence_read(store *s, const char *session_id, const char *person_id,
                                 struct store_presence *out);
void store_presence_give(const struct store_presence *sp, int64_t now_ms, int64_t undo_window_ms,
                         struct kiosk_presence *out);

/* The store's connection: for the store's own files (and tests' fixtures) only. */
sqlite3 *store_db(store *s);

/* The one prepare-bind-step skeleton (rows.c). Arguments are bound in order by the letters of
 * types: 't' text (const char *, NULL binds NULL), 's' text (NULL binds ''), 'i' int, 'I' int64_t.
 * what names the query in the log when it fails. */
struct store_rows {
    store *s;
    sqlite3_stmt *st;
    const char *what;
    kiosk_status err;
    int heap;
};
void store_bindv(sqlite3_stmt *st, const char *types, va_list ap);
kiosk_status store_rows_openv(store *s, const char *sql, const char *what, store_rows *r,
                              const char *types, va_list ap);
/* A cursor over sql's rows (store_rows_close frees it). */
kiosk_status store_rows_open(store *s, const char *sql, const char *what, store_rows **out,
                             const char *types, ...);
/* fn for every row (NULL: just run it). */
kiosk_status store_query(store *s, const char *sql, const char *what, store_row_fn fn, void *ctx,
                         const char *types, ...);
/* fn for the first row; KIOSK_E_NOT_FOUND when there is none. */
kiosk_status store_query_one(store *s, const char *sql, const char *what, store_row_fn fn,
                             void *ctx, const char *types, ...);
/* The first column of the first row as an integer (0 when no row). */
kiosk_status store_query_i64(store *s, const char *sql, const char *what, int64_t *out,
                             const char *types, ...);
/* Steps st (prepared, bound) into a new array of elem-sized items, each filled by read, and
 * resets st. Returns the array (free() it; NULL when there is no row or on an error, which
 * *status says). */
void *store_collect(store *s, sqlite3_stmt *st, const char *what, size_t elem,
                    void (*read)(sqlite3_stmt *st, void *item), size_t *count,
                    kiosk_status *status);
/* Steps st (prepared, bound) once: KIOSK_OK with item filled by read, KIOSK_E_NOT_FOUND, or
 * a storage error; resets st. */
kiosk_status store_collect_one(store *s, sqlite3_stmt *st, const char *what,
                               void (*read)(sqlite3_stmt *st, void *item), void *item);
/* Runs SQL for sync (sync_io.c); err gets SQLite's message. */
kiosk_status store_sync_exec(store *s, const char *sql, char *err, size_t errlen);
/* Runs a statement that returns no rows; store_run_rc gives SQLite's code (SQLITE_DONE). */
/* The cached statement for sql (store_stmt) bound by types, stepped once and reset: the step's
 * result code (SQLITE_ROW when a row came; a prepare error as it is). */
int store_step(store *s, const char *sql, const char *types, ...);
/* The first column of sql's first row through the cached statement (no arguments); -1 when
 * the query fails or gives no row. */
int64_t store_cached_i64(store *s, const char *sql);
int store_run_rc(store *s, const char *sql, const char *types, ...);
kiosk_status store_run(store *s, const char *sql, const char *what, const char *types, ...);

const char *store_schema_migration(int to_version);

/* A statement cached on the handle for sql, which must be a string literal (its address is
 * the key). It comes back reset and unbound; call sqlite3_reset when done with it so it
 * holds no read lock. Returns an SQLite code. */
int store_stmt(store *s, const char *sql, sqlite3_stmt **out);

/* The people search index of this handle (NULL until the first search builds it). */
struct vn_search *store_search_index(store *s);
void store_search_set(store *s, struct vn_search *index); /* frees the previous one */

/* Column text copied into out ("" for NULL). */
void store_col_text(sqlite3_stmt *st, int col, char *out, size_t cap);
/* Binds text, or '' for NULL. */
void store_bind_text(sqlite3_stmt *st, int idx, const char *text);

/* Work done inside an open transaction (the public functions wrap them in one). */
kiosk_status store_event_add_tx(store *s, struct kiosk_event *e, const char *commune,
                                const char *district);
kiosk_status store_session_add_tx(store *s, struct kiosk_session *sess);
/* An event's place as people read it: e->place when set, else "commune, district", else
 * the province. */
void store_place_compose(const struct kiosk_event *e, const char *commune, const char *district,
                         char *out, size_t cap);
kiosk_status store_person_prepare(struct kiosk_person *p, char name_key[KIOSK_NAME_LEN],
                                  const char **why_key);
/* Inserts p with the id it already has (a new id: kiosk_id_new first). */
kiosk_status store_person_insert_tx(store *s, struct kiosk_person *p, const char *name_key);
kiosk_status store_person_write_tx(store *s, struct kiosk_person *p, const char *name_key);
/* Fills e from the 14 columns of events.c's EVENT_COLUMNS (id ... registered). */
void store_event_from_row(sqlite3_stmt *st, struct kiosk_event *e);
/* Fills out from 10 columns starting at col (id, full_name, given_name, birth_year, phone,
 * commune, district, province, organisation, org_kind). */
void store_person_from_row(sqlite3_stmt *st, int col, struct kiosk_person *out);
kiosk_status store_person_read(store *s, const char *id, struct kiosk_person *out);
kiosk_status store_register_tx(store *s, const char *event_id, struct kiosk_person *p,
                               const char *source, struct kiosk_registration *out,
                               const char **why_key, int *person_changed);
/* Per-class name indexes (class_search.c): a search limited to one event answers from an
 * index of the people registered for it, rebuilt when any people or registrations row
 * changed on this connection (update hook: roster_gen) or another connection committed
 * (PRAGMA data_version). */
struct class_search;
uint64_t store_roster_gen(const store *s);
struct class_search **store_class_search_slot(store *s);
void store_class_search_free(store *s);
/* The index of the people registered for event_id (any status but cancelled), or NULL
 * with *st set. Borrowed: valid until the next store call. */
struct vn_search *store_class_index(store *s, const char *event_id, kiosk_status *st);
/* Merges (people_merge.c): one fact, checked by person_merge_row_valid, with a log row;
 * the alias index rebuilt from every fact. */
kiosk_status store_person_merge_fact_tx(store *s, const char *survivor_id, const char *merged_id,
                                        int undo, const char *reason, const char *by_whom);
kiosk_status store_people_aliases_rebuild_tx(store *s);
/* A fair day's running tally (fair_tally.c): kept by the handle, counted visit by visit. */
#define FAIR_MAX_INTERESTS 16
struct fair_folded {
    char items[FAIR_MAX_INTERESTS][KIOSK_TEXT_LEN];
    int count;
};
struct fair_tally;
struct fair_tally **store_fair_tally_slot(store *s);
void store_fair_tally_free(struct fair_tally *t);
void store_fair_fold_interests(const char *interests, struct fair_folded *out);
/* Adds one visitor's interests (the registration's, else the person's) to by_interest. */
void store_fair_count_interests(store *s, const char *event_id, const struct fair_folded *f,
                                const char *person_id, int by_interest[FAIR_MAX_INTERESTS]);
/* The same for every visitor of the event's sessions in [d0, d1) in check-in rows up to upto,
 * in one query (a fresh tally: one query a visitor made 10,000 visitors a 120 ms frame). */
void store_fair_count_all_interests(store *s, const char *event_id, const struct fair_folded *f,
                                    int64_t d0, int64_t d1, int64_t upto,
                                    int by_interest[FAIR_MAX_INTERESTS]);
/* Adds (or updates) one person in the search index when it is built. */
void store_search_note_person(store *s, const char *id, const char *full_name);

/* Local day [start, end) holding at_ms. */
void store_local_day(int64_t at_ms, int64_t *start_ms, int64_t *end_ms);

#endif
