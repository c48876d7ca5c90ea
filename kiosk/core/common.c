#include "common.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

void kiosk_id_new(char out[KIOSK_ID_LEN])
{
    unsigned char raw[16];
    static const char hex[] = "0123456789abcdef";
    randombytes_buf(raw, sizeof raw);
    for (size_t i = 0; i < sizeof raw; i++) {
        out[2 * i] = hex[raw[i] >> 4];
        out[2 * i + 1] = hex[raw[i] & 15];
    }
    out[32] = '\0';
}

static int64_t real_now_ms(void)
{
    struct timeval tv;
    gettimeofday(&tv, NULL);
    return (int64_t)tv.tv_sec * 1000 + tv.tv_usec / 1000;
}

int64_t kiosk_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t clock_offset_ms;
static int clock_frozen;
static int64_t clock_frozen_ms;

int64_t kiosk_clock_now_ms(void)
{
    if (clock_frozen)
        return clock_frozen_ms;
    return real_now_ms() + clock_offset_ms;
}

void kiosk_clock_set_ms(int64_t wall_ms)
{
    clock_offset_ms = wall_ms - real_now_ms();
    clock_frozen_ms = wall_ms;
}

void kiosk_clock_freeze(int frozen)
{
    if (frozen && !clock_frozen)
        clock_frozen_ms = kiosk_clock_now_ms();
    if (!frozen && clock_frozen)
        clock_offset_ms = clock_frozen_ms - real_now_ms();
    clock_frozen = frozen;
}

void kiosk_clock_advance_ms(int64_t ms)
{
    if (clock_frozen)
        clock_frozen_ms += ms;
    else
        clock_offset_ms += ms;
}

void kiosk_clock_reset(void)
{
    clock_offset_ms = 0;
    clock_frozen = 0;
}

void kiosk_local_tm(int64_t at_ms, struct tm *out)
{
    time_t t = (time_t)(at_ms / 1000);
    localtime_r(&t, out);
}

int64_t kiosk_local_make_ms(int year, int month, int day, int hour, int minute)
{
    struct tm tm = {0};
    tm.tm_year = year - 1900;
    tm.tm_mon = month - 1;
    tm.tm_mday = day;
    tm.tm_hour = hour;
    tm.tm_min = minute;
    tm.tm_isdst = -1;
    return (int64_t)mktime(&tm) * 1000;
}

int64_t kiosk_local_day_start_ms(int64_t at_ms)
{
    struct tm tm;
    kiosk_local_tm(at_ms, &tm);
    return kiosk_local_make_ms(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 0, 0);
}

static int log_level = KIOSK_LOG_INFO;
static void (*log_sink)(int, const char *, void *);
static void *log_sink_user;

void kiosk_log_set_level(int level)
{
    log_level = level;
}

void kiosk_log_set_sink(void (*sink)(int level, const char *line, void *user), void *user)
{
    log_sink = sink;
    log_sink_user = user;
}

void kiosk_log(int level, const char *fmt, ...)
{
    if (level < log_level)
        return;
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    if (log_sink) {
        log_sink(level, line, log_sink_user);
        return;
    }
    static const char *names[] = {"debug", "info", "warning", "error"};
    fprintf(stderr, "kiosk: %s: %s\n", names[level < 0 || level > 3 ? 1 : level], line);
}

int kiosk_strlcpy(char *dst, const char *src, size_t cap)
{
    if (cap == 0)
        return 1;
    size_t n = strlen(src);
    if (n < cap) {
        memcpy(dst, src, n + 1);
        return 0;
    }
    /* cut on a UTF-8 boundary so the text stays valid */
    n = cap - 1;
    while (n > 0 && ((unsigned char)src[n] & 0xC0) == 0x80)
        n--;
    memcpy(dst, src, n);
    dst[n] = '\0';
    return 1;
}

int kiosk_fmt(char *dst, size_t cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(dst, cap, fmt, ap);
    va_end(ap);
    return n < 0 || (size_t)n >= cap;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The folder of the running executable, when it can be read. */
static int exe_dir(char *out, size_t cap)
{
    char self[4096];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0)
        return 0;
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash)
        return 0;
    *slash = '\0';
    return !kiosk_fmt(out, cap, "%s", self);
}

/* Run from the build tree (not from an installed bin/): use the source tree's files. */
static int in_build_tree(void)
{
    char dir[4096];
    if (!exe_dir(dir, sizeof dir))
        return 0;
    size_t n = strlen(KIOSK_BUILD_DIR);
    return strncmp(dir, KIOSK_BUILD_DIR, n) == 0 && (dir[n] == '\0' || dir[n] == '/') &&
           is_dir(KIOSK_SOURCE_DIR "/assets");
}

