/* Tells systemd how the kiosk is doing (Type=notify): READY=1 after the first frame, and
 * watchdog pings from the main loop. Does nothing when not started by systemd. */
#ifndef KIOSK_HOST_NOTIFY_H
#define KIOSK_HOST_NOTIFY_H

void host_notify_ready(void);
/* Pings the watchdog when it is due; cheap to call every loop iteration. */
void host_notify_watchdog(void);
/* The longest the main loop may sleep so the watchdog is fed: -1 when there is no watchdog. */
int host_notify_max_sleep_ms(void);
void host_notify_stopping(void);

#endif
