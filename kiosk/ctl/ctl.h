/* kioskctl's commands: one file a command (cmd_<name>.c), each a function taking the
 * remaining arguments. Exit codes: 0 done, 1 refused (one line on stderr), 2 usage. */
#ifndef KIOSK_CTL_H
#define KIOSK_CTL_H

#include "store/store.h"

enum { CTL_OK = 0, CTL_REFUSED = 1, CTL_USAGE = 2 };

struct ctl {
    const char *db_path; /* --db, or the default */
    store *store;        /* opened by ctl_store */
};

/* Opens the database (creating it) once; prints the reason and returns NULL on failure. */
store *ctl_store(struct ctl *c);
/* Run as root on another user's database: gives the files of the database it made (key,
 * journals) back to the owner of the database's folder (ctl_owner.c). */
void ctl_keep_owner(const char *db_path);
/* Prints "kioskctl: <msg>" to stderr. */
void ctl_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The value after a --flag: returns argv[i+1] and advances *i, or NULL (usage error). */
const char *ctl_flag_value(int argc, char **argv, int *i);
/* A new PIN from standard input: typed twice, hidden, on a terminal; one line otherwise.
 * 0 (with a message) when none or the two differ. */
int ctl_read_pin(char *pin, size_t cap);

/* Reads a CSV or XLSX file into book (sheet.h); prints "FILE[:LINE]: reason" and returns 0
 * when it cannot (export strings loaded first). */
struct sheet_book;
int ctl_read_sheet(const char *path, struct sheet_book *book);

int ctl_cmd_init(struct ctl *c, int argc, char **argv);
int ctl_cmd_event(struct ctl *c, int argc, char **argv);
int ctl_cmd_roster(struct ctl *c, int argc, char **argv);
int ctl_cmd_program(struct ctl *c, int argc, char **argv);
int ctl_cmd_session(struct ctl *c, int argc, char **argv);
/* event add|edit|cancel, session add|move|cancel (cmd_change.c). */
int ctl_program_change(struct ctl *c, int is_session, int argc, char **argv);
int ctl_cmd_export(struct ctl *c, int argc, char **argv);
int ctl_cmd_receipt(struct ctl *c, int argc, char **argv);
int ctl_cmd_keys(struct ctl *c, int argc, char **argv);
int ctl_cmd_sync(struct ctl *c, int argc, char **argv);
int ctl_cmd_pin(struct ctl *c, int argc, char **argv);
int ctl_cmd_program_key(struct ctl *c, int argc, char **argv);
int ctl_cmd_enrol(struct ctl *c, int argc, char **argv);
/* --program-key FILE, the only option of argv: the loaded key, or NULL with *rc set. */
struct trust_program;
struct trust_program *ctl_program_arg(int argc, char **argv, int *rc);
int ctl_cmd_people(struct ctl *c, int argc, char **argv);
int ctl_cmd_attendance(struct ctl *c, int argc, char **argv);
int ctl_cmd_voice(struct ctl *c, int argc, char **argv);

#endif
