/* The receipt text KC1.<payload>.<signature>: packing, signing, strict parsing. */
#include "receipt_internal.h"

#include <string.h>

#define VERSION_PREFIX "KC1."
#define FIXED_BYTES 21 /* kind/session, id, time, key id */
#define PAYLOAD_MAX (FIXED_BYTES + (RECEIPT_CODE_MAX * 6 + 7) / 8)

/* Event code chars, 6 bits each; 0 ends the code. */
static const char code_alphabet[] =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-";

static int code_value(char c)
{
    const char *p = c ? strchr(code_alphabet, c) : NULL;
    return p ? (int)(p - code_alphabet) + 1 : -1;
}

/* Appends the code's 6-bit chars at out; returns bytes used or -1. */
static int pack_code(const char *code, uint8_t *out)
{
    size_t len = strlen(code);
    if (len == 0 || len > RECEIPT_CODE_MAX)
        return -1;
    uint32_t acc = 0;
    int bits = 0, o = 0;
    for (size_t i = 0; i < len; i++) {
        int v = code_value(code[i]);
        if (v < 0)
            return -1;
        acc = (acc << 6) | (uint32_t)v;
        bits += 6;
        while (bits >= 8) {
            bits -= 8;
            out[o++] = (uint8_t)(acc >> bits);
        }
    }
    if (bits > 0)
        out[o++] = (uint8_t)(acc << (8 - bits));
    return o;
}

/* The inverse, strict: one encoding per code (no trailing zero bytes, zero padding bits). */
static int unpack_code(const uint8_t *in, size_t n, char out[RECEIPT_CODE_MAX + 1])
{
    size_t total_bits = n * 8, len = 0;
    for (size_t bit = 0; bit + 6 <= total_bits; bit += 6) {
        int v = 0;
        for (int b = 0; b < 6; b++)
            v = (v << 1) | ((in[(bit + (size_t)b) / 8] >> (7 - (bit + (size_t)b) % 8)) & 1);
        if (v == 0)
            break;
        if (len == RECEIPT_CODE_MAX)
            return -1;
        out[len++] = code_alphabet[v - 1];
    }
    out[len] = '\0';
    if (len == 0 || (len * 6 + 7) / 8 != n)
        return -1;
    size_t used = len * 6;
    for (size_t bit = used; bit < total_bits; bit++)
        if ((in[bit / 8] >> (7 - bit % 8)) & 1)
            return -1;
    return 0;
}

