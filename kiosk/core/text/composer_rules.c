/* Telex and VNI rules: one engine, two key tables. The engine looks only at the last
 * syllable of the text, so it needs no memory of earlier keys (except the flags of
 * composer_internal.h): a field filled by code composes like one typed by hand.
 * A syllable may start with any consonants (Krông, Đrắk, Jút: ethnic-minority place
 * names) but must end in a Vietnamese final, or k h l r (Đắk Lắk, Ea Tóh), for a tone or
 * a mark to go on. The rules in words: docs/TYPING.md. */
#include "text/composer.h"
#include "text/composer_internal.h"
#include "text/text_internal.h"
#include "text/vn_letters.h"

#include <string.h>

enum action_kind { ACT_NONE, ACT_TONE, ACT_HAT, ACT_BREVE_HORN, ACT_HORN, ACT_BREVE, ACT_STROKE };

struct key_action {
    char key;     /* lower case */
    uint8_t kind; /* enum action_kind */
    uint8_t tone; /* ACT_TONE: 0..5 */
    char only;    /* ACT_HAT in Telex: the one vowel the key marks ("aa" -> â); 0: any */
};

/* key   action          tone  vowel */
static const struct key_action k_telex[] = {
    {'s', ACT_TONE, 1, 0},       {'f', ACT_TONE, 2, 0},   {'r', ACT_TONE, 3, 0},
    {'x', ACT_TONE, 4, 0},       {'j', ACT_TONE, 5, 0},   {'z', ACT_TONE, 0, 0},
    {'a', ACT_HAT, 0, 'a'},      {'e', ACT_HAT, 0, 'e'},  {'o', ACT_HAT, 0, 'o'},
    {'w', ACT_BREVE_HORN, 0, 0}, {'d', ACT_STROKE, 0, 0},
};
static const struct key_action k_vni[] = {
    {'1', ACT_TONE, 1, 0},  {'2', ACT_TONE, 2, 0},   {'3', ACT_TONE, 3, 0}, {'4', ACT_TONE, 4, 0},
    {'5', ACT_TONE, 5, 0},  {'0', ACT_TONE, 0, 0},   {'6', ACT_HAT, 0, 0},  {'7', ACT_HORN, 0, 0},
    {'8', ACT_BREVE, 0, 0}, {'9', ACT_STROKE, 0, 0},
};

/* Consonant clusters a syllable may end with ('D' is đ); k, h, l, r: ethnic-minority
 * place names (Đắk Lắk, Krông Búk, Ea Tóh, Đạ Tẻh, Chà Vàl). */
static const char *const k_finals[] = {"",  "c",  "ch", "h", "k", "l", "m",
                                       "n", "ng", "nh", "p", "r", "t"};

/* Vowel clusters, one code letter per vowel: a ă=w â=A e ê=E i o ô=O ơ=W u ư=U y. */
static const char *const k_clusters[] = {
    "a",   "w",   "A",   "e",   "E",   "i",   "o",   "O",   "W",   "u",   "U",   "y",
    "ai",  "ao",  "au",  "ay",  "Au",  "Ay",  "eo",  "Eu",  "ia",  "iE",  "iu",  "oa",
    "ow",  "oe",  "oi",  "Oi",  "Wi",  "ua",  "uA",  "uE",  "ui",  "uO",  "uW",  "Ua",
    "Ui",  "Uu",  "UW",  "uy",  "yE",  "iEu", "oai", "oao", "oay", "oeo", "uAy", "uOi",
    "uya", "uyE", "uyu", "UWi", "UWu", "yEu", "oo",  "iAu", /* boong, Noọng; Miầu */
};

#define MAX_SYL 12

struct syl {
    size_t start; /* index of the first letter in the state */
    int n;        /* letters; 0: the text does not end in a letter; -1: too long */
    struct vn_letter ch[MAX_SYL];
    int ini_len, v_start, v_len, fin_len;
    int ini_ok, fin_ok, shape_ok;
};

