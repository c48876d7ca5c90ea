/* Roster import: registering the checked rows and their receipts in one transaction. */
#include "export/roster.h"

#include "receipt/receipt.h"
#include "store/domain.h"
#include "text/text.h"

#include <string.h>

/* One checked row: registered (or found registered) and its sign-up receipt issued. On a
 * refusal err says why and KIOSK_OK is not returned. */
static kiosk_status import_row(store *s, struct receipt_keys *keys, const char *event_id,
                               const struct roster_row *row, struct roster_result *res, char *err,
                               size_t errlen)
{
    struct kiosk_person p = row->person;
    struct kiosk_registration reg;
    memset(&reg, 0, sizeof reg);
    const char *why = NULL;
    kiosk_status st;
    /* A row with neither phone nor birth year cannot be told from a namesake by the
     * identity rule; on a roster it is the same trainee when this class already has
     * someone of a matching name (importing a file twice must add nobody). */
    if (!p.phone[0] && !p.birth_year &&
        store_registered_by_name(s, event_id, p.full_name, reg.person_id) == KIOSK_OK)
        st = KIOSK_E_EXISTS;
    else
        st = store_register(s, event_id, &p, "import", &reg, &why);
    if (st == KIOSK_E_EXISTS && !reg.person_id[0]) {
        /* a failed write the store reported as a constraint: not a registration */
        kiosk_fmt(err, errlen, "%s", why ? why : kiosk_status_name(KIOSK_E_IO));
        return KIOSK_E_IO;
    }
    if (st == KIOSK_E_EXISTS) {
        res->existing++;
    } else if (st == KIOSK_OK || st == KIOSK_E_CAPACITY) {
        res->added++;
        if (reg.status == KIOSK_REG_WAITLIST)
            res->waitlisted++;
    } else {
        kiosk_fmt(err, errlen, "%s", why ? why : kiosk_status_name(st));
        return st;
    }
    struct kiosk_receipt receipt;
    st = receipt_issue(s, keys, KIOSK_RECEIPT_SIGNUP, event_id, NULL, reg.person_id, &receipt);
    if (st != KIOSK_OK && st != KIOSK_E_EXISTS) {
        kiosk_fmt(err, errlen, "%s", kiosk_status_name(st));
        return st;
    }
    return KIOSK_OK;
}

kiosk_status roster_import(store *s, struct receipt_keys *keys, const char *event_id,
                           const struct roster *r, struct roster_result *res, long *bad_line,
                           char *err, size_t errlen)
{
    memset(res, 0, sizeof *res);
    *bad_line = 0;
    kiosk_status st = store_begin(s);
    if (st != KIOSK_OK) {
        kiosk_fmt(err, errlen, "%s", kiosk_status_name(st));
        return st;
    }
    for (size_t i = 0; i < r->count; i++) {
        st = import_row(s, keys, event_id, &r->rows[i], res, err, errlen);
        if (st != KIOSK_OK) {
            *bad_line = r->rows[i].line;
            goto failed;
        }
    }
    char detail[96];
    kiosk_fmt(detail, sizeof detail, "added=%d existing=%d waitlisted=%d", res->added,
              res->existing, res->waitlisted);
    st = store_log_add(s, "roster.import", event_id, detail);
    if (st == KIOSK_OK)
        st = store_commit(s);
    if (st == KIOSK_OK)
        return KIOSK_OK;
    kiosk_fmt(err, errlen, "%s", kiosk_status_name(st));
failed:
    store_rollback(s);
    memset(res, 0, sizeof *res);
    return st;
}
