/* The admin screen's classes tab (admin_program.c, docs/PROGRAM.md) and the settings of where
 * the kiosk syncs and exports (admin_settings.c): what each remembers between frames. Held by
 * value in struct admin (admin_state.h), so leaving the admin screen forgets it all (the
 * password typed included). */
#ifndef KIOSK_HOST_ADMIN_PROGRAM_H
#define KIOSK_HOST_ADMIN_PROGRAM_H

#include "common.h"
#include "ui/ui.h"

struct app;

enum admin_program_view {
    PROG_LIST = 0, /* every class and fair, today's first, a page at a time */
    PROG_EVENT,    /* one event: what it is and what can be done */
    PROG_ADD,      /* a session added (an extra day) */
    PROG_MOVE,     /* today's session moved: the new time, then confirmed */
    PROG_MOVE_SURE,
    PROG_CANCEL_SURE, /* today's session cancelled, confirmed */
    PROG_CAPACITY,
};

struct admin_program {
    int view; /* enum admin_program_view */
    int page;
    char code[64];     /* the event picked */
    char when[64];     /* a session's time: "dd/mm/yyyy HH:MM-HH:MM" */
    char capacity[12]; /* seats; "0": no limit */
    char error[512];   /* why the form's change was refused (under its field) */
};

enum admin_settings_mode { SETTINGS_FILE = 0, SETTINGS_SERVER = 1 };
enum { SETTINGS_FORM_SYNC = 1, SETTINGS_FORM_EXPORT = 2 };

struct admin_settings {
    int shown;        /* 0, or the form open: SETTINGS_FORM_SYNC, SETTINGS_FORM_EXPORT */
    int filled;       /* the fields hold what is saved */
    int mode;         /* enum admin_settings_mode: where sync goes */
    char folder[512]; /* a folder (USB stick or disk) for the sync file */
    char host[256];   /* the server: name or address[:port] */
    char dbname[64];
    char user[64];
    char password[128]; /* typed each time, shown as dots, never shown back */
    char export_dir[512];
    char error[512]; /* why the last save was refused */
    int checking;    /* the sync target is being checked (on a thread: admin_settings.c) */
};

/* The classes tab. */
void admin_program_tab(struct app *a, ui_rect area);
/* Where the kiosk syncs (the sync tab) and exports (the export tab): a button that opens the
 * form, or the form; 1 when the form is shown (the tab shows nothing else). */
int admin_sync_settings(struct app *a);
int admin_export_settings(struct app *a);

#endif
