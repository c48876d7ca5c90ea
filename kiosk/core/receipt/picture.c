/* A receipt's picture: the QR with the words of its screen under it (picture.h). */
#include "receipt/picture.h"

#include "kiosk_png.h"
#include "receipt/qr.h"

#include <stdlib.h>
#include <string.h>

#define PICTURE_MIN_W_PX 384 /* a QR of few modules still gets lines a phone can read */
#define PICTURE_PAD_PX 16    /* left and right of the text, between paragraphs */
#define PICTURE_GAP_PX 6     /* between paragraphs */
#define PICTURE_MAX_LINES 16 /* after wrapping */
#define PICTURE_TITLE_PX 30
#define PICTURE_LINE_PX 22
#define PICTURE_CODE_PX 30

static const char *kind_key(int kind)
{
    return kind == KIOSK_RECEIPT_ATTENDANCE ? "receipt.title.attendance"
           : kind == KIOSK_RECEIPT_VISIT    ? "receipt.title.visit"
                                            : "receipt.title.signup";
}

size_t receipt_picture_words(const struct kiosk_receipt *r, const struct receipt_when *w,
                             receipt_tr_fn tr, void *user, char paras[][KIOSK_TEXT_LEN], int px[])
{
    size_t n = 0;
    kiosk_strlcpy(paras[n], w->title[0] ? w->title : r->event_code, KIOSK_TEXT_LEN);
    px[n++] = PICTURE_TITLE_PX;
    if (r->session_number > 0)
        kiosk_fmt(paras[n], KIOSK_TEXT_LEN, "%s · %s %d", tr(user, kind_key(r->kind)),
                  tr(user, "receipt.session"), r->session_number);
    else
        kiosk_strlcpy(paras[n], tr(user, kind_key(r->kind)), KIOSK_TEXT_LEN);
    px[n++] = PICTURE_LINE_PX;
    if (w->place[0] || w->code[0]) {
        /* "mã\u00a0CODE": a no-break space keeps the word with the code */
        kiosk_fmt(paras[n], KIOSK_TEXT_LEN, "%s · %s\u00a0%s", w->place,
                  tr(user, "receipt.code_word"), w->code);
        px[n++] = PICTURE_LINE_PX;
    }
    receipt_when_text(w, tr, user, receipt_when_key(w), NULL, paras[n], KIOSK_TEXT_LEN);
    if (paras[n][0])
        px[n++] = PICTURE_LINE_PX;
    kiosk_fmt(paras[n], KIOSK_TEXT_LEN, "%s: %s", tr(user, "receipt.code"), r->short_code);
    px[n++] = PICTURE_CODE_PX;
    return n;
}

/* A rendered line: its pixels and where it goes. */
struct line {
    uint8_t *ink;
    int w, h;
    int gap; /* px above it: a new paragraph's */
};

/* The longest run of para's words from *pos that fits max_w (at least one word, cut by the
 * raster when wider), rendered; *pos moves past it. */
static kiosk_status next_line(const char *para, size_t *pos, int font_px, int max_w,
                              receipt_raster_fn raster, void *user, struct line *out)
{
    char buf[KIOSK_TEXT_LEN];
    size_t start = *pos, best = 0, end = start;
    while (para[start] == ' ')
        start++;
    end = start;
    for (;;) { /* grow a word at a time while it fits */
        size_t next = end;
        while (para[next] == ' ')
            next++;
        while (para[next] && para[next] != ' ')
            next++;
        if (next == end)
            break;
        size_t len = next - start < sizeof buf ? next - start : sizeof buf - 1;
        memcpy(buf, para + start, len);
        buf[len] = '\0';
        uint8_t *ink = NULL;
        int w = 0, h = 0;
        kiosk_status st = raster(user, buf, font_px, 0, &ink, &w, &h);
        free(ink);
        if (st != KIOSK_OK)
            return st;
        if (w > max_w && best > 0)
            break;
        best = next;
        end = next;
    }
    size_t len = best - start < sizeof buf ? best - start : sizeof buf - 1;
    memcpy(buf, para + start, len);
    buf[len] = '\0';
    *pos = best;
    return raster(user, buf, font_px, max_w, &out->ink, &out->w, &out->h);
}

