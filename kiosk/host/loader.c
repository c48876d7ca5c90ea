#include "host/loader.h"

#include "common.h"
#include "host/loader_trust.h"

#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The smallest descriptor a plugin of this major may hand over: the 2.0 struct. When a
 * minor adds members, this stays the 2.0 size and the new members read as NULL for older
 * plugins. */
#define PLUGIN_DESC_MIN_SIZE (offsetof(struct kiosk_plugin, on_receipt) + sizeof(void (*)(void)))

int loader_id_valid(const char *id)
{
    if (!id || !(id[0] >= 'a' && id[0] <= 'z'))
        return 0;
    size_t n = 0;
    for (const char *p = id; *p; p++, n++) {
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    }
    return n < PLUGIN_ID_MAX;
}

static void refuse(const char *dir, const char *file, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void refuse(const char *dir, const char *file, const char *fmt, ...)
{
    char why[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    kiosk_log(KIOSK_LOG_WARN, "plugin '%s/%s' refused: %s", dir, file, why);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

static int has_elf_header(const char *path)
{
    unsigned char magic[4] = {0};
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t n = read(fd, magic, sizeof magic);
    close(fd);
    return n == 4 && memcmp(magic,
                            "\x7f"
                            "ELF",
                            4) == 0;
}

/* Checks a descriptor; on refusal returns the reason (static text or why). */
static const char *check_desc(const struct kiosk_plugin *d, char *why, size_t cap)
{
    if (d->abi_major != KIOSK_ABI_MAJOR) {
        kiosk_fmt(why, cap,
                  "built for plugin ABI %u.%u, this kiosk speaks %d.%d; rebuild the plugin "
                  "against this kiosk's <kiosk/plugin.h>",
                  d->abi_major, d->abi_minor, KIOSK_ABI_MAJOR, KIOSK_ABI_MINOR);
        return why;
    }
    if (d->abi_minor > KIOSK_ABI_MINOR) {
        kiosk_fmt(why, cap,
                  "built for plugin ABI %u.%u, newer than this kiosk's %d.%d; update the "
                  "kiosk or use an older build of the plugin",
                  d->abi_major, d->abi_minor, KIOSK_ABI_MAJOR, KIOSK_ABI_MINOR);
        return why;
    }
    if (d->size < PLUGIN_DESC_MIN_SIZE || d->size > sizeof(struct kiosk_plugin)) {
        kiosk_fmt(why, cap, "its descriptor has size %zu, expected %zu..%zu for ABI %u.%u", d->size,
                  (size_t)PLUGIN_DESC_MIN_SIZE, sizeof(struct kiosk_plugin), d->abi_major,
                  d->abi_minor);
        return why;
    }
    if (!d->create || !d->destroy || !d->frame) {
        kiosk_fmt(why, cap, "a required callback is missing (%s%s%s)", d->create ? "" : "create ",
                  d->destroy ? "" : "destroy ", d->frame ? "" : "frame");
        return why;
    }
    if (!loader_id_valid(d->id)) {
        kiosk_fmt(why, cap,
                  "its id is not a plugin id (1-63 of a-z, 0-9, _, starting "
                  "with a letter)");
        return why;
    }
    if (!d->title_key || !*d->title_key)
        return "it has no title_key for its home tile";
    return NULL;
}

static const struct plugin_slot *find_id(const struct plugin_set *set, const char *id)
{
    for (size_t i = 0; i < set->count; i++)
        if (strcmp(set->slots[i].desc.id, id) == 0)
            return &set->slots[i];
    return NULL;
}

/* The plugin file opened where nobody else could have changed it: its descriptor (fd_path
 * names it in /proc), or -1 when it is refused. */
static int open_plugin(const char *dir, const char *file, const char *path, char *fd_path,
                       size_t cap)
{
    char why_open[512];
    int fd = loader_open_trusted(path, why_open, sizeof why_open);
    if (fd < 0) {
        refuse(dir, file, "%s", why_open);
        return -1;
    }
    loader_fd_path(fd, fd_path, cap);
    if (!has_elf_header(fd_path)) {
        refuse(dir, file, "not a shared object (no ELF header); rebuild it or remove it");
        close(fd);
        return -1;
    }
    return fd;
}

/* dlopen of the checked descriptor and the plugin's description from its entry; NULL when
 * refused (nothing left open). */
static const struct kiosk_plugin *describe(const char *dir, const char *file, const char *path,
                                           const char *fd_path, const struct kiosk_host_api *api,
                                           void **dl_out)
{
    /* the descriptor that was checked is the file that is loaded */
    void *dl = dlopen(fd_path, RTLD_NOW | RTLD_LOCAL);
    if (!dl) {
        const char *e = dlerror();
        refuse(dir, file, "dlopen failed: %s; run 'ldd %s' to see what is missing",
               e ? e : "unknown error", path);
        return NULL;
    }
    kiosk_plugin_entry_fn entry;
    /* POSIX: a void * from dlsym converts to a function pointer through this copy */
    void *sym = dlsym(dl, KIOSK_PLUGIN_ENTRY_NAME);
    memcpy(&entry, &sym, sizeof entry);
    const struct kiosk_plugin *d = NULL;
    if (!sym)
        refuse(dir, file,
               "it has no '%s' symbol (is it a kiosk plugin? exported with "
               "KIOSK_EXPORT?)",
               KIOSK_PLUGIN_ENTRY_NAME);
    else if (!(d = entry(api)))
        refuse(dir, file,
               "%s returned NULL (the plugin declined to load; see its own "
               "messages above)",
               KIOSK_PLUGIN_ENTRY_NAME);
    if (!d) {
        dlclose(dl);
        return NULL;
    }
    *dl_out = dl;
    return d;
}

static void load_one(const char *dir, const char *file, const struct kiosk_host_api *api,
                     struct plugin_set *set)
{
    char path[4400];
    if (kiosk_fmt(path, sizeof path, "%s/%s", dir, file)) {
        refuse(dir, file, "its path is too long");
        return;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return; /* folders (a build tree's) and vanished files are no plugins */
    if (!ends_with(file, ".so")) {
        refuse(dir, file, "not a plugin (only .so files are loaded); remove it from this folder");
        return;
    }
    char fd_path[64];
    int fd = open_plugin(dir, file, path, fd_path, sizeof fd_path);
    void *dl = NULL;
    const struct kiosk_plugin *d = fd < 0 ? NULL : describe(dir, file, path, fd_path, api, &dl);
    if (!d) {
        if (fd >= 0)
            close(fd);
        return;
    }
    char why[512];
    const char *bad = check_desc(d, why, sizeof why);
    const struct plugin_slot *twin = bad ? NULL : find_id(set, d->id);
    if (twin) {
        kiosk_fmt(why, sizeof why,
                  "it repeats the plugin id '%s' already loaded from '%s'; remove one", d->id,
                  twin->file);
        bad = why;
    }
    struct plugin_slot *more = bad ? NULL : realloc(set->slots, (set->count + 1) * sizeof *more);
    if (!bad && !more)
        bad = "out of memory";
    if (bad) {
        refuse(dir, file, "%s", bad);
        dlclose(dl);
        close(fd);
        return;
    }
    set->slots = more;
    struct plugin_slot *s = &set->slots[set->count++];
    memset(s, 0, sizeof *s);
    kiosk_strlcpy(s->file, file, sizeof s->file);
    s->dl = dl;
    s->fd = fd; /* open while loaded: its /proc/self/fd name stays this plugin's alone */
    memcpy(&s->desc, d, d->size); /* members the plugin does not know stay NULL */
    kiosk_log(KIOSK_LOG_DEBUG, "plugin '%s' loaded from '%s' (ABI %u.%u)", d->id, path,
              d->abi_major, d->abi_minor);
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

kiosk_status loader_scan(const char *dir, const struct kiosk_host_api *api, struct plugin_set *out)
{
    memset(out, 0, sizeof *out);
    struct stat st;
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        kiosk_log(KIOSK_LOG_WARN, "no plugin directory '%s': the home screen will be empty", dir);
        return KIOSK_E_NOT_FOUND;
    }
    if ((st.st_mode & S_IWOTH) && !(st.st_mode & S_ISVTX)) {
        kiosk_log(KIOSK_LOG_ERROR,
                  "refusing every plugin in '%s': other users may write to it; run chmod o-w "
                  "on it",
                  dir);
        return KIOSK_E_DENIED;
    }
    if (st.st_mode & (S_IWOTH | S_IWGRP)) {
        /* sticky (like /tmp): others cannot replace files, but can add their own */
        kiosk_log(KIOSK_LOG_ERROR,
                  "refusing every plugin in '%s': other users may add files to it; use a "
                  "directory only its owner can write",
                  dir);
        return KIOSK_E_DENIED;
    }
    char why[512];
    if (!loader_dir_trusted(dir, why, sizeof why)) {
        kiosk_log(KIOSK_LOG_ERROR, "refusing every plugin in '%s': %s", dir, why);
        return KIOSK_E_DENIED;
    }
    DIR *d = opendir(dir);
    if (!d) {
        kiosk_log(KIOSK_LOG_WARN, "cannot read plugin directory '%s'", dir);
        return KIOSK_E_NOT_FOUND;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL) {
        if (de->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **more = realloc(names, cap * sizeof *more);
            if (!more)
                break;
            names = more;
        }
        names[n] = strdup(de->d_name);
        if (names[n])
            n++;
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, name_cmp);
    for (size_t i = 0; i < n; i++) {
        load_one(dir, names[i], api, out);
        free(names[i]);
    }
    free(names);
    return KIOSK_OK;
}

static void loader_close_slot(struct plugin_slot *s)
{
    if (s->dl)
        dlclose(s->dl);
    if (s->dl && s->fd >= 0)
        close(s->fd);
    s->dl = NULL;
}

void loader_unload(struct plugin_set *set)
{
    for (size_t i = 0; i < set->count; i++)
        loader_close_slot(&set->slots[i]);
    free(set->slots);
    set->slots = NULL;
    set->count = 0;
}

void loader_remove(struct plugin_set *set, size_t index)
{
    if (index >= set->count)
        return;
    loader_close_slot(&set->slots[index]);
    memmove(&set->slots[index], &set->slots[index + 1],
            (set->count - index - 1) * sizeof *set->slots);
    set->count--;
}

/* Position of id in the comma list (0-based), or a large number when absent. */
static size_t order_rank(const char *order_csv, const char *id)
{
    size_t rank = 0, n = strlen(id);
    const char *p = order_csv ? order_csv : "";
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        const char *start = p;
        while (*p && *p != ',' && *p != ' ')
            p++;
        if ((size_t)(p - start) == n && n && strncmp(start, id, n) == 0)
            return rank;
        if (p > start)
            rank++;
    }
    return (size_t)-1;
}

static const char *sort_order; /* qsort has no user pointer; loader_order is not reentrant */

static int slot_cmp(const void *a, const void *b)
{
    const struct plugin_slot *x = a, *y = b;
    size_t rx = order_rank(sort_order, x->desc.id), ry = order_rank(sort_order, y->desc.id);
    if (rx != ry)
        return rx < ry ? -1 : 1;
    return strcmp(x->desc.id, y->desc.id);
}

void loader_order(struct plugin_set *set, const char *order_csv)
{
    if (set->count < 2)
        return;
    sort_order = order_csv;
    qsort(set->slots, set->count, sizeof *set->slots, slot_cmp);
    sort_order = NULL;
}
