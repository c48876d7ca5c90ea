/* kioskctl voice: what the kiosk's voice says (docs/VOICE.md), without a kiosk or a sound
 * card. `voice say` renders a text to a WAV file (for tests, and for a coordinator to listen
 * to); `voice spoken` prints the spoken form of a written text. Exit 3 when libespeak-ng or its
 * data is missing on this machine. */
#include "ctl.h"
#include "voice/voice.h"
#include "voice/voice_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CTL_UNAVAILABLE = 3 };

struct voice_args {
    const char *lang, *out, *text;
    int as_written; /* --as-is: no spoken form */
};

static int parse(int argc, char **argv, struct voice_args *va)
{
    va->lang = "vi";
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--lang") == 0) {
            if (!(va->lang = ctl_flag_value(argc, argv, &i)))
                return 0;
        } else if (strcmp(argv[i], "--out") == 0) {
            if (!(va->out = ctl_flag_value(argc, argv, &i)))
                return 0;
        } else if (strcmp(argv[i], "--as-is") == 0) {
            va->as_written = 1;
        } else if (!va->text && argv[i][0] != '-') {
            va->text = argv[i];
        } else {
            return 0;
        }
    }
    if (strcmp(va->lang, "vi") != 0 && strcmp(va->lang, "en") != 0) {
        ctl_error("--lang is vi or en, not '%s'", va->lang);
        return 0;
    }
    return va->text != NULL;
}

static int say(const struct voice_args *va, const char *spoken)
{
    int16_t *pcm = NULL;
    size_t n = 0;
    int rate = 0;
    char err[512] = "";
    kiosk_status st = voice_render(va->lang, spoken, &pcm, &n, &rate, err, sizeof err);
    if (st != KIOSK_OK) {
        ctl_error("%s", err[0] ? err : kiosk_status_name(st));
        return st == KIOSK_E_UNAVAILABLE ? CTL_UNAVAILABLE : CTL_REFUSED;
    }
    st = voice_wav_write(va->out, pcm, n, rate);
    free(pcm);
    if (st != KIOSK_OK) {
        ctl_error("cannot write '%s'", va->out);
        return CTL_REFUSED;
    }
    printf("%s: %zu samples at %d Hz (%.2f s): %s\n", va->out, n, rate,
           rate ? (double)n / rate : 0.0, spoken);
    return CTL_OK;
}

int ctl_cmd_voice(struct ctl *c, int argc, char **argv)
{
    struct voice_args va = {0};
    if (argc < 2 || !parse(argc, argv, &va))
        return CTL_USAGE;
    char spoken[2048];
    if (va.as_written)
        kiosk_strlcpy(spoken, va.text, sizeof spoken);
    else
        voice_spoken(va.lang, va.text, spoken, sizeof spoken);
    if (strcmp(argv[0], "spoken") == 0) {
        printf("%s\n", spoken);
        return CTL_OK;
    }
    if (strcmp(argv[0], "say") != 0 || !va.out)
        return CTL_USAGE;
    return say(&va, spoken);
}