/* <exe dir>/<rel> when that folder exists. */
static const char *installed_dir(const char *rel, char *out, size_t cap)
{
    char dir[4096];
    if (!exe_dir(dir, sizeof dir) || kiosk_fmt(out, cap, "%s/%s", dir, rel) || !is_dir(out))
        return NULL;
    return out;
}

const char *kiosk_data_dir(void)
{
    static char found[4200];
    const char *env = getenv("KIOSK_DATA_DIR");
    if (env && *env)
        return env;
    if (in_build_tree())
        return KIOSK_SOURCE_DIR;
    if (installed_dir(KIOSK_REL_DATA_DIR, found, sizeof found))
        return found;
    if (is_dir(KIOSK_INSTALL_DATA_DIR "/assets"))
        return KIOSK_INSTALL_DATA_DIR;
    return KIOSK_SOURCE_DIR;
}

int kiosk_data_path(const char *rel, char *out, size_t cap)
{
    return !kiosk_fmt(out, cap, "%s/%s", kiosk_data_dir(), rel);
}

const char *kiosk_default_plugin_dir(void)
{
    static char found[4200];
    if (in_build_tree())
        return KIOSK_BUILD_PLUGIN_DIR;
    if (installed_dir(KIOSK_REL_PLUGIN_DIR, found, sizeof found))
        return found;
    return KIOSK_INSTALL_PLUGIN_DIR;
}

const char *kiosk_version(void)
{
    return KIOSK_VERSION;
}

int kiosk_mkdirs(const char *path, int mode)
{
    char buf[4096];
    if (kiosk_strlcpy(buf, path, sizeof buf))
        return -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p == '/') {
            *p = '\0';
            if (mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST)
                return -1;
            *p = '/';
        }
    }
    if (mkdir(buf, (mode_t)mode) != 0 && errno != EEXIST)
        return -1;
    return 0;
}

static void xdg_path(const char *env, const char *fallback, const char *rel, char *out, size_t cap)
{
    const char *base = getenv(env);
    if (base && *base) {
        kiosk_fmt(out, cap, "%s/kiosk/%s", base, rel);
        return;
    }
    const char *home = getenv("HOME");
    kiosk_fmt(out, cap, "%s/%s/kiosk/%s", home && *home ? home : "/var/lib", fallback, rel);
}

void kiosk_default_db_path(char *out, size_t cap)
{
    xdg_path("XDG_DATA_HOME", ".local/share", "kiosk.db", out, cap);
}

void kiosk_default_config_path(char *out, size_t cap)
{
    xdg_path("XDG_CONFIG_HOME", ".config", "kiosk.ini", out, cap);
}

const char *kiosk_status_name(kiosk_status s)
{
    switch (s) {
    case KIOSK_OK:
        return "ok";
    case KIOSK_E_INVALID:
        return "invalid input";
    case KIOSK_E_NOT_FOUND:
        return "not found";
    case KIOSK_E_EXISTS:
        return "already exists";
    case KIOSK_E_FULL:
        return "disk full";
    case KIOSK_E_READONLY:
        return "storage is read-only";
    case KIOSK_E_IO:
        return "i/o error";
    case KIOSK_E_NEWER:
        return "written by a newer version";
    case KIOSK_E_CORRUPT:
        return "not a kiosk database, or damaged";
    case KIOSK_E_DENIED:
        return "denied";
    case KIOSK_E_NOMEM:
        return "out of memory";
    case KIOSK_E_CAPACITY:
        return "class full";
    case KIOSK_E_UNAVAILABLE:
        return "unavailable";
    }
    return "unknown status";
}

int kiosk_read_file(const char *path, char **out, size_t *len)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    char *buf = NULL;
    size_t n = 0, cap = 0;
    for (;;) {
        if (n + 1 >= cap) {
            cap = cap ? cap * 2 : 16384;
            char *more = realloc(buf, cap);
            if (!more) {
                free(buf);
                fclose(f);
                return -1;
            }
            buf = more;
        }
        size_t got = fread(buf + n, 1, cap - n - 1, f);
        if (got == 0)
            break;
        n += got;
    }
    fclose(f);
    buf[n] = '\0';
    *out = buf;
    *len = n;
    return 0;
}

int kiosk_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 1;
    size_t n = *cap ? *cap : 64;
    while (n < need)
        n *= 2;
    void *q = realloc(*p, n * elem);
    if (!q)
        return 0;
    *p = q;
    *cap = n;
    return 1;
}
