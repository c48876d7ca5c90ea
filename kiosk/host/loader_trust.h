/* Which plugin files the kiosk trusts enough to run: code in a plugin runs with all the
 * kiosk's rights (its database, its signing key), so only files that no one but root and the
 * kiosk's own user could have written are loaded.
 * - every folder from / down to the plugin folder is owned by root or the kiosk's user and
 *   writable by no group or other user (a root-owned sticky folder such as /tmp is allowed:
 *   nobody else can rename or replace what is inside it);
 * - the plugin file is a regular file owned by root or the kiosk's user, writable by no group
 *   or other user; a symbolic link is followed only when the link itself is owned by root or
 *   the kiosk's user (the file it names is checked the same way);
 * - the file is opened once and that descriptor is what is checked and loaded
 *   (dlopen of /proc/self/fd/N), so it cannot be swapped between check and load. */
#ifndef KIOSK_LOADER_TRUST_H
#define KIOSK_LOADER_TRUST_H

#include <stddef.h>

/* 1 when dir and every folder above it pass; else 0 and why (one line, with the fix). */
int loader_dir_trusted(const char *dir, char *why, size_t cap);
/* Opens path for loading: returns a descriptor (close it after dlopen) or -1 with why. */
int loader_open_trusted(const char *path, char *why, size_t cap);
/* The name dlopen gets for a descriptor from loader_open_trusted. */
void loader_fd_path(int fd, char *out, size_t cap);

#endif
