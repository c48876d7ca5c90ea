/* ESC/POS for 58/80 mm thermal printers: a receipt as a byte stream (text lines as raster
 * images, the QR by the printer's own GS ( k command, a cut) and sending it to a device
 * path or tcp:HOST:9100. Never renders text (the kiosk renders with its font) and never
 * crashes or blocks for long on a missing printer: every failure is a status. */
#ifndef KIOSK_ESCPOS_H
#define KIOSK_ESCPOS_H

#include "common.h"

#define ESCPOS_MAX_WIDTH_DOTS 576 /* 80 mm paper; 58 mm paper is 384 */
#define ESCPOS_BAND_ROWS 255      /* rows per GS v 0 block: small printer buffers cope */

/* An 8-bit grey bitmap, 0 white .. 255 black (host_text_raster's convention), rows of
 * width bytes. Pixels of 128 and over print. */
struct escpos_image {
    const uint8_t *pixels;
    int width, height; /* width <= ESCPOS_MAX_WIDTH_DOTS */
};

struct escpos_receipt {
    const struct escpos_image *above; /* lines printed above the QR (event, kind, date) */
    size_t above_count;
    const char *qr_text;              /* the receipt text, stored in the printer's QR */
    int qr_module_dots;               /* 1..16; 0 picks 6 */
    const struct escpos_image *below; /* lines under the QR (the short code) */
    size_t below_count;
    int feed_lines; /* before the cut; 0 picks 4 */
};

/* The stream: ESC @, centred; each image as GS v 0 bands; GS ( k model 2, module size,
 * level M, store, print; ESC d feed; GS V partial cut. *out: free(). KIOSK_E_INVALID for an
 * image wider than the paper or a QR text over 7000 bytes. */
kiosk_status escpos_build(const struct escpos_receipt *r, uint8_t **out, size_t *len);

/* Sends a stream to target: "tcp:HOST" or "tcp:HOST:PORT" (port 9100 when missing), else a
 * device or file path that must exist (written in append mode). Gives up after timeout_ms.
 * KIOSK_E_UNAVAILABLE: unplugged, unreachable, not answering or out of paper;
 * KIOSK_E_DENIED: no permission; KIOSK_E_INVALID: a malformed target; KIOSK_E_IO: other.
 * *why_key: "receipt.print.unplugged", ".no_paper" or ".failed", for people; detail (may
 * be NULL): an English line for the log. */
kiosk_status escpos_send(const char *target, const uint8_t *data, size_t len, int timeout_ms,
                         const char **why_key, char *detail, size_t detail_cap);

#endif
