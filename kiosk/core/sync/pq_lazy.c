/* The libpq table (pq_lazy.h). */
#include "sync/pq_lazy.h"

struct pq_fns pq_fn;

static const char *bind(void *h)
{
#define BIND_ONE(f) LAZY_BIND(pq_fn, h, f)
    PQ_FUNCS(BIND_ONE)
#undef BIND_ONE
    return NULL;
}

/* libpq's soname has been 5 since PostgreSQL 8.0, and the protocol it speaks is the server's */
static struct lazy_lib lib = {.soname = "libpq.so.5", .package = "libpq5", .bind = bind};

kiosk_status pq_lazy_load(char *err, size_t errlen)
{
    return lazy_lib_load(&lib, err, errlen);
}
