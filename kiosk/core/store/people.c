/* People: the latest version of each person (a new version replaces the row; versions are
 * ordered by updated_at, then updated_by, so every kiosk agrees on the last writer). */
#include "domain.h"
#include "people/commune.h"
#include "store_internal.h"
#include "text/text.h"

#include <string.h>
#include <time.h>

#define PERSON_COLUMNS                                                                             \
    "SELECT id, full_name, given_name, birth_year, phone, commune, district, province, "           \
    "organisation, org_kind FROM people "

void store_person_from_row(sqlite3_stmt *st, int col, struct kiosk_person *out)
{
    memset(out, 0, sizeof *out);
    store_col_text(st, col + 0, out->id, sizeof out->id);
    store_col_text(st, col + 1, out->full_name, sizeof out->full_name);
    store_col_text(st, col + 2, out->given_name, sizeof out->given_name);
    out->birth_year = sqlite3_column_int(st, col + 3);
    store_col_text(st, col + 4, out->phone, sizeof out->phone);
    store_col_text(st, col + 5, out->commune, sizeof out->commune);
    store_col_text(st, col + 6, out->district, sizeof out->district);
    store_col_text(st, col + 7, out->province, sizeof out->province);
    store_col_text(st, col + 8, out->organisation, sizeof out->organisation);
    out->org_kind = sqlite3_column_int(st, col + 9);
}

static int this_year(void)
{
    struct tm tm;
    kiosk_local_tm(kiosk_clock_now_ms(), &tm);
    return tm.tm_year + 1900;
}

/* NFC in place; invalid UTF-8 is refused rather than stored. */
static int nfc_field(char *field, size_t cap)
{
    char tmp[KIOSK_TEXT_LEN * 2];
    if (!field[0])
        return 1;
    if (vn_nfc(field, tmp, sizeof tmp) != KIOSK_OK)
        return 0;
    kiosk_strlcpy(field, tmp, cap);
    return 1;
}

/* "phuong an binh" is kept as the place list writes it, with its province when the person
 * gave none (kiosk/core/people/commune.h); the district is not added: since 2025 an
 * address has two levels and she did not say it. */
static void tidy_commune(struct kiosk_person *p)
{
    struct commune_tidied t;
    if (!p->commune[0])
        return;
    commune_tidy(p->commune, p->province, &t);
    kiosk_strlcpy(p->commune, t.commune, sizeof p->commune);
    if (t.matched && !p->province[0])
        kiosk_strlcpy(p->province, t.province, sizeof p->province);
}

kiosk_status store_person_prepare(struct kiosk_person *p, char name_key[KIOSK_NAME_LEN],
                                  const char **why_key)
{
    const char *why = NULL;
    char tmp[KIOSK_NAME_LEN];
    if (!nfc_field(p->full_name, sizeof p->full_name) ||
        !nfc_field(p->given_name, sizeof p->given_name) ||
        !nfc_field(p->commune, sizeof p->commune) || !nfc_field(p->district, sizeof p->district) ||
        !nfc_field(p->province, sizeof p->province) ||
        !nfc_field(p->organisation, sizeof p->organisation)) {
        why = "person.text_invalid";
        goto invalid;
    }
    vn_name_tidy(p->full_name, tmp, sizeof tmp);
    kiosk_strlcpy(p->full_name, tmp, sizeof p->full_name);
    tidy_commune(p);
    vn_fold(p->full_name, name_key, KIOSK_NAME_LEN);
    if (!p->full_name[0] || !name_key[0]) {
        why = "person.name_empty";
        goto invalid;
    }
    if (vn_name_has_digit(p->full_name)) {
        why = "person.name_digits";
        goto invalid;
    }
    if (p->given_name[0]) {
        vn_name_tidy(p->given_name, tmp, sizeof tmp);
        kiosk_strlcpy(p->given_name, tmp, sizeof p->given_name);
    }
    if (p->phone[0]) {
        char e164[KIOSK_PHONE_LEN];
        const char *pwhy = NULL;
        if (vn_phone_normalise(p->phone, e164, &pwhy) != KIOSK_OK) {
            why = pwhy ? pwhy : "phone.invalid";
            goto invalid;
        }
        kiosk_strlcpy(p->phone, e164, sizeof p->phone);
    }
    if (p->birth_year != 0 && (p->birth_year < 1900 || p->birth_year > this_year())) {
        why = "person.year_invalid";
        goto invalid;
    }
    if (p->org_kind < KIOSK_ORG_NONE || p->org_kind > KIOSK_ORG_OTHER)
        p->org_kind = KIOSK_ORG_OTHER;
    return KIOSK_OK;
invalid:
    if (why_key)
        *why_key = why;
    return KIOSK_E_INVALID;
}

