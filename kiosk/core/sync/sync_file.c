/* File sync: this kiosk's database and another kiosk database (USB stick, laptop), through
 * ATTACH. Each direction is one transaction on the side it writes, and compares ids, so an
 * interrupted run leaves each side whole and a rerun moves only what is still missing. */
#include "sync_internal.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

static int same_file(const char *a, const char *b)
{
    struct stat sa, sb;
    if (stat(a, &sa) != 0 || stat(b, &sb) != 0)
        return 0;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static const char *key_for(kiosk_status st)
{
    if (st == KIOSK_E_CORRUPT)
        return "sync.err.not_kiosk";
    if (st == KIOSK_E_NEWER)
        return "sync.err.newer";
    return "sync.err.file";
}

kiosk_status sync_file_run(store *s, const char *path, struct sync_counts *c, const char **why_key,
                           char *err, size_t errlen)
{
    if (same_file(store_path(s), path)) {
        kiosk_fmt(err, errlen, "'%s' is this kiosk's own database: give the other kiosk's file",
                  path);
        if (why_key)
            *why_key = "sync.err.same_file";
        return KIOSK_E_INVALID;
    }
    /* Opening the peer as a store checks it is a kiosk file (refusing anything else without
     * touching it), brings an older schema up to date, and refuses a newer one. */
    struct stat sb;
    int exists = stat(path, &sb) == 0 || errno != ENOENT;
    store *peer = NULL;
    char perr[512] = "";
    kiosk_status st = exists ? store_open_existing(path, &peer, perr, sizeof perr)
                             : store_open(path, &peer, perr, sizeof perr);
    if (st != KIOSK_OK) {
        kiosk_fmt(err, errlen, "%s", perr[0] ? perr : kiosk_status_name(st));
        if (why_key)
            *why_key = key_for(st);
        return st;
    }
    store_close(peer);

    char aerr[512] = "";
    if (store_sync_attach(s, path, aerr, sizeof aerr) != KIOSK_OK) {
        kiosk_fmt(err, errlen, "cannot open '%s': %s", path, aerr);
        if (why_key)
            *why_key = "sync.err.file";
        return KIOSK_E_IO;
    }
    char serr[512] = "";
    st = store_sync_move_all(s, sync_tables, SYNC_TABLES, "peer", "main", c->received, c->already,
                             c->held, sync_test_pause, serr, sizeof serr);
    if (st == KIOSK_OK) {
        sync_test_pause();
        st = store_sync_move_all(s, sync_tables, SYNC_TABLES, "main", "peer", c->sent, c->already,
                                 c->held, sync_test_pause, serr, sizeof serr);
    }
    store_sync_detach(s);
    if (st != KIOSK_OK) {
        kiosk_fmt(err, errlen, "sync with '%s' stopped: %s (%s); a rerun completes it", path, serr,
                  kiosk_status_name(st));
        if (why_key)
            *why_key = "sync.err.file";
    }
    return st;
}
