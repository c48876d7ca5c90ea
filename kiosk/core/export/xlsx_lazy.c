/* The libxlsxwriter table (xlsx_lazy.h). */
#include "export/xlsx_lazy.h"

struct xlsx_fns xlsx_fn;

static const char *bind(void *h)
{
#define BIND_ONE(f) LAZY_BIND(xlsx_fn, h, f)
    XLSX_FUNCS(BIND_ONE)
#undef BIND_ONE
    return NULL;
}

/* LXW_SOVERSION: the library the headers describe, not just any libxlsxwriter */
static struct lazy_lib lib = {.soname = "libxlsxwriter.so." LXW_SOVERSION,
                              .package = "libxlsxwriter" LXW_SOVERSION,
                              .bind = bind};

kiosk_status xlsx_lazy_load(char *err, size_t errlen)
{
    return lazy_lib_load(&lib, err, errlen);
}
