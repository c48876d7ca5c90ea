/* Fuzz target: what a scanner or a person hands to the receipt code. receipt_decode must
 * never crash, and what it accepts must be canonical (its base32 re-encodes to the same
 * text); typed short codes and base32 decoding likewise. */
#include "receipt/base32.h"
#include "receipt/receipt.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char text[512];
    if (size >= sizeof text)
        size = sizeof text - 1;
    memcpy(text, data, size);
    text[size] = '\0';

    struct receipt_fields f;
    const char *why = NULL;
    if (receipt_decode(text, &f, &why) == KIOSK_OK) {
        if (why != NULL || f.kind < 1 || f.kind > 3 || strlen(f.key_id) != 8 || !f.event_code[0])
            abort();
        const char *dot = strchr(text + 4, '.');
        uint8_t bytes[64];
        char again[160];
        int n = b32_decode(text + 4, (size_t)(dot - (text + 4)), bytes, sizeof bytes);
        if (n < 0 || b32_encode(bytes, (size_t)n, again, sizeof again) == 0 ||
            strlen(again) != (size_t)(dot - (text + 4)) ||
            strncmp(again, text + 4, strlen(again)) != 0)
            abort();
    }
    uint8_t out[400];
    int n = b32_decode(text, strlen(text), out, sizeof out);
    if (n >= 0) {
        char again[sizeof text + 8];
        b32_encode(out, (size_t)n, again, sizeof again);
        if (strcmp(again, text) != 0)
            abort();
    }
    char code[KIOSK_SHORT_LEN];
    if (receipt_short_code_read(text, code) == 0 && (strlen(code) != 9 || code[4] != '-'))
        abort();
    return 0;
}
