/* The store's schema, as numbered migrations. Migration N brings a file from
 * user_version N-1 to N inside one transaction. Never edit a released migration:
 * add the next one. */
#include "store_internal.h"

/* Rules every table follows: a random 128-bit id (hex), the kiosk that made the row
 * (kiosk_id) and times in UTC ms. Facts (checkins, receipts, consents, log) are
 * append-only: triggers refuse UPDATE and DELETE. People are versioned: a row holds
 * the latest version; (updated_at, updated_by) orders versions (last writer wins). */
static const char *const migration_1 =
    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
    "CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT "
    "NULL);\n"
    "CREATE TABLE keys(\n"
    "  key_id TEXT PRIMARY KEY,            -- 8 base32 chars from the public key's hash\n"
    "  public_key TEXT NOT NULL,           -- 64 hex\n"
    "  kiosk_id TEXT NOT NULL,\n"
    "  created_at INTEGER NOT NULL,\n"
    "  own INTEGER NOT NULL DEFAULT 0       -- 1: this kiosk's own key\n"
    ");\n"
    "CREATE TABLE events(\n"
    "  id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, created_at INTEGER NOT NULL,\n"
    "  updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL,\n"
    "  code TEXT NOT NULL UNIQUE,\n"
    "  kind INTEGER NOT NULL CHECK(kind IN (1,2)),   -- 1 class, 2 fair\n"
    "  title TEXT NOT NULL, place TEXT NOT NULL DEFAULT '', commune TEXT NOT NULL DEFAULT '',\n"
    "  district TEXT NOT NULL DEFAULT '', province TEXT NOT NULL DEFAULT '',\n"
    "  capacity INTEGER NOT NULL DEFAULT 0, signup_open INTEGER NOT NULL DEFAULT 1,\n"
    "  signature_required INTEGER NOT NULL DEFAULT 0, late_after_min INTEGER NOT NULL DEFAULT 15,\n"
    "  interests TEXT NOT NULL DEFAULT '',           -- fairs: one interest a line\n"
    "  extra TEXT NOT NULL DEFAULT '{}'\n"
    ");\n"
    "CREATE TABLE sessions(\n"
    "  id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, created_at INTEGER NOT NULL,\n"
    "  event_id TEXT NOT NULL REFERENCES events(id),\n"
    "  number INTEGER NOT NULL, starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL,\n"
    "  UNIQUE(event_id, number)\n"
    ");\n"
    "CREATE INDEX sessions_time ON sessions(starts_at);\n"
    "CREATE TABLE people(\n"
    "  id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, created_at INTEGER NOT NULL,\n"
    "  updated_at INTEGER NOT NULL, updated_by TEXT NOT NULL,\n"
    "  full_name TEXT NOT NULL,\n"
    "  given_name TEXT NOT NULL DEFAULT '',   -- known given name, else ''\n"
    "  name_key TEXT NOT NULL,                -- folded: 'nguyen thi hoa'\n"
    "  birth_year INTEGER NOT NULL DEFAULT 0,\n"
    "  phone TEXT NOT NULL DEFAULT '',        -- E.164\n"
    "  commune TEXT NOT NULL DEFAULT '', district TEXT NOT NULL DEFAULT '',\n"
    "  province TEXT NOT NULL DEFAULT '',\n"
    "  organisation TEXT NOT NULL DEFAULT '', org_kind INTEGER NOT NULL DEFAULT 0,\n"
    "  extra TEXT NOT NULL DEFAULT '{}'\n"
    ");\n"
    "CREATE INDEX people_phone ON people(phone) WHERE phone <> '';\n"
    "CREATE INDEX people_key ON people(name_key, birth_year);\n"
    "CREATE TABLE registrations(\n"
    "  id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, created_at INTEGER NOT NULL,\n"
    "  event_id TEXT NOT NULL REFERENCES events(id),\n"
    "  person_id TEXT NOT NULL REFERENCES people(id),\n"
    "  status INTEGER NOT NULL,                -- enum kiosk_reg_status\n"
    "  source TEXT NOT NULL DEFAULT 'kiosk',   -- kiosk, import, walkin\n"
    "  extra TEXT NOT NULL DEFAULT '{}',\n"
    "  UNIQUE(event_id, person_id)\n"
    ");\n"
    "CREATE TABLE consents(\n"
    "  id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, created_at INTEGER NOT NULL,\n"
    "  person_id TEXT NOT NULL REFERENCES people(id),\n"
    "  purpose INTEGER NOT NULL,               -- enum kiosk_consent_purpose\n"
    "  granted INTEGER NOT NULL,\n"
    "  text_version TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX consents_person ON consents(person_id, purpose, created_at);\n"
    "CREATE TABLE checkins(\n"
    "  id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, created_at INTEGER NOT NULL,\n"
    "  session_id TEXT NOT NULL REFERENCES sessions(id),\n"
    "  person_id TEXT NOT NULL REFERENCES people(id),\n"
    "  kind INTEGER NOT NULL DEFAULT 1,        -- 1 in, 2 out\n"
    "  late INTEGER NOT NULL DEFAULT 0, walkin INTEGER NOT NULL DEFAULT 0,\n"
    "  signature BLOB,                         -- strokes: int16 x,y pairs, x=-1 ends a stroke\n"
    "  signature_png BLOB,\n"
    "  extra TEXT NOT NULL DEFAULT '{}'\n"
    ");\n"
    "CREATE INDEX checkins_session ON checkins(session_id, person_id, kind);\n"
    "CREATE TABLE receipts(\n"
    "  id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, created_at INTEGER NOT NULL,\n"
    "  kind INTEGER NOT NULL,                  -- enum kiosk_receipt_kind\n"
    "  event_id TEXT NOT NULL REFERENCES events(id),\n"
    "  session_id TEXT REFERENCES sessions(id),\n"
    "  person_id TEXT NOT NULL REFERENCES people(id),\n"
    "  short_code TEXT NOT NULL UNIQUE,\n"
    "  text TEXT NOT NULL UNIQUE,\n"
    "  key_id TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX receipts_person ON receipts(person_id, event_id, kind);\n"
    "CREATE TABLE log(\n"
    "  seq INTEGER PRIMARY KEY AUTOINCREMENT,\n"
    "  id TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL, created_at INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL,                     -- 'checkin', 'register', 'admin.pin', ...\n"
    "  subject TEXT NOT NULL DEFAULT '',       -- id of the row it is about\n"
    "  detail TEXT NOT NULL DEFAULT ''         -- never a name or a phone number\n"
    ");\n"
    "CREATE TRIGGER checkins_no_update BEFORE UPDATE ON checkins BEGIN SELECT RAISE(ABORT, "
    "'check-ins are append-only'); END;\n"
    "CREATE TRIGGER checkins_no_delete BEFORE DELETE ON checkins BEGIN SELECT RAISE(ABORT, "
    "'check-ins are append-only'); END;\n"
    "CREATE TRIGGER receipts_no_update BEFORE UPDATE ON receipts BEGIN SELECT RAISE(ABORT, "
    "'receipts are append-only'); END;\n"
    "CREATE TRIGGER receipts_no_delete BEFORE DELETE ON receipts BEGIN SELECT RAISE(ABORT, "
    "'receipts are append-only'); END;\n"
    "CREATE TRIGGER consents_no_update BEFORE UPDATE ON consents BEGIN SELECT RAISE(ABORT, "
    "'consents are append-only'); END;\n"
    "CREATE TRIGGER log_no_update BEFORE UPDATE ON log BEGIN SELECT RAISE(ABORT, 'the log is "
    "append-only'); END;\n"
    "CREATE TRIGGER log_no_delete BEFORE DELETE ON log BEGIN SELECT RAISE(ABORT, 'the log is "
    "append-only'); END;\n";

