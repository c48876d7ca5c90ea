/* Settings saved from the admin screen (config.h): a small INI file beside the database (the
 * service's settings file is read-only to it), read after the settings file so what the
 * coordinator saved wins, and rewritten whole and atomically (a new file, flushed, renamed
 * over the old one, the folder flushed): a power cut leaves the old file or the new one. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define SCREEN_FILE "screen-settings.ini"

void config_screen_path(const char *db_path, char *out, size_t cap)
{
    char dir[4096];
    kiosk_strlcpy(dir, db_path, sizeof dir);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    else
        kiosk_strlcpy(dir, ".", sizeof dir);
    kiosk_fmt(out, cap, "%s/%s", dir[0] ? dir : "/", SCREEN_FILE);
}

kiosk_status config_folder_check(const char *path)
{
    struct stat st;
    if (!path || path[0] != '/' || stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return KIOSK_E_NOT_FOUND;
    /* access() says yes to root and no to nothing mounted read-only here: a file made and
     * removed is the answer that holds */
    char probe[4200];
    kiosk_fmt(probe, sizeof probe, "%s/.kiosk-check.XXXXXX", path);
    int fd = mkstemp(probe);
    if (fd < 0)
        return errno == ENOSPC ? KIOSK_E_FULL : KIOSK_E_DENIED;
    close(fd);
    unlink(probe);
    return KIOSK_OK;
}

/* The file's lines without the one that sets key (a key = value line, any spacing). */
static char *lines_without(const char *path, const char *key, size_t *len)
{
    *len = 0;
    char *out = calloc(1, 1);
    FILE *f = out ? fopen(path, "rb") : NULL;
    if (!f) /* no file yet: nothing to keep */
        return out;
    char line[2048];
    size_t klen = strlen(key);
    while (fgets(line, sizeof line, f)) {
        const char *p = line + strspn(line, " \t");
        if (strncmp(p, key, klen) == 0 && strchr(" \t=", p[klen]))
            continue;
        size_t n = strlen(line);
        char *more = realloc(out, *len + n + 1);
        if (!more)
            break;
        out = more;
        memcpy(out + *len, line, n + 1);
        *len += n;
    }
    fclose(f);
    return out;
}

static kiosk_status write_all(const char *path, const char *text, size_t len)
{
    char tmp[4200];
    kiosk_fmt(tmp, sizeof tmp, "%s.XXXXXX", path);
    int fd = mkstemp(tmp); /* 0600: a server's password may be in it */
    if (fd < 0)
        return errno == ENOSPC ? KIOSK_E_FULL : KIOSK_E_IO;
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);
        if (n <= 0 && errno != EINTR)
            break;
        done += n > 0 ? (size_t)n : 0;
    }
    int ok = done == len && fsync(fd) == 0;
    int full = !ok && errno == ENOSPC;
    ok = close(fd) == 0 && ok && rename(tmp, path) == 0;
    if (!ok) {
        unlink(tmp);
        return full ? KIOSK_E_FULL : KIOSK_E_IO;
    }
    char dir[4200];
    kiosk_strlcpy(dir, path, sizeof dir);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    int dfd = open(slash && dir[0] ? dir : "/", O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return KIOSK_OK;
}

kiosk_status config_screen_save(const char *path, const char *key, const char *value)
{
    const struct config_key *k = config_key_find(key);
    char why[300];
    if (!k || !value || strpbrk(value, "\r\n") || strlen(value) > 1500 ||
        !config_value_valid(k, value, why, sizeof why))
        return KIOSK_E_INVALID;
    size_t len = 0;
    char *text = lines_without(path, key, &len);
    if (!text)
        return KIOSK_E_NOMEM;
    size_t cap = len + strlen(key) + strlen(value) + 128;
    char *all = malloc(cap);
    kiosk_status st = KIOSK_E_NOMEM;
    if (all) {
        size_t at = len;
        if (len == 0)
            at = (size_t)snprintf(all, cap,
                                  "# Saved from the admin screen; read after the "
                                  "settings file.\n");
        else
            memcpy(all, text, len);
        /* quoted: the reader takes the outer quotes off, so blanks at either end stay */
        int n = snprintf(all + at, cap - at, "%s%s = \"%s\"\n", all[at - 1] != '\n' ? "\n" : "",
                         key, value);
        st = write_all(path, all, at + (size_t)n);
    }
    free(all);
    free(text);
    return st;
}
