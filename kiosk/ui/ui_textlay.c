/* Text layout: measuring through the backend's metrics, wrapping words over lines,
 * cutting a line that cannot wrap with an ellipsis. */
#include "ui_internal.h"

#include <string.h>

#define UI_MEASURE_MAX 1024

int ui_text_w(ui_ctx *ui, int font, const char *text)
{
    return ui->metrics.text_width(ui->metrics.user, font, text);
}

int ui_line_h(ui_ctx *ui, int font)
{
    return ui->metrics.line_height(ui->metrics.user, font);
}

static int measure_n(ui_ctx *ui, int font, const char *s, size_t n)
{
    char tmp[UI_MEASURE_MAX];
    if (n >= sizeof tmp)
        n = sizeof tmp - 1;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    return ui_text_w(ui, font, tmp);
}

static size_t utf8_next(const char *s, size_t i, size_t end)
{
    i++;
    while (i < end && ((unsigned char)s[i] & 0xC0) == 0x80)
        i++;
    return i;
}

/* The longest prefix of s[0..n) that fits w, on a character boundary (at least one
 * character, so a line always makes progress). */
static size_t fit_chars(ui_ctx *ui, int font, const char *s, size_t n, int w)
{
    size_t lo = utf8_next(s, 0, n), best = lo;
    size_t i = lo;
    while (i < n) {
        size_t j = utf8_next(s, i, n);
        if (measure_n(ui, font, s, j) > w)
            break;
        best = j;
        i = j;
    }
    return best;
}

int ui_wrap(ui_ctx *ui, int font, const char *text, int w, size_t *starts, size_t *lens,
            int max_lines)
{
    size_t n = strlen(text), pos = 0;
    int count = 0;
    while (pos <= n && count < max_lines) {
        /* a paragraph ends at '\n' */
        size_t pend = pos;
        while (pend < n && text[pend] != '\n')
            pend++;
        size_t ls = pos;
        while (ls <= pend && count < max_lines) {
            while (ls < pend && text[ls] == ' ')
                ls++;
            size_t le = ls, best = ls;
            /* add whole words while the line fits */
            while (le < pend) {
                size_t we = le;
                while (we < pend && text[we] == ' ')
                    we++;
                while (we < pend && text[we] != ' ')
                    we++;
                if (measure_n(ui, font, text + ls, we - ls) > w)
                    break;
                best = we;
                le = we;
            }
            if (best == ls && ls < pend) {
                /* one word wider than the line: cut it by characters */
                size_t we = ls;
                while (we < pend && text[we] != ' ')
                    we++;
                best = ls + fit_chars(ui, font, text + ls, we - ls, w);
            }
            starts[count] = ls;
            lens[count] = best - ls;
            count++;
            ls = best;
            while (ls < pend && text[ls] == ' ')
                ls++;
            if (ls >= pend)
                break;
        }
        pos = pend + 1;
        if (pend >= n)
            break;
    }
    /* a text cut by max_lines ends its last line with an ellipsis when drawn */
    return count;
}

int ui_para_height(ui_ctx *ui, int font, const char *text, int w, int max_lines)
{
    size_t s[64], l[64];
    if (max_lines > 64 || max_lines <= 0)
        max_lines = 64;
    int n = ui_wrap(ui, font, text, w, s, l, max_lines);
    if (n == 0)
        n = 1;
    return n * ui_line_h(ui, font);
}

static int x_for(ui_rect box, int tw, int align)
{
    if (align == UI_ALIGN_CENTRE)
        return box.x + (box.w - tw) / 2;
    if (align == UI_ALIGN_RIGHT)
        return box.x + box.w - tw;
    return box.x;
}

/* A line cut to w with "…" appended, in the arena. */
static size_t ellipsize(ui_ctx *ui, int font, const char *s, size_t n, int w, int *tw)
{
    static const char ell[] = "\xE2\x80\xA6";
    char tmp[UI_MEASURE_MAX];
    size_t keep = n < sizeof tmp - 4 ? n : sizeof tmp - 4;
    while (keep > 0) {
        while (keep > 0 && ((unsigned char)s[keep] & 0xC0) == 0x80)
            keep--;
        memcpy(tmp, s, keep);
        memcpy(tmp + keep, ell, sizeof ell);
        *tw = ui_text_w(ui, font, tmp);
        if (*tw <= w)
            break;
        keep--;
    }
    if (keep == 0) {
        memcpy(tmp, ell, sizeof ell);
        *tw = ui_text_w(ui, font, tmp);
    }
    return ui_arena_text(ui, tmp, strlen(tmp));
}

int ui_draw_para(ui_ctx *ui, ui_rect box, int font, ui_color c, const char *text, int align,
                 int widget, int max_lines)
{
    size_t s[64], l[64];
    if (!text || !*text)
        return 0;
    if (max_lines > 64 || max_lines <= 0)
        max_lines = 64;
    int lh = ui_line_h(ui, font);
    int room = box.h > 0 ? box.h / lh : max_lines;
    if (room < 1)
        room = 1;
    if (room < max_lines)
        max_lines = room;
    int n = ui_wrap(ui, font, text, box.w, s, l, max_lines);
    size_t total = strlen(text);
    int cut = n > 0 && s[n - 1] + l[n - 1] < total &&
              strspn(text + s[n - 1] + l[n - 1], " \n") < total - (s[n - 1] + l[n - 1]);
    int y = box.y;
    int minx = box.x + box.w, maxx = box.x;
    for (int i = 0; i < n; i++) {
        int tw;
        size_t off;
        if (i == n - 1 && cut) {
            off = ellipsize(ui, font, text + s[i], strcspn(text + s[i], "\n"), box.w, &tw);
        } else {
            off = ui_arena_text(ui, text + s[i], l[i]);
            tw = measure_n(ui, font, text + s[i], l[i]);
        }
        int x = x_for(box, tw < box.w ? tw : box.w, align);
        ui_draw_text_off(ui, x, y, box.x + box.w - x, font, c, off, widget);
        if (x < minx)
            minx = x;
        if (x + tw > maxx)
            maxx = x + tw;
        y += lh;
    }
    if (n > 0) {
        /* scripts see the whole text once, as people read it, not line by line */
        size_t off = ui_arena_text(ui, text, total);
        ui_rect vbox = {minx, box.y, maxx > minx ? maxx - minx : 0, y - box.y};
        ui_add_visible(ui, off, vbox, widget);
    }
    return n * lh;
}

void ui_draw_line_text(ui_ctx *ui, ui_rect box, int font, ui_color c, const char *text, int align,
                       int widget)
{
    if (!text || !*text)
        return;
    size_t n = strlen(text);
    int tw = ui_text_w(ui, font, text);
    size_t full = ui_arena_text(ui, text, n), off = full;
    if (tw > box.w)
        off = ellipsize(ui, font, text, n, box.w, &tw);
    int lh = ui_line_h(ui, font);
    int x = x_for(box, tw, align);
    int y = box.y + (box.h - lh) / 2;
    ui_draw_text_off(ui, x, y, box.x + box.w - x, font, c, off, widget);
    ui_add_visible(ui, full, (ui_rect){x, y, tw, lh}, widget);
}
