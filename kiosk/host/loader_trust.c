#include "host/loader_trust.h"

#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int trusted_owner(uid_t uid)
{
    return uid == 0 || uid == geteuid();
}

/* One folder on the way down: owner, and no group/other write unless root's sticky folder. */
static int folder_ok(const char *path, const struct stat *st, char *why, size_t cap)
{
    int shared = (st->st_mode & (S_IWGRP | S_IWOTH)) != 0;
    if (shared && (st->st_mode & S_ISVTX) && st->st_uid == 0)
        return 1;
    if (!trusted_owner(st->st_uid)) {
        kiosk_fmt(why, cap,
                  "the folder '%s' belongs to another user (uid %u); plugins load only "
                  "from folders owned by root or the kiosk's user",
                  path, (unsigned)st->st_uid);
        return 0;
    }
    if (shared) {
        kiosk_fmt(why, cap, "other users may write to the folder '%s'; run chmod go-w on it", path);
        return 0;
    }
    return 1;
}

int loader_dir_trusted(const char *dir, char *why, size_t cap)
{
    char real[4096];
    if (!realpath(dir, real)) {
        kiosk_fmt(why, cap, "cannot resolve '%s': %s", dir, strerror(errno));
        return 0;
    }
    /* from the folder up to /: cut the path one component at a time */
    for (;;) {
        struct stat st;
        const char *p = real[0] ? real : "/";
        if (stat(p, &st) != 0) {
            kiosk_fmt(why, cap, "cannot read '%s': %s", p, strerror(errno));
            return 0;
        }
        if (!folder_ok(p, &st, why, cap))
            return 0;
        char *slash = strrchr(real, '/');
        if (!slash || !real[0])
            return 1;
        *slash = '\0';
    }
}

int loader_open_trusted(const char *path, char *why, size_t cap)
{
    struct stat link;
    if (lstat(path, &link) != 0) {
        kiosk_fmt(why, cap, "cannot read it: %s", strerror(errno));
        return -1;
    }
    if (S_ISLNK(link.st_mode) && !trusted_owner(link.st_uid)) {
        kiosk_fmt(why, cap, "it is a symbolic link owned by another user (uid %u); remove it",
                  (unsigned)link.st_uid);
        return -1;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        kiosk_fmt(why, cap, "cannot open it: %s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    const char *bad = NULL;
    if (!S_ISREG(st.st_mode))
        bad = "it is not a regular file";
    else if (!trusted_owner(st.st_uid))
        bad = "it belongs to another user; plugins must be owned by root or the kiosk's user";
    else if (st.st_mode & (S_IWGRP | S_IWOTH))
        bad = "other users may write to it; run chmod go-w on it";
    if (bad) {
        kiosk_fmt(why, cap, "%s", bad);
        close(fd);
        return -1;
    }
    return fd;
}

void loader_fd_path(int fd, char *out, size_t cap)
{
    snprintf(out, cap, "/proc/self/fd/%d", fd);
}
