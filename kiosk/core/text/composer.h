/* Telex and VNI input methods: one engine, two key tables. A composer turns keystrokes
 * into the text of a field, placing tones by the rules (traditional or modern). */
#ifndef KIOSK_COMPOSER_H
#define KIOSK_COMPOSER_H

#include "common.h"

enum vn_input_method { VN_IM_OFF = 0, VN_IM_TELEX = 1, VN_IM_VNI = 2 };
enum vn_tone_style { VN_TONE_TRADITIONAL = 0, VN_TONE_MODERN = 1 }; /* hòa / hoà */

struct vn_composer; /* opaque; holds the field's text */

struct vn_composer *vn_composer_new(int method, int tone_style);
void vn_composer_free(struct vn_composer *c);
void vn_composer_set_method(struct vn_composer *c, int method, int tone_style);
/* Replaces the text (e.g. a field filled by code); the history restarts. */
void vn_composer_set_text(struct vn_composer *c, const char *text);
/* One keystroke (one Unicode character as UTF-8, e.g. "a", "s", "6", " ").
 * A character that is not a composing key is appended as it is. */
void vn_composer_key(struct vn_composer *c, const char *key_utf8);
/* Applies a tone (0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng) to the current syllable,
 * as the on-screen keyboard's tone row does. */
void vn_composer_tone(struct vn_composer *c, int tone);
/* Backspace: deletes the last letter shown (đồng -> đồn), the tone kept where it belongs. */
void vn_composer_backspace(struct vn_composer *c);
const char *vn_composer_text(const struct vn_composer *c); /* NFC */

/* Convenience for tests: compose a whole key sequence into out. */
void vn_compose_string(int method, int tone_style, const char *keys, char *out, size_t cap);

#endif