/* The program corrected (issue 13): an event or a session is cancelled, never deleted (its
 * check-ins and receipts keep pointing at it), and a session is a version like an event
 * (moved or cancelled on any kiosk; last writer wins by (updated_at, updated_by)). */
static const char *const migration_program =
    "ALTER TABLE events ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE sessions ADD COLUMN updated_at INTEGER NOT NULL DEFAULT 0;\n"
    "ALTER TABLE sessions ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';\n"
    "ALTER TABLE sessions ADD COLUMN cancelled INTEGER NOT NULL DEFAULT 0;\n"
    "UPDATE sessions SET updated_at = created_at, updated_by = kiosk_id;\n";

/* One person, one row (docs/IDENTITY.md): a merge is a fact (append-only, synced); the
 * later of the merge and unmerge facts of a pair holds. person_alias is this file's own
 * derived index (never synced, rebuilt from person_merges): each merged id and the id that
 * survives for it. The people key becomes the folded name alone (a candidate index; the
 * identity rule decides). */
static const char *const migration_2 =
    "CREATE TABLE person_merges(\n"
    "  id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, created_at INTEGER NOT NULL,\n"
    "  survivor_id TEXT NOT NULL REFERENCES people(id),\n"
    "  merged_id TEXT NOT NULL REFERENCES people(id),\n"
    "  undo INTEGER NOT NULL DEFAULT 0 CHECK(undo IN (0,1)), -- 1: the pair is unmerged\n"
    "  reason TEXT NOT NULL DEFAULT '',      -- identity.* key, or 'coordinator'\n"
    "  by_whom TEXT NOT NULL DEFAULT ''      -- 'rule' (the kiosk) or 'coordinator'\n"
    ");\n"
    "CREATE INDEX person_merges_merged ON person_merges(merged_id);\n"
    "CREATE INDEX person_merges_survivor ON person_merges(survivor_id);\n"
    "CREATE TRIGGER person_merges_no_update BEFORE UPDATE ON person_merges BEGIN SELECT "
    "RAISE(ABORT, 'merges are append-only'); END;\n"
    "CREATE TRIGGER person_merges_no_delete BEFORE DELETE ON person_merges BEGIN SELECT "
    "RAISE(ABORT, 'merges are append-only'); END;\n"
    "CREATE TABLE person_alias(id TEXT PRIMARY KEY, survivor_id TEXT NOT NULL) WITHOUT ROWID;\n"
    "CREATE INDEX person_alias_survivor ON person_alias(survivor_id);\n"
    "DROP INDEX people_key;\n"
    "CREATE INDEX people_name_key ON people(name_key);\n";

