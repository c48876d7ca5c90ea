/* Vietnamese order: ICU's "vi" collator (a < ă < â, d < đ, tones after the letters) and
 * the official list order of people (given name, family name, middle name). ICU (with the
 * C++ runtime and its 30 MB data file) is opened on the first comparison (lazy_lib.h): only
 * the exported sheets sort people, so a kiosk showing its screens never maps it. */
#include "lazy_lib.h"
#include "text/text.h"

#include <pthread.h>
#include <string.h>
#include <unicode/ucol.h>
#include <unicode/uiter.h>

/* ICU renames its functions by version (ucol_open is ucol_open_72): LAZY_NAME follows */
#define ICU_FUNCS(X)                                                                               \
    X(ucol_open)                                                                                   \
    X(ucol_strcollUTF8)                                                                            \
    X(ucol_nextSortKeyPart)                                                                        \
    X(uiter_setUTF8)                                                                               \
    X(u_errorName)
static struct {
    ICU_FUNCS(LAZY_MEMBER)
} icu;

static const char *icu_bind(void *h)
{
#define BIND_ONE(f) LAZY_BIND(icu, h, f)
    ICU_FUNCS(BIND_ONE)
#undef BIND_ONE
    return NULL;
}

#define ICU_STR_(x) #x
#define ICU_STR(x) ICU_STR_(x)
/* the i18n library: its dependencies (icuuc, the data) come with it, and dlsym on its handle
 * finds their functions too */
static struct lazy_lib icu_lib = {.soname = "libicui18n.so." ICU_STR(U_ICU_VERSION_MAJOR_NUM),
                                  .package = "libicu" ICU_STR(U_ICU_VERSION_MAJOR_NUM),
                                  .bind = icu_bind};

static UCollator *g_collator;
static pthread_once_t g_collator_once = PTHREAD_ONCE_INIT;

static void collator_open(void)
{
    char why[512];
    if (lazy_lib_load(&icu_lib, why, sizeof why) != KIOSK_OK) {
        kiosk_log(KIOSK_LOG_ERROR, "%s: lists fall back to byte order", why);
        return;
    }
    UErrorCode err = U_ZERO_ERROR;
    g_collator = icu.ucol_open("vi", &err);
    if (U_FAILURE(err)) {
        kiosk_log(KIOSK_LOG_ERROR,
                  "cannot open the ICU collator 'vi' (%s): lists fall back "
                  "to byte order; check the libicu data package",
                  icu.u_errorName(err));
        g_collator = NULL;
    }
}

static UCollator *collator(void)
{
    pthread_once(&g_collator_once, collator_open);
    return g_collator;
}

int vn_collate(const char *a, const char *b)
{
    char na[KIOSK_TEXT_LEN * 2], nb[KIOSK_TEXT_LEN * 2];
    vn_nfc(a ? a : "", na, sizeof na);
    vn_nfc(b ? b : "", nb, sizeof nb);
    UCollator *c = collator();
    if (c) {
        UErrorCode err = U_ZERO_ERROR;
        UCollationResult r = icu.ucol_strcollUTF8(c, na, -1, nb, -1, &err);
        if (U_SUCCESS(err))
            return r == UCOL_LESS ? -1 : r == UCOL_GREATER ? 1 : 0;
    }
    int r = strcmp(na, nb);
    return r < 0 ? -1 : r > 0;
}

size_t vn_sort_key(const char *text, unsigned char *out, size_t cap)
{
    UCollator *c = collator();
    char nfc[KIOSK_TEXT_LEN * 2];
    vn_nfc(text ? text : "", nfc, sizeof nfc);
    if (!c) {
        size_t n = strlen(nfc) + 1;
        if (n > cap)
            return 0;
        memcpy(out, nfc, n);
        return n;
    }
    UCharIterator it;
    icu.uiter_setUTF8(&it, nfc, (int32_t)strlen(nfc));
    uint32_t state[2] = {0, 0};
    UErrorCode err = U_ZERO_ERROR;
    /* ask for one byte more than cap so a key that does not fit is noticed */
    unsigned char tmp[1024];
    int32_t want = cap < sizeof tmp ? (int32_t)cap + 1 : (int32_t)sizeof tmp;
    int32_t n = icu.ucol_nextSortKeyPart(c, &it, state, tmp, want, &err);
    if (U_FAILURE(err) || n <= 0 || (size_t)n > cap || n == want)
        return 0;
    memcpy(out, tmp, (size_t)n);
    return (size_t)n;
}

