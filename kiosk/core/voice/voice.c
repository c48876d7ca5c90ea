/* Speech synthesis through libespeak-ng (voice.h), in its synchronous mode: espeak_Synth
 * returns when the utterance is done, handing samples to on_samples as they are made, which
 * passes them on or stops it. */
#include "voice/voice.h"

#include "voice/espeak_lazy.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define VOICE_BUFFER_MS 100 /* how much speech each callback brings: a stop lands this fast */

struct synth_call {
    voice_pcm_fn fn;
    void *user;
    int stopped;
};

static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
static int g_state; /* 0: not tried; 1: ready; -1: failed (g_why) */
static int g_rate;
static char g_why[480];
static char g_lang[8];            /* the voice set last */
static struct synth_call *g_call; /* the utterance in progress (under g_lock) */

static int on_samples(short *wav, int n, espeak_EVENT *events)
{
    struct synth_call *c = g_call;
    if (!c || !wav)
        return 0; /* NULL: the utterance is complete */
    if (c->stopped)
        return 1;
    if (n > 0 && c->fn((const int16_t *)wav, (size_t)n, g_rate, c->user))
        c->stopped = 1;
    return c->stopped;
}

static void init_locked(void)
{
    char err[400] = "";
    if (espeak_lazy_load(err, sizeof err) != KIOSK_OK) {
        kiosk_strlcpy(g_why, err, sizeof g_why);
        g_state = -1;
        return;
    }
    /* DONT_EXIT: without its data espeak would end the process; the voice's check fails instead */
    int rate = espeak_fn.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, VOICE_BUFFER_MS, NULL,
                                           espeakINITIALIZE_DONT_EXIT);
    if (rate <= 0) {
        kiosk_strlcpy(g_why,
                      "libespeak-ng did not start; install the Debian package 'espeak-ng-data'",
                      sizeof g_why);
        g_state = -1;
        return;
    }
    g_rate = rate;
    espeak_fn.espeak_SetSynthCallback(on_samples);
    g_state = 1;
}

static kiosk_status set_voice_locked(const char *lang, char *err, size_t errlen)
{
    const char *name = strcmp(lang, "vi") == 0 ? "vi" : "en";
    if (strcmp(g_lang, name) == 0)
        return KIOSK_OK;
    if (espeak_fn.espeak_SetVoiceByName(name) != EE_OK) {
        kiosk_fmt(err, errlen,
                  "libespeak-ng has no voice '%s' (no speech data); install the Debian package "
                  "'espeak-ng-data'",
                  name);
        g_lang[0] = '\0';
        return KIOSK_E_UNAVAILABLE;
    }
    espeak_fn.espeak_SetParameter(espeakRATE, VOICE_WORDS_PER_MIN, 0);
    kiosk_strlcpy(g_lang, name, sizeof g_lang);
    return KIOSK_OK;
}

kiosk_status voice_synth(const char *lang, const char *text, voice_pcm_fn fn, void *user, char *err,
                         size_t errlen)
{
    char why[480] = "";
    pthread_mutex_lock(&g_lock);
    if (g_state == 0)
        init_locked();
    kiosk_status st = g_state == 1 ? KIOSK_OK : KIOSK_E_UNAVAILABLE;
    if (st != KIOSK_OK)
        kiosk_strlcpy(why, g_why, sizeof why);
    else
        st = set_voice_locked(lang ? lang : "vi", why, sizeof why);
    if (st == KIOSK_OK && text && *text) {
        struct synth_call c = {.fn = fn, .user = user};
        g_call = &c;
        espeak_ERROR e = espeak_fn.espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
                                                espeakCHARS_UTF8, NULL, &c);
        g_call = NULL;
        if (e != EE_OK && !c.stopped) {
            kiosk_fmt(why, sizeof why, "libespeak-ng could not speak (error %d)", (int)e);
            st = KIOSK_E_IO;
        }
    }
    pthread_mutex_unlock(&g_lock);
    if (st != KIOSK_OK && err && errlen)
        kiosk_strlcpy(err, why, errlen);
    return st;
}
