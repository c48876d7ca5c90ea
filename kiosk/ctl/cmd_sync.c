/* kioskctl sync --with PATH.db | postgresql://... : exchanges both ways, prints one line. */
#include "ctl.h"
#include "store/trust_rows.h"
#include "sync/sync.h"

#include <stdio.h>
#include <string.h>

static kiosk_status print_refused(store_rows *r, void *ctx)
{
    (void)ctx;
    printf("  %s: %d refused: %s\n", store_rows_text(r, 0, NULL), store_rows_int(r, 2),
           store_rows_text(r, 1, NULL));
    return KIOSK_OK;
}

int ctl_cmd_sync(struct ctl *c, int argc, char **argv)
{
    const char *target = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--with") == 0) {
            target = ctl_flag_value(argc, argv, &i);
            if (!target)
                return CTL_USAGE;
        } else {
            ctl_error("unknown argument '%s'", argv[i]);
            return CTL_USAGE;
        }
    }
    if (!target || !target[0])
        return CTL_USAGE;
    store *s = ctl_store(c);
    if (!s)
        return CTL_REFUSED;
    struct sync_counts counts;
    char err[768] = "";
    kiosk_status st = sync_run(s, target, &counts, NULL, err, sizeof err);
    if (st != KIOSK_OK) {
        ctl_error("%s", err[0] ? err : kiosk_status_name(st));
        return CTL_REFUSED;
    }
    char line[1024];
    sync_counts_summary(&counts, line, sizeof line);
    /* A server conninfo may hold a password: it is never echoed. */
    if (sync_target_is_pg(target))
        printf("synced with the server: %s\n", line);
    else
        printf("synced with '%s': %s\n", target, line);
    long refused = sync_counts_total(counts.refused);
    int64_t all = store_quarantine_count(s);
    if (refused || all > 0) {
        printf("set aside (refused, never taken in; docs/TRUST.md): %ld in this sync, %lld in "
               "all\n",
               refused, (long long)all);
        store_quarantine_summary(s, print_refused, NULL);
    }
    return CTL_OK;
}
