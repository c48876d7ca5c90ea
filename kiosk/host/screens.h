/* The host's screens (screens.c): home (one tile per plugin), a plugin's screen (header
 * with its title and "Trang chủ", then the plugin's frame), the coordinator's PIN pad and
 * admin screen (drawn by admin.h), the banners (host_scan_route routes scans). It keeps
 * which screen is shown and what a frame asked for (go home, show a plugin, lay out again)
 * in its own state; the runtime (app.c) runs frames and asks it to settle them.
 * Also the pieces every full screen is built of: header, content area, keyboard. */
#ifndef KIOSK_HOST_SCREENS_H
#define KIOSK_HOST_SCREENS_H

#include "ui/ui.h"

#include <stddef.h>

struct app;
struct screens;

enum screen_id { SCREEN_HOME = 0, SCREEN_PLUGIN, SCREEN_PIN, SCREEN_ADMIN };

/* The module's state (the runtime holds it); NULL when out of memory. */
struct screens *screens_new(void);
void screens_free(struct screens *s);

/* One frame of the current screen between ui_begin and ui_end. */
void screens_frame(struct app *a);
/* After a frame: does what it asked (go home, show a plugin and enter it). Returns 1 when
 * another frame must run at once (the layout changed, the screen changed). */
int screens_settle(struct app *a);

/* The screen shown (enum screen_id). */
int screens_current(const struct app *a);
/* Idle or "Trang chủ": leave() the plugin, forget input, show home. */
void screens_go_home(struct app *a);
/* Home after this frame (a back button, a plugin's go_home). */
void screens_request_home(struct app *a);
/* Shows plugin index (without calling enter: the caller does, or the plugin took a scan). */
void screens_show_plugin(struct app *a, size_t index);
/* Shows SCREEN_PIN or SCREEN_ADMIN: the plugin on screen is left, input forgotten. */
void screens_show_coordinator(struct app *a, int screen);
/* The layout changed during a frame (language, a banner): run another. */
void screens_relayout(struct app *a);
/* The banner on the last scan (host_scan_route's word, enum kiosk_msg kind), shown under
 * the header until the next input; NULL: none. */
void screens_scan_notice(struct app *a, int kind, const char *text);
/* The scan's banner goes (a tap, the idle reset). */
/* Drops the last scan's note; 1 when one was shown (the screen then needs a frame). */
int screens_forget_scan(struct app *a);
/* The plugin on screen; NULL on home and the coordinator's screens. */
struct plugin_slot *screens_shown_plugin(const struct app *a);
/* The on-screen keyboard's height in the last frame (0: none shown). */
int screens_keyboard_h(const struct app *a);

/* Fills "{name}" placeholders of a string-table text (never a printf format: a translated
 * text cannot crash the kiosk). */
void screens_template(const char *tmpl, const char *const names[], const char *const values[],
                      size_t n, char *out, size_t cap);
/* Sizes at 1280x800 scaled to this screen's height. */
int screens_px(const struct app *a, int v);
/* A full screen's header: a back button and the title beside it, then the banners.
 * Returns 1 when the back button was tapped; *top: where the content starts. */
int screens_header(struct app *a, const char *title, const char *back, int *top);
/* The plugin on screen names this frame's header (ABI 2.4 ui_header_title); NULL or "":
 * its own name. */
void screens_header_title(struct app *a, const char *text);
/* The plugin on screen asks for a button at the header's right end (ABI 2.5
 * ui_header_button); returns 1 when it was tapped this frame. */
int screens_header_button(struct app *a, const char *label);
/* The content area from top down to the on-screen keyboard (set as the ui's area). */
ui_rect screens_content(struct app *a, int top);
/* The on-screen keyboard for a focused field; call last but for admin_corner. */
void screens_keyboard(struct app *a);

#endif
