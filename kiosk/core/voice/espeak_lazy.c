/* The libespeak-ng table (espeak_lazy.h). */
#include "voice/espeak_lazy.h"

struct espeak_fns espeak_fn;

static const char *bind(void *h)
{
#define BIND_ONE(f) LAZY_BIND(espeak_fn, h, f)
    ESPEAK_FUNCS(BIND_ONE)
#undef BIND_ONE
    return NULL;
}

static struct lazy_lib lib = {
    .soname = "libespeak-ng.so.1", .package = "libespeak-ng1", .bind = bind};

kiosk_status espeak_lazy_load(char *err, size_t errlen)
{
    return lazy_lib_load(&lib, err, errlen);
}
