/* kioskctl event: not built yet (its issue replaces this file). */
#include "ctl.h"

int ctl_cmd_event(struct ctl *c, int argc, char **argv)
{
    ctl_error("'event' is not available in this build yet");
    return CTL_REFUSED;
}
