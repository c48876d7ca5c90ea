/* A growing byte buffer: appends that remember a failed allocation, so a writer checks once
 * at the end. */
#ifndef KIOSK_BYTES_H
#define KIOSK_BYTES_H

#include <stddef.h>
#include <stdint.h>

struct kiosk_bytes {
    uint8_t *data; /* malloc'd; the caller frees it */
    size_t len, cap;
    int failed; /* an append ran out of memory: data holds what came before */
};

void kiosk_bytes_put(struct kiosk_bytes *b, const void *p, size_t n);

#endif
