/* Vietnamese text: NFC, display names, search keys, official order, phone numbers.
 * Pure functions over UTF-8; no I/O except where a function says it reads a data file. */
#ifndef KIOSK_TEXT_H
#define KIOSK_TEXT_H

#include "common.h"

/* NFC of a UTF-8 text (utf8proc). Invalid UTF-8 gives KIOSK_E_INVALID. A text longer
 * than cap is cut at a character boundary. The other functions drop invalid bytes. */
kiosk_status vn_nfc(const char *in, char *out, size_t cap);
/* Display form of a name: NFC, spaces collapsed and trimmed, each word capitalised
 * ("  TRẦN   văn  BÌNH " -> "Trần Văn Bình"). */
void vn_name_tidy(const char *in, char *out, size_t cap);
/* 1 when a name holds a digit (any script's: Unicode category Nd): "Lan 2" is a slip or a
 * placeholder, never a person's name; forms, roster import and the store refuse it. */
int vn_name_has_digit(const char *name);
/* Search key: NFC, lower case, tone and vowel marks removed, đ -> d, any run of spaces
 * or punctuation -> one space, trimmed ("Nguyễn Thị Hòa" -> "nguyen thi hoa"). */
void vn_fold(const char *in, char *out, size_t cap);
/* Identity key of a name (kiosk/core/people/identity.h): words folded with their vowel
 * marks, đ and tone kept as properties of each word, wherever the tone was placed
 * ("Hoà" and "Hòa" give one key; "Hoa", "Hòa" and "Hóa" three). *unmarked (may be NULL)
 * is 1 when the text has letters and no mark at all (typed without accents). */
void vn_name_key(const char *in, char *out, size_t cap, int *unmarked);
/* Lower case, NFC, whitespace collapsed, marks kept: for "typed accents match" ranking. */
void vn_lower(const char *in, char *out, size_t cap);

/* Name parts for the official order: family = first word, given = the stored given name
 * when known (it may have two words) else the last word, middle = what is between. */
struct vn_name_parts {
    char family[KIOSK_PART_LEN];
    char middle[KIOSK_NAME_LEN];
    char given[KIOSK_PART_LEN];
};
void vn_name_split(const char *full_name, const char *given_hint, struct vn_name_parts *out);

/* Vietnamese collation (ICU "vi"): a < ă < â, d < đ, tones after letters.
 * vn_collate compares two texts; vn_sort_key writes a binary key comparable with memcmp
 * (returns its length; 0 when it does not fit). */
int vn_collate(const char *a, const char *b);
size_t vn_sort_key(const char *text, unsigned char *out, size_t cap);
/* Compares two people in the official list order: given, then family, then middle. */
int vn_name_order(const char *full_a, const char *given_a, const char *full_b, const char *given_b);

/* Phone numbers: "0912 345 678", "+84 912 345 678", "84912345678" -> "+84912345678";
 * a number from abroad written with + and its country code (E.164) -> "+" and its digits
 * ("+1 (212) 555-0100" -> "+12125550100"; 8 to 15 digits). A Vietnamese number that is not
 * a mobile, or anything else, gives KIOSK_E_INVALID, out = "" and *why_key is a
 * string-table key (assets/strings/<lang>/text.tsv) saying what is wrong:
 * phone.empty, phone.not_digits, phone.too_short, phone.too_long, phone.not_mobile,
 * phone.no_zero (9 digits without the 0), phone.country_code (+0...),
 * phone.foreign_length (a foreign number of under 8 or over 15 digits).
 * Prefixes come from assets/phone-prefixes.tsv (read on first use, or again by
 * vn_phone_load_prefixes(path or NULL); built-in defaults when it cannot be read:
 * KIOSK_E_IO, the table in use is kept). */
kiosk_status vn_phone_normalise(const char *in, char out[KIOSK_PHONE_LEN], const char **why_key);
kiosk_status vn_phone_load_prefixes(const char *tsv_path);
/* "+84912345678" -> "0912 345 678" for display. */
void vn_phone_display(const char *e164, char *out, size_t cap);

#endif