/* Trust (docs/TRUST.md): enrolments (a program's certificate for a kiosk key), revocations
 * (the program withdrawing one), seals (a kiosk's signed list of the hashes of rows it
 * wrote) are facts and sync; quarantine holds what sync refused, on this kiosk only. */
static const char *const migration_3 =
    "CREATE TABLE enrolments(\n"
    "  id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, created_at INTEGER NOT NULL,\n"
    "  key_id TEXT NOT NULL, public_key TEXT NOT NULL,  -- the kiosk key certified\n"
    "  program_key TEXT NOT NULL,                      -- 64 hex: the program's public key\n"
    "  cert TEXT NOT NULL                              -- 128 hex: the program's signature\n"
    ");\n"
    "CREATE INDEX enrolments_key ON enrolments(key_id);\n"
    "CREATE TABLE revocations(\n"
    "  id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, created_at INTEGER NOT NULL,\n"
    "  key_id TEXT NOT NULL, program_key TEXT NOT NULL, sig TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX revocations_key ON revocations(key_id);\n"
    "CREATE TABLE seals(\n"
    "  id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, created_at INTEGER NOT NULL,\n"
    "  key_id TEXT NOT NULL,\n"
    "  hashes BLOB NOT NULL,                 -- 32-byte row hashes, one after another\n"
    "  sig TEXT NOT NULL                     -- 128 hex: the kiosk key's signature\n"
    ");\n"
    "CREATE TABLE quarantine(\n"
    "  seq INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_id TEXT NOT NULL,\n"
    "  kiosk_id TEXT NOT NULL, reason TEXT NOT NULL, source TEXT NOT NULL,\n"
    "  at INTEGER NOT NULL, UNIQUE(tbl, row_id, reason)\n"
    ");\n"
    "CREATE TRIGGER enrolments_no_update BEFORE UPDATE ON enrolments BEGIN SELECT RAISE(ABORT, "
    "'enrolments are append-only'); END;\n"
    "CREATE TRIGGER enrolments_no_delete BEFORE DELETE ON enrolments BEGIN SELECT RAISE(ABORT, "
    "'enrolments are append-only'); END;\n"
    "CREATE TRIGGER revocations_no_update BEFORE UPDATE ON revocations BEGIN SELECT "
    "RAISE(ABORT, 'revocations are append-only'); END;\n"
    "CREATE TRIGGER revocations_no_delete BEFORE DELETE ON revocations BEGIN SELECT "
    "RAISE(ABORT, 'revocations are append-only'); END;\n"
    "CREATE TRIGGER seals_no_update BEFORE UPDATE ON seals BEGIN SELECT RAISE(ABORT, "
    "'seals are append-only'); END;\n"
    "CREATE TRIGGER seals_no_delete BEFORE DELETE ON seals BEGIN SELECT RAISE(ABORT, "
    "'seals are append-only'); END;\n";

