#include "i18n.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LANG_MAX 4 /* vi, en and room for later ones */

struct entry {
    char *key;
    char *text;
    size_t seq; /* load order: of two rows with one key, the later one counts */
};

struct table {
    char lang[8];
    struct entry *entries; /* sorted by key after each load (bsearch) */
    size_t count, cap;
    size_t next_seq;
};

struct i18n {
    char dir[4096];
    struct table tables[LANG_MAX]; /* tables[0] is vi */
    size_t table_count;
    size_t current; /* index into tables */
};

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const struct entry *)a)->key, ((const struct entry *)b)->key);
}

static int entry_seq_cmp(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static struct table *table_for(struct i18n *t, const char *lang)
{
    for (size_t i = 0; i < t->table_count; i++)
        if (strcmp(t->tables[i].lang, lang) == 0)
            return &t->tables[i];
    if (t->table_count == LANG_MAX)
        return NULL;
    struct table *tb = &t->tables[t->table_count++];
    kiosk_strlcpy(tb->lang, lang, sizeof tb->lang);
    return tb;
}

static const struct entry *find(const struct table *tb, const char *key)
{
    if (!tb->count)
        return NULL;
    struct entry probe = {(char *)key, NULL, 0};
    return bsearch(&probe, tb->entries, tb->count, sizeof probe, entry_cmp);
}

/* "\n" becomes a line break, "\t" a tab, "\\" a backslash. */
static char *unescape(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '\\' && i + 1 < n) {
            char e = s[i + 1];
            if (e == 'n' || e == 't' || e == '\\') {
                out[o++] = e == 'n' ? '\n' : e == 't' ? '\t' : '\\';
                i++;
                continue;
            }
        }
        out[o++] = s[i];
    }
    out[o] = '\0';
    return out;
}

/* Adds or replaces key; keeps the table unsorted until sort_table. */
static int put(struct table *tb, const char *key, size_t kn, const char *text, size_t tn)
{
    if (tb->count == tb->cap) {
        size_t cap = tb->cap ? tb->cap * 2 : 256;
        struct entry *more = realloc(tb->entries, cap * sizeof *more);
        if (!more)
            return 0;
        tb->entries = more;
        tb->cap = cap;
    }
    struct entry e = {unescape(key, kn), unescape(text, tn), tb->next_seq++};
    if (!e.key || !e.text) {
        free(e.key);
        free(e.text);
        return 0;
    }
    tb->entries[tb->count++] = e;
    return 1;
}

/* Sorts by key and drops repeats, keeping the one loaded last. */
static void sort_table(struct table *tb, const char *name)
{
    if (tb->count < 2)
        return;
    qsort(tb->entries, tb->count, sizeof *tb->entries, entry_seq_cmp);
    size_t o = 0;
    for (size_t i = 0; i < tb->count; i++) {
        if (o > 0 && strcmp(tb->entries[o - 1].key, tb->entries[i].key) == 0) {
            kiosk_log(KIOSK_LOG_WARN, "strings '%s': key '%s' is defined twice; the later counts",
                      name, tb->entries[i].key);
            free(tb->entries[o - 1].key);
            free(tb->entries[o - 1].text);
            tb->entries[o - 1] = tb->entries[i];
            continue;
        }
        tb->entries[o++] = tb->entries[i];
    }
    tb->count = o;
}

size_t i18n_add_tsv(struct i18n *t, const char *lang, const char *text, size_t len,
                    const char *name)
{
    struct table *tb = table_for(t, lang);
    if (!tb)
        return 0;
    size_t added = 0, pos = 0;
    int lineno = 0;
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3; /* a BOM from a spreadsheet */
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n')
            end++;
        lineno++;
        size_t n = end - pos;
        const char *line = text + pos;
        pos = end + 1;
        if (n > 0 && line[n - 1] == '\r')
            n--;
        if (n == 0 || line[0] == '#')
            continue;
        const char *tab = memchr(line, '\t', n);
        if (!tab || tab == line || memchr(line, '\0', n)) {
            kiosk_log(KIOSK_LOG_WARN, "strings %s:%d: expected 'key<TAB>text'", name, lineno);
            continue;
        }
        size_t kn = (size_t)(tab - line);
        if (put(tb, line, kn, tab + 1, n - kn - 1))
            added++;
    }
    sort_table(tb, name);
    return added;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void load_file(struct i18n *t, const char *lang, const char *path)
{
    char *buf;
    size_t len;
    if (kiosk_read_file(path, &buf, &len) != 0) {
        kiosk_log(KIOSK_LOG_WARN, "cannot read strings '%s'", path);
        return;
    }
    if (buf)
        i18n_add_tsv(t, lang, buf, len, path);
    free(buf);
}

