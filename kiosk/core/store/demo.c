/* The demo's trainees: assets/demo/trainees.tsv (people already on the rosters), registered
 * for the demo program (assets/demo/program.csv, imported by core/program/program_demo.c)
 * inside its transaction. The facts live in the data files. */
#include "domain.h"
#include "program_store.h"
#include "store_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { DEMO_MAX_FIELDS = 12 };

/* Splits line at tabs in place; returns the number of fields. */
static int split_tabs(char *line, char **fields, int max)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = '\0';
    for (char *p = line; n < max;) {
        fields[n++] = p;
        char *tab = strchr(p, '\t');
        if (!tab)
            break;
        *tab = '\0';
        p = tab + 1;
    }
    return n;
}

struct demo_file {
    FILE *f;
    char path[4096];
    int line;
};

static kiosk_status demo_open(struct demo_file *d, const char *rel)
{
    memset(d, 0, sizeof *d);
    kiosk_data_path(rel, d->path, sizeof d->path);
    d->f = fopen(d->path, "r");
    if (!d->f) {
        kiosk_log(KIOSK_LOG_ERROR, "cannot read the demo program '%s'", d->path);
        return KIOSK_E_NOT_FOUND;
    }
    return KIOSK_OK;
}

/* Next data line split into fields; 0 at the end. Comments and blank lines are skipped. */
static int demo_next(struct demo_file *d, char *buf, size_t cap, char **fields, int *n)
{
    while (fgets(buf, (int)cap, d->f)) {
        d->line++;
        if (buf[0] == '#' || buf[0] == '\n' || buf[0] == '\r' || buf[0] == '\0')
            continue;
        *n = split_tabs(buf, fields, DEMO_MAX_FIELDS);
        return 1;
    }
    return 0;
}

static kiosk_status demo_bad(const struct demo_file *d, const char *what)
{
    kiosk_log(KIOSK_LOG_ERROR, "demo program '%s' line %d: %s", d->path, d->line, what);
    return KIOSK_E_CORRUPT;
}

/* Stores a demo trainee under her derived id (once, however many classes she is in). */
static kiosk_status demo_person(store *s, struct kiosk_person *p, const char **why)
{
    char key[KIOSK_NAME_LEN];
    kiosk_status r = store_person_prepare(p, key, why);
    if (r != KIOSK_OK)
        return r;
    char what[KIOSK_NAME_LEN + 32];
    kiosk_fmt(what, sizeof what, "person:%s:%d", key, p->birth_year);
    store_derived_id(what, p->id); /* two demo kiosks hold the same trainees */
    struct kiosk_person known;
    if (store_person_read(s, p->id, &known) == KIOSK_OK)
        return KIOSK_OK;
    return store_person_insert_tx(s, p, key);
}

static kiosk_status fill_trainees(store *s, int *count)
{
    struct demo_file d;
    kiosk_status r = demo_open(&d, "assets/demo/trainees.tsv");
    if (r != KIOSK_OK)
        return r;
    char buf[2048];
    char *f[DEMO_MAX_FIELDS];
    int n;
    while (r == KIOSK_OK && demo_next(&d, buf, sizeof buf, f, &n)) {
        /* event full_name birth_year phone commune district province [given_name] */
        if (n < 7) {
            r = demo_bad(&d, "fewer than 7 columns");
            break;
        }
        struct kiosk_person p = {0};
        kiosk_strlcpy(p.full_name, f[1], sizeof p.full_name);
        p.birth_year = atoi(f[2]);
        kiosk_strlcpy(p.phone, f[3], sizeof p.phone);
        kiosk_strlcpy(p.commune, f[4], sizeof p.commune);
        kiosk_strlcpy(p.district, f[5], sizeof p.district);
        kiosk_strlcpy(p.province, f[6], sizeof p.province);
        if (n > 7)
            kiosk_strlcpy(p.given_name, f[7], sizeof p.given_name);
        struct kiosk_registration reg;
        const char *why = NULL;
        int changed = 0;
        r = demo_person(s, &p, &why);
        if (r == KIOSK_OK)
            r = store_register_tx(s, f[0], &p, "import", &reg, &why, &changed);
        if (r == KIOSK_OK) {
            (*count)++;
        } else if (r == KIOSK_E_NOT_FOUND) {
            r = demo_bad(&d, "no such event code");
        } else if (r == KIOSK_E_INVALID) {
            r = demo_bad(&d, why ? why : "invalid person");
        } else if (r == KIOSK_E_EXISTS) {
            r = demo_bad(&d, "the same trainee twice in one class");
        }
    }
    fclose(d.f);
    return r;
}

kiosk_status store_demo_trainees_tx(store *s, int *count)
{
    *count = 0;
    return fill_trainees(s, count);
}