/* ---- name parts ---- */

#define MAX_WORDS 16

/* Splits s (modified in place) on spaces. */
static int split_words(char *s, char *words[MAX_WORDS])
{
    int n = 0;
    char *save = NULL;
    for (char *p = s; *p; p++)
        if ((unsigned char)p[0] == 0xc2 && (unsigned char)p[1] == 0xa0) /* no-break space */
            p[0] = p[1] = ' ';
    const char *sep = " \t\n\r\v\f";
    for (char *w = strtok_r(s, sep, &save); w && n < MAX_WORDS; w = strtok_r(NULL, sep, &save))
        words[n++] = w;
    return n;
}

static void join_words(char **words, int from, int to, char *out, size_t cap)
{
    out[0] = '\0';
    size_t len = 0;
    for (int i = from; i < to; i++) {
        size_t wl = strlen(words[i]);
        if (len + wl + (len ? 1 : 0) + 1 > cap)
            break;
        if (len)
            out[len++] = ' ';
        memcpy(out + len, words[i], wl + 1);
        len += wl;
    }
}

void vn_name_split(const char *full_name, const char *given_hint, struct vn_name_parts *out)
{
    memset(out, 0, sizeof *out);
    char name[KIOSK_NAME_LEN * 2], hint[KIOSK_NAME_LEN];
    vn_nfc(full_name ? full_name : "", name, sizeof name);
    vn_nfc(given_hint ? given_hint : "", hint, sizeof hint);
    char *words[MAX_WORDS], *hint_words[MAX_WORDS];
    int n = split_words(name, words);
    int nh = split_words(hint, hint_words);
    if (n == 0) {
        join_words(hint_words, 0, nh, out->given, sizeof out->given);
        return;
    }
    if (n == 1) {
        kiosk_strlcpy(out->given, words[0], sizeof out->given);
        return;
    }
    kiosk_strlcpy(out->family, words[0], sizeof out->family);
    int given_from = n - 1;
    if (nh > 0) {
        /* the stored given name marks the name's last words when they fold the same
         * (a hint typed "hoa" still marks "Hòa", written as in the name); a hint that
         * is not at the end is still the given name, and the rest is the middle */
        int matches = nh < n;
        for (int i = 0; matches && i < nh; i++) {
            char a[KIOSK_PART_LEN], b[KIOSK_PART_LEN];
            vn_fold(words[n - nh + i], a, sizeof a);
            vn_fold(hint_words[i], b, sizeof b);
            matches = strcmp(a, b) == 0;
        }
        if (matches) {
            given_from = n - nh;
        } else {
            join_words(hint_words, 0, nh, out->given, sizeof out->given);
            join_words(words, 1, n, out->middle, sizeof out->middle);
            return;
        }
    }
    join_words(words, given_from, n, out->given, sizeof out->given);
    join_words(words, 1, given_from, out->middle, sizeof out->middle);
}

int vn_name_order(const char *full_a, const char *given_a, const char *full_b, const char *given_b)
{
    struct vn_name_parts a, b;
    vn_name_split(full_a, given_a, &a);
    vn_name_split(full_b, given_b, &b);
    int r = vn_collate(a.given, b.given);
    if (r == 0)
        r = vn_collate(a.family, b.family);
    if (r == 0)
        r = vn_collate(a.middle, b.middle);
    if (r == 0)
        r = vn_collate(full_a, full_b);
    if (r == 0) {
        r = strcmp(full_a ? full_a : "", full_b ? full_b : "");
        r = r < 0 ? -1 : r > 0;
    }
    return r;
}
