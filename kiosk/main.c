/* kiosk: the fullscreen runtime (placeholder until the runtime lands). */
#include "common.h"

#include <stdio.h>

int main(int argc, char **argv)
{
    printf("kiosk %s\n", kiosk_version());
    return 0;
}
