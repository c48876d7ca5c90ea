/* Writing an export file whole or not at all: FILE.tmp made with the final mode (0600 for
 * anything holding phone numbers; umask cannot widen it), renamed over FILE when complete.
 * Never leaves a half file under FILE's name. */
#ifndef KIOSK_EXPORT_FILE_H
#define KIOSK_EXPORT_FILE_H

#include "common.h"

struct export_file {
    char path[4096];
    char tmp[4096 + 8];
    int fd; /* open on tmp; -1 once closed (e.g. handed over by name to libxlsxwriter) */
};

/* The name of an export in dir: "<dir>/<code>_<what>_<yyyymmdd>.<ext>" (code may be NULL or
 * "": "<what>_<yyyymmdd>.<ext>"). An event code came from other kiosks (sync) and a USB
 * stick may carry anything: every byte of code and what outside [A-Za-z0-9-] becomes '_', so
 * "../../x" or "a/b" can never name a file outside dir; an empty result becomes "su-kien".
 * KIOSK_E_INVALID when the path does not fit cap. */
kiosk_status export_file_name(char *out, size_t cap, const char *dir, const char *code,
                              const char *what, int64_t at_ms, const char *ext);

/* Creates path.tmp (replacing a stale one from a crash) with exactly mode. err: one line. */
kiosk_status export_file_open(struct export_file *f, const char *path, int mode, char *err,
                              size_t errlen);
/* Closes fd, leaving tmp for a writer that opens it by name (it keeps tmp's mode). */
void export_file_close_fd(struct export_file *f);
/* Flushes tmp to disk and renames it to path. On failure tmp is removed. */
kiosk_status export_file_commit(struct export_file *f, char *err, size_t errlen);
/* Removes tmp: nothing of this export remains. */
void export_file_abort(struct export_file *f);

#endif
