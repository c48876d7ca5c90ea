/* kioskctl sync --with PATH.db | postgresql://... : exchanges both ways, prints one line. */
#include "ctl.h"
#include "sync/sync.h"

#include <stdio.h>
#include <string.h>

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
    return CTL_OK;
}
