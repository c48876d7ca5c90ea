/* Vietnamese letters as (base, vowel mark, tone, case), for the composer: a letter is
 * taken apart, changed and put back together. Never used for other scripts. */
#ifndef KIOSK_VN_LETTERS_H
#define KIOSK_VN_LETTERS_H

#include <stdint.h>

struct vn_letter {
    char base;     /* 'a'..'z' lower case; 'd' with VN_MARK_STROKE is đ */
    uint8_t mark;  /* enum vn_mark */
    uint8_t tone;  /* 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng */
    uint8_t upper; /* 1: upper case */
};

/* Returns 1 and fills l when cp is an ASCII letter, đ/Đ or a Vietnamese vowel form. */
int vn_letter_decode(int32_t cp, struct vn_letter *l);
/* The code point for l; 0 when no such letter exists (e.g. a breve on e). */
int32_t vn_letter_encode(const struct vn_letter *l);
int vn_letter_is_vowel(char base);

#endif
