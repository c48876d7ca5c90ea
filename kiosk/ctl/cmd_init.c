/* kioskctl init [--demo]: makes (or opens and migrates) the kiosk database; --demo fills
 * the demo program into a database that has no events yet, never over a real program. */
#include "ctl.h"
#include "program/program.h"
#include "store/domain.h"
#include "trust/trust.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void counts(store *s, size_t *events, size_t *sessions, size_t *people)
{
    struct kiosk_event *ev = NULL;
    *events = *sessions = *people = 0;
    if (store_events_list(s, 0, &ev, events) != KIOSK_OK)
        return;
    for (size_t i = 0; i < *events; i++) {
        struct kiosk_session *se = NULL;
        size_t n = 0;
        if (store_sessions_list(s, ev[i].id, &se, &n) == KIOSK_OK)
            *sessions += n;
        free(se);
        *people += (size_t)ev[i].registered;
    }
    free(ev);
}

int ctl_cmd_init(struct ctl *c, int argc, char **argv)
{
    int demo = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--demo") == 0) {
            demo = 1;
        } else {
            ctl_error("unknown argument '%s'", argv[i]);
            return CTL_USAGE;
        }
    }
    store *s = ctl_store(c);
    if (!s)
        return CTL_REFUSED;
    size_t events, sessions, people;
    if (demo) {
        kiosk_status st = program_demo_fill(s, kiosk_clock_now_ms());
        if (st == KIOSK_E_EXISTS) {
            counts(s, &events, &sessions, &people);
            ctl_error("'%s' already holds a program (%zu events): the demo is only filled into "
                      "a new database; nothing was changed",
                      store_path(s), events);
            return CTL_REFUSED;
        }
        if (st != KIOSK_OK) {
            ctl_error("cannot fill the demo program into '%s': %s; nothing was changed",
                      store_path(s), kiosk_status_name(st));
            return CTL_REFUSED;
        }
        /* The demo enrols itself into the demo program: two demo kiosks sync into one. */
        char err[512] = "";
        if (trust_enrol_demo(s, err, sizeof err) != KIOSK_OK) {
            ctl_error("%s", err);
            return CTL_REFUSED;
        }
    }
    counts(s, &events, &sessions, &people);
    printf("database '%s' ready (schema %d, kiosk %s)\n", store_path(s), store_schema_version(s),
           store_kiosk_id(s));
    if (demo)
        printf("demo program: %zu events, %zu sessions, %zu registered trainees\n", events,
               sessions, people);
    return CTL_OK;
}
