/* What moves: the synced tables, their columns and parents, mirroring the store's schema
 * (kiosk/core/store/migrations.c). test_sync_tables checks that every column of the local
 * schema is listed here, so a migration that adds one cannot be forgotten silently. */
#include "sync_internal.h"

#include <stdio.h>
#include <string.h>

/* Every fact starts so: its id, the kiosk that wrote it, when. The column lists below are
 * tables, three columns a line (clang-format would stack some of them). */
// clang-format off
#define SYNC_FACT_COLS {"id", SYNC_TEXT}, {"kiosk_id", SYNC_TEXT}, {"created_at", SYNC_INT}

static const struct sync_col events_cols[] = {
    SYNC_FACT_COLS, {"updated_at", SYNC_INT}, {"updated_by", SYNC_TEXT},
    {"code", SYNC_TEXT}, {"kind", SYNC_INT}, {"title", SYNC_TEXT},
    {"place", SYNC_TEXT}, {"commune", SYNC_TEXT}, {"district", SYNC_TEXT},
    {"province", SYNC_TEXT}, {"capacity", SYNC_INT}, {"signup_open", SYNC_INT},
    {"signature_required", SYNC_INT}, {"late_after_min", SYNC_INT}, {"interests", SYNC_TEXT},
    {"extra", SYNC_TEXT}, {"cancelled", SYNC_INT},
};

static const struct sync_col sessions_cols[] = {
    SYNC_FACT_COLS, {"event_id", SYNC_TEXT}, {"number", SYNC_INT},
    {"starts_at", SYNC_INT}, {"ends_at", SYNC_INT}, {"updated_at", SYNC_INT},
    {"updated_by", SYNC_TEXT}, {"cancelled", SYNC_INT},
};

static const struct sync_col people_cols[] = {
    SYNC_FACT_COLS, {"updated_at", SYNC_INT}, {"updated_by", SYNC_TEXT},
    {"full_name", SYNC_TEXT}, {"given_name", SYNC_TEXT}, {"name_key", SYNC_TEXT},
    {"birth_year", SYNC_INT}, {"phone", SYNC_TEXT}, {"commune", SYNC_TEXT},
    {"district", SYNC_TEXT}, {"province", SYNC_TEXT}, {"organisation", SYNC_TEXT},
    {"org_kind", SYNC_INT}, {"extra", SYNC_TEXT},
};

static const struct sync_col registrations_cols[] = {
    SYNC_FACT_COLS, {"event_id", SYNC_TEXT}, {"person_id", SYNC_TEXT},
    {"status", SYNC_INT}, {"source", SYNC_TEXT}, {"extra", SYNC_TEXT},
};

static const struct sync_col consents_cols[] = {
    SYNC_FACT_COLS, {"person_id", SYNC_TEXT}, {"purpose", SYNC_INT},
    {"granted", SYNC_INT}, {"text_version", SYNC_TEXT},
};

static const struct sync_col person_merges_cols[] = {
    SYNC_FACT_COLS, {"survivor_id", SYNC_TEXT}, {"merged_id", SYNC_TEXT},
    {"undo", SYNC_INT}, {"reason", SYNC_TEXT}, {"by_whom", SYNC_TEXT},
};

static const struct sync_col checkins_cols[] = {
    SYNC_FACT_COLS, {"session_id", SYNC_TEXT}, {"person_id", SYNC_TEXT},
    {"kind", SYNC_INT}, {"late", SYNC_INT}, {"walkin", SYNC_INT},
    {"signature", SYNC_BLOB_NULL}, {"signature_png", SYNC_BLOB_NULL}, {"extra", SYNC_TEXT},
};

static const struct sync_col attendance_marks_cols[] = {
    SYNC_FACT_COLS, {"session_id", SYNC_TEXT}, {"person_id", SYNC_TEXT},
    {"mark", SYNC_INT}, {"checkin_id", SYNC_TEXT}, {"reason", SYNC_TEXT},
    {"by_whom", SYNC_TEXT},
};

static const struct sync_col receipts_cols[] = {
    SYNC_FACT_COLS, {"kind", SYNC_INT}, {"event_id", SYNC_TEXT},
    {"session_id", SYNC_TEXT_NULL}, {"person_id", SYNC_TEXT}, {"short_code", SYNC_TEXT},
    {"text", SYNC_TEXT}, {"key_id", SYNC_TEXT},
};

/* log.seq is this file's own order: not sent. */
static const struct sync_col log_cols[] = {
    SYNC_FACT_COLS, {"kind", SYNC_TEXT}, {"subject", SYNC_TEXT},
    {"detail", SYNC_TEXT},
};

/* keys.own is never sent: a key that came by sync is another kiosk's (own = 0). Secret keys
 * live in a file beside the database, never in a table. */
static const struct sync_col keys_cols[] = {
    {"key_id", SYNC_TEXT}, {"public_key", SYNC_TEXT}, {"kiosk_id", SYNC_TEXT},
    {"created_at", SYNC_INT},
};

/* Trust (docs/TRUST.md): program certificates, their withdrawal, and kiosks' seals. */
static const struct sync_col enrolments_cols[] = {
    SYNC_FACT_COLS, {"key_id", SYNC_TEXT}, {"public_key", SYNC_TEXT},
    {"program_key", SYNC_TEXT}, {"cert", SYNC_TEXT},
};

static const struct sync_col revocations_cols[] = {
    SYNC_FACT_COLS, {"key_id", SYNC_TEXT}, {"program_key", SYNC_TEXT},
    {"sig", SYNC_TEXT},
};

static const struct sync_col seals_cols[] = {
    SYNC_FACT_COLS, {"key_id", SYNC_TEXT}, {"hashes", SYNC_BLOB_NULL},
    {"sig", SYNC_TEXT},
};
// clang-format on

