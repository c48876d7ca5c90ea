/* The idle warning (issue 17 item 3): before the idle timeout wipes a screen, a card over it
 * asks "Bạn vẫn đang dùng máy?" with the seconds left and a big "Tiếp tục dùng" button; any
 * touch or key ends it (host/input.c counts the time). */
#ifndef KIOSK_HOST_IDLE_WARNING_H
#define KIOSK_HOST_IDLE_WARNING_H

struct app;

/* Draws the warning over the frame drawn so far: seconds left of total. Call it last. */
void idle_warning_frame(struct app *a, int seconds, int total);

#endif
