/* kiosk-vtlock: locks (or unlocks) switching between virtual terminals while the kiosk runs,
 * so Ctrl+Alt+F1..F12 cannot leave the kiosk for a login prompt. kiosk.service runs it with
 * full privileges before the kiosk starts ("lock") and after it stops ("unlock"); VT_LOCKSWITCH
 * needs CAP_SYS_TTY_CONFIG, which the kiosk itself never holds.
 * usage: kiosk-vtlock lock|unlock [TTY]   (TTY: default /dev/tty1) */
#include <errno.h>
#include <fcntl.h>
#include <linux/kd.h>
#include <linux/vt.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static int usage(void)
{
    fprintf(stderr, "usage: kiosk-vtlock lock|unlock [TTY]\n");
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3)
        return usage();
    int lock = strcmp(argv[1], "lock") == 0;
    if (!lock && strcmp(argv[1], "unlock") != 0)
        return usage();
    const char *tty = argc == 3 ? argv[2] : "/dev/tty1";
    int fd = open(tty, O_RDWR | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "kiosk-vtlock: cannot open %s: %s\n", tty, strerror(errno));
        return 1;
    }
    int kb = 0;
    if (ioctl(fd, KDGKBTYPE, &kb) != 0) {
        fprintf(stderr, "kiosk-vtlock: %s is not a virtual terminal\n", tty);
        close(fd);
        return 1;
    }
    if (ioctl(fd, lock ? VT_LOCKSWITCH : VT_UNLOCKSWITCH, 0) != 0) {
        fprintf(stderr, "kiosk-vtlock: cannot %s terminal switching on %s: %s\n", argv[1], tty,
                strerror(errno));
        close(fd);
        return 1;
    }
    close(fd);
    printf("terminal switching %s\n", lock ? "locked" : "unlocked");
    return 0;
}
