/* Small helpers the store's domain files share (column copies, the local day). */
#include "store_internal.h"

#include <string.h>

void store_col_text(sqlite3_stmt *st, int col, char *out, size_t cap)
{
    const unsigned char *v = sqlite3_column_text(st, col);
    kiosk_strlcpy(out, v ? (const char *)v : "", cap);
}

void store_bind_text(sqlite3_stmt *st, int idx, const char *text)
{
    sqlite3_bind_text(st, idx, text ? text : "", -1, SQLITE_TRANSIENT);
}

void store_local_day(int64_t at_ms, int64_t *start_ms, int64_t *end_ms)
{
    int64_t start = kiosk_local_day_start_ms(at_ms);
    *start_ms = start;
    /* 26 h later is always inside the next day, whatever daylight saving did */
    *end_ms = kiosk_local_day_start_ms(start + 26 * 3600 * 1000LL);
}
