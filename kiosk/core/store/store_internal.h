/* Internal to kiosk/core/store: the schema's migrations. */
#ifndef KIOSK_STORE_INTERNAL_H
#define KIOSK_STORE_INTERNAL_H

#include "store.h"

const char *store_schema_migration(int to_version);

#endif
