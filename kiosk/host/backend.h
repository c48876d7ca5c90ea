/* The host's backend interface: what the runtime needs from a screen and its input, as a
 * table of operations. The host draws nothing itself (microui leaves drawing to its
 * renderer the same way): it builds ui draw lists and hands them to a backend, which paints
 * them, measures text, and reports input. The executable picks the backend and hands its
 * table to app_open (app_opts.backend): kiosk/main.c the SDL one (kiosk/sdl/sdl_backend.h),
 * the host's unit test a fake (tests/unit/fake_backend.h). The host never names one. */
#ifndef KIOSK_HOST_BACKEND_H
#define KIOSK_HOST_BACKEND_H

#include "common.h"
#include "ui/ui.h"

/* One open backend: each implementation defines its own. */
struct backend;

struct backend_opts {
    int width, height;        /* --window WxH; 0: the display's size */
    int fullscreen;           /* 1 unless --window */
    const char *font_regular; /* paths to .ttf files */
    const char *font_bold;
};

enum backend_input_kind {
    BACKEND_IN_NONE = 0, /* timeout */
    BACKEND_IN_UI,       /* ev holds a ui event (pointer, text, key) */
    BACKEND_IN_CLOSE,    /* the window was asked to close (ignored in kiosk mode) */
    BACKEND_IN_EXPOSE,   /* needs a repaint (window shown, resized) */
    BACKEND_IN_SHORTCUT, /* a system shortcut (Alt+F4, Alt+Tab, Ctrl+...): swallowed */
    BACKEND_IN_QUIT,     /* the process was asked to stop (SIGTERM, SIGINT): exit cleanly */
    BACKEND_IN_WAKE,     /* another thread called wake (a camera read a code) */
};

struct backend_input {
    int kind; /* enum backend_input_kind */
    struct ui_event ev;
    int from_touch; /* pointer events from a finger (the cursor is hidden then) */
    uint32_t at_ms; /* when the backend saw the event (its own ticks), for scanner bursts */
};

/* Counters for tests and benchmarks (a repaint of the same frame renders no text). */
struct backend_stats {
    uint64_t frames_painted;
    uint64_t texts_rendered; /* texts rendered into new textures */
    uint64_t text_hits;      /* texts drawn from the cache */
    uint64_t texts_evicted;
    uint64_t texts_measured; /* text widths measured (widths are cached too) */
    uint64_t texts_cached;   /* textures held now */
    uint64_t images_created;
};

struct backend_ops {
    const char *name;
    /* Opens the screen; on failure err says why (for people) and *out is untouched. */
    kiosk_status (*open)(const struct backend_opts *opts, struct backend **out, char *err,
                         size_t errlen);
    void (*close)(struct backend *b);
    /* How the backend measures text: what the ui lays out with. */
    const struct ui_text_metrics *(*metrics)(struct backend *b);
    void (*size)(struct backend *b, int *width, int *height);
    /* Paints a draw list and presents it. */
    void (*paint)(struct backend *b, const struct ui_drawlist *dl);
    /* Waits up to timeout_ms (-1: until something happens) for the next input; returns
     * out->kind. */
    int (*wait)(struct backend *b, int timeout_ms, struct backend_input *out);
    /* Queues what a person could do to the window ("Alt+F4", "Alt+Tab", "Ctrl+W", "Ctrl+Q",
     * "Super": key presses; "close": the window manager's close), for the script player:
     * the next waits return them. KIOSK_E_INVALID for another name. */
    kiosk_status (*inject)(struct backend *b, const char *what);
    /* Writes what was last painted as a PNG. */
    kiosk_status (*screenshot)(struct backend *b, const char *png_path);
    /* One line of text rendered into 8-bit grey (255 = ink) for the printer. *out: free(). */
    kiosk_status (*text_raster)(struct backend *b, const char *text, int font_px, int max_width_px,
                                uint8_t **out, int *width, int *height);
    void (*stats)(struct backend *b, struct backend_stats *out);
    /* From any thread: the wait in progress (or the next) returns BACKEND_IN_WAKE at once.
     * May be NULL (the loop then finds the news at its next timer). */
    void (*wake)(struct backend *b);
    /* Speech (docs/VOICE.md): queues n mono signed 16-bit samples at rate per second after
     * what is playing, opening the audio device when it is closed; pcm NULL and n 0 only
     * checks there is one. Called once from the main thread to check, then from the voice's
     * thread only. KIOSK_E_UNAVAILABLE when there is no audio device: err says why (for the
     * log). May be NULL: a backend without sound. */
    kiosk_status (*audio_play)(struct backend *b, const int16_t *pcm, size_t n, int rate, char *err,
                               size_t errlen);
    /* Silence now: drops what is queued and not yet heard (a new screen came, or it was all
     * heard) and may release the device until the next audio_play. May be NULL. */
    void (*audio_stop)(struct backend *b);
};

#endif
