/* Progress of the exports a thread runs (export.h): a thread-local pointer, so two exports
 * on two threads never mix their counts, and an export nobody watches costs a test. */
#include "export/export.h"

#include "test_hooks.h"

#include <stddef.h>
#include <time.h>

static _Thread_local struct export_progress *watched;

void export_progress_watch(struct export_progress *p)
{
    watched = p;
}

void export_progress_total(long n)
{
    if (watched)
        watched->total = n;
}

int export_progress_step(void)
{
    if (!watched)
        return 0;
    watched->done++;
    long delay = kiosk_test_hooks()->export_delay_ms;
    if (delay > 0) {
        struct timespec ts = {delay / 1000, (delay % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    }
    return watched->stop != 0;
}
