/* The export's texts, served by the host's string tables (core/i18n): kioskctl has no
 * host, so the export keeps one table of its own for the language asked. */
#include "export/export_strings.h"

#include "i18n.h"

#include <string.h>

static struct i18n *table;
static char lang_loaded[8];

void export_strings_release(void)
{
    i18n_free(table);
    table = NULL;
    lang_loaded[0] = '\0';
}

kiosk_status export_strings_load(const char *lang)
{
    if (!lang)
        lang = "vi";
    if (strcmp(lang, "vi") != 0 && strcmp(lang, "en") != 0)
        return KIOSK_E_INVALID;
    export_strings_release();
    char dir[4096];
    if (!kiosk_data_path("assets/strings", dir, sizeof dir))
        dir[0] = '\0';
    kiosk_status st = i18n_open(dir, lang, &table);
    if (st != KIOSK_OK)
        return st;
    kiosk_strlcpy(lang_loaded, lang, sizeof lang_loaded);
    return KIOSK_OK;
}

const char *export_tr(const char *key)
{
    if (!table && export_strings_load("vi") != KIOSK_OK)
        return key;
    return i18n_tr(table, key);
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
