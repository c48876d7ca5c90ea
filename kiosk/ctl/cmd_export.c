/* kioskctl export: not built yet (its issue replaces this file). */
#include "ctl.h"

int ctl_cmd_export(struct ctl *c, int argc, char **argv)
{
    ctl_error("'export' is not available in this build yet");
    return CTL_REFUSED;
}