static int in_list(const char *s, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

static char consonant_code(const struct vn_letter *l)
{
    return l->mark == VN_MARK_STROKE ? 'D' : l->base;
}

static void parse(const struct vn_compose_state *st, struct syl *s)
{
    memset(s, 0, sizeof *s);
    int n = 0, phase = 0; /* from the end: 0 final consonants, 1 vowels, 2 initials */
    struct vn_letter l;
    while ((size_t)n < st->len && vn_letter_decode(st->cps[st->len - 1 - (size_t)n], &l)) {
        int vowel = vn_letter_is_vowel(l.base);
        if (vowel && phase == 2)
            break; /* the word goes on before: Đakrông, EaBar, Avương */
        phase = vowel ? 1 : phase == 1 ? 2 : phase;
        n++;
        if (n > MAX_SYL) {
            s->n = -1;
            return;
        }
    }
    s->n = n;
    s->start = st->len - (size_t)n;
    for (int i = 0; i < n; i++)
        vn_letter_decode(st->cps[s->start + (size_t)i], &s->ch[i]);
    int i0 = 0;
    while (i0 < n && !vn_letter_is_vowel(s->ch[i0].base))
        i0++;
    s->ini_len = i0;
    /* "qu" and "gi" before another vowel: the u / i belongs to the consonant */
    if (i0 == 1 && n > 2 && vn_letter_is_vowel(s->ch[2].base) && s->ch[0].mark == 0 &&
        ((s->ch[0].base == 'q' && s->ch[1].base == 'u' && s->ch[1].mark == 0) ||
         (s->ch[0].base == 'g' && s->ch[1].base == 'i')))
        s->ini_len = 2;
    s->v_start = s->ini_len;
    while (s->v_start + s->v_len < n && vn_letter_is_vowel(s->ch[s->v_start + s->v_len].base))
        s->v_len++;
    s->fin_len = n - s->v_start - s->v_len;
    s->shape_ok = 1;
    char fin[MAX_SYL + 1];
    for (int i = 0; i < s->fin_len; i++) {
        const struct vn_letter *c = &s->ch[s->v_start + s->v_len + i];
        if (vn_letter_is_vowel(c->base))
            s->shape_ok = 0;
        fin[i] = consonant_code(c);
    }
    fin[s->fin_len] = '\0';
    s->ini_ok = 1; /* any consonants: Krông, Plông, Đrắk, Jút */
    s->fin_ok = in_list(fin, k_finals, KIOSK_ARRAY_LEN(k_finals));
}

static char vowel_code(const struct vn_letter *l)
{
    static const char *const hat = "aAeEoO"; /* pairs: plain, with hat */
    switch (l->mark) {
    case VN_MARK_BREVE:
        return 'w';
    case VN_MARK_HORN:
        return l->base == 'o' ? 'W' : 'U';
    case VN_MARK_HAT:
        return strchr(hat, l->base)[1];
    default:
        return l->base;
    }
}

/* Is the cluster (after a change) the start of some Vietnamese vowel cluster? */
static int cluster_ok(const struct syl *s)
{
    char code[MAX_SYL + 1];
    for (int i = 0; i < s->v_len; i++)
        code[i] = vowel_code(&s->ch[s->v_start + i]);
    code[s->v_len] = '\0';
    size_t n = (size_t)s->v_len;
    if (n > 0 && s->fin_len == 2 && s->ch[s->v_start + s->v_len + 1].base == 'h' &&
        !strchr("aEiy", code[n - 1]))
        return 0; /* -ch, -nh follow a, ê, i, y only: acha stays acha */
    if (strcmp(code, "Ua") == 0 || strcmp(code, "uw") == 0) /* mưa, Kuăng */
        return (code[0] == 'u') == (s->fin_len > 0);
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(k_clusters); i++)
        if (strncmp(k_clusters[i], code, n) == 0 && strlen(k_clusters[i]) >= n)
            return 1;
    return 0;
}

static int toneable(const struct syl *s)
{
    return s->n > 0 && s->v_len >= 1 && s->v_len <= 3 && s->shape_ok && s->ini_ok && s->fin_ok;
}

