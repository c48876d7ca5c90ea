/* The composer object: the field's text and the rules engine. Backspace deletes the last
 * letter shown (đồng -> đồn), as in Unikey and on phones, not the last keystroke's
 * effect, so the composer keeps no keystroke history. */
#include "text/composer.h"
#include "text/composer_internal.h"
#include "text/text.h"
#include "text/text_internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

struct vn_composer {
    int method, tone_style;
    struct vn_compose_state cur;
    char text[VN_COMPOSE_MAX_CPS * 4 + 1]; /* cur as NFC UTF-8 */
};

static void render(struct vn_composer *c)
{
    char raw[sizeof c->text];
    size_t len = 0;
    raw[0] = '\0';
    for (size_t i = 0; i < c->cur.len; i++)
        if (!vn_put_cp(raw, sizeof raw, &len, c->cur.cps[i]))
            break;
    /* the rules make precomposed letters, but a key may be a lone combining mark */
    if (vn_nfc(raw, c->text, sizeof c->text) != KIOSK_OK)
        kiosk_strlcpy(c->text, raw, sizeof c->text);
}

struct vn_composer *vn_composer_new(int method, int tone_style)
{
    struct vn_composer *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->method = method;
    c->tone_style = tone_style;
    return c;
}

void vn_composer_free(struct vn_composer *c)
{
    free(c);
}

void vn_composer_set_method(struct vn_composer *c, int method, int tone_style)
{
    vn_compose_reset_flags(&c->cur); /* earlier keys were meant for the old method */
    c->method = method;
    c->tone_style = tone_style;
}

void vn_composer_set_text(struct vn_composer *c, const char *text)
{
    char nfc[sizeof c->text];
    vn_nfc(text ? text : "", nfc, sizeof nfc);
    memset(&c->cur, 0, sizeof c->cur);
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)nfc;
    while (*p && c->cur.len < VN_COMPOSE_MAX_CPS) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0)
            break;
        c->cur.cps[c->cur.len++] = cp;
        p += k;
    }
    render(c);
}

void vn_composer_key(struct vn_composer *c, const char *key_utf8)
{
    if (!key_utf8)
        return;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)key_utf8;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0) {
            p++; /* an invalid byte is not a key */
            continue;
        }
        p += k;
        if (cp < 0x20 || cp == 0x7f)
            continue; /* control keys are the caller's (Return, Tab) */
        vn_compose_key(&c->cur, cp, c->method, c->tone_style);
    }
    render(c);
}

void vn_composer_tone(struct vn_composer *c, int tone)
{
    if (tone < 0 || tone > 5)
        return;
    vn_compose_tone(&c->cur, tone, c->tone_style);
    render(c);
}

void vn_composer_backspace(struct vn_composer *c)
{
    vn_compose_backspace(&c->cur, c->tone_style);
    render(c);
}

const char *vn_composer_text(const struct vn_composer *c)
{
    return c->text;
}

void vn_compose_string(int method, int tone_style, const char *keys, char *out, size_t cap)
{
    struct vn_composer *c = vn_composer_new(method, tone_style);
    if (!c) {
        kiosk_strlcpy(out, "", cap);
        return;
    }
    vn_composer_key(c, keys);
    kiosk_strlcpy(out, vn_composer_text(c), cap);
    vn_composer_free(c);
}
