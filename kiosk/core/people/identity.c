/* The identity rule (docs/IDENTITY.md): names by tone-placement-normalised key or, when one
 * side was typed without marks, by folding; then phones, then birth year and commune. */
#include "people/identity.h"

#include "text/text.h"

#include <string.h>

#define KEY_LEN (KIOSK_NAME_LEN * 2)

static int texts_match(const char *a, const char *b)
{
    char ka[KEY_LEN], kb[KEY_LEN];
    int bare_a = 0, bare_b = 0;
    vn_name_key(a, ka, sizeof ka, &bare_a);
    vn_name_key(b, kb, sizeof kb, &bare_b);
    if (!ka[0] || !kb[0])
        return 0;
    if (strcmp(ka, kb) == 0)
        return 1;
    if (!bare_a && !bare_b)
        return 0; /* both typed with marks: the marks decide (Hòa is not Hóa) */
    char fa[KEY_LEN], fb[KEY_LEN];
    vn_fold(a, fa, sizeof fa);
    vn_fold(b, fb, sizeof fb);
    return strcmp(fa, fb) == 0;
}

int identity_names_match(const char *a, const char *b)
{
    return a && b && texts_match(a, b);
}

/* "xã Mỹ Khánh", "Xa My Khanh" and "Mỹ Khánh" name one commune: the kind of place in
 * front (xã, phường, thị trấn, in any case and with or without marks) is skipped. */
static const char *commune_core(const char *c)
{
    char f[KIOSK_PLACE_LEN];
    vn_fold(c, f, sizeof f);
    int words = 0;
    if (strncmp(f, "xa ", 3) == 0 || strncmp(f, "phuong ", 7) == 0)
        words = 1;
    else if (strncmp(f, "thi tran ", 9) == 0)
        words = 2;
    for (int i = 0; i < words; i++) {
        while (*c == ' ')
            c++;
        while (*c && *c != ' ')
            c++;
    }
    while (*c == ' ')
        c++;
    return c;
}

int identity_communes_match(const char *a, const char *b)
{
    a = commune_core(a ? a : "");
    b = commune_core(b ? b : "");
    char fa[KIOSK_PLACE_LEN], fb[KIOSK_PLACE_LEN];
    vn_fold(a, fa, sizeof fa);
    vn_fold(b, fb, sizeof fb);
    if (!fa[0] || !fb[0])
        return !fa[0] && !fb[0];
    return texts_match(a, b);
}

static enum identity_verdict verdict(enum identity_verdict v, const char *why, const char **out)
{
    if (out)
        *out = why;
    return v;
}

enum identity_verdict identity_compare(const struct kiosk_person *a, const struct kiosk_person *b,
                                       const char **reason_key)
{
    int same_phone = a->phone[0] && b->phone[0] && strcmp(a->phone, b->phone) == 0;
    if (!identity_names_match(a->full_name, b->full_name))
        return verdict(IDENTITY_DIFFERENT, same_phone ? "identity.family_phone" : "identity.names",
                       reason_key);
    if (a->phone[0] && b->phone[0])
        return same_phone ? verdict(IDENTITY_SAME, "identity.same_phone", reason_key)
                          : verdict(IDENTITY_DIFFERENT, "identity.other_phone", reason_key);
    if (!a->birth_year || !b->birth_year)
        return verdict(IDENTITY_PROBABLE, "identity.year_unknown", reason_key);
    int gap = a->birth_year > b->birth_year ? a->birth_year - b->birth_year
                                            : b->birth_year - a->birth_year;
    if (gap > IDENTITY_YEAR_SLIP) /* not a slip of the finger: a namesake of another age */
        return verdict(IDENTITY_DIFFERENT, "identity.far_year", reason_key);
    if (gap)
        return verdict(IDENTITY_PROBABLE, "identity.other_year", reason_key);
    if (!identity_communes_match(a->commune, b->commune))
        return verdict(IDENTITY_PROBABLE, "identity.other_commune", reason_key);
    return verdict(IDENTITY_SAME, "identity.same_year_commune", reason_key);
}

int identity_survivor_first(int64_t a_created_ms, const char *a_id, int64_t b_created_ms,
                            const char *b_id)
{
    if (a_created_ms != b_created_ms)
        return a_created_ms < b_created_ms;
    return strcmp(a_id, b_id) <= 0;
}

static int hex_id(const char *id)
{
    if (!id || strlen(id) != KIOSK_ID_LEN - 1)
        return 0;
    for (const char *c = id; *c; c++)
        if (!((*c >= '0' && *c <= '9') || (*c >= 'a' && *c <= 'f')))
            return 0;
    return 1;
}

int person_merge_row_valid(const char *survivor_id, const char *merged_id, int undo,
                           const char *reason, const char *by_whom)
{
    if (!hex_id(survivor_id) || !hex_id(merged_id) || strcmp(survivor_id, merged_id) == 0)
        return 0;
    if (undo != 0 && undo != 1)
        return 0;
    if (!by_whom || (strcmp(by_whom, "rule") != 0 && strcmp(by_whom, "coordinator") != 0))
        return 0;
    if (!reason || !reason[0] || strlen(reason) > 64)
        return 0;
    for (const char *c = reason; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || *c == '.' || *c == '_'))
            return 0;
    return 1;
}