/* Are the vowels' letters, marks aside, those of a known cluster (ieu: iêu, uoi: uôi)? */
static int cluster_bases_ok(const struct syl *s)
{
    static const char from[] = "wAEOWU", to[] = "aaeoou";
    char code[MAX_SYL + 1], bases[8];
    for (int i = 0; i < s->v_len; i++)
        code[i] = s->ch[s->v_start + i].base;
    code[s->v_len] = '\0';
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(k_clusters); i++) {
        size_t n = strlen(k_clusters[i]);
        if (n != (size_t)s->v_len)
            continue;
        for (size_t j = 0; j <= n; j++) {
            const char *m = j < n ? strchr(from, k_clusters[i][j]) : NULL;
            bases[j] = m ? to[m - from] : k_clusters[i][j];
        }
        if (strcmp(bases, code) == 0)
            return 1;
    }
    return 0;
}

/* A typed tone key: three vowels must be the letters of a known cluster (bueo takes none,
 * as in vi-rs; chuoi takes one, the marks may come later: chuoiso); one or two may be
 * any (Ea Tóh, Piở, Noọng). */
static int tone_key_applies(const struct syl *s)
{
    return toneable(s) && (s->v_len < 3 || cluster_bases_ok(s));
}

static int stop_final(const struct syl *s)
{
    if (s->fin_len == 0)
        return 0;
    char c = s->ch[s->v_start + s->v_len].base;
    return c == 'c' || c == 'k' || c == 'p' || c == 't';
}

/* Where the tone goes (index into ch). */
static int tone_position(const struct syl *s, int style)
{
    int last_marked = -1;
    for (int i = 0; i < s->v_len; i++) {
        int m = s->ch[s->v_start + i].mark;
        if (m == VN_MARK_HAT || m == VN_MARK_BREVE || m == VN_MARK_HORN)
            last_marked = s->v_start + i;
    }
    if (last_marked >= 0)
        return last_marked; /* ê, ơ (ươ), â ... */
    if (s->fin_len > 0)
        return s->v_start + s->v_len - 1; /* hoàn, huỳnh */
    if (s->v_len == 1)
        return s->v_start;
    if (s->v_len >= 3)
        return s->v_start + 1; /* oài, khuỷu */
    char a = s->ch[s->v_start].base, b = s->ch[s->v_start + 1].base;
    int new_style_pair = (a == 'o' && (b == 'a' || b == 'e')) || (a == 'u' && b == 'y');
    if (new_style_pair && style == VN_TONE_MODERN)
        return s->v_start + 1; /* hoà, thuỷ */
    return s->v_start;         /* hòa, thủy, múa, mái */
}

static int current_tone(const struct syl *s)
{
    for (int i = 0; i < s->n; i++)
        if (s->ch[i].tone)
            return s->ch[i].tone;
    return 0;
}

/* Writes the letters back into the text; letters that have no code point stay. */
static void store(struct vn_compose_state *st, const struct syl *s)
{
    for (int i = 0; i < s->n; i++) {
        int32_t cp = vn_letter_encode(&s->ch[i]);
        if (cp)
            st->cps[s->start + (size_t)i] = cp;
    }
}

static void set_tone(struct syl *s, int tone, int style)
{
    for (int i = 0; i < s->n; i++)
        s->ch[i].tone = 0;
    if (tone)
        s->ch[tone_position(s, style)].tone = (uint8_t)tone;
}

/* "ưo" and "uơ" exist only before nothing: with a final or another vowel after them
 * the word is "ươ" (truwongf -> trường, tuwoi -> tươi, as Unikey does). */
static int complete_uo(struct syl *s)
{
    for (int i = 0; i + 1 < s->v_len; i++) {
        struct vn_letter *u = &s->ch[s->v_start + i], *o = &s->ch[s->v_start + i + 1];
        if (u->base != 'u' || o->base != 'o')
            continue;
        int hu = u->mark == VN_MARK_HORN, ho = o->mark == VN_MARK_HORN;
        if (hu == ho || (u->mark && !hu) || (o->mark && !ho))
            continue;
        if (s->fin_len == 0 && i + 2 >= s->v_len)
            continue;
        u->mark = VN_MARK_HORN;
        o->mark = VN_MARK_HORN;
        return 1;
    }
    return 0;
}

