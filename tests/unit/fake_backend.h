/* A backend without a screen, for running the host in a unit test (host/backend.h): it
 * measures text with a fixed advance per character, keeps the texts of every frame it is
 * asked to paint, and plays a list of steps as a person's input: a tap finds its label in
 * what was painted last, as a finger would. Include it in one test file only. */
#ifndef KIOSK_FAKE_BACKEND_H
#define KIOSK_FAKE_BACKEND_H

#include "host/backend.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum fake_step_kind {
    FAKE_TAP = 1, /* press and release on the centre of the painted text */
    FAKE_SCAN,    /* a scanner's burst: the text at once, then Return */
    FAKE_EXPECT,  /* the last painted frame shows text (a failure is counted, not fatal) */
    FAKE_ABSENT,  /* the last painted frame does not show text */
    FAKE_WINDOW,  /* what the window manager or a shortcut sends: inject(text) */
    FAKE_IDLE,    /* nothing happens for the host's next timeout (at most 100 ms, real) */
};

struct fake_step {
    int kind;
    const char *text;
};

#define FAKE_TEXTS_MAX 512
#define FAKE_QUEUE_MAX 8

struct fake_text {
    char text[256];
    ui_rect rect;
};

struct backend {
    struct ui_text_metrics metrics;
    int w, h;
    struct backend_stats stats;
    struct fake_text texts[FAKE_TEXTS_MAX]; /* of the last painted frame */
    size_t ntexts;
    const struct fake_step *steps;
    size_t nsteps, next;
    struct backend_input queue[FAKE_QUEUE_MAX]; /* given out before the next step */
    size_t queued;
    int failures;    /* FAKE_EXPECT / FAKE_ABSENT / FAKE_TAP that did not hold */
    int shots;       /* screenshots asked for */
    int quit_at_end; /* when the steps run out: BACKEND_IN_QUIT (else BACKEND_IN_NONE) */
};

/* The one the host has open (a test runs one host at a time); NULL once closed. */
static struct backend *fake_last;
static const struct fake_step *fake_next_steps;
static size_t fake_next_nsteps;

/* Steps the next opened fake backend plays. */
static void fake_set_steps(const struct fake_step *steps, size_t n)
{
    fake_next_steps = steps;
    fake_next_nsteps = n;
}

static int fake_font_px(int font)
{
    static const int px[UI_FONT_COUNT] = {28, 22, 36, 48};
    return font >= 0 && font < UI_FONT_COUNT ? px[font] : 28;
}

static int fake_text_width(void *user, int font, const char *text)
{
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++)
        chars += (*p & 0xC0) != 0x80;
    ((struct backend *)user)->stats.texts_measured++;
    return chars * fake_font_px(font) / 2;
}

static int fake_line_height(void *user, int font)
{
    return fake_font_px(font) * 4 / 3;
}

static kiosk_status fake_open(const struct backend_opts *o, struct backend **out, char *err,
                              size_t errlen)
{
    struct backend *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(err, errlen, "out of memory");
        return KIOSK_E_NOMEM;
    }
    b->w = o->width ? o->width : 1280;
    b->h = o->height ? o->height : 800;
    b->metrics = (struct ui_text_metrics){fake_text_width, fake_line_height, b};
    b->steps = fake_next_steps;
    b->nsteps = fake_next_nsteps;
    b->quit_at_end = 1;
    fake_last = b;
    *out = b;
    return KIOSK_OK;
}

static void fake_close(struct backend *b)
{
    if (fake_last == b)
        fake_last = NULL;
    free(b);
}

static const struct ui_text_metrics *fake_metrics(struct backend *b)
{
    return &b->metrics;
}

static void fake_size(struct backend *b, int *w, int *h)
{
    *w = b->w;
    *h = b->h;
}

static void fake_paint(struct backend *b, const struct ui_drawlist *dl)
{
    b->stats.frames_painted++;
    b->ntexts = 0;
    for (size_t i = 0; i < dl->count && b->ntexts < FAKE_TEXTS_MAX; i++) {
        const struct ui_cmd *c = &dl->cmds[i];
        if (c->kind != UI_CMD_TEXT || !c->text)
            continue;
        struct fake_text *t = &b->texts[b->ntexts++];
        snprintf(t->text, sizeof t->text, "%s", c->text);
        t->rect = c->rect;
        b->stats.texts_rendered++;
    }
}

/* The painted text equal to text, else the only one containing it; NULL if none. */
static const struct fake_text *fake_find(const struct backend *b, const char *text)
{
    const struct fake_text *partial = NULL;
    for (size_t i = 0; i < b->ntexts; i++) {
        if (strcmp(b->texts[i].text, text) == 0)
            return &b->texts[i];
        if (strstr(b->texts[i].text, text))
            partial = &b->texts[i];
    }
    return partial;
}

static void fake_queue(struct backend *b, struct backend_input in)
{
    if (b->queued < FAKE_QUEUE_MAX)
        b->queue[b->queued++] = in;
}

