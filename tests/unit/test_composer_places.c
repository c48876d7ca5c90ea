/* Every province, district and commune name of Vietnam (tests/data/places, before and
 * after the 2025 reorganisation) typed in Telex and in VNI must come out as written.
 * The keystrokes are made here from the name, as a person types: each letter's base,
 * its mark key right after it (aa, aw, ow, uw, dd / a6, a8, o7, u7, d9), the tone key at
 * the end of the word. In Telex a plain letter that the screen shows as something else
 * (a tone, a mark: Kar -> Kả, Ana -> Ân, Wil -> Ưil) is typed again, as a person does in
 * Unikey: Karr gives Kar, Anaa gives Ana, Wwil gives Wil. A name written with the tone on the
 * modern place (hoà) is typed with the modern style. A marked vowel right after one of
 * the same base (Dêê, Pơơ: 4 names) cannot be typed in Telex in any engine: VNI only.
 * Arguments: the list; then more lists to type the same way (the 30,337 words of Gõ
 * Nhanh's dictionary vectors, tests/data/ime/gonhanh/telex_pairs.tsv). */
#include "check.h"
#include "text/composer.h"
#include "text/text_internal.h"
#include "text/vn_letters.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define MAX_KEYS 512

struct typist {
    int method;
    char keys[MAX_KEYS];
    size_t len;
    int tone;
};

static void put(struct typist *t, char c)
{
    if (t->len + 1 < MAX_KEYS)
        t->keys[t->len++] = c;
    t->keys[t->len] = '\0';
}

static void put_cp(struct typist *t, int32_t cp)
{
    vn_put_cp(t->keys, MAX_KEYS, &t->len, cp);
}

static char cased(char c, int upper)
{
    return upper ? (char)(c - 'a' + 'A') : c;
}

static size_t count_cps(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Did the plain letter c just typed show as itself? If not (it was taken as a tone or a
 * mark: Kar -> Kả, Ana -> Ân, Wil -> Ưil), a person types it again, as in Unikey. */
static int shown_as_typed(const struct typist *t, char c)
{
    char before[512], after[512];
    char keys[MAX_KEYS];
    memcpy(keys, t->keys, t->len - 1);
    keys[t->len - 1] = '\0';
    vn_compose_string(VN_IM_TELEX, VN_TONE_TRADITIONAL, keys, before, sizeof before);
    vn_compose_string(VN_IM_TELEX, VN_TONE_TRADITIONAL, t->keys, after, sizeof after);
    size_t n = strlen(after); /* Kuaw + n -> Kuăn: the earlier letters may change */
    return n > 0 && after[n - 1] == c && count_cps(after) == count_cps(before) + 1;
}

/* A marked vowel right after one of the same base (êê, ơơ: Dêê, Tà Pơơ) cannot be typed
 * in Telex: its mark key lands on the first one (ee is ê, eee is ee, owo is ô) in every
 * Telex engine. Such names are typed in VNI (or on the on-screen keyboard). */
static int telex_untypable(const char *name)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)name;
    utf8proc_int32_t cp;
    utf8proc_ssize_t k;
    struct vn_letter prev = {0}, l;
    while (*p && (k = utf8proc_iterate(p, -1, &cp)) > 0) {
        p += k;
        if (!vn_letter_decode(cp, &l)) {
            prev.base = 0;
            continue;
        }
        if (vn_letter_is_vowel(l.base) && l.base == prev.base && l.mark)
            return 1;
        prev = l;
    }
    return 0;
}

static char mark_key(int method, const struct vn_letter *l)
{
    static const char telex[] = {0, 0, 'w', 'w', 'd'}; /* by enum vn_mark; hat: the base */
    static const char vni[] = {0, '6', '8', '7', '9'};
    if (method == VN_IM_VNI)
        return vni[l->mark];
    return l->mark == VN_MARK_HAT ? l->base : telex[l->mark];
}

static void type_letter(struct typist *t, const struct vn_letter *l)
{
    char c = cased(l->base, l->upper);
    put(t, c);
    if (l->mark)
        put(t, mark_key(t->method, l));
    else if (t->method == VN_IM_TELEX && !shown_as_typed(t, c))
        put(t, l->base);
    if (l->tone)
        t->tone = l->tone;
}

