/* The composer's engine: a text and one keystroke at a time. It looks only at the text
 * (and three flags about its last word), so Backspace is "delete the last letter shown"
 * and a field filled by code composes like one typed by hand. Not a public API. */
#ifndef KIOSK_COMPOSER_INTERNAL_H
#define KIOSK_COMPOSER_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#define VN_COMPOSE_MAX_CPS 512

struct vn_compose_state {
    int32_t cps[VN_COMPOSE_MAX_CPS]; /* the field's text as code points */
    size_t len;
    int raw;       /* a doubled key undid a change: the rest of this word is typed as it is */
    int auto_uo;   /* the word's ươ was completed by a later letter: a late w is no undo */
    size_t lone_w; /* 1 + index of an ư typed as a lone w (ww gives w), 0: none */
};

/* One keystroke (one code point) with a method (VN_IM_*) and tone style (VN_TONE_*). */
void vn_compose_key(struct vn_compose_state *st, int32_t key, int method, int style);
/* The tone row: applies tone (0..5) to the last syllable; the same tone again removes it. */
void vn_compose_tone(struct vn_compose_state *st, int tone, int style);
/* Backspace: deletes the last letter shown; the tone moves where the shorter word needs
 * it (hoàn -> hòa) and the word composes again (its flags are cleared). */
void vn_compose_backspace(struct vn_compose_state *st, int style);
/* Forgets the flags (a new method, or text set by code). */
void vn_compose_reset_flags(struct vn_compose_state *st);

#endif