static void fake_queue_ui(struct backend *b, struct ui_event ev)
{
    fake_queue(b, (struct backend_input){.kind = BACKEND_IN_UI, .ev = ev});
}

static kiosk_status fake_inject(struct backend *b, const char *what)
{
    static const char *const shortcuts[] = {"Alt+F4", "Alt+Tab", "Ctrl+W", "Ctrl+Q", "Super"};
    if (strcmp(what, "close") == 0) {
        fake_queue(b, (struct backend_input){.kind = BACKEND_IN_CLOSE});
        return KIOSK_OK;
    }
    for (size_t i = 0; i < sizeof shortcuts / sizeof shortcuts[0]; i++) {
        if (strcmp(what, shortcuts[i]) == 0) {
            fake_queue(b, (struct backend_input){.kind = BACKEND_IN_SHORTCUT});
            return KIOSK_OK;
        }
    }
    return KIOSK_E_INVALID;
}

static void fake_check(struct backend *b, const struct fake_step *s)
{
    int shown = fake_find(b, s->text) != NULL;
    if (shown == (s->kind == FAKE_EXPECT))
        return;
    b->failures++;
    fprintf(stderr, "fake backend: step %zu: \"%s\" is %s\n", b->next, s->text,
            shown ? "shown" : "not shown");
    for (size_t i = 0; i < b->ntexts; i++)
        fprintf(stderr, "  painted: \"%s\"\n", b->texts[i].text);
}

/* Turns the next step into queued input (or a check, or a pause). */
static void fake_play(struct backend *b, const struct fake_step *s, int timeout_ms)
{
    const struct fake_text *t;
    struct ui_event ev = {0};
    switch (s->kind) {
    case FAKE_TAP:
        if (!(t = fake_find(b, s->text))) {
            fake_check(b, &(struct fake_step){FAKE_EXPECT, s->text});
            return;
        }
        ev.x = t->rect.x + t->rect.w / 2;
        ev.y = t->rect.y + t->rect.h / 2;
        ev.kind = UI_EV_PRESS;
        fake_queue_ui(b, ev);
        ev.kind = UI_EV_RELEASE;
        fake_queue_ui(b, ev);
        return;
    case FAKE_SCAN:
        ev.kind = UI_EV_TEXT;
        snprintf(ev.text, sizeof ev.text, "%s", s->text);
        fake_queue_ui(b, ev);
        fake_queue_ui(b, (struct ui_event){.kind = UI_EV_KEY, .key = UI_KEY_RETURN});
        return;
    case FAKE_EXPECT:
    case FAKE_ABSENT:
        fake_check(b, s);
        return;
    case FAKE_WINDOW:
        if (fake_inject(b, s->text) != KIOSK_OK)
            b->failures++;
        return;
    default: {
        long ms = timeout_ms < 0 || timeout_ms > 100 ? 100 : timeout_ms;
        struct timespec ts = {0, ms * 1000000L};
        nanosleep(&ts, NULL);
    }
    }
}

static int fake_wait(struct backend *b, int timeout_ms, struct backend_input *out)
{
    while (b->queued == 0 && b->next < b->nsteps) {
        const struct fake_step *s = &b->steps[b->next++];
        fake_play(b, s, timeout_ms);
        if (s->kind == FAKE_IDLE)
            break;
    }
    if (b->queued > 0) {
        *out = b->queue[0];
        memmove(b->queue, b->queue + 1, --b->queued * sizeof b->queue[0]);
        return out->kind;
    }
    *out = (struct backend_input){0};
    if (b->next >= b->nsteps && b->quit_at_end)
        out->kind = BACKEND_IN_QUIT;
    return out->kind;
}

static kiosk_status fake_screenshot(struct backend *b, const char *png_path)
{
    b->shots++;
    return KIOSK_OK;
}

/* A blank bitmap as wide as the text measures. */
static kiosk_status fake_text_raster(struct backend *b, const char *text, int font_px,
                                     int max_width_px, uint8_t **out, int *width, int *height)
{
    int w = fake_text_width(b, UI_FONT_BODY, text) * font_px / fake_font_px(UI_FONT_BODY);
    *width = w < 1 ? 1 : w > max_width_px ? max_width_px : w;
    *height = font_px;
    *out = calloc((size_t)*width * (size_t)*height, 1);
    return *out ? KIOSK_OK : KIOSK_E_NOMEM;
}

static void fake_stats(struct backend *b, struct backend_stats *out)
{
    *out = b->stats;
}

static const struct backend_ops fake_backend_ops = {
    .name = "fake",
    .open = fake_open,
    .close = fake_close,
    .metrics = fake_metrics,
    .size = fake_size,
    .paint = fake_paint,
    .wait = fake_wait,
    .inject = fake_inject,
    .screenshot = fake_screenshot,
    .text_raster = fake_text_raster,
    .stats = fake_stats,
};

#endif
