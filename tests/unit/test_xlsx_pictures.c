/* The XLSX pictures' second pass (export/xlsx_pictures.h): every picture anchored where it
 * was added, identical ones stored once and the first one's media replaced, libxlsxwriter's
 * other parts copied as they are; a workbook without the drawing part, a missing workbook and
 * a sheet without pictures. */
#include "check.h"
#include "export/xlsx_lazy.h"
#include "export/xlsx_pictures.h"
#include "export/xlsx_style.h"

#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/kiosk-xlsx-pictures.XXXXXX";

static char *in_dir(const char *name)
{
    static char paths[8][600];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, 600, "%s/%s", dir, name);
    return p;
}

/* The standard output of a shell command, NUL-terminated (static; "" when it failed). */
static const char *run(const char *cmd)
{
    static char out[1 << 16];
    out[0] = 0;
    FILE *f = popen(cmd, "r");
    if (!f)
        return out;
    size_t n = fread(out, 1, sizeof out - 1, f);
    out[n] = 0;
    pclose(f);
    return out;
}

static unsigned char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    unsigned char *b = malloc(1 << 16);
    *len = b ? fread(b, 1, (1 << 16) - 1, f) : 0;
    fclose(f);
    return b;
}

static struct xlsx_picture at(uint32_t row, uint32_t col)
{
    struct xlsx_picture p = {.row = row, .col = col, .to_row = row, .to_col = col};
    p.x_off = 3, p.y_off = 15, p.width = 90, p.height = 16.5;
    p.to_x_off = 93, p.to_y_off = 31.5;
    p.x_abs = 100 * col + 3, p.y_abs = 53 * row + 15;
    return p;
}

/* A one-sheet workbook at path; the first picture given to libxlsxwriter when give_first. */
static void workbook(const char *path, struct xlsx_pictures *p, const unsigned char *png,
                     size_t len, int give_first)
{
    lxw_workbook *wb = xlsx_open(path, 1);
    CHECK(wb != NULL);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "Điểm danh");
    worksheet_write_string(ws, 0, 0, "Nguyễn Thị Hòa", NULL);
    unsigned char other[1 << 16];
    memcpy(other, png, len);
    other[len] = 0x42; /* another picture: the same one and a byte more */
    struct xlsx_picture a = at(10, 5), b = at(11, 5), c = at(12, 6);
    int first = xlsx_pictures_add(p, &a, png, len);
    CHECK_INT(first, 1);
    if (first == 1 && give_first)
        worksheet_insert_image_buffer_opt(ws, 10, 5, png, len, NULL);
    CHECK_INT(xlsx_pictures_add(p, &b, png, len), 0);
    CHECK_INT(xlsx_pictures_add(p, &c, other, len + 1), 0);
    char err[256];
    CHECK_INT(xlsx_close(wb, err, sizeof err), KIOSK_OK);
}

