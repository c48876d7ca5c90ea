/* The kiosk's settings file (INI: `key = value`; `[section]` prefixes keys with
 * "section.", except [kiosk], the kiosk's own keys): a table of known keys with type, default and
 * doc. It never refuses to start: a bad line is reported (key and line) and that key keeps its
 * default. */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include "common.h"

#include <stdio.h>

enum config_type {
    CONFIG_STRING = 1, /* any text */
    CONFIG_INT,        /* a whole number within [min, max] */
    CONFIG_ENUM,       /* one of the '|'-separated choices */
    CONFIG_BOOL,       /* yes/no, true/false, on/off, 1/0 (read back as "1" or "0") */
    CONFIG_LIST,       /* comma-separated words [a-z0-9_.-] */
    CONFIG_SIZE,       /* WxH in pixels, e.g. 1280x800 */
    CONFIG_CAMERA,     /* auto, none, a device path (/dev/videoN) or file:PATH */
};

/* One known key (rows live in config.c's table). */
struct config_key {
    const char *key;
    int type;            /* enum config_type */
    const char *def;     /* default as text; "" for none */
    const char *choices; /* CONFIG_ENUM: "vi|en" */
    long min, max;       /* CONFIG_INT */
};

struct config;

/* A config with every key at its default. NULL only when out of memory. */
struct config *config_new(void);
void config_free(struct config *c);

/* Reads a settings file. A missing file is KIOSK_E_NOT_FOUND (the caller decides whether
 * that matters); an unreadable one KIOSK_E_IO. Bad lines are recorded as issues and
 * logged as warnings; they never make this fail. */
kiosk_status config_load_file(struct config *c, const char *path);
/* Parses settings text (name is what messages call it, e.g. the file's path). */
void config_parse(struct config *c, const char *text, size_t len, const char *name);
/* Sets a key from the command line (where: "--lang"). Invalid: KIOSK_E_INVALID, an issue
 * is recorded and the value is left as it was. */
kiosk_status config_set(struct config *c, const char *key, const char *value, const char *where);

/* The value: set in the file or by config_set, else the default. NULL for an unknown
 * key; "" for a known key without a default. */
const char *config_get(const struct config *c, const char *key);
/* The value only when it was set explicitly (file or config_set); else NULL. */
const char *config_get_set(const struct config *c, const char *key);
long config_get_int(const struct config *c, const char *key);
int config_get_bool(const struct config *c, const char *key);
/* The path of the file that was read ("" when none). */
const char *config_path(const struct config *c);

/* Issues found so far (unknown keys, bad values, bad lines), one line each, naming the
 * file, the line and the key. */
size_t config_issue_count(const struct config *c);
/* Records (and logs) an issue found outside the file, e.g. a --config that cannot be read. */
void config_note(struct config *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *config_issue(const struct config *c, size_t i);

/* The table of known keys (for docs and tests). */
const struct config_key *config_keys(size_t *count);
const struct config_key *config_key_find(const char *key);
/* Checks value against a key's type; returns 1 when valid, else 0 with why filled. */
int config_value_valid(const struct config_key *k, const char *value, char *why, size_t cap);
/* ---- settings saved from the admin screen (config_screen.c) ---- */
/* The file beside the database (db_path's folder) that holds them. */
void config_screen_path(const char *db_path, char *out, size_t cap);
/* Reads it after the settings file: its keys win; config_path stays the settings file's. A
 * missing file is KIOSK_E_NOT_FOUND (nothing saved yet). */
kiosk_status config_load_screen(struct config *c, const char *path);
/* Sets key = value in the file at path (made 0600 when missing), the other lines kept; the
 * value checked against the key's type first (KIOSK_E_INVALID: nothing written). The file is
 * replaced atomically (a power cut leaves the old or the new one). KIOSK_E_FULL, KIOSK_E_IO. */
kiosk_status config_screen_save(const char *path, const char *key, const char *value);
/* A folder a setting may name: absolute, there, a folder, and a file can be made in it (a
 * file made and removed: KIOSK_E_NOT_FOUND, KIOSK_E_DENIED, KIOSK_E_FULL). */
kiosk_status config_folder_check(const char *path);

/* The key's one line for people, from the string tables (config.<key>, in the export's
 * language: kiosk.ini comments); the key itself when no table has it. */
const char *config_key_doc(const struct config_key *k);
/* Writes every key with its doc and default as a commented INI file. */
void config_write_sample(FILE *out);

#endif
