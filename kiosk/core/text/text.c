/* NFC, display names, search keys and lower case (see text.h). Folding walks code points
 * with utf8proc_decompose_char so NFC and NFD input give the same key without a
 * normalisation pass, and so the search index can read the marks it strips. */
#include "text/text.h"
#include "text/text_internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

int vn_put_cp(char *out, size_t cap, size_t *len, int32_t cp)
{
    utf8proc_uint8_t buf[4];
    utf8proc_ssize_t n = utf8proc_encode_char(cp, buf);
    if (n <= 0 || *len + (size_t)n + 1 > cap)
        return 0;
    memcpy(out + *len, buf, (size_t)n);
    *len += (size_t)n;
    out[*len] = '\0';
    return 1;
}

static void put_empty(char *out, size_t cap)
{
    if (cap > 0)
        out[0] = '\0';
}

/* A copy with invalid UTF-8 bytes dropped: people's data comes from spreadsheets. */
static char *valid_dup(const char *in)
{
    size_t n = strlen(in);
    char *copy = malloc(n + 1);
    if (!copy)
        return NULL;
    size_t len = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)in;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0) {
            p++;
            continue;
        }
        memcpy(copy + len, p, (size_t)k);
        len += (size_t)k;
        p += k;
    }
    copy[len] = '\0';
    return copy;
}

/* NFC of in (invalid bytes dropped) as a malloc'd string, or NULL when out of memory. */
static char *nfc_dup(const char *in)
{
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)in, 0, &dst,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n >= 0)
        return (char *)dst;
    char *clean = valid_dup(in);
    if (!clean)
        return NULL;
    n = utf8proc_map((const utf8proc_uint8_t *)clean, 0, &dst,
                     UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    free(clean);
    return n >= 0 ? (char *)dst : NULL;
}

static int is_space_cp(int32_t cp)
{
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
        return 1;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_CC;
}

kiosk_status vn_nfc(const char *in, char *out, size_t cap)
{
    put_empty(out, cap);
    if (!in)
        return KIOSK_E_INVALID;
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t n = utf8proc_map((const utf8proc_uint8_t *)in, 0, &dst,
                                      UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (n < 0)
        return n == UTF8PROC_ERROR_NOMEM ? KIOSK_E_NOMEM : KIOSK_E_INVALID;
    /* copy whole code points so a cut never leaves half a character */
    size_t len = 0;
    const utf8proc_uint8_t *p = dst;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0 || !vn_put_cp(out, cap, &len, cp))
            break;
        p += k;
    }
    free(dst);
    return KIOSK_OK;
}

static int starts_part(int32_t prev)
{
    /* "Hoàng-Anh", "H'Hen": a hyphen or apostrophe starts a new capitalised part */
    return prev == 0 || prev == '-' || prev == '\'' || prev == 0x2019;
}

/* in's words (NFC) with single spaces between them, each letter cased by title_parts: the
 * first letter of a word or of a hyphenated/apostrophed part in title case, the rest lower
 * case; or every letter in lower case. */
static void recase_words(const char *in, char *out, size_t cap, int title_parts)
{
    put_empty(out, cap);
    char *nfc = in ? nfc_dup(in) : NULL;
    if (!nfc)
        return;
    size_t len = 0;
    int32_t prev = 0; /* 0 at the start of a word */
    int pending_space = 0;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)nfc;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0)
            break;
        p += k;
        if (is_space_cp(cp)) {
            pending_space = len > 0;
            prev = 0;
            continue;
        }
        if (pending_space && !vn_put_cp(out, cap, &len, ' '))
            break;
        pending_space = 0;
        int title = title_parts && starts_part(prev);
        if (!vn_put_cp(out, cap, &len, title ? utf8proc_totitle(cp) : utf8proc_tolower(cp)))
            break;
        prev = cp;
    }
    free(nfc);
}

void vn_name_tidy(const char *in, char *out, size_t cap)
{
    recase_words(in, out, cap, 1);
}

void vn_lower(const char *in, char *out, size_t cap)
{
    recase_words(in, out, cap, 0);
}

