/* A tiny TSV string table for the export (the host's i18n module serves the screens). */
#include "export/export_strings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct entry {
    char *key;
    char *text;
};

static struct entry *entries;
static size_t entry_count, entry_cap;
static char lang_loaded[8];

void export_strings_release(void)
{
    for (size_t i = 0; i < entry_count; i++) {
        free(entries[i].key);
        free(entries[i].text);
    }
    free(entries);
    entries = NULL;
    entry_count = entry_cap = 0;
    lang_loaded[0] = '\0';
}

static struct entry *find(const char *key)
{
    for (size_t i = 0; i < entry_count; i++)
        if (strcmp(entries[i].key, key) == 0)
            return &entries[i];
    return NULL;
}

/* "\n" in a text is a line break (README of assets/strings). */
static char *unescape(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n && s[i + 1] == 'n') {
            out[o++] = '\n';
            i++;
        } else if (s[i] == '\\' && i + 1 < n && s[i + 1] == 't') {
            out[o++] = '\t';
            i++;
        } else {
            out[o++] = s[i];
        }
    }
    out[o] = '\0';
    return out;
}

static void set(const char *key, size_t key_len, const char *text, size_t text_len)
{
    char *k = unescape(key, key_len);
    char *t = unescape(text, text_len);
    if (!k || !t) {
        free(k);
        free(t);
        return;
    }
    struct entry *e = find(k);
    if (e) {
        free(k);
        free(e->text);
        e->text = t;
        return;
    }
    if (entry_count == entry_cap) {
        size_t cap = entry_cap ? entry_cap * 2 : 128;
        struct entry *n = realloc(entries, cap * sizeof *n);
        if (!n) {
            free(k);
            free(t);
            return;
        }
        entries = n;
        entry_cap = cap;
    }
    entries[entry_count].key = k;
    entries[entry_count].text = t;
    entry_count++;
}

static void load_file(const char *lang)
{
    char rel[128], path[4096];
    kiosk_fmt(rel, sizeof rel, "assets/strings/%s/export.tsv", lang);
    if (!kiosk_data_path(rel, path, sizeof path))
        return;
    FILE *f = fopen(path, "r");
    if (!f) {
        kiosk_log(KIOSK_LOG_WARN, "cannot read the string table '%s'", path);
        return;
    }
    char line[2048];
    while (fgets(line, sizeof line, f)) {
        size_t n = strcspn(line, "\r\n");
        line[n] = '\0';
        if (line[0] == '#' || line[0] == '\0')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab)
            continue;
        set(line, (size_t)(tab - line), tab + 1, strlen(tab + 1));
    }
    fclose(f);
}

kiosk_status export_strings_load(const char *lang)
{
    if (!lang)
        lang = "vi";
    if (strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0)
        return KIOSK_E_INVALID;
    export_strings_release();
    load_file("vi");
    if (strcmp(lang, "vi") != 0)
        load_file(lang);
    kiosk_strlcpy(lang_loaded, lang, sizeof lang_loaded);
    return KIOSK_OK;
}

const char *export_tr(const char *key)
{
    if (!lang_loaded[0])
        export_strings_load("vi");
    struct entry *e = find(key);
    return e ? e->text : key;
}

const char *export_lang(void)
{
    return lang_loaded[0] ? lang_loaded : "vi";
}

int export_fill(char *out, size_t cap, const char *text, size_t n, const char *const *args)
{
    size_t o = 0;
    int cut = 0;
    if (cap == 0)
        return 1;
    for (const char *p = text; *p; p++) {
        const char *piece = p;
        size_t len = 1;
        if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}' && (size_t)(p[1] - '1') < n &&
            args[p[1] - '1']) {
            piece = args[p[1] - '1'];
            len = strlen(piece);
            p += 2;
        }
        if (o + len >= cap) {
            len = cap - 1 - o;
            cut = 1;
        }
        memcpy(out + o, piece, len);
        o += len;
        if (cut)
            break;
    }
    if (cut) { /* drop a character cut in half: the text stays valid UTF-8 */
        size_t lead = o;
        while (lead > 0 && ((unsigned char)out[lead - 1] & 0xC0) == 0x80)
            lead--;
        if (lead > 0 && (unsigned char)out[lead - 1] >= 0xC0) {
            unsigned char c = (unsigned char)out[lead - 1];
            size_t need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
            if (o - (lead - 1) < need)
                o = lead - 1;
        }
    }
    out[o] = '\0';
    return cut;
}

const char *export_trf(char *out, size_t cap, const char *key, const char *a1, const char *a2,
                       const char *a3)
{
    const char *args[3] = {a1, a2, a3};
    export_fill(out, cap, export_tr(key), 3, args);
    return out;
}
