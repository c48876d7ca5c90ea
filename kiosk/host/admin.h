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
/* The checks that run on threads of their own, the screen touchable meanwhile: the PIN
 * compared ("Đang kiểm tra…") and the sync target the settings form saves ("Đang kiểm tra
 * máy chủ…"). For the loop, each turn: 1 when one ended (its outcome is shown: the admin
 * screen, saved, or why not). */
int admin_checks_poll(struct app *a);
/* Waits up to timeout_ms of real time for the checks, then polls (the script player); 1
 * when none runs. */
int admin_checks_settle(struct app *a, int timeout_ms);
/* At exit: waits for running checks (a PIN attempt is then not recorded, nothing saved). */
void admin_checks_stop(void);
void admin_frame(struct app *a);

/* Exports from the admin screen (admin_export.c), each on a thread of its own
 * (export_job.h). admin_export_start: what (enum export_job_what) of the class or fair code
 * (NULL for the summary) as format (enum export_format) into dir; a second one while one
 * runs only says to wait (KIOSK_E_EXISTS). How it ended becomes the admin message. */
int admin_export_start(struct app *a, const char *dir, int what, const char *code, int format);
/* Draws the running export's bar with its count; 0 (nothing drawn) when none runs. */
int admin_export_progress(struct app *a);
/* For the loop, each turn: 1 when the screen should be drawn again (the count moved, or an
 * export ended and the admin message says how). */
int admin_export_poll(struct app *a);
/* ms until the bar should be drawn again; -1 when no export runs. */
int admin_export_next_ms(void);
/* The sync tab's bar while a sync runs (admin_sync.c). For the loop, each turn: 1 when the
 * tab is shown and the sync's count moved (or it started or ended). */
int admin_sync_poll(struct app *a);
/* ms until a bar on the admin screen (an export's, the sync's) should be drawn again; -1
 * when none moves. */
int admin_progress_next_ms(struct app *a);

#endif
