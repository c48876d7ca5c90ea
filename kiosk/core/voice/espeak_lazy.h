/* libespeak-ng, opened on first use (lazy_lib.h): a kiosk with `voice = off` (the default)
 * never maps it, and one without the library or its data (espeak-ng-data) still runs: the
 * voice says why in one log line and stays silent. Only voice.c calls it. */
#ifndef KIOSK_VOICE_ESPEAK_LAZY_H
#define KIOSK_VOICE_ESPEAK_LAZY_H

#include "lazy_lib.h"

#include <espeak-ng/speak_lib.h>

#define ESPEAK_FUNCS(X)                                                                            \
    X(espeak_Initialize)                                                                           \
    X(espeak_SetSynthCallback)                                                                     \
    X(espeak_SetVoiceByName)                                                                       \
    X(espeak_SetParameter)                                                                         \
    X(espeak_Synth)

struct espeak_fns {
    ESPEAK_FUNCS(LAZY_MEMBER)
};
extern struct espeak_fns espeak_fn;

/* Loads libespeak-ng once; KIOSK_E_UNAVAILABLE (err says what to install) when it cannot. */
kiosk_status espeak_lazy_load(char *err, size_t errlen);

#endif