/* The fair's staff view asks for the latest registrations of its event every 30 s: an
 * index in that order instead of sorting all of the day's visitors each time. */
static const char *const migration_fair_latest =
    "CREATE INDEX registrations_event_time ON registrations(event_id, created_at);\n";

/* Corrections of attendance (docs/IDENTITY.md): the coordinator's marks for a person and a
 * session (1 present, 2 absent, 3 excused) and cancelled check-outs (4, checkin_id names
 * the check-out), facts that sync; the latest for a person and session holds. */
static const char *const migration_marks =
    "CREATE TABLE attendance_marks(\n"
    "  id TEXT PRIMARY KEY, kiosk_id TEXT NOT NULL, created_at INTEGER NOT NULL,\n"
    "  session_id TEXT NOT NULL REFERENCES sessions(id),\n"
    "  person_id TEXT NOT NULL REFERENCES people(id),\n"
    "  mark INTEGER NOT NULL CHECK(mark IN (1,2,3,4)),\n"
    "  checkin_id TEXT NOT NULL DEFAULT '',   -- mark 4: the check-out cancelled\n"
    "  reason TEXT NOT NULL DEFAULT '',\n"
    "  by_whom TEXT NOT NULL DEFAULT 'coordinator'\n"
    ");\n"
    "CREATE INDEX attendance_marks_session ON attendance_marks(session_id, person_id);\n"
    "CREATE INDEX attendance_marks_checkin ON attendance_marks(checkin_id) WHERE checkin_id <> "
    "'';\n"
    "CREATE TRIGGER attendance_marks_no_update BEFORE UPDATE ON attendance_marks BEGIN SELECT "
    "RAISE(ABORT, 'corrections are append-only'); END;\n"
    "CREATE TRIGGER attendance_marks_no_delete BEFORE DELETE ON attendance_marks BEGIN SELECT "
    "RAISE(ABORT, 'corrections are append-only'); END;\n";

static const char *const migrations[] = {
    migration_1,       migration_2,           migration_3,
    migration_program, migration_fair_latest, migration_marks,
};

int store_schema_latest(void)
{
    return (int)KIOSK_ARRAY_LEN(migrations);
}

const char *store_schema_migration(int to_version)
{
    if (to_version < 1 || to_version > store_schema_latest())
        return NULL;
    return migrations[to_version - 1];
}
