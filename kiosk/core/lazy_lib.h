/* Shared libraries opened on first use (dlopen), so the kiosk pays the memory and start-up
 * time of PostgreSQL, XLSX and ICU only once it syncs with a server, exports or collates
 * (libpq alone pulls in OpenSSL, GnuTLS and Kerberos: ~5 MB of a ~25 MB kiosk at its first
 * frame). It never closes a library it opened: pointers taken from one stay valid.
 *
 * A user lists the functions it calls in an X-macro, declares a table of them with
 * LAZY_MEMBER, fills it in a bind function with LAZY_BIND, and calls lazy_lib_load before
 * the first call (see sync/pq_lazy.h). */
#ifndef KIOSK_CORE_LAZY_LIB_H
#define KIOSK_CORE_LAZY_LIB_H

#include "common.h"

/* A symbol's name as the library exports it, after the library's own renames (ICU's
 * ucol_open is ucol_open_72): the argument is macro-expanded before it is quoted. */
#define LAZY_NAME(f) LAZY_NAME_(f)
#define LAZY_NAME_(f) #f
/* A table member with the function's own type, from its declaration in the library's header. */
#define LAZY_MEMBER(f) __typeof__(f) *f;
/* In a bind function: table.f = the library's f, or return f's name when it lacks it. */
#define LAZY_BIND(table, handle, f)                                                                \
    if (!((table).f = (__typeof__((table).f))lazy_lib_sym((handle), LAZY_NAME(f))))                \
        return LAZY_NAME(f);

struct lazy_lib {
    const char *soname;  /* what dlopen gets: "libpq.so.5" */
    const char *package; /* the Debian package holding it, named in the message */
    /* Fills the user's table from handle; returns the first missing name, or NULL. */
    const char *(*bind)(void *handle);
    int state;     /* 0: not tried yet; 1: loaded; -1: failed, not tried again */
    char why[400]; /* the failure, for every later caller */
};

/* Loads lib and fills its table, once per process (thread-safe; later calls return the first
 * call's result). KIOSK_E_UNAVAILABLE when the library or one of its functions is missing: err
 * gets "cannot load 'SONAME' (REASON); install the Debian package 'PACKAGE'" (the caller logs it).
 */
kiosk_status lazy_lib_load(struct lazy_lib *lib, char *err, size_t errlen);
/* dlsym, for LAZY_BIND. */
void *lazy_lib_sym(void *handle, const char *name);

#endif
