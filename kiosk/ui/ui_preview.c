/* The camera's live picture where a screen invites a scan, so a person can aim the paper or
 * the phone: a small grey image (the camera module shrinks each frame) scaled smoothly into
 * a framed box, a caption under it. A new frame is a new image key: only then does the draw
 * list change, so the screen is painted again only as often as the host hands frames in. */
#include "ui_internal.h"

#define VIEW_EDGE_PX 3

void ui_camera_view(ui_ctx *ui, const uint8_t *px, int pw, int ph, uint64_t key,
                    const char *caption, int max_h_px)
{
    if (!px || pw <= 0 || ph <= 0)
        return;
    int w = ui_layout_width(ui), gap = ui_px(ui, 8), edge = ui_px(ui, VIEW_EDGE_PX);
    int vh = ui_px(ui, max_h_px), vw = vh * pw / ph;
    if (vw > w) {
        vw = w;
        vh = vw * ph / pw;
    }
    int cap_h = caption && *caption ? ui_para_height(ui, UI_FONT_SMALL, caption, w, 2) : 0;
    ui_rect r = ui_layout_next(ui, vh + 2 * edge + (cap_h ? gap + cap_h : 0));
    ui_rect box = {r.x + (r.w - vw - 2 * edge) / 2, r.y, vw + 2 * edge, vh + 2 * edge};
    ui_draw_box(ui, box, ui->theme.text, ui->theme.border, edge, ui_px(ui, 6), -1);
    ui_rect img = {box.x + edge, box.y + edge, vw, vh};
    ui_draw_image_scaled(ui, img, px, pw, ph, key ^ 0xCA3Eull << 48, -1, 1);
    if (cap_h) {
        ui_rect cb = {r.x, box.y + box.h + gap, r.w, cap_h};
        ui_draw_para(ui, cb, UI_FONT_SMALL, ui->theme.muted, caption, UI_ALIGN_CENTRE, -1, 2);
    }
}