/* Every paragraph's lines, in order; *count of them. */
static kiosk_status wrap_all(const char paras[][KIOSK_TEXT_LEN], const int px[], size_t n,
                             int max_w, receipt_raster_fn raster, void *user, struct line lines[],
                             size_t *count)
{
    *count = 0;
    for (size_t i = 0; i < n; i++) {
        size_t pos = 0;
        int first = i > 0; /* the paragraph's first line: a gap above */
        while (paras[i][pos] && *count < PICTURE_MAX_LINES) {
            kiosk_status st = next_line(paras[i], &pos, px[i], max_w, raster, user, &lines[*count]);
            if (st != KIOSK_OK)
                return st;
            lines[*count].gap = first ? PICTURE_GAP_PX : 0;
            first = 0;
            (*count)++;
            while (paras[i][pos] == ' ')
                pos++;
        }
    }
    return KIOSK_OK;
}

/* Copies a line's ink, centred, into the picture's grey pixels (255 white). */
static void place(uint8_t *pic, int pic_w, int top, const struct line *l)
{
    int left = (pic_w - l->w) / 2;
    for (int y = 0; y < l->h; y++)
        for (int x = 0; x < l->w; x++)
            pic[(size_t)(top + y) * (size_t)pic_w + (size_t)(left + x)] =
                (uint8_t)(255 - l->ink[(size_t)y * (size_t)l->w + (size_t)x]);
}

/* The QR's grey square, centred at the top of a white picture pic_w wide and height high. */
static uint8_t *canvas(const uint8_t *qr, int side, int pic_w, int height)
{
    uint8_t *pic = malloc((size_t)pic_w * (size_t)height);
    if (!pic)
        return NULL;
    memset(pic, 255, (size_t)pic_w * (size_t)height);
    int left = (pic_w - side) / 2;
    for (int y = 0; y < side; y++)
        memcpy(pic + (size_t)y * (size_t)pic_w + (size_t)left, qr + (size_t)y * (size_t)side,
               (size_t)side);
    return pic;
}

static kiosk_status compose(const uint8_t *qr, int side, const struct line *lines, size_t count,
                            const char *path, int mode, int *width_px, int *height_px)
{
    int pic_w = side > PICTURE_MIN_W_PX ? side : PICTURE_MIN_W_PX;
    int height = side + PICTURE_PAD_PX;
    for (size_t i = 0; i < count; i++)
        height += lines[i].gap + lines[i].h;
    uint8_t *pic = canvas(qr, side, pic_w, height);
    if (!pic)
        return KIOSK_E_NOMEM;
    int top = side; /* the QR's quiet zone is its margin above the text */
    for (size_t i = 0; i < count; i++) {
        top += lines[i].gap;
        place(pic, pic_w, top, &lines[i]);
        top += lines[i].h;
    }
    kiosk_status st = kiosk_png_write(path, pic, pic_w, height, 1, (size_t)pic_w, mode);
    free(pic);
    if (st == KIOSK_OK && width_px)
        *width_px = pic_w;
    if (st == KIOSK_OK && height_px)
        *height_px = height;
    return st;
}

kiosk_status receipt_picture_png(const char *qr_text, int module_px,
                                 const char paras[][KIOSK_TEXT_LEN], const int px[], size_t n,
                                 receipt_raster_fn raster, void *user, const char *path, int mode,
                                 int *width_px, int *height_px)
{
    uint8_t *qr = NULL;
    int side = 0;
    kiosk_status st = qr_text_grey(qr_text, module_px, 4, &qr, &side);
    if (st != KIOSK_OK)
        return st;
    int pic_w = side > PICTURE_MIN_W_PX ? side : PICTURE_MIN_W_PX;
    struct line lines[PICTURE_MAX_LINES] = {0};
    size_t count = 0;
    st = wrap_all(paras, px, n, pic_w - 2 * PICTURE_PAD_PX, raster, user, lines, &count);
    if (st == KIOSK_OK)
        st = compose(qr, side, lines, count, path, mode, width_px, height_px);
    for (size_t i = 0; i < PICTURE_MAX_LINES; i++)
        free(lines[i].ink);
    free(qr);
    return st;
}

kiosk_status receipt_picture_write(store *s, const struct kiosk_receipt *r, receipt_tr_fn tr,
                                   void *tr_user, receipt_raster_fn raster, void *raster_user,
                                   const char *path, int mode, int *width_px, int *height_px)
{
    struct receipt_when when;
    char paras[RECEIPT_PICTURE_PARAS][KIOSK_TEXT_LEN];
    int px[RECEIPT_PICTURE_PARAS];
    if (receipt_when(s, r, &when) != KIOSK_OK) { /* an event not here: its code stands for it */
        memset(&when, 0, sizeof when);
        kiosk_strlcpy(when.code, r->event_code, sizeof when.code);
    }
    size_t n = receipt_picture_words(r, &when, tr, tr_user, paras, px);
    return receipt_picture_png(r->text, RECEIPT_PICTURE_MODULE_PX, paras, px, n, raster,
                               raster_user, path, mode, width_px, height_px);
}
