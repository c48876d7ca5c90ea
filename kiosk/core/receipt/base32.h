/* Base32 for receipts: RFC 4648 upper-case without padding (the signed text, QR
 * alphanumeric mode) and Crockford's alphabet (short codes and key ids people read out).
 * Pure functions: never allocate, never touch the store. */
#ifndef KIOSK_RECEIPT_BASE32_H
#define KIOSK_RECEIPT_BASE32_H

#include <stddef.h>
#include <stdint.h>

/* Characters needed for n bytes (no padding, no NUL). */
size_t b32_encoded_len(size_t n);
/* RFC 4648 upper-case, no padding; writes b32_encoded_len(n) chars and a NUL.
 * Returns the length, or 0 when cap is too small. */
size_t b32_encode(const uint8_t *in, size_t n, char *out, size_t cap);
/* Strict decode of len chars: only A-Z and 2-7, a length a real encoding can have, and the
 * unused low bits of the last char zero, so each byte string has exactly one text.
 * Returns the number of bytes, or -1. */
int b32_decode(const char *in, size_t len, uint8_t *out, size_t cap);

/* Crockford base32 (0-9, A-Z without I L O U) of the first 40 bits of in: 8 chars + NUL. */
void b32_crockford40(const uint8_t in[5], char out[9]);
/* Reads what a person typed (either case, dashes and spaces ignored, O read as 0, I and L as
 * 1) into 8 canonical Crockford chars + NUL. Returns 0 on success, -1 when it is not 8 chars
 * of the alphabet. */
int b32_crockford_read8(const char *typed, char out[9]);

#endif
