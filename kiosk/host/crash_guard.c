#include "crash_guard.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int find(const struct crash_guard *g, const char *id)
{
    for (int i = 0; i < g->count; i++)
        if (strcmp(g->plugins[i].id, id) == 0)
            return i;
    return -1;
}

static int find_or_add(struct crash_guard *g, const char *id)
{
    int i = find(g, id);
    if (i >= 0 || g->count == CRASH_GUARD_MAX)
        return i;
    i = g->count++;
    kiosk_strlcpy(g->plugins[i].id, id, sizeof g->plugins[i].id);
    g->plugins[i].crashes = 0;
    g->plugins[i].disabled = 0;
    return i;
}

/* Written to a temporary file, synced, renamed: a crash while writing leaves the old state. */
static void save(const struct crash_guard *g, const char *state)
{
    char tmp[4200];
    if (kiosk_fmt(tmp, sizeof tmp, "%s.tmp", g->path))
        return;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) {
        kiosk_log(KIOSK_LOG_WARN, "cannot write the crash guard file '%s'", tmp);
        return;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        return;
    }
    fprintf(f, "state %s\nactive %s\nboot %s\n", state, g->active[0] ? g->active : "-",
            g->boot[0] ? g->boot : "-");
    for (int i = 0; i < g->count; i++)
        fprintf(f, "plugin %s %d %d\n", g->plugins[i].id, g->plugins[i].crashes,
                g->plugins[i].disabled);
    fflush(f);
    fsync(fd);
    fclose(f);
    if (rename(tmp, g->path) != 0)
        unlink(tmp);
}

/* The kernel's id of this boot: a run that ended in another boot ended with the machine. */
static void read_boot_id(char *out, size_t cap)
{
    out[0] = '\0';
    FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");
    if (!f)
        return;
    char id[64];
    if (fscanf(f, "%39s", id) == 1)
        kiosk_strlcpy(out, id, cap);
    fclose(f);
}

static void load(struct crash_guard *g, char *state, size_t cap, char *active, size_t acap,
                 char *boot, size_t bcap)
{
    FILE *f = fopen(g->path, "r");
    if (!f)
        return;
    char line[256];
    while (fgets(line, sizeof line, f)) {
        char a[KIOSK_PART_LEN];
        int crashes, disabled;
        if (sscanf(line, "state %15s", a) == 1)
            kiosk_strlcpy(state, a, cap);
        else if (sscanf(line, "active %63s", a) == 1)
            kiosk_strlcpy(active, strcmp(a, "-") == 0 ? "" : a, acap);
        else if (sscanf(line, "boot %39s", a) == 1)
            kiosk_strlcpy(boot, strcmp(a, "-") == 0 ? "" : a, bcap);
        else if (sscanf(line, "plugin %63s %d %d", a, &crashes, &disabled) == 3) {
            int i = find_or_add(g, a);
            if (i >= 0) {
                g->plugins[i].crashes = crashes;
                g->plugins[i].disabled = disabled != 0;
            }
        }
    }
    fclose(f);
}

kiosk_status crash_guard_start(struct crash_guard *g, const char *db_path)
{
    memset(g, 0, sizeof *g);
    if (kiosk_fmt(g->path, sizeof g->path, "%s.guard", db_path))
        return KIOSK_E_INVALID;
    char state[16] = "", active[KIOSK_PART_LEN] = "", boot[40] = "";
    load(g, state, sizeof state, active, sizeof active, boot, sizeof boot);
    read_boot_id(g->boot, sizeof g->boot);
    if (strcmp(state, "running") == 0 && boot[0] && g->boot[0] && strcmp(boot, g->boot) != 0) {
        /* a power cut (or the machine reset) while the kiosk ran: no plugin's fault, and
         * at a rural venue it happens often enough to disable the class check-in */
        g->last_run_power_cut = 1;
        kiosk_log(KIOSK_LOG_WARN, "the last run ended with the machine (power cut or reset): "
                                  "not counted as a crash");
    } else if (strcmp(state, "running") == 0) {
        g->last_run_crashed = 1;
        kiosk_strlcpy(g->last_crash_plugin, active, sizeof g->last_crash_plugin);
        for (int i = 0; i < g->count; i++)
            if (strcmp(g->plugins[i].id, active) != 0)
                g->plugins[i].crashes = 0; /* only crashes in a row count */
        if (active[0]) {
            int i = find_or_add(g, active);
            if (i >= 0) {
                g->plugins[i].crashes++;
                kiosk_log(
                    KIOSK_LOG_WARN,
                    "the last run ended in a crash while plugin '%s' was on screen (%d in a row)",
                    active, g->plugins[i].crashes);
                if (g->plugins[i].crashes >= CRASH_GUARD_LIMIT && !g->plugins[i].disabled) {
                    g->plugins[i].disabled = 1;
                    kiosk_log(KIOSK_LOG_ERROR,
                              "plugin '%s' is disabled: it was on screen in %d crashes in a row; "
                              "the coordinator can enable it again on the admin screen",
                              active, g->plugins[i].crashes);
                }
            }
        }
    } else {
        for (int i = 0; i < g->count; i++)
            g->plugins[i].crashes = 0;
    }
    save(g, "running");
    return KIOSK_OK;
}

int crash_guard_disabled(const struct crash_guard *g, const char *plugin_id)
{
    int i = find(g, plugin_id);
    return i >= 0 && g->plugins[i].disabled;
}

void crash_guard_set_active(struct crash_guard *g, const char *plugin_id)
{
    const char *id = plugin_id ? plugin_id : "";
    if (strcmp(g->active, id) == 0)
        return;
    kiosk_strlcpy(g->active, id, sizeof g->active);
    save(g, "running");
}

void crash_guard_enable(struct crash_guard *g, const char *plugin_id)
{
    int i = find(g, plugin_id);
    if (i < 0)
        return;
    g->plugins[i].disabled = 0;
    g->plugins[i].crashes = 0;
    save(g, "running");
}

void crash_guard_clean_exit(struct crash_guard *g)
{
    g->active[0] = '\0';
    for (int i = 0; i < g->count; i++)
        g->plugins[i].crashes = 0;
    save(g, "clean");
}
