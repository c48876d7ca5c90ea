/* Sync's side of trust (docs/TRUST.md): sealing this kiosk's rows before they leave, and the
 * check every arriving row goes through (kiosk/core/trust/records.h). */
#include "sync_internal.h"
#include "sync_trust.h"

#include "trust/trust.h"

#include <string.h>
#include <unistd.h>

kiosk_status sync_trust_seal(store *s, char *err, size_t errlen)
{
    struct receipt_keys *k = NULL;
    kiosk_status st = receipt_keys_open(s, &k, err, errlen);
    long n = 0;
    if (st == KIOSK_OK)
        st = trust_seal_own(s, k, &n, err, errlen);
    receipt_keys_close(k);
    if (st == KIOSK_OK && n)
        kiosk_log(KIOSK_LOG_INFO, "sealed %ld records of '%s'", n, store_path(s));
    return st;
}

kiosk_status sync_trust_seal_peer(store *peer, char *err, size_t errlen)
{
    char key[4200];
    kiosk_fmt(key, sizeof key, "%s.key", store_path(peer));
    if (access(key, R_OK) != 0)
        return KIOSK_OK; /* a stick: it carries rows, it writes none of its own */
    return sync_trust_seal(peer, err, errlen);
}

kiosk_status sync_trust_check_open(store *s, const char *program, const char *other_schema,
                                   struct trust_check **out)
{
    kiosk_status st = trust_check_new(program, out);
    if (st == KIOSK_OK && program[0])
        st = trust_check_feed_store(*out, s, "main");
    if (st == KIOSK_OK && program[0] && other_schema)
        st = trust_check_feed_store(*out, s, other_schema);
    return st;
}

const char *sync_trust_row(void *ctx, int table, const struct store_value *v)
{
    return trust_check_row(ctx, table, &sync_tables[table], v);
}
