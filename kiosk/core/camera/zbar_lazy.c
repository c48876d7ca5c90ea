/* The libzbar table (zbar_lazy.h). */
#include "camera/zbar_lazy.h"

struct zbar_fns zbar_fn;

static const char *bind(void *h)
{
#define BIND_ONE(f) LAZY_BIND(zbar_fn, h, f)
    ZBAR_FUNCS(BIND_ONE)
#undef BIND_ONE
    return NULL;
}

static struct lazy_lib lib = {.soname = "libzbar.so.0", .package = "libzbar0", .bind = bind};

kiosk_status zbar_lazy_load(char *err, size_t errlen)
{
    return lazy_lib_load(&lib, err, errlen);
}
