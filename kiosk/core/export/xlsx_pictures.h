/* Pictures on a sheet in constant memory: the second pass of an XLSX sheet with signatures.
 *
 * libxlsxwriter keeps every inserted picture (its bytes, its properties, its drawing object)
 * until the workbook closes: 20,000 signatures cost ~17 MiB, a signature on each of 1M
 * check-ins much more. So while the sheet is written (pass 1) each picture goes to a spool
 * on disk, its bytes once (identical pictures are stored once) and its anchor as a record;
 * only the first is also given to libxlsxwriter, so that its file has the drawing part, its
 * relationships and the PNG content type. Pass 2 copies libxlsxwriter's file entry by entry
 * (raw, never recompressed) into the final file, replacing the drawing and its relationships
 * with ones listing every picture (streamed from the spool) and adding the pictures as
 * xl/media/imageN.png. Memory: a fixed table for finding identical pictures, plus minizip's
 * central directory (about 70 bytes a picture). docs/EXPORTS.md. */
#ifndef KIOSK_EXPORT_XLSX_PICTURES_H
#define KIOSK_EXPORT_XLSX_PICTURES_H

#include "common.h"

#include <stdint.h>

/* Where a picture sits: from the cell (row, col) plus offsets, to the cell (to_row, to_col)
 * plus offsets, all in pixels as libxlsxwriter counts them; x_abs, y_abs from the sheet's
 * top-left corner; width and height the size drawn. */
struct xlsx_picture {
    uint32_t row, col, to_row, to_col;
    double x_off, y_off, to_x_off, to_y_off;
    double width, height;
    uint32_t x_abs, y_abs;
};

struct xlsx_pictures;

/* Spools in anonymous temporary files (gone when the process ends, whatever happens); NULL
 * when they cannot be made. */
struct xlsx_pictures *xlsx_pictures_new(void);
/* Adds a PNG at pic. 1 when it is the sheet's first picture, which the caller also inserts
 * into the workbook (libxlsxwriter then writes the drawing part that pass 2 fills). -1 when
 * the spool cannot be written (xlsx_pictures_finish then fails). */
int xlsx_pictures_add(struct xlsx_pictures *p, const struct xlsx_picture *pic, const void *png,
                      size_t len);
/* Pictures added, and distinct pictures stored. */
long xlsx_pictures_count(const struct xlsx_pictures *p, long *distinct);
/* Pass 2: writes to `to` the workbook at `from` (libxlsxwriter's, closed) with every picture.
 * err: one line. */
kiosk_status xlsx_pictures_finish(struct xlsx_pictures *p, const char *from, const char *to,
                                  char *err, size_t errlen);
void xlsx_pictures_free(struct xlsx_pictures *p);

#endif
