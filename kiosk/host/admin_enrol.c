/* The sync tab's enrolment part (docs/TRUST.md): which program this kiosk is in, and "Ghi
 * danh từ USB": the enrolment file a coordinator made (kioskctl program-key enrolment-file)
 * read from a stick, through the core's trust_enrol_file. The same button on the PIN pad of
 * a kiosk without a PIN takes a file that carries one (a new kiosk's first start). */
#include "host/admin_state.h"
#include "host/admin_usb.h"
#include "host/app.h"
#include "host/screens.h"
#include "admin/pin.h"
#include "trust/trust.h"

#include <string.h>

static void say(struct app *a, int kind, const char *key, const char *const *names,
                const char *const *values, int n)
{
    struct admin *ad = app_admin(a);
    screens_template(admin_tr(a, key), names, values, n, ad->message, sizeof ad->message);
    ad->message_kind = kind;
}

/* no_pin: from the PIN pad of a kiosk without a PIN (admin_enrol_first). 1 when enrolled. */
static int enrol_from_stick(struct app *a, int no_pin)
{
    char path[4096];
    int found = admin_usb_find(a, TRUST_ENROL_SUFFIX, path, sizeof path);
    if (found <= 0) {
        say(a, KIOSK_MSG_ERROR, found < 0 ? "trust.enrol.err.nostick" : "trust.enrol.err.none",
            NULL, NULL, 0);
        return 0;
    }
    struct trust_enrolled r;
    const char *why = NULL;
    char err[512] = "";
    kiosk_status st = trust_enrol_file(app_store(a), path, no_pin, &r, &why, err, sizeof err);
    if (st != KIOSK_OK) {
        kiosk_log(KIOSK_LOG_WARN, "enrolment from '%s' refused: %s", path, err);
        say(a, KIOSK_MSG_ERROR, why ? why : "trust.enrol.err.store", NULL, NULL, 0);
        return 0;
    }
    kiosk_log(KIOSK_LOG_INFO, "enrolled from '%s': key %s, program %s, grant %s", path, r.key_id,
              r.program_id, r.grant_id);
    const char *names[] = {"program", "key", "grant"};
    const char *values[] = {r.program_id, r.key_id, r.grant_id};
    say(a, r.already ? KIOSK_MSG_INFO : KIOSK_MSG_OK,
        r.already   ? "trust.enrol.already"
        : r.pin_set ? "trust.enrol.done_pin"
                    : "trust.enrol.done",
        names, values, 3);
    return 1;
}

void admin_enrol_frame(struct app *a)
{
    ui_ctx *ui = app_ui(a);
    char program[RECEIPT_KEY_ID_LEN], text[512];
    trust_program_id_of(app_store(a), program);
    ui_heading(ui, admin_tr(a, "trust.enrol.title"));
    if (program[0]) {
        screens_template(admin_tr(a, "trust.enrol.status.in"), (const char *const[]){"program"},
                         (const char *const[]){program}, 1, text, sizeof text);
        ui_text(ui, text);
    } else {
        ui_text(ui, admin_tr(a, "trust.enrol.status.none"));
    }
    ui_text(ui, admin_tr(a, "trust.enrol.hint"));
    if (ui_button(ui, admin_tr(a, "trust.enrol.button"), KIOSK_STYLE_NORMAL))
        enrol_from_stick(a, 0);
}

int admin_enrol_first(struct app *a)
{
    ui_ctx *ui = app_ui(a);
    struct admin *ad = app_admin(a);
    if (ad->message[0])
        ui_message(ui, ad->message_kind, ad->message);
    ui_text(ui, admin_tr(a, "trust.enrol.first_hint"));
    if (!ui_button(ui, admin_tr(a, "trust.enrol.button"), KIOSK_STYLE_NORMAL))
        return 0;
    return enrol_from_stick(a, 1) && pin_is_set(app_store(a));
}
