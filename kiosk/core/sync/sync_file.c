/* File sync: this kiosk's database and another kiosk database (USB stick, laptop), through
 * ATTACH. Rows coming in pass through a private staging database (checked there, merged in
 * one short transaction); rows going out are one transaction on the other file. Each side's
 * write compares ids, so an interrupted run leaves each side whole and a rerun moves only
 * what is still missing. */
#include "sync_internal.h"
#include "sync_trust.h"

#include "store/foreign.h"
#include "store/trust_rows.h"
#include "trust/trust.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

/* The longest a file sync may run: past it, the statement stops and everything rolls back. */
#define SYNC_FILE_DEADLINE_MS (10 * 60 * 1000)

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

/* A file from outside is checked on its own defensive read-only connection first
 * (docs/TRUST.md): a view, a trigger a kiosk never makes, damage: refused untouched. Then
 * opening it as a store checks it is a kiosk file, brings an older schema up to date, and
 * refuses a newer one. A file that does not exist yet is made (a new stick). */
static kiosk_status open_peer(const char *path, store **peer, char *err, size_t errlen)
{
    kiosk_status st = store_foreign_check(path, 30000, err, errlen);
    if (st != KIOSK_OK)
        return st;
    struct stat sb;
    int exists = stat(path, &sb) == 0 || errno != ENOENT;
    return exists ? store_open_existing(path, peer, err, errlen)
                  : store_open(path, peer, err, errlen);
}

/* Each side's own rows are sealed before they move (docs/TRUST.md); closes peer. */
static kiosk_status seal_both(store *s, store *peer, char program[65], char peer_program[65],
                              char *err, size_t errlen)
{
    trust_program_of(peer, peer_program);
    trust_program_of(s, program);
    kiosk_status st = sync_trust_seal_peer(peer, err, errlen);
    store_close(peer);
    if (st == KIOSK_OK)
        st = sync_trust_seal(s, err, errlen);
    return st;
}

static const char *const no_check = "cannot read the certificates and seals";

/* One direction, each arriving row checked for the receiving side's program. */
static kiosk_status move_checked(store *s, const char *from, const char *to, const char *program,
                                 long *moved, long *already, long *held, long *refused, char *err,
                                 size_t errlen)
{
    struct trust_check *c = NULL;
    kiosk_status st = sync_trust_check_open(s, program, "peer", &c);
    if (st == KIOSK_OK)
        st = trust_check_finish(c);
    if (st == KIOSK_OK)
        st = store_sync_set_check(s, sync_tables, SYNC_TABLES, sync_trust_row, c);
    if (st == KIOSK_OK)
        st = store_sync_move_all(s, sync_tables, SYNC_TABLES, from, to, moved, already, held,
                                 refused, sync_step, err, errlen);
    else
        kiosk_fmt(err, errlen, "%s: %s", no_check, kiosk_status_name(st));
    store_sync_set_check(s, sync_tables, SYNC_TABLES, NULL, NULL);
    trust_check_free(c);
    return st;
}

/* The staged rows checked for this kiosk's program (fed with what it holds and what came). */
static kiosk_status check_staged(store *s, const char *program, long *refused, char *err,
                                 size_t errlen)
{
    struct trust_check *c = NULL;
    kiosk_status st = sync_trust_check_open(s, program, "stage", &c);
    if (st == KIOSK_OK)
        st = trust_check_finish(c);
    if (st == KIOSK_OK)
        st = store_sync_set_check(s, sync_tables, SYNC_TABLES, sync_trust_row, c);
    if (st == KIOSK_OK)
        st = store_sync_stage_check(s, sync_tables, SYNC_TABLES, refused, err, errlen);
    else
        kiosk_fmt(err, errlen, "%s: %s", no_check, kiosk_status_name(st));
    store_sync_set_check(s, sync_tables, SYNC_TABLES, NULL, NULL);
    trust_check_free(c);
    return st;
}

/* The peer's rows into this kiosk through the staging database (docs/TRUST.md): copied and
 * checked in a private file while check-ins go on; only the merge of what passed takes this
 * kiosk's write lock, in one short transaction. */
static kiosk_status receive_staged(store *s, const char *program, struct sync_counts *c, char *err,
                                   size_t errlen)
{
    int64_t t[4] = {kiosk_mono_ms(), 0, 0, 0};
    kiosk_status st = store_sync_stage_open(s, sync_tables, SYNC_TABLES, err, errlen);
    if (st != KIOSK_OK)
        return st;
    st = store_sync_stage_copy(s, sync_tables, SYNC_TABLES, "peer", sync_step, err, errlen);
    t[1] = kiosk_mono_ms();
    if (st == KIOSK_OK)
        st = check_staged(s, program, c->refused, err, errlen);
    t[2] = kiosk_mono_ms();
    if (st == KIOSK_OK)
        st = store_sync_stage_merge(s, sync_tables, SYNC_TABLES, c->received, c->already, c->held,
                                    err, errlen);
    t[3] = kiosk_mono_ms();
    store_sync_stage_close(s);
    if (st == KIOSK_OK && sync_counts_total(c->received) + sync_counts_total(c->refused))
        kiosk_log(KIOSK_LOG_INFO,
                  "staged in %lld ms, checked in %lld ms, merged in %lld ms (this kiosk's write "
                  "lock): %ld rows in, %ld refused",
                  (long long)(t[1] - t[0]), (long long)(t[2] - t[1]), (long long)(t[3] - t[2]),
                  sync_counts_total(c->received), sync_counts_total(c->refused));
    return st;
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
    store *peer = NULL;
    char perr[512] = "";
    kiosk_status st = open_peer(path, &peer, perr, sizeof perr);
    if (st != KIOSK_OK) {
        kiosk_fmt(err, errlen, "%s", perr[0] ? perr : kiosk_status_name(st));
        if (why_key)
            *why_key = key_for(st);
        return st;
    }
    char serr[512] = "", peer_program[65], program[65];
    st = seal_both(s, peer, program, peer_program, serr, sizeof serr);
    if (st != KIOSK_OK) {
        kiosk_fmt(err, errlen, "%s", serr);
        if (why_key)
            *why_key = "sync.err.file";
        return st;
    }

    char aerr[512] = "";
    if (store_sync_attach(s, path, aerr, sizeof aerr) != KIOSK_OK) {
        kiosk_fmt(err, errlen, "cannot open '%s': %s", path, aerr);
        if (why_key)
            *why_key = "sync.err.file";
        return KIOSK_E_IO;
    }
    store_sync_guard(s, SYNC_FILE_DEADLINE_MS);
    st = receive_staged(s, program, c, serr, sizeof serr);
    if (st == KIOSK_OK) {
        long refused_there[SYNC_TABLES] = {0};
        sync_test_pause();
        st = move_checked(s, "main", "peer", peer_program, c->sent, c->already, c->held,
                          refused_there, serr, sizeof serr);
        if (sync_counts_total(refused_there))
            kiosk_log(KIOSK_LOG_WARN, "'%s' refused %ld of this kiosk's records", path,
                      sync_counts_total(refused_there));
    }
    store_sync_set_check(s, sync_tables, SYNC_TABLES, NULL, NULL);
    store_sync_guard(s, 0);
    store_sync_detach(s);
    if (st != KIOSK_OK) {
        kiosk_fmt(err, errlen, "sync with '%s' stopped: %s (%s); a rerun completes it", path, serr,
                  kiosk_status_name(st));
        if (why_key)
            *why_key = "sync.err.file";
    }
    return st;
}