static void end_word(struct typist *t)
{
    static const char telex[] = " sfrxj", vni[] = " 12345";
    if (t->tone)
        put(t, t->method == VN_IM_VNI ? vni[t->tone] : telex[t->tone]);
    t->tone = 0;
}

/* The keystrokes for a name (NFC UTF-8). */
static const char *keys_for(int method, const char *name)
{
    static struct typist t;
    memset(&t, 0, sizeof t);
    t.method = method;
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)name;
    utf8proc_int32_t cp;
    utf8proc_ssize_t k;
    while (*p && (k = utf8proc_iterate(p, -1, &cp)) > 0) {
        p += k;
        struct vn_letter l;
        if (vn_letter_decode(cp, &l)) {
            type_letter(&t, &l);
            continue;
        }
        end_word(&t);
        put_cp(&t, cp);
    }
    end_word(&t);
    return t.keys;
}

/* 1 when the name comes out right in either tone style. */
static int types_right(int method, const char *name)
{
    const char *keys = keys_for(method, name);
    char out[512];
    for (int style = VN_TONE_TRADITIONAL; style <= VN_TONE_MODERN; style++) {
        vn_compose_string(method, style, keys, out, sizeof out);
        if (strcmp(out, name) == 0)
            return 1;
    }
    fprintf(stderr, "%s: \"%s\" gives \"%s\"\n", method == VN_IM_VNI ? "vni" : "telex", keys, out);
    return 0;
}

static void check_generator(void)
{
    CHECK_STR(keys_for(VN_IM_TELEX, "Đắk Lắk"), "Ddawks Lawks");
    CHECK_STR(keys_for(VN_IM_VNI, "Đắk Lắk"), "D9a8k1 La8k1");
    CHECK_STR(keys_for(VN_IM_TELEX, "Trường Thắng"), "Truwowngf Thawngs");
    CHECK_STR(keys_for(VN_IM_VNI, "Bà Rịa - Vũng Tàu"), "Ba2 Ria5 - Vung4 Tau2");
    CHECK_STR(keys_for(VN_IM_TELEX, "Ea Kar"), "Ea Karr");
    CHECK_STR(keys_for(VN_IM_TELEX, "Đắk Wil"), "Ddawks Wwil");
    CHECK_STR(keys_for(VN_IM_TELEX, "Krông Ana"), "Kroong Anaa");
    CHECK_STR(keys_for(VN_IM_TELEX, "Noọng"), "Nooongj");
    CHECK_STR(keys_for(VN_IM_TELEX, "EaBia"), "EaBia");
    CHECK(telex_untypable("La Dêê"));
    CHECK(!telex_untypable("Noọng Hẹt"));
}

/* Types every entry of a list both ways; a line with tabs is a peer vector (method,
 * style, keys, word): its word is taken. Returns the number of entries. */
static int run_list(const char *path, int *excluded)
{
    char *data = NULL;
    size_t len = 0;
    CHECK(kiosk_read_file(path, &data, &len) == KIOSK_OK);
    int total = 0, ok[2] = {0, 0};
    *excluded = 0;
    for (char *line = data ? strtok(data, "\n") : NULL; line; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        for (int tabs = 0; tabs < 3 && strchr(line, '\t'); tabs++)
            line = strchr(line, '\t') + 1;
        total++;
        if (telex_untypable(line))
            (*excluded)++;
        else
            ok[0] += types_right(VN_IM_TELEX, line);
        ok[1] += types_right(VN_IM_VNI, line);
    }
    printf("%s: telex %d/%d (%d with a doubled marked vowel left out), vni %d/%d\n", path, ok[0],
           total - *excluded, *excluded, ok[1], total);
    CHECK_INT(ok[0], total - *excluded);
    CHECK_INT(ok[1], total);
    free(data);
    return total;
}

int main(int argc, char **argv)
{
    check_generator();
    if (argc < 2) {
        fprintf(stderr, "usage: test_composer_places vn-admin-names.txt [words.tsv]\n");
        return 1;
    }
    int excluded = 0;
    CHECK(run_list(argv[1], &excluded) > 8000); /* the list is all there */
    CHECK(excluded <= 4);
    for (int i = 2; i < argc; i++) {
        CHECK(run_list(argv[i], &excluded) > 0);
        CHECK_INT(excluded, 0);
    }
    return check_done();
}
