/* The test hooks (test_hooks.h) are read once, at the first call: a later change of the
 * environment changes nothing, and odd values fall back to production behaviour. */
#include "check.h"
#include "test_hooks.h"

#include <stdlib.h>

int main(void)
{
    setenv("KIOSK_EXIT_AFTER_FIRST_FRAME", "1", 1);
    setenv("KIOSK_SYNC_TEST_DELAY_MS", "-5", 1);
    const struct kiosk_test_hooks *h = kiosk_test_hooks();
    CHECK_INT(h->exit_after_first_frame, 1);
    CHECK_INT(h->sync_delay_ms, 0); /* a negative delay is no delay */
    unsetenv("KIOSK_EXIT_AFTER_FIRST_FRAME");
    setenv("KIOSK_SYNC_TEST_DELAY_MS", "40", 1);
    CHECK(kiosk_test_hooks() == h);
    CHECK_INT(kiosk_test_hooks()->exit_after_first_frame, 1); /* read once */
    CHECK_INT(kiosk_test_hooks()->sync_delay_ms, 0);
    return check_done();
}
