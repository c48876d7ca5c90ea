/* Phone numbers: the forms people write -> E.164. A Vietnamese number must be a mobile
 * (+84...); a number from abroad is taken as written with + and its country code (E.164);
 * a reason key when a number is neither. Mobile prefixes come from assets/phone-prefixes.tsv
 * because carriers get new ones; the built-in list is only a fallback. */
#include "text/text.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define MAX_PREFIXES 128
#define PREFIX_LEN 8
#define NATIONAL_DIGITS 9    /* after the leading 0 (or +84) */
#define FOREIGN_MIN_DIGITS 8 /* with the country code */
#define FOREIGN_MAX_DIGITS 15

/* Built-in fallback (2024): Viettel 032-039 086 096-098; Vinaphone 081-085 088 091 094;
 * MobiFone 070 076-079 089 090 093; Vietnamobile 052 056 058 092; Gmobile 059 099;
 * iTel 087; Reddi 055. */
static const char *const k_default_prefixes[] = {
    "032", "033", "034", "035", "036", "037", "038", "039", "052", "055", "056", "058",
    "059", "070", "076", "077", "078", "079", "081", "082", "083", "084", "085", "086",
    "087", "088", "089", "090", "091", "092", "093", "094", "096", "097", "098", "099",
};

static char g_prefixes[MAX_PREFIXES][PREFIX_LEN];
static size_t g_n_prefixes;
static int g_loaded;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

static void use_defaults_locked(void)
{
    g_n_prefixes = 0;
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(k_default_prefixes); i++)
        kiosk_strlcpy(g_prefixes[g_n_prefixes++], k_default_prefixes[i], PREFIX_LEN);
    g_loaded = 1;
}

static int all_digits(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (*s < '0' || *s > '9')
            return 0;
    return 1;
}

kiosk_status vn_phone_load_prefixes(const char *tsv_path)
{
    char path[1024];
    if (!tsv_path) {
        if (!kiosk_data_path("assets/phone-prefixes.tsv", path, sizeof path))
            return KIOSK_E_IO;
        tsv_path = path;
    }
    FILE *f = fopen(tsv_path, "r");
    if (!f) {
        kiosk_log(KIOSK_LOG_WARN, "cannot open '%s': using the built-in mobile prefixes", tsv_path);
        pthread_mutex_lock(&g_lock);
        if (!g_loaded)
            use_defaults_locked();
        pthread_mutex_unlock(&g_lock);
        return KIOSK_E_IO;
    }
    char table[MAX_PREFIXES][PREFIX_LEN];
    size_t n = 0;
    char line[256];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\t\r\n")] = '\0'; /* the first column is the prefix */
        if (line[0] == '#' || line[0] == '\0')
            continue;
        if (!all_digits(line) || line[0] != '0' || strlen(line) >= PREFIX_LEN) {
            kiosk_log(KIOSK_LOG_WARN, "'%s' line %d: a prefix is digits starting with 0", tsv_path,
                      lineno);
            continue;
        }
        if (n < MAX_PREFIXES)
            kiosk_strlcpy(table[n++], line, PREFIX_LEN);
    }
    fclose(f);
    pthread_mutex_lock(&g_lock);
    if (n == 0) {
        kiosk_log(KIOSK_LOG_WARN, "'%s' has no prefixes: using the built-in ones", tsv_path);
        use_defaults_locked();
    } else {
        memcpy(g_prefixes, table, sizeof table[0] * n);
        g_n_prefixes = n;
        g_loaded = 1;
    }
    pthread_mutex_unlock(&g_lock);
    return n == 0 ? KIOSK_E_CORRUPT : KIOSK_OK;
}

static int is_mobile(const char *national_with_zero)
{
    pthread_mutex_lock(&g_lock);
    int loaded = g_loaded;
    pthread_mutex_unlock(&g_lock);
    if (!loaded)
        vn_phone_load_prefixes(NULL);
    int found = 0;
    pthread_mutex_lock(&g_lock);
    for (size_t i = 0; i < g_n_prefixes && !found; i++)
        found = strncmp(national_with_zero, g_prefixes[i], strlen(g_prefixes[i])) == 0;
    pthread_mutex_unlock(&g_lock);
    return found;
}

static kiosk_status fail(const char **why_key, const char *key)
{
    if (why_key)
        *why_key = key;
    return KIOSK_E_INVALID;
}

/* The country codes of one and two digits (ITU-T E.164 assignments); every other code
 * starting 2-9 has three digits. 0 is no country. */
