/* QR matrices for receipts (libqrencode): level M, alphanumeric mode when the text allows.
 * Only the matrix: the ui draws it, png.c and escpos.c write it. */
#ifndef KIOSK_QR_H
#define KIOSK_QR_H

#include "common.h"

struct qr_matrix {
    int size;         /* modules per side, without the quiet zone */
    int version;      /* QR version 1..40 */
    uint8_t *modules; /* size * size, 1 = dark; owned: qr_matrix_release */
};

kiosk_status qr_encode(const char *text, struct qr_matrix *out);
void qr_matrix_release(struct qr_matrix *m);
/* Grey pixels (0 black, 255 white) with a quiet zone of quiet modules, module_px each.
 * *out: free(); *side: width = height in pixels. */
kiosk_status qr_render_grey(const struct qr_matrix *m, int module_px, int quiet, uint8_t **out,
                            int *side);
/* text's QR as grey pixels, as qr_render_grey draws it (encoded, drawn, the matrix let go). */
kiosk_status qr_text_grey(const char *text, int module_px, int quiet, uint8_t **out, int *side);
/* A receipt's QR as a PNG file (module_px per module, quiet zone 4 modules), written whole
 * or not at all. *side_px (may be NULL) gets the picture's width = height. */
kiosk_status qr_write_png(const char *text, int module_px, const char *path, int mode,
                          int *side_px);

#endif
