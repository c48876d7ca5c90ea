/* ESC/POS: a receipt stream written to a file is parsed back command by command: the QR
 * store command carries exactly the receipt text, each raster has the expected size and
 * pixels; a missing printer, a closed port or a bad target give a status, never a crash. */
#include "check.h"
#include "receipt/escpos.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static const char text[] = "KC1.EAAW2ZOBCS5QQKPAXUBWWCT4YQ5L4WBVENOOMP25KA.L6TVLP3DTORO6Y22SVQO"
                           "UMNWKZYRCF7XAB5NB4A2D54Y2WC3UXGUGDZC2HUYXAJAWRFKNG5BJKERXHSOJ6CSAC6"
                           "N3RSKWW467Q5SICI";

struct parsed {
    int init_first, centred, cut_last, feed;
    int rasters, raster_w[8], raster_h[8];
    const uint8_t *raster_data[8];
    int qr_model, qr_module, qr_level, qr_printed, qr_order_ok;
    char qr_data[512];
    int unknown;
};

/* Walks the stream as a printer would; anything it does not know is counted. */
static void parse(const uint8_t *p, size_t n, struct parsed *out)
{
    memset(out, 0, sizeof *out);
    size_t i = 0;
    int stored = 0;
    out->init_first = n >= 2 && p[0] == 0x1b && p[1] == '@';
    while (i < n) {
        size_t left = n - i;
        if (left >= 2 && p[i] == 0x1b && p[i + 1] == '@') {
            i += 2;
        } else if (left >= 3 && p[i] == 0x1b && p[i + 1] == 'a') {
            out->centred = p[i + 2] == 1;
            i += 3;
        } else if (left >= 3 && p[i] == 0x1b && p[i + 1] == 'd') {
            out->feed = p[i + 2];
            i += 3;
        } else if (left >= 3 && p[i] == 0x1d && p[i + 1] == 'V') {
            i += 3;
            out->cut_last = i == n;
        } else if (left >= 8 && p[i] == 0x1d && p[i + 1] == 'v' && p[i + 2] == '0') {
            int wb = p[i + 4] | p[i + 5] << 8, h = p[i + 6] | p[i + 7] << 8;
            if (out->rasters < 8) {
                out->raster_w[out->rasters] = wb;
                out->raster_h[out->rasters] = h;
                out->raster_data[out->rasters] = p + i + 8;
            }
            out->rasters++;
            i += 8 + (size_t)wb * (size_t)h;
        } else if (left >= 7 && p[i] == 0x1d && p[i + 1] == '(' && p[i + 2] == 'k') {
            size_t len = p[i + 3] | (size_t)p[i + 4] << 8;
            const uint8_t *d = p + i + 5;
            if (d[0] == 49 && d[1] == 65)
                out->qr_model = d[2];
            else if (d[0] == 49 && d[1] == 67)
                out->qr_module = d[2];
            else if (d[0] == 49 && d[1] == 69)
                out->qr_level = d[2];
            else if (d[0] == 49 && d[1] == 80 && d[2] == 48 && len - 3 < sizeof out->qr_data) {
                memcpy(out->qr_data, d + 3, len - 3);
                out->qr_data[len - 3] = '\0';
                stored = 1;
            } else if (d[0] == 49 && d[1] == 81 && d[2] == 48) {
                out->qr_printed = 1;
                out->qr_order_ok = stored;
            } else
                out->unknown++;
            i += 5 + len;
        } else {
            out->unknown++;
            i++;
        }
    }
}

static uint8_t *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    uint8_t *d = malloc(1 << 20);
    *n = fread(d, 1, 1 << 20, f);
    fclose(f);
    return d;
}

