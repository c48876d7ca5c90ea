#include "host/admin_usb.h"

#include "host/app.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int writable_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode) && access(path, W_OK) == 0;
}

/* /proc/mounts escapes spaces and other bytes as \ooo. */
static void unescape_mount(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (p[0] == '\\' && p[1] >= '0' && p[1] <= '7' && p[2] >= '0' && p[2] <= '7' &&
            p[3] >= '0' && p[3] <= '7') {
            *o++ = (char)((p[1] - '0') * 64 + (p[2] - '0') * 8 + (p[3] - '0'));
            p += 3;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
}

/* What a walk over the USB sticks looks for, and how many it saw. */
struct stick_search {
    const char *suffix;
    char *out;
    size_t cap;
    int sticks;
};

/* Calls visit on each mount under /media/ or /run/media/ until one returns 1. Returns 1 then,
 * 0 when none did, -1 when the mounts cannot be read. */
static int each_stick(int (*visit)(const char *mnt, struct stick_search *q), struct stick_search *q)
{
    FILE *f = fopen("/proc/mounts", "r");
    if (!f)
        return -1;
    char line[4096];
    int found = 0;
    while (!found && fgets(line, sizeof line, f)) {
        char dev[1024], mnt[2048];
        if (sscanf(line, "%1023s %2047s", dev, mnt) != 2)
            continue;
        unescape_mount(mnt);
        if (strncmp(mnt, "/media/", 7) == 0 || strncmp(mnt, "/run/media/", 11) == 0)
            found = visit(mnt, q);
    }
    fclose(f);
    return found;
}

static int writable_stick(const char *mnt, struct stick_search *q)
{
    return writable_dir(mnt) && !kiosk_strlcpy(q->out, mnt, q->cap);
}

int admin_export_dir(struct app *a, char *out, size_t cap)
{
    const char *dir = host_setting(&(kiosk_ctx){a, NULL}, "export_dir");
    if (dir && *dir) {
        kiosk_mkdirs(dir, 0700);
        if (!writable_dir(dir))
            return 0;
        return !kiosk_strlcpy(out, dir, cap);
    }
    struct stick_search q = {.out = out, .cap = cap};
    return each_stick(writable_stick, &q) == 1;
}

/* The first regular file (by name) of dir whose name ends with suffix, into out. */
static int file_in(const char *dir, const char *suffix, char *out, size_t cap)
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort), found = 0;
    size_t sl = strlen(suffix);
    for (int i = 0; i < n; i++) {
        const char *name = names[i]->d_name;
        size_t nl = strlen(name);
        char path[4096];
        struct stat st;
        if (!found && name[0] != '.' && nl > sl && strcmp(name + nl - sl, suffix) == 0 &&
            (size_t)snprintf(path, sizeof path, "%s/%s", dir, name) < sizeof path &&
            lstat(path, &st) == 0 && S_ISREG(st.st_mode))
            found = !kiosk_strlcpy(out, path, cap);
        free(names[i]);
    }
    free(names);
    return found;
}

static int file_on_stick(const char *mnt, struct stick_search *q)
{
    q->sticks++;
    return file_in(mnt, q->suffix, q->out, q->cap);
}

int admin_usb_find(struct app *a, const char *suffix, char *out, size_t cap)
{
    const char *dir = host_setting(&(kiosk_ctx){a, NULL}, "export_dir");
    int sticks = 0;
    if (dir && *dir && access(dir, R_OK | X_OK) == 0) {
        sticks++;
        if (file_in(dir, suffix, out, cap))
            return 1;
    }
    struct stick_search q = {.suffix = suffix, .out = out, .cap = cap, .sticks = sticks};
    return each_stick(file_on_stick, &q) == 1 ? 1 : q.sticks ? 0 : -1;
}
