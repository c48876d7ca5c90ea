/* QR codes in a grey frame, with libzbar's image scanner (QR only: a receipt or an admin
 * card is a QR code; other symbologies would only add false reads). */
#ifndef KIOSK_CAMERA_DECODE_H
#define KIOSK_CAMERA_DECODE_H

#include "common.h"

#define CAMERA_TEXT_MAX 2048 /* longer texts are not ours: a receipt is a few hundred bytes */

struct camera_decoder;

/* Loads libzbar on first use. KIOSK_E_UNAVAILABLE with err saying what to install. */
kiosk_status camera_decoder_new(struct camera_decoder **out, char *err, size_t errlen);
void camera_decoder_free(struct camera_decoder *d);
/* Calls found() for each code in the frame (8-bit grey, rows w bytes apart) whose text is
 * shorter than CAMERA_TEXT_MAX and holds no NUL. Returns how many it found. */
int camera_decode(struct camera_decoder *d, const uint8_t *grey, int w, int h,
                  void (*found)(const char *text, void *user), void *user);

#endif