static int crockford_value(char c)
{
    static const char a[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    const char *p = c ? strchr(a, c) : NULL;
    return p ? (int)(p - a) : -1;
}

/* 8 Crockford chars -> 5 bytes; -1 when not canonical. */
static int key_id_bytes(const char *key_id, uint8_t out[5])
{
    if (strlen(key_id) != 8)
        return -1;
    uint64_t v = 0;
    for (int i = 0; i < 8; i++) {
        int d = crockford_value(key_id[i]);
        if (d < 0)
            return -1;
        v = (v << 5) | (uint64_t)d;
    }
    for (int i = 4; i >= 0; i--) {
        out[i] = (uint8_t)(v & 0xff);
        v >>= 8;
    }
    return 0;
}

kiosk_status receipt_encode(const struct receipt_keys *k, const struct receipt_fields *f,
                            char out[KIOSK_RECEIPT_LEN])
{
    uint8_t p[PAYLOAD_MAX];
    if (f->kind < KIOSK_RECEIPT_SIGNUP || f->kind > 15 || f->session_number < 0 ||
        f->session_number > 4095 || f->issued_at_s < 0 || f->issued_at_s > UINT32_MAX)
        return KIOSK_E_INVALID;
    p[0] = (uint8_t)(f->kind << 4 | f->session_number >> 8);
    p[1] = (uint8_t)(f->session_number & 0xff);
    memcpy(p + 2, f->id, RECEIPT_ID_BYTES);
    uint32_t t = (uint32_t)f->issued_at_s;
    p[12] = (uint8_t)(t >> 24);
    p[13] = (uint8_t)(t >> 16);
    p[14] = (uint8_t)(t >> 8);
    p[15] = (uint8_t)t;
    if (key_id_bytes(k->key_id, p + 16) != 0)
        return KIOSK_E_INVALID;
    int code_bytes = pack_code(f->event_code, p + FIXED_BYTES);
    if (code_bytes < 0)
        return KIOSK_E_INVALID;
    size_t n = FIXED_BYTES + (size_t)code_bytes;

    size_t o = strlen(VERSION_PREFIX);
    memcpy(out, VERSION_PREFIX, o);
    o += b32_encode(p, n, out + o, KIOSK_RECEIPT_LEN - o);
    uint8_t sig[crypto_sign_BYTES];
    /* The signature covers the version too: "KC1.<payload>" as it stands in the text. */
    crypto_sign_detached(sig, NULL, (const unsigned char *)out, o, k->sk);
    out[o++] = '.';
    if (b32_encode(sig, sizeof sig, out + o, KIOSK_RECEIPT_LEN - o) == 0)
        return KIOSK_E_INVALID;
    return KIOSK_OK;
}

int receipt_text_like(const char *text)
{
    size_t v = 2;
    if (!text || text[0] != 'K' || text[1] != 'C')
        return 0;
    while (text[v] >= '0' && text[v] <= '9')
        v++;
    return v > 2 && text[v] == '.';
}

kiosk_status receipt_decode(const char *text, struct receipt_fields *out, const char **why_key)
{
    memset(out, 0, sizeof *out);
    *why_key = "receipt.why.malformed";
    size_t len = strnlen(text, KIOSK_RECEIPT_LEN);
    if (len == KIOSK_RECEIPT_LEN || len < 4 || text[0] != 'K' || text[1] != 'C')
        return KIOSK_E_INVALID;
    size_t v = 2;
    while (text[v] >= '0' && text[v] <= '9')
        v++;
    if (v == 2 || text[v] != '.')
        return KIOSK_E_INVALID;
    if (v != 3 || text[2] != '1') {
        *why_key = "receipt.why.version";
        return KIOSK_E_NEWER;
    }
    const char *payload = text + 4;
    const char *dot = strchr(payload, '.');
    if (!dot)
        return KIOSK_E_INVALID;
    uint8_t p[PAYLOAD_MAX], sig[crypto_sign_BYTES];
    int n = b32_decode(payload, (size_t)(dot - payload), p, sizeof p);
    int sn = b32_decode(dot + 1, strlen(dot + 1), sig, sizeof sig);
    if (n < FIXED_BYTES + 1 || sn != (int)sizeof sig)
        return KIOSK_E_INVALID;
    out->kind = p[0] >> 4;
    out->session_number = (p[0] & 15) << 8 | p[1];
    if (out->kind < KIOSK_RECEIPT_SIGNUP || out->kind > KIOSK_RECEIPT_VISIT)
        return KIOSK_E_INVALID;
    memcpy(out->id, p + 2, RECEIPT_ID_BYTES);
    out->issued_at_s =
        (int64_t)((uint32_t)p[12] << 24 | (uint32_t)p[13] << 16 | (uint32_t)p[14] << 8 | p[15]);
    b32_crockford40(p + 16, out->key_id);
    if (unpack_code(p + FIXED_BYTES, (size_t)n - FIXED_BYTES, out->event_code) != 0)
        return KIOSK_E_INVALID;
    *why_key = NULL;
    return KIOSK_OK;
}

/* Checks text's signature against a public key; text must have decoded. */
int receipt_signature_ok(const char *text, const uint8_t pk[crypto_sign_PUBLICKEYBYTES])
{
    const char *dot = strchr(text + 4, '.');
    uint8_t sig[crypto_sign_BYTES];
    if (!dot || b32_decode(dot + 1, strlen(dot + 1), sig, sizeof sig) != (int)sizeof sig)
        return 0;
    return crypto_sign_verify_detached(sig, (const unsigned char *)text,
                                       (unsigned long long)(dot - text), pk) == 0;
}

void receipt_short_code(const uint8_t id[RECEIPT_ID_BYTES], char out[KIOSK_SHORT_LEN])
{
    char c[9];
    b32_crockford40(id, c);
    kiosk_fmt(out, KIOSK_SHORT_LEN, "%.4s-%.4s", c, c + 4);
}

int receipt_short_code_read(const char *typed, char out[KIOSK_SHORT_LEN])
{
    char c[9];
    if (b32_crockford_read8(typed, c) != 0)
        return -1;
    kiosk_fmt(out, KIOSK_SHORT_LEN, "%.4s-%.4s", c, c + 4);
    return 0;
}

const char *receipt_kind_name(int kind)
{
    switch (kind) {
    case KIOSK_RECEIPT_SIGNUP:
        return "sign-up";
    case KIOSK_RECEIPT_ATTENDANCE:
        return "attendance";
    case KIOSK_RECEIPT_VISIT:
        return "visit";
    default:
        return "unknown";
    }
}
