/* kioskctl roster import --event CODE [--lang vi|en] FILE.csv|FILE.xlsx: a coordinator's list of
 * trainees, checked whole, then registered with a sign-up receipt each; all or nothing. */
#include "ctl.h"

#include "export/export_strings.h"
#include "export/roster.h"
#include "receipt/receipt.h"
#include "sheet/sheet.h"
#include "store/domain.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int this_year(void)
{
    struct tm tm;
    kiosk_local_tm(kiosk_clock_now_ms(), &tm);
    return tm.tm_year + 1900;
}

/* The file read and checked into r; its problems printed (0) or 1. */
static int read_roster(const char *path, struct roster *r)
{
    char msg[512];
    struct sheet_book book;
    if (!ctl_read_sheet(path, &book))
        return 0;
    kiosk_status st = roster_parse_book(&book, this_year(), r);
    sheet_book_release(&book);
    if (st != KIOSK_OK) {
        ctl_error("%s: %s", path, kiosk_status_name(st));
        return 0;
    }
    if (r->problem_count == 0)
        return 1;
    for (size_t i = 0; i < r->problem_count; i++) {
        if (r->problems[i].line > 0)
            fprintf(stderr, "%s:%ld: %s\n", path, r->problems[i].line, r->problems[i].reason);
        else
            fprintf(stderr, "%s: %s\n", path, r->problems[i].reason);
    }
    char n[32];
    snprintf(n, sizeof n, "%zu", r->problem_count);
    ctl_error("%s", export_trf(msg, sizeof msg, "roster.refused", path, n, NULL));
    roster_release(r);
    return 0;
}

static void print_result(const struct kiosk_event *ev, const struct roster_result *res)
{
    char msg[512], added[16], existing[16], waitlisted[16];
    snprintf(added, sizeof added, "%d", res->added);
    snprintf(existing, sizeof existing, "%d", res->existing);
    snprintf(waitlisted, sizeof waitlisted, "%d", res->waitlisted);
    printf("%s\n", export_trf(msg, sizeof msg, "roster.done", ev->code, added, existing));
    if (res->waitlisted)
        printf("%s\n", export_trf(msg, sizeof msg, "roster.waitlist", waitlisted, NULL, NULL));
}

static int import(struct ctl *c, const char *code, const char *path)
{
    char msg[512], err[512] = "";
    struct roster r;
    if (!read_roster(path, &r))
        return CTL_REFUSED;
    store *s = ctl_store(c);
    struct kiosk_event ev;
    if (s && store_event_get(s, code, &ev) != KIOSK_OK) {
        ctl_error("%s", export_trf(msg, sizeof msg, "export.err.event", code, NULL, NULL));
        s = NULL;
    }
    struct receipt_keys *keys = NULL;
    kiosk_status st = s ? receipt_keys_open(s, &keys, err, sizeof err) : KIOSK_E_INVALID;
    if (s && st != KIOSK_OK)
        ctl_error("%s", err[0] ? err : kiosk_status_name(st));
    if (st != KIOSK_OK) {
        roster_release(&r);
        return CTL_REFUSED;
    }
    struct roster_result res;
    long bad_line = 0;
    st = roster_import(s, keys, ev.id, &r, &res, &bad_line, err, sizeof err);
    receipt_keys_close(keys);
    roster_release(&r);
    if (st != KIOSK_OK) {
        export_trf(msg, sizeof msg, "roster.err.store", err, NULL, NULL);
        if (bad_line > 0)
            ctl_error("%s:%ld: %s", path, bad_line, msg);
        else
            ctl_error("%s: %s", path, msg);
        return CTL_REFUSED;
    }
    print_result(&ev, &res);
    return CTL_OK;
}

int ctl_cmd_roster(struct ctl *c, int argc, char **argv)
{
    if (argc < 1 || strcmp(argv[0], "import") != 0)
        return CTL_USAGE;
    const char *code = NULL, *path = NULL, *lang = "vi";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--event") == 0) {
            code = ctl_flag_value(argc, argv, &i);
            if (!code)
                return CTL_USAGE;
        } else if (strcmp(argv[i], "--lang") == 0) {
            lang = ctl_flag_value(argc, argv, &i);
            if (!lang)
                return CTL_USAGE;
        } else if (argv[i][0] == '-' && argv[i][1] != '\0') {
            ctl_error("unknown option '%s'", argv[i]);
            return CTL_USAGE;
        } else if (!path) {
            path = argv[i];
        } else {
            ctl_error("one file at a time ('%s' and '%s')", path, argv[i]);
            return CTL_USAGE;
        }
    }
    if (!code || !path)
        return CTL_USAGE;
    if (export_strings_load(lang) != KIOSK_OK) {
        ctl_error("unknown language '%s' (vi or en)", lang);
        return CTL_USAGE;
    }
    int rc = import(c, code, path);
    export_strings_release();
    return rc;
}
