/* A text field's editor: the core/text composer (Telex/VNI) behind a few calls, so the
 * field and the keyboard never care which input method is on. Never draws anything. */
#ifndef KIOSK_UI_EDIT_H
#define KIOSK_UI_EDIT_H

struct ui_edit;

struct ui_edit *ui_edit_new(int method, int tone_style);
void ui_edit_free(struct ui_edit *e);
void ui_edit_set_method(struct ui_edit *e, int method, int tone_style);
void ui_edit_set_text(struct ui_edit *e, const char *text);
void ui_edit_key(struct ui_edit *e, const char *key_utf8); /* one character */
void ui_edit_tone(struct ui_edit *e, int tone);            /* 0 none .. 5 nặng */
void ui_edit_backspace(struct ui_edit *e);
const char *ui_edit_text(const struct ui_edit *e); /* NFC */

#endif
