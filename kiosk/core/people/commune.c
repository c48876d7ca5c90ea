/* Communes typed freely, tidied: the place list's spelling when one listed commune
 * matches, else the kind of place restored and the name's words capitalised. */
#include "people/commune.h"

#include "people/identity.h"
#include "text/text.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_PLACES 20000

struct place {
    char commune[KIOSK_PLACE_LEN], district[KIOSK_PLACE_LEN], province[KIOSK_PLACE_LEN];
};

static struct place *g_places;
static size_t g_count;
static int g_loaded;
static pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;

/* The kinds of place written in front of a commune's name, as folded words, and how they
 * are written. */
enum kind { KIND_NONE = 0, KIND_XA, KIND_PHUONG, KIND_THI_TRAN };
static const char *const k_kind_text[] = {"", "xã", "phường", "thị trấn"};

/* The kind in front of text and how many words it takes. */
static enum kind kind_of(const char *text, int *words)
{
    static const struct {
        const char *folded;
        enum kind kind;
        int words;
    } forms[] = {
        {"xa", KIND_XA, 1},
        {"x", KIND_XA, 1},
        {"phuong", KIND_PHUONG, 1},
        {"p", KIND_PHUONG, 1},
        {"thi tran", KIND_THI_TRAN, 2},
        {"tt", KIND_THI_TRAN, 1},
    };
    char f[KIOSK_PLACE_LEN + 2];
    vn_fold(text, f, sizeof f - 1);
    strcat(f, " ");
    *words = 0;
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(forms); i++) {
        size_t n = strlen(forms[i].folded);
        /* a kind alone ("xã") is not a kind in front of a name */
        if (strncmp(f, forms[i].folded, n) == 0 && f[n] == ' ' && f[n + 1]) {
            *words = forms[i].words;
            return forms[i].kind;
        }
    }
    return KIND_NONE;
}

/* text past its first `words` words (a "p." counts as a word: dots and spaces part them) */
static const char *skip_words(const char *c, int words)
{
    for (int i = 0; i < words; i++) {
        while (*c == ' ' || *c == '.')
            c++;
        while (*c && *c != ' ' && *c != '.')
            c++;
    }
    while (*c == ' ' || *c == '.')
        c++;
    return c;
}

static void split_line(char *line, struct place *p)
{
    char *cols[3] = {line, NULL, NULL};
    for (int i = 1; i < 3 && cols[i - 1]; i++) {
        char *tab = strchr(cols[i - 1], '\t');
        if (tab)
            *tab = '\0';
        cols[i] = tab ? tab + 1 : NULL;
    }
    kiosk_strlcpy(p->commune, cols[0], sizeof p->commune);
    kiosk_strlcpy(p->district, cols[1] ? cols[1] : "", sizeof p->district);
    kiosk_strlcpy(p->province, cols[2] ? cols[2] : "", sizeof p->province);
}

static size_t read_places(FILE *f, struct place **out)
{
    struct place *list = NULL;
    size_t n = 0, cap = 0;
    char line[512];
    while (fgets(line, sizeof line, f) && n < MAX_PLACES) {
        line[strcspn(line, "\r\n")] = '\0';
        if (line[0] == '#' || line[0] == '\0' || line[0] == '\t')
            continue; /* a comment, or a province without a commune */
        if (n == cap) {
            size_t c = cap ? cap * 2 : 128;
            struct place *grown = realloc(list, c * sizeof *grown);
            if (!grown)
                break;
            list = grown;
            cap = c;
        }
        split_line(line, &list[n]);
        char nfc[KIOSK_PLACE_LEN];
        if (vn_nfc(list[n].commune, nfc, sizeof nfc) == KIOSK_OK)
            kiosk_strlcpy(list[n].commune, nfc, sizeof list[n].commune);
        n++;
    }
    *out = list;
    return n;
}

kiosk_status commune_load_places(const char *tsv_path)
{
    char path[1024];
    if (!tsv_path) {
        if (!kiosk_data_path("assets/places.tsv", path, sizeof path))
            path[0] = '\0';
        tsv_path = path;
    }
    FILE *f = tsv_path[0] ? fopen(tsv_path, "r") : NULL;
    struct place *list = NULL;
    size_t n = 0;
    if (f) {
        n = read_places(f, &list);
        fclose(f);
    } else {
        kiosk_log(KIOSK_LOG_WARN, "cannot open the place list '%s': communes only capitalised",
                  tsv_path);
    }
    pthread_mutex_lock(&g_lock);
    free(g_places);
    g_places = list;
    g_count = n;
    g_loaded = 1;
    pthread_mutex_unlock(&g_lock);
    return f ? KIOSK_OK : KIOSK_E_IO;
}

