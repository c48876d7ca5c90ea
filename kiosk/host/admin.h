/* The coordinator's part of the kiosk: the hidden way in (a long press in the top-left
 * corner, or a coordinator card scanned), the PIN pad, and the admin screen (served class,
 * today's counts, exports to a USB stick, sync, settings, disabled plugins, quit).
 * Visitors never reach it without the PIN. */
#ifndef KIOSK_HOST_ADMIN_H
#define KIOSK_HOST_ADMIN_H

#include <stddef.h>
#include <stdint.h>

struct app;

#define ADMIN_HOLD_MS 3000 /* the hidden long press */

struct admin; /* the admin area's state (admin_state.h, its files only) */

/* The state (the runtime holds it); NULL when out of memory. */
struct admin *admin_new(void);
void admin_free(struct admin *ad);

/* The hidden corner: call last in every screen's frame. */
void admin_corner(struct app *a);
/* 1 when payload is the coordinator's card (setting admin_card_sha256): the PIN pad opens. */
int admin_card_scanned(struct app *a, const char *payload);
void admin_open_pin(struct app *a);
/* Forget everything typed (PINs, codes, messages): home and idle reset. */
void admin_forget(struct app *a);
void admin_pin_frame(struct app *a);
void admin_frame(struct app *a);

#endif
