/* Sound for the voice (host/backend.h audio_play, audio_stop): one SDL audio device in queue
 * mode, opened by the first call (pcm NULL, from the main thread at start, so a missing device
 * is known and logged then), fed from the voice's thread with SDL_QueueAudio and emptied with
 * SDL_ClearQueuedAudio. SDL converts the voice's rate to the device's. SDL_AUDIODRIVER picks
 * the driver: "dummy" plays nothing, "disk" writes what is heard to SDL_DISKAUDIOFILE. */
#include "sdl/sdl_internal.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <sys/resource.h>

struct sdl_audio {
    SDL_AudioDeviceID dev; /* 0: closed */
    int inited;            /* SDL's audio subsystem is up */
    int failed;            /* no audio here: why */
    int reniced;           /* SDL's audio thread put back to nice 0 */
    char why[256];
};

/* SDL raises its audio thread to nice -20 when it may (the kiosk as root): frames painted
 * while it runs waited up to 10 times longer (tests/bench/bench_voice_frames.c). A frame
 * matters more than a voice's buffer: every thread of the kiosk below nice 0 is put back. */
static void renice_audio_thread(void)
{
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        id_t tid = (id_t)strtol(e->d_name, NULL, 10);
        errno = 0;
        int nice = tid > 0 ? getpriority(PRIO_PROCESS, tid) : 0;
        if (tid > 0 && errno == 0 && nice < 0)
            setpriority(PRIO_PROCESS, tid, 0);
    }
    closedir(d);
}

static kiosk_status audio_open(struct sdl_audio *au, int rate)
{
    if (!au->inited && SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        kiosk_fmt(au->why, sizeof au->why, "no audio: %s", SDL_GetError());
        au->failed = 1;
        return KIOSK_E_UNAVAILABLE;
    }
    au->inited = 1;
    SDL_AudioSpec want = {.freq = rate, .format = AUDIO_S16SYS, .channels = 1, .samples = 1024};
    SDL_AudioSpec have;
    au->dev = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (au->dev == 0) {
        kiosk_fmt(au->why, sizeof au->why, "no audio device (driver '%s'): %s",
                  SDL_GetCurrentAudioDriver() ? SDL_GetCurrentAudioDriver() : "none",
                  SDL_GetError());
        au->failed = 1;
        return KIOSK_E_UNAVAILABLE;
    }
    SDL_PauseAudioDevice(au->dev, 0);
    return KIOSK_OK;
}

kiosk_status sdl_backend_audio_play(struct sdl_backend *b, const int16_t *pcm, size_t n, int rate,
                                    char *err, size_t errlen)
{
    if (!b->audio && !(b->audio = calloc(1, sizeof *b->audio)))
        return KIOSK_E_NOMEM;
    struct sdl_audio *au = b->audio;
    if (!au->failed && !au->dev)
        audio_open(au, rate);
    if (au->failed) {
        kiosk_strlcpy(err, au->why, errlen);
        return KIOSK_E_UNAVAILABLE;
    }
    if (!pcm || n == 0)
        return KIOSK_OK;
    if (!au->reniced) { /* by now SDL's thread has set its own priority */
        renice_audio_thread();
        au->reniced = 1;
    }
    if (SDL_QueueAudio(au->dev, pcm, (Uint32)(n * sizeof *pcm)) != 0) {
        kiosk_fmt(err, errlen, "cannot queue audio: %s", SDL_GetError());
        return KIOSK_E_IO;
    }
    return KIOSK_OK;
}

void sdl_backend_audio_stop(struct sdl_backend *b)
{
    if (!b->audio || !b->audio->dev)
        return;
    SDL_ClearQueuedAudio(b->audio->dev);
}

void sdl_audio_close(struct sdl_backend *b)
{
    if (!b->audio)
        return;
    if (b->audio->dev)
        SDL_CloseAudioDevice(b->audio->dev);
    if (b->audio->inited)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    free(b->audio);
    b->audio = NULL;
}
