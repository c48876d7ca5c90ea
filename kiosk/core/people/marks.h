/* Corrections of attendance (docs/IDENTITY.md): what a coordinator's mark says, and the
 * check of an attendance_marks row. Pure functions. */
#ifndef KIOSK_MARKS_H
#define KIOSK_MARKS_H

#include "common.h"

enum attendance_correction {
    CORRECT_PRESENT = 1,
    CORRECT_ABSENT = 2,
    CORRECT_EXCUSED = 3,
    CORRECT_CHECKOUT_CANCELLED = 4 /* checkin_id names the check-out taken by mistake */
};

/* Who made a correction (attendance_marks.by_whom): the coordinator (kioskctl, any mark), or
 * the trainee herself at the kiosk (only undoing her own check-out, within minutes). */
#define MARK_BY_COORDINATOR "coordinator"
#define MARK_BY_TRAINEE "trainee"

/* "present", "absent", "excused" -> 1..3; 0 for anything else. */
int attendance_correction_parse(const char *word);

/* An attendance_marks row as stored or taken in by sync: mark 1..4, checkin_id 32 hex for
 * mark 4 and empty otherwise, a reason of 1..200 bytes of valid UTF-8 without control
 * characters, by_whom "coordinator" (or "trainee" for mark 4 only). 1: valid. */
int attendance_mark_row_valid(int mark, const char *checkin_id, const char *reason,
                              const char *by_whom);

#endif
