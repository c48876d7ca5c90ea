/* The voice's cues and rules (voice_host.h). Main thread only; the worker says. */
#include "host/voice_host.h"

#include "config.h"
#include "host/app.h"
#include "host/input.h"
#include "host/screens.h"
#include "i18n.h"
#include "voice/voice_text.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CUE_LEN 320
#define CHOICES_MAX 6
#define VOICE_SETTLE_MAX_MS 30000 /* listen: a loaded test machine, not a hang */

struct voice_frame {
    char before[CUE_LEN];  /* the text right before the heading */
    char heading[CUE_LEN]; /* the first heading */
    char after[CUE_LEN];   /* the first text after it, before any field */
    char field[CUE_LEN];   /* the first field's label */
    char choices[CUE_LEN * 2];
    int nchoices;
    char outcomes[CUE_LEN * 3]; /* every message, in order */
    char alert[CUE_LEN * 2];    /* a card over the screen: its words are the step */
};

struct host_voice {
    struct voice_worker *worker;
    struct voice_frame f;        /* the frame being built */
    long last_screen;            /* which screen the last frame was */
    char last_step[CUE_LEN * 6]; /* what the step said */
    char last_outcomes[CUE_LEN * 3];
    char last_said[1024]; /* the spoken form last handed over ("": a cut) */
};

static struct host_voice *voice_of(struct app *a)
{
    return a ? app_voice(a) : NULL;
}

struct host_voice *host_voice_open(struct app *a)
{
    if (strcmp(config_get(app_config(a), "voice"), "on") != 0)
        return NULL;
    const struct backend_ops *be;
    struct backend *b = app_backend(a, &be);
    char err[300] = "no sound in this backend";
    if (!be->audio_play || !be->audio_stop ||
        be->audio_play(b, NULL, 0, 22050, err, sizeof err) != KIOSK_OK) {
        kiosk_log(KIOSK_LOG_WARN, "voice: %s; the kiosk goes on without sound", err);
        return NULL;
    }
    struct host_voice *v = calloc(1, sizeof *v);
    if (!v)
        return NULL;
    v->worker = voice_worker_start(be, b, i18n_lang(app_i18n(a)));
    if (!v->worker) {
        free(v);
        return NULL;
    }
    v->last_screen = -1;
    kiosk_log(KIOSK_LOG_INFO, "voice on: steps and outcomes are spoken");
    return v;
}

void host_voice_close(struct host_voice *v)
{
    if (!v)
        return;
    voice_worker_stop(v->worker);
    free(v);
}

void host_voice_frame_begin(struct app *a)
{
    struct host_voice *v = voice_of(a);
    if (v)
        memset(&v->f, 0, sizeof v->f);
}

/* Appends text to buf after sep, or after a space when buf ends a sentence already (nothing
 * when it would not fit whole). */
static void join(char *buf, size_t cap, const char *sep, const char *text)
{
    if (!text || !text[0])
        return;
    size_t len = strlen(buf);
    if (len && strchr(".!?:", buf[len - 1]))
        sep = " ";
    size_t need = (len ? strlen(sep) : 0) + strlen(text);
    if (len + need >= cap)
        return;
    if (len)
        strcat(buf, sep);
    strcat(buf, text);
}

void host_voice_cue(struct app *a, int kind, const char *text)
{
    struct host_voice *v = voice_of(a);
    if (!v || !text || !text[0])
        return;
    struct voice_frame *f = &v->f;
    switch (kind) {
    case VOICE_CUE_HEADING:
        if (!f->heading[0])
            kiosk_strlcpy(f->heading, text, sizeof f->heading);
        break;
    case VOICE_CUE_TEXT:
        if (!f->heading[0])
            kiosk_strlcpy(f->before, text, sizeof f->before);
        else if (!f->after[0] && !f->field[0]) /* what a field follows is not its line */
            kiosk_strlcpy(f->after, text, sizeof f->after);
        break;
    case VOICE_CUE_FIELD:
        if (!f->field[0])
            kiosk_strlcpy(f->field, text, sizeof f->field);
        break;
    case VOICE_CUE_CHOICE:
        if (f->nchoices++ < CHOICES_MAX)
            join(f->choices, sizeof f->choices, ", ", text);
        break;
    case VOICE_CUE_OUTCOME:
        join(f->outcomes, sizeof f->outcomes, ". ", text);
        break;
    case VOICE_CUE_ALERT:
        join(f->alert, sizeof f->alert, ". ", text);
        break;
    }
}

void host_voice_home(struct app *a)
{
    if (!voice_of(a) || app_plugins(a)->count == 0)
        return;
    host_voice_cue(a, VOICE_CUE_HEADING, i18n_tr(app_i18n(a), "host.home.hint"));
    for (size_t i = 0; i < app_plugins(a)->count; i++) {
        const struct plugin_slot *p = &app_plugins(a)->slots[i];
        host_voice_cue(a, VOICE_CUE_CHOICE,
                       i18n_tr_table(app_i18n(a), p->desc.strings, p->desc.title_key));
    }
}

