/* Internal to kiosk/core/sync: sealing and checking rows (docs/TRUST.md). */
#ifndef KIOSK_SYNC_TRUST_H
#define KIOSK_SYNC_TRUST_H

#include "trust/records.h"

/* Seals this kiosk's rows not sealed yet, with its receipt key. */
kiosk_status sync_trust_seal(store *s, char *err, size_t errlen);
/* The same for a peer file that is another kiosk's database (its key file beside it); a
 * stick (no key file) is left as it is. */
kiosk_status sync_trust_seal_peer(store *peer, char *err, size_t errlen);
/* A checker for rows arriving in a database of program ("" : not enrolled), fed with the
 * certificates, revocations and seals of main and other_schema (NULL: main only); call
 * trust_check_finish after feeding more. */
kiosk_status sync_trust_check_open(store *s, const char *program, const char *other_schema,
                                   struct trust_check **out);
/* store_row_check_fn over trust_check_row. */
const char *sync_trust_row(void *ctx, int table, const struct store_value *v);

#endif
