/* The QR view: the matrix as a small grey image the backend scales by whole modules
 * (nearest neighbour), so the code stays sharp and the draw list stays small. */
#include "ui_internal.h"

#include <stdlib.h>
#include <string.h>

#define QR_QUIET_MODULES 4
#define QR_MODULE_MIN_PX 6

static uint64_t key_of(const char *text)
{
    uint64_t h = 1469598103934665603ull;
    for (; *text; text++) {
        h ^= (unsigned char)*text;
        h *= 1099511628211ull;
    }
    return h ^ 0x5152ull; /* "QR": apart from other images' keys */
}

/* Encodes once per text: a receipt screen redraws it every frame it is shown. */
static int ensure_matrix(ui_ctx *ui, const char *text)
{
    if (ui->qr_text && strcmp(ui->qr_text, text) == 0)
        return ui->qr_px != NULL;
    free(ui->qr_text);
    free(ui->qr_px);
    ui->qr_px = NULL;
    ui->qr_text = strdup(text);
    uint8_t *px = NULL;
    int side = 0;
    if (qr_text_grey(text, 1, QR_QUIET_MODULES, &px, &side) != KIOSK_OK)
        return 0;
    ui->qr_px = px;
    ui->qr_side = side;
    ui->qr_key = key_of(text);
    return 1;
}

void ui_qr(ui_ctx *ui, const char *text, const char *caption)
{
    if (!text || !*text)
        return;
    int ok = ensure_matrix(ui, text);
    int w = ui_layout_width(ui);
    int gap = ui_px(ui, 8);
    int cap_h = caption && *caption ? ui_para_height(ui, UI_FONT_BODY, caption, w, 3) : 0;
    if (!ok) { /* a text QR cannot hold: say so in words instead of a broken picture */
        ui_message(ui, KIOSK_MSG_ERROR, ui_tr(ui, "ui.qr_failed"));
        return;
    }
    int modules = ui->qr_side;
    int max_side = w < ui->height * 55 / 100 ? w : ui->height * 55 / 100;
    if (ui->qr_target_px > 0 && ui->qr_target_px < max_side)
        max_side = ui->qr_target_px;
    int module = max_side / modules;
    if (module < QR_MODULE_MIN_PX)
        module = QR_MODULE_MIN_PX;
    int side = modules * module;
    ui->qr_side_px = side;
    ui->qr_in_area = 1;
    ui_rect r = ui_layout_next(ui, side + (cap_h ? gap + cap_h : 0));
    ui_rect img = {r.x + (r.w - side) / 2, r.y, side, side};
    ui_draw_image(ui, img, ui->qr_px, modules, modules, ui->qr_key, -1);
    if (cap_h) {
        ui_rect cb = {r.x, r.y + side + gap, r.w, cap_h};
        ui_draw_para(ui, cb, UI_FONT_BODY, ui->theme.text, caption, UI_ALIGN_CENTRE, -1, 3);
    }
}