/* "ưa" takes no final: with one the w meant "uă" (Kuawng -> Kuăng; in "quăng" the u is
 * the consonant's). */
static int complete_ua(struct syl *s)
{
    if (s->v_len != 2 || s->fin_len == 0)
        return 0;
    struct vn_letter *u = &s->ch[s->v_start], *a = &s->ch[s->v_start + 1];
    if (u->base != 'u' || u->mark != VN_MARK_HORN || a->base != 'a' || a->mark)
        return 0;
    u->mark = 0;
    a->mark = VN_MARK_BREVE;
    return 1;
}

/* After letters change, the tone moves to where the rules put it (Huyfnh -> Huỳnh). */
static void replace_tone(struct vn_compose_state *st, int style)
{
    struct syl s;
    parse(st, &s);
    if (!toneable(&s))
        return;
    int changed = 0;
    if (!st->raw) { /* a doubled key's word keeps its letters; its tone still moves */
        changed = complete_uo(&s);
        if (changed)
            st->auto_uo = 1; /* buwocws: the w after c is already there */
        changed |= complete_ua(&s);
    }
    int tone = current_tone(&s);
    if (tone) {
        set_tone(&s, tone, style);
        changed = 1;
    }
    if (changed)
        store(st, &s);
}

static void append(struct vn_compose_state *st, int32_t key, int style)
{
    if (st->len >= VN_COMPOSE_MAX_CPS)
        return;
    st->cps[st->len++] = key;
    struct vn_letter l;
    if (!vn_letter_decode(key, &l)) {
        vn_compose_reset_flags(st); /* a new word starts after it */
        return;
    }
    replace_tone(st, style); /* chooofng: choòng */
}

static const struct key_action *find_action(int32_t key, int method)
{
    const struct key_action *table = method == VN_IM_VNI ? k_vni : k_telex;
    size_t n = method == VN_IM_VNI ? KIOSK_ARRAY_LEN(k_vni) : KIOSK_ARRAY_LEN(k_telex);
    if (method != VN_IM_TELEX && method != VN_IM_VNI)
        return NULL;
    int32_t lower = key >= 'A' && key <= 'Z' ? key - 'A' + 'a' : key;
    for (size_t i = 0; i < n; i++)
        if (table[i].key == lower)
            return &table[i];
    return NULL;
}

/* The mark an action puts on a vowel with this base, or 0 when it puts none. */
static int mark_for(const struct key_action *a, char base)
{
    switch (a->kind) {
    case ACT_HAT:
        if (a->only)
            return base == a->only ? VN_MARK_HAT : 0;
        return base == 'a' || base == 'e' || base == 'o' ? VN_MARK_HAT : 0;
    case ACT_BREVE_HORN:
        return base == 'a' ? VN_MARK_BREVE : base == 'o' || base == 'u' ? VN_MARK_HORN : 0;
    case ACT_HORN:
        return base == 'o' || base == 'u' ? VN_MARK_HORN : 0;
    case ACT_BREVE:
        return base == 'a' ? VN_MARK_BREVE : 0;
    default:
        return 0;
    }
}

/* The horn on "uo": both letters (ươ) when something follows the o or the u already has
 * its horn (uwow), the o alone at the end of a word (thuơ -> thuở, huơ); a later letter
 * makes it ươ (complete_uo). Returns 1 when the key was used. */
static int horn_uo(struct syl *s, const struct key_action *a)
{
    if (mark_for(a, 'u') != VN_MARK_HORN || mark_for(a, 'o') != VN_MARK_HORN)
        return 0;
    for (int i = 0; i + 1 < s->v_len; i++) {
        struct vn_letter *u = &s->ch[s->v_start + i], *o = &s->ch[s->v_start + i + 1];
        if (u->base != 'u' || o->base != 'o' || o->mark == VN_MARK_HORN)
            continue;
        int open = i + 2 >= s->v_len && s->fin_len == 0;
        struct syl t = *s;
        if (!open || u->mark == VN_MARK_HORN)
            t.ch[t.v_start + i].mark = VN_MARK_HORN;
        t.ch[t.v_start + i + 1].mark = VN_MARK_HORN;
        if (cluster_ok(&t)) {
            *s = t;
            return 1;
        }
    }
    return 0;
}

