/* The crash-loop guard: three crashes in a row with one plugin on screen disable it. */
#include "check.h"
#include "host/crash_guard.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

    /* a power cut: the run ended with the machine (the next start is in another boot), so
     * however often it happens with a plugin on screen, it is no crash of that plugin */
    for (int run = 0; run < 5; run++) {
        crash_guard_set_active(&g, "bad");
        char guard[300], text[600];
        snprintf(guard, sizeof guard, "%s.guard", db);
        FILE *f = fopen(guard, "r");
        CHECK(f != NULL);
        size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
        if (f)
            fclose(f);
        text[n] = '\0';
        char *boot = strstr(text, "\nboot ");
        CHECK(boot != NULL);
        if (!boot)
            break;
        memcpy(boot + 6, "0ther", 5); /* as if written in an earlier boot */
        f = fopen(guard, "w");
        if (f) {
            fputs(text, f);
            fclose(f);
        }
        CHECK_INT(crash_guard_start(&g, db), KIOSK_OK);
        CHECK(g.last_run_power_cut);
        CHECK(!g.last_run_crashed);
    }
    CHECK(!crash_guard_disabled(&g, "bad"));
    /* ...but a crash in this boot still counts */
    crash_guard_set_active(&g, "bad");
    CHECK_INT(crash_guard_start(&g, db), KIOSK_OK);
    CHECK(g.last_run_crashed);
    CHECK(!g.last_run_power_cut);

    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    return check_done();
}
