/* kioskctl keys: this kiosk's public receipt key (show), and trusting other kiosks' keys
 * (trust FILE), so receipts they signed verify here. The secret key never leaves <db>.key. */
#include "ctl.h"
#include "receipt/receipt.h"

#include <stdio.h>
#include <string.h>

static int keys_show(struct ctl *c)
{
    store *s = ctl_store(c);
    if (!s)
        return CTL_REFUSED;
    struct receipt_keys *k = NULL;
    char err[512] = "";
    kiosk_status st = receipt_keys_open(s, &k, err, sizeof err);
    if (st != KIOSK_OK) {
        ctl_error("%s", err[0] ? err : kiosk_status_name(st));
        return CTL_REFUSED;
    }
    char line[256];
    receipt_keys_line(k, line, sizeof line);
    receipt_keys_close(k);
    /* One line that `kioskctl keys trust FILE` reads on another kiosk. */
    printf("%s\n", line);
    return CTL_OK;
}

static int keys_trust(struct ctl *c, const char *path)
{
    store *s = ctl_store(c);
    if (!s)
        return CTL_REFUSED;
    int added = 0;
    char err[768] = "";
    kiosk_status st = receipt_keys_trust_file(s, path, &added, err, sizeof err);
    if (st != KIOSK_OK) {
        ctl_error("%s; no key was added", err[0] ? err : kiosk_status_name(st));
        return CTL_REFUSED;
    }
    if (added == 0)
        printf("the keys in '%s' were already trusted\n", path);
    else
        printf("trusted %d new key%s from '%s'\n", added, added == 1 ? "" : "s", path);
    return CTL_OK;
}

int ctl_cmd_keys(struct ctl *c, int argc, char **argv)
{
    if (argc == 1 && strcmp(argv[0], "show") == 0)
        return keys_show(c);
    if (argc == 2 && strcmp(argv[0], "trust") == 0)
        return keys_trust(c, argv[1]);
    return CTL_USAGE;
}