static void test_stream(const char *dir)
{
    /* Line 1: 100 x 24, a black first column and a black last row. Line 2: 384 x 30 all
     * black. Under the QR: 21 x 300 (two bands). Grey 127 stays white, 128 prints. */
    static uint8_t a[24 * 100], b[30 * 384], c[300 * 21];
    memset(a, 127, sizeof a);
    for (int y = 0; y < 24; y++)
        a[y * 100] = 255;
    memset(a + 23 * 100, 128, 100);
    memset(b, 255, sizeof b);
    memset(c, 0, sizeof c);
    c[0] = 200;
    struct escpos_image above[2] = {{a, 100, 24}, {b, 384, 30}}, below[1] = {{c, 21, 300}};
    struct escpos_receipt r = {above, 2, text, 6, below, 1, 5};
    uint8_t *data = NULL;
    size_t len = 0;
    CHECK_INT(escpos_build(&r, &data, &len), KIOSK_OK);

    char path[300];
    kiosk_fmt(path, sizeof path, "%s/lp0", dir);
    FILE *f = fopen(path, "w"); /* the "device" must exist: escpos_send never creates it */
    fclose(f);
    const char *why = "unset";
    char detail[256];
    CHECK_INT(escpos_send(path, data, len, 1000, &why, detail, sizeof detail), KIOSK_OK);
    CHECK(why == NULL);
    size_t n = 0;
    uint8_t *got = slurp(path, &n);
    CHECK_INT(n, len);
    struct parsed ps;
    parse(got, n, &ps);
    CHECK_INT(ps.unknown, 0);
    CHECK(ps.init_first);
    CHECK(ps.centred);
    CHECK(ps.cut_last);
    CHECK_INT(ps.feed, 5);
    CHECK_STR(ps.qr_data, text);
    CHECK_INT(ps.qr_model, 50); /* model 2 */
    CHECK_INT(ps.qr_module, 6);
    CHECK_INT(ps.qr_level, 49); /* M */
    CHECK(ps.qr_printed && ps.qr_order_ok);
    CHECK_INT(ps.rasters, 4);
    CHECK_INT(ps.raster_w[0], 13); /* 100 dots -> 13 bytes */
    CHECK_INT(ps.raster_h[0], 24);
    CHECK_INT(ps.raster_w[1], 48);
    CHECK_INT(ps.raster_h[1], 30);
    CHECK_INT(ps.raster_w[2], 3);
    CHECK_INT(ps.raster_h[2], 255);
    CHECK_INT(ps.raster_w[3], 3);
    CHECK_INT(ps.raster_h[3], 45);
    if (ps.rasters == 4) {
        const uint8_t *r0 = ps.raster_data[0];
        CHECK_INT(r0[0], 0x80); /* row 0: the first column only */
        CHECK_INT(r0[1], 0);
        CHECK_INT(r0[23 * 13], 0xff);      /* last row: every dot */
        CHECK_INT(r0[23 * 13 + 12], 0xf0); /* 100 = 12 * 8 + 4 dots */
        CHECK_INT(ps.raster_data[1][47], 0xff);
        CHECK_INT(ps.raster_data[2][0], 0x80);
        CHECK_INT(ps.raster_data[3][0], 0);
    }
    /* A second job is appended, as on a printer. */
    CHECK_INT(escpos_send(path, data, len, 1000, &why, NULL, 0), KIOSK_OK);
    free(got);
    got = slurp(path, &n);
    CHECK_INT(n, 2 * len);
    free(got);
    free(data);
}

static void test_refusals(const char *dir)
{
    uint8_t px[16] = {0};
    struct escpos_image wide = {px, ESCPOS_MAX_WIDTH_DOTS + 1, 1};
    struct escpos_receipt r = {&wide, 1, text, 6, NULL, 0, 0};
    uint8_t *data = NULL;
    size_t len = 0;
    CHECK_INT(escpos_build(&r, &data, &len), KIOSK_E_INVALID);
    r.above_count = 0;
    r.qr_module_dots = 17;
    CHECK_INT(escpos_build(&r, &data, &len), KIOSK_E_INVALID);
    r.qr_module_dots = 0;
    r.qr_text = "";
    CHECK_INT(escpos_build(&r, &data, &len), KIOSK_E_INVALID);
    r.qr_text = text;
    CHECK_INT(escpos_build(&r, &data, &len), KIOSK_OK);

    const char *why = NULL;
    char detail[256], path[300];
    /* Unplugged: the device node is gone. Nothing is created in its place. */
    kiosk_fmt(path, sizeof path, "%s/usb/lp9", dir);
    CHECK_INT(escpos_send(path, data, len, 500, &why, detail, sizeof detail), KIOSK_E_UNAVAILABLE);
    CHECK_STR(why, "receipt.print.unplugged");
    CHECK(strstr(detail, "lp9") != NULL);
    CHECK(access(path, F_OK) != 0);
    CHECK_INT(escpos_send(dir, data, len, 500, &why, detail, sizeof detail), KIOSK_E_INVALID);
    CHECK_STR(why, "receipt.print.failed");
    CHECK_INT(escpos_send("tcp:", data, len, 500, &why, detail, sizeof detail), KIOSK_E_INVALID);
    CHECK_INT(escpos_send("tcp:127.0.0.1:x1", data, len, 500, &why, NULL, 0), KIOSK_E_INVALID);
    CHECK_INT(escpos_send("", data, len, 500, &why, NULL, 0), KIOSK_E_INVALID);

    /* A network printer: a closed port is "unplugged"; a listening one gets the stream. */
    int srv = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof addr;
    CHECK(bind(srv, (struct sockaddr *)&addr, sizeof addr) == 0);
    CHECK(getsockname(srv, (struct sockaddr *)&addr, &al) == 0);
    char target[64];
    kiosk_fmt(target, sizeof target, "tcp:127.0.0.1:%d", ntohs(addr.sin_port));
    /* bound but not listening: refused */
    CHECK_INT(escpos_send(target, data, len, 500, &why, detail, sizeof detail),
              KIOSK_E_UNAVAILABLE);
    CHECK_STR(why, "receipt.print.unplugged");
    CHECK(listen(srv, 1) == 0);
    CHECK_INT(escpos_send(target, data, len, 2000, &why, detail, sizeof detail), KIOSK_OK);
    int c = accept(srv, NULL, NULL);
    uint8_t *got = malloc(len + 16);
    size_t n = 0;
    ssize_t k;
    while (c >= 0 && (k = read(c, got + n, len + 16 - n)) > 0)
        n += (size_t)k;
    CHECK_INT(n, len);
    CHECK(memcmp(got, data, len) == 0);
    free(got);
    if (c >= 0)
        close(c);
    close(srv);
    free(data);
}

int main(void)
{
    char dir[] = "/tmp/kiosk-escpos.XXXXXX";
    if (!mkdtemp(dir))
        return 2;
    test_stream(dir);
    test_refusals(dir);
    char cmd[128];
    kiosk_fmt(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
    return check_done();
}