/* Every *.tsv of dir/lang, in name order so a repeat resolves the same way each run. */
static void load_lang(struct i18n *t, const char *lang)
{
    char dir[4200];
    kiosk_fmt(dir, sizeof dir, "%s/%s", t->dir, lang);
    DIR *d = opendir(dir);
    if (!d) {
        kiosk_log(KIOSK_LOG_WARN, "no string tables in '%s'", dir);
        table_for(t, lang);
        return;
    }
    char *names[256];
    size_t n = 0;
    struct dirent *de;
    while ((de = readdir(d)) != NULL && n < KIOSK_ARRAY_LEN(names)) {
        if (de->d_name[0] != '.' && ends_with(de->d_name, ".tsv")) {
            names[n] = strdup(de->d_name);
            if (names[n])
                n++;
        }
    }
    closedir(d);
    qsort(names, n, sizeof names[0], name_cmp);
    table_for(t, lang);
    for (size_t i = 0; i < n; i++) {
        char path[4500];
        kiosk_fmt(path, sizeof path, "%s/%s", dir, names[i]);
        load_file(t, lang, path);
        free(names[i]);
    }
}

static int loaded(const struct i18n *t, const char *lang)
{
    for (size_t i = 0; i < t->table_count; i++)
        if (strcmp(t->tables[i].lang, lang) == 0)
            return 1;
    return 0;
}

kiosk_status i18n_set_lang(struct i18n *t, const char *lang)
{
    if (!lang || !*lang || strlen(lang) >= sizeof t->tables[0].lang || strchr(lang, '/') ||
        lang[0] == '.')
        return KIOSK_E_INVALID;
    if (!loaded(t, lang) && t->dir[0])
        load_lang(t, lang);
    for (size_t i = 0; i < t->table_count; i++) {
        if (strcmp(t->tables[i].lang, lang) == 0) {
            t->current = i;
            return KIOSK_OK;
        }
    }
    return KIOSK_E_NOMEM;
}

kiosk_status i18n_open(const char *strings_dir, const char *lang, struct i18n **out)
{
    struct i18n *t = calloc(1, sizeof *t);
    if (!t)
        return KIOSK_E_NOMEM;
    if (strings_dir)
        kiosk_strlcpy(t->dir, strings_dir, sizeof t->dir);
    /* vi first: it is the reference every other language falls back to */
    if (t->dir[0])
        load_lang(t, "vi");
    else
        table_for(t, "vi");
    kiosk_status st = i18n_set_lang(t, lang ? lang : "vi");
    if (st == KIOSK_E_INVALID) {
        kiosk_log(KIOSK_LOG_WARN, "unknown language '%s'; using vi", lang);
        st = KIOSK_OK;
    }
    *out = t;
    return st;
}

void i18n_free(struct i18n *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->table_count; i++) {
        for (size_t j = 0; j < t->tables[i].count; j++) {
            free(t->tables[i].entries[j].key);
            free(t->tables[i].entries[j].text);
        }
        free(t->tables[i].entries);
    }
    free(t);
}

const char *i18n_lang(const struct i18n *t)
{
    return t->tables[t->current].lang;
}

static const char *lookup(const struct i18n *t, const char *key)
{
    const struct entry *e = find(&t->tables[t->current], key);
    if (!e && t->current != 0)
        e = find(&t->tables[0], key);
    return e ? e->text : NULL;
}

const char *i18n_tr(const struct i18n *t, const char *key)
{
    if (!key)
        return "";
    const char *s = lookup(t, key);
    return s ? s : key;
}

int i18n_has(const struct i18n *t, const char *key)
{
    return key && lookup(t, key) != NULL;
}

const char *i18n_tr_table(const struct i18n *t, const struct kiosk_string *table, const char *key)
{
    if (!key)
        return "";
    int vi = strcmp(i18n_lang(t), "vi") == 0;
    for (const struct kiosk_string *s = table; s && s->key; s++) {
        if (strcmp(s->key, key) != 0)
            continue;
        if (!vi && s->en && *s->en)
            return s->en;
        if (s->vi)
            return s->vi;
        break;
    }
    return i18n_tr(t, key);
}

void i18n_fill(const char *tmpl, const char *const names[], const char *const values[], size_t n,
               char *out, size_t cap)
{
    size_t o = 0;
    for (const char *p = tmpl; *p && o + 1 < cap;) {
        int replaced = 0;
        if (*p == '{') {
            for (size_t i = 0; i < n; i++) {
                size_t len = strlen(names[i]);
                if (strncmp(p + 1, names[i], len) == 0 && p[1 + len] == '}') {
                    o += (size_t)snprintf(out + o, cap - o, "%s", values[i]);
                    if (o >= cap)
                        o = cap - 1;
                    p += len + 2;
                    replaced = 1;
                    break;
                }
            }
        }
        if (!replaced)
            out[o++] = *p++;
    }
    out[o < cap ? o : cap - 1] = '\0';
}