#define COLS(a) .cols = a, .ncols = (int)KIOSK_ARRAY_LEN(a)
#define PARENT(col, table)                                                                         \
    {                                                                                              \
        col, table, 0                                                                              \
    }
#define PARENT_OR_NULL(col, table)                                                                 \
    {                                                                                              \
        col, table, 1                                                                              \
    }

/* clang-format off */
const struct sync_table sync_tables[SYNC_TABLES] = {
    [SYNC_EVENTS] = {.name = "events", .key = "id", .versioned = 1, .track = SYNC_SHADOW,
                     COLS(events_cols)},
    [SYNC_SESSIONS] = {.name = "sessions", .key = "id", .versioned = 1, .track = SYNC_SHADOW,
                       COLS(sessions_cols),
                       .parents = {PARENT("event_id", SYNC_EVENTS)}, .nparents = 1},
    [SYNC_PEOPLE] = {.name = "people", .key = "id", .versioned = 1, .track = SYNC_SHADOW,
                     COLS(people_cols)},
    [SYNC_REGISTRATIONS] = {.name = "registrations", .key = "id", .track = SYNC_SHADOW,
                            COLS(registrations_cols),
                            .parents = {PARENT("event_id", SYNC_EVENTS),
                                        PARENT("person_id", SYNC_PEOPLE)}, .nparents = 2},
    [SYNC_CONSENTS] = {.name = "consents", .key = "id", .track = SYNC_MARK, COLS(consents_cols),
                       .parents = {PARENT("person_id", SYNC_PEOPLE)}, .nparents = 1},
    [SYNC_PERSON_MERGES] = {.name = "person_merges", .key = "id", .track = SYNC_MARK,
                            COLS(person_merges_cols),
                            .parents = {PARENT("survivor_id", SYNC_PEOPLE),
                                        PARENT("merged_id", SYNC_PEOPLE)}, .nparents = 2},
    [SYNC_CHECKINS] = {.name = "checkins", .key = "id", .track = SYNC_MARK, COLS(checkins_cols),
                       .parents = {PARENT("session_id", SYNC_SESSIONS),
                                   PARENT("person_id", SYNC_PEOPLE)}, .nparents = 2},
    [SYNC_ATTENDANCE_MARKS] = {.name = "attendance_marks", .key = "id", .track = SYNC_MARK,
                               COLS(attendance_marks_cols),
                               .parents = {PARENT("session_id", SYNC_SESSIONS),
                                           PARENT("person_id", SYNC_PEOPLE)}, .nparents = 2},
    [SYNC_RECEIPTS] = {.name = "receipts", .key = "id", .track = SYNC_MARK, COLS(receipts_cols),
                       .parents = {PARENT("event_id", SYNC_EVENTS),
                                   PARENT_OR_NULL("session_id", SYNC_SESSIONS),
                                   PARENT("person_id", SYNC_PEOPLE)}, .nparents = 3},
    [SYNC_LOG] = {.name = "log", .key = "id", .track = SYNC_MARK, COLS(log_cols)},
    [SYNC_KEYS] = {.name = "keys", .key = "key_id", .track = SYNC_SHADOW, COLS(keys_cols)},
    [SYNC_ENROLMENTS] = {.name = "enrolments", .key = "id", .track = SYNC_MARK,
                         COLS(enrolments_cols)},
    [SYNC_REVOCATIONS] = {.name = "revocations", .key = "id", .track = SYNC_MARK,
                          COLS(revocations_cols)},
    [SYNC_SEALS] = {.name = "seals", .key = "id", .track = SYNC_MARK, COLS(seals_cols)},
};
/* clang-format on */

const char *sync_table_name(int table)
{
    if (table < 0 || table >= SYNC_TABLES)
        return "?";
    return sync_tables[table].name;
}

long sync_counts_total(const long per_table[SYNC_TABLES])
{
    long sum = 0;
    for (int i = 0; i < SYNC_TABLES; i++)
        sum += per_table[i];
    return sum;
}

static size_t summary_part(const char *label, const long v[SYNC_TABLES], char *out, size_t cap,
                           size_t n)
{
    if (sync_counts_total(v) == 0)
        return n;
    int w = snprintf(out + n, cap - n, /* sql-ident: */ "%s%s:", n ? "; " : "", label);
    if (w < 0 || (size_t)w >= cap - n)
        return n;
    n += (size_t)w;
    int first = 1;
    for (int i = 0; i < SYNC_TABLES; i++) {
        if (!v[i])
            continue;
        w = snprintf(out + n, cap - n, /* sql-ident: */ "%s %s %ld", first ? "" : ",",
                     sync_tables[i].name, v[i]);
        if (w < 0 || (size_t)w >= cap - n)
            return n;
        n += (size_t)w;
        first = 0;
    }
    return n;
}

void sync_counts_summary(const struct sync_counts *c, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    n = summary_part("sent", c->sent, out, cap, n);
    n = summary_part("received", c->received, out, cap, n);
    n = summary_part("already there", c->already, out, cap, n);
    n = summary_part("refused (set aside, see docs/TRUST.md)", c->refused, out, cap, n);
    n = summary_part("held back (their event, session or person is missing)", c->held, out, cap, n);
    if (c->already[SYNC_EVENTS] && n < cap)
        kiosk_fmt(out + n, cap - n,
                  " (events with the same code but another id: programs made apart, e.g. two "
                  "'init --demo'; give new kiosks their program by syncing with the first)");
    if (n == 0)
        kiosk_strlcpy(out, "nothing to exchange: both sides hold the same", cap);
}
