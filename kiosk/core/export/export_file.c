/* Export files: tmp, fsync, rename, fsync the folder. */
#include "export/export_file.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static kiosk_status from_errno(int e)
{
    if (e == ENOSPC || e == EDQUOT)
        return KIOSK_E_FULL;
    if (e == EROFS || e == EACCES || e == EPERM || e == ENOENT || e == ENOTDIR)
        return KIOSK_E_READONLY;
    return KIOSK_E_IO;
}

kiosk_status export_file_open(struct export_file *f, const char *path, int mode, char *err,
                              size_t errlen)
{
    f->fd = -1;
    if (kiosk_strlcpy(f->path, path, sizeof f->path) ||
        kiosk_fmt(f->tmp, sizeof f->tmp, "%s.tmp", path)) {
        kiosk_fmt(err, errlen, "the path '%s' is too long", path);
        return KIOSK_E_INVALID;
    }
    /* never write through a symlink someone left as FILE.tmp */
    unlink(f->tmp);
    f->fd = open(f->tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, (mode_t)mode);
    if (f->fd < 0) {
        int e = errno;
        kiosk_fmt(err, errlen, "cannot create '%s': %s", f->tmp, strerror(e));
        return from_errno(e);
    }
    /* the umask can only narrow the mode; this makes it exact (0644 may be asked) */
    if (fchmod(f->fd, (mode_t)mode) != 0) {
        int e = errno;
        kiosk_fmt(err, errlen, "cannot set the mode of '%s': %s", f->tmp, strerror(e));
        export_file_abort(f);
        return from_errno(e);
    }
    return KIOSK_OK;
}

void export_file_close_fd(struct export_file *f)
{
    if (f->fd >= 0)
        close(f->fd);
    f->fd = -1;
}

static void sync_dir(const char *path)
{
    char dir[4096];
    kiosk_strlcpy(dir, path, sizeof dir);
    int fd = open(dirname(dir), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
}

kiosk_status export_file_commit(struct export_file *f, char *err, size_t errlen)
{
    int fd = f->fd >= 0 ? f->fd : open(f->tmp, O_RDONLY | O_CLOEXEC);
    int e = 0;
    if (fd < 0 || fsync(fd) != 0)
        e = errno ? errno : EIO;
    if (fd >= 0 && close(fd) != 0 && !e)
        e = errno;
    f->fd = -1;
    if (!e && rename(f->tmp, f->path) != 0)
        e = errno;
    if (e) {
        kiosk_fmt(err, errlen, "cannot write '%s': %s", f->path, strerror(e));
        unlink(f->tmp);
        return from_errno(e);
    }
    sync_dir(f->path);
    return KIOSK_OK;
}

void export_file_abort(struct export_file *f)
{
    export_file_close_fd(f);
    unlink(f->tmp);
}

/* Copies src into out keeping only [A-Za-z0-9-] (others become '_'), at most cap-1 bytes. */
static void safe_name_part(const char *src, char *out, size_t cap)
{
    size_t n = 0;
    for (const char *p = src ? src : ""; *p && n + 1 < cap; p++) {
        char c = *p;
        int ok =
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        out[n++] = ok ? c : '_';
    }
    out[n] = '\0';
}

kiosk_status export_file_name(char *out, size_t cap, const char *dir, const char *code,
                              const char *what, int64_t at_ms, const char *ext)
{
    char safe_code[80], safe_what[80], safe_ext[16], date[16];
    safe_name_part(code, safe_code, sizeof safe_code);
    safe_name_part(what, safe_what, sizeof safe_what);
    safe_name_part(ext, safe_ext, sizeof safe_ext);
    if (code && !safe_code[0])
        kiosk_strlcpy(safe_code, "su-kien", sizeof safe_code);
    struct tm tm;
    kiosk_local_tm(at_ms, &tm);
    snprintf(date, sizeof date, "%04d%02d%02d", (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100,
             tm.tm_mday % 100);
    int w = safe_code[0]
                ? snprintf(out, cap, "%s/%s_%s_%s.%s", dir, safe_code, safe_what, date, safe_ext)
                : snprintf(out, cap, "%s/%s_%s.%s", dir, safe_what, date, safe_ext);
    return w > 0 && (size_t)w < cap ? KIOSK_OK : KIOSK_E_INVALID;
}
