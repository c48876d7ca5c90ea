/* Speech for people who read little (docs/VOICE.md): text in Vietnamese or English turned
 * into samples by libespeak-ng, opened on first use. Core only: it never plays a sound (the
 * host hands the samples to its backend) and never touches the screen.
 *
 * libespeak-ng keeps one global state, so calls are serialised here: whoever synthesises (the
 * kiosk's speech thread, kioskctl) holds one lock for the utterance. Never call it from a
 * thread that draws frames. */
#ifndef KIOSK_VOICE_H
#define KIOSK_VOICE_H

#include "common.h"

#include <stdint.h>

#define VOICE_WORDS_PER_MIN 150 /* slower than espeak's 175: for people who read little */

/* Samples as they come: mono, signed 16-bit, rate per second. Return 1 to stop the
 * utterance there (a new screen came), 0 to go on. */
typedef int (*voice_pcm_fn)(const int16_t *pcm, size_t n, int rate, void *user);

/* Speaks text (UTF-8, already in its spoken form: voice_spoken) in lang ("vi", anything else:
 * English) through fn. KIOSK_E_UNAVAILABLE when libespeak-ng or its data for lang is missing:
 * err says what to install (one line, for the log). KIOSK_OK also when fn stopped it. */
kiosk_status voice_synth(const char *lang, const char *text, voice_pcm_fn fn, void *user, char *err,
                         size_t errlen);

/* The whole utterance in one block: *pcm (free()), *n samples at *rate. */
kiosk_status voice_render(const char *lang, const char *text, int16_t **pcm, size_t *n, int *rate,
                          char *err, size_t errlen);

/* Writes samples as a WAV file (RIFF, PCM, mono, 16-bit). KIOSK_E_IO when it cannot. */
kiosk_status voice_wav_write(const char *path, const int16_t *pcm, size_t n, int rate);

#endif
