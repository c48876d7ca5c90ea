/* What the voice says for what the screen writes (docs/VOICE.md): times as people say them
 * ("07:40" -> "7 giờ 40" in Vietnamese, "7:40" in English), dates with their words, a range's
 * dash as "đến"/"to", and symbols a reader skips ("·", "☐", "→") left out, so libespeak-ng
 * neither spells them nor reads "không bảy hai chấm bốn mươi". Pure functions. */
#ifndef KIOSK_VOICE_TEXT_H
#define KIOSK_VOICE_TEXT_H

#include <stddef.h>

/* A time of day as spoken: vi "7 giờ 40", "7 giờ" on the hour; en "7:40", "7 o'clock".
 * lang "vi" or anything else (English). An hour outside 0..23 or a minute outside 0..59
 * gives "". */
void voice_time_phrase(const char *lang, int hour, int minute, char *out, size_t cap);

/* The spoken form of a written text (UTF-8): times (H:MM, HH:MM), dates (dd/mm, dd/mm/yyyy)
 * and ranges between them ("07:30 – 11:00") in words; bullets and middle dots as pauses;
 * other symbols dropped; spaces tidied. Always NUL-terminates out (cut on a character). */
void voice_spoken(const char *lang, const char *written, char *out, size_t cap);

#endif
