/* The camera module without a camera: the repeat filter, the preview's shrinking, the
 * decoder on a rendered code, file: frames through the worker's mailbox, and a missing
 * device reported without blocking. Given a folder of photos and the text they hold
 * (camera_photos.test.sh makes them), each photo must decode to exactly that text. */
#include "camera/camera.h"
#include "camera/camera_source.h"
#include "check.h"
#include "kiosk_png.h"
#include "kiosk_png_read.h"
#include "receipt/qr.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TEXT "KC1.HELLO-CAMERA-0123456789"

static void test_recent(void)
{
    struct camera_recent r = {0};
    CHECK_INT(camera_recent_fire(&r, "A", 1000), 1);
    CHECK_INT(camera_recent_fire(&r, "A", 1100), 0);                        /* still in view */
    CHECK_INT(camera_recent_fire(&r, "A", 1100 + CAMERA_REPEAT_MS - 1), 0); /* seen again */
    CHECK_INT(camera_recent_fire(&r, "B", 5000), 1);                    /* another code at once */
    CHECK_INT(camera_recent_fire(&r, "A", 5000 + CAMERA_REPEAT_MS), 1); /* left, came back */
    for (int i = 0; i < 2 * CAMERA_RECENT; i++) { /* many codes: the table keeps the newest */
        char t[8];
        snprintf(t, sizeof t, "T%d", i);
        CHECK_INT(camera_recent_fire(&r, t, 20000 + i), 1);
    }
    CHECK_INT(camera_recent_fire(&r, "T15", 20100), 0);
}

static void test_shrink(void)
{
    static uint8_t big[640 * 480], small[CAMERA_PREVIEW_MAX_W * CAMERA_PREVIEW_MAX_H];
    for (int y = 0; y < 480; y++)
        for (int x = 0; x < 640; x++)
            big[y * 640 + x] = x < 320 ? 0 : 200;
    int w = 0, h = 0;
    camera_shrink(big, 640, 480, small, &w, &h);
    CHECK(w <= CAMERA_PREVIEW_MAX_W && h <= CAMERA_PREVIEW_MAX_H && w * 3 == h * 4);
    CHECK_INT(small[0], 0);
    CHECK_INT(small[w - 1], 200);
    camera_shrink(big, 100, 60, small, &w, &h); /* small frames are kept as they are */
    CHECK_INT(w, 100);
    CHECK_INT(h, 60);
}

static void collect(const char *text, void *user)
{
    kiosk_strlcpy(user, text, CAMERA_TEXT_MAX);
}

static uint8_t *rendered(int *side)
{
    struct qr_matrix m;
    uint8_t *px = NULL;
    if (qr_encode(TEXT, &m) != KIOSK_OK)
        return NULL;
    qr_render_grey(&m, 4, 4, &px, side);
    qr_matrix_release(&m);
    return px;
}

static void test_decode(struct camera_decoder *d)
{
    int side = 0;
    uint8_t *px = rendered(&side);
    CHECK(px != NULL);
    char got[CAMERA_TEXT_MAX] = "";
    CHECK_INT(camera_decode(d, px, side, side, collect, got), 1);
    CHECK_STR(got, TEXT);
    memset(px, 255, (size_t)side * (size_t)side); /* a blank frame: nothing */
    CHECK_INT(camera_decode(d, px, side, side, collect, got), 0);
    CHECK_INT(camera_decode(d, NULL, 0, 0, collect, got), 0);
    free(px);
}

static int wakes;
static void count_wake(void *user)
{
    (void)user;
    __atomic_add_fetch(&wakes, 1, __ATOMIC_SEQ_CST);
}

/* A folder of frames: blank, the code three times, blank. The worker hands the text over
 * once and the preview moves on; then the source has ended. */
static void test_file_frames(const char *dir)
{
    int side = 0;
    uint8_t *px = rendered(&side);
    uint8_t *blank = malloc((size_t)side * (size_t)side);
    memset(blank, 255, (size_t)side * (size_t)side);
    const char *names[] = {"f0.png", "f1.png", "f2.png", "f3.png", "f4.png"};
    for (int i = 0; i < 5; i++) {
        char path[600];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        kiosk_png_write(path, i == 0 || i == 4 ? blank : px, side, side, 1, (size_t)side, 0600);
    }
    char spec[600];
    snprintf(spec, sizeof spec, "file:%s", dir);
    struct camera *c = NULL;
    CHECK_INT(camera_start(spec, count_wake, NULL, &c), KIOSK_OK);
    CHECK_INT(camera_wait(c, 10000), 1);
    char got[CAMERA_TEXT_MAX] = "";
    int64_t at = 0;
    CHECK_INT(camera_take(c, got, sizeof got, &at), 1);
    CHECK_STR(got, TEXT);
    CHECK(at > 0);
    struct camera_status st;
    for (int i = 0; i < 200; i++) { /* until every frame was read */
        camera_get_status(c, &st);
        if (st.state == CAMERA_ENDED)
            break;
        usleep(20000);
    }
    CHECK_INT(st.state, CAMERA_ENDED);
    CHECK_INT(st.frames, 5);
    CHECK_INT(st.decoded, 1); /* three frames in a row: one scan */
    /* the host was woken for the first picture and for the code, not for every frame */
    CHECK_INT(__atomic_load_n(&wakes, __ATOMIC_SEQ_CST), 2);
    CHECK_INT(camera_take(c, got, sizeof got, NULL), 0);
    uint8_t prev[CAMERA_PREVIEW_MAX_W * CAMERA_PREVIEW_MAX_H];
    int w = 0, h = 0;
    uint64_t seq = 0;
    CHECK_INT(camera_preview(c, prev, &w, &h, &seq), 1);
    CHECK(w > 0 && h > 0 && seq == 5);
    CHECK_INT(camera_preview(c, prev, &w, &h, &seq), 0); /* nothing newer */
    camera_stop(c);
    free(px);
    free(blank);
}

