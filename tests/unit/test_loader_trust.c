/* Which plugin files the kiosk runs (host/loader_trust.h): a group-writable file or folder,
 * a world-writable folder anywhere above the plugin folder, a file or a symbolic link owned
 * by another user are refused with a line that says how to fix it; a link of the kiosk's own
 * user to a good file, and a plugin folder under root's sticky /tmp, are loaded. The cases
 * with another owner need root (to chown to 'nobody') and are skipped otherwise. */
#include "check.h"
#include "common.h"
#include "host/loader.h"
#include "host/loader_trust.h"

#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char last[1024];
static void sink(int level, const char *line, void *user)
{
    (void)user;
    if (level >= KIOSK_LOG_WARN)
        kiosk_strlcpy(last, line, sizeof last);
}

static struct kiosk_host_api fake_api = {
    .size = sizeof(struct kiosk_host_api),
    .abi_major = KIOSK_ABI_MAJOR,
    .abi_minor = KIOSK_ABI_MINOR,
};

static void sh(const char *fmt, const char *a, const char *b)
{
    char cmd[9000];
    snprintf(cmd, sizeof cmd, fmt, a, b);
    CHECK(system(cmd) == 0);
}

/* Loads dir; returns how many plugins loaded (last[] holds the last refusal). */
static int loaded(const char *dir)
{
    struct plugin_set set;
    last[0] = '\0';
    loader_scan(dir, &fake_api, &set);
    int n = (int)set.count;
    loader_unload(&set);
    return n;
}

static void test_modes(const char *good, const char *top)
{
    char dir[4200], why[512];
    snprintf(dir, sizeof dir, "%s/a/plugins", top);
    sh("mkdir -p %s && chmod 0755 %s/a", dir, top);
    sh("install -m 0644 %s %s/test_good.so", good, dir);
    CHECK_INT(loaded(dir), 1); /* under root's sticky /tmp: fine */
    CHECK(loader_dir_trusted(dir, why, sizeof why));

    sh("chmod 0664 %s/test_good.so%s", dir, "");
    CHECK_INT(loaded(dir), 0);
    CHECK(strstr(last, "run chmod go-w") != NULL);
    sh("chmod 0644 %s/test_good.so%s", dir, "");

    sh("chmod 0775 %s%s", dir, "");
    CHECK_INT(loaded(dir), 0);
    CHECK(strstr(last, "refusing every plugin") != NULL);
    sh("chmod 0755 %s%s", dir, "");

    /* a folder above it that anyone may write: they could rename the plugin folder away */
    sh("chmod 0777 %s/a%s", top, "");
    CHECK_INT(loaded(dir), 0);
    CHECK(strstr(last, "other users may write to the folder") != NULL);
    CHECK(!loader_dir_trusted(dir, why, sizeof why));
    sh("chmod 0755 %s/a%s", top, "");

    /* a link of our own to a good file elsewhere: loaded (like libfoo.so -> libfoo.so.1) */
    sh("mv %s/test_good.so %s/../good.so.1", dir, dir);
    sh("ln -s ../good.so.1 %s/test_good.so%s", dir, "");
    CHECK_INT(loaded(dir), 1);
}

static void test_other_owner(const char *top)
{
    struct passwd *pw = getpwnam("nobody");
    if (geteuid() != 0 || !pw) {
        check_skip("the other-owner cases need root and a user 'nobody'");
        return;
    }
    char dir[4200], link[4300], target[4300];
    snprintf(dir, sizeof dir, "%s/a/plugins", top);
    snprintf(link, sizeof link, "%s/test_good.so", dir);
    snprintf(target, sizeof target, "%s/a/good.so.1", top);
    /* the link is someone else's: they could point it anywhere */
    CHECK(lchown(link, pw->pw_uid, pw->pw_gid) == 0);
    CHECK_INT(loaded(dir), 0);
    CHECK(strstr(last, "symbolic link owned by another user") != NULL);
    CHECK(lchown(link, 0, 0) == 0);
    /* the file it names is someone else's */
    CHECK(chown(target, pw->pw_uid, pw->pw_gid) == 0);
    CHECK_INT(loaded(dir), 0);
    CHECK(strstr(last, "belongs to another user") != NULL);
    CHECK(chown(target, 0, 0) == 0);
    /* the plugin folder is someone else's */
    CHECK(chown(dir, pw->pw_uid, pw->pw_gid) == 0);
    CHECK_INT(loaded(dir), 0);
    CHECK(strstr(last, "belongs to another user") != NULL);
    CHECK(chown(dir, 0, 0) == 0);
    CHECK_INT(loaded(dir), 1);
}

int main(void)
{
    kiosk_log_set_sink(sink, NULL);
    char good[4200];
    snprintf(good, sizeof good, "%s/test-plugins/test_good.so", KIOSK_TEST_BUILD_DIR);
    char top[] = "/tmp/kiosk-ltrust-XXXXXX";
    CHECK(mkdtemp(top) != NULL);
    chmod(top, 0755);
    test_modes(good, top);
    test_other_owner(top);
    sh("rm -rf %s%s", top, "");
    return check_done();
}
