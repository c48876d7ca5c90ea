/* The server's schema, as numbered migrations the tool applies itself (like the store's):
 * the kiosk tables with ids as TEXT PRIMARY KEY, bytea for blobs, and srv_seq, the server's
 * own order, which pulls follow. Never edit a released migration: add the next one. */
#include "sync_pg.h"

#include <stdlib.h>
#include <string.h>

/* No foreign keys on the server: it collects what kiosks hold, and a kiosk checks parents
 * when it takes rows in. The natural UNIQUE constraints mirror the kiosk's, so the server
 * resolves the same conflicts the same way (first one in, or earliest registration). */
static const char *const pg_migration_1 =
    "CREATE TABLE IF NOT EXISTS events(\n"
    "  srv_seq bigserial NOT NULL,\n"
    "  id text PRIMARY KEY, kiosk_id text NOT NULL, created_at bigint NOT NULL,\n"
    "  updated_at bigint NOT NULL, updated_by text NOT NULL, code text NOT NULL UNIQUE,\n"
    "  kind bigint NOT NULL, title text NOT NULL, place text NOT NULL, commune text NOT NULL,\n"
    "  district text NOT NULL, province text NOT NULL, capacity bigint NOT NULL,\n"
    "  signup_open bigint NOT NULL, signature_required bigint NOT NULL,\n"
    "  late_after_min bigint NOT NULL, interests text NOT NULL, extra text NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS sessions(\n"
    "  srv_seq bigserial NOT NULL,\n"
    "  id text PRIMARY KEY, kiosk_id text NOT NULL, created_at bigint NOT NULL,\n"
    "  event_id text NOT NULL, number bigint NOT NULL, starts_at bigint NOT NULL,\n"
    "  ends_at bigint NOT NULL, UNIQUE(event_id, number));\n"
    "CREATE TABLE IF NOT EXISTS people(\n"
    "  srv_seq bigserial NOT NULL,\n"
    "  id text PRIMARY KEY, kiosk_id text NOT NULL, created_at bigint NOT NULL,\n"
    "  updated_at bigint NOT NULL, updated_by text NOT NULL, full_name text NOT NULL,\n"
    "  given_name text NOT NULL, name_key text NOT NULL, birth_year bigint NOT NULL,\n"
    "  phone text NOT NULL, commune text NOT NULL, district text NOT NULL,\n"
    "  province text NOT NULL, organisation text NOT NULL, org_kind bigint NOT NULL,\n"
    "  extra text NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS registrations(\n"
    "  srv_seq bigserial NOT NULL,\n"
    "  id text PRIMARY KEY, kiosk_id text NOT NULL, created_at bigint NOT NULL,\n"
    "  event_id text NOT NULL, person_id text NOT NULL, status bigint NOT NULL,\n"
    "  source text NOT NULL, extra text NOT NULL, UNIQUE(event_id, person_id));\n"
    "CREATE TABLE IF NOT EXISTS consents(\n"
    "  srv_seq bigserial NOT NULL,\n"
    "  id text PRIMARY KEY, kiosk_id text NOT NULL, created_at bigint NOT NULL,\n"
    "  person_id text NOT NULL, purpose bigint NOT NULL, granted bigint NOT NULL,\n"
    "  text_version text NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS checkins(\n"
    "  srv_seq bigserial NOT NULL,\n"
    "  id text PRIMARY KEY, kiosk_id text NOT NULL, created_at bigint NOT NULL,\n"
    "  session_id text NOT NULL, person_id text NOT NULL, kind bigint NOT NULL,\n"
    "  late bigint NOT NULL, walkin bigint NOT NULL, signature bytea, signature_png bytea,\n"
    "  extra text NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS receipts(\n"
    "  srv_seq bigserial NOT NULL,\n"
    "  id text PRIMARY KEY, kiosk_id text NOT NULL, created_at bigint NOT NULL,\n"
    "  kind bigint NOT NULL, event_id text NOT NULL, session_id text,\n"
    "  person_id text NOT NULL, short_code text NOT NULL UNIQUE, text text NOT NULL UNIQUE,\n"
    "  key_id text NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS log(\n"
    "  srv_seq bigserial NOT NULL,\n"
    "  id text PRIMARY KEY, kiosk_id text NOT NULL, created_at bigint NOT NULL,\n"
    "  kind text NOT NULL, subject text NOT NULL, detail text NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS keys(\n"
    "  srv_seq bigserial NOT NULL,\n"
    "  key_id text PRIMARY KEY, public_key text NOT NULL, kiosk_id text NOT NULL,\n"
    "  created_at bigint NOT NULL);\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS events_srv_seq ON events(srv_seq);\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS sessions_srv_seq ON sessions(srv_seq);\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS people_srv_seq ON people(srv_seq);\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS registrations_srv_seq ON registrations(srv_seq);\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS consents_srv_seq ON consents(srv_seq);\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS checkins_srv_seq ON checkins(srv_seq);\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS receipts_srv_seq ON receipts(srv_seq);\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS log_srv_seq ON log(srv_seq);\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS keys_srv_seq ON keys(srv_seq);\n";

/* The program corrected (the store's migration_program): cancelled events and sessions,
 * sessions versioned. */
static const char *const pg_migration_program =
    "ALTER TABLE events ADD COLUMN IF NOT EXISTS cancelled bigint NOT NULL DEFAULT 0;\n"
    "ALTER TABLE sessions ADD COLUMN IF NOT EXISTS updated_at bigint NOT NULL DEFAULT 0;\n"
    "ALTER TABLE sessions ADD COLUMN IF NOT EXISTS updated_by text NOT NULL DEFAULT '';\n"
    "ALTER TABLE sessions ADD COLUMN IF NOT EXISTS cancelled bigint NOT NULL DEFAULT 0;\n"
    "UPDATE sessions SET updated_at = created_at, updated_by = kiosk_id WHERE updated_at = 0;\n";

