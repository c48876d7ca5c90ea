/* Where the kiosk syncs and exports, set on the admin screen (docs/OPERATIONS.md). */
#include "host/admin_state.h"

int admin_sync_settings(struct app *a)
{
    (void)a;
    return 0;
}

int admin_export_settings(struct app *a)
{
    (void)a;
    return 0;
}
