/* The correction screen (admin_correct.c, docs/IDENTITY.md "Corrections"): in the admin
 * screen's people tab the coordinator picks a class that has begun, one of its sessions so
 * far, sees its trainees in the official order with their marks, and for one trainee marks
 * present, absent or excused, or cancels a check-out taken by mistake, with a reason, after
 * a confirmation. Each correction is store_attendance_correct's append-only fact (logged as
 * made on the admin screen); the check-ins stay as recorded. */
#ifndef KIOSK_HOST_ADMIN_CORRECT_H
#define KIOSK_HOST_ADMIN_CORRECT_H

#include "kiosk/plugin.h"
#include "ui/ui.h"

struct app;

enum correct_step {
    CORRECT_STEP_CLASS = 0, /* the classes that have begun */
    CORRECT_STEP_SESSION,   /* the class's sessions so far */
    CORRECT_STEP_LIST,      /* the session's trainees and their marks */
    CORRECT_STEP_PERSON,    /* one trainee: the mark and the reason */
    CORRECT_STEP_CONFIRM,   /* what will be recorded, confirmed or not */
};

#define CORRECT_REASON_CAP 201 /* a reason is 1..200 bytes (people/marks.h) */

struct admin_correct {
    int step; /* enum correct_step */
    int page; /* of the classes or of the trainees */
    char event[KIOSK_PART_LEN];
    char session_id[KIOSK_ID_LEN];
    int session; /* its number */
    int64_t session_at;
    char person_id[KIOSK_ID_LEN];
    char name[KIOSK_NAME_LEN];
    int shown_mark; /* enum attendance_mark as the list showed it */
    int mark;       /* enum attendance_correction chosen, 0 none yet */
    char reason[CORRECT_REASON_CAP];
    int missing; /* "Continue" tapped without a mark or a reason */
};

/* One frame of the correction screen in area (under the people tab's own buttons). */
void admin_correct_frame(struct app *a, struct admin_correct *c, ui_rect area);

#endif
