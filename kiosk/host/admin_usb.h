/* Sticks on the admin screen: where it writes exports (the setting export_dir, else the first
 * writable removable medium mounted under /media or /run/media) and where it finds files a
 * coordinator brings (an enrolment file). Reads /proc/mounts. */
#ifndef KIOSK_HOST_ADMIN_USB_H
#define KIOSK_HOST_ADMIN_USB_H

#include <stddef.h>

struct app;

/* 1 with the folder in out; 0 when there is none (no stick plugged in, no setting). */
int admin_export_dir(struct app *a, char *out, size_t cap);
/* A file whose name ends with suffix at the top of a stick (the folder export_dir when set,
 * else each medium mounted under /media or /run/media), into out: 1 found, 0 a stick without
 * one, -1 no stick. */
int admin_usb_find(struct app *a, const char *suffix, char *out, size_t cap);
/* The sync tab's enrolment part (admin_enrol.c): this kiosk's program, and "Ghi danh từ USB"
 * that enrols it with the enrolment file on a stick (docs/TRUST.md). */
void admin_enrol_frame(struct app *a);
/* On the PIN pad of a kiosk without a PIN: the same button, for a file that carries a PIN
 * (trust_enrol_file's no_pin rules); 1 when the kiosk now has a PIN. */
int admin_enrol_first(struct app *a);
/* The sync tab's content for a configured target. */
void admin_sync_frame(struct app *a, const char *target);

#endif
