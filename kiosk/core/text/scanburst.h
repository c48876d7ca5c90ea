/* Tells a barcode scanner from a person typing: keystrokes closer than ~20 ms that end
 * with Return and number at least 6 are one scan; anything else is typing. Pure logic
 * over timestamps (kiosk time), so scripts and tests drive it exactly. */
#ifndef KIOSK_SCANBURST_H
#define KIOSK_SCANBURST_H

#include "common.h"

#define SCANBURST_GAP_MS 20
#define SCANBURST_MIN_KEYS 6

struct scanburst {
    char buf[512]; /* held keys (UTF-8) */
    size_t len;
    int keys;        /* number of held keys */
    int64_t last_ms; /* time of the last held key */
};

enum scanburst_out { SCANBURST_NONE = 0, SCANBURST_TYPED = 1, SCANBURST_SCAN = 2 };

/* A zeroed struct scanburst holds nothing. Every key is held until it is known what it
 * was: fast keys + Return = a scan; a slow next key, scanburst_flush after the gap, or a
 * Return after too few keys = typing.
 * Feed one character (UTF-8) or Return (key == NULL) at time now_ms. When held keys turn
 * out to be typing, they come out as SCANBURST_TYPED in out (and Return is reported by
 * *return_typed = 1, after out's keys); a complete burst comes out as SCANBURST_SCAN with
 * the payload (without Return). A burst longer than the buffer comes out as typing. */
int scanburst_feed(struct scanburst *s, const char *key, int64_t now_ms, char *out, size_t cap,
                   int *return_typed);
/* Call when time passes without keys: held keys older than the gap come out as typing. */
int scanburst_flush(struct scanburst *s, int64_t now_ms, char *out, size_t cap);
/* ms until scanburst_flush should be called again; -1 when nothing is held. */
int scanburst_wait_ms(const struct scanburst *s, int64_t now_ms);

#endif
