/* kioskctl keys: this kiosk's public receipt key (show), and trusting other kiosks' keys
 * (trust FILE), so receipts they signed verify here. The secret key never leaves <db>.key. */
#include "ctl.h"
#include "receipt/receipt.h"
#include "store/trust_rows.h"
#include "trust/trust.h"

#include <stdio.h>
#include <stdlib.h>
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

static int keys_list(struct ctl *c)
{
    store *s = ctl_store(c);
    if (!s)
        return CTL_REFUSED;
    char(*ids)[16] = NULL;
    size_t n = 0;
    if (store_key_ids(s, &ids, &n) != KIOSK_OK) {
        ctl_error("cannot read the keys of '%s'", store_path(s));
        return CTL_REFUSED;
    }
    char program[65];
    trust_program_of(s, program);
    printf("program: %s\n", program[0] ? program
                                       : "none (not enrolled: only this kiosk's own key "
                                         "is trusted)");
    static const char *const names[] = {"own", "enrolled", "not certified", "revoked",
                                        "trusted by hand"};
    for (size_t i = 0; i < n; i++) {
        char kid[KIOSK_ID_LEN] = "";
        enum trust_key_state ks = trust_key_check(s, ids[i], NULL, kid);
        printf("%s\t%s\t%s\n", ids[i], names[ks], kid);
    }
    free(ids);
    return CTL_OK;
}

static int keys_revoke(struct ctl *c, const char *key_id, int argc, char **argv)
{
    int rc;
    struct trust_program *p = ctl_program_arg(argc, argv, &rc);
    if (!p)
        return rc;
    store *s = ctl_store(c);
    char err[512] = "";
    kiosk_status st = s ? trust_revoke(s, p, key_id, err, sizeof err) : KIOSK_E_IO;
    trust_program_free(p);
    if (st != KIOSK_OK) {
        if (s)
            ctl_error("%s", err[0] ? err : kiosk_status_name(st));
        return CTL_REFUSED;
    }
    printf("key %s revoked: its receipts and records are refused here, and everywhere the "
           "revocation syncs to\n",
           key_id);
    return CTL_OK;
}

int ctl_cmd_keys(struct ctl *c, int argc, char **argv)
{
    if (argc == 1 && strcmp(argv[0], "list") == 0)
        return keys_list(c);
    if (argc >= 2 && strcmp(argv[0], "revoke") == 0)
        return keys_revoke(c, argv[1], argc - 2, argv + 2);
    if (argc == 1 && strcmp(argv[0], "show") == 0)
        return keys_show(c);
    if (argc == 2 && strcmp(argv[0], "trust") == 0)
        return keys_trust(c, argv[1]);
    return CTL_USAGE;
}