/* 1 when one listed commune (of that province, when given) is what was typed; 0 for none
 * or two that differ. */
static int find_listed(const char *typed, const char *province, struct commune_tidied *out)
{
    int tw = 0, lw = 0;
    char want[KIOSK_PLACE_LEN], listed[KIOSK_PLACE_LEN];
    vn_fold(province ? province : "", want, sizeof want);
    enum kind typed_kind = kind_of(typed, &tw);
    int found = 0;
    for (size_t i = 0; i < g_count && found < 2; i++) {
        const struct place *p = &g_places[i];
        enum kind listed_kind = kind_of(p->commune, &lw);
        if (typed_kind != KIND_NONE && typed_kind != listed_kind)
            continue; /* "xã An Bình" is not "phường An Bình" */
        vn_fold(p->province, listed, sizeof listed);
        if (want[0] && strcmp(want, listed) != 0)
            continue; /* an "An Bình" of another province */
        if (!identity_communes_match(skip_words(typed, tw), skip_words(p->commune, lw)))
            continue;
        if (found && strcmp(out->commune, p->commune) == 0)
            continue; /* one commune listed twice (old and new district) */
        found++;
        kiosk_strlcpy(out->commune, p->commune, sizeof out->commune);
        kiosk_strlcpy(out->district, p->district, sizeof out->district);
        kiosk_strlcpy(out->province, p->province, sizeof out->province);
    }
    return found == 1;
}

/* Spaces collapsed and trimmed, case kept. */
static void collapse_spaces(const char *in, char *out, size_t cap)
{
    size_t n = 0;
    for (; *in && n + 1 < cap; in++) {
        int space = *in == ' ' || *in == '\t';
        if (space && (n == 0 || out[n - 1] == ' '))
            continue;
        out[n++] = space ? ' ' : *in;
    }
    while (n > 0 && out[n - 1] == ' ')
        n--;
    out[n] = '\0';
}

/* Typed all in small letters or all in capitals: the capitals are ours to set. Mixed case
 * was written with care ("xã Mỹ Khánh, ấp Mỹ Nhơn") and is kept. */
static int case_careless(const char *s)
{
    int lower = 0, upper = 0;
    for (; *s; s++) {
        lower += *s >= 'a' && *s <= 'z';
        upper += *s >= 'A' && *s <= 'Z';
    }
    return !lower || !upper;
}

static void recase(const char *in, int careless, char *out, size_t cap)
{
    if (careless)
        vn_name_tidy(in, out, cap);
    else
        kiosk_strlcpy(out, in, cap);
}

void commune_tidy(const char *in, const char *province, struct commune_tidied *out)
{
    memset(out, 0, sizeof *out);
    char nfc[KIOSK_PLACE_LEN * 2], typed[KIOSK_PLACE_LEN * 2];
    if (vn_nfc(in ? in : "", nfc, sizeof nfc) != KIOSK_OK)
        nfc[0] = '\0';
    collapse_spaces(nfc, typed, sizeof typed);
    if (!typed[0])
        return;
    pthread_mutex_lock(&g_lock);
    if (!g_loaded) {
        pthread_mutex_unlock(&g_lock);
        commune_load_places(NULL);
        pthread_mutex_lock(&g_lock);
    }
    out->matched = find_listed(typed, province, out);
    pthread_mutex_unlock(&g_lock);
    if (out->matched)
        return;
    memset(out, 0, sizeof *out);
    int words = 0;
    enum kind k = kind_of(typed, &words);
    const char *name = k == KIND_NONE ? typed : skip_words(typed, words); /* "P.an": "an" */
    char rest[KIOSK_PLACE_LEN * 2];
    recase(name, case_careless(name), rest, sizeof rest);
    if (k == KIND_NONE)
        kiosk_strlcpy(out->commune, rest, sizeof out->commune);
    else
        kiosk_fmt(out->commune, sizeof out->commune, "%s %s", k_kind_text[k], rest);
}