/* ươ + o is uô (buwoo -> buô, cuoiwo -> cuôi): the u gives its horn up when that makes
 * the cluster right. */
static int drop_u_horn(struct syl *t, int i)
{
    if (i == 0)
        return 0;
    struct vn_letter *u = &t->ch[t->v_start + i - 1];
    if (u->base != 'u' || u->mark != VN_MARK_HORN)
        return 0;
    u->mark = 0;
    if (cluster_ok(t))
        return 1;
    u->mark = VN_MARK_HORN;
    return 0;
}

/* Puts the key's mark on one vowel: the last one that makes a Vietnamese cluster, else
 * (ethnic-minority names: Yiêng, Miầu, Pơơ, Laêê) the last vowel if it can take it. */
static int mark_one(struct syl *s, const struct key_action *a)
{
    int fallback = -1;
    for (int i = s->v_len - 1; i >= 0; i--) {
        struct vn_letter *v = &s->ch[s->v_start + i];
        int m = mark_for(a, v->base);
        if (!m || v->mark == m ||
            (m == VN_MARK_HORN && v->base == 'u' && i + 1 < s->v_len &&
             s->ch[s->v_start + i + 1].base == 'o'))
            continue; /* the u of "uo" is horn_uo's */
        struct syl t = *s;
        t.ch[t.v_start + i].mark = (uint8_t)m;
        if (cluster_ok(&t) || drop_u_horn(&t, i)) {
            *s = t;
            return 1;
        }
        if (fallback < 0 && i == s->v_len - 1 && s->fin_len == 0)
            fallback = i; /* only the last vowel, no final: boe + o stays boeo, acha */
    }
    if (fallback < 0)
        return 0;
    struct vn_letter *v = &s->ch[s->v_start + fallback];
    v->mark = (uint8_t)mark_for(a, v->base);
    return 1;
}

/* A w that adds nothing: the ư of a lone w goes back to w (ww -> w), a w after an ươ that
 * a later letter completed is taken as typed late (buwocws -> bước). Returns 2 when the
 * text was changed and the key is done, 1 when the key is used up, 0 otherwise. */
static int w_again(struct vn_compose_state *st, const struct syl *s, const struct key_action *a)
{
    if (a->kind != ACT_BREVE_HORN)
        return 0;
    if (st->auto_uo) {
        st->auto_uo = 0;
        return 1;
    }
    size_t at = st->lone_w;
    if (at == 0 || at - 1 < s->start || at != st->len)
        return 0; /* ww -> w; wiw -> uiw */
    int32_t cp = st->cps[at - 1];
    if (cp != 0x01B0 && cp != 0x01AF)
        return 0;
    st->cps[at - 1] = cp == 0x01AF ? 'W' : 'w';
    st->lone_w = 0;
    st->raw = 1;
    return 2;
}

/* Tries the vowel marks; returns 1 when the key was used. */
static int apply_vowel_mark(struct vn_compose_state *st, struct syl *s, const struct key_action *a,
                            int32_t key, int style)
{
    if (!s->ini_ok || !s->shape_ok || !s->fin_ok || s->v_len == 0)
        return 0; /* doggo stays doggo */
    if (a->kind == ACT_BREVE_HORN && st->auto_uo) {
        st->auto_uo = 0; /* buwouw: the w of the completed ươ typed late */
        return 1;
    }
    if (horn_uo(s, a) || mark_one(s, a))
        return 1;
    int again = w_again(st, s, a);
    if (again == 2)
        *s = (struct syl){.n = 0};
    if (again)
        return again;
    /* nothing to add: a doubled key takes its mark back and is typed (aaa -> aa) */
    int undone = 0;
    for (int i = 0; i < s->v_len; i++) {
        struct vn_letter *v = &s->ch[s->v_start + i];
        int m = mark_for(a, v->base);
        if (m && v->mark == m) {
            v->mark = 0;
            undone = 1;
        }
    }
    if (!undone)
        return 0;
    store(st, s);
    append(st, key, style);
    st->raw = 1;
    *s = (struct syl){.n = 0};
    return 2;
}

