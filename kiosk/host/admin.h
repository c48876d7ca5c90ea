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

enum admin_tab {
    ADMIN_TAB_TODAY = 0,
    ADMIN_TAB_EXPORT,
    ADMIN_TAB_SYNC,
    ADMIN_TAB_SETTINGS,
    ADMIN_TAB_PLUGIN, /* + plugin index: a plugin's admin_frame */
};

struct admin {
    int tab;
    size_t plugin_tab; /* plugin index when tab == ADMIN_TAB_PLUGIN */
    int setting_pin;   /* the PIN pad sets a new PIN (first run, or "Đổi mã PIN") */
    char pin[16], pin_again[16];
    char pin_error[256];
    char message[512];
    int message_kind; /* enum kiosk_msg */
    char receipt_code[16];
    int confirm_quit;
    int today_page; /* the today tab lists sessions a page at a time */
};

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
