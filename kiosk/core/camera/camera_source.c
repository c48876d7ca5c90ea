/* Sources (camera_source.h): the common part and the file: pictures. */
#include "camera/camera_source_internal.h"

#include "kiosk_png_read.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define FILE_MAX_PIXELS (4096u * 4096u)
#define FILE_MAX_FRAMES 10000

int64_t camera_mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int ends_png(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcasecmp(name + n - 4, ".png") == 0 && name[0] != '.';
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The folder's PNGs, in name order. */
static kiosk_status list_folder(struct camera_source *s, const char *dir, char *why, size_t cap)
{
    DIR *d = opendir(dir);
    if (!d) {
        kiosk_fmt(why, cap, "%s: %s", dir, strerror(errno));
        return KIOSK_E_UNAVAILABLE;
    }
    struct dirent *e;
    while ((e = readdir(d)) && s->file_count < FILE_MAX_FRAMES) {
        if (!ends_png(e->d_name))
            continue;
        char **grown = realloc(s->files, (s->file_count + 1) * sizeof *grown);
        if (!grown)
            break;
        s->files = grown;
        size_t len = strlen(dir) + strlen(e->d_name) + 2;
        if (!(s->files[s->file_count] = malloc(len)))
            break;
        snprintf(s->files[s->file_count++], len, "%s/%s", dir, e->d_name);
    }
    closedir(d);
    qsort(s->files, s->file_count, sizeof *s->files, by_name);
    if (s->file_count == 0) {
        kiosk_fmt(why, cap, "%s: no .png pictures in the folder", dir);
        return KIOSK_E_UNAVAILABLE;
    }
    return KIOSK_OK;
}

static kiosk_status open_file(struct camera_source *s, const char *path, char *why, size_t cap)
{
    struct stat st;
    kiosk_strlcpy(s->name, path, sizeof s->name);
    if (stat(path, &st) != 0) {
        kiosk_fmt(why, cap, "%s: %s", path, strerror(errno));
        return KIOSK_E_UNAVAILABLE;
    }
    if (S_ISDIR(st.st_mode))
        return list_folder(s, path, why, cap);
    s->files = malloc(sizeof *s->files);
    if (!s->files || !(s->files[0] = strdup(path)))
        return KIOSK_E_NOMEM;
    s->file_count = 1;
    return KIOSK_OK;
}

static void sleep_ms(int64_t ms)
{
    if (ms <= 0)
        return;
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static int file_next(struct camera_source *s, int timeout_ms, struct camera_frame *f, char *why,
                     size_t cap)
{
    if (s->file_next >= s->file_count)
        return CAMERA_END;
    int64_t now = camera_mono_ms();
    if (s->due_ms > now + timeout_ms) {
        sleep_ms(timeout_ms);
        return CAMERA_NONE;
    }
    sleep_ms(s->due_ms - now);
    const char *path = s->files[s->file_next++];
    free(s->grey);
    s->grey = NULL;
    kiosk_status st = kiosk_png_read_grey(path, FILE_MAX_PIXELS, &s->grey, &f->width, &f->height);
    s->due_ms = camera_mono_ms() + CAMERA_FILE_FRAME_MS;
    if (st != KIOSK_OK) { /* one unreadable picture is skipped, as a camera drops a frame */
        kiosk_log(KIOSK_LOG_WARN, "camera: cannot read %s (%s)", path, kiosk_status_name(st));
        return CAMERA_NONE;
    }
    f->grey = s->grey;
    f->at_ms = camera_mono_ms();
    (void)why;
    (void)cap;
    return CAMERA_FRAME;
}

kiosk_status camera_source_open(const char *spec, struct camera_source **out, char *why, size_t cap)
{
    struct camera_source *s = calloc(1, sizeof *s);
    if (!s)
        return KIOSK_E_NOMEM;
    kiosk_status st;
    if (strncmp(spec, "file:", 5) == 0) {
        s->kind = SOURCE_FILE;
        st = open_file(s, spec + 5, why, cap);
    } else {
        s->kind = SOURCE_DEVICE;
        st = camera_device_open(s, spec, why, cap);
    }
    if (st != KIOSK_OK) {
        camera_source_close(s);
        return st;
    }
    *out = s;
    return KIOSK_OK;
}

void camera_source_close(struct camera_source *s)
{
    if (!s)
        return;
    if (s->kind == SOURCE_DEVICE)
        camera_device_close(s);
    for (size_t i = 0; i < s->file_count; i++)
        free(s->files[i]);
    free(s->files);
    free(s->grey);
    free(s);
}

const char *camera_source_name(const struct camera_source *s)
{
    return s->name;
}

int camera_source_next(struct camera_source *s, int timeout_ms, struct camera_frame *frame,
                       char *why, size_t cap)
{
    if (s->kind == SOURCE_FILE)
        return file_next(s, timeout_ms, frame, why, cap);
    return camera_device_next(s, timeout_ms, frame, why, cap);
}
