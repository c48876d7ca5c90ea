/* Opening a library on first use (lazy_lib.h). One lock for every library: loads are rare
 * (once each a process) and may come from the sync thread and the screen at once. */
#include "lazy_lib.h"

#include <dlfcn.h>
#include <pthread.h>

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

void *lazy_lib_sym(void *handle, const char *name)
{
    return dlsym(handle, name);
}

static void load_locked(struct lazy_lib *lib)
{
    void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        kiosk_fmt(lib->why, sizeof lib->why,
                  "cannot load '%s' (%s); install the Debian package '%s'", lib->soname,
                  why ? why : "not found", lib->package);
        lib->state = -1;
        return;
    }
    const char *missing = lib->bind(h);
    if (missing) {
        /* an older or newer library than the one the kiosk was built against */
        kiosk_fmt(lib->why, sizeof lib->why,
                  "cannot load '%s' (it has no '%s'); install the Debian package '%s' the kiosk "
                  "was built for",
                  lib->soname, missing, lib->package);
        lib->state = -1;
        return; /* not closed: a table half filled must not point into unmapped code */
    }
    lib->state = 1;
}

kiosk_status lazy_lib_load(struct lazy_lib *lib, char *err, size_t errlen)
{
    pthread_mutex_lock(&g_lock);
    if (lib->state == 0)
        load_locked(lib);
    int ok = lib->state == 1;
    if (!ok && err && errlen)
        kiosk_strlcpy(err, lib->why, errlen);
    pthread_mutex_unlock(&g_lock);
    return ok ? KIOSK_OK : KIOSK_E_UNAVAILABLE;
}
