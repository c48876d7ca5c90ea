/* What the kiosk says, and when (docs/VOICE.md). With `voice = on`, the screens note what
 * they show as cues while a frame is built (the heading, the instruction next to it, the
 * first field, the choices, the outcomes); at the frame's end a new step is said whole, a new
 * outcome on the same step alone, and another screen cuts what was being said. Speech
 * follows a person: a screen reached without a touch, key or scan in the last 30 s (the
 * start, the idle timeout's return home) is not said. The coordinator's screens are not said.
 * The saying itself is voice_worker.c's, on its own thread.
 *
 * Every function takes the runtime and does nothing when the voice is off. */
#ifndef KIOSK_HOST_VOICE_HOST_H
#define KIOSK_HOST_VOICE_HOST_H

#include "host/voice_worker.h"

struct app;
struct host_voice;

enum voice_cue_kind {
    VOICE_CUE_HEADING = 1, /* the step's heading (the first one counts) */
    VOICE_CUE_TEXT,        /* a line of text: the one before and the one after the heading count */
    VOICE_CUE_FIELD,       /* a field's label: the first one counts */
    VOICE_CUE_CHOICE,      /* something to tap: a tile, a list item (the first 6 count) */
    VOICE_CUE_OUTCOME,     /* a message: what became of what the person did */
    VOICE_CUE_ALERT,       /* a question over the screen for whoever may still be there (the
                            * idle warning): the step said, even long after the last touch */
};

#define VOICE_AFTER_PERSON_MS 30000

/* At app_open: the voice when the setting `voice` is on and the backend has sound; NULL
 * otherwise (off, or no audio device: one log line, the kiosk goes on). */
struct host_voice *host_voice_open(struct app *a);
void host_voice_close(struct host_voice *v);

void host_voice_frame_begin(struct app *a);
void host_voice_cue(struct app *a, int kind, const char *text);
/* The home screen's cues: its hint and the tiles' titles. */
void host_voice_home(struct app *a);
/* The receipt screen's cues: its heading and line, and what was done, said in words
 * ("Đăng ký xong", string table voice.tsv) where the screen shows a QR code. */
void host_voice_receipt(struct app *a, int receipt_kind, const char *title, const char *line);
/* Decides what to say for the frame just built (see above). */
void host_voice_frame_end(struct app *a);

/* The script player's `said "TEXT"` (text: the voice's last words, in their spoken form, hold
 * TEXT) and `listen MS` (text NULL: real time until the voice is done synthesising, then MS ms
 * more, for the sound to play out). 0 with why when it does not hold or the voice is off. */
int host_voice_script(struct app *a, const char *text, int64_t ms, char *why, size_t cap);
/* The thread's counters (zeros when the voice is off); idle: voice_worker_idle. */
void host_voice_stats(struct app *a, struct voice_stats *out);
int host_voice_idle(struct app *a, int timeout_ms);

#endif
