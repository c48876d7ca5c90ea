/* The plugin loader on the test plugins (tests/plugins): the good ones load, each broken
 * one is refused with one log line naming its file and the reason; a directory or file
 * others may write to is refused; home-screen order follows the setting. */
#include "check.h"
#include "common.h"
#include "host/loader.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_LINES 64
static char lines[MAX_LINES][1024];
static int line_count;

static void sink(int level, const char *line, void *user)
{
    if (level >= KIOSK_LOG_WARN && line_count < MAX_LINES)
        kiosk_strlcpy(lines[line_count++], line, sizeof lines[0]);
}

/* Number of log lines that contain both a and b. */
static int lines_with(const char *a, const char *b)
{
    int n = 0;
    for (int i = 0; i < line_count; i++)
        if (strstr(lines[i], a) && (!b || strstr(lines[i], b)))
            n++;
    return n;
}

static struct kiosk_host_api fake_api = {
    .size = sizeof(struct kiosk_host_api),
    .abi_major = KIOSK_ABI_MAJOR,
    .abi_minor = KIOSK_ABI_MINOR,
};

static void test_plugins_dir(const char *dir)
{
    struct plugin_set set;
    line_count = 0;
    CHECK_INT(loader_scan(dir, &fake_api, &set), KIOSK_OK);
    CHECK_INT(set.count, 2);
    CHECK_STR(set.count > 0 ? set.slots[0].desc.id : "", "test_good");
    CHECK_STR(set.count > 1 ? set.slots[1].desc.id : "", "test_second");
    CHECK_STR(set.count > 0 ? set.slots[0].file : "", "test_good.so");
    CHECK(set.count > 0 && set.slots[0].desc.on_scan != NULL);
    CHECK(set.count > 1 && set.slots[1].desc.on_scan == NULL);

    /* one line a refused file, naming it and why */
    CHECK_INT(lines_with("bad.so'", "not a shared object"), 1);
    CHECK_INT(lines_with("test_no_entry.so'", "no 'kiosk_plugin_entry' symbol"), 1);
    char speaks[96];
    snprintf(speaks, sizeof speaks, "built for plugin ABI 1.0, this kiosk speaks %d.%d",
             KIOSK_ABI_MAJOR, KIOSK_ABI_MINOR);
    CHECK_INT(lines_with("test_abi_major.so'", speaks), 1);
    CHECK_INT(lines_with("test_abi_minor.so'", "newer than this kiosk's"), 1);
    CHECK_INT(lines_with("test_twin.so'", "repeats the plugin id 'test_good'"), 1);
    CHECK_INT(lines_with("test_null_entry.so'", "returned NULL"), 1);
    CHECK_INT(line_count, 6);
    for (int i = 0; i < line_count; i++)
        printf("logged: %s\n", lines[i]);

    loader_order(&set, "test_second, test_good");
    CHECK_STR(set.slots[0].desc.id, "test_second");
    loader_order(&set, "nothing_known");
    CHECK_STR(set.slots[0].desc.id, "test_good");
    loader_order(&set, "test_second");
    CHECK_STR(set.slots[0].desc.id, "test_second");
    CHECK_STR(set.slots[1].desc.id, "test_good");
    loader_unload(&set);
    CHECK_INT(set.count, 0);
}

static int copy_file(const char *from, const char *to, int mode)
{
    FILE *in = fopen(from, "rb");
    int fd = open(to, O_WRONLY | O_CREAT | O_TRUNC, mode);
    FILE *out = fd >= 0 ? fdopen(fd, "wb") : NULL;
    if (!in || !out) {
        if (in)
            fclose(in);
        if (out)
            fclose(out);
        return 0;
    }
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        fwrite(buf, 1, n, out);
    fclose(in);
    fclose(out);
    chmod(to, (mode_t)mode); /* umask must not soften what the test asks for */
    return 1;
}

static void test_trust(const char *plugins)
{
    char dir[] = "/tmp/kiosk-loader-XXXXXX", from[4200], to[4200];
    CHECK(mkdtemp(dir) != NULL);
    snprintf(from, sizeof from, "%s/test_good.so", plugins);
    snprintf(to, sizeof to, "%s/test_good.so", dir);
    CHECK(copy_file(from, to, 0755));
    snprintf(from, sizeof from, "%s/test_second.so", plugins);
    snprintf(to, sizeof to, "%s/test_second.so", dir);
    CHECK(copy_file(from, to, 0757)); /* others may write to this file */
    snprintf(to, sizeof to, "%s/broken.so", dir);
    int fd = open(to, O_WRONLY | O_CREAT, 0644);
    CHECK(write(fd,
                "\x7f"
                "ELF but not really",
                18) == 18); /* passes the magic, fails dlopen */
    close(fd);
    snprintf(to, sizeof to, "%s/README.txt", dir);
    fd = open(to, O_WRONLY | O_CREAT, 0644);
    close(fd);

    struct plugin_set set;
    line_count = 0;
    chmod(dir, 0755);
    CHECK_INT(loader_scan(dir, &fake_api, &set), KIOSK_OK);
    CHECK_INT(set.count, 1);
    CHECK_INT(lines_with("test_second.so'", "other users may write to it"), 1);
    CHECK_INT(lines_with("broken.so'", "dlopen failed"), 1);
    CHECK_INT(lines_with("broken.so'", "run 'ldd "), 1);
    CHECK_INT(lines_with("README.txt'", "only .so files are loaded"), 1);
    loader_unload(&set);

    line_count = 0;
    chmod(dir, 0777);
    CHECK_INT(loader_scan(dir, &fake_api, &set), KIOSK_E_DENIED);
    CHECK_INT(set.count, 0);
    CHECK_INT(lines_with(dir, "other users may write to it"), 1);
    chmod(dir, 01777);
    CHECK_INT(loader_scan(dir, &fake_api, &set), KIOSK_E_DENIED);
    chmod(dir, 0755);

    line_count = 0;
    CHECK_INT(loader_scan("/nonexistent/plugins", &fake_api, &set), KIOSK_E_NOT_FOUND);
    CHECK_INT(set.count, 0);
    CHECK_INT(lines_with("/nonexistent/plugins", NULL), 1);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    CHECK(system(cmd) == 0);
}

static void test_ids(void)
{
    CHECK(loader_id_valid("class_attendance"));
    CHECK(loader_id_valid("fair2"));
    CHECK(!loader_id_valid(""));
    CHECK(!loader_id_valid(NULL));
    CHECK(!loader_id_valid("Fair"));
    CHECK(!loader_id_valid("2fair"));
    CHECK(!loader_id_valid("fair-booth"));
    CHECK(!loader_id_valid("điểm_danh"));
    CHECK(!loader_id_valid("../x"));
    char long_id[80];
    memset(long_id, 'a', sizeof long_id - 1);
    long_id[sizeof long_id - 1] = '\0';
    CHECK(!loader_id_valid(long_id));
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : KIOSK_TEST_BUILD_DIR "/test-plugins";
    kiosk_log_set_sink(sink, NULL);
    test_ids();
    test_plugins_dir(dir);
    test_trust(dir);
    return check_done();
}
