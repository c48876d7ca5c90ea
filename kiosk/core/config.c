#include "config.h"

#include "export/export_strings.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Every setting the kiosk knows. Add a row for a new setting and its one-line doc to the string
 * tables (config.<key>, Vietnamese and English).
 * A plugin's own settings are named "<plugin id>.<key>" (an INI section [<plugin id>]). */
static const struct config_key keys[] = {
    /* key, type, default, choices, min, max */
    {"lang", CONFIG_ENUM, "vi", "vi|en", 0, 0},
    {"title", CONFIG_STRING, "", NULL, 0, 0},
    {"idle_timeout_s", CONFIG_INT, "60", NULL, 10, 3600},
    {"idle_form_timeout_s", CONFIG_INT, "120", NULL, 10, 3600},
    {"idle_warning_s", CONFIG_INT, "15", NULL, 0, 120},
    {"checkout_undo_min", CONFIG_INT, "10", NULL, 0, 120},
    {"input_method", CONFIG_ENUM, "telex", "telex|vni|off", 0, 0},
    {"tone_style", CONFIG_ENUM, "traditional", "traditional|modern", 0, 0},
    {"plugin_order", CONFIG_LIST, "", NULL, 0, 0},
    {"late_after_min", CONFIG_INT, "15", NULL, 0, 240},
    {"printer", CONFIG_STRING, "", NULL, 0, 0},
    {"sync", CONFIG_STRING, "", NULL, 0, 0},
    {"sync_interval_s", CONFIG_INT, "300", NULL, 30, 86400},
    {"served_event", CONFIG_STRING, "", NULL, 0, 0},
    {"staff_view", CONFIG_BOOL, "no", NULL, 0, 0},
    {"window", CONFIG_SIZE, "", NULL, 0, 0},
    {"db", CONFIG_STRING, "", NULL, 0, 0},
    {"plugin_dir", CONFIG_STRING, "", NULL, 0, 0},
    {"export_dir", CONFIG_STRING, "", NULL, 0, 0},
    {"admin_card_sha256", CONFIG_STRING, "", NULL, 0, 0},
    {"camera", CONFIG_CAMERA, "auto", NULL, 0, 0},
    {"voice", CONFIG_ENUM, "off", "off|on", 0, 0},
    {"log_level", CONFIG_ENUM, "info", "debug|info|warning|error", 0, 0},
};

#define MAX_ISSUES 64

struct config {
    char *values[KIOSK_ARRAY_LEN(keys)]; /* NULL: default */
    int lines[KIOSK_ARRAY_LEN(keys)];    /* line that set it (0: command line) */
    char *issues[MAX_ISSUES];
    size_t issue_count;
    size_t issues_dropped;
    char path[4096];
};

const struct config_key *config_keys(size_t *count)
{
    *count = KIOSK_ARRAY_LEN(keys);
    return keys;
}

static long key_index(const char *key)
{
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(keys); i++)
        if (strcmp(keys[i].key, key) == 0)
            return (long)i;
    return -1;
}

const struct config_key *config_key_find(const char *key)
{
    long i = key_index(key);
    return i < 0 ? NULL : &keys[i];
}

struct config *config_new(void)
{
    return calloc(1, sizeof(struct config));
}

void config_free(struct config *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(keys); i++)
        free(c->values[i]);
    for (size_t i = 0; i < c->issue_count; i++)
        free(c->issues[i]);
    free(c);
}

void config_note(struct config *c, const char *fmt, ...)
{
    char line[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    kiosk_log(KIOSK_LOG_WARN, "%s", line);
    if (c->issue_count >= MAX_ISSUES) {
        c->issues_dropped++;
        return;
    }
    c->issues[c->issue_count] = strdup(line);
    if (c->issues[c->issue_count])
        c->issue_count++;
}

size_t config_issue_count(const struct config *c)
{
    return c->issue_count + c->issues_dropped;
}

const char *config_issue(const struct config *c, size_t i)
{
    if (i < c->issue_count)
        return c->issues[i];
    return "(more issues not kept)";
}

const char *config_path(const struct config *c)
{
    return c->path;
}

static const char *bool_words[][2] = {
    /* true     false */
    {"1", "0"},    {"yes", "no"},   {"true", "false"},
    {"on", "off"}, {"có", "không"}, /* Vietnamese, for coordinators editing by hand */
};

static int parse_bool(const char *v, int *out)
{
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(bool_words); i++) {
        if (strcasecmp(v, bool_words[i][0]) == 0) {
            *out = 1;
            return 1;
        }
        if (strcasecmp(v, bool_words[i][1]) == 0) {
            *out = 0;
            return 1;
        }
    }
    return 0;
}

