/* The settings file: defaults, the known keys, and every kind of bad line reported by
 * file, line and key while the kiosk goes on with that key's default. */
#include "check.h"
#include "config.h"

#include <stdlib.h>
#include <unistd.h>

static void quiet(int level, const char *line, void *user) {}

static int has_issue(const struct config *c, const char *needle)
{
    for (size_t i = 0; i < config_issue_count(c); i++)
        if (strstr(config_issue(c, i), needle))
            return 1;
    return 0;
}

static void test_defaults(void)
{
    struct config *c = config_new();
    CHECK_STR(config_get(c, "lang"), "vi");
    CHECK_INT(config_get_int(c, "idle_timeout_s"), 60);
    CHECK_STR(config_get(c, "input_method"), "telex");
    CHECK_STR(config_get(c, "tone_style"), "traditional");
    CHECK_INT(config_get_bool(c, "staff_view"), 0);
    CHECK_STR(config_get(c, "plugin_order"), "");
    CHECK(config_get(c, "no_such_key") == NULL);
    CHECK(config_get_set(c, "lang") == NULL);
    CHECK_INT(config_issue_count(c), 0);
    config_free(c);
}

static void test_good_file(void)
{
    static const char text[] = "# a coordinator's file\n"
                               "lang = en\n"
                               "idle_timeout_s=90\r\n"
                               "  input_method   =   vni  \n"
                               "; another comment\n"
                               "title = \"Hội chợ Đồng Tháp\"\n"
                               "plugin_order = class_attendance, fair_booth\n"
                               "staff_view = có\n"
                               "[kiosk]\n"
                               "window = 1024x600\n"
                               "\n";
    struct config *c = config_new();
    config_parse(c, text, sizeof text - 1, "kiosk.ini");
    CHECK_INT(config_issue_count(c), 0);
    CHECK_STR(config_get(c, "lang"), "en");
    CHECK_INT(config_get_int(c, "idle_timeout_s"), 90);
    CHECK_STR(config_get(c, "input_method"), "vni");
    CHECK_STR(config_get(c, "title"), "Hội chợ Đồng Tháp");
    CHECK_STR(config_get(c, "plugin_order"), "class_attendance, fair_booth");
    CHECK_INT(config_get_bool(c, "staff_view"), 1);
    CHECK_STR(config_get(c, "window"), "1024x600");
    CHECK_STR(config_get_set(c, "lang"), "en");
    config_free(c);
}

static void test_bad_lines(void)
{
    static const char text[] = "lang = fr\n"                /* 1: not a choice */
                               "idle_timeout_s = soon\n"    /* 2: not a number */
                               "colour = blue\n"            /* 3: unknown key */
                               "sync_interval_s = 5\n"      /* 4: below the minimum */
                               "just words\n"               /* 5: no '=' */
                               "staff_view = maybe\n"       /* 6: not a bool */
                               "window = big\n"             /* 7: not WxH */
                               "[printer\n"                 /* 8: broken section */
                               "tone_style = modern\n"      /* 9: fine */
                               "tone_style = traditional\n" /* 10: set twice */
                               "[class_attendance]\n"       /* 11 */
                               "colour = red\n"; /* 12: unknown, named with its section */
    struct config *c = config_new();
    config_parse(c, text, sizeof text - 1, "/etc/kiosk/kiosk.ini");
    CHECK(has_issue(c, "/etc/kiosk/kiosk.ini:1: bad value for 'lang'"));
    CHECK(has_issue(c, "'fr' is not one of vi|en"));
    CHECK(has_issue(c, ":2: bad value for 'idle_timeout_s': 'soon' is not a whole number"));
    CHECK(has_issue(c, ":3: unknown setting 'colour'"));
    CHECK(has_issue(c, ":4: bad value for 'sync_interval_s': 5 is outside 30..86400"));
    CHECK(has_issue(c, ":5: expected 'key = value'"));
    CHECK(has_issue(c, ":6: bad value for 'staff_view'"));
    CHECK(has_issue(c, ":7: bad value for 'window'"));
    CHECK(has_issue(c, ":8: a section must look like [name]"));
    CHECK(has_issue(c, ":10: 'tone_style' is set again (line 9)"));
    CHECK(has_issue(c, ":12: unknown setting 'class_attendance.colour'"));
    CHECK_INT(config_issue_count(c), 10);
    /* the kiosk goes on: bad keys keep their defaults, good ones count */
    CHECK_STR(config_get(c, "lang"), "vi");
    CHECK_INT(config_get_int(c, "idle_timeout_s"), 60);
    CHECK_INT(config_get_int(c, "sync_interval_s"), 300);
    CHECK_STR(config_get(c, "tone_style"), "traditional");
    CHECK_STR(config_get(c, "window"), "");
    config_free(c);
}

