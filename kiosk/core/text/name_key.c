/* The name key of the identity rule: each word folded, with its vowel marks and its tone
 * kept as properties of the word, so where a tone was placed does not matter. */
#include "text.h"
#include "text_internal.h"

#include <stdio.h>

#define NAME_KEY_WORDS 16

void vn_name_key(const char *in, char *out, size_t cap, int *unmarked)
{
    struct vn_fold_word w[NAME_KEY_WORDS];
    size_t n = vn_fold_words(in ? in : "", w, NAME_KEY_WORDS);
    size_t len = 0;
    int marks = 0;
    if (cap)
        out[0] = '\0';
    for (size_t i = 0; i < n && cap; i++) {
        char sig[16] = "";
        if (w[i].sig) {
            snprintf(sig, sizeof sig, "/%x", (unsigned)w[i].sig);
            marks = 1;
        }
        int k = snprintf(out + len, cap - len, "%s%s%s", i ? " " : "", w[i].text, sig);
        if (k < 0 || (size_t)k >= cap - len) {
            out[len] = '\0'; /* a key that does not fit ends at the last whole word */
            break;
        }
        len += (size_t)k;
    }
    if (unmarked)
        *unmarked = n > 0 && !marks;
}