static int parse_long(const char *v, long *out)
{
    if (!*v)
        return 0;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || *end)
        return 0;
    *out = n;
    return 1;
}

static int in_choices(const char *choices, const char *v)
{
    size_t n = strlen(v);
    const char *p = choices;
    while (*p) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, v, n) == 0)
            return 1;
        if (!bar)
            break;
        p = bar + 1;
    }
    return 0;
}

static int list_valid(const char *v)
{
    for (const char *p = v; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (!(islower(ch) || isdigit(ch) || ch == '_' || ch == '.' || ch == '-' || ch == ',' ||
              ch == ' '))
            return 0;
    }
    return 1;
}

static int size_valid(const char *v)
{
    int w, h;
    char tail;
    return sscanf(v, "%dx%d%c", &w, &h, &tail) == 2 && w >= 320 && h >= 240 && w <= 16384 &&
           h <= 16384;
}

int config_value_valid(const struct config_key *k, const char *v, char *why, size_t cap)
{
    long n;
    int b;
    switch (k->type) {
    case CONFIG_STRING:
        return 1;
    case CONFIG_INT:
        if (!parse_long(v, &n)) {
            kiosk_fmt(why, cap, "'%s' is not a whole number", v);
            return 0;
        }
        if (n < k->min || n > k->max) {
            kiosk_fmt(why, cap, "%ld is outside %ld..%ld", n, k->min, k->max);
            return 0;
        }
        return 1;
    case CONFIG_ENUM:
        if (!in_choices(k->choices, v)) {
            kiosk_fmt(why, cap, "'%s' is not one of %s", v, k->choices);
            return 0;
        }
        return 1;
    case CONFIG_BOOL:
        if (!parse_bool(v, &b)) {
            kiosk_fmt(why, cap, "'%s' is not yes or no", v);
            return 0;
        }
        return 1;
    case CONFIG_LIST:
        if (!list_valid(v)) {
            kiosk_fmt(why, cap, "'%s' is not a comma-separated list of ids", v);
            return 0;
        }
        return 1;
    case CONFIG_SIZE:
        if (*v && !size_valid(v)) {
            kiosk_fmt(why, cap, "'%s' is not a size like 1280x800", v);
            return 0;
        }
        return 1;
    case CONFIG_CAMERA:
        if (strcmp(v, "auto") != 0 && strcmp(v, "none") != 0 && strncmp(v, "/dev/", 5) != 0 &&
            !(strncmp(v, "file:", 5) == 0 && v[5])) {
            kiosk_fmt(why, cap, "'%s' is not auto, none, a /dev/ device or file:PATH", v);
            return 0;
        }
        return 1;
    }
    kiosk_fmt(why, cap, "unknown type");
    return 0;
}

/* Stores a value for key index i; 0 on a bad value (issue recorded). */
static int store_value(struct config *c, long i, const char *v, const char *name, int line)
{
    char why[300];
    if (!config_value_valid(&keys[i], v, why, sizeof why)) {
        if (line > 0)
            config_note(c, "%s:%d: bad value for '%s': %s; using the default '%s'", name, line,
                        keys[i].key, why, keys[i].def);
        else
            config_note(c, "%s: bad value for '%s': %s", name, keys[i].key, why);
        return 0;
    }
    char *copy = strdup(v);
    if (!copy)
        return 0;
    if (keys[i].type == CONFIG_BOOL) {
        int b = 0;
        parse_bool(v, &b);
        strcpy(copy, b ? "1" : "0"); /* fits: every word is at least one byte */
    }
    free(c->values[i]);
    c->values[i] = copy;
    c->lines[i] = line;
    return 1;
}

kiosk_status config_set(struct config *c, const char *key, const char *value, const char *where)
{
    long i = key_index(key);
    if (i < 0) {
        config_note(c, "%s: unknown setting '%s'", where, key);
        return KIOSK_E_INVALID;
    }
    return store_value(c, i, value, where, 0) ? KIOSK_OK : KIOSK_E_INVALID;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
        s[--n] = '\0';
    return s;
}

