/* kioskctl program-key new --out FILE: the program's signing key, made once by the
 * coordinator (secret in FILE, mode 0600; the public part printed).
 * kioskctl enrol --program-key FILE: certifies this kiosk's receipt key for the program, so
 * other kiosks of the program trust its receipts and records (docs/TRUST.md). */
#include "ctl.h"
#include "trust/trust.h"

#include <stdio.h>
#include <string.h>

int ctl_cmd_program_key(struct ctl *c, int argc, char **argv)
{
    (void)c;
    const char *out = NULL;
    if (argc < 1 || strcmp(argv[0], "new") != 0)
        return CTL_USAGE;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0) {
            if (!(out = ctl_flag_value(argc, argv, &i)))
                return CTL_USAGE;
        } else {
            ctl_error("unknown argument '%s'", argv[i]);
            return CTL_USAGE;
        }
    }
    if (!out || !out[0])
        return CTL_USAGE;
    char line[256], err[512] = "";
    kiosk_status st = trust_program_key_new(out, line, sizeof line, err, sizeof err);
    if (st != KIOSK_OK) {
        ctl_error("%s", err[0] ? err : kiosk_status_name(st));
        return CTL_REFUSED;
    }
    printf("%s\n", line);
    fprintf(stderr,
            "kioskctl: the secret is in '%s' (mode 0600): keep it off the kiosks; "
            "enrol each kiosk with 'kioskctl enrol --program-key %s'\n",
            out, out);
    return CTL_OK;
}

/* Loads --program-key FILE from argv (the only option); NULL on a usage error or a bad file. */
struct trust_program *ctl_program_arg(int argc, char **argv, int *rc)
{
    const char *path = NULL;
    *rc = CTL_USAGE;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "--program-key") == 0) {
            if (!(path = ctl_flag_value(argc, argv, &i)))
                return NULL;
        } else {
            ctl_error("unknown argument '%s'", argv[i]);
            return NULL;
        }
    }
    if (!path)
        return NULL;
    struct trust_program *p = NULL;
    char err[512] = "";
    kiosk_status st = trust_program_key_load(path, &p, err, sizeof err);
    if (st != KIOSK_OK) {
        ctl_error("%s", err[0] ? err : kiosk_status_name(st));
        *rc = CTL_REFUSED;
        return NULL;
    }
    return p;
}

int ctl_cmd_enrol(struct ctl *c, int argc, char **argv)
{
    int rc;
    struct trust_program *p = ctl_program_arg(argc, argv, &rc);
    if (!p)
        return rc;
    store *s = ctl_store(c);
    struct receipt_keys *k = NULL;
    char err[512] = "";
    kiosk_status st = s ? receipt_keys_open(s, &k, err, sizeof err) : KIOSK_E_IO;
    if (st == KIOSK_OK)
        st = trust_enrol(s, k, p, err, sizeof err);
    char line[256];
    trust_program_line(p, line, sizeof line);
    trust_program_free(p);
    if (st != KIOSK_OK) {
        receipt_keys_close(k);
        if (s)
            ctl_error("%s", err[0] ? err : kiosk_status_name(st));
        return CTL_REFUSED;
    }
    printf("kiosk %s enrolled: key %s certified by %s\n", store_kiosk_id(s), receipt_keys_id(k),
           line);
    receipt_keys_close(k);
    return CTL_OK;
}
