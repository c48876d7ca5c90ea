/* The minizip table (minizip_lazy.h). */
#include "export/minizip_lazy.h"

struct minizip_fns minizip_fn;

static const char *bind(void *h)
{
#define BIND_ONE(f) LAZY_BIND(minizip_fn, h, f)
    MINIZIP_FUNCS(BIND_ONE)
#undef BIND_ONE
    return NULL;
}

static struct lazy_lib lib = {.soname = "libminizip.so.1", .package = "libminizip1", .bind = bind};

kiosk_status minizip_lazy_load(char *err, size_t errlen)
{
    return lazy_lib_load(&lib, err, errlen);
}
