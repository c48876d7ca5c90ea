/* Vietnamese letters table: 12 vowel forms x 6 tones, in both cases, plus đ. */
#include "text/vn_letters.h"
#include "text/text_internal.h"

#include <pthread.h>
#include <string.h>
#include <utf8proc.h>

/* rows: the vowel forms; columns: no tone, sắc, huyền, hỏi, ngã, nặng */
static const struct {
    char base;
    uint8_t mark;
    const char *forms[6];
} k_vowels[12] = {
    {'a', VN_MARK_NONE, {"a", "á", "à", "ả", "ã", "ạ"}},
    {'a', VN_MARK_BREVE, {"ă", "ắ", "ằ", "ẳ", "ẵ", "ặ"}},
    {'a', VN_MARK_HAT, {"â", "ấ", "ầ", "ẩ", "ẫ", "ậ"}},
    {'e', VN_MARK_NONE, {"e", "é", "è", "ẻ", "ẽ", "ẹ"}},
    {'e', VN_MARK_HAT, {"ê", "ế", "ề", "ể", "ễ", "ệ"}},
    {'i', VN_MARK_NONE, {"i", "í", "ì", "ỉ", "ĩ", "ị"}},
    {'o', VN_MARK_NONE, {"o", "ó", "ò", "ỏ", "õ", "ọ"}},
    {'o', VN_MARK_HAT, {"ô", "ố", "ồ", "ổ", "ỗ", "ộ"}},
    {'o', VN_MARK_HORN, {"ơ", "ớ", "ờ", "ở", "ỡ", "ợ"}},
    {'u', VN_MARK_NONE, {"u", "ú", "ù", "ủ", "ũ", "ụ"}},
    {'u', VN_MARK_HORN, {"ư", "ứ", "ừ", "ử", "ữ", "ự"}},
    {'y', VN_MARK_NONE, {"y", "ý", "ỳ", "ỷ", "ỹ", "ỵ"}},
};

static int32_t g_cp[12][6][2]; /* [row][tone][upper] */
static pthread_once_t g_once = PTHREAD_ONCE_INIT;

static void build_table(void)
{
    for (int r = 0; r < 12; r++)
        for (int t = 0; t < 6; t++) {
            utf8proc_int32_t cp = 0;
            utf8proc_iterate((const utf8proc_uint8_t *)k_vowels[r].forms[t], -1, &cp);
            g_cp[r][t][0] = cp;
            g_cp[r][t][1] = utf8proc_toupper(cp);
        }
}

int vn_letter_is_vowel(char base)
{
    return base == 'a' || base == 'e' || base == 'i' || base == 'o' || base == 'u' || base == 'y';
}

int vn_letter_decode(int32_t cp, struct vn_letter *l)
{
    memset(l, 0, sizeof *l);
    if (cp < 0x80) {
        if (cp >= 'a' && cp <= 'z') {
            l->base = (char)cp;
            return 1;
        }
        if (cp >= 'A' && cp <= 'Z') {
            l->base = (char)(cp - 'A' + 'a');
            l->upper = 1;
            return 1;
        }
        return 0;
    }
    if (cp == 0x0111 || cp == 0x0110) {
        l->base = 'd';
        l->mark = VN_MARK_STROKE;
        l->upper = cp == 0x0110;
        return 1;
    }
    pthread_once(&g_once, build_table);
    for (int r = 0; r < 12; r++)
        for (int t = 0; t < 6; t++)
            for (int u = 0; u < 2; u++)
                if (g_cp[r][t][u] == cp) {
                    l->base = k_vowels[r].base;
                    l->mark = k_vowels[r].mark;
                    l->tone = (uint8_t)t;
                    l->upper = (uint8_t)u;
                    return 1;
                }
    return 0;
}

int32_t vn_letter_encode(const struct vn_letter *l)
{
    if (l->base == 'd' && l->mark == VN_MARK_STROKE)
        return l->upper ? 0x0110 : 0x0111;
    if (!vn_letter_is_vowel(l->base)) {
        if (l->mark || l->tone || l->base < 'a' || l->base > 'z')
            return 0;
        return l->upper ? l->base - 'a' + 'A' : l->base;
    }
    if (l->tone > 5)
        return 0;
    pthread_once(&g_once, build_table);
    for (int r = 0; r < 12; r++)
        if (k_vowels[r].base == l->base && k_vowels[r].mark == l->mark)
            return g_cp[r][l->tone][l->upper ? 1 : 0];
    return 0;
}
