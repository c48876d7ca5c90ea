/* The crash-loop guard: remembers which plugin was on screen when the kiosk died, and
 * disables a plugin that was active in three crashes in a row. It never kills anything;
 * it only reads and writes its small state file (<db>.guard). A run that ended with the
 * machine (a power cut: the next start is in another boot) is not a crash. */
#ifndef KIOSK_HOST_CRASH_GUARD_H
#define KIOSK_HOST_CRASH_GUARD_H

#include "common.h"

#define CRASH_GUARD_LIMIT 3
#define CRASH_GUARD_MAX 32

struct crash_guard {
    char path[4096];
    char active[KIOSK_PART_LEN]; /* plugin on screen now, "" for host screens */
    struct {
        char id[KIOSK_PART_LEN];
        int crashes;  /* crashes in a row with this plugin active */
        int disabled; /* 1: not loaded until the coordinator enables it again */
    } plugins[CRASH_GUARD_MAX];
    int count;
    char boot[40];                          /* this boot's id (kernel boot_id), "" if unknown */
    int last_run_crashed;                   /* the previous run ended without a clean exit */
    int last_run_power_cut;                 /* ...in an earlier boot: not counted as a crash */
    char last_crash_plugin[KIOSK_PART_LEN]; /* active then ("" for none) */
};

/* Reads the state left by the previous run, counts its crash if it did not end cleanly,
 * disables a plugin at the limit, and marks this run as running. */
kiosk_status crash_guard_start(struct crash_guard *g, const char *db_path);
/* 1 when the plugin must not be loaded. */
int crash_guard_disabled(const struct crash_guard *g, const char *plugin_id);
/* The plugin now on screen (NULL or "" for host screens): written at once, durably. */
void crash_guard_set_active(struct crash_guard *g, const char *plugin_id);
/* Enable a disabled plugin again (admin screen). */
void crash_guard_enable(struct crash_guard *g, const char *plugin_id);
/* A clean exit: crash counts start again. */
void crash_guard_clean_exit(struct crash_guard *g);

#endif