/* ---- folding ---- */

/* What one input code point contributes: letters (folded) and marks on the last letter. */
struct fold_unit {
    int32_t letters[8];
    int n_letters;
    int mark;       /* enum vn_mark for the last letter, or 0 */
    int tone;       /* 1..5 or 0 */
    int marks_only; /* combining marks with no base: they belong to the previous letter */
};

static int tone_of_mark(int32_t m)
{
    switch (m) {
    case 0x0301:
        return 1; /* sắc */
    case 0x0300:
        return 2; /* huyền */
    case 0x0309:
        return 3; /* hỏi */
    case 0x0303:
        return 4; /* ngã */
    case 0x0323:
        return 5; /* nặng */
    default:
        return 0;
    }
}

static int vowel_mark_of(int32_t m)
{
    switch (m) {
    case 0x0302:
        return VN_MARK_HAT;
    case 0x0306:
        return VN_MARK_BREVE;
    case 0x031B:
        return VN_MARK_HORN;
    default:
        return VN_MARK_NONE;
    }
}

static int is_word_cp(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO);
}

static int is_mark_cp(int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_MN || c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ME;
}

/* Decodes the code point at *p; returns bytes used (>= 1) and fills u. An invalid byte
 * is skipped as if it were not there. */
static size_t fold_next(const utf8proc_uint8_t *p, struct fold_unit *u)
{
    memset(u, 0, sizeof *u);
    if (*p < 0x80) {
        int c = *p;
        if (c >= 'A' && c <= 'Z')
            c += 'a' - 'A';
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            u->letters[u->n_letters++] = c;
        return 1;
    }
    utf8proc_int32_t cp;
    utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
    if (k <= 0) {
        u->marks_only = 1; /* neither letter nor separator */
        return 1;
    }
    if (cp == 0x0110 || cp == 0x0111) { /* Đ đ: no decomposition in Unicode */
        u->letters[u->n_letters++] = 'd';
        u->mark = VN_MARK_STROKE;
        return (size_t)k;
    }
    utf8proc_int32_t d[16];
    int last_bc = 0;
    utf8proc_ssize_t nd = utf8proc_decompose_char(
        cp, d, 16, UTF8PROC_DECOMPOSE | UTF8PROC_CASEFOLD | UTF8PROC_COMPAT, &last_bc);
    if (nd <= 0 || nd > 16) {
        nd = 1;
        d[0] = cp;
    }
    int saw_base = 0;
    for (utf8proc_ssize_t i = 0; i < nd; i++) {
        if (is_mark_cp(d[i])) {
            if (tone_of_mark(d[i]))
                u->tone = tone_of_mark(d[i]);
            else if (vowel_mark_of(d[i]))
                u->mark = vowel_mark_of(d[i]);
        } else if (is_word_cp(d[i])) {
            saw_base = 1;
            if (u->n_letters < 8)
                u->letters[u->n_letters++] = d[i];
        } else {
            saw_base = 1; /* a separator */
        }
    }
    if (!saw_base)
        u->marks_only = 1;
    return (size_t)k;
}

/* Shared walk: calls the sinks for letters, marks and word ends. */
struct fold_sink {
    int (*letter)(struct fold_sink *s, int32_t cp); /* returns 0 when full */
    void (*mark)(struct fold_sink *s, int mark, int tone);
    void (*word_end)(struct fold_sink *s);
    int in_word;
};

static void fold_walk(const char *in, struct fold_sink *s)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)in;
    struct fold_unit u;
    while (*p) {
        p += fold_next(p, &u);
        if (u.marks_only) {
            if (s->in_word && (u.mark || u.tone))
                s->mark(s, u.mark, u.tone);
            continue;
        }
        if (u.n_letters == 0) {
            if (s->in_word)
                s->word_end(s);
            s->in_word = 0;
            continue;
        }
        for (int i = 0; i < u.n_letters; i++)
            if (!s->letter(s, u.letters[i]))
                return;
        s->in_word = 1;
        if (u.mark || u.tone)
            s->mark(s, u.mark, u.tone);
    }
    if (s->in_word)
        s->word_end(s);
    s->in_word = 0;
}

