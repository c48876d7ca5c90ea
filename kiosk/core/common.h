/* What every core module shares: status codes (from the ABI), random ids, the kiosk
 * clock and the diagnostic log. It never touches the screen or the database. */
#ifndef KIOSK_CORE_COMMON_H
#define KIOSK_CORE_COMMON_H

#include <kiosk/plugin.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#define KIOSK_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* A new random 128-bit id as 32 lower-case hex digits. */
void kiosk_id_new(char out[KIOSK_ID_LEN]);

/* The kiosk's wall clock (UTC ms). Scripts and tests move it; real time otherwise. */
int64_t kiosk_clock_now_ms(void);
/* A clock for durations and deadlines (ms, CLOCK_MONOTONIC): never moved by tests. */
int64_t kiosk_mono_ms(void);
void kiosk_clock_set_ms(int64_t wall_ms); /* from now on, time runs from wall_ms */
void kiosk_clock_freeze(int frozen);      /* frozen: time moves only by kiosk_clock_advance */
void kiosk_clock_advance_ms(int64_t ms);
void kiosk_clock_reset(void); /* back to real time */

/* Local calendar for a wall time (the TZ of the machine). */
void kiosk_local_tm(int64_t at_ms, struct tm *out);
int64_t kiosk_local_day_start_ms(int64_t at_ms); /* local midnight of that day */
int64_t kiosk_local_make_ms(int year, int month, int day, int hour, int minute);

/* The diagnostic log (stderr, "kiosk: ..."). Never pass names or phone numbers. */
enum kiosk_log_level { KIOSK_LOG_DEBUG, KIOSK_LOG_INFO, KIOSK_LOG_WARN, KIOSK_LOG_ERROR };
void kiosk_log(int level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void kiosk_log_set_level(int level);
void kiosk_log_set_sink(void (*sink)(int level, const char *line, void *user), void *user);

/* Safe string copy: always NUL-terminates; returns 1 when it had to cut. */
int kiosk_strlcpy(char *dst, const char *src, size_t cap);
/* Makes *p (an array of *cap elements of elem bytes) hold at least need, doubling from 64;
 * 1 done, 0 out of memory (*p unchanged). */
int kiosk_grow(void **p, size_t *cap, size_t need, size_t elem);
/* snprintf that returns 1 when the output was cut. */
int kiosk_fmt(char *dst, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Where the kiosk's read-only files are (assets/, fonts/): KIOSK_DATA_DIR in the
 * environment, else the installed share dir, else the source tree. */
const char *kiosk_data_dir(void);
/* out = data_dir/rel. Returns 1 when it fits. */
int kiosk_data_path(const char *rel, char *out, size_t cap);
/* The built-in plugin directory: the build tree's when run from it, else the installed one. */
const char *kiosk_default_plugin_dir(void);
const char *kiosk_version(void);

/* mkdir -p with mode for each created directory. Returns 0 on success. */
int kiosk_mkdirs(const char *path, int mode);
/* The default database path ($XDG_DATA_HOME/kiosk/kiosk.db). */
void kiosk_default_db_path(char *out, size_t cap);
void kiosk_default_config_path(char *out, size_t cap);

/* Reads a whole file into *out (NUL-terminated, free()) with its length. Returns 0 on
 * success, -1 when it cannot be opened (errno says why) or memory runs out. */
int kiosk_read_file(const char *path, char **out, size_t *len);

/* A human message for a status, in English, for the diagnostic log. */
const char *kiosk_status_name(kiosk_status s);

#endif
