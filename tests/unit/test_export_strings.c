/* The export's string tables: Vietnamese first, English over it, {n} filled safely. */
#include "check.h"
#include "export/export_strings.h"

#include <stdlib.h>
#include <string.h>

static void test_tables(void)
{
    setenv("KIOSK_DATA_DIR", KIOSK_TEST_SOURCE_DIR, 1);
    CHECK_INT(export_strings_load("vi"), KIOSK_OK);
    CHECK_STR(export_lang(), "vi");
    CHECK_STR(export_tr("export.mark.present"), "Có mặt");
    CHECK_STR(export_tr("export.mark.late"), "Muộn");
    CHECK_STR(export_tr("export.mark.absent"), "Vắng");
    CHECK_STR(export_tr("export.col.session"), "Buổi {1}\n{2}");
    CHECK_STR(export_tr("no.such.key"), "no.such.key");
    CHECK_INT(export_strings_load("en"), KIOSK_OK);
    CHECK_STR(export_tr("export.mark.present"), "Present");
    CHECK_INT(export_strings_load("fr"), KIOSK_E_INVALID);
    CHECK_INT(export_strings_load(NULL), KIOSK_OK);
    CHECK_STR(export_tr("export.col.name"), "Họ và tên");
}

/* Every key in vi exists in en and the other way round: a coordinator with --lang en never
 * sees a key. */
static void test_same_keys(void)
{
    const char *langs[] = {"vi", "en"};
    char *keys[2][256];
    size_t n[2] = {0, 0};
    for (int l = 0; l < 2; l++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/assets/strings/%s/export.tsv", KIOSK_TEST_SOURCE_DIR,
                 langs[l]);
        FILE *f = fopen(path, "r");
        CHECK(f != NULL);
        if (!f)
            return;
        char line[2048];
        while (fgets(line, sizeof line, f) && n[l] < 256) {
            char *tab = strchr(line, '\t');
            if (line[0] == '#' || !tab)
                continue;
            *tab = '\0';
            keys[l][n[l]++] = strdup(line);
        }
        fclose(f);
    }
    CHECK_INT(n[0], n[1]);
    for (size_t i = 0; i < n[0]; i++) {
        int found = 0;
        for (size_t k = 0; k < n[1]; k++)
            found |= strcmp(keys[0][i], keys[1][k]) == 0;
        if (!found)
            fprintf(stderr, "missing in en: %s\n", keys[0][i]);
        CHECK(found);
    }
    for (int l = 0; l < 2; l++)
        for (size_t i = 0; i < n[l]; i++)
            free(keys[l][i]);
}

static void test_fill(void)
{
    char out[64];
    const char *args[] = {"MDN-MK", "12", "%s%n"};
    export_fill(out, sizeof out, "Lớp {1}: {2} người, {3} {4} {", 3, args);
    CHECK_STR(out, "Lớp MDN-MK: 12 người, %s%n {4} {");
    /* cut inside "ớ" (3 bytes): the half character goes */
    char small[3];
    CHECK_INT(export_fill(small, sizeof small, "Lớp", 0, NULL), 1);
    CHECK_STR(small, "L");
    char five[5];
    CHECK_INT(export_fill(five, sizeof five, "Lớp", 0, NULL), 1);
    CHECK_STR(five, "Lớ");
    char exact[6];
    CHECK_INT(export_fill(exact, sizeof exact, "Lớp", 0, NULL), 0);
    CHECK_STR(exact, "Lớp");
}

int main(void)
{
    test_tables();
    test_same_keys();
    test_fill();
    export_strings_release();
    return check_done();
}
