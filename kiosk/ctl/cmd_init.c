/* kioskctl init: not built yet (its issue replaces this file). */
#include "ctl.h"

int ctl_cmd_init(struct ctl *c, int argc, char **argv)
{
    ctl_error("'init' is not available in this build yet");
    return CTL_REFUSED;
}
