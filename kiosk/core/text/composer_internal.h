/* The composer's engine without history: a text and one keystroke at a time. composer.c
 * keeps the keystrokes and replays them for Backspace. Not a public API. */
#ifndef KIOSK_COMPOSER_INTERNAL_H
#define KIOSK_COMPOSER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#define VN_COMPOSE_MAX_CPS 512

struct vn_compose_state {
    int32_t cps[VN_COMPOSE_MAX_CPS]; /* the field's text as code points */
    size_t len;
    int raw; /* a doubled key undid a change: the rest of this word is typed as it is */
};

/* One keystroke (one code point) with a method (VN_IM_*) and tone style (VN_TONE_*). */
void vn_compose_key(struct vn_compose_state *st, int32_t key, int method, int style);
/* The tone row: applies tone (0..5) to the last syllable; the same tone again removes it. */
void vn_compose_tone(struct vn_compose_state *st, int tone, int style);

#endif
