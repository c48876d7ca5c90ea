/* The host on a fake backend (no SDL, no window): the runtime's own loop opens the demo
 * program, a person's taps and a scan come from the backend, and what the backend was asked
 * to paint is what a person would have seen. The script player drives the same backend. */
#include "check.h"
#include "fake_backend.h"
#include "host/app.h"
#include "host/script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char work[] = "/tmp/kiosk-host-fake.XXXXXX";
static char db[128], ini[128];

static struct app_opts opts(void)
{
    struct app_opts o = {.db_path = db,
                         .config_path = ini,
                         .plugin_dir = KIOSK_TEST_BUILD_DIR "/plugins",
                         .demo = 1,
                         .width = 1280,
                         .height = 800,
                         .backend = &fake_backend_ops};
    return o;
}

static const struct fake_step visit[] = {
    {FAKE_EXPECT, "Trung tâm Khuyến công Cần Thơ"},
    {FAKE_EXPECT, "Điểm danh lớp học"},
    {FAKE_EXPECT, "Gian hàng hội chợ"},
    {FAKE_TAP, "Đăng ký lớp học"},
    {FAKE_EXPECT, "Trang chủ"},
    {FAKE_ABSENT, "Gian hàng hội chợ"},
    {FAKE_WINDOW, "Alt+F4"}, /* swallowed */
    {FAKE_WINDOW, "close"},  /* ignored: the kiosk is left from its admin screen */
    {FAKE_EXPECT, "Trang chủ"},
    {FAKE_TAP, "Trang chủ"},
    {FAKE_EXPECT, "Gian hàng hội chợ"},
    {FAKE_TAP, "English"},
    {FAKE_EXPECT, "Register as a visitor to the booth"},
    {FAKE_ABSENT, "Trang chủ"},
    {FAKE_SCAN, "NOT-A-KIOSK-CODE-42"},            /* on home: offered to each plugin's on_scan */
    {FAKE_EXPECT, "This code was not recognised"}, /* none takes it: the host says so */
    {FAKE_EXPECT, "Register as a visitor to the booth"}, /* still home */
    {FAKE_IDLE, NULL},
    {FAKE_TAP, "Tiếng Việt"},
    {FAKE_EXPECT, "Chạm vào một ô để bắt đầu"},
}; /* then the backend reports a stop (SIGTERM): the loop ends cleanly */

/* The runtime's own loop (app_run) on the fake backend. */
static void test_loop(void)
{
    struct app_opts o = opts();
    fake_set_steps(visit, KIOSK_ARRAY_LEN(visit));
    struct app *a = NULL;
    CHECK_INT(app_open(&o, &a), 0);
    if (!a)
        return;
    struct backend *b = fake_last;
    CHECK(b != NULL);
    CHECK_INT(app_run(a), 0);
    CHECK_INT(b->next, KIOSK_ARRAY_LEN(visit)); /* every step was played */
    CHECK_INT(b->failures, 0);
    struct backend_stats st;
    fake_backend_ops.stats(b, &st);
    CHECK(st.frames_painted >= 8); /* home, plugin, home, English, banner, ... */
    CHECK(st.texts_measured > 0);  /* the ui laid out with the backend's metrics */
    CHECK(fake_find(b, "Điểm danh lớp học") != NULL);
    app_close(a);
    CHECK(fake_last == NULL); /* the host closed its backend */
}

static int play(const char *text, FILE *out)
{
    struct app_opts o = opts();
    o.script_path = "fake.kscript"; /* kiosk time: the script moves it */
    fake_set_steps(NULL, 0);
    struct app *a = NULL;
    if (app_open(&o, &a) != 0)
        return -1;
    struct script s;
    char err[256];
    int rc = -1;
    if (script_parse(text, strlen(text), "fake.kscript", &s, err, sizeof err) == KIOSK_OK) {
        fake_last->quit_at_end = 0;
        rc = script_play(a, &s, "fake.kscript", out);
        CHECK_INT(fake_last->shots, strstr(text, "shot ") ? 1 : 0);
        script_free(&s);
    }
    app_close(a);
    return rc;
}

/* The script player reaches the window only through the backend: shortcuts, a close and a
 * screenshot go to it, taps find what it painted. */
static void test_script(void)
{
    FILE *out = fopen("/dev/null", "w");
    CHECK(out != NULL);
    if (!out)
        return;
    CHECK_INT(play("tap \"Điểm danh lớp học\"\n"
                   "expect \"Trang chủ\"\n"
                   "key \"Alt+F4\"\n"
                   "close\n"
                   "expect \"Trang chủ\"\n"
                   "tap \"Trang chủ\"\n"
                   "expect \"Đăng ký lớp học\"\n"
                   "shot home.png\n",
                   out),
              0);
    /* and a line that does not hold fails the script */
    CHECK_INT(play("tap \"Gian hàng hội chợ\"\nexpect \"Chọn lớp, điền thông tin\"\n", out), 1);
    fclose(out);
}

int main(void)
{
    if (!mkdtemp(work))
        return 1;
    snprintf(db, sizeof db, "%s/kiosk.db", work);
    snprintf(ini, sizeof ini, "%s/kiosk.ini", work);
    FILE *f = fopen(ini, "w");
    if (!f)
        return 1;
    fputs("log_level = error\n", f);
    fclose(f);
    test_loop();
    test_script();
    char cmd[160];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", work);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", work);
    return check_done();
}
