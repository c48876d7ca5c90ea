/* The identity rule (kiosk/core/people/identity.h) applied to the people on record: the
 * folded name (name_key) and the phone only pick candidates; the rule decides. */
#include "domain.h"
#include "people/identity.h"
#include "store_internal.h"
#include "text/text.h"

#include <string.h>

#define CANDIDATE_COLUMNS                                                                          \
    "SELECT p.id, p.full_name, p.given_name, p.birth_year, p.phone, p.commune, p.district, "       \
    "p.province, p.organisation, p.org_kind FROM people p "

void store_person_survivor(store *s, const char *id, char out[KIOSK_ID_LEN])
{
    static const char *const q = "SELECT survivor_id FROM person_alias WHERE id=?1";
    sqlite3_stmt *st;
    kiosk_strlcpy(out, id ? id : "", KIOSK_ID_LEN);
    if (!id || store_stmt(s, q, &st) != SQLITE_OK)
        return;
    store_bind_text(st, 1, id);
    if (sqlite3_step(st) == SQLITE_ROW)
        store_col_text(st, 0, out, KIOSK_ID_LEN);
    sqlite3_reset(st);
}

/* Candidates of p, oldest first; only people no merge has made an alias of. */
static const char *const q_candidates =
    CANDIDATE_COLUMNS "WHERE (p.name_key=?1 OR (?2<>'' AND p.phone=?2)) AND p.id<>?3 AND "
                      "NOT EXISTS (SELECT 1 FROM person_alias a WHERE a.id=p.id) "
                      "ORDER BY p.created_at, p.id";

kiosk_status store_person_find_same(store *s, const struct kiosk_person *p,
                                    struct kiosk_person *out, const char **reason_key)
{
    char key[KIOSK_NAME_LEN];
    vn_fold(p->full_name, key, sizeof key);
    if (!key[0])
        return KIOSK_E_NOT_FOUND;
    sqlite3_stmt *st;
    int rc = store_stmt(s, q_candidates, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "person match");
    store_bind_text(st, 1, key);
    store_bind_text(st, 2, p->phone);
    store_bind_text(st, 3, p->id);
    kiosk_status r = KIOSK_E_NOT_FOUND;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        struct kiosk_person c;
        store_person_from_row(st, 0, &c);
        if (identity_compare(p, &c, reason_key) == IDENTITY_SAME) {
            *out = c;
            r = KIOSK_OK;
            break;
        }
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        r = store_status_from_sqlite(s, rc, "person match");
    sqlite3_reset(st);
    return r;
}

static const char *const q_registered_named =
    "SELECT coalesce(a.survivor_id, r.person_id), p.full_name FROM registrations r "
    "JOIN people p ON p.id=r.person_id LEFT JOIN person_alias a ON a.id=r.person_id "
    "WHERE r.event_id=?1 AND p.name_key=?2 AND r.status<>4 ORDER BY r.created_at, r.id";

kiosk_status store_registered_by_name(store *s, const char *event_id, const char *full_name,
                                      char person_id[KIOSK_ID_LEN])
{
    char key[KIOSK_NAME_LEN];
    vn_fold(full_name ? full_name : "", key, sizeof key);
    if (!key[0])
        return KIOSK_E_NOT_FOUND;
    sqlite3_stmt *st;
    int rc = store_stmt(s, q_registered_named, &st);
    if (rc != SQLITE_OK)
        return store_status_from_sqlite(s, rc, "registration by name");
    store_bind_text(st, 1, event_id);
    store_bind_text(st, 2, key);
    kiosk_status r = KIOSK_E_NOT_FOUND;
    while (sqlite3_step(st) == SQLITE_ROW) {
        char name[KIOSK_NAME_LEN];
        store_col_text(st, 1, name, sizeof name);
        if (identity_names_match(full_name, name)) {
            store_col_text(st, 0, person_id, KIOSK_ID_LEN);
            r = KIOSK_OK;
            break;
        }
    }
    sqlite3_reset(st);
    return r;
}
