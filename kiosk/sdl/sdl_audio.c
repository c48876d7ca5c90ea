/* Sound for the voice (host/backend.h audio_play, audio_stop): one SDL audio device in queue
 * mode, opened on the first call (from the main thread), fed from the voice's thread with
 * SDL_QueueAudio and emptied with SDL_ClearQueuedAudio, both safe from any thread. SDL
 * converts the voice's rate to the device's. SDL_AUDIODRIVER picks the driver: "dummy"
 * plays nothing, "disk" writes what is heard to SDL_DISKAUDIOFILE (tests). */
#include "sdl/sdl_internal.h"

#include <stdlib.h>

struct sdl_audio {
    SDL_AudioDeviceID dev;
    int rate;
    int failed;
    char why[256];
};

static kiosk_status audio_open(struct sdl_backend *b, int rate)
{
    struct sdl_audio *au = b->audio;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        kiosk_fmt(au->why, sizeof au->why, "no audio: %s", SDL_GetError());
        au->failed = 1;
        return KIOSK_E_UNAVAILABLE;
    }
    SDL_AudioSpec want = {.freq = rate, .format = AUDIO_S16SYS, .channels = 1, .samples = 1024};
    SDL_AudioSpec have;
    au->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (au->dev == 0) {
        kiosk_fmt(au->why, sizeof au->why, "no audio device (driver '%s'): %s",
                  SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver() : "none",
                  SDL_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
        au->failed = 1;
        return KIOSK_E_UNAVAILABLE;
    }
    au->rate = rate;
    SDL_PauseAudioDevice(au->dev, 0); /* plays silence until speech is queued */
    return KIOSK_OK;
}

kiosk_status sdl_backend_audio_play(struct sdl_backend *b, const int16_t *pcm, size_t n, int rate,
                                    char *err, size_t errlen)
{
    if (!b->audio && !(b->audio = calloc(1, sizeof *b->audio)))
        return KIOSK_E_NOMEM;
    struct sdl_audio *au = b->audio;
    kiosk_status st = KIOSK_OK;
    if (!au->failed && !au->dev)
        st = audio_open(b, rate);
    if (au->failed) {
        kiosk_strlcpy(err, au->why, errlen);
        return KIOSK_E_UNAVAILABLE;
    }
    if (st != KIOSK_OK || n == 0)
        return st;
    if (rate != au->rate) {
        kiosk_fmt(err, errlen, "audio opened at %d Hz, not %d", au->rate, rate);
        return KIOSK_E_INVALID;
    }
    if (SDL_QueueAudio(au->dev, pcm, (Uint32)(n * sizeof *pcm)) != 0) {
        kiosk_fmt(err, errlen, "cannot queue audio: %s", SDL_GetError());
        return KIOSK_E_IO;
    }
    return KIOSK_OK;
}

void sdl_backend_audio_stop(struct sdl_backend *b)
{
    if (b->audio && b->audio->dev)
        SDL_ClearQueuedAudio(b->audio->dev);
}

void sdl_audio_close(struct sdl_backend *b)
{
    if (!b->audio)
        return;
    if (b->audio->dev) {
        SDL_CloseAudioDevice(b->audio->dev);
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    free(b->audio);
    b->audio = NULL;
}
