/* The test hooks of test_hooks.h, read once. */
#include "test_hooks.h"

#include <pthread.h>
#include <stdlib.h>

static struct kiosk_test_hooks hooks;
static pthread_once_t hooks_once = PTHREAD_ONCE_INIT;

static void read_hooks(void)
{
    const char *v = getenv("KIOSK_EXIT_AFTER_FIRST_FRAME");
    hooks.exit_after_first_frame = v && v[0] == '1';
    v = getenv("KIOSK_SYNC_TEST_DELAY_MS");
    hooks.sync_delay_ms = v ? atol(v) : 0;
    if (hooks.sync_delay_ms < 0)
        hooks.sync_delay_ms = 0;
    v = getenv("KIOSK_EXPORT_TEST_DELAY_MS");
    hooks.export_delay_ms = v && atol(v) > 0 ? atol(v) : 0;
}

const struct kiosk_test_hooks *kiosk_test_hooks(void)
{
    pthread_once(&hooks_once, read_hooks);
    return &hooks;
}
