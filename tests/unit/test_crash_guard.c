/* The crash-loop guard: three crashes in a row with one plugin on screen disable it. */
#include "check.h"
#include "host/crash_guard.h"

#include <stdlib.h>
#include <unistd.h>

int main(void)
{
    char dir[] = "/tmp/kiosk-guard.XXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char db[256];
    snprintf(db, sizeof db, "%s/kiosk.db", dir);
    struct crash_guard g;

    /* three runs that die while "bad" is on screen */
    for (int run = 0; run < 3; run++) {
        CHECK_INT(crash_guard_start(&g, db), KIOSK_OK);
        CHECK(!crash_guard_disabled(&g, "bad"));
        crash_guard_set_active(&g, "good");
        crash_guard_set_active(&g, "bad"); /* ... and the process dies here */
    }
    CHECK_INT(crash_guard_start(&g, db), KIOSK_OK);
    CHECK(g.last_run_crashed);
    CHECK_STR(g.last_crash_plugin, "bad");
    CHECK(crash_guard_disabled(&g, "bad"));
    CHECK(!crash_guard_disabled(&g, "good"));

    /* the coordinator enables it again; a clean exit resets the counts */
    crash_guard_enable(&g, "bad");
    CHECK(!crash_guard_disabled(&g, "bad"));
    crash_guard_clean_exit(&g);
    CHECK_INT(crash_guard_start(&g, db), KIOSK_OK);
    CHECK(!g.last_run_crashed);

    /* two crashes with "bad", one with "other": not in a row, stays enabled */
    crash_guard_set_active(&g, "bad");
    CHECK_INT(crash_guard_start(&g, db), KIOSK_OK);
    crash_guard_set_active(&g, "bad");
    CHECK_INT(crash_guard_start(&g, db), KIOSK_OK);
    crash_guard_set_active(&g, "other");
    CHECK_INT(crash_guard_start(&g, db), KIOSK_OK);
    crash_guard_set_active(&g, "bad");
    CHECK_INT(crash_guard_start(&g, db), KIOSK_OK);
    CHECK(!crash_guard_disabled(&g, "bad"));

    /* a crash on a host screen counts for no plugin */
    crash_guard_set_active(&g, NULL);
    CHECK_INT(crash_guard_start(&g, db), KIOSK_OK);
    CHECK(g.last_run_crashed);
    CHECK_STR(g.last_crash_plugin, "");

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    return check_done();
}