/* One person, one row (docs/IDENTITY.md): merges and unmerges of people, as facts. */
static const char *const pg_migration_2 =
    "CREATE TABLE IF NOT EXISTS person_merges(\n"
    "  srv_seq bigserial NOT NULL,\n"
    "  id text PRIMARY KEY, kiosk_id text NOT NULL, created_at bigint NOT NULL,\n"
    "  survivor_id text NOT NULL, merged_id text NOT NULL, undo bigint NOT NULL,\n"
    "  reason text NOT NULL, by_whom text NOT NULL);\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS person_merges_srv_seq ON person_merges(srv_seq);\n";

/* Trust (docs/TRUST.md): certificates, revocations, seals. */
static const char *const pg_migration_3 =
    "CREATE TABLE IF NOT EXISTS enrolments(\n"
    "  srv_seq bigserial NOT NULL,\n"
    "  id text PRIMARY KEY, kiosk_id text NOT NULL, created_at bigint NOT NULL,\n"
    "  key_id text NOT NULL, public_key text NOT NULL, program_key text NOT NULL,\n"
    "  cert text NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS revocations(\n"
    "  srv_seq bigserial NOT NULL,\n"
    "  id text PRIMARY KEY, kiosk_id text NOT NULL, created_at bigint NOT NULL,\n"
    "  key_id text NOT NULL, program_key text NOT NULL, sig text NOT NULL);\n"
    "CREATE TABLE IF NOT EXISTS seals(\n"
    "  srv_seq bigserial NOT NULL,\n"
    "  id text PRIMARY KEY, kiosk_id text NOT NULL, created_at bigint NOT NULL,\n"
    "  key_id text NOT NULL, hashes bytea, sig text NOT NULL);\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS enrolments_srv_seq ON enrolments(srv_seq);\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS revocations_srv_seq ON revocations(srv_seq);\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS seals_srv_seq ON seals(srv_seq);\n";

/* Corrections of attendance: the coordinator's marks and cancelled check-outs, as facts. */
static const char *const pg_migration_marks =
    "CREATE TABLE IF NOT EXISTS attendance_marks(\n"
    "  srv_seq bigserial NOT NULL,\n"
    "  id text PRIMARY KEY, kiosk_id text NOT NULL, created_at bigint NOT NULL,\n"
    "  session_id text NOT NULL, person_id text NOT NULL, mark bigint NOT NULL,\n"
    "  checkin_id text NOT NULL, reason text NOT NULL, by_whom text NOT NULL);\n"
    "CREATE UNIQUE INDEX IF NOT EXISTS attendance_marks_srv_seq ON attendance_marks(srv_seq);\n";

static const char *const pg_migrations[] = {
    pg_migration_1, pg_migration_2, pg_migration_3, pg_migration_program, pg_migration_marks,
};

/* Serialises syncs: with one writer at a time, srv_seq order is commit order, so a pull
 * that follows srv_seq never skips a row committed late. Also guards the migration. */
#define PG_SYNC_LOCK "SELECT pg_advisory_xact_lock(7402316001)"

int sync_pg_schema_latest(void)
{
    return (int)KIOSK_ARRAY_LEN(pg_migrations);
}

/* Inside the sync's transaction: takes the lock, creates or migrates the schema, and reads
 * the server's id (a random id made with the schema: marks belong to one server). */
kiosk_status sync_pg_schema_prepare(struct pg_sync *p, const char **why_key)
{
    kiosk_status st = pg_command(p, PG_SYNC_LOCK, 0, NULL);
    if (st == KIOSK_OK)
        st = pg_command(p,
                        "CREATE TABLE IF NOT EXISTS schema_version(version integer NOT NULL, "
                        "server_id text NOT NULL, migrated_at timestamptz NOT NULL DEFAULT now())",
                        0, NULL);
    if (st != KIOSK_OK)
        return st;
    PGresult *r = pg_query(p, "SELECT version, server_id FROM schema_version LIMIT 1", 0, NULL);
    if (!r)
        return KIOSK_E_IO;
    int have_row = PQntuples(r) > 0;
    int version = have_row ? atoi(PQgetvalue(r, 0, 0)) : 0;
    if (have_row)
        kiosk_strlcpy(p->server_id, PQgetvalue(r, 0, 1), sizeof p->server_id);
    PQclear(r);
    int latest = sync_pg_schema_latest();
    if (version > latest) {
        kiosk_fmt(p->err, p->errlen,
                  "the server was set up by a newer kiosk (schema %d, this one knows %d): "
                  "update this kiosk",
                  version, latest);
        if (why_key)
            *why_key = "sync.err.newer";
        return KIOSK_E_NEWER;
    }
    for (int v = version; v < latest && st == KIOSK_OK; v++)
        st = pg_command(p, pg_migrations[v], 0, NULL);
    if (st != KIOSK_OK)
        return st;
    char vbuf[16];
    kiosk_fmt(vbuf, sizeof vbuf, "%d", latest);
    if (!have_row) {
        r = pg_query(p,
                     "INSERT INTO schema_version(version, server_id) VALUES($1::integer, "
                     "md5(random()::text || clock_timestamp()::text)) RETURNING server_id",
                     1, (const char *const[]){vbuf});
        if (!r)
            return KIOSK_E_IO;
        kiosk_strlcpy(p->server_id, PQgetvalue(r, 0, 0), sizeof p->server_id);
        PQclear(r);
    } else if (version < latest) {
        st = pg_command(p, "UPDATE schema_version SET version = $1::integer, migrated_at = now()",
                        1, (const char *const[]){vbuf});
    }
    return st;
}
