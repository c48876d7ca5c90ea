#include "notify.h"

#include "common.h"

#ifdef KIOSK_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>

static int ready_sent;
static int64_t watchdog_usec = -1; /* -1: not asked yet, 0: no watchdog */
static int64_t last_ping_ms;

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t watchdog_interval_usec(void)
{
    if (watchdog_usec < 0) {
        uint64_t usec = 0;
        watchdog_usec = sd_watchdog_enabled(0, &usec) > 0 ? (int64_t)usec : 0;
    }
    return watchdog_usec;
}

void host_notify_ready(void)
{
    if (ready_sent)
        return;
    ready_sent = 1;
    sd_notify(0, "READY=1\nSTATUS=showing the home screen");
    last_ping_ms = monotonic_ms();
}

void host_notify_watchdog(void)
{
    int64_t usec = watchdog_interval_usec();
    if (usec <= 0)
        return;
    int64_t now = monotonic_ms();
    if (now - last_ping_ms >= usec / 1000 / 2) {
        sd_notify(0, "WATCHDOG=1");
        last_ping_ms = now;
    }
}

int host_notify_max_sleep_ms(void)
{
    int64_t usec = watchdog_interval_usec();
    return usec > 0 ? (int)(usec / 1000 / 2) : -1;
}

void host_notify_stopping(void)
{
    sd_notify(0, "STOPPING=1");
}

#else

void host_notify_ready(void) {}

void host_notify_watchdog(void) {}

int host_notify_max_sleep_ms(void)
{
    return -1;
}

void host_notify_stopping(void) {}

#endif
