#include "qr.h"

#include "kiosk_png.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

kiosk_status qr_encode(const char *text, struct qr_matrix *out)
{
    memset(out, 0, sizeof *out);
    if (!text || !text[0])
        return KIOSK_E_INVALID;
    /* QR_MODE_8 with case-sensitive off lets libqrencode pick alphanumeric segments for
     * upper-case base32 texts, the compact mode receipts are designed for. */
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return KIOSK_E_INVALID;
    out->size = q->width;
    out->version = q->version;
    out->modules = malloc((size_t)q->width * (size_t)q->width);
    if (!out->modules) {
        QRcode_free(q);
        return KIOSK_E_NOMEM;
    }
    for (int i = 0; i < q->width * q->width; i++)
        out->modules[i] = q->data[i] & 1;
    QRcode_free(q);
    return KIOSK_OK;
}

void qr_matrix_release(struct qr_matrix *m)
{
    free(m->modules);
    m->modules = NULL;
    m->size = 0;
}

kiosk_status qr_render_grey(const struct qr_matrix *m, int module_px, int quiet, uint8_t **out,
                            int *side)
{
    *out = NULL;
    *side = 0;
    /* 64 px modules of a version 40 code are 11 MB: the largest picture anyone needs. */
    if (!m->modules || m->size <= 0 || module_px < 1 || module_px > 64 || quiet < 0 || quiet > 16)
        return KIOSK_E_INVALID;
    int n = (m->size + 2 * quiet) * module_px;
    uint8_t *px = malloc((size_t)n * (size_t)n);
    if (!px)
        return KIOSK_E_NOMEM;
    memset(px, 255, (size_t)n * (size_t)n);
    for (int y = 0; y < m->size; y++)
        for (int x = 0; x < m->size; x++) {
            if (!m->modules[y * m->size + x])
                continue;
            int y0 = (y + quiet) * module_px, x0 = (x + quiet) * module_px;
            for (int dy = 0; dy < module_px; dy++)
                memset(px + (size_t)(y0 + dy) * (size_t)n + x0, 0, (size_t)module_px);
        }
    *out = px;
    *side = n;
    return KIOSK_OK;
}

kiosk_status qr_text_grey(const char *text, int module_px, int quiet, uint8_t **out, int *side)
{
    struct qr_matrix m;
    kiosk_status st = qr_encode(text, &m);
    if (st != KIOSK_OK)
        return st;
    st = qr_render_grey(&m, module_px, quiet, out, side);
    qr_matrix_release(&m);
    return st;
}

kiosk_status qr_write_png(const char *text, int module_px, const char *path, int mode, int *side_px)
{
    uint8_t *px = NULL;
    int side = 0;
    kiosk_status st = qr_text_grey(text, module_px, 4, &px, &side);
    if (st == KIOSK_OK)
        st = kiosk_png_write(path, px, side, side, 1, (size_t)side, mode);
    free(px);
    if (st == KIOSK_OK && side_px)
        *side_px = side;
    return st;
}
