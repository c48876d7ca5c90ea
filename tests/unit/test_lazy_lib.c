/* Libraries opened on first use (kiosk/core/lazy_lib.h): a library that is there gives working
 * functions; one that is missing, or lacks a function, fails with a message that names the file
 * (and the function) and the Debian package to install, once, without crashing; the tables of
 * libpq, libxlsxwriter and ICU load on this machine (the kiosk links none of them). */
#include "check.h"

#include "export/xlsx_lazy.h"
#include "lazy_lib.h"
#include "sync/pq_lazy.h"
#include "sync/sync.h"
#include "text/text.h"

#include <math.h>
#include <string.h>

static struct {
    double (*cos)(double);
} m;
static int binds;

static const char *bind_m(void *h)
{
    binds++;
    LAZY_BIND(m, h, cos)
    return NULL;
}

static struct {
    double (*cos)(double);
    int (*no_such_function)(void);
} m2;

static const char *bind_m2(void *h)
{
    LAZY_BIND(m2, h, cos)
    LAZY_BIND(m2, h, no_such_function)
    return NULL;
}

static void present(void)
{
    struct lazy_lib lib = {.soname = "libm.so.6", .package = "libc6", .bind = bind_m};
    char err[400] = "";
    CHECK_INT(lazy_lib_load(&lib, err, sizeof err), KIOSK_OK);
    CHECK_STR(err, "");
    CHECK(m.cos && m.cos(0.0) == 1.0);
    CHECK_INT(lazy_lib_load(&lib, err, sizeof err), KIOSK_OK);
    CHECK_INT(binds, 1); /* loaded once */
}

static void missing_library(void)
{
    struct lazy_lib lib = {
        .soname = "libkiosk-nowhere.so.9", .package = "kiosk-nowhere9", .bind = bind_m};
    char err[400] = "";
    int before = binds;
    CHECK_INT(lazy_lib_load(&lib, err, sizeof err), KIOSK_E_UNAVAILABLE);
    CHECK(strstr(err, "cannot load 'libkiosk-nowhere.so.9'") != NULL);
    CHECK(strstr(err, "install the Debian package 'kiosk-nowhere9'") != NULL);
    char again[400] = "";
    CHECK_INT(lazy_lib_load(&lib, again, sizeof again), KIOSK_E_UNAVAILABLE);
    CHECK_STR(again, err); /* the same answer, not tried again */
    CHECK_INT(binds, before);
    CHECK_INT(lazy_lib_load(&lib, NULL, 0), KIOSK_E_UNAVAILABLE); /* no room for a message */
}

static void missing_function(void)
{
    struct lazy_lib lib = {.soname = "libm.so.6", .package = "libc6", .bind = bind_m2};
    char err[400] = "";
    CHECK_INT(lazy_lib_load(&lib, err, sizeof err), KIOSK_E_UNAVAILABLE);
    CHECK(strstr(err, "'libm.so.6'") != NULL);
    CHECK(strstr(err, "no 'no_such_function'") != NULL);
}

/* The kiosk's own three: every function their tables list is in the installed library. */
static void kiosk_libraries(void)
{
    char err[400] = "";
    CHECK_INT(pq_lazy_load(err, sizeof err), KIOSK_OK);
    CHECK_STR(err, "");
    CHECK(pq_fn.PQconninfoParse != NULL && pq_fn.PQunescapeBytea != NULL);
    char label[200];
    sync_target_label("postgresql://kiosk:bí-mật@srv.example:5433/centre", label, sizeof label);
    CHECK_STR(label, "srv.example:5433/centre"); /* through libpq, without the password */
    CHECK_INT(xlsx_lazy_load(err, sizeof err), KIOSK_OK);
    CHECK_STR(err, "");
    CHECK(xlsx_fn.workbook_new_opt != NULL && xlsx_fn.worksheet_write_string != NULL);
    CHECK(vn_collate("dung", "đa") < 0); /* ICU's Vietnamese order: d < đ */
    CHECK(vn_collate("Ánh", "Ân") < 0);
}

int main(void)
{
    present();
    missing_library();
    missing_function();
    kiosk_libraries();
    return check_done();
}
