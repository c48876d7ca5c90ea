/* Where the admin screen writes exports: the setting export_dir, else the first writable
 * removable medium mounted under /media or /run/media (a USB stick). Reads /proc/mounts. */
#ifndef KIOSK_HOST_ADMIN_USB_H
#define KIOSK_HOST_ADMIN_USB_H

#include <stddef.h>

struct app;

/* 1 with the folder in out; 0 when there is none (no stick plugged in, no setting). */
int admin_export_dir(struct app *a, char *out, size_t cap);
/* The sync tab's content for a configured target. */
void admin_sync_frame(struct app *a, const char *target);

#endif
