/* kioskctl program-key new --out FILE: the program's signing key, made once by the
 * coordinator (secret in FILE, mode 0600; the public part printed).
 * kioskctl program-key enrolment-file --program-key KEY --out FILE.enrol [--days N] [--pin]:
 * an enrolment file for a stick (docs/TRUST.md): it enrols kiosks without the program key.
 * kioskctl enrol --file FILE.enrol: enrols this kiosk with one.
 * kioskctl enrol --program-key FILE: certifies this kiosk's receipt key for the program, so
 * other kiosks of the program trust its receipts and records (docs/TRUST.md). */
#include "admin/pin.h"
#include "ctl.h"
#include "trust/trust.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int program_key_new(int argc, char **argv)
{
    const char *out = NULL;
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

struct grant_args {
    const char *key, *out;
    long days;
    int pin;
};

static int grant_args(int argc, char **argv, struct grant_args *g)
{
    *g = (struct grant_args){NULL, NULL, 7, 0};
    for (int i = 1; i < argc; i++) {
        const char *v = NULL;
        if (strcmp(argv[i], "--pin") == 0)
            g->pin = 1;
        else if (strcmp(argv[i], "--program-key") == 0 && (v = ctl_flag_value(argc, argv, &i)))
            g->key = v;
        else if (strcmp(argv[i], "--out") == 0 && (v = ctl_flag_value(argc, argv, &i)))
            g->out = v;
        else if (strcmp(argv[i], "--days") == 0 && (v = ctl_flag_value(argc, argv, &i)))
            g->days = strtol(v, NULL, 10);
        else {
            ctl_error("unknown argument '%s'", argv[i]);
            return 0;
        }
    }
    if (g->days < 1 || g->days > 90) {
        ctl_error("--days is 1 to 90");
        return 0;
    }
    return g->key && g->out && g->out[0];
}

/* program-key enrolment-file --program-key KEY --out FILE [--days N] [--pin] */
static int program_key_grant(int argc, char **argv)
{
    struct grant_args g;
    if (!grant_args(argc, argv, &g))
        return CTL_USAGE;
    char pin[64], hash[PIN_HASH_LEN], err[512] = "", line[256];
    if (g.pin && (!ctl_read_pin(pin, sizeof pin) || pin_hash_new(pin, hash) != KIOSK_OK)) {
        ctl_error("a PIN is %d to %d digits (0-9); no file was made", PIN_MIN_DIGITS,
                  PIN_MAX_DIGITS);
        return CTL_REFUSED;
    }
    struct trust_program *p = NULL;
    kiosk_status st = trust_program_key_load(g.key, &p, err, sizeof err);
    int64_t until = kiosk_clock_now_ms() + g.days * 24LL * 3600 * 1000;
    if (st == KIOSK_OK)
        st = trust_enrol_file_new(p, until, g.pin ? hash : NULL, g.out, line, sizeof line, err,
                                  sizeof err);
    trust_program_free(p);
    if (st != KIOSK_OK) {
        ctl_error("%s", err[0] ? err : kiosk_status_name(st));
        return CTL_REFUSED;
    }
    printf("%s\n", line);
    fprintf(stderr,
            "kioskctl: '%s' enrols kiosks into the program for %ld days (admin screen, "
            "'%s' tab, on a stick; or 'kioskctl enrol --file %s'); keep it like a key, withdraw it "
            "with 'kioskctl keys revoke GRANT_ID --program-key %s'\n",
            g.out, g.days, "Đồng bộ", g.out, g.key);
    return CTL_OK;
}

int ctl_cmd_program_key(struct ctl *c, int argc, char **argv)
{
    (void)c;
    if (argc >= 1 && strcmp(argv[0], "new") == 0)
        return program_key_new(argc, argv);
    if (argc >= 1 && strcmp(argv[0], "enrolment-file") == 0)
        return program_key_grant(argc, argv);
    return CTL_USAGE;
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

/* enrol --file FILE.enrol: with an enrolment file instead of the program key. */
static int enrol_file(struct ctl *c, const char *path)
{
    store *s = ctl_store(c);
    if (!s)
        return CTL_REFUSED;
    struct trust_enrolled r;
    char err[512] = "";
    kiosk_status st = trust_enrol_file(s, path, 0, &r, NULL, err, sizeof err);
    if (st != KIOSK_OK) {
        ctl_error("%s", err[0] ? err : kiosk_status_name(st));
        return CTL_REFUSED;
    }
    printf("kiosk %s %s: key %s certified by program %s through enrolment file %s%s\n",
           store_kiosk_id(s), r.already ? "was already enrolled" : "enrolled", r.key_id,
           r.program_id, r.grant_id, r.pin_set ? "; admin PIN set from the file" : "");
    return CTL_OK;
}

int ctl_cmd_enrol(struct ctl *c, int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[0], "--file") == 0)
        return enrol_file(c, argv[1]);
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
