/* kioskctl pin set: the coordinator's PIN, typed twice (hidden on a terminal), or one line
 * on standard input when it is not a terminal (scripts). */
#include "admin/pin.h"
#include "ctl.h"

#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

static int ctl_read_line(const char *prompt, char *out, size_t cap)
{
    int tty = isatty(STDIN_FILENO);
    struct termios old, quiet;
    if (tty) {
        fputs(prompt, stderr);
        tcgetattr(STDIN_FILENO, &old);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    char *got = fgets(out, (int)cap, stdin);
    if (tty) {
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
        fputc('\n', stderr);
    }
    if (!got)
        return 0;
    out[strcspn(out, "\r\n")] = '\0';
    return 1;
}

int ctl_read_pin(char *pin, size_t cap)
{
    char again[64];
    if (!ctl_read_line("new PIN (6 to 12 digits): ", pin, cap)) {
        ctl_error("no PIN given on standard input");
        return 0;
    }
    if (isatty(STDIN_FILENO) &&
        (!ctl_read_line("the same PIN again: ", again, sizeof again) || strcmp(pin, again) != 0)) {
        ctl_error("the two PINs differ; nothing was changed");
        return 0;
    }
    return 1;
}

int ctl_cmd_pin(struct ctl *c, int argc, char **argv)
{
    if (argc != 1 || strcmp(argv[0], "set") != 0)
        return CTL_USAGE;
    char pin[64];
    if (!ctl_read_pin(pin, sizeof pin))
        return CTL_REFUSED;
    store *s = ctl_store(c);
    if (!s)
        return CTL_REFUSED;
    kiosk_status st = pin_set(s, pin);
    if (st == KIOSK_E_INVALID) {
        ctl_error("a PIN is %d to %d digits (0-9); nothing was changed", PIN_MIN_DIGITS,
                  PIN_MAX_DIGITS);
        return CTL_REFUSED;
    }
    if (st != KIOSK_OK) {
        ctl_error("cannot store the PIN in '%s': %s", store_path(s), kiosk_status_name(st));
        return CTL_REFUSED;
    }
    printf("PIN set\n");
    return CTL_OK;
}
