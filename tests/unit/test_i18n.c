/* String tables: every file of a language's folder, English falling back to Vietnamese,
 * a missing key shown as itself, plugin tables first; and the shipped tables themselves
 * (every English key exists in Vietnamese, no line is malformed). */
#include "check.h"
#include "i18n.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static int warnings;
static char last_warning[1024];

static void sink(int level, const char *line, void *user)
{
    if (level >= KIOSK_LOG_WARN) {
        warnings++;
        kiosk_strlcpy(last_warning, line, sizeof last_warning);
    }
}

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_folder(void)
{
    char dir[] = "/tmp/kiosk-i18n-XXXXXX", p[256];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(p, sizeof p, "%s/vi", dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/en", dir);
    mkdir(p, 0755);
    snprintf(p, sizeof p, "%s/vi/a.tsv", dir);
    write_file(p, "# comment\nhome\tTrang chủ\ngreet\tXin chào\\nquý khách\n");
    snprintf(p, sizeof p, "%s/vi/b.tsv", dir);
    write_file(p, "\xEF\xBB\xBFonly_vi\tChỉ có tiếng Việt\r\nchecked\tĐã điểm danh\n");
    snprintf(p, sizeof p, "%s/en/a.tsv", dir);
    write_file(p, "home\tHome\nchecked\tChecked in\nbroken line without a tab\n");
    snprintf(p, sizeof p, "%s/en/notes.txt", dir); /* not a .tsv: not read */
    write_file(p, "only_vi\tWRONG\n");

    struct i18n *t = NULL;
    CHECK_INT(i18n_open(dir, "vi", &t), KIOSK_OK);
    CHECK_STR(i18n_lang(t), "vi");
    CHECK_STR(i18n_tr(t, "home"), "Trang chủ");
    CHECK_STR(i18n_tr(t, "greet"), "Xin chào\nquý khách");
    CHECK_STR(i18n_tr(t, "only_vi"), "Chỉ có tiếng Việt"); /* the second file, its BOM dropped */
    CHECK_STR(i18n_tr(t, "missing.key"), "missing.key");
    CHECK(!i18n_has(t, "missing.key"));
    CHECK(i18n_has(t, "home"));

    warnings = 0;
    CHECK_INT(i18n_set_lang(t, "en"), KIOSK_OK);
    CHECK_STR(i18n_tr(t, "home"), "Home");
    CHECK_STR(i18n_tr(t, "checked"), "Checked in");
    CHECK_STR(i18n_tr(t, "only_vi"), "Chỉ có tiếng Việt"); /* falls back to vi */
    CHECK_STR(i18n_tr(t, "missing.key"), "missing.key");
    CHECK_INT(warnings, 1); /* the line without a tab, named */
    CHECK(strstr(last_warning, "en/a.tsv:3") != NULL);

    CHECK_INT(i18n_set_lang(t, "vi"), KIOSK_OK);
    CHECK_STR(i18n_tr(t, "home"), "Trang chủ");
    CHECK_INT(i18n_set_lang(t, "../etc"), KIOSK_E_INVALID);
    CHECK_STR(i18n_lang(t), "vi");

    /* plugin tables first, then the host's, then the key */
    static const struct kiosk_string table[] = {
        {"home", "Về trang chủ", "Back home"},
        {"fair.title", "Hội chợ", NULL},
        {NULL, NULL, NULL},
    };
    CHECK_STR(i18n_tr_table(t, table, "home"), "Về trang chủ");
    CHECK_STR(i18n_tr_table(t, table, "checked"), "Đã điểm danh");
    CHECK_STR(i18n_tr_table(t, table, "nope"), "nope");
    CHECK_STR(i18n_tr_table(t, NULL, "home"), "Trang chủ");
    i18n_set_lang(t, "en");
    CHECK_STR(i18n_tr_table(t, table, "home"), "Back home");
    CHECK_STR(i18n_tr_table(t, table, "fair.title"), "Hội chợ"); /* no en column: vi */
    CHECK_STR(i18n_tr_table(t, table, "checked"), "Checked in");
    i18n_free(t);

    /* a language whose folder is missing: still works, in Vietnamese */
    CHECK_INT(i18n_open(dir, "fr", &t), KIOSK_OK);
    CHECK_STR(i18n_tr(t, "home"), "Trang chủ");
    i18n_free(t);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
}

static void test_repeat_and_tsv(void)
{
    struct i18n *t = NULL;
    CHECK_INT(i18n_open(NULL, "vi", &t), KIOSK_OK);
    static const char text[] = "a\tmột\nb\thai\na\tMột (sửa)\n\ttab first\n";
    warnings = 0;
    CHECK_INT(i18n_add_tsv(t, "vi", text, sizeof text - 1, "x.tsv"), 3);
    CHECK_STR(i18n_tr(t, "a"), "Một (sửa)"); /* the later row counts, and says so */
    CHECK_STR(i18n_tr(t, "b"), "hai");
    CHECK_INT(warnings, 2);
    i18n_free(t);
}

/* Keys of one TSV file, for checking the shipped tables. */
static int each_key(const char *path, const char *lang, struct i18n *vi, int *lines)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[4096];
    int missing = 0, n = 0;
    while (fgets(line, sizeof line, f)) {
        n++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *tab = strchr(line, '\t');
        if (!tab) {
            fprintf(stderr, "%s:%d: no tab\n", path, n);
            missing++;
            continue;
        }
        *tab = '\0';
        (*lines)++;
        if (strcmp(lang, "en") == 0 && !i18n_has(vi, line)) {
            fprintf(stderr, "%s:%d: key '%s' is not in the Vietnamese tables\n", path, n, line);
            missing++;
        }
    }
    fclose(f);
    return missing;
}

static void test_shipped(const char *strings)
{
    struct i18n *vi = NULL;
    CHECK_INT(i18n_open(strings, "vi", &vi), KIOSK_OK);
    CHECK_STR(i18n_tr(vi, "host.home"), "Trang chủ");
    CHECK_STR(i18n_tr(vi, "host.weekday.6"), "Thứ Bảy");
    static const char *langs[] = {"vi", "en"};
    for (size_t l = 0; l < 2; l++) {
        char dir[4200];
        snprintf(dir, sizeof dir, "%s/%s", strings, langs[l]);
        DIR *d = opendir(dir);
        CHECK(d != NULL);
        if (!d)
            continue;
        struct dirent *de;
        int lines = 0;
        while ((de = readdir(d)) != NULL) {
            size_t n = strlen(de->d_name);
            if (n < 5 || strcmp(de->d_name + n - 4, ".tsv") != 0)
                continue;
            char path[4500];
            snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
            CHECK_INT(each_key(path, langs[l], vi, &lines), 0);
        }
        closedir(d);
        CHECK(lines > 20);
    }
    i18n_free(vi);
    struct i18n *en = NULL;
    CHECK_INT(i18n_open(strings, "en", &en), KIOSK_OK);
    CHECK_STR(i18n_tr(en, "host.home"), "Home");
    i18n_free(en);
}

int main(int argc, char **argv)
{
    kiosk_log_set_sink(sink, NULL);
    test_folder();
    test_repeat_and_tsv();
    test_shipped(argc > 1 ? argv[1] : KIOSK_TEST_SOURCE_DIR "/assets/strings");
    return check_done();
}