static void test_missing(void)
{
    struct camera *c = NULL;
    CHECK_INT(camera_start("none", NULL, NULL, &c), KIOSK_OK);
    CHECK(c == NULL);
    CHECK_INT(camera_start("/dev/video-not-here", NULL, NULL, &c), KIOSK_OK);
    CHECK_INT(camera_wait(c, 5000), 0);
    struct camera_status st;
    camera_get_status(c, &st);
    CHECK_INT(st.state, CAMERA_MISSING);
    CHECK(strstr(st.why, "/dev/video-not-here: no such device") != NULL);
    camera_stop(c); /* while it waits to try again: returns at once */
    /* a device that is not a camera: libzbar's video module refuses it, said in one line */
    CHECK_INT(camera_start("/dev/null", NULL, NULL, &c), KIOSK_OK);
    CHECK_INT(camera_wait(c, 5000), 0);
    camera_get_status(c, &st);
    CHECK_INT(st.state, CAMERA_MISSING);
    CHECK(strncmp(st.why, "/dev/null: ", 11) == 0 && !strchr(st.why, '\n'));
    camera_stop(c);
    CHECK_INT(camera_start("file:/nowhere/at/all", NULL, NULL, &c), KIOSK_OK);
    camera_wait(c, 5000);
    camera_get_status(c, &st);
    CHECK_INT(st.state, CAMERA_MISSING);
    camera_stop(c);
}

/* A camera that is not there at first (a folder not made yet, as a device not plugged in)
 * is looked for again in the background: once it appears its code is read. */
static void test_comes_back(const char *dir)
{
    char spec[700], frames[600], path[700];
    snprintf(frames, sizeof frames, "%s/later", dir);
    snprintf(spec, sizeof spec, "file:%s", frames);
    struct camera *c = NULL;
    CHECK_INT(camera_start(spec, NULL, NULL, &c), KIOSK_OK);
    camera_wait(c, 5000);
    struct camera_status st;
    camera_get_status(c, &st);
    CHECK_INT(st.state, CAMERA_MISSING);
    int side = 0;
    uint8_t *px = rendered(&side);
    CHECK_INT(mkdir(frames, 0700), 0);
    snprintf(path, sizeof path, "%s/f.png", frames);
    kiosk_png_write(path, px, side, side, 1, (size_t)side, 0600);
    char got[CAMERA_TEXT_MAX] = "";
    int64_t until = camera_mono_ms() + 3 * CAMERA_RETRY_MS;
    while (!camera_take(c, got, sizeof got, NULL) && camera_mono_ms() < until)
        usleep(20000);
    CHECK_STR(got, TEXT);
    camera_stop(c);
    free(px);
}

/* Every photo in dir decodes to want, on its own (a fresh decoder each: no help from the
 * last frame). */
static void test_photos(const char *dir, const char *want)
{
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d))) {
        if (!strstr(e->d_name, ".png"))
            continue;
        char path[1200], got[CAMERA_TEXT_MAX] = "", err[400];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        uint8_t *px = NULL;
        int w = 0, h = 0;
        CHECK_INT(kiosk_png_read_grey(path, 1u << 24, &px, &w, &h), KIOSK_OK);
        struct camera_decoder *dec = NULL;
        CHECK_INT(camera_decoder_new(&dec, err, sizeof err), KIOSK_OK);
        CHECK_INT(camera_decode(dec, px, w, h, collect, got), 1);
        if (strcmp(got, want) != 0)
            fprintf(stderr, "photo %s read as '%s'\n", e->d_name, got);
        CHECK_STR(got, want);
        camera_decoder_free(dec);
        free(px);
        n++;
    }
    if (d)
        closedir(d);
    CHECK(n >= 7);
}

int main(int argc, char **argv)
{
    char err[400] = "";
    struct camera_decoder *d = NULL;
    if (camera_decoder_new(&d, err, sizeof err) != KIOSK_OK) {
        fprintf(stderr, "SKIP: %s\n", err);
        return 77;
    }
    test_recent();
    test_shrink();
    test_decode(d);
    camera_decoder_free(d);
    char dir[] = "/tmp/kiosk-camera-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    test_file_frames(dir);
    test_comes_back(dir);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK_INT(system(cmd), 0);
    test_missing();
    if (argc == 3)
        test_photos(argv[1], argv[2]);
    return check_done();
}
