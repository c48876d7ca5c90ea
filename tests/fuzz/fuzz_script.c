/* Fuzz target: the script reader (kiosk --script FILE) on any bytes. It never crashes or
 * reads past the data; a script it accepts holds only known commands with the number of
 * arguments each takes, numbers where numbers go, and each command's line as written. A
 * script it refuses names the line. */
#include "host/script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size ? size : 1);
    if (!copy)
        return 0;
    memcpy(copy, data, size);
    struct script s;
    char err[512] = "";
    kiosk_status st = script_parse(copy, size, "fuzz.kscript", &s, err, sizeof err);
    if (st != KIOSK_OK) {
        if (strncmp(err, "fuzz.kscript:", 13) != 0 || s.count != 0 || s.cmds != NULL)
            abort();
        free(copy);
        return 0;
    }
    int last_line = 0;
    for (size_t i = 0; i < s.count; i++) {
        const struct script_cmd *c = &s.cmds[i];
        if (c->op < SCRIPT_TAP_LABEL || c->op > SCRIPT_WAIT_FILE || c->argc > SCRIPT_ARGS_MAX ||
            !c->src || c->line <= last_line)
            abort();
        last_line = c->line;
        for (size_t k = 0; k < c->argc; k++)
            if (!c->args[k])
                abort();
        int numeric = c->op == SCRIPT_TAP_XY || c->op == SCRIPT_DRAG || c->op == SCRIPT_WAIT ||
                      c->op == SCRIPT_HOLD;
        for (size_t k = 0; numeric && k < c->argc; k++)
            if (c->num[k] < 0 || c->num[k] > 100000000)
                abort();
        if (c->op == SCRIPT_DRAG && (c->argc < 4 || c->argc % 2))
            abort();
        if (c->op == SCRIPT_TAP_XY && c->argc != 2)
            abort();
        if (c->op == SCRIPT_CLOSE && c->argc != 0)
            abort();
    }
    script_free(&s);
    free(copy);
    return 0;
}
