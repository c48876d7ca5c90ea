/* Fuzzes the composer with keystrokes, Backspace, the tone row, text set by code and
 * method switches, and the text functions with the same bytes. Checks that the text
 * stays valid NFC UTF-8, that Backspace deletes one character and that Backspace right
 * after a key that only added a character gives back the text from before it. Input: byte 0 picks
 * the method and tone style; then 0x01 = Backspace, 0x02 t = tone t, 0x03 n ... = set_text of the
 * next n bytes, 0x04 m = set_method, anything else = one UTF-8 character typed. */
#include "text/composer.h"
#include "text/scanburst.h"
#include "text/search.h"
#include "text/text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void must(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "fuzz_composer: %s\n", what);
        abort();
    }
}

static void check_text(const char *t)
{
    static char nfc[8192];
    must(vn_nfc(t, nfc, sizeof nfc) == KIOSK_OK, "composer text is valid UTF-8");
    must(strcmp(nfc, t) == 0, "composer text is NFC");
}

static void fuzz_text_functions(const char *s)
{
    char out[1024];
    vn_nfc(s, out, sizeof out);
    vn_name_tidy(s, out, sizeof out);
    vn_fold(s, out, sizeof out);
    char again[1024];
    must(vn_nfc(out, again, sizeof again) == KIOSK_OK, "a search key is valid UTF-8");
    vn_lower(s, out, sizeof out);
    char small[5];
    vn_fold(s, small, sizeof small);
    vn_name_tidy(s, small, sizeof small);
    char phone[KIOSK_PHONE_LEN];
    const char *why = NULL;
    if (vn_phone_normalise(s, phone, &why) == KIOSK_OK)
        must(strncmp(phone, "+84", 3) == 0 && strlen(phone) == 12, "phone is E.164");
    else
        must(why != NULL, "a refused phone number says why");
    struct vn_name_parts parts;
    vn_name_split(s, s, &parts);
    unsigned char key[64];
    vn_sort_key(s, key, sizeof key);
}

static size_t count_cps(const char *t)
{
    size_t n = 0;
    for (; *t; t++)
        n += ((unsigned char)*t & 0xC0) != 0x80;
    return n;
}

/* Backspace deletes exactly one character; after a key that only appended one (a space,
 * a plain letter), it gives back the text from before the key. */
static void check_backspace(struct vn_composer *c, const char *before, const char *key)
{
    static char after[8192];
    kiosk_strlcpy(after, vn_composer_text(c), sizeof after);
    size_t n = count_cps(after), lb = strlen(before);
    if (n == 0)
        return;
    vn_composer_backspace(c);
    utf8proc_int32_t cp = 0;
    utf8proc_iterate((const utf8proc_uint8_t *)key, -1, &cp);
    int mark = utf8proc_category(cp) == UTF8PROC_CATEGORY_MN; /* NFC joins it to a letter */
    must(count_cps(vn_composer_text(c)) == n - 1 || mark, "Backspace deletes one character");
    int appended = strncmp(after, before, lb) == 0 && count_cps(after + lb) == 1;
    if (appended && strchr(" .,-", after[lb]))
        must(strcmp(before, vn_composer_text(c)) == 0, "Backspace undoes a plain key");
    check_text(vn_composer_text(c));
    /* put it back as it was: set_text of the text after the key */
    vn_composer_set_text(c, after);
}

/* the same keys through the search index and a scanner buffer */
static void fuzz_search_and_scanner(const uint8_t *data, size_t size, const char *typed)
{
    struct vn_search *s = vn_search_new();
    vn_search_add(s, "a", typed);
    vn_search_add(s, "b", "Nguyễn Thị Hòa");
    struct vn_search_hit hits[4];
    size_t n = vn_search_query(s, typed, hits, 4);
    char folded[1024];
    vn_fold(typed, folded, sizeof folded);
    if (folded[0])
        must(n >= 1, "a name finds itself");
    vn_search_free(s);
    struct scanburst sb = {0};
    char out[600];
    int ret;
    for (size_t k = 0; k < size; k++) {
        char key[2] = {(char)(data[k] ? data[k] : 'x'), 0};
        scanburst_feed(&sb, data[k] == '\n' ? NULL : key, (int64_t)k * (data[0] % 40), out,
                       sizeof out, &ret);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    char *copy = malloc(size + 1);
    memcpy(copy, data, size);
    copy[size] = '\0';
    fuzz_text_functions(copy);
    free(copy);

    int method = data[0] % 3, style = (data[0] / 3) % 2;
    struct vn_composer *c = vn_composer_new(method, style);
    char before[8192];
    size_t i = 1;
    while (i < size) {
        uint8_t b = data[i++];
        if (b == 0x01) {
            vn_composer_backspace(c);
        } else if (b == 0x02 && i < size) {
            vn_composer_tone(c, data[i++] % 7);
        } else if (b == 0x03 && i < size) {
            size_t n = data[i++];
            if (n > size - i)
                n = size - i;
            char text[256];
            memcpy(text, data + i, n);
            text[n] = '\0';
            i += n;
            vn_composer_set_text(c, text);
        } else if (b == 0x04 && i < size) {
            uint8_t m = data[i++];
            vn_composer_set_method(c, m % 3, (m / 3) % 2);
        } else {
            /* one UTF-8 character */
            int32_t cp;
            utf8proc_ssize_t n =
                utf8proc_iterate(data + i - 1, (utf8proc_ssize_t)(size - i + 1), &cp);
            char key[8] = {0};
            if (n <= 0) {
                key[0] = (char)b; /* an invalid byte: the composer must ignore it */
                n = 1;
            } else {
                memcpy(key, data + i - 1, (size_t)n);
            }
            i += (size_t)n - 1;
            kiosk_strlcpy(before, vn_composer_text(c), sizeof before);
            vn_composer_key(c, key);
            check_backspace(c, before, key);
        }
        check_text(vn_composer_text(c));
    }
    fuzz_search_and_scanner(data, size, vn_composer_text(c));
    vn_composer_free(c);
    return 0;
}
