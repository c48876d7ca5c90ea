/* The voice's thread (docs/VOICE.md): takes the latest thing to say, synthesises it
 * (core/voice) and queues the samples on the backend's audio as they come. A new request
 * replaces the one waiting and cuts the one being said (its synthesis stops within one
 * 100 ms buffer, what is queued is dropped). The frame thread only hands requests over: it
 * never waits on synthesis or sound. */
#ifndef KIOSK_HOST_VOICE_WORKER_H
#define KIOSK_HOST_VOICE_WORKER_H

#include "host/backend.h"

#include <stdint.h>

struct voice_worker;

/* What the thread did, for tests and benchmarks. */
struct voice_stats {
    uint64_t requests;   /* voice_worker_say calls */
    uint64_t utterances; /* requests it began to say */
    uint64_t finished;   /* utterances synthesised to their end */
    uint64_t cut;        /* utterances stopped by a newer request */
    uint64_t samples;    /* samples queued on the audio */
    int broken;          /* 1: no speech here (no libespeak-ng, no data, audio gone): silent */
};

/* Starts the thread over the backend's audio (audio_play must be set and its device open).
 * It loads libespeak-ng and lang's voice first, so the first utterance does not wait for them;
 * when it cannot, it logs why once and stays silent. NULL when the thread cannot start
 * (logged). */
struct voice_worker *voice_worker_start(const struct backend_ops *be, struct backend *b,
                                        const char *lang);
/* Cuts what is being said and joins the thread. NULL: nothing. */
void voice_worker_stop(struct voice_worker *w);
/* From the frame thread, at once: say text (its spoken form, voice_text.h) in lang ("vi",
 * "en"), replacing what waits and cutting what is being said; text "" only cuts. */
void voice_worker_say(struct voice_worker *w, const char *lang, const char *text);
void voice_worker_stats(struct voice_worker *w, struct voice_stats *out);
/* Waits (tests, benchmarks) until nothing is waiting nor being synthesised, up to timeout_ms;
 * 1 when it is idle. */
int voice_worker_idle(struct voice_worker *w, int timeout_ms);

#endif