void host_voice_receipt(struct app *a, int receipt_kind, const char *title, const char *line)
{
    if (!voice_of(a))
        return;
    host_voice_cue(a, VOICE_CUE_HEADING, title);
    host_voice_cue(a, VOICE_CUE_TEXT, line);
    const char *key = receipt_kind == KIOSK_RECEIPT_ATTENDANCE ? "voice.receipt.attendance"
                      : receipt_kind == KIOSK_RECEIPT_VISIT    ? "voice.receipt.visit"
                                                               : "voice.receipt.signup";
    host_voice_cue(a, VOICE_CUE_OUTCOME, i18n_tr(app_i18n(a), key));
}

/* Which screen this is: home, a plugin (by index), the PIN pad, admin. */
static long screen_key(struct app *a)
{
    int s = screens_current(a);
    struct plugin_slot *p = screens_shown_plugin(a);
    return p ? 16 + (long)(p - app_plugins(a)->slots) : s;
}

/* The step as said: "Đây có phải bạn không? Nguyễn Thị Hoa. Sinh năm 1985. ..." */
static void step_text(const struct voice_frame *f, char *out, size_t cap)
{
    out[0] = '\0';
    if (f->alert[0]) { /* the card hides the step under it */
        kiosk_strlcpy(out, f->alert, cap);
        return;
    }
    if (!f->heading[0])
        return; /* no heading: the same step, changed by typing (the search narrows) */
    join(out, cap, ". ", f->before);
    join(out, cap, ". ", f->heading);
    join(out, cap, ". ", f->after);
    join(out, cap, ". ", f->field);
    join(out, cap, ". ", f->choices);
}

static void say(struct host_voice *v, struct app *a, const char *written)
{
    char spoken[1024];
    const char *lang = i18n_lang(app_i18n(a));
    voice_spoken(lang, written, spoken, sizeof spoken);
    voice_worker_say(v->worker, lang, spoken);
    kiosk_strlcpy(v->last_said, spoken, sizeof v->last_said);
}

void host_voice_frame_end(struct app *a)
{
    struct host_voice *v = voice_of(a);
    if (!v)
        return;
    char step[sizeof v->last_step], all[sizeof v->last_step + sizeof v->last_outcomes];
    step_text(&v->f, step, sizeof step);
    long key = screen_key(a);
    int64_t since = input_since_person_ms(a);
    int person = v->f.alert[0] || (since >= 0 && since <= VOICE_AFTER_PERSON_MS);
    int said_here = key == SCREEN_HOME || key >= 16; /* not the PIN pad nor admin */
    int new_screen = key != v->last_screen;
    int new_step = step[0] && strcmp(step, v->last_step) != 0;
    int new_outcome = v->f.outcomes[0] && strcmp(v->f.outcomes, v->last_outcomes) != 0;
    v->last_screen = key;
    kiosk_strlcpy(v->last_outcomes, v->f.outcomes, sizeof v->last_outcomes);
    if (step[0] || new_screen)
        kiosk_strlcpy(v->last_step, step, sizeof v->last_step);
    if (new_screen || new_step) {
        kiosk_strlcpy(all, step, sizeof all);
        if (!v->f.alert[0])
            join(all, sizeof all, ". ", v->f.outcomes);
        say(v, a, said_here && person ? all : ""); /* "": the last screen's words stop */
    } else if (new_outcome && said_here && person && !v->f.alert[0]) {
        say(v, a, v->f.outcomes);
    }
}

int host_voice_script(struct app *a, const char *text, int64_t ms, char *why, size_t cap)
{
    struct host_voice *v = voice_of(a);
    if (!v) {
        kiosk_fmt(why, cap, "the voice is off (voice = on, a sound device and libespeak-ng)");
        return 0;
    }
    if (text) {
        char spoken[1024];
        voice_spoken(i18n_lang(app_i18n(a)), text, spoken, sizeof spoken);
        if (strstr(v->last_said, spoken))
            return 1;
        kiosk_fmt(why, cap, "the voice said \"%s\", not \"%s\"", v->last_said, spoken);
        return 0;
    }
    if (!voice_worker_idle(v->worker, VOICE_SETTLE_MAX_MS)) {
        kiosk_fmt(why, cap, "the voice was still synthesising after %d s",
                  VOICE_SETTLE_MAX_MS / 1000);
        return 0;
    }
    struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    return 1;
}

void host_voice_stats(struct app *a, struct voice_stats *out)
{
    struct host_voice *v = voice_of(a);
    voice_worker_stats(v ? v->worker : NULL, out);
}

int host_voice_idle(struct app *a, int timeout_ms)
{
    struct host_voice *v = voice_of(a);
    return voice_worker_idle(v ? v->worker : NULL, timeout_ms);
}
