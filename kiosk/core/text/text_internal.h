/* Helpers shared by the text module's files: UTF-8 output that never cuts a character,
 * and the one-pass folding that the search index and vn_fold share. Not a public API. */
#ifndef KIOSK_TEXT_INTERNAL_H
#define KIOSK_TEXT_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

/* Appends one code point to out (len bytes used, cap the size). Returns 0 and leaves out
 * untouched when it does not fit with its terminating NUL. */
int vn_put_cp(char *out, size_t cap, size_t *len, int32_t cp);

/* Vowel marks in a search signature (3 bits per letter position). */
enum vn_mark {
    VN_MARK_NONE = 0,
    VN_MARK_HAT = 1,
    VN_MARK_BREVE = 2,
    VN_MARK_HORN = 3,
    VN_MARK_STROKE = 4
};
#define VN_SIG_POSITIONS 9
#define VN_SIG_TONE_SHIFT 27

/* One folded word with its marks signature: 3 bits of vowel mark for each of the first
 * VN_SIG_POSITIONS letters, the word's tone (1..5) at VN_SIG_TONE_SHIFT. The signature
 * ignores where the tone sits, so "hoà" and "hòa" have the same one. */
struct vn_fold_word {
    char text[48]; /* folded, NUL-terminated; longer words are cut at a character */
    uint8_t len;
    uint8_t letters; /* letters counted for the signature */
    uint32_t sig;
};
/* Splits a text (NFC or NFD, any case) into folded words. Returns the number written. */
size_t vn_fold_words(const char *in, struct vn_fold_word *out, size_t max);
/* Mask of the signature bits that a typed word of `letters` letters constrains. */
uint32_t vn_sig_mask(unsigned letters);

#endif