static void test_pictures(const unsigned char *png, size_t len)
{
    struct xlsx_pictures *p = xlsx_pictures_new();
    CHECK(p != NULL);
    workbook(in_dir("first.xlsx"), p, png, len, 1);
    long distinct = 0;
    CHECK_INT(xlsx_pictures_count(p, &distinct), 3);
    CHECK_INT(distinct, 2);
    char err[512] = "", cmd[1400];
    CHECK_INT(xlsx_pictures_finish(p, in_dir("first.xlsx"), in_dir("final.xlsx"), err, sizeof err),
              KIOSK_OK);
    xlsx_pictures_free(p);
    snprintf(cmd, sizeof cmd, "unzip -Z1 '%s' | grep -c '^xl/media/image[0-9]*.png$'",
             in_dir("final.xlsx"));
    CHECK_STR(run(cmd), "2\n");
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/drawings/drawing1.xml", in_dir("final.xlsx"));
    const char *xml = run(cmd);
    const char *r10 = strstr(xml, "<xdr:col>5</xdr:col><xdr:colOff>28575</xdr:colOff>"
                                  "<xdr:row>10</xdr:row><xdr:rowOff>142875</xdr:rowOff>");
    const char *r11 = strstr(xml, "<xdr:row>11</xdr:row>");
    const char *r12 = strstr(xml, "<xdr:col>6</xdr:col><xdr:colOff>28575</xdr:colOff><xdr:row>12<");
    CHECK(r10 && r11 && r12 && r10 < r11 && r11 < r12);
    CHECK(r10 && strstr(r10, "r:embed=\"rId1\"") < r11);
    CHECK(r11 && strstr(r11, "r:embed=\"rId1\"") < r12); /* the same picture, stored once */
    CHECK(r12 && strstr(r12, "r:embed=\"rId2\"") != NULL);
    CHECK(strstr(xml, "<a:ext cx=\"857250\" cy=\"157163\"/>") != NULL);
    CHECK(strstr(xml, "<xdr:to><xdr:col>5</xdr:col><xdr:colOff>885825</xdr:colOff><xdr:row>10"
                      "</xdr:row><xdr:rowOff>300038</xdr:rowOff></xdr:to>") != NULL);
    /* the pictures are the bytes given, the sheet and the rest as libxlsxwriter wrote them */
    snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/media/image2.png | wc -c", in_dir("final.xlsx"));
    CHECK_INT(atoi(run(cmd)), (int)len + 1);
    snprintf(cmd, sizeof cmd,
             "cd '%s' && unzip -p first.xlsx xl/worksheets/sheet1.xml '\\[Content_Types\\].xml' | "
             "md5sum && unzip -p final.xlsx xl/worksheets/sheet1.xml '\\[Content_Types\\].xml' | "
             "md5sum",
             dir);
    const char *sums = run(cmd);
    CHECK(strlen(sums) > 66 && memcmp(sums, sums + 36, 32) == 0);
}

static void test_refusals(const unsigned char *png, size_t len)
{
    /* pictures added, but the workbook has no drawing part to fill */
    struct xlsx_pictures *p = xlsx_pictures_new();
    workbook(in_dir("bare.xlsx"), p, png, len, 0);
    char err[512] = "";
    CHECK_INT(xlsx_pictures_finish(p, in_dir("bare.xlsx"), in_dir("x.xlsx"), err, sizeof err),
              KIOSK_E_IO);
    CHECK(strstr(err, "no drawing") != NULL);
    xlsx_pictures_free(p);
    /* no workbook at all */
    p = xlsx_pictures_new();
    err[0] = 0;
    CHECK_INT(xlsx_pictures_finish(p, in_dir("none.xlsx"), in_dir("y.xlsx"), err, sizeof err),
              KIOSK_E_IO);
    CHECK(strstr(err, "none.xlsx") != NULL);
    xlsx_pictures_free(p);
    /* no pictures: the workbook is copied as it is */
    p = xlsx_pictures_new();
    CHECK_INT(xlsx_pictures_finish(p, in_dir("bare.xlsx"), in_dir("z.xlsx"), err, sizeof err),
              KIOSK_OK);
    xlsx_pictures_free(p);
    char cmd[1400];
    snprintf(cmd, sizeof cmd,
             "cd '%s' && unzip -Z1 bare.xlsx | md5sum && unzip -Z1 z.xlsx | md5sum", dir);
    const char *sums = run(cmd);
    CHECK(strlen(sums) > 66 && memcmp(sums, sums + 36, 32) == 0);
}

int main(void)
{
    if (!mkdtemp(dir))
        return 2;
    size_t len = 0;
    unsigned char *png = slurp(KIOSK_TEST_SOURCE_DIR "/tests/data/signature.png", &len);
    CHECK(png && len > 100);
    if (png && len > 100) {
        test_pictures(png, len);
        test_refusals(png, len);
    }
    free(png);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
    return check_done();
}