static kiosk_status json_check(store *s, const char *json)
{
    if (!json)
        return KIOSK_OK;
    static const char *const q = "SELECT json_valid(?1) AND json_type(?1)='object'";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "json check");
    store_bind_text(st, 1, json);
    int ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
    sqlite3_reset(st);
    return ok ? KIOSK_OK : KIOSK_E_INVALID;
}

static void bind_person(sqlite3_stmt *st, const struct kiosk_person *p, const char *name_key)
{
    /* ?1 id ... ?4 full_name, ?5 given, ?6 key, ?7 year, ?8 phone, ?9..?11 place,
     * ?12 organisation, ?13 org_kind, ?14 extra (NULL: keep) */
    store_bind_text(st, 1, p->id);
    store_bind_text(st, 4, p->full_name);
    store_bind_text(st, 5, p->given_name);
    store_bind_text(st, 6, name_key);
    sqlite3_bind_int(st, 7, p->birth_year);
    store_bind_text(st, 8, p->phone);
    store_bind_text(st, 9, p->commune);
    store_bind_text(st, 10, p->district);
    store_bind_text(st, 11, p->province);
    store_bind_text(st, 12, p->organisation);
    sqlite3_bind_int(st, 13, p->org_kind);
    if (p->extra_json)
        store_bind_text(st, 14, p->extra_json);
    else
        sqlite3_bind_null(st, 14);
}

static const char *const q_person_insert =
    "INSERT INTO people(id, kiosk_id, created_at, updated_at, updated_by, full_name, given_name, "
    "name_key, birth_year, phone, commune, district, province, organisation, org_kind, extra) "
    "VALUES(?1, ?2, ?3, ?3, ?2, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, coalesce(?14, '{}'))";

kiosk_status store_person_insert_tx(store *s, struct kiosk_person *p, const char *name_key)
{
    sqlite3_stmt *st;
    int rc = store_stmt(s, q_person_insert, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "person insert");
    bind_person(st, p, name_key);
    store_bind_text(st, 2, store_kiosk_id(s));
    sqlite3_bind_int64(st, 3, kiosk_clock_now_ms());
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE) {
        p->id[0] = '\0';
        return store_status_from_sqlite(s, rc, "person insert");
    }
    return KIOSK_OK;
}

kiosk_status store_person_write_tx(store *s, struct kiosk_person *p, const char *name_key)
{
    kiosk_status r = json_check(s, p->extra_json);
    if (r != KIOSK_OK)
        return r;
    sqlite3_stmt *st;
    int rc;
    int64_t now = kiosk_clock_now_ms();
    if (!p->id[0]) {
        kiosk_id_new(p->id);
        return store_person_insert_tx(s, p, name_key);
    }
    /* A local edit is what the person just asked for: it must win even when this kiosk's
     * clock is behind the version it replaces, so its time is at least one ms later. */
    static const char *const q_update =
        "UPDATE people SET updated_at=max(?3, updated_at+1), updated_by=?2, full_name=?4, "
        "given_name=?5, name_key=?6, birth_year=?7, phone=?8, commune=?9, district=?10, "
        "province=?11, organisation=?12, org_kind=?13, extra=coalesce(?14, extra) WHERE id=?1";
    rc = store_stmt(s, q_update, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "person update");
    bind_person(st, p, name_key);
    store_bind_text(st, 2, store_kiosk_id(s));
    sqlite3_bind_int64(st, 3, now);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    if (rc != SQLITE_DONE)
        return store_status_from_sqlite(s, rc, "person update");
    return sqlite3_changes(store_db(s)) ? KIOSK_OK : KIOSK_E_NOT_FOUND;
}

kiosk_status store_person_save(store *s, struct kiosk_person *p, const char **why_key)
{
    char key[KIOSK_NAME_LEN];
    kiosk_status r = store_person_prepare(p, key, why_key);
    if (r != KIOSK_OK)
        return r;
    char id_before[KIOSK_ID_LEN];
    kiosk_strlcpy(id_before, p->id, sizeof id_before);
    r = store_begin(s);
    if (r != KIOSK_OK)
        return r;
    r = store_person_write_tx(s, p, key);
    if (r == KIOSK_OK)
        r = store_commit(s);
    else
        store_rollback(s);
    if (r != KIOSK_OK) {
        kiosk_strlcpy(p->id, id_before, sizeof p->id); /* nothing was stored */
        return r;
    }
    store_search_note_person(s, p->id, p->full_name);
    return KIOSK_OK;
}