static size_t country_code_len(const char *d)
{
    static const char *const two[] = {
        "20", "27", "30", "31", "32", "33", "34", "36", "39", "40", "41", "43", "44", "45", "46",
        "47", "48", "49", "51", "52", "53", "54", "55", "56", "57", "58", "60", "61", "62", "63",
        "64", "65", "66", "81", "82", "84", "86", "90", "91", "92", "93", "94", "95", "98",
    };
    if (d[0] == '0' || d[0] == '\0')
        return 0;
    if (d[0] == '1' || d[0] == '7')
        return 1;
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(two); i++)
        if (strncmp(d, two[i], 2) == 0)
            return 2;
    return 3;
}

/* A number from abroad, written +CC...: E.164 holds at most 15 digits with the
 * country code; fewer than 8 is no one's mobile. Kept as "+" and the digits. */
static kiosk_status foreign(const char *digits, char out[KIOSK_PHONE_LEN], const char **why_key)
{
    size_t cc = country_code_len(digits), n = strlen(digits);
    if (cc == 0)
        return fail(why_key, "phone.country_code");
    if (n < FOREIGN_MIN_DIGITS || n > FOREIGN_MAX_DIGITS)
        return fail(why_key, "phone.foreign_length");
    kiosk_fmt(out, KIOSK_PHONE_LEN, "+%s", digits);
    return KIOSK_OK;
}

/* The digits of what was typed, and whether it began with '+'; a mark people group
 * digits with is skipped. */
static kiosk_status collect_digits(const char *in, char *digits, size_t cap, int *plus,
                                   const char **why_key)
{
    size_t n = 0;
    int seen_digit = 0;
    *plus = 0;
    for (const unsigned char *p = (const unsigned char *)(in ? in : ""); *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (n + 1 >= cap)
                return fail(why_key, "phone.too_long");
            digits[n++] = (char)*p;
            seen_digit = 1;
        } else if (*p == '+' && !seen_digit && !*plus) {
            *plus = 1;
        } else if (*p == ' ' || *p == '-' || *p == '.' || *p == '(' || *p == ')' || *p == '\t') {
            continue; /* how people group digits */
        } else if (p[0] == 0xc2 && p[1] == 0xa0) {
            p++; /* a no-break space from a spreadsheet */
        } else {
            return fail(why_key, "phone.not_digits");
        }
    }
    digits[n] = '\0';
    if (n == 0)
        return fail(why_key, *plus ? "phone.not_digits" : "phone.empty");
    return KIOSK_OK;
}

/* A Vietnamese number without its 0 / +84: a mobile of 9 digits by its prefix. */
static kiosk_status vietnamese(const char *national, char out[KIOSK_PHONE_LEN],
                               const char **why_key)
{
    if (national[0] == '0')
        return fail(why_key, "phone.not_mobile");
    /* the prefix first: a landline (0292 3821 234) is "not a mobile", not "too long" */
    char with_zero[80];
    kiosk_fmt(with_zero, sizeof with_zero, "0%s", national);
    size_t len = strlen(national);
    if (len >= 2 && !is_mobile(with_zero))
        return fail(why_key, "phone.not_mobile");
    if (len < NATIONAL_DIGITS)
        return fail(why_key, "phone.too_short");
    if (len > NATIONAL_DIGITS)
        return fail(why_key, "phone.too_long");
    kiosk_fmt(out, KIOSK_PHONE_LEN, "+84%s", national);
    return KIOSK_OK;
}

kiosk_status vn_phone_normalise(const char *in, char out[KIOSK_PHONE_LEN], const char **why_key)
{
    out[0] = '\0';
    if (why_key)
        *why_key = NULL;
    char digits[64];
    int plus = 0;
    kiosk_status st = collect_digits(in, digits, sizeof digits, &plus, why_key);
    if (st != KIOSK_OK)
        return st;
    if (plus) /* only + marks a number from abroad: "00912..." is a slip, not India */
        return strncmp(digits, "84", 2) == 0 ? vietnamese(digits + 2, out, why_key)
                                             : foreign(digits, out, why_key);
    const char *national; /* without the leading 0 */
    if (strncmp(digits, "0084", 4) == 0) {
        national = digits + 4;
    } else if (strncmp(digits, "84", 2) == 0) {
        national = digits + 2; /* a national number always starts with 0 */
    } else if (digits[0] == '0') {
        national = digits + 1;
    } else {
        national = digits; /* the 0 is missing: says "too short" below */
        if (strlen(national) >= NATIONAL_DIGITS)
            return fail(why_key, "phone.no_zero");
    }
    return vietnamese(national, out, why_key);
}

void vn_phone_display(const char *e164, char *out, size_t cap)
{
    if (!e164) {
        kiosk_strlcpy(out, "", cap);
        return;
    }
    if (strncmp(e164, "+84", 3) == 0 && strlen(e164) == 3 + NATIONAL_DIGITS &&
        all_digits(e164 + 3)) {
        const char *d = e164 + 3;
        kiosk_fmt(out, cap, "0%.3s %.3s %.3s", d, d + 3, d + 6);
        return;
    }
    kiosk_strlcpy(out, e164, cap);
}
