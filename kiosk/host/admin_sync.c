/* The admin screen's sync tab (until the background worker lands: the target only). */
#include "host/admin_usb.h"
#include "host/app.h"

void admin_sync_frame(struct app *a, const char *target)
{
    ui_text(a->ui, target);
}
