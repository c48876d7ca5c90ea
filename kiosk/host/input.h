/* Time and input (input.c): kiosk time (the monotonic clock's, or a script's moved by
 * hand), input events from a person or a script with keys through scan-burst detection,
 * the idle timeout, and when the loop must wake up next. Its state is its own
 * (struct input); the runtime holds it. */
#ifndef KIOSK_HOST_INPUT_H
#define KIOSK_HOST_INPUT_H

#include "ui/ui.h"

#include <stdint.h>

struct app;
struct input;

/* The idle timeout: timeout_ms untouched (form_timeout_ms while a form holds typed text)
 * and every screen returns home, forgetting input; warning_ms before that (not on the home
 * screen) the warning "Bạn vẫn đang dùng máy?" counts down. */
struct input_idle {
    int64_t timeout_ms, form_timeout_ms, warning_ms;
};

/* virtual_time: kiosk time moves only by input_advance_ms (scripts, tests); else it is the
 * monotonic clock's. NULL when out of memory. */
struct input *input_new(int virtual_time, const struct input_idle *idle);
void input_free(struct input *in);

/* Kiosk time now, ms (what ui frames and timeouts run on). */
int64_t input_now_ms(const struct app *a);
void input_time_update(struct app *a);            /* real time: reads the monotonic clock */
void input_advance_ms(struct app *a, int64_t ms); /* virtual time: moves kiosk and wall time */
/* ms since the last touch, key or scan; -1 when there was none since the start. */
int64_t input_since_person_ms(const struct app *a);
/* One input event from a person or a script: keys go through scan-burst detection. */
void input_event(struct app *a, const struct ui_event *ev);
/* A scanned text from any scanner (the USB scanner's burst, the camera): counts as a person
 * being there, then goes to the scan routing (host_scan_route) and a frame shows the result. */
void input_scan(struct app *a, const char *text);
/* Seconds left while the idle warning is on screen (*total_s, may be NULL: of how many);
 * 0 when it is not. */
int input_idle_warning_s(const struct app *a, int *total_s);
/* Timers due at the current time (scan-burst flush, idle warning and timeout). */
void input_timers(struct app *a);
/* ms until the next timer is due (or an animation frame); -1 when none. */
int input_next_timer_ms(const struct app *a);
/* Lets ms of virtual time pass, firing timers (idle timeout, burst flush) when they fall
 * due, without animation frames in between (nobody watches them). */
void input_pass_ms(struct app *a, int64_t ms);

#endif
