/* The libzip and expat tables (zip_lazy.h). */
#include "sheet/zip_lazy.h"

struct zip_fns zip_fn;
struct expat_fns expat_fn;

static const char *bind_zip(void *h)
{
#define BIND_ONE(f) LAZY_BIND(zip_fn, h, f)
    ZIP_FUNCS(BIND_ONE)
#undef BIND_ONE
    return NULL;
}

static const char *bind_expat(void *h)
{
#define BIND_ONE(f) LAZY_BIND(expat_fn, h, f)
    EXPAT_FUNCS(BIND_ONE)
#undef BIND_ONE
    return NULL;
}

static struct lazy_lib zip_lib = {.soname = "libzip.so.4", .package = "libzip4", .bind = bind_zip};
static struct lazy_lib expat_lib = {
    .soname = "libexpat.so.1", .package = "libexpat1", .bind = bind_expat};

kiosk_status zip_lazy_load(char *err, size_t errlen)
{
    kiosk_status st = lazy_lib_load(&zip_lib, err, errlen);
    if (st == KIOSK_OK)
        st = lazy_lib_load(&expat_lib, err, errlen);
    return st;
}
