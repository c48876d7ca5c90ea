/* Settings saved from the admin screen (config.h, config_screen.c) and the sync target made
 * from a form (sync.h, sync_target.c): values checked before they are written, the file
 * replaced whole and private, read after the settings file so it wins; a server's parts
 * quoted whatever they hold, read back without the password; a folder or file checked. */
#include "check.h"
#include "config.h"
#include "sync/sync.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

static void test_save(void)
{
    char path[256], ini[256];
    snprintf(path, sizeof path, "%s/screen-settings.ini", dir);
    snprintf(ini, sizeof ini, "%s/kiosk.ini", dir);
    CHECK_INT(config_screen_save(path, "export_dir", "/media/usb stick "), KIOSK_OK);
    CHECK_INT(config_screen_save(path, "sync", "/media/usb/dong-bo.db"), KIOSK_OK);
    CHECK_INT(config_screen_save(path, "export_dir", "/srv/xuất"), KIOSK_OK); /* replaced */
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600);
    /* refused before anything is written: an unknown key, a line break, a bad value */
    CHECK_INT(config_screen_save(path, "no_such_key", "x"), KIOSK_E_INVALID);
    CHECK_INT(config_screen_save(path, "sync", "a\nlang = en"), KIOSK_E_INVALID);
    CHECK_INT(config_screen_save(path, "idle_timeout_s", "never"), KIOSK_E_INVALID);
    /* the settings file says otherwise: what the screen saved wins; the rest stays */
    write_text(ini, "sync = /old.db\nexport_dir = /old\nlang = en\n");
    struct config *c = config_new();
    CHECK_INT(config_load_file(c, ini), KIOSK_OK);
    CHECK_INT(config_load_screen(c, path), KIOSK_OK);
    CHECK_STR(config_get(c, "export_dir"), "/srv/xuất");
    CHECK_STR(config_get(c, "sync"), "/media/usb/dong-bo.db");
    CHECK_STR(config_get(c, "lang"), "en");
    CHECK_STR(config_path(c), ini);
    CHECK_INT(config_issue_count(c), 0);
    config_free(c);
    /* a value with blanks at its ends and quotes in it reads back as it was */
    CHECK_INT(config_screen_save(path, "title", " Trung tâm \"Khuyến công\" "), KIOSK_OK);
    c = config_new();
    CHECK_INT(config_load_screen(c, path), KIOSK_OK);
    CHECK_STR(config_get(c, "title"), " Trung tâm \"Khuyến công\" ");
    config_free(c);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "ls %s/screen-settings.ini.* >/dev/null 2>&1", dir);
    CHECK(system(cmd) != 0); /* no temporary file left */
    CHECK_INT(config_screen_save("/nonexistent-dir/x.ini", "sync", ""), KIOSK_E_IO);
}

static void test_folders(void)
{
    char sub[128], file[160];
    CHECK_INT(config_folder_check(dir), KIOSK_OK);
    CHECK_INT(config_folder_check("relative/path"), KIOSK_E_NOT_FOUND);
    CHECK_INT(config_folder_check("/nonexistent-dir"), KIOSK_E_NOT_FOUND);
    snprintf(file, sizeof file, "%s/plain.txt", dir);
    write_text(file, "not a kiosk database, a note someone left on the stick\n");
    CHECK_INT(config_folder_check(file), KIOSK_E_NOT_FOUND);
    if (geteuid() != 0) { /* root writes anywhere */
        snprintf(sub, sizeof sub, "%s/ro", dir);
        mkdir(sub, 0555);
        CHECK_INT(config_folder_check(sub), KIOSK_E_DENIED);
    }
    const char *why = NULL;
    char err[256], target[200];
    snprintf(target, sizeof target, "%s/dong-bo.db", dir);
    CHECK_INT(sync_target_check(target, NULL, 3, &why, err, sizeof err), KIOSK_OK);
    CHECK_INT(sync_target_check("/nonexistent-dir/dong-bo.db", NULL, 3, &why, err, sizeof err),
              KIOSK_E_NOT_FOUND);
    CHECK_STR(why, "admin.sync.err.folder");
    CHECK(sync_target_check("dong-bo.db", NULL, 3, &why, err, sizeof err) != KIOSK_OK);
    CHECK(sync_target_check(file, NULL, 3, &why, err, sizeof err) != KIOSK_OK); /* not a kiosk's */
    CHECK_STR(why, "sync.err.not_kiosk");
    CHECK(sync_target_check("", NULL, 3, &why, err, sizeof err) != KIOSK_OK);
}

static void test_server(void)
{
    struct sync_server s = {"db.trungtam.vn:5433", "kiosk", "điều phối", "p'a\\ss w"};
    char ci[600];
    CHECK_INT(sync_server_conninfo(&s, ci, sizeof ci), KIOSK_OK);
    CHECK_STR(ci, "host='db.trungtam.vn' port='5433' dbname='kiosk' user='điều phối' "
                  "password='p\\'a\\\\ss w'");
    CHECK(sync_target_is_pg(ci));
    struct sync_server back;
    sync_server_parts(ci, &back);
    if (back.host[0]) { /* libpq present */
        CHECK_STR(back.host, "db.trungtam.vn:5433");
        CHECK_STR(back.dbname, "kiosk");
        CHECK_STR(back.user, "điều phối");
        CHECK_STR(back.password, ""); /* never read back */
    } else {
        check_skip("libpq not loadable: parts not read back");
    }
    struct sync_server sock = {"/run/postgresql", "kiosk", "", ""};
    CHECK_INT(sync_server_conninfo(&sock, ci, sizeof ci), KIOSK_OK);
    CHECK_STR(ci, "host='/run/postgresql' dbname='kiosk'");
    struct sync_server bad[] = {{"", "kiosk", "", ""},
                                {"db", "", "", ""},
                                {"db:0", "k", "", ""},
                                {"db:99999", "k", "", ""},
                                {"db:http", "k", "", ""}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_INT(sync_server_conninfo(&bad[i], ci, sizeof ci), KIOSK_E_INVALID);
    struct sync_server v6 = {"fe80::1", "k", "", ""}; /* several ':': all of it is the host */
    CHECK_INT(sync_server_conninfo(&v6, ci, sizeof ci), KIOSK_OK);
    CHECK_STR(ci, "host='fe80::1' dbname='k'");
}

int main(void)
{
    kiosk_strlcpy(dir, "/tmp/kiosk-config-screen.XXXXXX", sizeof dir);
    if (!mkdtemp(dir))
        return 2;
    test_save();
    test_folders();
    test_server();
    char cmd[256];
    snprintf(cmd, sizeof cmd, "chmod -R u+w %s; rm -rf %s", dir, dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    return check_done();
}
