/* Scanner bursts: keys are held while they come faster than a person types; Return
 * after enough of them makes a scan, anything else releases them as typing. */
#include "text/scanburst.h"

#include <string.h>

static void clear(struct scanburst *s)
{
    s->len = 0;
    s->keys = 0;
    s->buf[0] = '\0';
}

/* Moves the held keys to out (cut at cap) and forgets them. */
static void release(struct scanburst *s, char *out, size_t cap)
{
    kiosk_strlcpy(out, s->buf, cap);
    clear(s);
}

static void hold(struct scanburst *s, const char *key, int64_t now_ms)
{
    size_t n = strlen(key);
    memcpy(s->buf + s->len, key, n + 1);
    s->len += n;
    s->keys++;
    s->last_ms = now_ms;
}

int scanburst_feed(struct scanburst *s, const char *key, int64_t now_ms, char *out, size_t cap,
                   int *return_typed)
{
    if (cap > 0)
        out[0] = '\0';
    if (return_typed)
        *return_typed = 0;
    int held = s->keys > 0;
    int close = held && now_ms - s->last_ms <= SCANBURST_GAP_MS;
    if (!key) { /* Return */
        if (close && s->keys >= SCANBURST_MIN_KEYS) {
            release(s, out, cap);
            return SCANBURST_SCAN;
        }
        if (held)
            release(s, out, cap);
        if (return_typed)
            *return_typed = 1;
        return SCANBURST_TYPED;
    }
    int released = 0;
    if (held && (!close || s->len + strlen(key) + 1 > sizeof s->buf)) {
        release(s, out, cap); /* too slow (or too long) for a scanner: it was typing */
        released = 1;
    }
    if (strlen(key) + 1 > sizeof s->buf) {
        /* no scanner sends this as one key */
        size_t used = strlen(out);
        if (used < cap)
            kiosk_strlcpy(out + used, key, cap - used);
        return SCANBURST_TYPED;
    }
    hold(s, key, now_ms);
    return released ? SCANBURST_TYPED : SCANBURST_NONE;
}

int scanburst_flush(struct scanburst *s, int64_t now_ms, char *out, size_t cap)
{
    if (cap > 0)
        out[0] = '\0';
    if (s->keys == 0 || now_ms - s->last_ms <= SCANBURST_GAP_MS)
        return SCANBURST_NONE;
    release(s, out, cap);
    return SCANBURST_TYPED;
}

int scanburst_wait_ms(const struct scanburst *s, int64_t now_ms)
{
    if (s->keys == 0)
        return -1;
    int64_t due = s->last_ms + SCANBURST_GAP_MS + 1 - now_ms;
    return due < 0 ? 0 : (int)due;
}
