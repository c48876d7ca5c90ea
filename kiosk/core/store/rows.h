/* Rows the store reads for the other core modules (export, receipt, sync): a cursor over one
 * of the store's own queries, read by column. The SQL lives in the store; a module sees the
 * columns each query documents, never a statement. */
#ifndef KIOSK_STORE_ROWS_H
#define KIOSK_STORE_ROWS_H

#include "store.h"

typedef struct store_rows store_rows;

/* Called for each row of a query; anything but KIOSK_OK stops the query and is returned. */
typedef kiosk_status (*store_row_fn)(store_rows *r, void *ctx);

/* 1 with the next row, 0 at the end, -1 on a storage error (logged; store_rows_error). */
int store_rows_next(store_rows *r);
kiosk_status store_rows_error(const store_rows *r);
/* Back to before the first row (the same read transaction gives the same rows again). */
void store_rows_rewind(store_rows *r);
void store_rows_close(store_rows *r);

int store_rows_null(store_rows *r, int col);
int store_rows_int(store_rows *r, int col);
int64_t store_rows_i64(store_rows *r, int col);
/* Text of a column ("" for NULL), valid until the next row; len (may be NULL) its bytes. */
const char *store_rows_text(store_rows *r, int col, size_t *len);
void store_rows_copy(store_rows *r, int col, char *out, size_t cap);
/* A blob (NULL when empty or NULL), valid until the next row. */
const void *store_rows_blob(store_rows *r, int col, size_t *len);

#endif
