/* A whole utterance in memory and as a WAV file (voice.h): for kioskctl's `voice say` and the
 * tests that listen to what the kiosk would say. */
#include "voice/voice.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct pcm_buf {
    int16_t *pcm;
    size_t n, cap;
    int rate;
    int nomem;
};

static int collect(const int16_t *pcm, size_t n, int rate, void *user)
{
    struct pcm_buf *b = user;
    if (!kiosk_grow((void **)&b->pcm, &b->cap, b->n + n, sizeof *b->pcm)) {
        b->nomem = 1;
        return 1;
    }
    memcpy(b->pcm + b->n, pcm, n * sizeof *pcm);
    b->n += n;
    b->rate = rate;
    return 0;
}

kiosk_status voice_render(const char *lang, const char *text, int16_t **pcm, size_t *n, int *rate,
                          char *err, size_t errlen)
{
    struct pcm_buf b = {0};
    kiosk_status st = voice_synth(lang, text, collect, &b, err, errlen);
    if (st == KIOSK_OK && b.nomem)
        st = KIOSK_E_NOMEM;
    if (st != KIOSK_OK) {
        free(b.pcm);
        return st;
    }
    *pcm = b.pcm;
    *n = b.n;
    *rate = b.rate;
    return KIOSK_OK;
}

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static void put_u16(unsigned char *p, uint16_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

kiosk_status voice_wav_write(const char *path, const int16_t *pcm, size_t n, int rate)
{
    unsigned char h[44];
    uint32_t bytes = (uint32_t)(n * 2);
    memcpy(h, "RIFF", 4);
    put_u32(h + 4, 36 + bytes);
    memcpy(h + 8, "WAVEfmt ", 8);
    put_u32(h + 16, 16);                 /* the fmt chunk's size */
    put_u16(h + 20, 1);                  /* PCM */
    put_u16(h + 22, 1);                  /* mono */
    put_u32(h + 24, (uint32_t)rate);     /* samples a second */
    put_u32(h + 28, (uint32_t)rate * 2); /* bytes a second */
    put_u16(h + 32, 2);                  /* bytes a sample */
    put_u16(h + 34, 16);                 /* bits a sample */
    memcpy(h + 36, "data", 4);
    put_u32(h + 40, bytes);
    FILE *f = fopen(path, "wb");
    if (!f)
        return KIOSK_E_IO;
    int ok = fwrite(h, 1, sizeof h, f) == sizeof h;
    for (size_t i = 0; ok && i < n; i++) { /* little-endian whatever the machine */
        unsigned char s[2];
        put_u16(s, (uint16_t)pcm[i]);
        ok = fwrite(s, 1, 2, f) == 2;
    }
    if (fclose(f) != 0)
        ok = 0;
    return ok ? KIOSK_OK : KIOSK_E_IO;
}