struct fold_text_sink {
    struct fold_sink base;
    char *out;
    size_t cap, len;
    int need_space, non_ascii;
};

static int text_letter(struct fold_sink *s, int32_t cp)
{
    struct fold_text_sink *t = (struct fold_text_sink *)s;
    if (t->need_space) {
        if (!vn_put_cp(t->out, t->cap, &t->len, ' '))
            return 0;
        t->need_space = 0;
    }
    if (cp >= 0x80)
        t->non_ascii = 1;
    return vn_put_cp(t->out, t->cap, &t->len, cp);
}

static void text_mark(struct fold_sink *s, int mark, int tone) {}

static void text_word_end(struct fold_sink *s)
{
    struct fold_text_sink *t = (struct fold_text_sink *)s;
    t->need_space = 1;
}

void vn_fold(const char *in, char *out, size_t cap)
{
    put_empty(out, cap);
    if (!in || cap == 0)
        return;
    struct fold_text_sink t = {
        .base = {.letter = text_letter, .mark = text_mark, .word_end = text_word_end},
        .out = out,
        .cap = cap,
    };
    fold_walk(in, &t.base);
    if (t.non_ascii) {
        /* letters of other scripts may have been decomposed (Hangul): compose them back */
        char *nfc = nfc_dup(out);
        if (nfc) {
            kiosk_strlcpy(out, nfc, cap);
            free(nfc);
        }
    }
}

struct fold_words_sink {
    struct fold_sink base;
    struct vn_fold_word *words;
    size_t max, n;
    struct vn_fold_word cur;
    int full;
};

static int words_letter(struct fold_sink *s, int32_t cp)
{
    struct fold_words_sink *w = (struct fold_words_sink *)s;
    if (w->n >= w->max)
        return 0;
    size_t len = w->cur.len;
    vn_put_cp(w->cur.text, sizeof w->cur.text, &len, cp); /* a long word is cut */
    w->cur.len = (uint8_t)len;
    if (w->cur.letters < 255)
        w->cur.letters++;
    return 1;
}

static void words_mark(struct fold_sink *s, int mark, int tone)
{
    struct fold_words_sink *w = (struct fold_words_sink *)s;
    unsigned pos = w->cur.letters ? w->cur.letters - 1u : 0u;
    if (mark && pos < VN_SIG_POSITIONS) {
        w->cur.sig &= ~(7u << (3 * pos));
        w->cur.sig |= (uint32_t)mark << (3 * pos);
    }
    if (tone) {
        w->cur.sig &= ~(7u << VN_SIG_TONE_SHIFT);
        w->cur.sig |= (uint32_t)tone << VN_SIG_TONE_SHIFT;
    }
}

static void words_end(struct fold_sink *s)
{
    struct fold_words_sink *w = (struct fold_words_sink *)s;
    if (w->n < w->max && w->cur.len > 0)
        w->words[w->n++] = w->cur;
    memset(&w->cur, 0, sizeof w->cur);
}

size_t vn_fold_words(const char *in, struct vn_fold_word *out, size_t max)
{
    if (!in || max == 0)
        return 0;
    struct fold_words_sink w = {
        .base = {.letter = words_letter, .mark = words_mark, .word_end = words_end},
        .words = out,
        .max = max,
    };
    fold_walk(in, &w.base);
    return w.n;
}

uint32_t vn_sig_mask(unsigned letters)
{
    if (letters > VN_SIG_POSITIONS)
        letters = VN_SIG_POSITIONS;
    return letters ? (uint32_t)((1ull << (3 * letters)) - 1) : 0;
}

int vn_name_has_digit(const char *name)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)name;
    while (*p) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(p, -1, &cp);
        if (k <= 0)
            return 0;
        if (utf8proc_category(cp) == UTF8PROC_CATEGORY_ND)
            return 1;
        p += k;
    }
    return 0;
}
