/* Per-keystroke cost of the Telex/VNI composer, beside the same keys with the input method
 * off (the floor: append a character and render the field as NFC UTF-8). Keys: every
 * syllable of tests/data/ime/vi-rs/all_{telex,vni}.tsv typed as a word after a name
 * already in the field, in a short field and a long one; and Backspace.
 * Rows (microseconds a key; the baseline is the same keys with the method off):
 * composer.key_us.{telex,vni}, .telex_long (a 900-character field), backspace_us.telex. */
#include "bench_util.h"
#include "text/composer.h"

#include <string.h>

#define MAX_WORDS 30000

static char *g_words[MAX_WORDS];
static size_t g_n;

static void load(const char *path)
{
    char *data = NULL;
    size_t len = 0;
    g_n = 0;
    if (kiosk_read_file(path, &data, &len) != KIOSK_OK) {
        fprintf(stderr, "bench_composer: cannot read %s\n", path);
        exit(1);
    }
    for (char *line = strtok(data, "\n"); line && g_n < MAX_WORDS; line = strtok(NULL, "\n")) {
        if (line[0] == '#')
            continue;
        char *keys = strchr(line, '\t');
        keys = keys ? strchr(keys + 1, '\t') : NULL;
        if (!keys)
            continue;
        char *end = strchr(++keys, '\t');
        if (end)
            *end = '\0';
        g_words[g_n++] = strdup(keys);
    }
    free(data);
}

static double type_word(struct vn_composer *c, const char *prefix, const char *word)
{
    vn_composer_set_text(c, prefix);
    char k[2] = {0, 0};
    size_t n = strlen(word);
    double a = now_ms();
    for (size_t i = 0; i < n; i++) {
        k[0] = word[i];
        vn_composer_key(c, k);
    }
    return (now_ms() - a) * 1000.0 / (double)(n ? n : 1);
}

static double backspace_word(struct vn_composer *c, const char *prefix, const char *word)
{
    vn_composer_set_text(c, prefix);
    vn_composer_key(c, word);
    size_t n = strlen(word);
    double a = now_ms();
    for (size_t i = 0; i < n; i++)
        vn_composer_backspace(c);
    return (now_ms() - a) * 1000.0 / (double)(n ? n : 1);
}

/* per-key microseconds for every word, with the method on and off */
static void measure(int method, const char *prefix, const char *figure, int backspace)
{
    size_t step = strlen(prefix) > 100 ? 8 : 1; /* a long field: every 8th word */
    double *on = malloc(g_n * sizeof *on), *off = malloc(g_n * sizeof *off);
    struct vn_composer *c = vn_composer_new(method, VN_TONE_TRADITIONAL);
    struct vn_composer *plain = vn_composer_new(VN_IM_OFF, VN_TONE_TRADITIONAL);
    int n = 0;
    for (size_t i = 0; i < g_n; i += step, n++) {
        on[n] =
            backspace ? backspace_word(c, prefix, g_words[i]) : type_word(c, prefix, g_words[i]);
        off[n] = backspace ? backspace_word(plain, prefix, g_words[i])
                           : type_word(plain, prefix, g_words[i]);
    }
    double om, op;
    stats(off, n, &om, &op);
    row(figure, on, n, om, "<1000us");
    vn_composer_free(c);
    vn_composer_free(plain);
    free(on);
    free(off);
}

int main(void)
{
    const char *name = "Nguyễn Thị ";
    char long_field[1200] = "";
    while (strlen(long_field) < 900)
        strcat(long_field, "Trường Thắng, Cờ Đỏ, Cần Thơ; ");
    load(KIOSK_TEST_SOURCE_DIR "/tests/data/ime/vi-rs/all_telex.tsv");
    measure(VN_IM_TELEX, name, "composer.key_us.telex", 0);
    measure(VN_IM_TELEX, long_field, "composer.key_us.telex_long", 0);
    measure(VN_IM_TELEX, name, "composer.backspace_us.telex", 1);
    for (size_t i = 0; i < g_n; i++)
        free(g_words[i]);
    load(KIOSK_TEST_SOURCE_DIR "/tests/data/ime/vi-rs/all_vni.tsv");
    measure(VN_IM_VNI, name, "composer.key_us.vni", 0);
    for (size_t i = 0; i < g_n; i++)
        free(g_words[i]);
    return 0;
}