static void apply_tone(struct vn_compose_state *st, const struct syl *s0, int tone, int32_t key,
                       int style)
{
    struct syl s = *s0;
    int cur = current_tone(&s);
    if (tone == cur || tone == 0) {
        if (cur == 0) {
            append(st, key, style); /* z with nothing to clear is a letter */
            return;
        }
        set_tone(&s, 0, style);
        store(st, &s);
        if (tone != 0) { /* ass -> as */
            append(st, key, style);
            st->raw = 1;
        }
        return;
    }
    if (stop_final(&s) && tone != 1 && tone != 5) {
        append(st, key, style); /* -c -ch -k -p -t take only sắc or nặng */
        return;
    }
    set_tone(&s, tone, style);
    store(st, &s);
}

static void apply_stroke(struct vn_compose_state *st, struct syl *s, int32_t key, int style)
{
    struct vn_letter *d = &s->ch[0];
    int first_only = s->n == 1;
    if (d->base != 'd' || !(first_only || toneable(s))) {
        append(st, key, style);
        return;
    }
    if (d->mark == VN_MARK_STROKE) { /* ddd -> dd */
        d->mark = 0;
        store(st, s);
        append(st, key, style);
        st->raw = 1;
        return;
    }
    d->mark = VN_MARK_STROKE;
    store(st, s);
}

/* "gi" alone: the i is the consonant's, so a w after it is a lone w (giw -> giư). */
static int lone_gi(const struct syl *s)
{
    return s->n == 2 && s->ch[0].base == 'g' && s->ch[1].base == 'i' && s->ch[1].mark == 0 &&
           s->ch[1].tone == 0;
}

void vn_compose_key(struct vn_compose_state *st, int32_t key, int method, int style)
{
    const struct key_action *a = find_action(key, method);
    struct syl s;
    parse(st, &s);
    if (a && a->kind == ACT_BREVE_HORN && !st->raw && s.n >= 0 && (s.v_len == 0 || lone_gi(&s))) {
        append(st, key == 'W' ? 0x01AF : 0x01B0, style); /* a lone w is ư: Dwowng, w */
        st->lone_w = st->len;
        return;
    }
    /* after a doubled key, tones still go on a known cluster (Booongf), not on daa */
    if (!a || s.n <= 0 || (st->raw && (a->kind != ACT_TONE || !cluster_ok(&s)))) {
        append(st, key, style);
        return;
    }
    switch (a->kind) {
    case ACT_TONE:
        if (tone_key_applies(&s))
            apply_tone(st, &s, a->tone, key, style);
        else
            append(st, key, style);
        return;
    case ACT_STROKE:
        apply_stroke(st, &s, key, style);
        return;
    default: {
        int used = apply_vowel_mark(st, &s, a, key, style);
        if (used == 1) {
            store(st, &s);
            replace_tone(st, style);
        } else if (used == 0) {
            append(st, key, style);
        }
        return;
    }
    }
}

void vn_compose_tone(struct vn_compose_state *st, int tone, int style)
{
    struct syl s;
    parse(st, &s);
    if (tone < 0 || tone > 5 || !toneable(&s))
        return;
    int cur = current_tone(&s);
    if (tone == cur)
        tone = 0; /* pressing the same tone key again takes the tone off */
    if (tone != 0 && stop_final(&s) && tone != 1 && tone != 5)
        return;
    set_tone(&s, tone, style);
    store(st, &s);
}

void vn_compose_backspace(struct vn_compose_state *st, int style)
{
    if (st->len == 0)
        return;
    st->len--;
    vn_compose_reset_flags(st);
    replace_tone(st, style);
    st->auto_uo = 0;
}

void vn_compose_reset_flags(struct vn_compose_state *st)
{
    st->raw = 0;
    st->auto_uo = 0;
    st->lone_w = 0;
}
