/* kioskctl: the coordinator's command line (INTERFACE.md). */
#include "ctl.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(struct ctl *c, int argc, char **argv);
    const char *usage;
} commands[] = {
    /* name      function          usage */
    {"init", ctl_cmd_init, "init [--demo]"},
    {"event", ctl_cmd_event,
     "event list | event add CODE --kind class|fair --title T [--sessions S ...] | event edit CODE "
     "[--title T --capacity N --sessions S ...] | event cancel CODE"},
    {"session", ctl_cmd_session,
     "session add CODE 'dd/mm/yyyy HH:MM-HH:MM' | session move CODE N 'dd/mm/yyyy HH:MM-HH:MM' | "
     "session cancel CODE N"},
    {"program", ctl_cmd_program,
     "program template --out FILE.xlsx|FILE.csv | program import FILE.xlsx|FILE.csv [--dry-run]"},
    {"roster", ctl_cmd_roster, "roster import --event CODE FILE.csv|FILE.xlsx"},
    {"export", ctl_cmd_export,
     "export (--event CODE | --summary | --leads --event CODE) [--format csv|xlsx] --out FILE"
     " [--lang vi|en]"},
    {"receipt", ctl_cmd_receipt,
     "receipt list [--event CODE] | receipt verify TEXT | receipt png CODE --out FILE [--lang "
     "vi|en]"},
    {"keys", ctl_cmd_keys,
     "keys show | keys list | keys trust FILE | keys revoke KEYID --program-key FILE"},
    {"program-key", ctl_cmd_program_key,
     "program-key new --out FILE | program-key enrolment-file --program-key FILE --out FILE.enrol"
     " [--days N] [--pin]"},
    {"enrol", ctl_cmd_enrol, "enrol --program-key FILE | enrol --file FILE.enrol"},
    {"sync", ctl_cmd_sync, "sync --with PATH.db | sync --with postgresql://..."},
    {"pin", ctl_cmd_pin, "pin set"},
    {"attendance", ctl_cmd_attendance,
     "attendance mark --event CODE --session N --person ID present|absent|excused --reason TEXT"
     " | attendance cancel-checkout --event CODE --session N --person ID --reason TEXT"},
    {"people", ctl_cmd_people,
     "people duplicates [--event CODE] | people merge ID ID | people unmerge ID [--lang vi|en]"},
    {"voice", ctl_cmd_voice,
     "voice say [--lang vi|en] [--as-is] --out FILE.wav TEXT | voice spoken [--lang vi|en] TEXT"},
};

static void usage(FILE *to)
{
    fprintf(to, "usage: kioskctl [--db PATH] COMMAND ...\n");
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(commands); i++)
        fprintf(to, "  kioskctl [--db PATH] %s\n", commands[i].usage);
}

void ctl_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("kioskctl: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

const char *ctl_flag_value(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) {
        ctl_error("'%s' needs a value", argv[*i]);
        return NULL;
    }
    (*i)++;
    return argv[*i];
}

store *ctl_store(struct ctl *c)
{
    if (c->store)
        return c->store;
    char err[512] = "";
    kiosk_status st = store_open(c->db_path, &c->store, err, sizeof err);
    ctl_keep_owner(c->db_path);
    if (st != KIOSK_OK) {
        ctl_error("%s", err[0] ? err : kiosk_status_name(st));
        return NULL;
    }
    return c->store;
}

int main(int argc, char **argv)
{
    char default_db[4096];
    struct ctl c = {0};
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (strcmp(argv[i], "--db") == 0) {
            c.db_path = ctl_flag_value(argc, argv, &i);
            if (!c.db_path)
                return CTL_USAGE;
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return CTL_OK;
        } else if (strcmp(argv[i], "--version") == 0) {
            printf("kioskctl %s\n", kiosk_version());
            return CTL_OK;
        } else {
            ctl_error("unknown option '%s'", argv[i]);
            usage(stderr);
            return CTL_USAGE;
        }
    }
    if (i >= argc) {
        usage(stderr);
        return CTL_USAGE;
    }
    if (!c.db_path) {
        kiosk_default_db_path(default_db, sizeof default_db);
        c.db_path = default_db;
    }
    for (size_t k = 0; k < KIOSK_ARRAY_LEN(commands); k++) {
        if (strcmp(argv[i], commands[k].name) == 0) {
            int rc = commands[k].run(&c, argc - i - 1, argv + i + 1);
            if (rc == CTL_USAGE)
                fprintf(stderr, "usage: kioskctl [--db PATH] %s\n", commands[k].usage);
            store_close(c.store);
            ctl_keep_owner(c.store ? c.db_path : NULL);
            return rc;
        }
    }
    ctl_error("unknown command '%s'", argv[i]);
    usage(stderr);
    return CTL_USAGE;
}
