/* kioskctl attendance mark --event CODE --session N --person ID present|absent|excused
 *   --reason TEXT | attendance cancel-checkout --event CODE --session N --person ID
 *   --reason TEXT [--lang vi|en]: the coordinator corrects attendance with append-only facts
 * that sync (docs/IDENTITY.md); the check-ins stay, the sheet shows the corrected mark. */
#include "ctl.h"
#include "export/export_strings.h"
#include "people/marks.h"
#include "store/domain.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct args {
    struct store_correction c;
    const char *lang, *word;
    int cancel;
};

static int parse(int argc, char **argv, struct args *a)
{
    memset(a, 0, sizeof *a);
    a->lang = "vi";
    a->cancel = strcmp(argv[0], "cancel-checkout") == 0;
    if (!a->cancel && strcmp(argv[0], "mark") != 0)
        return 0;
    for (int i = 1; i < argc; i++) {
        const char **to = NULL;
        if (strcmp(argv[i], "--event") == 0)
            to = &a->c.event;
        else if (strcmp(argv[i], "--person") == 0)
            to = &a->c.person_id;
        else if (strcmp(argv[i], "--reason") == 0)
            to = &a->c.reason;
        else if (strcmp(argv[i], "--lang") == 0)
            to = &a->lang;
        if (to) {
            if (!(*to = ctl_flag_value(argc, argv, &i)))
                return 0;
        } else if (strcmp(argv[i], "--session") == 0) {
            const char *n = ctl_flag_value(argc, argv, &i);
            a->c.session_number = n ? atoi(n) : 0;
        } else if (argv[i][0] != '-' && !a->word) {
            a->word = argv[i];
        } else {
            ctl_error("unknown argument '%s'", argv[i]);
            return 0;
        }
    }
    a->c.mark = a->cancel ? CORRECT_CHECKOUT_CANCELLED : attendance_correction_parse(a->word);
    return a->c.event && a->c.person_id && a->c.reason && a->c.session_number > 0 && a->c.mark &&
           (!a->cancel || !a->word);
}

int ctl_cmd_attendance(struct ctl *c, int argc, char **argv)
{
    struct args a;
    if (argc < 1 || !parse(argc, argv, &a))
        return CTL_USAGE;
    if (export_strings_load(a.lang) != KIOSK_OK) {
        ctl_error("unknown language '%s' (vi or en)", a.lang);
        return CTL_USAGE;
    }
    store *s = ctl_store(c);
    if (!s)
        return CTL_REFUSED;
    char id[KIOSK_ID_LEN], line[256];
    kiosk_status st = store_attendance_correct(s, &a.c, id);
    if (st == KIOSK_E_NOT_FOUND) {
        ctl_error("%s", export_tr(a.cancel ? "attendance.no_checkout" : "attendance.not_found"));
        return CTL_REFUSED;
    }
    if (st == KIOSK_E_INVALID) {
        ctl_error("%s", export_tr("attendance.bad_reason"));
        return CTL_REFUSED;
    }
    if (st != KIOSK_OK) {
        ctl_error("%s", kiosk_status_name(st));
        return CTL_REFUSED;
    }
    char number[16];
    kiosk_fmt(number, sizeof number, "%d", a.c.session_number);
    puts(export_trf(line, sizeof line, a.cancel ? "attendance.cancelled" : "attendance.marked",
                    number,
                    a.word ? export_tr(a.c.mark == CORRECT_PRESENT  ? "export.mark.present"
                                       : a.c.mark == CORRECT_ABSENT ? "export.mark.absent"
                                                                    : "export.mark.excused")
                           : "",
                    NULL));
    return CTL_OK;
}