static void test_set_and_files(void)
{
    struct config *c = config_new();
    CHECK_INT(config_set(c, "lang", "en", "--lang"), KIOSK_OK);
    CHECK_STR(config_get(c, "lang"), "en");
    CHECK_INT(config_set(c, "lang", "de", "--lang"), KIOSK_E_INVALID);
    CHECK_STR(config_get(c, "lang"), "en");
    CHECK(has_issue(c, "--lang: bad value for 'lang'"));
    CHECK_INT(config_load_file(c, "/nonexistent/kiosk.ini"), KIOSK_E_NOT_FOUND);

    char path[] = "/tmp/kiosk-config-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    static const char text[] = "lang = vi\nidle_timeout_s = 5\n";
    CHECK(write(fd, text, sizeof text - 1) == (ssize_t)(sizeof text - 1));
    close(fd);
    CHECK_INT(config_load_file(c, path), KIOSK_OK);
    CHECK_STR(config_path(c), path);
    CHECK_STR(config_get(c, "lang"), "vi");
    CHECK(has_issue(c, ":2: bad value for 'idle_timeout_s': 5 is outside 10..3600"));
    unlink(path);
    /* a NUL byte in a line: refused by line, the rest is read */
    struct config *d = config_new();
    static const char bin[] = "lang = en\nti\0tle = x\nidle_timeout_s = 30\n";
    config_parse(d, bin, sizeof bin - 1, "bin.ini");
    CHECK(has_issue(d, "bin.ini:2:"));
    CHECK_STR(config_get(d, "lang"), "en");
    CHECK_INT(config_get_int(d, "idle_timeout_s"), 30);
    config_free(d);
    config_free(c);
}

/* Every row's default must be valid for its own type, and the sample file (every key
 * uncommented) must read back without an issue. */
static void test_table(void)
{
    size_t n;
    const struct config_key *k = config_keys(&n);
    CHECK(n >= 12);
    for (size_t i = 0; i < n; i++) {
        char why[200] = "";
        int ok = config_value_valid(&k[i], k[i].def, why, sizeof why);
        if (!ok)
            fprintf(stderr, "default of '%s': %s\n", k[i].key, why);
        CHECK(ok);
        const char *doc = config_key_doc(&k[i]);
        if (strlen(doc) <= 10 || strcmp(doc, k[i].key) == 0)
            fprintf(stderr, "no doc for '%s' in the string tables (config.tsv)\n", k[i].key);
        CHECK(strlen(doc) > 10 && strcmp(doc, k[i].key) != 0);
        CHECK(config_key_find(k[i].key) == &k[i]);
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    config_write_sample(f);
    fclose(f);
    /* uncomment "#key = value" lines */
    for (char *p = buf; (p = strstr(p, "\n#")) != NULL; p++) {
        char *eq = strchr(p + 2, '='), *nl = strchr(p + 2, '\n');
        if (eq && (!nl || eq < nl) && p[2] != ' ')
            p[1] = ' ';
    }
    struct config *c = config_new();
    config_parse(c, buf, len, "sample.ini");
    for (size_t i = 0; i < config_issue_count(c); i++)
        fprintf(stderr, "%s\n", config_issue(c, i));
    CHECK_INT(config_issue_count(c), 0);
    CHECK_STR(config_get_set(c, "idle_timeout_s"), "60");
    config_free(c);
    free(buf);
}

/* camera = auto | none | /dev/videoN | file:PATH; anything else keeps the default. */
static void test_camera(void)
{
    const struct config_key *k = config_key_find("camera");
    char why[200];
    CHECK(k != NULL);
    const char *good[] = {
        "auto", "none", "/dev/video0", "/dev/v4l/by-id/usb-cam", "file:a.png", "file:/tmp/frames"};
    for (size_t i = 0; i < sizeof good / sizeof *good; i++)
        CHECK(config_value_valid(k, good[i], why, sizeof why));
    const char *bad[] = {"", "yes", "video0", "file:", "AUTO", "http://cam/"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK(!config_value_valid(k, bad[i], why, sizeof why));
    struct config *c = config_new();
    const char text[] = "camera = webcam\n";
    config_parse(c, text, sizeof text - 1, "cam.ini");
    CHECK_INT(config_issue_count(c), 1);
    CHECK_STR(config_get(c, "camera"), "auto");
    config_free(c);
}

int main(void)
{
    kiosk_log_set_sink(quiet, NULL);
    test_defaults();
    test_good_file();
    test_bad_lines();
    test_set_and_files();
    test_table();
    test_camera();
    return check_done();
}