kiosk_status store_person_put_version(store *s, struct kiosk_person *p, int64_t updated_at_ms,
                                      const char *updated_by)
{
    char key[KIOSK_NAME_LEN];
    if (!p->id[0] || !updated_by || !updated_by[0])
        return KIOSK_E_INVALID;
    kiosk_status r = store_person_prepare(p, key, NULL);
    if (r != KIOSK_OK)
        return r;
    r = json_check(s, p->extra_json);
    if (r != KIOSK_OK)
        return r;
    r = store_begin(s);
    if (r != KIOSK_OK)
        return r;
    /* the stored version stays when it is as new or newer (time, then kiosk id) */
    static const char *const q_upsert =
        "INSERT INTO people(id, kiosk_id, created_at, updated_at, updated_by, full_name, "
        "given_name, name_key, birth_year, phone, commune, district, province, organisation, "
        "org_kind, extra) VALUES(?1, ?2, ?3, ?3, ?2, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
        "coalesce(?14, '{}')) ON CONFLICT(id) DO UPDATE SET updated_at=excluded.updated_at, "
        "updated_by=excluded.updated_by, full_name=excluded.full_name, "
        "given_name=excluded.given_name, name_key=excluded.name_key, "
        "birth_year=excluded.birth_year, phone=excluded.phone, commune=excluded.commune, "
        "district=excluded.district, province=excluded.province, "
        "organisation=excluded.organisation, org_kind=excluded.org_kind, "
        "extra=coalesce(?14, people.extra) WHERE excluded.updated_at > people.updated_at OR "
        "(excluded.updated_at = people.updated_at AND excluded.updated_by > people.updated_by)";
    sqlite3_stmt *st;
    int rc = store_stmt(s, q_upsert, &st);
    if (rc != SQLITE_OK) {
        store_rollback(s);
        return store_status_from_sqlite(s, rc, "person version");
    }
    bind_person(st, p, key);
    store_bind_text(st, 2, updated_by);
    sqlite3_bind_int64(st, 3, updated_at_ms);
    rc = sqlite3_step(st);
    sqlite3_reset(st);
    int changed = sqlite3_changes(store_db(s)) > 0;
    if (rc != SQLITE_DONE) {
        store_rollback(s);
        return store_status_from_sqlite(s, rc, "person version");
    }
    r = store_commit(s);
    if (r != KIOSK_OK)
        return r;
    if (!changed)
        return KIOSK_E_EXISTS;
    store_search_note_person(s, p->id, p->full_name);
    return KIOSK_OK;
}

static kiosk_status person_one(store *s, const char *sql, const char *a, struct kiosk_person *out)
{
    sqlite3_stmt *st;
    int rc = store_stmt(s, sql, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "person");
    store_bind_text(st, 1, a);
    kiosk_status r = KIOSK_E_NOT_FOUND;
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        store_person_from_row(st, 0, out);
        r = KIOSK_OK;
    } else if (rc != SQLITE_DONE) {
        r = store_status_from_sqlite(s, rc, "person");
    }
    sqlite3_reset(st);
    return r;
}

kiosk_status store_person_read(store *s, const char *id, struct kiosk_person *out)
{
    static const char *const q = PERSON_COLUMNS "WHERE id=?1";
    return person_one(s, q, id, out);
}

kiosk_status store_person_get(store *s, const char *id, struct kiosk_person *out)
{
    return store_person_read(s, id, out);
}

kiosk_status store_person_by_phone(store *s, const char *phone, struct kiosk_person *out)
{
    char e164[KIOSK_PHONE_LEN];
    if (!phone || !phone[0])
        return KIOSK_E_NOT_FOUND;
    if (vn_phone_normalise(phone, e164, NULL) != KIOSK_OK)
        return KIOSK_E_NOT_FOUND;
    /* a record merged into another is found as the one that survives (docs/IDENTITY.md) */
    static const char *const q =
        PERSON_COLUMNS "WHERE phone=?1 AND NOT EXISTS (SELECT 1 FROM person_alias a WHERE "
                       "a.id=people.id) ORDER BY created_at, id LIMIT 1";
    return person_one(s, q, e164, out);
}
