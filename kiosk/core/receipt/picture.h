/* A receipt's picture (issue 17 item 7): the QR and, under it, what the receipt screen shows
 * beside it: the class, its place and code, the session to come to, the short code. A photo
 * or a saved picture then tells its holder when and where to come. The core lays the picture
 * out and writes the PNG; it renders no text: the caller's font does (the kiosk's backend, or
 * kioskctl's SDL_ttf opened on first use), through a raster callback. */
#ifndef KIOSK_RECEIPT_PICTURE_H
#define KIOSK_RECEIPT_PICTURE_H

#include "common.h"
#include "receipt/receipt.h"

#define RECEIPT_PICTURE_PARAS 5
#define RECEIPT_PICTURE_MODULE_PX                                                                  \
    8 /* a phone at arm's length reads 6 px modules; 8 prints crisply */

/* One line of text as grey coverage, 0 white .. 255 ink, rows of *width bytes, at most
 * max_width_px wide (cut there). *out: free(). The backend's text_raster convention. */
typedef kiosk_status (*receipt_raster_fn)(void *user, const char *text, int font_px,
                                          int max_width_px, uint8_t **out, int *width, int *height);

/* The words under the QR, in tr's language, and the font size of each paragraph: title; kind
 * ("Biên nhận đăng ký", "· Buổi N" for a session's); place · mã CODE; when to come (a sign-up
 * with a session to come); "Mã số: XXXX-XXXX". Returns how many. */
size_t receipt_picture_words(const struct kiosk_receipt *r, const struct receipt_when *w,
                             receipt_tr_fn tr, void *user, char paras[][KIOSK_TEXT_LEN], int px[]);

/* The picture: the QR (module_px a module, a quiet zone of 4) on top, each paragraph wrapped at
 * spaces to the picture's width and centred under it, on white; written whole or not at all
 * (kiosk_png_write). *width_px, *height_px (may be NULL): its size. */
kiosk_status receipt_picture_png(const char *qr_text, int module_px,
                                 const char paras[][KIOSK_TEXT_LEN], const int px[], size_t n,
                                 receipt_raster_fn raster, void *user, const char *path, int mode,
                                 int *width_px, int *height_px);

/* A stored receipt's picture at path: its words (receipt_when, receipt_picture_words in tr's
 * language) rendered by raster under its QR of RECEIPT_PICTURE_MODULE_PX modules. */
kiosk_status receipt_picture_write(store *s, const struct kiosk_receipt *r, receipt_tr_fn tr,
                                   void *tr_user, receipt_raster_fn raster, void *raster_user,
                                   const char *path, int mode, int *width_px, int *height_px);

#endif
