/* The plugin loader: finds *.so files in a directory, dlopens them, checks their
 * descriptor against the ABI and refuses, with one log line naming the file and the
 * reason, anything it cannot trust. It never calls a plugin's callbacks besides its entry. */
#ifndef KIOSK_HOST_LOADER_H
#define KIOSK_HOST_LOADER_H

#include <kiosk/plugin.h>

#define PLUGIN_ID_MAX 64

/* One loaded plugin. The runtime creates its state and calls it through a kiosk_ctx. */
struct plugin_slot {
    char file[256];           /* file name within the plugin directory */
    void *dl;                 /* dlopen handle */
    int fd;                   /* the checked file, loaded as /proc/self/fd/N (loader_trust.h) */
    struct kiosk_plugin desc; /* the plugin's descriptor, members beyond its size zeroed */
    void *state;              /* what create returned */
    int created;              /* create was called (destroy is due) */
};

struct plugin_set {
    struct plugin_slot *slots;
    size_t count;
};

/* Loads every acceptable plugin of dir, in file-name order, handing each entry the api
 * table (which must outlive the plugins). Refusals are logged; they never fail the scan.
 * Returns KIOSK_E_NOT_FOUND when dir cannot be read, KIOSK_E_DENIED when others may write
 * to it (nothing is loaded then), KIOSK_OK otherwise (even with no plugin loaded). */
kiosk_status loader_scan(const char *dir, const struct kiosk_host_api *api, struct plugin_set *out);
/* dlcloses every plugin (their state must be destroyed already) and frees the set. */
void loader_unload(struct plugin_set *set);
/* dlcloses one plugin (never created) and removes it from the set. */
void loader_remove(struct plugin_set *set, size_t index);
/* Reorders the set: ids named in order_csv first, in that order; the rest by id. */
void loader_order(struct plugin_set *set, const char *order_csv);
/* 1 when id is a well-formed plugin id: 1..63 of [a-z0-9_], starting with a letter. */
int loader_id_valid(const char *id);

#endif
