/* The field editor over core/text's composer (one vn_composer per field). */
#include "ui_edit.h"

#include "text/composer.h"

struct ui_edit *ui_edit_new(int method, int tone_style)
{
    return (struct ui_edit *)vn_composer_new(method, tone_style);
}

void ui_edit_free(struct ui_edit *e)
{
    vn_composer_free((struct vn_composer *)e);
}

void ui_edit_set_method(struct ui_edit *e, int method, int tone_style)
{
    vn_composer_set_method((struct vn_composer *)e, method, tone_style);
}

void ui_edit_set_text(struct ui_edit *e, const char *text)
{
    vn_composer_set_text((struct vn_composer *)e, text);
}

void ui_edit_key(struct ui_edit *e, const char *key_utf8)
{
    vn_composer_key((struct vn_composer *)e, key_utf8);
}

void ui_edit_tone(struct ui_edit *e, int tone)
{
    vn_composer_tone((struct vn_composer *)e, tone);
}

void ui_edit_backspace(struct ui_edit *e)
{
    vn_composer_backspace((struct vn_composer *)e);
}

const char *ui_edit_text(const struct ui_edit *e)
{
    return vn_composer_text((const struct vn_composer *)e);
}
