/* kioskctl run as root (sudo) on a database that belongs to another user (the kiosk service's
 * /var/lib/kiosk/kiosk.db): every file of that database it made or touched is given back to
 * the owner of the database's folder, so the service can still read its own key and log.
 * SQLite already gives its -wal/-shm/-journal files the database file's owner when run as
 * root; the kiosk's own files beside the database (the signing key and its temporary) are
 * handed back here. */
#include "ctl.h"

#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void ctl_keep_owner(const char *db_path)
{
    if (geteuid() != 0 || !db_path)
        return;
    char copy[4096];
    if (kiosk_strlcpy(copy, db_path, sizeof copy))
        return;
    struct stat dir;
    if (stat(dirname(copy), &dir) != 0 || dir.st_uid == 0)
        return; /* root's own folder: nothing to give back */
    static const char *const suffixes[] = {"",     "-wal",     "-shm",        "-journal",
                                           ".key", ".key.tmp", ".program.pub"};
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(suffixes); i++) {
        char path[4200];
        struct stat st;
        snprintf(path, sizeof path, "%s%s", db_path, suffixes[i]);
        if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_uid != 0)
            continue;
        if (lchown(path, dir.st_uid, dir.st_gid) != 0)
            ctl_error("cannot give '%s' back to its folder's owner (uid %u): the kiosk service "
                      "may not read it; run: chown %u:%u '%s'",
                      path, (unsigned)dir.st_uid, (unsigned)dir.st_uid, (unsigned)dir.st_gid, path);
    }
}
