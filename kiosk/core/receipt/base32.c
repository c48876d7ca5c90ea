#include "base32.h"

#include <string.h>

static const char rfc_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
static const char crockford_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

size_t b32_encoded_len(size_t n)
{
    return (n * 8 + 4) / 5;
}

size_t b32_encode(const uint8_t *in, size_t n, char *out, size_t cap)
{
    size_t len = b32_encoded_len(n);
    if (cap < len + 1)
        return 0;
    uint32_t acc = 0;
    int bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        acc = (acc << 8) | in[i];
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out[o++] = rfc_alphabet[(acc >> bits) & 31];
        }
    }
    if (bits > 0)
        out[o++] = rfc_alphabet[(acc << (5 - bits)) & 31];
    out[o] = '\0';
    return o;
}

static int rfc_value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= '2' && c <= '7')
        return c - '2' + 26;
    return -1;
}

int b32_decode(const char *in, size_t len, uint8_t *out, size_t cap)
{
    size_t n = len * 5 / 8;
    /* Lengths 1, 3, 6 (mod 8) are never produced by an encoder. */
    if (b32_encoded_len(n) != len || n > cap)
        return -1;
    uint32_t acc = 0;
    int bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        int v = rfc_value(in[i]);
        if (v < 0)
            return -1;
        acc = (acc << 5) | (uint32_t)v;
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            out[o++] = (uint8_t)(acc >> bits);
        }
    }
    /* A changed last char must not decode to the same bytes. */
    if (bits > 0 && (acc & ((1u << bits) - 1)) != 0)
        return -1;
    return (int)o;
}

void b32_crockford40(const uint8_t in[5], char out[9])
{
    uint64_t v = 0;
    for (int i = 0; i < 5; i++)
        v = (v << 8) | in[i];
    for (int i = 7; i >= 0; i--) {
        out[i] = crockford_alphabet[v & 31];
        v >>= 5;
    }
    out[8] = '\0';
}

static char crockford_canonical(char c)
{
    if (c >= 'a' && c <= 'z')
        c = (char)(c - 'a' + 'A');
    if (c == 'O')
        return '0';
    if (c == 'I' || c == 'L')
        return '1';
    if (c != '\0' && strchr(crockford_alphabet, c))
        return c;
    return '\0';
}

int b32_crockford_read8(const char *typed, char out[9])
{
    int n = 0;
    for (const char *p = typed; *p; p++) {
        if (*p == '-' || *p == ' ')
            continue;
        char c = crockford_canonical(*p);
        if (!c || n == 8)
            return -1;
        out[n++] = c;
    }
    out[n] = '\0';
    return n == 8 ? 0 : -1;
}
