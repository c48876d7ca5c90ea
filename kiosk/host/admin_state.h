/* The admin area's state: what the PIN pad and the admin screen's tabs remember between
 * frames. Shared by the admin area's files (admin.c, admin_tabs.c) only; everyone else
 * goes through admin.h. */
#ifndef KIOSK_HOST_ADMIN_STATE_H
#define KIOSK_HOST_ADMIN_STATE_H

#include "host/admin.h"
#include "host/admin_program.h"
#include "host/admin_correct.h"
#include "host/people_read.h"
#include "store/domain.h"
#include "ui/ui.h"

enum admin_tab {
    ADMIN_TAB_TODAY = 0,
    ADMIN_TAB_EXPORT,
    ADMIN_TAB_SYNC,
    ADMIN_TAB_SETTINGS,
    ADMIN_TAB_PEOPLE,
    ADMIN_TAB_PROGRAM, /* classes: sessions, sign-up, capacity, any class's sheet */
    ADMIN_TAB_PLUGIN,  /* + plugin index: a plugin's admin_frame */
};

struct admin {
    int tab;
    size_t plugin_tab; /* plugin index when tab == ADMIN_TAB_PLUGIN */
    int setting_pin;   /* the PIN pad sets a new PIN (first run, or "Đổi mã PIN") */
    char pin[16], pin_again[16];
    int pin_checking; /* this pad's PIN is being compared (admin.c: on a thread) */
    char pin_error[256];
    char message[512];
    int message_kind; /* enum kiosk_msg */
    char receipt_code[16];
    int confirm_quit;
    int today_page;  /* the today tab lists sessions a page at a time */
    int today_asked; /* fresh counts were asked for since the tab was shown */
    /* the people tab (admin_people.c): its reads asked for since the view was shown (bits
     * 1 << enum people_read_kind; 0: ask again), the pair tapped (-1 none), the view */
    int people_asked, pick, people_view;
    int64_t people_at[2];           /* kiosk time each read was asked for */
    struct admin_program prog;      /* the classes tab (admin_program.c) */
    struct admin_settings settings; /* where it syncs and exports (admin_settings.c) */
    struct admin_correct correct;   /* the people tab's corrections (admin_correct.c) */
};

/* The people tab (admin_people.c). */
void admin_people_tab(struct app *a, ui_rect area);
void admin_people_reset(struct admin *ad);

/* The sync target checked on a thread (admin_settings.c): for admin_checks_poll, _settle,
 * _stop (admin.h). */
int admin_settings_poll(struct app *a);
int admin_settings_settle(struct app *a, int timeout_ms);
void admin_settings_stop(void);

/* The admin screens' text for key, in the kiosk's language (admin.c). */
const char *admin_tr(struct app *a, const char *key);
/* Shows text as the admin screen's message, of kind (KIOSK_MSG_*). */
void admin_say(struct app *a, int kind, const char *text);

#endif