static void parse_line(struct config *c, char *line, const char *name, int lineno, char *section,
                       size_t section_cap)
{
    char *s = trim(line);
    if (*s == '\0' || *s == '#' || *s == ';')
        return;
    if (*s == '[') {
        char *end = strchr(s, ']');
        if (!end || *trim(end + 1) != '\0') {
            config_note(c, "%s:%d: a section must look like [name]", name, lineno);
            return;
        }
        *end = '\0';
        kiosk_strlcpy(section, trim(s + 1), section_cap);
        return;
    }
    char *eq = strchr(s, '=');
    if (!eq) {
        config_note(c, "%s:%d: expected 'key = value'", name, lineno);
        return;
    }
    *eq = '\0';
    char *k = trim(s), *v = trim(eq + 1);
    size_t vn = strlen(v);
    if (vn >= 2 && v[0] == '"' && v[vn - 1] == '"') {
        v[vn - 1] = '\0';
        v++;
    }
    char full[256];
    if (section[0] && strcmp(section, "kiosk") != 0) /* [kiosk] holds the kiosk's own keys */
        kiosk_fmt(full, sizeof full, "%s.%s", section, k);
    else
        kiosk_strlcpy(full, k, sizeof full);
    long i = key_index(full);
    if (i < 0) {
        config_note(c, "%s:%d: unknown setting '%s' (ignored)", name, lineno, full);
        return;
    }
    if (c->values[i] && c->lines[i] > 0)
        config_note(c, "%s:%d: '%s' is set again (line %d); the last one counts", name, lineno,
                    full, c->lines[i]);
    store_value(c, i, v, name, lineno);
}

void config_parse(struct config *c, const char *text, size_t len, const char *name)
{
    char section[128] = "";
    char line[2048];
    int lineno = 0;
    size_t pos = 0;
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        lineno++;
        size_t n = end - pos;
        if (memchr(text + pos, '\0', n)) {
            config_note(c, "%s:%d: the line holds a NUL byte (not a text file?)", name, lineno);
        } else if (n >= sizeof line) {
            config_note(c, "%s:%d: the line is too long", name, lineno);
        } else {
            memcpy(line, text + pos, n);
            line[n] = '\0';
            parse_line(c, line, name, lineno, section, sizeof section);
        }
        pos = end + 1;
    }
}

kiosk_status config_load_file(struct config *c, const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? KIOSK_E_NOT_FOUND : KIOSK_E_IO;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
        if (len == cap && cap < (1u << 20)) {
            char *more = realloc(buf, cap * 2);
            if (!more)
                break;
            buf = more;
            cap *= 2;
        } else if (len == cap) {
            break; /* a settings file over 1 MiB: read what fits */
        }
    }
    int err = ferror(f);
    fclose(f);
    if (!buf)
        return KIOSK_E_NOMEM;
    if (err) {
        free(buf);
        return KIOSK_E_IO;
    }
    kiosk_strlcpy(c->path, path, sizeof c->path);
    config_parse(c, buf, len, path);
    free(buf);
    return KIOSK_OK;
}

kiosk_status config_load_screen(struct config *c, const char *path)
{
    char keep[sizeof c->path];
    kiosk_strlcpy(keep, c->path, sizeof keep);
    memset(c->lines, 0, sizeof c->lines); /* a key set in both files is not "set again" */
    kiosk_status st = config_load_file(c, path);
    kiosk_strlcpy(c->path, keep, sizeof c->path);
    return st;
}

const char *config_get(const struct config *c, const char *key)
{
    long i = key_index(key);
    if (i < 0)
        return NULL;
    if (c->values[i])
        return c->values[i];
    if (keys[i].type == CONFIG_BOOL) {
        int b = 0;
        parse_bool(keys[i].def, &b);
        return b ? "1" : "0";
    }
    return keys[i].def;
}

const char *config_get_set(const struct config *c, const char *key)
{
    long i = key_index(key);
    return i < 0 ? NULL : c->values[i];
}

long config_get_int(const struct config *c, const char *key)
{
    const char *v = config_get(c, key);
    long n = 0;
    if (v)
        parse_long(v, &n);
    return n;
}

int config_get_bool(const struct config *c, const char *key)
{
    const char *v = config_get(c, key);
    return v && strcmp(v, "1") == 0;
}

const char *config_key_doc(const struct config_key *k)
{
    char key[80];
    kiosk_fmt(key, sizeof key, "config.%s", k->key);
    const char *doc = export_tr(key); /* key itself (this buffer) when missing */
    return strcmp(doc, key) != 0 ? doc : k->key;
}

void config_write_sample(FILE *out)
{
    fprintf(out, "# %s\n", export_tr("config.sample.head"));
    for (size_t i = 0; i < KIOSK_ARRAY_LEN(keys); i++) {
        const struct config_key *k = &keys[i];
        fprintf(out, "\n# %s", config_key_doc(k));
        if (k->type == CONFIG_ENUM)
            fprintf(out, " (%s)", k->choices);
        else if (k->type == CONFIG_INT)
            fprintf(out, " (%ld..%ld)", k->min, k->max);
        fprintf(out, "\n#%s = %s\n", k->key, k->def);
    }
}
