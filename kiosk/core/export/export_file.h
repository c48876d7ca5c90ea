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
